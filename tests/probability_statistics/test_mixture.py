"""Tests of the EM algorithm for Gaussian mixtures against SciPy, NumPy and scikit-learn's ``GaussianMixture``.

u = 2^-53 is the unit roundoff. The references are independent: log-densities from ``scipy.stats.multivariate_normal``
and ``scipy.special.logsumexp``, weighted moments from ``np.average`` and ``np.cov(aweights=...)``, and the whole
iteration from ``sklearn.mixture.GaussianMixture`` started from the same parameters. The numbers that
``projects/README.md`` and ``projects/gaussian_mixture_em.ipynb`` quote are recomputed at the end.
"""

import math
import warnings
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st_h
from numpy.testing import assert_allclose
from scipy.special import logsumexp as scipy_logsumexp
from scipy.stats import multivariate_normal
from sklearn.datasets import load_iris, load_wine
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import GaussianMixture
from threadpoolctl import threadpool_limits

from probability_statistics.python_implementations import mixture
from probability_statistics.python_implementations.mixture import (
    MixtureResult,
    e_step,
    em_gaussian_mixture,
    initial_parameters,
    m_step,
    mixture_log_likelihood,
)

U = 2.0**-53


def _reference_log_terms(X, weights, means, covs):
    """a_ik = log pi_k + log N(x_i | mu_k, Sigma_k) and log p(x_i) by SciPy: an independent route."""
    A = np.column_stack(
        [np.log(w) + multivariate_normal(m, C).logpdf(X) for w, m, C in zip(weights, means, covs, strict=True)]
    )  # (n, K)
    return A, scipy_logsumexp(A, axis=1)


def _random_mixture(rng, n=60, d=2, K=3):
    """Data from a random mixture, and a different random mixture to evaluate it under."""
    weights = rng.dirichlet(np.ones(K) * 3)
    means = rng.normal(scale=3.0, size=(K, d))
    covs = np.array([(B := rng.normal(size=(d, d))) @ B.T + 0.5 * np.eye(d) for _ in range(K)])
    X = rng.normal(size=(n, d)) * 2.0
    return X, weights, means, covs


def _sklearn_fit(X, start, tol, max_iter=500, reg_covar=1e-6):
    """scikit-learn's GaussianMixture started from the same parameters (precisions_init = inverse covariances)."""
    weights0, means0, covs0 = start
    gm = GaussianMixture(
        n_components=len(weights0), covariance_type="full", reg_covar=reg_covar, tol=tol, max_iter=max_iter,
        weights_init=weights0, means_init=means0, precisions_init=np.linalg.inv(covs0),
    )
    # One BLAS thread: the matrices are 4 x 4 or 13 x 13, and on a busy machine OpenBLAS's thread start-up costs
    # seconds; the arithmetic of such small triangular solves does not depend on the thread count.
    with warnings.catch_warnings(), threadpool_limits(limits=1, user_api="blas"):
        warnings.simplefilter("ignore", ConvergenceWarning)
        return gm.fit(X)


@pytest.fixture(scope="module")
def iris():
    data = load_iris(as_frame=True)
    X = data.data.to_numpy()
    rng = np.random.default_rng(0)  # as in the notebook
    starts = [initial_parameters(X, 3, rng) for _ in range(6)]
    fits = [em_gaussian_mixture(X, *start, tol=1e-8, max_iter=500) for start in starts]
    return SimpleNamespace(X=X, y=data.target.to_numpy(), starts=starts, fits=fits)


# --------------------------------------------------------------------------------------------------------------
# E-step and log-likelihood


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_e_step_matches_scipy_and_rows_sum_to_one(seed):
    X, weights, means, covs = _random_mixture(np.random.default_rng(seed))
    R, log_p = e_step(X, weights, means, covs)
    A, log_p_ref = _reference_log_terms(X, weights, means, covs)
    # Each a_ik is a sum of a few terms of size up to max|A|, each with relative error of a few u (Cholesky route vs
    # SciPy's eigendecomposition, both backward stable; kappa(Sigma_k) <= 100 here): absolute error <= c u max|A|,
    # c = 100 generous. lse is well conditioned in the absolute sense (its gradient sums to 1).
    scale = np.max(np.abs(A))
    assert_allclose(log_p, log_p_ref, rtol=0, atol=100 * U * scale)
    # r_ik = exp(a_ik - log p_i): absolute error <= r_ik * (error of the exponent) <= 200 u max|A|.
    assert_allclose(R, np.exp(A - log_p_ref[:, None]), rtol=0, atol=200 * U * scale)
    # Rows sum to 1: K terms, each with relative error <= 200 u max|A| -> K * 200 u max|A| in total.
    assert np.all(np.abs(R.sum(axis=1) - 1.0) <= 3 * 200 * U * scale)
    assert np.all(R >= 0)


def test_e_step_far_points_underflow_in_linear_space_but_not_in_log_space():
    # A point 40 standard deviations from every component: its densities exp(-800) are 0 in double precision,
    # the naive r = pi N / sum pi N would be 0 / 0; in log space the responsibilities are exact.
    X = np.array([[40.0, 0.0], [0.0, 40.0], [0.0, 0.0]])
    weights, means, covs = [0.5, 0.5], [[0.0, 0.0], [1.0, 1.0]], [np.eye(2), np.eye(2)]
    A, log_p_ref = _reference_log_terms(X, weights, means, covs)
    assert np.exp(A[0]).sum() == 0.0  # linear space underflows
    R, log_p = e_step(X, weights, means, covs)
    assert np.all(np.isfinite(R)) and np.all(np.isfinite(log_p))
    assert_allclose(log_p, log_p_ref, rtol=100 * U)  # |log p| ~ 800: relative error of a few u
    assert_allclose(R, np.exp(A - log_p_ref[:, None]), rtol=0, atol=1e-12)
    # Analytically, for the far point (40, 0): a_1 - a_2 = (|x - mu_2|^2 - |x - mu_1|^2) / 2 = (39^2 + 1 - 40^2) / 2.
    assert_allclose(np.log(R[0, 1] / R[0, 0]), (40.0**2 - 39.0**2 - 1.0) / 2, rtol=1e-12)


def test_mixture_log_likelihood_equals_scipy_sum_and_sklearn_score():
    X, weights, means, covs = _random_mixture(np.random.default_rng(3), n=80, d=3, K=2)
    ll = mixture_log_likelihood(X, weights, means, covs)
    _, log_p_ref = _reference_log_terms(X, weights, means, covs)
    # sum of n = 80 terms each with absolute error <= 100 u max|a|: 80 * 100 u * max|log p| + gamma_n * sum|log p|.
    assert math.isclose(ll, float(log_p_ref.sum()), rel_tol=0, abs_tol=2 * 80 * 100 * U * np.abs(log_p_ref).sum())
    # scikit-learn: score_samples of a GaussianMixture whose parameters are set by hand (no fitting).
    gm = GaussianMixture(n_components=2, covariance_type="full")
    gm.weights_, gm.means_, gm.covariances_ = np.asarray(weights), np.asarray(means), np.asarray(covs)
    gm.precisions_cholesky_ = np.array([np.linalg.cholesky(np.linalg.inv(C)) for C in covs])
    assert math.isclose(ll / 80, gm.score(X), rel_tol=1e-12)


# --------------------------------------------------------------------------------------------------------------
# M-step


@pytest.mark.parametrize("seed", [0, 1])
def test_m_step_is_the_weighted_mle(seed):
    rng = np.random.default_rng(seed)
    X, *_ = _random_mixture(rng, n=50, d=3)
    R = rng.dirichlet(np.ones(3), size=50)  # (50, 3) random soft responsibilities
    reg = 1e-6
    weights, means, covs = m_step(X, R, reg_covar=reg)
    N = R.sum(axis=0)
    # The formulas, by NumPy's weighted average and weighted covariance (divisor sum of weights: bias=True).
    # Differences: the 10 eps added to N_k (relative 10 eps / N_k) and rounding of sums of n = 50 terms (gamma_n).
    assert_allclose(weights, N / 50, rtol=1e-13)
    for k in range(3):
        assert_allclose(means[k], np.average(X, axis=0, weights=R[:, k]), rtol=0, atol=100 * 50 * U * np.abs(X).max())
        S_k = np.cov(X.T, aweights=R[:, k], bias=True)
        assert_allclose(covs[k], S_k + reg * np.eye(3), rtol=0, atol=100 * 50 * U * np.abs(X).max() ** 2)


def test_m_step_hard_assignments_give_group_means_and_biased_covariances():
    # The docstring example, and the general rule: one-hot R gives each group's sample mean and covariance (ddof=0).
    X = np.array([[0.0], [2.0], [10.0], [12.0]])
    R = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.0, 1.0]])
    weights, means, covs = m_step(X, R, reg_covar=0.0)
    assert_allclose(weights, [0.5, 0.5], rtol=1e-15)
    assert_allclose(means.ravel(), [1.0, 11.0], rtol=1e-14)
    assert_allclose(covs.ravel(), [np.var([0.0, 2.0]), np.var([10.0, 12.0])], rtol=1e-14)


def test_m_step_maximises_the_expected_complete_data_log_likelihood():
    # The derivation: with reg_covar = 0 the M-step maximises Q(theta) = sum_ik r_ik [log pi_k + log N_ik] for fixed
    # r. Any perturbation of its output (weights kept on the simplex, covariances positive definite) must not raise Q.
    rng = np.random.default_rng(4)
    X, weights0, means0, covs0 = _random_mixture(rng, n=70, d=2, K=2)
    R, _ = e_step(X, weights0, means0, covs0)
    theta = m_step(X, R, reg_covar=0.0)

    def Q(weights, means, covs):
        A, _ = _reference_log_terms(X, weights, means, covs)
        return float(np.sum(R * A))

    q_star = Q(*theta)
    for _ in range(20):
        weights = theta[0] * np.exp(rng.normal(scale=0.05, size=2))
        E = rng.normal(scale=0.05, size=(2, 2, 2))
        covs = np.array([C + e @ e.T + 0.01 * (e + e.T) for C, e in zip(theta[2], E, strict=True)])
        perturbed = (weights / weights.sum(), theta[1] + rng.normal(scale=0.05, size=(2, 2)), covs)
        # Q is computed with error ~ n u max|a| (~1e-12 here); the perturbations lower it by far more.
        assert Q(*perturbed) <= q_star + 1e-10


# --------------------------------------------------------------------------------------------------------------
# The EM loop against scikit-learn


@pytest.mark.parametrize(("start", "tol"), [(5, 1e-8), (3, 1e-8), (1, 1e-3)])
def test_em_reaches_sklearn_log_likelihood_from_the_same_start(iris, start, tol):
    X = iris.X
    fit = iris.fits[start] if tol == 1e-8 else em_gaussian_mixture(X, *iris.starts[start], tol=tol, max_iter=500)
    gm = _sklearn_fit(X, iris.starts[start], tol)
    # Same order of E- and M-steps and the same stopping rule: the same iterations, the same path.
    assert gm.n_iter_ == fit.n_iter
    assert fit.converged and gm.converged_
    assert len(gm.lower_bounds_) == fit.n_iter == len(fit.log_likelihood_path) - 1
    # The requirement: scikit-learn's log-likelihood reached to 1e-6, at every iteration and at the end.
    assert_allclose(gm.lower_bounds_, fit.log_likelihood_path[:-1], rtol=0, atol=1e-6)
    assert abs(gm.score(X) - fit.log_likelihood_path[-1]) <= 1e-6
    # Parameters. Both programs evaluate the same EM map and stop at the same iteration, so they differ only by
    # rounding (summation orders; scikit-learn works with the Cholesky factor of the precision matrix), not by the
    # accuracy of the stopping rule. First-order model: each iteration adds a difference of about c u kappa max|x|^2
    # (kappa the largest condition number of a covariance, c = 100 generous), and near the maximum the map contracts
    # by the ratio r of successive changes of l / n, so the differences stay below c u kappa max|x|^2 / (1 - r):
    # 7e-11 (start 6), 1e-9 (start 2, r = 0.86) and 1.4e-7 (start 4, kappa = 1.5e5); measured: 2e-13 or less.
    # The former tolerance sqrt(tol) (0.03 for tol = 1e-3) let a missing reg_covar (covariances off by 1e-6) pass.
    changes = np.diff(fit.log_likelihood_path)
    r = abs(changes[-1] / changes[-2])
    assert r < 0.9  # a contraction near the end of the run
    kappa = max(np.linalg.cond(C) for C in fit.covariances)
    atol = 100 * U * kappa * np.max(X**2) / (1 - r)
    assert atol < 1e-6
    assert_allclose(gm.weights_, fit.weights, rtol=0, atol=atol)
    assert_allclose(gm.means_, fit.means, rtol=0, atol=atol)
    assert_allclose(gm.covariances_, fit.covariances, rtol=0, atol=atol)
    R, _ = e_step(X, fit.weights, fit.means, fit.covariances)
    assert np.array_equal(gm.predict(X), R.argmax(axis=1))


def test_em_matches_sklearn_on_standardised_wine_data():
    # 13 features, 178 wines: a higher-dimensional check of the same equivalence.
    X = load_wine().data
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    start = initial_parameters(X, 3, rng=1)
    fit = em_gaussian_mixture(X, *start, tol=1e-3, max_iter=200, reg_covar=1e-4)
    gm = _sklearn_fit(X, start, 1e-3, max_iter=200, reg_covar=1e-4)
    assert gm.n_iter_ == fit.n_iter
    assert_allclose(gm.lower_bounds_, fit.log_likelihood_path[:-1], rtol=0, atol=1e-6)
    assert abs(gm.score(X) - fit.log_likelihood_path[-1]) <= 1e-6


def test_em_docstring_example_two_clusters():
    X = np.array([[0.0], [0.5], [1.0], [9.0], [9.5], [10.0]])
    fit = em_gaussian_mixture(X, [0.5, 0.5], [[1.0], [8.0]], [[[1.0]], [[1.0]]], tol=1e-10)
    assert isinstance(fit, MixtureResult) and fit.converged
    assert_allclose(fit.weights, [0.5, 0.5], atol=1e-6)
    assert_allclose(fit.means.ravel(), [0.5, 9.5], atol=1e-6)
    # Each cluster's MLE variance: np.var([0, 0.5, 1]) = 1/6, plus reg_covar.
    assert_allclose(fit.covariances.ravel(), [1 / 6 + 1e-6] * 2, atol=1e-6)


def test_em_max_iter_zero_returns_the_start():
    X, weights, means, covs = _random_mixture(np.random.default_rng(5))
    fit = em_gaussian_mixture(X, weights, means, covs, max_iter=0)
    assert fit.n_iter == 0 and not fit.converged
    assert fit.log_likelihood_path.shape == (1,) and fit.monotone_slack.shape == (0,)
    assert_allclose(fit.means, means, rtol=0, atol=0)
    assert math.isclose(fit.log_likelihood_path[0] * 60, mixture_log_likelihood(X, weights, means, covs), rel_tol=1e-14)


# --------------------------------------------------------------------------------------------------------------
# The monotone increase


def test_monotone_without_regularisation_up_to_rounding(iris):
    # reg_covar = 0: the theorem holds exactly, so only rounding can lower the computed l / n: each is off by at most
    # about n u S with S = mean |log p_i| >= |l / n|; c = 10 as in the module. 70 iterations without stopping: from
    # about iteration 45 on, the true increases are below the rounding, and the computed steps fluctuate in sign.
    fit = em_gaussian_mixture(iris.X, *iris.starts[0], tol=0.0, max_iter=70, reg_covar=0.0)
    path = fit.log_likelihood_path
    n = iris.X.shape[0]
    _, log_p = _reference_log_terms(iris.X, fit.weights, fit.means, fit.covariances)
    S = float(np.mean(np.abs(log_p)))
    assert np.all(np.diff(path) >= -10 * n * U * S)
    assert np.all(fit.monotone_slack < 1e-11)  # only the rounding part, c n u S ~ 1e-13 (no reg_covar allowance)


@pytest.mark.parametrize(("reg_covar", "warm_up", "max_iter"), [(1e-6, 118, 7), (1e-3, 28, 7)])
def test_regularisation_can_really_lower_the_likelihood_but_within_the_bound(iris, reg_covar, warm_up, max_iter):
    # The notebook's claim: with reg_covar > 0 the M-step is not the exact maximiser, and on the iris data (start 2)
    # the mean log-likelihood really decreases, by about 1e-11 with reg_covar = 1e-6 after about a hundred and twenty
    # iterations: far more than rounding, far less than the bound (1/n) sum_k N_k eta_k^2 / (4 (1 - eta_k)).
    # EM is a deterministic map, so a run of warm_up iterations continued for max_iter more is the same path.
    X, n = iris.X, iris.X.shape[0]
    warm = em_gaussian_mixture(X, *iris.starts[1], tol=0.0, max_iter=warm_up, reg_covar=reg_covar)
    theta_0 = (warm.weights, warm.means, warm.covariances)
    fit = em_gaussian_mixture(X, *theta_0, tol=0.0, max_iter=max_iter, reg_covar=reg_covar)
    assert fit.log_likelihood_path[0] == warm.log_likelihood_path[-1]
    steps = np.diff(fit.log_likelihood_path)
    rounding = 10 * n * U * 2 * abs(fit.log_likelihood_path[-1])
    assert steps.min() < -10 * rounding  # a real decrease, not rounding
    assert np.all(steps >= -fit.monotone_slack)
    if reg_covar == 1e-6:
        assert 1e-12 < -steps.min() < 1e-10  # "about 1e-11"
    # The bound recomputed independently at the worst step t: E-step by SciPy at theta^(t), M-step by np.cov.
    t = int(np.argmin(steps))
    theta_t = em_gaussian_mixture(X, *theta_0, tol=0.0, max_iter=t, reg_covar=reg_covar)
    A, log_p = _reference_log_terms(X, theta_t.weights, theta_t.means, theta_t.covariances)
    R = np.exp(A - log_p[:, None])
    bound = 0.0
    for k in range(3):
        Sigma = np.cov(X.T, aweights=R[:, k], bias=True) + reg_covar * np.eye(4)
        eta = reg_covar * np.linalg.norm(np.linalg.inv(Sigma), "fro")
        bound += R[:, k].sum() * eta**2 / (4 * (1 - eta))
    assert -steps[t] <= bound / n
    assert_allclose(fit.monotone_slack[t], bound / n, rtol=1e-3, atol=rounding)


def test_a_decrease_beyond_the_slack_raises(monkeypatch):
    # The check in the loop is live: an M-step that makes things worse (means pushed away) must be caught.
    X, weights, means, covs = _random_mixture(np.random.default_rng(6))
    real_m_step = mixture._m_step

    def bad_m_step(X, R, reg_covar):
        pi, mu, Sigma, N = real_m_step(X, R, reg_covar)
        return pi, mu + 5.0, Sigma, N

    monkeypatch.setattr(mixture, "_m_step", bad_m_step)
    with pytest.raises(RuntimeError, match="decreased the mean log-likelihood"):
        em_gaussian_mixture(X, weights, means, covs, tol=0.0, max_iter=10)


@settings(max_examples=10, deadline=None)
@given(seed=st_h.integers(0, 2**32 - 1), K=st_h.integers(1, 3), d=st_h.integers(1, 3))
def test_monotone_on_random_problems(seed, K, d):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(40, d)) + rng.integers(0, 4, size=(40, 1)) * 3.0  # (40, d) a few shifted groups
    start = initial_parameters(X, K, rng)
    fit = em_gaussian_mixture(X, *start, tol=0.0, max_iter=10)  # raises if the check fails
    assert np.all(np.diff(fit.log_likelihood_path) >= -fit.monotone_slack)
    assert_allclose(fit.weights.sum(), 1.0, rtol=10 * U)


# --------------------------------------------------------------------------------------------------------------
# Initial parameters, collapse and bad input


def test_initial_parameters_draws_distinct_rows_and_the_diagonal_variances():
    X = np.arange(20.0).reshape(10, 2) ** 1.5
    weights, means, covs = initial_parameters(X, 4, rng=np.random.default_rng(7))
    assert_allclose(weights, np.full(4, 0.25))
    rows = [int(np.flatnonzero(np.all(X == m, axis=1))[0]) for m in means]
    assert len(set(rows)) == 4
    for C in covs:
        assert_allclose(C, np.diag(np.var(X, axis=0)), rtol=1e-15)
    again = initial_parameters(X, 4, rng=np.random.default_rng(7))
    assert np.array_equal(again[1], means)  # reproducible from the seed


def test_collapsed_component_without_regularisation():
    # Three identical points far from the rest: the component on them has S_k = 0 exactly. Without reg_covar its
    # covariance is singular and the next E-step fails with a message that says so; reg_covar keeps it definite.
    rng = np.random.default_rng(8)
    X = np.vstack([np.zeros((3, 2)), rng.normal(size=(20, 2)) + 100.0])
    start = ([0.5, 0.5], [[0.0, 0.0], [100.0, 100.0]], [0.01 * np.eye(2), np.eye(2)])
    with pytest.raises(ValueError, match=r"component 0 .*not positive definite.*reg_covar"):
        em_gaussian_mixture(X, *start, reg_covar=0.0)
    fit = em_gaussian_mixture(X, *start, reg_covar=1e-6)
    assert_allclose(fit.covariances[0], 1e-6 * np.eye(2), rtol=1e-6)
    # The spike: the three points get log p = log(pi_0 / (2 pi 1e-6)), pi_0 = 3 / 23 (the far points have r = 0).
    _, log_p = e_step(X, fit.weights, fit.means, fit.covariances)
    assert_allclose(log_p[:3], math.log(3 / 23) - math.log(2 * math.pi * 1e-6), rtol=1e-9)


GOOD = ([[0.0, 0.0], [1.0, 1.0], [5.0, 5.0], [6.0, 5.0]], [0.5, 0.5], [[0.0, 0.0], [5.0, 5.0]], [np.eye(2)] * 2)


@pytest.mark.parametrize(
    ("change", "match"),
    [
        ({"X": [[0.0, np.nan], [1.0, 1.0], [5.0, 5.0], [6.0, 5.0]]}, "X must contain only finite"),
        ({"X": [0.0, 1.0, 2.0]}, "X must be a non-empty 2-D array"),
        ({"X": "abc"}, "X must be a 2-D array of real numbers"),
        ({"weights0": [0.6, 0.6]}, "weights0 must sum to 1"),
        ({"weights0": [1.0, 0.0]}, "weights0 must be positive"),
        ({"weights0": [np.nan, 0.5]}, "weights0 must contain only finite"),
        ({"means0": [[0.0, 0.0]]}, r"means0 must be finite of shape \(2, 2\)"),
        ({"means0": [[0.0, np.inf], [5.0, 5.0]]}, "means0 must be finite"),
        ({"covs0": [np.eye(2), -np.eye(2)]}, r"covs0\[1\] must be symmetric positive definite"),
        ({"covs0": [np.eye(2), [[1.0, 2.0], [2.0, 1.0]]]}, r"covs0\[1\] must be symmetric positive definite"),
        ({"covs0": [np.eye(2), [[1.0, 0.5], [0.0, 1.0]]]}, r"covs0\[1\] must be symmetric positive definite"),
        ({"covs0": [np.eye(2)]}, r"covs0 must be finite of shape \(2, 2, 2\)"),
        ({"tol": -1e-3}, "tol must be >= 0"),
        ({"reg_covar": -1e-6}, "reg_covar must be >= 0"),
        ({"max_iter": -1}, "max_iter must be >= 0"),
    ],
)
def test_em_bad_input(change, match):
    args = dict(zip(("X", "weights0", "means0", "covs0"), GOOD, strict=True)) | change
    with pytest.raises(ValueError, match=match):
        em_gaussian_mixture(**args)


def test_more_components_than_samples_is_refused():
    X = [[0.0], [1.0]]
    with pytest.raises(ValueError, match=r"weights0 defines K=3 components; K must be <= n_samples=2"):
        em_gaussian_mixture(X, [1 / 3] * 3, [[0.0], [1.0], [2.0]], [[[1.0]]] * 3)
    with pytest.raises(ValueError, match=r"n_components must be between 1 and n_samples=2, got 3"):
        initial_parameters(X, 3)
    with pytest.raises(ValueError, match=r"n_components must be between 1 and n_samples=2, got 0"):
        initial_parameters(X, 0)


def test_other_bad_input():
    X = [[0.0, 1.0], [1.0, 1.0], [2.0, 1.0]]
    with pytest.raises(ValueError, match="X must have no constant column"):
        initial_parameters(X, 2)
    with pytest.raises(TypeError, match="n_components must be an integer"):
        initial_parameters([[0.0], [1.0]], 1.5)
    with pytest.raises(TypeError, match="max_iter must be an integer"):
        em_gaussian_mixture(*GOOD, max_iter=2.5)
    with pytest.raises(ValueError, match=r"R must have shape \(3, K\)"):
        m_step(X, [[1.0], [1.0]])
    with pytest.raises(ValueError, match="R must contain only finite non-negative"):
        m_step(X, [[1.5, -0.5], [1.0, 0.0], [0.0, 1.0]])
    with pytest.raises(ValueError, match="every row of R must sum to 1"):
        m_step(X, [[0.5, 0.4], [1.0, 0.0], [0.0, 1.0]])
    with pytest.raises(ValueError, match="reg_covar must be >= 0"):
        m_step(X, [[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]], reg_covar=-1.0)
    with pytest.raises(ValueError, match="X must contain only finite"):
        e_step([[np.nan]], [1.0], [[0.0]], [[[1.0]]])
    with pytest.raises(ValueError, match=r"covs\[0\] must be symmetric positive definite"):
        mixture_log_likelihood([[0.0]], [1.0], [[0.0]], [[[0.0]]])
    with pytest.raises(ValueError, match="weights must sum to 1"):
        e_step([[0.0]], [0.5], [[0.0]], [[[1.0]]])


def test_inputs_are_not_modified():
    X, weights, means, covs = (np.array(a, dtype=float) for a in GOOD)
    copies = [a.copy() for a in (X, weights, means, covs)]
    em_gaussian_mixture(X, weights, means, covs, max_iter=3)
    R, _ = e_step(X, weights, means, covs)
    R_copy = R.copy()
    m_step(X, R)
    for a, b in zip((X, weights, means, covs, R), [*copies, R_copy], strict=True):
        assert np.array_equal(a, b)


# --------------------------------------------------------------------------------------------------------------
# The numbers of projects/README.md and projects/gaussian_mixture_em.ipynb


def test_project_numbers(iris):
    X, n = iris.X, iris.X.shape[0]
    finals = [fit.log_likelihood_path[-1] for fit in iris.fits]
    assert [round(v, 4) for v in finals] == [-1.2012, -1.2634, -1.2438, -1.3327, -1.2012, -1.2012]
    assert [fit.n_iter for fit in iris.fits] == [32, 83, 24, 36, 30, 22]
    assert all(fit.converged for fit in iris.fits)
    # The counts are machine-independent: at every step the change in l / n is farther from tol = 1e-8 than the
    # rounding of two computed values (10 n u S each, S <= 2 here) by a factor of at least 100.
    for fit in iris.fits:
        changes = np.abs(np.diff(fit.log_likelihood_path))[:-1]  # the changes the stopping rule looked at
        assert np.min(np.abs(changes - 1e-8)) > 100 * 2 * 10 * n * U * 2
    # Start 4 collapses towards a few flowers: weight 0.03, smallest covariance eigenvalue about 1e-5.
    collapsed = iris.fits[3]
    assert round(collapsed.weights.min(), 3) == 0.032
    assert 1e-5 < np.linalg.eigvalsh(collapsed.covariances).min() < 2e-5
    assert min(np.linalg.eigvalsh(f.covariances).min() for i, f in enumerate(iris.fits) if i != 3) > 7e-3
    # Best start (6, by a margin of 1e-9 >> rounding) and its agreement with the species: 145 of 150, setosa exact.
    best = int(np.argmax(finals))
    assert best == 5 and finals[5] - sorted(finals)[-2] > 1e-10
    fit = iris.fits[best]
    R, _ = e_step(X, fit.weights, fit.means, fit.covariances)
    table = pd.crosstab(iris.y, R.argmax(axis=1))
    assert int(table.max(axis=0).sum()) == 145
    assert sorted(table.loc[0].tolist()) == [0, 0, 50]  # setosa: one component
    assert sorted(table.loc[1].tolist()) == [0, 5, 45]  # versicolor: 5 join the virginica component
    assert sorted(table.loc[2].tolist()) == [0, 0, 50]
    assert table.loc[1].idxmin() != table.loc[2].idxmax() and table.loc[1][table.loc[2].idxmax()] == 5
    # "about 1e-9": the regularisation bound dominates the slack of every step (reg_covar = 1e-6), except for the
    # nearly collapsed start 4, where eta_k = lambda ||Sigma_k^-1||_F is larger (an eigenvalue near 1e-5).
    assert all(np.all((f.monotone_slack > 1e-10) & (f.monotone_slack < 1e-8)) for i, f in enumerate(iris.fits) if i != 3)
    assert 1e-6 < iris.fits[3].monotone_slack.max() < 1e-4
    assert round(float(R.max(axis=1).min()), 2) == 0.67
    # The rounding model of the scikit-learn comparison for the best start (README: 6e-11; r = 0.27, kappa = 66).
    changes = np.diff(fit.log_likelihood_path)
    r = abs(changes[-1] / changes[-2])
    kappa = max(np.linalg.cond(C) for C in fit.covariances)
    assert (round(r, 2), round(kappa)) == (0.27, 66)
    assert f"{100 * U * kappa * np.max(X**2) / (1 - r):.0e}" == "6e-11"
    # The initial log-likelihood of start 1 and its first steps, as printed in the notebook.
    assert round(mixture_log_likelihood(X, *iris.starts[0]), 2) == -811.46
    assert np.array_equal(np.round(iris.fits[0].log_likelihood_path[:5], 4), [-5.4098, -2.2684, -2.0796, -1.9644, -1.8928])
