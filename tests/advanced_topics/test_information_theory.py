"""Tests of advanced_topics.python_implementations.information_theory.

References: scipy.stats.entropy, scipy.special.rel_entr, scipy.spatial.distance.jensenshannon,
sklearn.metrics.mutual_info_score, sklearn's DecisionTreeClassifier(criterion="entropy"), Monte Carlo and the
numpy.linalg closed form for the Gaussian KL, a brute-force search over prefix codes for Huffman.

Tolerances: u = 2^-53 is the unit roundoff. A sum of n non-negative terms, each with a relative error of a few u
(a logarithm, a product), has a relative error of at most (log2(n) + c) u with pairwise summation; a sum of terms of
both signs (KL, mutual information) has an absolute error of at most c u sum_i |term_i|.
"""

import json
import math
import re
from pathlib import Path

import numpy as np
import pytest
import scipy.special
import scipy.stats
from hypothesis import given
from hypothesis import strategies as st
from numpy.testing import assert_allclose
from scipy.spatial.distance import jensenshannon
from sklearn.datasets import load_wine
from sklearn.metrics import mutual_info_score
from sklearn.tree import DecisionTreeClassifier

from advanced_topics.python_implementations.information_theory import (
    conditional_entropy,
    cross_entropy,
    entropy,
    huffman_code_lengths,
    information_gain,
    js_divergence,
    kl_divergence,
    kl_gaussians,
    mutual_information,
)
from calculus.python_implementations.derivatives import softmax_cross_entropy_loss

U = 2.0**-53
LN2 = math.log(2.0)


def _dirichlet(n, seed, zeros=0):
    """A random distribution on n outcomes, the first `zeros` of them with probability exactly 0."""
    p = np.random.default_rng(seed).dirichlet(np.full(n, 0.7))
    p[:zeros] = 0.0
    return p / p.sum()


# --------------------------------------------------------------------------------------------------------------
# Entropy, cross-entropy, KL, JS against SciPy


@pytest.mark.parametrize(("n", "zeros"), [(1, 0), (2, 0), (10, 3), (1000, 100)])
@pytest.mark.parametrize("base", [2, math.e, 10, 0.5])
def test_entropy_matches_scipy(n, zeros, base):
    p = _dirichlet(n, n + zeros, zeros)
    # Each side sums n non-negative terms: relative error <= (log2 n + 6) u; scipy also divides p by its sum (within
    # 10 u of 1), which moves H by at most 10 u (|H| + 1). 1e-13 (~900 u) covers n <= 1000 with room.
    assert_allclose(entropy(p, base=base), scipy.stats.entropy(p, base=base), rtol=1e-13, atol=1e-300)


def test_entropy_extremes():
    assert entropy([1.0]) == 0.0  # a sure outcome carries no information
    assert entropy([0.0, 1.0, 0.0]) == 0.0  # 0 log 0 = 0, not NaN
    for n in (2, 3, 64, 1000):  # the uniform distribution: log n, the maximum
        assert_allclose(entropy(np.full(n, 1.0 / n)), math.log2(n), rtol=4 * U * (math.log2(n) + 6))
    # a subnormal probability: -p log p is tiny but positive and finite, never NaN
    h = entropy([1.0, 5e-324])
    assert 0.0 < h < 1e-320
    # bits and nats differ by the factor log 2 (a single rounding of the division)
    p = _dirichlet(7, 1)
    assert_allclose(entropy(p, base=math.e), entropy(p) * LN2, rtol=8 * U)


@pytest.mark.parametrize("seed", range(3))
def test_kl_matches_scipy_and_cross_entropy_decomposes(seed):
    p, q = _dirichlet(50, seed, zeros=5), _dirichlet(50, seed + 10)
    terms = scipy.special.rel_entr(p, q)  # p log(p/q) with 0 log 0 = 0, in nats
    # terms of both signs: absolute error <= c u sum |terms| (c = 8: ratio, log, product, summation of 50 terms)
    assert abs(kl_divergence(p, q, base=math.e) - terms.sum()) <= 8 * U * (np.abs(terms).sum() + 1)
    assert_allclose(kl_divergence(p, q, base=2), scipy.stats.entropy(p, q, base=2), rtol=1e-13)
    # H(p, q) = H(p) + KL(p || q); all three are sums of 50 terms of size <= 40: absolute 1e-13 >> 3 * 8 * 50 * 40 u
    assert_allclose(cross_entropy(p, q), entropy(p) + kl_divergence(p, q), atol=1e-13)
    assert_allclose(cross_entropy(p, q, base=math.e), -np.sum(scipy.special.xlogy(p, q)), rtol=1e-13)


def test_kl_is_accurate_when_p_and_q_are_close():
    # q = p (1 + e) with |e| ~ 1e-6: KL ~ 1e-12. The reference sums -p log1p((q - p)/p), where q - p is exact
    # (Sterbenz) and log1p accurate: its error is ~ u * 1e-6. Computing each term as p log(p/q) rounds the ratio
    # once, an absolute error of about u per unit of p (the docstring's claim): the whole sum is within 4 u.
    rng = np.random.default_rng(5)
    p = _dirichlet(50, 5)
    q = p * (1.0 + 1e-6 * rng.standard_normal(50))
    q /= q.sum()
    reference = float(np.sum(-p * np.log1p((q - p) / p)))
    assert reference > 0
    assert abs(kl_divergence(p, q, base=math.e) - reference) <= 4 * U


def test_kl_asymmetry_infinity_and_gibbs():
    p, q = [0.5, 0.5, 0.0], [0.25, 0.25, 0.5]
    assert kl_divergence(p, q) == 1.0  # log2(0.5 / 0.25) = 1 on the support of p
    assert kl_divergence(q, p) == math.inf  # q puts mass where p has none
    assert cross_entropy(q, p) == math.inf
    assert kl_divergence(p, p) == 0.0 and kl_divergence(q, q) == 0.0
    # subnormal entries: the ratio p / q would overflow (or underflow to 0): the result stays finite and correct
    big = kl_divergence([0.5, 0.5], [1.0 - 5e-324, 5e-324], base=math.e)
    assert math.isfinite(big)
    assert_allclose(big, 0.5 * math.log(0.5) + 0.5 * (math.log(0.5) - math.log(5e-324)), rtol=1e-15)
    assert kl_divergence([1.0, 5e-324], [0.5, 0.5], base=math.e) == pytest.approx(math.log(2.0), rel=1e-15)


@given(st.integers(0, 10_000), st.integers(1, 12))
def test_gibbs_inequality_and_cross_entropy_bound(seed, n):
    p, q = _dirichlet(n, seed), _dirichlet(n, seed + 1)
    assert kl_divergence(p, q) >= 0.0
    assert js_divergence(p, q) >= 0.0
    # H(p, q) >= H(p): the exact values are ordered; rounding of each (relative <= 20 u) cannot reverse that by more
    assert cross_entropy(p, q) >= entropy(p) * (1 - 40 * U)


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("base", [2, math.e])
def test_js_matches_scipy_and_is_bounded(seed, base):
    p, q = _dirichlet(20, seed, zeros=4), _dirichlet(20, seed + 3, zeros=2)
    js = js_divergence(p, q, base=base)
    # scipy returns the square root; sums of 20 terms of size <= 1: absolute 1e-14 is ~ 90 u
    assert_allclose(js, jensenshannon(p, q, base=base) ** 2, atol=1e-14)
    assert_allclose(js, js_divergence(q, p, base=base), atol=1e-15)  # symmetric
    assert 0.0 <= js <= math.log(2.0, base) * (1 + 4 * U)


def test_js_extremes():
    assert js_divergence([1.0, 0.0], [0.0, 1.0]) == 1.0  # disjoint supports: the maximum, 1 bit
    assert js_divergence([0.3, 0.7], [0.3, 0.7]) == 0.0
    # a subnormal probability against 0: m = p / 2 would round to 0 and make the term infinite
    js = js_divergence([5e-324, 1.0], [0.0, 1.0], base=math.e)
    assert math.isfinite(js) and 0.0 <= js < 1e-300


# --------------------------------------------------------------------------------------------------------------
# Joint, conditional entropy and mutual information


@pytest.fixture(scope="module")
def contingency():
    rng = np.random.default_rng(3)
    a = rng.integers(0, 4, 600)
    b = (a + rng.integers(0, 3, 600)) % 5  # dependent on a
    C = np.zeros((4, 5))
    np.add.at(C, (a, b), 1.0)
    return a, b, C


def test_mutual_information_matches_sklearn(contingency):
    a, b, C = contingency
    joint = C / C.sum()
    # sklearn: nats, from the labels. Sums of 20 terms with |log| <= log(600^2) ~ 13: absolute 1e-13 >> 20 * 13 * 8 u
    assert_allclose(mutual_information(joint, base=math.e), mutual_info_score(a, b), atol=1e-13)
    assert_allclose(mutual_information(joint), mutual_information(joint.T), atol=1e-14)  # symmetric


def test_chain_rule_and_mutual_information_identities(contingency):
    _, _, C = contingency
    joint = C / C.sum()
    hx = scipy.stats.entropy(joint.sum(axis=1), base=2)
    hy = scipy.stats.entropy(joint.sum(axis=0), base=2)
    hxy = scipy.stats.entropy(joint.ravel(), base=2)
    # every quantity is a sum of <= 20 terms of size <= 13 bits: absolute 1e-13 covers the roundings
    assert_allclose(conditional_entropy(joint), hxy - hx, atol=1e-13)  # H(X, Y) = H(X) + H(Y | X)
    assert_allclose(conditional_entropy(joint.T), hxy - hy, atol=1e-13)  # H(X | Y)
    assert_allclose(mutual_information(joint), hy - conditional_entropy(joint), atol=1e-13)
    assert_allclose(mutual_information(joint), hx + hy - hxy, atol=1e-13)


def test_independence_and_determinism():
    px, py = np.array([0.25, 0.75]), np.array([0.5, 0.25, 0.25])
    independent = np.outer(px, py)  # exact products of powers of two
    assert mutual_information(independent) == 0.0
    assert conditional_entropy(independent) == pytest.approx(1.5, rel=4 * U)  # H(Y | X) = H(Y)
    deterministic = np.diag([0.5, 0.25, 0.25])  # Y = X
    assert conditional_entropy(deterministic) == 0.0
    assert mutual_information(deterministic) == pytest.approx(1.5, rel=4 * U)  # I = H(X)
    # tiny marginals: p(x) p(y) = 1e-400 underflows, p(y | x) / p(y) does not
    J = np.array([[1e-200, 0.0], [0.0, 1.0 - 1e-200]])
    assert mutual_information(J, base=math.e) == pytest.approx(1e-200 * math.log(1e200), rel=1e-14)


@pytest.mark.parametrize("t", [1e-310, 5e-324])
def test_mutual_information_with_subnormal_marginals(t):
    # Y = X with P(X = 0) = t subnormal: p(y | x) / p(y) = 1 / t overflows (1 / 1e-310 > 1.8e308), but the term
    # t log(1 / t) is tiny and I(X; Y) = H(X) is finite. Both sides compute -t log t (one logarithm, one product:
    # relative error <= 2 u; the other term is 1 * log 1 = 0), so 8 u is generous.
    J = np.array([[t, 0.0], [0.0, 1.0 - t]])
    with np.errstate(over="raise", divide="raise", invalid="raise"):  # no overflow reaches the caller either
        mi = mutual_information(J, base=math.e)  # (gradual underflow of t * log(1/t) for t = 5e-324 is harmless)
    assert math.isfinite(mi)
    assert mi == pytest.approx(entropy([t, 1.0 - t], base=math.e), rel=8 * U)


@pytest.mark.parametrize("base", [2, math.e, 0.5])
def test_zero_results_are_positive_zero(base):
    # A quantity that is exactly 0 is returned as +0.0, never as -0.0 (-sum of zero terms, or 0 / log b for b < 1):
    # printing "-0.0 bits" for a sure outcome would be wrong to a reader.
    zeros = [
        entropy([1.0], base=base),
        entropy([0.0, 1.0, 0.0], base=base),
        cross_entropy([1.0, 0.0], [1.0, 0.0], base=base),
        kl_divergence([0.3, 0.7], [0.3, 0.7], base=base),
        js_divergence([0.3, 0.7], [0.3, 0.7], base=base),
        conditional_entropy(np.diag([0.5, 0.25, 0.25]), base=base),
        mutual_information(np.outer([0.25, 0.75], [0.5, 0.5]), base=base),
        information_gain([0, 1, 0, 1], [True, True, False, False], base=base),
    ]
    assert zeros == [0.0] * len(zeros)
    assert [math.copysign(1.0, z) for z in zeros] == [1.0] * len(zeros)


# --------------------------------------------------------------------------------------------------------------
# KL between Gaussians


def _kl_gaussians_numpy(m0, S0, m1, S1):
    """The textbook formula with numpy.linalg: an independent route (inverse-free solves and slogdet)."""
    d = m0.size
    delta = m1 - m0
    return 0.5 * (np.trace(np.linalg.solve(S1, S0)) + delta @ np.linalg.solve(S1, delta) - d
                  + np.linalg.slogdet(S1)[1] - np.linalg.slogdet(S0)[1])


def _spd(d, rng):
    A = rng.standard_normal((d, d))
    return A @ A.T + d * np.eye(d)  # eigenvalues in about [d, 5d]: kappa <= ~10


@pytest.mark.parametrize("d", [1, 3, 8])
def test_kl_gaussians_matches_numpy_closed_form(d):
    rng = np.random.default_rng(d)
    m0, m1 = rng.standard_normal(d), rng.standard_normal(d)
    S0, S1 = _spd(d, rng), _spd(d, rng)
    # both are backward stable on matrices with kappa <= 10; the KL is O(d) and the terms do not cancel much here:
    # relative 1e-12 (~ 10^4 u) leaves room for kappa * d^2 u
    assert_allclose(kl_gaussians(m0, S0, m1, S1), _kl_gaussians_numpy(m0, S0, m1, S1), rtol=1e-12)


def test_kl_gaussians_against_monte_carlo():
    rng = np.random.default_rng(11)
    n = 100_000
    m0, m1 = np.array([0.5, -1.0, 0.0]), np.array([0.0, 0.3, 0.2])
    S0 = np.array([[1.0, 0.3, 0.0], [0.3, 0.8, 0.1], [0.0, 0.1, 0.5]])
    S1 = np.array([[1.5, -0.2, 0.1], [-0.2, 1.0, 0.0], [0.1, 0.0, 0.9]])
    x = rng.multivariate_normal(m0, S0, n)
    log_ratio = (scipy.stats.multivariate_normal.logpdf(x, m0, S0)
                 - scipy.stats.multivariate_normal.logpdf(x, m1, S1))  # (n,) its mean estimates the KL
    se = log_ratio.std(ddof=1) / math.sqrt(n)
    # the Monte Carlo mean is within 4 standard errors of the truth except with probability 6e-5
    assert abs(kl_gaussians(m0, S0, m1, S1) - log_ratio.mean()) <= 4 * se


def test_kl_gaussians_is_accurate_for_nearly_equal_gaussians():
    # Sigma_1 = c Sigma_0 (diagonal, exact entries), same means: KL = (d/2) f(h), f(h) = 1/c - 1 + log c with
    # c = 1 + h, f(h) = sum_k>=2 (-1)^k (k-1)/k h^k. With h = 2^-20, KL ~ d h^2 / 4 ~ 1e-12. Grouped as
    # t - log1p(t) >= 0 the error is ~ u h per dimension (relative ~ 4u/h = 5e-10); the textbook formula
    # tr - d + logdet loses d u in absolute terms (relative 2u/h^2 ~ 2e-4).
    h, d = 2.0**-20, 4
    a = np.array([1.0, 2.0, 0.25, 8.0])
    f = sum((-1) ** k * (k - 1) / k * h**k for k in range(2, 8))
    kl = kl_gaussians(np.zeros(d), np.diag(a), np.zeros(d), np.diag(a * (1 + h)))
    assert_allclose(kl, d / 2 * f, rtol=1e-8)


def test_kl_gaussians_vae_term_and_scalars():
    # the VAE term: KL(N(mu, diag(s^2)) || N(0, I)) = (1/2) sum(s^2 + mu^2 - 1 - log s^2)
    mu, s2 = np.array([0.5, -1.0]), np.array([0.64, 2.25])
    expected = 0.5 * np.sum(s2 + mu**2 - 1 - np.log(s2))
    assert_allclose(kl_gaussians(mu, np.diag(s2), np.zeros(2), np.eye(2)), expected, rtol=1e-14)
    assert round(expected, 4) == 0.8877  # README, worked example
    # d = 1 with scalars: log(s1/s0) + (s0^2 + (m0 - m1)^2) / (2 s1^2) - 1/2
    s0, s1, m0, m1 = 0.7, 1.9, 0.3, -1.1
    ref = math.log(s1 / s0) + (s0**2 + (m0 - m1) ** 2) / (2 * s1**2) - 0.5
    assert_allclose(kl_gaussians(m0, s0**2, m1, s1**2), ref, rtol=1e-14)
    assert kl_gaussians([1.0, 2.0], np.eye(2), [1.0, 2.0], np.eye(2)) == 0.0


# --------------------------------------------------------------------------------------------------------------
# Huffman codes and the source coding bound


def _best_prefix_code_length(p):
    """Brute force: the smallest sum p_i l_i over lengths 1..n-1 with Kraft's inequality sum 2^-l_i <= 1."""
    import itertools

    n = len(p)
    best = math.inf
    for lengths in itertools.product(range(1, n), repeat=n):
        if sum(2.0 ** -l for l in lengths) <= 1.0:
            best = min(best, float(np.dot(p, lengths)))
    return best


@pytest.mark.parametrize("seed", range(4))
def test_huffman_is_optimal_and_meets_shannons_bound(seed):
    p = _dirichlet(5, seed)
    lengths = huffman_code_lengths(p)
    assert lengths.dtype.kind == "i" and lengths.shape == (5,)
    assert sum(2.0 ** -int(l) for l in lengths) == 1.0  # Kraft's equality: a full binary tree
    avg_length, H = float(np.dot(p, lengths)), entropy(p)
    assert H <= avg_length < H + 1
    # optimal among all prefix codes; both averages are sums of 5 products of the same numbers
    assert avg_length == pytest.approx(_best_prefix_code_length(p), rel=8 * U)


@given(st.integers(0, 10_000), st.integers(2, 60))
def test_shannon_bound_holds_for_random_distributions(seed, n):
    p = _dirichlet(n, seed, zeros=n // 4)
    lengths = huffman_code_lengths(p)
    avg_length, H = float(np.dot(p, lengths)), entropy(p)
    # exact bound H <= average length < H + 1; both are rounded sums (relative error <= ~10 u each)
    assert H * (1 - 20 * U) <= avg_length < H + 1
    # never longer than the Shannon code ceil(-log2 p_i) on the support
    support = p > 0
    assert avg_length <= float(np.dot(p[support], np.ceil(-np.log2(p[support])))) * (1 + 20 * U)


def test_huffman_small_cases():
    assert huffman_code_lengths([1.0]).tolist() == [0]  # one symbol: nothing to send
    assert huffman_code_lengths([0.5, 0.25, 0.25]).tolist() == [1, 2, 2]  # dyadic: average length = H exactly
    assert huffman_code_lengths([0.3, 0.7]).tolist() == [1, 1]


# --------------------------------------------------------------------------------------------------------------
# Information gain and the decision tree


@pytest.fixture(scope="module")
def wine_split():
    X, y = load_wine(return_X_y=True)
    # scikit-learn stores X as float32 and places thresholds at midpoints of consecutive float32 values
    X = X.astype(np.float32).astype(float)
    tree = DecisionTreeClassifier(criterion="entropy", max_depth=1, random_state=0).fit(X, y).tree_
    return X, y, tree


def test_best_first_split_matches_sklearn_tree(wine_split):
    X, y, tree = wine_split
    best = (-1.0, -1, 0.0)
    n_thresholds = 0
    for j in range(X.shape[1]):
        values = np.unique(X[:, j])
        for t in (values[:-1] + values[1:]) / 2:  # midpoints: exact for float32 data in float64
            gain = information_gain(y, X[:, j] <= t)
            n_thresholds += 1
            if gain > best[0]:
                best = (gain, j, t)
    assert n_thresholds == 1263  # README: all 1263 midpoints between consecutive distinct values
    gain, feature, threshold = best
    assert feature == tree.feature[0]
    assert threshold == tree.threshold[0]
    n = tree.n_node_samples
    decrease = tree.impurity[0] - (n[1] * tree.impurity[1] + n[2] * tree.impurity[2]) / n[0]
    # both are differences of sums of 3 entropies of size <= log2(3): absolute 1e-13 is ~ 900 u
    assert_allclose(gain, decrease, atol=1e-13)
    # the README's worked example: flavanoids (feature 6) <= 1.575, gain 0.6469 of 1.5668 bits
    assert (feature, round(threshold, 3), round(gain, 4)) == (6, 1.575, 0.6469)
    assert round(entropy(np.bincount(y) / y.size), 4) == round(tree.impurity[0], 4) == 1.5668
    assert load_wine().feature_names[feature] == "flavanoids"
    # README: flavanoids <= 1.575 sends 0, 14, 48 wines of the three classes left and 59, 57, 0 right
    left = X[:, feature] <= threshold
    assert np.bincount(y[left], minlength=3).tolist() == [0, 14, 48]
    assert np.bincount(y[~left], minlength=3).tolist() == [59, 57, 0]
    assert np.bincount(y).tolist() == [59, 71, 48] and X.shape == (178, 13)


def test_information_gain_is_the_mutual_information_with_the_side(contingency):
    a, b, _ = contingency
    mask = b >= 2
    # I(Y; S) from sklearn (nats) and H(Y) - H(Y | S); sums of <= 8 terms: absolute 1e-13
    assert_allclose(information_gain(a, mask, base=math.e), mutual_info_score(a, mask), atol=1e-13)
    assert information_gain(a, np.ones(a.size, dtype=bool)) == 0.0  # everything on one side
    assert information_gain(["x", "y", "x", "y"], [1, 0, 1, 0]) == 1.0  # string labels, 0/1 mask
    assert information_gain(a, mask) <= entropy(np.bincount(a) / a.size) * (1 + 8 * U)


# --------------------------------------------------------------------------------------------------------------
# Worked examples of the README


def test_readme_worked_examples():
    # self-information and entropy of a coin with P(heads) = 0.8
    assert round(-math.log2(0.8), 4) == 0.3219 and round(-math.log2(0.2), 4) == 2.3219
    assert round(entropy([0.8, 0.2]), 4) == 0.7219 and round(entropy([0.8, 0.2], base=math.e), 4) == 0.5004
    # rain and umbrella
    J = np.array([[0.25, 0.05], [0.10, 0.60]])
    values = [entropy(J.sum(axis=1)), entropy(J.sum(axis=0)), entropy(J.ravel()), conditional_entropy(J),
              conditional_entropy(J.T), mutual_information(J)]
    assert [round(v, 4) for v in values] == [0.8813, 0.9341, 1.4905, 0.6092, 0.5564, 0.3249]
    # cross-entropy, KL both ways, JS
    p, q = [0.8, 0.2], [0.5, 0.5]
    assert cross_entropy(p, q) == 1.0
    assert [round(kl_divergence(p, q), 4), round(kl_divergence(q, p), 4)] == [0.2781, 0.3219]
    assert round(cross_entropy(q, p), 4) == 1.3219 and round(js_divergence(p, q), 4) == 0.0731
    # the two halves of JS, against m = (0.65, 0.35)
    assert [round(kl_divergence(p, [0.65, 0.35]), 4), round(kl_divergence(q, [0.65, 0.35]), 4)] == [0.0782, 0.0680]
    assert round(1 / LN2, 4) == 1.4427  # 1 nat in bits
    # Huffman code for (0.4, 0.2, 0.2, 0.1, 0.1)
    p5 = [0.4, 0.2, 0.2, 0.1, 0.1]
    lengths = huffman_code_lengths(p5)
    assert lengths.tolist() == [2, 2, 2, 3, 3]
    assert round(float(np.dot(p5, lengths)), 4) == 2.2 and round(entropy(p5), 4) == 2.1219
    # the other tie-breaking: lengths (1, 2, 3, 4, 4), a prefix code too (Kraft sum 1), same average length 2.2
    other = np.array([1, 2, 3, 4, 4])
    assert np.sum(2.0 ** -other) == 1.0 and round(float(np.dot(p5, other)), 4) == 2.2
    assert _best_prefix_code_length(p5) == pytest.approx(2.2, rel=8 * U)  # both are optimal
    # Intuition and source coding: the p = 0.8 coin coded one toss at a time (1 bit per toss) and in blocks of three
    # independent tosses: average length 2.184 bits per block, 0.728 per toss, between H = 0.7219 and H + 1/3
    assert huffman_code_lengths([0.8, 0.2]).tolist() == [1, 1]
    heads = np.array([bin(b).count("1") for b in range(8)])  # number of heads in each of the 8 blocks
    blocks = 0.8**heads * 0.2 ** (3 - heads)  # (8,) independent tosses: probabilities multiply
    avg_length_3 = float(blocks @ huffman_code_lengths(blocks))
    assert round(avg_length_3, 4) == 2.184 and round(avg_length_3 / 3, 3) == 0.728
    assert 3 * entropy([0.8, 0.2]) <= avg_length_3 < 3 * entropy([0.8, 0.2]) + 1
    assert entropy(blocks) == pytest.approx(3 * entropy([0.8, 0.2]), rel=20 * U)  # a block carries 3 H bits


def test_readme_forward_versus_reverse_kl():
    # target: 0.5 N(-2, 0.6^2) + 0.5 N(2, 0.6^2), discretised on a grid; candidates N(mu, sigma^2)
    x = np.linspace(-8.0, 8.0, 801)

    def normal(mu, sigma):
        w = np.exp(-0.5 * ((x - mu) / sigma) ** 2)
        return w / w.sum()

    p = 0.5 * normal(-2.0, 0.6) + 0.5 * normal(2.0, 0.6)
    p /= p.sum()
    mus, sigmas = np.linspace(-3.0, 3.0, 25), np.linspace(0.2, 3.0, 15)
    forward = np.array([[kl_divergence(p, normal(m, s), base=math.e) for s in sigmas] for m in mus])
    reverse = np.array([[kl_divergence(normal(m, s), p, base=math.e) for s in sigmas] for m in mus])
    i, j = np.unravel_index(forward.argmin(), forward.shape)
    # forward KL: moment matching. The discretised mixture has mean 0 and variance 0.36 + 4 = 4.36 (sums of 801
    # terms of size <= 64 that agree with the integrals to far better than 1e-10: the grid spans 10 sigma beyond each
    # mode); sigma = 2.088, and the grid's nearest sigma is 2.0 (the README); its KL is 5e-4 below that of 2.2
    mean = float(x @ p)
    assert abs(mean) < 1e-12 and float((x - mean) ** 2 @ p) == pytest.approx(4.36, rel=1e-10)
    assert round(math.sqrt(0.6**2 + 2**2), 3) == 2.088
    assert mus[i] == 0.0 and sigmas[j] == pytest.approx(2.0)
    i, j = np.unravel_index(reverse.argmin(), reverse.shape)
    # reverse KL: one mode, mu = +-2, sigma = 0.6, at a cost just below log 2 = 0.693 (README: 0.692)
    assert abs(mus[i]) == 2.0 and sigmas[j] == pytest.approx(0.6)
    assert round(reverse[i, j], 3) == 0.692 and reverse[i, j] < math.log(2.0)
    assert reverse[i, j] < reverse[mus == 0.0, :].min()  # the moment-matched Gaussian is worse under reverse KL


def test_cross_entropy_is_the_negative_log_likelihood():
    # mean of H(onehot(y_i), softmax(z_i)) in nats = the softmax cross-entropy loss of the calculus package
    rng = np.random.default_rng(2)
    X, W = rng.standard_normal((6, 3)), rng.standard_normal((3, 4))
    y = rng.integers(0, 4, 6)
    probs = scipy.special.softmax(X @ W, axis=1)  # (6, 4) reference softmax
    ours = np.mean([cross_entropy(np.eye(4)[y_i], q_i, base=math.e) for y_i, q_i in zip(y, probs, strict=True)])
    loss, _ = softmax_cross_entropy_loss(W, X, y)
    assert_allclose(ours, loss, rtol=1e-13)  # losses ~ 1: a few roundings in softmax and log, 1e-13 generous
    assert_allclose(ours, -np.mean(np.log(probs[np.arange(6), y])), rtol=1e-14)


def test_readme_exercises():
    # Exercise 2: N(0, 1) against N(1, 4) in both directions, 0.4431 and 1.3069 nats
    assert round(kl_gaussians(0.0, 1.0, 1.0, 4.0), 4) == 0.4431
    assert round(kl_gaussians(1.0, 4.0, 0.0, 1.0), 4) == 1.3069
    # Exercise 6: JS = H(m) - H(p)/2 - H(q)/2 (sums of 12 terms of size <= 4 bits: absolute 1e-14 ~ 90 u)
    p, q = _dirichlet(12, 7, zeros=3), _dirichlet(12, 8)
    assert_allclose(js_divergence(p, q), entropy((p + q) / 2) - entropy(p) / 2 - entropy(q) / 2, atol=1e-14)
    # Exercise 3: I(X; Y) = H(Y) when Y is a function of X
    J = np.array([[0.2, 0.0], [0.0, 0.5], [0.3, 0.0]])  # y = 0 for x in {0, 2}, y = 1 for x = 1
    assert_allclose(mutual_information(J), entropy(J.sum(axis=0)), rtol=1e-14)


def test_readme_exercise_iris_tie():
    # Exercise 5: petal length <= 2.45 and petal width <= 0.8 tie at log2(3) - 2/3 = 0.9183 bits
    from sklearn.datasets import load_iris

    X, y = load_iris(return_X_y=True)
    X = X.astype(np.float32).astype(float)
    gains = []
    for j in range(X.shape[1]):
        v = np.unique(X[:, j])
        gains += [(information_gain(y, X[:, j] <= t), j, t) for t in (v[:-1] + v[1:]) / 2]
    best = max(g for g, _, _ in gains)
    assert [(j, round(t, 3)) for g, j, t in gains if g == best] == [(2, 2.45), (3, 0.8)]
    assert_allclose(best, math.log2(3) - 2 / 3, rtol=1e-14)
    tree = DecisionTreeClassifier(criterion="entropy", max_depth=1, random_state=0).fit(X, y).tree_
    assert (tree.feature[0], round(tree.threshold[0], 3)) == (3, 0.8)  # the README: scikit-learn reports petal width


def test_readme_exercise_huffman_code_of_a_sentence():
    # Exercise 4: 13 symbols in 39; the space (9 times) gets 2 bits, t and o 3 bits, the letters seen once 5 bits;
    # 130 bits in all
    letters, counts = np.unique(list("to be or not to be that is the question"), return_counts=True)
    lengths = dict(zip(letters.tolist(), huffman_code_lengths(counts / counts.sum()).tolist(), strict=True))
    assert counts.sum() == 39 and letters.size == 13 and int(counts @ list(lengths.values())) == 130
    assert (lengths[" "], lengths["t"], lengths["o"]) == (2, 3, 3)
    assert {lengths[c] for c, k in zip(letters.tolist(), counts, strict=True) if k == 1} == {5}


def test_readme_pitfalls():
    # plug-in mutual information of two independent variables with 10 values each from 50 samples: well above 0
    # (its bias is about (10 - 1)^2 / (2 * 50) = 0.81 nats)
    rng = np.random.default_rng(0)
    a, b = rng.integers(0, 10, 50), rng.integers(0, 10, 50)
    C = np.zeros((10, 10))
    np.add.at(C, (a, b), 1.0)
    assert mutual_information(C / C.sum(), base=math.e) > 0.5
    # log of a softmax that underflowed: scores 746 apart give probability 0 and an infinite cross-entropy
    probs = scipy.special.softmax([0.0, -746.0])
    assert probs[1] == 0.0 and cross_entropy([0.0, 1.0], probs) == math.inf


def _chapter_math():
    """Every formula of the README, of the notebook's markdown and of the module's docstrings, by file."""
    here = Path(__file__).resolve().parents[2] / "advanced_topics"
    readme = (here / "information_theory" / "README.md").read_text(encoding="utf-8")
    cells = json.loads((here / "information_theory" / "information_theory.ipynb").read_text(encoding="utf-8"))["cells"]
    notebook = "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    module = (here / "python_implementations" / "information_theory.py").read_text(encoding="utf-8")

    def formulas(text):
        blocks = re.findall(r"```math\n(.*?)```", text, flags=re.S)
        return blocks + re.findall(r"\$\$?([^$]+)\$\$?", re.sub(r"```math\n.*?```", "", text, flags=re.S))

    return {"README.md": formulas(readme), "information_theory.ipynb": formulas(notebook),
            "information_theory.py": re.findall(r":math:`([^`]+)`", module)}


def test_one_symbol_per_concept_in_the_chapter():
    # NOTATION.md: ell is the log-likelihood and L the lower triangular (Cholesky) factor; in this chapter code
    # lengths are lambda_i with average lambda-bar, the sides of a split are "left"/"right" and S is only the split
    for name, formulas in _chapter_math().items():
        for f in formulas:
            assert not re.search(r"\\ell\s*_", f), f"{name}: code length written with ell: {f}"
            for m in re.finditer(r"(?<![A-Za-z\\])L(?![A-Za-z])", f):
                assert re.match(r"_[01]", f[m.end():]), f"{name}: L that is not a Cholesky factor L_0, L_1: {f}"
            assert not re.search(r"_[LR](?![A-Za-z0-9])", f), f"{name}: left/right child written as L/R: {f}"
            assert not re.search(r"\\in\s*S(?![A-Za-z])", f), f"{name}: S used for a set: {f}"
            for m in re.finditer(r"\\lambda(?![A-Za-z])", f):
                assert f[m.end():].startswith("_") or f[:m.start()].endswith("\\bar{"), \
                    f"{name}: lambda that is not a code length: {f}"
    readme = _chapter_math()["README.md"]
    assert any(r"\ell = \sum_i \log q_{i y_i}" in f for f in readme)  # ell: the log-likelihood
    assert any(r"\bar{\lambda} = \sum_i p_i \lambda_i" in f for f in readme)  # the average code length
    # nats and bits: 0.693 nats is 1 bit
    assert entropy([0.5, 0.5], base=math.e) == pytest.approx(math.log(2.0), rel=2 * U)


# --------------------------------------------------------------------------------------------------------------
# Bad input


NOT_DISTRIBUTIONS = [
    ([], "p must hold at least"),
    ([0.5, np.nan], "p must contain only finite"),
    ([1.2, -0.2], "p must have non-negative"),
    ([0.5, 0.4], "p must sum to 1"),
    ([[0.5, 0.5]], "p must be a 1-D"),
]


@pytest.mark.parametrize(("p", "message"), NOT_DISTRIBUTIONS)
@pytest.mark.parametrize("function", [entropy, huffman_code_lengths])
def test_single_distribution_functions_refuse_non_distributions(function, p, message):
    with pytest.raises(ValueError, match=message):
        function(p)


@pytest.mark.parametrize(("p", "message"), NOT_DISTRIBUTIONS)
@pytest.mark.parametrize("function", [cross_entropy, kl_divergence, js_divergence])
def test_pair_functions_refuse_non_distributions(function, p, message):
    with pytest.raises(ValueError, match=message):
        function(p, [0.5, 0.5])
    with pytest.raises(ValueError, match=message.replace("p must", "q must")):
        function([0.5, 0.5], p)
    with pytest.raises(ValueError, match="p and q must have the same shape"):
        function([0.5, 0.5], [0.2, 0.3, 0.5])


@pytest.mark.parametrize("base", [1, 1.0, 0, -2.0, math.nan, math.inf, "2", True, None])
@pytest.mark.parametrize("function", [entropy, mutual_information, conditional_entropy, kl_divergence,
                                      cross_entropy, js_divergence])
def test_invalid_base(function, base):
    args = ([[0.5, 0.0], [0.0, 0.5]],) if function in (mutual_information, conditional_entropy) else (
        [0.5, 0.5],) * (1 if function is entropy else 2)
    with pytest.raises(ValueError, match="base must"):
        function(*args, base=base)


@pytest.mark.parametrize(("joint", "message"), [
    ([0.5, 0.5], "joint must be a non-empty 2-D"),
    (np.zeros((0, 2)), "joint must be a non-empty 2-D"),
    ([[0.5, 0.6], [0.0, 0.0]], "joint must sum to 1"),
    ([[0.5, -0.1], [0.6, 0.0]], "joint must have non-negative"),
    ([[0.5, np.nan], [0.5, 0.0]], "joint must contain only finite"),
    ("ab", "joint must be"),
])
@pytest.mark.parametrize("function", [mutual_information, conditional_entropy])
def test_joint_functions_refuse_bad_tables(function, joint, message):
    with pytest.raises(ValueError, match=message):
        function(joint)


@pytest.mark.parametrize(("args", "message"), [
    (([0.0], [[1.0]], [0.0, 0.0], np.eye(2)), "mean0 and mean1 must have the same shape"),
    (([0.0, 0.0], np.eye(3), [0.0, 0.0], np.eye(2)), r"cov0 must have shape \(2, 2\)"),
    (([0.0, 0.0], np.eye(2), [0.0, 0.0], [[1.0, 2.0], [2.0, 1.0]]), "cov1 must be a symmetric positive definite"),
    (([0.0, 0.0], [[1.0, 0.5], [0.0, 1.0]], [0.0, 0.0], np.eye(2)), "cov0 must be a symmetric positive definite"),
    (([0.0, np.nan], np.eye(2), [0.0, 0.0], np.eye(2)), "mean0 must contain only finite"),
    (([], np.eye(0), [], np.eye(0)), "mean0 must not be empty"),
    (([0.0], -1.0, [0.0], 1.0), "cov0 must be a symmetric positive definite"),
    (([0.0], "a", [0.0], 1.0), "cov0 must be a"),
])
def test_kl_gaussians_bad_input(args, message):
    with pytest.raises(ValueError, match=message):
        kl_gaussians(*args)


@pytest.mark.parametrize(("y", "mask", "message"), [
    ([], [], "y must be a non-empty 1-D"),
    ([[0, 1]], [[True, False]], "y must be a non-empty 1-D"),
    ([0.0, np.nan], [True, False], "y must not contain NaN"),
    ([0, 1, 1], [True, False], "split_mask must have the shape of y"),
    ([0, 1], [0.5, 1.0], "split_mask must be boolean"),
    ([0, 1], ["a", "b"], "split_mask must be boolean"),
    ([0, "a"], [True, False], None),  # mixed labels become strings in numpy: accepted
    (np.array([0, None], dtype=object), [True, False], "y must hold labels of one type"),
])
def test_information_gain_bad_input(y, mask, message):
    if message is None:
        assert information_gain(y, mask) == 1.0
        return
    with pytest.raises(ValueError, match=message):
        information_gain(y, mask)


@pytest.mark.parametrize("base", [1, 0, -2.0, math.nan, "2"])
def test_information_gain_invalid_base(base):
    with pytest.raises(ValueError, match="base must"):
        information_gain([0, 1], [True, False], base=base)
