r"""Matrices: the matrix product, matrix norms, LU with partial pivoting, linear solves, determinant, inverse.

A matrix norm measures the largest factor by which a matrix stretches a vector; the condition number built from
it, :math:`\kappa(A) = \lVert A \rVert \lVert A^{-1} \rVert`, says how many digits a solve can lose. The LU
factorisation :math:`A = PLU` is the workhorse: once it is known, a linear system costs two triangular
solves, the determinant is the product of the pivots, and the inverse is :math:`n` solves. Everything is
numpy only; ``numpy.linalg`` and ``scipy.linalg`` are the references the tests compare with. Only the
exception class ``numpy.linalg.LinAlgError`` (a ``ValueError`` subclass) is borrowed, so that code written for
numpy catches our errors too.

See the derivations in ``linear_algebra/vectors_and_matrices/README.md``.
"""

from __future__ import annotations

import math
import numbers
import warnings
from typing import NamedTuple

import numpy as np
from numpy.linalg import LinAlgError

from ._conventions import power_of_two_exponent
from ._validation import as_array, as_matrix, as_square_matrix
from .vectors import norm

__all__ = [
    "IllConditionedWarning",
    "back_substitution",
    "det",
    "forward_substitution",
    "inv",
    "lu",
    "matmul",
    "matrix_norm",
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


_MATRIX_NORM_ORDS = "1, 2, np.inf or 'fro'"


def _norm1(A: np.ndarray) -> float:
    """||A||_1 = max_j sum_i |a_ij|, the largest column sum (the matrix norm induced by the vector 1-norm).

    Shared by :func:`matrix_norm` and the condition estimates of :func:`solve` and :func:`inv`. No scaling is
    needed: the terms are non-negative, so every partial sum is at most the final one, and a sum overflows only
    when the column sum itself exceeds the largest double; the result is then ``inf``.
    """
    with np.errstate(over="ignore"):
        return float(np.max(np.sum(np.abs(A), axis=0)))  # (m, n) -> (n,) column sums -> largest


def _norm_inf(A: np.ndarray) -> float:
    """||A||_inf = max_i sum_j |a_ij|, the largest row sum: the 1-norm of A^T."""
    return _norm1(A.T)


def _norm2(A: np.ndarray) -> float:
    """||A||_2 = sigma_max, from the package's SVD of A / 2^e (exact scaling), scaled back by 2^e."""
    from .svd import svd  # local import: the svd module may one day import this one

    e = power_of_two_exponent(A)  # max |a_ij| = f 2^e with f in [0.5, 1); 0 for the zero matrix
    sigma_max = float(svd(np.ldexp(A, -e)).s[0])  # of the scaled matrix: at most sqrt(m n), no overflow
    try:
        return math.ldexp(sigma_max, e)
    except OverflowError:  # sigma_max(A) itself exceeds the largest double
        return math.inf


def _check_matrix_ord(ord) -> float | str:
    """The order of a matrix norm: 1, 2, inf (any real type) or the string "fro"; bool and the rest refused."""
    if isinstance(ord, str):
        if ord == "fro":
            return ord
    elif isinstance(ord, numbers.Real) and not isinstance(ord, bool | np.bool_) and ord in (1, 2, math.inf):
        return float(ord)
    raise ValueError(f"ord must be one of {_MATRIX_NORM_ORDS}, got {ord!r}")


def matrix_norm(A, ord=2) -> float:
    r"""Matrix norm :math:`\lVert A \rVert_p` induced by a vector norm, or the Frobenius norm; no overflow.

    Parameters
    ----------
    A : array_like of shape (m, n)
        A finite real matrix, any shape (tall, wide, square, 1x1, zero).
    ord : {1, 2, np.inf, "fro"}, default 2
        Which norm:

        - ``1``: the largest column sum :math:`\max_j \sum_i \lvert a_{ij} \rvert`, induced by the vector 1-norm;
        - ``2``: the largest singular value :math:`\sigma_{\max}`, induced by the Euclidean norm (the largest
          stretch :math:`\max_{\lVert \mathbf{x} \rVert = 1} \lVert A\mathbf{x} \rVert`);
        - ``np.inf``: the largest row sum :math:`\max_i \sum_j \lvert a_{ij} \rvert`, induced by the
          :math:`\infty`-norm;
        - ``"fro"``: the Frobenius norm :math:`(\sum_{ij} a_{ij}^2)^{1/2}`, the 2-norm of the entries (not induced
          by any vector norm).

    Returns
    -------
    float
        The norm, ``0.0`` for the zero matrix; ``inf`` only when the true norm exceeds the largest double.

    Raises
    ------
    ValueError
        If ``A`` is not a non-empty finite 2-D array, or ``ord`` is not one of 1, 2, ``np.inf``, ``"fro"``.

    Notes
    -----
    Same values as ``numpy.linalg.norm(A, ord)`` for these four orders (numpy's default for a matrix is
    ``"fro"``; ours is 2, the norm the course writes :math:`\lVert A \rVert`). Cost: ``m n`` additions for 1,
    inf and "fro", a singular value decomposition (``O(m n min(m, n))`` flops, computed here by
    :func:`linear_algebra.python_implementations.svd.svd`) for 2.

    No overflow or underflow where the norm itself is representable. The 1- and inf-norms add non-negative terms,
    so no partial sum exceeds the result. The Frobenius norm is
    :func:`linear_algebra.python_implementations.vectors.norm` of the entries, which scales by the largest one
    before squaring. For the 2-norm, ``A`` is first divided by the smallest power of two ``2^e`` above
    ``max |a_ij|`` (exact: only exponents change), and :math:`\sigma_{\max}(A) = 2^e \sigma_{\max}(A / 2^e)`.
    Accuracy: a sum of ``k`` non-negative terms has a relative error of at most about ``k u``, so ``m u`` for 1,
    ``n u`` for inf and ``m n u`` for "fro" (in practice far less); for 2, ``c min(m, n) u`` with a modest ``c``
    (the SVD is backward stable, and a perturbation ``E`` moves every singular value by at most
    ``||E||_2``: Weyl's inequality).

    See the derivation in ``linear_algebra/vectors_and_matrices/README.md``, section "Matrix norms".

    Examples
    --------
    >>> A = [[3.0, 0.0], [4.0, 5.0]]
    >>> matrix_norm(A, 1), matrix_norm(A, np.inf)  # column sums 7, 5; row sums 3, 9
    (7.0, 9.0)
    >>> round(matrix_norm(A, 2) ** 2, 10), round(matrix_norm(A, "fro") ** 2, 10)  # 45 = (3 sqrt 5)^2; 50
    (45.0, 50.0)
    >>> print(f"{matrix_norm([[3e200, 0.0], [4e200, 5e200]], 'fro'):.6g}")  # squaring 3e200 would overflow
    7.07107e+200
    """
    p = _check_matrix_ord(ord)
    A = as_matrix(A, "A")
    if p == "fro":
        return norm(A.ravel(), 2)  # (m, n) -> (m n,): the Euclidean norm of all entries, scaled
    if p == 1.0:
        return _norm1(A)
    if p == math.inf:
        return _norm_inf(A)
    return _norm2(A)


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
    computed factors satisfy ``P L U = A + E`` with ``|E| <= gamma_n P |L| |U|`` (Higham, Theorem 9.3), which is
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


_U = np.finfo(float).eps / 2  # unit roundoff u = 2^-53


def _check_pivots(LU: np.ndarray) -> None:
    """Raise LinAlgError where elimination cannot continue: an exactly zero pivot, or a non-finite factor."""
    if not np.all(np.isfinite(LU)):
        raise LinAlgError(
            "A is too large to factor: elimination overflowed (an entry of U is inf or nan); "
            "scale A down by a power of two and solve again"
        )
    zero = np.flatnonzero(np.diag(LU) == 0.0)
    if zero.size:
        k = int(zero[0]) + 1  # counted from 1, as in the text
        raise LinAlgError(
            f"A is singular: pivot {k} of {LU.shape[0]} (u_kk with k = {k}) is exactly zero, "
            f"column {k} has no nonzero entry left on or below the diagonal"
        )


def _lu_solve(LU: np.ndarray, perm: np.ndarray, b: np.ndarray) -> np.ndarray:
    """x with A x = b from the compact factors A[perm] = L U: L y = P^T b, then U x = y."""
    y = forward_substitution(LU, b[perm], unit_diagonal=True)  # L y = P^T b; b[perm] = P^T b
    return back_substitution(LU, y)  # U x = y


def _lu_solve_transposed(LU: np.ndarray, perm: np.ndarray, c: np.ndarray) -> np.ndarray:
    """z with A^T z = c: A^T = U^T L^T Pi with Pi = I[perm], so U^T w = c, L^T v = w, z = Pi^T v."""
    n = LU.shape[0]
    w = forward_substitution(LU.T, c)  # U^T is lower triangular: (n,)
    v = back_substitution((np.tril(LU, k=-1) + np.eye(n)).T, w)  # L^T is unit upper triangular
    z = np.empty(n)
    z[perm] = v  # z = Pi^T v
    return z


def _inverse_norm1_estimate(LU: np.ndarray, perm: np.ndarray) -> float:
    """Estimate ||A^{-1}||_1 from the LU factors in O(n^2) flops (Hager 1984, with Higham's safeguard 1988).

    ||A^{-1}||_1 is the largest ||A^{-1} x||_1 over ||x||_1 = 1, reached at a column e_j. Starting from
    x = (1/n, ..., 1/n), each step computes y = A^{-1} x and the gradient z = A^{-T} sign(y) of x -> ||A^{-1} x||_1,
    and moves to the e_j with the largest |z_j| while that promises an increase (at most 5 steps, as LAPACK's
    dlacon). The result ||y||_1 is a lower bound, in practice within a factor 3 of the truth. Higham's extra vector
    with alternating signs and growing entries catches the rare matrices that fool the gradient steps.
    """
    n = LU.shape[0]
    with np.errstate(over="ignore", invalid="ignore"):
        x = np.full(n, 1.0 / n)  # (n,)
        for step in range(5):
            y = _lu_solve(LU, perm, x)  # (n,) A^{-1} x
            estimate = float(np.sum(np.abs(y)))
            z = _lu_solve_transposed(LU, perm, np.where(y >= 0.0, 1.0, -1.0))  # (n,) gradient
            j = int(np.argmax(np.abs(z)))
            if step > 0 and abs(z[j]) <= float(z @ x):  # no column promises more: a local maximum
                break
            x = np.zeros(n)
            x[j] = 1.0
        if n > 1:
            alternating = (-1.0) ** np.arange(n) * (1.0 + np.arange(n) / (n - 1))  # (n,), ||.||_1 = 3n/2 exactly
            extra = 2.0 * float(np.sum(np.abs(_lu_solve(LU, perm, alternating)))) / (3.0 * n)
            estimate = max(estimate, extra)
    return estimate if np.isfinite(estimate) else np.inf


def _warn_if_ill_conditioned(kappa: float, how: str) -> None:
    """IllConditionedWarning when rcond = 1 / kappa_1 < u, i.e. when the error bound kappa u exceeds 1."""
    if not kappa * _U < 1.0:  # also catches kappa = inf or nan
        warnings.warn(
            f"A is ill-conditioned: {how} condition number kappa_1(A) = ||A||_1 ||A^-1||_1 = {kappa:.1e} "
            f"exceeds 1/u = {1 / _U:.1e}, so the result may have no correct digit",
            IllConditionedWarning,
            stacklevel=3,
        )


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
        Where elimination cannot continue: a pivot is exactly zero (the message names it), the factorisation
        overflows, or the solution is not finite.

    Warns
    -----
    IllConditionedWarning
        If the estimated condition number :math:`\kappa_1(A) = \lVert A \rVert_1 \lVert A^{-1} \rVert_1`
        exceeds :math:`1/u \approx 9 \times 10^{15}` (see Notes). The solution is still returned.

    Notes
    -----
    ``P L U = A`` turns ``A x = b`` into ``L y = P^T b`` (forward substitution) and ``U x = y`` (back
    substitution): ``2 n^3 / 3`` flops for the factorisation, then ``2 n^2`` per right-hand side.

    Two questions are kept apart. *Can elimination continue?* Only an exactly zero pivot or an overflow stops it;
    any nonzero pivot, however small, gives an answer (``diag(1, 1e-17)`` is solved exactly), so the test does not
    depend on the scale of ``A``. *Is the answer accurate?* The solve is backward stable, and the relative error of
    ``x`` is at most about ``kappa u`` with ``u = 2^-53``. ``||A^{-1}||_1`` is estimated from the factors by Hager's
    method (a few extra triangular solves, ``O(n^2)``; a lower bound, in practice within a factor 3), and an
    :class:`IllConditionedWarning` is issued when ``rcond = 1 / kappa_1 < u``: the bound ``kappa u`` then exceeds 1
    and not one digit is guaranteed. This is the threshold of LAPACK's expert driver ``dgesvx`` and of
    ``scipy.linalg.solve``; ``numpy.linalg.solve`` raises only for exact zeros and never warns. The Hilbert matrix
    of order 11 passes silently, order 12 and 13 are solved with a warning.

    See the derivation in ``linear_algebra/vectors_and_matrices/README.md``, section "Solving with the factors".

    Examples
    --------
    >>> solve([[2.0, 1.0], [4.0, 3.0]], [3.0, 7.0])
    array([1., 1.])
    >>> solve([[1.0, 0.0], [0.0, 1e-17]], [1.0, 1e-17])  # tiny nonzero pivot: solved exactly (warns, kappa_1 = 1e17)
    array([1., 1.])
    """
    A = as_square_matrix(A, "A")
    n = A.shape[0]
    b = _rhs(b, n)
    with np.errstate(over="ignore", invalid="ignore"):  # an overflow is reported by _check_pivots
        LU, perm, _ = _lu_factor(A)
    _check_pivots(LU)
    with np.errstate(over="ignore", invalid="ignore"):
        x = _lu_solve(LU, perm, b)
    if not np.all(np.isfinite(x)):
        k = int(np.argmin(np.abs(np.diag(LU)))) + 1
        raise LinAlgError(
            f"A is singular to working precision: the solution overflowed (smallest pivot {k}, "
            f"u_kk = {LU[k - 1, k - 1]:.3g}, relative to the largest |u_ij| = {np.max(np.abs(np.triu(LU))):.3g})"
        )
    _warn_if_ill_conditioned(_norm1(A) * _inverse_norm1_estimate(LU, perm), "estimated")
    return x


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
        Where elimination cannot continue (same rule as :func:`solve`): an exactly zero pivot, an overflow, or
        an inverse that is not finite.

    Warns
    -----
    IllConditionedWarning
        If :math:`\kappa_1(A) = \lVert A \rVert_1 \lVert A^{-1} \rVert_1 > 1/u`. Here the inverse is at hand,
        so ``kappa_1`` is computed from it (not estimated): ``||A||_1 * ||inv(A)||_1``.

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
    n = A.shape[0]
    with np.errstate(over="ignore", invalid="ignore"):  # an overflow is reported by _check_pivots
        LU, perm, _ = _lu_factor(A)
    _check_pivots(LU)
    with np.errstate(over="ignore", invalid="ignore"):
        X = _lu_solve(LU, perm, np.eye(n))  # (n, n): column j solves A x_j = e_j
    if not np.all(np.isfinite(X)):
        raise LinAlgError(
            f"A is singular to working precision: its inverse overflowed (smallest |u_kk| = "
            f"{np.min(np.abs(np.diag(LU))):.3g}, largest |u_ij| = {np.max(np.abs(np.triu(LU))):.3g})"
        )
    _warn_if_ill_conditioned(_norm1(A) * _norm1(X), "computed")
    return X
