r"""Singular value decomposition by one-sided Jacobi rotations, and what it is used for.

Every real matrix factors as :math:`A = U \Sigma V^\top`. This module computes the thin factorization with the
one-sided Jacobi method of Hestenes (orthogonalize the columns of ``A`` by plane rotations), which is backward
stable and, unlike any route through the eigenvalues of :math:`A^\top A`, keeps small singular values accurate.
On top of it: the best rank-k approximation (Eckart-Young), the Moore-Penrose pseudo-inverse and the numerical rank.

See the derivation in ``linear_algebra/singular_value_decomposition/README.md``.
"""

from __future__ import annotations

import numbers
import warnings
from typing import NamedTuple

import numpy as np

from linear_algebra.python_implementations._conventions import largest_entry_signs, power_of_two_exponent
from linear_algebra.python_implementations._validation import as_matrix

__all__ = ["SVDResult", "low_rank_approximation", "numerical_rank", "pinv", "svd"]

_EPS = np.finfo(float).eps


class SVDResult(NamedTuple):
    """Thin SVD ``A = U @ np.diag(s) @ Vt``; unpacks as ``U, s, Vt = svd(A)``."""

    U: np.ndarray
    s: np.ndarray
    Vt: np.ndarray


def _column_norms(W: np.ndarray) -> np.ndarray:
    """Euclidean norms of the columns of ``W`` without overflow or underflow of the squares.

    Each column is divided by its largest magnitude before squaring (the idea of LAPACK's dnrm2).
    """
    scale = np.max(np.abs(W), axis=0)  # (m, k) -> (k,)
    safe = np.where(scale > 0, scale, 1.0)
    return scale * np.sqrt(np.sum((W / safe) ** 2, axis=0))  # (k,)


def _round_robin_pairs(n: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """One Jacobi sweep as n-1 (or n) rounds of disjoint column pairs: every pair (p, q) appears exactly once.

    This is the "chess tournament" ordering: player 0 stays, the others rotate one seat per round. Pairs inside
    a round touch different columns, so their rotations commute and are applied together, vectorized.
    """
    players = list(range(n)) + ([-1] if n % 2 else [])  # -1 is a bye when n is odd
    N = len(players)
    rounds = []
    for _ in range(N - 1):
        pairs = [(players[i], players[N - 1 - i]) for i in range(N // 2)]
        pairs = [(min(p, q), max(p, q)) for p, q in pairs if p >= 0 and q >= 0]
        if pairs:
            P, Q = np.array(pairs).T
            rounds.append((P, Q))
        players = [players[0], players[-1], *players[1:-1]]
    return rounds


def _complete_orthonormal(U: np.ndarray, missing: np.ndarray) -> np.ndarray:
    """Replace the columns ``U[:, missing]`` by unit vectors orthogonal to every other column, deterministically.

    Each new column starts from the standard basis vector e_i that sticks out most of the current span
    (largest ``1 - sum_j U[i, j]**2``), then Gram-Schmidt is applied twice ("twice is enough").
    """
    U = U.copy()
    keep = np.setdiff1d(np.arange(U.shape[1]), missing)
    basis = U[:, keep]  # (m, r): orthonormal columns found so far
    for j in missing:
        outside = 1.0 - np.sum(basis**2, axis=1)  # (m,): squared distance of each e_i from span(basis)
        e = np.zeros(U.shape[0])
        e[int(np.argmax(outside))] = 1.0
        for _ in range(2):
            e = e - basis @ (basis.T @ e)  # (m, r) @ (r,) -> (m,): remove the components inside the span
        U[:, j] = e / _column_norms(e[:, None])[0]
        basis = np.column_stack([basis, U[:, j]])  # (m, r + 1)
    return U


def _rotation(na: np.ndarray, nb: np.ndarray, cos: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Cosine and sine of the rotations that make column pairs (a, b) orthogonal, from ||a||, ||b|| and cos(a, b).

    The README's formulas with alpha = ||a||^2, beta = ||b||^2, gamma = a^T b: zeta = (beta - alpha) / (2 gamma),
    t = tan(theta) = sign(zeta) / (|zeta| + sqrt(1 + zeta^2)), c = 1 / sqrt(1 + t^2), s = c t. zeta is evaluated
    through 1 / zeta = tan(2 theta) = sign(beta - alpha) 2 |cos| r / ((1 - r)(1 + r)) sign(cos), r = min / max of the
    norms (no squares of the norms, nothing overflows), and where |zeta| > 1 the same t is written with 1 / zeta:
    t = (1 / zeta) / (1 + sqrt(1 + (1 / zeta)^2)). Both forms add positive numbers only and keep |t| <= 1.
    """
    r = np.minimum(na, nb) / np.maximum(na, nb)  # (k,) in (0, 1]
    sign = np.where(nb >= na, 1.0, -1.0) * np.sign(cos)  # sign(beta - alpha) sign(gamma)
    with np.errstate(divide="ignore"):
        inv_zeta = sign * (2.0 * np.abs(cos) * r) / ((1.0 - r) * (1.0 + r))  # tan(2 theta); inf when na == nb
    large_zeta = np.abs(inv_zeta) < 1.0  # |zeta| > 1: use 1 / zeta, which cannot overflow
    zeta = 1.0 / np.where(large_zeta, 1.0, inv_zeta)  # |zeta| <= 1 where it is used
    sign_zeta = np.where(zeta >= 0.0, 1.0, -1.0)
    with np.errstate(invalid="ignore"):  # np.where computes both forms: inf / inf (unused) where na == nb
        t = np.where(
            large_zeta,
            inv_zeta / (1.0 + np.hypot(1.0, inv_zeta)),  # t with numerator and denominator divided by |zeta|
            sign_zeta / (np.abs(zeta) + np.hypot(1.0, zeta)),  # the smaller root of t^2 + 2 zeta t - 1 = 0
        )  # (k,) |t| <= 1, i.e. |theta| <= pi / 4
    c = 1.0 / np.hypot(1.0, t)
    return c, c * t


def _jacobi_tall(A: np.ndarray, tol: float, max_iter: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """One-sided Jacobi on a tall matrix (m >= n): returns W = A V with orthogonal columns, V, norms, sweeps."""
    n = A.shape[1]
    W = A.copy()  # (m, n): its columns become mutually orthogonal
    V = np.eye(n)  # (n, n): the product of all rotations, A V = W throughout
    # err[j] estimates the roundoff the rotations have put into column j (the stored data count as eps ||a_j||)
    err = _EPS * _column_norms(W)  # (n,)
    rounds = _round_robin_pairs(n)
    for sweep in range(1, max_iter + 1):
        rotated = False
        for P, Q in rounds:
            a, b = W[:, P], W[:, Q]  # (m, k) each: the pairs of columns of this round (copies)
            na, nb = _column_norms(a), _column_norms(b)  # (k,)
            # a column no larger than its own roundoff is noise (it arises in rank-deficient matrices, from
            # the cancellation in c a - s b); it is set to exactly zero, a change within the backward error
            for idx, x, nx in ((P, a, na), (Q, b, nb)):
                noise = (nx > 0) & (nx <= err[idx])
                if np.any(noise):
                    W[:, idx[noise]] = 0.0
                    x[:, noise], nx[noise], err[idx[noise]] = 0.0, 0.0, 0.0
            live = (na > 0) & (nb > 0)
            na_s, nb_s = np.where(live, na, 1.0), np.where(live, nb, 1.0)
            # cosine of the angle between the columns, from unit vectors: no squares of large or tiny numbers
            cos = np.where(live, np.sum((a / na_s) * (b / nb_s), axis=0), 0.0)  # (k,)
            act = np.abs(cos) > tol
            if not np.any(act):
                continue
            rotated = True
            P, Q, a, b, na, nb, cos = P[act], Q[act], a[:, act], b[:, act], na[act], nb[act], cos[act]
            c, s = _rotation(na, nb, cos)  # (k,) each
            # [a, b] @ [[c, s], [-s, c]]: the new columns are orthogonal in exact arithmetic
            W[:, P], W[:, Q] = c * a - s * b, s * a + c * b  # (m, k) each
            # the old errors are rotated with the columns (the rotation keeps ea^2 + eb^2), the new roundoff
            # of c a - s b and s a + c b is about eps (|c| na + |s| nb): errors of separate steps add in quadrature
            ea, eb = err[P], err[Q]
            err[P] = np.hypot(np.hypot(c * ea, s * eb), _EPS * (np.abs(c) * na + np.abs(s) * nb))
            err[Q] = np.hypot(np.hypot(s * ea, c * eb), _EPS * (np.abs(s) * na + np.abs(c) * nb))
            vp, vq = V[:, P], V[:, Q]  # (n, k) each
            V[:, P], V[:, Q] = c * vp - s * vq, s * vp + c * vq
        if not rotated:
            return W, V, _column_norms(W), sweep
    warnings.warn(
        f"svd: one-sided Jacobi did not converge in max_iter={max_iter} sweeps "
        f"(some column pair still has |cos| > tol={tol:.3g}); the result is the last iterate",
        RuntimeWarning,
        stacklevel=3,
    )
    return W, V, _column_norms(W), max_iter


def _sign_convention(U: np.ndarray, Vt: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The package's sign rule (``_conventions.largest_entry_signs``) applied to each right vector v_j (row of Vt);
    (u_j, v_j) -> (-u_j, -v_j) leaves u_j sigma_j v_j^T unchanged."""
    signs = largest_entry_signs(Vt.T)  # (p,)
    return U * signs, Vt * signs[:, None]


def svd(A, tol: float | None = None, max_iter: int = 60) -> SVDResult:
    r"""Thin singular value decomposition ``A = U @ np.diag(s) @ Vt``, singular values descending.

    Parameters
    ----------
    A : array_like of shape (m, n)
        Any real finite matrix: tall, wide, square, rank-deficient, zero, 1x1.
    tol : float, optional
        A column pair is rotated while the cosine of the angle between the two columns exceeds ``tol``.
        Default ``max(m, n) * eps`` (``eps = np.finfo(float).eps``); must lie in ``[eps, 1)``.
    max_iter : int, default 60
        Maximum number of sweeps (a sweep visits every column pair once). Usually 5-12 suffice.

    Returns
    -------
    SVDResult
        Named tuple ``(U, s, Vt)`` with ``p = min(m, n)``:

        - ``U`` : ndarray of shape (m, p), orthonormal columns (left singular vectors);
        - ``s`` : ndarray of shape (p,), singular values, ``s[0] >= s[1] >= ... >= 0``;
        - ``Vt`` : ndarray of shape (p, n), orthonormal rows (right singular vectors, transposed).

    Raises
    ------
    ValueError
        If ``A`` is not a non-empty finite 2-D array, or ``tol`` / ``max_iter`` are out of range.

    Warns
    -----
    RuntimeWarning
        If the rotations have not converged after ``max_iter`` sweeps (the last iterate is returned).

    Notes
    -----
    Algorithm (one-sided Jacobi, Hestenes 1958): for a wide matrix the SVD of ``A.T`` is computed and transposed
    back. For ``m >= n`` the columns of ``W = A`` are rotated in pairs, ``W <- W J``, accumulating
    ``V <- V J``, until every pair is orthogonal to ``tol``; then ``A V = W``, ``s_j = ||w_j||`` and
    ``u_j = w_j / s_j``. Columns that end exactly zero get a deterministic orthonormal completion in ``U``.
    The matrix is first scaled by a power of two (exact) and column norms are computed by scaling, so nothing
    overflows or underflows unless the entries span more than about 300 orders of magnitude.

    Accuracy: ``||U diag(s) Vt - A|| <= c p eps ||A||`` and ``U``, ``V`` orthonormal to ``c p eps`` (backward
    stable); moreover small singular values of column-scaled matrices ``A = B D`` are found to relative accuracy
    about ``eps * kappa(B)``, whatever ``D`` is (Demmel & Veselic 1992). ``A^T A`` is never formed.

    Sign convention: in each right singular vector ``v_j`` (row ``j`` of ``Vt``) the first entry whose magnitude
    is within a relative ``1e-8`` of the largest magnitude is positive; ``u_j`` follows. Singular vectors of
    repeated singular values are only defined up to a rotation of their subspace.

    See the derivation in ``linear_algebra/singular_value_decomposition/README.md``, sections "Derivation" and
    "Computing the SVD without forming A^T A".

    Examples
    --------
    >>> import numpy as np
    >>> A = np.array([[3.0, 0.0], [4.0, 5.0]])
    >>> U, s, Vt = svd(A)
    >>> np.round(s**2, 6)              # 45 and 5: sigma = 3 sqrt(5) and sqrt(5)
    array([45.,  5.])
    >>> np.round(Vt * np.sqrt(2), 6)   # v_1 = (1, 1)/sqrt(2), v_2 = (1, -1)/sqrt(2)
    array([[ 1.,  1.],
           [ 1., -1.]])
    >>> np.allclose(U @ np.diag(s) @ Vt, A)
    True
    """
    A = as_matrix(A, "A")
    m, n = A.shape
    if tol is None:
        tol = max(m, n) * _EPS
    if not isinstance(tol, numbers.Real) or not (_EPS <= tol < 1.0):
        raise ValueError(f"tol must be a real number in [eps, 1) with eps = {_EPS:.3g}, got {tol!r}")
    if isinstance(max_iter, bool) or not isinstance(max_iter, numbers.Integral) or max_iter < 1:
        raise ValueError(f"max_iter must be a positive integer, got {max_iter!r}")

    wide = m < n
    B = A.T if wide else A  # (M, N) with M >= N
    # exact power-of-two scaling so that max |b_ij| lies in [0.5, 1): no overflow in the rotations
    exponent = power_of_two_exponent(B)
    B = np.ldexp(B, -exponent)
    # entries below the smallest normal number (2.2e-308 of the largest) are far below eps ||A||: flush them
    B[np.abs(B) < np.finfo(float).tiny] = 0.0

    W, V, s, _ = _jacobi_tall(B, float(tol), int(max_iter))
    order = np.argsort(-s, kind="stable")  # descending, ties keep their column order
    W, V, s = W[:, order], V[:, order], s[order]
    zero = s < np.finfo(float).tiny  # exactly zero (or subnormal) columns carry no direction
    s = np.where(zero, 0.0, s)
    Ub = W / np.where(zero, 1.0, s)  # (M, N) / (N,) -> (M, N): u_j = w_j / sigma_j
    if np.any(zero):
        Ub = _complete_orthonormal(Ub, np.flatnonzero(zero))
    s = np.ldexp(s, exponent)  # undo the scaling of A

    # B = Ub diag(s) V^T; for a wide A, A = B^T = V diag(s) Ub^T
    U, Vt = (V, Ub.T) if wide else (Ub, V.T)
    U, Vt = _sign_convention(U, Vt)
    return SVDResult(U, s, Vt)


def low_rank_approximation(A, k: int) -> np.ndarray:
    r"""Best rank-``k`` approximation of ``A`` in the spectral and Frobenius norms (Eckart-Young).

    Parameters
    ----------
    A : array_like of shape (m, n)
        Real finite matrix.
    k : int
        Target rank, ``0 <= k <= min(m, n)``. ``k = 0`` gives the zero matrix, ``k = min(m, n)`` gives ``A``.

    Returns
    -------
    A_k : ndarray of shape (m, n)
        ``sum_{j < k} s_j u_j v_j^T``. Its errors are ``||A - A_k||_2 = s[k]`` (0 if ``k = min(m, n)``) and
        ``||A - A_k||_F = sqrt(s[k]**2 + s[k+1]**2 + ...)``; no matrix of rank at most ``k`` does better.

    Raises
    ------
    ValueError
        If ``A`` is not a finite 2-D array or ``k`` is outside ``[0, min(m, n)]``.
    TypeError
        If ``k`` is not an integer.

    Notes
    -----
    When ``s[k-1] == s[k]`` the best approximation is not unique; the one returned depends on the singular
    vectors chosen by :func:`svd`.

    See the derivation in ``linear_algebra/singular_value_decomposition/README.md``, section
    "Low-rank approximation (Eckart-Young)".

    Examples
    --------
    >>> A = np.array([[3.0, 0.0], [4.0, 5.0]])
    >>> low_rank_approximation(A, 1).round(6)
    array([[1.5, 1.5],
           [4.5, 4.5]])
    """
    A = as_matrix(A, "A")
    p = min(A.shape)
    if isinstance(k, bool) or not isinstance(k, numbers.Integral):
        raise TypeError(f"k must be an integer, got {type(k).__name__} {k!r}")
    if not 0 <= k <= p:
        raise ValueError(f"k={k} must satisfy 0 <= k <= min(m, n)={p} for A of shape {A.shape}")
    U, s, Vt = svd(A)
    return (U[:, :k] * s[:k]) @ Vt[:k]  # (m, k) * (k,) @ (k, n) -> (m, n): sum of k rank-one terms


def pinv(A, rcond: float | None = None) -> np.ndarray:
    r"""Moore-Penrose pseudo-inverse ``A^+ = V diag(1/s) U^T`` with small singular values cut off.

    Parameters
    ----------
    A : array_like of shape (m, n)
        Real finite matrix.
    rcond : float, optional
        Relative cutoff: singular values ``s_j <= rcond * s[0]`` are treated as zero. Default
        ``max(m, n) * eps``, the default of ``scipy.linalg.pinv`` and of ``numpy.linalg.pinv(A, rtol=None)``
        (plain ``numpy.linalg.pinv(A)`` uses ``1e-15`` instead). Must be finite and ``>= 0``.

    Returns
    -------
    A_pinv : ndarray of shape (n, m)
        Satisfies the four Penrose conditions ``A X A = A``, ``X A X = X``, ``(A X)^T = A X``, ``(X A)^T = X A``
        for the matrix with the cut singular values set to zero. ``A_pinv @ b`` is the minimum-norm least-squares
        solution of ``A x = b``.

    Raises
    ------
    ValueError
        If ``A`` is not a finite 2-D array or ``rcond`` is negative or not finite.

    See the derivation in ``linear_algebra/singular_value_decomposition/README.md``, section "Pseudo-inverse".

    Examples
    --------
    >>> B = np.array([[1.0, 2.0], [2.0, 4.0]])   # rank 1: B = (1, 2)^T (1, 2)
    >>> pinv(B).round(6)
    array([[0.04, 0.08],
           [0.08, 0.16]])
    """
    A = as_matrix(A, "A")
    m, n = A.shape
    if rcond is None:
        rcond = max(m, n) * _EPS
    if not isinstance(rcond, numbers.Real) or not np.isfinite(rcond) or rcond < 0:
        raise ValueError(f"rcond must be a finite real number >= 0, got {rcond!r}")
    U, s, Vt = svd(A)
    keep = s > rcond * s[0]  # (p,): False for all when A = 0
    inv_s = np.zeros_like(s)
    inv_s[keep] = 1.0 / s[keep]
    return (Vt.T * inv_s) @ U.T  # (n, p) * (p,) @ (p, m) -> (n, m)


def numerical_rank(A, tol: float | None = None) -> int:
    r"""Number of singular values of ``A`` above a threshold.

    Parameters
    ----------
    A : array_like of shape (m, n)
        Real finite matrix.
    tol : float, optional
        Absolute threshold: the rank counts ``s_j > tol``. Default ``s[0] * max(m, n) * eps``, the default of
        ``numpy.linalg.matrix_rank``: singular values below it are indistinguishable from roundoff in ``A``.
        With noisy data pass a threshold at the noise level instead (see the README). Must be finite and ``>= 0``.

    Returns
    -------
    rank : int
        Between 0 (the zero matrix) and ``min(m, n)``.

    Raises
    ------
    ValueError
        If ``A`` is not a finite 2-D array or ``tol`` is negative or not finite.

    See the derivation in ``linear_algebra/singular_value_decomposition/README.md``, section
    "Rank and numerical rank".

    Examples
    --------
    >>> numerical_rank([[1.0, 2.0], [2.0, 4.0]])
    1
    >>> numerical_rank([[1.0, 0.0], [0.0, 1e-9]], tol=1e-6)
    1
    """
    A = as_matrix(A, "A")
    if tol is not None and (not isinstance(tol, numbers.Real) or not np.isfinite(tol) or tol < 0):
        raise ValueError(f"tol must be a finite real number >= 0, got {tol!r}")
    s = svd(A).s
    if tol is None:
        tol = s[0] * max(A.shape) * _EPS
    return int(np.count_nonzero(s > tol))
