r"""Probability distributions from scratch: densities, mass functions, cdfs, quantiles and samplers.

Discrete: binomial, Poisson, geometric. Continuous: normal, exponential, gamma, beta, Student t, chi-square.
Multivariate normal: log-density, Cholesky sampling and conditioning.

Every mass function and density is computed in log space, or with Loader's saddle-point terms, so that large
parameters (a binomial with ``n = 10 000``, a Poisson with ``lam = 1000``) keep their digits, and every cdf whose
value can be tiny is computed from the tail it lies in (``normal_cdf(-30)`` is ``4.9e-198``, not 0;
``chi2_sf`` is not ``1 - chi2_cdf``). Scalars in give a float out; arrays in give arrays out.

See the derivations in ``probability_statistics/distributions/README.md``.
"""

from __future__ import annotations

import math

import numpy as np

from linear_algebra.python_implementations.cholesky import cholesky
from linear_algebra.python_implementations.matrices import forward_substitution

from ._validation import as_real_scalar, check_nonnegative_int, check_positive, check_probability
from .special import (
    _as_real_array,
    _bd0,
    _log_beta_prefactor,
    _log_gamma_prefactor,
    _regularized_gamma,
    _regularized_incomplete_beta_pair,
    _scalar_or_array,
    _stirlerr,
)

__all__ = [
    "beta_pdf",
    "binomial_pmf",
    "chi2_cdf",
    "chi2_sf",
    "exponential_cdf",
    "exponential_pdf",
    "gamma_pdf",
    "geometric_pmf",
    "mvn_condition",
    "mvn_logpdf",
    "mvn_sample",
    "normal_cdf",
    "normal_pdf",
    "normal_ppf",
    "poisson_pmf",
    "sample_normal",
    "t_cdf",
]

_SQRT_2PI = math.sqrt(2.0 * math.pi)
_SQRT1_2 = math.sqrt(0.5)  # 1/sqrt(2), rounded once
_LOG_2PI = math.log(2.0 * math.pi)

_erfc = np.vectorize(math.erfc, otypes=[float])
_erf = np.vectorize(math.erf, otypes=[float])


# ---------------------------------------------------------------- input helpers


def _as_counts(k, name: str) -> np.ndarray:
    """Return ``k`` as a float array of non-negative whole numbers (a count of successes, events or trials)."""
    k = _as_real_array(k, name)
    bad = ~np.isfinite(k) | (k < 0) | (k != np.floor(k))
    if np.any(bad):
        raise ValueError(f"{name} must hold whole numbers >= 0, got {k[bad].flat[0]}")
    return k


def _standardize(x, mu, sigma) -> np.ndarray:
    """``z = (x - mu) / sigma`` after checking the arguments."""
    x = _as_real_array(x, "x")
    mu = as_real_scalar(mu, "mu")
    sigma = check_positive(sigma, "sigma")
    return (x - mu) / sigma


# ---------------------------------------------------------------- discrete


def binomial_pmf(k, n, p):
    r"""Binomial probability :math:`P(K = k) = \binom{n}{k} p^k (1-p)^{n-k}` of ``k`` successes in ``n`` trials.

    Parameters
    ----------
    k : array_like
        Whole numbers >= 0; values above ``n`` have probability 0.
    n : int
        Number of trials, >= 0.
    p : float
        Success probability in [0, 1].

    Returns
    -------
    float or ndarray
        The probabilities, of the shape of ``k``.

    Raises
    ------
    ValueError
        If ``k`` holds a negative, fractional or NaN value, ``n`` is negative or ``p`` is outside [0, 1].
    TypeError
        If ``n`` is not an integer.

    Notes
    -----
    Loader's saddle-point form: for :math:`0 < k < n`,
    :math:`\ln P(K = k) = \mathrm{stirlerr}(n) - \mathrm{stirlerr}(k) - \mathrm{stirlerr}(n-k)
    - \mathrm{bd0}(k, np) - \mathrm{bd0}(n-k, n(1-p)) + \tfrac12 \ln \frac{n}{2\pi k (n-k)}`. Every term is small
    or computed without cancellation, so ``n = 10 000`` keeps the digits that
    ``lgamma(n+1) - lgamma(k+1) - lgamma(n-k+1)`` (three numbers near 82 000) would lose.

    See the derivation in ``probability_statistics/distributions/README.md``, section "Tails without cancellation".

    Examples
    --------
    >>> round(binomial_pmf(3, 10, 0.5), 10)  # C(10, 3) / 2^10 = 120 / 1024
    0.1171875
    >>> float(binomial_pmf(10_000, 10_000, 0.5))  # 2^-10000 underflows: the true value is below the doubles
    0.0
    """
    k = _as_counts(k, "k")
    n = check_nonnegative_int(n, "n")
    p = check_probability(p, "p")
    q = 1.0 - p
    out = np.zeros(k.shape)
    with np.errstate(divide="ignore"):
        out[k == 0] = math.exp(n * math.log1p(-p)) if p < 1 else float(n == 0)  # q^n
        out[k == n] = p**n if n > 0 else 1.0
    inner = (k > 0) & (k < n)
    if inner.any() and 0 < p < 1:
        ki = k[inner]
        log_pmf = (
            _stirlerr(np.float64(n)) - _stirlerr(ki) - _stirlerr(n - ki)
            - _bd0(ki, n * p) - _bd0(n - ki, n * q)
            + 0.5 * (math.log(n) - np.log(ki) - np.log(n - ki) - _LOG_2PI)
        )
        out[inner] = np.exp(log_pmf)
    return _scalar_or_array(out)


def poisson_pmf(k, lam):
    r"""Poisson probability :math:`P(K = k) = \lambda^k e^{-\lambda} / k!` of ``k`` events at rate ``lam``.

    Parameters
    ----------
    k : array_like
        Whole numbers >= 0.
    lam : float
        Mean number of events, > 0.

    Returns
    -------
    float or ndarray
        The probabilities, of the shape of ``k``.

    Raises
    ------
    ValueError
        If ``k`` holds a negative, fractional or NaN value, or ``lam`` is not finite and > 0.

    Notes
    -----
    For :math:`k \ge 1`, :math:`\ln P(K = k) = -\mathrm{stirlerr}(k) - \mathrm{bd0}(k, \lambda)
    - \tfrac12 \ln(2\pi k)` (Loader): at :math:`\lambda = k = 1000` the naive
    :math:`k \ln\lambda - \lambda - \ln k!` subtracts numbers near 6900 and keeps only 12 digits.

    See the derivation in ``probability_statistics/distributions/README.md``, section "Tails without cancellation".

    Examples
    --------
    >>> round(poisson_pmf(2, 3.0), 12) == round(9 / 2 * math.exp(-3.0), 12)
    True
    """
    k = _as_counts(k, "k")
    lam = check_positive(lam, "lam")
    out = np.full(k.shape, math.exp(-lam))
    pos = k > 0
    if pos.any():
        kp = k[pos]
        out[pos] = np.exp(-_stirlerr(kp) - _bd0(kp, lam) - 0.5 * (_LOG_2PI + np.log(kp)))
    return _scalar_or_array(out)


def geometric_pmf(k, p):
    r"""Geometric probability :math:`P(K = k) = (1-p)^{k-1} p` that the first success comes at trial ``k``.

    Parameters
    ----------
    k : array_like
        Trial numbers: whole numbers >= 0. The support is :math:`k = 1, 2, \dots` (the number of trials up to and
        including the first success, as in ``scipy.stats.geom``); ``k = 0`` has probability 0.
    p : float
        Success probability of each trial, in (0, 1].

    Returns
    -------
    float or ndarray
        The probabilities, of the shape of ``k``.

    Raises
    ------
    ValueError
        If ``k`` holds a negative, fractional or NaN value, or ``p`` is not in (0, 1].

    Notes
    -----
    Computed as :math:`\exp(\ln p + (k-1)\,\mathrm{log1p}(-p))`: ``log1p`` keeps the digits of a small ``p``,
    and the product never underflows before the answer does.

    See the derivation in ``probability_statistics/distributions/README.md``, section "Definitions".

    Examples
    --------
    >>> geometric_pmf([1, 2, 3], 0.5)
    array([0.5  , 0.25 , 0.125])
    """
    k = _as_counts(k, "k")
    p = check_probability(p, "p")
    if p == 0.0:
        raise ValueError("p must be in (0, 1] (with p = 0 no success ever comes), got 0.0")
    with np.errstate(invalid="ignore"):
        log_pmf = math.log(p) + (k - 1.0) * (math.log1p(-p) if p < 1 else -np.inf)
    out = np.where(k >= 1, np.exp(np.where(k == 1, math.log(p), log_pmf)), 0.0)
    return _scalar_or_array(out)


# ---------------------------------------------------------------- normal


def normal_pdf(x, mu=0.0, sigma=1.0):
    r"""Normal density :math:`\frac{1}{\sigma\sqrt{2\pi}} \exp\left(-\frac{(x-\mu)^2}{2\sigma^2}\right)`.

    Parameters
    ----------
    x : array_like
        Points (``+-inf`` give 0).
    mu : float, default 0
        Mean.
    sigma : float, default 1
        Standard deviation, > 0.

    Returns
    -------
    float or ndarray
        The density at ``x``.

    Raises
    ------
    ValueError
        If ``x`` holds NaN, ``mu`` is not finite or ``sigma`` is not finite and > 0.

    See the derivation in ``probability_statistics/distributions/README.md``, section "Definitions".

    Examples
    --------
    >>> round(normal_pdf(0.0), 15) == round(1 / math.sqrt(2 * math.pi), 15)
    True
    """
    z = _standardize(x, mu, sigma)
    sigma = float(sigma)
    return _scalar_or_array(np.exp(-0.5 * z * z) / (sigma * _SQRT_2PI))


def normal_cdf(x, mu=0.0, sigma=1.0):
    r"""Normal cdf :math:`\Phi((x - \mu)/\sigma)`, with :math:`\Phi(z) = \tfrac12 \mathrm{erfc}(-z/\sqrt2)`.

    Parameters
    ----------
    x : array_like
        Points (``-inf`` gives 0, ``inf`` gives 1).
    mu : float, default 0
        Mean.
    sigma : float, default 1
        Standard deviation, > 0.

    Returns
    -------
    float or ndarray
        :math:`P(X \le x)` for :math:`X \sim \mathcal{N}(\mu, \sigma^2)`.

    Raises
    ------
    ValueError
        If ``x`` holds NaN, ``mu`` is not finite or ``sigma`` is not finite and > 0.

    Notes
    -----
    The complementary error function keeps its relative accuracy for large arguments, so the lower tail is computed
    directly: ``1 - 0.5 * erfc(z / sqrt 2)`` would return 0 for every ``z < -8.3``. The upper tail
    :math:`1 - \Phi(z)` is ``normal_cdf(-z)``, exactly by symmetry. The relative error is a few ``u`` plus the
    conditioning of the tail, :math:`z^2 u` (the rounding of ``z`` itself).

    See the derivation in ``probability_statistics/distributions/README.md``, section "Tails without cancellation".

    Examples
    --------
    >>> float(normal_cdf(0.0))
    0.5
    >>> print(f"{normal_cdf(-30.0):.6e}")  # 1 - normal_cdf(30.0) would be 0
    4.906714e-198
    """
    z = _standardize(x, mu, sigma)
    return _scalar_or_array(0.5 * _erfc(-z * _SQRT1_2))  # (..) -> (..)


# Acklam's rational approximations of the normal quantile (relative error below 1.2e-9), refined below.
_A = (-3.969683028665376e01, 2.209460984245205e02, -2.759285104469687e02, 1.383577518672690e02,
      -3.066479806614716e01, 2.506628277459239e00)
_B = (-5.447609879822406e01, 1.615858368580409e02, -1.556989798598866e02, 6.680131188771972e01,
      -1.328068155288572e01)
_C = (-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e00, -2.549732539343734e00,
      4.374664141464968e00, 2.938163982698783e00)
_D = (7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e00, 3.754408661907416e00)
_P_LOW = 0.02425  # below it the tail approximation, above it the central one


def _polyval(coefs, t):
    """Horner's rule, highest power first."""
    out = np.zeros_like(t)
    for c in coefs:
        out = out * t + c
    return out


def _ppf_lower_half(p: np.ndarray) -> np.ndarray:
    r"""Standard normal quantile for :math:`0 < p \le 1/2`: Acklam's start and one Halley step."""
    x = np.empty_like(p)
    central = p >= _P_LOW
    q = p[central] - 0.5  # exact (Sterbenz)
    r = q * q
    x[central] = _polyval(_A, r) * q / (_polyval(_B, r) * r + 1.0)
    tail = ~central
    s = np.sqrt(-2.0 * np.log(p[tail]))
    x[tail] = _polyval(_C, s) / (_polyval(_D, s) * s + 1.0)
    # Halley's step for F(x) = Phi(x) - p: x <- x - e / (1 + x e / 2) with e = F(x) / Phi'(x).
    # Centre: Phi(x) - p = erf(x / sqrt 2) / 2 - (p - 1/2) has no cancellation near x = 0.
    # Tail: e = (Phi(x) / p - 1) * p / phi(x), with p / phi(x) = sqrt(2 pi) exp(ln p + x^2 / 2) (no overflow).
    e = np.empty_like(p)
    xc = x[central]
    e[central] = (0.5 * _erf(xc * _SQRT1_2) - q) * _SQRT_2PI * np.exp(0.5 * xc * xc)
    xt, pt = x[tail], p[tail]
    e[tail] = (0.5 * _erfc(-xt * _SQRT1_2) / pt - 1.0) * _SQRT_2PI * np.exp(np.log(pt) + 0.5 * xt * xt)
    return x - e / (1.0 + 0.5 * x * e)


def normal_ppf(p, mu=0.0, sigma=1.0):
    r"""Normal quantile (inverse cdf): the :math:`x` with :math:`\Phi((x-\mu)/\sigma) = p`.

    Parameters
    ----------
    p : array_like
        Probabilities in [0, 1] (0 gives ``-inf``, 1 gives ``inf``).
    mu : float, default 0
        Mean.
    sigma : float, default 1
        Standard deviation, > 0.

    Returns
    -------
    float or ndarray
        The quantiles, of the shape of ``p``.

    Raises
    ------
    ValueError
        If ``p`` holds NaN or a value outside [0, 1], ``mu`` is not finite or ``sigma`` is not finite and > 0.

    Notes
    -----
    Acklam's rational approximation (relative error below :math:`1.2 \times 10^{-9}`) followed by one Halley step
    on :math:`\Phi(x) - p = 0`, which cubes the error: the result is accurate to a few ``u``. Only
    :math:`p \le 1/2` is computed; :math:`p > 1/2` uses :math:`x(p) = -x(1-p)`, where :math:`1 - p` is exact.
    The lower tail keeps full relative accuracy down to the smallest normal double (``p = 1e-300`` gives
    :math:`-37.04`); for ``p`` near 1 the answer is limited by ``1 - p``, which only has the digits ``p`` has.

    See the derivation in ``probability_statistics/distributions/README.md``, section "Sampling from scratch".

    Examples
    --------
    >>> round(normal_ppf(0.975), 6)
    1.959964
    >>> round(normal_ppf(1e-300), 6)
    -37.047096
    """
    p = _as_real_array(p, "p")
    if np.any((p < 0) | (p > 1)):
        raise ValueError(f"p must be in [0, 1], got {p[(p < 0) | (p > 1)].flat[0]}")
    mu = as_real_scalar(mu, "mu")
    sigma = check_positive(sigma, "sigma")
    p_low = np.minimum(p, 1.0 - p)  # exact for p >= 1/2
    z = np.full(p.shape, -np.inf)
    inside = p_low > 0
    z[inside] = _ppf_lower_half(p_low[inside])
    z = np.where(p > 0.5, -z, z)  # x(p) = -x(1 - p)
    return _scalar_or_array(mu + sigma * z)


def sample_normal(n, mu=0.0, sigma=1.0, rng=None):
    r"""Draw ``n`` normal samples from uniforms by the Box-Muller transform.

    Parameters
    ----------
    n : int
        Number of samples, >= 0.
    mu : float, default 0
        Mean.
    sigma : float, default 1
        Standard deviation, > 0.
    rng : None, int or numpy.random.Generator
        Source of the uniforms, passed to ``numpy.random.default_rng``.

    Returns
    -------
    ndarray of shape (n,)
        Independent draws from :math:`\mathcal{N}(\mu, \sigma^2)`.

    Raises
    ------
    ValueError
        If ``n`` is negative, ``mu`` is not finite or ``sigma`` is not finite and > 0.

    Notes
    -----
    With :math:`U_1, U_2` independent uniform on (0, 1], :math:`R = \sqrt{-2\ln U_1}` and
    :math:`\Theta = 2\pi U_2`, the pair :math:`(R\cos\Theta, R\sin\Theta)` is two independent standard normals
    (the change of variables is derived in the README). ``U_1 = 1 - rng.random()`` lies in (0, 1], so the
    logarithm is always finite. ``ceil(n / 2)`` pairs are drawn and the last sample is dropped if ``n`` is odd.

    See the derivation in ``probability_statistics/distributions/README.md``, section "Sampling from scratch".

    Examples
    --------
    >>> x = sample_normal(100_000, mu=2.0, sigma=3.0, rng=0)
    >>> bool(abs(x.mean() - 2.0) < 5 * 3.0 / math.sqrt(100_000))  # within 5 standard errors
    True
    """
    n = check_nonnegative_int(n, "n")
    mu = as_real_scalar(mu, "mu")
    sigma = check_positive(sigma, "sigma")
    rng = np.random.default_rng(rng)
    m = (n + 1) // 2
    u1 = 1.0 - rng.random(m)  # (m,) in (0, 1]
    u2 = rng.random(m)  # (m,) in [0, 1)
    r = np.sqrt(-2.0 * np.log(u1))
    theta = 2.0 * math.pi * u2
    z = np.concatenate([r * np.cos(theta), r * np.sin(theta)])[:n]  # (2m,) -> (n,)
    return mu + sigma * z


# ---------------------------------------------------------------- exponential, gamma, beta


def exponential_pdf(x, rate):
    r"""Exponential density :math:`\lambda e^{-\lambda x}` for :math:`x \ge 0` (0 for :math:`x < 0`).

    Parameters
    ----------
    x : array_like
        Points.
    rate : float
        The rate :math:`\lambda > 0` (the mean is :math:`1/\lambda`; ``scipy.stats.expon`` uses ``scale = 1/rate``).

    Returns
    -------
    float or ndarray
        The density at ``x``.

    Raises
    ------
    ValueError
        If ``x`` holds NaN or ``rate`` is not finite and > 0.

    See the derivation in ``probability_statistics/distributions/README.md``, section "Definitions".

    Examples
    --------
    >>> float(exponential_pdf(0.0, 2.0))
    2.0
    """
    x = _as_real_array(x, "x")
    rate = check_positive(rate, "rate")
    with np.errstate(over="ignore"):
        out = np.where(x >= 0, rate * np.exp(-rate * np.maximum(x, 0.0)), 0.0)
    return _scalar_or_array(out)


def exponential_cdf(x, rate):
    r"""Exponential cdf :math:`1 - e^{-\lambda x}` for :math:`x \ge 0`, computed as ``-expm1(-rate * x)``.

    Parameters
    ----------
    x : array_like
        Points.
    rate : float
        The rate :math:`\lambda > 0`.

    Returns
    -------
    float or ndarray
        :math:`P(X \le x)`.

    Raises
    ------
    ValueError
        If ``x`` holds NaN or ``rate`` is not finite and > 0.

    Notes
    -----
    ``expm1`` keeps the relative accuracy of small values: ``exponential_cdf(1e-20, 1.0)`` is ``1e-20``, where
    ``1 - exp(-1e-20)`` is 0. The upper tail :math:`e^{-\lambda x}` needs no function: it is ``exp(-rate * x)``.

    See the derivation in ``probability_statistics/distributions/README.md``, section "Tails without cancellation".

    Examples
    --------
    >>> float(exponential_cdf(1e-20, 1.0))
    1e-20
    """
    x = _as_real_array(x, "x")
    rate = check_positive(rate, "rate")
    return _scalar_or_array(-np.expm1(-rate * np.maximum(x, 0.0)))


def gamma_pdf(x, shape, rate):
    r"""Gamma density :math:`\frac{\lambda^k x^{k-1} e^{-\lambda x}}{\Gamma(k)}` with shape :math:`k` and rate :math:`\lambda`.

    Parameters
    ----------
    x : array_like
        Points; the density is 0 for :math:`x < 0`.
    shape : float
        Shape :math:`k > 0`.
    rate : float
        Rate :math:`\lambda > 0` (``scipy.stats.gamma`` uses ``a = shape``, ``scale = 1/rate``).

    Returns
    -------
    float or ndarray
        The density at ``x`` (at ``x = 0``: ``inf`` for ``shape < 1``, ``rate`` for ``shape = 1``, 0 above).

    Raises
    ------
    ValueError
        If ``x`` holds NaN, or ``shape`` or ``rate`` is not finite and > 0.

    Notes
    -----
    With :math:`y = \lambda x`, the density is :math:`\lambda \cdot \frac{y^k e^{-y}}{\Gamma(k)} \cdot \frac1y`, and
    the middle factor is Loader's form shared with the incomplete gamma function: no digits are lost to
    :math:`(k-1)\ln y - y - \ln\Gamma(k)` when :math:`k` is large.

    See the derivation in ``probability_statistics/distributions/README.md``, section "Definitions".

    Examples
    --------
    >>> round(gamma_pdf(1.0, 1.0, 2.0), 12) == round(2 * math.exp(-2.0), 12)  # shape 1: exponential
    True
    """
    x = _as_real_array(x, "x")
    shape = check_positive(shape, "shape")
    rate = check_positive(rate, "rate")
    y = rate * x
    out = np.zeros(x.shape)
    pos = (y > 0) & np.isfinite(y)
    yp = y[pos]
    out[pos] = rate * np.exp(_log_gamma_prefactor(np.full(yp.shape, shape), yp) - np.log(yp))
    out[y == 0] = np.inf if shape < 1 else (rate if shape == 1 else 0.0)
    return _scalar_or_array(out)


def beta_pdf(x, a, b):
    r"""Beta density :math:`\frac{x^{a-1}(1-x)^{b-1}}{B(a, b)}` on [0, 1].

    Parameters
    ----------
    x : array_like
        Points; the density is 0 outside [0, 1].
    a, b : float
        Shape parameters, > 0.

    Returns
    -------
    float or ndarray
        The density at ``x`` (at the end points: ``inf`` where the exponent is negative).

    Raises
    ------
    ValueError
        If ``x`` holds NaN, or ``a`` or ``b`` is not finite and > 0.

    Notes
    -----
    The density is :math:`\frac{x^a(1-x)^b}{a B(a,b)} \cdot \frac{a}{x(1-x)}`, and the first factor is the prefactor
    of the incomplete beta function (Loader's binomial form for large ``a``, ``b``).

    See the derivation in ``probability_statistics/distributions/README.md``, section "Definitions".

    Examples
    --------
    >>> float(beta_pdf(0.5, 2.0, 2.0))  # 6 x (1 - x)
    1.5
    """
    x = _as_real_array(x, "x")
    a = check_positive(a, "a")
    b = check_positive(b, "b")
    out = np.zeros(x.shape)
    inside = (x > 0) & (x < 1)
    xi = x[inside]
    yi = 1.0 - xi
    full = np.full(xi.shape, 1.0)
    out[inside] = a * np.exp(_log_beta_prefactor(a * full, b * full, xi, yi) - np.log(xi) - np.log1p(-xi))
    for end, exponent in ((0.0, a), (1.0, b)):
        at = x == end
        other = b if end == 0.0 else a
        if exponent < 1:
            out[at] = np.inf
        elif exponent == 1:  # the density at the end point is 1 / B(1, other) = other
            out[at] = other
    return _scalar_or_array(out)


# ---------------------------------------------------------------- t and chi-square


def t_cdf(x, df):
    r"""Student t cdf with ``df`` degrees of freedom, accurate in both tails.

    Parameters
    ----------
    x : array_like
        Points (``+-inf`` allowed).
    df : float
        Degrees of freedom :math:`\nu > 0` (need not be an integer).

    Returns
    -------
    float or ndarray
        :math:`P(T \le x)`.

    Raises
    ------
    ValueError
        If ``x`` holds NaN or ``df`` is not finite and > 0.

    Notes
    -----
    With :math:`w = \nu/(\nu + x^2)` and :math:`1 - w = x^2/(\nu + x^2)` (both formed directly from
    :math:`r = \sqrt{\nu}/x` or :math:`x/\sqrt{\nu}`, whichever is at most 1: never as a difference, and
    :math:`x^2` never overflows), :math:`P(T \le x) = \tfrac12 I_w(\nu/2, \tfrac12)` for :math:`x \le 0` and
    :math:`1 - \tfrac12 I_w(\nu/2, \tfrac12)` for :math:`x > 0`. The incomplete beta function computes its small
    side directly, so the lower tail is accurate however small it is; the upper tail :math:`P(T > x)` is
    ``t_cdf(-x, df)``, exactly, by symmetry. A p-value is therefore never ``1 - t_cdf``.

    Accuracy: a few ``u`` times :math:`1 + |\ln P|` in general; for many degrees of freedom and
    :math:`|x| > \sqrt 3` the continued fraction drifts by up to about :math:`(\nu/2)\,u` (measured: ``5e-14``
    relative at ``df = 1000``, ``5e-12`` at ``df = 1e5``), a known limit of this evaluation (an asymptotic expansion
    in :math:`\nu` would remove it).

    See the derivation in ``probability_statistics/distributions/README.md``, section "Tails without cancellation".

    Examples
    --------
    >>> float(t_cdf(0.0, 5.0))
    0.5
    >>> round(t_cdf(-2.0, 1.0), 12) == round(0.5 - math.atan(2.0) / math.pi, 12)  # df = 1 is Cauchy
    True
    """
    x = _as_real_array(x, "x")
    df = check_positive(df, "df")
    # w = df / (df + x^2) and 1 - w = x^2 / (df + x^2) from the ratio of x to sqrt(df) that is at most 1,
    # so that x^2 cannot overflow (x = 1e200 still has the tail P(T <= -x) ~ x^(-df))
    root_df = math.sqrt(df)
    big = np.abs(x) > root_df
    with np.errstate(divide="ignore"):
        r = np.where(big, root_df / np.where(big, x, 1.0), x / root_df)  # |r| <= 1
    r2 = r * r
    w = np.where(big, r2 / (1.0 + r2), 1.0 / (1.0 + r2))
    one_minus_w = np.where(big, 1.0 / (1.0 + r2), r2 / (1.0 + r2))
    half_tail, _ = _regularized_incomplete_beta_pair(df / 2.0, 0.5, w, one_minus_w)
    half_tail = 0.5 * half_tail  # P(T <= -|x|)
    return _scalar_or_array(np.where(x <= 0, half_tail, 1.0 - half_tail))


def chi2_cdf(x, df):
    r"""Chi-square cdf :math:`P(\chi^2_\nu \le x) = P(\nu/2, x/2)`.

    Parameters
    ----------
    x : array_like
        Points; the cdf is 0 for :math:`x \le 0`.
    df : float
        Degrees of freedom :math:`\nu > 0`.

    Returns
    -------
    float or ndarray
        The lower-tail probability.

    Raises
    ------
    ValueError
        If ``x`` holds NaN or ``df`` is not finite and > 0.

    See the derivation in ``probability_statistics/distributions/README.md``, section "How they relate".

    Examples
    --------
    >>> round(chi2_cdf(2.0, 2.0), 12) == round(1 - math.exp(-1.0), 12)  # df = 2 is exponential with rate 1/2
    True
    """
    x = _as_real_array(x, "x")
    df = check_positive(df, "df")
    p, _ = _regularized_gamma(df / 2.0, np.maximum(x, 0.0) / 2.0)
    return _scalar_or_array(p)


def chi2_sf(x, df):
    r"""Chi-square survival function :math:`P(\chi^2_\nu > x) = Q(\nu/2, x/2)`, computed directly (a p-value).

    Parameters
    ----------
    x : array_like
        Points; the survival function is 1 for :math:`x \le 0`.
    df : float
        Degrees of freedom :math:`\nu > 0`.

    Returns
    -------
    float or ndarray
        The upper-tail probability, accurate when it is tiny: ``chi2_sf(1000, 10)`` is ``1.87e-208``, where
        ``1 - chi2_cdf(1000, 10)`` is 0.

    Raises
    ------
    ValueError
        If ``x`` holds NaN or ``df`` is not finite and > 0.

    See the derivation in ``probability_statistics/distributions/README.md``, section "Tails without cancellation".

    Examples
    --------
    >>> print(f"{chi2_sf(1000.0, 10.0):.6e}")
    1.870291e-208
    """
    x = _as_real_array(x, "x")
    df = check_positive(df, "df")
    _, q = _regularized_gamma(df / 2.0, np.maximum(x, 0.0) / 2.0)
    return _scalar_or_array(q)


# ---------------------------------------------------------------- multivariate normal


def _as_mean_cov(mean, cov) -> tuple[np.ndarray, np.ndarray]:
    mean = _as_real_array(mean, "mean")
    if mean.ndim != 1 or mean.size == 0 or not np.all(np.isfinite(mean)):
        raise ValueError(f"mean must be a non-empty finite 1-D array, got shape {mean.shape}")
    cov = _as_real_array(cov, "cov")
    d = mean.size
    if cov.shape != (d, d):
        raise ValueError(f"cov must have shape ({d}, {d}) to match mean, got shape {cov.shape}")
    return mean, cov


def _cholesky_of(cov: np.ndarray, name: str = "cov") -> np.ndarray:
    try:
        return cholesky(cov)
    except (ValueError, np.linalg.LinAlgError) as exc:
        raise ValueError(f"{name} must be symmetric positive definite: {exc}") from None


def mvn_logpdf(x, mean, cov):
    r"""Log-density of the multivariate normal :math:`\mathcal{N}(\boldsymbol{\mu}, \Sigma)`.

    Parameters
    ----------
    x : array_like of shape (d,) or (m, d)
        One point, or ``m`` points as rows.
    mean : array_like of shape (d,)
        The mean :math:`\boldsymbol{\mu}`.
    cov : array_like of shape (d, d)
        The covariance :math:`\Sigma`, symmetric positive definite.

    Returns
    -------
    float or ndarray of shape (m,)
        :math:`-\tfrac12\left(d \ln 2\pi + \ln\det\Sigma + (\mathbf{x}-\boldsymbol{\mu})^\top \Sigma^{-1}
        (\mathbf{x}-\boldsymbol{\mu})\right)`.

    Raises
    ------
    ValueError
        If the shapes do not match, an entry is not finite, or ``cov`` is not symmetric positive definite.

    Notes
    -----
    With :math:`\Sigma = LL^\top`: :math:`\ln\det\Sigma = 2\sum_i \ln l_{ii}` and the quadratic form is
    :math:`\lVert \mathbf{y} \rVert^2` with :math:`L\mathbf{y} = \mathbf{x} - \boldsymbol{\mu}`: one forward
    substitution per point and no inverse (see ``linear_algebra/positive_definite_matrices/README.md``).

    See the derivation in ``probability_statistics/distributions/README.md``, section "The multivariate normal".

    Examples
    --------
    >>> round(mvn_logpdf([0.0, 0.0], [0.0, 0.0], [[1.0, 0.0], [0.0, 1.0]]), 12) == round(-math.log(2 * math.pi), 12)
    True
    """
    mean, cov = _as_mean_cov(mean, cov)
    d = mean.size
    x = _as_real_array(x, "x")
    if x.shape[-1:] != (d,) or x.ndim > 2 or not np.all(np.isfinite(x)):
        raise ValueError(f"x must be finite of shape ({d},) or (m, {d}), got shape {x.shape}")
    L = _cholesky_of(cov)
    V = np.atleast_2d(x) - mean  # (m, d)
    if V.shape[0] == 0:  # no points, no log-densities (as scipy.stats.multivariate_normal)
        return np.empty(0)
    Y = forward_substitution(L, V.T)  # L Y = V^T: (d, d) (d, m) -> (d, m)
    maha2 = np.sum(Y * Y, axis=0)  # (m,)
    log_det = 2.0 * np.sum(np.log(np.diag(L)))
    out = -0.5 * (d * _LOG_2PI + log_det + maha2)
    return float(out[0]) if x.ndim == 1 else out


def mvn_sample(n, mean, cov, rng=None):
    r"""Draw ``n`` samples of :math:`\mathcal{N}(\boldsymbol{\mu}, \Sigma)` as :math:`\boldsymbol{\mu} + L\mathbf{z}`.

    Parameters
    ----------
    n : int
        Number of samples, >= 0.
    mean : array_like of shape (d,)
        The mean.
    cov : array_like of shape (d, d)
        The covariance, symmetric positive definite.
    rng : None, int or numpy.random.Generator
        Source of randomness.

    Returns
    -------
    ndarray of shape (n, d)
        One sample per row.

    Raises
    ------
    ValueError
        If ``n`` is negative, the shapes do not match, or ``cov`` is not symmetric positive definite.

    Notes
    -----
    :math:`\mathbf{z}` has independent standard normal entries drawn by :func:`sample_normal` (Box-Muller), and
    :math:`\Sigma = LL^\top` is the Cholesky factorisation; then :math:`\mathrm{Cov}(L\mathbf{z}) = LL^\top = \Sigma`
    (derived in ``linear_algebra/positive_definite_matrices/README.md``).

    See the derivation in ``probability_statistics/distributions/README.md``, section "The multivariate normal".

    Examples
    --------
    >>> X = mvn_sample(5, [1.0, -1.0], [[2.0, 0.5], [0.5, 1.0]], rng=0)
    >>> X.shape
    (5, 2)
    """
    n = check_nonnegative_int(n, "n")
    mean, cov = _as_mean_cov(mean, cov)
    L = _cholesky_of(cov)
    d = mean.size
    rng = np.random.default_rng(rng)
    Z = sample_normal(n * d, 0.0, 1.0, rng).reshape(n, d)  # (n, d): rows are independent N(0, I_d)
    return mean + Z @ L.T  # row i is (mu + L z_i)^T: (n, d) @ (d, d) -> (n, d)


def mvn_condition(mean, cov, observed_index, observed_value):
    r"""Condition :math:`\mathcal{N}(\boldsymbol{\mu}, \Sigma)` on some coordinates: the Gaussian of the others.

    Parameters
    ----------
    mean : array_like of shape (d,)
        The mean :math:`\boldsymbol{\mu}`.
    cov : array_like of shape (d, d)
        The covariance :math:`\Sigma`, symmetric positive definite.
    observed_index : int or array_like of int
        Indices :math:`b` of the observed coordinates (distinct, in ``range(d)``, fewer than ``d``).
    observed_value : float or array_like
        Their observed values :math:`\mathbf{x}_b`, one per index.

    Returns
    -------
    mean : ndarray of shape (d - k,)
        :math:`\boldsymbol{\mu}_{a \mid b} = \boldsymbol{\mu}_a + \Sigma_{ab}\Sigma_{bb}^{-1}(\mathbf{x}_b - \boldsymbol{\mu}_b)`
        for the remaining indices :math:`a` in increasing order.
    cov : ndarray of shape (d - k, d - k)
        :math:`\Sigma_{a \mid b} = \Sigma_{aa} - \Sigma_{ab}\Sigma_{bb}^{-1}\Sigma_{ba}` (symmetric).

    Raises
    ------
    ValueError
        If the shapes do not match, an index is repeated or out of range, every coordinate is observed, or
        ``cov`` (or its block :math:`\Sigma_{bb}`) is not symmetric positive definite.

    Notes
    -----
    With :math:`\Sigma_{bb} = L_b L_b^\top`, :math:`W = L_b^{-1}\Sigma_{ba}` and
    :math:`\mathbf{w} = L_b^{-1}(\mathbf{x}_b - \boldsymbol{\mu}_b)`, the mean is
    :math:`\boldsymbol{\mu}_a + W^\top\mathbf{w}` and the covariance :math:`\Sigma_{aa} - W^\top W`: two triangular
    solves and no inverse. This is the Gaussian-process prediction formula.

    See the derivation in ``probability_statistics/distributions/README.md``, section "The multivariate normal".

    Examples
    --------
    >>> m, C = mvn_condition([0.0, 0.0], [[1.0, 0.8], [0.8, 1.0]], [1], [1.0])
    >>> np.round(m, 12), np.round(C, 12)
    (array([0.8]), array([[0.36]]))
    """
    mean, cov = _as_mean_cov(mean, cov)
    d = mean.size
    _cholesky_of(cov)
    idx = np.atleast_1d(np.asarray(observed_index))
    if idx.ndim != 1 or idx.size == 0 or not np.issubdtype(idx.dtype, np.integer):
        raise ValueError(f"observed_index must be a non-empty list of integers, got {observed_index!r}")
    if np.any((idx < 0) | (idx >= d)) or np.unique(idx).size != idx.size:
        raise ValueError(f"observed_index must hold distinct indices in range({d}), got {idx.tolist()}")
    if idx.size == d:
        raise ValueError(f"observed_index must leave at least one coordinate unobserved, got all {d}")
    x_b = _as_real_array(observed_value, "observed_value").reshape(-1)
    if x_b.shape != idx.shape or not np.all(np.isfinite(x_b)):
        raise ValueError(f"observed_value must hold {idx.size} finite value(s), one per index, got {observed_value!r}")
    rest = np.setdiff1d(np.arange(d), idx)  # a: increasing order
    L_b = _cholesky_of(cov[np.ix_(idx, idx)], "the observed block of cov")  # (k, k)
    W = forward_substitution(L_b, cov[np.ix_(idx, rest)])  # L_b W = Sigma_ba: (k, k) (k, r) -> (k, r)
    w = forward_substitution(L_b, x_b - mean[idx])  # L_b w = x_b - mu_b: (k,)
    cond_mean = mean[rest] + W.T @ w  # (r,) + (r, k) @ (k,) -> (r,)
    cond_cov = cov[np.ix_(rest, rest)] - W.T @ W  # (r, r) - (r, k) @ (k, r)
    return cond_mean, 0.5 * (cond_cov + cond_cov.T)
