"""Tests for probability_statistics.python_implementations.descriptive against numpy, statistics, pandas and
exact rational arithmetic, on NIST's NumAcc data and on extreme inputs."""

import math
import statistics
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from linear_algebra.python_implementations.eigen import eigh
from linear_algebra.python_implementations.least_squares import log_relative_error
from probability_statistics.python_implementations.descriptive import (
    correlation,
    covariance,
    mean,
    numacc_data,
    std,
    variance,
    variance_naive,
    variance_welford,
)

EPS = np.finfo(float).eps
U = EPS / 2  # unit roundoff u
RNG = np.random.default_rng(2024)
NUMACC = {"NumAcc3": 1_000_000, "NumAcc4": 10_000_000}


def exact_variance(x, ddof):
    """Variance of the stored doubles in exact rational arithmetic: the reference with no rounding at all."""
    fx = [Fraction(v) for v in np.asarray(x, dtype=float).tolist()]
    m = sum(fx) / len(fx)
    return sum((v - m) ** 2 for v in fx) / (len(fx) - ddof)


def sd_lre(estimate, certified=0.1):
    """Digits of a standard deviation; a NaN (sqrt of a negative variance) has none."""
    if not math.isfinite(estimate):
        return 0.0
    return float(log_relative_error(np.array([estimate]), np.array([certified]))[0])


# ---------------------------------------------------------------- the NumAcc data


@pytest.mark.parametrize("name", NUMACC)
def test_numacc_data_is_nists_construction(name):
    base = NUMACC[name]
    x = numacc_data(base)
    assert x.shape == (1001,)
    assert x[0] == float(f"{base}.2")
    np.testing.assert_array_equal(x[1::2], float(f"{base}.1"))
    np.testing.assert_array_equal(x[2::2], float(f"{base}.3"))
    # Certified values hold for the decimal data: mean base + 0.2, sample sd exactly 0.1.
    decimals = [Fraction(f"{base}.2")] + [Fraction(f"{base}.1"), Fraction(f"{base}.3")] * 500
    m = sum(decimals) / 1001
    assert m == Fraction(f"{base}.2")
    assert sum((v - m) ** 2 for v in decimals) / 1000 == Fraction(1, 100)


@pytest.mark.parametrize("name", NUMACC)
def test_two_pass_equals_the_exact_variance_of_the_stored_data(name):
    x = numacc_data(NUMACC[name])
    exact = float(exact_variance(x, 1))
    # Deviations from the computed mean are exact (Sterbenz: x_i and m agree to a factor 2); the correction term
    # removes the mean's error; what remains is the sum of n rounded squares: relative error <= n u.
    np.testing.assert_allclose(variance(x, ddof=1), exact, rtol=x.size * U)
    np.testing.assert_allclose(std(x, ddof=1), math.sqrt(exact), rtol=x.size * U)


def test_the_correction_term_removes_the_error_of_the_mean():
    # kappa ~ 1e14: the computed mean of 1000 values near 1e9 is off by ~1e-7 while the spread is 1e-5, so
    # sum d_i^2 alone would be too large by n (m - xbar)^2 / S ~ 1e-4 relative. The deviations d_i are exact
    # (Sterbenz) and the correction (sum d_i)^2 / n removes the mean's error exactly: n u relative remains.
    x = 1e9 + np.random.default_rng(8).normal(0.0, 1e-5, 1000)
    exact = exact_variance(x, 0)
    m = float(np.sum(x * 2.0**-30) / x.size) * 2.0**30  # the module's scaled mean
    d = [Fraction(v) - Fraction(m) for v in x.tolist()]
    assert float(sum(d) ** 2 / len(d) / (exact * len(d))) > 1e-8  # the correction matters on these data
    np.testing.assert_allclose(variance(x), float(exact), rtol=x.size * U)


@pytest.mark.parametrize(("name", "stored_digits"), [("NumAcc3", 9.45), ("NumAcc4", 8.25)])
def test_the_stored_data_limit_the_digits(name, stored_digits):
    # Rounding 1000000.1 to a double already moves it by up to half an ulp (5.8e-11, and 9.3e-10 at 1e7): the
    # exact sd of the stored numbers has only these digits of the certified 0.1 (exact rational arithmetic).
    x = numacc_data(NUMACC[name])
    exact_sd = math.sqrt(exact_variance(x, 1))
    assert stored_digits <= sd_lre(exact_sd) < stored_digits + 0.01


@pytest.mark.parametrize(("name", "min_digits"), [("NumAcc3", 9.4), ("NumAcc4", 8.2)])
def test_two_pass_and_welford_keep_the_digits_of_the_data(name, min_digits):
    x = numacc_data(NUMACC[name])
    # Two-pass: within n u of the exact sd of the stored data (test above), so the stored-data digits minus
    # at most 1e-13 relative: 9.45 -> >= 9.4, 8.25 -> >= 8.2 on every machine.
    assert sd_lre(std(x, ddof=1)) >= min_digits
    # Welford is a scalar Python loop in a fixed order (IEEE doubles, no BLAS, no SIMD): the same bits on every
    # machine, so the measured digits (9.45, 8.25) hold everywhere. Its error bound n u kappa guarantees far less
    # (about 5 digits on NumAcc4, test below): the bound does not explain the 8 digits, determinism does.
    assert sd_lre(math.sqrt(variance_welford(x, ddof=1))) >= 8.0
    assert sd_lre(math.sqrt(variance_welford(x, ddof=1))) >= min_digits


@pytest.mark.parametrize(("name", "grid", "max_digits"), [("NumAcc3", 2.0**-13, 3.0), ("NumAcc4", 2.0**-6, 0.61)])
def test_naive_formula_is_limited_by_its_grid(name, grid, max_digits):
    # mean(x^2) and mean(x)^2 are doubles >= 2^39 (NumAcc3: about 1e12) or >= 2^46 (NumAcc4: about 1e14), so
    # both are multiples of 2^(39-52) = 2^-13, respectively 2^-6, and so is their difference: the population
    # variance 10/1001 = 0.00999 sits between grid points. Nearest grid point for NumAcc3: 82 * 2^-13, relative
    # error 2.0e-3, sd error 1.0e-3: at most 3.0 digits. NumAcc4: 0 or 2^-6, sd error >= 25 %: at most 0.61.
    x = numacc_data(NUMACC[name])
    population = variance_naive(x)
    assert population / grid == round(population / grid)
    v = variance_naive(x, ddof=1)
    sd = math.sqrt(v) if v >= 0 else math.nan
    assert sd_lre(sd) <= max_digits
    assert sd_lre(std(x, ddof=1)) - sd_lre(sd) >= 6.4  # two-pass keeps >= 8.2 (NumAcc4) or >= 9.4


def test_readme_welford_bound_on_numacc4():
    # README: n u kappa with kappa = sqrt(1 + n mean^2 / S) ~ 1e8 is about 1.1e-5 on NumAcc4 (about 5 digits),
    # where the former text claimed a bound of 4e-9 (7.5 digits); the measured error is far below the bound.
    x = numacc_data(10_000_000)
    S = float(exact_variance(x, 0)) * x.size
    kappa = math.sqrt(1 + x.size * float(np.mean(x)) ** 2 / S)
    assert round(kappa / 1e8, 2) == 1.0
    bound = x.size * U * kappa
    assert round(bound * 1e5, 1) == 1.1
    assert abs(variance_welford(x, ddof=1) / 0.01 - 1) < bound


def test_readme_numacc_measured_values():
    # The README's table (measured on one machine) with the statements that hold everywhere: naive 1.9 digits on
    # NumAcc3 and a negative variance on NumAcc4 are what the grid allows (test above), exact on this numpy.
    x3, x4 = numacc_data(1_000_000), numacc_data(10_000_000)
    assert variance_naive(x4, ddof=1) < 0 or sd_lre(math.sqrt(variance_naive(x4, ddof=1))) <= 0.61
    assert sd_lre(math.sqrt(variance_naive(x3, ddof=1))) <= 3.0
    assert round(sd_lre(math.sqrt(variance_welford(x3, ddof=1))), 2) == 9.45
    assert round(sd_lre(math.sqrt(variance_welford(x4, ddof=1))), 2) == 8.25


def test_references_on_numacc():
    # statistics.stdev works in exact fractions: it equals the exact sd of the stored data to one rounding.
    for base in NUMACC.values():
        x = numacc_data(base)
        np.testing.assert_allclose(std(x, ddof=1), statistics.stdev(x.tolist()), rtol=x.size * U)
        np.testing.assert_allclose(std(x, ddof=1), np.std(x, ddof=1), rtol=x.size * U)
        np.testing.assert_allclose(mean(x), base + 0.2, rtol=4 * U)


# ---------------------------------------------------------------- mean, variance, std


@pytest.mark.parametrize(("n", "ddof"), [(1, 0), (2, 0), (2, 1), (3, 1), (10, 0), (10, 1), (1000, 0), (1000, 1)])
def test_against_numpy_and_statistics(n, ddof):
    x = RNG.normal(5.0, 3.0, size=n)
    # well-conditioned data (mean/sd ~ 2): pairwise sums and two passes agree to a few n u
    np.testing.assert_allclose(mean(x), np.mean(x), rtol=n * U)
    np.testing.assert_allclose(variance(x, ddof), np.var(x, ddof=ddof), rtol=4 * n * U, atol=0)
    np.testing.assert_allclose(std(x, ddof), np.std(x, ddof=ddof), rtol=4 * n * U, atol=0)
    np.testing.assert_allclose(variance_welford(x, ddof), np.var(x, ddof=ddof), rtol=8 * n * U, atol=1e-300)
    if n >= 2 and ddof == 1:
        np.testing.assert_allclose(variance(x, 1), statistics.variance(x.tolist()), rtol=4 * n * U)


def test_readme_worked_examples():
    # README "Worked example": x = (1, 2, 6): mean 3, population variance 14/3, sample variance 7.
    assert mean([1, 2, 6]) == 3.0
    np.testing.assert_allclose(variance([1, 2, 6]), 14 / 3, rtol=2 * EPS)
    assert variance([1, 2, 6], ddof=1) == 7.0
    np.testing.assert_allclose(std([1, 2, 6], ddof=1), math.sqrt(7), rtol=2 * EPS)
    # The same data shifted by 1e8: two-pass is exact, the naive formula returns 4 instead of 14/3.
    shifted = np.array([1.0, 2.0, 6.0]) + 1e8
    assert variance(shifted, ddof=1) == 7.0
    assert variance_naive(shifted) == 4.0


def test_subnormal_data_give_no_nan():
    # Below 2^-1024 the scale 2^-exponent overflowed to inf and every result was inf / inf = NaN.
    with np.errstate(all="ignore"):  # underflow of the subnormal results is expected
        assert mean([1e-310, 3e-310]) == 2e-310
        assert std([1e-310, 3e-310]) == 1e-310  # exact: the deviations 1e-310 are doubles (subnormal)
        assert variance([1e-310, 3e-310]) == 0.0  # 1e-620 underflows: an honest 0
        assert std([5e-324] * 4) == 0.0 and mean([5e-324] * 3) == 5e-324
        # a subnormal entry carries an absolute accuracy of the subnormal spacing 2^-1074 only
        np.testing.assert_allclose(covariance([[1e-310, 1.0], [3e-310, 2.0]]), [[0.0, 1e-310], [1e-310, 0.5]],
                                   rtol=4 * U, atol=2 * 2.0**-1074)
        R = correlation([[1e-310, 1.0], [3e-310, 2.0], [2e-310, 5.0]])
    np.testing.assert_allclose(R, np.corrcoef([[1.0, 1.0], [3.0, 2.0], [2.0, 5.0]], rowvar=False), atol=16 * U)


def test_constant_and_single_value():
    assert variance([3.5]) == 0.0
    assert variance([2.0] * 7, ddof=1) == 0.0
    assert std([1e300] * 3) == 0.0
    assert variance_welford([4.0]) == 0.0


def test_extreme_magnitudes_neither_overflow_nor_underflow():
    # power-of-two scaling: exact, so results are as accurate as for numbers near 1
    assert mean([1e308, 1e308]) == 1e308  # np.mean overflows to inf
    assert std([-1e200, 1e200]) == 1e200  # the variance 1e400 is not a double, its root is
    np.testing.assert_allclose(std([1e-200, 3e-200]), 1e-200, rtol=2 * EPS)  # np.std: 0 (squares underflow)
    assert variance([-1e200, 1e200]) == np.inf  # honest overflow of a value above the largest double
    np.testing.assert_allclose(variance([1e-150, 3e-150]), 1e-300, rtol=4 * EPS)


@given(arrays(np.float64, st.integers(2, 30), elements=st.floats(-1e6, 1e6)),
       st.floats(-1e6, 1e6), st.sampled_from([0.5, 2.0, 1024.0]))
def test_shift_and_scale_laws(x, shift, scale):
    # Var(a X + b) = a^2 Var(X): exact for a power of two; the shift changes only roundoff. The two-pass error
    # is about n u Var + u^2 (mean/sd)^2 Var: bounded by an absolute 8 n u (max|x| + |b|)^2.
    v = variance(x)
    assert variance(scale * x) == pytest.approx(scale**2 * v, rel=0, abs=4 * x.size * U * scale**2 * (np.max(np.abs(x)) ** 2 + 1e-300))
    tol = 8 * x.size * U * (np.max(np.abs(x)) + abs(shift)) ** 2
    assert abs(variance(x + shift) - v) <= tol
    assert v >= 0


# ---------------------------------------------------------------- covariance and correlation


@pytest.mark.parametrize(("n", "d"), [(2, 1), (5, 3), (200, 6), (3, 8)])
@pytest.mark.parametrize("ddof", [0, 1])
def test_covariance_matches_numpy(n, d, ddof):
    X = RNG.normal(size=(n, d)) * RNG.uniform(0.1, 10, size=d) + RNG.normal(size=d) * 10
    Sigma = covariance(X, ddof=ddof)
    ref = np.cov(X, rowvar=False, ddof=ddof).reshape(d, d)
    # entrywise forward error of a centred dot product: <= n u |xc_j| |xc_k| (Cauchy-Schwarz); 4 n u generous
    scale = np.sqrt(np.outer(np.diag(ref), np.diag(ref)))
    np.testing.assert_allclose(Sigma, ref, rtol=0, atol=float(np.max(4 * n * U * scale)) + 1e-300)
    np.testing.assert_array_equal(Sigma, Sigma.T)


def test_covariance_diagonal_equals_variance_and_pandas():
    import pandas as pd

    X = RNG.normal(size=(50, 4)) + 1e3
    Sigma = covariance(X)
    np.testing.assert_allclose(np.diag(Sigma), [variance(X[:, j], ddof=1) for j in range(4)], rtol=200 * U)
    np.testing.assert_allclose(Sigma, pd.DataFrame(X).cov().to_numpy(), rtol=1e-12)


def test_covariance_is_positive_semidefinite_even_for_n_less_than_d():
    X = RNG.normal(size=(3, 6))  # rank <= 2: three eigenvalues are zero in exact arithmetic
    Sigma = covariance(X)
    lam, _ = eigh(Sigma)
    # a symmetric PSD matrix's computed eigenvalues are >= -c d u ||Sigma||; c = 10 generous
    assert np.min(lam) >= -10 * 6 * U * np.max(np.abs(lam))
    assert np.sum(lam > 1e-10 * np.max(lam)) == 2


def test_covariance_scaled_columns():
    units = np.array([1e160, 1e-160])
    X = RNG.normal(size=(20, 2)) * units
    Sigma = covariance(X)
    ref = np.cov(X / units, rowvar=False)  # the same data in units near 1
    # the power-of-two scaling is exact: only the roundoff of length-20 centred dot products (20 u) remains
    assert Sigma[0, 0] == np.inf  # about 1e320: above the largest double, an honest overflow
    np.testing.assert_allclose(Sigma[0, 1], ref[0, 1], rtol=80 * U)  # the units cancel
    # about 1e-320 is subnormal: one rounding to the subnormal grid (spacing 2^-1074) here and one in the reference plus 20 u relative
    assert abs(Sigma[1, 1] - ref[1, 1] * 1e-320) <= 2 * 2.0**-1074 + 80 * U * ref[1, 1] * 1e-320
    np.testing.assert_allclose(correlation(X), np.corrcoef(X / units, rowvar=False), atol=80 * U)


@pytest.mark.parametrize(("n", "d"), [(2, 2), (10, 3), (300, 5)])
def test_correlation_matches_corrcoef(n, d):
    X = RNG.normal(size=(n, d)) @ RNG.normal(size=(d, d)) + 100.0
    R = correlation(X)
    # entries are ratios of centred dot products, each accurate to n u: absolute error <= 3 n u; 4 n u generous
    np.testing.assert_allclose(R, np.corrcoef(X, rowvar=False), rtol=0, atol=4 * n * U)
    np.testing.assert_array_equal(np.diag(R), 1.0)
    assert np.all(np.abs(R) <= 1.0)
    np.testing.assert_array_equal(R, R.T)


def test_correlation_on_real_data_matches_pandas():
    from sklearn.datasets import load_wine

    df = load_wine(as_frame=True).data
    R = correlation(df.to_numpy())
    np.testing.assert_allclose(R, df.corr().to_numpy(), atol=178 * 4 * U)
    # the readme's strongest pair: flavanoids and total_phenols, r = 0.86
    j, k = df.columns.get_loc("flavanoids"), df.columns.get_loc("total_phenols")
    assert round(R[j, k], 2) == 0.86


def test_perfect_correlations_are_exactly_one():
    t = np.linspace(0, 1, 11)
    R = correlation(np.column_stack([t, 3 * t + 1, -2 * t]))
    np.testing.assert_allclose(R, [[1, 1, -1], [1, 1, -1], [-1, -1, 1]], atol=4 * EPS)
    assert np.all(np.abs(R) <= 1.0)


def test_readme_correlation_example():
    np.testing.assert_array_equal(correlation([[1, 3], [2, 2], [3, 1]]), [[1.0, -1.0], [-1.0, 1.0]])
    np.testing.assert_allclose(covariance([[1, 2], [2, 4], [3, 6]]), [[1, 2], [2, 4]], rtol=2 * EPS)


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize("func", [mean, variance, std, variance_naive, variance_welford])
@pytest.mark.parametrize(("x", "match"), [
    ([], "at least 1"),
    ([1.0, np.nan], "finite"),
    ([1.0, np.inf], "finite"),
    ([[1.0, 2.0]], "1-D"),
    ("abc", "x must be"),
])
def test_1d_functions_reject_bad_samples(func, x, match):
    with pytest.raises(ValueError, match=match):
        func(x)


@pytest.mark.parametrize("func", [variance, std, variance_naive, variance_welford])
def test_ddof_checks(func):
    with pytest.raises(ValueError, match="ddof must be smaller"):
        func([1.0, 2.0], ddof=2)
    with pytest.raises(ValueError, match="ddof must be >= 0"):
        func([1.0, 2.0], ddof=-1)
    with pytest.raises(TypeError, match="ddof must be an integer"):
        func([1.0, 2.0], ddof=0.5)


@pytest.mark.parametrize("func", [covariance, correlation])
@pytest.mark.parametrize(("X", "match"), [
    ([1.0, 2.0], "2-D"),
    (np.zeros((0, 3)), "at least"),
    ([[1.0, np.nan], [2.0, 3.0]], "finite"),
    ([["a", "b"]], "X must be"),
])
def test_matrix_functions_reject_bad_input(func, X, match):
    with pytest.raises(ValueError, match=match):
        func(X)


def test_covariance_ddof_and_correlation_constant_column():
    with pytest.raises(ValueError, match="ddof"):
        covariance([[1.0, 2.0]])  # ddof=1 needs n >= 2
    with pytest.raises(ValueError, match="at least 2 row"):
        correlation([[1.0, 2.0]])
    with pytest.raises(ValueError, match="constant column \\(column 1\\)"):
        correlation([[1.0, 5.0], [2.0, 5.0], [3.0, 5.0]])


def test_numacc_data_rejects_bad_base():
    with pytest.raises(ValueError, match="base must be >= 0"):
        numacc_data(-1)
    with pytest.raises(TypeError, match="base must be an integer"):
        numacc_data(1e6)


def test_inputs_are_not_mutated():
    x = np.array([3.0, 1.0, 2.0])
    X = np.array([[1.0, 2.0], [3.0, 5.0], [4.0, 4.0]])
    for f in (mean, variance, std, variance_naive, variance_welford):
        f(x)
    covariance(X)
    correlation(X)
    np.testing.assert_array_equal(x, [3.0, 1.0, 2.0])
    np.testing.assert_array_equal(X, [[1.0, 2.0], [3.0, 5.0], [4.0, 4.0]])


# ---------------------------------------------------------------- README worked examples (notebook's seeded draws)


def test_readme_die_lln_clt_and_linearity_numbers():
    # The notebook's draws, in its order, from rng = default_rng(0).
    rng = np.random.default_rng(0)
    rolls = rng.integers(1, 7, size=100_000)
    assert f"{mean(rolls):.4f}" == "3.4980" and f"{variance(rolls, ddof=1):.3f}" == "2.910"
    assert round(std(rolls, ddof=1) / math.sqrt(rolls.size), 4) == 0.0054
    # the simulated mean is within 0.4 standard errors of 7/2 (the README's claim)
    assert abs(mean(rolls) - 3.5) / (std(rolls, ddof=1) / math.sqrt(rolls.size)) < 0.4
    samples = -np.log1p(-rng.random(100_000)) / 2.0
    assert abs(mean(samples) - 0.5) < 4.5 * 0.5 / math.sqrt(samples.size)  # exponential: sigma = 1/2
    means = (-np.log1p(-rng.random((20_000, 30))) / 2.0).mean(axis=1)
    z = (means - 0.5) / (0.5 / math.sqrt(30))
    assert round(float(np.mean(np.abs(z) <= 1.96)), 3) == 0.953
    # linearity: 253 pairs, each matching with probability 1/365
    assert math.comb(23, 2) == 253 and round(253 / 365, 3) == 0.693
    birthdays = rng.integers(0, 365, size=(20_000, 23))
    i, j = np.triu_indices(23, k=1)
    pairs = (birthdays[:, i] == birthdays[:, j]).sum(axis=1)
    assert abs(mean(pairs) - 253 / 365) <= 4.5 * std(pairs, ddof=1) / math.sqrt(pairs.size)


def test_readme_die_exact_moments():
    faces = np.arange(1, 7)
    np.testing.assert_allclose(mean(faces), 3.5, rtol=2 * EPS)
    np.testing.assert_allclose(variance(faces), 35 / 12, rtol=8 * EPS)  # population variance of the 6 faces


def test_readme_wine_eigenvalues():
    from sklearn.datasets import load_wine

    X = load_wine(as_frame=True).data.to_numpy()
    lam, _ = eigh(covariance(X))
    assert np.all(lam > 0)
    assert int(np.log10(lam.max() / lam.min())) == 7  # log10 ratio is 7.08: far from the boundaries 7 and 8
    lam_r, _ = eigh(correlation(X))
    np.testing.assert_allclose(lam_r.sum(), 13.0, rtol=64 * U)  # trace = 13, sum of 13 eigenvalues


def test_readme_code_naive_with_ddof():
    x = np.array([1.0, 2.0, 6.0]) + 1e8
    assert variance_naive(x, ddof=1) == 6.0  # 4.0 * 3/2
    assert variance_welford(x, ddof=1) == 7.0
