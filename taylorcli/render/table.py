"""Rich tables of derivative results: a matrix or tensor per point, or a listing when too wide.

Tables wrap and never elide digits (issue 10): a cell that does not fit folds onto
more lines, and a matrix wider than the terminal becomes a listing of its nonzero
entries, each labelled with its partial.

>>> import io, sympy as sp
>>> from rich.console import Console
>>> x = sp.Symbol("x")
>>> out = io.StringIO()
>>> Console(file=out, width=40).print(to_table(Result("gradient", "x**2", [x], [2 * x])))
>>> "2*x" in out.getvalue()
True
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import sympy as sp

from . import Result, _float_text, _numeric_at, _order, _row, distinct_entries, exact_text, is_sparse

if TYPE_CHECKING:
    from rich.console import Group
    from rich.table import Table


# --- rich tables ---------------------------------------------------------------------------


def _cell(result: Result, exact: sp.Expr, number: float | None) -> str:
    text = exact_text(exact)
    if result.at is None or exact.is_Integer:
        return text
    from .numbers import table_number
    shown = table_number(number)
    return f"{text} ≈ {shown}" if text not in (shown, _float_text(number)) else text


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
    from rich.console import Group
    from rich.text import Text
    expression = result.expression if isinstance(result.expression, str) else ", ".join(result.expression)
    titles = {"gradient": "Gradient", "jacobian": "Jacobian", "hessian": "Hessian",
              "tensor": f"Derivative tensor of order {result.order}", "value": "Value"}
    heading = Text.assemble((titles[result.kind], "bold"), " of ", expression)
    notes = []
    if result.at:
        notes.append("at " + ", ".join(f"{v} = {exact_text(a)}" for v, a in result.at.items()))
        if result.eigenvalues is not None:
            from .numbers import table_number
            notes.append("eigenvalues: " + ", ".join(table_number(v) for v in result.eigenvalues))
        if result.definiteness is not None:
            notes.append(result.definiteness)
    return Group(heading, _table_body(result), *(Text(note) for note in notes))


def _table_body(result: Result) -> Table:
    from rich import box
    from rich.table import Table
    table = Table(box=box.SIMPLE_HEAVY)
    names = [str(v) for v in result.variables]
    order = _order(result)
    numeric = result.numeric
    if is_sparse(result):
        order = 3  # one row per nonzero distinct partial, whatever the order
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
            number = _numeric_at(result, index) if numeric or result.numeric_partials else None
            _row(table, _partial_label(index, result.variables), _cell(result, value, number))
        if is_sparse(result) and not table.rows:
            _row(table, "every entry", "0")
    return table


def never_elide(renderable: Any) -> Any:
    """Every table column wraps (folds inside a long number): rich's default cuts digits off as '120…'."""
    from rich.console import Group
    from rich.table import Table
    if isinstance(renderable, Group):
        for part in renderable.renderables:
            never_elide(part)
    elif isinstance(renderable, Table):
        for column in renderable.columns:
            column.overflow = "fold"
            column.no_wrap = False
    return renderable


# A matrix column narrower than this reads badly even folded: list the entries instead.
MIN_COLUMN = 12


def too_wide(result: Result, width: int) -> bool:
    return _order(result) == 2 and (len(result.variables) + 1) * MIN_COLUMN > width


def listing(result: Result) -> Group:
    """A matrix too wide for the terminal, as a listing of its nonzero entries (row, column, value)."""
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text
    names = [str(v) for v in result.variables]
    rows = result.expression if result.kind == "jacobian" else names
    rows = rows if isinstance(rows, list) else [rows]
    symmetric = result.kind == "hessian"
    table = Table(box=box.SIMPLE_HEAVY)
    for name in ("row", "column", "value"):
        table.add_column(name)
    zeros = 0
    for i, row in enumerate(result.exact):
        for j, value in enumerate(row):
            if symmetric and j < i:
                continue
            if value == 0:
                zeros += 1
                continue
            number = result.numeric[i][j] if result.numeric else None
            _row(table, rows[i], names[j], _cell(result, value, number))
    title = "Hessian (upper triangle)" if symmetric else result.kind.capitalize()
    heading = Text.assemble((title, "bold"), f" of {result.expression}: {len(result.exact)}x{len(names)}, "
                            "too wide for the terminal; nonzero entries")
    notes = [Text(f"{zeros} zero entries not listed")] if zeros else []
    from .numbers import table_number
    if result.at:
        notes.append(Text("at " + ", ".join(f"{v} = {exact_text(a)}" for v, a in result.at.items())))
    if result.eigenvalues is not None:
        notes.append(Text("eigenvalues: " + ", ".join(table_number(v) for v in result.eigenvalues)))
    if result.definiteness is not None:
        notes.append(Text(result.definiteness))
    return Group(heading, table, *notes)
