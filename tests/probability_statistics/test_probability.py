"""Tests for probability_statistics.python_implementations.probability: exact rational answers, scipy and
simulation checks whose tolerances come from the standard error."""

import math
import warnings
from decimal import Decimal, getcontext
from fractions import Fraction
from itertools import product

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy import special, stats

from probability_statistics.python_implementations.probability import (
    SimulationResult,
    bayes_posterior,
    birthday_probability,
    simulate_birthday,
    simulate_monty_hall,
    total_probability,
)

EPS = np.finfo(float).eps
U = EPS / 2
# Simulation checks: |estimate - p| <= Z * standard error. A fixed seed makes each check deterministic; Z = 4.5
# keeps a correct implementation's two-sided failure probability below 7e-6 for any seed.
Z = 4.5


def exact_birthday(n, days=365):
    q = Fraction(1)
    for k in range(n):
        q *= Fraction(days - k, days)
    return 1 - q


# ---------------------------------------------------------------- total probability and Bayes


def test_readme_medical_test_example():
    # README worked example: 1 % prevalence, sensitivity 95 %, false-positive rate 5 %.
    p_positive = total_probability([0.01, 0.99], [0.95, 0.05])
    np.testing.assert_allclose(p_positive, 0.059, rtol=4 * U)
    post = bayes_posterior([0.01, 0.99], [0.95, 0.05])
    np.testing.assert_allclose(post, [0.0095 / 0.059, 0.0495 / 0.059], rtol=8 * U)
    assert round(post[0], 3) == 0.161
    # a second positive test (independent given the state): the posterior becomes the new prior
    post2 = bayes_posterior(post, [0.95, 0.05])
    assert round(post2[0], 3) == 0.785


def test_readme_two_urns_chain_rule_example():
    # README: urn A (2 red, 1 blue) or urn B (1 red, 3 blue) chosen by a fair coin; draw two balls without
    # replacement. P(red, red | A) = 2/3 * 1/2 = 1/3, P(red, red | B) = 0 (one red ball).
    likelihood = [Fraction(2, 3) * Fraction(1, 2), Fraction(1, 4) * Fraction(0, 3)]
    assert total_probability([0.5, 0.5], [float(v) for v in likelihood]) == pytest.approx(1 / 6, rel=4 * U)
    np.testing.assert_array_equal(bayes_posterior([0.5, 0.5], [float(v) for v in likelihood]), [1.0, 0.0])


@given(st.integers(2, 8).flatmap(lambda k: st.tuples(
    arrays(np.float64, k, elements=st.floats(0.01, 1.0)),
    # normal (not subnormal) likelihoods: in the subnormal range only an absolute accuracy 2^-1074 is possible
    arrays(np.float64, k, elements=st.one_of(st.just(0.0), st.floats(1e-300, 1.0))),
)))
@settings(max_examples=25)
def test_bayes_against_exact_fractions(args):
    weights, likelihood = args
    prior = weights / weights.sum()
    if not np.any(prior * likelihood > 0):
        return
    fp = [Fraction(v) for v in prior.tolist()]
    fl = [Fraction(v) for v in likelihood.tolist()]
    evidence = sum(a * b for a, b in zip(fp, fl, strict=True))
    exact = [float(a * b / evidence) for a, b in zip(fp, fl, strict=True)]
    # each entry: a product, a ratio to the largest likelihood and a sum of k terms: relative error <= (k + 3) u
    k = prior.size
    np.testing.assert_allclose(bayes_posterior(prior, likelihood), exact, rtol=2 * (k + 3) * U, atol=0)
    # the prior sums to 1 only up to rounding, so P(D) from the formula is exact to (k + 1) u
    np.testing.assert_allclose(total_probability(prior, likelihood), float(evidence), rtol=2 * (k + 1) * U)


def test_bayes_with_log_likelihoods_matches_scipy_softmax():
    rng = np.random.default_rng(3)
    prior = rng.dirichlet(np.ones(6))
    loglik = rng.normal(-5000.0, 30.0, size=6)  # exp underflows to 0 for every entry
    post = bayes_posterior(prior, loglik, log_likelihood=True)
    ref = special.softmax(np.log(prior) + loglik)
    # log-sum-exp: the exponent differences are exact to u |loglik| ~ 5000 u, amplified by exp: rtol 2e4 u
    np.testing.assert_allclose(post, ref, rtol=2e4 * U)
    np.testing.assert_allclose(post.sum(), 1.0, rtol=8 * U)


def test_log_likelihood_posterior_error_bound_of_the_docstring():
    # In log space exp turns the absolute error of its argument into a relative error, so the bound grows with
    # |l_i - l_max| and |log P(H_i)|: 3 (|l_i - l_max| + |log P(H_i)| + k + 3) u (docstring). The former claim
    # "(k + 3) u" was exceeded by a factor of ~100 here. Reference: 50-digit decimal arithmetic on the same doubles.
    getcontext().prec = 50
    rng = np.random.default_rng(1)
    worst_new, worst_old = 0.0, 0.0
    for _ in range(100):
        k = int(rng.integers(2, 9))
        prior = rng.dirichlet(np.ones(k))
        loglik = rng.uniform(-700.0, 0.0, k) * rng.random()
        post = bayes_posterior(prior, loglik, log_likelihood=True)
        top = Decimal(float(loglik.max()))
        terms = [Decimal(float(p)) * (Decimal(float(v)) - top).exp() for p, v in zip(prior, loglik, strict=True)]
        total = sum(terms)
        for i in range(k):
            exact = terms[i] / total
            if exact < Decimal("1e-290"):  # subnormal results carry only an absolute accuracy
                continue
            rel = float(abs(Decimal(float(post[i])) - exact) / exact)
            bound = 3 * (abs(loglik[i] - loglik.max()) + abs(math.log(prior[i])) + k + 3) * U
            worst_new = max(worst_new, rel / bound)
            worst_old = max(worst_old, rel / ((k + 3) * U))
    assert worst_new <= 1.0
    assert worst_old > 10.0  # the linear-scale bound does not hold in log space


def test_zero_prior_hypothesis_with_a_huge_log_likelihood_gives_no_nan():
    # log(0) + (1e308 - (-1e308)) was -inf + inf = NaN, which poisoned every entry of the posterior.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        post = bayes_posterior([0.5, 0.5, 0.0], [-1e308, -1e308, 1e308], log_likelihood=True)
        np.testing.assert_array_equal(post, [0.5, 0.5, 0.0])
        # a difference below -1.8e308 is -inf: exp gives the right 0, without an overflow warning
        np.testing.assert_array_equal(bayes_posterior([0.5, 0.5], [-1.7e308, 1.7e308], log_likelihood=True), [0, 1])


def test_log_and_linear_agree():
    prior = np.array([0.2, 0.3, 0.5])
    lik = np.array([0.1, 0.7, 0.05])
    np.testing.assert_allclose(bayes_posterior(prior, np.log(lik), log_likelihood=True),
                               bayes_posterior(prior, lik), rtol=16 * U)


def test_tiny_likelihoods_do_not_underflow():
    # prior * likelihood = 1e-10 * 1e-310 underflows to 0 in the naive product; dividing by the largest
    # likelihood first keeps the ratio 1 : 3.
    post = bayes_posterior([1e-10, 1 - 1e-10], [3e-310, 1e-310])
    np.testing.assert_allclose(post[0] / post[1], 3e-10 / (1 - 1e-10), rtol=1e-12)  # 1e-310 is subnormal: 1e-12


def test_underflowed_likelihoods_are_reported():
    lik = np.prod(np.full((2, 400), 0.1), axis=1)  # 1e-400 underflows to 0
    with pytest.raises(ValueError, match="underflowed: pass log-likelihoods with log_likelihood=True"):
        bayes_posterior([0.5, 0.5], lik)
    post = bayes_posterior([0.5, 0.5], [400 * math.log(0.1), 400 * math.log(0.2)], log_likelihood=True)
    np.testing.assert_allclose(post, [1 / (1 + 2.0**400), 1 / (1 + 2.0**-400)], rtol=1e-12)


def test_zero_prior_hypotheses_stay_zero_whatever_their_likelihood():
    post = bayes_posterior([0.5, 0.5, 0.0], [1e-300, 2e-300, 1e300])
    np.testing.assert_allclose(post, [1 / 3, 2 / 3, 0.0], rtol=4 * U)
    post = bayes_posterior([0.5, 0.5, 0.0], [-np.inf, 0.0, 50.0], log_likelihood=True)
    np.testing.assert_array_equal(post, [0.0, 1.0, 0.0])


@pytest.mark.parametrize(("prior", "likelihood", "kwargs", "error", "match"), [
    ([0.5, 0.6], [0.1, 0.2], {}, ValueError, "prior must sum to 1"),
    ([1.5, -0.5], [0.1, 0.2], {}, ValueError, "prior must have non-negative"),
    ([0.5, np.nan], [0.1, 0.2], {}, ValueError, "prior must contain only finite"),
    ([], [], {}, ValueError, "prior must hold at least 1"),
    ([0.5, 0.5], [0.1, 0.2, 0.3], {}, ValueError, r"likelihood must have the shape of prior, \(2,\)"),
    ([0.5, 0.5], [[0.1, 0.2]], {}, ValueError, "likelihood must have the shape"),
    ([0.5, 0.5], [0.1, -0.2], {}, ValueError, "likelihood must be finite and non-negative"),
    ([0.5, 0.5], [0.1, np.inf], {}, ValueError, "likelihood must be finite and non-negative"),
    ([0.5, 0.5], [0.1, np.nan], {}, ValueError, "likelihood must not contain NaN"),
    ([0.5, 0.5], ["a", "b"], {}, ValueError, "likelihood must be a 1-D array"),
    ([0.5, 0.5], [0.0, 0.0], {}, ValueError, "P\\(data\\) = 0"),
    ([0.5, 0.5], [-np.inf, -np.inf], {"log_likelihood": True}, ValueError, "log-likelihood -inf"),
    ([0.5, 0.5], [0.0, np.inf], {"log_likelihood": True}, ValueError, r"must be < \+inf"),
])
def test_bad_input(prior, likelihood, kwargs, error, match):
    with pytest.raises(error, match=match):
        bayes_posterior(prior, likelihood, **kwargs)
    if not kwargs and "P\\(data\\)" not in match:
        with pytest.raises(error, match=match):
            total_probability(prior, likelihood)


def test_total_probability_of_zero_likelihood_is_zero():
    assert total_probability([0.3, 0.7], [0.0, 0.0]) == 0.0


# ---------------------------------------------------------------- birthday problem


@pytest.mark.parametrize("n", [0, 1, 2, 10, 23, 41, 57, 100, 365])
def test_birthday_against_exact_fraction(n):
    exact = float(exact_birthday(n))
    # a sum of n log1p terms (fsum: correctly rounded sum) and expm1: relative error <= (n + 4) u, 2x margin
    np.testing.assert_allclose(birthday_probability(n), exact, rtol=2 * (n + 4) * U, atol=0)


def test_birthday_readme_values():
    assert round(birthday_probability(23), 4) == 0.5073
    assert birthday_probability(22) < 0.5 < birthday_probability(23)  # 23 is the smallest group above one half
    assert round(birthday_probability(57), 4) == 0.9901
    assert birthday_probability(366) == 1.0  # pigeonhole
    assert birthday_probability(0) == 0.0 and math.copysign(1, birthday_probability(0)) == 1.0


def test_birthday_small_groups_keep_relative_accuracy():
    # 1 - prod loses digits to cancellation for tiny probabilities; log1p/expm1 does not.
    p = birthday_probability(2, days=10**12)
    np.testing.assert_allclose(p, 1e-12, rtol=4 * U)
    assert abs((1 - (1 - 1 / 10**12)) - 1e-12) / 1e-12 > 1e-5  # the naive route is wrong in the 5th digit


def test_birthday_against_scipy_via_falling_factorial():
    # P(no match) = days! / ((days - n)! days^n), in log space with scipy's gammaln
    for n, days in [(23, 365), (50, 1000), (10, 12)]:
        log_q = special.gammaln(days + 1) - special.gammaln(days - n + 1) - n * math.log(days)
        # gammaln of ~days carries an absolute error ~u * days log days: rtol from that, 1e-12 generous
        np.testing.assert_allclose(birthday_probability(n, days), -math.expm1(log_q), rtol=1e-12)


@pytest.mark.parametrize(("n", "days"), [(23, 365), (5, 10), (2, 2)])
def test_simulate_birthday_agrees_within_standard_errors(n, days):
    result = simulate_birthday(n, 20_000, rng=n, days=days)
    assert isinstance(result, SimulationResult)
    assert result.n_trials == 20_000
    p = birthday_probability(n, days)
    np.testing.assert_allclose(result.standard_error, math.sqrt(p * (1 - p) / 20_000), rtol=0.05)
    assert abs(result.estimate - p) <= Z * result.standard_error


def test_simulate_birthday_matches_a_binomial_test():
    # The number of shared-birthday groups is Binomial(n_trials, p): scipy's exact test must not reject.
    result = simulate_birthday(23, 20_000, rng=7)
    k = round(result.estimate * result.n_trials)
    assert stats.binomtest(k, result.n_trials, birthday_probability(23)).pvalue > 1e-4


def test_readme_simulation_table():
    # README: 100 000 groups of 23 with rng = 0 -> 0.50699, standard error 0.00158, 0.2 standard errors from 0.50730
    result = simulate_birthday(23, 100_000, rng=0)
    assert result.estimate == pytest.approx(0.50699, abs=1e-12)
    assert round(result.standard_error, 5) == 0.00158
    assert abs(result.estimate - birthday_probability(23)) / result.standard_error < 0.2


def test_readme_figure_error_bars():
    # README intuition: every two-standard-error bar (2 000 groups, rng = n) meets the exact curve except at
    # n = 65, where all 2 000 groups share a birthday: p_hat = 1 and the estimated standard error is 0.
    misses = []
    for n in range(5, 71, 5):
        sim = simulate_birthday(n, 2_000, rng=n)
        if abs(sim.estimate - birthday_probability(n)) > 2 * sim.standard_error:
            misses.append((n, sim.estimate, sim.standard_error))
    assert misses == [(65, 1.0, 0.0)]
    assert round(birthday_probability(65), 4) == 0.9977


def test_simulate_birthday_is_reproducible_and_edge_cases():
    assert simulate_birthday(10, 100, rng=5) == simulate_birthday(10, 100, rng=5)
    assert simulate_birthday(0, 10, rng=0).estimate == 0.0
    assert simulate_birthday(3, 10, rng=0, days=2).estimate == 1.0


# ---------------------------------------------------------------- Monty Hall


def test_monty_hall_exact_by_enumeration():
    # The exact answer the simulation is compared with, by enumerating the equally likely (car, pick) pairs
    # and the host's fair coin when he has a choice: switching wins 2/3.
    win_switch = Fraction(0)
    for car, pick in product(range(3), repeat=2):
        goats = [d for d in range(3) if d not in (car, pick)]
        for opened in goats:
            final = 3 - pick - opened
            win_switch += Fraction(1, 9) * Fraction(1, len(goats)) * (final == car)
    assert win_switch == Fraction(2, 3)


@pytest.mark.parametrize(("switch", "p"), [(True, 2 / 3), (False, 1 / 3)])
def test_simulate_monty_hall(switch, p):
    result = simulate_monty_hall(30_000, switch=switch, rng=11)
    assert abs(result.estimate - p) <= Z * result.standard_error
    np.testing.assert_allclose(result.standard_error, math.sqrt(p * (1 - p) / 30_000), rtol=0.05)


def test_readme_monty_hall_numbers():
    stay = simulate_monty_hall(100_000, switch=False, rng=0)
    swap = simulate_monty_hall(100_000, switch=True, rng=0)
    assert swap.estimate == pytest.approx(0.66832, abs=1e-12)
    assert stay.estimate == pytest.approx(0.33168, abs=1e-12)
    assert stay.estimate + swap.estimate == pytest.approx(1.0, abs=1e-12)  # same games: exactly one strategy wins
    assert round(swap.standard_error, 5) == round(stay.standard_error, 5) == 0.00149
    assert round(abs(swap.estimate - 2 / 3) / swap.standard_error, 1) == 1.1


def test_monty_hall_host_never_opens_the_car():
    # Whatever the strategy, the host's door is a goat: if he could open the car, switching would win less.
    result = simulate_monty_hall(30_000, switch=True, rng=2)
    assert result.estimate > 2 / 3 - Z * result.standard_error


@pytest.mark.parametrize(("call", "error", "match"), [
    (lambda: simulate_monty_hall(0, True), ValueError, "n_trials must be >= 1"),
    (lambda: simulate_monty_hall(10.0, True), TypeError, "n_trials must be an integer"),
    (lambda: simulate_monty_hall(10, "yes"), TypeError, "switch must be True or False"),
    (lambda: simulate_birthday(-1, 10), ValueError, "n must be >= 0"),
    (lambda: simulate_birthday(5, 0), ValueError, "n_trials must be >= 1"),
    (lambda: simulate_birthday(5, 10, days=0), ValueError, "days must be >= 1"),
    (lambda: birthday_probability(-3), ValueError, "n must be >= 0"),
    (lambda: birthday_probability(3, days=0), ValueError, "days must be >= 1"),
    (lambda: birthday_probability(2.5), TypeError, "n must be an integer"),
])
def test_bad_arguments(call, error, match):
    with pytest.raises(error, match=match):
        call()


# ---------------------------------------------------------------- README worked examples and exercises


def test_readme_breast_cancer_example():
    from sklearn.datasets import load_breast_cancer

    df = load_breast_cancer(as_frame=True).frame
    malignant = df["target"] == 0
    large = df["mean radius"] > 15
    assert (malignant.sum(), (malignant & large).sum(), (~malignant & large).sum()) == (212, 161, 12)
    prior = [malignant.mean(), 1 - malignant.mean()]
    likelihood = [large[malignant].mean(), large[~malignant].mean()]
    assert [round(v, 4) for v in (prior[0], *likelihood)] == [0.3726, 0.7594, 0.0336]
    # Bayes on the frequencies equals the direct count 161/173 (two roundings of a few u each)
    np.testing.assert_allclose(bayes_posterior(prior, likelihood)[0], 161 / 173, rtol=16 * U)
    np.testing.assert_allclose(total_probability(prior, likelihood), large.mean(), rtol=16 * U)
    assert round((malignant & large).mean(), 3) == 0.283 and round(prior[0] * large.mean(), 3) == 0.113


def test_readme_exercise_repeated_positive_tests():
    belief, history = np.array([0.01, 0.99]), []
    for _ in range(4):
        belief = bayes_posterior(belief, [0.95, 0.05])
        history.append(round(float(belief[0]), 3))
    assert history == [0.161, 0.785, 0.986, 0.999]
    # odds form: prior odds 1/99 times 19^4
    np.testing.assert_allclose(belief[0] / belief[1], 19**4 / 99, rtol=32 * U)


def test_readme_exercise_birthday_resolution():
    sim = simulate_birthday(23, 20_000, rng=1)
    assert round(sim.standard_error, 4) == 0.0035
    assert round(birthday_probability(22), 4) == 0.4757
    gap = birthday_probability(23) - birthday_probability(22)
    assert round(gap / sim.standard_error, 1) == 8.9 and round(gap, 3) == 0.032
    # resolving a gap of 0.001 at the same number of standard errors needs (gap / 0.001)^2 ~ 1000 times the groups
    assert round((gap / 0.001) ** 2, -2) == 1000


def test_readme_birthday_table_all_within_1_3_standard_errors():
    # README: for n = 10, 20, 23, 30, 50 (100 000 groups each, rng = 0) every |z| is below 1.3
    z = [(s.estimate - birthday_probability(n)) / s.standard_error
         for n in (10, 20, 23, 30, 50) for s in [simulate_birthday(n, 100_000, rng=0)]]
    assert max(abs(v) for v in z) < 1.3
