r"""Probability on finite sample spaces: the law of total probability, Bayes' rule, and two classic problems
(the birthday problem and Monty Hall) computed exactly and checked by simulation.

Simulations return the estimate together with its standard error, so that the agreement with an exact answer can
be judged: a Monte Carlo estimate of a probability from ``n`` independent trials is off by about
``sqrt(p (1 - p) / n)``, and by more than three standard errors only about once in 370 runs.

See the derivations in ``probability_statistics/probability_basics/README.md``.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from ._validation import as_probability_vector, check_nonnegative_int

__all__ = [
    "SimulationResult",
    "bayes_posterior",
    "birthday_probability",
    "simulate_birthday",
    "simulate_monty_hall",
    "total_probability",
]


class SimulationResult(NamedTuple):
    """A Monte Carlo estimate of a probability: ``estimate`` (the fraction of successes), its
    ``standard_error`` ``sqrt(estimate (1 - estimate) / n_trials)``, and ``n_trials``."""

    estimate: float
    standard_error: float
    n_trials: int


def _as_likelihood(likelihood, k: int, log_likelihood: bool) -> np.ndarray:
    """Return the likelihood vector checked against the prior's length ``k``."""
    try:
        arr = np.array(likelihood, dtype=float, copy=True)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"likelihood must be a 1-D array of real numbers, got {type(likelihood).__name__}: {exc}") from None
    if arr.shape != (k,):
        raise ValueError(f"likelihood must have the shape of prior, ({k},), got shape {arr.shape}")
    if np.any(np.isnan(arr)):
        raise ValueError("likelihood must not contain NaN")
    if log_likelihood:
        if np.any(arr == np.inf):
            raise ValueError("likelihood (log-likelihoods) must be < +inf; -inf stands for probability 0")
    elif np.any(arr < 0) or not np.all(np.isfinite(arr)):
        raise ValueError(f"likelihood must be finite and non-negative, got min {arr.min()} and max {arr.max()}")
    return arr


def total_probability(prior, likelihood) -> float:
    r"""Law of total probability :math:`P(D) = \sum_i P(H_i) P(D \mid H_i)`.

    Parameters
    ----------
    prior : array_like of shape (k,)
        :math:`P(H_i)` for hypotheses :math:`H_1, \dots, H_k` that partition the sample space: non-negative,
        summing to 1.
    likelihood : array_like of shape (k,)
        :math:`P(D \mid H_i)`, the probability of the data under each hypothesis: finite and non-negative.

    Returns
    -------
    float
        :math:`P(D)`, the weighted average of the likelihoods.

    Raises
    ------
    ValueError
        If ``prior`` is not a probability distribution, or ``likelihood`` has another shape or a negative,
        NaN or infinite entry.

    Notes
    -----
    A sum of non-negative products: relative error at most about ``(k + 1) u``.

    See the derivation in ``probability_statistics/probability_basics/README.md``, section "Derivation".

    Examples
    --------
    >>> total_probability([0.01, 0.99], [0.95, 0.05])  # a positive test: 1 % ill, 95 % sensitive, 5 % false alarms
    0.059
    """
    prior = as_probability_vector(prior, "prior")
    likelihood = _as_likelihood(likelihood, prior.size, log_likelihood=False)
    return float(np.sum(prior * likelihood))  # (k,) * (k,) -> (k,) -> scalar


def bayes_posterior(prior, likelihood, *, log_likelihood: bool = False) -> np.ndarray:
    r"""Bayes' rule on a finite set of hypotheses: :math:`P(H_i \mid D) = P(H_i) P(D \mid H_i) / P(D)`.

    Parameters
    ----------
    prior : array_like of shape (k,)
        :math:`P(H_i)`: non-negative, summing to 1.
    likelihood : array_like of shape (k,)
        :math:`P(D \mid H_i)` (or a density value: only ratios between hypotheses matter), finite and
        non-negative. With ``log_likelihood=True``, the natural logarithms :math:`\log P(D \mid H_i)` instead
        (``-inf`` for probability zero).
    log_likelihood : bool, default False
        Whether ``likelihood`` holds log-likelihoods. Use it when the data are many observations: a product of
        hundreds of probabilities underflows to 0, its logarithm does not.

    Returns
    -------
    posterior : ndarray of shape (k,)
        :math:`P(H_i \mid D)`, non-negative and summing to 1 up to rounding.

    Raises
    ------
    ValueError
        If ``prior`` is not a probability distribution; if ``likelihood`` has another shape, a NaN, or (linear
        scale) a negative or infinite entry; or if every hypothesis with positive prior gives the data
        likelihood 0, so that :math:`P(D) = 0` and the posterior is undefined. Linear likelihoods that all
        underflowed to 0 end up there: the message says so and suggests ``log_likelihood=True``.

    Notes
    -----
    The likelihoods are divided by their largest value before the products are formed (in log space: the
    largest log-likelihood is subtracted, as in log-sum-exp). The common factor cancels in the normalisation,
    and the largest term becomes 1, so ``prior * likelihood`` cannot underflow to all zeros when the
    likelihoods are tiny but representable, and ``exp`` cannot overflow. Only hypotheses with a positive prior
    take part. With linear likelihoods each posterior entry has a relative error of at most about
    ``(k + 3) u``. In log space ``exp`` turns the absolute rounding error of its argument into a relative error,
    so entry ``i`` (if not subnormal) has a relative error of at most about
    ``3 (|l_i - l_max| + |log P(H_i)| + k + 3) u``: the subtraction, ``log`` and the addition each leave an
    absolute error of ``u`` (``log``: up to ``2 u``) times the size of their result in the argument of ``exp``.
    For an entry that does not underflow, ``|l_i - l_max|`` is below about 745.

    See the derivation in ``probability_statistics/probability_basics/README.md``, section "Derivation".

    Examples
    --------
    >>> bayes_posterior([0.01, 0.99], [0.95, 0.05]).round(4)  # P(ill | positive test), P(healthy | positive)
    array([0.161, 0.839])
    >>> bayes_posterior([0.5, 0.5], [-1000.0, -1001.0], log_likelihood=True).round(4)
    array([0.7311, 0.2689])
    """
    prior = as_probability_vector(prior, "prior")
    likelihood = _as_likelihood(likelihood, prior.size, log_likelihood)
    support = prior > 0
    if log_likelihood:
        top = np.max(likelihood[support])
        if top == -np.inf:
            raise ValueError("likelihood: every hypothesis with positive prior has log-likelihood -inf, "
                             "so P(data) = 0 and the posterior is undefined")
        unnormalised = np.zeros(prior.shape)  # (k,); a zero prior stays zero whatever its likelihood
        with np.errstate(over="ignore"):  # a difference below -1.8e308 becomes -inf, whose exp is the right 0
            unnormalised[support] = np.exp(np.log(prior[support]) + (likelihood[support] - top))
    else:
        top = np.max(likelihood[support])
        if top == 0:
            raise ValueError("likelihood is 0 for every hypothesis with positive prior, so P(data) = 0 and the "
                             "posterior is undefined; if the likelihoods are products of many probabilities "
                             "they may have underflowed: pass log-likelihoods with log_likelihood=True")
        ratio = np.where(support, likelihood, 0.0) / top  # (k,) in [0, 1] where the prior is positive
        unnormalised = prior * ratio  # (k,); the largest term is its prior
    return unnormalised / np.sum(unnormalised)  # divide by P(D) / top


def birthday_probability(n: int, days: int = 365) -> float:
    r"""Probability that among ``n`` people at least two share a birthday (``days`` equally likely days).

    Parameters
    ----------
    n : int
        Number of people, ``n >= 0``.
    days : int, default 365
        Number of equally likely birthdays, ``days >= 1``.

    Returns
    -------
    float
        :math:`1 - \prod_{k=0}^{n-1} (1 - k / \mathrm{days})`; 1.0 when ``n > days`` (pigeonhole).

    Raises
    ------
    ValueError
        If ``n`` is negative or ``days < 1``.
    TypeError
        If ``n`` or ``days`` is not an integer.

    Notes
    -----
    The product is accumulated as a sum of logarithms with ``log1p`` and the result is ``-expm1`` of it, so the
    small probabilities of small groups keep full relative accuracy (``1 - prod`` would cancel: for ``n = 2``
    it loses about three digits). Relative error at most a few ``n u``.

    See the derivation in ``probability_statistics/probability_basics/README.md``, section "Worked example".

    Examples
    --------
    >>> round(birthday_probability(23), 4)
    0.5073
    >>> math.isclose(birthday_probability(2), 1 / 365, rel_tol=4 * 2.0**-53)  # log1p, expm1: a few u
    True
    """
    n = check_nonnegative_int(n, "n")
    days = check_nonnegative_int(days, "days")
    if days < 1:
        raise ValueError(f"days must be >= 1, got {days}")
    if n > days:
        return 1.0
    log_no_match = math.fsum(math.log1p(-k / days) for k in range(n))  # log prod (1 - k / days)
    return 0.0 - math.expm1(log_no_match)  # 0.0 - (-0.0) = 0.0 for n <= 1


def _checked_trials(n_trials) -> int:
    n_trials = check_nonnegative_int(n_trials, "n_trials")
    if n_trials < 1:
        raise ValueError(f"n_trials must be >= 1, got {n_trials}")
    return n_trials


def _result(successes: np.ndarray) -> SimulationResult:
    p_hat = float(np.mean(successes))
    return SimulationResult(p_hat, math.sqrt(p_hat * (1.0 - p_hat) / successes.size), int(successes.size))


def simulate_birthday(n: int, n_trials: int, rng=None, days: int = 365) -> SimulationResult:
    r"""Monte Carlo estimate of the birthday probability: draw ``n`` birthdays ``n_trials`` times.

    Parameters
    ----------
    n : int
        Number of people, ``n >= 0``.
    n_trials : int
        Number of simulated groups, ``n_trials >= 1``.
    rng : None, int or numpy.random.Generator, optional
        Source of randomness, passed to ``np.random.default_rng``.
    days : int, default 365
        Number of equally likely birthdays, ``days >= 1``.

    Returns
    -------
    SimulationResult
        The fraction of groups with a shared birthday, its standard error and ``n_trials``.

    Raises
    ------
    ValueError
        If ``n`` is negative, ``n_trials < 1`` or ``days < 1``.
    TypeError
        If ``n``, ``n_trials`` or ``days`` is not an integer.

    Notes
    -----
    Each group is a row of ``n`` uniform integers in ``[0, days)``; after sorting the row, a shared birthday is
    two equal neighbours. Uses ``n_trials * n`` integers of memory.

    See the derivation in ``probability_statistics/probability_basics/README.md``, section "Worked example".

    Examples
    --------
    >>> result = simulate_birthday(23, 20_000, rng=0)
    >>> abs(result.estimate - birthday_probability(23)) < 4 * result.standard_error
    True
    """
    n = check_nonnegative_int(n, "n")
    n_trials = _checked_trials(n_trials)
    days = check_nonnegative_int(days, "days")
    if days < 1:
        raise ValueError(f"days must be >= 1, got {days}")
    rng = np.random.default_rng(rng)
    birthdays = np.sort(rng.integers(0, days, size=(n_trials, n)), axis=1)  # (n_trials, n)
    shared = np.any(birthdays[:, 1:] == birthdays[:, :-1], axis=1)  # (n_trials,) equal neighbours
    return _result(shared)


def simulate_monty_hall(n_trials: int, switch: bool, rng=None) -> SimulationResult:
    r"""Monte Carlo estimate of the probability of winning the car in the Monty Hall game.

    Three doors hide one car and two goats. The player picks a door; the host, who knows where the car is,
    opens another door with a goat (choosing at random when both other doors hide goats); the player then
    keeps the first choice (``switch=False``) or switches to the remaining closed door (``switch=True``).

    Parameters
    ----------
    n_trials : int
        Number of games, ``n_trials >= 1``.
    switch : bool
        The player's strategy.
    rng : None, int or numpy.random.Generator, optional
        Source of randomness, passed to ``np.random.default_rng``.

    Returns
    -------
    SimulationResult
        The fraction of games won, its standard error and ``n_trials``. The exact answers are 2/3 when
        switching and 1/3 when staying.

    Raises
    ------
    ValueError
        If ``n_trials < 1``.
    TypeError
        If ``n_trials`` is not an integer or ``switch`` is not a bool.

    Notes
    -----
    Doors are 0, 1, 2, so the door that is neither ``a`` nor ``b`` (for ``a != b``) is ``3 - a - b``. The host
    is simulated, not skipped: the game is played as described, and the simulation checks the reasoning
    instead of repeating it.

    See the derivation in ``probability_statistics/probability_basics/README.md``, section "Worked example".

    Examples
    --------
    >>> result = simulate_monty_hall(20_000, switch=True, rng=0)
    >>> abs(result.estimate - 2 / 3) < 4 * result.standard_error
    True
    """
    n_trials = _checked_trials(n_trials)
    if not isinstance(switch, bool | np.bool_):
        raise TypeError(f"switch must be True or False, got {type(switch).__name__}")
    rng = np.random.default_rng(rng)
    car = rng.integers(0, 3, size=n_trials)  # (n_trials,) door hiding the car
    pick = rng.integers(0, 3, size=n_trials)  # (n_trials,) player's first choice
    # The host opens a goat door other than the pick: forced (3 - pick - car) when the pick is a goat; one of
    # the two other doors at random when the pick is the car.
    offset = rng.integers(1, 3, size=n_trials)  # 1 or 2: which of the two other doors
    opened = np.where(pick == car, (pick + offset) % 3, 3 - pick - car)
    final = 3 - pick - opened if switch else pick  # the remaining closed door, or the first choice
    return _result(final == car)
