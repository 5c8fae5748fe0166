r"""A tiny multilayer perceptron built from scalar :class:`~calculus.python_implementations.autodiff.Value` nodes.

Small enough to read in one sitting and to train on a hundred points: every weight is a ``Value``, so one call of
``loss.backward()`` gives the gradient of the loss with respect to every weight by backpropagation.

See the derivation in ``calculus/chain_rule_backpropagation/README.md``, section "Training a small network".
"""

from __future__ import annotations

import numbers

import numpy as np

from ._validation import check_positive_int
from .autodiff import Value

__all__ = ["MLP", "Layer", "Neuron", "binary_cross_entropy"]

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
    r"""Binary cross-entropy of a logit :math:`f` and a label :math:`y \in \lbrace 0, 1 \rbrace`, without overflow.

    .. math:: \ell(f, y) = -y \log \sigma(f) - (1 - y) \log(1 - \sigma(f)) = \log(1 + e^{f}) - y f

    computed as :math:`\max(f, 0) + \log(1 + e^{-|f|}) - y f`, so that no exponential of a large positive number
    is formed. Its derivative is :math:`\partial \ell / \partial f = \sigma(f) - y`.

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
    """
    if isinstance(label, bool) or label not in (0, 1):
        raise ValueError(f"label must be 0 or 1, got {label!r}")
    f = logit if isinstance(logit, Value) else Value(logit)
    if f.data > 0:
        softplus = f + ((-f).exp() + 1.0).log()  # log(1 + e^f) = f + log(1 + e^-f)
    else:
        softplus = (f.exp() + 1.0).log()
    return softplus - float(label) * f
