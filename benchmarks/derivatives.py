"""Benchmark cases 1-5: Hessians and derivative tensors against SymPy, and the parser against parse_expr."""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import sympy as sp

sys.path.insert(0, str(Path(__file__).resolve().parent))  # benchmarks/common.py, when imported from elsewhere

from common import SLOW_BASELINE, TARGET_N, Check, Row, compare_entries, compare_matrices, measure  # noqa: E402

from taylorcli import derivative_tensor, hessian, symbol  # noqa: E402
from taylorcli.parse import MAX_LENGTH, parse_expression  # noqa: E402


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
