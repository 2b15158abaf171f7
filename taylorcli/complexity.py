"""The lecture notes' complexity table, measured: ``taylor complexity``.

The notes (Multivariate Taylor Series, section 4 "Why First-Order Methods for Neural
Networks?") state, for n parameters: a gradient costs O(n) memory and time, the
Hessian O(n**2) and O(n**2), its inverse O(n**2) and O(n**3). This module measures
them on one function at growing n, with the sparse alternatives beside the dense ones:

* ``gradient``: the compiled exact gradient at x0 (``hvp.compile_first_order``);
* ``hvp``: one exact Hessian-vector product H(x0) v, H never formed (``hvp``);
* ``sparse_hessian``: H(x0) in scipy CSR, term shape by term shape (``sparse``);
* ``dense_hessian``: H(x0) as an n x n array, from n products H e_j in one call;
* ``newton_dense``: solve H p = -g with the dense H (LAPACK LU), H already formed;
* ``newton_sparse``: the same with the sparse H (SuperLU), H already formed;

and the one-time costs ``parse``, ``compile_first_order`` (f, gradient, H.v) and
``compile_sparse``. Seconds are the best of ``repeat`` timings; bytes are the size of
what the operation builds (its result, or the LU factors of a solve), not the working
memory, so they are exact and the same on every run. ``growth`` fits k in
cost ~ n**k (the least-squares slope on log-log axes, to 3 decimals): at small n fixed per-call costs
dominate and k comes out below the asymptotic one.

>>> text, x0 = problem("rosenbrock", 3)
>>> text, x0.tolist()
('100*(x2 - x1**2)**2 + (1 - x1)**2 + 100*(x3 - x2**2)**2 + (1 - x2)**2', [-1.2, 1.0, -1.2])
>>> growth_exponent([10, 100, 1000], [1.0, 100.0, 10000.0])
2.0
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from .errors import InputError, printable
from .options import StdinText

FUNCTIONS = ("rosenbrock", "powell", "tridiagonal")
DEFAULT_SIZES = (100, 300, 1000)
MAX_SIZE = 10_000  # variables: the scale of issue 11
MAX_SIZES = 12  # values of --n
DEFAULT_DENSE_MAX = 2_000  # the dense H is 32 MB there and its LU a few tenths of a second
MAX_DENSE = 5_000  # 200 MB for H and the product batch: beyond, refused
MAX_TEMPLATE = 1_000  # characters of a --function template
MAX_OFFSET = 100  # |k| in x{i+k}
BUILDS = ("parse", "compile_first_order", "compile_sparse")
OPERATIONS = ("gradient", "hvp", "sparse_hessian", "dense_hessian", "newton_dense", "newton_sparse")
MIN_SECONDS = 2e-3  # a timing loops until it takes this long, so short operations are not all clock noise



@dataclass
class Measurement:
    """One operation at one n: best seconds and the bytes of what it built (None: not measured)."""

    size: int
    operation: str
    seconds: float | None
    bytes: int | None
    note: str | None = None


@dataclass
class Growth:
    """The fitted exponents k in seconds ~ n**k and bytes ~ n**k of one operation."""

    operation: str
    time_exponent: float | None
    memory_exponent: float | None


@dataclass
class Complexity:
    """Every measurement of ``taylor complexity`` and the growth of each operation."""

    function: str
    sizes: list[int]
    dense_max: int
    repeat: int
    measurements: list[Measurement] = field(default_factory=list)
    growth: list[Growth] = field(default_factory=list)

    def get(self, size: int, operation: str) -> Measurement:
        return next(m for m in self.measurements if m.size == size and m.operation == operation)


# --- the functions ----------------------------------------------------------------------------


def _rosenbrock(n: int) -> tuple[list[str], np.ndarray]:
    terms = [f"100*(x{i + 1} - x{i}**2)**2 + (1 - x{i})**2" for i in range(1, n)]
    return terms, np.resize([-1.2, 1.0], n)


def _powell(n: int) -> tuple[list[str], np.ndarray]:
    if n % 4:
        raise InputError(f"extended Powell needs n a multiple of 4, got {n}")
    terms = []
    for j in range(1, n // 4 + 1):
        a, b, c, d = 4 * j - 3, 4 * j - 2, 4 * j - 1, 4 * j
        terms.append(f"(x{a} + 10*x{b})**2 + 5*(x{c} - x{d})**2 + (x{b} - 2*x{c})**4 + 10*(x{a} - x{d})**4")
    return terms, np.resize([3.0, -1.0, 0.0, 1.0], n)


def _tridiagonal(n: int) -> tuple[list[str], np.ndarray]:
    # Residuals r_i = x_{i-1} + 4 x_i + x_{i+1} - b_i for i = 0 .. n+1 (the x outside 1..n
    # left out): an (n+2) x n banded least squares, b_i = 1 + (i mod 3), well conditioned.
    terms = []
    for i in range(0, n + 2):
        parts = [f"{c}*x{j}" if c != 1 else f"x{j}" for c, j in ((1, i - 1), (4, i), (1, i + 1)) if 1 <= j <= n]
        terms.append(f"({' + '.join(parts)} - {1 + i % 3})**2")
    return terms, np.zeros(n)


_BUILDERS: dict[str, Callable[[int], tuple[list[str], np.ndarray]]] = {
    "rosenbrock": _rosenbrock, "powell": _powell, "tridiagonal": _tridiagonal}

_INDEXED = re.compile(r"([A-Za-z_][A-Za-z_]*)\{\s*i\s*(?:([+-])\s*(\d+)\s*)?\}")


def _template(text: str) -> tuple[str, list[tuple[str, str, int]]]:
    """The variable name of a template and its pieces: (text before, name, offset) per x{i+k}."""
    if len(text) > MAX_TEMPLATE:
        raise InputError(f"--function template is too long (limit {MAX_TEMPLATE} characters)")
    pieces, names, last = [], set(), 0
    for match in _INDEXED.finditer(text):
        offset = int(match.group(3) or 0) * (-1 if match.group(2) == "-" else 1)
        if abs(offset) > MAX_OFFSET:
            raise InputError(f"--function: offsets in x{{i+k}} are limited to |k| <= {MAX_OFFSET}")
        pieces.append((text[last:match.start()], match.group(1), offset))
        names.add(match.group(1))
        last = match.end()
    rest = text[last:]
    if any(ch in "{}" for piece, _, _ in pieces for ch in piece) or "{" in rest or "}" in rest:
        raise InputError("--function: a template writes indexed variables as x{i}, x{i+1}, x{i-2}, ... "
                         "(a name of letters, then {i} or {i+k}) and no other braces")
    if not pieces:
        raise InputError(f"--function must be one of {', '.join(FUNCTIONS)} or a term template in x{{i}}, "
                         "x{i+1}, ..., summed over i")
    if len(names) > 1:
        raise InputError(f"--function: one indexed variable name only, got {', '.join(sorted(names))}")
    return rest, pieces


def _from_template(text: str, n: int) -> tuple[list[str], np.ndarray]:
    rest, pieces = _template(text)
    offsets = [k for _, _, k in pieces]
    first, last = 1 - min(offsets), n - max(offsets)  # every index within 1 .. n
    if first > last:
        raise InputError(f"--function: the template's offsets need n > {max(offsets) - min(offsets)}, got n = {n}")
    terms = ["".join(f"{before}{name}{i + k}" for before, name, k in pieces) + rest for i in range(first, last + 1)]
    # A start away from 0 and 1 (where many templates are flat or singular), the same on every run.
    return terms, np.random.default_rng(n).uniform(0.5, 1.5, n)


def problem(function: str, n: int) -> tuple[str, np.ndarray]:
    """The expression text of ``function`` in x1 .. xn and its start point x0."""
    terms, x0 = _BUILDERS[function](n) if function in _BUILDERS else _from_template(function, n)
    return " + ".join(terms), x0


def check_function(function: str) -> None:
    """Refuse a bad --function before any work: a template is parsed as one term, with its offsets."""
    if function in _BUILDERS:
        return
    from .parse import parse_expression

    _, pieces = _template(function)
    offsets = [k for _, _, k in pieces]
    terms, _ = _from_template(function, max(offsets) - min(offsets) + 1)  # exactly one term
    try:
        parse_expression(terms[0])
    except InputError as error:  # its position is in the term, not in the template: say which term
        raise InputError(f"--function: in its first term {printable(terms[0])}: {error}") from None


def parse_sizes(text: str, function: str) -> list[int]:
    """--n: distinct sizes 2 .. MAX_SIZE, comma separated, ascending."""
    try:
        sizes = sorted({int(part) for part in text.split(",")})
    except ValueError:
        raise InputError(f"--n takes whole numbers separated by commas, e.g. 100,300,1000") from None
    if not sizes or len(sizes) > MAX_SIZES or sizes[0] < 2 or sizes[-1] > MAX_SIZE:
        raise InputError(f"--n takes 1 to {MAX_SIZES} sizes from 2 to {MAX_SIZE:,}")
    if function == "powell" and any(n % 4 for n in sizes):
        raise InputError("--n: extended Powell needs every n a multiple of 4")
    return sizes


# --- measuring --------------------------------------------------------------------------------


def best_seconds(call: Callable[[], object], repeat: int) -> float:
    """The best of ``repeat`` timings of ``call``, each looping until it lasts MIN_SECONDS."""
    call()  # once untimed: the first call may load code (SuperLU, LAPACK) or fill caches
    best = math.inf
    number = 1
    for _ in range(repeat):
        while True:
            started = time.perf_counter()
            for _ in range(number):
                call()
            elapsed = time.perf_counter() - started
            if elapsed >= MIN_SECONDS or number >= 10_000:
                break
            number *= 10
        best = min(best, elapsed / number)
    return best


def _timed(call: Callable[[], object]) -> tuple[object, float]:
    started = time.perf_counter()
    result = call()
    return result, time.perf_counter() - started


def _csr_bytes(matrix: object) -> int:
    return int(sum(getattr(matrix, part).nbytes for part in ("data", "indices", "indptr")))


def measure_size(function: str, n: int, dense_max: int, repeat: int,
                 tick: Callable[[], None] = lambda: None) -> tuple[list[Measurement], dict[str, np.ndarray]]:
    """Every measurement at one n, and the Newton steps computed (``dense``, ``sparse``), for checks."""
    from scipy.sparse.linalg import splu

    from .hvp import compile_first_order
    from .parse import parse_expression, symbol
    from .sparse import compile_sparse

    text, x0 = problem(function, n)
    variables = [symbol(f"x{i}") for i in range(1, n + 1)]
    out: list[Measurement] = []
    expr, seconds = _timed(lambda: parse_expression(StdinText(text)))
    out.append(Measurement(n, "parse", seconds, None))
    tick()
    c, seconds = _timed(lambda: compile_first_order(expr, variables))
    out.append(Measurement(n, "compile_first_order", seconds, None))
    tick()
    s, seconds = _timed(lambda: compile_sparse(expr, variables))
    out.append(Measurement(n, "compile_sparse", seconds, None))
    tick()

    g = c.gradient(x0)
    out.append(Measurement(n, "gradient", best_seconds(lambda: c.gradient(x0), repeat), g.nbytes))
    tick()
    v = np.resize([1.0, -1.0], n)
    hv = c.hessvec(x0, v)
    out.append(Measurement(n, "hvp", best_seconds(lambda: c.hessvec(x0, v), repeat), hv.nbytes))
    tick()
    H = s.hessian(x0)
    out.append(Measurement(n, "sparse_hessian", best_seconds(lambda: s.hessian(x0), repeat), _csr_bytes(H),
                           _disagrees(H @ v, hv, "H v")))
    tick()
    steps: dict[str, np.ndarray] = {}
    if n <= dense_max:
        D = _dense_hessian(c, x0)
        seconds = best_seconds(lambda: _dense_hessian(c, x0), min(repeat, 2) if n > 500 else repeat)
        out.append(Measurement(n, "dense_hessian", seconds, D.nbytes, _disagrees(D, H.toarray(), "the sparse H")))
        tick()
        try:
            steps["dense"] = np.linalg.solve(D, -g)
            out.append(Measurement(n, "newton_dense", best_seconds(lambda: np.linalg.solve(D, -g), repeat),
                                   D.nbytes, _unreliable(D, steps["dense"], g)))  # LAPACK factors a copy: n**2
        except np.linalg.LinAlgError:
            out.append(Measurement(n, "newton_dense", None, None, SINGULAR))
        tick()
    else:
        skipped = f"not formed: n = {n:,} > --dense-max {dense_max:,}; H would take {8 * n * n:,} bytes"
        out += [Measurement(n, "dense_hessian", None, None, skipped),
                Measurement(n, "newton_dense", None, None, skipped)]
        tick()
        tick()
    A = H.tocsc()
    try:
        lu = splu(A)
        steps["sparse"] = lu.solve(-g)
        seconds = best_seconds(lambda: splu(A).solve(-g), repeat)
        size = _csr_bytes(lu.L) + _csr_bytes(lu.U) + lu.perm_r.nbytes + lu.perm_c.nbytes
        note = _unreliable(A, steps["sparse"], g) or (
            _disagrees(steps["sparse"], steps["dense"], "the dense step") if "dense" in steps else None)
        out.append(Measurement(n, "newton_sparse", seconds, size, note))
    except RuntimeError:  # SuperLU: "Factor is exactly singular"
        out.append(Measurement(n, "newton_sparse", None, None, SINGULAR))
    tick()
    return out, steps


BLOCK = 256  # unit vectors per call when the dense H is formed from products


def _dense_hessian(c: object, x: np.ndarray) -> np.ndarray:
    """H(x) as an n x n array from the products H e_j, BLOCK at a time (the arguments of one call
    are 2 n floats per product: all n at once would take 16 n**2 bytes besides H)."""
    n = len(x)
    H = np.empty((n, n))
    for start in range(0, n, BLOCK):
        stop = min(start + BLOCK, n)
        unit = np.zeros((stop - start, n))
        unit[np.arange(stop - start), np.arange(start, stop)] = 1.0
        H[start:stop] = c.hessvec(np.broadcast_to(x, unit.shape), unit)  # type: ignore[attr-defined]
    return H


SINGULAR = "H(x0) is singular: no Newton step"


def _unreliable(H: object, p: np.ndarray, g: np.ndarray) -> str | None:
    """A note when the solve's residual shows H(x0) singular to working precision (LU found no zero pivot)."""
    residual = float(np.linalg.norm(H @ p + g))
    largest = float(abs(H).max()) if H.shape[0] else 0.0  # dense or scipy.sparse alike
    scale = largest * float(np.linalg.norm(p)) + float(np.linalg.norm(g))
    if math.isfinite(residual) and residual <= 1e-8 * scale:
        return None
    return f"H(x0) is singular to working precision: the step solves H p = -g only to {residual:.3g}"


def _disagrees(got: np.ndarray, want: np.ndarray, what: str) -> str | None:
    """A note when two computations of one thing differ beyond rounding (they are built independently)."""
    scale = max(float(np.max(np.abs(want))), 1.0) if np.size(want) else 1.0
    error = float(np.max(np.abs(got - want))) if np.size(want) else 0.0
    return None if error <= 1e-8 * scale else f"differs from {what} by {error:.3g}"


def _smallest(function: str) -> int:
    """The smallest n at which ``function`` has a term (extended Powell: one block of 4)."""
    if function in _BUILDERS:
        return 4
    offsets = [k for _, _, k in _template(function)[1]]
    return max(offsets) - min(offsets) + 1


def growth_exponent(sizes: Sequence[int], values: Sequence[float | None]) -> float | None:
    """k in value ~ n**k: the least-squares slope of log value on log n (None: under two points)."""
    pairs = [(math.log(n), math.log(v)) for n, v in zip(sizes, values) if v is not None and v > 0]
    if len(pairs) < 2 or len({p[0] for p in pairs}) < 2:
        return None
    x, y = np.array(pairs).T
    return round(float(np.polyfit(x, y, 1)[0]), 3)  # timings do not support more digits


def run_complexity(function: str, sizes: Sequence[int], dense_max: int = DEFAULT_DENSE_MAX, repeat: int = 3,
                   progress: Callable[[int, int], None] | None = None) -> Complexity:
    """Measure every operation at every n (see the module doc).

    >>> r = run_complexity("tridiagonal", [20, 40], repeat=1)
    >>> [g.memory_exponent for g in r.growth if g.operation == "dense_hessian"]
    [2.0]
    """
    result = Complexity(function, list(sizes), dense_max, repeat)
    total = len(sizes) * (len(BUILDS) + len(OPERATIONS))
    done = [0]

    def tick() -> None:
        done[0] += 1
        if progress:
            progress(done[0], total)

    # Once, untimed, on a tiny instance: the first parse and compile of a run load code
    # (the grammar, LLVM) that would otherwise be charged to the smallest n.
    measure_size(function, _smallest(function), dense_max, 1)
    for n in sizes:
        result.measurements += measure_size(function, n, dense_max, repeat, tick)[0]
    for operation in BUILDS + OPERATIONS:
        rows = [result.get(n, operation) for n in sizes]
        result.growth.append(Growth(operation, growth_exponent(sizes, [m.seconds for m in rows]),
                                    growth_exponent(sizes, [m.bytes for m in rows])))
    return result
