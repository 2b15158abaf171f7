"""Views of optimizer runs: one run with its trace, or several side by side."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import sympy as sp

from ..contract import entry
from . import _bmatrix, _float_text, _row, register, value_text
from .numbers import table_number

if TYPE_CHECKING:
    from rich.console import Group
    from rich.table import Table

    from ..optimize import OptimizeResult, TraceRow


@dataclass
class RunReport:
    """An optimizer's result, and whether to show its trace outside JSON."""

    result: OptimizeResult
    trace: bool = False
    inputs: dict[str, Any] = field(default_factory=dict)  # echoed in JSON: expression, x0, tol, ...

    @property
    def interrupted(self) -> bool:
        """Ctrl-C stopped the run: the CLI prints the last iterate, then exits 130."""
        return self.result.interrupted

    def failure(self) -> str | None:
        r = self.result
        if r.success:
            return None
        if r.verdict in ("saddle", "maximum", "unbounded", "interrupted"):
            return f"{r.method} stopped: {r.message}"  # it may have converged, to the wrong thing
        hint = "; raise the limit with --max-iter" if r.message.startswith("maximum iterations") else ""
        return f"{r.method} did not converge: {r.message}{hint}"


_STATUS = {"minimum": "converged", "degenerate": "converged",
           "saddle": "stopped", "maximum": "stopped",
           "unbounded": "stopped", "not converged": "did not converge", "interrupted": "interrupted"}


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None


def _run_json(report: RunReport) -> dict[str, Any]:
    r = report.result
    data = entry(
        method=r.method, variables=r.variables, x=[_finite(float(v)) for v in r.x],
        fun=_finite(r.fun), grad_norm=_finite(r.grad_norm), nit=r.nit, nfev=r.nfev,
        njev=r.njev, nhev=r.nhev, success=r.success, message=r.message,
        **{name: _finite(float(value)) for name, value in r.settings.items()},  # lr, beta1, ...
        verdict=r.verdict, min_eigenvalue=None if r.min_eigenvalue is None else _finite(r.min_eigenvalue),
        point={name: value_text(float(v)) for name, v in zip(r.variables, r.x)},
        point_float={name: _finite(float(v)) for name, v in zip(r.variables, r.x)},
    )
    if r.hessian:  # Newton: which path its Hessian took
        data.update(entry(hessian_form=r.hessian))
    data.update(entry(**report.inputs))
    if report.trace:  # a gd run's trace runs to megabytes: only when asked for
        data.update(entry(trace=[entry(k=t.k, x=[_finite(v) for v in t.x], f=_finite(t.f),
                                       grad_norm=_finite(t.grad_norm), step=t.step,
                                       **({"min_eig": t.min_eig} if t.min_eig is not None else {}),
                                       **({"note": t.note} if t.note else {})) for t in r.trace]))
    return data


def _trace_line(t: TraceRow) -> str:
    line = f"k={t.k} f={_float_text(t.f)} grad_norm={_float_text(t.grad_norm)} step={_float_text(t.step)}"
    if t.min_eig is not None:
        line += f" min_eig={_float_text(t.min_eig)}"
    return line + (f" ({t.note})" if t.note else "")


def _run_plain(report: RunReport) -> str:
    r = report.result
    # the point names its variables (a function of w and b prints b first): x=..., y=... reads
    # back through the parser's point syntax (--at, --x0)
    point = ", ".join(f"{name}={_float_text(float(v))}" for name, v in zip(r.variables, r.x))
    lines = [point, f"fun: {_float_text(r.fun)}",
             f"grad_norm: {_float_text(r.grad_norm)}",
             f"nit: {r.nit}", f"nfev: {r.nfev}", f"njev: {r.njev}", f"nhev: {r.nhev}",
             f"success: {str(r.success).lower()}", f"message: {r.message}", f"verdict: {r.verdict}"]
    if r.min_eigenvalue is not None:
        lines.append(f"min_eigenvalue: {_float_text(r.min_eigenvalue)}")
    lines += [f"{name}: {_float_text(value)}" for name, value in r.settings.items()]
    if report.trace:
        lines += [_trace_line(t) for t in r.trace]
    return "\n".join(lines)


def _run_latex(report: RunReport) -> str:
    r = report.result
    body = _bmatrix([[sp.Float(v, 17)] for v in r.x])
    lines = [body, f"% {r.method}: f = {_float_text(r.fun)}, |grad f| = {_float_text(r.grad_norm)}, {r.nit} iterations",
             f"% {r.verdict}: {r.message}"]
    return "\n".join(lines + (["% " + _trace_line(t) for t in r.trace] if report.trace else []))


def _run_table(report: RunReport) -> Group:
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text
    r = report.result
    names = {"newton": "Newton's method", "gd": "Gradient descent", "bfgs": "BFGS", "lbfgs": "L-BFGS",
             "newton-cg": "Newton-CG (Hessian-free)", "momentum": "Heavy-ball momentum", "nesterov": "Nesterov",
             "adagrad": "Adagrad", "rmsprop": "RMSprop", "adam": "Adam"}
    status = Text(_STATUS.get(r.verdict, r.verdict or ("converged" if r.success else "did not converge")),
                  style="green" if r.success else "red")
    heading = Text.assemble((names.get(r.method, r.method), "bold"), " ", status, f": {r.message}")
    summary = Table(box=box.SIMPLE_HEAVY, show_header=False)
    summary.add_column(style="bold")
    summary.add_column()
    for name, v in zip(r.variables, r.x):
        _row(summary, name, table_number(v))
    for label, value in [("f", table_number(r.fun)), ("|grad f|", table_number(r.grad_norm)),
                         ("iterations", str(r.nit)),
                         *([("smallest Hessian eigenvalue", table_number(r.min_eigenvalue))]
                           if r.min_eigenvalue is not None else []),
                         *[(name, table_number(value)) for name, value in r.settings.items()],
                         (f"evaluations f/grad/{'Hessian' if r.method == 'newton' else 'H.v'}",
                          f"{r.nfev}/{r.njev}/{r.nhev}"),
                         ("time", f"{table_number(r.seconds, 3)} s")]:
        _row(summary, label, value)
    parts: list[Any] = [heading, summary]
    if report.trace:
        trace = Table(box=box.SIMPLE_HEAVY)
        newton = any(t.min_eig is not None for t in r.trace)
        notes = newton or any(t.note for t in r.trace)
        for name in ("k", "f", "|grad f|", "step") + (("min eig",) if newton else ()) + (("note",) if notes else ()):
            trace.add_column(name, justify="right")
        for t in r.trace:
            # f at 15 digits by default: the trace shows Newton's digits doubling
            cells = [str(t.k), table_number(t.f, 15), table_number(t.grad_norm), table_number(t.step)]
            if newton:
                cells.append(table_number(t.min_eig) if t.min_eig is not None else "")
            if notes:
                cells.append(t.note)
            _row(trace, *cells)
        parts.append(trace)
    return Group(*parts)


@dataclass
class CompareReport:
    """Several optimizer runs from one start, side by side."""

    runs: list[OptimizeResult]
    inputs: dict[str, Any] = field(default_factory=dict)  # echoed in JSON: expression, variables, x0, tol

    def failure(self) -> str | None:
        return None if any(r.success for r in self.runs) else "no method converged"

    def distances(self) -> list[float | None]:
        finite = [r for r in self.runs if math.isfinite(r.fun)]
        if not finite:
            return [None] * len(self.runs)
        best = min(finite, key=lambda r: r.fun).x
        return [_finite(math.dist(r.x, best)) for r in self.runs]


def _compare_json(report: CompareReport) -> dict[str, Any]:
    common = {key: report.inputs[key] for key in ("expression",) if key in report.inputs}
    runs = [{**_run_json(RunReport(r, inputs=common)), **entry(distance=d, seconds=r.seconds)}
            for r, d in zip(report.runs, report.distances())]
    return entry(runs=runs, **report.inputs)


def _compare_rows(report: CompareReport) -> list[list[str]]:
    rows = []
    for r, d in zip(report.runs, report.distances()):
        rows.append([r.method, str(r.nit), f"{r.nfev}/{r.njev}/{r.nhev}", table_number(r.seconds, 3), table_number(r.fun),
                     table_number(r.grad_norm, 2), table_number(d, 2), _converged(r)])
    return rows


def _converged(r: OptimizeResult) -> str:
    # "yes" only at a local minimum; otherwise what the run reached, if it reached anything.
    if r.success:
        return "yes" if r.verdict != "degenerate" else "degenerate"
    return r.verdict if r.verdict in ("saddle", "maximum", "unbounded", "interrupted") else "no"


_COMPARE_HEADER = ["method", "iters", "f/g/H evals", "time s", "final f", "|grad f|", "to best", "converged"]


def _compare_table(report: CompareReport) -> Table:
    # No box: eight columns must fit an 80-column terminal.
    from rich.table import Table
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


register(RunReport, _run_table, _run_plain, _run_latex, _run_json)
register(CompareReport, _compare_table, _compare_plain, _compare_latex, _compare_json)
