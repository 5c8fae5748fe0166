"""Tests for linear_algebra.python_implementations.least_squares.

References: numpy.linalg.lstsq and scipy.linalg.lstsq (LAPACK), numpy.linalg.pinv, the NIST StRD certified values
of the Longley problem, and invariants (residual orthogonal to the columns, linearity in y, column scaling).

Error bounds used for the tolerances (u = unit roundoff, kappa = kappa(X), r = the least-squares residual):
QR and SVD are backward stable, so ||w_hat - w|| / ||w|| <= c u (kappa + kappa^2 ||r|| / (||X|| ||w||));
the normal equations only give c u kappa^2 (Higham, Accuracy and Stability, ch. 20).
"""

from __future__ import annotations

import contextlib
import io
import math
import re
import warnings
from pathlib import Path

import numpy as np
import pytest
import scipy.linalg
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from linear_algebra.python_implementations.eigen import qr
from linear_algebra.python_implementations.least_squares import (
    LONGLEY_CERTIFIED,
    condition_number,
    load_longley,
    log_relative_error,
    lstsq,
    monomial_design,
)
from linear_algebra.python_implementations.matrices import IllConditionedWarning

EPS = np.finfo(float).eps
U_ROUNDOFF = EPS / 2  # u in the README
README = Path(__file__).resolve().parents[2] / "linear_algebra" / "least_squares" / "README.md"
METHODS = ["qr", "svd", "normal"]
STABLE = ["qr", "svd"]
# Constant of the columnwise backward error of Householder QR, ||dx_j|| <= C n d u ||x_j|| (README, Derivation,
# section 5). Higham (Thm 19.4, 20.3) leaves his "small integer constant" unspecified; counting the roundings of the
# module's code per reflection of a column of length m <= n: the dot product v^T a and the factor 2 v give 2 m u,
# the normalisation of v (||v||^2 = 1 + (m + 4) u) another 2 (m + 4) u, the update a few u, and the entries set
# to zero (direction error of v) about 2 n u once per column, back substitution d u: (4 n + 14) d + 2 n + d per
# column of X, below 10 n d for n >= 16. The explicit Q has the same error per column and Q^T y adds n u per column
# of Q, so ||dy|| <= sqrt(d) ((4 n + 14) d + n) u ||y|| <= sqrt(d) C n d u ||y|| = eps ||y||.
C_QR = 10


def _reference(name: str, X: np.ndarray, y: np.ndarray) -> np.ndarray:
    if name == "numpy":
        return np.linalg.lstsq(X, y, rcond=None)[0]
    return scipy.linalg.lstsq(X, y)[0]


def _conditioned_problem(n: int, d: int, kappa: float, rng: np.random.Generator):
    """X = U diag(s) V^T with singular values from 1 down to 1/kappa, and y = X w exactly (zero residual)."""
    U, _ = np.linalg.qr(rng.standard_normal((n, d)))  # (n, d) orthonormal columns
    V, _ = np.linalg.qr(rng.standard_normal((d, d)))  # (d, d) orthogonal
    s = np.logspace(0, -np.log10(kappa), d)  # (d,)
    X = (U * s) @ V.T  # (n, d)
    w = rng.standard_normal(d)
    return X, w, X @ w


def _bound(X: np.ndarray, w: np.ndarray, y: np.ndarray, method: str) -> float:
    """Relative forward-error bound c u (kappa + kappa^2 tan(theta)) (stable) or c u kappa^2 (1 + tan(theta))."""
    n, d = X.shape
    s = np.linalg.svd(X, compute_uv=False)
    kappa = s[0] / s[-1]
    r = y - X @ w
    tan_theta = np.linalg.norm(r) / max(np.linalg.norm(X @ w), 1e-300)
    c = 10 * max(n, d) * EPS
    if method == "normal":
        return c * kappa**2 * (1 + tan_theta)
    return c * (kappa + kappa**2 * tan_theta)


# --------------------------------------------------------------------------- against LAPACK references
@pytest.mark.parametrize("shape", [(1, 1), (5, 1), (3, 2), (8, 8), (10, 3), (50, 7)])
@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("reference", ["numpy", "scipy"])
def test_matches_lapack_on_random_tall_problems(shape, method, reference):
    rng = np.random.default_rng(1234)
    X = rng.standard_normal(shape)
    y = rng.standard_normal(shape[0])  # generic y: a non-zero residual when n > d
    w_ref = _reference(reference, X, y)
    w = lstsq(X, y, method=method)
    # both solutions are within the forward-error bound of the exact one, so of each other within twice of it
    tol = 2 * _bound(X, w_ref, y, method)
    assert np.linalg.norm(w - w_ref) <= tol * np.linalg.norm(w_ref)


@pytest.mark.parametrize("method", STABLE)
@pytest.mark.parametrize("reference", ["numpy", "scipy"])
def test_stable_methods_keep_kappa_u_accuracy_when_ill_conditioned(method, reference):
    rng = np.random.default_rng(1234)
    X, w_true, y = _conditioned_problem(30, 6, 1e8, rng)  # kappa = 1e8, zero residual
    w = lstsq(X, y, method=method)
    # zero residual: error <= c u kappa, here 10 * 30 * 2.2e-16 * 1e8 = 6.7e-6 (measured about 1e-9)
    tol = 10 * 30 * EPS * 1e8
    assert np.linalg.norm(w - w_true) <= tol * np.linalg.norm(w_true)
    w_ref = _reference(reference, X, y)
    assert np.linalg.norm(w - w_ref) <= 2 * tol * np.linalg.norm(w_true)


def test_normal_equations_lose_the_square_of_the_condition_number():
    rng = np.random.default_rng(1234)
    X, w_true, y = _conditioned_problem(30, 6, 1e8, rng)
    err_qr = np.linalg.norm(lstsq(X, y, method="qr") - w_true) / np.linalg.norm(w_true)
    err_normal = np.linalg.norm(lstsq(X, y, method="normal") - w_true) / np.linalg.norm(w_true)
    # u kappa^2 = 1.1: the normal equations may keep no digit at all. Measured: about 1e-2 against 1e-9 for QR.
    assert err_normal > 1e-4
    assert err_normal > 1e3 * err_qr


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("shape", [(4, 1), (12, 3), (40, 6)])
def test_residual_is_orthogonal_to_the_columns(method, shape):
    rng = np.random.default_rng(7)
    col_scales = np.array([1.0, 1e3, 1e-2, 1.0, 5.0, 0.1])[: shape[1]]  # uneven column scales
    X = rng.standard_normal(shape) * col_scales  # (n, d) * (d,) -> (n, d)
    y = rng.standard_normal(shape[0]) * 10
    w = lstsq(X, y, method=method)
    r = y - X @ w
    # X^T r = 0 exactly for the exact w; a backward-stable w (and forming r in floating point) leaves
    # ||X^T r|| <= c n u ||X|| (||X|| ||w|| + ||y||). Cholesky on X^T X is backward stable for X^T X w = X^T y, which
    # gives the same bound.
    normX = np.linalg.norm(X, 2)
    bound = 10 * shape[0] * EPS * normX * (normX * np.linalg.norm(w) + np.linalg.norm(y))
    assert np.linalg.norm(X.T @ r) <= bound
    assert np.linalg.norm(r) > 0  # not a trivial case: y is not in the column space


@pytest.mark.parametrize("scale", [1e-200, 1e-150, 1e150, 1e200])
@pytest.mark.parametrize("method", STABLE)
def test_extreme_scales_qr_and_svd(method, scale):
    rng = np.random.default_rng(1234)
    X = rng.standard_normal((10, 3))
    y = rng.standard_normal(10)
    w = np.linalg.lstsq(X, y, rcond=None)[0]
    # X s has weights w / s; s is a power of ten, not of two, so scaling X rounds once more: c u kappa still holds
    np.testing.assert_allclose(lstsq(X * scale, y, method=method) * scale, w, rtol=1e-12)


def test_extreme_scales_normal_equations():
    rng = np.random.default_rng(1234)
    X = rng.standard_normal((10, 3))
    y = rng.standard_normal(10)
    w = np.linalg.lstsq(X, y, rcond=None)[0]
    # 1e150^2 = 1e300 still fits in double precision: fine; 1e200^2 overflows, 1e-200^2 underflows to 0
    np.testing.assert_allclose(lstsq(X * 1e150, y, method="normal") * 1e150, w, rtol=1e-12)
    with pytest.raises(FloatingPointError, match="overflows"):
        lstsq(X * 1e200, y, method="normal")
    with pytest.raises(np.linalg.LinAlgError, match="not positive definite"):
        lstsq(X * 1e-200, y, method="normal")


# --------------------------------------------------------------------------- README worked example
def test_readme_worked_example_line_fit():
    X = np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]])
    y = np.array([1.0, 2.0, 4.0])
    # README: X^T X = [[3, 3], [3, 5]], X^T y = [7, 10]
    np.testing.assert_array_equal(X.T @ X, [[3.0, 3.0], [3.0, 5.0]])
    np.testing.assert_array_equal(X.T @ y, [7.0, 10.0])
    for method in METHODS:
        w = lstsq(X, y, method=method)
        # README: w = (5/6, 3/2); a 2 x 2 problem with kappa(X) about 4: error a few u
        np.testing.assert_allclose(w, [5 / 6, 1.5], rtol=1e-14)
        r = y - X @ w
        # README: r = (1, -2, 1) / 6, ||r||^2 = 1/6, and X^T r = 0
        np.testing.assert_allclose(r, np.array([1.0, -2.0, 1.0]) / 6, atol=1e-14)
        np.testing.assert_allclose(r @ r, 1 / 6, rtol=1e-13)
    np.testing.assert_allclose(lstsq(X.tolist(), y.tolist()), [5 / 6, 1.5], rtol=1e-14)  # lists are accepted


def test_readme_worked_example_qr_factors():
    # README: R = [[sqrt 3, sqrt 3], [0, sqrt 2]] and Q^T y = (7 / sqrt 3, 3 / sqrt 2) = (4.0415, 2.1213), from the
    # package's Householder qr (the one lstsq uses), which makes the diagonal of R positive like the hand computation
    X = np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]])
    y = np.array([1.0, 2.0, 4.0])
    Q, R = qr(X)
    # backward stable: errors of a few n d u ||X||_F, here 10 * 3 * 2 * 2.2e-16 * sqrt(8) = 3.8e-14 (c = 10)
    tol = 10 * 3 * 2 * EPS * np.sqrt(8)
    np.testing.assert_allclose(R, [[np.sqrt(3), np.sqrt(3)], [0, np.sqrt(2)]], rtol=0, atol=tol)
    np.testing.assert_allclose(
        Q.T @ y, [7 / np.sqrt(3), 3 / np.sqrt(2)], rtol=0, atol=tol * np.linalg.norm(y)
    )
    np.testing.assert_array_equal(np.round(Q.T @ y, 4), [4.0415, 2.1213])  # the rounded values printed
    # back substitution as in the README: w_2 = (3 / sqrt 2) / sqrt 2 = 1.5, w_1 = 7/3 - 1.5
    np.testing.assert_allclose(np.linalg.solve(R, Q.T @ y), [7 / 3 - 1.5, 1.5], rtol=1e-14)


def test_readme_minimum_norm_example():
    # README exercise: X with two equal columns, y = (1, 2, 3): every w with w_1 + w_2 = 2 fits best,
    # the SVD returns the one of least norm, (1, 1).
    X = np.ones((3, 2))
    y = np.array([1.0, 2.0, 3.0])
    np.testing.assert_allclose(lstsq(X, y, method="svd"), [1.0, 1.0], rtol=1e-14)
    with pytest.raises(np.linalg.LinAlgError, match=r"rank deficient: rank 1 < d = 2 .*rcond = 6\.66e-16"):
        lstsq(X, y, method="qr")
    with pytest.raises(ValueError, match="rank 1 < d = 2"):  # LinAlgError is a ValueError
        lstsq(X, y, method="qr")


# --------------------------------------------------------------------------- rank deficiency and n < d
def test_svd_returns_minimum_norm_solution_for_rank_deficient_X():
    rng = np.random.default_rng(1234)
    A = rng.integers(-5, 6, size=(10, 2)).astype(float)
    X = np.column_stack([A, A[:, 0] + A[:, 1]])  # third column = sum of the first two, exactly: rank 2
    y = rng.standard_normal(10)
    w = lstsq(X, y, method="svd")
    w_ref = np.linalg.pinv(X) @ y  # the minimum-norm least-squares solution
    # rank 2 with kappa of the kept part about 10: a backward-stable error of a few hundred u
    np.testing.assert_allclose(w, w_ref, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(w, scipy.linalg.lstsq(X, y)[0], rtol=1e-10, atol=1e-12)
    # min-norm: w lies in the row space, orthogonal to the null vector (1, 1, -1)
    assert abs(w @ np.array([1.0, 1.0, -1.0])) <= 1e-12 * np.linalg.norm(w)
    with pytest.raises(np.linalg.LinAlgError, match="rank deficient"):
        lstsq(X, y, method="qr")


@pytest.mark.parametrize("method", ["qr", "normal"])
def test_zero_column_raises_for_qr_and_normal(method):
    X = np.array([[1.0, 0.0], [2.0, 0.0], [3.0, 0.0]])
    # qr: r_22 = 0; normal: the second Cholesky pivot of X^T X = [[14, 0], [0, 0]] is 0
    match = {"qr": "X is numerically rank deficient", "normal": "X\\^T X is not positive definite"}[method]
    with pytest.raises(np.linalg.LinAlgError, match=match):
        lstsq(X, np.array([1.0, 2.0, 2.0]), method=method)


def test_zero_column_svd_gives_zero_weight():
    X = np.array([[1.0, 0.0], [2.0, 0.0], [3.0, 0.0]])
    y = np.array([1.0, 2.0, 2.0])
    # exact answer: w_1 = (x . y) / (x . x) = 11 / 14, and the zero column gets weight 0 (minimum norm)
    np.testing.assert_allclose(lstsq(X, y, method="svd"), [11 / 14, 0.0], atol=1e-15)


def test_zero_matrix_svd_gives_zero():
    np.testing.assert_array_equal(lstsq(np.zeros((3, 2)), np.ones(3), method="svd"), [0.0, 0.0])


def test_wide_X_svd_matches_pinv():
    rng = np.random.default_rng(1234)
    X = rng.standard_normal((3, 6))  # n < d: infinitely many exact fits
    y = rng.standard_normal(3)
    w = lstsq(X, y, method="svd")
    np.testing.assert_allclose(X @ w, y, atol=1e-13)  # consistent: the residual vanishes
    np.testing.assert_allclose(w, np.linalg.pinv(X) @ y, rtol=1e-12)


@pytest.mark.parametrize("method", ["qr", "normal"])
def test_wide_X_rejected_by_qr_and_normal(method):
    with pytest.raises(ValueError, match=r"n >= d.*\(2, 3\).*svd"):
        lstsq(np.ones((2, 3)), np.ones(2), method=method)


def test_svd_rcond_truncates_small_singular_values():
    X = np.diag([1.0, 1e-6])
    y = np.array([1.0, 1.0])
    np.testing.assert_allclose(lstsq(X, y, method="svd"), [1.0, 1e6], rtol=1e-14)
    # with rcond = 1e-3 the second singular value counts as zero and its component is dropped; the column-scaled
    # matrix is I (rank 2), so the dropped direction is a matter of units and lstsq says so
    with pytest.warns(IllConditionedWarning, match=r"treated 1 singular value.*rank 1.*scaled.*rank 2"):
        np.testing.assert_allclose(lstsq(X, y, method="svd", rcond=1e-3), [1.0, 0.0], atol=1e-15)
    # "qr" decides the rank after scaling the columns: diag(1, 1e-6) D is the identity, nothing is deficient
    np.testing.assert_allclose(lstsq(X, y, method="qr", rcond=1e-3), [1.0, 1e6], rtol=1e-14)


def test_qr_column_scaling_by_powers_of_two_is_exact():
    # README "Deciding the rank": lstsq scales the columns by powers of two, exactly. Scaling X by other powers of
    # two therefore changes nothing but the exponents: the weights come out divided by them, bit for bit.
    rng = np.random.default_rng(1234)
    X = rng.standard_normal((12, 3))
    y = rng.standard_normal(12)
    k = np.array([-60, 3, 70])
    w = lstsq(X, y, method="qr")
    np.testing.assert_array_equal(lstsq(np.ldexp(X, k), y, method="qr"), np.ldexp(w, -k))


def test_qr_zero_matrix_reports_rank_zero():
    with pytest.raises(np.linalg.LinAlgError, match="rank 0 < d = 2"):
        lstsq(np.zeros((3, 2)), np.ones(3), method="qr")


def _kahan(n: int, theta: float) -> np.ndarray:
    """Kahan's matrix: row i (from 0) is s^i (0, ..., 0, 1, -c, ..., -c), c = cos(theta), s = sin(theta).

    Every column has length exactly 1 (c^2 + s^2 = 1), the diagonal s^i decays only geometrically, yet the matrix
    is far closer to singular than its diagonal suggests: QR with column pivoting makes no swap and leaves R = K.
    """
    c, s = math.cos(theta), math.sin(theta)
    upper = np.triu(np.ones((n, n)), 1)  # (n, n) ones above the diagonal
    return np.diag(s ** np.arange(n)) @ (np.eye(n) - c * upper)  # (n, n)


def test_qr_rank_decision_is_not_fooled_by_the_kahan_matrix():
    K = _kahan(100, 1.2)  # the classic choice theta = 1.2
    sv = np.linalg.svd(K, compute_uv=False)
    assert sv[-1] / sv[0] < 1e-16  # numerically singular: 9.5e-18 < rcond = 100 eps = 2.2e-14
    # the diagonal of R does not show it: 0.93^99 = 9.4e-4; pivoting does not help (LAPACK's dgeqp3 keeps the
    # order, so its R is K itself)
    _, R_p, perm = scipy.linalg.qr(K, pivoting=True)
    diag_p = np.abs(np.diag(R_p))
    assert diag_p.min() / diag_p.max() > 1e-4
    np.testing.assert_array_equal(perm, np.arange(100))
    # lstsq decides on the singular values of R instead, and refuses, naming the numerical rank
    with pytest.raises(np.linalg.LinAlgError, match=r"rank 99 < d = 100 .*rcond = 2\.22e-14"):
        lstsq(K, np.ones(100), method="qr")
    # the SVD route truncates the negligible singular value; no warning, since the columns all have length 1
    with warnings.catch_warnings():
        warnings.simplefilter("error", IllConditionedWarning)
        w = lstsq(K, np.ones(100), method="svd")
    np.testing.assert_allclose(w, scipy.linalg.lstsq(K, np.ones(100))[0], rtol=1e-8)


def test_qr_solves_badly_scaled_but_well_conditioned_columns():
    rng = np.random.default_rng(1234)
    X0 = rng.standard_normal((10, 2))
    X = X0 @ np.diag([1.0, 1e-15])  # kappa(X) about 1e15, but kappa_s below 2
    y = rng.standard_normal(10)
    assert condition_number(X, scale_columns=True) < 2.0
    w = lstsq(X, y, method="qr")
    # X diag(1, 1e-15) w = y is solved by w = (v_1, 1e15 v_2) with v the solution for X0. The scaling by 1e-15 is
    # not a power of two, so X carries one more rounding of each entry than X0: a relative perturbation of u,
    # and with kappa_s < 2 the error stays within c u kappa_s, c = 100 generous
    v = np.linalg.lstsq(X0, y, rcond=None)[0]
    np.testing.assert_allclose(w, v * [1.0, 1e15], rtol=100 * EPS * 2)
    # the SVD route truncates the small singular value relative to s_1 of the unscaled X, and warns
    with pytest.warns(IllConditionedWarning, match="units of the features"):
        w_svd = lstsq(X, y, method="svd")
    assert abs(w_svd[1]) < 1e-3 * abs(w[1])  # the second feature was dropped
    # no warning when the matrix is truly rank deficient: both columns equal, also after scaling
    with warnings.catch_warnings():
        warnings.simplefilter("error", IllConditionedWarning)
        lstsq(np.column_stack([X0[:, 0], X0[:, 0]]), y, method="svd")


# --------------------------------------------------------------------------- Longley (NIST StRD)
def test_load_longley_shapes_and_values():
    X, y = load_longley()
    assert X.shape == (16, 6) and y.shape == (16,)
    # first and last rows of the NIST file: TOTEMP, GNPDEFL, GNP, UNEMP, ARMED, POP, YEAR
    np.testing.assert_array_equal(np.r_[y[0], X[0]], [60323, 83.0, 234289, 2356, 1590, 107608, 1947])
    np.testing.assert_array_equal(np.r_[y[-1], X[-1]], [70551, 116.9, 554894, 4007, 2827, 130081, 1962])
    Xi, yi = load_longley(intercept=True)
    assert Xi.shape == (16, 7)
    np.testing.assert_array_equal(Xi[:, 0], np.ones(16))
    np.testing.assert_array_equal(Xi[:, 1:], X)
    np.testing.assert_array_equal(yi, y)
    with pytest.raises(TypeError, match="intercept must be a bool"):
        load_longley(intercept="yes")


def test_longley_certified_values_constant():
    # NIST StRD certified B0 and B6 (the largest and a typical one), and immutability of the shared constant
    assert LONGLEY_CERTIFIED.shape == (7,)
    assert LONGLEY_CERTIFIED[0] == -3482258.63459582 and LONGLEY_CERTIFIED[6] == 1829.15146461355
    with pytest.raises(ValueError, match="read-only"):
        LONGLEY_CERTIFIED[0] = 0.0


def _readme_table(heading: str) -> list[list[str]]:
    """Body rows of the first markdown table after ``heading`` in the README, as lists of stripped cells."""
    lines = README.read_text(encoding="utf-8").split(heading, 1)[1].splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("|"))
    rows = []
    for line in lines[first + 2 :]:  # skip the header and the |---| line
        if not line.startswith("|"):
            break
        rows.append([cell.strip().strip("*") for cell in line.strip("|").split("|")])
    return rows


def _floor1(x):
    """Round a lower bound down to one decimal, as the README prints it."""
    return np.floor(np.asarray(x) * 10) / 10


def _scaled_problem(X: np.ndarray, w: np.ndarray):
    """Column lengths nu, the unit-column matrix X / nu, its kappa_s and the scaled coefficients z = nu * w."""
    nu = np.linalg.norm(X, axis=0)  # (d,)
    s = np.linalg.svd(X / nu, compute_uv=False)
    return nu, s[0], s[0] / s[-1], nu * w


def _guaranteed_error(X: np.ndarray, y: np.ndarray, w: np.ndarray, method: str) -> float:
    """Bound eta on ||nu * (w_hat - w)|| / ||nu * w|| (README "What every machine guarantees"), nu = column lengths.

    QR and SVD: the computed w solves a problem whose column j is perturbed by at most C n d u ||x_j|| (Householder QR
    is columnwise backward stable, Higham Thm 19.4 and 20.3; C = C_QR counted above), so the unit-column matrix X_s
    moves by eps = sqrt(d) C n d u in the 2-norm, and ||X_s|| >= 1. Wedin's theorem (Higham Thm 20.1) then bounds
    the error of z = nu * w by eta = eps kappa_s (2 + (kappa_s + 1) tan theta_s) / (1 - eps kappa_s), with
    tan theta_s = ||r|| / (||X_s|| ||z||). Normal equations (first order): forming X_s^T X_s moves it by at most
    n u ||X_s||_F^2 = n d u, Cholesky and the two triangular solves by (3 d + 1) u || |L| |L^T| || <= (3 d + 1) d u
    (Higham Thm 10.4, ||L||_F^2 = tr = d), and X_s^T y by n sqrt(d) u ||y||; with ||G^-1|| = 1 / s_d^2 <= kappa_s^2
    this gives eta = kappa_s^2 ((n d + 3 d^2 + d) u + n sqrt(d) u ||y|| / ||z||), which is below 3 n d u kappa_s^2
    on Longley and on exercise 4 (test_normal_equations_constant_covers_the_rounding_count): eta = 3 n d u kappa_s^2.
    """
    n, d = X.shape
    _, s1, kappa_s, z = _scaled_problem(X, w)
    if method == "normal":
        return 3 * n * d * U_ROUNDOFF * kappa_s**2
    eps = math.sqrt(d) * C_QR * n * d * U_ROUNDOFF
    tan_theta = np.linalg.norm(y - X @ w) / (s1 * np.linalg.norm(z))
    return eps * kappa_s * (2 + (kappa_s + 1) * tan_theta) / (1 - eps * kappa_s)


def _guaranteed_digits(X: np.ndarray, y: np.ndarray, w: np.ndarray, method: str) -> np.ndarray:
    """Per-coefficient LRE bound: |dw_j| / |w_j| = |dz_j| / |z_j| <= eta ||z|| / |z_j|."""
    z = np.linalg.norm(X, axis=0) * w
    return -np.log10(_guaranteed_error(X, y, w, method) * np.linalg.norm(z) / np.abs(z))


def test_longley_condition_numbers_printed_in_readme():
    X, _ = load_longley(intercept=True)
    s = np.linalg.svd(X, compute_uv=False)
    s_scaled = np.linalg.svd(X / np.linalg.norm(X, axis=0), compute_uv=False)
    kappa, kappa_s = condition_number(X), condition_number(X, scale_columns=True)
    # the package against LAPACK: singular values of backward-stable SVDs carry relative errors up to about u kappa
    # (here 5e-7 for kappa; the one-sided Jacobi SVD is more accurate on column-scaled matrices): rtol 1e-5
    np.testing.assert_allclose(kappa, s[0] / s[-1], rtol=1e-5)
    np.testing.assert_allclose(kappa_s, s_scaled[0] / s_scaled[-1], rtol=1e-9)
    # README: kappa(X) = 4.86e9, kappa(X^T X) = kappa(X)^2 = 2.4e19, kappa_s = 4.3e4 (4.33e4 in the notebook),
    # kappa_s^2 = 1.9e9: the printed digits are far above the computing error
    assert f"{kappa:.3g}" == "4.86e+09" and f"{kappa**2:.2g}" == "2.4e+19"
    assert f"{kappa_s:.3g}" == "4.33e+04" and f"{kappa_s**2:.2g}" == "1.9e+09"
    # README predictions: -log10(u kappa_s) = 11.3 digits (QR, SVD), -log10(u kappa_s^2) = 6.7 (normal)
    assert f"{-np.log10(U_ROUNDOFF * kappa_s):.1f}" == "11.3"
    assert f"{-np.log10(U_ROUNDOFF * kappa_s**2):.1f}" == "6.7"


def test_longley_readme_guaranteed_column_and_constant():
    X, y = load_longley(intercept=True)
    bound = _guaranteed_digits(X, y, LONGLEY_CERTIFIED, "qr")
    table = _readme_table("### The Longley problem: correct digits per method")
    printed = [float(row[2]) for row in table]  # column "guaranteed": seven coefficients, then the minimum
    np.testing.assert_array_equal(printed, np.r_[_floor1(bound), _floor1(bound.min())])
    # the Code section's snippet states the same minimum
    assert f"at least {_floor1(bound.min()):.1f} digits on every coefficient" in README.read_text(encoding="utf-8")
    # README: c = 10 sqrt(d) n d (2 + (kappa_s + 1) tan theta_s) = 8169 on Longley, tan theta_s = 1.7e-5, a
    # guaranteed 7.4 digits for the scaled coefficients as a whole
    n, d = X.shape
    _, s1, kappa_s, z = _scaled_problem(X, LONGLEY_CERTIFIED)
    tan_theta = np.linalg.norm(y - X @ LONGLEY_CERTIFIED) / (s1 * np.linalg.norm(z))
    assert f"{tan_theta:.2g}" == "1.7e-05"
    assert f"{(kappa_s + 1) * tan_theta:.2f}" == "0.76"  # README: c = 10 * sqrt(7) * 112 * (2 + 0.76)
    assert round(C_QR * math.sqrt(d) * n * d * (2 + (kappa_s + 1) * tan_theta), -1) == 8170
    assert f"{-np.log10(_guaranteed_error(X, y, LONGLEY_CERTIFIED, 'qr')):.1f}" == "7.4"
    # normal equations: 3 n d u kappa_s^2 guarantees only 4.1 digits for the scaled coefficients as a whole
    assert f"{_floor1(-np.log10(3 * n * d * U_ROUNDOFF * kappa_s**2)):.1f}" == "4.1"


def test_normal_equations_constant_covers_the_rounding_count():
    # README, Derivation section 5: the normal equations are perturbed by (n d + 3 d^2 + d) u in X_s^T X_s and by
    # n sqrt(d) u ||y|| in X_s^T y (see _guaranteed_error); relative to ||v|| this stays below the 3 n d u used for
    # Longley (n = 16, d = 7) and for the centred, scaled problem of exercise 4 (n = 16, d = 6).
    X, y = load_longley(intercept=True)
    X6, _ = load_longley()
    Xc = X6 - X6.mean(axis=0)
    Z = Xc / np.linalg.norm(Xc, axis=0)
    for A, b in [(X / np.linalg.norm(X, axis=0), y), (Z, y - y.mean())]:
        n, d = A.shape
        v = scipy.linalg.lstsq(A, b)[0]  # the solution; its digits do not matter for a ratio
        count = n * d + 3 * d * d + d + n * math.sqrt(d) * np.linalg.norm(b) / np.linalg.norm(v)
        assert count <= 3 * n * d
    # and the QR constant: the per-column count (4 n + 14) d + 2 n + d stays below C n d for the shapes of the
    # chapter (Longley with and without intercept, polynomial fits of degree 1 to 15 at 50 points)
    for n, d in [(16, 7), (16, 6)] + [(50, p + 1) for p in range(1, 16)]:
        assert (4 * n + 14) * d + 2 * n + d <= C_QR * n * d


@pytest.mark.parametrize("method", METHODS)
def test_longley_digits_meet_the_guaranteed_bound(method):
    X, y = load_longley(intercept=True)
    w = lstsq(X, y, method=method)
    lre = log_relative_error(w, LONGLEY_CERTIFIED)
    # coefficient by coefficient, on every machine (the bound holds whatever the summation order)
    assert np.all(lre >= _guaranteed_digits(X, y, LONGLEY_CERTIFIED, method))
    # and the scaled coefficients as a whole, the quantity the analysis bounds directly
    nu, _, _, z = _scaled_problem(X, LONGLEY_CERTIFIED)
    assert np.linalg.norm(nu * w - z) <= _guaranteed_error(X, y, LONGLEY_CERTIFIED, method) * np.linalg.norm(
        z
    )


def test_longley_readme_measured_table_is_consistent_with_the_bounds():
    # The measured columns of the README (one machine) must themselves obey what is guaranteed everywhere, and
    # show the ordering stated in the text: QR and SVD keep at least 3 more digits than the normal equations.
    table = _readme_table("### The Longley problem: correct digits per method")
    guaranteed = np.array([float(row[2]) for row in table])
    qr_, svd_, normal = (np.array([float(row[k]) for row in table]) for k in (3, 4, 5))
    assert np.all(qr_ >= guaranteed) and np.all(svd_ >= guaranteed)
    np.testing.assert_array_equal(
        [qr_[-1], svd_[-1], normal[-1]], [qr_[:-1].min(), svd_[:-1].min(), normal[:-1].min()]
    )
    assert min(qr_[-1], svd_[-1]) - normal[-1] >= 3


def test_longley_stable_methods_keep_at_least_three_more_digits_than_normal_equations():
    # README ordering. Not a worst-case bound but the typical case: rounding X^T X perturbs it by a relative u,
    # and kappa(X_s^T X_s) = kappa_s^2 = 1.9e9 turns that into an error about u kappa_s^2 (6.7 digits), unless the
    # rounding errors happen to cancel; QR and SVD are bounded by u kappa_s times modest constants. The expected gap
    # is log10(kappa_s) = 4.6 digits; measured with five OpenBLAS kernels (Haswell, SkylakeX, Zen, Sandybridge,
    # Prescott): 4.9 to 5.3 digits for QR, 3.9 to 4.0 for SVD.
    X, y = load_longley(intercept=True)
    lre = {m: log_relative_error(lstsq(X, y, method=m), LONGLEY_CERTIFIED).min() for m in METHODS}
    assert lre["qr"] - lre["normal"] >= 3
    assert lre["svd"] - lre["normal"] >= 3


def test_longley_centred_and_scaled_exercise():
    # README exercise 4: centre and scale the six predictors, fit the centred y without intercept.
    X6, y = load_longley()
    Xc = X6 - X6.mean(axis=0)  # (16, 6)
    nu = np.linalg.norm(Xc, axis=0)  # (6,)
    Z = Xc / nu  # (16, 6), unit columns
    kappa = condition_number(Z)
    np.testing.assert_allclose(kappa, np.linalg.cond(Z), rtol=1e-10)  # kappa 111: u kappa is 1e-14
    assert round(kappa) == 111  # README: about 111
    assert f"{16 - 2 * np.log10(kappa):.1f}" == "11.9"  # README: about 11.9 digits expected
    for method in ("normal", "qr"):
        v = lstsq(Z, y - y.mean(), method=method)
        b = v / nu  # undo the column scaling
        b0 = y.mean() - X6.mean(axis=0) @ b  # undo the centring
        lre = log_relative_error(np.r_[b0, b], LONGLEY_CERTIFIED)
        # README: at least 7 digits guaranteed for every coefficient. The normal-equation bound 3 n d u kappa^2
        # (n = 16, d = 6) is 9.4 digits for the scaled coefficients as a whole; the smallest scaled coefficient
        # is 10^1.8 times smaller than their norm (7.6 digits left); the intercept inherits the relative error
        # of the year term, |x_bar b_6| = 1.03 |b_0| (7.5 digits). Centring adds a relative perturbation of
        # about 3e-14 per entry of Z, far below. QR's bound is higher. Measured (one machine): 11.6 and 13.8.
        assert f"{-np.log10(3 * 16 * 6 * U_ROUNDOFF * kappa**2):.1f}" == "9.4"
        assert lre.min() >= 7


@pytest.mark.parametrize("method", METHODS)
def test_longley_residual_is_accurate_even_for_normal_equations(method):
    # README pitfall: every method reproduces the certified residual standard deviation to at least 10 digits.
    # To first order the length of r does not change when w does (X^T r = 0), so what remains is the rounding of
    # r = y - X w: each entry is a sum of d + 1 terms, error <= (d + 1) u (|y| + |X| |w|). With the sum of squares,
    # the square root and the division (n u): 10.5 digits on Longley. Second-order terms ||X dw||^2 / ||r||^2 are
    # of order (u kappa_s ||y|| / ||r||)^2 = 1e-18, negligible. Measured 12.1 to 14.8 depending on the kernel.
    X, y = load_longley(intercept=True)
    n, d = X.shape
    w = lstsq(X, y, method=method)
    r = y - X @ w
    sd = np.sqrt(r @ r / (n - d))
    rel_bound = (d + 1) * U_ROUNDOFF * np.linalg.norm(np.abs(y) + np.abs(X) @ np.abs(w)) / np.linalg.norm(r)
    rel_bound += n * U_ROUNDOFF
    assert _floor1(-np.log10(rel_bound)) == 10.5  # README: 10^-10.5
    assert log_relative_error(sd, 304.854073561965) >= 10


def test_longley_residual_sd_and_r_squared_certified():
    X, y = load_longley(intercept=True)
    r = y - X @ lstsq(X, y)
    # NIST: residual standard deviation 304.854073561965, R^2 = 0.995479004577296. At least 10 digits for the
    # residual (previous test); R^2 = 1 - ||r||^2 / TSS carries that error times ||r||^2 / TSS = 0.0045: 1e-12.
    np.testing.assert_allclose(np.sqrt(r @ r / (16 - 7)), 304.854073561965, rtol=1e-10)
    r_squared = 1 - (r @ r) / np.sum((y - y.mean()) ** 2)
    np.testing.assert_allclose(r_squared, 0.995479004577296, rtol=1e-12)


def test_readme_ridge_exercise():
    # README exercise 5: ridge regression is least squares on [X; sqrt(lam) I], whose normal equations are
    # (X^T X + lam I) w = X^T y and whose condition number is sqrt((s_1^2 + lam) / (s_d^2 + lam)) <= kappa(X).
    rng = np.random.default_rng(1234)
    X, _, _ = _conditioned_problem(20, 4, 1e6, rng)  # singular values 1 .. 1e-6
    y = rng.standard_normal(20)
    lam = 1e-4
    X_tilde = np.vstack([X, np.sqrt(lam) * np.eye(4)])  # (24, 4)
    y_tilde = np.r_[y, np.zeros(4)]
    w = lstsq(X_tilde, y_tilde)
    # kappa(X_tilde) = sqrt((1 + 1e-4) / (1e-12 + 1e-4)) = 100, so QR errs by about u * 100; the reference solves
    # the normal equations, condition number 100^2 = 1e4: about u * 1e4 = 1e-12. Tolerance c n eps * 1e4 with
    # n = 24 and c = 10 generous: 5e-11
    w_ref = scipy.linalg.solve(X.T @ X + lam * np.eye(4), X.T @ y, assume_a="pos")
    np.testing.assert_allclose(w, w_ref, rtol=10 * 24 * EPS * 1e4)
    s = np.linalg.svd(X, compute_uv=False)
    expected = np.sqrt((s[0] ** 2 + lam) / (s[-1] ** 2 + lam))
    np.testing.assert_allclose(condition_number(X_tilde), expected, rtol=1e-12)
    assert condition_number(X_tilde) < condition_number(X)


# --------------------------------------------------------------------------- polynomial fit in the monomial basis
def _poly_digits(degree: int, method: str) -> float:
    t = np.linspace(0.0, 1.0, 50)
    X = monomial_design(t, degree)
    w_true = np.ones(degree + 1)
    return float(log_relative_error(lstsq(X, X @ w_true, method=method), w_true).min())


def _poly_guaranteed(kappa: float, degree: int) -> float:
    """QR/SVD bound for the zero-residual monomial fit: LRE >= -log10(20 n d^2 u kappa) (README, first order).

    Columnwise backward error C n d u ||x_j|| -> ||dX|| <= sqrt(d) C n d u ||X||; Wedin with r = 0 gives
    ||dw|| / ||w|| <= 2 eps kappa / (1 - eps kappa); every w_j = 1 and ||w|| = sqrt(d).
    """
    n, d = 50, degree + 1
    eps = math.sqrt(d) * C_QR * n * d * U_ROUNDOFF
    return -np.log10(2 * eps * kappa / (1 - eps * kappa) * math.sqrt(d))


def test_polynomial_readme_table():
    table = _readme_table("### A polynomial fit: digits against the condition number")
    t = np.linspace(0.0, 1.0, 50)
    assert [int(row[0]) for row in table] == [5, 8, 11, 13]
    for row in table:
        degree = int(row[0])
        X = monomial_design(t, degree)
        kappa = condition_number(X)
        s = np.linalg.svd(X, compute_uv=False)
        np.testing.assert_allclose(kappa, s[0] / s[-1], rtol=1e-5)  # u kappa <= 5e-7 (module against LAPACK)
        mantissa, exponent = re.fullmatch(r"\$([\d.]+) \\times 10\^\{(\d+)\}\$", row[1]).groups()
        assert f"{kappa:.1e}" == f"{mantissa}e+{int(exponent):02d}"
        guaranteed = _floor1(_poly_guaranteed(kappa, degree))
        assert float(row[2]) == guaranteed  # the printed bound
        # the measured digits (one machine) obey the bound, and QR is ahead of the normal equations by 3 digits
        # wherever log10(kappa) >= 5 (the expected gap is log10 kappa)
        assert float(row[3]) >= guaranteed
        if degree >= 8 and row[4] != "Cholesky fails":
            assert float(row[3]) - float(row[4]) >= 3


@pytest.mark.parametrize("degree", [5, 8, 11, 13])
def test_polynomial_fit_meets_the_guaranteed_bound(degree):
    X = monomial_design(np.linspace(0.0, 1.0, 50), degree)
    kappa = condition_number(X)
    for method in STABLE:
        assert _poly_digits(degree, method) >= _poly_guaranteed(kappa, degree)


@pytest.mark.parametrize("degree", [8, 11])
def test_polynomial_normal_equations_lose_at_least_three_digits_more_than_qr(degree):
    # Typical, not worst case (see the Longley ordering test): expected gap log10 kappa = 5.8 (p = 8) and 8.1
    # (p = 11); measured on five OpenBLAS kernels at least 4.9 and 7.5.
    try:
        normal = _poly_digits(degree, "normal")
    except np.linalg.LinAlgError:
        normal = 0.0
    assert _poly_digits(degree, "qr") - normal >= 3


def test_polynomial_normal_equations_fail_at_degree_13():
    # kappa(X) = 4e9, kappa(X^T X) = 1.6e19 > 1/u: X^T X is not positive definite in floating point, so the
    # Cholesky factorisation breaks down (Haswell, SkylakeX, Zen, Prescott kernels) or, with another summation
    # order (Sandybridge), runs to the end and returns no correct digit.
    t = np.linspace(0.0, 1.0, 50)
    X = monomial_design(t, 13)
    kappa = condition_number(X)
    assert f"{kappa:.1e}" == "4.0e+09"  # README table
    assert f"{kappa**2:.1e}" == "1.6e+19"  # README: kappa(X^T X) = 1.6e19
    assert kappa**2 * U_ROUNDOFF > 1
    try:
        w = lstsq(X, X @ np.ones(14), method="normal")
    except np.linalg.LinAlgError as err:
        assert "not positive definite" in str(err)
        return
    assert log_relative_error(w, np.ones(14)).min() < 1.0


def test_polynomial_qr_keeps_digits_at_degree_13():
    # the same problem by QR: guaranteed 1.0 digit (README table), expected about -log10(u kappa) = 6.4, "about 6"
    X = monomial_design(np.linspace(0.0, 1.0, 50), 13)
    assert _poly_digits(13, "qr") >= _poly_guaranteed(condition_number(X), 13)
    assert round(-np.log10(U_ROUNDOFF * condition_number(X))) == 6


# --------------------------------------------------------------------------- helpers
def test_log_relative_error_values():
    est = np.array([1.0001, 2.0, -3.0e-5, 0.0, 5.0])
    cert = np.array([1.0, 2.0, -3.1e-5, 1e-20, 0.0])
    lre = log_relative_error(est, cert)
    expected = [
        -np.log10(1e-4),  # 4 digits
        15.0,  # exact: capped
        -np.log10(0.1e-5 / 3.1e-5),  # 1.49 digits
        0.0,  # 100 % relative error: no digit
        0.0,  # certified 0: absolute error 5 -> -log10(5) < 0, clipped to 0
    ]
    np.testing.assert_allclose(lre, expected, rtol=1e-10)
    np.testing.assert_allclose(log_relative_error(1e-3, 0.0), 3.0)  # absolute error where the truth is 0
    np.testing.assert_allclose(log_relative_error(1.0 + 1e-10, 1.0, cap=8.0), 8.0)


def test_monomial_design_matches_numpy_vander():
    t = np.array([0.0, 0.3, 0.7, 1.0, 2.0])
    for degree in (0, 1, 4, 7):
        np.testing.assert_allclose(
            monomial_design(t, degree), np.vander(t, degree + 1, increasing=True), rtol=1e-15
        )


@pytest.mark.parametrize("shape", [(1, 1), (6, 3), (3, 6), (20, 5)])
def test_condition_number_matches_numpy_cond(shape):
    rng = np.random.default_rng(1234)
    X = rng.standard_normal(shape) * np.logspace(0, -3, shape[1])  # graded columns
    # singular values of a backward-stable SVD carry relative errors of about kappa u: 1e-10 is ample here
    np.testing.assert_allclose(condition_number(X), np.linalg.cond(X), rtol=1e-10)
    Xs = X / np.linalg.norm(X, axis=0)
    np.testing.assert_allclose(condition_number(X, scale_columns=True), np.linalg.cond(Xs), rtol=1e-10)


@pytest.mark.parametrize("scale", [1e200, 1e-170, 1e300, 1e-300])
def test_condition_number_scaled_columns_of_extreme_size(scale):
    # A column of 1e200 squares to inf, one of 1e-170 to 0: the column lengths come from the overflow-safe norm.
    # kappa_s does not depend on the units of a column, so it must equal kappa_s of the unscaled matrix.
    rng = np.random.default_rng(1234)
    X = rng.standard_normal((6, 3))
    Xs = X / np.linalg.norm(X, axis=0)
    expected = np.linalg.cond(Xs)  # about 2: the SVDs agree to c u kappa, rtol 1e-12 ample
    X_extreme = X.copy()
    X_extreme[:, 1] *= scale
    kappa_s = condition_number(X_extreme, scale_columns=True)
    np.testing.assert_allclose(kappa_s, expected, rtol=1e-12)


def test_condition_number_squares_for_normal_matrix_and_rank_deficiency():
    rng = np.random.default_rng(1234)
    X, _, _ = _conditioned_problem(30, 5, 1e4, rng)
    np.testing.assert_allclose(condition_number(X), 1e4, rtol=1e-10)  # prescribed singular values 1 .. 1e-4
    np.testing.assert_allclose(
        condition_number(X.T @ X), 1e8, rtol=1e-6
    )  # kappa^2; rounding X^T X: u kappa^2
    assert condition_number(np.ones((3, 2))) == np.inf
    assert condition_number(np.zeros((2, 2))) == np.inf
    with pytest.raises(TypeError, match="scale_columns must be a bool"):
        condition_number(np.eye(2), scale_columns=1)
    with pytest.raises(ValueError, match="X must be a 2-D matrix"):
        condition_number(np.ones(3))


@pytest.mark.parametrize("ord", [1, np.inf, "fro", 2])
@pytest.mark.parametrize("name", ["random", "graded", "hilbert6"])
def test_condition_number_in_every_norm_matches_numpy_cond(ord, name):
    # kappa_p = ||X||_p ||X^-1||_p, as numpy.linalg.cond(X, p). The inverse carries a relative error of order
    # n u kappa in both implementations (LU with partial pivoting, backward stable), and the norms a few n u:
    # rtol = 100 n u kappa, 1e-8 for the Hilbert matrix of order 6 (kappa 1.5e7), far below for the others.
    rng = np.random.default_rng(77)
    X = {
        "random": rng.standard_normal((5, 5)),
        "graded": rng.standard_normal((4, 4)) * np.logspace(0, -4, 4),
        "hilbert6": 1.0 / (np.arange(6)[:, None] + np.arange(6)[None, :] + 1.0),
    }[name]
    kappa = np.linalg.cond(X, ord)
    np.testing.assert_allclose(condition_number(X, ord), kappa, rtol=100 * X.shape[0] * U_ROUNDOFF * kappa)
    assert condition_number(X, ord) >= 1.0  # ||I|| <= ||X|| ||X^-1|| and ||I||_p = 1 (sqrt(n) for "fro")


def test_condition_number_orders_agree_within_n_squared_and_keep_the_old_calls():
    # ||A||_1 <= n ||A||_inf and ||A||_inf <= n ||A||_1 (likewise 2 vs 1, inf within sqrt(n)): kappa_1 and kappa_inf
    # agree to a factor n^2, kappa_2 and kappa_1 to a factor n
    A = np.array([[1.0, 2.0], [3.0, 4.0]])  # ||A||_1 = 6, A^-1 = [[-2, 1], [1.5, -0.5]], ||A^-1||_1 = 3.5
    assert condition_number(A, 1) == pytest.approx(21.0, rel=8 * EPS)
    assert condition_number(A, np.inf) == pytest.approx(21.0, rel=8 * EPS)  # ||A||_inf = 7, ||A^-1||_inf = 3
    n = 2
    assert condition_number(A) <= n * condition_number(A, 1) and condition_number(A, 1) <= n * condition_number(A)
    # the existing calls: ord defaults to 2, scale_columns by keyword
    assert condition_number(A) == condition_number(A, 2) == condition_number(A, ord=2, scale_columns=False)
    assert condition_number(A, 1, scale_columns=True) == pytest.approx(
        np.linalg.cond(A / np.linalg.norm(A, axis=0), 1), rel=1e-13)


def test_condition_number_other_orders_singular_and_bad_input():
    assert condition_number(np.zeros((3, 3)), 1) == np.inf
    assert condition_number([[1.0, 2.0], [2.0, 4.0]], np.inf) == np.inf  # an exactly zero pivot
    assert condition_number(np.ones((3, 2)), 2) == np.inf  # ord 2 takes any shape
    with pytest.raises(ValueError, match=r"X must be square for ord=1 .*got shape \(3, 2\)"):
        condition_number(np.ones((3, 2)), 1)
    for bad in (3, 0, -1, True, "nuc", None):
        with pytest.raises(ValueError, match=r"ord must be one of 1, 2, np\.inf or 'fro'"):
            condition_number(np.eye(2), bad)


# --------------------------------------------------------------------------- bad input
@pytest.mark.parametrize(
    ("X", "y", "kwargs", "match"),
    [
        (np.ones(3), np.ones(3), {}, r"X must be a 2-D matrix, got an array of shape \(3,\)"),
        (np.ones((2, 2, 2)), np.ones(2), {}, "X must be a 2-D matrix"),
        (np.ones((3, 2)), np.ones((3, 1)), {}, "y must be a 1-D vector"),
        (np.ones((3, 2)), np.ones(4), {}, r"one entry per row of X.*\(3, 2\).*\(4,\)"),
        (np.array([[1.0, np.nan], [0.0, 1.0]]), np.ones(2), {}, "X must contain only finite"),
        (np.eye(2), np.array([1.0, np.inf]), {}, "y must contain only finite"),
        (np.empty((0, 2)), np.empty(0), {}, "X must not be empty"),
        (np.eye(2), np.ones(2), {"method": "cholesky"}, "method must be one of.*'cholesky'"),
        (np.eye(2), np.ones(2), {"method": None}, "method must be one of"),
        (np.eye(2), np.ones(2), {"rcond": -1.0}, "rcond must be"),
        (np.eye(2), np.ones(2), {"rcond": np.nan}, "rcond must be"),
        (np.eye(2), np.ones(2), {"rcond": "tiny"}, "rcond must be"),
        ("abc", np.ones(2), {}, "X must be an array of real numbers"),
    ],
)
def test_lstsq_bad_input(X, y, kwargs, match):
    with pytest.raises(ValueError, match=match):
        lstsq(X, y, **kwargs)


@pytest.mark.parametrize(
    ("args", "kwargs", "match"),
    [
        (([1.0, 2.0], [1.0]), {}, r"same shape.*\(2,\).*\(1,\)"),
        (([np.nan], [1.0]), {}, "estimate must contain only finite"),
        (([1.0], [np.inf]), {}, "certified must contain only finite"),
        (([1.0], [1.0]), {"cap": 0.0}, "cap must be a positive"),
        (([1.0], [1.0]), {"cap": "15"}, "cap must be a positive"),
        (([], []), {}, "estimate must not be empty"),
    ],
)
def test_log_relative_error_bad_input(args, kwargs, match):
    with pytest.raises(ValueError, match=match):
        log_relative_error(*args, **kwargs)


def test_monomial_design_bad_input():
    with pytest.raises(ValueError, match="degree must be >= 0, got -1"):
        monomial_design([0.0, 1.0], -1)
    with pytest.raises(TypeError, match="degree must be an integer"):
        monomial_design([0.0, 1.0], 2.0)
    with pytest.raises(ValueError, match="t must be a 1-D vector"):
        monomial_design(np.ones((2, 2)), 1)
    with pytest.raises(ValueError, match="t must contain only finite"):
        monomial_design([0.0, np.nan], 1)


@pytest.mark.parametrize("method", METHODS)
def test_inputs_are_not_modified(method):
    rng = np.random.default_rng(3)
    X = rng.standard_normal((6, 3))
    y = rng.standard_normal(6)
    X0, y0 = X.copy(), y.copy()
    lstsq(X, y, method=method)
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(y, y0)


# --------------------------------------------------------------------------- properties
def _solve_error_bound(X: np.ndarray, w: np.ndarray, y: np.ndarray) -> float:
    """Absolute bound c u (kappa ||w|| + kappa^2 ||y|| / sigma_max) on the error of a backward-stable solve."""
    s = np.linalg.svd(X, compute_uv=False)
    kappa = s[0] / s[-1]
    return 100 * X.shape[0] * EPS * (kappa * np.linalg.norm(w) + kappa**2 * np.linalg.norm(y) / s[0])


@given(
    X=arrays(float, st.tuples(st.integers(4, 8), st.integers(1, 3)), elements=st.floats(-10, 10, width=32)),
    data=st.data(),
)
def test_property_linear_in_y_and_equivariant_to_column_scaling(X, data):
    n, d = X.shape
    s = np.linalg.svd(X, compute_uv=False)
    assume(s[-1] > 1e-3 * s[0])  # kappa(X) <= 1e3: full rank, so the solution is unique and the law is exact
    y1 = data.draw(arrays(float, n, elements=st.floats(-10, 10, width=32)))
    y2 = data.draw(arrays(float, n, elements=st.floats(-10, 10, width=32)))
    c = data.draw(arrays(float, d, elements=st.sampled_from([0.5, 2.0, -4.0, 8.0, 1e3])))
    a, b = 2.0, -3.0
    for method in STABLE:
        w1 = lstsq(X, y1, method=method)
        w2 = lstsq(X, y2, method=method)
        w12 = lstsq(X, a * y1 + b * y2, method=method)
        # the law is exact in real arithmetic; each of the three solves carries its own backward-stable error
        tol = (
            abs(a) * _solve_error_bound(X, w1, y1)
            + abs(b) * _solve_error_bound(X, w2, y2)
            + _solve_error_bound(X, w12, a * y1 + b * y2)
        )
        assert np.linalg.norm(w12 - (a * w1 + b * w2)) <= tol
        # X diag(c) v = y is solved by v = w / c: the fit does not depend on the units of the features
        Xc = X * c  # (n, d) * (d,) -> (n, d)
        v = lstsq(Xc, y1, method=method)
        tol = np.abs(c).max() * _solve_error_bound(Xc, v, y1) + _solve_error_bound(X, w1, y1)
        assert np.linalg.norm(v * c - w1) <= tol


@given(i=st.integers(0, 11), bad=st.sampled_from([np.nan, np.inf, -np.inf]), method=st.sampled_from(METHODS))
def test_property_non_finite_entries_are_rejected(i, bad, method):
    X = np.arange(1.0, 9.0).reshape(4, 2) ** np.array([1.0, 2.0])
    y = np.arange(4.0)
    if i < 8:
        X.flat[i] = bad
        name = "X"
    else:
        y[i - 8] = bad
        name = "y"
    with pytest.raises(ValueError, match=f"{name} must contain only finite"):
        lstsq(X, y, method=method)


def test_readme_code_snippet_prints_what_the_readme_shows():
    text = README.read_text(encoding="utf-8")
    section = text.split("## Code", 1)[1]
    snippet = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    shown = re.search(r"```text\n(.*?)```", section, re.S).group(1).splitlines()
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        exec(snippet, {})
    printed = buffer.getvalue().splitlines()
    # every printed line is machine-independent (rounded weights, statements of guaranteed bounds), so equal
    assert printed == shown
