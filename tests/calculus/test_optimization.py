"""Tests for calculus.python_implementations.optimization.

References: closed-form minimisers (numpy.linalg.solve for quadratics, (1, 1) for Rosenbrock),
scipy.optimize.minimize on a regularised logistic regression, and the convergence theory of the README
(iteration counts predicted from the contraction rate, quadratic convergence of Newton, the Armijo condition).
"""

import math
import warnings

import numpy as np
import pytest
import scipy.optimize
from hypothesis import given
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from calculus.python_implementations.optimization import (
    OptimizationResult,
    backtracking_line_search,
    gradient_descent,
    gradient_descent_backtracking,
    momentum,
    newton_method,
)

TOL = 1e-8
U = np.finfo(float).eps / 2  # unit roundoff u


# --------------------------------------------------------------------------------------------------------------
# Test problems with known answers
# --------------------------------------------------------------------------------------------------------------


def quadratic(A, b):
    """f(x) = x^T A x / 2 - b^T x with gradient A x - b and Hessian A."""
    return (lambda x: 0.5 * x @ A @ x - b @ x), (lambda x: A @ x - b), (lambda x: A)


def rosenbrock(x):
    return (1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2


def rosenbrock_grad(x):
    return np.array([-2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] ** 2), 200 * (x[1] - x[0] ** 2)])


def rosenbrock_hess(x):
    return np.array([[2 - 400 * (x[1] - 3 * x[0] ** 2), -400 * x[0]], [-400 * x[0], 200.0]])


def spd(d, kappa, rng):
    """Symmetric positive definite matrix with eigenvalues spread from 1 to kappa, random eigenvectors."""
    Q, _ = np.linalg.qr(rng.standard_normal((d, d)))
    return (Q * np.linspace(1.0, kappa, d)) @ Q.T  # Q diag(lam) Q^T, (d, d)


def gd_predicted_iterations(kappa, grad0_norm, tol=TOL):
    """k = ceil(log(tol / ||g0||) / log(rate)), rate = (kappa - 1) / (kappa + 1)."""
    rate = (kappa - 1) / (kappa + 1)
    return math.ceil(math.log(tol / grad0_norm) / math.log(rate))


def heavy_ball_predicted_iterations(kappa, tol=TOL):
    """Smallest k with ||g_k|| <= tol for A = diag(1, kappa), x0 = (1, 1), tuned heavy ball (README table).

    At the tuned parameters both eigen-directions have a double root of modulus r, so each error component is
    (1 + (1 -/+ r) k) (+/- r)^k times its start value.
    """
    r = (math.sqrt(kappa) - 1) / (math.sqrt(kappa) + 1)
    k = 0
    while math.hypot((1 + (1 - r) * k) * r**k, kappa * (1 + (1 + r) * k) * r**k) > tol:
        k += 1
    return k


# --------------------------------------------------------------------------------------------------------------
# Closed-form minimisers
# --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("d, kappa", [(1, 1.0), (2, 3.0), (5, 10.0), (8, 50.0)])
def test_all_methods_reach_quadratic_minimiser(d, kappa):
    rng = np.random.default_rng(1234)
    A = spd(d, kappa, rng)
    b = rng.standard_normal(d)
    f, grad, hess = quadratic(A, b)
    x_star = np.linalg.solve(A, b)
    x0 = rng.standard_normal(d)
    L, mu = kappa, 1.0
    sk = math.sqrt(kappa)
    results = [
        gradient_descent(grad, x0, 2 / (L + mu)),
        momentum(grad, x0, 4 / (sk + 1) ** 2, beta=((sk - 1) / (sk + 1)) ** 2),
        newton_method(grad, hess, x0),
    ]
    # An Armijo search compares values of f known to ~eps |f|: it cannot certify decrease once
    # alpha ||g||^2 < eps |f| (README, Pitfalls), so it gets the looser tolerance 1e-6.
    results.append(gradient_descent_backtracking(f, grad, x0, tol=1e-6))
    for res, tol in zip(results, [TOL, TOL, TOL, 1e-6], strict=True):
        assert res.converged
        assert np.linalg.norm(grad(res.x)) <= tol
        # ||x - x*|| = ||A^{-1} g|| <= ||g|| / mu with mu = 1, plus rounding in x* itself
        assert_allclose(res.x, x_star, rtol=0, atol=tol / mu + 1e-12)


def test_newton_one_step_on_quadratic():
    # The second-order model of a quadratic is the quadratic itself: one step lands on A^{-1} b.
    rng = np.random.default_rng(1234)
    A = spd(6, 1e4, rng)
    b = rng.standard_normal(6)
    _, grad, hess = quadratic(A, b)
    x0 = 100 * rng.standard_normal(6)
    res = newton_method(grad, hess, x0)
    assert res.n_iter == 1 and res.converged
    # Cholesky is backward stable: the step p solves (H + E) p = -g with ||E|| <= c d u ||H||, so
    # ||p - p*|| <= c d u kappa ||p*|| (to first order), and p* = x* - x0 is as long as the start is far:
    # ||x - x*|| <= c d u kappa ||x0 - x*||, with c = 10 generous (plus the rounding of g = A x0 - b, of the
    # same size). Relative to x* itself this is ~1e-8, not the 1e-11 that kappa u alone would suggest.
    x_star = np.linalg.solve(A, b)
    assert np.linalg.norm(res.x - x_star) <= 10 * 6 * U * 1e4 * np.linalg.norm(x0 - x_star)


def test_newton_step_is_the_cholesky_solution():
    # the step solves H p = -g through H = L L^T: scipy's Cholesky solve is the independent reference
    import scipy.linalg

    rng = np.random.default_rng(7)
    A = spd(5, 1e3, rng)
    b = rng.standard_normal(5)
    _, grad, hess = quadratic(A, b)
    x0 = rng.standard_normal(5)
    with pytest.warns(RuntimeWarning, match="max_iter=1"):
        res = newton_method(grad, hess, x0, tol=0.0, max_iter=1)
    p_ref = scipy.linalg.cho_solve(scipy.linalg.cho_factor(A, lower=True), -grad(x0))
    # both backward stable: ||p - p_ref|| <= 2 c d u kappa ||p||, c = 10
    assert np.linalg.norm(res.path[1] - x0 - p_ref) <= 2 * 10 * 5 * U * 1e3 * np.linalg.norm(p_ref)


def test_newton_reads_only_the_lower_triangle_of_the_hessian():
    # the Hessian is symmetric; Cholesky uses one triangle, so garbage above the diagonal changes nothing
    A = np.array([[4.0, 1.0], [1.0, 3.0]])
    garbage = np.array([[4.0, 1e9], [1.0, 3.0]])
    b = np.array([1.0, 2.0])
    res = newton_method(lambda x: A @ x - b, lambda x: garbage, [0.0, 0.0])
    assert res.converged and res.n_iter == 1
    assert_allclose(res.x, np.linalg.solve(A, b), rtol=10 * 2 * U * 3)


def test_rosenbrock_minimum_newton_and_momentum():
    x0 = [-1.2, 1.0]
    newton = newton_method(rosenbrock_grad, rosenbrock_hess, x0)
    hb = momentum(rosenbrock_grad, x0, learning_rate=1e-3, beta=0.9, max_iter=10_000)
    # README: Newton needs 6 steps, the heavy ball 4128 with eta = 1e-3, beta = 0.9.
    assert (newton.n_iter, hb.n_iter) == (6, 4128)
    for res in (newton, hb):
        assert res.converged
        # Hessian at (1, 1) has smallest eigenvalue ~0.4: ||x - x*|| <= ||g|| / 0.39
        assert_allclose(res.x, [1.0, 1.0], rtol=0, atol=TOL / 0.39)


def test_heavy_ball_is_not_monotone_on_rosenbrock():
    # README, Pitfalls: the heavy ball can increase f (already at its second step: 5.35 -> 23.5).
    hb = momentum(rosenbrock_grad, [-1.2, 1.0], learning_rate=1e-3, beta=0.9)
    values = np.array([rosenbrock(x) for x in hb.path])
    assert values[2] > values[1] and np.sum(np.diff(values) > 0) > 5


def test_rosenbrock_gradient_descent_near_minimum():
    # Started close to (1, 1), fixed-step GD with eta < 2 / L(1, 1) ~ 2e-3 converges to the known minimiser.
    res = gradient_descent(rosenbrock_grad, [1.1, 1.2], learning_rate=1e-3, tol=1e-6, max_iter=30_000)
    assert res.converged
    assert_allclose(res.x, [1.0, 1.0], rtol=0, atol=1e-6 / 0.39)


def test_against_scipy_on_logistic_regression():
    # L(w) = sum log(1 + exp(-y_i x_i^T w)) + lam/2 ||w||^2, strongly convex with modulus >= lam.
    rng = np.random.default_rng(1234)
    n, d, lam = 80, 3, 0.5
    X = rng.standard_normal((n, d))
    y = np.where(X @ np.array([1.0, -2.0, 0.5]) + 0.5 * rng.standard_normal(n) > 0, 1.0, -1.0)

    def loss(w):
        return np.sum(np.logaddexp(0.0, -y * (X @ w))) + 0.5 * lam * w @ w

    def grad(w):
        s = 1.0 / (1.0 + np.exp(y * (X @ w)))  # sigma(-y x^T w), (n,)
        return -X.T @ (y * s) + lam * w  # (d, n) @ (n,) -> (d,)

    def hess(w):
        p = 1.0 / (1.0 + np.exp(-(X @ w)))  # (n,)
        return (X.T * (p * (1 - p))) @ X + lam * np.eye(d)  # (d, n) @ (n, d) -> (d, d)

    ref = scipy.optimize.minimize(
        loss, np.zeros(d), jac=grad, hess=hess, method="trust-exact", options={"gtol": 1e-12}
    )
    assert ref.success
    ours_newton = newton_method(grad, hess, np.zeros(d), tol=1e-10)
    # the loss is ~30 here: eps |L| ~ 1e-14 limits a function-value line search to ||g|| ~ 1e-6
    ours_bt = gradient_descent_backtracking(loss, grad, np.zeros(d), tol=1e-6)
    for res, tol in ((ours_newton, 1e-10), (ours_bt, 1e-6)):
        assert res.converged
        # ||g(w)|| <= tol, ||g(w_ref)|| <= 1e-12 and strong convexity >= lam: ||w - w_ref|| <= (tol + 1e-12) / lam
        assert_allclose(res.x, ref.x, rtol=0, atol=(tol + 1e-12) / lam)
    assert ours_newton.n_iter <= 10


# --------------------------------------------------------------------------------------------------------------
# Measured versus theoretical convergence
# --------------------------------------------------------------------------------------------------------------

# The table of the README, section "Worked example":
# kappa, GD rate, GD predicted (= measured), HB rate, HB rate-only prediction, HB predicted (= measured).
README_TABLE = [
    (2, 0.3333, 18, 0.1716, 11, 13),
    (10, 0.8182, 104, 0.5195, 32, 38),
    (100, 0.9802, 1152, 0.8182, 115, 143),
    (1000, 0.9980, 12665, 0.9387, 401, 510),
]


@pytest.mark.parametrize("kappa, gd_rate, gd_count, hb_rate, hb_rate_only, hb_count", README_TABLE)
def test_readme_iteration_table(kappa, gd_rate, gd_count, hb_rate, hb_rate_only, hb_count):
    A = np.diag([1.0, float(kappa)])
    x0 = np.ones(2)
    g0 = np.linalg.norm(A @ x0)
    sk = math.sqrt(kappa)
    # Theory, independent of the code: g_k = (I - eta A)^k g_0 and both components shrink by exactly the rate.
    assert_allclose([(kappa - 1) / (kappa + 1), (sk - 1) / (sk + 1)], [gd_rate, hb_rate], atol=5e-5)
    assert gd_predicted_iterations(kappa, g0) == gd_count
    assert math.ceil(math.log(TOL / g0) / math.log((sk - 1) / (sk + 1))) == hb_rate_only
    assert heavy_ball_predicted_iterations(kappa) == hb_count
    gd = gradient_descent(lambda x: A @ x, x0, 2 / (1 + kappa), max_iter=20_000)
    hb = momentum(lambda x: A @ x, x0, 4 / (sk + 1) ** 2, beta=((sk - 1) / (sk + 1)) ** 2)
    assert gd.converged and hb.converged
    # Exact predictions; the README states measured = predicted, which holds here (rounding could in principle
    # move a boundary crossing by one step, so a mismatch of one would point to rounding, not to the theory).
    assert (gd.n_iter, hb.n_iter) == (gd_count, hb_count)


def test_worked_example_kappa_3():
    # README worked example: A = diag(1, 3), eta = 0.5, x0 = (1, 1): error halves, 29 steps to ||g|| <= 1e-8.
    A = np.diag([1.0, 3.0])
    res = gradient_descent(lambda x: A @ x, [1.0, 1.0], 0.5)
    assert res.n_iter == 29 == gd_predicted_iterations(3, math.sqrt(10))
    assert_allclose(res.path[:4], [[1, 1], [0.5, -0.5], [0.25, 0.25], [0.125, -0.125]], rtol=0, atol=0)
    errors = np.linalg.norm(res.path, axis=1)
    assert_allclose(errors[1:] / errors[:-1], 0.5, rtol=1e-12)  # powers of two: exact in floating point
    # tuned heavy ball: eta = 4 / (1 + sqrt 3)^2 = 0.5359, beta = 0.0718, rate 0.2679, 18 steps
    sk = math.sqrt(3)
    eta, beta = 4 / (1 + sk) ** 2, ((sk - 1) / (sk + 1)) ** 2
    assert_allclose([eta, beta, math.sqrt(beta)], [0.5359, 0.0718, 0.2679], atol=5e-5)
    assert momentum(lambda x: A @ x, [1.0, 1.0], eta, beta=beta).n_iter == 18


@pytest.mark.parametrize("d, kappa", [(2, 5.0), (6, 20.0), (10, 100.0)])
def test_gd_count_matches_rate_on_rotated_quadratic(d, kappa):
    # Eigenvalues 1..kappa, start with error only along the extreme eigenvectors: ||g_k|| = rate^k ||g_0||.
    rng = np.random.default_rng(1234)
    Q, _ = np.linalg.qr(rng.standard_normal((d, d)))
    A = (Q * np.linspace(1.0, kappa, d)) @ Q.T
    x0 = Q[:, 0] + Q[:, -1]  # (d,)
    res = gradient_descent(lambda x: A @ x, x0, 2 / (1 + kappa))
    predicted = gd_predicted_iterations(kappa, np.linalg.norm(A @ x0))
    assert abs(res.n_iter - predicted) <= 1


@given(
    kappa=st.floats(1.5, 50.0),
    seed=st.integers(0, 2**32 - 1),
)
def test_gd_never_slower_than_rate_bound(kappa, seed):
    # For any start, ||g_k|| <= rate^k ||g_0||: the measured count never exceeds the prediction (+1 for rounding).
    rng = np.random.default_rng(seed)
    A = spd(4, kappa, rng)
    x0 = rng.standard_normal(4)
    res = gradient_descent(lambda x: A @ x, x0, 2 / (1 + kappa), max_iter=5_000)
    assert res.converged
    assert res.n_iter <= gd_predicted_iterations(kappa, np.linalg.norm(A @ x0)) + 1


def test_newton_quadratic_convergence():
    # f(x) = e^x - 2x, x* = ln 2: e_{k+1} ~ f'''/(2 f'') e_k^2 = e_k^2 / 2 (README, Newton subsection).
    res = newton_method(lambda x: np.exp(x) - 2, lambda x: np.exp(x), 1.0, tol=1e-15)
    e = np.abs(res.path[:, 0] - math.log(2))
    e = e[e > 1e-15]  # the last error is at roundoff level
    ratios = e[1:] / e[:-1] ** 2
    # Taylor: e_{k+1} / e_k^2 = e^{xi} / (2 e^{x_k}) with xi between x_k and x*, inside [0.45, 0.5] from x0 = 1
    assert np.all((ratios > 0.45) & (ratios < 0.5 + 1e-3))
    assert res.converged and res.n_iter == 5
    # README worked example: errors 0.307, 0.0426, 8.95e-4, 4.0e-7, 8e-14 and ratios 0.453, 0.493, 0.4999
    assert_allclose(e[:4], [0.307, 0.0426, 8.95e-4, 4.0e-7], rtol=5e-3)
    assert_allclose(ratios[:3], [0.453, 0.493, 0.4999], atol=5e-4)
    # the fifth error, 8e-14 = 0.5 * (4.0e-7)^2, carries the rounding of ln 2 (~1e-16): 1 % is ample
    assert_allclose(e[4], 8e-14, rtol=1e-2)


def test_newton_rosenbrock_quadratic_convergence():
    res = newton_method(rosenbrock_grad, rosenbrock_hess, [-1.2, 1.0])
    e = np.linalg.norm(res.path - 1.0, axis=1)
    # last three steps are in the quadratic regime: e_{k+1} <= C e_k^2 with C ~ ||H(x*)^{-1}|| M / 2, where
    # ||H(x*)^{-1}|| = 1 / 0.3994 and M ~ 2500 (third derivatives 2400 x and -400): C ~ 3.1e3
    assert np.all(e[-3:] <= 3.5e3 * e[-4:-1] ** 2)


# --------------------------------------------------------------------------------------------------------------
# Line search
# --------------------------------------------------------------------------------------------------------------


def test_backtracking_worked_example():
    # README: at (1, 1) on diag(1, 3), alpha = 1 gives f = 6 > 2, alpha = 0.5 gives f = 0.5: accepted.
    f, grad, _ = quadratic(np.diag([1.0, 3.0]), np.zeros(2))
    assert f(np.array([1.0, 1.0])) == 2 and f(np.array([0.0, -2.0])) == 6 and f(np.array([0.5, -0.5])) == 0.5
    assert backtracking_line_search(f, grad, [1.0, 1.0], [-1.0, -3.0]) == 0.5
    res = gradient_descent_backtracking(f, grad, [1.0, 1.0])
    assert res.n_iter == 29  # every search returns 0.5 = 2 / (L + mu): the README's 29 steps again


@given(
    seed=st.integers(0, 2**32 - 1), c=st.sampled_from([1e-4, 0.1, 0.5]), rho=st.sampled_from([0.3, 0.5, 0.8])
)
def test_armijo_condition_holds_and_step_is_largest(seed, c, rho):
    rng = np.random.default_rng(seed)
    A = spd(3, 20.0, rng)
    f, grad, _ = quadratic(A, rng.standard_normal(3))
    x = rng.standard_normal(3)
    g = grad(x)
    d = -g + 0.5 * np.linalg.norm(g) * rng.standard_normal(3) / math.sqrt(3)
    if g @ d >= 0:
        d = -g
    alpha = backtracking_line_search(f, grad, x, d, alpha0=1.0, rho=rho, c=c)
    assert f(x + alpha * d) <= f(x) + c * alpha * (g @ d)
    # the previous trial alpha / rho failed (unless alpha is the first trial)
    if alpha < 1.0:
        assert f(x + alpha / rho * d) > f(x) + c * alpha / rho * (g @ d)
    # theory for L-smooth f along d: alpha >= rho * min(1, 2 (1 - c) |g.d| / (L ||d||^2)), L = 20
    assert alpha >= rho * min(1.0, 2 * (1 - c) * abs(g @ d) / (20.0 * d @ d)) * (1 - 1e-12)


def test_backtracking_shrinks_through_overflow():
    # f = exp(x^2) from x = 1 along d = -1000: the first trials give x^2 ~ 1e6 and exp overflows to inf.
    # By hand: alpha = 2^-8 gives x = -2.906, f = 4.7e3 > e; alpha = 2^-9 gives x = -0.953,
    # f = 2.48 <= e (1 - 2e-4 * 2^-9 * 1000) = 2.717: accepted.
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no overflow warning, no exception
        alpha = backtracking_line_search(
            lambda x: np.exp(x[0] ** 2), lambda x: 2 * x * np.exp(x**2), [1.0], [-1000.0]
        )
    assert alpha == 2.0**-9


def test_backtracking_failure_warns():
    # c close to 1 on a function with a kink: no step can reach the tangent-line decrease.
    with pytest.warns(RuntimeWarning, match="Armijo"):
        alpha = backtracking_line_search(
            lambda x: abs(x[0]), lambda x: np.sign(x), [1e-30], [-1.0], c=0.9, max_iter=5
        )
    assert alpha == 0.5**4


# --------------------------------------------------------------------------------------------------------------
# Divergence, saddles, non-convergence
# --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("eta_times_L", [2.1, 3.0, 100.0])
def test_gd_divergence_reported(eta_times_L):
    A = np.diag([1.0, 10.0])
    with pytest.warns(RuntimeWarning, match="diverged"):
        res = gradient_descent(lambda x: A @ x, [1.0, 1.0], eta_times_L / 10.0)
    assert not res.converged
    assert np.all(np.isfinite(res.x)) and np.all(np.isfinite(res.path))
    assert res.path.shape == (res.n_iter + 1, 2)
    assert_allclose(res.path[-1], res.x)
    # |1 - eta L| = eta_times_L - 1 > 1 per step; stopped once ||g|| > 1e6 ||g0||
    assert res.n_iter <= math.ceil(math.log(1e6) / math.log(eta_times_L - 1)) + 1


def _first_update_past_threshold(A, eta, g0):
    """First k with ||(I - eta A)^k g0|| > 1e6 max(1, ||g0||), from the eigenvalues of a diagonal A (theory)."""
    factors = 1 - eta * np.diag(A)
    k = 0
    while np.linalg.norm(factors**k * g0) <= 1e6 * max(1.0, np.linalg.norm(g0)):
        k += 1
    return k


def test_mild_divergence_in_the_notebook_is_reported_as_divergence():
    # notebook section 4: A = diag(1, 10), eta = 0.21, |1 - eta L| = 1.1. The gradient grows by 1.1 per step and
    # crosses the threshold at update 146 (||g_146|| / threshold = 1.0994, ||g_145|| / threshold = 0.9995: a margin
    # far above rounding), so 145 updates are accepted and the run is reported as diverged, not as max_iter.
    A = np.diag([1.0, 10.0])
    assert _first_update_past_threshold(A, 0.21, np.array([1.0, 10.0])) == 146
    with pytest.warns(RuntimeWarning, match="gradient_descent diverged after 145 updates"):
        res = gradient_descent(lambda x: A @ x, [1.0, 1.0], 0.21, tol=1e-6, max_iter=300)
    assert not res.converged and res.n_iter == 145


def test_eta_just_below_two_over_L_converges():
    A = np.diag([1.0, 10.0])
    assert gradient_descent(lambda x: A @ x, [1.0, 1.0], 1.9 / 10.0).converged


@pytest.mark.parametrize("use_math", [True, False])
def test_overflow_in_grad_is_divergence_not_exception(use_math):
    # f(x) = -exp(x) is unbounded below; GD runs to +inf and exp overflows.
    grad = (lambda x: -math.exp(x[0])) if use_math else (lambda x: -np.exp(x))
    with pytest.warns(RuntimeWarning, match="diverged"):
        res = gradient_descent(grad, 0.0, 1.0)
    assert not res.converged and np.all(np.isfinite(res.path))


def test_momentum_divergence_reported():
    A = np.diag([1.0, 10.0])
    with pytest.warns(RuntimeWarning, match="diverged"):
        res = momentum(lambda x: A @ x, [1.0, 1.0], learning_rate=0.5, beta=0.9)
    assert not res.converged and np.all(np.isfinite(res.x))


def test_max_iter_reported():
    A = np.diag([1.0, 1000.0])
    with pytest.warns(RuntimeWarning, match="max_iter=50"):
        res = gradient_descent(lambda x: A @ x, [1.0, 1.0], 1e-3, max_iter=50)
    assert not res.converged and res.n_iter == 50 and res.path.shape == (51, 2)


def test_saddle_gradient_descent():
    grad = lambda z: np.array([2 * z[0], -2 * z[1]])  # f = x^2 - y^2  # noqa: E731
    # on the line y = 0 the y-component stays exactly 0: GD converges to the saddle
    on_line = gradient_descent(grad, [1.0, 0.0], 0.1)
    assert on_line.converged and np.all(np.abs(on_line.x) <= TOL)
    # a perturbation of 1e-8 grows by (1 + 2 eta) = 1.2 per step: GD escapes (and f is unbounded below)
    with pytest.warns(RuntimeWarning, match="max_iter=120"):
        off = gradient_descent(grad, [1.0, 1e-8], 0.1, max_iter=120)
    assert_allclose(off.x, [0.8**120, 1e-8 * 1.2**120], rtol=1e-12)  # 120 roundings of a product: ~1e-14
    assert abs(off.x[1]) > 30


def test_newton_stops_at_an_indefinite_hessian():
    # README (Saddle points): the pure Newton step on x^2 - y^2 jumps to the saddle; newton_method detects the
    # indefinite Hessian diag(2, -2) (Cholesky pivot 2, counted from 1, is -2) and stops at the start instead
    grad = lambda z: np.array([2 * z[0], -2 * z[1]])  # noqa: E731
    hess = lambda z: np.diag([2.0, -2.0])  # noqa: E731
    with pytest.warns(RuntimeWarning, match=r"not positive definite.*pivot 2 is -2 <= 0"):
        res = newton_method(grad, hess, [1.0, 0.6])
    assert not res.converged and res.n_iter == 0
    assert_allclose(res.x, [1.0, 0.6], rtol=0)
    # the pure step the text describes, from numpy: p = -H^{-1} g = (-1, -0.6) lands on the saddle
    assert_allclose(np.array([1.0, 0.6]) + np.linalg.solve(hess(None), -grad([1.0, 0.6])), [0.0, 0.0], atol=0)


def test_newton_converges_or_stops_by_the_curvature_at_the_start():
    # f(x) = x^4 / 4 - x^2 / 2 has f'' = 3 x^2 - 1 < 0 for |x| < 0.577: from x0 = 0.7 (f'' = 0.47 > 0) the first
    # step goes to 0.7 - (0.343 - 0.7) / 0.47 = 1.46, ... Newton converges to the minimiser 1 in a few steps; from
    # x0 = 0.5 the Hessian is already negative and no step is taken.
    grad = lambda x: x**3 - x  # noqa: E731
    hess = lambda x: np.array([[3 * x[0] ** 2 - 1]])  # noqa: E731
    good = newton_method(grad, hess, 0.7)
    assert good.converged and abs(good.x[0] - 1.0) <= TOL / 2  # f''(1) = 2: error <= ||g|| / 2
    with pytest.warns(RuntimeWarning, match="not positive definite"):
        bad = newton_method(grad, hess, 0.5)
    assert not bad.converged and bad.n_iter == 0


def test_newton_singular_hessian():
    # f(x) = x_1^2 + x_2 has Hessian diag(2, 0): no Newton step exists.
    with pytest.warns(RuntimeWarning, match="singular"):
        res = newton_method(lambda x: np.array([2 * x[0], 1.0]), lambda x: np.diag([2.0, 0.0]), [1.0, 1.0])
    assert not res.converged and res.n_iter == 0
    assert_allclose(res.x, [1.0, 1.0])


def test_newton_nonfinite_hessian():
    with pytest.warns(RuntimeWarning, match="not finite"):
        res = newton_method(lambda x: 2 * x, lambda x: np.full((2, 2), np.nan), [1.0, 1.0])
    assert not res.converged and res.n_iter == 0


# --------------------------------------------------------------------------------------------------------------
# Result conventions
# --------------------------------------------------------------------------------------------------------------


def test_result_type_and_path_conventions():
    x0 = np.array([1.0, 2.0])
    x0_copy = x0.copy()
    res = gradient_descent(lambda x: 2 * x, x0, 0.5)
    assert isinstance(res, OptimizationResult)
    assert res._fields == ("x", "n_iter", "converged", "path")
    assert res.path.shape == (res.n_iter + 1, 2)
    assert_allclose(res.path[0], x0_copy)
    assert_allclose(res.path[-1], res.x)
    assert_allclose(x0, x0_copy, atol=0)  # caller's array untouched
    assert res.n_iter == 1  # eta = 1 / L: the exact minimiser after one step


@pytest.mark.parametrize(
    "call",
    [
        lambda: gradient_descent(lambda x: x, [0.0, 0.0], 0.1),
        lambda: momentum(lambda x: x, [0.0, 0.0], 0.1),
        lambda: newton_method(lambda x: x, lambda x: np.eye(2), [0.0, 0.0]),
        lambda: gradient_descent_backtracking(lambda x: x @ x / 2, lambda x: x, [0.0, 0.0]),
    ],
)
def test_optimal_start_gives_zero_iterations(call):
    res = call()
    assert res.n_iter == 0 and res.converged and res.path.shape == (1, 2)


def test_scalar_start_is_shape_one():
    res = newton_method(lambda x: 2 * (x - 3), lambda x: 2.0, 0.0)
    assert res.x.shape == (1,) and res.path.shape == (2, 1)
    assert_allclose(res.x, [3.0])


def test_tol_zero_allowed():
    # exact arithmetic here: eta = 1/2 on f = x^2 lands on 0 exactly
    res = gradient_descent(lambda x: 2 * x, [1.0], 0.5, tol=0.0)
    assert res.converged and res.n_iter == 1


# --------------------------------------------------------------------------------------------------------------
# Bad input
# --------------------------------------------------------------------------------------------------------------

GRAD = lambda x: x  # noqa: E731
HESS = lambda x: np.eye(x.shape[0])  # noqa: E731
F = lambda x: 0.5 * x @ x  # noqa: E731


@pytest.mark.parametrize(
    "kwargs, exc, match",
    [
        ({"x0": [np.nan, 1.0]}, ValueError, "x0"),
        ({"x0": [np.inf]}, ValueError, "x0"),
        ({"x0": np.ones((2, 2))}, ValueError, "x0"),
        ({"x0": []}, ValueError, "x0"),
        ({"x0": "ab"}, ValueError, "x0"),
        ({"grad": "not a function"}, TypeError, "grad"),
        ({"grad": lambda x: np.ones(3)}, ValueError, "grad"),
        ({"grad": lambda x: np.full(2, np.nan)}, ValueError, "grad"),
        ({"learning_rate": 0.0}, ValueError, "learning_rate"),
        ({"learning_rate": -1.0}, ValueError, "learning_rate"),
        ({"learning_rate": np.nan}, ValueError, "learning_rate"),
        ({"learning_rate": "0.1"}, TypeError, "learning_rate"),
        ({"tol": -1e-3}, ValueError, "tol"),
        ({"tol": np.nan}, ValueError, "tol"),
        ({"max_iter": 0}, ValueError, "max_iter"),
        ({"max_iter": 2.5}, TypeError, "max_iter"),
    ],
)
@pytest.mark.parametrize("method", [gradient_descent, momentum])
def test_first_order_bad_input(method, kwargs, exc, match):
    args = {"grad": GRAD, "x0": [1.0, 1.0], "learning_rate": 0.1} | kwargs
    with pytest.raises(exc, match=match):
        method(**args)


@pytest.mark.parametrize("beta", [-0.1, 1.0, 1.5, np.nan])
def test_momentum_bad_beta(beta):
    with pytest.raises(ValueError, match="beta"):
        momentum(GRAD, [1.0], 0.1, beta=beta)


@pytest.mark.parametrize(
    "kwargs, exc, match",
    [
        ({"hess": None}, TypeError, "hess"),
        ({"grad": 3.0}, TypeError, "grad"),
        ({"hess": lambda x: np.eye(3)}, ValueError, "hess"),
        ({"x0": [np.nan, 0.0]}, ValueError, "x0"),
        ({"tol": -1.0}, ValueError, "tol"),
        ({"max_iter": 0}, ValueError, "max_iter"),
    ],
)
def test_newton_bad_input(kwargs, exc, match):
    args = {"grad": GRAD, "hess": HESS, "x0": [1.0, 1.0]} | kwargs
    with pytest.raises(exc, match=match):
        newton_method(**args)


@pytest.mark.parametrize(
    "kwargs, exc, match",
    [
        ({"direction": [1.0, 1.0]}, ValueError, "direction must be a descent direction"),
        ({"direction": [1.0, -1.0]}, ValueError, "direction must be a descent direction"),  # g . d = 0
        ({"direction": [-1.0]}, ValueError, "direction"),
        ({"direction": [np.nan, -1.0]}, ValueError, "direction"),
        ({"x": [np.inf, 1.0]}, ValueError, "x"),
        ({"f": None}, TypeError, "f"),
        ({"grad": None}, TypeError, "grad"),
        ({"f": lambda x: np.nan}, ValueError, "f"),
        ({"f": lambda x: x}, ValueError, "f"),
        ({"alpha0": 0.0}, ValueError, "alpha0"),
        ({"rho": 1.0}, ValueError, "rho"),
        ({"rho": 0.0}, ValueError, "rho"),
        ({"c": 0.0}, ValueError, "c"),
        ({"c": 1.0}, ValueError, "c"),
        ({"max_iter": 0}, ValueError, "max_iter"),
    ],
)
def test_backtracking_bad_input(kwargs, exc, match):
    args = {"f": F, "grad": GRAD, "x": [1.0, 1.0], "direction": [-1.0, -1.0]} | kwargs
    with pytest.raises(exc, match=match):
        backtracking_line_search(**args)


@pytest.mark.parametrize(
    "kwargs, exc, match",
    [
        ({"f": "f"}, TypeError, "f"),
        ({"f": lambda x: np.inf}, ValueError, "f"),
        ({"rho": 2.0}, ValueError, "rho"),
        ({"c": -0.5}, ValueError, "c"),
        ({"alpha0": -1.0}, ValueError, "alpha0"),
        ({"x0": [np.nan]}, ValueError, "x0"),
    ],
)
def test_gradient_descent_backtracking_bad_input(kwargs, exc, match):
    args = {"f": F, "grad": GRAD, "x0": [1.0, 1.0]} | kwargs
    with pytest.raises(exc, match=match):
        gradient_descent_backtracking(**args)


# --------------------------------------------------------------------------------------------------------------
# README: code snippet and exercises
# --------------------------------------------------------------------------------------------------------------


def test_readme_code_snippet():
    A = np.array([[3.0, 1.0], [1.0, 2.0]])
    b = np.array([1.0, 1.0])
    assert_allclose(np.linalg.eigvalsh(A), [1.382, 3.618], atol=5e-4)  # 2 / (L + mu) = 2 / 5 = 0.4
    grad = lambda x: A @ x - b  # noqa: E731
    res = gradient_descent(grad, [0.0, 0.0], learning_rate=0.4)
    assert (res.converged, res.n_iter, res.path.shape) == (True, 24, (25, 2))
    assert_allclose(res.x, [0.2, 0.4], atol=1e-8)  # ||x - x*|| <= ||g|| / mu = 1e-8 / 1.38
    newton = newton_method(grad, lambda x: A, [0.0, 0.0])
    assert newton.n_iter == 1
    assert_allclose(newton.x, [0.2, 0.4], rtol=1e-14)  # 2x2 LU solve: a few eps
    with pytest.warns(RuntimeWarning, match="diverged after 87 updates"):
        res = gradient_descent(grad, [0.0, 0.0], learning_rate=0.6)
    assert not res.converged and np.all(np.isfinite(res.x))
    # theory: in the eigenbasis of A the gradient components are multiplied by 1 - 0.6 lambda_i per step
    lam, V = np.linalg.eigh(A)
    g0 = V.T @ grad(np.zeros(2))
    assert _first_update_past_threshold(np.diag(lam), 0.6, g0) == 88


def test_exercise_1():
    A = np.diag([2.0, 8.0])
    # eta = 0.2: both components multiplied by 0.6 in size (0.6 and -0.6)
    with pytest.warns(RuntimeWarning, match="max_iter=3"):
        res = gradient_descent(lambda x: A @ x, [1.0, 1.0], 0.2, max_iter=3)
    assert_allclose(res.path[1:], [[0.6, -0.6], [0.36, 0.36], [0.216, -0.216]], rtol=1e-14)
    # eta = 0.26 > 2 / L = 0.25 diverges: factor |1 - 2.08| = 1.08
    with pytest.warns(RuntimeWarning, match="diverged"):
        assert not gradient_descent(lambda x: A @ x, [1.0, 1.0], 0.26).converged


def test_exercise_3_newton_on_x4_is_linear():
    with pytest.warns(RuntimeWarning, match="max_iter=10"):
        res = newton_method(lambda x: 4 * x**3, lambda x: 12 * x**2, 1.0, max_iter=10)
    assert_allclose(res.path[1:, 0] / res.path[:-1, 0], 2 / 3, rtol=1e-14)


def test_exercise_4_backtracking_on_x2():
    alpha = backtracking_line_search(lambda x: x[0] ** 2, lambda x: 2 * x, 1.0, -2.0)
    assert alpha == 0.5


def test_exercise_5_heavy_ball_parameters():
    # mu = 1, L = 4: eta = 4 / 9, beta = 1 / 9 for the heavy ball, eta = 2 / 5 for gradient descent. Along the
    # eigenvector of mu alone gradient descent multiplies the error by exactly 0.6, so it needs
    # ceil(log 1e-6 / log 0.6) = 28 steps to shrink it by 1e6; the heavy ball's rate 1/3 predicts 13, and its
    # double root (README: e_k = (1 + (1 - r) k) r^k e_0) adds a few steps.
    A = np.diag([1.0, 4.0])
    x0 = [1.0, 0.0]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        gd = gradient_descent(lambda x: A @ x, x0, 2 / 5, tol=0.0, max_iter=40)
        hb = momentum(lambda x: A @ x, x0, 4 / 9, beta=1 / 9, tol=0.0, max_iter=40)
    err_gd, err_hb = (np.linalg.norm(r.path, axis=1) for r in (gd, hb))
    assert int(np.argmax(err_gd <= 1e-6)) == 28
    r = 1 / 3
    k_exact = next(k for k in range(100) if (1 + (1 - r) * k) * r**k <= 1e-6)
    assert 13 < int(np.argmax(err_hb <= 1e-6)) == k_exact


def test_tuned_heavy_ball_transient_growth_stays_below_the_divergence_threshold():
    # Module docstring and README (Code): the tuned heavy ball may raise the gradient norm transiently, by a factor
    # of order sqrt(kappa) (about sqrt(kappa) / e for the double root of the tuned recurrence), far below the 1e6
    # threshold that flags divergence. kappa = 1e4, eigenvalues spread over [1, 1e4], v0 = 0.
    lam = np.geomspace(1.0, 1e4, 40)
    sk = math.sqrt(1e4)
    eta, beta = 4 / (sk + 1) ** 2, ((sk - 1) / (sk + 1)) ** 2  # the tuned parameters (mu = 1, L = 1e4)
    res = momentum(lambda x: lam * x, np.ones(40), learning_rate=eta, beta=beta, tol=1e-8, max_iter=5000)
    assert res.converged
    growth = max(np.linalg.norm(lam * x) for x in res.path) / np.linalg.norm(lam)
    assert 1.0 < growth <= sk  # it does grow (so the claim is not empty), but by less than sqrt(kappa) = 100
