"""Template test module: copy to ``tests/<area>/test_<module>.py``.

The pattern: an independent reference, invariants, hostile inputs, every bad-input path, the README's worked
example recomputed, tolerances that come from the error analysis.
"""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from templates.module_template import rms

finite = st.floats(-1e6, 1e6, allow_nan=False)


@pytest.mark.parametrize("n", [1, 2, 17, 1000])
def test_matches_the_reference_formula(n):
    x = np.random.default_rng(n).standard_normal(n)
    # Both routes are accurate to a few units of roundoff, so 10 eps is a safe relative tolerance.
    np.testing.assert_allclose(rms(x), np.sqrt(np.mean(x**2)), rtol=10 * np.finfo(float).eps)


@pytest.mark.parametrize("scale", [1e-200, 1e200])
def test_no_overflow_or_underflow(scale):
    np.testing.assert_allclose(rms(np.array([3.0, 4.0]) * scale), np.sqrt(12.5) * scale, rtol=1e-15)


@given(arrays(float, st.integers(1, 20), elements=finite), finite)
def test_homogeneity(x, a):
    # rms(a x) = |a| rms(x); each side carries a few roundoff errors of relative size eps.
    np.testing.assert_allclose(rms(a * x), abs(a) * rms(x), rtol=1e-13, atol=1e-300)


def test_worked_example_of_the_readme():
    # The README: the squares sum to 9, the mean is 3, rms = sqrt(3) ~ 1.7321 (and its Code section prints the float).
    assert rms([1.0, 2.0, 2.0]) == pytest.approx(np.sqrt(3.0), rel=1e-15)
    assert round(rms([1.0, 2.0, 2.0]), 4) == 1.7321
    assert repr(rms([1.0, 2.0, 2.0])) == "1.7320508075688772"


@pytest.mark.parametrize("bad", [[], [[1.0, 2.0]], [1.0, np.nan], [np.inf]])
def test_bad_input_names_the_argument(bad):
    with pytest.raises(ValueError, match="x must"):
        rms(bad)
