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

if TYPE_CHECKING:  # for annotations only
    from rich.console import Group
    from rich.table import Table

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
    cse: list[tuple[sp.Symbol, sp.Expr]] | None = None  # --cse: common subexpressions, in order
    cse_result: Any = None  # --cse: ``exact`` written in terms of the ``cse`` names
    # A tensor's distinct partials by sorted index tuple (its values at the point, if any);
    # ``exact`` and ``numeric`` are None when the dense form is too large to write.
    partials: dict[tuple[int, ...], sp.Expr] | None = None
    numeric_partials: dict[tuple[int, ...], float | None] | None = None


def _row(table: Table, *cells: str) -> None:
    """Add a row of plain text: cells such as "E[f(X)]" are not rich markup."""
    from rich.text import Text
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


_LONG_SUM = 500  # terms: a longer sum is printed in its stored order (see exact_text)


def value_text(value: sp.Basic | float | None) -> str:
    """A value as text the parser reads back: exact where known, else the float's shortest
    decimal (``repr``: it reads back as exactly that float), ``nan`` where there is none.

    >>> value_text(sp.Rational(1, 3)), value_text(0.1), value_text(-0.0), value_text(float("inf"))
    ('1/3', '0.1', '0.0', 'nan')
    """
    if isinstance(value, sp.Basic):
        return exact_text(value)
    if value is None or not math.isfinite(value):
        return "nan"
    return repr(float(value) + 0.0)  # + 0.0: no -0.0


def exact_text(expr: sp.Expr) -> str:
    """The parser-readable text of an exact value.

    A long sum is written in SymPy's stored order of its terms: the printer's own order
    compares monomials over every symbol, O(terms x symbols): 90 s for chained Rosenbrock
    at n = 10,000 (20,000 terms, 10,000 symbols), which ``newton`` echoes.

    >>> exact_text(sp.Add(*sp.symbols("x1:700"))).startswith("x1 + x10 + x100")
    True
    """
    if isinstance(expr, sp.Add) and len(expr.args) > _LONG_SUM:
        return sp.sstr(expr, order="none")
    try:
        return sp.sstr(expr)
    except ArithmeticError:
        # SymPy orders a sum's terms by their numeric factors at low precision:
        # 1/log(1 + exp(-98)) evaluates to 1/0 there (ZeroDivisionError). Stored order reads back the same.
        return sp.sstr(expr, order="none")


# arcsin, not asin: the names LaTeX and SymPy's LaTeX reader know.
LATEX_SETTINGS: dict[str, Any] = {"inv_trig_style": "full"}


def latex_text(expr: sp.Expr) -> str:
    """The LaTeX of an exact value; SymPy's LaTeX parser reads it back (see tests)."""
    try:
        return sp.latex(expr, **LATEX_SETTINGS)
    except ArithmeticError:  # as in exact_text: SymPy's term order failed to evaluate a factor
        return sp.latex(expr, **{**LATEX_SETTINGS, "order": "none"})


def _float_text(value: float | None) -> str:
    """A float in plain text and LaTeX (render/numbers.py: repr, or --digits; no -0.0)."""
    from .numbers import plain_number
    return plain_number(value)


def _plain_nested(value: Any, leaf: Callable[[Any], str]) -> str:
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_plain_nested(item, leaf) for item in value) + "]"
    return leaf(value)


def _order(result: Result) -> int:
    return {"value": 0, "gradient": 1, "jacobian": 2, "hessian": 2}.get(result.kind, result.order or 0)


# --- JSON --------------------------------------------------------------------------------


def to_json(result: Result) -> dict[str, Any]:
    """The documented JSON object of a result (keys are an interface: ``taylorcli/contract.py``)."""
    from ..contract import entry
    if isinstance(result.expression, list):  # jacobian: one string, as --batch reads it, and the list
        data = entry(expression="; ".join(result.expression), variables=[v.name for v in result.variables],
                     functions=list(result.expression))
    else:
        data = entry(expression=result.expression, variables=[v.name for v in result.variables])
    if result.kind == "tensor":
        data.update(entry(order=result.order))
    # a tensor too large to write densely: null, with the reason and its sparse form below
    data[KEYS[result.kind]] = None if is_sparse(result) else nested_map(exact_text, result.exact)
    if result.at is not None:
        data.update(entry(at={v.name: exact_text(value) for v, value in result.at.items()}, numeric=result.numeric))
        if result.kind == "value":
            data.update(entry(value_float=result.numeric))
    if is_sparse(result):
        n, k = len(result.variables), result.order or 0
        data.update(entry(tensor_omitted=(
            f"the dense tensor has {n**k:,} entries (more than {DENSE_LIMIT:,}); "
            "'entries' lists its nonzero distinct partials (indices sorted; "
            "every permutation of an index holds the same value, every other entry is 0)")))
    if result.partials is not None and (is_sparse(result) or mostly_zero(result)):
        entries = []
        for index, value in nonzero_partials(result):
            item = entry(index=list(index), value=exact_text(value))
            if result.numeric_partials is not None:
                item.update(entry(numeric=result.numeric_partials[index]))
            entries.append(item)
        data.update(entry(entries=entries))
    if result.kind == "hessian" and result.at is not None:
        data.update(entry(eigenvalues=result.eigenvalues, definiteness=result.definiteness))
    if result.cse is not None:
        data.update(entry(cse=[[s.name, exact_text(e)] for s, e in result.cse],
                          cse_result=nested_map(exact_text, result.cse_result)))
    return data


# --- plain text ----------------------------------------------------------------------------


DENSE_LIMIT = 10_000  # as calculus.DENSE_LIMIT (the renderer does not import the engine)


def is_sparse(result: Result) -> bool:
    """A tensor kept only as its distinct partials (its dense form has over DENSE_LIMIT entries)."""
    return result.kind == "tensor" and result.exact is None and result.partials is not None


def _multiplicity(index: Sequence[int]) -> int:
    """How many entries of a symmetric tensor share the sorted ``index``: k! / prod(m_i!)."""
    import math

    count = math.factorial(len(index))
    for _, group in itertools.groupby(index):
        count //= math.factorial(len(list(group)))
    return count


def nonzero_partials(result: Result) -> list[tuple[tuple[int, ...], sp.Expr]]:
    """(sorted index, value) of each distinct partial that is not 0."""
    return [(index, value) for index, value in (result.partials or {}).items() if value != 0]


def mostly_zero(result: Result) -> bool:
    """Whether more than half of the tensor's n**k entries are 0.

    >>> x = sp.Symbol("x")
    >>> mostly_zero(Result("tensor", "x1", [x, x], None, order=2, partials={(0, 0): 1, (0, 1): 0, (1, 1): 0}))
    True
    """
    n, k = len(result.variables), result.order or 0
    return 2 * sum(_multiplicity(index) for index, _ in nonzero_partials(result)) < n**k


def plain_partial_label(index: Sequence[int], variables: Sequence[sp.Symbol]) -> str:
    """ASCII name of a partial: ``d^3 f/dx^2 dy``.

    >>> plain_partial_label((0, 0, 1), sp.symbols("x y"))
    'd^3 f/dx^2 dy'
    """
    if not index:
        return "f"
    parts = []
    for i, group in itertools.groupby(index):
        count = len(list(group))
        parts.append(f"d{variables[i]}" + (f"^{count}" if count > 1 else ""))
    k = len(index)
    return (f"d^{k} f/" if k > 1 else "df/") + " ".join(parts)


def _plain_sparse(result: Result) -> str:
    entries = nonzero_partials(result)
    if not entries:
        n, k = len(result.variables), result.order or 0
        return f"all {n**k:,} entries are 0"
    lines = []
    for index, value in entries:
        line = f"{plain_partial_label(index, result.variables)} = {exact_text(value)}"
        if result.numeric_partials is not None and not value.is_Integer:
            line += f"  ({_float_text(result.numeric_partials[index])})"
        lines.append(line)
    return "\n".join(lines)


def to_plain(result: Result) -> str:
    """First line: the exact result; with a point, labelled extra lines follow.

    A tensor too large to write densely is one ``d^k f/dx... = value`` line per
    nonzero distinct partial instead.
    """
    if is_sparse(result):
        return _plain_sparse(result)
    if result.cse is not None:  # --cse: the names first, then the result in terms of them
        lines = [f"{name} = {exact_text(value)}" for name, value in result.cse]
        lines.append(_plain_nested(result.cse_result, exact_text))
    else:
        lines = [_plain_nested(result.exact, exact_text)]
    if result.at is not None:
        lines.append("numeric: " + _plain_nested(result.numeric, _float_text))
        if result.eigenvalues is not None:
            lines.append("eigenvalues: " + _plain_nested(result.eigenvalues, _float_text))
        if result.definiteness is not None:
            lines.append("definiteness: " + result.definiteness)
        if _order(result) >= 1:  # the vectors above are in this order; name it (issue 10)
            lines.append("variables: " + ", ".join(v.name for v in result.variables))
    return "\n".join(lines)


# --- LaTeX ---------------------------------------------------------------------------------


def _latex(expr: sp.Expr) -> str:
    return latex_text(expr)


def _partial_latex(index: Sequence[int], variables: Sequence[sp.Symbol], f: str = "f") -> str:
    counts = [(variables[i], len(list(group))) for i, group in itertools.groupby(index)]
    below = " ".join(rf"\partial {latex_text(v)}" + (f"^{{{c}}}" if c > 1 else "") for v, c in counts)
    k = len(index)
    return rf"\frac{{\partial{'^{' + str(k) + '}' if k > 1 else ''} {f}}}{{{below}}}"


def _bmatrix(rows: list[list[sp.Expr]]) -> str:
    body = r" \\ ".join(" & ".join(_latex(e) for e in row) for row in rows)
    return rf"\begin{{bmatrix}} {body} \end{{bmatrix}}"


def to_latex(result: Result) -> str:
    """LaTeX that pastes into a math environment; extra facts as % comments."""
    exact = result.exact if result.cse is None else result.cse_result
    order = _order(result)
    if is_sparse(result):
        lines = [f"{_partial_latex(index, result.variables)} &= {_latex(value)}"
                 for index, value in distinct_entries(result)] or [rf"D^{{{result.order}}} f &= 0 \text{{ (every entry)}}"]
        body = "\\begin{aligned}\n" + " \\\\\n".join(lines) + "\n\\end{aligned}"
    elif order == 0:
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
    if result.cse:  # --cse: the body uses these names
        where = " \\\\\n".join(f"{latex_text(name)} &= {latex_text(value)}" for name, value in result.cse)
        lines.insert(0, "\\begin{aligned}\n" + where + "\n\\end{aligned}")
    if result.at is not None:
        if result.at:
            lines.append("% at " + ", ".join(f"{v} = {exact_text(a)}" for v, a in result.at.items()))
        if result.eigenvalues is not None:
            lines.append("% eigenvalues: " + _plain_nested(result.eigenvalues, _float_text))
        if result.definiteness is not None:
            lines.append("% definiteness: " + result.definiteness)
    return "\n".join(lines)


# kind of result -> (table, plain, latex, json); each report module registers its own views,
# so a command loads only the renderer of what it prints.
def distinct_entries(result: Result) -> list[tuple[tuple[int, ...], Any]]:
    """(sorted index, value) for each distinct entry of a symmetric tensor (nonzero only if sparse)."""
    if result.partials is not None:
        return nonzero_partials(result) if is_sparse(result) else list(result.partials.items())
    n = len(result.variables)
    entries = []
    for index in itertools.combinations_with_replacement(range(n), result.order or 0):
        value = result.exact
        for i in index:
            value = value[i]
        entries.append((index, value))
    return entries


def _numeric_at(result: Result, index: Sequence[int]) -> float | None:
    if result.numeric_partials is not None:
        return result.numeric_partials[tuple(sorted(index))]
    value = result.numeric
    for i in index:
        value = value[i]
    return value


def to_table(result: Result) -> Group:
    """The rich table of a Result (render/table.py, loaded with rich only when a table is shown)."""
    from .table import to_table as table
    return table(result)


_VIEWS: dict[type, tuple[Callable[..., Any], ...]] = {Result: (to_table, to_plain, to_latex, to_json)}


def register(kind: type, table: Callable[..., Any], plain: Callable[..., str], latex: Callable[..., str],
             as_json: Callable[..., dict[str, Any]]) -> None:
    _VIEWS[kind] = (table, plain, latex, as_json)


def strict(value: Any) -> Any:
    """``value`` with every NaN or infinite float replaced by None: strict JSON readers refuse them.

    >>> strict({"a": [1.0, float("nan")], "b": float("inf")})
    {'a': [1.0, None], 'b': None}
    """
    if isinstance(value, float):  # + 0.0: no -0.0 (render/numbers.py)
        return value + 0.0 if value == value and value not in (float("inf"), float("-inf")) else None
    if isinstance(value, dict):
        return {k: strict(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [strict(v) for v in value]
    return value


def json_text(data: Any, indent: int | None = None) -> str:
    """The one way JSON is written: strict (no NaN or Infinity)."""
    return json.dumps(strict(data), indent=indent, allow_nan=False)


def json_object(result: Any) -> dict[str, Any]:
    """The documented JSON object of any result (with ``params`` when --param gave any)."""
    from ..parse import PARAMETERS
    data = _VIEWS[type(result)][3](result)
    if PARAMETERS:
        data["params"] = {name.name: exact_text(value) for name, value in PARAMETERS.items()}
    return data


def failure(result: Any) -> str | None:
    """Why a result counts as a failure (an optimizer that did not converge), or None."""
    check = getattr(result, "failure", None)
    return check() if callable(check) else None


def show(result: Any, fmt: str, out: TextIO, *, color: bool | None = None,
         width: int | None = None) -> None:
    """Write ``result`` to ``out`` in format ``fmt`` (one of ``FORMATS``)."""
    table, plain, latex, as_json = _VIEWS[type(result)]
    if fmt == "table":
        from rich.console import Console  # only tables need rich (~20 ms to import)

        console = Console(file=out, force_terminal=color, no_color=color is False, width=width,
                          highlight=False)
        from .table import listing, never_elide, too_wide
        if isinstance(result, Result) and too_wide(result, console.width):
            renderable: Any = listing(result)
        else:
            renderable = table(result)
        console.print(never_elide(renderable))
        return
    if fmt == "json":
        text = json_text(json_object(result), indent=2)
    elif fmt == "latex":
        text = latex(result)
    elif fmt == "plain":
        text = plain(result)
    else:
        raise ValueError(f"unknown format {fmt!r}")
    out.write(text + "\n")
