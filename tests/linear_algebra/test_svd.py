"""Tests for linear_algebra.python_implementations.svd.

References: numpy.linalg.svd / pinv / matrix_rank / norm and scipy.linalg.svd / pinv (LAPACK), plus matrices whose
singular values are known by construction. Tolerances follow the error analysis of a backward stable SVD:
the computed factors are exact for some A + E with ||E|| <= c p eps ||A||, so by Weyl's inequality every singular
value is off by at most ||E|| (an absolute bound, relative to s[0]).
"""

import warnings

import numpy as np
import pytest
import scipy.linalg
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from linear_algebra.python_implementations.svd import (
    SVDResult,
    low_rank_approximation,
    numerical_rank,
    pinv,
    svd,
)

EPS = np.finfo(float).eps


def _orthogonal(rng, m, n):
    """An m x n matrix with orthonormal columns (m >= n), from numpy's QR of a Gaussian matrix."""
    Q, R = np.linalg.qr(rng.standard_normal((m, n)))
    return Q * np.sign(np.diag(R))


def _with_singular_values(rng, m, n, s):
    """A = Q1 diag(s) Q2^T with random orthonormal Q1 (m, p), Q2 (n, p): singular values s by construction."""
    p = len(s)
    return (_orthogonal(rng, m, p) * s) @ _orthogonal(rng, n, p).T  # (m, p) * (p,) @ (p, n) -> (m, n)


def _hostile_matrices():
    rng = np.random.default_rng(1234)
    cases = {
        "1x1": np.array([[-3.0]]),
        "1x5": rng.standard_normal((1, 5)),
        "5x1": rng.standard_normal((5, 1)),
        "2x2": rng.standard_normal((2, 2)),
        "square 7": rng.standard_normal((7, 7)),
        "tall 30x20": rng.standard_normal((30, 20)),
        "wide 20x30": rng.standard_normal((20, 30)),
        "tall 60x40": rng.standard_normal((60, 40)),
        "very wide 3x50": rng.standard_normal((3, 50)),
        "rank 2 of 9x6": rng.standard_normal((9, 2)) @ rng.standard_normal((2, 6)),
        "rank 1 wide": np.outer([1.0, 2.0, 3.0], [1.0, -1.0, 0.0, 2.0, 5.0]),
        "zero 4x3": np.zeros((4, 3)),
        "zero column": np.column_stack([rng.standard_normal((5, 2)), np.zeros(5), rng.standard_normal(5)]),
        "cond 1e12": _with_singular_values(rng, 12, 8, np.logspace(0, -12, 8)),
        "orthogonal (all s = 1)": _orthogonal(rng, 6, 6),
        "repeated s": _with_singular_values(rng, 7, 5, np.array([3.0, 3.0, 3.0, 1.0, 1.0])),
        "graded columns": rng.standard_normal((6, 5)) * np.logspace(0, -20, 5),
        "huge entries": 1e300 * rng.standard_normal((5, 4)),
        "tiny entries": 1e-300 * rng.standard_normal((4, 5)),
        "integer": np.arange(12).reshape(3, 4),
    }
    return cases


HOSTILE = _hostile_matrices()


# ---------------------------------------------------------------------------------------------------- svd itself
@pytest.mark.parametrize("name", list(HOSTILE))
def test_svd_invariants(name):
    A = np.asarray(HOSTILE[name], dtype=float)
    m, n = A.shape
    p = min(m, n)
    U, s, Vt = svd(A)
    assert U.shape == (m, p) and s.shape == (p,) and Vt.shape == (p, n)
    assert np.all(s >= 0) and np.all(np.diff(s) <= 0), "singular values must be non-negative and descending"
    norm_A = np.linalg.norm(A, 2)
    # backward stable: ||U S Vt - A|| <= c p eps ||A|| (c = 10 leaves room for the sweeps' accumulated rotations)
    assert np.linalg.norm((U * s) @ Vt - A, 2) <= 10 * p * EPS * norm_A
    # columns are orthogonal to the rotation threshold tol = max(m, n) eps, plus normalization roundoff
    assert np.abs(U.T @ U - np.eye(p)).max() <= 4 * max(m, n) * EPS
    assert np.abs(Vt @ Vt.T - np.eye(p)).max() <= 4 * max(m, n) * EPS


@pytest.mark.parametrize("name", list(HOSTILE))
@pytest.mark.parametrize("reference", ["numpy", "scipy"])
def test_singular_values_match_lapack(name, reference):
    A = np.asarray(HOSTILE[name], dtype=float)
    if reference == "numpy":
        s_ref = np.linalg.svd(A, compute_uv=False)
    else:
        s_ref = scipy.linalg.svd(A, compute_uv=False, lapack_driver="gesvd")
    s = svd(A).s
    # Weyl: both are exact for a perturbation of norm <= c p eps ||A||, so |s - s_ref| <= 2 c p eps s[0]
    np.testing.assert_allclose(s, s_ref, rtol=0, atol=10 * min(A.shape) * EPS * s_ref[0])


def test_singular_vectors_match_numpy_up_to_sign():
    rng = np.random.default_rng(1234)
    A = _with_singular_values(rng, 9, 5, np.array([5.0, 4.0, 3.0, 2.0, 1.0]))
    U, s, Vt = svd(A)
    U_ref, _, Vt_ref = np.linalg.svd(A, full_matrices=False)
    signs = np.sign(np.sum(Vt * Vt_ref, axis=1))  # +-1 per singular triple
    # a singular vector moves by at most ||E|| / gap = (c p eps * 5) / 1 for separated singular values
    np.testing.assert_allclose(Vt, signs[:, None] * Vt_ref, atol=100 * EPS * s[0])
    np.testing.assert_allclose(U, U_ref * signs, atol=100 * EPS * s[0])


def test_sign_convention_largest_entry_of_each_right_vector_positive():
    rng = np.random.default_rng(1234)
    for shape in [(6, 4), (4, 6), (5, 5)]:
        Vt = svd(rng.standard_normal(shape)).Vt
        lead = Vt[np.arange(Vt.shape[0]), np.argmax(np.abs(Vt), axis=1)]
        assert np.all(lead > 0)


def test_sign_convention_breaks_exact_ties_at_the_first_entry():
    # v_2 = +-(1, -1)/sqrt(2) has two entries of equal magnitude: the first one is made positive
    Vt = svd([[3.0, 0.0], [4.0, 5.0]]).Vt
    assert Vt[1, 0] > 0 and Vt[1, 1] < 0


def test_returns_named_tuple():
    result = svd([[1.0, 2.0], [3.0, 4.0]])
    assert isinstance(result, SVDResult)
    assert result.s is result[1]


def test_singular_values_known_by_construction_absolute_accuracy():
    rng = np.random.default_rng(1234)
    s_true = np.logspace(0, -12, 10)
    A = _with_singular_values(rng, 15, 10, s_true)
    # storing A already perturbs it by ~eps ||A||: every singular value is known to an absolute c p eps s_1
    np.testing.assert_allclose(svd(A).s, s_true, rtol=0, atol=10 * 10 * EPS)


def test_normal_equations_route_loses_the_small_singular_values():
    # the notebook's matrix (its rng = default_rng(0) is first used here): s = 1, 10^(-4/3), ..., 1e-12
    rng = np.random.default_rng(0)
    s_true = np.logspace(0, -12, 10)
    Q1 = svd(rng.standard_normal((15, 10))).U
    Q2 = svd(rng.standard_normal((10, 10))).U
    A = (Q1 * s_true) @ Q2.T
    s_naive = np.sqrt(np.abs(np.linalg.eigvalsh(A.T @ A)[::-1]))
    rel_ours = np.abs(svd(A).s - s_true) / s_true
    rel_naive = np.abs(s_naive - s_true) / s_true
    # README: sqrt(eig(A^T A)) has relative error about eps s_1^2 / s_j^2: fine down to 1e-4, nothing left at 1e-9
    assert np.all(rel_naive[s_true >= 1e-4] < 1e-6)
    assert np.all(rel_naive[s_true <= 1e-9] > 1)
    # README and notebook: ours are within the backward-error bound c p eps s_1 (c = 10, p = 10) = 2.2e-14 absolute,
    # so the relative error of s_10 = 1e-12 is below 2.2e-2 (a bound, not a measurement: the measured errors,
    # a few 1e-6 relative, depend on the BLAS kernel that formed A)
    bound = 10 * 10 * EPS * s_true[0]
    np.testing.assert_allclose(svd(A).s, s_true, rtol=0, atol=bound)
    assert np.all(rel_ours <= bound / s_true)
    assert (f"{bound:.1e}", f"{bound / s_true[-1]:.1e}") == ("2.2e-14", "2.2e-02")


def _count_singular_values_below(A, sigma):
    """Number of singular values of the stored matrix A below sigma, exactly (Sylvester's law of inertia).

    The Gram matrix G of the shorter side (A^T A or A A^T) is formed in rational arithmetic, and the number of
    negative pivots of the symmetric elimination G - sigma^2 I = L D L^T is the number of eigenvalues of G below
    sigma^2. No rounding anywhere: an independent certificate, whatever the condition number.
    """
    from fractions import Fraction

    M = np.asarray(A)
    M = M.T if M.shape[0] < M.shape[1] else M  # (m, n) with m >= n: G = M^T M is n x n
    F = [[Fraction(float(v)) for v in row] for row in M]
    m, n = M.shape
    x = Fraction(float(sigma)) ** 2
    G = [[sum(F[k][i] * F[k][j] for k in range(m)) - (x if i == j else 0) for j in range(n)] for i in range(n)]
    negative = 0
    for k in range(n):
        pivot = G[k][k]
        assert pivot != 0, "sigma hit an eigenvalue of a leading block exactly: move it by an ulp"
        negative += pivot < 0
        for i in range(k + 1, n):
            f = G[i][k] / pivot
            for j in range(k + 1, n):
                G[i][j] -= f * G[k][j]
    return negative


@pytest.mark.parametrize("wide", [False, True])
def test_graded_matrix_small_singular_values_to_high_relative_accuracy(wide):
    # A = B D: B = (random orthonormal Q) @ (unit upper triangular T with entries up to 0.5, columns graded by 10^-0.2),
    # so its columns are far from orthogonal (Jacobi has work to do) while kappa(B) is about 10; D spans 30 orders of
    # magnitude in shuffled order. Demmel & Veselic: one-sided Jacobi finds every singular value of B D to a relative
    # error of about c n u kappa(B_c), B_c = B with unit columns, whatever D is. We allow c = 10.
    # Reference: exact inertia counts certify that each true singular value lies in s_j (1 +- rel).
    rng = np.random.default_rng(1234)
    n = 6
    T = (np.eye(n) + np.triu(rng.uniform(-0.5, 0.5, (n, n)), 1)) * np.logspace(0, -1, n)
    B = _orthogonal(rng, 8, n) @ T  # (8, n)
    assert np.max(np.abs(B.T @ B - np.diag(np.sum(B * B, axis=0)))) > 0.1  # columns not orthogonal
    kappa_Bc = np.linalg.cond(B / np.linalg.norm(B, axis=0))
    assert kappa_Bc < 5  # well-conditioned after column scaling
    d = 10.0 ** -np.arange(0, 36, 6.0)
    A = B * d[rng.permutation(n)]
    if wide:
        A = A.T  # row-graded wide matrix: transposed inside svd to the column-graded case
    s = svd(A).s
    rel = 10 * n * (EPS / 2) * kappa_Bc
    for j, sj in enumerate(s):
        assert _count_singular_values_below(A, sj * (1 - rel)) == n - 1 - j  # sigma_{j+1} >= s_j (1 - rel)
        assert _count_singular_values_below(A, sj * (1 + rel)) == n - j  # sigma_{j+1} < s_j (1 + rel)
    # the spread is real: 30 orders of magnitude between the largest and the smallest
    assert s[0] / s[-1] > 1e29


def test_extreme_scales_do_not_overflow_or_underflow():
    assert svd([[3e200], [4e200]]).s[0] == pytest.approx(5e200, rel=4 * EPS)
    assert svd([[3e-200, 4e-200]]).s[0] == pytest.approx(5e-200, rel=4 * EPS)
    rng = np.random.default_rng(1234)
    B = rng.standard_normal((6, 4))
    s = svd(B).s
    for c in [1e300, 1e-300]:
        np.testing.assert_allclose(svd(c * B).s / c, s, rtol=50 * EPS)


def test_zero_matrix_gets_a_deterministic_orthonormal_U():
    U, s, Vt = svd(np.zeros((4, 3)))
    np.testing.assert_array_equal(s, 0.0)
    np.testing.assert_array_equal(U, np.eye(4, 3))
    np.testing.assert_array_equal(Vt, np.eye(3))


def test_rank_one_completion_is_orthonormal_and_reproducible():
    A = np.outer([1.0, 2.0, 2.0, 4.0], [1.0, 1.0, 1.0])  # s = (5 sqrt(3), 0, 0)
    U1, s, _ = svd(A)
    U2, _, _ = svd(A.copy())
    np.testing.assert_allclose(s, [5 * np.sqrt(3), 0, 0], atol=4 * 4 * EPS * s[0])
    np.testing.assert_array_equal(U1, U2)
    np.testing.assert_allclose(U1.T @ U1, np.eye(3), atol=10 * EPS)


def test_one_by_one():
    U, s, Vt = svd([[-3.0]])
    np.testing.assert_array_equal(s, [3.0])
    np.testing.assert_array_equal(U, [[-1.0]])
    np.testing.assert_array_equal(Vt, [[1.0]])


def test_input_is_not_modified_and_lists_are_accepted():
    A = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    A_copy = A.copy()
    svd(A)
    np.testing.assert_array_equal(A, A_copy)
    np.testing.assert_allclose(svd(A.tolist()).s, svd(A).s, rtol=0, atol=0)


def test_non_convergence_is_reported():
    A = np.random.default_rng(1234).standard_normal((30, 20))
    with pytest.warns(RuntimeWarning, match="did not converge in max_iter=1"):
        U, s, Vt = svd(A, max_iter=1)
    assert np.all(np.isfinite(U)) and np.all(np.isfinite(s)) and np.all(np.isfinite(Vt))


def test_converges_without_warning_on_a_typical_matrix():
    A = np.random.default_rng(1234).standard_normal((40, 25))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        svd(A)


# ------------------------------------------------------------------------------------------------------- worked
def test_readme_worked_example():
    A = np.array([[3.0, 0.0], [4.0, 5.0]])
    U, s, Vt = svd(A)
    # README: sigma_1 = 3 sqrt(5) = 6.7082, sigma_2 = sqrt(5) = 2.2361
    np.testing.assert_allclose(s, [3 * np.sqrt(5), np.sqrt(5)], rtol=4 * EPS)
    np.testing.assert_allclose(s, [6.7082, 2.2361], atol=5e-5)
    # README: v_1 = (1, 1)/sqrt(2), v_2 = (1, -1)/sqrt(2), u_1 = (1, 3)/sqrt(10), u_2 = (3, -1)/sqrt(10)
    np.testing.assert_allclose(Vt, np.array([[1, 1], [1, -1]]) / np.sqrt(2), atol=4 * EPS)
    np.testing.assert_allclose(U, np.array([[1, 3], [3, -1]]) / np.sqrt(10), atol=4 * EPS)
    # README: A^T A = [[25, 20], [20, 25]] with eigenvalues 45 and 5
    np.testing.assert_allclose(np.linalg.eigvalsh(A.T @ A), [5.0, 45.0])
    # README: A_1 = [[1.5, 1.5], [4.5, 4.5]], errors ||A - A_1||_2 = ||A - A_1||_F = sqrt(5) = 2.2361
    A1 = low_rank_approximation(A, 1)
    np.testing.assert_allclose(A1, [[1.5, 1.5], [4.5, 4.5]], atol=10 * EPS)
    np.testing.assert_allclose(np.linalg.norm(A - A1, 2), np.sqrt(5), rtol=1e-14)
    np.testing.assert_allclose(np.linalg.norm(A - A1, "fro"), np.sqrt(5), rtol=1e-14)
    # README: A^{-1} = [[1/3, 0], [-4/15, 1/5]]
    np.testing.assert_allclose(pinv(A), [[1 / 3, 0], [-4 / 15, 1 / 5]], atol=10 * EPS)
    # README: B = [[1, 2], [2, 4]] has s = (5, 0), B^+ = [[0.04, 0.08], [0.08, 0.16]], and rank 1
    B = np.array([[1.0, 2.0], [2.0, 4.0]])
    np.testing.assert_allclose(svd(B).s, [5.0, 0.0], atol=10 * EPS)
    np.testing.assert_allclose(pinv(B), [[0.04, 0.08], [0.08, 0.16]], atol=10 * EPS)
    assert numerical_rank(B) == 1
    # README: the minimum-norm solution of B x = (1, 2) is x = (0.2, 0.4)
    np.testing.assert_allclose(pinv(B) @ [1.0, 2.0], [0.2, 0.4], atol=10 * EPS)


# ----------------------------------------------------------------------------------------- Eckart-Young errors
@pytest.mark.parametrize("shape", [(12, 9), (9, 12), (7, 7)])
def test_low_rank_errors_are_the_tail_singular_values(shape):
    rng = np.random.default_rng(1234)
    A = rng.standard_normal(shape)
    s_ref = np.linalg.svd(A, compute_uv=False)
    p = min(shape)
    for k in range(p + 1):
        Ak = low_rank_approximation(A, k)
        spectral = s_ref[k] if k < p else 0.0
        frobenius = np.sqrt(np.sum(s_ref[k:] ** 2))
        # the error matrix is formed from backward stable factors: off by c p eps ||A|| in absolute terms
        tol = 10 * p * EPS * s_ref[0]
        assert abs(np.linalg.norm(A - Ak, 2) - spectral) <= tol
        assert abs(np.linalg.norm(A - Ak, "fro") - frobenius) <= np.sqrt(p) * tol
        assert np.linalg.matrix_rank(Ak) == k


def test_low_rank_matches_truncated_numpy_svd_and_beats_other_rank_k_matrices():
    rng = np.random.default_rng(1234)
    A = _with_singular_values(rng, 10, 8, np.array([8.0, 6.0, 5.0, 3.0, 2.0, 1.0, 0.5, 0.1]))
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    A3 = low_rank_approximation(A, 3)
    # unique best approximation since s_3 = 5 > s_4 = 3; it moves by O(eps ||A|| s_1 / gap)
    np.testing.assert_allclose(A3, (U[:, :3] * s[:3]) @ Vt[:3], atol=100 * EPS * s[0])
    best = np.linalg.norm(A - A3, 2)
    for _ in range(20):
        B = rng.standard_normal((10, 3)) @ rng.standard_normal((3, 8))
        assert np.linalg.norm(A - B, 2) >= best


def test_low_rank_extremes():
    A = np.arange(6.0).reshape(2, 3)
    np.testing.assert_array_equal(low_rank_approximation(A, 0), np.zeros((2, 3)))
    np.testing.assert_allclose(low_rank_approximation(A, 2), A, atol=10 * EPS * np.linalg.norm(A, 2))


# ----------------------------------------------------------------------------------------------- pseudo-inverse
PINV_CASES = {
    "tall full rank": np.random.default_rng(1).standard_normal((8, 5)),
    "wide full rank": np.random.default_rng(2).standard_normal((4, 7)),
    "square": np.random.default_rng(3).standard_normal((5, 5)),
    "rank 2 of 6x5": np.random.default_rng(4).standard_normal((6, 2))
    @ np.random.default_rng(5).standard_normal((2, 5)),
    "zero": np.zeros((3, 2)),
    "1x1": np.array([[4.0]]),
}


@pytest.mark.parametrize("name", list(PINV_CASES))
def test_pinv_penrose_conditions_and_references(name):
    A = PINV_CASES[name]
    X = pinv(A)
    assert X.shape == A.shape[::-1]
    norm_A = max(np.linalg.norm(A, 2), 1.0)
    norm_X = max(np.linalg.norm(X, 2), 1.0)
    # each product is formed from backward stable factors; errors scale like eps ||A|| ||X|| (kappa of the kept part)
    tol = 100 * max(A.shape) * EPS * norm_A * norm_X
    np.testing.assert_allclose(A @ X @ A, A, atol=tol * norm_A)
    np.testing.assert_allclose(X @ A @ X, X, atol=tol * norm_X)
    np.testing.assert_allclose((A @ X).T, A @ X, atol=tol)
    np.testing.assert_allclose((X @ A).T, X @ A, atol=tol)
    np.testing.assert_allclose(X, scipy.linalg.pinv(A), atol=tol * norm_X)
    np.testing.assert_allclose(X, np.linalg.pinv(A, rtol=None), atol=tol * norm_X)


def test_pinv_gives_minimum_norm_least_squares_solution():
    A = PINV_CASES["rank 2 of 6x5"]
    b = np.random.default_rng(1234).standard_normal(6)
    x_ref = np.linalg.lstsq(A, b, rcond=None)[0]
    # kept part has kappa ~ 10, so the solution is accurate to a modest multiple of eps ||x||
    np.testing.assert_allclose(pinv(A) @ b, x_ref, atol=1e-12 * np.linalg.norm(x_ref))


def test_pinv_rcond_cuts_small_singular_values():
    A = np.diag([1.0, 1e-3, 1e-10])
    np.testing.assert_allclose(pinv(A), np.diag([1.0, 1e3, 1e10]), rtol=10 * EPS)
    np.testing.assert_allclose(pinv(A, rcond=1e-6), np.diag([1.0, 1e3, 0.0]), rtol=10 * EPS)
    np.testing.assert_allclose(pinv(A, rcond=1e-6), np.linalg.pinv(A, rcond=1e-6), rtol=10 * EPS)


# ----------------------------------------------------------------------------------------------- numerical rank
# "cond 1e12" and "graded columns" are left out: singular values near the default threshold, decided by roundoff
@pytest.mark.parametrize("name", [name for name in HOSTILE if name not in ("cond 1e12", "graded columns")])
def test_numerical_rank_matches_numpy(name):
    A = np.asarray(HOSTILE[name], dtype=float)
    assert numerical_rank(A) == np.linalg.matrix_rank(A)


def test_numerical_rank_with_explicit_threshold():
    A = np.diag([1.0, 1e-5, 1e-9])
    assert numerical_rank(A) == 3
    assert numerical_rank(A, tol=1e-7) == 2
    assert numerical_rank(A, tol=1.0) == 0
    assert numerical_rank(np.zeros((3, 4))) == 0


def test_noisy_rank_three_example_of_the_readme():
    # the README's (and notebook's) 50 x 30 matrix: rank 3 with s = (10, 5, 2), plus noise of standard deviation 1e-3
    rng = np.random.default_rng(3)
    m, n, noise = 50, 30, 1e-3
    Q1 = svd(rng.standard_normal((m, 3))).U  # orthonormal columns (checked by test_svd_invariants)
    Q2 = svd(rng.standard_normal((n, 3))).U
    A_noisy = (Q1 * [10.0, 5.0, 2.0]) @ Q2.T + noise * rng.standard_normal((m, n))
    s = svd(A_noisy).s
    threshold = noise * (
        np.sqrt(m) + np.sqrt(n)
    )  # README: 0.0125, about the largest singular value of the noise
    assert round(threshold, 4) == 0.0125
    # README: s_1..s_5 = 9.9996, 4.9993, 2.0015, 0.0116, 0.0108
    np.testing.assert_allclose(s[:5], [9.9996, 4.9993, 2.0015, 0.0116, 0.0108], atol=5e-5)
    assert numerical_rank(A_noisy) == np.linalg.matrix_rank(A_noisy) == 30  # README: roundoff threshold -> 30
    assert numerical_rank(A_noisy, tol=threshold) == 3  # README: the noise threshold recovers rank 3
    np.testing.assert_allclose(s, np.linalg.svd(A_noisy, compute_uv=False), rtol=0, atol=10 * 30 * EPS * s[0])


# ------------------------------------------------------------------------------------------------- hypothesis
finite_matrices = st.tuples(st.integers(1, 6), st.integers(1, 6)).flatmap(
    lambda shape: arrays(
        np.float64,
        shape,
        elements=st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False, allow_subnormal=False),
    )
)


@given(finite_matrices)
def test_property_backward_stable_and_orthonormal(A):
    U, s, Vt = svd(A)
    p = min(A.shape)
    scale = max(np.linalg.norm(A, 2), np.finfo(float).tiny)
    assert np.linalg.norm((U * s) @ Vt - A, 2) <= 10 * p * EPS * scale
    assert np.abs(U.T @ U - np.eye(p)).max() <= 4 * max(A.shape) * EPS
    assert np.abs(Vt @ Vt.T - np.eye(p)).max() <= 4 * max(A.shape) * EPS
    assert np.all(np.diff(s) <= 0) and np.all(s >= 0)
    np.testing.assert_allclose(s, np.linalg.svd(A, compute_uv=False), rtol=0, atol=10 * p * EPS * scale)


@given(finite_matrices, st.floats(-1e3, 1e3).filter(lambda c: abs(c) > 1e-3))
def test_property_singular_values_of_transpose_and_multiple(A, c):
    s = svd(A).s
    scale = max(s[0], np.finfo(float).tiny)
    # s(A^T) = s(A) and s(cA) = |c| s(A): both computed independently, each within c p eps ||A||
    np.testing.assert_allclose(svd(A.T).s, s, rtol=0, atol=20 * min(A.shape) * EPS * scale)
    np.testing.assert_allclose(
        svd(c * A).s, abs(c) * s, rtol=0, atol=20 * min(A.shape) * EPS * abs(c) * scale
    )


def _check_pinv_projects(A):
    # The computed SVD is exact for A + E, ||E|| <= c p u s_1 (backward stable). For A + E, X is the exact
    # pseudo-inverse (with the cut values dropped), so A X A = A up to ||E|| (X A is a projector of norm 1): a
    # tolerance c max(m, n) u s_1, scale-aware like numpy's rcond and free of kappa. P = A X is an orthogonal
    # projector up to E X, of size c max(m, n) u s_1 ||X||_2 = c max(m, n) u s_1 / s_r: kept singular values close to
    # the cutoff rcond s_1 legitimately make that O(1). c = 10 is generous.
    A = np.asarray(A, dtype=float)
    X = pinv(A)
    s = np.linalg.svd(A, compute_uv=False)  # reference singular values, only to size the tolerance
    scale = 10 * max(A.shape) * (EPS / 2) * s[0]
    np.testing.assert_allclose(A @ X @ A, A, rtol=0, atol=scale + 1e-300)
    P = A @ X
    tol_P = scale * np.linalg.norm(X, 2) + 1e-300
    np.testing.assert_allclose(P @ P, P, rtol=0, atol=tol_P)
    np.testing.assert_allclose(P, P.T, rtol=0, atol=tol_P)


@given(finite_matrices)
def test_property_pinv_of_pinv_projects(A):
    _check_pinv_projects(A)


def test_pinv_projects_with_a_singular_value_just_above_the_cutoff():
    # [[1, 1], [1, 1 + 2e-15]]: s_2 / s_1 = 5.1e-16 lies just above the default cutoff max(m, n) eps = 4.4e-16, so
    # s_2 is kept and ||X|| = 1e15. A X then deviates from a projector by ~0.1, which a fixed atol=1e-8 refused
    A = np.array([[1.0, 1.0], [1.0, 1.0 + 2e-15]])
    s = svd(A).s
    assert 2 * EPS < s[1] / s[0] < 3 * EPS  # just above the cutoff 2 eps
    assert np.linalg.norm(pinv(A), 2) > 1e14
    _check_pinv_projects(A)


# ------------------------------------------------------------------------------------------------ bad inputs
BAD_MATRICES = [
    (np.array([[1.0, np.nan]]), "finite"),
    (np.array([[np.inf, 1.0]]), "finite"),
    (np.array([1.0, 2.0]), "2-D"),
    (np.ones((2, 2, 2)), "2-D"),
    (np.zeros((0, 3)), "empty"),
    ([["a", "b"]], "real numbers"),
    (None, "2-D"),
]


@pytest.mark.parametrize("func", [svd, pinv, numerical_rank, lambda A: low_rank_approximation(A, 1)])
@pytest.mark.parametrize(("A", "rule"), BAD_MATRICES)
def test_bad_matrix_is_rejected_with_a_message_naming_A(func, A, rule):
    with pytest.raises(ValueError, match=rf"^A must .*{rule}"):
        func(A)


@pytest.mark.parametrize("tol", [0.0, -1.0, 1.0, 2.0, 1e-20, np.nan, "small"])
def test_svd_rejects_bad_tol(tol):
    with pytest.raises(ValueError, match=r"^tol must be a real number in \[eps, 1\)"):
        svd(np.eye(2), tol=tol)


@pytest.mark.parametrize("max_iter", [0, -3, 1.5, True, "10"])
def test_svd_rejects_bad_max_iter(max_iter):
    with pytest.raises(ValueError, match=r"^max_iter must be a positive integer"):
        svd(np.eye(2), max_iter=max_iter)


@pytest.mark.parametrize("k", [-1, 3, 100])
def test_low_rank_rejects_k_out_of_range(k):
    with pytest.raises(ValueError, match=rf"^k={k} must satisfy 0 <= k <= min\(m, n\)=2"):
        low_rank_approximation(np.ones((2, 3)), k)


@pytest.mark.parametrize("k", [1.0, 1.5, True, "1", None])
def test_low_rank_rejects_non_integer_k(k):
    with pytest.raises(TypeError, match=r"^k must be an integer"):
        low_rank_approximation(np.ones((2, 3)), k)


def test_low_rank_accepts_numpy_integers():
    np.testing.assert_allclose(low_rank_approximation(np.eye(2), np.int64(2)), np.eye(2))


@pytest.mark.parametrize("rcond", [-1e-3, np.nan, np.inf, "1e-3"])
def test_pinv_rejects_bad_rcond(rcond):
    with pytest.raises(ValueError, match=r"^rcond must be a finite real number >= 0"):
        pinv(np.eye(2), rcond=rcond)


@pytest.mark.parametrize("tol", [-1.0, np.nan, np.inf, "0.1"])
def test_numerical_rank_rejects_bad_tol(tol):
    with pytest.raises(ValueError, match=r"^tol must be a finite real number >= 0"):
        numerical_rank(np.eye(2), tol=tol)


def test_readme_exercises():
    # Exercise 1: diag(2, -3) has s = (3, 2), v_1 = e_2, u_1 = -e_2, v_2 = e_1, u_2 = e_1
    U, s, Vt = svd(np.diag([2.0, -3.0]))
    np.testing.assert_array_equal(s, [3.0, 2.0])
    np.testing.assert_array_equal(Vt, [[0.0, 1.0], [1.0, 0.0]])
    np.testing.assert_array_equal(U, [[0.0, 1.0], [-1.0, 0.0]])


def test_readme_exercise_4_low_rank_error_formulas():
    # README exercise 4: rank k of an m x n matrix with sigma_j = 1/j stores k (m + n + 1) numbers; its errors are
    # sigma_{k+1} (spectral) and sqrt(sum_{j>k} 1/j^2) (Frobenius). The formulas are checked with the package on a
    # 60 x 40 matrix (rank 4), then evaluated for the exercise's 1000 x 800, rank 40: 72040, 0.0244, 0.153
    rng = np.random.default_rng(7)
    m, n, k = 60, 40, 4
    sigma = 1.0 / np.arange(1, n + 1)
    A = _with_singular_values(rng, m, n, sigma)
    A_k = low_rank_approximation(A, k)
    U, s, Vt = svd(A)
    stored = U[:, :k].size + s[:k].size + Vt[:k].size
    assert stored == k * (m + n + 1)
    # each error is a difference of matrices known to c p u ||A||: absolute tolerance 10 n u s_1
    tol = 10 * n * EPS / 2
    np.testing.assert_allclose(np.linalg.norm(A - A_k, 2), 1 / (k + 1), rtol=0, atol=tol)
    np.testing.assert_allclose(np.linalg.norm(A - A_k), np.sqrt(np.sum(sigma[k:] ** 2)), rtol=0, atol=tol)
    j = np.arange(41, 801)
    assert 40 * (1000 + 800 + 1) == 72040
    assert (round(1 / 41, 4), round(float(np.sqrt(np.sum(1.0 / j**2))), 3)) == (0.0244, 0.153)


def test_readme_exercise_3_digits_kept_by_each_route():
    # README exercise 3: the A^T A route has relative error about eps (s_1/s_j)^2, 1e-4 at s_j/s_1 = 1.5e-6; a backward
    # stable SVD has relative error about eps s_1/s_j, 1e-4 at s_j/s_1 = 2e-12. Ours: |s_j - sigma_j| <= c p u s_1
    # (c = 10, p = 3; this also covers the rounding of A when it was formed), relative c p u / 2e-12 = 1.7e-3
    rng = np.random.default_rng(3)
    sigma = np.array([1.0, 1.5e-6, 2e-12])
    A = _with_singular_values(rng, 6, 3, sigma)
    s = svd(A).s
    np.testing.assert_allclose(s, sigma, rtol=0, atol=10 * 3 * (EPS / 2))
    assert abs(s[2] - sigma[2]) / sigma[2] <= 10 * 3 * (EPS / 2) / 2e-12 < 2e-3
    # the A^T A route: eigenvalues of the rounded A^T A, each within c p u s_1^2 of the truth (Weyl)
    s_normal = np.sqrt(np.abs(np.linalg.eigvalsh(A.T @ A)[::-1]))
    assert abs(s_normal[1] - sigma[1]) / sigma[1] <= 10 * 3 * (EPS / 2) / sigma[1] ** 2 / 2  # ~ 1e-4 at 1.5e-6
    # the README's thresholds
    assert round(np.sqrt(EPS / 1e-4), 7) == 1.5e-6
    assert round(EPS / 1e-4, 12) == 2e-12


def test_svd_module_is_not_shadowed_by_the_function():
    # importing the package must leave linear_algebra.python_implementations.svd a module (like eigen)
    import importlib
    import inspect

    import linear_algebra.python_implementations as package
    import linear_algebra.python_implementations.svd as S

    assert inspect.ismodule(S)
    assert inspect.ismodule(package.svd)
    assert inspect.ismodule(importlib.import_module("linear_algebra.python_implementations.svd"))
    assert S.svd is svd and inspect.isfunction(S.svd)
    assert "svd" not in package.__all__


def test_rotation_follows_the_readme_formula():
    # README: zeta = (beta - alpha) / (2 gamma), t = sign(zeta) / (|zeta| + sqrt(1 + zeta^2)), c = 1/sqrt(1 + t^2),
    # s = c t, with alpha = ||a||^2, beta = ||b||^2, gamma = a^T b. The code evaluates it from the norms and the
    # cosine only; on moderate columns both are a few roundings from the same number (rtol 20 eps generous)
    from linear_algebra.python_implementations.svd import _rotation

    rng = np.random.default_rng(5)
    a, b = rng.standard_normal((2, 7, 50))  # 50 column pairs of length 7
    b[:, :5] = a[:, :5] * 1.0000001 + 1e-3 * b[:, :5]  # nearly equal columns: zeta near 0, t near +-1
    alpha, beta, gamma = np.sum(a * a, axis=0), np.sum(b * b, axis=0), np.sum(a * b, axis=0)
    zeta = (beta - alpha) / (2 * gamma)
    t = np.sign(zeta) / (np.abs(zeta) + np.sqrt(1 + zeta**2))
    na, nb = np.sqrt(alpha), np.sqrt(beta)
    c, s = _rotation(na, nb, gamma / (na * nb))
    np.testing.assert_allclose(s / c, t, rtol=20 * EPS, atol=0)
    np.testing.assert_allclose(c, 1 / np.sqrt(1 + t**2), rtol=20 * EPS)
    # the rotated columns are orthogonal: (c a - s b)^T (s a + c b) = 0 up to the roundoff of forming them and of the
    # dot product, a few u ||a|| ||b|| (c = 50 generous for length 7)
    a2, b2 = c * a - s * b, s * a + c * b
    assert np.all(np.abs(np.sum(a2 * b2, axis=0)) <= 50 * EPS * na * nb)


def test_rotation_does_not_overflow_for_extreme_column_ratios():
    # ||a|| = 1, ||b|| = 1e-300, cos = 1e-10: zeta = (1e-600 - 1) / (2e-310) would overflow; the code uses 1/zeta
    from linear_algebra.python_implementations.svd import _rotation

    c, s = _rotation(np.array([1.0]), np.array([1e-300]), np.array([1e-10]))
    assert np.isfinite(c[0]) and np.isfinite(s[0]) and abs(s[0] / c[0]) <= 1.0
    np.testing.assert_allclose(s[0] / c[0], -1e-310, rtol=1e-6)  # t = 1/(2 zeta) = -r cos to first order
