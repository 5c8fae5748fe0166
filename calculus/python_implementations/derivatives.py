r"""Numerical derivatives: finite differences, the complex step, and gradients of common ML losses.

Every routine here approximates a limit (the derivative) with a finite step ``h``. The default steps balance the
truncation error of the difference formula against the rounding error of floating-point evaluation; the derivation
is in ``calculus/derivatives_gradients/README.md``, section "Derivation".

The loss functions at the end return ``(value, gradient)`` with the gradient derived by hand; the tests hold each
analytic gradient against :func:`gradient`.
"""

from __future__ import annotations

import numpy as np

from calculus.python_implementations._validation import (
    as_point,
    as_real_array,
    check_callable,
    check_positive,
)

__all__ = [
    "METHODS",
    "default_step",
    "derivative",
    "gradient",
    "hessian",
    "jacobian",
    "log_sigmoid",
    "logistic_loss",
    "logistic_loss_hessian",
    "sigmoid",
    "softmax_cross_entropy_loss",
    "softplus",
    "squared_error_loss",
]

METHODS = ("forward", "backward", "central", "complex")

_EPS = np.finfo(float).eps
# Relative step of each method, from minimising truncation + rounding error (README, "Choosing the step h"):
# one-sided: error ~ h |f''| / 2 + 2 eps |f| / h          -> h ~ eps^(1/2)
# central:   error ~ h^2 |f'''| / 6 + eps |f| / h         -> h ~ eps^(1/3)
# second difference (Hessian): h^2 |f''''| / 12 + 4 eps |f| / h^2 -> h ~ eps^(1/4)
# complex step: no subtraction, so no rounding trade-off; any tiny h works.
_RELATIVE_STEP = {
    "forward": np.sqrt(_EPS),
    "backward": np.sqrt(_EPS),
    "central": np.cbrt(_EPS),
    "complex": 1e-20,
    "hessian": _EPS**0.25,
}


def _check_method(method) -> str:
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, got {method!r}")
    return method


def default_step(x, method: str = "central") -> np.ndarray:
    r"""Default finite-difference step for each coordinate of ``x``.

    ``h_i = c * max(1, |x_i|)`` with ``c = sqrt(eps)`` (forward, backward), ``cbrt(eps)`` (central),
    ``1e-20`` (complex) or ``eps**(1/4)`` (``method="hessian"``, central second differences).

    Parameters
    ----------
    x : float or array_like of shape (n,)
        Point at which the derivative is wanted.
    method : {"forward", "backward", "central", "complex", "hessian"}, default "central"

    Returns
    -------
    h : ndarray of shape (n,)
        A scalar ``x`` gives shape (1,). The steps are not yet rounded to representable ones; the differentiation
        routines do that (``h = (x + h) - x``).

    Raises
    ------
    ValueError
        If ``x`` is not a finite 1-D array or ``method`` is unknown.

    Notes
    -----
    The factor ``max(1, |x|)`` keeps the step relative for large ``|x|`` (where ``x + h`` must differ from ``x``)
    and absolute near 0. See the derivation in ``calculus/derivatives_gradients/README.md``, section
    "Choosing the step h".

    Examples
    --------
    >>> import numpy as np
    >>> bool(np.isclose(default_step(1.0, "forward")[0], np.sqrt(np.finfo(float).eps)))
    True
    >>> np.round(default_step([0.0, 100.0], "central") / np.cbrt(np.finfo(float).eps), 6)
    array([  1., 100.])
    """
    x = as_point(x, "x")
    if method not in (*METHODS, "hessian"):
        raise ValueError(f"method must be one of {(*METHODS, 'hessian')}, got {method!r}")
    return _RELATIVE_STEP[method] * np.maximum(1.0, np.abs(x))  # (n,)


def _evaluate(F, x, name: str) -> np.ndarray:
    """Call ``F(x)`` and return its value as a 1-D float array."""
    return _as_output(F(x), x, name)


def _as_output(value, x, name: str, allow_complex: bool = False) -> np.ndarray:
    """Return a function value as a 1-D array; reject non-finite, non-numeric or >1-D results."""
    dtype = complex if allow_complex else float
    try:
        out = np.asarray(value, dtype=dtype)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must return real numbers, got {type(value).__name__}: {exc}") from None
    if out.ndim > 1:
        raise ValueError(f"{name} must return a scalar or a 1-D array, got shape {out.shape}")
    if not np.all(np.isfinite(out)):
        raise ValueError(f"{name} returned a non-finite value {value} at x = {x}")
    return out.reshape(-1)


def _steps(x: np.ndarray, h, method: str) -> np.ndarray:
    """Per-coordinate steps: the default of ``method`` or the user's positive ``h``."""
    if h is None:
        return default_step(x, method)
    return np.full(x.shape, check_positive(h, "h"))


def _column(F, x: np.ndarray, i: int, h_i: float, method: str, name: str, f_x=None) -> np.ndarray:
    """Finite-difference approximation of the partial derivative dF/dx_i, shape (m,)."""
    if method == "complex":
        z = x.astype(complex)
        z[i] += 1j * h_i  # x + i h e_i: the real part is untouched, so nothing cancels
        try:
            value = F(z)
        except TypeError as exc:
            raise TypeError(
                f"{name} must accept complex input for method='complex', but raised: {exc}"
            ) from None
        if not np.iscomplexobj(np.asarray(value)):
            raise ValueError(
                f"{name} returned a real value for complex input; method='complex' needs {name} to propagate "
                "complex numbers (no abs, no real casts)"
            )
        out = _as_output(value, z, name, allow_complex=True)
        return out.imag / h_i  # Im F(x + i h e_i) = h dF/dx_i + O(h^3)
    # Representable step: evaluate at points that are exact floats and divide by their actual distance.
    x_plus, x_minus = x.copy(), x.copy()
    if method in ("forward", "central"):
        x_plus[i] = x[i] + h_i
    if method in ("backward", "central"):
        x_minus[i] = x[i] - h_i
    # (x + h) - x and (x + h) - (x - h) are exact when h is small against |x| (Sterbenz), else one rounding
    distance = x_plus[i] - x_minus[i]
    if distance == 0.0:
        raise ValueError(f"h = {h_i} is too small for x = {x[i]}: x + h rounds to x")
    f_plus = f_x if method == "backward" else _evaluate(F, x_plus, name)
    f_minus = f_x if method == "forward" else _evaluate(F, x_minus, name)
    return (f_plus - f_minus) / distance  # (m,)


def derivative(f, x, h=None, method: str = "central") -> float:
    r"""Derivative of a function of one variable by finite differences or the complex step.

    Parameters
    ----------
    f : callable
        ``f(x) -> float`` for a float ``x``. For ``method="complex"``, ``f`` must also accept a complex ``x`` and be
        analytic (built from ``+ - * /``, powers, ``np.exp``, ``np.sin``, ...; not ``abs``, ``max`` or ``math.*``).
    x : float
        Point of differentiation (finite).
    h : float, optional
        Step. Default ``c * max(1, |x|)`` with ``c`` from :func:`default_step`: ``sqrt(eps)`` for one-sided,
        ``cbrt(eps)`` for central, ``1e-20`` for complex differences.
    method : {"forward", "backward", "central", "complex"}, default "central"
        forward ``(f(x + h) - f(x)) / h``; backward ``(f(x) - f(x - h)) / h``;
        central ``(f(x + h) - f(x - h)) / (2 h)``; complex ``Im f(x + i h) / h``.

    Returns
    -------
    float
        Approximation of ``f'(x)``. Typical relative accuracy: ~1e-8 (one-sided), ~1e-11 (central), ~1e-16
        (complex) for a smooth ``f`` whose derivatives have the size of ``f``.

    Raises
    ------
    TypeError
        If ``f`` is not callable, or ``f`` fails on complex input with ``method="complex"``.
    ValueError
        If ``x`` is not a finite real scalar, ``h`` is not a finite number > 0 or is so small that ``x + h == x``,
        ``method`` is unknown, or ``f`` returns a non-finite or non-scalar value.

    Notes
    -----
    The step is made representable: the routine evaluates at the floats ``x + h`` and ``x - h`` and divides by
    their actual distance, so the rounding of ``x + h`` adds no error. The truncation error is ``O(h)`` for
    one-sided and ``O(h^2)`` for central and complex differences. See the derivation in
    ``calculus/derivatives_gradients/README.md``, sections "Finite differences and their error" and
    "The complex-step derivative".

    Examples
    --------
    >>> import numpy as np
    >>> round(derivative(np.sin, 0.0), 10)
    1.0
    >>> abs(derivative(np.exp, 1.0, method="forward") - np.e) < 1e-7
    True
    >>> bool(derivative(np.exp, 1.0, method="complex") == np.e)
    True
    """
    check_callable(f, "f")
    method = _check_method(method)
    x_arr = np.asarray(x) if not isinstance(x, bool) else None
    if x_arr is None or x_arr.ndim != 0 or not np.isrealobj(x_arr):
        raise ValueError(f"x must be a real scalar, got {x!r}")
    point = as_point(x_arr, "x")  # (1,), finite float

    def f_scalar(v):  # f sees a Python float (or complex), not an array of shape (1,)
        return f(complex(v[0]) if np.iscomplexobj(v) else float(v[0]))

    h_i = _steps(point, h, method)[0]
    f_x = _evaluate(f_scalar, point, "f") if method in ("forward", "backward") else None
    column = _column(f_scalar, point, 0, h_i, method, "f", f_x)
    if column.shape != (1,):
        raise ValueError(f"f must return a scalar, got {column.shape[0]} values")
    return float(column[0])


def jacobian(F, x, h=None, method: str = "central") -> np.ndarray:
    r"""Jacobian matrix of ``F : R^n -> R^m`` by finite differences, one column per coordinate.

    Parameters
    ----------
    F : callable
        ``F(x) -> array of shape (m,)`` (a scalar counts as ``m = 1``) for ``x`` of shape (n,).
    x : array_like of shape (n,)
        Point (a scalar is treated as shape (1,)).
    h : float, optional
        Same step for every coordinate; default per coordinate from :func:`default_step`.
    method : {"forward", "backward", "central", "complex"}, default "central"

    Returns
    -------
    J : ndarray of shape (m, n)
        ``J[i, j] ~ dF_i / dx_j``.

    Raises
    ------
    TypeError
        If ``F`` is not callable (or fails on complex input with ``method="complex"``).
    ValueError
        If ``x`` is empty, not 1-D or not finite, ``h`` is not > 0, ``method`` is unknown, or ``F`` returns a
        non-finite value or an array that is not 1-D or changes length.

    Notes
    -----
    Cost: ``n`` evaluations (forward, backward, complex; plus one at ``x``) or ``2 n`` (central). See the
    derivation in ``calculus/derivatives_gradients/README.md``, section "Gradients and Jacobians".

    Examples
    --------
    >>> import numpy as np
    >>> A = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    >>> np.round(jacobian(lambda v: A @ v, [0.5, -1.0]), 8)
    array([[1., 2.],
           [3., 4.],
           [5., 6.]])
    """
    check_callable(F, "F")
    method = _check_method(method)
    x = as_point(x, "x")  # (n,), a private copy
    return _jacobian(F, x, h, method, "F", _evaluate(F, x, "F"))


def _jacobian(F, x: np.ndarray, h, method: str, name: str, F_x: np.ndarray) -> np.ndarray:
    """Column-by-column Jacobian; ``F_x = F(x)`` of shape (m,) fixes m and serves the one-sided differences."""
    steps = _steps(x, h, method)
    columns = []
    for i in range(x.size):
        column = _column(F, x, i, steps[i], method, name, F_x)
        if column.shape != F_x.shape:
            raise ValueError(
                f"{name} must return the same shape at every point, got {column.shape} and {F_x.shape}"
            )
        columns.append(column)
    return np.stack(columns, axis=1)  # n columns of shape (m,) -> (m, n)


def gradient(f, x, h=None, method: str = "central") -> np.ndarray:
    r"""Gradient of a scalar function ``f : R^n -> R`` by finite differences.

    Parameters
    ----------
    f : callable
        ``f(x) -> float`` for ``x`` of shape (n,).
    x : array_like of shape (n,)
        Point (a scalar is treated as shape (1,)).
    h : float, optional
        Same step for every coordinate; default per coordinate from :func:`default_step`.
    method : {"forward", "backward", "central", "complex"}, default "central"

    Returns
    -------
    g : ndarray of shape (n,)
        ``g[i] ~ df / dx_i``.

    Raises
    ------
    TypeError
        If ``f`` is not callable.
    ValueError
        As :func:`jacobian`, and if ``f`` returns more than one value.

    Notes
    -----
    The gradient is the transpose of the ``1 x n`` Jacobian of ``f``. See the derivation in
    ``calculus/derivatives_gradients/README.md``, section "Gradients and Jacobians".

    Examples
    --------
    >>> import numpy as np
    >>> np.round(gradient(lambda v: v[0] ** 2 + 3 * v[0] * v[1], [1.0, 2.0]), 8)
    array([8., 3.])
    """
    check_callable(f, "f")
    method = _check_method(method)
    x = as_point(x, "x")
    f_x = _evaluate(f, x, "f")
    if f_x.shape != (1,):
        raise ValueError(f"f must return a scalar, got {f_x.size} values")
    return _jacobian(f, x, h, method, "f", f_x)[0]  # (1, n) -> (n,)


def hessian(f, x, h=None) -> np.ndarray:
    r"""Hessian matrix of ``f : R^n -> R`` by central second differences.

    Parameters
    ----------
    f : callable
        ``f(x) -> float`` for ``x`` of shape (n,).
    x : array_like of shape (n,)
        Point (a scalar is treated as shape (1,)).
    h : float, optional
        Same step for every coordinate; default ``eps**(1/4) * max(1, |x_i|)``.

    Returns
    -------
    H : ndarray of shape (n, n)
        Exactly symmetric: each mixed partial is computed once (``j < i``) and mirrored.

    Raises
    ------
    TypeError
        If ``f`` is not callable.
    ValueError
        If ``x`` is empty, not 1-D or not finite, ``h`` is not > 0 or too small for ``x``, or ``f`` returns a
        non-finite or non-scalar value.

    Notes
    -----
    Diagonal: ``(f(x + h e_i) - 2 f(x) + f(x - h e_i)) / h^2``. Off-diagonal:
    ``(f(x + h_i e_i + h_j e_j) - f(x + h_i e_i - h_j e_j) - f(x - h_i e_i + h_j e_j) + f(x - h_i e_i - h_j e_j))
    / (4 h_i h_j)``. Both have truncation error ``O(h^2)`` and rounding error ``O(eps |f| / h^2)``, balanced by
    ``h ~ eps^(1/4)``; expect about 8 correct digits. Cost ``1 + 2 n + 2 n (n - 1)`` evaluations. See the
    derivation in ``calculus/derivatives_gradients/README.md``, section "Second derivatives and the Hessian".

    Examples
    --------
    >>> import numpy as np
    >>> np.round(hessian(lambda v: v[0] ** 2 * v[1] + v[1] ** 3, [1.0, 2.0]), 6)
    array([[ 4.,  2.],
           [ 2., 12.]])
    """
    check_callable(f, "f")
    x = as_point(x, "x")
    n = x.size
    if h is None:
        steps = default_step(x, "hessian")
    else:
        steps = np.full(n, check_positive(h, "h"))
    # Representable steps: h_i = (x_i + h_i) - x_i, so x +- h e_i are exact floats at symmetric distances.
    steps = (x + steps) - x  # (n,)
    if np.any(steps == 0.0):
        i = int(np.argmax(steps == 0.0))
        raise ValueError(f"h is too small for x[{i}] = {x[i]}: x + h rounds to x")

    def f_at(displacement):  # f(x + displacement) as a float, with the output checks
        value = _evaluate(f, x + displacement, "f")
        if value.shape != (1,):
            raise ValueError(f"f must return a scalar, got {value.size} values")
        return value[0]

    E = np.diag(steps)  # row i is the displacement h_i e_i
    f0 = f_at(np.zeros(n))
    H = np.empty((n, n))
    for i in range(n):
        # second difference: f(x + h) - 2 f(x) + f(x - h) = h^2 f'' + h^4 f''''/12 + ...
        H[i, i] = (f_at(E[i]) - 2.0 * f0 + f_at(-E[i])) / steps[i] ** 2
        for j in range(i):
            mixed = f_at(E[i] + E[j]) - f_at(E[i] - E[j]) - f_at(-E[i] + E[j]) + f_at(-E[i] - E[j])
            H[i, j] = H[j, i] = mixed / (4.0 * steps[i] * steps[j])
    return H


# ---------------------------------------------------------------------------------------------------------------
# Gradients of common ML losses, derived in the README (section "Gradients of common ML losses").
# ---------------------------------------------------------------------------------------------------------------


def _scalar_or_array(out: np.ndarray):
    """A float for a 0-d result (the input was a number), the array otherwise."""
    return float(out) if out.ndim == 0 else out


def _exp_minus_abs(x: np.ndarray) -> np.ndarray:
    """``e^-|x|``, in [0, 1]: the only exponential the stable formulas form, so none overflows."""
    with np.errstate(under="ignore"):  # e^-|x| below the subnormals is 0, the correctly rounded value
        return np.exp(-np.abs(x))


def _sigmoid_from(x: np.ndarray, e: np.ndarray) -> np.ndarray:
    """The formula of :func:`sigmoid`, given ``e = e^-|x|``: ``1 / (1 + e)`` for ``x >= 0``, ``e / (1 + e)`` below."""
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _softplus_from(x: np.ndarray, e: np.ndarray) -> np.ndarray:
    """The formula of :func:`softplus`, given ``e = e^-|x|``: ``max(x, 0) + log1p(e)``."""
    return np.maximum(x, 0.0) + np.log1p(e)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    """:func:`sigmoid` on a float array already checked."""
    return _sigmoid_from(x, _exp_minus_abs(x))


def _softplus(x: np.ndarray) -> np.ndarray:
    """:func:`softplus` on a float array already checked."""
    return _softplus_from(x, _exp_minus_abs(x))


def sigmoid(x):
    r"""The logistic sigmoid :math:`\sigma(x) = 1 / (1 + e^{-x})`, without overflow and with full relative accuracy.

    Parameters
    ----------
    x : float or array_like
        Real numbers of any shape; ``+inf`` and ``-inf`` give the limits 1 and 0.

    Returns
    -------
    float or ndarray
        Values in [0, 1] (a float for a number, an array of the shape of ``x`` otherwise).

    Raises
    ------
    ValueError
        If ``x`` holds NaN or is not numeric.

    Notes
    -----
    Only :math:`e = e^{-\lvert x \rvert} \le 1` is formed: :math:`\sigma(x) = 1/(1 + e)` for :math:`x \ge 0` and
    :math:`\sigma(x) = e / (1 + e)` for :math:`x < 0` (multiply numerator and denominator by :math:`e^{x}`). No
    exponential overflows, and for very negative :math:`x` the tiny value :math:`\sigma(x) \approx e^{x}` keeps
    its relative accuracy instead of being :math:`1 - (\text{something that rounds to } 1)`. Relative error: one
    exponential, one addition, one division, a few :math:`u`. Underflow to 0 (below :math:`x \approx -745`) is the
    correctly rounded value and raises no floating-point error. The identity :math:`1 - \sigma(x) = \sigma(-x)`
    lets callers avoid the cancellation in ``1 - sigmoid(x)``.

    See the derivation in ``advanced_topics/numerical_methods/README.md``, section "Derivation".

    Examples
    --------
    >>> sigmoid(0.0), sigmoid(1000.0), sigmoid(-1000.0)    # 1 / (1 + e^1000) would overflow
    (0.5, 1.0, 0.0)
    >>> f"{sigmoid(-40.0):.4e}"                           # e^-40 / (1 + e^-40), no 1 - 1
    '4.2484e-18'
    """
    return _scalar_or_array(_sigmoid(as_real_array(x, "x")))


def softplus(x):
    r"""The softplus :math:`\log(1 + e^{x})`, a smooth ReLU, without overflow or cancellation.

    Parameters
    ----------
    x : float or array_like
        Real numbers of any shape; ``+inf`` gives ``inf`` and ``-inf`` gives 0.

    Returns
    -------
    float or ndarray
        Values >= 0, at least ``max(x, 0)``.

    Raises
    ------
    ValueError
        If ``x`` holds NaN or is not numeric.

    Notes
    -----
    :math:`\log(1 + e^{x}) = \max(x, 0) + \mathrm{log1p}(e^{-\lvert x \rvert})`: for :math:`x > 0` factor out
    :math:`e^{x}`, :math:`\log(e^{x}(e^{-x} + 1)) = x + \log(1 + e^{-x})`. The exponential is at most 1, and
    ``log1p`` computes :math:`\log(1 + t)` for tiny :math:`t` without rounding :math:`1 + t` first, so
    ``softplus(-40)`` is :math:`4.25 \times 10^{-18}`, not 0. The derivative is :func:`sigmoid`. The logistic loss of
    a logit :math:`z` and a label :math:`y \in \lbrace 0, 1 \rbrace` is ``softplus(z) - y z``, which equals
    ``softplus(-z)`` for :math:`y = 1`: a sum of non-negative terms.

    See the derivation in ``advanced_topics/numerical_methods/README.md``, section "Derivation".

    Examples
    --------
    >>> round(softplus(0.0), 6), softplus(1000.0), softplus(-1000.0)   # log 2; exp(1000) would overflow
    (0.693147, 1000.0, 0.0)
    >>> f"{softplus(-40.0):.4e}"                   # log(1 + e^-40): 1 + e^-40 would round to 1
    '4.2484e-18'
    """
    return _scalar_or_array(_softplus(as_real_array(x, "x")))


def log_sigmoid(x):
    r"""The log-sigmoid :math:`\log \sigma(x) = -\log(1 + e^{-x})`, finite wherever the answer is.

    Parameters
    ----------
    x : float or array_like
        Real numbers of any shape; ``+inf`` gives 0 and ``-inf`` gives ``-inf``.

    Returns
    -------
    float or ndarray
        Values <= 0.

    Raises
    ------
    ValueError
        If ``x`` holds NaN or is not numeric.

    Notes
    -----
    :math:`\log \sigma(x) = -\mathrm{softplus}(-x)`, computed by :func:`softplus`: ``np.log(sigmoid(x))`` would be
    ``log(0) = -inf`` for :math:`x = -1000`, where the answer is about -1000, and would lose the relative accuracy
    of tiny values for large positive :math:`x` (``log_sigmoid(40)`` is :math:`-4.25 \times 10^{-18}`). It is the
    log-likelihood of a label 1 under logistic regression.

    See the derivation in ``advanced_topics/numerical_methods/README.md``, section "Derivation".

    Examples
    --------
    >>> log_sigmoid(-1000.0), log_sigmoid(1000.0)     # log(sigmoid(-1000)) = log(0) = -inf
    (-1000.0, 0.0)
    >>> f"{log_sigmoid(40.0):.4e}"
    '-4.2484e-18'
    """
    # 0 - (...) rather than unary minus: log_sigmoid(inf) is 0.0, not -0.0
    return _scalar_or_array(0.0 - _softplus(-as_real_array(x, "x")))


def _check_data(w, X, y, w_name: str = "w"):
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.size == 0:
        raise ValueError(f"X must be a non-empty 2-D array (n, d), got shape {X.shape}")
    w = np.asarray(w, dtype=float)
    y = np.asarray(y, dtype=float)
    if y.shape != (X.shape[0],):
        raise ValueError(f"y must have shape ({X.shape[0]},) to match X, got {y.shape}")
    if w.ndim < 1 or w.shape[0] != X.shape[1]:
        raise ValueError(f"{w_name} must have {X.shape[1]} rows to match X of shape {X.shape}, got {w.shape}")
    for name, arr in ((w_name, w), ("X", X), ("y", y)):
        if not np.all(np.isfinite(arr)):
            raise ValueError(f"{name} must contain only finite numbers, got NaN or inf")
    return w, X, y


def squared_error_loss(w, X, y) -> tuple[float, np.ndarray]:
    r"""Mean squared error of a linear model and its gradient.

    ``L(w) = (1/n) ||X w - y||^2`` and ``grad L(w) = (2/n) X^T (X w - y)``.

    Parameters
    ----------
    w : array_like of shape (d,)
    X : array_like of shape (n, d)
    y : array_like of shape (n,)

    Returns
    -------
    loss : float
    grad : ndarray of shape (d,)

    Raises
    ------
    ValueError
        On shape mismatch or non-finite entries.

    Notes
    -----
    See the derivation in ``calculus/derivatives_gradients/README.md``, section "Gradients of common ML losses".

    Examples
    --------
    >>> loss, grad = squared_error_loss([1.0, -1.0], [[1.0, 2.0], [3.0, 4.0]], [0.0, 1.0])
    >>> loss, grad.tolist()
    (2.5, [-7.0, -10.0])
    """
    w, X, y = _check_data(w, X, y)
    if w.ndim != 1:
        raise ValueError(f"w must be 1-D, got shape {w.shape}")
    r = X @ w - y  # (n, d) @ (d,) -> (n,) residuals
    n = X.shape[0]
    return float(r @ r) / n, (2.0 / n) * (X.T @ r)  # (d, n) @ (n,) -> (d,)


def logistic_loss(w, X, y) -> tuple[float, np.ndarray]:
    r"""Binary cross-entropy (logistic loss) of a linear model and its gradient.

    With ``z = X w`` and ``sigma(z) = 1 / (1 + exp(-z))``,
    ``L(w) = (1/n) sum_i [log(1 + exp(z_i)) - y_i z_i]`` and ``grad L(w) = (1/n) X^T (sigma(z) - y)``.

    Parameters
    ----------
    w : array_like of shape (d,)
    X : array_like of shape (n, d)
    y : array_like of shape (n,)
        Labels in {0, 1}.

    Returns
    -------
    loss : float
    grad : ndarray of shape (d,)

    Raises
    ------
    ValueError
        On shape mismatch, non-finite entries or labels outside {0, 1}.

    Notes
    -----
    Each term is written without cancellation: ``log(1 + exp(z)) - y z`` is the softplus
    ``sp(t) = log(1 + exp(t)) = max(t, 0) + log1p(exp(-|t|))`` of ``z`` for ``y = 0`` and of ``-z`` for ``y = 1``
    (because ``sp(z) - z = sp(-z)``), and ``sigma(z) - y`` is ``sigma(z)`` or ``-sigma(-z)``. So any finite ``z``
    is safe, and a confident correct prediction keeps its tiny loss (``e^-40 = 4.25e-18`` at ``z = 40``, ``y = 1``,
    where ``log(1 + e^z) - z`` would round to 0). See the derivation in ``calculus/derivatives_gradients/README.md``,
    section "Gradients of common ML losses".

    Examples
    --------
    >>> import numpy as np
    >>> loss, grad = logistic_loss([0.0, 0.0], [[1.0, 2.0], [1.0, -1.0]], [1.0, 0.0])
    >>> round(loss, 6), grad.tolist()
    (0.693147, [0.0, -0.75])
    """
    w, X, y = _check_data(w, X, y)
    if w.ndim != 1:
        raise ValueError(f"w must be 1-D, got shape {w.shape}")
    if not np.all((y == 0) | (y == 1)):
        raise ValueError(f"y must contain only labels 0 and 1, got values {np.unique(y)}")
    z = X @ w  # (n, d) @ (d,) -> (n,) logits
    positive = y == 1
    t = np.where(positive, -z, z)  # (n,) the logit with the sign that makes each term below non-negative
    e = _exp_minus_abs(t)  # (n,) e^-|t| = e^-|z|: one exponential serves the loss and the gradient
    # log(1 + e^z) - y z = softplus(-z) for y = 1, softplus(z) for y = 0, that is softplus(t): non-negative terms
    loss = np.mean(_softplus_from(t, e))
    # sigma(z) - y = -sigma(-z) for y = 1, sigma(z) for y = 0, that is -+sigma(t): no 1 - sigma(z) that rounds to 0
    s_t = _sigmoid_from(t, e)  # (n,)
    residual = np.where(positive, -s_t, s_t)  # (n,)
    return float(loss), X.T @ residual / X.shape[0]  # (d, n) @ (n,) -> (d,)


def logistic_loss_hessian(w, X, y) -> np.ndarray:
    r"""Hessian of the logistic loss of a linear model: ``(1/n) X^T S X`` with ``S = diag(sigma(z) (1 - sigma(z)))``.

    With ``z = X w``, differentiating the gradient ``(1/n) sum_i (sigma(z_i) - y_i) x_i`` of :func:`logistic_loss`
    once more, with ``sigma' = sigma (1 - sigma)``, gives ``H(w) = (1/n) sum_i s_i x_i x_i^T`` with weights
    ``s_i = sigma(z_i) (1 - sigma(z_i))``. The labels drop out; ``y`` is taken and checked all the same, so that the
    call matches :func:`logistic_loss`. An L2 penalty ``(alpha / 2) ||w||^2`` adds ``alpha I``.

    Parameters
    ----------
    w : array_like of shape (d,)
    X : array_like of shape (n, d)
    y : array_like of shape (n,)
        Labels in {0, 1}.

    Returns
    -------
    ndarray of shape (d, d)
        The Hessian, symmetric positive semi-definite (up to rounding).

    Raises
    ------
    ValueError
        On shape mismatch, non-finite entries or labels outside {0, 1}.

    Notes
    -----
    Every weight lies in ``(0, 1/4]``, so ``v^T H v = (1/n) sum_i s_i (x_i^T v)^2`` lies between 0 and
    ``v^T X^T X v / (4 n)``: ``H`` is positive semi-definite and never larger than the Hessian ``X^T X / (4 n)`` at
    ``w = 0``. The weight is computed as ``sigma(z) sigma(-z)``, never with ``1 - sigma(z)``, which rounds to 0 for
    ``z`` above about 37: at ``z = 40`` the weight ``e^-40 / (1 + e^-40)^2`` keeps its digits. See the derivation in
    ``calculus/stochastic_optimization/README.md``, section "Definitions" (Newton's method on logistic regression).

    Examples
    --------
    >>> import numpy as np
    >>> logistic_loss_hessian([0.0, 0.0], [[1.0, 2.0], [1.0, -1.0]], [1.0, 0.0])   # s = 1/4 at z = 0
    array([[0.25 , 0.125],
           [0.125, 0.625]])
    """
    w, X, y = _check_data(w, X, y)
    if w.ndim != 1:
        raise ValueError(f"w must be 1-D, got shape {w.shape}")
    if not np.all((y == 0) | (y == 1)):
        raise ValueError(f"y must contain only labels 0 and 1, got values {np.unique(y)}")
    z = X @ w  # (n, d) @ (d,) -> (n,) logits
    s = _sigmoid(z) * _sigmoid(-z)  # (n,) sigma(z) (1 - sigma(z)), no cancellation
    return (X.T * s) @ X / X.shape[0]  # (d, n) @ (n, d) -> (d, d): (1/n) X^T S X


def softmax_cross_entropy_loss(W, X, y) -> tuple[float, np.ndarray]:
    r"""Softmax cross-entropy of a linear classifier with ``k`` classes and its gradient.

    With logits ``Z = X W`` and ``P = softmax(Z)`` row by row,
    ``L(W) = (1/n) sum_i [logsumexp(Z_i) - Z_{i, y_i}]`` and ``grad L(W) = (1/n) X^T (P - Y)``, where ``Y`` is the
    one-hot matrix of the labels.

    Parameters
    ----------
    W : array_like of shape (d, k)
    X : array_like of shape (n, d)
    y : array_like of shape (n,)
        Integer class labels in ``0, ..., k - 1``.

    Returns
    -------
    loss : float
    grad : ndarray of shape (d, k)

    Raises
    ------
    ValueError
        On shape mismatch, non-finite entries or labels that are not integers in ``0, ..., k - 1``.

    Notes
    -----
    The log-sum-exp subtracts the row maximum first, so large logits do not overflow; after the shift the
    largest term of each row is exactly 1, and ``log(1 + rest)`` is computed with ``log1p``, so the loss of a
    confident correct prediction keeps its digits (``e^-40`` for logits ``(40, 0)`` and label 0). The entry
    ``P_{i, y_i} - 1`` of the gradient is computed as minus the sum of the other probabilities of the row, without
    cancellation. See the derivation in ``calculus/derivatives_gradients/README.md``, section
    "Gradients of common ML losses".

    Examples
    --------
    >>> import numpy as np
    >>> loss, grad = softmax_cross_entropy_loss(np.zeros((2, 3)), [[1.0, 0.0], [0.0, 1.0]], [0, 2])
    >>> round(loss, 6)   # log 3: all classes equally likely
    1.098612
    >>> np.round(grad, 6)
    array([[-0.333333,  0.166667,  0.166667],
           [ 0.166667,  0.166667, -0.333333]])
    """
    W, X, y = _check_data(W, X, y, w_name="W")
    if W.ndim != 2:
        raise ValueError(f"W must be 2-D (d, k), got shape {W.shape}")
    k = W.shape[1]
    if not np.all((y == np.round(y)) & (y >= 0) & (y < k)):
        raise ValueError(f"y must contain integer labels in 0..{k - 1}, got values {np.unique(y)}")
    labels = y.astype(int)
    loss, P = _softmax_cross_entropy_logits(X @ W, labels)  # (n, d) @ (d, k) -> (n, k) logits
    return loss, X.T @ P / X.shape[0]  # (d, n) @ (n, k) -> (d, k)


def _softmax_cross_entropy_logits(Z: np.ndarray, labels: np.ndarray) -> tuple[float, np.ndarray]:
    """Mean softmax cross-entropy of finite logits Z (n, k) and valid integer labels (n,), and P - Y (n, k).

    The stable computation behind :func:`softmax_cross_entropy_loss`, shared with ``tensor.Tensor`` (no checks).
    """
    n = Z.shape[0]
    rows = np.arange(n)
    Z = Z - Z.max(axis=1, keepdims=True)  # softmax and the loss are unchanged by a shift per row; max is 0
    E = np.exp(Z)  # (n, k), entries in (0, 1]
    E[rows, Z.argmax(axis=1)] = 0.0  # drop the largest term of each row, which is exactly 1
    rest = E.sum(axis=1)  # (n,) sum of the other terms
    log_norm = np.log1p(rest)  # (n,) logsumexp of the shifted logits, log(1 + rest) without rounding 1 + rest
    loss = np.mean(log_norm - Z[rows, labels])  # log_norm >= 0 and -Z >= 0: no cancellation
    P = np.exp(Z) / (1.0 + rest)[:, None]  # (n, k) softmax probabilities
    P[rows, labels] = 0.0
    P[rows, labels] = -P.sum(axis=1)  # P - Y at the label: P_y - 1 = -(sum of the other probabilities)
    return float(loss), P
