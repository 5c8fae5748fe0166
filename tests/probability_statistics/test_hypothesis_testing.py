"""Tests of the hypothesis tests, confidence intervals, resampling and multiple-testing corrections against SciPy.

Tolerances. u = 2^-53 is the unit roundoff.

* Statistics (t, X^2) are a few sums of n terms: relative error about n u kappa, with kappa = sum|x| / |sum(x - mu0)|
  of order 10 for the data below (n <= 200): at most 2e-13, so rtol 1e-12.
* p-values: both this package and SciPy evaluate the same tail (an incomplete beta or gamma function) with relative
  error c u (1 + |ln p|) (c ~ 10), plus the rounding of the statistic amplified by |t| f(t) / F(t) (about t^2 or
  nu in a tail). For |t| <= 6 and p >= 1e-15 the sum stays below 1e-12: RTOL_P = 1e-12, the figure the chapter
  quotes. Deep tails (p < 1e-15) are compared at the package's own statistic, so that only the tail evaluation is
  tested, with the same rtol.
* Simulations: a rejection rate over R independent replications has binomial standard error
  sqrt(alpha (1 - alpha) / R); the bound is 4.5 standard errors (a false failure once in 150 000 runs; the seeds
  are fixed anyway). Chi-square tests are asymptotic: their exact size differs from alpha by less than APPROX
  (0.01), checked by exact enumeration for one goodness-of-fit case below.
"""

import itertools
import math

import numpy as np
import pytest
import scipy.stats as st
from hypothesis import given, settings
from hypothesis import strategies as hs
from numpy.testing import assert_allclose

from probability_statistics.python_implementations import hypothesis_testing as ht
from probability_statistics.python_implementations.hypothesis_testing import (
    BootstrapResult,
    ChiSquareResult,
    PermutationResult,
    TTestResult,
    benjamini_hochberg,
    bonferroni,
    bootstrap_ci,
    chi_square_goodness_of_fit,
    chi_square_independence,
    permutation_test,
    t_test_one_sample,
    t_test_paired,
    t_test_two_sample,
    wilson_interval,
    z_test,
    z_test_power,
)

U = 2.0**-53
RTOL_STAT = 1e-12
RTOL_P = 1e-12
ALTERNATIVES = ["two-sided", "less", "greater"]
APPROX = 0.01


def _diff(x, y, axis):
    return np.mean(x, axis=axis) - np.mean(y, axis=axis)


def _binomial_bound(alpha, reps):
    return 4.5 * math.sqrt(alpha * (1.0 - alpha) / reps)


# --------------------------------------------------------------------------------------------------------------
# t-tests against scipy.stats


@pytest.mark.parametrize("n, shift, seed", [(2, 0.3, 0), (3, -1.0, 1), (10, 0.4, 2), (200, 0.1, 3)])
@pytest.mark.parametrize("alternative", ALTERNATIVES)
def test_one_sample_matches_scipy(n, shift, seed, alternative):
    x = np.random.default_rng(seed).normal(1.0 + shift, 1.0, n)
    res = t_test_one_sample(x, 1.0, alternative)
    ref = st.ttest_1samp(x, 1.0, alternative=alternative)
    assert isinstance(res, TTestResult)
    assert_allclose(res.statistic, ref.statistic, rtol=RTOL_STAT)
    assert_allclose(res.p_value, ref.pvalue, rtol=RTOL_P)
    assert res.df == ref.df == n - 1
    for confidence in (0.95, 0.99):
        # the interval is estimate +- q se with q accurate to ~1e-15 (tested below): rtol 1e-12 as the statistic
        assert_allclose(res.confidence_interval(confidence), tuple(ref.confidence_interval(confidence)),
                        rtol=RTOL_STAT)


@pytest.mark.parametrize("n_x, n_y, scale_y, seed", [(2, 2, 1.0, 0), (5, 30, 3.0, 1), (40, 25, 0.2, 2),
                                                     (150, 120, 1.0, 3)])
@pytest.mark.parametrize("equal_var", [False, True])
@pytest.mark.parametrize("alternative", ALTERNATIVES)
def test_two_sample_matches_scipy_student_and_welch(n_x, n_y, scale_y, seed, equal_var, alternative):
    rng = np.random.default_rng(seed)
    x, y = rng.normal(0.3, 1.0, n_x), rng.normal(0.0, scale_y, n_y)
    res = t_test_two_sample(x, y, equal_var=equal_var, alternative=alternative)
    ref = st.ttest_ind(x, y, equal_var=equal_var, alternative=alternative)
    assert_allclose(res.statistic, ref.statistic, rtol=RTOL_STAT)
    assert_allclose(res.p_value, ref.pvalue, rtol=RTOL_P)
    assert_allclose(res.df, ref.df, rtol=RTOL_STAT)  # Welch-Satterthwaite: a ratio of sums of squares
    assert_allclose(res.confidence_interval(0.9), tuple(ref.confidence_interval(0.9)), rtol=RTOL_STAT)


def test_welch_df_lies_between_its_bounds_and_student_df_is_pooled():
    # min(n_x, n_y) - 1 <= nu <= n_x + n_y - 2 for every pair of variances (README, Welch-Satterthwaite)
    rng = np.random.default_rng(4)
    for scale in (1e-3, 0.3, 1.0, 10.0, 1e3):
        x, y = rng.normal(0, 1, 7), rng.normal(0, scale, 19)
        nu = t_test_two_sample(x, y).df
        assert 6 - 1e-9 <= nu <= 24 + 1e-9
        assert t_test_two_sample(x, y, equal_var=True).df == 24.0


@pytest.mark.parametrize("alternative", ALTERNATIVES)
def test_paired_matches_scipy_and_is_the_one_sample_test_on_differences(alternative):
    rng = np.random.default_rng(5)
    base = rng.normal(10.0, 3.0, 25)  # large unit-to-unit variation, shared by both measurements
    x, y = base + rng.normal(0.5, 0.3, 25), base + rng.normal(0.0, 0.3, 25)
    res = t_test_paired(x, y, alternative)
    ref = st.ttest_rel(x, y, alternative=alternative)
    assert_allclose(res.statistic, ref.statistic, rtol=RTOL_STAT)
    assert_allclose(res.p_value, ref.pvalue, rtol=RTOL_P)
    assert res == t_test_one_sample(x - y, 0.0, alternative)
    if alternative == "two-sided":
        # pairing removes the shared variation: the unpaired test on the same numbers sees nothing
        assert res.p_value < 0.05 < t_test_two_sample(x, y).p_value


def test_p_values_of_both_one_sided_tests_add_to_one():
    x = np.random.default_rng(6).normal(0.2, 1.0, 15)
    less, greater = t_test_one_sample(x, 0.0, "less"), t_test_one_sample(x, 0.0, "greater")
    # each is a cdf value with absolute error a few u; the two-sided one is twice the smaller
    assert abs(less.p_value + greater.p_value - 1.0) < 16 * U
    assert t_test_one_sample(x, 0.0).p_value == pytest.approx(2 * min(less.p_value, greater.p_value), rel=1e-15)


# --------------------------------------------------------------------------------------------------------------
# Deep tails: never 1 - cdf


def _sample_with_t(t_target, n, seed):
    """A sample whose one-sample t statistic against 0 is t_target (up to rounding)."""
    z = np.random.default_rng(seed).normal(size=n)
    z = (z - z.mean()) / z.std(ddof=1)  # mean 0, s = 1
    return z + t_target / math.sqrt(n)


@pytest.mark.parametrize("t_target, n", [(40.0, 101), (12.0, 5), (-60.0, 31), (30.0, 1001)])
def test_tiny_p_values_come_from_the_upper_tail(t_target, n):
    res = t_test_one_sample(_sample_with_t(t_target, n, 7), 0.0)
    assert res.statistic == pytest.approx(t_target, rel=1e-12)
    ref = 2.0 * st.t.sf(abs(res.statistic), n - 1)  # SciPy's tail at the package's own statistic
    assert ref < 1e-15 or n == 5  # (12, df 4) is not tiny: a moderate-tail control
    assert 0.0 < res.p_value
    # t_cdf: c u (1 + |ln p|) plus its documented drift (nu/2) u for many degrees of freedom (nu = 1000 here)
    assert_allclose(res.p_value, ref, rtol=RTOL_P)
    assert 1.0 - st.t.cdf(abs(res.statistic), n - 1) < ref or ref > 1e-15  # what 1 - cdf would have returned


def test_t_of_40_with_100_degrees_of_freedom():
    res = t_test_one_sample(_sample_with_t(40.0, 101, 8), 0.0, "greater")
    assert_allclose(res.p_value, st.t.sf(res.statistic, 100), rtol=RTOL_P)
    assert 1e-64 < res.p_value < 1e-62


def test_welch_and_chi_square_deep_tails():
    rng = np.random.default_rng(9)
    x, y = rng.normal(20.0, 1.0, 300), rng.normal(17.0, 2.0, 250)
    res = t_test_two_sample(x, y)
    assert res.p_value < 1e-50
    assert_allclose(res.p_value, 2 * st.t.sf(abs(res.statistic), res.df), rtol=RTOL_P)
    gof = chi_square_goodness_of_fit([850, 75, 75])
    assert_allclose(gof.p_value, st.chi2.sf(gof.statistic, 2), rtol=RTOL_P)
    assert 0.0 < gof.p_value < 1e-200


def test_real_data_p_values_down_to_1e_124_match_scipy():
    # 30 features of the breast cancer data, malignant against benign, Welch and Student: p from 1e-124 to 0.9.
    # Bound: c u (1 + |ln p|) for the tail (c = 10: 3e-13 at p = 1e-124) plus the statistic's rounding times
    # |t| f / F ~ nu + 1 ~ 570 (6e-13 for a statistic with error 10 u): within RTOL_P. Measured: 1.3e-13.
    # The reference is SciPy column by column: its vectorised 2-D path sums in another order and is less accurate
    # here (measured against statistics computed in 50-digit decimal arithmetic: 1.9e-13 relative error in t,
    # up to 9e-13 in p, against 3.7e-14 and 1.6e-13 for this package and for SciPy on 1-D input).
    from sklearn.datasets import load_breast_cancer

    data = load_breast_cancer()
    malignant, benign = data.data[data.target == 0], data.data[data.target == 1]
    for equal_var in (False, True):
        mine = [t_test_two_sample(malignant[:, j], benign[:, j], equal_var=equal_var).p_value for j in range(30)]
        ref = [st.ttest_ind(malignant[:, j], benign[:, j], equal_var=equal_var).pvalue for j in range(30)]
        assert_allclose(mine, ref, rtol=RTOL_P)
        assert min(mine) < 1e-95


# --------------------------------------------------------------------------------------------------------------
# Quantiles and the duality of tests and confidence intervals


@pytest.mark.parametrize("df", [1.0, 2.5, 5.0, 30.0, 1000.0])
def test_t_quantile_matches_scipy(df):
    # Newton stops at the rounding level of t_cdf; the quantile's relative condition number F / (|x| f) is below 1
    # in the tails (1/nu far out) and at most 2 on this grid (p = 0.3 with nu = 1: 0.3 / (0.727 * 0.208) = 1.98),
    # so the relative error is at most twice that of t_cdf, 2 c u (1 + |ln p|) with c ~ 10: below 1e-13
    for p in (1e-15, 1e-9, 0.001, 0.025, 0.3, 0.5, 0.8, 0.975, 1 - 1e-9):
        assert_allclose(ht._t_ppf(p, df), st.t.ppf(p, df), rtol=1e-13, atol=0.0)


def test_t_quantile_with_many_degrees_of_freedom_and_infinite_df():
    # t_cdf drifts by up to (nu / 2) u for nu = 1e5 (its docstring): 6e-12, times a condition number < 1
    assert_allclose(ht._t_ppf(0.025, 1e5), st.t.ppf(0.025, 1e5), rtol=6e-12)
    assert_allclose(ht._t_ppf(0.025, math.inf), st.norm.ppf(0.025), rtol=4 * U)


@pytest.mark.parametrize("alternative", ALTERNATIVES)
def test_confidence_interval_endpoint_is_where_the_test_has_p_equal_alpha(alternative):
    x = np.random.default_rng(10).normal(3.0, 2.0, 12)
    res = t_test_one_sample(x, 0.0, alternative)
    low, high = res.confidence_interval(0.95)
    edge = high if alternative == "less" else low
    # the quantile is accurate to ~1e-15; the p-value at the edge moves by (t f / F) times that: rtol 1e-10
    assert t_test_one_sample(x, edge, alternative).p_value == pytest.approx(0.05, rel=1e-10)
    if alternative == "two-sided":
        assert t_test_one_sample(x, high, alternative).p_value == pytest.approx(0.05, rel=1e-10)
    # duality: mu0 inside the interval <=> the test at alpha = 0.05 does not reject
    for mu0 in np.linspace(low if np.isfinite(low) else high - 6, high if np.isfinite(high) else low + 6, 9)[1:-1]:
        assert t_test_one_sample(x, mu0, alternative).p_value > 0.05
    outside = low - 0.01 if np.isfinite(low) else high + 0.01
    assert t_test_one_sample(x, outside, alternative).p_value < 0.05


def test_z_test_matches_the_normal_formula_and_its_interval():
    x = np.random.default_rng(11).normal(0.3, 2.0, 40)
    z = (np.mean(x) - 0.0) / (2.0 / math.sqrt(40))
    for alternative, p in [("two-sided", 2 * st.norm.sf(abs(z))), ("less", st.norm.cdf(z)),
                           ("greater", st.norm.sf(z))]:
        res = z_test(x, 0.0, 2.0, alternative)
        assert_allclose(res.statistic, z, rtol=RTOL_STAT)
        assert_allclose(res.p_value, p, rtol=RTOL_P)
        assert res.df == math.inf
    low, high = z_test(x, 0.0, 2.0).confidence_interval(0.95)
    assert_allclose([low, high], st.norm.interval(0.95, loc=np.mean(x), scale=2.0 / math.sqrt(40)), rtol=1e-13)
    # deep tail: z = -30 has p = 2 Phi(-30) = 9.8e-198
    res = z_test([-30.0], 0.0, 1.0)
    assert_allclose(res.p_value, 2 * st.norm.cdf(-30.0), rtol=RTOL_P)


# --------------------------------------------------------------------------------------------------------------
# Power


@pytest.mark.parametrize("alternative", ALTERNATIVES)
def test_z_test_power_matches_the_normal_formula_and_is_alpha_without_effect(alternative):
    for delta, n in [(0.5, 32), (-0.3, 50), (1.0, 5)]:
        shift = delta * math.sqrt(n)
        c2, c1 = st.norm.isf(0.025), st.norm.isf(0.05)
        ref = {"two-sided": st.norm.cdf(shift - c2) + st.norm.cdf(-shift - c2),
               "greater": st.norm.cdf(shift - c1), "less": st.norm.cdf(-shift - c1)}[alternative]
        assert_allclose(z_test_power(delta, n, 0.05, alternative), ref, rtol=1e-13)
    assert z_test_power(0.0, 17, 0.05, alternative) == pytest.approx(0.05, rel=1e-14)


def test_z_test_power_agrees_with_simulated_rejections():
    rng = np.random.default_rng(12)
    reps, delta, n = 2000, 0.5, 20
    power = z_test_power(delta, n)
    rate = np.mean([z_test(rng.normal(delta, 1.0, n), 0.0, 1.0).p_value <= 0.05 for _ in range(reps)])
    assert abs(rate - power) <= _binomial_bound(power, reps)


def test_normal_approximation_overstates_t_test_power_by_little_for_moderate_n():
    # exact t-test power: noncentral t with noncentrality delta sqrt(n); the approximation ignores the extra
    # spread of s, so it is too high, by 0.06 at n = 10 and below 0.01 from n = 50 (README, power)
    for n, gap in [(10, 0.07), (30, 0.03), (50, 0.01), (100, 0.001)]:
        df, nc = n - 1, 0.5 * math.sqrt(n)
        c = st.t.ppf(0.975, df)
        exact = st.nct.sf(c, df, nc) + st.nct.cdf(-c, df, nc)
        assert 0.0 < z_test_power(0.5, n) - exact < gap


def test_power_grows_with_n_and_effect():
    powers = [z_test_power(0.3, n) for n in (5, 10, 20, 40, 80)]
    assert np.all(np.diff(powers) > 0)
    assert z_test_power(0.6, 20) > z_test_power(0.3, 20)


# --------------------------------------------------------------------------------------------------------------
# Chi-square tests


@pytest.mark.parametrize("seed", range(4))
def test_goodness_of_fit_matches_scipy_chisquare(seed):
    rng = np.random.default_rng(seed)
    k = 2 + seed * 3
    observed = rng.integers(0, 40, k)
    observed[0] += 1  # never all zero
    res = chi_square_goodness_of_fit(observed)
    ref = st.chisquare(observed)
    assert isinstance(res, ChiSquareResult) and res.df == k - 1
    assert_allclose(res.statistic, ref.statistic, rtol=RTOL_STAT)
    assert_allclose(res.p_value, ref.pvalue, rtol=RTOL_P)
    weights = rng.random(k) + 0.1
    expected = weights / weights.sum() * observed.sum()
    res, ref = chi_square_goodness_of_fit(observed, expected), st.chisquare(observed, expected)
    assert_allclose([res.statistic, res.p_value], [ref.statistic, ref.pvalue], rtol=RTOL_P)


@pytest.mark.parametrize("shape, seed", [((2, 2), 0), ((2, 3), 1), ((4, 3), 2), ((5, 6), 3)])
def test_independence_matches_chi2_contingency_without_correction(shape, seed):
    table = np.random.default_rng(seed).integers(1, 60, shape)
    res = chi_square_independence(table)
    stat, p, dof, expected = st.chi2_contingency(table, correction=False)
    assert_allclose([res.statistic, res.p_value], [stat, p], rtol=RTOL_P)
    assert res.df == dof
    assert_allclose(res.expected, expected, rtol=1e-14)


def test_no_yates_correction_gives_a_smaller_p_than_scipy_default_on_2x2():
    table = [[120, 880], [150, 850]]  # README worked example
    res = chi_square_independence(table)
    assert_allclose(res.p_value, st.chi2_contingency(table, correction=False).pvalue, rtol=RTOL_P)
    assert res.p_value < 0.05 < st.chi2_contingency(table).pvalue  # Yates: 0.0577


def test_two_by_two_statistic_is_the_square_of_the_pooled_two_proportion_z():
    a, n_a, b, n_b = 120, 1000, 150, 1000
    p_a, p_b, pooled = a / n_a, b / n_b, (a + b) / (n_a + n_b)
    z = (p_a - p_b) / math.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
    res = chi_square_independence([[a, n_a - a], [b, n_b - b]])
    assert_allclose(res.statistic, z * z, rtol=1e-13)
    assert_allclose(res.p_value, 2 * st.norm.sf(abs(z)), rtol=1e-12)  # chi2 with 1 df is z^2


def test_goodness_of_fit_exact_size_is_close_to_alpha():
    # exact size of the test at level 0.05 for 3 equally likely categories and N = 60, by enumerating the 1891
    # outcomes of the multinomial: justifies the allowance APPROX used in the simulations of the chi-square tests
    N = 60
    counts = np.array([(a, b, N - a - b) for a in range(N + 1) for b in range(N + 1 - a)])  # (1891, 3)
    statistic = np.sum((counts - N / 3) ** 2 / (N / 3), axis=1)  # Pearson's X^2 of every outcome
    for c in counts[::97]:
        assert chi_square_goodness_of_fit(c).statistic == pytest.approx(statistic[(counts == c).all(axis=1)][0],
                                                                          rel=1e-14)
    size = st.multinomial.pmf(counts, N, [1 / 3] * 3)[statistic >= st.chi2.isf(0.05, 2)].sum()
    assert abs(size - 0.05) < APPROX


# --------------------------------------------------------------------------------------------------------------
# Permutation test and bootstrap


@pytest.mark.parametrize("alternative", ALTERNATIVES)
def test_exact_permutation_test_matches_scipy(alternative):
    x, y = [1.0, 4.0, 2.5], [3.0, 0.5, 2.0, 7.0]  # 35 splits <= 9999: every split, no +1
    res = permutation_test(x, y, _diff, alternative=alternative)
    ref = st.permutation_test((x, y), _diff, vectorized=True, alternative=alternative)
    assert isinstance(res, PermutationResult) and res.null_distribution.size == 35
    assert_allclose(np.sort(res.null_distribution), np.sort(ref.null_distribution), rtol=1e-14)
    assert res.p_value == pytest.approx(ref.pvalue, rel=1e-15)


@pytest.mark.parametrize("alternative", ALTERNATIVES)
def test_random_permutation_test_matches_scipy_with_the_same_seed(alternative):
    # rng.permuted on the rows of an index array runs the same Fisher-Yates shuffle per row as SciPy's
    # rng.permutation(n) calls, so the same seed gives the same null distribution and the same p-value
    rng = np.random.default_rng(13)
    x, y = rng.normal(0.5, 1.0, 12), rng.normal(0.0, 1.0, 9)
    res = permutation_test(x, y, _diff, 999, alternative, rng=1)
    ref = st.permutation_test((x, y), _diff, n_resamples=999, vectorized=True, alternative=alternative,
                              rng=np.random.default_rng(1))
    assert_allclose(res.null_distribution, ref.null_distribution, rtol=1e-14)
    assert res.p_value == ref.pvalue
    # seed-independent check: another seed changes p by Monte Carlo error only
    other = permutation_test(x, y, _diff, 999, alternative, rng=2)
    assert abs(other.p_value - ref.pvalue) <= 2 * _binomial_bound(min(0.5, ref.pvalue), 1000)


def test_permutation_p_value_has_the_plus_one_and_is_never_zero():
    x, y = np.arange(20.0) + 100.0, np.arange(20.0)  # every x above every y: no permutation is as extreme
    res = permutation_test(x, y, _diff, 199, "greater", rng=0)
    assert res.p_value == 1 / 200
    assert permutation_test(x, y, _diff, 199, "two-sided", rng=0).p_value == 2 / 200


def test_permutation_worked_example():
    res = permutation_test([12.0, 15.0, 14.0], [9.0, 11.0, 10.0], _diff, alternative="greater")
    assert res.null_distribution.size == math.comb(6, 3) and res.p_value == pytest.approx(1 / 20)
    assert permutation_test([12.0, 15.0, 14.0], [9.0, 11.0, 10.0], _diff).p_value == pytest.approx(2 / 20)
    assert res.statistic == pytest.approx(11 / 3)


def test_bootstrap_matches_scipy_percentile_with_the_same_seed():
    # both draw rng.integers(0, n, (B, n)): same seed, same resamples (the batches continue the same stream)
    x = np.random.default_rng(14).exponential(2.0, 30)
    for statistic, B in [(np.mean, 999), (np.median, 1500)]:
        res = bootstrap_ci(x, statistic, 0.9, B, rng=42)
        ref = st.bootstrap((x,), statistic, confidence_level=0.9, n_resamples=B, method="percentile",
                           rng=np.random.default_rng(42))
        assert isinstance(res, BootstrapResult)
        assert_allclose(res.bootstrap_distribution, ref.bootstrap_distribution, rtol=1e-14)
        assert_allclose([res.low, res.high], [ref.confidence_interval.low, ref.confidence_interval.high],
                        rtol=1e-14)
        assert_allclose(res.standard_error, ref.standard_error, rtol=1e-12)


def test_bootstrap_batches_continue_one_stream():
    x = np.random.default_rng(15).normal(size=2100)  # rows per batch: 2^21 // 2100 = 998 < 1500
    res = bootstrap_ci(x, np.mean, n_resamples=1500, rng=3)
    idx = np.random.default_rng(3).integers(0, x.size, (1500, x.size))
    assert_allclose(res.bootstrap_distribution, x[idx].mean(axis=1), rtol=1e-13)


def test_bootstrap_percentile_interval_of_the_mean_is_the_plug_in_normal_interval():
    # README, the bootstrap: the bootstrap distribution of the mean has mean x_bar and variance sigma_hat^2 / n
    # (plug-in variance) and is nearly normal, so the endpoints are about x_bar -+ z sqrt((n-1)/n) se. Differences:
    # Monte Carlo error of a 2.5 % quantile of B values, sqrt(0.025 * 0.975 / B) / phi(z) = 0.027 se_hat for
    # B = 9999 (4.5 of them), plus the skewness of the bootstrap distribution, which moves a quantile by about
    # (gamma / 6)(z^2 - 1) se_hat with gamma = (sample skewness) / sqrt(n) (Cornish-Fisher)
    x = np.random.default_rng(24).normal(1.0, 1.0, 30)
    n, z = x.size, st.norm.ppf(0.975)
    se_hat = np.std(x) / math.sqrt(n)  # plug-in: ddof=0
    res = bootstrap_ci(x, np.mean, 0.95, 9999, rng=25)
    mc = 4.5 * math.sqrt(0.025 * 0.975 / 9999) / st.norm.pdf(z)
    skew = abs(st.skew(x)) / math.sqrt(n) / 6 * (z * z - 1)
    assert skew < 0.1  # a nearly symmetric sample: the bound below is meaningful
    assert_allclose([res.low, res.high], [np.mean(x) - z * se_hat, np.mean(x) + z * se_hat], rtol=0,
                    atol=(mc + skew) * se_hat)
    # ... whose coverage is P(|t_29| <= z sqrt(29/30)) = 0.936, not 0.95 (the README's figure)
    coverage = 1 - 2 * st.t.sf(z * math.sqrt((n - 1) / n), n - 1)
    assert round(z * math.sqrt(29 / 30), 3) == 1.927 and round(coverage, 3) == 0.936


def test_bootstrap_percentile_interval_covers_the_mean_about_94_percent():
    # simulated coverage of the percentile interval for n = 30 normal values: 0.936 (test above) +- 4.5 se;
    # B = 999 adds a little Monte Carlo spread to each endpoint, negligible against the binomial se of 0.012
    rng = np.random.default_rng(16)
    reps = 400
    hits = 0
    for _ in range(reps):
        res = bootstrap_ci(rng.normal(1.0, 1.0, 30), np.mean, 0.95, 999, rng)
        hits += res.low <= 1.0 <= res.high
    assert abs(hits / reps - 0.936) <= _binomial_bound(0.936, reps)


# --------------------------------------------------------------------------------------------------------------
# Multiple testing

BH_1995 = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.3240, 0.4262, 0.5719,
           0.6528, 0.7590, 1.0000]


def test_benjamini_hochberg_classic_example():
    # Benjamini and Hochberg (1995), 15 p-values at q = 0.05: p_(4) = 0.0095 <= 4 (0.05) / 15 = 0.0133 and no
    # larger k qualifies (p_(5) = 0.0201 > 0.0167, ..., p_(9) = 0.0459 > 0.03): 4 rejections; Bonferroni's
    # threshold 0.05 / 15 = 0.0033 keeps 3
    assert benjamini_hochberg(BH_1995, 0.05).tolist() == [True] * 4 + [False] * 11
    assert bonferroni(BH_1995, 0.05).tolist() == [True] * 3 + [False] * 12


def test_benjamini_hochberg_steps_up_past_a_p_value_above_its_line():
    # p = (0.04, 0.03), m = 2: p_(1) = 0.03 > 1 (0.05) / 2 = 0.025 misses its line, but p_(2) = 0.04 <= 0.05,
    # so k = 2 and both are rejected
    assert benjamini_hochberg([0.04, 0.03], 0.05).tolist() == [True, True]
    assert bonferroni([0.04, 0.03], 0.05).tolist() == [False, False]


def test_benjamini_hochberg_matches_scipy_false_discovery_control():
    rng = np.random.default_rng(17)
    p = np.concatenate([rng.uniform(0, 0.01, 30), rng.uniform(0, 1, 170)])
    rng.shuffle(p)
    for q in (0.01, 0.05, 0.2):
        assert np.array_equal(benjamini_hochberg(p, q), st.false_discovery_control(p) <= q)


# Hand-computed cases, chosen so that a p-value sits exactly on its threshold (the rule is p <= threshold, not <),
# with ties, and at the extreme levels. Every threshold below is exact in binary floating point (0.05 / 4 = 0.0125
# and 2 (0.05) / 4 = 0.025 round the same way on both sides of the comparison), so the masks are machine-independent.
MULTIPLE_TESTING_CASES = [
    # p-values, level, Bonferroni mask (p <= level / m), Benjamini-Hochberg mask (largest k with p_(k) <= k level / m)
    # m = 4, lines 0.0125, 0.025, 0.0375, 0.05: p_(2) = 0.025 is on its line, p_(3) = 0.05 > 0.0375, p_(4) = 0.9 > 0.05
    ([0.025, 0.9, 0.0125, 0.05], 0.05, [False, False, True, False], [True, False, True, False]),
    # three tied p-values under the line 3 (0.05) / 4 = 0.0375 (but above 0.0125): BH rejects all three
    ([0.03, 0.5, 0.03, 0.03], 0.05, [False, False, False, False], [True, False, True, True]),
    # p_(1) = 0.0126 misses Bonferroni's 0.0125 by 1e-4; p_(4) = 0.05 <= 4 (0.05) / 4 rejects everything under BH
    ([0.05, 0.0126, 0.04, 0.03], 0.05, [False, False, False, False], [True, True, True, True]),
    # level 1: Bonferroni's threshold is 1/3, while BH's last line is 1 (p_(3) = 1.0 <= 1), so BH rejects all;
    # level 0: only p = 0 passes either
    ([0.3, 1.0, 0.7], 1.0, [True, False, False], [True, True, True]),
    ([0.0, 1e-300, 0.2], 0.0, [True, False, False], [True, False, False]),
]


@pytest.mark.parametrize("p, level, bonf, bh", MULTIPLE_TESTING_CASES)
def test_bonferroni_and_benjamini_hochberg_hand_computed(p, level, bonf, bh):
    assert bonferroni(p, level).tolist() == bonf
    assert benjamini_hochberg(p, level).tolist() == bh
    if 0.0 < level < 1.0:
        # SciPy's adjusted p-values: BH rejects hypothesis i exactly when its adjusted p-value is <= q. The
        # adjusted value min_{k >= rank} m p_(k) / k is a product and a quotient of exact small numbers here,
        # so it lands on the level up to one rounding (relative u): compare with that slack
        adjusted = st.false_discovery_control(p)
        assert (adjusted <= level * (1 + 4 * U)).tolist() == bh


def test_bonferroni_and_benjamini_hochberg_match_scipy_adjusted_p_values():
    # random p-values, none within 1e-9 of a threshold, so the masks cannot depend on the last bit: BH must
    # equal SciPy's false_discovery_control <= q, Bonferroni its own adjusted p-value min(1, m p) <= alpha
    rng = np.random.default_rng(18)
    p = np.concatenate([rng.uniform(0, 0.002, 10), rng.uniform(0, 0.1, 40)])
    m = p.size
    for level in (0.01, 0.05, 0.1):
        lines = level * np.arange(1, m + 1) / m  # Bonferroni uses the first, BH all of them
        assert np.min(np.abs(p[:, None] - lines[None, :])) > 1e-9  # (m, 1) - (1, m): no p-value on any line
        assert np.array_equal(bonferroni(p, level), np.minimum(1.0, m * p) <= level)
        assert np.array_equal(benjamini_hochberg(p, level), st.false_discovery_control(p) <= level)


@settings(max_examples=25, deadline=None)
@given(hs.lists(hs.floats(0.0, 1.0), min_size=1, max_size=30), hs.floats(0.0, 1.0), hs.randoms())
def test_bh_rejects_at_least_what_bonferroni_rejects_and_ignores_order(p, q, random):
    p = np.array(p)
    bh = benjamini_hochberg(p, q)
    assert np.all(bh[bonferroni(p, q)])
    perm = np.array(random.sample(range(p.size), p.size))
    assert np.array_equal(benjamini_hochberg(p[perm], q), bh[perm])
    if bh.any():  # the rejections are exactly the smallest p-values
        assert p[bh].max() <= p[~bh].min(initial=1.0)


# --------------------------------------------------------------------------------------------------------------
# Type I error rates by simulation (null hypothesis true)


def test_type_one_error_of_the_one_sample_and_paired_t_tests():
    rng = np.random.default_rng(19)
    reps = 300
    one = np.mean([t_test_one_sample(rng.exponential(1.0, 40), 1.0).p_value <= 0.05 for _ in range(reps)])
    paired = np.mean([t_test_paired(b + rng.normal(0, 1, 8), b + rng.normal(0, 1, 8)).p_value <= 0.05
                      for b in rng.normal(0, 5, (200, 8))])
    assert abs(paired - 0.05) <= _binomial_bound(0.05, 200)  # normal differences: exactly t, level exactly 0.05
    # Skewed data (exponential, n = 40): the t statistic is only approximately t_39, and its true level is about
    # 0.068, not 0.05 (README, one-sample t-test). Reference: SciPy's vectorised t-test on 10^5 samples (standard
    # error 0.0008); the package's 300 replications must agree with it within the sum of the two 4.5-se bounds.
    big = rng.exponential(1.0, (100_000, 40))
    ref = np.mean(st.ttest_1samp(big, 1.0, axis=1).pvalue <= 0.05)
    ref_bound = 4.5 * math.sqrt(ref * (1 - ref) / big.shape[0])
    assert abs(ref - 0.068) <= ref_bound  # the README's figure
    assert ref > 0.05 + ref_bound  # the level is really above nominal: the CLT has not caught up at n = 40
    assert abs(one - ref) <= _binomial_bound(ref, reps) + ref_bound


def test_type_one_error_of_welch_and_the_failure_of_student_with_unequal_variances():
    # the small group has the large variance: Student's pooled variance underestimates the standard error
    rng = np.random.default_rng(20)
    reps = 250
    welch, student = [], []
    for _ in range(reps):
        x, y = rng.normal(0, 3, 6), rng.normal(0, 1, 30)
        welch.append(t_test_two_sample(x, y).p_value <= 0.05)
        student.append(t_test_two_sample(x, y, equal_var=True).p_value <= 0.05)
    assert abs(np.mean(welch) - 0.05) <= _binomial_bound(0.05, reps)
    assert np.mean(student) > 0.05 + _binomial_bound(0.05, reps)  # about 0.30


def test_type_one_error_of_student_with_equal_variances_and_of_the_z_test():
    rng = np.random.default_rng(21)
    reps = 200
    student = np.mean([t_test_two_sample(rng.normal(0, 2, 10), rng.normal(0, 2, 15), equal_var=True).p_value
                       <= 0.05 for _ in range(reps)])
    assert abs(student - 0.05) <= _binomial_bound(0.05, reps)
    reps = 2000
    z = np.mean([z_test(rng.normal(3, 2, 10), 3.0, 2.0, "greater").p_value <= 0.05 for _ in range(reps)])
    assert abs(z - 0.05) <= _binomial_bound(0.05, reps)


def test_type_one_error_of_the_chi_square_tests():
    rng = np.random.default_rng(22)
    reps = 400
    probs = np.array([0.2, 0.3, 0.5])
    gof = np.mean([chi_square_goodness_of_fit(c, 200 * probs).p_value <= 0.05
                   for c in rng.multinomial(200, probs, reps)])
    # independent rows and columns: cell probabilities are products of margins
    cells = np.outer([0.4, 0.6], [0.3, 0.3, 0.4]).ravel()
    ind = np.mean([chi_square_independence(c.reshape(2, 3)).p_value <= 0.05
                   for c in rng.multinomial(300, cells, reps)])
    assert abs(gof - 0.05) <= _binomial_bound(0.05, reps) + APPROX
    assert abs(ind - 0.05) <= _binomial_bound(0.05, reps) + APPROX


def test_type_one_error_of_the_permutation_test_is_exact():
    # (count + 1) / (B + 1) <= 0.05 with B = 99 means the observed statistic ranks among the top 5 of 100
    # exchangeable values: probability exactly 0.05 for continuous data
    rng = np.random.default_rng(23)
    reps = 1000
    rate = np.mean([permutation_test(rng.normal(0, 1, 10), rng.normal(0, 1, 12), _diff, 99, "greater", rng).p_value
                    <= 0.05 for _ in range(reps)])
    assert abs(rate - 0.05) <= _binomial_bound(0.05, reps)


# --------------------------------------------------------------------------------------------------------------
# README worked examples

A = [5.2, 4.8, 5.9, 6.1, 5.5, 5.7, 5.0, 5.8]
B = [4.6, 5.1, 4.2, 5.0, 4.4, 4.9]


def test_readme_worked_examples():
    res = t_test_one_sample(A, 5.0)
    assert res.estimate == pytest.approx(5.5) and res.standard_error == pytest.approx(math.sqrt(1.48 / 7 / 8))
    assert round(res.statistic, 4) == 3.0756 and round(res.p_value, 4) == 0.0179
    assert [round(v, 4) for v in res.confidence_interval(0.95)] == [5.1156, 5.8844]
    assert round(ht._t_ppf(0.975, 7.0), 4) == 2.3646
    welch = t_test_two_sample(A, B)
    assert round(welch.estimate, 4) == 0.8 and round(welch.standard_error, 4) == 0.2185
    assert (round(welch.statistic, 4), round(welch.df, 2), round(welch.p_value, 4)) == (3.6606, 11.96, 0.0033)
    student = t_test_two_sample(A, B, equal_var=True)
    assert (round(student.statistic, 4), student.df, round(student.p_value, 4)) == (3.5243, 12.0, 0.0042)
    z = z_test(A, 5.0, 0.5)
    assert (round(z.statistic, 4), round(z.p_value, 4)) == (2.8284, 0.0047)
    assert round(z_test_power(0.5, 32), 4) == 0.8074
    gof = chi_square_goodness_of_fit([8, 9, 12, 11, 6, 14])
    assert (gof.statistic, gof.df, round(gof.p_value, 4)) == (pytest.approx(4.2), 5, 0.521)
    ind = chi_square_independence([[120, 880], [150, 850]])
    assert (round(ind.statistic, 4), round(ind.p_value, 4)) == (3.8536, 0.0496)
    assert_allclose(ind.expected, [[135, 865], [135, 865]], rtol=1e-14)
    paired = t_test_paired([0.91, 0.88, 0.93, 0.90, 0.87], [0.89, 0.87, 0.90, 0.89, 0.86])
    assert (round(paired.statistic, 4), round(paired.p_value, 4)) == (4.0, 0.0161)
    assert not t_test_two_sample([0.91, 0.88, 0.93, 0.90, 0.87], [0.89, 0.87, 0.90, 0.89, 0.86]).p_value < 0.05


def _sample_with_variance(n, var, seed):
    """n values with sample variance (ddof=1) exactly var, up to rounding."""
    z = np.random.default_rng(seed).normal(size=n)
    return (z - z.mean()) / z.std(ddof=1) * math.sqrt(var)


def test_readme_derivation_and_exercise_numbers():
    # Intuition and worked example: beta = 1 - power at delta = 0.5, n = 32; 31 observations give 0.795
    assert round(1 - z_test_power(0.5, 32), 3) == 0.193 and round(z_test_power(0.5, 31), 3) == 0.795
    # t = 40 with 100 degrees of freedom: two-sided p = 2.46e-63, computed from the tail (1 - cdf would be 0)
    assert f"{ht._p_value(40.0, 100.0, 'two-sided'):.2e}" == "2.46e-63"
    assert 1.0 - st.t.cdf(40.0, 100) == 0.0
    # power: the normal approximation overstates the t-test's power, 0.353 against 0.293 at n = 10
    c = st.t.ppf(0.975, 9)
    exact = st.nct.sf(c, 9, 0.5 * math.sqrt(10)) + st.nct.cdf(-c, 9, 0.5 * math.sqrt(10))
    assert (round(z_test_power(0.5, 10), 3), round(exact, 3)) == (0.353, 0.293)
    # delta = 0.2: below 0.52 at the figure's right edge n = 100; n = 196.2 from the formula, so 197
    z975, z80, z90 = st.norm.ppf(0.975), st.norm.ppf(0.8), st.norm.ppf(0.9)
    assert z_test_power(0.2, 100) < 0.52 and round(((z975 + z80) / 0.2) ** 2, 1) == 196.2
    assert z_test_power(0.2, 196) < 0.8 <= z_test_power(0.2, 197)
    # Yates' correction on the A/B table (SciPy's default): p = 0.0577
    assert round(st.chi2_contingency([[120, 880], [150, 850]]).pvalue, 4) == 0.0577
    # Exercise 1: n_x = 10, s_x^2 = 4 against n_y = 40, s_y^2 = 1
    x, y = _sample_with_variance(10, 4.0, 26), _sample_with_variance(40, 1.0, 27) + 0.3
    welch, student = t_test_two_sample(x, y), t_test_two_sample(x, y, equal_var=True)
    assert round(welch.df, 2) == 10.15 and round(welch.standard_error, 3) == 0.652
    assert round(student.standard_error, 3) == 0.442 and student.df == 48
    assert round(0.4 / 0.425, 2) == 0.94  # the share of the small, noisy group in se^2
    # Exercise 3: delta = 0.3, power 0.9: n = 116.75, so 117; two groups: 233.5, so 234 each
    n = ((z975 + z90) / 0.3) ** 2
    assert round(n, 2) == 116.75 and round(2 * n, 1) == 233.5
    assert (round(z_test_power(0.3, 117), 4), round(z_test_power(0.3, 116), 3)) == (0.9006, 0.898)
    assert z_test_power(0.3, 234 // 2) >= 0.9 > z_test_power(0.3, 232 // 2)
    # Exercise 5: Bonferroni's exact family-wise error rate for 20 independent tests
    assert round(1 - (1 - 0.05 / 20) ** 20, 3) == 0.049 and round(1 - 0.95**20, 2) == 0.64
    # Exercise 6: the one-sided interval [5.192, inf) excludes 5.1; its p-value is half the two-sided one
    assert round(ht._t_ppf(0.95, 7.0), 4) == 1.8946
    greater = t_test_one_sample(A, 5.1, "greater")
    low, high = greater.confidence_interval(0.95)
    assert round(low, 3) == 5.192 and high == math.inf
    assert greater.p_value < 0.05 and greater.p_value == pytest.approx(t_test_one_sample(A, 5.1).p_value / 2)
    assert t_test_one_sample(A, 5.1).p_value < 0.05 < t_test_one_sample(A, 5.2).p_value


def test_optional_stopping_reaches_0_193_after_ten_looks():
    # README, p-hacking: a two-sided z-test after every 10 observations, no true effect. Armitage, McPherson and
    # Rowe (1969) give 0.193 after 10 looks. 20 000 experiments: se 0.0028, bound 4.5 se. The z statistics are
    # cumulative sums (vectorised); the package's z_test gives the same p-values on a few experiments.
    rng = np.random.default_rng(28)
    data = rng.normal(0.0, 1.0, (20_000, 100))
    n = np.arange(10, 101, 10)
    z = np.cumsum(data, axis=1)[:, 9::10] / np.sqrt(n)  # (reps, 10) z statistic after each look, sigma = 1
    p = 2 * st.norm.sf(np.abs(z))
    for row in range(3):
        for look in (0, 9):
            # the two means differ by a few roundings of a sum of <= 100 terms: rtol 1e-12 as RTOL_P
            assert_allclose(z_test(data[row, : n[look]], 0.0, 1.0).p_value, p[row, look], rtol=RTOL_P)
    rate = np.mean(np.cumsum(p <= 0.05, axis=1) > 0, axis=0)  # (10,) stopped with "significance" by look k
    assert abs(rate[0] - 0.05) <= _binomial_bound(0.05, data.shape[0])
    assert abs(rate[9] - 0.193) <= _binomial_bound(0.193, data.shape[0])
    assert np.all(np.diff(rate) > 0)


def test_benjamini_hochberg_rejects_anything_with_probability_q_when_every_null_is_true():
    # README, multiple testing: m0 = m independent uniform p-values: P(BH rejects anything) = FDR = q exactly, and
    # Bonferroni's family-wise error rate is 1 - (1 - q/m)^m = 0.0488 for m = 20. 4000 families: bound 4.5 se.
    rng = np.random.default_rng(29)
    families = rng.uniform(0.0, 1.0, (4000, 20))
    bh = np.mean([benjamini_hochberg(p, 0.05).any() for p in families])
    bonf = np.mean([bonferroni(p, 0.05).any() for p in families])
    assert abs(bh - 0.05) <= _binomial_bound(0.05, 4000)
    assert abs(bonf - (1 - 0.9975**20)) <= _binomial_bound(0.0488, 4000)
    assert bh >= bonf  # BH rejects at least what Bonferroni rejects, family by family


# --------------------------------------------------------------------------------------------------------------
# Bad input: ValueError (or TypeError) naming the argument

BAD = [
    (t_test_one_sample, ([1.0], 0.0), ValueError, "x"),
    (t_test_one_sample, ([1.0, np.nan], 0.0), ValueError, "x"),
    (t_test_one_sample, ([2.0, 2.0, 2.0], 0.0), ValueError, "x"),
    (t_test_one_sample, ([1.0, 2.0], np.nan), ValueError, "mu0"),
    (t_test_one_sample, ([1.0, 2.0], 0.0, "two_sided"), ValueError, "alternative"),
    (t_test_one_sample, ([1.0, 2.0], 0.0, None), ValueError, "alternative"),
    (t_test_two_sample, ([1.0, 2.0], [3.0]), ValueError, "y"),
    (t_test_two_sample, ([], [1.0, 2.0]), ValueError, "x"),
    (t_test_two_sample, ([1.0, 1.0], [3.0, 3.0]), ValueError, "x and y"),
    (t_test_two_sample, ([1.0, 1.0], [3.0, 3.0], True), ValueError, "x and y"),
    (t_test_two_sample, ([1.0, 2.0], [3.0, 4.0], "yes"), TypeError, "equal_var"),
    (t_test_two_sample, ([1.0, 2.0], [3.0, 4.0], False, "both"), ValueError, "alternative"),
    (t_test_paired, ([1.0, 2.0, 3.0], [1.0, 2.0]), ValueError, "same length"),
    (t_test_paired, ([1.0, 2.0, 3.0], [0.0, 1.0, 2.0]), ValueError, "x"),
    (t_test_paired, ([1.0, np.inf], [1.0, 2.0]), ValueError, "x"),
    (z_test, ([], 0.0, 1.0), ValueError, "x"),
    (z_test, ([1.0], 0.0, 0.0), ValueError, "sigma"),
    (z_test, ([1.0], 0.0, -1.0), ValueError, "sigma"),
    (z_test, ([1.0], 0.0, 1.0, "up"), ValueError, "alternative"),
    (z_test_power, (np.nan, 10), ValueError, "effect_size"),
    (z_test_power, (0.5, 0), ValueError, "n"),
    (z_test_power, (0.5, 2.5), TypeError, "n"),
    (z_test_power, (0.5, 10, 0.0), ValueError, "alpha"),
    (z_test_power, (0.5, 10, 1.5), ValueError, "alpha"),
    (chi_square_goodness_of_fit, ([3, -1, 2],), ValueError, "observed"),
    (chi_square_goodness_of_fit, ([0, 0, 0],), ValueError, "observed"),
    (chi_square_goodness_of_fit, ([5],), ValueError, "observed"),
    (chi_square_goodness_of_fit, ([5, np.nan],), ValueError, "observed"),
    (chi_square_goodness_of_fit, ([5, 5], [5, 3, 2]), ValueError, "expected"),
    (chi_square_goodness_of_fit, ([5, 5], [10, 0]), ValueError, "expected"),
    (chi_square_goodness_of_fit, ([5, 5], [6, 6]), ValueError, "expected"),
    (chi_square_independence, ([[1, -2], [3, 4]],), ValueError, "table"),
    (chi_square_independence, ([[0, 0], [3, 4]],), ValueError, "table"),
    (chi_square_independence, ([[0, 2], [0, 4]],), ValueError, "table"),
    (chi_square_independence, ([1, 2, 3],), ValueError, "table"),
    (chi_square_independence, ([[1, 2, 3]],), ValueError, "table"),
    (chi_square_independence, ([[1, np.nan], [3, 4]],), ValueError, "table"),
    (chi_square_independence, ("abc",), ValueError, "table"),
    (permutation_test, ([1.0], [2.0], "mean"), TypeError, "statistic"),
    (permutation_test, ([1.0], [2.0], _diff, 0), ValueError, "n_resamples"),
    (permutation_test, ([1.0], [2.0], _diff, 1.5), TypeError, "n_resamples"),
    (permutation_test, ([], [2.0], _diff), ValueError, "x"),
    (permutation_test, ([1.0], [np.nan], _diff), ValueError, "y"),
    (permutation_test, ([1.0], [2.0], _diff, 10, "bigger"), ValueError, "alternative"),
    (permutation_test, ([1.0, 2.0], [2.0, 5.0], lambda x, y, axis: 0.0), ValueError, "statistic"),
    (bootstrap_ci, ([1.0], np.mean), ValueError, "x"),
    (bootstrap_ci, ([1.0, 2.0], np.mean, 1.0), ValueError, "confidence"),
    (bootstrap_ci, ([1.0, 2.0], np.mean, 0.0), ValueError, "confidence"),
    (bootstrap_ci, ([1.0, 2.0], np.mean, 1.5), ValueError, "confidence"),
    (bootstrap_ci, ([1.0, 2.0], np.mean, 0.9, 0), ValueError, "n_resamples"),
    (bootstrap_ci, ([1.0, 2.0], None), TypeError, "statistic"),
    (bootstrap_ci, ([1.0, 2.0], lambda x, axis: x), ValueError, "statistic"),
    (bootstrap_ci, ([1.0, 2.0], lambda x, axis: np.full(x.shape[0], np.inf)), ValueError, "statistic"),
    (permutation_test, ([1.0, 2.0], [0.0, 5.0], lambda x, y, axis: np.full(x.shape[0], np.nan)), ValueError,
     "statistic"),
    (bonferroni, ([0.1, 1.2],), ValueError, "p_values"),
    (bonferroni, ([],), ValueError, "p_values"),
    (bonferroni, ([0.1], 1.5), ValueError, "alpha"),
    (benjamini_hochberg, ([-0.1, 0.5],), ValueError, "p_values"),
    (benjamini_hochberg, ([np.nan],), ValueError, "p_values"),
    (benjamini_hochberg, ([0.1], -0.2), ValueError, "q"),
]


@pytest.mark.parametrize("func, args, error, name", BAD, ids=[f"{f.__name__}-{i}" for i, (f, *_) in enumerate(BAD)])
def test_bad_input_raises_naming_the_argument(func, args, error, name):
    with pytest.raises(error, match=name):
        func(*args)


@pytest.mark.parametrize("confidence", [0.0, 1.0, -0.5, np.nan])
def test_confidence_interval_rejects_a_bad_level(confidence):
    res = t_test_one_sample(A, 5.0)
    with pytest.raises(ValueError, match="confidence"):
        res.confidence_interval(confidence)


def test_inputs_are_not_modified():
    x, y = np.array([1.0, 3.0, 2.0, 5.0]), np.array([2.0, 2.5, 0.5, 1.0])
    table = np.array([[3.0, 4.0], [5.0, 1.0]])
    copies = [x.copy(), y.copy(), table.copy()]
    t_test_two_sample(x, y)
    t_test_paired(x, y)
    chi_square_independence(table)
    permutation_test(x, y, _diff, 50, rng=0)
    bootstrap_ci(x, np.mean, n_resamples=50, rng=0)
    benjamini_hochberg(y / 10)
    for a, b in zip([x, y, table], copies, strict=True):
        assert np.array_equal(a, b)


def test_docstring_examples_print_exactly_what_they_show():
    # the suite runs doctests with NUMBER, which accepts 0.5209 for 0.521; a reader running an example sees the
    # exact output, so every Examples section must match it digit for digit (no NUMBER)
    import doctest

    result = doctest.testmod(ht, optionflags=doctest.NORMALIZE_WHITESPACE, verbose=False, report=False)
    assert result.attempted > 20 and result.failed == 0


def test_all_splits_are_distinct_and_complete():
    idx = ht._all_splits(5, 2)
    assert idx.shape == (10, 5)
    assert len({tuple(sorted(r[:2])) for r in idx}) == 10
    assert all(sorted(r) == list(range(5)) for r in idx)
    assert {tuple(r[:2]) for r in idx} == set(itertools.combinations(range(5), 2))


# ---------------------------------------------------------------- Wilson's interval for a proportion


@pytest.mark.parametrize("confidence", [0.8, 0.95, 0.999])
@pytest.mark.parametrize(("k", "m"), [(0, 1), (1, 1), (0, 20), (3, 20), (20, 20), (48, 50), (139, 142), (1, 1000),
                                      (441, 450), (500, 1000), (999, 1000)])
def test_wilson_interval_matches_scipy(k, m, confidence):
    # Each end is a few roundings of numbers in [0, 1] (ours: a sum of positive terms, then a product over it), so
    # each is within about 16 u of the exact end; SciPy's centre minus half-width loses up to that absolutely too.
    ref = st.binomtest(k, m).proportion_ci(confidence_level=confidence, method="wilson")
    assert_allclose(wilson_interval(k, m, confidence), (ref.low, ref.high), rtol=0, atol=32 * U)


def test_wilson_interval_properties():
    # The ends solve the score test's boundary (k - m p)^2 = z^2 m p (1 - p), up to the rounding of its terms.
    z = st.norm.ppf(0.975)
    for k, m in [(3, 20), (48, 50), (139, 142), (1, 1000)]:
        for p in wilson_interval(k, m):
            lhs, rhs = (k - m * p) ** 2, z * z * m * p * (1 - p)
            assert abs(lhs - rhs) <= 64 * U * (k * k + z * z * m)
    # No cancellation at the edges: exactly 0 with no success, exactly 1 with no failure.
    assert wilson_interval(0, 20)[0] == 0.0 and wilson_interval(20, 20)[1] == 1.0
    # README: with no error in 20 trials the 95 % interval for the error rate is [0, 0.161]
    assert round(wilson_interval(0, 20)[1], 3) == 0.161
    # Symmetry k <-> m - k, and a wider interval at a higher confidence.
    for k, m in [(3, 20), (48, 50), (1, 1000)]:
        low, high = wilson_interval(k, m)
        low_r, high_r = wilson_interval(m - k, m)
        assert abs(low - (1 - high_r)) <= 8 * U and abs(high - (1 - low_r)) <= 8 * U
        wide = wilson_interval(k, m, 0.99)
        assert wide[0] < low <= k / m <= high < wide[1]
    # The example quoted by the logistic regression project: 139 of 142 test tumours.
    assert [round(v, 3) for v in wilson_interval(139, 142)] == [0.940, 0.993]


@pytest.mark.parametrize(
    ("args", "error", "match"),
    [
        ((3, 0), ValueError, "trials must be >= 1"),
        ((5, 4), ValueError, "successes must be <= trials = 4, got 5"),
        ((-1, 4), ValueError, "successes must be >= 0"),
        ((1.5, 4), TypeError, "successes must be an integer"),
        ((1, 4.0), TypeError, "trials must be an integer"),
        ((1, 4, 1.0), ValueError, r"confidence must be in \(0, 1\)"),
        ((1, 4, np.nan), ValueError, "confidence"),
    ],
)
def test_wilson_interval_bad_input(args, error, match):
    with pytest.raises(error, match=match):
        wilson_interval(*args)
