"""The first-order family: heavy ball, Nesterov, Adagrad, RMSprop and Adam on exact gradients.

Each method sees only gradients; the Hessian is never built or compiled (the
callables come from ``hvp.compile_first_order``). Curvature enters in two
places only, both through exact Hessian-vector products: ``--lr auto`` (1/L,
L the largest Hessian eigenvalue at x0, by Lanczos for large n) and the final
verdict (``verdict.judge``: success only at a verified local minimum).

The update rules are PyTorch's (``torch.optim``), with g the gradient at x_k:

- gd:                                             x -= lr g
- momentum (heavy ball): b = mu b + g;            x -= lr b
- nesterov:              b = mu b + g;            x -= lr (g + mu b)
- adagrad:               G += g**2;               x -= lr g / (sqrt(G) + eps)
- rmsprop:               s = beta s + (1-beta) g**2; x -= lr g / (sqrt(s) + eps)
- adam:                  m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g**2;
                         x -= lr (m / (1-b1**k)) / (sqrt(v / (1-b2**k)) + eps)

>>> r = minimize_first_order("(x - 1)**2 + 2*(y + 1)**2", [0, 0], "nesterov")
>>> r.success, [round(float(v), 6) for v in r.x], r.settings["momentum"]
(True, [1.0, -1.0], 0.9)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np

from .calculus import Expr, Variables
from .compiled import Compiled
from .errors import InputError
from .optimize import OptimizeResult, _escape_note, _interruptible, _norm, _Run, _start, largest_curvature

METHODS = ("gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam")
# Literature defaults (torch.optim; Kingma & Ba 2015 for Adam; Sutskever et al. 2013 for mu = 0.9).
HYPER = {"gd": {}, "momentum": {"momentum": 0.9}, "nesterov": {"momentum": 0.9},
         "adagrad": {"eps": 1e-10}, "rmsprop": {"beta": 0.99, "eps": 1e-8},
         "adam": {"beta1": 0.9, "beta2": 0.999, "eps": 1e-8}}
# --lr auto: 1/L where the step is a gradient step; the usual default where it is normalised.
DEFAULT_LR = {"adagrad": 0.01, "rmsprop": 0.01, "adam": 0.001}


class _Rule:
    """One method's update: ``delta(g, k)`` is the step x_{k+1} - x_k, with state kept inside."""

    def __init__(self, method: str, lr: float, settings: dict[str, float], n: int) -> None:
        self.method, self.lr, self.s = method, lr, settings
        self.reset(n)

    def reset(self, n: int) -> None:
        self.a = np.zeros(n)  # momentum buffer, sum of squares, or first moment
        self.b = np.zeros(n)  # second moment (adam)
        self.k = 0

    def delta(self, g: np.ndarray) -> np.ndarray:
        s, lr = self.s, self.lr
        self.k += 1
        with np.errstate(over="ignore", invalid="ignore"):
            if self.method == "gd":
                return -lr * g
            if self.method in ("momentum", "nesterov"):
                self.a = s["momentum"] * self.a + g
                return -lr * (g + s["momentum"] * self.a if self.method == "nesterov" else self.a)
            if self.method == "adagrad":
                self.a = self.a + g * g
                return -lr * g / (np.sqrt(self.a) + s["eps"])
            if self.method == "rmsprop":
                self.a = s["beta"] * self.a + (1 - s["beta"]) * g * g
                return -lr * g / (np.sqrt(self.a) + s["eps"])
            # adam, with bias correction
            b1, b2 = s["beta1"], s["beta2"]
            self.a = b1 * self.a + (1 - b1) * g
            self.b = b2 * self.b + (1 - b2) * g * g
            m_hat, v_hat = self.a / (1 - b1 ** self.k), self.b / (1 - b2 ** self.k)
            return -lr * m_hat / (np.sqrt(v_hat) + s["eps"])


def settings_for(method: str, given: dict[str, float | None]) -> dict[str, float]:
    """The method's hyper-parameters: the ones given, the literature's defaults for the rest.

    >>> settings_for("adam", {"beta1": 0.8, "momentum": None})
    {'beta1': 0.8, 'beta2': 0.999, 'eps': 1e-08}
    """
    if method not in HYPER:
        raise InputError(f"unknown method {method!r}: one of {', '.join(METHODS)}")
    unused = sorted(k for k, v in given.items() if v is not None and k not in HYPER[method])
    if unused:
        raise InputError(f"--{unused[0]} does not apply to {method} (its options: "
                         f"{', '.join('--' + k for k in HYPER[method]) or 'none but --lr'})")
    settings = {k: float(given[k]) if given.get(k) is not None else v for k, v in HYPER[method].items()}
    for name, value in settings.items():
        low_ok = name == "momentum"
        if not (math.isfinite(value) and (0 <= value if low_ok else 0 < value) and (value < 1 or name == "eps")):
            raise InputError(f"--{name} must be in {'[0, 1)' if name != 'eps' else '(0, inf)'}, got {value}")
    return settings


def minimize_first_order(f: Expr | Compiled, x0: Sequence[float], method: str = "gd", variables: Variables = None,
                         lr: float | None = None, tol: float = 1e-8, max_iter: int = 10_000,
                         progress: Callable[[int], None] | None = None, **hyper: float | None) -> OptimizeResult:
    """Minimize with one first-order ``method`` (see ``METHODS``); ``lr=None`` is --lr auto.

    ``hyper``: momentum, beta, beta1, beta2, eps (those that apply; the rest default).
    """
    from .hvp import compile_first_order

    settings = settings_for(method, hyper)
    c = f if isinstance(f, Compiled) else compile_first_order(f, variables)
    c, x = _start(c, x0, variables)
    if lr is None and method not in DEFAULT_LR:
        curvature = largest_curvature(c, x)
        if not curvature > 0:
            raise InputError("--lr auto needs positive curvature at x0 (largest Hessian eigenvalue <= 0): give --lr")
        lr = 1.0 / curvature
    elif lr is None:
        lr = DEFAULT_LR[method]
    if not (lr > 0 and math.isfinite(lr)):
        raise InputError(f"the learning rate must be positive, got {lr}")
    result = _descend(c, x, method, lr, settings, tol, max_iter, progress)
    result.settings = {"lr": lr, **settings}
    return result


def gradient_descent(f: Expr | Compiled, x0: Sequence[float], variables: Variables = None,
                     lr: float | None = None, tol: float = 1e-8, max_iter: int = 10_000,
                     progress: Callable[[int], None] | None = None) -> OptimizeResult:
    """Fixed-step gradient descent; ``lr=None`` takes 1/L with L the largest eigenvalue at x0.

    Where the gradient vanishes at a saddle or maximum (x0 included) it steps
    off along the most negative curvature and carries on.

    >>> r = gradient_descent("(x - 1)**2", [0], lr=0.25)
    >>> r.success, round(float(r.x[0]), 6), r.lr
    (True, 1.0, 0.25)
    """
    c, x = _start(f, x0, variables)
    if lr is None:
        curvature = largest_curvature(c, x)
        if curvature <= 0:
            raise InputError("--lr auto needs positive curvature at x0 (largest Hessian eigenvalue <= 0)")
        lr = 1.0 / curvature
    if not lr > 0 or not math.isfinite(lr):
        raise InputError(f"the learning rate must be positive, got {lr}")
    return _descend(c, x, "gd", lr, {}, tol, max_iter, progress)


def _descend(c: Compiled, x: np.ndarray, method: str, lr: float, settings: dict[str, float], tol: float,
             max_iter: int, progress: Callable[[int], None] | None) -> OptimizeResult:
    run = _Run(method, c, x, tol)
    rule = _Rule(method, lr, settings, len(x))
    result = _interruptible(run, lambda: _iterate(run, rule, max_iter, progress))
    if method == "gd":
        result.lr = lr
    return result


def _iterate(run: _Run, rule: _Rule, max_iter: int, progress: Callable[[int], None] | None) -> OptimizeResult:
    c, tol = run.c, run.tol
    run.record()
    while True:
        x, fx, g = run.point
        note = ""
        if _norm(g) <= tol:
            verdict = run.judge()
            x_new = None if verdict.success or run.nit >= max_iter else run.escape(verdict)
            if x_new is None:
                return run.finish(verdict, f"maximum iterations ({max_iter}) reached")
            note = _escape_note(verdict)
            rule.reset(len(x))  # the momentum and scales belong to the slope left behind
        elif run.nit >= max_iter:
            return run.finish(run.judge(), f"maximum iterations ({max_iter}) reached")
        else:
            with np.errstate(over="ignore", invalid="ignore"):
                x_new = x + rule.delta(g)
        with np.errstate(over="ignore", invalid="ignore"):
            run.point = (x_new, c.value(x_new), c.gradient(x_new))
        run.nit += 1
        run.record(_norm(x_new - x), note=note)
        _, fx, g = run.point
        if not (math.isfinite(fx) and np.all(np.isfinite(g))):
            return run.finish(run.judge(), "diverged: f or its gradient is not finite")
        if progress:
            progress(run.nit)


OTHERS = ("newton", "newton-cg", "bfgs", "lbfgs")


def parse_methods(text: str) -> list[str]:
    """``gd,adam,newton`` as a list of known method names (each once, in order).

    >>> parse_methods("gd, Adam,newton")
    ['gd', 'adam', 'newton']
    """
    names = [part.strip().lower() for part in text.split(",") if part.strip()]
    unknown = [name for name in names if name not in METHODS + OTHERS]
    if unknown or not names:
        raise InputError(f"--methods takes a comma-separated list of {', '.join(METHODS + OTHERS)}"
                         + (f"; unknown: {unknown[0][:40]}" if unknown else ""))
    return list(dict.fromkeys(names))


def compare_methods(c: Compiled, x0: Sequence[float], methods: Sequence[str], tol: float = 1e-8,
                    lr: float | None = None, max_iter: int | None = None) -> list[OptimizeResult]:
    """Each method from the same start, with its defaults unless ``lr`` / ``max_iter`` are given.

    ``lr`` applies to the first-order methods only. ``c`` may be a full compile
    (needed by newton) or a Hessian-free one; newton-cg needs H.v products and
    gets its own Hessian-free compile if ``c`` has none.
    """
    from .hvp import HessianFree
    from .newtoncg import newton_cg
    from .optimize import bfgs, lbfgs, newton

    budget = {"newton": 500, "newton-cg": 500, "bfgs": 1000, "lbfgs": 1000}
    runs = []
    for method in methods:
        limit = max_iter if max_iter is not None else budget.get(method, 10_000)
        c.nfev = c.njev = c.nhev = 0
        if method in METHODS:
            runs.append(minimize_first_order(c, x0, method, lr=lr, tol=tol, max_iter=limit))
        elif method == "newton-cg":
            runs.append(newton_cg(c if isinstance(c, HessianFree) else c.expression, x0, c.variables, tol, limit))
        else:
            runs.append({"newton": newton, "bfgs": bfgs, "lbfgs": lbfgs}[method](c, x0, tol=tol, max_iter=limit))
    return runs
