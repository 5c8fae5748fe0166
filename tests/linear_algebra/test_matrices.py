"""Tests for linear_algebra.python_implementations.matrices against numpy.linalg / scipy.linalg and invariants."""

import numpy as np
import pytest
import scipy.linalg as sla
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from numpy.linalg import LinAlgError

from linear_algebra.python_implementations.matrices import (
    back_substitution,
    det,
    forward_substitution,
    inv,
    lu,
    matmul,
    slogdet,
    solve,
)

EPS = np.finfo(float).eps

# The worked example of the README.
A_README = np.array([[2.0, 1.0, 1.0], [4.0, -6.0, 0.0], [-2.0, 7.0, 2.0]])
B_README = np.array([5.0, -2.0, 9.0])


def _random(shape, seed):
    return np.random.default_rng(seed).standard_normal(shape)


def _graded(n):
    # rows scaled from 1 to 1e-12: entries span 12 orders of magnitude
    return np.diag(np.logspace(0, -12, n)) @ _random((n, n), 7)


def _square_cases():
    return {
        "1x1": np.array([[3.0]]),
        "2x2": np.array([[2.0, 1.0], [4.0, 3.0]]),
        "random8": _random((8, 8), 1),
        "random40": _random((40, 40), 2),
        "permutation": np.eye(5)[[3, 0, 4, 1, 2]],
        "graded": _graded(6),
        "hilbert8": sla.hilbert(8),
        "rank_deficient": _random((6, 3), 3) @ _random((3, 6), 4),
        "zero_column": np.array([[0.0, 1.0, 2.0], [0.0, 3.0, 4.0], [0.0, 5.0, 7.0]]),
        "zero": np.zeros((3, 3)),
        "singular_123": np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]),
    }


SQUARE = _square_cases()


# ---------------------------------------------------------------- matmul


@pytest.mark.parametrize("method", ["outer", "columns", "inner"])
@pytest.mark.parametrize(("m", "k", "n"), [(1, 1, 1), (3, 4, 2), (2, 7, 5), (6, 1, 3), (1, 5, 1)])
def test_matmul_matches_numpy(method, m, k, n):
    A = _random((m, k), m * 100 + k)
    B = _random((k, n), n)
    # Higham 3.5: |fl(AB) - AB| <= gamma_k |A| |B| entrywise, gamma_k ~ k u; both sides carry such an error
    bound = 2 * k * EPS * (np.abs(A) @ np.abs(B))
    np.testing.assert_array_less(np.abs(matmul(A, B, method=method) - A @ B), bound + 1e-300)


@pytest.mark.parametrize("method", ["outer", "columns", "inner"])
def test_matmul_readme_example(method):
    # README: [[1, 2], [3, 4]] @ [[5, 6], [7, 8]] = [[19, 22], [43, 50]] (integers: exact in floating point)
    C = matmul([[1, 2], [3, 4]], [[5, 6], [7, 8]], method=method)
    np.testing.assert_array_equal(C, [[19.0, 22.0], [43.0, 50.0]])


def test_matmul_matrix_vector():
    A = _random((4, 3), 0)
    x = _random(3, 1)
    y = matmul(A, x)
    assert y.shape == (4,)
    # Higham 3.5 entrywise bound, inner size 3
    np.testing.assert_array_less(np.abs(y - A @ x), 2 * 3 * EPS * (np.abs(A) @ np.abs(x)) + 1e-300)
    # A x is the combination of the columns of A with weights x_j
    np.testing.assert_allclose(y, sum(x[j] * A[:, j] for j in range(3)), rtol=0, atol=1e-14)


def test_matmul_identity_and_permutation_exact():
    A = _random((4, 4), 5)
    np.testing.assert_array_equal(matmul(np.eye(4), A), A)  # adding exact zeros changes nothing
    P = np.eye(4)[[2, 0, 3, 1]]
    np.testing.assert_array_equal(matmul(P, A), A[[2, 0, 3, 1]])


small = st.floats(min_value=-10, max_value=10, allow_nan=False, allow_infinity=False)


@given(
    arrays(np.float64, (2, 3), elements=small),
    arrays(np.float64, (3, 2), elements=small),
    arrays(np.float64, (2, 4), elements=small),
)
def test_matmul_associative_and_transpose(A, B, C):
    # (AB)C = A(BC) and (AB)^T = B^T A^T, up to the roundoff of two products of inner size <= 3
    lhs = matmul(matmul(A, B), C)
    rhs = matmul(A, matmul(B, C))
    scale = np.abs(A) @ np.abs(B) @ np.abs(C)
    np.testing.assert_array_less(np.abs(lhs - rhs), 12 * EPS * scale + 1e-300)
    np.testing.assert_allclose(
        matmul(A, B).T, matmul(B.T, A.T), rtol=0, atol=8 * EPS * np.max(np.abs(A) @ np.abs(B))
    )


@pytest.mark.parametrize(
    ("A", "B", "match"),
    [
        (np.ones((2, 3)), np.ones((2, 3)), r"A of shape \(2, 3\) and B of shape \(2, 3\)"),
        (np.ones((2, 3)), np.ones(4), r"A of shape \(2, 3\) and B of shape \(4,\)"),
        (np.ones(3), np.ones((3, 2)), "A must be a 2-D matrix"),
        (np.ones((2, 2)), np.ones((2, 2, 2)), "B must be a 1-D vector or a 2-D matrix"),
        (np.ones((2, 2)), np.full((2, 2), np.nan), "B must contain only finite"),
        (np.array([[1.0, np.inf]]), np.ones((2, 1)), "A must contain only finite"),
        (np.ones((0, 2)), np.ones((2, 2)), "A must not be empty"),
    ],
)
def test_matmul_rejects_bad_input(A, B, match):
    with pytest.raises(ValueError, match=match):
        matmul(A, B)


def test_matmul_rejects_unknown_method():
    with pytest.raises(ValueError, match="method must be one of"):
        matmul(np.eye(2), np.eye(2), method="strassen")


# ---------------------------------------------------------------- lu


@pytest.mark.parametrize("name", list(SQUARE))
def test_lu_backward_error_and_structure(name):
    A = SQUARE[name]
    n = A.shape[0]
    P, L, U = lu(A)
    # structure: P a permutation matrix, L unit lower with |l_ij| <= 1 (partial pivoting), U upper
    np.testing.assert_array_equal(P @ P.T, np.eye(n))
    assert set(np.unique(P)) <= {0.0, 1.0}
    np.testing.assert_array_equal(np.diag(L), np.ones(n))
    np.testing.assert_array_equal(np.triu(L, 1), 0.0)
    np.testing.assert_array_equal(np.tril(U, -1), 0.0)
    assert np.max(np.abs(L)) <= 1.0
    # backward error (Higham, Thm 9.3): |PLU - A| <= gamma_n |L| |U|  ->  norm bound with c = 2
    E = P @ L @ U - A
    bound = 2 * n * EPS * np.linalg.norm(np.abs(L) @ np.abs(U), np.inf)
    assert np.linalg.norm(E, np.inf) <= bound + 1e-300
    # and, growth being modest for these matrices, relative to A itself
    assert np.linalg.norm(E, np.inf) <= 2 * n**2 * EPS * np.linalg.norm(A, np.inf) + 1e-300


@pytest.mark.parametrize("name", ["2x2", "random8", "random40", "permutation", "graded"])
def test_lu_matches_scipy(name):
    # Same algorithm (partial pivoting, no ties in these matrices): the same factors up to roundoff. The
    # factors are only as well determined as the leading submatrices are conditioned, so the ill-conditioned
    # Hilbert matrix is checked by backward error above, not here (its L agrees with scipy's to 1e-10 only).
    A = SQUARE[name]
    P, L, U = lu(A)
    Ps, Ls, Us = sla.lu(A)
    np.testing.assert_array_equal(P, Ps)
    n = A.shape[0]
    np.testing.assert_allclose(L, Ls, rtol=0, atol=100 * n * EPS)  # |l_ij| <= 1; elimination forward error
    np.testing.assert_allclose(U, Us, rtol=0, atol=100 * n * EPS * np.max(np.abs(Us)))


def test_lu_readme_example():
    # README worked example: P swaps rows 1 and 2, L = [[1,0,0],[0.5,1,0],[-0.5,1,1]], U = [[4,-6,0],[0,4,1],[0,0,1]]
    P, L, U = lu(A_README)
    np.testing.assert_array_equal(P, [[0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 1.0]])
    np.testing.assert_array_equal(L, [[1.0, 0.0, 0.0], [0.5, 1.0, 0.0], [-0.5, 1.0, 1.0]])
    np.testing.assert_array_equal(U, [[4.0, -6.0, 0.0], [0.0, 4.0, 1.0], [0.0, 0.0, 1.0]])


def test_lu_of_permutation_matrix_is_trivial():
    Pm = SQUARE["permutation"]
    P, L, U = lu(Pm)
    np.testing.assert_array_equal(P, Pm)  # pivoting undoes the permutation exactly
    np.testing.assert_array_equal(L, np.eye(5))
    np.testing.assert_array_equal(U, np.eye(5))


def test_lu_skips_zero_column_like_lapack():
    A = SQUARE["zero_column"]
    P, L, U = lu(A)
    assert U[0, 0] == 0.0  # the skipped pivot
    np.testing.assert_allclose(P @ L @ U, A, rtol=0, atol=8 * EPS * 7)
    _, _, Us = sla.lu(A)
    np.testing.assert_allclose(U, Us, rtol=0, atol=8 * EPS * 7)


def test_lu_wilkinson_growth():
    # Wilkinson's matrix: 1 on the diagonal and last column, -1 below: partial pivoting never swaps and
    # u_nn = 2^(n-1), the worst growth possible. Still an exact factorisation (all numbers are integers).
    n = 20
    W = np.eye(n) - np.tril(np.ones((n, n)), -1)
    W[:, -1] = 1.0
    P, L, U = lu(W)
    assert U[-1, -1] == 2.0 ** (n - 1)
    np.testing.assert_array_equal(P @ L @ U, W)


def test_lu_does_not_mutate():
    A = SQUARE["random8"].copy()
    A0 = A.copy()
    lu(A)
    solve(A, np.ones(8))
    det(A)
    np.testing.assert_array_equal(A, A0)


# ---------------------------------------------------------------- triangular solves


@pytest.mark.parametrize("n", [1, 5, 30])
def test_triangular_solves_match_scipy(n):
    rng = np.random.default_rng(n)
    # well-conditioned triangular matrices: dominant diagonal
    L = np.tril(rng.standard_normal((n, n))) + n * np.eye(n)
    U = L.T.copy()
    b = rng.standard_normal((n, 2))
    # forward error <= cond(T) * backward error (~ n eps); cond is O(1) here, 10 n eps is generous
    np.testing.assert_allclose(
        forward_substitution(L, b), sla.solve_triangular(L, b, lower=True), rtol=10 * n * EPS
    )
    np.testing.assert_allclose(back_substitution(U, b), sla.solve_triangular(U, b), rtol=10 * n * EPS)
    L1 = np.tril(L, -1) / n + 5.0 * np.eye(n)  # diagonal ignored when unit_diagonal=True
    expected = sla.solve_triangular(L1, b[:, 0], lower=True, unit_diagonal=True)
    np.testing.assert_allclose(
        forward_substitution(L1, b[:, 0], unit_diagonal=True), expected, rtol=10 * n * EPS
    )


def test_triangular_solves_reject_zero_diagonal():
    with pytest.raises(LinAlgError, match="L is singular"):
        forward_substitution([[1.0, 0.0], [2.0, 0.0]], [1.0, 1.0])
    with pytest.raises(LinAlgError, match="U is singular"):
        back_substitution([[0.0, 1.0], [0.0, 1.0]], [1.0, 1.0])


# ---------------------------------------------------------------- solve


@pytest.mark.parametrize("name", ["1x1", "2x2", "random8", "random40", "permutation", "graded", "hilbert8"])
@pytest.mark.parametrize("k", [None, 3])
def test_solve_matches_numpy_and_small_residual(name, k):
    A = SQUARE[name]
    n = A.shape[0]
    b = _random(n if k is None else (n, k), 11)
    x = solve(A, b)
    assert x.shape == b.shape
    # backward stability: ||b - A x|| <= c n eps ||A|| ||x|| (normwise relative residual at roundoff level)
    r = b - A @ x
    assert np.linalg.norm(r) <= 4 * n * EPS * np.linalg.norm(A, 2) * np.linalg.norm(x)
    # forward error relative to numpy: both solutions lie within cond(A) * n eps of the truth
    cond = np.linalg.cond(A)
    np.testing.assert_allclose(x, np.linalg.solve(A, b), rtol=0, atol=8 * n * EPS * cond * np.max(np.abs(x)))


def test_solve_readme_example():
    # README: 2x + y + z = 5, 4x - 6y = -2, -2x + 7y + 2z = 9 has the solution x = 1, y = 1, z = 2
    np.testing.assert_allclose(solve(A_README, B_README), [1.0, 1.0, 2.0], rtol=0, atol=4 * EPS)
    # intermediate steps printed in the README: P^T b = (-2, 5, 9), forward substitution y = (-2, 6, 2)
    P, L, _ = lu(A_README)
    np.testing.assert_array_equal(P.T @ B_README, [-2.0, 5.0, 9.0])
    np.testing.assert_array_equal(
        forward_substitution(L, P.T @ B_README, unit_diagonal=True), [-2.0, 6.0, 2.0]
    )


@pytest.mark.parametrize("name", ["rank_deficient", "zero_column", "zero", "singular_123"])
def test_solve_singular_raises(name):
    with pytest.raises(LinAlgError, match="A is singular to working precision"):
        solve(SQUARE[name], np.ones(SQUARE[name].shape[0]))
    with pytest.raises(LinAlgError, match="A is singular"):
        inv(SQUARE[name])


def _exact_hilbert_condition_number(n):
    # kappa_2(H_n) = ||H_n||_2 ||H_n^{-1}||_2 with the inverse from its exact integer entries (scipy's
    # invhilbert(exact=True)): both are the largest eigenvalue of an SPD matrix, which a backward-stable
    # eigensolver gets to a relative n eps. np.linalg.cond(hilbert(13)) would be wrong in the leading digit
    # (it returns about 4.5e18), because sigma_min of H_13 lies below the roundoff of its stored entries.
    H_inv = np.array(sla.invhilbert(n, exact=True), dtype=float)
    return np.linalg.eigvalsh(sla.hilbert(n))[-1] * np.linalg.eigvalsh(H_inv)[-1]


def test_singularity_rule_on_hilbert():
    # documented rule: order 11 (cond ~ 5e14) is solved, order 13 (cond ~ 6e17) is refused
    np.testing.assert_allclose(_exact_hilbert_condition_number(11), 5e14, rtol=0.05)  # README: 5 x 10^14
    np.testing.assert_allclose(_exact_hilbert_condition_number(13), 6e17, rtol=0.07)  # README: 6 x 10^17
    H11 = sla.hilbert(11)
    x = solve(H11, H11 @ np.ones(11))
    assert np.linalg.norm(H11 @ x - H11 @ np.ones(11)) <= 4 * 11 * EPS * np.linalg.norm(
        H11, 2
    ) * np.linalg.norm(x)
    with pytest.raises(LinAlgError, match="singular to working precision"):
        solve(sla.hilbert(13), np.ones(13))
    # order 12 "sits near the boundary": accepted, with its smallest pivot within a factor 10 of the threshold
    # n eps max|u_ij| (elementwise IEEE operations only, so the pivots are the same on every machine)
    _, _, U12 = lu(sla.hilbert(12))
    margin = np.min(np.abs(np.diag(U12))) / (12 * EPS * np.max(np.abs(U12)))
    assert 1.0 < margin < 10.0
    solve(sla.hilbert(12), np.ones(12))  # does not raise


@pytest.mark.parametrize(
    ("A", "b", "error", "match"),
    [
        (np.ones((2, 3)), np.ones(2), ValueError, r"A must be square, got shape \(2, 3\)"),
        (np.eye(2), np.ones(3), ValueError, r"b must have shape \(2,\) or \(2, k\).*got shape \(3,\)"),
        (np.eye(2), np.ones((2, 2, 1)), ValueError, "b must have shape"),
        (np.eye(2), [np.nan, 1.0], ValueError, "b must contain only finite"),
        ([[1.0, np.inf], [0.0, 1.0]], np.ones(2), ValueError, "A must contain only finite"),
        (np.zeros((0, 0)), np.ones(0), ValueError, "A must not be empty"),
        ("abc", np.ones(2), ValueError, "A must be an array of real numbers"),
        (np.zeros((2, 2)), np.ones(2), LinAlgError, "A is singular"),
    ],
)
def test_solve_rejects_bad_input(A, b, error, match):
    with pytest.raises(error, match=match):
        solve(A, b)


def test_linalgerror_is_a_valueerror():
    # callers that catch ValueError for bad input catch singular matrices too
    with pytest.raises(ValueError, match="singular"):
        solve(np.zeros((2, 2)), np.ones(2))


# ---------------------------------------------------------------- det, slogdet, inv


@pytest.mark.parametrize("name", list(SQUARE))
def test_det_matches_numpy(name):
    A = SQUARE[name]
    n = A.shape[0]
    # det of the computed LU equals det(A + E), |E| ~ n eps |L||U|: relative error ~ n eps cond(A),
    # absolute error ~ n eps * prod of pivot magnitudes scale; compare against numpy (same algorithm, LAPACK)
    scale = np.prod(np.maximum(np.abs(np.diag(sla.lu(A)[2])), np.linalg.norm(A, 2) * EPS))
    cond = min(np.linalg.cond(A), 1 / EPS)
    np.testing.assert_allclose(det(A), np.linalg.det(A), rtol=0, atol=8 * n * EPS * cond * scale + 1e-300)


def test_det_readme_examples():
    # README: det(A_README) = -(4 * 4 * 1) = -16 (one row swap); det of the singular [[1, 2], [2, 4]] is 0
    assert det(A_README) == -16.0
    assert det([[1.0, 2.0], [2.0, 4.0]]) == 0.0
    assert det(SQUARE["zero_column"]) == 0.0


def test_readme_singular_matrix_pivot_and_det():
    # README: for [[1,2,3],[4,5,6],[7,8,9]] our elimination leaves u_33 = 1.1e-16 (one ulp of the cancelled
    # entry) and det = 6.7e-16 instead of 0. Each step is one IEEE operation, so these values are reproducible.
    S = SQUARE["singular_123"]
    _, _, U = lu(S)
    assert abs(U[2, 2]) <= 2 * EPS  # roundoff-level pivot, not an exact zero
    np.testing.assert_allclose(abs(U[2, 2]), 1.1e-16, rtol=0.02)
    np.testing.assert_allclose(det(S), 6.7e-16, rtol=0.01)


def test_exercise_lu_2x2():
    # README exercise 2: A = [[1, 2], [3, 4]] -> swap, L = [[1, 0], [1/3, 1]], U = [[3, 4], [0, 2/3]], det = -2
    P, L, U = lu([[1.0, 2.0], [3.0, 4.0]])
    np.testing.assert_array_equal(P, [[0.0, 1.0], [1.0, 0.0]])
    np.testing.assert_allclose(L, [[1.0, 0.0], [1 / 3, 1.0]], rtol=EPS)
    np.testing.assert_allclose(U, [[3.0, 4.0], [0.0, 2 / 3]], rtol=2 * EPS)
    np.testing.assert_allclose(det([[1.0, 2.0], [3.0, 4.0]]), -2.0, rtol=4 * EPS)


def test_pitfall_elimination_without_pivoting():
    # README pitfall: for [[1e-20, 1], [1, 1]] elimination without pivoting (done by hand here) gives
    # u_22 = 1 - 1e20 -> -1e20 and L U reproduces a_22 as 0; our pivoted lu reproduces A exactly
    A = np.array([[1e-20, 1.0], [1.0, 1.0]])
    l21 = A[1, 0] / A[0, 0]
    u22 = A[1, 1] - l21 * A[0, 1]
    assert u22 == -1e20
    assert l21 * A[0, 1] + u22 == 0.0  # (L U)_22, should be 1
    P, L, U = lu(A)
    np.testing.assert_array_equal(P @ L @ U, A)


def test_leibniz_count_in_readme():
    # README: the cofactor expansion of a 25 x 25 determinant has 25! = 1.6e25 terms
    import math

    assert round(math.factorial(25) / 1e25, 1) == 1.6


def test_det_exact_cases():
    assert det([[3.0]]) == 3.0
    assert det(SQUARE["permutation"]) == np.linalg.det(SQUARE["permutation"]).round()
    assert det(np.diag([2.0, 3.0, 4.0])) == 24.0
    assert det(np.eye(3)[[1, 0, 2]]) == -1.0


@given(arrays(np.float64, (3, 3), elements=small), arrays(np.float64, (3, 3), elements=small))
def test_det_multiplicative(A, B):
    # det(AB) = det(A) det(B); error scale: products of row norms (Hadamard's bound), times n eps-ish
    had = lambda M: np.prod(np.linalg.norm(M, axis=1))  # noqa: E731
    tol = 64 * EPS * had(A) * had(B) + 1e-300
    assert abs(det(A @ B) - det(A) * det(B)) <= tol + 64 * EPS * had(A @ B)


@pytest.mark.parametrize("name", ["1x1", "random8", "random40", "hilbert8", "graded", "permutation"])
def test_slogdet_matches_numpy(name):
    A = SQUARE[name]
    sign, logabs = slogdet(A)
    sign_np, logabs_np = np.linalg.slogdet(A)
    assert sign == sign_np
    # log|det| has absolute error ~ sum of relative pivot errors ~ n eps cond(A)
    n = A.shape[0]
    np.testing.assert_allclose(logabs, logabs_np, rtol=0, atol=8 * n * EPS * np.linalg.cond(A))


def test_slogdet_readme_example():
    # README Code section: slogdet(A) = (-1.0, 2.772588...) = (-1, log 16) for the worked example (det = -16).
    # The pivots 4, 4, 1 are exact, so only the rounding of the log sum remains.
    sign, logabs = slogdet(A_README)
    assert sign == -1.0
    np.testing.assert_allclose(logabs, np.log(16.0), rtol=4 * EPS)
    assert round(logabs, 6) == 2.772589


def test_slogdet_beyond_float_range():
    # det(0.1 I_400) = 1e-400 underflows to 0, slogdet keeps it; det(10 I_400) = 1e400 overflows
    assert det(0.1 * np.eye(400)) == 0.0
    sign, logabs = slogdet(0.1 * np.eye(400))
    assert sign == 1.0
    np.testing.assert_allclose(logabs, -400 * np.log(10), rtol=4 * EPS)
    sign, logabs = slogdet(-10 * np.eye(401))
    assert sign == -1.0
    np.testing.assert_allclose(logabs, 401 * np.log(10), rtol=4 * EPS)


def test_slogdet_singular():
    assert slogdet(SQUARE["zero"]) == (0.0, -np.inf)


@pytest.mark.parametrize("name", ["1x1", "2x2", "random8", "random40", "permutation", "graded", "hilbert8"])
def test_inv_matches_numpy_and_is_an_inverse(name):
    A = SQUARE[name]
    n = A.shape[0]
    X = inv(A)
    # each column solves A x_j = e_j backward-stably: ||A X - I|| <= c n eps ||A|| ||X||
    assert np.linalg.norm(A @ X - np.eye(n)) <= 4 * n * EPS * np.linalg.norm(A, 2) * np.linalg.norm(
        X, 2
    ) * np.sqrt(n)
    cond = np.linalg.cond(A)
    Xn = np.linalg.inv(A)
    np.testing.assert_allclose(X, Xn, rtol=0, atol=8 * n * EPS * cond * np.max(np.abs(Xn)))


def test_inv_readme_example():
    # README: inv([[2, 1], [4, 3]]) = [[1.5, -0.5], [-2, 1]]
    np.testing.assert_allclose(
        inv([[2.0, 1.0], [4.0, 3.0]]), [[1.5, -0.5], [-2.0, 1.0]], rtol=0, atol=4 * EPS
    )


def test_inv_of_permutation_is_transpose():
    Pm = SQUARE["permutation"]
    np.testing.assert_array_equal(inv(Pm), Pm.T)


def test_readme_hilbert_residual_figure_claims():
    # README: for orders 3..11, solve's relative residual stays below eps; inv(H) @ b climbs to about 1e5 eps
    rel = []
    for n in range(3, 12):
        H = sla.hilbert(n)
        b = np.ones(n)
        for x in (solve(H, b), inv(H) @ b):
            rel.append(np.linalg.norm(b - H @ x) / (np.linalg.norm(H, 2) * np.linalg.norm(x)) / EPS)
    assert max(rel[0::2]) < 1.0
    assert 1e4 <= rel[-1] <= 1e6


def test_solve_beats_inverse_on_hilbert():
    # README and notebook claim: for the Hilbert matrix of order 10 (cond ~ 1.6e13) the residual of
    # solve is at roundoff level (relative to ||A|| ||x||) while inv(A) @ b is worse by orders of magnitude
    H = sla.hilbert(10)
    b = np.ones(10)
    x_solve = solve(H, b)
    x_inv = inv(H) @ b
    rel = lambda x: np.linalg.norm(b - H @ x) / (np.linalg.norm(H, 2) * np.linalg.norm(x))  # noqa: E731
    assert rel(x_solve) <= 10 * EPS
    assert rel(x_inv) >= 100 * rel(x_solve)


@pytest.mark.parametrize("func", [lu, det, slogdet, inv])
@pytest.mark.parametrize(
    ("A", "match"),
    [
        (np.ones((2, 3)), r"A must be square, got shape \(2, 3\)"),
        (np.ones(3), "A must be a 2-D matrix"),
        ([[np.nan]], "A must contain only finite"),
        (np.zeros((0, 0)), "A must not be empty"),
    ],
)
def test_square_functions_reject_bad_input(func, A, match):
    with pytest.raises(ValueError, match=match):
        func(A)
