r"""Rank, the four fundamental subspaces of a matrix, and coordinates in a basis.

For :math:`A \in \mathbb{R}^{m \times n}` of rank :math:`r`, the singular value decomposition
:math:`A = U \Sigma V^\top` hands out orthonormal bases of all four fundamental subspaces at once: the first
:math:`r` columns of :math:`U` span the column space, the first :math:`r` columns of :math:`V` span the row space,
and the orthogonal complements of these two are the left null space and the null space. The rank itself is the
number of singular values above a threshold (the numerical rank). Everything here is built on the package's own
:func:`~linear_algebra.python_implementations.svd.svd` (one-sided Jacobi) and Householder
:func:`~linear_algebra.python_implementations.eigen.qr`; no ``numpy.linalg`` routine is called.

See the derivation in ``linear_algebra/vector_spaces_and_rank/README.md``.
"""

from __future__ import annotations

import numpy as np

from linear_algebra.python_implementations._conventions import largest_entry_signs
from linear_algebra.python_implementations._validation import as_matrix, as_vector
from linear_algebra.python_implementations.eigen import qr
from linear_algebra.python_implementations.matrices import back_substitution
from linear_algebra.python_implementations.svd import numerical_rank, svd
from linear_algebra.python_implementations.vectors import norm

__all__ = ["column_space", "coordinates", "left_null_space", "null_space", "rank", "row_space"]

_EPS = np.finfo(float).eps


def rank(A, tol: float | None = None) -> int:
    r"""Numerical rank of ``A``: the number of singular values above a threshold.

    Parameters
    ----------
    A : array_like of shape (m, n)
        Real finite matrix.
    tol : float, optional
        Absolute threshold: the rank counts the singular values ``s_j > tol``. Default
        ``s[0] * max(m, n) * eps`` with ``eps = np.finfo(float).eps``, the default of ``numpy.linalg.matrix_rank``
        (``S.max() * max(M, N) * eps``): a singular value below it cannot be told apart from the roundoff already in
        the stored ``A``. For measured data use a threshold at the noise level instead. Must be finite and ``>= 0``.

    Returns
    -------
    r : int
        Between 0 (the zero matrix) and ``min(m, n)``.

    Raises
    ------
    ValueError
        If ``A`` is not a non-empty finite 2-D array, or ``tol`` is negative or not finite.

    Notes
    -----
    This is :func:`linear_algebra.python_implementations.svd.numerical_rank` under the name this chapter uses:
    ``rank`` calls it and adds nothing, so the threshold rule lives in one place. The name says what the number
    means in the subspace picture, the dimension of the column space (and of the row space); ``numerical_rank``
    says how it is computed. In exact arithmetic the rank is the number of nonzero singular values; in floating
    point it depends on ``tol``, and the default follows numpy.

    See the derivation in ``linear_algebra/vector_spaces_and_rank/README.md``, section
    "Numerical rank versus exact rank".

    Examples
    --------
    >>> A = [[1.0, 2.0, 0.0, 1.0], [0.0, 0.0, 1.0, 1.0], [1.0, 2.0, 1.0, 2.0]]   # row 3 = row 1 + row 2
    >>> rank(A)
    2
    >>> rank([[1.0, 0.0], [0.0, 1e-9]]), rank([[1.0, 0.0], [0.0, 1e-9]], tol=1e-6)
    (2, 1)
    """
    return numerical_rank(A, tol)


def _orthogonal_complement(Q_r: np.ndarray) -> np.ndarray:
    r"""Orthonormal basis, shape (k, k - r), of the orthogonal complement of the span of ``Q_r`` (k, r).

    ``Q_r`` has orthonormal columns. Householder QR of the square matrix ``[Q_r, 0]`` (``k - r`` zero columns
    appended) uses ``r`` reflectors, ``[Q_r, 0] = (H_1 ... H_r) R``, and returns the whole orthogonal matrix
    ``Q = H_1 ... H_r`` (a zero column needs no reflector). Its first ``r`` columns span ``range(Q_r)``, so its last
    ``k - r`` columns are an orthonormal basis of the complement. Each column is then given the package's sign
    (its largest entry positive, as for singular vectors), so that a one-dimensional complement is unique.
    """
    k, r = Q_r.shape
    padded = np.zeros((k, k))
    padded[:, :r] = Q_r  # (k, k) = [Q_r, 0]
    Q, _ = qr(padded)  # (k, k) orthogonal, Q[:, :r] R[:r, :r] = Q_r
    N = Q[:, r:]  # (k, k - r)
    return N * largest_entry_signs(N)  # (k, k - r) * (k - r,): flip whole columns


def _rank_and_bases(A, tol: float | None) -> tuple[np.ndarray, np.ndarray]:
    r"""``U_r`` (m, r) and ``V_r`` (n, r): the leading singular vectors of ``A`` for the ``r = rank(A, tol)`` values.

    The rank comes from :func:`rank` (which validates ``A`` and ``tol``) and the vectors from :func:`svd`; both
    run the same deterministic SVD of the same matrix, so ``r`` and the singular vectors belong together.
    """
    r = rank(A, tol)
    U, _, Vt = svd(A)  # thin: U (m, p), Vt (p, n), p = min(m, n) >= r
    return U[:, :r], Vt[:r].T  # (m, r), (n, r)


def column_space(A, tol: float | None = None) -> np.ndarray:
    r"""Orthonormal basis of the column space (range) of ``A``: the first ``r`` left singular vectors.

    Parameters
    ----------
    A : array_like of shape (m, n)
        Real finite matrix.
    tol : float, optional
        Threshold of :func:`rank`; default ``s[0] * max(m, n) * eps`` as in ``numpy.linalg.matrix_rank``.

    Returns
    -------
    ndarray of shape (m, r)
        Orthonormal columns ``u_1, ..., u_r`` with ``r = rank(A, tol)``; every ``A @ x`` is a combination of them
        (up to the discarded singular values, which are ``<= tol``).

    Raises
    ------
    ValueError
        If ``A`` is not a non-empty finite 2-D array, or ``tol`` is negative or not finite.

    Notes
    -----
    From ``A = U diag(s) Vt``: ``A v_j = s_j u_j``, so the ``u_j`` with ``s_j > 0`` span everything ``A`` can
    reach. Same default threshold as ``scipy.linalg.orth`` (``rcond = max(m, n) * eps`` relative to ``s[0]``).
    The basis is unique only up to a rotation inside the subspace; compare subspaces through their projectors
    ``Q @ Q.T``. Accuracy: the computed subspace is within an angle of about ``eps * s[0] / (s[r-1] - s[r])`` of
    the exact one (Wedin), so it is well determined when there is a clear gap in the singular values.

    See the derivation in ``linear_algebra/vector_spaces_and_rank/README.md``, section
    "Orthonormal bases from the SVD".

    Examples
    --------
    >>> Q = column_space([[1.0, 2.0], [2.0, 4.0]])   # both columns are multiples of (1, 2)
    >>> Q.shape
    (2, 1)
    >>> np.round(Q[:, 0] * np.sqrt(5), 6)
    array([1., 2.])
    """
    U_r, _ = _rank_and_bases(A, tol)
    return U_r


def row_space(A, tol: float | None = None) -> np.ndarray:
    r"""Orthonormal basis of the row space of ``A`` (the column space of ``A.T``): the first ``r`` right singular vectors.

    Parameters
    ----------
    A : array_like of shape (m, n)
        Real finite matrix.
    tol : float, optional
        Threshold of :func:`rank`; default ``s[0] * max(m, n) * eps`` as in ``numpy.linalg.matrix_rank``.

    Returns
    -------
    ndarray of shape (n, r)
        Orthonormal columns ``v_1, ..., v_r`` with ``r = rank(A, tol)``; every row of ``A`` is a combination of
        them.

    Raises
    ------
    ValueError
        If ``A`` is not a non-empty finite 2-D array, or ``tol`` is negative or not finite.

    Notes
    -----
    From ``A.T = V diag(s) U.T``: ``A.T u_j = s_j v_j``. The row space is the part of the input space that ``A``
    does not flatten: ``A`` maps it one-to-one onto the column space.

    See the derivation in ``linear_algebra/vector_spaces_and_rank/README.md``, section
    "Orthonormal bases from the SVD".

    Examples
    --------
    >>> Q = row_space([[1.0, 2.0], [2.0, 4.0]])   # both rows are multiples of (1, 2)
    >>> np.round(Q[:, 0] * np.sqrt(5), 6)
    array([1., 2.])
    """
    _, V_r = _rank_and_bases(A, tol)
    return V_r


def null_space(A, tol: float | None = None) -> np.ndarray:
    r"""Orthonormal basis of the null space of ``A``: the orthogonal complement of the row space.

    Parameters
    ----------
    A : array_like of shape (m, n)
        Real finite matrix.
    tol : float, optional
        Threshold of :func:`rank`; default ``s[0] * max(m, n) * eps`` as in ``numpy.linalg.matrix_rank``.

    Returns
    -------
    N : ndarray of shape (n, n - r)
        Orthonormal columns spanning ``{x : A x = 0}`` (numerically: ``||A @ N||_2 <= tol`` up to roundoff of
        order ``eps * s[0]``), with ``r = rank(A, tol)``. Shape ``(n, 0)`` when ``A`` has full column rank.

    Raises
    ------
    ValueError
        If ``A`` is not a non-empty finite 2-D array, or ``tol`` is negative or not finite.

    Notes
    -----
    Rank-nullity: ``r + (n - r) = n``. In the full SVD the null space is spanned by the last ``n - r`` right
    singular vectors. The package's :func:`svd` is thin (it returns only ``min(m, n)`` right singular vectors, too
    few when ``m < n``), so the basis is computed the same way for every shape: as the orthogonal complement of
    the row space basis ``V_r``, from the Householder QR of ``[V_r, 0]`` (see ``_orthogonal_complement``). It spans
    the same subspace as ``v_{r+1}, ..., v_n`` (the complement is unique), with possibly different basis vectors.
    Sign convention: the largest entry of each column is positive (this fixes a one-dimensional null space
    completely; a larger one is defined only up to a rotation). Same default threshold as
    ``scipy.linalg.null_space``.

    See the derivation in ``linear_algebra/vector_spaces_and_rank/README.md``, section
    "Orthonormal bases from the SVD".

    Examples
    --------
    >>> A = [[1.0, 2.0, 0.0, 1.0], [0.0, 0.0, 1.0, 1.0], [1.0, 2.0, 1.0, 2.0]]
    >>> N = null_space(A)
    >>> N.shape                                   # n - r = 4 - 2
    (4, 2)
    >>> bool(np.allclose(np.array(A) @ N, 0.0)), bool(np.allclose(N.T @ N, np.eye(2)))
    (True, True)
    """
    _, V_r = _rank_and_bases(A, tol)
    return _orthogonal_complement(V_r)


def left_null_space(A, tol: float | None = None) -> np.ndarray:
    r"""Orthonormal basis of the left null space ``{y : A.T y = 0}``: the orthogonal complement of the column space.

    Parameters
    ----------
    A : array_like of shape (m, n)
        Real finite matrix.
    tol : float, optional
        Threshold of :func:`rank`; default ``s[0] * max(m, n) * eps`` as in ``numpy.linalg.matrix_rank``.

    Returns
    -------
    ndarray of shape (m, m - r)
        Orthonormal columns ``y`` with ``y @ A = 0`` (up to ``tol`` and roundoff), ``r = rank(A, tol)``. Shape
        ``(m, 0)`` when ``A`` has full row rank.

    Raises
    ------
    ValueError
        If ``A`` is not a non-empty finite 2-D array, or ``tol`` is negative or not finite.

    Notes
    -----
    ``r + (m - r) = m``. Computed as the orthogonal complement of the column space basis ``U_r`` by the
    Householder QR of ``[U_r, 0]``: the thin SVD of a tall matrix returns only ``n`` of the ``m`` left singular
    vectors. Same sign convention as :func:`null_space`. A vector ``b`` lies in the column space (``A x = b`` is solvable) exactly when it is orthogonal to
    every column of this basis.

    See the derivation in ``linear_algebra/vector_spaces_and_rank/README.md``, section
    "Orthonormal bases from the SVD".

    Examples
    --------
    >>> A = [[1.0, 2.0, 0.0, 1.0], [0.0, 0.0, 1.0, 1.0], [1.0, 2.0, 1.0, 2.0]]   # row 1 + row 2 - row 3 = 0
    >>> Y = left_null_space(A)
    >>> Y.shape
    (3, 1)
    >>> np.round(Y[:, 0] * np.sqrt(3), 6)       # (1, 1, -1) / sqrt(3), the first largest entry positive
    array([ 1.,  1., -1.])
    """
    U_r, _ = _rank_and_bases(A, tol)
    return _orthogonal_complement(U_r)


def coordinates(x, B) -> np.ndarray:
    r"""Coordinates ``c`` of ``x`` in the basis formed by the columns of ``B``: the unique ``c`` with ``B @ c = x``.

    Parameters
    ----------
    x : array_like of shape (n,)
        Finite real vector.
    B : array_like of shape (n, k)
        Its ``k <= n`` columns must be linearly independent (numerical rank ``k`` under the default threshold of
        :func:`rank`). For ``k < n`` they are a basis of a subspace, which must contain ``x``.

    Returns
    -------
    c : ndarray of shape (k,)
        ``x = c[0] * B[:, 0] + ... + c[k-1] * B[:, k-1]``.

    Raises
    ------
    ValueError
        If an argument is not a finite array of the right dimension, the lengths disagree, the columns of ``B``
        are not linearly independent (``B`` is not a basis), or ``x`` is not in the span of the columns of ``B``.

    Notes
    -----
    ``B = Q R`` (Householder QR), then ``R c = Q^T x`` by back substitution: ``Q^T x`` are the coordinates in the
    orthonormal basis ``Q``, and ``R`` converts them to the basis ``B``. For square ``B`` this is ``c = B^{-1} x``
    without forming the inverse.

    Membership test: ``x`` is accepted as a member of the span when the residual is at the level of roundoff,

    ``||x - B c|| <= 10 * max(n, k) * eps * (||B||_F ||c|| + ||x||)``,

    that is, when ``c`` solves ``(B + dB) c = x + dx`` exactly with relative perturbations ``||dB||_F / ||B||_F`` and
    ``||dx|| / ||x||`` of at most ``10 * max(n, k) * eps`` (the left side over the bracket is the normwise backward
    error of Rigal and Gaches). The factor: evaluating ``x - B c`` alone can leave up to ``(k + 1) u`` times the
    bracket (``u = eps / 2``), and the Householder solve adds a backward error of a modest multiple of ``n u``;
    ``10 * max(n, k) * eps`` covers both with room. A vector farther from the span than that is refused: its
    "coordinates" would only be those of its projection. The error in ``c`` itself is about ``eps`` times the
    condition number of ``B``.

    See the derivation in ``linear_algebra/vector_spaces_and_rank/README.md``, section
    "Coordinates and change of basis".

    Examples
    --------
    >>> B = [[1.0, 1.0], [1.0, -1.0]]             # the basis (1, 1), (1, -1) of R^2
    >>> np.round(coordinates([3.0, 1.0], B), 12)  # (3, 1) = 2 (1, 1) + 1 (1, -1)
    array([2., 1.])
    >>> P = [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]  # a plane in R^3
    >>> np.round(coordinates([2.0, 3.0, 5.0], P), 12)
    array([2., 3.])
    """
    x = as_vector(x, "x")
    B = as_matrix(B, "B")
    n, k = B.shape
    if x.shape[0] != n:
        raise ValueError(f"x must have length n = {n} (the number of rows of B), got length {x.shape[0]}")
    if k > n:
        raise ValueError(
            f"B must have at most as many columns as rows to be a basis (k <= n), got shape {B.shape}: "
            f"{k} vectors in R^{n} are always linearly dependent"
        )
    r = rank(B)
    if r < k:
        raise ValueError(
            f"B is not a basis: its {k} columns are linearly dependent "
            f"(numerical rank {r} < {k} with the default threshold s[0] * max(n, k) * eps)"
        )
    Q, R = qr(B)  # (n, k), (k, k): B = Q R, R invertible
    with np.errstate(over="ignore", invalid="ignore"):  # an overflow is reported below as a ValueError
        c = back_substitution(R, Q.T @ x)  # (k, n) @ (n,) -> (k,), then R c = Q^T x
    scale = norm(B.ravel()) * norm(c) + norm(x) if np.all(np.isfinite(c)) else np.inf  # ||B||_F ||c|| + ||x||
    if not np.isfinite(scale):
        raise ValueError(
            "the coordinates of x in the basis B overflow: c or ||B||_F ||c|| is not finite (scale x or B first)"
        )
    residual = x - B @ c  # (n,) - (n, k) @ (k,) -> (n,)
    bound = 10 * max(n, k) * _EPS * scale  # backward error allowed: roundoff of the solve and of the residual
    if norm(residual) > bound:
        raise ValueError(
            f"x is not in the span of the columns of B: the residual ||x - B c|| = {norm(residual):.3g} exceeds "
            f"10 * max(n, k) * eps * (||B||_F ||c|| + ||x||) = {bound:.3g}"
        )
    return c
