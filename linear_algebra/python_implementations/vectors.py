r"""Vectors: dot product, cross product, p-norms, angles and projections.

Every function takes array-likes, checks them with the package's ``_validation`` helpers and never modifies
the caller's data. Norms and angles are computed in the stable way: norms are scaled by the largest entry
so that they neither overflow nor underflow when the answer is representable, and the angle between two
vectors uses Kahan's ``atan2`` formula, which stays accurate when the vectors are nearly parallel.

See the derivations in ``linear_algebra/vectors_and_matrices/README.md``.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from ._validation import as_vector, check_same_length

__all__ = ["angle", "cosine_similarity", "cross", "dot", "norm", "project"]


def dot(u, v) -> float:
    r"""Dot product :math:`\mathbf{u}^\top \mathbf{v} = \sum_i u_i v_i`.

    Parameters
    ----------
    u, v : array_like of shape (n,)
        Finite real vectors of the same length.

    Returns
    -------
    float
        The sum of the products of matching entries.

    Raises
    ------
    ValueError
        If an argument is not a non-empty finite 1-D vector, or the lengths differ.

    Notes
    -----
    The products are added with numpy's pairwise summation, whose error is at most about
    ``log2(n) * eps * sum(|u_i v_i|)``. The products themselves can overflow (``1e200 * 1e200``) even when
    the true sum is small; the result is then ``inf`` or ``nan``, as in every floating-point dot product.

    See the derivation in ``linear_algebra/vectors_and_matrices/README.md``, section "Derivation".

    Examples
    --------
    >>> dot([1.0, 2.0, 3.0], [4.0, -5.0, 6.0])
    12.0
    """
    u = as_vector(u, "u")
    v = as_vector(v, "v")
    check_same_length(u, v, "u", "v")
    return float(np.sum(u * v))  # (n,) * (n,) -> (n,) -> scalar


def cross(u, v) -> np.ndarray:
    r"""Cross product :math:`\mathbf{u} \times \mathbf{v}` of two vectors of :math:`\mathbb{R}^3`.

    Parameters
    ----------
    u, v : array_like of shape (3,)
        Finite real 3-vectors.

    Returns
    -------
    ndarray of shape (3,)
        The vector orthogonal to ``u`` and ``v`` whose length is the area of the parallelogram they span,
        oriented by the right-hand rule.

    Raises
    ------
    ValueError
        If an argument is not a finite vector of length 3.

    Notes
    -----
    Componentwise, ``(u2 v3 - u3 v2, u3 v1 - u1 v3, u1 v2 - u2 v1)``. Each component is a difference of two
    products, so it carries an absolute error of order ``eps * |u| |v|``; a component that is tiny compared
    with ``|u| |v|`` (nearly parallel vectors) has a large relative error, which is unavoidable.

    See the derivation in ``linear_algebra/vectors_and_matrices/README.md``, section "Derivation".

    Examples
    --------
    >>> cross([1.0, 0.0, 0.0], [0.0, 1.0, 0.0])
    array([0., 0., 1.])
    """
    u = as_vector(u, "u")
    v = as_vector(v, "v")
    for name, w in (("u", u), ("v", v)):
        if w.shape != (3,):
            raise ValueError(f"{name} must have length 3 for the cross product, got shape {w.shape}")
    return np.array(
        [
            u[1] * v[2] - u[2] * v[1],
            u[2] * v[0] - u[0] * v[2],
            u[0] * v[1] - u[1] * v[0],
        ]
    )


def _check_ord(ord) -> float:
    """Return ``ord`` as a float p >= 1 (inf allowed), or raise ValueError naming ``ord``."""
    if isinstance(ord, bool) or not isinstance(ord, numbers.Real):
        raise ValueError(f"ord must be 1, 2, np.inf or a real number p >= 1, got {ord!r}")
    p = float(ord)
    if math.isnan(p) or p < 1:
        raise ValueError(f"ord must be 1, 2, np.inf or a real number p >= 1, got {ord!r}")
    return p


def norm(x, ord=2) -> float:
    r"""The p-norm :math:`\lVert \mathbf{x} \rVert_p = (\sum_i |x_i|^p)^{1/p}` of a vector, safe from overflow.

    Parameters
    ----------
    x : array_like of shape (n,)
        A finite real vector.
    ord : {1, 2, np.inf} or real number >= 1, default 2
        Which norm: ``1`` (sum of absolute values), ``2`` (Euclidean length), ``np.inf`` (largest absolute
        value), or any real ``p >= 1``.

    Returns
    -------
    float
        The norm, ``0.0`` for the zero vector.

    Raises
    ------
    ValueError
        If ``x`` is not a non-empty finite 1-D vector, or ``ord`` is not a real number ``>= 1``.

    Notes
    -----
    For ``p`` other than 1 and inf the entries are first divided by the scale ``s = max |x_i|``:
    ``||x||_p = s * (sum (|x_i| / s)^p)^(1/p)``. Every scaled entry lies in ``[0, 1]`` and one equals 1, so
    the sum lies in ``[1, n]``: squaring ``3e200`` can no longer overflow and squaring ``3e-200`` can no longer
    underflow to 0. This is the idea behind LAPACK's ``dnrm2``. Scaled entries so small that their p-th power
    underflows are below ``eps`` relative to the sum anyway. The result is ``inf`` only when the true norm is
    larger than the largest float.

    See the derivation in ``linear_algebra/vectors_and_matrices/README.md``, section "Norms without overflow".

    Examples
    --------
    >>> norm([3.0, -4.0])
    5.0
    >>> norm([3.0, -4.0], ord=1), norm([3.0, -4.0], ord=np.inf)
    (7.0, 4.0)
    >>> print(f"{norm([3e200, 4e200]):.6g}")  # squaring 3e200 would overflow
    5e+200
    """
    p = _check_ord(ord)
    x = as_vector(x, "x")
    a = np.abs(x)
    s = float(np.max(a))
    if s == 0.0:
        return 0.0
    if p == math.inf:
        return s
    if p == 1.0:
        # The partial sums never exceed the final sum, so no scaling is needed.
        return float(np.sum(a))
    y = a / s  # (n,) entries in [0, 1], the largest equal to 1
    if p == 2.0:
        return s * math.sqrt(float(np.sum(y * y)))
    return s * float(np.sum(y**p)) ** (1.0 / p)


def _unit(x: np.ndarray, name: str) -> np.ndarray:
    """``x / ||x||``, or a ValueError naming ``x`` if it is the zero vector."""
    length = norm(x)
    if length == 0.0:
        raise ValueError(f"{name} must not be the zero vector (its direction is undefined)")
    return x / length


def cosine_similarity(u, v) -> float:
    r"""Cosine of the angle between two vectors, :math:`\mathbf{u}^\top \mathbf{v} / (\lVert \mathbf{u} \rVert \lVert \mathbf{v} \rVert)`.

    Parameters
    ----------
    u, v : array_like of shape (n,)
        Finite, nonzero real vectors of the same length.

    Returns
    -------
    float
        A number in ``[-1, 1]``: 1 for vectors pointing the same way, 0 for orthogonal ones, -1 for opposite.

    Raises
    ------
    ValueError
        If an argument is not a finite 1-D vector, is the zero vector, or the lengths differ.

    Notes
    -----
    Both vectors are normalised first, so no product can overflow. The computed dot product of two unit
    vectors can exceed 1 in absolute value by a few units of roundoff (Cauchy-Schwarz holds exactly only in
    exact arithmetic); the result is clipped to ``[-1, 1]``, which moves it by at most ``n * eps``. Do not
    recover the angle as ``arccos`` of this number when the vectors are nearly parallel: use :func:`angle`.

    See the derivation in ``linear_algebra/vectors_and_matrices/README.md``, section "Derivation".

    Examples
    --------
    >>> cosine_similarity([1.0, 0.0], [1.0, 1.0])  # cos(45 degrees)
    0.7071067811865475
    """
    u = as_vector(u, "u")
    v = as_vector(v, "v")
    check_same_length(u, v, "u", "v")
    c = float(np.sum(_unit(u, "u") * _unit(v, "v")))  # (n,) * (n,) -> scalar
    return min(1.0, max(-1.0, c))


def angle(u, v) -> float:
    r"""Angle in radians between two nonzero vectors, accurate also for nearly parallel vectors.

    Parameters
    ----------
    u, v : array_like of shape (n,)
        Finite, nonzero real vectors of the same length.

    Returns
    -------
    float
        The angle :math:`\theta \in [0, \pi]` with :math:`\cos\theta = \mathbf{u}^\top \mathbf{v} /
        (\lVert \mathbf{u} \rVert \lVert \mathbf{v} \rVert)`.

    Raises
    ------
    ValueError
        If an argument is not a finite 1-D vector, is the zero vector, or the lengths differ.

    Notes
    -----
    Kahan's formula: with unit vectors ``a = u / ||u||`` and ``b = v / ||v||``,
    ``theta = 2 * atan2(||a - b||, ||a + b||)``. The vectors ``a + b`` and ``a - b`` are the diagonals of the
    rhombus with sides ``a`` and ``b``; they are orthogonal, and their halves form a right triangle whose angle
    at the origin is ``theta / 2``. Unlike ``arccos(cos theta)``, which loses
    half of the digits near 0 and pi (the slope of arccos is infinite there), this formula has an absolute
    error of a few ``u`` (unit roundoff, ``eps / 2``) for every angle, and ``atan2`` needs no clipping. The
    relative error is therefore about ``u / theta``: normalising rounds every component of ``a`` and ``b``, and
    that information is lost before any formula sees the vectors.

    See the derivation in ``linear_algebra/vectors_and_matrices/README.md``, section "Angles without cancellation".

    Examples
    --------
    >>> round(angle([1.0, 0.0], [1.0, 1.0]), 12)  # pi / 4
    0.785398163397
    >>> angle([1.0, 0.0], [1.0, 1e-10])  # arccos would return 0.0 here
    1e-10
    """
    u = as_vector(u, "u")
    v = as_vector(v, "v")
    check_same_length(u, v, "u", "v")
    a = _unit(u, "u")
    b = _unit(v, "v")
    return 2.0 * math.atan2(norm(a - b), norm(a + b))


def project(u, onto) -> np.ndarray:
    r"""Orthogonal projection of ``u`` onto the line spanned by ``onto``.

    Parameters
    ----------
    u : array_like of shape (n,)
        The vector to project.
    onto : array_like of shape (n,)
        A nonzero vector spanning the line.

    Returns
    -------
    ndarray of shape (n,)
        :math:`\frac{\mathbf{u}^\top \mathbf{a}}{\mathbf{a}^\top \mathbf{a}} \mathbf{a}` with
        :math:`\mathbf{a}` = ``onto``; the residual ``u - project(u, onto)`` is orthogonal to ``onto``.

    Raises
    ------
    ValueError
        If an argument is not a finite 1-D vector, the lengths differ, or ``onto`` is the zero vector.

    Notes
    -----
    Computed as ``(u . e) e`` with the unit vector ``e = onto / ||onto||``, so that ``a . a`` is never formed
    and cannot overflow or underflow.

    See the derivation in ``linear_algebra/vectors_and_matrices/README.md``, section "Derivation".

    Examples
    --------
    >>> project([2.0, 1.0], onto=[1.0, 1.0])
    array([1.5, 1.5])
    """
    u = as_vector(u, "u")
    a = as_vector(onto, "onto")
    check_same_length(u, a, "u", "onto")
    e = _unit(a, "onto")  # (n,) unit vector along the line
    return float(np.sum(u * e)) * e  # scalar * (n,) -> (n,)
