"""Tests for linear_algebra.python_implementations.eigen: qr.

Power iteration and eigh are tested in test_eigen_power.py and test_eigen_eigh.py.

References: numpy.linalg.qr (LAPACK geqrf/orgqr) and scipy.linalg.qr. Error bounds are the backward-stability
bounds of Householder QR (Higham, Accuracy and Stability of Numerical Algorithms, Thm 19.4):
||QR - A||_F <= c m n eps ||A||_F and ||Q^T Q - I||_F <= c m n eps, with a modest c (we use c = 10).
"""

import numpy as np
import pytest
import scipy.linalg
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from linear_algebra.python_implementations.eigen import qr

EPS = np.finfo(float).eps
C = 10.0  # the constant c in the backward-error bounds


# Entries for property tests: zeros (rank deficiency) and magnitudes in [1e-3, 1e3]. The rounding-error bounds
# assume no underflow; extreme scales are covered separately by the "huge" and "tiny" cases.
ENTRIES = st.one_of(st.just(0.0), st.floats(1e-3, 1e3), st.floats(-1e3, -1e-3))


def _fro(M):
    """Frobenius norm without overflow (np.linalg.norm squares the entries: inf for entries near 1e300)."""
    s = np.max(np.abs(M))
    return 0.0 if s == 0 else s * np.linalg.norm(M / s)


def _hilbert(n):
    i = np.arange(n)
    return 1.0 / (i[:, None] + i[None, :] + 1.0)


def _cases():
    rng = np.random.default_rng(1234)
    dup = rng.standard_normal((6, 3))
    dup = np.column_stack([dup, dup[:, 0] + dup[:, 1]])  # rank 3 of 4 columns
    zero_col = rng.standard_normal((5, 3))
    zero_col[:, 1] = 0.0
    upper = np.triu(rng.standard_normal((4, 4)))
    upper[1:, 0] = 0.0
    return {
        "1x1": np.array([[-2.5]]),
        "single_column": rng.standard_normal((7, 1)),
        "square": rng.standard_normal((5, 5)),
        "tall": rng.standard_normal((9, 4)),
        "rank_deficient": dup,
        "zero_column": zero_col,
        "zero_matrix": np.zeros((4, 3)),
        "already_triangular": upper,
        "hilbert_ill_conditioned": _hilbert(8),
        "graded_rows": np.diag(10.0 ** np.arange(-8, 9, 2)) @ rng.standard_normal((9, 5)),
        "graded_columns": rng.standard_normal((6, 4)) * 10.0 ** np.array([-6, -2, 2, 6]),
        "huge": 1e300 * rng.standard_normal((4, 3)),
        "tiny": 1e-300 * rng.standard_normal((4, 3)),
        "first_entry_zero": np.array([[0.0, 1.0], [3.0, 2.0], [4.0, 5.0]]),
    }


CASES = _cases()


@pytest.mark.parametrize("name", list(CASES))
def test_qr_invariants(name):
    A = CASES[name]
    m, n = A.shape
    Q, R = qr(A)
    assert Q.shape == (m, n) and R.shape == (n, n)
    # R upper triangular with the documented sign convention r_kk >= 0
    assert np.all(np.tril(R, -1) == 0.0)
    assert np.all(np.diag(R) >= 0.0)
    norm_A = _fro(A)
    assert np.isfinite(norm_A)
    # backward stable: ||QR - A||_F <= c m n eps ||A||_F (holds even for rank-deficient and ill-conditioned A).
    # For the zero matrix both sides are 0: Q R must be exactly 0.
    assert _fro(Q @ R - A) <= C * m * n * EPS * norm_A
    # orthonormal columns: ||Q^T Q - I||_F <= c m n eps, independent of the conditioning of A
    assert np.linalg.norm(Q.T @ Q - np.eye(n)) <= C * m * n * EPS


@pytest.mark.parametrize("shape", [(1, 1), (3, 3), (6, 2), (10, 7), (30, 30)])
def test_qr_matches_numpy_and_scipy_up_to_signs(shape):
    rng = np.random.default_rng(1234)
    A = rng.standard_normal(shape)
    m, n = shape
    Q, R = qr(A)
    Q_np, R_np = np.linalg.qr(A, mode="reduced")
    # LAPACK keeps its own signs: bring it to r_kk >= 0, where the factorization of a full-rank A is unique
    d = np.sign(np.diag(R_np))
    Q_np, R_np = Q_np * d, R_np * d[:, None]
    # first-order perturbation theory of QR: the factors move by about kappa(A) * (backward error)
    tol = C * m * n * EPS * np.linalg.cond(A)
    np.testing.assert_allclose(R, R_np, rtol=0, atol=tol * np.linalg.norm(A))
    np.testing.assert_allclose(Q, Q_np, rtol=0, atol=tol)
    _, R_sp = scipy.linalg.qr(A, mode="economic")
    d = np.sign(np.diag(R_sp))
    np.testing.assert_allclose(R, R_sp * d[:, None], rtol=0, atol=tol * np.linalg.norm(A))


def test_qr_docstring_example_values():
    # the example printed in the docstring and in the README's Code section: R = [[5, 5], [0, 5]]
    A = np.array([[3.0, 0.6], [4.0, 5.8], [0.0, 4.0]])
    Q, R = qr(A)
    # each entry is a few roundings away from the exact value (entries of A and Q are O(1), n = 2)
    np.testing.assert_allclose(R, [[5.0, 5.0], [0.0, 5.0]], rtol=0, atol=10 * EPS * 5)
    np.testing.assert_allclose(Q, [[0.6, -0.48], [0.8, 0.36], [0.0, 0.8]], rtol=0, atol=10 * EPS)


def test_qr_zero_column_gives_zero_column_of_R():
    # a zero column of A gets no reflector; its column of R is exactly zero
    A = CASES["zero_column"]
    _, R = qr(A)
    assert np.all(R[:, 1] == 0.0)


def test_qr_does_not_modify_input():
    A = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    A_before = A.copy()
    qr(A)
    np.testing.assert_array_equal(A, A_before)


def test_qr_accepts_lists_and_integers():
    _, R = qr([[3, 0], [4, 5]])
    # exact: the first column is 5 * (0.6, 0.8); up to a few roundings
    np.testing.assert_allclose(R, [[5.0, 4.0], [0.0, 3.0]], rtol=0, atol=20 * EPS)


@given(
    arrays(
        np.float64,
        st.tuples(st.integers(1, 6), st.integers(1, 6)).map(lambda s: (max(s), min(s))),
        elements=ENTRIES,
    )
)
def test_qr_property_random_matrices(A):
    m, n = A.shape
    Q, R = qr(A)
    assert np.all(np.tril(R, -1) == 0.0) and np.all(np.diag(R) >= 0.0)
    assert np.linalg.norm(Q @ R - A) <= C * m * n * EPS * np.linalg.norm(A)
    assert np.linalg.norm(Q.T @ Q - np.eye(n)) <= C * m * n * EPS
    # |det A| = prod r_kk for square A (Q orthogonal): compared with LAPACK's LU-based determinant
    if m == n and n <= 3:
        det_ref = abs(np.linalg.det(A))
        scale = np.prod(np.linalg.norm(A, axis=0))  # Hadamard: |det A| <= prod ||a_j||
        assert abs(np.prod(np.diag(R)) - det_ref) <= 100 * n * EPS * scale


@pytest.mark.parametrize(
    "bad, match",
    [
        (np.ones((2, 3)), r"A must have at least as many rows as columns \(m >= n\), got shape \(2, 3\)"),
        (np.ones(3), r"A must be a 2-D matrix, got an array of shape \(3,\)"),
        (np.ones((2, 2, 2)), r"A must be a 2-D matrix"),
        (np.ones((0, 0)), r"A must not be empty"),
        (np.array([[1.0, np.nan], [0.0, 1.0]]), r"A must contain only finite numbers"),
        (np.array([[1.0, np.inf], [0.0, 1.0]]), r"A must contain only finite numbers"),
        ([["a", "b"], ["c", "d"]], r"A must be an array of real numbers"),
        (None, r"A must be"),
    ],
)
def test_qr_bad_input(bad, match):
    with pytest.raises(ValueError, match=match):
        qr(bad)


def test_readme_exercise_householder_reflector_for_3_4():
    # README exercise 4: v = (8, 4), H = [[-0.6, -0.8], [-0.8, 0.6]], H x = (-5, 0); qr flips to Q = (0.6, 0.8), R = 5
    x = np.array([3.0, 4.0])
    v = x + 5.0 * np.array([1.0, 0.0])
    H = np.eye(2) - 2.0 * np.outer(v, v) / (v @ v)
    np.testing.assert_allclose(H, [[-0.6, -0.8], [-0.8, 0.6]], rtol=0, atol=4 * EPS)
    np.testing.assert_allclose(H @ x, [-5.0, 0.0], rtol=0, atol=20 * EPS)
    Q, R = qr(x[:, None])
    np.testing.assert_allclose(R, [[5.0]], rtol=4 * EPS)
    np.testing.assert_allclose(Q[:, 0], [0.6, 0.8], rtol=0, atol=4 * EPS)


# ---------------------------------------------------------------------------------------------------------------
# The conventions shared by eigen and svd (one copy, in _conventions)
# ---------------------------------------------------------------------------------------------------------------


def test_eigen_and_svd_share_one_scaling_and_one_sign_rule():
    from linear_algebra.python_implementations import _conventions, eigen
    from linear_algebra.python_implementations import svd as svd_module

    for module in (eigen, svd_module):
        assert module.power_of_two_exponent is _conventions.power_of_two_exponent
        assert module.largest_entry_signs is _conventions.largest_entry_signs
    # the former private copies are gone
    assert not hasattr(eigen, "_power_of_two_scale")
    assert "frexp" not in __import__("inspect").getsource(svd_module.svd)


@pytest.mark.parametrize("amax", [1.0, 0.75, 3.0, 1e-300, 5e-324, 1e300, 1.7976931348623157e308])
def test_power_of_two_exponent(amax):
    from linear_algebra.python_implementations._conventions import power_of_two_exponent

    A = np.array([[amax, -amax / 3], [0.0, amax / 7]])
    e = power_of_two_exponent(A)
    scaled = np.ldexp(A, -e)
    assert 0.5 <= np.max(np.abs(scaled)) < 1.0  # frexp's range
    np.testing.assert_array_equal(np.ldexp(scaled, e), A)  # exact: only exponents changed (no underflow here)
    assert power_of_two_exponent(np.zeros((2, 2))) == 0


def test_largest_entry_signs():
    from linear_algebra.python_implementations._conventions import largest_entry_signs

    V = np.array(
        [
            [0.6, -0.8, 1.0, -1.0 / np.sqrt(2), 0.0],
            [-0.8, 0.6, 0.0, 1.0 / np.sqrt(2), 0.0],
        ]
    )
    # column 0: largest |entry| -0.8 -> flip; column 1: -0.8 -> flip; column 2: 1.0 -> keep;
    # column 3: an exact tie (within 1e-8) is decided by the first entry, -1/sqrt(2) -> flip; column 4: zero -> +1
    np.testing.assert_array_equal(largest_entry_signs(V), [-1.0, -1.0, 1.0, -1.0, 1.0])
    # a near-tie below the 1e-8 tolerance counts as a tie even if roundoff made the second entry larger
    W = np.array([[-0.5], [0.5 * (1 + 1e-12)]])
    np.testing.assert_array_equal(largest_entry_signs(W), [-1.0])
