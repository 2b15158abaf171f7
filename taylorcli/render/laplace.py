"""Views of a Laplace approximation (``taylor laplace``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..contract import entry
from . import _float_text, _row, exact_text, register, value_text

if TYPE_CHECKING:
    from rich.table import Table

    from ..laplace import Laplace


@dataclass
class LaplaceReport:
    laplace: Laplace


def _json(report: LaplaceReport) -> dict[str, Any]:
    r = report.laplace
    exact = r.x_star_exact is not None
    data = entry(expression=exact_text(r.expression), variables=[v.name for v in r.variables], n=exact_text(r.n),
                 x0={v.name: value_text(a) for v, a in zip(r.variables, r.x0)}, x_star=r.x_star,
                 value=value_text(r.value_exact if exact else r.value), value_float=r.value,
                 log_integral=r.log_integral, integral=r.integral, covariance=r.covariance, exact=exact)
    if exact:
        data.update(entry(x_star_exact=[exact_text(v) for v in r.x_star_exact],
                          log_integral_exact=exact_text(r.log_integral_exact),
                          covariance_exact=[[exact_text(e) for e in row] for row in r.covariance_exact]))
    if r.correction is not None:
        data.update(entry(log_integral_corrected=r.log_integral_corrected, correction=r.correction))
        if r.correction_exact is not None:
            data.update(entry(correction_exact=exact_text(r.correction_exact)))
    if r.check is not None:
        data.update(entry(integral_check=entry(**r.check)))
    return data


def _lines(report: LaplaceReport) -> list[tuple[str, str, str]]:
    r = report.laplace
    ex = r.x_star_exact is not None
    rows = [("x*", "[" + ", ".join(exact_text(v) for v in r.x_star_exact) + "]" if ex else "",
             "[" + ", ".join(_float_text(v) for v in r.x_star) + "]"),
            ("f(x*)", exact_text(r.value_exact) if ex else "", _float_text(r.value)),
            ("log_integral", exact_text(r.log_integral_exact) if ex else "", _float_text(r.log_integral)),
            ("integral", "", _float_text(r.integral)),
            ("covariance", "[" + ", ".join("[" + ", ".join(exact_text(e) for e in row) + "]"
                                           for row in r.covariance_exact) + "]" if ex else "",
             "[" + ", ".join("[" + ", ".join(_float_text(e) for e in row) + "]" for row in r.covariance) + "]")]
    if r.correction is not None:
        rows.append(("correction (1/n term)", exact_text(r.correction_exact) if r.correction_exact is not None
                     else "", _float_text(r.correction)))
        rows.append(("log_integral_corrected", "", _float_text(r.log_integral_corrected)))
    if r.check is not None:
        rows.append((f"check: log_integral ({r.check['method']})", "",
                     f"{_float_text(r.check['log_integral'])} +- {_float_text(r.check['log_error'])}"))
    return rows


def _plain(report: LaplaceReport) -> str:
    return "\n".join(f"{name}: {exact} ({number})" if exact else f"{name}: {number}"
                     for name, exact, number in _lines(report))


def _latex(report: LaplaceReport) -> str:
    import sympy as sp
    r = report.laplace
    body = sp.latex(r.log_integral_exact) if r.log_integral_exact is not None else _float_text(r.log_integral)
    return rf"\log \int e^{{-n f(x)}}\,dx \approx {body}"


def _table(report: LaplaceReport) -> Table:
    from rich import box
    from rich.table import Table
    table = Table(box=box.SIMPLE_HEAVY, title=f"Laplace approximation of the integral of exp(-{exact_text(report.laplace.n)}"
                  f" * ({exact_text(report.laplace.expression)}))", title_justify="left")
    for name in ("quantity", "exact", "≈"):
        table.add_column(name)
    for row in _lines(report):
        _row(table, *row)
    return table


register(LaplaceReport, _table, _plain, _latex, _json)
