"""Issue 9's arithmetic against the derivative engine, object for object, on sweep-drawn cases.

    python benchmarks/expansion_crosscheck.py --seeds 190-199      # 400 cases, a few minutes

Not a timing: a correctness sweep too slow for CI. Each case of ``expansion_sweep.cases``
(the families the speed work is measured on, nobody tuned for them) is expanded by
``taylorcli.expand`` and, where the answer is a Taylor polynomial, compared with the
derivative engine (``expansion._taylor(..., arithmetic=False)``: SymEngine's partials at the
point), with ``==`` and ``srepr``: the same objects, not only equal values. Orders are capped
(8 in one variable, 4 up to three, 2 beyond; ``--caps``) so the reference stays fast. It found a merge
that printed log(2) for atan(2) (session 10): run it on a merged tree before landing. Each case runs
in a forked child under a memory cap (--memory) and a wall-clock limit (--seconds): a case past
either is skipped.
Exit status 1 when a case differs or fails on one side only.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import select
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import sympy as sp  # noqa: E402
from expansion_sweep import cases  # noqa: E402

from taylorcli import expand  # noqa: E402
from taylorcli.expansion import _taylor  # noqa: E402


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
    parser.add_argument("--memory", type=float, default=4, metavar="GIB",
                        help="per case (default 4 GiB); a case that needs more is skipped")
    parser.add_argument("--caps", default="8,4,2", metavar="A,B,C",
                        help="order caps: one variable, up to three, more (default 8,4,2; FLINT's one-variable "
                             "series stop at 10 terms unless told: 16,6,3 reaches past that)")
    args = parser.parse_args()
    first, _, last = args.seeds.partition("-")
    one, few, many = (int(c) for c in args.caps.split(","))
    compared = bad = skipped = 0
    for seed in range(int(first), int(last or first) + 1):
        for text, variables, at, k in cases(seed, args.count):
            n = len(variables.split(","))
            k = min(k, one if n == 1 else few if n <= 3 else many)
            why = _in_child(lambda: _verdict(text, variables, at, k), args.seconds, args.memory)
            if why is _SKIPPED:
                skipped += 1
                continue
            compared += 1
            if why:
                bad += 1
                print(f"DIFFERS seed {seed}: {text} [{variables}] at {at} k={k}\n  {why}", flush=True)
    print(f"{compared} compared, {bad} differ, {skipped} skipped (over {args.seconds} s or {args.memory:g} GiB)")
    return 1 if bad else 0


def _verdict(text: str, variables: str, at: str | None, order: int) -> str | None:
    """check's answer; where expand refuses, None if the derivative engine refuses too."""
    try:
        return check(text, variables, at, order)
    except Exception as error:  # noqa: BLE001 - expand's own refusal: the reference must refuse too
        try:
            _taylor(*_reference_case(text, variables, at, order), arithmetic=False)
        except Exception:  # noqa: BLE001 - both refuse: agreed
            return None
        return f"expand raised {type(error).__name__}: {error}; the derivative engine answers"


_SKIPPED = "skipped"


def _in_child(work: Callable[[], str | None], seconds: int, memory: float) -> str | None:
    """work() in a forked child under a memory cap, killed past ``seconds`` of wall time.

    Why a child: the derivatives run in SymEngine's C++, where no alarm lands, and one
    reference case grew to 16 GB; under RLIMIT_AS glibc aborts the process rather than
    raising MemoryError. A child that is killed, aborts or runs out is a skipped case.
    """
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        resource.setrlimit(resource.RLIMIT_AS, (int(memory * 2**30), resource.RLIM_INFINITY))
        try:
            answer = json.dumps({"why": work()})
        except BaseException:  # noqa: BLE001 - MemoryError and the like: the case is skipped
            os._exit(3)
        os.write(write, answer.encode())
        os._exit(0)
    os.close(write)
    chunks: list[bytes] = []
    deadline = time.monotonic() + seconds
    while True:
        ready, _, _ = select.select([read], [], [], max(deadline - time.monotonic(), 0))
        if not ready:
            os.kill(pid, signal.SIGKILL)
            break
        chunk = os.read(read, 1 << 16)
        if not chunk:
            break
        chunks.append(chunk)
    os.close(read)
    _, status = os.waitpid(pid, 0)
    if not (os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0):
        return _SKIPPED
    return json.loads(b"".join(chunks))["why"]


def _reference_case(text: str, variables: str, at: str | None, order: int) -> tuple:
    """(expr, variables, point, order, degree) as expand reads them, for the reference alone."""
    from taylorcli.expansion_input import point as read_point
    from taylorcli.parse import parse_expression, symbol

    symbols = [symbol(v) for v in variables.split(",")]
    return parse_expression(text), symbols, read_point(at, symbols), order, "total"


if __name__ == "__main__":
    sys.exit(main())
