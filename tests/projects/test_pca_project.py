"""The numbers that ``projects/README.md`` and the PCA project (``projects/pca_with_eigen.ipynb``) quote, recomputed.

Each test states a number as the README prints it, so that a change to the text or to the code breaks it, and
checks it against an independent reference (numpy.linalg, scikit-learn) where one exists.
"""

from types import SimpleNamespace

import numpy as np
import pytest
from sklearn.datasets import load_digits
from sklearn.decomposition import PCA

from linear_algebra.python_implementations.eigen import eigh
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
# Project 3: PCA of the digits
# ----------------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def digits():
    X = load_digits().data
    Xc = X - X.mean(axis=0)
    Sigma = Xc.T @ Xc / (len(X) - 1)
    lam, V = eigh(Sigma)
    return SimpleNamespace(X=X, Xc=Xc, Sigma=Sigma, lam=lam[::-1], V=V[:, ::-1])


def test_digits_spectrum(digits):
    # eigenvalues to within c d eps lambda_max in absolute terms
    np.testing.assert_allclose(
        digits.lam, np.linalg.eigvalsh(digits.Sigma)[::-1], rtol=0, atol=100 * EPS * digits.lam[0]
    )
    assert round(digits.lam[0], 2) == 179.01  # README: largest eigenvalue 179.01
    assert round(digits.lam.sum(), 2) == 1202.15  # README: total variance 1202.15
    assert int(np.sum(digits.lam == 0)) == 3  # README: three blank pixels, three zero eigenvalues
    # notebook: the smallest non-zero variances are about 1e-6 of the largest
    assert round(np.log10(digits.lam[digits.lam > 0][-1] / digits.lam[0])) == -6
    assert int(np.sum(digits.X.max(axis=0) == 0)) == 3


def test_digits_explained_variance(digits):
    ratio = digits.lam / digits.lam.sum()
    cumulative = np.cumsum(ratio)
    pca = PCA(n_components=21, svd_solver="full").fit(digits.X)
    np.testing.assert_allclose(ratio[:21], pca.explained_variance_ratio_, rtol=1e-10)
    assert round(cumulative[1], 3) == 0.285  # README: 28.5 % for two components
    assert int(np.searchsorted(cumulative, 0.90) + 1) == 21  # README: 21 components for 90 %


def test_digits_reconstruction_error_is_discarded_variance(digits):
    V21 = digits.V[:, :21]
    residual = digits.Xc - digits.Xc @ V21 @ V21.T
    error = np.sum(residual**2) / (len(digits.Xc) - 1)
    np.testing.assert_allclose(error, digits.lam[21:].sum(), rtol=1e-10)
    assert round(error, 1) == 116.4  # README: "116.4 for k = 21"


def test_lauchli_matrix_smallest_singular_value():
    delta = 1e-9
    A = np.array([[1.0, 1.0], [delta, 0.0], [0.0, delta]])
    # one-sided Jacobi works on A itself: sigma_2 = delta to full relative accuracy
    np.testing.assert_allclose(svd(A).s[-1], delta, rtol=1e-12)
    w_gram, _ = eigh(A.T @ A)  # A^T A rounds to the all-ones matrix: the information is gone
    assert np.array_equal(A.T @ A, np.ones((2, 2)))
    assert w_gram[0] <= 1e-16
