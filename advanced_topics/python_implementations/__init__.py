"""From-scratch numpy implementations for the advanced topics topic area.

The modules are filled in topic by topic; public names are re-exported here with an explicit ``__all__``.
"""

from advanced_topics.python_implementations.convex_optimization import (
    lasso,
    project_box,
    project_l2_ball,
    project_simplex,
    proximal_gradient,
    soft_threshold,
)
from advanced_topics.python_implementations.information_theory import (
    conditional_entropy,
    cross_entropy,
    entropy,
    huffman_code_lengths,
    information_gain,
    js_divergence,
    kl_divergence,
    kl_gaussians,
    mutual_information,
)
from advanced_topics.python_implementations.numerical_methods import (
    RootResult,
    bisection,
    condition_number,
    kahan_sum,
    log_sigmoid,
    log_softmax,
    logsumexp,
    newton_root,
    pairwise_sum,
    quadratic_roots,
    secant,
    sigmoid,
    softmax,
    softplus,
)
from advanced_topics.python_implementations.svm import SVMModel, svm_dual

__all__: list[str] = [
    "RootResult",
    "SVMModel",
    "bisection",
    "condition_number",
    "conditional_entropy",
    "cross_entropy",
    "entropy",
    "huffman_code_lengths",
    "information_gain",
    "js_divergence",
    "kahan_sum",
    "kl_divergence",
    "kl_gaussians",
    "lasso",
    "log_sigmoid",
    "log_softmax",
    "logsumexp",
    "mutual_information",
    "newton_root",
    "pairwise_sum",
    "project_box",
    "project_l2_ball",
    "project_simplex",
    "proximal_gradient",
    "quadratic_roots",
    "secant",
    "sigmoid",
    "soft_threshold",
    "softmax",
    "softplus",
    "svm_dual",
]
