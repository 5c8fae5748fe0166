"""Two conventions shared by ``eigen`` and ``svd``: exact power-of-two scaling, and the sign of a vector.

Both modules keep one copy of each rule here, so that an eigenvector of ``eigh`` and a singular vector of ``svd``
follow the same sign convention and both scale their input the same way.
"""

from __future__ import annotations

import math

import numpy as np


def power_of_two_exponent(A: np.ndarray) -> int:
    """The exponent ``e`` with ``max |a_ij| = f 2^e``, ``f`` in ``[0.5, 1)``; 0 for the zero matrix.

    ``np.ldexp(A, -e)`` then has entries of magnitude below 1 (the largest in ``[0.5, 1)``), and the scaling is
    exact because only exponents change. Results are scaled back with ``np.ldexp(x, e)`` (or ``math.ldexp``),
    which works for ``e = 1024`` too, where ``2.0**e`` itself would overflow.
    """
    amax = float(np.max(np.abs(A)))
    return math.frexp(amax)[1] if amax > 0.0 else 0


def largest_entry_signs(V: np.ndarray) -> np.ndarray:
    """Signs ``(k,)`` that make, in every column of ``V`` (n, k), the largest entry positive.

    "Largest" is the first entry whose magnitude is within a relative ``1e-8`` of the column's largest magnitude:
    the tolerance keeps exact ties such as ``(1, -1) / sqrt(2)`` from being decided by roundoff, the first one of
    them wins. Multiply the column (and its partner, such as ``u_j`` for ``v_j``) by the sign; a zero column gets
    sign ``+1``.
    """
    absV = np.abs(V)  # (n, k)
    near_max = absV >= (1.0 - 1e-8) * np.max(absV, axis=0)  # (n, k) boolean
    lead = np.argmax(near_max, axis=0)  # (k,) first near-maximal row of each column
    return np.where(V[lead, np.arange(V.shape[1])] < 0, -1.0, 1.0)  # (k,)
