"""The view of a written picture."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..contract import entry
from . import register

if TYPE_CHECKING:
    from rich.text import Text


@dataclass
class PlotReport:
    """A picture written to a file."""

    file: str
    kind: str  # "curves" or "contours"
    size: tuple[int, int]
    polynomials: dict[int, str]
    inputs: dict[str, Any] = field(default_factory=dict)  # echoed in JSON: expression, variables, orders, at


def _plot_json(report: PlotReport) -> dict[str, Any]:
    return entry(file=report.file, kind=report.kind, width=report.size[0], height=report.size[1],
                 polynomials={str(k): v for k, v in report.polynomials.items()}, **report.inputs)


def _plot_plain(report: PlotReport) -> str:
    return report.file


def _plot_latex(report: PlotReport) -> str:
    return rf"\includegraphics[width=\linewidth]{{{report.file}}}"


def _plot_table(report: PlotReport) -> Text:
    from rich.text import Text
    return Text(f"wrote {report.file} ({report.size[0]}x{report.size[1]}, {report.kind})")


register(PlotReport, _plot_table, _plot_plain, _plot_latex, _plot_json)
