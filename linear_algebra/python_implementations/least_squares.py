r"""Linear least squares: minimise ``||X w - y||`` by QR, by the SVD, or by the normal equations.

Three routes to the same minimiser, kept side by side because they differ in accuracy:

* ``method="qr"`` (default): Householder QR, ``X = Q R``, then ``R w = Q^T y`` by back substitution. Backward
  stable; the error grows like ``kappa(X) * u`` (plus ``kappa(X)**2 * u`` times the relative residual). The rank
  is decided on the column-scaled matrix, from the singular values of its factor ``R``.
* ``method="svd"``: ``X = U diag(s) V^T``, ``w = V diag(1/s) U^T y`` over the singular values above a cutoff. Also
  backward stable, and the only one of the three that handles rank deficiency: it returns the minimum-norm solution.
* ``method="normal"``: Cholesky factorisation of ``X^T X``. Kept as the demonstration of what goes wrong: forming
  ``X^T X`` squares the condition number, so the error grows like ``kappa(X)**2 * u``.

The chapter ``linear_algebra/least_squares/README.md`` derives all three and measures them on the NIST Longley data.
"""

from __future__ import annotations

import math
import numbers
import warnings
from pathlib import Path

import numpy as np

from linear_algebra.python_implementations._validation import as_array, as_matrix, as_vector
from linear_algebra.python_implementations.cholesky import cholesky
from linear_algebra.python_implementations.eigen import qr
from linear_algebra.python_implementations.matrices import (
    IllConditionedWarning,
    _check_matrix_ord,
    back_substitution,
    forward_substitution,
    inv,
    matrix_norm,
)
from linear_algebra.python_implementations.svd import svd
from linear_algebra.python_implementations.vectors import norm

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


def condition_number(X, ord=2, *, scale_columns: bool = False) -> float:
    r"""Condition number ``kappa_p(X) = ||X||_p ||X^-1||_p``; for ``ord=2``, ``s_1 / s_p`` of any (n, d) matrix.

    Parameters
    ----------
    X : array_like of shape (n, d)
        Any finite non-empty matrix; ``p = min(n, d)``. Square for ``ord`` 1, ``np.inf`` and ``"fro"``.
    ord : {2, 1, np.inf, "fro"}, default 2
        The norm, as in :func:`linear_algebra.python_implementations.matrices.matrix_norm` and
        ``numpy.linalg.cond``: ``2`` gives ``s_1 / s_p`` from the singular values (defined for every shape); the
        others give ``||X||_p ||X^-1||_p`` from the course's ``matrix_norm`` and ``inv``.
    scale_columns : bool, default False (keyword only)
        If True, divide every non-zero column by its Euclidean norm first and return ``kappa_s``, the condition
        number that governs the errors of Householder QR and of Cholesky on the normal equations (both are
        insensitive to the units of the columns).

    Returns
    -------
    kappa : float
        At least 1; ``inf`` when ``X`` is singular (``s_p = 0`` for ``ord=2``, an inverse that cannot be formed
        for the other orders) and for the zero matrix.

    Raises
    ------
    ValueError
        If ``X`` is not a finite non-empty 2-D array, ``ord`` is not one of 2, 1, ``np.inf``, ``"fro"``, or ``X``
        is not square for an ``ord`` other than 2.
    TypeError
        If ``scale_columns`` is not a bool.

    Notes
    -----
    For full column rank, ``condition_number(X.T @ X) = condition_number(X) ** 2`` in exact arithmetic: the reason
    the normal equations lose twice as many digits as QR. Scaling the columns to unit length gives a condition
    number within a factor ``sqrt(d)`` of the smallest one reachable by any column scaling (van der Sluis, 1969).
    The column lengths are computed with the overflow-safe
    :func:`linear_algebra.python_implementations.vectors.norm`, so columns of size ``1e200`` or ``1e-170`` (whose
    squares overflow or underflow) are scaled correctly.

    All the norms of a square matrix are within a factor ``n`` of each other, so the ``kappa_p`` agree to within
    ``n^2``: they tell the same story about digits lost. For ``ord`` other than 2, the inverse is computed, not
    estimated (``n^3`` flops), and its own relative error, of order ``u kappa``, is the relative error of the
    result; the ill-conditioning warning that :func:`linear_algebra.python_implementations.matrices.inv` would
    give is not repeated here, since the condition number is what was asked for.

    See the derivation in ``linear_algebra/least_squares/README.md``, section "Derivation",
    "4. Conditioning: why the normal equations lose digits", and the perturbation theorem in
    ``advanced_topics/numerical_methods/README.md``, section "Derivation".

    Examples
    --------
    >>> float(np.round(condition_number(np.diag([1.0, 1e-3])), 6))
    1000.0
    >>> X = np.array([[1.0, 1000.0], [1.0, 2000.0]])
    >>> bool(condition_number(X, scale_columns=True) < condition_number(X))
    True
    >>> A = [[1.0, 2.0], [3.0, 4.0]]          # ||A||_1 = 6 and ||A^-1||_1 = 3.5
    >>> round(condition_number(A, 1), 10), round(condition_number(A, np.inf), 10)
    (21.0, 21.0)
    """
    X = as_matrix(X, "X")
    p = _check_matrix_ord(ord)
    if not isinstance(scale_columns, (bool, np.bool_)):
        raise TypeError(f"scale_columns must be a bool, got {type(scale_columns).__name__}")
    if p != 2.0 and X.shape[0] != X.shape[1]:
        raise ValueError(f"X must be square for ord={ord!r} (kappa_p = ||X||_p ||X^-1||_p needs the inverse), "
                         f"got shape {X.shape}; ord=2 accepts any shape")
    if scale_columns:
        norms = _column_norms(X)  # (d,) column lengths, without overflow or underflow of the squares
        X = X / np.where(norms > 0, norms, 1.0)  # (n, d) / (d,) -> (n, d); zero columns stay zero
    if p == 2.0:
        s = svd(X)[1]  # (p,) descending
        if s[-1] == 0:
            return float("inf")
        return float(s[0] / s[-1])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", IllConditionedWarning)
            X_inv = inv(X)  # (n, n)
    except np.linalg.LinAlgError:  # an exactly zero pivot or an overflowing inverse: singular to working precision
        return float("inf")
    return matrix_norm(X, p) * matrix_norm(X_inv, p)


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
        ``s_i <= rcond * s_1`` of ``X``. ``"qr"`` declares ``X`` rank deficient when ``s_d <= rcond * s_1`` for the
        singular values of ``X D``, the matrix with its columns scaled to length in ``[1/2, 1)`` by powers of two
        (see Notes). Ignored by ``"normal"``.

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
        ``"qr"``: ``X D`` is numerically rank deficient; the message gives the numerical rank and the cutoff.
        (``LinAlgError`` is a subclass of ``ValueError``.)
        ``"normal"``: the Cholesky factorisation of ``X^T X`` meets a pivot ``<= 0``, i.e. ``X^T X`` is not
        positive definite in floating point. A nearly rank-deficient ``X`` may pass this test and still give
        inaccurate coefficients: that is the weakness being demonstrated. Entries of ``X`` so small that
        ``X^T X`` underflows to zero end here too.
    FloatingPointError
        ``"normal"``: ``X^T X`` or ``X^T y`` overflows (entries of ``X`` beyond about ``1e154``); QR and SVD
        handle such scales.

    Warns
    -----
    IllConditionedWarning
        ``"svd"``: singular values below ``rcond * s_1`` were treated as zero although the column-scaled ``X D``
        has a larger numerical rank (badly scaled features, not rank deficiency).

    Notes
    -----
    Error bounds, with ``u`` the unit roundoff and ``kappa = kappa(X)``: QR and SVD give a relative error of order
    ``u * (kappa + kappa**2 * ||r|| / (||X|| ||w||))``; the normal equations ``u * kappa**2`` even when the residual
    ``r = y - X w`` is zero. Only ``"svd"`` works when ``n < d``.

    Units of the features. Rescaling a column of ``X`` rescales one coefficient and changes nothing else, so
    ``"qr"`` decides the rank on ``X D``, whose columns are scaled by powers of two (exactly, no rounding) to
    length in ``[1/2, 1)``. ``X D = Q (R D)`` with the same ``Q``, so the singular values of the ``d x d`` factor
    ``R D`` are those of ``X D``. The decision uses them, not the diagonal of ``R``: a triangular matrix can be
    nearly singular with no small diagonal entry (Kahan's matrix, which fools QR with column pivoting too). Two
    cheap tests settle most cases first, because ``s_d / s_1 <= min |r_jj| / max |r_jj|`` and
    ``s_1 / s_d <= ||R||_F ||R^{-1}||_F``. ``"svd"`` keeps the minimum-norm solution of ``X`` itself (as
    ``numpy.linalg.lstsq`` does) and warns with :class:`IllConditionedWarning` when a singular value it drops
    would have been kept after the column scaling: the dropped direction then comes from the units of the
    features, not from collinear features.

    See the derivation in ``linear_algebra/least_squares/README.md``, section "Derivation" (subsections 1-3 for
    the three methods and the rank decision, 4 and 5 for the error bounds).

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


def _column_norms(X: np.ndarray) -> np.ndarray:
    """Euclidean length of every column, by the overflow-safe ``vectors.norm`` (no squares of 1e200 or 1e-170)."""
    return np.array([norm(X[:, j]) for j in range(X.shape[1])])  # (d,)


def _power_of_two_exponents(X: np.ndarray) -> np.ndarray:
    """Exponents e_j with ||x_j|| = f 2^e_j, f in [1/2, 1): ``np.ldexp(X, -e)`` has column lengths in [1/2, 1).

    Multiplying by a power of two is exact, so the scaled problem carries no extra rounding. Zero columns get 0.
    """
    return np.frexp(_column_norms(X))[1]  # (d,) integers


def _lstsq_qr(X: np.ndarray, y: np.ndarray, rcond: float) -> np.ndarray:
    # Column scaling X D, D = diag(2^-e_j), exact: X w = (X D) z with z = D^-1 w, so w = D z.
    e = _power_of_two_exponents(X)  # (d,)
    XD = np.ldexp(X, -e)  # (n, d) * 2^-(d,) -> (n, d), columns of length in [1/2, 1)
    # ||X D z - y||^2 = ||R z - Q^T y||^2 + ||(I - Q Q^T) y||^2: only the first term depends on z, and it is 0
    # exactly when R z = Q^T y.
    Q, R = qr(XD)  # (n, d), (d, d); X D = Q R, so R is the README's R_D and has the singular values of X D
    _check_full_rank(R, rcond)
    c = Q.T @ y  # (d, n) @ (n,) -> (d,)
    z = back_substitution(R, c)  # R z = c
    return np.ldexp(z, -e)  # w = D z


def _check_full_rank(R: np.ndarray, rcond: float) -> None:
    """Raise LinAlgError if s_d <= rcond * s_1 for the singular values of the triangular R (those of X D)."""
    d = R.shape[0]
    diag = np.abs(np.diag(R))  # (d,)
    # s_d <= min |r_jj| and s_1 >= max |r_jj| (the |r_jj| are the eigenvalues of R): a small diagonal ratio
    # proves rank deficiency
    if diag.min() > rcond * diag.max():
        # kappa(R) = s_1 / s_d <= ||R||_F ||R^-1||_F: a moderate bound proves full rank without the SVD
        with np.errstate(over="ignore", invalid="ignore"):
            R_inv = back_substitution(R, np.eye(d))  # (d, d); entries may overflow when R is nearly singular
            kappa_F = _frobenius(R) * _frobenius(R_inv)
        if np.isfinite(kappa_F) and kappa_F * rcond < 1.0:
            return
    # Undecided (a Kahan-like R) or deficient: the singular values of R decide, and give the numerical rank
    s = svd(R).s  # (d,) descending
    if s[0] > 0 and s[-1] > rcond * s[0]:
        return
    rank = int(np.count_nonzero(s > rcond * s[0])) if s[0] > 0 else 0
    raise np.linalg.LinAlgError(
        f"X is numerically rank deficient: rank {rank} < d = {d} columns at the cutoff rcond = {rcond:.2e} "
        f"(s_min / s_max = {s[-1] / s[0] if s[0] > 0 else 0.0:.2e} for X with its columns scaled to unit length); "
        "use method='svd' for the minimum-norm solution"
    )


def _frobenius(A: np.ndarray) -> float:
    """||A||_F, overflow-safe (the 2-norm of the flattened matrix); inf if A holds inf or NaN."""
    if not np.all(np.isfinite(A)):
        return float("inf")
    return norm(A.ravel())


def _lstsq_svd(X: np.ndarray, y: np.ndarray, rcond: float) -> np.ndarray:
    # X = U S V^T, so ||X w - y|| is smallest for S V^T w = U^T y on the kept singular values; setting the other
    # coordinates of V^T w to 0 gives the solution of minimum norm, w = V S^+ U^T y.
    U, s, Vt = svd(X)  # (n, p), (p,), (p, d) with p = min(n, d)
    if s[0] == 0:  # X = 0: every w is a minimiser, the smallest is 0
        return np.zeros(X.shape[1])
    r = int(np.sum(s > rcond * s[0]))  # numerical rank
    if r < s.shape[0]:
        _warn_if_dropped_by_scale(X, s, r, rcond)
    c = U[:, :r].T @ y  # (r, n) @ (n,) -> (r,)
    return Vt[:r].T @ (c / s[:r])  # (d, r) @ (r,) -> (d,)


def _warn_if_dropped_by_scale(X: np.ndarray, s: np.ndarray, r: int, rcond: float) -> None:
    """Warn when the column-scaled X has a larger numerical rank than the r singular values kept for X."""
    s_scaled = svd(np.ldexp(X, -_power_of_two_exponents(X))).s  # (p,) singular values of X D
    r_scaled = int(np.sum(s_scaled > rcond * s_scaled[0]))
    if r_scaled > r:
        warnings.warn(
            f"method='svd' treated {s.shape[0] - r} singular value(s) of X below rcond * s_1 = {rcond * s[0]:.2e} "
            f"as zero (rank {r}), but with its columns scaled to unit length X has rank {r_scaled} at the same "
            "rcond: the dropped directions come from the units of the features, not from collinear features. "
            "Rescale the columns of X, or use method='qr', to keep them",
            IllConditionedWarning,
            stacklevel=4,
        )


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
    try:
        L = cholesky(G)  # G = L L^T; X.T @ X is computed exactly symmetric (one product, mirrored)
    except np.linalg.LinAlgError as err:
        raise np.linalg.LinAlgError(
            f"X^T X is not positive definite in floating point ({err}): X is (numerically) rank deficient; "
            "use method='qr' or method='svd'"
        ) from err
    z = forward_substitution(L, b)  # L z = b
    return back_substitution(L.T, z)  # L^T w = z
