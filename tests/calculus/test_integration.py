"""Tests for calculus.python_implementations.integration.

References: closed forms, scipy.integrate.quad, numpy.polynomial.legendre.leggauss and scipy.special.roots_legendre
for the Gauss-Legendre nodes and weights. Error orders are checked as fitted slopes, with the tolerance on each slope
taken from the next term of the error expansion (see the comment at each test).
"""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.polynomial import legendre as L
from scipy import integrate, special

from calculus.python_implementations.integration import (
    RIEMANN_RULES,
    MonteCarloResult,
    gauss_legendre,
    legendre_nodes_weights,
    monte_carlo,
    riemann_sum,
    simpson,
    trapezoid,
)

U = 2.0**-53  # unit roundoff


def pole(x):
    """1 / (2 + x): a simple pole at -2, so its error constants are known in closed form on [-1, 1]."""
    return 1.0 / (2.0 + x)


LOG3 = math.log(3.0)  # integral of 1 / (2 + x) over [-1, 1]

# (f, a, b, exact integral, bound on |f''|, bound on |f''''|) on [a, b]
CLOSED_FORMS = [
    (np.exp, 0.0, 1.0, math.e - 1.0, math.e, math.e),
    (np.sin, 0.0, math.pi, 2.0, 1.0, 1.0),
    (pole, -1.0, 1.0, LOG3, 2.0, 24.0),
    (lambda x: np.exp(-(x**2)), -2.0, 3.0, math.sqrt(math.pi) / 2 * (math.erf(3.0) + math.erf(2.0)), 2.0, 12.0),
]


# --------------------------------------------------------------------------------------------------------------
# Closed forms, scipy.integrate.quad, and the error bounds of the README
# --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("f", "a", "b", "exact", "M2", "M4"), CLOSED_FORMS)
def test_rules_meet_their_error_bounds_against_closed_forms(f, a, b, exact, M2, M4):
    n = 64
    h = (b - a) / n
    rounding = 100 * U * (b - a) * 3  # sums of n + 1 values of size <= 3: far below every bound used here
    assert abs(trapezoid(f, a, b, n) - exact) <= (b - a) * h**2 * M2 / 12 + rounding
    assert abs(riemann_sum(f, a, b, n) - exact) <= (b - a) * h**2 * M2 / 24 + rounding
    assert abs(simpson(f, a, b, n) - exact) <= (b - a) * h**4 * M4 / 180 + rounding


@pytest.mark.parametrize(("f", "a", "b", "exact", "M2", "M4"), CLOSED_FORMS)
def test_rules_agree_with_scipy_quad(f, a, b, exact, M2, M4):
    ref, abserr = integrate.quad(f, a, b, epsabs=1e-13, epsrel=1e-13)
    assert abs(ref - exact) <= 1e-13  # the reference itself, against the closed form
    # Gauss-Legendre with 30 nodes: these integrands are analytic near [a, b], the error is at roundoff level
    # (rho^-60 with rho >= 3.7); 50 u |b - a| max|f| covers the rounding of the nodes, weights and the sum.
    assert abs(gauss_legendre(f, a, b, n=30) - ref) <= 50 * U * (b - a) * 3 + abserr
    assert abs(simpson(f, a, b, n=1000) - ref) <= (b - a) * ((b - a) / 1000) ** 4 * M4 / 180 + 1e-13


def test_trapezoid_and_simpson_error_constants_match_euler_maclaurin():
    # T - I = h^2 / 12 (f'(b) - f'(a)) + O(h^4) and S - I = h^4 / 180 (f'''(b) - f'''(a)) + O(h^6). For 1/(2 + x)
    # on [-1, 1]: f'(1) - f'(-1) = 8/9 and f'''(1) - f'''(-1) = 6 - 6/81. At n = 512 (h = 1/256) the relative size
    # of the next term is |D| h^2 <= 2.5 / 65536 < 1e-4, so a relative tolerance 1e-3 is generous.
    n = 512
    h = 2.0 / n
    np.testing.assert_allclose((trapezoid(pole, -1.0, 1.0, n) - LOG3) / h**2, (8 / 9) / 12, rtol=1e-3)
    np.testing.assert_allclose((simpson(pole, -1.0, 1.0, n) - LOG3) / h**4, (6 - 6 / 81) / 180, rtol=1e-3)
    # the midpoint sum has half the trapezoid's error, with the opposite sign
    np.testing.assert_allclose((riemann_sum(pole, -1.0, 1.0, n) - LOG3) / h**2, -(8 / 9) / 24, rtol=1e-3)


# --------------------------------------------------------------------------------------------------------------
# Error orders as fitted slopes on log-log axes
# --------------------------------------------------------------------------------------------------------------

NS = 16 * 2 ** np.arange(7)  # 16 ... 1024 subintervals, h = 1/8 ... 1/512 on [-1, 1]


def fitted_slope(h, errors):
    """Least-squares slope of log(error) against log(h)."""
    return np.polyfit(np.log(h), np.log(errors), 1)[0]


# For E(h) = C h^p (1 + D h^q) the local slope is p + q D h^q / (1 + D h^q). The Euler-Maclaurin expansion of
# 1/(2 + x) on [-1, 1] gives: left and right sums E = -+(h/2)(f(1) - f(-1)) + (h^2/12)(f'(1) - f'(-1)) + ..., so
# C = 1/3, |D| = (2/27) / (1/3) = 0.22, q = 1: deviation <= 0.03 at h = 1/8; midpoint and trapezoid |D| = 0.11,
# q = 2: deviation <= 0.004; Simpson E = (h^4/180) 5.93 - (h^6/1512) 119.8, |D| = 2.41, q = 2: deviation <= 0.08
# at h = 1/8, shrinking fourfold with each halving, so the least-squares slope over NS is within about 0.03. The
# tolerances below are these deviations rounded up; a rule one order off would miss by 1 or more.
@pytest.mark.parametrize(
    ("rule", "order", "tol"),
    [
        (lambda n: riemann_sum(pole, -1.0, 1.0, n, rule="left"), 1, 0.05),
        (lambda n: riemann_sum(pole, -1.0, 1.0, n, rule="right"), 1, 0.05),
        (lambda n: riemann_sum(pole, -1.0, 1.0, n, rule="midpoint"), 2, 0.02),
        (lambda n: trapezoid(pole, -1.0, 1.0, n), 2, 0.02),
        (lambda n: simpson(pole, -1.0, 1.0, n), 4, 0.05),
    ],
    ids=["left", "right", "midpoint", "trapezoid", "simpson"],
)
def test_error_order_is_the_fitted_slope(rule, order, tol):
    errors = np.array([abs(rule(int(n)) - LOG3) for n in NS])
    # the smallest error (Simpson, n = 1024: 5e-13) stays 100 times above the rounding error of the pairwise sum,
    # (b - a) max|f| log2(n) u with b - a = 2 and max|f| = 1
    assert errors.min() > 100 * 2 * math.log2(NS.max()) * U
    assert abs(fitted_slope(2.0 / NS, errors) - order) <= tol


def rho_of_pole(z):
    """Bernstein-ellipse parameter through the real point z outside [-1, 1]: rho = |z| + sqrt(z^2 - 1)."""
    return abs(z) + math.sqrt(z * z - 1)


def test_gauss_legendre_converges_geometrically_at_the_predicted_rate():
    # Pole at -2: f is analytic inside the Bernstein ellipse rho = 2 + sqrt(3), and the error behaves like
    # C rho^(-2n). The fitted slope of log10(error) against n is -2 log10(rho) = -1.144. The prefactor C drifts
    # slowly (E_n rho^2n rises from 1.49 to 1.64 between n = 2 and 11), which moves the slope by
    # log10(1.64 / 1.49) / 9 = 0.005: tolerance 0.02.
    n = np.arange(1, 20)
    errors = np.array([abs(gauss_legendre(pole, -1.0, 1.0, int(k)) - LOG3) for k in n])
    window = (errors > 1e-13) & (errors < 1e-2)
    assert window.sum() >= 8
    slope = np.polyfit(n[window], np.log10(errors[window]), 1)[0]
    assert abs(slope - (-2 * math.log10(rho_of_pole(-2.0)))) <= 0.02


def test_gauss_legendre_meets_the_bernstein_ellipse_bound():
    # Trefethen, ATAP Theorem 19.3: |I - Q_n| <= (64/15) M rho^(-2n) / (rho^2 - 1) for f analytic in the ellipse
    # E_rho and |f| <= M there. Take rho = 3 < 2 + sqrt(3): the ellipse reaches x = -(rho + 1/rho)/2 = -5/3 on the
    # real axis, the point nearest the pole, so M = 1 / (2 - 5/3) = 3. Rounding adds c n u sum_i w_i |f(x_i)|
    # with sum_i w_i |f(x_i)| <= 2 max|f| = 2 and c = 8 (as in the exactness test below).
    rho, M = 3.0, 3.0
    for n in range(1, 25):
        bound = 64 / 15 * M * rho ** (-2 * n) / (rho**2 - 1)
        assert abs(gauss_legendre(pole, -1.0, 1.0, n) - LOG3) <= bound + 8 * n * U * 2


# --------------------------------------------------------------------------------------------------------------
# Gauss-Legendre: nodes and weights (Golub-Welsch with the course's eigh), exactness on degree 2n - 1
# --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5, 7, 10, 16, 33, 100])
def test_nodes_and_weights_match_leggauss(n):
    x, w = legendre_nodes_weights(n)
    x_ref, w_ref = L.leggauss(n)
    # Nodes: Weyl's inequality moves each eigenvalue by at most the backward error of eigh, c n u ||J|| with
    # ||J|| < 1 (every beta_k < 1/2 + ...). Weights: measured below n u (in absolute terms) for n <= 130.
    # leggauss itself is accurate to a few u. c = 4 covers both.
    assert np.max(np.abs(x - x_ref)) <= 4 * n * U
    assert np.max(np.abs(w - w_ref)) <= 4 * n * U


def test_nodes_and_weights_match_scipy_roots_legendre():
    x, w = legendre_nodes_weights(20)
    x_ref, w_ref = special.roots_legendre(20)
    assert np.max(np.abs(x - x_ref)) <= 4 * 20 * U
    assert np.max(np.abs(w - w_ref)) <= 4 * 20 * U


@pytest.mark.parametrize("n", [1, 2, 5, 8, 21])
def test_rule_is_exactly_symmetric_positive_and_inside(n):
    x, w = legendre_nodes_weights(n)
    assert np.array_equal(x, -x[::-1]) and np.array_equal(w, w[::-1])  # averaged with the mirror: exact
    assert np.all(np.diff(x) > 0) and np.all(np.abs(x) < 1) and np.all(w > 0)
    assert abs(w.sum() - 2.0) <= 4 * n * U  # integrates 1 exactly, up to the weights' error
    if n % 2:
        assert x[n // 2] == 0.0
    # an odd integrand integrates to 0: the terms cancel in exact pairs, only the order of the sum rounds
    assert abs(gauss_legendre(lambda t: t**3 + np.sin(t), -1.0, 1.0, n)) <= n * U * 2 * 2


def test_two_point_rule_is_the_worked_example():
    # README: J = [[0, 1/sqrt(3)], [1/sqrt(3), 0]], nodes +-1/sqrt(3), weights 1
    x, w = legendre_nodes_weights(2)
    np.testing.assert_allclose(x, [-1 / math.sqrt(3), 1 / math.sqrt(3)], rtol=4 * U)
    np.testing.assert_allclose(w, [1.0, 1.0], rtol=8 * U)


def test_returned_arrays_are_fresh_copies():
    x, w = legendre_nodes_weights(4)
    x[:] = 0.0
    w[:] = 0.0
    x2, w2 = legendre_nodes_weights(4)
    assert np.all(w2 > 0) and x2[0] < 0


def legendre_series_check(n, c):
    """|Q_n(p) - integral of p| and its bound for p = sum_k c_k P_k, degree 2n - 1: the integral is 2 c_0."""
    q = gauss_legendre(lambda t: L.legval(t, c), -1.0, 1.0, n)
    # |P_k| <= 1 on [-1, 1] and the weights sum to 2, so the rule's terms add up to at most 2 sum|c_k|. Evaluating
    # p by Clenshaw's recurrence (~2n steps) errs by about 2 n u sum|c_k| per node; nodes and weights add ~4 n u
    # each (test above). c = 8 in c n u sum|c_k| covers these.
    return abs(q - 2 * c[0]), 8 * n * U * np.sum(np.abs(c))


@pytest.mark.parametrize("n", [1, 2, 3, 4, 6, 10, 15, 25, 40])
def test_gauss_legendre_is_exact_on_degree_2n_minus_1(n):
    rng = np.random.default_rng(n)
    for _ in range(5):
        error, bound = legendre_series_check(n, rng.standard_normal(2 * n))
        assert error <= bound
    # and not on degree 2n: the rule misses the integral of P_n^2, 2 / (2n + 1), by a whole amount
    c = np.zeros(2 * n + 1)
    c[2 * n] = 1.0
    x, w = legendre_nodes_weights(n)
    p2n = np.polynomial.Legendre.basis(n) ** 2
    assert abs(np.sum(w * p2n(x)) - 2 / (2 * n + 1)) > 0.1 / (2 * n + 1)


@settings(max_examples=15, deadline=None)
@given(
    n=st.integers(1, 12),
    c=st.lists(st.floats(-10, 10, allow_nan=False), min_size=24, max_size=24),
    a=st.floats(-5, 5),
    length=st.floats(0.1, 10),
)
def test_gauss_legendre_exactness_on_any_interval(n, c, a, length):
    c = np.array(c[: 2 * n])
    b = a + length
    poly = np.polynomial.Polynomial(c)  # degree <= 2n - 1 in x
    antiderivative = poly.integ()
    exact = antiderivative(b) - antiderivative(a)
    got = gauss_legendre(poly, a, b, n)
    # terms of size up to sum|c_k| max(|a|, |b|)^k times the length; cancellation in `exact` costs as much again
    scale = length * np.sum(np.abs(c) * max(abs(a), abs(b), 1.0) ** np.arange(c.size))
    assert abs(got - exact) <= 16 * (2 * n) * U * scale


# --------------------------------------------------------------------------------------------------------------
# Invariants: exactness of the low-order rules, linearity
# --------------------------------------------------------------------------------------------------------------


def test_low_order_rules_are_exact_where_the_derivation_says():
    line = lambda x: 3.0 * x - 1.0  # noqa: E731  integral over [0, 2]: 4
    cubic = lambda x: x**3 - x  # noqa: E731  integral over [0, 2]: 2
    assert trapezoid(line, 0.0, 2.0, 1) == pytest.approx(4.0, abs=8 * U)
    assert riemann_sum(line, 0.0, 2.0, 1) == pytest.approx(4.0, abs=8 * U)
    assert simpson(cubic, 0.0, 2.0, 2) == pytest.approx(2.0, abs=8 * U)
    assert riemann_sum(line, 0.0, 2.0, 4, rule="left") < 4.0 < riemann_sum(line, 0.0, 2.0, 4, rule="right")


def test_trapezoid_is_the_average_of_left_and_right_and_simpson_is_richardson():
    for n in (2, 8, 30):
        left = riemann_sum(np.exp, 0.0, 1.0, n, rule="left")
        right = riemann_sum(np.exp, 0.0, 1.0, n, rule="right")
        assert trapezoid(np.exp, 0.0, 1.0, n) == pytest.approx((left + right) / 2, rel=10 * n * U)
        richardson = (4 * trapezoid(np.exp, 0.0, 1.0, n) - trapezoid(np.exp, 0.0, 1.0, n // 2)) / 3
        if n % 2 == 0:
            assert simpson(np.exp, 0.0, 1.0, n) == pytest.approx(richardson, rel=20 * n * U)


@settings(max_examples=20, deadline=None)
@given(alpha=st.floats(-5, 5), beta=st.floats(-5, 5), n=st.integers(1, 30))
def test_rules_are_linear_in_f(alpha, beta, n):
    combo = lambda x: alpha * np.sin(x) + beta * np.exp(x)  # noqa: E731
    # each rule is a fixed weighted sum, so linear up to roundoff: c n u (|alpha| + |beta|) e
    tol = 10 * (n + 1) * U * (abs(alpha) + abs(beta)) * math.e
    for rule in (trapezoid, gauss_legendre):
        lhs = rule(combo, 0.0, 1.0, n)
        rhs = alpha * rule(np.sin, 0.0, 1.0, n) + beta * rule(np.exp, 0.0, 1.0, n)
        assert abs(lhs - rhs) <= tol
    m = 2 * n
    lhs = simpson(combo, 0.0, 1.0, m)
    assert abs(lhs - (alpha * simpson(np.sin, 0.0, 1.0, m) + beta * simpson(np.exp, 0.0, 1.0, m))) <= 2 * tol


# --------------------------------------------------------------------------------------------------------------
# Improper integrals, expectations and normalising constants (README, section "Improper integrals ...")
# --------------------------------------------------------------------------------------------------------------


def test_gaussian_integral_by_truncation():
    # Tail beyond L: int_L^inf e^{-x^2} dx <= e^{-L^2} / (2L); at L = 6 that is 2e-17 per side. The trapezoid
    # rule on [-6, 6] converges geometrically (every Euler-Maclaurin term vanishes to 1e-15): h = 0.5 already
    # gives 1e-15, far better than its h^2 = 0.25 order suggests.
    L_ = 6.0
    assert math.exp(-(L_**2)) / (2 * L_) < 1e-16
    gauss = lambda x: np.exp(-(x**2))  # noqa: E731
    assert abs(trapezoid(gauss, -L_, L_, n=24) - math.sqrt(math.pi)) <= 1e-14
    assert abs(gauss_legendre(gauss, -L_, L_, n=48) - math.sqrt(math.pi)) <= 1e-14
    ref, _ = integrate.quad(gauss, -np.inf, np.inf)
    assert abs(ref - math.sqrt(math.pi)) <= 1e-14


def test_gaussian_integral_by_substitution():
    # x = t / (1 - t^2) maps (-1, 1) onto the real line, dx = (1 + t^2) / (1 - t^2)^2 dt; the integrand decays
    # to 0 (with all derivatives) at t = +-1. The Gauss nodes never touch the endpoints.
    def g(t):
        return np.exp(-((t / (1 - t**2)) ** 2)) * (1 + t**2) / (1 - t**2) ** 2

    # slower than truncation: the transformed integrand flattens abruptly near +-1 (measured 1.7e-8 at n = 48)
    assert abs(gauss_legendre(g, -1.0, 1.0, n=48) - math.sqrt(math.pi)) <= 1e-7


def test_normalising_constant_and_expectations_of_a_gaussian():
    # Z of N(0, sigma^2) on [-8 sigma, 8 sigma] (tail mass 1e-15) with 48 nodes: the integrand is entire and the
    # rule is at roundoff level (measured 3e-15 relative)
    sigma = 2.0
    Z = gauss_legendre(lambda x: np.exp(-(x**2) / (2 * sigma**2)), -8 * sigma, 8 * sigma, n=48)
    np.testing.assert_allclose(Z, sigma * math.sqrt(2 * math.pi), rtol=1e-13)
    # Expectations under N(0, 1) on [-8, 8]. E[X^2] = 1 up to the truncated tails, 2 (8 phi(8) + Q(8)) = 8.2e-14.
    p = lambda x: np.exp(-(x**2) / 2) / math.sqrt(2 * math.pi)  # noqa: E731
    assert abs(gauss_legendre(lambda x: x**2 * p(x), -8.0, 8.0, n=48) - 1.0) <= 1e-12
    # softplus has complex singularities at x = +-i pi: on [-8, 8] the Bernstein parameter is
    # rho = pi/8 + sqrt(1 + (pi/8)^2) = 1.47 and rho^-96 = 1e-16; on [-24, 24] it is 1.14, rho^-96 = 3.6e-6, and the
    # bound's M is large (the Gaussian factor grows like e^(y^2/2) off the real axis): the same 48 nodes give a
    # relative error of 1.7e-3 (README exercise 6: "2e-3, fewer than three correct digits"). This is the
    # quadrature error, 1e12 times the rounding error, so it is the same on every machine.
    softplus = lambda x: np.logaddexp(0.0, x)  # noqa: E731
    ref, _ = integrate.quad(lambda x: softplus(x) * p(x), -np.inf, np.inf, epsabs=1e-13)
    np.testing.assert_allclose(gauss_legendre(lambda x: softplus(x) * p(x), -8.0, 8.0, n=48), ref, rtol=1e-12)
    rel = abs(gauss_legendre(lambda x: softplus(x) * p(x), -24.0, 24.0, n=48) / ref - 1)
    assert 1e-3 < rel < 1e-2 and f"{rel:.0e}" == "2e-03"
    rho_24 = math.pi / 24 + math.sqrt(1 + (math.pi / 24) ** 2)
    assert round(-96 * math.log10(rho_24), 1) == -5.4  # rho^-96 = 10^-5.44 = 3.6e-6


# --------------------------------------------------------------------------------------------------------------
# Monte Carlo: unbiased, 1/sqrt(n) error, calibrated standard error
# --------------------------------------------------------------------------------------------------------------

EXP_MEAN = math.e - 1.0  # integral of e^x over [0, 1]
EXP_SD = math.sqrt((math.e**2 - 1) / 2 - (math.e - 1) ** 2)  # sd of e^U, U uniform on [0, 1]: 0.4920


def test_readme_worked_example_monte_carlo():
    est, se = monte_carlo(np.exp, 0.0, 1.0, 1000, rng=0)
    assert (round(est, 4), round(se, 4)) == (1.745, 0.0154)
    assert round(abs(est - EXP_MEAN), 4) == 0.0267 and round(abs(est - EXP_MEAN) / se, 2) == 1.73
    assert round(EXP_SD, 4) == 0.492 and round(EXP_SD / math.sqrt(1000), 4) == 0.0156


def test_monte_carlo_returns_the_named_pair():
    result = monte_carlo(np.exp, 0.0, 1.0, 100, rng=0)
    assert isinstance(result, MonteCarloResult)
    estimate, standard_error = result
    assert (estimate, standard_error) == (result.estimate, result.standard_error)
    # the same seed gives the same numbers; a Generator is advanced, so two calls differ
    assert monte_carlo(np.exp, 0.0, 1.0, 100, rng=0) == result
    gen = np.random.default_rng(0)
    assert monte_carlo(np.exp, 0.0, 1.0, 100, gen) == result
    assert monte_carlo(np.exp, 0.0, 1.0, 100, gen) != result


def test_monte_carlo_estimate_is_the_scaled_sample_mean():
    # independent route: draw the same uniforms and average (b - a) f(U)
    a, b, n = 1.0, 3.0, 500
    u = np.random.default_rng(7).uniform(a, b, size=n)
    y = (b - a) * np.sin(u)
    est, se = monte_carlo(np.sin, a, b, n, rng=7)
    np.testing.assert_allclose(est, y.mean(), rtol=1e-14)
    np.testing.assert_allclose(se, y.std(ddof=1) / math.sqrt(n), rtol=1e-13)


def test_monte_carlo_standard_error_is_calibrated_over_seeds():
    # R independent estimates with n samples each. The interval est +- 1.96 se covers e - 1 with probability
    # p ~ 0.95 (CLT; for n = 200 and this smooth, mildly skewed f the deviation from 0.95 is below 0.01). The
    # number of hits is Binomial(R, p): with R = 1000 its sd is sqrt(R p (1 - p)) = 6.9, so 4 sd either side of
    # 950 (|hits - 950| <= 28, with 0.01 R = 10 more for the CLT error) fails with probability < 1e-4 for a
    # calibrated se. A se that is off by 20 % moves the coverage to 0.90 or 0.98 (50 or 30 hits away).
    R, n = 1000, 200
    results = [monte_carlo(np.exp, 0.0, 1.0, n, rng=seed) for seed in range(R)]
    est = np.array([r.estimate for r in results])
    se = np.array([r.standard_error for r in results])
    hits = int(np.sum(np.abs(est - EXP_MEAN) <= 1.96 * se))
    assert abs(hits - 950) <= 28 + 10
    # the se estimates the true sd of the estimate, EXP_SD / sqrt(n): se^2 is unbiased for it, and its mean over
    # R draws has relative sd about sqrt(2 / (n - 1) / R) = 0.3 % (times a kurtosis factor < 2): 3 % is 10 sd.
    np.testing.assert_allclose(np.mean(se**2), EXP_SD**2 / n, rtol=0.03)
    # unbiased: the mean of R estimates is within 4 of its standard errors, EXP_SD / sqrt(n R), of e - 1
    assert abs(est.mean() - EXP_MEAN) <= 4 * EXP_SD / math.sqrt(n * R)


def test_monte_carlo_error_falls_like_one_over_sqrt_n():
    # RMS error over R = 200 seeds at each n: its relative sd is about 1/sqrt(2R) = 5 %, which moves a slope fitted
    # over 3 decades of n by about 0.05 * sqrt(2) / (3 ln 10) = 0.01: tolerance 0.05.
    ns = np.array([10, 100, 1000, 10_000])
    R = 200
    rms = []
    for n in ns:
        err = np.array([monte_carlo(np.exp, 0.0, 1.0, int(n), rng=1000 * int(n) + s).estimate for s in range(R)])
        rms.append(np.sqrt(np.mean((err - EXP_MEAN) ** 2)))
    slope = np.polyfit(np.log(ns), np.log(rms), 1)[0]
    assert abs(slope - (-0.5)) <= 0.05
    # and the level: RMS error = EXP_SD / sqrt(n), to the 5 % sampling sd times 4
    np.testing.assert_allclose(np.array(rms) * np.sqrt(ns), EXP_SD, rtol=0.2)


# --------------------------------------------------------------------------------------------------------------
# The README's worked example, recomputed
# --------------------------------------------------------------------------------------------------------------


def test_readme_worked_example_integrals():
    # int_0^1 e^x dx = e - 1 = 1.718282 with two subintervals / two nodes
    assert round(trapezoid(np.exp, 0.0, 1.0, 2), 6) == 1.753931
    assert round(simpson(np.exp, 0.0, 1.0, 2), 6) == 1.718861
    assert round(gauss_legendre(np.exp, 0.0, 1.0, 2), 6) == 1.717896
    assert round(riemann_sum(np.exp, 0.0, 1.0, 2, rule="left"), 6) == 1.324361
    assert round(riemann_sum(np.exp, 0.0, 1.0, 2), 6) == 1.700513
    # errors and the predictions h^2/12 (f'(1) - f'(0)), h^4/180 (f'''(1) - f'''(0)) with h = 1/2
    assert round(trapezoid(np.exp, 0.0, 1.0, 2) - EXP_MEAN, 4) == 0.0356
    assert round(0.25 / 12 * (math.e - 1), 4) == 0.0358
    assert round((simpson(np.exp, 0.0, 1.0, 2) - EXP_MEAN) * 1e4, 2) == 5.79
    assert round(0.0625 / 180 * (math.e - 1) * 1e4, 2) == 5.97
    # the remaining errors of the table
    assert round(riemann_sum(np.exp, 0.0, 1.0, 2, rule="left") - EXP_MEAN, 6) == -0.393921
    assert round(riemann_sum(np.exp, 0.0, 1.0, 2) - EXP_MEAN, 6) == -0.017769
    assert round((gauss_legendre(np.exp, 0.0, 1.0, 2) - EXP_MEAN) * 1e4, 2) == -3.85
    # the nodes 1/2 -+ 1/(2 sqrt 3)
    assert round(0.5 - 0.5 / math.sqrt(3), 6) == 0.211325 and round(0.5 + 0.5 / math.sqrt(3), 6) == 0.788675


# --------------------------------------------------------------------------------------------------------------
# Bad input
# --------------------------------------------------------------------------------------------------------------

ALL_RULES = [
    lambda f, a, b, n: trapezoid(f, a, b, n),
    lambda f, a, b, n: simpson(f, a, b, 2 * n if isinstance(n, int) and n > 0 else n),
    lambda f, a, b, n: gauss_legendre(f, a, b, n),
    lambda f, a, b, n: riemann_sum(f, a, b, n),
    lambda f, a, b, n: monte_carlo(f, a, b, n + 1 if isinstance(n, int) and n > 0 else n, rng=0),
]
RULE_IDS = ["trapezoid", "simpson", "gauss_legendre", "riemann_sum", "monte_carlo"]


@pytest.mark.parametrize("rule", ALL_RULES, ids=RULE_IDS)
@pytest.mark.parametrize(
    ("a", "b", "match"),
    [
        (np.nan, 1.0, "a must be finite"),
        (0.0, np.inf, "b must be finite"),
        (1.0, 1.0, "a must be < b"),
        (2.0, 1.0, "a must be < b"),
        (-1e308, 1e308, "b - a must be finite"),
    ],
)
def test_bad_interval_raises(rule, a, b, match):
    with pytest.raises(ValueError, match=match):
        rule(np.exp, a, b, 4)


@pytest.mark.parametrize("rule", ALL_RULES, ids=RULE_IDS)
def test_bad_f_raises(rule):
    with pytest.raises(TypeError, match="f must be callable"):
        rule(3.0, 0.0, 1.0, 4)
    with pytest.raises(ValueError, match=r"f must be vectorised.*got shape \(\)"):
        rule(lambda x: 1.0, 0.0, 1.0, 4)  # a scalar, not an array of the nodes' shape
    with pytest.raises(ValueError, match="f must be vectorised"):
        rule(lambda x: np.ones((2, x.size)), 0.0, 1.0, 4)
    with pytest.raises(ValueError, match="f returned a non-finite value"):
        rule(lambda x: np.full_like(x, np.inf), 0.0, 1.0, 4)
    with pytest.raises(ValueError, match="f must return real numbers"):
        rule(lambda x: x + 1j, 0.0, 1.0, 4)
    with pytest.raises(ValueError, match="f must return real numbers"):
        rule(lambda x: np.array(["a"] * x.size), 0.0, 1.0, 4)


@pytest.mark.parametrize("rule", ALL_RULES, ids=RULE_IDS)
def test_bad_n_raises(rule):
    with pytest.raises(TypeError, match="n must be an integer"):
        rule(np.exp, 0.0, 1.0, 2.0)
    with pytest.raises(ValueError, match="n must be >= 1"):
        rule(np.exp, 0.0, 1.0, 0)


def test_simpson_needs_an_even_n():
    with pytest.raises(ValueError, match=r"n must be even.*got n=5"):
        simpson(np.exp, 0.0, 1.0, 5)
    with pytest.raises(ValueError, match=r"n must be even.*got n=1"):
        simpson(np.exp, 0.0, 1.0, 1)


def test_monte_carlo_needs_two_samples_and_a_valid_rng():
    with pytest.raises(ValueError, match=r"n must be >= 2.*got n=1"):
        monte_carlo(np.exp, 0.0, 1.0, 1, rng=0)
    with pytest.raises(TypeError):
        monte_carlo(np.exp, 0.0, 1.0, 10, rng="seed")


def test_riemann_sum_rule_must_be_known():
    assert RIEMANN_RULES == ("left", "right", "midpoint")
    with pytest.raises(ValueError, match="rule must be one of"):
        riemann_sum(np.exp, 0.0, 1.0, 4, rule="trapezoid")


def test_legendre_nodes_weights_bad_n():
    with pytest.raises(TypeError, match="n must be an integer"):
        legendre_nodes_weights(3.0)
    with pytest.raises(ValueError, match="n must be >= 1"):
        legendre_nodes_weights(0)


@settings(max_examples=20, deadline=None)
@given(a=st.sampled_from([np.nan, np.inf, -np.inf]), which=st.sampled_from(["a", "b"]))
def test_non_finite_limits_are_refused_by_every_rule(a, which):
    for rule in ALL_RULES:
        limits = (a, 1.0) if which == "a" else (0.0, a)
        with pytest.raises(ValueError, match=f"{which} must be finite"):
            rule(np.exp, *limits, 4)
