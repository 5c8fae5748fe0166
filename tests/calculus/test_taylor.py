"""Tests for calculus.python_implementations.taylor.

References: numpy.polynomial.Polynomial (the same polynomial in the monomial basis), closed forms (exp, sin, the
softplus log(1 + e^x) of the logistic loss, whose derivatives are polynomials in the sigmoid scipy.special.expit),
and the sandwich that the Lagrange form of the remainder gives for exp.
"""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.special import expit

from calculus.python_implementations.taylor import lagrange_remainder_bound, taylor_polynomial

U = 2.0**-53  # unit roundoff


def horner_bound(d, t):
    """Rounding bound of the nested evaluation: about 3 roundings per step (multiply, divide, add) over m steps,
    relative to the sum of the magnitudes of the terms, |d_k| |t|^k / k!; c = 6 also covers the reference."""
    m = len(d) - 1
    terms = sum(abs(d[k]) * np.abs(t) ** k / math.factorial(k) for k in range(m + 1))
    return 6 * max(m, 1) * U * terms


# --------------------------------------------------------------------------------------------------------------
# taylor_polynomial
# --------------------------------------------------------------------------------------------------------------


@settings(max_examples=30, deadline=None)
@given(
    d=st.lists(st.floats(-100, 100, allow_nan=False), min_size=1, max_size=25),
    x0=st.floats(-5, 5),
    x=st.floats(-5, 5),
)
def test_matches_numpy_polynomial_in_the_monomial_basis(d, x0, x):
    coef = [d[k] / math.factorial(k) for k in range(len(d))]  # c_k = d_k / k!
    ref = np.polynomial.Polynomial(coef)(x - x0)
    assert abs(taylor_polynomial(d, x0, x) - ref) <= horner_bound(d, x - x0) + 1e-300


@pytest.mark.parametrize("m", [0, 1, 2, 5, 9])
def test_reproduces_a_polynomial_of_degree_at_most_m(m):
    # a polynomial equals its Taylor polynomial of any degree >= its own, at any expansion point
    p = np.polynomial.Polynomial([1.0, -2.0, 0.5, 3.0, -1.0, 0.25, 0.0, 2.0, -0.5, 1.0][: m + 1])
    x0 = 0.7
    d = [p.deriv(k)(x0) if k else p(x0) for k in range(m + 3)]  # two more terms, both zero
    assert d[-1] == 0.0 and d[-2] == 0.0
    x = np.linspace(-2.0, 2.0, 9)
    got = taylor_polynomial(d, x0, x)
    assert got.shape == x.shape
    assert np.all(np.abs(got - p(x)) <= horner_bound(d, x - x0) * 2 + 1e-15)


def test_scalar_in_scalar_out_and_shapes_are_kept():
    assert isinstance(taylor_polynomial([1.0, 1.0], 0.0, 2.0), float)
    assert taylor_polynomial([1.0, 1.0], 0.0, 2.0) == 3.0
    assert taylor_polynomial(5.0, 1.0, [1.0, 2.0]).tolist() == [5.0, 5.0]  # degree 0: the constant
    assert taylor_polynomial([0.0, 1.0], 0.0, np.zeros((2, 3))).shape == (2, 3)
    x = np.array([1.0, 2.0])
    taylor_polynomial([1.0, 2.0], 0.0, x)
    assert x.tolist() == [1.0, 2.0]  # the caller's array is not touched


def test_no_factorial_overflow_at_high_degree():
    # 300 derivatives of exp at 0: 170! already overflows a double; the nested form never forms k!
    value = taylor_polynomial(np.ones(301), 0.0, 30.0)
    np.testing.assert_allclose(value, math.exp(30.0), rtol=1e-13)  # all terms positive: ~3 m u relative


@pytest.mark.parametrize("m", range(0, 15))
def test_exp_remainder_is_sandwiched_by_the_lagrange_form(m):
    # f = exp, x0 = 0, x = 1: R_m(1) = e^xi / (m + 1)! with xi in (0, 1), so 1/(m+1)! < R_m < e/(m+1)!.
    # The computed remainder e - T_m(1) carries the rounding of T_m (horner_bound) and of e (u e).
    d = np.ones(m + 1)
    remainder = math.e - taylor_polynomial(d, 0.0, 1.0)
    slack = horner_bound(d, 1.0) + U * math.e
    assert 1 / math.factorial(m + 1) - slack <= remainder <= lagrange_remainder_bound(math.e, 0.0, 1.0, m) + slack
    assert remainder > 0


@settings(max_examples=40, deadline=None)
@given(x=st.floats(-4, 4), m=st.integers(0, 20))
def test_sin_remainder_within_the_bound_with_M_equal_1(x, m):
    # every derivative of sin is +-sin or +-cos, so M = 1 for every order
    d = [(0.0, 1.0, 0.0, -1.0)[k % 4] for k in range(m + 1)]
    error = abs(math.sin(x) - taylor_polynomial(d, 0.0, x))
    assert error <= lagrange_remainder_bound(1.0, 0.0, x, m) + horner_bound(d, x) + U


def test_remainder_falls_with_slope_m_plus_1_on_log_log_axes():
    # |R_m(x0 + t)| = |f^(m+1)(xi)| t^(m+1) / (m+1)! with xi -> x0: slope m + 1 as t -> 0. For exp at 0 the next
    # term changes the local slope by about t (m + 1) / (m + 2) <= 0.1 at t = 0.1; the fit over t in [1e-2, 1e-1]
    # is within 0.06. Roundoff stays far below: R_3(0.01) = 4e-10 against a rounding error of 1e-16.
    t = np.logspace(-2, -1, 6)
    for m in (1, 2, 3):
        R = np.abs(np.exp(t) - taylor_polynomial(np.ones(m + 1), 0.0, t))
        slope = np.polyfit(np.log(t), np.log(R), 1)[0]
        assert abs(slope - (m + 1)) <= 0.06


# --------------------------------------------------------------------------------------------------------------
# The README's worked example: the softplus log(1 + e^x), the per-sample logistic loss for the label 0
# --------------------------------------------------------------------------------------------------------------


def softplus_derivatives_at(x):
    """f, f', f'', f''', f'''' of log(1 + e^x), as polynomials in s = sigmoid(x) (independent of the module)."""
    s = expit(x)
    return [np.logaddexp(0.0, x), s, s * (1 - s), s * (1 - s) * (1 - 2 * s), s * (1 - s) * (1 - 6 * s + 6 * s**2)]


def test_softplus_error_slopes_are_2_4_6():
    # README, Intuition: the errors of T_1, T_2, T_4 of the softplus at 0 have slopes 2, 4 and 6, because
    # log(1 + e^x) - x/2 = log(2 cosh(x/2)) = log 2 + x^2/8 - x^4/192 + x^6/2880 - 17 x^8/645120 + ... is even.
    # Over t in [10^-1.5, 10^-1] the next term changes each error by a relative 2 t^2 / 15 at most (T_2; T_1: t^2/24,
    # T_4: 0.076 t^2), i.e. the slope by < 0.003; the smallest error, t^6/2880 = 3.5e-13 at t = 10^-1.5, is 1000 times
    # the rounding error (a few u), which moves the slope by < 0.002. Tolerance 0.01; a slope of m + 1 = 3 or 5 for
    # T_2 or T_4 would miss by 1.
    t = np.logspace(-1.5, -1, 8)
    d = [math.log(2), 0.5, 0.25, 0.0, -0.125]
    for m, slope in [(1, 2), (2, 4), (4, 6)]:
        R = np.abs(np.logaddexp(0.0, t) - taylor_polynomial(d[: m + 1], 0.0, t))
        assert abs(np.polyfit(np.log(t), np.log(R), 1)[0] - slope) <= 0.01


def test_softplus_derivatives_at_zero_are_the_worked_example_numbers():
    d = softplus_derivatives_at(0.0)
    np.testing.assert_allclose(d, [math.log(2), 0.5, 0.25, 0.0, -0.125], atol=1e-16)
    # and they are derivatives: each is the central difference of the previous one
    h = 1e-5
    for k in range(4):
        fd = (softplus_derivatives_at(h)[k] - softplus_derivatives_at(-h)[k]) / (2 * h)
        assert abs(fd - d[k + 1]) <= 1e-9


def test_readme_worked_example_softplus():
    d = [math.log(2), 0.5, 0.25, 0.0, -0.125]
    f1 = math.log1p(math.e)  # 1.313262
    assert round(f1, 6) == 1.313262
    # linear model and its bound: |f''| = s(1 - s) <= 1/4 everywhere
    T1 = taylor_polynomial(d[:2], 0.0, 1.0)
    assert round(T1, 6) == 1.193147 and round(f1 - T1, 6) == 0.120115
    assert lagrange_remainder_bound(0.25, 0.0, 1.0, 1) == 0.125
    # quadratic model and its bound: on [0, 1], |f'''| is largest at x = 1 (s = 0.731), 0.090858
    T2 = taylor_polynomial(d[:3], 0.0, 1.0)
    assert round(T2, 6) == 1.318147 and round(f1 - T2, 6) == -0.004885
    M3 = abs(softplus_derivatives_at(1.0)[3])
    grid = np.linspace(0.0, 1.0, 1001)
    assert M3 >= np.max(np.abs(softplus_derivatives_at(grid)[3]))  # the maximum on [0, 1] is at x = 1
    assert round(M3, 6) == 0.090858
    assert round(lagrange_remainder_bound(M3, 0.0, 1.0, 2), 6) == 0.015143
    assert abs(f1 - T2) <= lagrange_remainder_bound(M3, 0.0, 1.0, 2)
    # global bound |f'''| <= sqrt(3)/18 (maximum of s(1 - s)(1 - 2s) over s in [0, 1])
    s = np.linspace(0, 1, 100_001)
    assert np.max(np.abs(s * (1 - s) * (1 - 2 * s))) <= math.sqrt(3) / 18 + 1e-12
    assert round(math.sqrt(3) / 18 / 6, 4) == 0.016
    # degree 4 (the docstring's example)
    assert round(taylor_polynomial(d, 0.0, 1.0), 6) == 1.312939


def test_readme_worked_example_descent_step():
    # Gradient step from x = 0 with eta = 1/L, L = max f'' = 1/4: x1 = -eta f'(0) = -2. The Lagrange remainder of
    # order 1 gives f(x1) <= f(0) - eta/2 f'(0)^2 = log 2 - 0.5 = 0.193147; in fact f(-2) = 0.126928.
    eta, g = 4.0, 0.5
    x1 = 0.0 - eta * g
    guaranteed = taylor_polynomial([math.log(2), g], 0.0, x1) + lagrange_remainder_bound(0.25, 0.0, x1, 1)
    assert round(guaranteed, 6) == 0.193147
    assert round(math.log1p(math.exp(x1)), 6) == 0.126928 <= guaranteed
    # Newton from x = 0 minimises the quadratic model: -f'(0)/f''(0) = -2, the same step here
    assert -g / 0.25 == x1


def test_readme_exercise_exp_degree_for_1e_minus_10():
    # the bound e / (m + 1)! first drops below 1e-10 at m = 13; measured, degree 12 misses at x = 1
    m = next(m for m in range(30) if lagrange_remainder_bound(math.e, 0.0, 1.0, order=m) <= 1e-10)
    assert m == 13
    assert round(math.e / math.factorial(14) * 1e11, 1) == 3.1 and round(math.e / math.factorial(13) * 1e10, 1) == 4.4
    x = np.linspace(-1.0, 1.0, 201)
    errors = [np.max(np.abs(np.exp(x) - taylor_polynomial(np.ones(k + 1), 0.0, x))) for k in (12, 13)]
    assert round(errors[0] * 1e10, 1) == 1.7 and round(errors[1] * 1e11, 1) == 1.2


# --------------------------------------------------------------------------------------------------------------
# lagrange_remainder_bound
# --------------------------------------------------------------------------------------------------------------


@settings(max_examples=30, deadline=None)
@given(M=st.floats(0, 1e3), x0=st.floats(-10, 10), t=st.floats(-10, 10), m=st.integers(0, 40))
def test_bound_equals_the_closed_form(M, x0, t, m):
    x = x0 + t
    closed = M * abs(x - x0) ** (m + 1) / math.factorial(m + 1)
    # m + 1 products, each rounded once: relative error <= (m + 2) u, plus the rounding of x - x0 in both
    assert lagrange_remainder_bound(M, x0, x, m) == pytest.approx(closed, rel=4 * (m + 2) * U, abs=1e-300)


def test_bound_does_not_overflow_before_the_result():
    # 200^201 overflows, 201! overflows, the quotient does not: 200^201 / 201! = 3.6e86 (Stirling: e^200 / sqrt(...))
    value = lagrange_remainder_bound(1.0, 0.0, 200.0, 200)
    ref = math.exp(201 * math.log(200.0) - math.lgamma(202.0))
    np.testing.assert_allclose(value, ref, rtol=1e-12)
    assert lagrange_remainder_bound(1.0, 3.0, 3.0, 5) == 0.0
    assert lagrange_remainder_bound(1.0, 0.0, np.array([[1.0], [2.0]]), 0).shape == (2, 1)


def test_bound_grows_outside_the_radius_of_convergence():
    # log(1 + x) at 0: |f^(m+1)| <= m! on [0, x], so the bound is x^(m+1) / (m + 1): it shrinks for x < 1 and grows
    # without limit for x = 2 (the series diverges there: radius of convergence 1)
    def bound(x, m):
        return lagrange_remainder_bound(math.factorial(m), 0.0, x, m)

    assert bound(0.5, 30) < 1e-10
    assert bound(2.0, 30) > 1e7  # 2^31 / 31
    d = lambda m: [0.0] + [(-1) ** (k + 1) * math.factorial(k - 1) for k in range(1, m + 1)]  # noqa: E731
    assert abs(taylor_polynomial(d(30), 0.0, 2.0) - math.log(3.0)) > 1e7  # the polynomial really diverges


# --------------------------------------------------------------------------------------------------------------
# Bad input
# --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("derivatives", "match"),
    [
        ([], "derivatives must not be empty"),
        ([[1.0, 2.0]], "derivatives must be a 1-D array"),
        ([1.0, np.nan], "derivatives must contain only finite"),
        ([1.0, np.inf], "derivatives must contain only finite"),
        (["a"], "derivatives must be a real number"),
    ],
)
def test_taylor_polynomial_bad_derivatives(derivatives, match):
    with pytest.raises(ValueError, match=match):
        taylor_polynomial(derivatives, 0.0, 1.0)


def test_taylor_polynomial_bad_x0_and_x():
    with pytest.raises(ValueError, match="x0 must be finite"):
        taylor_polynomial([1.0], np.nan, 1.0)
    with pytest.raises(TypeError, match="x0 must be a real number"):
        taylor_polynomial([1.0], [0.0], 1.0)
    with pytest.raises(ValueError, match="x must contain only finite"):
        taylor_polynomial([1.0], 0.0, [1.0, np.inf])
    with pytest.raises(ValueError, match="x must be a real number or an array"):
        taylor_polynomial([1.0], 0.0, "one")


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"max_derivative": -1.0}, ValueError, "max_derivative must be >= 0"),
        ({"max_derivative": np.inf}, ValueError, "max_derivative must be finite"),
        ({"max_derivative": "1"}, TypeError, "max_derivative must be a real number"),
        ({"order": -1}, ValueError, "order must be >= 0"),
        ({"order": 2.0}, TypeError, "order must be an integer"),
        ({"order": True}, TypeError, "order must be an integer"),
        ({"x0": np.nan}, ValueError, "x0 must be finite"),
        ({"x": [0.0, np.nan]}, ValueError, "x must contain only finite"),
    ],
)
def test_lagrange_remainder_bound_bad_input(kwargs, error, match):
    args = {"max_derivative": 1.0, "x0": 0.0, "x": 1.0, "order": 2, **kwargs}
    with pytest.raises(error, match=match):
        lagrange_remainder_bound(**args)


@settings(max_examples=15, deadline=None)
@given(bad=st.sampled_from([np.nan, np.inf, -np.inf]), where=st.integers(0, 3))
def test_non_finite_derivatives_anywhere_are_refused(bad, where):
    d = [1.0, 2.0, 3.0, 4.0]
    d[where] = bad
    with pytest.raises(ValueError, match="derivatives must contain only finite"):
        taylor_polynomial(d, 0.0, 0.5)
