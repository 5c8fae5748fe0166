"""From-scratch numpy implementations of the calculus topic area.

Every public name of the modules is re-exported here, so both styles work::

    from calculus.python_implementations import derivatives       # a module
    from calculus.python_implementations import Value, gradient  # names

The modules use numpy and the standard library only.
"""

from calculus.python_implementations.autodiff import (
    Tensor,
    Value,
)
from calculus.python_implementations.derivatives import (
    METHODS,
    default_step,
    derivative,
    gradient,
    hessian,
    jacobian,
    log_sigmoid,
    logistic_loss,
    logistic_loss_hessian,
    sigmoid,
    softmax_cross_entropy_loss,
    softplus,
    squared_error_loss,
)
from calculus.python_implementations.integration import (
    RIEMANN_RULES,
    MonteCarloResult,
    gauss_legendre,
    legendre_nodes_weights,
    monte_carlo,
    riemann_sum,
    simpson,
    trapezoid,
)
from calculus.python_implementations.limits import (
    LimitEstimate,
    limit,
    one_sided_limit,
    richardson_table,
)
from calculus.python_implementations.matrix_calculus import (
    least_squares_gradient,
    least_squares_hessian,
    log_softmax,
    logsumexp,
    quadratic_form_gradient,
    quadratic_form_hessian,
    second_order_taylor,
    softmax,
    softmax_jacobian,
)
from calculus.python_implementations.neural_net import (
    MLP,
    Layer,
    Neuron,
    TensorMLP,
    TrainingHistory,
    binary_cross_entropy,
    train_classifier,
)
from calculus.python_implementations.optimization import (
    OptimizationResult,
    backtracking_line_search,
    gradient_descent,
    gradient_descent_backtracking,
    momentum,
    newton_method,
)
from calculus.python_implementations.stochastic import (
    SGD,
    AdaGrad,
    Adam,
    RMSProp,
    constant,
    cosine,
    inverse_time,
    minibatch_indices,
    step_decay,
    train,
)
from calculus.python_implementations.taylor import (
    lagrange_remainder_bound,
    taylor_polynomial,
)

__all__ = [
    "METHODS",
    "MLP",
    "RIEMANN_RULES",
    "SGD",
    "AdaGrad",
    "Adam",
    "Layer",
    "LimitEstimate",
    "MonteCarloResult",
    "Neuron",
    "OptimizationResult",
    "RMSProp",
    "Tensor",
    "TensorMLP",
    "TrainingHistory",
    "Value",
    "backtracking_line_search",
    "binary_cross_entropy",
    "constant",
    "cosine",
    "default_step",
    "derivative",
    "gauss_legendre",
    "gradient",
    "gradient_descent",
    "gradient_descent_backtracking",
    "hessian",
    "inverse_time",
    "jacobian",
    "lagrange_remainder_bound",
    "least_squares_gradient",
    "least_squares_hessian",
    "legendre_nodes_weights",
    "limit",
    "log_sigmoid",
    "log_softmax",
    "logistic_loss",
    "logistic_loss_hessian",
    "logsumexp",
    "minibatch_indices",
    "momentum",
    "monte_carlo",
    "newton_method",
    "one_sided_limit",
    "quadratic_form_gradient",
    "quadratic_form_hessian",
    "richardson_table",
    "riemann_sum",
    "second_order_taylor",
    "sigmoid",
    "simpson",
    "softmax",
    "softmax_cross_entropy_loss",
    "softmax_jacobian",
    "softplus",
    "squared_error_loss",
    "step_decay",
    "taylor_polynomial",
    "train",
    "train_classifier",
    "trapezoid",
]
