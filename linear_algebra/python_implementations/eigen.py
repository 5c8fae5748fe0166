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
from linear_algebra.python_implementations.vectors import norm

__all__ = ["PowerHistory", "eigh", "power_iteration", "power_iteration_history", "qr"]

_EPS = np.finfo(float).eps


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
    Then $Q = H_1 H_2 \cdots H_n I_{m \times n}$ is accumulated backwards. A column whose part $\mathbf{x}$ on and below
    the diagonal is zero gets no reflector ($H_k = I$), so rank-deficient matrices are fine.

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
        v[0] += math.copysign(norm(v), v[0]) if v[0] != 0 else norm(v)
        # now 1 <= ||v|| <= 2 sqrt(m): the plain sum of squares is safe. Unit v makes H_k = I - 2 v v^T
        v /= math.sqrt(float(v @ v))
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


def _power_of_two_scale(A: np.ndarray) -> float:
    """A power of two close to max |a_ij| (1.0 for the zero matrix): dividing by it is exact and keeps A in range."""
    amax = float(np.max(np.abs(A)))
    if amax == 0.0:
        return 1.0
    # amax = f 2^e with f in [0.5, 1), so |a_ij| / 2^e <= 1. For amax >= 2^1023, 2^e = 2^1024 is not a double:
    # use 2^1023 there, which leaves the scaled entries below 2 (still far from overflow).
    return math.ldexp(1.0, min(math.frexp(amax)[1], 1023))


def _fix_sign_columns(V: np.ndarray) -> np.ndarray:
    """Make, in every column, the first entry whose magnitude is within a factor 1 - 1e-8 of the column's largest
    magnitude positive. The tolerance keeps exact ties (such as (1, -1) / sqrt(2)) from being decided by roundoff."""
    absV = np.abs(V)  # (n, k)
    near_max = absV >= (1.0 - 1e-8) * np.max(absV, axis=0)  # (n, k) boolean
    i = np.argmax(near_max, axis=0)  # (k,) first near-maximal row of each column
    signs = np.where(V[i, np.arange(V.shape[1])] < 0, -1.0, 1.0)  # (k,)
    return V * signs + 0.0


# --------------------------------------------------------------------------------------------------------------
# Power iteration
# --------------------------------------------------------------------------------------------------------------


class PowerHistory(NamedTuple):
    """Every iterate of a power iteration run, for studying its convergence.

    Row ``k`` belongs to the vector obtained after ``k`` multiplications by ``A`` (row 0: the starting vector).
    """

    eigenvalues: np.ndarray  # (n_iter + 1,) Rayleigh quotients v_k^T A v_k
    eigenvectors: np.ndarray  # (n_iter + 1, n) unit vectors v_k, sign fixed as in power_iteration
    residuals: np.ndarray  # (n_iter + 1,) ||A v_k - lambda_k v_k||


def _random_start(A: np.ndarray, rng) -> np.ndarray:
    """Unit starting vector drawn from a standard normal (almost surely not orthogonal to any eigenvector)."""
    v = np.random.default_rng(rng).standard_normal(A.shape[0])  # (n,)
    return v / norm(v)


def _power_steps(A: np.ndarray, v: np.ndarray):
    """Yield (lambda_k, v_k, r_k) for k = 0, 1, 2, ...: v_{k+1} = A v_k / ||A v_k||, lambda_k = v_k^T A v_k."""
    while True:
        w = A @ v  # (n, n) @ (n,) -> (n,)
        lam = float(v @ w)  # Rayleigh quotient of the unit vector v
        yield lam, v, norm(w - lam * v)
        norm_w = norm(w)
        if norm_w > 0.0:  # A v = 0 means (0, v) is an exact eigenpair: keep v
            v = w / norm_w


def _check_iteration_args(tol, max_iter, name_max_iter: str = "max_iter") -> None:
    if isinstance(tol, bool) or not isinstance(tol, (int, float, np.integer, np.floating)):
        raise TypeError(f"tol must be a real number, got {type(tol).__name__}")
    if not (math.isfinite(tol) and tol >= 0):
        raise ValueError(f"tol must be a finite number >= 0, got {tol}")
    if isinstance(max_iter, bool) or not isinstance(max_iter, (int, np.integer)):
        raise TypeError(f"{name_max_iter} must be an integer, got {type(max_iter).__name__}")
    if max_iter < 1:
        raise ValueError(f"{name_max_iter} must be >= 1, got {max_iter}")


def power_iteration(A, tol=1e-10, max_iter=1000, rng=None):
    r"""Dominant eigenvalue (largest $\vert \lambda \vert$) and a unit eigenvector by power iteration.

    Parameters
    ----------
    A : array_like of shape (n, n)
        Real finite square matrix whose eigenvalue of largest magnitude is real and dominant: no other eigenvalue
        of the same magnitude differs from it. This holds for any symmetric matrix with
        $\lambda_{\max} \ne -\lambda_{\min}$ and for positive matrices (Perron-Frobenius). A repeated dominant
        eigenvalue (such as 3 in ``diag(3, 3, 1)``) is fine: the vector returned is then some unit vector of its
        eigenspace, which depends on the start.
    tol : float, default 1e-10
        Relative residual at which the iteration stops (see Notes). ``tol=0`` runs all ``max_iter`` steps
        unless the residual is exactly zero.
    max_iter : int, default 1000
        Maximum number of multiplications by ``A``.
    rng : None, int or numpy.random.Generator, optional
        Source of the random starting vector, passed to ``numpy.random.default_rng``.

    Returns
    -------
    eigenvalue : float
        The Rayleigh quotient $\lambda = \mathbf{v}^\top A \mathbf{v}$ of the final vector.
    eigenvector : ndarray of shape (n,)
        Unit vector $\mathbf{v}$ whose entry of largest magnitude is positive (among entries tied within a
        relative 1e-8, the first one).

    Raises
    ------
    ValueError
        If ``A`` is not a non-empty finite square matrix, ``tol`` is negative or not finite, or ``max_iter < 1``.
    TypeError
        If ``tol`` or ``max_iter`` has the wrong type.

    Warns
    -----
    RuntimeWarning
        If the stopping rule is not met after ``max_iter`` steps; the last estimate is returned. This happens when
        the two largest eigenvalues are close in magnitude, equal and opposite, or complex.

    Notes
    -----
    Iterates $\mathbf{v}_{k+1} = A \mathbf{v}_k / \lVert A \mathbf{v}_k \rVert$ from a random unit
    $\mathbf{v}_0$ and stops at the first $k$ with

    $\lVert A \mathbf{v}_k - \lambda_k \mathbf{v}_k \rVert \le \mathrm{tol} \cdot \lVert A \rVert_F$,
    $\lambda_k = \mathbf{v}_k^\top A \mathbf{v}_k$.

    For a symmetric $A$ this residual bounds the eigenvalue error: some eigenvalue lies within the residual of
    $\lambda_k$. The angle to the dominant eigenvector shrinks like $\vert \lambda_2 / \lambda_1 \vert^k$ (and
    for symmetric $A$ the eigenvalue error like $\vert \lambda_2 / \lambda_1 \vert^{2k}$). The zero matrix returns
    eigenvalue 0 at once. ``A`` is divided by a power of two near its largest entry before iterating (exact), so
    entries near the overflow threshold are safe.

    See the derivation in ``linear_algebra/eigenvalues_eigenvectors/README.md``, section "Power iteration".

    Examples
    --------
    >>> import numpy as np
    >>> A = np.array([[2.0, 1.0], [1.0, 2.0]])
    >>> lam, v = power_iteration(A, rng=0)
    >>> round(lam, 8)
    3.0
    >>> np.round(v, 6)
    array([0.707107, 0.707107])
    """
    A = as_square_matrix(A, "A")
    _check_iteration_args(tol, max_iter)
    scale = _power_of_two_scale(A)
    A = A / scale  # exact: dividing by a power of two
    threshold = tol * norm(A.ravel())
    steps = _power_steps(A, _random_start(A, rng))
    for _ in range(max_iter):
        lam, v, r = next(steps)
        if r <= threshold:
            break
    else:
        warnings.warn(
            f"power_iteration did not converge in max_iter={max_iter} steps: residual ||A v - lambda v|| = "
            f"{r * scale:.3g} > tol * ||A||_F = {threshold * scale:.3g}. Returning the last estimate; the two "
            "largest |eigenvalues| may be (nearly) equal, opposite or complex.",
            RuntimeWarning,
            stacklevel=2,
        )
    return lam * scale, _fix_sign_columns(v[:, None])[:, 0]


def power_iteration_history(A, n_iter, rng=None):
    r"""Run exactly ``n_iter`` steps of power iteration and return every iterate (for convergence studies).

    Parameters
    ----------
    A : array_like of shape (n, n)
        Real finite square matrix.
    n_iter : int
        Number of multiplications by ``A`` (>= 1).
    rng : None, int or numpy.random.Generator, optional
        Source of the random starting vector; the same ``rng`` gives the same start as ``power_iteration``.

    Returns
    -------
    PowerHistory
        Named tuple ``(eigenvalues, eigenvectors, residuals)`` of shapes ``(n_iter + 1,)``,
        ``(n_iter + 1, n)`` and ``(n_iter + 1,)``; row ``k`` is the iterate after ``k`` multiplications.
        Eigenvectors follow the sign convention of ``power_iteration``.

    Raises
    ------
    ValueError
        If ``A`` is not a non-empty finite square matrix or ``n_iter < 1``.
    TypeError
        If ``n_iter`` is not an integer.

    Notes
    -----
    No stopping rule and no warning: this is a measurement tool. The error of $\mathbf{v}_k$ decays like
    $\vert \lambda_2 / \lambda_1 \vert^k$ once the other components have died out.

    See the derivation in ``linear_algebra/eigenvalues_eigenvectors/README.md``, section "Power iteration".

    Examples
    --------
    >>> import numpy as np
    >>> h = power_iteration_history(np.diag([2.0, 1.0]), n_iter=30, rng=0)
    >>> h.eigenvectors.shape
    (31, 2)
    >>> bool(h.residuals[30] < 1e-8), round(float(h.eigenvalues[30]), 6)
    (True, 2.0)
    """
    A = as_square_matrix(A, "A")
    _check_iteration_args(0.0, n_iter, "n_iter")
    scale = _power_of_two_scale(A)
    steps = _power_steps(A / scale, _random_start(A, rng))
    lams, vecs, res = zip(*(next(steps) for _ in range(n_iter + 1)), strict=True)
    V = _fix_sign_columns(np.array(vecs).T).T  # (n_iter + 1, n)
    return PowerHistory(np.array(lams) * scale, V, np.array(res) * scale)


# --------------------------------------------------------------------------------------------------------------
# Symmetric eigendecomposition by cyclic Jacobi rotations
# --------------------------------------------------------------------------------------------------------------


def _check_symmetric(A: np.ndarray) -> None:
    n = A.shape[0]
    # Compare on A / 2^e (exact): entries at most 1, so A - A^T cannot overflow even for entries near 1e308.
    scale = _power_of_two_scale(A)
    S = A / scale
    asym = scale * norm((S - S.T).ravel())  # Frobenius norm of A - A^T
    allowed = 100 * n * _EPS * scale * norm(S.ravel())
    if asym > allowed:
        raise ValueError(
            f"A must be symmetric: ||A - A^T||_F = {asym:.3g} exceeds the allowed roundoff "
            f"100 n eps ||A||_F = {allowed:.3g} (n = {n})"
        )


def eigh(A, *, max_sweeps=50):
    r"""Eigenvalues and orthonormal eigenvectors of a real symmetric matrix, $A = V \Lambda V^\top$.

    Parameters
    ----------
    A : array_like of shape (n, n)
        Real finite symmetric matrix. Asymmetry up to roundoff, $\lVert A - A^\top \rVert_F \le 100\, n\,
        \epsilon_{\mathrm{mach}} \lVert A \rVert_F$, is accepted and the symmetric part $(A + A^\top)/2$ is used.
    max_sweeps : int, default 50
        Maximum number of Jacobi sweeps (one sweep visits every pair $p < q$ once). Convergence is quadratic and
        typically takes 5-10 sweeps.

    Returns
    -------
    w : ndarray of shape (n,)
        Eigenvalues in ascending order, as ``numpy.linalg.eigh`` returns them.
    V : ndarray of shape (n, n)
        Orthonormal eigenvectors, column ``V[:, i]`` belongs to ``w[i]``. Sign convention: in every column the
        entry of largest magnitude (the first of the entries tied with it within a relative 1e-8) is positive.

    Raises
    ------
    ValueError
        If ``A`` is not a non-empty finite square matrix, is not symmetric (the message gives
        $\lVert A - A^\top \rVert_F$), or ``max_sweeps < 1``.
    TypeError
        If ``max_sweeps`` is not an integer.

    Warns
    -----
    RuntimeWarning
        If some off-diagonal entry is still above the threshold after ``max_sweeps`` sweeps.

    Notes
    -----
    Cyclic Jacobi: for each pair $p < q$, a plane rotation $J$ in coordinates $p, q$ with
    $t = \tan\theta$ the smaller root of $t^2 + 2 \tau t - 1 = 0$, $\tau = (a_{qq} - a_{pp}) / (2 a_{pq})$,
    makes the entry $(p, q)$ of $J^\top A J$ zero; the rotations are accumulated in $V$. An entry is left alone
    once $\vert a_{pq} \vert \le \epsilon_{\mathrm{mach}} \sqrt{\vert a_{pp} \vert} \sqrt{\vert a_{qq} \vert}$
    (a relative threshold that keeps small eigenvalues of graded matrices accurate); the iteration ends after a
    sweep without rotation. Guarantees: $\lVert A V - V \Lambda \rVert_F \le c\, n\, \epsilon_{\mathrm{mach}}
    \lVert A \rVert_F$, $\lVert V^\top V - I \rVert_F \le c\, n\, \epsilon_{\mathrm{mach}}$ and
    $\vert w_i - \lambda_i \vert \le c\, n\, \epsilon_{\mathrm{mach}} \lVert A \rVert_2$. Each sweep costs about
    $6 n^3$ flops; the Python loop over pairs makes it suited to $n$ up to about 100.

    See the derivation in ``linear_algebra/eigenvalues_eigenvectors/README.md``, section "Jacobi's method for
    symmetric matrices".

    Examples
    --------
    >>> import numpy as np
    >>> w, V = eigh(np.array([[2.0, 1.0], [1.0, 2.0]]))
    >>> np.round(w, 6)
    array([1., 3.])
    >>> np.round(V, 6)
    array([[ 0.707107,  0.707107],
           [-0.707107,  0.707107]])
    """
    A = as_square_matrix(A, "A")
    if isinstance(max_sweeps, bool) or not isinstance(max_sweeps, (int, np.integer)):
        raise TypeError(f"max_sweeps must be an integer, got {type(max_sweeps).__name__}")
    if max_sweeps < 1:
        raise ValueError(f"max_sweeps must be >= 1, got {max_sweeps}")
    _check_symmetric(A)
    n = A.shape[0]
    scale = _power_of_two_scale(A)
    A = A / scale  # exact (a power of two); entries at most 1 in magnitude (below 2 for entries near 1e308)
    A = (A + A.T) / 2.0  # symmetric part, formed after scaling so that the sum cannot overflow
    V = np.eye(n)
    converged = n == 1
    for _ in range(max_sweeps if n > 1 else 0):
        rotated = False
        for p in range(n - 1):
            for q in range(p + 1, n):
                apq = A[p, q]
                app, aqq = A[p, p], A[q, q]
                if apq == 0.0 or abs(apq) <= _EPS * math.sqrt(abs(app)) * math.sqrt(abs(aqq)):
                    continue
                rotated = True
                # t = tan(theta) is the root of t^2 + 2 tau t - 1 = 0 of smaller magnitude (|theta| <= pi/4), written
                # without cancellation; hypot avoids overflow of tau^2 when a_pq is tiny
                tau = (aqq - app) / (2.0 * apq)
                t = math.copysign(1.0, tau) / (abs(tau) + math.hypot(1.0, tau))
                c = 1.0 / math.hypot(1.0, t)
                s = t * c
                # A <- A J: columns p and q are rotated, (n,) each
                ap, aq = A[:, p].copy(), A[:, q].copy()
                A[:, p] = c * ap - s * aq
                A[:, q] = s * ap + c * aq
                # J^T (A J) rotates rows p and q; by symmetry they equal the new columns outside the 2x2 block
                A[p, :] = A[:, p]
                A[q, :] = A[:, q]
                # the 2x2 block in closed form: the new a_pq is exactly zero, a_pp - t a_pq, a_qq + t a_pq
                A[p, p] = app - t * apq
                A[q, q] = aqq + t * apq
                A[p, q] = A[q, p] = 0.0
                # V <- V J accumulates the eigenvectors: (n,) columns
                vp, vq = V[:, p].copy(), V[:, q].copy()
                V[:, p] = c * vp - s * vq
                V[:, q] = s * vp + c * vq
        if not rotated:
            converged = True
            break
    if not converged:
        warnings.warn(
            f"eigh (Jacobi) did not converge in max_sweeps={max_sweeps} sweeps; the results may be inaccurate",
            RuntimeWarning,
            stacklevel=2,
        )
    w = np.diag(A) * scale  # (n,)
    order = np.argsort(w, kind="stable")
    return w[order], _fix_sign_columns(V[:, order])
