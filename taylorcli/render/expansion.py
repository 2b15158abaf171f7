"""Views of a Taylor expansion and its error analysis."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sympy as sp

from ..calculus import to_float
from ..contract import entry
from . import _float_text, _row, exact_text, register, value_text
from .numbers import table_number

if TYPE_CHECKING:
    from rich.console import Group

    from ..accuracy import ConvergenceRow, ErrorTable, LagrangeBound
    from ..expansion import Expansion
    from ..radius import Radius


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
    radius: Radius | None = None  # --radius


def _accuracy_json(report: ExpansionReport) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if report.check is not None:
        data.update(entry(check=entry(
            at={v.name: exact_text(a) for v, a in report.check.point.items()},
            value=value_text(report.check.exact if report.check.exact is not None else report.check.value),
            value_float=report.check.value,
            errors=[entry(order=r.order, approximation=r.approximation, taylor_error=r.error)
                    for r in report.check.rows],
        )))
    if report.lagrange is not None:
        interval = report.lagrange.interval
        data.update(entry(lagrange_bound=entry(interval=None if interval is None else [exact_text(a) for a in interval],
                                               bound=report.lagrange.bound, note=report.lagrange.note)))
    if report.convergence is not None:
        data.update(entry(convergence=[entry(scale=exact_text(r.scale), distance=r.distance, taylor_error=r.error,
                                             observed_order=r.order) for r in report.convergence]))
    if report.radius is not None:
        from .radius import radius_json
        data.update(radius_json(report.radius))
    return data


def _accuracy_lines(report: ExpansionReport) -> list[str]:
    lines = []
    if report.check is not None:
        where = ", ".join(f"{v}={exact_text(a)}" for v, a in report.check.point.items())
        lines.append(f"check at {where}: f = {_float_text(report.check.value)}")
        lines += [f"  order {r.order}: T = {_float_text(r.approximation)}, error = {_float_text(r.error)}"
                  for r in report.check.rows]
    if report.lagrange is not None and report.lagrange.interval is None:
        lines.append(report.lagrange.note)
    elif report.lagrange is not None:
        lo, hi = (exact_text(a) for a in report.lagrange.interval)
        lines.append(f"Lagrange bound on [{lo}, {hi}]: " + (_float_text(report.lagrange.bound)
                     if report.lagrange.bound is not None else report.lagrange.note))
    if report.convergence is not None:
        expected = exact_text(report.expansion.next_exponent)
        lines.append(f"convergence as h halves (theory: order {expected}):")
        lines += [f"  |h| = {_float_text(r.distance)}, error = {_float_text(r.error)}, order = "
                  + ("-" if r.order is None else f"{r.order:.4f}") for r in report.convergence]
    if report.radius is not None:
        from .radius import radius_lines
        lines += radius_lines(report.radius)
    return lines


def _accuracy_tables(report: ExpansionReport) -> list[Any]:
    from rich import box
    from rich.table import Table
    from rich.text import Text
    parts: list[Any] = []
    if report.check is not None:
        where = ", ".join(f"{v} = {exact_text(a)}" for v, a in report.check.point.items())
        table = Table(title=f"Errors at {where} (f = {table_number(report.check.value, 12)})", box=box.SIMPLE_HEAVY,
                      title_justify="left")
        for name in ("order", "T_k", "|f - T_k|"):
            table.add_column(name, justify="right")
        for r in report.check.rows:
            _row(table, str(r.order), table_number(r.approximation, 12), table_number(r.error, 4))
        parts.append(table)
    if report.lagrange is not None and report.lagrange.interval is None:
        parts.append(Text(report.lagrange.note))
    elif report.lagrange is not None:
        lo, hi = (exact_text(a) for a in report.lagrange.interval)
        bound = table_number(report.lagrange.bound, 4) if report.lagrange.bound is not None else report.lagrange.note
        parts.append(Text(f"Lagrange remainder bound on [{lo}, {hi}]: {bound}"))
    if report.convergence is not None:
        expected = exact_text(report.expansion.next_exponent)
        table = Table(title=f"Convergence as h halves (theory: order {expected})", box=box.SIMPLE_HEAVY,
                      title_justify="left")
        for name in ("|h|", "error", "observed order"):
            table.add_column(name, justify="right")
        for r in report.convergence:
            _row(table, table_number(r.distance), table_number(r.error, 4), table_number(r.order, 5))
        parts.append(table)
    if report.radius is not None:
        from .radius import radius_table_parts
        parts += radius_table_parts(report.radius)
    return parts


def _number_text(value: sp.Rational) -> int | str:
    return int(value) if value.is_Integer else exact_text(value)


def _term_label(degree: sp.Rational, n: int, latex: bool = False, kind: str = "taylor") -> str:
    """How the lecture notes name the term of each degree (of a two-sided Taylor series only)."""
    if kind != "taylor":  # no f(a), grad f(a) or H(a) to name: f is not analytic at a
        return rf"\text{{{kind} term}}" if latex else f"{kind} term"
    if not degree.is_Integer or degree < 0 or n == 0:
        return f"degree {degree}"
    k = int(degree)
    if latex:
        return [r"f(a)", r"\nabla f(a)^\top h", r"\tfrac{1}{2} h^\top \nabla^2 f(a)\, h"][k] if k < 3 else \
            rf"\tfrac{{1}}{{{k}!}} D^{{{k}}} f(a)[h, \dots, h]"
    return ["f(a)", "grad f(a)^T h", "1/2 h^T H(a) h"][k] if k < 3 else f"1/{k}! D^{k} f(a)[h,...,h]"


def _label_kind(e: Expansion) -> str:
    return e.kind if e.side is None else "one-sided"


def _expansion_json(report: ExpansionReport) -> dict[str, Any]:
    e = report.expansion
    return entry(
        expression=exact_text(e.expression),
        variables=[v.name for v in e.variables],
        at={v.name: exact_text(a) for v, a in e.at.items()},
        order=e.order,
        degree=e.degree,
        polynomial=e.text,
        terms=[entry(power=_number_text(d), expression=text) for d, text in e.term_texts()],
        coefficients=[entry(powers=[_number_text(p) for p in powers], value=exact_text(c),
                            numeric=to_float(c)) for powers, c in e.coefficients],
        remainder=e.remainder(),
        kind=e.kind,
        side=e.side,
        **_accuracy_json(report),
    )


def _expansion_plain(report: ExpansionReport) -> str:
    e = report.expansion
    first = e.text + (f" + {e.remainder()}" if report.remainder else "")
    lines = [first] + ([f"one-sided: {e.one_sided}"] if e.one_sided else [])
    if report.terms:
        lines += [f"degree {d} ({_term_label(d, len(e.variables), kind=_label_kind(e))}): {text}"
                  for d, text in e.term_texts()]
    if report.coefficients:
        for powers, c in e.coefficients:
            index = ", ".join(str(_number_text(p)) for p in powers)
            lines.append(f"coefficient [{index}]: {exact_text(c)} ({_float_text(to_float(c))})")
    return "\n".join(lines + _accuracy_lines(report))


def _expansion_latex(report: ExpansionReport) -> str:
    e = report.expansion
    body = e.text_of(e.coefficients, "latex")
    if report.remainder:
        body += " + " + e.remainder("latex")
    lines = [body] + ([f"% one-sided: {e.one_sided}"] if e.one_sided else []) \
        + ([f"% {e.kind} series"] if e.kind != "taylor" else [])
    if report.terms:
        rows = [f"{_term_label(d, len(e.variables), latex=True, kind=_label_kind(e))} &= {e.text_of(items, 'latex')}"
                for d, items in e.by_degree().items()]
        lines.append("\\begin{aligned}\n" + " \\\\\n".join(rows) + "\n\\end{aligned}")
    if report.coefficients:
        lines += [f"% coefficient {[_number_text(p) for p in powers]}: {exact_text(c)}" for powers, c in e.coefficients]
    if report.radius is not None:  # its own lines: the exact radius as LaTeX
        from .radius import radius_latex_lines
        lines += radius_latex_lines(report.radius)
        report = dataclasses.replace(report, radius=None)
    return "\n".join(lines + ["% " + line for line in _accuracy_lines(report)])


_KIND_NAMES = {"taylor": "Taylor", "laurent": "Laurent", "puiseux": "Puiseux", "asymptotic": "asymptotic"}


def _heading_name(e: Expansion) -> str:
    """What the table calls the result: only a two-sided Taylor series is a "Taylor expansion".

    >>> from taylorcli.expansion import expand
    >>> _heading_name(expand("1/x", order=1)), _heading_name(expand("sqrt(x)", order=1, side="+"))
    ('Laurent series', 'One-sided Puiseux series')
    """
    if e.kind == "taylor" and e.side is None:
        return "Taylor expansion"
    name = f"{_KIND_NAMES.get(e.kind, e.kind)} series"
    name = f"one-sided {name}" if e.side is not None else name
    return name[0].upper() + name[1:]


def _expansion_table(report: ExpansionReport) -> Group:
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text
    e = report.expansion
    where = ", ".join(f"{v} = {exact_text(a)}" for v, a in e.at.items())
    kind = "total degree" if e.degree == "total" else "degree in each variable"
    heading = Text.assemble((_heading_name(e), "bold"), f" of {exact_text(e.expression)} about {where}, "
                            f"order {e.order} ({kind})")
    polynomial = e.text + (f" + {e.remainder()}" if report.remainder else "")
    parts: list[Any] = [heading, Text(polynomial)]
    if e.method == "series":
        parts.append(Text(f"(not analytic there: {'an' if e.kind[0] in 'aeiou' else 'a'} {e.kind} series"
                          + (f", one-sided: {e.one_sided})" if e.one_sided else ")"), style="dim"))
    if report.terms:
        table = Table(box=box.SIMPLE_HEAVY)
        table.add_column("degree", justify="right")
        table.add_column("term", style="bold")
        table.add_column("value")
        for d, text in e.term_texts():
            _row(table, str(d), _term_label(d, len(e.variables), kind=_label_kind(e)), text)
        parts.append(table)
    if report.coefficients:
        table = Table(box=box.SIMPLE_HEAVY)
        table.add_column("powers (" + ", ".join(v.name for v in e.variables) + ")")
        table.add_column("coefficient")
        table.add_column("≈", justify="right")
        for powers, c in e.coefficients:
            _row(table, ", ".join(str(_number_text(p)) for p in powers), exact_text(c), table_number(to_float(c)))
        parts.append(table)
    return Group(*parts, *_accuracy_tables(report))


register(ExpansionReport, _expansion_table, _expansion_plain, _expansion_latex, _expansion_json)
