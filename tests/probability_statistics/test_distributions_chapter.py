"""Every number and claim of probability_statistics/distributions/README.md, recomputed with the package.

Exact values (closed forms, exact decimal or rational arithmetic) are compared with tolerances from the error
analysis of the module: a value computed in log space has relative error about ``c u (1 + |ln P|)``; the README quotes
most numbers to 4-7 significant digits, far above that. Simulated numbers replay the notebook's random stream
(``default_rng(0)``, the same calls in the same order) and are checked twice: against the rounded value the README
prints, and against the exact value within a few standard errors, which is the claim that holds for any stream.
"""

import math
from decimal import Decimal, localcontext
from fractions import Fraction

import numpy as np
import pytest
from scipy import stats

from probability_statistics.python_implementations.descriptive import mean, std
from probability_statistics.python_implementations.distributions import (
    beta_pdf,
    binomial_pmf,
    chi2_cdf,
    chi2_sf,
    exponential_cdf,
    exponential_pdf,
    gamma_pdf,
    geometric_pmf,
    mvn_condition,
    mvn_logpdf,
    mvn_sample,
    normal_cdf,
    normal_pdf,
    normal_ppf,
    poisson_pmf,
    sample_normal,
    t_cdf,
)
from probability_statistics.python_implementations.mle import mle_normal
from probability_statistics.python_implementations.special import (
    log_gamma,
    regularized_gamma_p,
    regularized_gamma_q,
    regularized_incomplete_beta,
)

U = np.finfo(float).eps / 2
N = 100_000  # the notebook's number of draws


def _printed(value, quoted, decimals):
    """``value`` rounds to the number the README prints (half a unit of the last digit, plus float slack)."""
    return abs(value - quoted) <= 0.5 * 10.0**-decimals + 1e-12


# ---------------------------------------------------------------- definitions and the families table


def test_gamma_and_beta_function_facts():
    assert log_gamma(0.5) == pytest.approx(0.5 * math.log(math.pi), rel=4 * U)  # Gamma(1/2) = sqrt(pi)
    assert log_gamma(6.0) == pytest.approx(math.log(120.0), rel=4 * U)  # Gamma(n) = (n - 1)!
    # B(2, 5) = 1! 4! / 6! = 1/30 (Exercise 4): the Beta(2, 5) density is 30 x (1 - x)^4
    x = np.linspace(0.05, 0.95, 19)
    np.testing.assert_allclose(beta_pdf(x, 2.0, 5.0), 30 * x * (1 - x) ** 4, rtol=64 * U)


def test_standard_normal_cdf_is_half_erfc():
    z = np.linspace(-10, 10, 41)
    expected = np.array([0.5 * math.erfc(-t / math.sqrt(2)) for t in z])
    # the module multiplies by a rounded 1/sqrt(2), this divides by a rounded sqrt(2): the arguments differ by about
    # u relatively, and erfc turns that into z^2 u (its condition number), plus a few u of its own
    err = np.abs(normal_cdf(z) / expected - 1)
    assert np.all(err <= 4 * U * (1 + z * z))


@pytest.mark.parametrize(("pmf", "support", "mean_formula", "var_formula"), [
    (lambda k: binomial_pmf(k, 1, 0.3), np.arange(2), 0.3, 0.3 * 0.7),  # Bernoulli
    (lambda k: binomial_pmf(k, 20, 0.3), np.arange(21), 6.0, 4.2),
    (lambda k: poisson_pmf(k, 6.0), np.arange(200), 6.0, 6.0),
    (lambda k: geometric_pmf(k, 0.3), np.arange(400), 1 / 0.3, 0.7 / 0.09),
])
def test_discrete_table_means_and_variances(pmf, support, mean_formula, var_formula):
    p = pmf(support)
    # the truncated tails (Poisson beyond 200, geometric beyond 400) are below 1e-60; sums of <= 400 terms: 400 u
    assert p.sum() == pytest.approx(1.0, abs=400 * U)
    m = np.sum(support * p)
    assert m == pytest.approx(mean_formula, rel=1e-12)
    assert np.sum((support - m) ** 2 * p) == pytest.approx(var_formula, rel=1e-12)


def _simpson_moments(x, density):
    """Total mass, mean and variance by Simpson's rule on an odd number of equally spaced points."""
    h = x[1] - x[0]
    weights = np.full(x.size, 2.0)
    weights[1::2] = 4.0
    weights[0] = weights[-1] = 1.0
    integrate = lambda f: float(np.sum(weights * f) * h / 3)  # noqa: E731
    total = integrate(density)
    m = integrate(x * density)
    return total, m, integrate((x - m) ** 2 * density)


@pytest.mark.parametrize(("density", "lo", "hi", "mean_formula", "var_formula"), [
    (lambda x: beta_pdf(x, 1.0, 1.0), 0.0, 1.0, 0.5, 1 / 12),  # uniform(0, 1)
    (lambda x: normal_pdf(x, 1.0, 2.0), -19.0, 21.0, 1.0, 4.0),
    (lambda x: exponential_pdf(x, 2.0), 0.0, 30.0, 0.5, 0.25),
    (lambda x: gamma_pdf(x, 3.0, 2.0), 0.0, 40.0, 1.5, 0.75),
    (lambda x: beta_pdf(x, 2.0, 5.0), 0.0, 1.0, 2 / 7, 10 / (49 * 8)),
    (lambda x: gamma_pdf(x, 2.0, 0.5), 0.0, 150.0, 4.0, 8.0),  # chi-square with nu = 4 is gamma(2, 1/2)
])
def test_continuous_table_means_and_variances(density, lo, hi, mean_formula, var_formula):
    x = np.linspace(lo, hi, 20_001)
    total, m, v = _simpson_moments(x, density(x))
    # Simpson's error (b - a) h^4 max|f''''| / 180: below 1e-9 for these smooth densities with h <= 7.5e-3
    assert total == pytest.approx(1.0, abs=1e-7)
    assert m == pytest.approx(mean_formula, abs=1e-6)
    assert v == pytest.approx(var_formula, abs=1e-6)


def test_student_t_variance_nu_over_nu_minus_two_from_the_cdf():
    # E[T^2] = int_0^inf 2x P(|T| > x) dx = int_0^inf 4x t_cdf(-x) dx; the integrand decays like x^-4 for nu = 5
    nu = 5.0
    x = np.concatenate([np.linspace(0, 10, 20_001), np.geomspace(10, 1e5, 20_001)[1:]])
    f = 4 * x * t_cdf(-x, nu)
    integral = float(np.sum(np.diff(x) * (f[1:] + f[:-1]) / 2))
    # beyond X, t_cdf(-x) ~ c x^-5, so int_X^inf 4 c x^-4 dx = 4 c X^-3 / 3 = f(X) X / 3
    tail_beyond = f[-1] * x[-1] / 3
    assert integral + tail_beyond == pytest.approx(nu / (nu - 2), rel=1e-5)  # quadrature error of the two grids


def test_chi_square_mean_and_variance():
    # as gamma(nu/2, 1/2): mean (nu/2)/(1/2) = nu, variance (nu/2)/(1/4) = 2 nu
    nu = 7.0
    x = np.linspace(0, 200, 40_001)
    total, m, v = _simpson_moments(x, gamma_pdf(x, nu / 2, 0.5))
    assert (total, m, v) == (pytest.approx(1.0, abs=1e-7), pytest.approx(nu, abs=1e-6), pytest.approx(2 * nu, abs=1e-5))


# ---------------------------------------------------------------- intuition


def test_intuition_cauchy_and_normal_mass_below_minus_five():
    assert t_cdf(-5.0, 1.0) == pytest.approx(0.5 - math.atan(5.0) / math.pi, rel=1e-14)
    assert round(t_cdf(-5.0, 1.0), 2) == 0.06  # "6 % of the probability lies below -5"
    assert round(normal_cdf(-5.0), 7) == 3e-7  # "where the normal has 3e-7"


# ---------------------------------------------------------------- how they relate


@pytest.mark.parametrize(("n", "lam"), [(10, 3.0), (100, 3.0), (1000, 3.0), (10_000, 3.0), (50, 0.5), (200, 20.0)])
def test_le_cam_bound(n, lam):
    k = np.arange(n + 1)
    # the Poisson mass above n, where the binomial has none, is P(N >= n + 1) = P(n + 1, lam)
    l1 = np.sum(np.abs(binomial_pmf(k, n, lam / n) - poisson_pmf(k, lam))) + regularized_gamma_p(n + 1, lam)
    assert l1 <= 2 * lam**2 / n


def test_le_cam_numbers_quoted():
    def l1(n):
        k = np.arange(n + 1)
        return np.sum(np.abs(binomial_pmf(k, n, 3.0 / n) - poisson_pmf(k, 3.0))) + regularized_gamma_p(n + 1, 3.0)

    assert _printed(l1(100), 0.0152, 4) and _printed(l1(1000), 0.0015, 4)
    assert (2 * 9 / 100, 2 * 9 / 1000) == (0.18, 0.018)


def test_binomial_limit_is_poisson():
    k = np.arange(10)
    np.testing.assert_allclose(binomial_pmf(k, 10**8, 3e-8), poisson_pmf(k, 3.0), rtol=1e-6)  # error O(k^2 / n)


def test_geometric_tail_and_memorylessness():
    p, j, k = 0.3, 4, 6
    tail = lambda m: 1.0 - np.sum(geometric_pmf(np.arange(1, m + 1), p))  # noqa: E731  P(K > m)
    assert tail(k) == pytest.approx(0.7**k, rel=1e-13)
    assert tail(j + k) / tail(j) == pytest.approx(tail(k), rel=1e-12)


def test_geometric_to_exponential_limit():
    lam, t = 2.0, 1.3
    for delta in (1e-3, 1e-5):
        assert (1 - lam * delta) ** (t / delta) == pytest.approx(math.exp(-lam * t), rel=2 * lam**2 * t * delta)


@pytest.mark.parametrize(("a", "b"), [(1.0, 1.0), (1.5, 2.5), (3.0, 1.0)])
def test_gamma_shapes_add_by_convolution(a, b):
    # density of G_a + G_b at s is int_0^s g_a(t) g_b(s - t) dt; midpoint rule on 100 000 cells, whose error is
    # O(h^1.5) at an end where a shape is 1.5 (the integrand behaves like t^0.5 there): about 1e-7 here
    lam = 2.0
    for s in (0.7, 4.5):
        h = s / 100_000
        t = (np.arange(100_000) + 0.5) * h
        conv = float(np.sum(gamma_pdf(t, a, lam) * gamma_pdf(s - t, b, lam)) * h)
        assert conv == pytest.approx(gamma_pdf(s, a + b, lam), rel=1e-6)


def test_poisson_cdf_is_upper_incomplete_gamma():
    for lam in (0.5, 4.0, 30.0):
        for k in (1, 3, 8, 40):
            cdf = float(np.sum(poisson_pmf(np.arange(k), lam)))  # P(N <= k - 1)
            assert regularized_gamma_q(k, lam) == pytest.approx(cdf, rel=1e-13, abs=1e-300)
            assert regularized_gamma_p(k, lam) == pytest.approx(float(np.sum(poisson_pmf(np.arange(k, k + 400), lam))),
                                                                rel=1e-12)


def test_squared_normal_is_gamma_half_half_and_chi2_is_gamma():
    x = np.geomspace(1e-6, 80, 50)
    np.testing.assert_allclose(normal_pdf(np.sqrt(x)) / np.sqrt(x), gamma_pdf(x, 0.5, 0.5), rtol=1e-13)
    for nu in (1.0, 4.0, 9.0):
        np.testing.assert_allclose(chi2_cdf(x, nu), regularized_gamma_p(nu / 2, x / 2), rtol=0, atol=0)
        np.testing.assert_allclose(chi2_sf(x, nu), regularized_gamma_q(nu / 2, x / 2), rtol=0, atol=0)
    # nu = 2 is the exponential with rate 1/2
    np.testing.assert_allclose(chi2_cdf(x, 2.0), exponential_cdf(x, 0.5), rtol=1e-13)
    assert round(chi2_cdf(3.0, 2.0), 12) == round(1 - math.exp(-1.5), 12) == 0.776869839852


def test_ratio_of_gammas_is_beta_by_simulation():
    rng = np.random.default_rng(5)
    a, b, n = 2.0, 3.5, 200_000
    W = rng.gamma(a, size=n)
    W = W / (W + rng.gamma(b, size=n))  # numpy's gamma generator is the independent reference
    for w in (0.1, 0.3, 0.6):
        p = regularized_incomplete_beta(a, b, w)
        assert abs(np.mean(W <= w) - p) <= 4 * math.sqrt(p * (1 - p) / n)  # 4 standard errors


def test_t_from_beta_identity_and_binomial_cdf_is_incomplete_beta():
    for nu in (1.0, 4.0, 30.0):
        for t in (0.5, 2.0, 10.0):
            w = nu / (nu + t * t)
            assert t_cdf(-t, nu) == pytest.approx(0.5 * regularized_incomplete_beta(nu / 2, 0.5, w), rel=1e-13)
    for n, p in ((10, 0.3), (40, 0.8), (200, 0.05)):
        for k in (0, 3, n // 2, n - 1):
            cdf = float(np.sum(binomial_pmf(np.arange(k + 1), n, p)))
            assert regularized_incomplete_beta(n - k, k + 1, 1 - p) == pytest.approx(cdf, rel=1e-12)


def test_clt_limits_near_the_centre():
    # binomial ~ N(np, npq), Poisson ~ N(lam, lam), t_nu -> N(0, 1): at the centre the error is O(1/sqrt(n))
    assert binomial_pmf(5000, 10_000, 0.5) == pytest.approx(normal_pdf(5000, 5000, 50), rel=1e-3)
    assert poisson_pmf(10_000, 10_000.0) == pytest.approx(normal_pdf(10_000, 10_000, 100), rel=1e-3)
    assert t_cdf(-1.0, 1e6) == pytest.approx(normal_cdf(-1.0), rel=1e-6)


# ---------------------------------------------------------------- worked example: counting and relations


def test_counting_numbers():
    assert binomial_pmf(3, 10, 0.3) == pytest.approx(120 * 0.027 * 0.0823543, rel=8 * U)
    assert round(binomial_pmf(3, 10, 0.3), 9) == 0.266827932
    assert round(float(regularized_incomplete_beta(7.0, 4.0, 0.7)), 10) == 0.6496107184
    assert round(float(np.sum(binomial_pmf(np.arange(4), 10, 0.3))), 10) == 0.6496107184
    exact = sum(Fraction(4) ** k / math.factorial(k) for k in range(8))  # e^4 P(N <= 7)
    p = float(exact) * math.exp(-4.0)
    assert round(regularized_gamma_q(8, 4.0), 12) == round(p, 12) == 0.948866384207


def _notebook_stream():
    """Replay the notebook's draws from default_rng(0): same calls, same order."""
    rng = np.random.default_rng(0)
    E = -np.log(1.0 - rng.random((N, 3))) / 2.0
    Z = sample_normal(N * 5, rng=rng).reshape(N, 5)
    x_exp = -np.log(1.0 - rng.random(N)) / 2.0
    sample_normal(N, rng=rng)
    rng.random(N)
    proposals = -np.log(1.0 - rng.random(N))
    v = rng.random(N)
    X = mvn_sample(N, [0.0, 0.0], [[1.0, 0.8], [0.8, 1.0]], rng=rng)
    return E, Z, x_exp, proposals, v, X


@pytest.fixture(scope="module")
def stream():
    return _notebook_stream()


def test_simulated_relations(stream):
    E, Z, *_ = stream
    p_gamma = regularized_gamma_p(3.0, 2.0)
    freq = np.mean(E.sum(axis=1) <= 1.0)
    assert _printed(freq, 0.3251, 4) and _printed(p_gamma, 0.3233, 4)
    assert _printed(math.sqrt(p_gamma * (1 - p_gamma) / N), 0.0015, 4)
    assert abs(freq - p_gamma) <= 3 * math.sqrt(p_gamma * (1 - p_gamma) / N)
    V = np.sum(Z[:, 1:] ** 2, axis=1)
    T = Z[:, 0] / np.sqrt(V / 4)
    p_t = t_cdf(-2.0, 4.0)
    assert _printed(np.mean(T <= -2.0), 0.0580, 4) and _printed(p_t, 0.0581, 4)
    assert _printed(math.sqrt(p_t * (1 - p_t) / N), 0.0007, 4)
    assert abs(np.mean(T <= -2.0) - p_t) <= 3 * math.sqrt(p_t * (1 - p_t) / N)
    assert abs(np.mean(V > 9.49) - chi2_sf(9.49, 4.0)) <= 3 * math.sqrt(0.05 * 0.95 / N)


# ---------------------------------------------------------------- sampling from scratch


def test_inverse_transform_exponential(stream):
    x_exp = stream[2]
    assert abs(mean(x_exp) - 0.5) <= 3 * 0.5 / math.sqrt(N)
    for x in (0.1, 0.5, 1.5):
        p = exponential_cdf(x, 2.0)
        assert abs(np.mean(x_exp <= x) - p) <= 4 * math.sqrt(p * (1 - p) / N)


def test_box_muller_radius_is_chi2_2_and_angle_uniform():
    z = sample_normal(2 * N, rng=7)
    z1, z2 = z[:N], z[N:]  # the module returns the N cosines, then the N sines of the same pairs
    r2 = z1**2 + z2**2
    theta = np.arctan2(z2, z1) % (2 * math.pi)
    for q in (0.5, 2.0, 6.0):
        p = math.exp(-q / 2)  # P(R^2 > q) for the exponential with rate 1/2
        assert abs(np.mean(r2 > q) - p) <= 4 * math.sqrt(p * (1 - p) / N)
    assert abs(np.mean(theta < math.pi / 3) - 1 / 6) <= 4 * math.sqrt(5 / 36 / N)


def test_halley_step_in_the_readme_form_is_halleys_method():
    # g = Phi - p, g' = phi, g'' = -x phi: x - 2 g g' / (2 g'^2 - g g'') = x - e / (1 + x e / 2), e = g / phi
    for x, p in ((-1.2, 0.1), (0.3, 0.6), (-3.0, 0.001)):
        g, g1 = normal_cdf(x) - p, normal_pdf(x)
        g2 = -x * g1
        e = g / g1
        assert x - e / (1 + x * e / 2) == pytest.approx(x - 2 * g * g1 / (2 * g1**2 - g * g2), rel=1e-14)


def test_normal_ppf_numbers():
    assert round(normal_ppf(0.975), 6) == 1.959964
    assert normal_ppf(0.025) == -normal_ppf(0.975)  # x(p) = -x(1 - p), exactly


def test_rejection_half_normal(stream):
    _, _, _, proposals, v, _ = stream
    M = math.sqrt(2 * math.e / math.pi)
    # M is the maximum of f/g = sqrt(2/pi) exp(x - x^2/2), at x = 1
    grid = np.linspace(0, 6, 60_001)
    assert np.max(2 * normal_pdf(grid) / exponential_pdf(grid, 1.0)) == pytest.approx(M, rel=1e-12)
    assert round(M, 4) == 1.3155 and round(1 / M, 4) == 0.7602
    accepted = v * M * exponential_pdf(proposals, 1.0) <= 2 * normal_pdf(proposals)
    rate = accepted.mean()
    se = math.sqrt((1 / M) * (1 - 1 / M) / N)
    assert _printed(rate, 0.7585, 4) and _printed(se, 0.0014, 4)
    assert abs(rate - 1 / M) <= 3 * se
    half = proposals[accepted]
    assert _printed(mean(half), 0.7976, 4) and round(math.sqrt(2 / math.pi), 4) == 0.7979
    assert abs(mean(half) - math.sqrt(2 / math.pi)) <= 3 * math.sqrt((1 - 2 / math.pi) / half.size)


# ---------------------------------------------------------------- the multivariate normal


SIGMA3 = np.array([[4.0, 2.0, 1.0], [2.0, 3.0, 0.5], [1.0, 0.5, 2.0]])
MU3 = np.array([1.0, 2.0, 0.0])


def test_conditioning_by_hand_three_dimensions():
    m, C = mvn_condition(MU3, SIGMA3, [2], [1.0])
    np.testing.assert_allclose(m, [1.5, 2.25], rtol=8 * U)  # exact in binary: small rounding only
    np.testing.assert_allclose(C, [[3.5, 1.75], [1.75, 2.875]], rtol=8 * U)


def test_schur_complement_factorisation_and_quadratic_form_split():
    a, b = [0, 1], [2]
    Saa, Sab, Sbb = SIGMA3[np.ix_(a, a)], SIGMA3[np.ix_(a, b)], SIGMA3[np.ix_(b, b)]
    S = Saa - Sab @ np.linalg.solve(Sbb, Sab.T)
    T = np.block([[np.eye(2), Sab @ np.linalg.inv(Sbb)], [np.zeros((1, 2)), np.eye(1)]])
    D = np.block([[S, np.zeros((2, 1))], [np.zeros((1, 2)), Sbb]])
    np.testing.assert_allclose(T @ D @ T.T, SIGMA3, rtol=0, atol=32 * U * 4)
    assert np.linalg.det(SIGMA3) == pytest.approx(np.linalg.det(S) * Sbb[0, 0], rel=1e-13)
    # log p(x_a, x_b) = log N(x_a; mu_a|b, S) + log N(x_b; mu_b, Sigma_bb) at a few points
    m, C = mvn_condition(MU3, SIGMA3, b, [1.0])
    for x_a in ([0.0, 0.0], [2.5, 1.0], [-1.0, 4.0]):
        joint = mvn_logpdf([*x_a, 1.0], MU3, SIGMA3)
        assert joint == pytest.approx(mvn_logpdf(x_a, m, C) + mvn_logpdf([1.0], MU3[b], Sbb), rel=1e-13)


def test_exercise_3_affine_map_and_conditional():
    A = np.array([1.0, -1.0, 0.0])
    assert (A @ MU3, A @ SIGMA3 @ A) == (-1.0, 3.0)
    m, C = mvn_condition(MU3, SIGMA3, [1, 2], [3.0, 1.0])
    assert m[0] == pytest.approx(1 + 5.5 / 5.75, rel=8 * U) and round(float(m[0]), 4) == 1.9565
    assert C[0, 0] == pytest.approx(4 - 9 / 5.75, rel=16 * U) and round(float(C[0, 0]), 4) == 2.4348
    # the affine map by sampling: x1 - x2 has mean -1 and variance 3 within standard errors
    y = mvn_sample(N, MU3, SIGMA3, rng=3) @ A
    assert abs(mean(y) + 1) <= 4 * math.sqrt(3 / N)
    assert abs(std(y, ddof=1) ** 2 - 3) <= 4 * 3 * math.sqrt(2 / (N - 1))


def test_two_dimensional_conditional_and_ellipse(stream):
    X = stream[5]
    Sigma = [[1.0, 0.8], [0.8, 1.0]]
    m, C = mvn_condition([0.0, 0.0], Sigma, [1], [1.0])
    assert (round(float(m[0]), 2), round(float(C[0, 0]), 2)) == (0.8, 0.36)
    near = np.abs(X[:, 1] - 1.0) < 0.02
    x1 = X[near, 0]
    assert near.sum() == 933
    assert _printed(mean(x1), 0.799, 3) and _printed(math.sqrt(0.36 / x1.size), 0.020, 3)
    # the window of width 0.04 shifts the mean by at most 0.8 * 0.02: within 3 standard errors plus that
    assert abs(mean(x1) - 0.8) <= 3 * math.sqrt(0.36 / x1.size) + 0.016
    r2 = -2 * math.log(0.05)
    assert round(r2, 3) == 5.991 and chi2_cdf(r2, 2.0) == pytest.approx(0.95, rel=1e-15)
    d2 = -2 * (mvn_logpdf(X, [0.0, 0.0], Sigma) - mvn_logpdf([0.0, 0.0], [0.0, 0.0], Sigma))
    inside = np.mean(d2 <= r2)
    assert _printed(inside, 0.9503, 4) and _printed(math.sqrt(0.95 * 0.05 / N), 0.0007, 4)
    assert abs(inside - 0.95) <= 3 * math.sqrt(0.95 * 0.05 / N)


def test_conditional_variance_never_exceeds_the_marginal_one():
    rng = np.random.default_rng(11)
    B = rng.standard_normal((6, 6))
    Sigma = B @ B.T + 0.1 * np.eye(6)
    _, C = mvn_condition(np.zeros(6), Sigma, [1, 4], [0.3, -2.0])
    rest = [0, 2, 3, 5]
    diff = Sigma[np.ix_(rest, rest)] - C  # Sigma_ab Sigma_bb^-1 Sigma_ba is positive semi-definite
    assert np.linalg.eigvalsh(diff).min() >= -1e-12 * np.abs(Sigma).max()


def test_gaussian_process_with_the_pd_chapter_jitter():
    t_obs = np.array([-4.0, -2.5, 0.0, 1.5, 3.0])
    t_all = np.concatenate([np.linspace(-5, 5, 100), t_obs])
    n = t_all.size
    K = np.exp(-0.5 * (t_all[:, None] - t_all[None, :]) ** 2) + 2 * n * (n + 5) * U * np.eye(n)
    m, C = mvn_condition(np.zeros(n), K, np.arange(100, 105), np.sin(t_obs))
    assert np.all(np.diag(C) <= np.diag(K)[:100])  # the Schur complement never exceeds the prior variance
    # next to an observation (grid point 50 is 0.05 from t = 0) the conditional sd is small and the mean close to it:
    # with k(0, 0.05) = 1 - 0.00125, the sd is below sqrt(2 * 0.00125) = 0.05
    assert math.sqrt(C[50, 50]) < 0.05 and abs(m[50] - np.sin(0.0)) < 0.1
    assert math.sqrt(C[0, 0]) > 0.5  # t = -5 is one length scale away from the nearest observation


# ---------------------------------------------------------------- tails without cancellation


def test_tail_numbers():
    assert normal_cdf(-30.0) == pytest.approx(4.906713927148e-198, rel=1e-12)
    assert f"{normal_cdf(-30.0):.6e}" == "4.906714e-198" and 1 - normal_cdf(30.0) == 0.0
    assert f"{chi2_sf(1000.0, 10.0):.6e}" == "1.870291e-208" and 1 - chi2_cdf(1000.0, 10.0) == 0.0
    # chi2 with 10 df: Q(5, 500) = e^-500 sum_{j<5} 500^j / j! exactly (Poisson cdf), in 40-digit decimals
    with localcontext() as ctx:
        ctx.prec = 40
        exact = (-Decimal(500)).exp() * sum(Decimal(500) ** j / math.factorial(j) for j in range(5))
    assert chi2_sf(1000.0, 10.0) == pytest.approx(float(exact), rel=1e-13)
    assert exponential_cdf(1e-20, 1.0) == 1e-20 and 1 - math.exp(-1e-20) == 0.0
    assert 30.0**2 * U == pytest.approx(1e-13, rel=0.01)  # "10^-13 at z = 30"


def test_t_tail_keeps_its_digits_and_the_subtraction_cannot():
    tail = t_cdf(-40.0, 5.0)
    assert f"{tail:.6e}" == "9.205981e-08"
    assert tail == pytest.approx(stats.t.cdf(-40.0, 5.0), rel=1e-13)
    # 1 - t_cdf(40, 5): the value near 1 carries an absolute error up to u, so the relative error can reach u / tail
    assert abs((1 - t_cdf(40.0, 5.0)) - tail) <= 2 * U
    assert -math.log10(U / tail) == pytest.approx(9.0, abs=0.1)


def _exact_binomial(k, n, p):
    with localcontext() as ctx:
        ctx.prec = 50
        return float(Decimal(math.comb(n, k)) * Decimal(p) ** k * (1 - Decimal(p)) ** (n - k))


def test_binomial_at_n_10000_loader_and_textbook():
    n, p = 10_000, 0.5
    assert f"{_exact_binomial(5000, n, p):.15e}" == "7.978646139382154e-03"
    assert round(1 / math.sqrt(2 * math.pi * n * p * (1 - p)), 7) == 0.0079788
    ks = np.arange(4600, 5401, 16)
    exact = np.array([_exact_binomial(int(k), n, p) for k in ks])
    err = np.abs(binomial_pmf(ks, n, p) / exact - 1)
    assert np.all(err <= 16 * U * (1 + np.abs(np.log(exact))))  # Loader: a few u times (1 + |ln P|)
    # the textbook sum: terms near 82 109, -37 591 (twice), -3466 (twice); result -4.83
    terms = [math.lgamma(n + 1), -math.lgamma(5001), -math.lgamma(5001), 5000 * math.log(p), 5000 * math.log1p(-p)]
    assert [round(t) for t in terms] == [82109, -37591, -37591, -3466, -3466]
    assert round(sum(terms), 2) == -4.83
    sizes = sum(abs(t) for t in terms)
    assert round(sizes, -4) == 1.6e5 and round(U * sizes, 11) == 2e-11
    for k, ex in zip(ks.tolist(), exact, strict=True):
        textbook = math.exp(math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)
                            + k * math.log(p) + (n - k) * math.log1p(-p))
        size = math.lgamma(n + 1) + math.lgamma(k + 1) + math.lgamma(n - k + 1) + n * abs(math.log(p))
        assert abs(textbook / ex - 1) <= 10 * U * size  # each term carries a few u of its size


def test_huge_binomial_coefficient_facts():
    c = math.comb(10_000, 5000)
    assert len(str(c)) == 3009
    with pytest.raises(OverflowError):
        float(c)
    assert math.floor(math.log10(c)) == 3008 and math.floor(10_000 * math.log10(0.5)) == -3011  # 10^-3010.3


def test_bd0_series_form_equals_the_definition():
    # bd0(x, m) = x ln(x/m) + m - x = (x - m) v + 2x (v^3/3 + v^5/5 + ...), v = (x - m)/(x + m): exact rationals
    x, m = Fraction(7), Fraction(5)
    v = (x - m) / (x + m)
    series = (x - m) * v + 2 * x * sum(v ** (2 * j + 1) / (2 * j + 1) for j in range(1, 40))
    assert float(series) == pytest.approx(7 * math.log(7 / 5) + 5 - 7, rel=1e-14)


# ---------------------------------------------------------------- pitfalls and exercises


def test_poisson_tail_and_its_normal_approximation():
    exact = regularized_gamma_p(30, 10.0)
    assert f"{exact:.2e}" == "2.51e-07"
    approx = normal_cdf(-(29.5 - 10) / math.sqrt(10))
    assert f"{approx:.1e}" == "3.5e-10" and 600 < exact / approx < 800  # "a factor 700"


def test_exercise_1_poisson_and_geometric_moments():
    k = np.arange(0, 300)
    p = poisson_pmf(k, 7.5)
    assert np.sum(k * (k - 1) * p) == pytest.approx(7.5**2, rel=1e-13)  # E[N(N-1)] = lam^2
    g = geometric_pmf(k, 0.25)
    assert np.sum(k * g) == pytest.approx(4.0, rel=1e-12)
    assert np.sum(0.75 ** np.arange(0, 300)) == pytest.approx(4.0, rel=1e-12)  # the tail-sum formula


def test_exercise_2_memoryless_exponential():
    s, t, lam = 1.7, 0.4, 1.3
    survival = lambda x: 1 - exponential_cdf(x, lam)  # noqa: E731
    assert survival(s + t) / survival(s) == pytest.approx(survival(t), rel=1e-14)


def test_exercise_4_beta_rejection_constants():
    M = 30 * 0.2 * 0.8**4
    assert round(M, 4) == 2.4576 and round(1 / M, 4) == 0.4069
    x = np.linspace(0, 1, 100_001)
    assert x[np.argmax(beta_pdf(x, 2.0, 5.0))] == pytest.approx(0.2)
    assert beta_pdf(0.2, 2.0, 5.0) == pytest.approx(M, rel=32 * U)


def test_exercise_5_three_ways():
    exact = regularized_gamma_p(30, 10.0)
    assert f"{exact:.6e}" == "2.509951e-07"
    tail_sum = float(np.sum(poisson_pmf(np.arange(30, 200), 10.0)))
    one_minus = 1 - float(np.sum(poisson_pmf(np.arange(30), 10.0)))
    # Bounds, not measurements (measured on one machine: 1e-15 and 8e-11). tail_sum: each term within
    # 16 u (1 + |ln P_k|) (test_distributions.py), 3e-14 at k = 30; exact: 16 u (1 + sqrt(a)) (1 + |ln P|) = 1.9e-13
    # (test_special.py); together below 3e-13, "12 digits or more". one_minus: the absolute error of the sum of the
    # 30 terms is at most sum_k 16 u (1 + |ln P_k|) P_k + 29 u = 86 u, divided by the tail 2.5e-7: 3.8e-8 < 5e-8.
    k = np.arange(30)
    P = poisson_pmf(k, 10.0)
    assert round(float(np.sum(16 * U * P * (1 + np.abs(np.log(P)))) / U + 29)) == 86
    assert f"{86 * U / exact:.0e}" == "4e-08" and f"{16 * U * (1 + abs(math.log(exact))):.0e}" == "3e-14"
    assert 16 * U * (1 + math.sqrt(30)) * (1 + abs(math.log(exact))) == pytest.approx(2e-13, rel=0.1)
    assert abs(tail_sum / exact - 1) < 3e-13
    assert abs(one_minus / exact - 1) < 5e-8
    assert math.log10(1 / 2.5e-7) == pytest.approx(6.6, abs=0.05)


def test_doubles_just_below_one_are_u_apart():
    # "Doubles just below 1 are spaced u apart (just above 1, 2u)"; a tail below u/2 makes F round to exactly 1
    assert 1.0 - np.nextafter(1.0, 0.0) == U and np.nextafter(1.0, 2.0) - 1.0 == 2 * U
    assert 1.0 - 0.4 * U == 1.0 and 1.0 - 0.6 * U < 1.0
    # the tail 1.2e-16 at z = 8.2 is about u: 1 - F keeps at most one digit; at z = 8.3 it is 5.2e-17 < u/2: 0
    assert normal_cdf(8.2) < 1.0 and abs((1.0 - normal_cdf(8.2)) / normal_cdf(-8.2) - 1) > 0.01
    assert 1.0 - normal_cdf(8.3) == 0.0 and normal_cdf(-8.3) == pytest.approx(5.2056e-17, rel=1e-4)


def test_exercise_6_probability_integral_transform():
    z = sample_normal(N, rng=9)
    v = normal_cdf(z)
    for q in (0.05, 0.5, 0.9):
        assert abs(np.mean(v <= q) - q) <= 4 * math.sqrt(q * (1 - q) / N)


# ---------------------------------------------------------------- real data


def test_diabetes_bmi_fits():
    from sklearn.datasets import load_diabetes  # imported here: the rest of the file does not need it

    frame = load_diabetes(as_frame=True, scaled=False).frame
    bmi = frame["bmi"].to_numpy()
    assert bmi.size == 442
    mu, sigma = mle_normal(bmi)
    assert (round(mu, 2), round(sigma, 2)) == (26.38, 4.41)
    shape, rate = mu**2 / sigma**2, mu / sigma**2
    assert (round(shape, 1), round(rate, 3)) == (35.7, 1.354)
    ll_normal = float(np.sum(np.log(normal_pdf(bmi, mu, sigma))))
    ll_gamma = float(np.sum(np.log(gamma_pdf(bmi, shape, rate))))
    assert (round(ll_gamma, 1), round(ll_normal, 1)) == (-1271.9, -1283.4)
    # the normal fit by maximum likelihood is scipy's norm.fit; its log-likelihood is scipy's
    assert (mu, sigma) == pytest.approx(stats.norm.fit(bmi), rel=1e-12)
    assert ll_normal == pytest.approx(np.sum(stats.norm.logpdf(bmi, mu, sigma)), rel=1e-12)
    assert round(frame["bmi"].skew(), 2) == 0.60 and round(2 / math.sqrt(shape), 2) == 0.33
    assert round(np.mean(bmi > 35), 3) == 0.036
    assert round(normal_cdf(-(35 - mu) / sigma), 3) == 0.025
    assert round(regularized_gamma_q(shape, rate * 35), 3) == 0.034
