"""Rounding-error helpers shared by the project tests: how far a computed value or an iteration count may move
between machines (BLAS kernels, SIMD) while staying the same to the error analysis."""

import numpy as np

U = np.finfo(float).eps / 2  # unit roundoff (NOTATION.md)


def gamma(k):
    """Higham's gamma_k = k u / (1 - k u): the relative error bound of a sum or dot product of length k."""
    return k * U / (1 - k * U)


def steps_the_count_can_move(grad_norms, tol, rho):
    r"""By how many steps can an iteration count, stopped at the first ``||g_k|| <= tol``, differ between machines?

    ``grad_norms`` are the norms along the run, ``rho`` a bound on the relative error of a computed gradient norm
    near the end (from rounding). Near the end the norm shrinks by the factor ``q`` per step, so a relative
    perturbation ``rho`` moves the first crossing of ``tol`` by at most ``ceil(log(1 + rho) / -log(q))`` steps.
    """
    assert grad_norms[-2] > tol >= grad_norms[-1]
    q = grad_norms[-1] / grad_norms[-2]
    return int(np.ceil(np.log1p(rho) / -np.log(q)))


def plain_gradient_descent(grad, x0, eta, tol, max_iter):
    """An independent three-line gradient descent: the iteration count the module must reproduce (to one step)."""
    x, norms = x0.copy(), []
    for _ in range(max_iter + 1):
        g = grad(x)
        norms.append(np.sqrt(np.sum(g**2)))
        if norms[-1] <= tol:
            break
        x = x - eta * g
    return x, np.array(norms)
