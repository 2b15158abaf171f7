"""The benchmark scripts stay runnable: each area module imports, and run.py answers --help.

CI never times anything (the machines are noisy); this only keeps a refactor from
breaking the one command that measures the issues' targets.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


@pytest.mark.parametrize("name", sorted(p.name for p in BENCHMARKS.glob("*.py")))
def test_every_benchmark_module_loads(name: str) -> None:
    """A script answers --help; an area module (no __main__) imports."""
    path = BENCHMARKS / name
    if '__name__ == "__main__"' in path.read_text():
        args = [sys.executable, str(path), "--help"]
    else:
        args = [sys.executable, "-c", f"import sys; sys.path.insert(0, {str(BENCHMARKS)!r}); import {path.stem}"]
    result = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
