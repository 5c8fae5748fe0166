"""Tests for advanced_topics.python_implementations.svm.

References: scikit-learn's ``SVC`` (libsvm: the same dual, the same SMO and working-set rule), closed-form solutions
of tiny problems, a tightly converged run of our own, and the KKT conditions of the dual.

How close must we be to libsvm? Both solvers stop at an approximate KKT point, and libsvm stores its kernel matrix in
single precision (``typedef float Qfloat`` in its svm.cpp), so it solves a problem whose entries K_ij carry relative
errors up to u32 = 2^-24. ``_first_order_bound`` turns these perturbations into a bound on the decision function:

At a solution, with F the free support vectors (0 < alpha < C) and beta_j = alpha_j y_j, the multipliers at C are
fixed and (beta_F, b) solve the square linear system of the margin equations
    sum_j K_tj beta_j + b = y_t   (t in F),        sum_j beta_j = 0,
that is A [beta_F; b] = rhs with A = [[K_FF, 1], [1^T, 0]]. A solution whose equations hold up to a residual r
(|r_t| <= rho_t) differs from the exact one by A^{-1} r, so f(x) = sum_j K(x_j, x) beta_j + b differs by at most
|[K(x_F, x); 1]|^T |A^{-1}| rho (first order, for the same sets F and {alpha = C}, which the tests check). The
residuals: our stopping rule leaves |r_t| <= tol; libsvm's leaves tol_sklearn plus, from its rounded kernel,
u32 sum_j |K_tj| |beta_j|. The second-order terms are smaller by the factor ||A^{-1}|| rho << 1.
"""

import dataclasses
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.datasets import load_iris
from sklearn.svm import SVC

from advanced_topics.python_implementations.svm import SVMModel, svm_dual

U = np.finfo(float).eps / 2  # unit roundoff u
U32 = 2.0**-24  # unit roundoff of float32, libsvm's kernel cache
TOL = 1e-8  # svm_dual's default stopping tolerance on the maximal KKT violation m - M
TOL_SKLEARN = 1e-10


def _kernel(A, B, kernel, gamma):
    """An independent kernel matrix: explicit differences, no ||a||^2 + ||b||^2 - 2 a^T b trick."""
    if kernel == "linear":
        return A @ B.T
    return np.exp(-gamma * np.sum((A[:, None, :] - B[None, :, :]) ** 2, axis=2))


def _free(model):
    return np.flatnonzero((model.alpha > 0) & (model.alpha < model.C))


def _margin_system_inverse(model, X):
    """|A^{-1}| for the margin equations A [beta_F; b] = rhs of the free support vectors F (module docstring)."""
    F = _free(model)
    K = _kernel(X[F], X[F], model.kernel, model.gamma)
    A = np.zeros((len(F) + 1, len(F) + 1))
    A[:-1, :-1], A[:-1, -1], A[-1, :-1] = K, 1.0, 1.0
    assert np.linalg.cond(A) < 1e10  # the margin equations determine beta_F and b
    return np.abs(np.linalg.inv(A))


def _first_order_bound(model, X, X_eval, rho_free):
    """Bound on |f(x) - f_exact(x)| for the rows of X_eval when each margin equation of F is off by <= rho_free."""
    F = _free(model)
    rho = np.r_[rho_free * np.ones(len(F)), 0.0]
    k_eval = np.c_[np.abs(_kernel(X_eval, X[F], model.kernel, model.gamma)), np.ones(len(X_eval))]
    # rounding of our own evaluation of f: a sum of n_SV + 1 terms, each |K beta| <= C max|K| (generous c = 10)
    k_max = np.max(np.abs(_kernel(X, X, model.kernel, model.gamma)))
    rounding = 10 * (len(model.support) + 1) * U * model.C * k_max
    return k_eval @ (_margin_system_inverse(model, X) @ rho) + rounding


def _libsvm_residual(model, X):
    """The residual a float32 kernel leaves in the margin equations of F: u32 sum_j |K_tj| |beta_j|."""
    K = _kernel(X[_free(model)], X[model.support], model.kernel, model.gamma)
    return U32 * np.abs(K) @ np.abs(model.dual_coef)


def _y_pm(model, y):
    return np.where(np.asarray(y) == model.classes[1], 1.0, -1.0)


def _kkt_residuals(model, X, y):
    """The three KKT residuals of the dual (alpha = 0, free, alpha = C) and the feasibility of alpha."""
    yf = _y_pm(model, y) * model.decision_function(X)
    at_zero, at_C = model.alpha == 0, model.alpha == model.C
    free = ~at_zero & ~at_C
    r = [np.max(np.maximum(0, 1 - yf[at_zero]), initial=0.0), np.max(np.abs(yf[free] - 1), initial=0.0),
         np.max(np.maximum(0, yf[at_C] - 1), initial=0.0)]
    return np.array(r)


# --------------------------------------------------------------------------------------------------------------
# Problems, fitted once per module (scikit-learn and our solver)
# --------------------------------------------------------------------------------------------------------------


def _blobs(n, d, shift, seed):
    rng = np.random.default_rng(seed)
    y = np.repeat([0, 1], [n // 2, n - n // 2])
    X = rng.standard_normal((n, d)) + shift * y[:, None]  # overlapping classes
    return X, y


def _iris_versicolor_virginica():
    data = load_iris()
    rows = data.target > 0
    X, y = data.data[rows], data.target[rows]
    return (X - X.mean(axis=0)) / X.std(axis=0), y


PROBLEMS = {
    "blobs-2d-linear-C1": (*_blobs(40, 2, 1.5, 0), 1.0, "linear"),
    "blobs-5d-linear-C0.1": (*_blobs(30, 5, 1.0, 1), 0.1, "linear"),
    "blobs-2d-rbf-C10": (*_blobs(40, 2, 1.0, 2), 10.0, "rbf"),
    "iris-linear-C1": (*_iris_versicolor_virginica(), 1.0, "linear"),
    "iris-rbf-C3": (*_iris_versicolor_virginica(), 3.0, "rbf"),
}


@pytest.fixture(scope="module")
def fits():
    out = {}
    for name, (X, y, C, kernel) in PROBLEMS.items():
        ours = svm_dual(X, y, C, kernel=kernel)
        ref = SVC(kernel=kernel, C=C, tol=TOL_SKLEARN, gamma="scale").fit(X, y)
        out[name] = (X, y, ours, ref)
    return out


# --------------------------------------------------------------------------------------------------------------
# Against scikit-learn
# --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", PROBLEMS)
def test_support_vectors_and_bounded_set_match_sklearn(fits, name):
    X, _, ours, ref = fits[name]
    assert isinstance(ours, SVMModel) and ours.converged
    np.testing.assert_array_equal(ours.support, np.sort(ref.support_))
    np.testing.assert_array_equal(ours.support_vectors, X[ours.support])
    order = np.argsort(ref.support_)  # scikit-learn lists the support vectors class by class
    at_C_ref = np.abs(ref.dual_coef_[0][order]) >= ours.C * (1 - 1e-12)
    np.testing.assert_array_equal(ours.alpha[ours.support] == ours.C, at_C_ref)
    np.testing.assert_array_equal(ours.classes, ref.classes_)
    if ours.kernel == "rbf":
        assert ours.gamma == pytest.approx(ref._gamma, rel=4 * U)  # 1 / (d Var): a few roundings


@pytest.mark.parametrize("name", PROBLEMS)
def test_decision_function_dual_coef_and_intercept_match_sklearn_within_the_first_order_bound(fits, name):
    X, _, ours, ref = fits[name]
    rng = np.random.default_rng(7)
    X_eval = np.vstack([X, X[:10] + 0.5 * rng.standard_normal((10, X.shape[1]))])
    rho = TOL + TOL_SKLEARN + _libsvm_residual(ours, X)
    bound = _first_order_bound(ours, X, X_eval, rho)
    np.testing.assert_array_less(np.abs(ours.decision_function(X_eval) - ref.decision_function(X_eval)), bound)
    # [beta_F; b] themselves: within |A^{-1}| rho; the multipliers at C agree up to libsvm's own rounding
    F = _free(ours)
    err = _margin_system_inverse(ours, X) @ np.r_[rho, 0.0]  # (|F| + 1,)
    assert abs(ours.intercept - ref.intercept_[0]) <= err[-1] + 10 * U * abs(ours.intercept)
    order = np.argsort(ref.support_)
    diff = np.abs(ours.dual_coef - ref.dual_coef_[0][order])
    free_in_support = np.isin(ours.support, F)
    np.testing.assert_array_less(diff[free_in_support], err[:-1] + 10 * U * ours.C)
    # libsvm's multipliers at C come out of float32-cached updates but are clipped to C: 10 u32 C is generous
    assert np.all(diff[~free_in_support] <= 10 * U32 * ours.C)


@pytest.mark.parametrize("name", ["blobs-2d-linear-C1", "iris-linear-C1"])
def test_linear_coef_matches_sklearn(fits, name):
    X, _, ours, ref = fits[name]
    # w = X_S^T beta: |dw| <= |X_F|^T |d beta_F| <= the bound on f at x = e_k, componentwise
    rho = TOL + TOL_SKLEARN + _libsvm_residual(ours, X)
    bound = _first_order_bound(ours, X, np.eye(X.shape[1]), rho)  # f(e_k) - b = w_k, plus the intercept's share
    np.testing.assert_array_less(np.abs(ours.coef - ref.coef_[0]), bound)
    np.testing.assert_allclose(ours.coef, ours.dual_coef @ X[ours.support], rtol=0, atol=100 * U * np.abs(X).max())


@pytest.mark.parametrize("name", PROBLEMS)
def test_predictions_match_sklearn(fits, name):
    X, _, ours, ref = fits[name]
    bound = _first_order_bound(ours, X, X, TOL + TOL_SKLEARN + _libsvm_residual(ours, X))
    clear = np.abs(ours.decision_function(X)) > bound  # farther from the boundary than the two can differ
    assert np.mean(clear) > 0.9
    np.testing.assert_array_equal(ours.predict(X)[clear], ref.predict(X)[clear])


# --------------------------------------------------------------------------------------------------------------
# KKT conditions and the stopping rule
# --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", PROBLEMS)
def test_kkt_conditions_hold_to_the_tolerance(fits, name):
    X, y, ours, _ = fits[name]
    # The stopping rule bounds every residual by tol on the scores SMO kept; recomputing f adds rounding of order
    # n_SV u C max|K| (< 1e-12 here).
    assert np.all(_kkt_residuals(ours, X, y) <= TOL + 1e-12)
    assert ours.kkt_violation <= TOL
    # sharper, as derived in the project (section 3, "When to stop"): b lies between M and m, so each residual is at
    # most the final gap m - M (or 0 when m <= M), up to the same rounding
    assert np.all(_kkt_residuals(ours, X, y) <= max(ours.kkt_violation, 0.0) + 1e-12)
    assert np.all((ours.alpha >= 0) & (ours.alpha <= ours.C))
    y_pm = _y_pm(ours, y)
    # sum_i alpha_i y_i = 0 is kept by every step up to rounding: each step rounds its two new multipliers (<= u C
    # each) and may put them on a bound (a move <= 4 u C each), <= 10 u C per step; the final sum of n terms
    # |alpha_i| <= C adds <= (n - 1) u n C
    n = len(y_pm)
    assert abs(np.sum(ours.alpha * y_pm)) <= (10 * ours.n_iter + n * n) * U * ours.C
    np.testing.assert_array_equal(ours.dual_coef, ours.alpha[ours.support] * y_pm[ours.support])


# blobs-2d-linear-C1 is left out: SMO finds its solution exactly in 11 steps, nothing to bound
@pytest.mark.parametrize("name", ["blobs-5d-linear-C0.1", "iris-linear-C1", "blobs-2d-rbf-C10"])
def test_decision_function_is_within_the_tolerance_bound_of_a_tightly_converged_run(fits, name):
    X, y, ours, _ = fits[name]
    tight = svm_dual(X, y, ours.C, kernel=ours.kernel, tol=1e-13)
    np.testing.assert_array_equal(tight.support, ours.support)
    # both runs leave residuals <= their tol in the margin equations (no float32 here)
    bound = _first_order_bound(tight, X, X, TOL + 1e-13)
    np.testing.assert_array_less(np.abs(ours.decision_function(X) - tight.decision_function(X)), bound)
    # and the bound is a modest multiple of tol (|A^{-1}| is moderate here; 46 to 316 tol on one machine): tol really
    # controls the accuracy of f
    assert np.max(bound) <= 1e3 * TOL


def _state(K, y_pm, alpha, C):
    """v = y - s, I_up and I_low recomputed from the multipliers alone (project, section 3)."""
    v = y_pm - K @ (alpha * y_pm)  # (n,) s_t = sum_k K_tk alpha_k y_k
    up = np.where(y_pm > 0, alpha < C, alpha > 0)
    low = np.where(y_pm > 0, alpha > 0, alpha < C)
    return v, up, low


def test_each_step_moves_the_second_order_pair_and_the_intercept_follows_the_text():
    # Replays the first SMO steps (max_iter = 1, 2, ...) and checks, from the multipliers alone, that step k moved
    # exactly the pair of the project's rule: i the maximal violator of I_up, j in I_low with v_j < v_i maximising
    # (v_i - v_j)^2 / a_ij (a first-order rule (v_i - v_j) / a_ij picks other pairs). After each step the intercept
    # is the mean of v over the free points, or (m + M) / 2 without any: on these unconverged runs the choices inside
    # [M, m] differ by far more than the rounding of v (k u C max|K| ~ 1e-14; 1e-12 is generous).
    X, y = _blobs(30, 2, 1.0, 11)  # C = 10: free points from the first step; the first-order rule differs at step 8
    y_pm, C = np.where(y == 1, 1.0, -1.0), 10.0
    K = _kernel(X, X, "linear", None)
    previous = np.zeros(len(y))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # max_iter reached on purpose
        for k in range(1, 13):
            model = svm_dual(X, y, C=C, max_iter=k)
            assert model.n_iter == k and not model.converged
            v, up, low = _state(K, y_pm, previous, C)
            i = np.flatnonzero(up)[np.argmax(v[up])]  # ties (the first step): the first index, as np.argmax
            a = K[i, i] + np.diag(K) - 2 * K[i]
            j = np.argmax(np.where(low & (v < v[i]), (v[i] - v) ** 2 / a, -np.inf))
            assert set(np.flatnonzero(model.alpha != previous)) == {i, j}, k
            v, up, low = _state(K, y_pm, model.alpha, C)
            free = up & low
            expected = np.mean(v[free]) if free.any() else 0.5 * (v[up].max() + v[low].min())
            assert abs(model.intercept - expected) <= 1e-12
            previous = model.alpha


def test_rbf_primal_objective_equals_dual_objective(fits):
    # strong duality: with w = sum beta_i phi(x_i), the primal 1/2 ||w||^2 + C sum xi equals the dual
    # sum alpha - 1/2 beta^T K beta at the optimum, up to the KKT residuals: |gap| <= n C tol (sum of n terms)
    X, y, ours, _ = fits["blobs-2d-rbf-C10"]
    K = _kernel(X, X, "rbf", ours.gamma)
    beta = ours.alpha * _y_pm(ours, y)
    xi = np.maximum(0.0, 1.0 - _y_pm(ours, y) * ours.decision_function(X))
    primal = 0.5 * beta @ K @ beta + ours.C * np.sum(xi)
    dual = np.sum(ours.alpha) - 0.5 * beta @ K @ beta
    assert 0 <= primal - dual + 1e-12 <= len(y) * ours.C * TOL + 1e-12


# --------------------------------------------------------------------------------------------------------------
# Closed-form solutions
# --------------------------------------------------------------------------------------------------------------


def test_four_points_on_a_line():
    # Classes {0, 1} and {3, 4} on the x-axis, C large: the hard margin. The boundary is x = 2, the margins pass
    # through x = 1 and x = 3, so w = 1, b = -2 and the width 2/||w|| = 2 is the gap. alpha: w = alpha (3 - 1)
    # from the two support vectors (equal alphas by sum alpha_i y_i = 0) gives alpha = 1/2.
    X = np.array([[0.0], [1.0], [3.0], [4.0]])
    model = svm_dual(X, [0, 0, 1, 1], C=10.0)
    np.testing.assert_array_equal(model.support, [1, 2])
    np.testing.assert_allclose(model.dual_coef, [-0.5, 0.5], rtol=0, atol=1e-15)
    assert model.intercept == pytest.approx(-2.0, abs=1e-15)
    np.testing.assert_allclose(model.coef, [1.0], atol=1e-15)
    np.testing.assert_allclose(model.decision_function([[1.0], [2.0], [3.0]]), [-1.0, 0.0, 1.0], atol=1e-15)
    # a score of exactly 0 goes to classes[0], as in scikit-learn
    assert model.predict([[2.0]])[0] == 0


def test_soft_margin_caps_the_multipliers():
    # The same points with C = 0.1. By symmetry b = -2w, so y_i f(x_i) = 2w for x = 0, 4 and w for x = 1, 3, and
    # the primal is 1/2 w^2 + 0.1 (2 (1 - 2w)_+ + 2 (1 - w)_+): slope w - 0.6 < 0 below w = 1/2, w - 0.2 > 0 above,
    # so w = 1/2, b = -1. The inner points lie inside the margin (y f = 1/2): alpha = C = 0.1. The outer ones lie on
    # it (y f = 1) with alpha = a from w = -0.1 * 1 + 0.1 * 3 + 4 a = 1/2: a = 0.075.
    X = np.array([[0.0], [1.0], [3.0], [4.0]])
    model = svm_dual(X, [0, 0, 1, 1], C=0.1)
    np.testing.assert_array_equal(model.alpha[1:3], [0.1, 0.1])  # put exactly on the bound
    np.testing.assert_allclose(model.alpha[[0, 3]], [0.075, 0.075], rtol=0, atol=1e-14)
    np.testing.assert_allclose(model.coef, [0.5], atol=1e-14)
    assert model.intercept == pytest.approx(-1.0, abs=1e-14)


def test_two_dimensional_hard_margin_is_the_geometric_gap():
    # Two clouds separated along the direction (1, 1): the hard-margin width equals the distance between the
    # closest pair of points projected on the normal, here the points (1, 1) and (2, 2): sqrt(2).
    X = np.array([[0.0, 0.0], [1.0, 1.0], [0.0, 1.5], [1.5, 0.0], [2.0, 2.0], [3.0, 2.0], [2.0, 3.0], [4.0, 4.0]])
    y = np.array([-1, -1, -1, -1, 1, 1, 1, 1])
    model = svm_dual(X, y, C=1e6)
    assert 2 / np.linalg.norm(model.coef) == pytest.approx(np.sqrt(2), rel=1e-10)
    np.testing.assert_allclose(model.coef, [1.0, 1.0], rtol=1e-10)
    assert model.intercept == pytest.approx(-3.0, rel=1e-10)
    np.testing.assert_array_equal(model.predict(X), y)


def test_duplicate_point_with_the_opposite_label():
    # a_ij = K_ii + K_jj - 2 K_ij = 0 for the two copies: the dual is linear along their pair direction and the box
    # cuts the step (the tau = 1e-12 replacement). The solution still satisfies the KKT conditions and matches
    # scikit-learn within the first-order bound.
    X, y = _blobs(20, 2, 2.0, 3)
    X, y = np.vstack([X, X[:1]]), np.r_[y, 1 - y[0]]
    model = svm_dual(X, y, C=1.0)
    assert model.converged
    assert np.all(_kkt_residuals(model, X, y) <= TOL + 1e-12)
    # the copies have opposite y f, so at most one reaches y f >= 1 and the other holds alpha = C; here the first one
    # lies on its margin (y f = 1, free) and its copy on the wrong side (y f = -1)
    assert 0 < model.alpha[0] < model.C and model.alpha[-1] == model.C
    ref = SVC(kernel="linear", C=1.0, tol=TOL_SKLEARN).fit(X, y)
    bound = _first_order_bound(model, X, X, TOL + TOL_SKLEARN + _libsvm_residual(model, X))
    np.testing.assert_array_less(np.abs(model.decision_function(X) - ref.decision_function(X)), bound)


def test_second_order_rule_picks_the_pair_that_gains_the_most():
    # At the start alpha = 0, s = 0 and v = y: every positive point is a maximal violator (v = +1), i is the first,
    # x = 3, and every negative point has v_j = -1, the same slope v_i - v_j = 2. The first-order rule (the most
    # violating pair) cannot tell them apart; the second-order rule takes the largest gain 2^2 / a_ij, the smallest
    # a_ij = (x_i - x_j)^2: the nearest negative point, x = 2.5 (a = 0.25), not x = 0 (a = 9). The step
    # t = min(2 / 0.25, C) = C puts both on the bound, and that is already the solution: w = 3 - 2.5 = 0.5, and the
    # KKT conditions pin b between v = -1 of x = 0 and x = 4 (m = M = -1), so the fit ends after one step.
    X = np.array([[0.0], [2.5], [3.0], [4.0]])
    model = svm_dual(X, [-1, -1, 1, 1], C=1.0)
    assert model.converged and model.n_iter == 1
    np.testing.assert_array_equal(model.alpha, [0.0, 1.0, 1.0, 0.0])
    assert model.coef[0] == 0.5 and model.intercept == -1.0  # exact: 3 - 2.5 and y - s for x = 0 and x = 4


def test_zero_curvature_pair_steps_to_the_box_in_one_step():
    # Two copies of one point with opposite labels: a_ij = 0, D(t) = D(0) + 2 t is linear, and its maximum on the
    # box is at t = C. With a_ij replaced by tau = 1e-12 the step 2 / tau is cut to C at once; then w = 0, both
    # alpha = C, no free point, and b is the midpoint of [v_+, v_-] = [-1, 1]: f = 0.
    model = svm_dual([[1.0], [1.0]], [0, 1], C=10.0)
    assert model.converged and model.n_iter == 1
    np.testing.assert_array_equal(model.alpha, [10.0, 10.0])
    assert model.coef[0] == 0.0 and model.intercept == 0.0


@pytest.mark.parametrize(
    ("x", "alpha", "w", "interval"),
    [
        # w = 1.1; KKT: b >= -1 - 1.1 x (negatives at C, tightest x = -1.2), b <= 1 - 1.1 x (positives at C,
        # tightest x = 0.6); SMO leaves alpha_0 = 1 - 2^-53, the point j of a step
        ([-1.2, -0.5, -1.3, 0.7, -0.2, -0.3, 0.6, 2.3], [1, 1, 0, 1, 1, 1, 1, 0], 1.1, (0.32, 0.34)),
        # w = 1.2; tightest x = -0.4 and x = 0.9; SMO leaves alpha_6 = 1 - 2^-53, the point i of a step
        ([-0.4, -0.4, -1.5, 0.8, 1.7, 0.6, 0.9, -0.3], [1, 1, 0, 1, 0, 1, 1, 1], 1.2, (-0.52, -0.08)),
    ],
)
def test_a_multiplier_within_rounding_of_its_bound_is_put_on_it(x, alpha, w, interval):
    # One-dimensional data: K_ij = x_i x_j is a single rounded product, so every step is the same on every
    # machine. At the solution three points of each class hold alpha = C = 1, one of each 0, and none is free: the
    # KKT conditions (y f <= 1 at C, y f >= 1 at 0, with f = w x + b) only confine b to an interval, and its
    # midpoint is libsvm's (and our) intercept. Without putting alpha = C (1 - 2^-53) on the bound, that point
    # counts as free and sets b = v_t, an end of the interval (f off by 0.01 and 0.22).
    X, y = np.array(x)[:, None], np.repeat([0, 1], 4)
    model = svm_dual(X, y, C=1.0)
    np.testing.assert_array_equal(model.alpha, alpha)
    assert len(_free(model)) == 0
    assert model.coef[0] == pytest.approx(w, abs=1e-15)
    assert model.intercept == pytest.approx(np.mean(interval), abs=1e-14)
    ref = SVC(kernel="linear", C=1.0, tol=TOL_SKLEARN).fit(X, y)
    # the same rule in libsvm: the midpoint, up to its float32 kernel (|dv_t| <= u32 C sum_j |K_tj| < 1e-6)
    assert abs(model.intercept - ref.intercept_[0]) <= U32 * model.C * np.max(np.sum(np.abs(X @ X.T), axis=1))


# --------------------------------------------------------------------------------------------------------------
# Labels, defaults and the model object
# --------------------------------------------------------------------------------------------------------------


def test_invariance_to_label_coding():
    X, y01 = _blobs(24, 3, 1.0, 4)
    codings = {
        "0/1": y01,
        "-1/+1": 2 * y01 - 1,
        "strings": np.array(["benign", "malignant"])[y01],  # sorted: "malignant" is classes[1]
        "floats 3.5/7": np.where(y01 == 1, 7.0, 3.5),
    }
    models = {k: svm_dual(X, v, C=0.5) for k, v in codings.items()}
    base = models["0/1"]
    for key, model in models.items():
        # the same -1/+1 problem: the same arithmetic, bit for bit
        np.testing.assert_array_equal(model.alpha, base.alpha)
        assert model.intercept == base.intercept
        expected = np.unique(codings[key])[(base.decision_function(X) > 0).astype(int)]
        np.testing.assert_array_equal(model.predict(X), expected)
        assert model.predict(X).dtype == np.asarray(codings[key]).dtype


def test_no_free_support_vector_gives_the_midpoint_intercept_and_swapping_negates_f():
    # A degenerate solution: every support vector is at alpha = C, so the KKT conditions only pin b to an interval
    # [max_{I_up} v, min_{I_low} v] of width ~0.1 here. libsvm's rule (and ours) takes its midpoint, which is
    # symmetric under swapping the classes. Before multipliers within rounding of C were put on the bound, one
    # alpha ended at C (1 - 1e-16) under some BLAS kernels (OPENBLAS_CORETYPE=Prescott), counted as free, and
    # moved b to an end of the interval: f changed by 0.05.
    X, y = _blobs(24, 2, 1.0, 5)
    model, flipped = svm_dual(X, y, C=1.0), svm_dual(X, 1 - y, C=1.0)
    for fit in (model, flipped):
        assert len(_free(fit)) == 0
    np.testing.assert_allclose(flipped.decision_function(X), -model.decision_function(X), rtol=0, atol=1e-12)
    # the same multipliers as libsvm (all at a bound), so the ends of the interval differ only by libsvm's float32
    # kernel: |dv_t| <= u32 C sum_j |K_tj|
    ref = SVC(kernel="linear", C=1.0, tol=TOL_SKLEARN).fit(X, y)
    bound = U32 * model.C * np.max(np.sum(np.abs(X @ X.T), axis=1))
    assert abs(model.intercept - ref.intercept_[0]) <= bound


def test_default_gamma_is_sklearns_scale_and_ignored_by_the_linear_kernel():
    X, y = _blobs(20, 3, 1.0, 6)
    X = 5.0 * X
    model = svm_dual(X, y, C=1.0, kernel="rbf")
    assert model.gamma == pytest.approx(1.0 / (3 * X.var()), rel=4 * U)
    assert svm_dual(X, y, C=1.0, gamma=2.0).gamma is None
    assert svm_dual(X, y, C=1.0).coef is not None and model.coef is None
    # constant features: variance 0, gamma = 1 (scikit-learn's rule)
    assert svm_dual(np.ones((4, 2)), [0, 1, 0, 1], C=1.0, kernel="rbf").gamma == 1.0


def test_model_is_frozen_and_inputs_are_not_mutated():
    X, y = _blobs(10, 2, 2.0, 8)
    X_copy, y_copy = X.copy(), y.copy()
    model = svm_dual(X, y, C=1.0)
    np.testing.assert_array_equal(X, X_copy)
    np.testing.assert_array_equal(y, y_copy)
    with pytest.raises(dataclasses.FrozenInstanceError):
        model.intercept = 0.0


def test_max_iter_reached_warns_and_reports_non_convergence():
    X, y = _blobs(30, 2, 0.5, 9)
    with pytest.warns(RuntimeWarning, match="did not converge in max_iter=2"):
        model = svm_dual(X, y, C=1.0, max_iter=2)
    assert not model.converged and model.n_iter == 2 and model.kkt_violation > TOL


@settings(max_examples=10)
@given(st.integers(min_value=0, max_value=10_000), st.sampled_from([0.01, 1.0, 100.0]),
       st.sampled_from(["linear", "rbf"]))
def test_random_problems_satisfy_the_kkt_conditions(seed, C, kernel):
    X, y = _blobs(12, 2, 1.0, seed)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        model = svm_dual(X, y, C=C, kernel=kernel)
    # residuals <= tol plus the rounding of the recomputed scores (n u C max|K| <= 1e-12 for these sizes)
    assert np.all(_kkt_residuals(model, X, y) <= TOL + 1e-12 * max(1.0, C))
    # a multiplier is on a bound exactly, or further than rounding (4 u C) from it
    near = (np.minimum(model.alpha, C - model.alpha) <= 4 * U * C)
    assert np.all(np.isin(model.alpha[near], [0.0, C]))


# --------------------------------------------------------------------------------------------------------------
# Bad input
# --------------------------------------------------------------------------------------------------------------

X_OK = np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 2.0], [3.0, 1.0]])
Y_OK = np.array([0, 0, 1, 1])


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"C": 0.0}, "C must be a finite number > 0, got 0.0"),
        ({"C": -1.0}, "C must be a finite number > 0"),
        ({"C": np.nan}, "C must be a finite number > 0, got nan"),
        ({"C": "1"}, "C must be a real number > 0, got str"),
        ({"C": True}, "C must be a real number > 0, got bool"),
        ({"y": [0, 0, 0, 0]}, "y must hold exactly two classes, got 1"),
        ({"y": [0, 1, 2, 2]}, "y must hold exactly two classes, got 3"),
        ({"y": [0.0, 1.0, np.nan, 1.0]}, "y must not contain NaN"),
        ({"y": [0, 1, 1]}, r"y must have one label per row of X \(4\), got 3"),
        ({"y": [[0, 1, 1, 0]]}, "y must be a 1-D array"),
        ({"X": np.array([[0.0, np.nan], [1.0, 0.0], [2.0, 2.0], [3.0, 1.0]])}, "X must contain only finite"),
        ({"X": np.array([0.0, 1.0, 2.0, 3.0])}, r"X must be a 2-D array of shape \(n, d\), got shape \(4,\)"),
        ({"X": np.empty((4, 0))}, "X must not be empty"),
        ({"X": [["a", "b"]] * 4}, "X must be a 2-D array of real numbers"),
        ({"kernel": "poly"}, "kernel must be one of .*got 'poly'"),
        ({"kernel": None}, "kernel must be one of"),
        ({"gamma": 0.0}, "gamma must be a finite number > 0, got 0.0"),
        ({"gamma": -2.0, "kernel": "linear"}, "gamma must be a finite number > 0"),
        ({"tol": 0.0}, "tol must be a finite number > 0"),
        ({"max_iter": 0}, "max_iter must be an integer >= 1, got 0"),
        ({"max_iter": 2.5}, "max_iter must be an integer >= 1"),
    ],
)
def test_bad_input_raises_value_error_naming_the_argument(kwargs, match):
    args = {"X": X_OK, "y": Y_OK, "C": 1.0, **kwargs}
    with pytest.raises(ValueError, match=match):
        svm_dual(**args)


@pytest.mark.parametrize(
    ("X_new", "match"),
    [
        (np.ones((2, 3)), r"X_new must have 2 columns like the training data, got shape \(2, 3\)"),
        (np.array([[np.inf, 0.0]]), "X_new must contain only finite"),
        (np.ones(2), "X_new must be a 2-D array"),
        (np.empty((0, 2)), "X_new must not be empty"),
    ],
)
def test_bad_input_to_the_model_methods(X_new, match):
    model = svm_dual(X_OK, Y_OK, C=1.0, kernel="rbf")
    for method in (model.decision_function, model.predict):
        with pytest.raises(ValueError, match=match):
            method(X_new)
