r"""The soft-margin support vector machine, fitted through its dual by sequential minimal optimisation (SMO).

The dual of the soft-margin SVM with a kernel :math:`K(\mathbf{x}, \mathbf{z})` is the box-constrained quadratic
program

.. math:: \max_{\boldsymbol\alpha} \sum_i \alpha_i - \tfrac12 \sum_{i,j} \alpha_i \alpha_j y_i y_j K(\mathbf{x}_i, \mathbf{x}_j)
          \quad \text{subject to} \quad 0 \le \alpha_i \le C, \quad \sum_i \alpha_i y_i = 0,

and the classifier is :math:`f(\mathbf{x}) = \sum_i \alpha_i y_i K(\mathbf{x}_i, \mathbf{x}) + b`. The primal, the
Lagrangian and this dual are derived in ``advanced_topics/convex_optimization/README.md``, section "Support vector
machines as a convex program"; the solver below follows section 3 of the project
``projects/support_vector_machine_duality.ipynb`` line by line, in its notation:

* :math:`s_t = \sum_j \alpha_j y_j K(\mathbf{x}_j, \mathbf{x}_t)`, the score of training point :math:`t` without the
  intercept, and :math:`v_t = y_t - s_t`, the intercept that would put point :math:`t` exactly on its margin
  (:math:`y_t f(\mathbf{x}_t) = 1`). The derivative of the dual objective along :math:`\alpha_t` is :math:`y_t v_t`.
* The KKT conditions hold exactly when some :math:`b` satisfies :math:`v_t \le b` for every :math:`t` in
  :math:`I_{\mathrm{up}}` (the points whose :math:`y_t \alpha_t` may still grow) and :math:`v_t \ge b` for every
  :math:`t` in :math:`I_{\mathrm{low}}` (those whose :math:`y_t \alpha_t` may still shrink), that is when
  :math:`m = \max_{I_{\mathrm{up}}} v_t \le M = \min_{I_{\mathrm{low}}} v_t`. SMO stops when the largest
  violation ``m - M`` is at most ``tol``.
* Each step moves two multipliers, :math:`\alpha_i \mathrel{+}= y_i t` and :math:`\alpha_j \mathrel{-}= y_j t`
  (which keeps :math:`\sum_k \alpha_k y_k` fixed), with the exact maximiser :math:`t = (v_i - v_j) / a_{ij}`,
  :math:`a_{ij} = K_{ii} + K_{jj} - 2 K_{ij}`, clipped to the box. The pair is chosen by the second-order rule of
  Fan, Chen and Lin (2005), the one libsvm (and so scikit-learn's ``SVC``) uses: :math:`i` is the maximal violator
  in :math:`I_{\mathrm{up}}`, and :math:`j` the point of :math:`I_{\mathrm{low}}` whose step gains the most,
  the largest :math:`(v_i - v_j)^2 / a_{ij}`.

The kernel matrix is formed once, so the memory is :math:`n^2` doubles: this is a teaching implementation for a few
thousand samples at most, not a replacement for libsvm's caching and shrinking.
"""

from __future__ import annotations

import numbers
import warnings
from dataclasses import dataclass

import numpy as np

__all__ = ["SVMModel", "svm_dual"]

_KERNELS = ("linear", "rbf")
# libsvm's replacement for a curvature a_ij <= 0 (two identical points): the step is then long but finite and is
# clipped to the box.
_TAU = 1e-12
# A multiplier within a few roundings of 0 or C (relative to C) is put on the bound: alpha_i + y_i t carries a
# rounding error of up to about 2u C, u = 2^-53 the unit roundoff; 4u leaves a factor 2 of margin.
_SNAP = 4 * np.finfo(float).eps / 2


# ----------------------------------------------------------------------------------------------------------------
# Input checks
# ----------------------------------------------------------------------------------------------------------------


def _as_matrix(X, name: str, d: int | None = None) -> np.ndarray:
    """``X`` as a new finite float array of shape (n, d), n >= 1 (and d as given)."""
    try:
        arr = np.array(X, dtype=float, copy=True)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be a 2-D array of real numbers, got {type(X).__name__}: {exc}") from None
    if arr.ndim != 2:
        raise ValueError(f"{name} must be a 2-D array of shape (n, d), got shape {arr.shape}")
    if arr.shape[0] == 0 or arr.shape[1] == 0:
        raise ValueError(f"{name} must not be empty, got shape {arr.shape}")
    if d is not None and arr.shape[1] != d:
        raise ValueError(f"{name} must have {d} columns like the training data, got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must contain only finite numbers (no NaN or inf)")
    return arr


def _as_two_classes(y, n: int) -> tuple[np.ndarray, np.ndarray]:
    """The labels as -1/+1 (shape (n,)) and the two original labels, sorted; the second one becomes +1."""
    labels = np.asarray(y)
    if labels.ndim != 1:
        raise ValueError(f"y must be a 1-D array of labels, got shape {labels.shape}")
    if labels.shape[0] != n:
        raise ValueError(f"y must have one label per row of X ({n}), got {labels.shape[0]}")
    if labels.dtype.kind in "fc" and not np.all(np.isfinite(labels)):
        raise ValueError("y must not contain NaN or inf")
    classes = np.unique(labels)
    if classes.size != 2:
        shown = classes[:5].tolist()
        raise ValueError(f"y must hold exactly two classes, got {classes.size}: {shown}"
                         + (" ..." if classes.size > 5 else ""))
    y_pm = np.where(labels == classes[1], 1.0, -1.0)  # (n,)
    return y_pm, classes


def _check_positive(value, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name} must be a real number > 0, got {type(value).__name__}: {value!r}")
    value = float(value)
    if not (np.isfinite(value) and value > 0):
        raise ValueError(f"{name} must be a finite number > 0, got {value}")
    return value


# ----------------------------------------------------------------------------------------------------------------
# Kernels
# ----------------------------------------------------------------------------------------------------------------


def _kernel_matrix(A: np.ndarray, B: np.ndarray, kernel: str, gamma: float | None) -> np.ndarray:
    r"""The matrix of :math:`K(\mathbf{a}_i, \mathbf{b}_j)` for the rows of A (m, d) and B (p, d): shape (m, p)."""
    inner = A @ B.T  # (m, d) @ (d, p) -> (m, p)
    if kernel == "linear":
        return inner
    # ||a - b||^2 = ||a||^2 + ||b||^2 - 2 a^T b; rounding can make it slightly negative for near points: clip at 0.
    sq_dist = np.sum(A * A, axis=1)[:, None] + np.sum(B * B, axis=1)[None, :] - 2.0 * inner  # (m, p)
    return np.exp(-gamma * np.maximum(sq_dist, 0.0))


# ----------------------------------------------------------------------------------------------------------------
# The fitted model
# ----------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class SVMModel:
    r"""A support vector machine fitted by :func:`svm_dual`.

    The decision function is :math:`f(\mathbf{x}) = \sum_{i \in S} \alpha_i y_i K(\mathbf{x}_i, \mathbf{x}) + b`,
    a sum over the support vectors :math:`S` (the training points with :math:`\alpha_i > 0`); a point is assigned to
    ``classes[1]`` when :math:`f(\mathbf{x}) > 0` and to ``classes[0]`` otherwise, as scikit-learn's ``SVC`` does.

    Attributes
    ----------
    dual_coef : ndarray of shape (n_SV,)
        :math:`\alpha_i y_i` for the support vectors, :math:`y_i = +1` for ``classes[1]`` (scikit-learn's
        ``dual_coef_[0]``).
    support : ndarray of int, shape (n_SV,)
        Row indices of the support vectors in the training data, ascending (scikit-learn lists them class by
        class instead: compare after sorting).
    support_vectors : ndarray of shape (n_SV, d)
        The rows ``X[support]``.
    intercept : float
        :math:`b`: the mean of :math:`v_t` over the free support vectors (:math:`0 < \alpha_t < C`), or the middle
        of the interval allowed by the KKT conditions when there are none (libsvm's rule).
    alpha : ndarray of shape (n,)
        All the multipliers, :math:`0 \le \alpha_i \le C`; the ones at a bound are exactly 0 or ``C``.
    classes : ndarray of shape (2,)
        The two original labels, sorted; ``classes[1]`` is the positive class (:math:`y = +1`).
    C : float
        The penalty of the margin violations, the upper bound of every :math:`\alpha_i`.
    kernel : str
        ``"linear"`` or ``"rbf"``.
    gamma : float or None
        The width parameter of the RBF kernel :math:`e^{-\gamma \lVert \mathbf{x} - \mathbf{z} \rVert^2}`;
        ``None`` for the linear kernel.
    coef : ndarray of shape (d,) or None
        For the linear kernel, the primal weights :math:`\mathbf{w} = \sum_i \alpha_i y_i \mathbf{x}_i` (so that
        :math:`f(\mathbf{x}) = \mathbf{w}^\top \mathbf{x} + b`); ``None`` for the RBF kernel.
    n_iter : int
        Number of SMO steps taken.
    converged : bool
        ``True`` when the stopping rule ``kkt_violation <= tol`` was met.
    kkt_violation : float
        The final maximal violation :math:`m - M` (negative or zero at an exact solution).

    Examples
    --------
    >>> X = np.array([[0.0, 0.0], [1.0, 0.0], [3.0, 0.0], [4.0, 0.0]])
    >>> model = svm_dual(X, np.array(["no", "no", "yes", "yes"]), C=10.0)
    >>> isinstance(model, SVMModel), model.classes.tolist(), model.support.tolist()
    (True, ['no', 'yes'], [1, 2])
    >>> model.coef, model.intercept
    (array([1., 0.]), -2.0)
    >>> model.predict(np.array([[1.5, 5.0], [2.5, -5.0]])).tolist()
    ['no', 'yes']
    """

    dual_coef: np.ndarray
    support: np.ndarray
    support_vectors: np.ndarray
    intercept: float
    alpha: np.ndarray
    classes: np.ndarray
    C: float
    kernel: str
    gamma: float | None
    coef: np.ndarray | None
    n_iter: int
    converged: bool
    kkt_violation: float

    def decision_function(self, X_new) -> np.ndarray:
        r"""The score :math:`f(\mathbf{x}) = \sum_{i \in S} \alpha_i y_i K(\mathbf{x}_i, \mathbf{x}) + b` of each row.

        Parameters
        ----------
        X_new : array_like of shape (m, d)
            Finite rows with as many columns as the training data.

        Returns
        -------
        ndarray of shape (m,)
            Positive on the side of ``classes[1]``; :math:`\pm 1` on the two margins.

        Raises
        ------
        ValueError
            If ``X_new`` is not a non-empty finite 2-D array with ``d`` columns.

        Examples
        --------
        >>> X = np.array([[0.0, 0.0], [1.0, 0.0], [3.0, 0.0], [4.0, 0.0]])
        >>> svm_dual(X, np.array([0, 0, 1, 1]), C=10.0).decision_function(np.array([[1.0, 7.0], [2.0, 0.0]]))
        array([-1.,  0.])
        """
        X_new = _as_matrix(X_new, "X_new", d=self.support_vectors.shape[1])
        K = _kernel_matrix(X_new, self.support_vectors, self.kernel, self.gamma)  # (m, n_SV)
        return K @ self.dual_coef + self.intercept  # (m, n_SV) @ (n_SV,) -> (m,)

    def predict(self, X_new) -> np.ndarray:
        r"""The predicted label of each row: ``classes[1]`` where the decision function is > 0, else ``classes[0]``.

        Parameters
        ----------
        X_new : array_like of shape (m, d)
            Finite rows with as many columns as the training data.

        Returns
        -------
        ndarray of shape (m,)
            Labels drawn from ``classes``, with their original type.

        Raises
        ------
        ValueError
            If ``X_new`` is not a non-empty finite 2-D array with ``d`` columns.

        Examples
        --------
        >>> X = np.array([[0.0, 0.0], [1.0, 0.0], [3.0, 0.0], [4.0, 0.0]])
        >>> svm_dual(X, np.array([-1, -1, 1, 1]), C=10.0).predict(np.array([[0.5, 1.0], [9.0, 0.0]]))
        array([-1,  1])
        """
        return self.classes[(self.decision_function(X_new) > 0).astype(int)]


# ----------------------------------------------------------------------------------------------------------------
# The solver
# ----------------------------------------------------------------------------------------------------------------


def svm_dual(X, y, C, kernel="linear", gamma=None, tol=1e-8, max_iter=100_000) -> SVMModel:
    r"""Fit a soft-margin support vector machine by solving its dual with SMO.

    Parameters
    ----------
    X : array_like of shape (n, d)
        Finite training rows.
    y : array_like of shape (n,)
        Labels of exactly two classes, of any type that ``np.unique`` sorts (-1/+1, 0/1, strings, ...). The larger
        one, ``classes[1]``, is coded :math:`y = +1`, the other :math:`y = -1`; predictions return the original
        labels.
    C : float
        Penalty of the margin violations, > 0: the box :math:`0 \le \alpha_i \le C`.
    kernel : {"linear", "rbf"}, default "linear"
        :math:`K(\mathbf{x}, \mathbf{z}) = \mathbf{x}^\top \mathbf{z}` or
        :math:`e^{-\gamma \lVert \mathbf{x} - \mathbf{z} \rVert^2}`.
    gamma : float, optional
        Width of the RBF kernel, > 0. Default (and scikit-learn's ``gamma="scale"``): :math:`1 / (d \cdot
        \mathrm{Var})`, with the variance of all the entries of ``X`` (1 when that variance is 0). Ignored by the
        linear kernel, but checked.
    tol : float, default 1e-8
        Stop when the maximal KKT violation :math:`m - M = \max_{I_{\mathrm{up}}} v_t - \min_{I_{\mathrm{low}}} v_t`
        is at most ``tol`` (> 0). This is libsvm's stopping rule (its ``tol``, default ``1e-3``): every training
        point then satisfies its KKT condition on :math:`y_t f(\mathbf{x}_t)` to within ``tol``.
    max_iter : int, default 100000
        Maximal number of SMO steps, >= 1.

    Returns
    -------
    SVMModel
        The multipliers, the support vectors, the intercept and the decision function.

    Raises
    ------
    ValueError
        If ``X`` is not a non-empty finite 2-D array; if ``y`` does not hold one label per row, or not exactly two
        classes, or holds NaN; if ``C``, ``gamma`` or ``tol`` is not a finite number > 0; if ``kernel`` is unknown;
        if ``max_iter`` is not an integer >= 1.

    Warns
    -----
    RuntimeWarning
        If ``max_iter`` steps did not reach the tolerance (the model then has ``converged=False``).

    Notes
    -----
    Cost: the kernel matrix, :math:`O(n^2 d)` time and :math:`n^2` doubles of memory, then :math:`O(n)` per step.
    The gradient-like vector :math:`\mathbf{v}` is updated after each step, not recomputed, as libsvm does: over
    :math:`k` steps its rounding errors grow to about :math:`k\ u\ C \max_{ij} \lvert K_{ij} \rvert`, far below
    the default ``tol`` for the problems this implementation is meant for.
    See the derivation in ``advanced_topics/convex_optimization/README.md``, section "Support vector machines as a
    convex program", and the algorithm in ``projects/support_vector_machine_duality.ipynb``, section 3.

    References
    ----------
    R.-E. Fan, P.-H. Chen and C.-J. Lin, "Working set selection using second order information for training
    support vector machines", Journal of Machine Learning Research 6 (2005), 1889-1918.

    Examples
    --------
    Two points per class on a line: the support vectors are the two inner ones, the margins pass through them.

    >>> X = np.array([[0.0], [1.0], [3.0], [4.0]])
    >>> model = svm_dual(X, np.array([0, 0, 1, 1]), C=10.0)
    >>> model.support, model.dual_coef, model.intercept
    (array([1, 2]), array([-0.5,  0.5]), -2.0)
    >>> model.decision_function(np.array([[1.0], [2.0], [3.0]]))
    array([-1.,  0.,  1.])

    The RBF kernel separates the inner points from the outer ones, which no line can do:

    >>> X = np.array([[-2.0], [-1.0], [0.0], [1.0], [2.0]])
    >>> rbf = svm_dual(X, np.array([0, 1, 1, 1, 0]), C=100.0, kernel="rbf", gamma=1.0)
    >>> rbf.predict(X)
    array([0, 1, 1, 1, 0])
    """
    X = _as_matrix(X, "X")  # (n, d)
    n, d = X.shape
    y, classes = _as_two_classes(y, n)  # (n,) of -1/+1
    C = _check_positive(C, "C")
    if not isinstance(kernel, str) or kernel not in _KERNELS:
        raise ValueError(f"kernel must be one of {_KERNELS}, got {kernel!r}")
    if gamma is not None:
        gamma = _check_positive(gamma, "gamma")
    elif kernel == "rbf":
        var = float(X.var())
        gamma = 1.0 / (d * var) if var > 0 else 1.0  # scikit-learn's gamma="scale"
    if kernel == "linear":
        gamma = None
    tol = _check_positive(tol, "tol")
    if isinstance(max_iter, bool) or not isinstance(max_iter, numbers.Integral) or max_iter < 1:
        raise ValueError(f"max_iter must be an integer >= 1, got {max_iter!r}")

    K = _kernel_matrix(X, X, kernel, gamma)  # (n, n), K_ij = K(x_i, x_j)
    K_diag = np.diag(K).copy()  # (n,)
    alpha = np.zeros(n)  # feasible start: sum_k alpha_k y_k = 0
    s = np.zeros(n)  # s_t = sum_j alpha_j y_j K_tj, the score without the intercept
    positive = y > 0

    n_iter, converged = 0, False
    while True:
        v = y - s  # (n,) the intercept that would put each point on its margin
        # I_up: y_t alpha_t can still grow; I_low: y_t alpha_t can still shrink.
        up = np.where(positive, alpha < C, alpha > 0)
        low = np.where(positive, alpha > 0, alpha < C)
        v_up = np.where(up, v, -np.inf)
        i = int(np.argmax(v_up))
        m = v_up[i]
        M = float(np.min(v[low]))
        gap = m - M  # the maximal KKT violation
        if gap <= tol:
            converged = True
            break
        if n_iter == max_iter:
            break
        # Second-order working set selection: among the j in I_low with v_j < v_i, the largest gain
        # (v_i - v_j)^2 / (2 a_ij) of the dual objective (the factor 1/2 does not change the argmax: dropped).
        a = K_diag[i] + K_diag - 2.0 * K[i]  # (n,) a_ij = K_ii + K_jj - 2 K_ij
        a = np.where(a > 0, a, _TAU)
        slope = m - v  # (n,) v_i - v_j, the slope D'(0) of the dual along the pair's direction
        gain = np.where(low & (slope > 0), slope * slope / a, -np.inf)
        j = int(np.argmax(gain))
        # The step t > 0 along alpha_i += y_i t, alpha_j -= y_j t: the unconstrained maximiser, clipped to the box.
        t_max_i = C - alpha[i] if positive[i] else alpha[i]
        t_max_j = alpha[j] if positive[j] else C - alpha[j]
        t = min(slope[j] / a[j], t_max_i, t_max_j)
        alpha_i = alpha[i] + y[i] * t
        alpha_j = alpha[j] - y[j] * t
        # A step that reaches a bound puts the multiplier exactly on it (no 1e-17 left over), and so does one that
        # stops within rounding of it: alpha = C (1 - 1e-16) would count as a free point and set the intercept.
        if t == t_max_i or min(alpha_i, C - alpha_i) <= _SNAP * C:
            alpha_i = C if alpha_i > 0.5 * C else 0.0
        if t == t_max_j or min(alpha_j, C - alpha_j) <= _SNAP * C:
            alpha_j = C if alpha_j > 0.5 * C else 0.0
        alpha[i], alpha[j] = alpha_i, alpha_j
        s += t * (K[:, i] - K[:, j])  # (n,) the scores after the step
        n_iter += 1

    if not converged:
        warnings.warn(
            f"svm_dual did not converge in max_iter={max_iter} steps: the maximal KKT violation is {gap:.3e} > "
            f"tol = {tol:.3e}",
            RuntimeWarning,
            stacklevel=2,
        )
    # Intercept: every free point (0 < alpha < C) lies on its margin, y_t f(x_t) = 1, i.e. b = v_t; average them.
    free = (alpha > 0) & (alpha < C)
    b = float(np.mean(v[free])) if np.any(free) else 0.5 * (m + M)

    support = np.flatnonzero(alpha > 0)  # (n_SV,)
    dual_coef = alpha[support] * y[support]  # (n_SV,)
    support_vectors = X[support]  # (n_SV, d)
    coef = dual_coef @ support_vectors if kernel == "linear" else None  # (n_SV,) @ (n_SV, d) -> (d,)
    return SVMModel(
        dual_coef=dual_coef, support=support, support_vectors=support_vectors, intercept=b, alpha=alpha,
        classes=classes, C=C, kernel=kernel, gamma=gamma, coef=coef, n_iter=n_iter, converged=converged,
        kkt_violation=float(gap),
    )
