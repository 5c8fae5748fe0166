"""From-scratch numpy implementations of the linear algebra topic area.

No ``numpy.linalg`` or SciPy routine is called here: those are the references the tests compare against.

Every public name of the modules is re-exported here, so both styles work::

    from linear_algebra.python_implementations import eigen   # a module
    from linear_algebra.python_implementations import eigh, lstsq  # functions

Two names are both a module and a function: ``svd`` and ``cholesky``. At package level each is always the module,
like ``eigen``, so ``import linear_algebra.python_implementations.svd as S`` gives the module whatever was imported
before. The function is not re-exported here; reach it through its module::

    from linear_algebra.python_implementations.svd import svd   # the function
    from linear_algebra.python_implementations import svd       # the module: call svd.svd(A)
    from linear_algebra.python_implementations.cholesky import cholesky   # likewise
"""

from linear_algebra.python_implementations.cholesky import (
    cholesky_solve,
    is_positive_definite,
    logdet_spd,
)
from linear_algebra.python_implementations.eigen import (
    PowerHistory,
    convergence_rate,
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
    matrix_norm,
    slogdet,
    solve,
)
from linear_algebra.python_implementations.orthogonal import (
    gram_schmidt,
    orthogonality_loss,
    project_onto,
    projection_matrix,
)
from linear_algebra.python_implementations.subspaces import (
    column_space,
    coordinates,
    left_null_space,
    null_space,
    rank,
    row_space,
)
from linear_algebra.python_implementations.svd import (
    SVDResult,
    low_rank_approximation,
    numerical_rank,
    pinv,
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
    "LONGLEY_CERTIFIED",
    "IllConditionedWarning",
    "PowerHistory",
    "SVDResult",
    "angle",
    "back_substitution",
    "cholesky_solve",
    "column_space",
    "condition_number",
    "convergence_rate",
    "coordinates",
    "cosine_similarity",
    "cross",
    "det",
    "dot",
    "eigh",
    "forward_substitution",
    "gram_schmidt",
    "inv",
    "is_positive_definite",
    "left_null_space",
    "load_longley",
    "log_relative_error",
    "logdet_spd",
    "low_rank_approximation",
    "lstsq",
    "lu",
    "matmul",
    "matrix_norm",
    "monomial_design",
    "norm",
    "null_space",
    "numerical_rank",
    "orthogonality_loss",
    "pinv",
    "power_iteration",
    "power_iteration_history",
    "project",
    "project_onto",
    "projection_matrix",
    "qr",
    "rank",
    "row_space",
    "slogdet",
    "solve",
]
