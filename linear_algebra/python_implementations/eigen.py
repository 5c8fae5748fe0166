r"""Eigenvalues and eigenvectors from scratch: Householder QR, power iteration, Jacobi's symmetric eigensolver.

Everything here uses numpy arrays and the standard library only; ``numpy.linalg`` and ``scipy.linalg`` are the
references the tests compare against. The mathematics is in ``linear_algebra/eigenvalues_eigenvectors/README.md``.
"""

from __future__ import annotations

import math
import warnings
from typing import NamedTuple

import numpy as np

from linear_algebra.python_implementations._conventions import largest_entry_signs, power_of_two_exponent
from linear_algebra.python_implementations._validation import as_matrix, as_square_matrix, as_vector
from linear_algebra.python_implementations.vectors import norm

__all__ = ["PowerHistory", "convergence_rate", "eigh", "power_iteration", "power_iteration_history", "qr"]

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


def _unscale(x: float, e: int) -> float:
    """x 2^e for a result computed on A / 2^e (exact, or inf beyond the largest double, without an exception)."""
    with np.errstate(over="ignore"):
        return float(np.ldexp(x, e))


def _fix_sign_columns(V: np.ndarray) -> np.ndarray:
    """Apply the package's sign convention (``_conventions.largest_entry_signs``) to every column of ``V``."""
    return V * largest_entry_signs(V) + 0.0  # "+ 0.0": no signed zeros -0.0


# --------------------------------------------------------------------------------------------------------------
# Power iteration
# --------------------------------------------------------------------------------------------------------------


class PowerHistory(NamedTuple):
    """Every iterate of a power iteration run, for studying its convergence.

    Row ``k`` belongs to the vector obtained after ``k`` multiplications by ``A`` (row 0: the starting vector).
    """

    eigenvalues: np.ndarray  # (n_iter + 1,) Rayleigh quotients v_k^T A v_k
    eigenvectors: np.ndarray  # (n_iter + 1, n) unit vectors v_k, sign fixed as in power_iteration
    residuals: np.ndarray  # (n_iter + 1,) ||A v_k - lambda^(k) v_k||


def _start(A: np.ndarray, rng, v0) -> np.ndarray:
    """The unit starting vector: ``v0 / ||v0||`` if given, else a standard normal draw from ``rng`` (almost surely
    not orthogonal to any eigenvector)."""
    n = A.shape[0]
    if v0 is None:
        v = np.random.default_rng(rng).standard_normal(n)  # (n,)
    else:
        v = as_vector(v0, "v0")
        if v.shape != (n,):
            raise ValueError(f"v0 must have length n = {n} to match A of shape {A.shape}, got shape {v.shape}")
        if not np.any(v):
            raise ValueError("v0 must not be the zero vector (it has no direction to iterate)")
    return v / norm(v)


def _power_steps(A: np.ndarray, v: np.ndarray):
    """Yield (lambda^(k), v_k, r_k) for k = 0, 1, 2, ...: v_{k+1} = A v_k / ||A v_k||, and the Rayleigh quotient
    lambda^(k) = v_k^T A v_k."""
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


def power_iteration(A, tol=1e-10, max_iter=1000, rng=None, v0=None):
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
        Source of the random starting vector, passed to ``numpy.random.default_rng``. Ignored when ``v0`` is given.
    v0 : array_like of shape (n,), optional
        Starting vector (any nonzero length; it is normalized). Default: a random vector drawn from ``rng``. A
        fixed start such as $\mathbf{e}_1$ reproduces a hand calculation step by step.

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
        If ``A`` is not a non-empty finite square matrix, ``tol`` is negative or not finite, ``max_iter < 1``, or
        ``v0`` is not a finite nonzero vector of length n.
    TypeError
        If ``tol`` or ``max_iter`` has the wrong type.

    Warns
    -----
    RuntimeWarning
        If the stopping rule is not met after ``max_iter`` steps; the last estimate is returned. This happens when
        the two largest eigenvalues are close in magnitude, equal and opposite, or complex.

    Notes
    -----
    Iterates $\mathbf{v}_{k+1} = A \mathbf{v}_k / \lVert A \mathbf{v}_k \rVert$ from the unit
    $\mathbf{v}_0$ (``v0`` normalized, or random) and stops at the first $k$ with

    $\lVert A \mathbf{v}_k - \lambda^{(k)} \mathbf{v}_k \rVert \le \mathrm{tol} \cdot \lVert A \rVert_F$,
    with the Rayleigh quotient $\lambda^{(k)} = \mathbf{v}_k^\top A \mathbf{v}_k$ (the README's notation:
    $\lambda_1, \lambda_2, \dots$ are the eigenvalues, largest magnitude first).

    For a symmetric $A$ this residual bounds the eigenvalue error: some eigenvalue lies within the residual of
    $\lambda^{(k)}$. The angle to the dominant eigenvector shrinks like $\vert \lambda_2 / \lambda_1 \vert^k$ (and
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
    >>> lam, v = power_iteration(A, v0=[1.0, 0.0])  # the start of the README's worked example
    >>> round(lam, 8)
    3.0
    """
    A = as_square_matrix(A, "A")
    _check_iteration_args(tol, max_iter)
    v_start = _start(A, rng, v0)
    e = power_of_two_exponent(A)
    A = np.ldexp(A, -e)  # A / 2^e, exact: only the exponents change
    threshold = tol * norm(A.ravel())
    steps = _power_steps(A, v_start)
    for _ in range(max_iter):
        lam, v, r = next(steps)
        if r <= threshold:
            break
    else:
        warnings.warn(
            f"power_iteration did not converge in max_iter={max_iter} steps: residual ||A v - lambda v|| = "
            f"{_unscale(r, e):.3g} > tol * ||A||_F = {_unscale(threshold, e):.3g}. Returning the last estimate; the two "
            "largest |eigenvalues| may be (nearly) equal, opposite or complex.",
            RuntimeWarning,
            stacklevel=2,
        )
    return _unscale(lam, e), _fix_sign_columns(v[:, None])[:, 0]


def power_iteration_history(A, n_iter, rng=None, v0=None):
    r"""Run exactly ``n_iter`` steps of power iteration and return every iterate (for convergence studies).

    Parameters
    ----------
    A : array_like of shape (n, n)
        Real finite square matrix.
    n_iter : int
        Number of multiplications by ``A`` (>= 1).
    rng : None, int or numpy.random.Generator, optional
        Source of the random starting vector; the same ``rng`` gives the same start as ``power_iteration``.
    v0 : array_like of shape (n,), optional
        Starting vector (normalized first); if given, ``rng`` is ignored. Row 0 of the history is ``v0 / ||v0||``.

    Returns
    -------
    PowerHistory
        Named tuple ``(eigenvalues, eigenvectors, residuals)`` of shapes ``(n_iter + 1,)``,
        ``(n_iter + 1, n)`` and ``(n_iter + 1,)``; row ``k`` is the iterate after ``k`` multiplications.
        Eigenvectors follow the sign convention of ``power_iteration``.

    Raises
    ------
    ValueError
        If ``A`` is not a non-empty finite square matrix, ``n_iter < 1``, or ``v0`` is not a finite nonzero vector
        of length n.
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
    >>> A = np.array([[2.0, 1.0], [1.0, 2.0]])
    >>> np.round(power_iteration_history(A, n_iter=2, v0=[1.0, 0.0]).eigenvalues, 4)  # 2, 14/5, 122/41
    array([2.    , 2.8   , 2.9756])
    """
    A = as_square_matrix(A, "A")
    _check_iteration_args(0.0, n_iter, "n_iter")
    v_start = _start(A, rng, v0)
    e = power_of_two_exponent(A)
    steps = _power_steps(np.ldexp(A, -e), v_start)  # A / 2^e, exact
    lams, vecs, res = zip(*(next(steps) for _ in range(n_iter + 1)), strict=True)
    V = _fix_sign_columns(np.array(vecs).T).T  # (n_iter + 1, n)
    return PowerHistory(np.ldexp(np.array(lams), e), V, np.ldexp(np.array(res), e))


def convergence_rate(errors, lower=1e-12, upper=1e-2) -> float:
    r"""Error reduction per step of a linearly converging sequence, fitted where the error lies in a window.

    Parameters
    ----------
    errors : array_like of shape (N,)
        Errors $e_0, e_1, \dots$ of the iterates (for power iteration: the sine of the angle between
        $\mathbf{v}_k$ and the dominant eigenvector). Entries outside the window are ignored, so zeros are allowed.
    lower, upper : float, default 1e-12 and 1e-2
        The window $\mathrm{lower} < e_k < \mathrm{upper}$. Below ``upper`` the asymptotic regime has begun
        ($\sin \approx \tan$ to $10^{-4}$ relative); above ``lower`` roundoff (about $10^{-15}$) is still
        negligible. Need ``0 < lower < upper``.

    Returns
    -------
    float
        $\rho = e^{b}$ where $b$ is the least-squares slope of $\log e_k$ against $k$ over the window: the
        measured factor by which the error shrinks per step. For power iteration it estimates
        $\vert \lambda_2 / \lambda_1 \vert$.

    Raises
    ------
    ValueError
        If ``errors`` is not a finite 1-D vector, the window is invalid, or fewer than 3 errors lie in the window
        (the message says how many, and that more iterations are needed when the errors never got small enough).

    Notes
    -----
    The line $\log e_k \approx a + b k$ is fitted in closed form,
    $b = \sum_k (k - \bar{k})(\log e_k - \bar{y}) / \sum_k (k - \bar{k})^2$ over the $k$ in the window. A ratio
    $\rho$ close to 1 needs many steps to cross the window: about $\log(\mathrm{lower}) / \log \rho$ in all, for
    example 1368 steps for $\rho = 0.98$.

    See the derivation in ``linear_algebra/eigenvalues_eigenvectors/README.md``, section "Power iteration".

    Examples
    --------
    >>> round(convergence_rate(0.5 * 0.8 ** np.arange(200)), 12)
    0.8
    """
    e = as_vector(errors, "errors")
    for name, value in (("lower", lower), ("upper", upper)):
        if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
            raise TypeError(f"{name} must be a real number, got {type(value).__name__}")
    if not (0.0 < lower < upper and math.isfinite(upper)):
        raise ValueError(f"lower and upper must satisfy 0 < lower < upper < inf, got lower={lower}, upper={upper}")
    k = np.flatnonzero((e > lower) & (e < upper))  # (N_fit,) the steps inside the window
    if k.size < 3:
        raise ValueError(
            f"errors must have at least 3 entries between lower={lower:g} and upper={upper:g} to fit a rate, "
            f"got {k.size} (of {e.size}; smallest error {np.min(e):.3g}): run more iterations"
        )
    y = np.log(e[k])  # (N_fit,)
    kc = k - k.mean()  # (N_fit,) centred steps
    slope = float(np.sum(kc * (y - y.mean())) / np.sum(kc * kc))
    return math.exp(slope)


# --------------------------------------------------------------------------------------------------------------
# Symmetric eigendecomposition by cyclic Jacobi rotations
# --------------------------------------------------------------------------------------------------------------


def _check_symmetric(A: np.ndarray) -> None:
    n = A.shape[0]
    # Compare on A / 2^e (exact): entries at most 1, so A - A^T cannot overflow even for entries near 1e308.
    e = power_of_two_exponent(A)
    S = np.ldexp(A, -e)  # A / 2^e, exact
    # compare on the scaled matrix, where nothing overflows; the message shows the unscaled values (maybe inf)
    asym, allowed = norm((S - S.T).ravel()), 100 * n * _EPS * norm(S.ravel())  # ||.||_F / 2^e
    if asym > allowed:
        asym, allowed = _unscale(asym, e), _unscale(allowed, e)
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
    (a relative threshold that keeps the small eigenvalues of graded positive definite matrices relatively
    accurate, Demmel and Veselic 1992); the iteration ends after a
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
    e = power_of_two_exponent(A)
    A = np.ldexp(A, -e)  # A / 2^e, exact; entries below 1 in magnitude
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
    w = np.ldexp(np.diag(A), e)  # (n,)
    order = np.argsort(w, kind="stable")
    return w[order], _fix_sign_columns(V[:, order])
