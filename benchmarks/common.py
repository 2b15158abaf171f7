"""What every benchmark area shares: timing, equality of results, one row per case, its line.

Timing: each call runs after ``sympy.core.cache.clear_cache()`` and
``gc.collect()``, so no run profits from SymPy's cache filled by an earlier
one. The fast side is the best (minimum) of ``repeat`` runs; a baseline
whose first run takes more than 5 s is run only once.
"""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Benchmark this checkout, even when run with an interpreter where it is not installed.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sympy as sp  # noqa: E402
from sympy.core.cache import clear_cache  # noqa: E402

from taylorcli.series import clear_caches  # noqa: E402

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
        clear_caches()
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
