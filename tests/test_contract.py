"""The JSON contract: every command's output validates against its published schema.

The schemas are generated from taylorcli/contract.py and committed in schemas/; these
tests check the committed files, every registered command, and real outputs (single
runs, --batch lines including failures, exit-1 results that still print JSON).
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from taylorcli import contract
from taylorcli.cli import cli

ROOT = Path(__file__).resolve().parent.parent

# command -> invocations (args after the command name), and the exit status each must have
CASES: dict[str, list[tuple[list[str], int]]] = {
    "gradient": [(["x**2*y"], 0), (["x**2*y", "--at", "1,2"], 0), (["exp(x*y)+exp(x*y)**2", "--cse"], 0)],
    "jacobian": [(["x*y", "x+y"], 0), (["x*y", "sin(x)", "--at", "1,pi"], 0), (["x*y", "x/y", "--cse"], 0)],
    "hessian": [(["x**3*y"], 0), (["x**2-y**2", "--at", "0,0"], 0),
                (["log(1 + exp(-y*(w1*x1 + b)))", "--vars", "w1,b", "--cse"], 0)],
    "derivative": [(["x**3*y", "--order", "3"], 0), (["sin(x)*y", "--order", "3", "--at", "0,1"], 0),
                   (["x**4", "--order", "0"], 0),
                   (["x1**6 + x1*x2", "--vars", "x1,x2,x3,x4,x5,x6,x7,x8,x9,x10", "--order", "6"], 0),
                   (["x1**3*x2 + x3", "--vars", "x1,x2,x3", "--order", "4", "--at", "1,2,3"], 0)],
    "eval": [(["sqrt(2)/2"], 0), (["x*y", "--at", "1,2"], 0), (["sin(x)", "--at", "pi/4", "--cse"], 0)],
    "expand": [(["exp(x)", "--order", "3"], 0), (["1/x", "--order", "2", "--at", "0"], 0),
               (["exp(x)*y", "--order", "2", "--terms", "--check", "0.1,0.1", "--check-h"], 0),
               (["sin(x)", "--order", "3", "--check", "1/2"], 0),
               (["1/(1+x**2)", "--order", "4", "--radius"], 0), (["tan(x**2)", "--order", "4", "--radius"], 0),
               (["exp(x)", "--order", "3", "--radius"], 0)],
    "laplace": [(["x - log(x)", "--x0", "1", "--n", "10", "--correction", "--check"], 0),
                (["x**2 + x*y + y**2 - x", "--n", "3"], 0), (["cosh(x) + y**4 + y**2", "--x0", "0.5,0.5", "--n", "5"], 0)],
    "pade": [(["exp(x)", "--order", "2,2"], 0), (["log(1+x)", "--order", "2,2", "--check", "1/2,3"], 0)],
    "newton": [(["(x-1)**2 + (y+2)**2", "--x0", "0,0"], 0), (["(x-1)**2 + y**4", "--x0", "3,1", "--trace"], 0),
               (["x**2 - y**2", "--x0", "1,1"], 1)],
    "gd": [(["x**2 + 10*y**2", "--x0", "1,1"], 0), (["x**2 + 10*y**2", "--x0", "1,1", "--trace"], 0),
           (["x**2 + y**2", "--x0", "1,1", "--lr", "0.1", "--max-iter", "2"], 1)],
    "bfgs": [(["(1-x)**2 + 100*(y-x**2)**2", "--x0", "-1.2,1"], 0),
             (["x**2 + y**2", "--x0", "1,1", "--trace"], 0)],
    "lbfgs": [(["(1-x)**2 + 100*(y-x**2)**2", "--x0", "-1.2,1", "--memory", "5"], 0),
              (["(1-x)**2 + 100*(y-x**2)**2", "--x0", "-1.2,1", "--max-iter", "1"], 1)],
    "minimize": [(["(x-1)**2 + y**2", "--x0", "0,0"], 0),
                 (["(x-1)**2 + y**2", "--x0", "0,0", "--method", "Nelder-Mead", "--trace"], 0)],
    "compare": [(["x**2 + y**2", "--x0", "1,1"], 0), (["(1-x)**2 + 100*(y-x**2)**2", "--x0", "-1.2,1"], 0)],
    "critical": [(["x**3 + y**2 - 3*x"], 0), (["(x-1)*(x-2)*(x-3)"], 0), (["x**2 + y**2"], 0),
                 (["(x**2+y-11)**2 + (x+y**2-7)**2", "--region", "-5:5"], 0),
                 (["x + y + z", "--subject-to", "x**2+y**2+z**2 = 1", "--subject-to", "x = y"], 0)],
    "classify": [(["x**2 - y**2", "--at", "0,0"], 0), (["x**4 + y**4", "--at", "0,0"], 0), (["x**3", "--at", "0"], 0)],
    "expect": [(["exp(x)", "--mean", "0", "--var", "1/4"], 0),
               (["x*y", "--mean", "1,2", "--cov", "1,0.5;0.5,2", "--samples", "100", "--seed", "1"], 0)],
    "step": [(["x**2 + 10*y**2", "--at", "1,1", "--lr", "0.05"], 0),
             (["--value", "2.5", "--grad-norm", "1.2", "--curvature", "10", "--lr", "0.1"], 0)],
    "plot": [(["exp(x)", "--order", "1,2", "-o", "{tmp}/a.png"], 0),
             (["x**2 + y**2", "--range", "-1,1", "-o", "{tmp}/b.svg"], 0)],
    "complexity": [(["--n", "8,16", "--repeat", "1"], 0),
                   (["--function", "powell", "--n", "8,12", "--dense-max", "8", "--repeat", "1"], 0)],
}

# command -> stdin lines for --batch (some fail: their error objects validate too)
BATCH: dict[str, tuple[list[str], str]] = {
    "gradient": (["--vars", "x"], "x**2\n3xy\nsin(x)\n"),
    "hessian": ([], "x*y\n(\n"),
    "eval": (["--at", "1"], "x**2\nlog(x-1)\n"),
    "expand": (["--order", "2"], "exp(x)\nfoo(\n"),
    "gd": (["--x0", "1"], "x**2\n(x\nx**3\n"),
    "critical": ([], "x**2 - 2*x\n)\n"),
    "plot": (["-o", "{tmp}/c.png"], "exp(x)\n(\n"),
}


def _validator(command: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(contract.schema(command))


def _invoke(args: list[str], stdin: str | None = None):
    return CliRunner().invoke(cli, args, input=stdin)


def test_every_registered_command_has_a_schema() -> None:
    missing = sorted(set(cli.commands) - set(contract.COMMANDS) - {"schema"})
    assert not missing, (f"commands without a JSON contract: {missing}. Add each to COMMANDS in "
                         "taylorcli/contract.py (its keys; new keys go in KEYS with a type and a meaning), "
                         "regenerate schemas/ with `python -c 'from taylorcli.contract import write_schemas; "
                         "write_schemas(\"schemas\")'`, regenerate the README table (see test_readme_table) "
                         "and add invocations to CASES in tests/test_contract.py")
    assert set(CASES) == set(contract.COMMANDS), "every contract command needs invocations in CASES"


@pytest.mark.parametrize("command", sorted(contract.COMMANDS))
def test_schema_is_valid_and_committed(command: str) -> None:
    jsonschema.Draft202012Validator.check_schema(contract.schema(command))
    committed = ROOT / "schemas" / f"{command}.schema.json"
    assert committed.exists() and committed.read_text() == contract.schema_text(command), (
        "schemas/ is out of date: python -c 'from taylorcli.contract import write_schemas; "
        "write_schemas(\"schemas\")'")


def test_schema_command_prints_the_committed_schema() -> None:
    result = _invoke(["schema", "hessian"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json.loads((ROOT / "schemas" / "hessian.schema.json").read_text())
    assert _invoke(["schema", "nosuch"]).exit_code == 2


@pytest.mark.parametrize("command,args,status",
                         [(c, a, s) for c, cases in CASES.items() for a, s in cases])
def test_output_validates(command: str, args: list[str], status: int, tmp_path: Path) -> None:
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = _invoke([command, *args, "--format", "json"])
    assert result.exit_code == status, (result.stdout, result.stderr)
    data = json.loads(result.stdout)
    _validator(command).validate(data)
    assert ("expression" in data or command in ("compare", "step") and "runs" in data or "value" in data
            or command == "complexity" and "measurements" in data)
    if command in ("newton", "gd", "bfgs", "lbfgs", "minimize"):
        assert ("trace" in data) == ("--trace" in args)  # traces only when asked for


@pytest.mark.parametrize("command", sorted(BATCH))
def test_batch_lines_validate(command: str, tmp_path: Path) -> None:
    args, stdin = BATCH[command]
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = _invoke([command, "-", *args, "--batch"], stdin)
    assert result.exit_code in (1, 2), (result.stdout, result.stderr)
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert any("error" in line for line in lines) and any("error" not in line for line in lines)
    for line in lines:
        _validator(command).validate(line)


def test_unknown_key_is_refused() -> None:
    with pytest.raises(KeyError, match="add it to KEYS"):
        contract.entry(not_a_key=1)


def test_one_type_per_key() -> None:
    """A key's schema is the one in KEYS wherever it appears: top level and every item list."""
    for command in contract.COMMANDS:
        schema = contract.schema(command)
        objects = [schema["oneOf"][0]] + [d for d in schema["$defs"].values() if d.get("type") == "object"]
        for obj in objects:
            for key, value in obj["properties"].items():
                assert {k: v for k, v in value.items() if k != "description"} == contract.KEYS[key][0], key


def _keys_and_types(value, found: dict) -> None:
    """Every key in a real output, with the JSON types it was seen with."""
    if isinstance(value, dict):
        for key, item in value.items():
            found.setdefault(key, set()).add(type(item).__name__ if item is not None else "null")
            if key not in ("at", "x0", "point", "point_float", "params", "mean"):  # their keys are variables
                _keys_and_types(item, found)
    elif isinstance(value, list):
        for item in value:
            _keys_and_types(item, found)


def test_value_is_exact_everywhere() -> None:
    """Issue 10's example: `value` was a string in eval and a float in classify and step."""
    found: dict = {}
    for args in (["eval", "x**2", "--at", "3"], ["classify", "x**2 - y**2", "--at", "0,0"],
                 ["step", "x**2", "--at", "1/2", "--lr", "0.1"], ["critical", "x**3 - 3*x"],
                 ["expand", "exp(x)", "--order", "2", "--check", "1/2"],
                 ["pade", "exp(x)", "--order", "1,1", "--check", "1"],
                 ["laplace", "x**2/2", "--x0", "1"]):
        result = _invoke([*args, "-f", "json"], "")
        assert result.exit_code == 0, (args, result.stderr)
        _keys_and_types(json.loads(result.stdout), found)
    assert found["value"] == {"str"}
    assert found["value_float"] <= {"float", "null"}
    assert not {"x", "expr", "error", "value_exact"} & found.keys() and "power" in found


def test_readme_table() -> None:
    readme = (ROOT / "README.md").read_text()
    assert contract.readme_table() in readme, (
        "the README's JSON contract tables differ from taylorcli/contract.py: paste readme_table() "
        "between the markers")
