"""The numbers that ``projects/README.md`` and the logistic regression project (``projects/logistic_regression_math.ipynb``) quote, recomputed.

Each test states a number as the README prints it, so that a change to the text or to the code breaks it, and
checks it against an independent reference (numpy.linalg, scikit-learn) where one exists.
"""

from types import SimpleNamespace

import numpy as np
import pytest
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression

from calculus.python_implementations.optimization import gradient_descent, newton_method
from linear_algebra.python_implementations.eigen import eigh

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
# Project 2: penalized logistic regression on the breast cancer data
# ----------------------------------------------------------------------------------------------------------------

ALPHA = 1e-2


def _sigmoid(z):
    return np.exp(-np.logaddexp(0.0, -z))


def _grad(w, X, y, alpha):
    mask = np.r_[0.0, np.ones(len(w) - 1)]
    return X.T @ (_sigmoid(X @ w) - y) / len(y) + alpha * mask * w


def _hess(w, X, y, alpha):
    mask = np.r_[0.0, np.ones(len(w) - 1)]
    sig = _sigmoid(X @ w)
    return (X.T * (sig * (1 - sig))) @ X / len(y) + alpha * np.diag(mask)


@pytest.fixture(scope="module")
def cancer():
    data = load_breast_cancer()
    X_raw, y = data.data, data.target.astype(float)
    train, test = _split(len(y))
    mean, std = X_raw[train].mean(axis=0), X_raw[train].std(axis=0)
    X = _with_intercept((X_raw[train] - mean) / std)
    newton = newton_method(
        lambda w: _grad(w, X, y[train], ALPHA), lambda w: _hess(w, X, y[train], ALPHA), np.zeros(31), tol=1e-8
    )
    return SimpleNamespace(
        X=X, y=y[train], X_test=_with_intercept((X_raw[test] - mean) / std), y_test=y[test], newton=newton
    )


def test_cancer_newton_and_gradient_descent_iterations(cancer):
    assert cancer.newton.converged
    # README: "Newton needs 8 iterations". Machine-independent: quadratic convergence leaves the last two gradient
    # norms far on either side of the tolerance (about 1e-7 and 1e-13), far beyond any rounding of the gradient.
    assert cancer.newton.n_iter == 8
    last = [np.linalg.norm(_grad(w, cancer.X, cancer.y, ALPHA)) for w in cancer.newton.path[-2:]]
    assert last[0] > 5e-8 and last[1] < 1e-10
    ell = np.linalg.eigvalsh(cancer.X.T @ cancer.X / len(cancer.y))[-1] / 4 + ALPHA
    assert round(ell, 2) == 3.38  # README: ell ~ 3.38
    gd = gradient_descent(
        lambda w: _grad(w, cancer.X, cancer.y, ALPHA),
        np.zeros(31),
        learning_rate=1 / ell,
        tol=1e-8,
        max_iter=20_000,
    )
    assert gd.converged
    # README: "gradient descent about 3930 (3933 on x86-64 with OpenBLAS)"; a plain loop of our own as reference
    x_ref, norms = _plain_gradient_descent(
        lambda w: _grad(w, cancer.X, cancer.y, ALPHA), np.zeros(31), 1 / ell, 1e-8, 20_000
    )
    assert abs(gd.n_iter - (len(norms) - 1)) <= 1
    assert abs(gd.n_iter - 3933) <= 1
    assert round(gd.n_iter, -1) == 3930  # the notebook prints the count to the nearest ten
    # Why one step: z = X w carries gamma_31 |X||w|, which moves sigma by s_i times that; sigma itself (exp of
    # logaddexp) is within about 4 u relative; the product with X^T adds gamma_n |X|^T |sigma - y|; the penalty
    # term is exact to u. Factor 2 for the iterates' own, damped, rounding errors.
    n = len(cancer.y)
    Xabs, z = np.abs(cancer.X), cancer.X @ x_ref
    sig = np.exp(-np.logaddexp(0.0, -z))
    err = (
        _gamma(n) * Xabs.T @ np.abs(sig - cancer.y)
        + Xabs.T @ (4 * U * sig + sig * (1 - sig) * _gamma(31) * (Xabs @ np.abs(x_ref)))
    ) / n
    rho = 2 * (np.linalg.norm(err) + U * ALPHA * np.linalg.norm(x_ref)) / 1e-8
    assert _steps_the_count_can_move(norms, 1e-8, rho) <= 1
    # both stop at ||grad|| <= 1e-8 with lambda_min(H*) ~ 0.0096: within ~1e-6 of each other
    assert np.linalg.norm(gd.x - cancer.newton.x) <= 1e-6 * np.linalg.norm(cancer.newton.x)


def test_cancer_curvature_at_the_optimum(cancer):
    lam = np.linalg.eigvalsh(_hess(cancer.newton.x, cancer.X, cancer.y, ALPHA))
    lam_module, _ = eigh(_hess(cancer.newton.x, cancer.X, cancer.y, ALPHA))
    np.testing.assert_allclose(lam_module, lam, rtol=1e-10)  # kappa(H*) ~ 21: eigenvalues to ~1e-14 relative
    assert round(lam[-1] / lam[0], 1) == 20.8  # README: "the Hessian there has kappa = 20.8"
    ell = np.linalg.eigvalsh(cancer.X.T @ cancer.X / len(cancer.y))[-1] / 4 + ALPHA
    assert round(ell / lam[0]) == 350  # README: "effectively sees ell / lambda_min ~ 350"


def test_cancer_accuracy_and_sklearn(cancer):
    w = cancer.newton.x
    pred = (cancer.X_test @ w > 0).astype(float)
    assert len(cancer.y_test) == 142
    assert int(np.sum(pred == cancer.y_test)) == 139  # README: 97.9 %, 139 correct
    assert round(np.mean(pred == cancer.y_test), 3) == 0.979
    assert int(np.sum((cancer.y_test == 0) & (pred == 1))) == 2  # malignant predicted benign
    assert int(np.sum((cancer.y_test == 1) & (pred == 0))) == 1  # benign predicted malignant
    # notebook: about three in four test tumours get a probability below 0.05 or above 0.95, while the three
    # errors get probabilities between 0.35 and 0.8
    p = np.exp(-np.logaddexp(0.0, -(cancer.X_test @ w)))
    assert round(np.mean((p < 0.05) | (p > 0.95)), 2) == 0.77
    wrong = p[pred != cancer.y_test]
    assert len(wrong) == 3 and np.all((wrong > 0.35) & (wrong < 0.8))
    reference = LogisticRegression(
        C=1 / (len(cancer.y) * ALPHA), solver="newton-cholesky", tol=1e-12, max_iter=100
    )
    reference.fit(cancer.X[:, 1:], cancer.y)
    w_ref = np.r_[reference.intercept_, reference.coef_.ravel()]
    # ||w - w*|| <~ ||grad|| / lambda_min = 1e-8 / 0.0096 ~ 1e-6 (README: "to a relative 1e-6")
    assert np.linalg.norm(w_ref - w) <= 1e-6 * np.linalg.norm(w)


def test_cancer_training_rows_are_separable_without_penalty(cancer):
    run = newton_method(
        lambda w: _grad(w, cancer.X, cancer.y, 0.0),
        lambda w: _hess(w, cancer.X, cancer.y, 0.0),
        np.zeros(31),
        tol=1e-8,
        max_iter=40,
    )
    margins = (2 * cancer.y - 1) * (cancer.X @ run.x)
    assert np.all(margins > 0)  # a separating hyperplane: no finite minimiser without the penalty
    assert np.linalg.norm(run.x) > 1000  # README: "drives ||w|| past 1000"
    assert run.converged  # README: "still reports convergence"
