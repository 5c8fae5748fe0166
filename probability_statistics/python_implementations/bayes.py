r"""Bayesian updating: conjugate priors, posterior predictive, credible intervals, Gaussian naive Bayes.

A conjugate prior is one whose posterior stays in the same family, so that updating on data only changes a few
numbers: Beta(a, b) for a success probability, Gamma(shape, rate) for a Poisson rate, a normal prior for the mean
of normal data with known noise. Bayes' rule on a finite set of hypotheses is
:func:`probability_statistics.python_implementations.probability.bayes_posterior`.

See the derivations in ``probability_statistics/bayes_theorem/README.md``.
"""

from __future__ import annotations

import math

import numpy as np

from calculus.python_implementations.matrix_calculus import logsumexp

from ._validation import as_real_scalar, as_sample, check_nonnegative_int, check_positive, check_probability
from .descriptive import mean
from .special import log_gamma, regularized_incomplete_beta

__all__ = [
    "GaussianNaiveBayes",
    "beta_binomial_predictive",
    "beta_binomial_update",
    "beta_credible_interval",
    "gamma_poisson_update",
    "normal_known_variance_update",
]


# ----------------------------------------------------------------------------------------------------------------
# Conjugate updates
# ----------------------------------------------------------------------------------------------------------------


def beta_binomial_update(a, b, successes, trials) -> tuple[float, float]:
    r"""Posterior Beta(a + k, b + n - k) of a success probability after k successes in n trials.

    Parameters
    ----------
    a, b : float
        Parameters of the Beta(a, b) prior, both > 0 (``a = b = 1`` is the uniform prior).
    successes : int
        Number of successes :math:`k`, ``0 <= k <= trials``.
    trials : int
        Number of trials :math:`n >= 0`.

    Returns
    -------
    (float, float)
        The posterior parameters :math:`(a + k, b + n - k)`.

    Raises
    ------
    TypeError
        If ``successes`` or ``trials`` is not an integer.
    ValueError
        If ``a`` or ``b`` is not a finite number > 0, a count is negative, or ``successes > trials``.

    Notes
    -----
    Prior :math:`\propto p^{a-1}(1-p)^{b-1}` times likelihood :math:`\propto p^k (1-p)^{n-k}` is
    :math:`\propto p^{a+k-1}(1-p)^{b+n-k-1}`: the prior acts like :math:`a` earlier successes and :math:`b` earlier
    failures. See the derivation in ``probability_statistics/bayes_theorem/README.md``, section "Derivation".

    Examples
    --------
    >>> beta_binomial_update(1, 1, successes=7, trials=10)
    (8.0, 4.0)
    """
    a = check_positive(a, "a")
    b = check_positive(b, "b")
    k = check_nonnegative_int(successes, "successes")
    n = check_nonnegative_int(trials, "trials")
    if k > n:
        raise ValueError(f"successes must be <= trials, got successes={k} > trials={n}")
    return a + k, b + (n - k)


def gamma_poisson_update(shape, rate, counts) -> tuple[float, float]:
    r"""Posterior Gamma(shape + sum x, rate + n) of a Poisson rate after observing the counts x_1, ..., x_n.

    Parameters
    ----------
    shape, rate : float
        Parameters of the Gamma(shape, rate) prior (mean ``shape / rate``), both > 0.
    counts : array_like of shape (n,)
        Observed non-negative integer counts, n >= 1.

    Returns
    -------
    (float, float)
        The posterior parameters :math:`(\alpha + \sum_i x_i, \beta + n)`.

    Raises
    ------
    ValueError
        If ``shape`` or ``rate`` is not a finite number > 0, or ``counts`` is empty, holds NaN, inf, a negative or
        a non-integer value.

    Notes
    -----
    Prior :math:`\propto \lambda^{\alpha-1} e^{-\beta\lambda}` times likelihood
    :math:`\propto \lambda^{\sum x_i} e^{-n\lambda}`. See the derivation in
    ``probability_statistics/bayes_theorem/README.md``, section "Derivation".

    Examples
    --------
    >>> gamma_poisson_update(2.0, 1.0, [3, 5, 4])
    (14.0, 4.0)
    """
    shape = check_positive(shape, "shape")
    rate = check_positive(rate, "rate")
    x = as_sample(counts, "counts")
    if np.any(x < 0) or np.any(x != np.floor(x)):
        raise ValueError(f"counts must be non-negative integers, got min {x.min()} or a non-integer value")
    return shape + float(np.sum(x)), rate + x.size


def normal_known_variance_update(mu0, tau0, x, sigma) -> tuple[float, float]:
    r"""Posterior N(mu_n, tau_n^2) of a normal mean with prior N(mu0, tau0^2) and known noise sd sigma.

    Parameters
    ----------
    mu0 : float
        Prior mean of :math:`\mu`.
    tau0 : float
        Prior standard deviation of :math:`\mu`, > 0.
    x : array_like of shape (n,)
        Observations :math:`x_i \sim \mathcal{N}(\mu, \sigma^2)`, n >= 1.
    sigma : float
        Known standard deviation of the noise, > 0.

    Returns
    -------
    mu_n : float
        Posterior mean :math:`\mu_0 + w (\bar{x} - \mu_0)` with the weight
        :math:`w = n\tau_0^2 / (\sigma^2 + n\tau_0^2)` of the data.
    tau_n : float
        Posterior standard deviation, :math:`1/\tau_n^2 = 1/\tau_0^2 + n/\sigma^2` (precisions add).

    Raises
    ------
    TypeError
        If ``mu0``, ``tau0`` or ``sigma`` is not a real number.
    ValueError
        If ``tau0`` or ``sigma`` is not finite and > 0, or ``x`` is empty or holds NaN or inf.

    Notes
    -----
    The posterior mean is a precision-weighted average of the prior mean and the sample mean; it is computed as the
    prior mean moved a fraction :math:`w \in [0, 1]` of the way to :math:`\bar{x}`, which cannot overshoot
    :math:`\bar{x}` by more than the rounding error of the difference, about ``u max(|mu0|, |xbar|)``. Numerator
    and denominator of :math:`w` and :math:`\tau_n` are divided by the larger of :math:`\tau_0^2` and
    :math:`\sigma^2` first, so no square overflows. The posterior variance :math:`\tau_n^2 = \tau_0^2 \sigma^2 / (\sigma^2 + n\tau_0^2)` is
    below both :math:`\tau_0^2` and :math:`\sigma^2 / n`. See the derivation in
    ``probability_statistics/bayes_theorem/README.md``, section "Derivation".

    Examples
    --------
    >>> mu_n, tau_n = normal_known_variance_update(0.0, 1.0, [1.2, 0.8, 1.0, 1.4], sigma=1.0)
    >>> round(mu_n, 6), round(tau_n, 6)
    (0.88, 0.447214)
    """
    mu0 = as_real_scalar(mu0, "mu0")
    tau0 = check_positive(tau0, "tau0")
    sigma = check_positive(sigma, "sigma")
    x = as_sample(x, "x")
    n = x.size
    # w = n tau0^2 / (sigma^2 + n tau0^2) and tau_n = tau0 sigma / sqrt(sigma^2 + n tau0^2), each divided through
    # by the larger of tau0^2 and sigma^2 first, so that no square overflows (tau0 = 1e200 is a valid vague prior).
    if tau0 >= sigma:
        r = sigma / tau0  # <= 1
        w = n / (n + r * r)
        tau_n = sigma / math.sqrt(n + r * r)
    else:
        t = tau0 / sigma  # < 1
        w = n * t * t / (1.0 + n * t * t)
        tau_n = tau0 / math.sqrt(1.0 + n * t * t)
    mu_n = mu0 + w * (mean(x) - mu0)  # start at the prior mean, move the fraction w of the way to xbar
    return mu_n, tau_n


# ----------------------------------------------------------------------------------------------------------------
# Posterior predictive and credible intervals
# ----------------------------------------------------------------------------------------------------------------


def beta_binomial_predictive(a, b, m) -> np.ndarray:
    r"""Posterior predictive probabilities of 0, 1, ..., m successes in m new trials under a Beta(a, b) posterior.

    Parameters
    ----------
    a, b : float
        Parameters of the Beta(a, b) distribution of the success probability (prior or posterior), > 0.
    m : int
        Number of future trials, >= 0.

    Returns
    -------
    ndarray of shape (m + 1,)
        :math:`P(K = j) = \binom{m}{j} B(a + j, b + m - j) / B(a, b)` for :math:`j = 0, \dots, m`, the beta-binomial
        distribution. They sum to 1.

    Raises
    ------
    ValueError
        If ``a`` or ``b`` is not a finite number > 0, or ``m`` is negative.

    Notes
    -----
    The binomial probabilities averaged over the Beta distribution of :math:`p`:
    :math:`P(K = j) = \int_0^1 \binom{m}{j} p^j (1 - p)^{m - j} \mathrm{Beta}(p; a, b) dp`. Each term is evaluated
    in log space with ``log_gamma`` (``B(a, b) = Gamma(a) Gamma(b) / Gamma(a + b)``), so large ``m`` does not
    overflow. For ``m = 1`` it gives :math:`P(K = 1) = a / (a + b)`, the posterior mean. See the derivation in
    ``probability_statistics/bayes_theorem/README.md``, section "Derivation".

    Examples
    --------
    >>> np.round(beta_binomial_predictive(8.0, 4.0, 1), 6)
    array([0.333333, 0.666667])
    """
    a = check_positive(a, "a")
    b = check_positive(b, "b")
    m = check_nonnegative_int(m, "m")
    j = np.arange(m + 1, dtype=float)  # (m + 1,)
    log_binom = log_gamma(m + 1.0) - log_gamma(j + 1.0) - log_gamma(m - j + 1.0)
    log_beta_ratio = (log_gamma(a + j) + log_gamma(b + m - j) - log_gamma(a + b + m)
                      - (log_gamma(a) + log_gamma(b) - log_gamma(a + b)))
    return np.exp(np.atleast_1d(log_binom + log_beta_ratio))


def _beta_lower_quantile(p: float, a: float, b: float) -> float:
    r"""The smallest double ``x`` in [0, 1] with ``I_x(a, b) >= p``, by bisection on the doubles themselves.

    The non-negative doubles are ordered like their bit patterns read as integers, so bisecting the integers
    between the patterns of 0.0 and 1.0 halves the number of candidate doubles at each step: at most 63 steps reach
    the exact neighbour, and a quantile of 1e-200 gets full relative precision.
    """
    lo, hi = 0, int(np.float64(1.0).view(np.int64))
    while hi - lo > 1:
        mid = (lo + hi) // 2
        x = float(np.int64(mid).view(np.float64))
        if regularized_incomplete_beta(a, b, x) < p:
            lo = mid
        else:
            hi = mid
    return float(np.int64(hi).view(np.float64))


def beta_credible_interval(a, b, level: float = 0.95) -> tuple[float, float]:
    r"""Equal-tailed credible interval of a Beta(a, b) distribution.

    Parameters
    ----------
    a, b : float
        Parameters, > 0.
    level : float, default 0.95
        Probability inside the interval, in (0, 1).

    Returns
    -------
    (float, float)
        The quantiles at :math:`q` and :math:`1 - q` with the tail probability :math:`q = (1 -` ``level`` :math:`)/2`:
        the interval holds probability ``level``, with :math:`q` left out on each side.

    Raises
    ------
    ValueError
        If ``a`` or ``b`` is not a finite number > 0, or ``level`` is not strictly between 0 and 1.

    Notes
    -----
    Each quantile solves :math:`I_x(a, b) = q` with the regularized incomplete beta function of
    :mod:`probability_statistics.python_implementations.special`, by bisection (the cdf increases in :math:`x`).
    The upper quantile uses the symmetry :math:`I_x(a, b) = 1 - I_{1-x}(b, a)`: it is one minus the lower
    :math:`q` quantile of Beta(b, a), so both ends come from a small tail probability that keeps its relative
    accuracy (the upper end then carries the absolute error ``u`` of the final subtraction from 1). See the
    derivation in ``probability_statistics/bayes_theorem/README.md``, section "Derivation".

    Examples
    --------
    >>> lo, hi = beta_credible_interval(8.0, 4.0)
    >>> round(lo, 4), round(hi, 4)
    (0.3903, 0.8907)
    """
    a = check_positive(a, "a")
    b = check_positive(b, "b")
    level = check_probability(level, "level")
    if level in (0.0, 1.0):
        raise ValueError(f"level must be strictly between 0 and 1, got {level}")
    tail = 0.5 * (1.0 - level)
    return _beta_lower_quantile(tail, a, b), 1.0 - _beta_lower_quantile(tail, b, a)


# ----------------------------------------------------------------------------------------------------------------
# Gaussian naive Bayes
# ----------------------------------------------------------------------------------------------------------------


class GaussianNaiveBayes:
    r"""Gaussian naive Bayes classifier, the same model and numbers as scikit-learn's ``GaussianNB``.

    Each class :math:`c` has a prior :math:`\pi_c` (its frequency in the training labels) and, given the class,
    the features are independent normals :math:`\mathcal{N}(\theta_{cj}, \sigma^2_{cj})`. The prediction is the
    class with the largest posterior probability.

    Parameters
    ----------
    var_smoothing : float, default 1e-9
        The fraction of the largest feature variance (over the whole training set) added to every class variance,
        :math:`\epsilon = ` ``var_smoothing`` :math:`\cdot \max_j \mathrm{Var}(x_j)`: it keeps a feature that is
        constant within a class from giving a zero variance. >= 0.

    Attributes
    ----------
    classes_ : ndarray of shape (k,)
        The sorted distinct labels.
    class_count_ : ndarray of shape (k,)
        Number of training samples per class.
    class_prior_ : ndarray of shape (k,)
        :math:`\pi_c = n_c / n`.
    theta_ : ndarray of shape (k, d)
        Per-class feature means.
    var_ : ndarray of shape (k, d)
        Per-class feature variances (``ddof=0``) plus ``epsilon_``.
    epsilon_ : float
        The variance added, ``var_smoothing * max_j Var(x_j)``.

    Notes
    -----
    The joint log-likelihood of a sample :math:`\mathbf{x}` and class :math:`c` is

    .. math:: \log \pi_c - \tfrac12 \sum_j \log(2\pi\sigma^2_{cj}) - \tfrac12 \sum_j (x_j - \theta_{cj})^2 / \sigma^2_{cj},

    and the posterior is its softmax over the classes, normalised with
    :func:`calculus.python_implementations.matrix_calculus.logsumexp` so that nothing under- or overflows.
    See the derivation in ``probability_statistics/bayes_theorem/README.md``, section "Gaussian naive Bayes".

    Examples
    --------
    >>> X = np.array([[1.0, 2.0], [1.2, 1.8], [3.0, 4.0], [3.2, 4.4]])
    >>> model = GaussianNaiveBayes().fit(X, np.array([0, 0, 1, 1]))
    >>> model.predict(np.array([[1.1, 2.1], [3.1, 4.0]]))
    array([0, 1])
    >>> np.round(model.predict_proba(np.array([[2.0, 2.8]])), 4)
    array([[0.9909, 0.0091]])
    """

    def __init__(self, var_smoothing: float = 1e-9):
        var_smoothing = as_real_scalar(var_smoothing, "var_smoothing")
        if var_smoothing < 0:
            raise ValueError(f"var_smoothing must be >= 0, got {var_smoothing}")
        self.var_smoothing = var_smoothing

    def fit(self, X, y) -> GaussianNaiveBayes:
        """Estimate the class priors, means and variances from training data.

        Parameters
        ----------
        X : array_like of shape (n, d)
            Finite features, one row per sample.
        y : array_like of shape (n,)
            Class labels (numbers or strings).

        Returns
        -------
        GaussianNaiveBayes
            ``self``, fitted.

        Raises
        ------
        ValueError
            If ``X`` is not a non-empty finite 2-D array, ``y`` does not have one label per row, or a variance is
            zero after smoothing (every feature constant over the whole training set).

        Examples
        --------
        >>> model = GaussianNaiveBayes().fit([[0.0], [1.0], [5.0], [6.0]], ["a", "a", "b", "b"])
        >>> model.classes_.tolist(), model.theta_.ravel().tolist()
        (['a', 'b'], [0.5, 5.5])
        """
        X = self._check_X(X, fitted=False)
        y = np.asarray(y)
        if y.shape != (X.shape[0],):
            raise ValueError(f"y must have shape ({X.shape[0]},), one label per row of X, got shape {y.shape}")
        self.classes_, y_index = np.unique(y, return_inverse=True)
        k, d = self.classes_.size, X.shape[1]
        self.epsilon_ = self.var_smoothing * float(np.max(np.var(X, axis=0)))  # var_smoothing * max_j Var(x_j)
        self.theta_ = np.empty((k, d))
        self.var_ = np.empty((k, d))
        self.class_count_ = np.empty(k)
        for c in range(k):
            Xc = X[y_index == c]  # (n_c, d) the rows of class c
            self.theta_[c] = Xc.mean(axis=0)
            self.var_[c] = np.mean((Xc - self.theta_[c]) ** 2, axis=0) + self.epsilon_  # two-pass, ddof = 0
            self.class_count_[c] = Xc.shape[0]
        if np.any(self.var_ <= 0):
            raise ValueError("X has a feature with zero variance in a class and var_smoothing adds nothing (every "
                             "feature of X is constant, or var_smoothing = 0): the class densities are undefined")
        self.class_prior_ = self.class_count_ / X.shape[0]
        return self

    def _check_X(self, X, fitted: bool = True) -> np.ndarray:
        try:
            X = np.array(X, dtype=float, copy=True)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"X must be a 2-D array of real numbers: {exc}") from None
        if X.ndim != 2 or X.shape[0] == 0 or X.shape[1] == 0:
            raise ValueError(f"X must be a non-empty 2-D array of shape (n_samples, n_features), got shape {X.shape}")
        if not np.all(np.isfinite(X)):
            raise ValueError("X must contain only finite numbers (no NaN or inf)")
        if fitted:
            if not hasattr(self, "theta_"):
                raise ValueError("this GaussianNaiveBayes is not fitted yet: call fit(X, y) first")
            if X.shape[1] != self.theta_.shape[1]:
                raise ValueError(f"X must have {self.theta_.shape[1]} features like the training data, "
                                 f"got {X.shape[1]}")
        return X

    def _joint_log_likelihood(self, X: np.ndarray) -> np.ndarray:
        """log pi_c + log p(x | c) for every row of X and every class: shape (n, k)."""
        log_norm = -0.5 * np.sum(np.log(2.0 * np.pi * self.var_), axis=1)  # (k,)
        diff = X[:, None, :] - self.theta_[None, :, :]  # (n, 1, d) - (1, k, d) -> (n, k, d)
        quad = -0.5 * np.sum(diff**2 / self.var_[None, :, :], axis=2)  # (n, k)
        return np.log(self.class_prior_) + log_norm + quad  # (k,) + (k,) + (n, k) -> (n, k)

    def predict_log_proba(self, X) -> np.ndarray:
        r"""Log posterior probabilities :math:`\log P(c \mid \mathbf{x})`.

        Parameters
        ----------
        X : array_like of shape (n, d)

        Returns
        -------
        ndarray of shape (n, k)
            Columns in the order of ``classes_``.

        Raises
        ------
        ValueError
            If the model is not fitted, or ``X`` is not a finite 2-D array with the training number of features.

        Examples
        --------
        >>> model = GaussianNaiveBayes().fit([[0.0], [1.0], [5.0], [6.0]], [0, 0, 1, 1])
        >>> np.round(model.predict_log_proba([[3.0]]), 4)   # halfway: equal posteriors
        array([[-0.6931, -0.6931]])
        """
        jll = self._joint_log_likelihood(self._check_X(X))  # (n, k)
        log_evidence = np.array([logsumexp(row) for row in jll])  # (n,) log p(x) = log sum_c exp(jll_c)
        return jll - log_evidence[:, None]

    def predict_proba(self, X) -> np.ndarray:
        r"""Posterior probabilities :math:`P(c \mid \mathbf{x})`, rows summing to 1.

        Parameters
        ----------
        X : array_like of shape (n, d)

        Returns
        -------
        ndarray of shape (n, k)
            Columns in the order of ``classes_``.

        Raises
        ------
        ValueError
            If the model is not fitted, or ``X`` is not a finite 2-D array with the training number of features.

        Examples
        --------
        >>> model = GaussianNaiveBayes().fit([[0.0], [1.0], [5.0], [6.0]], [0, 0, 1, 1])
        >>> np.round(model.predict_proba([[0.5], [3.0]]), 4)
        array([[1. , 0. ],
               [0.5, 0.5]])
        """
        return np.exp(self.predict_log_proba(X))

    def predict(self, X) -> np.ndarray:
        r"""The most probable class of every row, :math:`\arg\max_c P(c \mid \mathbf{x})`.

        Parameters
        ----------
        X : array_like of shape (n, d)

        Returns
        -------
        ndarray of shape (n,)
            Labels from ``classes_`` (ties go to the first class, as in ``numpy.argmax``).

        Raises
        ------
        ValueError
            If the model is not fitted, or ``X`` is not a finite 2-D array with the training number of features.

        Examples
        --------
        >>> model = GaussianNaiveBayes().fit([[0.0], [1.0], [5.0], [6.0]], ["a", "a", "b", "b"])
        >>> model.predict([[0.2], [5.9]]).tolist()
        ['a', 'b']
        """
        jll = self._joint_log_likelihood(self._check_X(X))  # (n, k)
        return self.classes_[np.argmax(jll, axis=1)]
