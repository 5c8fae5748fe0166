r"""Numerical methods: stable formulas, compensated and pairwise summation, root finding, the quadratic formula.

Every function here computes something a naive formula gets wrong in floating point, and says in its docstring
how large the error of the careful version is:

* the stable functions that ML code needs, taught where they first appear and re-exported here (one
  implementation in the course): ``logsumexp``, ``softmax``, ``log_softmax`` (from
  ``calculus.python_implementations.matrix_calculus``), ``sigmoid``, ``log_sigmoid``, ``softplus`` (from
  ``calculus.python_implementations.derivatives``) and ``condition_number`` (from
  ``linear_algebra.python_implementations.least_squares``);
* :func:`kahan_sum` (compensated summation, error about :math:`2u \sum_i \lvert x_i \rvert`) and
  :func:`pairwise_sum` (error about :math:`\lceil \log_2 n \rceil u \sum_i \lvert x_i \rvert`), against the
  naive loop's :math:`(n - 1) u \sum_i \lvert x_i \rvert`;
* :func:`quadratic_roots`, the quadratic formula without cancellation;
* three root finders, :func:`bisection` (order 1), :func:`secant` (order :math:`(1 + \sqrt{5})/2`) and
  :func:`newton_root` (order 2), which return a :class:`RootResult` with every iterate, so that the order can be
  measured.

The three root finders share one stopping rule: stop as soon as the last change of the iterate (for bisection,
the half-width of the bracket) is at most ``tol * max(1, |x|)``, an absolute tolerance for roots below 1 and a
relative one above; or when ``f(x) == 0`` exactly. Reaching ``max_iter``, a zero derivative or slope, or an iterate
that is no longer finite gives ``converged=False`` and a ``RuntimeWarning`` that names the cause.

See the derivations in ``advanced_topics/numerical_methods/README.md``.
"""

from __future__ import annotations

import math
import warnings
from typing import NamedTuple

import numpy as np

from calculus.python_implementations._validation import as_real_scalar, check_callable, check_positive_int
from calculus.python_implementations.derivatives import log_sigmoid, sigmoid, softplus
from calculus.python_implementations.matrix_calculus import log_softmax, logsumexp, softmax
from calculus.python_implementations.optimization import _check_tol
from linear_algebra.python_implementations.least_squares import condition_number

__all__ = [
    "RootResult",
    "bisection",
    "condition_number",
    "kahan_sum",
    "log_sigmoid",
    "log_softmax",
    "logsumexp",
    "newton_root",
    "pairwise_sum",
    "quadratic_roots",
    "secant",
    "sigmoid",
    "softmax",
    "softplus",
]


class RootResult(NamedTuple):
    """Outcome of a root finder.

    Attributes
    ----------
    root : float
        The last iterate: the approximation of a root of ``f``.
    n_iter : int
        Number of updates made: halvings of the bracket (bisection), Newton steps, or secant steps.
    converged : bool
        ``True`` when the stopping rule was met (or ``f(root) == 0`` exactly).
    iterates : ndarray of shape (n_iter + 1,) or (n_iter + 2,)
        Every approximation in order, ending with ``root``: the midpoints ``x_0, ..., x_n`` of the successive
        brackets (bisection), ``x_0, ..., x_n`` (Newton), or the two starting points and the ``n`` secant iterates.
        The errors ``|x_k - x*|`` of a known root ``x*`` give the order of convergence.
    """

    root: float
    n_iter: int
    converged: bool
    iterates: np.ndarray


# ---------------------------------------------------------------------------------------------------- summation


def _as_finite_values(x, name: str) -> np.ndarray:
    """Every entry of ``x`` as a new flat float array; NaN and inf refused (they would poison the sum)."""
    try:
        arr = np.array(x, dtype=float, copy=True).ravel()
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be an array of real numbers, got {type(x).__name__}: {exc}") from None
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must contain only finite numbers (no NaN or inf), got "
                         f"{np.count_nonzero(~np.isfinite(arr))} non-finite value(s)")
    return arr


def kahan_sum(x) -> float:
    r"""Sum of the entries of ``x`` by compensated (Kahan) summation.

    Parameters
    ----------
    x : array_like
        Finite numbers, any shape (every entry is added); empty gives 0.0.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If ``x`` holds NaN or inf, or is not numeric.

    Notes
    -----
    A running correction ``c`` holds the low-order part that the last addition lost:

    ``y = x_i - c;  t = s + y;  c = (t - s) - y;  s = t``.

    In exact arithmetic ``c`` would be 0; in floating point ``(t - s)`` is what was really added, so ``(t - s) - y``
    is minus the rounding error, which the next step subtracts. The error is at most
    :math:`(2u + O(n u^2)) \sum_i \lvert x_i \rvert`, independent of ``n`` to first order (the naive loop's bound is
    :math:`(n - 1) u \sum_i \lvert x_i \rvert`). The bound is relative to :math:`\sum_i \lvert x_i \rvert`, not to the
    sum: when terms cancel (``[1, 1e100, 1, -1e100]``, whose sum is 2) even Kahan can return 0; ``math.fsum`` is
    exact-then-rounded. If the running sum overflows, the result is ``inf`` (or ``-inf``) with a ``RuntimeWarning``,
    as for the naive loop and ``np.sum``: the compensation ``inf - inf`` would be NaN. Four floating-point operations
    per term, in a Python loop: about 0.1 s per million terms.

    See the derivation in ``advanced_topics/numerical_methods/README.md``, section "Derivation".

    Examples
    --------
    >>> import math
    >>> x = [0.1] * 10
    >>> sum(x), kahan_sum(x), math.fsum(x)          # the naive loop is one ulp off
    (0.9999999999999999, 1.0, 1.0)
    """
    values = _as_finite_values(x, "x").tolist()  # Python floats are IEEE doubles: the same roundings, faster loop
    s = 0.0  # running sum
    c = 0.0  # running compensation: minus the rounding error of the last addition
    for x_i in values:
        y = x_i - c  # the term, corrected by what the previous addition lost
        t = s + y  # the rounded new sum: the low-order digits of y may be lost here
        if math.isinf(t):  # the sum overflowed: no compensation can follow (inf - inf is NaN)
            warnings.warn("kahan_sum: overflow, the running sum exceeds the largest double", RuntimeWarning,
                          stacklevel=2)
            return t
        c = (t - s) - y  # (what was really added) - (what should have been added) = the loss, negated
        s = t
    return s


def pairwise_sum(x) -> float:
    r"""Sum of the entries of ``x`` by pairwise (cascade) summation: add neighbours, then neighbours of the sums.

    Parameters
    ----------
    x : array_like
        Finite numbers, any shape (every entry is added); empty gives 0.0.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If ``x`` holds NaN or inf, or is not numeric.

    Notes
    -----
    Level by level: ``(x_1 + x_2), (x_3 + x_4), ...``, then the same on the ``n/2`` partial sums, and so on (an
    odd one out is added to 0, exactly), ``ceil(log2 n)`` levels in all. Each term takes part in at most
    ``ceil(log2 n)`` roundings instead of up to ``n - 1`` in the naive loop, so the error is at most
    :math:`\gamma_{\lceil \log_2 n \rceil} \sum_i \lvert x_i \rvert \approx \lceil \log_2 n \rceil u \sum_i
    \lvert x_i \rvert`. Every addition is an IEEE operation on two doubles (vectorised, but not reordered), so the
    result is the same on every machine; ``np.sum`` uses a blocked variant whose last digits depend on the build.

    See the derivation in ``advanced_topics/numerical_methods/README.md``, section "Derivation".

    Examples
    --------
    >>> pairwise_sum([1.0, 2.0, 3.0, 4.0, 5.0])      # ((1 + 2) + (3 + 4)) + (5 + 0)
    15.0
    >>> pairwise_sum([0.1] * 10)
    1.0
    """
    v = _as_finite_values(x, "x")
    if v.size == 0:
        return 0.0
    while v.size > 1:
        if v.size % 2:
            v = np.append(v, 0.0)  # (2m,): the odd one out is added to 0, which is exact
        v = v[0::2] + v[1::2]  # (2m,) -> (m,): neighbours added, each sum rounded once
    return float(v[0])


# -------------------------------------------------------------------------------------------- quadratic formula


def quadratic_roots(a, b, c) -> tuple[float, float] | tuple[complex, complex]:
    r"""Both roots of :math:`a x^2 + b x + c = 0`, without the cancellation of the textbook formula.

    Parameters
    ----------
    a, b, c : float
        Finite real coefficients, ``a != 0``.

    Returns
    -------
    (x1, x2) : tuple of two floats, ``x1 <= x2``, when :math:`b^2 \ge 4ac`;
        otherwise two complex conjugates ``(re - i im, re + i im)``.

    Raises
    ------
    ValueError
        If a coefficient is NaN or inf, or ``a == 0`` (the equation is then linear).
    TypeError
        If a coefficient is not a real number.

    Notes
    -----
    The textbook :math:`(-b \pm \sqrt{b^2 - 4ac}) / (2a)` subtracts two nearly equal numbers for one of the signs
    when :math:`b^2 \gg \lvert 4ac \rvert`. Instead compute, with the sign of :math:`b`,

    :math:`q = -\tfrac12 \left(b + \mathrm{sign}(b) \sqrt{b^2 - 4ac}\right), \quad x_1 = q / a, \quad x_2 = c / q`,

    an addition of two numbers of the same sign, and Vieta's formula :math:`x_1 x_2 = c / a` for the second root;
    the two are returned in increasing order (for :math:`x^2 - 10^8 x + 1`, :math:`c / q = 10^{-8}` comes first).
    The coefficients are first divided by a power of two close to the largest of them (exact), so :math:`b^2` and
    :math:`4ac` cannot overflow. Each root then has a relative error of at most about :math:`(3 + 2K) u` with
    :math:`K = (b^2 + \lvert 4ac \rvert) / \lvert b^2 - 4ac \rvert`, the cancellation factor of the discriminant:
    a few :math:`u` for well-separated roots. Near a double root (:math:`K` huge) the roots themselves are
    ill-conditioned: a relative change :math:`\delta` in :math:`c` moves them by about :math:`\sqrt{\delta}`, and
    no formula does better than about :math:`\sqrt{u}`. Coefficients of wildly different sizes can still
    underflow after the scaling (:math:`b^2` below :math:`10^{-308}` times the largest).

    See the derivation in ``advanced_topics/numerical_methods/README.md``, section "Derivation".

    Examples
    --------
    >>> quadratic_roots(1.0, -3.0, 2.0)
    (1.0, 2.0)
    >>> x1, x2 = quadratic_roots(1.0, -1e8, 1.0)        # the textbook small root is 7.45e-09, 25 % off
    >>> f"{x1:.10e}", f"{x2:.1e}"
    ('1.0000000000e-08', '1.0e+08')
    >>> quadratic_roots(1.0, 0.0, 1.0)                  # x^2 + 1 = 0
    (-1j, 1j)
    """
    a, b, c = as_real_scalar(a, "a"), as_real_scalar(b, "b"), as_real_scalar(c, "c")
    if a == 0.0:
        raise ValueError(f"a must be non-zero (a x^2 + b x + c with a = 0 is linear), got a = {a}")
    e = math.frexp(max(abs(a), abs(b), abs(c)))[1]  # largest coefficient = f 2^e, f in [1/2, 1)
    a, b, c = math.ldexp(a, -e), math.ldexp(b, -e), math.ldexp(c, -e)  # exact: only exponents change
    disc = b * b - 4.0 * a * c  # |b|, |a|, |c| < 1: no overflow
    if disc < 0.0:
        re, im = 0.0 - b / (2.0 * a), math.sqrt(-disc) / (2.0 * abs(a))  # 0.0 - ...: no -0.0 real part
        return complex(re, -im), complex(re, im)
    q = -0.5 * (b + math.copysign(math.sqrt(disc), b))  # b and sign(b) sqrt(disc) have one sign: no cancellation
    if q == 0.0:  # b = 0 and disc = 0, so c = 0: the double root 0
        return 0.0, 0.0
    x1, x2 = q / a, c / q  # x1 x2 = c / a (Vieta)
    return (x1, x2) if x1 <= x2 else (x2, x1)


# ------------------------------------------------------------------------------------------------ root finding


def _value(f, x: float, name: str) -> float:
    """``f(x)`` as a Python float; an overflow inside ``f`` becomes ``inf``; anything but one real number refused."""
    try:
        value = f(x)
    except OverflowError:  # plain-Python arithmetic raises instead of returning inf
        return math.inf
    arr = np.asarray(value)
    if arr.size != 1 or arr.dtype.kind not in "biuf":
        raise ValueError(f"{name}(x) must return one real number, got {value!r} at x = {x!r}")
    return float(arr.reshape(()))


def _close_enough(change: float, x: float, tol: float) -> bool:
    """The shared stopping rule: |change| <= tol * max(1, |x|)."""
    return abs(change) <= tol * max(1.0, abs(x))


def _give_up(method: str, why: str, iterates: list[float], n_starts: int = 1) -> RootResult:
    """Warn that ``method`` stopped without converging; the result holds the last finite iterate."""
    warnings.warn(f"{method}: {why}", RuntimeWarning, stacklevel=3)
    return RootResult(iterates[-1], len(iterates) - n_starts, False, np.array(iterates))


def bisection(f, a, b, tol=1e-12, max_iter=200) -> RootResult:
    r"""A root of ``f`` in the bracket ``[a, b]`` by bisection: halve the bracket, keep the half with a sign change.

    Parameters
    ----------
    f : callable
        ``f(x)`` returns a real number; continuous on ``[a, b]``.
    a, b : float
        Finite ends of the bracket, ``a < b``, with ``f(a)`` and ``f(b)`` of opposite signs (or one of them 0).
    tol : float, default 1e-12
        Stop when the half-width of the bracket is at most ``tol * max(1, |x|)``, ``x`` its midpoint. ``0`` runs
        until no double lies strictly between the ends.
    max_iter : int, default 200
        Largest number of halvings.

    Returns
    -------
    RootResult
        ``iterates[k]`` is the midpoint of the bracket after ``k`` halvings, whose width is
        :math:`(b - a) / 2^k`; ``root`` is the last midpoint, ``n_iter`` the number of halvings.

    Raises
    ------
    ValueError
        If ``a >= b``, an end is NaN or inf, ``f(a)`` and ``f(b)`` have the same sign (no sign change: no root is
        guaranteed), ``f`` returns NaN or not a number, or ``tol < 0``.
    TypeError
        If ``f`` is not callable, or ``a``, ``b``, ``tol`` are not real numbers.

    Warns
    -----
    RuntimeWarning
        If ``max_iter`` halvings do not meet the tolerance (``converged=False``).

    Notes
    -----
    After ``k`` halvings the root lies in a bracket of width :math:`(b - a)/2^k` and the midpoint is within half of
    it: the error bound halves at every step (linear convergence, order 1, rate 1/2), whatever ``f`` is, and the
    number of halvings is known in advance, :math:`\lceil \log_2((b - a) / \mathrm{tol}) \rceil - 1` for roots of
    size at most 1. Only the sign of ``f`` is used (never the product ``f(a) f(b)``, which can underflow to 0 or
    overflow). The midpoint is ``a/2 + b/2``, which cannot overflow.

    See the derivation in ``advanced_topics/numerical_methods/README.md``, section "Derivation".

    Examples
    --------
    >>> res = bisection(lambda x: x * x - 2.0, 1.0, 2.0, tol=1e-6)
    >>> round(res.root, 6), res.n_iter, res.converged          # sqrt(2) = 1.41421356...
    (1.414214, 19, True)
    """
    check_callable(f, "f")
    a, b = as_real_scalar(a, "a"), as_real_scalar(b, "b")
    tol = _check_tol(tol)
    max_iter = check_positive_int(max_iter, "max_iter")
    if not a < b:
        raise ValueError(f"the bracket needs a < b, got a = {a}, b = {b}")
    fa, fb = _value(f, a, "f"), _value(f, b, "f")
    for end, value in (("a", fa), ("b", fb)):
        if math.isnan(value):
            raise ValueError(f"f({end}) must be a number, got NaN at {end} = {a if end == 'a' else b}")
    if fa == 0.0:
        return RootResult(a, 0, True, np.array([a]))
    if fb == 0.0:
        return RootResult(b, 0, True, np.array([b]))
    if math.copysign(1.0, fa) == math.copysign(1.0, fb):
        raise ValueError(f"f(a) and f(b) must have opposite signs (a bracket with a sign change), got "
                         f"f({a}) = {fa:.6g} and f({b}) = {fb:.6g}")
    iterates = []
    for k in range(max_iter + 1):
        x = 0.5 * a + 0.5 * b  # the midpoint, without the overflow of (a + b) / 2
        iterates.append(x)
        # |x - x*| <= (b - a) / 2: stop when that bound is small enough, or when no double lies between a and b
        if _close_enough(0.5 * b - 0.5 * a, x, tol) or not a < x < b:
            return RootResult(x, k, True, np.array(iterates))
        fx = _value(f, x, "f")
        if math.isnan(fx):
            raise ValueError(f"f(x) must be a number, got NaN at x = {x}")
        if fx == 0.0:
            return RootResult(x, k, True, np.array(iterates))
        if math.copysign(1.0, fx) == math.copysign(1.0, fa):
            a, fa = x, fx  # the sign change is in [x, b]
        else:
            b = x  # the sign change is in [a, x]
    return _give_up("bisection", f"did not converge in max_iter={max_iter} halvings: the bracket [{a!r}, {b!r}] "
                    f"is wider than 2 tol max(1, |x|) with tol = {tol:.3e}", iterates)


def newton_root(f, df, x0, tol=1e-12, max_iter=50) -> RootResult:
    r"""A root of ``f`` by Newton's method, :math:`x_{k+1} = x_k - f(x_k) / f'(x_k)`.

    Parameters
    ----------
    f, df : callable
        ``f(x)`` and its derivative ``df(x)``, each returning a real number.
    x0 : float
        Starting point.
    tol : float, default 1e-12
        Stop when :math:`\lvert x_{k+1} - x_k \rvert \le \mathrm{tol} \max(1, \lvert x_{k+1} \rvert)`.
    max_iter : int, default 50
        Largest number of Newton steps.

    Returns
    -------
    RootResult
        ``iterates`` is ``x_0, ..., x_n`` and ``n_iter = n``.

    Raises
    ------
    ValueError
        If ``x0`` is NaN or inf, ``f`` or ``df`` returns something that is not one real number, or ``tol < 0``.
    TypeError
        If ``f`` or ``df`` is not callable, or ``x0``, ``tol`` are not real numbers.

    Warns
    -----
    RuntimeWarning
        ``converged=False`` when ``df(x_k) = 0`` (no tangent crossing), an iterate or ``f`` is not finite
        (diverged; ``root`` is then the last finite iterate), or ``max_iter`` steps are not enough.

    Notes
    -----
    The tangent at :math:`x_k` crosses zero at :math:`x_{k+1}`. Near a simple root (:math:`f'(x^\star) \ne 0`),
    Taylor's theorem gives :math:`e_{k+1} \approx \frac{f''(x^\star)}{2 f'(x^\star)} e_k^2` for
    :math:`e_k = x_k - x^\star`: quadratic convergence (order 2), the number of correct digits doubles at every
    step. At a double root the order drops to 1 (rate 1/2); far from a root the iteration may wander or diverge.

    See the derivation in ``advanced_topics/numerical_methods/README.md``, section "Derivation".

    Examples
    --------
    >>> res = newton_root(lambda x: x * x - 2.0, lambda x: 2.0 * x, 1.0)
    >>> res.n_iter, res.converged, abs(res.root - 2 ** 0.5) <= 2.3e-16   # within one ulp of sqrt(2)
    (6, True, True)
    >>> [f"{abs(x - 2 ** 0.5):.1e}" for x in res.iterates[:4]]   # the error is squared at every step
    ['4.1e-01', '8.6e-02', '2.5e-03', '2.1e-06']
    """
    check_callable(f, "f")
    check_callable(df, "df")
    x = as_real_scalar(x0, "x0")
    tol = _check_tol(tol)
    max_iter = check_positive_int(max_iter, "max_iter")
    iterates = [x]
    for _ in range(max_iter):
        fx = _value(f, x, "f")
        if fx == 0.0:
            return RootResult(x, len(iterates) - 1, True, np.array(iterates))
        dfx = _value(df, x, "df")
        if not (math.isfinite(fx) and math.isfinite(dfx)):
            return _give_up("newton_root", f"diverged: f(x) = {fx!r}, df(x) = {dfx!r} at x = {x!r}", iterates)
        if dfx == 0.0:
            return _give_up("newton_root", f"the derivative is 0 at x = {x!r}: the tangent never crosses zero",
                            iterates)
        x_new = x - fx / dfx  # where the tangent crosses zero
        if not math.isfinite(x_new):
            return _give_up("newton_root", f"diverged: the step from x = {x!r} overflows", iterates)
        iterates.append(x_new)
        if _close_enough(x_new - x, x_new, tol):
            return RootResult(x_new, len(iterates) - 1, True, np.array(iterates))
        x = x_new
    return _give_up("newton_root", f"did not converge in max_iter={max_iter} steps: the last step "
                    f"{iterates[-1] - iterates[-2]:.3e} exceeds tol max(1, |x|) with tol = {tol:.3e}", iterates)


def secant(f, x0, x1, tol=1e-12, max_iter=50) -> RootResult:
    r"""A root of ``f`` by the secant method: Newton's step with the slope of the last two points.

    :math:`x_{k+1} = x_k - f(x_k) \dfrac{x_k - x_{k-1}}{f(x_k) - f(x_{k-1})}`.

    Parameters
    ----------
    f : callable
        ``f(x)`` returns a real number.
    x0, x1 : float
        Two distinct starting points.
    tol : float, default 1e-12
        Stop when :math:`\lvert x_{k+1} - x_k \rvert \le \mathrm{tol} \max(1, \lvert x_{k+1} \rvert)`.
    max_iter : int, default 50
        Largest number of secant steps.

    Returns
    -------
    RootResult
        ``iterates`` is ``x_0, x_1, x_2, ..., x_{n+1}`` and ``n_iter = n``, the number of secant steps (just
        ``[x_0]`` when ``f(x_0) = 0``).

    Raises
    ------
    ValueError
        If ``x0`` or ``x1`` is NaN or inf, ``x0 == x1``, ``f`` returns something that is not one real number,
        or ``tol < 0``.
    TypeError
        If ``f`` is not callable, or ``x0``, ``x1``, ``tol`` are not real numbers.

    Warns
    -----
    RuntimeWarning
        ``converged=False`` when the two last values of ``f`` are equal (a flat secant), an iterate or ``f`` is not
        finite, or ``max_iter`` steps are not enough.

    Notes
    -----
    One new evaluation of ``f`` per step and no derivative. Near a simple root
    :math:`e_{k+1} \approx \frac{f''(x^\star)}{2 f'(x^\star)} e_k e_{k-1}`, whose solutions satisfy
    :math:`e_{k+1} \approx C e_k^{\varphi}` with :math:`\varphi = (1 + \sqrt{5})/2 \approx 1.618`, the golden ratio:
    per evaluation of ``f`` that is faster than Newton's method, which needs two (:math:`\varphi > \sqrt{2}`).

    See the derivation in ``advanced_topics/numerical_methods/README.md``, section "Derivation".

    Examples
    --------
    >>> res = secant(lambda x: x * x - 2.0, 1.0, 2.0)
    >>> res.root, res.converged
    (1.4142135623730951, True)
    """
    check_callable(f, "f")
    x_prev, x = as_real_scalar(x0, "x0"), as_real_scalar(x1, "x1")
    tol = _check_tol(tol)
    max_iter = check_positive_int(max_iter, "max_iter")
    if x_prev == x:
        raise ValueError(f"x0 and x1 must differ (two points define the first secant), got x0 = x1 = {x}")
    iterates = [x_prev, x]
    f_prev = _value(f, x_prev, "f")
    if f_prev == 0.0:  # x0 is a root: no step, and x0 is the last (only) iterate
        return RootResult(x_prev, 0, True, np.array([x_prev]))
    for _ in range(max_iter):
        fx = _value(f, x, "f")
        if fx == 0.0:
            return RootResult(x, len(iterates) - 2, True, np.array(iterates))
        if not (math.isfinite(fx) and math.isfinite(f_prev)):
            return _give_up("secant", f"diverged: f(x) = {fx!r} at x = {x!r}", iterates, n_starts=2)
        if fx == f_prev:
            return _give_up("secant", f"f has the same value {fx!r} at x = {x_prev!r} and x = {x!r}: the secant "
                            "is flat", iterates, n_starts=2)
        x_new = x - fx * (x - x_prev) / (fx - f_prev)  # where the secant through the last two points crosses zero
        if not math.isfinite(x_new):
            return _give_up("secant", f"diverged: the step from x = {x!r} overflows", iterates, n_starts=2)
        iterates.append(x_new)
        if _close_enough(x_new - x, x_new, tol):
            return RootResult(x_new, len(iterates) - 2, True, np.array(iterates))
        x_prev, f_prev, x = x, fx, x_new
    return _give_up("secant", f"did not converge in max_iter={max_iter} steps: the last step "
                    f"{iterates[-1] - iterates[-2]:.3e} exceeds tol max(1, |x|) with tol = {tol:.3e}", iterates,
                    n_starts=2)
