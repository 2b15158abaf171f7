"""Long sums from stdin: the template route (parse_large.py) against the node-by-node route.

The template route builds each term shape once and every term by renaming; it must give the
very same SymPy object (same class, same arguments in the same order, ``srepr`` equal) as the
ordinary route, and on anything it cannot vouch for, the ordinary route's answer or error.
The comparisons shrink the thresholds (long = 0 characters and terms, pieces of 1-3 terms) so that
small inputs take both routes; one test runs at the real thresholds.

Then the CLI: chained Rosenbrock at n = 2,000 read from stdin within a generous bound, and
every hostile-input limit (depth, exponent, digits, exact size, time) still refusing on stdin.
"""

from __future__ import annotations

import ast
import json
import resource
import subprocess
import sys
from pathlib import Path

import pytest
import sympy as sp
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import SETTINGS, max_examples

import taylorcli.parse as parse_module
import taylorcli.parse_large as large
from taylorcli.cli import cli
from taylorcli.errors import TaylorError
from taylorcli.options import StdinText

HERE = Path(__file__).parent


def _rosenbrock(n: int) -> str:
    return " + ".join(f"100*(x{i + 1} - x{i}**2)**2 + (1 - x{i})**2" for i in range(1, n))


def _outcome(text: str) -> tuple:
    """What parsing gives: the object's full structure, or the error (kind, message, position)."""
    parse_module.NOTES.clear()
    try:
        expr = parse_module.parse_expression(StdinText(text))
    except TaylorError as error:
        return ("error", type(error).__name__, str(error), getattr(error, "position", None))
    except RecursionError:
        return ("recursion",)
    # Stored order: what identity means, and SymPy's term order can fail (x**2/log(1 + exp(-98)): 1/0 at low precision)
    return ("ok", sp.srepr(expr, order="none"), list(parse_module.NOTES))


def _both_routes(monkeypatch, text: str) -> tuple[tuple, tuple, bool]:
    """(template route's outcome, ordinary route's outcome, whether the template route built it)."""
    built = []
    real = large.build_large

    def spy(source: str, max_nodes: int):
        result = real(source, max_nodes)
        built.append(result is not None)
        return result

    with monkeypatch.context() as m:
        m.setattr(parse_module, "build_large", spy)
        fast = _outcome(text)
    with monkeypatch.context() as m:
        m.setattr(parse_module, "build_large", lambda source, max_nodes: None)
        plain = _outcome(text)
    return fast, plain, any(built)


@pytest.fixture
def small_pieces(monkeypatch):
    monkeypatch.setattr(large, "_LARGE", 0)
    monkeypatch.setattr(large, "_PIECE_TERMS", 3)
    monkeypatch.setattr(large, "_MIN_TERMS", 0)


# --- the same object ----------------------------------------------------------------------------


def _corpus() -> list[str]:
    """Every string in tests/test_parse.py and tests/test_hostile.py, and test_hostile's inputs."""
    texts: set[str] = set()
    for name in ("test_parse.py", "test_hostile.py"):
        for node in ast.walk(ast.parse((HERE / name).read_text())):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and 0 < len(node.value) <= 5000:
                texts.add(node.value)
    from test_hostile import CASES

    for case in CASES:
        args, stdin = case.values[0].args, case.values[0].stdin
        texts.update(a for a in args if isinstance(a, str) and len(a) <= 5000)
        if isinstance(stdin, str) and len(stdin) <= 200_000:
            texts.add(stdin)
    return sorted(texts)


CORPUS = _corpus()


def test_corpus_is_the_other_tests_inputs():
    assert len(CORPUS) > 300
    assert "9**9**9" in CORPUS and "asin(x)" in CORPUS


def test_every_input_of_the_parse_and_hostile_tests_gives_the_same_outcome(monkeypatch, small_pieces):
    taken = 0
    for text in CORPUS:
        # Alone, and inside a sum whose names sort differently as text and as numbers.
        for variant in (text, f"x9 + {text} - 2*x10", f"-x10**2 + ({text})*x9 + x1 - x1"):
            fast, plain, built = _both_routes(monkeypatch, variant)
            assert fast == plain, variant
            taken += built
    assert taken > 300  # the template route really built most of the valid ones


NAMES = ["x1", "x2", "x9", "x10", "x11", "x100", "y", "a", "b", "e", "Z", "xy", "x_2"]
NUMBERS = ["2", "3", "100", "0.5", "1e-3", "2.5e+2", "7", "1"]


@st.composite
def _factor(draw) -> str:
    name = st.sampled_from(NAMES)
    atom = st.one_of(name, name, st.sampled_from(NUMBERS), st.sampled_from(["pi", "E"]))
    kind = draw(st.integers(0, 6))
    a, b = draw(atom), draw(atom)
    sign = draw(st.sampled_from(["+", "-"]))
    if kind == 0:
        return a
    if kind == 1:
        return f"{a}**{draw(st.integers(-3, 4))}"
    if kind == 2:
        return f"({a} {sign} {b}**2)**{draw(st.integers(1, 4))}"
    if kind == 3:
        fn = draw(st.sampled_from(["exp", "sin", "cos", "log", "sqrt", "abs", "tanh", "atan", "sigmoid",
                                   "softplus", "erf"]))
        return f"{fn}({a} {sign} {b})"
    if kind == 4:
        fn = draw(st.sampled_from(["max", "min", "atan2"]))
        return f"{fn}({a}, {b})"
    if kind == 5:
        return f"-{a}"
    return f"({a} {sign} {b})"


@st.composite
def _sums(draw) -> str:
    terms = draw(st.lists(st.lists(_factor(), min_size=1, max_size=3), min_size=1, max_size=12))
    text = ""
    for i, factors in enumerate(terms):
        ops = [draw(st.sampled_from(["*", "*", "/"])) for _ in factors[1:]]
        term = factors[0] + "".join(f" {op} {f}" for op, f in zip(ops, factors[1:]))
        lead = draw(st.sampled_from(["", "-"])) if i == 0 else draw(st.sampled_from([" + ", " - "]))
        text += lead + term
    return text


@settings(max_examples=max_examples(150), **SETTINGS)
@given(_sums(), st.sampled_from([1, 2, 3, 500]))
def test_random_sums_give_the_same_object_on_both_routes(text, pieces):
    with pytest.MonkeyPatch.context() as m:
        m.setattr(large, "_LARGE", 0)
        m.setattr(large, "_PIECE_TERMS", pieces)
        m.setattr(large, "_MIN_TERMS", 0)
        fast, plain, _ = _both_routes(m, text)
    assert fast == plain, text


def test_long_sums_in_pieces_of_500_terms_give_the_same_object(monkeypatch):
    monkeypatch.setattr(large, "_LARGE", 5000)  # the real pieces, on shorter texts than the real 20,000
    powell = " + ".join(f"(x{i} + 10*x{i + 1})**2 + 5*(x{i + 2} - x{i + 3})**2 + (x{i + 1} - 2*x{i + 2})**4"
                        f" + 10*(x{i} - x{i + 3})**4" for i in range(1, 600, 4))
    mixed = " - ".join(f"exp(x{i} - x{i + 1})/3 + log(1 + x{i}**2) - sin(x{i + 1})*x{i}" for i in range(1, 200))
    repeated = " + ".join(f"(x{i % 7} - 1)**2" for i in range(1200))  # like terms to collect
    for text in (_rosenbrock(300), powell, mixed, repeated, "x1 - " + _rosenbrock(260) + " - 3/7"):
        assert len(text) > large._LARGE and len(large._top_level_signs(text)) >= large._PIECE_TERMS
        fast, plain, built = _both_routes(monkeypatch, text)
        assert fast[0] == "ok" and fast == plain
        assert built


def test_at_the_real_threshold_the_template_route_builds():
    text = _rosenbrock(600)
    assert len(text) > large._LARGE
    expr, names = large.build_large(text, 10**6)
    assert len(names) == 600 and len(expr.args) == 2 * 599


def test_rosenbrock_terms_are_the_sympy_terms():
    # Independent of our parser: the object SymPy itself builds for the same sum.
    n = 700
    xs = [sp.Symbol(f"x{i}", real=True) for i in range(n + 1)]
    want = sp.Add(*[100 * (xs[i + 1] - xs[i] ** 2) ** 2 + (1 - xs[i]) ** 2 for i in range(1, n)])
    got = parse_module.parse_expression(StdinText(_rosenbrock(n)))
    assert got == want and got.args == want.args


def test_unlike_terms_leave_the_template_route_early():
    text = " + ".join(f"x{i}**{i % 97 + 2}*y**{i % 89 + 2}" for i in range(1500))
    assert len(text) > large._LARGE
    assert large.build_large(text, 10**6) is None  # 1,500 shapes: not worth it, the ordinary route builds


def test_node_budget_is_the_ordinary_routes(monkeypatch):
    text = _rosenbrock(600)
    nodes = 11 * 599 + 2  # more than the budget below
    monkeypatch.setattr(parse_module, "_budget", lambda t: (10**7, nodes - 1000, "from standard input"))
    fast, plain, built = _both_routes(monkeypatch, text)
    assert fast == plain and fast[0] == "error" and "node limit" in fast[2] and not built


# --- through the CLI ------------------------------------------------------------------------------


def test_rosenbrock_2000_from_stdin_through_the_cli():
    n = 2000
    x = [-1, 2] * (n // 2)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
    proc = subprocess.run([sys.executable, "-m", "taylorcli", "eval", "-", "--at", ",".join(map(str, x)),
                           "--format", "json"], input=_rosenbrock(n), capture_output=True, text=True, timeout=300)
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime - before
    assert proc.returncode == 0, proc.stderr[-300:]
    report = json.loads(proc.stdout)
    want = sum(100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2 for i in range(n - 1))  # by hand, in integers
    assert report["value"] == str(want) and len(report["variables"]) == n
    assert cpu < 10, f"{cpu:.1f} CPU seconds"  # generous: about a second on an idle machine


PADDING = _rosenbrock(600)  # long enough for the template route


@pytest.mark.parametrize("hostile, message", [
    ("(" * 150 + "x1" + ")" * 150, "nested too deeply"),
    ("x1**100000", "too large (limit 10000)"),
    ("(x1**200)**100", "too large (limit 10000)"),
    ("1" * 150 + "*x1", "too many digits"),
    ("(1001/1000)**10000", "digits (limit 3,000)"),
    ("1e999*x1", "out of range"),
    ("9**9**9", "too large"),
    ("log(0)*x1", "undefined"),
    ("__import__('os').system('true')", ""),
])
@pytest.mark.parametrize("where", ["end", "start", "every term"])
def test_hostile_input_on_stdin_is_still_refused(hostile, message, where):
    if where == "end":
        text = PADDING + " + " + hostile
    elif where == "start":
        text = hostile + " + " + PADDING
    else:  # the hostile term is the template every term shares
        text = " + ".join(hostile.replace("x1", f"x{i}") for i in range(1, 300)) + " + " + PADDING
    result = CliRunner().invoke(cli, ["gradient", "-"], input=text)
    assert result.exit_code == 2, result.output[-300:]
    assert result.stderr.startswith("taylor: error:") and message in result.stderr, result.stderr[:300]


def test_slow_but_valid_stdin_input_hits_the_time_limit(tmp_path):
    text = PADDING + " + (x1 + x2 + x3 + 1)**10000"
    proc = subprocess.run([sys.executable, "-m", "taylorcli", "hessian", "-", "--timeout", "1"], input=text,
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr[-300:]
    assert "time limit of 1 CPU seconds exceeded" in proc.stderr


@pytest.mark.parametrize("text", [
    "(" + _rosenbrock(600) + ")*2",  # one huge term: nothing to share
    " + ".join(["x1"] * 50) + " + " + "*".join(f"(x{i} + 1)" for i in range(2000)),  # few terms, one long
])
def test_few_or_huge_terms_take_the_ordinary_route(text):
    assert len(text) > large._LARGE
    assert large.build_large(text, 10**6) is None


@settings(max_examples=max_examples(200), **SETTINGS)
@given(st.text(alphabet="()x+", max_size=400), st.integers(90, 110))
def test_fast_depth_check_agrees_with_the_character_loop(text, extra):
    from taylorcli.parse_text import MAX_DEPTH, _check_characters, _depth

    text = "(" * extra + text  # around the limit
    try:
        _check_characters(text)
        loop_refuses = False
    except TaylorError:
        loop_refuses = True
    assert (_depth(text) > MAX_DEPTH) == loop_refuses
