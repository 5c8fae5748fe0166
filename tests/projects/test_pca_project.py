"""The PCA project (``projects/pca_with_eigen.ipynb``) and its section of ``projects/README.md``.

Two kinds of test. ``QUOTES`` ties every number the text quotes to the stored output that printed it, so that
regenerating the notebook after a change that moves a number fails until the text follows (``tools/quotes.py``).
The other tests recompute what the notebook prints along independent routes (``numpy.linalg``, scikit-learn, scipy,
distances written out here) and check that the printed values are those values, rounded where the rounding cannot
tip over on another machine.
"""

import re
from types import SimpleNamespace

import numpy as np
import pytest
from scipy.spatial.distance import cdist
from scipy.stats import binomtest
from sklearn.datasets import load_digits
from sklearn.decomposition import PCA
from sklearn.model_selection import StratifiedKFold, cross_val_score, train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline

from linear_algebra.python_implementations.eigen import eigh, qr
from linear_algebra.python_implementations.svd import svd
from tools.quotes import Quote, check, numbers_in, quoting_text, stored_output, uncovered

NOTEBOOK = "projects/pca_with_eigen.ipynb"
README = "projects/README.md"
SECTION = "3. PCA with eigenvectors"
EPS = np.finfo(float).eps
U = EPS / 2  # unit roundoff (NOTATION.md)
KS = [1, 2, 3, 5, 8, 10, 15, 20, 25, 30, 40, 64]  # the numbers of components the notebook cross-validates


def _quotes(text, entries):
    return [Quote(text=text, quoted=q, notebook=NOTEBOOK, pattern=p, context=c) for q, p, c in entries]


def _silhouette_row(digit, column):
    # a row of the silhouette table: digit, 2-D silhouette, 64-pixel silhouette, mean score 1, mean score 2
    cells = [r"-?\d\.\d\d", r"-?\d\.\d\d", r"-?\d+\.\d", r"-?\d+\.\d"]
    cells[column] = f"({cells[column]})"
    return rf"(?m)^{digit} +" + " +".join(cells) + "$"


# Numbers the text quotes, each with the pattern that captures it in the stored output of the notebook.
_BOTH = [  # quoted by the README section and by the notebook's markdown alike
    ("1347", r"training rows: n = (\d+)", "1347"),
    ("450", r"   test rows: (\d+)", "450"),
    ("28.5", r"the first 2 components keep ([\d.]+) %", "28.5 %"),
    ("0.49", _silhouette_row(0, 0), "0.49"),
    ("0.33", _silhouette_row(6, 0), "0.33"),
    ("0.572", r"two components: accuracy ([\d.]+)", "0.572"),
    ("0.971", r"ten components: accuracy ([\d.]+)", "0.971"),
    ("0.985", r"one-standard-error rule: k = \d+, accuracy ([\d.]+)", "0.985"),
    ("0.007", r"one-standard-error rule: .*\(sd over folds ([\d.]+)\)", "0.007"),
    ("0.986", r"all 64 pixels: accuracy ([\d.]+)", "0.986"),
    ("0.980", r"test accuracy with k = \d+: ([\d.]+)", "0.980"),
    ("0.962", r"Wilson interval ([\d.]+) to", "0.962"),
    ("0.989", r"Wilson interval [\d.]+ to ([\d.]+)", "0.989"),
    ("1.01", r"test / training for k = 0 \.\.\. 40: from ([\d.]+)", "1.01"),
    ("1.11", r"test / training for k = 0 \.\.\. 40: from [\d.]+ to ([\d.]+)", "1.11"),
    ("0.73", r"the last \d+ components: at least ([\d.]+)", "0.73"),
    ("12", r"the last (\d+) components", "12 "),
    ("22", r"inked in at most (\d+) of the", "22 of the"),
    ("0.0105", r"their share of the total variance: ([\d.]+) %", "0.0105 %"),
    ("20", r"one-standard-error rule: k = (\d+)", "k = 20"),
    ("28", r"k95 = (\d+)", "28 components"),
    ("21", r"k90 = (\d+)", "21 components"),
    ("40", r"best: k = (\d+)", "k = 40"),
    ("9", r"\((\d+) errors in", "9 mistakes"),
]
_BEST = ("0.987", r"best: k = \d+, cross-validated accuracy ([\d.]+)", "0.987")
_RULE95 = ("0.987", r"95 % rule inside the folds: k = \[\d+\], accuracy ([\d.]+)", "scores 0.987")
QUOTES = [
    *_quotes(
        README,
        [
            *_BOTH,
            _BEST,
            _RULE95,
            ("1797", r"(\d+) images of d = 64 pixels", "1797"),
            ("0.09", _silhouette_row(3, 0), "3 scores 0.09"),
            ("0.06", _silhouette_row(9, 0), "0.06"),
            ("-0.34", _silhouette_row(5, 0), "-0.34"),
            # the closing answer repeats these numbers; each context pins the occurrence in that paragraph
            ("20", r"one-standard-error rule: k = (\d+)", "about 20 of its 64 numbers"),
            ("0.985", r"one-standard-error rule: k = \d+, accuracy ([\d.]+)", "accuracy of 0.985"),
            ("0.007", r"one-standard-error rule: .*\(sd over folds ([\d.]+)\)", "0.007 over the folds)"),
            ("0.980", r"test accuracy with k = \d+: ([\d.]+)", "0.980 on the test rows"),
            ("0.962", r"Wilson interval ([\d.]+) to", "(95 % interval 0.962"),
            ("0.989", r"Wilson interval [\d.]+ to ([\d.]+)", "interval 0.962 to 0.989)"),
            ("21", r"k90 = (\d+)", "21 components keep 90 % of the variance and 28"),
            ("28", r"k95 = (\d+)", "and 28 keep 95 %"),
        ],
    ),
    *_quotes(
        NOTEBOOK,
        [
            *_BOTH,
            _BEST,
            _RULE95,
            ("0.19", _silhouette_row(4, 0), "0.19 to 0.22"),
            ("0.22", _silhouette_row(2, 0), "0.19 to 0.22"),
            ("0.09", _silhouette_row(3, 0), "3 (0.09)"),
            ("0.06", _silhouette_row(9, 0), "9 (0.06)"),
            ("-0.34", _silhouette_row(5, 0), "(-0.34)"),
            ("0.35", _silhouette_row(0, 1), "none above 0.35"),
            ("2.9", r"smallest gap among the first 11 eigenvalues: ([\d.]+)", "2.9"),
            ("4.8", r"smallest non-zero eigenvalue / largest: ([\d.]+)e-07", "4.8"),
            ("10.5", r"variance left out by k = \d+ components: ([\d.]+) %", "10.5 %"),
            ("52", r"component (\d+), the next one up", "ends at component 52"),
            ("0.54", r"the next one up: at most ([\d.]+)", "0.54"),
            ("0.13", r"lambda_\(k\+1\) at the k tried, over the folds: ([\d.]+)", "is 0.13"),
            ("0.99", r"together ([\d.]+) of its weight", "0.99"),
        ],
    ),
]

# Candidate numbers of the text (tools.quotes.numbers_in) that are not copied from an output.
NOT_FROM_AN_OUTPUT = {
    (NOTEBOOK, "0.5"): "Kaufman and Rousseeuw's threshold for a reasonable structure",
    (NOTEBOOK, "0.25"): "Kaufman and Rousseeuw's threshold: at or below it, no substantial structure",
    (README, "0.25"): "Kaufman and Rousseeuw's threshold: at or below it, no substantial structure",
    (NOTEBOOK, "1.5"): "the scikit-learn version that changed the default svd_solver",
    (NOTEBOOK, "7.10"): "a section number of The Elements of Statistical Learning",
    (NOTEBOOK, "0.975"): "the quantile of a two-sided 95 % interval, z_0.975",
    (NOTEBOOK, "1.96"): "z_0.975 of the standard normal distribution, rounded (NOTATION.md)",
    (NOTEBOOK, "0.95"): "the coverage of a 95 % interval, by definition",
}


@pytest.mark.parametrize("quote", QUOTES, ids=str)
def test_quoted_number_is_the_stored_output(quote):
    assert check(quote) == []


@pytest.mark.parametrize("path, section", [(README, SECTION), (NOTEBOOK, "")])
def test_every_number_in_the_text_is_quoted_or_explained(path, section):
    explained = {number for where, number in NOT_FROM_AN_OUTPUT if where == path}
    found = {number for _, number in numbers_in(path, section=section)}
    assert found, f"no candidate number found in {path} {section}"
    assert uncovered(path, QUOTES, NOT_FROM_AN_OUTPUT, section) == []
    assert explained - found == set(), "an explanation for a number the text no longer has"


# ----------------------------------------------------------------------------------------------------------------
# The pipeline, recomputed along other routes
# ----------------------------------------------------------------------------------------------------------------


def _printed(pattern):
    """Every match of ``pattern`` in the notebook's stored output (one group: the strings; several: tuples)."""
    found = re.findall(pattern, stored_output(NOTEBOOK))
    assert found, pattern
    return found


def _rounds_to(value, printed, error):
    """True when ``value`` rounds to the string ``printed`` and stays so for any perturbation up to ``error``:
    the printed digits are then the same on every machine whose rounding errors are below ``error``."""
    decimals = len(printed.split(".")[1]) if "." in printed else 0
    step = 10.0**-decimals
    lower, upper = float(printed) - step / 2, float(printed) + step / 2
    return lower + error < value < upper - error


def _squared_distances(A, B):
    return cdist(A, B, "sqeuclidean")  # differences first, then squares: no cancellation


def _nearest(Z_fit, y_fit, Z_new):
    """1-NN by explicit distances: predictions, and for every new row the nearest distance and the nearest distance
    to another digit."""
    D = _squared_distances(Z_new, Z_fit)  # (m, n_fit)
    nearest = D.argmin(axis=1)
    y_pred = y_fit[nearest]
    other = np.where(y_fit[None, :] != y_pred[:, None], D, np.inf).min(axis=1)
    return y_pred, D.min(axis=1), other


@pytest.fixture(scope="module")
def digits():
    X_all, y_all = load_digits(return_X_y=True)
    X, X_test, y, y_test = train_test_split(X_all, y_all, test_size=0.25, stratify=y_all, random_state=0)
    x_mean = X.mean(axis=0)
    Xc, Xc_test = X - x_mean, X_test - x_mean
    n = len(X)
    Sigma = Xc.T @ Xc / (n - 1)
    lam_np, V_np = np.linalg.eigh(Sigma)
    lam, V = eigh(Sigma)  # the course's Jacobi, as the notebook runs it
    return SimpleNamespace(
        X_all=X_all,
        X=X,
        X_test=X_test,
        y=y,
        y_test=y_test,
        Xc=Xc,
        Xc_test=Xc_test,
        n=n,
        Sigma=Sigma,
        lam_np=lam_np[::-1],
        V_np=V_np[:, ::-1],
        lam=lam[::-1],
        V=V[:, ::-1],
    )


@pytest.fixture(scope="module")
def cross_validation(digits):
    """The notebook's 5-fold cross-validation, with the PCA of each fold from LAPACK's SVD of the fold's rows."""
    X, y = digits.X, digits.y
    folds = list(StratifiedKFold(n_splits=5, shuffle=True, random_state=0).split(X, y))
    accuracy = np.zeros((len(folds), len(KS)))
    k95, accuracy95, smallest_margin, safety = [], [], np.inf, np.inf
    for f, (fit, val) in enumerate(folds):
        mean_fit = X[fit].mean(axis=0)
        A_fit, A_val = X[fit] - mean_fit, X[val] - mean_fit
        _, s, Vt = np.linalg.svd(A_fit, full_matrices=False)  # the directions without forming A^T A
        variance = np.cumsum(s**2) / np.sum(s**2)
        k95.append(int(np.argmax(variance >= 0.95)) + 1)
        Z_fit, Z_val = A_fit @ Vt.T, A_val @ Vt.T
        for j, k in enumerate([*KS, k95[-1]]):
            y_pred, near, other = _nearest(Z_fit[:, :k], y[fit], Z_val[:, :k])
            score = np.mean(y_pred == y[val])
            if j < len(KS):
                accuracy[f, j] = score
            else:
                accuracy95.append(score)
            smallest_margin = min(smallest_margin, np.min((other - near) / other))
            # the notebook's expanded distances ||z||^2 - 2 z.z' + ||z'||^2 (scores from another eigensolver, equal
            # to these within ~1e-12 relative: test_folds_may_use_lapack_eigh_instead_of_the_course_eigh) err by at most gamma_(k+2) (||z||^2 + 2 |z.z'| + ||z'||^2)
            # <= 2 gamma_(k+2) (||z||^2 + ||z'||^2) =: e; a decision cannot flip while other - near > 2 e
            norms = np.sum(Z_val[:, :k] ** 2, axis=1) + np.max(np.sum(Z_fit[:, :k] ** 2, axis=1))
            e = 2 * (k + 2) * U * 1.01 * norms  # gamma_m <= 1.01 m u for m u < 0.01
            safety = min(safety, np.min((other - near) / (2 * e)))
    return SimpleNamespace(
        accuracy=accuracy,
        k95=k95,
        accuracy95=np.array(accuracy95),
        lam=digits.lam_np,
        smallest_margin=smallest_margin,
        safety=safety,
    )


# ----------------------------------------------------------------------------------------------------------------
# Data and spectrum
# ----------------------------------------------------------------------------------------------------------------


def test_split_sizes(digits):
    assert len(digits.X_all) == 1797  # the data set's documented size
    assert (digits.n, len(digits.X_test)) == (1347, 450)
    printed = _printed(r"(?m)^training +([\d ]+)$")[0].split()
    assert [int(c) for c in printed] == np.bincount(digits.y).tolist()


def test_spectrum_against_lapack(digits):
    # Jacobi and LAPACK are backward stable: eigenvalues within c d eps ||Sigma||, c = 100 / 64 generous
    np.testing.assert_allclose(digits.lam, digits.lam_np, rtol=0, atol=100 * EPS * digits.lam_np[0])
    printed = _printed(r"largest eigenvalues: \[([\d. ]+)\]")[0].split()
    error = 100 * EPS * digits.lam_np[0]
    assert all(_rounds_to(v, p, error) for v, p in zip(digits.lam_np[:6], printed, strict=True))
    total = np.trace(digits.Sigma)
    assert _rounds_to(total, _printed(r"sum of eigenvalues = ([\d.]+)")[0], 1e-9 * total)
    # the smallest gap between the first 11 eigenvalues (quoted 2.9): it bounds the eigenvector error in section 6
    gap = np.min(-np.diff(digits.lam_np[:11]))
    assert _rounds_to(gap, _printed(r"first 11 eigenvalues: ([\d.]+)")[0], error)
    smallest = digits.lam_np[digits.lam_np > 1e-10][-1] / digits.lam_np[0]
    assert _rounds_to(smallest * 1e7, _printed(r"eigenvalue / largest: ([\d.]+)e-07")[0], 1e-6)


def test_blank_pixels_give_eigenvalues_exactly_zero(digits):
    # a blank pixel's column of X_c is exactly zero, so is its row of Sigma; Jacobi never rotates a zero entry
    blank = np.flatnonzero(digits.X.max(axis=0) == 0)
    assert len(blank) == 4
    assert np.sum(digits.lam == 0) == 4
    # (64, 4) the eigenvectors of the zero eigenvalues: the e_k of the blank pixels
    zero = digits.V[:, digits.lam == 0]
    assert sorted(np.abs(zero).argmax(axis=0).tolist()) == sorted(blank.tolist())
    assert np.array_equal(np.abs(zero).max(axis=0), np.ones(4))
    # LAPACK finds the same eigenvalues only to roundoff: the claim "exactly 0" is the course's Jacobi
    assert np.all(np.abs(digits.lam_np[-4:]) <= 100 * EPS * digits.lam_np[0])


def test_variance_rules_against_sklearn(digits):
    for fraction, printed in [(0.90, r"k90 = (\d+)"), (0.95, r"k95 = (\d+)")]:
        # PCA(n_components=fraction) keeps the smallest k whose explained variance ratio reaches the fraction
        k_sklearn = PCA(n_components=fraction, svd_solver="full").fit(digits.X).n_components_
        assert k_sklearn == int(_printed(printed)[0])
    ratio = digits.lam_np / digits.lam_np.sum()
    assert _rounds_to(100 * ratio[:2].sum(), _printed(r"first 2 components keep ([\d.]+) %")[0], 1e-9)


def test_svd_through_qr_keeps_the_singular_values(digits):
    # X_c = Q R, R = U_R S V^T: both steps backward stable, so |s - s_LAPACK| <= c d eps s_max (c = 100 / 64)
    _, R = qr(digits.Xc)
    s = svd(R).s
    s_ref = np.linalg.svd(digits.Xc, compute_uv=False)
    np.testing.assert_allclose(s, s_ref, rtol=0, atol=100 * EPS * s_ref[0])


# ----------------------------------------------------------------------------------------------------------------
# Section 5: the 2-D picture read with silhouettes (the correction of the named clusters)
# ----------------------------------------------------------------------------------------------------------------


def _silhouettes(Z, labels):
    """Mean silhouette of each digit, from the definition: a = mean distance to the own digit (without the point),
    b = the smallest mean distance to another digit, s = (b - a) / max(a, b)."""
    D = np.sqrt(_squared_distances(Z, Z))
    digits = np.unique(labels)
    mean_to = np.stack([D[:, labels == c].sum(axis=1) for c in digits], axis=1)  # (n, 10) sums
    sizes = np.array([np.sum(labels == c) for c in digits])
    own = labels[:, None] == digits[None, :]
    a = mean_to[own] / (sizes[labels] - 1)
    b = np.where(own, np.inf, mean_to / sizes).min(axis=1)
    s = (b - a) / np.maximum(a, b)
    return np.array([s[labels == c].mean() for c in digits])


def test_class_centres_say_what_the_axes_measure(digits):
    # the notebook's sign convention (eigh): the entry of largest magnitude of each direction is positive
    V2 = digits.V_np[:, :2] * np.sign(digits.V_np[np.abs(digits.V_np[:, :2]).argmax(axis=0), [0, 1]])
    centres = np.stack([(digits.Xc @ V2)[digits.y == c].mean(axis=0) for c in range(10)])  # (10, 2)
    for digit in range(10):
        for column in (0, 1):
            printed = _printed(_silhouette_row(digit, 2 + column))[0]
            assert _rounds_to(centres[digit, column], printed, 1e-9), (digit, column)
    order1, order2 = np.argsort(centres[:, 0]), np.argsort(centres[:, 1])
    # "the first score is highest for 4 and 6 and lowest for 3, 9 and 2, the second runs from 7 and 1 to 0"
    assert set(order1[-2:].tolist()) == {4, 6} and set(order1[:3].tolist()) == {2, 3, 9}
    assert set(order2[-2:].tolist()) == {1, 7} and order2[0] == 0
    # "0 at the low end of the second axis and 6 at the lower right"
    assert centres[6, 0] > 0 > centres[6, 1]


@pytest.fixture(scope="module")
def silhouettes(digits):
    scores2 = digits.Xc @ digits.V_np[:, :2]  # the sign of a direction does not change a distance
    return SimpleNamespace(plane=_silhouettes(scores2, digits.y), pixels=_silhouettes(digits.Xc, digits.y))


def test_silhouette_table_against_the_definition(silhouettes):
    # distances to relative 1e-13 at most (eigenvector error ~ eps lambda_max / gap, gap >= 2.9); 1e-9 is ample
    for digit in range(10):
        for column, values in [(0, silhouettes.plane), (1, silhouettes.pixels)]:
            printed = _printed(_silhouette_row(digit, column))[0]
            assert _rounds_to(values[digit], printed, 1e-9), (digit, column, values[digit], printed)
    # "with all 64 coordinates every digit has a positive mean silhouette, but none above 0.35"
    assert 0 < silhouettes.pixels.min() and silhouettes.pixels.max() < 0.35


def _section(path, title):
    text = open(path, encoding="utf-8").read()
    start = text.index(f"## {title}")
    end = text.find("\n## ", start + 1)
    return text[start : end if end > 0 else None]


SEPARATED = re.compile(r"only ((?:\d, )*\d) and (\d) have a mean silhouette above 0\.25")
# sentences that name digits as separated in the picture ("shows clusters for 0, 3, 4 and 6", "0 and 6 stand apart")
CLAIMS = [
    re.compile(r"clusters? (?:for|of) ((?:\d, )*\d(?: and \d)?)"),
    re.compile(r"((?:\d, )*\d and \d) (?:sit|stand) apart"),
]


@pytest.mark.parametrize("where", ["README", "notebook"])
def test_the_digits_named_as_separated_are_those_with_a_silhouette_above_a_quarter(where, silhouettes):
    # Correction (issue 12): the text named 0, 3, 4 and 6 as the clusters of the 2-D picture, but digit 3 has a mean
    # silhouette near 0 there. The digits the text names must be exactly those whose mean silhouette exceeds 0.25
    # (Kaufman and Rousseeuw: at or below 0.25, no substantial structure), and no sentence may call others clusters.
    text = " ".join((_section(README, SECTION) if where == "README" else quoting_text(NOTEBOOK)).split())
    separated = set(np.flatnonzero(silhouettes.plane > 0.25).tolist())
    for claim in [c for pattern in CLAIMS for c in pattern.findall(text)]:
        named = {int(c) for c in re.findall(r"\d", claim)}
        assert named <= separated, (
            f"the text calls {sorted(named)} clusters; silhouettes above 0.25: {separated}"
        )
    match = SEPARATED.search(text)
    assert match, "the text does not say which digits the 2-D picture separates"
    assert {int(c) for c in re.findall(r"\d", " ".join(match.groups()))} == separated == {0, 6}
    assert np.all(np.abs(silhouettes.plane[[3, 4]]) < 0.25)  # the two digits the old text named wrongly
    # "1, 5 and 8 have negative means"
    assert set(np.flatnonzero(silhouettes.plane < 0).tolist()) == {1, 5, 8}


# ----------------------------------------------------------------------------------------------------------------
# Section 8: cross-validated accuracy against k, the one-standard-error rule and the 95 % rule
# ----------------------------------------------------------------------------------------------------------------


def test_decisions_have_margins_far_above_rounding(cross_validation):
    # the notebook prints "every decision has a relative margin above 1e-6"; its predictions are the same on every
    # machine when that margin exceeds the relative error of its expanded distances by far
    assert cross_validation.smallest_margin > 1e-6
    # every gap exceeds 100 times twice its rounding bound (measured: 1.2e3)
    assert cross_validation.safety > 100


def test_cross_validation_table(cross_validation):
    acc = cross_validation.accuracy  # (5, 12): exact ratios of counts, the same on every machine
    rows = {
        int(k): values.split() for k, values in _printed(r"(?m)^(\d+) +([01]\.\d{3}(?: +[01]\.\d{3}){4})$")
    }
    assert sorted(rows) == KS
    kept = np.cumsum(cross_validation.lam) / np.sum(cross_validation.lam)  # all training rows
    for j, k in enumerate(KS):
        assert _rounds_to(kept[k - 1], rows[k][0], 1e-9)
        expected = [acc[:, j].mean(), acc[:, j].std(ddof=1), acc[:, j].min(), acc[:, j].max()]
        # rounding margin 1e-12: the values are ratios of small integers, computed in a few operations
        assert all(_rounds_to(v, p, 1e-12) for v, p in zip(expected, rows[k][1:], strict=True)), (k, rows[k])


def test_one_standard_error_rule_and_the_95_percent_rule(cross_validation):
    acc = cross_validation.accuracy
    mean, se = acc.mean(axis=0), acc.std(axis=0, ddof=1) / np.sqrt(5)
    best = int(np.argmax(mean))
    chosen = KS[int(np.flatnonzero(mean >= mean[best] - se[best])[0])]
    assert (KS[best], chosen) == (40, 20)
    assert int(_printed(r"one-standard-error rule: k = (\d+)")[0]) == chosen
    assert _rounds_to(se[best], _printed(r"\+- ([\d.]+) \(1 se\)")[0], 1e-12)
    assert cross_validation.k95 == [28] * 5
    assert _rounds_to(
        cross_validation.accuracy95.mean(), _printed(r"95 % rule .*accuracy ([\d.]+)")[0], 1e-12
    )
    # "no better than 20 within the spread": the difference is below one standard error of the best
    assert cross_validation.accuracy95.mean() - mean[KS.index(20)] < se[best]


def test_folds_may_use_lapack_eigh_instead_of_the_course_eigh(digits):
    # The notebook's folds call numpy.linalg.eigh for speed. The 1-NN sees only distances within span(v_1 ... v_k),
    # and two backward-stable solvers agree on that span to ||P - P'||_2 <= ||E||_2 / gap (Davis-Kahan sin theta),
    # ||E||_2 <= c d eps lambda_max (c d = 100, generous as in section 2), gap = lambda_k - lambda_(k+1).
    X, y = digits.X, digits.y
    tried = [k for k in KS if k < X.shape[1]] + [28]  # the fixed k and the 95 % rule's k (28 in every fold)
    folds = list(StratifiedKFold(n_splits=5, shuffle=True, random_state=0).split(X, y))
    gaps = []
    for fit, _ in folds:
        A = X[fit] - X[fit].mean(axis=0)
        lam = np.linalg.eigvalsh(A.T @ A / (len(A) - 1))[::-1]
        gaps.append(min(lam[k - 1] - lam[k] for k in tried))
    # the printed smallest gap: eigenvalues to 100 eps lambda_max ~ 4e-12 absolute, 1e-9 is ample
    assert _rounds_to(min(gaps), _printed(r"at the k tried, over the folds: ([\d.]+)")[0], 1e-9)
    # the course's Jacobi and LAPACK on the covariance matrix of all training rows (both computed by the fixture; a
    # fold's matrix would cost another Jacobi run, 0.15 s): the same spans to the bound at every k tried
    lam, V, V_j = digits.lam_np, digits.V_np, digits.V
    for k in tried:
        P, P_j = V[:, :k] @ V[:, :k].T, V_j[:, :k] @ V_j[:, :k].T  # (64, 64) projectors on the spans
        assert np.linalg.norm(P - P_j, 2) <= 100 * EPS * lam[0] / (lam[k - 1] - lam[k]), k


def test_cross_validation_against_a_sklearn_pipeline(digits, cross_validation):
    # scikit-learn refits PCA (LAPACK SVD) and the 1-NN inside each fold of the same splitter
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    pipeline = make_pipeline(PCA(n_components=20, svd_solver="full"), KNeighborsClassifier(n_neighbors=1))
    scores = cross_val_score(pipeline, digits.X, digits.y, cv=folds)
    np.testing.assert_array_equal(scores, cross_validation.accuracy[:, KS.index(20)])


# ----------------------------------------------------------------------------------------------------------------
# Section 9: the test rows, once
# ----------------------------------------------------------------------------------------------------------------


def test_test_accuracy_and_wilson_interval(digits):
    pca = PCA(n_components=20, svd_solver="full").fit(digits.X)
    Z, Z_test = pca.transform(digits.X), pca.transform(digits.X_test)
    y_pred, near, other = _nearest(Z, digits.y, Z_test)
    assert np.min((other - near) / other) > 1e-6
    # the rounding bound of the notebook's expanded distances, as in the cross_validation fixture (k + 2 = 22)
    e = 2 * 22 * U * 1.01 * (np.sum(Z_test**2, axis=1) + np.max(np.sum(Z**2, axis=1)))
    assert np.min((other - near) / (2 * e)) > 100
    wrong = y_pred != digits.y_test
    assert int(wrong.sum()) == int(_printed(r"\((\d+) errors in 450 images\)")[0]) == 9
    accuracy = 1 - wrong.mean()
    assert _rounds_to(accuracy, _printed(r"test accuracy with k = 20: ([\d.]+)")[0], 1e-12)
    interval = binomtest(int((~wrong).sum()), len(wrong)).proportion_ci(
        confidence_level=0.95, method="wilson"
    )
    # the notebook's z = normal_ppf(0.975) is accurate to a few u: the interval to 1e-12
    assert _rounds_to(interval.low, _printed(r"Wilson interval ([\d.]+) to")[0], 1e-12)
    assert _rounds_to(interval.high, _printed(r"Wilson interval [\d.]+ to ([\d.]+)")[0], 1e-12)
    # "all but one of the mistakes are 8s and 9s"
    assert np.sum(np.isin(digits.y_test[wrong], [8, 9])) == int(wrong.sum()) - 1


def test_reconstruction_error_training_and_test_rows(digits):
    n, lam = digits.n, digits.lam_np
    pca = PCA(svd_solver="full").fit(digits.X)  # all 64 components, LAPACK's SVD
    ratios = []
    for k in range(41):
        Vk = pca.components_[:k].T  # (64, k)
        train = np.sum((digits.Xc - digits.Xc @ Vk @ Vk.T) ** 2)
        # ||X_c (I - P)||_F^2 = (n - 1) sum_{j > k} lambda_j: rounding of the residual and of the sum, both about
        # d eps times the total variance (n - 1) tr(Sigma); 1e-12 of the total allows a factor ~ 70 over 64 eps
        assert abs(train / (n - 1) - lam[k:].sum()) <= 1e-12 * lam.sum()
        test = np.mean(np.sum((digits.Xc_test - digits.Xc_test @ Vk @ Vk.T) ** 2, axis=1))
        ratios.append(test / (train / n))
    for k, train_printed, test_printed, ratio_printed in _printed(
        r"(?m)^(\d+) +([\d.]+) +([\d.]+) +([\d.]+)$"
    ):
        k = int(k)
        assert _rounds_to(lam[k:].sum() * (n - 1) / n, train_printed, 1e-9)
        assert _rounds_to(ratios[k] * lam[k:].sum() * (n - 1) / n, test_printed, 1e-9)
        assert _rounds_to(ratios[k], ratio_printed, 1e-9)
    printed_low, printed_high = _printed(r"for k = 0 \.\.\. 40: from ([\d.]+) to ([\d.]+)")[0]
    assert _rounds_to(min(ratios), printed_low, 1e-9) and _rounds_to(max(ratios), printed_high, 1e-9)
    assert min(ratios) > 1  # the test rows are reconstructed worse for every k up to 40


# ----------------------------------------------------------------------------------------------------------------
# Section 10: the finding, the weakest directions are single pixels at the edge of the frame
# ----------------------------------------------------------------------------------------------------------------


def test_weakest_components_are_edge_pixels(digits):
    V, lam, X = digits.V, digits.lam, digits.X
    d = X.shape[1]
    # the course's eigenvectors of the non-zero tail agree with LAPACK's up to sign: eps lambda_max / gap with the
    # smallest gap 8.6e-5 gives about 5e-10, so 1e-8
    nonzero = np.flatnonzero(lam > 0)
    signs = np.sign(np.sum(V[:, nonzero] * digits.V_np[:, nonzero], axis=0))
    np.testing.assert_allclose(V[:, nonzero] * signs, digits.V_np[:, nonzero], atol=1e-8)
    weight = V**2
    top, top_weight = weight.argmax(axis=0), weight.max(axis=0)
    column = top % 8
    j = d - 1
    while top_weight[j] > 0.5 and column[j] in (0, 7):
        j -= 1
    tail = np.arange(j + 1, d)
    inked = np.sum(X > 0, axis=0)[top[tail]]
    assert len(tail) == 12 == int(_printed(r"the last (\d+) components")[0])
    assert _rounds_to(top_weight[tail].min(), _printed(r"at least ([\d.]+) of each")[0], 1e-8)
    assert inked.max() == 22 == int(_printed(r"inked in at most (\d+) of the")[0])
    assert j + 1 == 52 and _rounds_to(top_weight[j], _printed(r"next one up: at most ([\d.]+)")[0], 1e-8)
    assert column[j] not in (0, 7)
    share = 100 * digits.lam_np[tail].sum() / digits.lam_np.sum()  # LAPACK's eigenvalues, to 1e-13 absolute
    assert _rounds_to(share, _printed(r"share of the total variance: ([\d.]+) %")[0], 1e-9)
    # "the last four are blank pixels, with variance exactly 0" (the course's Jacobi, see the blank-pixel test)
    assert np.all(lam[tail][-4:] == 0)


def test_the_direction_above_the_tail_sits_on_two_pixels_of_the_frame(digits):
    # Correction (final read): the notebook said that component 52 "already spreads over many pixels (at most 0.54 on
    # one of them)" and that "the handwriting lives in the first 52 directions". The run of 12 ends at 52 only because
    # its heaviest pixel, (0, 1), is in the top row rather than an outer column: with (7, 1), at the bottom, it holds
    # 0.99 of the weight.
    weight = digits.V[:, 51] ** 2  # component 52 (course's Jacobi, as the notebook)
    two = np.argsort(weight)[::-1][:2]
    assert [divmod(int(p), 8) for p in two] == [(0, 1), (7, 1)]
    printed = _printed(
        r"its two heaviest pixels, \((\d), (\d)\) and \((\d), (\d)\): together ([\d.]+) of its weight"
    )
    assert [int(c) for c in printed[0][:4]] == [0, 1, 7, 1]
    # eigenvector error about eps lambda_max / gap, gap = min(lambda_51 - lambda_52, lambda_52 - lambda_53) = 0.048:
    # about 1e-12, so 1e-8 is ample
    assert _rounds_to(weight[two].sum(), printed[0][4], 1e-8)
    text = " ".join(quoting_text(NOTEBOOK).split())
    assert "spreads over many pixels" not in text and "lives in the first 52 directions" not in text


# ----------------------------------------------------------------------------------------------------------------
# Section 6: why the SVD is the safer route
# ----------------------------------------------------------------------------------------------------------------


def test_lauchli_matrix_smallest_singular_value():
    delta = 1e-9
    A = np.array([[1.0, 1.0], [delta, 0.0], [0.0, delta]])
    # one-sided Jacobi works on A itself: sigma_2 = delta to full relative accuracy
    np.testing.assert_allclose(svd(A).s[-1], delta, rtol=1e-12)
    gram = A.T @ A
    assert np.array_equal(gram, np.ones((2, 2)))  # 1 + delta^2 rounds to 1: the information is gone
    w_gram, _ = eigh(gram)
    # the eigenvalues of the all-ones matrix are 0 and 2; eigh is backward stable, |w - lambda| <= c n eps ||A||_2
    # with c = 2. That bound, 8 eps = 1.8e-15, is a thousand times sigma_2^2 = delta^2 = 1e-18: no eigensolver
    # working on the rounded A^T A can see sigma_2. (abs: a negative eigenvalue must not pass as small.)
    assert abs(w_gram[0]) <= 2 * 2 * EPS * 2
    assert abs(w_gram[1] - 2.0) <= 2 * 2 * EPS * 2
