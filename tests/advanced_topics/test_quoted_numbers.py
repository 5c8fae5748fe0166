"""Numbers that the advanced chapters quote from their notebooks, tied to the notebooks' stored outputs.

Each ``Quote`` names a number as a README (or a notebook's own markdown) writes it, the notebook output
that printed it (a regular expression with one group, anchored on the label printed next to the number)
and, where the number occurs more than once, words of the text's line that find the right occurrence.
``tools.quotes.check`` fails when the text and the stored output disagree, so regenerating a notebook whose
printed numbers moved fails here until the text is updated.

A number the text writes as ``$a \\times 10^{b}$`` is quoted by its mantissa ``a``: the context then holds the
whole formula (the exponent of the text) and the pattern the exponent of the printed number, so that a
change of either exponent fails too.

Only numbers that the text takes from (or reports as) a notebook result are here. Hand-worked examples that a
notebook happens to print as well, and numbers that a test recomputes but no notebook prints (for example
``100000.00000133288`` or ``2.184`` bits per block), are pinned by the chapters' own test modules. Outputs of
cells marked ``# NBVAL_IGNORE_OUTPUT`` depend on the machine and are never quoted: no pattern below matches in
them (the second test).
"""

import json
import re
from functools import cache

import pytest

from tools.quotes import ROOT, Quote, check

NUMERICAL = "advanced_topics/numerical_methods/README.md"
NUMERICAL_NB = "advanced_topics/numerical_methods/numerical_methods.ipynb"
INFORMATION = "advanced_topics/information_theory/README.md"
INFORMATION_NB = "advanced_topics/information_theory/information_theory.ipynb"
CONVEX = "advanced_topics/convex_optimization/README.md"
CONVEX_NB = "advanced_topics/convex_optimization/convex_optimization.ipynb"
PROJECTS = "projects/README.md"  # section "5. Support vector machines through their dual"
SVM_NB = "projects/support_vector_machine_duality.ipynb"


def _quotes(text, notebook, rows):
    """One ``Quote`` per row ``(quoted, pattern, context)`` of ``text`` quoting ``notebook``."""
    return [Quote(text, quoted, notebook, pattern, context) for quoted, pattern, context in rows]


def _only(pattern, n):
    """``pattern`` with only its group ``n`` (counted from 0) capturing; the others become non-capturing."""
    parts = pattern.split("(")
    out, group = parts[0], 0
    for part in parts[1:]:
        if part.startswith("?") or out.endswith("\\"):  # already non-capturing, or an escaped parenthesis
            out += "(" + part
            continue
        out += ("(" if group == n else "(?:") + part
        group += 1
    return out


# ----------------------------------------------------------------------------------------- numerical methods
def _format_row(name, column, exponent=""):
    """The notebook's table of floating-point formats: column 0 is p, then u, largest, smallest normal,
    smallest subnormal, and the largest argument of exp; ``exponent`` (for example ``"-16"``) must follow the
    captured mantissa."""
    cells = [r"\S+"] * 6
    cells[column] = r"(\d+(?:\.\d+)?)" + (f"e{exponent}".replace("+", r"\+") if exponent else "")
    return r"(?m)^ *" + name + "".join(r" +" + cell for cell in cells) + r" *$"


_NEWTON_ERRORS = r"Newton: .*errors above 1e-13: \["
_SECANT_ERRORS = r"secant: .*errors above 1e-13: \["


def _error(prefix, k, exponent):
    """The mantissa of the error e_k (an entry ``a.be<exponent>``) of the list printed after ``prefix``."""
    skip = "".join(r"'[^']*', " for _ in range(k))
    return prefix + skip + r"'(\d\.\d)e" + exponent + "'"


_LOG1P = r"log1p\(1e-10\) = \S+ +relative error (\d\.\d)e-08"
_EXPM1 = r"expm1\(1e-10\) = \S+ +relative error (\d\.\d)e-08"
_ROUNDS = r"1 \+ 1e-10 rounds to 1 \+ (\d\.\d+)e-10"
_FSUM = r"math\.fsum: (\S+)"
_NAIVE32 = r"float32 naive loop over 1e6 copies of 0\.1: (\S+)"

NUMERICAL_QUOTES = [
    *_quotes(
        NUMERICAL,
        NUMERICAL_NB,
        [
            # the table of formats (README "Definitions"): the notebook's table plus bfloat16 (not in numpy)
            ("53", _format_row("float64", 0), "| float64 | 53 |"),
            ("24", _format_row("float32", 0), "| float32 | 24 |"),
            ("11", _format_row("float16", 0), "| float16 | 11 |"),
            ("1.1", _format_row("float64", 1, "-16"), r"| $1.1 \times 10^{-16}$ |"),
            ("6.0", _format_row("float32", 1, "-08"), r"| $6.0 \times 10^{-8}$ |"),
            ("4.9", _format_row("float16", 1, "-04"), r"| $4.9 \times 10^{-4}$ |"),
            ("1.8", _format_row("float64", 2, "+308"), r"| $1.8 \times 10^{308}$ |"),
            (
                "3.4",
                _format_row("float32", 2, "+38"),
                r"| float32 | 24 | $6.0 \times 10^{-8}$ | $3.4 \times 10^{38}$ |",
            ),
            ("65504", _format_row("float16", 2), "| 65504 |"),
            ("2.2", _format_row("float64", 3, "-308"), r"| $2.2 \times 10^{-308}$ |"),
            (
                "1.2",
                _format_row("float32", 3, "-38"),
                r"| float32 | 24 | $6.0 \times 10^{-8}$ | $3.4 \times 10^{38}$ | $1.2",
            ),
            ("6.1", _format_row("float16", 3, "-05"), r"| $6.1 \times 10^{-5}$ |"),
            ("4.9", _format_row("float64", 4, "-324"), r"| $4.9 \times 10^{-324}$ |"),
            ("1.4", _format_row("float32", 4, "-45"), r"| $1.4 \times 10^{-45}$ |"),
            ("6.0", _format_row("float16", 4, "-08"), r"| $6.0 \times 10^{-8}$ | 11.09 |"),
            ("709.78", _format_row("float64", 5), "| 709.78 |"),
            ("88.72", _format_row("float32", 5), "| float32 | 24 |"),
            ("11.09", _format_row("float16", 5), "| 11.09 |"),
            # the same numbers, rounded, in the prose
            ("6", _format_row("float32", 1, "-08"), r"$u$ is $6 \times 10^{-8}$"),
            ("5", _format_row("float16", 1, "-04"), r"$6 \times 10^{-8}$, $5 \times 10^{-4}$"),
            ("88.7", _format_row("float32", 5), "overflows above 88.7 in float32"),
            ("11.1", _format_row("float16", 5), "above 11.1 in float16"),
            ("11.1", _format_row("float16", 5), "overflows above 11.1 and squares"),
            ("6", _format_row("float32", 1, "-08"), r"where $u = 6 \times 10^{-8}$"),
            # the tiny values that log1p keeps (notebook section 5)
            ("4.25", r"softplus\(-40\) = (\d\.\d+)e-18", r"instead of $4.25 \times 10^{-18}$"),
            (
                "4.25",
                r"logsumexp\(\[0, -40\]\) = (\d\.\d+)e-18",
                r"$\log(e^0 + e^{-40}) = 4.25 \times 10^{-18}$",
            ),
            ("4.25", r"softplus\(-40\) = (\d\.\d+)e-18", r"$\mathrm{softplus}(-40) = 4.25 \times 10^{-18}$"),
            ("-1000", r"log_softmax\(z\) = \[ *0\. +(-\d+)\.", r"($\log s_j = -1000$"),
            # cancellation (notebook section 3)
            ("8", _EXPM1, r"`exp(x) - 1` has a relative error of $8 \times 10^{-8}$"),
            (
                "1.49",
                r"sqrt\(1e16 - 4\) rounds to 1e8 - (\d\.\d+)e-08",
                r"$10^{8} - 1.49 \times 10^{-8}$ (the doubles",
            ),
            ("7.45", r"textbook small root (\d\.\d+)e-09", r"= 7.45 \times 10^{-9}"),
            ("25", r"textbook small root \S+ \(relative error (\d+) %\)", "25 % off"),
            ("1.00000008274", _ROUNDS, r"rounds to $1 + 1.00000008274 \times 10^{-10}$, so"),
            (
                "1.0000000827",
                r"log\(1 \+ 1e-10\) = (\d\.\d+)e-10",
                r"$1.0000000827 \times 10^{-10}$, a relative",
            ),
            ("8.3", _LOG1P, r"a relative error of $8.3 \times 10^{-8}$"),
            ("9.9999999995", r"log1p\(1e-10\) = (\d\.\d+)e-11", r"returns $9.9999999995 \times 10^{-11}$"),
            # the nearly singular system (notebook section 4)
            ("4.0", r"2x2 example: kappa = (\d\.\d)e\+06", r"$\kappa(A) \approx 4.0 \times 10^{6}$"),
            ("2.8", r"2x2 example: .* amplification (\d\.\d)e\+06", r"= 2.8 \times 10^{6}$"),
            # summation (notebook section 6)
            ("10000.0", _FSUM, "rounds to 10000.0: that is what `math.fsum` returns"),
            ("1.1", r"naive loop: +\S+ +error \S+ <= bound (\d\.\d)e-07", r"= 1.1 \times 10^{-7}$"),
            (
                "1.9",
                r"naive loop: +\S+ +error (\d\.\d)e-08",
                r"| $1.9 \times 10^{-8}$ (10000.000000018848) |",
            ),
            (
                "10000.000000018848",
                r"naive loop: +(\S+) +error",
                "| $1.9 \\times 10^{-8}$ (10000.000000018848) |",
            ),
            ("1.9", r"pairwise_sum: +\S+ +error \S+ <= bound (\d\.\d)e-11", r"= 1.9 \times 10^{-11}$"),
            ("0", r"pairwise_sum: +\S+ +error (\S+) <=", r"= 1.9 \times 10^{-11}$ | 0 |"),
            ("2.2", r"kahan_sum: +\S+ +error \S+ <= bound (\d\.\d)e-12", r"= 2.2 \times 10^{-12}$"),
            ("0", r"kahan_sum: +\S+ +error (\S+) <=", r"= 2.2 \times 10^{-12}$ | 0 |"),
            ("100958", _NAIVE32, "give 100958 instead of"),
            ("100958.34", _NAIVE32, "returns 100958.34 (measured)"),
            # root finding (notebook section 7)
            ("0.97", r"bisection: .*order (\S+),", "finds 0.97, 1.64 and 2.05"),
            ("1.64", r"secant: .*order (\S+),", "finds 0.97, 1.64 and 2.05"),
            ("2.05", r"Newton: .*order (\S+),", "finds 0.97, 1.64 and 2.05"),
            ("0.41", _NEWTON_ERRORS + r"'([^']+)'", "$0.41$, $0.086$"),
            ("0.086", _NEWTON_ERRORS + r"'[^']+', '([^']+)'", "$0.41$, $0.086$"),
            ("2.5", _error(_NEWTON_ERRORS, 2, "-03"), r"$0.086$, $2.5 \times 10^{-3}$"),
            ("2.1", _error(_NEWTON_ERRORS, 3, "-06"), r"$2.5 \times 10^{-3}$, $2.1 \times 10^{-6}$"),
            ("1.6", _error(_NEWTON_ERRORS, 4, "-12"), r"$1.6 \times 10^{-12}$; the ratios"),
            ("0.50", r"Newton e_\{k\+1\} / e_k\^2: \['([^']+)'", "are $0.50$, $0.33$"),
            ("0.33", r"Newton e_\{k\+1\} / e_k\^2: \['[^']+', '([^']+)'", "are $0.50$, $0.33$"),
            ("0.35", r"Newton e_\{k\+1\} / e_k\^2: \[(?:'[^']+', ){2}'([^']+)'", "$0.33$, $0.35$, $0.354$"),
            (
                "0.354",
                r"Newton e_\{k\+1\} / e_k\^2: \[(?:'[^']+', ){3}'([^']+)'",
                "$0.35$, $0.354$, approaching",
            ),
            ("0.354", r"C = 1/\(2 sqrt 2\) = (\S+)", r"1/(2\sqrt{2}) = 0.354$"),
            ("0.41", _SECANT_ERRORS + r"'([^']+)'", "has errors $0.41$, $0.59$"),
            ("0.59", _SECANT_ERRORS + r"'[^']+', '([^']+)'", "has errors $0.41$, $0.59$"),
            ("0.081", _SECANT_ERRORS + r"(?:'[^']+', ){2}'([^']+)'", "$0.59$, $0.081$, $0.014$"),
            ("0.014", _SECANT_ERRORS + r"(?:'[^']+', ){3}'([^']+)'", "$0.59$, $0.081$, $0.014$"),
            ("4.2", _error(_SECANT_ERRORS, 4, "-04"), r"$4.2 \times 10^{-4}$,"),
            ("2.1", _error(_SECANT_ERRORS, 5, "-06"), r"$2.1 \times 10^{-6}$, $3.2 \times 10^{-10}$"),
            ("3.2", _error(_SECANT_ERRORS, 6, "-10"), r"$2.1 \times 10^{-6}$, $3.2 \times 10^{-10}$"),
            ("19", r"bisection with tol 1e-6: (\d+) halvings", "= 20 - 1 = 19$ halvings"),
            ("52", r"bisection: +(\d+) steps", "it runs 52 halvings"),
        ],
    ),
    *_quotes(
        NUMERICAL_NB,
        NUMERICAL_NB,
        [
            ("1.00000008274", _ROUNDS, r"rounds to $1 + 1.00000008274 \times 10^{-10}$"),
            ("0.0", r"naive sigmoid\(-1000\) via 1/\(1\+exp\(-x\)\) = (\S+) ", "does print the right 0.0"),
            ("-1000", r"log_sigmoid\(-1000\) = (\S+)", "where `log_sigmoid` returns $-1000$"),
            ("10000.0", _FSUM, "(`math.fsum`) is 10000.0"),
        ],
    ),
]

# ---------------------------------------------------------------------------------------- information theory
_SEARCH = r"(\d+) candidate splits; best: flavanoids <= \S+, gain \S+ bits"
_LEFT = r"classes on the left \[ *(\d+) +(\d+) +(\d+)\]"
_RIGHT = r"on the right \[ *(\d+) +(\d+) +(\d+)\]"
_COUNTS = r"class counts \[ *(\d+) +(\d+) +(\d+)\]"


INFORMATION_QUOTES = [
    *_quotes(
        INFORMATION,
        INFORMATION_NB,
        [
            # the figure of the coin (its caption)
            ("0.72", r"H\(0\.8, 0\.2\) = (\S+) bits", "0.72 bits at p = 0.8"),
            # forward and reverse KL: "the notebook finds both optima by a grid search"
            ("0", r"forward KL: grid minimum at mu = (\S+),", r"forward at $\mu = 0$"),
            (
                "2.0",
                r"forward KL: grid minimum at mu = \S+, sigma = (\S+);",
                r"$\sigma = 2.0$ (the grid point",
            ),
            ("2.088", r"moment matching gives mu = 0, sigma = (\S+)", "the grid point nearest 2.088"),
            ("2", r"reverse KL: grid minimum at \|mu\| = (\S+),", r"reverse at $\vert \mu \vert = 2$"),
            ("0.6", r"reverse KL: .*, sigma = (\S+), KL", r"$\sigma = 0.6$ with"),
            ("0.692", r"reverse KL: .* KL = (\S+) nats", r"$D_{\mathrm{KL}} = 0.692$ nats"),
            # the first split of a tree on the wine data
            ("59", _only(_COUNTS, 0), "classes of 59, 71 and 48"),
            ("71", _only(_COUNTS, 1), "classes of 59, 71 and 48"),
            ("48", _only(_COUNTS, 2), "classes of 59, 71 and 48"),
            ("1.5668", r"root entropy (\S+) bits", "$H(Y) = 1.5668$ bits"),
            ("1263", _SEARCH, "all 1263 midpoints"),
            ("1.575", r"best: flavanoids <= (\S+), gain", r"**flavanoids $\le 1.575$**"),
            ("0", _only(_LEFT, 0), "left child holds 0, 14 and 48"),
            ("14", _only(_LEFT, 1), "left child holds 0, 14 and 48"),
            ("48", _only(_LEFT, 2), "left child holds 0, 14 and 48"),
            ("59", _only(_RIGHT, 0), "the right child 59, 57 and 0"),
            ("57", _only(_RIGHT, 1), "the right child 59, 57 and 0"),
            ("0", _only(_RIGHT, 2), "the right child 59, 57 and 0"),
            ("0.6469", r"best: flavanoids <= \S+, gain (\S+) bits", r"$\mathrm{IG} = 0.6469$ bits"),
        ],
    ),
    *_quotes(
        INFORMATION_NB,
        INFORMATION_NB,
        [
            ("0.32", r"self-information of heads and tails: (\S+) \S+ bits", "-\\log_2 0.8 = 0.32$ bits"),
            ("2.32", r"self-information of heads and tails: \S+ (\S+) bits", "tails by 2.32 bits"),
            ("0.72", r"H\(0\.8, 0\.2\) = (\S+) bits", "the entropy, is 0.72 bits"),
            ("1", r"H\(p, q\) = (\S+) ", "$H(p, q) = 1$ bit per toss"),
            ("0.28", r"KL\(p\|\|q\) = (\S+) ", "$0.28$ bits more"),
            ("0.32", r"KL\(q\|\|p\) = (\S+)", "excess is $0.32$ bits"),
        ],
    ),
]

# --------------------------------------------------------------------------------------- convex optimization
_GD = r"gap at k = 10: (\S+), at k = 100: (\S+)"
_BOUND = r"bound at k = 10: (\S+), at k = 100: (\S+);"
_ISTA = r"(?m)^ *ISTA: first below 1e-8 at step (\d+), stays below from step (\d+) \(a priori bound (\d+)\)"
_FISTA = r"FISTA: first below 1e-8 at step (\d+), stays below from step (\d+) \(a priori bound (\d+)\)"
_DIABETES = r"L = (\S+), mu = (\S+), kappa = (\S+), alpha_max = (\S+)"
_FACTORS = (
    r"lambda_min = (\S+); \(1 - lambda_min / L\)\^2 = (\S+); "
    r"measured factor over steps 300\.\.400: (\S+); 1 - mu / L = (\S+)"
)
_WIDE = r"d = (\d+), kappa\(Z\^T Z\) = (\d\.\d)e\+05"


CONVEX_QUOTES = [
    *_quotes(
        CONVEX,
        CONVEX_NB,
        [
            # gradient descent rates, convex case (notebook section 2)
            ("23.56", _only(_GD, 0), "**23.56** after 10 steps"),
            ("2.246", _only(_GD, 1), "**2.246** after 100"),
            ("7485.47", r"\|\|x0\|\|\^2 = (\S+);", r"\rVert^2 = 7485.47$ gives 374.3 and 37.43"),
            ("374.3", _only(_BOUND, 0), "gives 374.3 and 37.43"),
            ("37.43", _only(_BOUND, 1), "gives 374.3 and 37.43"),
            ("-1.03", r"fitted slope (\S+)\n", "is **-1.03**"),
            # the lasso on the diabetes data (notebook section 3)
            ("4.024", _only(_DIABETES, 0), "= 4.024$"),
            ("0.00856", _only(_DIABETES, 1), r"$\mu = \sigma_{10}^2/n = 0.00856$"),
            ("470", _only(_DIABETES, 2), r"$\kappa = 470$"),
            ("0.586", _only(_DIABETES, 3), r"$\alpha_{\max} = 0.586$"),
            ("0.25508", r"F\* = (\S+);", "$F^\\star = 0.25508$"),
            # steps to a gap of 1e-8 (notebook section 4)
            ("314", _only(_ISTA, 0), "| ISTA | 314 |"),
            ("314", _only(_ISTA, 1), "| ISTA | 314 | 314 |"),
            ("7990", _only(_ISTA, 2), "| 7990 (linear rate"),
            ("67", _only(_FISTA, 0), "| FISTA | 67 |"),
            ("141", _only(_FISTA, 1), "| FISTA | 67 | 141 |"),
            ("15060", _only(_FISTA, 2), "| 15060 ("),
            ("67", _only(_FISTA, 0), "dips below $10^{-8}$ at step 67"),
            ("141", _only(_FISTA, 1), "stays below from step 141"),
            ("0.0569", _only(_FACTORS, 0), r"$\lambda_{\min} = 0.0569$"),
            ("0.00856", _only(_DIABETES, 1), r"$\mu = 0.00856$ ($\kappa"),
            ("60.8", r"kappa of the 8 active columns: (\S+)", r"= 60.8$ instead of 470"),
            ("470", _only(_DIABETES, 2), r"= 60.8$ instead of 470"),
            ("0.972", _only(_FACTORS, 1), "^2 = 0.972$ (measured"),
            ("0.972", _only(_FACTORS, 2), "steps 300 to 400: 0.972"),
            ("0.998", _only(_FACTORS, 3), r"$1 - \mu/L = 0.998$"),
            ("314", _only(_ISTA, 0), "in 314 steps"),
            ("67", _only(_FISTA, 0), "(67 versus 141 steps above)"),
            ("141", _only(_FISTA, 1), "(67 versus 141 steps above)"),
            # the 1/k and 1/k^2 rates (notebook section 5)
            ("55", _only(_WIDE, 0), "($d = 55$"),
            ("3.5", _only(_WIDE, 1), r"\approx 3.5 \times 10^5$"),
            ("-1.12", r"(?m)^ *ISTA: fitted slope over k = 10\.\.100: (\S+);", "**-1.12** (ISTA)"),
            ("-1.85", r"FISTA: fitted slope over k = 10\.\.100: (\S+);", "**-1.85** (FISTA)"),
        ],
    ),
    *_quotes(
        CONVEX_NB,
        CONVEX_NB,
        [
            ("55", _only(_WIDE, 0), "($d = 55$"),
            ("3.5", _only(_WIDE, 1), r"\approx 3.5 \times 10^5$"),
            ("0.5", r"  w: \[(\S+) \S+\]", r"$\mathbf{w} = (0.5, 0.5)$"),
        ],
    ),
]

# ------------------------------------------------------------------------------- the SVM project (section 5)
_SUPPORT = r"(\d+) support vectors out of (\d+) training rows: (\d+) on the margin, (\d+) at alpha = C"


def _c_row(c, column):
    """The row of ``C = c`` in the notebook's table: column 0 support vectors, 1 margin width, 2 accuracy."""
    cells = [r"\S+"] * 3
    cells[column] = r"(\S+)"
    return r"(?m)^ *" + c + "".join(" +" + cell for cell in cells) + " *$"


SVM_QUOTES = [
    *_quotes(
        PROJECTS,
        SVM_NB,
        [
            ("63", _only(_SUPPORT, 0), "63 of the 427 training points"),
            ("427", _only(_SUPPORT, 1), "63 of the 427 training points"),
            ("3", _only(_SUPPORT, 2), "3 lie exactly on a margin"),
            ("60", _only(_SUPPORT, 3), "60 hold"),
            ("22", r"misclassified \(y f < 0\): (\d+)", "22 of them on the wrong side"),
            ("0.795", r"margin width 2 / \|\|w\|\| = (\S+)", r"= 0.795$ wide"),
            ("2.150", _c_row("0.01", 1), "from 2.150 to 0.530"),
            ("0.530", _c_row("100", 1), "from 2.150 to 0.530"),
            ("183", _c_row("0.01", 0), "from 183 to 54"),
            ("54", _c_row("100", 0), "from 183 to 54"),
            ("93.0", r"test accuracy: ours (\S+) %", "(93.0 % at $C = 1$)"),
            ("0.8634", r"gamma = (\S+),", r"$\gamma = 0.8634$"),
            ("95.0", r"RBF kernel (\S+) %", "95.0 % test accuracy"),
            ("85.5", r"linear kernel (\S+) %", "linear SVM reaches 85.5 %"),
        ],
    ),
    *_quotes(
        SVM_NB,
        SVM_NB,
        [
            ("427", _only(_SUPPORT, 1), "Here $n = 427$"),
            ("3", _only(_SUPPORT, 2), "Only 3 of the 63"),
            ("63", _only(_SUPPORT, 0), "Only 3 of the 63"),
        ],
    ),
]

QUOTES = NUMERICAL_QUOTES + INFORMATION_QUOTES + CONVEX_QUOTES + SVM_QUOTES


@pytest.mark.parametrize("quote", QUOTES, ids=str)
def test_quoted_number_is_the_stored_output(quote):
    assert check(quote) == []


@cache
def _ignored_outputs(notebook):
    """The text outputs of the notebook's cells whose output nbval does not compare."""
    cells = json.loads((ROOT / notebook).read_text(encoding="utf-8"))["cells"]
    texts = []
    for cell in cells:
        source = "".join(cell["source"])
        if cell["cell_type"] == "code" and source.startswith("# NBVAL_IGNORE_OUTPUT"):
            for out in cell["outputs"]:
                text = out.get("text", out.get("data", {}).get("text/plain", ""))
                texts.append("".join(text) if isinstance(text, list) else text)
    return "\n".join(texts)


@pytest.mark.parametrize("quote", QUOTES, ids=str)
def test_no_quote_comes_from_a_machine_dependent_output(quote):
    assert not re.search(quote.pattern, _ignored_outputs(quote.notebook))
