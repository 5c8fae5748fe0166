"""Tests for linear_algebra.python_implementations.vectors against numpy and against algebraic laws."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from linear_algebra.python_implementations.vectors import (
    angle,
    cosine_similarity,
    cross,
    dot,
    norm,
    project,
)

EPS = np.finfo(float).eps
U = EPS / 2  # unit roundoff u
RNG = np.random.default_rng(1234)

# Moderate entries: products and sums stay far from overflow, so the laws hold up to roundoff.
finite = st.floats(min_value=-1e3, max_value=1e3, allow_nan=False, allow_infinity=False)
vec3 = arrays(np.float64, 3, elements=finite)
vec5 = arrays(np.float64, 5, elements=finite)
scalar = st.floats(min_value=-1e3, max_value=1e3, allow_nan=False, allow_infinity=False)
p_values = st.one_of(st.sampled_from([1, 2, np.inf]), st.floats(min_value=1.0, max_value=20.0))


# ---------------------------------------------------------------- dot


@pytest.mark.parametrize("n", [1, 2, 7, 100])
def test_dot_matches_numpy(n):
    u, v = RNG.standard_normal((2, n))
    # pairwise summation: error <= log2(n) * eps * sum|u_i v_i|; 4 n eps * sum|u v| is a safe bound
    np.testing.assert_allclose(dot(u, v), np.dot(u, v), rtol=0, atol=4 * n * EPS * np.sum(np.abs(u * v)))


def test_dot_readme_example():
    # README worked example: u = (1, 2, 3), v = (4, -5, 6) -> u.v = 4 - 10 + 18 = 12
    assert dot([1, 2, 3], [4, -5, 6]) == 12.0


def test_dot_does_not_mutate():
    u = np.array([1.0, 2.0])
    v = np.array([3.0, 4.0])
    dot(u, v)
    project(u, v)
    np.testing.assert_array_equal(u, [1.0, 2.0])
    np.testing.assert_array_equal(v, [3.0, 4.0])


@given(vec5, vec5)
def test_cauchy_schwarz(u, v):
    # |u.v| <= ||u|| ||v||, with slack for the roundoff of three length-5 sums (5 eps relative, times 4)
    assert abs(dot(u, v)) <= norm(u) * norm(v) * (1 + 20 * EPS) + 1e-300


@given(vec5, vec5)
def test_dot_symmetric(u, v):
    assert dot(u, v) == dot(v, u)  # multiplication is commutative in IEEE arithmetic: exact equality


# ---------------------------------------------------------------- cross


def test_cross_readme_example():
    # README: (1, 2, 3) x (4, -5, 6) = (27, 6, -13)
    np.testing.assert_array_equal(cross([1, 2, 3], [4, -5, 6]), [27.0, 6.0, -13.0])


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_cross_matches_numpy(seed):
    u, v = np.random.default_rng(seed).standard_normal((2, 3))
    # each component is a difference of two products: absolute error <= 2 eps |u| |v|
    np.testing.assert_allclose(cross(u, v), np.cross(u, v), rtol=0, atol=4 * EPS * norm(u) * norm(v))


def test_cross_basis_right_hand_rule():
    e1, e2, e3 = np.eye(3)
    np.testing.assert_array_equal(cross(e1, e2), e3)
    np.testing.assert_array_equal(cross(e2, e3), e1)
    np.testing.assert_array_equal(cross(e3, e1), e2)
    np.testing.assert_array_equal(cross(e2, e1), -e3)


@given(vec3, vec3)
def test_cross_orthogonal_to_both(u, v):
    w = cross(u, v)
    # u.(u x v) = 0 exactly in real arithmetic; the rounding of w and of the dot is a few eps * |u|^2 |v|
    scale = norm(u) ** 2 * norm(v) + 1e-300
    assert abs(dot(u, w)) <= 16 * EPS * scale
    scale = norm(v) ** 2 * norm(u) + 1e-300
    assert abs(dot(v, w)) <= 16 * EPS * scale


@given(vec3, vec3)
def test_lagrange_identity(u, v):
    # |u x v|^2 + (u.v)^2 = |u|^2 |v|^2 (the sin^2 + cos^2 = 1 of vectors)
    lhs = norm(cross(u, v)) ** 2 + dot(u, v) ** 2
    rhs = norm(u) ** 2 * norm(v) ** 2
    assert abs(lhs - rhs) <= 32 * EPS * rhs + 1e-300


@given(vec3, vec3)
def test_cross_antisymmetric(u, v):
    np.testing.assert_array_equal(cross(u, v), -cross(v, u))  # each component negates exactly


# ---------------------------------------------------------------- norm


@pytest.mark.parametrize("ord", [1, 2, np.inf, 1.5, 3, 7.25])
@pytest.mark.parametrize("n", [1, 4, 50])
def test_norm_matches_numpy(ord, n):
    x = RNG.standard_normal(n)
    # scaling and the sum cost a few roundings per entry; the p-th root divides relative errors by p
    np.testing.assert_allclose(norm(x, ord), np.linalg.norm(x, ord), rtol=4 * n * EPS)


def test_norm_readme_examples():
    # README: x = (3, -4): ||x||_1 = 7, ||x||_2 = 5, ||x||_inf = 4, ||x||_3 = 91^(1/3) = 4.4979
    x = [3.0, -4.0]
    assert norm(x, 1) == 7.0
    assert norm(x) == 5.0
    assert norm(x, np.inf) == 4.0
    np.testing.assert_allclose(norm(x, 3), 91 ** (1 / 3), rtol=4 * EPS)
    assert round(norm(x, 3), 4) == 4.4979


@pytest.mark.parametrize(
    ("x", "expected"),
    [
        ([3e200, 4e200], 5e200),  # squares overflow: numpy.linalg.norm would give inf
        ([3e-200, 4e-200], 5e-200),  # squares underflow: the naive formula would give 0
        ([-3e200, 4e200, 0.0], 5e200),
        ([1e308, 1e308], math.sqrt(2) * 1e308),  # close to the largest float, still representable
    ],
)
def test_norm_no_overflow_or_underflow(x, expected):
    # scaled entries are exact ratios up to one rounding: result within a few eps
    np.testing.assert_allclose(norm(x), expected, rtol=4 * EPS)


def test_norm_is_correctly_rounded_for_readme_example():
    # README Code section prints 4.9999999999999995e+200: the exact length of the stored doubles, computed in
    # 50-digit decimal arithmetic (an independent reference), rounds to that double
    import decimal

    ctx = decimal.Context(prec=50)
    a, b = decimal.Decimal.from_float(3e200), decimal.Decimal.from_float(4e200)
    exact = float(ctx.sqrt(ctx.add(ctx.multiply(a, a), ctx.multiply(b, b))))
    assert norm([3e200, 4e200]) == exact == 4.9999999999999995e200


def test_norm_overflow_reference_really_overflows():
    # documents the problem our scaling solves (numpy's norm has no scaling step)
    with np.errstate(over="ignore"):
        assert np.isinf(np.linalg.norm([3e200, 4e200]))


def test_readme_pitfall_textbook_norm_thresholds():
    # README pitfall: sqrt(sum x^2) overflows above about 1e154 (sqrt of the largest double, 1.3e154), its squares
    # are subnormal below about 1e-154 (sqrt of the smallest normal, 1.5e-154) and vanish below about 1e-162
    # (sqrt of the smallest subnormal, 2.2e-162); our scaled norm is exact for a single entry in all three cases
    naive = lambda x: float(np.sqrt(np.sum(np.asarray(x) ** 2)))  # noqa: E731
    info = np.finfo(float)
    assert round(math.log10(math.sqrt(info.max))) == 154
    assert round(math.log10(math.sqrt(info.tiny))) == -154
    assert round(math.log10(math.sqrt(info.smallest_subnormal))) == -162
    with np.errstate(over="ignore", under="ignore"):
        assert naive([2e154]) == math.inf
        assert naive([1e-162]) == 0.0
        assert abs(naive([1e-158]) - 1e-158) > 100 * EPS * 1e-158  # subnormal square: digits lost
    for x in (2e154, 1e-158, 1e-162):
        assert norm([x]) == x


@pytest.mark.parametrize("ord", [1.5, 3.0, 10.0])
def test_general_p_norm_scaled(ord):
    # ||s x||_p = s ||x||_p with s = 1e250 or 1e-250; the unscaled sum of |x_i|^p would overflow/underflow
    x = np.array([3.0, -4.0, 12.0])
    for s in (1e250, 1e-250):
        np.testing.assert_allclose(norm(s * x, ord), s * np.linalg.norm(x, ord), rtol=8 * EPS)


def test_norm_only_representable_results_are_inf():
    # 2e308 is beyond the largest float (1.8e308): inf is then the right answer
    with np.errstate(over="ignore"):
        assert norm([1e308, 1e308], 1) == math.inf


@pytest.mark.parametrize("ord", [1, 2, np.inf, 3.5])
def test_norm_zero_vector(ord):
    assert norm(np.zeros(4), ord) == 0.0


@given(vec5, vec5, p_values)
def test_triangle_inequality(x, y, ord):
    # Minkowski: ||x + y|| <= ||x|| + ||y||; slack for the roundings of three norms (each a few n eps)
    assert norm(x + y, ord) <= (norm(x, ord) + norm(y, ord)) * (1 + 40 * EPS) + 1e-300


@given(vec5, scalar, p_values)
def test_homogeneity(x, a, ord):
    # ||a x|| = |a| ||x||: a x is rounded once per entry, so the two sides differ by a few n eps
    np.testing.assert_allclose(norm(a * x, ord), abs(a) * norm(x, ord), rtol=40 * EPS, atol=1e-300)


@given(vec5)
def test_norm_ordering(x):
    # ||x||_inf <= ||x||_2 <= ||x||_1 <= sqrt(n) ||x||_2
    n2 = norm(x)
    assert norm(x, np.inf) <= n2 * (1 + 4 * EPS)
    assert n2 <= norm(x, 1) * (1 + 8 * EPS)
    assert norm(x, 1) <= math.sqrt(5) * n2 * (1 + 8 * EPS)


# ---------------------------------------------------------------- angle and cosine


def test_angle_readme_examples():
    # README: angle((1, 0), (1, 1)) = pi/4; the worked example has cos = 12 / (sqrt(14) sqrt(77)) = 0.3655
    np.testing.assert_allclose(angle([1, 0], [1, 1]), math.pi / 4, rtol=4 * EPS)
    u, v = [1, 2, 3], [4, -5, 6]
    assert round(cosine_similarity(u, v), 4) == 0.3655
    assert (round(norm(u), 4), round(norm(v), 4)) == (3.7417, 8.775)  # sqrt(14), sqrt(77)
    assert round(math.degrees(angle(u, v)), 2) == 68.56


@pytest.mark.parametrize("theta", [1e-12, 1e-8, 1e-4, 0.5, 1.5707963267948966, 3.0, math.pi - 1e-9])
def test_angle_on_a_coordinate_axis(theta):
    # u on the e1 axis: u / ||u|| = e1 exactly, so normalising u rounds nothing and the only rounding of the data
    # is in v. Reference: atan2 of v's own coordinates (correctly rounded to ~1 ulp). Here the error is a few u
    # in absolute terms and, for small theta, also in relative terms (the special case, not the rule: see below)
    u = np.array([2.0, 0.0])
    v = 3.0 * np.array([math.cos(theta), math.sin(theta)])
    reference = math.atan2(v[1], v[0])
    np.testing.assert_allclose(angle(u, v), reference, rtol=8 * EPS, atol=4 * EPS)


def _exact_angle(u, v):
    """Angle between the stored doubles u and v: atan2(sqrt(|u|^2 |v|^2 - (u.v)^2), u.v) with the dot product and
    the squared norms exact (fractions), the square root to 60 digits, and one rounding of each atan2 argument.
    The rounded arguments move the angle by at most u sin(theta) cos(theta) <= u theta: relative error <= 2u."""
    from decimal import Context, Decimal
    from fractions import Fraction

    U, V = [Fraction(float(x)) for x in u], [Fraction(float(x)) for x in v]
    d = sum(a * b for a, b in zip(U, V, strict=True))
    s2 = sum(a * a for a in U) * sum(b * b for b in V) - d * d  # |u x v|^2 (Lagrange), exact
    ctx = Context(prec=60)
    s = ctx.sqrt(ctx.divide(Decimal(s2.numerator), Decimal(s2.denominator)))
    return math.atan2(float(s), float(d))


def _rotated_pair(theta, seed, n=5):
    """A random unit vector u of R^n (on no axis) and v = cos(theta) u + sin(theta) w, w a unit vector orthogonal
    to u; both rounded to doubles (the exact angle of the stored pair is computed by _exact_angle)."""
    rng = np.random.default_rng(seed)
    u = rng.standard_normal(n)
    u /= np.linalg.norm(u)
    w = rng.standard_normal(n)
    w -= (w @ u) * u
    w /= np.linalg.norm(w)
    return u, math.cos(theta) * u + math.sin(theta) * w


@pytest.mark.parametrize("theta", [1e-12, 1e-8, 1e-6, 1e-4, 1e-2, 0.5, 1.5, 3.0, math.pi - 1e-6])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_angle_absolute_error_is_a_few_u_off_axis(theta, seed):
    # README "Angles without cancellation": normalising rounds every component of a = u/|u| and b = v/|v| by about
    # u (norm and division: <= 2u each, so |da|, |db| <= 2u sqrt-sum), |a - b| and |a + b| move by at most 4u and
    # pick up one more rounding each, and 2 atan2 doubles the half-angle error: |error| <= 16 u is generous.
    # Plus the reference's own error (2u theta).
    u, v = _rotated_pair(theta, seed)
    reference = _exact_angle(u, v)
    assert abs(angle(u, v) - reference) <= 16 * U + 2 * U * reference


def test_angle_relative_error_grows_like_u_over_theta():
    # README: the relative error is about u / theta, not a few u: at theta = 1e-6 it reaches ~1e5 u for vectors off
    # the axes (measured 3.4e5 u on one machine), bounded by the absolute bound above divided by theta
    theta = 1e-6
    rel = []
    for seed in range(20):
        u, v = _rotated_pair(theta, seed)
        reference = _exact_angle(u, v)
        rel.append(abs(angle(u, v) - reference) / reference)
    assert max(rel) <= (16 * U + 2 * U * theta) / (theta * (1 - 1e-9))
    assert max(rel) >= 1e3 * U  # far beyond "a few u": 20 random directions, each error ~ u / theta


def test_cauchy_schwarz_equality_for_dependent_vectors_including_zero():
    # README: |u.v| = ||u|| ||v|| exactly when u and v are linearly dependent; v = 0 is dependent although
    # u = t v has no solution t for u != 0. Exact here: integer entries, 3 * u has exactly representable norm
    u = np.array([1.0, 2.0, 2.0])  # ||u|| = 3
    assert abs(dot(u, -2.0 * u)) == norm(u) * norm(-2.0 * u) == 18.0
    zero = np.zeros(3)
    assert abs(dot(u, zero)) == norm(u) * norm(zero) == 0.0
    # independent vectors: strict inequality, and angle/cosine_similarity refuse the zero vector (no direction)
    assert abs(dot(u, [2.0, 1.0, 2.0])) < norm(u) * norm([2.0, 1.0, 2.0])
    with pytest.raises(ValueError, match="v must not be the zero vector"):
        angle(u, zero)


def test_angle_beats_arccos_for_nearly_parallel():
    u = np.array([1.0, 0.0])
    v = np.array([1.0, 1e-10])
    naive = np.arccos(np.dot(u, v) / (np.linalg.norm(u) * np.linalg.norm(v)))
    assert naive == 0.0  # cos = 1 - 5e-21 rounds to 1: all information lost
    np.testing.assert_allclose(angle(u, v), 1e-10, rtol=4 * EPS)  # atan(1e-10) = 1e-10 to 33 digits


def test_readme_arccos_thresholds():
    # README "Angles without cancellation": cos(theta) = 1 - theta^2/2 + ... rounds to exactly 1 once
    # theta^2/2 <= u/2, i.e. theta below sqrt(u) = 1.05e-8; the smallest nonzero arccos is arccos(1 - u) = 1.5e-8.
    # Measured on v = (c, sin theta) with c = 1 - theta^2/2 rounded once, exactly (Fraction -> float is correctly
    # rounded; math.cos may be off by an ulp on some libm): arccos of the cosine fails where angle does not.
    from fractions import Fraction

    assert round(math.sqrt(U), 10) == 1.05e-8
    e1 = [1.0, 0.0]
    for theta, cosine in ((1.04e-8, 1.0), (1.06e-8, 1.0 - U)):
        c = float(1 - Fraction(theta) ** 2 / 2)
        assert c == cosine  # 1, or the double just below 1
        v = [c, math.sin(theta)]
        assert dot(e1, v) == c
        np.testing.assert_allclose(angle(e1, v), theta, rtol=8 * EPS)  # v on a near-axis: relative few u
    assert math.acos(float(1 - Fraction(1.04e-8) ** 2 / 2)) == 0.0
    assert round(math.acos(1.0 - U), 9) == 1.5e-8
    # the arccos error estimate u / theta^2: half of the 16 digits gone at 1e-4; exercise 4: 1.1e-6 at 1e-5
    theta = 1e-4
    v = [math.cos(theta), math.sin(theta)]
    naive_rel = abs(math.acos(cosine_similarity(e1, v)) - theta) / theta
    assert naive_rel <= 4 * U / theta**2  # |error in the cosine| <= 2u (rounded twice), slope 1/sin(theta)
    assert abs(angle(e1, v) - theta) / theta <= 8 * EPS
    assert round(-math.log10(U / 1e-4**2)) == 8
    assert round(U / 1e-5**2, 7) == 1.1e-6


@pytest.mark.parametrize("seed", [0, 1])
def test_angle_matches_atan2_cross_reference_3d(seed):
    u, v = np.random.default_rng(seed).standard_normal((2, 3))
    reference = math.atan2(np.linalg.norm(np.cross(u, v)), np.dot(u, v))  # independent stable formula
    np.testing.assert_allclose(angle(u, v), reference, rtol=16 * EPS)


def test_angle_extremes():
    assert angle([1.0, 1.0], [2.0, 2.0]) == 0.0  # identical directions: a - b is exactly 0
    np.testing.assert_allclose(angle([1.0, 2.0], [-1.0, -2.0]), math.pi, rtol=2 * EPS)
    np.testing.assert_allclose(angle([1e-300, 0.0], [0.0, 1e300]), math.pi / 2, rtol=2 * EPS)


@given(vec5, vec5)
def test_angle_in_range_and_symmetric(u, v):
    if norm(u) == 0 or norm(v) == 0:
        return
    t = angle(u, v)
    assert 0.0 <= t <= math.pi
    assert t == angle(v, u)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_cosine_similarity_matches_scipy(seed):
    from scipy.spatial.distance import cosine as cosine_distance  # 1 - cosine similarity

    u, v = np.random.default_rng(seed).standard_normal((2, 6))
    # both are a dot product of length 6 divided by two norms: a few n eps of absolute error
    np.testing.assert_allclose(cosine_similarity(u, v), 1.0 - cosine_distance(u, v), rtol=0, atol=16 * EPS)


def test_cosine_similarity_extremes():
    assert cosine_similarity([1.0, 0.0], [0.0, 5.0]) == 0.0
    assert (
        cosine_similarity([0.1, 0.7, 0.3], [0.2, 1.4, 0.6]) <= 1.0
    )  # parallel: clipped roundoff never exceeds 1
    np.testing.assert_allclose(cosine_similarity([0.1, 0.7, 0.3], [0.2, 1.4, 0.6]), 1.0, rtol=0, atol=4 * EPS)
    np.testing.assert_allclose(cosine_similarity([1.0, 2.0], [-3.0, -6.0]), -1.0, rtol=0, atol=4 * EPS)
    np.testing.assert_allclose(cosine_similarity([3e200, 4e200], [4e-200, 3e-200]), 0.96, rtol=4 * EPS)


def test_cosine_similarity_clips_roundoff_above_one():
    # The docstring: the dot product of the two rounded unit vectors can exceed 1 by roundoff (Cauchy-Schwarz holds
    # only in exact arithmetic), and the result is clipped. For this u (found by a search over random vectors) the
    # unit vectors of u and 3u are rounded so that their products sum to 1 + 2^-52 (and -1 - 2^-52 for -3u). Three
    # elementwise products and a three-term sum are the same IEEE operations on every machine (no BLAS), so the
    # unclipped value is reproducible; clipping returns exactly 1.0 and -1.0, and arccos of them is defined
    u = np.array([0.1257302210933933, -0.1321048632913019, 0.6404226504432821])
    c = cosine_similarity(u, 3.0 * u)
    assert c == 1.0
    assert math.acos(c) == 0.0
    assert cosine_similarity(u, -3.0 * u) == -1.0


# ---------------------------------------------------------------- project


def test_project_readme_example():
    # README: projecting u = (2, 1) onto a = (1, 1) gives (1.5, 1.5), residual (0.5, -0.5)
    np.testing.assert_allclose(project([2, 1], [1, 1]), [1.5, 1.5], rtol=4 * EPS)


@pytest.mark.parametrize("n", [1, 3, 20])
def test_project_against_formula_and_orthogonality(n):
    u, a = np.random.default_rng(n).standard_normal((2, n))
    reference = (np.dot(u, a) / np.dot(a, a)) * a
    p = project(u, a)
    np.testing.assert_allclose(p, reference, rtol=0, atol=8 * n * EPS * np.linalg.norm(u))
    # residual orthogonal to the line, up to the rounding of p (a few eps |u|) times |a|
    assert abs(np.dot(u - p, a)) <= 8 * n * EPS * np.linalg.norm(u) * np.linalg.norm(a)


@given(vec5, vec5)
def test_project_idempotent_and_scale_invariant(u, a):
    if norm(a) == 0:
        return
    p = project(u, a)
    scale = 64 * EPS * (norm(u) + 1e-300)
    np.testing.assert_allclose(project(p, a), p, rtol=0, atol=scale)  # P^2 = P
    np.testing.assert_allclose(project(u, -3.0 * a), p, rtol=0, atol=scale)  # depends on the line only


def test_project_huge_and_tiny():
    # a.a = 2e600 would overflow in the textbook formula (u.a / a.a) a
    np.testing.assert_allclose(project([1.0, 3.0], [1e300, 1e300]), [2.0, 2.0], rtol=4 * EPS)
    np.testing.assert_allclose(project([1.0, 3.0], [1e-300, 1e-300]), [2.0, 2.0], rtol=4 * EPS)


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize("func", [dot, angle, cosine_similarity, project])
@pytest.mark.parametrize(
    ("u", "v", "match"),
    [
        ([1.0, np.nan], [1.0, 2.0], "u must contain only finite"),
        ([1.0, 2.0], [np.inf, 2.0], "must contain only finite"),
        ([1.0, 2.0], [1.0, 2.0, 3.0], "must have the same length"),
        ([], [], "must not be empty"),
        ([[1.0, 2.0]], [1.0, 2.0], "u must be a 1-D vector"),
        (1.0, [1.0], "u must be a 1-D vector"),
        (["a", "b"], [1.0, 2.0], "u must be an array of real numbers"),
    ],
)
def test_two_vector_functions_reject_bad_input(func, u, v, match):
    with pytest.raises(ValueError, match=match):
        func(u, v)


@pytest.mark.parametrize("func", [angle, cosine_similarity])
def test_zero_vector_has_no_angle(func):
    with pytest.raises(ValueError, match="u must not be the zero vector"):
        func([0.0, 0.0], [1.0, 0.0])
    with pytest.raises(ValueError, match="v must not be the zero vector"):
        func([1.0, 0.0], [0.0, 0.0])


def test_project_onto_zero_raises():
    with pytest.raises(ValueError, match="onto must not be the zero vector"):
        project([1.0, 2.0], [0.0, 0.0])
    with pytest.raises(ValueError, match="onto must contain only finite"):
        project([1.0, 2.0], [np.nan, 0.0])


@pytest.mark.parametrize(
    ("u", "v", "match"),
    [
        ([1.0, 2.0], [1.0, 2.0], "u must have length 3"),
        ([1.0, 2.0, 3.0], [1.0, 2.0, 3.0, 4.0], "v must have length 3"),
        ([1.0, np.nan, 3.0], [1.0, 2.0, 3.0], "u must contain only finite"),
        ([1.0, 2.0, 3.0], np.ones((3, 1)), "v must be a 1-D vector"),
    ],
)
def test_cross_rejects_bad_input(u, v, match):
    with pytest.raises(ValueError, match=match):
        cross(u, v)


@pytest.mark.parametrize("ord", [0, 0.5, -1, -np.inf, np.nan, "fro", None, True, 2j])
def test_norm_rejects_bad_ord(ord):
    with pytest.raises(ValueError, match=r"ord must be 1, 2, np\.inf or a real number p >= 1"):
        norm([1.0, 2.0], ord)


@pytest.mark.parametrize(
    ("x", "match"),
    [
        ([np.nan, 1.0], "x must contain only finite"),
        ([-np.inf], "x must contain only finite"),
        ([], "x must not be empty"),
        (np.eye(2), "x must be a 1-D vector"),
        (3.0, "x must be a 1-D vector"),
    ],
)
def test_norm_rejects_bad_x(x, match):
    with pytest.raises(ValueError, match=match):
        norm(x)


@given(arrays(np.float64, 4, elements=st.sampled_from([np.nan, np.inf, -np.inf, 1.0])))
def test_every_function_rejects_nonfinite(x):
    if np.all(np.isfinite(x)):
        return
    good = np.ones(4)
    for call in (lambda: norm(x), lambda: dot(x, good), lambda: angle(good, x), lambda: project(x, good)):
        with pytest.raises(ValueError, match="must contain only finite"):
            call()
