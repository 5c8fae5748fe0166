"""Tests of the array reverse-mode engine ``Tensor`` (``calculus.python_implementations.autodiff.Tensor``).

References, independent of the engine:
- central differences of the same expression evaluated with plain numpy (``derivatives.gradient``, error
  ~ eps^(2/3) relative to the function and its third derivative);
- the scalar engine ``Value`` run on the same expression entry by entry (a different code path: one node per
  number, sums in another order);
- closed forms (dense layer: dL/dW = delta x^T, Delta^T X) and scipy.special.
"""

import math
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose
from scipy.special import expit, log_softmax
from scipy.special import logsumexp as scipy_logsumexp

from calculus.python_implementations import autodiff
from calculus.python_implementations.autodiff import Tensor, Value
from calculus.python_implementations.derivatives import gradient, jacobian, softmax_cross_entropy_loss

EPS = np.finfo(float).eps
U = EPS / 2  # unit roundoff u
# Central differences with h ~ eps^(1/3) max(1, |x|): truncation and rounding both ~ eps^(2/3) ~ 4e-11 times the
# size of f and of its third derivative; the expressions below have order-one values and derivatives of order
# at most 1e2, so 1e-7 relative (1e-8 absolute) leaves a margin of 100 or more.
CENTRAL_RTOL, CENTRAL_ATOL = 1e-7, 1e-8


def _grad_of(build, arrays):
    """Gradients of the one-entry output build(*tensors) with respect to each input array, by the engine."""
    leaves = [Tensor(a) for a in arrays]
    out = build(*leaves)
    out.backward()
    return out, [leaf.grad for leaf in leaves]


def _central(f_numpy, arrays, k):
    """Central-difference gradient of f_numpy(*arrays) with respect to arrays[k], in that array's shape."""
    arrays = [np.asarray(a, dtype=float) for a in arrays]

    def f_flat(v):
        args = list(arrays)
        args[k] = v.reshape(arrays[k].shape)
        return float(f_numpy(*args))

    return gradient(f_flat, arrays[k].ravel()).reshape(arrays[k].shape)


rng0 = np.random.default_rng(1234)
A34, B34, B43 = rng0.normal(size=(3, 4)), rng0.normal(size=(3, 4)), rng0.normal(size=(4, 3))
ROW4, COL3, V4, V3 = rng0.normal(size=4), rng0.normal(size=(3, 1)), rng0.normal(size=4), rng0.normal(size=3)
POS34 = rng0.uniform(0.5, 2.0, size=(3, 4))

# name: (Tensor expression with a one-entry output, the same in numpy, inputs). Every operation appears, and the
# broadcasting cases: row vector + matrix, column vector * matrix, scalar * matrix, sum over an axis with keepdims.
CASES = {
    "add row vector to matrix": (lambda a, r: ((a + r) * (a + r)).sum(), lambda a, r: np.sum((a + r) ** 2), [A34, ROW4]),
    "sub column vector": (lambda a, c: ((a - c) * (a - c)).sum(), lambda a, c: np.sum((a - c) ** 2), [A34, COL3]),
    "scalar times matrix": (lambda s, a: (s * a).tanh().sum(), lambda s, a: np.sum(np.tanh(s * a)),
                            [np.array(0.7), A34]),
    "elementwise product": (lambda a, b: (a * b).sum(), lambda a, b: np.sum(a * b), [A34, B34]),
    "division with broadcasting": (lambda a, p: (a / p).sum(), lambda a, p: np.sum(a / p), [ROW4, POS34]),
    "matrix @ matrix": (lambda a, b: ((a @ b) * (a @ b)).sum(), lambda a, b: np.sum((a @ b) ** 2), [A34, B43]),
    "matrix @ vector": (lambda a, v: (a @ v).tanh().sum(), lambda a, v: np.sum(np.tanh(a @ v)), [A34, V4]),
    "vector @ matrix": (lambda v, a: (v @ a).sigmoid().sum(), lambda v, a: np.sum(expit(v @ a)), [V3, A34]),
    "vector @ vector": (lambda u, v: (u @ v) * (u @ v), lambda u, v: (u @ v) ** 2, [V4, ROW4]),
    "sum over axis with keepdims": (lambda a: (a.sum(axis=1, keepdims=True) * a).sum(),
                                    lambda a: np.sum(a.sum(axis=1, keepdims=True) * a), [A34]),
    "sum over axis 0": (lambda a: (a.sum(axis=0) * a.sum(axis=0)).sum(), lambda a: np.sum(a.sum(axis=0) ** 2), [A34]),
    "sum over a tuple of axes": (lambda a: a.reshape(3, 2, 2).sum(axis=(0, 2)).exp().sum(),
                                 lambda a: np.sum(np.exp(a.reshape(3, 2, 2).sum(axis=(0, 2)))), [A34]),
    "mean over axis": (lambda a: a.mean(axis=-1).exp().mean(), lambda a: np.mean(np.exp(a.mean(axis=-1))), [A34]),
    "exp and log": (lambda p: (p.exp() + p.log()).sum(), lambda p: np.sum(np.exp(p) + np.log(p)), [POS34]),
    "tanh": (lambda a: a.tanh().sum(), lambda a: np.sum(np.tanh(a)), [A34]),
    "sigmoid": (lambda a: (a * 3.0).sigmoid().sum(), lambda a: np.sum(expit(3 * a)), [A34]),
    "relu": (lambda a: (a.relu() * a).sum(), lambda a: np.sum(np.maximum(a, 0) * a), [A34]),
    "softplus": (lambda a: (a * 4.0).softplus().sum(), lambda a: np.sum(np.logaddexp(0, 4 * a)), [A34]),
    "negation and reversed operations": (lambda a: (2.0 - a / 3.0 + (1.0 / (a * a + 1.0)) - a * (-a)).sum(),
                                         lambda a: np.sum(2 - a / 3 + 1 / (a * a + 1) + a * a), [A34]),
    "reshape": (lambda a, b: (a.reshape(4, 3) * b).sum(), lambda a, b: np.sum(a.reshape(4, 3) * b), [A34, B43]),
    "transpose": (lambda a, b: (a.T * b).sum() + (a.transpose((1, 0)) @ a).sum(),
                  lambda a, b: np.sum(a.T * b) + np.sum(a.T @ a), [A34, B43]),
    "softmax cross-entropy": (lambda z: z.softmax_cross_entropy([0, 3, 1]),
                              lambda z: -np.mean(log_softmax(z, axis=1)[[0, 1, 2], [0, 3, 1]]), [A34 * 3]),
}


@pytest.mark.parametrize("name", list(CASES))
def test_every_operation_matches_central_differences(name):
    build, f_numpy, arrays = CASES[name]
    out, grads = _grad_of(build, arrays)
    assert out.data.shape == () and np.isclose(float(out.data), f_numpy(*arrays), rtol=1e-13, atol=1e-14)
    for k, g in enumerate(grads):
        assert g.shape == np.shape(arrays[k])  # gradients are summed back to the operand's shape
        assert_allclose(g, _central(f_numpy, arrays, k), rtol=CENTRAL_RTOL, atol=CENTRAL_ATOL)


# --------------------------------------------------------------------------------- against the scalar engine
def _values(a):
    return np.array([Value(float(v)) for v in np.ravel(a)], dtype=object).reshape(np.shape(a))


def _abs_scale(out, leaves):
    """Sum over paths of |products of local derivatives| per scalar leaf: the scale of the rounding error."""
    order = out._topological_order()
    scale = {id(node): 0.0 for node in order}
    scale[id(out)] = 1.0
    for node in reversed(order):
        for inp, local in zip(node._inputs, node._local, strict=True):
            scale[id(inp)] += abs(local) * scale[id(node)]
    return np.array([scale.get(id(v), 0.0) for v in leaves]), len(order)


def test_dense_network_loss_matches_the_scalar_engine():
    # the same two-layer network with a softmax cross-entropy, built on Value (one node per number) and on Tensor
    rng = np.random.default_rng(7)
    X, W1, b1, W2 = rng.normal(size=(4, 3)), rng.normal(size=(5, 3)), rng.normal(size=5), rng.normal(size=(2, 5))
    labels = np.array([0, 1, 1, 0])
    tensors = [Tensor(a) for a in (X, W1, b1, W2)]
    tX, tW1, tb1, tW2 = tensors
    t_loss = ((tX @ tW1.T + tb1).tanh() @ tW2.T).softmax_cross_entropy(labels)
    t_loss.backward()

    vX, vW1, vb1, vW2 = (_values(a) for a in (X, W1, b1, W2))
    H = np.array([[v.tanh() for v in row] for row in (vX @ vW1.T + vb1)], dtype=object)  # object arrays of Value
    Z = H @ vW2.T  # (4, 2)
    total = Value(0.0)
    for i, row in enumerate(Z):
        m = max(v.data for v in row)  # the log-sum-exp shift, a constant
        lse = sum(((v - m).exp() for v in row), Value(0.0)).log() + m
        total = total + (lse - row[labels[i]])
    v_loss = total / len(Z)
    v_loss.backward()
    leaves = [v for a in (vX, vW1, vb1, vW2) for v in a.ravel()]
    scale, m = _abs_scale(v_loss, leaves)
    t_grad = np.concatenate([t.grad.ravel() for t in tensors])
    v_grad = np.array([v.grad for v in leaves])
    # both engines sum the same path products in different orders, each computed value within gamma_m of the
    # exact one scaled by the sum of |path products| (m nodes); 4 m u covers both sides
    assert np.all(np.abs(t_grad - v_grad) <= 4 * m * U * scale + 1e-300)
    assert math.isclose(float(t_loss.data), v_loss.data, rel_tol=4 * m * U)


@pytest.mark.parametrize("name", ["tanh", "sigmoid", "relu", "softplus", "exp and log", "elementwise product"])
def test_elementwise_rules_match_the_scalar_engine_exactly(name):
    # an elementwise rule evaluates the same formula as Value's rule, entry by entry: the same roundings
    build, _, arrays = CASES[name]
    _, grads = _grad_of(build, arrays)
    vals = [_values(a) for a in arrays]
    out = build(*[_ValueArray(v) for v in vals]).value
    out.backward()
    for g, v in zip(grads, vals, strict=True):
        assert_allclose(g, np.vectorize(lambda n: n.grad)(v), rtol=4 * EPS, atol=0)


class _ValueArray:
    """An object array of Values with the few Tensor methods the elementwise cases use."""

    def __init__(self, a):
        self.a = a

    def _map(self, name):
        return _ValueArray(np.vectorize(lambda v: getattr(v, name)(), otypes=[object])(self.a))

    def tanh(self):
        return self._map("tanh")

    def sigmoid(self):
        return self._map("sigmoid")

    def relu(self):
        return self._map("relu")

    def softplus(self):
        return self._map("softplus")

    def exp(self):
        return self._map("exp")

    def log(self):
        return self._map("log")

    def __mul__(self, other):
        return _ValueArray(self.a * (other.a if isinstance(other, _ValueArray) else other))

    def __add__(self, other):
        return _ValueArray(self.a + other.a)

    def sum(self):
        total = Value(0.0)
        for v in self.a.ravel():
            total = total + v
        return _Wrapped(total)


class _Wrapped:
    def __init__(self, v):
        self.value = v


# ------------------------------------------------------------------------- vector-Jacobian products, layers
def test_backward_with_a_seed_is_a_vector_jacobian_product():
    rng = np.random.default_rng(3)
    W, x, u = rng.normal(size=(3, 4)), rng.normal(size=4), rng.normal(size=3)
    xt = Tensor(x)
    (Tensor(W) @ xt).tanh().backward(u)
    J = jacobian(lambda v: np.tanh(W @ v), x)  # (3, 4) by central differences
    assert_allclose(xt.grad, u @ J, rtol=CENTRAL_RTOL, atol=CENTRAL_ATOL)
    # and one seed e_i per output gives the rows of J
    rows = []
    for i in range(3):
        xt = Tensor(x)
        (Tensor(W) @ xt).tanh().backward(np.eye(3)[i])
        rows.append(xt.grad)
    assert_allclose(np.array(rows), J, rtol=CENTRAL_RTOL, atol=CENTRAL_ATOL)


def test_dense_layer_gradients_are_outer_products():
    # dL/dW = delta x^T, dL/db = delta, dL/dx = W^T delta; batch: Delta^T X and Delta^T 1 (closed forms)
    rng = np.random.default_rng(5)
    W, b, x, X = rng.normal(size=(3, 4)), rng.normal(size=3), rng.normal(size=4), rng.normal(size=(6, 4))
    Wt, bt, xt = Tensor(W), Tensor(b), Tensor(x)
    (Wt @ xt + bt).tanh().sum().backward()
    delta = 1 - np.tanh(W @ x + b) ** 2
    # a handful of roundings per entry, on order-one values
    assert_allclose(Wt.grad, np.outer(delta, x), rtol=1e-14, atol=1e-15)
    assert_allclose(bt.grad, delta, rtol=1e-14, atol=1e-15)
    assert_allclose(xt.grad, W.T @ delta, rtol=1e-14, atol=1e-15)
    Wt, bt = Tensor(W), Tensor(b)
    (Tensor(X) @ Wt.T + bt).tanh().sum().backward()
    Delta = 1 - np.tanh(X @ W.T + b) ** 2  # (6, 3)
    assert_allclose(Wt.grad, Delta.T @ X, rtol=1e-13, atol=1e-14)
    assert_allclose(bt.grad, Delta.sum(axis=0), rtol=1e-13, atol=1e-14)


def test_readme_dense_layer_worked_example():
    # README, "Worked example": W = [[1, -1, 2], [0, 3, 1]], b = (0, -1), x = (1, 2, -1), L = 1/2 ||h - t||^2
    # with t = (0, 2): h = (-3, 4), delta = h - t = (-3, 2), dL/dW = delta x^T, dL/dx = W^T delta = (-3, 9, -4)
    W = Tensor([[1.0, -1.0, 2.0], [0.0, 3.0, 1.0]])
    b, x = Tensor([0.0, -1.0]), Tensor([1.0, 2.0, -1.0])
    r = W @ x + b - np.array([0.0, 2.0])
    L = (r * r).sum() * 0.5
    L.backward()
    assert (W @ x + b).data.tolist() == [-3.0, 4.0]
    assert float(L.data) == 6.5
    assert W.grad.tolist() == [[-3.0, -6.0, 3.0], [2.0, 4.0, -2.0]]
    assert b.grad.tolist() == [-3.0, 2.0]
    assert x.grad.tolist() == [-3.0, 9.0, -4.0]
    # the batch version: the same sample twice doubles dL/dW (Delta^T X sums the per-sample outer products)
    W2 = Tensor(W.data)
    X = np.array([[1.0, 2.0, -1.0], [1.0, 2.0, -1.0]])
    R = Tensor(X) @ W2.T + b.data - np.array([0.0, 2.0])
    ((R * R).sum() * 0.5).backward()
    assert W2.grad.tolist() == [[-6.0, -12.0, 6.0], [4.0, 8.0, -4.0]]


# ---------------------------------------------------------------------------------- broadcasting
@pytest.mark.parametrize(
    ("shape_x", "shape_y"),
    [((3, 4), (4,)), ((3, 4), (1, 4)), ((3, 4), (3, 1)), ((3, 4), ()), ((2, 3, 4), (3, 1)), ((4,), (3, 4))],
)
def test_broadcast_gradients_are_summed_back_to_each_shape(shape_x, shape_y):
    rng = np.random.default_rng(11)
    x, y = rng.normal(size=shape_x), rng.normal(size=shape_y)
    xt, yt = Tensor(x), Tensor(y)
    out_shape = np.broadcast_shapes(shape_x, shape_y)
    weights = rng.normal(size=out_shape)
    ((xt * yt) * weights).sum().backward()
    # d/dx sum(w x y) = sum of w y over the broadcast axes (exact formula, evaluated with numpy's broadcasting)
    gx = np.broadcast_to(weights * y, out_shape)
    gy = np.broadcast_to(weights * x, out_shape)
    assert xt.grad.shape == shape_x and yt.grad.shape == shape_y
    assert_allclose(xt.grad, _reduce_like(gx, shape_x), rtol=1e-13, atol=1e-14)
    assert_allclose(yt.grad, _reduce_like(gy, shape_y), rtol=1e-13, atol=1e-14)


def _reduce_like(g, shape):
    """Independent reduction: sum g over every output entry that maps to the same entry of `shape`."""
    out = np.zeros(shape)
    padded = (1,) * (g.ndim - len(shape)) + tuple(shape)
    for idx in np.ndindex(g.shape):
        target = tuple(0 if n == 1 else i for i, n in zip(idx, padded, strict=True))[g.ndim - len(shape):]
        out[target] += g[idx]
    return out


def test_numpy_array_on_the_left_gives_a_tensor():
    x = Tensor([1.0, 2.0])
    for out in (np.array([3.0, 4.0]) + x, np.array([3.0, 4.0]) * x, np.array([3.0, 4.0]) - x,
                np.array([3.0, 4.0]) / x, np.array([[1.0, 1.0]]) @ x, np.float64(2.0) * x):
        assert isinstance(out, Tensor)
    y = np.array([3.0, 4.0]) / x  # d/dx (c / x) = -c / x^2
    y.sum().backward()
    assert x.grad.tolist() == [-3.0, -1.0]


def test_sum_and_mean_keepdims_shapes_and_values():
    a = np.arange(24.0).reshape(2, 3, 4)
    t = Tensor(a)
    for axis in (None, 0, 1, -1, (0, 2)):
        for keepdims in (False, True):
            assert_allclose(t.sum(axis=axis, keepdims=keepdims).data, a.sum(axis=axis, keepdims=keepdims))
            assert_allclose(t.mean(axis=axis, keepdims=keepdims).data, a.mean(axis=axis, keepdims=keepdims),
                            rtol=4 * EPS)
    t.mean(axis=(0, 2)).sum().backward()  # each entry counted once in a mean of 8
    assert_allclose(t.grad, np.full(a.shape, 1 / 8), rtol=EPS)


# ------------------------------------------------------------------------------- the softmax cross-entropy
def test_softmax_cross_entropy_against_scipy_and_the_linear_classifier():
    rng = np.random.default_rng(2)
    X, W = rng.normal(size=(7, 3)), rng.normal(size=(3, 4))
    labels = rng.integers(0, 4, size=7)
    Z = Tensor(X @ W)
    loss = Z.softmax_cross_entropy(labels)
    loss.backward()
    ref = np.mean(scipy_logsumexp(X @ W, axis=1) - (X @ W)[np.arange(7), labels])
    # a sum of non-negative terms, each to a few u: 16 eps is generous
    assert_allclose(float(loss.data), ref, rtol=16 * EPS)
    ref_loss, ref_grad = softmax_cross_entropy_loss(W, X, labels)
    assert float(loss.data) == ref_loss  # the same stable routine, on the same logits
    assert_allclose(X.T @ Z.grad, ref_grad, rtol=1e-13, atol=1e-15)  # dL/dW = X^T dL/dZ (chain rule)
    P = np.exp(log_softmax(X @ W, axis=1))
    assert_allclose(Z.grad, (P - np.eye(4)[labels]) / 7, rtol=1e-13, atol=1e-16)


def test_softmax_cross_entropy_of_a_confident_prediction_keeps_its_digits():
    # logits (40, 0), label 0: loss log(1 + e^-40) = 4.248e-18, gradient (-e^-40, e^-40)/(1 + e^-40); the naive
    # p_y - 1 rounds to 0 and log(sum exp) - 40 rounds to 0
    Z = Tensor([[40.0, 0.0]])
    loss = Z.softmax_cross_entropy([0])
    loss.backward()
    e = math.exp(-40.0)
    assert_allclose(float(loss.data), math.log1p(e), rtol=4 * EPS)
    assert_allclose(Z.grad, [[-e / (1 + e), e / (1 + e)]], rtol=8 * EPS)
    big = Tensor([[1000.0, -1000.0, 0.0]])  # no overflow
    big.softmax_cross_entropy([1]).backward()
    assert np.all(np.isfinite(big.grad)) and big.grad[0, 1] == -1.0


# ----------------------------------------------------------------------------- accumulation and safety
def test_backward_accumulates_in_leaves_and_resets_intermediates():
    x = Tensor([1.0, 2.0])
    y = x * 3.0
    z = (y * y).sum()
    z.backward()
    assert x.grad.tolist() == [18.0, 36.0] and y.grad.tolist() == [6.0, 12.0]
    z.backward()
    assert x.grad.tolist() == [36.0, 72.0] and y.grad.tolist() == [6.0, 12.0]
    z.zero_grad()
    assert x.grad.tolist() == [0.0, 0.0]
    leaf = Tensor(2.0)
    leaf.backward()
    leaf.backward()
    assert float(leaf.grad) == 2.0


def test_a_node_used_twice_adds_its_contributions():
    x = Tensor([0.3, -0.2])
    u = x * 2.0
    (u * u + u + u.exp()).sum().backward()
    ux = 2 * np.array([0.3, -0.2])
    assert_allclose(x.grad, 2 * (2 * ux + 1 + np.exp(ux)), rtol=4 * EPS)


def test_long_chain_without_recursion_error():
    x = Tensor([1.0, 2.0])
    y = x
    for _ in range(3_000):  # three times Python's recursion limit
        y = y + 1.0
    y.sum().backward()
    assert x.grad.tolist() == [1.0, 1.0]


def test_zero_upstream_gradient_sends_nothing_back():
    # d(x / y)/dy = -x / y^2 overflows at y = 1e-200 and is stored as inf; times a zero weight it contributes 0
    x, y = Tensor([1.0, 1.0]), Tensor([1e-200, 1.0])
    ((x / y) * np.array([0.0, 1.0])).sum().backward()
    assert x.grad.tolist() == [0.0, 1.0] and y.grad.tolist() == [0.0, -1.0]
    w = Tensor([5e-324, 1.0])
    (w.log() * 0.0).sum().backward()
    assert w.grad.tolist() == [0.0, 0.0]


@pytest.mark.parametrize(
    ("start", "build", "op"),
    [
        ([5e-324, 1.0], lambda t: t.log().sum(), "log"),  # local derivative 1 / 5e-324 = inf
        ([1.0, 2.0], lambda t: (Tensor([1.0, 1.0]) / (t * 1e-200)).sum(), "/"),  # -x / y^2 = -1e400
        ([1e-200, 1e-200], lambda t: (t * 1e200).sum() * 1e200, "*"),  # forward 2e200, gradient 1e400
    ],
)
def test_infinite_gradient_raises_naming_the_operation(start, build, op):
    t = Tensor(start)
    with pytest.raises(OverflowError, match=f"backward through '{re.escape(op)}'"):
        build(t).backward()


# ------------------------------------------------------------------------------------ hypothesis
small = st.floats(min_value=-3, max_value=3, allow_nan=False)


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 4), st.integers(1, 4), st.data())
def test_product_rule_on_arrays(n, m, data):
    x = np.array(data.draw(st.lists(small, min_size=n * m, max_size=n * m))).reshape(n, m)
    y = np.array(data.draw(st.lists(small, min_size=m, max_size=m)))
    xt, yt = Tensor(x), Tensor(y)
    (xt * yt).sum().backward()
    # d/dx sum(x y) = y broadcast (exact), d/dy = column sums of x (a sum of n numbers: n u relative to sum |x|)
    assert np.array_equal(xt.grad, np.broadcast_to(y, (n, m)))
    assert np.all(np.abs(yt.grad - x.sum(axis=0)) <= 2 * n * U * np.abs(x).sum(axis=0))


@settings(max_examples=30, deadline=None)
@given(st.lists(small, min_size=1, max_size=6), st.floats(-2, 2))
def test_linearity_of_the_gradient(xs, c):
    x = np.array(xs)
    t1, t2 = Tensor(x), Tensor(x)
    (t1.tanh().sum() * c + t1.sigmoid().sum()).backward()
    t2.tanh().sum().backward()
    g_tanh = t2.grad.copy()
    t3 = Tensor(x)
    t3.sigmoid().sum().backward()
    assert_allclose(t1.grad, c * g_tanh + t3.grad, rtol=8 * EPS, atol=8 * EPS)


# ------------------------------------------------------------------------------------------ bad input
@pytest.mark.parametrize("bad", [np.nan, np.inf, [1.0, -np.inf], [[np.nan]]])
def test_non_finite_data_is_rejected(bad):
    with pytest.raises(ValueError, match="data must contain only finite numbers"):
        Tensor(bad)


@pytest.mark.parametrize("bad", [True, [True, False], 1 + 2j, "1.0", [None], [[1.0], [2.0, 3.0]]])
def test_non_real_data_is_rejected(bad):
    with pytest.raises((TypeError, ValueError), match="data must"):
        Tensor(bad)


def test_empty_data_and_tensor_of_a_tensor_are_rejected():
    with pytest.raises(ValueError, match=r"data must not be empty, got shape \(0,\)"):
        Tensor([])
    with pytest.raises(TypeError, match="got Tensor"):
        Tensor(Tensor(1.0))


def test_bad_operands():
    x = Tensor(np.ones((2, 3)))
    with pytest.raises(TypeError):
        x + "a"
    with pytest.raises(TypeError):
        "a" * x
    with pytest.raises(TypeError, match="other operand must hold real numbers"):
        x * True
    with pytest.raises(ValueError, match="other operand must contain only finite"):
        x - np.array([np.nan, 1.0, 1.0])
    with pytest.raises(ValueError, match=r"other operand of shape \(2,\) does not broadcast with shape \(2, 3\)"):
        x + np.ones(2)
    with pytest.raises(ValueError, match=r"inner dimensions, got shapes \(2, 3\) and \(2, 3\)"):
        x @ x
    with pytest.raises(ValueError, match="left operand has shape"):
        Tensor(np.ones((2, 2, 2))) @ x
    with pytest.raises(ValueError, match="right operand has shape"):
        Tensor(np.ones(3)) @ Tensor(2.0)


def test_domain_errors_are_raised_where_they_happen():
    with pytest.raises(ValueError, match=r"log needs positive entries, got smallest entry -1\.0"):
        Tensor([1.0, -1.0]).log()
    with pytest.raises(ValueError, match=r"log needs positive entries, got smallest entry 0\.0"):
        Tensor([0.0]).log()
    with pytest.raises(ZeroDivisionError, match="1 zero entries"):
        Tensor([1.0, 2.0]) / np.array([1.0, 0.0])
    with pytest.raises(OverflowError, match=r"exp\(x\) has entries that are not finite"):
        Tensor([1.0, 710.0]).exp()
    with pytest.raises(OverflowError, match=r"x \* y"):
        Tensor([1e200]) * 1e200
    with pytest.raises(OverflowError, match=r"x / y"):
        Tensor([1e200]) / 1e-200


def test_bad_axes_shapes_and_labels():
    x = Tensor(np.ones((2, 3)))
    with pytest.raises(ValueError, match="axis 2 is out of range for an array with 2 dimensions"):
        x.sum(axis=2)
    with pytest.raises(ValueError, match="axis must not repeat"):
        x.mean(axis=(1, -1))
    with pytest.raises(TypeError, match="axis must be None, an int or a tuple of ints"):
        x.sum(axis=1.0)
    with pytest.raises(ValueError, match=r"shape \(4,\) does not fit 6 entries"):
        x.reshape(4)
    with pytest.raises(ValueError, match="axes must be a permutation of the 2 axes"):
        x.transpose((0,))
    with pytest.raises(ValueError, match="axis must not repeat an axis"):
        x.transpose((0, 0))
    with pytest.raises(ValueError, match=r"needs logits of shape \(n, k\), got shape \(3,\)"):
        Tensor(np.ones(3)).softmax_cross_entropy([0])
    with pytest.raises(ValueError, match=r"labels must have shape \(2,\)"):
        x.softmax_cross_entropy([0, 1, 2])
    with pytest.raises(ValueError, match=r"labels must be integers in 0\.\.2"):
        x.softmax_cross_entropy([0, 3])
    with pytest.raises(ValueError, match=r"labels must be integers in 0\.\.2"):
        x.softmax_cross_entropy([0.5, 1])


def test_bad_backward_seeds():
    y = Tensor([1.0, 2.0]) * 2.0
    with pytest.raises(ValueError, match=r"grad must be given for an output of shape \(2,\)"):
        y.backward()
    with pytest.raises(ValueError, match=r"grad must have the output's shape \(2,\), got shape \(3,\)"):
        y.backward([1.0, 1.0, 1.0])
    with pytest.raises(ValueError, match="grad must contain only finite"):
        y.backward([np.nan, 1.0])


def test_repr_shape_and_public_name():
    t = Tensor([[1.0, 2.0]])
    assert t.shape == (1, 2) and t.T.shape == (2, 1)
    assert repr(t).startswith("Tensor(shape=(1, 2)")
    assert autodiff.Tensor is Tensor


def test_readme_exercise_6_relu_layer_gradient():
    # README, Exercise 6 (code): run the solution's code block as printed and check what it prints
    import contextlib
    import io
    from pathlib import Path

    text = (Path(__file__).parents[2] / "calculus/chain_rule_backpropagation/README.md").read_text()
    exercise = text.split("6. (Code)")[1].split("7. Show that")[0]
    code = exercise.split("```python\n")[1].split("```")[0]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(code, {})
    assert out.getvalue().split() == ["True", "True"]


def test_tensor_does_not_track_underflow_as_documented():
    # README and Tensor docstring: unlike Value, an upstream gradient that underflowed to 0 contributes 0 even where
    # the local derivative overflowed (the true dL/dy here is 1e-340 * (-1e400) = -1e60)
    x, y = Tensor([1.0]), Tensor([1e-200])
    ((x / y) * 1e-170 * 1e-170).sum().backward()
    assert y.grad.tolist() == [0.0]
    xv, yv = Value(1.0), Value(1e-200)
    with pytest.raises(OverflowError, match="underflowed to 0"):
        ((xv / yv) * 1e-170 * 1e-170).backward()
