"""Tests for eigh (cyclic Jacobi) in linear_algebra.python_implementations.eigen.

References: numpy.linalg.eigh (LAPACK syevd) and scipy.linalg.eigh. Error bounds of a backward-stable symmetric
eigensolver (Golub & Van Loan, section 8.1; Demmel & Veselic 1992 for Jacobi):
  ||A V - V diag(w)||_F <= c n eps ||A||_F,  ||V^T V - I||_F <= c n eps,  |w_i - lambda_i| <= c n eps ||A||_2,
and an eigenvector of a simple eigenvalue moves by at most about n eps ||A|| / gap (Davis-Kahan).
"""

import numpy as np
import pytest
import scipy.linalg
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from linear_algebra.python_implementations.eigen import eigh

EPS = np.finfo(float).eps
C = 10.0  # the constant c in the bounds above


def _fro(M):
    """Frobenius norm without overflow."""
    s = np.max(np.abs(M))
    return 0.0 if s == 0 else s * np.linalg.norm(M / s)


def _with_spectrum(eigenvalues, seed=1234):
    lam = np.asarray(eigenvalues, dtype=float)
    Q, _ = np.linalg.qr(np.random.default_rng(seed).standard_normal((lam.size, lam.size)))
    A = (Q * lam) @ Q.T
    return (A + A.T) / 2


def _cases():
    rng = np.random.default_rng(1234)
    X = rng.standard_normal((6, 6))
    D = np.diag(10.0 ** np.arange(0, -12, -2))
    i = np.arange(8)
    return {
        "1x1": np.array([[-4.0]]),
        "2x2_readme": np.array([[2.0, 1.0], [1.0, 2.0]]),
        "diagonal": np.diag([3.0, -1.0, 2.0, 0.0]),
        "zero": np.zeros((4, 4)),
        "identity": np.eye(5),
        "random_symmetric": X + X.T,
        "negative_definite": -(X @ X.T) - np.eye(6),
        "repeated_eigenvalues": _with_spectrum([1.0, 1.0, 1.0, 2.0, 2.0, 5.0]),
        "rank_deficient": _with_spectrum([0.0, 0.0, 0.0, 2.0, -2.0, 5.0]),
        "rank_one": np.outer([1.0, 2.0, 3.0], [1.0, 2.0, 3.0]),
        "graded": D @ (X @ X.T + np.eye(6)) @ D,
        "hilbert_8": 1.0 / (i[:, None] + i[None, :] + 1.0),
        "tiny_offdiagonal": np.array([[1.0, 1e-300], [1e-300, 2.0]]),
        "huge": 1e300 * (X + X.T),
        "tiny": 1e-300 * (X + X.T),
        "tridiagonal_laplacian_20": 2 * np.eye(20) - np.eye(20, k=1) - np.eye(20, k=-1),
    }


CASES = _cases()


@pytest.mark.parametrize("name", list(CASES))
def test_eigh_invariants_and_reference(name):
    A = CASES[name]
    n = A.shape[0]
    w, V = eigh(A)
    assert w.shape == (n,) and V.shape == (n, n)
    assert np.all(np.diff(w) >= 0)  # ascending, as numpy.linalg.eigh
    norm_A = _fro(A)
    # backward stability: residual <= c n eps ||A||_F (the scaled computation avoids overflow for "huge")
    s = np.max(np.abs(A)) if norm_A > 0 else 1.0
    assert _fro((A / s) @ V - (V * (w / s))) * s <= C * n * EPS * norm_A
    assert _fro(V.T @ V - np.eye(n)) <= C * n * EPS
    # eigenvalues against LAPACK: each solver is within c n eps ||A||_2 <= c n eps ||A||_F of the truth
    w_ref = np.linalg.eigvalsh(A / s) * s
    np.testing.assert_allclose(w, w_ref, rtol=0, atol=2 * C * n * EPS * norm_A)
    # sign convention: the largest entry of each column (the first among near-ties) is positive
    absV = np.abs(V)
    first_near_max = np.argmax(absV >= (1 - 1e-8) * absV.max(axis=0), axis=0)
    assert np.all(V[first_near_max, np.arange(n)] > 0)


@pytest.mark.parametrize("n", [1, 2, 5, 12, 30])
def test_eigh_matches_scipy_vectors_up_to_sign(n):
    # distinct, well separated eigenvalues: each eigenvector is determined up to sign
    rng = np.random.default_rng(n)
    X = rng.standard_normal((n, n))
    A = X + X.T
    w, V = eigh(A)
    w_ref, V_ref = scipy.linalg.eigh(A)
    np.testing.assert_allclose(w, w_ref, rtol=0, atol=2 * C * n * EPS * np.linalg.norm(A))
    gaps = (
        np.full(n, np.inf)
        if n == 1
        else np.minimum(np.r_[np.inf, np.diff(w_ref)], np.r_[np.diff(w_ref), np.inf])
    )
    signs = np.sign(np.sum(V * V_ref, axis=0))  # align the reference's arbitrary signs with ours
    # Davis-Kahan: each vector is within about c n eps ||A|| / gap of the exact one, for both solvers
    tol = 2 * C * n * EPS * np.linalg.norm(A) / gaps
    assert np.all(np.linalg.norm(V - V_ref * signs, axis=0) <= tol)


def test_eigh_repeated_eigenvalues_projectors():
    # eigenvectors of a repeated eigenvalue are not unique; the orthogonal projector onto the eigenspace is
    A = _with_spectrum([1.0, 1.0, 1.0, 2.0, 2.0, 5.0])
    w, V = eigh(A)
    _, V_ref = np.linalg.eigh(A)
    np.testing.assert_allclose(w, [1, 1, 1, 2, 2, 5], rtol=0, atol=C * 6 * EPS * 5)
    for block in (slice(0, 3), slice(3, 5), slice(5, 6)):
        P = V[:, block] @ V[:, block].T
        P_ref = V_ref[:, block] @ V_ref[:, block].T
        # gap between the clusters is 1: projectors agree to about c n eps ||A|| / gap
        np.testing.assert_allclose(P, P_ref, rtol=0, atol=2 * C * 6 * EPS * np.linalg.norm(A))


def test_eigh_diagonal_input_is_exact():
    # a diagonal matrix needs no rotation: eigenvalues sorted exactly, V a permutation matrix
    w, V = eigh(np.diag([3.0, -1.0, 2.0, 0.0]))
    assert w.tolist() == [-1.0, 0.0, 2.0, 3.0]
    np.testing.assert_array_equal(V, np.eye(4)[:, [1, 3, 2, 0]])


def test_eigh_identity_and_zero():
    w, V = eigh(np.eye(3))
    assert w.tolist() == [1.0, 1.0, 1.0] and np.array_equal(V, np.eye(3))
    w, V = eigh(np.zeros((3, 3)))
    assert w.tolist() == [0.0, 0.0, 0.0] and np.array_equal(V, np.eye(3))


def test_readme_worked_example():
    # README: A = [[2, 1], [1, 2]], characteristic polynomial lambda^2 - 4 lambda + 3, eigenvalues 1 and 3,
    # eigenvectors (1, -1)/sqrt(2) and (1, 1)/sqrt(2); one Jacobi rotation with theta = pi/4 diagonalizes A
    A = np.array([[2.0, 1.0], [1.0, 2.0]])
    np.testing.assert_allclose(np.sort(np.roots([1.0, -4.0, 3.0])), [1.0, 3.0], rtol=1e-14)
    w, V = eigh(A)
    np.testing.assert_allclose(w, [1.0, 3.0], rtol=0, atol=C * 2 * EPS * 3)
    r = 2**-0.5
    np.testing.assert_allclose(V, [[r, r], [-r, r]], rtol=0, atol=C * 2 * EPS)
    J = np.array([[r, r], [-r, r]])  # the rotation of the README with c = s = 1/sqrt(2)
    np.testing.assert_allclose(J.T @ A @ J, np.diag([1.0, 3.0]), rtol=0, atol=C * EPS * 3)
    # A = V diag(w) V^T
    np.testing.assert_allclose((V * w) @ V.T, A, rtol=0, atol=C * 2 * EPS * 3)


def test_readme_hessian_step_size():
    # README: for f(x) = x^T H x / 2 with H = [[2, 1], [1, 2]], gradient descent converges iff eta < 2 / 3
    H = np.array([[2.0, 1.0], [1.0, 2.0]])
    w, _ = eigh(H)
    np.testing.assert_allclose(2.0 / w[-1], 2.0 / 3.0, rtol=1e-14)
    np.testing.assert_allclose(w[-1] / w[0], 3.0, rtol=1e-14)  # condition number kappa(H) = 3

    def descend(eta, steps=200):
        x = np.array([1.0, 0.5])
        for _ in range(steps):
            x = x - eta * (H @ x)
        return np.linalg.norm(x)

    assert descend(0.6) < 1e-8  # |1 - 0.6 * 3| = 0.8 < 1
    assert descend(0.7) > 1e8  # |1 - 0.7 * 3| = 1.1 > 1


def test_readme_iris_covariance_spectrum():
    # README: the covariance of the iris measurements has eigenvalues 4.228, 0.243, 0.078, 0.024 (ddof = 1);
    # the first principal direction carries 92.5 % of the variance
    from sklearn.datasets import load_iris

    X = load_iris().data
    Xc = X - X.mean(axis=0)
    Sigma = Xc.T @ Xc / (X.shape[0] - 1)
    w, V = eigh(Sigma)
    np.testing.assert_allclose(w[::-1], [4.228, 0.243, 0.078, 0.024], atol=5e-4)
    np.testing.assert_allclose(w[-1] / w.sum(), 0.925, atol=5e-4)
    # independent route: LAPACK on numpy's own covariance estimate
    w_ref, V_ref = np.linalg.eigh(np.cov(X, rowvar=False))
    np.testing.assert_allclose(w, w_ref, rtol=0, atol=2 * C * 4 * EPS * w_ref[-1])
    # principal axes agree up to sign; the smallest gap is 0.054, so Davis-Kahan allows ~ 2 c n eps ||Sigma|| / 0.054
    signs = np.sign(np.sum(V * V_ref, axis=0))
    np.testing.assert_allclose(V, V_ref * signs, rtol=0, atol=2 * C * 4 * EPS * w_ref[-1] / 0.054)


def test_eigh_graded_matrix_small_eigenvalues_relatively_accurate():
    # Jacobi with the relative threshold |a_pq| <= eps sqrt(|a_pp a_qq|) finds the tiny eigenvalues of a graded
    # positive definite A = D M D to high *relative* accuracy (about kappa(M) eps, Demmel & Veselic 1992).
    # Independent reference: lambda_min(A) = 1 / lambda_max(A^-1), with A^-1 = D^-1 M^-1 D^-1 formed entrywise
    # from the well-conditioned M, and lambda_max of a matrix is found to relative accuracy n eps by LAPACK.
    rng = np.random.default_rng(1234)
    X = rng.standard_normal((6, 6))
    M = X @ X.T + 6 * np.eye(6)
    d = 10.0 ** np.arange(0, -12, -2)
    A = d[:, None] * M * d[None, :]
    w, _ = eigh(A)
    Minv = np.linalg.inv(M)
    lam_min_ref = 1.0 / np.linalg.eigvalsh(Minv / d[:, None] / d[None, :])[-1]
    kappa_M = np.linalg.cond(M)
    assert lam_min_ref < 1e-18  # about 1e-19: nineteen orders of magnitude below ||A||
    np.testing.assert_allclose(w[0], lam_min_ref, rtol=C * 6 * kappa_M * EPS)
    # the notebook's text and output (same matrix): kappa(M) about 5, eigenvalues "from 18.4 down to 1.1056e-19",
    # bound c n kappa(M) eps = 7e-14. Each is printed far coarser than its error (relative 7e-14 at most).
    assert round(kappa_M) == 5 and f"{C * 6 * kappa_M * EPS:.0e}" == "7e-14"
    assert (f"{w[-1]:.1f}", f"{w[0]:.4e}", f"{lam_min_ref:.4e}") == ("18.4", "1.1056e-19", "1.1056e-19")
    np.testing.assert_allclose(w[-1], np.linalg.eigvalsh(A)[-1], rtol=C * 6 * EPS)  # the largest: LAPACK is fine


def test_eigh_accepts_roundoff_asymmetry_and_uses_symmetric_part():
    rng = np.random.default_rng(1234)
    X = rng.standard_normal((5, 5))
    S = X + X.T
    E = np.triu(rng.standard_normal((5, 5)), 1) * 1e-15  # asymmetric perturbation at roundoff level
    w, _ = eigh(S + E)
    w_ref = np.linalg.eigvalsh((S + E + (S + E).T) / 2)
    np.testing.assert_allclose(w, w_ref, rtol=0, atol=2 * C * 5 * EPS * np.linalg.norm(S))


def test_eigh_warns_when_sweeps_run_out():
    X = np.random.default_rng(1234).standard_normal((10, 10))
    with pytest.warns(RuntimeWarning, match=r"eigh \(Jacobi\) did not converge in max_sweeps=1 sweeps"):
        eigh(X + X.T, max_sweeps=1)


def test_eigh_does_not_modify_input():
    A = CASES["random_symmetric"].copy()
    before = A.copy()
    eigh(A)
    np.testing.assert_array_equal(A, before)


SYMMETRIC = (
    st.integers(1, 6)
    .flatmap(
        lambda n: arrays(
            np.float64,
            (n, n),
            elements=st.one_of(st.just(0.0), st.floats(-1e3, 1e3).filter(lambda x: x == 0 or abs(x) >= 1e-3)),
        )
    )
    .map(lambda B: (B + B.T) / 2)
)


@given(SYMMETRIC)
def test_eigh_property_random_symmetric(A):
    n = A.shape[0]
    w, V = eigh(A)
    norm_A = np.linalg.norm(A)
    assert np.all(np.diff(w) >= 0)
    assert np.linalg.norm(A @ V - V * w) <= C * n * EPS * norm_A
    assert np.linalg.norm(V.T @ V - np.eye(n)) <= C * n * EPS
    np.testing.assert_allclose(w, np.linalg.eigvalsh(A), rtol=0, atol=2 * C * n * EPS * norm_A)
    # trace and Frobenius norm are invariant under orthogonal similarity: tr A = sum w, ||A||_F^2 = sum w^2
    np.testing.assert_allclose(w.sum(), np.trace(A), rtol=0, atol=C * n * EPS * norm_A * np.sqrt(n))
    np.testing.assert_allclose(np.sqrt(np.sum(w**2)), norm_A, rtol=0, atol=C * n * EPS * norm_A)


@pytest.mark.parametrize(
    "A, kwargs, error, match",
    [
        (
            np.array([[1.0, 2.0], [0.0, 1.0]]),
            {},
            ValueError,
            r"A must be symmetric: \|\|A - A\^T\|\|_F = 2\.83",
        ),
        (np.ones((2, 3)), {}, ValueError, r"A must be square, got shape \(2, 3\)"),
        (np.ones(4), {}, ValueError, r"A must be a 2-D matrix"),
        (np.empty((0, 0)), {}, ValueError, r"A must not be empty"),
        ([[1.0, np.nan], [np.nan, 1.0]], {}, ValueError, r"A must contain only finite numbers"),
        ([[np.inf]], {}, ValueError, r"A must contain only finite numbers"),
        ([["x"]], {}, ValueError, r"A must be an array of real numbers"),
        (np.eye(2), {"max_sweeps": 0}, ValueError, r"max_sweeps must be >= 1, got 0"),
        (np.eye(2), {"max_sweeps": 2.0}, TypeError, r"max_sweeps must be an integer, got float"),
    ],
)
def test_eigh_bad_input(A, kwargs, error, match):
    with pytest.raises(error, match=match):
        eigh(A, **kwargs)


def test_entries_near_the_overflow_threshold():
    # 2^1024 is not a double, so the exact power-of-two scaling goes through np.ldexp(A, -1024); and A + A^T must be formed
    # after scaling. The reference eigenvalues are those of A / 1e300 (exact enough: a relative error of eps).
    A = np.array([[1.5e308, 1e307], [1e307, 1e308]])
    w, V = eigh(A)
    w_ref = np.linalg.eigvalsh(A / 1e300) * 1e300
    np.testing.assert_allclose(w, w_ref, rtol=C * 2 * EPS)
    np.testing.assert_allclose(V.T @ V, np.eye(2), atol=C * 2 * EPS)


def test_antisymmetric_matrix_with_huge_entries_is_refused():
    # A - A^T overflows here unless the comparison is made on the scaled matrix.
    with pytest.raises(ValueError, match="A must be symmetric"):
        eigh([[0.0, 1e308], [-1e308, 0.0]])


@pytest.mark.parametrize(("factor", "accepted"), [(0.5, True), (2.0, False)])
def test_symmetry_tolerance_is_100_n_eps_norm(factor, accepted):
    # README (Code) and docstring: asymmetry up to ||A - A^T||_F <= 100 n eps ||A||_F is roundoff and accepted (the
    # symmetric part is used); beyond it eigh refuses. One entry a_12 is moved by delta, so ||A - A^T||_F = delta
    # sqrt(2); factors 0.5 and 2 sit well inside and outside the rule (||A||_F moves by 1e-13 relative).
    X = np.random.default_rng(1234).standard_normal((5, 5))
    S = X + X.T
    delta = factor * 100 * 5 * EPS * np.linalg.norm(S) / np.sqrt(2)
    A = S.copy()
    A[0, 1] += delta
    if accepted:
        w, _ = eigh(A)
        np.testing.assert_allclose(w, np.linalg.eigvalsh((A + A.T) / 2), rtol=0, atol=2 * C * 5 * EPS * np.linalg.norm(A))
    else:
        with pytest.raises(ValueError, match=r"A must be symmetric: .* exceeds the allowed roundoff 100 n eps"):
            eigh(A)
