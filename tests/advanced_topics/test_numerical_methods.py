"""Tests for advanced_topics.python_implementations.numerical_methods.

References: scipy.special (logsumexp, softmax, log_softmax, expit, log_expit), math.fsum (exactly rounded sums),
decimal arithmetic with 60 digits (roots of quadratics), numpy.linalg.cond, scipy.optimize (brentq, newton), and the
error analysis of advanced_topics/numerical_methods/README.md: every tolerance below is a bound from that analysis
(u = 2^-53 the unit roundoff), never a number observed on one machine.
"""

from __future__ import annotations

import json
import math
from decimal import Decimal, localcontext
from pathlib import Path

import numpy as np
import pytest
import scipy.optimize
import scipy.special
from hypothesis import given, settings
from hypothesis import strategies as st

from advanced_topics.python_implementations import numerical_methods as nm
from advanced_topics.python_implementations.numerical_methods import (
    RootResult,
    bisection,
    condition_number,
    kahan_sum,
    log_sigmoid,
    log_softmax,
    logsumexp,
    newton_root,
    pairwise_sum,
    quadratic_roots,
    secant,
    sigmoid,
    softmax,
    softplus,
)
from calculus.python_implementations import derivatives, matrix_calculus
from linear_algebra.python_implementations import least_squares
from linear_algebra.python_implementations.matrices import lu, solve

U = 2.0**-53  # unit roundoff of float64
EPS = 2 * U
PHI = (1 + math.sqrt(5)) / 2
CHAPTER = Path(__file__).resolve().parents[2] / "advanced_topics" / "numerical_methods"
README = CHAPTER / "README.md"
NOTEBOOK = CHAPTER / "numerical_methods.ipynb"


def _readme_text() -> str:
    """The README with its line breaks turned into spaces, so that a quoted phrase may span two lines."""
    return " ".join(README.read_text(encoding="utf-8").split())


# ------------------------------------------------------------------------------------------ one implementation
def test_the_stable_functions_are_the_course_s_single_implementations():
    # re-exported, not copied: the very objects that calculus and linear_algebra define
    assert logsumexp is matrix_calculus.logsumexp and softmax is matrix_calculus.softmax
    assert log_softmax is matrix_calculus.log_softmax
    assert sigmoid is derivatives.sigmoid and log_sigmoid is derivatives.log_sigmoid
    assert softplus is derivatives.softplus and condition_number is least_squares.condition_number
    assert set(nm.__all__) >= {"logsumexp", "softmax", "log_softmax", "sigmoid", "log_sigmoid", "softplus",
                               "condition_number"}


# ------------------------------------------------------------------------------- stable functions at +-1000
EXTREME = np.array([-1000.0, -745.5, -40.0, -1.0, 0.0, 1e-300, 3.0, 40.0, 709.0, 1000.0])


def test_stable_functions_match_scipy_special_at_extreme_inputs_without_floating_point_errors():
    # every floating-point warning is an error; exponentials that underflow give the correctly rounded 0.
    # Tolerances: each value is one exp, a sum of <= 10 terms, one log1p or division: a few u per operation plus
    # the rounding of z - m, which is exact or one rounding. scipy does the same operations (its exp may differ
    # from numpy's by an ulp): rtol = 8 eps. Values in the subnormal range carry no relative accuracy: atol = the
    # smallest normal number for the probabilities.
    tiny = np.finfo(float).tiny
    Z = np.vstack([EXTREME, EXTREME[::-1] * 0.5])  # (2, 10)
    with np.errstate(all="raise"):
        lse, s, ls = logsumexp(Z, axis=1), softmax(Z), log_softmax(Z)
        sig, lsig, sp = sigmoid(EXTREME), log_sigmoid(EXTREME), softplus(EXTREME)
    np.testing.assert_allclose(lse, scipy.special.logsumexp(Z, axis=1), rtol=8 * EPS, atol=0)
    np.testing.assert_allclose(s, scipy.special.softmax(Z, axis=-1), rtol=8 * EPS, atol=tiny)
    np.testing.assert_allclose(ls, scipy.special.log_softmax(Z, axis=-1), rtol=8 * EPS, atol=8 * EPS)
    np.testing.assert_allclose(sig, scipy.special.expit(EXTREME), rtol=4 * EPS, atol=tiny)
    np.testing.assert_allclose(lsig, scipy.special.log_expit(EXTREME), rtol=4 * EPS, atol=tiny)
    np.testing.assert_allclose(sp, -scipy.special.log_expit(-EXTREME), rtol=4 * EPS, atol=tiny)
    for values in (lse, s, ls, sig, lsig, sp):
        assert np.all(np.isfinite(values))


def test_readme_stable_formula_numbers():
    # README, Derivation 4: log(e^0 + e^-40) = softplus(-40) = -log_softmax([40, 0])[0] = 4.25e-18, where the naive
    # forms give 0; log_softmax of a logit 1000 below the largest is -1000, where log(softmax) is -inf.
    tiny_value = math.log1p(math.exp(-40.0))  # two libm calls: a few u
    for value in (logsumexp([0.0, -40.0]), logsumexp([[0.0, -40.0]], axis=1)[0], softplus(-40.0),
                  -log_softmax([40.0, 0.0])[0], -log_sigmoid(40.0)):
        # abs=0: pytest.approx otherwise also accepts anything within 1e-12, so the naive 0 would pass
        assert value == pytest.approx(tiny_value, rel=4 * EPS, abs=0)
    assert f"{tiny_value:.3g}" == "4.25e-18"
    assert np.log(np.sum(np.exp(np.array([0.0, -40.0])))) == 0.0  # the naive value the README quotes
    assert log_softmax([0.0, -1000.0])[1] == -1000.0
    with np.errstate(divide="ignore", under="ignore"):
        assert np.log(softmax([0.0, -1000.0]))[1] == -np.inf
    assert 1.0 - sigmoid(40.0) == 0.0 and sigmoid(-40.0) > 0  # 1 - sigma(x) cancels for x > 37; sigma(-x) does not
    # 1 + e^-x rounds to 1 once e^-x < u, that is for x > 53 log 2 = 36.7: the README's "0 for x > 37"
    assert 1.0 - sigmoid(36.0) > 0.0 and 1.0 - sigmoid(37.0) == 0.0
    assert math.copysign(1.0, log_sigmoid(np.inf)) == 1.0  # log_sigmoid(inf) is 0.0, not -0.0 (its docstring)


# -------------------------------------------------------------------------------------------------- summation
@pytest.fixture(scope="module")
def million_tenths():
    """10^6 copies of 0.1, their exactly rounded sum, and the Kahan sum (the suite's one loop of 10^6 floats)."""
    x = [0.1] * 10**6
    return x, math.fsum(x), kahan_sum(x)


def test_kahan_sum_of_a_million_tenths_is_within_2_ulp_of_fsum(million_tenths):
    x, exact, kahan = million_tenths
    assert exact == 100000.0  # the doubles nearest 0.1 add up to 100000.0000000000055..., which rounds to 1e5
    assert abs(kahan - exact) <= 2 * math.ulp(exact)
    # the README table: each method below its bound (n - 1) u S, ceil(log2 n) u S, 2 u S with S = sum |x_i| = 1e5
    naive = float(np.cumsum(x)[-1])  # add.accumulate adds strictly left to right: the naive loop
    S = 1e5
    assert abs(naive - exact) <= (10**6 - 1) * U * S
    assert abs(pairwise_sum(x) - exact) <= 20 * U * S
    assert abs(kahan - exact) <= 2 * U * S
    assert abs(naive - exact) > 100 * abs(kahan - exact) + 1e-7  # the naive loop is far worse
    # README: "With 10^6 copies the naive loop returns 100000.00000133288": left-to-right IEEE additions, the same
    # value on every machine
    assert repr(naive) == "100000.00000133288"
    assert "the naive loop returns 100000.00000133288" in _readme_text()


@pytest.mark.parametrize("n", [1, 2, 3, 7, 64, 1000, 4097])
def test_pairwise_and_kahan_sums_are_below_their_error_bounds(n):
    # Terms of both signs and of sizes over 8 orders of magnitude; reference math.fsum (exactly rounded, so its
    # own error is at most u |sum| <= u S). Bounds: gamma_ceil(log2 n) S for pairwise, (2u + n u^2) S for Kahan,
    # gamma_{n-1} S for the naive loop, each plus the u S of the reference.
    rng = np.random.default_rng(n)
    x = rng.standard_normal(n) * 10.0 ** rng.uniform(-4, 4, n)
    exact = math.fsum(x)
    S = math.fsum(np.abs(x))
    levels = math.ceil(math.log2(n)) if n > 1 else 0
    gamma = lambda m: m * U / (1 - m * U)  # noqa: E731
    assert abs(pairwise_sum(x) - exact) <= (gamma(levels) + U) * S
    assert abs(kahan_sum(x) - exact) <= (2 * U + n * U**2 + U) * S
    assert abs(float(np.cumsum(x)[-1]) - exact) <= (gamma(n - 1) + U) * S


def test_sums_of_small_and_odd_inputs_and_massive_cancellation():
    assert pairwise_sum([1.0, 2.0, 3.0, 4.0, 5.0]) == 15.0 and kahan_sum([[1.0, 2.0], [3.0, 4.0]]) == 10.0
    assert pairwise_sum([]) == 0.0 and kahan_sum([]) == 0.0 and pairwise_sum(np.float64(2.5)) == 2.5
    assert kahan_sum([0.1] * 10) == 1.0 and sum([0.1] * 10) != 1.0  # the docstring's example
    # README: with cancellation, Kahan's bound 2 u sum|x| allows any answer within 2 u 2e100; fsum is exact
    x = [1.0, 1e100, 1.0, -1e100]
    assert math.fsum(x) == 2.0
    assert abs(kahan_sum(x) - 2.0) <= 2 * U * 2e100 and abs(pairwise_sum(x) - 2.0) <= 2 * U * 2e100


@settings(max_examples=25, deadline=None)
@given(st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=1, max_size=40))
def test_kahan_and_pairwise_against_fsum_property(values):
    exact, S = math.fsum(values), math.fsum(abs(v) for v in values)
    assert abs(kahan_sum(values) - exact) <= (3 * U + len(values) * U**2) * S
    assert abs(pairwise_sum(values) - exact) <= (math.ceil(math.log2(len(values))) + 2) * U * S


@pytest.mark.parametrize("bad", [[1.0, np.nan], [np.inf], "abc", [[1.0], [2.0, 3.0]]])
@pytest.mark.parametrize("func", [kahan_sum, pairwise_sum])
def test_sums_refuse_non_finite_and_non_numeric_input(func, bad):
    with pytest.raises(ValueError, match="x must"):
        func(bad)


# ------------------------------------------------------------------------------------------ quadratic formula
def _decimal_roots(a: float, b: float, c: float) -> tuple[Decimal, Decimal]:
    """The real roots of a x^2 + b x + c for the given doubles, to 60 digits, ascending."""
    with localcontext() as ctx:
        ctx.prec = 60
        A, B, C = Decimal(a), Decimal(b), Decimal(c)
        root = (B * B - 4 * A * C).sqrt()
        r1, r2 = (-B - root) / (2 * A), (-B + root) / (2 * A)
        return min(r1, r2), max(r1, r2)


def test_readme_quadratic_worked_example():
    # x^2 - 1e8 x + 1: only correctly rounded operations (IEEE +, -, *, /, sqrt), the same on every machine
    a, b, c = 1.0, -1e8, 1.0
    root = math.sqrt(b * b - 4 * a * c)
    assert b * b - 4 * a * c == 1e16 - 4 and root == 1e8 - 2.0**-26  # 2^-26 = 1.49e-8, one ulp below 1e8
    textbook = (-b - root) / (2 * a)
    assert f"{textbook:.3g}" == "7.45e-09" and round(abs(textbook - 1e-8) / 1e-8, 2) == 0.25
    x1, x2 = quadratic_roots(a, b, c)
    small, large = _decimal_roots(a, b, c)
    assert (x1, x2) == (1e-08, 1e8)
    assert abs(Decimal(x1) - small) <= Decimal(U) * small and abs(Decimal(x2) - large) <= Decimal(U) * large


@pytest.mark.parametrize("seed", range(6))
def test_quadratic_roots_relative_error_bound_against_decimal(seed):
    # Each root's relative error is at most about (3 + 2K) u, K = (b^2 + |4ac|) / |b^2 - 4ac| the cancellation
    # factor of the discriminant (README, Derivation 4); checked with a factor 2 for the second-order terms.
    rng = np.random.default_rng(seed)
    for _ in range(20):
        a, b, c = (rng.choice([-1, 1]) * 10.0 ** rng.uniform(-8, 8) for _ in range(3))
        if b * b < 4 * a * c:
            a = -a if a * c > 0 else a  # make the roots real: a c < 0
        x1, x2 = quadratic_roots(a, b, c)
        K = (b * b + abs(4 * a * c)) / abs(b * b - 4 * a * c)
        for computed, exact in zip((x1, x2), _decimal_roots(a, b, c), strict=True):
            rel = abs((Decimal(computed) - exact) / exact)
            assert rel <= Decimal(2 * (3 + 2 * K) * U), (a, b, c, rel)


def test_quadratic_roots_special_cases():
    assert quadratic_roots(1.0, -3.0, 2.0) == (1.0, 2.0)
    assert quadratic_roots(2.0, 0.0, -8.0) == (-2.0, 2.0)  # b = 0: q = -sqrt(-ac)... no cancellation either
    assert quadratic_roots(1.0, 0.0, 0.0) == (0.0, 0.0) and quadratic_roots(1.0, -2.0, 1.0) == (1.0, 1.0)
    z1, z2 = quadratic_roots(1.0, 0.0, 1.0)
    assert (z1, z2) == (-1j, 1j) and z1.real == 0.0 and math.copysign(1.0, z1.real) == 1.0
    w1, w2 = quadratic_roots(1.0, 2.0, 5.0)  # (x + 1)^2 + 4: -1 -+ 2i, as numpy.roots
    np.testing.assert_allclose(sorted([w1, w2], key=lambda w: w.imag), sorted(np.roots([1, 2, 5]), key=np.imag),
                               rtol=4 * EPS)
    # coefficients near the overflow threshold: b^2 would overflow without the power-of-two scaling
    big = quadratic_roots(1e300, -3e300, 2e300)
    assert big == (1.0, 2.0)
    # the roots of a x^2 + b x + c and of (s a) x^2 + (s b) x + s c are the same
    assert quadratic_roots(3.0, -7.0, 1.5) == quadratic_roots(3e-200, -7e-200, 1.5e-200)


@pytest.mark.parametrize(
    ("args", "exc", "match"),
    [
        ((0.0, 1.0, 1.0), ValueError, r"a must be non-zero .* got a = 0.0"),
        ((1.0, np.nan, 1.0), ValueError, "b must be finite"),
        ((1.0, 1.0, np.inf), ValueError, "c must be finite"),
        (("1", 1.0, 1.0), TypeError, "a must be a real number"),
    ],
)
def test_quadratic_roots_bad_input(args, exc, match):
    with pytest.raises(exc, match=match):
        quadratic_roots(*args)


# --------------------------------------------------------------------------------------------- root finding
def _order(errors, floor=1e-11):
    """Slope of log e_{k+1} against log e_k over the pairs where both errors exceed ``floor``.

    Above 1e-11 the rounding of an iterate (about u |x*| ~ 1e-16 here) perturbs log e_k by at most 1e-5, so the
    fitted slope is a property of the exact iteration, the same on every machine.
    """
    e = np.asarray(errors)
    keep = (e[:-1] > floor) & (e[1:] > floor)
    return np.polyfit(np.log(e[:-1][keep]), np.log(e[1:][keep]), 1)[0]


F_SQRT2 = (lambda x: x * x - 2.0, lambda x: 2.0 * x, math.sqrt(2.0))
F_WALLIS = (lambda x: x**3 - 2.0 * x - 5.0, lambda x: 3.0 * x * x - 2.0, None)  # Wallis's cubic, root 2.0946


@pytest.fixture(scope="module")
def wallis_root():
    return scipy.optimize.brentq(F_WALLIS[0], 2.0, 3.0, xtol=1e-15, rtol=4 * EPS)


def test_newton_order_is_two(wallis_root):
    # e_{k+1} = f''(xi) / (2 f'(x_k)) e_k^2: the factor varies by less than 20 % over the fitted iterates of
    # x^2 - 2 from 1 (from 1/2 to 1/(2 sqrt 2)) and of Wallis's cubic from 2, while log e_k spans more than 5; the
    # slope is 2 within 0.1.
    f, df, root = F_SQRT2
    res = newton_root(f, df, 1.0)
    assert res.converged and abs(res.root - root) <= 2 * U * root
    assert _order(np.abs(res.iterates - root)) == pytest.approx(2.0, abs=0.1)
    f, df, _ = F_WALLIS
    res = newton_root(f, df, 2.0)
    assert _order(np.abs(res.iterates - wallis_root)) == pytest.approx(2.0, abs=0.1)
    # against scipy.optimize.newton: the same root to within the rounding of f near the root (a few u |x*|)
    assert res.root == pytest.approx(scipy.optimize.newton(f, 2.0, fprime=df), rel=4 * EPS)


def test_secant_order_is_the_golden_ratio(wallis_root):
    # e_{k+1} ~ C e_k e_{k-1}: the fitted slope tends to phi = 1.618; over the first steps the transient and the
    # variation of C shift it by less than 0.1 (x^2 - 2 from 1, 2 and the cubic from 2, 3)
    f, _, root = F_SQRT2
    res = secant(f, 1.0, 2.0)
    assert res.converged and abs(res.root - root) <= 2 * U * root
    assert _order(np.abs(res.iterates - root)) == pytest.approx(PHI, abs=0.1)
    res = secant(F_WALLIS[0], 2.0, 3.0)
    assert _order(np.abs(res.iterates - wallis_root)) == pytest.approx(PHI, abs=0.1)
    assert res.n_iter == len(res.iterates) - 2
    assert res.root == pytest.approx(wallis_root, rel=4 * EPS)


def test_bisection_halves_its_error_bound_exactly():
    # On [1, 2] every midpoint is a dyadic number with few bits, so all of this is exact arithmetic: consecutive
    # midpoints are (b - a) / 2^(k+2) apart, the error is at most (b - a) / 2^(k+1), and the order is 1.
    f, _, root = F_SQRT2
    res = bisection(f, 1.0, 2.0, tol=0.0)
    x = res.iterates
    k = np.arange(len(x))
    # (the reference is sqrt(2) rounded, u sqrt(2) away from the root, hence + eps)
    assert np.all(np.abs(x - root) <= 2.0 ** -(k + 1) + EPS)
    assert np.array_equal(np.abs(np.diff(x))[:50], 2.0 ** -(k[:50] + 2))
    assert res.n_iter == 52 and res.converged  # README: 52 halvings to the last bit, then no double in between
    # fitted order: log e_{k+1} vs log e_k has slope 1 (the position of sqrt 2 inside each bracket fluctuates,
    # which bends single steps, not the trend over 50 steps: within 0.1)
    assert _order(np.abs(x - root)) == pytest.approx(1.0, abs=0.1)
    assert res.root == pytest.approx(scipy.optimize.brentq(f, 1.0, 2.0, xtol=1e-15), abs=4 * U * root)


@pytest.mark.parametrize(("a", "b", "tol"), [(0.0, 1.0, 1e-6), (-1.0, 1.0, 1e-9), (-0.5, 0.75, 1e-3)])
def test_bisection_number_of_halvings_is_known_in_advance(a, b, tol):
    # stopping rule: half-width <= tol max(1, |x|). For f(x) = x - 0.3 (root below 1) it is absolute:
    # the first k with (b - a) / 2^(k+1) <= tol, that is ceil(log2((b - a) / tol)) - 1
    res = bisection(lambda x: x - 0.3, a, b, tol=tol)
    assert res.n_iter == math.ceil(math.log2((b - a) / tol)) - 1
    assert abs(res.root - 0.3) <= tol


def test_readme_root_finding_numbers():
    f, df, root = F_SQRT2
    newton = newton_root(f, df, 1.0)
    e = np.abs(newton.iterates - root)
    assert [f"{v:.2g}" for v in e[:5]] == ["0.41", "0.086", "0.0025", "2.1e-06", "1.6e-12"]
    assert [round(r, 2) for r in (e[1:4] / e[:3] ** 2)] == [0.5, 0.33, 0.35]
    assert round(e[4] / e[3] ** 2, 3) == 0.354 == round(1 / (2 * math.sqrt(2)), 3)
    sec = secant(f, 1.0, 2.0)
    e = np.abs(sec.iterates - root)
    assert [f"{v:.2g}" for v in e[:7]] == ["0.41", "0.59", "0.081", "0.014", "0.00042", "2.1e-06", "3.2e-10"]
    res = bisection(f, 1.0, 2.0, tol=1e-6)
    # README: the rule stops at a half-width <= 1e-6 max(1, |x|) = 1.41e-6, after ceil(log2(1 / 1.41e-6)) - 1 = 19
    # halvings; the half-width is then 2^-20 = 9.5e-7, which bounds the error
    threshold = 1e-6 * res.root
    assert f"{threshold:.3g}" == "1.41e-06" and math.ceil(math.log2(1 / threshold)) - 1 == 19 == res.n_iter
    assert abs(res.root - root) <= 2.0**-20 and f"{2.0**-20:.2g}" == "9.5e-07"
    text = _readme_text()
    assert r"\approx 1.41 \times 10^{-6}$" in text and r"\le 2^{-20} \approx 9.5 \times 10^{-7}$" in text


def test_root_finders_return_a_root_result_and_stop_at_an_exact_zero():
    res = bisection(lambda x: x - 1.5, 1.0, 2.0)
    assert isinstance(res, RootResult) and res.root == 1.5 and res.n_iter == 0 and res.converged
    assert bisection(lambda x: x, 0.0, 1.0) == (0.0, 0, True, pytest.approx(np.array([0.0])))
    assert bisection(lambda x: x - 1.0, 0.0, 1.0).root == 1.0
    res = newton_root(lambda x: x - 3.0, lambda x: 1.0, 3.0)
    assert (res.root, res.n_iter, res.converged) == (3.0, 0, True)
    res = newton_root(lambda x: 2.0 * x - 3.0, lambda x: 2.0, 0.0)  # linear: one step lands on the root
    assert res.root == 1.5 and res.iterates.tolist()[:2] == [0.0, 1.5]
    res = secant(lambda x: x - 1.0, 1.0, 5.0)
    assert (res.root, res.n_iter, res.converged, res.iterates.tolist()) == (1.0, 0, True, [1.0])
    res = secant(lambda x: 2.0 * x - 3.0, 0.0, 1.0)
    assert res.root == 1.5 and res.converged


def test_root_finders_tolerance_is_relative_for_large_roots():
    # a root at 1e6: the doubles there are 1.2e-10 apart, so an absolute 1e-12 could never be met;
    # tol * max(1, |x|) is met, and the root is found to within a few ulps
    res = newton_root(lambda x: x * x - 1e12, lambda x: 2.0 * x, 3e6, tol=1e-14)
    assert res.converged and abs(res.root - 1e6) <= 4 * math.ulp(1e6)
    res = bisection(lambda x: x - 1e6 - 0.25, 0.0, 4e6, tol=1e-15)
    assert res.converged and abs(res.root - (1e6 + 0.25)) <= 1e-15 * 1e6 + math.ulp(1e6)


def test_root_finders_report_failure_with_a_warning():
    with pytest.warns(RuntimeWarning, match="the derivative is 0 at x = 0.0"):
        res = newton_root(lambda x: x * x - 1.0, lambda x: 2.0 * x, 0.0)
    assert not res.converged and res.root == 0.0
    with pytest.warns(RuntimeWarning, match="did not converge in max_iter=3"):
        res = newton_root(lambda x: math.atan(x), lambda x: 1.0 / (1.0 + x * x), 2.0, max_iter=3)
    assert not res.converged and res.n_iter == 3 and abs(res.root) > 2.0  # arctan from 2: Newton runs away
    # left alone, the arctan iterates reach 7e168, where 1 / (1 + x^2) underflows to a zero derivative
    with pytest.warns(RuntimeWarning, match="the derivative is 0 at x = "):
        res = newton_root(lambda x: math.atan(x), lambda x: 1.0 / (1.0 + x * x), 2.0, max_iter=50)
    assert not res.converged and math.isfinite(res.root)
    with pytest.warns(RuntimeWarning, match="diverged: f.x. = inf"):
        res = newton_root(lambda x: math.inf if x > 10 else x - 20.0, lambda x: 1.0, 0.0)
    assert not res.converged and res.root == 20.0 and res.n_iter == 1
    with pytest.warns(RuntimeWarning, match="the secant is flat"):
        res = secant(lambda x: x * x - 1.0, -2.0, 2.0)
    assert not res.converged and res.n_iter == 0
    with pytest.warns(RuntimeWarning, match="did not converge in max_iter=2 steps"):
        res = secant(lambda x: x * x - 2.0, 1.0, 2.0, max_iter=2)
    assert not res.converged and res.n_iter == 2 and len(res.iterates) == 4
    with pytest.warns(RuntimeWarning, match="diverged: f.x. = inf at x = 20.0"):
        res = secant(lambda x: math.inf if x > 10 else x - 20.0, 0.0, 1.0)
    assert not res.converged and res.root == 20.0 and res.n_iter == 1
    with pytest.warns(RuntimeWarning, match="did not converge in max_iter=5 halvings"):
        res = bisection(lambda x: x - 0.3, 0.0, 1.0, tol=1e-12, max_iter=5)
    assert not res.converged and res.n_iter == 5 and len(res.iterates) == 6


@pytest.mark.parametrize(
    ("call", "exc", "match"),
    [
        (lambda: bisection(lambda x: x * x + 1.0, -1.0, 1.0), ValueError,
         r"f\(a\) and f\(b\) must have opposite signs .* got f\(-1.0\) = 2 and f\(1.0\) = 2"),
        (lambda: bisection(lambda x: x, 1.0, -1.0), ValueError, r"the bracket needs a < b, got a = 1.0, b = -1.0"),
        (lambda: bisection(lambda x: x, 1.0, 1.0), ValueError, "the bracket needs a < b"),
        (lambda: bisection(lambda x: x, np.nan, 1.0), ValueError, "a must be finite"),
        (lambda: bisection(lambda x: math.nan, 0.0, 1.0), ValueError, r"f\(a\) must be a number, got NaN"),
        (lambda: bisection(lambda x: -1.0 if x == 0 else (math.nan if x == 0.5 else 1.0), 0.0, 1.0), ValueError,
         r"f\(x\) must be a number, got NaN at x = 0.5"),
        (lambda: bisection(lambda x: [x, x], -1.0, 1.0), ValueError, r"f\(x\) must return one real number"),
        (lambda: bisection(lambda x: x, -1.0, 1.0, tol=-1.0), ValueError, "tol must be >= 0"),
        (lambda: bisection(lambda x: x, -1.0, 1.0, max_iter=0), ValueError, "max_iter must be >= 1"),
        (lambda: bisection("f", -1.0, 1.0), TypeError, "f must be callable"),
        (lambda: newton_root(lambda x: x, "df", 1.0), TypeError, "df must be callable"),
        (lambda: newton_root(lambda x: x, lambda x: 1.0, np.inf), ValueError, "x0 must be finite"),
        (lambda: newton_root(lambda x: x, lambda x: "one", 1.0), ValueError, r"df\(x\) must return one real"),
        (lambda: secant(lambda x: x, 1.0, 1.0), ValueError, r"x0 and x1 must differ .* got x0 = x1 = 1.0"),
        (lambda: secant(lambda x: x, 0.0, np.nan), ValueError, "x1 must be finite"),
        (lambda: secant(lambda x: x, 0.0, 1.0, tol=np.nan), ValueError, "tol must be finite"),
    ],
)
def test_root_finders_bad_input(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


# ------------------------------------------------------------------------- conditioning and perturbation
def test_perturbation_theorem_amplification_is_at_most_kappa_and_attained():
    # A = U diag(s) V^T with kappa(A) = 1e6. A relative change eps of b moves x by at most kappa eps (README,
    # Derivation 3); with x along v_1 and the change along u_n the factor is kappa exactly. The solve itself adds
    # a relative error of about c n u kappa = 1e-9 (c n = 10), against a change of kappa eps = 1e-2 (eps = 1e-8):
    # the measured factor is kappa to within 1e-9 / 1e-2 = 1e-7 relative; tolerance 1e-5.
    rng = np.random.default_rng(5)
    n, kappa, eps = 5, 1e6, 1e-8
    Uq, _ = np.linalg.qr(rng.standard_normal((n, n)))
    Vq, _ = np.linalg.qr(rng.standard_normal((n, n)))
    s = np.logspace(0, -6, n)
    A = (Uq * s) @ Vq.T  # (n, n)
    assert condition_number(A) == pytest.approx(kappa, rel=1e-8)  # SVD of A: relative error u kappa
    x = Vq[:, 0]
    b = A @ x
    x_hat = solve(A, b)

    def amplification(db):
        dx = solve(A, b + db) - x_hat
        return (np.linalg.norm(dx) / np.linalg.norm(x_hat)) / (np.linalg.norm(db) / np.linalg.norm(b))

    worst = amplification(eps * np.linalg.norm(b) * Uq[:, -1])
    assert worst == pytest.approx(condition_number(A), rel=1e-5)
    for _ in range(5):  # any other direction: between 1/kappa and kappa (up to the same 1e-5)
        assert amplification(eps * np.linalg.norm(b) * rng.standard_normal(n) / math.sqrt(n)) <= kappa * (1 + 1e-5)


def test_readme_nearly_singular_system():
    A = np.array([[1.0, 1.0], [1.0, 1.0 + 1e-6]])
    kappa = condition_number(A)
    assert f"{kappa:.2g}" == "4e+06" and kappa == pytest.approx(np.linalg.cond(A), rel=1e-8)
    b = np.array([2.0, 2.0 + 1e-6])
    x = solve(A, b)
    x_new = solve(A, b + np.array([0.0, 1e-6]))
    # solving loses about log10(kappa) = 6.6 digits: x and x_new are (1, 1) and (0, 2) to 1e-9
    np.testing.assert_allclose(x, [1.0, 1.0], atol=1e-9)
    np.testing.assert_allclose(x_new, [0.0, 2.0], atol=1e-9)
    rel_b = 1e-6 / np.linalg.norm(b)
    rel_x = np.linalg.norm(x_new - x) / np.linalg.norm(x)
    assert f"{rel_b:.2g}" == "3.5e-07" and round(rel_x, 6) == 1.0
    assert f"{rel_x / rel_b:.2g}" == "2.8e+06" and rel_x / rel_b <= kappa


def test_condition_number_orders_via_the_reexport_match_numpy():
    # kappa_p = ||A||_p ||A^-1||_p; the inverses of both implementations carry relative errors ~ n u kappa
    A = np.array([[4.0, 1.0, 0.5], [2.0, 3.0, 1.0], [0.0, 1.0, 2.0]])
    for ord in (1, 2, np.inf, "fro"):
        assert condition_number(A, ord) == pytest.approx(np.linalg.cond(A, ord), rel=100 * 3 * U * 10)


# ------------------------------------------------------------------------------- floating point, the README table
def test_readme_floating_point_table():
    rows = {np.float64: (53, "1.1e-16", "1.8e+308", "2.2e-308", "4.9e-324", "709.78"),
            np.float32: (24, "6.0e-08", "3.4e+38", "1.2e-38", "1.4e-45", "88.72"),
            np.float16: (11, "4.9e-04", "6.6e+04", "6.1e-05", "6.0e-08", "11.09")}
    for dtype, (p, u, largest, normal, subnormal, exp_max) in rows.items():
        fi = np.finfo(dtype)
        assert fi.nmant + 1 == p and f"{float(fi.eps) / 2:.1e}" == u
        assert f"{float(fi.max):.1e}" == largest and f"{float(fi.tiny):.1e}" == normal
        assert f"{float(fi.smallest_subnormal):.1e}" == subnormal and f"{math.log(float(fi.max)):.2f}" == exp_max
    assert float(np.finfo(np.float16).max) == 65504.0
    # bfloat16 (not in numpy): 8 bits of precision, float32's exponent range
    assert f"{2.0**-8:.1e}" == "3.9e-03" and f"{(2 - 2.0**-7) * 2.0**127:.1e}" == "3.4e+38"
    assert f"{2.0**-126:.1e}" == "1.2e-38" and f"{2.0**-133:.1e}" == "9.2e-41"
    assert f"{math.log((2 - 2.0**-7) * 2.0**127):.2f}" == "88.72" and 2.0**-8 / 2.0**-24 == 65536
    # ulp: the Definitions' examples, and exercise 1
    assert math.ulp(1.0) == EPS and math.ulp(1e5) == 2.0**-36 and math.ulp(2.0**10) == 2.0**-42
    assert 1e16 + 1 == 1e16 and 0.1 + 0.2 != 0.3


def test_readme_cancellation_numbers():
    # log(1 + 1e-10): 1 + 1e-10 rounds (IEEE addition), then log is accurate to an ulp; the relative error of the
    # naive value is that of the rounding, 8.27e-8, to 3 digits whatever the libm
    naive, good = math.log(1 + 1e-10), math.log1p(1e-10)
    assert 1 + 1e-10 == 1 + 1.00000008274037e-10
    assert f"{naive:.10e}" == "1.0000000827e-10" and f"{good:.10e}" == "9.9999999995e-11"
    assert f"{abs(naive - good) / good:.2g}" == "8.3e-08"
    # expm1 (Derivation 2): exp(1e-10) - 1 has a relative error of 8e-8
    assert f"{abs((math.exp(1e-10) - 1) - math.expm1(1e-10)) / math.expm1(1e-10):.1g}" == "8e-08"
    # exercise 4: the one-pass variance of 1e8 + (1, 2, 3) has no correct digit; two-pass gives 2/3
    x = 1e8 + np.array([1.0, 2.0, 3.0])
    one_pass = np.mean(x * x) - np.mean(x) ** 2
    two_pass = np.mean((x - np.mean(x)) ** 2)
    assert abs(one_pass - 2 / 3) > 0.3 and two_pass == pytest.approx(2 / 3, rel=4 * EPS)


def test_readme_summation_table_for_a_hundred_thousand_tenths():
    # README worked example: 1e5 copies of 0.1, S = sum |x_i| = 1e4, bounds (n - 1) u S, 17 u S, 2 u S; the measured
    # column is labelled as measured on one machine, so only the bounds and the exact reference are pinned here
    x = np.full(10**5, 0.1)
    exact = math.fsum(x)
    assert exact == 10000.0 and math.ceil(math.log2(10**5)) == 17
    S = 1e4
    naive = float(np.cumsum(x)[-1])
    assert f"{(10**5 - 1) * U * S:.1e}" == "1.1e-07" and f"{17 * U * S:.1e}" == "1.9e-11"
    assert f"{2 * U * S:.1e}" == "2.2e-12"
    assert abs(naive - exact) <= (10**5 - 1) * U * S
    assert abs(pairwise_sum(x) - exact) <= 17 * U * S and abs(kahan_sum(x) - exact) <= 2 * U * S
    # float32: the naive loop over 1e6 copies is within its bound (n - 1) u32 S + the rounding of 0.1 to float32
    # (3e-9 relative), and more than 0.5 % off (the README's "1 % off", measured 100958.34)
    x32 = np.full(10**6, 0.1, dtype=np.float32)
    naive32 = float(np.cumsum(x32)[-1])
    assert abs(naive32 - 1e5) <= (10**6 - 1) * 2.0**-24 * 1e5 + 1e5 * 2.0**-24
    assert abs(naive32 - 1e5) > 0.005 * 1e5
    # the introduction: "a float32 sum of a million copies of 0.1 is 1 % off"; np.cumsum adds strictly left to right,
    # each addition an IEEE float32 rounding, so the value is the same on every machine
    assert f"{naive32:.2f}" == "100958.34" and round(abs(naive32 - 1e5) / 1e5, 2) == 0.01
    assert "a float32 sum of a million copies of 0.1 is 1 % off" in _readme_text()


# ------------------------------------------------------------------ what the text says, against what the code computes
def test_readme_quotes_the_fitted_orders_of_convergence():
    # README, "Measuring the order": the slopes the notebook fits (errors above 1e-11, every iterate an exact IEEE
    # computation; polyfit's own rounding moves the slope by ~1e-15, far from the 2-decimal rounding boundaries:
    # 0.9699, 1.6438, 2.0536)
    f, df, root = F_SQRT2
    runs = (bisection(f, 1.0, 2.0, tol=0.0), secant(f, 1.0, 2.0), newton_root(f, df, 1.0))
    orders = [f"{_order(np.abs(res.iterates - root)):.2f}" for res in runs]
    assert orders == ["0.97", "1.64", "2.05"]
    assert f"finds {orders[0]}, {orders[1]} and {orders[2]}" in _readme_text()


def test_readme_quotes_the_digits_that_log_of_one_plus_x_loses():
    # README, worked example "log1p": a relative error of 8.3e-8 leaves -log10(8.3e-8) = 7.1 correct digits of the
    # 16 a double carries; log10(8.3e-8 / u) = 8.9 digits are lost
    rel = abs(math.log(1 + 1e-10) - math.log1p(1e-10)) / math.log1p(1e-10)
    kept, lost = round(-math.log10(rel)), round(math.log10(rel / U))
    assert (kept, lost) == (7, 9)
    assert f"only {kept} correct digits are left, {lost} are lost to one rounding" in _readme_text()
    # the notebook's check, "more than eight digits lost", is the statement rel > 1e8 u
    assert rel > 1e8 * U


def test_readme_motivation_numbers_float16():
    # "a logit of 12 in a float16 softmax written as exp(z) / exp(z).sum() is already a nan": exp(12) = 162755 > 65504
    z = np.array([12.0, 0.0], dtype=np.float16)
    with np.errstate(over="ignore", invalid="ignore"):
        assert np.isnan((np.exp(z) / np.exp(z).sum())[0])
        # Pitfalls: "squares of 256 or more overflow" in float16 (256^2 = 65536 rounds beyond 65504 to inf)
        assert np.isinf(np.float16(256.0) ** 2) and np.isfinite(np.float16(255.875) ** 2)
    assert "squares of 256 or more overflow" in _readme_text()


def test_readme_naive_binary_cross_entropy_has_no_correct_digit():
    # "written as log(1 + exp(z)) - y z it has no correct digit for a confident correct prediction": at z = 40, y = 1
    # the true loss is softplus(-40) = 4.25e-18; 1 + e^40 rounds to e^40 (up to its own rounding), whose log is 40 up to
    # an ulp of 40 (7e-15), so the naive value is 0 or rounding noise: wrong by at least 99 % of the true value
    z, y = 40.0, 1.0
    naive = math.log(1 + math.exp(z)) - y * z
    true = softplus(-z)
    assert true == pytest.approx(math.exp(-40.0), rel=4 * EPS, abs=0)  # abs=0: approx's default 1e-12 accepts 0
    assert abs(naive - true) >= 0.99 * true
    assert "it has no correct digit for a confident correct prediction" in _readme_text()


def test_quadratic_roots_returns_the_roots_in_increasing_order():
    # quadratic_roots returns the roots in increasing order: here c / q first, then q / a (README, Code)
    q = 1e8  # -(b + sign(b) sqrt(b^2 - 4ac)) / 2 for a, b, c = 1, -1e8, 1
    assert quadratic_roots(1.0, -1e8, 1.0) == (1.0 / q, q / 1.0)
    assert "in increasing order" in _readme_text()


def test_notebook_naive_sigmoid_cell_states_what_goes_wrong():
    # notebook section 5: the naive sigmoid at -1000 returns the right 0.0, but only through exp(1000) = inf (an error
    # under np.errstate(all="raise")), and its logarithm is -inf where log_sigmoid gives -1000
    with np.errstate(over="ignore", divide="ignore"):
        naive = 1 / (1 + np.exp(1000.0))
        assert naive == 0.0 and np.log(naive) == -np.inf
    with np.errstate(all="raise"):
        with pytest.raises(FloatingPointError):
            np.exp(1000.0)
        assert log_sigmoid(-1000.0) == -1000.0
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    outputs = "".join(o.get("text", "") if isinstance(o.get("text", ""), str) else "".join(o["text"])
                      for c in cells if c["cell_type"] == "code" for o in c["outputs"])
    assert "log(naive sigmoid(-1000)) = -inf" in outputs
    assert "more than eight digits lost" in outputs


# ------------------------------------------------------- numerical analysis: claims no other test exercised
def test_kahan_sum_of_an_overflowing_sum_is_inf_like_the_naive_loop_not_nan():
    # finite terms whose running sum overflows: the compensation (t - s) - y would be inf - inf = NaN, which then
    # poisons the result; the naive loop and np.sum return inf with an overflow warning, and so does kahan_sum
    for sign in (1.0, -1.0):
        with pytest.warns(RuntimeWarning, match="overflow"):
            assert kahan_sum([sign * 1e308, sign * 1e308, 1.0]) == sign * math.inf
    assert sum([1e308, 1e308, 1.0]) == math.inf


def test_bisection_midpoint_cannot_overflow():
    # Notes of bisection: the midpoint is a/2 + b/2; (a + b)/2 overflows to inf for a bracket near the largest double
    res = bisection(lambda x: x - 1.5e308, 1e308, 1.7e308, tol=1e-12)
    assert res.converged and abs(res.root - 1.5e308) <= 1e-12 * 1.5e308


def test_bisection_tests_the_signs_not_the_product_which_underflows():
    # README, Pitfalls: f(0) f(1) = (-3e-201)(7e-201) underflows to -0.0, a product without a sign
    f = lambda x: 1e-200 * (x - 0.3)  # noqa: E731
    assert f(0.0) * f(1.0) == 0.0
    res = bisection(f, 0.0, 1.0, tol=1e-12)
    assert res.converged and abs(res.root - 0.3) <= 1e-12


def test_newton_and_secant_report_a_step_that_overflows():
    # a step f / f' (or through a secant) beyond the largest double is divergence, never a converged inf
    with pytest.warns(RuntimeWarning, match=r"the step from x = 0.0 overflows"):
        res = newton_root(lambda x: x - 1.0, lambda x: 1e-310, 0.0)
    assert not res.converged and res.root == 0.0 and res.n_iter == 0
    with pytest.warns(RuntimeWarning, match=r"the step from x = 1e\+308 overflows"):
        res = secant(lambda x: 2.0 if x > 0 else 1.0, -1e308, 1e308)  # x1 - x0 = 2e308 overflows
    assert not res.converged and res.root == 1e308 and res.n_iter == 0


def test_the_stopping_rule_is_relative_and_stops_as_soon_as_it_is_met():
    # the rule shared by the three methods: stop at the first step whose change (bisection: the half-width of the
    # bracket) is <= tol max(1, |x|). Near a root of 1e6 with tol = 1e-9 that is a change <= 1e-3, not <= 1e-9.
    tol = 1e-9

    def threshold(x):
        return tol * max(1.0, abs(x))

    res = bisection(lambda x: x - 1e6 - 0.25, 0.0, 4e6, tol=tol)
    x = res.iterates
    half = 2e6 / 2.0 ** np.arange(len(x))  # half-width after k halvings: exact powers of two
    assert half[-1] <= threshold(x[-1]) and half[-2] > threshold(x[-2])
    assert res.n_iter == math.ceil(math.log2(2e6 / (tol * 1e6)))  # first k with 2e6 / 2^k <= 1e-3: k = 31
    # root sqrt(2e12) = 1414213.56..., not a double: the iterations never stop on an exact f(x) = 0
    newton = newton_root(lambda x: x * x - 2e12, lambda x: 2.0 * x, 3e6, tol=tol)
    sec = secant(lambda x: x * x - 2e12, 3e6, 2e6, tol=tol)
    for res, first in ((newton, 0), (sec, 1)):  # the secant's first difference is x1 - x0, not a step
        x = res.iterates
        steps = np.abs(np.diff(x))[first:]
        assert res.converged and steps[-1] <= threshold(x[-1])
        assert all(step > threshold(x_k) for step, x_k in zip(steps[:-1], x[first + 1:-1], strict=True))
        assert abs(res.root - math.sqrt(2e12)) <= 1e-3


def test_perturbation_bound_two_eps_kappa_is_attained_to_first_order():
    # README, Derivation 3: with x = v_1, Delta b = eps s_1 u_n and Delta A = -eps s_1 u_n v_1^T (relative sizes eps
    # both), (A + Delta A)(v_1 + t v_n) = s_1 u_1 - eps s_1 u_n + t s_n u_n equals b + Delta b for t = 2 eps kappa:
    # the change of x is exactly 2 eps kappa, the bound 2 eps kappa / (1 - eps kappa) up to its denominator.
    # The solve adds ~ c n u kappa = 1e-9 against 2 eps kappa = 2e-2: relative 1e-7; tolerance 1e-5.
    rng = np.random.default_rng(7)
    n, eps = 5, 1e-8
    Uq, _ = np.linalg.qr(rng.standard_normal((n, n)))
    Vq, _ = np.linalg.qr(rng.standard_normal((n, n)))
    s = np.logspace(0, -6, n)
    A = (Uq * s) @ Vq.T  # (n, n), kappa = 1e6
    kappa = s[0] / s[-1]
    x = Vq[:, 0]
    b = A @ x
    dA = -eps * s[0] * np.outer(Uq[:, -1], Vq[:, 0])  # (n, n), ||dA||_2 = eps ||A||_2
    db = eps * s[0] * Uq[:, -1]  # ||db|| = eps ||b||
    change = np.linalg.norm(solve(A + dA, b + db) - x) / np.linalg.norm(x)
    assert change == pytest.approx(2 * eps * kappa, rel=1e-5)
    assert change <= 2 * eps * kappa / (1 - eps * kappa)
    # "LU with partial pivoting ... growth factor ... can reach 2^(n-1)": Wilkinson's matrix (1 on the diagonal,
    # -1 below it, 1 in the last column) needs no row exchange and doubles the last column at every step
    m = 10
    W = np.eye(m) - np.tril(np.ones((m, m)), -1)
    W[:, -1] = 1.0
    _, _, U_factor = lu(W)
    assert np.max(np.abs(U_factor)) / np.max(np.abs(W)) == 2.0 ** (m - 1)
    assert "which can reach $2^{n - 1}$ for contrived matrices" in _readme_text()
    assert "the change of the solution is exactly $2 \\varepsilon \\kappa(A)$" in _readme_text()


def test_rounding_bound_holds_for_normal_numbers_only():
    # README, Definitions: |fl(x) - x| <= u |x| in the normal range; a subnormal result keeps only an absolute
    # error of at most half the smallest subnormal, 2^-1075. 1.4 * 2^-1074 rounds to 2^-1074: relative error 0.29.
    smallest = 2.0**-1074
    assert 1.4 * smallest == smallest and (0.4 / 1.4) > 1e15 * U
    assert float(Decimal("1.4") * Decimal(smallest) - Decimal(smallest)) <= 2.0**-1075
    assert "the relative bound $\\vert \\delta \\vert \\le u$ no longer holds" in _readme_text()


def test_readme_tolerance_pitfall_near_a_root_of_a_million():
    # README, Pitfalls: near 1e6 the doubles are 1.2e-10 apart; once a and b are neighbours the midpoint is one of
    # them and b - a stays 1.2e-10 > 1e-12, so a loop "while b - a > 1e-12" never ends. Newton's step, by
    # contrast, can reach exactly 0 there, which any tolerance accepts.
    a = 1e6
    b = math.nextafter(a, math.inf)
    assert f"{b - a:.2g}" == "1.2e-10" and (0.5 * a + 0.5 * b) in (a, b)
    res = bisection(lambda x: x - 1e6 - 1e-11, 0.0, 4e6, tol=1e-18)  # tol * |x| = 1e-12 < the spacing
    assert res.converged and abs(res.root - 1e6) <= math.ulp(1e6)
    assert "a loop `while b - a > 1e-12` never ends" in _readme_text()
    # a plain Newton loop on x^2 - 1e12 from 3e6 with the absolute 1e-12 does stop: its step becomes exactly 0
    x, steps = 3e6, []
    while not steps or abs(steps[-1]) > 1e-12:
        steps.append((x * x - 1e12) / (2.0 * x))
        x -= steps[-1]
        assert len(steps) < 20
    assert steps[-1] == 0.0 and x == 1e6


def test_log1p_is_accurate_to_a_few_u_against_an_independent_reference():
    # README, Intuition: log1p stays at the level of u, while log(1 + x) loses up to u / x. Reference: 1 + x and its
    # logarithm in 40-digit decimal arithmetic (independent of the libm under test). A libm's log1p is within an ulp
    # or two, a relative error of at most 2 eps_mach = 4u.
    t = np.logspace(-16, 0, 40)
    with localcontext() as ctx:
        ctx.prec = 40
        exact = np.array([float((1 + Decimal(v)).ln()) for v in t])
    assert np.all(np.abs(np.log1p(t) - exact) <= 4 * U * exact)
    assert "its relative error is below $4u$ (two ulps) at every point" in _readme_text()
    naive = np.abs(np.log(1 + t) - exact) / exact
    assert np.all(naive <= 2 * U / t + 2 * U) and naive[0] == 1.0  # at x = 1e-16, 1 + x rounds to 1: log gives 0
