"""Tests for advanced_topics.python_implementations.convex_optimization.

References: scipy.optimize (minimize with constraints, brentq, minimize_scalar) for the projections and the
proximal operator, scikit-learn's Lasso (coordinate descent, stopped by a duality gap) for the lasso, invariants of
projections (idempotent, non-expansive, the variational inequality), the subgradient optimality conditions, and
the convergence bounds of the chapter (O(1/k), O(1/k^2), (1 - mu/L)^k) with measured slopes.
"""

import itertools
import math
import re
import warnings
from pathlib import Path

import numpy as np
import pytest
import scipy.optimize
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from numpy.testing import assert_allclose

from advanced_topics.python_implementations.convex_optimization import (
    lasso,
    project_box,
    project_l2_ball,
    project_simplex,
    proximal_gradient,
    soft_threshold,
)
from calculus.python_implementations.optimization import OptimizationResult, gradient_descent

U = np.finfo(float).eps / 2  # unit roundoff u
vectors = arrays(float, st.integers(1, 8), elements=st.floats(-1e3, 1e3, allow_nan=False))


# --------------------------------------------------------------------------------------------------------------
# Shared data: the diabetes problems of the chapter, computed once
# --------------------------------------------------------------------------------------------------------------


def standardise(A):
    return (A - A.mean(axis=0)) / A.std(axis=0)


@pytest.fixture(scope="module")
def diabetes():
    from sklearn.datasets import load_diabetes

    X0, y = load_diabetes(return_X_y=True)
    X = standardise(X0)  # (442, 10)
    Z = standardise(np.column_stack([X0] + [X0[:, i] * X0[:, j] for i, j in itertools.combinations(range(10), 2)]))
    return X, Z, (y - y.mean()) / y.std()


@pytest.fixture(scope="module")
def sklearn_lasso(diabetes):
    from sklearn.linear_model import Lasso

    X, Z, y = diabetes
    # scikit-learn stops when its duality gap, as computed in floating point, is below tol * ||y||^2 (for the
    # objective scaled by n): the (1/n-scaled) objective of its coefficients is within tol * ||y||^2 / n = tol of the
    # optimum (||y||^2 = n), up to the rounding of that computation. Tests that need more bound its error a posteriori.
    ten = Lasso(alpha=0.01, fit_intercept=False, tol=1e-15, max_iter=100_000).fit(X, y).coef_
    # For the 55 columns only F* is needed, to compare gaps >= 1e-5: tol = 1e-13 is ample (and 4x faster).
    wide = Lasso(alpha=0.001, fit_intercept=False, tol=1e-13, max_iter=100_000).fit(Z, y).coef_
    return ten, wide


def lasso_objective(X, y, alpha, w):
    r = y - X @ w
    return r @ r / (2 * len(y)) + alpha * np.abs(w).sum()


def lasso_problem(X, y, alpha):
    """grad_f, prox and the step 1/L of the chapter's lasso (L from numpy's SVD: an independent route)."""
    n = len(y)
    L = np.linalg.norm(X, 2) ** 2 / n
    return (lambda w: -(X.T @ (y - X @ w)) / n), (lambda v, s: soft_threshold(v, alpha * s)), 1.0 / L, L


def run_quietly(*args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # runs stopped on purpose at max_iter with tol = 0
        return proximal_gradient(*args, **kwargs)


# --------------------------------------------------------------------------------------------------------------
# Projections
# --------------------------------------------------------------------------------------------------------------


def scipy_projection(v, constraints, bounds=None):
    """argmin ||x - v||^2 / 2 subject to the constraints, by SLSQP (an independent route)."""
    return scipy.optimize.minimize(lambda x: 0.5 * np.sum((x - v) ** 2), np.zeros_like(v), jac=lambda x: x - v,
                                   constraints=constraints, bounds=bounds, method="SLSQP",
                                   options={"ftol": 1e-12, "maxiter": 500}).x


def assert_projection_beats_reference(x, v, ref, feasible):
    # SLSQP sometimes ends with "positive directional derivative" (its line search meets rounding) and how far it
    # gets depends on the BLAS; so its point is not trusted blindly. It must be feasible (to SLSQP's constraint
    # tolerance ~1e-9), ours must be at least as close to v (up to that slack), and by strong convexity
    # (||z - v||^2 / 2 - ||x - v||^2 / 2 >= ||z - x||^2 / 2 for every z of the set, from the variational
    # inequality) the reference lies within sqrt(2 (F(ref) - F(x))) of ours, plus the same slack.
    F = lambda z: 0.5 * np.sum((z - v) ** 2)  # noqa: E731
    assert feasible(ref)
    assert F(x) <= F(ref) + 1e-8
    assert np.linalg.norm(ref - x) <= math.sqrt(2 * max(F(ref) - F(x), 0.0)) + 1e-4


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_projections_match_scipy_constrained_minimisation(seed):
    rng = np.random.default_rng(seed)
    v = 2 * rng.standard_normal(5)
    ball = scipy_projection(v, [{"type": "ineq", "fun": lambda x: 1.5**2 - x @ x, "jac": lambda x: -2 * x}])
    assert_projection_beats_reference(project_l2_ball(v, radius=1.5), v, ball, lambda z: z @ z <= 1.5**2 + 1e-8)
    simplex = scipy_projection(v, [{"type": "eq", "fun": lambda x: x.sum() - 1, "jac": lambda x: np.ones_like(x)}],
                               bounds=[(0, None)] * 5)
    assert_projection_beats_reference(project_simplex(v), v, simplex,
                                      lambda z: abs(z.sum() - 1) <= 1e-8 and z.min() >= -1e-8)
    lower, upper = -0.5 * np.ones(5), np.array([0.0, 1.0, 2.0, np.inf, 0.5])
    box = scipy_projection(v, [], bounds=list(zip(lower, np.where(np.isinf(upper), None, upper), strict=True)))
    assert_projection_beats_reference(project_box(v, lower, upper), v, box,
                                      lambda z: np.all(z >= lower - 1e-8) and np.all(z <= upper + 1e-8))


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("d", [1, 4, 50])
def test_simplex_threshold_matches_a_root_finder(seed, d):
    # Independent route: tau is the root of phi(tau) = sum_i max(v_i - tau, 0) - 1, found by brentq on
    # [min v - 1, max v] (phi decreases from >= 0 to -1). brentq's xtol = 1e-15 plus a few u |v| of rounding in
    # the cumulative sums: 1e-13 is safe for |v| <= 10.
    v = np.random.default_rng(seed).uniform(-5, 5, d)
    tau = scipy.optimize.brentq(lambda t: np.maximum(v - t, 0).sum() - 1, v.min() - 1, v.max(), xtol=1e-15)
    assert_allclose(project_simplex(v), np.maximum(v - tau, 0), atol=1e-13)


@pytest.mark.parametrize("tail", [-0.3, -0.1, -0.9])
def test_simplex_entries_sum_to_one_within_3_rho_u(tail):
    # The module's docstring: tau = (S - 1) / rho with S = s_1 + ... + s_rho correctly rounded (math.fsum), so
    # |tau_hat - tau| <= u |S| / rho + 2 u |tau| <= 3 u (|S| <= rho, |tau| <= 1), and each entry
    # x_i = fl(s_i - tau_hat) adds u x_i: |sum_i x_i - 1| <= 3 rho u (first order). A running sum (np.cumsum) for S
    # errs by up to (rho - 1) |S| u ~ rho^2 u: measured 5e4 u for rho = 1000 entries of -0.3.
    v = np.r_[0.0, np.full(999, tail)]  # (1000,): every entry is in the support, tau = (999 tail - 1) / 1000
    x = project_simplex(v)
    rho = np.count_nonzero(x)
    assert rho == 1000 and np.all(x >= 0)
    assert abs(math.fsum(x) - 1) <= 3 * rho * U  # math.fsum: the test's own sum adds no rounding
    # README, "KKT in action": the running sum errs by 5e4 u for a thousand entries of -0.3 (np.cumsum adds in order,
    # one rounding per addition, the same on every machine).
    tau_running = (np.cumsum(np.sort(v)[::-1])[-1] - 1.0) / 1000
    error_running = abs(math.fsum(np.maximum(v - tau_running, 0.0)) - 1) / U
    assert error_running > 3 * rho  # the running sum breaks the bound (by 4x to 45x for these three vectors)
    if tail == -0.3:
        assert round(error_running, -4) == 5e4


@settings(max_examples=15)
@given(vectors, st.floats(0, 1e3))
def test_projections_are_idempotent_non_expansive_and_satisfy_the_variational_inequality(v, radius):
    w = v[::-1] + 1.0  # a second point, for non-expansiveness
    scale = max(1.0, np.abs(v).max(), np.abs(w).max())
    # Each projection is computed with a few roundings per entry: errors below ~10 d u scale (c = 10 generous).
    eps = 10 * v.size * U * scale
    for P in (lambda z: project_l2_ball(z, radius), lambda z: project_box(z, -1.0, 2.0), project_simplex):
        x, xw = P(v), P(w)
        assert_allclose(P(x), x, atol=eps)  # a point of the set is its own projection
        assert np.linalg.norm(x - xw) <= np.linalg.norm(v - w) + eps  # ||P v - P w|| <= ||v - w||
    # Variational inequality (v - P v)^T (z - P v) <= 0 for every z in the set. For the simplex it is linear in z,
    # so the vertices e_j suffice: (v - x)_j <= (v - x)^T x for every j.
    x = project_simplex(v)
    assert np.all((v - x) <= (v - x) @ x + eps * scale)
    # The module's 3 rho u (rho <= d) plus at most (d - 1) u from numpy's own sum of the entries: <= 4 (d + 2) u.
    assert np.all(x >= 0) and abs(x.sum() - 1) <= (v.size + 2) * U * 4
    # For the ball, z ranges over the sphere of radius r: max_z (v - x)^T z = r ||v - x||.
    x = project_l2_ball(v, radius)
    assert radius * np.linalg.norm(v - x) - (v - x) @ x <= eps * scale * (1 + radius)
    assert np.linalg.norm(x) <= radius * (1 + 4 * U) + 1e-300


@pytest.mark.parametrize("scale", [1e-300, 1e300])
def test_projections_neither_overflow_nor_underflow(scale):
    v = np.array([3.0, -4.0]) * scale
    # ||v|| = 5 scale is computed with the overflow-safe norm: relative error a few u.
    assert_allclose(project_l2_ball(v, radius=2 * scale), [1.2 * scale, -1.6 * scale], rtol=8 * U)
    assert_allclose(project_l2_ball(v, radius=1.0), [0.6, -0.8] if scale > 1 else v, rtol=8 * U)  # inside for 1e-300
    # The simplex: the largest entry takes everything when the others are more than 1 below it.
    assert_allclose(project_simplex([1e308, -1e308, 0.0]), [1.0, 0.0, 0.0])
    assert_allclose(project_simplex([scale, scale]), [0.5, 0.5])


def test_l2_ball_and_box_special_cases():
    assert_allclose(project_l2_ball([0.3, 0.4], radius=0.5), [0.3, 0.4])  # on the sphere: unchanged
    assert_allclose(project_l2_ball([0.3, 0.4], radius=0.0), [0.0, 0.0])
    assert_allclose(project_l2_ball(7.0, radius=2.0), [2.0])
    assert_allclose(project_box([-2.0, 0.5, 3.0], 0.0, 1.0), [0.0, 0.5, 1.0])
    assert_allclose(project_box([5.0, -5.0], [-np.inf, 1.0], [np.inf, 1.0]), [5.0, 1.0])
    v = np.array([2.0, -1.0])
    project_box(v, 0.0, 1.0)
    project_simplex(v)
    project_l2_ball(v)
    assert_allclose(v, [2.0, -1.0])  # the caller's array is never modified


def test_worked_example_projections():
    # README, "Worked example": P_simplex(0.5, 1.2, -0.3) = (0.15, 0.85, 0) with tau = 0.35; P_ball(3, 4) =
    # (0.6, 0.8); the box [0, 1]^3 clips (-2, 0.5, 3) to (0, 0.5, 1). Each entry is a few roundings from exact.
    assert_allclose(project_simplex([0.5, 1.2, -0.3]), [0.15, 0.85, 0.0], atol=4 * U)
    assert_allclose(project_l2_ball([3.0, 4.0]), [0.6, 0.8], rtol=4 * U)
    assert_allclose(project_box([-2.0, 0.5, 3.0], 0.0, 1.0), [0.0, 0.5, 1.0])


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: project_l2_ball([1.0, 2.0], radius=-1.0), "radius must be >= 0, got -1.0"),
        (lambda: project_l2_ball([1.0, np.nan]), "v must contain only finite numbers"),
        (lambda: project_l2_ball([[1.0, 2.0]]), "v must be a 1-D array"),
        (lambda: project_l2_ball([]), "v must not be empty"),
        (lambda: project_l2_ball([1.0], radius=np.inf), "radius must be finite"),
        (lambda: project_box([1.0, 2.0], [0.0, 3.0], 2.0), r"lower must be <= upper entrywise .* lower\[1\] = 3.0"),
        (lambda: project_box([1.0, 2.0], np.nan, 2.0), "lower must not contain NaN"),
        (lambda: project_box([1.0, 2.0], np.inf, np.inf), "lower must not contain inf"),
        (lambda: project_box([1.0, 2.0], 0.0, -np.inf), "upper must not contain -inf"),
        (lambda: project_box([1.0, 2.0], [0.0, 0.0, 0.0], 1.0), r"lower must be a scalar or have the shape of v"),
        (lambda: project_box([1.0, 2.0], "a", 1.0), "lower must be a real number"),
        (lambda: project_simplex([np.inf, 1.0]), "v must contain only finite numbers"),
        (lambda: project_simplex(np.ones((2, 2))), "v must be a 1-D array"),
        (lambda: project_simplex([]), "v must not be empty"),
    ],
)
def test_projections_reject_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_radius_must_be_a_number():
    with pytest.raises(TypeError, match="radius must be a real number"):
        project_l2_ball([1.0], radius="1")


# --------------------------------------------------------------------------------------------------------------
# Soft-thresholding
# --------------------------------------------------------------------------------------------------------------


@settings(max_examples=25)
@given(vectors, st.floats(0, 1e3))
def test_soft_threshold_satisfies_the_subgradient_optimality_condition(v, t):
    # x = S_t(v) minimises t ||x||_1 + ||x - v||^2 / 2 iff v - x is in t d||x||_1: v_i - x_i = t sign(x_i) where
    # x_i != 0, and |v_i| <= t where x_i = 0. One subtraction is rounded: error <= u max(|v_i|, t).
    x = soft_threshold(v, t)
    eps = 2 * U * np.maximum(np.abs(v), t)
    nz = x != 0
    assert np.all(np.abs((v - x)[nz] - t * np.sign(x[nz])) <= eps[nz])
    assert np.all(np.abs(v[~nz]) <= t)


@pytest.mark.parametrize(("v", "t"), [(3.0, 1.0), (-0.5, 1.0), (-2.0, 1.0), (0.7, 0.0), (1e-3, 5.0)])
def test_soft_threshold_matches_scalar_minimisation(v, t):
    # Brute force: minimise t |x| + (x - v)^2 / 2 with a bounded scalar minimiser. Near the minimiser the objective
    # rises by only delta^2 / 2, which is below its rounding u |F| once delta < sqrt(2 u |F|) ~ 2e-8 (|F| <= 2 here):
    # no minimiser based on function values can do better, so abs = 1e-7.
    ref = scipy.optimize.minimize_scalar(lambda x: t * abs(x) + 0.5 * (x - v) ** 2, bounds=(-10, 10),
                                         method="bounded", options={"xatol": 1e-12}).x
    assert soft_threshold(v, t) == pytest.approx(ref, abs=1e-7)


def test_soft_threshold_worked_example_and_shapes():
    # README: S_1(3, -0.5, -2) = (2, 0, -1), exactly (each entry is one exact subtraction).
    assert soft_threshold([3.0, -0.5, -2.0], 1.0).tolist() == [2.0, 0.0, -1.0]
    # a zeroed negative entry is +0.0, not -0.0 (which would print as "-0." in the README and the notebook)
    assert not np.signbit(soft_threshold([3.0, -0.5, -2.0], 1.0)[1])
    assert soft_threshold(0.25, 0.5) == 0.0 and isinstance(soft_threshold(0.25, 0.5), float)
    assert soft_threshold(np.ones((2, 3)), 0.25).shape == (2, 3)


@pytest.mark.parametrize(
    ("x", "t", "match"),
    [([1.0], -0.1, "t must be >= 0"), ([np.nan], 1.0, "x must contain only finite"), ([], 1.0, "x must not be empty"),
     ([1.0], np.nan, "t must be finite"), ("abc", 1.0, "x must be a real number or an array")],
)
def test_soft_threshold_rejects_bad_input(x, t, match):
    with pytest.raises(ValueError, match=match):
        soft_threshold(x, t)


def test_a_subgradient_step_can_increase_the_function():
    # README, Pitfalls: g(x) = |x_1| + 2 |x_2| at (1, 0) has subdifferential {(1, s_2) : |s_2| <= 2}; s = (1, 2) is a
    # subgradient (g(z) >= g(x) + s^T (z - x) for every z), yet g((1, 0) - eps s) = 1 + 3 eps > 1 for 0 < eps <= 1.
    # The step towards 0 of the proximal operator does decrease g: prox of t g at (1, 0) is (1 - t, 0).
    def g(z):
        return abs(z[0]) + 2 * abs(z[1])

    x, s = np.array([1.0, 0.0]), np.array([1.0, 2.0])
    Z = np.random.default_rng(0).uniform(-3, 3, size=(200, 2))
    assert all(g(z) >= g(x) + s @ (z - x) - 4 * U * (1 + np.abs(z).sum()) for z in Z)  # a few roundings of |z|
    for eps in (1e-3, 0.1, 1.0):
        assert g(x - eps * s) == pytest.approx(1 + 3 * eps, rel=4 * U) and g(x - eps * s) > g(x)
    t = 0.5  # g separates, so its prox is soft-thresholding with thresholds t and 2 t
    prox = np.array([soft_threshold(x[0], t), soft_threshold(x[1], 2 * t)])
    assert prox.tolist() == [0.5, 0.0] and g(prox) < g(x)


# --------------------------------------------------------------------------------------------------------------
# Proximal gradient
# --------------------------------------------------------------------------------------------------------------


def test_with_g_zero_it_is_gradient_descent():
    # prox of g = 0 is the identity, so ISTA is gradient descent and the gradient mapping is the gradient:
    # the same iterates and the same stopping step as the calculus chapter's gradient_descent.
    A = np.diag([1.0, 3.0])
    ours = proximal_gradient(lambda x: A @ x, lambda v, s: v, [1.0, 1.0], step=0.5, tol=1e-8)
    ref = gradient_descent(lambda x: A @ x, [1.0, 1.0], learning_rate=0.5, tol=1e-8)
    assert isinstance(ours, OptimizationResult) and ours.converged
    # The stopping test sits one step later (G at x_k is taken when x_{k+1} is formed): one more iterate.
    assert ours.n_iter == ref.n_iter + 1
    assert_allclose(ours.path[: ref.n_iter + 1], ref.path, rtol=0, atol=0)


def test_projected_gradient_matches_scipy_on_a_simplex_constrained_least_squares():
    # min ||A x - b||^2 / 2 over the simplex (mixture weights); reference: SLSQP with the constraints.
    rng = np.random.default_rng(3)
    A, b = rng.standard_normal((8, 4)), rng.standard_normal(8)
    L = np.linalg.norm(A, 2) ** 2
    res = proximal_gradient(lambda x: A.T @ (A @ x - b), lambda v, s: project_simplex(v), np.ones(4) / 4, 1 / L,
                            accelerated=True, tol=1e-10)
    ref = scipy.optimize.minimize(lambda x: 0.5 * np.sum((A @ x - b) ** 2), np.ones(4) / 4,
                                  jac=lambda x: A.T @ (A @ x - b), method="SLSQP", bounds=[(0, None)] * 4,
                                  constraints=[{"type": "eq", "fun": lambda x: x.sum() - 1}],
                                  options={"ftol": 1e-15}).x
    assert res.converged and abs(res.x.sum() - 1) <= 8 * U and np.all(res.x >= 0)  # feasible: a projection's output
    # SLSQP's point is within ~sqrt(ftol)/sqrt(mu)-ish of the minimiser; 1e-6 covers it; ours is far closer.
    assert_allclose(res.x, ref, atol=1e-6)


def test_fista_follows_the_recursion_of_the_chapter():
    # README, "ISTA and FISTA": omega_0 = 1, omega_{k+1} = (1 + sqrt(1 + 4 omega_k^2)) / 2 is the positive root of
    # omega^2 - omega - omega_k^2 = 0, omega_k >= (k + 2) / 2, and beta_k = (omega_k - 1) / omega_{k+1} starts at 0
    # and grows towards 1 (about 1 - 3/k).
    omega = [1.0]
    for _ in range(200):
        omega.append((1.0 + math.sqrt(1.0 + 4.0 * omega[-1] ** 2)) / 2.0)
    omega = np.array(omega)  # (201,)
    assert_allclose(omega[1:] ** 2 - omega[1:], omega[:-1] ** 2, rtol=8 * U)  # a few roundings per term
    assert np.all(omega >= (np.arange(201) + 2) / 2)
    beta = (omega[:-1] - 1) / omega[1:]
    assert beta[0] == 0 and np.all(np.diff(beta) > 0) and np.all(beta < 1)
    assert abs(beta[100] - (1 - 3 / 100)) < 0.01
    # The module's FISTA takes exactly these steps: with g = 0 (prox = identity) on f(x) = x^T A x / 2, the path
    # equals the README's three formulas written out here. Same operations on numbers <= 1, and each step is a
    # contraction plus a momentum term: 20 steps move the two computations apart by far less than 1e-14.
    A, step = np.diag([1.0, 4.0]), 0.25
    res = run_quietly(lambda x: A @ x, lambda v, s: v, [1.0, 1.0], step, accelerated=True, tol=0, max_iter=20)
    x = y = np.array([1.0, 1.0])
    path = [x]
    for k in range(20):
        x_new = y - step * (A @ y)  # prox of the gradient step from y_k
        y = x_new + beta[k] * (x_new - x)  # y_{k+1}
        x = x_new
        path.append(x)
    assert_allclose(res.path, np.array(path), rtol=0, atol=1e-14)


def test_stopping_test_bounds_the_optimality_residual(diabetes):
    # At the returned x, dist(0, dF(x)) <= (1 + step L) tol = 2 tol for step = 1/L (the module's Notes).
    X, _, y = diabetes
    alpha, tol = 0.01, 1e-6
    grad_f, prox, step, _ = lasso_problem(X, y, alpha)
    for accelerated in (False, True):
        res = proximal_gradient(grad_f, prox, np.zeros(10), step, accelerated=accelerated, tol=tol)
        g = grad_f(res.x)
        residual = np.where(res.x != 0, g + alpha * np.sign(res.x), np.maximum(np.abs(g) - alpha, 0))
        assert res.converged and np.linalg.norm(residual) <= 2 * tol
        # and the previous step had not met the test: n_iter is the first step that does
        assert np.linalg.norm(res.path[-2] - res.path[-1]) > 0


def test_divergence_and_max_iter_are_reported():
    A = np.diag([1.0, 10.0])  # L = 10: a step of 0.21 > 2 / L makes |1 - step L| = 1.1 > 1
    with pytest.warns(RuntimeWarning, match="diverged"):
        res = proximal_gradient(lambda x: A @ x, lambda v, s: v, [1.0, 1.0], step=0.21)
    assert not res.converged and np.all(np.isfinite(res.x))
    # ||G|| grows by 1.1 per step and crosses 1e6 ||G_0|| after about log(1e6) / log(1.1) = 145 steps.
    assert 140 <= res.n_iter <= 150
    with pytest.warns(RuntimeWarning, match="did not converge in max_iter=3"):
        res = proximal_gradient(lambda x: A @ x, lambda v, s: v, [1.0, 1.0], step=0.05, max_iter=3)
    assert res.n_iter == 3 and res.path.shape == (4, 2) and not res.converged
    with pytest.warns(RuntimeWarning, match="diverged"):
        res = proximal_gradient(lambda x: A @ x, lambda v, s: v * np.inf if v[0] < 0.5 else v, [1.0, 1.0], 0.05)
    assert np.all(np.isfinite(res.x))


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"grad_f": 3}, TypeError, "grad_f must be callable"),
        ({"prox": None}, TypeError, "prox must be callable"),
        ({"step": 0.0}, ValueError, "step must be > 0"),
        ({"step": -1.0}, ValueError, "step must be > 0"),
        ({"tol": -1.0}, ValueError, "tol must be >= 0"),
        ({"max_iter": 0}, ValueError, "max_iter must be >= 1"),
        ({"accelerated": 1}, TypeError, "accelerated must be a bool"),
        ({"x0": [np.nan, 1.0]}, ValueError, "x0 must contain only finite"),
        ({"x0": np.ones((2, 2))}, ValueError, "x0 must be a 1-D array"),
        ({"grad_f": lambda x: np.ones(3)}, ValueError, r"grad_f must return an array of shape \(2,\)"),
        ({"prox": lambda v, s: v[:1]}, ValueError, r"prox must return an array of shape \(2,\)"),
        ({"grad_f": lambda x: x * np.nan}, ValueError, "grad_f\\(x0\\) and the first proximal step must be finite"),
    ],
)
def test_proximal_gradient_rejects_bad_input(kwargs, error, match):
    args = {"grad_f": lambda x: x, "prox": lambda v, s: v, "x0": [1.0, 2.0], "step": 0.5} | kwargs
    with pytest.raises(error, match=match):
        proximal_gradient(**args)


def test_ista_and_fista_rates_on_the_interaction_lasso(diabetes, sklearn_lasso):
    # README, "ISTA and FISTA on the diabetes data": the ten features and their 45 pairwise products (kappa(X)^2 ~
    # 3.5e5, so mu ~ 0 for the first hundred steps), alpha = 0.001. Gaps over k = 10..100 on log-log axes: ISTA's
    # slope -1.12, FISTA's -1.85, and both below their bounds L R^2 / (2k) and 2 L R^2 / (k + 1)^2, R = ||w*||.
    _, Z, y = diabetes
    alpha = 0.001
    grad_f, prox, step, L = lasso_problem(Z, y, alpha)
    w_star = sklearn_lasso[1]
    F_star = lasso_objective(Z, y, alpha, w_star)  # within 1e-13 of the optimum (the fixture's comment)
    k = np.arange(101)
    slopes, R2 = [], w_star @ w_star
    for accelerated, bound in ((False, L * R2 / (2 * k[1:])), (True, 2 * L * R2 / (k[1:] + 1) ** 2)):
        path = run_quietly(grad_f, prox, np.zeros(Z.shape[1]), step, accelerated=accelerated, tol=0, max_iter=100).path
        gap = np.array([lasso_objective(Z, y, alpha, w) for w in path]) - F_star  # (101,)
        assert np.all(gap[1:] <= bound)
        slopes.append(np.polyfit(np.log(k[10:]), np.log(gap[10:]), 1)[0])
    # The gaps in the window exceed 1e-5, ten orders above their rounding (u times F ~ 0.3) and eight above F_star's
    # error: the fitted slopes are machine-independent to far more than the two decimals the README prints.
    assert round(slopes[0], 2) == -1.12 and round(slopes[1], 2) == -1.85
    # README: d = 55 and kappa(Z^T Z) ~ 3.5e5 (3.48e5). The SVD gives sigma_min(Z) with an absolute error of a few
    # u sigma_max, a relative error ~ u kappa(Z) ~ 1e-13: the two printed digits are machine-independent.
    s_Z = np.linalg.svd(Z, compute_uv=False)
    assert Z.shape[1] == 55 and round((s_Z[0] / s_Z[-1]) ** 2, -4) == 3.5e5


def test_gradient_descent_rates_of_the_chapter():
    # README, "Worked example": gradient descent with eta = 1/L = 1 on f = x^T diag(i/1000) x / 2 from
    # x0_i = 1/sqrt(lambda_i): the gap is sum_i (1 - lambda_i)^(2k) / 2, 23.56 at k = 10 and 2.246 at k = 100, under
    # the bound L ||x0||^2 / (2k) = 7485.47 / (2k), with log-log slope -1.03 over k = 10..100.
    lam = np.arange(1, 1001) / 1000
    x0 = 1 / np.sqrt(lam)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # stopped at max_iter on purpose
        path = gradient_descent(lambda x: lam * x, x0, 1.0, tol=0, max_iter=100).path
    gap = 0.5 * np.einsum("ki,i,ki->k", path, lam, path)  # f(x_k) - f* with f* = 0, (101,)
    k = np.arange(101)
    assert np.all(gap[1:] <= (x0 @ x0) / (2 * k[1:]))
    assert round(x0 @ x0, 2) == 7485.47 and round(gap[10], 2) == 23.56 and round(gap[100], 3) == 2.246
    # README: "about 16 times below the bound (374.3 / 23.56 = 15.9 and 37.43 / 2.246 = 16.7)"
    ratio = (x0 @ x0) / (2 * k[1:]) / gap[1:]  # bound / gap at k = 1..100
    assert (round(ratio[9], 1), round(ratio[99], 1)) == (15.9, 16.7)
    assert round(np.polyfit(np.log(k[10:]), np.log(gap[10:]), 1)[0], 2) == -1.03
    # Strongly convex: A = diag(1, 10), eta = 1/L = 0.1, x0 = (1, 1): the error is exactly 0.9^k = (1 - mu/L)^k
    # after the first step (the factor of the second coordinate is 1 - 10 * 0.1 = 0), and the gap
    # 0.81^k / 2 is below the bound (1 - mu/L)^k (f(x0) - f*) = 5.5 * 0.9^k.
    A = np.diag([1.0, 10.0])
    path = gradient_descent(lambda x: A @ x, [1.0, 1.0], 0.1).path
    k = np.arange(len(path))
    assert_allclose(np.linalg.norm(path, axis=1)[1:], 0.9 ** k[1:], rtol=100 * U)
    assert np.all(0.5 * np.einsum("ki,ij,kj->k", path, A, path) <= 5.5 * 0.9**k * (1 + 4 * U))


# --------------------------------------------------------------------------------------------------------------
# The lasso
# --------------------------------------------------------------------------------------------------------------


def kkt_residual(X, y, alpha, w):
    """dist(0, dF(w)) entry by entry: |grad_j + alpha sign(w_j)| on the support, max(|grad_j| - alpha, 0) off it."""
    g = -(X.T @ (y - X @ w)) / len(y)
    return np.where(w != 0, g + alpha * np.sign(w), np.maximum(np.abs(g) - alpha, 0))


def rounding_of_the_gradient(X, y, w):
    # |fl(X^T (y - X w)) - X^T (y - X w)| <= gamma_{d+n} |X|^T (|y| + |X| |w|) entrywise, gamma_m ~ m u.
    n, d = X.shape
    return (n + d) * U * (np.abs(X).T @ (np.abs(y) + np.abs(X) @ np.abs(w))) / n


def test_lasso_matches_scikit_learn_on_diabetes(diabetes, sklearn_lasso):
    X, _, y = diabetes
    alpha, tol = 0.01, 1e-13
    w = lasso(X, y, alpha, tol=tol)
    n = len(y)
    s = np.linalg.svd(X, compute_uv=False)
    mu = s[-1] ** 2 / n  # f is mu-strongly convex: X has full column rank
    c = np.linalg.norm(X.T @ y) / n
    # F is mu-strongly convex, so ||w - w*|| <= dist(0, dF(w)) / mu for any w. Ours: dist <= 2 tol ||X^T y|| / n
    # (the module's stopping rule, a priori) plus the rounding of the gradient. scikit-learn's: its duality gap is
    # only known as computed in floating point, so bound its error a posteriori instead, by its KKT residual plus the
    # same rounding (its KKT residual is 4e-16: far tighter than sqrt(2 gap / mu) ~ 5e-7 from the gap). The two
    # errors add: together 9e-11 (the rounding bounds dominate), so an error of 1e-9 in either solver fails here.
    w_sk = sklearn_lasso[0]
    ours = (2 * tol * c + np.linalg.norm(rounding_of_the_gradient(X, y, w))) / mu
    theirs = (np.linalg.norm(kkt_residual(X, y, alpha, w_sk)) + np.linalg.norm(rounding_of_the_gradient(X, y, w_sk))) / mu
    assert ours + theirs < 1e-10
    assert_allclose(w, w_sk, rtol=0, atol=ours + theirs)
    # README: the zero pattern (two of ten coefficients exactly 0: age and s2) is scikit-learn's.
    assert np.array_equal(w == 0, sklearn_lasso[0] == 0) and np.flatnonzero(w == 0).tolist() == [0, 5]
    # README numbers: L = 4.024, mu = 0.00856, kappa = 470, alpha_max = 0.586, F* = 0.25508, and kappa = 60.8 for the
    # eight active columns. Each is a few roundings (relative error ~1e-14) away from exact, far inside the printed
    # digits (none of them is within 1e-6 of a rounding boundary).
    assert (round(s[0] ** 2 / n, 3), round(mu, 5), round(s[0] ** 2 / s[-1] ** 2)) == (4.024, 0.00856, 470)
    assert round(np.abs(X.T @ y).max() / n, 3) == 0.586
    assert round(lasso_objective(X, y, alpha, w), 5) == 0.25508
    s_active = np.linalg.svd(X[:, w != 0], compute_uv=False)
    assert round((s_active[0] / s_active[-1]) ** 2, 1) == 60.8


@pytest.mark.parametrize("accelerated", [False, True])
def test_lasso_kkt_conditions_hold_at_the_solution(diabetes, accelerated):
    # |x_j^T r / n| <= alpha for every j, with equality (and the sign of w_j) on the support, up to the stopping
    # rule's 2 tol ||X^T y|| / n and the rounding of the gradient.
    X, _, y = diabetes
    alpha, tol = 0.01, 1e-12
    w = lasso(X, y, alpha, tol=tol, accelerated=accelerated)
    residual = kkt_residual(X, y, alpha, w)
    bound = 2 * tol * np.linalg.norm(X.T @ y) / len(y) + np.linalg.norm(rounding_of_the_gradient(X, y, w))
    assert np.linalg.norm(residual) <= bound
    corr = X.T @ (y - X @ w) / len(y)
    assert np.all(np.abs(corr) <= alpha + bound)
    assert_allclose(corr[w != 0], alpha * np.sign(w[w != 0]), atol=bound)


def test_lasso_on_a_wide_problem_reaches_scikit_learn_objective():
    # n < d: f is not strongly convex, so compare objective values. Ours has F(w) - F* <= res * ||w - w*|| (res the
    # KKT residual, bounded by 2 tol ||X^T y|| / n, and ||w - w*|| <= 2 ||w|| + 1 is generous); scikit-learn's is
    # within tol_sk ||y||^2 / n of F*.
    rng = np.random.default_rng(5)
    X, y = rng.standard_normal((20, 50)), rng.standard_normal(20)
    from sklearn.linear_model import Lasso

    alpha, tol = 0.05, 1e-10
    w = lasso(X, y, alpha, tol=tol, max_iter=50_000)
    w_sk = Lasso(alpha=alpha, fit_intercept=False, tol=1e-12, max_iter=100_000).fit(X, y).coef_
    F, F_sk = lasso_objective(X, y, alpha, w), lasso_objective(X, y, alpha, w_sk)
    ours = 2 * tol * np.linalg.norm(X.T @ y) / 20 * (2 * np.linalg.norm(w) + 1)
    assert F - ours <= F_sk + 1e-12 * (y @ y) / 20
    assert F_sk - 1e-12 * (y @ y) / 20 <= F + ours


def test_lasso_alpha_max_and_worked_example():
    # README: alpha >= alpha_max = max |X^T y| / n gives w = 0 exactly; the two orthogonal features of the docstring
    # soft-threshold the least-squares coefficients (2, 0.5) by alpha = 1 to (1, 0).
    X = np.array([[1.0, 1.0], [1.0, -1.0]])
    y = np.array([2.5, 1.5])
    assert lasso(X, y, alpha=2.0).tolist() == [0.0, 0.0]  # alpha_max = 2
    assert_allclose(lasso(X, y, alpha=1.0), [1.0, 0.0], atol=1e-10)
    assert_allclose(lasso(X, y, alpha=0.25), [1.75, 0.25], atol=1e-10)
    assert lasso(np.zeros((3, 2)), [1.0, 2.0, 3.0], alpha=0.1).tolist() == [0.0, 0.0]  # X = 0: nothing to fit
    # "exactly when": just below alpha_max the first coefficient S_alpha(2) = 2 - alpha is already non-zero. Two FISTA
    # steps with L = 1, a few roundings of numbers <= 2.5: error a few u.
    assert_allclose(lasso(X, y, alpha=1.999), [0.001, 0.0], rtol=0, atol=16 * U)


@pytest.mark.parametrize("accelerated", [True, False])
def test_lasso_is_the_proximal_gradient_method_from_zero_with_step_one_over_L(diabetes, accelerated):
    # README, "Code": lasso runs FISTA (ISTA with accelerated=False) from w = 0 with step 1/L, L = sigma_1^2 / n.
    # With tol = 0 it stops at max_iter (and warns); its iterate is then proximal_gradient's after the same steps,
    # with L from LAPACK's SVD here (the course's Jacobi SVD gives L within a few u). The runs differ only by that
    # few-u change of step and by nothing else: measured 1e-15 after 30 steps, so 1e-12 is generous, while a step
    # off by 1 % moves w by more than 6e-5.
    X, _, y = diabetes
    grad_f, prox, step, _ = lasso_problem(X, y, 0.01)
    with pytest.warns(RuntimeWarning, match="did not converge in max_iter=30"):
        w = lasso(X, y, 0.01, tol=0.0, max_iter=30, accelerated=accelerated)
    ref = run_quietly(grad_f, prox, np.zeros(10), step, accelerated=accelerated, tol=0.0, max_iter=30)
    assert_allclose(w, ref.x, rtol=0, atol=1e-12)


def test_ista_and_fista_iteration_counts_to_a_gap_of_1e_8(diabetes, sklearn_lasso):
    # README and the closing note: on the ten standardised diabetes features with alpha = 0.01, from w = 0
    # with step 1/L, the objective gap stays below 1e-8 from step 314 on for ISTA (monotone) and from step 141 on
    # for FISTA (which first dips below at step 67 and rises above again: it is not monotone).
    # Why exact counts are machine-independent: the gaps at the crossings are at least 0.6 % away from 1e-8, while
    # rounding moves a gap by about u F / 1e-8 ~ 1e-9 relative (the steps are non-expansive, so rounding errors
    # do not grow). The test checks those margins too, so a change of data or code that brings a crossing near
    # 1e-8 fails loudly instead of flipping a count.
    X, _, y = diabetes
    alpha = 0.01
    grad_f, prox, step, L = lasso_problem(X, y, alpha)
    F_star = lasso_objective(X, y, alpha, sklearn_lasso[0])
    counts = {}
    for accelerated in (False, True):
        path = run_quietly(grad_f, prox, np.zeros(10), step, accelerated=accelerated, tol=0, max_iter=400).path
        gap = np.array([lasso_objective(X, y, alpha, w) for w in path]) - F_star
        last_above = int(np.flatnonzero(gap > 1e-8)[-1])
        first_below = int(np.flatnonzero(gap <= 1e-8)[0])
        # README: "at each crossing the gap is at least 0.6 % away from 1e-8"
        assert gap[last_above] >= 1.006e-8 and gap[last_above + 1:].max() <= 0.994e-8
        assert gap[first_below - 1] >= 1.006e-8 and gap[first_below] <= 0.994e-8
        counts[accelerated] = (first_below, last_above + 1)
    assert counts[False] == (314, 314)
    assert counts[True] == (67, 141)
    # Orderings and bounds that hold whatever the data: FISTA's bound sqrt(2 L R^2 / 1e-8), ISTA's O(1/k) bound
    # L R^2 / (2e-8), and ISTA's linear bound log(gap_0 / 1e-8) / -log(1 - mu/L) for a mu-strongly convex f.
    R2 = sklearn_lasso[0] @ sklearn_lasso[0]
    mu = np.linalg.svd(X, compute_uv=False)[-1] ** 2 / len(y)
    gap0 = lasso_objective(X, y, alpha, np.zeros(10)) - F_star
    linear = math.log(gap0 / 1e-8) / -math.log(1 - mu / L)
    assert counts[True][1] < counts[False][1] / 2
    assert counts[True][1] <= math.sqrt(2 * L * R2 / 1e-8)
    assert counts[False][1] <= min(linear, L * R2 / 2e-8)
    # the README's numbers: F(0) - F* = 0.2449 and the a priori bounds 7990 (the first k with
    # (1 - mu/L)^k gap_0 <= 1e-8) and 15060 (the first k with 2 L R^2 / (k + 1)^2 <= 1e-8, k + 1 >= sqrt(2 L R^2 / 1e-8)).
    assert round(gap0, 4) == 0.2449
    assert math.ceil(linear) == 7990
    # sqrt(2 L R^2 / 1e-8) = 15060.9994, only 6e-4 below an integer, so R = ||w*|| must be known to ~1e-8 relative.
    # A posteriori bound on scikit-learn's w: F is mu-strongly convex, so ||w - w*|| <= dist(0, dF(w)) / mu, and
    # dist(0, dF(w)) is the KKT residual of w up to the rounding of the gradient. Both ends of the interval for R
    # must give the same count.
    w_sk = sklearn_lasso[0]
    err = (np.linalg.norm(kkt_residual(X, y, alpha, w_sk)) + np.linalg.norm(rounding_of_the_gradient(X, y, w_sk))) / mu
    R = math.sqrt(R2)
    fista_bound = {math.ceil(math.sqrt(2 * L / 1e-8) * r - 1) for r in (R - err, R + err)}
    assert fista_bound == {15060}
    assert round(L * R2 / 2e-8 / 1e6) == 57  # Pitfalls: the O(1/k) bound allows 57 million steps


def test_ista_rate_near_the_solution_is_set_by_the_active_columns(diabetes, sklearn_lasso):
    # README, "ISTA and FISTA on the diabetes data": from step 100 on the ISTA iterates have the signs of w* (the
    # soft-threshold decisions at steps 95-102 are >= 2e-4 away from the threshold, far beyond rounding); on the 8
    # active columns ISTA is then gradient descent on a quadratic, and the gap shrinks per step by
    # (1 - lambda_min / L)^2 = 0.972 with lambda_min = 0.0569 the smallest eigenvalue of X_S^T X_S / n, not by the
    # bound's 1 - mu / L = 0.998. Measured over steps 300..400: gaps from 1e-8 down to 8.6e-10, each computed within
    # ~n u F ~ 1e-14 (relative 1e-5 at most), so the 100th root is good to ~1e-7: three decimals are safe.
    X, _, y = diabetes
    alpha, n = 0.01, len(y)
    grad_f, prox, step, L = lasso_problem(X, y, alpha)
    w_star = sklearn_lasso[0]
    path = run_quietly(grad_f, prox, np.zeros(10), step, tol=0, max_iter=400).path
    signs_fixed = [np.array_equal(np.sign(w), np.sign(w_star)) for w in path]
    assert all(signs_fixed[100:]) and not signs_fixed[99]
    lam_min = np.linalg.eigvalsh(X[:, w_star != 0].T @ X[:, w_star != 0] / n)[0]
    mu = np.linalg.eigvalsh(X.T @ X / n)[0]
    F_star = lasso_objective(X, y, alpha, w_star)
    measured = ((lasso_objective(X, y, alpha, path[400]) - F_star) / (lasso_objective(X, y, alpha, path[300]) - F_star))
    measured **= 1 / 100
    assert (round(lam_min, 4), round((1 - lam_min / L) ** 2, 3), round(measured, 3)) == (0.0569, 0.972, 0.972)
    assert abs(measured - (1 - lam_min / L) ** 2) < 1e-5  # the asymptotic factor itself, not only its rounding
    assert round(1 - mu / L, 3) == 0.998


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "match"),
    [
        ((np.ones((3, 2)), np.ones(3), 0.0), {}, ValueError, "alpha must be > 0"),
        ((np.ones((3, 2)), np.ones(3), -1.0), {}, ValueError, "alpha must be > 0"),
        ((np.ones((3, 2)), np.ones(4), 1.0), {}, ValueError, r"y must have shape \(3,\)"),
        ((np.ones((3, 2)), [1.0, np.nan, 2.0], 1.0), {}, ValueError, "y must contain only finite"),
        ((np.ones(3), np.ones(3), 1.0), {}, ValueError, "X must be"),
        ((np.full((3, 2), np.nan), np.ones(3), 1.0), {}, ValueError, "X must"),
        ((np.ones((0, 2)), np.ones(0), 1.0), {}, ValueError, "X must"),
        ((np.ones((3, 2)), np.ones(3), 1.0), {"tol": -1.0}, ValueError, "tol must be >= 0"),
        ((np.ones((3, 2)), np.ones(3), 1.0), {"max_iter": 0}, ValueError, "max_iter must be >= 1"),
        ((np.ones((3, 2)), np.ones(3), "1"), {}, TypeError, "alpha must be a real number"),
        ((np.ones((3, 2)), "abc", 1.0), {}, ValueError, "y must be"),
    ],
)
def test_lasso_rejects_bad_input(args, kwargs, error, match):
    with pytest.raises(error, match=match):
        lasso(*args, **kwargs)


def test_lasso_reports_non_convergence():
    rng = np.random.default_rng(1)
    X, y = rng.standard_normal((30, 5)), rng.standard_normal(30)
    with pytest.warns(RuntimeWarning, match="did not converge in max_iter=2"):
        w = lasso(X, y, alpha=0.01, max_iter=2)
    assert w.shape == (5,) and np.all(np.isfinite(w))


# --------------------------------------------------------------------------------------------------------------
# Support vector machines as a convex program: the worked example of the chapter
# --------------------------------------------------------------------------------------------------------------


def test_without_slater_the_kkt_conditions_can_fail_at_the_optimum():
    # README, Pitfalls: minimise x subject to x^2 <= 0. p* = 0 at x* = 0, where 1 + 2 lambda x* = 1 for every
    # lambda: no KKT multiplier. The dual function q(lambda) = min_x x + lambda x^2 = -1/(4 lambda), computed here
    # by the module's minimiser (g = 0, step 1/L with L = 2 lambda: one step lands on x = -1/(2 lambda) up to
    # rounding, the next confirms it with a gradient of a few u), rises towards p* = 0 but stays below it: weak duality holds, and no lambda attains d* = p*.
    values = []
    for lam in (1.0, 10.0, 1e3, 1e6):
        res = proximal_gradient(lambda x, lam=lam: 1 + 2 * lam * x, lambda v, s: v, [0.0], step=1 / (2 * lam), tol=1e-12)
        x = res.x[0]
        values.append(x + lam * x**2)
        assert res.converged and values[-1] == pytest.approx(-1 / (4 * lam), rel=4 * U)  # a few roundings
    assert values == sorted(values) and max(values) < 0.0


def test_svm_worked_example_dual_and_kkt():
    # README: points (1, 1), (2, 3) of class +1 and (-1, -1) of class -1. The hard-margin solution is w = (0.5, 0.5),
    # b = 0 with dual alpha = (1/4, 0, 1/4); both objectives equal 1/4 (strong duality). Reference: scipy's SLSQP on
    # the dual, max sum(alpha) - ||sum alpha_i y_i x_i||^2 / 2 over alpha >= 0, sum alpha_i y_i = 0.
    Xs = np.array([[1.0, 1.0], [2.0, 3.0], [-1.0, -1.0]])
    ys = np.array([1.0, 1.0, -1.0])
    Q = (ys[:, None] * Xs) @ (ys[:, None] * Xs).T  # y_i y_j x_i^T x_j, (3, 3)
    res = scipy.optimize.minimize(lambda a: 0.5 * a @ Q @ a - a.sum(), np.full(3, 0.1), jac=lambda a: Q @ a - 1,
                                  method="SLSQP", bounds=[(0, None)] * 3,
                                  constraints=[{"type": "eq", "fun": lambda a: a @ ys}], options={"ftol": 1e-15})
    alpha = np.array([0.25, 0.0, 0.25])
    assert_allclose(res.x, alpha, atol=1e-7)  # SLSQP's ftol 1e-15 -> a point within ~sqrt(1e-15) / curvature
    w = (alpha * ys) @ Xs
    assert_allclose(w, [0.5, 0.5])
    margins = ys * (Xs @ w + 0.0)
    assert_allclose(margins, [1.0, 2.5, 1.0])  # support vectors have y_i (w^T x_i + b) = 1, alpha_i > 0
    assert_allclose(alpha.sum() - 0.5 * w @ w, 0.5 * w @ w)  # dual objective = primal objective = 1/4
    assert_allclose(2 / np.linalg.norm(w), 2 * math.sqrt(2))  # margin width = distance between the two SVs


def test_u_is_only_the_unit_roundoff_and_theta_only_the_convex_combination_weight():
    # NOTATION.md: the plain letter u is the unit roundoff, never an indexed entry. The chapter names the box bounds
    # l_i, h_i, the sorted entries of the simplex projection s_j, the simplex threshold tau and FISTA's sequence
    # omega_k (t is the soft-thresholding threshold), keeping theta for the weight of a convex combination.
    readme = (Path(__file__).resolve().parents[2] / "advanced_topics" / "convex_optimization" / "README.md").read_text(
        encoding="utf-8")
    docs = project_simplex.__doc__ + proximal_gradient.__doc__
    for text in (readme, docs):
        assert not re.findall(r"(?<![A-Za-z\\])u_(?:\{|[0-9a-z])", text)  # no u_1, u_j, u_rho, u_{...}
        assert not re.findall(r"\\?theta_|v_i - \\?theta|\\?theta = \\?nu", text)  # no theta_k, no threshold theta
    assert r"\mathbf{u}" not in readme
    assert r"l_i \le x_i \le h_i" in readme and r"\min(\max(v_i, l_i), h_i)" in readme
    assert r"$s_1 \ge s_2 \ge \dots \ge s_d$" in readme and r"$x_i = \max(v_i - \tau, 0)$" in readme
    assert r"\omega_{k+1} = \frac{1 + \sqrt{1 + 4 \omega_k^2}}{2}" in readme
    assert "theta" not in docs
