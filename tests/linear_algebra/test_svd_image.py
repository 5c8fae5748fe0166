"""The Eckart-Young numbers of the README, measured on the grayscale china.jpg sample image of scikit-learn."""

import numpy as np
import pytest
from sklearn.datasets import load_sample_image

from linear_algebra.python_implementations.svd import svd

EPS = np.finfo(float).eps


@pytest.fixture(scope="module")
def image():
    """Luminance in [0, 1], averaged over 4 x 4 blocks: 427 x 640 -> 106 x 160 (as in the notebook)."""
    rgb = load_sample_image("china.jpg").astype(float)
    gray = rgb @ np.array([0.299, 0.587, 0.114]) / 255  # (427, 640, 3) @ (3,) -> (427, 640)
    return gray[:424].reshape(106, 4, 160, 4).mean(axis=(1, 3))  # (106, 160)


@pytest.fixture(scope="module")
def factors(image):
    return svd(image)


def test_image_singular_values_match_numpy(image, factors):
    s_ref = np.linalg.svd(image, compute_uv=False)
    # backward stable: |s - s_ref| <= c p eps s_1 (Weyl)
    np.testing.assert_allclose(factors.s, s_ref, rtol=0, atol=10 * 106 * EPS * s_ref[0])
    np.testing.assert_allclose(factors.s[:3], [81.633, 14.926, 9.576], atol=5e-4)  # README


@pytest.mark.parametrize(
    ("k", "spectral", "frobenius", "relative"),
    # README table: k, ||A - A_k||_2 = s_{k+1}, ||A - A_k||_F, relative Frobenius error
    [
        (1, 14.9264, 21.9776, 0.2600),
        (5, 3.8131, 10.8891, 0.1288),
        (20, 1.4463, 5.4795, 0.0648),
        (50, 0.5329, 2.1654, 0.0256),
    ],
)
def test_image_eckart_young_errors_of_the_readme(image, factors, k, spectral, frobenius, relative):
    U, s, Vt = factors
    A_k = (U[:, :k] * s[:k]) @ Vt[:k]  # (106, k) * (k,) @ (k, 160) -> (106, 160)
    # theory from our singular values, measurement by numpy's norms: they agree to c p eps s_1
    tol = 10 * 106 * EPS * s[0]
    assert abs(np.linalg.norm(image - A_k, 2) - s[k]) <= tol
    assert abs(np.linalg.norm(image - A_k, "fro") - np.sqrt(np.sum(s[k:] ** 2))) <= tol
    np.testing.assert_allclose(s[k], spectral, atol=5e-5)
    np.testing.assert_allclose(np.sqrt(np.sum(s[k:] ** 2)), frobenius, atol=5e-5)
    np.testing.assert_allclose(
        np.linalg.norm(image - A_k, "fro") / np.linalg.norm(image, "fro"), relative, atol=5e-5
    )
    # storage of the factors U_k, s_k, V_k: k (m + n + 1) numbers instead of m n (README: 5340 of 16960 at k = 20)
    assert k * (106 + 160 + 1) == {1: 267, 5: 1335, 20: 5340, 50: 13350}[k]
