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
import re
from pathlib import Path

import numpy as np
import pytest
import scipy.linalg
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from linear_algebra.python_implementations.least_squares import (
    LONGLEY_CERTIFIED,
    condition_number,
    load_longley,
    log_relative_error,
    lstsq,
    monomial_design,
)

EPS = np.finfo(float).eps
METHODS = ["qr", "svd", "normal"]
STABLE = ["qr", "svd"]


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
    # README: R = [[sqrt 3, sqrt 3], [0, sqrt 2]] and Q^T y = (7 / sqrt 3, 3 / sqrt 2) = (4.0415, 2.1213)
    Q, R = np.linalg.qr(X)
    signs = np.sign(np.diag(R))  # LAPACK's signs may differ; the README uses a positive diagonal
    np.testing.assert_allclose(R * signs[:, None], [[np.sqrt(3), np.sqrt(3)], [0, np.sqrt(2)]], atol=1e-14)
    np.testing.assert_allclose((Q * signs).T @ y, [4.0415, 2.1213], atol=5e-5)


def test_readme_minimum_norm_example():
    # README exercise: X with two equal columns, y = (1, 2, 3): every w with w_1 + w_2 = 2 fits best,
    # the SVD returns the one of least norm, (1, 1).
    X = np.ones((3, 2))
    y = np.array([1.0, 2.0, 3.0])
    np.testing.assert_allclose(lstsq(X, y, method="svd"), [1.0, 1.0], rtol=1e-14)
    with pytest.raises(np.linalg.LinAlgError, match="rank deficient"):
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
    # with rcond = 1e-3 the second singular value counts as zero and its component is dropped
    np.testing.assert_allclose(lstsq(X, y, method="svd", rcond=1e-3), [1.0, 0.0], atol=1e-15)
    with pytest.raises(np.linalg.LinAlgError, match="rank deficient"):
        lstsq(X, y, method="qr", rcond=1e-3)


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


def test_longley_condition_numbers_printed_in_readme():
    X, _ = load_longley(intercept=True)
    s = np.linalg.svd(X, compute_uv=False)
    # README: kappa(X) = 4.86e9, kappa(X^T X) = kappa(X)^2 = 2.4e19
    np.testing.assert_allclose(s[0] / s[-1], 4.86e9, rtol=1e-3)
    np.testing.assert_allclose((s[0] / s[-1]) ** 2, 2.4e19, rtol=2e-2)
    Xs = X / np.linalg.norm(X, axis=0)  # columns scaled to unit norm
    s = np.linalg.svd(Xs, compute_uv=False)
    kappa_s = s[0] / s[-1]
    # README: after scaling the columns to unit length, kappa_s = 4.3e4 and kappa_s^2 = 1.9e9
    np.testing.assert_allclose(kappa_s, 4.33e4, rtol=1e-2)
    np.testing.assert_allclose(kappa_s**2, 1.9e9, rtol=3e-2)
    # README predictions: -log10(u kappa_s) = 11.3 digits (QR, SVD), -log10(u kappa_s^2) = 6.7 (normal)
    u = EPS / 2
    np.testing.assert_allclose(-np.log10(u * kappa_s), 11.3, atol=0.05)
    np.testing.assert_allclose(-np.log10(u * kappa_s**2), 6.7, atol=0.05)


def test_longley_centred_and_scaled_exercise():
    # README exercise 4: centre and scale the six predictors, fit the centred y without intercept.
    X6, y = load_longley()
    Xc = X6 - X6.mean(axis=0)  # (16, 6)
    nu = np.linalg.norm(Xc, axis=0)  # (6,)
    Z = Xc / nu  # (16, 6), unit columns
    s = np.linalg.svd(Z, compute_uv=False)
    np.testing.assert_allclose(s[0] / s[-1], 111, rtol=1e-2)  # README: about 111
    np.testing.assert_allclose(16 - 2 * np.log10(111), 11.9, atol=0.05)  # README: about 11.9 digits expected
    printed_min = {"normal": 11.4, "qr": 13.4}  # README: normal at least 11.4 on every coefficient, QR 13.4
    for method, printed in printed_min.items():
        v = lstsq(Z, y - y.mean(), method=method)
        b = v / nu  # undo the column scaling
        b0 = y.mean() - X6.mean(axis=0) @ b  # undo the centring
        lre = log_relative_error(np.r_[b0, b], LONGLEY_CERTIFIED)
        # the printed minima are what this code measures; half a digit absorbs another BLAS summation order
        np.testing.assert_allclose(lre.min(), printed, atol=0.5)


@pytest.mark.parametrize("method", METHODS)
def test_longley_residual_is_accurate_even_for_normal_equations(method):
    # README pitfall: every method reproduces the certified residual standard deviation to about 12.8 digits
    X, y = load_longley(intercept=True)
    r = y - X @ lstsq(X, y, method=method)
    sd = np.sqrt(r @ r / (16 - 7))
    np.testing.assert_allclose(log_relative_error(sd, 304.854073561965), 12.8, atol=0.5)


# Digits printed in the README table (LRE per coefficient B0..B6, then the minimum), measured with this module.
README_LONGLEY_LRE = {
    "qr": [14.3, 12.2, 13.1, 13.8, 13.9, 12.3, 14.2],
    "svd": [12.9, 11.2, 12.0, 12.8, 12.8, 11.2, 13.0],
    "normal": [8.0, 7.5, 7.6, 8.1, 8.4, 7.2, 8.0],
}


@pytest.mark.parametrize("method", METHODS)
def test_longley_digits_match_readme_table(method):
    X, y = load_longley(intercept=True)
    lre = log_relative_error(lstsq(X, y, method=method), LONGLEY_CERTIFIED)
    printed = np.array(README_LONGLEY_LRE[method])
    # the table is what this code measures; half a digit of slack absorbs a different BLAS summation order
    np.testing.assert_allclose(lre, printed, atol=0.5)
    # README "minimum" row: qr 12.2, svd 11.2, normal 7.2
    np.testing.assert_allclose(lre.min(), {"qr": 12.2, "svd": 11.2, "normal": 7.2}[method], atol=0.5)


@pytest.mark.parametrize("method", STABLE)
def test_longley_stable_methods_reach_certified_digits(method):
    X, y = load_longley(intercept=True)
    lre = log_relative_error(lstsq(X, y, method=method), LONGLEY_CERTIFIED)
    # Expected about -log10(u * kappa_scaled) = -log10(1.1e-16 * 4.3e4) = 11.3 digits (column-scaling-invariant
    # bound); measured min 11.2 (svd) and 12.2 (qr). Two digits of margin for the constant c n: at least 9 digits.
    assert lre.min() >= 9.0


def test_longley_normal_equations_lose_digits():
    X, y = load_longley(intercept=True)
    lre_normal = log_relative_error(lstsq(X, y, method="normal"), LONGLEY_CERTIFIED)
    lre_qr = log_relative_error(lstsq(X, y, method="qr"), LONGLEY_CERTIFIED)
    # Expected about -log10(u * kappa_scaled^2) = -log10(1.1e-16 * 1.9e9) = 6.7 digits; README prints min 7.2
    assert lre_normal.min() <= 7.2 + 0.5
    assert lre_normal.min() >= 5.0  # not a breakdown: about 7 digits, as the README table says
    assert lre_qr.min() - lre_normal.min() >= 3.0  # README: the normal equations lose 4 to 6 digits


def test_longley_residual_sd_and_r_squared_certified():
    X, y = load_longley(intercept=True)
    r = y - X @ lstsq(X, y)
    # NIST: residual standard deviation 304.854073561965, R^2 = 0.995479004577296. The residual is well
    # conditioned (it does not depend on how w splits among near-collinear columns): 10 digits at least.
    np.testing.assert_allclose(np.sqrt(r @ r / (16 - 7)), 304.854073561965, rtol=1e-10)
    r_squared = 1 - (r @ r) / np.sum((y - y.mean()) ** 2)
    np.testing.assert_allclose(r_squared, 0.995479004577296, rtol=1e-12)


# --------------------------------------------------------------------------- polynomial fit in the monomial basis
def _poly_digits(degree: int, method: str) -> float:
    t = np.linspace(0.0, 1.0, 50)
    X = monomial_design(t, degree)
    w_true = np.ones(degree + 1)
    return float(log_relative_error(lstsq(X, X @ w_true, method=method), w_true).min())


# README: correct digits (minimum over coefficients) of the fit of 1 + t + ... + t^p on 50 points of [0, 1]
@pytest.mark.parametrize(
    ("degree", "kappa", "qr_digits", "normal_digits"),
    [(5, 3.5e3, 12.2, 9.2), (8, 6.3e5, 10.6, 5.5), (11, 1.2e8, 8.1, 0.4)],
)
def test_polynomial_fit_digits_match_readme(degree, kappa, qr_digits, normal_digits):
    X = monomial_design(np.linspace(0.0, 1.0, 50), degree)
    s = np.linalg.svd(X, compute_uv=False)
    np.testing.assert_allclose(s[0] / s[-1], kappa, rtol=0.05)
    # QR keeps about -log10(u kappa) digits; normal about -log10(u kappa^2). The printed values are what this
    # code measures; half a digit absorbs another BLAS summation order.
    np.testing.assert_allclose(_poly_digits(degree, "qr"), qr_digits, atol=0.5)
    np.testing.assert_allclose(_poly_digits(degree, "normal"), normal_digits, atol=0.5)
    assert _poly_digits(degree, "qr") >= -np.log10(10 * 50 * EPS * kappa)  # the c u kappa bound itself


def test_polynomial_normal_equations_fail_at_degree_13():
    # kappa(X) = 4e9, kappa(X^T X) = 1.6e19 > 1/u: X^T X is not positive definite in floating point, so the
    # Cholesky factorisation breaks down (or, with another summation order, returns no correct digit).
    t = np.linspace(0.0, 1.0, 50)
    X = monomial_design(t, 13)
    s = np.linalg.svd(X, compute_uv=False)
    np.testing.assert_allclose(s[0] / s[-1], 4.0e9, rtol=0.05)  # README table: kappa(X) = 4.0e9
    np.testing.assert_allclose((s[0] / s[-1]) ** 2, 1.6e19, rtol=0.05)  # README: kappa(X^T X) = 1.6e19
    try:
        w = lstsq(X, X @ np.ones(14), method="normal")
    except np.linalg.LinAlgError:
        return
    assert log_relative_error(w, np.ones(14)).min() < 1.0


def test_polynomial_qr_keeps_digits_at_degree_13():
    # the same problem by QR: u kappa = 4.4e-7, so about 6 digits; README prints 6.3
    np.testing.assert_allclose(_poly_digits(13, "qr"), 6.3, atol=0.5)


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
    readme = Path(__file__).resolve().parents[2] / "linear_algebra" / "least_squares" / "README.md"
    text = readme.read_text(encoding="utf-8")
    section = text.split("## Code", 1)[1]
    snippet = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    shown = re.search(r"```text\n(.*?)```", section, re.S).group(1).splitlines()
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        exec(snippet, {})
    printed = buffer.getvalue().splitlines()
    assert len(printed) == len(shown)
    assert printed[:3] == shown[:3]  # the worked-example weights, rounded to 4 decimals
    for got, want in zip(printed[3:], shown[3:], strict=True):  # "method digits": digits within half a digit
        assert got.split()[0] == want.split()[0]
        assert abs(float(got.split()[1]) - float(want.split()[1])) <= 0.5
