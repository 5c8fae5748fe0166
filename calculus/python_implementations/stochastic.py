r"""Stochastic optimisation: mini-batches, SGD with momentum, AdaGrad, RMSProp, Adam(W), learning-rate schedules.

Each optimizer is a small class because its state (a momentum buffer, running averages of the squared gradient,
a step counter) must survive from one step to the next. ``step(params, grad)`` returns the new parameters as a new
array and never modifies its arguments; ``reset()`` forgets the state. The update rules, the defaults and the place
where ``eps`` enters are those of the algorithm boxes of PyTorch's ``torch.optim`` documentation (``SGD``,
``Adagrad``, ``RMSprop``, ``Adam``/``AdamW``), so code written with these classes moves to PyTorch unchanged in
meaning. The state carries the names of those boxes: ``b`` (momentum buffer), ``state_sum``, ``v`` (running average
of ``g^2``), ``m`` (running average of ``g``) and the step counter ``t``.

The schedules are callables ``step -> learning rate`` with ``step = 0, 1, 2, ...``; :func:`train` runs an optimizer
over shuffled mini-batches for a number of epochs and returns the iterate after every epoch.

See the derivations in ``calculus/stochastic_optimization/README.md``.
"""

from __future__ import annotations

import math
import numbers
import warnings

import numpy as np

from calculus.python_implementations._validation import (
    as_point,
    as_real_scalar,
    check_callable,
    check_positive,
    check_positive_int,
)
from calculus.python_implementations.optimization import OptimizationResult

__all__ = [
    "SGD",
    "AdaGrad",
    "Adam",
    "RMSProp",
    "constant",
    "cosine",
    "inverse_time",
    "minibatch_indices",
    "step_decay",
    "train",
]


# ----------------------------------------------------------------------------------------------------------------
# Private helpers: argument checks shared by the optimizers
# ----------------------------------------------------------------------------------------------------------------


def _check_in_unit_interval(value, name: str) -> float:
    """Return ``value`` when it is a real number in ``[0, 1)``."""
    value = as_real_scalar(value, name)
    if not 0 <= value < 1:
        raise ValueError(f"{name} must be in [0, 1), got {value}")
    return value


def _check_non_negative(value, name: str) -> float:
    value = as_real_scalar(value, name)
    if value < 0:
        raise ValueError(f"{name} must be >= 0, got {value}")
    return value


def _as_array(x, name: str) -> np.ndarray:
    """``x`` as a new finite float array of any shape (parameters may be vectors, matrices, ...)."""
    try:
        arr = np.array(x, dtype=float, copy=True)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be an array of real numbers, got {type(x).__name__}: {exc}") from None
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} must contain only finite numbers (no NaN or inf), got {arr}")
    return arr


def _check_step(optimizer, params, grad) -> tuple[np.ndarray, np.ndarray]:
    """Validate the arguments of ``step``: finite arrays of one shape, the shape of the optimizer's state."""
    theta = _as_array(params, "params")
    g = _as_array(grad, "grad")
    if g.shape != theta.shape:
        raise ValueError(f"grad must have the shape of params {theta.shape}, got shape {g.shape}")
    if optimizer._shape is not None and theta.shape != optimizer._shape:
        raise ValueError(
            f"params must keep the shape {optimizer._shape} of the optimizer's state, got shape {theta.shape}; "
            "call reset() before optimising other parameters"
        )
    optimizer._shape = theta.shape
    return theta, g


# ----------------------------------------------------------------------------------------------------------------
# Optimizers
# ----------------------------------------------------------------------------------------------------------------


class SGD:
    r"""Stochastic gradient descent, with optional heavy-ball or Nesterov momentum and L2 weight decay.

    At step ``t = 1, 2, ...`` with gradient ``g`` (PyTorch's ``torch.optim.SGD`` with ``dampening=0``):

    * ``g <- g + weight_decay * params`` (an L2 penalty ``weight_decay / 2 * ||params||^2`` added to the loss);
    * with ``momentum = beta > 0``: ``b <- g`` at ``t = 1``, else ``b <- beta * b + g``; then ``g <- b`` (heavy
      ball), or ``g <- g + beta * b`` when ``nesterov`` is true;
    * ``params <- params - lr * g``.

    Parameters
    ----------
    lr : float
        Learning rate ``> 0``.
    momentum : float, default 0.0
        Momentum coefficient ``beta`` in ``[0, 1)`` (PyTorch's ``momentum``, often written ``mu``); ``0`` is plain
        SGD.
    nesterov : bool, default False
        Use Nesterov momentum; needs ``momentum > 0``.
    weight_decay : float, default 0.0
        L2 coefficient ``>= 0``, added to the gradient. For SGD this is the same as shrinking the parameters by
        ``1 - lr * weight_decay`` before the step (decoupled decay), because ``lr`` multiplies both.

    Attributes
    ----------
    lr : float
        The learning rate of the next step (:func:`train` sets it from a schedule).
    t : int
        Number of steps taken since the last :meth:`reset`.
    b : ndarray or None
        The momentum buffer, ``None`` before the first step (and always when ``momentum = 0``).

    Raises
    ------
    TypeError
        If a numeric argument is not a real number, or ``nesterov`` is not a bool.
    ValueError
        If ``lr <= 0``, ``momentum`` is outside ``[0, 1)``, ``weight_decay < 0``, or ``nesterov`` is true with
        ``momentum = 0``.

    Notes
    -----
    The buffer sums past gradients, ``b_t = g_t + beta g_{t-1} + beta^2 g_{t-2} + ...``, so on a constant gradient
    the step approaches ``lr / (1 - beta)`` times the gradient: momentum multiplies the effective learning rate by
    ``1 / (1 - beta)``. This is the heavy ball of ``calculus/optimization/README.md`` with ``eta = lr``. Nesterov's
    form evaluates the gradient at the look-ahead point of the classical accelerated gradient. See the derivation in ``calculus/stochastic_optimization/README.md``, section "Derivation",
    subsection on momentum.

    Examples
    --------
    Three steps on a constant gradient: plain SGD moves by ``lr * g`` each time, the heavy ball by
    ``lr * (1 + beta + ... + beta^(t-1)) * g``.

    >>> import numpy as np
    >>> g = np.array([1.0, -2.0])
    >>> opt = SGD(lr=0.1, momentum=0.5)
    >>> x = np.zeros(2)
    >>> for _ in range(3):
    ...     x = opt.step(x, g)
    >>> x                                  # -0.1 * (1 + 1.5 + 1.75) * g
    array([-0.425,  0.85 ])
    >>> opt.b                              # (1 + 0.5 + 0.25) * g
    array([ 1.75, -3.5 ])
    """

    def __init__(self, lr, momentum=0.0, nesterov=False, weight_decay=0.0):
        self.lr = check_positive(lr, "lr")
        self.momentum = _check_in_unit_interval(momentum, "momentum")
        if not isinstance(nesterov, bool | np.bool_):
            raise TypeError(f"nesterov must be a bool, got {type(nesterov).__name__}")
        if nesterov and self.momentum == 0:
            raise ValueError("nesterov=True needs momentum > 0, got momentum = 0.0")
        self.nesterov = bool(nesterov)
        self.weight_decay = _check_non_negative(weight_decay, "weight_decay")
        self.reset()

    def reset(self) -> None:
        """Forget the state: the next step is a first step again."""
        self.t = 0
        self.b = None
        self._shape = None

    def step(self, params, grad) -> np.ndarray:
        r"""One update; return the new parameters (a new array of the shape of ``params``).

        Parameters
        ----------
        params : array_like
            Current parameters, finite; not modified.
        grad : array_like
            Gradient (or mini-batch estimate) at ``params``, same shape, finite.

        Returns
        -------
        ndarray
            ``params - lr * direction``, as described in the class docstring.

        Raises
        ------
        ValueError
            If ``params`` or ``grad`` is not finite, their shapes differ, or the shape differs from the one the
            state was built for (call :meth:`reset` first).

        Examples
        --------
        >>> SGD(lr=0.5).step([1.0, 2.0], [2.0, 2.0])
        array([0., 1.])
        """
        theta, g = _check_step(self, params, grad)
        self.t += 1
        if self.weight_decay != 0:
            g = g + self.weight_decay * theta  # gradient of the L2 penalty, coupled to the loss
        if self.momentum != 0:
            self.b = g.copy() if self.t == 1 else self.momentum * self.b + g  # buffer: sum of beta^k g_{t-k}
            g = g + self.momentum * self.b if self.nesterov else self.b  # look ahead one buffer step, or ride it
        return theta - self.lr * g


class AdaGrad:
    r"""AdaGrad: per-coordinate learning rates from the sum of all past squared gradients.

    At step ``t`` with gradient ``g`` (PyTorch's ``torch.optim.Adagrad`` with ``lr_decay=0``,
    ``initial_accumulator_value=0``, ``weight_decay=0``), all operations elementwise:

    * ``state_sum <- state_sum + g^2`` (``state_sum = 0`` before the first step);
    * ``params <- params - lr * g / (sqrt(state_sum) + eps)``.

    Parameters
    ----------
    lr : float, default 0.01
        Learning rate ``> 0``.
    eps : float, default 1e-10
        Added to the square root, ``>= 0``; it only matters for coordinates whose gradients have all been ~0.

    Attributes
    ----------
    lr : float
    t : int
        Steps since the last :meth:`reset`.
    state_sum : ndarray or None
        Sum of the squared gradients, ``None`` before the first step.

    Raises
    ------
    TypeError
        If a numeric argument is not a real number.
    ValueError
        If ``lr <= 0`` or ``eps < 0``.

    Notes
    -----
    The first step moves every coordinate with a non-zero gradient by ``lr * g / (|g| + eps)``, about
    ``lr * sign(g)``. After ``t`` steps with gradients of typical size ``G`` the step is about
    ``lr / sqrt(t)``: AdaGrad has a decreasing schedule built in, which suits convex problems and can stall
    non-convex training. See the derivation in ``calculus/stochastic_optimization/README.md``, section
    "Derivation", subsection on adaptive methods.

    Examples
    --------
    >>> opt = AdaGrad(lr=0.1, eps=0.0)
    >>> x = opt.step([0.0, 0.0], [3.0, -0.5])      # first step: lr * sign(g)
    >>> x
    array([-0.1,  0.1])
    >>> opt.step(x, [4.0, -0.5])                 # state_sum = (9 + 16, 0.25 + 0.25)
    array([-0.18      ,  0.17071068])
    """

    def __init__(self, lr=0.01, eps=1e-10):
        self.lr = check_positive(lr, "lr")
        self.eps = _check_non_negative(eps, "eps")
        self.reset()

    def reset(self) -> None:
        """Forget the state: the next step is a first step again."""
        self.t = 0
        self.state_sum = None
        self._shape = None

    def step(self, params, grad) -> np.ndarray:
        r"""One update; return the new parameters (a new array of the shape of ``params``).

        Parameters
        ----------
        params : array_like
            Current parameters, finite; not modified.
        grad : array_like
            Gradient (or mini-batch estimate) at ``params``, same shape, finite.

        Returns
        -------
        ndarray

        Raises
        ------
        ValueError
            As :meth:`SGD.step`.

        Examples
        --------
        >>> AdaGrad(lr=0.5, eps=0.0).step([1.0], [-4.0])
        array([1.5])
        """
        theta, g = _check_step(self, params, grad)
        self.t += 1
        self.state_sum = g * g if self.t == 1 else self.state_sum + g * g  # sum of all squared gradients
        return theta - self.lr * g / (np.sqrt(self.state_sum) + self.eps)


class RMSProp:
    r"""RMSProp: per-coordinate learning rates from a running average of the squared gradients.

    At step ``t`` with gradient ``g`` (PyTorch's ``torch.optim.RMSprop`` with ``centered=False``, ``momentum=0``,
    ``weight_decay=0``), all operations elementwise:

    * ``v <- alpha * v + (1 - alpha) * g^2`` (``v = 0`` before the first step; no bias correction);
    * ``params <- params - lr * g / (sqrt(v) + eps)``.

    Parameters
    ----------
    lr : float, default 0.01
        Learning rate ``> 0``.
    alpha : float, default 0.99
        Smoothing constant in ``[0, 1)``; the average covers roughly the last ``1 / (1 - alpha)`` steps.
    eps : float, default 1e-8
        Added to the square root, ``>= 0``.

    Attributes
    ----------
    lr : float
    t : int
        Steps since the last :meth:`reset`.
    v : ndarray or None
        Running average of ``g^2``, ``None`` before the first step.

    Raises
    ------
    TypeError
        If a numeric argument is not a real number.
    ValueError
        If ``lr <= 0``, ``alpha`` is outside ``[0, 1)`` or ``eps < 0``.

    Notes
    -----
    Because ``v`` starts at 0 and is not bias-corrected, the first step is ``lr * sign(g) / sqrt(1 - alpha)``
    (for ``eps -> 0``), ten times ``lr * sign(g)`` for ``alpha = 0.99``; the steps then shrink towards ``lr * g / RMS(g)`` as ``v``
    fills. Adam's bias correction removes exactly this start-up effect. See the derivation in
    ``calculus/stochastic_optimization/README.md``, section "Derivation", subsection on adaptive methods.

    Examples
    --------
    >>> opt = RMSProp(lr=0.01, alpha=0.99, eps=0.0)
    >>> opt.step([0.0], [2.0])                     # -0.01 * 2 / sqrt(0.01 * 4) = -0.1
    array([-0.1])
    """

    def __init__(self, lr=0.01, alpha=0.99, eps=1e-8):
        self.lr = check_positive(lr, "lr")
        self.alpha = _check_in_unit_interval(alpha, "alpha")
        self.eps = _check_non_negative(eps, "eps")
        self.reset()

    def reset(self) -> None:
        """Forget the state: the next step is a first step again."""
        self.t = 0
        self.v = None
        self._shape = None

    def step(self, params, grad) -> np.ndarray:
        r"""One update; return the new parameters (a new array of the shape of ``params``).

        Parameters
        ----------
        params : array_like
            Current parameters, finite; not modified.
        grad : array_like
            Gradient (or mini-batch estimate) at ``params``, same shape, finite.

        Returns
        -------
        ndarray

        Raises
        ------
        ValueError
            As :meth:`SGD.step`.

        Examples
        --------
        >>> RMSProp(lr=0.1, alpha=0.75, eps=0.0).step([1.0], [3.0])    # 1 - 0.1 * 3 / sqrt(0.25 * 9)
        array([0.8])
        """
        theta, g = _check_step(self, params, grad)
        self.t += 1
        v_prev = np.zeros_like(g) if self.t == 1 else self.v
        self.v = self.alpha * v_prev + (1 - self.alpha) * g * g  # running average of g^2, started at 0
        return theta - self.lr * g / (np.sqrt(self.v) + self.eps)


class Adam:
    r"""Adam, and AdamW (``decoupled=True``): momentum and RMSProp scaling, both bias-corrected.

    At step ``t = 1, 2, ...`` with gradient ``g`` (PyTorch's ``torch.optim.Adam``, ``amsgrad=False``; with
    ``decoupled=True`` it is ``torch.optim.AdamW``), all operations elementwise:

    * L2 (``decoupled=False``): ``g <- g + weight_decay * params``;
      decoupled (``decoupled=True``): ``params <- params * (1 - lr * weight_decay)``;
    * ``m <- beta1 * m + (1 - beta1) * g`` and ``v <- beta2 * v + (1 - beta2) * g^2`` (both 0 before step 1);
    * ``m_hat = m / (1 - beta1^t)`` and ``v_hat = v / (1 - beta2^t)`` (bias correction);
    * ``params <- params - lr * m_hat / (sqrt(v_hat) + eps)``.

    Parameters
    ----------
    lr : float, default 1e-3
        Learning rate ``> 0``.
    betas : tuple of two floats, default (0.9, 0.999)
        ``(beta1, beta2)``, each in ``[0, 1)``: the decay rates of the running averages of ``g`` and ``g^2``.
    eps : float, default 1e-8
        Added to ``sqrt(v_hat)``, ``>= 0``.
    weight_decay : float, default 0.0
        Coefficient ``>= 0`` of the L2 penalty (``decoupled=False``) or of the decoupled decay. PyTorch's ``AdamW``
        defaults to ``1e-2``; here the value given is used in both modes.
    decoupled : bool, default False
        ``True`` gives AdamW (Loshchilov and Hutter): the decay bypasses ``m`` and ``v``.

    Attributes
    ----------
    lr : float
    t : int
        Steps since the last :meth:`reset`.
    m, v : ndarray or None
        Running averages of ``g`` and ``g^2`` (not bias-corrected), ``None`` before the first step.

    Raises
    ------
    TypeError
        If a numeric argument is not a real number, ``betas`` is not a pair, or ``decoupled`` is not a bool.
    ValueError
        If ``lr <= 0``, a beta is outside ``[0, 1)``, ``eps < 0`` or ``weight_decay < 0``.

    Notes
    -----
    With ``m_0 = 0`` the average is ``m_t = (1 - beta1) sum_k beta1^(t-k) g_k``, whose weights sum to
    ``1 - beta1^t``, not 1: for gradients with a constant mean, ``E[m_t] = (1 - beta1^t) E[g]``. Dividing by
    ``1 - beta1^t`` removes the bias; the same holds for ``v``. At ``t = 1``, ``m_hat = g`` and ``v_hat = g^2``, so
    the first step is ``lr * g / (|g| + eps)``: every coordinate moves by about ``lr``, whatever the scale of its
    gradient. With L2 the penalty's gradient is divided by ``sqrt(v_hat)`` like the loss's, so coordinates with
    large gradients are barely regularised; decoupled decay shrinks every weight by the same factor. See the
    derivation in ``calculus/stochastic_optimization/README.md``, section "Derivation", subsections on Adam's bias
    correction and on weight decay.

    References
    ----------
    D. P. Kingma and J. Ba, "Adam: A method for stochastic optimization", ICLR 2015.
    I. Loshchilov and F. Hutter, "Decoupled weight decay regularization", ICLR 2019.

    Examples
    --------
    The first step moves every coordinate by ``lr`` against the sign of its gradient, however different the
    gradients' sizes:

    >>> import numpy as np
    >>> opt = Adam(lr=0.01, eps=0.0)
    >>> opt.step(np.zeros(3), np.array([1e-3, -5.0, 200.0]))
    array([-0.01,  0.01, -0.01])

    AdamW shrinks the parameters first, outside the running averages:

    >>> Adam(lr=0.1, weight_decay=0.5, decoupled=True).step([2.0], [0.0])   # 2 * (1 - 0.05) - 0
    array([1.9])
    """

    def __init__(self, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, decoupled=False):
        self.lr = check_positive(lr, "lr")
        if isinstance(betas, str) or not hasattr(betas, "__len__") or len(betas) != 2:
            raise TypeError(f"betas must be a pair (beta1, beta2), got {betas!r}")
        self.betas = (_check_in_unit_interval(betas[0], "betas[0]"), _check_in_unit_interval(betas[1], "betas[1]"))
        self.eps = _check_non_negative(eps, "eps")
        self.weight_decay = _check_non_negative(weight_decay, "weight_decay")
        if not isinstance(decoupled, bool | np.bool_):
            raise TypeError(f"decoupled must be a bool, got {type(decoupled).__name__}")
        self.decoupled = bool(decoupled)
        self.reset()

    def reset(self) -> None:
        """Forget the state: the next step is a first step again."""
        self.t = 0
        self.m = None
        self.v = None
        self._shape = None

    def step(self, params, grad) -> np.ndarray:
        r"""One update; return the new parameters (a new array of the shape of ``params``).

        Parameters
        ----------
        params : array_like
            Current parameters, finite; not modified.
        grad : array_like
            Gradient (or mini-batch estimate) at ``params``, same shape, finite.

        Returns
        -------
        ndarray

        Raises
        ------
        ValueError
            As :meth:`SGD.step`.

        Examples
        --------
        >>> Adam(lr=0.1, eps=0.0).step([1.0, 1.0], [0.5, -3.0])
        array([0.9, 1.1])
        """
        theta, g = _check_step(self, params, grad)
        beta1, beta2 = self.betas
        self.t += 1
        if self.weight_decay != 0:
            if self.decoupled:
                theta = theta * (1 - self.lr * self.weight_decay)  # AdamW: shrink the weights, outside m and v
            else:
                g = g + self.weight_decay * theta  # Adam + L2: the penalty's gradient enters m and v
        m_prev = np.zeros_like(g) if self.t == 1 else self.m
        v_prev = np.zeros_like(g) if self.t == 1 else self.v
        self.m = beta1 * m_prev + (1 - beta1) * g  # running average of g, started at 0
        self.v = beta2 * v_prev + (1 - beta2) * g * g  # running average of g^2, started at 0
        m_hat = self.m / (1 - beta1**self.t)  # bias correction: the weights of m sum to 1 - beta1^t
        v_hat = self.v / (1 - beta2**self.t)
        return theta - self.lr * m_hat / (np.sqrt(v_hat) + self.eps)


# ----------------------------------------------------------------------------------------------------------------
# Mini-batches
# ----------------------------------------------------------------------------------------------------------------


def minibatch_indices(n_samples, batch_size, rng, drop_last=False):
    r"""Split a fresh random permutation of ``0, ..., n_samples - 1`` into mini-batches: one epoch.

    Parameters
    ----------
    n_samples : int
        Number of samples ``n >= 1``.
    batch_size : int
        ``B`` with ``1 <= B <= n``.
    rng : numpy.random.Generator, int or None
        Source of the permutation, passed to ``np.random.default_rng``. Pass the same ``Generator`` to every call
        so that every epoch gets a new permutation (an int seed would give the same one each time).
    drop_last : bool, default False
        Drop the last batch when it has fewer than ``B`` indices (when ``B`` does not divide ``n``).

    Returns
    -------
    iterator of ndarray of int
        ``ceil(n / B)`` index arrays (``floor(n / B)`` with ``drop_last``), each of length ``B`` except possibly the
        last. Without ``drop_last`` every index appears exactly once in the epoch.

    Raises
    ------
    TypeError
        If ``n_samples`` or ``batch_size`` is not an integer, or ``drop_last`` not a bool.
    ValueError
        If ``n_samples < 1``, or ``batch_size`` is outside ``[1, n_samples]``.

    Notes
    -----
    Every block of a uniformly random permutation is a uniformly random subset of its size, drawn without
    replacement: each mini-batch gradient is an unbiased estimate of the full gradient, with variance
    ``sigma^2 / B * (n - B) / (n - 1)``. See the derivation in ``calculus/stochastic_optimization/README.md``,
    section "Derivation", subsection on the mini-batch gradient.

    Examples
    --------
    >>> import numpy as np
    >>> batches = list(minibatch_indices(7, 3, np.random.default_rng(0)))
    >>> [len(b) for b in batches]
    [3, 3, 1]
    >>> sorted(np.concatenate(batches).tolist())
    [0, 1, 2, 3, 4, 5, 6]
    >>> [len(b) for b in minibatch_indices(7, 3, np.random.default_rng(0), drop_last=True)]
    [3, 3]
    """
    n_samples = check_positive_int(n_samples, "n_samples")
    batch_size = check_positive_int(batch_size, "batch_size")
    if batch_size > n_samples:
        raise ValueError(f"batch_size must be <= n_samples = {n_samples}, got {batch_size}")
    if not isinstance(drop_last, bool | np.bool_):
        raise TypeError(f"drop_last must be a bool, got {type(drop_last).__name__}")
    perm = np.random.default_rng(rng).permutation(n_samples)  # (n,), a fresh shuffle for this epoch
    stop = n_samples - n_samples % batch_size if drop_last else n_samples
    return iter([perm[start : start + batch_size] for start in range(0, stop, batch_size)])


# ----------------------------------------------------------------------------------------------------------------
# Learning-rate schedules: callables step -> learning rate, step = 0, 1, 2, ...
# ----------------------------------------------------------------------------------------------------------------


def _check_step_count(step) -> int:
    if isinstance(step, bool) or not isinstance(step, numbers.Integral):
        raise TypeError(f"step must be an integer, got {type(step).__name__}")
    if step < 0:
        raise ValueError(f"step must be >= 0, got {step}")
    return int(step)


def constant(lr):
    r"""The constant schedule ``eta_t = lr``.

    Parameters
    ----------
    lr : float
        Learning rate ``> 0``.

    Returns
    -------
    callable
        ``schedule(step) -> float`` for integer ``step >= 0``.

    Raises
    ------
    TypeError, ValueError
        If ``lr`` is not a real number ``> 0`` (and, when called, if ``step`` is not an integer ``>= 0``).

    Notes
    -----
    With a constant step SGD does not converge: it reaches a "noise ball" around the minimiser whose size grows
    with ``lr``. See ``calculus/stochastic_optimization/README.md``, section "Derivation".

    Examples
    --------
    >>> schedule = constant(0.1)
    >>> schedule(0), schedule(1000)
    (0.1, 0.1)
    """
    lr = check_positive(lr, "lr")

    def schedule(step):
        _check_step_count(step)
        return lr

    return schedule


def step_decay(lr, step_size, gamma):
    r"""Step decay ``eta_t = lr * gamma^floor(t / step_size)`` (PyTorch's ``StepLR``).

    Parameters
    ----------
    lr : float
        Initial learning rate ``> 0``.
    step_size : int
        Number of steps between two cuts, ``>= 1``.
    gamma : float
        Factor of each cut, in ``(0, 1]``.

    Returns
    -------
    callable
        ``schedule(step) -> float`` for integer ``step >= 0``.

    Raises
    ------
    TypeError, ValueError
        On an argument of the wrong type or outside its range.

    Notes
    -----
    The rates sum to at most ``lr * step_size / (1 - gamma)`` for ``gamma < 1``: over an infinite run step decay
    breaks the first Robbins-Monro condition and can stop short of the minimiser; over a fixed budget it works
    well. See ``calculus/stochastic_optimization/README.md``, section "Derivation", subsection on schedules.

    Examples
    --------
    >>> schedule = step_decay(0.1, step_size=10, gamma=0.5)
    >>> [schedule(t) for t in (0, 9, 10, 25)]
    [0.1, 0.1, 0.05, 0.025]
    """
    lr = check_positive(lr, "lr")
    step_size = check_positive_int(step_size, "step_size")
    gamma = as_real_scalar(gamma, "gamma")
    if not 0 < gamma <= 1:
        raise ValueError(f"gamma must be in (0, 1], got {gamma}")

    def schedule(step):
        return lr * gamma ** (_check_step_count(step) // step_size)

    return schedule


def inverse_time(lr, decay):
    r"""The ``1/t`` schedule ``eta_t = lr / (1 + decay * t)``.

    Parameters
    ----------
    lr : float
        Initial learning rate ``> 0``.
    decay : float
        ``>= 0``; the rate has halved at ``t = 1 / decay``. ``decay = 0`` is the constant schedule.

    Returns
    -------
    callable
        ``schedule(step) -> float`` for integer ``step >= 0``.

    Raises
    ------
    TypeError, ValueError
        On an argument of the wrong type or outside its range.

    Notes
    -----
    For ``decay > 0`` the rates satisfy the Robbins-Monro conditions: ``sum eta_t = inf`` (harmonic series) and
    ``sum eta_t^2 < inf``. On a ``mu``-strongly convex loss the error falls like ``1/t`` only when the tail
    constant ``lr / decay`` exceeds ``1 / (2 mu)``; below that it falls like ``t^(-2 mu lr / decay)``. See ``calculus/stochastic_optimization/README.md``, section
    "Derivation", subsection on decreasing steps.

    Examples
    --------
    >>> schedule = inverse_time(0.5, decay=0.1)
    >>> [schedule(t) for t in (0, 10, 30)]
    [0.5, 0.25, 0.125]
    """
    lr = check_positive(lr, "lr")
    decay = _check_non_negative(decay, "decay")

    def schedule(step):
        return lr / (1 + decay * _check_step_count(step))

    return schedule


def cosine(lr, total_steps, warmup_steps=0, min_lr=0.0):
    r"""Linear warm-up, then cosine decay from ``lr`` to ``min_lr``.

    With ``W = warmup_steps`` and ``T = total_steps``:

    * ``eta_t = lr * t / W`` for ``0 <= t < W`` (from 0 at ``t = 0`` up to ``lr`` at ``t = W``);
    * ``eta_t = min_lr + (lr - min_lr) * (1 + cos(pi * (t - W) / (T - W))) / 2`` for ``W <= t <= T``;
    * ``eta_t = min_lr`` for ``t > T``.

    Parameters
    ----------
    lr : float
        Peak learning rate ``> 0``, reached at step ``W``.
    total_steps : int
        ``T >= 1``, the step at which the rate reaches ``min_lr``; it includes the warm-up.
    warmup_steps : int, default 0
        ``W`` with ``0 <= W < T``.
    min_lr : float, default 0.0
        Final rate, ``0 <= min_lr <= lr``.

    Returns
    -------
    callable
        ``schedule(step) -> float`` for integer ``step >= 0``.

    Raises
    ------
    TypeError, ValueError
        On an argument of the wrong type or outside its range.

    Notes
    -----
    The warm-up follows the common convention (Hugging Face's ``get_cosine_schedule_with_warmup``): its first rate
    is 0, so the first step of SGD does not move (Adam's still fills ``m`` and ``v``). Warm-up protects the first
    steps, taken while the curvature and (for Adam) the running averages are still unknown; the cosine spends most
    steps at a large rate and then anneals smoothly. See ``calculus/stochastic_optimization/README.md``, section
    "Derivation", subsection on schedules.

    Examples
    --------
    >>> schedule = cosine(1.0, total_steps=10, warmup_steps=2, min_lr=0.1)
    >>> [round(schedule(t), 4) for t in (0, 1, 2, 6, 10, 11)]
    [0.0, 0.5, 1.0, 0.55, 0.1, 0.1]
    """
    lr = check_positive(lr, "lr")
    total_steps = check_positive_int(total_steps, "total_steps")
    if isinstance(warmup_steps, bool) or not isinstance(warmup_steps, numbers.Integral):
        raise TypeError(f"warmup_steps must be an integer, got {type(warmup_steps).__name__}")
    if not 0 <= warmup_steps < total_steps:
        raise ValueError(f"warmup_steps must be in [0, total_steps = {total_steps}), got {warmup_steps}")
    warmup_steps = int(warmup_steps)
    min_lr = as_real_scalar(min_lr, "min_lr")
    if not 0 <= min_lr <= lr:
        raise ValueError(f"min_lr must be in [0, lr = {lr}], got {min_lr}")

    def schedule(step):
        t = _check_step_count(step)
        if t < warmup_steps:
            return lr * t / warmup_steps  # linear warm-up from 0
        if t >= total_steps:
            return min_lr
        progress = (t - warmup_steps) / (total_steps - warmup_steps)  # in [0, 1)
        return min_lr + (lr - min_lr) * (1 + math.cos(math.pi * progress)) / 2

    return schedule


# ----------------------------------------------------------------------------------------------------------------
# The training loop
# ----------------------------------------------------------------------------------------------------------------


def _diverged(message: str) -> None:
    warnings.warn(f"train diverged: {message}; returning the iterate of the last complete epoch",
                  RuntimeWarning, stacklevel=3)


def train(grad_batch, x0, n_samples, optimizer, batch_size, n_epochs, rng, schedule=None) -> OptimizationResult:
    r"""Minimise an empirical risk with an optimizer over shuffled mini-batches, for a fixed number of epochs.

    Each epoch draws a fresh permutation (:func:`minibatch_indices`, ``drop_last=False``) and makes one optimizer
    step per mini-batch: ``x <- optimizer.step(x, grad_batch(x, indices))``. Step ``t`` (counted from 0 over the
    whole run) uses the learning rate ``schedule(t)`` when a schedule is given, else ``optimizer.lr``.

    Parameters
    ----------
    grad_batch : callable
        ``grad_batch(x, indices)`` returns the gradient of the average loss over the samples ``indices`` at ``x``,
        an array of shape (d,).
    x0 : float or array_like of shape (d,)
        Starting point, finite. Not modified.
    n_samples : int
        Number of training samples ``n >= 1``.
    optimizer : SGD, AdaGrad, RMSProp or Adam
        Any object with ``step(params, grad)``, ``reset()`` and an attribute ``lr``. It is reset first, so every
        run starts from a fresh state; its ``lr`` is restored at the end when a schedule changed it.
    batch_size : int
        ``1 <= B <= n``; an epoch has ``ceil(n / B)`` steps, the last batch possibly smaller.
    n_epochs : int
        Number of epochs, ``>= 1``.
    rng : numpy.random.Generator, int or None
        Source of the permutations (``np.random.default_rng(rng)``).
    schedule : callable, optional
        ``schedule(t) -> learning rate >= 0`` for ``t = 0, 1, ...``; see :func:`constant`, :func:`step_decay`,
        :func:`inverse_time`, :func:`cosine`.

    Returns
    -------
    OptimizationResult
        ``x`` of shape (d,), the iterate after the last complete epoch; ``n_iter``, the number of complete
        epochs; ``path`` of shape (n_iter + 1, d), one row per epoch, ``path[0] = x0``; ``converged`` is ``True``
        when all ``n_epochs`` ran with finite iterates and gradients. There is no stopping test: a stochastic
        method with a constant rate never settles, so the run always lasts ``n_epochs`` epochs, and measuring the
        distance to the optimum is the caller's job.

    Raises
    ------
    TypeError
        If ``grad_batch`` or ``schedule`` is not callable, ``optimizer`` lacks ``step``, ``reset`` or ``lr``, or an
        integer argument is not an integer.
    ValueError
        If ``x0`` is not a finite vector, ``n_samples``, ``batch_size`` or ``n_epochs`` is out of range,
        ``grad_batch`` returns the wrong shape, or ``schedule`` returns a negative or non-finite rate.

    Warns
    -----
    RuntimeWarning
        When a gradient or an iterate stops being finite ("diverged"): the run stops, ``converged`` is ``False``
        and ``x`` is the iterate of the last complete epoch.

    Notes
    -----
    See ``calculus/stochastic_optimization/README.md``, section "Code".

    Examples
    --------
    Least squares ``(1/n) sum (x - a_i)^2 / 2`` over ``a = (0, 1, 2, 3)``: the minimiser is the mean 1.5. With
    ``B = n`` every step is a full gradient step and ``lr = 1`` lands on the mean in one step.

    >>> import numpy as np
    >>> a = np.array([0.0, 1.0, 2.0, 3.0])
    >>> grad_batch = lambda x, idx: x - a[idx].mean(keepdims=True)
    >>> res = train(grad_batch, [10.0], 4, SGD(lr=1.0), batch_size=4, n_epochs=2, rng=0)
    >>> res.path.ravel().tolist(), res.n_iter, res.converged
    ([10.0, 1.5, 1.5], 2, True)
    """
    check_callable(grad_batch, "grad_batch")
    x = as_point(x0, "x0")
    n_samples = check_positive_int(n_samples, "n_samples")
    batch_size = check_positive_int(batch_size, "batch_size")
    if batch_size > n_samples:
        raise ValueError(f"batch_size must be <= n_samples = {n_samples}, got {batch_size}")
    n_epochs = check_positive_int(n_epochs, "n_epochs")
    for attribute in ("step", "reset", "lr"):
        if not hasattr(optimizer, attribute):
            raise TypeError(f"optimizer must have step(), reset() and lr, got {type(optimizer).__name__} "
                            f"without {attribute}")
    if schedule is not None:
        check_callable(schedule, "schedule")
    rng = np.random.default_rng(rng)
    optimizer.reset()
    base_lr = optimizer.lr
    path = [x.copy()]
    t = 0  # optimizer steps so far, over all epochs
    try:
        # Overflow is part of what we detect (an iterate that is no longer finite), not an error.
        with np.errstate(over="ignore", invalid="ignore"):
            for epoch in range(n_epochs):
                for indices in minibatch_indices(n_samples, batch_size, rng):
                    g = np.asarray(grad_batch(x.copy(), indices), dtype=float)
                    if g.ndim == 0 and x.shape == (1,):
                        g = g.reshape(1)
                    if g.shape != x.shape:
                        raise ValueError(f"grad_batch(x, indices) must return shape {x.shape} like x, "
                                         f"got shape {g.shape}")
                    if not np.isfinite(g).all():
                        _diverged(f"the mini-batch gradient is not finite at step {t} (epoch {epoch + 1})")
                        return OptimizationResult(path[-1], epoch, False, np.array(path))
                    if schedule is not None:
                        eta = float(schedule(t))
                        if not (np.isfinite(eta) and eta >= 0):
                            raise ValueError(f"schedule({t}) must be a finite rate >= 0, got {eta}")
                        optimizer.lr = eta
                    x = optimizer.step(x, g)
                    t += 1
                    if not np.isfinite(x).all():
                        _diverged(f"the iterate is not finite after step {t} (epoch {epoch + 1})")
                        return OptimizationResult(path[-1], epoch, False, np.array(path))
                path.append(x.copy())
    finally:
        optimizer.lr = base_lr
    return OptimizationResult(x, n_epochs, True, np.array(path))
