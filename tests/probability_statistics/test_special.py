"""Tests for probability_statistics.python_implementations.special against scipy.special and exact identities.

Tolerances. A value computed as ``exp(L)`` carries the absolute error of ``L``: a few ``u`` times ``|L|`` (every
term of ``L`` is rounded), so its relative error is about ``u (1 + |ln value|)``. The Lentz continued fraction and
the series add a few ``u`` per step over ``O(sqrt(max parameter))`` steps. A value returned as one minus the
directly computed side (the large side) has an absolute error of about ``u``. Hence the bound used throughout

    |mine - ref| <= C u [ (1 + sqrt(max(a, b))) |ref| (1 + |ln ref|) + (u-sized term if ref is the complement side) ]

with C = 16. Measured on one machine (x86-64): the largest ratio error / (u [...]) over the grids below is 6 for the
incomplete beta (a, b <= 100) and 4 for the incomplete gamma (a <= 1000), a margin of 2.5 to 4.
scipy is itself inaccurate in deep tails with large parameters (``betainc`` is off by a factor ~1e9 near
a = 660, b = 18, x = 0.33; ``gammainc`` by 8e4 u at a = 5400): the grids stop at a, b <= 100 (beta) and
a <= 1000 (gamma) where scipy holds; exact identities test the deep tails.
"""

import math
import warnings

import numpy as np
import pytest
import scipy.special as sc

from probability_statistics.python_implementations import special
from probability_statistics.python_implementations.special import (
    log_gamma,
    regularized_gamma_p,
    regularized_gamma_q,
    regularized_incomplete_beta,
)

U = np.finfo(float).eps / 2  # unit roundoff u
C = 16
NORMAL_MIN = 1e-290  # below the normal range scipy and we both lose relative precision to underflow


def _check(mine, ref, scale, complement_side, ref_rtol=0.0):
    """Assert the module-level bound; ``scale`` is (1 + sqrt(max parameter)); ``ref_rtol`` the reference's error."""
    mine, ref = np.asarray(mine, dtype=float), np.asarray(ref, dtype=float)
    keep = ref > NORMAL_MIN
    with np.errstate(divide="ignore"):
        log_term = np.abs(ref) * (1.0 + np.abs(np.log(np.where(keep, ref, 1.0))))
    tol = C * U * (scale * log_term + np.where(complement_side, 1.0, 0.0)) + ref_rtol * np.abs(ref)
    err = np.abs(mine - ref)
    bad = keep & (err > tol)
    assert not bad.any(), f"{bad.sum()} values exceed the bound; worst ratio {np.max(err[keep] / tol[keep]):.1f}"


# ---------------------------------------------------------------- log_gamma


def test_log_gamma_matches_scipy():
    x = np.concatenate([np.logspace(-300, 300, 400), np.linspace(0.5, 3.0, 101)])
    # math.lgamma and scipy's gammaln are both accurate to a few ulp of the value, or of 1 near the zeros at 1, 2
    np.testing.assert_allclose(log_gamma(x), sc.gammaln(x), rtol=8 * U, atol=8 * U)


def test_log_gamma_factorials_and_scalar_type():
    assert isinstance(log_gamma(5.0), float)
    assert log_gamma(5.0) == pytest.approx(math.log(24.0), rel=4 * U)
    np.testing.assert_allclose(log_gamma([0.5]), [0.5 * math.log(math.pi)], rtol=8 * U)


@pytest.mark.parametrize("bad", [0.0, -1.0, np.nan, np.inf, [1.0, -2.0]])
def test_log_gamma_rejects_nonpositive(bad):
    with pytest.raises(ValueError, match="x must"):
        log_gamma(bad)


# ---------------------------------------------------------------- private helpers (Loader's terms)


def test_stirlerr_table_and_series_match_the_definition():
    # stirlerr(a) = lgamma(a + 1) - (a + 1/2) ln a + a - ln sqrt(2 pi); the direct difference is good to ~100 u
    a = np.array([0.5, 1.0, 2.5, 7.0, 14.5, 15.5, 20.0, 100.0, 3.3])
    direct = sc.gammaln(a + 1) - (a + 0.5) * np.log(a) + a - 0.5 * np.log(2 * np.pi)
    np.testing.assert_allclose(special._stirlerr(a), direct, rtol=0, atol=float(400 * U * (1 + np.max(a * np.log(a)))))


def test_stirlerr_at_whole_numbers_against_exact_decimal_arithmetic():
    # Reference independent of the module: ln(a!) from the exact integer factorial, 50 decimal digits. The table
    # (a <= 15) is exactly rounded, the 6-term series above 15 has truncation error < 1/(156 a^13) < u/30 plus a few
    # roundings of a value below 0.006: |error| <= u/4 everywhere. (With 5 terms the error was 0.97 u at a = 16.)
    from decimal import Decimal, localcontext

    a = np.array([*range(1, 61), 75, 100, 500, 1000, 20_000])
    with localcontext() as ctx:
        ctx.prec = 50
        pi = Decimal("3.14159265358979323846264338327950288419716939937510")
        exact = np.array([float(Decimal(math.factorial(int(n))).ln() - (Decimal(int(n)) + Decimal("0.5"))
                                * Decimal(int(n)).ln() + Decimal(int(n)) - (2 * pi).ln() / 2) for n in a])
    np.testing.assert_allclose(special._stirlerr(a.astype(float)), exact, rtol=0, atol=U / 4)


def test_bd0_equals_its_definition_without_cancellation():
    x = np.array([0.0, 1.0, 10.0, 99.0, 1e4, 3.0])
    m = np.array([2.0, 1.5, 9.0, 100.0, 1.01e4, 30.0])
    with np.errstate(divide="ignore", invalid="ignore"):
        direct = np.where(x == 0, m, x * np.log(x / m) + m - x)
    # the direct formula loses up to x u |ln(x/m)| / value; compare with that tolerance
    np.testing.assert_allclose(special._bd0(x, m), direct, rtol=1e-9)
    assert np.all(special._bd0(x, m) >= 0)


# ---------------------------------------------------------------- incomplete gamma


def _gamma_grid():
    rng = np.random.default_rng(0)
    a = np.exp(rng.uniform(math.log(1e-2), math.log(1e3), 3000))
    x = a * np.exp(rng.uniform(-4.0, 4.0, 3000))  # deep lower and upper tails
    x[:500] = a[:500] * rng.uniform(0.8, 1.25, 500)  # the transition region x ~ a
    return a, x


def test_regularized_gamma_p_and_q_match_scipy():
    a, x = _gamma_grid()
    scale = 1 + np.sqrt(a)
    # scipy's own error: the Cephes documentation gives peaks of 1.4e-14 (igam) and 1.9e-14 (igamc); against 40-digit
    # mpmath we measured 6e-14 for gammaincc(0.5, 0.89) (ours: 1.3e-15 there). Allow 1e-13 for the reference.
    _check(regularized_gamma_p(a, x), sc.gammainc(a, x), scale, complement_side=x >= a + 1, ref_rtol=1e-13)
    _check(regularized_gamma_q(a, x), sc.gammaincc(a, x), scale, complement_side=x < a + 1, ref_rtol=1e-13)


@pytest.mark.parametrize("x", [1e-300, 1e-12, 0.3, 5.0, 50.0, 700.0])
def test_gamma_shape_one_is_the_exponential(x):
    # P(1, x) = 1 - e^{-x} = -expm1(-x), Q(1, x) = e^{-x}: exact references from libm (error <= 1 ulp)
    _check(regularized_gamma_q(1.0, x), math.exp(-x), 1 + 1, complement_side=x < 2)
    _check(regularized_gamma_p(1.0, x), -math.expm1(-x), 1 + 1, complement_side=x >= 2)


@pytest.mark.parametrize("x", [1e-280, 1e-20, 0.01, 2.0, 30.0, 600.0])
def test_gamma_shape_half_is_erf(x):
    # P(1/2, x) = erf(sqrt x), Q(1/2, x) = erfc(sqrt x); the rounding of sqrt(x) adds (x + 1) u of conditioning
    r = math.sqrt(x)
    for mine, ref, comp in ((regularized_gamma_p(0.5, x), math.erf(r), x >= 1.5),
                            (regularized_gamma_q(0.5, x), math.erfc(r), x < 1.5)):
        assert abs(mine - ref) <= C * U * ((2 + x) * abs(ref) * (1 + abs(math.log(ref))) + comp)


def test_gamma_q_deep_upper_tail_is_not_zero():
    # Q(1, 700) = e^{-700}; 1 - P(1, 700) is exactly 0 in double precision
    assert 1.0 - regularized_gamma_p(1.0, 700.0) == 0.0
    assert regularized_gamma_q(1.0, 700.0) == pytest.approx(math.exp(-700.0), rel=C * U * 701)


def test_gamma_p_plus_q_is_one_and_p_is_monotone():
    a = np.array([0.3, 2.0, 40.0, 900.0])[:, None]
    x = np.linspace(0.0, 2000.0, 801)[None, :]
    p, q = regularized_gamma_p(a, x), regularized_gamma_q(a, x)  # broadcast (4, 1) with (1, 801)
    assert p.shape == (4, 801)
    np.testing.assert_allclose(p + q, 1.0, rtol=0, atol=4 * U)
    assert np.all(np.diff(p, axis=1) >= 0)


def test_gamma_end_points():
    assert regularized_gamma_p(2.0, 0.0) == 0.0 and regularized_gamma_q(2.0, 0.0) == 1.0
    assert regularized_gamma_p(2.0, np.inf) == 1.0 and regularized_gamma_q(2.0, np.inf) == 0.0


@pytest.mark.parametrize(("a", "x", "match"), [(0.0, 1.0, "a must"), (-1.0, 1.0, "a must"), (np.nan, 1.0, "a must"),
                                               (1.0, -0.5, "x must"), (1.0, np.nan, "x must"), (np.inf, 1.0, "a must")])
def test_gamma_bad_input(a, x, match):
    for f in (regularized_gamma_p, regularized_gamma_q):
        with pytest.raises(ValueError, match=match):
            f(a, x)


def test_non_convergence_is_reported(monkeypatch):
    monkeypatch.setattr(special, "_max_iter", lambda *params: 1)
    with pytest.warns(RuntimeWarning, match="did not converge"):
        regularized_gamma_q(3.0, 10.0)
    with pytest.warns(RuntimeWarning, match="did not converge"):
        regularized_gamma_p(30.0, 20.0)
    with pytest.warns(RuntimeWarning, match="did not converge"):
        regularized_incomplete_beta(30.0, 40.0, 0.4)


# ---------------------------------------------------------------- incomplete beta


def test_regularized_incomplete_beta_matches_scipy():
    rng = np.random.default_rng(1)
    n = 3000
    a = np.exp(rng.uniform(math.log(1e-2), math.log(100.0), n))
    b = np.exp(rng.uniform(math.log(1e-2), math.log(100.0), n))
    x = rng.uniform(0.0, 1.0, n)
    x[:1000] = np.clip(a[:1000] / (a[:1000] + b[:1000]) * np.exp(rng.normal(0, 0.3, 1000)), 0, 1)  # near the mean
    lower, upper = special._regularized_incomplete_beta_pair(a, b, x)
    direct = x < (a + 1) / (a + b + 2)  # the side the function computes directly
    scale = 1 + np.sqrt(np.maximum(a, b))
    _check(lower, sc.betainc(a, b, x), scale, complement_side=~direct)
    _check(upper, sc.betaincc(a, b, x), scale, complement_side=direct)
    np.testing.assert_array_equal(regularized_incomplete_beta(a, b, x), lower)


@pytest.mark.parametrize("a", [0.05, 1.0, 7.5, 300.0])
@pytest.mark.parametrize("x", [1e-200, 1e-5, 0.3, 0.97, 1 - 1e-12])
def test_beta_exact_identities(a, x):
    # I_x(a, 1) = x^a and I_x(1, a) = 1 - (1 - x)^a: references from pow/log1p, error a few ulp plus the
    # conditioning a |ln x| u of x^a (the rounding of ln x is scaled by a)
    ref = x**a
    cond = 1 + a * abs(math.log(x))
    if ref > NORMAL_MIN:
        assert abs(regularized_incomplete_beta(a, 1.0, x) - ref) <= C * U * (cond * (1 + abs(math.log(ref))) * ref + 1)
    upper_ref = math.exp(a * math.log1p(-x))  # (1 - x)^a
    _, upper = special._regularized_incomplete_beta_pair(1.0, a, x)
    if upper_ref > NORMAL_MIN:
        cond = 1 + a * x / (1 - x)
        assert abs(upper - upper_ref) <= C * U * (cond * (1 + abs(math.log(upper_ref))) * upper_ref + 1)


def test_beta_tiny_x_keeps_relative_accuracy():
    # I_x(2, 3) = 6x^2 - 8x^3 + 3x^4 ~ 6 x^2: no underflow to 0 and no loss
    assert regularized_incomplete_beta(2.0, 3.0, 1e-100) == pytest.approx(6e-200, rel=C * U * 460)


def test_beta_symmetry_and_monotonicity():
    x = np.linspace(0.0, 1.0, 501)
    for a, b in ((0.5, 0.5), (2.0, 9.0), (40.0, 3.0)):
        i = regularized_incomplete_beta(a, b, x)
        np.testing.assert_allclose(i + regularized_incomplete_beta(b, a, 1.0 - x), 1.0, rtol=0, atol=64 * U)
        assert np.all(np.diff(i) >= 0) and i[0] == 0.0 and i[-1] == 1.0


@pytest.mark.parametrize(("a", "b", "x", "match"), [(0.0, 1.0, 0.5, "a must"), (1.0, -1.0, 0.5, "b must"),
                                                    (1.0, 1.0, 1.5, "x must"), (1.0, 1.0, -0.1, "x must"),
                                                    (1.0, 1.0, np.nan, "x must"), (np.nan, 1.0, 0.5, "a must")])
def test_beta_bad_input(a, b, x, match):
    with pytest.raises(ValueError, match=match):
        regularized_incomplete_beta(a, b, x)


def test_functions_do_not_warn_on_ordinary_input():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        regularized_incomplete_beta(np.array([0.5, 500.0]), np.array([0.5, 0.5]), np.array([0.3, 0.999]))
        regularized_gamma_q(np.array([0.5, 5000.0]), np.array([0.1, 5100.0]))


@pytest.mark.parametrize(("a", "b"), [(0.5, 3.0), (3.0, 0.5), (0.05, 0.05)])
def test_incomplete_beta_takes_no_logarithm_of_zero_near_the_ends(a, b):
    # With min(a, b) < 1 the prefactor needs ln x and ln(1 - x). For x below 1e-16, 1 - x rounds to 1, and for x
    # within 1e-16 of 1 the passed y = 1 - x is tiny: each logarithm must be evaluated only where it is used, never
    # log1p(-1) in a branch that is then thrown away (that raised a divide-by-zero warning under -W error).
    x = np.array([5e-324, 1e-300, 1e-20, 1e-16, 0.5, 1.0 - 2.0**-53])
    # numpy's default error state (underflow of a tiny I_x is legitimate and ignored), warnings as errors: -W error
    with warnings.catch_warnings(), np.errstate(divide="warn", over="warn", invalid="warn", under="ignore"):
        warnings.simplefilter("error")
        i = regularized_incomplete_beta(a, b, x)
        j = regularized_incomplete_beta(b, a, 1.0 - x)
    # the symmetry I_x(a, b) + I_{1-x}(b, a) = 1 where 1 - x is exact in floating point (0.5 and 1 - 2^-53)
    exact = 1.0 - (1.0 - x) == x
    np.testing.assert_allclose(i[exact] + j[exact], 1.0, rtol=0, atol=64 * U)
    # tiny x: I_x(a, b) ~ x^a / (a B(a, b)), the leading term of the series
    tiny = x[2]
    lead = math.exp(a * math.log(tiny) - math.log(a) - (math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)))
    np.testing.assert_allclose(i[2], lead, rtol=1e-12)
