"""Tests for probability_statistics.python_implementations.distributions against scipy.stats and exact references.

Tolerances (u is the unit roundoff). A value ``exp(L)`` computed in log space has relative error about
``c u (1 + |L|)``: the absolute error of ``L`` is a few u times its size. Where the argument is rounded before the
function sees it (``z = (x - mu) / sigma``, ``rate * x``, ``z / sqrt 2``), the value moves by its condition number
times u: ``z^2 u`` for the normal tail, ``rate x u`` for the exponential. scipy's own formulas carry the same kind
of error, and for ``poisson.pmf`` and ``gamma.pdf`` scipy uses the naive sum of logarithms (error
``u (k |ln lam| + lam + ln k!)``); where that matters the reference is exact decimal arithmetic (``decimal``, 50
digits) instead. Measured max ratios error / bound on one machine (x86-64) are in the comments; C = 16 leaves a
margin of at least 2.
"""

import math
from decimal import Decimal, localcontext

import numpy as np
import pytest
from scipy import stats

from probability_statistics.python_implementations import distributions as dist
from probability_statistics.python_implementations.distributions import (
    beta_pdf,
    binomial_pmf,
    chi2_cdf,
    chi2_sf,
    exponential_cdf,
    exponential_pdf,
    gamma_pdf,
    geometric_pmf,
    mvn_condition,
    mvn_logpdf,
    mvn_sample,
    normal_cdf,
    normal_pdf,
    normal_ppf,
    poisson_pmf,
    sample_normal,
    t_cdf,
)

U = np.finfo(float).eps / 2
C = 16
NORMAL_MIN = 1e-290


def _assert_log_space_close(mine, ref, extra=0.0):
    """|mine - ref| <= C u (1 + |ln ref| + extra) |ref| where ref is in the normal range."""
    mine, ref = np.broadcast_arrays(np.asarray(mine, dtype=float), np.asarray(ref, dtype=float))
    extra = np.broadcast_to(np.asarray(extra, dtype=float), ref.shape)
    keep = ref > NORMAL_MIN
    with np.errstate(divide="ignore"):
        tol = C * U * (1.0 + np.abs(np.log(np.where(keep, ref, 1.0))) + extra) * ref
    err = np.abs(mine - ref)
    bad = keep & (err > tol)
    assert not bad.any(), f"{bad.sum()} values exceed the bound, worst ratio {np.max(err[keep] / tol[keep]):.2f}"


def _decimal_binomial(k, n, p):
    with localcontext() as ctx:
        ctx.prec = 50
        return float(Decimal(math.comb(n, k)) * Decimal(p) ** k * (1 - Decimal(p)) ** (n - k))


def _decimal_poisson(k, lam):
    with localcontext() as ctx:
        ctx.prec = 50
        return float(Decimal(lam) ** k * (-Decimal(lam)).exp() / Decimal(math.factorial(k)))


# ---------------------------------------------------------------- normal


def test_normal_cdf_matches_scipy_including_deep_tails():
    z = np.linspace(-37.5, 37.5, 3001)
    # both evaluate erfc(-z / sqrt 2); conditioning of the lower tail is z^2 u (measured ratio 0.12 with C = 16)
    _assert_log_space_close(normal_cdf(z), stats.norm.cdf(z), extra=z * z)


def test_normal_cdf_tail_value_and_symmetry():
    assert normal_cdf(-30.0) == pytest.approx(4.906713927148e-198, rel=1e-12)  # not 0
    assert 1.0 - normal_cdf(30.0) == 0.0  # the upper tail must come from normal_cdf(-z)
    z = np.linspace(0.0, 8.0, 81)
    np.testing.assert_allclose(normal_cdf(z) + normal_cdf(-z), 1.0, rtol=0, atol=2 * U)
    assert normal_cdf(3.0, mu=1.0, sigma=2.0) == normal_cdf(1.0)  # (3 - 1) / 2 = 1 exactly
    assert normal_cdf(-np.inf) == 0.0 and normal_cdf(np.inf) == 1.0


def test_normal_pdf_matches_scipy():
    x = np.linspace(-38.0, 38.0, 761)
    _assert_log_space_close(normal_pdf(x, 0.5, 1.5), stats.norm.pdf(x, 0.5, 1.5), extra=((x - 0.5) / 1.5) ** 2)


def test_normal_ppf_matches_scipy_in_both_tails():
    p = np.concatenate([np.logspace(-300, -1, 400), np.linspace(0.01, 0.99, 401), 1 - np.logspace(-16, -1, 50),
                        0.5 + np.linspace(-1e-3, 1e-3, 41)])
    # one Halley step after a 1e-9 start: error a few u (measured 5.5 u against scipy's ndtri)
    np.testing.assert_allclose(normal_ppf(p), stats.norm.ppf(p), rtol=C * U)
    assert normal_ppf(1e-300) == pytest.approx(-37.0470962993612, rel=C * U)
    assert normal_ppf(0.0) == -np.inf and normal_ppf(1.0) == np.inf and normal_ppf(0.5) == 0.0
    assert normal_ppf(0.975, mu=10.0, sigma=2.0) == pytest.approx(10.0 + 2.0 * 1.959963984540054, rel=C * U)


def test_normal_ppf_inverts_normal_cdf():
    p = np.logspace(-300, math.log10(0.5), 300)
    # cdf(ppf(p)) = p up to the conditioning z^2 u of the cdf at the computed quantile
    z = normal_ppf(p)
    _assert_log_space_close(normal_cdf(z), p, extra=z * z)


def test_acklam_start_is_within_its_published_error():
    # the coefficients are right iff the start is within 1.15e-9 relative before the Halley step
    p = np.concatenate([np.logspace(-300, -2, 200), np.linspace(0.0243, 0.5 - 1e-3, 200)])
    central = p >= dist._P_LOW
    start = np.empty_like(p)
    q = p[central] - 0.5
    r = q * q
    start[central] = dist._polyval(dist._A, r) * q / (dist._polyval(dist._B, r) * r + 1.0)
    s = np.sqrt(-2.0 * np.log(p[~central]))
    start[~central] = dist._polyval(dist._C, s) / (dist._polyval(dist._D, s) * s + 1.0)
    np.testing.assert_allclose(start, stats.norm.ppf(p), rtol=1.2e-9)


@pytest.mark.parametrize("bad", [-0.1, 1.1, np.nan])
def test_normal_ppf_bad_p(bad):
    with pytest.raises(ValueError, match="p must"):
        normal_ppf(bad)


@pytest.mark.parametrize("f", [normal_pdf, normal_cdf])
def test_normal_bad_parameters(f):
    with pytest.raises(ValueError, match="sigma must"):
        f(0.0, 0.0, 0.0)
    with pytest.raises(ValueError, match="sigma must"):
        f(0.0, 0.0, -1.0)
    with pytest.raises(ValueError, match="mu must"):
        f(0.0, np.nan, 1.0)
    with pytest.raises(ValueError, match="x must"):
        f([0.0, np.nan])


# ---------------------------------------------------------------- sampling


def test_sample_normal_moments_and_quantiles():
    n = 200_000
    x = sample_normal(n, mu=2.0, sigma=3.0, rng=np.random.default_rng(0))
    assert x.shape == (n,)
    se_mean = 3.0 / math.sqrt(n)
    assert abs(x.mean() - 2.0) < 5 * se_mean  # 5 standard errors: fails with probability < 1e-6
    se_var = 9.0 * math.sqrt(2.0 / (n - 1))  # Var(s^2) = 2 sigma^4 / (n - 1) for normal data
    assert abs(x.var(ddof=1) - 9.0) < 5 * se_var
    for q in (0.01, 0.1, 0.5, 0.9):  # the fraction below each quantile is binomial(n, q) / n
        frac = np.mean(x <= normal_ppf(q, 2.0, 3.0))
        assert abs(frac - q) < 5 * math.sqrt(q * (1 - q) / n)


def test_sample_normal_is_reproducible_and_handles_odd_and_zero_n():
    a = sample_normal(7, rng=3)
    np.testing.assert_array_equal(a, sample_normal(7, rng=3))
    assert a.shape == (7,) and sample_normal(0, rng=1).shape == (0,)
    # the pairs are (R cos, R sin) of the same uniforms: the first half and second half of 2 m draws
    u = np.random.default_rng(5)
    u1, u2 = 1.0 - u.random(2), u.random(2)
    r = np.sqrt(-2 * np.log(u1))
    np.testing.assert_allclose(sample_normal(4, rng=5), np.concatenate([r * np.cos(2 * np.pi * u2),
                                                                        r * np.sin(2 * np.pi * u2)]), rtol=4 * U)


def test_sample_normal_bad_input():
    with pytest.raises(ValueError, match="n must"):
        sample_normal(-1)
    with pytest.raises(ValueError, match="sigma must"):
        sample_normal(3, 0.0, -1.0)


# ---------------------------------------------------------------- discrete


@pytest.mark.parametrize(("n", "p"), [(10, 0.3), (100, 0.01), (1000, 0.999), (10_000, 0.5), (10_000, 0.001)])
def test_binomial_pmf_matches_scipy(n, p):
    k = np.arange(n + 1)
    # scipy's binom.pmf (Boost's ibeta_derivative) is itself off by up to 1.3e-12 at n = 10 000 (measured against
    # 50-digit decimal arithmetic): allow sqrt(n) * 1e-14 relative for the reference; the exact test is below
    ref_allowance = math.sqrt(n) * 1e-14 / (C * U)
    _assert_log_space_close(binomial_pmf(k, n, p), stats.binom.pmf(k, n, p), extra=ref_allowance)
    assert abs(binomial_pmf(k, n, p).sum() - 1.0) < 1e-13  # n + 1 terms of relative error <= C u (1 + |L|)


@pytest.mark.parametrize("p", [0.5, 0.3, 0.001])
def test_binomial_pmf_large_n_against_exact_decimal(p):
    # n = 10 000: lgamma(n + 1) ~ 82 109, so the naive formula would lose ~5 digits; ours stays within the bound
    k = np.unique(np.concatenate([np.arange(0, 10_001, 197), [1, 2, 10, 4999, 5000, 5001, 9999, 10_000]]))
    ref = [_decimal_binomial(int(j), 10_000, p) for j in k]
    _assert_log_space_close(binomial_pmf(k, 10_000, p), ref)


def test_binomial_edges():
    assert binomial_pmf(0, 0, 0.3) == 1.0
    assert binomial_pmf(5, 4, 0.3) == 0.0  # above n
    assert binomial_pmf(0, 5, 0.0) == 1.0 and binomial_pmf(3, 5, 0.0) == 0.0
    assert binomial_pmf(5, 5, 1.0) == 1.0 and binomial_pmf(2, 5, 1.0) == 0.0
    assert binomial_pmf(3, 10, 0.5) == pytest.approx(120 / 1024, rel=C * U)


@pytest.mark.parametrize("lam", [0.1, 3.0, 50.0, 1000.0])
def test_poisson_pmf_against_exact_decimal(lam):
    k = sorted({0, 1, 2, int(lam), int(lam) + 1, int(3 * lam) + 20, int(lam / 2)})
    ref = [_decimal_poisson(int(j), lam) for j in k]
    _assert_log_space_close(poisson_pmf(k, lam), ref)


def test_poisson_pmf_matches_scipy_within_scipys_error():
    for lam in (0.1, 3.0, 50.0, 1000.0):
        k = np.arange(int(3 * lam) + 40)
        # scipy: exp(k ln lam - lam - gammaln(k + 1)), absolute error ~ u (k |ln lam| + lam + ln k!) in the exponent
        scipy_err = k * abs(math.log(lam)) + lam + np.array([math.lgamma(j + 1) for j in k])
        _assert_log_space_close(poisson_pmf(k, lam), stats.poisson.pmf(k, lam), extra=scipy_err)
        assert abs(poisson_pmf(k, lam).sum() - 1.0) < 1e-12 + stats.poisson.sf(k[-1], lam)


def test_geometric_pmf_support_and_values():
    k = np.arange(0, 3000)
    for p in (1e-6, 0.3, 0.999, 1.0):
        ref = stats.geom.pmf(k, p)  # scipy.stats.geom: support k = 1, 2, ...
        # scipy raises the rounded 1 - p to the power k - 1: a relative error up to (k - 1) u in the reference
        _assert_log_space_close(geometric_pmf(k, p), ref, extra=k)
    assert geometric_pmf(0, 0.5) == 0.0
    assert abs(geometric_pmf(np.arange(1, 200), 0.25).sum() - 1.0) < 1e-14


@pytest.mark.parametrize(("f", "args", "match"), [
    (binomial_pmf, (-1, 5, 0.5), "k must"), (binomial_pmf, (1.5, 5, 0.5), "k must"),
    (binomial_pmf, (1, -5, 0.5), "n must"), (binomial_pmf, (1, 5, 1.5), "p must"),
    (binomial_pmf, (np.nan, 5, 0.5), "k must"), (poisson_pmf, (-2, 1.0), "k must"),
    (poisson_pmf, (2, 0.0), "lam must"), (poisson_pmf, (2, np.nan), "lam must"),
    (geometric_pmf, (2, 0.0), "p must"), (geometric_pmf, (2, -0.1), "p must"), (geometric_pmf, (-1, 0.5), "k must"),
])
def test_discrete_bad_input(f, args, match):
    with pytest.raises(ValueError, match=match):
        f(*args)


def test_binomial_n_must_be_an_integer():
    with pytest.raises(TypeError, match="n must"):
        binomial_pmf(1, 5.5, 0.5)


# ---------------------------------------------------------------- exponential, gamma, beta


def test_exponential_matches_scipy():
    rate = 2.5
    x = np.concatenate([-np.logspace(-3, 2, 20), np.logspace(-20, 2.4, 300)])
    # scipy divides by scale = 1 / rate (rounded): the difference is rate x u in the exponent
    _assert_log_space_close(exponential_pdf(x, rate), stats.expon.pdf(x, scale=1 / rate), extra=rate * np.abs(x))
    _assert_log_space_close(exponential_cdf(x, rate), stats.expon.cdf(x, scale=1 / rate), extra=1.0)
    assert exponential_cdf(1e-20, 1.0) == 1e-20  # -expm1 keeps the tiny value; 1 - exp(-x) would be 0
    assert exponential_pdf(-1.0, 1.0) == 0.0 and exponential_cdf(-1.0, 1.0) == 0.0


@pytest.mark.parametrize("shape", [0.3, 1.0, 2.5, 30.0, 1000.0])
def test_gamma_pdf_matches_scipy(shape):
    rate = 1.7
    x = np.logspace(-4, math.log10(shape * 20 / rate + 50), 400)
    y = rate * x
    # scipy: exp((a-1) ln y - y - gammaln(a)) / scale, naive: its error is u ((a-1)|ln y| + y + |gammaln a|)
    scipy_err = (shape - 1) * np.abs(np.log(y)) + y + abs(math.lgamma(shape))
    _assert_log_space_close(gamma_pdf(x, shape, rate), stats.gamma.pdf(x, shape, scale=1 / rate), extra=scipy_err)


def test_gamma_pdf_at_zero_and_negative():
    assert gamma_pdf(0.0, 0.5, 1.0) == np.inf and gamma_pdf(0.0, 1.0, 3.0) == 3.0 and gamma_pdf(0.0, 2.0, 1.0) == 0.0
    assert gamma_pdf(-1.0, 2.0, 1.0) == 0.0
    assert gamma_pdf(1.0, 1.0, 2.0) == pytest.approx(2 * math.exp(-2.0), rel=C * U)


@pytest.mark.parametrize(("a", "b"), [(0.5, 0.5), (2.0, 3.0), (0.2, 40.0), (300.0, 500.0), (1.0, 1.0), (5.0, 0.7)])
def test_beta_pdf_matches_scipy(a, b):
    x = np.linspace(0.0, 1.0, 501)[1:-1]
    # scipy's beta.pdf is Boost's ibeta_derivative: accurate in the same log-space sense (measured ratio 0.8)
    _assert_log_space_close(beta_pdf(x, a, b), stats.beta.pdf(x, a, b), extra=math.sqrt(a + b))


def test_beta_pdf_end_points():
    assert beta_pdf(0.5, 2.0, 2.0) == pytest.approx(1.5, rel=C * U)
    assert beta_pdf(0.0, 0.5, 2.0) == np.inf and beta_pdf(1.0, 2.0, 0.5) == np.inf
    assert beta_pdf(0.0, 1.0, 3.0) == 3.0 and beta_pdf(1.0, 3.0, 1.0) == 3.0 and beta_pdf(0.0, 2.0, 2.0) == 0.0
    assert beta_pdf(-0.5, 2.0, 2.0) == 0.0 and beta_pdf(1.5, 2.0, 2.0) == 0.0


@pytest.mark.parametrize(("f", "args", "match"), [
    (exponential_pdf, (1.0, 0.0), "rate must"), (exponential_cdf, (1.0, -1.0), "rate must"),
    (exponential_cdf, (np.nan, 1.0), "x must"), (gamma_pdf, (1.0, 0.0, 1.0), "shape must"),
    (gamma_pdf, (1.0, 1.0, -2.0), "rate must"), (beta_pdf, (0.5, 0.0, 1.0), "a must"),
    (beta_pdf, (0.5, 1.0, np.inf), "b must"), (beta_pdf, (np.nan, 1.0, 1.0), "x must"),
])
def test_continuous_bad_input(f, args, match):
    with pytest.raises(ValueError, match=match):
        f(*args)


# ---------------------------------------------------------------- t and chi-square


@pytest.mark.parametrize("df", [0.5, 2.5, 3.0, 5.0, 10.0, 30.0, 100.0, 1000.0])
def test_t_cdf_matches_scipy_in_both_tails(df):
    x = np.concatenate([-np.logspace(-3, 6, 300), [0.0], np.logspace(-3, 6, 300)])
    # bound: log-space error plus the Lentz drift near the switch point, about (a = df / 2) u for |x| > sqrt 3
    # (measured 470 u at df = 1000); scipy's own error near x = 0 is below 400 u (measured 350 u at df = 1)
    _assert_log_space_close(t_cdf(x, df), stats.t.cdf(x, df), extra=df / 2 + 25)


def test_t_cdf_closed_forms():
    x = np.concatenate([-np.logspace(-8, 150, 200), np.logspace(-8, 3, 50)])
    # df = 1 (Cauchy): P(T <= x) = atan2(1, -x) / pi, accurate in both tails
    _assert_log_space_close(t_cdf(x, 1.0), np.arctan2(1.0, -x) / np.pi)
    # df = 2: P(T <= x) = 1/2 + x / (2 sqrt(2 + x^2)); for x < 0 written as 1 / (sqrt(2 + x^2) (sqrt(2 + x^2) - x))
    neg = x[x < 0]
    s = np.sqrt(2.0 + neg * neg)
    _assert_log_space_close(t_cdf(neg, 2.0), 1.0 / (s * (s - neg)), extra=4.0)


def test_t_cdf_symmetry_and_limits():
    x = np.linspace(-50, 50, 201)
    np.testing.assert_allclose(t_cdf(x, 7.0) + t_cdf(-x, 7.0), 1.0, rtol=0, atol=4 * U)
    assert t_cdf(0.0, 3.0) == 0.5 and t_cdf(-np.inf, 3.0) == 0.0 and t_cdf(np.inf, 3.0) == 1.0
    assert np.all(np.diff(t_cdf(x, 3.0)) >= 0)
    assert t_cdf(-40.0, 30.0) > 0.0  # ~1e-27: a p-value below 1e-15 from the tail, not 1 - cdf
    # x^2 would overflow to inf here; the Cauchy tail is atan2(1, 1e200) / pi = 1 / (pi 1e200)
    assert t_cdf(-1e200, 1.0) == pytest.approx(1 / (math.pi * 1e200), rel=C * U * 500)


@pytest.mark.parametrize("df", [0.5, 1.0, 2.0, 3.0, 5.0, 10.0, 30.0, 100.0])
def test_chi2_cdf_and_sf_match_scipy(df):
    x = np.logspace(-5, math.log10(50 * df + 1500), 500)
    a = df / 2
    drift = math.sqrt(a)  # series / Lentz steps; and 1 - (other side) where the value is not computed directly
    with np.errstate(divide="ignore", over="ignore"):
        comp_cdf = np.where(x / 2 >= a + 1, 1.0 / stats.chi2.cdf(x, df), 0.0)
        comp_sf = np.where(x / 2 < a + 1, 1.0 / stats.chi2.sf(x, df), 0.0)
    # scipy's igam/igamc: documented peaks 1.4e-14 / 1.9e-14; ref allowance 1e-13 relative (900 u), as in test_special
    _assert_log_space_close(chi2_cdf(x, df), stats.chi2.cdf(x, df), extra=drift + comp_cdf + 1e-13 / (C * U))
    _assert_log_space_close(chi2_sf(x, df), stats.chi2.sf(x, df), extra=drift + comp_sf + 1e-13 / (C * U))


def _decimal_chi2_even(x, df):
    """(cdf, sf) for even df: Q(n, y) = e^{-y} sum_{k < n} y^k / k! with n = df / 2, y = x / 2, in 400 digits."""
    with localcontext() as ctx:
        ctx.prec = 400
        y = Decimal(x) / 2
        term, total = Decimal(1), Decimal(1)
        for k in range(1, df // 2):
            term = term * y / k
            total += term
        sf = (-y).exp() * total
        return float(1 - sf), float(sf)


@pytest.mark.parametrize("df", [10, 100, 1000])
def test_chi2_deep_tails_against_exact_decimal(df):
    # scipy is off by up to 5000 u in these tails at df = 1000 (measured); the Poisson-sum identity is exact
    x = np.array([df / 20, df / 4, df / 2, max(df - 3 * math.sqrt(2 * df), 1.0), float(df), df + 5 * math.sqrt(2 * df),
                  2.0 * df, 3.0 * df + 100])
    ref = np.array([_decimal_chi2_even(float(v), df) for v in x])
    drift = math.sqrt(df / 2)
    comp_cdf = np.where(x / 2 >= df / 2 + 1, 1.0 / np.maximum(ref[:, 0], NORMAL_MIN), 0.0)
    comp_sf = np.where(x / 2 < df / 2 + 1, 1.0 / np.maximum(ref[:, 1], NORMAL_MIN), 0.0)
    _assert_log_space_close(chi2_cdf(x, df), ref[:, 0], extra=drift + comp_cdf)
    _assert_log_space_close(chi2_sf(x, df), ref[:, 1], extra=drift + comp_sf)


def test_chi2_two_degrees_of_freedom_is_exponential():
    x = np.linspace(0.0, 1400.0, 301)
    _assert_log_space_close(chi2_sf(x, 2.0), np.exp(-x / 2))  # exact: sf = e^{-x/2}, far below 1 - cdf
    assert chi2_sf(1000.0, 10.0) == pytest.approx(1.870290720915977e-208, rel=1e-12)
    assert 1.0 - chi2_cdf(1000.0, 10.0) == 0.0
    assert chi2_cdf(-1.0, 3.0) == 0.0 and chi2_sf(-1.0, 3.0) == 1.0


@pytest.mark.parametrize(("f", "args", "match"), [
    (t_cdf, (1.0, 0.0), "df must"), (t_cdf, (np.nan, 3.0), "x must"), (t_cdf, (1.0, np.inf), "df must"),
    (chi2_cdf, (1.0, -1.0), "df must"), (chi2_sf, (np.nan, 2.0), "x must"), (chi2_sf, (1.0, 0.0), "df must"),
])
def test_t_chi2_bad_input(f, args, match):
    with pytest.raises(ValueError, match=match):
        f(*args)


# ---------------------------------------------------------------- multivariate normal


def _random_spd(d, rng, cond=30.0):
    Q, _ = np.linalg.qr(rng.standard_normal((d, d)))
    return (Q * np.geomspace(1.0, cond, d)) @ Q.T  # Q diag Q^T, condition number cond


@pytest.mark.parametrize("d", [1, 2, 5])
def test_mvn_logpdf_matches_scipy(d):
    rng = np.random.default_rng(d)
    Sigma = _random_spd(d, rng)
    mu = rng.standard_normal(d)
    X = rng.standard_normal((20, d)) * 3
    ref = stats.multivariate_normal(mu, Sigma).logpdf(X)
    # Cholesky and triangular solves are backward stable: the Mahalanobis term has relative error
    # ~ c d u kappa(Sigma), the log-determinant absolute error ~ c d u kappa; c = 10, kappa = 30
    maha = -2 * ref - d * math.log(2 * math.pi)
    tol = 10 * d * U * 30 * (np.abs(maha) + d)
    assert np.all(np.abs(mvn_logpdf(X, mu, Sigma) - ref) <= tol)
    assert isinstance(mvn_logpdf(X[0], mu, Sigma), float)


def test_mvn_sample_mean_and_covariance_within_standard_errors():
    rng = np.random.default_rng(0)
    Sigma = np.array([[2.0, 0.8, -0.3], [0.8, 1.0, 0.2], [-0.3, 0.2, 0.5]])
    mu = np.array([1.0, -2.0, 0.5])
    n = 50_000
    X = mvn_sample(n, mu, Sigma, rng)
    assert X.shape == (n, 3)
    se_mean = np.sqrt(np.diag(Sigma) / n)
    assert np.all(np.abs(X.mean(axis=0) - mu) < 5 * se_mean)
    S = np.cov(X, rowvar=False)
    se_cov = np.sqrt((Sigma**2 + np.outer(np.diag(Sigma), np.diag(Sigma))) / (n - 1))  # Wishart variance
    assert np.all(np.abs(S - Sigma) < 5 * se_cov)


@pytest.mark.parametrize(("d", "observed"), [(2, [1]), (4, [0, 2]), (5, [4, 1, 3]), (3, 0)])
def test_mvn_condition_matches_the_precision_matrix_and_density_ratio(d, observed):
    rng = np.random.default_rng(10 + d)
    Sigma = _random_spd(d, rng)
    mu = rng.standard_normal(d)
    b = np.atleast_1d(observed)
    a = np.setdiff1d(np.arange(d), b)
    x_b = rng.standard_normal(b.size)
    m, Ccond = mvn_condition(mu, Sigma, observed, x_b)
    # independent route 1: with Lambda = Sigma^{-1}, the conditional is N(mu_a - Lambda_aa^{-1} Lambda_ab (x_b - mu_b),
    # Lambda_aa^{-1}); both routes are stable to ~ c u kappa(Sigma)^2 with kappa = 30
    Lam = np.linalg.inv(Sigma)
    C_ref = np.linalg.inv(Lam[np.ix_(a, a)])
    m_ref = mu[a] - C_ref @ Lam[np.ix_(a, b)] @ (x_b - mu[b])
    tol = 100 * U * 30**2
    np.testing.assert_allclose(m, m_ref, rtol=0, atol=tol * (1 + np.abs(m_ref).max()))
    np.testing.assert_allclose(Ccond, C_ref, rtol=0, atol=tol * np.abs(C_ref).max())
    np.testing.assert_array_equal(Ccond, Ccond.T)
    # independent route 2: log p(x_a | x_b) = log p(x_a, x_b) - log p(x_b) (scipy densities)
    x_a = m + rng.standard_normal(a.size)
    x = np.empty(d)
    x[a], x[b] = x_a, x_b
    joint = stats.multivariate_normal(mu, Sigma).logpdf(x)
    marginal = stats.multivariate_normal(mu[b], Sigma[np.ix_(b, b)]).logpdf(x_b)
    assert mvn_logpdf(x_a, m, Ccond) == pytest.approx(joint - marginal, abs=tol * 10)


def test_mvn_condition_readme_example():
    m, Ccond = mvn_condition([0.0, 0.0], [[1.0, 0.8], [0.8, 1.0]], [1], [1.0])
    np.testing.assert_allclose(m, [0.8], rtol=4 * U)  # rho x_b
    np.testing.assert_allclose(Ccond, [[0.36]], rtol=8 * U)  # 1 - rho^2


@pytest.mark.parametrize(("args", "match"), [
    (([0.0, 0.0], [[1.0, 2.0], [2.0, 1.0]], [0], [1.0]), "cov must be symmetric positive definite"),
    (([0.0, 0.0], [[1.0, 0.0], [0.0, 1.0]], [0, 1], [1.0, 2.0]), "at least one"),
    (([0.0, 0.0], [[1.0, 0.0], [0.0, 1.0]], [2], [1.0]), "observed_index"),
    (([0.0, 0.0, 0.0], np.eye(3), [1, 1], [1.0, 2.0]), "distinct"),
    (([0.0, 0.0], [[1.0, 0.0], [0.0, 1.0]], [0], [1.0, 2.0]), "observed_value"),
    (([0.0, 0.0], [[1.0, 0.0], [0.0, 1.0]], [0.5], [1.0]), "observed_index"),
    (([0.0, 0.0], np.eye(3), [0], [1.0]), "cov must have shape"),
    (([np.nan, 0.0], np.eye(2), [0], [1.0]), "mean"),
])
def test_mvn_condition_bad_input(args, match):
    with pytest.raises(ValueError, match=match):
        mvn_condition(*args)


def test_mvn_logpdf_and_sample_bad_input():
    with pytest.raises(ValueError, match="x must"):
        mvn_logpdf([0.0, 0.0, 0.0], [0.0, 0.0], np.eye(2))
    with pytest.raises(ValueError, match="cov must be symmetric positive definite"):
        mvn_logpdf([0.0, 0.0], [0.0, 0.0], [[1.0, 0.0], [0.0, 0.0]])
    with pytest.raises(ValueError, match="n must"):
        mvn_sample(-1, [0.0], [[1.0]])
    with pytest.raises(ValueError, match="cov must be symmetric positive definite"):
        mvn_sample(3, [0.0, 0.0], [[1.0, 0.5], [0.4, 1.0]])


def test_mvn_logpdf_of_no_points_is_empty_like_scipy():
    # zero rows in, zero log-densities out (as scipy.stats.multivariate_normal.logpdf); it used to raise a ValueError
    # naming an internal argument ("b must not be empty") instead
    out = mvn_logpdf(np.zeros((0, 2)), [0.0, 0.0], np.eye(2))
    assert out.shape == (0,)
    assert out.shape == stats.multivariate_normal([0.0, 0.0]).logpdf(np.zeros((0, 2))).shape
