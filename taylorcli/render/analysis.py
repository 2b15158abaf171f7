"""Views of critical points, delta-method moments and one-step predictions."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import sympy as sp

from ..calculus import to_float
from ..contract import entry
from . import _float_text, _row, exact_text, register, value_text
from .numbers import plain_number, table_number

if TYPE_CHECKING:
    from rich.console import Group
    from rich.table import Table

    from ..analysis import CriticalPoint, Expectation, StepPrediction


@dataclass
class PointsReport:
    """Critical points (``taylor critical``) or one classified point (``taylor classify``)."""

    expression: sp.Expr
    variables: list[sp.Symbol]
    points: list[CriticalPoint]
    complete: bool | None = None  # a search's claim to have found every point; None for one classified point
    method: str = ""
    sets: list[str] = field(default_factory=list)  # whole sets of critical points, not listed point by point
    inputs: dict[str, Any] = field(default_factory=dict)  # echoed in JSON (classify: at)


def _nothing(report: PointsReport) -> str:
    if report.complete:
        return "no critical points"
    return "no isolated critical points found" if report.sets else "no critical points found"


def _search_line(report: PointsReport) -> str:
    """What the search proves: printed by every view, so an incomplete search is never silent."""
    if report.complete is None:
        return ""
    if report.complete:
        return f"search complete: {report.method}"
    return f"search may be incomplete: {report.method}"


def _point_json(report: PointsReport, p: CriticalPoint) -> dict[str, Any]:
    value = value_text(p.value_exact if p.value_exact is not None else p.value)
    return entry(numeric=p.numeric, value=value, eigenvalues=p.eigenvalues, kind=p.kind, exact=p.exact,
                 point={v.name: value_text(p.x[v]) for v in report.variables},
                 point_float={v.name: _finite(float(p.x[v])) for v in report.variables},
                 value_float=p.value,
                 **({"exact_eigenvalues": [exact_text(e) for e in p.exact_eigenvalues]}
                    if p.exact_eigenvalues is not None else {}),
                 **({"note": p.note} if p.note else {}),
                 **({"multipliers": {name: exact_text(v) for name, v in p.multipliers.items()}}
                    if p.multipliers is not None else {}))


def _finite(value: float) -> float | None:
    return value + 0.0 if math.isfinite(value) else None  # + 0.0: no -0.0


def _points_json(report: PointsReport) -> dict[str, Any]:
    return entry(
        expression=exact_text(report.expression),
        variables=[v.name for v in report.variables],
        points=[_point_json(report, p) for p in report.points],
        **({"complete": report.complete, "method": report.method} if report.complete is not None else {}),
        **({"sets": report.sets} if report.sets else {}),
        **report.inputs,
    )


def _point_text(report: PointsReport, p: CriticalPoint) -> str:
    return ", ".join(f"{v}={exact_text(p.x[v]) if p.exact else _float_text(p.x[v])}" for v in report.variables)


def _points_plain(report: PointsReport) -> str:
    lines = []
    for p in report.points:
        line = f"{_point_text(report, p)}: {p.kind} (f = {_float_text(p.value)}, eigenvalues {p.eigenvalues})"
        if p.multipliers is not None:
            line += "; multipliers " + ", ".join(f"{k}={exact_text(v)}" for k, v in p.multipliers.items())
        lines.append(line + (f"; {p.note}" if p.note else ""))
    if not lines:
        lines.append(_nothing(report))
    return "\n".join(lines + ([_search_line(report)] if _search_line(report) else []))


def _points_latex(report: PointsReport) -> str:
    rows = [r"\begin{tabular}{lll}", r"point & kind & $f$ \\ \hline"]
    for p in report.points:
        where = ", ".join(f"${sp.latex(v)} = {sp.latex(p.x[v]) if p.exact else _float_text(p.x[v])}$"
                          for v in report.variables)
        rows.append(f"{where} & {p.kind} & ${_float_text(p.value)}$ \\\\")
    search = [f"% {_search_line(report)}"] if _search_line(report) else []
    return "\n".join(rows + [r"\end{tabular}"] + search)


def _points_table(report: PointsReport) -> Group:
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text
    table = Table(box=box.SIMPLE_HEAVY, title=f"Critical points of {exact_text(report.expression)}",
                  title_justify="left")
    for name in ("point", "kind", "f", "eigenvalues", "exact"):
        table.add_column(name)
    for p in report.points:
        _row(table, _point_text(report, p), p.kind, table_number(p.value),
             ", ".join(table_number(v) for v in p.eigenvalues), "yes" if p.exact else "no")
    notes = [Text(f"{_point_text(report, p)}: {p.note}", style="dim") for p in report.points if p.note]  # noqa
    if not report.points:
        notes.append(Text(_nothing(report)))
    if _search_line(report):
        notes.append(Text(_search_line(report), style="dim" if report.complete else "yellow"))
    return Group(table, *notes)


@dataclass
class ExpectationReport:
    expression: sp.Expr
    expectation: Expectation
    inputs: dict[str, Any] = field(default_factory=dict)  # echoed in JSON: mean, cov, samples, seed


def _expectation_json(report: ExpectationReport) -> dict[str, Any]:
    e = report.expectation
    return entry(expression=exact_text(report.expression), variables=[v.name for v in e.variables],
                 first_order=exact_text(e.first_order), second_order=exact_text(e.second_order),
                 variance=exact_text(e.variance),
                 first_order_float=to_float(e.first_order), second_order_float=to_float(e.second_order),
                 variance_float=to_float(e.variance),
                 monte_carlo=e.monte_carlo, **report.inputs)


def _expectation_lines(report: ExpectationReport) -> list[tuple[str, str, str]]:
    e = report.expectation
    rows = [("E[f(X)], first order: f(mu)", exact_text(e.first_order), _float_text(to_float(e.first_order))),
            ("E[f(X)], second order: + tr(H Sigma)/2", exact_text(e.second_order),
             _float_text(to_float(e.second_order))),
            ("Var[f(X)] ~ grad^T Sigma grad", exact_text(e.variance), _float_text(to_float(e.variance)))]
    if e.monte_carlo:
        mc = e.monte_carlo
        rows.append((f"Monte Carlo mean (n = {mc['n']})", f"{_float_text(mc['mean'])} +- {_float_text(mc['stderr'])}", _float_text(mc["mean"])))
    return rows


def _expectation_plain(report: ExpectationReport) -> str:
    e = report.expectation
    lines = [f"first_order: {exact_text(e.first_order)} ({_float_text(to_float(e.first_order))})",
             f"second_order: {exact_text(e.second_order)} ({_float_text(to_float(e.second_order))})",
             f"variance: {exact_text(e.variance)} ({_float_text(to_float(e.variance))})"]
    if e.monte_carlo:
        mc = e.monte_carlo
        lines.append(f"monte_carlo: {_float_text(mc['mean'])} +- {_float_text(mc['stderr'])} (n = {mc['n']})")
    return "\n".join(lines)


def _expectation_latex(report: ExpectationReport) -> str:
    e = report.expectation
    lines = [r"\begin{aligned}",
             rf"\mathbb{{E}}[f(X)] &\approx {sp.latex(e.second_order)} \\",
             rf"\operatorname{{Var}}[f(X)] &\approx {sp.latex(e.variance)}",
             r"\end{aligned}"]
    if e.monte_carlo:
        lines.append(f"% Monte Carlo: {_float_text(e.monte_carlo['mean'])} +- {_float_text(e.monte_carlo['stderr'])}")
    return "\n".join(lines)


def _expectation_table(report: ExpectationReport) -> Table:
    from rich import box
    from rich.table import Table
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
    inputs: dict[str, Any] = field(default_factory=dict)  # echoed in JSON: expression, variables, at
    value: sp.Expr | None = None  # f(x0) exact (with EXPR), or the --value given


_STEP_KEYS = ["value", "grad_norm", "L", "lr", "predicted_first_order", "predicted_second_order", "actual",
              "stable", "lr_bound"]


def _step_json(report: StepReport) -> dict[str, Any]:
    p = report.prediction
    value = value_text(report.value if report.value is not None else p.value)
    return entry(value=value, value_float=p.value, **{key: getattr(p, key) for key in _STEP_KEYS if key != "value"},
                 **report.inputs)


def _step_plain(report: StepReport) -> str:
    p = report.prediction
    def text(value: Any) -> str:
        return json.dumps(value) if isinstance(value, bool) or value is None else plain_number(value)
    return "\n".join(f"{key}: {text(getattr(p, key))}" for key in _STEP_KEYS)


def _step_latex(report: StepReport) -> str:
    p = report.prediction
    return "\n".join([rf"f(x_1) \approx {plain_number(p.predicted_second_order)}",
                      f"% first order {plain_number(p.predicted_first_order)}, actual {plain_number(p.actual)}, "
                      f"stable {p.stable} (lr < 2/L = {plain_number(p.lr_bound)})"])


def _step_table(report: StepReport) -> Table:
    from rich import box
    from rich.table import Table
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
        _row(table, label, table_number(value))
    _row(table, "stable (lr < 2/L)", "yes" if p.stable else "no")
    return table


register(PointsReport, _points_table, _points_plain, _points_latex, _points_json)
register(ExpectationReport, _expectation_table, _expectation_plain, _expectation_latex, _expectation_json)
register(StepReport, _step_table, _step_plain, _step_latex, _step_json)
