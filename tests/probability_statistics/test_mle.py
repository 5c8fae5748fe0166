"""Tests of the maximum likelihood estimators, Fisher information and standard errors against SciPy.

Tolerances: u = 2^-53 is the unit roundoff. A closed-form estimate is a mean (relative error <= log2(n) u
sum|x| / |sum x| by pairwise summation) or a two-pass standard deviation; a log-likelihood is a sum of n terms
each with a relative error of a few u, so its absolute error is at most about c n u sum_i |term_i|.
"""

import math
import warnings

import numpy as np
import pytest
import scipy.special as sp
import scipy.stats as st
from hypothesis import given
from hypothesis import strategies as st_h
from numpy.testing import assert_allclose
from scipy.differentiate import hessian

from probability_statistics.python_implementations import mle as mle_module
from probability_statistics.python_implementations.mle import (
    fisher_information,
    log_likelihood,
    mle_bernoulli,
    mle_exponential,
    mle_gamma,
    mle_normal,
    mle_poisson,
    solve_gamma_shape,
    standard_errors,
)

U = 2.0**-53


def _sample(distribution, theta, n, rng):
    if distribution == "bernoulli":
        return (rng.random(n) < theta[0]).astype(float)
    if distribution == "normal":
        return rng.normal(theta[0], theta[1], n)
    if distribution == "poisson":
        return rng.poisson(theta[0], n).astype(float)
    if distribution == "exponential":
        return rng.exponential(1.0 / theta[0], n)
    return rng.gamma(theta[0], 1.0 / theta[1], n)


def _scipy_logpdf(distribution, theta, x):
    """Per-sample log-density from scipy.stats; theta entries may be arrays (broadcast against x's last axis)."""
    if distribution == "bernoulli":
        return st.bernoulli.logpmf(x, theta[0])
    if distribution == "normal":
        return st.norm.logpdf(x, theta[0], theta[1])
    if distribution == "poisson":
        return st.poisson.logpmf(x, theta[0])
    if distribution == "exponential":
        return st.expon.logpdf(x, scale=1.0 / theta[0])
    return st.gamma.logpdf(x, theta[0], scale=1.0 / theta[1])


ESTIMATORS = {
    "bernoulli": lambda x: (mle_bernoulli(x),),
    "normal": mle_normal,
    "poisson": lambda x: (mle_poisson(x),),
    "exponential": lambda x: (mle_exponential(x),),
    "gamma": mle_gamma,
}
CASES = [
    ("bernoulli", (0.3,)), ("bernoulli", (0.02,)), ("normal", (5.0, 2.0)), ("normal", (1e6, 1e-3)),
    ("poisson", (4.0,)), ("poisson", (1000.0,)), ("exponential", (0.5,)), ("exponential", (1e3,)),
    ("gamma", (3.0, 2.0)), ("gamma", (0.2, 5.0)), ("gamma", (400.0, 0.1)),
]


# --------------------------------------------------------------------------------------------------------------
# Closed forms against SciPy and against the likelihood itself


@pytest.mark.parametrize("n", [1, 2, 7, 500])
def test_normal_mle_matches_scipy_fit_and_uses_the_biased_variance(n):
    x = np.random.default_rng(n).normal(3.0, 0.5, n)
    mu, sigma = mle_normal(x)
    loc, scale = st.norm.fit(x)  # scipy's normal MLE: mean and the ddof=0 standard deviation
    # a mean and a two-pass sd: a few log2(n) u relative (the data are within a factor 10 of their mean)
    assert_allclose(mu, loc, rtol=64 * U)
    assert_allclose(sigma, scale, rtol=64 * U, atol=64 * U * abs(loc))
    if n > 1:
        assert_allclose(sigma**2, np.var(x, ddof=1) * (n - 1) / n, rtol=64 * U)


def test_normal_mle_keeps_digits_on_data_with_a_large_mean():
    # NumAcc-style: 1e8 + (0.2, 0.1, 0.3, ...): the one-pass formula E[x^2] - E[x]^2 would lose every digit.
    x = 1e8 + np.tile([0.2, 0.1, 0.3], 333)
    _, sigma = mle_normal(x)
    assert_allclose(sigma, math.sqrt(2 / 300), rtol=1e-7)  # the data are rounded to 1.5e-8: 1e-7 relative


@pytest.mark.parametrize("scale", [1e-3, 1.0, 1e4])
def test_exponential_and_poisson_match_scipy(scale):
    rng = np.random.default_rng(7)
    x = rng.exponential(scale, 300)
    _, fitted_scale = st.expon.fit(x, floc=0)
    assert_allclose(mle_exponential(x), 1.0 / fitted_scale, rtol=64 * U)
    counts = rng.poisson(scale, 300).astype(float)
    assert mle_poisson(counts) == pytest.approx(float(np.mean(counts)), rel=64 * U)


@pytest.mark.parametrize(("distribution", "theta"), CASES)
def test_the_estimate_maximises_the_scipy_log_likelihood(distribution, theta):
    # Independent of the closed forms: moving any parameter by 1 % in either direction lowers the likelihood.
    rng = np.random.default_rng(11)
    x = _sample(distribution, theta, 200, rng)
    est = np.array(ESTIMATORS[distribution](x), dtype=float)
    best = np.sum(_scipy_logpdf(distribution, est, x))
    for j in range(est.size):
        for factor in (0.99, 1.01):
            moved = est.copy()
            moved[j] = est[j] * factor if est[j] != 0 else 0.01 * factor
            assert np.sum(_scipy_logpdf(distribution, moved, x)) < best


def test_bernoulli_mle_is_the_fraction_of_ones_and_the_worked_example():
    x = [1, 0, 1, 1, 0, 1, 1, 0, 1, 1]
    assert mle_bernoulli(x) == 0.7
    assert mle_bernoulli([0, 0, 0]) == 0.0 and mle_bernoulli([1]) == 1.0


# --------------------------------------------------------------------------------------------------------------
# Log-likelihood


@pytest.mark.parametrize(("distribution", "theta"), CASES)
def test_log_likelihood_matches_scipy(distribution, theta):
    rng = np.random.default_rng(3)
    x = _sample(distribution, theta, 100, rng)
    params = theta[0] if len(theta) == 1 else theta
    terms = _scipy_logpdf(distribution, theta, x)
    # sum of n terms with a few u relative error each, plus lgamma(x + 1) and log(sigma) of a few u
    assert_allclose(log_likelihood(distribution, params, x), np.sum(terms), rtol=0,
                    atol=16 * x.size * U * (np.sum(np.abs(terms)) + x.size * max(1.0, abs(np.log(theta[-1])))))


def test_log_likelihood_edge_cases():
    assert log_likelihood("bernoulli", 0.0, [0, 0]) == 0.0  # 0 log 0 = 0: certainty of the observed zeros
    assert log_likelihood("bernoulli", 0.0, [1, 0]) == -math.inf
    # log1p keeps the digits of log(1 - p) for tiny p: 1000 log(1 - 1e-12) = -1e-9 (1 - 5e-13)
    assert_allclose(log_likelihood("bernoulli", 1e-12, np.zeros(1000)), -1e-9, rtol=1e-12)
    assert log_likelihood("poisson", [2.0], [0.0]) == -2.0  # a one-element sequence is accepted for a scalar


# --------------------------------------------------------------------------------------------------------------
# Digamma and trigamma (private helpers)


K_GRID = np.concatenate([np.logspace(-3, 4, 300), [1.4616321449683622, 15.5, 16.0, 16.5]])


def test_digamma_and_trigamma_match_scipy():
    psi = mle_module._digamma(K_GRID)
    # psi = log k - g(k): absolute error ~ u (|log k| + g(k)) times the shift's error factor (see the next test)
    g_ref = np.log(K_GRID) - sp.digamma(K_GRID)
    assert np.all(np.abs(psi - sp.digamma(K_GRID)) <= 300 * U * (np.abs(np.log(K_GRID)) + np.abs(g_ref)))
    # trigamma is a sum of positive terms: relative error of a few u, and scipy's likewise
    assert_allclose(mle_module._trigamma(K_GRID), sp.polygamma(1, K_GRID), rtol=16 * U)


def test_log_minus_digamma_has_no_cancellation():
    k = K_GRID[K_GRID < 8]  # below 8, log k - psi(k) from scipy cancels by at most a factor (|log k| + |psi|) / g < 4
    g_ref = np.log(k) - sp.digamma(k)
    # bound of the recurrence (module docstring): (m + 2) u times sum/g <= 14, m <= 16, c = 300 u; scipy's part 4 u * 4
    assert_allclose(mle_module._log_minus_digamma(k), g_ref, rtol=316 * U)
    # large k: the recurrence identity g(k) - g(k + 1) = 1/k - log1p(1/k), where scipy's difference would cancel
    big = np.logspace(1.3, 6, 50)
    lhs = mle_module._log_minus_digamma(big) - mle_module._log_minus_digamma(big + 1)
    rhs = 1 / big - np.log1p(1 / big)  # ~ 1/(2k^2), cancels by ~ 2k: absolute error ~ u / k
    assert np.all(np.abs(lhs - rhs) <= 8 * U * mle_module._log_minus_digamma(big) + 4 * U / big)
    # the bracket 1/(2k) < g(k) < 1/k that Newton's starting point relies on
    g = mle_module._log_minus_digamma(K_GRID)
    assert np.all((0.5 / K_GRID < g) & (g < 1 / K_GRID))
    # and t(k) = psi_1(k) - 1/k satisfies t(k) - t(k + 1) = 1 / (k^2 (k + 1)), all terms positive
    t_diff = mle_module._trigamma_minus_reciprocal(big) - mle_module._trigamma_minus_reciprocal(big + 1)
    assert_allclose(t_diff, 1 / (big**2 * (big + 1)), rtol=0,
                    atol=8 * U * float(np.max(mle_module._trigamma_minus_reciprocal(big))))


# --------------------------------------------------------------------------------------------------------------
# Gamma: Newton's method


@pytest.mark.parametrize("shape", [0.05, 0.5, 1.0, 3.0, 50.0, 1e4])
@pytest.mark.parametrize("n", [2, 200])
def test_gamma_mle_matches_scipy_fit(shape, n):
    x = np.random.default_rng(int(shape * 100) + n).gamma(shape, 2.0, n)
    k, rate = mle_gamma(x)
    a, _, scale = st.gamma.fit(x, floc=0)
    # scipy: brentq with xtol = 2e-12 (absolute) and rtol = 4 u, on s = log(xbar) - mean(log x) and log a - psi(a),
    # which both cancel: absolute errors of ~ u (|log xbar| + mean|log x|) and ~ u log a in a quantity s ~ 1/(2k).
    # The root moves by the relative error of s (k is well conditioned relative to s: d log k / d log s ~ -1).
    s = math.log(np.mean(x)) - np.mean(np.log(x))
    rel = 2e-12 / a + 8 * U + 16 * U * (abs(math.log(np.mean(x))) + np.mean(np.abs(np.log(x))) + math.log(a + 1)) / s
    assert_allclose(k, a, rtol=rel)
    assert_allclose(rate, 1.0 / scale, rtol=rel)


@pytest.mark.parametrize("s", [1e-9, 1e-4, 0.01, 0.5, 2.0, 50.0, 1e4])
def test_newton_path_starts_at_the_bracket_and_increases_monotonically(s):
    res = solve_gamma_shape(s)
    path = res.path[:, 0]
    assert res.converged
    assert path[0] == 0.5 / s
    assert np.all(np.diff(path) > 0)  # from the left of the root, each step moves right
    k = path[-1]
    assert 0.5 / s < k < 1 / s  # 1/(2k) < g(k) < 1/k
    # the equation holds to the tolerance the docstring states (relative to s)
    assert abs(1 - mle_module._log_minus_digamma(k) / s) <= 1e-13
    # and agrees with scipy's root of log k - psi(k) = s where that difference does not cancel (k < 8)
    if k < 8:
        g_scipy = math.log(k) - sp.digamma(k)
        assert_allclose(g_scipy, s, rtol=400 * U)


def test_newton_converges_quadratically():
    res = solve_gamma_shape(0.05)
    k_star = res.x[0]
    err = np.abs(res.path[:-1, 0] - k_star) / k_star
    err = err[err > 1e-12]
    # e_{j+1} <= C e_j^2 with a modest constant once close
    assert np.all(err[1:] <= 5.0 * err[:-1] ** 2)
    assert res.n_iter <= 6


def test_gamma_non_convergence_is_reported():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = solve_gamma_shape(0.5, max_iter=1)
    assert not res.converged
    assert any("did not converge" in str(w.message) for w in caught)


# --------------------------------------------------------------------------------------------------------------
# Fisher information and standard errors


def test_fisher_information_analytic_formulas():
    assert_allclose(fisher_information("bernoulli", 0.7, n=10), [[10 / 0.21]], rtol=4 * U)
    assert_allclose(fisher_information("normal", (5.0, 2.0), n=8), [[2.0, 0.0], [0.0, 4.0]], rtol=4 * U)
    assert_allclose(fisher_information("poisson", 4.0, n=3), [[0.75]], rtol=4 * U)
    assert_allclose(fisher_information("exponential", 0.5, n=3), [[12.0]], rtol=4 * U)
    info = fisher_information("gamma", (3.0, 2.0), n=5)
    assert_allclose(info, 5 * np.array([[sp.polygamma(1, 3.0), -0.5], [-0.5, 0.75]]), rtol=16 * U)
    assert fisher_information("poisson", 4.0).shape == (1, 1)  # n = 1 by default


@pytest.mark.parametrize(("distribution", "theta"), [c for c in CASES if c[1] not in ((1000.0,), (1e3,))])
def test_fisher_information_equals_the_observed_information_at_the_mle(distribution, theta):
    # -(Hessian of the log-likelihood) at the MLE, by scipy.differentiate on scipy.stats log-densities.
    x = _sample(distribution, theta, 60, np.random.default_rng(5))
    if distribution == "bernoulli" and x.sum() in (0, x.size):
        x[0] = 1 - x[0]
    est = np.array(ESTIMATORS[distribution](x), dtype=float)

    def ll_relative(v):  # the log-likelihood at theta = est * v: steps relative to each parameter stay in the domain
        return np.sum(_scipy_logpdf(distribution, [e * vi[..., None] for e, vi in zip(est, v, strict=True)], x), axis=-1)

    res = hessian(ll_relative, np.ones(est.size), initial_step=0.1)
    scale = np.outer(est, est)  # d^2 / dv_i dv_j = est_i est_j d^2 / dtheta_i dtheta_j
    info = fisher_information(distribution, est if est.size == 2 else est[0], n=x.size)
    # tolerance: scipy.differentiate's own error estimate, 10 times, plus 1e-7 relative
    assert_allclose(info * scale, -res.ddf, rtol=1e-7, atol=10 * np.max(res.error) + 1e-9 * np.max(np.abs(res.ddf)))


@pytest.mark.parametrize(("distribution", "theta"), CASES)
def test_standard_errors_are_the_root_diagonal_of_the_inverse_information(distribution, theta):
    x = _sample(distribution, theta, 80, np.random.default_rng(9))
    if distribution == "bernoulli" and x.sum() in (0, x.size):
        x[0] = 1 - x[0]
    est = ESTIMATORS[distribution](x)
    info = fisher_information(distribution, est if len(est) == 2 else est[0], n=x.size)
    expected = np.sqrt(np.diag(np.linalg.inv(info)))
    # gamma: numpy's inverse cancels in k psi_1(k) - 1 (a factor ~2k), the module's formula does not
    cond = 2 * est[0] if distribution == "gamma" else 1.0
    assert_allclose(standard_errors(distribution, x), expected, rtol=64 * U * cond)


def test_standard_errors_worked_examples():
    assert_allclose(standard_errors("normal", [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]), [2 / math.sqrt(8), 0.5],
                    rtol=4 * U)
    assert_allclose(standard_errors("bernoulli", [1, 0, 1, 1, 0, 1, 1, 0, 1, 1]), [math.sqrt(0.021)], rtol=4 * U)
    assert standard_errors("bernoulli", [0, 0, 0])[0] == 0.0  # the degenerate Wald interval of the pitfalls


COVERAGE_CASES = [("bernoulli", (0.3,), 0), ("normal", (5.0, 2.0), 0), ("normal", (5.0, 2.0), 1),
                  ("poisson", (4.0,), 0), ("exponential", (0.5,), 0), ("gamma", (3.0, 2.0), 0)]


@pytest.mark.parametrize(("distribution", "theta", "j"), COVERAGE_CASES)
def test_wald_intervals_cover_at_the_nominal_rate_and_z_scores_are_standard_normal(distribution, theta, j):
    # n = 200 per sample, 400 replications. Asymptotic normality: the coverage count of the 95 % Wald interval is
    # Binomial(reps, ~0.95); it stays within 4 binomial standard errors (4 sqrt(0.95 * 0.05 / 400) = 0.044) of 0.95,
    # plus 0.01 for the O(1/n) error of the normal approximation at n = 200. A false alarm has probability < 1e-4.
    rng = np.random.default_rng(2024)
    # the gamma case solves two Newton problems per replication: 200 replications keep it fast (bound 0.062 + 0.01)
    reps, n, z = (200 if distribution == "gamma" else 400), 200, st.norm.ppf(0.975)
    scores = np.empty(reps)
    for r in range(reps):
        x = _sample(distribution, theta, n, rng)
        est = ESTIMATORS[distribution](x)
        se = standard_errors(distribution, x)
        scores[r] = (est[j] - theta[j]) / se[j]
    coverage = np.mean(np.abs(scores) <= z)
    assert abs(coverage - 0.95) <= 4 * math.sqrt(0.95 * 0.05 / reps) + 0.01
    # mean of reps standard-normal scores: sd 1/sqrt(reps) <= 0.071, allow 4 sd plus the O(1/sqrt(n)) bias 0.1
    assert abs(np.mean(scores)) <= 4 / math.sqrt(reps) + 0.1
    # variance: the sd of a sample variance of reps N(0, 1) values is sqrt(2 / reps) <= 0.1; 4 sd plus 0.1 bias
    assert abs(np.var(scores) - 1) <= 4 * math.sqrt(2 / reps) + 0.1


# --------------------------------------------------------------------------------------------------------------
# The worked examples of the chapter


def test_readme_worked_examples():
    x = [1, 0, 1, 1, 0, 1, 1, 0, 1, 1]
    se = standard_errors("bernoulli", x)[0]
    assert round(log_likelihood("bernoulli", 0.7, x), 4) == -6.1086
    assert round(fisher_information("bernoulli", 0.7, n=10)[0, 0], 2) == 47.62
    assert [round(0.7 - 1.959964 * se, 3), round(0.7 + 1.959964 * se, 3)] == [0.416, 0.984]
    xn = [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]
    assert round(log_likelihood("normal", (5.0, 2.0), xn), 4) == -16.8967
    assert round(float(np.std(xn, ddof=1)), 3) == 2.138
    # gamma by Newton: bracket, iterates, relative errors, estimates and standard errors
    s = math.log(2.5) - math.log(24) / 4
    assert round(s, 6) == 0.121777 and (round(0.5 / s, 4), round(1 / s, 4)) == (4.1059, 8.2117)
    res = solve_gamma_shape(s)
    assert np.round(res.path[:, 0], 6).tolist() == [4.105856, 4.25925, 4.265419, 4.265428, 4.265428]
    rel = np.abs(res.path[:4, 0] / res.x[0] - 1)
    assert [float(f"{e:.1e}") for e in rel] == [3.7e-2, 1.4e-3, 2.2e-6, 4.9e-12]
    shape, rate = mle_gamma([1.0, 2.0, 3.0, 4.0])
    assert (round(shape, 6), round(rate, 6)) == (4.265428, 1.706171)
    assert np.round(standard_errors("gamma", [1.0, 2.0, 3.0, 4.0]), 3).tolist() == [2.906, 1.234]
    # exercise 1: 50 waiting times with mean 4 minutes
    assert round(0.25 / math.sqrt(50), 4) == 0.0354
    assert_allclose(standard_errors("exponential", np.full(50, 4.0))[0], 0.25 / math.sqrt(50), rtol=4 * U)


def test_readme_poisson_coverage_of_the_notebook():
    # README (asymptotic normality): the notebook's 1000 Poisson samples of size 200 (lambda = 4) give a Wald
    # coverage of 95.5 % (the text said 94.9 %, the notebook printed 0.955). The notebook's draws, in its order,
    # from default_rng(0): 2000 normal samples of size 5 (section 2), then the Poisson samples.
    rng = np.random.default_rng(0)
    rng.normal(0.0, 1.0, size=(2_000, 5))
    z = np.empty(1000)
    for r in range(z.size):
        counts = rng.poisson(4.0, 200)
        z[r] = (mle_poisson(counts) - 4.0) / standard_errors("poisson", counts)[0]
    coverage = float(np.mean(np.abs(z) <= 1.959964))
    assert round(coverage, 3) == 0.955
    assert abs(coverage - 0.95) <= math.sqrt(0.95 * 0.05 / 1000)  # within one binomial standard error


def test_real_data_gamma_fit_of_the_chapter():
    from sklearn.datasets import load_breast_cancer

    area = load_breast_cancer(as_frame=True).frame["mean area"].to_numpy()
    shape, _ = mle_gamma(area)
    assert round(shape, 3) == 4.282
    assert round(standard_errors("gamma", area)[0], 3) == 0.245


# --------------------------------------------------------------------------------------------------------------
# Bad input


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: mle_bernoulli([0, 1, 2]), "x must contain only 0 and 1"),
        (lambda: mle_bernoulli([]), "x must hold at least 1"),
        (lambda: mle_normal([1.0, np.nan]), "x must contain only finite"),
        (lambda: mle_normal([[1.0, 2.0]]), "x must be a 1-D array"),
        (lambda: mle_poisson([1, -1]), "x must contain non-negative integer"),
        (lambda: mle_poisson([1.5]), "x must contain non-negative integer"),
        (lambda: mle_exponential([1.0, -1.0]), "x must contain only values >= 0"),
        (lambda: mle_exponential([0.0, 0.0]), "x must not be all zeros"),
        (lambda: mle_gamma([1.0, 0.0]), r"x must contain only values > 0"),
        (lambda: mle_gamma([2.0, 2.0, 2.0]), "x must not be constant"),
        (lambda: mle_gamma([1.0, np.inf]), "x must contain only finite"),
        (lambda: solve_gamma_shape(0.0), "s must be > 0"),
        (lambda: solve_gamma_shape(-1.0), "s must be > 0"),
        (lambda: solve_gamma_shape(0.5, tol=-1.0), "tol must be >= 0"),
        (lambda: log_likelihood("cauchy", 1.0, [1.0]), "distribution must be one of"),
        (lambda: log_likelihood("bernoulli", 1.5, [1.0]), r"p must be in \[0, 1\]"),
        (lambda: log_likelihood("normal", (0.0, -1.0), [1.0]), "sigma must be > 0"),
        (lambda: log_likelihood("normal", 1.0, [1.0]), r"params must be a pair \(mu, sigma\)"),
        (lambda: log_likelihood("gamma", (1.0, 0.0), [1.0]), "rate must be > 0"),
        (lambda: log_likelihood("poisson", np.nan, [1.0]), "lam must be finite"),
        (lambda: log_likelihood("exponential", 1.0, [-1.0]), "x must contain only values >= 0"),
        (lambda: fisher_information("bernoulli", 0.0), "p must be strictly between 0 and 1"),
        (lambda: fisher_information("exponential", 1.0, n=0), "n must be >= 1"),
        (lambda: fisher_information("gamma", (-1.0, 1.0)), "shape must be > 0"),
        (lambda: fisher_information("t", 1.0), "distribution must be one of"),
        (lambda: standard_errors("normal", [3.0, 3.0]), "x must not be constant"),
        (lambda: standard_errors("poisson", []), "x must hold at least 1"),
        (lambda: standard_errors("binomial", [1.0]), "distribution must be one of"),
    ],
)
def test_bad_input_raises_value_error_naming_the_argument(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_non_integer_sample_size_is_a_type_error():
    with pytest.raises(TypeError, match="n must be an integer"):
        fisher_information("poisson", 1.0, n=2.5)


@given(st_h.lists(st_h.floats(allow_nan=True, allow_infinity=True), min_size=1, max_size=6))
def test_every_estimator_accepts_only_valid_samples(values):
    # Property: on arbitrary floats each estimator either returns finite numbers or raises ValueError.
    for estimator in (mle_bernoulli, mle_normal, mle_poisson, mle_exponential, mle_gamma):
        try:
            out = np.atleast_1d(estimator(values))
        except ValueError:
            continue
        assert np.all(np.isfinite(out))
