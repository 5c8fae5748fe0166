"""Tests of the matrix-calculus identities: analytic formula against central differences and SciPy.

Tolerances come from the error of the central difference with the default step h = eps^(1/3) max(1, |x_i|):
truncation h^2 |f'''| / 6 (zero for the quadratics here) plus rounding ~ eps |f| / h. For a second difference
with h = eps^(1/4), the rounding term is ~ 4 eps |f| / h^2 = 4 sqrt(eps) |f|.
"""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from numpy.testing import assert_allclose
from scipy.special import logsumexp as scipy_logsumexp
from scipy.special import softmax as scipy_softmax

from calculus.python_implementations.derivatives import gradient, hessian, jacobian
from calculus.python_implementations.matrix_calculus import (
    least_squares_gradient,
    least_squares_hessian,
    log_softmax,
    logsumexp,
    quadratic_form_gradient,
    quadratic_form_hessian,
    second_order_taylor,
    softmax,
    softmax_jacobian,
)

EPS = np.finfo(float).eps


def _grad_tol(f_scale, x):
    """Absolute error bound of a central-difference gradient of a function whose values are ~ f_scale."""
    h = np.cbrt(EPS) * max(1.0, float(np.max(np.abs(x))))
    return 20 * EPS * f_scale / h + 1e-14


def _hess_tol(f_scale, x):
    """Absolute error bound of a central second difference (h = eps^(1/4) max(1, |x|))."""
    h = EPS**0.25 * max(1.0, float(np.max(np.abs(x))))
    return 40 * EPS * f_scale / h**2 + 1e-12


MATRICES = {
    "1x1": lambda rng: np.array([[2.5]]),
    "nonsymmetric 3x3": lambda rng: rng.normal(size=(3, 3)),
    "symmetric 5x5": lambda rng: (lambda B: B + B.T)(rng.normal(size=(5, 5))),
    "antisymmetric 4x4": lambda rng: (lambda B: B - B.T)(rng.normal(size=(4, 4))),
    "rank one 6x6": lambda rng: np.outer(rng.normal(size=6), rng.normal(size=6)),
    "graded 4x4": lambda rng: np.diag([1e-3, 1.0, 1e2, 1e3]) @ rng.normal(size=(4, 4)),
}


@pytest.mark.parametrize("name", list(MATRICES))
def test_quadratic_form_gradient_and_hessian_match_differences(name):
    rng = np.random.default_rng(1234)
    A = MATRICES[name](rng)
    x = rng.normal(size=A.shape[0])

    def f(v):
        return v @ A @ v

    scale = np.abs(A).sum() * max(1.0, np.max(np.abs(x))) ** 2  # |x^T A x| <= sum |a_ij| max |x|^2
    assert_allclose(quadratic_form_gradient(A, x), gradient(f, x), atol=_grad_tol(scale, x), rtol=0)
    assert_allclose(quadratic_form_hessian(A), hessian(f, x), atol=_hess_tol(scale, x), rtol=0)


def test_quadratic_form_identities_exactly():
    rng = np.random.default_rng(1234)
    A = rng.normal(size=(4, 4))
    x = rng.normal(size=4)
    S = (A + A.T) / 2
    # only the symmetric part counts; for symmetric S the gradient is 2 S x (a few roundings in the matmuls)
    assert_allclose(quadratic_form_gradient(A, x), 2 * S @ x, rtol=1e-14, atol=1e-14)
    assert_allclose(quadratic_form_gradient(A - A.T, x), np.zeros(4), atol=1e-14)
    # Euler's theorem for a form homogeneous of degree 2: x . grad f(x) = 2 f(x)
    assert_allclose(x @ quadratic_form_gradient(A, x), 2 * x @ A @ x, rtol=1e-13)


def test_linear_form_gradient_is_the_coefficient_vector():
    # grad(a^T x) = a, the first identity of the text, checked by central differences
    rng = np.random.default_rng(1234)
    a, x = rng.normal(size=5), rng.normal(size=5)
    assert_allclose(gradient(lambda v: a @ v, x), a, atol=_grad_tol(np.abs(a).sum() * 3, x))


SHAPES = [(1, 1), (3, 1), (10, 3), (20, 5), (3, 6)]  # 1x1, tall, square-ish, wide (underdetermined)


@pytest.mark.parametrize(("n", "d"), SHAPES)
def test_least_squares_gradient_matches_differences(n, d):
    rng = np.random.default_rng(1234)
    X, w, y = rng.normal(size=(n, d)), rng.normal(size=d), rng.normal(size=n)

    def L(v):
        r = X @ v - y
        return r @ r

    g = least_squares_gradient(X, w, y)
    scale = (np.abs(X).sum() * max(1.0, np.abs(w).max()) + np.abs(y).sum()) ** 2
    assert_allclose(g, gradient(L, w), atol=_grad_tol(scale, w), rtol=0)
    assert_allclose(least_squares_hessian(X), hessian(L, w), atol=_hess_tol(scale, w), rtol=0)
    assert_allclose(g, 2 * X.T @ X @ w - 2 * X.T @ y, rtol=1e-12, atol=1e-12)


def test_least_squares_gradient_vanishes_at_the_lstsq_solution():
    rng = np.random.default_rng(1234)
    X, y = rng.normal(size=(30, 4)), rng.normal(size=30)
    w_star = np.linalg.lstsq(X, y, rcond=None)[0]
    # backward-stable solve: residual of the normal equations ~ eps ||X||^2 ||w|| + eps ||X|| ||y||
    bound = (
        100 * EPS * (np.linalg.norm(X) ** 2 * np.linalg.norm(w_star) + np.linalg.norm(X) * np.linalg.norm(y))
    )
    assert np.linalg.norm(least_squares_gradient(X, w_star, y)) <= bound


def test_least_squares_hessian_is_symmetric_psd_even_when_rank_deficient():
    rng = np.random.default_rng(1234)
    B = rng.normal(size=(8, 2))
    X = np.column_stack([B, B @ [1.0, -2.0]])  # third column = combination of the first two: rank 2
    H = least_squares_hessian(X)
    assert_allclose(H, H.T, rtol=0, atol=0)
    eig = np.linalg.eigvalsh(H)
    assert eig.min() >= -1e-13 * eig.max()  # one zero eigenvalue up to roundoff, none negative
    assert eig.min() <= 1e-13 * eig.max()


@pytest.mark.parametrize(
    "z",
    [[0.0], [1.0, 2.0, 3.0], [1000.0, 1000.0], [-1000.0, -1001.0, -999.0], [700.0, -700.0, 3.0], [0.1] * 50],
    ids=["single", "small", "huge equal", "very negative", "spread", "many"],
)
def test_logsumexp_and_softmax_match_scipy(z):
    z = np.array(z)
    # both are a max, a handful of exp and one log: a few ulps relative to the largest quantity involved
    assert_allclose(logsumexp(z), scipy_logsumexp(z), rtol=4 * EPS, atol=4 * EPS)
    s = softmax(z)
    assert_allclose(s, scipy_softmax(z), rtol=8 * EPS, atol=1e-300)
    assert_allclose(s.sum(), 1.0, rtol=len(z) * EPS)
    assert np.all(s >= 0)


@pytest.mark.parametrize("k", [1, 2, 5, 10])
def test_gradient_of_logsumexp_is_softmax_and_its_hessian_is_the_softmax_jacobian(k):
    rng = np.random.default_rng(1234)
    z = rng.normal(scale=2.0, size=k)
    scale = abs(logsumexp(z)) + 1
    assert_allclose(gradient(logsumexp, z), softmax(z), atol=_grad_tol(scale, z) + 1e-10, rtol=0)
    J = softmax_jacobian(z)
    # the third derivatives of lse are bounded by 1: truncation h^2 / 6 ~ 1e-11 on top of rounding
    assert_allclose(jacobian(softmax, z), J, atol=_grad_tol(1.0, z) + 1e-10, rtol=0)
    assert_allclose(hessian(logsumexp, z), J, atol=_hess_tol(scale, z) + 1e-8, rtol=0)


@pytest.mark.parametrize("z1", [0.0, -5.0, -40.0, -700.0])
def test_softmax_jacobian_diagonal_has_no_cancellation(z1):
    # z = (0, z1): s = (1 / (1 + e^z1), e^z1 / (1 + e^z1)) and J_00 = J_11 = s_0 s_1 = e^z1 / (1 + e^z1)^2 exactly;
    # diag(s) - s s^T gave J_00 = 1 - 1 = 0 at z1 = -40. The reference is expit products (no subtraction), each
    # factor a few u: relative tolerance 8 u. The off-diagonal -s_0 s_1 had no cancellation to begin with.
    from scipy.special import expit

    J = softmax_jacobian([0.0, z1])
    exact = expit(-z1) * expit(z1)
    np.testing.assert_allclose([J[0, 0], J[1, 1], -J[0, 1], -J[1, 0]], exact, rtol=4 * EPS, atol=0)
    if z1 == -40.0:
        assert f"{J[0, 0]:.3e}" == "4.248e-18"


def test_softmax_jacobian_invariants():
    rng = np.random.default_rng(1234)
    z = rng.normal(size=6)
    J = softmax_jacobian(z)
    assert_allclose(J, J.T, rtol=0, atol=0)
    assert_allclose(J @ np.ones(6), np.zeros(6), atol=4 * EPS)  # shift invariance
    eig = np.linalg.eigvalsh(J)
    assert eig.min() >= -4 * EPS  # positive semi-definite: lse is convex
    assert_allclose(softmax(z + 123.0), softmax(z), rtol=1e-13)


def test_second_order_taylor_is_exact_for_a_quadratic():
    rng = np.random.default_rng(1234)
    A, b = rng.normal(size=(3, 3)), rng.normal(size=3)

    def f(v):
        return v @ A @ v + b @ v + 2.0

    x0 = rng.normal(size=3)
    D = rng.normal(size=(7, 3))
    q = second_order_taylor(f(x0), quadratic_form_gradient(A, x0) + b, quadratic_form_hessian(A), D)
    assert q.shape == (7,)
    assert_allclose(q, [f(x0 + d) for d in D], rtol=1e-12, atol=1e-12)


def test_second_order_taylor_error_is_third_order():
    # f(x, y) = exp(x) sin(y); halving the step divides the model error by about 2^3 = 8
    def f(v):
        return np.exp(v[0]) * np.sin(v[1])

    x0 = np.array([0.2, 0.7])
    e, s, c = np.exp(0.2), np.sin(0.7), np.cos(0.7)
    g = np.array([e * s, e * c])
    H = np.array([[e * s, e * c], [e * c, -e * s]])
    u = np.array([0.6, -0.8])
    errors = [abs(f(x0 + t * u) - second_order_taylor(f(x0), g, H, t * u)) for t in (0.1, 0.05, 0.025)]
    ratios = np.array(errors[:-1]) / np.array(errors[1:])
    assert np.all((ratios > 7.0) & (ratios < 9.0))


# ----------------------------------------------------------------------------------- README worked examples
def test_readme_worked_example_multivariable():
    # f(x, y) = x^2 y + 3 y^2 at (1, 2)
    def f(v):
        return v[0] ** 2 * v[1] + 3 * v[1] ** 2

    p = np.array([1.0, 2.0])
    g = np.array([2 * p[0] * p[1], p[0] ** 2 + 6 * p[1]])
    H = np.array([[2 * p[1], 2 * p[0]], [2 * p[0], 6.0]])
    assert_allclose(f(p), 14.0)
    assert_allclose(gradient(f, p), [4.0, 13.0], rtol=1e-9)
    assert_allclose(g @ np.array([0.6, 0.8]), 12.8)  # directional derivative along u = (3, 4) / 5
    assert_allclose(np.linalg.norm(g), np.sqrt(185), rtol=1e-15)  # steepest slope, about 13.60
    assert_allclose(round(np.sqrt(185), 2), 13.60)
    assert_allclose(hessian(f, p), [[4.0, 2.0], [2.0, 6.0]], atol=1e-6)
    q = second_order_taylor(f(p), g, H, [0.1, -0.1])
    assert_allclose(q, 13.13, rtol=1e-14)
    assert_allclose(f(p + np.array([0.1, -0.1])), 13.129, rtol=1e-14)
    assert_allclose(f(p + np.array([0.1, -0.1])) - q, -0.001, atol=1e-12)  # the cubic term dx^2 dy


def test_readme_hessian_eigenvalues_and_exercises():
    H = np.array([[4.0, 2.0], [2.0, 6.0]])
    assert_allclose(np.linalg.eigvalsh(H), [5 - np.sqrt(5), 5 + np.sqrt(5)], rtol=1e-14)
    assert_allclose(np.round(np.linalg.eigvalsh(H), 2), [2.76, 7.24])
    # exercise 1: f = e^x sin y at (0, pi/2), direction (1, 1)/sqrt(2)
    g1 = gradient(lambda v: np.exp(v[0]) * np.sin(v[1]), [0.0, np.pi / 2])
    assert_allclose(g1 @ np.array([1.0, 1.0]) / np.sqrt(2), 1 / np.sqrt(2), rtol=1e-9)
    # exercise 5: Newton step at (1, 2) is (0.1, -2.2); model value -0.1, true value -0.122
    g = np.array([4.0, 13.0])
    step = -np.linalg.solve(H, g)
    assert_allclose(step, [0.1, -2.2], rtol=1e-14)
    assert_allclose(second_order_taylor(14.0, g, H, step), -0.1, atol=1e-13)
    x_new = np.array([1.0, 2.0]) + step
    assert_allclose(x_new[0] ** 2 * x_new[1] + 3 * x_new[1] ** 2, -0.122, rtol=1e-13)


def test_readme_worked_example_identities():
    A = np.array([[2.0, 1.0], [0.0, 3.0]])
    x = np.array([1.0, -1.0])
    assert_allclose(x @ A @ x, 4.0)
    assert_allclose(quadratic_form_gradient(A, x), [3.0, -5.0])
    assert_allclose(quadratic_form_hessian(A), [[4.0, 1.0], [1.0, 6.0]])
    X = np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]])
    assert_allclose(least_squares_gradient(X, [0.0, 1.0], [1.0, 1.0, 3.0]), [-4.0, -4.0])
    assert_allclose(np.round(softmax([1.0, 2.0, 3.0]), 4), [0.0900, 0.2447, 0.6652])
    assert_allclose(round(logsumexp([1.0, 2.0, 3.0]), 4), 3.4076)


# --------------------------------------------------------------------------------------- hypothesis property
@given(st.lists(st.floats(min_value=-50, max_value=50), min_size=1, max_size=8))
def test_softmax_is_a_probability_vector_and_shift_invariant(z):
    s = softmax(z)
    assert np.all(s >= 0)
    assert abs(s.sum() - 1.0) <= len(z) * EPS * 2
    assert_allclose(logsumexp(z), scipy_logsumexp(z), rtol=4 * EPS, atol=8 * EPS * 50)


# ------------------------------------------------------------------------------------------------ bad input
@pytest.mark.parametrize(
    ("call", "exc", "match"),
    [
        (
            lambda: quadratic_form_gradient(np.ones((2, 3)), [1, 2]),
            ValueError,
            r"A must be square, got shape \(2, 3\)",
        ),
        (lambda: quadratic_form_gradient(np.eye(2), [1, 2, 3]), ValueError, "x must have length 2"),
        (
            lambda: quadratic_form_gradient([[np.nan, 0], [0, 1]], [1, 2]),
            ValueError,
            "A must contain only finite",
        ),
        (lambda: quadratic_form_gradient(np.eye(2), [np.inf, 1]), ValueError, "x must contain only finite"),
        (lambda: quadratic_form_hessian(np.ones(3)), ValueError, "A must be a non-empty 2-D array"),
        (lambda: quadratic_form_hessian(np.ones((0, 0))), ValueError, "A must be a non-empty 2-D array"),
        (
            lambda: least_squares_gradient(np.ones((3, 2)), [1, 2, 3], np.ones(3)),
            ValueError,
            "w must have length 2",
        ),
        (
            lambda: least_squares_gradient(np.ones((3, 2)), [1, 2], np.ones(4)),
            ValueError,
            "y must have length 3",
        ),
        (
            lambda: least_squares_gradient(np.ones((3, 2)), [1, 2], [1, np.nan, 0]),
            ValueError,
            "y must contain",
        ),
        (lambda: least_squares_hessian([[1, np.inf]]), ValueError, "X must contain only finite"),
        (lambda: logsumexp([]), ValueError, "z must not be empty"),
        (lambda: softmax([[1.0, 2.0]], axis=2), ValueError, r"axis must be an integer in \[-2, 2\)"),
        (lambda: softmax([1.0, 2.0], axis=None), ValueError, "axis must be an integer"),
        (lambda: log_softmax([[1.0, 2.0]], axis=True), ValueError, "axis must be an integer"),
        (lambda: log_softmax([]), ValueError, "z must not be empty"),
        (lambda: log_softmax([0.0, np.nan]), ValueError, "z must contain only finite"),
        (lambda: softmax_jacobian([[1.0, 2.0]]), ValueError, "z must be a 1-D array"),
        (lambda: softmax([1.0, np.inf]), ValueError, "z must contain only finite"),
        (lambda: softmax_jacobian(["a"]), ValueError, "z must be a real number or a 1-D array"),
        (lambda: second_order_taylor("1", [1.0], [[1.0]], [0.1]), TypeError, "f0 must be a real number"),
        (lambda: second_order_taylor(np.nan, [1.0], [[1.0]], [0.1]), ValueError, "f0 must be finite"),
        (
            lambda: second_order_taylor(1.0, [1.0, 2.0], [[1.0]], [0.1]),
            ValueError,
            r"H must have shape \(2, 2\)",
        ),
        (
            lambda: second_order_taylor(1.0, [1.0], [[1.0]], [0.1, 0.2]),
            ValueError,
            r"dx must have shape \(1,\)",
        ),
        (
            lambda: second_order_taylor(1.0, [1.0], [[1.0]], [np.nan]),
            ValueError,
            "dx must contain only finite",
        ),
    ],
)
def test_bad_input(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


def test_readme_steepest_direction_overflow_and_taylor_slopes():
    # README (Worked example): the steepest direction at (1, 2) is (4, 13) / sqrt(185) ~ (0.294, 0.956)
    def f(v):
        return v[0] ** 2 * v[1] + 3 * v[1] ** 2

    p = np.array([1.0, 2.0])
    g = gradient(f, p)
    assert_allclose(np.round(g / np.linalg.norm(g), 3), [0.294, 0.956])
    # exercise 1: f = e^x sin y at (0, pi/2) along (1, 1) / sqrt(2): D_u f = grad f . u = 1 / sqrt(2) ~ 0.707, and
    # the Hessian has trace 0 (f is harmonic). Central differences: ~eps^(2/3) relative, 8 eps^(1/2) for the Hessian.
    def g(v):
        return np.exp(v[0]) * np.sin(v[1])

    q = np.array([0.0, np.pi / 2])
    u_dir = np.array([1.0, 1.0]) / np.sqrt(2)
    assert round(float(gradient(g, q) @ u_dir), 3) == 0.707
    assert abs(np.trace(hessian(g, q))) < 1e-6
    # README (Pitfalls): the naive log(e^1000 + e^1000) overflows, the shifted formula gives 1000.6931
    with np.errstate(over="ignore"):
        assert np.isinf(np.log(np.exp(1000.0) + np.exp(1000.0)))
    assert round(logsumexp([1000.0, 1000.0]), 4) == 1000.6931
    # README (Taylor expansion): the errors of the linear and quadratic models along v = (1, -1)/sqrt(2) fall with
    # slopes 2 and 3 on log-log axes (the notebook's fit). The cubic remainder of this polynomial is exactly
    # t^3 v_x^2 v_y, so the fitted slopes are 2 and 3 up to the O(t) correction of the linear model's error.
    H = np.array([[4.0, 2.0], [2.0, 6.0]])
    v = np.array([1.0, -1.0]) / np.sqrt(2)
    hs = np.logspace(-3, 0, 30)
    g = np.array([4.0, 13.0])
    f_line = np.array([f(p + h * v) for h in hs])
    err_lin = np.abs(f_line - (f(p) + hs * (g @ v)))
    err_quad = np.abs(f_line - second_order_taylor(f(p), g, H, np.outer(hs, v)))
    slope_lin = np.polyfit(np.log(hs[:15]), np.log(err_lin[:15]), 1)[0]
    slope_quad = np.polyfit(np.log(hs[10:]), np.log(err_quad[10:]), 1)[0]
    assert (round(slope_lin, 2), round(slope_quad, 2)) == (2.00, 3.00)


# ------------------------------------------------------------------ Lagrange multipliers (README, worked example)
def test_readme_lagrange_first_principal_component():
    from linear_algebra.python_implementations.eigen import eigh

    S = np.array([[5.0, 2.0], [2.0, 2.0]])
    lam, V = eigh(S)
    # eigenvalues of a 2x2 symmetric matrix by a backward stable method: within a few eps * ||S|| = 6 of (1, 6)
    assert_allclose(lam, [1.0, 6.0], rtol=0, atol=16 * EPS * 6)
    w = V[:, -1] * np.sign(V[0, -1])
    assert_allclose(w, np.array([2.0, 1.0]) / np.sqrt(5), rtol=0, atol=1e-14)  # gap 5: error ~ eps ||S|| / 5
    assert_allclose(np.round(w, 4), [0.8944, 0.4472])
    grad_f, grad_g = quadratic_form_gradient(S, w), 2 * w
    assert_allclose(grad_f, 6.0 * grad_g, rtol=1e-13, atol=1e-13)  # gradients parallel, ratio lambda = 6
    assert_allclose(np.round(grad_f, 3), [10.733, 5.367])
    assert_allclose(np.round(grad_g, 3), [1.789, 0.894])
    assert_allclose(w @ S @ w, 6.0, rtol=1e-14)
    w_min = V[:, 0] * np.sign(V[0, 0])
    assert_allclose(w_min, np.array([1.0, -2.0]) / np.sqrt(5), rtol=0, atol=1e-14)
    assert_allclose(quadratic_form_gradient(S, w_min), 1.0 * 2 * w_min, rtol=1e-13, atol=1e-13)  # lambda = 1
    assert np.array([1.0, 0.0]) @ S @ np.array([1.0, 0.0]) == 5.0 < 6.0
    # the brute-force scan of the notebook: 180 001 directions on the half circle
    angles = np.linspace(0, np.pi, 180001)
    Wc = np.column_stack([np.cos(angles), np.sin(angles)])
    values = np.einsum("ij,jk,ik->i", Wc, S, Wc)
    # grid step pi / 180000: the maximum is missed by at most (lambda_1 - lambda_2) (step / 2)^2 ~ 4e-10
    assert 6.0 - 1e-9 < values.max() <= 6.0 + 1e-14 and 1.0 - 1e-14 <= values.min() < 1.0 + 1e-9
    # the multiplier is the price of the constraint: on w^T w = c the maximum is 6 c, so d f*/dc = 6 = lambda
    cs = np.array([0.9, 1.0, 1.1])
    f_star = np.array([(np.sqrt(c) * w) @ S @ (np.sqrt(c) * w) for c in cs])
    assert_allclose((f_star[2] - f_star[0]) / 0.2, lam[-1], rtol=1e-12)


def test_readme_lagrange_exercises():
    # exercise 6: max xy subject to x + 2y = 4: (y, x) = lambda (1, 2) and x + 2y = 4, a linear system
    sol = np.linalg.solve([[0.0, 1.0, -1.0], [1.0, 0.0, -2.0], [1.0, 2.0, 0.0]], [0.0, 0.0, 4.0])
    assert_allclose(sol, [2.0, 1.0, 1.0], rtol=1e-14)  # x, y, lambda
    c = 1e-4  # maximum (4 + c)^2 / 8 on x + 2y = 4 + c: slope at c = 0 equals lambda = 1
    assert_allclose(((4 + c) ** 2 / 8 - (4 - c) ** 2 / 8) / (2 * c), 1.0, rtol=1e-10)
    # exercise 7: the second principal component of the first three iris features satisfies
    # grad f = lambda_2 grad g1 + 0 grad g2, and no unit vector orthogonal to v1 does better
    from sklearn.datasets import load_iris

    from linear_algebra.python_implementations.eigen import eigh

    S = np.cov(load_iris().data[:, :3], rowvar=False)
    lam, V = eigh(S)
    v1, v2 = V[:, 2], V[:, 1]
    coef = np.linalg.lstsq(np.column_stack([2 * v2, v1]), quadratic_form_gradient(S, v2), rcond=None)[0]
    # eigenpair residual ~ eps ||S|| (||S|| ~ 3.7): the fitted multipliers are within 1e-13 of (lambda_2, 0)
    assert_allclose(coef, [lam[1], 0.0], rtol=0, atol=1e-13)
    rng = np.random.default_rng(0)
    W = rng.normal(size=(10_000, 3))
    W -= np.outer(W @ v1, v1)
    W /= np.linalg.norm(W, axis=1, keepdims=True)
    assert np.einsum("ij,jk,ik->i", W, S, W).max() <= lam[1] * (1 + 1e-12)


def test_softmax_jacobian_relative_error_bound_with_spread_logits():
    # Docstring bound: every entry within about 2u (k + max_j (m - z_j)) relative. Reference: 60-digit decimal
    # arithmetic (independent of numpy), with 1 - s_i formed as the sum of the other terms so that it does not cancel.
    # Tolerance 4u (k + spread): twice the bound, for libm's exp (within an ulp, not correctly rounded). The logits
    # are not integers, so z_j - m is rounded, unlike at z = (0, z1) in the test above.
    from decimal import Decimal, getcontext

    getcontext().prec = 60
    u = EPS / 2
    rng = np.random.default_rng(3)
    for _ in range(60):
        k = int(rng.integers(2, 7))
        z = rng.uniform(-100.0, 100.0, size=k)
        J = softmax_jacobian(z)
        e = [Decimal(float(v)).exp() for v in z]
        total = sum(e)
        spread = float(z.max() - z.min())
        for i in range(k):
            for j in range(k):
                if i == j:
                    exact = e[i] * sum(e[t] for t in range(k) if t != i) / (total * total)
                else:
                    exact = -e[i] * e[j] / (total * total)
                if abs(exact) < Decimal("1e-290"):  # subnormal range: relative accuracy is not available
                    continue
                rel = abs((Decimal(float(J[i, j])) - exact) / exact)
                assert rel <= Decimal(4 * u * (k + spread)), (z, i, j, rel)


@pytest.mark.parametrize("axis", [None, 0, 1, -1, -2])
def test_logsumexp_along_an_axis_matches_scipy(axis):
    # scipy.special.logsumexp(a, axis) semantics: None sums every entry (a float), an integer removes that axis.
    # Rows of +-1000 (naive exp overflows or underflows) and rows of moderate logits (the log part matters).
    rng = np.random.default_rng(12)
    Z = np.vstack([rng.uniform(-1000.0, 1000.0, size=(3, 5)), [[1000.0, 1000.0, -1000.0, -1000.0, 0.0]],
                   [[-1000.0] * 5], rng.normal(size=(2, 5))])  # (7, 5)
    ref = scipy_logsumexp(Z, axis=axis)
    out = logsumexp(Z, axis=axis)
    assert np.shape(out) == np.shape(ref) and (axis is not None or isinstance(out, float))
    # the same max, exp, sum and log as scipy: a few ulps of the result, or of 1 where the result is near 0
    assert_allclose(out, ref, rtol=4 * EPS, atol=4 * EPS)
    if axis is not None:  # each entry is the 1-D logsumexp of its slice (sums of <= 7 terms: 7 ulps apart at most)
        slices = np.moveaxis(Z, axis, -1)
        assert_allclose(out, [logsumexp(z) for z in slices], rtol=8 * EPS, atol=8 * EPS)


def test_logsumexp_axis_on_three_dimensions_and_bad_axis():
    Z = np.random.default_rng(13).normal(scale=300.0, size=(2, 3, 4))
    assert_allclose(logsumexp(Z, axis=1), scipy_logsumexp(Z, axis=1), rtol=4 * EPS, atol=4 * EPS)
    assert logsumexp([3.0], axis=0) == 3.0 and logsumexp(3.0) == 3.0
    for bad in (2, -3, 1.0, True):
        with pytest.raises(ValueError, match="axis must be None or an integer"):
            logsumexp(np.ones((2, 2)), axis=bad)
    with pytest.raises(ValueError, match="z must contain only finite"):
        logsumexp([[0.0, np.inf]], axis=1)
    with pytest.raises(ValueError, match="z must not be empty"):
        logsumexp(np.ones((0, 3)), axis=1)


# --------------------------------------------------------------------------- softmax along an axis, log_softmax
@pytest.mark.parametrize("axis", [0, 1, -1])
def test_softmax_and_log_softmax_along_an_axis_match_scipy(axis):
    # scipy.special.softmax / log_softmax(a, axis) semantics. Both compute z - m (the same correctly rounded
    # subtraction), one exp per entry (numpy's and scipy's exp may differ by 1 ulp) and one sum of <= 7 terms:
    # a relative error of a few u each, so rtol = 8 eps. log_softmax is compared with atol = 8 eps * |entry|
    # plus the error of the log-sum (8 eps, absolute, since log1p(r) <= log 7).
    from scipy.special import log_softmax as scipy_log_softmax

    rng = np.random.default_rng(21)
    Z = np.vstack([rng.normal(scale=3.0, size=(4, 7)), [[1000.0, -1000.0, 0.0, 3.0, 2.0, 1.0, 0.5]]])  # (5, 7)
    s = softmax(Z, axis=axis)
    assert s.shape == Z.shape
    assert_allclose(s, scipy_softmax(Z, axis=axis), rtol=8 * EPS, atol=1e-300)
    assert_allclose(s.sum(axis=axis), 1.0, rtol=8 * EPS)
    ls = log_softmax(Z, axis=axis)
    assert_allclose(ls, scipy_log_softmax(Z, axis=axis), rtol=8 * EPS, atol=8 * EPS)
    # the old 1-D call is the last-axis call on one row
    assert_allclose(softmax(Z[0]), softmax(Z, axis=-1)[0], rtol=0, atol=0)


def test_log_softmax_keeps_the_digits_that_log_of_softmax_loses():
    # log s_1 for z = (40, 0) is -log(1 + e^-40) = -4.2484e-18; log(softmax) rounds 1 / (1 + e^-40) to 1 and
    # returns 0. Reference math.log1p(math.exp(-40)): two correctly rounded-ish libm calls, a few u relative.
    ls = log_softmax([40.0, 0.0])
    assert_allclose(-ls[0], math.log1p(math.exp(-40.0)), rtol=4 * EPS, atol=0)
    assert_allclose(ls[1], -40.0 - math.log1p(math.exp(-40.0)), rtol=4 * EPS)
    assert np.log(softmax([40.0, 0.0]))[0] == 0.0  # the cancellation log_softmax avoids
    # a logit 1000 below the largest: softmax underflows to 0, log_softmax is -1000 exactly
    assert log_softmax([0.0, -1000.0]).tolist() == [0.0, -1000.0]


@pytest.mark.parametrize("z1", [-40.0, -60.0, -700.0])
def test_logsumexp_keeps_a_tiny_result(z1):
    # lse(0, z1) = log(1 + e^z1) ~ e^z1: the log of the rounded 1 + e^z1 is 0 (the value before log1p was used).
    # log1p(e^z1) has the relative error of one exp and one log1p: a few u (4 eps is generous).
    assert_allclose(logsumexp([0.0, z1]), math.log1p(math.exp(z1)), rtol=4 * EPS, atol=0)
    assert_allclose(logsumexp([[0.0, z1]], axis=1), [math.log1p(math.exp(z1))], rtol=4 * EPS, atol=0)


def test_stable_functions_raise_no_floating_point_error_at_plus_minus_1000():
    # Every floating-point warning is an error here; exponentials of -2000 underflow to 0, which is the correctly
    # rounded value and must not raise (it did: np.exp(z - m) underflowed inside logsumexp).
    z = np.array([1000.0, -1000.0, 0.0])
    with np.errstate(all="raise"):
        assert logsumexp(z) == 1000.0
        assert softmax(z).tolist() == [1.0, 0.0, 0.0]
        assert log_softmax(z).tolist() == [0.0, -2000.0, -1000.0]
        assert softmax_jacobian(z)[0, 0] == 0.0  # s_1 (1 - s_1) with 1 - s_1 = e^-1000 + e^-2000, below subnormals
