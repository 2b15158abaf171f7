"""Benchmark taylorcli against plain SymPy, in one run, on the same inputs.

    python benchmarks/run.py              # full run (about a minute)
    python benchmarks/run.py --quick      # smaller sizes, a few seconds
    python benchmarks/run.py --repeat 5   # best of 5 for the fast side

Every case times a SymPy baseline and the taylorcli call on the same
expression, checks that both give the same result, and prints one line:
baseline seconds, taylorcli seconds, ratio (baseline / taylorcli), the target
ratio if the case has one, PASS/FAIL, and whether the results are identical.

Timing: each call runs after ``sympy.core.cache.clear_cache()`` and
``gc.collect()``, so no run profits from SymPy's cache filled by an earlier
one. The fast side is the best (minimum) of ``--repeat`` runs; a baseline
whose first run takes more than 5 s is run only once.

Exit status: 0 if every targeted case that ran meets its target and every
case gave identical results; 1 otherwise.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import math
import platform
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Benchmark this checkout, even when run with an interpreter where it is not installed.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sympy as sp  # noqa: E402
import symengine  # noqa: E402
from sympy.core.cache import clear_cache  # noqa: E402

import taylorcli  # noqa: E402
import numpy as np  # noqa: E402

from taylorcli import derivative_tensor, expand, hessian, symbol  # noqa: E402
from taylorcli.numeric import compile as compile_numeric  # noqa: E402
from taylorcli.optimize import newton  # noqa: E402
from taylorcli.parse import MAX_LENGTH, parse_expression  # noqa: E402

SLOW_BASELINE = 5.0  # seconds: a baseline slower than this is run once
TARGET_N = 100  # the size at which the Hessian target is defined


# --- timing ---------------------------------------------------------------------------------

@dataclass
class Timing:
    seconds: float  # best (minimum) run
    runs: int
    result: Any


def measure(fn: Callable[[], Any], repeat: int, slow: float | None = None) -> Timing:
    """Best of ``repeat`` runs of ``fn``; only one run if it is slower than ``slow`` s."""
    best = float("inf")
    result = None
    runs = 0
    for _ in range(repeat):
        clear_cache()
        gc.collect()
        start = time.perf_counter()
        result = fn()
        elapsed = time.perf_counter() - start
        runs += 1
        best = min(best, elapsed)
        if slow is not None and elapsed > slow:
            break
    return Timing(best, runs, result)


# --- equality -------------------------------------------------------------------------------

@dataclass
class Check:
    identical: bool
    note: str = ""


def compare_entries(baseline: list[sp.Expr], ours: list[sp.Expr], simplify: bool = False) -> Check:
    """Entrywise: structurally equal, else ``expand`` (then ``simplify``) of the difference is 0."""
    if len(baseline) != len(ours):
        return Check(False, f"different sizes: {len(baseline)} vs {len(ours)} entries")
    structural = sum(a == b for a, b in zip(baseline, ours))
    if structural == len(baseline):
        return Check(True, "structurally equal (==)")
    unequal = []
    for index, (a, b) in enumerate(zip(baseline, ours)):
        if a == b:
            continue
        difference = sp.expand(a - b)
        if difference != 0 and simplify:
            difference = sp.simplify(difference)
        if difference != 0:
            unequal.append(index)
    method = "expand/simplify" if simplify else "expand"
    differing = len(baseline) - structural
    if unequal:
        return Check(False, f"{len(unequal)} of {len(baseline)} entries differ (first at flat index {unequal[0]})")
    return Check(True, f"{differing} of {len(baseline)} entries equal only after {method} of the difference")


def compare_matrices(baseline: sp.Matrix, ours: sp.Matrix) -> Check:
    if baseline.shape != ours.shape:
        return Check(False, f"shapes differ: {baseline.shape} vs {ours.shape}")
    if baseline == ours:
        return Check(True, "structurally equal (==)")
    return compare_entries(list(baseline), list(ours))


# --- cases ----------------------------------------------------------------------------------

@dataclass
class Row:
    name: str
    baseline: Timing
    ours: Timing
    check: Check
    target: float | None = None  # minimum ratio, if this case has a target
    notes: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return self.baseline.seconds / self.ours.seconds if self.ours.seconds > 0 else float("inf")

    @property
    def status(self) -> str:
        if self.target is None:
            return "-"
        return "PASS" if self.ratio >= self.target and self.check.identical else "FAIL"


def rosenbrock(n: int) -> tuple[sp.Expr, list[sp.Symbol]]:
    """Chained Rosenbrock: sum_{i=1}^{n-1} 100*(x_{i+1} - x_i**2)**2 + (1 - x_i)**2."""
    xs = [symbol(f"x{i}") for i in range(1, n + 1)]
    f = sp.Add(*(100 * (xs[i + 1] - xs[i] ** 2) ** 2 + (1 - xs[i]) ** 2 for i in range(n - 1)))
    return f, xs


def jacobian_route(f: sp.Expr, xs: list[sp.Symbol]) -> sp.Matrix:
    return sp.Matrix([f]).jacobian(xs).T.jacobian(xs)


def case_hessian_vs_sympy_hessian(n: int, repeat: int, targeted: bool) -> Row:
    f, xs = rosenbrock(n)
    base = measure(lambda: sp.hessian(f, xs), repeat, slow=SLOW_BASELINE)
    ours = measure(lambda: hessian(f, xs), repeat)
    row = Row(f"1 hessian rosenbrock n={n} vs sympy.hessian", base, ours,
              compare_matrices(base.result, ours.result), target=50.0 if targeted else None)
    if not targeted:
        row.notes.append(f"target >= 50 is defined at n={TARGET_N}; not checked at n={n}")
    return row


def case_hessian_vs_jacobian(number: int, n: int, repeat: int) -> Row:
    f, xs = rosenbrock(n)
    base = measure(lambda: jacobian_route(f, xs), repeat, slow=SLOW_BASELINE)
    ours = measure(lambda: hessian(f, xs), repeat)
    return Row(f"{number} hessian rosenbrock n={n} vs jacobian(jacobian)", base, ours,
               compare_matrices(base.result, ours.result))


def case_third_derivative_tensor(repeat: int) -> Row:
    xs = [symbol(f"x{i}") for i in range(1, 7)]
    x1, x2, x3, x4, x5, x6 = xs
    f = sp.exp(x1 * x2) * sp.sin(x3 + x4) + (x5 + x6) ** 5 * x1
    n, k = len(xs), 3

    def naive() -> sp.Array:
        entries = [sp.diff(f, xi, xj, xk) for xi, xj, xk in itertools.product(xs, repeat=k)]
        return sp.Array(entries, (n,) * k)

    base = measure(naive, repeat, slow=SLOW_BASELINE)
    ours = measure(lambda: derivative_tensor(f, xs, k), repeat)
    if base.result.shape != ours.result.shape:
        check = Check(False, f"shapes differ: {base.result.shape} vs {ours.result.shape}")
    else:
        indices = list(itertools.product(range(n), repeat=k))
        check = compare_entries([base.result[i] for i in indices], [ours.result[i] for i in indices],
                                simplify=True)
    return Row(f"4 3rd-derivative tensor n={n} vs diff loop", base, ours, check)


def sum_text(terms: int) -> str:
    """A sum of ``terms`` terms c*x_i, signs alternating, within the parser's length limit."""
    parts = [f"{i % 9 + 1}*x{i}" for i in range(1, terms + 1)]
    text = parts[0] + "".join((" - " if i % 2 else " + ") + part for i, part in enumerate(parts[1:], 1))
    if len(text) > MAX_LENGTH:
        raise SystemExit(f"benchmark text is {len(text)} characters, over the parser limit {MAX_LENGTH}")
    return text


def case_parse(repeat: int, terms: int = 1000) -> Row:
    text = sum_text(terms)
    # Same real symbols as the safe parser makes, so the results can be compared with ==.
    names = {f"x{i}": symbol(f"x{i}") for i in range(1, terms + 1)}
    # parse_expr evaluates its input: fine here, the text is our own.
    base = measure(lambda: sp.parse_expr(text, local_dict=names), repeat, slow=SLOW_BASELINE)
    ours = measure(lambda: parse_expression(text), repeat)
    check = Check(base.result == ours.result,
                  "structurally equal (==)" if base.result == ours.result else "parsed expressions differ")
    row = Row(f"5 parse {terms}-term sum vs sympy.parse_expr", base, ours, check)
    row.notes.append(f"text is {len(text):,} characters (parser limit {MAX_LENGTH:,})")
    return row


def naive_taylor(f: sp.Expr, xs: list[sp.Symbol], point: list[int], order: int) -> sp.Expr:
    """The naive method: differentiate f afresh for every multi-index up to ``order``."""
    total = sp.Integer(0)
    for powers in itertools.product(range(order + 1), repeat=len(xs)):
        if sum(powers) > order:
            continue
        spec = [item for v, p in zip(xs, powers) if p for item in (v, p)]
        value = (sp.diff(f, *spec) if spec else f).subs(dict(zip(xs, point)))
        factorial = 1
        for p in powers:
            factorial *= math.factorial(p)
        total += value / factorial * sp.Mul(*((v - a) ** p for v, a, p in zip(xs, point, powers)))
    return total


def compare_polynomials(baseline: sp.Expr, ours: sp.Expr) -> Check:
    same = sp.expand(baseline - ours) == 0
    return Check(same, "expand(baseline - ours) == 0" if same else "polynomials differ")


def case_expand_vs_naive(number: int, point: list[int], order: int, repeat: int, targeted: bool) -> Row:
    x, y, z = (symbol(n) for n in "xyz")
    f = sp.exp(x * y) * sp.sin(x + z)
    base = measure(lambda: naive_taylor(f, [x, y, z], point, order), repeat, slow=SLOW_BASELINE)
    ours = measure(lambda: expand(f, [x, y, z], point, order).polynomial, repeat)
    at = ",".join(map(str, point))
    return Row(f"{number} expand exp(x*y)*sin(x+z) k={order} at ({at}) vs naive", base, ours,
               compare_polynomials(base.result, ours.result), target=100.0 if targeted else None)


def case_expand_vs_series(number: int, label: str, build: Callable[[sp.Symbol], sp.Expr], order: int,
                          repeat: int, target: float | None) -> Row:
    x = symbol("x")
    f = build(x)
    base = measure(lambda: sp.series(f, x, 0, order + 1).removeO(), repeat, slow=SLOW_BASELINE)
    ours = measure(lambda: expand(f, [x], [0], order).polynomial, repeat)
    return Row(f"{number} expand {label} k={order} vs sympy.series", base, ours,
               compare_polynomials(base.result, ours.result), target=target)


def hand_gradient(x: np.ndarray) -> np.ndarray:
    """Chained Rosenbrock's gradient, written by hand in NumPy."""
    g = np.zeros_like(x)
    d = x[1:] - x[:-1] ** 2
    g[:-1] += -400 * x[:-1] * d - 2 * (1 - x[:-1])
    g[1:] += 200 * d
    return g


def hand_hessian(x: np.ndarray) -> np.ndarray:
    """Chained Rosenbrock's dense Hessian, written by hand in NumPy."""
    n = len(x)
    H = np.zeros((n, n))
    i = np.arange(n - 1)
    H[i, i] += 1200 * x[:-1] ** 2 - 400 * x[1:] + 2
    H[i + 1, i + 1] += 200
    H[i, i + 1] = H[i + 1, i] = -400 * x[:-1]
    return H


def per_call(fn: Callable[[], Any], calls: int = 2000) -> float:
    fn()
    start = time.perf_counter()
    for _ in range(calls):
        fn()
    return (time.perf_counter() - start) / calls


def case_compiled_derivatives(repeat: int) -> Row:
    f, xs = rosenbrock(TARGET_N)
    compiled = measure(lambda: compile_numeric(f, xs), 1)
    c = compiled.result
    x = np.random.default_rng(0).uniform(-1, 1, TARGET_N)
    same = np.allclose(c.gradient(x), hand_gradient(x)) and np.allclose(c.hessian(x), hand_hessian(x))
    base = Timing(min(per_call(lambda: (hand_gradient(x), hand_hessian(x))) for _ in range(repeat)), repeat, None)
    ours = Timing(min(per_call(lambda: (c.gradient(x), c.hessian(x))) for _ in range(repeat)), repeat, None)
    row = Row(f"13 gradient+Hessian per point n={TARGET_N} vs hand NumPy", base, ours,
              Check(same, "equal to hand-written NumPy (allclose)" if same else "values differ"), target=1.0)
    row.notes.append(f"compile time {compiled.seconds:.3f} s (target < 0.5 s): "
                     + ("PASS" if compiled.seconds < 0.5 else "FAIL"))
    if compiled.seconds >= 0.5:
        row.check = Check(False, row.check.note + "; compile time over 0.5 s")
    row.notes.append(f"compiled with {c.backend}, {c.check} (checked when built)")
    return row


def chained_text(n: int) -> tuple[str, str]:
    text = " + ".join(f"100*(x{i + 1}-x{i}**2)**2 + (1-x{i})**2" for i in range(1, n))
    start = ",".join("-1.2" if i % 2 == 0 else "1" for i in range(n))
    return text, start


def case_newton_iterations(number: int, n: int, repeat: int) -> Row:
    """Our Newton against SciPy's trust-exact on the same exact derivatives."""
    from scipy.optimize import minimize

    text, start = chained_text(n)
    c = compile_numeric(text)
    x0 = np.array([float(v) for v in start.split(",")])
    base = measure(lambda: minimize(c.value, x0, jac=c.gradient, hess=c.hessian, method="trust-exact",
                                    options={"gtol": 1e-8, "maxiter": 2000}), repeat)
    ours = measure(lambda: newton(c, x0), repeat)
    r, s_ = ours.result, base.result
    ok = r.success and r.grad_norm <= 1e-8 and r.nit < s_.nit
    row = Row(f"{number} newton chained rosenbrock n={n} vs trust-exact", base, ours,
              Check(ok, f"iterations: ours {r.nit} (|g| {r.grad_norm:.1e}, f {r.fun:.4f}), trust-exact {s_.nit} "
                        f"(|g| {np.linalg.norm(s_.jac):.1e}, f {s_.fun:.4f})"))
    for method in ("Newton-CG", "BFGS", "L-BFGS-B"):
        other = minimize(c.value, x0, jac=c.gradient, hess=c.hessian if method == "Newton-CG" else None,
                         method=method, options={"maxiter": 20000})
        row.notes.append(f"{method}: {other.nit} iterations, |g| {np.linalg.norm(other.jac):.1e}, "
                         f"success {other.success}")
    return row


def case_cold_start(repeat: int) -> Row:
    """`taylor newton` at n = 100 in a fresh process vs importing sympy and numpy."""
    import subprocess

    text, start = chained_text(TARGET_N)

    def run(args: list[str]) -> None:
        subprocess.run(args, check=True, capture_output=True)

    base = measure(lambda: run([sys.executable, "-c", "import sympy, numpy"]), repeat)
    command = [sys.executable, "-m", "taylorcli", "newton", text, "--x0", start, "-f", "json"]
    ours = measure(lambda: run(command), repeat)
    # Here the target is ours <= 3x the baseline, i.e. ratio >= 1/3.
    return Row("14 cold taylor newton n=100 vs import sympy,numpy", base, ours,
               Check(True, "a whole process: parse, derive, compile, solve"), target=1 / 3)


def _compile_bytecode() -> None:
    """Write taylorcli's .pyc files, as pip does on a regular install.

    An editable checkout has none, and with PYTHONDONTWRITEBYTECODE set every
    cold process would recompile our modules (~70 ms) while SymPy's are cached.
    """
    import compileall

    compileall.compile_dir(str(Path(taylorcli.__file__).parent), quiet=1)


def _process_seconds(args: list[str], repeat: int, stdin: str | None = None) -> float:
    import subprocess

    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(args, input=stdin, text=True, check=False, capture_output=True)
        best = min(best, time.perf_counter() - start)
    return best


def case_fast_start(repeat: int) -> Row:
    """`taylor --version` in a fresh process against its 0.2 s budget (no SymPy, no NumPy)."""
    ours = _process_seconds([sys.executable, "-m", "taylorcli", "--version"], repeat)
    row = Row("18 cold taylor --version vs a 0.2 s budget", Timing(0.2, repeat, None), Timing(ours, repeat, None),
              Check(True, "budget, not a measurement, on the baseline side"), target=1.0)
    row.notes.append(f"taylor --help: {_process_seconds([sys.executable, '-m', 'taylorcli', '--help'], repeat):.3f} s")
    return row


def case_cold_command(repeat: int) -> Row:
    """A cold `taylor hessian` against 1.3 x `python -c "import sympy"` plus the work itself."""
    import subprocess

    sympy_import = _process_seconds([sys.executable, "-c", "import sympy"], repeat)
    probe = ("import time, taylorcli.commands as c, taylorcli.cli as t\n"
             "from click.testing import CliRunner\n"
             "s = time.perf_counter(); CliRunner().invoke(t.cli, ['hessian', 'x1**2*x2 + x1*x2**3'])\n"
             "print(time.perf_counter() - s)")
    work = min(float(subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True).stdout)
               for _ in range(repeat))
    ours = _process_seconds([sys.executable, "-m", "taylorcli", "hessian", "x1**2*x2 + x1*x2**3"], repeat)
    budget = 1.3 * sympy_import + work
    row = Row("19 cold taylor hessian vs 1.3 x import sympy + work", Timing(budget, repeat, None),
              Timing(ours, repeat, None), Check(True, "the baseline is the budget"), target=1.0)
    row.notes.append(f"import sympy {sympy_import:.3f} s, work in-process {work:.3f} s")
    return row


def case_batch(repeat: int, count: int = 1000, sample: int = 20) -> Row:
    """1,000 Hessians in one --batch run against 1,000 separate invocations (timed on 20, scaled)."""
    # A mix of polynomial, exponential and trigonometric Hessians, all distinct.
    shapes = ["x**{a}*y**{b} + z**{c}", "exp({a}*x*y) + x**{b}*z", "sin({a}*x + y) + {b}*x*y*z**{c}",
              "log(1 + x**2 + {a}*y**2) + z**{b}"]
    lines = [shapes[k % 4].format(a=k % 7 + 2, b=k % 5 + 1, c=k % 3 + 2) for k in range(count)]
    separate = sum(_process_seconds([sys.executable, "-m", "taylorcli", "hessian", text, "-f", "json"], 1)
                   for text in lines[:sample]) / sample * count
    ours = _process_seconds([sys.executable, "-m", "taylorcli", "hessian", "-", "--batch"], 1, "\n".join(lines))
    row = Row(f"20 batch of {count} hessians vs {count} invocations", Timing(separate, 1, None),
              Timing(ours, 1, None), Check(True, f"separate invocations: {sample} timed, scaled to {count}"),
              target=20.0)
    return row


# --- output ---------------------------------------------------------------------------------

COLUMNS = [("case", 52, "<"), ("baseline s", 12, ">"), ("taylorcli s", 12, ">"), ("ratio", 9, ">"),
           ("target", 8, ">"), ("result", 6, ">"), ("identical", 14, "<")]


def line(cells: list[str]) -> str:
    return "  ".join(f"{cell:{align}{width}}" for cell, (_, width, align) in zip(cells, COLUMNS)).rstrip()


def seconds(t: Timing) -> str:
    text = f"{t.seconds:.4f}" if t.seconds >= 1e-3 else f"{t.seconds:.2e}"
    return text + ("" if t.runs > 1 else "*")


def format_row(row: Row) -> str:
    return line([
        row.name,
        seconds(row.baseline),
        seconds(row.ours),
        f"{row.ratio:.1f}x",
        f">= {row.target:.3g}" if row.target is not None else "-",
        row.status,
        "identical: " + ("yes" if row.check.identical else "no"),
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="n=30 for cases 1-2, skip case 3, 300-term sum for case 5 (a few seconds)")
    parser.add_argument("--repeat", type=int, default=3, metavar="N",
                        help="best of N runs for the fast side and for baselines under 5 s (default 3)")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    print(f"Python     {platform.python_version()} ({platform.python_implementation()}, {platform.machine()})")
    print(f"SymPy      {sp.__version__}")
    print(f"SymEngine  {symengine.__version__}")
    print(f"taylorcli  {taylorcli.__version__} ({Path(taylorcli.__file__).parent})")
    _compile_bytecode()
    print(f"mode       {'quick' if args.quick else 'full'}, best of {args.repeat} "
          f"(a baseline over {SLOW_BASELINE:g} s runs once), SymPy cache cleared before every run")
    print()

    n = 30 if args.quick else TARGET_N
    cases: list[Callable[[], Row]] = [
        lambda: case_hessian_vs_sympy_hessian(n, args.repeat, targeted=n == TARGET_N),
        lambda: case_hessian_vs_jacobian(2, n, args.repeat),
    ]
    if not args.quick:
        # sympy.hessian at n=200 takes over a minute: only the faster SymPy route is timed.
        cases.append(lambda: case_hessian_vs_jacobian(3, 200, args.repeat))
    terms = 300 if args.quick else 1000
    cases += [lambda: case_third_derivative_tensor(args.repeat), lambda: case_parse(args.repeat, terms)]
    # Issue 3's targets: >= 100x the naive SymPy method and sympy.series; never slower where series is fast.
    k_multi, k_sin, k_exp = (4, 8, 7) if args.quick else (8, 12, 10)
    full = not args.quick
    cases += [
        lambda: case_expand_vs_naive(6, [0, 0, 0], k_multi, args.repeat, full),
        lambda: case_expand_vs_naive(7, [1, 2, 3], k_multi, args.repeat, full),
        lambda: case_expand_vs_series(8, "exp(sin(x))", lambda x: sp.exp(sp.sin(x)), k_sin, args.repeat,
                                      100.0 if full else None),
        lambda: case_expand_vs_series(9, "exp(1-exp(x))", lambda x: sp.exp(1 - sp.exp(x)), k_exp, args.repeat,
                                      100.0 if full else None),
        lambda: case_expand_vs_series(10, "1/cos(x)", lambda x: 1 / sp.cos(x), 20, args.repeat, 1.0),
        lambda: case_expand_vs_series(11, "atan(x)", sp.atan, 20, args.repeat, 1.0),
        lambda: case_expand_vs_series(12, "log(1+x)", lambda x: sp.log(1 + x), 20, args.repeat, 1.0),
        # Issue 4: compiled derivatives, Newton's iterations, a cold process.
        lambda: case_compiled_derivatives(args.repeat),
        lambda: case_cold_start(args.repeat),
    ]
    # Issue 6: start-up and pipelines.
    cases += [lambda: case_fast_start(args.repeat), lambda: case_cold_command(args.repeat),
              lambda: case_batch(args.repeat, 1000 if full else 200)]
    for number, n in ((15, 2), (16, 10), (17, 100)):
        if full or n <= 10:
            cases.append(lambda number=number, n=n: case_newton_iterations(number, n, args.repeat))

    header = line([name for name, _, _ in COLUMNS])
    print(header)
    print("-" * len(header))
    rows = []
    for case in cases:
        row = case()
        rows.append(row)
        print(format_row(row), flush=True)
    print()
    print("* a single run (baseline slower than 5 s); other times are the best of their runs")
    print("ratio = baseline s / taylorcli s")
    for row in rows:
        runs = f"runs: baseline {row.baseline.runs}, taylorcli {row.ours.runs}"
        print(f"case {row.name.split()[0]}: {row.check.note}; {runs}"
              + "".join(f"; {note}" for note in row.notes))

    targeted = [row for row in rows if row.target is not None]
    failed = [row for row in targeted if row.status == "FAIL"]
    mismatched = [row for row in rows if not row.check.identical]
    print()
    if not targeted:
        print("no targeted case at these sizes (run without --quick)")
    else:
        print(f"targets: {len(targeted) - len(failed)} of {len(targeted)} passed")
    if mismatched:
        print(f"results differ in {len(mismatched)} case(s): "
              + ", ".join(row.name.split()[0] for row in mismatched))
    ok = not failed and not mismatched
    print("overall:", "PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
