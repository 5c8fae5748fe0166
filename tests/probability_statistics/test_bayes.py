"""Tests of the conjugate updates, credible intervals and Gaussian naive Bayes against SciPy and scikit-learn.

u = 2^-53 is the unit roundoff. Conjugate posteriors are checked against a grid posterior (prior times likelihood,
normalised numerically), which is independent of the closed forms.
"""

import math
import warnings

import numpy as np
import pytest
import scipy.stats as st
from hypothesis import given
from hypothesis import strategies as st_h
from numpy.testing import assert_allclose
from scipy.integrate import trapezoid
from sklearn.datasets import load_iris, load_wine
from sklearn.naive_bayes import GaussianNB

from probability_statistics.python_implementations import bayes
from probability_statistics.python_implementations.bayes import (
    GaussianNaiveBayes,
    beta_binomial_predictive,
    beta_binomial_update,
    beta_credible_interval,
    gamma_poisson_update,
    normal_known_variance_update,
)
from probability_statistics.python_implementations.probability import bayes_posterior

U = 2.0**-53


# --------------------------------------------------------------------------------------------------------------
# Conjugate updates: closed form = grid posterior


def _assert_proportional(log_prior, log_lik, log_post):
    """Bayes' rule pointwise: log prior + log likelihood - log posterior is the same constant (log evidence)
    everywhere on the grid. Each log term is computed by scipy with an absolute error of ~ u times its size."""
    diff = log_prior + log_lik - log_post
    scale = np.abs(log_prior) + np.abs(log_lik) + np.abs(log_post) + 1.0
    assert np.all(np.abs(diff - np.median(diff)) <= 64 * U * (scale + np.abs(np.median(diff))))


@pytest.mark.parametrize(("a", "b", "k", "n"), [(1, 1, 7, 10), (2.5, 0.7, 0, 5), (0.5, 0.5, 30, 30), (3, 4, 120, 400)])
def test_beta_binomial_posterior_is_prior_times_likelihood(a, b, k, n):
    a_n, b_n = beta_binomial_update(a, b, successes=k, trials=n)
    assert (a_n, b_n) == (a + k, b + n - k)
    p = np.linspace(1e-6, 1 - 1e-6, 2_001)
    _assert_proportional(st.beta.logpdf(p, a, b), st.binom.logpmf(k, n, p), st.beta.logpdf(p, a_n, b_n))


def test_gamma_poisson_posterior_is_prior_times_likelihood():
    counts = np.array([3, 5, 4, 0, 7])
    shape, rate = gamma_poisson_update(2.0, 1.0, counts)
    assert (shape, rate) == (21.0, 6.0)
    lam = np.linspace(1e-3, 15, 2_001)
    log_lik = np.sum(st.poisson.logpmf(counts[:, None], lam[None, :]), axis=0)
    _assert_proportional(st.gamma.logpdf(lam, 2.0, scale=1.0), log_lik, st.gamma.logpdf(lam, shape, scale=1 / rate))


@pytest.mark.parametrize(("mu0", "tau0", "sigma", "n"), [(0.0, 1.0, 1.0, 4), (10.0, 0.1, 3.0, 50), (-2.0, 5.0, 0.5, 1)])
def test_normal_known_variance_posterior_is_prior_times_likelihood(mu0, tau0, sigma, n):
    x = np.random.default_rng(n).normal(1.0, sigma, n)
    mu_n, tau_n = normal_known_variance_update(mu0, tau0, x, sigma)
    # precisions add; the mean is the precision-weighted average (independent formula)
    assert_allclose(1 / tau_n**2, 1 / tau0**2 + n / sigma**2, rtol=8 * U)
    assert_allclose(mu_n, (mu0 / tau0**2 + x.sum() / sigma**2) * tau_n**2, rtol=64 * U, atol=64 * U * abs(mu0))
    grid = np.linspace(mu_n - 10 * tau_n, mu_n + 10 * tau_n, 2_001)
    log_lik = np.sum(st.norm.logpdf(x[:, None], grid[None, :], sigma), axis=0)
    _assert_proportional(st.norm.logpdf(grid, mu0, tau0), log_lik, st.norm.logpdf(grid, mu_n, tau_n))
    # and the normalised grid posterior integrates like the closed form (trapezoid rule, smooth integrand)
    w = np.exp(st.norm.logpdf(grid, mu0, tau0) + log_lik - np.max(st.norm.logpdf(grid, mu0, tau0) + log_lik))
    w /= trapezoid(w, grid)
    assert_allclose(trapezoid(grid * w, grid), mu_n, rtol=1e-9, atol=1e-9 * tau_n)


def test_normal_posterior_worked_example_and_limits():
    mu_n, tau_n = normal_known_variance_update(0.0, 1.0, [1.2, 0.8, 1.0, 1.4], sigma=1.0)
    assert_allclose((mu_n, tau_n), (0.88, math.sqrt(0.2)), rtol=8 * U)
    # a vague prior gives the sample mean; a confident prior stays put
    assert_allclose(normal_known_variance_update(5.0, 1e8, [1.0, 3.0], 1.0)[0], 2.0, rtol=1e-12)
    assert_allclose(normal_known_variance_update(5.0, 1e-8, [1.0, 3.0], 1.0)[0], 5.0, rtol=1e-12)


def test_normal_update_with_extreme_scales_does_not_overflow():
    # tau0**2 raised OverflowError for tau0 = 1e200 although the answer is ordinary: a vague prior gives the
    # sample mean and sigma / sqrt(n); a sharp prior (or worthless data, sigma = 1e200) keeps the prior.
    mu_n, tau_n = normal_known_variance_update(5.0, 1e200, [1.0, 3.0], 1.0)
    assert mu_n == 2.0
    assert_allclose(tau_n, 1 / math.sqrt(2), rtol=4 * U)
    mu_n, tau_n = normal_known_variance_update(5.0, 1e-200, [1.0, 3.0], 1.0)
    assert mu_n == 5.0
    assert_allclose(tau_n, 1e-200, rtol=4 * U)
    mu_n, tau_n = normal_known_variance_update(5.0, 1.0, [1.0, 3.0], 1e200)
    assert mu_n == 5.0
    assert_allclose(tau_n, 1.0, rtol=4 * U)


def test_normal_update_overshoots_the_sample_mean_by_at_most_a_rounding_error():
    # mu0 + w (xbar - mu0) with w = 1: the difference 1 - 1e16 is rounded (doubles near 1e16 are 2 apart), so the
    # result may miss xbar = 1 by u max(|mu0|, |xbar|) ~ 1.1, never by more (README: "cannot overshoot by more than
    # a rounding error"; the claim "whatever the rounding" was false).
    mu_n, _ = normal_known_variance_update(1e16, 1e300, [1.0], 1.0)
    assert abs(mu_n - 1.0) <= 2 * U * 1e16


# --------------------------------------------------------------------------------------------------------------
# Posterior predictive and credible intervals


@pytest.mark.parametrize(("a", "b", "m"), [(8.0, 4.0, 1), (8.0, 4.0, 10), (0.5, 0.5, 3), (200.0, 3.0, 1000)])
def test_beta_binomial_predictive_matches_scipy_betabinom(a, b, m):
    pmf = beta_binomial_predictive(a, b, m)
    ref = st.betabinom.pmf(np.arange(m + 1), m, a, b)
    assert_allclose(pmf.sum(), 1.0, rtol=4 * m * U + 8 * U)
    # log-space terms: a sum of 9 lgamma values of size up to ~ m log m, each with relative error ~ u
    big = max(1.0, (a + b + m) * math.log(a + b + m + 1))
    assert_allclose(pmf[ref > 1e-300], ref[ref > 1e-300], rtol=64 * big * U)
    assert_allclose(pmf @ np.arange(m + 1), m * a / (a + b), rtol=1e-10)  # mean of the predictive


@pytest.mark.parametrize(("a", "b", "level"), [(8.0, 4.0, 0.95), (1.0, 1.0, 0.9), (0.5, 0.5, 0.99), (2.0, 5000.0, 0.95),
                                                (300.0, 1.5, 0.5), (0.05, 3.0, 0.999)])
def test_beta_credible_interval_matches_scipy_quantiles(a, b, level):
    lo, hi = beta_credible_interval(a, b, level)
    ref_lo, ref_hi = st.beta.ppf([(1 - level) / 2], a, b)[0], st.beta.isf((1 - level) / 2, a, b)
    # the bisection returns the double where I_x(a, b) crosses the tail probability q; an error of c u in I_x
    # moves x by c u I / (x pdf(x)) relative, and I / (x pdf) <= max(1, 1/a) in the lower tail
    assert_allclose(lo, ref_lo, rtol=1e-12 * max(1.0, 1 / a))
    assert_allclose(1 - hi, st.beta.ppf((1 - level) / 2, b, a), rtol=1e-12 * max(1.0, 1 / b))
    assert_allclose(hi, ref_hi, rtol=1e-12)
    inside = st.beta.cdf(hi, a, b) - st.beta.cdf(lo, a, b)
    assert_allclose(inside, level, rtol=1e-10)


def test_credible_interval_deep_tail_keeps_relative_accuracy():
    # Beta(1, b): I_x = 1 - (1 - x)^b, so the q quantile is 1 - (1 - q)^(1/b) = -expm1(log1p(-q) / b) ~ q / b.
    # The bisection on the doubles keeps full relative precision down to q = 1e-200.
    for q in (1e-200, 1e-20, 0.025):
        assert_allclose(bayes._beta_lower_quantile(q, 1.0, 200.0), -math.expm1(math.log1p(-q) / 200), rtol=1e-13)
    # the upper end is 1 minus the lower tail quantile of Beta(b, a): exact up to the final rounding near 1
    _, hi = beta_credible_interval(200.0, 1.0, level=1 - 2e-12)
    assert abs((1 - hi) - (-math.expm1(math.log1p(-1e-12) / 200))) <= U


@pytest.mark.parametrize(("a", "b"), [(0.05, 5.0), (2.0, 3.0), (0.5, 50.0)])
def test_upper_end_comes_from_the_small_tail_by_symmetry(a, b):
    # Tail q = 2^-53: solving I_x(a, b) = 1 - q directly compares with a cdf that is 1 - (small side) rounded to
    # a spacing of u, and misses 1 - x by 1 % to 14 %. Through I_x(a, b) = 1 - I_{1-x}(b, a) the upper end is one
    # minus a small quantile with full relative accuracy (README, "Credible interval").
    _, hi = beta_credible_interval(a, b, level=1 - 2.0**-52)
    ref = st.beta.isf(2.0**-53, a, b)
    assert_allclose(1 - hi, 1 - ref, rtol=1e-12)


def test_credible_interval_issues_no_spurious_warning():
    # Tail quantiles below 1e-16 make the incomplete beta evaluate log1p(-1) in a discarded branch; the interval
    # must not surface that divide-by-zero warning to the user.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        lo, _ = beta_credible_interval(0.05, 3.0, 0.999)
    assert_allclose(lo, st.beta.ppf(0.0005, 0.05, 3.0), rtol=1e-11)


def test_credible_interval_worked_example():
    lo, hi = beta_credible_interval(8.0, 4.0)
    assert (round(lo, 4), round(hi, 4)) == (0.3903, 0.8907)


# --------------------------------------------------------------------------------------------------------------
# Bayes' rule worked examples of the chapter (the medical test)


def test_medical_test_worked_example():
    prior, sens, fpr = 0.01, 0.95, 0.05
    post = bayes_posterior([prior, 1 - prior], [sens, fpr])
    assert round(post[0], 3) == 0.161
    # odds form: prior odds 1:99 times likelihood ratio 19
    odds = prior / (1 - prior) * sens / fpr
    assert_allclose(odds / (1 + odds), post[0], rtol=8 * U)
    post2 = bayes_posterior(post, [sens, fpr])  # a second, independent positive test
    assert round(post2[0], 3) == 0.785
    neg = bayes_posterior([prior, 1 - prior], [1 - sens, 1 - fpr])
    assert round(neg[0], 5) == 0.00053


def test_readme_worked_examples_coin_counts_and_exercise_1():
    a, b = beta_binomial_update(2, 2, successes=7, trials=10)
    assert (a, b) == (9.0, 5.0)
    assert [round(v, 4) for v in beta_credible_interval(a, b)] == [0.3857, 0.8614]
    assert round(beta_binomial_predictive(a, b, 1)[1], 4) == 0.6429
    shape, rate = gamma_poisson_update(2.0, 1.0, [3, 5, 4, 0, 7])
    assert shape / rate == 3.5
    # exercise 1: prevalence 0.1 %, sensitivity 99 %, specificity 98 %
    post = [0.001, 0.999]
    rounded = []
    for _ in range(3):
        post = bayes_posterior(post, [0.99, 0.02])
        rounded.append(round(post[0], 3))
    assert rounded == [0.047, 0.71, 0.992]
    # exercise 4 and the var_smoothing pitfall
    X, y = load_iris(return_X_y=True)
    model = GaussianNaiveBayes().fit(X, y)
    assert np.mean(model.predict(X) == y) == 0.96
    Xw, yw = load_wine(return_X_y=True)
    wine = GaussianNaiveBayes().fit(Xw, yw)
    assert round(wine.epsilon_ * 1e4, 2) == 0.99
    assert round(wine.epsilon_ / Xw.var(axis=0).min(), 3) == 0.006
    # the least variable feature of the pitfall is nonflavanoid phenols (variance 0.0154), not hue (0.052)
    names = load_wine().feature_names
    assert names[int(np.argmin(Xw.var(axis=0)))] == "nonflavanoid_phenols"
    assert round(float(Xw.var(axis=0).min()), 4) == 0.0154


def test_map_and_mle_worked_example():
    a_n, b_n = beta_binomial_update(2, 2, successes=7, trials=10)
    assert (a_n - 1) / (a_n + b_n - 2) == pytest.approx(8 / 12)  # MAP (mode) with the Beta(2, 2) prior
    assert a_n / (a_n + b_n) == pytest.approx(9 / 14)  # posterior mean
    p = np.linspace(0.001, 0.999, 9_981)
    log_post = st.beta.logpdf(p, 2, 2) + st.binom.logpmf(7, 10, p)
    assert abs(p[np.argmax(log_post)] - 2 / 3) < 1e-4  # the grid maximum is the MAP, not the MLE 0.7


# --------------------------------------------------------------------------------------------------------------
# Gaussian naive Bayes against scikit-learn


@pytest.mark.parametrize("loader", [load_wine, load_iris])
@pytest.mark.parametrize("var_smoothing", [1e-9, 1e-2])
def test_gaussian_naive_bayes_matches_sklearn(loader, var_smoothing):
    X, y = loader(return_X_y=True)
    rng = np.random.default_rng(0)
    train = rng.random(y.size) < 0.7
    ours = GaussianNaiveBayes(var_smoothing=var_smoothing).fit(X[train], y[train])
    ref = GaussianNB(var_smoothing=var_smoothing).fit(X[train], y[train])
    assert_allclose(ours.class_prior_, ref.class_prior_, rtol=4 * U)
    assert_allclose(ours.theta_, ref.theta_, rtol=1e-13)
    assert_allclose(ours.var_, ref.var_, rtol=1e-12)
    assert_allclose(ours.epsilon_, ref.epsilon_, rtol=1e-12)
    Xt = X[~train]
    assert np.array_equal(ours.predict(Xt), ref.predict(Xt))
    # log posteriors: sums of d terms of size |jll|; an absolute error of ~ 64 d u max|jll| in each
    log_ours, log_ref = ours.predict_log_proba(Xt), ref.predict_log_proba(Xt)
    jll_scale = np.max(np.abs(log_ref)) + 1
    assert_allclose(log_ours, log_ref, rtol=0, atol=64 * X.shape[1] * U * jll_scale)
    prob_ours, prob_ref = ours.predict_proba(Xt), ref.predict_proba(Xt)
    visible = prob_ref > 1e-300
    # p = exp(log p): relative error = absolute error of log p (bounded above) plus one rounding
    assert_allclose(prob_ours[visible], prob_ref[visible], rtol=64 * X.shape[1] * U * jll_scale + 4 * U)
    assert_allclose(prob_ours.sum(axis=1), 1.0, rtol=64 * X.shape[1] * U * jll_scale + 8 * U * ours.classes_.size)


def test_naive_bayes_string_labels_and_extreme_separation():
    X = np.array([[0.0], [0.1], [100.0], [100.1]])
    model = GaussianNaiveBayes().fit(X, ["cat", "cat", "dog", "dog"])
    assert model.predict([[0.05], [99.0]]).tolist() == ["cat", "dog"]
    # far from both classes the joint log-likelihoods are about -1e6: exp would underflow, logsumexp does not
    proba = model.predict_proba([[-500.0]])
    assert np.all(np.isfinite(proba)) and proba[0, 0] == 1.0
    ref = GaussianNB().fit(X, ["cat", "cat", "dog", "dog"]).predict_log_proba([[-500.0]])
    assert_allclose(model.predict_log_proba([[-500.0]]), ref, rtol=1e-12)


def test_naive_bayes_with_a_feature_constant_within_a_class_uses_the_smoothing():
    X = np.array([[1.0, 0.0], [1.0, 1.0], [2.0, 5.0], [3.0, 6.0]])  # feature 0 is constant in class 0
    y = np.array([0, 0, 1, 1])
    ours = GaussianNaiveBayes().fit(X, y)
    ref = GaussianNB().fit(X, y)
    assert_allclose(ours.var_, ref.var_, rtol=1e-12)
    assert np.array_equal(ours.predict(X), ref.predict(X))


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: beta_binomial_update(0.0, 1.0, 1, 2), "a must be > 0"),
        (lambda: beta_binomial_update(1.0, np.nan, 1, 2), "b must be finite"),
        (lambda: beta_binomial_update(1.0, 1.0, 3, 2), "successes must be <= trials"),
        (lambda: beta_binomial_update(1.0, 1.0, -1, 2), "successes must be >= 0"),
        (lambda: gamma_poisson_update(1.0, 1.0, [1, -2]), "counts must be non-negative integers"),
        (lambda: gamma_poisson_update(1.0, 1.0, [1.5]), "counts must be non-negative integers"),
        (lambda: gamma_poisson_update(1.0, 1.0, []), "counts must hold at least 1"),
        (lambda: gamma_poisson_update(-1.0, 1.0, [1]), "shape must be > 0"),
        (lambda: normal_known_variance_update(0.0, 0.0, [1.0], 1.0), "tau0 must be > 0"),
        (lambda: normal_known_variance_update(0.0, 1.0, [1.0], -1.0), "sigma must be > 0"),
        (lambda: normal_known_variance_update(np.inf, 1.0, [1.0], 1.0), "mu0 must be finite"),
        (lambda: normal_known_variance_update(0.0, 1.0, [np.nan], 1.0), "x must contain only finite"),
        (lambda: beta_binomial_predictive(1.0, 1.0, -1), "m must be >= 0"),
        (lambda: beta_credible_interval(1.0, 1.0, 1.0), "level must be strictly between 0 and 1"),
        (lambda: beta_credible_interval(1.0, 1.0, 1.5), r"level must be in \[0, 1\]"),
        (lambda: beta_credible_interval(1.0, -1.0), "b must be > 0"),
        (lambda: GaussianNaiveBayes(var_smoothing=-1.0), "var_smoothing must be >= 0"),
        (lambda: GaussianNaiveBayes().fit([[1.0], [np.nan]], [0, 1]), "X must contain only finite"),
        (lambda: GaussianNaiveBayes().fit([1.0, 2.0], [0, 1]), "X must be a non-empty 2-D array"),
        (lambda: GaussianNaiveBayes().fit([[1.0], [2.0]], [0, 1, 1]), r"y must have shape \(2,\)"),
        (lambda: GaussianNaiveBayes().fit([[1.0], [1.0]], [0, 1]), "zero variance"),
        (lambda: GaussianNaiveBayes().predict([[1.0]]), "not fitted yet"),
        (lambda: GaussianNaiveBayes().fit([[0.0], [1.0]], [0, 1]).predict_proba([[1.0, 2.0]]), "X must have 1 features"),
    ],
)
def test_bad_input_raises_value_error_naming_the_argument(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_non_integer_counts_are_type_errors():
    with pytest.raises(TypeError, match="trials must be an integer"):
        beta_binomial_update(1.0, 1.0, 1, 2.0)
    with pytest.raises(TypeError, match="mu0 must be a real number"):
        normal_known_variance_update("0", 1.0, [1.0], 1.0)


@given(st_h.integers(0, 50), st_h.integers(0, 50), st_h.floats(0.1, 20), st_h.floats(0.1, 20))
def test_sequential_updates_equal_one_batch_update(k1, k2, a, b):
    # Property: updating on two batches one after the other is updating on their union.
    n1, n2 = k1 + 3, k2 + 5
    step = beta_binomial_update(*beta_binomial_update(a, b, k1, n1), k2, n2)
    assert step == pytest.approx(beta_binomial_update(a, b, k1 + k2, n1 + n2), rel=4 * U)
