r"""Hypothesis tests from scratch: t-tests, the z-test and its power, chi-square tests, resampling, multiple testing.

* t-tests: one sample, two samples (Student's pooled variance or Welch's unequal variances, with the
  Welch-Satterthwaite degrees of freedom) and paired samples; each result carries its confidence interval (the
  duality of tests and intervals), computed with a t quantile found by Newton's method on ``t_cdf``.
* The z-test (known standard deviation) and its power, exact for the z-test and the normal approximation for a t-test.
* Chi-square tests of goodness of fit and of independence (no Yates correction).
* A permutation test with vectorised resampling, and the percentile bootstrap confidence interval.
* The Bonferroni and Benjamini-Hochberg corrections for many tests.
* Wilson's score interval for a proportion (an accuracy, a recall), the inversion of the score test.

Every p-value is a tail probability computed from the tail it lies in: ``t_cdf(-abs(t), df)`` and ``chi2_sf``,
never ``1 - cdf``. A t statistic of 40 with 100 degrees of freedom has the two-sided p-value ``2.5e-63``, where
``1 - t_cdf(40, 100)`` would be 0.

See the derivations in ``probability_statistics/hypothesis_testing/README.md``.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from ._validation import as_real_scalar, as_sample, check_nonnegative_int, check_probability
from .descriptive import mean, std, variance
from .distributions import chi2_sf, normal_cdf, normal_ppf, t_cdf

__all__ = [
    "BootstrapResult",
    "ChiSquareResult",
    "PermutationResult",
    "TTestResult",
    "benjamini_hochberg",
    "bonferroni",
    "bootstrap_ci",
    "chi_square_goodness_of_fit",
    "chi_square_independence",
    "permutation_test",
    "t_test_one_sample",
    "t_test_paired",
    "t_test_two_sample",
    "wilson_interval",
    "z_test",
    "z_test_power",
]

_EPS = np.finfo(float).eps
_ALTERNATIVES = ("two-sided", "less", "greater")
_PPF_MAX_ITER = 200  # Newton from the normal quantile: ~log2(|t_p / z_p|) + 6 steps (50 for df = 1, p = 1e-15)
_BATCH_ELEMENTS = 1 << 21  # resampled values held in memory at once (16 MB of doubles)


# ---------------------------------------------------------------- results


class TTestResult(NamedTuple):
    r"""Result of a t-test or z-test.

    ``statistic`` is :math:`t = (\text{estimate} - \text{null value}) / \text{standard error}`, ``p_value`` its
    tail probability, ``df`` the degrees of freedom (``inf`` for the z-test, whose null distribution
    :math:`\mathcal{N}(0, 1)` is the t distribution with infinitely many), ``estimate`` the mean (one sample), the
    difference of means (two samples) or the mean difference (paired), ``standard_error`` its estimated standard
    deviation and ``alternative`` the direction tested.
    """

    statistic: float
    p_value: float
    df: float
    estimate: float
    standard_error: float
    alternative: str

    def confidence_interval(self, confidence=0.95) -> tuple[float, float]:
        r"""Confidence interval for the estimated quantity, dual to the test.

        Two-sided: :math:`\text{estimate} \pm t_{\nu, 1 - \alpha/2} \cdot \text{se}` with
        :math:`\alpha = 1 - \text{confidence}`; ``"less"``: :math:`(-\infty, \text{estimate} + t_{\nu, 1-\alpha}
        \text{se}]`; ``"greater"``: :math:`[\text{estimate} - t_{\nu, 1-\alpha} \text{se}, \infty)`. A null value
        lies inside the interval exactly when the test of it at level :math:`\alpha` does not reject
        (same convention as ``scipy.stats.ttest_1samp(...).confidence_interval``).

        See the derivation in ``probability_statistics/hypothesis_testing/README.md``, section "Derivation",
        "Confidence intervals and the duality".

        Examples
        --------
        >>> res = t_test_one_sample([5.2, 4.8, 5.9, 6.1, 5.5, 5.7, 5.0, 5.8], mu0=5.0)
        >>> [round(v, 4) for v in res.confidence_interval(0.95)]
        [5.1156, 5.8844]
        """
        confidence = check_probability(confidence, "confidence")
        if not 0.0 < confidence < 1.0:
            raise ValueError(f"confidence must be in (0, 1), got {confidence}")
        alpha = 1.0 - confidence
        tail = alpha / 2.0 if self.alternative == "two-sided" else alpha
        q = -_t_ppf(tail, self.df)  # t_{df, 1 - tail} from the lower tail: -t_{df, tail}, no cancellation
        half = q * self.standard_error
        low = -math.inf if self.alternative == "less" else self.estimate - half
        high = math.inf if self.alternative == "greater" else self.estimate + half
        return low, high


class ChiSquareResult(NamedTuple):
    """Result of a chi-square test: the statistic, its upper-tail p-value, the degrees of freedom and the
    expected counts under the null hypothesis (same shape as the observed counts)."""

    statistic: float
    p_value: float
    df: int
    expected: np.ndarray


class PermutationResult(NamedTuple):
    """Result of a permutation test: the observed statistic, the p-value and the statistic on every permuted split
    (the null distribution, of shape ``(n_resamples,)``, or one value per distinct split for an exact test)."""

    statistic: float
    p_value: float
    null_distribution: np.ndarray


class BootstrapResult(NamedTuple):
    """Result of a bootstrap: the percentile confidence interval ``(low, high)``, the bootstrap standard error
    (standard deviation of the bootstrap distribution, ``ddof=1``) and the bootstrap distribution itself."""

    low: float
    high: float
    standard_error: float
    bootstrap_distribution: np.ndarray


# ---------------------------------------------------------------- tails and quantiles of t


def _check_alternative(alternative) -> str:
    if not isinstance(alternative, str) or alternative not in _ALTERNATIVES:
        raise ValueError(f"alternative must be one of 'two-sided', 'less', 'greater', got {alternative!r}")
    return alternative


def _lower_tail(t, df: float):
    r""":math:`P(T \le t)` for the t distribution with ``df`` degrees of freedom; ``df = inf`` is the normal."""
    return normal_cdf(t) if math.isinf(df) else t_cdf(t, df)


def _p_value(t: float, df: float, alternative: str) -> float:
    """Tail probability of a t (or z) statistic in the direction of ``alternative``, always from its own tail."""
    if alternative == "less":
        return float(_lower_tail(t, df))  # P(T <= t)
    if alternative == "greater":
        return float(_lower_tail(-t, df))  # P(T >= t) = P(T <= -t) by symmetry: the upper tail, computed directly
    return float(min(1.0, 2.0 * _lower_tail(-abs(t), df)))  # P(|T| >= |t|) = 2 P(T <= -|t|)


def _t_log_pdf(x: float, df: float) -> float:
    r""":math:`\ln f(x) = \ln\Gamma(\frac{\nu+1}{2}) - \ln\Gamma(\frac{\nu}{2}) - \frac12\ln(\nu\pi)
    - \frac{\nu+1}{2}\ln(1 + x^2/\nu)`, without overflow of :math:`x^2`."""
    r = abs(x) / math.sqrt(df)
    log_1_plus_r2 = math.log1p(r * r) if r < 1e150 else 2.0 * math.log(r)
    return (math.lgamma(0.5 * (df + 1.0)) - math.lgamma(0.5 * df) - 0.5 * math.log(df * math.pi)
            - 0.5 * (df + 1.0) * log_1_plus_r2)


def _t_ppf(p: float, df: float) -> float:
    r"""Quantile of the t distribution: the :math:`x` with :math:`F(x) = p` for :math:`0 < p < 1`.

    For :math:`p < 1/2` the root is negative, and on :math:`x \le 0` the cdf :math:`F` is increasing and convex
    (its derivative, the density, increases up to the mode 0). Newton's method started at the normal quantile
    :math:`z_p`, where :math:`F(z_p) \ge p` (the t distribution has the heavier tails), therefore decreases
    monotonically to the root: the tangent of a convex function lies below it, so no step overshoots. The step
    :math:`(F(x) - p)/f(x)` is formed as :math:`(F(x)/p - 1) \cdot p/f(x)` so that nothing underflows in a deep
    tail; :math:`F` comes from ``t_cdf`` (accurate lower tail), and the density :math:`f` only sets the step size:
    its rounding slows the convergence but does not move the root. The iteration stops when the step is below
    :math:`4\epsilon_{\mathrm{mach}}|x|` or when :math:`F(x) \le p`, which in exact arithmetic never happens and in
    floating point means that the rounding error of :math:`F` has been reached: the relative error of the quantile
    is then about that of :math:`F` times :math:`F/(|x| f)`, at most 1 in the tails (:math:`1/\nu` far out).
    Far in the tail of a small :math:`\nu` the iterates first grow geometrically (by about
    :math:`1 + 1/\nu` per step): 50 steps for :math:`\nu = 1`, :math:`p = 10^{-15}`. For :math:`p > 1/2`,
    :math:`x(p) = -x(1 - p)` with :math:`1 - p` exact. ``df = inf`` gives the normal quantile.
    """
    if p == 0.5:
        return 0.0
    if p > 0.5:
        return -_t_ppf(1.0 - p, df)
    x = float(normal_ppf(p))
    if math.isinf(df):
        return x
    log_p = math.log(p)
    for _ in range(_PPF_MAX_ITER):
        ratio = float(t_cdf(x, df)) / p - 1.0  # F(x) / p - 1 >= 0 in exact arithmetic
        if ratio <= 0.0:  # F(x) <= p: only rounding can cross the root, so x is as close as F can tell
            return x
        step = ratio * math.exp(log_p - _t_log_pdf(x, df))  # (F(x) - p) / f(x) > 0
        x -= step
        if step <= 4.0 * _EPS * abs(x):
            return x
    raise RuntimeError(f"the t quantile did not converge for p = {p}, df = {df}")  # pragma: no cover


def _check_standard_error(se: float, what: str) -> None:
    if not se > 0.0:
        raise ValueError(f"{what}: the standard error is 0 (every value is the same), so the t statistic is undefined")


# ---------------------------------------------------------------- t-tests and the z-test


def t_test_one_sample(x, mu0, alternative="two-sided") -> TTestResult:
    r"""One-sample t-test of :math:`H_0: \mu = \mu_0` from a sample of a normal population.

    Parameters
    ----------
    x : array_like of shape (n,)
        The sample, ``n >= 2`` finite values, not all equal.
    mu0 : float
        The mean under the null hypothesis.
    alternative : {"two-sided", "less", "greater"}, default "two-sided"
        The alternative hypothesis: :math:`\mu \ne \mu_0`, :math:`\mu < \mu_0` or :math:`\mu > \mu_0`.

    Returns
    -------
    TTestResult
        ``statistic`` :math:`t = (\bar{x} - \mu_0)/(s/\sqrt{n})` with the sample standard deviation :math:`s`
        (``ddof=1``), ``p_value``, ``df`` :math:`= n - 1`, ``estimate`` :math:`= \bar{x}`, ``standard_error``
        :math:`= s/\sqrt{n}`, ``alternative``; ``.confidence_interval(confidence)`` gives the interval for
        :math:`\mu`.

    Raises
    ------
    ValueError
        If ``x`` has fewer than 2 values, holds NaN or inf, or is constant; if ``mu0`` is not finite; or if
        ``alternative`` is not one of the three names.

    Notes
    -----
    Under :math:`H_0`, :math:`t` has the Student t distribution with :math:`n - 1` degrees of freedom. The
    p-value is ``t_cdf(t, df)`` (``"less"``), ``t_cdf(-t, df)`` (``"greater"``) or ``2 t_cdf(-|t|, df)``: always
    a lower tail, computed directly, so it keeps its digits however small it is. The mean and the standard
    deviation are the two-pass ``mean`` and ``std`` of ``descriptive.py``.

    See the derivation in ``probability_statistics/hypothesis_testing/README.md``, section "Derivation",
    "The one-sample t-test".

    Examples
    --------
    >>> res = t_test_one_sample([5.2, 4.8, 5.9, 6.1, 5.5, 5.7, 5.0, 5.8], mu0=5.0)
    >>> round(res.statistic, 4), res.df, round(res.p_value, 4)
    (3.0756, 7.0, 0.0179)
    """
    x = as_sample(x, "x", min_size=2)
    mu0 = as_real_scalar(mu0, "mu0")
    alternative = _check_alternative(alternative)
    n = x.size
    x_bar = mean(x)
    se = std(x, ddof=1) / math.sqrt(n)  # s / sqrt(n)
    _check_standard_error(se, "x")
    t = (x_bar - mu0) / se
    df = float(n - 1)
    return TTestResult(t, _p_value(t, df, alternative), df, x_bar, se, alternative)


def t_test_two_sample(x, y, equal_var=False, alternative="two-sided") -> TTestResult:
    r"""Two-sample t-test of :math:`H_0: \mu_x = \mu_y` for independent samples: Welch's (default) or Student's.

    Parameters
    ----------
    x : array_like of shape (n_x,)
        First sample, ``n_x >= 2`` finite values.
    y : array_like of shape (n_y,)
        Second sample, ``n_y >= 2`` finite values.
    equal_var : bool, default False
        False: Welch's test, each sample with its own variance. True: Student's test with the pooled variance,
        valid only when the two populations have the same variance.
    alternative : {"two-sided", "less", "greater"}, default "two-sided"
        :math:`\mu_x \ne \mu_y`, :math:`\mu_x < \mu_y` or :math:`\mu_x > \mu_y`.

    Returns
    -------
    TTestResult
        ``statistic`` :math:`t = (\bar{x} - \bar{y})/\mathrm{se}`, ``p_value``, ``df``, ``estimate``
        :math:`= \bar{x} - \bar{y}`, ``standard_error`` se, ``alternative``.

    Raises
    ------
    ValueError
        If a sample has fewer than 2 values or holds NaN or inf, both samples are constant, or ``alternative`` is
        unknown.
    TypeError
        If ``equal_var`` is not a bool.

    Notes
    -----
    With sample variances :math:`s_x^2, s_y^2` (``ddof=1``):

    * Welch: :math:`\mathrm{se}^2 = s_x^2/n_x + s_y^2/n_y` and the Welch-Satterthwaite degrees of freedom
      :math:`\nu = \mathrm{se}^4 / \left(\frac{(s_x^2/n_x)^2}{n_x - 1} + \frac{(s_y^2/n_y)^2}{n_y - 1}\right)`,
      which match the first two moments of :math:`\mathrm{se}^2` with those of a scaled chi-square; generally
      not an integer, between :math:`\min(n_x, n_y) - 1` and :math:`n_x + n_y - 2`.
    * Student: pooled variance :math:`s_p^2 = ((n_x - 1)s_x^2 + (n_y - 1)s_y^2)/(n_x + n_y - 2)`,
      :math:`\mathrm{se}^2 = s_p^2 (1/n_x + 1/n_y)`, :math:`\nu = n_x + n_y - 2`.

    See the derivation in ``probability_statistics/hypothesis_testing/README.md``, section "Derivation",
    "Two samples: Student and Welch".

    Examples
    --------
    >>> a = [5.2, 4.8, 5.9, 6.1, 5.5, 5.7, 5.0, 5.8]
    >>> b = [4.6, 5.1, 4.2, 5.0, 4.4, 4.9]
    >>> res = t_test_two_sample(a, b)
    >>> round(res.statistic, 4), round(res.df, 3), round(res.p_value, 5)
    (3.6606, 11.956, 0.00328)
    >>> round(t_test_two_sample(a, b, equal_var=True).p_value, 5)
    0.00419
    """
    x = as_sample(x, "x", min_size=2)
    y = as_sample(y, "y", min_size=2)
    if not isinstance(equal_var, bool | np.bool_):
        raise TypeError(f"equal_var must be a bool, got {type(equal_var).__name__}")
    alternative = _check_alternative(alternative)
    n_x, n_y = x.size, y.size
    v_x, v_y = variance(x, ddof=1), variance(y, ddof=1)
    a, b = v_x / n_x, v_y / n_y  # the two parts of Welch's se^2
    _check_standard_error(math.sqrt(a + b), "x and y")
    if equal_var:
        pooled = ((n_x - 1) * v_x + (n_y - 1) * v_y) / (n_x + n_y - 2)  # s_p^2
        se = math.sqrt(pooled * (1.0 / n_x + 1.0 / n_y))
        df = float(n_x + n_y - 2)
    else:
        se = math.sqrt(a + b)
        df = (a + b) ** 2 / (a * a / (n_x - 1) + b * b / (n_y - 1))  # Welch-Satterthwaite
    estimate = mean(x) - mean(y)
    t = estimate / se
    return TTestResult(t, _p_value(t, df, alternative), df, estimate, se, alternative)


def t_test_paired(x, y, alternative="two-sided") -> TTestResult:
    r"""Paired t-test of :math:`H_0: \mathbb{E}[X - Y] = 0`: the one-sample t-test on the differences.

    Parameters
    ----------
    x, y : array_like of shape (n,)
        Two measurements of the same ``n >= 2`` units (before and after, model A and model B on the same folds).
    alternative : {"two-sided", "less", "greater"}, default "two-sided"
        :math:`\mu_{x - y} \ne 0`, :math:`< 0` or :math:`> 0`.

    Returns
    -------
    TTestResult
        As ``t_test_one_sample(x - y, 0.0, alternative)``: ``estimate`` is the mean difference, ``df = n - 1``.

    Raises
    ------
    ValueError
        If the lengths differ, a sample has fewer than 2 values or holds NaN or inf, the differences are constant,
        or ``alternative`` is unknown.

    Notes
    -----
    Pairing removes the variation between units: the variance of a difference is
    :math:`\sigma_x^2 + \sigma_y^2 - 2\,\mathrm{Cov}(X, Y)`, small when the two measurements are positively
    correlated, which is why a paired test can detect what a two-sample test on the same numbers misses.

    See the derivation in ``probability_statistics/hypothesis_testing/README.md``, section "Derivation",
    "The paired test".

    Examples
    --------
    >>> res = t_test_paired([0.91, 0.88, 0.93, 0.90, 0.87], [0.89, 0.87, 0.90, 0.89, 0.86])
    >>> round(res.estimate, 4), round(res.statistic, 4), round(res.p_value, 4)
    (0.016, 4.0, 0.0161)
    """
    x = as_sample(x, "x", min_size=2)
    y = as_sample(y, "y", min_size=2)
    if x.shape != y.shape:
        raise ValueError(f"x and y must have the same length (one pair per unit), got {x.size} and {y.size}")
    return t_test_one_sample(x - y, 0.0, alternative)


def z_test(x, mu0, sigma, alternative="two-sided") -> TTestResult:
    r"""One-sample z-test of :math:`H_0: \mu = \mu_0` when the population standard deviation is known.

    Parameters
    ----------
    x : array_like of shape (n,)
        The sample, ``n >= 1`` finite values.
    mu0 : float
        The mean under the null hypothesis.
    sigma : float
        The known population standard deviation, > 0.
    alternative : {"two-sided", "less", "greater"}, default "two-sided"
        :math:`\mu \ne \mu_0`, :math:`\mu < \mu_0` or :math:`\mu > \mu_0`.

    Returns
    -------
    TTestResult
        ``statistic`` :math:`z = (\bar{x} - \mu_0)/(\sigma/\sqrt{n})`, ``p_value`` from the standard normal
        (``df = inf``), ``estimate`` :math:`\bar{x}`, ``standard_error`` :math:`\sigma/\sqrt{n}`.

    Raises
    ------
    ValueError
        If ``x`` is empty or holds NaN or inf, ``mu0`` is not finite, ``sigma`` is not finite and > 0, or
        ``alternative`` is unknown.

    Notes
    -----
    Under :math:`H_0`, :math:`z \sim \mathcal{N}(0, 1)` exactly for normal data and approximately for any data
    with finite variance (central limit theorem). The t-test replaces :math:`\sigma` by :math:`s`, which widens
    the null distribution to a t; as :math:`n \to \infty` the two tests agree.

    See the derivation in ``probability_statistics/hypothesis_testing/README.md``, section "Derivation",
    "The z-test and power".

    Examples
    --------
    >>> res = z_test([5.2, 4.8, 5.9, 6.1, 5.5, 5.7, 5.0, 5.8], mu0=5.0, sigma=0.5)
    >>> round(res.statistic, 4), round(res.p_value, 5)
    (2.8284, 0.00468)
    """
    x = as_sample(x, "x")
    mu0 = as_real_scalar(mu0, "mu0")
    sigma = as_real_scalar(sigma, "sigma")
    if sigma <= 0.0:
        raise ValueError(f"sigma must be > 0, got {sigma}")
    alternative = _check_alternative(alternative)
    x_bar = mean(x)
    se = sigma / math.sqrt(x.size)
    z = (x_bar - mu0) / se
    return TTestResult(z, _p_value(z, math.inf, alternative), math.inf, x_bar, se, alternative)


def z_test_power(effect_size, n, alpha=0.05, alternative="two-sided") -> float:
    r"""Power of the one-sample z-test: the probability that it rejects when the true mean is
    :math:`\mu_0 + \delta\sigma`.

    Parameters
    ----------
    effect_size : float
        :math:`\delta = (\mu - \mu_0)/\sigma`, the distance from the null in standard deviations (Cohen's d).
    n : int
        Sample size, >= 1.
    alpha : float, default 0.05
        Significance level, in (0, 1).
    alternative : {"two-sided", "less", "greater"}, default "two-sided"
        The alternative the test is run with.

    Returns
    -------
    float
        :math:`1 - \beta`, where :math:`\beta` is the probability of a type II error.

    Raises
    ------
    ValueError
        If ``effect_size`` is not finite, ``n < 1``, ``alpha`` is not in (0, 1), or ``alternative`` is unknown.
    TypeError
        If ``n`` is not an integer.

    Notes
    -----
    Under the alternative :math:`z \sim \mathcal{N}(\delta\sqrt{n}, 1)`. With :math:`c = z_{1-\alpha/2}` the
    two-sided power is :math:`\Phi(\delta\sqrt{n} - c) + \Phi(-\delta\sqrt{n} - c)`; with :math:`c = z_{1-\alpha}`
    the one-sided power is :math:`\Phi(\delta\sqrt{n} - c)` (``"greater"``) or :math:`\Phi(-\delta\sqrt{n} - c)`
    (``"less"``). At :math:`\delta = 0` the power equals :math:`\alpha`. For the t-test this is the normal
    approximation: its statistic is noncentral t with noncentrality :math:`\delta\sqrt{n}`, whose heavier tails make
    the true power a little lower (by 0.06 at :math:`n = 10` for :math:`\delta = 0.5`, by less than 0.01 from
    :math:`n = 50`). For two groups of :math:`n_g` observations each (:math:`n_g` even), use ``n = n_g // 2``:
    the difference of two means has standard error :math:`\sigma\sqrt{2/n_g}`.

    See the derivation in ``probability_statistics/hypothesis_testing/README.md``, section "Derivation",
    "The z-test and power".

    Examples
    --------
    >>> round(z_test_power(0.5, 32), 4)  # half a standard deviation, 32 observations
    0.8074
    >>> round(z_test_power(0.0, 32), 12)  # no effect: the power is the type I error rate
    0.05
    """
    delta = as_real_scalar(effect_size, "effect_size")
    n = check_nonnegative_int(n, "n")
    if n < 1:
        raise ValueError(f"n must be >= 1, got {n}")
    alpha = check_probability(alpha, "alpha")
    if not 0.0 < alpha < 1.0:
        raise ValueError(f"alpha must be in (0, 1), got {alpha}")
    alternative = _check_alternative(alternative)
    shift = delta * math.sqrt(n)  # mean of z under the alternative
    if alternative == "two-sided":
        c = -float(normal_ppf(alpha / 2.0))  # z_{1 - alpha/2} from the lower tail
        return float(normal_cdf(shift - c) + normal_cdf(-shift - c))
    c = -float(normal_ppf(alpha))  # z_{1 - alpha}
    return float(normal_cdf(shift - c) if alternative == "greater" else normal_cdf(-shift - c))


# ---------------------------------------------------------------- chi-square tests


def chi_square_goodness_of_fit(observed, expected=None) -> ChiSquareResult:
    r"""Pearson's chi-square test that counts follow given expected counts (uniform by default).

    Parameters
    ----------
    observed : array_like of shape (k,)
        Observed counts of ``k >= 2`` categories: non-negative, not all zero.
    expected : array_like of shape (k,), optional
        Expected counts under the null hypothesis, each > 0, with the same total as ``observed`` (relative
        difference at most 1e-8). Default: the total spread evenly over the ``k`` categories.

    Returns
    -------
    ChiSquareResult
        ``statistic`` :math:`X^2 = \sum_i (O_i - E_i)^2 / E_i`, ``p_value`` :math:`P(\chi^2_{k-1} \ge X^2)`,
        ``df`` :math:`= k - 1`, ``expected``.

    Raises
    ------
    ValueError
        If ``observed`` has fewer than 2 entries, a negative, NaN or infinite entry, or a zero total; if
        ``expected`` has the wrong length, an entry that is not > 0, or a total different from the observed one.

    Notes
    -----
    For large expected counts (the rule of thumb: every :math:`E_i \ge 5`) :math:`X^2` is approximately
    :math:`\chi^2_{k-1}` under the null hypothesis. If parameters of the expected counts were estimated from the
    same data, each costs one more degree of freedom (``scipy.stats.chisquare(..., ddof=...)``); this function
    assumes none were. The p-value is ``chi2_sf``, the upper tail computed directly.

    See the derivation in ``probability_statistics/hypothesis_testing/README.md``, section "Derivation",
    "Chi-square tests".

    Examples
    --------
    >>> res = chi_square_goodness_of_fit([8, 9, 12, 11, 6, 14])  # a die rolled 60 times
    >>> round(res.statistic, 4), res.df, round(res.p_value, 4)
    (4.2, 5, 0.521)
    """
    O = as_sample(observed, "observed", min_size=2)
    if np.any(O < 0):
        raise ValueError(f"observed must hold counts >= 0, got {O[O < 0][0]}")
    total = float(np.sum(O))
    if total <= 0.0:
        raise ValueError("observed must not be all zero (the total count is 0)")
    k = O.size
    if expected is None:
        E = np.full(k, total / k)
    else:
        E = as_sample(expected, "expected")
        if E.shape != O.shape:
            raise ValueError(f"expected must have the length of observed, {k}, got {E.size}")
        if np.any(E <= 0):
            raise ValueError(f"expected must hold counts > 0, got {E[E <= 0][0]}")
        total_e = float(np.sum(E))
        if abs(total_e - total) > 1e-8 * total:
            raise ValueError(f"expected must have the total of observed, {total!r}, got {total_e!r}")
    statistic = float(np.sum((O - E) ** 2 / E))  # (k,) -> scalar
    df = k - 1
    return ChiSquareResult(statistic, float(chi2_sf(statistic, df)), df, E)


def chi_square_independence(table) -> ChiSquareResult:
    r"""Pearson's chi-square test of independence of the rows and columns of a contingency table (no Yates).

    Parameters
    ----------
    table : array_like of shape (r, c)
        Counts, ``r, c >= 2``: non-negative, finite, with no row or column summing to zero.

    Returns
    -------
    ChiSquareResult
        ``statistic`` :math:`X^2 = \sum_{ij} (O_{ij} - E_{ij})^2/E_{ij}` with
        :math:`E_{ij} = (\text{row}_i \cdot \text{col}_j)/N`, ``p_value`` :math:`P(\chi^2_{(r-1)(c-1)} \ge X^2)`,
        ``df`` :math:`= (r - 1)(c - 1)`, ``expected`` (shape ``(r, c)``).

    Raises
    ------
    ValueError
        If ``table`` is not 2-D with at least 2 rows and 2 columns, holds a negative, NaN or infinite entry, or
        has a row or column that sums to zero (its expected counts would be 0).

    Notes
    -----
    No continuity correction: for a 2 x 2 table this equals ``scipy.stats.chi2_contingency(table,
    correction=False)``, whereas SciPy's default applies Yates' correction (subtracting 1/2 from each
    :math:`\vert O - E \vert`), which gives a larger p-value. For a 2 x 2 table :math:`X^2` is the square of the
    two-proportion z statistic with the pooled proportion.

    See the derivation in ``probability_statistics/hypothesis_testing/README.md``, section "Derivation",
    "Chi-square tests".

    Examples
    --------
    >>> res = chi_square_independence([[120, 880], [150, 850]])  # conversions of two page versions
    >>> round(res.statistic, 4), res.df, round(res.p_value, 4)
    (3.8536, 1, 0.0496)
    """
    try:
        O = np.array(table, dtype=float, copy=True)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"table must be a 2-D array of counts, got {type(table).__name__}: {exc}") from None
    if O.ndim != 2 or O.shape[0] < 2 or O.shape[1] < 2:
        raise ValueError(f"table must be 2-D with at least 2 rows and 2 columns, got shape {O.shape}")
    if not np.all(np.isfinite(O)):
        raise ValueError("table must contain only finite counts (no NaN or inf)")
    if np.any(O < 0):
        raise ValueError(f"table must hold counts >= 0, got {O[O < 0][0]}")
    rows, cols = O.sum(axis=1), O.sum(axis=0)  # (r,), (c,) margins
    if np.any(rows == 0) or np.any(cols == 0):
        raise ValueError(f"table must have no zero margin, got row sums {rows.tolist()} and column sums "
                         f"{cols.tolist()}")
    N = rows.sum()
    E = np.outer(rows, cols) / N  # (r,) x (c,) -> (r, c): E_ij = row_i col_j / N
    statistic = float(np.sum((O - E) ** 2 / E))
    df = (O.shape[0] - 1) * (O.shape[1] - 1)
    return ChiSquareResult(statistic, float(chi2_sf(statistic, df)), df, E)


# ---------------------------------------------------------------- resampling


def _check_statistic(statistic) -> Callable:
    if not callable(statistic):
        raise TypeError(f"statistic must be callable, got {type(statistic).__name__}")
    return statistic


def _check_n_resamples(n_resamples) -> int:
    n_resamples = check_nonnegative_int(n_resamples, "n_resamples")
    if n_resamples < 1:
        raise ValueError(f"n_resamples must be >= 1, got {n_resamples}")
    return n_resamples


def _apply_batched(statistic, arrays: tuple[np.ndarray, ...], name: str) -> np.ndarray:
    """``statistic(*arrays, axis=-1)``, checked to return one finite value per row."""
    values = np.asarray(statistic(*arrays, axis=-1), dtype=float)
    if values.shape != (arrays[0].shape[0],):
        raise ValueError(f"{name}: statistic must reduce the last axis, returning shape ({arrays[0].shape[0]},), "
                         f"got {values.shape}")
    if not np.all(np.isfinite(values)):
        raise ValueError(f"{name}: statistic must return finite values, got {values[~np.isfinite(values)][0]}")
    return values


def _all_splits(n: int, n_x: int) -> np.ndarray:
    """Every way to choose which ``n_x`` of ``n`` pooled values form the first sample: shape (C(n, n_x), n)."""
    rows = []
    for chosen in itertools.combinations(range(n), n_x):
        rest = sorted(set(range(n)) - set(chosen))
        rows.append([*chosen, *rest])
    return np.array(rows, dtype=np.intp)


def permutation_test(x, y, statistic, n_resamples=9999, alternative="two-sided", rng=None) -> PermutationResult:
    r"""Two-sample permutation test: is the statistic of ``(x, y)`` extreme among those of random relabellings?

    Parameters
    ----------
    x : array_like of shape (n_x,)
        First sample, ``n_x >= 1`` finite values.
    y : array_like of shape (n_y,)
        Second sample, ``n_y >= 1`` finite values.
    statistic : callable
        ``statistic(x, y, axis)``: reduces the last axis of arrays of shape ``(m, n_x)`` and ``(m, n_y)`` to shape
        ``(m,)``, e.g. ``lambda x, y, axis: np.mean(x, axis=axis) - np.mean(y, axis=axis)`` (SciPy's vectorised
        convention, so the same function works with ``scipy.stats.permutation_test``).
    n_resamples : int, default 9999
        Number of random relabellings, >= 1. If the number of distinct splits :math:`\binom{n_x + n_y}{n_x}` is at
        most ``n_resamples``, every split is used once instead (an exact test).
    alternative : {"two-sided", "less", "greater"}, default "two-sided"
        ``"greater"``: large statistics are evidence against the null; ``"less"``: small ones; ``"two-sided"``:
        twice the smaller one-sided p-value (at most 1).
    rng : None, int or numpy.random.Generator
        Source of the random permutations, passed to ``numpy.random.default_rng``.

    Returns
    -------
    PermutationResult
        ``statistic`` (observed), ``p_value``, ``null_distribution`` (the statistic on each relabelling).

    Raises
    ------
    ValueError
        If a sample is empty or holds NaN or inf, ``n_resamples < 1``, ``alternative`` is unknown, or
        ``statistic`` does not return one finite value per row.
    TypeError
        If ``statistic`` is not callable or ``n_resamples`` is not an integer.

    Notes
    -----
    Under :math:`H_0`: "x and y come from the same distribution", every assignment of the pooled values to
    groups of sizes :math:`n_x, n_y` is equally likely. For random relabellings the p-value is
    :math:`(\#\lbrace T^* \ge T_{\text{obs}} \rbrace + 1)/(B + 1)` (``"greater"``; ``"less"`` counts
    :math:`T^* \le T_{\text{obs}}`): the observed split counts as one of the :math:`B + 1` equally likely ones,
    which keeps :math:`P(p \le \alpha) \le \alpha` exactly and never gives :math:`p = 0` (SciPy's
    ``permutation_test`` does the same). The exact test counts over all splits without the +1. Values within
    :math:`100\,\epsilon_{\mathrm{mach}} |T_{\text{obs}}|` of the observed one count as ties, so that a split
    equal to the observed one but added in another order is not lost to rounding (SciPy's rule too).

    The ``B`` permutations are drawn at once as an index array of shape ``(B, n)`` (``rng.permuted``, in batches
    of about two million entries), so that 9999 resamples cost milliseconds.

    See the derivation in ``probability_statistics/hypothesis_testing/README.md``, section "Derivation",
    "Permutation tests".

    Examples
    --------
    >>> diff = lambda x, y, axis: np.mean(x, axis=axis) - np.mean(y, axis=axis)
    >>> res = permutation_test([12.0, 15.0, 14.0], [9.0, 11.0, 10.0], diff, alternative="greater")
    >>> round(res.statistic, 4), res.p_value, res.null_distribution.size  # exact: 20 splits, 1 as extreme
    (3.6667, 0.05, 20)
    """
    x = as_sample(x, "x")
    y = as_sample(y, "y")
    statistic = _check_statistic(statistic)
    n_resamples = _check_n_resamples(n_resamples)
    alternative = _check_alternative(alternative)
    rng = np.random.default_rng(rng)
    n_x, n = x.size, x.size + y.size
    pooled = np.concatenate([x, y])  # (n,)
    observed = float(_apply_batched(statistic, (x[None, :], y[None, :]), "permutation_test")[0])
    exact = math.comb(n, n_x) <= n_resamples
    if exact:
        index = _all_splits(n, n_x)  # (C(n, n_x), n)
        batches = [index]
    else:
        rows = max(1, _BATCH_ELEMENTS // n)
        base = np.arange(n)
        batches = (rng.permuted(np.tile(base, (min(rows, n_resamples - k), 1)), axis=1)  # (b, n) permutations
                   for k in range(0, n_resamples, rows))
    null = np.concatenate([
        _apply_batched(statistic, (pooled[idx[:, :n_x]], pooled[idx[:, n_x:]]), "permutation_test")
        for idx in batches  # pooled[(b, n_x)] -> (b, n_x), pooled[(b, n_y)] -> (b, n_y)
    ])
    B = null.size
    plus = 0 if exact else 1
    tie = 100.0 * _EPS * abs(observed)
    p_greater = (np.count_nonzero(null >= observed - tie) + plus) / (B + plus)
    p_less = (np.count_nonzero(null <= observed + tie) + plus) / (B + plus)
    p = {"greater": p_greater, "less": p_less, "two-sided": min(1.0, 2.0 * min(p_greater, p_less))}[alternative]
    return PermutationResult(observed, float(p), null)


def bootstrap_ci(x, statistic, confidence=0.95, n_resamples=9999, rng=None) -> BootstrapResult:
    r"""Percentile bootstrap confidence interval for ``statistic(x)``.

    Parameters
    ----------
    x : array_like of shape (n,)
        The sample, ``n >= 2`` finite values.
    statistic : callable
        ``statistic(samples, axis)``: reduces the last axis of an array of shape ``(m, n)`` to shape ``(m,)``,
        e.g. ``np.mean`` or ``np.median`` (SciPy's vectorised convention).
    confidence : float, default 0.95
        Confidence level, in (0, 1).
    n_resamples : int, default 9999
        Number of bootstrap resamples :math:`B`, >= 1.
    rng : None, int or numpy.random.Generator
        Source of the resampling indices, passed to ``numpy.random.default_rng``.

    Returns
    -------
    BootstrapResult
        ``low``, ``high``: the :math:`\alpha/2` and :math:`1 - \alpha/2` quantiles of the bootstrap distribution,
        :math:`\alpha = 1 - \text{confidence}` (linear interpolation between order statistics, ``numpy.quantile``'s
        default, as ``scipy.stats.bootstrap``); ``standard_error``; ``bootstrap_distribution`` of shape ``(B,)``.

    Raises
    ------
    ValueError
        If ``x`` has fewer than 2 values or holds NaN or inf, ``confidence`` is not in (0, 1),
        ``n_resamples < 1``, or ``statistic`` does not return one finite value per row.
    TypeError
        If ``statistic`` is not callable or ``n_resamples`` is not an integer.

    Notes
    -----
    Each resample draws ``n`` values from ``x`` with replacement: the indices are one integer array of shape
    ``(B, n)`` from ``rng.integers(0, n, ...)`` (drawn in batches of about two million entries, the same stream),
    the way ``scipy.stats.bootstrap`` draws them, so with the same seed both give the same bootstrap
    distribution. The percentile interval is right when some monotone transformation of the statistic is
    normal with constant variance and no bias; BCa (``scipy.stats.bootstrap(method="BCa")``) corrects the
    percentiles for bias and skewness and is more accurate for small samples.

    See the derivation in ``probability_statistics/hypothesis_testing/README.md``, section "Derivation",
    "The bootstrap".

    Examples
    --------
    >>> x = [2.1, 3.4, 1.9, 5.6, 2.8, 3.3, 4.1, 2.2, 3.9, 2.7]
    >>> res = bootstrap_ci(x, np.mean, n_resamples=2000, rng=0)
    >>> bool(res.low < np.mean(x) < res.high), res.bootstrap_distribution.shape
    (True, (2000,))
    """
    x = as_sample(x, "x", min_size=2)
    statistic = _check_statistic(statistic)
    confidence = check_probability(confidence, "confidence")
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must be in (0, 1), got {confidence}")
    n_resamples = _check_n_resamples(n_resamples)
    rng = np.random.default_rng(rng)
    n = x.size
    rows = max(1, _BATCH_ELEMENTS // n)
    theta = np.concatenate([
        _apply_batched(statistic, (x[rng.integers(0, n, size=(min(rows, n_resamples - k), n))],), "bootstrap_ci")
        for k in range(0, n_resamples, rows)  # x[(b, n) indices] -> (b, n) resamples -> (b,) statistics
    ])
    alpha = 1.0 - confidence
    low, high = np.quantile(theta, [alpha / 2.0, 1.0 - alpha / 2.0])
    se = std(theta, ddof=1) if theta.size > 1 else 0.0
    return BootstrapResult(float(low), float(high), se, theta)


# ---------------------------------------------------------------- multiple testing


def _as_p_values(p_values) -> np.ndarray:
    p = as_sample(p_values, "p_values")
    if np.any((p < 0) | (p > 1)):
        raise ValueError(f"p_values must lie in [0, 1], got {p[(p < 0) | (p > 1)][0]}")
    return p


def bonferroni(p_values, alpha=0.05) -> np.ndarray:
    r"""Bonferroni correction: reject hypothesis :math:`i` when :math:`p_i \le \alpha/m`.

    Parameters
    ----------
    p_values : array_like of shape (m,)
        The p-values of ``m >= 1`` tests, in [0, 1].
    alpha : float, default 0.05
        The family-wise error rate to guarantee, in [0, 1].

    Returns
    -------
    ndarray of bool, shape (m,)
        True where the hypothesis is rejected.

    Raises
    ------
    ValueError
        If ``p_values`` is empty or holds NaN or a value outside [0, 1], or ``alpha`` is outside [0, 1].

    Notes
    -----
    The probability of at least one false rejection is at most :math:`\sum_{i \in H_0} P(p_i \le \alpha/m) \le
    m_0 \alpha/m \le \alpha` (the union bound), whatever the dependence between the tests.

    See the derivation in ``probability_statistics/hypothesis_testing/README.md``, section "Derivation",
    "Multiple testing".

    Examples
    --------
    >>> bonferroni([0.001, 0.02, 0.04, 0.3], alpha=0.05)  # threshold 0.05 / 4 = 0.0125
    array([ True, False, False, False])
    """
    p = _as_p_values(p_values)
    alpha = check_probability(alpha, "alpha")
    return p <= alpha / p.size


def benjamini_hochberg(p_values, q=0.05) -> np.ndarray:
    r"""Benjamini-Hochberg step-up procedure: control the false discovery rate at level ``q``.

    Parameters
    ----------
    p_values : array_like of shape (m,)
        The p-values of ``m >= 1`` tests, in [0, 1].
    q : float, default 0.05
        The false discovery rate to guarantee, in [0, 1].

    Returns
    -------
    ndarray of bool, shape (m,)
        True where the hypothesis is rejected (in the order of ``p_values``).

    Raises
    ------
    ValueError
        If ``p_values`` is empty or holds NaN or a value outside [0, 1], or ``q`` is outside [0, 1].

    Notes
    -----
    Sort the p-values, :math:`p_{(1)} \le \dots \le p_{(m)}`, find the largest :math:`k` with
    :math:`p_{(k)} \le k q / m`, and reject the :math:`k` hypotheses with the smallest p-values (even those above
    their own line: the procedure steps up from the largest). For independent tests (and positively dependent
    ones) the expected fraction of false discoveries among the rejections is at most :math:`m_0 q / m \le q`.

    See the derivation in ``probability_statistics/hypothesis_testing/README.md``, section "Derivation",
    "Multiple testing".

    Examples
    --------
    >>> p = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459,
    ...      0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.0000]  # Benjamini and Hochberg (1995)
    >>> int(benjamini_hochberg(p, q=0.05).sum()), int(bonferroni(p, alpha=0.05).sum())
    (4, 3)
    """
    p = _as_p_values(p_values)
    q = check_probability(q, "q")
    m = p.size
    order = np.argsort(p, kind="stable")  # (m,) indices of p_(1) <= ... <= p_(m)
    below = p[order] <= q * np.arange(1, m + 1) / m  # p_(k) <= k q / m
    k = int(np.flatnonzero(below)[-1]) + 1 if below.any() else 0  # the largest such k
    reject = np.zeros(m, dtype=bool)
    reject[order[:k]] = True
    return reject


def wilson_interval(successes, trials, confidence=0.95) -> tuple[float, float]:
    r"""Wilson's score interval for a binomial proportion, such as an accuracy or a recall on ``trials`` cases.

    The interval holds every proportion :math:`\pi` that the two-sided score test does not reject at level
    :math:`\alpha = 1 - \text{confidence}`: with :math:`K` successes in :math:`N` trials and
    :math:`z = z_{1-\alpha/2}`,

    .. math:: \lvert K - N \pi \rvert \le z \sqrt{N \pi (1 - \pi)} ,

    whose boundary is the quadratic :math:`(N^2 + z^2 N) \pi^2 - (2 K N + z^2 N) \pi + K^2 = 0`. Its larger root is
    :math:`(\hat{\pi} + z^2/(2N) + z \sqrt{\hat{\pi}(1 - \hat{\pi})/N + z^2/(4N^2)}) / (1 + z^2/N)` with
    :math:`\hat{\pi} = K/N`, a sum of positive terms; the smaller root is computed as the product of the roots,
    :math:`K^2 / (N^2 + z^2 N)`, divided by the larger one, which avoids the cancellation of the textbook
    "centre minus half-width" (so the lower end is exactly 0 when :math:`K = 0`).

    Parameters
    ----------
    successes : int
        The number of successes :math:`K`, ``0 <= successes <= trials``.
    trials : int
        The number of trials :math:`N >= 1`.
    confidence : float, default 0.95
        The confidence level, in (0, 1).

    Returns
    -------
    tuple of float
        ``(low, high)``, with ``0 <= low <= successes / trials <= high <= 1``.

    Raises
    ------
    TypeError
        If ``successes`` or ``trials`` is not an integer.
    ValueError
        If ``trials < 1``, ``successes`` is outside ``[0, trials]`` or ``confidence`` is outside (0, 1).

    Notes
    -----
    Unlike the Wald interval :math:`\hat{\pi} \pm z \sqrt{\hat{\pi}(1 - \hat{\pi})/N}`, it never leaves [0, 1]
    and does not shrink to a point when :math:`K = 0` or :math:`K = N`. See the derivation in
    ``probability_statistics/hypothesis_testing/README.md``, section "Derivation", "Confidence intervals and the
    duality".

    Examples
    --------
    >>> [round(v, 4) for v in wilson_interval(139, 142)]  # an accuracy of 139 of 142
    [0.9397, 0.9928]
    >>> wilson_interval(0, 20)[0], round(wilson_interval(0, 20)[1], 4)  # no success: the lower end is exactly 0
    (0.0, 0.1611)
    """
    n = check_nonnegative_int(trials, "trials")
    if n < 1:
        raise ValueError(f"trials must be >= 1, got {n}")
    k = check_nonnegative_int(successes, "successes")
    if k > n:
        raise ValueError(f"successes must be <= trials = {n}, got {k}")
    confidence = check_probability(confidence, "confidence")
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must be in (0, 1), got {confidence}")
    z = normal_ppf(0.5 + confidence / 2)
    pi_hat = k / n
    high = (pi_hat + z * z / (2 * n) + z * math.sqrt(pi_hat * (1 - pi_hat) / n + z * z / (4 * n * n))) / (1 + z * z / n)
    low = pi_hat * pi_hat / ((1 + z * z / n) * high)  # K^2 / (N^2 + z^2 N) / high, without forming K^2
    return float(low), float(min(high, 1.0))
