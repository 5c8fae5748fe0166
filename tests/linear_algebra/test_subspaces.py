"""Tests for linear_algebra.python_implementations.subspaces.

References: numpy.linalg.matrix_rank, scipy.linalg.null_space and scipy.linalg.orth (LAPACK SVD), exact rational
elimination (fractions) for small integer matrices, and invariants: A N = 0, orthonormal columns, dimensions that add
up to n and m, column space and left null space (row space and null space) orthogonal complements.

Error analysis behind the tolerances. The package's SVD is backward stable: its factors are exact for some A + E
with ||E||_2 <= c p eps ||A||_2 (p = min(m, n)). Hence
- a basis N of the null space for the threshold tol satisfies ||A N||_2 <= s_{r+1} + ||E|| <= tol + c p eps s_1;
- a computed subspace differs from the exact one by an angle of at most ||E|| / gap (Wedin's sin theta theorem),
  gap = s_r - s_{r+1}; two backward stable programs (ours and LAPACK's) differ by at most twice that;
- Householder QR gives orthonormal columns to c k eps for k-vectors.
We take c = 10 everywhere (the SVD tests of this package use the same constant).
"""

import re
from fractions import Fraction

import numpy as np
import pytest
import scipy.linalg
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from linear_algebra.python_implementations.subspaces import (
    column_space,
    coordinates,
    left_null_space,
    null_space,
    rank,
    row_space,
)
from linear_algebra.python_implementations.svd import svd

EPS = np.finfo(float).eps
C = 10  # constant of the backward error bounds c p eps ||A|| (see the module docstring)


def norm2(M):
    """Spectral norm, 0 for a matrix with no entries (numpy < 2.3 raises on those)."""
    M = np.asarray(M)
    return 0.0 if M.size == 0 else float(np.linalg.norm(M, 2))
SUBSPACE_FUNCTIONS = [column_space, row_space, null_space, left_null_space]


def _orthogonal(rng, m, n):
    """An m x n matrix with orthonormal columns (m >= n), from numpy's QR of a Gaussian matrix."""
    Q, R = np.linalg.qr(rng.standard_normal((m, n)))
    return Q * np.sign(np.diag(R))


def _with_singular_values(rng, m, n, s):
    """A = Q1 diag(s) Q2^T with random orthonormal Q1 (m, p), Q2 (n, p): singular values s by construction."""
    p = len(s)
    return (_orthogonal(rng, m, p) * s) @ _orthogonal(rng, n, p).T  # (m, p) * (p,) @ (p, n) -> (m, n)


def _cases():
    """Matrices with their rank; every nonzero singular value is far above the default threshold."""
    rng = np.random.default_rng(2024)
    one_hot = np.array([[1.0, 1, 0], [1, 0, 1], [1, 1, 0], [1, 0, 1]])
    return {
        "1x1": (np.array([[-3.0]]), 1),
        "1x1 zero": (np.zeros((1, 1)), 0),
        "1x5": (rng.standard_normal((1, 5)), 1),
        "5x1": (rng.standard_normal((5, 1)), 1),
        "square 7": (rng.standard_normal((7, 7)), 7),
        "tall 30x20": (rng.standard_normal((30, 20)), 20),
        "wide 20x30": (rng.standard_normal((20, 30)), 20),
        "rank 2 of 9x6": (rng.standard_normal((9, 2)) @ rng.standard_normal((2, 6)), 2),
        "rank 3 of 8x12": (rng.standard_normal((8, 3)) @ rng.standard_normal((3, 12)), 3),
        "rank 1 outer": (np.outer([1.0, 2.0, 3.0], [1.0, -1.0, 0.0, 2.0, 5.0]), 1),
        "zero 4x3": (np.zeros((4, 3)), 0),
        "zero column": (np.column_stack([rng.standard_normal((5, 2)), np.zeros(5), rng.standard_normal(5)]), 3),
        "graded s, full rank": (_with_singular_values(rng, 9, 6, np.logspace(0, -10, 6)), 6),
        "graded s, roundoff tail": (_with_singular_values(rng, 8, 5, np.array([1, 1e-3, 1e-6, 1e-20, 1e-25])), 3),
        "repeated s": (_with_singular_values(rng, 7, 5, np.array([3.0, 3.0, 3.0, 0.0, 0.0])), 3),
        "huge entries, rank 2": (1e300 * (rng.standard_normal((6, 2)) @ rng.standard_normal((2, 4))), 2),
        "tiny entries, rank 2": (1e-300 * (rng.standard_normal((4, 2)) @ rng.standard_normal((2, 7))), 2),
        "integer 3x4": (np.arange(12.0).reshape(3, 4), 2),
        "intercept + both dummies": (one_hot, 2),
        "worked example 3x4": (np.array([[1.0, 2, 0, 1], [0, 0, 1, 1], [1, 2, 1, 2]]), 2),
    }


CASES = _cases()


def _projector(Q):
    return Q @ Q.T  # (k, d) @ (d, k): orthogonal projector onto the span of orthonormal columns


def _gap(A, r):
    """s_r - s_{r+1} from LAPACK (s_0 = inf, s_{p+1} = 0): the separation that makes a rank-r subspace well defined."""
    s = np.r_[np.inf, np.linalg.svd(A, compute_uv=False), 0.0]
    return s[r] - s[r + 1]


def _exact_rank(A):
    """Rank of an integer matrix by Gaussian elimination in exact rational arithmetic."""
    rows = [[Fraction(int(v)) for v in row] for row in A]
    r, n = 0, len(rows[0])
    for j in range(n):
        pivot = next((i for i in range(r, len(rows)) if rows[i][j] != 0), None)
        if pivot is None:
            continue
        rows[r], rows[pivot] = rows[pivot], rows[r]
        for i in range(r + 1, len(rows)):
            f = rows[i][j] / rows[r][j]
            rows[i] = [a - f * b for a, b in zip(rows[i], rows[r], strict=True)]
        r += 1
    return r


# ------------------------------------------------------------------------------------------------------------ rank
@pytest.mark.parametrize("name", list(CASES))
def test_rank_matches_numpy_matrix_rank_and_the_construction(name):
    A, r = CASES[name]
    assert rank(A) == np.linalg.matrix_rank(A) == r


@pytest.mark.parametrize(("tol", "expected"), [(1e-2, 1), (1e-4, 2), (1e-7, 3), (1e-10, 4), (0.0, 4)])
def test_rank_with_explicit_tolerance_matches_numpy(tol, expected):
    # singular values 1, 1e-3, 1e-6, 1e-9: each tol lies at least a factor 10 away from every one of them
    A = _with_singular_values(np.random.default_rng(7), 6, 4, np.array([1.0, 1e-3, 1e-6, 1e-9]))
    assert rank(A, tol=tol) == np.linalg.matrix_rank(A, tol=tol) == expected
    N = null_space(A, tol=tol)
    N_ref = scipy.linalg.null_space(A, rcond=tol / norm2(A))  # scipy's cut is relative to s_1
    assert N.shape == N_ref.shape == (4, 4 - expected)
    assert column_space(A, tol=tol).shape == (6, expected)
    assert left_null_space(A, tol=tol).shape == (6, 6 - expected)


def test_default_tolerance_is_numpys_s1_max_mn_eps():
    # s_2 just above and just below s_1 * max(m, n) * eps = 1 * 5 * eps: the rank changes exactly there
    rng = np.random.default_rng(3)
    above = _with_singular_values(rng, 5, 2, np.array([1.0, 5 * EPS * 1.5]))
    below = _with_singular_values(rng, 5, 2, np.array([1.0, 5 * EPS / 1.5]))
    # the factor 1.5 exceeds the relative error of the computed s_2, which is c p eps s_1 / s_2 ~ 0.3 here at worst
    assert rank(above) == np.linalg.matrix_rank(above) == 2
    assert rank(below) == np.linalg.matrix_rank(below) == 1


integer_matrices = st.integers(1, 5).flatmap(
    lambda m: st.integers(1, 5).flatmap(lambda n: arrays(np.float64, (m, n), elements=st.integers(-3, 3)))
)


@given(integer_matrices)
def test_rank_of_small_integer_matrices_equals_the_exact_rank(A):
    # The product of the nonzero s_j^2 is a sum of squared integer minors, >= 1, and s_1 <= 15: so s_r >= 15^-4,
    # far above the threshold 15 * 5 * eps. The numerical rank must therefore be the exact rank.
    r = _exact_rank(A)
    assert rank(A) == r
    assert rank(A.T) == r  # row rank = column rank
    m, n = A.shape
    assert null_space(A).shape == (n, n - r) and left_null_space(A).shape == (m, m - r)


@given(integer_matrices, integer_matrices)
def test_property_rank_of_a_product_is_at_most_each_rank(A, B):
    # README: rank(AB) <= min(rank A, rank B). Integer products with entries <= 45 are exact, and the integer-minor
    # argument above gives s_r >= 225^-4, far above the threshold: numerical rank = exact rank on both sides.
    B = B[: A.shape[1]] if B.shape[0] >= A.shape[1] else np.vstack([B, np.zeros((A.shape[1] - B.shape[0], B.shape[1]))])
    AB = A @ B  # (m, k) @ (k, p)
    assert rank(AB) == _exact_rank(AB) <= min(rank(A), rank(B))


def test_readme_pitfall_units_change_the_numerical_rank():
    # README: a genuine column of size 1e-17 next to one of size 1 falls below the relative threshold; after each
    # column is divided by its largest entry (standardised units) the rank is 2
    A = np.array([[1.0, 0.0], [0.0, 1e-17]])
    assert rank(A) == 1
    assert rank(A / np.abs(A).max(axis=0)) == 2


def test_readme_pitfall_rounded_data_need_a_noise_threshold():
    # parts and their total, each rounded to two decimals: the relation total - part1 - part2 = 0 holds only to
    # about 0.005 per sample, far above roundoff. The default threshold reports full rank 3; a threshold at the
    # rounding level (0.01 per entry, times sqrt(n) for the length of a column) reports rank 2.
    rng = np.random.default_rng(8)
    parts = rng.uniform(10.0, 100.0, size=(200, 2))
    X = np.round(np.column_stack([parts, parts.sum(axis=1)]), 2)  # (200, 3)
    assert rank(X) == np.linalg.matrix_rank(X) == 3
    assert rank(X, tol=0.01 * np.sqrt(200)) == 2


# ------------------------------------------------------------------------------------------- the four subspaces
@pytest.mark.parametrize("name", list(CASES))
def test_shapes_orthonormality_and_dimensions(name):
    A, r = CASES[name]
    m, n = A.shape
    C_, R_, N_, Y_ = (f(A) for f in SUBSPACE_FUNCTIONS)
    assert C_.shape == (m, r) and R_.shape == (n, r) and N_.shape == (n, n - r) and Y_.shape == (m, m - r)
    # rank-nullity, in both spaces
    assert R_.shape[1] + N_.shape[1] == n and C_.shape[1] + Y_.shape[1] == m
    # [row space, null space] and [column space, left null space] are square orthogonal matrices: each pair is an
    # orthonormal basis of its whole space, so the two subspaces are orthogonal complements. Householder QR and the
    # SVD give orthonormal columns to c k eps.
    for Q, k in ((np.hstack([R_, N_]), n), (np.hstack([C_, Y_]), m)):
        np.testing.assert_allclose(Q.T @ Q, np.eye(k), rtol=0, atol=C * k * EPS)


@pytest.mark.parametrize("name", list(CASES))
def test_null_spaces_are_annihilated(name):
    A, _ = CASES[name]
    m, n = A.shape
    s1 = norm2(A)
    tol = s1 * max(m, n) * EPS  # the default threshold: every discarded s_j is below it
    bound = tol + C * min(m, n) * EPS * s1  # ||A N|| <= s_{r+1} + ||E||
    assert norm2(A @ null_space(A)) <= bound  # (m, n) @ (n, n - r)
    assert norm2(left_null_space(A).T @ A) <= bound  # (m - r, m) @ (m, n)


@pytest.mark.parametrize("name", list(CASES))
def test_subspaces_match_scipy(name):
    A, r = CASES[name]
    m, n = A.shape
    s1 = norm2(A)
    # Wedin: both bases are within ||E|| / gap of the exact subspace, ||E|| <= c max(m, n) eps s_1 (scipy's LAPACK
    # and our SVD); the floor C max(m, n) eps is the orthonormality error of the bases themselves
    bound = 2 * C * max(m, n) * EPS * (s1 / _gap(A, r) + 1)
    pairs = [
        (column_space(A), scipy.linalg.orth(A)),
        (row_space(A), scipy.linalg.orth(A.T)),
        (null_space(A), scipy.linalg.null_space(A)),
        (left_null_space(A), scipy.linalg.null_space(A.T)),
    ]
    for Q, Q_ref in pairs:
        assert Q.shape == Q_ref.shape
        assert norm2(_projector(Q) - _projector(Q_ref)) <= bound


@pytest.mark.parametrize("name", list(CASES))
def test_row_space_of_a_is_column_space_of_its_transpose(name):
    A, r = CASES[name]
    bound = 2 * C * max(A.shape) * EPS * (norm2(A) / _gap(A, r) + 1)
    assert norm2(_projector(row_space(A)) - _projector(column_space(A.T))) <= bound
    assert norm2(_projector(null_space(A)) - _projector(left_null_space(A.T))) <= bound


def test_wide_matrix_null_space_is_complete_although_the_svd_is_thin():
    # the thin SVD of a 2 x 6 matrix returns only 2 right singular vectors; the null space has 6 - 2 = 4 dimensions
    A = np.random.default_rng(5).standard_normal((2, 6))
    N = null_space(A)
    assert N.shape == (6, 4)
    assert norm2(A @ N) <= C * 6 * EPS * norm2(A)
    # a tall matrix: 4 of the 6 left singular vectors are missing from the thin SVD
    assert left_null_space(A.T).shape == (6, 4)


def test_sign_convention_of_one_dimensional_null_spaces():
    # the largest entry (the first of equal ones) of each basis vector is positive, whatever the input's sign
    A = np.array([[1.0, 1.0, 1.0], [1.0, 2.0, 3.0]])  # null space spanned by (1, -2, 1)
    for B in (A, -A, A[::-1]):
        np.testing.assert_allclose(null_space(B)[:, 0] * np.sqrt(6), [-1.0, 2.0, -1.0], atol=C * 3 * EPS)
    np.testing.assert_allclose(left_null_space(A.T)[:, 0] * np.sqrt(6), [-1.0, 2.0, -1.0], atol=C * 3 * EPS)


@given(integer_matrices)
def test_property_null_space_invariants(A):
    m, n = A.shape
    N, Y = null_space(A), left_null_space(A)
    s1 = norm2(A)
    bound = s1 * max(m, n) * EPS + C * min(m, n) * EPS * s1
    assert np.linalg.norm(A @ N) <= bound + 1e-300 and np.linalg.norm(Y.T @ A) <= bound + 1e-300
    np.testing.assert_allclose(N.T @ N, np.eye(n - rank(A)), rtol=0, atol=C * n * EPS)


def test_inputs_are_not_modified():
    A = np.array([[1.0, 2.0], [2.0, 4.0], [0.0, 1.0]])
    B = A.copy()
    x = np.array([1.0, 2.0, 1.0])
    for f in SUBSPACE_FUNCTIONS:
        f(A)
    rank(A)
    coordinates(x, A)
    np.testing.assert_array_equal(A, B)
    np.testing.assert_array_equal(x, [1.0, 2.0, 1.0])


# ------------------------------------------------------------------------------------------------- coordinates
@pytest.mark.parametrize("n", [1, 2, 5, 12])
def test_coordinates_in_a_square_basis_match_numpy_solve(n):
    rng = np.random.default_rng(n)
    B = rng.standard_normal((n, n))
    x = rng.standard_normal(n)
    c = coordinates(x, B)
    c_ref = np.linalg.solve(B, x)
    # both backward stable: forward errors <= c n eps kappa(B) ||c||
    kappa = np.linalg.cond(B)
    np.testing.assert_allclose(c, c_ref, rtol=0, atol=C * n * EPS * kappa * np.linalg.norm(c_ref))


@pytest.mark.parametrize(
    "scale", [1.0, 1e300, 1e-300, np.logspace(0, -10, 4)], ids=["unit", "huge", "tiny", "graded columns"]
)
def test_coordinates_in_a_subspace_match_lstsq(scale):
    rng = np.random.default_rng(11)
    B = rng.standard_normal((9, 4)) * scale  # (9, 4), columns scaled
    c_true = rng.standard_normal(4) / scale
    x = B @ c_true  # exactly in the span, up to the roundoff of the product
    c = coordinates(x, B)
    c_ref = np.linalg.lstsq(B, x, rcond=None)[0]
    kappa = np.linalg.cond(B)
    # relative to max |c| (np.linalg.norm would underflow for entries near 1e-300): forward error <= c n eps kappa
    assert np.max(np.abs(c - c_ref)) <= C * 9 * EPS * kappa * np.max(np.abs(c_ref))


@given(
    st.integers(1, 6).flatmap(
        lambda n: st.tuples(
            arrays(np.float64, (n, n), elements=st.integers(-4, 4)),
            arrays(np.float64, n, elements=st.integers(-5, 5)),
        )
    )
)
def test_property_coordinates_recover_integer_combinations(data):
    B, c_true = data
    if _exact_rank(B) < B.shape[1]:
        with pytest.raises(ValueError, match="B is not a basis"):
            coordinates(B @ c_true, B)
        return
    c = coordinates(B @ c_true, B)  # B @ c_true is exact: small integers
    kappa = np.linalg.cond(B)
    np.testing.assert_allclose(c, c_true, rtol=0, atol=C * len(c) * EPS * kappa * max(1.0, np.linalg.norm(c_true)))


def test_coordinates_refuse_vectors_off_the_span():
    rng = np.random.default_rng(4)
    B = rng.standard_normal((6, 3))
    y = scipy.linalg.null_space(B.T)[:, 0]  # unit vector orthogonal to the span of B
    x = B @ np.array([1.0, -2.0, 0.5])
    scale = np.linalg.norm(B) * np.linalg.norm([1.0, -2.0, 0.5]) + np.linalg.norm(x)
    with pytest.raises(ValueError, match="x is not in the span of the columns of B"):
        coordinates(x + 1e-8 * scale * y, B)  # far above the threshold 10 * 6 * eps (relative)
    # a distance of 1 eps relative is roundoff: accepted, and the coordinates are those of x
    np.testing.assert_allclose(coordinates(x + EPS * scale * y, B), [1.0, -2.0, 0.5], rtol=0, atol=1e-13)


def test_coordinates_refuse_dependent_columns():
    with pytest.raises(ValueError, match="B is not a basis"):
        coordinates([1.0, 2.0, 3.0], [[1.0, 2.0], [2.0, 4.0], [3.0, 6.0]])  # column 2 = 2 column 1
    with pytest.raises(ValueError, match="B is not a basis"):  # dependent up to roundoff
        coordinates([1.0, 1.0], [[1.0, 1.0], [1.0, 1.0 + 2 * EPS]])
    with pytest.raises(ValueError, match="B must have at most as many columns as rows"):
        coordinates([1.0, 2.0], [[1.0, 0.0, 1.0], [0.0, 1.0, 1.0]])
    with pytest.raises(ValueError, match="B is not a basis"):
        coordinates([0.0, 0.0], np.zeros((2, 1)))


def test_coordinates_of_the_zero_vector_are_zero():
    np.testing.assert_array_equal(coordinates([0.0, 0.0, 0.0], [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]), [0.0, 0.0])


def test_coordinates_that_overflow_are_refused():
    with pytest.raises(ValueError, match="overflow"):
        coordinates([1e300, 1e300], [[1e-300, 0.0], [0.0, 1e-300]])


# ------------------------------------------------------------------------------------------------ bad input
BAD_MATRICES = [
    ([[1.0, np.nan]], "finite"),
    ([[np.inf, 1.0]], "finite"),
    ([1.0, 2.0], "2-D"),
    (np.ones((2, 2, 2)), "2-D"),
    (np.zeros((0, 3)), "empty"),
    ([["a", "b"]], "real numbers"),
]


@pytest.mark.parametrize("func", [rank, *SUBSPACE_FUNCTIONS], ids=lambda f: f.__name__)
@pytest.mark.parametrize(("A", "rule"), BAD_MATRICES)
def test_bad_matrix_raises_naming_a(func, A, rule):
    with pytest.raises(ValueError, match=rf"^A must .*{re.escape(rule)}"):
        func(A)


@pytest.mark.parametrize("func", [rank, *SUBSPACE_FUNCTIONS], ids=lambda f: f.__name__)
@pytest.mark.parametrize("tol", [-1.0, np.nan, np.inf, "1e-3"])
def test_bad_tol_raises_naming_tol(func, tol):
    with pytest.raises(ValueError, match=r"^tol must be a finite real number >= 0"):
        func([[1.0, 2.0], [3.0, 4.0]], tol=tol)


@pytest.mark.parametrize(
    ("x", "B", "match"),
    [
        ([1.0, np.nan], [[1.0, 0.0], [0.0, 1.0]], "^x must contain only finite"),
        ([1.0, 2.0], [[1.0, np.inf], [0.0, 1.0]], "^B must contain only finite"),
        ([[1.0, 2.0]], [[1.0, 0.0], [0.0, 1.0]], "^x must be a 1-D vector"),
        ([1.0, 2.0], [1.0, 2.0], "^B must be a 2-D matrix"),
        ([], [[1.0]], "^x must not be empty"),
        ([1.0, 2.0, 3.0], [[1.0, 0.0], [0.0, 1.0]], r"^x must have length n = 2"),
    ],
)
def test_bad_coordinates_input_raises_naming_the_argument(x, B, match):
    with pytest.raises(ValueError, match=match):
        coordinates(x, B)


@given(arrays(np.float64, (3, 4), elements=st.floats(-10, 10)), st.integers(0, 11), st.sampled_from([np.nan, np.inf]))
def test_property_nonfinite_entries_are_refused(A, index, bad):
    A = A.copy()
    A.flat[index] = bad
    for func in (rank, *SUBSPACE_FUNCTIONS):
        with pytest.raises(ValueError, match=r"^A must contain only finite"):
            func(A)
    with pytest.raises(ValueError, match=r"^B must contain only finite"):
        coordinates(np.ones(3), A)


# ------------------------------------------------------------------------------- README worked examples
WORKED = np.array([[1.0, 2.0, 0.0, 1.0], [0.0, 0.0, 1.0, 1.0], [1.0, 2.0, 1.0, 2.0]])


def _hand_projector(*vectors):
    """Projector onto the span of independent (not orthonormal) vectors: H (H^T H)^-1 H^T, by numpy."""
    H = np.column_stack(vectors)
    return H @ np.linalg.solve(H.T @ H, H.T)


def test_readme_worked_example_four_subspaces():
    # README: rank 2; null space spanned by (-2, 1, 0, 0) and (-1, 0, -1, 1); left null space by (1, 1, -1);
    # column space by (1, 0, 1) and (0, 1, 1); row space by (1, 2, 0, 1) and (0, 0, 1, 1)
    assert rank(WORKED) == 2
    atol = C * 4 * EPS * norm2(WORKED) / 1.4  # gap s_2 - s_3 = 1.44 (README: s = 3.99, 1.44, 0)
    pairs = [
        (null_space(WORKED), ([-2.0, 1, 0, 0], [-1.0, 0, -1, 1])),
        (left_null_space(WORKED), ([1.0, 1, -1],)),
        (column_space(WORKED), ([1.0, 0, 1], [0.0, 1, 1])),
        (row_space(WORKED), ([1.0, 2, 0, 1], [0.0, 0, 1, 1])),
    ]
    for Q, hand in pairs:
        np.testing.assert_allclose(_projector(Q), _hand_projector(*hand), rtol=0, atol=atol)
    # README: the left null vector, normalised with the sign convention, is (1, 1, -1) / sqrt(3)
    np.testing.assert_allclose(left_null_space(WORKED)[:, 0], np.array([1.0, 1, -1]) / np.sqrt(3), atol=atol)
    # README: singular values 3.9910, 1.4394 and 0, from the package's svd (the one rank and the bases use)
    s = svd(WORKED).s
    np.testing.assert_allclose(s[:2], [3.9910, 1.4394], atol=5e-5)
    assert s[2] <= 4 * C * EPS * s[0]  # roundoff level: the stored matrix is exactly singular


def test_readme_worked_example_coordinates():
    # README: (3, 1) = 2 (1, 1) + 1 (1, -1); in the plane spanned by (1, 0, 1), (0, 1, 1): (2, 3, 5) -> (2, 3);
    # (1, 1, 1) is not in the plane: its distance is |(1, 1, 1) . (1, 1, -1)| / sqrt(3) = 1 / sqrt(3)
    np.testing.assert_allclose(coordinates([3.0, 1.0], [[1.0, 1.0], [1.0, -1.0]]), [2.0, 1.0], atol=4 * EPS)
    P = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    np.testing.assert_allclose(coordinates([2.0, 3.0, 5.0], P), [2.0, 3.0], atol=C * 3 * EPS * 5)
    with pytest.raises(ValueError, match="not in the span"):
        coordinates([1.0, 1.0, 1.0], P)
    residual = np.array([1.0, 1.0, 1.0]) - P @ np.linalg.lstsq(P, np.ones(3), rcond=None)[0]
    np.testing.assert_allclose(np.linalg.norm(residual), 1 / np.sqrt(3), rtol=1e-14)


def test_readme_worked_example_small_dummy_trap():
    # README: intercept, is_a, is_b for 4 samples; rank 2; null space spanned by (1, -1, -1) / sqrt(3)
    X = CASES["intercept + both dummies"][0]
    assert rank(X) == 2
    np.testing.assert_allclose(null_space(X)[:, 0], np.array([1.0, -1, -1]) / np.sqrt(3), atol=C * 4 * EPS)
    assert rank(X[:, :2]) == 2  # dropping one dummy: full column rank


def test_readme_intuition_figure_matrix():
    # README figure: A = [[2, 1], [4, 2]]: row space along (2, 1), null space along (1, -2),
    # column space along (1, 2), left null space along (2, -1); x = (1, 2) = (1.6, 0.8) + (-0.6, 1.2), A x = (4, 8)
    A = np.array([[2.0, 1.0], [4.0, 2.0]])
    tol = C * 2 * EPS
    np.testing.assert_allclose(row_space(A)[:, 0], np.array([2.0, 1.0]) / np.sqrt(5), atol=tol)
    np.testing.assert_allclose(null_space(A)[:, 0], np.array([-1.0, 2.0]) / np.sqrt(5), atol=tol)
    np.testing.assert_allclose(column_space(A)[:, 0], np.array([1.0, 2.0]) / np.sqrt(5), atol=tol)
    np.testing.assert_allclose(left_null_space(A)[:, 0], np.array([2.0, -1.0]) / np.sqrt(5), atol=tol)
    x = np.array([1.0, 2.0])
    R_ = row_space(A)
    x_row = R_ @ (R_.T @ x)
    np.testing.assert_allclose(x_row, [1.6, 0.8], atol=tol)
    np.testing.assert_allclose(x - x_row, [-0.6, 1.2], atol=tol)
    np.testing.assert_allclose(A @ x, [4.0, 8.0])
    np.testing.assert_allclose(A @ x_row, [4.0, 8.0], atol=C * EPS * 10)


@pytest.mark.parametrize(("k", "expected"), [(1, 1), (2, 1), (4, 1), (16, 2), (32, 2)])
def test_readme_numerical_versus_exact_rank(k, expected):
    # README: [[1, 1], [1, 1 + delta]] with delta = k eps has exact rank 2 for every k >= 1, s_2 ~ delta / 2, and
    # numerical rank 1 while s_2 is below the threshold 2 * 2 * eps * s_1 ~ 8 eps, i.e. for delta below ~ 8 eps.
    # Only k far from 8 are asserted: near the switch the last bits of s_2 decide.
    A = np.array([[1.0, 1.0], [1.0, 1.0 + k * EPS]])
    assert np.linalg.det(A) != 0.0  # exactly nonsingular as stored
    assert rank(A) == np.linalg.matrix_rank(A) == expected
    assert rank(A, tol=0.0) >= expected


def test_readme_singular_3x3_has_rank_2():
    # README: [[1, 2, 3], [4, 5, 6], [7, 8, 9]] is exactly singular (row 1 - 2 row 2 + row 3 = 0): rank 2, and the
    # left null space is spanned by (-1, 2, -1) / sqrt(6) (sign convention: the largest entry positive)
    A = np.arange(1.0, 10.0).reshape(3, 3)
    assert rank(A) == 2
    s = np.linalg.svd(A, compute_uv=False)
    atol = 2 * C * 3 * EPS * s[0] / s[1]  # Wedin, gap s_2 - s_3 = s_2
    np.testing.assert_allclose(left_null_space(A)[:, 0], np.array([-1.0, 2.0, -1.0]) / np.sqrt(6), atol=atol)


# ------------------------------------------------------------------------- the diabetes data (README, notebook)
def _diabetes_designs():
    from sklearn.datasets import load_diabetes

    data = load_diabetes(scaled=False)
    X, y = data.data, data.target  # (442, 10): age, sex, bmi, bp, s1, ..., s6
    sex = X[:, 1]
    dummies = np.column_stack([sex == 1, sex == 2]).astype(float)  # (442, 2) one-hot
    ones = np.ones(len(X))
    trap = np.column_stack([ones, X[:, 0], dummies, X[:, 2:]])  # (442, 12): intercept, age, two dummies, 8 more
    dropped = np.column_stack([ones, X[:, 0], dummies[:, 1], X[:, 2:]])  # (442, 11): one dummy dropped
    return sex, trap, dropped, y


def test_readme_diabetes_dummy_variable_trap():
    sex, trap, dropped, _ = _diabetes_designs()
    # README: sex takes the values 1 and 2, in 235 and 207 patients
    values, counts = np.unique(sex, return_counts=True)
    assert values.tolist() == [1.0, 2.0] and counts.tolist() == [235, 207]
    # README: 12 columns, rank 11; the null space is spanned by (1, 0, -1, -1, 0, ..., 0) / sqrt(3)
    assert trap.shape == (442, 12)
    assert rank(trap) == np.linalg.matrix_rank(trap) == 11
    N = null_space(trap)
    assert N.shape == (12, 1)
    expected = np.zeros(12)
    expected[[0, 2, 3]] = np.array([1.0, -1.0, -1.0]) / np.sqrt(3)
    s = np.linalg.svd(trap, compute_uv=False)
    # Wedin: the computed null vector is within c p eps s_1 / s_11 of the exact one
    np.testing.assert_allclose(N[:, 0], expected, rtol=0, atol=2 * C * 12 * EPS * s[0] / s[10])
    # README: the smallest singular value is below the default threshold max(442, 12) eps s_1 ~ 1e-13 s_1 (the stored
    # matrix is exactly singular: its s_12 is roundoff, at most c p eps s_1 = 10 * 12 eps s_1 < 442 eps s_1), and
    # s_11 / s_1 is about 1.7e-4
    assert s[11] <= 442 * EPS * s[0]
    np.testing.assert_allclose(442 * EPS, 1e-13, rtol=0.02)
    np.testing.assert_allclose(s[10] / s[0], 1.7e-4, rtol=0.05)
    # README: 442 - 11 = 431 left null space dimensions
    assert left_null_space(trap).shape == (442, 431)
    # README: dropping one dummy leaves 11 columns of rank 11, s_11 / s_1 about 1.4e-4
    assert rank(dropped) == np.linalg.matrix_rank(dropped) == 11
    s_d = np.linalg.svd(dropped, compute_uv=False)
    np.testing.assert_allclose(s_d[-1] / s_d[0], 1.4e-4, rtol=0.05)


def test_readme_diabetes_estimable_difference():
    # README: weights along the null vector do not change predictions; the difference of the two dummy weights is
    # the same in every least-squares solution (22.86), and equals minus the weight of the sex = 2 dummy in the
    # design with one dummy dropped
    from sklearn.linear_model import LinearRegression

    _, trap, dropped, y = _diabetes_designs()
    w = np.linalg.lstsq(trap, y, rcond=None)[0]
    n = null_space(trap)[:, 0]
    assert np.linalg.norm(trap @ (w + 5.0 * n) - trap @ w) <= 1e-10 * np.linalg.norm(trap @ w)
    w_sk = LinearRegression().fit(trap[:, 1:], y).coef_  # intercept handled by sklearn
    w_drop = np.linalg.lstsq(dropped, y, rcond=None)[0]
    np.testing.assert_allclose(w[2] - w[3], 22.86, atol=0.005)
    np.testing.assert_allclose(w_sk[1] - w_sk[2], 22.86, atol=0.005)
    np.testing.assert_allclose(-w_drop[2], 22.86, atol=0.005)
    np.testing.assert_allclose(w_sk[1], -w_sk[2], atol=1e-6 * abs(w_sk[1]))  # README: sklearn splits it +-11.43
    np.testing.assert_allclose(w_sk[1], 11.43, atol=0.005)


# ------------------------------------------------------------------------------------- README exercises
def test_readme_exercise_1_plane_x1_plus_x2_plus_x3_is_zero():
    # the plane is null([1, 1, 1]): dimension 3 - 1 = 2, spanned by (-1, 1, 0) and (-1, 0, 1)
    N = null_space([[1.0, 1.0, 1.0]])
    assert N.shape == (3, 2)
    np.testing.assert_allclose(_projector(N), _hand_projector([-1.0, 1, 0], [-1.0, 0, 1]), atol=C * 3 * EPS)


def test_readme_exercise_2_rank_of_gram_matrix_equals_rank():
    _, trap, dropped, _ = _diabetes_designs()
    for X in (trap, dropped, CASES["intercept + both dummies"][0]):
        Z = X / np.abs(X).max(axis=0)  # scaled columns: X^T X squares the condition number, keep it moderate
        assert rank(Z.T @ Z) == rank(Z)


def test_readme_exercise_3_two_categorical_features():
    # k1 = 3 and k2 = 2 values, every combination present: 1 + 3 + 2 = 6 columns, rank k1 + k2 - 1 = 4
    a = np.repeat(np.arange(3), 2)  # 0 0 1 1 2 2
    b = np.tile(np.arange(2), 3)  # 0 1 0 1 0 1
    X = np.column_stack([np.ones(6), np.eye(3)[a], np.eye(2)[b]])  # (6, 6)
    assert rank(X) == 4
    N = null_space(X)
    n1 = np.array([1.0, -1, -1, -1, 0, 0])
    n2 = np.array([1.0, 0, 0, 0, -1, -1])
    np.testing.assert_allclose(_projector(N), _hand_projector(n1, n2), atol=C * 6 * EPS * 10)


def test_readme_exercise_4_collinear_groups():
    def collinear_groups(X, names, tol=None):  # the solution of the README, verbatim
        N = null_space(X, tol)
        return [[names[j] for j in np.flatnonzero(np.abs(n) > 1e-6 * np.abs(n).max())] for n in N.T]

    from sklearn.datasets import load_diabetes

    data = load_diabetes(scaled=False)
    X = data.data
    _, D, _, _ = _diabetes_designs()
    names = ["intercept", "age", "sex=1", "sex=2", *data.feature_names[2:]]
    assert rank(D) == 11 and collinear_groups(D, names) == [["intercept", "sex=1", "sex=2"]]
    D2 = np.column_stack([D, X[:, 2] + X[:, 3]])
    names2 = [*names, "bmi_plus_bp"]
    groups = collinear_groups(D2, names2)
    assert rank(D2) == 11 and len(groups) == 2
    involved = {"intercept", "sex=1", "sex=2", "bmi", "bp", "bmi_plus_bp"}
    assert set().union(*groups) == involved and all(set(g) <= involved for g in groups)
    D3 = np.delete(D2, 2, axis=1)  # the trap removed: one relation left
    assert rank(D3) == 11
    assert collinear_groups(D3, [n for n in names2 if n != "sex=1"]) == [["bmi", "bp", "bmi_plus_bp"]]


def test_readme_exercise_5_polynomial_change_of_basis():
    # 1 + 2t + 3t^2 = 6 + 8 (t - 1) + 3 (t - 1)^2
    B = [[1.0, -1.0, 1.0], [0.0, 1.0, -2.0], [0.0, 0.0, 1.0]]
    np.testing.assert_allclose(coordinates([1.0, 2.0, 3.0], B), [6.0, 8.0, 3.0], atol=C * 3 * EPS * 10)
