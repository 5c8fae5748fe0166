"""Tests for linear_algebra.python_implementations.cholesky against numpy/scipy and the error analysis.

The bounds used throughout (u = 2^-53 is the unit roundoff, gamma_k = k u / (1 - k u)):

* backward error (Higham, Theorem 10.3): the computed L satisfies L L^T = A + dA with
  |dA_ij| <= gamma_{n+1} |l_i| |l_j| <= gamma_{n+1} sqrt(a_ii a_jj) / (1 - gamma_{n+1}) (Cauchy-Schwarz on rows);
* Demmel (Higham, Theorem 10.7): with A = D H D, D = diag(sqrt(a_ii)), the factorisation succeeds when
  lambda_min(H) > t_n = n gamma_{n+1} / (1 - gamma_{n+1}), and must fail when lambda_min(H) < -t_n;
* solves (Higham, Theorem 10.4): (A + dA) x = b with |dA| <= gamma_{3n+1} |L| |L^T|.
"""

import math

import numpy as np
import pytest
import scipy.linalg as sla
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from numpy.linalg import LinAlgError
from scipy.spatial.distance import mahalanobis
from sklearn.datasets import load_iris, load_wine

from linear_algebra.python_implementations.cholesky import (
    cholesky,
    cholesky_solve,
    is_positive_definite,
    logdet_spd,
)
from linear_algebra.python_implementations.eigen import eigh
from linear_algebra.python_implementations.matrices import det, forward_substitution
from linear_algebra.python_implementations.vectors import norm

U = 2.0**-53  # unit roundoff
EPS = np.finfo(float).eps


def gamma(k):
    return k * U / (1 - k * U)


def demmel_threshold(n):
    """t_n = n gamma_{n+1} / (1 - gamma_{n+1}): Cholesky's verdict is certain when |lambda_min(H)| > t_n."""
    g = gamma(n + 1)
    return n * g / (1 - g)


def unit_diagonal(A):
    """H = D^-1 A D^-1 with D = diag(sqrt(a_ii)) (A with a positive diagonal)."""
    d = np.sqrt(np.diag(A))
    return A / np.outer(d, d)


def assert_backward_stable(A, L):
    """|A - L L^T|_ij <= c (n+1) u sqrt(a_ii a_jj) with c = 2.5.

    Theorem 10.3 gives gamma_{n+1} sqrt(a_ii a_jj) / (1 - gamma_{n+1}) for the factor; forming L @ L.T here adds at
    most gamma_n |L| |L^T| <= gamma_n sqrt(a_ii a_jj) (1 + gamma_{n+1}): together 2 (n+1) u to first order, and
    0.5 covers the second-order factors and the rounding of the bound itself.
    """
    n = A.shape[0]
    d = np.sqrt(np.diag(A))  # (n,)
    bound = 2.5 * (n + 1) * U * np.outer(d, d)  # (n, n)
    assert np.all(np.abs(A - L @ L.T) <= bound), np.max(np.abs(A - L @ L.T) / bound)


def assert_is_cholesky_factor(A, L):
    n = A.shape[0]
    assert L.shape == (n, n)
    assert np.all(np.triu(L, k=1) == 0.0), "L must be exactly zero above the diagonal"
    assert np.all(np.diag(L) > 0.0)
    # no growth: a_ii = sum_k l_ik^2 (up to the backward error) bounds every |l_ik| by sqrt(a_ii)
    assert np.all(np.abs(L) <= np.sqrt(np.diag(A))[:, None] * (1 + 2 * (n + 1) * U))
    assert_backward_stable(A, L)


def random_spd(n, seed, cond=10.0):
    """Q diag(lambda) Q^T with eigenvalues from 1 down to 1/cond, geometrically spaced."""
    rng = np.random.default_rng(seed)
    Q, _ = np.linalg.qr(rng.standard_normal((n, n)))
    lam = np.logspace(0, -np.log10(cond), n)
    A = (Q * lam) @ Q.T
    return (A + A.T) / 2  # exactly symmetric


def rbf_kernel(x, length_scale):
    """k(x_i, x_j) = exp(-(x_i - x_j)^2 / (2 l^2)) for points on a line."""
    return np.exp(-((x[:, None] - x[None, :]) ** 2) / (2 * length_scale**2))  # (n, 1) - (1, n) -> (n, n)


def wine_covariance():
    X = load_wine().data  # (178, 13), bundled with scikit-learn
    return X, np.cov(X, rowvar=False)


# The worked example of the README.
A_README = np.array([[4.0, 2.0, 2.0], [2.0, 5.0, 3.0], [2.0, 3.0, 6.0]])
L_README = np.array([[2.0, 0.0, 0.0], [1.0, 2.0, 0.0], [1.0, 1.0, 2.0]])


DHD_WIDE = np.diag([1e150, 1e-5, 1e-150]) @ random_spd(3, 12) @ np.diag([1e150, 1e-5, 1e-150])


def _cases():
    rng = np.random.default_rng(11)
    B = rng.standard_normal((6, 6))
    D = np.diag(np.logspace(0, -12, 6))
    x = np.linspace(0.0, 1.0, 30)
    return {
        "1x1": np.array([[9.0]]),
        "readme": A_README,
        "random5": random_spd(5, 1),
        "random40": random_spd(40, 2, cond=1e3),
        "ill_conditioned": random_spd(12, 3, cond=1e12),
        "graded": D @ (B @ B.T + 6 * np.eye(6)) @ D,  # kappa(A) ~ 1e24, kappa(H) small
        "scaled_1e300": 1e300 * random_spd(4, 4),
        "scaled_1e-300": 1e-300 * random_spd(4, 5),
        "near_overflow": 1e307 * random_spd(5, 6),
        "subnormal_scale": 1e-310 * np.array([[4.0, 2.0], [2.0, 5.0]]),
        "wine_covariance": wine_covariance()[1],
        "kernel_with_jitter": rbf_kernel(x, 1.0) + 2 * 30 * 35 * U * np.eye(30),
        # D H D with a diagonal from 1e300 down to 1e-300: wider than the range of the doubles, yet H is well
        # conditioned, so Cholesky must succeed and be as accurate as for H (the scaling is by diag(2^h_j))
        "diagonal_beyond_double_range": DHD_WIDE,
    }


CASES = _cases()


# ---------------------------------------------------------------- the README's worked example


def test_readme_worked_example_factor_is_exact():
    # every step of the hand computation is exact in floating point: sqrt(4) = 2, (2 - 0) / 2 = 1, ...
    np.testing.assert_array_equal(cholesky(A_README), L_README)


def test_readme_pivots_are_ratios_of_leading_minors():
    # README: pivots l_jj^2 = 4, 4, 4 and leading minors 4, 16, 64 (the pivots are their ratios)
    L = cholesky(A_README)
    np.testing.assert_array_equal(np.diag(L) ** 2, [4.0, 4.0, 4.0])
    minors = [det(A_README[:k, :k]) for k in (1, 2, 3)]
    # LU on these small integer matrices: relative error a few u (Higham 9.3); 8 u is generous
    np.testing.assert_allclose(minors, [4.0, 16.0, 64.0], rtol=8 * U)


def test_readme_eigenvalues_are_positive():
    lam, _ = eigh(A_README)
    # README: eigenvalues 2.3225, 2.7858, 9.8917 (rounded to 4 decimals); their product is det A = 64
    np.testing.assert_allclose(lam, [2.3225, 2.7858, 9.8917], atol=5e-5)
    np.testing.assert_allclose(np.prod(lam), 64.0, rtol=1e-13)
    np.testing.assert_allclose(lam, np.linalg.eigvalsh(A_README), rtol=1e-13)


def test_readme_solve():
    # README: b = (8, 10, 11); forward substitution gives y = (4, 3, 2), back substitution x = (1, 1, 1)
    L = cholesky(A_README)
    np.testing.assert_array_equal(forward_substitution(L, [8.0, 10.0, 11.0]), [4.0, 3.0, 2.0])
    np.testing.assert_array_equal(cholesky_solve(L, [8.0, 10.0, 11.0]), [1.0, 1.0, 1.0])


def test_readme_mahalanobis_distance():
    # README: v = x - mu = (2, 3, 4); L y = v gives y = (1, 1, 1), so d_M = sqrt(3) = 1.7321, Euclidean sqrt(29)
    L = cholesky(A_README)
    v = np.array([2.0, 3.0, 4.0])
    y = forward_substitution(L, v)
    np.testing.assert_array_equal(y, [1.0, 1.0, 1.0])
    assert norm(y) == pytest.approx(math.sqrt(3.0), rel=2 * U)
    assert round(norm(y), 4) == 1.7321
    assert round(norm(v), 4) == 5.3852
    ref = mahalanobis(v, np.zeros(3), np.linalg.inv(A_README))
    assert norm(y) == pytest.approx(ref, rel=1e-14)  # both are exact to a few u on this well-conditioned A


def test_readme_logdet():
    # README: log det A = 2 (log 2 + log 2 + log 2) = log 64 = 4.1589
    assert logdet_spd(A_README) == pytest.approx(math.log(64.0), rel=4 * U)
    assert round(logdet_spd(A_README), 4) == 4.1589


def test_readme_not_positive_definite_message():
    # README: changing a_33 from 6 to 1.75 makes the third pivot 1.75 - 1 - 1 = -0.25 (exact)
    A = A_README.copy()
    A[2, 2] = 1.75
    with pytest.raises(LinAlgError, match=r"^A is not positive definite: pivot 3 is -0\.25 <= 0$"):
        cholesky(A)
    assert not is_positive_definite(A)
    # and the leading minors say the same: 4, 16, then 16 * (-0.25) = -4
    assert det(A) == pytest.approx(-4.0, rel=8 * U)


@pytest.mark.parametrize(
    ("name", "A", "verdict", "eigenvalues"),
    [
        ("bowl", [[2.0, 1.0], [1.0, 2.0]], True, [1.0, 3.0]),
        ("saddle", [[1.0, 2.0], [2.0, 1.0]], False, [-1.0, 3.0]),
        ("trough", [[1.0, 1.0], [1.0, 1.0]], False, [0.0, 2.0]),
    ],
)
def test_readme_quadratic_forms(name, A, verdict, eigenvalues):
    # README's three pictures: eigenvalues (1, 3), (-1, 3), (0, 2); only the bowl is positive definite
    lam, _ = eigh(A)
    np.testing.assert_allclose(lam, eigenvalues, atol=4 * U)
    assert is_positive_definite(A) is verdict


def test_trough_fails_at_pivot_2_exactly():
    # [[1, 1], [1, 1]]: l_21 = 1, pivot 2 = 1 - 1 = 0 exactly (a singular positive semi-definite matrix)
    with pytest.raises(LinAlgError, match=r"pivot 2 is 0 <= 0"):
        cholesky([[1.0, 1.0], [1.0, 1.0]])


# ---------------------------------------------------------------- factor: against numpy, invariants


@pytest.mark.parametrize("name", list(CASES))
def test_cholesky_is_a_backward_stable_factor(name):
    A = CASES[name]
    assert_is_cholesky_factor(A, cholesky(A))


@pytest.mark.parametrize("name", [k for k in CASES if k not in ("near_overflow", "subnormal_scale")])
def test_cholesky_matches_numpy(name):
    A = CASES[name]
    L = cholesky(A)
    L_ref = np.linalg.cholesky(A)
    # Both factors are backward stable with |dH| <= gamma_{n+1} entrywise on H = D^-1 A D^-1, so ||dH||_F <= n
    # gamma_{n+1}. Sun's perturbation bound for the factor of H gives ||d(D^-1 L)||_F <= kappa(H) ||D^-1 L||_2
    # ||dH||_F / ||H||_2 to first order (||H||_2 >= 1); two such factors: c = 2, and 2 more for second order.
    n = A.shape[0]
    d = np.sqrt(np.diag(A))
    H = unit_diagonal(A)
    kappa_H = np.linalg.cond(H)
    bound = 4 * kappa_H * np.linalg.norm(L_ref / d[:, None], 2) * n * gamma(n + 1)
    assert np.linalg.norm((L - L_ref) / d[:, None]) <= bound


@pytest.mark.parametrize("n", [1, 2, 3, 6, 10])
def test_readme_backward_error_is_at_most_2nu_times_the_largest_entry(n):
    # README: max |A - L L^T| <= 2 n u max |a_ij|, with L L^T formed exactly (in rationals, so that the check adds
    # no rounding of its own). For n >= 2 this is gamma_{n+1} / (1 - gamma_{n+1}) <= 2 n u; for n = 1 it is the
    # correctly rounded square root, |a - fl(sqrt(a))^2| < 2 u a, since gamma_2 / (1 - gamma_2) > 2 u
    from fractions import Fraction

    assert gamma(2) / (1 - gamma(2)) > 2 * U
    assert all(gamma(k + 1) / (1 - gamma(k + 1)) <= 2 * k * U for k in range(2, 100))
    for seed in range(5):
        A = random_spd(n, 100 + seed, cond=1e3) if n > 1 else np.array([[np.random.default_rng(seed).uniform(1, 4)]])
        L = cholesky(A)
        Lf = [[Fraction(float(x)) for x in row] for row in L]
        worst = max(
            abs(Fraction(float(A[i, j])) - sum(Lf[i][k] * Lf[j][k] for k in range(n))) for i in range(n) for j in range(n)
        )
        assert worst <= Fraction(2 * n) * Fraction(U) * Fraction(float(np.max(np.abs(A))))


@pytest.mark.parametrize("k", [-450, -2, 2, 500])
def test_cholesky_scales_exactly_by_powers_of_four(k):
    # A is divided by a power of two before factoring, so 2^(2k) A has exactly the factor 2^k L
    A = CASES["random5"]
    np.testing.assert_array_equal(cholesky(np.ldexp(A, 2 * k)), np.ldexp(cholesky(A), k))


def test_cholesky_near_the_overflow_threshold():
    # entries near 1e308, where even the trace overflows; the factor (entries ~1e154) is representable and is
    # exactly 2^511 times the factor of the matrix at scale 1
    B = np.array([[1.5, 0.5, 0.25], [0.5, 1.5, 0.5], [0.25, 0.5, 1.5]])
    A = np.ldexp(B, 1022)  # max entry 1.5 * 2^1022 ~ 6.7e307
    with np.errstate(over="ignore"):
        assert np.trace(A) == np.inf
    L = cholesky(A)
    np.testing.assert_array_equal(L, np.ldexp(cholesky(B), 511))
    assert_is_cholesky_factor(B, cholesky(B))


@pytest.mark.parametrize("name", ["subnormal_scale", "subnormal_random"])
def test_cholesky_of_subnormal_entries_is_accurate(name):
    # subnormal entries have a fixed absolute spacing of 2^-1074, so products l_ik l_jk of size ~1e-310 computed
    # directly would carry relative errors near 1e-14; the power-of-two scaling factors them in the normal range
    A = CASES["subnormal_scale"] if name == "subnormal_scale" else np.ldexp(random_spd(6, 8), -1030)
    L = cholesky(A)
    # 2^1100 A is the same stored matrix at a normal scale (exact); its factor is 2^550 L, backward stable
    assert_is_cholesky_factor(np.ldexp(A, 1100), np.ldexp(L, 550))
    # and it agrees with LAPACK's factor of the scaled matrix within the bound of test_cholesky_matches_numpy
    A_n, L_n, L_ref = np.ldexp(A, 1100), np.ldexp(L, 550), np.linalg.cholesky(np.ldexp(A, 1100))
    n, d = A.shape[0], np.sqrt(np.diag(A_n))[:, None]
    bound = 4 * np.linalg.cond(unit_diagonal(A_n)) * np.linalg.norm(L_ref / d, 2) * n * gamma(n + 1)
    assert np.linalg.norm((L_n - L_ref) / d) <= bound


def test_cholesky_of_a_diagonal_wider_than_the_range_of_the_doubles():
    # diag(1e300, 1e-10, 1e-300) is as well conditioned as a matrix can be once scaled to a unit diagonal (H = I).
    # One power of two for the whole matrix would push 1e-300 into the subnormals (and 1e-20 next to 1e300 lose its
    # digits); the scaling by diag(2^h_j) keeps every pivot in [1/4, 1), so the factor is exact here.
    A = np.diag([1e300, 1e-10, 1e-300])
    assert is_positive_definite(A)
    np.testing.assert_array_equal(cholesky(A), np.diag(np.sqrt([1e300, 1e-10, 1e-300])))
    np.testing.assert_array_equal(cholesky(np.diag([1e300, 1e-20]))[1, 1], math.sqrt(1e-20))
    # log 1e300 + log 1e-10 + log 1e-300 = -23.03: the terms of size 690 cancel, so the error is a few u times 1400
    terms = [math.log(1e300), math.log(1e-10), math.log(1e-300)]
    assert abs(logdet_spd(A) - math.fsum(terms)) <= 8 * U * sum(abs(t) for t in terms)
    A = CASES["diagonal_beyond_double_range"]  # the same with off-diagonal entries: backward stable in H's terms
    assert_is_cholesky_factor(A, cholesky(A))


def test_cholesky_uses_only_the_lower_triangle():
    # an upper triangle that differs by rounding-sized amounts does not change the factor (LAPACK convention)
    A = CASES["random5"]
    A_perturbed = A + np.triu(np.full_like(A, 1e-12), k=1)
    np.testing.assert_array_equal(cholesky(A_perturbed), cholesky(A))
    np.testing.assert_array_equal(cholesky(A_perturbed), np.tril(cholesky(np.tril(A) + np.tril(A, -1).T)))


def test_cholesky_does_not_modify_its_input():
    A = CASES["random5"].copy()
    A_before = A.copy()
    cholesky(A)
    logdet_spd(A)
    is_positive_definite(A)
    L = cholesky(A)
    L_before = L.copy()
    b = np.ones(5)
    cholesky_solve(L, b)
    np.testing.assert_array_equal(A, A_before)
    np.testing.assert_array_equal(L, L_before)
    np.testing.assert_array_equal(b, np.ones(5))


spd_matrices = st.integers(1, 8).flatmap(
    lambda n: arrays(np.float64, (n, n), elements=st.floats(-10, 10, allow_nan=False, width=64))
).map(lambda B: B @ B.T + B.shape[0] * np.eye(B.shape[0]))  # B B^T + n I: positive definite, exactly symmetric


@settings(max_examples=60, deadline=None)
@given(spd_matrices, st.integers(-400, 400))
def test_property_factor_invariants_and_scale_equivariance(A, k):
    L = cholesky(A)
    assert_is_cholesky_factor(A, L)
    np.testing.assert_array_equal(cholesky(np.ldexp(A, 2 * k)), np.ldexp(L, k))


# ---------------------------------------------------------------- not positive definite: which pivot fails


@pytest.mark.parametrize("j", [1, 2, 4, 6])
def test_the_message_names_the_first_failing_pivot(j):
    A = np.eye(6)
    A[j - 1, j - 1] = -1.0  # leading (j-1) x (j-1) block is I, the j-th pivot is -1
    with pytest.raises(LinAlgError, match=rf"^A is not positive definite: pivot {j} is -1 <= 0$"):
        cholesky(A)


def test_the_pivot_is_reported_in_the_units_of_A():
    with pytest.raises(LinAlgError, match=r"pivot 2 is -1e\+300 <= 0"):
        cholesky(1e300 * np.diag([1.0, -1.0]))
    with pytest.raises(LinAlgError, match=r"pivot 2 is -1e-300 <= 0"):
        cholesky(1e-300 * np.diag([1.0, -1.0]))


def test_zero_matrix_fails_at_pivot_1():
    with pytest.raises(LinAlgError, match=r"pivot 1 is 0 <= 0"):
        cholesky(np.zeros((3, 3)))


def test_overflow_in_an_indefinite_matrix_is_reported_as_minus_inf():
    # a subnormal first pivot followed by an entry of 0.5: l_21 = 0.5 / 2^-537 = 2^536, whose square overflows;
    # the matrix is far from definite (det < 0) and the second pivot is -inf, without a RuntimeWarning
    t = 2.0**-1074
    with np.errstate(all="raise"):
        with pytest.raises(LinAlgError, match=r"pivot 2 is -inf <= 0"):
            cholesky([[t, 0.5], [0.5, 0.5]])


def test_indefinite_with_positive_diagonal_fails():
    A = np.array([[1.0, 2.0, 0.0], [2.0, 1.0, 0.0], [0.0, 0.0, 1.0]])  # eigenvalues -1, 1, 3
    with pytest.raises(LinAlgError, match=r"pivot 2 is -3 <= 0"):  # 1 - 2^2 = -3
        cholesky(A)
    with pytest.raises(LinAlgError):
        np.linalg.cholesky(A)  # the reference agrees


# ---------------------------------------------------------------- symmetry rule


@pytest.mark.parametrize("scale", [1e-300, 1.0, 1e300])
def test_symmetry_rule_is_relative_and_scale_invariant(scale):
    A = CASES["random5"]
    A = A / np.abs(A).max()  # max |a_ij| = 1, so the relative gap below is the absolute one
    small = A.copy()
    small[0, 1] += 1e-12  # rounding-sized: accepted
    large = A.copy()
    large[0, 1] += 1e-6  # far above sqrt(eps) = 1.5e-8: refused
    cholesky(scale * small)
    assert is_positive_definite(scale * small)
    with pytest.raises(ValueError, match=r"A must be symmetric: max \|a_ij - a_ji\| / max \|a_ij\| = 1e-06"):
        cholesky(scale * large)
    with pytest.raises(ValueError, match="A must be symmetric"):
        logdet_spd(scale * large)
    assert is_positive_definite(scale * large) is False


def test_symmetry_tolerance_is_sqrt_eps():
    A = np.eye(2)
    A[0, 1] = 0.9 * math.sqrt(EPS)
    cholesky(A)  # accepted
    A[0, 1] = 1.1 * math.sqrt(EPS)
    with pytest.raises(ValueError, match="A must be symmetric"):
        cholesky(A)


# ---------------------------------------------------------------- bad input


BAD_MATRICES = {
    "nan": [[1.0, np.nan], [np.nan, 1.0]],
    "inf": [[np.inf, 0.0], [0.0, 1.0]],
    "non_square": np.ones((2, 3)),
    "tall": np.ones((3, 2)),
    "vector": [1.0, 2.0],
    "three_d": np.ones((2, 2, 2)),
    "empty": np.zeros((0, 0)),
    "strings": [["a", "b"], ["c", "d"]],
}


@pytest.mark.parametrize("func", [cholesky, is_positive_definite, logdet_spd])
@pytest.mark.parametrize("name", list(BAD_MATRICES))
def test_bad_matrices_raise_value_error_naming_A(func, name):
    with pytest.raises(ValueError, match=r"^A must") as info:
        func(BAD_MATRICES[name])
    assert not isinstance(info.value, LinAlgError)


@given(
    st.integers(1, 5).flatmap(lambda n: arrays(np.float64, (n, n), elements=st.floats(-1e300, 1e300))),
    st.integers(0, 24),
    st.sampled_from([np.nan, np.inf, -np.inf]),
)
def test_property_non_finite_entries_are_refused(A, position, bad):
    A = A + A.T if np.all(np.isfinite(A + A.T)) else np.eye(A.shape[0])
    A.flat[position % A.size] = bad
    for func in (cholesky, is_positive_definite, logdet_spd):
        with pytest.raises(ValueError, match="A must contain only finite numbers"):
            func(A)


def test_logdet_of_non_positive_definite_raises_linalg_error():
    with pytest.raises(LinAlgError, match="pivot 2 is -3 <= 0"):
        logdet_spd([[1.0, 2.0], [2.0, 1.0]])


@pytest.mark.parametrize(
    ("L", "b", "message"),
    [
        ([[1.0, 0.0], [1.0, 1.0]], [1.0, 2.0, 3.0], r"b must have shape \(2,\) or \(2, k\) to match L of shape \(2, 2\)"),
        ([[1.0, 0.0], [1.0, 1.0]], np.ones((2, 2, 1)), r"b must have shape"),
        ([[1.0, 0.0], [1.0, 1.0]], [1.0, np.nan], r"b must contain only finite numbers"),
        ([[1.0, 0.0], [1.0, 1.0]], [], r"b must not be empty"),
        ([[1.0, 0.5], [1.0, 1.0]], [1.0, 2.0], r"L must be lower triangular .* got l_1,2 = 0.5 above the diagonal"),
        ([[1.0, 0.0], [1.0, 0.0]], [1.0, 2.0], r"L must have a positive diagonal .* got l_2,2 = 0"),
        ([[-1.0, 0.0], [1.0, 1.0]], [1.0, 2.0], r"L must have a positive diagonal .* got l_1,1 = -1"),
        (np.ones((2, 3)), [1.0, 2.0], r"L must be square, got shape \(2, 3\)"),
        ([[np.inf, 0.0], [1.0, 1.0]], [1.0, 2.0], r"L must contain only finite numbers"),
    ],
)
def test_cholesky_solve_bad_input(L, b, message):
    with pytest.raises(ValueError, match=message) as info:
        cholesky_solve(L, b)
    assert not isinstance(info.value, LinAlgError)


# ---------------------------------------------------------------- cholesky_solve


@pytest.mark.parametrize("name", [k for k in CASES if k not in ("near_overflow",)])
@pytest.mark.parametrize("k", [None, 3])
def test_cholesky_solve_is_backward_stable_and_matches_scipy(name, k):
    A = CASES[name]
    n = A.shape[0]
    rng = np.random.default_rng(n)
    x_true = rng.standard_normal(n if k is None else (n, k))
    b = A @ x_true
    x = cholesky_solve(cholesky(A), b)
    assert x.shape == b.shape
    # Theorem 10.4: |b - A x| <= gamma_{3n+1} |L||L^T| |x|, and |L||L^T| <= sqrt(a_ii a_jj) entrywise (Cauchy-Schwarz);
    # forming A @ x here adds gamma_n |A| |x|. c = 2 covers the second-order terms.
    d = np.sqrt(np.diag(A))  # (n,)
    xs = np.abs(x) if k is not None else np.abs(x)[:, None]
    bound = 2 * (gamma(3 * n + 1) * np.outer(d, d) + gamma(n) * np.abs(A)) @ xs  # (n, n) @ (n, k) -> (n, k)
    r = np.abs(b - A @ x)
    np.testing.assert_array_less(r if k is not None else r[:, None], bound + np.finfo(float).tiny)
    # against scipy: both solutions are within kappa(H) * (backward error) of the exact one, in the D-scaled norm
    ref = sla.cho_solve(sla.cho_factor(A, lower=True), b)
    kappa_H = np.linalg.cond(unit_diagonal(A))
    scaled = (x - ref) * (d if k is None else d[:, None])  # D x is the solution of H (D x) = D^-1 b
    assert np.linalg.norm(scaled) <= 4 * kappa_H * 3 * n * gamma(n + 1) * np.linalg.norm(ref * (d if k is None else d[:, None])) + 1e-300


# ---------------------------------------------------------------- is_positive_definite


@settings(max_examples=80, deadline=None)
@given(
    st.integers(1, 7),
    st.integers(0, 2**32 - 1),
    st.lists(st.floats(-1.0, 1.0), min_size=7, max_size=7),
    st.floats(-3.0, 3.0),
)
def test_property_is_positive_definite_is_certain_outside_demmels_band(n, seed, lam, log_scale):
    # A = Q diag(lam) Q^T at a random scale: the verdict must be exact once |lambda_min(H)| exceeds t_n
    Q, _ = np.linalg.qr(np.random.default_rng(seed).standard_normal((n, n)))
    A = (Q * np.array(lam[:n])) @ Q.T
    A = 10.0**log_scale * (A + A.T) / 2
    if np.any(np.diag(A) <= 0):
        assert is_positive_definite(A) is False  # a non-positive diagonal entry can never be a pivot > 0
        return
    lam_H = np.linalg.eigvalsh(unit_diagonal(A))
    # eigvalsh has its own error, about n u ||H|| <= n^2 u: add it to Demmel's t_n (c = 4)
    margin = demmel_threshold(n) + 4 * n * n * U
    if lam_H[0] > margin:
        assert is_positive_definite(A) is True
    elif lam_H[0] < -margin:
        assert is_positive_definite(A) is False
    else:
        assume(False)  # inside the band rounding decides; nothing to assert


def test_is_positive_definite_agrees_with_numpy_on_the_cases():
    for A in CASES.values():
        assert is_positive_definite(A)
        np.linalg.cholesky(A)  # the reference succeeds too


def test_non_symmetric_matrix_is_not_positive_definite():
    # x^T A x > 0 for every x != 0, yet A is not symmetric: by this chapter's definition it is not positive definite
    A = [[1.0, 1.0], [-1.0, 1.0]]
    assert is_positive_definite(A) is False
    with pytest.raises(ValueError, match="A must be symmetric"):
        cholesky(A)


# ---------------------------------------------------------------- definiteness tests: minors are a poor test


def test_leading_minors_underflow_where_cholesky_does_not():
    # README: 1e-3 I_200 is perfectly conditioned, but its leading minors 1e-3k underflow to 0 from k = 108 on
    A = 1e-3 * np.eye(200)
    minors = np.array([det(A[:k, :k]) for k in (100, 107, 108, 150, 200)])
    assert np.all(minors[:2] > 0.0)
    np.testing.assert_array_equal(minors[2:], 0.0)  # "minor <= 0": Sylvester's test would say "not definite"
    assert is_positive_definite(A)
    assert np.all(np.diag(cholesky(A)) == math.sqrt(1e-3))


def test_non_negative_leading_minors_do_not_make_a_matrix_semi_definite():
    # README pitfall: [[0, 0], [0, -1]] has leading minors 0 and 0, yet x = e_2 gives x^T A x = -1
    A = np.array([[0.0, 0.0], [0.0, -1.0]])
    assert det(A[:1, :1]) == 0.0
    assert det(A) == 0.0
    e2 = np.array([0.0, 1.0])
    assert e2 @ A @ e2 == -1.0
    lam, _ = eigh(A)
    assert lam[0] == -1.0
    assert not is_positive_definite(A)


# ---------------------------------------------------------------- covariance and Gram matrices


def test_wine_covariance_is_positive_definite_and_its_quadratic_form_is_a_squared_norm():
    X, S = wine_covariance()
    assert is_positive_definite(S)
    Xc = X - X.mean(axis=0)  # (178, 13)
    rng = np.random.default_rng(0)
    for _ in range(5):
        v = rng.standard_normal(13)
        # v^T S v = ||X_c v||^2 / (n - 1): both sides rounded, relative error ~ n u kappa-free (sums of squares
        # are positive on the right); 1e-10 is loose against cancellation in v^T S v of about kappa(S) u ~ 1e-9
        lhs = v @ S @ v
        rhs = norm(Xc @ v) ** 2 / (X.shape[0] - 1)
        assert lhs >= 0.0
        assert lhs == pytest.approx(rhs, rel=1e-8)


def test_gram_matrix_of_more_points_than_dimensions_is_singular():
    # README: 6 points in R^2 give a 6 x 6 Gram matrix X X^T of rank 2: positive semi-definite, not definite;
    # Cholesky stops by pivot 3 (in exact arithmetic pivot 3 is 0; in floating point it is rounding noise), and the
    # largest noise pivot is tiny compared with the matrix
    X = np.random.default_rng(1).standard_normal((6, 2))
    G = X @ X.T  # (6, 2) @ (2, 6) -> (6, 6)
    lam = np.linalg.eigvalsh(G)
    assert abs(lam[0]) <= 10 * 6 * U * lam[-1]  # four eigenvalues are zero up to rounding
    try:
        L = cholesky(G)
    except LinAlgError:
        return
    # if rounding let it through, the later pivots are noise of the size of the backward error
    assert np.min(np.diag(L)) ** 2 <= 4 * demmel_threshold(6) * np.max(np.diag(G))


# ---------------------------------------------------------------- sampling a correlated Gaussian


def test_sampling_matches_numpy_multivariate_normal_cholesky():
    # numpy's Generator.multivariate_normal(method="cholesky") draws the same z and returns mu + z L^T
    X = load_iris().data[:, 2:]  # petal length and width, (150, 2)
    mu, S = X.mean(axis=0), np.cov(X, rowvar=False)
    z = np.random.default_rng(0).standard_normal((1000, 2))
    x = mu + z @ cholesky(S).T  # (1000, 2) @ (2, 2) -> (1000, 2)
    ref = np.random.default_rng(0).multivariate_normal(mu, S, size=1000, method="cholesky")
    # both factors agree to ~kappa(H) n u (test_cholesky_matches_numpy); |z| < 5 here
    np.testing.assert_allclose(x, ref, rtol=0, atol=1e-12 * np.abs(ref).max())


def test_sample_covariance_is_within_five_standard_errors():
    # README: with N samples, the entry s_ij of the sample covariance has standard error
    # sqrt((sigma_ij^2 + sigma_ii sigma_jj) / (N - 1)) for Gaussian data; five standard errors is a bound a correct
    # sampler breaks with probability below 1e-5 per entry (the seed is fixed, so the test is deterministic)
    X = load_iris().data  # (150, 4)
    mu, Sigma = X.mean(axis=0), np.cov(X, rowvar=False)
    N = 20_000
    z = np.random.default_rng(0).standard_normal((N, 4))
    samples = mu + z @ cholesky(Sigma).T  # x = mu + L z for each row: (N, 4) @ (4, 4) -> (N, 4)
    S = np.cov(samples, rowvar=False)
    se = np.sqrt((Sigma**2 + np.outer(np.diag(Sigma), np.diag(Sigma))) / (N - 1))
    assert np.all(np.abs(S - Sigma) <= 5 * se)
    assert np.all(np.abs(samples.mean(axis=0) - mu) <= 5 * np.sqrt(np.diag(Sigma) / N))
    # a wrong factor (the upper triangle L^T instead of L) visibly breaks the check
    wrong = mu + z @ cholesky(Sigma)
    assert not np.all(np.abs(np.cov(wrong, rowvar=False) - Sigma) <= 5 * se)


# ---------------------------------------------------------------- Mahalanobis distance


def test_mahalanobis_by_triangular_solve_matches_scipy_on_wine():
    X, S = wine_covariance()
    mu = X.mean(axis=0)
    L = cholesky(S)
    Y = forward_substitution(L, (X - mu).T)  # L Y = (X - mu)^T: (13, 13) solve with 178 right-hand sides
    d = np.sqrt(np.sum(Y**2, axis=0))  # (178,) Mahalanobis distances
    ref = np.array([mahalanobis(x, mu, np.linalg.inv(S)) for x in X])
    # error of the distances is about kappa(H) n u relative (kappa(H) = 45 for wine); 1e-11 is c = 200 on top
    np.testing.assert_allclose(d, ref, rtol=1e-11)
    # the identity sum_i d_i^2 = (n - 1) d: tr(S^-1 (n - 1) S) = (n - 1) d
    assert np.sum(d**2) == pytest.approx((X.shape[0] - 1) * X.shape[1], rel=1e-12)


# ---------------------------------------------------------------- log-determinant


@pytest.mark.parametrize("name", list(CASES))
def test_logdet_matches_numpy_slogdet(name):
    A = A_ref = CASES[name]
    shift = 0.0
    if name == "subnormal_scale":
        # LAPACK's LU loses bits on subnormal entries (its log det is off by 0.2 here): compare with the same
        # stored matrix scaled exactly into the normal range, log det A = log det(2^1100 A) - 2200 log 2
        A_ref, shift = np.ldexp(A, 1100), -2 * 1100 * math.log(2.0)
    n = A.shape[0]
    sign, ref = np.linalg.slogdet(A_ref)
    assert sign == 1.0
    ref += shift
    # d log det = tr(H^-1 dH) <= ||H^-1||_F ||dH||_F <= sqrt(n) ||H^-1||_2 n gamma_{n+1}; two methods, c = 2 x 2;
    # the 4 u |log det| term covers the rounding of the final sums
    bound = 4 * math.sqrt(n) * n * gamma(n + 1) * np.linalg.norm(np.linalg.inv(unit_diagonal(A_ref)), 2)
    assert abs(logdet_spd(A) - ref) <= bound + 4 * U * abs(ref)


@pytest.mark.parametrize(("c", "log10_det"), [(1e-3, -600.0), (1e3, 600.0)])
def test_logdet_where_det_over_or_underflows(c, log10_det):
    A = c * np.eye(200)
    expected = log10_det * math.log(10.0)  # -+1381.55
    with np.errstate(all="ignore"):
        assert det(A) in (0.0, math.inf)  # the determinant itself is out of range
        assert np.linalg.det(A) in (0.0, math.inf)
    # 200 logarithms of the same double and one product: relative error a few u
    assert logdet_spd(A) == pytest.approx(expected, rel=8 * U)
    assert round(logdet_spd(A), 2) == round(expected, 2)


@settings(max_examples=40, deadline=None)
@given(spd_matrices, st.integers(-500, 500))
def test_property_logdet_of_scaled_matrix(A, k):
    # log det(2^(2k) A) = log det A + 2 k n log 2; the scaled factor is the same, so only the last addition rounds
    n = A.shape[0]
    expected = logdet_spd(A) + 2 * k * n * math.log(2.0)
    assert logdet_spd(np.ldexp(A, 2 * k)) == pytest.approx(expected, rel=4 * U, abs=4 * U * abs(2 * k * n * math.log(2.0)))


# ---------------------------------------------------------------- jitter for kernel matrices


def test_rbf_kernel_on_close_points_fails_and_jitter_from_the_analysis_fixes_it():
    # README: 30 points in [0, 1], length scale 1. Exact K is positive definite but its smallest eigenvalues are
    # ~1e-40, far below the rounding noise: the trailing pivots are noise of either sign and one is negative.
    n = 30
    x = np.linspace(0.0, 1.0, n)
    K = rbf_kernel(x, 1.0)
    with pytest.raises(LinAlgError, match=r"A is not positive definite: pivot \d+ is -"):
        cholesky(K)
    # The analysis: computed entries err by at most 2 eps_mach, so ||K_hat - K||_2 <= 2 n eps_mach = 4 n u and every
    # eigenvalue of K_hat is >= -4 n u. The computed eigenvalues carry eigvalsh's own error on top, at most about
    # n u ||K_hat|| (a backward stable solver; c = 1 is generous for n = 30, about 8 u ||K|| is the worst case seen)
    lam = np.linalg.eigvalsh(K)
    assert lam[0] >= -(4 * n * U + n * U * lam[-1])
    # Demmel: jitter sigma^2 > (t_n + 4 n u) / (1 - t_n) suffices; the README takes sigma^2 = 2 n (n + 5) u
    sigma2 = 2 * n * (n + 5) * U
    assert sigma2 > (demmel_threshold(n) + 4 * n * U) / (1 - demmel_threshold(n))
    assert round(sigma2 * 1e13, 1) == 2.3  # README: 2.3e-13 for n = 30
    L = cholesky(K + sigma2 * np.eye(n))
    assert_is_cholesky_factor(K + sigma2 * np.eye(n), L)


@settings(max_examples=30, deadline=None)
@given(
    st.integers(2, 40),
    st.floats(1e-3, 1e3),
    st.integers(0, 2**32 - 1),
)
def test_property_jitter_from_the_analysis_always_suffices(n, length_scale, seed):
    # any points, any length scale: K + 2 n (n + 5) u I passes Cholesky (the sufficient condition of the README)
    x = np.sort(np.random.default_rng(seed).uniform(0.0, 1.0, n))
    K = rbf_kernel(x, length_scale)
    assert is_positive_definite(K + 2 * n * (n + 5) * U * np.eye(n))


# ---------------------------------------------------------------- the README's other numbers and exercises


def test_readme_code_section_output():
    A = A_README
    L = cholesky(A)
    np.testing.assert_array_equal(cholesky_solve(L, [8.0, 10.0, 11.0]), [1.0, 1.0, 1.0])
    assert np.linalg.norm(forward_substitution(L, [2.0, 3.0, 4.0])) == math.sqrt(3.0)  # y = (1, 1, 1) exactly
    assert (round(logdet_spd(A), 4), round(logdet_spd(1e-3 * np.eye(200)), 2)) == (4.1589, -1381.55)
    assert (is_positive_definite(A), is_positive_definite([[1.0, 2.0], [2.0, 1.0]])) == (True, False)


def test_readme_wine_condition_numbers():
    # README: kappa(S) ~ 1.2e7 but kappa(H) ~ 45.5 for the wine covariance; log det S = 0.6084
    _, S = wine_covariance()
    assert f"{np.linalg.cond(S):.2g}" == "1.2e+07"
    assert round(float(np.linalg.cond(unit_diagonal(S))), 1) == 45.5
    assert round(logdet_spd(S), 4) == 0.6084


def test_readme_kernel_eigenvalues():
    # README: for 30 points in [0, 1] and l = 1, exactly eight eigenvalues exceed 1e-12 (exact values: the eighth is
    # 4.07e-11, the ninth 3.18e-13; the computed ones are within ||K_hat - K|| + (eigvalsh error ~ n u ||K||) ~ 1e-13
    # of the exact ones), and the ratio of consecutive eigenvalues grows from 12 to over 100 among the eight
    # well-determined ones (exact ratios 12.05, 27.8, 43.9, 59.8, 76.0, 92.6, 109.9; the ratio to the ninth, 128, is
    # not determined to 30 % by the computed ninth eigenvalue and is left out)
    n = 30
    lam = np.linalg.eigvalsh(rbf_kernel(np.linspace(0.0, 1.0, n), 1.0))[::-1]  # descending
    assert np.sum(lam > 1e-12) == 8
    ratios = lam[:7] / lam[1:8]
    assert round(float(ratios[0])) == 12
    assert ratios[-1] > 100
    assert np.all(np.diff(ratios) > 0)


def test_readme_exercise_1_pivots():
    # [[2, 1], [1, 2]]: l_11 = sqrt(2), l_21 = 1/sqrt(2), l_22 = sqrt(3/2); pivots 2 and 3/2
    L = cholesky([[2.0, 1.0], [1.0, 2.0]])
    np.testing.assert_allclose(L, [[math.sqrt(2), 0.0], [1 / math.sqrt(2), math.sqrt(1.5)]], rtol=4 * U)
    np.testing.assert_allclose(np.diag(L) ** 2, [2.0, 1.5], rtol=4 * U)


def test_readme_exercise_4_mahalanobis_function():
    def mahalanobis_distances(X, mu, Sigma):  # the solution of the README, verbatim
        L = cholesky(Sigma)
        Y = forward_substitution(L, (np.asarray(X) - mu).T)
        return np.sqrt(np.sum(Y**2, axis=0))

    X, S = wine_covariance()
    d = mahalanobis_distances(X, X.mean(axis=0), S)
    np.testing.assert_array_equal(np.argsort(d)[-3:][::-1], [121, 69, 95])
    np.testing.assert_array_equal(np.round(np.sort(d)[-3:][::-1], 2), [7.66, 6.22, 6.18])
    ref = np.array([mahalanobis(x, X.mean(axis=0), np.linalg.inv(S)) for x in X])
    np.testing.assert_allclose(d, ref, rtol=1e-11)  # "about 11 digits"


def test_readme_exercise_5_gaussian_logpdf():
    from scipy.stats import multivariate_normal

    def gaussian_logpdf(x, mu, Sigma):  # the solution of the README, verbatim
        y = forward_substitution(cholesky(Sigma), np.asarray(x) - mu)
        return -0.5 * (y @ y + logdet_spd(Sigma) + len(mu) * np.log(2 * np.pi))

    X, S = wine_covariance()
    mu = X.mean(axis=0)
    ours, ref = gaussian_logpdf(X[0], mu, S), multivariate_normal(mu, S).logpdf(X[0])
    assert round(ours, 4) == round(ref, 4) == -18.6133
    # the log-density is a difference of O(10) terms, each accurate to ~kappa(H) n u: 1e-10 absolute is generous
    assert abs(ours - ref) <= 1e-10


def test_readme_exercise_6_jitter_numbers():
    assert f"{2 * 1000 * 1005 * U:.2g}" == "2.2e-10"
    assert round(2 * 1000 * 1005 * 2.0**-24, 2) == 0.12
