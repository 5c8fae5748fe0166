r"""Taylor polynomials in one variable and the Lagrange bound on their remainder.

The Taylor polynomial of degree ``m`` of ``f`` at ``x0`` is built from the numbers ``f(x0), f'(x0), ...,
f^(m)(x0)`` (the module stores numbers, not functions) and evaluated by Horner's rule. The Lagrange form of the
remainder bounds its error. The derivation is in ``calculus/taylor_series_and_integration/README.md``; the
second-order model in several variables is ``matrix_calculus.second_order_taylor``.
"""

from __future__ import annotations

import numbers

import numpy as np

from calculus.python_implementations._validation import as_point, as_real_scalar

__all__ = ["lagrange_remainder_bound", "taylor_polynomial"]


def _as_points(x) -> tuple[np.ndarray, bool]:
    """``x`` as a new finite float array, and whether it was a scalar."""
    try:
        arr = np.array(x, dtype=float, copy=True)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"x must be a real number or an array of them, got {type(x).__name__}: {exc}") from None
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"x must contain only finite numbers (no NaN or inf), got {arr}")
    return arr, arr.ndim == 0


def taylor_polynomial(derivatives, x0, x):
    r"""Evaluate :math:`\sum_{k=0}^{m} \frac{f^{(k)}(x_0)}{k!} (x - x_0)^k` by Horner's rule.

    Parameters
    ----------
    derivatives : array_like of shape (m + 1,)
        ``derivatives[k]`` is the k-th derivative :math:`f^{(k)}(x_0)` (``derivatives[0] = f(x0)``); finite. A
        scalar is the degree-0 polynomial.
    x0 : float
        Expansion point, finite.
    x : float or array_like
        Point(s) of evaluation, finite; any shape.

    Returns
    -------
    float or ndarray
        The Taylor polynomial of degree ``m`` at ``x``: a float for a scalar ``x``, else an array of the shape of
        ``x``.

    Raises
    ------
    TypeError
        If ``x0`` is not a real number.
    ValueError
        If ``derivatives`` is not a non-empty finite 1-D array, or ``x0`` or ``x`` is not finite.

    Notes
    -----
    With :math:`t = x - x_0` and :math:`d_k = f^{(k)}(x_0)`, the nested form
    :math:`d_0 + t\,(d_1 + \frac{t}{2}(d_2 + \frac{t}{3}(d_3 + \dots + \frac{t}{m} d_m)))` needs no factorial (so
    no overflow at ``m > 170``) and about ``3m`` operations; its rounding error is at most about
    :math:`3 m u \sum_k \vert d_k \vert \vert t \vert^k / k!`. See the derivation in
    ``calculus/taylor_series_and_integration/README.md``, section "Taylor's theorem with the Lagrange remainder".

    Examples
    --------
    >>> import numpy as np
    >>> round(taylor_polynomial([1.0] * 11, 0.0, 1.0), 9)  # exp at 0, degree 10, at x = 1: e - 2.7e-8
    2.718281801
    >>> # softplus log(1 + e^x) at 0: log 2, 1/2, 1/4, 0, -1/8
    >>> np.round(taylor_polynomial([np.log(2), 0.5, 0.25, 0.0, -0.125], 0.0, [0.0, 1.0]), 6)
    array([0.693147, 1.312939])
    """
    d = as_point(derivatives, "derivatives")  # (m + 1,)
    x0 = as_real_scalar(x0, "x0")
    x, scalar = _as_points(x)
    t = x - x0  # same shape as x
    m = d.size - 1
    p = np.full(t.shape, d[m])  # innermost bracket: d_m
    for k in range(m, 0, -1):
        p = d[k - 1] + (t / k) * p  # p <- d_{k-1} + (t / k) p
    return float(p) if scalar else p


def lagrange_remainder_bound(max_derivative, x0, x, order):
    r"""Lagrange bound :math:`M \vert x - x_0 \vert^{m+1} / (m + 1)!` on the error of the degree-``m`` Taylor polynomial.

    Taylor's theorem: :math:`f(x) = T_m(x) + \frac{f^{(m+1)}(\xi)}{(m+1)!} (x - x_0)^{m+1}` for some :math:`\xi`
    between :math:`x_0` and :math:`x`. So if :math:`\vert f^{(m+1)} \vert \le M` on that interval,
    :math:`\vert f(x) - T_m(x) \vert \le M \vert x - x_0 \vert^{m+1} / (m+1)!`.

    Parameters
    ----------
    max_derivative : float
        :math:`M \ge 0`, a bound on :math:`\vert f^{(m+1)} \vert` between ``x0`` and ``x`` (the derivative of order
        ``order + 1``, one more than the degree of the polynomial).
    x0 : float
        Expansion point, finite.
    x : float or array_like
        Point(s) of evaluation, finite; any shape.
    order : int
        Degree :math:`m \ge 0` of the Taylor polynomial whose remainder is bounded.

    Returns
    -------
    float or ndarray
        The bound: a float for a scalar ``x``, else an array of the shape of ``x``.

    Raises
    ------
    TypeError
        If ``max_derivative`` or ``x0`` is not a real number, or ``order`` is not an integer.
    ValueError
        If ``max_derivative`` is negative or not finite, ``order < 0``, or ``x0`` or ``x`` is not finite.

    Notes
    -----
    Computed as the product :math:`M \prod_{k=1}^{m+1} (\vert t \vert / k)`, :math:`t = x - x_0`: no factorial and
    no power is formed, so nothing overflows before the result does. See the derivation in
    ``calculus/taylor_series_and_integration/README.md``, section "Taylor's theorem with the Lagrange remainder".

    Examples
    --------
    >>> import numpy as np
    >>> # exp at 0, degree 10, at x = 1: |exp^(11)| <= e on [0, 1], so the error is at most e / 11!
    >>> round(lagrange_remainder_bound(np.e, 0.0, 1.0, order=10) * 1e8, 2)  # the true error is 2.73e-8
    6.81
    >>> lagrange_remainder_bound(1.0, 0.0, [0.5, 1.0], order=1)  # M t^2 / 2
    array([0.125, 0.5  ])
    """
    M = as_real_scalar(max_derivative, "max_derivative")
    if M < 0:
        raise ValueError(f"max_derivative must be >= 0 (a bound on |f^(order+1)|), got {M}")
    x0 = as_real_scalar(x0, "x0")
    if isinstance(order, bool) or not isinstance(order, numbers.Integral):
        raise TypeError(f"order must be an integer, got {type(order).__name__}")
    if order < 0:
        raise ValueError(f"order must be >= 0 (the degree of the Taylor polynomial), got {order}")
    x, scalar = _as_points(x)
    t = np.abs(x - x0)  # same shape as x
    bound = np.full(t.shape, M)
    for k in range(1, int(order) + 2):
        bound = bound * (t / k)  # M t^k / k! after step k
    return float(bound) if scalar else bound
