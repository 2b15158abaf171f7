"""Every "$ taylor ..." line in examples/*.txt prints exactly what follows it."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from taylorcli.cli import cli

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _cases() -> list[tuple[str, str, str]]:
    cases = []
    for path in sorted(EXAMPLES.glob("*.txt")):
        command, expected = None, []
        for line in [*path.read_text().splitlines(), ""]:
            if line.startswith("$ "):
                command, expected = line[2:], []
            elif command and (not line.strip() or line.startswith("#")):
                cases.append((path.name, command, "\n".join(expected)))
                command = None
            elif command:
                expected.append(line)
    return cases


@pytest.mark.parametrize("name, command, expected", _cases())
def test_example(name, command, expected):
    args = shlex.split(command)
    assert args[0] == "taylor"
    result = CliRunner().invoke(cli, args[1:])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.rstrip("\n") == expected


def test_examples_exist():
    assert len(_cases()) >= 8


# --- one script per worked example of the lecture notes ------------------------------------------

SCRIPTS = sorted(EXAMPLES.glob("[0-9]*.sh"))


@pytest.mark.parametrize("script", SCRIPTS, ids=[s.name for s in SCRIPTS])
def test_example_script_prints_what_the_seed_states(script):
    import os
    import subprocess
    import sys

    # The scripts call `taylor`: the console script next to this interpreter.
    env = {**os.environ, "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")}
    out = subprocess.run(["bash", str(script)], capture_output=True, text=True, env=env, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout == script.with_suffix(".out").read_text()


def test_there_is_a_script_per_worked_example():
    assert len(SCRIPTS) >= 5
