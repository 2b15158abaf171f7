"""Reading and building chained Rosenbrock at scale (issue 11, "inputs that size").

For each n: the text as stdin would give it (``StdinText``), then
``parse_expression`` (the template route for long sums), the variables, and the
sparse build ``compile_for_newton`` (term groups, SymEngine compilation of each
shape, the per-shape check), and the echo of the expression (``exact_text``)
that ``newton`` writes. CPU seconds (``time.process_time``: the machine is
shared) and wall seconds. ``--plain`` also times the node-by-node parse route.

    python benchmarks/parse_scale.py                  # n = 1,000 and 10,000, ~10 s
    python benchmarks/parse_scale.py --n 2000 --plain
"""

from __future__ import annotations

import argparse
import time

from taylorcli import parse as parse_module
from taylorcli.options import StdinText
from taylorcli.parse import parse_expression, variables_of
from taylorcli.render import exact_text
from taylorcli.sparse import compile_sparse, term_groups
from taylorcli.sparse_path import compile_for_newton, verify_shapes


def rosenbrock(n: int) -> str:
    return " + ".join(f"100*(x{i + 1} - x{i}**2)**2 + (1 - x{i})**2" for i in range(1, n))


def timed(fn, *args):
    cpu, wall = time.process_time(), time.perf_counter()
    result = fn(*args)
    return result, time.process_time() - cpu, time.perf_counter() - wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="*", default=[1000, 10_000])
    parser.add_argument("--plain", action="store_true", help="also time the node-by-node parse route")
    args = parser.parse_args()
    print(f"{'n':>7} {'chars':>9}  {'step':<38} {'CPU s':>7} {'wall s':>7}")
    for n in args.n:
        text = StdinText(rosenbrock(n))
        expr, *parse_times = timed(parse_expression, text)
        variables, *variable_times = timed(variables_of, expr)
        rows = [("parse_expression (template route)", parse_times), ("variables_of", variable_times)]
        if args.plain:
            fast = parse_module.build_large
            parse_module.build_large = lambda source, max_nodes: None
            try:
                plain, *plain_times = timed(parse_expression, text)
            finally:
                parse_module.build_large = fast
            assert plain == expr and plain.args == expr.args
            rows.append(("parse_expression (node by node)", plain_times))
        groups, *group_times = timed(term_groups, expr, variables)
        sparse, *compile_times = timed(compile_sparse, expr, variables, groups)
        (ok, _), *verify_times = timed(verify_shapes, sparse)
        compiled, *build_times = timed(compile_for_newton, expr, variables)
        _, *echo_times = timed(exact_text, expr)
        rows += [("  term groups", group_times), ("  compile shapes (SymEngine)", compile_times),
                 ("  check shapes (exact)", verify_times), ("compile_for_newton (all of the above)", build_times),
                 ("exact_text (the echoed expression)", echo_times)]
        assert compiled is not None and ok
        for step, (cpu, wall) in rows:
            print(f"{n:>7} {len(text):>9,}  {step:<38} {cpu:7.2f} {wall:7.2f}")


if __name__ == "__main__":
    main()
