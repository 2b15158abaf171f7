"""Issue 9's arithmetic against the derivative engine, object for object, on sweep-drawn cases.

    python benchmarks/expansion_crosscheck.py --seeds 190-199      # 400 cases, a few minutes

Not a timing: a correctness sweep too slow for CI. Each case of ``expansion_sweep.cases``
(the families the speed work is measured on, nobody tuned for them) is expanded by
``taylorcli.expand`` and, where the answer is a Taylor polynomial, compared with the
derivative engine (``expansion._taylor(..., arithmetic=False)``: SymEngine's partials at the
point), with ``==`` and ``srepr``: the same objects, not only equal values. Orders are capped
(8 in one variable, 4 up to three, 2 beyond; ``--caps``) so the reference stays fast. It found a merge
that printed log(2) for atan(2) (session 10): run it on a merged tree before landing.
Exit status 1 when a case differs or fails on one side only.
"""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import sympy as sp  # noqa: E402
from expansion_sweep import cases  # noqa: E402

from taylorcli import expand  # noqa: E402
from taylorcli.expansion import _taylor  # noqa: E402


class _Slow(Exception):
    pass


def _stop(*_: object) -> None:
    raise _Slow


def check(text: str, variables: str, at: str | None, order: int) -> str | None:
    """None when expand's coefficients are the derivative engine's very objects, else what differs."""
    e = expand(text, variables, at, order)
    if e.kind != "taylor":
        return None  # Laurent, Puiseux, one-sided: no derivative-engine reference
    want = _taylor(e.expression, e.variables, e.at, order, "total", arithmetic=False)
    got = e.coefficients
    if got == want and [sp.srepr(c) for _, c in got] == [sp.srepr(c) for _, c in want]:
        return None
    return f"got  {got}\n  want {want}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="190-192", help="a seed or a range A-B (default 190-192)")
    parser.add_argument("--count", type=int, default=40, help="cases per seed (default 40)")
    parser.add_argument("--seconds", type=int, default=20, help="per case; a slower case is skipped (default 20)")
    parser.add_argument("--caps", default="8,4,2", metavar="A,B,C",
                        help="order caps: one variable, up to three, more (default 8,4,2; FLINT's one-variable "
                             "series stop at 10 terms unless told: 16,6,3 reaches past that)")
    args = parser.parse_args()
    first, _, last = args.seeds.partition("-")
    one, few, many = (int(c) for c in args.caps.split(","))
    signal.signal(signal.SIGALRM, _stop)
    compared = bad = skipped = 0
    for seed in range(int(first), int(last or first) + 1):
        for text, variables, at, k in cases(seed, args.count):
            n = len(variables.split(","))
            k = min(k, one if n == 1 else few if n <= 3 else many)
            signal.alarm(args.seconds)
            try:
                why = check(text, variables, at, k)
                compared += 1
            except _Slow:
                skipped += 1
                continue
            except Exception as error:  # noqa: BLE001 - expand's own refusal: the reference must refuse too
                why = None
                try:
                    _taylor(*_reference_case(text, variables, at, k), arithmetic=False)
                    why = f"expand raised {type(error).__name__}: {error}; the derivative engine answers"
                except _Slow:
                    skipped += 1
                    continue
                except Exception:  # noqa: BLE001 - both refuse: agreed
                    pass
                compared += 1
            finally:
                signal.alarm(0)
            if why:
                bad += 1
                print(f"DIFFERS seed {seed}: {text} [{variables}] at {at} k={k}\n  {why}")
    print(f"{compared} compared, {bad} differ, {skipped} skipped (over {args.seconds} s)")
    return 1 if bad else 0


def _reference_case(text: str, variables: str, at: str | None, order: int) -> tuple:
    """(expr, variables, point, order, degree) as expand reads them, for the reference alone."""
    from taylorcli.expansion_input import point as read_point
    from taylorcli.parse import parse_expression, symbol

    symbols = [symbol(v) for v in variables.split(",")]
    return parse_expression(text), symbols, read_point(at, symbols), order, "total"


if __name__ == "__main__":
    sys.exit(main())
