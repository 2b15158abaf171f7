"""Views of a Padé approximant (and of its --check errors beside the Taylor polynomial's)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..contract import entry
from . import _row, exact_text, latex_text, register, value_text
from .numbers import plain_number, table_number

if TYPE_CHECKING:
    from rich.console import Group

    from ..pade import Pade, PadeCheck


@dataclass
class PadeReport:
    """A Padé approximant and, with --check, its errors at points."""

    pade: Pade
    check: list[PadeCheck] | None = None


def _where(r: PadeReport) -> str:
    return f"{r.pade.variable} = {exact_text(r.pade.at)}"


def _pade_json(r: PadeReport) -> dict[str, Any]:
    p = r.pade
    name = p.variable.name
    data = entry(expression=exact_text(p.expression), variables=[name], at={name: exact_text(p.at)},
                 pade_order=[p.m, p.n], pade=exact_text(p.approximant), numerator=exact_text(p.numerator),
                 denominator=exact_text(p.denominator), taylor=exact_text(p.taylor))
    if r.check is not None:
        data.update(entry(checks=[entry(
            at={name: exact_text(c.point)}, value=value_text(c.exact if c.exact is not None else c.value),
            value_float=c.value, pade_value=c.pade, pade_error=c.pade_error, taylor_value=c.taylor,
            taylor_error=c.taylor_error) for c in r.check]))
    return data


def _check_lines(r: PadeReport) -> list[str]:
    k = r.pade.m + r.pade.n
    return [f"check at {r.pade.variable}={exact_text(c.point)}: f = {plain_number(c.value)}, Pade error = {plain_number(c.pade_error)}, "
            f"Taylor (degree {k}) error = {plain_number(c.taylor_error)}" for c in r.check or []]


def _pade_plain(r: PadeReport) -> str:
    p = r.pade
    return "\n".join([exact_text(p.approximant), f"numerator: {exact_text(p.numerator)}",
                      f"denominator: {exact_text(p.denominator)}"] + _check_lines(r))


def _pade_latex(r: PadeReport) -> str:
    p = r.pade
    body = r"\frac{" + latex_text(p.numerator) + "}{" + latex_text(p.denominator) + "}"
    return "\n".join([body] + ["% " + line for line in _check_lines(r)])


def _pade_table(r: PadeReport) -> Group:
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text
    p = r.pade
    parts: list[Any] = [
        Text.assemble(("Padé approximant", "bold"), f" [{p.m}/{p.n}] of {exact_text(p.expression)} about {_where(r)}"),
        Text(exact_text(p.approximant)),
        Text(f"numerator:   {exact_text(p.numerator)}"),
        Text(f"denominator: {exact_text(p.denominator)}"),
    ]
    if r.check is not None:
        table = Table(title=f"Errors beside the Taylor polynomial of degree {p.m + p.n}", box=box.SIMPLE_HEAVY,
                      title_justify="left")
        for name in (str(p.variable), "f", "|f - P/Q|", "|f - T|"):
            table.add_column(name, justify="right")
        for c in r.check:
            _row(table, exact_text(c.point), table_number(c.value), table_number(c.pade_error), table_number(c.taylor_error))
        parts.append(table)
    return Group(*parts)


register(PadeReport, _pade_table, _pade_plain, _pade_latex, _pade_json)
