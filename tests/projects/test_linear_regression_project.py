"""The linear regression project (``projects/linear_regression_from_scratch.ipynb``, section 1 of ``projects/README.md``).

Three kinds of tests:

* the pipeline recomputed here by an independent route (numpy.linalg, scipy.stats, scikit-learn), compared with the
  numbers the notebook printed (its stored outputs, read with ``tools.quotes.stored_output``) at the digits it printed;
* the corrections of the text: which features matter (sex included), why QR's error is not about ``u kappa`` here,
  which number is the normal equations' bound and which the measurement;
* every number that the README section or the notebook's markdown quotes is tied to the stored output that printed it
  (``QUOTES``), and every number they contain is either quoted or listed in ``NOT_FROM_AN_OUTPUT`` with a reason.

Printed values are rounded to digits far above the rounding errors of any BLAS kernel (relative errors below 1e-9
against printed steps of 1e-4 or more), so they are the same on every machine; the one machine-dependent output (the
measured distances from LAPACK) is held to the bound that holds everywhere.
"""

import re
from types import SimpleNamespace

import numpy as np
import pytest
from scipy import stats
from sklearn.datasets import load_diabetes
from sklearn.linear_model import LinearRegression, Ridge
from sklearn.metrics import mean_squared_error, r2_score

from calculus.python_implementations.derivatives import squared_error_loss
from calculus.python_implementations.optimization import gradient_descent
from linear_algebra.python_implementations.least_squares import condition_number, lstsq
from tests.projects.rounding import gamma, plain_gradient_descent, steps_the_count_can_move
from tools.quotes import Quote, check, numbers_in, quoting_text, stored_output, uncovered

NB = "projects/linear_regression_from_scratch.ipynb"
README = "projects/README.md"
SECTION = "1. Linear regression"
EPS = np.finfo(float).eps
U = EPS / 2  # unit roundoff (NOTATION.md)
FEATURES = ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"]
SERUM = ["s1", "s2", "s3", "s4", "s5", "s6"]
LAMS = np.r_[0.0, np.logspace(-1, 3, 41)]  # the notebook's grid of ridge penalties
N_FOLDS, N_REPEATS = 5, 10








def _with_intercept(X):
    return np.column_stack([np.ones(X.shape[0]), X])  # (m, d) -> (m, d + 1)


def _output():
    return stored_output(NB)


def _printed(pattern):
    """The one number the notebook printed where ``pattern`` (one group) matches its stored output."""
    found = set(re.findall(pattern, _output()))
    assert len(found) == 1, f"{pattern!r} matches {sorted(found)} in the stored output of {NB}"
    return found.pop()


NUM = r"-?\d+(?:\.\d+)?(?:e[-+]\d+)?"  # a number as pandas and f-strings print it


def _table_row(name):
    """The printed coefficient table's row ``name`` as a dict of strings (coef, se, t, p, ci_low, ci_high, VIF)."""
    cols = ["coef", "se", "t", "p", "ci_low", "ci_high", "VIF"]
    last = r"(NaN|" + NUM + r")"
    pattern = rf"(?m)^{name}\s+" + r"\s+".join([f"({NUM})"] * 6) + r"\s+" + last + r"\s*$"
    matches = re.findall(pattern, _output())
    assert len(matches) == 1, f"row {name!r} of the coefficient table: {matches}"
    return dict(zip(cols, matches[0], strict=True))


def _section_text():
    """The README section of this project, as one string."""
    lines = quoting_text(README).splitlines()
    rows = {number for number, _ in numbers_in(README, section=SECTION)}
    start = next(i for i, line in enumerate(lines) if line.startswith(f"## {SECTION}"))
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("## "))
    assert all(start < row <= end for row in rows)
    return "\n".join(lines[start:end])


def _notebook_markdown():
    return quoting_text(NB)


# ----------------------------------------------------------------------------------------------------------------
# The pipeline, recomputed once per module by an independent route
# ----------------------------------------------------------------------------------------------------------------


def _ridge_cv(X_raw, y):
    """Repeated 5-fold cross-validation of ridge on standardized features for every penalty of LAMS.

    The folds are the notebook's protocol (a ``default_rng(0)`` stream, one permutation per repetition, ``array_split``);
    the fits are independent of its SVD formula: each solves ``(Z^T Z + lambda I) v = Z^T (y - mean y)`` with
    ``numpy.linalg.solve``, for all penalties at once.
    """
    n = len(y)
    cv_rng = np.random.default_rng(0)
    mse = np.zeros((N_REPEATS * N_FOLDS, len(LAMS)))
    base, var_val = np.zeros(N_REPEATS * N_FOLDS), np.zeros(N_REPEATS * N_FOLDS)
    for rep in range(N_REPEATS):
        folds = np.array_split(cv_rng.permutation(n), N_FOLDS)
        for k, val in enumerate(folds):
            fit = np.setdiff1d(np.arange(n), val)
            m, s = X_raw[fit].mean(axis=0), X_raw[fit].std(axis=0)
            Z, yc = (X_raw[fit] - m) / s, y[fit] - y[fit].mean()
            G = Z.T @ Z  # (10, 10)
            V = np.linalg.solve(G[None] + LAMS[:, None, None] * np.eye(10), (Z.T @ yc)[None, :, None])[..., 0]
            pred = y[fit].mean() + ((X_raw[val] - m) / s) @ V.T  # (len(val), L)
            row = rep * N_FOLDS + k
            mse[row] = np.mean((y[val][:, None] - pred) ** 2, axis=0)
            base[row] = np.mean((y[val] - y[fit].mean()) ** 2)
            var_val[row] = np.var(y[val])
    return SimpleNamespace(mse=mse, base=base, r2=1 - mse / var_val[:, None])


def _vif(X_raw, j):
    """VIF_j = 1 / (1 - R_j^2), with R_j^2 of feature j regressed on the nine others (scikit-learn)."""
    others = np.delete(X_raw, j, axis=1)
    return 1 / (1 - LinearRegression().fit(others, X_raw[:, j]).score(others, X_raw[:, j]))


@pytest.fixture(scope="module")
def lr():
    X_all, y_all = load_diabetes(scaled=False, return_X_y=True)
    n = len(y_all)
    perm = np.random.default_rng(0).permutation(n)  # the notebook's first draw from default_rng(0)
    test, train = perm[: n // 4], perm[n // 4 :]
    X_raw, y = X_all[train], y_all[train]
    X = _with_intercept(X_raw)
    n_train, m = X.shape
    dof = n_train - m

    w = np.linalg.lstsq(X, y, rcond=None)[0]  # LAPACK
    r = y - X @ w
    col = np.linalg.norm(X, axis=0)
    X_s = X / col  # unit columns
    # (X^T X)^-1 through the scaled columns: D^-1 (X_s^T X_s)^-1 D^-1, accurate to about u kappa_s^2 = 4e-12.
    cov_unscaled = np.linalg.inv(X_s.T @ X_s) / np.outer(col, col)
    sigma2 = r @ r / dof
    se = np.sqrt(sigma2 * np.diag(cov_unscaled))
    t = w / se
    vif = np.array([_vif(X_raw, j) for j in range(10)])
    mean, std = X_raw.mean(axis=0), X_raw.std(axis=0)
    return SimpleNamespace(
        X_all=X_all, y_all=y_all, train=train, test=test, X_raw=X_raw, y=y, X=X, n=n_train, m=m, dof=dof,
        w=w, r=r, col=col, X_s=X_s, se=se, t=t, p=2 * stats.t.sf(np.abs(t), dof), t_crit=stats.t.ppf(0.975, dof),
        vif=vif, mean=mean, std=std, X_test_raw=X_all[test], y_test=y_all[test], cv=_ridge_cv(X_raw, y),
    )  # fmt: skip


# ----------------------------------------------------------------------------------------------------------------
# Data, split, least squares
# ----------------------------------------------------------------------------------------------------------------


def test_split_and_real_units(lr):
    assert lr.X.shape == (332, 11) and len(lr.test) == 110
    assert _printed(r"(\d+) training rows") == "332" and _printed(r"(\d+) test rows") == "110"
    # scaled=False: body mass index in kg/m^2 (the scaled data set has columns of mean 0 and norm 1)
    assert 20 < lr.X_raw[:, 2].mean() < 30
    assert (
        _printed(r"(?m)^mean(?:\s+[\d.]+){4}\s+([\d.]+)") == f"{lr.mean[4]:.1f}"
    )  # s1, mean of the training rows
    # the QR coefficients the notebook printed (3 decimals) agree with LAPACK's
    for name, value in zip(["intercept", *FEATURES], lr.w, strict=True):
        assert _printed(rf"(?m)^{name}\s+(-?\d+\.\d{{3}})$") == f"{value:.3f}"


def test_condition_numbers(lr):
    kappa = np.linalg.cond(lr.X)
    kappa_s = np.linalg.cond(lr.X_s)
    # condition_number uses the course's one-sided Jacobi SVD: singular values to high relative accuracy.
    np.testing.assert_allclose(condition_number(lr.X), kappa, rtol=1e-10)
    np.testing.assert_allclose(condition_number(lr.X, scale_columns=True), kappa_s, rtol=1e-10)
    assert _printed(r"kappa\(X\) = (\d+), kappa_s") == f"{kappa:.0f}" == "7154"
    assert _printed(r"kappa_s \(unit columns\) = ([\d.]+)") == f"{kappa_s:.1f}"
    # Gradient descent sees kappa(H) = kappa(X)^2 on the raw problem
    assert _printed(r"kappa\(H\) = kappa\(X\)\^2 = (\S+) ") == f"{kappa**2:.2e}"


# ----------------------------------------------------------------------------------------------------------------
# Correction: QR's error here is dominated by its kappa^2 tan(theta) term
# ----------------------------------------------------------------------------------------------------------------


def test_qr_error_is_dominated_by_the_residual_term(lr):
    kappa_s = np.linalg.cond(lr.X_s)
    v = lr.w * lr.col
    tan_s = np.linalg.norm(lr.r) / (np.linalg.norm(lr.X_s, 2) * np.linalg.norm(v))
    assert _printed(r"tan\(theta_s\) = .* = ([\d.]+)") == f"{tan_s:.3f}"
    assert _printed(r"the kappa_s\^2 tan term is ([\d.]+) times") == f"{kappa_s * tan_s:.1f}"
    # The correction: the kappa^2 tan term dominates, with unit columns and with the raw ones alike
    assert kappa_s**2 * tan_s > 5 * kappa_s
    kappa = np.linalg.cond(lr.X)
    tan = np.linalg.norm(lr.r) / (np.linalg.norm(lr.X, 2) * np.linalg.norm(lr.w))
    assert kappa**2 * tan > 4 * kappa
    # ... and the text no longer says that QR's error is about kappa u
    text = _notebook_markdown()
    assert r"instead of about $\kappa(X) u$ for QR" not in text
    assert r"So QR's error here is *not* about $u \kappa_s$" in text
    assert r"QR's error is not about $u \kappa_s$ here" in _section_text()


# ----------------------------------------------------------------------------------------------------------------
# Correction: the normal equations' bound, and the measurement, each called what it is
# ----------------------------------------------------------------------------------------------------------------


def _bounds(lr):
    """The guaranteed bounds of the least squares chapter, section 5, recomputed with numpy's SVD."""
    n, m = lr.n, lr.m
    s = np.linalg.svd(lr.X_s, compute_uv=False)
    kappa_s = s[0] / s[-1]
    v = lr.w * lr.col
    tan_s = np.linalg.norm(lr.r) / (s[0] * np.linalg.norm(v))
    eps = 10 * np.sqrt(m) * n * m * U
    bound_qr = eps * kappa_s / (1 - eps * kappa_s) * (2 + (kappa_s + 1) * tan_s)
    bracket = (n * m + 3 * m**2 + m) * U * np.linalg.norm(v) + n * np.sqrt(m) * U * np.linalg.norm(lr.y)
    bound_normal = bracket / (s[-1] ** 2 * np.linalg.norm(v))
    return bound_qr, bound_normal


def test_normal_equations_bound_and_measurement(lr):
    bound_qr, bound_normal = _bounds(lr)
    assert _printed(r"QR within (\S+), normal") == f"{bound_qr:.1e}"
    assert _printed(r"(?m)normal equations within (\S+)$") == f"{bound_normal:.1e}"
    assert _printed(r"keep at least (\d+) digits") == f"{np.floor(-np.log10(bound_normal)):.0f}" == "8"
    # Measured on this machine, in the norm of the bounds (coefficients of the unit columns): within the bound on
    # every machine, since the reference (LAPACK) is backward stable too.
    v_ref = lr.w * lr.col
    for method, bound in (("qr", 2 * bound_qr), ("normal", bound_normal + bound_qr)):
        v = lstsq(lr.X, lr.y, method=method) * lr.col
        assert np.linalg.norm(v - v_ref) / np.linalg.norm(v_ref) <= bound
    # The stored measurement (one machine) is quoted as such, and it lies below the bound.
    measured = float(_printed(r"normal equations (\S+) from LAPACK"))
    assert measured <= bound_normal
    section = _section_text()
    assert "five of the sixteen digits" not in section  # the old unlabelled mixture of bound and measurement
    assert "at least 8 correct digits" in section and "That is the bound; the" in section
    assert "measurement, on one machine (x86-64, OpenBLAS" in section


# ----------------------------------------------------------------------------------------------------------------
# Gradient descent and standardization
# ----------------------------------------------------------------------------------------------------------------


def test_gradient_descent_iterations(lr):
    n = lr.n
    Z = _with_intercept((lr.X_raw - lr.mean) / lr.std)
    lam_std = np.linalg.eigvalsh(2 * Z.T @ Z / n)
    assert _printed(r"standardized: kappa\(H\) = (\d+)") == f"{lam_std[-1] / lam_std[0]:.0f}" == "426"
    gd = gradient_descent(
        lambda v: squared_error_loss(v, Z, lr.y)[1], np.zeros(11), learning_rate=1 / lam_std[-1], tol=1e-8,
        max_iter=50_000,
    )  # fmt: skip
    assert gd.converged

    def grad_std(v):
        return 2 * Z.T @ (Z @ v - lr.y) / n

    x_ref, norms = plain_gradient_descent(grad_std, np.zeros(11), 1 / lam_std[-1], 1e-8, 50_000)
    assert abs(gd.n_iter - (len(norms) - 1)) <= 2
    # Why "a step or two": rounding error of the computed gradient 2/n Z^T (Z v - y) (Higham 3.5): the residual
    # carries gamma_{d+1} (|Z||v| + |y|), the product with Z^T adds gamma_n |Z|^T |r|. The iterates' own rounding
    # errors are damped by the contraction and add at most as much again (factor 2).
    Zabs, r = np.abs(Z), Z @ x_ref - lr.y
    err = (
        2
        / n
        * (gamma(n) * Zabs.T @ np.abs(r) + Zabs.T @ (gamma(12) * (Zabs @ np.abs(x_ref) + np.abs(lr.y))))
    )
    rho = 2 * np.linalg.norm(err) / 1e-8
    assert steps_the_count_can_move(norms, 1e-8, rho) <= 2
    # the printed count is rounded to ten; 7839..7843 all print 7840, so a step or two cannot change it
    assert _printed(r"after about (\d+) iterations") == str(round(gd.n_iter, -1)) == "7840"
    assert {round(k, -1) for k in range(gd.n_iter - 2, gd.n_iter + 3)} == {7840}  # two steps cannot change it
    v_star = np.linalg.lstsq(Z, lr.y, rcond=None)[0]
    assert np.linalg.norm(gd.x - v_star) <= 1e-8 / lam_std[0]  # ||grad|| <= tol bounds the distance

    # The raw problem in closed form, Delta_k = V diag((1 - eta lam)^k) V^T Delta_0, checked against a real run of
    # the course's gradient descent for k = 300 steps. Rounding: each update carries a gradient error of at most
    # gamma_{n + d + 1} relative (a dot product of length d + 1, then one of length n), which I - eta H does not
    # amplify, so the run drifts by at most k gamma_{n+12} ~ 300 * 344 u ~ 1.1e-11 of ||w||; the closed form inherits
    # the error of LAPACK's w (1.1e-14 measured, see the normal equations test). 1e-10 is a 9x margin on the sum.
    H = 2 * lr.X.T @ lr.X / n
    lam, V = np.linalg.eigh(H)
    with pytest.warns(RuntimeWarning, match="did not converge"):
        run = gradient_descent(
            lambda w: squared_error_loss(w, lr.X, lr.y)[1], np.zeros(11), learning_rate=1 / lam[-1], tol=1e-8,
            max_iter=300,
        )  # fmt: skip
    closed = lr.w + V @ ((1 - lam / lam[-1]) ** 300 * (V.T @ -lr.w))
    assert np.linalg.norm(run.x - closed) <= 1e-10 * np.linalg.norm(lr.w)
    delta = V @ ((1 - lam / lam[-1]) ** gd.n_iter * (V.T @ -lr.w))
    assert (
        _printed(r"the relative error is ([\d.]+)") == f"{np.linalg.norm(delta) / np.linalg.norm(lr.w):.4f}"
    )


# ----------------------------------------------------------------------------------------------------------------
# Correction: which features matter (sex is one of them), with standard errors, intervals and VIFs
# ----------------------------------------------------------------------------------------------------------------


def test_coefficient_table_against_an_independent_route(lr):
    # The notebook: QR, R^-1 by back substitution, t_cdf. Here: inverse of the scaled Gram matrix, scipy.stats,
    # scikit-learn regressions for the VIFs. Printed digits (3 significant) are far above both routes' errors.
    lo, hi = lr.w - lr.t_crit * lr.se, lr.w + lr.t_crit * lr.se
    assert _printed(r"t quantile ([\d.]+)") == f"{lr.t_crit:.3f}"
    for j, name in enumerate(["intercept", *FEATURES]):
        row = _table_row(name)
        assert row["coef"] == f"{lr.w[j]:.4g}"
        assert row["se"] == f"{lr.se[j]:.3g}"
        assert row["t"] == f"{lr.t[j]:.2f}"
        assert row["p"] == f"{lr.p[j]:.2g}"
        assert (row["ci_low"], row["ci_high"]) == (f"{lo[j]:.3g}", f"{hi[j]:.3g}")
        assert row["VIF"] == ("NaN" if j == 0 else f"{lr.vif[j - 1]:.1f}")
    # The notebook's reading of a VIF: se_j^2 = sigma^2 VIF_j / (n s_j^2), s_j the (ddof=0) standard deviation.
    sigma2 = lr.r @ lr.r / lr.dof
    np.testing.assert_allclose(lr.se[1:] ** 2, sigma2 * lr.vif / (lr.n * lr.std**2), rtol=1e-9)


def test_sex_matters_and_the_text_says_so(lr):
    t = dict(zip(["intercept", *FEATURES], lr.t, strict=True))
    p = dict(zip(["intercept", *FEATURES], lr.p, strict=True))
    assert round(t["sex"], 2) == -3.95 and p["sex"] < 1e-4  # as strong as blood pressure
    # Bonferroni over the ten features: exactly bmi, bp, sex and s5 are significant at family-wise 5 %
    assert sorted(f for f in FEATURES if p[f] <= 0.05 / 10) == ["bmi", "bp", "s5", "sex"]
    assert p["s1"] > 0.05 and p["s2"] > 0.05  # not significant on their own
    assert lr.vif[4] > 50 and lr.vif[5] > 30
    # s1 to s4 jointly: F-test against the model without them
    keep = [0, 1, 2, 3, 4, 9, 10]
    r0 = lr.y - lr.X[:, keep] @ np.linalg.lstsq(lr.X[:, keep], lr.y, rcond=None)[0]
    F = ((r0 @ r0 - lr.r @ lr.r) / 4) / (lr.r @ lr.r / lr.dof)
    assert _printed(r"all zero: F = ([\d.]+),") == f"{F:.2f}"
    assert _printed(r"all zero: F = [\d.]+, p = (\S+)") == f"{stats.f.sf(F, 4, lr.dof):.1e}"
    assert _printed(r"significant after Bonferroni .*: (\[.*\])") == "['sex', 'bmi', 'bp', 's5']"
    # The correction: the text names sex among the features that carry the model.
    text = _notebook_markdown()
    assert "`s5`, `bmi` and `bp` carry the model" not in text
    assert "`bmi`, `s5`, `bp` and `sex`" in text
    section = _section_text()
    assert re.search(
        r"Four features carry the model(?:.*\n){1,2}.*body mass index.*blood pressure.*sex", section
    )


# ----------------------------------------------------------------------------------------------------------------
# The finding: the smallest eigenvector of the serum block is the Friedewald formula
# ----------------------------------------------------------------------------------------------------------------


def test_friedewald_formula(lr):
    X = lr.X_all
    tc, ldl, hdl, ltg = (X[:, FEATURES.index(f)] for f in ("s1", "s2", "s3", "s5"))
    friedewald = ldl + hdl + 0.2 * np.exp(ltg)
    r2 = r2_score(tc, friedewald)  # no fitted parameter: the formula itself
    assert _printed(r"on all \d+ patients: ([\d.]+)") == f"{r2:.7f}" == "0.9999992"
    dev = np.abs(tc - friedewald)
    assert _printed(r"largest deviation: ([\d.]+) mg/dL") == f"{dev.max():.1f}"
    assert _printed(r"within 0.01 mg/dL: (\d+) of") == str(np.sum(dev < 0.01))
    # A free fit on the training rows recovers the coefficients 1, 1 and 0.2
    A = np.column_stack([ldl, hdl, np.exp(ltg)])[lr.train]
    fit = LinearRegression().fit(A, tc[lr.train])
    for name, value in zip(["ldl", "hdl", "exp\\(ltg\\)"], fit.coef_, strict=True):
        assert _printed(rf"fitted: .*\+ ([\d.]+) {name}") == f"{value:.4f}"
    # The recorded values are rounded (ldl to 0.1 mg/dL, ltg to 4 decimals), so the fit can only recover the formula
    # to the size of that rounding: 6e-5 here; 2e-4 is a 3x margin.
    np.testing.assert_allclose(fit.coef_, [1, 1, 0.2], atol=2e-4)
    assert _printed(r"fitted: tc = (\S+) \+") == f"{fit.intercept_:.3f}"
    # The smallest eigenvector of the serum block's correlation matrix (training rows), sign: s1 positive.
    C = np.corrcoef(lr.X_raw[:, [FEATURES.index(f) for f in SERUM]].T)
    lam, V = np.linalg.eigh(C)
    v = V[:, 0] * np.sign(V[0, 0])
    assert _printed(r"smallest eigenvalue ([\d.]+)") == f"{lam[0]:.4f}"
    for name, value in zip(SERUM, v, strict=True):
        assert _printed(rf"(?m)^{name}\s+([-+]?\d\.\d\d)$") == f"{value:.2f}"
    # It points along tc - ldl - hdl - (increasing in ltg): signs +, -, -, - on s1, s2, s3, s5
    assert v[0] > 0.6 and v[1] < -0.5 and v[2] < -0.3 and v[4] < -0.2


# ----------------------------------------------------------------------------------------------------------------
# Repeated cross-validation, ridge, and the test rows used once
# ----------------------------------------------------------------------------------------------------------------


def test_repeated_cross_validation(lr):
    cv = lr.cv
    rmse, r2, base = np.sqrt(cv.mse[:, 0]), cv.r2[:, 0], np.sqrt(cv.base)
    line = _printed(r"(least squares, 5-fold x 10: .*)")
    assert line == (
        f"least squares, 5-fold x 10: R^2 = {r2.mean():.3f} +- {r2.std(ddof=1):.3f}, "
        f"RMSE = {rmse.mean():.1f} +- {rmse.std(ddof=1):.1f} (mean +- sd over 50 folds)"
    )
    assert _printed(r"(baseline \(training mean\): .*)") == (
        f"baseline (training mean): RMSE = {base.mean():.1f} +- {base.std(ddof=1):.1f}"
    )
    reps = r2.reshape(N_REPEATS, N_FOLDS).mean(axis=1)
    assert _printed(r"(the 10 repeats' mean R\^2 range .*)") == (
        f"the 10 repeats' mean R^2 range from {reps.min():.3f} to {reps.max():.3f}"
    )


def test_ridge_chosen_by_cross_validation(lr):
    cv = lr.cv
    curve = cv.mse.mean(axis=0)
    best = int(np.argmin(curve))
    # The choice is portable: the runner-up's mean validation error is further away than any rounding could move it.
    second = np.partition(curve, 1)[1]
    assert (second - curve[best]) / curve[best] > 1e-6
    rmse = np.sqrt(cv.mse)
    assert _printed(r"chosen penalty lambda = ([\d.]+):") == f"{LAMS[best]:.1f}" == "20.0"
    gain = rmse[:, 0] - rmse[:, best]
    assert _printed(r"(RMSE gain of ridge, fold by fold: .*)") == (
        f"RMSE gain of ridge, fold by fold: {gain.mean():.2f} +- {gain.std(ddof=1):.2f}, "
        f"ridge better in {np.sum(gain > 0)} of 50 folds"
    )
    # Shrink factors and effective parameters, from numpy's SVD of the standardized training features
    Z = (lr.X_raw - lr.mean) / lr.std
    s, Vt = np.linalg.svd(Z, full_matrices=False)[1:]
    f = s**2 / (s**2 + LAMS[best])
    assert _printed(r"shrink factors .*: (\[.*\])") == str(np.round(f, 2))
    assert _printed(r"effective number of parameters: ([\d.]+)") == f"{f.sum():.1f}"
    # The direction ridge shrinks most is the Friedewald eigenvector of the serum block
    C = np.corrcoef(lr.X_raw[:, 4:].T)
    v_min = np.linalg.eigh(C)[1][:, 0]
    assert abs(Vt[-1, 4:] @ v_min) > 0.999
    # Ridge against scikit-learn on all training rows: only the serum coefficients move much
    ref = Ridge(alpha=LAMS[best]).fit(Z, lr.y)
    ols = LinearRegression().fit(Z, lr.y)
    moved = np.abs(ref.coef_ - ols.coef_)
    assert set(np.array(FEATURES)[moved > 5]) == {"s1", "s2", "s3", "s5"}
    assert np.all(moved[[1, 2, 3]] < 1.5)  # sex, bmi, bp hardly move


def test_test_rows_used_once(lr):
    cv = lr.cv
    lam = LAMS[int(np.argmin(cv.mse.mean(axis=0)))]
    ridge = Ridge(alpha=lam).fit((lr.X_raw - lr.mean) / lr.std, lr.y)
    pred = ridge.predict((lr.X_test_raw - lr.mean) / lr.std)
    ols = LinearRegression().fit(lr.X_raw, lr.y).predict(lr.X_test_raw)
    r2, rmse = r2_score(lr.y_test, pred), np.sqrt(mean_squared_error(lr.y_test, pred))
    boot = stats.bootstrap(
        (lr.y_test, pred), lambda a, b, axis: _r2_rows(a, b), paired=True,
        vectorized=True, n_resamples=2000, method="percentile", rng=np.random.default_rng(0),
    ).confidence_interval  # fmt: skip
    assert _printed(r"(ridge on the test rows: .*)") == (
        f"ridge on the test rows: R^2 = {r2:.3f} (95 % bootstrap interval {boot.low:.2f} to {boot.high:.2f}), "
        f"RMSE = {rmse:.1f}"
    )
    assert _printed(r"(least squares on the test rows: .*)") == (
        f"least squares on the test rows: R^2 = {r2_score(lr.y_test, ols):.3f}, "
        f"RMSE = {np.sqrt(mean_squared_error(lr.y_test, ols)):.1f}"
    )
    baseline = np.sqrt(np.mean((lr.y_test - lr.y.mean()) ** 2))
    assert _printed(r"baseline \(training mean\), test RMSE = ([\d.]+)") == f"{baseline:.1f}"
    # the test score lies inside the cross-validated spread: nothing was tuned on it
    r2_cv = cv.r2[:, int(np.argmin(cv.mse.mean(axis=0)))]
    assert abs(r2 - r2_cv.mean()) < r2_cv.std(ddof=1)


def _r2_rows(a, b):
    """R^2 of each row of (B, n) arrays of targets and predictions."""
    return 1 - np.sum((a - b) ** 2, axis=-1) / np.sum((a - a.mean(axis=-1, keepdims=True)) ** 2, axis=-1)


def test_no_test_row_is_used_before_the_end():
    """Statistics from the training rows only: before section 9 the test rows are only ever defined, never used."""
    import json

    from tools.quotes import ROOT

    cells = json.loads((ROOT / NB).read_text(encoding="utf-8"))["cells"]
    end = next(i for i, c in enumerate(cells) if "".join(c["source"]).startswith("## 9. The test rows"))
    test_names = re.compile(r"\b(?:y_test|X_test_raw|X_test|test_idx)\b")
    for cell in cells[:end]:
        if cell["cell_type"] != "code":
            continue
        for line in "".join(cell["source"]).splitlines():
            if test_names.search(line):
                left = line.split("=")[0] if "=" in line and "==" not in line else ""
                assert test_names.search(left), f"a test row is used before section 9: {line!r}"


# Terms a first-year reader meets: each is explained in the paragraph where the notebook first uses it (the term ->
# the words that explain it).
TERMS = {
    "R^2": "fraction of\nthe target's variance that the fit explains",
    "Bonferroni": "**Bonferroni correction**",
    "RMSE": r"\mathrm{RMSE} = \sqrt",
    "effective number of parameters": "it counts how many directions the penalty leaves free",
    "upper estimate": r"$\kappa(H) \ln(\lVert \mathbf{g}_0 \rVert / \mathrm{tol})$ steps are needed",
}


def _explained_where_first_used(text, term, explanation):
    """True when ``explanation`` stands in the paragraph of ``text`` where ``term`` first occurs."""
    first, at = text.find(term), text.find(explanation)
    paragraph = (text.rfind("\n\n", 0, first), text.find("\n\n", first))
    return first >= 0 and at >= 0 and paragraph[0] < at < (paragraph[1] if paragraph[1] >= 0 else len(text))


@pytest.mark.parametrize(("term", "explanation"), TERMS.items(), ids=list(TERMS))
def test_terms_are_explained_where_first_used(term, explanation):
    assert _explained_where_first_used(_notebook_markdown(), term, explanation)


def test_readme_explains_its_scores_and_links_its_methods():
    section = _section_text()
    assert "$R^2$ is the fraction of the variance of the progression" in section
    assert "the root mean squared error, RMSE," in section
    assert (
        "[Bonferroni correction](../probability_statistics/hypothesis_testing/README.md#multiple-testing)"
        in section
    )
    assert "8.2 effective parameters of 10, the sum of the shrink factors" in section


def _printed_to_one_decimal_is_portable(value):
    """A value printed to 0.1 reads the same on every machine when it is not within 1e-9 relative of a rounding
    boundary (the validation errors carry relative rounding errors of order n u kappa_s ~ 1e-12)."""
    return abs(abs(value * 10 - np.floor(value * 10)) - 0.5) > 1e-9 * abs(value) * 10


def test_the_penalty_criterion_catches_a_scaling_leak(lr):
    # The criterion that chooses the penalty, printed to 0.1, ties the notebook's folds to the independent ones here.
    # A scaler fitted on all training rows instead of the fold's rows (a leak) leaves least squares unchanged, but
    # moves the criterion at the chosen penalty from 3065.13 to 3064.85: this line is what catches it.
    curve = lr.cv.mse.mean(axis=0)
    best = int(np.argmin(curve))
    assert _printed_to_one_decimal_is_portable(curve[0]) and _printed_to_one_decimal_is_portable(curve[best])
    assert _printed(r"(mean validation MSE \(the criterion\): .*)") == (
        f"mean validation MSE (the criterion): {curve[0]:.1f} for least squares, {curve[best]:.1f} at the chosen penalty"
    )


def test_constant_variance_is_checked_not_assumed(lr):
    """Correction: the residuals' spread grows with the prediction; the text said it "supports the constant-variance
    assumption". Recomputed here by another route: leverages and the sandwich from the explicit inverse of the scaled
    Gram matrix (not QR), the Breusch-Pagan regression by scikit-learn, the tail by scipy."""
    X, r = lr.X, lr.r
    fitted = X @ lr.w
    thirds = np.array_split(np.argsort(fitted), 3)
    sds = [float(np.std(r[t], ddof=1)) for t in thirds]
    assert _printed(r"residual sd in the thirds of the fitted values: (\[.*\])") == str(
        [round(v, 1) for v in sds]
    )
    assert sds[0] < 0.75 * min(sds[1:])  # the funnel: the lowest third is clearly narrower
    e2 = r**2
    lm = lr.n * LinearRegression().fit(fitted[:, None], e2).score(fitted[:, None], e2)
    assert _printed(r"Koenker\): n R\^2 = ([\d.]+),") == f"{lm:.2f}"
    assert _printed(r"Koenker\): .*, p = ([\d.]+)") == f"{stats.chi2.sf(lm, 1):.4f}"
    assert stats.chi2.sf(lm, 1) < 0.01  # constant variance rejected
    # HC3: (X^T X)^-1 X^T diag(r^2 / (1 - h)^2) X (X^T X)^-1, (X^T X)^-1 through the unit columns (u kappa_s^2 ~ 4e-12)
    XtXi = np.linalg.inv(lr.X_s.T @ lr.X_s) / np.outer(lr.col, lr.col)
    h = np.einsum("ij,jk,ik->i", X, XtXi, X)
    cov = XtXi @ (X.T * (r / (1 - h)) ** 2) @ X @ XtXi
    t_hc3 = lr.w / np.sqrt(np.diag(cov))
    p_hc3 = 2 * stats.t.sf(np.abs(t_hc3), lr.dof)
    for j, name in enumerate(FEATURES, start=1):
        row = re.findall(rf"(?m)^{name}\s+({NUM})\s+({NUM})\s+({NUM})$", _output())
        assert row == [(f"{lr.t[j]:.2f}", f"{t_hc3[j]:.2f}", f"{p_hc3[j]:.2g}")], name
    # The text's claims: t moves by less than 0.3, and the same four features pass Bonferroni.
    assert np.max(np.abs(t_hc3 - lr.t)[1:]) < 0.3
    assert sorted(f for j, f in enumerate(FEATURES, start=1) if p_hc3[j] <= 0.05 / 10) == [
        "bmi",
        "bp",
        "s5",
        "sex",
    ]
    assert _printed(r"Bonferroni with HC3 standard errors: (\[.*\])") == "['sex', 'bmi', 'bp', 's5']"
    for text in (_notebook_markdown(), _section_text()):
        assert "supports the constant-variance assumption" not in text
    assert "the t statistics move by less than 0.3" in _notebook_markdown()
    assert "Koenker's Breusch-Pagan test rejects a constant variance" in _section_text()


def test_text_does_not_over_read_the_spread_of_repeats_or_the_bounds(lr):
    text = _notebook_markdown()
    # The repeats reuse the same patients: their narrow range is not the uncertainty of the estimate.
    assert "already pins\nthe estimate much better" not in text
    assert "so it is\nnot the uncertainty of the estimate" in text
    # The worst-case bounds do not rank the solvers: QR's is the larger here, its measured error the smaller.
    bound_qr, bound_normal = _bounds(lr)
    assert bound_qr > bound_normal
    assert float(_printed(r"measured on this machine: QR (\S+),")) < float(
        _printed(r"normal equations (\S+) from")
    )
    assert "Nor do the two bounds rank the solvers" in text


def test_text_reads_the_interval_plot_and_the_ridge_path_as_they_are(lr):
    """Corrections of three readings of the figures that the numbers did not support."""
    text = " ".join(_notebook_markdown().split())
    idx = {f: j for j, f in enumerate(FEATURES)}
    # 1. Widths of the 95 % intervals per standard deviation: s1 and s2 are the widest and several times wider than
    # those of bmi, bp and sex (5x and more), but not than s3's (less than 2x): "several times wider than the others"
    # over-read the plot.
    width = 2 * lr.t_crit * lr.se[1:] * lr.std
    assert set(np.argsort(width)[-2:]) == {idx["s1"], idx["s2"]}
    assert min(width[idx["s1"]], width[idx["s2"]]) > 3 * max(width[idx[f]] for f in ("bmi", "bp", "sex"))
    assert max(width[idx["s1"]], width[idx["s2"]]) < 2 * width[idx["s3"]]
    assert "several times wider than the others" not in text
    assert "are the widest, several times wider than those of `bmi`, `bp` and `sex`" in text
    # 2. bmi, bp and sex hardly move up to the chosen penalty, but the plotted path runs to lambda = 1000, where bmi
    # and sex have lost more than half of their least-squares size.
    Z = (lr.X_raw - lr.mean) / lr.std
    best = LAMS[int(np.argmin(lr.cv.mse.mean(axis=0)))]
    ols, chosen, largest = (Ridge(alpha=a).fit(Z, lr.y).coef_ for a in (1e-12, best, LAMS[-1]))
    steady = [idx[f] for f in ("sex", "bmi", "bp")]
    assert np.all(np.abs(chosen - ols)[steady] < 0.1 * np.abs(ols)[steady])
    assert np.abs(largest[idx["bmi"]]) < 0.5 * np.abs(ols[idx["bmi"]])
    assert np.abs(largest[idx["sex"]]) < 0.5 * np.abs(ols[idx["sex"]])
    assert "(dashed) hardly move up to the chosen penalty;" in text
    # 3. Ridge does not "leave the others alone": the next direction is shrunk by the factor 0.57. What holds is
    # that the smallest direction makes almost all of the change of the coefficients (the other nine: 6 % of it).
    U_, s, Vt = np.linalg.svd(Z, full_matrices=False)
    f = s**2 / (s**2 + best)
    assert f[-2] < 0.6
    coef = (U_.T @ (lr.y - lr.y.mean())) / s
    change = Vt.T @ ((1 - f) * coef)
    smallest = Vt[-1] * (1 - f[-1]) * coef[-1]
    assert np.linalg.norm(change - smallest) < 0.1 * np.linalg.norm(change)
    assert "leaves the others alone" not in text
    assert (
        "shrinks exactly that direction far more than any other, and that makes almost all of the change"
        in text
    )


def test_scikit_learn_reference_lines():
    # Normwise, within the derived bounds (notebook section 10), not an elementwise tolerance found by trial.
    assert _printed(r"least squares agrees with scikit-learn within twice QR's bound: (\w+)") == "True"
    assert _printed(r"ridge agrees with scikit-learn within twice its bound \(\S+\): (\w+)") == "True"
    assert _printed(r"QR within its bound: (\w+)") == "True"
    assert _printed(r"normal equations within their bound: (\w+)") == "True"
    # Correction: the README said "match ... to a relative 10^-8", a leftover of an elementwise tolerance; what the
    # notebook checks is twice the worst-case bounds (2.0e-8 for least squares, in the unit-column coefficients, so
    # 4e-8; 2e-10 for ridge), and the README now quotes those bounds (QUOTES).
    section = " ".join(_section_text().split())
    assert "to a relative $10^{-8}$" not in section
    assert "within twice the worst-case bounds of the error analysis" in section


# ----------------------------------------------------------------------------------------------------------------
# Numbers the text quotes, tied to the stored outputs
# ----------------------------------------------------------------------------------------------------------------


def _row(name, column):
    """Pattern capturing one column of the printed coefficient table's row ``name`` (the whole row must match)."""
    index = ["coef", "se", "t", "p", "ci_low", "ci_high", "VIF"].index(column)
    cells = [f"({NUM})" if i == index else f"(?:{NUM})" for i in range(6)] + [
        f"({NUM})" if index == 6 else r"(?:NaN|" + NUM + ")"
    ]
    return rf"(?m)^{name}\s+" + r"\s+".join(cells) + r"\s*$"


def _quotes(text):
    """The quotes that both the README section and the notebook's conclusion make."""
    return [
        Quote(text, "332", NB, r"(\d+) training rows", "332 training"),
        Quote(text, "110", NB, r"(\d+) test rows", "110"),
        Quote(text, "0.475", NB, r"5-fold x 10: R\^2 = ([\d.]+)"),
        Quote(text, "0.094", NB, r"5-fold x 10: R\^2 = [\d.]+ \+- ([\d.]+)"),
        Quote(text, "55.3", NB, r"5-fold x 10: .*RMSE = ([\d.]+) \+-"),
        Quote(text, "3.6", NB, r"5-fold x 10: .*RMSE = [\d.]+ \+- ([\d.]+)"),
        Quote(text, "77.6", NB, r"baseline \(training mean\): RMSE = ([\d.]+)"),
        Quote(text, "4.5", NB, r"baseline \(training mean\): RMSE = [\d.]+ \+- ([\d.]+)"),
        Quote(text, "0.494", NB, r"ridge on the test rows: R\^2 = ([\d.]+)"),
        Quote(text, "0.34", NB, r"bootstrap interval ([\d.]+) to"),
        Quote(text, "0.61", NB, r"bootstrap interval [\d.]+ to ([\d.]+)"),
        Quote(text, "53.7", NB, r"ridge on the test rows: .*RMSE = ([\d.]+)"),
        Quote(text, "75.6", NB, r"baseline \(training mean\), test RMSE = ([\d.]+)"),
        Quote(text, "7.23", NB, _row("bmi", "t")),
        Quote(text, "4.01", NB, _row("bp", "t")),
        Quote(text, "-3.95", NB, _row("sex", "t")),
        Quote(text, "3.89", NB, _row("s5", "t")),
        Quote(text, "54.7", NB, _row("s1", "VIF")),
        Quote(text, "1.0", NB, r"F-test, s1 to s4 all zero: F = [\d.]+, p = (\d\.\d)e-04", "10^{-4}"),
        Quote(text, "0.9999992", NB, r"on all \d+ patients: ([\d.]+)"),
        Quote(text, "442", NB, r"on all (\d+) patients", "on all 442 patients"),
        Quote(text, "0.05", NB, r"fold by fold: ([\d.]+) \+-", r"0.05 \pm 0.62"),
        Quote(text, "0.62", NB, r"fold by fold: [\d.]+ \+- ([\d.]+),"),
        Quote(text, "20", NB, r"chosen penalty lambda = ([\d.]+):", r"\lambda = 20"),
        Quote(text, "26", NB, r"ridge better in (\d+) of", "26 of"),
        Quote(text, "7154", NB, r"kappa\(X\) = (\d+), kappa_s"),
        Quote(text, "193.4", NB, r"kappa_s \(unit columns\) = ([\d.]+)"),
        Quote(text, "8", NB, r"keep at least (\d+) digits", "8 correct digits"),
        Quote(text, "5.2", NB, r"normal equations (\d\.\d)e-13 from LAPACK", "10^{-13}"),
        Quote(text, "7840", NB, r"after about (\d+) iterations"),
    ]


QUOTES = [
    *_quotes(README),
    Quote(README, "442", NB, r"n = (\d+) patients", "for 442 patients"),
    Quote(README, "9.4", NB, _row("sex", "p").replace(f"({NUM})", r"(\d\.\d)e-05"), "10^{-5}"),
    Quote(README, "6.0", NB, _row("bmi", "coef")),
    Quote(README, "4.35", NB, _row("bmi", "ci_low")),
    Quote(README, "7.61", NB, _row("bmi", "ci_high")),
    Quote(README, "0.063", NB, _row("s1", "p")),
    Quote(README, "0.15", NB, _row("s2", "p")),
    Quote(README, "37.3", NB, _row("s2", "VIF")),
    Quote(README, "1.0000", NB, r"fitted: tc = \S+ \+ ([\d.]+) ldl"),
    Quote(README, "1.0001", NB, r"fitted: .*\+ ([\d.]+) hdl"),
    Quote(README, "0.2000", NB, r"fitted: .*\+ ([\d.]+) exp\(ltg\)"),
    Quote(README, "0.13", NB, r"shrink factors[^\[]*\[[^\]]*\s([\d.]+)\]"),
    Quote(README, "8.2", NB, r"effective number of parameters: ([\d.]+)"),
    Quote(README, "0.029", NB, r"tan\(theta_s\) = .* = ([\d.]+)"),
    Quote(README, "5.6", NB, r"the kappa_s\^2 tan term is ([\d.]+) times"),
    Quote(README, "1.7", NB, r"normal equations within (\d\.\d)e-09", "10^{-9}"),
    Quote(README, "2.0", NB, r"QR within (\d\.\d)e-08, normal", r"2.0 \times 10^{-8}"),
    Quote(README, "2", NB, r"twice its bound \((\d)e-10\)", r"2 \times 10^{-10}"),
    Quote(README, "1.1", NB, r"measured on this machine: QR (\d\.\d)e-14", "10^{-14}"),
    Quote(README, "5.12", NB, r"kappa\(H\) = kappa\(X\)\^2 = (\d\.\d\d)e\+07"),
    Quote(README, "0.9995", NB, r"the relative error is ([\d.]+)"),
    Quote(README, "426", NB, r"standardized: kappa\(H\) = (\d+)"),
    *_quotes(NB),
    Quote(NB, "442", NB, r"n = (\d+) patients", "For 442"),
    Quote(NB, "346", NB, r"from \d+ to (\d+)", "25 to 346"),
    Quote(NB, "4.6", NB, r"(?m)^mean(?:\s+[\d.]+){8}\s+([\d.]+)", "`s5` near 4.6"),
    Quote(NB, "190", NB, r"(?m)^mean(?:\s+[\d.]+){4}\s+([\d.]+)", "`s1` near 190"),
    Quote(NB, "0.1", NB, r"5-fold x 10: R\^2 = [\d.]+ \+- ([\d.]+)", r"about $\pm 0.1$"),
    *(
        Quote(text, quoted, NB, pattern, context)
        for text in (README, NB)
        for quoted, pattern, context in (
            ("41", r"thirds of the fitted values: \[([\d.]+),", "about 41"),
            ("57", r"thirds of the fitted values: \[[\d.]+, ([\d.]+),", "57 and 60"),
            ("60", r"thirds of the fitted values: \[[\d.]+, [\d.]+, ([\d.]+)\]", "57 and 60"),
            ("0.0015", r"Koenker\): .*, p = ([\d.]+)", "p = 0.0015"),
        )
    ),
]

NOT_FROM_AN_OUTPUT = {
    (README, "0.2"): "the constant 1/5 of the Friedewald formula (TG/5 in mg/dL), not a result",
    (NB, "0.2"): "the constant 1/5 of the Friedewald formula (TG/5 in mg/dL), not a result",
    (NB, "1972"): "the year Friedewald, Levy and Fredrickson published the formula",
    (NB, "0.975"): "the quantile level of a two-sided 95 % interval, (1 + 0.95) / 2",
    (
        NB,
        "0.3",
    ): "a bound on how far HC3 moves the t statistics, asserted in test_constant_variance_is_checked_not_assumed",
}


@pytest.mark.parametrize("quote", QUOTES, ids=str)
def test_quoted_number_matches_the_stored_output(quote):
    assert check(quote) == []


@pytest.mark.parametrize(
    ("text", "section"), [(README, SECTION), (NB, "")], ids=["README section 1", "notebook markdown"]
)
def test_every_number_in_the_text_is_quoted_or_explained(text, section):
    missing = uncovered(text, QUOTES, NOT_FROM_AN_OUTPUT, section)
    assert missing == [], f"{text}: numbers neither quoted from an output nor explained: {missing}"


def test_lapack_side_of_the_bounds_is_labelled_an_assumption(lr):
    """Correction (third final read): the comparisons with LAPACK (cell after section 3's measurement) and with
    scikit-learn's LinearRegression (section 10, which calls LAPACK's gelsd) were said to hold within QR's bound
    "because LAPACK is backward stable too". gelsd computes an SVD through a bidiagonalization that applies
    reflections from the right, so it is backward stable only normwise, ||dX|| <= eps ||X||, not column by column.
    In the units of the unit columns that eps grows by ||X|| / min_j ||x_j|| (272 here), and Wedin's bound with it is
    more than 100 times twice QR's bound: QR's bound is an assumption for LAPACK, not a proved bound."""
    bound_qr, _ = _bounds(lr)
    s = np.linalg.svd(lr.X_s, compute_uv=False)
    kappa_s = s[0] / s[-1]
    v = lr.w * lr.col
    tan_s = np.linalg.norm(lr.r) / (s[0] * np.linalg.norm(v))
    eps_normwise = 10 * np.sqrt(lr.m) * lr.n * lr.m * U * np.linalg.norm(lr.X, 2) / lr.col.min()
    normwise = eps_normwise * kappa_s / (1 - eps_normwise * kappa_s) * (2 + (kappa_s + 1) * tan_s)
    assert normwise > 100 * 2 * bound_qr
    import json

    from tools.quotes import ROOT

    cells = json.loads((ROOT / NB).read_text(encoding="utf-8"))["cells"]
    code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    assert "and the chapter uses the QR bound for the SVD;\n# so each distance is within the sum" not in code
    text = " ".join(_notebook_markdown().split())
    assert "backward stable only normwise" in text
    assert "an assumption for LAPACK's solver, not a proved bound" in text
    section = " ".join(_section_text().split())
    assert "for scikit-learn's least squares (LAPACK) it is assumed, not proved" in section
