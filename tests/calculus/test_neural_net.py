"""Tests of the tiny MLP built on ``Value``: forward pass against numpy, backpropagated gradients against finite
differences and against the hand-derived logistic-regression gradient of ``derivatives.logistic_loss``."""

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy.special import expit
from sklearn.datasets import load_digits, make_moons
from sklearn.model_selection import train_test_split

from calculus.python_implementations.autodiff import Value
from calculus.python_implementations.derivatives import gradient, logistic_loss
from calculus.python_implementations.neural_net import (
    MLP,
    Layer,
    Neuron,
    TensorMLP,
    TrainingHistory,
    binary_cross_entropy,
    train_classifier,
)

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
    # Taylor: L(theta - eta g) = L - eta |g|^2 + (eta^2 / 2) g^T H g + O(eta^3), so the relative remainder of the
    # first-order prediction is (eta / 2) |g^T H g| / |g|^2 to leading order. g^T H g is the second difference of
    # L along g (step delta = 1e-3 / |g|: truncation ~delta^2, rounding ~u L / delta^2, both far below it).
    d = 1e-3 / np.linalg.norm(g)
    L0 = _numpy_loss(net, theta, X, y)
    curv = (_numpy_loss(net, theta + d * g, X, y) - 2 * L0 + _numpy_loss(net, theta - d * g, X, y)) / d**2
    remainder = 0.5 * eta * abs(curv) / (g @ g)  # ~1e-5 here
    assert remainder < 1e-3
    # 1.1: the O(eta^3) term and the rounding of the difference of two losses (~u / (eta |g|^2) ~ 1e-11)
    assert_allclose(loss.data - new, eta * g @ g, rtol=1.1 * remainder)
    # and the second-order prediction is better by a factor of order eta
    assert_allclose(loss.data - new, eta * g @ g - 0.5 * eta**2 * curv, rtol=1e-3 * remainder)


@pytest.mark.parametrize("f", [-800.0, -40.0, -30.0, -1.2, -1.0, 0.0, 0.7, 1.0, 30.0, 40.0, 800.0])
@pytest.mark.parametrize("label", [0, 1])
def test_binary_cross_entropy_is_stable(f, label):
    v = Value(f)
    loss = binary_cross_entropy(v, label)
    loss.backward()
    # log(1 + e^f) - y f = log(1 + e^{(1 - 2y) f}): the reference is np.logaddexp(0, +-f), which scipy and numpy
    # compute as max + log1p(exp(-|.|)), accurate to a few u relative for every f. Computing log(1 + e^f) - f
    # instead loses everything at f = 30 (1.3 % error) and gives 0 at f = 40 for y = 1. The engine's softplus is a
    # sum of two non-negative terms, each within an ulp: a few u relative; 4 EPS = 8 u covers both sides.
    reference_loss = np.logaddexp(0.0, f if label == 0 else -f)
    assert_allclose(loss.data, reference_loss, rtol=4 * EPS, atol=0)
    # d/df = sigma(f) - y, without cancellation: sigma(f) or -sigma(-f) (scipy.special.expit), relative as well
    reference = expit(f) if label == 0 else -expit(-f)
    assert_allclose(v.grad, reference, rtol=4 * EPS, atol=0)
    if label == 1 and f == 40.0:  # the README's number: loss e^-40 = 4.25e-18, slope -4.25e-18
        assert (f"{loss.data:.3g}", f"{v.grad:.3g}") == ("4.25e-18", "-4.25e-18")


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
    # "a graph of about 20 000 nodes": 197 per sample (2-8-8-1 net and one softplus, one more node for label 1),
    # plus the 105 weights and the running sum; the count is exact (it does not depend on rounding)
    assert 19_500 <= len(loss._topological_order()) <= 20_500


# ------------------------------------------------------------------------------- the tensor engine network
def test_tensor_mlp_starts_from_the_same_weights_and_computes_the_same_function():
    X, _ = _data()
    for sizes, activation in (([8, 8, 1], "tanh"), ([5, 3], "relu")):
        net, tnet = MLP(2, sizes, activation=activation, rng=4), TensorMLP(2, sizes, activation=activation, rng=4)
        W_scalar = [[[w.data for w in n.w] for n in layer.neurons] for layer in net.layers]
        assert [W.data.tolist() for W in tnet.weights] == W_scalar  # the same draws, exactly
        out = tnet(X).data
        # same sums in another order: a few roundings per layer, as in test_forward_pass_matches_numpy
        assert_allclose(out[:, 0] if sizes[-1] == 1 else out, net.evaluate(X), rtol=1e-13, atol=1e-14)


def test_tensor_and_scalar_engines_give_the_same_gradient_on_the_moons_network():
    X, y = _data()
    net, tnet = MLP(2, [8, 8, 1], rng=1234), TensorMLP(2, [8, 8, 1], rng=1234)
    loss = _value_loss(net, X, y)
    net.zero_grad()
    loss.backward()
    t_loss = ((1.0 - 2.0 * y) * tnet(X).reshape(-1)).softplus().mean()  # the binary cross-entropy, stable
    t_loss.backward()
    g_scalar = np.array([p.grad for p in net.parameters()])
    # MLP orders its parameters neuron by neuron (weights then bias): row i of [W | b]
    g_tensor = np.concatenate([np.column_stack([W.grad, b.grad]).ravel() for W, b in zip(tnet.weights, tnet.biases,
                                                                                     strict=True)])
    # about 200 nodes per sample, sums in another order: well within 1e-12 relative on order-one gradients
    assert_allclose(g_tensor, g_scalar, rtol=1e-12, atol=1e-14)
    assert_allclose(float(t_loss.data), loss.data, rtol=1e-13)


def test_readme_tensor_training_numbers():
    # the notebook runs the same 25 momentum steps on the tensor engine: loss 0.0325 at step 20, 0.0152 at step 24
    X, y = _data(100)
    tnet = TensorMLP(2, [8, 8, 1], rng=0)
    params = tnet.parameters()
    velocity = [np.zeros_like(p.data) for p in params]
    losses, accuracies = [], []
    for _ in range(25):
        loss = ((1.0 - 2.0 * y) * tnet(X).reshape(-1)).softplus().mean()
        tnet.zero_grad()
        loss.backward()
        for p, v in zip(params, velocity, strict=True):
            v *= 0.8
            v -= 1.0 * p.grad
            p.data += v
        losses.append(float(loss.data))
        accuracies.append(np.mean((tnet(X).data[:, 0] > 0) == y))
    assert_allclose(np.round([losses[0], losses[5], losses[20], losses[24]], 4), [0.7494, 0.2955, 0.0325, 0.0152])
    # "the training accuracy is 100 % at both of these steps" (after steps 20 and 24)
    assert accuracies[20] == 1.0 and accuracies[24] == 1.0


@pytest.fixture(scope="module")
def digits_run():
    """The chapter's digits recipe, trained once for the module (about half a second)."""
    X, y = load_digits(return_X_y=True)
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)
    mu, sd = X_tr.mean(axis=0), X_tr.std(axis=0)
    sd = np.where(sd > 0, sd, 1.0)
    X_tr, X_te = (X_tr - mu) / sd, (X_te - mu) / sd
    net = TensorMLP(64, [32, 10], activation="tanh", rng=0)
    history = train_classifier(net, X_tr, y_tr, n_epochs=10, batch_size=32, lr=0.05, momentum=0.9, rng=0)
    return net, history, X_te, y_te, len(y_tr)


def test_digits_mlp_reaches_95_percent_held_out_in_a_few_seconds(digits_run):
    net, history, X_te, y_te, n_train = digits_run
    assert (n_train, len(y_te)) == (1437, 360)
    assert isinstance(history, TrainingHistory)
    assert history.n_steps == 10 * 45  # ceil(1437 / 32) = 45 batches per epoch
    assert np.mean(net(X_te).data.argmax(axis=1) == y_te) >= 0.95
    assert history.seconds < 10  # about 0.4 s on one core of a 2020s x86-64 machine; generous for slow runners
    assert history.loss[-1] < 0.1 * history.loss[0] and history.train_accuracy[-1] >= 0.99
    # README: "the mean training loss falls from 0.77 in the first epoch to 0.018 in the tenth" (0.7675 and 0.01835:
    # far from the rounding boundaries, and the BLAS kernel moves them only in the last digits)
    assert (round(float(history.loss[0]), 2), round(float(history.loss[-1]), 3)) == (0.77, 0.018)


def test_train_classifier_recurrence_on_one_batch():
    # one full batch, one epoch: the update is v = -eta g (v starts at 0), w <- w + v
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(6, 3)), np.array([0, 1, 2, 0, 1, 2])
    net, ref = TensorMLP(3, [3], rng=1), TensorMLP(3, [3], rng=1)
    loss = ref(X).softmax_cross_entropy(y)
    loss.backward()
    train_classifier(net, X, y, n_epochs=1, batch_size=6, lr=0.5, momentum=0.9, rng=0)
    assert_allclose(net.weights[0].data, ref.weights[0].data - 0.5 * ref.weights[0].grad, rtol=1e-15, atol=1e-16)
    assert_allclose(net.biases[0].data, -0.5 * ref.biases[0].grad, rtol=1e-15, atol=1e-16)


def test_tensor_mlp_and_train_classifier_bad_input():
    net = TensorMLP(2, [3], rng=0)
    X, y = np.zeros((4, 2)), np.array([0, 1, 2, 0])
    with pytest.raises(ValueError, match=r"X must have shape \(n_samples, 2\), got shape \(4, 3\)"):
        net(np.zeros((4, 3)))
    with pytest.raises(ValueError, match="activation must be 'tanh' or 'relu'"):
        TensorMLP(2, [3], activation="sigmoid")
    with pytest.raises(ValueError, match="layer_sizes must name at least one layer"):
        TensorMLP(2, [])
    with pytest.raises(TypeError, match="net must be a TensorMLP, got MLP"):
        train_classifier(MLP(2, [3]), X, y, 1, 2, 0.1)
    with pytest.raises(ValueError, match=r"y must have shape \(4,\)"):
        train_classifier(net, X, y[:3], 1, 2, 0.1)
    with pytest.raises(ValueError, match=r"y must hold integer classes in 0\.\.2"):
        train_classifier(net, X, np.array([0, 1, 3, 0]), 1, 2, 0.1)
    with pytest.raises(ValueError, match="X must contain only finite numbers"):
        train_classifier(net, np.full((4, 2), np.nan), y, 1, 2, 0.1)
    with pytest.raises(ValueError, match=r"lr must be > 0, got 0\.0"):
        train_classifier(net, X, y, 1, 2, 0.0)
    with pytest.raises(ValueError, match="n_epochs must be >= 1, got 0"):
        train_classifier(net, X, y, 0, 2, 0.1)
    with pytest.raises(ValueError, match=r"momentum must be in \[0, 1\), got 1\.0"):
        train_classifier(net, X, y, 1, 2, 0.1, momentum=1.0)
