"""Tests of the tiny MLP built on ``Value``: forward pass against numpy, backpropagated gradients against finite
differences and against the hand-derived logistic-regression gradient of ``derivatives.logistic_loss``."""

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy.special import expit
from sklearn.datasets import make_moons

from calculus.python_implementations.autodiff import Value
from calculus.python_implementations.derivatives import gradient, logistic_loss
from calculus.python_implementations.neural_net import MLP, Layer, Neuron, binary_cross_entropy

EPS = np.finfo(float).eps


def _data(n=12):
    X, y = make_moons(n_samples=n, noise=0.1, random_state=0)
    return (X - X.mean(axis=0)) / X.std(axis=0), y


def _value_loss(net, X, y):
    """Mean binary cross-entropy as a graph."""
    total = Value(0.0)
    for xi, yi in zip(X, y, strict=True):
        total = total + binary_cross_entropy(net(xi), int(yi))
    return total / len(X)


def _numpy_loss(net, theta, X, y):
    """The same loss with numpy only (np.logaddexp), after loading the parameter vector theta into the net."""
    for p, t in zip(net.parameters(), theta, strict=True):
        p.data = float(t)
    f = net.evaluate(X)  # (n,)
    return float(np.mean(np.logaddexp(0.0, f) - y * f))


@pytest.mark.parametrize(
    ("sizes", "activation"), [([1], "tanh"), ([3, 1], "tanh"), ([8, 8, 1], "tanh"), ([5, 2], "relu")]
)
def test_forward_pass_matches_numpy(sizes, activation):
    X, _ = _data()
    net = MLP(2, sizes, activation=activation, rng=1234)
    out = [net(x) for x in X]
    values = (
        np.array([o.data for o in out]) if sizes[-1] == 1 else np.array([[v.data for v in o] for o in out])
    )
    # same operations in a different order (numpy's matmul sums pairwise): a few roundings per layer
    assert_allclose(values, net.evaluate(X), rtol=1e-13, atol=1e-14)


def test_parameter_counts():
    assert len(MLP(2, [8, 8, 1], rng=0).parameters()) == 105  # (2 + 1) 8 + (8 + 1) 8 + (8 + 1) 1
    assert len(Layer(4, 3, rng=0).parameters()) == 15
    assert len(Neuron(6, rng=0).parameters()) == 7


def test_initialisation_is_reproducible_and_scaled():
    a = [p.data for p in MLP(3, [4, 1], rng=7).parameters()]
    b = [p.data for p in MLP(3, [4, 1], rng=7).parameters()]
    assert a == b
    w = np.array([p.data for p in Neuron(400, rng=0).w])
    # w_i ~ N(0, 1/400): the sample standard deviation of 400 draws is within 15% of 0.05 with overwhelming odds
    assert abs(w.std() - 0.05) < 0.0075


@pytest.mark.parametrize("sizes", [[1], [4, 1], [8, 8, 1]])
def test_backpropagated_gradient_matches_central_differences(sizes):
    X, y = _data()
    net = MLP(2, sizes, rng=1234)
    theta = np.array([p.data for p in net.parameters()])
    loss = _value_loss(net, X, y)
    net.zero_grad()
    loss.backward()
    g = np.array([p.grad for p in net.parameters()])
    g_fd = gradient(lambda t: _numpy_loss(net, t, X, y), theta)
    # central differences: error ~ eps^(2/3) ~ 4e-11 relative to the loss (of order 1) per entry
    assert_allclose(g, g_fd, rtol=1e-6, atol=1e-8)
    assert_allclose(loss.data, _numpy_loss(net, theta, X, y), rtol=1e-13)


def test_single_linear_unit_is_logistic_regression():
    # MLP(2, [1]) computes f = w^T x + b; its mean cross-entropy and gradient are those of logistic regression
    X, y = _data(30)
    net = MLP(2, [1], rng=3)
    loss = _value_loss(net, X, y)
    loss.backward()
    w = np.array([p.data for p in net.parameters()])  # (w1, w2, b)
    X1 = np.column_stack([X, np.ones(len(X))])  # (n, 2) -> (n, 3): a column of ones carries the bias
    ref_loss, ref_grad = logistic_loss(w, X1, y)
    assert_allclose(loss.data, ref_loss, rtol=1e-13)
    assert_allclose([p.grad for p in net.parameters()], ref_grad, rtol=1e-12, atol=1e-15)


def test_a_small_gradient_step_decreases_the_loss_as_predicted():
    # first-order Taylor: L(theta - eta g) = L(theta) - eta |g|^2 + O(eta^2)
    X, y = _data()
    net = MLP(2, [4, 1], rng=5)
    theta = np.array([p.data for p in net.parameters()])
    loss = _value_loss(net, X, y)
    loss.backward()
    g = np.array([p.grad for p in net.parameters()])
    eta = 1e-4
    new = _numpy_loss(net, theta - eta * g, X, y)
    assert new < loss.data
    assert_allclose(loss.data - new, eta * g @ g, rtol=1e-2)  # the O(eta^2) remainder is ~1e-4 relative


@pytest.mark.parametrize("f", [-800.0, -30.0, -1.2, 0.0, 0.7, 30.0, 800.0])
@pytest.mark.parametrize("label", [0, 1])
def test_binary_cross_entropy_is_stable(f, label):
    v = Value(f)
    loss = binary_cross_entropy(v, label)
    loss.backward()
    # log(1 + e^f) - y f, with np.logaddexp as the independent stable reference. Built from log and exp only (no
    # log1p), log(1 + e^-|f|) is accurate to a few eps in absolute terms: plenty for a loss of order one.
    assert_allclose(loss.data, np.logaddexp(0.0, f) - label * f, rtol=4 * EPS, atol=2 * EPS)
    # d/df = sigma(f) - y, written without cancellation for the reference: sigma(f) or -sigma(-f). The graph adds
    # terms of order one (1 - sigma(-f) - y), so its error is absolute, a few eps, not relative to a tiny slope.
    reference = expit(f) if label == 0 else -expit(-f)
    assert_allclose(v.grad, reference, rtol=8 * EPS, atol=2 * EPS)


def test_binary_cross_entropy_accepts_a_plain_number():
    assert_allclose(binary_cross_entropy(0.0, 0).data, np.log(2), rtol=4 * EPS)


def test_neuron_relu_and_linear():
    n = Neuron(2, activation="relu", rng=0)
    n.w[0].data, n.w[1].data, n.b.data = 1.0, 1.0, -5.0
    assert n([1.0, 2.0]).data == 0.0
    assert n([3.0, 4.0]).data == 2.0
    lin = Neuron(1, activation="linear", rng=0)
    lin.w[0].data = -2.0
    assert lin(3.0).data == -6.0  # a plain number is a 1-vector


def test_mlp_accepts_value_inputs_and_returns_lists_for_several_outputs():
    net = MLP(2, [3], rng=0)
    x = [Value(0.5), Value(-0.5)]
    out = net(x)
    assert isinstance(out, list) and len(out) == 3
    out[0].backward()
    assert x[0].grad != 0.0  # gradients reach the inputs too


# ------------------------------------------------------------------------------------------------ bad input
def test_bad_constructor_arguments():
    with pytest.raises(ValueError, match="n_inputs must be >= 1, got 0"):
        MLP(0, [1])
    with pytest.raises(TypeError, match="n_inputs must be an integer, got str"):
        Neuron("2")
    with pytest.raises(ValueError, match="layer_sizes must name at least one layer"):
        MLP(2, [])
    with pytest.raises(ValueError, match="layer_sizes entries must be >= 1, got 0"):
        MLP(2, [4, 0])
    with pytest.raises(TypeError, match="layer_sizes entries must be an integer, got float"):
        MLP(2, [4.0, 1])
    with pytest.raises(ValueError, match="activation must be 'tanh' or 'relu', got 'sigmoid'"):
        MLP(2, [1], activation="sigmoid")
    with pytest.raises(ValueError, match="activation must be one of"):
        Neuron(2, activation="softmax")
    with pytest.raises(ValueError, match="n_outputs must be >= 1"):
        Layer(2, 0)


def test_bad_call_arguments():
    net = MLP(2, [3, 1], rng=0)
    with pytest.raises(ValueError, match="x must have 2 entries, got 3"):
        net([1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="data must be finite"):
        net([1.0, np.nan])
    with pytest.raises(ValueError, match=r"X must have shape \(n_samples, 2\), got shape \(4,\)"):
        net.evaluate(np.zeros(4))
    with pytest.raises(ValueError, match="X must contain only finite numbers"):
        net.evaluate([[1.0, np.inf]])
    with pytest.raises(ValueError, match="label must be 0 or 1, got 2"):
        binary_cross_entropy(Value(0.0), 2)
    with pytest.raises(ValueError, match="label must be 0 or 1, got True"):
        binary_cross_entropy(Value(0.0), True)


def test_readme_training_numbers():
    # the notebook's recipe: 100 standardised moons, 2-8-8-1 tanh net with rng=0, momentum eta = 1, beta = 0.8;
    # the README quotes the loss 0.7494 at the start and 0.2955 after 5 steps (later steps run in the notebook)
    X, y = _data(100)
    net = MLP(2, [8, 8, 1], rng=0)
    params = net.parameters()
    velocity = np.zeros(len(params))
    losses = []
    for _ in range(6):
        loss = _value_loss(net, X, y)
        net.zero_grad()
        loss.backward()
        velocity = 0.8 * velocity - 1.0 * np.array([p.grad for p in params])
        for p, v in zip(params, velocity, strict=True):
            p.data += float(v)
        losses.append(loss.data)
    assert_allclose(np.round([losses[0], losses[5]], 4), [0.7494, 0.2955])
    # "a graph of about 20 000 nodes": ~204 per sample (the loss takes 2 more nodes when the logit is positive)
    assert 20_000 <= len(loss._topological_order()) <= 21_000
