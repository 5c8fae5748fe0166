"""Numbers that the probability and statistics chapters quote from their notebooks, tied to the outputs.

Each :class:`tools.quotes.Quote` names a number as a chapter's README (or a notebook's own markdown cells)
writes it, with words of its line, and a pattern that captures the number a code cell printed;
:func:`tools.quotes.check` requires the text's number to be the printed one rounded to the digits the text
shows. Regenerating a notebook whose printed numbers moved therefore fails here until the text is updated.

Not listed: closed-form values that the text derives by hand (doctests and the unit tests recompute those),
inputs such as sample sizes, and the output of cells marked ``NBVAL_IGNORE_OUTPUT``, which depends on the
machine (the text labels those numbers "measured on one machine"). The Gaussian-mixture project is here too:
its algorithm is this area's ``mixture.py``.

Patterns anchor on the label printed next to the number. Where the text states a distance ("0.2 standard
errors from the exact answer") the pattern skips the sign of the printed z; where the text writes a power
of ten (``4.9 \\times 10^{-12}``) the pattern fixes the printed exponent and captures the mantissa; where the
text quotes a guaranteed bound the pattern includes the ``True`` that the notebook prints after checking it.
"""

import pytest

from tools.quotes import Quote, check

Z = r"-?([\d.]+)"  # the size of a signed printed number, for a text that states a distance


def _group(pattern, i):
    """``pattern`` with only its i-th group (counted from 0) capturing: one expression per printed line."""
    parts = pattern.split("(")
    out, group = parts[0], 0
    for part in parts[1:]:
        if out.endswith("\\") or part.startswith("?"):  # a literal parenthesis or a non-capturing group
            out += "(" + part
            continue
        out += ("(" if group == i else "(?:") + part
        group += 1
    return out


def _quotes(readme, notebook):
    """Quotes of ``notebook``'s outputs in ``readme`` (with ``own=True``: in the notebook's markdown)."""

    def quote(quoted, pattern, context, own=False):
        return Quote(notebook if own else readme, quoted, notebook, pattern, context)

    return quote


# ---------------------------------------------------------------- probability basics
q = _quotes("probability_statistics/probability_basics/README.md",
            "probability_statistics/probability_basics/probability_basics.ipynb")
N23 = r"(?m)^23\s+"  # the row n = 23 of the birthday table: exact, simulated, standard error, z
MISSES = r"bars that miss the exact curve: n = \[(\d+)\]"
MONTY = r"switch=\w+ ?: simulated [\d.]+, exact [\d.]+, standard error ([\d.]+), z = " + Z  # both strategies
PROBABILITY_BASICS = [
    # Intuition: the figure's birthday bars and Monty Hall band
    q("65", MISSES, "At 65 people all 2 000"),
    q("65", MISSES, "65 people in the figure"),
    q("8", r"outside the band at (\d+) of 5000 game counts", "at 8 of the 5 000 game counts"),
    # Worked example: the breast cancer cross-table and the probabilities computed from it
    q("569", r"(?m)^All\s+\d+\s+\d+\s+(\d+)$", "(569 tumours, 212 malignant)"),
    q("212", r"(?m)^malignant\s+\d+\s+\d+\s+(\d+)$", "(569 tumours, 212 malignant)"),
    q("161", r"(?m)^malignant\s+\d+\s+(\d+)\s+\d+$", "161 of the 212"),
    q("12", r"(?m)^benign\s+\d+\s+(\d+)\s+\d+$", "12 of the 357 benign"),
    q("357", r"(?m)^benign\s+\d+\s+\d+\s+(\d+)$", "12 of the 357 benign"),
    q("173", r"(?m)^All\s+\d+\s+(\d+)\s+\d+$", "161/173"),
    q("0.3726", r"P\(M\) = ([\d.]+),", "212/569 = 0.3726"),
    q("0.7594", r"P\(R \| M\) = ([\d.]+)", r"P(R \mid M) = 0.7594"),
    q("0.0336", r"P\(R \| not M\) = ([\d.]+)", r"P(R \mid M^c) = 0.0336"),
    q("0.9306", r"Bayes: P\(M \| R\) = ([\d.]+)", "161/173 = 0.9306"),
    q("0.9306", r"Bayes: P\(M \| R\) = [\d.]+; counted directly: ([\d.]+)", "161/173 = 0.9306"),
    q("0.283", r"P\(M and R\) = ([\d.]+)", r"P(M \cap R) = 0.283"),
    q("0.113", r"versus P\(M\) P\(R\) = ([\d.]+)", "P(M) P(R) = 0.113"),
    # Worked example: the birthday simulation for n = 23, and the largest distance in the whole table
    q("0.5073", N23 + r"([\d.]+)", "For $n = 23$ this is $0.5073$"),
    q("0.50699", N23 + r"[\d.]+\s+([\d.]+)", "finds 0.50699 with standard error"),
    q("0.00158", N23 + r"[\d.]+\s+[\d.]+\s+([\d.]+)", "standard error 0.00158"),
    q("0.2", N23 + r"[\d.]+\s+[\d.]+\s+[\d.]+\s+" + Z + "$", r"$0.2\ \mathrm{se}$ from the"),
    q("0.2", N23 + r"[\d.]+\s+[\d.]+\s+[\d.]+\s+" + Z + "$", r'is not a check; "$0.2'),
    q("1.22", r"largest \|z\| in the table: ([\d.]+)", "the largest difference is $1.22"),
    # Worked example: Monty Hall (both strategies print the same standard error and the same distance)
    q("0.66832", r"switch=True : simulated ([\d.]+)", "finds 0.66832 when switching"),
    q("0.33168", r"switch=False: simulated ([\d.]+)", "when switching and 0.33168"),
    q("0.00149", _group(MONTY, 0), "standard error 0.00149"),
    q("1.1", _group(MONTY, 1), r"$1.1\ \mathrm{se}$ from the exact"),
    # the notebook's own markdown
    q("569", r"(?m)^All\s+\d+\s+\d+\s+(\d+)$", "(569 tumours, bundled", own=True),
]

# ---------------------------------------------------------------- random variables and expectation
q = _quotes("probability_statistics/random_variables_and_expectation/README.md",
            "probability_statistics/random_variables_and_expectation/random_variables_and_expectation.ipynb")
DIE = r"simulated mean ([\d.]+) \(standard error ([\d.]+), z = -?([\d.]+)\), variance ([\d.]+)"
NAIVE = r"naive keeps at most ([\d.]+) digits on NumAcc3 and ([\d.]+) on NumAcc4: True"
TWO_PASS = r"two-pass keeps >= ([\d.]+) digits on NumAcc3, >= ([\d.]+) on NumAcc4: True"
WELFORD = r"Welford keeps >= (\d+) digits on both: True"
STORED = r"digits carried by the stored data themselves: \{1000000: ([\d.]+), 10000000: ([\d.]+)\}"
RANDOM_VARIABLES = [
    # Intuition: the central limit theorem panel (19 050 of 20 000 standardised means)
    q("95.25", r"standardised means within \+-1\.96: ([\d.]+) %", "95.25 % of them fall within"),
    # Worked example: the simulated die
    q("3.4980", _group(DIE, 0), "mean of $3.4980$"),
    q("0.0054", _group(DIE, 1), "standard error $0.0054$"),
    q("0.4", _group(DIE, 2), "(0.4 standard errors off)"),
    q("2.910", _group(DIE, 3), "variance of $2.910$"),
    # Worked example: the guarantees of the NumAcc table, each checked by the notebook (True on every machine)
    q("3.0", _group(NAIVE, 0), "at most 3.0, respectively 0.61"),
    q("0.61", _group(NAIVE, 1), "at most 3.0, respectively 0.61"),
    q("3.0", _group(NAIVE, 0), "Naive, at most 3.0 and 0.61"),
    q("0.61", _group(NAIVE, 1), "Naive, at most 3.0 and 0.61"),
    q("9.4", _group(TWO_PASS, 0), "at least 9.4, respectively 8.2"),
    q("8.2", _group(TWO_PASS, 1), "at least 9.4, respectively 8.2"),
    q("9.4", _group(TWO_PASS, 0), "Two-pass, at least 9.4 and 8.2"),
    q("8.2", _group(TWO_PASS, 1), "Two-pass, at least 9.4 and 8.2"),
    q("8", WELFORD, "at least 8 on both"),
    q("8", WELFORD, "Welford, at least 8."),
    # ... and the digits of the exact standard deviation of the stored doubles (exact rational arithmetic)
    q("9.46", _group(STORED, 0), "exact sd of the stored doubles | 9.46"),
    q("8.25", _group(STORED, 1), "exact sd of the stored doubles | 9.46 | 8.25"),
    q("9.46", _group(STORED, 0), "of the stored doubles (9.46 and"),
    q("8.25", _group(STORED, 1), "8.25 digits, computed in rational arithmetic"),
    # Worked example: the wine data
    q("0.86", r"corr\(flavanoids, total_phenols\) = ([\d.]+)", r"$\rho = 0.86$"),
    q("7", r"eigenvalues of Sigma range over (\d+) orders of magnitude", "span 7 orders of magnitude"),
    q("13", r"sum = trace = (\d+): True", "its trace, 13"),
]

# ---------------------------------------------------------------- distributions
q = _quotes("probability_statistics/distributions/README.md",
            "probability_statistics/distributions/distributions.ipynb")
REJECTION = r"rejection: acceptance rate ([\d.]+) \(se ([\d.]+)\)"
GAMMA32 = r"P\(E1 \+ E2 \+ E3 <= 1\) ~ gamma\(3, 2\) simulated ([\d.]+), exact ([\d.]+), .*\(([\d.]+)\): True"
T4 = r"P\(Z / sqrt\(V/4\) <= -2\) ~ t\(4\)\s+simulated ([\d.]+), exact ([\d.]+), .*\(([\d.]+)\): True"
NEAR = r"(\d+) samples with \|x2 - 1\| < 0\.02: mean ([\d.]+) \(se ([\d.]+)\)"
ELLIPSE = r"fraction of samples inside the ellipse ([\d.]+) \(se ([\d.]+)\)"
NORMAL_TAIL = r"normal_cdf\(-30\)\s+= ([\d.]+)e-198\s+1 - normal_cdf\(30\)\s+= ([\d.]+)"
CHI2_TAIL = r"chi2_sf\(1000, 10\)\s+= ([\d.]+)e-208\s+1 - chi2_cdf\(1000, 10\)\s+= ([\d.]+)"
TEXTBOOK = r"textbook within 10 u \(sum of \|terms\|\) <= (\d\.\d)e-10 at every k: True"
NORMAL_FIT = r"normal fit: mu = ([\d.]+), sigma = ([\d.]+), log-likelihood ([-\d.]+)"
GAMMA_FIT = r"gamma fit by moments: shape = ([\d.]+), rate = ([\d.]+), log-likelihood ([-\d.]+)"
SKEW = r"skewness \(pandas\): ([\d.]+); gamma with this shape has skewness 2/sqrt\(shape\) = ([\d.]+)"
BMI35 = r"P\(BMI > 35\): data ([\d.]+) %, normal fit ([\d.]+) %, gamma fit ([\d.]+) %"
DISTRIBUTIONS = [
    # Derivation: rejection sampling
    q("0.7585", _group(REJECTION, 0), "The notebook measures $0.7585$"),
    q("0.0014", _group(REJECTION, 1), "standard error $0.0014$ on"),
    # Derivation: tails without cancellation (the printed mantissa; the exponent is fixed in the pattern)
    q("4.906714", _group(NORMAL_TAIL, 0), "So `normal_cdf(-30)` is $4.906714"),
    q("0", _group(NORMAL_TAIL, 1), "where `1 - normal_cdf(30)` is 0"),
    q("1.870291", _group(CHI2_TAIL, 0), "`chi2_sf(1000, 10)` is $1.870291"),
    q("0", _group(CHI2_TAIL, 1), "`1 - chi2_cdf(1000, 10)` is 0."),
    q("9.205981", r"t_cdf\(-40, 5\)\s+= ([\d.]+)e-08", r"($9.205981 \times 10^{-8}$)"),
    # Worked example: counting and Le Cam's inequality
    q("0.6496107184", r"I_0\.7\(7, 4\): ([\d.]+)", "I_{0.7}(7, 4) = 0.6496107184"),
    q("0.6496107184", r"binomial\(10, 0\.3\): sum of pmfs ([\d.]+)", "I_{0.7}(7, 4) = 0.6496107184"),
    q("0.0152", r"n =\s+100: sum \|binomial - Poisson\| = ([\d.e+-]+)", "total by $0.0152$"),
    q("0.0015", r"n =\s+1000: sum \|binomial - Poisson\| = ([\d.e+-]+)", "$0.0015$ at $n = 1000$"),
    # Worked example: relations, checked exactly and by simulation
    q("0.948866384207", r"Poisson\(4\): sum of pmfs ([\d.]+)", "$0.948866384207$ both as a sum"),
    q("0.948866384207", r"Q\(8, 4\): ([\d.]+)", "$0.948866384207$ both as a sum"),
    q("0.776869839852", r"P\(chi2_2 <= 3\): ([\d.]+)", "1 - e^{-3/2} = 0.776869839852"),
    q("0.776869839852", r"exponential cdf, rate 1/2: ([\d.]+)", "1 - e^{-3/2} = 0.776869839852"),
    q("0.3251", _group(GAMMA32, 0), "frequency $0.3251$ ($0.0015$)"),
    q("0.0015", _group(GAMMA32, 2), "frequency $0.3251$ ($0.0015$)"),
    q("0.3233", _group(GAMMA32, 1), "$P(3, 2) = 0.3233$"),
    q("0.0580", _group(T4, 0), "frequency $0.0580$ ($0.0007$)"),
    q("0.0007", _group(T4, 2), "frequency $0.0580$ ($0.0007$)"),
    q("0.0581", _group(T4, 1), "`t_cdf(-2, 4)` $= 0.0581$"),
    # Worked example: sampling
    q("0.7585", _group(REJECTION, 0), r"measured $0.7585 \pm 0.0014$"),
    q("0.0014", _group(REJECTION, 1), r"measured $0.7585 \pm 0.0014$"),
    q("0.7976", r"half-normal sample mean ([\d.]+)", "have mean $0.7976$"),
    # Worked example: conditioning in two dimensions and the 95 % ellipse
    q("933", _group(NEAR, 0), "against the 933 of 100 000 samples"),
    q("0.799", _group(NEAR, 1), "(mean $0.799$, standard error $0.020$)"),
    q("0.020", _group(NEAR, 2), "(mean $0.799$, standard error $0.020$)"),
    q("0.9503", _group(ELLIPSE, 0), "holds $0.9503$ of the samples"),
    q("0.0007", _group(ELLIPSE, 1), "expected, standard error $0.0007$"),
    # Worked example: tails
    q("4.906714", _group(NORMAL_TAIL, 0), "`normal_cdf(-30)` $= 4.906714"),
    q("0", _group(NORMAL_TAIL, 1), "`1 - normal_cdf(30)` $= 0$"),
    q("1.870291", _group(CHI2_TAIL, 0), "$= 1.870291"),
    q("0", _group(CHI2_TAIL, 1), "`1 - chi2_cdf(1000, 10)` $= 0$"),
    q("0", r"1 - exp\(-1e-20\)\s+= ([\d.]+)", "`1 - exp(-1e-20)` $= 0$"),
    q("2", TEXTBOOK, r"\approx 2 \times 10^{-10}"),
    # Worked example: body mass index in the diabetes data
    q("26.38", _group(NORMAL_FIT, 0), "has mean $26.38$"),
    q("4.41", _group(NORMAL_FIT, 1), "standard deviation $4.41$"),
    q("-1283.4", _group(NORMAL_FIT, 2), "against $-1283.4$ for the normal"),
    q("35.7", _group(GAMMA_FIT, 0), r"\bar{x}^2/s^2 = 35.7"),
    q("35.7", _group(GAMMA_FIT, 0), r"2/\sqrt{35.7}"),
    q("1.354", _group(GAMMA_FIT, 1), r"\bar{x}/s^2 = 1.354"),
    q("-1271.9", _group(GAMMA_FIT, 2), "log-likelihood is $-1271.9$"),
    q("0.60", _group(SKEW, 0), "sample skewness $0.60$"),
    q("0.33", _group(SKEW, 1), r"2/\sqrt{35.7} = 0.33"),
    q("3.6", _group(BMI35, 0), "$3.6$ % of the patients"),
    q("2.5", _group(BMI35, 1), "the normal fit predicts $2.5$ %"),
    q("3.4", _group(BMI35, 2), "gamma fit $3.4$ %"),
]

# ---------------------------------------------------------------- Bayes' theorem
q = _quotes("probability_statistics/bayes_theorem/README.md",
            "probability_statistics/bayes_theorem/bayes_theorem.ipynb")
INTERVAL = r"95 % credible interval \(([\d.]+), ([\d.]+)\)"
BAYES_THEOREM = [
    # Worked example: the credible interval of Beta(9, 5), by bisection on the incomplete beta function
    q("0.3857", _group(INTERVAL, 0), "quantiles 0.025 and 0.975 of Beta(9, 5)"),
    q("0.8614", _group(INTERVAL, 1), "quantiles 0.025 and 0.975 of Beta(9, 5)"),
]

# ---------------------------------------------------------------- maximum likelihood
q = _quotes("probability_statistics/maximum_likelihood/README.md",
            "probability_statistics/maximum_likelihood/maximum_likelihood.ipynb")
# row j of the table of Newton iterates: k_j and the mantissa of its relative error, whose exponent is e
NEWTON = r"(?m)^{j}\s+([\d.]+)\s+([\d.]+)e-{e}$"
GAMMA_SE = r"shape, rate = .*standard errors \[([\d.]+) ([\d.]+)\]"
AREA = r"gamma fit: shape ([\d.]+) \(se ([\d.]+)\)"


def _newton(j, e, i):
    return _group(NEWTON.replace("{j}", str(j)).replace("{e}", e), i)


MAXIMUM_LIKELIHOOD = [
    # Derivation: coverage of the Wald interval over 1000 simulated Poisson samples
    q("95.5", r"coverage ([\d.]+) %", "in 95.5 % of them"),
    # Worked example: Newton's iterates for the gamma shape and their relative errors
    q("4.105856", _newton(0, "02", 0), "| 0 | 4.105856 |"),
    q("4.259250", _newton(1, "03", 0), "| 1 | 4.259250 |"),
    q("4.265419", _newton(2, "06", 0), "| 2 | 4.265419 |"),
    q("4.265428", _newton(3, "12", 0), "| 3 | 4.265428 |"),
    q("3.7", _newton(0, "02", 1), r"relative errors $3.7 \times 10^{-2}$"),
    q("1.4", _newton(1, "03", 1), r"$1.4 \times 10^{-3}$"),
    q("2.2", _newton(2, "06", 1), r"$2.2 \times 10^{-6}$"),
    q("4.9", _newton(3, "12", 1), r"$4.9 \times 10^{-12}$"),
    q("2.906", _group(GAMMA_SE, 0), "with standard errors 2.906 and 1.234"),
    q("1.234", _group(GAMMA_SE, 1), "with standard errors 2.906 and 1.234"),
    # Worked example: the gamma fit to the mean cell area of the breast cancer data
    q("4.282", _group(AREA, 0), r"$\hat{k} \approx 4.282$"),
    q("0.245", _group(AREA, 1), r"$\mathrm{se} \approx 0.245$"),
]

# ---------------------------------------------------------------- hypothesis testing
q = _quotes("probability_statistics/hypothesis_testing/README.md",
            "probability_statistics/hypothesis_testing/hypothesis_testing.ipynb")
ONE_SAMPLE = r"t = ([\d.]+), df = 7, p = ([\d.]+)"
POWER = r"power at delta = 0\.5, n = 32: ([\d.]+)"
PAIRED = r"paired: p = ([\d.]+);  unpaired on the same numbers: p = ([\d.]+)"
TYPE_I = r"type I error rate: Welch ([\d.]+) %, Student ([\d.]+) %"
LOOKS = r"the same from 20 000 experiments: \[([\d.]+)(?:\s+[\d.]+){2}\s+([\d.]+)\]"
MANY = r"rejected: Bonferroni (\d+) \(true effects (\d+)\), Benjamini-Hochberg (\d+) \(true effects (\d+)\)"
WELCH = (r"Welch: difference ([-\d.]+), t = ([-\d.]+), df = ([\d.]+), p = ([\d.]+), "
         r"95% CI \(([-\d.]+), ([-\d.]+)\)")
PERMUTATION = r"permutation test \(9999 relabellings\): p = ([\d.]+)"
BP = r"blood pressure by sex, Welch: difference -?([\d.]+) mm Hg, p = ([\d.]+)e-07"
RADIUS = r"mean radius: t = ([\d.]+), df = ([\d.]+), p = ([\d.]+)e-64, 1 - cdf = ([\d.]+)"
HYPOTHESIS_TESTING = [
    # Intuition and the first figure: the worked one-sample test and the power of the z-test
    q("3.08", _group(ONE_SAMPLE, 0), "$t = 3.08$. If $H_0$ were true"),
    q("3.08", _group(ONE_SAMPLE, 0), "plus and minus 3.08 shaded"),
    q("0.018", _group(ONE_SAMPLE, 1), "happens with probability 0.018"),
    q("0.018", _group(ONE_SAMPLE, 1), "the p-value 0.018"),
    q("0.193", r"type II error at delta = 0\.5, n = 32: beta = ([\d.]+)", r"$\beta = 0.193$"),
    q("0.807", POWER, "power 0.807"),
    # Derivation: Student's and Welch's tests under the null with unequal variances (200 simulated data sets)
    q("30", _group(TYPE_I, 1), "rejects a true $H_0$ 30 % of the time"),
    q("5.5", _group(TYPE_I, 0), "Welch's 5.5 %"),
    # Derivation: the paired test against the two-sample test on the same numbers
    q("0.016", _group(PAIRED, 0), "give $p = 0.016$ paired and $p = 0.26$"),
    q("0.26", _group(PAIRED, 1), "give $p = 0.016$ paired and $p = 0.26$"),
    # Derivation: optional stopping and many tests
    q("0.193", _group(LOOKS, 1), "to 0.193 after"),
    q("0.05", _group(LOOKS, 0), "rising from 0.05 after one look"),
    q("0.19", _group(LOOKS, 1), "to 0.19 after ten looks"),
    q("6", _group(MANY, 0), "keeps 6 discoveries"),
    q("6", _group(MANY, 1), "keeps 6 discoveries"),  # ... all real
    q("8", _group(MANY, 2), "$kq/m$ keeps 8,"),
    q("8", _group(MANY, 3), "$kq/m$ keeps 8,"),  # ... all real
    # Worked example: the paired comparison (the two-sample p-value is not in the doctests)
    q("0.26", _group(PAIRED, 1), "same ten numbers gives $p = 0.26$"),
    # Worked example: the A/B comparison on the diabetes data, and the breast cancer radius
    q("235", r"(?m)^1\.0\s+([\d.]+)\s", "The 235 patients of group 1"),
    q("207", r"(?m)^2\.0\s+([\d.]+)\s", "the 207 of group 2"),
    q("149.0", r"sex 1: mean ([\d.]+)", "average 149.0"),
    q("155.7", r"sex 2: mean ([\d.]+)", "the 207 of group 2 155.7"),
    q("-6.65", _group(WELCH, 0), "difference $-6.65$"),
    q("-0.902", _group(WELCH, 1), "$t = -0.902$"),
    q("429.0", _group(WELCH, 2), r"$\hat{\nu} = 429.0$"),
    q("0.367", _group(WELCH, 3), "$p = 0.367$, 95 % interval"),
    q("-21.1", _group(WELCH, 4), "95 % interval $(-21.1, 7.8)$"),
    q("7.8", _group(WELCH, 5), "95 % interval $(-21.1, 7.8)$"),
    q("0.353", PERMUTATION, "gives $p = 0.353$"),
    q("6.7", _group(BP, 0), "differs by 6.7 mm Hg"),
    q("2.4", _group(BP, 1), r"$p = 2.4 \times 10^{-7}$"),
    q("22.21", _group(RADIUS, 0), "gives $t = 22.21$"),
    q("289.7", _group(RADIUS, 1), r"$\hat{\nu} = 289.7$"),
    q("1.68", _group(RADIUS, 2), r"$p = 1.68 \times 10^{-64}$"),
    q("0", _group(RADIUS, 3), "(here $1 - F(t)$ is 0)"),
    q("-6.6", _group(WELCH, 0), "the observed value -6.6 well inside it"),
    q("0.35", PERMUTATION, "well inside it, p = 0.35"),
    # Pitfalls
    q("0.37", _group(WELCH, 3), "$p = 0.37$ for progression by sex"),
    q("-21.1", _group(WELCH, 4), "the interval $(-21.1, 7.8)$ still allows"),
    q("7.8", _group(WELCH, 5), "the interval $(-21.1, 7.8)$ still allows"),
    q("30", _group(TYPE_I, 1), "(30 % instead of 5 % in the"),
    q("0.016", _group(PAIRED, 0), "(0.016 against 0.26 in"),
    q("0.26", _group(PAIRED, 1), "(0.016 against 0.26 in"),
    # the notebook's own markdown
    q("3.08", _group(ONE_SAMPLE, 0), "gives $t = 3.08$ with 7", own=True),
    q("0.8", POWER, "$n = 32$ gives power 0.8 for", own=True),
    q("0.0496", r"A/B conversions: X\^2 = [\d.]+, df = 1, p = ([\d.]+)", "gives $p = 0.0496$", own=True),
    q("0.058", r"with Yates' correction \(SciPy's default\): p = ([\d.]+)", "gives 0.058, on the", own=True),
    q("0.193", _group(LOOKS, 1), "0.193 after ten looks", own=True),
    q("22.2", _group(RADIUS, 0), "$t = 22.2$ with 290 degrees", own=True),
    q("290", _group(RADIUS, 1), "$t = 22.2$ with 290 degrees", own=True),
]

# ---------------------------------------------------------------- project: Gaussian mixture fitted by EM
# projects/README.md: only its section "4. Gaussian mixtures fitted by EM" quotes this notebook
q = _quotes("projects/README.md", "projects/gaussian_mixture_em.ipynb")
BEST = r"best: start \d+ \((\d+) iterations\), l / n = ([-\d.]+)"
# row j of the table of six starts: iterations, final l / n, smallest covariance eigenvalue, smallest weight
START = r"(?m)^{j}\s+(\d+)\s+([-\d.]+)\s+([\d.e+-]+)\s+([\d.]+)$"
# the setosa row of the cross-table, matched only when a single entry is not zero
SETOSA_IN_ONE_COMPONENT = r"(?m)^setosa(?:\s+0)*\s+([1-9]\d*)(?:\s+0)*$"
VERSICOLOR_IN_COMPONENT_1 = r"(?m)^versicolor\s+(\d+)\s+\d+\s+\d+$"  # component 1 is the virginica one
MATCHED = r"flowers in the majority species of their component: (\d+) of (\d+)"
SUMMARY = r"(?m)^{row}\s+([\d.]+)\s+[\d.]+\s+[\d.]+\s+([\d.]+)$"  # sepal length, petal width


def _start(j, i):
    return _group(START.replace("{j}", str(j)), i)


def _summary(row, i):
    return _group(SUMMARY.replace("{row}", row), i)


GAUSSIAN_MIXTURE = [
    q("-1.2012", _group(BEST, 1), "the best mean log-likelihood, $-1.2012$ per flower"),
    q("-1.2634", _start(2, 1), "lower maxima ($-1.2634$"),
    q("-1.2438", _start(3, 1), "and $-1.2438$), and one ($-1.3327$)"),
    q("-1.3327", _start(4, 1), "and $-1.2438$), and one ($-1.3327$)"),
    q("0.03", _start(4, 3), "(weight 0.03, smallest"),
    q("50", SETOSA_IN_ONE_COMPONENT, "all 50 *setosa* in one component"),
    q("145", _group(MATCHED, 0), "145 of the 150"),
    q("150", _group(MATCHED, 1), "145 of the 150"),
    q("5", VERSICOLOR_IN_COMPONENT_1, "(5 *versicolor* join the *virginica* component)"),
    q("22", _group(BEST, 0), "takes the same 22 iterations"),
    q("6", r"rounding model c u kappa max x\^2 / \(1 - r\) = (\d)e-11", r"($6 \times 10^{-11}$ here"),
    # the notebook's own markdown
    q("0.1", _summary("min", 1), "petal width from 0.1 to 2.5 cm", own=True),
    q("2.5", _summary("max", 1), "petal width from 0.1 to 2.5 cm", own=True),
    q("4.3", _summary("min", 0), "length from 4.3 to 7.9 cm", own=True),
    q("7.9", _summary("max", 0), "length from 4.3 to 7.9 cm", own=True),
    q("-1.2012", _group(BEST, 1), "$-1.2012$; two stop at lower maxima", own=True),
    q("0.03", _start(4, 3), "(weight 0.03)", own=True),
    q("-1.2634", _start(2, 1), "$-1.2634$ crawls", own=True),
    q("5", VERSICOLOR_IN_COMPONENT_1, "and 5 of the 100 others", own=True),
    q("0.67", r"smallest largest responsibility: ([\d.]+)", "0.67.", own=True),
]

QUOTES = [
    *PROBABILITY_BASICS,
    *RANDOM_VARIABLES,
    *DISTRIBUTIONS,
    *BAYES_THEOREM,
    *MAXIMUM_LIKELIHOOD,
    *HYPOTHESIS_TESTING,
    *GAUSSIAN_MIXTURE,
]


@pytest.mark.parametrize("quote", QUOTES, ids=str)
def test_the_text_quotes_the_printed_number(quote):
    assert check(quote) == []


def test_each_quote_is_listed_once():
    assert len(set(QUOTES)) == len(QUOTES)
