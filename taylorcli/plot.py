"""Pictures: f beside its Taylor polynomials, contours with optimizer paths.

The data of a picture is computed first (and returned, so tests check values,
not pixels); drawing uses matplotlib's headless Agg canvas, the format chosen
by the file name (.png, .svg, .pdf).

>>> data = taylor_curves("exp(x)", orders=[1], lo=-1, hi=1, points=3)
>>> [round(float(v), 6) for v in data.curves[1]]
[0.0, 1.0, 2.0]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
import os
from pathlib import Path

import numpy as np
import sympy as sp

from .calculus import Expr, Variables, as_expression, to_float
from .errors import InputError, TaylorError, printable
from .expansion import expand
from .numeric import compile
from .parse import resolve_variables

FORMATS = (".png", ".svg", ".pdf")
MAX_PIXELS = 4000


@dataclass
class Curves:
    """f and its Taylor polynomials T_k sampled on [lo, hi]."""

    expression: sp.Expr
    variable: sp.Symbol
    at: sp.Expr
    xs: np.ndarray
    f: np.ndarray
    curves: dict[int, np.ndarray]  # order -> T_k(xs)
    polynomials: dict[int, sp.Expr]
    ylim: tuple[float, float]


@dataclass
class Contours:
    """f sampled on a grid over a box, with optional paths drawn over it."""

    expression: sp.Expr
    variables: list[sp.Symbol]
    xs: np.ndarray
    ys: np.ndarray
    values: np.ndarray  # values[j, i] = f(xs[i], ys[j])
    paths: dict[str, np.ndarray] = field(default_factory=dict)  # name -> points, one per row
    model: np.ndarray | None = None  # a Taylor polynomial of f on the same grid (dashed contours)
    model_at: tuple[float, float] | None = None
    model_order: int | None = None


def with_model(data: Contours, polynomial: sp.Expr, at: Sequence[float], order: int) -> Contours:
    """Add the Taylor model (e.g. the quadratic one) of f about ``at``, sampled on the same grid."""
    grid = np.stack(np.meshgrid(data.xs, data.ys), axis=-1).reshape(-1, 2)
    with np.errstate(all="ignore"):
        values = np.asarray(compile(polynomial, data.variables).value(grid), dtype=float)
    data.model = values.reshape(len(data.ys), len(data.xs))
    data.model_at = (float(at[0]), float(at[1]))
    data.model_order = order
    return data


def _finite_range(values: np.ndarray) -> tuple[float, float]:
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return -1.0, 1.0
    lo, hi = float(finite.min()), float(finite.max())
    q_lo, q_hi = (float(q) for q in np.quantile(finite, [0.05, 0.95]))
    if hi - lo > 20 * (q_hi - q_lo) > 0:
        # A pole's spike would flatten the rest of the picture: clip to where f mostly lives.
        lo, hi = q_lo, q_hi
    span = hi - lo if hi > lo else max(1.0, abs(hi))
    # Polynomials blow up away from the point: the y-range follows f, with a margin.
    return lo - 0.25 * span, hi + 0.25 * span


def taylor_curves(f: Expr, variables: Variables = None, at: Expr = 0, orders: Sequence[int] = (1, 2),
                  lo: float = -3.0, hi: float = 3.0, points: int = 400) -> Curves:
    """Sample f and T_k (each order in ``orders``) about ``at`` on [lo, hi]."""
    expr = as_expression(f)
    (x,) = _variables(expr, variables, 1)
    a = as_expression(at)
    xs = np.linspace(lo, hi, points)
    compiled = compile(expr, [x])
    with np.errstate(all="ignore"):
        fs = np.asarray(compiled.value(xs[:, None]), dtype=float)
    curves, polynomials = {}, {}
    for k in orders:
        polynomial = expand(expr, [x], [a], k).polynomial
        polynomials[k] = polynomial
        with np.errstate(all="ignore"):
            curves[k] = np.asarray(compile(polynomial, [x]).value(xs[:, None]), dtype=float)
    return Curves(expr, x, a, xs, fs, curves, polynomials, _finite_range(fs))


def _variables(expr: sp.Expr, variables: Variables, count: int) -> list[sp.Symbol]:
    symbols = resolve_variables([expr], variables)
    if len(symbols) != count:
        raise InputError(f"this picture needs {count} variable(s), the expression has {len(symbols)}")
    return symbols


def contours(f: Expr, variables: Variables = None, box: Sequence[float] = (-3, 3, -3, 3),
             points: int = 200, paths: Mapping[str, Sequence[Sequence[float]]] | None = None) -> Contours:
    """Sample f of two variables on a grid over ``box`` = (x0, x1, y0, y1)."""
    expr = as_expression(f)
    symbols = _variables(expr, variables, 2)
    x0, x1, y0, y1 = box
    xs, ys = np.linspace(x0, x1, points), np.linspace(y0, y1, points)
    grid = np.stack(np.meshgrid(xs, ys), axis=-1).reshape(-1, 2)
    with np.errstate(all="ignore"):
        values = np.asarray(compile(expr, symbols).value(grid), dtype=float).reshape(points, points)
    drawn = {name: np.asarray(path, dtype=float) for name, path in (paths or {}).items()}
    return Contours(expr, symbols, xs, ys, values, drawn)


def path_box(paths: Mapping[str, Sequence[Sequence[float]]], margin: float = 0.25) -> tuple[float, ...]:
    """A box around every point of the paths, with a margin."""
    points = np.concatenate([np.asarray(p, dtype=float) for p in paths.values()])
    points = points[np.all(np.isfinite(points), axis=1)]
    lo, hi = points.min(axis=0), points.max(axis=0)
    pad = np.maximum((hi - lo) * margin, 0.5)
    return (lo[0] - pad[0], hi[0] + pad[0], lo[1] - pad[1], hi[1] + pad[1])


def _figure(size: tuple[int, int]):
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError:
        raise TaylorError("pictures need matplotlib: pip install 'taylorcli[plot]'") from None

    width, height = size
    figure = Figure(figsize=(width / 100, height / 100), dpi=100)
    FigureCanvasAgg(figure)
    return figure


def _check_path(path: str | Path, size: tuple[int, int]) -> Path:
    target = Path(path)
    if target.suffix.lower() not in FORMATS:
        raise InputError(f"the picture's file name must end in {', '.join(FORMATS)}: got '{target.name}'")
    if not all(16 <= side <= MAX_PIXELS for side in size):
        raise InputError(f"picture sides must be 16 to {MAX_PIXELS} pixels")
    # savefig would end in an internal FileNotFoundError or IsADirectoryError
    folder = target.parent
    if not folder.is_dir():
        raise InputError(f"cannot write the picture: folder '{printable(str(folder))}' does not exist")
    if target.is_dir():
        raise InputError(f"cannot write the picture: '{printable(str(target))}' is a folder")
    if not os.access(folder, os.W_OK):
        raise InputError(f"cannot write the picture: folder '{printable(str(folder))}' is not writable")
    return target


def _broken(values: np.ndarray, ylim: tuple[float, float]) -> np.ndarray:
    """The values with a gap where the curve jumps across the whole window (a pole), not a spike.

    >>> _broken(np.array([1.0, 50.0, -50.0, -1.0]), (-5.0, 5.0)).tolist()
    [1.0, 50.0, nan, -1.0]
    """
    out = np.array(values, dtype=float)
    lo, hi = ylim
    with np.errstate(invalid="ignore"):
        # from above the window to below it (or back) between two samples: a pole, not a curve
        jumps = np.flatnonzero(((out[:-1] > hi) & (out[1:] < lo)) | ((out[:-1] < lo) & (out[1:] > hi)))
    out[jumps + 1] = np.nan
    return out


def draw_curves(data: Curves, path: str | Path, size: tuple[int, int] = (800, 600)) -> Path:
    """f and its Taylor polynomials, the expansion point marked, a legend naming each order."""
    target = _check_path(path, size)
    figure = _figure(size)
    axes = figure.add_subplot()
    axes.plot(data.xs, _broken(data.f, data.ylim), color="black", linewidth=2.2,
              label=f"f(x) = {sp.sstr(data.expression)}")
    for k, values in data.curves.items():
        axes.plot(data.xs, values, linewidth=1.4, linestyle="--", label=f"order {k}")
    a = to_float(data.at)
    fa = to_float(data.expression.xreplace({data.variable: data.at}))
    if a is not None and fa is not None:
        axes.plot([a], [fa], "o", color="crimson", zorder=5, label=f"expansion point x = {sp.sstr(data.at)}")
    axes.set_ylim(*data.ylim)
    axes.set_xlim(float(data.xs[0]), float(data.xs[-1]))
    axes.set_xlabel(str(data.variable))
    axes.grid(alpha=0.3)
    axes.legend(loc="best", fontsize="small")
    figure.savefig(target, format=target.suffix[1:].lower())
    return target


def draw_contours(data: Contours, path: str | Path, size: tuple[int, int] = (800, 600)) -> Path:
    """Contours of f, and each path as a line of points (an optimizer's iterates)."""
    target = _check_path(path, size)
    figure = _figure(size)
    axes = figure.add_subplot()
    values = data.values
    finite = values[np.isfinite(values)]
    if finite.size:
        # Quantile levels: Rosenbrock's banana valley shows, not one huge plateau.
        levels = np.unique(np.quantile(finite, np.linspace(0.0, 1.0, 25)))
        if levels.size > 1:
            filled = axes.contourf(data.xs, data.ys, values, levels=levels, cmap="viridis", alpha=0.85)
            figure.colorbar(filled, ax=axes)
            axes.contour(data.xs, data.ys, values, levels=levels, colors="white", linewidths=0.4, alpha=0.6)
    if data.model is not None and finite.size and levels.size > 1:
        axes.contour(data.xs, data.ys, data.model, levels=levels, colors="crimson", linewidths=0.9,
                     linestyles="dashed")
        axes.plot([data.model_at[0]], [data.model_at[1]], "o", color="crimson",
                  label=f"order-{data.model_order} Taylor model (dashed) about this point")
    for name, points in data.paths.items():
        axes.plot(points[:, 0], points[:, 1], marker=".", linewidth=1.2, markersize=4, label=name)
        axes.plot(points[:1, 0], points[:1, 1], "o", color="white", markeredgecolor="black")
    axes.set_xlim(float(data.xs[0]), float(data.xs[-1]))
    axes.set_ylim(float(data.ys[0]), float(data.ys[-1]))
    axes.set_xlabel(str(data.variables[0]))
    axes.set_ylabel(str(data.variables[1]))
    axes.set_title(sp.sstr(data.expression), fontsize="small")
    if data.paths or data.model is not None:
        axes.legend(loc="best", fontsize="small")
    figure.savefig(target, format=target.suffix[1:].lower())
    return target
