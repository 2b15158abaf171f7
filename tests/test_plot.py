"""Pictures: the plotted data checked against independent values; files of the asked size."""

from __future__ import annotations

import json
import math
import struct
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from taylorcli.cli import cli
from taylorcli.plot import contours, path_box, taylor_curves


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_taylor_curves_are_the_partial_sums_of_exp():
    data = taylor_curves("exp(x)", orders=[1, 2, 4], lo=-3, hi=3, points=61)
    assert data.f == pytest.approx(np.exp(data.xs), rel=1e-13)
    for k in (1, 2, 4):
        partial = sum(data.xs**j / math.factorial(j) for j in range(k + 1))
        assert data.curves[k] == pytest.approx(partial, rel=1e-12, abs=1e-12)
    # The y-range follows f (not the polynomials), with a margin.
    assert data.ylim[0] < np.exp(-3) and data.ylim[1] > np.exp(3)
    assert data.ylim[1] < 2 * np.exp(3)


def test_taylor_curves_about_another_point():
    data = taylor_curves("sin(x)", at="pi/2", orders=[2], lo=0, hi=3, points=31)
    expected = 1 - (data.xs - np.pi / 2) ** 2 / 2
    assert data.curves[2] == pytest.approx(expected, rel=1e-12, abs=1e-12)


def test_contours_sample_the_function():
    data = contours("x**2 + 3*y", box=(-1, 1, 0, 2), points=11)
    X, Y = np.meshgrid(data.xs, data.ys)
    assert data.values == pytest.approx(X**2 + 3 * Y)
    box = path_box({"a": [[0, 0], [1, 2]], "b": [[-1, 1]]})
    assert box[0] < -1 and box[1] > 1 and box[2] < 0 and box[3] > 2


@pytest.mark.parametrize("args, size", [
    (["plot", "exp(x)", "--order", "1,2,4", "--range", "-3,3"], (800, 600)),
    (["plot", "(1-x)**2 + 100*(y-x**2)**2", "--range", "-2,2,-1,3", "--size", "640x480"], (640, 480)),
])
def test_plot_writes_a_png_of_the_asked_size(tmp_path, args, size):
    out = tmp_path / "picture.png"
    result = CliRunner().invoke(cli, [*args, "-o", str(out), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    assert png_size(out) == size
    data = json.loads(result.stdout)
    assert data["file"] == str(out) and (data["width"], data["height"]) == size


@pytest.mark.parametrize("suffix, magic", [(".svg", b"<?xml"), (".pdf", b"%PDF")])
def test_plot_formats_by_file_name(tmp_path, suffix, magic):
    out = tmp_path / f"picture{suffix}"
    result = CliRunner().invoke(cli, ["plot", "sin(x)", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes().startswith(magic)


@pytest.mark.parametrize("command", [["newton"], ["gd", "--lr", "0.05"], ["bfgs"], ["compare"]])
def test_optimizer_paths_on_contours(tmp_path, command):
    out = tmp_path / "path.png"
    result = CliRunner().invoke(cli, [command[0], "x**2 + 10*y**2", "--x0", "1,1", *command[1:], "--plot", str(out)])
    assert result.exit_code == 0, result.stderr
    assert png_size(out) == (800, 600)


@pytest.mark.parametrize("args", [
    ["plot", "exp(x)", "-o", "picture.gif"],
    ["plot", "x*y*z", "-o", "p.png"],
    ["plot", "exp(x)", "-o", "p.png", "--size", "big"],
    ["plot", "exp(x)", "-o", "p.png", "--range", "3,1"],
    ["plot", "exp(x)", "-o", "p.png", "--order", "a"],
    ["newton", "x**2", "--x0", "1", "--plot", "p.png"],
])
def test_plot_bad_input(tmp_path, args):
    result = CliRunner().invoke(cli, [a if not a.startswith("p") or "." not in a else str(tmp_path / a) for a in args])
    assert result.exit_code == 2, result.stderr


def test_poles_break_the_line_and_do_not_flatten_the_picture():
    """tan on [-3, 3]: two poles (at -pi/2 and pi/2), each a gap; the window follows where tan lives."""
    import numpy as np

    from taylorcli.plot import _broken, taylor_curves
    data = taylor_curves("tan(x)", None, 0, [1, 3], -3, 3)
    lo, hi = data.ylim
    assert -50 < lo < -1 and 1 < hi < 50
    gaps = np.flatnonzero(np.isnan(_broken(data.f, data.ylim)))
    assert len(gaps) == 2 and all(abs(abs(data.xs[i]) - np.pi / 2) < 0.05 for i in gaps)
    smooth = taylor_curves("exp(x)", None, 0, [1], -3, 3)
    assert not np.isnan(_broken(smooth.f, smooth.ylim)).any()
    assert smooth.ylim[1] > float(np.exp(3))  # no pole: the whole curve stays in view


def test_batch_pictures_are_numbered_by_line(tmp_path):
    import json
    import subprocess
    import sys
    out = subprocess.run([sys.executable, "-m", "taylorcli", "plot", "-", "--batch", "-o", str(tmp_path / "p.png")],
                         input="exp(x)\nsin(x)\n", capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    files = [json.loads(line)["file"] for line in out.stdout.splitlines()]
    assert files == [str(tmp_path / "p-1.png"), str(tmp_path / "p-2.png")]
    assert all((tmp_path / name).stat().st_size > 1000 for name in ("p-1.png", "p-2.png"))


def test_two_variable_plot_draws_the_quadratic_model_about_at(tmp_path):
    """--at on a 2-D plot: the model on the grid is f(a) + g.h + h.H.h/2, built here from sympy.diff."""
    import json

    import numpy as np
    import sympy as sp
    from click.testing import CliRunner

    from taylorcli.cli import cli
    from taylorcli.plot import contours, with_model
    out = CliRunner().invoke(cli, ["plot", "(1-x)**2 + 100*(y-x**2)**2", "--range", "-2,2,-1,3",
                                   "--at", "1/2,1/4", "-o", str(tmp_path / "m.png"), "-f", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["orders"] == [2] and data["at"] == {"x": "1/2", "y": "1/4"} and (tmp_path / "m.png").exists()
    x, y = sp.symbols("x y", real=True)
    f = (1 - x)**2 + 100 * (y - x**2)**2
    a = {x: sp.Rational(1, 2), y: sp.Rational(1, 4)}
    h = sp.Matrix([x - a[x], y - a[y]])
    g = sp.Matrix([f.diff(v) for v in (x, y)]).subs(a)
    H = sp.hessian(f, (x, y)).subs(a)
    quadratic = f.subs(a) + (g.T * h)[0] + (h.T * H * h)[0] / 2
    from taylorcli.parse import parse_expression
    assert sp.expand(parse_expression(data["polynomials"]["2"]) - quadratic) == 0  # the model drawn is this
    grid = with_model(contours(f, [x, y], (-2, 2, -1, 3), points=7), quadratic, (0.5, 0.25), 2)
    i, j = 3, 5
    expected = float(quadratic.subs({x: grid.xs[i], y: grid.ys[j]}))
    assert np.isclose(grid.model[j, i], expected, rtol=1e-12)
