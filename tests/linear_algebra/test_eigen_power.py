"""Tests for power_iteration and power_iteration_history (linear_algebra.python_implementations.eigen).

References: numpy.linalg.eigh / eig and scipy.linalg.eigh. Error bounds for a symmetric A and a unit vector v with
residual r = ||A v - lambda v||: some eigenvalue lies within r of lambda, and the angle theta between v and the
eigenvector of the nearest eigenvalue obeys sin(theta) <= r / gap (Davis-Kahan), gap = distance from lambda to the
rest of the spectrum.
"""

import json
import warnings
from pathlib import Path

import numpy as np
import pytest
import scipy.linalg
from hypothesis import given
from hypothesis import strategies as st

from linear_algebra.python_implementations.eigen import (
    convergence_rate,
    power_iteration,
    power_iteration_history,
)

EPS = np.finfo(float).eps


def _with_spectrum(eigenvalues, seed=1234):
    """Symmetric matrix Q diag(eigenvalues) Q^T with a random orthogonal Q (from numpy's QR, independent of ours)."""
    lam = np.asarray(eigenvalues, dtype=float)
    Q, _ = np.linalg.qr(np.random.default_rng(seed).standard_normal((lam.size, lam.size)))
    A = (Q * lam) @ Q.T
    return (A + A.T) / 2, Q


def _sin_angle(v, u):
    """sin of the angle between the lines spanned by the unit vectors v and u."""
    return np.linalg.norm(v - (v @ u) * u)


@pytest.mark.parametrize(
    "spectrum",
    [
        [5.0, 4.0, 1.0, 0.5],  # positive definite, ratio 0.8
        [-6.0, 3.0, 1.0, -2.0, 0.0],  # negative dominant eigenvalue, singular
        [10.0, 1.0, 1.0, 1.0],  # repeated non-dominant eigenvalue
        [1e-200, 5e-201, 1e-201],  # tiny scale
        [3e300, -1e300, 1e299],  # huge scale (A v would overflow without the internal scaling)
    ],
)
def test_power_iteration_symmetric_against_eigh(spectrum):
    A, _ = _with_spectrum(spectrum)
    tol = 1e-10
    lam, v = power_iteration(A, tol=tol, rng=7)
    w_ref, V_ref = np.linalg.eigh(A)
    i = np.argmax(np.abs(w_ref))
    lam_ref, u = w_ref[i], V_ref[:, i]
    norm_A = np.linalg.norm(A / np.max(np.abs(A))) * np.max(np.abs(A))  # ||A||_F without overflow
    # the documented stopping rule: residual <= tol ||A||_F (+ roundoff of forming the residual, n eps ||A||)
    r = np.linalg.norm((A / norm_A) @ v - (lam / norm_A) * v) * norm_A
    assert r <= (tol + 10 * len(spectrum) * EPS) * norm_A
    # residual bound on the eigenvalue, plus the reference's own error (n eps ||A||)
    assert abs(lam - lam_ref) <= r + 10 * len(spectrum) * EPS * norm_A
    gap = np.min(np.abs(np.delete(w_ref, i) - lam_ref))
    assert _sin_angle(v, u) <= r / gap + 10 * len(spectrum) * EPS * norm_A / gap  # Davis-Kahan
    np.testing.assert_allclose(np.linalg.norm(v), 1.0, rtol=0, atol=10 * EPS)


def test_power_iteration_nonsymmetric_positive_matrix():
    # Perron-Frobenius: a positive matrix has a simple dominant eigenvalue with a positive eigenvector
    A = np.array([[0.5, 0.2, 0.3], [0.1, 0.6, 0.3], [0.3, 0.3, 0.4]]) + 0.1
    lam, v = power_iteration(A, tol=1e-12, rng=3)
    w_ref, V_ref = scipy.linalg.eig(A)
    i = np.argmax(np.abs(w_ref))
    u = np.real(V_ref[:, i])
    u = u / np.linalg.norm(u) * np.sign(u[np.argmax(np.abs(u))])
    # non-normal A: eigenvalue error <= kappa(eigenvector basis) * residual (Bauer-Fike); kappa is about 2 here
    kappa = np.linalg.cond(V_ref)
    assert abs(lam - np.real(w_ref[i])) <= kappa * 1e-12 * np.linalg.norm(A) + 100 * EPS
    assert np.all(v > 0)  # Perron vector, and the sign rule makes its largest entry positive
    np.testing.assert_allclose(v, u, rtol=0, atol=kappa * 1e-10)


def test_power_iteration_1x1_and_zero_and_rank_one():
    lam, v = power_iteration([[-7.5]])
    assert lam == -7.5 and v.tolist() == [1.0]  # exact: one multiplication, residual 0
    lam, v = power_iteration(np.zeros((3, 3)), rng=0)
    assert lam == 0.0  # zero matrix: residual 0 <= tol * 0 at once
    np.testing.assert_allclose(np.linalg.norm(v), 1.0, rtol=0, atol=10 * EPS)
    u = np.array([1.0, -2.0, 2.0])
    lam, v = power_iteration(np.outer(u, u), rng=0)  # rank one: eigenvalue ||u||^2 = 9, eigenvector u / 3
    np.testing.assert_allclose(lam, 9.0, rtol=10 * EPS)
    # entries -2/3 and 2/3 tie for the largest magnitude: the first of them (index 1) is made positive
    np.testing.assert_allclose(v, [-1 / 3, 2 / 3, -2 / 3], rtol=0, atol=10 * EPS)


def test_power_iteration_sign_convention():
    # the eigenvector of the largest |entry| is made positive whatever the start
    A, Q = _with_spectrum([4.0, 1.0, 0.5])
    u = Q[:, 0] * np.sign(Q[np.argmax(np.abs(Q[:, 0])), 0])
    for seed in (0, 1, 2):
        _, v = power_iteration(A, tol=1e-12, rng=seed)
        assert v[np.argmax(np.abs(v))] > 0
        np.testing.assert_allclose(v, u, rtol=0, atol=1e-10)  # sin(angle) <= r / gap = 1e-12 * ||A|| / 3


@pytest.mark.parametrize("spectrum", [(5.0, 4.0, 1.0, 0.5), (5.0, 2.5, 1.0, 0.5)])
def test_power_iteration_convergence_rate_matches_theory(spectrum):
    # README (Intuition) and notebook: the fitted rates are 0.800 and 0.500, i.e. |lambda_2 / lambda_1|.
    # Theory: tan(angle_k) = C |lambda_2/lambda_1|^k (1 + O((lambda_3/lambda_2)^2k)) and sin = tan (1 + O(tan^2));
    # fitting where 1e-12 < sin < 1e-2 keeps both corrections below 1e-4 and stays far above roundoff (~1e-15).
    ratio = spectrum[1] / spectrum[0]
    A, Q = _with_spectrum(spectrum)
    h = power_iteration_history(A, n_iter=80, rng=1)
    err_v = np.array([_sin_angle(v, Q[:, 0]) for v in h.eigenvectors])
    k = np.arange(err_v.size)
    fit = (err_v < 1e-2) & (err_v > 1e-12)
    assert fit.sum() >= 15  # enough points for a meaningful slope
    rate = convergence_rate(err_v, lower=1e-12, upper=1e-2)
    np.testing.assert_allclose(rate, ratio, rtol=1e-3)
    # the closed-form slope against numpy's least-squares line fit (independent reference): same data, so they
    # agree to the roundoff of two small least-squares problems (1e-12 is generous)
    np.testing.assert_allclose(rate, np.exp(np.polyfit(k[fit], np.log(err_v[fit]), 1)[0]), rtol=1e-12)
    # symmetric A: the eigenvalue error decays at the squared rate. Exactly,
    # err_k = sum_j c_j^2 lambda_j^2k (5 - lambda_j) / sum_j c_j^2 lambda_j^2k = C ratio^2k / (1 + D ratio^2k + ...);
    # fitting where 1e-10 < err < 1e-4 keeps the correction small and the error far above roundoff (5 eps = 1e-15)
    err_lam = np.abs(h.eigenvalues - 5.0)
    fit = (err_lam < 1e-4) & (err_lam > 1e-10)
    assert fit.sum() >= 5
    slope = np.polyfit(k[fit], np.log(err_lam[fit]), 1)[0]
    np.testing.assert_allclose(np.exp(slope), ratio**2, rtol=1e-3)


NOTEBOOK = Path(__file__).resolve().parents[2] / "linear_algebra/eigenvalues_eigenvectors/eigenvalues_eigenvectors.ipynb"


def _run_notebook_rate_cell(first_spectrum):
    """Execute the notebook's own section-5 cell (power iteration, figure, fitted rates) with its first spectrum
    replaced, as a reader following STUDY_GUIDE ("change the eigenvalue gap") would; return its ``measured`` dict.

    The cell runs on the notebook's state: ``rng = default_rng(0)``, untouched by the cells before it.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from linear_algebra.python_implementations.eigen import qr

    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    (source,) = [
        "".join(c["source"]) for c in cells if c["cell_type"] == "code" and "measured[ratio] =" in "".join(c["source"])
    ]
    assert source.count("(5.0, 4.0, 1.0, 0.5)") == 1
    namespace = {
        "np": np, "plt": plt, "qr": qr, "power_iteration_history": power_iteration_history,
        "convergence_rate": convergence_rate, "rng": np.random.default_rng(0), "eps": EPS,
        "WRITE_FIGURES": False, "FIGURES": None,
    }
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*non-interactive.*", category=UserWarning)  # plt.show() on Agg
        exec(compile(source.replace("(5.0, 4.0, 1.0, 0.5)", repr(tuple(first_spectrum))), str(NOTEBOOK), "exec"),
             namespace)
    plt.close("all")
    return namespace["measured"]


def test_notebook_rate_cell_prints_the_readme_rates():
    # README (Intuition) and the notebook's stored output: "the fitted rates are 0.800 and 0.500". Measured 0.8000001
    # and 0.499997 under five OpenBLAS kernels: the asymptotic corrections (below 1e-4 relative in the fit window, see
    # the next test) and roundoff (1e-13) are far from the rounding boundaries 0.7995 and 0.4995.
    measured = _run_notebook_rate_cell((5.0, 4.0, 1.0, 0.5))
    assert {ratio: f"{rate:.3f}" for ratio, rate in measured.items()} == {0.8: "0.800", 0.5: "0.500"}


@pytest.mark.parametrize(
    "spectrum",
    [
        (5.0, 4.9, 1.0, 0.5),  # STUDY_GUIDE's ratio 0.98: the old cell ran 80 steps and crashed on an empty fit
        (5.0, -4.0, 1.0, 0.5),  # a negative lambda_2: log(negative ratio) = nan crashed the step count
        (5.0, 2.5, 1.0, 0.5),
    ],
)
def test_notebook_rate_cell_works_for_other_gaps(spectrum):
    # Asymptotically tan = C |ratio|^k and sin = tan (1 + O(tan^2)): inside the window 1e-12 < sin < 1e-2 the fitted
    # rate is within 1e-3 of |lambda_2 / lambda_1| (lambda_3 / lambda_2 <= 0.25 makes the third component negligible)
    measured = _run_notebook_rate_cell(spectrum)
    ratio = abs(spectrum[1] / spectrum[0])
    np.testing.assert_allclose(measured[ratio], ratio, rtol=1e-3)
    np.testing.assert_allclose(measured[0.5], 0.5, rtol=1e-3)  # the cell's second spectrum, (5, 2.5, 1, 0.5)


def test_convergence_rate_explains_too_few_points():
    # 80 steps at ratio 0.98 stop near sin = 0.2: no error inside the window, a clear message instead of a crash
    B, Q = _with_spectrum((5.0, 4.9, 1.0, 0.5), seed=0)
    h = power_iteration_history(B, n_iter=80, rng=0)
    sin_angle = np.linalg.norm(h.eigenvectors - np.outer(h.eigenvectors @ Q[:, 0], Q[:, 0]), axis=1)
    with pytest.raises(ValueError, match=r"errors must have at least 3 entries between lower=1e-12 and upper=0.01"
                                         r" to fit a rate, got 0 .*run more iterations"):
        convergence_rate(sin_angle)


def test_convergence_rate_exact_geometric_sequences():
    # e_k = C rho^k exactly (up to one rounding per entry, relative u): the fitted rate is rho to ~ eps / window
    for rho in (0.1, 0.5, 0.98):
        e = 0.3 * rho ** np.arange(3000)
        np.testing.assert_allclose(convergence_rate(e), rho, rtol=1e-12)
    # entries outside the window (zeros, huge values) are ignored
    e = np.concatenate([[5.0, 1.0], 0.005 * 0.5 ** np.arange(20), [0.0, 0.0]])
    np.testing.assert_allclose(convergence_rate(e), 0.5, rtol=1e-12)
    np.testing.assert_allclose(convergence_rate(e, lower=1e-4, upper=1e-2), 0.5, rtol=1e-12)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"errors": [1e-3, 1e-4]}, ValueError, r"at least 3 entries .* got 2"),
        ({"errors": [np.nan, 1e-3]}, ValueError, "errors must contain only finite numbers"),
        ({"errors": np.ones((2, 2))}, ValueError, "errors must be a 1-D vector"),
        ({"errors": [1e-3] * 4, "lower": 1e-2, "upper": 1e-3}, ValueError, "0 < lower < upper"),
        ({"errors": [1e-3] * 4, "lower": 0.0}, ValueError, "0 < lower < upper"),
        ({"errors": [1e-3] * 4, "upper": "big"}, TypeError, "upper must be a real number, got str"),
    ],
)
def test_convergence_rate_bad_input(kwargs, error, match):
    with pytest.raises(error, match=match):
        convergence_rate(**kwargs)


def test_readme_power_iteration_numbers():
    # README worked example: A = [[2, 1], [1, 2]], v_0 = e_1, Rayleigh quotients 2, 2.8, 2.9756..., errors 1, 0.2, 0.0244,
    # and the closed form 3 - lambda_k = 2 / (1 + 9^k). Each step rounds v_k and lambda_k once or twice: a few eps
    # per step, so rtol = 10 eps * (k + 1) is generous
    A = np.array([[2.0, 1.0], [1.0, 2.0]])
    h = power_iteration_history(A, n_iter=3, v0=[1.0, 0.0])
    np.testing.assert_array_equal(h.eigenvectors[0], [1.0, 0.0])
    np.testing.assert_allclose(h.eigenvalues[:3], [2.0, 2.8, 122 / 41], rtol=40 * EPS)
    assert [round(3.0 - x, 4) for x in h.eigenvalues[:3]] == [1.0, 0.2, 0.0244]
    # unnormalized iterates (1, 0), (2, 1), (5, 4), (14, 13): the normalized v_k point along them
    for k, w in enumerate([(1.0, 0.0), (2.0, 1.0), (5.0, 4.0), (14.0, 13.0)]):
        np.testing.assert_allclose(h.eigenvectors[k], np.array(w) / np.hypot(*w), rtol=0, atol=10 * (k + 1) * EPS)
    np.testing.assert_allclose(3.0 - h.eigenvalues, 2 / (1 + 9.0 ** np.arange(4)), rtol=0, atol=40 * EPS)
    # README Code section: power_iteration from the same start
    lam, v = power_iteration(A, v0=[1.0, 0.0])
    np.testing.assert_allclose(lam, 3.0, rtol=1e-12)  # residual <= 1e-10 ||A||_F, eigenvalue error <= residual^2/gap
    np.testing.assert_allclose(v, [2**-0.5, 2**-0.5], atol=1e-9)


def test_v0_gives_the_start_and_replaces_rng():
    A, _ = _with_spectrum([3.0, 2.0, 1.0])
    v0 = np.array([1.0, -2.0, 2.0])
    h = power_iteration_history(A, n_iter=4, v0=v0, rng=123)  # rng is ignored when v0 is given
    # ||v0|| = 3; the sign rule makes the first of the tied largest entries (-2/3 at index 1) positive
    np.testing.assert_allclose(h.eigenvectors[0], -v0 / 3.0, rtol=0, atol=2 * EPS)
    h2 = power_iteration_history(A, n_iter=4, v0=list(10.0 * v0))  # only the direction matters (exact scaling)
    np.testing.assert_array_equal(h.eigenvalues, h2.eigenvalues)
    lam, _ = power_iteration(A, tol=1e-6, v0=v0, rng=7)
    h = power_iteration_history(A, n_iter=60, v0=v0)
    reached = h.residuals <= 1e-6 * np.linalg.norm(A)
    assert reached.any()  # ratio 2/3: the residual falls below 1e-6 ||A|| within about 40 steps
    k = int(np.argmax(reached))  # same start: power_iteration stops at this k
    np.testing.assert_allclose(lam, h.eigenvalues[k], rtol=10 * EPS)
    np.testing.assert_array_equal(v0, [1.0, -2.0, 2.0])  # the caller's start is not modified


@pytest.mark.parametrize(
    ("v0", "match"),
    [
        ([1.0, 0.0], r"v0 must have length n = 3 to match A of shape \(3, 3\), got shape \(2,\)"),
        ([0.0, 0.0, 0.0], "v0 must not be the zero vector"),
        ([1.0, np.nan, 0.0], "v0 must contain only finite numbers"),
        ([[1.0, 0.0, 0.0]], "v0 must be a 1-D vector"),
    ],
)
def test_v0_bad_input(v0, match):
    for func in (lambda: power_iteration(np.eye(3), v0=v0), lambda: power_iteration_history(np.eye(3), 2, v0=v0)):
        with pytest.raises(ValueError, match=match):
            func()


def test_readme_pagerank_example():
    # README exercise 5: pages 1 -> 2, 3; 2 -> 3; 3 -> 1; 4 -> 1, 3; damping 0.85; PageRank (0.380, 0.199, 0.384, 0.0375)
    n, d = 4, 0.85
    M = np.zeros((n, n))
    for j, outs in {0: [1, 2], 1: [2], 2: [0], 3: [0, 2]}.items():
        M[outs, j] = 1.0 / len(outs)  # column j spreads page j's vote over its out-links
    G = d * M + (1 - d) / n
    lam, v = power_iteration(G, tol=1e-12, rng=0)
    pagerank = v / v.sum()
    np.testing.assert_allclose(lam, 1.0, atol=1e-10)  # G is column stochastic: eigenvalue exactly 1
    np.testing.assert_allclose(pagerank, [0.380, 0.199, 0.384, 0.0375], atol=5e-4)
    w_ref, V_ref = np.linalg.eig(G)
    u = np.real(V_ref[:, np.argmax(np.abs(w_ref))])
    np.testing.assert_allclose(pagerank, u / u.sum(), atol=1e-10)
    # README exercise 5 (solution): the other eigenvalues of G are d times those of M, -0.5 +- 0.5i and 0, so the
    # second largest modulus is 0.85 / sqrt(2) = 0.601, which sets the convergence rate
    np.testing.assert_allclose(np.sort(np.abs(w_ref))[-2], 0.85 / np.sqrt(2), rtol=1e-12)
    assert round(0.85 / np.sqrt(2), 3) == 0.601
    w_M = np.linalg.eigvals(M)
    np.testing.assert_allclose(sorted(w_M, key=lambda z: (z.real, z.imag)), [-0.5 - 0.5j, -0.5 + 0.5j, 0.0, 1.0],
                               atol=1e-12)


def test_power_iteration_warns_when_not_converging():
    A = np.diag([3.0, -3.0, 1.0])  # +3 and -3 tie in magnitude: the iterates oscillate
    with pytest.warns(RuntimeWarning, match=r"power_iteration did not converge in max_iter=50 steps"):
        lam, v = power_iteration(A, max_iter=50, rng=0)
    assert np.isfinite(lam) and np.all(np.isfinite(v))
    rotation = np.array([[0.0, -1.0], [1.0, 0.0]])  # eigenvalues +-i: no real dominant eigenvalue
    with pytest.warns(RuntimeWarning, match="did not converge"):
        power_iteration(rotation, max_iter=20, rng=0)


def test_power_iteration_no_warning_when_converging():
    A, _ = _with_spectrum([5.0, 4.0, 1.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        power_iteration(A, rng=0)


def test_power_iteration_reproducible_and_rng_types():
    A, _ = _with_spectrum([3.0, 2.0, 1.0])
    a = power_iteration(A, rng=42)
    b = power_iteration(A, rng=np.random.default_rng(42))
    assert a[0] == b[0] and np.array_equal(a[1], b[1])


def test_power_iteration_does_not_modify_input():
    A, _ = _with_spectrum([3.0, 2.0, 1.0])
    before = A.copy()
    power_iteration(A, rng=0)
    power_iteration_history(A, 5, rng=0)
    np.testing.assert_array_equal(A, before)


def test_history_shapes_and_consistency():
    A, _ = _with_spectrum([3.0, 2.0, 1.0])
    h = power_iteration_history(A, n_iter=40, rng=5)
    assert h.eigenvalues.shape == (41,) and h.eigenvectors.shape == (41, 3) and h.residuals.shape == (41,)
    np.testing.assert_allclose(np.linalg.norm(h.eigenvectors, axis=1), 1.0, rtol=0, atol=10 * EPS)
    # each row is consistent with its own definition, recomputed here
    V = h.eigenvectors
    np.testing.assert_allclose(h.eigenvalues, np.einsum("ki,ij,kj->k", V, A, V), rtol=0, atol=10 * EPS * 3)
    res = np.linalg.norm(V @ A.T - h.eigenvalues[:, None] * V, axis=1)
    np.testing.assert_allclose(h.residuals, res, rtol=0, atol=100 * EPS)
    # power_iteration stops at the first k with residual <= tol ||A||_F: same start (rng=5), same iterate
    tol = 1e-6
    lam, _ = power_iteration(A, tol=tol, rng=5)
    k = np.argmax(h.residuals <= tol * np.linalg.norm(A))
    np.testing.assert_allclose(lam, h.eigenvalues[k], rtol=10 * EPS)


@given(
    st.lists(st.floats(-0.9, 0.9), min_size=1, max_size=5),
    st.sampled_from([-1.0, 1.0]),
    st.integers(0, 2**32 - 1),
)
def test_power_iteration_property(others, sign, seed):
    # spectrum: a dominant eigenvalue +-1, the others at most 0.9 in magnitude (ratio <= 0.9: converges in < 300 steps)
    A, Q = _with_spectrum([sign, *others], seed=seed)
    lam, v = power_iteration(A, tol=1e-10, rng=seed)
    n = A.shape[0]
    r = np.linalg.norm(A @ v - lam * v)
    assert r <= (1e-10 + 10 * n * EPS) * np.linalg.norm(A)
    assert abs(lam - sign) <= r + 10 * n * EPS
    assert _sin_angle(v, Q[:, 0]) <= (r + 10 * n * EPS) / 0.1  # Davis-Kahan with gap >= 0.1
    assert v[np.argmax(np.abs(v))] > 0


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"A": np.ones((2, 3))}, ValueError, r"A must be square, got shape \(2, 3\)"),
        ({"A": np.ones(3)}, ValueError, r"A must be a 2-D matrix"),
        ({"A": np.empty((0, 0))}, ValueError, r"A must not be empty"),
        ({"A": [[1.0, np.nan], [0.0, 1.0]]}, ValueError, r"A must contain only finite numbers"),
        ({"A": [[1.0, -np.inf], [0.0, 1.0]]}, ValueError, r"A must contain only finite numbers"),
        ({"A": "matrix"}, ValueError, r"A must be an array of real numbers"),
        ({"A": np.eye(2), "tol": -1e-3}, ValueError, r"tol must be a finite number >= 0, got -0.001"),
        ({"A": np.eye(2), "tol": np.nan}, ValueError, r"tol must be a finite number >= 0, got nan"),
        ({"A": np.eye(2), "tol": "small"}, TypeError, r"tol must be a real number, got str"),
        ({"A": np.eye(2), "max_iter": 0}, ValueError, r"max_iter must be >= 1, got 0"),
        ({"A": np.eye(2), "max_iter": 2.5}, TypeError, r"max_iter must be an integer, got float"),
        ({"A": np.eye(2), "max_iter": True}, TypeError, r"max_iter must be an integer, got bool"),
    ],
)
def test_power_iteration_bad_input(kwargs, error, match):
    with pytest.raises(error, match=match):
        power_iteration(**kwargs)


@pytest.mark.parametrize(
    "A, n_iter, error, match",
    [
        (np.eye(2), 0, ValueError, r"n_iter must be >= 1, got 0"),
        (np.eye(2), 3.0, TypeError, r"n_iter must be an integer, got float"),
        (np.ones((3, 2)), 5, ValueError, r"A must be square, got shape \(3, 2\)"),
        ([[np.nan]], 5, ValueError, r"A must contain only finite numbers"),
    ],
)
def test_history_bad_input(A, n_iter, error, match):
    with pytest.raises(error, match=match):
        power_iteration_history(A, n_iter)


def test_readme_exercise_nonsymmetric_dominant_pair():
    # README exercise 1: B = [[4, 1], [2, 3]] has eigenvalues 2 and 5; power iteration finds 5 with (1, 1)/sqrt(2)
    B = np.array([[4.0, 1.0], [2.0, 3.0]])
    np.testing.assert_allclose(np.sort(np.linalg.eigvals(B).real), [2.0, 5.0], rtol=1e-14)
    lam, v = power_iteration(B, tol=1e-12, rng=0)
    np.testing.assert_allclose(lam, 5.0, rtol=1e-11)
    np.testing.assert_allclose(v, [2**-0.5, 2**-0.5], atol=1e-10)
    np.testing.assert_allclose(np.array([1.0, 1.0]) @ np.array([1.0, -2.0]), -1.0)  # not orthogonal


def test_readme_exercise_steps_to_1e_minus_6():
    # README exercise 3: 3 - lambda_k = 2 / (1 + 9^k) first drops below 1e-6 at k = 7 (4.2e-7; 3.8e-6 at k = 6);
    # random starts rng = 0..4 need 10, 6, 8, 9, 7 steps. The errors at the crossings are at least a factor 1.6 from
    # 1e-6, far beyond the roundoff of the iteration (a few eps), so the counts are the same on every machine.
    A = np.array([[2.0, 1.0], [1.0, 2.0]])
    errors = 3.0 - power_iteration_history(A, n_iter=12, v0=[1.0, 0.0]).eigenvalues
    assert int(np.argmax(errors < 1e-6)) == 7
    assert [float(f"{e:.1e}") for e in errors[[6, 7]]] == [3.8e-6, 4.2e-7]
    counts = [int(np.argmax(3.0 - power_iteration_history(A, n_iter=12, rng=seed).eigenvalues < 1e-6)) for seed in range(5)]
    assert counts == [10, 6, 8, 9, 7]
    v_start = power_iteration_history(A, n_iter=1, rng=0).eigenvectors[0]
    assert [round(x, 2) for x in v_start] == [-0.69, 0.72]  # README: nearly orthogonal to q_1 = (1, 1) / sqrt(2)


def test_readme_exercise_pagerank_of_page_without_inlinks():
    # README exercise 5: a page nobody links to gets exactly (1 - d) / n = 0.0375
    n, d = 4, 0.85
    M = np.zeros((n, n))
    for j, outs in {0: [1, 2], 1: [2], 2: [0], 3: [0, 2]}.items():
        M[outs, j] = 1.0 / len(outs)
    _, v = power_iteration(d * M + (1 - d) / n, tol=1e-13, rng=1)
    # relative residual 1e-13 moves the normalized vector by at most about 1e-13 / gap (gap = 1 - 0.601)
    np.testing.assert_allclose((v / v.sum())[3], 0.0375, rtol=0, atol=1e-12)


def test_readme_pitfall_ratio_099_needs_about_2300_steps():
    # README pitfall: with |lambda_2 / lambda_1| = 0.99, reducing the direction error by 1e-10 takes about 2300
    # steps: log(1e-10) / log(0.99) = 2291.1. Measured on diag(1, 0.99), where tan(theta_k) = |v_2 / v_1| shrinks
    # by exactly 0.99 per step; 2300 steps of roundoff (a relative u each) cannot move the crossing by a step.
    assert round(np.log(1e-10) / np.log(0.99), -2) == 2300
    h = power_iteration_history(np.diag([1.0, 0.99]), n_iter=2300, rng=0)
    tan = np.abs(h.eigenvectors[:, 1] / h.eigenvectors[:, 0])  # (2301,)
    first = int(np.argmax(tan / tan[0] <= 1e-10))
    assert first == 2292
    np.testing.assert_allclose(tan[first] / tan[0], 0.99**2292, rtol=1e-9)


def test_entries_near_the_overflow_threshold():
    # The exact power-of-two scaling cannot use 2^1024 (not a double); 2^1023 keeps the scaled entries below 2.
    A = np.array([[1.5e308, 1e307], [1e307, 1e308]])
    lam, v = power_iteration(A, rng=0)
    lam_ref = np.linalg.eigvalsh(A / 1e300)[-1] * 1e300
    assert lam == pytest.approx(lam_ref, rel=1e-12)
    assert np.all(np.isfinite(v))
