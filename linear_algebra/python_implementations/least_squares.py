r"""Linear least squares: minimise ``||X w - y||`` by QR, by the SVD, or by the normal equations.

Three routes to the same minimiser, kept side by side because they differ in accuracy:

* ``method="qr"`` (default): Householder QR, ``X = Q R``, then ``R w = Q^T y`` by back substitution. Backward
  stable; the error grows like ``kappa(X) * u`` (plus ``kappa(X)**2 * u`` times the relative residual).
* ``method="svd"``: ``X = U diag(s) V^T``, ``w = V diag(1/s) U^T y`` over the singular values above a cutoff. Also
  backward stable, and the only one of the three that handles rank deficiency: it returns the minimum-norm solution.
* ``method="normal"``: Cholesky factorisation of ``X^T X``. Kept as the demonstration of what goes wrong: forming
  ``X^T X`` squares the condition number, so the error grows like ``kappa(X)**2 * u``.

The chapter ``linear_algebra/least_squares/README.md`` derives all three and measures them on the NIST Longley data.
"""

from __future__ import annotations

import math
import numbers
from pathlib import Path

import numpy as np

from linear_algebra.python_implementations._validation import as_array, as_matrix, as_vector
from linear_algebra.python_implementations.eigen import qr
from linear_algebra.python_implementations.matrices import back_substitution, forward_substitution
from linear_algebra.python_implementations.svd import svd

__all__ = [
    "LONGLEY_CERTIFIED",
    "condition_number",
    "load_longley",
    "log_relative_error",
    "lstsq",
    "monomial_design",
]

_METHODS = ("qr", "svd", "normal")

_LONGLEY_PATH = Path(__file__).resolve().parents[1] / "least_squares" / "data" / "nist_strd_longley.csv"

# Certified coefficients B0..B6 of the NIST StRD Longley problem (intercept first), computed by NIST in
# multiple-precision arithmetic. Facts from the data set; see linear_algebra/least_squares/data/README.md.
LONGLEY_CERTIFIED = np.array(
    [
        -3482258.63459582,
        15.0618722713733,
        -0.358191792925910e-01,
        -2.02022980381683,
        -1.03322686717359,
        -0.511041056535807e-01,
        1829.15146461355,
    ]
)
LONGLEY_CERTIFIED.setflags(write=False)


def load_longley(intercept: bool = False) -> tuple[np.ndarray, np.ndarray]:
    r"""Load the NIST StRD Longley regression problem shipped with the repository.

    Parameters
    ----------
    intercept : bool, default False
        If True, put a column of ones in front of the six predictors, so that the columns match the certified
        coefficients ``B0, ..., B6`` in :data:`LONGLEY_CERTIFIED`.

    Returns
    -------
    X : ndarray of shape (16, 6), or (16, 7) with ``intercept=True``
        Predictors GNPDEFL, GNP, UNEMP, ARMED, POP, YEAR (one row per year 1947-1962).
    y : ndarray of shape (16,)
        Response TOTEMP (total derived employment).

    Raises
    ------
    TypeError
        If ``intercept`` is not a bool.

    Notes
    -----
    The file is ``linear_algebra/least_squares/data/nist_strd_longley.csv``, read relative to this module, so the
    loader works from any working directory and never touches the network. Its source and the certified values
    are listed in ``linear_algebra/least_squares/data/README.md``.

    See the derivation in ``linear_algebra/least_squares/README.md``, section "Worked example",
    "The Longley problem: correct digits per method".

    Examples
    --------
    >>> X, y = load_longley(intercept=True)
    >>> X.shape, y.shape
    ((16, 7), (16,))
    >>> float(y[0]), float(X[0, 6])
    (60323.0, 1947.0)
    """
    if not isinstance(intercept, (bool, np.bool_)):
        raise TypeError(f"intercept must be a bool, got {type(intercept).__name__}")
    data = np.loadtxt(_LONGLEY_PATH, delimiter=",", skiprows=1)  # (16, 7): TOTEMP then six predictors
    y = data[:, 0].copy()  # (16,)
    X = data[:, 1:].copy()  # (16, 6)
    if intercept:
        X = np.column_stack([np.ones(X.shape[0]), X])  # (16, 1) | (16, 6) -> (16, 7)
    return X, y


def log_relative_error(estimate, certified, cap: float = 15.0) -> np.ndarray:
    r"""Log relative error ``LRE = -log10(|estimate - certified| / |certified|)``: the number of correct digits.

    Parameters
    ----------
    estimate : array_like of shape (k,) or scalar
        Computed values.
    certified : array_like, same shape as ``estimate``
        Reference values. Where a certified value is exactly 0 the absolute error is used instead,
        ``-log10|estimate|``.
    cap : float, default 15.0
        Upper limit: an estimate equal to the certified value, or closer than double precision can resolve,
        scores ``cap``.

    Returns
    -------
    lre : ndarray, same shape as ``estimate``
        Values in ``[0, cap]``. Values are clipped at 0 from below: an estimate off by more than 100 % has no
        correct digit.

    Raises
    ------
    ValueError
        If an input contains NaN or inf, if the shapes differ, or if ``cap`` is not positive.

    Notes
    -----
    The measure used by NIST for its Statistical Reference Datasets. A value of 7.3 reads "about seven correct
    significant digits"; double precision cannot certify more than about 15.

    See the derivation in ``linear_algebra/least_squares/README.md``, section "Definitions".

    Examples
    --------
    >>> np.round(log_relative_error([1.0001, 2.0], [1.0, 2.0]), 2)
    array([ 4., 15.])
    """
    est = as_array(estimate, "estimate")
    cert = as_array(certified, "certified")
    if est.shape != cert.shape:
        raise ValueError(
            f"estimate and certified must have the same shape, got shapes {est.shape} and {cert.shape}"
        )
    if isinstance(cap, bool) or not isinstance(cap, numbers.Real) or not (math.isfinite(cap) and cap > 0):
        raise ValueError(f"cap must be a positive finite number, got {cap}")
    err = np.abs(est - cert)
    scale = np.where(cert == 0, 1.0, np.abs(cert))  # relative error, absolute where the truth is 0
    rel = err / scale
    with np.errstate(divide="ignore"):
        lre = -np.log10(rel)  # rel == 0 gives +inf, clipped to cap below
    return np.clip(lre, 0.0, cap)


def monomial_design(t, degree: int) -> np.ndarray:
    r"""Design matrix of a polynomial fit in the monomial basis: columns ``1, t, t**2, ..., t**degree``.

    Parameters
    ----------
    t : array_like of shape (n,)
        Sample points.
    degree : int
        Polynomial degree, ``degree >= 0``.

    Returns
    -------
    X : ndarray of shape (n, degree + 1)
        ``X[i, j] = t[i] ** j`` (a Vandermonde matrix with increasing powers).

    Raises
    ------
    ValueError
        If ``t`` is not a finite non-empty 1-D array or ``degree`` is negative.
    TypeError
        If ``degree`` is not an integer.

    Notes
    -----
    On ``[0, 1]`` the monomials ``t**j`` and ``t**(j+1)`` look more and more alike as ``j`` grows, so the condition
    number of this matrix grows roughly geometrically with the degree: the classic ill-conditioned least-squares
    problem.

    See the derivation in ``linear_algebra/least_squares/README.md``, section "Worked example",
    "A polynomial fit: digits against the condition number".

    Examples
    --------
    >>> monomial_design([0.0, 0.5, 1.0], 2)
    array([[1.  , 0.  , 0.  ],
           [1.  , 0.5 , 0.25],
           [1.  , 1.  , 1.  ]])
    """
    t = as_vector(t, "t")
    if isinstance(degree, bool) or not isinstance(degree, (int, np.integer)):
        raise TypeError(f"degree must be an integer, got {type(degree).__name__}")
    if degree < 0:
        raise ValueError(f"degree must be >= 0, got {degree}")
    return t[:, None] ** np.arange(degree + 1)[None, :]  # (n, 1) ** (1, p) -> (n, p)


def condition_number(X, scale_columns: bool = False) -> float:
    r"""Two-norm condition number ``kappa(X) = s_1 / s_p`` of an (n, d) matrix, optionally after column scaling.

    Parameters
    ----------
    X : array_like of shape (n, d)
        Any finite non-empty matrix; ``p = min(n, d)``.
    scale_columns : bool, default False
        If True, divide every non-zero column by its Euclidean norm first and return ``kappa_s``, the condition
        number that governs the errors of Householder QR and of Cholesky on the normal equations (both are
        insensitive to the units of the columns).

    Returns
    -------
    kappa : float
        ``s_1 / s_p`` from the singular values of :func:`linear_algebra.python_implementations.svd.svd`;
        ``inf`` if ``s_p = 0`` (rank deficient), and ``inf`` for the zero matrix.

    Raises
    ------
    ValueError
        If ``X`` is not a finite non-empty 2-D array.
    TypeError
        If ``scale_columns`` is not a bool.

    Notes
    -----
    For full column rank, ``condition_number(X.T @ X) = condition_number(X) ** 2`` in exact arithmetic: the reason
    the normal equations lose twice as many digits as QR. Scaling the columns to unit length gives a condition
    number within a factor ``sqrt(d)`` of the smallest one reachable by any column scaling (van der Sluis, 1969).

    See the derivation in ``linear_algebra/least_squares/README.md``, section "Derivation",
    "4. Conditioning: why the normal equations lose digits".

    Examples
    --------
    >>> float(np.round(condition_number(np.diag([1.0, 1e-3])), 6))
    1000.0
    >>> X = np.array([[1.0, 1000.0], [1.0, 2000.0]])
    >>> bool(condition_number(X, scale_columns=True) < condition_number(X))
    True
    """
    X = as_matrix(X, "X")
    if not isinstance(scale_columns, (bool, np.bool_)):
        raise TypeError(f"scale_columns must be a bool, got {type(scale_columns).__name__}")
    if scale_columns:
        norms = np.sqrt(np.sum(X**2, axis=0))  # (d,) column lengths
        X = X / np.where(norms > 0, norms, 1.0)  # (n, d) / (d,) -> (n, d); zero columns stay zero
    s = svd(X)[1]  # (p,) descending
    if s[-1] == 0:
        return float("inf")
    return float(s[0] / s[-1])


def lstsq(X, y, method: str = "qr", rcond: float | None = None) -> np.ndarray:
    r"""Least-squares solution ``w`` minimising ``||X w - y||_2``.

    Parameters
    ----------
    X : array_like of shape (n, d)
        Design matrix, one row per sample.
    y : array_like of shape (n,)
        Targets.
    method : {"qr", "svd", "normal"}, default "qr"
        ``"qr"``: Householder QR and back substitution (stable, the default). ``"svd"``: truncated SVD, minimum-norm
        solution (stable, handles rank deficiency and ``n < d``). ``"normal"``: Cholesky on ``X^T X``
        (the naive route, kept to demonstrate its loss of accuracy).
    rcond : float, optional
        Relative rank cutoff, default ``max(n, d) * eps``. ``"svd"`` discards singular values
        ``s_i <= rcond * s_1``; ``"qr"`` declares ``X`` rank deficient when some ``|r_jj| <= rcond * max_i |r_ii|``.
        Ignored by ``"normal"``.

    Returns
    -------
    w : ndarray of shape (d,)
        The coefficients. For ``"svd"`` on a rank-deficient ``X`` the one of smallest norm.

    Raises
    ------
    ValueError
        If ``X`` is not a finite non-empty 2-D array, ``y`` not a finite 1-D array with one entry per row of ``X``,
        ``method`` unknown, ``rcond`` not a finite real number ``>= 0``, or ``n < d`` with ``"qr"`` or ``"normal"`` (fewer equations than
        unknowns: infinitely many minimisers, and ``X^T X`` is singular; use ``"svd"``).
    numpy.linalg.LinAlgError
        ``"qr"``: ``X`` is numerically rank deficient (a tiny diagonal entry of ``R``).
        ``"normal"``: the Cholesky factorisation of ``X^T X`` meets a pivot ``<= 0``, i.e. ``X^T X`` is not
        positive definite in floating point. A nearly rank-deficient ``X`` may pass this test and still give
        inaccurate coefficients: that is the weakness being demonstrated. Entries of ``X`` so small that
        ``X^T X`` underflows to zero end here too.
    FloatingPointError
        ``"normal"``: ``X^T X`` or ``X^T y`` overflows (entries of ``X`` beyond about ``1e154``); QR and SVD
        handle such scales.

    Notes
    -----
    Error bounds, with ``u`` the unit roundoff and ``kappa = kappa(X)``: QR and SVD give a relative error of order
    ``u * (kappa + kappa**2 * ||r|| / (||X|| ||w||))``; the normal equations ``u * kappa**2`` even when the residual
    ``r = y - X w`` is zero. Only ``"svd"`` works when ``n < d``.

    See the derivation in ``linear_algebra/least_squares/README.md``, section "Derivation" (subsections 1-3 for
    the three methods, 4 for the error bounds).

    Examples
    --------
    Fit a line ``y = w_0 + w_1 t`` through (0, 1), (1, 2), (2, 4):

    >>> X = np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]])
    >>> y = np.array([1.0, 2.0, 4.0])
    >>> np.round(lstsq(X, y), 6)
    array([0.833333, 1.5     ])
    >>> all(np.allclose(lstsq(X, y, method=m), [5 / 6, 1.5]) for m in ("qr", "svd", "normal"))
    True
    """
    if not isinstance(method, str) or method not in _METHODS:
        raise ValueError(f"method must be one of {_METHODS}, got {method!r}")
    X = as_matrix(X, "X")
    y = as_vector(y, "y")
    n, d = X.shape
    if y.shape[0] != n:
        raise ValueError(f"y must have one entry per row of X: X has shape {X.shape}, y has shape {y.shape}")
    if rcond is None:
        rcond = max(n, d) * np.finfo(float).eps
    elif (
        isinstance(rcond, bool)
        or not isinstance(rcond, numbers.Real)
        or not (math.isfinite(rcond) and rcond >= 0)
    ):
        raise ValueError(f"rcond must be a finite number >= 0, got {rcond}")
    if method != "svd" and n < d:
        raise ValueError(
            f"method={method!r} needs at least as many rows as columns (n >= d), got X of shape {X.shape}: "
            "with fewer equations than unknowns the minimiser is not unique; use method='svd' for the "
            "minimum-norm solution"
        )
    if method == "qr":
        return _lstsq_qr(X, y, rcond)
    if method == "svd":
        return _lstsq_svd(X, y, rcond)
    return _lstsq_normal(X, y)


def _lstsq_qr(X: np.ndarray, y: np.ndarray, rcond: float) -> np.ndarray:
    # ||X w - y||^2 = ||R w - Q^T y||^2 + ||(I - Q Q^T) y||^2: only the first term depends on w, and it is 0
    # exactly when R w = Q^T y.
    Q, R = qr(X)  # (n, d), (d, d)
    diag = np.abs(np.diag(R))  # (d,)
    if diag.max() == 0 or diag.min() <= rcond * diag.max():
        raise np.linalg.LinAlgError(
            f"X is numerically rank deficient: min |r_jj| / max |r_jj| = {diag.min() / max(diag.max(), 1e-300):.2e}"
            f" <= rcond = {rcond:.2e}; use method='svd' for the minimum-norm solution"
        )
    c = Q.T @ y  # (d, n) @ (n,) -> (d,)
    return back_substitution(R, c)  # R w = c


def _lstsq_svd(X: np.ndarray, y: np.ndarray, rcond: float) -> np.ndarray:
    # X = U S V^T, so ||X w - y|| is smallest for S V^T w = U^T y on the kept singular values; setting the other
    # coordinates of V^T w to 0 gives the solution of minimum norm, w = V S^+ U^T y.
    U, s, Vt = svd(X)  # (n, p), (p,), (p, d) with p = min(n, d)
    if s[0] == 0:  # X = 0: every w is a minimiser, the smallest is 0
        return np.zeros(X.shape[1])
    r = int(np.sum(s > rcond * s[0]))  # numerical rank
    c = U[:, :r].T @ y  # (r, n) @ (n,) -> (r,)
    return Vt[:r].T @ (c / s[:r])  # (d, r) @ (r,) -> (d,)


def _lstsq_normal(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    # The gradient of ||X w - y||^2 is 2 X^T (X w - y); setting it to 0 gives X^T X w = X^T y.
    with np.errstate(over="ignore", invalid="ignore"):
        G = X.T @ X  # (d, n) @ (n, d) -> (d, d); kappa(G) = kappa(X)^2, the source of the trouble
        b = X.T @ y  # (d, n) @ (n,) -> (d,)
    if not (np.all(np.isfinite(G)) and np.all(np.isfinite(b))):
        # squaring also squares the scale: entries of X above about 1e154 overflow in X^T X
        raise FloatingPointError(
            f"X^T X or X^T y overflows (max |x_ij| = {np.abs(X).max():.3e}): the normal equations square the "
            "scale of X; rescale X or use method='qr' or method='svd'"
        )
    L = _cholesky(G)  # G = L L^T
    z = forward_substitution(L, b)  # L z = b
    return back_substitution(L.T, z)  # L^T w = z


def _cholesky(G: np.ndarray) -> np.ndarray:
    """Lower-triangular L with G = L L^T; LinAlgError at a pivot <= 0."""
    d = G.shape[0]
    L = np.zeros_like(G)
    for j in range(d):
        # g_jj = sum_k l_jk^2, so l_jj^2 = g_jj - (row j of L so far) . (row j of L so far)
        pivot = G[j, j] - L[j, :j] @ L[j, :j]  # (j,) @ (j,) -> scalar
        if not pivot > 0:
            raise np.linalg.LinAlgError(
                f"X^T X is not positive definite in floating point (Cholesky pivot {j} is {pivot:.3e} <= 0): "
                "X is (numerically) rank deficient; use method='qr' or method='svd'"
            )
        L[j, j] = np.sqrt(pivot)
        # g_ij = sum_k l_ik l_jk for i > j, solved for l_ij
        L[j + 1 :, j] = (G[j + 1 :, j] - L[j + 1 :, :j] @ L[j, :j]) / L[j, j]  # (d-j-1, j) @ (j,) -> (d-j-1,)
    return L
