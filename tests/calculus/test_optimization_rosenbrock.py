"""The slow first-order runs on the Rosenbrock function quoted in calculus/optimization/README.md.

Kept apart from test_optimization.py so that each module stays within its time budget (about 1.5 s here).
"""

import numpy as np
from numpy.testing import assert_allclose

from calculus.python_implementations.optimization import gradient_descent, gradient_descent_backtracking


def rosenbrock(x):
    return (1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2


def rosenbrock_grad(x):
    return np.array([-2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] ** 2), 200 * (x[1] - x[0] ** 2)])


def test_rosenbrock_first_order_counts():
    # README, "Comparison on the Rosenbrock function": 43605 steps for GD (eta = 1e-3), 19435 with Armijo.
    gd = gradient_descent(rosenbrock_grad, [-1.2, 1.0], learning_rate=1e-3, max_iter=50_000)
    bt = gradient_descent_backtracking(rosenbrock, rosenbrock_grad, [-1.2, 1.0], max_iter=50_000)
    assert (gd.n_iter, bt.n_iter) == (43605, 19435)
    for res in (gd, bt):
        assert res.converged
        # smallest Hessian eigenvalue near (1, 1) is ~0.3994: ||x - x*|| <= ||g|| / 0.39
        assert_allclose(res.x, [1.0, 1.0], rtol=0, atol=1e-8 / 0.39)
