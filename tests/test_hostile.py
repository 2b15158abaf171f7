"""Hostile input: code-execution attempts, denial of service, malformed and strange text.

Every input here must be refused quickly with one clean line on stderr
(``taylor: error: ...``), nothing on stdout, no traceback, and exit status 2
(bad input) or 1 (the mathematics fails, or a resource limit is hit).

Proof that nothing executes comes from two directions:

* real subprocesses run payloads that would create a marker file, and the
  marker never appears;
* an audit hook (installed once per process, gated by a flag) records
  process, file, network and import events while the parser reads every
  code-execution payload, and none are recorded.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import unicodedata
from dataclasses import dataclass

import pytest
from click.testing import CliRunner

from taylorcli.cli import cli
from taylorcli.errors import TaylorError
from taylorcli.parse import FUNCTIONS, parse_expression, parse_point, parse_variables, symbol

MAX_SECONDS = 2.0  # per input, generous for noisy machines
RUNNER = CliRunner()

# Bidirectional-override characters are as dangerous on a terminal as escape codes
# ("Trojan source"): they must never be echoed raw either.
BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")


def _chr_text(text: str) -> str:
    """``text`` spelt as chr(..)+chr(..): a string with no quote characters at all."""
    return "+".join(f"chr({ord(ch)})" for ch in text)


# --- the inputs --------------------------------------------------------------------------------

# Attempts to run code. Each must be refused by the parser (exit 2).
CODE_EXECUTION = [
    "__import__('os').system('touch MARKER')",
    '__import__("os").system("touch MARKER")',
    f"__import__({_chr_text('os')}).system({_chr_text('touch MARKER')})",
    f"__import__({_chr_text('os')})",
    "__import__(os)",
    "().__class__.__bases__[0].__subclasses__()",
    "().__class__.__base__.__subclasses__()",
    "x.__class__",
    "x.__class__.__mro__",
    "sin(x).func",
    "x.subs(x, 2)",
    "x.subs(x, \"__import__('os').system('touch MARKER')\")",
    "(x).evalf()",
    "lambda: 1",
    "(lambda: __import__('os').system('touch MARKER'))()",
    "[x for x in (1, 2)]",
    "{x for x in (1, 2)}",
    "{x: 1 for x in (1, 2)}",
    "(x for x in (1, 2))",
    "sum(i for i in (1, 2))",
    "(y := x)",
    "f'{x}'",
    "f'{__import__(\"os\").system(\"touch MARKER\")}'",
    "'abc'",
    '"x"',
    "sin(\"__import__('os')\")",
    "sin(x) + 'x'",
    "eval('1+1')",
    f"eval({_chr_text('1+1')})",
    "exec('import os')",
    f"exec({_chr_text('import os')})",
    "getattr(x, '__class__')",
    "getattr(x, x)",
    "open('MARKER', 'w')",
    f"open({_chr_text('MARKER')}, {_chr_text('w')})",
    "compile(x, x, x)",
    "sympify(x)",
    "S(x)",
    "parse_expr(x)",
    "globals()",
    "vars()",
    "__builtins__",
    "__globals__",
    "__class__",
    "__import__",
    "_x",
    "sin.__globals__",
    "x[0]",
    "sin[0](x)",
    "sin(x=1)",
    "sin(**x)",
    "sin(*x)",
    "max(*(x, y))",
    "@sin\nx",
    "x; import os",
    "x\nimport os",
    "x\n__import__('os').system('touch MARKER')",
    "import os",
    "from os import system",
    "x + \\\ny",
    "b'x'",
    "...",
    "True",
    "None",
    "x if x else y",
    "not x",
    "x and y",
    "x or y",
    "x < y",
    "~x",
    "x | y",
    "x & y",
    "x % y",
    "x // y",
    "x @ y",
    "x << 2",
    "1j",
    "x,",
    "x, y",
    "(x, y)",
    "del x",
    "assert x",
    "yield x",
    "await x",
    "x = 1",
    "global x",
    "raise x",
    "sin(x)(y)",
    "x(1)",
    "pi(1)",
]

# Attempts to make the tool compute for hours or exhaust memory (exit 2: a limit, before SymPy).
DENIAL_OF_SERVICE = [
    "9**9**9**9",
    "9**9**9",
    "9^9^9",
    "1e999999999",
    "1e-999999999",
    "1e309",
    "factorial(10**10)",
    "gamma(10**10)",
    "gamma(x) + gamma(10**10)",
    "exp(exp(exp(30)))",
    "exp(1000)*x",
    "sinh(10**6)",
    "10**10**10",
    "(x+1)**(10**9)",
    "x**100000",
    "x**-100000",
    "x**(10**4+1)",
    "((x**100)**100)**100",
    "2**10000*x",
    "2**" * 3000 + "2",
    "(" * 5000 + "x" + ")" * 5000,
    "(" * 4000 + "x" + ")" * 4000,
    "(" * 101 + "x" + ")" * 101,
    "sin(" * 300,
    "sin(" * 1000 + "x" + ")" * 1000,
    "1" * 5000,
    "1" * 4000,
    "1" * 101 + "*x",
    "0." + "1" * 200,
    "x" + "+x" * 5000,
    "x" + "*x" * 4999,
    "x" + "**x" * 3000,
    "+" * 9999 + "x",
    "a" * 40,
]

MALFORMED = [
    "x +",
    ")(",
    "x y",
    "2x",
    "",
    "   ",
    "\t\n",
    ",",
    "x,,y",
    "(x",
    "x)",
    "((x)",
    "()",
    "sin()",
    "atan2(x)",
    "min()",
    "log(x, y, z)",
    "x ** ",
    "* x",
    "x ^",
    "1.2.3",
    "1e",
    "0x",
    "01",
    "x..y",
    ".",
    "=",
    "x == y",
    "#",
    "x # comment",
    "`x`",
    "$x",
    "?",
    "!x",
    "foo(x)",
    "Sin(x)",
]

NON_ASCII = [
    "é",
    "π*x",
    "x²",
    "x³",
    "2×x",
    "x−1",
    "√x",
    "\uff11+x",  # fullwidth digit one
    "\uff58",  # fullwidth x
    "x\u202e",  # right-to-left override
    "\u202ex+1",
    "x\u200b+1",  # zero-width space
    "\ufeffx",  # byte-order mark
    "x\u00a0+ 1",  # no-break space
    "\U0001d465",  # mathematical italic x
    "ⅸ",
    "x\u0301",  # combining accent
    "\ud800",  # lone surrogate
]

CONTROL_CHARACTERS = [
    "\x1b[31mx",
    "x\x1b[0m",
    "\x1b]0;pwned\x07x",
    "\x1b",
    "x\x07",
    "x\x08\x08\x08y",
    "x\x00",
    "\x00",
    "x\x0b",
    "x\x0c",
    "x\x1c",
    "x\x7f",
    "x\x85",
    "x\x9b31m",  # 8-bit CSI
]

UNDEFINED = [
    "nan",
    "inf",
    "oo",
    "-oo",
    "zoo",
    "I",
    "infinity",
    "1/0",
    "x/0",
    "0/0",
    "0**-1",
    "log(0)",
    "log(-1)",
    "sqrt(-1)",
    "(-1)**0.5",
    "(-8)**(1/3)*x",
    "asin(2)",
    "acosh(0)",
    "atanh(1)",
    "gamma(0)",
    "gamma(-1)",
    "tan(pi/2)",
    "atan2(0, 0)",
    "log(2, 1)",
    "1/(x - x)",
    "x**(1/0)",
]

EXPRESSION_PAYLOADS = CODE_EXECUTION + DENIAL_OF_SERVICE + MALFORMED + NON_ASCII + CONTROL_CHARACTERS + UNDEFINED




@dataclass(frozen=True)
class Case:
    args: tuple[str, ...]
    stdin: str | bytes | None = None
    code: int = 2
    label: str = ""


def _id(text: str) -> str:
    shown = text.encode("unicode_escape").decode("ascii")
    return shown if len(shown) <= 40 else f"{shown[:30]}...[{len(text)} chars]"


def _cases() -> list:
    params = []

    def add(args, stdin=None, code=2, marks=(), label=""):
        case = Case(tuple(args), stdin, code, label)
        params.append(pytest.param(case, marks=marks, id=label or _id(" ".join(args))))

    for text in EXPRESSION_PAYLOADS:
        # "--" so that a payload starting with "-" is read as the expression, not an option.
        add(["gradient", "--", text], label=f"gradient:{_id(text)}")
    # A handful through `eval` as well (which needs no variables).
    for text in ["__import__('os').system('touch MARKER')", "x.__class__", "9**9**9", "1/0", "log(0)",
                 "sqrt(-1)", "\x1b[31m1", "nan", "é", "(" * 5000 + "1" + ")" * 5000]:
        add(["eval", "--", text], label=f"eval:{_id(text)}")
    # ... and through the other commands.
    for command in (["hessian"], ["jacobian"], ["derivative", "--order", "2"]):
        add([*command, "--", "__import__('os').system('touch MARKER')"])
        add([*command, "--", "9**9**9"])

    # Expressions without a dash: click sees an unknown option (still one clean line).
    add(["gradient", "-" * 100000 + "x"], label="gradient:-*100000+x as option")
    add(["gradient", "--", "-" * 100000 + "x"], label="gradient:-*100000+x")
    add(["gradient", "--", "-" * 9000 + "x"], label="gradient:-*9000+x")

    # Standard input.
    add(["gradient", "-"], stdin="x" * 2**20, label="stdin:1 MB of x")
    add(["gradient", "-"], stdin=("sin(" * 300).encode(), label="stdin:sin(*300")
    add(["gradient", "-"], stdin="__import__('os').system('touch MARKER')\n", label="stdin:__import__")
    add(["gradient", "-"], stdin=b"\xff\xfe\x00x", label="stdin:invalid utf-8")
    add(["gradient", "-"], stdin="", label="stdin:empty")
    add(["jacobian", "-"], stdin="x\n" * 60000, label="stdin:jacobian 60000 lines")
    add(["jacobian", "-"], stdin="x\n__import__('os')\n", label="stdin:jacobian payload line")

    # Hostile --at values.
    for at in ["__import__('os')", "x=__import__('os')", "x.__class__", "x=().__class__", "9**9**9",
               "x=1e999999999", "x=nan", "oo", "x=1/0", "x=y", "\x1b[31m", "x=\x1b[31m1", "(" * 5000,
               "x=1,x=2", "y=1", "1,2", "lambda: 1", "x=1; import os", "x=1\nimport os", "é"]:
        add(["eval", "x", "--at", at], label=f"--at:{_id(at)}")
    # Hostile --vars values.
    for names in ["__class__", "x; import os", "x.__class__", "__import__('os')", "import", "pi", "x,x", "",
                  ",", "a" * 40, "é", "x y", "x=1", "I", "nan"]:
        add(["gradient", "x", "--vars", names], label=f"--vars:{_id(names)}")
    # Control characters in names are shown as U+XXXX, never echoed raw.
    for names in ["\x1b[31m", "x,\x07", "\x1b,\x1b", "x\u202e"]:
        add(["gradient", "x", "--vars", names], label=f"--vars:{_id(names)}")
    add(["eval", "x", "--at", "x=1,\x1b[31m=2"], label="--at:x=1,ESC[31m=2")
    # Control characters in other options and in the command name.
    add(["\x1b[31m"], label="command:ESC[31m")
    add(["gradient", "x", "--format", "\x1b[31m"], label="--format:ESC[31m")
    add(["derivative", "x", "--order", "\x1b[31m"], label="--order:ESC[31m")
    add(["derivative", "x", "--order", str(10**30)], label="--order:10**30")
    # 30 variables at order 12: 7 billion distinct partials, refused before any work
    add(["derivative", "*".join(f"x{i}" for i in range(30)), "--order", "12"], label="--order:tensor too large")
    add(["gradient", "x", "--timeout", "-1"], label="--timeout:-1")

    # The mathematics fails at the point: exit 1.
    for expr, at in [("log(x)", "0"), ("1/x", "0"), ("sqrt(x)", "-1"), ("asin(x)", "2"), ("tan(x)", "pi/2"),
                     ("gamma(x)", "-1"), ("x**y", "0,-1"), ("atan2(x, y)", "0,0"), ("log(x, y)", "2,1")]:
        add(["eval", expr, "--at", at], code=1, label=f"math:{expr} at {at}")
    add(["gradient", "log(x)", "--at", "0"], code=1, label="math:gradient log(x) at 0")
    add(["hessian", "1/x", "--at", "0"], code=1, label="math:hessian 1/x at 0")
    # An undefined value in disguise: atan(zoo) is the interval AccumBounds(-pi/2, pi/2).
    for args in (["eval", "atan(1/(x-x))"], ["gradient", "atan(1/(x-x))*y"]):
        add(args, label=f"accumbounds:{' '.join(args)}")
    # Huge exact results at a point: refused before SymPy builds them (exit 1).
    for args in (["eval", "2**x", "--at", "20000"], ["gradient", "x**10000", "--at", "10"],
                 ["eval", "gamma(x)", "--at", "10**10"], ["eval", "x**y", "--at", "x=9,y=9**9"],
                 ["eval", "x**-10000", "--at", "10"], ["expand", "gamma(x)", "--at", "10**10"]):
        add(args, code=1, label=f"bigint:{' '.join(args)}")
    return params


CASES = _cases()


def _distinct_inputs() -> set[tuple]:
    return {(case.values[0].args, case.values[0].stdin) for case in CASES}


def test_at_least_70_distinct_hostile_inputs():
    assert len(_distinct_inputs()) >= 70
    assert len(set(EXPRESSION_PAYLOADS)) == len(EXPRESSION_PAYLOADS), "duplicate payloads"


def _control_characters(text: str) -> list[str]:
    return [f"U+{ord(ch):04X}" for ch in text
            if unicodedata.category(ch) == "Cc" or ch in BIDI_CONTROLS]


def assert_clean_failure(stdout: str, stderr: str, code: int, expected: int) -> None:
    assert code == expected, f"exit status {code}, expected {expected}; stderr: {stderr!r}"
    assert stdout == "", f"stdout not empty: {stdout[:200]!r}"
    assert "Traceback" not in stderr
    assert stderr.startswith("taylor: error:"), stderr[:200]
    assert stderr.endswith("\n") and stderr.count("\n") == 1, f"not exactly one line: {stderr[:300]!r}"
    assert "\x1b" not in stderr, f"raw ESC on stderr: {stderr[:200]!r}"
    assert not _control_characters(stderr[:-1]), f"control characters on stderr: {_control_characters(stderr[:-1])}"
    assert "internal error" not in stderr, stderr[:300]


@pytest.mark.parametrize("case", CASES)
def test_hostile_input_is_refused_cleanly(case: Case) -> None:
    start = time.perf_counter()
    # color=True: behave as on a terminal, where click would not strip escape codes.
    result = RUNNER.invoke(cli, list(case.args), input=case.stdin, color=True)
    elapsed = time.perf_counter() - start
    assert isinstance(result.exception, SystemExit), (
        f"exit {result.exit_code}, stdout {result.stdout[:200]!r}, exception {result.exception!r}")
    assert "Traceback" not in result.output
    assert_clean_failure(result.stdout, result.stderr, result.exit_code, case.code)
    assert elapsed < MAX_SECONDS, f"took {elapsed:.2f} s"


# --- nothing executed: real subprocesses ------------------------------------------------------

MARKER = "MARKER"
MARKER_PAYLOADS = [
    f"__import__('os').system('touch {MARKER}')",
    f"__import__({_chr_text('os')}).system({_chr_text('touch ' + MARKER)})",
    f"open('{MARKER}', 'w')",
    f"open({_chr_text(MARKER)}, {_chr_text('w')})",
    f"exec(\"open('{MARKER}', 'w').close()\")",
    f"sin(x).subs(x, \"__import__('os').system('touch {MARKER}')\")",
    f"(lambda: __import__('os').system('touch {MARKER}'))()",
    f"x\nimport os; os.system('touch {MARKER}')",
    f"[__import__('pathlib').Path('{MARKER}').touch() for _ in (1,)]",
]


def _run(args: list[str], cwd, stdin: str | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONSTARTUP", "PYTHONINSPECT")}
    return subprocess.run([sys.executable, "-m", "taylorcli", *args], cwd=cwd, input=stdin, capture_output=True,
                          text=True, timeout=timeout, env=env)


@pytest.mark.parametrize("payload", MARKER_PAYLOADS, ids=[_id(p) for p in MARKER_PAYLOADS])
def test_payload_runs_nothing_in_a_real_process(payload: str, tmp_path) -> None:
    # The same payload once as an argument and once on standard input, in one process each.
    for args, stdin in ((["gradient", "--", payload], None), (["gradient", "-"], payload)):
        proc = _run(args, tmp_path, stdin)
        assert_clean_failure(proc.stdout, proc.stderr, proc.returncode, 2)
        assert not (tmp_path / MARKER).exists(), f"payload created {MARKER}: {payload!r}"
    assert list(tmp_path.iterdir()) == []


def test_marker_payloads_would_work_if_evaluated(tmp_path) -> None:
    """Control: the quote-free payload really does create the marker when Python evaluates it."""
    payload = MARKER_PAYLOADS[3]
    subprocess.run([sys.executable, "-c", f"{payload}.close()"], cwd=tmp_path, check=True, timeout=30)
    assert (tmp_path / MARKER).exists()


# --- nothing executed: audit events in-process ------------------------------------------------

_AUDIT = {"on": False, "events": []}
_WATCHED_EXACT = {
    "open", "import", "exec", "builtins.input", "builtins.breakpoint", "code.__new__", "function.__new__",
    "marshal.load", "marshal.loads", "pickle.find_class", "sys.setprofile", "sys.settrace", "sys._getframe",
    "webbrowser.open", "glob.glob", "tempfile.mkstemp", "tempfile.mkdtemp", "pty.spawn", "sqlite3.connect",
}
_WATCHED_PREFIXES = (
    "os.", "subprocess.", "shutil.", "socket.", "ctypes.", "urllib.", "http.", "ftplib.", "smtplib.",
    "poplib.", "imaplib.", "nntplib.", "telnetlib.", "_posixsubprocess.", "winreg.", "msvcrt.", "_winapi.",
)


def _audit_hook(event: str, args: tuple) -> None:
    # Hooks cannot be removed: this one is installed once and only records while switched on.
    if _AUDIT["on"] and (event in _WATCHED_EXACT or event.startswith(_WATCHED_PREFIXES)):
        _AUDIT["events"].append((event, repr(args)[:200]))


sys.addaudithook(_audit_hook)


def _warm_up() -> None:
    """Parse benign text using every function, so lazy imports inside SymPy have happened."""
    calls = []
    for name, function in FUNCTIONS.items():
        count = function.arities[0] if function.arities else 2
        args = ["x", "y"][:count] if name not in ("polygamma", "zeta") else ["2", "x"]
        calls.append(f"{name}({', '.join(args)})")
    parse_expression(" + ".join(calls) + " + 0.5*x^2 - pi/E")
    for name, function in FUNCTIONS.items():  # constant arguments: the float estimates
        count = function.arities[0] if function.arities else 2
        try:
            parse_expression(f"{name}({', '.join(['0.5'] * count)})")
        except TaylorError:
            pass
    for text in ["x +", "foo(x)", "x.y", "é", "\x1b", "9**9**9", "1/0", "(" * 200]:  # error paths
        with pytest.raises(TaylorError):
            parse_expression(text)
    parse_point("x=1/2, y=pi", [symbol("x"), symbol("y")])
    parse_variables("x, y")


def _audited(fn, *args) -> list:
    _AUDIT["events"].clear()
    _AUDIT["on"] = True
    try:
        fn(*args)
    except TaylorError:
        pass
    finally:
        _AUDIT["on"] = False
    return list(_AUDIT["events"])


def test_audit_hook_sees_real_actions(tmp_path) -> None:
    """Control: the hook does record what it is meant to catch."""
    def act():
        __import__("os").listdir(tmp_path)
        open(tmp_path / "probe", "w").close()  # noqa: SIM115
        eval(compile("1", "<probe>", "exec"))  # noqa: S307

    names = {event for event, _ in _audited(act)}
    assert {"os.listdir", "open", "exec"} <= names


def test_no_audited_action_while_parsing_payloads() -> None:
    _warm_up()
    payloads = CODE_EXECUTION + MARKER_PAYLOADS + DENIAL_OF_SERVICE[:20] + CONTROL_CHARACTERS + NON_ASCII
    seen = {}
    for payload in payloads:
        events = _audited(parse_expression, payload)
        if events:
            seen[payload] = events
    x = symbol("x")
    for at in ["__import__('os')", "x=__import__('os')", "x=().__class__", f"x=open({_chr_text('M')})"]:
        events = _audited(parse_point, at, [x])
        if events:
            seen[f"--at {at}"] = events
    for names in ["__class__", "x; import os", "__import__('os')"]:
        events = _audited(parse_variables, names)
        if events:
            seen[f"--vars {names}"] = events
    assert seen == {}


def test_payloads_are_refused_by_the_parser() -> None:
    for payload in CODE_EXECUTION + MARKER_PAYLOADS:
        with pytest.raises(TaylorError) as info:
            parse_expression(payload)
        assert info.value.exit_status == 2, payload


# --- a slow input that is accepted hits the time limit ----------------------------------------

SLOW_ACCEPTED = [
    # Expanding a degree-2999 polynomial in four variables: millions of terms.
    ["gradient", "(x+y+z+w+1)**3000", "--timeout", "1"],
    # (x+y+z+1)**10000: the simplifier would expand millions of terms.
    ["hessian", "(x+y+z+1)**10000", "--timeout", "1"],
]


@pytest.mark.parametrize("args", SLOW_ACCEPTED, ids=["four-variable power", "big power"])
def test_slow_accepted_input_hits_the_time_limit(args, tmp_path) -> None:
    start = time.perf_counter()
    proc = _run(args, tmp_path, timeout=60)
    elapsed = time.perf_counter() - start
    assert_clean_failure(proc.stdout, proc.stderr, proc.returncode, 1)
    assert "time limit of 1 CPU seconds exceeded" in proc.stderr
    assert elapsed < 30, f"took {elapsed:.1f} s"
