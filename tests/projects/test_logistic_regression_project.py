"""The logistic regression project (``projects/logistic_regression_math.ipynb``) and its section of ``projects/README.md``.

Three kinds of test. ``QUOTES`` ties every number the text quotes to the stored output that printed it, so that
regenerating the notebook after a change that moves a number fails until the text follows (``tools/quotes.py``).
The other tests recompute what the notebook prints along independent routes (``numpy.linalg``, scipy, scikit-learn,
and loops written out here) and check that the printed values are those values, to the printed digits where the
rounding cannot tip over on another machine, or as the bound the error analysis gives where it can. Two statements
of an earlier version were wrong and are pinned here: "gradient descent must use a step that is safe everywhere"
(``test_a_step_that_is_safe_everywhere_is_not_needed``, with the quoted counts 1153 and 325) and "the model is never
confidently wrong" (``test_the_model_can_be_confidently_wrong``, with the quoted 0.78).
"""

import re
from types import SimpleNamespace

import numpy as np
import pytest
from scipy.optimize import minimize
from scipy.stats import binomtest
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import confusion_matrix, log_loss, recall_score, roc_auc_score
from sklearn.model_selection import RepeatedStratifiedKFold

from calculus.python_implementations.optimization import gradient_descent, momentum, newton_method
from tests.projects.rounding import gamma, plain_gradient_descent, steps_the_count_can_move
from tools.quotes import Quote, check, quoting_text, stored_output, uncovered

NOTEBOOK = "projects/logistic_regression_math.ipynb"
README = "projects/README.md"
SECTION = "2. The mathematics of logistic regression"
EPS = np.finfo(float).eps
U = EPS / 2  # unit roundoff (NOTATION.md)
ALPHA = 1e-2  # the penalty of the notebook, chosen there by the one-standard-error rule
ALPHAS = 10.0 ** np.arange(-4.0, -0.75, 0.5)  # the grid the notebook cross-validates
THRESHOLDS = [0.5, 0.3, 0.2, 0.1, 0.05, 0.02, 0.01]  # the screening thresholds of the notebook's table


def _quotes(text, entries):
    return [Quote(text=text, quoted=q, notebook=NOTEBOOK, pattern=p, context=c) for q, p, c in entries]


def _cv_row(alpha, column):
    # a row of the cross-validation table: alpha, mean log-loss, sd over folds, standard error
    cells = [r"\d\.\d{4}"] * 3
    cells[column] = rf"({cells[column]})"
    return rf"(?m)^ *{alpha} +" + " +".join(cells) + "$"


def _score_row(stat, column):
    # the mean or std row of the cross-validated scores: accuracy, AUC, log-loss, recall
    cells = [r"\d\.\d{3}"] * 4
    cells[column] = rf"({cells[column]})"
    return rf"(?m)^{stat} +" + " +".join(cells) + "$"


def _screen_row(threshold, column):
    # a row of the screening table: missed and false alarms in cross-validation (x.5 steps), missed and false alarms
    # on the test rows
    cells = [r"\d+\.\d", r"\d+\.\d", r"\d+", r"\d+"]
    cells[column] = rf"({cells[column]})"
    return rf"(?m)^{threshold} +" + " +".join(cells) + "$"


# Numbers the text quotes, each with the pattern that captures it in the stored output of the notebook.
_COUNTS = r"(?m)^{} +(\d+)$"  # the measured iteration counts (a cell whose output nbval ignores)
_RACE = r"(?m)^{} +(\d+|never) +(\d+|never)"
_SPLIT = r"(?m)^{} training rows, {} test rows, 30 features"
_BOTH = [  # quoted by the README section and by the notebook's markdown alike
    ("3933", _COUNTS.format(r"fixed step 1 / ell"), "3933"),
    ("1153", _COUNTS.format(r"Armijo backtracking"), "1153"),
    ("325", _COUNTS.format(r"heavy ball"), "325"),
    ("3930", r"fixed step 1 / ell: about (\d+) iterations", "3930"),
    ("20.8", r"kappa = ([\d.]+)", "20.8"),
    ("350", r"ell / lambda_min = (\d+)", "350"),
    ("0.0804", _cv_row("0.0032", 0), "0.0804"),
    ("0.0115", _cv_row("0.0032", 2), "0.0115"),
    ("0.0881", _cv_row("0.0100", 0), "0.0881"),
    ("0.0163", r"standard error counting 5 folds: ([\d.]+);", "0.0163"),
    ("0.981", _score_row("mean", 0), "0.981"),
    ("0.017", _score_row("std", 0), "0.017"),
    ("0.994", _score_row("mean", 1), "0.994"),
    ("0.007", _score_row("std", 1), "0.007"),
    ("0.088", _score_row("mean", 2), "0.088"),
    ("0.034", _score_row("std", 2), "0.034"),
    ("0.957", _score_row("mean", 3), "0.957"),
    ("0.037", _score_row("std", 3), "0.037"),
    ("0.979", r"test accuracy: ([\d.]+)", "0.979"),
    ("0.940", r"test accuracy: .*Wilson interval \[([\d.]+),", "0.940"),
    ("0.993", r"test accuracy: .*Wilson interval \[[\d.]+, ([\d.]+)\]", "0.993"),
    ("0.648", r"majority-class baseline on the test rows: accuracy ([\d.]+)", "0.648"),
    ("0.9974", r"test AUC: ([\d.]+)", "0.9974"),
    ("0.0812", r"test log-loss: ([\d.]+);", "0.0812"),
    ("0.6503", r"for every tumour\): ([\d.]+)", "0.6503"),
    ("0.960", r"recall for malignant: ([\d.]+)", "0.960"),
    ("0.865", r"recall for malignant: .*Wilson interval \[([\d.]+),", "0.865"),
    ("0.989", r"recall for malignant: .*Wilson interval \[[\d.]+, ([\d.]+)\]", "0.989"),
    ("0.78", r"P\(benign\) = ([\d.]+)", "0.78"),
    ("0.0085", r"of a training cancer: ([\d.]+) and", "0.0085"),
    ("162", r"cancers: (\d+) training rows", "162"),
    ("0.05", r"sensitivity >= 0.99: ([\d.]+)", "0.05"),
    ("0.793", r"cancers missed, specificity ([\d.]+)", "0.793"),
    ("0.929", r"recall 95 % Wilson interval \[([\d.]+),", "0.929"),
    ("1.80", r"largest \|z\| of the 30 coefficients: ([\d.]+)", "1.80"),
    ("11.7", r"worst radius alone: .*z = ([\d.]+)", "11.7"),
    ("3.10", r"mean area = ([\d.]+) x", "3.10"),
    ("0.9980", r"R\^2 = ([\d.]+)", "0.9980"),
    ("0.942", r"six size columns \(training rows\): ([\d.]+)", "0.942"),
]
_README_ONLY = [
    ("427", _SPLIT.format(r"(\d+)", r"\d+"), "427 training rows"),
    ("142", _SPLIT.format(r"\d+", r"(\d+)"), "142 test rows"),
    ("1000", r"\|\|w\|\| > (\d+): True", "past 1000"),
    ("3.38", r"smoothness bound ell = ([\d.]+)", "3.38"),
    ("8", r"(?m)^Newton: (\d+) iterations", "needs 8 iterations"),
    ("5", _RACE.format(r"Newton \(iterations\)"), "needs 5"),
    ("9", _RACE.format(r"L-BFGS \(iterations\)"), "L-BFGS 9"),
    ("50", _RACE.format(r"SGD, lr 0.2 \(epochs\)"), "50 epochs"),
    ("7", r"(?m)^Newton \(iterations\) +\d+ +(\d+)", "Newton 7"),
    ("18", r"(?m)^L-BFGS \(iterations\) +\d+ +(\d+)", "L-BFGS 18"),
    ("139", r"test accuracy: [\d.]+ \((\d+) of", "139 of 142"),
    ("142", r"test accuracy: [\d.]+ \(\d+ of (\d+)\)", "139 of 142"),
    ("48", r"recall for malignant: [\d.]+ \((\d+) of", "48 of 50"),
    ("50", r"recall for malignant: [\d.]+ \(\d+ of (\d+)\)", "48 of 50"),
    ("7", _screen_row("0.50", 0), "misses 7 of the 162"),
    ("0.0096", r"optimum: lambda_min = ([\d.]+),", "0.0096"),
    ("0.200", r"lambda_max = ([\d.]+), kappa", "0.200"),
]
_NOTEBOOK_ONLY = [
    ("0.621", r"training accuracy ([\d.]+)", "0.621"),
    ("8", r"(?m)^Newton +(\d+)$", "8 (Newton)"),
    ("3.4", r"smoothness bound ell = ([\d.]+)", "3.4 times"),
    ("10", r"2 / lambda_max = ([\d.]+)", "= 10$"),
    ("5", _RACE.format(r"Newton \(iterations\)"), "after 5 iterations"),
    ("7", r"(?m)^Newton \(iterations\) +\d+ +(\d+)", "after 7"),
    ("9", _RACE.format(r"L-BFGS \(iterations\)"), "after 9 and 18"),
    ("18", r"(?m)^L-BFGS \(iterations\) +\d+ +(\d+)", "after 9 and 18"),
    ("50", _RACE.format(r"SGD, lr 0.2 \(epochs\)"), "after 50 epochs"),
    ("427", _SPLIT.format(r"(\d+)", r"\d+"), "427 training rows"),
    ("0.0344", _cv_row("0.0100", 1), "0.0344"),
    ("1.3", r"worst radius among all 30: .*z = ([\d.]+)", "1.3"),
    ("0.22", r"surest about: P\(malignant\) = ([\d.]+)", "0.22"),
    ("297", r"in the two repeats \(row (\d+)\)", "297"),
    ("0.0091", r"of a training cancer: [\d.]+ and ([\d.]+)", "0.0091"),
    ("0.77", r"below 0.05 or above 0.95: ([\d.]+)", "0.77"),
    ("0.216", r"(?m)^263 +malignant +([\d.]+)$", "from 0.216 to"),
    ("0.622", r"(?m)^541 +benign +([\d.]+)$", "to 0.622"),
    ("61.5", _screen_row("0.05", 1), "61.5"),
    ("265", r"benign: (\d+) and \d+", "265"),
    ("19", _screen_row("0.05", 3), "19 of the 92"),
    ("92", r"benign: \d+ and (\d+)", "19 of the 92"),
    ("142", _SPLIT.format(r"\d+", r"(\d+)"), "142 test rows"),
    ("0.025", r"differs from the optimum's by up to: .*, ([\d.]+) \(SGD\)", "by up to 0.025"),
]
QUOTES = _quotes(README, _BOTH + _README_ONLY) + _quotes(NOTEBOOK, _BOTH + _NOTEBOOK_ONLY)

# Numbers of the text that are not quoted from an output, and why.
NOT_FROM_AN_OUTPUT = {
    (README, "569"): "the size of the data set (scikit-learn's documentation of load_breast_cancer)",
    (README, "0.9"): "the momentum coefficient beta, a choice",
    (README, "0.2"): "SGD's learning rate, tuned in the stochastic optimization chapter",
    (README, "0.005"): "Adam's learning rate, tuned in the stochastic optimization chapter",
    (README, "2.5"): "the exponent of the grid value 10^-2.5, which the notebook prints as 0.0032",
    (README, "1.96"): "the 0.975 quantile of the standard normal distribution, from its formula",
    (NOTEBOOK, "569"): "the size of the data set (scikit-learn's documentation of load_breast_cancer)",
    (NOTEBOOK, "0.1"): "the typical size of the smoothness feature, an order of magnitude",
    (NOTEBOOK, "710"): "log of the largest double, 709.78, rounded up: exp overflows above it",
    (NOTEBOOK, "0.9"): "the momentum coefficient beta, a choice",
    (NOTEBOOK, "0.2"): "SGD's learning rate, tuned in the stochastic optimization chapter",
    (NOTEBOOK, "0.005"): "Adam's learning rate, tuned in the stochastic optimization chapter",
    (NOTEBOOK, "2.5"): "the exponent of the grid value 10^-2.5, which the notebook prints as 0.0032",
    (NOTEBOOK, "7.10"): "a section number of Hastie, Tibshirani and Friedman",
    (NOTEBOOK, "1.96"): "the 0.975 quantile of the standard normal distribution, from its formula",
    (NOTEBOOK, "0.95"): "the probability that counts as near certainty, a choice",
    (NOTEBOOK, "0.5"): "the default threshold one half, from the formula",
    (NOTEBOOK, "0.01"): "the smallest threshold of the grid, a choice",
    (NOTEBOOK, "10.0"): "an argument value proposed in an exercise",
    (NOTEBOOK, "13.5"): "1 - 0.865 in percent: arithmetic on the quoted lower end of the recall interval",
    (NOTEBOOK, "100"): "the unit of '13.5 in 100', a percentage",
    (NOTEBOOK, "250"): "the ratio of the tolerance 1e-8 to the error estimate 4e-11, from the formula",
}


@pytest.mark.parametrize("quote", QUOTES, ids=str)
def test_quote_agrees_with_the_stored_output(quote):
    assert check(quote) == []


@pytest.mark.parametrize("path, section", [(README, SECTION), (NOTEBOOK, "")])
def test_every_number_of_the_text_is_quoted_or_explained(path, section):
    assert uncovered(path, QUOTES, NOT_FROM_AN_OUTPUT, section) == []


def _section_text():
    text = quoting_text(README)
    start = text.index("## " + SECTION)
    return text[start : text.index("\n## ", start + 1)]


def _printed(pattern):
    """Every number the pattern captures in the notebook's stored output, as floats (at least one)."""
    found = [float(m) for m in re.findall(pattern, stored_output(NOTEBOOK))]
    assert found, pattern
    return found


def _printed_one(pattern):
    (value,) = set(_printed(pattern))
    return value


# ----------------------------------------------------------------------------------------------------------------
# An independent pipeline: the data, the penalized loss and a Newton solver written with numpy.linalg
# ----------------------------------------------------------------------------------------------------------------




def _sigmoid(z):
    return np.exp(-np.logaddexp(0.0, -z))


def _loss(w, X, y, alpha):
    # the notebook's cancellation-free form: log(1 + e^z) - y z = log(1 + e^{(1 - 2y) z})
    return float(np.mean(np.logaddexp(0.0, (1 - 2 * y) * (X @ w))) + 0.5 * alpha * np.sum(w[1:] ** 2))


def _grad(w, X, y, alpha):
    return X.T @ (_sigmoid(X @ w) - y) / len(y) + alpha * np.r_[0.0, w[1:]]


def _hess(w, X, y, alpha):
    p = _sigmoid(X @ w)
    return (X.T * (p * (1 - p))) @ X / len(y) + alpha * np.diag(np.r_[0.0, np.ones(len(w) - 1)])


def _newton(X, y, alpha, w0=None, tol=1e-10):
    """Newton's method with numpy.linalg.solve (independent of the course's Cholesky)."""
    w = np.zeros(X.shape[1]) if w0 is None else w0
    for _ in range(100):
        g = _grad(w, X, y, alpha)
        if np.linalg.norm(g) <= tol:
            return w
        w = w - np.linalg.solve(_hess(w, X, y, alpha), g)
    raise AssertionError("Newton did not converge")


def _with_intercept(A):
    return np.column_stack([np.ones(len(A)), A])


def _wilson(k, m):
    return binomtest(k, m).proportion_ci(confidence_level=0.95, method="wilson")


@pytest.fixture(scope="module")
def cancer():
    data = load_breast_cancer()
    X_raw, y = data.data, 1.0 - data.target  # y = 1 for malignant
    perm = np.random.default_rng(0).permutation(len(y))
    test, train = perm[: len(y) // 4], perm[len(y) // 4 :]
    mean, std = X_raw[train].mean(axis=0), X_raw[train].std(axis=0)
    X, X_test = _with_intercept((X_raw[train] - mean) / std), _with_intercept((X_raw[test] - mean) / std)
    n = len(train)
    reference = LogisticRegression(C=1 / (n * ALPHA), solver="newton-cholesky", tol=1e-12, max_iter=100)
    reference.fit(X[:, 1:], y[train])
    w = np.r_[reference.intercept_, reference.coef_.ravel()]
    return SimpleNamespace(
        names=list(data.feature_names),
        X_raw=X_raw,
        train=train,
        test=test,
        X=X,
        y=y[train],
        X_test=X_test,
        y_test=y[test],
        n=n,
        w=w,
        p_test=reference.predict_proba(X_test[:, 1:])[:, 1],
        reference=reference,
        ell=np.linalg.eigvalsh(X.T @ X / n)[-1] / 4 + ALPHA,
    )


@pytest.fixture(scope="module")
def cv(cancer):
    """The notebook's cross-validation (the same splits), with fits of our own: log-loss table and out-of-fold scores."""
    folds = list(RepeatedStratifiedKFold(n_splits=5, n_repeats=2, random_state=0).split(cancer.X, cancer.y))
    loss = np.zeros((len(folds), len(ALPHAS)))
    oof = np.zeros((2, len(ALPHAS), cancer.n))
    for k, (fit, val) in enumerate(folds):
        rows = cancer.train[fit]
        mean, std = cancer.X_raw[rows].mean(axis=0), cancer.X_raw[rows].std(axis=0)
        X_fit = _with_intercept((cancer.X_raw[rows] - mean) / std)
        X_val = _with_intercept((cancer.X_raw[cancer.train[val]] - mean) / std)
        w = None
        for j in reversed(range(len(ALPHAS))):
            w = _newton(X_fit, cancer.y[fit], ALPHAS[j], w)
            z = X_val @ w
            loss[k, j] = np.mean(np.logaddexp(0.0, z) - cancer.y[val] * z)
            oof[k // 5, j, val] = z
    return SimpleNamespace(folds=folds, loss=loss, oof=oof)


# ----------------------------------------------------------------------------------------------------------------
# Optimisation: the corrected claim about the step, iteration counts and their portability
# ----------------------------------------------------------------------------------------------------------------






def _gradient_error_bound(w, X, y):
    """Bound on the rounding error of the computed gradient at ``w`` (absolute, 2-norm).

    z = X w carries gamma_31 |X||w|, which moves sigma by s_i times that; sigma itself (exp of logaddexp) is within
    about 4 u relative; the product with X^T adds gamma_n |X|^T |sigma - y|; the penalty term is exact to u.
    """
    n = len(y)
    Xabs, z = np.abs(X), X @ w
    sig = _sigmoid(z)
    err = (
        gamma(n) * Xabs.T @ np.abs(sig - y)
        + Xabs.T @ (4 * U * sig + sig * (1 - sig) * gamma(X.shape[1]) * (Xabs @ np.abs(w)))
    ) / n
    return np.linalg.norm(err) + U * ALPHA * np.linalg.norm(w)


def _loss_error_bound(w, X, y):
    r"""Bound on the rounding error of the computed loss at ``w``.

    z_i carries gamma_31 |x_i|^T |w|, which moves the term log(1 + e^{(1 - 2y) z}) by |sigma(z_i) - y_i| times that;
    the term itself (a sign flip and logaddexp, non-negative) is within 4 u of its value; numpy's pairwise mean of
    427 terms (blocks of at most 128 summed by 8 accumulators of 16 terms, then two halvings) is within gamma_32 of
    their sum; the penalty (a dot product of 30 terms) within gamma_31, and the final sum within u.
    """
    z = X @ w
    terms = np.logaddexp(0.0, (1 - 2 * y) * z)
    return float(
        np.mean(np.abs(_sigmoid(z) - y) * gamma(X.shape[1]) * (np.abs(X) @ np.abs(w)))
        + (4 * U + gamma(32)) * np.mean(terms)
        + gamma(31) * 0.5 * ALPHA * np.sum(w[1:] ** 2)
        + U * _loss(w, X, y, ALPHA)
    )


def test_a_step_that_is_safe_everywhere_is_not_needed(cancer):
    """Correction: the README said "gradient descent must use a step that is safe everywhere". Not so: the fixed
    step 1 / ell needs about 3930 iterations, Armijo backtracking (which accepts the step 1, 3.4 times larger, at
    every iteration) 1153 and the heavy ball 325. Checked here with our own loops; QUOTES ties the text to them."""
    X, y = cancer.X, cancer.y

    def grad(w):
        return _grad(w, X, y, ALPHA)

    w0 = np.zeros(31)
    assert round(cancer.ell, 2) == 3.38  # ell = lambda_max(X^T X / n) / 4 + alpha
    # the fixed step 1 / ell: the module against a plain loop, to one step; the count moves by at most one step
    # with rounding, so "about 3930" (the nearest ten) holds on every machine
    gd = gradient_descent(grad, w0, learning_rate=1 / cancer.ell, tol=1e-8, max_iter=20_000)
    x_gd, norms_gd = plain_gradient_descent(grad, w0, 1 / cancer.ell, 1e-8, 20_000)
    assert gd.converged and abs(gd.n_iter - (len(norms_gd) - 1)) <= 1
    rho = 2 * _gradient_error_bound(x_gd, X, y) / 1e-8  # factor 2: the iterates' own, damped, rounding errors
    assert steps_the_count_can_move(norms_gd, 1e-8, rho) <= 1
    assert {round(k, -1) for k in (gd.n_iter - 1, gd.n_iter, gd.n_iter + 1)} == {3930}
    assert abs(gd.n_iter - 3933) <= 1  # the measured count the text quotes

    # Backtracking from the step 1: our own loop records every Armijo margin f(w) - c ||g||^2 - f(w - g) >= 0 of
    # the first trial. While ||g|| > 1e-7 every margin exceeds twice the rounding bound of the two losses it
    # compares, so the full step is accepted on every machine there: the notebook's printed "True" is portable.
    w, c, margins, resolved, norms_bt = w0.copy(), 1e-4, [], [], []
    for _ in range(5000):
        g = grad(w)
        norms_bt.append(np.linalg.norm(g))
        if norms_bt[-1] <= 1e-8:
            break
        f_w, f_next = _loss(w, X, y, ALPHA), _loss(w - g, X, y, ALPHA)
        margin = f_w - c * (g @ g) - f_next
        if norms_bt[-1] > 0.9e-7:  # a margin of safety below the notebook's cut at 1e-7
            margins.append(margin)
            resolved.append(2 * (_loss_error_bound(w, X, y) + _loss_error_bound(w - g, X, y)))
        # Below 1e-7 the margins fall to about 2 % of that rounding bound: whether a late step is halved depends on
        # the machine, so nothing is asserted there. The loop takes the full step, as the stored run did throughout.
        w = w - g
    assert np.all(np.array(margins) >= 0) and np.all(np.array(margins) > np.array(resolved))
    # what the README may claim for every machine: the full step while ||grad L|| > 1e-7, not at every iteration
    readme = " ".join(_section_text().split())
    assert r"on every machine at least while $\lVert \nabla L \rVert > 10^{-7}$" in readme
    # The measured 1153 is then the count of gradient descent with the step 1, which rounding moves by at most one
    # step (the argument of the fixed step above); on a machine that halves a late step the run is longer.
    n_backtracking = len(norms_bt) - 1
    rho_bt = 2 * _gradient_error_bound(w, X, y) / 1e-8
    assert abs(n_backtracking - 1153) <= steps_the_count_can_move(np.array(norms_bt), 1e-8, rho_bt) <= 1
    assert n_backtracking < gd.n_iter / 3  # 3.4 times fewer than 3933

    # The heavy ball: the module against our own loop, and a count that holds on every machine, because no
    # gradient norm near the end comes within 1 % of the tolerance while rounding moves them by far less.
    hb = momentum(grad, w0, learning_rate=1 / cancer.ell, beta=0.9, tol=1e-8, max_iter=20_000)
    w_prev, w, norms_hb = w0.copy(), w0.copy(), []
    for _ in range(2000):
        g = grad(w)
        norms_hb.append(np.linalg.norm(g))
        if norms_hb[-1] <= 1e-8:
            break
        w_prev, w = w, w - g / cancer.ell + 0.9 * (w - w_prev)
    assert hb.converged and hb.n_iter == len(norms_hb) - 1 == 325
    gap = min(np.min(np.array(norms_hb[:-1]) / 1e-8 - 1), 1 - norms_hb[-1] / 1e-8)
    # Rounding of each update is at most about 2 u ||w|| in the iterate; summed over 325 steps, amplified by the
    # transient growth of the heavy ball's propagator (below 100; about sqrt(ell / lambda_min) = 19 here) and mapped
    # to the gradient by the curvature (lambda_max < 0.3), it adds to the gradient's own rounding error. The
    # resulting relative perturbation of a gradient norm near 1e-8 stays ten times below the smallest gap.
    drift = 325 * 100 * 2 * U * np.linalg.norm(w) * 0.3
    rho_hb = (_gradient_error_bound(w, X, y) + drift) / 1e-8
    assert gap > 0.01 and gap > 10 * rho_hb

    # the text no longer claims what the counts refute
    for text in (_section_text(), quoting_text(NOTEBOOK)):
        assert "must use a step that is safe everywhere" not in text


def test_newton_iterations_curvature_and_agreement(cancer):
    X, y = cancer.X, cancer.y
    run = newton_method(
        lambda w: _grad(w, X, y, ALPHA), lambda w: _hess(w, X, y, ALPHA), np.zeros(31), tol=1e-8
    )
    # "Newton: 8 iterations" is machine-independent: quadratic convergence leaves the last two gradient norms far on
    # either side of the tolerance (about 1e-7 and 1e-13), far beyond any rounding of the gradient.
    assert run.converged and run.n_iter == 8 == _printed_one(r"(?m)^Newton: (\d+) iterations")
    last = [np.linalg.norm(_grad(w, X, y, ALPHA)) for w in run.path[-2:]]
    assert last[0] > 5e-8 and last[1] < 1e-10
    # ||w - w*|| <~ ||grad|| / lambda_min = 1e-8 / 0.0096 ~ 1e-6: scikit-learn's solution within that
    assert np.linalg.norm(cancer.w - run.x) <= 1e-6 * np.linalg.norm(cancer.w)
    lam = np.linalg.eigvalsh(_hess(cancer.w, X, y, ALPHA))  # kappa ~ 21: eigenvalues to ~1e-14 relative
    assert f"{lam[0]:.4f}" == "0.0096" and f"{lam[-1]:.3f}" == "0.200"
    assert round(lam[-1] / lam[0], 1) == _printed_one(r"kappa = ([\d.]+)") == 20.8
    assert round(cancer.ell / lam[0]) == _printed_one(r"ell / lambda_min = (\d+)") == 350
    assert round(2 / lam[-1], 1) == _printed_one(r"2 / lambda_max = ([\d.]+)") == 10.0
    # The bound ell is attained at w = 0 (every s_i = 1/4): the top eigenvector of X^T X has no intercept component,
    # because the features are centred on the training rows, so alpha D adds alpha to it. Eigenvalues of two matrices
    # that are equal up to rounding (relative ~1e-15, kappa-free for a symmetric eigenvalue): 1e-12 is generous.
    lam_zero = np.linalg.eigvalsh(_hess(np.zeros(31), X, y, ALPHA))[-1]
    assert abs(lam_zero - cancer.ell) <= 1e-12 * cancer.ell
    assert re.search(
        rf"Hessian at w = 0: lambda_max = {lam_zero:.2f}, equal to ell \(to 1e-12\): True",
        stored_output(NOTEBOOK),
    )


def test_one_irls_step_is_one_newton_step(cancer):
    """The GLM view: the Newton step from w = 0 is the weighted least-squares solution with working response z."""
    X, y, n = cancer.X, cancer.y, cancer.n
    w0 = np.zeros(31)
    mu = _sigmoid(X @ w0)
    s = mu * (1 - mu)  # the Bernoulli variances A''(theta)
    z = X @ w0 + (y - mu) / s
    A = np.vstack([np.sqrt(s)[:, None] * X, np.sqrt(n * ALPHA) * np.eye(31)[1:]])
    w_irls = np.linalg.lstsq(A, np.r_[np.sqrt(s) * z, np.zeros(30)], rcond=None)[0]
    w_newton = w0 - np.linalg.solve(_hess(w0, X, y, ALPHA), _grad(w0, X, y, ALPHA))
    # both solve the same system with kappa(A)^2 = kappa(H) ~ 1e3 at w = 0: agreement to ~1e-13, tested at 1e-10
    assert np.linalg.norm(w_irls - w_newton) <= 1e-10 * np.linalg.norm(w_newton)
    assert "one IRLS step equals one Newton step to 1e-10 (relative): True" in stored_output(NOTEBOOK)


def test_training_rows_are_separable_without_penalty(cancer):
    X, y = cancer.X, cancer.y
    run = newton_method(
        lambda w: _grad(w, X, y, 0.0), lambda w: _hess(w, X, y, 0.0), np.zeros(31), tol=1e-8, max_iter=40
    )
    margins = (2 * y - 1) * (X @ run.x)
    assert np.all(margins > 0)  # a separating hyperplane: no finite minimiser without the penalty
    assert np.linalg.norm(run.x) > 1000 and run.converged  # README: "past 1000", "still reports convergence"


@pytest.fixture(scope="module")
def race(cancer):
    """The paths of the race of section 9: Newton and L-BFGS by iteration, SGD and Adam by epoch (our own loops)."""
    X, y, n = cancer.X, cancer.y, cancer.n
    newton_path = [np.zeros(31)]
    for _ in range(8):
        w = newton_path[-1]
        newton_path.append(w - np.linalg.solve(_hess(w, X, y, ALPHA), _grad(w, X, y, ALPHA)))
    lbfgs_path = [np.zeros(31)]
    minimize(
        lambda w: (_loss(w, X, y, ALPHA), _grad(w, X, y, ALPHA)),
        np.zeros(31),
        jac=True,
        method="L-BFGS-B",
        callback=lambda w: lbfgs_path.append(w.copy()),
        options={"gtol": 1e-8 / np.sqrt(31), "ftol": 0.0},
    )

    def epochs(step):
        rng, w, path = np.random.default_rng(0), np.zeros(31), [np.zeros(31)]
        for _ in range(60):
            perm = rng.permutation(n)  # minibatch_indices: a fresh permutation per epoch, batches of 32
            for start in range(0, n, 32):
                rows = perm[start : start + 32]
                w = step(w, _grad(w, X[rows], y[rows], ALPHA))
            path.append(w)
        return path

    def adam():
        m, v, t = np.zeros(31), np.zeros(31), [0]

        def step(w, g):
            nonlocal m, v
            t[0] += 1
            m, v = 0.9 * m + 0.1 * g, 0.999 * v + 0.001 * g * g
            return w - 0.005 * (m / (1 - 0.9 ** t[0])) / (np.sqrt(v / (1 - 0.999 ** t[0])) + 1e-8)

        return step

    paths = {
        r"Newton \(iterations\)": newton_path,
        r"L-BFGS \(iterations\)": lbfgs_path,
        r"SGD, lr 0.2 \(epochs\)": epochs(lambda w, g: w - 0.2 * g),
        r"Adam, lr 0.005 \(epochs\)": epochs(adam()),
    }
    return SimpleNamespace(paths=paths, L_star=_loss(cancer.w, X, y, ALPHA))


def test_newton_against_lbfgs_and_the_stochastic_optimizers(cancer, race):
    """The counts of the race table, with our own SGD and Adam loops (same mini-batches as ``train``)."""
    X, y, L_star = cancer.X, cancer.y, race.L_star
    expected = {}
    for name, path in race.paths.items():
        gap = np.array([_loss(w, X, y, ALPHA) for w in path]) - L_star
        row = []
        for level in (1e-4, 1e-8):
            hit = np.flatnonzero(gap <= level)
            row.append(str(hit[0]) if hit.size else "never")
            # no value before the crossing (or at all) within 1 % of the level: rounding, about 1e-15 absolute in
            # the loss and 1e-12 relative in the paths, cannot move the first crossing
            assert np.all(np.abs(gap[: hit[0] + 1 if hit.size else None] / level - 1) > 0.01)
        end = gap[-1]
        row.append(f"{end:.0e}" if end > 1e-12 else "< 1e-12")
        if end > 1e-12:
            mantissa = end / 10 ** np.floor(np.log10(end))
            assert abs(mantissa - np.round(mantissa - 0.5) - 0.5) > 0.01  # far from a rounding tie
        expected[name] = row
    assert expected[r"Newton \(iterations\)"][:2] == ["5", "7"]
    assert expected[r"L-BFGS \(iterations\)"][:2] == ["9", "18"]
    assert expected[r"SGD, lr 0.2 \(epochs\)"] == ["50", "never", "4e-05"]
    assert expected[r"Adam, lr 0.005 \(epochs\)"] == ["never", "never", "4e-04"]
    for name, row in expected.items():
        printed = re.search(rf"(?m)^{name} +(\S+) +(\S+) +(.+?)$", stored_output(NOTEBOOK)).groups()
        assert list(printed) == row, name


def test_the_first_target_of_the_race_still_moves_the_probabilities(cancer, race):
    """Correction: the notebook called L - L* <= 1e-4 "already far below any change a prediction could notice". At the
    first iterate below it, a training row's P(malignant) still differs from the optimum's by 0.015 (Newton), 0.020
    (L-BFGS) and 0.025 (SGD), and Newton's and SGD's iterates each put one training row on the other side of one half."""
    X, y = cancer.X, cancer.y
    p_star = _sigmoid(X @ cancer.w)
    moved, flipped = {}, {}
    for name, label in [
        (r"Newton \(iterations\)", "Newton"),
        (r"L-BFGS \(iterations\)", "L-BFGS"),
        (r"SGD, lr 0.2 \(epochs\)", "SGD"),
    ]:
        path = race.paths[name]
        k = int(np.flatnonzero(np.array([_loss(w, X, y, ALPHA) for w in path]) - race.L_star <= 1e-4)[0])
        change = np.abs(_sigmoid(X @ path[k]) - p_star)
        moved[label] = np.max(change)
        # the iterates agree with the notebook's to ~1e-12 (see the race test): printed to 3 decimals, away from a tie
        assert abs((moved[label] * 1e3) % 1 - 0.5) > 1e-3
        flipped[label] = int(np.sum((X @ path[k] > 0) != (X @ cancer.w > 0)))
    printed = re.search(r"differs from the optimum's by up to: (.*)$", stored_output(NOTEBOOK), re.M).group(1)
    assert printed == ", ".join(f"{v:.3f} ({name})" for name, v in moved.items())
    assert min(moved.values()) > 0.01 and flipped == {
        "Newton": 1,
        "L-BFGS": 0,
        "SGD": 1,
    }  # a change one notices
    text = " ".join(quoting_text(NOTEBOOK).split())
    assert "far below any change a prediction could notice" not in text
    # the rates were tuned in the stochastic optimization chapter on all 569 rows, not on these 427
    assert "tuned on the same problem" not in text and "tuned for the same loss on all 569 rows" in text


# ----------------------------------------------------------------------------------------------------------------
# Model selection, coefficients, evaluation
# ----------------------------------------------------------------------------------------------------------------


def test_cross_validation_table_and_the_chosen_penalty(cv):
    mean, sd = cv.loss.mean(axis=0), cv.loss.std(axis=0, ddof=1)
    se = sd / np.sqrt(len(cv.folds))
    for j, alpha in enumerate(ALPHAS):
        label = f"{alpha:.4f}" if alpha >= 1e-3 else f"{alpha:.1e}"
        row = [_printed_one(_cv_row(re.escape(label), k)) for k in range(3)]
        # the fits stop at ||grad|| <= 1e-8 (here 1e-10): log-losses agree to ~1e-8, far below the printed 1e-4
        np.testing.assert_allclose(row, [mean[j], sd[j], se[j]], atol=0.5e-4 + 1e-7)
        # and no value sits within 1e-6 of a rounding tie of its fourth decimal
        assert np.all(np.abs((np.array([mean[j], sd[j], se[j]]) * 1e4) % 1 - 0.5) > 1e-2)
    best = int(np.argmin(mean))
    chosen = int(np.flatnonzero(mean <= mean[best] + se[best])[-1])
    assert ALPHAS[best] == pytest.approx(10**-2.5) and ALPHAS[chosen] == pytest.approx(ALPHA)
    # the choice is clear-cut: the next stronger penalty is far outside the one-standard-error band
    assert mean[chosen] < mean[best] + se[best] - 1e-3 and mean[chosen + 1] > mean[best] + se[best] + 1e-2
    # The 10 scores are not independent (two repeats of the same rows): with the standard error over 5, sqrt(2)
    # times larger, the rule still picks alpha = 1e-2, as the notebook prints and the text says.
    se_5 = sd[best] / np.sqrt(5)
    assert np.flatnonzero(mean <= mean[best] + se_5)[-1] == chosen
    assert mean[chosen + 1] > mean[best] + se_5 + 5e-3  # not a near tie: the next penalty is 0.011 outside
    assert _printed_one(r"standard error counting 5 folds: ([\d.]+);") == round(se_5, 4)
    assert f"standard error counting 5 folds: {se_5:.4f}; the same choice: True" in stored_output(NOTEBOOK)


def test_cross_validated_scores(cancer, cv):
    j = int(np.flatnonzero(np.isclose(ALPHAS, ALPHA))[0])
    scores = []
    for k, (_, val) in enumerate(cv.folds):
        z, yv = cv.oof[k // 5, j, val], cancer.y[val]
        scores.append(
            [np.mean((z > 0) == (yv == 1)), roc_auc_score(yv, z), cv.loss[k, j], recall_score(yv, z > 0)]
        )
    scores = np.array(scores)
    for column, (m, s) in enumerate(zip(scores.mean(axis=0), scores.std(axis=0, ddof=1), strict=True)):
        assert _printed_one(_score_row("mean", column)) == pytest.approx(m, abs=0.5e-3 + 1e-9)
        assert _printed_one(_score_row("std", column)) == pytest.approx(s, abs=0.5e-3 + 1e-9)


def test_coefficients_standard_errors_and_the_finding(cancer):
    """The coefficient table, and the finding: none of the 30 is significant alone, worst radius alone is."""
    X, y, n, w = cancer.X, cancer.y, cancer.n, cancer.w
    cov = np.linalg.inv(n * _hess(w, X, y, ALPHA))  # (X^T S X + n alpha D)^-1
    se = np.sqrt(np.diag(cov))
    z = w / se
    output = stored_output(NOTEBOOK)
    rows = re.findall(
        r"(?m)^([a-z][a-z ]+?) +(-?\d\.\d{3}) +(\d\.\d{3}) +(-?\d\.\d{3}) +(\d+\.\d{3}) +(\d+\.\d{3}) +"
        r"(\d+\.\d{3})$",
        output,
    )
    assert len(rows) == 10
    order = np.argsort(-np.abs(z[1:]))[:10]
    assert [r[0] for r in rows] == [cancer.names[i] for i in order]
    for (name, *values), i in zip(rows, order, strict=True):
        expected = [
            w[i + 1],
            se[i + 1],
            z[i + 1],
            np.exp(w[i + 1]),
            np.exp(w[i + 1] - 1.959964 * se[i + 1]),
            np.exp(w[i + 1] + 1.959964 * se[i + 1]),
        ]
        # w within ~1e-6 of the optimum (the solvers' tolerance): printed to 3 decimals
        np.testing.assert_allclose([float(v) for v in values], expected, atol=0.5e-3 + 1e-5, err_msg=name)
    assert np.max(np.abs(z[1:])) < 1.96  # no coefficient significant on its own
    assert round(np.max(np.abs(z[1:])), 2) == _printed_one(r"largest \|z\| of the 30 coefficients: ([\d.]+)")
    # worst radius alone, fitted by scikit-learn
    j = cancer.names.index("worst radius")
    X1 = X[:, [0, 1 + j]]
    alone = LogisticRegression(C=1 / (n * ALPHA), solver="newton-cholesky", tol=1e-12).fit(X1[:, 1:], y)
    w1 = np.r_[alone.intercept_, alone.coef_.ravel()]
    z1 = w1 / np.sqrt(np.diag(np.linalg.inv(n * _hess(w1, X1, y, ALPHA))))
    assert z1[1] > 10 and round(z1[1], 1) == _printed_one(r"worst radius alone: .*z = ([\d.]+)")
    assert round(z[1 + j], 1) == _printed_one(r"worst radius among all 30: .*z = ([\d.]+)")
    # the geometry behind it, on the training rows
    size = [
        cancer.names.index(f"{s} {m}") for s in ("mean", "worst") for m in ("radius", "perimeter", "area")
    ]
    corr = np.corrcoef(cancer.X_raw[cancer.train][:, size].T)
    assert round(corr.min(), 3) == _printed_one(r"six size columns \(training rows\): ([\d.]+)")
    r = cancer.X_raw[cancer.train, cancer.names.index("mean radius")]
    area = cancer.X_raw[cancer.train, cancer.names.index("mean area")]
    c = np.linalg.lstsq((r**2)[:, None], area, rcond=None)[0][0]
    r2 = 1 - np.sum((area - c * r**2) ** 2) / np.sum((area - area.mean()) ** 2)
    assert round(c, 2) == _printed_one(r"mean area = ([\d.]+) x") and round(r2, 4) == _printed_one(
        r"R\^2 = ([\d.]+)"
    )


def test_metrics_on_the_test_rows(cancer):
    y, p = cancer.y_test, cancer.p_test
    pred = (p > 0.5).astype(float)
    (tn, fp), (fn, tp) = confusion_matrix(y, pred)
    output = stored_output(NOTEBOOK)
    assert re.search(rf"(?m)^benign +{tn} +{fp} *$", output) and re.search(
        rf"(?m)^malignant +{fn} +{tp} *$", output
    )
    correct, m = int(tn + tp), len(y)
    assert (correct, m) == (139, 142)
    assert _printed_one(r"test accuracy: ([\d.]+)") == round(correct / m, 3)
    low, high = _wilson(correct, m)
    assert re.search(rf"test accuracy: .*Wilson interval \[{low:.3f}, {high:.3f}\]", output)
    assert _printed_one(r"baseline on the test rows: accuracy ([\d.]+)") == round(np.mean(y == 0), 3)
    assert _printed_one(r"recall for malignant: ([\d.]+)") == round(recall_score(y, pred), 3) == 0.96
    low, high = _wilson(int(tp), int(tp + fn))
    assert re.search(rf"recall for malignant: .*Wilson interval \[{low:.3f}, {high:.3f}\]", output)
    assert _printed_one(r"test AUC: ([\d.]+)") == round(roc_auc_score(y, p), 4)
    assert _printed_one(r"test log-loss: ([\d.]+);") == round(log_loss(y, p), 4)
    prior = np.full(m, np.mean(cancer.y))  # the training fraction of cancers for every test tumour
    assert _printed_one(r"for every tumour\): ([\d.]+)") == round(log_loss(y, prior), 4)


def test_the_model_can_be_confidently_wrong(cancer, cv):
    """Correction: an earlier text said the model is "never confidently wrong"; one missed cancer gets
    P(benign) = 0.78, and in cross-validation a training cancer gets P(malignant) below 0.01 in both repeats."""
    missed = cancer.p_test[(cancer.y_test == 1) & (cancer.p_test <= 0.5)]
    assert len(missed) == 2 and round(1 - missed.min(), 2) == _printed_one(r"P\(benign\) = ([\d.]+)") == 0.78
    for text in (_section_text(), quoting_text(NOTEBOOK)):
        assert "never confidently wrong" not in text
    j = int(np.flatnonzero(np.isclose(ALPHAS, ALPHA))[0])
    p_cv = 1 / (1 + np.exp(-cv.oof[:, j, :]))
    worst = np.argmin(np.where(cancer.y == 1, p_cv.min(axis=0), 1.0))
    assert np.all(p_cv[:, worst] < 0.01) and cancer.train[worst] == 297
    printed = [
        _printed_one(r"training cancer: ([\d.]+) and"),
        _printed_one(r"training cancer: [\d.]+ and ([\d.]+)"),
    ]
    assert [round(v, 4) for v in p_cv[:, worst]] == printed
    # "a small tumour": only one training cancer has a smaller worst radius (printed; the text quotes "1 of the 162")
    radius = cancer.X_raw[cancer.train, cancer.names.index("worst radius")]
    smaller = int(np.sum(radius[cancer.y == 1] < radius[worst]))
    assert smaller == 1 and re.search(
        rf"smaller worst radius than row 297: {smaller} of {int(cancer.y.sum())}", stored_output(NOTEBOOK)
    )
    assert "only 1 of the 162 training cancers has a smaller worst radius" in quoting_text(NOTEBOOK)


def test_no_confident_test_prediction_is_wrong(cancer, cv):
    """Correction: the notebook said that "a few of the confident ones are wrong" right after the fraction of
    confident test predictions; no test prediction below 0.05 or above 0.95 is wrong. Cross-validation finds one
    confident error in each repeat, the cancer of row 297, and no benign tumour above 0.95."""
    p, y = cancer.p_test, cancer.y_test
    confident = (p < 0.05) | (p > 0.95)
    # no probability within 1e-6 of 0.05 or 0.95: rounding cannot move a tumour across these limits
    assert np.min(np.abs(p[:, None] - [0.05, 0.95])) > 1e-6
    assert np.sum(confident & ((p > 0.5) != (y == 1))) == 0
    j = int(np.flatnonzero(np.isclose(ALPHAS, ALPHA))[0])
    p_cv = 1 / (1 + np.exp(-cv.oof[:, j, :]))  # (2, 427)
    wrong = ((p_cv < 0.05) & (cancer.y == 1)) | ((p_cv > 0.95) & (cancer.y == 0))
    assert [list(cancer.train[np.flatnonzero(row)]) for row in wrong] == [[297], [297]]
    text = quoting_text(NOTEBOOK)
    assert "a few of the confident ones are wrong" not in text
    assert "none of them is wrong" in text and "row 297" in text


def test_the_recall_interval_in_words(cancer):
    """Correction: "48 found cannot rule out that one cancer in seven slips through" contradicts the interval: a
    miss rate of 1/7 = 0.143 is a recall of 0.857, below the interval's lower end 0.865. The text now says one in
    eight (recall 0.875, inside the interval)."""
    words = {"five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
    low, high = _wilson(48, 50)
    (said,) = re.findall(r"one cancer in (\w+) slips through", quoting_text(NOTEBOOK))
    miss = 1 / words[said]
    assert 1 - high <= miss <= 1 - low  # a miss rate the interval cannot rule out


def test_the_screening_table_and_threshold(cancer, cv):
    j = int(np.flatnonzero(np.isclose(ALPHAS, ALPHA))[0])
    p_oof, y_oof = 1 / (1 + np.exp(-cv.oof[:, j, :].ravel())), np.tile(cancer.y, 2)
    p, y = cancer.p_test, cancer.y_test
    n_cancers = int(cancer.y.sum())
    chosen = None
    for t in THRESHOLDS:
        row = [
            np.sum((p_oof <= t) & (y_oof == 1)) / 2,
            np.sum((p_oof > t) & (y_oof == 0)) / 2,
            np.sum((p <= t) & (y == 1)),
            np.sum((p > t) & (y == 0)),
        ]
        label = f"{t:.2f}"
        assert [_printed_one(_screen_row(label, k)) for k in range(4)] == row, t
        # no probability within 1e-6 of a threshold: rounding cannot move a tumour across it
        assert np.min(np.abs(np.r_[p_oof, p] - t)) > 1e-6
        if chosen is None and 1 - row[0] / n_cancers >= 0.99:
            chosen = t
    assert chosen == 0.05 == _printed_one(r"sensitivity >= 0.99: ([\d.]+)")
    benign = int(np.sum(y == 0))
    specificity = 1 - np.sum((p > chosen) & (y == 0)) / benign
    assert _printed_one(r"cancers missed, specificity ([\d.]+)") == round(specificity, 3)
    low, _ = _wilson(int(y.sum()), int(y.sum()))
    assert _printed_one(r"recall 95 % Wilson interval \[([\d.]+),") == round(low, 3)


def test_the_screening_threshold_is_the_largest_of_the_table(cancer, cv):
    """Correction: the text called 0.05 "the largest threshold that catches at least 99 %" of the training cancers.
    It is the largest of the seven thresholds of the table: with k cancers missed over the two repeats pooled, the
    sensitivity 1 - k / (2 * 162) stays >= 0.99 up to k = 3, so every threshold below the fourth-lowest pooled
    out-of-fold probability of a cancer (about 0.0997) catches 99 % too."""
    j = int(np.flatnonzero(np.isclose(ALPHAS, ALPHA))[0])
    p_oof, y_oof = 1 / (1 + np.exp(-cv.oof[:, j, :].ravel())), np.tile(cancer.y, 2)
    n_cancers = int(cancer.y.sum())
    k_max = int(np.floor(0.01 * 2 * n_cancers))  # the most pooled misses a 99 % sensitivity allows: 3
    supremum = np.sort(p_oof[y_oof == 1])[k_max]  # thresholds t < supremum miss at most k_max pooled
    assert k_max == 3 and 1 - k_max / (2 * n_cancers) >= 0.99 and supremum > 0.09  # far above 0.05
    readme, notebook = " ".join(_section_text().split()), " ".join(quoting_text(NOTEBOOK).split())
    for text in (readme, notebook):
        assert "largest threshold that catches" not in text
    assert "Of the seven thresholds the notebook tabulates, the largest that catches at least 99 %" in readme
    assert "the largest threshold of the table that catches at least 99 %" in notebook
    printed = "largest threshold in the table with cross-validated sensitivity >= 0.99: 0.05"
    assert printed in stored_output(NOTEBOOK)


def test_the_overflow_limits_of_the_naive_formulas():
    """Correction: the notebook said e^{-z} overflows "for z < -709"; exp overflows only above
    log(largest double) = 709.78, so at z = -709.5 it is still finite. The limits the text states now hold for every z
    beyond them (exp and 1 + e^{-z} are monotone, so checking the first double beyond each limit suffices)."""
    text = quoting_text(NOTEBOOK)
    (low,) = re.findall(r"overflows in \$e\^\{-z\}\$ for \$z < -(\d+)\$", text)
    (high,) = re.findall(r"rounds to\s+exactly 0 as soon as \$z > (\d+)\$", text)
    z_low, z_high = -float(low), float(high)
    with np.errstate(over="ignore"):
        assert np.isinf(np.exp(-np.nextafter(z_low, -np.inf)))  # every z < z_low overflows
        assert np.isfinite(np.exp(-(z_low + 1)))  # and the limit is within one of the true one
    assert 1.0 - 1.0 / (1.0 + np.exp(-np.nextafter(z_high, np.inf))) == 0.0
    assert 1.0 - 1.0 / (1.0 + np.exp(-(z_high - 1))) > 0.0


def test_agreement_with_scikit_learn_is_within_the_stopping_tolerance(cancer):
    """The notebook's Newton solution (course modules) against scikit-learn: ||w - w*|| <~ 1e-8 / lambda_min."""
    X, y = cancer.X, cancer.y
    run = newton_method(
        lambda w: _grad(w, X, y, ALPHA), lambda w: _hess(w, X, y, ALPHA), np.zeros(31), tol=1e-8
    )
    assert np.linalg.norm(cancer.w - run.x) <= 1e-6 * np.linalg.norm(cancer.w)
    assert np.array_equal(
        cancer.reference.predict(cancer.X_test[:, 1:]), (cancer.X_test @ run.x > 0).astype(float)
    )
