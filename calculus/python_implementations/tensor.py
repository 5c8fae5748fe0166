r"""Reverse-mode automatic differentiation on numpy arrays: the engine of ``autodiff.Value``, one array per node.

A :class:`Tensor` node holds a whole array. Its backward rule sends a *vector-Jacobian product* to each input: for
an output of shape ``s`` and an upstream gradient ``g`` of the same shape (the adjoint, d(out)/d(node)), each input
receives ``g`` contracted with the Jacobian of the operation, an array of the input's own shape. The Jacobian itself
is never formed:

- elementwise operations (``+ - * /``, ``exp``, ``log``, ``tanh``, ``sigmoid``, ``relu``, ``softplus``) have a
  diagonal Jacobian, stored as an array of local derivatives right beside the forward value, exactly as ``Value``
  stores one number; the product ``local * g`` is then summed over the axes that broadcasting added;
- ``A @ B`` sends ``g @ B.T`` to ``A`` and ``A.T @ g`` to ``B`` (the dense-layer formulas of the chapter);
- ``sum`` copies ``g`` back along the summed axes, ``reshape`` and ``transpose`` undo themselves on ``g``;
- ``softmax_cross_entropy`` stores its gradient ``(P - Y) / n``, computed without cancellation.

The conventions are those of ``Value``: operands are *inputs*, users are *consumers*; ``backward()`` zeroes the
intermediate gradients, adds the seed to the output's gradient and accumulates into the leaves; a zero upstream
gradient sends nothing back (without ``Value``'s check for a zero that underflowed); a gradient that is not
finite raises ``OverflowError`` naming the operation; the graph is sorted without recursion.

See the derivation in ``calculus/chain_rule_backpropagation/README.md``, section "A reverse-mode engine on arrays".
"""

from __future__ import annotations

import numbers

import numpy as np

from .autodiff import _topological_order
from .derivatives import _sigmoid, _softmax_cross_entropy_logits, _softplus

__all__ = ["Tensor"]


def _as_array(x, name: str) -> np.ndarray:
    """A new finite float64 array from real numbers (bool, complex, strings and NaN/inf are refused)."""
    if isinstance(x, Tensor):
        raise TypeError(f"{name} must be an array of real numbers, got Tensor (use the Tensor itself)")
    try:
        arr = np.asarray(x)
    except ValueError as exc:  # ragged nested lists
        raise ValueError(f"{name} must be a rectangular array of real numbers: {exc}") from None
    if arr.dtype.kind not in "iuf":
        raise TypeError(f"{name} must hold real numbers, got dtype {arr.dtype} ({type(x).__name__})")
    arr = np.array(arr, dtype=float, copy=True)
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty, got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must contain only finite numbers (no NaN or inf)")
    return arr


def _wrap(other) -> Tensor:
    """``other`` as a Tensor (a constant leaf when it is a number or an array)."""
    return other if isinstance(other, Tensor) else Tensor(_as_array(other, "other operand"))


def _is_operand(other) -> bool:
    return isinstance(other, Tensor | numbers.Real | np.ndarray | list | tuple | np.generic)


def _checked(value: np.ndarray, what: str) -> np.ndarray:
    """Return ``value`` when every entry is finite; a forward step that overflows raises instead."""
    if not np.all(np.isfinite(value)):
        raise OverflowError(f"{what} has entries that are not finite numbers (overflow)")
    return value


def _broadcast_check(x: np.ndarray, y: np.ndarray, op: str) -> None:
    try:
        np.broadcast_shapes(x.shape, y.shape)
    except ValueError:
        raise ValueError(
            f"other operand of shape {y.shape} does not broadcast with shape {x.shape} in '{op}'"
        ) from None


def _sum_to_shape(g: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Sum ``g`` over the axes broadcasting added or stretched, so that it has ``shape`` again.

    A value broadcast along an axis was *used* once per entry of that axis, so its adjoint is the sum of the
    adjoints of those entries (the rule "paths add up").
    """
    g = np.asarray(g)
    if g.shape == shape:
        return g
    g = g.sum(axis=tuple(range(g.ndim - len(shape))))  # leading axes that broadcasting prepended
    stretched = tuple(i for i, n in enumerate(shape) if n == 1 and g.shape[i] != 1)
    return g.sum(axis=stretched, keepdims=True) if stretched else g  # axes of length 1 that were stretched


def _normalise_axes(axis, ndim: int) -> tuple[int, ...]:
    """``axis`` (None, an int or a tuple of ints) as a sorted tuple of distinct non-negative axes."""
    if axis is None:
        return tuple(range(ndim))
    items = axis if isinstance(axis, tuple) else (axis,)
    out = []
    for a in items:
        if isinstance(a, bool) or not isinstance(a, numbers.Integral):
            raise TypeError(f"axis must be None, an int or a tuple of ints, got {axis!r}")
        if not -ndim <= a < ndim:
            raise ValueError(f"axis {a} is out of range for an array with {ndim} dimensions")
        out.append(int(a) % ndim)
    if len(set(out)) != len(out):
        raise ValueError(f"axis must not repeat an axis, got {axis!r}")
    return tuple(sorted(out))


class Tensor:
    r"""A real array that remembers how it was computed, so that gradients flow back to its inputs.

    Parameters
    ----------
    data : array_like
        A non-empty array of finite real numbers (a number is a 0-d array); it is copied to float64.

    Attributes
    ----------
    data : ndarray
        The value computed in the forward pass.
    grad : ndarray of the same shape as ``data``
        :math:`\partial \mathrm{out} / \partial \mathrm{self}` after ``out.backward()``; starts at zeros.

    Raises
    ------
    TypeError
        If ``data`` does not hold real numbers (bool, complex, strings, objects, a Tensor).
    ValueError
        If ``data`` is empty or holds NaN or inf.

    Notes
    -----
    Supported: ``+ - * /`` with a Tensor, a number or an array on either side (numpy broadcasting; the gradient of a
    broadcast operand is summed back to its shape), unary ``-``, ``@`` (1-D and 2-D operands), and the methods
    :meth:`sum`, :meth:`mean`, :meth:`exp`, :meth:`log`, :meth:`tanh`, :meth:`sigmoid`, :meth:`relu`,
    :meth:`softplus`, :meth:`reshape`, :meth:`transpose` (also ``.T``) and :meth:`softmax_cross_entropy`.

    Errors follow ``Value``: ``log`` of a non-positive entry raises ``ValueError``, a zero denominator
    ``ZeroDivisionError``, a forward result that overflows ``OverflowError``. A local derivative may overflow
    although the result does not (``1 / x`` for ``log`` at ``x = 5e-324``); it is stored as ``inf`` and the backward
    pass decides: an entry whose upstream gradient is 0 contributes 0, any other non-finite gradient raises
    ``OverflowError`` naming the operation. So every ``grad`` is finite. Unlike ``Value``, underflow is not
    tracked: an upstream gradient that underflowed to 0 (rather than being exactly 0) also contributes 0 where the
    local derivative overflowed, although the true product may be large.

    Gradient semantics, as for ``Value`` and PyTorch: ``out.backward()`` resets the gradients of the intermediate
    nodes, *adds* the seed (1 for a one-entry output) to ``out.grad`` and *adds* the contributions into the leaves;
    call :meth:`zero_grad` between passes. ``out.backward(u)`` with an array ``u`` of the output's shape computes the
    vector-Jacobian product :math:`\mathbf{u}^\top J` into the leaves.

    See the derivation in ``calculus/chain_rule_backpropagation/README.md``, section "A reverse-mode engine on arrays".

    Examples
    --------
    >>> W = Tensor([[1.0, 2.0], [3.0, 4.0]])
    >>> x = Tensor([1.0, -1.0])
    >>> loss = (W @ x).sum()            # (1 - 2) + (3 - 4) = -2
    >>> loss.backward()
    >>> loss.data, W.grad.tolist(), x.grad.tolist()   # dL/dW = 1 x^T, dL/dx = W^T 1
    (array(-2.), [[1.0, -1.0], [1.0, -1.0]], [4.0, 6.0])
    >>> b = Tensor([10.0, 20.0])
    >>> out = (Tensor(np.ones((3, 2))) + b).sum()     # b is broadcast to 3 rows: each entry is used 3 times
    >>> out.backward()
    >>> b.grad.tolist()
    [3.0, 3.0]
    """

    __slots__ = ("_inputs", "_local", "_op", "data", "grad")
    __array_ufunc__ = None  # `ndarray (op) Tensor` defers to the Tensor's reflected operator instead of looping

    def __init__(self, data):
        self.data = _as_array(data, "data")
        self.grad = np.zeros_like(self.data)
        self._inputs: tuple[Tensor, ...] = ()  # a leaf: no inputs
        self._local: tuple = ()
        self._op = ""

    @classmethod
    def _node(cls, data: np.ndarray, inputs: tuple[Tensor, ...], local: tuple, op: str) -> Tensor:
        """An interior node: its value, its inputs and what its backward rule needs (the hot path, no checks)."""
        out = cls.__new__(cls)
        out.data = np.asarray(data, dtype=float)
        out.grad = np.zeros_like(out.data)
        out._inputs = inputs
        out._local = local
        out._op = op
        return out

    @property
    def shape(self) -> tuple[int, ...]:
        """The shape of ``data``."""
        return self.data.shape

    @property
    def T(self) -> Tensor:
        """The transpose, as :meth:`transpose` with no arguments."""
        return self.transpose()

    def __repr__(self) -> str:
        return f"Tensor(shape={self.data.shape}, data={np.array2string(self.data, threshold=6)})"

    # Elementwise operations store, right beside the forward value, the local derivative of every entry of the
    # result with respect to the matching entry of each input (the diagonal of the Jacobian). backward() multiplies
    # it by the upstream gradient and sums over the axes that broadcasting added.

    # ----------------------------------------------------------------------------------- binary operations
    def __add__(self, other) -> Tensor:
        if not _is_operand(other):
            return NotImplemented
        other = _wrap(other)
        x, y = self.data, other.data
        _broadcast_check(x, y, "+")
        # forward x + y;  backward d/dx = 1, d/dy = 1
        with np.errstate(over="ignore"):
            return Tensor._node(_checked(x + y, "x + y"), (self, other), (1.0, 1.0), "+")

    def __sub__(self, other) -> Tensor:
        if not _is_operand(other):
            return NotImplemented
        other = _wrap(other)
        x, y = self.data, other.data
        _broadcast_check(x, y, "-")
        # forward x - y;  backward d/dx = 1, d/dy = -1
        with np.errstate(over="ignore"):
            return Tensor._node(_checked(x - y, "x - y"), (self, other), (1.0, -1.0), "-")

    def __mul__(self, other) -> Tensor:
        if not _is_operand(other):
            return NotImplemented
        other = _wrap(other)
        x, y = self.data, other.data
        _broadcast_check(x, y, "*")
        # forward x y;  backward d/dx = y, d/dy = x
        with np.errstate(over="ignore"):
            return Tensor._node(_checked(x * y, "x * y"), (self, other), (y, x), "*")

    def __truediv__(self, other) -> Tensor:
        if not _is_operand(other):
            return NotImplemented
        other = _wrap(other)
        x, y = self.data, other.data
        _broadcast_check(x, y, "/")
        if np.any(y == 0.0):
            raise ZeroDivisionError(f"division by zero: the denominator has {int(np.sum(y == 0.0))} zero entries")
        with np.errstate(over="ignore", under="ignore"):
            q = _checked(x / y, "x / y")
            # forward q = x / y;  backward d/dx = 1 / y, d/dy = -x / y^2 = -q / y (may overflow: backward decides)
            return Tensor._node(q, (self, other), (1.0 / y, -q / y), "/")

    def __matmul__(self, other) -> Tensor:
        if not _is_operand(other):
            return NotImplemented
        other = _wrap(other)
        A, B = self.data, other.data
        for name, M in (("left operand", A), ("right operand", B)):
            if M.ndim not in (1, 2):
                raise ValueError(f"@ needs 1-D or 2-D operands, the {name} has shape {M.shape}")
        if A.shape[-1] != B.shape[0]:
            raise ValueError(f"@ needs matching inner dimensions, got shapes {A.shape} and {B.shape}")
        # forward A B;  backward: A receives G B^T, B receives A^T G (no Jacobian formed; rule in _input_gradients)
        with np.errstate(over="ignore", invalid="ignore"):
            return Tensor._node(_checked(A @ B, "A @ B"), (self, other), (B, A), "@")

    # ------------------------------------------------------------------ reversed operations: number (op) Tensor
    def __radd__(self, other) -> Tensor:  # c + x
        return self + other

    def __rmul__(self, other) -> Tensor:  # c * x
        return self * other

    def __rsub__(self, other) -> Tensor:  # c - x
        if not _is_operand(other):
            return NotImplemented
        return _wrap(other) - self

    def __rtruediv__(self, other) -> Tensor:  # c / x
        if not _is_operand(other):
            return NotImplemented
        return _wrap(other) / self

    def __rmatmul__(self, other) -> Tensor:  # array @ x
        if not _is_operand(other):
            return NotImplemented
        return _wrap(other) @ self

    # ---------------------------------------------------------------------------------- unary operations
    def __neg__(self) -> Tensor:
        # forward -x;  backward d/dx = -1
        return Tensor._node(-self.data, (self,), (-1.0,), "neg")

    def exp(self) -> Tensor:
        r"""Return :math:`e^x` entry by entry; the local derivative is :math:`e^x` itself.

        Raises ``OverflowError`` when an entry exceeds 709.78.

        Examples
        --------
        >>> x = Tensor([0.0, 1.0])
        >>> y = x.exp().sum()
        >>> y.backward()
        >>> x.grad.round(4).tolist()
        [1.0, 2.7183]
        """
        with np.errstate(over="ignore"):
            e = _checked(np.exp(self.data), "exp(x)")
        # forward e^x;  backward d/dx = e^x
        return Tensor._node(e, (self,), (e,), "exp")

    def log(self) -> Tensor:
        r"""Return :math:`\ln x` entry by entry; the local derivative is :math:`1 / x`.

        Raises ``ValueError`` when an entry is :math:`\le 0`.

        Examples
        --------
        >>> x = Tensor([1.0, 4.0])
        >>> x.log().sum().backward()
        >>> x.grad.tolist()
        [1.0, 0.25]
        """
        x = self.data
        if np.any(x <= 0):
            raise ValueError(f"log needs positive entries, got smallest entry {x.min()}")
        with np.errstate(divide="ignore", over="ignore"):
            # forward ln x;  backward d/dx = 1 / x (inf for a subnormal x: backward decides)
            return Tensor._node(np.log(x), (self,), (1.0 / x,), "log")

    def tanh(self) -> Tensor:
        r"""Return :math:`\tanh x`; the local derivative :math:`1 - \tanh^2 x` is computed as :math:`4e^{-2|x|}/(1 + e^{-2|x|})^2`.

        The second form keeps full relative accuracy for large :math:`|x|`, where ``1 - t * t`` cancels.

        Examples
        --------
        >>> x = Tensor([0.0, 20.0])
        >>> x.tanh().sum().backward()
        >>> x.grad[0], bool(x.grad[1] > 0)          # 1 - tanh(20)^2 = 1.7e-17, not 0
        (np.float64(1.0), True)
        """
        x = self.data
        e = np.exp(-2.0 * np.abs(x))  # in (0, 1], never overflows
        # forward tanh x;  backward d/dx = 1 - tanh(x)^2 = 4 e^(-2|x|) / (1 + e^(-2|x|))^2, no cancellation
        return Tensor._node(np.tanh(x), (self,), (4.0 * e / ((1.0 + e) * (1.0 + e)),), "tanh")

    def sigmoid(self) -> Tensor:
        r"""Return :math:`\sigma(x) = 1/(1 + e^{-x})` without overflow; the local derivative is :math:`\sigma(x)\sigma(-x)`.

        Examples
        --------
        >>> x = Tensor([0.0, -1000.0, 1000.0])
        >>> y = x.sigmoid()
        >>> y.sum().backward()
        >>> y.data.tolist(), x.grad.tolist()
        ([0.5, 0.0, 1.0], [0.25, 0.0, 0.0])
        """
        s, s_neg = _sigmoid(self.data), _sigmoid(-self.data)
        # forward sigma(x);  backward d/dx = sigma(x) (1 - sigma(x)) = sigma(x) sigma(-x)
        return Tensor._node(s, (self,), (s * s_neg,), "sigmoid")

    def relu(self) -> Tensor:
        r"""Return :math:`\max(0, x)`; the local derivative is 1 where x > 0 and 0 elsewhere (0 at x = 0).

        Examples
        --------
        >>> x = Tensor([-2.0, 0.0, 3.0])
        >>> x.relu().sum().backward()
        >>> x.grad.tolist()
        [0.0, 0.0, 1.0]
        """
        positive = self.data > 0
        # forward max(0, x);  backward d/dx = 1 if x > 0 else 0
        return Tensor._node(np.where(positive, self.data, 0.0), (self,), (positive.astype(float),), "relu")

    def softplus(self) -> Tensor:
        r"""Return :math:`\log(1 + e^x) = \max(x, 0) + \mathrm{log1p}(e^{-|x|})`; the local derivative is :math:`\sigma(x)`.

        Neither overflows nor cancels (see ``Value.softplus``): the binary cross-entropy of a logit ``f`` and a
        label ``y`` is ``((1 - 2 y) * f).softplus()``.

        Examples
        --------
        >>> f = Tensor([40.0])
        >>> loss = (-f).softplus().sum()            # label 1: log(1 + e^-40), tiny but not 0
        >>> loss.backward()
        >>> f"{loss.data:.3e}", f"{f.grad[0]:.3e}"
        ('4.248e-18', '-4.248e-18')
        """
        # forward max(x, 0) + log1p(e^-|x|);  backward d/dx = sigma(x)
        return Tensor._node(_softplus(self.data), (self,), (_sigmoid(self.data),), "softplus")

    # ---------------------------------------------------------------------------- reductions and shapes
    def sum(self, axis=None, keepdims: bool = False) -> Tensor:
        r"""Sum over ``axis`` (None: all entries; an int or a tuple of ints), as ``numpy.sum``.

        The local derivative of a sum with respect to each summand is 1, so the backward pass copies the upstream
        gradient back along the summed axes.

        Examples
        --------
        >>> X = Tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
        >>> s = X.sum(axis=0)                 # column sums, shape (3,)
        >>> s.data.tolist()
        [5.0, 7.0, 9.0]
        >>> (s * Tensor([1.0, 10.0, 100.0])).sum().backward()
        >>> X.grad.tolist()                   # each entry gets the weight of its column
        [[1.0, 10.0, 100.0], [1.0, 10.0, 100.0]]
        """
        axes = _normalise_axes(axis, self.data.ndim)
        # forward sum over axes;  backward d/dx_j = 1 for every summand: g is copied back along the summed axes
        return Tensor._node(self.data.sum(axis=axes, keepdims=bool(keepdims)), (self,), (axes, bool(keepdims)), "sum")

    def mean(self, axis=None, keepdims: bool = False) -> Tensor:
        r"""Mean over ``axis``, as ``numpy.mean``: the sum times :math:`1/N`, :math:`N` the number of entries averaged.

        Examples
        --------
        >>> x = Tensor([2.0, 4.0, 9.0])
        >>> m = x.mean()
        >>> m.backward()
        >>> m.data, x.grad.round(4).tolist()
        (array(5.), [0.3333, 0.3333, 0.3333])
        """
        axes = _normalise_axes(axis, self.data.ndim)
        count = int(np.prod([self.data.shape[a] for a in axes]))
        return self.sum(axis=axes, keepdims=keepdims) * (1.0 / count)

    def reshape(self, *shape) -> Tensor:
        r"""The same entries in a new shape (``x.reshape(2, 3)`` or ``x.reshape((2, 3))``; one entry may be -1).

        Examples
        --------
        >>> x = Tensor([1.0, 2.0, 3.0, 4.0])
        >>> y = x.reshape(2, 2) * Tensor([[1.0, 2.0], [3.0, 4.0]])
        >>> y.sum().backward()
        >>> x.grad.tolist()
        [1.0, 2.0, 3.0, 4.0]
        """
        if len(shape) == 1 and isinstance(shape[0], tuple | list):
            shape = tuple(shape[0])
        try:
            data = self.data.reshape(shape)
        except (ValueError, TypeError) as exc:
            raise ValueError(f"shape {shape} does not fit {self.data.size} entries of shape {self.data.shape}: "
                             f"{exc}") from None
        # forward reshape;  backward: reshape g back to the input's shape
        return Tensor._node(data, (self,), (self.data.shape,), "reshape")

    def transpose(self, axes=None) -> Tensor:
        r"""Permute the axes (None: reverse them, the matrix transpose for 2-D), as ``numpy.transpose``.

        Examples
        --------
        >>> A = Tensor([[1.0, 2.0, 3.0]])
        >>> (A.T @ Tensor([[1.0, 1.0]])).sum().backward()   # (3, 1) @ (1, 2)
        >>> A.grad.tolist()
        [[2.0, 2.0, 2.0]]
        """
        ndim = self.data.ndim
        if axes is None:
            perm = tuple(range(ndim))[::-1]
        else:
            perm = tuple(axes)
            if len(_normalise_axes(perm, ndim)) != ndim:  # ints in range, no repeats; and all of them
                raise ValueError(f"axes must be a permutation of the {ndim} axes, got {axes!r}")
            perm = tuple(int(a) % ndim for a in perm)
        # forward permute axes;  backward: permute g with the inverse permutation
        return Tensor._node(self.data.transpose(perm), (self,), (tuple(np.argsort(perm)),), "transpose")

    def softmax_cross_entropy(self, labels) -> Tensor:
        r"""Mean softmax cross-entropy of the logits ``self`` (shape (n, k)) and integer labels (shape (n,)).

        .. math:: L = \frac{1}{n} \sum_i \bigl(\mathrm{lse}(\mathbf{z}_i) - z_{i, y_i}\bigr), \qquad
                  \frac{\partial L}{\partial Z} = \frac{1}{n} (P - Y)

        with :math:`P` the row-wise softmax and :math:`Y` the one-hot labels. Computed by the package's stable
        routine (the one behind ``derivatives.softmax_cross_entropy_loss``): log-sum-exp after subtracting the row
        maximum, ``log1p`` for the rest of the sum, and :math:`p_y - 1` as minus the sum of the other
        probabilities, so a confident correct prediction keeps its tiny loss and gradient.

        Parameters
        ----------
        labels : array_like of int, shape (n,)
            Classes in ``0, ..., k - 1``.

        Returns
        -------
        Tensor
            A 0-d tensor.

        Raises
        ------
        ValueError
            If the logits are not 2-D, or ``labels`` has the wrong shape or entries that are not integers in
            ``0, ..., k - 1``.

        Examples
        --------
        >>> Z = Tensor([[40.0, 0.0], [0.0, 0.0]])
        >>> loss = Z.softmax_cross_entropy([0, 1])   # (e^-40 + log 2) / 2
        >>> loss.backward()
        >>> round(float(loss.data), 6), Z.grad.round(4).tolist()
        (0.346574, [[-0.0, 0.0], [0.25, -0.25]])
        >>> f"{Z.grad[0, 1]:.3e}"                    # p_1 / n = e^-40 / 2, not 0
        '2.124e-18'
        """
        Z = self.data
        if Z.ndim != 2:
            raise ValueError(f"softmax_cross_entropy needs logits of shape (n, k), got shape {Z.shape}")
        n, k = Z.shape
        y = np.asarray(labels)
        if y.shape != (n,):
            raise ValueError(f"labels must have shape ({n},) to match the logits, got shape {y.shape}")
        if y.dtype.kind not in "iuf" or not np.all(np.isfinite(y) & (y == np.round(y)) & (y >= 0) & (y < k)):
            raise ValueError(f"labels must be integers in 0..{k - 1}, got values {np.unique(y)[:10]}")
        loss, P_minus_Y = _softmax_cross_entropy_logits(Z, y.astype(int))
        # forward mean_i [lse(z_i) - z_{i, y_i}];  backward dL/dZ = (P - Y) / n, with p_y - 1 without cancellation
        return Tensor._node(np.array(loss), (self,), (P_minus_Y / n,), "softmax_cross_entropy")

    # ---------------------------------------------------------------------------------------- backward pass
    def backward(self, grad=None) -> None:
        r"""Fill ``.grad`` of every node of the graph with the gradient of ``self`` (or a vector-Jacobian product).

        Zeroes the gradient of every intermediate node, adds the seed to ``self.grad``, then applies each node's
        backward rule in reverse topological order (consumers before inputs). Leaves *accumulate*.

        Parameters
        ----------
        grad : array_like of the shape of ``self``, optional
            The seed :math:`\mathbf{u} = \partial \mathrm{out} / \partial \mathrm{self}`; the leaves then receive
            :math:`\mathbf{u}^\top J`. Default: 1, allowed only when ``self`` has one entry.

        Returns
        -------
        None

        Raises
        ------
        ValueError
            If ``grad`` is omitted for an output with several entries, or has the wrong shape or NaN/inf.
        OverflowError
            If a gradient is not finite; the message names the operation.

        Notes
        -----
        A node whose gradient is all zeros sends nothing back, and inside an elementwise rule an entry whose
        upstream gradient is exactly 0 contributes 0 even when its local derivative overflowed to ``inf``.

        See the derivation in ``calculus/chain_rule_backpropagation/README.md``, section "Vector-Jacobian products".

        Examples
        --------
        >>> x = Tensor([1.0, 2.0, 3.0])
        >>> y = x * x                       # Jacobian diag(2 x)
        >>> y.backward([1.0, 0.0, -1.0])    # u^T J = u * 2 x
        >>> x.grad.tolist()
        [2.0, 0.0, -6.0]
        """
        if grad is None:
            if self.data.size != 1:
                raise ValueError(f"grad must be given for an output of shape {self.data.shape} (only a one-entry "
                                 "output has the default seed 1)")
            seed = np.ones_like(self.data)
        else:
            seed = _as_array(grad, "grad")
            if seed.shape != self.data.shape:
                raise ValueError(f"grad must have the output's shape {self.data.shape}, got shape {seed.shape}")
        order = _topological_order(self)
        for node in order:
            if node._inputs:
                node.grad = np.zeros_like(node.data)  # intermediate results: the gradient of this pass only
        self.grad = self.grad + seed  # d(out)/d(out) = seed, added like every other contribution
        for node in reversed(order):  # consumers before inputs: node.grad is final when it is used
            g = node.grad
            if not node._inputs or not np.any(g):
                continue  # a leaf, or nothing flows back
            for inp, contribution in zip(node._inputs, _input_gradients(node, g), strict=True):
                total = inp.grad + contribution  # chain rule: adjoint of the input += u^T (Jacobian of node)
                if not np.all(np.isfinite(total)):
                    raise OverflowError(f"backward through '{node._op}': the gradient of an input is not finite "
                                        f"(upstream gradient up to {np.abs(g).max()!r})")
                inp.grad = total

    def zero_grad(self) -> None:
        r"""Set ``.grad`` to zeros on every node of the graph ending at ``self``, leaves included.

        Examples
        --------
        >>> x = Tensor([1.0, 2.0])
        >>> y = (x * 3).sum()
        >>> y.backward(); y.backward()
        >>> x.grad.tolist()
        [6.0, 6.0]
        >>> y.zero_grad(); y.backward()
        >>> x.grad.tolist()
        [3.0, 3.0]
        """
        for node in _topological_order(self):
            node.grad = np.zeros_like(node.data)


def _input_gradients(node: Tensor, g: np.ndarray) -> list[np.ndarray]:
    """The vector-Jacobian products ``g^T J`` that ``node`` sends to each of its inputs, each of the input's shape."""
    op = node._op
    if op == "@":
        A, B = node._inputs[0].data, node._inputs[1].data
        A2 = A if A.ndim == 2 else A[None, :]  # (k,) -> (1, k): a row
        B2 = B if B.ndim == 2 else B[:, None]  # (k,) -> (k, 1): a column
        G2 = g.reshape(A2.shape[0], B2.shape[1])  # the upstream gradient as a matrix (n, m)
        # C = A B: dL/dA = G B^T (n, m)(m, k), dL/dB = A^T G (k, n)(n, m)
        return [(G2 @ B2.T).reshape(A.shape), (A2.T @ G2).reshape(B.shape)]
    if op == "sum":
        axes, keepdims = node._local
        shape = node._inputs[0].data.shape
        g_kept = g if keepdims else np.expand_dims(g, axes)  # put the summed axes back, with length 1
        return [np.broadcast_to(g_kept, shape)]  # every summand receives the adjoint of its sum
    if op == "reshape":
        return [g.reshape(node._local[0])]
    if op == "transpose":
        return [g.transpose(node._local[0])]
    # elementwise (and softmax_cross_entropy, whose output is one number): local derivative times upstream gradient
    out = []
    for inp, local in zip(node._inputs, node._local, strict=True):
        with np.errstate(over="ignore", invalid="ignore"):
            contribution = local * g
        if not np.all(np.isfinite(contribution)):
            contribution = np.where(g == 0.0, 0.0, contribution)  # 0 times an overflowed local derivative is 0
        out.append(_sum_to_shape(contribution, inp.data.shape))
    return out
