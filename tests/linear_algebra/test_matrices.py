"""Tests for linear_algebra.python_implementations.matrices against numpy.linalg / scipy.linalg and invariants."""

import math
import warnings

import numpy as np
import pytest
import scipy.linalg as sla
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from numpy.linalg import LinAlgError

from linear_algebra.python_implementations.matrices import (
    IllConditionedWarning,
    _inverse_norm1_estimate,
    _lu_factor,
    _norm1,
    back_substitution,
    det,
    forward_substitution,
    inv,
    lu,
    matmul,
    matrix_norm,
    slogdet,
    solve,
)

EPS = np.finfo(float).eps
U = EPS / 2  # unit roundoff u

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


@pytest.mark.parametrize("name", ["zero_column", "zero"])
def test_solve_raises_where_elimination_meets_an_exact_zero_pivot(name):
    # column 1 is zero on and below the diagonal: elimination cannot continue, pivot 1 is named
    with pytest.raises(LinAlgError, match=r"A is singular: pivot 1 of 3 \(u_kk with k = 1\) is exactly zero"):
        solve(SQUARE[name], np.ones(3))
    with pytest.raises(LinAlgError, match=r"A is singular: pivot 1 of 3"):
        inv(SQUARE[name])


def test_singular_pivot_message_names_the_pivot_readably():
    # a zero pivot at step 13 of 13 is printed "pivot 13 of 13 (u_kk with k = 13)", not the run-together "u_1313"
    A = np.eye(13)
    A[12, 12] = 0.0
    with pytest.raises(LinAlgError, match=r"pivot 13 of 13 \(u_kk with k = 13\) is exactly zero") as info:
        solve(A, np.ones(13))
    assert "u_1313" not in str(info.value)


@pytest.mark.parametrize(
    "A", [SQUARE["singular_123"], np.array([[1.0, 1.0], [1.0, 1.0 + EPS]])], ids=["singular_123", "near_singular_2x2"]
)
def test_roundoff_pivot_is_solved_with_a_warning_not_refused(A):
    # Rounding leaves a tiny nonzero pivot (u_33 = 1.1e-16 for singular_123; u_22 = eps for the 2x2, whose
    # kappa_1 = 4 / eps = 1.8e16): elimination can continue, so solve returns the solution of a nearby matrix
    # (backward stable: ||b - A x|| <= c n u ||A|| ||x||, c = 4 generous) and warns that kappa_1 exceeds 1/u.
    # Both matrices are exact decimals and elimination uses elementwise IEEE operations: same pivots everywhere.
    n = A.shape[0]
    b = np.ones(n)
    with pytest.warns(IllConditionedWarning, match=r"estimated condition number kappa_1\(A\)"):
        x = solve(A, b)
    assert np.all(np.isfinite(x))
    assert np.linalg.norm(b - A @ x) <= 4 * n * EPS * np.linalg.norm(A, 2) * np.linalg.norm(x)
    with pytest.warns(IllConditionedWarning, match=r"computed condition number"):
        inv(A)


@pytest.mark.parametrize(
    ("A", "b", "x"),
    [
        (np.diag([1e300, 1.0]), [1e300, 2.0], [1.0, 2.0]),  # the old rule refused: pivot 1 <= 2 eps 1e300
        (np.diag([1.0, 1e-17]), [1.0, 3e-17], [1.0, 3.0]),  # the old rule refused: pivot 1e-17 <= 2 eps
        (np.diag([1e-300, 1e-301]), [1e-300, 1e-301], [1.0, 1.0]),
    ],
)
def test_singularity_decision_is_scale_invariant(A, b, x):
    # diagonal systems are solved exactly by one division per row whatever the scale: no LinAlgError. Their
    # normwise condition number kappa_1 = max|d| / min|d| is reported by a warning when it exceeds 1/u
    kappa = np.linalg.cond(A, 1)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        np.testing.assert_array_equal(solve(A, b), x)
        np.testing.assert_array_equal(inv(A), np.diag(1.0 / np.diag(A)))
    ill = [w for w in caught if issubclass(w.category, IllConditionedWarning)]
    assert len(ill) == (2 if kappa * U > 1 else 0)
    # scaling A by a power of two changes nothing: same answer (exact), same decision
    np.testing.assert_array_equal(solve(2.0**-20 * A, 2.0**-20 * np.asarray(b)), x)


def test_solve_raises_where_the_result_is_not_finite():
    # a pivot of 1e-310 is nonzero, but 1 / 1e-310 overflows: the solution cannot be represented
    with pytest.raises(LinAlgError, match="the solution overflowed"):
        solve(np.diag([1.0, 1e-310]), [1.0, 1.0])
    with pytest.raises(LinAlgError, match="its inverse overflowed"):
        inv(np.diag([1.0, 1e-310]))
    # growth beyond the largest double during elimination
    with pytest.raises(LinAlgError, match="elimination overflowed"):
        solve([[1e308, 1e308], [-1e308, 1e308]], [1.0, 1.0])


def _exact_hilbert_kappa_1(n):
    # kappa_1(H_n) = ||H_n||_1 ||H_n^{-1}||_1 in exact rational arithmetic (scipy's invhilbert(exact=True) gives
    # the integer entries of the inverse), rounded once to a double
    from fractions import Fraction

    H_inv = sla.invhilbert(n, exact=True)
    inv_1 = max(sum(abs(int(H_inv[i][j])) for i in range(n)) for j in range(n))
    h_1 = max(sum(Fraction(1, i + j + 1) for i in range(n)) for j in range(n))
    return float(h_1 * inv_1)


def test_condition_warning_on_hilbert():
    # README: kappa_1 = 1.2e15 (order 11), 4.1e16 (12), 1.3e18 (13); the warning fires when kappa_1 > 1/u = 9.0e15,
    # so order 11 is solved silently and orders 12 and 13 with a warning. Margins: a factor 7 below and 4.5 above
    # the threshold, far more than the estimator's error on these factors (see the next test)
    kappas = [_exact_hilbert_kappa_1(n) for n in (11, 12, 13)]
    assert [float(f"{k:.1e}") for k in kappas] == [1.2e15, 4.1e16, 1.3e18]
    H11 = sla.hilbert(11)
    with warnings.catch_warnings():
        warnings.simplefilter("error", IllConditionedWarning)
        x = solve(H11, H11 @ np.ones(11))
        inv(H11)
    # backward stable: ||b - A x|| <= c n u ||A|| ||x||, c = 4 generous
    assert np.linalg.norm(H11 @ x - H11 @ np.ones(11)) <= 4 * 11 * EPS * np.linalg.norm(H11, 2) * np.linalg.norm(x)
    for n in (12, 13):
        with pytest.warns(IllConditionedWarning, match=r"exceeds 1/u = 9\.0e\+15"):
            solve(sla.hilbert(n), np.ones(n))
        with pytest.warns(IllConditionedWarning, match="computed condition number"):
            inv(sla.hilbert(n))


@pytest.mark.parametrize("name", ["1x1", "2x2", "random8", "random40", "permutation", "graded", "hilbert8"])
def test_condition_estimate_within_a_factor_n_of_numpy(name):
    # Hager's estimate is a lower bound of ||A^{-1}||_1 (up to the roundoff of the solves, relative kappa u at most
    # 1e-5 here) and, by Higham's analysis and experience, rarely more than a factor 3 below it; we require n
    A = SQUARE[name]
    n = A.shape[0]
    LU, perm, _ = _lu_factor(A)
    estimate = _norm1(A) * _inverse_norm1_estimate(LU, perm)
    reference = np.linalg.cond(A, 1)
    assert reference / n <= estimate <= reference * (1 + 1e-5)
    # ||A||_1 is a column sum of |a_ij|: n terms, relative error at most n u
    np.testing.assert_allclose(_norm1(A), np.linalg.norm(A, 1), rtol=n * EPS)


# Integer matrices found by a search over small random integer matrices, on which a shortened estimator fails:
# without Higham's extra vector (alternating signs) Hager's iteration stops at 1/9.5 of ||A^-1||_1 on the first;
# stopped after two steps instead of up to five it returns 1/7.6 of ||A^-1||_1 on the second.
ESTIMATOR_TRAPS = {
    "needs_extra_vector": np.array(
        [[0.0, -2.0, 2.0, 3.0], [-2.0, 3.0, 3.0, -1.0], [-3.0, 0.0, 0.0, -1.0], [-3.0, -1.0, 0.0, -1.0]]
    ),
    "needs_more_steps": np.array(
        [
            [-3.0, 2.0, 1.0, -2.0, -1.0],
            [0.0, -2.0, -2.0, 0.0, -1.0],
            [-3.0, 2.0, 0.0, -2.0, -1.0],
            [-3.0, -1.0, 2.0, 0.0, -1.0],
            [2.0, -3.0, 2.0, 1.0, 3.0],
        ]
    ),
}


@pytest.mark.parametrize("name", [*ESTIMATOR_TRAPS, "random8", "random40", "graded", "hilbert8"])
def test_condition_estimate_within_a_factor_3(name):
    # README "Solving with the factors": Hager's estimate of ||A^{-1}||_1 (with Higham's extra vector, up to five
    # steps) is a lower bound, rarely off by more than a factor 3. On these matrices it is within 1.7 of the truth
    # (reference: numpy's inverse, relative error <= kappa u <= 1e-5); each trap catches one shortcut of the method.
    A = ESTIMATOR_TRAPS.get(name, SQUARE.get(name))
    LU, perm, _ = _lu_factor(A)
    estimate = _inverse_norm1_estimate(LU, perm)
    reference = np.linalg.norm(np.linalg.inv(A), 1)
    assert reference / 3 <= estimate <= reference * (1 + 1e-5)


@pytest.mark.parametrize(("kappa_over_inverse_u", "warns"), [(0.5, False), (0.9, False), (1.1, True), (2.0, True)])
def test_warning_threshold_is_rcond_below_u(kappa_over_inverse_u, warns):
    # README: the warning fires when rcond = 1 / kappa_1 < u, not at eps = 2u nor at n u. diag(1, d) has
    # kappa_1 = 1 / d exactly; the estimator is exact on a diagonal matrix (one column reaches the maximum) and inv
    # computes 1 / d with one rounding, so kappa_1 = 0.9 / u and 1.1 / u sit on the right sides of 1 / u.
    d = U / kappa_over_inverse_u  # kappa_1 = kappa_over_inverse_u / u
    A = np.diag([1.0, d])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        np.testing.assert_array_equal(solve(A, [1.0, d]), [1.0, 1.0])
        inv(A)
    ill = [w for w in caught if issubclass(w.category, IllConditionedWarning)]
    assert len(ill) == (2 if warns else 0)


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


@pytest.mark.parametrize("n", [1, 2, 3, 5, 6])
def test_det_equals_the_leibniz_expansion(n):
    # README: the cofactor (Leibniz) expansion sums n! signed products, 25! = 1.6e25 of them for n = 25; the pivots
    # give the same number. Reference: the expansion over all n! permutations in exact integer arithmetic.
    # det of the computed LU is det(A + E), |E| <= gamma_n |L||U|: relative error <= c n u kappa, c = 8 generous
    import itertools
    import math

    assert f"{math.factorial(25):.1e}" == "1.6e+25"
    A = np.random.default_rng(n).integers(-5, 6, size=(n, n))
    exact = 0
    for p in itertools.permutations(range(n)):
        inversions = sum(p[i] > p[j] for i in range(n) for j in range(i + 1, n))
        exact += (-1) ** inversions * math.prod(int(A[i, p[i]]) for i in range(n))
    assert sum(1 for _ in itertools.permutations(range(n))) == math.factorial(n)
    kappa = np.linalg.cond(A) if exact != 0 else 1 / EPS
    scale = np.prod(np.abs(np.diag(sla.lu(A)[2])))  # |det| of the factors: the size of the rounding errors
    assert abs(det(A) - exact) <= 8 * n * EPS * kappa * max(abs(exact), scale)


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
    # README "Solve, do not invert": on every machine the relative residual of solve stays within the backward
    # stability bound c n u (c = 4 generous for the small growth of these factors) while that of inv(H) @ b grows
    # with kappa(H). The measured values (solve below eps, inverse route about 1e5 eps at order 11; 1.0e5 to 2.9e5
    # under the OpenBLAS kernels Haswell, SkylakeX, Zen, Sandybridge, Prescott) depend on the BLAS, so only the
    # bound and the ordering are asserted: at orders 10 and 11 the inverse route is more than 1000 times worse.
    rel_solve, rel_inv = [], []
    with warnings.catch_warnings():
        warnings.simplefilter("error", IllConditionedWarning)  # kappa_1(H_11) = 1.2e15 < 1/u: no warning
        for n in range(3, 12):
            H = sla.hilbert(n)
            b = np.ones(n)
            for x, out in ((solve(H, b), rel_solve), (inv(H) @ b, rel_inv)):
                out.append(np.linalg.norm(b - H @ x) / (np.linalg.norm(H, 2) * np.linalg.norm(x)))
    assert all(r <= 4 * n * U for n, r in zip(range(3, 12), rel_solve, strict=True))
    assert rel_inv[-2] > 1e3 * rel_solve[-2] and rel_inv[-1] > 1e3 * rel_solve[-1]
    # notebook section 8: kappa(H_10) = 1.6e13 (2 digits: numpy's cond carries a relative error ~ kappa u = 2e-3)
    assert float(f"{np.linalg.cond(sla.hilbert(10)):.1e}") == 1.6e13


def test_readme_kappa_1_and_kappa_inf_lie_within_n_of_kappa_but_not_of_each_other():
    # README "How far apart the norms can be": kappa_1 and kappa_inf each lie within a factor n of kappa = kappa_2;
    # between themselves they can differ by more than n: A = [[1, t, t], [0, 1, 0], [0, 0, 1]] has
    # kappa_1 = (1 + t)^2 and kappa_inf = (1 + 2t)^2 (A^-1 is A with -t), a ratio that tends to 4 > n = 3
    t = 1000.0
    A = np.array([[1.0, t, t], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]])
    A_inv = inv(A)
    np.testing.assert_array_equal(A_inv, [[1.0, -t, -t], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]])  # exact: integers
    kappa = {p: matrix_norm(A, p) * matrix_norm(A_inv, p) for p in (1, 2, np.inf)}
    assert kappa[1] == (1 + t) ** 2 and kappa[np.inf] == (1 + 2 * t) ** 2  # sums of integers: exact
    assert kappa[np.inf] / kappa[1] > 3.98 > 3  # the old claim "all three agree within a factor n" fails
    n = 3
    for p in (1, np.inf):  # sigma_max from the SVD: relative error c n u, c = 10 generous
        assert kappa[2] / n <= kappa[p] * (1 + 10 * n * EPS) and kappa[p] <= n * kappa[2] * (1 + 10 * n * EPS)


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


# ---------------------------------------------------------------- matrix_norm

ORDS = [1, 2, np.inf, "fro"]


def _norm_rtol(ord, m, n):
    # A sum of k non-negative terms has a relative error of at most (k - 1) u, ours and numpy's alike (Higham 4.2):
    # k = m for the column sums of ||A||_1, n for the row sums of ||A||_inf, m n (+ 2 for sqrt and scaling) for
    # the Frobenius norm. ||A||_2 = sigma_max from two backward stable SVDs: Weyl's inequality moves sigma_max by at
    # most the backward error c max(m, n) u ||A||_2 of each; c = 10 generous.
    k = {1: m, np.inf: n, "fro": m * n + 2, 2: 10 * max(m, n)}[ord]
    return k * EPS


NORM_CASES = {
    "1x1": np.array([[-3.0]]),
    "square": _random((6, 6), 11),
    "tall": _random((9, 3), 12),
    "wide": _random((3, 9), 13),
    "row": _random((1, 7), 14),
    "column": _random((7, 1), 15),
    "zero": np.zeros((3, 4)),
    "rank_one": np.outer(_random(5, 16), _random(4, 17)),
    "graded": _graded(6),
    "hilbert8": sla.hilbert(8),
}


@pytest.mark.parametrize("ord", ORDS, ids=str)
@pytest.mark.parametrize("name", list(NORM_CASES))
def test_matrix_norm_matches_numpy(name, ord):
    A = NORM_CASES[name]
    m, n = A.shape
    np.testing.assert_allclose(matrix_norm(A, ord), np.linalg.norm(A, ord), rtol=_norm_rtol(ord, m, n), atol=0)


@pytest.mark.parametrize("ord", ORDS, ids=str)
@pytest.mark.parametrize("scale", [1e300, 1e-300, 1e-310])
@pytest.mark.parametrize("shape", [(5, 5), (7, 2), (2, 7)])
def test_matrix_norm_extreme_entries_match_a_scaled_reference(shape, scale, ord):
    # numpy's Frobenius norm squares the entries: inf for entries near 1e300, 0 near 1e-300. The reference is numpy
    # on A / 2^e (exact: only exponents change, and the scaled entries lie in [0.5, 1)) multiplied back by 2^e.
    # At scale 1e-310 the entries are subnormal (fewer than 53 significant bits); the reference sees the same
    # stored numbers, so the comparison stays exact up to the roundoff of the norm itself.
    A = _random(shape, 21) * scale
    e = math.frexp(float(np.max(np.abs(A))))[1]
    reference = math.ldexp(float(np.linalg.norm(np.ldexp(A, -e), ord)), e)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no overflow or underflow warning on the way
        value = matrix_norm(A, ord)
    np.testing.assert_allclose(value, reference, rtol=_norm_rtol(ord, *shape), atol=0)


def test_matrix_norm_column_of_huge_entries():
    # A column of two entries 1e308: its squares overflow, but ||A||_2 = ||A||_F = sqrt(2) 1e308 = 1.41e308 is a
    # double; the column sum 2e308 is not, so ||A||_1 = inf (as in numpy), while ||A||_inf = 1e308.
    A = np.array([[1e308], [1e308]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        values = {ord: matrix_norm(A, ord) for ord in ORDS}
    np.testing.assert_allclose(values[2], math.sqrt(2) * 1e308, rtol=4 * EPS)
    np.testing.assert_allclose(values["fro"], math.sqrt(2) * 1e308, rtol=4 * EPS)
    with np.errstate(over="ignore"):
        assert values[1] == np.inf == np.linalg.norm(A, 1)
    assert values[np.inf] == 1e308
    # a column sum just below the largest double (1.8e308) is computed without overflow: partial sums never exceed it
    B = np.array([[0.6e308], [0.6e308], [0.5e308]])
    np.testing.assert_allclose(matrix_norm(B, 1), 1.7e308, rtol=4 * EPS)
    # the 2-norm overflows only when sigma_max itself exceeds the largest double: here sigma_max = 2e308; the
    # result is inf, as for vectors.norm, without a floating-point warning
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert matrix_norm(np.full((2, 2), 1e308), 2) == np.inf


def test_matrix_norm_default_is_2_and_int_float_orders_agree():
    A = NORM_CASES["square"]
    assert matrix_norm(A) == matrix_norm(A, 2) == matrix_norm(A, 2.0) == matrix_norm(A, np.int64(2))
    assert matrix_norm(A, 1) == matrix_norm(A, 1.0) and matrix_norm(A, np.inf) == matrix_norm(A, float("inf"))


@pytest.mark.parametrize("name", ["square", "tall", "wide", "row", "column", "rank_one"])
def test_matrix_norm_transpose_swaps_1_and_inf(name):
    A = NORM_CASES[name]
    assert matrix_norm(A, 1) == matrix_norm(A.T, np.inf)  # the same sums, added in the same order
    np.testing.assert_allclose(matrix_norm(A, 2), matrix_norm(A.T, 2), rtol=_norm_rtol(2, *A.shape))
    np.testing.assert_allclose(matrix_norm(A, "fro"), matrix_norm(A.T, "fro"), rtol=_norm_rtol("fro", *A.shape))


@pytest.mark.parametrize("ord", [1, 2, np.inf], ids=str)
@pytest.mark.parametrize("name", ["square", "tall", "wide", "rank_one", "graded"])
def test_induced_norm_is_the_largest_stretch_and_is_attained(name, ord):
    # The induced norm is max ||A x||_p / ||x||_p: no x stretches more, and the vector of the derivation reaches it.
    A = NORM_CASES[name]
    m, n = A.shape
    value = matrix_norm(A, ord)
    X = _random((n, 200), 31)  # 200 random directions
    stretch = np.linalg.norm(A @ X, ord, axis=0) / np.linalg.norm(X, ord, axis=0)  # (200,)
    # ||A x|| <= ||A|| ||x||, up to the roundoff of the product and of the norms (c = 4 (m + n) u, generous)
    assert np.all(stretch <= value * (1 + 4 * (m + n) * EPS))
    if ord == 1:
        x = np.eye(n)[np.argmax(np.sum(np.abs(A), axis=0))]  # e_j, j = the largest column
    elif ord == np.inf:
        x = np.where(A[np.argmax(np.sum(np.abs(A), axis=1))] >= 0, 1.0, -1.0)  # signs of the largest row
    else:
        x = np.linalg.svd(A)[2][0]  # the first right singular vector
    attained = np.linalg.norm(A @ x, ord) / np.linalg.norm(x, ord)
    np.testing.assert_allclose(attained, value, rtol=4 * (m + n) * EPS)


norm_entries = st.floats(min_value=-100, max_value=100, allow_nan=False, allow_infinity=False)


@given(
    arrays(np.float64, (3, 4), elements=norm_entries),
    arrays(np.float64, (4, 2), elements=norm_entries),
    arrays(np.float64, (4,), elements=norm_entries),
)
def test_matrix_norm_invariants(A, B, x):
    # roundoff allowance: every inequality below holds exactly; the computed sides carry relative errors of a
    # few (m n) u each (sums of at most 12 terms, one SVD), so we allow 64 u relative plus a tiny absolute floor
    # for subnormal products
    def leq(a, b):
        return a <= b * (1 + 64 * EPS) + 1e-300

    norms = {ord: matrix_norm(A, ord) for ord in ORDS}
    for ord in ORDS:
        # submultiplicative, Frobenius included
        assert leq(matrix_norm(A @ B, ord), norms[ord] * matrix_norm(B, ord))
        # homogeneous: scaling by a power of two is exact, and so is the norm, unless the norm of A lies in the
        # subnormal range: there its last rounding is to the coarse subnormal grid (spacing 2^-1074), which 4 A
        # escapes; allow a few such spacings (times 4) on top of the relative allowance
        scaled = matrix_norm(-4.0 * A, ord)
        if norms[ord] >= np.finfo(float).tiny:
            assert scaled == 4.0 * norms[ord]
        else:
            assert abs(scaled - 4.0 * norms[ord]) <= 4.0 * (64 * EPS * norms[ord] + 16 * 2.0**-1074)
    for ord in (1, 2, np.inf):
        # consistent with the vector norm it is induced by
        assert leq(np.linalg.norm(A @ x, ord), norms[ord] * np.linalg.norm(x, ord))
    assert leq(np.linalg.norm(A @ x), norms["fro"] * np.linalg.norm(x))  # Frobenius is consistent with the 2-norm
    r = np.linalg.matrix_rank(A)
    assert leq(norms[2], norms["fro"])
    assert leq(norms["fro"], math.sqrt(max(r, 1)) * norms[2])
    assert leq(norms[2] ** 2, norms[1] * norms[np.inf])
    # the equivalence constants of the README: ||A||_2 within sqrt(n) of ||A||_1 and sqrt(m) of ||A||_inf
    m, n = A.shape
    assert leq(norms[1], math.sqrt(m) * norms[2]) and leq(norms[2], math.sqrt(n) * norms[1])
    assert leq(norms[np.inf], math.sqrt(n) * norms[2]) and leq(norms[2], math.sqrt(m) * norms[np.inf])


def test_matrix_norm_sqrt_rank_bound_is_tight_and_matters():
    # ||A||_F <= sqrt(rank) ||A||_2 with equality when all nonzero singular values are equal: here a rank-2
    # 6 x 5 matrix with singular values 3, 3 has ||A||_F = 3 sqrt(2), well below sqrt(5) ||A||_2
    Q1 = np.linalg.qr(_random((6, 2), 41))[0]
    Q2 = np.linalg.qr(_random((5, 2), 42))[0]
    A = 3.0 * Q1 @ Q2.T
    np.testing.assert_allclose(matrix_norm(A, "fro"), math.sqrt(2) * matrix_norm(A, 2), rtol=100 * EPS)


@pytest.mark.parametrize("n", [1, 2, 5])
def test_identity_norms(n):
    # every induced norm of I is 1 (max ||x|| / ||x||); the Frobenius norm is sqrt(n): it is not induced
    for ord in (1, 2, np.inf):
        np.testing.assert_allclose(matrix_norm(np.eye(n), ord), 1.0, rtol=10 * EPS)
    np.testing.assert_allclose(matrix_norm(np.eye(n), "fro"), math.sqrt(n), rtol=4 * EPS)


@pytest.mark.parametrize("name", ["2x2", "random8", "random40", "graded", "hilbert8"])
def test_condition_number_is_at_least_one_and_matches_numpy(name):
    # kappa_p(A) = ||A||_p ||A^-1||_p >= ||A A^-1||_p = ||I||_p = 1; against numpy.linalg.cond, whose inverse has
    # the same kind of error: relative kappa u in ||A^-1|| (kappa of hilbert8 is 1.5e10, so 1e-5 relative suffices)
    A = SQUARE[name]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", IllConditionedWarning)
        A_inv = inv(A)
    for ord in (1, 2, np.inf, "fro"):
        kappa = matrix_norm(A, ord) * matrix_norm(A_inv, ord)
        assert kappa >= 1.0 - 1e-12
        np.testing.assert_allclose(kappa, np.linalg.cond(A, ord), rtol=1e-5)


@pytest.mark.parametrize(
    ("A", "ord", "match"),
    [
        (np.eye(2), 0, r"ord must be one of 1, 2, np.inf or 'fro', got 0"),
        (np.eye(2), 3, "ord must be one of"),
        (np.eye(2), -1, "ord must be one of"),
        (np.eye(2), -np.inf, "ord must be one of"),
        (np.eye(2), np.nan, "ord must be one of"),
        (np.eye(2), "nuc", "ord must be one of .* got 'nuc'"),
        (np.eye(2), "2", "ord must be one of"),
        (np.eye(2), None, "ord must be one of"),
        (np.eye(2), True, "ord must be one of"),
        ([[1.0, np.nan]], 2, "A must contain only finite"),
        ([[1.0, np.inf]], 1, "A must contain only finite"),
        (np.ones(3), 2, r"A must be a 2-D matrix, got an array of shape \(3,\)"),
        (np.ones((2, 2, 2)), "fro", "A must be a 2-D matrix"),
        (np.zeros((0, 3)), 1, "A must not be empty"),
        (np.zeros((0, 0)), 2, "A must not be empty"),
        ("abc", 2, "A must be an array of real numbers"),
    ],
)
def test_matrix_norm_rejects_bad_input(A, ord, match):
    with pytest.raises(ValueError, match=match):
        matrix_norm(A, ord)


@given(arrays(np.float64, st.tuples(st.integers(1, 4), st.integers(1, 4)), elements=st.floats(allow_nan=True)))
def test_matrix_norm_rejects_nan_and_inf_property(A):
    if np.all(np.isfinite(A)):
        assert matrix_norm(A, "fro") >= 0.0
    else:
        with pytest.raises(ValueError, match="A must contain only finite"):
            matrix_norm(A, "fro")


# ---------------------------------------------------------------- README: matrix norms and the condition number

A_NORM = np.array([[3.0, 0.0], [4.0, 5.0]])


def test_readme_matrix_norm_worked_example():
    # README "Matrix norms and condition numbers": ||A||_1 = 7, ||A||_inf = 9 (sums of small integers: exact),
    # ||A||_F = sqrt(50) = 7.0711, ||A||_2 = 3 sqrt(5) = 6.7082 (from the SVD: c p u with p = 2, 8 eps generous)
    assert matrix_norm(A_NORM, 1) == 7.0
    assert matrix_norm(A_NORM, np.inf) == 9.0
    np.testing.assert_allclose(matrix_norm(A_NORM, "fro"), math.sqrt(50), rtol=2 * EPS)
    np.testing.assert_allclose(matrix_norm(A_NORM, 2), 3 * math.sqrt(5), rtol=8 * EPS)
    assert [round(matrix_norm(A_NORM, p), 4) for p in (1, 2, np.inf, "fro")] == [7.0, 6.7082, 9.0, 7.0711]
    # by hand: ||A x||^2 = 25 + 20 sin 2t for x = (cos t, sin t); max 45 at t = pi/4, min 5 at t = -pi/4
    t = np.linspace(-np.pi, np.pi, 721)
    X = np.vstack([np.cos(t), np.sin(t)])  # (2, 721) unit vectors
    np.testing.assert_allclose(np.sum((A_NORM @ X) ** 2, axis=0), 25 + 20 * np.sin(2 * t), rtol=8 * EPS)
    x_star = np.array([1.0, 1.0]) / math.sqrt(2)
    np.testing.assert_allclose(np.linalg.norm(A_NORM @ x_star), matrix_norm(A_NORM, 2), rtol=8 * EPS)
    np.testing.assert_allclose(np.linalg.svd(A_NORM, compute_uv=False), [3 * math.sqrt(5), math.sqrt(5)], rtol=8 * EPS)
    # relations: 6.7082 <= 7.0711 <= sqrt(2) 6.7082 = 9.4868; 45 <= 63
    assert round(math.sqrt(2) * matrix_norm(A_NORM, 2), 4) == 9.4868
    assert matrix_norm(A_NORM, 2) <= matrix_norm(A_NORM, "fro") <= math.sqrt(2) * matrix_norm(A_NORM, 2)
    assert round(matrix_norm(A_NORM, 2) ** 2, 10) == 45.0 <= matrix_norm(A_NORM, 1) * matrix_norm(A_NORM, np.inf)


def test_readme_condition_numbers_of_the_worked_example():
    # A^{-1} = [[5, 0], [-4, 3]] / 15: ||A^-1||_1 = 9/15 = 0.6, ||A^-1||_inf = 7/15, kappa_1 = kappa_inf = 4.2,
    # kappa_2 = 3 sqrt(5) / sqrt(5) = 3; inv is accurate to kappa u, so 16 eps covers every step
    A_inv = inv(A_NORM)
    np.testing.assert_allclose(A_inv, np.array([[5.0, 0.0], [-4.0, 3.0]]) / 15, rtol=0, atol=4 * EPS)
    np.testing.assert_allclose(matrix_norm(A_inv, 1), 0.6, rtol=16 * EPS)
    np.testing.assert_allclose(matrix_norm(A_inv, np.inf), 7 / 15, rtol=16 * EPS)
    for p, kappa in ((1, 4.2), (np.inf, 4.2), (2, 3.0)):
        np.testing.assert_allclose(matrix_norm(A_NORM, p) * matrix_norm(A_inv, p), kappa, rtol=16 * EPS)


def test_readme_why_kappa_matters_example():
    # README: A = [[1, 1], [1, 1.0001]], b = (2, 2.0001): x = (1, 1); b_2 + 1e-4 gives x = (0, 2); magnification
    # 20001 against kappa_inf = 2.0001 * 20001 = 40004; the bound allows a relative change of 2.0001 >= 1.
    # 1.0001 is not a double: the stored system differs from the README's by a relative 1e-16, which kappa ~ 4e4
    # magnifies to about 1e-11 in x; every tolerance below is 1e-9 or looser.
    A = np.array([[1.0, 1.0], [1.0, 1.0001]])
    b = np.array([2.0, 2.0001])
    delta_b = np.array([0.0, 1e-4])
    A_inv = inv(A)
    np.testing.assert_allclose(A_inv, [[10001.0, -10000.0], [-10000.0, 10000.0]], rtol=1e-9)
    x = solve(A, b)
    x_moved = solve(A, b + delta_b)
    np.testing.assert_allclose(x, [1.0, 1.0], rtol=1e-9)
    np.testing.assert_allclose(x_moved, [0.0, 2.0], atol=1e-9)
    np.testing.assert_allclose(x_moved - x, [-1.0, 1.0], rtol=1e-9)
    np.testing.assert_allclose(x_moved.sum(), 2.0, rtol=1e-12)  # the sum x_1 + x_2 = b_1 is well determined
    rel_b = np.max(np.abs(delta_b)) / np.max(np.abs(b))
    rel_x = np.max(np.abs(x_moved - x)) / np.max(np.abs(x))
    assert round(rel_b, 6) == 5.0e-5
    assert round(rel_x / rel_b) == 20001
    kappa_inf = matrix_norm(A, np.inf) * matrix_norm(A_inv, np.inf)
    np.testing.assert_allclose(kappa_inf, 2.0001 * 20001, rtol=1e-9)
    assert round(kappa_inf) == 40004
    np.testing.assert_allclose(kappa_inf * rel_b, 2.0001, rtol=1e-9)
    assert rel_x <= kappa_inf * rel_b
    np.testing.assert_allclose(kappa_inf, np.linalg.cond(A, np.inf), rtol=1e-9)


def test_readme_figure_most_stretched_vectors():
    # README figure: the unit vectors stretched most are e_1 (1-norm, to 7), (1, 1)/sqrt(2) (2-norm, to 6.71) and
    # (1, 1) (inf-norm, to 9); no sampled point of a unit ball is stretched more than matrix_norm says
    t = np.linspace(0, 2 * np.pi, 721)
    D = np.column_stack([np.cos(t), np.sin(t)])  # (721, 2)
    for p, x_star in ((1, [1.0, 0.0]), (2, [1.0 / math.sqrt(2)] * 2), (np.inf, [1.0, 1.0])):
        ball = D / np.linalg.norm(D, p, axis=1, keepdims=True)
        stretch = np.linalg.norm(ball @ A_NORM.T, p, axis=1)
        np.testing.assert_allclose(ball[np.argmax(stretch)], x_star, atol=1e-12)
        np.testing.assert_allclose(stretch.max(), matrix_norm(A_NORM, p), rtol=8 * EPS)
    assert [round(matrix_norm(A_NORM, p), 2) for p in (1, 2, np.inf)] == [7.0, 6.71, 9.0]


def test_readme_huge_column_and_numpy_default_norm_pitfall():
    # README code and pitfalls: matrix_norm([[1e308], [1e308]], "fro") = 1.414...e308; numpy's default matrix norm
    # is Frobenius, ours is 2; ||I_100||_F = 10 while ||I_100||_2 = 1
    assert f"{matrix_norm([[1e308], [1e308]], 'fro'):.4g}" == "1.414e+308"
    A = _random((4, 3), 51)
    np.testing.assert_allclose(np.linalg.norm(A), matrix_norm(A, "fro"), rtol=16 * EPS)
    assert matrix_norm(A) == matrix_norm(A, 2) < matrix_norm(A, "fro")
    assert matrix_norm(np.eye(100), "fro") == 10.0
    np.testing.assert_allclose(matrix_norm(np.eye(100), 2), 1.0, rtol=100 * EPS)


def test_readme_determinant_versus_condition_number():
    # README "The condition number": det(0.1 I_400) = 1e-400 underflows, kappa(0.1 I_400) = 1; kappa(cA) = kappa(A)
    D = 0.1 * np.eye(400)
    assert det(D) == 0.0
    np.testing.assert_allclose(matrix_norm(D, 1) * matrix_norm(10.0 * np.eye(400), 1), 1.0, rtol=4 * EPS)
    A = SQUARE["random8"]
    kappa = matrix_norm(A, 1) * matrix_norm(inv(A), 1)
    kappa_scaled = matrix_norm(1e-3 * A, 1) * matrix_norm(inv(1e-3 * A), 1)
    np.testing.assert_allclose(kappa_scaled, kappa, rtol=1e-10)  # each side carries kappa u ~ 1e-14 from inv


def test_readme_exercise_hilbert_condition_numbers():
    # Exercise 7: kappa_1, kappa_2, kappa_inf of H_n, n = 2..8, agree within a factor n; kappa_1 = kappa_inf
    # (symmetric); kappa(H_8) = 1.5e10, kappa_1(H_8) = 3.4e10; growth about 30 per order. inv(H_8) carries a
    # relative error of about kappa u ~ 2e-6, far below the two printed digits.
    previous = None
    for n in range(2, 9):
        i = np.arange(1, n + 1)
        H = 1.0 / (i[:, None] + i[None, :] - 1)
        H_inv = inv(H)
        kappa = {p: matrix_norm(H, p) * matrix_norm(H_inv, p) for p in (1, 2, np.inf)}
        assert max(kappa.values()) <= n * min(kappa.values())
        # the computed inverse is symmetric only up to its error, relative kappa u <= 4e-6 for n <= 8
        np.testing.assert_allclose(kappa[1], kappa[np.inf], rtol=1e-4)
        np.testing.assert_allclose(kappa[2], np.linalg.cond(sla.hilbert(n)), rtol=1e-4)
        if previous is not None:
            assert 10 <= kappa[2] / previous <= 50
        previous = kappa[2]
    assert float(f"{kappa[2]:.2g}") == 1.5e10 and float(f"{kappa[1]:.2g}") == 3.4e10
    assert round(math.log10(kappa[2])) == 10
    np.testing.assert_allclose(kappa[1], _exact_hilbert_kappa_1(8), rtol=1e-4)


def test_readme_exercise_spectral_bound_equality_for_diagonal():
    # Exercise 6: ||A||_2^2 <= ||A||_1 ||A||_inf, with equality for a diagonal matrix
    D = np.diag([3.0, -7.0, 2.0])
    np.testing.assert_allclose(matrix_norm(D, 2) ** 2, matrix_norm(D, 1) * matrix_norm(D, np.inf), rtol=8 * EPS)
