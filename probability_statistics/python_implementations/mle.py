r"""Maximum likelihood: closed-form estimators, Newton's method for the gamma shape, Fisher information.

Every estimator here maximises the log-likelihood :math:`\ell(\theta) = \sum_i \log p(x_i \mid \theta)` of an
independent sample. Five families are covered, each with the parameters the chapter uses:

================  ==================  =============================================
``distribution``  parameters          density or mass function
================  ==================  =============================================
``"bernoulli"``   ``p``               ``p^x (1 - p)^(1 - x)``, x in {0, 1}
``"normal"``      ``(mu, sigma)``     ``exp(-(x - mu)^2 / (2 sigma^2)) / (sigma sqrt(2 pi))``
``"poisson"``     ``lam``             ``lam^x exp(-lam) / x!``, x in {0, 1, 2, ...}
``"exponential"`` ``rate``            ``rate exp(-rate x)``, x >= 0
``"gamma"``       ``(shape, rate)``   ``rate^shape x^(shape - 1) exp(-rate x) / Gamma(shape)``, x > 0
================  ==================  =============================================

The gamma shape has no closed form: :func:`solve_gamma_shape` solves its likelihood equation by Newton's method
(:func:`calculus.python_implementations.optimization.newton_method`). The digamma and trigamma functions it needs
are private helpers of this module, computed by the recurrence and the asymptotic series.

See the derivations in ``probability_statistics/maximum_likelihood/README.md``.
"""

from __future__ import annotations

import math

import numpy as np

from calculus.python_implementations.optimization import OptimizationResult, newton_method

from ._validation import as_real_scalar, as_sample, check_nonnegative_int, check_positive, check_probability
from .descriptive import mean, std

__all__ = [
    "fisher_information",
    "log_likelihood",
    "mle_bernoulli",
    "mle_exponential",
    "mle_gamma",
    "mle_normal",
    "mle_poisson",
    "solve_gamma_shape",
    "standard_errors",
]

DISTRIBUTIONS = ("bernoulli", "normal", "poisson", "exponential", "gamma")

# ----------------------------------------------------------------------------------------------------------------
# Input checks
# ----------------------------------------------------------------------------------------------------------------


def _check_distribution(distribution) -> str:
    if distribution not in DISTRIBUTIONS:
        raise ValueError(f"distribution must be one of {DISTRIBUTIONS}, got {distribution!r}")
    return distribution


def _binary_sample(x) -> np.ndarray:
    x = as_sample(x, "x")
    if not np.all((x == 0) | (x == 1)):
        raise ValueError(f"x must contain only 0 and 1 (Bernoulli outcomes), got values {np.unique(x)[:5]}")
    return x


def _count_sample(x) -> np.ndarray:
    x = as_sample(x, "x")
    if np.any(x < 0) or np.any(x != np.floor(x)):
        raise ValueError("x must contain non-negative integer counts (Poisson outcomes), "
                         f"got min {x.min()} and non-integers {x[x != np.floor(x)][:3]}")
    return x


def _positive_sample(x, allow_zero: bool) -> np.ndarray:
    x = as_sample(x, "x")
    bad = x < 0 if allow_zero else x <= 0
    if np.any(bad):
        rule = ">= 0" if allow_zero else "> 0"
        raise ValueError(f"x must contain only values {rule}, got min {x.min()}")
    return x


# ----------------------------------------------------------------------------------------------------------------
# Closed-form estimators
# ----------------------------------------------------------------------------------------------------------------


def mle_bernoulli(x) -> float:
    r"""Maximum likelihood estimate :math:`\hat{p} = \bar{x}` of a Bernoulli probability.

    Parameters
    ----------
    x : array_like of shape (n,)
        Outcomes, each 0 or 1.

    Returns
    -------
    float
        The fraction of ones, in [0, 1].

    Raises
    ------
    ValueError
        If ``x`` is empty, holds NaN or inf, or a value other than 0 and 1.

    Notes
    -----
    Setting :math:`\ell'(p) = n_1/p - (n - n_1)/(1 - p)` to zero, with :math:`n_1` the number of ones, gives
    :math:`\hat{p} = n_1/n`. See the derivation in
    ``probability_statistics/maximum_likelihood/README.md``, section "Closed-form estimators".

    Examples
    --------
    >>> mle_bernoulli([1, 0, 1, 1, 0, 1, 1, 0, 1, 1])
    0.7
    """
    x = _binary_sample(x)
    return float(np.sum(x)) / x.size  # n_1 / n, the sum of 0s and 1s is exact


def mle_normal(x) -> tuple[float, float]:
    r"""Maximum likelihood estimates :math:`(\hat{\mu}, \hat{\sigma})` of a normal sample.

    Parameters
    ----------
    x : array_like of shape (n,)
        A finite sample.

    Returns
    -------
    mu : float
        The sample mean.
    sigma : float
        The square root of the *biased* variance :math:`\frac{1}{n} \sum_i (x_i - \hat{\mu})^2` (``ddof=0``), which
        is what maximises the likelihood; the unbiased estimator divides by ``n - 1`` instead.

    Raises
    ------
    ValueError
        If ``x`` is empty or holds NaN or inf.

    Notes
    -----
    The standard deviation comes from :func:`probability_statistics.python_implementations.descriptive.std` (two-pass,
    accurate on data with a large mean). A constant sample gives ``sigma = 0``: the likelihood is then unbounded.
    See the derivation in ``probability_statistics/maximum_likelihood/README.md``, section "Closed-form estimators".

    Examples
    --------
    >>> mle_normal([2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0])
    (5.0, 2.0)
    """
    x = as_sample(x, "x")
    return mean(x), std(x, ddof=0)


def mle_poisson(x) -> float:
    r"""Maximum likelihood estimate :math:`\hat{\lambda} = \bar{x}` of a Poisson rate.

    Parameters
    ----------
    x : array_like of shape (n,)
        Non-negative integer counts.

    Returns
    -------
    float
        The mean count (0 when every count is 0, where the likelihood :math:`e^{-n\lambda}` is largest at 0).

    Raises
    ------
    ValueError
        If ``x`` is empty, holds NaN or inf, a negative or a non-integer value.

    Notes
    -----
    :math:`\ell'(\lambda) = \sum_i x_i / \lambda - n = 0` gives :math:`\hat{\lambda} = \bar{x}`. See the derivation in
    ``probability_statistics/maximum_likelihood/README.md``, section "Closed-form estimators".

    Examples
    --------
    >>> mle_poisson([2, 3, 0, 1, 4])
    2.0
    """
    x = _count_sample(x)
    return mean(x)


def mle_exponential(x) -> float:
    r"""Maximum likelihood estimate :math:`\hat{r} = 1 / \bar{x}` of an exponential rate.

    Parameters
    ----------
    x : array_like of shape (n,)
        Non-negative waiting times, not all zero.

    Returns
    -------
    float
        One over the mean waiting time.

    Raises
    ------
    ValueError
        If ``x`` is empty, holds NaN, inf or a negative value, or is all zeros (the likelihood then grows
        without bound as the rate grows).

    Notes
    -----
    :math:`\ell(r) = n \log r - r \sum_i x_i` and :math:`\ell'(r) = n / r - \sum_i x_i = 0`. See the derivation in
    ``probability_statistics/maximum_likelihood/README.md``, section "Closed-form estimators".

    Examples
    --------
    >>> mle_exponential([0.5, 1.5, 2.0])
    0.75
    """
    x = _positive_sample(x, allow_zero=True)
    xbar = mean(x)
    if xbar == 0.0:
        raise ValueError("x must not be all zeros: the exponential likelihood n log(rate) then has no maximum")
    return 1.0 / xbar


# ----------------------------------------------------------------------------------------------------------------
# Digamma and trigamma (private): recurrence up to x >= 16, then the asymptotic series
# ----------------------------------------------------------------------------------------------------------------

_SHIFT = 16.0
# log x - psi(x) ~ 1/(2x) + sum_j B_2j / (2j x^2j): coefficients of x^-2, x^-4, ..., x^-12 (Bernoulli numbers B_2j)
_G_COEF = (1 / 12, -1 / 120, 1 / 252, -1 / 240, 1 / 132, -691 / 32760)
# psi_1(x) - 1/x ~ 1/(2x^2) + sum_j B_2j / x^(2j+1): coefficients of x^-3, x^-5, ..., x^-15
_T_COEF = (1 / 6, -1 / 30, 1 / 42, -1 / 30, 5 / 66, -691 / 2730, 7 / 6)


def _log_minus_digamma(k: np.ndarray) -> np.ndarray:
    r"""``g(k) = log(k) - psi(k)`` for ``k > 0``, without the cancellation of ``log(k) - psi(k)`` at large ``k``.

    For ``k >= 16`` the asymptotic series, whose first omitted term ``1/(12 k^14)`` is below ``u g(k)``; below,
    ``psi(k) = psi(k + m) - sum_{j < m} 1/(k + j)`` gives ``g(k) = g(k + m) + sum_j 1/(k + j) - log1p(m / k)``.
    """
    k = np.asarray(k, dtype=float)
    m = np.maximum(np.ceil(_SHIFT - k), 0.0)  # shift so that k + m >= 16
    x = k + m
    w = 1.0 / (x * x)
    series = 0.0
    for c in reversed(_G_COEF):  # Horner in 1/x^2
        series = (series + c) * w
    g = 0.5 / x + series
    reciprocal_sum = np.zeros_like(k)
    for j in range(int(m.max(initial=0.0))):
        reciprocal_sum += np.where(j < m, 1.0 / (k + j), 0.0)
    return g + reciprocal_sum - np.log1p(m / k)


def _trigamma_minus_reciprocal(k: np.ndarray) -> np.ndarray:
    r"""``t(k) = psi_1(k) - 1/k`` for ``k > 0``, a sum of positive terms (no cancellation).

    ``psi_1(k) = psi_1(k + 1) + 1/k^2`` and ``1/k - 1/(k + 1) = 1/(k (k + 1))`` give
    ``t(k) = t(k + 1) + 1/(k^2 (k + 1))``; for ``k >= 16`` the asymptotic series.
    """
    k = np.asarray(k, dtype=float)
    m = np.maximum(np.ceil(_SHIFT - k), 0.0)
    x = k + m
    w = 1.0 / (x * x)
    series = 0.0
    for c in reversed(_T_COEF):  # Horner in 1/x^2, times 1/x below
        series = (series + c) * w
    t = 0.5 * w + series / x
    for j in range(int(m.max(initial=0.0))):
        y = k + j
        t = t + np.where(j < m, 1.0 / (y * y * (y + 1.0)), 0.0)
    return t


def _digamma(k):
    """psi(k) = log(k) - g(k) for k > 0."""
    return np.log(k) - _log_minus_digamma(k)


def _trigamma(k):
    """psi_1(k) = 1/k + t(k) for k > 0."""
    return 1.0 / np.asarray(k, dtype=float) + _trigamma_minus_reciprocal(k)


# ----------------------------------------------------------------------------------------------------------------
# The gamma distribution: Newton's method on the profile likelihood
# ----------------------------------------------------------------------------------------------------------------


def solve_gamma_shape(s, tol: float = 1e-13, max_iter: int = 50) -> OptimizationResult:
    r"""Solve :math:`\log k - \psi(k) = s` for the gamma shape :math:`k` by Newton's method.

    Parameters
    ----------
    s : float
        The statistic :math:`s = \log \bar{x} - \overline{\log x} > 0` of a positive sample (Jensen's inequality
        makes it positive unless the sample is constant).
    tol : float, default 1e-13
        Stop when :math:`\vert 1 - (\log k - \psi(k)) / s \vert \le` ``tol``: a relative tolerance on the equation,
        which gives a relative error of about ``tol`` in :math:`k`.
    max_iter : int, default 50
        Maximum number of Newton steps.

    Returns
    -------
    OptimizationResult
        From :func:`calculus.python_implementations.optimization.newton_method`: ``x`` (shape (1,), the shape
        :math:`\hat{k}`), ``n_iter``, ``converged`` and ``path`` (every iterate, from the start ``1/(2s)``).

    Raises
    ------
    ValueError
        If ``s`` is not a finite number > 0, or ``tol`` or ``max_iter`` is invalid.

    Notes
    -----
    The profile log-likelihood per sample, :math:`\ell_p(k)/n = k \log(k/\bar{x}) - \log\Gamma(k) + (k - 1)
    \overline{\log x} - k`, has derivative :math:`\log k - \psi(k) - s` and second derivative
    :math:`1/k - \psi_1(k) < 0`. Newton's method minimises :math:`-\ell_p(k) / (n s)` (scaling by :math:`1/s`
    changes no step, only makes the tolerance relative). :math:`g(k) = \log k - \psi(k)` is decreasing and convex
    with :math:`1/(2k) < g(k) < 1/k`, so the root lies in :math:`(1/(2s), 1/s)`; started at the lower end
    :math:`k_0 = 1/(2s)`, each Newton step stays left of the root (the tangent of a convex function lies below it)
    and moves right: the iteration increases monotonically and converges quadratically, and the shape never becomes
    negative. See the derivation in ``probability_statistics/maximum_likelihood/README.md``, section
    "Newton's method for the gamma shape".

    Examples
    --------
    >>> res = solve_gamma_shape(0.5)
    >>> res.converged, round(float(res.x[0]), 6)
    (True, 1.137725)
    """
    s = check_positive(s, "s")

    def grad(k):  # d/dk of -l_p(k) / (n s)
        return 1.0 - _log_minus_digamma(k) / s

    def hess(k):  # d^2/dk^2 of -l_p(k) / (n s) = (psi_1(k) - 1/k) / s > 0
        return (_trigamma_minus_reciprocal(k) / s).reshape(1, 1)

    return newton_method(grad, hess, np.array([0.5 / s]), tol=tol, max_iter=max_iter)


def mle_gamma(x, tol: float = 1e-13, max_iter: int = 50) -> tuple[float, float]:
    r"""Maximum likelihood estimates (shape, rate) of a gamma sample.

    Parameters
    ----------
    x : array_like of shape (n,)
        Positive values, not all equal.
    tol, max_iter
        Passed to :func:`solve_gamma_shape`.

    Returns
    -------
    shape : float
        :math:`\hat{k}`, the root of :math:`\log k - \psi(k) = \log \bar{x} - \overline{\log x}`.
    rate : float
        :math:`\hat{\beta} = \hat{k} / \bar{x}`.

    Raises
    ------
    ValueError
        If ``x`` is empty, holds NaN, inf or a value <= 0, or is constant (then :math:`s = 0` and the likelihood
        grows without bound as the shape grows).

    Warns
    -----
    RuntimeWarning
        If Newton's method does not converge in ``max_iter`` steps (from ``newton_method``).

    Notes
    -----
    Setting the derivative of :math:`\ell(k, \beta) = n k \log \beta - n \log\Gamma(k) + (k - 1) \sum_i \log x_i -
    \beta \sum_i x_i` with respect to :math:`\beta` to zero gives :math:`\beta = k / \bar{x}`; substituted back, a
    one-dimensional problem in :math:`k` remains (:func:`solve_gamma_shape`). The statistic
    :math:`s = \log \bar{x} - \overline{\log x}` is computed as ``mean(log(x / xbar))`` with the sign flipped: the
    ratios are near 1 for concentrated data, and the subtraction of two nearly equal logarithms is avoided.
    See the derivation in ``probability_statistics/maximum_likelihood/README.md``, section
    "Newton's method for the gamma shape".

    Examples
    --------
    >>> shape, rate = mle_gamma([1.0, 2.0, 3.0, 4.0])
    >>> round(shape, 6), round(rate, 6)
    (4.265428, 1.706171)
    """
    x = _positive_sample(x, allow_zero=False)
    xbar = mean(x)
    s = -mean(np.log(x / xbar))  # log(xbar) - mean(log x), >= 0 by Jensen
    if not s > 0.0:
        raise ValueError("x must not be constant: log(mean(x)) - mean(log(x)) = 0, the gamma shape estimate would be "
                         "infinite")
    res = solve_gamma_shape(s, tol=tol, max_iter=max_iter)
    shape = float(res.x[0])
    return shape, shape / xbar


# ----------------------------------------------------------------------------------------------------------------
# Log-likelihood, Fisher information, standard errors
# ----------------------------------------------------------------------------------------------------------------


def _params(distribution: str, params) -> tuple[float, ...]:
    """Validate the parameters of ``distribution`` and return them as a tuple of floats."""
    if distribution in ("normal", "gamma"):
        try:
            a, b = params
        except (TypeError, ValueError):
            names = "(mu, sigma)" if distribution == "normal" else "(shape, rate)"
            raise ValueError(f"params must be a pair {names} for the {distribution} distribution, "
                             f"got {params!r}") from None
        if distribution == "normal":
            return as_real_scalar(a, "mu"), check_positive(b, "sigma")
        return check_positive(a, "shape"), check_positive(b, "rate")
    if np.ndim(params) == 1 and np.size(params) == 1:
        (params,) = params
    if distribution == "bernoulli":
        return (check_probability(params, "p"),)
    return (check_positive(params, "lam" if distribution == "poisson" else "rate"),)


def log_likelihood(distribution: str, params, x) -> float:
    r"""The log-likelihood :math:`\ell(\theta) = \sum_i \log p(x_i \mid \theta)` of an independent sample.

    Parameters
    ----------
    distribution : {"bernoulli", "normal", "poisson", "exponential", "gamma"}
    params : float or tuple
        ``p``; ``(mu, sigma)``; ``lam``; ``rate``; ``(shape, rate)`` (see the module docstring).
    x : array_like of shape (n,)
        The sample, in the support of the distribution.

    Returns
    -------
    float
        The log-likelihood; ``-inf`` for a Bernoulli sample that has a one where ``p = 0`` (or a zero where
        ``p = 1``).

    Raises
    ------
    ValueError
        For an unknown ``distribution``, parameters outside their domain, or a sample outside the support.

    Notes
    -----
    Written with the sufficient statistics, so that the sum is taken once: for instance the Bernoulli
    log-likelihood is :math:`n_1 \log p + (n - n_1) \log(1 - p)` with :math:`n_1 = \sum_i x_i` (a term with a zero count
    is dropped, the convention :math:`0 \log 0 = 0`), and ``log1p(-p)`` keeps the digits of :math:`\log(1 - p)` for
    small :math:`p`. See the derivation in ``probability_statistics/maximum_likelihood/README.md``, section
    "Definitions".

    Examples
    --------
    >>> round(log_likelihood("bernoulli", 0.7, [1, 0, 1, 1, 0, 1, 1, 0, 1, 1]), 6)
    -6.108643
    >>> round(log_likelihood("normal", (0.0, 1.0), [0.0]), 6)   # log(1 / sqrt(2 pi))
    -0.918939
    """
    distribution = _check_distribution(distribution)
    theta = _params(distribution, params)
    if distribution == "bernoulli":
        x = _binary_sample(x)
        (p,) = theta
        n_1, n = float(np.sum(x)), x.size  # the number of ones and of outcomes
        if (n_1 > 0 and p == 0.0) or (n - n_1 > 0 and p == 1.0):
            return -math.inf  # an outcome the model calls impossible
        ones = n_1 * math.log(p) if n_1 > 0 else 0.0  # 0 log 0 = 0
        zeros = (n - n_1) * math.log1p(-p) if n - n_1 > 0 else 0.0
        return ones + zeros
    if distribution == "normal":
        x = as_sample(x, "x")
        mu, sigma = theta
        z = (x - mu) / sigma  # (n,) standardised values
        return float(-x.size * (math.log(sigma) + 0.5 * math.log(2 * math.pi)) - 0.5 * np.sum(z * z))
    if distribution == "poisson":
        x = _count_sample(x)
        (lam,) = theta
        log_factorials = sum(math.lgamma(v + 1.0) for v in x)  # log x_i! = log Gamma(x_i + 1)
        return float(np.sum(x) * math.log(lam) - x.size * lam - log_factorials)
    if distribution == "exponential":
        x = _positive_sample(x, allow_zero=True)
        (rate,) = theta
        return float(x.size * math.log(rate) - rate * np.sum(x))
    x = _positive_sample(x, allow_zero=False)
    shape, rate = theta
    return float(x.size * (shape * math.log(rate) - math.lgamma(shape)) + (shape - 1.0) * np.sum(np.log(x))
                 - rate * np.sum(x))


def fisher_information(distribution: str, params, n: int = 1) -> np.ndarray:
    r"""Expected Fisher information :math:`\mathcal{I}_n(\theta) = n \mathcal{I}_1(\theta)` of an independent sample of size ``n``.

    Parameters
    ----------
    distribution : {"bernoulli", "normal", "poisson", "exponential", "gamma"}
    params : float or tuple
        ``p`` in (0, 1); ``(mu, sigma)``; ``lam``; ``rate``; ``(shape, rate)``.
    n : int, default 1
        Sample size, >= 1.

    Returns
    -------
    ndarray of shape (p, p)
        ``p = 1`` for the one-parameter families, ``p = 2`` for the normal and the gamma, in the order of
        ``params``:

        * Bernoulli :math:`n / (p (1 - p))`; Poisson :math:`n / \lambda`; exponential :math:`n / r^2`;
        * normal :math:`n \, \mathrm{diag}(1 / \sigma^2, 2 / \sigma^2)` for :math:`(\mu, \sigma)`;
        * gamma :math:`n [[\psi_1(k), -1/\beta], [-1/\beta, k / \beta^2]]` for :math:`(k, \beta)`.

    Raises
    ------
    ValueError
        For an unknown ``distribution``, parameters outside their domain (``p`` must be strictly inside (0, 1),
        where the information is finite) or ``n < 1``.

    Notes
    -----
    :math:`\mathcal{I}_1(\theta) = -\mathbb{E}[\nabla^2 \log p(X \mid \theta)]`, minus the expected Hessian of one
    observation's log-density. For these five families at the maximum likelihood estimate it equals the observed
    information :math:`-\nabla^2 \ell(\hat{\theta})`. See the derivation in
    ``probability_statistics/maximum_likelihood/README.md``, section "Fisher information and standard errors".

    Examples
    --------
    >>> fisher_information("bernoulli", 0.7, n=10)
    array([[47.61904762]])
    >>> fisher_information("normal", (5.0, 2.0), n=8)
    array([[2., 0.],
           [0., 4.]])
    """
    distribution = _check_distribution(distribution)
    theta = _params(distribution, params)
    n = check_nonnegative_int(n, "n")
    if n < 1:
        raise ValueError(f"n must be >= 1, got {n}")
    if distribution == "bernoulli":
        (p,) = theta
        if p in (0.0, 1.0):
            raise ValueError(f"p must be strictly between 0 and 1 for a finite Fisher information, got {p}")
        return np.array([[n / (p * (1.0 - p))]])
    if distribution == "normal":
        _, sigma = theta
        return n * np.diag([1.0 / sigma**2, 2.0 / sigma**2])
    if distribution == "poisson":
        (lam,) = theta
        return np.array([[n / lam]])
    if distribution == "exponential":
        (rate,) = theta
        return np.array([[n / rate**2]])
    shape, rate = theta
    return n * np.array([[float(_trigamma(shape)), -1.0 / rate], [-1.0 / rate, shape / rate**2]])


def standard_errors(distribution: str, x) -> np.ndarray:
    r"""Asymptotic standard errors of the maximum likelihood estimates, :math:`\sqrt{\mathrm{diag}(\mathcal{I}_n(\hat{\theta})^{-1})}`.

    Parameters
    ----------
    distribution : {"bernoulli", "normal", "poisson", "exponential", "gamma"}
    x : array_like of shape (n,)
        The sample the estimates come from.

    Returns
    -------
    ndarray of shape (p,)
        One standard error per parameter, in the order of the estimator's output:

        * Bernoulli :math:`\sqrt{\hat{p}(1 - \hat{p}) / n}`; Poisson :math:`\sqrt{\hat{\lambda} / n}`;
          exponential :math:`\hat{r} / \sqrt{n}`;
        * normal :math:`(\hat{\sigma} / \sqrt{n}, \hat{\sigma} / \sqrt{2n})`;
        * gamma :math:`\sqrt{k / (n (k \psi_1(k) - 1))}` and :math:`\beta \sqrt{\psi_1(k) / (n (k \psi_1(k) - 1))}`
          at :math:`(\hat{k}, \hat{\beta})`.

    Raises
    ------
    ValueError
        As the estimator of ``distribution`` does for ``x``; also for a normal sample that is constant
        (:math:`\hat{\sigma} = 0`).

    Notes
    -----
    A Bernoulli sample of all zeros or all ones gives :math:`\hat{p} \in \lbrace 0, 1 \rbrace` and a standard error
    of 0: the Wald interval :math:`\hat{p} \pm 1.96 \cdot 0` is then useless (a pitfall of the chapter).
    The gamma determinant :math:`k \psi_1(k) - 1 = k t(k)` with :math:`t(k) = \psi_1(k) - 1/k` is computed without
    cancellation (it behaves like :math:`1/(2k)` for large :math:`k`). See the derivation in
    ``probability_statistics/maximum_likelihood/README.md``, section "Fisher information and standard errors".

    Examples
    --------
    >>> standard_errors("normal", [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0])
    array([0.70710678, 0.5       ])
    >>> np.round(standard_errors("bernoulli", [1, 0, 1, 1, 0, 1, 1, 0, 1, 1]), 6)
    array([0.144914])
    """
    distribution = _check_distribution(distribution)
    if distribution == "bernoulli":
        p = mle_bernoulli(x)
        n = np.size(x)
        return np.array([math.sqrt(p * (1.0 - p) / n)])
    if distribution == "normal":
        _, sigma = mle_normal(x)
        if sigma == 0.0:
            raise ValueError("x must not be constant: the normal MLE sigma = 0 has no finite Fisher information")
        n = np.size(x)
        return np.array([sigma / math.sqrt(n), sigma / math.sqrt(2.0 * n)])
    if distribution == "poisson":
        lam = mle_poisson(x)
        return np.array([math.sqrt(lam / np.size(x))])
    if distribution == "exponential":
        rate = mle_exponential(x)
        return np.array([rate / math.sqrt(np.size(x))])
    shape, rate = mle_gamma(x)
    n = np.size(x)
    det = shape * float(_trigamma_minus_reciprocal(shape))  # k psi_1(k) - 1, no cancellation
    return np.array([math.sqrt(shape / (n * det)), rate * math.sqrt(float(_trigamma(shape)) / (n * det))])
