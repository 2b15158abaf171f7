"""Results as rich tables, plain text, LaTeX or JSON. Nothing else prints.

A ``Result`` holds exact SymPy values (and, at a point, floats); ``show``
writes it in one of the four formats. Exact values are written with SymPy's
string printer, which the parser reads back.

>>> import io, sympy as sp
>>> x = sp.Symbol("x")
>>> out = io.StringIO()
>>> show(Result("gradient", "x**2", [x], [2 * x]), "plain", out)
>>> out.getvalue()
'[2*x]\\n'
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

import sympy as sp
from .calculus import to_float

if TYPE_CHECKING:  # for annotations only: importing them would load NumPy and SciPy for every command
    from rich.console import Group
    from rich.table import Table

    from .accuracy import ConvergenceRow, ErrorTable, LagrangeBound
    from .analysis import CriticalPoint, Expectation, StepPrediction
    from .expansion import Expansion
    from .optimize import OptimizeResult, TraceRow

FORMATS = ("table", "plain", "latex", "json")

# The JSON key holding the main result of each kind of result.
KEYS = {"gradient": "gradient", "jacobian": "jacobian", "hessian": "hessian", "tensor": "tensor", "value": "value"}


@dataclass
class Result:
    """One command's answer.

    ``exact`` is shaped by ``kind``: a list (gradient), a list of rows (jacobian,
    hessian), nested lists ``order`` deep (tensor), or one expression (value).
    With a point, ``exact`` holds the values there and ``numeric`` their floats.
    """

    kind: str
    expression: str | list[str]
    variables: list[sp.Symbol]
    exact: Any
    at: Mapping[sp.Symbol, sp.Expr] | None = None
    numeric: Any = None
    eigenvalues: list[float] | None = None
    definiteness: str | None = None
    order: int | None = None


def _load_rich() -> None:
    """Import rich on first use: only the table format needs it (~25 ms of start-up)."""
    if "Table" in globals() and "box" in globals():
        return
    from rich import box
    from rich.console import Console, Group
    from rich.table import Table
    from rich.text import Text

    globals().update(box=box, Console=Console, Group=Group, Table=Table, Text=Text)


def _row(table: Table, *cells: str) -> None:
    """Add a row of plain text: cells such as "E[f(X)]" are not rich markup."""
    table.add_row(*(Text(cell) if isinstance(cell, str) else cell for cell in cells))


def nested_map(fn: Callable[[Any], Any], value: Any) -> Any:
    """Apply ``fn`` to every leaf of nested lists."""
    if isinstance(value, (list, tuple)):
        return [nested_map(fn, item) for item in value]
    return fn(value)


def leaves(value: Any) -> list[Any]:
    if isinstance(value, (list, tuple)):
        return [leaf for item in value for leaf in leaves(item)]
    return [value]


def exact_text(expr: sp.Expr) -> str:
    """The parser-readable text of an exact value."""
    return sp.sstr(expr)


def _float_text(value: float | None) -> str:
    return "null" if value is None else repr(value)


def _plain_nested(value: Any, leaf: Callable[[Any], str]) -> str:
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_plain_nested(item, leaf) for item in value) + "]"
    return leaf(value)


def _order(result: Result) -> int:
    return {"value": 0, "gradient": 1, "jacobian": 2, "hessian": 2}.get(result.kind, result.order or 0)


# --- JSON --------------------------------------------------------------------------------


def to_json(result: Result) -> dict[str, Any]:
    """The documented JSON object of a result (keys are an interface)."""
    data: dict[str, Any] = {
        "expression": result.expression,
        "variables": [v.name for v in result.variables],
    }
    if result.kind == "tensor":
        data["order"] = result.order
    data[KEYS[result.kind]] = nested_map(exact_text, result.exact)
    if result.at is not None:
        data["at"] = {v.name: exact_text(value) for v, value in result.at.items()}
        data["numeric"] = result.numeric
    if result.kind == "hessian" and result.at is not None:
        data["eigenvalues"] = result.eigenvalues
        data["definiteness"] = result.definiteness
    return data


# --- plain text ----------------------------------------------------------------------------


def to_plain(result: Result) -> str:
    """First line: the exact result; with a point, labelled extra lines follow."""
    lines = [_plain_nested(result.exact, exact_text)]
    if result.at is not None:
        lines.append("numeric: " + _plain_nested(result.numeric, _float_text))
        if result.eigenvalues is not None:
            lines.append("eigenvalues: " + _plain_nested(result.eigenvalues, _float_text))
        if result.definiteness is not None:
            lines.append("definiteness: " + result.definiteness)
    return "\n".join(lines)


# --- LaTeX ---------------------------------------------------------------------------------


def _latex(expr: sp.Expr) -> str:
    return sp.latex(expr)


def _partial_latex(index: Sequence[int], variables: Sequence[sp.Symbol], f: str = "f") -> str:
    counts = [(variables[i], len(list(group))) for i, group in itertools.groupby(index)]
    below = " ".join(rf"\partial {sp.latex(v)}" + (f"^{{{c}}}" if c > 1 else "") for v, c in counts)
    k = len(index)
    return rf"\frac{{\partial{'^{' + str(k) + '}' if k > 1 else ''} {f}}}{{{below}}}"


def _bmatrix(rows: list[list[sp.Expr]]) -> str:
    body = r" \\ ".join(" & ".join(_latex(e) for e in row) for row in rows)
    return rf"\begin{{bmatrix}} {body} \end{{bmatrix}}"


def to_latex(result: Result) -> str:
    """LaTeX that pastes into a math environment; extra facts as % comments."""
    exact = result.exact
    order = _order(result)
    if order == 0:
        body = _latex(exact)
    elif order == 1:
        body = _bmatrix([[e] for e in exact])
    elif order == 2:
        body = _bmatrix(exact)
    else:
        lines = [f"{_partial_latex(index, result.variables)} &= {_latex(value)}"
                 for index, value in distinct_entries(result)]
        body = "\\begin{aligned}\n" + " \\\\\n".join(lines) + "\n\\end{aligned}"
    lines = [body]
    if result.at is not None:
        if result.at:
            lines.append("% at " + ", ".join(f"{v} = {exact_text(a)}" for v, a in result.at.items()))
        if result.eigenvalues is not None:
            lines.append("% eigenvalues: " + _plain_nested(result.eigenvalues, _float_text))
        if result.definiteness is not None:
            lines.append("% definiteness: " + result.definiteness)
    return "\n".join(lines)


def distinct_entries(result: Result) -> list[tuple[tuple[int, ...], Any]]:
    """(sorted index, value) for each distinct entry of a symmetric tensor."""
    n = len(result.variables)
    entries = []
    for index in itertools.combinations_with_replacement(range(n), result.order or 0):
        value = result.exact
        for i in index:
            value = value[i]
        entries.append((index, value))
    return entries


def _numeric_at(result: Result, index: Sequence[int]) -> float | None:
    value = result.numeric
    for i in index:
        value = value[i]
    return value


# --- rich tables ---------------------------------------------------------------------------


def _cell(result: Result, exact: sp.Expr, number: float | None) -> str:
    text = exact_text(exact)
    if result.at is None or exact.is_Integer:
        return text
    return f"{text} ≈ {_float_text(number)}" if text != _float_text(number) else text


def _partial_label(index: Sequence[int], variables: Sequence[sp.Symbol]) -> str:
    sup = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
    parts = []
    for i, group in itertools.groupby(index):
        count = len(list(group))
        parts.append(f"∂{variables[i]}" + (str(count).translate(sup) if count > 1 else ""))
    k = len(index)
    return f"∂{str(k).translate(sup) if k > 1 else ''}f/" + "".join(parts)


def to_table(result: Result) -> Group:
    """A rich renderable for a terminal: a heading, the table, facts at the point."""
    _load_rich()
    expression = result.expression if isinstance(result.expression, str) else ", ".join(result.expression)
    titles = {"gradient": "Gradient", "jacobian": "Jacobian", "hessian": "Hessian",
              "tensor": f"Derivative tensor of order {result.order}", "value": "Value"}
    heading = Text.assemble((titles[result.kind], "bold"), " of ", expression)
    notes = []
    if result.at:
        notes.append("at " + ", ".join(f"{v} = {exact_text(a)}" for v, a in result.at.items()))
        if result.eigenvalues is not None:
            notes.append("eigenvalues: " + ", ".join(f"{v:.6g}" for v in result.eigenvalues))
        if result.definiteness is not None:
            notes.append(result.definiteness)
    return Group(heading, _table_body(result), *(Text(note) for note in notes))


def _table_body(result: Result) -> Table:
    table = Table(box=box.SIMPLE_HEAVY)
    names = [str(v) for v in result.variables]
    order = _order(result)
    numeric = result.numeric
    if order == 0:
        table.add_column("f")
        _row(table, _cell(result, result.exact, numeric))
    elif order == 1:
        table.add_column("variable", style="bold")
        table.add_column("∂f/∂variable")
        for i, name in enumerate(names):
            _row(table, name, _cell(result, result.exact[i], numeric[i] if numeric else None))
    elif order == 2:
        rows = result.exact
        row_names = names if result.kind != "jacobian" else (
            result.expression if isinstance(result.expression, list) else [result.expression])
        table.add_column("", style="bold")
        for name in names:
            table.add_column(name)
        for i, row in enumerate(rows):
            cells = [_cell(result, e, numeric[i][j] if numeric else None) for j, e in enumerate(row)]
            _row(table, row_names[i], *cells)
    else:
        table.add_column("partial", style="bold")
        table.add_column("value")
        for index, value in distinct_entries(result):
            number = _numeric_at(result, index) if numeric else None
            _row(table, _partial_label(index, result.variables), _cell(result, value, number))
    return table


# --- Taylor expansions -----------------------------------------------------------------------


@dataclass
class ExpansionReport:
    """An expansion and the parts of it the user asked to see."""

    expansion: Expansion
    terms: bool = False
    coefficients: bool = False
    remainder: bool = False
    check: ErrorTable | None = None
    convergence: list[ConvergenceRow] | None = None
    lagrange: LagrangeBound | None = None


def _accuracy_json(report: ExpansionReport) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if report.check is not None:
        data["check"] = {
            "at": {v.name: exact_text(a) for v, a in report.check.point.items()},
            "value": report.check.value,
            "errors": [{"order": r.order, "approximation": r.approximation, "error": r.error}
                       for r in report.check.rows],
        }
    if report.lagrange is not None:
        data["lagrange_bound"] = {"interval": [exact_text(a) for a in report.lagrange.interval],
                                  "bound": report.lagrange.bound, "note": report.lagrange.note}
    if report.convergence is not None:
        data["convergence"] = [{"scale": exact_text(r.scale), "distance": r.distance, "error": r.error,
                                "order": r.order} for r in report.convergence]
    return data


def _accuracy_lines(report: ExpansionReport) -> list[str]:
    lines = []
    if report.check is not None:
        where = ", ".join(f"{v}={exact_text(a)}" for v, a in report.check.point.items())
        lines.append(f"check at {where}: f = {report.check.value!r}")
        lines += [f"  order {r.order}: T = {r.approximation!r}, error = {r.error!r}" for r in report.check.rows]
    if report.lagrange is not None:
        lo, hi = (exact_text(a) for a in report.lagrange.interval)
        lines.append(f"Lagrange bound on [{lo}, {hi}]: " + (repr(report.lagrange.bound)
                     if report.lagrange.bound is not None else report.lagrange.note))
    if report.convergence is not None:
        expected = exact_text(report.expansion.next_exponent)
        lines.append(f"convergence as h halves (theory: order {expected}):")
        lines += [f"  |h| = {r.distance!r}, error = {r.error!r}, order = "
                  + ("-" if r.order is None else f"{r.order:.4f}") for r in report.convergence]
    return lines


def _accuracy_tables(report: ExpansionReport) -> list[Any]:
    parts: list[Any] = []
    if report.check is not None:
        where = ", ".join(f"{v} = {exact_text(a)}" for v, a in report.check.point.items())
        table = Table(title=f"Errors at {where} (f = {report.check.value:.12g})", box=box.SIMPLE_HEAVY,
                      title_justify="left")
        for name in ("order", "T_k", "|f - T_k|"):
            table.add_column(name, justify="right")
        for r in report.check.rows:
            _row(table, str(r.order), f"{r.approximation:.12g}", f"{r.error:.3e}")
        parts.append(table)
    if report.lagrange is not None:
        lo, hi = (exact_text(a) for a in report.lagrange.interval)
        bound = f"{report.lagrange.bound:.3e}" if report.lagrange.bound is not None else report.lagrange.note
        parts.append(Text(f"Lagrange remainder bound on [{lo}, {hi}]: {bound}"))
    if report.convergence is not None:
        expected = exact_text(report.expansion.next_exponent)
        table = Table(title=f"Convergence as h halves (theory: order {expected})", box=box.SIMPLE_HEAVY,
                      title_justify="left")
        for name in ("|h|", "error", "observed order"):
            table.add_column(name, justify="right")
        for r in report.convergence:
            _row(table, f"{r.distance:.6g}", f"{r.error:.3e}", "-" if r.order is None else f"{r.order:.4f}")
        parts.append(table)
    return parts


def _number_text(value: sp.Rational) -> int | str:
    return int(value) if value.is_Integer else exact_text(value)


def _term_label(degree: sp.Rational, n: int, latex: bool = False) -> str:
    """How the lecture notes name the term of each degree."""
    if not degree.is_Integer or degree < 0 or n == 0:
        return f"degree {degree}"
    k = int(degree)
    if latex:
        return [r"f(a)", r"\nabla f(a)^\top h", r"\tfrac{1}{2} h^\top \nabla^2 f(a)\, h"][k] if k < 3 else \
            rf"\tfrac{{1}}{{{k}!}} D^{{{k}}} f(a)[h, \dots, h]"
    return ["f(a)", "grad f(a)^T h", "1/2 h^T H(a) h"][k] if k < 3 else f"1/{k}! D^{k} f(a)[h,...,h]"


def _expansion_json(report: ExpansionReport) -> dict[str, Any]:
    e = report.expansion
    return {
        "expression": exact_text(e.expression),
        "variables": [v.name for v in e.variables],
        "at": {v.name: exact_text(a) for v, a in e.at.items()},
        "order": e.order,
        "degree": e.degree,
        "polynomial": e.text,
        "terms": [{"degree": _number_text(d), "expr": text} for d, text in e.term_texts()],
        "coefficients": [{"powers": [_number_text(p) for p in powers], "value": exact_text(c),
                          "numeric": to_float(c)} for powers, c in e.coefficients],
        "remainder": e.remainder(),
        **_accuracy_json(report),
    }


def _expansion_plain(report: ExpansionReport) -> str:
    e = report.expansion
    first = e.text + (f" + {e.remainder()}" if report.remainder else "")
    lines = [first]
    if report.terms:
        lines += [f"degree {d} ({_term_label(d, len(e.variables))}): {text}" for d, text in e.term_texts()]
    if report.coefficients:
        for powers, c in e.coefficients:
            index = ", ".join(str(_number_text(p)) for p in powers)
            lines.append(f"coefficient [{index}]: {exact_text(c)} ({_float_text(to_float(c))})")
    return "\n".join(lines + _accuracy_lines(report))


def _expansion_latex(report: ExpansionReport) -> str:
    e = report.expansion
    body = e.text_of(e.coefficients, sp.latex)
    if report.remainder:
        body += " + " + e.remainder(sp.latex).replace("O(", r"O\left(").removesuffix(")") + r"\right)"
    lines = [body]
    if report.terms:
        groups: dict[sp.Rational, list] = {}
        for powers, c in e.coefficients:
            groups.setdefault(sum(powers), []).append((powers, c))
        rows = [f"{_term_label(d, len(e.variables), latex=True)} &= {e.text_of(items, sp.latex)}"
                for d, items in groups.items()]
        lines.append("\\begin{aligned}\n" + " \\\\\n".join(rows) + "\n\\end{aligned}")
    if report.coefficients:
        lines += [f"% coefficient {[_number_text(p) for p in powers]}: {exact_text(c)}" for powers, c in e.coefficients]
    return "\n".join(lines + ["% " + line for line in _accuracy_lines(report)])


def _expansion_table(report: ExpansionReport) -> Group:
    e = report.expansion
    where = ", ".join(f"{v} = {exact_text(a)}" for v, a in e.at.items())
    kind = "total degree" if e.degree == "total" else "degree in each variable"
    heading = Text.assemble(("Taylor expansion", "bold"), f" of {exact_text(e.expression)} about {where}, "
                            f"order {e.order} ({kind})")
    polynomial = e.text + (f" + {e.remainder()}" if report.remainder else "")
    parts: list[Any] = [heading, Text(polynomial)]
    if e.method == "series":
        parts.append(Text("(not analytic there: a Laurent, Puiseux or asymptotic series)", style="dim"))
    if report.terms:
        table = Table(box=box.SIMPLE_HEAVY)
        table.add_column("degree", justify="right")
        table.add_column("term", style="bold")
        table.add_column("value")
        for d, text in e.term_texts():
            _row(table, str(d), _term_label(d, len(e.variables)), text)
        parts.append(table)
    if report.coefficients:
        table = Table(box=box.SIMPLE_HEAVY)
        table.add_column("powers (" + ", ".join(v.name for v in e.variables) + ")")
        table.add_column("coefficient")
        table.add_column("≈", justify="right")
        for powers, c in e.coefficients:
            _row(table, ", ".join(str(_number_text(p)) for p in powers), exact_text(c), _float_text(to_float(c)))
        parts.append(table)
    return Group(*parts, *_accuracy_tables(report))


# --- optimizer runs ------------------------------------------------------------------------------


@dataclass
class RunReport:
    """An optimizer's result, and whether to show its trace outside JSON."""

    result: OptimizeResult
    trace: bool = False


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None


def _run_json(report: RunReport) -> dict[str, Any]:
    r = report.result
    return {
        "method": r.method, "variables": r.variables, "x": [_finite(float(v)) for v in r.x],
        "fun": _finite(r.fun), "grad_norm": _finite(r.grad_norm), "nit": r.nit, "nfev": r.nfev,
        "njev": r.njev, "nhev": r.nhev, "success": r.success, "message": r.message,
        "trace": [{"k": t.k, "x": [_finite(v) for v in t.x], "f": _finite(t.f), "grad_norm": _finite(t.grad_norm),
                   "step": t.step, **({"min_eig": t.min_eig} if t.min_eig is not None else {}),
                   **({"note": t.note} if t.note else {})} for t in r.trace],
    }


def _trace_line(t: TraceRow) -> str:
    line = f"k={t.k} f={t.f!r} grad_norm={t.grad_norm!r} step={t.step!r}"
    if t.min_eig is not None:
        line += f" min_eig={t.min_eig!r}"
    return line + (f" ({t.note})" if t.note else "")


def _run_plain(report: RunReport) -> str:
    r = report.result
    lines = [_plain_nested([float(v) for v in r.x], repr), f"fun: {r.fun!r}", f"grad_norm: {r.grad_norm!r}",
             f"nit: {r.nit}", f"nfev: {r.nfev}", f"njev: {r.njev}", f"nhev: {r.nhev}",
             f"success: {str(r.success).lower()}", f"message: {r.message}"]
    if report.trace:
        lines += [_trace_line(t) for t in r.trace]
    return "\n".join(lines)


def _run_latex(report: RunReport) -> str:
    r = report.result
    body = _bmatrix([[sp.Float(v, 17)] for v in r.x])
    return "\n".join([body, f"% {r.method}: f = {r.fun!r}, |grad f| = {r.grad_norm!r}, {r.nit} iterations",
                      f"% {r.message}"] + (["% " + _trace_line(t) for t in r.trace] if report.trace else []))


def _run_table(report: RunReport) -> Group:
    r = report.result
    names = {"newton": "Newton's method", "gd": "Gradient descent", "bfgs": "BFGS", "lbfgs": "L-BFGS"}
    status = Text("converged" if r.success else "did not converge", style="green" if r.success else "red")
    heading = Text.assemble((names.get(r.method, r.method), "bold"), " ", status, f": {r.message}")
    summary = Table(box=box.SIMPLE_HEAVY, show_header=False)
    summary.add_column(style="bold")
    summary.add_column()
    for name, v in zip(r.variables, r.x):
        _row(summary, name, repr(float(v)))
    for label, value in [("f", repr(r.fun)), ("|grad f|", f"{r.grad_norm:.3e}"), ("iterations", str(r.nit)),
                         ("evaluations f/grad/Hessian", f"{r.nfev}/{r.njev}/{r.nhev}"),
                         ("time", f"{r.seconds:.3g} s")]:
        _row(summary, label, value)
    parts: list[Any] = [heading, summary]
    if report.trace:
        trace = Table(box=box.SIMPLE_HEAVY)
        newton = any(t.min_eig is not None for t in r.trace)
        for name in ("k", "f", "|grad f|", "step") + (("min eig", "note") if newton else ()):
            trace.add_column(name, justify="right")
        for t in r.trace:
            cells = [str(t.k), f"{t.f:.15g}", f"{t.grad_norm:.3e}", f"{t.step:.3e}"]
            if newton:
                cells += [f"{t.min_eig:.4g}" if t.min_eig is not None else "", t.note]
            _row(trace, *cells)
        parts.append(trace)
    return Group(*parts)


@dataclass
class CompareReport:
    """Several optimizer runs from one start, side by side."""

    runs: list[OptimizeResult]

    def distances(self) -> list[float | None]:
        finite = [r for r in self.runs if math.isfinite(r.fun)]
        if not finite:
            return [None] * len(self.runs)
        best = min(finite, key=lambda r: r.fun).x
        return [_finite(float(np_norm(r.x - best))) for r in self.runs]


def np_norm(v: Any) -> float:
    return math.sqrt(sum(float(t) ** 2 for t in v))


def _compare_json(report: CompareReport) -> dict[str, Any]:
    return {"runs": [{**_run_json(RunReport(r)), "distance": d, "seconds": r.seconds}
                     for r, d in zip(report.runs, report.distances())]}


def _compare_rows(report: CompareReport) -> list[list[str]]:
    rows = []
    for r, d in zip(report.runs, report.distances()):
        rows.append([r.method, str(r.nit), f"{r.nfev}/{r.njev}/{r.nhev}", f"{r.seconds:.2g}", f"{r.fun:.4g}",
                     f"{r.grad_norm:.1e}", "-" if d is None else f"{d:.1e}", "yes" if r.success else "no"])
    return rows


_COMPARE_HEADER = ["method", "iters", "f/g/H evals", "time s", "final f", "|grad f|", "to best", "converged"]


def _compare_table(report: CompareReport) -> Table:
    # No box: eight columns must fit an 80-column terminal.
    table = Table(box=None, title="Optimizers from the same start", title_justify="left", pad_edge=False,
                  header_style="bold underline")
    for name in _COMPARE_HEADER:
        table.add_column(name, justify="left" if name == "method" else "right", no_wrap=True)
    for row in _compare_rows(report):
        _row(table, *row)
    return table


def _compare_plain(report: CompareReport) -> str:
    return "\n".join("\t".join(row) for row in [_COMPARE_HEADER, *_compare_rows(report)])


def _compare_latex(report: CompareReport) -> str:
    lines = [r"\begin{tabular}{l" + "r" * (len(_COMPARE_HEADER) - 1) + "}",
             " & ".join(_COMPARE_HEADER).replace("|", "$|$") + r" \\ \hline"]
    lines += [" & ".join(row) + r" \\" for row in _compare_rows(report)]
    return "\n".join(lines + [r"\end{tabular}"])


# --- analysis: critical points, expectations, step prediction --------------------------------------


@dataclass
class PointsReport:
    """Critical points (``taylor critical``) or one classified point (``taylor classify``)."""

    expression: sp.Expr
    variables: list[sp.Symbol]
    points: list[CriticalPoint]


def _coordinate(value: Any) -> Any:
    return exact_text(value) if isinstance(value, sp.Basic) else float(value)


def _points_json(report: PointsReport) -> dict[str, Any]:
    return {
        "expression": exact_text(report.expression),
        "variables": [v.name for v in report.variables],
        "points": [{"x": {v.name: _coordinate(p.x[v]) for v in report.variables}, "numeric": p.numeric,
                    "value": p.value, "eigenvalues": p.eigenvalues, "kind": p.kind, "exact": p.exact,
                    **({"exact_eigenvalues": [exact_text(e) for e in p.exact_eigenvalues]}
                       if p.exact_eigenvalues is not None else {}),
                    **({"note": p.note} if p.note else {})} for p in report.points],
    }


def _point_text(report: PointsReport, p: CriticalPoint) -> str:
    return ", ".join(f"{v}={exact_text(p.x[v]) if p.exact else repr(float(p.x[v]))}" for v in report.variables)


def _points_plain(report: PointsReport) -> str:
    lines = []
    for p in report.points:
        line = f"{_point_text(report, p)}: {p.kind} (f = {_float_text(p.value)}, eigenvalues {p.eigenvalues})"
        lines.append(line + (f"; {p.note}" if p.note else ""))
    return "\n".join(lines) if lines else "no critical points found"


def _points_latex(report: PointsReport) -> str:
    rows = [r"\begin{tabular}{lll}", r"point & kind & $f$ \\ \hline"]
    for p in report.points:
        where = ", ".join(f"${sp.latex(v)} = {sp.latex(p.x[v]) if p.exact else repr(float(p.x[v]))}$"
                          for v in report.variables)
        rows.append(f"{where} & {p.kind} & ${_float_text(p.value)}$ \\\\")
    return "\n".join(rows + [r"\end{tabular}"])


def _points_table(report: PointsReport) -> Group:
    table = Table(box=box.SIMPLE_HEAVY, title=f"Critical points of {exact_text(report.expression)}",
                  title_justify="left")
    for name in ("point", "kind", "f", "eigenvalues", "exact"):
        table.add_column(name)
    for p in report.points:
        _row(table, _point_text(report, p), p.kind, _float_text(p.value),
                      ", ".join(f"{v:.6g}" for v in p.eigenvalues), "yes" if p.exact else "no")
    notes = [Text(f"{_point_text(report, p)}: {p.note}", style="dim") for p in report.points if p.note]  # noqa
    if not report.points:
        notes.append(Text("no critical points found"))
    return Group(table, *notes)


@dataclass
class ExpectationReport:
    expression: sp.Expr
    expectation: Expectation


def _expectation_json(report: ExpectationReport) -> dict[str, Any]:
    e = report.expectation
    return {"expression": exact_text(report.expression), "variables": [v.name for v in e.variables],
            "first_order": exact_text(e.first_order), "second_order": exact_text(e.second_order),
            "variance": exact_text(e.variance),
            "numeric": {"first_order": to_float(e.first_order), "second_order": to_float(e.second_order),
                        "variance": to_float(e.variance)},
            "monte_carlo": e.monte_carlo}


def _expectation_lines(report: ExpectationReport) -> list[tuple[str, str, str]]:
    e = report.expectation
    rows = [("E[f(X)], first order: f(mu)", exact_text(e.first_order), _float_text(to_float(e.first_order))),
            ("E[f(X)], second order: + tr(H Sigma)/2", exact_text(e.second_order),
             _float_text(to_float(e.second_order))),
            ("Var[f(X)] ~ grad^T Sigma grad", exact_text(e.variance), _float_text(to_float(e.variance)))]
    if e.monte_carlo:
        mc = e.monte_carlo
        rows.append((f"Monte Carlo mean (n = {mc['n']})", f"{mc['mean']!r} +- {mc['stderr']:.2g}", repr(mc["mean"])))
    return rows


def _expectation_plain(report: ExpectationReport) -> str:
    e = report.expectation
    lines = [f"first_order: {exact_text(e.first_order)} ({_float_text(to_float(e.first_order))})",
             f"second_order: {exact_text(e.second_order)} ({_float_text(to_float(e.second_order))})",
             f"variance: {exact_text(e.variance)} ({_float_text(to_float(e.variance))})"]
    if e.monte_carlo:
        mc = e.monte_carlo
        lines.append(f"monte_carlo: {mc['mean']!r} +- {mc['stderr']!r} (n = {mc['n']})")
    return "\n".join(lines)


def _expectation_latex(report: ExpectationReport) -> str:
    e = report.expectation
    lines = [r"\begin{aligned}",
             rf"\mathbb{{E}}[f(X)] &\approx {sp.latex(e.second_order)} \\",
             rf"\operatorname{{Var}}[f(X)] &\approx {sp.latex(e.variance)}",
             r"\end{aligned}"]
    if e.monte_carlo:
        lines.append(f"% Monte Carlo: {e.monte_carlo['mean']!r} +- {e.monte_carlo['stderr']!r}")
    return "\n".join(lines)


def _expectation_table(report: ExpectationReport) -> Table:
    table = Table(box=box.SIMPLE_HEAVY, title=f"Delta method for {exact_text(report.expression)}",
                  title_justify="left")
    for name in ("quantity", "exact", "≈"):
        table.add_column(name)
    for row in _expectation_lines(report):
        _row(table, *row)
    return table


@dataclass
class StepReport:
    prediction: StepPrediction


_STEP_KEYS = ["value", "grad_norm", "L", "lr", "predicted_first_order", "predicted_second_order", "actual",
              "stable", "lr_bound"]


def _step_json(report: StepReport) -> dict[str, Any]:
    return {key: getattr(report.prediction, key) for key in _STEP_KEYS}


def _step_plain(report: StepReport) -> str:
    return "\n".join(f"{key}: {json.dumps(value)}" for key, value in _step_json(report).items())


def _step_latex(report: StepReport) -> str:
    p = report.prediction
    return "\n".join([rf"f(x_1) \approx {p.predicted_second_order!r}",
                      f"% first order {p.predicted_first_order!r}, actual {p.actual!r}, "
                      f"stable {p.stable} (lr < 2/L = {p.lr_bound!r})"])


def _step_table(report: StepReport) -> Table:
    p = report.prediction
    table = Table(box=box.SIMPLE_HEAVY, title="One gradient step, predicted by Taylor", title_justify="left",
                  show_header=False)
    table.add_column(style="bold")
    table.add_column(justify="right")
    rows = [("f(x0)", p.value), ("|grad f(x0)|", p.grad_norm), ("L = largest eigenvalue of H", p.L),
            ("learning rate", p.lr), ("first order: f - lr |g|^2", p.predicted_first_order),
            ("second order: + lr^2/2 g^T H g", p.predicted_second_order), ("actual f(x0 - lr g)", p.actual),
            ("stability bound 2/L", p.lr_bound)]
    for label, value in rows:
        _row(table, label, "-" if value is None else f"{value:.10g}")
    _row(table, "stable (lr < 2/L)", "yes" if p.stable else "no")
    return table


@dataclass
class PlotReport:
    """A picture written to a file."""

    file: str
    kind: str  # "curves" or "contours"
    size: tuple[int, int]
    polynomials: dict[int, str]


def _plot_json(report: PlotReport) -> dict[str, Any]:
    return {"file": report.file, "kind": report.kind, "width": report.size[0], "height": report.size[1],
            "polynomials": {str(k): v for k, v in report.polynomials.items()}}


def _plot_plain(report: PlotReport) -> str:
    return report.file


def _plot_latex(report: PlotReport) -> str:
    return rf"\includegraphics[width=\linewidth]{{{report.file}}}"


def _plot_table(report: PlotReport) -> Text:
    return Text(f"wrote {report.file} ({report.size[0]}x{report.size[1]}, {report.kind})")


_VIEWS = {
    # kind: (table, plain, latex, json)
    Result: (to_table, to_plain, to_latex, to_json),
    ExpansionReport: (_expansion_table, _expansion_plain, _expansion_latex, _expansion_json),
    RunReport: (_run_table, _run_plain, _run_latex, _run_json),
    CompareReport: (_compare_table, _compare_plain, _compare_latex, _compare_json),
    PointsReport: (_points_table, _points_plain, _points_latex, _points_json),
    ExpectationReport: (_expectation_table, _expectation_plain, _expectation_latex, _expectation_json),
    StepReport: (_step_table, _step_plain, _step_latex, _step_json),
    PlotReport: (_plot_table, _plot_plain, _plot_latex, _plot_json),
}


def json_object(result: Any) -> dict[str, Any]:
    """The documented JSON object of any result."""
    return _VIEWS[type(result)][3](result)


def failure(result: Any) -> str | None:
    """Why a result counts as a failure (an optimizer that did not converge), or None."""
    if isinstance(result, RunReport) and not result.result.success:
        return f"{result.result.method} did not converge: {result.result.message}"
    if isinstance(result, CompareReport) and not any(r.success for r in result.runs):
        return "no method converged"
    return None


def show(result: Any, fmt: str, out: TextIO, *, color: bool | None = None,
         width: int | None = None) -> None:
    """Write ``result`` to ``out`` in format ``fmt`` (one of ``FORMATS``)."""
    table, plain, latex, as_json = _VIEWS[type(result)]
    if fmt == "table":
        _load_rich()
        console = Console(file=out, force_terminal=color, no_color=color is False, width=width,
                          highlight=False)
        console.print(table(result))
        return
    if fmt == "json":
        text = json.dumps(as_json(result), indent=2)
    elif fmt == "latex":
        text = latex(result)
    elif fmt == "plain":
        text = plain(result)
    else:
        raise ValueError(f"unknown format {fmt!r}")
    out.write(text + "\n")
