r"""Descriptive statistics: mean, variance, standard deviation, covariance and correlation matrices.

The variance is computed by the corrected two-pass algorithm: first the mean, then the squared deviations from it,
minus a correction term that removes the first-order effect of the rounding error in the mean. It keeps nearly every
digit that the data carry, even when the mean is ten million times the standard deviation. The textbook one-pass
formula :math:`\mathbb{E}[X^2] - \mathbb{E}[X]^2` is here only as a demonstration of what goes wrong
(``variance_naive``), next to Welford's one-pass updating algorithm (``variance_welford``).

Data are scaled by a power of two before anything is squared (exact in binary floating point), so values near
1e200 or 1e-200 neither overflow nor underflow.

See the derivations in ``probability_statistics/random_variables_and_expectation/README.md``.
"""

from __future__ import annotations

import math

import numpy as np

from ._validation import as_sample, check_nonnegative_int

__all__ = [
    "correlation",
    "covariance",
    "mean",
    "numacc_data",
    "std",
    "variance",
    "variance_naive",
    "variance_welford",
]


def _check_ddof(ddof, n: int) -> int:
    """Return ``ddof`` as an int when 0 <= ddof < n (there must be at least one degree of freedom left)."""
    ddof = check_nonnegative_int(ddof, "ddof")
    if ddof >= n:
        raise ValueError(f"ddof must be smaller than the number of samples n = {n}, got ddof = {ddof}")
    return ddof


def _power_of_two_scale(a: np.ndarray) -> np.ndarray | float:
    """A power of two ``c`` (per column for a 2-D array) with ``max |a * c|`` in [0.5, 1); 1 where ``a`` is 0.

    Multiplying by ``c`` only changes the exponent of each double, so ``a * c`` is exact (barring values so far
    below the largest that they become subnormal, whose loss is far below the rounding of the result). For
    subnormal data (``max |a| < 2^-1022``) ``c`` stops at ``2^1022``, the largest power of two that keeps
    ``1 / c`` a normal double: ``2^-1024`` would overflow, and ``max |a * c|`` is then at least ``2^-52``.
    """
    top = np.max(np.abs(a), axis=0)  # (n,) -> scalar, or (n, d) -> (d,)
    exponent = np.frexp(np.where(top > 0, top, 1.0))[1]  # top = f * 2**e with f in [0.5, 1)
    return np.ldexp(1.0, -np.maximum(exponent, -1022))


def _as_data_matrix(X, name: str = "X", min_rows: int = 1) -> np.ndarray:
    """Return ``X`` as a new finite 2-D float array of shape (n, d), n >= ``min_rows``, d >= 1."""
    try:
        arr = np.array(X, dtype=float, copy=True)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be a 2-D array of real numbers, got {type(X).__name__}: {exc}") from None
    if arr.ndim != 2:
        raise ValueError(f"{name} must be a 2-D array of shape (n_samples, n_features), got shape {arr.shape}")
    if arr.shape[0] < min_rows or arr.shape[1] < 1:
        raise ValueError(f"{name} must have at least {min_rows} row(s) and 1 column, got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must contain only finite numbers (no NaN or inf)")
    return arr


def mean(x) -> float:
    r"""Sample mean :math:`\bar{x} = \frac{1}{n} \sum_{i=1}^{n} x_i`.

    Parameters
    ----------
    x : array_like of shape (n,)
        Finite real numbers, n >= 1.

    Returns
    -------
    float
        The arithmetic mean.

    Raises
    ------
    ValueError
        If ``x`` is not a non-empty 1-D array of finite numbers.

    Notes
    -----
    The values are scaled by a power of two so that the sum cannot overflow (``mean([1e308, 1e308])`` is
    ``1e308``, not ``inf``), then added by numpy's pairwise summation, whose relative error is at most about
    ``log2(n) u sum|x_i| / |sum x_i|``.

    See the derivation in ``probability_statistics/random_variables_and_expectation/README.md``, section
    "Definitions".

    Examples
    --------
    >>> mean([1.0, 2.0, 6.0])
    3.0
    """
    x = as_sample(x, "x")
    c = _power_of_two_scale(x)
    return float(np.sum(x * c) / x.size / c)  # (n,) -> scalar; the scaled sum is at most n in magnitude


def _scaled_sum_of_squares(x: np.ndarray) -> tuple[float, float]:
    """Return ``(S, c)``: the corrected two-pass sum of squared deviations of ``x * c``, and the scale ``c``."""
    c = _power_of_two_scale(x)
    xs = x * c  # exact: |xs| < 1
    n = xs.size
    m = np.sum(xs) / n
    d = xs - m  # (n,) deviations from the computed mean
    # Exact identity for any m: sum (x - xbar)^2 = sum d^2 - (sum d)^2 / n. The second term would be 0 if m were
    # the exact mean; with the computed m it removes the error n (m - xbar)^2 that the rounding of m adds.
    S = float(np.sum(d * d) - np.sum(d) ** 2 / n)
    return max(S, 0.0), float(c)


def variance(x, ddof: int = 0) -> float:
    r"""Variance :math:`\frac{1}{n - \mathrm{ddof}} \sum_{i=1}^{n} (x_i - \bar{x})^2` by the corrected two-pass algorithm.

    Parameters
    ----------
    x : array_like of shape (n,)
        Finite real numbers.
    ddof : int, default 0
        Delta degrees of freedom: 0 gives the population (maximum-likelihood) variance, 1 the unbiased sample
        variance. Must satisfy ``0 <= ddof < n``.

    Returns
    -------
    float
        The variance (``inf`` only if the true variance exceeds the largest double).

    Raises
    ------
    ValueError
        If ``x`` is not a non-empty 1-D array of finite numbers, or ``ddof`` is negative or ``>= n``.
    TypeError
        If ``ddof`` is not an integer.

    Notes
    -----
    Two passes: the mean ``m``, then ``S = sum d_i^2 - (sum d_i)^2 / n`` with ``d_i = x_i - m``. The relative
    error is at most about ``n u + (n u kappa)^2`` where ``kappa = sqrt(1 + n mean^2 / S)`` is the condition
    number of the data (Chan, Golub and LeVeque, 1983): full precision unless the mean exceeds the standard
    deviation by a factor near ``1 / (n u)``. Same convention as ``np.var(x, ddof=ddof)``.

    See the derivation in ``probability_statistics/random_variables_and_expectation/README.md``, section
    "Derivation".

    Examples
    --------
    >>> variance([1.0, 2.0, 6.0])
    4.666666666666667
    >>> variance([1.0, 2.0, 6.0], ddof=1)
    7.0
    """
    x = as_sample(x, "x")
    ddof = _check_ddof(ddof, x.size)
    S, c = _scaled_sum_of_squares(x)
    return S / (x.size - ddof) / c / c  # undo the scaling: S was computed for x * c


def std(x, ddof: int = 0) -> float:
    r"""Standard deviation: the square root of ``variance(x, ddof)``, without overflow.

    Parameters
    ----------
    x : array_like of shape (n,)
        Finite real numbers.
    ddof : int, default 0
        Delta degrees of freedom, ``0 <= ddof < n`` (see ``variance``).

    Returns
    -------
    float
        :math:`\sqrt{\frac{1}{n - \mathrm{ddof}} \sum_i (x_i - \bar{x})^2}`.

    Raises
    ------
    ValueError
        If ``x`` is not a non-empty 1-D array of finite numbers, or ``ddof`` is out of range.
    TypeError
        If ``ddof`` is not an integer.

    Notes
    -----
    The square root is taken before the scaling is undone, so ``std([-1e200, 1e200])`` is ``1e200`` although
    the variance ``1e400`` is not a double. Same convention as ``np.std(x, ddof=ddof)``.

    See the derivation in ``probability_statistics/random_variables_and_expectation/README.md``, section
    "Derivation".

    Examples
    --------
    >>> std([2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0])
    2.0
    """
    x = as_sample(x, "x")
    ddof = _check_ddof(ddof, x.size)
    S, c = _scaled_sum_of_squares(x)
    return math.sqrt(S / (x.size - ddof)) / c


def variance_naive(x, ddof: int = 0) -> float:
    r"""DEMONSTRATION ONLY: the one-pass textbook formula :math:`\frac{n}{n - \mathrm{ddof}} (\overline{x^2} - \bar{x}^2)`.

    Do not use it: when the mean is large compared with the standard deviation, the two terms agree in their
    leading digits and the subtraction cancels them, leaving rounding errors. It can even return a negative
    number. Use ``variance``.

    Parameters
    ----------
    x : array_like of shape (n,)
        Finite real numbers.
    ddof : int, default 0
        Delta degrees of freedom, ``0 <= ddof < n``.

    Returns
    -------
    float
        The formula's value, possibly negative.

    Raises
    ------
    ValueError
        If ``x`` is not a non-empty 1-D array of finite numbers, or ``ddof`` is out of range.
    TypeError
        If ``ddof`` is not an integer.

    Notes
    -----
    Both terms are about ``mean^2``, each rounded with an error near ``u mean^2``, so the relative error of the
    result is of order ``u mean^2 / variance``: about ``2 log10(|mean| / sd)`` of the sixteen digits are lost.
    Worse, both terms are doubles of at least ``2^e`` when ``mean^2 >= 2^e``, so their difference is a multiple
    of ``2^(e - 52)``: the result cannot come closer to the true variance than that grid allows.

    See the derivation in ``probability_statistics/random_variables_and_expectation/README.md``, section
    "Derivation".

    Examples
    --------
    >>> round(variance_naive([1.0, 2.0, 6.0]), 12)  # fine when the mean is small
    4.666666666667
    >>> variance_naive([1e8 + 1.0, 1e8 + 2.0, 1e8 + 6.0])  # the same data shifted: the true variance is 4.67
    4.0
    """
    x = as_sample(x, "x")
    ddof = _check_ddof(ddof, x.size)
    n = x.size
    return n / (n - ddof) * float(np.mean(x * x) - np.mean(x) ** 2)  # E[x^2] - E[x]^2, rescaled for ddof


def variance_welford(x, ddof: int = 0) -> float:
    r"""Variance by Welford's one-pass updating algorithm (one value at a time, as for a stream).

    Parameters
    ----------
    x : array_like of shape (n,)
        Finite real numbers.
    ddof : int, default 0
        Delta degrees of freedom, ``0 <= ddof < n``.

    Returns
    -------
    float
        The variance.

    Raises
    ------
    ValueError
        If ``x`` is not a non-empty 1-D array of finite numbers, or ``ddof`` is out of range.
    TypeError
        If ``ddof`` is not an integer.

    Notes
    -----
    After the value ``x_k``, with ``delta = x_k - m_{k-1}``::

        m_k = m_{k-1} + delta / k
        M_k = M_{k-1} + delta * (x_k - m_k)

    and the variance is ``M_n / (n - ddof)``. Every term added to ``M`` is non-negative, so no cancellation
    occurs; the relative error is at most of order ``n u kappa`` (Chan, Golub and LeVeque), usually far less.
    It is a plain Python loop over doubles, so it is slow for large ``n`` but gives the same bits on every
    IEEE-754 machine. Use it when the data arrive one at a time; otherwise use ``variance``.

    See the derivation in ``probability_statistics/random_variables_and_expectation/README.md``, section
    "Derivation".

    Examples
    --------
    >>> variance_welford([1.0, 2.0, 6.0], ddof=1)
    7.0
    """
    x = as_sample(x, "x")
    ddof = _check_ddof(ddof, x.size)
    m, M = 0.0, 0.0
    for k, xk in enumerate(x.tolist(), start=1):
        delta = xk - m  # deviation from the previous running mean
        m += delta / k  # running mean of x_1, ..., x_k
        M += delta * (xk - m)  # running sum of squared deviations
    return M / (x.size - ddof)


def covariance(X, ddof: int = 1) -> np.ndarray:
    r"""Sample covariance matrix of the columns of ``X`` (rows are samples), by the corrected two-pass algorithm.

    Parameters
    ----------
    X : array_like of shape (n, d)
        Finite data matrix: one row per sample, one column per feature.
    ddof : int, default 1
        Delta degrees of freedom, ``0 <= ddof < n``. The default 1 gives the unbiased estimate, as ``np.cov``.

    Returns
    -------
    Sigma : ndarray of shape (d, d)
        ``Sigma[j, k] = sum_i (x_ij - mean_j)(x_ik - mean_k) / (n - ddof)``, exactly symmetric and positive
        semi-definite up to rounding.

    Raises
    ------
    ValueError
        If ``X`` is not a finite 2-D array with at least one row and one column, or ``ddof`` is out of range.
    TypeError
        If ``ddof`` is not an integer.

    Notes
    -----
    Rows are samples, the convention of scikit-learn and of this course. ``np.cov`` treats rows as variables
    unless it is called with ``rowvar=False``. The centred matrix ``Xc`` gives
    ``Sigma = (Xc^T Xc - s s^T / n) / (n - ddof)`` with ``s = Xc^T 1`` (the correction term of ``variance``).
    The product ``Xc^T Xc`` goes through BLAS, so its last bits depend on the machine; the result is then
    symmetrised.

    See the derivation in ``probability_statistics/random_variables_and_expectation/README.md``, section
    "Derivation".

    Examples
    --------
    >>> covariance([[1.0, 2.0], [2.0, 4.0], [3.0, 6.0]])
    array([[1., 2.],
           [2., 4.]])
    """
    X = _as_data_matrix(X)
    n = X.shape[0]
    ddof = _check_ddof(ddof, n)
    c = _power_of_two_scale(X)  # (d,) one power of two per column
    Sigma_scaled = _scaled_scatter(X * c) / (n - ddof)
    with np.errstate(over="ignore"):  # an entry above the largest double becomes inf, as for variance
        return Sigma_scaled / c[:, None] / c[None, :]  # undo the column scaling: entry (j, k) over c_j c_k


def _scaled_scatter(Xs: np.ndarray) -> np.ndarray:
    """Corrected two-pass scatter matrix ``Xc^T Xc - s s^T / n`` of an (n, d) array, symmetrised."""
    n = Xs.shape[0]
    Xc = Xs - np.sum(Xs, axis=0) / n  # (n, d) - (d,) -> (n, d) centred columns
    s = np.sum(Xc, axis=0)  # (d,) zero up to the rounding of the means
    S = Xc.T @ Xc - np.outer(s, s) / n  # (d, n) @ (n, d) -> (d, d)
    return (S + S.T) / 2


def correlation(X) -> np.ndarray:
    r"""Pearson correlation matrix of the columns of ``X`` (rows are samples).

    Parameters
    ----------
    X : array_like of shape (n, d)
        Finite data matrix, n >= 2, and no constant column.

    Returns
    -------
    R : ndarray of shape (d, d)
        ``R[j, k] = Sigma[j, k] / sqrt(Sigma[j, j] Sigma[k, k])``, symmetric, with ones on the diagonal and
        every entry in [-1, 1].

    Raises
    ------
    ValueError
        If ``X`` is not a finite 2-D array with at least two rows, or a column is constant (its correlation
        with anything is 0 / 0).

    Notes
    -----
    The factor ``1 / (n - ddof)`` cancels, so ``R`` does not depend on ``ddof``; nor does it depend on the units
    of the columns. Rounding can push an entry a few units of ``u`` past +-1; it is clipped to [-1, 1].
    Same values as ``np.corrcoef(X, rowvar=False)``.

    See the derivation in ``probability_statistics/random_variables_and_expectation/README.md``, section
    "Definitions".

    Examples
    --------
    >>> correlation([[1.0, 3.0], [2.0, 2.0], [3.0, 1.0]])
    array([[ 1., -1.],
           [-1.,  1.]])
    """
    X = _as_data_matrix(X, min_rows=2)
    c = _power_of_two_scale(X)
    S = _scaled_scatter(X * c)  # (d, d); units cancel in the ratio below
    squared_lengths = np.diag(S)  # (d,) squared lengths of the centred columns
    if np.any(squared_lengths == 0):
        j = int(np.flatnonzero(squared_lengths == 0)[0])
        raise ValueError(f"X has a constant column (column {j}): its correlation is undefined (0 / 0)")
    # One square root of the product (not a product of two roots): a perfectly correlated pair gives exactly 1.
    R = S / np.sqrt(np.outer(squared_lengths, squared_lengths))  # (d, d) / (d, d)
    R = np.clip(R, -1.0, 1.0)
    np.fill_diagonal(R, 1.0)
    return R


def numacc_data(base: int) -> np.ndarray:
    r"""The NIST StRD "NumAcc" data of 1001 values: ``base.2``, then 500 pairs ``base.1``, ``base.3``.

    Parameters
    ----------
    base : int
        A non-negative integer: 1000000 gives NIST's NumAcc3, 10000000 gives NumAcc4.

    Returns
    -------
    x : ndarray of shape (1001,)
        The values ``base + 0.2, base + 0.1, base + 0.3, base + 0.1, ..., base + 0.3``, each the double nearest
        to the decimal number (as any program reading NIST's file would store it).

    Raises
    ------
    ValueError
        If ``base`` is negative.
    TypeError
        If ``base`` is not an integer.

    Notes
    -----
    This is the construction of NIST's Statistical Reference Datasets NumAcc3 and NumAcc4 (univariate summary
    statistics, "average" and "higher" difficulty). The certified values are the mean ``base + 0.2`` and the
    sample standard deviation (``ddof=1``) exactly ``0.1``: the deviations are ``0``, then 500 pairs ``-0.1``,
    ``+0.1``, whose squares add to ``1000 * 0.01 = 10``, and ``10 / 1000 = 0.01``.

    See ``probability_statistics/random_variables_and_expectation/README.md``, section "Worked example".

    Examples
    --------
    >>> x = numacc_data(1000000)
    >>> x.shape, x[:3]
    ((1001,), array([1000000.2, 1000000.1, 1000000.3]))
    """
    base = check_nonnegative_int(base, "base")
    # Parse the decimal strings: the double nearest to 1000000.1 is not always fl(1e6 + fl(0.1)).
    first, low, high = (float(f"{base}.{digit}") for digit in (2, 1, 3))
    return np.array([first] + [low, high] * 500)
