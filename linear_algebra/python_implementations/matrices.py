r"""Matrices: the matrix product, LU factorisation with partial pivoting, linear solves, determinant, inverse.

The LU factorisation :math:`A = PLU` is the workhorse: once it is known, a linear system costs two triangular
solves, the determinant is the product of the pivots, and the inverse is :math:`n` solves. Everything is
numpy only; ``numpy.linalg`` and ``scipy.linalg`` are the references the tests compare with. Only the
exception class ``numpy.linalg.LinAlgError`` (a ``ValueError`` subclass) is borrowed, so that code written for
numpy catches our errors too.

See the derivations in ``linear_algebra/vectors_and_matrices/README.md``.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numpy.linalg import LinAlgError

from ._validation import as_array, as_matrix, as_square_matrix

__all__ = [
    "IllConditionedWarning",
    "back_substitution",
    "det",
    "forward_substitution",
    "inv",
    "lu",
    "matmul",
    "slogdet",
    "solve",
]

_MATMUL_METHODS = ("inner", "columns", "outer")


class IllConditionedWarning(RuntimeWarning):
    r"""Warned when a result was computed but its accuracy is in doubt: the matrix is close to singular.

    The message gives the estimated condition number :math:`\kappa`; expect to lose about
    :math:`\log_{10} \kappa` of the 16 significant digits. Silence it with
    ``warnings.simplefilter("ignore", IllConditionedWarning)`` or turn it into an error with ``"error"``.

    Examples
    --------
    >>> issubclass(IllConditionedWarning, RuntimeWarning)
    True
    """


def matmul(A, B, method: str = "outer") -> np.ndarray:
    r"""Matrix product :math:`C = AB`, computed in one of three equivalent ways.

    Parameters
    ----------
    A : array_like of shape (m, k)
        Left factor.
    B : array_like of shape (k, n) or (k,)
        Right factor; a 1-D ``B`` is a column vector and the result is then 1-D.
    method : {"outer", "columns", "inner"}, default "outer"
        Which view of the product the loop follows (all give the same numbers up to roundoff):

        - ``"inner"``: each entry is a row of ``A`` times a column of ``B``, :math:`c_{ij} = \sum_p a_{ip} b_{pj}`
          (a double loop over entries: slow, for small examples);
        - ``"columns"``: column ``j`` of ``C`` is a combination of the columns of ``A`` with weights
          :math:`b_{1j}, \dots, b_{kj}`;
        - ``"outer"``: ``C`` is the sum of ``k`` outer products, column ``p`` of ``A`` times row ``p`` of ``B``.

    Returns
    -------
    ndarray of shape (m, n), or (m,) if ``B`` is 1-D
        The product.

    Raises
    ------
    ValueError
        If ``A`` is not a finite non-empty 2-D matrix, ``B`` is not a finite non-empty 1-D or 2-D array, the inner
        dimensions differ (the message shows both shapes), or ``method`` is unknown.

    Notes
    -----
    Every view performs the same ``m n k`` multiplications and ``m n (k - 1)`` additions, about
    ``2 m n k`` flops. Each entry is a dot product of length ``k`` computed in floating point, so
    ``|fl(C) - C| <= k * u * |A| |B|`` entrywise (Higham, *Accuracy and Stability*, section 3.5).

    See the derivation in ``linear_algebra/vectors_and_matrices/README.md``, section "Three views of the matrix product".

    Examples
    --------
    >>> A = [[1.0, 2.0], [3.0, 4.0]]
    >>> B = [[5.0, 6.0], [7.0, 8.0]]
    >>> matmul(A, B)
    array([[19., 22.],
           [43., 50.]])
    >>> matmul(A, B, method="inner")
    array([[19., 22.],
           [43., 50.]])
    >>> matmul(A, [1.0, -1.0])
    array([-1., -1.])
    """
    A = as_matrix(A, "A")
    B = as_array(B, "B")
    if B.ndim not in (1, 2):
        raise ValueError(f"B must be a 1-D vector or a 2-D matrix, got an array of shape {B.shape}")
    if method not in _MATMUL_METHODS:
        raise ValueError(f"method must be one of {_MATMUL_METHODS}, got {method!r}")
    if A.shape[1] != B.shape[0]:
        raise ValueError(
            f"inner dimensions of A and B must agree (A is m x k, B is k x n), "
            f"got A of shape {A.shape} and B of shape {B.shape}"
        )
    vector = B.ndim == 1
    B2 = B[:, None] if vector else B  # (k,) -> (k, 1)
    m, k = A.shape
    n = B2.shape[1]
    C = np.zeros((m, n))
    if method == "inner":
        for i in range(m):
            for j in range(n):
                C[i, j] = np.sum(A[i, :] * B2[:, j])  # row i of A . column j of B
    elif method == "columns":
        for j in range(n):
            for p in range(k):
                C[:, j] += B2[p, j] * A[:, p]  # c_j = sum_p b_pj a_p: combination of columns of A
    else:
        for p in range(k):
            C += A[:, p, None] * B2[None, p, :]  # (m, 1) * (1, n) -> (m, n): outer product a_p b_p^T
    return C[:, 0] if vector else C


class _LUFactors(NamedTuple):
    """Compact LU: ``LU`` holds L below the diagonal (unit diagonal implied) and U on and above it;
    ``perm`` is the row order with ``A[perm] = L @ U``; ``sign`` is the determinant of the permutation."""

    LU: np.ndarray
    perm: np.ndarray
    sign: float


def _lu_factor(A: np.ndarray) -> _LUFactors:
    """Doolittle elimination with partial pivoting, right-looking, on a copy of a checked square matrix."""
    LU = A.copy()
    n = LU.shape[0]
    perm = np.arange(n)
    sign = 1.0
    for k in range(n - 1):
        # Partial pivoting: bring the entry of largest magnitude in column k (rows k..n-1) to the diagonal,
        # so that every multiplier l_ik = u_ik / u_kk satisfies |l_ik| <= 1.
        p = k + int(np.argmax(np.abs(LU[k:, k])))
        if LU[p, k] == 0.0:
            # The whole column below the diagonal is already zero: nothing to eliminate, the pivot u_kk is 0
            # and the matrix is singular. Skip the column, as LAPACK's dgetrf does.
            continue
        if p != k:
            LU[[k, p], :] = LU[[p, k], :]  # swaps the computed rows of L and the rows of U at once
            perm[[k, p]] = perm[[p, k]]
            sign = -sign
        LU[k + 1 :, k] /= LU[k, k]  # (n-k-1,) multipliers l_ik, stored where the zeros of U would be
        # Schur complement update: A22 <- A22 - l_21 u_12^T, an (n-k-1, 1) * (1, n-k-1) outer product.
        LU[k + 1 :, k + 1 :] -= LU[k + 1 :, k, None] * LU[None, k, k + 1 :]
    return _LUFactors(LU, perm, sign)


def lu(A) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""LU factorisation with partial pivoting, :math:`A = PLU`.

    Parameters
    ----------
    A : array_like of shape (n, n)
        A finite square matrix; singular matrices are allowed.

    Returns
    -------
    P : ndarray of shape (n, n)
        Permutation matrix.
    L : ndarray of shape (n, n)
        Unit lower triangular, every entry of magnitude at most 1.
    U : ndarray of shape (n, n)
        Upper triangular; a zero on its diagonal means ``A`` is singular.

    Raises
    ------
    ValueError
        If ``A`` is not a non-empty finite square matrix.

    Notes
    -----
    Gaussian elimination in the Doolittle form: at step ``k`` the row with the largest ``|a_ik|`` (``i >= k``)
    is swapped into position ``k``, the multipliers ``l_ik = a_ik / a_kk`` are stored, and ``l_ik`` times row
    ``k`` is subtracted from row ``i``. If column ``k`` has no nonzero entry on or below the diagonal, the step is
    skipped, as in LAPACK's ``dgetrf``, so singular matrices factor too. The cost is ``2 n^3 / 3`` flops. The
    computed factors satisfy ``P L U = A + E`` with ``|E| <= gamma_n |L| |U|`` (Higham, Theorem 9.3), which is
    small compared with ``A`` unless the growth factor ``max |u_ij| / max |a_ij|`` is large. The
    convention ``A = P L U`` is the one of ``scipy.linalg.lu``.

    See the derivation in ``linear_algebra/vectors_and_matrices/README.md``, section "LU factorisation with partial pivoting".

    Examples
    --------
    >>> P, L, U = lu([[2.0, 1.0], [4.0, 3.0]])
    >>> P
    array([[0., 1.],
           [1., 0.]])
    >>> L
    array([[1. , 0. ],
           [0.5, 1. ]])
    >>> U
    array([[ 4. ,  3. ],
           [ 0. , -0.5]])
    """
    A = as_square_matrix(A, "A")
    LU, perm, _ = _lu_factor(A)
    n = A.shape[0]
    L = np.tril(LU, k=-1) + np.eye(n)
    U = np.triu(LU)
    # A[perm] = L U, i.e. Pi A = L U with Pi = I[perm]; hence A = Pi^T L U and P = Pi^T.
    P = np.eye(n)[perm].T
    return P, L, U


def _rhs(b, n: int) -> np.ndarray:
    """Check a right-hand side of shape (n,) or (n, k) against a matrix of order n."""
    b = as_array(b, "b")
    if b.ndim not in (1, 2) or b.shape[0] != n:
        raise ValueError(
            f"b must have shape ({n},) or ({n}, k) to match A of shape ({n}, {n}), got shape {b.shape}"
        )
    return b


def forward_substitution(L, b, unit_diagonal: bool = False) -> np.ndarray:
    r"""Solve :math:`L\mathbf{x} = \mathbf{b}` for lower triangular :math:`L`, top row first.

    Parameters
    ----------
    L : array_like of shape (n, n)
        Lower triangular matrix; entries above the diagonal are ignored.
    b : array_like of shape (n,) or (n, k)
        Right-hand side(s).
    unit_diagonal : bool, default False
        Treat the diagonal of ``L`` as ones (as in the ``L`` of an LU factorisation) without reading it.

    Returns
    -------
    ndarray of the shape of ``b``
        The solution.

    Raises
    ------
    ValueError
        If ``L`` is not a finite square matrix or ``b`` does not match it.
    numpy.linalg.LinAlgError
        If a diagonal entry of ``L`` is zero (and ``unit_diagonal`` is False).

    Notes
    -----
    ``x_i = (b_i - sum_{j < i} l_ij x_j) / l_ii``: ``n^2`` flops. Backward stable: the computed ``x`` solves
    ``(L + E) x = b`` with ``|E| <= n u |L|`` (Higham, Theorem 8.5).

    See the derivation in ``linear_algebra/vectors_and_matrices/README.md``, section "Solving with the factors".

    Examples
    --------
    >>> forward_substitution([[2.0, 0.0], [1.0, 1.0]], [4.0, 3.0])
    array([2., 1.])
    """
    L = as_square_matrix(L, "L")
    n = L.shape[0]
    x = _rhs(b, n)  # a copy, overwritten row by row with the solution
    if not unit_diagonal and np.any(np.diag(L) == 0.0):
        raise LinAlgError(
            "L is singular: a diagonal entry is zero, so the triangular system has no unique solution"
        )
    for i in range(n):
        x[i] -= L[i, :i] @ x[:i]  # (i,) @ (i,) -> scalar, or (i,) @ (i, k) -> (k,)
        if not unit_diagonal:
            x[i] /= L[i, i]
    return x


def back_substitution(U, b) -> np.ndarray:
    r"""Solve :math:`U\mathbf{x} = \mathbf{b}` for upper triangular :math:`U`, bottom row first.

    Parameters
    ----------
    U : array_like of shape (n, n)
        Upper triangular matrix; entries below the diagonal are ignored.
    b : array_like of shape (n,) or (n, k)
        Right-hand side(s).

    Returns
    -------
    ndarray of the shape of ``b``
        The solution.

    Raises
    ------
    ValueError
        If ``U`` is not a finite square matrix or ``b`` does not match it.
    numpy.linalg.LinAlgError
        If a diagonal entry of ``U`` is zero.

    Notes
    -----
    ``x_i = (b_i - sum_{j > i} u_ij x_j) / u_ii`` for ``i = n, ..., 1``: ``n^2`` flops, backward stable like
    :func:`forward_substitution`.

    See the derivation in ``linear_algebra/vectors_and_matrices/README.md``, section "Solving with the factors".

    Examples
    --------
    >>> back_substitution([[2.0, 1.0], [0.0, 4.0]], [4.0, 8.0])
    array([1., 2.])
    """
    U = as_square_matrix(U, "U")
    n = U.shape[0]
    x = _rhs(b, n)
    if np.any(np.diag(U) == 0.0):
        raise LinAlgError(
            "U is singular: a diagonal entry is zero, so the triangular system has no unique solution"
        )
    for i in range(n - 1, -1, -1):
        x[i] -= U[i, i + 1 :] @ x[i + 1 :]  # (n-i-1,) @ (n-i-1,) -> scalar, or @ (n-i-1, k) -> (k,)
        x[i] /= U[i, i]
    return x


def _singularity_threshold(LU: np.ndarray) -> float:
    """Pivots at or below ``n * eps * max|u_ij|`` are treated as zero (see ``solve``)."""
    n = LU.shape[0]
    return n * np.finfo(float).eps * float(np.max(np.abs(np.triu(LU))))


def solve(A, b) -> np.ndarray:
    r"""Solve the square system :math:`A\mathbf{x} = \mathbf{b}` by LU with partial pivoting.

    Parameters
    ----------
    A : array_like of shape (n, n)
        A finite, nonsingular square matrix.
    b : array_like of shape (n,) or (n, k)
        One right-hand side, or ``k`` of them as columns.

    Returns
    -------
    ndarray of the shape of ``b``
        The solution ``x``.

    Raises
    ------
    ValueError
        If ``A`` is not a finite square matrix or ``b`` does not have ``n`` rows.
    numpy.linalg.LinAlgError
        If ``A`` is singular to working precision (the rule is in the Notes).

    Notes
    -----
    ``P L U = A`` turns ``A x = b`` into ``L y = P^T b`` (forward substitution) and ``U x = y`` (back
    substitution): ``2 n^3 / 3`` flops for the factorisation, then ``2 n^2`` per right-hand side.

    Singularity rule: the matrix is declared singular when some pivot satisfies
    ``|u_kk| <= n * eps * max_ij |u_ij|``. A pivot that small is indistinguishable from a pivot that would
    be exactly zero after perturbing ``A`` by its own rounding errors (of size about ``n * eps * max|U|``), so
    the solution would be dominated by noise. Exactly singular matrices, whose pivot column is skipped, have a
    zero pivot and always fail the rule. numpy's ``solve`` raises only for exact zeros and otherwise returns
    whatever the arithmetic gives, so our rule is stricter: the Hilbert matrix of order 11 (condition number
    about 5e14) is solved, order 13 (about 6e17) is refused, and order 12 sits near the boundary.

    See the derivation in ``linear_algebra/vectors_and_matrices/README.md``, section "Solving with the factors".

    Examples
    --------
    >>> solve([[2.0, 1.0], [4.0, 3.0]], [3.0, 7.0])
    array([1., 1.])
    """
    A = as_square_matrix(A, "A")
    n = A.shape[0]
    b = _rhs(b, n)
    LU, perm, _ = _lu_factor(A)
    pivots = np.abs(np.diag(LU))
    threshold = _singularity_threshold(LU)
    if np.any(pivots <= threshold):
        k = int(np.argmin(pivots))
        raise LinAlgError(
            f"A is singular to working precision: pivot u_{k + 1}{k + 1} = {LU[k, k]:.3g} is at or below "
            f"n * eps * max|U| = {threshold:.3g}"
        )
    y = forward_substitution(LU, b[perm], unit_diagonal=True)  # L y = P^T b; b[perm] = P^T b
    return back_substitution(LU, y)  # U x = y


def slogdet(A) -> tuple[float, float]:
    r"""Sign and natural logarithm of :math:`\lvert\det A\rvert`, safe from overflow and underflow.

    Parameters
    ----------
    A : array_like of shape (n, n)
        A finite square matrix.

    Returns
    -------
    sign : float
        ``1.0``, ``-1.0``, or ``0.0`` for a matrix with a zero pivot.
    logabsdet : float
        ``log |det A|``; ``-inf`` when ``sign`` is 0.

    Raises
    ------
    ValueError
        If ``A`` is not a non-empty finite square matrix.

    Notes
    -----
    ``det A = det P * prod_k u_kk`` with ``det P = +1 or -1``. Adding ``log |u_kk|`` instead of multiplying the
    pivots keeps the result finite when the determinant itself is far outside the floating-point range
    (``det(0.1 * I_400) = 1e-400``). Same convention as ``numpy.linalg.slogdet``.

    See the derivation in ``linear_algebra/vectors_and_matrices/README.md``, section "Determinant from the pivots".

    Examples
    --------
    >>> sign, logabsdet = slogdet(0.1 * np.eye(400))
    >>> sign, round(float(logabsdet / np.log(10)), 6)
    (1.0, -400.0)
    """
    A = as_square_matrix(A, "A")
    LU, _, sign = _lu_factor(A)
    u = np.diag(LU)
    if np.any(u == 0.0):
        return 0.0, -np.inf
    sign = sign * float(np.prod(np.sign(u)))
    return sign, float(np.sum(np.log(np.abs(u))))


def det(A) -> float:
    r"""Determinant :math:`\det A`, the signed product of the LU pivots.

    Parameters
    ----------
    A : array_like of shape (n, n)
        A finite square matrix.

    Returns
    -------
    float
        The determinant; ``0.0`` when elimination meets an exactly zero pivot column.

    Raises
    ------
    ValueError
        If ``A`` is not a non-empty finite square matrix.

    Notes
    -----
    ``det(P L U) = det P * det L * det U = (+-1) * 1 * prod_k u_kk``, computed in ``2 n^3 / 3`` flops instead of
    the ``n!`` terms of the Leibniz formula. The product overflows or underflows for moderate ``n``
    (``det(0.1 * I_400)`` is ``1e-400``, which rounds to 0); use :func:`slogdet` then. A tiny determinant does
    not mean a nearly singular matrix: ``det(0.1 * I_n)`` is tiny while ``0.1 * I_n`` is perfectly conditioned.

    See the derivation in ``linear_algebra/vectors_and_matrices/README.md``, section "Determinant from the pivots".

    Examples
    --------
    >>> det([[2.0, 1.0], [4.0, 3.0]])
    2.0
    >>> det([[1.0, 2.0], [2.0, 4.0]])
    0.0
    """
    A = as_square_matrix(A, "A")
    LU, _, sign = _lu_factor(A)
    return sign * float(np.prod(np.diag(LU)))


def inv(A) -> np.ndarray:
    r"""Inverse :math:`A^{-1}`, as the solution of :math:`AX = I_n`.

    Parameters
    ----------
    A : array_like of shape (n, n)
        A finite, nonsingular square matrix.

    Returns
    -------
    ndarray of shape (n, n)
        The inverse.

    Raises
    ------
    ValueError
        If ``A`` is not a non-empty finite square matrix.
    numpy.linalg.LinAlgError
        If ``A`` is singular to working precision (same rule as :func:`solve`).

    Notes
    -----
    One factorisation (``2 n^3 / 3`` flops) and ``n`` pairs of triangular solves (``2 n^2`` each), about
    ``8 n^3 / 3`` flops in all (LAPACK's ``getri`` gets down to ``2 n^3`` by exploiting the zeros of ``I``),
    against ``2 n^3 / 3 + 2 n^2`` for ``solve(A, b)``. To compute ``A^{-1} b`` call ``solve(A, b)``: it is
    cheaper and its residual ``||b - A x||`` is smaller (see the README section "Solve, do not invert").

    See the derivation in ``linear_algebra/vectors_and_matrices/README.md``, section "Solve, do not invert".

    Examples
    --------
    >>> inv([[2.0, 1.0], [4.0, 3.0]])
    array([[ 1.5, -0.5],
           [-2. ,  1. ]])
    """
    A = as_square_matrix(A, "A")
    return solve(A, np.eye(A.shape[0]))
