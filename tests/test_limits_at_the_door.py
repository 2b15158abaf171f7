"""Option values and constants are checked at the door: exit 2 with one line, never an internal error."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from taylorcli.cli import cli


@pytest.mark.parametrize("args, words", [
    (["gradient", "x", "--timeout", "inf"], "--timeout"),
    (["gradient", "x", "--timeout", "1e300"], "--timeout"),
    (["gradient", "x", "--timeout", "nan"], "not a finite number"),
    (["newton", "x**2", "--x0", "1", "--tol", "nan"], "not a finite number"),
    (["expect", "x", "--mean", "0", "--var", "1", "--samples", "10", "--seed", "-1"], "--seed"),
    (["expect", "x+y", "--mean", "0,0", "--cov", "1,0;1"], "square matrix"),
    (["eval", "((10^99+1)/10^99)^10000"], "990,000 digits"),
    (["gradient", "x*(1001/1000)^10000"], "30,004 digits"),
])
def test_bad_values_exit_2_with_one_line(args, words):
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines() if hasattr(result, "stderr") else result.output.strip().splitlines()
    assert len(lines) == 1 and words in lines[0] and "internal error" not in lines[0]


def test_large_exact_powers_within_the_limit_still_work():
    result = CliRunner().invoke(cli, ["eval", "(1/2)^100", "-f", "plain"])
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == "1/" + str(2**100)


def test_time_limit_ends_with_one_line_and_nothing_after_it():
    """SIGXCPU repeats every CPU second past the limit: the second one used to print a traceback."""
    import subprocess
    import sys
    # gamma has no recurrence in the series engine: the derivative engine, over 10 s (the
    # series engine now does per-variable degree too: exp(...) in place of gamma takes ~2 s).
    proc = subprocess.run([sys.executable, "-m", "taylorcli", "expand", "gamma(2+a+b+c+d+e+f)*sin(a*b*c*d*e*f)*cos(a+b*c+d*e*f)",
                           "--order", "4", "--degree", "each", "--timeout", "2"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == [
        "taylor: error: time limit of 2 CPU seconds exceeded (raise it with --timeout)"]
    assert proc.stdout == ""
