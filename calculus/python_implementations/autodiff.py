r"""Scalar reverse-mode automatic differentiation: the chain rule on a computational graph.

Every arithmetic step on :class:`Value` objects records a node of a graph: its result, the nodes it was computed
from and, right beside the forward formula, the local derivative of that one step with respect to each input.
``backward()`` visits the graph from the output back to the inputs and applies the chain rule node by node,

    d(out)/d(child) += d(out)/d(node) * d(node)/d(child),

so that after one backward pass every node holds the derivative of the output with respect to itself.
Storing numbers (not closures) keeps the graph free of reference cycles, so it is freed as soon as it is dropped.

See the derivation in ``calculus/chain_rule_backpropagation/README.md``, section "Derivation".
"""

from __future__ import annotations

import math
import numbers

from ._validation import as_real_scalar

__all__ = ["Value"]


def _wrap(other) -> Value:
    """Return ``other`` as a Value (a constant leaf when it is a plain real number)."""
    if isinstance(other, Value):
        return other
    return Value(as_real_scalar(other, "other operand"))  # TypeError for bool, ValueError for NaN and inf


def _is_number(other) -> bool:
    """True for operands the arithmetic accepts: Values and real numbers (bool is rejected later)."""
    return isinstance(other, Value | numbers.Real)


def _checked(value: float, what: str) -> float:
    """Return ``value`` when finite; a forward step that overflows raises instead of spreading inf or NaN."""
    if not math.isfinite(value):
        raise OverflowError(f"{what} is not a finite number (got {value})")
    return value


class Value:
    r"""A real scalar that remembers how it was computed, so that derivatives flow back to its inputs.

    Parameters
    ----------
    data : float
        A finite real number (int, float or numpy scalar; ``bool`` is refused).

    Attributes
    ----------
    data : float
        The value computed in the forward pass.
    grad : float
        :math:`\partial \mathrm{out} / \partial \mathrm{self}` after ``out.backward()``; starts at ``0.0``.

    Raises
    ------
    TypeError
        If ``data`` is not a real number (a string, a complex number, a bool, ...).
    ValueError
        If ``data`` is NaN or infinite.

    Notes
    -----
    Supported: ``+ - * / **`` with a Value or a plain number on either side, unary ``-``, and the methods
    :meth:`exp`, :meth:`log`, :meth:`tanh`, :meth:`sigmoid`, :meth:`relu`. ``x ** p`` with a number ``p`` follows
    the power rule; ``x ** y`` with a Value ``y`` and ``c ** x`` with a number ``c`` need a positive base, because
    their derivative with respect to the exponent is ``base ** exponent * log(base)``.

    Errors are raised where they happen, never passed on as NaN: ``log`` of a non-positive value and a negative
    base with a fractional exponent raise ``ValueError``; a zero denominator (also ``0 ** p`` with ``p < 0``)
    raises ``ZeroDivisionError``; a forward step whose result overflows raises ``OverflowError``.

    Gradient semantics: ``out.backward()`` sets ``out.grad = 1``, resets the gradient of every intermediate
    node of the graph to zero, and *adds* the chain-rule contributions into the leaves (the Values created by
    the user). Calling ``backward`` twice therefore doubles the leaf gradients, and gradients of several
    outputs that share leaves add up, as in PyTorch. Call :meth:`zero_grad` (or set ``p.grad = 0.0`` on the
    parameters) before each new backward pass. The graph is sorted without recursion, so chains of
    hundreds of thousands of operations are fine.

    See the derivation in ``calculus/chain_rule_backpropagation/README.md``, section "Derivation", and the
    engine in section "Code".

    Examples
    --------
    >>> x = Value(2.0)
    >>> y = Value(-3.0)
    >>> z = x * y + x ** 2          # z = -6 + 4 = -2
    >>> z.backward()
    >>> z.data, x.grad, y.grad      # dz/dx = y + 2x = 1, dz/dy = x = 2
    (-2.0, 1.0, 2.0)
    >>> w = Value(0.5)
    >>> (w * w).backward()          # a node used twice: the two contributions add
    >>> w.grad
    1.0
    """

    __slots__ = ("_local", "_op", "_prev", "data", "grad")

    def __init__(self, data):
        if isinstance(data, Value):
            raise TypeError("data must be a real number, got Value (use the Value itself)")
        self.data = as_real_scalar(data, "data")
        self.grad = 0.0
        self._prev: tuple[Value, ...] = ()  # a leaf: no inputs
        self._local: tuple[float, ...] = ()
        self._op = ""

    @classmethod
    def _node(cls, data: float, children: tuple[Value, ...], local: tuple[float, ...], op: str) -> Value:
        """An interior node: its value, its inputs and d(node)/d(input) for each input (the hot path, no checks)."""
        out = cls.__new__(cls)
        out.data = data
        out.grad = 0.0
        out._prev = children
        out._local = local
        out._op = op
        return out

    def __repr__(self) -> str:
        return f"Value(data={self.data!r}, grad={self.grad!r})"

    # Each operation computes its result and, right beside it, the local derivatives of the result with respect
    # to each input. backward() multiplies them by the upstream gradient (chain rule) and adds them up.

    # ----------------------------------------------------------------------------------- binary operations
    def __add__(self, other) -> Value:
        if not isinstance(other, Value):
            if not _is_number(other):
                return NotImplemented
            other = _wrap(other)
        x, y = self.data, other.data
        # forward x + y;  backward d/dx = 1, d/dy = 1
        return Value._node(_checked(x + y, "x + y"), (self, other), (1.0, 1.0), "+")

    def __mul__(self, other) -> Value:
        if not isinstance(other, Value):
            if not _is_number(other):
                return NotImplemented
            other = _wrap(other)
        x, y = self.data, other.data
        # forward x y;  backward d/dx = y, d/dy = x
        return Value._node(_checked(x * y, "x * y"), (self, other), (y, x), "*")

    def __sub__(self, other) -> Value:
        if not isinstance(other, Value):
            if not _is_number(other):
                return NotImplemented
            other = _wrap(other)
        x, y = self.data, other.data
        # forward x - y;  backward d/dx = 1, d/dy = -1
        return Value._node(_checked(x - y, "x - y"), (self, other), (1.0, -1.0), "-")

    def __truediv__(self, other) -> Value:
        if not isinstance(other, Value):
            if not _is_number(other):
                return NotImplemented
            other = _wrap(other)
        x, y = self.data, other.data
        if y == 0.0:
            raise ZeroDivisionError(f"division by zero: denominator is 0.0 (numerator {x})")
        q = _checked(x / y, "x / y")
        # forward q = x / y;  backward d/dx = 1 / y, d/dy = -x / y^2 = -q / y
        return Value._node(q, (self, other), (1.0 / y, -q / y), "/")

    def __pow__(self, other) -> Value:
        if isinstance(other, Value):
            return self._pow_value(other)
        if not isinstance(other, numbers.Real) or isinstance(other, bool):
            return NotImplemented
        p = as_real_scalar(other, "exponent")
        x = self.data
        if x == 0.0 and p < 0:
            raise ZeroDivisionError(f"0.0 ** {p}: zero cannot be raised to a negative power")
        if x < 0 and not p.is_integer():
            raise ValueError(f"a negative base needs an integer exponent, got {x} ** {p}")
        if x == 0.0 and 0 < p < 1:
            raise ValueError(f"x ** {p} has an infinite derivative at x = 0.0 (use a base > 0)")
        # forward x^p;  backward (power rule) d/dx = p x^(p-1); x^0 = 1 is a constant, slope 0 even at x = 0
        data = _checked(_safe_pow(x, p), f"{x} ** {p}")
        slope = 0.0 if p == 0.0 else p * _safe_pow(x, p - 1)
        return Value._node(data, (self,), (_checked(slope, f"the slope of x ** {p} at {x}"),), f"**{p:g}")

    def _pow_value(self, other: Value) -> Value:
        """``self ** other`` when the exponent is a Value too: needs base > 0."""
        a, b = self.data, other.data
        if a <= 0:
            raise ValueError(
                f"a Value exponent needs a base > 0 (its derivative has log(base)), got base {a}"
            )
        log_a = math.log(a)
        c = _checked(_safe_exp(b * log_a), f"{a} ** {b}")
        # forward c = a^b = exp(b log a);  backward d/da = b a^(b-1) = b c / a, d/db = c log a
        return Value._node(c, (self, other), (b * c / a, c * log_a), "**")

    # ------------------------------------------------------------------ reversed operations: number (op) Value
    def __radd__(self, other) -> Value:  # c + x
        return self + other

    def __rmul__(self, other) -> Value:  # c * x
        return self * other

    def __rsub__(self, other) -> Value:  # c - x
        if not _is_number(other):
            return NotImplemented
        return _wrap(other) - self

    def __rtruediv__(self, other) -> Value:  # c / x
        if not _is_number(other):
            return NotImplemented
        return _wrap(other) / self

    def __rpow__(self, other) -> Value:  # c ** x, needs c > 0
        if not _is_number(other):
            return NotImplemented
        return _wrap(other)._pow_value(self)

    # ---------------------------------------------------------------------------------- unary operations
    def __neg__(self) -> Value:
        # forward -x;  backward d/dx = -1
        return Value._node(-self.data, (self,), (-1.0,), "neg")

    def exp(self) -> Value:
        r"""Return :math:`e^x`; the local derivative is :math:`e^x` itself.

        Raises ``OverflowError`` when :math:`e^x` exceeds the float range (x > 709.78).

        Examples
        --------
        >>> x = Value(0.0)
        >>> y = x.exp()
        >>> y.backward()
        >>> y.data, x.grad
        (1.0, 1.0)
        """
        e = _checked(_safe_exp(self.data), f"exp({self.data})")
        # forward e^x;  backward d/dx = e^x
        return Value._node(e, (self,), (e,), "exp")

    def log(self) -> Value:
        r"""Return the natural logarithm :math:`\ln x`; the local derivative is :math:`1 / x`.

        Raises ``ValueError`` naming the value when :math:`x \le 0`.

        Examples
        --------
        >>> x = Value(2.0)
        >>> y = x.log()
        >>> y.backward()
        >>> round(y.data, 6), x.grad
        (0.693147, 0.5)
        """
        x = self.data
        if x <= 0:
            raise ValueError(f"log needs a positive argument, got {x}")
        # forward ln x;  backward d/dx = 1 / x
        return Value._node(math.log(x), (self,), (1.0 / x,), "log")

    def tanh(self) -> Value:
        r"""Return :math:`\tanh x`; the local derivative is :math:`1 - \tanh^2 x`.

        The derivative is evaluated as :math:`4 e^{-2|x|} / (1 + e^{-2|x|})^2`, which equals
        :math:`1 - \tanh^2 x` but keeps full relative accuracy for large |x| where ``1 - t * t`` cancels.

        Examples
        --------
        >>> x = Value(0.0)
        >>> y = x.tanh()
        >>> y.backward()
        >>> y.data, x.grad
        (0.0, 1.0)
        """
        x = self.data
        e = math.exp(-2.0 * abs(x))  # in (0, 1], never overflows
        # forward tanh x;  backward d/dx = 1 - tanh(x)^2 = 4 e^(-2|x|) / (1 + e^(-2|x|))^2, written without the
        # cancellation of 1 - t^2 when |t| is close to 1 (large |x|)
        return Value._node(math.tanh(x), (self,), (4.0 * e / ((1.0 + e) * (1.0 + e)),), "tanh")

    def sigmoid(self) -> Value:
        r"""Return the logistic function :math:`\sigma(x) = 1 / (1 + e^{-x})`, computed without overflow.

        The local derivative :math:`\sigma(x) (1 - \sigma(x))` is evaluated as :math:`\sigma(x) \sigma(-x)`,
        which keeps its relative accuracy for large positive x where ``1 - sigma(x)`` would round to 0.

        Examples
        --------
        >>> x = Value(0.0)
        >>> y = x.sigmoid()
        >>> y.backward()
        >>> y.data, x.grad
        (0.5, 0.25)
        >>> Value(-1000.0).sigmoid().data, Value(1000.0).sigmoid().data
        (0.0, 1.0)
        """
        s, s_neg = _sigmoid_pair(self.data)
        # forward sigma(x);  backward d/dx = sigma(x) (1 - sigma(x)) = sigma(x) sigma(-x)
        return Value._node(s, (self,), (s * s_neg,), "sigmoid")

    def relu(self) -> Value:
        r"""Return :math:`\max(0, x)`; the local derivative is 1 for x > 0 and 0 otherwise (0 at x = 0 by convention).

        Examples
        --------
        >>> x = Value(-2.0)
        >>> y = x.relu()
        >>> y.backward()
        >>> y.data, x.grad
        (0.0, 0.0)
        """
        positive = self.data > 0
        # forward max(0, x);  backward d/dx = 1 if x > 0 else 0
        return Value._node(self.data if positive else 0.0, (self,), (1.0 if positive else 0.0,), "relu")

    # ---------------------------------------------------------------------------------------- backward pass
    def _topological_order(self) -> list[Value]:
        """Every node of the graph ending at ``self``, children before parents, by an iterative depth-first search."""
        order: list[Value] = []
        visited: set[int] = set()
        stack: list[tuple[Value, bool]] = [(self, False)]
        while stack:
            node, children_done = stack.pop()
            if children_done:
                order.append(node)  # all inputs of `node` are already in `order`
                continue
            if id(node) in visited:
                continue
            visited.add(id(node))
            stack.append((node, True))  # comes back after every child pushed below has been finished
            for child in node._prev:
                if id(child) not in visited:
                    stack.append((child, False))
        return order

    def backward(self) -> None:
        r"""Fill ``.grad`` of every node of the graph with the derivative of ``self`` with respect to that node.

        Sets ``self.grad = 1``, zeroes the gradient of every intermediate node, then applies each node's backward
        rule in reverse topological order. Leaves (Values created directly) *accumulate*: a second call adds the
        same gradient again; see :meth:`zero_grad`.

        Returns
        -------
        None

        Notes
        -----
        Cost: one visit of each node and each edge, about the cost of the forward pass, whatever the number of
        inputs. The sort uses an explicit stack, not recursion.

        See the derivation in ``calculus/chain_rule_backpropagation/README.md``, section "Derivation".

        Examples
        --------
        >>> a, b = Value(3.0), Value(4.0)
        >>> c = (a * a + b * b) ** 0.5   # c = 5
        >>> c.backward()
        >>> c.data, a.grad, b.grad     # dc/da = a / c, dc/db = b / c
        (5.0, 0.6, 0.8)
        >>> c.backward()               # leaves accumulate
        >>> a.grad
        1.2
        """
        order = self._topological_order()
        for node in order:
            if node._prev:
                node.grad = 0.0  # intermediate results: the derivative of this pass only
        self.grad = 1.0  # d(out)/d(out)
        for node in reversed(order):  # parents before children: node.grad is final when it is used
            g = node.grad
            for child, local in zip(node._prev, node._local, strict=True):
                child.grad += local * g  # chain rule: d(out)/d(child) += d(out)/d(node) * d(node)/d(child)

    def zero_grad(self) -> None:
        r"""Set ``.grad = 0`` on every node of the graph ending at ``self``, leaves included.

        Call it on a freshly built loss before ``backward()`` so that gradients of earlier passes do not add up.

        See the derivation in ``calculus/chain_rule_backpropagation/README.md``, section "Code".

        Examples
        --------
        >>> x = Value(1.5)
        >>> y = x * 2
        >>> y.backward(); y.backward()
        >>> x.grad
        4.0
        >>> y.zero_grad(); y.backward()
        >>> x.grad
        2.0
        """
        for node in self._topological_order():
            node.grad = 0.0


def _safe_pow(x: float, p: float) -> float:
    """``x ** p`` as a float, inf instead of OverflowError (the caller has excluded complex results)."""
    try:
        return float(x**p)
    except OverflowError:
        return math.inf


def _safe_exp(t: float) -> float:
    """``math.exp`` returning inf instead of raising, so that ``_checked`` can name the operation."""
    try:
        return math.exp(t)
    except OverflowError:
        return math.inf


def _sigmoid_pair(x: float) -> tuple[float, float]:
    """Return (sigma(x), sigma(-x)) without overflow: only exp(-|x|) <= 1 is ever formed."""
    e = math.exp(-abs(x))  # in (0, 1]
    big, small = 1.0 / (1.0 + e), e / (1.0 + e)  # sigma(|x|), sigma(-|x|)
    return (big, small) if x >= 0 else (small, big)
