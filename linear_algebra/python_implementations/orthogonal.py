r"""Orthogonality and projections: Gram-Schmidt, orthogonal projectors, and the loss of orthogonality.

Gram-Schmidt comes in its two textbook variants, classical and modified, which agree in exact arithmetic and differ
in floating point: the measurement of that difference is :func:`orthogonality_loss`. Householder QR, the stable way
to an orthonormal basis, is :func:`qr`; it lives in ``eigen`` and is re-exported here, so both
``from linear_algebra.python_implementations.eigen import qr`` and ``... .orthogonal import qr`` work.
Projection onto one line is :func:`linear_algebra.python_implementations.vectors.project`; :func:`project_onto`
generalises it to the span of several columns, and :func:`projection_matrix` returns the matrix
$P = Q Q^\top$ that does it.

See the derivation in ``linear_algebra/orthogonality_and_projections/README.md``.
"""

from __future__ import annotations

import math

import numpy as np

from linear_algebra.python_implementations._validation import as_matrix, as_vector
from linear_algebra.python_implementations.eigen import eigh, qr
from linear_algebra.python_implementations.svd import svd
from linear_algebra.python_implementations.vectors import norm

__all__ = ["gram_schmidt", "orthogonality_loss", "project_onto", "projection_matrix", "qr"]

_EPS = np.finfo(float).eps
_METHODS = ("classical", "modified")


def _column_exponents(A: np.ndarray) -> np.ndarray:
    """Exponents ``e_k`` with ``max_i |a_ik| = f 2^e_k``, ``f`` in ``[0.5, 1)`` (0 for a zero column), shape (n,)."""
    amax = np.max(np.abs(A), axis=0)  # (m, n) -> (n,)
    return np.where(amax > 0, np.frexp(amax)[1], 0)


def gram_schmidt(A, method="modified"):
    r"""QR factorization $A = QR$ by Gram-Schmidt orthogonalization, classical or modified.

    Parameters
    ----------
    A : array_like of shape (m, n), with m >= n
        Real finite matrix whose columns are linearly independent. It is copied, never modified.
    method : {"modified", "classical"}, default "modified"
        ``"classical"`` (CGS) computes all coefficients of column $k$ from the original column,
        $r_{jk} = \mathbf{q}_j^\top \mathbf{a}_k$; ``"modified"`` (MGS) computes each from the partly
        orthogonalised vector, $r_{jk} = \mathbf{q}_j^\top \mathbf{v}$, removing one direction at a time.

    Returns
    -------
    Q : ndarray of shape (m, n)
        Columns that are orthonormal in exact arithmetic; in floating point see Notes.
    R : ndarray of shape (n, n)
        Upper triangular with a positive diagonal, $r_{kk} = \lVert \mathbf{v}_k \rVert$.

    Raises
    ------
    ValueError
        If ``A`` is not a non-empty finite 2-D array, is wide (m < n), or ``method`` is not one of the two names.
    numpy.linalg.LinAlgError
        If some column is exactly a combination of the previous ones (the remainder $\mathbf{v}_k$ is exactly
        zero, so $\mathbf{q}_k$ is undefined). A column that is only *nearly* dependent is not detected: its
        $\mathbf{q}_k$ is then dominated by rounding errors, which :func:`orthogonality_loss` reveals.

    Notes
    -----
    For $k = 1, \dots, n$: $\mathbf{v}_k = \mathbf{a}_k - \sum_{j<k} r_{jk} \mathbf{q}_j$,
    $r_{kk} = \lVert \mathbf{v}_k \rVert$, $\mathbf{q}_k = \mathbf{v}_k / r_{kk}$. Both variants cost about
    $2 m n^2$ flops and have a small residual, $\lVert A - QR \rVert \le c\, u \lVert A \rVert$; they differ in
    the orthogonality of $Q$, which degrades with the condition number $\kappa(A) = \sigma_1 / \sigma_n$:

    - modified: $\lVert I - Q^\top Q \rVert_2 \le c_1 u \kappa(A) / (1 - c_2 u \kappa(A))$ when
      $c_2 u \kappa(A) < 1$ (Björck 1967);
    - classical: about $u \kappa(A)^2$, proved for $c_2 u \kappa(A)^2 < 1$ (Giraud, Langou, Rozložník and
      van den Eshof 2005; Smoktunowicz, Barlow and Langou 2006 note that the proof needs $r_{kk}$ computed
      Cholesky-like, while this textbook version takes $r_{kk} = \lVert \mathbf{v}_k \rVert$); beyond
      $u \kappa(A)^2 \approx 1$ orthogonality is lost completely;
    - Householder (:func:`qr`): $\lVert I - Q^\top Q \rVert_2 \le c\, u$ whatever $\kappa(A)$ (Higham 2002, §19.3),

    with $c, c_1, c_2$ low-degree polynomials in $m$ and $n$ and $u$ the unit roundoff. Use Gram-Schmidt to learn
    and to orthogonalise a few vectors at a time (Krylov methods); use :func:`qr` when orthogonality matters.

    Each column is first multiplied by a power of two that brings its largest entry into $[0.5, 1)$, and $R$ is
    scaled back at the end. This changes no rounding error (scaling by a power of two is exact), but keeps the
    norms and coefficients of columns near ``1e300`` or ``1e-300`` from overflowing or underflowing.

    See the derivation in ``linear_algebra/orthogonality_and_projections/README.md``, sections
    "Gram-Schmidt" and "Loss of orthogonality in floating point".

    Examples
    --------
    >>> import numpy as np
    >>> A = np.array([[1.0, 1.0], [1.0, 0.0], [0.0, 1.0]])
    >>> Q, R = gram_schmidt(A)
    >>> np.round(Q * np.sqrt([2.0, 6.0]), 6)   # q1 = (1, 1, 0)/sqrt(2), q2 = (1, -1, 2)/sqrt(6)
    array([[ 1.,  1.],
           [ 1., -1.],
           [ 0.,  2.]])
    >>> np.round(R, 6)                          # [[sqrt(2), 1/sqrt(2)], [0, sqrt(3/2)]]
    array([[1.414214, 0.707107],
           [0.      , 1.224745]])
    >>> eps = 1e-8                               # Läuchli's matrix: 1 + eps^2 rounds to 1
    >>> L = np.array([[1, 1, 1], [eps, 0, 0], [0, eps, 0], [0, 0, eps]])
    >>> round(orthogonality_loss(gram_schmidt(L, "classical")[0]), 4)
    0.5
    >>> bool(orthogonality_loss(gram_schmidt(L, "modified")[0]) < 1e-7)
    True
    """
    if not isinstance(method, str) or method not in _METHODS:
        raise ValueError(f"method must be 'modified' or 'classical', got {method!r}")
    A = as_matrix(A, "A")
    m, n = A.shape
    if m < n:
        raise ValueError(
            f"A must have at least as many rows as columns (m >= n): n > m columns of R^m are always "
            f"dependent; got shape {A.shape}"
        )
    e = _column_exponents(A)  # (n,)
    A = np.ldexp(A, -e)  # (m, n) exact: column k divided by 2^e_k, largest entry in [0.5, 1)

    Q = np.zeros((m, n))
    R = np.zeros((n, n))
    for k in range(n):
        v = A[:, k].copy()  # (m,) starts as a_k
        if method == "classical":
            # every coefficient from the original column: r_jk = q_j^T a_k for all j < k at once
            R[:k, k] = Q[:, :k].T @ A[:, k]  # (k, m) @ (m,) -> (k,)
            v -= Q[:, :k] @ R[:k, k]  # (m, k) @ (k,) -> (m,)
        else:
            # one direction at a time, each coefficient from the current v: r_jk = q_j^T v
            for j in range(k):
                R[j, k] = Q[:, j] @ v  # (m,) @ (m,) -> scalar
                v -= R[j, k] * Q[:, j]  # (m,)
        R[k, k] = norm(v)
        if R[k, k] == 0.0:
            raise np.linalg.LinAlgError(
                f"A has linearly dependent columns: column {k} is exactly a combination of columns 0..{k - 1} "
                "(the remainder v_k is zero), so q_k is undefined; use qr or projection_matrix instead"
            )
        Q[:, k] = v / R[k, k]  # (m,)
    # A D = Q R' with D = diag(2^-e_k) gives A = Q (R' D^-1): column k of R times 2^e_k (exact)
    return Q, np.ldexp(R, e[None, :])


def _range_basis(A: np.ndarray) -> np.ndarray:
    """Orthonormal basis (m, r) of the numerical range of A: Householder QR, the rank decided on the SVD of R."""
    m, n = A.shape
    if m >= n:
        Q, R = qr(A)  # (m, n), (n, n): A = Q R, so range(A) = Q range(R)
        U, s, _ = svd(R)  # R = U diag(s) V^T: A = (Q U) diag(s) V^T, s are the singular values of A
    else:
        Q, (U, s, _) = np.eye(m), svd(A)  # wide: at most m independent columns, the SVD of A itself
    # numpy.linalg.matrix_rank's default tolerance (and scipy.linalg.orth's): s_j > s_max * max(m, n) * eps
    r = int(np.count_nonzero(s > s[0] * max(m, n) * _EPS))
    if m >= n and r == n:
        return Q  # full column rank: the Householder Q itself spans range(A)
    return Q @ U[:, :r]  # (m, p) @ (p, r) -> (m, r): the leading left singular vectors of A


def projection_matrix(A):
    r"""The orthogonal projector $P = Q Q^\top$ onto the column space $\mathrm{range}(A)$.

    Parameters
    ----------
    A : array_like of shape (m, n)
        Any real finite matrix: tall, square or wide, of full or deficient rank.

    Returns
    -------
    P : ndarray of shape (m, m)
        Symmetric ($P = P^\top$ exactly) and idempotent ($P^2 = P$ up to rounding), with $P A = A$ and
        $\mathrm{tr}(P) = \mathrm{rank}(A)$. $P \mathbf{y}$ is the point of $\mathrm{range}(A)$ closest to
        $\mathbf{y}$, and $I - P$ projects onto the orthogonal complement $\mathrm{null}(A^\top)$.

    Raises
    ------
    ValueError
        If ``A`` is not a non-empty finite 2-D array.

    Notes
    -----
    $Q$ holds an orthonormal basis of $\mathrm{range}(A)$, found by Householder QR (:func:`qr`), $A = Q_A R$.
    The rank is read from the singular values $\sigma_j$ of the small $n \times n$ factor $R$, which are those
    of $A$: $\sigma_j$ counts when $\sigma_j > \sigma_1 \max(m, n)\, \epsilon_{\mathrm{mach}}$, the default
    tolerance of ``numpy.linalg.matrix_rank`` and of ``scipy.linalg.orth``. With full column rank
    $Q = Q_A$; with rank $r < n$ (collinear features, a one-hot encoding plus an intercept),
    $Q = Q_A U_r$ with the leading $r$ left singular vectors $U_r$ of $R$, so $P$ projects onto the $r$
    directions that $A$ really spans. A wide $A$ (m < n) is handled by the SVD of $A$ itself. The zero matrix
    gives $P = 0$.

    $P$ depends only on the subspace, not on the basis: any orthonormal basis gives the same $Q Q^\top$. It is a
    well-conditioned function of $A$ when $\sigma_r \gg \sigma_{r+1}$; a computed $P$ is within about
    $c\, u\, \kappa$ of the exact one, $\kappa = \sigma_1 / \sigma_r$. $Q Q^\top$ is symmetrised
    ($P \leftarrow (P + P^\top)/2$, a change at roundoff level) so that $P = P^\top$ holds exactly.

    See the derivation in ``linear_algebra/orthogonality_and_projections/README.md``, section
    "Projection onto a subspace".

    Examples
    --------
    >>> import numpy as np
    >>> A = np.array([[1.0, 1.0], [1.0, 0.0], [0.0, 1.0]])
    >>> P = projection_matrix(A)
    >>> np.round(3 * P, 6)              # P = (1/3) [[2, 1, 1], [1, 2, -1], [1, -1, 2]]
    array([[ 2.,  1.,  1.],
           [ 1.,  2., -1.],
           [ 1., -1.,  2.]])
    >>> bool(np.allclose(P @ P, P)), bool(np.array_equal(P, P.T)), round(float(np.trace(P)), 6)
    (True, True, 2.0)
    >>> np.round(projection_matrix([[1.0, 2.0], [2.0, 4.0]]) * 5, 6)   # rank 1: the line through (1, 2)
    array([[1., 2.],
           [2., 4.]])
    """
    A = as_matrix(A, "A")
    Q = _range_basis(A)  # (m, r)
    P = Q @ Q.T  # (m, r) @ (r, m) -> (m, m)
    # exactly symmetric; "+ 0.0" turns signed zeros -0.0 into 0.0 (cosmetic, exact)
    return (P + P.T) / 2.0 + 0.0


def project_onto(y, A):
    r"""Orthogonal projection of $\mathbf{y}$ onto $\mathrm{range}(A)$: $P\mathbf{y} = Q (Q^\top \mathbf{y})$.

    Parameters
    ----------
    y : array_like of shape (m,)
        The vector to project.
    A : array_like of shape (m, n)
        Real finite matrix whose columns span the subspace (any rank, any shape; see :func:`projection_matrix`).

    Returns
    -------
    ndarray of shape (m,)
        The point $\hat{\mathbf{y}}$ of $\mathrm{range}(A)$ closest to $\mathbf{y}$. The residual
        $\mathbf{y} - \hat{\mathbf{y}}$ is orthogonal to every column of $A$; when $A$ is a design matrix $X$,
        $\hat{\mathbf{y}} = X\hat{\mathbf{w}}$ are the least-squares fitted values.

    Raises
    ------
    ValueError
        If ``y`` is not a non-empty finite 1-D vector, ``A`` is not a non-empty finite 2-D array, or
        ``len(y)`` differs from the number of rows of ``A``.

    Notes
    -----
    The orthonormal basis $Q$ is the one of :func:`projection_matrix` (Householder QR, rank from the singular
    values with numpy's tolerance). Computing $Q (Q^\top \mathbf{y})$ costs $4 m r$ flops after the basis and
    never forms the $m \times m$ matrix $P$. For a single column $\mathbf{a}$ the result is
    :func:`linear_algebra.python_implementations.vectors.project` ``(y, a)``, the projection onto a line.
    The rounding error is at most about $c\, m\, u \lVert \mathbf{y} \rVert$ plus the error of the basis.

    See the derivation in ``linear_algebra/orthogonality_and_projections/README.md``, section
    "Projection onto a subspace".

    Examples
    --------
    >>> import numpy as np
    >>> A = np.array([[1.0, 1.0], [1.0, 0.0], [0.0, 1.0]])
    >>> y = np.array([1.0, 2.0, 3.0])
    >>> y_hat = project_onto(y, A)
    >>> np.round(3 * y_hat, 6)               # (7, 2, 5) / 3
    array([7., 2., 5.])
    >>> np.round(3 * (y - y_hat), 6)         # the residual (-4, 4, 4) / 3 is orthogonal to both columns
    array([-4.,  4.,  4.])
    """
    y = as_vector(y, "y")
    A = as_matrix(A, "A")
    if y.shape[0] != A.shape[0]:
        raise ValueError(
            f"y must have one entry per row of A: got y of shape {y.shape} and A of shape {A.shape}"
        )
    Q = _range_basis(A)  # (m, r)
    return Q @ (Q.T @ y)  # (m, r) @ ((r, m) @ (m,) -> (r,)) -> (m,)


def orthogonality_loss(Q) -> float:
    r"""Loss of orthogonality $\lVert I - Q^\top Q \rVert_2$ of a matrix meant to have orthonormal columns.

    Parameters
    ----------
    Q : array_like of shape (m, n)
        Real finite matrix, typically the $Q$ factor of a computed QR factorization.

    Returns
    -------
    float
        $\lVert I_n - Q^\top Q \rVert_2 = \max_j \vert 1 - \sigma_j(Q)^2 \vert$ (with $\sigma_j = 0$ for
        $j > m$): 0 for exactly orthonormal columns, about $u$ for a good Householder $Q$, 1 or more when some
        direction is lost. ``inf`` when an entry of $Q^\top Q$ overflows (the loss then exceeds the largest
        double, since it is at least $\lVert Q \rVert_2^2 - 1$ and every entry of $Q^\top Q$ is at most
        $\lVert Q \rVert_2^2$).

    Raises
    ------
    ValueError
        If ``Q`` is not a non-empty finite 2-D array.

    Notes
    -----
    $E = I - Q^\top Q$ is symmetric, so its 2-norm is its eigenvalue of largest magnitude, computed with the
    package's Jacobi :func:`linear_algebra.python_implementations.eigen.eigh` (absolute error about
    $c\, n\, u \lVert E \rVert_2$). $E$ is symmetrised first (exactly, $(E + E^\top)/2$) because a matrix
    product need not return an exactly symmetric $Q^\top Q$. Forming $Q^\top Q$ itself rounds each entry by up
    to about $m\, u$, so losses below a few $m\, u$ measure that rounding rather than $Q$.

    See the derivation in ``linear_algebra/orthogonality_and_projections/README.md``, section
    "Loss of orthogonality in floating point".

    Examples
    --------
    >>> import numpy as np
    >>> bool(orthogonality_loss(np.array([[0.6, -0.8], [0.8, 0.6]])) < 1e-15)   # a rotation
    True
    >>> round(orthogonality_loss(2.0 * np.eye(3)), 6)            # ||I - 4 I|| = 3
    3.0
    >>> round(orthogonality_loss([[1.0, 1.0], [0.0, 0.0]]), 6)    # two equal unit columns: one direction lost
    1.0
    """
    Q = as_matrix(Q, "Q")
    n = Q.shape[1]
    with np.errstate(over="ignore", invalid="ignore"):
        E = np.eye(n) - Q.T @ Q  # (n, m) @ (m, n) -> (n, n)
    if not np.all(np.isfinite(E)):
        return math.inf  # some entry of Q^T Q overflowed: the loss itself exceeds the largest double
    E = (E + E.T) / 2.0  # exactly symmetric
    w, _ = eigh(E)  # ascending eigenvalues
    return float(max(abs(w[0]), abs(w[-1])))
