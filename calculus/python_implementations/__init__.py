"""From-scratch numpy implementations of the calculus topic area.

Every public name of the modules is re-exported here, so both styles work::

    from calculus.python_implementations import derivatives       # a module
    from calculus.python_implementations import Value, gradient  # names

The modules use numpy and the standard library only.
"""

from calculus.python_implementations.autodiff import (
    Value,
)
from calculus.python_implementations.derivatives import (
    METHODS,
    default_step,
    derivative,
    gradient,
    hessian,
    jacobian,
    logistic_loss,
    softmax_cross_entropy_loss,
    squared_error_loss,
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
    binary_cross_entropy,
)
from calculus.python_implementations.optimization import (
    OptimizationResult,
    backtracking_line_search,
    gradient_descent,
    gradient_descent_backtracking,
    momentum,
    newton_method,
)

__all__ = [
    "METHODS",
    "MLP",
    "Layer",
    "LimitEstimate",
    "Neuron",
    "OptimizationResult",
    "Value",
    "backtracking_line_search",
    "binary_cross_entropy",
    "default_step",
    "derivative",
    "gradient",
    "gradient_descent",
    "gradient_descent_backtracking",
    "hessian",
    "jacobian",
    "least_squares_gradient",
    "least_squares_hessian",
    "limit",
    "logistic_loss",
    "logsumexp",
    "momentum",
    "newton_method",
    "one_sided_limit",
    "quadratic_form_gradient",
    "quadratic_form_hessian",
    "richardson_table",
    "second_order_taylor",
    "softmax",
    "softmax_cross_entropy_loss",
    "softmax_jacobian",
    "squared_error_loss",
]
