r"""Eigenvalues and eigenvectors from scratch: Householder QR, power iteration, Jacobi's symmetric eigensolver.

Everything here uses numpy arrays and the standard library only; ``numpy.linalg`` and ``scipy.linalg`` are the
references the tests compare against. The mathematics is in ``linear_algebra/eigenvalues_eigenvectors/README.md``.
"""

from __future__ import annotations

import math
import warnings
from typing import NamedTuple

import numpy as np

from linear_algebra.python_implementations._validation import as_matrix, as_square_matrix

__all__ = ["PowerHistory", "eigh", "power_iteration", "power_iteration_history", "qr"]

_EPS = np.finfo(float).eps


def _norm(x: np.ndarray) -> float:
    """Euclidean norm of a vector (or Frobenius norm of a matrix) without overflow or underflow.

    Squaring an entry of size 1e200 overflows, so the entries are first divided by the largest one:
    ||x|| = s * ||x / s|| with s = max |x_i|.
    """
    s = float(np.max(np.abs(x))) if x.size else 0.0
    if s == 0.0:
        return 0.0
    y = x / s
    return s * math.sqrt(float(np.sum(y * y)))


def _fix_sign(v: np.ndarray) -> np.ndarray:
    """Flip ``v`` so that its entry of largest magnitude (the first one on ties) is positive."""
    i = int(np.argmax(np.abs(v)))
    return -v if v[i] < 0 else v


# --------------------------------------------------------------------------------------------------------------
# Householder QR
# --------------------------------------------------------------------------------------------------------------


def qr(A):
    r"""Reduced QR factorization $A = QR$ by Householder reflections.

    Parameters
    ----------
    A : array_like of shape (m, n), with m >= n
        Real finite matrix. It is copied, never modified.

    Returns
    -------
    Q : ndarray of shape (m, n)
        Orthonormal columns: $Q^\top Q = I_n$.
    R : ndarray of shape (n, n)
        Upper triangular with a non-negative diagonal.

    Raises
    ------
    ValueError
        If ``A`` is not a non-empty finite 2-D array, or if it is wide (m < n).

    Notes
    -----
    Column ``k`` of the working matrix is reflected onto a multiple of $\mathbf{e}_1$ by
    $H_k = I - 2 \mathbf{v}_k \mathbf{v}_k^\top$ with the natural Householder sign
    $\mathbf{v}_k \propto \mathbf{x} + \mathrm{sign}(x_1) \lVert \mathbf{x} \rVert \mathbf{e}_1$ (no cancellation).
    Then $Q = H_1 H_2 \cdots H_n I_{m \times n}$ is accumulated backwards. A column that is already zero below the
    diagonal part (a zero vector $\mathbf{x}$) gets no reflector, so rank-deficient matrices are fine.

    Sign convention: after the reflections, every row $k$ of $R$ with $r_{kk} < 0$ is negated together with
    column $k$ of $Q$ (this leaves $QR$ unchanged). Hence $r_{kk} \ge 0$ for all $k$, and for a matrix of full
    column rank $(Q, R)$ is *the* unique reduced QR factorization with positive diagonal. ``numpy.linalg.qr``
    keeps LAPACK's natural signs instead, so its factors may differ from these by the signs of columns/rows.

    The algorithm is backward stable: $\lVert QR - A \rVert_F \le c\, m n\, \epsilon_{\mathrm{mach}}
    \lVert A \rVert_F$ and $\lVert Q^\top Q - I \rVert_F \le c\, m n\, \epsilon_{\mathrm{mach}}$ for a small
    constant $c$. Cost: about $4 m n^2 - \tfrac{4}{3} n^3$ flops.

    See the derivation in ``linear_algebra/eigenvalues_eigenvectors/README.md``, section "Householder QR".

    Examples
    --------
    >>> import numpy as np
    >>> A = np.array([[3.0, 0.6], [4.0, 5.8], [0.0, 4.0]])
    >>> Q, R = qr(A)
    >>> np.round(R, 6)
    array([[5., 5.],
           [0., 5.]])
    >>> np.round(Q, 6)
    array([[ 0.6 , -0.48],
           [ 0.8 ,  0.36],
           [ 0.  ,  0.8 ]])
    >>> bool(np.allclose(Q @ R, A)), bool(np.allclose(Q.T @ Q, np.eye(2)))
    (True, True)
    """
    A = as_matrix(A, "A")
    m, n = A.shape
    if m < n:
        raise ValueError(f"A must have at least as many rows as columns (m >= n), got shape {A.shape}")

    R = A  # as_matrix returned a private copy: reduce it in place to upper triangular form
    reflectors: list[np.ndarray | None] = []
    for k in range(n):
        x = R[k:, k]  # (m - k,) the part of column k on and below the diagonal
        if not np.any(x):
            reflectors.append(None)  # nothing to eliminate: H_k = I
            continue
        # v = x + sign(x_1) ||x|| e_1 adds two numbers of the same sign, so no cancellation; H_k x = -sign(x_1) ||x|| e_1.
        # Built from x / max|x_i| so that neither overflow nor underflow spoils the direction of v.
        v = x / np.max(np.abs(x))  # (m - k,)
        v[0] += math.copysign(_norm(v), v[0]) if v[0] != 0 else _norm(v)
        v /= math.sqrt(float(v @ v))  # unit vector (1 <= ||v|| <= 2 + sqrt: no overflow), so H_k = I - 2 v v^T
        # H_k R[k:, k:] = R - 2 v (v^T R):  (m-k,) outer ((m-k,) @ (m-k, n-k) -> (n-k,)) -> (m-k, n-k)
        R[k:, k:] -= 2.0 * np.outer(v, v @ R[k:, k:])
        R[k + 1 :, k] = 0.0  # exactly zero in exact arithmetic; store the zeros rather than roundoff
        reflectors.append(v)

    # Q = H_1 ... H_n I[:, :n], applied right to left. When H_k acts, the columns j < k of the partial product are
    # still e_j, which vanish in rows k:, so only the block Q[k:, k:] changes.
    Q = np.eye(m, n)  # (m, n)
    for k in range(n - 1, -1, -1):
        v = reflectors[k]
        if v is not None:
            Q[k:, k:] -= 2.0 * np.outer(v, v @ Q[k:, k:])  # (m-k,) outer (n-k,) -> (m-k, n-k)

    R = np.triu(R[:n, :])  # (n, n)
    # Sign convention r_kk >= 0: Q D D R = Q R with D = diag(+-1)
    d = np.where(np.diag(R) < 0, -1.0, 1.0)  # (n,)
    # "+ 0.0" turns the signed zeros -0.0 that the flips create into plain 0.0 (cosmetic, exact)
    return Q * d + 0.0, R * d[:, None] + 0.0
