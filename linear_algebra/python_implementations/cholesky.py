r"""Positive definite matrices: the Cholesky factorisation and what it buys.

A symmetric positive definite matrix factors as :math:`A = LL^\top` with :math:`L` lower triangular and a positive
diagonal. The factor solves linear systems (two triangular solves), decides positive definiteness (the
factorisation succeeds exactly when every pivot is positive), and gives the log-determinant as
:math:`2 \sum_j \log l_{jj}` without ever forming the determinant, which over- or underflows for moderate sizes.

Everything is numpy only; ``numpy.linalg`` and ``scipy.linalg`` are the references the tests compare with. Only the
exception class ``numpy.linalg.LinAlgError`` (a ``ValueError`` subclass) is borrowed, as in ``matrices.py``.

See the derivations in ``linear_algebra/positive_definite_matrices/README.md``.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.linalg import LinAlgError

from linear_algebra.python_implementations._validation import as_array, as_square_matrix
from linear_algebra.python_implementations.matrices import back_substitution, forward_substitution

__all__ = ["cholesky", "cholesky_solve", "is_positive_definite", "logdet_spd"]

_EPS = np.finfo(float).eps
# A is accepted as symmetric when max_ij |a_ij - a_ji| <= _SYMMETRY_RTOL * max_ij |a_ij| (see _is_symmetric).
_SYMMETRY_RTOL = math.sqrt(_EPS)


def _is_symmetric(A: np.ndarray) -> bool:
    """Symmetric up to a relative ``sqrt(eps)`` of the largest entry; scale-invariant, never overflows."""
    amax = float(np.max(np.abs(A)))
    if amax == 0.0:
        return True
    As = A / amax  # (n, n), entries in [-1, 1]: A - A^T can no longer overflow
    return float(np.max(np.abs(As - As.T))) <= _SYMMETRY_RTOL


def _as_symmetric_matrix(A) -> np.ndarray:
    """A non-empty finite square matrix that is symmetric to the tolerance of ``cholesky``, else ValueError."""
    A = as_square_matrix(A, "A")
    if not _is_symmetric(A):
        amax = float(np.max(np.abs(A)))
        gap = float(np.max(np.abs(A / amax - A.T / amax)))
        raise ValueError(
            f"A must be symmetric: max |a_ij - a_ji| / max |a_ij| = {gap:.3g} exceeds sqrt(eps) = "
            f"{_SYMMETRY_RTOL:.3g}"
        )
    return A


def _half_exponents(A: np.ndarray) -> np.ndarray:
    """Exponents ``h_j`` with ``a_jj 4^(-h_j)`` in ``[1/4, 1)``, shape (n,); 0 where ``a_jj <= 0``."""
    diag = np.diag(A)  # (n,)
    e = np.frexp(np.where(diag > 0.0, diag, 1.0))[1]  # a_jj = f 2^e_j with f in [0.5, 1)
    return np.where(diag > 0.0, (e + 1) // 2, 0)  # 2 h_j = e_j or e_j + 1: the smallest even exponent >= e_j


def _factor(A: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Cholesky factor ``L_s`` of ``A_s = D^-1 A D^-1`` and the exponents ``h`` of ``D = diag(2^h_j)``: ``L = D L_s``.

    ``A`` has been checked (finite, square, symmetric). Only its lower triangle is read.
    """
    # A = D A_s D with D = diag(2^h_j) and a_jj / 4^h_j in [1/4, 1): the power-of-two version of A = D H D.
    # Only exponents change, so every rounding is the one of the unscaled algorithm (chol(D A_s D) = D chol(A_s)),
    # but a positive definite A_s has all entries below 1 in magnitude (|a_ij| < sqrt(a_ii a_jj)): nothing overflows,
    # and the diagonal stays in [1/4, 1) even when the diagonal of A spans more than the range of the doubles (an
    # off-diagonal entry below 2^-1022 may underflow: a change far below the backward error). A diagonal entry <= 0
    # keeps h_j = 0; the factorisation then stops at pivot j at the latest.
    h = _half_exponents(A)  # (n,)
    with np.errstate(over="ignore", under="ignore"):  # only a matrix far from definite can overflow here
        A_s = np.ldexp(A, -(h[:, None] + h[None, :]))  # (n, n): a_ij / (2^h_i 2^h_j), one exact step
    n = A_s.shape[0]
    L = np.zeros_like(A_s)
    # For a positive definite A every |l_ij| <= sqrt(a_ii) < 1 here. Only a matrix far from definite (a tiny pivot
    # followed by large entries) can overflow; its next pivot is then -inf and the factorisation stops there.
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        for j in range(n):
            # Column j of A = L L^T, on and below the diagonal: a_ij = sum_{k <= j} l_ik l_jk for i >= j.
            # Diagonal (i = j): l_jj^2 = a_jj - sum_{k < j} l_jk^2, the j-th pivot.
            d = A_s[j, j] - L[j, :j] @ L[j, :j]  # (j,) @ (j,) -> scalar
            if not d > 0.0:
                pivot = float(np.ldexp(d, 2 * h[j]))  # in the units of A: the pivot of A is 4^h_j times that of A_s
                raise LinAlgError(f"A is not positive definite: pivot {j + 1} is {pivot:.3g} <= 0")
            L[j, j] = math.sqrt(d)
            # Below the diagonal (i > j): l_ij = (a_ij - sum_{k < j} l_ik l_jk) / l_jj.
            L[j + 1 :, j] = (A_s[j + 1 :, j] - L[j + 1 :, :j] @ L[j, :j]) / L[j, j]  # (n-j-1, j) @ (j,) -> (n-j-1,)
    return L, h


def cholesky(A) -> np.ndarray:
    r"""Cholesky factorisation :math:`A = LL^\top` of a symmetric positive definite matrix.

    Parameters
    ----------
    A : array_like of shape (n, n)
        A finite symmetric matrix. Only its lower triangle is used for the factor (as in
        ``numpy.linalg.cholesky`` and LAPACK's ``potrf``); the upper triangle is only compared with it.

    Returns
    -------
    L : ndarray of shape (n, n)
        Lower triangular with a positive diagonal, zeros above the diagonal.

    Raises
    ------
    ValueError
        If ``A`` is not a non-empty finite square matrix, or is not symmetric: ``A`` is accepted when
        ``max |a_ij - a_ji| <= sqrt(eps) * max |a_ij|`` (the rule is in the Notes).
    numpy.linalg.LinAlgError
        If a pivot :math:`d_j = a_{jj} - \sum_{k < j} l_{jk}^2` is not positive: ``A`` is not positive definite (in
        floating point). The message names the pivot (counted from 1) and its value in the units of ``A``, e.g.
        ``"A is not positive definite: pivot 3 is -0.25 <= 0"``.

    Notes
    -----
    Column by column, :math:`l_{jj} = \sqrt{a_{jj} - \sum_{k<j} l_{jk}^2}` and
    :math:`l_{ij} = (a_{ij} - \sum_{k<j} l_{ik} l_{jk}) / l_{jj}` for :math:`i > j`: ``n^3 / 3`` flops, half of LU.
    No pivoting is needed: :math:`a_{jj} = \sum_k l_{jk}^2` bounds every :math:`|l_{jk}|` by
    :math:`\sqrt{a_{jj}}`, so nothing grows. The computed factor satisfies :math:`LL^\top = A + \Delta A` with
    :math:`|\Delta a_{ij}| \le \gamma_{n+1} \sqrt{a_{ii} a_{jj}}` where :math:`\gamma_{n+1} = (n+1)u / (1 - (n+1)u)`
    (Higham, *Accuracy and Stability*, Theorem 10.3, with Cauchy-Schwarz on the rows of :math:`L`), up to a factor
    :math:`1 / (1 - \gamma_{n+1})`; hence :math:`\max |A - LL^\top| \le 2 n u \max |a_{ij}|` for
    :math:`n \ge 2` with :math:`nu \le 0.1`, and for :math:`n = 1` directly (:math:`l_{11} = \mathrm{fl}(\sqrt{a_{11}})`
    gives :math:`|a_{11} - l_{11}^2| < 2u\, a_{11}`).

    Scaling: ``A`` is first scaled symmetrically by powers of two, :math:`A_s = D^{-1} A D^{-1}` with
    :math:`D = \mathrm{diag}(2^{h_j})` and :math:`a_{jj} / 4^{h_j}` in ``[1/4, 1)``, factored, and the factor
    multiplied back, :math:`L = D L_s` (the power-of-two version of :math:`\mathrm{chol}(DHD) = D\,\mathrm{chol}(H)`).
    Only exponents change, so the roundings are those of the unscaled algorithm; but every entry of a positive
    definite :math:`A_s` is below 1 in magnitude and its diagonal lies in ``[1/4, 1)``, so nothing overflows and no
    pivot comes near the subnormal numbers (below about ``2.2e-308``, whose fixed absolute spacing costs digits).
    A matrix of size ``1e-310`` is factored as accurately as one of size 1, so is ``diag(1e300, 1e-300)``, and
    ``cholesky(4**k * A)`` is exactly ``2**k * cholesky(A)``.

    Symmetry rule: the factor uses the lower triangle, so an input whose upper triangle differs is factored as the
    symmetric matrix with the same lower triangle. Differences from rounding (a product of ``k`` terms rounds with
    a relative error near ``k u``) are far below ``sqrt(eps) ~ 1.5e-8``; a larger difference means that ``A`` is
    not the symmetric matrix it was meant to be, and is refused. The test is relative to ``max |a_ij|``, so it does
    not depend on the units of ``A``.

    See the derivation in ``linear_algebra/positive_definite_matrices/README.md``, section "The Cholesky factorisation,
    column by column".

    Examples
    --------
    >>> cholesky([[4.0, 2.0, 2.0], [2.0, 5.0, 3.0], [2.0, 3.0, 6.0]])
    array([[2., 0., 0.],
           [1., 2., 0.],
           [1., 1., 2.]])
    >>> cholesky([[4.0, 2.0, 2.0], [2.0, 5.0, 3.0], [2.0, 3.0, 1.75]])
    Traceback (most recent call last):
        ...
    numpy.linalg.LinAlgError: A is not positive definite: pivot 3 is -0.25 <= 0
    """
    A = _as_symmetric_matrix(A)
    L_s, h = _factor(A)
    with np.errstate(under="ignore"):
        return np.ldexp(L_s, h[:, None])  # (n, n) exact: L = D L_s, row i times 2^h_i


def cholesky_solve(L, b) -> np.ndarray:
    r"""Solve :math:`A\mathbf{x} = \mathbf{b}` given the Cholesky factor :math:`L` of :math:`A = LL^\top`.

    Parameters
    ----------
    L : array_like of shape (n, n)
        Lower triangular with a positive diagonal, as returned by :func:`cholesky`.
    b : array_like of shape (n,) or (n, k)
        One right-hand side, or ``k`` of them as columns.

    Returns
    -------
    ndarray of the shape of ``b``
        The solution ``x``.

    Raises
    ------
    ValueError
        If ``L`` is not a finite square matrix, has a nonzero entry above the diagonal or a diagonal entry that is
        not positive, or if ``b`` is not finite or does not have ``n`` rows.

    Notes
    -----
    :math:`LL^\top \mathbf{x} = \mathbf{b}` splits into :math:`L\mathbf{y} = \mathbf{b}` (forward substitution)
    and :math:`L^\top \mathbf{x} = \mathbf{y}` (back substitution), ``2 n^2`` flops, with the triangular solvers of
    ``matrices.py``. With the factorisation, the computed ``x`` solves :math:`(A + \Delta A)\mathbf{x} = \mathbf{b}`
    with :math:`|\Delta A| \le \gamma_{3n+1} |L| |L^\top|` (Higham, Theorem 10.4): backward stable, and accurate to
    about :math:`u \kappa(A)` in the solution.

    See the derivation in ``linear_algebra/positive_definite_matrices/README.md``, section "Solving, sampling and
    distances with the factor".

    Examples
    --------
    >>> L = cholesky([[4.0, 2.0, 2.0], [2.0, 5.0, 3.0], [2.0, 3.0, 6.0]])
    >>> cholesky_solve(L, [8.0, 10.0, 11.0])
    array([1., 1., 1.])
    """
    L = as_square_matrix(L, "L")
    n = L.shape[0]
    above = np.argwhere(np.triu(L, k=1) != 0.0)
    if above.size:
        i, j = (int(k) + 1 for k in above[0])
        raise ValueError(
            f"L must be lower triangular (the factor returned by cholesky), got l_{i},{j} = {L[i - 1, j - 1]:.3g} "
            "above the diagonal"
        )
    diag = np.diag(L)
    if not np.all(diag > 0.0):
        k = int(np.argmin(diag > 0.0))
        raise ValueError(f"L must have a positive diagonal (a Cholesky factor does), got l_{k + 1},{k + 1} = {diag[k]:.3g}")
    b = as_array(b, "b")
    if b.ndim not in (1, 2) or b.shape[0] != n:
        raise ValueError(f"b must have shape ({n},) or ({n}, k) to match L of shape {L.shape}, got shape {b.shape}")
    y = forward_substitution(L, b)  # L y = b
    return back_substitution(L.T, y)  # L^T x = y


def is_positive_definite(A) -> bool:
    r"""Whether ``A`` is symmetric positive definite in floating point: the Cholesky factorisation succeeds.

    Parameters
    ----------
    A : array_like of shape (n, n)
        A finite square matrix.

    Returns
    -------
    bool
        ``True`` if ``A`` is symmetric (same rule as :func:`cholesky`) and every Cholesky pivot is positive.
        ``False`` for a non-symmetric matrix: positive definite matrices are symmetric by definition here.

    Raises
    ------
    ValueError
        If ``A`` is not a non-empty finite square matrix.

    Notes
    -----
    The verdict is exact whenever it is not a matter of rounding. Write :math:`A = DHD` with
    :math:`D = \mathrm{diag}(\sqrt{a_{ii}})`, so that :math:`H` has a unit diagonal, and let
    :math:`t = n\gamma_{n+1} / (1 - \gamma_{n+1}) \approx n(n+1)u`. If :math:`\lambda_{\min}(H) > t` the
    factorisation succeeds (Demmel; Higham, Theorem 10.7); if :math:`\lambda_{\min}(H) < -t` it fails, because
    success would make :math:`A + \Delta A = LL^\top` positive semi-definite with :math:`\lVert \Delta H \rVert \le t`.
    In between (a singular positive semi-definite matrix, for instance) rounding decides. A matrix with a diagonal
    entry :math:`a_{jj} \le 0` is never positive definite and always fails, at pivot :math:`j` at the latest.

    This costs ``n^3 / 3`` flops, against at least ``4 n^3 / 3`` for the eigenvalues alone (the reduction to
    tridiagonal form), and is the test LAPACK-based libraries use (``numpy.linalg.cholesky`` raising ``LinAlgError``).

    See the derivation in ``linear_algebra/positive_definite_matrices/README.md``, section "Tests of definiteness".

    Examples
    --------
    >>> is_positive_definite([[2.0, 1.0], [1.0, 2.0]])
    True
    >>> is_positive_definite([[1.0, 2.0], [2.0, 1.0]])
    False
    """
    A = as_square_matrix(A, "A")
    if not _is_symmetric(A):
        return False
    try:
        _factor(A)
    except LinAlgError:
        return False
    return True


def logdet_spd(A) -> float:
    r"""Natural logarithm of :math:`\det A` for a symmetric positive definite ``A``, safe from over- and underflow.

    Parameters
    ----------
    A : array_like of shape (n, n)
        A finite symmetric positive definite matrix.

    Returns
    -------
    float
        :math:`\log \det A = 2 \sum_j \log l_{jj}`.

    Raises
    ------
    ValueError
        If ``A`` is not a non-empty finite symmetric square matrix (as in :func:`cholesky`).
    numpy.linalg.LinAlgError
        If ``A`` is not positive definite (the message names the failing pivot).

    Notes
    -----
    :math:`\det A = \det L \det L^\top = \prod_j l_{jj}^2`. Adding logarithms instead of multiplying keeps the result
    finite when :math:`\det A` itself is outside the floating-point range: :math:`\det(10^{-3} I_{200}) = 10^{-600}`
    underflows to 0 and :math:`\det(10^{3} I_{200})` overflows to ``inf``, while their logarithms are
    :math:`\mp 600 \log 10 \approx \mp 1381.55`. The logarithms are taken of the scaled factor (see
    :func:`cholesky`) and the scale is added back as :math:`2hn \log 2`. The error is about
    :math:`n^{3/2} (n+1) u \lVert H^{-1} \rVert` in absolute terms (``H`` as in :func:`is_positive_definite`).
    Same value as ``numpy.linalg.slogdet(A)[1]`` for a positive definite ``A``, at half the cost.

    See the derivation in ``linear_algebra/positive_definite_matrices/README.md``, section "The log-determinant
    without overflow".

    Examples
    --------
    >>> round(logdet_spd([[4.0, 2.0, 2.0], [2.0, 5.0, 3.0], [2.0, 3.0, 6.0]]), 6)  # log 64
    4.158883
    >>> round(float(logdet_spd(1e-3 * np.eye(200)) / np.log(10)), 6)
    -600.0
    """
    A = _as_symmetric_matrix(A)
    L_s, h = _factor(A)
    # log det A = 2 sum_j log(2^h_j l_s,jj) = 2 sum_j log l_s,jj + 2 (sum_j h_j) log 2
    return float(2.0 * np.sum(np.log(np.diag(L_s))) + 2 * int(np.sum(h)) * math.log(2.0))
