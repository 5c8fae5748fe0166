r"""Gaussian mixtures fitted by the EM algorithm: E-step, M-step, log-likelihood and the monotone increase.

A mixture of :math:`K` Gaussians has the density
:math:`p(\mathbf{x} \mid \theta) = \sum_k \pi_k \mathcal{N}(\mathbf{x} \mid \boldsymbol{\mu}_k, \Sigma_k)`,
with weights :math:`\pi_k > 0` that sum to 1. EM alternates two closed-form steps: the E-step computes the
responsibilities :math:`r_{ik}`, the posterior probability that sample :math:`i` came from component :math:`k`
(Bayes' rule); the M-step refits each component by weighted maximum likelihood with these weights. Each
iteration cannot decrease the log-likelihood; :func:`em_gaussian_mixture` checks this after every step, with a
slack that covers the rounding and the regularisation ``reg_covar`` (see :func:`em_gaussian_mixture`, Notes).

Shapes: ``X`` is ``(n, d)`` (one sample per row), the weights ``(K,)``, the means ``(K, d)``, the covariances
``(K, d, d)``. The conventions are scikit-learn's ``GaussianMixture(covariance_type="full")``: the same M-step
(``reg_covar`` added to the diagonal, ``10 * eps`` added to each component's total responsibility), the same
stopping rule on the mean log-likelihood per sample, so that from the same initial parameters both follow the
same path up to rounding.

Log-densities come from :func:`probability_statistics.python_implementations.distributions.mvn_logpdf`
(Cholesky), the log of each mixture density from
:func:`calculus.python_implementations.matrix_calculus.logsumexp`.

See the derivation in ``projects/gaussian_mixture_em.ipynb``.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from calculus.python_implementations.matrix_calculus import logsumexp
from linear_algebra.python_implementations.cholesky import cholesky, cholesky_solve

from ._validation import as_probability_vector, as_real_scalar, check_nonnegative_int
from .distributions import mvn_logpdf

__all__ = [
    "MixtureResult",
    "e_step",
    "em_gaussian_mixture",
    "initial_parameters",
    "m_step",
    "mixture_log_likelihood",
]

_EPS = np.finfo(float).eps
_U = _EPS / 2  # unit roundoff u = 2^-53
# Rounding slack of the monotonicity check: a computed mean log-likelihood (1/n) sum_i log p(x_i) is off by at most
# about n u S, S = (1/n) sum_i |log p(x_i)| (summation bound gamma_n, plus the few roundings inside each term);
# two of them are compared, and c = 10 leaves a factor of about 5 to spare. See em_gaussian_mixture, Notes.
MONOTONE_ROUNDING_C = 10.0
# A row of responsibilities must sum to 1 up to this (rounding gives about K * max|log term| * u, far less).
_ROW_SUM_TOL = math.sqrt(_EPS)


class MixtureResult(NamedTuple):
    r"""The fitted mixture and the record of the EM iteration.

    Attributes
    ----------
    weights : ndarray of shape (K,)
        Mixture weights :math:`\pi_k`, positive, summing to 1.
    means : ndarray of shape (K, d)
        Component means :math:`\boldsymbol{\mu}_k` (one per row).
    covariances : ndarray of shape (K, d, d)
        Component covariances :math:`\Sigma_k`, ``reg_covar`` included.
    log_likelihood_path : ndarray of shape (n_iter + 1,)
        The mean log-likelihood per sample :math:`\ell(\theta^{(t)}) / n` at the initial parameters (``t = 0``)
        and after each M-step; the last entry belongs to the returned parameters.
    monotone_slack : ndarray of shape (n_iter,)
        The decrease allowed between consecutive entries of the path (rounding plus the regularisation bound);
        every step satisfied ``path[t + 1] >= path[t] - monotone_slack[t]``.
    n_iter : int
        Number of EM iterations (M-steps) performed.
    converged : bool
        Whether the stopping rule was met within ``max_iter`` iterations.
    """

    weights: np.ndarray
    means: np.ndarray
    covariances: np.ndarray
    log_likelihood_path: np.ndarray
    monotone_slack: np.ndarray
    n_iter: int
    converged: bool


# ---------------------------------------------------------------- input checks


def _as_data(X) -> np.ndarray:
    try:
        X = np.array(X, dtype=float, copy=True)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"X must be a 2-D array of real numbers, got {type(X).__name__}: {exc}") from None
    if X.ndim != 2 or X.shape[0] == 0 or X.shape[1] == 0:
        raise ValueError(f"X must be a non-empty 2-D array (n_samples, n_features), got shape {X.shape}")
    if not np.all(np.isfinite(X)):
        raise ValueError("X must contain only finite numbers (no NaN or inf)")
    return X


def _as_parameters(X, weights, means, covs, names=("weights", "means", "covs")):
    """Check (weights, means, covs) against X: shapes, finiteness, positive weights summing to 1, SPD covariances."""
    w_name, m_name, c_name = names
    n, d = X.shape
    pi = as_probability_vector(weights, w_name)  # (K,)
    K = pi.size
    if np.any(pi == 0):
        raise ValueError(f"{w_name} must be positive (log 0 = -inf), got {pi}")
    if K > n:
        raise ValueError(f"{w_name} defines K={K} components; K must be <= n_samples={n}")
    mu = np.array(means, dtype=float, copy=True)
    if mu.shape != (K, d) or not np.all(np.isfinite(mu)):
        raise ValueError(f"{m_name} must be finite of shape ({K}, {d}), got shape {mu.shape}")
    Sigma = np.array(covs, dtype=float, copy=True)
    if Sigma.shape != (K, d, d) or not np.all(np.isfinite(Sigma)):
        raise ValueError(f"{c_name} must be finite of shape ({K}, {d}, {d}), got shape {Sigma.shape}")
    for k in range(K):
        try:
            cholesky(Sigma[k])
        except (ValueError, np.linalg.LinAlgError) as exc:
            raise ValueError(f"{c_name}[{k}] must be symmetric positive definite: {exc}") from None
    return pi, mu, Sigma


def _as_responsibilities(R, n: int) -> np.ndarray:
    R = np.array(R, dtype=float, copy=True)
    if R.ndim != 2 or R.shape[0] != n or R.shape[1] == 0:
        raise ValueError(f"R must have shape ({n}, K) with K >= 1, got shape {R.shape}")
    if not np.all(np.isfinite(R)) or np.any(R < 0):
        raise ValueError("R must contain only finite non-negative numbers")
    gap = float(np.max(np.abs(R.sum(axis=1) - 1.0)))
    if gap > _ROW_SUM_TOL:
        raise ValueError(f"every row of R must sum to 1 (within sqrt(eps)), got a row sum off by {gap:.3g}")
    return R


def _check_nonnegative_real(value, name: str) -> float:
    value = as_real_scalar(value, name)
    if value < 0:
        raise ValueError(f"{name} must be >= 0, got {value}")
    return value


# ---------------------------------------------------------------- the two steps


def _weighted_log_densities(X, pi, mu, Sigma) -> np.ndarray:
    """``A[i, k] = log pi_k + log N(x_i | mu_k, Sigma_k)``, shape (n, K)."""
    K = pi.size
    A = np.empty((X.shape[0], K))
    for k in range(K):
        try:
            A[:, k] = np.log(pi[k]) + mvn_logpdf(X, mu[k], Sigma[k])  # (n,)
        except ValueError as exc:
            raise ValueError(
                f"component {k} has a covariance that is not positive definite (a collapsed component: "
                f"increase reg_covar or change the initial parameters): {exc}"
            ) from None
    return A


def _e_step(X, pi, mu, Sigma) -> tuple[np.ndarray, np.ndarray]:
    A = _weighted_log_densities(X, pi, mu, Sigma)  # (n, K) log of pi_k N(x_i | mu_k, Sigma_k)
    log_p = logsumexp(A, axis=1)  # (n, K) -> (n,) log p(x_i) = log sum_k exp(A[i, k]), row by row
    R = np.exp(A - log_p[:, None])  # (n, K) r_ik = pi_k N_ik / p(x_i), computed in log space
    return R, log_p


def _m_step(X, R, reg_covar: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    d = X.shape[1]
    N = R.sum(axis=0) + 10 * _EPS  # (K,) effective number of samples per component (+10 eps: never 0)
    pi = N / N.sum()  # (K,) pi_k = N_k / n
    mu = (R.T @ X) / N[:, None]  # (K, n) @ (n, d) -> (K, d) mu_k = sum_i r_ik x_i / N_k
    Sigma = np.empty((N.size, d, d))
    for k in range(N.size):
        D = X - mu[k]  # (n, d) rows x_i - mu_k
        Sigma[k] = (R[:, k] * D.T) @ D / N[k]  # (d, n) @ (n, d) -> (d, d) sum_i r_ik (x_i - mu_k)(x_i - mu_k)^T / N_k
        Sigma[k].flat[:: d + 1] += reg_covar  # + reg_covar I
    return pi, mu, Sigma, N


def e_step(X, weights, means, covs) -> tuple[np.ndarray, np.ndarray]:
    r"""E-step: the responsibilities :math:`r_{ik}` and the log-density :math:`\log p(\mathbf{x}_i \mid \theta)`.

    Parameters
    ----------
    X : array_like of shape (n, d)
        Finite data, one sample per row.
    weights : array_like of shape (K,)
        Positive mixture weights summing to 1.
    means : array_like of shape (K, d)
        Component means, one per row.
    covs : array_like of shape (K, d, d)
        Symmetric positive definite component covariances.

    Returns
    -------
    R : ndarray of shape (n, K)
        :math:`r_{ik} = \pi_k \mathcal{N}(\mathbf{x}_i \mid \boldsymbol{\mu}_k, \Sigma_k) / p(\mathbf{x}_i \mid
        \theta)`; every row sums to 1.
    log_p : ndarray of shape (n,)
        :math:`\log p(\mathbf{x}_i \mid \theta)`; their sum is the log-likelihood :math:`\ell(\theta)`.

    Raises
    ------
    ValueError
        If ``X`` is not a finite 2-D array, the weights are not positive and summing to 1, the shapes disagree,
        ``K > n``, or a covariance is not symmetric positive definite (the message names the component).

    Notes
    -----
    Everything stays in log space: :math:`a_{ik} = \log \pi_k + \log \mathcal{N}(\cdot)`,
    :math:`\log p(\mathbf{x}_i) = \mathrm{lse}_k(a_{ik})` and :math:`r_{ik} = e^{a_{ik} - \log p(\mathbf{x}_i)}`.
    A sample far from every component has densities that underflow to 0 in linear space (``exp(-800)``), but its
    responsibilities are still exact.

    See the derivation in ``projects/gaussian_mixture_em.ipynb``, section "The E-step".

    Examples
    --------
    >>> X = [[0.0], [1.0], [10.0]]
    >>> R, log_p = e_step(X, [0.5, 0.5], [[0.0], [10.0]], [[[1.0]], [[1.0]]])
    >>> np.round(R, 4)
    array([[1., 0.],
           [1., 0.],
           [0., 1.]])
    >>> round(float(log_p[0]), 4)   # log(0.5 * N(0 | 0, 1)) = log 0.5 - log(2 pi) / 2
    -1.6121
    """
    X = _as_data(X)
    pi, mu, Sigma = _as_parameters(X, weights, means, covs)
    return _e_step(X, pi, mu, Sigma)


def m_step(X, R, reg_covar=1e-6) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""M-step: weighted maximum-likelihood weights, means and covariances from the responsibilities.

    Parameters
    ----------
    X : array_like of shape (n, d)
        Finite data, one sample per row.
    R : array_like of shape (n, K)
        Non-negative responsibilities whose rows sum to 1 (within ``sqrt(eps)``); hard assignments (one-hot rows)
        are allowed.
    reg_covar : float, default 1e-6
        Added to the diagonal of every covariance, >= 0 (scikit-learn's ``reg_covar``).

    Returns
    -------
    weights : ndarray of shape (K,)
        :math:`\pi_k = N_k / \sum_j N_j` with :math:`N_k = \sum_i r_{ik} + 10\,\epsilon_{\mathrm{mach}}`.
    means : ndarray of shape (K, d)
        :math:`\boldsymbol{\mu}_k = \sum_i r_{ik} \mathbf{x}_i / N_k`.
    covs : ndarray of shape (K, d, d)
        :math:`\Sigma_k = \sum_i r_{ik} (\mathbf{x}_i - \boldsymbol{\mu}_k)(\mathbf{x}_i - \boldsymbol{\mu}_k)^\top
        / N_k + \mathrm{reg\_covar}\, I_d`.

    Raises
    ------
    ValueError
        If ``X`` or ``R`` is not finite, the shapes disagree, ``R`` has a negative entry or a row that does not
        sum to 1, or ``reg_covar`` is negative.

    Notes
    -----
    Without ``reg_covar`` (and the ``10 eps``, which only keeps an empty component from dividing by zero) these
    are the maximisers of the expected complete-data log-likelihood for fixed responsibilities: a weighted MLE of
    each Gaussian, with the weights :math:`\pi_k` from a Lagrange multiplier. The covariance uses the divisor
    :math:`N_k` (the MLE), not :math:`N_k - 1`. A component with fewer than ``d + 1`` samples of weight has a
    singular covariance; ``reg_covar > 0`` keeps it positive definite.

    See the derivation in ``projects/gaussian_mixture_em.ipynb``, section "The M-step".

    Examples
    --------
    >>> X = [[0.0], [2.0], [10.0], [12.0]]
    >>> R = [[1.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.0, 1.0]]   # hard assignments
    >>> weights, means, covs = m_step(X, R, reg_covar=0.0)
    >>> np.round(weights, 12), means.ravel(), covs.ravel()
    (array([0.5, 0.5]), array([ 1., 11.]), array([1., 1.]))
    """
    X = _as_data(X)
    R = _as_responsibilities(R, X.shape[0])
    reg_covar = _check_nonnegative_real(reg_covar, "reg_covar")
    pi, mu, Sigma, _ = _m_step(X, R, reg_covar)
    return pi, mu, Sigma


def mixture_log_likelihood(X, weights, means, covs) -> float:
    r"""The log-likelihood :math:`\ell(\theta) = \sum_i \log \sum_k \pi_k \mathcal{N}(\mathbf{x}_i \mid
    \boldsymbol{\mu}_k, \Sigma_k)` of the data.

    Parameters
    ----------
    X : array_like of shape (n, d)
        Finite data, one sample per row.
    weights, means, covs : array_like
        The mixture, as in :func:`e_step`.

    Returns
    -------
    float
        The total log-likelihood (a sum over the samples). scikit-learn's ``score`` and the
        ``log_likelihood_path`` of :func:`em_gaussian_mixture` report the mean, :math:`\ell(\theta) / n`.

    Raises
    ------
    ValueError
        As :func:`e_step`.

    Notes
    -----
    Each term is a log-sum-exp of :math:`\log \pi_k + \log \mathcal{N}(\cdot)`, so nothing under- or overflows.

    See the derivation in ``projects/gaussian_mixture_em.ipynb``, section "The log-likelihood of a mixture".

    Examples
    --------
    >>> ll = mixture_log_likelihood([[0.0], [0.0]], [1.0], [[0.0]], [[[1.0]]])
    >>> round(ll, 6) == round(-math.log(2 * math.pi), 6)     # two samples, each log N(0 | 0, 1)
    True
    """
    _, log_p = e_step(X, weights, means, covs)
    return float(np.sum(log_p))


def initial_parameters(X, n_components, rng=None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""Starting parameters for EM: ``n_components`` distinct random samples as means, a shared diagonal covariance.

    Parameters
    ----------
    X : array_like of shape (n, d)
        Finite data, one sample per row, no constant column.
    n_components : int
        Number of components :math:`K`, between 1 and ``n``.
    rng : None, int or numpy.random.Generator
        Source of randomness (which rows become the means).

    Returns
    -------
    weights : ndarray of shape (K,)
        All equal to :math:`1 / K`.
    means : ndarray of shape (K, d)
        :math:`K` rows of ``X`` drawn without replacement.
    covs : ndarray of shape (K, d, d)
        Each :math:`\mathrm{diag}(s_1^2, \dots, s_d^2)`, the per-feature variances of ``X`` (divisor ``n``).

    Raises
    ------
    ValueError
        If ``X`` is not a finite 2-D array, ``n_components`` is not in ``[1, n]``, or a column of ``X`` is constant
        (its variance 0 would make the covariance singular).

    Notes
    -----
    EM only finds a local maximum of the likelihood, and which one depends on the start: run it from several
    starts and keep the largest log-likelihood.

    See the derivation in ``projects/gaussian_mixture_em.ipynb``, section "Local maxima".

    Examples
    --------
    >>> weights, means, covs = initial_parameters([[0.0, 1.0], [2.0, 3.0], [4.0, 8.0]], 2, rng=0)
    >>> weights, means.shape, covs[0]
    (array([0.5, 0.5]), (2, 2), array([[2.66666667, 0.        ],
           [0.        , 8.66666667]]))
    """
    X = _as_data(X)
    n, d = X.shape
    K = check_nonnegative_int(n_components, "n_components")
    if not 1 <= K <= n:
        raise ValueError(f"n_components must be between 1 and n_samples={n}, got {K}")
    variances = X.var(axis=0)  # (d,) per-feature variances, divisor n
    if np.any(variances == 0):
        raise ValueError(f"X must have no constant column, got zero variance in columns {np.flatnonzero(variances == 0)}")
    rng = np.random.default_rng(rng)
    rows = rng.choice(n, size=K, replace=False)  # (K,) distinct sample indices
    weights = np.full(K, 1.0 / K)
    means = X[rows].copy()  # (K, d)
    covs = np.broadcast_to(np.diag(variances), (K, d, d)).copy()  # (K, d, d)
    return weights, means, covs


# ---------------------------------------------------------------- the EM loop


def _regularisation_allowance(N, Sigma, reg_covar: float, n: int) -> float:
    r"""Bound on how much the ``reg_covar`` shift can cost the log-likelihood per sample in one M-step.

    The exact maximiser is :math:`S_k`; the step uses :math:`\Sigma_k = S_k + \lambda I`. The loss in the expected
    complete-data log-likelihood is :math:`\frac{N_k}{2} \sum_i g(y_i)` with :math:`y_i = \lambda / \sigma_i`
    (:math:`\sigma_i` the eigenvalues of :math:`\Sigma_k`) and :math:`g(y) = -\log(1 - y) - y \le y^2 / (2(1 - y))`;
    with :math:`\eta_k = \lambda \lVert \Sigma_k^{-1} \rVert_F \ge \max_i y_i` it is at most
    :math:`N_k \eta_k^2 / (4 (1 - \eta_k))`. Infinite (no guarantee) when some :math:`\eta_k \ge 1`.
    """
    if reg_covar == 0.0:
        return 0.0
    d = Sigma.shape[1]
    total = 0.0
    for k in range(N.size):
        try:
            Sigma_inv = cholesky_solve(cholesky(Sigma[k]), np.eye(d))  # (d, d)
        except (ValueError, np.linalg.LinAlgError):
            return math.inf  # not positive definite: the next E-step reports the collapsed component
        eta = reg_covar * float(np.sqrt(np.sum(Sigma_inv**2)))  # lambda ||Sigma_k^{-1}||_F
        if eta >= 1.0:
            return math.inf
        total += N[k] * eta**2 / (4.0 * (1.0 - eta))
    return total / n


def em_gaussian_mixture(X, weights0, means0, covs0, tol=1e-3, max_iter=100, reg_covar=1e-6) -> MixtureResult:
    r"""Fit a Gaussian mixture by the EM algorithm from given initial parameters.

    Parameters
    ----------
    X : array_like of shape (n, d)
        Finite data, one sample per row.
    weights0 : array_like of shape (K,)
        Initial positive weights summing to 1; ``K <= n``.
    means0 : array_like of shape (K, d)
        Initial means.
    covs0 : array_like of shape (K, d, d)
        Initial covariances, symmetric positive definite.
    tol : float, default 1e-3
        Stop when the mean log-likelihood per sample changed by less than ``tol`` (>= 0) in one iteration.
    max_iter : int, default 100
        Largest number of iterations (>= 0; 0 returns the initial parameters).
    reg_covar : float, default 1e-6
        Added to the diagonal of every covariance in the M-step (>= 0).

    Returns
    -------
    MixtureResult
        ``weights``, ``means``, ``covariances``, ``log_likelihood_path`` (mean log-likelihood per sample after
        0, 1, ..., ``n_iter`` M-steps), ``monotone_slack``, ``n_iter`` and ``converged``.

    Raises
    ------
    ValueError
        For bad input (as :func:`e_step`, plus ``tol``, ``max_iter`` or ``reg_covar`` out of range), or when a
        component collapses during the iteration so that its covariance is no longer positive definite.
    RuntimeError
        If the log-likelihood ever decreases by more than the slack that rounding and ``reg_covar`` allow: the
        theorem says it cannot, so this signals a bug or a numerically hopeless problem.

    Notes
    -----
    Iteration ``t`` is an E-step at :math:`\theta^{(t-1)}`, which also yields :math:`\ell(\theta^{(t-1)}) / n`,
    then an M-step to :math:`\theta^{(t)}`. The loop stops after the first iteration whose E-step found a change
    below ``tol`` since the previous one; one final E-step gives the last entry of the path. This is exactly
    scikit-learn's order and rule: its ``lower_bounds_`` are ``log_likelihood_path[:-1]``, its ``n_iter_`` is
    ``n_iter`` and its ``score(X)`` is ``log_likelihood_path[-1]``.

    **Monotone increase, checked.** With ``reg_covar = 0`` each EM step satisfies
    :math:`\ell(\theta^{(t)}) \ge \ell(\theta^{(t-1)})` (Jensen's inequality; proved in the notebook). In floating
    point each computed mean log-likelihood is off by at most about :math:`n u S` with
    :math:`S = \frac{1}{n} \sum_i \lvert \log p(\mathbf{x}_i) \rvert` (the summation bound :math:`\gamma_n`;
    the few roundings inside each term are of the same order for well-conditioned covariances), so the check allows
    ``MONOTONE_ROUNDING_C * n * u * S`` with :math:`c = 10` (two computed values compared, a factor of about 5 to
    spare). With ``reg_covar = lambda > 0`` the M-step is no longer the exact maximiser and the likelihood can
    really decrease (by about 1e-11 per sample on the iris data with ``lambda = 1e-6``); the check adds the bound
    :math:`\frac{1}{n} \sum_k N_k \eta_k^2 / (4 (1 - \eta_k))`, :math:`\eta_k = \lambda \lVert \Sigma_k^{-1}
    \rVert_F`, derived in the notebook. Both parts are returned in ``monotone_slack``.

    See the derivation in ``projects/gaussian_mixture_em.ipynb``, sections "The E-step", "The M-step" and
    "Why the log-likelihood never decreases".

    Examples
    --------
    >>> X = np.array([[0.0], [0.5], [1.0], [9.0], [9.5], [10.0]])
    >>> fit = em_gaussian_mixture(X, [0.5, 0.5], [[1.0], [8.0]], [[[1.0]], [[1.0]]], tol=1e-10)
    >>> fit.converged, np.round(fit.weights, 6), np.round(fit.means.ravel(), 6)
    (True, array([0.5, 0.5]), array([0.5, 9.5]))
    >>> bool(np.all(np.diff(fit.log_likelihood_path) >= -fit.monotone_slack))
    True
    """
    X = _as_data(X)
    pi, mu, Sigma = _as_parameters(X, weights0, means0, covs0, names=("weights0", "means0", "covs0"))
    tol = _check_nonnegative_real(tol, "tol")
    max_iter = check_nonnegative_int(max_iter, "max_iter")
    reg_covar = _check_nonnegative_real(reg_covar, "reg_covar")
    n = X.shape[0]

    path, scales = [], []  # mean log-likelihoods l(theta_t) / n and their scales S_t = mean |log p(x_i)|
    allowances, slack = [], []  # reg_covar bound of each M-step; the total decrease allowed at each step

    def record(log_p: np.ndarray) -> None:
        path.append(float(np.mean(log_p)))
        scales.append(float(np.mean(np.abs(log_p))))
        if len(path) >= 2:  # the theorem: l(theta_t) >= l(theta_{t-1}), up to rounding and the reg_covar bound
            slack.append(allowances[-1] + MONOTONE_ROUNDING_C * n * _U * max(scales[-1], scales[-2]))
            if path[-1] < path[-2] - slack[-1]:
                raise RuntimeError(
                    f"EM decreased the mean log-likelihood from {path[-2]!r} to {path[-1]!r} at iteration "
                    f"{len(path) - 1}, more than the allowed slack {slack[-1]:.3g}"
                )

    converged = False
    n_iter = 0
    while n_iter < max_iter and not converged:
        n_iter += 1
        R, log_p = _e_step(X, pi, mu, Sigma)  # E-step at theta^(t-1), t = n_iter; gives l(theta^(t-1)) / n
        record(log_p)
        pi, mu, Sigma, N = _m_step(X, R, reg_covar)  # M-step: theta^(t)
        allowances.append(_regularisation_allowance(N, Sigma, reg_covar, n))
        converged = len(path) >= 2 and abs(path[-1] - path[-2]) < tol  # scikit-learn's rule
    _, log_p = _e_step(X, pi, mu, Sigma)  # the log-likelihood of the returned parameters
    record(log_p)
    return MixtureResult(
        weights=pi,
        means=mu,
        covariances=Sigma,
        log_likelihood_path=np.array(path),
        monotone_slack=np.array(slack),
        n_iter=n_iter,
        converged=converged,
    )
