r"""Root mean square: the template every ``python_implementations`` module follows.

Copy this file to ``<area>/python_implementations/<module>.py``, keep its shape (module docstring, ``__all__``,
checked inputs, numpydoc docstrings with runnable examples, the stable algorithm by default) and replace the
mathematics. Its test, ``templates/test_module_template.py``, shows the matching test module.
"""

from __future__ import annotations

import numpy as np

__all__ = ["rms"]


def rms(x) -> float:
    r"""Root mean square of a vector, without overflow or underflow.

    Parameters
    ----------
    x : array_like of shape (n,)
        Finite real numbers, n >= 1.

    Returns
    -------
    float
        :math:`\sqrt{\frac{1}{n} \sum_i x_i^2}`.

    Raises
    ------
    ValueError
        If ``x`` is not a non-empty 1-D array of finite numbers.

    Notes
    -----
    Squaring 1e200 overflows, so the entries are first divided by the largest magnitude ``s``:
    ``rms(x) = s * rms(x / s)``. The scaled entries lie in [-1, 1] and the result is accurate to a few units
    of roundoff. See the derivation in ``templates/subtopic_template/README.md``, section "Derivation".

    Examples
    --------
    >>> rms([3.0, 4.0])
    3.5355339059327378
    >>> rms([3e200, 4e200])  # the naive formula returns inf
    3.5355339059327375e+200
    """
    x = np.array(x, dtype=float)
    if x.ndim != 1 or x.size == 0:
        raise ValueError(f"x must be a non-empty 1-D array, got shape {x.shape}")
    if not np.all(np.isfinite(x)):
        raise ValueError("x must contain only finite numbers (no NaN or inf)")
    s = np.max(np.abs(x))
    if s == 0.0:
        return 0.0
    scaled = x / s  # (n,), entries in [-1, 1]: their squares cannot overflow
    return float(s * np.sqrt(np.mean(scaled * scaled)))
