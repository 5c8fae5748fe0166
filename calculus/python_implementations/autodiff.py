r"""Scalar reverse-mode automatic differentiation: the chain rule on a computational graph.

Every arithmetic step on :class:`Value` objects records a node of a graph: its result, its *inputs* (the nodes it
was computed from) and, right beside the forward formula, the local derivative of that one step with respect to
each input. ``backward()`` visits the graph from the output back to the inputs and applies the chain rule node by
node, from each node to its inputs,

    d(out)/d(input) += d(out)/d(node) * d(node)/d(input),

so that after one backward pass every node holds the derivative of the output with respect to itself. A node that
uses another as an input is one of its *consumers*. Storing numbers (not closures) keeps the graph free of
reference cycles, so it is freed as soon as it is dropped.

The same engine on numpy arrays, one array per node, is :class:`Tensor` (defined in ``tensor.py``, re-exported here).

See the derivation in ``calculus/chain_rule_backpropagation/README.md``, section "Derivation".
"""

from __future__ import annotations

import math
import numbers

from ._validation import as_real_scalar

__all__ = ["Tensor", "Value"]


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
    :meth:`exp`, :meth:`log`, :meth:`log1p`, :meth:`softplus`, :meth:`tanh`, :meth:`sigmoid`, :meth:`relu`. ``x ** p`` with a number ``p`` follows
    the power rule; ``x ** y`` with a Value ``y`` and ``c ** x`` with a number ``c`` need a positive base, because
    their derivative with respect to the exponent is ``base ** exponent * log(base)``.

    Errors are raised where they happen, never passed on as NaN or inf: ``log`` of a non-positive value and a
    negative base with a fractional exponent raise ``ValueError``; a zero denominator (also ``0 ** p`` with
    ``p < 0``) raises ``ZeroDivisionError``; a forward step whose result overflows raises ``OverflowError``.
    A *local derivative* may overflow although the result does not (``1 / x`` for ``log`` at ``x = 5e-324``,
    ``-x / y^2`` for ``x / y`` at ``y = 1e-200``): it is stored as ``inf``, and ``backward()`` decides. An
    upstream gradient that is exactly zero sends nothing back (``0`` times the finite number that overflowed is
    exactly ``0``); one that is zero only because it underflowed, and any other product or sum that is not
    finite, raise ``OverflowError`` naming the operation. So every ``grad`` is a finite number.

    Gradient semantics: ``out.backward()`` resets the gradient of every intermediate node of the graph to zero,
    *adds* 1 to ``out.grad`` and *adds* the chain-rule contributions into the leaves (the Values created by the
    user). Calling ``backward`` twice therefore doubles the leaf gradients (also when ``out`` is itself a leaf),
    and gradients of several outputs that share leaves add up, as in PyTorch. Call :meth:`zero_grad` (or set
    ``p.grad = 0.0`` on the parameters) before each new backward pass. The graph is sorted without recursion, so
    chains of hundreds of thousands of operations are fine.

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

    __slots__ = ("_inputs", "_local", "_op", "data", "grad")

    def __init__(self, data):
        if isinstance(data, Value):
            raise TypeError("data must be a real number, got Value (use the Value itself)")
        self.data = as_real_scalar(data, "data")
        self.grad = 0.0
        self._inputs: tuple[Value, ...] = ()  # a leaf: no inputs
        self._local: tuple[float, ...] = ()
        self._op = ""

    @classmethod
    def _node(cls, data: float, inputs: tuple[Value, ...], local: tuple[float, ...], op: str) -> Value:
        """An interior node: its value, its inputs and d(node)/d(input) for each input (the hot path, no checks)."""
        out = cls.__new__(cls)
        out.data = data
        out.grad = 0.0
        out._inputs = inputs
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
        slope = 0.0 if p == 0.0 else p * _safe_pow(x, p - 1)  # may be +-inf (tiny x, p < 1): backward decides
        return Value._node(data, (self,), (slope,), f"**{p:g}")

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

    def log1p(self) -> Value:
        r"""Return :math:`\log(1 + x)`, accurate also for tiny :math:`|x|`; the local derivative is :math:`1/(1 + x)`.

        ``(1 + x).log()`` first rounds :math:`1 + x` and loses the digits of a small :math:`x` (all of them for
        :math:`|x| < u`); ``math.log1p`` keeps them. Raises ``ValueError`` naming the value when :math:`x \le -1`.

        Examples
        --------
        >>> x = Value(1e-20)
        >>> y = x.log1p()
        >>> y.backward()
        >>> y.data, (1 + x).log().data, x.grad     # log(1 + 1e-20) = 1e-20, not 0
        (1e-20, 0.0, 1.0)
        """
        x = self.data
        if x <= -1:
            raise ValueError(f"log1p needs an argument > -1, got {x}")
        # forward log(1 + x);  backward d/dx = 1 / (1 + x)
        return Value._node(math.log1p(x), (self,), (1.0 / (1.0 + x),), "log1p")

    def softplus(self) -> Value:
        r"""Return :math:`\log(1 + e^x)`, computed as :math:`\max(x, 0) + \mathrm{log1p}(e^{-|x|})`.

        Only :math:`e^{-|x|} \le 1` is formed, so nothing overflows, and the two terms are never of opposite sign,
        so nothing cancels: the result keeps full relative accuracy for every finite x (it is :math:`e^{x}` to
        within rounding for very negative x). The local derivative is :math:`\sigma(x)`, from the same
        overflow-free pair as :meth:`sigmoid`.

        Examples
        --------
        >>> x = Value(-40.0)
        >>> y = x.softplus()
        >>> y.backward()
        >>> f"{y.data:.3e}", f"{x.grad:.3e}"          # both e^-40 to three digits
        ('4.248e-18', '4.248e-18')
        >>> Value(800.0).softplus().data, Value(0.0).softplus().data == math.log(2)
        (800.0, True)
        """
        x = self.data
        s, _ = _sigmoid_pair(x)
        # forward max(x, 0) + log1p(e^-|x|);  backward d/dx = e^x / (1 + e^x) = sigma(x)
        return Value._node(max(x, 0.0) + math.log1p(math.exp(-abs(x))), (self,), (s,), "softplus")

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
        """Every node of the graph ending at ``self``, each after all of its inputs (see :func:`_topological_order`)."""
        return _topological_order(self)

    def backward(self) -> None:
        r"""Fill ``.grad`` of every node of the graph with the derivative of ``self`` with respect to that node.

        Zeroes the gradient of every intermediate node, adds 1 to ``self.grad`` (``d self / d self = 1``), then
        applies each node's backward rule in reverse topological order. Leaves (Values created directly)
        *accumulate*: a second call adds the same gradient again, also when ``self`` is a leaf; see
        :meth:`zero_grad`.

        Returns
        -------
        None

        Raises
        ------
        OverflowError
            If a gradient is not finite: a local derivative that overflowed (stored as ``inf``) met a non-zero
            upstream gradient, or one that underflowed to 0, or a product or sum overflowed. The message names the
            operation.

        Notes
        -----
        A node whose gradient is exactly 0 sends nothing to its inputs: ``0 * local`` is 0 for every finite local
        derivative, including one that overflowed to ``inf``. A gradient that is 0 only because a product of two
        non-zero numbers underflowed (below the smallest subnormal, about ``5e-324``) is not exactly 0: the pass
        remembers it, and raises ``OverflowError`` if such a 0 meets a local derivative that overflowed (their
        true product may be any size); with a finite local derivative the contribution lost is below
        ``2**-1075 * 2**1024``, about ``4.4e-16`` in absolute value. Cost: one visit of each node and each edge,
        about the cost of the forward pass, whatever the number of inputs. The sort uses an explicit stack, not
        recursion.

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
            if node._inputs:
                node.grad = 0.0  # intermediate results: the derivative of this pass only
        self.grad += 1.0  # d(out)/d(out) = 1, added like every other contribution (a leaf accumulates)
        underflowed: set[int] = set()  # nodes whose adjoint lost a contribution to underflow (a product rounded to 0)
        for node in reversed(order):  # consumers before inputs: node.grad is final when it is used
            g = node.grad
            if g == 0.0:
                if id(node) in underflowed:  # this 0 stands for a number too small to represent, not for 0
                    for inp, local in zip(node._inputs, node._local, strict=True):
                        if math.isinf(local):
                            raise OverflowError(
                                f"backward through '{node._op}': the upstream gradient underflowed to 0 and the "
                                f"local derivative overflowed ({local!r}); their product is not known"
                            )
                        if local != 0.0:
                            underflowed.add(id(inp))  # the input misses that tiny contribution too
                continue  # nothing flows back: 0 * local = 0, even for a local derivative that overflowed
            for inp, local in zip(node._inputs, node._local, strict=True):
                contribution = local * g  # chain rule: d(out)/d(inp) += d(out)/d(node) * d(node)/d(inp)
                total = inp.grad + contribution
                if not math.isfinite(total):
                    raise OverflowError(
                        f"backward through '{node._op}': the gradient of an input is not finite (local derivative "
                        f"{local!r} times upstream gradient {g!r}, added to {inp.grad!r})"
                    )
                if contribution == 0.0 and local != 0.0:
                    underflowed.add(id(inp))  # two non-zero factors whose product underflowed
                inp.grad = total

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


def _topological_order(out) -> list:
    """Every node of the graph ending at ``out``, each after all of its inputs (iterative depth-first search).

    Works for any node type with an ``_inputs`` tuple: :class:`Value` here and ``Tensor`` in ``tensor.py`` share it.
    """
    order: list = []
    visited: set[int] = set()
    stack: list[tuple[object, bool]] = [(out, False)]
    while stack:
        node, inputs_done = stack.pop()
        if inputs_done:
            order.append(node)  # all inputs of `node` are already in `order`
            continue
        if id(node) in visited:
            continue
        visited.add(id(node))
        stack.append((node, True))  # comes back after every input pushed below has been finished
        for inp in node._inputs:
            if id(inp) not in visited:
                stack.append((inp, False))
    return order


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


# The array engine lives in tensor.py (this file holds the scalar one); ``autodiff.Tensor`` is its public name.
# Imported last: tensor.py uses _topological_order above.
from .tensor import Tensor  # noqa: E402
