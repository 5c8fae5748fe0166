"""Tests of the scalar reverse-mode engine ``Value``.

References, independent of the engine:
- closed-form derivatives evaluated with numpy / scipy.special;
- the complex-step derivative Im f(x + i h) / h of the *same* expression evaluated with Python complex numbers
  (no subtraction, so it is accurate to a few ulps: Squire & Trapp 1998);
- central differences from ``calculus.python_implementations.derivatives.gradient`` (error ~ eps^(2/3)).
"""

import cmath
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from numpy.testing import assert_allclose
from scipy.special import expit

from calculus.python_implementations.autodiff import Value
from calculus.python_implementations.derivatives import gradient

EPS = np.finfo(float).eps
# Each rule is one or two correctly rounded library calls and a product: a handful of roundings.
RULE_RTOL = 8 * EPS
U = EPS / 2  # unit roundoff u
# Central difference with h ~ eps^(1/3) |x|: truncation h^2 f'''/6 + rounding eps f / h, both ~ eps^(2/3) ~ 4e-11
# times the size of the third derivative and of f; on expressions of order-one values 1e-7 leaves a wide margin.
CENTRAL_RTOL, CENTRAL_ATOL = 1e-7, 1e-8


# --------------------------------------------------------------------- the same expression on Value and complex
def _exp(z):
    return z.exp() if isinstance(z, Value) else cmath.exp(z)


def _log(z):
    return z.log() if isinstance(z, Value) else cmath.log(z)


def _tanh(z):
    return z.tanh() if isinstance(z, Value) else cmath.tanh(z)


def _sigmoid(z):
    return z.sigmoid() if isinstance(z, Value) else 1 / (1 + cmath.exp(-z))


def _relu(z):
    if isinstance(z, Value):
        return z.relu()
    return z if z.real > 0 else 0 * z


def _value_grad(f, x):
    """Gradient of f at the point x (a list of floats) by the engine."""
    leaves = [Value(float(v)) for v in x]
    out = f(*leaves)
    out.backward()
    return out.data, np.array([v.grad for v in leaves])


def _abs_adjoints(out, leaves):
    """sum over paths of the product of |local derivatives|, for each leaf: the scale of the rounding errors.

    The adjoint of a leaf is a sum of path products; each product and each partial sum is rounded, so the computed
    adjoint is within gamma_m = m u / (1 - m u) times this sum of absolute values (m = number of nodes bounds both
    the path length and the number of terms added), whatever cancellation the true derivative suffers.
    """
    order = out._topological_order()
    scale = {id(node): 0.0 for node in order}
    scale[id(out)] = 1.0
    for node in reversed(order):
        for inp, local in zip(node._inputs, node._local, strict=True):
            scale[id(inp)] += abs(local) * scale[id(node)]
    return np.array([scale.get(id(v), 0.0) for v in leaves]), len(order)  # 0 for a leaf the output ignores


def _check_against_complex_step(f, point):
    """|engine - complex step| <= 4 m u * (sum over paths of |products|) for every gradient entry.

    Both are evaluations of the same sums of path products: the engine in real arithmetic, the complex step in the
    imaginary parts (no subtraction of nearby values, hence no cancellation from the step h). Each is within
    gamma_m of the sum of absolute values; c = 4 covers the two of them and library functions (cmath.exp, tanh,
    log) that are accurate to an ulp rather than correctly rounded.
    """
    leaves = [Value(float(v)) for v in point]
    out = f(*leaves)
    out.backward()
    g = np.array([v.grad for v in leaves])
    scale, m = _abs_adjoints(out, leaves)
    err = np.abs(g - _complex_step_grad(f, point))
    assert np.all(err <= 4 * m * U * scale), (err, 4 * m * U * scale)
    return out.data


def _complex_step_grad(f, x, h=1e-30):
    """Gradient of f at x by the complex step, one coordinate at a time."""
    x = [complex(v) for v in x]
    g = []
    for i in range(len(x)):
        shifted = list(x)
        shifted[i] += 1j * h
        g.append(f(*shifted).imag / h)
    return np.array(g)


EXPRESSIONS = {
    "polynomial": lambda x, y: x * x * y + 3 * y - x**3 / 4 + 1,
    "quotient": lambda x, y: (x - y) / (1 + x * x),
    "reversed ops": lambda x, y: 2 - x + 3 / (2 + y * y) - 1 * y + 0.5 * x,
    "power of a power": lambda x, y: ((x * x + 1) ** 0.5) ** 3 + (y * y + 2) ** -1.5,
    "exp log": lambda x, y: _log(1 + _exp(x * y)) - _exp(-y) * x,
    "tanh sigmoid": lambda x, y: _tanh(x + 2 * y) * _sigmoid(x - y),
    "relu": lambda x, y: _relu(x - 0.3) * y + _relu(-y - 5.0),
    "value exponent": lambda x, y: (1 + x * x) ** y + 2**x,
    "shared subexpression": lambda x, y: (lambda u: u * u + _exp(u) - u / (1 + u * u))(x * y - x),
    "neuron": lambda x, y: _tanh(0.5 * x - 1.5 * y + 0.1) * 2.0 - _log(_sigmoid(x + y)),
}


@pytest.mark.parametrize("name", list(EXPRESSIONS))
@pytest.mark.parametrize("point", [(0.7, -1.3), (-2.1, 0.4), (1.5, 1.25)])
def test_expression_gradient_matches_complex_step(name, point):
    f = EXPRESSIONS[name]
    value = _check_against_complex_step(f, point)
    assert_allclose(value, f(*point), rtol=1e-14)  # same operations; cmath and math differ by an ulp per call


@pytest.mark.parametrize("name", list(EXPRESSIONS))
def test_expression_gradient_matches_central_difference(name):
    f = EXPRESSIONS[name]
    point = np.array([0.9, -0.6])
    _, g = _value_grad(f, point)
    g_fd = gradient(lambda v: f(float(v[0]), float(v[1])).real, point)
    assert_allclose(g, g_fd, rtol=CENTRAL_RTOL, atol=CENTRAL_ATOL)


# ----------------------------------------------------------------------------- random expression programs
UNARY = [
    ("tanh", _tanh),
    ("sigmoid", _sigmoid),
    ("exp of a bounded value", lambda z: _exp(_tanh(z))),
    ("log of a positive value", lambda z: _log(1 + z * z)),
    ("square", lambda z: z**2),
    ("negate", lambda z: -z),
]
BINARY = [
    ("add", lambda a, b: a + b),
    ("sub", lambda a, b: a - b),
    ("mul", lambda a, b: a * b),
    ("div by a positive value", lambda a, b: a / (1.5 + b * b)),
]


def _random_program(seed: int, n_inputs: int = 3, n_ops: int = 25):
    """A random straight-line program: each step applies a random operation to earlier results."""
    rng = np.random.default_rng(seed)
    steps = []
    for k in range(n_ops):
        n_avail = n_inputs + k
        if rng.random() < 0.5:
            steps.append(("u", int(rng.integers(len(UNARY))), int(rng.integers(n_avail)), None))
        else:
            i, j = (int(t) for t in rng.integers(n_avail, size=2))
            steps.append(("b", int(rng.integers(len(BINARY))), i, j))

    def program(*inputs):
        regs = list(inputs)
        for kind, op, i, j in steps:
            regs.append(UNARY[op][1](regs[i]) if kind == "u" else BINARY[op][1](regs[i], regs[j]))
        # sum the last three results so that most of the program reaches the output
        return regs[-1] + regs[-2] + regs[-3]

    return program


@pytest.mark.parametrize("seed", range(12))
def test_random_programs_match_complex_step(seed):
    program = _random_program(seed)
    point = np.random.default_rng(100 + seed).uniform(-1.5, 1.5, size=3)
    value = _check_against_complex_step(program, point)
    assert np.isfinite(value)


# ----------------------------------------------------------------------------- each rule against its formula
@pytest.mark.parametrize("x", [-3.2, -0.4, 0.25, 1.0, 5.5])
def test_unary_rules_match_closed_forms(x):
    cases = {
        "exp": (lambda v: v.exp(), np.exp(x), np.exp(x)),
        "tanh": (lambda v: v.tanh(), np.tanh(x), 1 / np.cosh(x) ** 2),
        "sigmoid": (lambda v: v.sigmoid(), expit(x), expit(x) * expit(-x)),
        "relu": (lambda v: v.relu(), max(x, 0.0), float(x > 0)),
        "neg": (lambda v: -v, -x, -1.0),
        "cube": (lambda v: v**3, x**3, 3 * x**2),
        "reciprocal": (lambda v: 1 / v, 1 / x, -1 / x**2),
        "two to the x": (lambda v: 2**v, 2.0**x, 2.0**x * np.log(2)),
    }
    if x > 0:
        cases["log"] = (lambda v: v.log(), np.log(x), 1 / x)
        cases["sqrt"] = (lambda v: v**0.5, np.sqrt(x), 0.5 / np.sqrt(x))
        cases["x to the x"] = (lambda v: v**v, x**x, x**x * (np.log(x) + 1))
    for name, (op, value, slope) in cases.items():
        v = Value(x)
        out = op(v)
        out.backward()
        assert_allclose(out.data, value, rtol=RULE_RTOL, err_msg=name)
        assert_allclose(v.grad, slope, rtol=RULE_RTOL, atol=1e-300, err_msg=name)


@pytest.mark.parametrize(
    ("op", "dx", "dy"),
    [
        (lambda x, y: x + y, lambda x, y: 1.0, lambda x, y: 1.0),
        (lambda x, y: x - y, lambda x, y: 1.0, lambda x, y: -1.0),
        (lambda x, y: x * y, lambda x, y: y, lambda x, y: x),
        (lambda x, y: x / y, lambda x, y: 1 / y, lambda x, y: -x / y**2),
        (lambda x, y: x**y, lambda x, y: y * x ** (y - 1), lambda x, y: x**y * np.log(x)),
    ],
    ids=["add", "sub", "mul", "div", "pow"],
)
def test_binary_rules_match_closed_forms(op, dx, dy):
    x, y = 1.7, -0.8
    a, b = Value(x), Value(y)
    out = op(a, b)
    out.backward()
    assert_allclose(out.data, op(x, y), rtol=RULE_RTOL)
    assert_allclose([a.grad, b.grad], [dx(x, y), dy(x, y)], rtol=RULE_RTOL)


@pytest.mark.parametrize(
    ("expr", "value", "slope"),
    [
        (lambda x: 2 - x, -1.0, -1.0),  # at x = 3
        (lambda x: 2 / x, 2 / 3, -2 / 9),
        (lambda x: 2**x, 8.0, 8 * math.log(2)),
        (lambda x: 2 + x, 5.0, 1.0),
        (lambda x: 2 * x, 6.0, 2.0),
        (lambda x: np.float64(2.0) * x, 6.0, 2.0),
        (lambda x: x - np.int64(1), 2.0, 1.0),
    ],
    ids=["rsub", "rtruediv", "rpow", "radd", "rmul", "numpy float", "numpy int"],
)
def test_reversed_operations_with_plain_numbers(expr, value, slope):
    x = Value(3.0)
    out = expr(x)
    assert isinstance(out, Value)
    out.backward()
    assert_allclose([out.data, x.grad], [value, slope], rtol=RULE_RTOL)


def test_sigmoid_is_stable_and_accurate_for_large_arguments():
    for x in [-1000.0, -40.0, 40.0, 1000.0]:
        v = Value(x)
        s = v.sigmoid()
        s.backward()
        assert_allclose(s.data, expit(x), rtol=RULE_RTOL)
        # sigma'(x) = sigma(x) sigma(-x) ~ exp(-|x|); at |x| = 40 that is 4.25e-18, which 1 - sigma(40) = 0 would lose
        assert_allclose(v.grad, expit(x) * expit(-x), rtol=RULE_RTOL, atol=0)
    assert Value(40.0).sigmoid().data == 1.0  # rounds to one...
    s = Value(40.0)
    s.sigmoid().backward()
    assert s.grad > 4e-18  # ...but the slope keeps its value


def test_tanh_slope_keeps_relative_accuracy_for_large_arguments():
    # 1 - tanh(x)^2 computed as 1 - t * t would have relative error ~ eps / sech(x)^2 (2e-12 at x = 7, 100% at 20)
    for x in [7.0, -20.0, 300.0]:
        v = Value(x)
        v.tanh().backward()
        assert_allclose(v.grad, 4 * np.exp(-2 * abs(x)) / (1 + np.exp(-2 * abs(x))) ** 2, rtol=RULE_RTOL)
        assert v.grad > 0


def test_power_rule_at_zero():
    for p, slope in [(0, 0.0), (1, 1.0), (2, 0.0), (3.5, 0.0)]:
        x = Value(0.0)
        (x**p).backward()
        assert x.grad == slope


def test_relu_slope_at_zero_is_zero_by_convention():
    x = Value(0.0)
    x.relu().backward()
    assert x.grad == 0.0


# ---------------------------------------------------------------------------- graph structure and bookkeeping
def test_node_used_many_times_accumulates():
    x = Value(1.5)
    (x * x).backward()
    assert x.grad == 3.0  # d(x^2)/dx = 2 x
    x = Value(1.5)
    (x + x).backward()
    assert x.grad == 2.0
    x = Value(1.5)
    (x - x).backward()
    assert x.grad == 0.0
    x = Value(1.5)
    (x / x).backward()
    assert x.grad == 0.0
    # a node feeding several others: u = 2x, f = u^2 + u + e^u; df/dx = 2 (2u + 1 + e^u)
    x = Value(0.3)
    u = x * 2
    f = u * u + u + u.exp()
    f.backward()
    assert_allclose(x.grad, 2 * (2 * 0.6 + 1 + np.exp(0.6)), rtol=RULE_RTOL)
    assert_allclose(u.grad, 2 * 0.6 + 1 + np.exp(0.6), rtol=RULE_RTOL)


def test_diamond_graph_counts_each_path_once():
    # y = (x + 1) * (x - 1) = x^2 - 1 through a shared input: dy/dx = 2 x
    x = Value(4.0)
    y = (x + 1) * (x - 1)
    y.backward()
    assert x.grad == 8.0


def test_long_chain_without_recursion_error():
    x = Value(0.5)
    y = x
    for _ in range(100_000):
        y = y + x  # y = (k + 1) x after k steps
    y.backward()
    assert y.data == 0.5 * 100_001
    assert x.grad == 100_001.0  # every add passes 1 to x and 1 down the chain: exact integers


def test_long_chain_of_nonlinear_steps():
    # y_{k+1} = tanh(y_k) + 0.5 x: the derivative obeys g_{k+1} = (1 - tanh(y_k)^2) g_k + 0.5, recomputed in floats
    x = Value(0.3)
    y = x
    ys, g = [0.3], 1.0
    for _ in range(20_000):
        y = y.tanh() + 0.5 * x
    for _ in range(20_000):
        t = math.tanh(ys[-1])
        ys.append(t + 0.5 * 0.3)
        g = (1 - t * t) * g + 0.5
    y.backward()
    assert_allclose(y.data, ys[-1], rtol=1e-12)
    assert_allclose(x.grad, g, rtol=1e-10)  # a contraction: rounding errors do not grow


def test_backward_twice_accumulates_leaves_but_not_intermediates():
    x = Value(2.0)
    a = x * 3  # intermediate
    y = a * a
    y.backward()
    assert (x.grad, a.grad, y.grad) == (36.0, 12.0, 1.0)  # dy/dx = 18 x, dy/da = 2 a
    y.backward()
    assert (x.grad, a.grad, y.grad) == (72.0, 12.0, 1.0)  # leaf accumulated, intermediate recomputed
    y.zero_grad()
    assert (x.grad, a.grad, y.grad) == (0.0, 0.0, 0.0)
    y.backward()
    assert x.grad == 36.0


def test_gradients_of_two_outputs_sharing_a_leaf_add_up():
    x = Value(1.0)
    f = x * 5
    g = x.exp()
    f.backward()
    g.backward()
    assert_allclose(x.grad, 5 + np.e, rtol=RULE_RTOL)


def test_backward_on_a_leaf_and_repr():
    x = Value(3)
    x.backward()
    assert x.grad == 1.0
    assert repr(x) == "Value(data=3.0, grad=1.0)"
    assert isinstance(x.data, float)


def test_second_backward_on_a_leaf_accumulates():
    # README (Code): leaves accumulate, also when the output is itself a leaf; zero_grad resets them
    x = Value(3.0)
    x.backward()
    x.backward()
    assert x.grad == 2.0
    x.zero_grad()
    x.backward()
    assert x.grad == 1.0
    y = Value(2.0)
    z = y * y
    z.backward()
    z.backward()
    assert (y.grad, z.grad) == (8.0, 1.0)  # the intermediate output is reset, the leaf accumulates


def test_numpy_scalars_on_either_side_build_the_graph():
    # numpy scalars are stored as Python floats and, on the left of an operator, defer to Value
    x = Value(np.float32(1.5))
    assert type(x.data) is float and type(Value(np.int64(2)).data) is float
    out = np.float64(2.0) * x + np.int64(1) - np.float64(0.5) / x
    assert isinstance(out, Value)
    out.backward()
    assert_allclose([out.data, x.grad], [4.0 - 1 / 3, 2.0 + 0.5 / 1.5**2], rtol=RULE_RTOL)


def test_zero_upstream_gradient_sends_nothing_back():
    # README (Code): the local derivative -x / y^2 of x / y overflows at y = 1e-200 and is stored as inf; the
    # product with 0 makes the node's adjoint exactly 0, so nothing flows back, and the gradients are the exact 0
    x, y = Value(1.0), Value(1e-200)
    q = x / y
    assert q.data == 1e200 and math.isinf(q._local[1])
    out = q * 0
    out.backward()
    assert (x.grad, y.grad) == (0.0, 0.0)
    assert not any(math.isnan(v.grad) for v in out._topological_order())


def test_an_adjoint_that_underflowed_to_zero_does_not_hide_an_infinite_local_derivative():
    # L = (x / y) * 1e-170 * 1e-170 at y = 1e-200: the adjoint of q = x / y is 1e-340, which underflows to 0, and
    # dq/dy = -x / y^2 = -1e400 overflowed to inf. The true dL/dy is 1e-340 * (-1e400) = -1e60: a 0 that stands for
    # a tiny number times an overflowed local derivative is not 0, so the engine must raise, not return 0.
    x, y = Value(1.0), Value(1e-200)
    q = x / y
    L = (q * Value(1e-170)) * Value(1e-170)
    with pytest.raises(OverflowError, match="underflowed to 0"):
        L.backward()
    # the same underflow two nodes further up: the 0 handed down through finite local derivatives keeps its mark
    x, y = Value(1.0), Value(1e-200)
    L = ((x / y) * 2.0 + 1.0) * Value(1e-170) * Value(1e-170)
    with pytest.raises(OverflowError, match="underflowed to 0"):
        L.backward()
    # an exact 0 (a factor 0, not an underflow) still sends nothing back
    x, y = Value(1.0), Value(1e-200)
    ((x / y) * 2.0 * 0.0).backward()
    assert (x.grad, y.grad) == (0.0, 0.0)


@pytest.mark.parametrize(
    ("x", "build", "op"),
    [
        (5e-324, lambda v: v.log(), "log"),  # d/dx log x = 1 / x = inf at x = 5e-324
        (1e-300, lambda v: 1.0 / v, "/"),  # 1 / x = 1e300 is fine, its slope -1 / x^2 = -1e600 is not
        (5e-324, lambda v: v**0.5 * 1e200, r"\*\*0\.5"),  # slope 0.5 / sqrt(5e-324) = 2.2e161, times 1e200
    ],
)
def test_infinite_gradient_raises_naming_the_operation(x, build, op):
    v = Value(x)
    out = build(v)
    with pytest.raises(OverflowError, match=f"backward through '{op}'"):
        out.backward()
    assert math.isfinite(v.grad)


def test_log_of_the_smallest_float_keeps_its_value():
    # the value log(5e-324) = -744.44 is fine; only its derivative overflows
    assert_allclose(Value(5e-324).log().data, math.log(5e-324), rtol=RULE_RTOL)


@pytest.mark.parametrize("f", [-800.0, -40.0, -1.0, 0.0, 1.0, 40.0, 800.0])
def test_softplus_against_scipy(f):
    # softplus(f) = max(f, 0) + log1p(e^-|f|): a sum of non-negative terms, each within an ulp, so the result is
    # within a few u relative (RULE_RTOL = 16 u); np.logaddexp(0, f) is the independent reference. The slope is
    # sigma(f) from e^-|f| / (1 + e^-|f|) or 1 / (1 + e^-|f|), against scipy.special.expit.
    x = Value(f)
    y = x.softplus()
    y.backward()
    assert_allclose(y.data, np.logaddexp(0.0, f), rtol=RULE_RTOL, atol=0)
    assert_allclose(x.grad, expit(f), rtol=RULE_RTOL, atol=0)
    if f == -40.0:  # e^-40 (1 - e^-40 / 2 + ...) = 4.25e-18: nothing rounds to 0
        assert_allclose(y.data, np.exp(-40.0), rtol=RULE_RTOL)


@pytest.mark.parametrize("x", [1e-300, 1e-20, 1e-8, -0.5, 0.25, 3.0])
def test_log1p_against_scipy(x):
    from scipy.special import log1p

    v = Value(x)
    y = v.log1p()
    y.backward()
    assert_allclose(y.data, log1p(x), rtol=RULE_RTOL, atol=0)
    assert_allclose(v.grad, 1 / (1 + x), rtol=RULE_RTOL)
    with pytest.raises(ValueError, match=r"log1p needs an argument > -1, got -1\.0"):
        Value(-1.0).log1p()


def test_one_word_for_the_operands_of_a_node():
    # the code and the chapter call the operands of an operation its "inputs" and the nodes using it "consumers";
    # "child" (micrograd's word for an input, some texts' word for a consumer) is used nowhere
    from pathlib import Path

    import calculus.python_implementations.autodiff as autodiff

    root = Path(__file__).parents[2]
    for text in (
        Path(autodiff.__file__).read_text(),
        (root / "calculus/chain_rule_backpropagation/README.md").read_text(),
    ):
        assert "child" not in text.lower()
    x, y = Value(2.0), Value(3.0)
    z = x * y
    assert z._inputs == (x, y) and x._inputs == ()


# --------------------------------------------------------------------------------------- hypothesis properties
finite = st.floats(min_value=-5, max_value=5, allow_nan=False)


@given(finite, finite)
def test_product_rule(x, y):
    a, b = Value(x), Value(y)
    (a * b).backward()
    assert (a.grad, b.grad) == (y, x)


@given(finite, finite, st.floats(min_value=-3, max_value=3))
def test_linearity_of_the_gradient(x, y, c):
    # grad(c f + g) = c grad f + grad g, with f = x tanh(y), g = exp(x / 5) y
    def f(a, b):
        return a * b.tanh()

    def g(a, b):
        return (a / 5).exp() * b

    _, gf = _value_grad(f, [x, y])
    _, gg = _value_grad(g, [x, y])
    _, gsum = _value_grad(lambda a, b: c * f(a, b) + g(a, b), [x, y])
    assert_allclose(gsum, c * gf + gg, rtol=1e-13, atol=1e-13)


@given(st.floats(min_value=0.1, max_value=4), st.integers(min_value=-4, max_value=6))
def test_power_rule_property(x, n):
    v = Value(x)
    (v**n).backward()
    assert_allclose(v.grad, n * x ** (n - 1), rtol=RULE_RTOL)


# ------------------------------------------------------------------------------------------------ bad input
@given(
    st.one_of(st.just(math.nan), st.just(math.inf), st.just(-math.inf), st.text(max_size=3), st.booleans())
)
def test_bad_data_property(bad):
    # every non-finite float is a ValueError, every string or bool a TypeError, for Value() and for operands
    expected = TypeError if isinstance(bad, str | bool) else ValueError
    with pytest.raises(expected, match="data must be"):
        Value(bad)
    # a str operand falls through to str.__rmul__, whose message is Python's own
    with pytest.raises(expected, match=r"other operand must be|can't multiply sequence"):
        Value(1.0) * bad


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf, np.float64("nan")])
def test_non_finite_data_is_rejected(bad):
    with pytest.raises(ValueError, match="data must be finite"):
        Value(bad)


@pytest.mark.parametrize("bad", ["1.0", True, 1 + 2j, None, [1.0], np.array([1.0, 2.0])])
def test_non_real_data_is_rejected(bad):
    with pytest.raises(TypeError, match="data must be a real number"):
        Value(bad)


def test_value_of_a_value_is_rejected():
    with pytest.raises(TypeError, match="data must be a real number, got Value"):
        Value(Value(1.0))


def test_bad_operands():
    x = Value(1.0)
    with pytest.raises(TypeError, match="other operand must be a real number, got bool"):
        x + True
    with pytest.raises(TypeError, match="other operand must be a real number, got bool"):
        False * x
    with pytest.raises(TypeError, match="can't multiply sequence"):
        x * "a"
    with pytest.raises(TypeError, match="unsupported operand"):
        x * object()
    with pytest.raises(TypeError, match="unsupported operand"):
        "a" - x
    with pytest.raises(TypeError, match="unsupported operand"):
        x ** [2]
    with pytest.raises(ValueError, match="other operand must be finite, got nan"):
        x + math.nan
    with pytest.raises(ValueError, match="other operand must be finite, got inf"):
        math.inf / x
    with pytest.raises(ValueError, match="exponent must be finite"):
        x**math.inf


@pytest.mark.parametrize("bad", [0.0, -1.0, -1e-300])
def test_log_of_non_positive_names_the_value(bad):
    with pytest.raises(ValueError, match=f"log needs a positive argument, got {bad}"):
        Value(bad).log()


def test_division_by_zero():
    with pytest.raises(ZeroDivisionError, match=r"denominator is 0\.0"):
        Value(1.0) / 0
    with pytest.raises(ZeroDivisionError, match=r"denominator is 0\.0"):
        1 / Value(0.0)
    with pytest.raises(ZeroDivisionError, match="negative power"):
        Value(0.0) ** -1


def test_power_domain_errors():
    with pytest.raises(ValueError, match=r"negative base needs an integer exponent, got -8.0 \*\* 0.5"):
        Value(-8.0) ** 0.5
    with pytest.raises(ValueError, match=r"infinite derivative at x = 0\.0"):
        Value(0.0) ** 0.5
    with pytest.raises(ValueError, match=r"base > 0.*got base -2\.0"):
        Value(-2.0) ** Value(2.0)
    with pytest.raises(ValueError, match=r"base > 0.*got base -2"):
        (-2) ** Value(0.5)
    with pytest.raises(ValueError, match=r"base > 0.*got base 0"):
        0 ** Value(1.0)


@pytest.mark.parametrize(
    "op",
    [
        lambda: Value(1000.0).exp(),
        lambda: Value(1e200) * 1e200,
        lambda: Value(1e308) + 1e308,
        lambda: Value(-1e308) - 1e308,
        lambda: Value(1e300) / 1e-300,
        lambda: Value(10.0) ** 400,
        lambda: Value(1e-200) ** -2,
        lambda: 10 ** Value(400.0),
    ],
)
def test_overflow_is_reported_not_propagated(op):
    with pytest.raises(OverflowError, match="not a finite number"):
        op()


# ----------------------------------------------------------------------------------- README worked examples
def test_readme_worked_example_logistic_unit():
    w, x, b = Value(0.5), Value(2.0), Value(-1.0)
    m = w * x
    z = m + b
    p = z.sigmoid()
    q = p.log()
    L = -q
    L.backward()
    assert [n.data for n in (m, z, p)] == [1.0, 0.0, 0.5]
    assert_allclose([q.data, L.data], [-np.log(2), np.log(2)], rtol=RULE_RTOL)
    assert_allclose(round(L.data, 4), 0.6931)
    grads = [n.grad for n in (w, x, b, m, z, p, q, L)]
    assert grads == [-1.0, -0.25, -0.5, -0.5, -0.5, -2.0, -1.0, 1.0]  # exact: powers of two throughout
    # the one-liner of the Code section and its printed output
    w2 = Value(0.5)
    L2 = -(w2 * 2.0 + (-1.0)).sigmoid().log()
    L2.backward()
    assert repr(L2) == "Value(data=0.6931471805599453, grad=1.0)"
    assert w2.grad == -1.0


def test_readme_forward_mode_tangents():
    # seed dw = 1: tangents of m, z, p, q, L are 2, 2, 0.5, 1, -1; checked with the complex step in w
    h = 1e-30
    w = 0.5 + 1j * h
    m = w * 2.0
    z = m - 1.0
    p = 1 / (1 + cmath.exp(-z))
    q = cmath.log(p)
    L = -q
    assert_allclose([v.imag / h for v in (m, z, p, q, L)], [2.0, 2.0, 0.5, 1.0, -1.0], rtol=1e-15)


def test_readme_shared_node_and_jacobian():
    x = Value(0.3)
    u = x * 2
    f = u * u + u + u.exp()
    f.backward()
    assert_allclose(round(u.grad, 4), 4.0221)
    assert_allclose(round(x.grad, 6), 8.044238)

    def F(v):
        return [v[0] * v[1] + _tanh(v[2]), _exp(v[0]) / v[2]]

    rows = []
    for k in range(2):
        leaves = [Value(t) for t in (0.5, -1.0, 2.0)]
        F(leaves)[k].backward()
        rows.append([v.grad for v in leaves])
    assert_allclose(np.round(rows, 4), [[-1.0, 0.5, 0.0707], [0.8244, 0.0, -0.4122]])


def test_readme_exercises():
    x, y = Value(2.0), Value(3.0)
    f = (x + y) * y
    f.backward()
    assert (f.data, x.grad, y.grad) == (15.0, 3.0, 8.0)
    x = Value(2.0)
    yy = x * 3
    z = yy * yy
    z.backward()
    assert (x.grad, yy.grad) == (36.0, 12.0)
    z.backward()
    assert (x.grad, yy.grad) == (72.0, 12.0)


def test_readme_rounding_thresholds():
    # README: tanh x rounds to 1 from x ~ 19.1 and sigma(x) from x ~ 37, where the naive slopes 1 - t^2 and
    # 1 - sigma are 0; the engine's slopes keep their relative accuracy there (references: 1 / cosh^2 and
    # expit(x) expit(-x), no cancellation). Margins: 1 - tanh(19.1) = 5.0e-17 < u / 2 = 5.55e-17 < 1 - tanh(19).
    for x, op, reference in [
        (19.1, Value.tanh, 1 / np.cosh(19.1) ** 2),
        (37.0, Value.sigmoid, expit(37.0) * expit(-37.0)),
    ]:
        v = Value(x)
        out = op(v)
        out.backward()
        assert out.data == 1.0 and 1 - out.data**2 == 0.0 and 1 - out.data == 0.0  # the naive slopes
        assert_allclose(v.grad, reference, rtol=RULE_RTOL)
        assert 0 < v.grad < 1e-15
    assert Value(19.0).tanh().data < 1.0 and Value(36.0).sigmoid().data < 1.0
