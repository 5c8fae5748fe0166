"""Tests for calculus.python_implementations.limits.

References: limits known in closed form (sin x / x, (1 - cos x) / x^2, (1 + x)^(1/x) -> e, difference quotients
-> derivatives), numpy/scipy functions that define the value at the removable point (np.sinc, scipy.special.expm1),
and exact polynomial extrapolation for the Richardson table.
"""

import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import special

from calculus.python_implementations.limits import LimitEstimate, limit, one_sided_limit, richardson_table

EPS = np.finfo(float).eps
U = EPS / 2  # unit roundoff u


def _weights(h):
    """Extrapolation weights w_i of T[k, k] = sum_i w_i g(h_i): the Lagrange basis at 0 for the nodes h."""
    return np.array([np.prod([h[j] / (h[j] - h[i]) for j in range(len(h)) if j != i]) for i in range(len(h))])


def _chosen_weights(est):
    """The weights of the diagonal entry that one_sided_limit returned, and that entry's steps."""
    T = richardson_table(est.steps, est.samples)
    k = int(np.flatnonzero(np.diag(T) == est.value)[0])
    return _weights(est.steps[: k + 1]), est.steps[: k + 1]


# Error amplification of the halving table: sum_i |w_i| over every diagonal entry of 10 halving steps is at most
# prod_j (2^j + 1) / (2^j - 1) = 8.26 (8.224 for 10 samples), computed here from the weights themselves.
LAMBDA = max(np.abs(_weights(0.125 * 0.5 ** np.arange(k + 1))).sum() for k in range(10))
# A sample accurate to one ulp (2u relative: sin, tan, pow) extrapolates to within LAMBDA * 2u; c = 4 instead of 2
# allows as much again for the roundings of the table itself.
SMOOTH_RTOL = LAMBDA * 4 * U

# (f, x0, exact limit, tolerance). Tolerances: the Richardson diagonal reaches ~eps for functions that evaluate to
# full precision near x0 (sin x / x, (1 + x)^(1/x)); a difference quotient f(x) - f(x0) over x - x0 loses
# ~eps / h_min ~ 1e-13 to cancellation at the smallest step h_min = 2^-12; (1 - cos x) / x^2 loses eps / h_min^2,
# damped by the extrapolation weights to ~1e-11.
KNOWN = [
    (lambda x: np.sin(x) / x, 0.0, 1.0, SMOOTH_RTOL),
    (lambda x: (1 - np.cos(x)) / x**2, 0.0, 0.5, 1e-10),
    (lambda x: (1 + x) ** (1 / x), 0.0, np.e, SMOOTH_RTOL * np.e),
    (lambda x: (np.exp(x) - 1) / x, 0.0, 1.0, 1e-12),
    (lambda x: (x**3 - 8) / (x - 2), 2.0, 12.0, 1e-11),
    (lambda x: (np.sqrt(x) - 2) / (x - 4), 4.0, 0.25, 1e-12),
    (lambda x: np.tan(x) / x, 0.0, 1.0, SMOOTH_RTOL),
    (lambda x: x**2, 3.0, 9.0, 0.0),  # continuous: limit = value; samples of a quadratic extrapolate exactly
    (lambda x: np.log(x) / (x - 1), 1.0, 1.0, 1e-12),
]


@pytest.mark.parametrize(("f", "x0", "L", "tol"), KNOWN)
def test_known_limits(f, x0, L, tol):
    assert abs(limit(f, x0) - L) <= tol


@pytest.mark.parametrize(("f", "x0", "L", "tol"), KNOWN)
@pytest.mark.parametrize("side", ["left", "right"])
def test_one_sided_limits_agree_and_report_error(f, x0, L, tol, side):
    est = one_sided_limit(f, x0, side=side)
    assert isinstance(est, LimitEstimate)
    assert est.converged
    assert abs(est.value - L) <= tol
    # the error estimate is honest: it bounds the true error within a small factor
    assert abs(est.value - L) <= 10 * est.error + 4 * EPS * abs(L)


def test_against_library_functions_defined_at_the_point():
    # numpy's sinc(t) = sin(pi t) / (pi t) sets sinc(0) = 1; expm1(x) / x -> 1 computed without cancellation
    assert limit(lambda t: np.sin(np.pi * t) / (np.pi * t), 0.0) == pytest.approx(np.sinc(0.0), abs=4 * EPS)
    assert limit(lambda x: special.expm1(x) / x, 0.0) == pytest.approx(1.0, abs=4 * EPS)


def test_f_is_never_evaluated_at_x0():
    seen = []

    def f(x):
        seen.append(x)
        if x == 0.0:
            raise ZeroDivisionError("evaluated at x0")
        return np.sin(x) / x

    limit(f, 0.0)
    assert 0.0 not in seen
    assert sum(x < 0 for x in seen) == sum(x > 0 for x in seen) == 10  # n_steps samples on each side


def test_samples_are_halving_steps():
    est = one_sided_limit(np.cos, 0.0, side="left", h0=0.5, n_steps=4, tol=0.1)
    np.testing.assert_array_equal(est.steps, [0.5, 0.25, 0.125, 0.0625])
    np.testing.assert_array_equal(est.samples, np.cos([-0.5, -0.25, -0.125, -0.0625]))


def test_jump_raises_with_both_values():
    with pytest.raises(ValueError, match="disagree: left -1, right 1"):
        limit(lambda x: abs(x) / x, 0.0)
    with pytest.raises(ValueError, match="disagree: left 0, right 1"):
        limit(np.floor, 1.0)
    assert one_sided_limit(lambda x: abs(x) / x, 0.0, "left").value == -1.0
    assert one_sided_limit(lambda x: abs(x) / x, 0.0, "right").value == 1.0


@pytest.mark.parametrize(
    "f",
    [lambda x: np.sin(1 / x), lambda x: 1 / x, lambda x: 1 / x**2, lambda x: np.cos(1 / x) + 2],
    ids=["sin(1/x)", "1/x", "1/x^2", "cos(1/x)+2"],
)
def test_oscillating_or_infinite_limits_raise(f):
    with pytest.raises(ValueError, match="does not appear to exist"):
        limit(f, 0.0)
    with pytest.warns(RuntimeWarning, match="did not settle"):
        est = one_sided_limit(f, 0.0, "right")
    assert not est.converged
    assert np.isfinite(est.value)  # a finite best guess with a large error estimate, never NaN


def test_limit_passes_other_warnings_through():
    def f(x):
        warnings.warn("from f", UserWarning, stacklevel=1)
        return np.sin(x) / x

    with pytest.warns(UserWarning, match="from f"):
        assert limit(f, 0.0) == pytest.approx(1.0)


def test_fractional_power_is_not_accelerated():
    # sqrt(h) is not a power series in h: the extrapolation does not converge, and says so
    with pytest.warns(RuntimeWarning, match="did not settle"):
        est = one_sided_limit(np.sqrt, 0.0, "right")
    assert not est.converged


def test_large_x0_needs_a_step_on_the_scale_of_f():
    f = lambda x: np.sin(x - 1e6) / (x - 1e6)  # noqa: E731
    with pytest.raises(ValueError, match="does not appear to exist"):
        limit(f, 1e6)  # default h0 = 0.125 * 1e6 is far too coarse for a function with unit-scale features
    # with h0 = 0.125 the samples x0 +- h are exact floats and x - 1e6 is exact (Sterbenz): full accuracy
    assert limit(f, 1e6, h0=0.125) == pytest.approx(1.0, abs=4 * EPS)


def test_readme_cancellation_example():
    # README: naive (1 - cos x) / x^2 at x = 1e-8 gives 0 (cos(1e-8) rounds to 1), at x = 1e-5 about 0.50000004
    # (error ~ eps / x^2 relative); the identity 2 sin^2(x/2) / x^2 gives 0.5 to full precision.
    naive = lambda x: (1 - np.cos(x)) / x**2  # noqa: E731
    stable = lambda x: 2 * np.sin(x / 2) ** 2 / x**2  # noqa: E731
    assert naive(1e-8) == 0.0
    assert naive(1e-5) == pytest.approx(0.50000004, abs=5e-9)
    # relative error 8e-8 at x = 1e-5: only 7 correct digits
    assert round(abs(naive(1e-5) / 0.5 - 1), 8) == 8e-8
    # cos x rounds to exactly 1 once 1 - cos x ~ x^2 / 2 falls below half the float spacing u below 1, that is for
    # x below sqrt(u) ~ 1.05e-8 (u = eps / 2); just above, the naive formula is nonzero (and wildly wrong)
    u = EPS / 2
    assert naive(0.9 * np.sqrt(u)) == 0.0
    assert naive(1.2 * np.sqrt(u)) > 0.0
    assert stable(1e-8) == pytest.approx(0.5, rel=4 * EPS)
    # extrapolation from moderate steps h = 1/8 ... 1/4096 recovers about 11 digits from the naive formula
    est = one_sided_limit(naive, 0.0)
    assert abs(est.value - 0.5) < 1e-10


def test_readme_richardson_example():
    # README: g(h) = (1 + h)^(1/h) at h = 1/2, 1/4, 1/8, 1/16 gives 2.25, 2.441406, 2.565785, 2.637928 (error 0.08
    # at h = 1/16); the Richardson table's last row is 2.637928, 2.710072, 2.716709, 2.717770 (error 5e-4).
    h = np.array([0.5, 0.25, 0.125, 0.0625])
    T = richardson_table(h, (1 + h) ** (1 / h))
    np.testing.assert_allclose(np.round(T[:, 0], 6), [2.25, 2.441406, 2.565785, 2.637928])
    np.testing.assert_allclose(np.round(T[3], 6), [2.637928, 2.710072, 2.716709, 2.717770])
    np.testing.assert_allclose(np.round(np.diag(T), 6), [2.25, 2.632812, 2.709280, 2.717770])
    assert round(np.e - T[3, 0], 2) == 0.08
    assert round(np.e - T[3, 3], 4) == 0.0005


def test_readme_e_example():
    # README: (1 + x)^(1/x) at x = 0.001 is 2.716924 (3 digits); the extrapolated limit is e = 2.718282
    assert round((1 + 0.001) ** (1 / 0.001), 6) == 2.716924
    assert round(limit(lambda x: (1 + x) ** (1 / x), 0.0), 6) == 2.718282


def test_derivative_as_limit_of_difference_quotient():
    # f'(x0) = lim (f(x0 + h) - f(x0)) / h: with f = exp at x0 = 1 this is e
    quotient = lambda h: (np.exp(1.0 + h) - np.exp(1.0)) / h  # noqa: E731
    assert limit(quotient, 0.0) == pytest.approx(np.e, rel=1e-11)


@given(st.lists(st.integers(-9, 9), min_size=1, max_size=8), st.sampled_from([0.5, 0.3, 1.0]))
def test_richardson_is_exact_on_polynomials_of_low_degree(coeffs, h0):
    # polynomial of degree < K in h: the degree-(K-1) interpolant is the polynomial itself, so T[K-1, K-1] = p(0)
    p = np.poly1d(np.array(coeffs, dtype=float))
    h = h0 * 0.5 ** np.arange(8)
    T = richardson_table(h, p(h))
    scale = np.abs(
        p.coeffs
    ).sum()  # bounds |p(h)| for h <= 1; the table amplifies rounding by a modest factor
    assert abs(T[-1, -1] - p(0.0)) <= 1e3 * EPS * scale


@given(st.lists(st.integers(-9, 9), min_size=1, max_size=5), st.floats(-3, 3))
def test_polynomials_are_continuous(coeffs, x0):
    p = np.poly1d(np.array(coeffs, dtype=float))
    scale = np.polyval(np.abs(p.coeffs), abs(x0) + 0.5) + 1  # size of the terms near x0
    assert abs(limit(p, x0) - p(x0)) <= 1e-11 * scale


def test_richardson_general_steps_match_halving_formula():
    # for halving steps the Neville update divides by 2^j - 1, Richardson's classical form
    h = 0.5 ** np.arange(1, 5)
    g = np.exp(h)
    T = richardson_table(h, g)
    assert T[1, 1] == pytest.approx((2 * g[1] - g[0]) / 1, rel=1e-15)
    assert T[2, 2] == pytest.approx((4 * T[2, 1] - T[1, 1]) / 3, rel=1e-15)
    assert np.all(np.isnan(T[np.triu_indices(4, 1)]))


# --------------------------------------------------------------------------------------------------------------
# bad input
# --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("func", [limit, one_sided_limit])
def test_not_callable(func):
    with pytest.raises(TypeError, match="f must be callable"):
        func(1.0, 0.0)


@pytest.mark.parametrize("x0", [np.nan, np.inf, -np.inf])
@pytest.mark.parametrize("func", [limit, one_sided_limit])
def test_non_finite_x0(func, x0):
    with pytest.raises(ValueError, match="x0 must be finite"):
        func(np.sin, x0)


@pytest.mark.parametrize("x0", ["0", [0.0], None, True])
def test_x0_must_be_a_real_number(x0):
    with pytest.raises(TypeError, match="x0 must be a real number"):
        limit(np.sin, x0)


def test_bad_side_and_parameters():
    with pytest.raises(ValueError, match="side must be 'left' or 'right', got 'up'"):
        one_sided_limit(np.sin, 0.0, side="up")
    for h0 in (0.0, -1.0, np.nan, np.inf):
        with pytest.raises(ValueError, match="h0 must"):
            limit(np.sin, 0.0, h0=h0)
    with pytest.raises(ValueError, match="n_steps must be >= 3"):
        limit(np.sin, 0.0, n_steps=2)
    with pytest.raises(TypeError, match="n_steps must be an integer"):
        limit(np.sin, 0.0, n_steps=5.0)
    with pytest.raises(ValueError, match="tol must be > 0"):
        limit(np.sin, 0.0, tol=0.0)


def test_steps_too_small_for_x0():
    with pytest.raises(ValueError, match="too small for x0"):
        limit(np.sin, 1e20, h0=1.0)


def test_f_returning_nan_or_non_number():
    with np.errstate(invalid="ignore"), pytest.raises(ValueError, match="f returned nan"):
        limit(np.sqrt, 0.0)  # sqrt of negative numbers on the left
    with pytest.raises(ValueError, match="f must return a real number"):
        limit(lambda x: [x, x], 0.0)


def test_richardson_table_bad_input():
    with pytest.raises(ValueError, match="one shape"):
        richardson_table([0.5, 0.25], [1.0])
    with pytest.raises(ValueError, match="non-empty 1-D"):
        richardson_table([], [])
    with pytest.raises(ValueError, match="finite"):
        richardson_table([0.5, 0.25], [1.0, np.nan])
    with pytest.raises(ValueError, match="strictly decreasing"):
        richardson_table([0.25, 0.5], [1.0, 2.0])
    with pytest.raises(ValueError, match="positive"):
        richardson_table([0.5, -0.25], [1.0, 2.0])


# --------------------------------------------------------------------------------------------------------------
# numbers quoted in the README
# --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("eps_band", [1.0, 0.1, 0.01, 0.001])
def test_readme_epsilon_delta_proof(eps_band):
    # README: lim_{x -> 3} x^2 = 9 with delta = min(1, eps / 7); for eps = 0.1, delta = 0.014286 and the worst
    # |x^2 - 9| on the window is delta (6 + delta) = 0.085918 < 0.1. The package's own sample points inside the
    # window obey the proof's bound, and the limit it returns is 9.
    delta = min(1.0, eps_band / 7)
    for side in ("left", "right"):
        est = one_sided_limit(lambda x: x**2, 3.0, side=side, h0=1.0, n_steps=16)
        inside = est.steps < delta
        assert inside.any()
        assert np.all(np.abs(est.samples[inside] - 9) <= est.steps[inside] * (6 + est.steps[inside]))
        assert np.all(np.abs(est.samples[inside] - 9) < eps_band)
    assert limit(lambda x: x**2, 3.0) == 9.0  # samples (3 +- h)^2 and the table are exact for these steps
    if eps_band == 0.1:
        assert round(delta, 6) == 0.014286
        assert round(delta * (6 + delta), 6) == 0.085918


def test_readme_code_snippet_values():
    # README (Code, Worked example): sin x / x -> 1 and (1 + x)^(1/x) -> e within 33 u (relative): every sample is
    # within one ulp (1 + h and 1 / h are exact for power-of-two steps), the table amplifies sample errors by at most
    # LAMBDA = 8.22, and c = 4 covers the table's own roundings. The value measured on one machine (x86-64, glibc),
    # 2.7182818284590446, is one ulp below e; another libm may land a few ulps away, never past the bound.
    assert round(LAMBDA, 2) == 8.22 and round(LAMBDA * 4) == 33
    # README: sum |w_i| <= 8.23 for ten halving steps and <= 8.26 for any number (the infinite product 8.256)
    many = max(np.abs(_weights(0.125 * 0.5 ** np.arange(k + 1))).sum() for k in range(40))
    assert LAMBDA <= 8.23 and 8.25 < many <= 8.26
    assert abs(limit(lambda x: np.sin(x) / x, 0.0) - 1.0) <= SMOOTH_RTOL
    assert abs(limit(lambda x: (1 + x) ** (1 / x), 0.0) - np.e) <= SMOOTH_RTOL * np.e
    assert SMOOTH_RTOL * np.e < 1.0e-14


def test_readme_one_minus_cos_bound():
    # README (Code): (1 - cos x) / x^2 -> 0.5 within 7e-11. 1 - cos h is exact (Sterbenz) but cos h is only within
    # one ulp (u near 1) of its value, so a sample is off by at most 2u / h^2 (c = 2: the ulp of cos plus the
    # division). The returned entry sum_i w_i g(h_i) is then off by at most sum_i |w_i| 2u / h_i^2, plus its
    # truncation error, which the accurate samples 2 sin^2(h/2) / h^2 measure (to within LAMBDA * 4u).
    f = lambda x: (1 - np.cos(x)) / x**2  # noqa: E731
    for side in ("left", "right"):
        est = one_sided_limit(f, 0.0, side=side)
        w, h = _chosen_weights(est)
        rounding = np.abs(w) @ (2 * U / h**2)
        truncation = abs(w @ (2 * np.sin(h / 2) ** 2 / h**2) - 0.5) + SMOOTH_RTOL
        assert abs(est.value - 0.5) <= rounding + truncation
        assert rounding + truncation < 7e-11  # the README's "within 7e-11"
    assert abs(limit(f, 0.0) - 0.5) < 7e-11


def test_n_steps_is_the_number_of_samples_and_at_least_three():
    # docstring and README: n_steps counts samples (not halvings), default 10, at least 3
    for n in (3, 10):
        with warnings.catch_warnings():
            # 3 samples: the error estimate of T[1, 1] still compares it with the raw first sample, so even a line
            # is not reported as converged; the value itself is exact
            warnings.simplefilter("ignore", RuntimeWarning)
            est = one_sided_limit(lambda x: 1 + 2 * x, 0.0, n_steps=n)
        assert est.value == 1.0 and est.converged == (n == 10)
        assert est.steps.shape == est.samples.shape == (n,)
        assert est.steps[-1] == 0.125 / 2 ** (n - 1)
    assert one_sided_limit(np.cos, 0.0).steps.shape == (10,)
    with pytest.raises(ValueError, match="n_steps must be >= 3 to estimate an error, got 2"):
        one_sided_limit(np.cos, 0.0, n_steps=2)
    # the documented bound is the one the code checks
    assert "``n_steps < 3``" in one_sided_limit.__doc__ and "n_steps < 2" not in one_sided_limit.__doc__
    assert "at least 3" in one_sided_limit.__doc__
    from pathlib import Path

    readme = (Path(__file__).parents[2] / "calculus/limits_and_continuity/README.md").read_text()
    assert "number of halvings" not in readme and "`n_steps` (number of samples" in readme


def test_readme_x_log_x_exercise():
    # README exercise: x log x -> 0 is not accelerated; |h log h| ~ 2e-3 at the smallest step 2^-12
    with pytest.warns(RuntimeWarning, match="did not settle"):
        est = one_sided_limit(lambda x: x * np.log(x), 0.0)
    assert not est.converged
    assert est.steps[-1] == 2.0**-12
    assert round(abs(est.samples[-1]), 3) == 0.002
