r"""Information theory: entropy, cross-entropy, KL and Jensen-Shannon divergences, mutual information, codes.

Discrete distributions are 1-D arrays ``p`` of non-negative entries that sum to 1 (a joint distribution of two
variables is a 2-D array ``joint[x, y]``). Every quantity is computed in nats, with the natural logarithm, and then
divided by :math:`\log b` for the requested base :math:`b`: ``base=2`` gives bits (the default), ``base=np.e``
nats. (A base below 1 is allowed and flips every sign, since :math:`\log b < 0`; the statements "non-negative"
below are for bases above 1.) Quantities that are non-negative in exact arithmetic are clipped at 0 in nats, before
the change of base: rounding can leave a sum of terms of both signs a few :math:`u` below 0. The conventions of the chapter hold throughout: :math:`0 \log 0 = 0` (an impossible outcome contributes
nothing), and the KL divergence is ``inf`` where :math:`q_i = 0 < p_i`.

A distribution is accepted when its entries are finite and non-negative and their sum differs from 1 by at most
:math:`n \epsilon_{\mathrm{mach}}` (``n`` entries, ``eps = 2.2e-16``), the rounding of a sum of ``n`` terms; divide
counts by their total before passing them in.

See the derivations in ``advanced_topics/information_theory/README.md``.
"""

from __future__ import annotations

import heapq
import math
import numbers

import numpy as np

from calculus.python_implementations._validation import as_point
from linear_algebra.python_implementations.cholesky import cholesky
from linear_algebra.python_implementations.matrices import forward_substitution
from probability_statistics.python_implementations._validation import as_probability_vector

__all__ = [
    "conditional_entropy",
    "cross_entropy",
    "entropy",
    "huffman_code_lengths",
    "information_gain",
    "js_divergence",
    "kl_divergence",
    "kl_gaussians",
    "mutual_information",
]

# ----------------------------------------------------------------------------------------------------------------
# Input checks
# ----------------------------------------------------------------------------------------------------------------


def _log_base(base) -> float:
    """``log(base)``, the divisor that turns nats into units of ``base``; ValueError unless base > 0, != 1."""
    if isinstance(base, bool) or not isinstance(base, numbers.Real | np.floating | np.integer):
        raise ValueError(f"base must be a real number > 0 and != 1 (2 for bits, e for nats), got {base!r}")
    b = float(base)
    if not (math.isfinite(b) and b > 0.0 and b != 1.0):
        raise ValueError(f"base must be a finite number > 0 and != 1 (2 for bits, e for nats), got {b!r}")
    return math.log(b)


def _to_base(nats: float, base) -> float:
    """A quantity that is >= 0 in exact arithmetic, from nats to units of ``base``.

    Rounding can leave a sum of terms of both signs a few u below 0: it is clipped at 0 first (a NaN would pass
    through, not become 0). Adding +0.0 at the end turns -0.0 (minus a sum of zero terms, or 0 / log b for b < 1)
    into +0.0; any other value is unchanged.
    """
    return (0.0 if nats < 0.0 else nats) / _log_base(base) + 0.0


def _pair(p, q) -> tuple[np.ndarray, np.ndarray]:
    """Two probability vectors of the same length."""
    p = as_probability_vector(p, "p")
    q = as_probability_vector(q, "q")
    if p.shape != q.shape:
        raise ValueError(f"p and q must have the same shape (one probability per outcome), got {p.shape} and {q.shape}")
    return p, q


def _joint(joint) -> np.ndarray:
    """A 2-D array ``joint[x, y]`` of non-negative entries summing to 1."""
    try:
        P = np.array(joint, dtype=float, copy=True)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"joint must be a 2-D array of probabilities, got {type(joint).__name__}: {exc}") from None
    if P.ndim != 2 or P.size == 0:
        raise ValueError(f"joint must be a non-empty 2-D array joint[x, y], got shape {P.shape}")
    as_probability_vector(P.ravel(), "joint")  # finite, >= 0, sum 1 within (m k) eps; raises naming 'joint'
    return P


# ----------------------------------------------------------------------------------------------------------------
# Sums of p log(...) with the conventions 0 log 0 = 0 and p log(p / 0) = inf
# ----------------------------------------------------------------------------------------------------------------


def _entropy_nats(p: np.ndarray) -> float:
    """-sum p_i log p_i over the p_i > 0 (0 log 0 = 0), in nats; every term is >= 0."""
    p = p[p > 0]
    return float(-np.sum(p * np.log(p)))


def _kl_nats(p: np.ndarray, q: np.ndarray) -> float:
    """sum p_i log(p_i / q_i) over the p_i > 0, in nats; inf if some q_i = 0 < p_i."""
    support = p > 0  # terms with p_i = 0 are 0, whatever q_i is
    p, q = p[support], q[support]
    if np.any(q == 0):
        return math.inf
    with np.errstate(over="ignore", under="ignore"):
        ratio = p / q  # (s,) one rounding: log(p/q) has an absolute error of about u
    # p / q over- or underflows only for subnormal p or q (below 1e-308): there, the difference of logarithms
    ok = np.isfinite(ratio) & (ratio > 0)
    log_ratio = np.where(ok, np.log(np.where(ok, ratio, 1.0)), np.log(p) - np.log(q))  # (s,)
    return float(np.sum(p * log_ratio))


# ----------------------------------------------------------------------------------------------------------------
# Entropy, cross-entropy, divergences
# ----------------------------------------------------------------------------------------------------------------


def entropy(p, base=2) -> float:
    r"""Shannon entropy :math:`H(p) = -\sum_i p_i \log p_i` of a discrete distribution.

    Parameters
    ----------
    p : array_like of shape (n,)
        Probabilities: finite, non-negative, summing to 1 within ``n * eps``.
    base : float, default 2
        Base of the logarithm: 2 gives bits, ``np.e`` nats; any finite base > 0 and != 1.

    Returns
    -------
    float
        :math:`H(p) \ge 0`, with :math:`0 \log 0 = 0`; at most :math:`\log n` (the uniform distribution).

    Raises
    ------
    ValueError
        If ``p`` is empty, not 1-D, holds NaN, inf or a negative entry, or does not sum to 1 within ``n * eps``;
        if ``base`` is not a finite number > 0 and != 1.

    Notes
    -----
    Every term :math:`-p_i \log p_i` is :math:`\ge 0`, so the sum has no cancellation: the result is accurate to a
    few units of roundoff relative to itself. It is never below 0 (an entry rounded just above 1 is clipped).

    See the derivation in ``advanced_topics/information_theory/README.md``, section "Definitions".

    Examples
    --------
    >>> entropy([0.5, 0.5])                      # a fair coin: one bit
    1.0
    >>> round(entropy([0.5, 0.25, 0.25, 0.0]), 6)   # 0 log 0 = 0
    1.5
    >>> round(entropy([0.5, 0.5], base=np.e), 6)   # log 2 nats
    0.693147
    """
    p = as_probability_vector(p, "p")
    return _to_base(_entropy_nats(p), base)


def cross_entropy(p, q, base=2) -> float:
    r"""Cross-entropy :math:`H(p, q) = -\sum_i p_i \log q_i`: the average code length under ``q`` of data from ``p``.

    Parameters
    ----------
    p : array_like of shape (n,)
        The distribution the data come from (the labels).
    q : array_like of shape (n,)
        The model's distribution (the predicted probabilities).
    base : float, default 2
        Base of the logarithm (2: bits, ``np.e``: nats).

    Returns
    -------
    float
        :math:`H(p, q) = H(p) + D_{\mathrm{KL}}(p \parallel q) \ge H(p)`; ``inf`` if some :math:`q_i = 0 < p_i`.

    Raises
    ------
    ValueError
        If ``p`` or ``q`` is not a probability vector (as in :func:`entropy`) or their shapes differ; if ``base``
        is invalid.

    Notes
    -----
    Terms with :math:`p_i = 0` are 0 even where :math:`q_i = 0`. With a one-hot ``p`` (the label ``y``) the
    cross-entropy is :math:`-\log q_y`, the negative log-likelihood of the label under the model.

    See the derivation in ``advanced_topics/information_theory/README.md``, section "Cross-entropy is the negative
    log-likelihood".

    Examples
    --------
    >>> cross_entropy([0.8, 0.2], [0.5, 0.5])     # a fair-coin code for a biased coin: 1 bit per toss
    1.0
    >>> round(cross_entropy([0.0, 1.0, 0.0], [0.2, 0.7, 0.1], base=np.e), 6)   # -log 0.7
    0.356675
    >>> cross_entropy([0.5, 0.5], [1.0, 0.0])
    inf
    """
    p, q = _pair(p, q)
    support = p > 0
    if np.any(q[support] == 0):
        return math.inf
    return _to_base(float(-np.sum(p[support] * np.log(q[support]))), base)


def kl_divergence(p, q, base=2) -> float:
    r"""Kullback-Leibler divergence :math:`D_{\mathrm{KL}}(p \parallel q) = \sum_i p_i \log(p_i / q_i)`.

    Parameters
    ----------
    p, q : array_like of shape (n,)
        Probability vectors of the same length. The order matters: the divergence is not symmetric.
    base : float, default 2
        Base of the logarithm (2: bits, ``np.e``: nats).

    Returns
    -------
    float
        :math:`D_{\mathrm{KL}}(p \parallel q) \ge 0` (Gibbs' inequality), 0 exactly when ``p == q``; ``inf`` if
        some :math:`q_i = 0 < p_i`.

    Raises
    ------
    ValueError
        If ``p`` or ``q`` is not a probability vector or their shapes differ; if ``base`` is invalid.

    Notes
    -----
    Each term is computed as :math:`p_i \log(p_i / q_i)`: one rounding in the ratio, so an absolute error of about
    :math:`u` per term, also when :math:`p \approx q` and the divergence is small (the difference
    :math:`\log p_i - \log q_i` would lose :math:`u \vert \log p_i \vert`). Where the ratio would over- or
    underflow (subnormal entries), the difference of logarithms is used. The terms have both signs; rounding can
    leave a sum of a few :math:`-u`, which is returned as 0 (the exact value is :math:`\ge 0`).

    See the derivation in ``advanced_topics/information_theory/README.md``, section "Gibbs' inequality".

    Examples
    --------
    >>> round(kl_divergence([0.8, 0.2], [0.5, 0.5]), 4)
    0.2781
    >>> round(kl_divergence([0.5, 0.5], [0.8, 0.2]), 4)    # not symmetric
    0.3219
    >>> kl_divergence([0.5, 0.5], [1.0, 0.0])               # q misses an outcome p can produce
    inf
    """
    p, q = _pair(p, q)
    return _to_base(_kl_nats(p, q), base)


def js_divergence(p, q, base=2) -> float:
    r"""Jensen-Shannon divergence :math:`\frac{1}{2} D_{\mathrm{KL}}(p \parallel m) + \frac{1}{2} D_{\mathrm{KL}}(q \parallel m)`, :math:`m = \frac{1}{2}(p + q)`.

    Parameters
    ----------
    p, q : array_like of shape (n,)
        Probability vectors of the same length.
    base : float, default 2
        Base of the logarithm (2: bits, ``np.e``: nats).

    Returns
    -------
    float
        Symmetric, always finite, between 0 (``p == q``) and :math:`\log 2` (1 bit; disjoint supports).

    Raises
    ------
    ValueError
        If ``p`` or ``q`` is not a probability vector or their shapes differ; if ``base`` is invalid.

    Notes
    -----
    The ratio :math:`p_i / m_i` is computed as :math:`2 p_i / (p_i + q_i)`, at most 2: halving the smallest
    subnormal number would round it to 0 and make a term infinite. Its square root is a metric
    (``scipy.spatial.distance.jensenshannon`` returns the square root).

    See the derivation in ``advanced_topics/information_theory/README.md``, section "Jensen-Shannon divergence".

    Examples
    --------
    >>> js_divergence([1.0, 0.0], [0.0, 1.0])    # disjoint supports: one bit
    1.0
    >>> round(js_divergence([0.8, 0.2], [0.5, 0.5]), 4)
    0.0731
    """
    p, q = _pair(p, q)
    s = p + q  # (n,) 2 m, exact up to one rounding, never 0 where p or q is positive
    total = 0.0
    for r in (p, q):
        support = r > 0
        total += 0.5 * float(np.sum(r[support] * np.log(2.0 * r[support] / s[support])))  # (1/2) KL(r || m)
    return _to_base(total, base)


# ----------------------------------------------------------------------------------------------------------------
# Two variables: conditional entropy and mutual information
# ----------------------------------------------------------------------------------------------------------------


def conditional_entropy(joint, base=2) -> float:
    r"""Conditional entropy :math:`H(Y \mid X) = -\sum_{x, y} p(x, y) \log p(y \mid x)` of a joint table.

    Parameters
    ----------
    joint : array_like of shape (m, k)
        The joint distribution ``joint[x, y]`` = :math:`p(x, y)`: **rows are the values of X** (the variable
        conditioned on), columns the values of Y. Non-negative, summing to 1 within ``m k eps``.
    base : float, default 2
        Base of the logarithm (2: bits, ``np.e``: nats).

    Returns
    -------
    float
        :math:`H(Y \mid X) = H(X, Y) - H(X)`, between 0 (Y a function of X) and :math:`H(Y)` (independence).
        For :math:`H(X \mid Y)` pass ``joint.T``.

    Raises
    ------
    ValueError
        If ``joint`` is not a non-empty 2-D array of probabilities; if ``base`` is invalid.

    Notes
    -----
    Computed from :math:`p(y \mid x) = p(x, y) / p(x) \le 1`: every term is :math:`\ge 0`, so there is no
    cancellation, unlike the difference :math:`H(X, Y) - H(X)` of two large numbers.

    See the derivation in ``advanced_topics/information_theory/README.md``, section "Joint and conditional entropy".

    Examples
    --------
    >>> joint = [[0.4, 0.1], [0.1, 0.4]]
    >>> round(conditional_entropy(joint), 4)
    0.7219
    >>> conditional_entropy([[0.5, 0.0], [0.0, 0.5]])     # Y is determined by X
    0.0
    """
    P = _joint(joint)  # (m, k)
    px = P.sum(axis=1)  # (m,) marginal of X, the row sums
    x, y = np.nonzero(P)  # the cells with p(x, y) > 0 (their row sums are > 0 too)
    p_xy = P[x, y]
    p_y_given_x = np.minimum(p_xy / px[x], 1.0)  # (s,) <= 1 exactly, also after rounding
    return _to_base(float(-np.sum(p_xy * np.log(p_y_given_x))), base)


def mutual_information(joint, base=2) -> float:
    r"""Mutual information :math:`I(X; Y) = \sum_{x, y} p(x, y) \log \frac{p(x, y)}{p(x) p(y)}` of a joint table.

    Parameters
    ----------
    joint : array_like of shape (m, k)
        The joint distribution ``joint[x, y]`` = :math:`p(x, y)` (rows: values of X, columns: values of Y).
    base : float, default 2
        Base of the logarithm (2: bits, ``np.e``: nats).

    Returns
    -------
    float
        :math:`I(X; Y) = D_{\mathrm{KL}}(p(x, y) \parallel p(x) p(y)) \ge 0`, symmetric in X and Y, 0 exactly
        for independent variables.

    Raises
    ------
    ValueError
        If ``joint`` is not a non-empty 2-D array of probabilities; if ``base`` is invalid.

    Notes
    -----
    Computed as the KL divergence between the joint and the product of its marginals, not as
    :math:`H(Y) - H(Y \mid X)`, which subtracts two nearly equal numbers when the variables are nearly
    independent. The ratio is formed as :math:`p(y \mid x) / p(y)`, so the product of two tiny marginals cannot
    underflow; where it overflows (a subnormal :math:`p(y)`), the difference of logarithms is used.
    ``sklearn.metrics.mutual_info_score`` computes the same quantity, in nats, from two label vectors.

    See the derivation in ``advanced_topics/information_theory/README.md``, section "Mutual information".

    Examples
    --------
    >>> round(mutual_information([[0.4, 0.1], [0.1, 0.4]]), 4)
    0.2781
    >>> mutual_information([[0.25, 0.25], [0.25, 0.25]])   # independent
    0.0
    """
    P = _joint(joint)  # (m, k)
    px, py = P.sum(axis=1), P.sum(axis=0)  # (m,), (k,) marginals
    x, y = np.nonzero(P)
    p_xy = P[x, y]
    p_y_given_x = p_xy / px[x]  # (s,) <= 1
    with np.errstate(over="ignore", under="ignore"):
        ratio = p_y_given_x / py[y]  # (s,) p(x, y) / (p(x) p(y)): the product p(x) p(y) would underflow
    # p(y | x) / p(y) overflows only for a subnormal p(y) (1 / 1e-310 > 1.8e308): there, the difference of logarithms
    ok = np.isfinite(ratio) & (ratio > 0)
    log_ratio = np.where(ok, np.log(np.where(ok, ratio, 1.0)), np.log(p_y_given_x) - np.log(py[y]))  # (s,)
    return _to_base(float(np.sum(p_xy * log_ratio)), base)


# ----------------------------------------------------------------------------------------------------------------
# Two Gaussians
# ----------------------------------------------------------------------------------------------------------------


def _gaussian(mean, cov, mean_name: str, cov_name: str) -> tuple[np.ndarray, np.ndarray]:
    mean = as_point(mean, mean_name)  # (d,) finite, not empty; a scalar becomes shape (1,)
    try:
        S = np.array(cov, dtype=float, copy=True)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{cov_name} must be a (d, d) covariance matrix, got {type(cov).__name__}: {exc}") from None
    if S.ndim == 0:
        S = S.reshape(1, 1)  # a variance, for d = 1
    d = mean.size
    if S.shape != (d, d):
        raise ValueError(f"{cov_name} must have shape ({d}, {d}) to match {mean_name} of shape ({d},), got shape {S.shape}")
    return mean, S


def _cholesky_of(S: np.ndarray, name: str) -> np.ndarray:
    try:
        return cholesky(S)
    except ValueError as exc:  # numpy.linalg.LinAlgError is a ValueError: not positive definite
        raise ValueError(f"{name} must be a symmetric positive definite covariance matrix: {exc}") from None


def kl_gaussians(mean0, cov0, mean1, cov1) -> float:
    r"""KL divergence :math:`D_{\mathrm{KL}}(\mathcal{N}(\boldsymbol{\mu}_0, \Sigma_0) \parallel \mathcal{N}(\boldsymbol{\mu}_1, \Sigma_1))` in nats, in closed form.

    Parameters
    ----------
    mean0 : array_like of shape (d,)
        Mean of the first Gaussian (a scalar for ``d = 1``).
    cov0 : array_like of shape (d, d)
        Its covariance, symmetric positive definite (a scalar variance for ``d = 1``).
    mean1 : array_like of shape (d,)
        Mean of the second Gaussian.
    cov1 : array_like of shape (d, d)
        Its covariance, symmetric positive definite.

    Returns
    -------
    float
        :math:`\frac{1}{2}\left[\mathrm{tr}(\Sigma_1^{-1}\Sigma_0) + (\boldsymbol{\mu}_1 - \boldsymbol{\mu}_0)^\top
        \Sigma_1^{-1} (\boldsymbol{\mu}_1 - \boldsymbol{\mu}_0) - d + \log\frac{\det\Sigma_1}{\det\Sigma_0}\right]`,
        in nats (divide by ``log 2`` for bits).

    Raises
    ------
    ValueError
        If a mean is empty or not finite, a covariance does not have shape (d, d), or is not symmetric positive
        definite (the message names ``cov0`` or ``cov1`` and the failing Cholesky pivot).

    Notes
    -----
    With the Cholesky factors :math:`\Sigma_0 = L_0 L_0^\top` and :math:`\Sigma_1 = L_1 L_1^\top`
    (``linear_algebra.python_implementations.cholesky``) and :math:`M = L_1^{-1} L_0` (lower triangular, by
    forward substitution), :math:`\mathrm{tr}(\Sigma_1^{-1}\Sigma_0) = \lVert M \rVert_F^2`, the Mahalanobis term is
    :math:`\lVert \mathbf{z} \rVert^2` with :math:`L_1 \mathbf{z} = \boldsymbol{\mu}_1 - \boldsymbol{\mu}_0`, and
    :math:`\log(\det\Sigma_1 / \det\Sigma_0) = -\sum_j \log m_{jj}^2`. Grouping the terms,

    .. math:: 2 D_{\mathrm{KL}} = \sum_{i > j} m_{ij}^2 + \lVert \mathbf{z} \rVert^2
              + \sum_j \left(m_{jj}^2 - 1 - \log m_{jj}^2\right),

    a sum of non-negative terms (:math:`t - 1 - \log t \ge 0`), so nothing of size :math:`d` cancels when the two
    Gaussians are close; :math:`m_{jj}^2 - 1 - \log m_{jj}^2` is evaluated as :math:`t - \log(1 + t)` with
    :math:`t = (m_{jj} - 1)(m_{jj} + 1)` and ``log1p``. No inverse and no determinant is formed.

    See the derivation in ``advanced_topics/information_theory/README.md``, section "The KL divergence between two
    Gaussians".

    Examples
    --------
    >>> kl_gaussians([0.0], [[1.0]], [0.0], [[1.0]])
    0.0
    >>> round(kl_gaussians(1.0, 1.0, 0.0, 1.0), 6)          # (mu_1 - mu_0)^2 / 2 for unit variances
    0.5
    >>> round(kl_gaussians([0.5, -1.0], np.diag([0.64, 2.25]), [0.0, 0.0], np.eye(2)), 4)   # a VAE term
    0.8877
    """
    mu0, S0 = _gaussian(mean0, cov0, "mean0", "cov0")
    mu1, S1 = _gaussian(mean1, cov1, "mean1", "cov1")
    if mu0.shape != mu1.shape:
        raise ValueError(f"mean0 and mean1 must have the same shape, got {mu0.shape} and {mu1.shape}")
    L0 = _cholesky_of(S0, "cov0")  # (d, d) Sigma_0 = L0 L0^T
    L1 = _cholesky_of(S1, "cov1")  # (d, d) Sigma_1 = L1 L1^T
    M = forward_substitution(L1, L0)  # (d, d) L1^{-1} L0, lower triangular: tr(Sigma_1^{-1} Sigma_0) = ||M||_F^2
    z = forward_substitution(L1, mu1 - mu0)  # (d,) L1 z = mu_1 - mu_0: Mahalanobis term ||z||^2
    m = np.diag(M)  # (d,) m_jj = l0_jj / l1_jj > 0; log(det Sigma_1 / det Sigma_0) = -sum_j log m_jj^2
    t = (m - 1.0) * (m + 1.0)  # (d,) m_jj^2 - 1, without rounding m_jj^2 first
    diagonal_terms = t - np.log1p(t)  # (d,) m_jj^2 - 1 - log m_jj^2 >= 0
    off_diagonal = float(np.sum(np.tril(M, k=-1) ** 2))
    return max(0.5 * (off_diagonal + float(z @ z) + float(np.sum(diagonal_terms))), 0.0)


# ----------------------------------------------------------------------------------------------------------------
# Codes and decision trees
# ----------------------------------------------------------------------------------------------------------------


def huffman_code_lengths(p) -> np.ndarray:
    r"""Codeword lengths (in bits) of a binary Huffman code for the distribution ``p``.

    Parameters
    ----------
    p : array_like of shape (n,)
        Probabilities of the ``n`` symbols (a probability vector, as in :func:`entropy`).

    Returns
    -------
    ndarray of int of shape (n,)
        ``lengths[i]`` is the number of bits :math:`\lambda_i` of symbol ``i``'s codeword. The average length
        :math:`\bar{\lambda} = \sum_i p_i \lambda_i` is the smallest of any prefix code and satisfies Shannon's bound
        :math:`H(p) \le \bar{\lambda} < H(p) + 1` (``H`` in bits); for ``n >= 2`` the lengths satisfy Kraft's
        equality :math:`\sum_i 2^{-\lambda_i} = 1`. A single symbol gets length 0: nothing needs to be sent.

    Raises
    ------
    ValueError
        If ``p`` is not a probability vector.

    Notes
    -----
    Huffman's algorithm: keep the subtrees in a priority queue (``heapq``) ordered by probability; repeatedly merge
    the two least probable ones into one subtree whose probability is their sum. Each merge adds one bit to the
    codeword of every symbol in the two merged subtrees. Ties are broken by the order in which subtrees were
    created, so the lengths are deterministic. :math:`O(n^2)` in the worst case here (the symbol lists are
    copied), which is fine for alphabets of a few thousand symbols.

    See the derivation in ``advanced_topics/information_theory/README.md``, section "Source coding: entropy is the
    shortest average code length".

    Examples
    --------
    >>> huffman_code_lengths([0.4, 0.2, 0.2, 0.1, 0.1]).tolist()
    [2, 2, 2, 3, 3]
    >>> huffman_code_lengths([0.5, 0.25, 0.25]).tolist()   # dyadic: lengths -log2 p_i, average length = H
    [1, 2, 2]
    """
    p = as_probability_vector(p, "p")
    lengths = np.zeros(p.size, dtype=int)
    # heap items: (probability, creation counter for ties, symbols in the subtree)
    heap = [(float(p_i), i, [i]) for i, p_i in enumerate(p)]
    heapq.heapify(heap)
    counter = p.size
    while len(heap) > 1:
        p_a, _, a = heapq.heappop(heap)  # the two least probable subtrees
        p_b, _, b = heapq.heappop(heap)
        lengths[a + b] += 1  # their symbols move one level down: one more bit each
        heapq.heappush(heap, (p_a + p_b, counter, a + b))
        counter += 1
    return lengths


def information_gain(y, split_mask, base=2) -> float:
    r"""Information gain of splitting the labels ``y`` into ``y[split_mask]`` and ``y[~split_mask]``.

    Parameters
    ----------
    y : array_like of shape (n,)
        Class labels (integers, strings, or finite floats).
    split_mask : array_like of bool, shape (n,)
        ``True`` for the samples sent to the left child (for a tree, ``x_j <= threshold``).
    base : float, default 2
        Base of the logarithm (2: bits, as ``DecisionTreeClassifier(criterion="entropy")``).

    Returns
    -------
    float
        :math:`\mathrm{IG} = H(Y) - \frac{n_{\text{left}}}{n} H(Y_{\text{left}})
        - \frac{n_{\text{right}}}{n} H(Y_{\text{right}})`, the entropies of the empirical label distributions of the
        node and of its two children; between 0 and :math:`H(Y)`. A split that sends every sample to one side has
        gain 0.

    Raises
    ------
    ValueError
        If ``y`` is empty or holds NaN or inf; if ``split_mask`` is not boolean (or 0/1) or its shape differs from
        ``y``'s; if ``base`` is invalid.

    Notes
    -----
    The gain is the mutual information between the label and the side of the split under the empirical
    distribution, :math:`I(Y; S) = H(Y) - H(Y \mid S)`. Equal to scikit-learn's impurity decrease at the root of a
    tree grown with ``criterion="entropy"`` (scikit-learn measures entropy in bits). It is computed as that
    difference, as tree libraries do: its absolute error is a few :math:`u H(Y)`, which is what matters when splits
    are compared, but a gain far below :math:`H(Y)` is not accurate relative to itself (the cancellation-free form is
    :func:`mutual_information` of the table of counts of label and side, divided by ``n``).

    See the derivation in ``advanced_topics/information_theory/README.md``, section "Information gain and
    decision trees".

    Examples
    --------
    >>> y = [0, 0, 1, 1]
    >>> information_gain(y, [True, True, False, False])     # a perfect split of two balanced classes
    1.0
    >>> information_gain(y, [True, False, True, False])     # a useless split
    0.0
    """
    try:
        labels = np.asarray(y)
    except (TypeError, ValueError) as exc:  # pragma: no cover - numpy accepts almost anything
        raise ValueError(f"y must be a 1-D array of class labels, got {type(y).__name__}: {exc}") from None
    if labels.ndim != 1 or labels.size == 0:
        raise ValueError(f"y must be a non-empty 1-D array of class labels, got shape {labels.shape}")
    if labels.dtype.kind == "f" and not np.all(np.isfinite(labels)):
        raise ValueError("y must not contain NaN or inf (a missing label is not a class)")
    if labels.dtype.kind == "O":
        raise ValueError("y must hold labels of one type (numbers or strings), got an object array")
    mask = np.asarray(split_mask)
    if mask.shape != labels.shape:
        raise ValueError(f"split_mask must have the shape of y, {labels.shape}, got {mask.shape}")
    if mask.dtype != bool:
        if mask.dtype.kind not in "iuf" or not np.all((mask == 0) | (mask == 1)):
            raise ValueError(f"split_mask must be boolean (True: left child), got dtype {mask.dtype}")
        mask = mask.astype(bool)
    _log_base(base)  # check base before the work
    _, codes = np.unique(labels, return_inverse=True)  # (n,) labels as 0..k-1
    n, k = labels.size, int(codes.max()) + 1

    def label_entropy(c: np.ndarray) -> float:  # entropy of the empirical distribution of the codes c, in nats
        return _entropy_nats(np.bincount(c, minlength=k) / c.size) if c.size else 0.0

    left, right = codes[mask], codes[~mask]
    children = (left.size / n) * label_entropy(left) + (right.size / n) * label_entropy(right)
    return _to_base(label_entropy(codes) - children, base)
