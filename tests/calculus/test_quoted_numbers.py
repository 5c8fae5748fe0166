"""Numbers that the calculus chapters quote from their notebooks, tied to the notebooks' stored outputs.

A chapter README (or a markdown cell of the notebook) that says "the code takes exactly 29 steps" or "948 intervals
cover" copies a number that a code cell printed. If the code changes and the outputs are regenerated, nbval passes
with the new outputs while the text keeps the old number; each ``Quote`` below fails until the text is updated (see
``tools/quotes.py`` for the rounding rule).

Only numbers that the text takes from a notebook run, or reports as its result, are listed. Numbers of a hand-worked
example that a notebook also prints (the Richardson table, the finite differences of x^3, the Taylor models of the
softplus, ...) are not quotes: they are recomputed by the unit tests of each module. Numbers that depend on the
machine (timings, the accuracy of the digits network, the node errors of Gauss-Legendre) are printed in cells marked
``NBVAL_IGNORE_OUTPUT`` and quoted in the text as measured on one machine, so they are not tied either.
"""

import re

import pytest

from tools.quotes import Quote, check

# ---------------------------------------------------------------------------------------------------------------
# limits_and_continuity
LIM = "calculus/limits_and_continuity/README.md"
LIM_NB = "calculus/limits_and_continuity/limits_and_continuity.ipynb"
RAW_ERROR = r"error of the raw sequence at h = 1/16: ([\d.]+)"
EXTRAPOLATED_ERROR = r"error of the extrapolated value: +0\.000(\d)\n"  # 5e-4, printed as 0.0005
QUOTES = [
    Quote(LIM, "0.08", LIM_NB, RAW_ERROR, "off by $0.08$"),
    Quote(LIM, "2.717770", LIM_NB, r"2\.716709 +([\d.]+) *\]\]", "extrapolated $T_{3,3} = 2.717770$"),
    Quote(LIM, "5", LIM_NB, EXTRAPOLATED_ERROR, r"off by $5 \times 10^{-4}$"),
    Quote(LIM, "0.50000004", LIM_NB, r"x = 1e-05: naive ([\d.]+)"),
    Quote(LIM, "0", LIM_NB, r"x = 1e-08: naive ([\d.]+)", "and 0 at"),
    Quote(LIM, "0.5", LIM_NB, r"x = 1e-0[58]: naive \S+ +rewritten ([\d.]+)", "gives 0.5 at both"),
    Quote(
        LIM, "0.5", LIM_NB, r"estimate: ([\d.]+) \| converged: True \| error below 1e-10: True", "returns 0.5"
    ),
    Quote(LIM_NB, "0.08", LIM_NB, RAW_ERROR, "$0.08$ at $h = 1/16$"),
    Quote(LIM_NB, "5", LIM_NB, EXTRAPOLATED_ERROR, r"within $5 \times 10^{-4}$"),
    Quote(LIM_NB, "2.4", LIM_NB, r"smallest step used: (\d\.\d)e-04 = 2\^-12", r"2.4 \times 10^{-4}"),
]

# ---------------------------------------------------------------------------------------------------------------
# derivatives_gradients
DER = "calculus/derivatives_gradients/README.md"
DER_NB = "calculus/derivatives_gradients/derivatives_gradients.ipynb"
QUOTES += [
    Quote(DER, "3.0", DER_NB, r"forward: theory h\* = (\d\.\d)e-08", r"3.0 \times 10^{-8}"),
    Quote(DER, "8.7", DER_NB, r"central: theory h\* = (\d\.\d)e-06", r"8.7 \times 10^{-6}"),
    Quote(DER, "10", DER_NB, r"measured within a factor (\d+) of it: True", "within a factor 10 of"),
    # "exactly": a printed 12.0 only, not 11.999999999999998 or 12.000000000000002
    Quote(DER, "12", DER_NB, r"complex step with its default h = 2e-20: (\d+\.0)\n", "returns exactly 12"),
]

# ---------------------------------------------------------------------------------------------------------------
# taylor_series_and_integration
TAY = "calculus/taylor_series_and_integration/README.md"
TAY_NB = "calculus/taylor_series_and_integration/taylor_series_and_integration.ipynb"


def _taylor_slope(degree):
    """The fitted slope of the error of T_degree near 0, from the printed dictionary {1: ..., 2: ..., 4: ...}."""
    slots = {1: r"([\d.]+)" if degree == 1 else r"[\d.]+"}
    slots[2] = r"([\d.]+)" if degree == 2 else r"[\d.]+"
    slots[4] = r"([\d.]+)" if degree == 4 else r"[\d.]+"
    return rf"fitted slopes near 0: \{{1: {slots[1]}, 2: {slots[2]}, 4: {slots[4]}\}}"


QUOTES += [
    Quote(TAY, "4", TAY_NB, _taylor_slope(2), "slopes 4 and 6"),
    Quote(TAY, "6", TAY_NB, _taylor_slope(4), "slopes 4 and 6"),
    Quote(TAY, "1.01", TAY_NB, r"'left Riemann': ([\d.]+)"),
    Quote(TAY, "2.00", TAY_NB, r"'midpoint': ([\d.]+)", "2.00 (midpoint)"),
    Quote(TAY, "2.00", TAY_NB, r"'trapezoid': ([\d.]+)", "2.00 (trapezoid)"),
    Quote(TAY, "3.99", TAY_NB, r"'Simpson': ([\d.]+)"),
    Quote(
        TAY, "13", TAY_NB, r"roundoff \(error below 1e-14\) from n = (\d+) nodes on: True", "with 13 nodes"
    ),
    Quote(
        TAY, "7", TAY_NB, r"smallest weight at n = 100: (\d\.\d)e-04", r"($7 \times 10^{-4}$ at $n = 100$)"
    ),
    Quote(TAY, "-1.144", TAY_NB, r"predicted -2 log10\(rho\) = ([-\d.]+)"),
    Quote(TAY, "-1.140", TAY_NB, r"Gauss-Legendre: fitted ([-\d.]+) decades per node"),
    Quote(TAY, "24", TAY_NB, r"n = (24): errors of trapezoid < 1e-13", "24 subintervals"),
    Quote(
        TAY,
        "48",
        TAY_NB,
        r"substitution \+ (48) Gauss nodes within 1e-7 of sqrt\(pi\): True",
        "48 nodes give",
    ),
    Quote(TAY, "948", TAY_NB, r"coverage (\d+) of 1000"),
    Quote(TAY, "6.9", TAY_NB, r"expected 950 \+- ([\d.]+)"),
    Quote(TAY, "1.7450", TAY_NB, r"worked example: estimate ([\d.]+)"),
    Quote(TAY, "0.0154", TAY_NB, r"worked example: .*standard error ([\d.]+)"),
    Quote(TAY, "1.73", TAY_NB, r"worked example: .*error ([\d.]+) SE"),
    # "off by more than 10^7": the exponent of the printed error of degree 30 at x = 2
    Quote(
        TAY,
        "7",
        TAY_NB,
        r"x = 2\.0: errors at degree 5, 10, 20, 30: (?:\S+ ){3}\d\.\de\+(\d+)",
        "than $10^7$",
    ),
    Quote(TAY_NB, "2", TAY_NB, _taylor_slope(1), "fitted slopes are 2, 4 and 6"),
    Quote(TAY_NB, "4", TAY_NB, _taylor_slope(2), "fitted slopes are 2, 4 and 6"),
    Quote(TAY_NB, "6", TAY_NB, _taylor_slope(4), "fitted slopes are 2, 4 and 6"),
    Quote(TAY_NB, "2", TAY_NB, r"tail bound e\^\(-36\)/12 = (\d\.\d)e-17", r"e^{-36}/12 = 2 \times 10^{-17}"),
]

# ---------------------------------------------------------------------------------------------------------------
# multivariable_calculus
MV = "calculus/multivariable_calculus/README.md"
MV_NB = "calculus/multivariable_calculus/multivariable_calculus.ipynb"
QUOTES += [
    Quote(MV, "2.00", MV_NB, r"fitted slopes: linear model ([\d.]+)", "slopes 2.00 and 3.00"),
    Quote(MV, "3.00", MV_NB, r"fitted slopes: .*quadratic model ([\d.]+)", "slopes 2.00 and 3.00"),
    Quote(MV_NB, "13.60", MV_NB, r"largest slope ([\d.]+)"),
    Quote(MV_NB, "12.8", MV_NB, r"slope along \(3, 4\)/5: by formula ([\d.]+)"),
    Quote(MV_NB, "13.13", MV_NB, r"quadratic model: ([\d.]+)"),
    Quote(MV_NB, "13.129", MV_NB, r"true value +: ([\d.]+)"),
]

# ---------------------------------------------------------------------------------------------------------------
# chain_rule_backpropagation
CH = "calculus/chain_rule_backpropagation/README.md"
CH_NB = "calculus/chain_rule_backpropagation/chain_rule_backpropagation.ipynb"
GRADIENT_CHECK = r"backprop agrees with central differences to 1e-(\d+): True"
QUOTES += [
    Quote(CH, "1437", CH_NB, r"train / test images: (\d+) \d+", "1437 of scikit-learn's"),
    Quote(CH, "1437", CH_NB, r"train / test images: (\d+) \d+", "1437 training"),
    Quote(CH, "360", CH_NB, r"train / test images: \d+ (\d+)", "360 test images"),
    Quote(CH, "105", CH_NB, r"parameters: (\d+)", "(105 weights)"),
    Quote(CH, "7", CH_NB, GRADIENT_CHECK, r"well within $10^{-7}$"),
    Quote(CH, "12", CH_NB, r"agree with the scalar engine to 1e-(\d+): True", r"engine's to $10^{-12}$"),
    Quote(CH, "0.7494", CH_NB, r"initial loss: ([\d.]+)"),
    Quote(CH, "0.2955", CH_NB, r"step  5   loss ([\d.]+)"),
    Quote(CH, "0.0325", CH_NB, r"step 20   loss ([\d.]+)"),
    Quote(CH, "0.0152", CH_NB, r"step 24   loss ([\d.]+)"),
    Quote(CH, "100", CH_NB, r"step 20 .*accuracy after the step (\d+) %", "100 %"),
    Quote(CH, "100", CH_NB, r"step 24 .*accuracy after the step (\d+) %", "100 %"),
    Quote(CH, "10", CH_NB, r"tensor engine at least (\d+)x faster per step: True", "at least 10"),
    Quote(CH, "450", CH_NB, r"steps: (\d+)", "(450 steps)"),
    Quote(CH, "0.77", CH_NB, r"mean training loss per epoch: \[([\d.]+)"),
    Quote(CH, "0.018", CH_NB, r"mean training loss per epoch: \[.* ([\d.]+)\]"),
    Quote(CH, "95", CH_NB, r"held-out accuracy at least (\d+) %: True", "at least 95 %"),
    Quote(CH, "10", CH_NB, r"training took under (\d+) s: True", "under 10 s"),
    Quote(CH_NB, "95", CH_NB, r"held-out accuracy at least (\d+) %: True", "over 95 %"),
    Quote(CH_NB, "105", CH_NB, r"parameters: (\d+)", "all 105 partial"),
    Quote(CH_NB, "7", CH_NB, GRADIENT_CHECK, r"agreement to $10^{-7}$"),
    Quote(CH_NB, "360", CH_NB, r"train / test images: \d+ (\d+)", "(360"),
    Quote(CH_NB, "450", CH_NB, r"steps: (\d+)", "450 steps"),
]

# ---------------------------------------------------------------------------------------------------------------
# optimization
OPT = "calculus/optimization/README.md"
OPT_NB = "calculus/optimization/optimization.ipynb"
# The README table "Measured against theory for larger kappa", row by row; the columns after kappa are GD rate,
# GD predicted, GD measured, HB rate, HB rate only, HB predicted, HB measured, as in the notebook's printed table.
TABLE = {
    2: ["0.3333", "18", "18", "0.1716", "11", "13", "13"],
    10: ["0.8182", "104", "104", "0.5195", "32", "38", "38"],
    100: ["0.9802", "1152", "1152", "0.8182", "115", "143", "143"],
    1000: ["0.9980", "12665", "12665", "0.9387", "401", "510", "510"],
}


def _table_cell(kappa, column):
    """The printed entry of the notebook's table in the row of kappa, column number ``column`` after kappa."""
    return rf"(?m)^ *{kappa}" + r" +\S+" * column + r" +(\S+)"


QUOTES += [
    Quote(OPT, value, OPT_NB, _table_cell(kappa, column), f"| {kappa} |")
    for kappa, row in TABLE.items()
    for column, value in enumerate(row)
]
QUOTES += [
    Quote(OPT, "29", OPT_NB, r"measured: (\d+)", "takes exactly **29** steps"),
    Quote(OPT, "29", OPT_NB, r"gradient descent with backtracking (\d+)", "also takes 29 steps"),
    Quote(OPT, "18", OPT_NB, r"worked example, steps: .*\| heavy ball (\d+)", "needs **18** steps"),
    Quote(OPT, "1", OPT_NB, r"worked example, steps: .*\| Newton (\d+)", "**1** step"),
    Quote(OPT, "0.307", OPT_NB, r"k = 0: error = (\d\.\d+e-01),"),
    Quote(OPT, "0.0426", OPT_NB, r"k = 1: error = (\d\.\d+e-02),"),
    Quote(OPT, "8.95", OPT_NB, r"k = 2: error = (\d\.\d+)e-04,", r"8.95 \times 10^{-4}"),
    Quote(OPT, "4.0", OPT_NB, r"k = 3: (\d\.\d)e-07", r"4.0 \times 10^{-7}"),
    Quote(OPT, "8", OPT_NB, r"k = 4: (\d)e-14", r"8 \times 10^{-14}"),
    Quote(OPT, "0.453", OPT_NB, r"k = 0: .*e_k\^2 = ([\d.]+)"),
    Quote(OPT, "0.493", OPT_NB, r"k = 1: .*e_k\^2 = ([\d.]+)"),
    Quote(OPT, "0.4999", OPT_NB, r"k = 2: .*e_k\^2 = ([\d.]+)"),
    Quote(OPT, "4128", OPT_NB, r"heavy ball: converged = True +updates = +(\d+)", "needs **4128**"),
    Quote(OPT, "6", OPT_NB, r"Newton: converged = True +updates = +(\d+)", "Newton's method **6**"),
    Quote(OPT, "145", OPT_NB, r"gradient_descent diverged after (\d+) updates", "(145 in the notebook's"),
    Quote(OPT_NB, "29", OPT_NB, r"predicted: (\d+)", r"\lceil 28.24 \rceil = 29"),
    Quote(OPT_NB, "145", OPT_NB, r"gradient_descent diverged after (\d+) updates", "after 145 updates"),
]

# ---------------------------------------------------------------------------------------------------------------
# stochastic_optimization
ST = "calculus/stochastic_optimization/README.md"
ST_NB = "calculus/stochastic_optimization/stochastic_optimization.ipynb"
AT_ZERO = r"Hessian eigenvalues at w = 0: \[([\d.]+), [\d.]+\]"
AT_ZERO_TOP = r"Hessian eigenvalues at w = 0: \[[\d.]+, ([\d.]+)\]"
AT_STAR = r"; at w\*: \[([\d.]+), [\d.]+\]"
AT_STAR_TOP = r"; at w\*: \[[\d.]+, ([\d.]+)\]"
EPOCHS = {  # the README table "Epochs to reach 1e-4", column "epochs, seed 0"
    "| SGD | 0.2 |": ("34", "SGD, lr 0.2"),
    "| SGD + heavy ball, $\\beta = 0.9$ | 0.02 |": ("36", "heavy ball, lr 0.02, beta 0.9"),
    "| SGD + Nesterov, $\\beta = 0.9$ | 0.03 |": ("27", "Nesterov, lr 0.03, beta 0.9"),
    "| AdaGrad | 0.1 |": ("35", "AdaGrad, lr 0.1"),
    "| RMSProp | 0.003 |": ("53", "RMSProp, lr 0.003"),
    "| Adam | 0.005 |": ("62", "Adam, lr 0.005"),
    "| SGD, step decay from 0.5": ("21", "SGD, step decay"),
    "| SGD, $1/t$": ("13", "SGD, 1/t"),
    "| SGD, cosine from 0.5": ("41", "SGD, cosine with warm-up"),
}
QUOTES += [
    Quote(ST, "3.33", ST_NB, AT_ZERO_TOP, "is 3.33 at"),
    Quote(ST, "0.222", ST_NB, AT_STAR_TOP, "but 0.222 at"),
    Quote(ST, "569", ST_NB, r"n = (\d+), d = \d+;", "$n = 569$ rows"),
    Quote(ST, "31", ST_NB, r"n = \d+, d = (\d+);", "$d = 31$"),
    Quote(ST, "8", ST_NB, r"Newton converged: True in (\d+) iterations", "converges in 8 iterations"),
    Quote(ST, "0.100446", ST_NB, r"L\(w\*\) = ([\d.]+)"),
    Quote(ST, "2.3586", ST_NB, r"L\(w\*\) = [\d.]+, \|\|w\*\|\| = ([\d.]+)"),
    Quote(ST, "0.0100", ST_NB, AT_ZERO, "$[0.0100, 3.33]$"),
    Quote(ST, "3.33", ST_NB, AT_ZERO_TOP, "$[0.0100, 3.33]$"),
    Quote(ST, "0.0100", ST_NB, AT_STAR, "$[0.0100, 0.222]$"),
    Quote(ST, "0.222", ST_NB, AT_STAR_TOP, "$[0.0100, 0.222]$"),
    Quote(ST, "0.2585", ST_NB, r"sigma\^2 = ([\d.]+)", r"\sigma^2 = 0.2585$"),
    Quote(ST, "18", ST_NB, r"one epoch with B = 32: (\d+) batches", "= 18$ steps"),
    Quote(ST, "25", ST_NB, r"one epoch with B = 32: \d+ batches, sizes 32 \.\.\. (\d+)", "one of 25"),
    Quote(ST, "10", ST_NB, r"all within (\d+) %: True", "10 % of the formula"),
    Quote(ST, "0", ST_NB, r"at B = n the variance is ([\d.]+)", "the variance is exactly 0"),
    Quote(ST, "1.8", ST_NB, r"eta = 0\.8: with replacement (\d\.\d)e-03", r"$1.8 \times 10^{-3}$"),
    Quote(ST, "5.3", ST_NB, r"eta = 0\.2: with replacement (\d\.\d)e-04", r"$5.3 \times 10^{-4}$"),
    Quote(
        ST, "1.1", ST_NB, r"eta = 0\.8: .* (\d\.\d) times the prediction", "1.1 and 1.3 times the prediction"
    ),
    Quote(
        ST, "1.3", ST_NB, r"eta = 0\.2: .* (\d\.\d) times the prediction", "1.1 and 1.3 times the prediction"
    ),
    Quote(ST, "5", ST_NB, r"eta = 0\.8: .*reshuffled (\d)e-04", r"$5 \times 10^{-4}$ and"),
    Quote(ST, "5", ST_NB, r"eta = 0\.2: .*reshuffled (\d)e-05", r"$5 \times 10^{-5}$"),
    Quote(ST, "3", ST_NB, r"eta = 0\.8: .*reshuffled \S+ \((\d+) times lower\)", "3 and 11 times lower"),
    Quote(ST, "11", ST_NB, r"eta = 0\.2: .*reshuffled \S+ \((\d+) times lower\)", "3 and 11 times lower"),
    *[
        Quote(ST, epochs, ST_NB, " " + re.escape(label) + r": (\d+) epochs\n", row)
        for row, (epochs, label) in EPOCHS.items()
    ],
    Quote(
        ST,
        "9",
        ST_NB,
        r"cosine 0\.5, 2 warm-up epochs: .*final (\d\.\d)e-07",
        r"($9 \times 10^{-7}$ after 80",
    ),
    Quote(
        ST,
        "1.5",
        ST_NB,
        r"1/t: 1 / \(1 \+ 0\.01 t\): .*final (\d\.\d)e-06",
        r"$1.5 \times 10^{-6}$ for $1/t$",
    ),
    Quote(ST, "3", ST_NB, r"AdamW .*epochs 20, 80 = (\d)e-03,", r"$3 \times 10^{-3}$ after 20"),
    Quote(ST, "3", ST_NB, r"AdamW .*epochs 20, 80 = \de-\d+, (\d)e-02;", r"$3 \times 10^{-2}$ after 80"),
    Quote(ST, "3.81", ST_NB, r"AdamW .*; \|\|w\|\| = ([\d.]+)"),
    Quote(ST, "2.36", ST_NB, r"AdamW .*\(\|\|w\*\|\| = ([\d.]+)\)", "= 2.36$"),
    Quote(ST, "2", ST_NB, r"Adam \+ L2 .*epochs 20, 80 = \de-\d+, (\d)e-05;", r"reaches $2 \times 10^{-5}$"),
    Quote(ST_NB, "569", ST_NB, r"n = (\d+), d = \d+;", "The 569 rows"),
    Quote(ST_NB, "31", ST_NB, r"n = \d+, d = (\d+);", "$d = 31$"),
    Quote(ST_NB, "0.1004", ST_NB, r"L\(w\*\) = ([\d.]+)", r"\approx 0.1004"),
]


@pytest.mark.parametrize("quote", QUOTES, ids=str)
def test_quoted_number_matches_the_stored_output(quote):
    assert check(quote) == []
