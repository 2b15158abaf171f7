"""Views of ``taylor complexity``: seconds and bytes per operation and n, and their growth exponents."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..complexity import BUILDS, OPERATIONS, Complexity
from ..contract import entry
from . import _row, register
from .numbers import plain_number, table_number

if TYPE_CHECKING:
    from rich.console import Group

# What the table heads say (plain, LaTeX and JSON use the operation names).
LABELS = {"parse": "parse", "compile_first_order": "compile f, grad, H.v", "compile_sparse": "compile sparse H",
          "gradient": "grad f", "hvp": "H.v", "sparse_hessian": "H sparse", "dense_hessian": "H dense",
          "newton_dense": "solve dense", "newton_sparse": "solve sparse"}
NOTES_TABLE = ("The notes' table (Multivariate Taylor Series, section 4): gradient O(n) memory and time; "
               "Hessian O(n^2), O(n^2); Hessian inverse O(n^2), O(n^3).")


NAMES = {"rosenbrock": "chained Rosenbrock", "powell": "extended Powell", "tridiagonal": "a tridiagonal least squares"}


def _function(r: Complexity) -> str:
    return NAMES.get(r.function, f"the sum over i of {r.function}")


def _json(r: Complexity) -> dict[str, Any]:
    measurements = []
    for m in r.measurements:
        item = entry(size=m.size, operation=m.operation, seconds=m.seconds, bytes=m.bytes)
        if m.note:
            item.update(entry(note=m.note))
        measurements.append(item)
    growth = [entry(operation=g.operation, time_exponent=g.time_exponent, memory_exponent=g.memory_exponent)
              for g in r.growth]
    return entry(function=r.function, sizes=r.sizes, dense_max=r.dense_max, repeat=r.repeat,
                 measurements=measurements, growth=growth)


def _notes(r: Complexity) -> list[str]:
    """One line per n and note (the two dense operations share theirs)."""
    grouped: dict[tuple[int, str], list[str]] = {}
    for m in r.measurements:
        if m.note:
            grouped.setdefault((m.size, m.note), []).append(m.operation)
    return [f"n = {n:,}, {', '.join(operations)}: {note}" for (n, note), operations in grouped.items()]


def _plain(r: Complexity) -> str:
    lines = [f"function: {_function(r)}"]
    for m in r.measurements:
        seconds = "not measured" if m.seconds is None else f"{plain_number(m.seconds)} s"
        size = "" if m.bytes is None else f", {m.bytes} bytes"
        lines.append(f"n={m.size} {m.operation}: {seconds}{size}" + (f" ({m.note})" if m.note else ""))
    for g in r.growth:
        time = "no fit (under two measured sizes)" if g.time_exponent is None else f"n^{plain_number(g.time_exponent)}"
        memory = "" if g.memory_exponent is None else f", memory n^{plain_number(g.memory_exponent)}"
        lines.append(f"growth {g.operation}: time {time}{memory}")
    return "\n".join(lines)


def _latex(r: Complexity) -> str:
    def cell(value: float | int | None) -> str:
        return "--" if value is None else plain_number(value) if isinstance(value, float) else str(value)

    def tabular(operations: tuple[str, ...], attribute: str, exponent: str) -> list[str]:
        lines = [r"\begin{tabular}{r" + "r" * len(operations) + "}",
                 "$n$ & " + " & ".join(r"\texttt{" + o.replace("_", r"\_") + "}" for o in operations) + r" \\",
                 r"\hline"]
        for n in r.sizes:
            lines.append(f"{n} & " + " & ".join(cell(getattr(r.get(n, o), attribute)) for o in operations) + r" \\")
        growth = {g.operation: getattr(g, exponent) for g in r.growth}
        lines += [r"\hline", r"$k$ in $n^k$ & " + " & ".join(cell(growth[o]) for o in operations) + r" \\",
                  r"\end{tabular}"]
        return lines

    lines = [f"% taylor complexity: {_function(r)}; seconds (best of {r.repeat}), then bytes built"]
    lines += tabular(OPERATIONS, "seconds", "time_exponent") + tabular(OPERATIONS, "bytes", "memory_exponent")
    lines += ["% one-time seconds"] + tabular(BUILDS, "seconds", "time_exponent")
    return "\n".join(lines + ["% " + note for note in _notes(r)])


def _table(r: Complexity) -> Group:
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    def table(title: str, operations: tuple[str, ...], attribute: str, exponent: str) -> Table:
        t = Table(title=title, box=box.SIMPLE_HEAVY, title_justify="left")
        t.add_column("n", justify="right")
        for o in operations:
            t.add_column(LABELS[o], justify="right")
        for n in r.sizes:
            cells = []
            for o in operations:
                m = r.get(n, o)
                value = getattr(m, attribute)
                cells.append("skipped" if value is None else
                             table_number(value, 3) if isinstance(value, float) else f"{value:,}")
            _row(t, f"{n:,}", *cells)
        growth = {g.operation: getattr(g, exponent) for g in r.growth}
        t.add_section()
        _row(t, "n^k, k =", *[table_number(growth[o], 3) for o in operations])
        return t

    parts: list[Any] = [
        Text.assemble(("Complexity", "bold"), f" of {_function(r)}, measured at x0"),
        Text(NOTES_TABLE),
        table(f"seconds (best of {r.repeat})", OPERATIONS, "seconds", "time_exponent"),
        table("bytes built (result, matrix or LU factors)", OPERATIONS, "bytes", "memory_exponent"),
        table("one-time seconds", BUILDS, "seconds", "time_exponent"),
    ]
    parts += [Text(note) for note in _notes(r)]
    return Group(*parts)


register(Complexity, _table, _plain, _latex, _json)
