"""Split the time of ``expand(text)`` into the parse and the expansion, measured in the same rounds.

``expansion_maxima.ours`` times an expression either parsed once (reused across runs) or as
text (parse + expand on fresh objects). Subtracting the best parse time of a loop of parses
and the best expansion time of a loop of expansions from the best text time makes a "fresh
object penalty" appear (50-190 us on sin(x) + cos(1/(1 + (x + 1)**2)) at 0, k=5) that is not
work done on fresh nodes: a profile of the expansion of a fresh parse and of a reused object
makes the same calls, the same number of times. Each loop on its own keeps its code and data
in the CPU caches; a parse followed by an expansion does not, and the minima of separate
loops do not add up. Here every round runs the three in turn (after clear_cache each), so
the penalty is measured as what it is:

    python benchmarks/fresh_split.py "sin(x) + cos(1/(1 + (x + 1)**2))" --order 5
"""

from __future__ import annotations

import argparse
import gc
import time


def split(text: str, variables: str | None, at: str | None, order: int, rounds: int) -> dict[str, float]:
    """Best times (us) over ``rounds`` interleaved rounds: reused object, parse, text, and its two parts."""
    from sympy.core.cache import clear_cache

    from taylorcli import expand
    from taylorcli.parse import parse_expression

    parsed = parse_expression(text)
    expand(parsed, variables, at, order).polynomial  # warm-up: imports, SymEngine's first calls
    best = dict.fromkeys(("reused", "parse", "text", "text: parse", "text: expand"), float("inf"))
    gc.collect()
    gc.disable()
    try:
        for _ in range(rounds):
            clear_cache()
            start = time.perf_counter()
            expand(parsed, variables, at, order).polynomial
            best["reused"] = min(best["reused"], time.perf_counter() - start)
            clear_cache()
            start = time.perf_counter()
            parse_expression(text)
            best["parse"] = min(best["parse"], time.perf_counter() - start)
            clear_cache()
            start = time.perf_counter()
            fresh = parse_expression(text)
            middle = time.perf_counter()
            expand(fresh, variables, at, order).polynomial
            end = time.perf_counter()
            best["text"] = min(best["text"], end - start)
            best["text: parse"] = min(best["text: parse"], middle - start)
            best["text: expand"] = min(best["text: expand"], end - middle)
    finally:
        gc.enable()
    out = {name: value * 1e6 for name, value in best.items()}
    out["penalty"] = out["text"] - out["parse"] - out["reused"]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("expression")
    parser.add_argument("--vars", default=None)
    parser.add_argument("--at", default=None)
    parser.add_argument("--order", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=150)
    args = parser.parse_args()
    for name, value in split(args.expression, args.vars, args.at, args.order, args.rounds).items():
        print(f"{name:14s} {value:8.1f} us")


if __name__ == "__main__":
    main()
