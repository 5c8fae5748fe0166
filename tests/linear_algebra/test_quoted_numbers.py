r"""Numbers the linear algebra chapters quote from their notebooks, tied to the notebooks' stored outputs.

A chapter README (or a markdown cell of the notebook itself) that reports a notebook result copies a printed number.
If the code changes and the outputs are regenerated, nbval passes with the new outputs while the text keeps the old
number; each quote below then fails until the text is updated (see tools/quotes.py for the rounding rule).

What is tied: numbers the README attributes to the notebook (a figure drawn by it, "the notebook measures", a table of
its results, its data sets) and numbers a notebook's markdown cell states about what its own cells print. What is not:
hand-worked examples (recomputed by the unit tests of each module), values measured by a cell marked
NBVAL_IGNORE_OUTPUT (machine-dependent; the text labels them "measured on one machine"), and general facts that no
cell prints.

Where the text writes a power of ten in LaTeX ($1.7 \times 10^{-4}$), the quote is the mantissa and the pattern fixes
the printed exponent: a change of either fails.
"""

import pytest

from tools.quotes import Quote, check

VM = "linear_algebra/vectors_and_matrices/"
VM_README, VM_NB = VM + "README.md", VM + "vectors_and_matrices.ipynb"
VS = "linear_algebra/vector_spaces_and_rank/"
VS_README, VS_NB = VS + "README.md", VS + "vector_spaces_and_rank.ipynb"
OP = "linear_algebra/orthogonality_and_projections/"
OP_README, OP_NB = OP + "README.md", OP + "orthogonality_and_projections.ipynb"
PD = "linear_algebra/positive_definite_matrices/"
PD_README, PD_NB = PD + "README.md", PD + "positive_definite_matrices.ipynb"
EV = "linear_algebra/eigenvalues_eigenvectors/"
EV_README, EV_NB = EV + "README.md", EV + "eigenvalues_eigenvectors.ipynb"
SV = "linear_algebra/singular_value_decomposition/"
SV_README, SV_NB = SV + "README.md", SV + "singular_value_decomposition.ipynb"
LS = "linear_algebra/least_squares/"
LS_README, LS_NB = LS + "README.md", LS + "least_squares.ipynb"

NUM = r"(-?[\d.]+)"  # one printed number


def _nth(label, k):
    """Pattern for entry ``k`` (from 0) of a printed numpy array that follows ``label``: ``label [a b c]``."""
    return label + r"\[ *(?:\S+ +){" + str(k) + r"}" + NUM + r"[ \]]"


# The singular value decomposition notebook prints one row per rank: k, ||A - A_k||_2, ||A - A_k||_F, relative F
# error, numbers stored / m n.
def _svd_row(k, column):
    fields = [r"\S+"] * 4
    fields[column] = NUM
    return rf"(?m)^{k:2d} +" + " +".join(fields) + r" +/ \d+$"


# The least-squares notebook prints the guaranteed digits of the seven Longley coefficients as one array.
def _longley_guaranteed(j):
    return _nth(r"guaranteed per coefficient \(qr, svd\): ", j)


# Printed lines tied by more than one quote.
MATRIX_NORM = r"p = {} .*matrix_norm\(A, p\) = " + NUM  # format with 1, 2 or inf
SIGMA_11 = r"(?m)^sigma_11 / sigma_1 = (\d\.\d)e-04"  # the mantissa; the exponent is fixed
SIGMA_11_DROPPED = r"dropped design: sigma_11 / sigma_1 = (\d\.\d)e-04"
SKLEARN_SEX_1 = r"trap design: sex=1 " + NUM
MINORS = r"order 107 > 0: True\nminor of order +(\d+) > 0: False"  # the first minor that underflows
JITTER = r"sigma\^2 = 2 n \(n \+ 5\) u = (\d\.\d)e-13"
WINES = r"most unusual wines \(index, distance\): \["
IRIS = r"covariance eigenvalues \(descending\): "
RATE = r"= {:.2f}, measured error ratio per step = " + NUM
PAGERANK = "PageRank of pages 1-4: "
KAPPA_S = r"kappa_s += (\d\.\d+)e\+04"
CENTRED = r"kappa of centred, scaled predictors: (\d+)"

QUOTES = [
    # --- vectors_and_matrices: README figure captions (figures drawn by the notebook) ---
    Quote(VM_README, "1.5", VM_NB, r"projection: \[ *" + NUM + " ", "the projection (1.5, 1.5)"),
    Quote(VM_README, "-0.5", VM_NB, _nth("residual: ", 1), "dashed residual (0.5, -0.5)"),
    Quote(VM_README, "-0.75", VM_NB, _nth(r"A x = ", 1), "ends at A x = (2, -0.75)"),
    Quote(VM_README, "7", VM_NB, MATRIX_NORM.format(1), "balls of radius 7, 6.71 and 9"),
    Quote(VM_README, "6.71", VM_NB, MATRIX_NORM.format(2), "balls of radius 7, 6.71 and 9"),
    Quote(VM_README, "9", VM_NB, MATRIX_NORM.format("inf"), "balls of radius 7, 6.71 and 9"),
    # --- vectors_and_matrices: the notebook's markdown cells ---
    Quote(VM_NB, "0.3655", VM_NB, r"cosine +=  *" + NUM, "so the cosine is"),
    Quote(VM_NB, "68.56", VM_NB, r"angle \(deg\) += " + NUM, "the angle about"),
    Quote(VM_NB, "7", VM_NB, r"\|\|x\|\|_1 = " + NUM, "in each norm: $7$"),
    Quote(VM_NB, "5", VM_NB, r"\|\|x\|\|_2 = " + NUM, "in each norm: $7$, $5$"),
    Quote(VM_NB, "4.4979", VM_NB, r"\|\|x\|\|_3 = " + NUM, "91^{1/3}"),
    Quote(VM_NB, "4", VM_NB, r"\|\|x\|\|_inf = " + NUM, "and $4$"),
    Quote(VM_NB, "7", VM_NB, MATRIX_NORM.format(1), "largest column sum 7"),
    Quote(VM_NB, "6.7082", VM_NB, MATRIX_NORM.format(2), r"gives $\sigma_{\max} = 3\sqrt{5}"),
    Quote(VM_NB, "9", VM_NB, MATRIX_NORM.format("inf"), "largest row sum 9"),
    Quote(VM_NB, "4.2", VM_NB, r"kappa_1, kappa_2, kappa_inf = \[" + NUM + ",", ": 4.2 in the 1-"),
    Quote(VM_NB, "4.2", VM_NB, r"kappa_inf = \[\S+ \S+ " + NUM + r"\]", r"and $\infty$-norms"),
    Quote(VM_NB, "3", VM_NB, r"kappa_inf = \[\S+ " + NUM + ",", "exactly 3 in the"),
    Quote(VM_NB, "20001", VM_NB, r"magnification " + NUM, "solution is 20001 times"),
    Quote(VM_NB, "40004", VM_NB, r"kappa_inf\(A\) = " + NUM, r"\kappa_\infty(A) \approx 40004"),
    # --- vector_spaces_and_rank: README (the big-picture figure and the diabetes data of the notebook) ---
    Quote(VS_README, "1.6", VS_NB, _nth("x_row ", 0), "split into (1.6, 0.8)"),
    Quote(VS_README, "-0.6", VS_NB, _nth("x_null ", 0), "plus (-0.6, 1.2)"),
    Quote(VS_README, "1.6", VS_NB, _nth("x_row ", 0), "splits as $(1.6, 0.8)"),
    Quote(VS_README, "-0.6", VS_NB, _nth("x_null ", 0), "+ (-0.6, 1.2)$"),
    Quote(VS_README, "1e-13", VS_NB, r"tau / sigma_1 = 442 eps = (\S+)", "at 442 eps (about 1e-13)"),
    Quote(VS_README, "1e-4", VS_NB, r"dropped design: sigma_11 / sigma_1 = (\S+)", "and about 1e-4"),
    Quote(VS_README, "442", VS_NB, r"trap design +\((\d+), 12\)", "has 442 patients and 10 features"),
    Quote(VS_README, "235", VS_NB, r"counts: \[(\d+) \d+\]", "(235 and 207 patients)"),
    Quote(VS_README, "207", VS_NB, r"counts: \[\d+ (\d+)\]", "(235 and 207 patients)"),
    Quote(VS_README, "431", VS_NB, r"left null space dimension: (\d+)", "$442 - 11 = 431$"),
    Quote(VS_README, "1.7", VS_NB, SIGMA_11, r"\sigma_{11}/\sigma_1 \approx 1.7"),
    Quote(VS_README, "22.86", VS_NB, r"lstsq " + NUM, "weights is $22.86$"),
    Quote(VS_README, "11.43", VS_NB, SKLEARN_SEX_1, "reports $+11.43$"),
    Quote(VS_README, "-11.43", VS_NB, r" sex=2 " + NUM + "  difference", "and $-11.43$"),
    Quote(VS_README, "1.4", VS_NB, SIGMA_11_DROPPED, r"\approx 1.4 \times"),
    Quote(VS_README, "-22.86", VS_NB, r"dropped design: sex=2 weight " + NUM, "sex-2 weight is"),
    # --- vector_spaces_and_rank: the notebook's markdown cells ---
    Quote(VS_NB, "442", VS_NB, r"trap design +\((\d+), 12\)", "442 patients, 10 features"),
    Quote(VS_NB, "1.7", VS_NB, SIGMA_11, r"is about $1.7 \times 10^{-4}"),
    Quote(VS_NB, "11.43", VS_NB, SKLEARN_SEX_1, r"split $\pm 11.43$"),
    # --- orthogonality_and_projections: README (the constant of the notebook's 60 x 12 experiment) ---
    Quote(OP_README, "4988", OP_NB, r"(?m)^c = (\d+)$", "= 4988$ chosen above"),
    # --- orthogonality_and_projections: the notebook's markdown cells ---
    Quote(OP_NB, "53.13", OP_NB, r"rotation angle in degrees: " + NUM, "rotates the plane by"),
    Quote(OP_NB, "0.4", OP_NB, _nth(r"Q z = ", 0), r"\mapsto (0.4, 2.2)"),
    Quote(OP_NB, "2.2", OP_NB, _nth(r"Q z = ", 1), r"\mapsto (0.4, 2.2)"),
    Quote(OP_NB, "3", OP_NB, r"trace of P = rank: " + NUM, "(3 here, not 4)"),
    Quote(OP_NB, "99", OP_NB, r"variance kept by 2 components: " + NUM + " %", "keeps 99% of the variance"),
    Quote(OP_NB, "1.73", OP_NB, r"kappa\(L\) = (\d\.\d+)e\+08", r"= 1.73 \times 10^8"),
    Quote(OP_NB, "1.9", OP_NB, r"u kappa = (\d\.\d+)e-08", r"u\kappa = 1.9 \times 10^{-8}"),
    Quote(OP_NB, "3.3", OP_NB, r"(?m)u kappa\^2 = " + NUM + "$", r"u\kappa^2 = 3.3"),
    Quote(OP_NB, "4988", OP_NB, r"(?m)^c = (\d+)$", "= 4988$ for all three"),
    # --- positive_definite_matrices: README ---
    Quote(PD_README, "108", PD_NB, MINORS, "from $k = 108$ on (the"),
    Quote(PD_README, "108", PD_NB, MINORS, "$k = 108$ on. The pivots"),
    Quote(PD_README, "2.3", PD_NB, JITTER, "for $n = 30$: the factorisation"),
    Quote(PD_README, "2.3", PD_NB, JITTER, "is a noise standard deviation"),
    Quote(PD_README, "1.2", PD_NB, r"kappa\(S\) = (\d\.\d)e\+07", r"$\kappa(S) \approx 1.2 \times 10^7$"),
    Quote(PD_README, "45.5", PD_NB, r"kappa\(H\) = " + NUM, r"$\kappa(H) \approx 45.5$"),
    Quote(PD_README, "2301", PD_NB, r"sum of squared distances: " + NUM, "178 wines add up to"),
    Quote(PD_README, "121", PD_NB, WINES + r"\((\d+),", "Wine 121 is the most unusual"),
    Quote(PD_README, "7.66", PD_NB, WINES + r"\(121, " + NUM, "its distance 7.66"),
    Quote(PD_README, "0.6084", PD_NB, r"log det S = " + NUM, r"$\log \det S = 0.6084$ here"),
    # --- positive_definite_matrices: the notebook's markdown cells ---
    Quote(PD_NB, "-0.25", PD_NB, r"pivot 3 is " + NUM + " <= 0", "1^2 = -0.25"),
    Quote(PD_NB, "108", PD_NB, MINORS, "$k = 108$ on"),
    Quote(PD_NB, "0.96", PD_NB, r"correlation of petal length and width: " + NUM, "correlated (0.96)"),
    Quote(PD_NB, "2301", PD_NB, r"sum of squared distances: " + NUM, r"177 \cdot 13 = 2301"),
    Quote(PD_NB, "1381.55", PD_NB, r"c = 1000: det = inf, logdet_spd = " + NUM, r"= \mp 1381.55"),
    Quote(PD_NB, "2.3", PD_NB, JITTER, "For $n = 30$ that is"),
    # --- eigenvalues_eigenvectors: README (iris PCA, the convergence figure, the PageRank of the notebook) ---
    Quote(EV_README, "4.228", EV_NB, _nth(IRIS, 0), "eigenvalues are 4.228"),
    Quote(EV_README, "0.243", EV_NB, _nth(IRIS, 1), "eigenvalues are 4.228, 0.243"),
    Quote(EV_README, "0.078", EV_NB, _nth(IRIS, 2), "0.078 and 0.024"),
    Quote(EV_README, "0.024", EV_NB, _nth(IRIS, 3), "0.078 and 0.024"),
    Quote(EV_README, "92.5", EV_NB, r"share of the first principal axis: " + NUM + " %", "carries 92.5 % of"),
    Quote(EV_README, "0.800", EV_NB, RATE.format(0.8), "fitted rates are 0.800"),
    Quote(EV_README, "0.500", EV_NB, RATE.format(0.5), "0.800 and 0.500"),
    Quote(EV_README, "0.380", EV_NB, _nth(PAGERANK, 0), "PageRank vector is $(0.380"),
    Quote(EV_README, "0.199", EV_NB, _nth(PAGERANK, 1), "PageRank vector is $(0.380, 0.199"),
    Quote(EV_README, "0.384", EV_NB, _nth(PAGERANK, 2), "0.199, 0.384"),
    Quote(EV_README, "0.0375", EV_NB, _nth(PAGERANK, 3), "0.384, 0.0375)"),
    Quote(EV_README, "0.0375", EV_NB, _nth(PAGERANK, 3), "exactly $0.0375$"),
    Quote(EV_README, "0.601", EV_NB, r"second \|eigenvalue\| \(sets the speed\): " + NUM, r"\approx 0.601$"),
    # --- eigenvalues_eigenvectors: the notebook's markdown cells ---
    Quote(EV_NB, "0.0375", EV_NB, _nth(PAGERANK, 3), "$(1 - d)/n = 0.0375$"),
    Quote(EV_NB, "18", EV_NB, r"eigenvalues from " + NUM + " down", "from about 18 down"),
    Quote(EV_NB, "7", EV_NB, r"kappa\(M\) eps = (\d)e-14", r"about $7 \times 10^{-14}$"),
    Quote(EV_NB, "92.5", EV_NB, r"share of the first principal axis: " + NUM + " %", "about 92.5 %"),
    # --- singular_value_decomposition: README (the Jacobi bound, the image, the noisy rank-3 matrix) ---
    Quote(SV_README, "2.2", SV_NB, r"relative error below (\d\.\d)e-02", r"10^{-2}$ and every larger"),
    Quote(SV_README, "106", SV_NB, r"shape \((\d+), \d+\)", r"block-averaged to $106 \times 160$"),
    Quote(SV_README, "160", SV_NB, r"shape \(\d+, (\d+)\)", r"block-averaged to $106 \times 160$"),
    Quote(SV_README, "81.633", SV_NB, _nth("largest singular values ", 0), r"$\sigma_1 = 81.633$"),
    Quote(SV_README, "14.926", SV_NB, _nth("largest singular values ", 1), r"$\sigma_2 = 14.926$"),
    Quote(SV_README, "9.576", SV_NB, _nth("largest singular values ", 2), r"$\sigma_3 = 9.576$"),
    *(
        Quote(SV_README, quoted, SV_NB, _svd_row(k, column), f"| {k} | {row[0]} |")
        for k, row in {
            1: ("14.9264", "21.9776", "0.2600", "267"),
            5: ("3.8131", "10.8891", "0.1288", "1335"),
            20: ("1.4463", "5.4795", "0.0648", "5340"),
            50: ("0.5329", "2.1654", "0.0256", "13350"),
        }.items()
        for column, quoted in enumerate(row)
    ),
    Quote(SV_README, "16960", SV_NB, r"(?m) / (\d+)$", "| 1 | 14.9264 |"),
    Quote(SV_README, "6.5", SV_NB, r"rank 20: relative Frobenius error " + NUM, "with 6.5% relative error"),
    Quote(SV_README, "31", SV_NB, r"rank 20: .*, storage " + NUM + " %", "at 31% of the storage"),
    Quote(SV_README, "9.9996", SV_NB, _nth(r"s\[:5\] = ", 0), "singular values start $9.9996"),
    Quote(SV_README, "4.9993", SV_NB, _nth(r"s\[:5\] = ", 1), "9.9996, 4.9993"),
    Quote(SV_README, "2.0015", SV_NB, _nth(r"s\[:5\] = ", 2), "4.9993, 2.0015"),
    Quote(SV_README, "0.0116", SV_NB, _nth(r"s\[:5\] = ", 3), "2.0015, 0.0116"),
    Quote(SV_README, "0.0108", SV_NB, _nth(r"s\[:5\] = ", 4), "0.0116, 0.0108"),
    Quote(SV_README, "30", SV_NB, r"rank with default threshold: +(\d+)", "reports rank 30"),
    Quote(SV_README, "0.0125", SV_NB, r"noise threshold = " + NUM, r"\approx 0.0125$ reports 3"),
    Quote(SV_README, "3", SV_NB, r"rank with noise threshold: +(\d+)", r"\approx 0.0125$ reports 3"),
    # --- singular_value_decomposition: the notebook's markdown cells ---
    Quote(SV_NB, "6.7082", SV_NB, _nth(r"(?m)^s += ", 0), r"\sigma_1 = 3\sqrt{5} \approx 6.7082"),
    Quote(SV_NB, "2.2361", SV_NB, _nth(r"(?m)^s += ", 1), r"\sigma_2 = \sqrt{5} \approx 2.2361"),
    Quote(SV_NB, "106", SV_NB, r"shape \((\d+), \d+\)", r"is a $106 \times 160$ matrix"),
    Quote(SV_NB, "160", SV_NB, r"shape \(\d+, (\d+)\)", r"is a $106 \times 160$ matrix"),
    Quote(SV_NB, "30", SV_NB, r"rank with default threshold: +(\d+)", "so it reports 30"),
    Quote(SV_NB, "3", SV_NB, r"rank with noise threshold: +(\d+)", "reports the 3 directions"),
    # --- least_squares: README (condition numbers, predictions and guaranteed digits printed by the notebook) ---
    Quote(LS_README, "4.86", LS_NB, r"kappa\(X\) += (\d\.\d+)e\+09", r"\kappa(X) = 4.86 \times 10^{9}"),
    Quote(LS_README, "2.4", LS_NB, r"kappa\(X\)\^2 += (\d\.\d+)e\+19", r"\kappa(X^\top X) = 2.4 \times"),
    Quote(LS_README, "4.3", LS_NB, KAPPA_S, r"\kappa_s = 4.3 \times 10^{4}"),
    Quote(LS_README, "1.9", LS_NB, r"kappa_s\^2 += (\d\.\d+)e\+09", r"\kappa_s^2 = 1.9 \times 10^{9}"),
    Quote(LS_README, "11.3", LS_NB, r"predicted digits: QR/SVD " + NUM + ",", r"\approx 11.3$ digits"),
    Quote(LS_README, "6.7", LS_NB, r"predicted digits: QR/SVD \S+ normal " + NUM, r"\approx 6.7$ digits"),
    Quote(LS_README, "8169", LS_NB, r"(?m)^c = (\d+),", r"\cdot (2 + 0.76) \approx 8169$"),
    Quote(LS_README, "7.4", LS_NB, r"qr/svd " + NUM + ", normal", "whole right to at least 7.4 digits"),
    Quote(LS_README, "4.1", LS_NB, r"qr/svd \S+ normal " + NUM, "guarantees only 4.1 digits"),
    *(
        Quote(LS_README, quoted, LS_NB, _longley_guaranteed(j), f"| $b_{j}$ ({name}) |")
        for j, (name, quoted) in enumerate(
            [
                ("intercept", "7.2"),
                ("GNPDEFL", "3.8"),
                ("GNP", "4.8"),
                ("UNEMP", "4.5"),
                ("ARMED", "4.1"),
                ("POP", "4.4"),
                ("YEAR", "7.2"),
            ]
        )
    ),
    *(
        Quote(LS_README, mantissa, LS_NB, rf"(?m)^ +{p} +(\d\.\d)e\+0{e}$", f"| {p} | ${mantissa} \\times")
        for p, mantissa, e in [(5, "3.5", 3), (8, "6.3", 5), (11, "1.2", 8), (13, "4.0", 9)]
    ),
    *(
        Quote(LS_README, quoted, LS_NB, rf"degree +{p}: guaranteed +{NUM},", f"| {p} | ${mantissa} \\times")
        for p, mantissa, quoted in [
            (5, "3.5", "7.8"),
            (8, "6.3", "5.2"),
            (11, "1.2", "2.7"),
            (13, "4.0", "1.0"),
        ]
    ),
    Quote(LS_README, "4.3", LS_NB, KAPPA_S, r"from $4.3 \times 10^4$ down to $111$"),
    Quote(LS_README, "111", LS_NB, CENTRED, r"down to $111$ (Exercise 4)"),
    Quote(LS_README, "4.3", LS_NB, KAPPA_S, r"\kappa_s = 4.3 \times 10^4$ to about $111$"),
    Quote(LS_README, "111", LS_NB, CENTRED, r"to about $111$, so the normal"),
    # --- least_squares: the notebook's markdown cells ---
    Quote(LS_NB, "4.3", LS_NB, KAPPA_S, r"\kappa_s \approx 4.3 \times 10^4"),
    Quote(LS_NB, "111", LS_NB, CENTRED, "to about 111"),
]


@pytest.mark.parametrize("quote", QUOTES, ids=str)
def test_quoted_number_matches_the_stored_output(quote):
    assert check(quote) == []
