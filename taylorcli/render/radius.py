"""Views of a radius of convergence (``taylor expand --radius``), for the expansion's four formats.

Exact values read back: the radius through the parser (``oo`` through ``parse_value``
with infinity allowed), a complex singularity as its real and imaginary parts (the
parser reads no ``I``). A radius known only numerically or estimated is a float.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import sympy as sp

from . import exact_text, latex_text
from .numbers import plain_number

if TYPE_CHECKING:
    from ..radius import Radius


def _parts(z: sp.Expr) -> tuple[sp.Expr, sp.Expr]:
    re, im = sp.expand_complex(z).as_real_imag()
    return sp.radsimp(re), sp.radsimp(im)


def _point(z: sp.Expr, method: str) -> dict[str, Any]:
    if method == "numeric":  # a root without closed form: its value, to double precision
        value = complex(sp.N(z, 20))
        return {"re": value.real, "im": value.imag}
    re, im = _parts(z)
    return {"re": exact_text(re), "im": exact_text(im)}


def _point_text(z: sp.Expr, method: str) -> str:
    p = _point(z, method)
    return f"re = {p['re']}, im = {p['im']}"


def radius_json(r: Radius) -> dict[str, Any]:
    """The keys ``radius`` (exact text or null), ``radius_numeric`` (null for infinity: strict JSON),
    ``nearest_singularity`` ({re, im} or null), ``method``, and the details of the finding."""
    return {
        "radius": None if r.radius is None else exact_text(r.radius),
        "radius_numeric": r.numeric,
        "nearest_singularity": _point(r.nearest[0], r.method) if r.nearest else None,
        "singularities_at_radius": [_point(z, r.method) for z in r.nearest],
        "method": r.method,
        "radius_terms": r.terms,
        "radius_uncertainty": r.uncertainty,
        "radius_note": r.note.strip("; "),
    }


def radius_lines(r: Radius) -> list[str]:
    """Plain lines: ``radius: <exact>`` (or the estimate with its uncertainty), then how it was found."""
    if r.method == "estimate":
        if r.numeric is None:
            first = f"radius: oo (estimate from {r.terms} coefficients, not exact)"
        else:
            first = f"radius: {plain_number(r.numeric)} +- {plain_number(r.uncertainty)} (estimate from {r.terms} coefficients, not exact)"
    elif r.radius is None:
        first = f"radius: {plain_number(r.numeric)} (numeric: the nearest singularity is a root without closed form)"
    else:
        first = f"radius: {exact_text(r.radius)}"
    lines = [first]
    if r.numeric is not None and r.method != "estimate" and r.radius is not None:
        lines.append(f"radius numeric: {plain_number(r.numeric)}")
    lines += [f"nearest singularity: {_point_text(z, r.method)}" for z in r.nearest]
    lines.append(f"method: {r.method} ({r.note.strip('; ')})" if r.note else f"method: {r.method}")
    return lines


def radius_latex_lines(r: Radius) -> list[str]:
    """``% R = <LaTeX>`` for an exact radius (SymPy's LaTeX reader reads what follows ``R = ``)."""
    if r.radius is not None and r.radius != sp.oo:
        return [f"% R = {latex_text(r.radius)}"] + ["% " + line for line in radius_lines(r)[1:]]
    return ["% " + line for line in radius_lines(r)]


def radius_table_parts(r: Radius) -> list[Any]:
    from rich.text import Text
    lines = radius_lines(r)
    return [Text.assemble(("Radius of convergence", "bold"), " " + lines[0].removeprefix("radius: "))] + \
        [Text(line) for line in lines[1:]]
