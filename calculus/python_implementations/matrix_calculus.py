r"""Closed-form gradients, Jacobians and Hessians of the expressions machine learning differentiates most.

Each function is the analytic answer of one matrix-calculus identity; the tests hold every one of them against
central differences (``calculus.python_implementations.derivatives``) and against SciPy.

=========================================  =========================================
expression                                 derivative
=========================================  =========================================
:math:`x^T A x`                            gradient :math:`(A + A^T) x`, Hessian :math:`A + A^T`
:math:`\lVert X w - y \rVert^2`            gradient :math:`2 X^T (X w - y)`, Hessian :math:`2 X^T X`
:math:`\mathrm{lse}(z) = \log \sum e^z`    gradient :math:`\mathrm{softmax}(z)`
:math:`\mathrm{softmax}(z)`                Jacobian :math:`\mathrm{diag}(s) - s s^T`
:math:`\log \mathrm{softmax}(z)`           gradient of entry i: :math:`e_i - \mathrm{softmax}(z)`
=========================================  =========================================

See the derivation in ``calculus/multivariable_calculus/README.md``, section "Derivation".
"""

from __future__ import annotations

import numpy as np

from ._validation import as_point, as_real_scalar

__all__ = [
    "least_squares_gradient",
    "least_squares_hessian",
    "log_softmax",
    "logsumexp",
    "quadratic_form_gradient",
    "quadratic_form_hessian",
    "second_order_taylor",
    "softmax",
    "softmax_jacobian",
]


def _as_matrix(A, name: str) -> np.ndarray:
    """A new finite 2-D float array."""
    A = np.array(A, dtype=float)
    if A.ndim != 2 or A.size == 0:
        raise ValueError(f"{name} must be a non-empty 2-D array, got shape {A.shape}")
    if not np.all(np.isfinite(A)):
        raise ValueError(f"{name} must contain only finite numbers (no NaN or inf)")
    return A


def _as_square(A, name: str) -> np.ndarray:
    A = _as_matrix(A, name)
    if A.shape[0] != A.shape[1]:
        raise ValueError(f"{name} must be square, got shape {A.shape}")
    return A


def quadratic_form_gradient(A, x) -> np.ndarray:
    r"""Gradient of the quadratic form :math:`f(\mathbf{x}) = \mathbf{x}^\top A \mathbf{x}`: :math:`(A + A^\top)\mathbf{x}`.

    Parameters
    ----------
    A : array_like of shape (n, n)
        Any square matrix (it need not be symmetric).
    x : array_like of shape (n,)

    Returns
    -------
    ndarray of shape (n,)

    Raises
    ------
    ValueError
        If ``A`` is not square, ``x`` has the wrong length, or either holds NaN or inf.

    Notes
    -----
    Only the symmetric part :math:`(A + A^\top)/2` of ``A`` matters: :math:`\mathbf{x}^\top A \mathbf{x}` is a
    scalar, equal to its transpose. For symmetric ``A`` the gradient is :math:`2 A \mathbf{x}`.

    See the derivation in ``calculus/multivariable_calculus/README.md``, section "Derivation".

    Examples
    --------
    >>> A = np.array([[2.0, 1.0], [0.0, 3.0]])
    >>> quadratic_form_gradient(A, [1.0, -1.0])    # (A + A^T) x = [[4, 1], [1, 6]] [1, -1]
    array([ 3., -5.])
    """
    A = _as_square(A, "A")
    x = as_point(x, "x")
    if x.shape[0] != A.shape[0]:
        raise ValueError(f"x must have length {A.shape[0]} to match A, got shape {x.shape}")
    return A @ x + A.T @ x  # (n, n) @ (n,) -> (n,), twice


def quadratic_form_hessian(A) -> np.ndarray:
    r"""Hessian of :math:`\mathbf{x}^\top A \mathbf{x}`: the constant symmetric matrix :math:`A + A^\top`.

    Parameters
    ----------
    A : array_like of shape (n, n)

    Returns
    -------
    ndarray of shape (n, n)

    Raises
    ------
    ValueError
        If ``A`` is not square or holds NaN or inf.

    Notes
    -----
    See the derivation in ``calculus/multivariable_calculus/README.md``, section "Derivation".

    Examples
    --------
    >>> quadratic_form_hessian([[2.0, 1.0], [0.0, 3.0]])
    array([[4., 1.],
           [1., 6.]])
    """
    A = _as_square(A, "A")
    return A + A.T


def _check_least_squares(X, w, y):
    X = _as_matrix(X, "X")
    w = as_point(w, "w")
    y = as_point(y, "y")
    n, d = X.shape
    if w.shape[0] != d:
        raise ValueError(f"w must have length {d} (the columns of X), got shape {w.shape}")
    if y.shape[0] != n:
        raise ValueError(f"y must have length {n} (the rows of X), got shape {y.shape}")
    return X, w, y


def least_squares_gradient(X, w, y) -> np.ndarray:
    r"""Gradient of the sum of squared residuals :math:`L(\mathbf{w}) = \lVert X\mathbf{w} - \mathbf{y} \rVert^2`.

    .. math:: \nabla L(\mathbf{w}) = 2 X^\top (X \mathbf{w} - \mathbf{y})

    Parameters
    ----------
    X : array_like of shape (n, d)
        Design matrix, one row per sample.
    w : array_like of shape (d,)
        Weights.
    y : array_like of shape (n,)
        Targets.

    Returns
    -------
    ndarray of shape (d,)

    Raises
    ------
    ValueError
        On NaN or inf, or shapes that do not match.

    Notes
    -----
    Setting the gradient to zero gives the normal equations :math:`X^\top X \mathbf{w} = X^\top \mathbf{y}`.
    For the mean squared error divide by ``n``.

    See the derivation in ``calculus/multivariable_calculus/README.md``, section "Derivation".

    Examples
    --------
    >>> X = np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]])
    >>> least_squares_gradient(X, [0.0, 1.0], [1.0, 1.0, 3.0])   # residual r = X w - y = [-1, 0, -1]
    array([-4., -4.])
    """
    X, w, y = _check_least_squares(X, w, y)
    r = X @ w - y  # (n, d) @ (d,) -> (n,): residuals
    return 2.0 * (X.T @ r)  # (d, n) @ (n,) -> (d,)


def least_squares_hessian(X) -> np.ndarray:
    r"""Hessian of :math:`\lVert X\mathbf{w} - \mathbf{y} \rVert^2`: the constant matrix :math:`2 X^\top X`.

    Parameters
    ----------
    X : array_like of shape (n, d)

    Returns
    -------
    ndarray of shape (d, d)
        Symmetric positive semi-definite.

    Raises
    ------
    ValueError
        If ``X`` is not a finite 2-D array.

    Notes
    -----
    See the derivation in ``calculus/multivariable_calculus/README.md``, section "Derivation".

    Examples
    --------
    >>> least_squares_hessian([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]])
    array([[ 6.,  6.],
           [ 6., 10.]])
    """
    X = _as_matrix(X, "X")
    return 2.0 * (X.T @ X)  # (d, n) @ (n, d) -> (d, d)


def _check_axis(axis, z: np.ndarray, allow_none: bool) -> None:
    """Refuse an ``axis`` that is not None (when allowed) or an integer naming an axis of ``z``."""
    if axis is None and allow_none:
        return
    if isinstance(axis, bool) or not isinstance(axis, int | np.integer) or not -z.ndim <= axis < z.ndim:
        allowed = "None or an integer" if allow_none else "an integer"
        raise ValueError(f"axis must be {allowed} in [-{z.ndim}, {z.ndim}) for z of shape {z.shape}, got {axis!r}")


def _shift_by_max(z: np.ndarray, axis: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""The shared first step of :func:`logsumexp`, :func:`softmax` and :func:`log_softmax` along ``axis``.

    Returns ``(m, shifted, rest)``, all with ``axis`` kept (length 1 for ``m`` and ``rest``): the maximum
    :math:`m` of each slice, ``shifted = z - m`` (every entry <= 0, one of them exactly 0) and
    :math:`r = \sum_{j \ne j^\star} e^{z_j - m}`, the sum of the exponentials without the one term of a maximal
    entry :math:`j^\star`, which is exactly 1. Then :math:`\sum_j e^{z_j - m} = 1 + r` and
    :math:`\log(1 + r)` is ``log1p(r)``, correct even when ``r`` is below :math:`u` and ``1 + r`` would round to 1.
    """
    j_star = np.expand_dims(np.argmax(z, axis=axis), axis)  # index of one maximal entry per slice, axis kept
    m = np.take_along_axis(z, j_star, axis=axis)  # the maximum of each slice, length 1 along axis
    shifted = z - m  # <= 0; exact where z_j is within a factor 2 of m (Sterbenz), else one rounding
    with np.errstate(under="ignore"):  # e^(z_j - m) below the smallest subnormal is 0: the correctly rounded value
        e = np.exp(shifted)  # in (0, 1] (or 0 after underflow), the term of j_star exactly 1
    np.put_along_axis(e, j_star, 0.0, axis=axis)  # drop the term that is exactly 1
    rest = e.sum(axis=axis, keepdims=True)  # r >= 0, a sum of non-negative terms: no cancellation
    return m, shifted, rest


def logsumexp(z, axis=None):
    r"""The log-sum-exp :math:`\mathrm{lse}(\mathbf{z}) = \log \sum_i e^{z_i}`, computed without overflow.

    Parameters
    ----------
    z : array_like
        Finite numbers, not empty: a vector ``(k,)``, or an array whose slices along ``axis`` are the vectors.
    axis : None or int, default None
        As in ``scipy.special.logsumexp``: ``None`` sums over every entry of ``z`` and returns a float; an integer
        sums along that axis (negative counts from the end) and returns an array without it, so that
        ``logsumexp(A, axis=1)[i] == logsumexp(A[i])`` for a 2-D ``A`` (one value per row).

    Returns
    -------
    float or ndarray

    Raises
    ------
    ValueError
        If ``z`` is empty or holds NaN or inf, or ``axis`` is not an axis of ``z``.

    Notes
    -----
    Uses :math:`\mathrm{lse}(\mathbf{z}) = m + \mathrm{log1p}(r)` with :math:`m = \max_i z_i` and
    :math:`r = \sum_{i \ne i^\star} e^{z_i - m}`, the sum without one maximal term :math:`i^\star` (that term is
    :math:`e^0 = 1`): every exponent is :math:`\le 0`, so nothing overflows, and :math:`\log(1 + r)` is computed by
    ``log1p`` without first rounding :math:`1 + r`, so that ``logsumexp([0, -40])`` keeps its value
    :math:`e^{-40} \approx 4.25 \times 10^{-18}` instead of rounding to 0. Exponentials that underflow are 0 (their
    true value is below the smallest double), silently even under ``np.errstate(all="raise")``. Its gradient is
    :func:`softmax`. With an ``axis``, :math:`m` and :math:`r` belong to each slice, taken separately.

    See the derivation in ``calculus/multivariable_calculus/README.md``, section "Derivation", and the error
    analysis in ``advanced_topics/numerical_methods/README.md``, section "Derivation".

    Examples
    --------
    >>> round(logsumexp([1000.0, 1000.0]), 6)      # naive log(exp(1000) + exp(1000)) overflows
    1000.693147
    >>> logsumexp([[0.0, 0.0], [1000.0, 1000.0]], axis=1).round(6).tolist()   # one value per row
    [0.693147, 1000.693147]
    >>> f"{logsumexp([0.0, -40.0]):.4e}"           # log(1 + e^-40), not log(1) = 0
    '4.2484e-18'
    """
    z = _as_nonempty_finite(z, "z")
    _check_axis(axis, z, allow_none=True)
    if axis is None:
        m, _, rest = _shift_by_max(np.ravel(z), 0)  # every entry, as one vector
        return float(m[0] + np.log1p(rest[0]))
    m, _, rest = _shift_by_max(z, axis)
    return np.squeeze(m + np.log1p(rest), axis=axis)


def _as_nonempty_finite(z, name: str) -> np.ndarray:
    """Return ``z`` as a new float array of any shape, not empty, without NaN or inf."""
    try:
        arr = np.array(z, dtype=float, copy=True)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be an array of real numbers, got {type(z).__name__}: {exc}") from None
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty, got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must contain only finite numbers (no NaN or inf)")
    return arr


def softmax(z, axis=-1) -> np.ndarray:
    r"""The softmax :math:`s_i = e^{z_i} / \sum_j e^{z_j}`, the gradient of :func:`logsumexp`, without overflow.

    Parameters
    ----------
    z : array_like of shape (k,) or (..., k, ...)
        Finite logits, not empty; a single number counts as a vector of length 1.
    axis : int, default -1
        The axis along which the entries sum to 1: the last one by default, so that each row of a 2-D array of
        logits (one row per sample, as ``scipy.special.softmax(Z, axis=-1)``) becomes a distribution.

    Returns
    -------
    ndarray, the shape of ``z``
        Non-negative entries (positive unless they underflow) that sum to 1 along ``axis``.

    Raises
    ------
    ValueError
        If ``z`` is empty or holds NaN or inf, or ``axis`` is not an axis of ``z``.

    Notes
    -----
    Shifting by :math:`m = \max_j z_j` changes nothing (numerator and denominator gain the factor
    :math:`e^{-m}`) and keeps every exponential in (0, 1]; the denominator is :math:`1 + r`, with :math:`r` the
    sum of the other terms (see :func:`logsumexp`). Each entry has a relative error of a few :math:`u`, plus
    :math:`u \lvert z_j - m \rvert` from rounding the exponent :math:`z_j - m`.

    See the derivation in ``calculus/multivariable_calculus/README.md``, section "Derivation", and in
    ``advanced_topics/numerical_methods/README.md``, section "Derivation".

    Examples
    --------
    >>> np.round(softmax([1.0, 2.0, 3.0]), 4)
    array([0.09  , 0.2447, 0.6652])
    >>> softmax([[0.0, 0.0], [1000.0, 0.0]]).round(4).tolist()   # one distribution per row
    [[0.5, 0.5], [1.0, 0.0]]
    """
    z = np.atleast_1d(_as_nonempty_finite(z, "z"))
    _check_axis(axis, z, allow_none=False)
    _, shifted, rest = _shift_by_max(z, axis)
    with np.errstate(under="ignore"):
        return np.exp(shifted) / (1.0 + rest)  # (..., k, ...) / (..., 1, ...): e^(z_j - m) / (1 + r)


def log_softmax(z, axis=-1) -> np.ndarray:
    r"""The logarithm of the softmax, :math:`\log s_i = z_i - \mathrm{lse}(\mathbf{z})`, without overflow or underflow.

    Parameters
    ----------
    z : array_like of shape (k,) or (..., k, ...)
        Finite logits, not empty; a single number counts as a vector of length 1.
    axis : int, default -1
        The axis along which ``exp(log_softmax(z))`` sums to 1, as in ``scipy.special.log_softmax``.

    Returns
    -------
    ndarray, the shape of ``z``
        Entries <= 0: the log-probabilities. Finite even where the softmax itself underflows to 0.

    Raises
    ------
    ValueError
        If ``z`` is empty or holds NaN or inf, or ``axis`` is not an axis of ``z``.

    Notes
    -----
    :math:`\log s_j = (z_j - m) - \mathrm{log1p}(r)` with :math:`m` and :math:`r` as in :func:`logsumexp`. Both
    terms are :math:`\le 0` and :math:`\ge 0` respectively, so the subtraction adds magnitudes and cancels
    nothing; the entry of the largest logit is :math:`-\mathrm{log1p}(r)`, which keeps its digits when the model is
    confident (``log_softmax([40, 0])[0]`` is :math:`-4.25 \times 10^{-18}`, not 0). ``np.log(softmax(z))`` would
    give ``-inf`` for a logit 1000 below the largest; this function gives -1000. The cross-entropy of a label
    :math:`y` is ``-log_softmax(z)[y]``.

    See the derivation in ``advanced_topics/numerical_methods/README.md``, section "Derivation".

    Examples
    --------
    >>> log_softmax([0.0, -1000.0]).tolist()         # log(softmax) would be log(0) = -inf
    [0.0, -1000.0]
    >>> f"{log_softmax([40.0, 0.0])[0]:.4e}"          # -log(1 + e^-40), not 0
    '-4.2484e-18'
    """
    z = np.atleast_1d(_as_nonempty_finite(z, "z"))
    _check_axis(axis, z, allow_none=False)
    _, shifted, rest = _shift_by_max(z, axis)
    return shifted - np.log1p(rest)  # (..., k, ...) - (..., 1, ...): (z_j - m) - log(1 + r)


def softmax_jacobian(z) -> np.ndarray:
    r"""Jacobian of the softmax, :math:`J = \mathrm{diag}(\mathbf{s}) - \mathbf{s}\mathbf{s}^\top`.

    This is also the Hessian of :func:`logsumexp` (the Jacobian of its gradient).

    Parameters
    ----------
    z : array_like of shape (k,)

    Returns
    -------
    ndarray of shape (k, k)
        Symmetric, positive semi-definite, rows summing to 0 (``J @ ones = 0``: adding a constant to every
        ``z_i`` does not change the softmax).

    Raises
    ------
    ValueError
        If ``z`` is empty, not 1-D, or holds NaN or inf.

    Notes
    -----
    The diagonal :math:`s_i - s_i^2 = s_i (1 - s_i)` is computed with :math:`1 - s_i = \sum_{j \ne i} s_j`, a sum
    of positive numbers: subtracting :math:`s_i^2` from :math:`s_i`, or :math:`s_i` from 1, cancels when one
    class dominates (at :math:`\mathbf{z} = (0, -40)`, :math:`s_1` rounds to 1 and ``s - s**2`` gives
    :math:`J_{11} = 0` instead of :math:`e^{-40} / (1 + e^{-40})^2 \approx 4.25 \times 10^{-18}`). Every entry then
    has a relative error below about :math:`2u (k + \max_j (m - z_j))`, :math:`m = \max_j z_j`: a few :math:`u` per
    operation, plus the rounding of each :math:`z_j - m` (an absolute error up to :math:`u (m - z_j)` in an exponent,
    hence a relative one in :math:`e^{z_j - m}`), which is no more than rounding the logits themselves would cause.
    Cost :math:`O(k^2)`, like the output.

    See the derivation in ``calculus/multivariable_calculus/README.md``, section "Derivation".

    Examples
    --------
    >>> f"{softmax_jacobian([0.0, -40.0])[0, 0]:.3e}"      # s_1 (1 - s_1), not 1 - 1 = 0
    '4.248e-18'
    >>> np.round(softmax_jacobian([0.0, 0.0]), 4)
    array([[ 0.25, -0.25],
           [-0.25,  0.25]])
    """
    s = softmax(as_point(z, "z"))  # a vector (k,): the Jacobian of a batch is not a matrix
    k = s.shape[0]
    J = -np.outer(s, s)  # (k, 1)(1, k) -> (k, k), the off-diagonal entries -s_i s_j
    others = np.tile(s, (k, 1))  # (k, k), row i holds s
    np.fill_diagonal(others, 0.0)
    one_minus_s = others.sum(axis=1)  # (k,) 1 - s_i = sum_{j != i} s_j, no cancellation
    J[np.diag_indices(k)] = s * one_minus_s  # diagonal s_i (1 - s_i)
    return J


def second_order_taylor(f0, g, H, dx) -> np.ndarray | float:
    r"""The quadratic model :math:`q(\Delta) = f_0 + \mathbf{g}^\top \Delta + \tfrac12 \Delta^\top H \Delta`.

    The second-order Taylor expansion of ``f`` around a point where ``f = f0``, the gradient is ``g`` and the
    Hessian is ``H``, evaluated at the displacement ``dx`` (one displacement or a batch of them).

    Parameters
    ----------
    f0 : float
        Function value at the expansion point.
    g : array_like of shape (n,)
        Gradient at the expansion point.
    H : array_like of shape (n, n)
        Hessian at the expansion point (only its symmetric part matters).
    dx : array_like of shape (n,) or (m, n)
        Displacement(s) from the expansion point.

    Returns
    -------
    float, or ndarray of shape (m,) for a batch of displacements

    Raises
    ------
    TypeError
        If ``f0`` is not a real number.
    ValueError
        On NaN or inf, or shapes that do not match.

    Notes
    -----
    The error :math:`f(\mathbf{x} + \Delta) - q(\Delta)` is :math:`O(\lVert \Delta \rVert^3)` when ``f`` has
    continuous third derivatives.

    See the derivation in ``calculus/multivariable_calculus/README.md``, section "Second-order Taylor expansion".

    Examples
    --------
    >>> # f(x, y) = exp(x) + y^2 around (0, 0): f0 = 1, g = (1, 0), H = diag(1, 2)
    >>> round(second_order_taylor(1.0, [1.0, 0.0], [[1.0, 0.0], [0.0, 2.0]], [0.1, 0.2]), 6)
    1.145
    """
    f0 = as_real_scalar(f0, "f0")
    g = as_point(g, "g")
    H = _as_square(H, "H")
    n = g.shape[0]
    if H.shape[0] != n:
        raise ValueError(f"H must have shape ({n}, {n}) to match g, got shape {H.shape}")
    D = np.array(dx, dtype=float)
    if D.ndim not in (1, 2) or D.shape[-1] != n:
        raise ValueError(f"dx must have shape ({n},) or (m, {n}), got shape {D.shape}")
    if not np.all(np.isfinite(D)):
        raise ValueError("dx must contain only finite numbers (no NaN or inf)")
    D2 = np.atleast_2d(D)  # (m, n)
    q = f0 + D2 @ g + 0.5 * np.einsum("mi,ij,mj->m", D2, H, D2)  # (m, n) @ (n,) -> (m,); quadratic term (m,)
    return float(q[0]) if D.ndim == 1 else q
