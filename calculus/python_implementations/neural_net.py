r"""Multilayer perceptrons on the two reverse-mode engines: scalar :class:`~calculus.python_implementations.autodiff.Value`
nodes (``MLP``) and whole-array :class:`~calculus.python_implementations.autodiff.Tensor` nodes (``TensorMLP``).

``MLP`` is small enough to read in one sitting and to train on a hundred points: every weight is a ``Value``, so
one call of ``loss.backward()`` gives the gradient of the loss with respect to every weight by backpropagation.
``TensorMLP`` is the same network with one ``Tensor`` per weight matrix, fast enough to train on 1 437 images in
well under a second with :func:`train_classifier` (mini-batch gradient descent with heavy-ball momentum).

See the derivation in ``calculus/chain_rule_backpropagation/README.md``, sections "Training a small network" and
"Training on digits with the tensor engine".
"""

from __future__ import annotations

import itertools
import numbers
import time
from typing import NamedTuple

import numpy as np

from ._validation import as_real_scalar, check_positive, check_positive_int
from .autodiff import Tensor, Value

__all__ = ["MLP", "Layer", "Neuron", "TensorMLP", "TrainingHistory", "binary_cross_entropy", "train_classifier"]

_ACTIVATIONS = ("tanh", "relu", "linear")


def _check_activation(activation) -> str:
    if activation not in _ACTIVATIONS:
        raise ValueError(f"activation must be one of {_ACTIVATIONS}, got {activation!r}")
    return activation


def _as_inputs(x, n_inputs: int) -> list:
    """Return ``x`` as a list of Values or floats of length ``n_inputs`` (numbers are checked by Value itself)."""
    if isinstance(x, Value | numbers.Real):
        x = [x]
    x = list(x)
    if len(x) != n_inputs:
        raise ValueError(f"x must have {n_inputs} entries, got {len(x)}")
    return [xi if isinstance(xi, Value) else Value(xi) for xi in x]


class Neuron:
    r"""One unit :math:`a = \phi(\mathbf{w}^\top \mathbf{x} + b)` with Value weights.

    Parameters
    ----------
    n_inputs : int
        Length of the input vector, >= 1.
    activation : {"tanh", "relu", "linear"}, default "tanh"
    rng : None, int or numpy.random.Generator
        Source of the initial weights :math:`w_i \sim \mathcal{N}(0, 1 / n_{\mathrm{inputs}})`; the bias starts at 0.

    Raises
    ------
    TypeError, ValueError
        If ``n_inputs`` is not an integer >= 1 or ``activation`` is unknown.

    Notes
    -----
    See the derivation in ``calculus/chain_rule_backpropagation/README.md``, section "Training a small network".

    Examples
    --------
    >>> n = Neuron(2, activation="linear", rng=0)
    >>> n.w[0].data, n.w[1].data = 1.0, -2.0
    >>> out = n([3.0, 1.0])           # 1 * 3 - 2 * 1 + 0
    >>> out.backward()
    >>> out.data, n.w[0].grad, n.b.grad
    (1.0, 3.0, 1.0)
    """

    def __init__(self, n_inputs: int, activation: str = "tanh", rng=None):
        n_inputs = check_positive_int(n_inputs, "n_inputs")
        self.activation = _check_activation(activation)
        rng = np.random.default_rng(rng)
        scale = 1.0 / np.sqrt(n_inputs)  # keeps w^T x of order 1 when the inputs are of order 1
        self.w = [Value(float(v)) for v in rng.normal(0.0, scale, size=n_inputs)]
        self.b = Value(0.0)

    def __call__(self, x) -> Value:
        x = _as_inputs(x, len(self.w))
        z = self.b
        for wi, xi in zip(self.w, x, strict=True):  # z = b + sum_i w_i x_i, one node per product and per sum
            z = z + wi * xi
        if self.activation == "tanh":
            return z.tanh()
        if self.activation == "relu":
            return z.relu()
        return z

    def parameters(self) -> list[Value]:
        """The weights followed by the bias."""
        return [*self.w, self.b]


class Layer:
    r"""``n_outputs`` neurons that read the same input vector.

    Parameters
    ----------
    n_inputs, n_outputs : int
        Sizes, both >= 1.
    activation : {"tanh", "relu", "linear"}, default "tanh"
    rng : None, int or numpy.random.Generator

    Notes
    -----
    See the derivation in ``calculus/chain_rule_backpropagation/README.md``, section "Training a small network".

    Examples
    --------
    >>> layer = Layer(3, 2, rng=0)
    >>> len(layer([1.0, 2.0, 3.0])), len(layer.parameters())
    (2, 8)
    """

    def __init__(self, n_inputs: int, n_outputs: int, activation: str = "tanh", rng=None):
        n_outputs = check_positive_int(n_outputs, "n_outputs")
        rng = np.random.default_rng(rng)
        self.neurons = [Neuron(n_inputs, activation, rng) for _ in range(n_outputs)]

    def __call__(self, x) -> list[Value]:
        x = _as_inputs(x, len(self.neurons[0].w))
        return [neuron(x) for neuron in self.neurons]

    def parameters(self) -> list[Value]:
        """Parameters of every neuron, neuron by neuron."""
        return [p for neuron in self.neurons for p in neuron.parameters()]


class MLP:
    r"""A multilayer perceptron: tanh hidden layers and a linear output layer.

    Parameters
    ----------
    n_inputs : int
        Number of input features, >= 1.
    layer_sizes : sequence of int
        Width of each layer, the last one being the number of outputs, e.g. ``[8, 8, 1]`` for a 2-8-8-1 network.
    activation : {"tanh", "relu"}, default "tanh"
        Activation of the hidden layers.
    rng : None, int or numpy.random.Generator
        Source of the initial weights.

    Raises
    ------
    TypeError, ValueError
        If a size is not an integer >= 1, ``layer_sizes`` is empty, or ``activation`` is unknown.

    Notes
    -----
    Calling the network on one sample (a sequence of ``n_inputs`` numbers) returns a Value when there is one
    output and a list of Values otherwise. :meth:`evaluate` runs the same network on a whole array with numpy,
    without building a graph (for plots and checks).

    See the derivation in ``calculus/chain_rule_backpropagation/README.md``, section "Training a small network".

    Examples
    --------
    >>> net = MLP(2, [8, 8, 1], rng=0)
    >>> len(net.parameters())       # (2 + 1) * 8 + (8 + 1) * 8 + (8 + 1) * 1
    105
    >>> out = net([0.5, -1.0])
    >>> bool(np.isclose(out.data, net.evaluate(np.array([[0.5, -1.0]]))[0]))
    True
    """

    def __init__(self, n_inputs: int, layer_sizes, activation: str = "tanh", rng=None):
        n_inputs = check_positive_int(n_inputs, "n_inputs")
        sizes = list(layer_sizes)
        if not sizes:
            raise ValueError("layer_sizes must name at least one layer, got an empty sequence")
        sizes = [check_positive_int(s, "layer_sizes entries") for s in sizes]
        if activation not in ("tanh", "relu"):
            raise ValueError(f"activation must be 'tanh' or 'relu', got {activation!r}")
        rng = np.random.default_rng(rng)
        widths = [n_inputs, *sizes]
        self.layers = [
            Layer(widths[i], widths[i + 1], activation if i < len(sizes) - 1 else "linear", rng)
            for i in range(len(sizes))
        ]

    def __call__(self, x):
        out = self.layers[0](x)
        for layer in self.layers[1:]:
            out = layer(out)
        return out[0] if len(out) == 1 else out

    def parameters(self) -> list[Value]:
        """Every weight and bias, layer by layer."""
        return [p for layer in self.layers for p in layer.parameters()]

    def zero_grad(self) -> None:
        """Set the gradient of every parameter to 0 (call before each backward pass)."""
        for p in self.parameters():
            p.grad = 0.0

    def evaluate(self, X) -> np.ndarray:
        r"""Run the network on every row of ``X`` with numpy (current weights, no graph, no gradients).

        Parameters
        ----------
        X : array_like of shape (n_samples, n_inputs)

        Returns
        -------
        ndarray of shape (n_samples,) for one output, (n_samples, n_outputs) otherwise

        Raises
        ------
        ValueError
            If ``X`` is not 2-D with ``n_inputs`` columns or holds NaN or inf.
        """
        X = np.array(X, dtype=float)
        n_inputs = len(self.layers[0].neurons[0].w)
        if X.ndim != 2 or X.shape[1] != n_inputs:
            raise ValueError(f"X must have shape (n_samples, {n_inputs}), got shape {X.shape}")
        if not np.all(np.isfinite(X)):
            raise ValueError("X must contain only finite numbers (no NaN or inf)")
        A = X
        for layer in self.layers:
            W = np.array([[w.data for w in neuron.w] for neuron in layer.neurons])  # (n_out, n_in)
            b = np.array([neuron.b.data for neuron in layer.neurons])  # (n_out,)
            Z = A @ W.T + b  # (n, n_in) @ (n_in, n_out) + (n_out,) -> (n, n_out)
            act = layer.neurons[0].activation
            A = np.tanh(Z) if act == "tanh" else np.maximum(Z, 0.0) if act == "relu" else Z
        return A[:, 0] if A.shape[1] == 1 else A


def binary_cross_entropy(logit, label) -> Value:
    r"""Binary cross-entropy of a logit :math:`f` and a label :math:`y \in \lbrace 0, 1 \rbrace`, without overflow or cancellation.

    .. math:: \ell(f, y) = -y \log \sigma(f) - (1 - y) \log(1 - \sigma(f)) = \log(1 + e^{f}) - y f

    Since :math:`\log(1 + e^{f}) - f = \log(1 + e^{-f})`, the loss is the softplus
    :math:`\mathrm{sp}(t) = \log(1 + e^{t})` of :math:`f` for :math:`y = 0` and of :math:`-f` for :math:`y = 1`,
    and :meth:`Value.softplus` computes it as :math:`\max(t, 0) + \mathrm{log1p}(e^{-|t|})`: no exponential of a
    large number, and no subtraction of nearly equal numbers (``log(1 + e^f) - f`` at ``f = 40`` rounds to 0,
    while the loss is :math:`e^{-40} \approx 4.25 \times 10^{-18}`). Its derivative is
    :math:`\partial \ell / \partial f = \sigma(f) - y`, which the softplus node delivers as :math:`\sigma(f)` or
    :math:`-\sigma(-f)`, again without cancellation.

    Parameters
    ----------
    logit : Value or float
        The network output :math:`f` (a score, not a probability).
    label : {0, 1}
        The class.

    Returns
    -------
    Value

    Raises
    ------
    ValueError
        If ``label`` is not 0 or 1.

    Notes
    -----
    See the derivation in ``calculus/chain_rule_backpropagation/README.md``, section "Training a small network".

    Examples
    --------
    >>> f = Value(0.0)
    >>> loss = binary_cross_entropy(f, 1)   # log 2
    >>> loss.backward()
    >>> round(loss.data, 6), f.grad  # sigma(0) - 1
    (0.693147, -0.5)
    >>> f = Value(40.0)
    >>> loss = binary_cross_entropy(f, 1)   # a confident, correct prediction: tiny but not zero
    >>> loss.backward()
    >>> f"{loss.data:.3e}", f"{f.grad:.3e}"
    ('4.248e-18', '-4.248e-18')
    """
    if isinstance(label, bool) or label not in (0, 1):
        raise ValueError(f"label must be 0 or 1, got {label!r}")
    f = logit if isinstance(logit, Value) else Value(logit)
    # log(1 + e^f) - y f = softplus(f) for y = 0, softplus(-f) for y = 1
    return f.softplus() if label == 0 else (-f).softplus()


class TensorMLP:
    r"""The network of :class:`MLP` with one :class:`Tensor` per weight matrix and per bias vector.

    Layer :math:`l` computes :math:`\mathbf{a}^{(l)} = \phi(W_l \mathbf{a}^{(l-1)} + \mathbf{b}_l)` with
    :math:`W_l` of shape (outputs, inputs), as in the chapter's derivation; on a batch whose rows are samples this
    reads ``A @ W.T + b``. Hidden layers use ``activation``, the last layer is linear (it returns logits).

    Parameters
    ----------
    n_inputs : int
        Number of input features, >= 1.
    layer_sizes : sequence of int
        Width of each layer, the last one being the number of outputs, e.g. ``[32, 10]``.
    activation : {"tanh", "relu"}, default "tanh"
        Activation of the hidden layers.
    rng : None, int or numpy.random.Generator
        Source of the initial weights :math:`w_{ij} \sim \mathcal{N}(0, 1/n_{\mathrm{inputs}})`, drawn in the
        same order as :class:`MLP`, so ``TensorMLP(d, sizes, rng=0)`` and ``MLP(d, sizes, rng=0)`` start from the
        same numbers; biases start at 0.

    Raises
    ------
    TypeError, ValueError
        If a size is not an integer >= 1, ``layer_sizes`` is empty, or ``activation`` is unknown.

    Notes
    -----
    See the derivation in ``calculus/chain_rule_backpropagation/README.md``, section "Gradients with respect to
    matrices: the dense layer".

    Examples
    --------
    >>> net = TensorMLP(64, [32, 10], rng=0)
    >>> sum(p.data.size for p in net.parameters())     # (64 + 1) 32 + (32 + 1) 10
    2410
    >>> net(np.zeros((5, 64))).shape
    (5, 10)
    >>> small = MLP(2, [3, 1], rng=0)
    >>> bool(np.allclose(TensorMLP(2, [3, 1], rng=0)(np.ones((1, 2))).data[0, 0], small([1.0, 1.0]).data))
    True
    """

    def __init__(self, n_inputs: int, layer_sizes, activation: str = "tanh", rng=None):
        n_inputs = check_positive_int(n_inputs, "n_inputs")
        sizes = list(layer_sizes)
        if not sizes:
            raise ValueError("layer_sizes must name at least one layer, got an empty sequence")
        sizes = [check_positive_int(s, "layer_sizes entries") for s in sizes]
        if activation not in ("tanh", "relu"):
            raise ValueError(f"activation must be 'tanh' or 'relu', got {activation!r}")
        self.activation = activation
        rng = np.random.default_rng(rng)
        widths = [n_inputs, *sizes]
        self.weights, self.biases = [], []
        for n_in, n_out in itertools.pairwise(widths):
            # row by row, the same draws as n_out Neurons of MLP: N(0, 1/n_in)
            self.weights.append(Tensor(rng.normal(0.0, 1.0 / np.sqrt(n_in), size=(n_out, n_in))))
            self.biases.append(Tensor(np.zeros(n_out)))

    def __call__(self, X) -> Tensor:
        """Logits of shape (n_samples, n_outputs) for the rows of ``X`` (an array or a Tensor of shape (n, n_inputs))."""
        A = X if isinstance(X, Tensor) else Tensor(X)
        n_inputs = self.weights[0].data.shape[1]
        if A.data.ndim != 2 or A.data.shape[1] != n_inputs:
            raise ValueError(f"X must have shape (n_samples, {n_inputs}), got shape {A.data.shape}")
        last = len(self.weights) - 1
        for layer, (W, b) in enumerate(zip(self.weights, self.biases, strict=True)):
            Z = A @ W.T + b  # (n, n_in) @ (n_in, n_out) + (n_out,) -> (n, n_out); b broadcast over the rows
            A = Z if layer == last else (Z.tanh() if self.activation == "tanh" else Z.relu())
        return A

    def parameters(self) -> list[Tensor]:
        """``[W_1, b_1, W_2, b_2, ...]``."""
        return [p for W, b in zip(self.weights, self.biases, strict=True) for p in (W, b)]

    def zero_grad(self) -> None:
        """Set the gradient of every parameter to zeros (call before each backward pass)."""
        for p in self.parameters():
            p.grad = np.zeros_like(p.data)


class TrainingHistory(NamedTuple):
    """What :func:`train_classifier` returns."""

    loss: np.ndarray  #: (n_epochs,) mean of the mini-batch losses of each epoch
    train_accuracy: np.ndarray  #: (n_epochs,) accuracy on the whole training set after each epoch
    n_steps: int  #: number of parameter updates
    seconds: float  #: wall-clock time of the training loop


def train_classifier(net: TensorMLP, X, y, n_epochs: int, batch_size: int, lr: float, momentum: float = 0.9,
                     rng=None) -> TrainingHistory:
    r"""Train ``net`` in place on the softmax cross-entropy by mini-batch gradient descent with heavy-ball momentum.

    Each epoch visits the training set in a fresh random order, ``batch_size`` rows at a time (the last batch may
    be smaller). Each step builds the loss graph of one batch, backpropagates, and updates every parameter
    :math:`\mathbf{w}` with its velocity :math:`\mathbf{v}` (the rule of the optimisation chapter):

    .. math:: \mathbf{v} \leftarrow \beta \mathbf{v} - \eta \nabla L_{\mathrm{batch}}(\mathbf{w}), \qquad
              \mathbf{w} \leftarrow \mathbf{w} + \mathbf{v}

    Parameters
    ----------
    net : TensorMLP
        Its last layer has one output per class.
    X : array_like of shape (n_samples, n_inputs)
    y : array_like of int, shape (n_samples,)
        Classes in ``0, ..., n_outputs - 1``.
    n_epochs, batch_size : int
        Both >= 1.
    lr : float
        Learning rate :math:`\eta > 0`.
    momentum : float, default 0.9
        :math:`\beta \in [0, 1)`.
    rng : None, int or numpy.random.Generator
        Source of the order of the samples.

    Returns
    -------
    TrainingHistory

    Raises
    ------
    TypeError, ValueError
        On a bad ``net``, shapes that do not match, labels outside the classes, or sizes and rates out of range.

    Notes
    -----
    See the derivation in ``calculus/chain_rule_backpropagation/README.md``, section "Training on digits with the
    tensor engine".

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(200, 2))
    >>> y = (X[:, 0] + X[:, 1] > 0).astype(int)     # two classes split by a line
    >>> net = TensorMLP(2, [8, 2], rng=0)
    >>> history = train_classifier(net, X, y, n_epochs=10, batch_size=20, lr=0.1, rng=0)
    >>> history.n_steps, bool(history.loss[-1] < history.loss[0]), bool(history.train_accuracy[-1] > 0.95)
    (100, True, True)
    """
    if not isinstance(net, TensorMLP):
        raise TypeError(f"net must be a TensorMLP, got {type(net).__name__}")
    X = np.asarray(X, dtype=float)
    n_inputs, n_classes = net.weights[0].data.shape[1], net.weights[-1].data.shape[0]
    if X.ndim != 2 or X.shape[1] != n_inputs or X.shape[0] == 0:
        raise ValueError(f"X must have shape (n_samples, {n_inputs}) with n_samples >= 1, got shape {X.shape}")
    if not np.all(np.isfinite(X)):
        raise ValueError("X must contain only finite numbers (no NaN or inf)")
    y = np.asarray(y)
    if y.shape != (X.shape[0],):
        raise ValueError(f"y must have shape ({X.shape[0]},) to match X, got shape {y.shape}")
    if y.dtype.kind not in "iu" or y.min() < 0 or y.max() >= n_classes:
        raise ValueError(f"y must hold integer classes in 0..{n_classes - 1}, got dtype {y.dtype}, "
                         f"values {np.unique(y)[:10]}")
    n_epochs = check_positive_int(n_epochs, "n_epochs")
    batch_size = check_positive_int(batch_size, "batch_size")
    lr = check_positive(lr, "lr")
    beta = as_real_scalar(momentum, "momentum")
    if not 0.0 <= beta < 1.0:
        raise ValueError(f"momentum must be in [0, 1), got {beta}")
    rng = np.random.default_rng(rng)
    params = net.parameters()
    velocity = [np.zeros_like(p.data) for p in params]
    losses, accuracies, n_steps = [], [], 0
    start = time.perf_counter()
    for _ in range(n_epochs):
        order = rng.permutation(X.shape[0])
        batch_losses = []
        for first in range(0, X.shape[0], batch_size):
            batch = order[first:first + batch_size]
            loss = net(X[batch]).softmax_cross_entropy(y[batch])  # forward pass: a graph of about 10 nodes
            net.zero_grad()
            loss.backward()  # dL/dW, dL/db for every layer
            for p, v in zip(params, velocity, strict=True):
                v *= beta
                v -= lr * p.grad  # v <- beta v - eta grad
                p.data += v  # w <- w + v (in place; the next step builds a new graph)
            batch_losses.append(float(loss.data))
            n_steps += 1
        losses.append(np.mean(batch_losses))
        accuracies.append(np.mean(net(X).data.argmax(axis=1) == y))
    return TrainingHistory(np.array(losses), np.array(accuracies), n_steps, time.perf_counter() - start)
