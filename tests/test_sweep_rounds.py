"""benchmarks/expansion_sweep.combine: several rounds of a sweep read as one (ours best, Maxima's median)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from expansion_sweep import combine  # noqa: E402


def test_combine_takes_our_best_and_maximas_median():
    rounds = [
        [(3.0, 2.0, 1.5, 1, "a"), (None, 1.0, 1.0, 2, "b")],
        [(1.0, 1.0, 2.5, 1, "a"), (None, 0.5, 0.7, 2, "b")],
        [(2.0, 4.0, 0.5, 1, "a"), (None, 0.9, 0.6, 2, "b")],
    ]
    assert combine(rounds) == [(2.0, 1.0, 0.5, 1, "a"), (None, 0.5, 0.6, 2, "b")]


def test_one_round_is_itself():
    rows = [(3.0, 2.0, 1.5, 1, "a")]
    assert combine([rows]) == rows
