"""From-scratch numpy implementations of the linear algebra topic area.

No ``numpy.linalg`` or SciPy routine is called here: those are the references the tests compare against.

Every public name of the modules is re-exported here, so both styles work::

    from linear_algebra.python_implementations import eigen   # a module
    from linear_algebra.python_implementations import eigh, lstsq  # functions

One name is both a module and a function: ``svd``. At package level it is the function (as in
``numpy.linalg``); reach the module's other names with ``from linear_algebra.python_implementations.svd import ...``.
"""

from linear_algebra.python_implementations.eigen import (
    PowerHistory,
    eigh,
    power_iteration,
    power_iteration_history,
    qr,
)
from linear_algebra.python_implementations.least_squares import (
    LONGLEY_CERTIFIED,
    condition_number,
    load_longley,
    log_relative_error,
    lstsq,
    monomial_design,
)
from linear_algebra.python_implementations.matrices import (
    IllConditionedWarning,
    back_substitution,
    det,
    forward_substitution,
    inv,
    lu,
    matmul,
    slogdet,
    solve,
)
from linear_algebra.python_implementations.svd import (
    SVDResult,
    low_rank_approximation,
    numerical_rank,
    pinv,
    svd,
)
from linear_algebra.python_implementations.vectors import (
    angle,
    cosine_similarity,
    cross,
    dot,
    norm,
    project,
)

__all__ = [
    "IllConditionedWarning",
    "LONGLEY_CERTIFIED",
    "PowerHistory",
    "SVDResult",
    "angle",
    "back_substitution",
    "condition_number",
    "cosine_similarity",
    "cross",
    "det",
    "dot",
    "eigh",
    "forward_substitution",
    "inv",
    "load_longley",
    "log_relative_error",
    "low_rank_approximation",
    "lstsq",
    "lu",
    "matmul",
    "monomial_design",
    "norm",
    "numerical_rank",
    "pinv",
    "power_iteration",
    "power_iteration_history",
    "project",
    "qr",
    "slogdet",
    "solve",
    "svd",
]
