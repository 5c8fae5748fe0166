"""Tests for linear_algebra.python_implementations.orthogonal.

References: numpy.linalg.qr, numpy.linalg.norm(., 2) and numpy.linalg.lstsq (LAPACK), scipy.linalg.orth (SVD),
vectors.project for the projection onto a line, and invariants (Q R = A, R upper triangular, P^2 = P, P = P^T,
y - P y orthogonal to range(A), tr(P) = rank(A)).

Error bounds behind the tolerances (u = unit roundoff, kappa = kappa(A) = sigma_1 / sigma_n, A of shape (m, n)). The
theorems state their constants as low-degree polynomials in m and n; we use one explicit constant for all of them,

    C(m, n) = 2 m n^(3/2),

Higham's bound for Householder QR, ||I - Q^T Q|| <= 2 ||dQ|| + ||dQ||^2 with ||dQ||_F <= sqrt(n) gamma_mn and
gamma_k ~ k u (Accuracy and Stability, 2nd ed., sec. 19.3). Then

- Householder:   ||I - Q^T Q||_2 <= C u                                                    (Higham, Thm 19.4)
- modified GS:   ||I - Q^T Q||_2 <= C u kappa   / (1 - C u kappa)    when C u kappa   < 1   (Björck 1967)
- classical GS:  ||I - Q^T Q||_2 <= C u kappa^2 / (1 - C u kappa^2)  when C u kappa^2 < 1   (Giraud et al. 2005)
- all three:     ||A - Q R||_2   <= C u ||A||_2                                             (backward stable residual)
- a backward stable orthonormal basis of range(A) spans a subspace within C u kappa_r of the exact one, kappa_r =
  sigma_1 / sigma_r (the range moves by at most ||dA|| / sigma_r), and so does its projector P = Q Q^T.
"""

from __future__ import annotations

import contextlib
import io
import math
import re
import textwrap
from pathlib import Path

import numpy as np
import pytest
import scipy.linalg
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from linear_algebra.python_implementations import eigen, orthogonal
from linear_algebra.python_implementations.orthogonal import (
    gram_schmidt,
    orthogonality_loss,
    project_onto,
    projection_matrix,
    qr,
)
from linear_algebra.python_implementations.vectors import norm, project

EPS = np.finfo(float).eps
U_ROUNDOFF = EPS / 2  # u in the README
README = Path(__file__).resolve().parents[2] / "linear_algebra" / "orthogonality_and_projections" / "README.md"
METHODS = ["classical", "modified"]
KAPPAS = [1.0, 1e2, 1e4, 1e6, 1e8, 1e10, 1e12]
M, N = 60, 12  # the size of the README experiment


def C(m: int, n: int) -> float:
    """The constant of the bounds above, 2 m n^(3/2)."""
    return 2.0 * m * n**1.5


def graded(m: int, n: int, kappa: float, seed: int) -> np.ndarray:
    """A = U diag(sigma) V^T with random orthonormal U (m, n), V (n, n) and sigma graded from 1 down to 1/kappa."""
    rng = np.random.default_rng(seed)
    U, _ = np.linalg.qr(rng.standard_normal((m, n)))  # (m, n)
    V, _ = np.linalg.qr(rng.standard_normal((n, n)))  # (n, n)
    sigma = np.logspace(0, -np.log10(kappa), n)  # (n,)
    return (U * sigma) @ V.T  # (m, n)


def reference_loss(Q: np.ndarray) -> float:
    return float(np.linalg.norm(np.eye(Q.shape[1]) - Q.T @ Q, 2))


def laeuchli(eps: float = 1e-8) -> np.ndarray:
    return np.array([[1.0, 1.0, 1.0], [eps, 0.0, 0.0], [0.0, eps, 0.0], [0.0, 0.0, eps]])


# ---------------------------------------------------------------------------------------------- gram_schmidt


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("shape", [(1, 1), (3, 3), (20, 4), (50, 10)])
def test_gram_schmidt_matches_numpy_qr(method, shape):
    m, n = shape
    A = np.random.default_rng(m * n).standard_normal(shape)
    Q, R = gram_schmidt(A, method)
    Qn, Rn = np.linalg.qr(A)
    d = np.sign(np.diag(Rn))  # LAPACK's signs -> the positive diagonal that Gram-Schmidt produces
    Qn, Rn = Qn * d, Rn * d[:, None]
    kappa = np.linalg.cond(A)
    # Q is a forward error: the loss of orthogonality of CGS (C u kappa^2) bounds how far Q is from the exact
    # factor, and R = Q^T A inherits it times ||A||
    tol = C(m, n) * U_ROUNDOFF * kappa**2
    assert np.linalg.norm(Q - Qn, 2) <= tol
    assert np.linalg.norm(R - Rn, 2) <= tol * np.linalg.norm(A, 2)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("kappa", KAPPAS)
def test_gram_schmidt_residual_is_small_for_every_condition_number(method, kappa):
    A = graded(M, N, kappa, seed=1)
    Q, R = gram_schmidt(A, method)
    # both variants have a backward stable residual, whatever the orthogonality of Q
    assert np.linalg.norm(A - Q @ R, 2) <= C(M, N) * U_ROUNDOFF * np.linalg.norm(A, 2)
    assert np.all(np.tril(R, -1) == 0.0)  # upper triangular: exact zeros below the diagonal
    assert np.all(np.diag(R) > 0.0)


@pytest.mark.parametrize("kappa", KAPPAS)
@pytest.mark.parametrize("method", ["classical", "modified", "householder"])
def test_loss_of_orthogonality_obeys_the_theorems(method, kappa):
    A = graded(M, N, kappa, seed=2)
    kappa_A = np.linalg.cond(A)  # the condition number of the matrix actually built (within u kappa of kappa)
    Q = qr(A)[0] if method == "householder" else gram_schmidt(A, method)[0]
    loss = orthogonality_loss(Q)
    c = C(M, N)
    if method == "householder":
        assert loss <= c * U_ROUNDOFF
        return
    x = c * U_ROUNDOFF * (kappa_A if method == "modified" else kappa_A**2)
    if x < 1:  # the theorems say nothing beyond this point
        assert loss <= x / (1 - x)
    else:
        assert method == "classical" and kappa >= 1e8  # only CGS leaves the range of its theorem here


@pytest.mark.parametrize("kappa", [1e6, 1e8, 1e10, 1e12])
def test_classical_is_far_worse_than_modified(kappa):
    # Not a theorem (the theorems are upper bounds) but what the README's plot shows, checked with a wide margin:
    # measured on one machine, the ratio is 1e6 or more at these kappa
    A = graded(M, N, kappa, seed=3)
    cgs = orthogonality_loss(gram_schmidt(A, "classical")[0])
    mgs = orthogonality_loss(gram_schmidt(A, "modified")[0])
    assert cgs >= 100 * mgs
    if U_ROUNDOFF * kappa**2 >= 100:  # u kappa^2 >= 100: classical Gram-Schmidt has lost orthogonality completely
        assert cgs >= 0.1


@pytest.mark.parametrize("method", METHODS)
def test_gram_schmidt_agrees_with_householder_when_well_conditioned(method):
    A = graded(30, 6, 10.0, seed=4)
    Q, R = gram_schmidt(A, method)
    Qh, Rh = qr(A)  # both use the positive-diagonal convention: the same factors up to C u kappa^2
    tol = C(30, 6) * U_ROUNDOFF * 10.0**2
    assert np.linalg.norm(Q - Qh, 2) <= tol
    assert np.linalg.norm(R - Rh, 2) <= tol


@pytest.mark.parametrize("kappa", [1e3, 1e10])
@pytest.mark.parametrize("method", METHODS)
def test_gram_schmidt_scaling_by_powers_of_two_is_exact(method, kappa):
    # scaling a column by 2^k changes no rounding: Q identical bit for bit, R scaled exactly, even at 2^1000 ~ 1e301.
    # At 2^-1000 ~ 1e-301 with kappa = 1e10 the remainders v_k (of size sigma_n ~ 1e-311) would be subnormal without
    # the module's column scaling, and lose digits; with it they are computed at scale 1.
    A = graded(8, 3, kappa, seed=5)
    Q, R = gram_schmidt(A, method)
    for k in (1000, -1000):
        Qs, Rs = gram_schmidt(np.ldexp(A, k), method)
        np.testing.assert_array_equal(Qs, Q)
        np.testing.assert_array_equal(Rs, np.ldexp(R, k))


@pytest.mark.parametrize("method", METHODS)
def test_gram_schmidt_columns_of_wildly_different_size(method):
    # columns near 1e300 and 1e-300: without the column scaling ||a_1||^2 overflows and the products underflow
    B = graded(6, 3, 10.0, seed=6)
    A = B * np.array([1e300, 1e-300, 1.0])
    Q, R = gram_schmidt(A, method)
    Qb, Rb = gram_schmidt(B, method)
    # Gram-Schmidt of A D is Gram-Schmidt of A with R scaled: only the rounding of the scaling differs (u per entry,
    # amplified by at most kappa^2 = 100 in the Q factor)
    np.testing.assert_allclose(Q, Qb, rtol=0, atol=C(6, 3) * U_ROUNDOFF * 100)
    np.testing.assert_allclose(R / np.array([1e300, 1e-300, 1.0]), Rb, rtol=0, atol=C(6, 3) * U_ROUNDOFF * 100)
    assert np.all(np.isfinite(R))


def test_gram_schmidt_tiny_entries():
    A = 1e-300 * graded(5, 2, 10.0, seed=7)
    for method in METHODS:
        Q, R = gram_schmidt(A, method)
        assert orthogonality_loss(Q) <= C(5, 2) * U_ROUNDOFF * 100
        assert np.linalg.norm(A - Q @ R) <= C(5, 2) * U_ROUNDOFF * np.linalg.norm(A)


@pytest.mark.parametrize("method", METHODS)
def test_gram_schmidt_exactly_dependent_column_raises(method):
    A = np.array([[1.0, 2.0], [0.0, 0.0], [0.0, 0.0]])  # a_2 = 2 a_1 exactly: v_2 = 0
    with pytest.raises(np.linalg.LinAlgError, match="column 1"):
        gram_schmidt(A, method)
    with pytest.raises(np.linalg.LinAlgError, match="column 0"):
        gram_schmidt(np.zeros((3, 2)), method)


@pytest.mark.parametrize("method", METHODS)
def test_gram_schmidt_does_not_mutate(method):
    A = graded(5, 3, 10.0, seed=8)
    before = A.copy()
    gram_schmidt(A, method)
    projection_matrix(A)
    project_onto(np.ones(5), A)
    orthogonality_loss(A)
    np.testing.assert_array_equal(A, before)


def test_gram_schmidt_default_is_modified():
    A = laeuchli()
    np.testing.assert_array_equal(gram_schmidt(A)[0], gram_schmidt(A, "modified")[0])


small = st.floats(min_value=-1e3, max_value=1e3, allow_nan=False, allow_infinity=False)


@given(arrays(np.float64, (5, 3), elements=small), st.sampled_from(METHODS))
def test_gram_schmidt_properties(A, method):
    assume(np.linalg.matrix_rank(A) == 3)
    Q, R = gram_schmidt(A, method)
    assert np.all(np.tril(R, -1) == 0.0) and np.all(np.diag(R) > 0)
    assert np.linalg.norm(A - Q @ R, 2) <= C(5, 3) * U_ROUNDOFF * np.linalg.norm(A, 2)
    np.testing.assert_allclose(np.linalg.norm(Q, axis=0), 1.0, rtol=0, atol=10 * U_ROUNDOFF)  # unit columns


# ---------------------------------------------------------------------------------------------- projections


def _cases():
    rng = np.random.default_rng(9)
    B = rng.standard_normal((8, 3))
    onehot = np.eye(3)[rng.integers(0, 3, 8)]  # (8, 3) one-hot columns: they sum to the intercept column
    return {
        "tall": rng.standard_normal((20, 4)),
        "square": rng.standard_normal((5, 5)),
        "wide": rng.standard_normal((3, 7)),
        "rank deficient": np.c_[B, B[:, 0] + B[:, 1]],  # (8, 4) of rank 3
        "dummy trap": np.c_[np.ones(8), onehot],  # (8, 4) of rank 3: intercept + one-hot
        "wide rank deficient": rng.standard_normal((4, 2)) @ rng.standard_normal((2, 7)),  # (4, 7) of rank 2
        "column": rng.standard_normal((6, 1)),
        "row": rng.standard_normal((1, 5)),
        "1x1": np.array([[-2.5]]),
        "1x1 zero": np.zeros((1, 1)),
        "zero": np.zeros((4, 2)),
        "graded 1e8": graded(10, 4, 1e8, seed=10),
        "huge": 1e300 * rng.standard_normal((6, 3)),
        "tiny": 1e-300 * rng.standard_normal((6, 3)),
    }


CASES = _cases()


def _rank_and_kappa(A):
    s = np.linalg.svd(A, compute_uv=False)
    r = int(np.count_nonzero(s > s[0] * max(A.shape) * EPS)) if s[0] > 0 else 0
    return r, (s[0] / s[r - 1] if r else 1.0)


@pytest.mark.parametrize("name", list(CASES))
def test_projection_matrix_matches_scipy_orth(name):
    A = CASES[name]
    m, n = A.shape
    P = projection_matrix(A)
    O = scipy.linalg.orth(A)  # (m, r) orthonormal basis of range(A) from LAPACK's SVD, numpy's rank tolerance
    r, kappa_r = _rank_and_kappa(A)
    assert P.shape == (m, m) and O.shape[1] == r
    # both subspaces are within C u kappa_r of the exact range (each method backward stable)
    assert np.linalg.norm(P - O @ O.T, 2) <= 2 * C(m, n) * U_ROUNDOFF * kappa_r


@pytest.mark.parametrize(
    ("sigma_last", "rank"),
    [
        (1e-10, 3),  # far above numpy's tolerance sigma_1 max(m, n) eps = 2.2e-15: kept
        (3 * EPS, 2),  # between sigma_1 eps and sigma_1 max(m, n) eps: cut, as numpy.linalg.matrix_rank cuts it
    ],
)
def test_projection_rank_uses_numpys_tolerance(sigma_last, rank):
    # A (10, 3) with singular values 1, 1e-3 and sigma_last; the computed sigma_last is within about u sigma_1 of it,
    # far from both thresholds sigma_1 max(m, n) eps = 2.2e-15 and sigma_1 eps = 2.2e-16
    rng = np.random.default_rng(20)
    U, _ = np.linalg.qr(rng.standard_normal((10, 3)))
    V, _ = np.linalg.qr(rng.standard_normal((3, 3)))
    A = (U * np.array([1.0, 1e-3, sigma_last])) @ V.T  # (10, 3)
    assert np.linalg.matrix_rank(A) == rank == scipy.linalg.orth(A).shape[1]  # the reference rule
    P = projection_matrix(A)
    assert abs(np.trace(P) - rank) <= 10 * C(10, 3) * U_ROUNDOFF  # tr(P) = rank up to the loss of the basis
    y = rng.standard_normal(10)
    O = scipy.linalg.orth(A)
    # with the same rank the projections agree to C u kappa_r (kappa_r <= 1e10 here); a rank off by one moves P y by
    # the component of y along the dropped direction, of order 1
    kappa_r = 1.0 / (sigma_last if rank == 3 else 1e-3)
    assert np.linalg.norm(project_onto(y, A) - O @ (O.T @ y)) <= 2 * C(10, 3) * U_ROUNDOFF * kappa_r * norm(y)


@pytest.mark.parametrize("name", list(CASES))
def test_projection_matrix_invariants(name):
    A = CASES[name]
    m, n = A.shape
    P = projection_matrix(A)
    r, _ = _rank_and_kappa(A)
    c = C(m, n) * U_ROUNDOFF
    np.testing.assert_array_equal(P, P.T)  # symmetric by construction
    # P^2 - P = Q (Q^T Q - I) Q^T: bounded by the loss of orthogonality of the Householder basis
    assert np.linalg.norm(P @ P - P, 2) <= 2 * c
    assert abs(np.trace(P) - r) <= r * c + 0.0  # tr(Q Q^T) = tr(Q^T Q) = r up to the loss
    # P A = A: (I - P) A = (I - P)(Q R - dA) + the cut singular values, at most ||A|| (C u + max(m, n) eps)
    normA = np.linalg.norm(A, 2)
    assert np.linalg.norm(P @ A - A, 2) <= (c + max(m, n) * EPS) * normA * 2


@pytest.mark.parametrize("name", list(CASES))
def test_residual_is_orthogonal_to_the_range(name):
    A = CASES[name]
    m, n = A.shape
    y = np.random.default_rng(13).standard_normal(m)
    y_hat = project_onto(y, A)
    r = y - y_hat
    # A^T r = A^T (I - P) y with ||(I - P)^T A|| <= (C u + max(m, n) eps) ||A||, as in the invariants test;
    # checked on A / max|a_ij| so that the check itself does not overflow for entries near 1e300
    scale = float(np.max(np.abs(A))) or 1.0
    An = A / scale
    bound = 2 * (C(m, n) * U_ROUNDOFF + max(m, n) * EPS) * np.linalg.norm(An, 2) * np.linalg.norm(y)
    assert np.linalg.norm(An.T @ r) <= bound
    # Pythagoras: ||y||^2 = ||P y||^2 + ||y - P y||^2
    np.testing.assert_allclose(
        np.linalg.norm(y_hat) ** 2 + np.linalg.norm(r) ** 2, np.linalg.norm(y) ** 2, rtol=C(m, n) * U_ROUNDOFF
    )


@pytest.mark.parametrize("name", list(CASES))
def test_project_onto_equals_projection_matrix_times_y(name):
    A = CASES[name]
    m = A.shape[0]
    y = np.random.default_rng(14).standard_normal(m)
    # the same basis Q either way: Q (Q^T y) and (Q Q^T) y differ by the rounding of the products, m u ||y|| each
    np.testing.assert_allclose(
        project_onto(y, A), projection_matrix(A) @ y, rtol=0, atol=4 * m * EPS * np.linalg.norm(y)
    )


@pytest.mark.parametrize("shape", [(10, 3), (30, 8), (5, 5)])
def test_projection_gives_least_squares_fitted_values(shape):
    m, n = shape
    rng = np.random.default_rng(m + n)
    X, y = rng.standard_normal(shape), rng.standard_normal(m)
    fitted = X @ np.linalg.lstsq(X, y, rcond=None)[0]
    # fitted values are well conditioned: both within C u kappa ||y|| of the exact X w_hat
    tol = 2 * C(m, n) * U_ROUNDOFF * np.linalg.cond(X) * np.linalg.norm(y)
    np.testing.assert_allclose(project_onto(y, X), fitted, rtol=0, atol=tol)


@pytest.mark.parametrize("m", [1, 2, 7])
def test_project_onto_a_line_is_vectors_project(m):
    rng = np.random.default_rng(m)
    y, a = rng.standard_normal(m), rng.standard_normal(m)
    # both are (y . q) q with q = a / ||a|| up to the sign of q and a few roundings of size m u ||y||
    np.testing.assert_allclose(project_onto(y, a[:, None]), project(y, a), rtol=0, atol=8 * m * EPS * norm(y))
    a_col = a[:, None]
    np.testing.assert_allclose(
        projection_matrix(a_col), np.outer(a, a) / (a @ a), rtol=0, atol=8 * m * EPS
    )  # P = a a^T / a^T a


def test_projection_of_vectors_inside_and_outside_the_range():
    A = CASES["tall"]
    w = np.arange(1.0, 5.0)
    inside = A @ w
    # y in range(A) is its own projection; a vector of null(A^T) projects to 0
    tol = 4 * C(20, 4) * U_ROUNDOFF * np.linalg.cond(A) * np.linalg.norm(inside)
    np.testing.assert_allclose(project_onto(inside, A), inside, rtol=0, atol=tol)
    Qfull, _ = np.linalg.qr(A, mode="complete")
    outside = Qfull[:, 4:] @ np.ones(16)  # (20,) orthogonal to every column
    assert np.linalg.norm(project_onto(outside, A)) <= C(20, 4) * U_ROUNDOFF * np.linalg.norm(outside)


def test_complement_projector_projects_onto_null_of_A_transpose():
    A = CASES["rank deficient"]
    P = projection_matrix(A)
    I_minus_P = np.eye(8) - P
    N_ref = scipy.linalg.null_space(A.T)  # (8, 5): the orthogonal complement of range(A)
    assert N_ref.shape[1] == 8 - 3
    assert np.linalg.norm(I_minus_P - N_ref @ N_ref.T, 2) <= 2 * C(8, 4) * U_ROUNDOFF * _rank_and_kappa(A)[1]


def test_projection_is_independent_of_the_basis_and_the_scaling():
    A = CASES["tall"]
    P = projection_matrix(A)
    T = np.array([[2.0, 1.0, 0.0, 0.0], [0.0, 1.0, 0.0, 3.0], [1.0, 0.0, 1.0, 0.0], [0.0, 0.0, 1.0, 1.0]])
    for B in (A @ T, 1e300 * A, 1e-300 * A, A * np.array([1e100, 1.0, 1e-100, 1.0])):
        # same column space; different bases differ only by their own C u kappa(B)
        tol = 2 * C(20, 4) * U_ROUNDOFF * max(np.linalg.cond(A), np.linalg.cond(B))
        assert np.linalg.norm(projection_matrix(B) - P, 2) <= tol


def test_project_onto_huge_and_tiny_vectors():
    A = CASES["tall"]
    y = np.random.default_rng(15).standard_normal(20)
    base = project_onto(y, A)
    for s in (1e300, 1e-300):
        np.testing.assert_allclose(project_onto(s * y, A) / s, base, rtol=0, atol=20 * EPS * np.linalg.norm(y))


@given(arrays(np.float64, st.tuples(st.integers(1, 6), st.integers(1, 4)), elements=small))
def test_projection_properties(A):
    m, n = A.shape
    P = projection_matrix(A)
    assert np.array_equal(P, P.T)
    c = C(m, n) * U_ROUNDOFF
    assert np.linalg.norm(P @ P - P, 2) <= 2 * c
    assert np.linalg.norm(P @ A - A, 2) <= 2 * (c + max(m, n) * EPS) * np.linalg.norm(A, 2)
    eig = np.linalg.eigvalsh(P)  # an orthogonal projector has eigenvalues 0 and 1 only
    assert np.all(np.minimum(np.abs(eig), np.abs(eig - 1.0)) <= 2 * c)


# ---------------------------------------------------------------------------------------------- orthogonality_loss


@pytest.mark.parametrize("shape", [(1, 1), (5, 5), (40, 8), (3, 6)])
def test_orthogonality_loss_matches_numpy_norm_on_general_matrices(shape):
    Q = np.random.default_rng(sum(shape)).standard_normal(shape)
    n = shape[1]
    ref = reference_loss(Q)
    # the same E = I - Q^T Q (up to its exact symmetrisation); Jacobi's eigenvalues are within c n u ||E||
    np.testing.assert_allclose(orthogonality_loss(Q), ref, rtol=16 * n * EPS, atol=4 * shape[0] * EPS)


@pytest.mark.parametrize("kappa", [1.0, 1e4, 1e8])
@pytest.mark.parametrize("method", METHODS)
def test_orthogonality_loss_matches_numpy_norm_on_computed_factors(kappa, method):
    Q = gram_schmidt(graded(M, N, kappa, seed=16), method)[0]
    ref = reference_loss(Q)
    # E may be a few u only: compare with an absolute tolerance at the rounding level of forming Q^T Q (m u)
    np.testing.assert_allclose(orthogonality_loss(Q), ref, rtol=16 * N * EPS, atol=4 * M * EPS)


def test_orthogonality_loss_known_values():
    assert orthogonality_loss(np.eye(4)) == 0.0
    assert orthogonality_loss(np.eye(5, 3)) == 0.0
    np.testing.assert_allclose(orthogonality_loss(2.0 * np.eye(3)), 3.0, rtol=4 * EPS)  # |1 - 4|
    np.testing.assert_allclose(orthogonality_loss(np.zeros((3, 2))), 1.0, rtol=4 * EPS)  # Q^T Q = 0
    np.testing.assert_allclose(orthogonality_loss([[1.0, 1.0]]), 1.0, rtol=4 * EPS)  # wide: a lost direction
    # two unit columns at angle theta: Q^T Q = [[1, c], [c, 1]], loss |cos theta|
    theta = 0.3
    Q = np.array([[1.0, math.cos(theta)], [0.0, math.sin(theta)]])
    np.testing.assert_allclose(orthogonality_loss(Q), math.cos(theta), rtol=8 * EPS)
    Qn = np.linalg.qr(np.random.default_rng(17).standard_normal((30, 6)))[0]
    assert orthogonality_loss(Qn) <= C(30, 6) * U_ROUNDOFF  # LAPACK's Householder Q


def test_orthogonality_loss_overflow_and_extremes():
    assert orthogonality_loss(1e200 * np.eye(2)) == math.inf  # true loss 1e400 - 1: not a double
    np.testing.assert_allclose(orthogonality_loss(1e150 * np.eye(2)), 1e300, rtol=4 * EPS)
    np.testing.assert_allclose(orthogonality_loss(1e-200 * np.eye(2)), 1.0, rtol=4 * EPS)  # Q^T Q underflows


@given(arrays(np.float64, st.tuples(st.integers(1, 6), st.integers(1, 4)), elements=small))
def test_orthogonality_loss_property(Q):
    loss = orthogonality_loss(Q)
    s = np.linalg.svd(Q, compute_uv=False)
    n = Q.shape[1]
    s = np.r_[s, np.zeros(n - s.size)]
    expected = float(np.max(np.abs(1.0 - s**2)))  # ||I - Q^T Q|| = max |1 - sigma_j^2|
    assert loss >= 0.0
    assert abs(loss - expected) <= 16 * (Q.shape[0] + n) * EPS * max(1.0, expected)
    # flipping the sign of a column changes nothing: Q D with D = diag(+-1) has (QD)^T QD = D Q^T Q D
    assert orthogonality_loss(-Q) == loss


# ---------------------------------------------------------------------------------------------- re-export of qr


def test_qr_is_reexported_not_copied():
    import linear_algebra.python_implementations as pkg

    assert orthogonal.qr is eigen.qr
    assert pkg.qr is eigen.qr
    for name in ("gram_schmidt", "orthogonality_loss", "project_onto", "projection_matrix"):
        assert getattr(pkg, name) is getattr(orthogonal, name)
        assert name in pkg.__all__


# ---------------------------------------------------------------------------------------------- bad input

BAD = [
    (gram_schmidt, ([[1.0, np.nan], [0.0, 1.0]],), "A must contain only finite"),
    (gram_schmidt, ([[1.0, np.inf], [0.0, 1.0]],), "A must contain only finite"),
    (gram_schmidt, ([1.0, 2.0],), "A must be a 2-D matrix"),
    (gram_schmidt, (np.zeros((0, 2)),), "A must not be empty"),
    (gram_schmidt, (np.ones((2, 3)),), r"A must have at least as many rows as columns.*\(2, 3\)"),
    (gram_schmidt, (np.eye(2), "householder"), "method must be 'modified' or 'classical', got 'householder'"),
    (gram_schmidt, (np.eye(2), None), "method must be"),
    (gram_schmidt, ("abc",), "A must be an array of real numbers"),
    (projection_matrix, ([[np.nan]],), "A must contain only finite"),
    (projection_matrix, (np.ones(3),), "A must be a 2-D matrix"),
    (projection_matrix, (np.ones((2, 0)),), "A must not be empty"),
    (project_onto, ([1.0, 2.0], np.ones((3, 1))), r"y must have one entry per row of A.*\(2,\).*\(3, 1\)"),
    (project_onto, (np.ones((3, 1)), np.ones((3, 1))), "y must be a 1-D vector"),
    (project_onto, ([1.0, np.nan, 0.0], np.ones((3, 1))), "y must contain only finite"),
    (project_onto, ([1.0, 2.0, 3.0], np.full((3, 1), np.inf)), "A must contain only finite"),
    (project_onto, ([], np.ones((0, 1))), "y must not be empty"),
    (orthogonality_loss, ([[np.nan, 1.0]],), "Q must contain only finite"),
    (orthogonality_loss, (np.ones(3),), "Q must be a 2-D matrix"),
    (orthogonality_loss, (np.ones((0, 0)),), "Q must not be empty"),
]


@pytest.mark.parametrize(("func", "args", "match"), BAD, ids=[f"{f.__name__}-{i}" for i, (f, _, _) in enumerate(BAD)])
def test_bad_input_raises_value_error_naming_the_argument(func, args, match):
    with pytest.raises(ValueError, match=match):
        func(*args)


@given(
    arrays(np.float64, (4, 3), elements=small),
    st.integers(0, 3),
    st.integers(0, 2),
    st.sampled_from([np.nan, np.inf, -np.inf]),
)
def test_non_finite_entries_always_rejected(A, i, j, bad):
    A = A.copy()
    A[i, j] = bad
    for call in (
        lambda: gram_schmidt(A),
        lambda: gram_schmidt(A, "classical"),
        lambda: projection_matrix(A),
        lambda: orthogonality_loss(A),
    ):
        with pytest.raises(ValueError, match=r"A must contain only finite|Q must contain only finite"):
            call()
    with pytest.raises(ValueError, match="y must contain only finite"):
        project_onto(A[:, j], np.ones((4, 2)))


# ---------------------------------------------------------------------------------------------- README


def test_readme_worked_example_projection_onto_a_plane():
    # README: a1 = (1, 1, 0), a2 = (1, 0, 1); q1 = (1, 1, 0)/sqrt 2, r12 = 1/sqrt 2, v2 = (1/2, -1/2, 1),
    # r22 = sqrt(3/2), q2 = (1, -1, 2)/sqrt 6
    A = np.array([[1.0, 1.0], [1.0, 0.0], [0.0, 1.0]])
    for method in METHODS:
        Q, R = gram_schmidt(A, method)
        np.testing.assert_allclose(Q[:, 0], np.array([1, 1, 0]) / math.sqrt(2), rtol=0, atol=4 * EPS)
        np.testing.assert_allclose(Q[:, 1], np.array([1, -1, 2]) / math.sqrt(6), rtol=0, atol=4 * EPS)
        np.testing.assert_allclose(
            R, [[math.sqrt(2), 1 / math.sqrt(2)], [0, math.sqrt(1.5)]], rtol=0, atol=8 * EPS
        )
    # P = (1/3) [[2, 1, 1], [1, 2, -1], [1, -1, 2]], I - P = n n^T / 3 with n = a1 x a2 = (1, -1, -1)
    P = projection_matrix(A)
    np.testing.assert_allclose(3 * P, [[2, 1, 1], [1, 2, -1], [1, -1, 2]], rtol=0, atol=16 * EPS)
    n = np.cross(A[:, 0], A[:, 1])
    np.testing.assert_array_equal(n, [1.0, -1.0, -1.0])
    np.testing.assert_allclose(np.eye(3) - P, np.outer(n, n) / 3, rtol=0, atol=16 * EPS)
    # y = (1, 2, 3): P y = (7, 2, 5)/3, residual (-4, 4, 4)/3 = (4/3) n ... up to sign, ||r||^2 = 16/3
    y = np.array([1.0, 2.0, 3.0])
    y_hat = project_onto(y, A)
    np.testing.assert_allclose(3 * y_hat, [7, 2, 5], rtol=0, atol=32 * EPS)
    np.testing.assert_allclose(3 * (y - y_hat), [-4, 4, 4], rtol=0, atol=32 * EPS)
    np.testing.assert_allclose(np.sum((y - y_hat) ** 2), 16 / 3, rtol=16 * EPS)
    # the weights: Q^T y = (3/sqrt 2, 5/sqrt 6), w_hat = (2/3, 5/3)
    Q, R = gram_schmidt(A)
    np.testing.assert_allclose(Q.T @ y, [3 / math.sqrt(2), 5 / math.sqrt(6)], rtol=8 * EPS)
    w = np.linalg.solve(R, Q.T @ y)
    np.testing.assert_allclose(w, [2 / 3, 5 / 3], rtol=16 * EPS)
    np.testing.assert_allclose(A @ w, y_hat, rtol=0, atol=32 * EPS)


def test_readme_worked_example_rotation():
    # README: Q = [[0.6, -0.8], [0.8, 0.6]] (a rotation by 53.13 degrees), x = (1, 2) -> Q x = (-1, 2);
    # z = (2, 1) -> Q z = (0.4, 2.2); lengths sqrt 5 and the dot product 4 are kept; det Q = 1
    Q = np.array([[0.6, -0.8], [0.8, 0.6]])
    x, z = np.array([1.0, 2.0]), np.array([2.0, 1.0])
    np.testing.assert_allclose(Q @ x, [-1.0, 2.0], rtol=0, atol=4 * EPS)
    np.testing.assert_allclose(Q @ z, [0.4, 2.2], rtol=0, atol=4 * EPS)
    np.testing.assert_allclose([norm(Q @ x), norm(Q @ z)], [math.sqrt(5)] * 2, rtol=4 * EPS)
    np.testing.assert_allclose((Q @ x) @ (Q @ z), x @ z, rtol=4 * EPS)
    assert x @ z == 4.0
    assert round(math.degrees(math.atan2(0.8, 0.6)), 2) == 53.13
    np.testing.assert_allclose(np.linalg.det(Q), 1.0, rtol=4 * EPS)
    assert orthogonality_loss(Q) <= 4 * EPS  # 0.36 + 0.64 = 1 up to one rounding
    H = np.array([[0.6, 0.8], [0.8, -0.6]])  # the README's reflection: det -1, also orthogonal
    np.testing.assert_allclose(np.linalg.det(H), -1.0, rtol=4 * EPS)
    assert orthogonality_loss(H) <= 4 * EPS


def test_readme_worked_example_laeuchli():
    # README: eps = 1e-8, eps^2 = 1e-16 < u, so 1 + eps^2 rounds to 1 and q1 = (1, eps, 0, 0) exactly.
    eps = 1e-8
    assert 1.0 + eps**2 == 1.0 and eps**2 < U_ROUNDOFF
    A = laeuchli(eps)
    # kappa(A) = sqrt(3 + eps^2) / eps = 1.73e8; u kappa = 1.9e-8, u kappa^2 = 3.3
    kappa = np.linalg.cond(A)
    assert f"{kappa:.3g}" == "1.73e+08"
    assert f"{U_ROUNDOFF * kappa:.2g}" == "1.9e-08" and f"{U_ROUNDOFF * kappa**2:.2g}" == "3.3"
    Qc = gram_schmidt(A, "classical")[0]
    Qm = gram_schmidt(A, "modified")[0]
    np.testing.assert_array_equal(Qc[:, 0], [1.0, eps, 0.0, 0.0])
    # CGS: q2 = (0, -1, 1, 0)/sqrt 2, q3 = (0, -1, 0, 1)/sqrt 2, q2^T q3 = 1/2
    np.testing.assert_allclose(Qc[:, 1], np.array([0, -1, 1, 0]) / math.sqrt(2), rtol=0, atol=4 * EPS)
    np.testing.assert_allclose(Qc[:, 2], np.array([0, -1, 0, 1]) / math.sqrt(2), rtol=0, atol=4 * EPS)
    # README: the computed q2 lacks the exact first entry eps/sqrt 2, so q1^T q2 = -eps/sqrt 2; CGS then gets
    # r23 = 0 from a3 while MGS gets the exact eps/sqrt 2 from the updated v
    Rc = gram_schmidt(A, "classical")[1]
    Rm = gram_schmidt(A, "modified")[1]
    assert Qc[0, 1] == 0.0
    np.testing.assert_allclose(Qc[:, 0] @ Qc[:, 1], -eps / math.sqrt(2), rtol=1e-6)
    assert Rc[1, 2] == 0.0
    np.testing.assert_allclose(Rm[1, 2], eps / math.sqrt(2), rtol=1e-6)
    # MGS: q3 = (0, -1, -1, 2)/sqrt 6, orthogonal to q2 up to rounding
    np.testing.assert_allclose(Qm[:, 2], np.array([0, -1, -1, 2]) / math.sqrt(6), rtol=0, atol=4 * EPS)
    # losses: CGS 0.5 (every digit shown), MGS eps sqrt(2/3) = 8.16e-9 (three digits), Householder <= C u
    loss_c, loss_m = orthogonality_loss(Qc), orthogonality_loss(Qm)
    assert round(loss_c, 4) == 0.5
    assert f"{loss_m:.3g}" == "8.16e-09"
    np.testing.assert_allclose(loss_m, eps * math.sqrt(2 / 3), rtol=1e-6)  # the O(eps^2) terms are 1e-8 relative
    assert loss_m <= C(4, 3) * U_ROUNDOFF * kappa  # Björck's bound holds (C u kappa = 8e-6 < 1)
    assert orthogonality_loss(qr(A)[0]) <= C(4, 3) * U_ROUNDOFF
    # README: the Householder loss is below 50 u (C(4, 3) = 41.6)
    assert round(C(4, 3), 1) == 41.6


def test_readme_experiment_bounds_and_constants():
    # README: m = 60, n = 12, C = 2 m n^(3/2) = 4988; the theorem for CGS covers kappa < 1 / sqrt(C u) = 1.3e6,
    # the one for MGS kappa < 1 / (C u) = 1.8e12; Householder's bound C u = 5.5e-13
    c = C(M, N)
    assert round(c) == 4988
    assert f"{1 / math.sqrt(c * U_ROUNDOFF):.2g}" == "1.3e+06"
    assert f"{1 / (c * U_ROUNDOFF):.2g}" == "1.8e+12"
    assert f"{c * U_ROUNDOFF:.2g}" == "5.5e-13"
    # the measured table of the README (one machine) must obey what holds everywhere
    rows = _table_rows("| $\\kappa$ |")
    assert [float(r[0].replace("$10^{", "1e").replace("}$", "")) for r in rows] == [10.0**e for e in range(0, 13, 2)]
    for row in rows:
        kappa = float(row[0].replace("$10^{", "1e").replace("}$", ""))
        cgs, mgs, hh = (float(x) for x in row[1:4])
        assert hh <= c * U_ROUNDOFF
        if c * U_ROUNDOFF * kappa < 1:
            x = c * U_ROUNDOFF * kappa
            assert mgs <= x / (1 - x)
        if c * U_ROUNDOFF * kappa**2 < 1:
            x = c * U_ROUNDOFF * kappa**2
            assert cgs <= x / (1 - x)
    # README: the measured losses are at most about 11 times u kappa^2 (CGS, before it saturates at kappa = 1e8), u kappa
    # (MGS) and u (Householder), some 400 times less than c; from kappa = 100 on CGS sits at 0.01 to 0.2 times
    # u kappa^2 and MGS at 0.1 to 0.6 times u kappa
    kappas = np.array([float(r[0].replace("$10^{", "1e").replace("}$", "")) for r in rows])
    cgs, mgs, hh = (np.array([float(r[i]) for r in rows]) for i in (1, 2, 3))
    const_cgs = cgs[kappas <= 1e8] / (U_ROUNDOFF * kappas[kappas <= 1e8] ** 2)
    const_mgs, const_hh = mgs / (U_ROUNDOFF * kappas), hh / U_ROUNDOFF
    largest = max(const_cgs.max(), const_mgs.max(), const_hh.max())
    assert round(largest) == 11 and c / largest >= 400
    assert np.all((const_cgs[1:] >= 0.01) & (const_cgs[1:] <= 0.2))
    assert np.all((const_mgs[1:] >= 0.1) & (const_mgs[1:] <= 0.6))


def _table_rows(header_start: str) -> list[list[str]]:
    text = README.read_text(encoding="utf-8")
    lines = text.split(header_start, 1)[1].splitlines()[2:]  # skip the rest of the header line and the rule
    rows = []
    for line in lines:
        if not line.startswith("|"):
            break
        rows.append([c.strip() for c in line.strip("|").split("|")])
    return rows


def _exercise_block(number: int) -> tuple[str, list[str]]:
    """The python block of the solution to exercise ``number`` of the README, and its text block (dedented)."""
    exercises = README.read_text(encoding="utf-8").split("## Exercises", 1)[1].split("## Further reading")[0]
    item = re.split(r"^(\d+)\. ", exercises, flags=re.M)
    body = item[item.index(str(number)) + 1]
    code = textwrap.dedent(re.search(r"```python\n(.*?)```", body, re.S).group(1))
    shown = [line.strip() for line in re.search(r"```text\n(.*?)```", body, re.S).group(1).splitlines() if line.strip()]
    return code, shown


def test_readme_exercise_cgs2_solution_prints_what_the_readme_shows():
    code, shown = _exercise_block(4)
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        exec(code, {})
    assert buffer.getvalue().splitlines() == shown


def cgs2(A):
    """The README's solution to exercise 4 (executed from the README text, so that the two cannot drift apart)."""
    namespace: dict = {}
    code, _ = _exercise_block(4)
    exec(code.split("rng = np.random.default_rng(0)")[0], namespace)  # imports and the function only
    return namespace["cgs2"](A)


@pytest.mark.parametrize("kappa", [1.0, 1e6, 1e12])
def test_readme_exercise_cgs2_twice_is_enough(kappa):
    # Giraud et al. 2005: CGS2 keeps ||I - Q^T Q|| <= C u whenever C u kappa < 1 (here up to kappa = 1.8e12)
    A = graded(M, N, kappa, seed=18)
    Q, R = cgs2(A)
    assert orthogonality_loss(Q) <= C(M, N) * U_ROUNDOFF
    assert np.linalg.norm(A - Q @ R, 2) <= C(M, N) * U_ROUNDOFF * np.linalg.norm(A, 2)
    if kappa >= 1e6:  # ... where one pass of CGS is far from orthogonal (measured: 1e-5 and more)
        assert orthogonality_loss(gram_schmidt(A, "classical")[0]) >= 1e3 * orthogonality_loss(Q)


def test_readme_exercise_whitening():
    # README exercise: centred X = Q R, Z = sqrt(n - 1) Q has identity sample covariance
    rng = np.random.default_rng(19)
    X = rng.standard_normal((200, 3)) @ np.array([[2.0, 0.0, 0.0], [1.5, 0.5, 0.0], [0.3, 0.2, 0.1]])
    Xc = X - X.mean(axis=0)
    Q, R = qr(Xc)
    Z = math.sqrt(199) * Q
    np.testing.assert_allclose(np.cov(Z, rowvar=False), np.eye(3), rtol=0, atol=C(200, 3) * U_ROUNDOFF * 200)
    np.testing.assert_allclose(Z, Xc @ np.linalg.inv(R) * math.sqrt(199), rtol=0, atol=1e-10)


def test_readme_code_snippet_prints_what_the_readme_shows():
    text = README.read_text(encoding="utf-8")
    section = text.split("## Code", 1)[1]
    snippet = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    shown = re.search(r"```text\n(.*?)```", section, re.S).group(1).splitlines()
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        exec(snippet, {})
    assert buffer.getvalue().splitlines() == shown  # the snippet prints only machine-independent values


def test_readme_exercise_complement_is_projection_onto_the_normal():
    # README exercise 3: n = (1, -1, -1), n^T y = -4, n^T n = 3: projection -4/3 n = (-4, 4, 4)/3 = y - P y
    A = np.array([[1.0, 1.0], [1.0, 0.0], [0.0, 1.0]])
    y, n = np.array([1.0, 2.0, 3.0]), np.array([1.0, -1.0, -1.0])
    assert n @ y == -4.0 and n @ n == 3.0
    np.testing.assert_allclose(project(y, n), np.array([-4.0, 4.0, 4.0]) / 3, rtol=0, atol=8 * EPS)
    np.testing.assert_allclose(y - project_onto(y, A), project(y, n), rtol=0, atol=32 * EPS)


def test_readme_exercise_reflection():
    # README exercise 2: H = [[0.6, 0.8], [0.8, -0.6]] keeps (2, 1), sends (-1, 2) to (1, -2), = I - 2 n n^T
    H = np.array([[0.6, 0.8], [0.8, -0.6]])
    np.testing.assert_allclose(H @ [2.0, 1.0], [2.0, 1.0], rtol=0, atol=4 * EPS)
    np.testing.assert_allclose(H @ [-1.0, 2.0], [1.0, -2.0], rtol=0, atol=4 * EPS)
    n = np.array([-1.0, 2.0]) / math.sqrt(5)
    np.testing.assert_allclose(np.eye(2) - 2 * np.outer(n, n), H, rtol=0, atol=4 * EPS)
    # I - 2 n n^T = I - 2 P with P the projector onto the line through n
    np.testing.assert_allclose(np.eye(2) - 2 * projection_matrix(n[:, None]), H, rtol=0, atol=8 * EPS)


def test_readme_leverages():
    # README exercise 6 and the notebook: t = (0, 1, 2, 10), mean 3.25, sum of squares 62.75,
    # h = (0.418, 0.331, 0.275, 0.976), summing to 2
    t = np.array([0.0, 1.0, 2.0, 10.0])
    X = np.c_[np.ones(4), t]
    assert t.mean() == 3.25 and np.sum((t - t.mean()) ** 2) == 62.75
    h = np.diag(projection_matrix(X))
    formula = 0.25 + (t - t.mean()) ** 2 / 62.75
    np.testing.assert_allclose(h, formula, rtol=0, atol=16 * EPS)
    assert [round(float(x), 3) for x in h] == [0.418, 0.331, 0.275, 0.976]
    np.testing.assert_allclose(h.sum(), 2.0, rtol=8 * EPS)
    hat = X @ np.linalg.inv(X.T @ X) @ X.T  # the textbook formula as an independent reference
    np.testing.assert_allclose(projection_matrix(X), hat, rtol=0, atol=1e-13)


def test_readme_dummy_trap_fitted_values_are_group_means():
    # notebook section 4: intercept + one-hot of 3 groups has rank 3; fitted values are the group means 2, 5, 11
    group = np.array([0, 0, 1, 1, 1, 2, 2, 2])
    X = np.c_[np.ones(8), np.eye(3)[group]]
    y = np.array([1.0, 3.0, 4.0, 5.0, 6.0, 10.0, 11.0, 12.0])
    np.testing.assert_allclose(np.trace(projection_matrix(X)), 3.0, rtol=8 * EPS)
    np.testing.assert_allclose(project_onto(y, X), np.array([2, 2, 5, 5, 5, 11, 11, 11.0]), rtol=0, atol=64 * EPS)


def test_readme_two_column_cancellation_formula():
    # README derivation: unit columns at angle theta have singular values sqrt(1 +- cos theta),
    # kappa = cot(theta / 2), about 2 / sin(theta) for small theta
    for theta in (0.3, 1e-3, 1e-6):
        A = np.array([[1.0, math.cos(theta)], [0.0, math.sin(theta)]])
        s = np.linalg.svd(A, compute_uv=False)
        # 1 - cos(theta) written as 2 sin^2(theta / 2), without cancellation; LAPACK's small singular value has a
        # relative error of about u / sigma_2 <= 1e-9 here
        exact = np.sqrt([1 + math.cos(theta), 2 * math.sin(theta / 2) ** 2])
        np.testing.assert_allclose(s, exact, rtol=1e-8)
        np.testing.assert_allclose(s[0] / s[1], 1 / math.tan(theta / 2), rtol=1e-8)
    np.testing.assert_allclose(1 / math.tan(1e-6 / 2), 2 / math.sin(1e-6), rtol=1e-12)
