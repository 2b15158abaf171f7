"""Batch mode (JSON Lines), worker processes, and the process-level conventions of pipelines."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
import sympy as sp
from click.testing import CliRunner

from taylorcli.cli import cli
from taylorcli.parse import parse_expression

TAYLOR = [sys.executable, "-m", "taylorcli"]


def batch(args, text):
    result = CliRunner().invoke(cli, [*args, "--batch"], input=text)
    return result, [json.loads(line) for line in result.stdout.splitlines()]


def test_batch_of_hessians_with_a_bad_line():
    result, objects = batch(["hessian", "-"], "x*y\nlog(\n\nexp(x)\n")
    assert result.exit_code == 1
    assert result.stderr.startswith("taylor: error: 1 of 3 input lines failed")
    assert [o["line"] for o in objects] == [1, 2, 4]
    assert objects[0]["hessian"] == [["0", "1"], ["1", "0"]]
    assert "error" in objects[1] and objects[1]["exit_status"] == 2 and objects[1]["input"] == "log("
    x = sp.Symbol("x", real=True)
    assert parse_expression(objects[2]["hessian"][0][0]) == sp.exp(x)


def test_batch_all_good_is_exit_0_and_every_command_works():
    for args, key in [(["gradient", "-"], "gradient"), (["eval", "-", "--at", "x=2"], "value"),
                      (["expand", "-", "-k", "2"], "polynomial"), (["derivative", "-", "-k", "3"], "tensor"),
                      (["newton", "-", "--x0", "1"], "x"), (["critical", "-"], "points")]:
        result, objects = batch(args, "x**4 - 3*x**2\nexp(x) + x**2\n")
        assert result.exit_code in (0, 1), result.stderr
        assert all(key in o or "error" in o for o in objects) and len(objects) == 2


def test_batch_jacobian_components_split_on_semicolons():
    result, objects = batch(["jacobian", "-"], "x*y; x + y\n")
    assert result.exit_code == 0 and objects[0]["jacobian"] == [["y", "x"], ["1", "1"]]


def test_batch_needs_dash():
    result = CliRunner().invoke(cli, ["hessian", "x*y", "--batch"])
    assert result.exit_code == 2 and "give - as the expression" in result.stderr


def test_jobs_keep_input_order_and_match_serial_output():
    lines = "\n".join(f"x**{k}*y + sin({k}*x)" for k in range(1, 25)) + "\n"
    serial = subprocess.run([*TAYLOR, "hessian", "-", "--batch"], input=lines, capture_output=True, text=True,
                            timeout=120)
    parallel = subprocess.run([*TAYLOR, "hessian", "-", "--batch", "--jobs", "2"], input=lines,
                              capture_output=True, text=True, timeout=120)
    assert serial.returncode == parallel.returncode == 0
    assert serial.stdout == parallel.stdout
    assert [json.loads(line)["line"] for line in parallel.stdout.splitlines()] == list(range(1, 25))


def test_closing_the_pipe_early_is_silent():
    source = "\n".join(f"x**{k}" for k in range(1, 3000)) + "\n"
    proc = subprocess.Popen([*TAYLOR, "gradient", "-", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    proc.stdin.write(source)
    proc.stdin.close()
    first = proc.stdout.readline()
    proc.stdout.close()  # the reader goes away, like `| head -1`
    stderr = proc.stderr.read()
    assert proc.wait(timeout=60) == 0
    assert json.loads(first)["line"] == 1
    assert stderr == ""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_exits_130_quietly_and_keeps_what_was_done(jobs):
    lines = "\n".join(["x*y"] * 5 + ["(x+y+z+1)**200"] * 200) + "\n"  # slow lines after quick ones
    proc = subprocess.Popen([*TAYLOR, "hessian", "-", "--batch", "--jobs", jobs, "--timeout", "0"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    proc.stdin.write(lines)
    proc.stdin.close()
    first = proc.stdout.readline()  # flushed as soon as computed
    time.sleep(0.5)
    proc.send_signal(signal.SIGINT)
    out, err = proc.stdout.read(), proc.stderr.read()
    assert proc.wait(timeout=60) == 130
    assert json.loads(first)["line"] == 1
    assert err == ""
    assert all(json.loads(line) for line in out.splitlines())


def test_help_and_version_do_not_import_sympy_or_numpy():
    code = ("import sys; sys.argv=['taylor','--version'];"
            "import taylorcli.cli as c\ntry:\n c.main()\nexcept SystemExit: pass\n"
            "print(sorted(m for m in ('sympy','numpy','symengine','scipy','rich') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                         env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_progress_bar_only_on_a_terminal_and_after_a_second(monkeypatch):
    import io

    from taylorcli import env as env_module
    from taylorcli.env import Environment, progress

    with progress(Environment(stderr=io.StringIO(), stderr_isatty=False), 100, "work") as tick:
        assert tick is None
    err = io.StringIO()
    with progress(Environment(stderr=err, stderr_isatty=True), 100, "work") as tick:
        tick(1, 100)  # within the first second: nothing shown
    assert err.getvalue() == ""
    monkeypatch.setattr(env_module, "PROGRESS_DELAY", 0.0)
    with progress(Environment(stderr=io.StringIO(), stderr_isatty=True), 100, "work") as tick:
        for done in range(1, 101):
            tick(done, 100)


def test_a_plain_command_does_not_import_rich_or_numpy():
    code = ("import sys; sys.argv=['taylor','hessian','x**2*y'];"
            "import taylorcli.cli as c\ntry:\n c.main()\nexcept SystemExit: pass\n"
            "print(sorted(m for m in ('numpy','symengine','scipy','rich','matplotlib') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip().splitlines()[-1] == "[]"
