"""Tests for calculus.python_implementations.derivatives.

References: analytic derivatives, scipy.differentiate.derivative, scipy.optimize (approx_fprime, check_grad,
rosen_der, rosen_hess), scipy.special and scikit-learn for the loss values.
"""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import differentiate, optimize, special
from sklearn.metrics import log_loss, mean_squared_error

from calculus.python_implementations.derivatives import (
    METHODS,
    default_step,
    derivative,
    gradient,
    hessian,
    jacobian,
    log_sigmoid,
    logistic_loss,
    logistic_loss_hessian,
    sigmoid,
    softmax_cross_entropy_loss,
    softplus,
    squared_error_loss,
)

EPS = np.finfo(float).eps

# (f, f', point): smooth functions whose derivatives have the size of the function near the point.
SMOOTH = [
    (np.sin, np.cos, 0.7),
    (np.exp, np.exp, 1.0),
    (np.exp, np.exp, -3.0),
    (np.log, lambda x: 1.0 / x, 2.5),
    (np.tanh, lambda x: 1.0 - np.tanh(x) ** 2, 0.3),
    (lambda x: x**3 - 2 * x, lambda x: 3 * x**2 - 2, 1.5),
    (lambda x: 1.0 / (1.0 + x**2), lambda x: -2 * x / (1.0 + x**2) ** 2, 0.5),
]

# Relative accuracy at the default step, from the error analysis in the README (minimum of truncation + rounding):
# one-sided ~ 2 sqrt(eps) ~ 3e-8, central ~ eps^(2/3) ~ 4e-11, complex ~ eps. A factor ~30 of slack covers
# derivatives up to that much larger than f (e.g. 1 / (1 + x^2)).
RTOL = {"forward": 1e-6, "backward": 1e-6, "central": 1e-9, "complex": 4 * EPS}


def rosenbrock(v):
    return (1 - v[0]) ** 2 + 100 * (v[1] - v[0] ** 2) ** 2


def rosenbrock_gradient(v):
    x, y = v
    return np.array([-2 * (1 - x) - 400 * x * (y - x**2), 200 * (y - x**2)])


def rosenbrock_hessian(v):
    x, y = v
    return np.array([[2 - 400 * (y - x**2) + 800 * x**2, -400 * x], [-400 * x, 200.0]])


# --------------------------------------------------------------------------------------------------------------
# derivative
# --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize(("f", "df", "x"), SMOOTH)
def test_derivative_matches_analytic(f, df, x, method):
    assert_scale = abs(df(x)) + abs(f(x))  # error is relative to the size of f and f'
    assert abs(derivative(f, x, method=method) - df(x)) <= RTOL[method] * assert_scale


@pytest.mark.parametrize(("f", "df", "x"), SMOOTH)
def test_central_derivative_agrees_with_scipy(f, df, x):
    ref = differentiate.derivative(f, x)
    assert ref.success
    # both are accurate to ~1e-10 relative: scipy extrapolates, ours is at the central-difference optimum
    np.testing.assert_allclose(derivative(f, x), ref.df, rtol=1e-9, atol=1e-12)


def test_readme_worked_example_cubic():
    # README: f(x) = x^3 at x = 2 with h = 0.1: forward 12.61, backward 11.41, central 12.01, complex 11.99;
    # the complex step with its default tiny h gives 12 exactly.
    f = lambda x: x**3  # noqa: E731
    assert derivative(f, 2.0, h=0.1, method="forward") == pytest.approx(12.61, abs=1e-12)
    assert derivative(f, 2.0, h=0.1, method="backward") == pytest.approx(11.41, abs=1e-12)
    assert derivative(f, 2.0, h=0.1, method="central") == pytest.approx(12.01, abs=1e-12)
    # complex step: error -h^2 f'''(x) / 6 = -0.01
    assert derivative(f, 2.0, h=0.1, method="complex") == pytest.approx(11.99, abs=1e-12)
    assert derivative(f, 2.0, method="complex") == 12.0  # default h = 2e-20: exact


def test_truncation_orders():
    # In the truncation regime (h >> optimum) dividing h by 10 divides the error by 10 (one-sided,
    # error ~ h f''/2) and by 100 (central, error ~ h^2 f'''/6). Check the ratio of the error to its leading term.
    x, e = 1.0, np.e
    for h in (1e-2, 1e-3):
        err_fwd = derivative(np.exp, x, h=h, method="forward") - e
        err_cen = derivative(np.exp, x, h=h, method="central") - e
        # the next term of the one-sided error is h^2 f'''/6, relative size h/3 of the leading one
        np.testing.assert_allclose(err_fwd / (h * e / 2), 1.0, rtol=h)
        np.testing.assert_allclose(err_cen / (h**2 * e / 6), 1.0, rtol=h)


@pytest.mark.parametrize("h", [1e-8, 1e-20, 1e-100, 1e-300])
def test_complex_step_is_exact_to_roundoff_for_any_small_h(h):
    # no subtraction: the only error is the rounding of exp itself, a few ulps
    for x in (-2.0, 0.5, 3.0):
        assert abs(derivative(np.exp, x, h=h, method="complex") - np.exp(x)) <= 4 * EPS * np.exp(x)


def test_representable_step_gives_exact_slope_of_identity():
    # f(x) = x: with h = (x + h) - x the numerator equals the denominator exactly, so the slope is exactly 1.
    for x in (0.1, 1 / 3, 7.7, 1e5 + 0.1, -123.456):
        for method in ("forward", "backward", "central"):
            assert derivative(lambda t: t, x, method=method) == 1.0


@pytest.mark.parametrize(
    ("method", "theory"), [("forward", 2 * np.sqrt(EPS)), ("central", (3 * EPS) ** (1 / 3))]
)
def test_measured_optimal_step_matches_theory(method, theory):
    # f = exp: |f| = |f''| = |f'''|, so h* = 2 sqrt(eps) (one-sided) and (3 eps)^(1/3) (central) for every x.
    # One error curve is jagged (rounding errors are pseudo-random); averaging over 41 points shows its mean shape.
    hs = np.logspace(-13, -1, 73)
    xs = np.linspace(0.5, 1.5, 41)
    mean_err = [
        np.mean([abs(derivative(np.exp, x, h=h, method=method) / np.exp(x) - 1) for x in xs]) for h in hs
    ]
    h_measured = hs[int(np.argmin(mean_err))]
    assert theory / 10 <= h_measured <= theory * 10
    # the default step sits at the theoretical optimum (x in [0.5, 1.5] -> max(1, |x|) = 1 up to 1.5)
    assert theory / 10 <= default_step(1.0, method)[0] <= theory * 10


def test_default_step_scales_with_x():
    np.testing.assert_allclose(default_step([0.0, 0.5, -4.0], "forward"), np.sqrt(EPS) * np.array([1, 1, 4]))
    np.testing.assert_allclose(default_step(1e6, "central"), [np.cbrt(EPS) * 1e6])
    np.testing.assert_allclose(default_step(2.0, "hessian"), [2 * EPS**0.25])
    np.testing.assert_allclose(default_step(3.0, "complex"), [3e-20])


def test_large_x_still_differentiates():
    # at x = 1e8 a fixed h = 1e-8 would vanish (x + h == x); the relative default step does not
    x = 1e8
    assert derivative(np.log, x) == pytest.approx(1 / x, rel=1e-8)


@given(st.lists(st.integers(-5, 5), min_size=1, max_size=6), st.floats(-3, 3))
def test_complex_step_exact_on_polynomials(coeffs, x):
    # Im p(x + i h) / h = p'(x) - h^2 p'''(x)/6 + ...: with h = 1e-20 the correction is far below roundoff.
    p = np.poly1d(np.array(coeffs, dtype=float))
    exact = p.deriv()(x)
    scale = np.polyval(np.abs(p.deriv().coeffs), abs(x)) + 1.0  # sum of |terms|, bounds the rounding
    assert abs(derivative(p, x, method="complex") - exact) <= 10 * len(coeffs) * EPS * scale


@given(st.floats(-5, 5), st.floats(-5, 5), st.floats(-5, 5), st.floats(-3, 3))
def test_central_difference_exact_on_quadratics(a, b, c, x):
    # (f(x + h) - f(x - h)) / 2h = 2 a x + b exactly for a quadratic: only rounding remains, ~eps |f| / h.
    f = lambda t: a * t**2 + b * t + c  # noqa: E731
    h = default_step(x, "central")[0]
    bound = 10 * EPS * (abs(a) * (abs(x) + h) ** 2 + abs(b) * (abs(x) + h) + abs(c)) / h
    assert abs(derivative(f, x) - (2 * a * x + b)) <= bound


@given(st.floats(-2, 2), st.floats(-3, 3), st.floats(-3, 3))
def test_derivative_is_linear(x, a, b):
    # (a f + b g)' = a f' + b g': finite differences are linear in f, so this holds to rounding
    lhs = derivative(lambda t: a * np.sin(t) + b * np.exp(t), x, method="complex")
    rhs = a * derivative(np.sin, x, method="complex") + b * derivative(np.exp, x, method="complex")
    assert abs(lhs - rhs) <= 8 * EPS * (abs(a) + abs(b) * np.exp(x) + 1)


# --------------------------------------------------------------------------------------------------------------
# gradient, jacobian, hessian
# --------------------------------------------------------------------------------------------------------------

ROSEN_POINTS = [np.array([1.0, 1.0]), np.array([-1.2, 1.0]), np.array([0.3, -0.4]), np.array([2.0, 3.5])]


@pytest.mark.parametrize("x", ROSEN_POINTS)
@pytest.mark.parametrize("method", METHODS)
def test_rosenbrock_gradient(x, method):
    g = gradient(rosenbrock, x, method=method)
    exact = rosenbrock_gradient(x)
    np.testing.assert_allclose(exact, optimize.rosen_der(x))  # the analytic formula is scipy's
    scale = abs(rosenbrock(x)) + np.abs(exact).max() + 100  # Rosenbrock's derivatives are of size 100 |x|^k
    np.testing.assert_allclose(g, exact, atol=RTOL[method] * scale)


@pytest.mark.parametrize("x", ROSEN_POINTS)
def test_gradient_agrees_with_scipy_approx_fprime_and_check_grad(x):
    ours = gradient(rosenbrock, x)
    # scipy uses forward differences with h = sqrt(eps): ~1e-6 absolute error here
    scipy_fd = optimize.approx_fprime(x, rosenbrock)
    np.testing.assert_allclose(ours, scipy_fd, rtol=1e-5, atol=1e-4)
    # check_grad returns ||grad - forward-difference grad||: ours as the "analytic" gradient passes it
    assert optimize.check_grad(rosenbrock, lambda v: gradient(rosenbrock, v), x) < 1e-4


@pytest.mark.parametrize(("m", "n"), [(1, 1), (3, 2), (2, 5), (4, 4)])
@pytest.mark.parametrize("method", METHODS)
def test_jacobian_of_linear_map_is_its_matrix(m, n, method):
    rng = np.random.default_rng(1234)
    A = rng.standard_normal((m, n))
    b = rng.standard_normal(m)
    x = rng.standard_normal(n)
    J = jacobian(lambda v: A @ v + b, x, method=method)
    assert J.shape == (m, n)
    # no truncation error for a linear map: only rounding of F, ~ eps * (|A| |x| + |b|) / h per entry
    h = default_step(x, method).min()
    rounding = 8 * EPS * (np.abs(A) @ (np.abs(x) + 1) + np.abs(b)).max() / (1.0 if method == "complex" else h)
    np.testing.assert_allclose(J, A, atol=rounding)


def test_jacobian_of_polar_map():
    def polar(v):
        r, t = v
        return np.array([r * np.cos(t), r * np.sin(t)])

    r, t = 2.0, 0.6
    exact = np.array([[np.cos(t), -r * np.sin(t)], [np.sin(t), r * np.cos(t)]])
    np.testing.assert_allclose(jacobian(polar, [r, t]), exact, atol=1e-9)
    np.testing.assert_allclose(jacobian(polar, [r, t], method="complex"), exact, atol=4 * EPS)
    # det J = r: the area scaling of polar coordinates
    assert np.linalg.det(jacobian(polar, [r, t])) == pytest.approx(r, rel=1e-9)


def test_jacobian_of_scalar_function_is_gradient_row():
    x = np.array([0.3, -0.4])
    J = jacobian(rosenbrock, x)
    assert J.shape == (1, 2)
    np.testing.assert_allclose(J[0], gradient(rosenbrock, x), rtol=0, atol=0)


@pytest.mark.parametrize("x", ROSEN_POINTS)
def test_rosenbrock_hessian(x):
    H = hessian(rosenbrock, x)
    np.testing.assert_allclose(rosenbrock_hessian(x), optimize.rosen_hess(x))
    np.testing.assert_array_equal(H, H.T)  # symmetric by construction
    # error ~ h^2 f''''/12 + 4 eps |f| / h^2 with h ~ eps^(1/4) ~ 1e-4 relative: about 1e-7 of the scale
    scale = np.abs(rosenbrock_hessian(x)).max() + abs(rosenbrock(x)) + 1
    np.testing.assert_allclose(H, rosenbrock_hessian(x), atol=1e-6 * scale)


@pytest.mark.parametrize("n", [1, 2, 5])
def test_hessian_of_quadratic_form(n):
    rng = np.random.default_rng(1234)
    A = rng.standard_normal((n, n))
    x = rng.standard_normal(n)
    H = hessian(lambda v: v @ A @ v, x)  # Hessian of x^T A x is A + A^T
    np.testing.assert_allclose(H, A + A.T, atol=1e-6 * (np.abs(A).sum() + 1) * (1 + x @ x))


def test_hessian_readme_example():
    # README: f(x, y) = x^2 y + y^3 at (1, 2): gradient (4, 13), Hessian [[4, 2], [2, 12]]
    f = lambda v: v[0] ** 2 * v[1] + v[1] ** 3  # noqa: E731
    np.testing.assert_allclose(gradient(f, [1.0, 2.0]), [4.0, 13.0], rtol=1e-9)
    np.testing.assert_allclose(hessian(f, [1.0, 2.0]), [[4.0, 2.0], [2.0, 12.0]], rtol=1e-6)


def test_inputs_are_not_mutated():
    x = np.array([0.3, -0.4])
    x_copy = x.copy()
    gradient(rosenbrock, x)
    jacobian(rosenbrock, x, method="complex")
    hessian(rosenbrock, x)
    np.testing.assert_array_equal(x, x_copy)


# --------------------------------------------------------------------------------------------------------------
# gradients of ML losses
# --------------------------------------------------------------------------------------------------------------


def _data(n=20, d=3, seed=1234):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((n, d)), rng.standard_normal(d), rng


def test_squared_error_loss_value_and_gradient():
    X, w, rng = _data()
    y = rng.standard_normal(20)
    loss, grad = squared_error_loss(w, X, y)
    assert loss == pytest.approx(mean_squared_error(y, X @ w), rel=1e-12)
    # the loss is quadratic: central differences have no truncation error, only rounding ~ eps |L| / h
    np.testing.assert_allclose(
        grad, gradient(lambda v: squared_error_loss(v, X, y)[0], w), rtol=1e-8, atol=1e-9
    )


def test_logistic_loss_value_and_gradient():
    X, w, rng = _data()
    y = (rng.random(20) < 0.5).astype(float)
    loss, grad = logistic_loss(w, X, y)
    assert loss == pytest.approx(log_loss(y, special.expit(X @ w)), rel=1e-12)
    # central difference error ~ 1e-10 relative at the default step
    np.testing.assert_allclose(grad, gradient(lambda v: logistic_loss(v, X, y)[0], w), rtol=1e-7, atol=1e-9)


@pytest.mark.parametrize("f", [-800.0, -40.0, -1.0, 0.0, 1.0, 40.0, 800.0])
@pytest.mark.parametrize("label", [0.0, 1.0])
def test_logistic_loss_has_no_cancellation(f, label):
    # one sample with logit z = f: loss log(1 + e^f) - y f = log(1 + e^{+-f}) and slope sigma(f) - y. References
    # without cancellation: np.logaddexp(0, +-f) (max + log1p(exp(-|.|))) and scipy.special.expit. Each side is a
    # few roundings of ulp-accurate functions: 4 EPS = 8 u relative. The formula log(1 + e^f) - y f gave loss and
    # slope 0 at f = 40, y = 1, instead of 4.25e-18.
    from scipy.special import expit

    loss, grad = logistic_loss([f], [[1.0]], [label])
    sign = 1.0 if label == 0 else -1.0
    np.testing.assert_allclose(loss, np.logaddexp(0.0, sign * f), rtol=4 * EPS, atol=0)
    np.testing.assert_allclose(grad[0], sign * expit(sign * f), rtol=4 * EPS, atol=0)
    if (f, label) == (40.0, 1.0):
        assert f"{loss:.3g}" == "4.25e-18" and f"{grad[0]:.3g}" == "-4.25e-18"


@pytest.mark.parametrize("z0", [-40.0, -1.0, 0.0, 3.0, 40.0, 800.0])
def test_softmax_cross_entropy_has_no_cancellation(z0):
    # logits (z0, 0, -5) for one sample with label 0: loss = log(e^z0 + 1 + e^-5) - z0 = log1p(e^-z0 + e^(-5-z0))
    # when z0 is the largest. Reference: scipy.special.logsumexp minus z0 is fine when it does not cancel
    # (z0 <= 0); for z0 > 0 the exact loss is log1p(e^-z0 (1 + e^-5)), computed here with np.log1p. The gradient's
    # label entry P_0 - 1 = -(P_1 + P_2) and the other entries P_j: relative error a few u.
    from scipy.special import logsumexp
    from scipy.special import softmax as sp_softmax

    Z = np.array([z0, 0.0, -5.0])
    W = np.diag(Z)  # X = [[1, 1, 1]] gives the logits X W = Z
    loss, grad = softmax_cross_entropy_loss(W, [[1.0, 1.0, 1.0]], [0])
    if z0 > 0:
        ref = np.log1p(np.exp(-z0) * (1 + np.exp(-5.0)))
    else:
        ref = logsumexp(Z) - z0
    np.testing.assert_allclose(loss, ref, rtol=8 * EPS, atol=0)
    P = sp_softmax(Z)
    expected = P.copy()
    expected[0] = -(P[1] + P[2])
    np.testing.assert_allclose(np.diag(grad), expected, rtol=8 * EPS, atol=0)
    if z0 == 40.0:
        assert f"{loss:.3g}" == "4.28e-18"  # e^-40 (1 + e^-5), where log(sum e^z) - z0 rounds to 0


def test_logistic_loss_is_stable_for_huge_logits():
    X = np.array([[1000.0], [-1000.0]])
    loss, grad = logistic_loss([1.0], X, [1.0, 0.0])  # both samples confidently right
    assert loss == 0.0
    np.testing.assert_array_equal(grad, [0.0])
    loss, grad = logistic_loss([1.0], X, [0.0, 1.0])  # both confidently wrong: loss 1000, not inf
    assert loss == pytest.approx(1000.0)
    np.testing.assert_allclose(grad, [1000.0])  # (1/2) [1000 (1 - 0) + (-1000)(0 - 1)]


def test_softmax_cross_entropy_value_and_gradient():
    X, _, rng = _data()
    W = rng.standard_normal((3, 4))
    y = rng.integers(0, 4, size=20)
    loss, grad = softmax_cross_entropy_loss(W, X, y)
    Z = X @ W
    ref = -np.mean(special.log_softmax(Z, axis=1)[np.arange(20), y])
    assert loss == pytest.approx(ref, rel=1e-12)
    assert grad.shape == (3, 4)
    fd = gradient(lambda v: softmax_cross_entropy_loss(v.reshape(3, 4), X, y)[0], W.ravel()).reshape(3, 4)
    np.testing.assert_allclose(grad, fd, rtol=1e-7, atol=1e-9)
    # each row of P - Y sums to 0, so the gradient's rows (over classes) sum to 0
    np.testing.assert_allclose(grad.sum(axis=1), 0.0, atol=10 * EPS * np.abs(X).max())


def test_softmax_cross_entropy_two_classes_equals_logistic():
    # with logits (0, z) softmax cross-entropy is the logistic loss of z
    X, w, rng = _data()
    y = (rng.random(20) < 0.5).astype(float)
    W = np.column_stack([np.zeros(3), w])
    assert softmax_cross_entropy_loss(W, X, y)[0] == pytest.approx(logistic_loss(w, X, y)[0], rel=1e-12)


def test_readme_loss_examples():
    # README worked example: logistic loss at w = 0 is log 2 = 0.693147, gradient (0, -0.75)
    loss, grad = logistic_loss([0.0, 0.0], [[1.0, 2.0], [1.0, -1.0]], [1.0, 0.0])
    assert loss == pytest.approx(np.log(2))
    np.testing.assert_allclose(grad, [0.0, -0.75], atol=1e-15)


# --------------------------------------------------------------------------------------------------------------
# bad input
# --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("func", [derivative, gradient, hessian])
def test_not_callable_is_type_error_naming_f(func):
    with pytest.raises(TypeError, match="f must be callable"):
        func(3.0, 1.0)


def test_jacobian_not_callable_names_F():
    with pytest.raises(TypeError, match="F must be callable"):
        jacobian("F", [1.0])


@pytest.mark.parametrize("x", [np.nan, np.inf, -np.inf])
@pytest.mark.parametrize("func", [derivative, gradient, jacobian, hessian])
def test_non_finite_x(func, x):
    with pytest.raises(ValueError, match="x must"):
        func(np.sin if func is derivative else np.sum, x)


@pytest.mark.parametrize("x", [[1.0, 2.0], [[1.0]], True, 1 + 2j, "abc", None])
def test_derivative_needs_real_scalar(x):
    with pytest.raises(ValueError, match="x must"):
        derivative(np.sin, x)


@pytest.mark.parametrize("x", [[], [[1.0, 2.0]], np.zeros((2, 2)), [1.0, np.nan], "abc"])
@pytest.mark.parametrize("func", [gradient, jacobian, hessian])
def test_vector_x_must_be_finite_1d_nonempty(func, x):
    with pytest.raises(ValueError, match="x must"):
        func(np.sum, x)


@pytest.mark.parametrize("method", ["centre", "Central", "", None, "hessian"])
def test_unknown_method_lists_allowed(method):
    for call in (
        lambda: derivative(np.sin, 1.0, method=method),
        lambda: gradient(np.sum, [1.0], method=method),
    ):
        with pytest.raises(ValueError, match=r"method must be one of .*forward.*backward.*central.*complex"):
            call()
    with pytest.raises(ValueError, match="method must be one of"):
        default_step(1.0, "bogus")


@pytest.mark.parametrize("h", [0.0, -1e-3, np.nan, np.inf])
@pytest.mark.parametrize("func", [derivative, gradient, jacobian, hessian])
def test_bad_step(func, h):
    with pytest.raises(ValueError, match="h must"):
        func(np.sin if func is derivative else np.sum, 1.0, h=h)


@pytest.mark.parametrize("func", [derivative, gradient, hessian])
def test_step_of_wrong_type(func):
    with pytest.raises(TypeError, match="h must be a real number"):
        func(np.sin if func is derivative else np.sum, 1.0, h="0.1")


@pytest.mark.parametrize("func", [derivative, gradient, hessian])
def test_step_too_small_for_x(func):
    with pytest.raises(ValueError, match="too small"):
        func(np.sin if func is derivative else np.sum, 1e10, h=1e-12)


def test_function_returning_nan_is_reported():
    with np.errstate(invalid="ignore"), pytest.raises(ValueError, match="non-finite"):
        derivative(np.log, 0.0)  # log(-h) is nan
    with pytest.raises(ValueError, match="non-finite"):
        gradient(lambda v: np.nan, [1.0, 2.0])


def test_function_returning_wrong_shape():
    with pytest.raises(ValueError, match="f must return a scalar"):
        derivative(lambda x: np.array([x, x]), 1.0)
    with pytest.raises(ValueError, match="f must return a scalar"):
        gradient(lambda v: v, [1.0, 2.0])
    with pytest.raises(ValueError, match="f must return a scalar"):
        hessian(lambda v: v, [1.0, 2.0])
    with pytest.raises(ValueError, match="F must return a scalar or a 1-D array"):
        jacobian(lambda v: np.outer(v, v), [1.0, 2.0])
    with pytest.raises(ValueError, match="F must return real numbers"):
        jacobian(lambda v: "abc", [1.0, 2.0])


def test_complex_step_needs_complex_capable_f():
    with pytest.raises(TypeError, match="f must accept complex input"):
        derivative(math.sin, 1.0, method="complex")
    with pytest.raises(ValueError, match="f returned a real value for complex input"):
        derivative(np.abs, 1.0, method="complex")
    with pytest.raises(ValueError, match="F returned a real value"):
        jacobian(lambda v: np.real(v), [1.0, 2.0], method="complex")


@pytest.mark.parametrize("loss", [squared_error_loss, logistic_loss])
def test_linear_loss_bad_input(loss):
    X = np.ones((3, 2))
    with pytest.raises(ValueError, match="X must"):
        loss([1.0, 1.0], np.ones(3), [0.0, 1.0, 0.0])
    with pytest.raises(ValueError, match="y must have shape"):
        loss([1.0, 1.0], X, [0.0, 1.0])
    with pytest.raises(ValueError, match="w must have 2 rows"):
        loss([1.0, 1.0, 1.0], X, [0.0, 1.0, 0.0])
    with pytest.raises(ValueError, match="w must be 1-D"):
        loss(np.ones((2, 2)), X, [0.0, 1.0, 0.0])
    with pytest.raises(ValueError, match="X must contain only finite"):
        loss([1.0, 1.0], np.full((3, 2), np.nan), [0.0, 1.0, 0.0])
    with pytest.raises(ValueError, match="w must contain only finite"):
        loss([np.inf, 1.0], X, [0.0, 1.0, 0.0])


def test_classification_labels_are_checked():
    X = np.ones((3, 2))
    with pytest.raises(ValueError, match="y must contain only labels 0 and 1"):
        logistic_loss([1.0, 1.0], X, [0.0, 2.0, 1.0])
    with pytest.raises(ValueError, match=r"y must contain integer labels in 0\.\.2"):
        softmax_cross_entropy_loss(np.ones((2, 3)), X, [0, 3, 1])
    with pytest.raises(ValueError, match="y must contain integer labels"):
        softmax_cross_entropy_loss(np.ones((2, 3)), X, [0, 0.5, 1])
    with pytest.raises(ValueError, match="W must be 2-D"):
        softmax_cross_entropy_loss(np.ones(2), X, [0, 1, 1])
    with pytest.raises(ValueError, match="y must contain only finite"):
        softmax_cross_entropy_loss(np.ones((2, 3)), X, [0, np.nan, 1])


# --------------------------------------------------------------------------------------------------------------
# numbers quoted in the README
# --------------------------------------------------------------------------------------------------------------


def test_readme_secant_slopes():
    # README (Intuition): secant slopes of x^3 at x0 = 1 are 3 + 3h + h^2: 7, 4.75, 3.31 for h = 1, 0.5, 0.1
    for h, slope in [(1.0, 7.0), (0.5, 4.75), (0.1, 3.31)]:
        assert derivative(lambda x: x**3, 1.0, h=h, method="forward") == pytest.approx(slope, abs=1e-12)


def test_readme_code_snippet():
    # README (Code): derivative(np.sin, 0) = 0.99999999999389 = sin(h)/h at the central default step (14 digits: the last ones depend on the libm)
    h = default_step(0.0, "central")[0]
    assert derivative(np.sin, 0.0) == pytest.approx(np.sin(h) / h, abs=2 * EPS)
    assert 1 - derivative(np.sin, 0.0) == pytest.approx(h**2 / 6, rel=1e-3)
    # 0.9999999999938886 is 32 ulp from a rounding boundary of the 14th decimal: no libm moves it across
    assert round(derivative(np.sin, 0.0), 14) == 0.99999999999389
    assert derivative(np.exp, 1.0, method="complex") == np.e
    np.testing.assert_allclose(
        jacobian(lambda v: np.array([[1.0, 2.0], [3.0, 4.0]]) @ v, [0.5, -1.0]),
        [[1.0, 2.0], [3.0, 4.0]],
        atol=1e-9,
    )


def test_readme_pitfall_step_sizes():
    # README (Pitfalls): forward h = 1e-10 gives ~6 digits (error ~ 2 eps / h = 4e-6); central h = 1e-8 gives ~8
    # (error ~ eps / h = 2e-8), while the default central step gives ~11. Mean relative error over 41 points.
    xs = np.linspace(0.5, 1.5, 41)

    def mean_err(h, method):
        return np.mean([abs(derivative(np.exp, x, h=h, method=method) / np.exp(x) - 1) for x in xs])

    assert 1e-7 < mean_err(1e-10, "forward") < 1e-5
    assert 1e-10 < mean_err(1e-8, "central") < 1e-7
    assert mean_err(None, "central") < 1e-10


def test_readme_optimal_step_numbers():
    # README: for exp at 1 the formulas give h* = 2 sqrt(eps) = 3.0e-8 (forward) and (3 eps)^(1/3) = 8.7e-6
    # (central), with worst-case errors E(h*) = 2 sqrt(eps |f| M_2) and 1.04 (eps |f|)^(2/3) M_3^(1/3), where
    # |f| = e and M_k = e (1 + h) bounds the k-th derivative on the stencil (exp is within an ulp, eps relative).
    # The package's derivatives at those steps meet the bounds; its default steps are the formulas' orders.
    h_fwd, h_cen = 2 * np.sqrt(EPS), (3 * EPS) ** (1 / 3)
    assert (round(h_fwd, 9), round(h_cen, 7), round(EPS ** (1 / 4), 5)) == (3.0e-8, 8.7e-6, 1.2e-4)
    M = np.e * (1 + 1e-5)
    assert abs(derivative(np.exp, 1.0, h=h_fwd, method="forward") - np.e) <= 2 * np.sqrt(EPS * np.e * M)
    assert abs(derivative(np.exp, 1.0, h=h_cen, method="central") - np.e) <= 1.04 * (EPS * np.e) ** (2 / 3) * M ** (1 / 3)
    assert default_step(1.0, "forward")[0] == np.sqrt(EPS)
    assert default_step(1.0, "central")[0] == np.cbrt(EPS)
    assert default_step(1.0, "hessian")[0] == EPS ** 0.25


# --------------------------------------------------------------------------------------------------------------
# logistic_loss_hessian
# --------------------------------------------------------------------------------------------------------------


def test_logistic_loss_hessian_against_finite_differences_and_the_formula():
    rng = np.random.default_rng(11)
    n, d, alpha = 40, 5, 0.1
    X, w = rng.standard_normal((n, d)), 0.5 * rng.standard_normal(d)  # logits |z| < 3
    y = (rng.random(n) < 0.5).astype(float)
    H = logistic_loss_hessian(w, X, y) + alpha * np.eye(d)  # penalised loss, as for Newton's method
    # (1) Central differences of the analytic gradient (penalty included), step ~ eps^(1/3): the error is about
    # eps^(2/3) ~ 4e-11 times the third derivatives, which are O(1) here; 1e-9 is 25 times that.
    fd = jacobian(lambda v: logistic_loss(v, X, y)[1] + alpha * v, w)
    np.testing.assert_allclose(H, fd, rtol=0, atol=1e-9)
    # (2) The formula X^T diag(p (1 - p)) X / n + alpha I with scipy's expit. For |z| < 3 the weight p (1 - p)
    # is within about e^3 u = 20 u of the module's sigma(z) sigma(-z), and each entry is a sum of n products: the
    # difference is at most (n + 30) u times the same sum with |X| (the penalty adds one rounding).
    p = special.expit(X @ w)
    s = p * (1 - p)
    reference = X.T @ np.diag(s) @ X / n + alpha * np.eye(d)
    scale = (np.abs(X).T * s) @ np.abs(X) / n + alpha * np.eye(d)
    assert np.all(np.abs(H - reference) <= (n + 30) * (EPS / 2) * scale)
    # symmetric and positive definite (smallest eigenvalue at least alpha, up to rounding)
    np.testing.assert_allclose(H, H.T, rtol=0, atol=4 * EPS * np.abs(H).max())
    assert np.linalg.eigvalsh(H).min() >= alpha * (1 - 1e-12)


def test_logistic_loss_hessian_weight_has_no_cancellation():
    # one sample, x = 1, z = 40: the weight sigma(z) sigma(-z) = e^-40 / (1 + e^-40)^2 = 4.25e-18, where
    # p (1 - p) rounds to 0 (1 - sigma(40) = 0 in floating point); a few roundings of exp: 4 EPS relative
    H = logistic_loss_hessian([40.0], [[1.0]], [1.0])
    np.testing.assert_allclose(H, [[np.exp(-40.0) / (1 + np.exp(-40.0)) ** 2]], rtol=4 * EPS, atol=0)
    assert special.expit(40.0) * (1 - special.expit(40.0)) == 0.0
    # at w = 0 every weight is 1/4: the Hessian is X^T X / (4 n), the largest it can be
    X = np.array([[1.0, 2.0], [1.0, -1.0]])
    np.testing.assert_array_equal(logistic_loss_hessian([0.0, 0.0], X, [1.0, 0.0]), X.T @ X / 8)


def test_logistic_loss_hessian_bad_input():
    X = np.ones((3, 2))
    with pytest.raises(ValueError, match="y must have shape"):
        logistic_loss_hessian([1.0, 1.0], X, [0.0, 1.0])
    with pytest.raises(ValueError, match="w must have 2 rows"):
        logistic_loss_hessian([1.0, 1.0, 1.0], X, [0.0, 1.0, 0.0])
    with pytest.raises(ValueError, match="w must be 1-D"):
        logistic_loss_hessian(np.ones((2, 2)), X, [0.0, 1.0, 0.0])
    with pytest.raises(ValueError, match="w must contain only finite"):
        logistic_loss_hessian([np.nan, 1.0], X, [0.0, 1.0, 0.0])
    with pytest.raises(ValueError, match="y must contain only labels 0 and 1"):
        logistic_loss_hessian([1.0, 1.0], X, [0.0, 2.0, 1.0])


def test_readme_logistic_cancellation_numbers():
    # README (Gradients of common ML losses): log(1 + e^40) = 40.0000000000000000042... agrees with 40 to 19 digits,
    # more than a double holds, so the formula as written gives 0; the loss is log1p(e^-40) = 4.25e-18. Reference:
    # 40-digit decimal arithmetic (standard library).
    from decimal import Decimal, getcontext

    getcontext().prec = 40
    big = (1 + Decimal(40).exp()).ln()
    assert str(big).startswith("40.0000000000000000042")
    assert Decimal("1e-19") < (big - 40) / 40 < Decimal("1e-18")  # the first 19 significant digits agree
    assert np.log(1 + np.exp(40.0)) - 40.0 == 0.0
    loss, _ = logistic_loss(np.array([40.0]), np.array([[1.0]]), np.array([1.0]))
    assert f"{loss:.3g}" == "4.25e-18"


# --------------------------------------------------------------------------- sigmoid, log_sigmoid, softplus
# Extreme and ordinary arguments: where naive formulas overflow (1 / (1 + e^1000)), round to 1 (1 - sigma(40)) or
# to log(1) = 0 (log(1 + e^-40)), and the subnormal range.
_LOGITS = np.array([-1000.0, -745.0, -700.0, -40.0, -1.0, -1e-20, 0.0, 1e-20, 0.5, 40.0, 700.0, 1000.0])


def test_sigmoid_and_log_sigmoid_match_scipy():
    # expit, log_expit: the same two-branch formulas; each side is one exp (libm and numpy's SIMD exp may differ
    # by an ulp), one addition, one division or log1p: a few u relative, so rtol = 4 eps. Values that underflow
    # into the subnormals (sigma(-745) ~ 5e-324) have no relative accuracy to compare: atol = the smallest normal.
    tiny = np.finfo(float).tiny
    np.testing.assert_allclose(sigmoid(_LOGITS), special.expit(_LOGITS), rtol=4 * EPS, atol=tiny)
    np.testing.assert_allclose(log_sigmoid(_LOGITS), special.log_expit(_LOGITS), rtol=4 * EPS, atol=tiny)
    # 1 - sigma(x) = sigma(-x): the complement without cancellation; sigma(x) + sigma(-x) = 1 to a few u
    np.testing.assert_allclose(sigmoid(_LOGITS) + sigmoid(-_LOGITS), 1.0, rtol=2 * EPS)


def test_softplus_matches_log1p_exp_reference_and_is_the_integral_of_sigmoid():
    # softplus(x) = log(1 + e^x) = -log_expit(-x); scipy's log_expit computes it with the same exp and log1p:
    # rtol 4 eps as above. Its derivative is sigmoid: central difference with h = 1e-5 on a function with
    # |f'''| <= 0.1, truncation 1e-11, rounding eps |f| / h ~ 1e-10 at |x| <= 5.
    tiny = np.finfo(float).tiny
    np.testing.assert_allclose(softplus(_LOGITS), -special.log_expit(-_LOGITS), rtol=4 * EPS, atol=tiny)
    x = np.linspace(-5.0, 5.0, 11)
    h = 1e-5
    np.testing.assert_allclose((softplus(x + h) - softplus(x - h)) / (2 * h), sigmoid(x), rtol=0, atol=1e-9)
    assert softplus(-40.0) == pytest.approx(math.exp(-40.0), rel=1e-15)  # log(1 + t) = t - t^2/2: t^2 is 1e-35


def test_sigmoid_family_at_plus_minus_1000_raises_no_floating_point_error():
    # e^-1000 underflows to 0, the correctly rounded value; nothing overflows. Every warning is an error here.
    with np.errstate(all="raise"):
        assert sigmoid(-1000.0) == 0.0 and sigmoid(1000.0) == 1.0
        assert log_sigmoid(-1000.0) == -1000.0 and log_sigmoid(1000.0) == 0.0
        assert softplus(1000.0) == 1000.0 and softplus(-1000.0) == 0.0
        out = sigmoid(np.array([[-1000.0, 1000.0]]))
    assert out.shape == (1, 2) and isinstance(sigmoid(0.0), float)


def test_sigmoid_family_infinite_limits_and_bad_input():
    assert sigmoid(np.inf) == 1.0 and sigmoid(-np.inf) == 0.0
    assert softplus(np.inf) == np.inf and softplus(-np.inf) == 0.0
    assert log_sigmoid(-np.inf) == -np.inf and log_sigmoid(np.inf) == 0.0
    for f in (sigmoid, log_sigmoid, softplus):
        with pytest.raises(ValueError, match="x must not contain NaN, got 1 NaN value"):
            f([0.0, np.nan])
        with pytest.raises(ValueError, match="x must be a real number or an array of them"):
            f("a")


def test_logistic_loss_agrees_with_the_public_stable_functions():
    # L = mean(softplus(z) - y z) and grad = X^T (sigma(z) - y) / n from the public functions; |z| ~ 50, so the
    # subtraction softplus(z) - y z cancels up to 50 u relative to the loss: rtol 1e-12 is generous
    rng = np.random.default_rng(3)
    X, w = rng.normal(size=(6, 2)), np.array([30.0, -20.0])
    y = (rng.random(6) < 0.5).astype(float)
    z = X @ w
    loss, grad = logistic_loss(w, X, y)
    assert loss == pytest.approx(np.mean(softplus(z) - y * z), rel=1e-12, abs=0)
    np.testing.assert_allclose(grad, X.T @ (sigmoid(z) - y) / 6, rtol=1e-12, atol=1e-15)
