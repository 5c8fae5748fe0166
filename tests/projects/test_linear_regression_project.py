"""The numbers that ``projects/README.md`` and the linear regression project (``projects/linear_regression_from_scratch.ipynb``) quote, recomputed.

Each test states a number as the README prints it, so that a change to the text or to the code breaks it, and
checks it against an independent reference (numpy.linalg, scikit-learn) where one exists.
"""

from types import SimpleNamespace

import numpy as np
import pytest
from sklearn.datasets import load_diabetes
from sklearn.linear_model import LinearRegression

from calculus.python_implementations.derivatives import squared_error_loss
from calculus.python_implementations.optimization import gradient_descent
from linear_algebra.python_implementations.eigen import eigh
from linear_algebra.python_implementations.least_squares import lstsq
from linear_algebra.python_implementations.svd import svd

EPS = np.finfo(float).eps
U = EPS / 2  # unit roundoff (NOTATION.md)


def _gamma(k):
    """Higham's gamma_k = k u / (1 - k u): the relative error bound of a sum or dot product of length k."""
    return k * U / (1 - k * U)


def _steps_the_count_can_move(grad_norms, tol, rho):
    r"""By how many steps can an iteration count, stopped at the first ``||g_k|| <= tol``, differ between machines?

    ``grad_norms`` are the norms along the run, ``rho`` a bound on the relative error of a computed gradient norm
    near the end (from rounding). Near the end the norm shrinks by the factor ``q`` per step, so a relative
    perturbation ``rho`` moves the first crossing of ``tol`` by at most ``ceil(log(1 + rho) / -log(q))`` steps.
    """
    assert grad_norms[-2] > tol >= grad_norms[-1]
    q = grad_norms[-1] / grad_norms[-2]
    return int(np.ceil(np.log1p(rho) / -np.log(q)))


def _plain_gradient_descent(grad, x0, eta, tol, max_iter):
    """An independent three-line gradient descent: the iteration count the module must reproduce (to one step)."""
    x, norms = x0.copy(), []
    for _ in range(max_iter + 1):
        g = grad(x)
        norms.append(np.sqrt(np.sum(g**2)))
        if norms[-1] <= tol:
            break
        x = x - eta * g
    return x, np.array(norms)


def _split(n):
    """Train and test row indices: a seeded permutation, the first quarter for testing."""
    perm = np.random.default_rng(0).permutation(n)
    return perm[n // 4 :], perm[: n // 4]


def _with_intercept(X):
    return np.column_stack([np.ones(X.shape[0]), X])  # (m, d) -> (m, d + 1)


# ----------------------------------------------------------------------------------------------------------------
# Project 1: linear regression on the diabetes data
# ----------------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def diabetes():
    data = load_diabetes()
    train, test = _split(len(data.target))
    X_raw, y = data.data, data.target
    mean, std = X_raw[train].mean(axis=0), X_raw[train].std(axis=0)
    return SimpleNamespace(
        X_raw_train=X_raw[train],
        X_raw_test=X_raw[test],
        X=_with_intercept(X_raw[train]),
        X_test=_with_intercept(X_raw[test]),
        Z=_with_intercept((X_raw[train] - mean) / std),
        mean=mean,
        std=std,
        y=y[train],
        y_test=y[test],
    )


def test_diabetes_split_sizes(diabetes):
    # README: "On the 110 test patients"; the notebook prints 332 training rows.
    assert diabetes.X.shape == (332, 11)
    assert diabetes.X_test.shape == (110, 11)


def test_diabetes_condition_numbers(diabetes):
    s = svd(diabetes.X).s
    kappa = s[0] / s[-1]
    # Jacobi SVD: singular values to high relative accuracy, so kappa agrees with LAPACK to many digits.
    np.testing.assert_allclose(kappa, np.linalg.cond(diabetes.X), rtol=1e-10)
    assert round(kappa) == 218  # README: kappa(X) ~ 218; notebook prints 217.8
    assert round(kappa, 1) == 217.8
    n = len(diabetes.y)
    lam_raw, _ = eigh(2 * diabetes.X.T @ diabetes.X / n)
    lam_std, _ = eigh(2 * diabetes.Z.T @ diabetes.Z / n)
    # Eigenvalues to within c n eps lambda_max in absolute terms; lambda_min / lambda_max >= 2e-5 here, so the
    # ratio is good to about 1e-10 relative.
    np.testing.assert_allclose(lam_raw, np.linalg.eigvalsh(2 * diabetes.X.T @ diabetes.X / n), rtol=1e-9)
    assert round(lam_raw[-1] / lam_raw[0]) == 47455  # README: kappa(H) ~ 47455 on the raw features
    # README: on the training rows each feature column has a norm between 0.84 and 0.9 (1 on all 442 rows)
    col_norms = np.sqrt(np.sum(diabetes.X_raw_train**2, axis=0))
    assert np.all((col_norms > 0.84) & (col_norms < 0.9))
    assert round(lam_std[-1] / lam_std[0]) == 426  # README: ~ 426 after standardizing
    # notebook: "standardizing divides it by more than a hundred"
    assert (lam_raw[-1] / lam_raw[0]) / (lam_std[-1] / lam_std[0]) > 100
    # H is a multiple of X^T X, so kappa(H) = kappa(X)^2 (the notebook says so).
    np.testing.assert_allclose(lam_raw[-1] / lam_raw[0], kappa**2, rtol=1e-8)


def test_diabetes_normal_equations_within_their_bound(diabetes):
    w_qr = lstsq(diabetes.X, diabetes.y, method="qr")
    w_ne = lstsq(diabetes.X, diabetes.y, method="normal")
    kappa = np.linalg.cond(diabetes.X)
    # README: "within c u kappa(X)^2, c = n". Forming X^T X rounds each entry (a dot product of length n) by at most
    # gamma_n |x_i|^T |x_j|, a relative perturbation of about n u; Cholesky adds O(d^2 u) < n u here (d = 11).
    # kappa(X)^2 magnifies the perturbation in the solution.
    n = len(diabetes.y)
    rel = np.max(np.abs(w_ne - w_qr)) / np.max(np.abs(w_qr))
    assert rel <= n * U * kappa**2
    # README: kappa(X^T X) ~ 4.7e4, "the normal equations lose about five of the sixteen digits"
    assert round(kappa**2 / 1e4, 1) == 4.7
    assert round(np.log10(kappa**2)) == 5


def test_diabetes_gradient_descent_iterations(diabetes):
    n = len(diabetes.y)
    lam_std, _ = eigh(2 * diabetes.Z.T @ diabetes.Z / n)
    lam_raw, _ = eigh(2 * diabetes.X.T @ diabetes.X / n)
    gd = gradient_descent(
        lambda v: squared_error_loss(v, diabetes.Z, diabetes.y)[1],
        np.zeros(11),
        learning_rate=1 / lam_std[-1],
        tol=1e-8,
        max_iter=50_000,
    )
    assert gd.converged

    # README: "about 7840 iterations (7841 on x86-64 with OpenBLAS), the count can move by a step or two".
    # Reference: a plain loop of our own, with numpy's own products.
    def grad_std(v):
        return 2 * diabetes.Z.T @ (diabetes.Z @ v - diabetes.y) / n

    x_ref, norms = _plain_gradient_descent(grad_std, np.zeros(11), 1 / lam_std[-1], 1e-8, 50_000)
    assert abs(gd.n_iter - (len(norms) - 1)) <= 2
    assert abs(gd.n_iter - 7841) <= 2
    assert round(gd.n_iter, -1) == 7840  # the notebook prints the count to the nearest ten
    # Why one step: rounding error of the computed gradient 2/n Z^T (Z v - y) (Higham 3.5): the residual carries
    # gamma_{d+1} (|Z||v| + |y|), the product with Z^T adds gamma_n |Z|^T |r|. The iterates' own rounding errors are
    # damped by the contraction and add at most as much again (factor 2).
    Zabs, r = np.abs(diabetes.Z), diabetes.Z @ x_ref - diabetes.y
    err = (
        2
        / n
        * (
            _gamma(n) * Zabs.T @ np.abs(r)
            + Zabs.T @ (_gamma(12) * (Zabs @ np.abs(x_ref) + np.abs(diabetes.y)))
        )
    )
    rho = 2 * np.linalg.norm(err) / 1e-8
    assert _steps_the_count_can_move(norms, 1e-8, rho) <= 2
    v_star = np.linalg.lstsq(diabetes.Z, diabetes.y, rcond=None)[0]
    # grad L(v) = H (v - v*), so ||v - v*|| <= ||grad|| / lambda_min <= tol / lambda_min
    assert np.linalg.norm(gd.x - v_star) <= 1e-8 / lam_std[0]
    assert round(1e-8 / lam_std[0], 8) == 5.5e-7  # notebook: "tol / lambda_min ~ 5.5e-7"
    # Back to the raw scale: w = T v with w_j = v_j / s_j, b = v_0 - sum_j v_j m_j / s_j. The notebook says the
    # division by s_j ~ 0.05 magnifies the error about twentyfold, ||w|| ~ 1470, hence a relative 1e-8.
    T = np.zeros((11, 11))
    T[0, 0], T[0, 1:] = 1.0, -diabetes.mean / diabetes.std
    T[1:, 1:] = np.diag(1 / diabetes.std)
    w_star_raw = np.linalg.lstsq(diabetes.X, diabetes.y, rcond=None)[0]
    assert round(float(np.min(diabetes.std)), 2) == 0.05
    assert 20 <= np.linalg.norm(T, 2) <= 22
    assert round(np.linalg.norm(w_star_raw), -1) == 1470
    assert np.linalg.norm(T, 2) * 1e-8 / lam_std[0] <= 1e-8 * np.linalg.norm(w_star_raw)
    np.testing.assert_allclose(T @ v_star, w_star_raw, rtol=1e-10)  # the change of variables itself
    assert np.linalg.norm(T @ gd.x - w_star_raw) <= 1e-8 * np.linalg.norm(w_star_raw)
    with pytest.warns(RuntimeWarning, match="did not converge"):
        gd_raw = gradient_descent(
            lambda w: squared_error_loss(w, diabetes.X, diabetes.y)[1],
            np.zeros(11),
            learning_rate=1 / lam_raw[-1],
            tol=1e-8,
            max_iter=gd.n_iter,
        )
    w_star = np.linalg.lstsq(diabetes.X, diabetes.y, rcond=None)[0]
    rel = np.linalg.norm(gd_raw.x - w_star) / np.linalg.norm(w_star)
    assert round(rel, 2) == 0.67  # README: "leaves it with a 67 % error"


def test_diabetes_test_metrics_and_sklearn(diabetes):
    w = lstsq(diabetes.X, diabetes.y)
    reference = LinearRegression().fit(diabetes.X_raw_train, diabetes.y)
    w_ref = np.r_[reference.intercept_, reference.coef_]
    # Both solvers are backward stable: each is within u (kappa + kappa^2 ||r|| / (||X|| ||w||)) of the exact
    # solution, times a modest constant (least squares chapter, section 4). The notebook quotes both numbers.
    s = np.linalg.svd(diabetes.X, compute_uv=False)
    kappa, u = s[0] / s[-1], EPS / 2
    rel_residual = np.linalg.norm(diabetes.y - diabetes.X @ w) / (s[0] * np.linalg.norm(w))
    assert round(rel_residual, 3) == 0.036  # notebook: ||r|| / (||X|| ||w||) ~ 0.036
    bound = u * (kappa + kappa**2 * rel_residual)
    assert f"{bound:.0e}" == "2e-13"  # notebook: ~ 2e-13, the kappa^2 term dominating
    assert kappa**2 * rel_residual > kappa
    assert np.linalg.norm(w - w_ref) <= 100 * bound * np.linalg.norm(w)
    # README and notebook: every coefficient agrees to a relative 1e-8 (the smallest, age ~ -0.6, included)
    np.testing.assert_allclose(w, w_ref, rtol=1e-8)
    residual = diabetes.y_test - diabetes.X_test @ w
    rmse = np.sqrt(np.mean(residual**2))
    r2 = 1 - np.sum(residual**2) / np.sum((diabetes.y_test - diabetes.y_test.mean()) ** 2)
    np.testing.assert_allclose(r2, reference.score(diabetes.X_raw_test, diabetes.y_test), rtol=1e-10)
    assert round(r2, 3) == 0.491  # README: R^2 = 0.491
    assert round(rmse, 1) == 53.8  # README: RMSE of 53.8
    baseline = np.sqrt(np.mean((diabetes.y_test - diabetes.y.mean()) ** 2))
    assert round(baseline, 1) == 75.6  # README: "against 75.6 for the baseline"
    assert round(1 - rmse / baseline, 1) == 0.3  # notebook: "cuts the error of the baseline by about 30 %"
