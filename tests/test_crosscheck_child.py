"""benchmarks/expansion_crosscheck.py runs each case in a child it can stop (C code ignores alarms)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from expansion_crosscheck import _SKIPPED, _in_child  # noqa: E402


def test_the_childs_answer_comes_back() -> None:
    assert _in_child(lambda: None, 20, 4) is None
    assert _in_child(lambda: "got  [1]\n  want [2]", 20, 4) == "got  [1]\n  want [2]"


def test_a_child_past_its_time_is_skipped() -> None:
    start = time.monotonic()
    assert _in_child(lambda: time.sleep(30), 1, 4) is _SKIPPED
    assert time.monotonic() - start < 10


def test_a_child_past_its_memory_is_skipped() -> None:
    assert _in_child(lambda: bytearray(2 * 2**30), 20, 1) is _SKIPPED
