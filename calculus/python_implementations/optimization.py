r"""First- and second-order methods for unconstrained minimisation.

Gradient descent, heavy-ball momentum, Newton's method and the Armijo backtracking line search, written so that
each update reads like its formula in ``calculus/optimization/README.md``.

Every iterative method returns an :class:`OptimizationResult` and follows the same rules:

* it stops as soon as ``||grad(x)|| <= tol`` (an absolute tolerance on the Euclidean norm of the gradient);
* ``n_iter`` counts the updates made, so a starting point that is already optimal gives ``n_iter = 0``;
* ``path`` holds every accepted iterate, ``path[0] = x0`` and ``path[-1] = x``, shape ``(n_iter + 1, d)``;
* when the iteration diverges (an iterate or its gradient is no longer finite, or the gradient norm exceeds
  ``1e6 * max(1, ||grad(x0)||)``), the offending iterate is rejected, ``x`` is the last iterate whose gradient
  was finite and below that threshold, ``converged`` is ``False`` and a ``RuntimeWarning`` saying "diverged" is
  issued. A millionfold growth of the gradient is far beyond the transient growth of a convergent method on a
  quadratic (none for gradient descent with ``eta < 2 / L``, a factor of about ``sqrt(kappa) / e`` for the tuned
  heavy ball, below the threshold up to ``kappa ~ 1e12``), and gradient descent with ``eta > 2 / L`` reaches it
  in about ``6 / log10(|1 - eta L|)`` steps (145 at ``|1 - eta L| = 1.1``). See ``calculus/optimization/README.md``, section "Code";
* reaching ``max_iter`` without meeting the tolerance also gives ``converged=False`` and a ``RuntimeWarning``.
"""

from __future__ import annotations

import warnings
from typing import NamedTuple

import numpy as np

from calculus.python_implementations._validation import (
    as_point,
    as_real_scalar,
    check_callable,
    check_positive,
    check_positive_int,
)
from linear_algebra.python_implementations.cholesky import cholesky
from linear_algebra.python_implementations.matrices import back_substitution, forward_substitution

__all__ = [
    "OptimizationResult",
    "backtracking_line_search",
    "gradient_descent",
    "gradient_descent_backtracking",
    "momentum",
    "newton_method",
]

# A gradient this many times larger than the first one (and than 1) means the iteration is running away.
_BLOWUP_FACTOR = 1e6


class OptimizationResult(NamedTuple):
    """Outcome of an iterative minimiser.

    Attributes
    ----------
    x : ndarray of shape (d,)
        The last accepted iterate.
    n_iter : int
        Number of updates made (``0`` when the starting point already met the tolerance).
    converged : bool
        ``True`` when ``||grad(x)|| <= tol``.
    path : ndarray of shape (n_iter + 1, d)
        Every accepted iterate, from ``x0`` to ``x``.
    """

    x: np.ndarray
    n_iter: int
    converged: bool
    path: np.ndarray


# ----------------------------------------------------------------------------------------------------------------
# Private helpers: input checks and the shared iteration loop
# ----------------------------------------------------------------------------------------------------------------


def _check_tol(tol) -> float:
    tol = as_real_scalar(tol, "tol")
    if tol < 0:
        raise ValueError(f"tol must be >= 0, got {tol}")
    return tol


def _eval_vector(fun, x: np.ndarray, name: str) -> np.ndarray:
    """``fun(x)`` as a float array of shape (d,); an overflow inside ``fun`` becomes ``inf`` (never an exception)."""
    try:
        value = np.asarray(fun(x.copy()), dtype=float)
    except OverflowError:  # plain-Python arithmetic (math.exp, float ** int) raises instead of returning inf
        return np.full(x.shape, np.inf)
    if value.ndim == 0 and x.shape == (1,):
        value = value.reshape(1)
    if value.shape != x.shape:
        raise ValueError(f"{name}(x) must return an array of shape {x.shape} like x, got shape {value.shape}")
    return value


def _eval_matrix(fun, x: np.ndarray, name: str) -> np.ndarray:
    """``fun(x)`` as a float array of shape (d, d); an overflow inside ``fun`` becomes ``inf``."""
    d = x.shape[0]
    try:
        value = np.asarray(fun(x.copy()), dtype=float)
    except OverflowError:
        return np.full((d, d), np.inf)
    if value.size == 1 and d == 1:
        value = value.reshape(1, 1)
    if value.shape != (d, d):
        raise ValueError(f"{name}(x) must return an array of shape {(d, d)}, got shape {value.shape}")
    return value


def _eval_scalar(f, x: np.ndarray) -> float:
    """``f(x)`` as a Python float; an overflow inside ``f`` becomes ``inf``."""
    try:
        value = np.asarray(f(x.copy()), dtype=float)
    except OverflowError:
        return np.inf
    if value.size != 1:
        raise ValueError(f"f(x) must return a scalar, got an array of shape {value.shape}")
    return float(value.reshape(()))


def _armijo(f, x, fx, slope, d, alpha, rho, c, max_iter):
    """Shrink ``alpha`` by ``rho`` until Armijo holds; return ``(alpha, True)`` or ``(last trial, False)``."""
    with np.errstate(over="ignore", invalid="ignore"):
        for j in range(max_iter):
            f_trial = _eval_scalar(f, x + alpha * d)  # (d,) + () * (d,) -> (d,)
            # Armijo: the actual decrease is at least a fraction c of the decrease the tangent line predicts.
            if np.isfinite(f_trial) and f_trial <= fx + c * alpha * slope:
                return alpha, True
            if j < max_iter - 1:
                alpha *= rho
    return alpha, False


def _start(grad, x0, tol, max_iter):
    """Validate the arguments every method shares; return ``x0`` as an array and the first gradient."""
    check_callable(grad, "grad")
    x = as_point(x0, "x0")
    tol = _check_tol(tol)
    max_iter = check_positive_int(max_iter, "max_iter")
    g = _eval_vector(grad, x, "grad")
    if not np.all(np.isfinite(g)):
        raise ValueError(f"grad(x0) must be finite, got {g}")
    return x, g, tol, max_iter


def _iterate(update, grad, x, g, tol, max_iter, method):
    """Run ``x_new = update(x_prev, x, g)`` until ``||g|| <= tol``, divergence, or ``max_iter`` updates.

    ``update`` may return ``None`` to stop (it has then issued its own warning, e.g. a singular Hessian).
    """
    path = [x.copy()]
    blowup = _BLOWUP_FACTOR * max(1.0, float(np.linalg.norm(g)))
    x_prev = x
    if np.linalg.norm(g) <= tol:
        return OptimizationResult(x, 0, True, np.array(path))
    # Overflow is part of what we detect, not an error: silence it and test the numbers instead.
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for _ in range(max_iter):
            x_new = update(x_prev, x, g)
            if x_new is None:
                return OptimizationResult(x, len(path) - 1, False, np.array(path))
            g_new = _eval_vector(grad, x_new, "grad") if np.all(np.isfinite(x_new)) else None
            if g_new is None or not np.all(np.isfinite(g_new)) or np.linalg.norm(g_new) > blowup:
                warnings.warn(
                    f"{method} diverged after {len(path) - 1} updates: the next iterate or its gradient is "
                    f"non-finite or larger than {_BLOWUP_FACTOR:.0e} max(1, ||grad(x0)||) = {blowup:.3e}; "
                    "returning the last iterate before it",
                    RuntimeWarning,
                    stacklevel=3,
                )
                return OptimizationResult(x, len(path) - 1, False, np.array(path))
            x_prev, x, g = x, x_new, g_new
            path.append(x.copy())
            if np.linalg.norm(g) <= tol:
                return OptimizationResult(x, len(path) - 1, True, np.array(path))
    warnings.warn(
        f"{method} did not converge in max_iter={max_iter} updates: ||grad(x)|| = {np.linalg.norm(g):.3e} > "
        f"tol = {tol:.3e}",
        RuntimeWarning,
        stacklevel=3,
    )
    return OptimizationResult(x, len(path) - 1, False, np.array(path))


# ----------------------------------------------------------------------------------------------------------------
# Public methods
# ----------------------------------------------------------------------------------------------------------------


def gradient_descent(grad, x0, learning_rate, tol=1e-8, max_iter=10_000) -> OptimizationResult:
    r"""Minimise a function by gradient descent with a fixed learning rate.

    The update is ``x_{k+1} = x_k - learning_rate * grad(x_k)``.

    Parameters
    ----------
    grad : callable
        ``grad(x)`` returns the gradient at ``x``, an array of shape (d,) (a scalar is accepted when d = 1).
    x0 : float or array_like of shape (d,)
        Starting point; a scalar is treated as a point of shape (1,). Must be finite. Not modified.
    learning_rate : float
        Step size ``eta > 0``. On a quadratic with Hessian eigenvalues in ``[mu, L]`` the iteration converges
        for ``0 < eta < 2 / L``, fastest at ``eta = 2 / (L + mu)``.
    tol : float, default 1e-8
        Stop when the Euclidean norm of the gradient is ``<= tol`` (absolute); ``tol >= 0``.
    max_iter : int, default 10_000
        Maximum number of updates, ``>= 1``.

    Returns
    -------
    OptimizationResult
        ``x`` of shape (d,), ``n_iter``, ``converged``, ``path`` of shape (n_iter + 1, d).

    Raises
    ------
    TypeError
        If ``grad`` is not callable, or ``learning_rate``, ``tol`` or ``max_iter`` has the wrong type.
    ValueError
        If ``x0`` is not a finite scalar or 1-D array, ``grad(x0)`` has the wrong shape or is not finite,
        ``learning_rate <= 0``, ``tol < 0`` or ``max_iter < 1``.

    Warns
    -----
    RuntimeWarning
        When the iteration diverges or ``max_iter`` is reached; ``converged`` is then ``False``.

    Notes
    -----
    See the derivation in ``calculus/optimization/README.md``, section "Derivation" (gradient descent from the
    first-order Taylor model and its rate ``(kappa - 1) / (kappa + 1)`` on a quadratic).

    Examples
    --------
    Minimise ``f(x) = (x_1^2 + 3 x_2^2) / 2``; with ``eta = 2 / (L + mu) = 0.5`` the error halves every step.

    >>> import numpy as np
    >>> A = np.diag([1.0, 3.0])
    >>> res = gradient_descent(lambda x: A @ x, [1.0, 1.0], learning_rate=0.5)
    >>> res.converged, res.n_iter
    (True, 29)
    >>> res.path[:3]
    array([[ 1.  ,  1.  ],
           [ 0.5 , -0.5 ],
           [ 0.25,  0.25]])
    """
    x, g, tol, max_iter = _start(grad, x0, tol, max_iter)
    eta = check_positive(learning_rate, "learning_rate")

    def update(x_prev, x, g):
        return x - eta * g  # (d,) - () * (d,) -> (d,)

    return _iterate(update, grad, x, g, tol, max_iter, "gradient_descent")


def momentum(grad, x0, learning_rate, beta=0.9, tol=1e-8, max_iter=10_000) -> OptimizationResult:
    r"""Minimise a function by gradient descent with heavy-ball (Polyak) momentum.

    The update is ``x_{k+1} = x_k - learning_rate * grad(x_k) + beta * (x_k - x_{k-1})`` with ``x_{-1} = x_0``,
    so the first step is a plain gradient step.

    Parameters
    ----------
    grad : callable
        ``grad(x)`` returns the gradient at ``x``, an array of shape (d,) (a scalar is accepted when d = 1).
    x0 : float or array_like of shape (d,)
        Starting point; a scalar is treated as a point of shape (1,). Must be finite. Not modified.
    learning_rate : float
        Step size ``eta > 0``.
    beta : float, default 0.9
        Momentum coefficient in ``[0, 1)``; ``beta = 0`` is gradient descent. On a quadratic with Hessian
        eigenvalues in ``[mu, L]`` the best choice is ``beta = ((sqrt(kappa) - 1) / (sqrt(kappa) + 1))^2`` with
        ``eta = 4 / (sqrt(L) + sqrt(mu))^2``, giving the rate ``(sqrt(kappa) - 1) / (sqrt(kappa) + 1)``.
    tol : float, default 1e-8
        Stop when the Euclidean norm of the gradient is ``<= tol`` (absolute); ``tol >= 0``.
    max_iter : int, default 10_000
        Maximum number of updates, ``>= 1``.

    Returns
    -------
    OptimizationResult
        ``x`` of shape (d,), ``n_iter``, ``converged``, ``path`` of shape (n_iter + 1, d).

    Raises
    ------
    TypeError
        If ``grad`` is not callable, or a numeric argument has the wrong type.
    ValueError
        If ``x0`` is not a finite scalar or 1-D array, ``grad(x0)`` has the wrong shape or is not finite,
        ``learning_rate <= 0``, ``beta`` is outside ``[0, 1)``, ``tol < 0`` or ``max_iter < 1``.

    Warns
    -----
    RuntimeWarning
        When the iteration diverges or ``max_iter`` is reached; ``converged`` is then ``False``.

    Notes
    -----
    See the derivation in ``calculus/optimization/README.md``, section "Derivation", subsection on momentum.

    Examples
    --------
    On ``f(x) = (x_1^2 + 100 x_2^2) / 2`` (``kappa = 100``) the tuned heavy ball needs far fewer steps than
    gradient descent with its best learning rate ``2 / (L + mu)``.

    >>> import numpy as np
    >>> A = np.diag([1.0, 100.0])
    >>> eta, beta = 4 / (1 + 10) ** 2, (9 / 11) ** 2
    >>> hb = momentum(lambda x: A @ x, [1.0, 1.0], learning_rate=eta, beta=beta)
    >>> gd = gradient_descent(lambda x: A @ x, [1.0, 1.0], learning_rate=2 / 101)
    >>> hb.converged, gd.converged, hb.n_iter < gd.n_iter / 5
    (True, True, True)
    """
    x, g, tol, max_iter = _start(grad, x0, tol, max_iter)
    eta = check_positive(learning_rate, "learning_rate")
    beta = as_real_scalar(beta, "beta")
    if not 0 <= beta < 1:
        raise ValueError(f"beta must be in [0, 1), got {beta}")

    def update(x_prev, x, g):
        return x - eta * g + beta * (x - x_prev)  # gradient step plus a fraction of the previous step, (d,)

    return _iterate(update, grad, x, g, tol, max_iter, "momentum")


def newton_method(grad, hess, x0, tol=1e-8, max_iter=100) -> OptimizationResult:
    r"""Minimise a function by Newton's method, ``x_{k+1} = x_k - H(x_k)^{-1} grad(x_k)``.

    The Newton step ``p`` solves the linear system ``H(x_k) p = -grad(x_k)`` through the Cholesky factorisation
    ``H = L L^T`` (then ``L z = -grad``, ``L^T p = z`` with the triangular solvers of
    :mod:`linear_algebra.python_implementations.matrices`); the inverse is never formed. The Hessian is symmetric,
    so Cholesky costs half of LU, and it exists exactly when ``H`` is positive definite: a failed factorisation is
    the test for an indefinite (or singular) Hessian, where the Newton step need not be a descent direction.

    Parameters
    ----------
    grad : callable
        ``grad(x)`` returns the gradient at ``x``, an array of shape (d,) (a scalar is accepted when d = 1).
    hess : callable
        ``hess(x)`` returns the Hessian at ``x``, a symmetric array of shape (d, d) (a scalar is accepted when
        d = 1); only its lower triangle is read.
    x0 : float or array_like of shape (d,)
        Starting point; a scalar is treated as a point of shape (1,). Must be finite. Not modified.
    tol : float, default 1e-8
        Stop when the Euclidean norm of the gradient is ``<= tol`` (absolute); ``tol >= 0``.
    max_iter : int, default 100
        Maximum number of updates, ``>= 1``.

    Returns
    -------
    OptimizationResult
        ``x`` of shape (d,), ``n_iter``, ``converged``, ``path`` of shape (n_iter + 1, d).

    Raises
    ------
    TypeError
        If ``grad`` or ``hess`` is not callable, or a numeric argument has the wrong type.
    ValueError
        If ``x0`` is not a finite scalar or 1-D array, ``grad(x0)`` or ``hess(x)`` has the wrong shape,
        ``grad(x0)`` is not finite, ``tol < 0`` or ``max_iter < 1``.

    Warns
    -----
    RuntimeWarning
        When the Hessian is not positive definite (Cholesky meets a pivot ``<= 0``: an indefinite or singular
        Hessian) or not finite at an iterate, when the iteration diverges, or when ``max_iter`` is reached;
        ``converged`` is then ``False`` and ``x`` is the last iterate (``x0`` when the first Hessian fails).

    Notes
    -----
    The pure Newton iteration looks for ``grad(x) = 0``: it is attracted to saddle points and maxima as readily as
    to minima (on ``x^2 - y^2`` it would jump to the saddle in one step). This function refuses such a step: at a
    Hessian that is not positive definite it stops with a warning instead of heading for a saddle or a maximum.
    Near a minimiser with a positive definite, Lipschitz Hessian the error is squared at every step (quadratic
    convergence).

    See the derivation in ``calculus/optimization/README.md``, section "Derivation", subsection on Newton's method.

    Examples
    --------
    On a quadratic the second-order Taylor model is exact, so one step lands on the minimiser ``A^{-1} b``.

    >>> import numpy as np
    >>> A = np.array([[3.0, 1.0], [1.0, 2.0]]); b = np.array([1.0, 1.0])
    >>> res = newton_method(lambda x: A @ x - b, lambda x: A, [10.0, -7.0])
    >>> res.n_iter, res.converged, np.round(res.x, 6)
    (1, True, array([0.2, 0.4]))

    At the saddle of ``x^2 - y^2`` the Hessian ``diag(2, -2)`` is indefinite: no step is taken.

    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     res = newton_method(lambda x: np.array([2 * x[0], -2 * x[1]]), lambda x: np.diag([2.0, -2.0]), [1.0, 0.6])
    >>> res.n_iter, res.converged, str(caught[0].message)[:57]
    (0, False, 'newton_method stopped: the Hessian is not positive defini')
    """
    check_callable(hess, "hess")
    x, g, tol, max_iter = _start(grad, x0, tol, max_iter)

    def update(x_prev, x, g):
        H = _eval_matrix(hess, x, "hess")  # (d, d)
        if not np.all(np.isfinite(H)):
            warnings.warn(
                "newton_method stopped: the Hessian is not finite at the current iterate",
                RuntimeWarning,
                stacklevel=4,
            )
            return None
        # Only the lower triangle of H is read: mirror it, so that a Hessian whose upper half differs in the last
        # bits (or was never filled in) factors the same way.
        H = np.tril(H) + np.tril(H, -1).T  # (d, d)
        try:
            L = cholesky(H)  # H = L L^T, (d, d); d^3/3 flops, half of LU
        except np.linalg.LinAlgError as err:
            warnings.warn(
                f"newton_method stopped: the Hessian is not positive definite at the current iterate ({err}), "
                "so it is indefinite or singular and the Newton step would not be a descent direction: it heads "
                "for a saddle point or a maximum, or does not exist",
                RuntimeWarning,
                stacklevel=4,
            )
            return None
        z = forward_substitution(L, -g)  # L z = -g, (d, d) \ (d,) -> (d,)
        return x + back_substitution(L.T, z)  # L^T p = z, x + p

    return _iterate(update, grad, x, g, tol, max_iter, "newton_method")


def backtracking_line_search(f, grad, x, direction, alpha0=1.0, rho=0.5, c=1e-4, max_iter=50) -> float:
    r"""Return a step length ``alpha`` that satisfies the Armijo sufficient-decrease condition.

    Starting from ``alpha0``, the step is multiplied by ``rho`` until

    ``f(x + alpha * direction) <= f(x) + c * alpha * grad(x) . direction``.

    A trial point where ``f`` is not finite counts as a failure of the condition (the step is shrunk).

    Parameters
    ----------
    f : callable
        ``f(x)`` returns a real number.
    grad : callable
        ``grad(x)`` returns the gradient at ``x``, an array of shape (d,).
    x : float or array_like of shape (d,)
        Current point; finite. Not modified.
    direction : float or array_like of shape (d,)
        Search direction; must be a descent direction, ``grad(x) . direction < 0``.
    alpha0 : float, default 1.0
        First trial step, ``> 0``.
    rho : float, default 0.5
        Shrink factor, in ``(0, 1)``.
    c : float, default 1e-4
        Sufficient-decrease constant, in ``(0, 1)``.
    max_iter : int, default 50
        Maximum number of trial steps, ``>= 1``.

    Returns
    -------
    float
        The first step ``alpha0 * rho**j`` (``j = 0, 1, ...``) that meets the Armijo condition. If none of the
        ``max_iter`` trials meets it, the last (smallest) trial step is returned with a ``RuntimeWarning``.

    Raises
    ------
    TypeError
        If ``f`` or ``grad`` is not callable, or a numeric argument has the wrong type.
    ValueError
        If ``direction`` is not a descent direction, ``x`` or ``direction`` is not a finite vector of the same
        shape, ``f(x)`` or ``grad(x)`` is not finite, ``alpha0 <= 0``, ``rho`` or ``c`` outside ``(0, 1)`` or
        ``max_iter < 1``.

    Warns
    -----
    RuntimeWarning
        When no trial step satisfies the condition.

    Notes
    -----
    See the derivation in ``calculus/optimization/README.md``, section "Derivation", subsection on the Armijo
    condition (why a small enough step always satisfies it).

    Examples
    --------
    At ``x = (1, 1)`` on ``f(x) = (x_1^2 + 3 x_2^2) / 2`` along ``-grad = (-1, -3)``: ``alpha = 1`` raises ``f``
    from 2 to 6 and is rejected, ``alpha = 0.5`` lowers it to 0.5 and is accepted.

    >>> import numpy as np
    >>> A = np.diag([1.0, 3.0])
    >>> f = lambda x: 0.5 * x @ A @ x
    >>> backtracking_line_search(f, lambda x: A @ x, [1.0, 1.0], [-1.0, -3.0])
    0.5
    """
    check_callable(f, "f")
    check_callable(grad, "grad")
    x = as_point(x, "x")
    d = as_point(direction, "direction")
    if d.shape != x.shape:
        raise ValueError(f"direction must have the shape of x {x.shape}, got shape {d.shape}")
    alpha = check_positive(alpha0, "alpha0")
    rho = as_real_scalar(rho, "rho")
    if not 0 < rho < 1:
        raise ValueError(f"rho must be in (0, 1), got {rho}")
    c = as_real_scalar(c, "c")
    if not 0 < c < 1:
        raise ValueError(f"c must be in (0, 1), got {c}")
    max_iter = check_positive_int(max_iter, "max_iter")
    fx = _eval_scalar(f, x)
    if not np.isfinite(fx):
        raise ValueError(f"f(x) must be finite, got {fx}")
    g = _eval_vector(grad, x, "grad")
    if not np.all(np.isfinite(g)):
        raise ValueError(f"grad(x) must be finite, got {g}")
    slope = float(g @ d)  # directional derivative, (d,) . (d,) -> ()
    if not slope < 0:
        raise ValueError(f"direction must be a descent direction (grad(x) . direction < 0), got {slope:.6g}")
    alpha, ok = _armijo(f, x, fx, slope, d, alpha, rho, c, max_iter)
    if not ok:
        warnings.warn(
            f"backtracking_line_search found no step meeting the Armijo condition in max_iter={max_iter} "
            f"trials; returning the last trial step {alpha:.3e}",
            RuntimeWarning,
            stacklevel=2,
        )
    return alpha


def gradient_descent_backtracking(
    f, grad, x0, alpha0=1.0, rho=0.5, c=1e-4, tol=1e-8, max_iter=10_000
) -> OptimizationResult:
    r"""Minimise a function by gradient descent whose step is chosen by Armijo backtracking at every iterate.

    The update is ``x_{k+1} = x_k - alpha_k * grad(x_k)`` with ``alpha_k`` returned by
    :func:`backtracking_line_search` along ``-grad(x_k)``, each search starting from ``alpha0``. No learning rate
    has to be tuned: the search adapts the step to the local curvature.

    Parameters
    ----------
    f : callable
        ``f(x)`` returns a real number.
    grad : callable
        ``grad(x)`` returns the gradient at ``x``, an array of shape (d,) (a scalar is accepted when d = 1).
    x0 : float or array_like of shape (d,)
        Starting point; a scalar is treated as a point of shape (1,). Must be finite. Not modified.
    alpha0, rho, c : float
        Passed to :func:`backtracking_line_search` (defaults 1.0, 0.5, 1e-4).
    tol : float, default 1e-8
        Stop when the Euclidean norm of the gradient is ``<= tol`` (absolute); ``tol >= 0``.
    max_iter : int, default 10_000
        Maximum number of updates, ``>= 1``.

    Returns
    -------
    OptimizationResult
        ``x`` of shape (d,), ``n_iter``, ``converged``, ``path`` of shape (n_iter + 1, d).

    Raises
    ------
    TypeError, ValueError
        As :func:`gradient_descent` and :func:`backtracking_line_search` (``f(x0)`` must be finite too).

    Warns
    -----
    RuntimeWarning
        When a line search fails (the iteration stops there), the iteration diverges, or ``max_iter`` is reached.

    Notes
    -----
    The Armijo test compares values of ``f``, which are only known to about ``eps * |f|``. Once
    ``alpha * ||grad||^2`` falls below that, no decrease can be certified, so a gradient tolerance below roughly
    ``sqrt(eps * |f| / alpha)`` may be unreachable (``max_iter`` is then hit or a search fails): choose ``tol``
    accordingly, or use a method that stops on the gradient alone.

    See the derivation in ``calculus/optimization/README.md``, section "Derivation", subsection on the Armijo
    condition, and the section "Pitfalls".

    Examples
    --------
    >>> import numpy as np
    >>> A = np.diag([1.0, 3.0])
    >>> res = gradient_descent_backtracking(lambda x: 0.5 * x @ A @ x, lambda x: A @ x, [1.0, 1.0])
    >>> res.converged, res.n_iter
    (True, 29)
    """
    check_callable(f, "f")
    x, g, tol, max_iter = _start(grad, x0, tol, max_iter)
    alpha0 = check_positive(alpha0, "alpha0")
    rho = as_real_scalar(rho, "rho")
    if not 0 < rho < 1:
        raise ValueError(f"rho must be in (0, 1), got {rho}")
    c = as_real_scalar(c, "c")
    if not 0 < c < 1:
        raise ValueError(f"c must be in (0, 1), got {c}")
    if not np.isfinite(_eval_scalar(f, x)):
        raise ValueError(f"f(x0) must be finite, got {_eval_scalar(f, x)}")

    def update(x_prev, x, g):
        # Along d = -g the directional derivative is g . d = -||g||^2 < 0 (g != 0 here, else we had stopped).
        alpha, ok = _armijo(f, x, _eval_scalar(f, x), -float(g @ g), -g, alpha0, rho, c, 50)
        if not ok:
            warnings.warn(
                "gradient_descent_backtracking stopped: the line search found no step meeting the "
                "Armijo condition in 50 trials",
                RuntimeWarning,
                stacklevel=4,
            )
            return None
        return x - alpha * g  # (d,) - () * (d,) -> (d,)

    return _iterate(update, grad, x, g, tol, max_iter, "gradient_descent_backtracking")
