"""The JSON contract: every key any command writes, its type and its meaning, in one place.

The JSON views (``taylorcli/render``) build their objects with ``entry``, which refuses
a key this module does not define; ``schema(command)`` is the JSON Schema (draft
2020-12) of a command's output, committed as ``schemas/<command>.schema.json`` and
printed by ``taylor schema COMMAND``.

Conventions (the README's "JSON contract" section is generated from this module):

* An exact value is a string the parser reads back (``"sqrt(2)/2"``). Its float, where
  one is given, is the twin key named ``<key>_float`` (``value`` / ``value_float``).
* A point is an object from variable name to exact string: ``at`` (where a command
  evaluates), ``x0`` (where an optimizer starts), ``point`` (a point a command found).
* Every input is echoed under the name of its option (``x0``, ``lr``, ``tol``, ...).
* A key has one type and one meaning wherever it appears, at the top level and in every
  item list (contract version 2: ``CHANGES_V2`` lists what moved from version 1).

>>> entry(expression="x**2", variables=["x"])
{'expression': 'x**2', 'variables': ['x']}
>>> schema("eval")["oneOf"][0]["properties"]["value"]["type"]
'string'
"""

from __future__ import annotations

from typing import Any

DRAFT = "https://json-schema.org/draft/2020-12/schema"
VERSION = 2  # the contract's version: a key renamed, removed or retyped makes the next one (CHANGES_V2)

_STR: dict[str, Any] = {"type": "string"}
_INT: dict[str, Any] = {"type": "integer"}
_BOOL: dict[str, Any] = {"type": "boolean"}
_FLOAT: dict[str, Any] = {"type": ["number", "null"]}  # null: NaN or infinite (strict JSON has neither)
_FLOATS: dict[str, Any] = {"type": "array", "items": _FLOAT}
_STRS: dict[str, Any] = {"type": "array", "items": _STR}
_POINT: dict[str, Any] = {"type": "object", "additionalProperties": _STR}
_POINT_FLOAT: dict[str, Any] = {"type": "object", "additionalProperties": _FLOAT}
_MATRIX: dict[str, Any] = {"type": "array", "items": _STRS}
_NESTED_STR: dict[str, Any] = {"$ref": "#/$defs/exact_nested"}
_NESTED_FLOAT: dict[str, Any] = {"$ref": "#/$defs/float_nested"}
_DEFS: dict[str, Any] = {
    "exact_nested": {"anyOf": [_STR, {"type": "array", "items": {"$ref": "#/$defs/exact_nested"}}]},
    "float_nested": {"anyOf": [_FLOAT, {"type": "array", "items": {"$ref": "#/$defs/float_nested"}}]},
}

# key -> (JSON Schema of its value, what it means). Nested objects (items of ``points``,
# ``runs``, ``trace``, ...) draw their keys from here too; ``ITEMS`` lists them.
KEYS: dict[str, tuple[dict[str, Any], str]] = {
    # what was asked
    "expression": (_STR, "The expression as parsed, in the syntax the parser reads back (jacobian: the "
                         "functions joined by `; `)."),
    "functions": (_STRS, "jacobian: the functions, one string each."),
    "variables": (_STRS, "The variables, in the order every vector, matrix and point uses."),
    "at": (_POINT, "The point where the command evaluates (input --at): variable name -> exact value."),
    "x0": (_POINT, "The start point (input --x0): variable name -> exact value."),
    "order": (_INT, "The derivative or expansion order (input --order)."),
    "orders": ({"type": "array", "items": _INT}, "The Taylor orders drawn (input --order of plot)."),
    "tol": (_FLOAT, "The gradient-norm tolerance (input --tol)."),
    "max_iter": (_INT, "The iteration limit (input --max-iter)."),
    "lr": (_FLOAT, "The learning rate: the input --lr, or what --lr auto chose (1/L at x0)."),
    "memory": (_INT, "L-BFGS correction pairs kept (input --memory)."),
    "momentum": (_FLOAT, "The momentum coefficient mu of heavy-ball and Nesterov (input --momentum)."),
    "beta": (_FLOAT, "RMSprop's decay of the squared-gradient average (input --beta)."),
    "beta1": (_FLOAT, "Adam's decay of the gradient average (input --beta1)."),
    "beta2": (_FLOAT, "Adam's decay of the squared-gradient average (input --beta2)."),
    "eps": (_FLOAT, "The term added to the denominator of the adaptive methods (input --eps)."),
    "mean": (_POINT, "The mean of X (input --mean): variable name -> exact value."),
    "cov": (_MATRIX, "The covariance matrix of X (input --cov, or --var on the diagonal), exact."),
    "region": ({"type": "array", "items": {"type": "array", "items": _FLOAT, "minItems": 2, "maxItems": 2}},
               "The search box (input --region): [low, high] per variable."),
    "samples": (_INT, "Monte Carlo samples asked for (input --samples; 0: none)."),
    "seed": ({"type": ["integer", "null"]}, "The random seed (input --seed; null: none)."),
    # exact results and their float twins
    "gradient": (_STRS, "The gradient, exact, one entry per variable."),
    "jacobian": (_MATRIX, "The Jacobian, exact: one row per function, one column per variable."),
    "hessian": (_MATRIX, "The Hessian, exact."),
    "tensor": ({"anyOf": [{"type": "null"}, _NESTED_STR]},
               "The derivative tensor, exact, nested `order` deep; null when too large to write densely "
               "(see `tensor_omitted`, `entries`)."),
    "value": (_STR, "The value of f, exact (where only a float is known: its decimal, which reads back to it)."),
    "value_float": (_FLOAT, "The float of `value`."),
    "numeric": (_NESTED_FLOAT, "The floats of the main result (critical points: their coordinates; coefficients, entries: the value)."),
    "cse": ({"type": "array", "items": {"type": "array", "prefixItems": [_STR, _STR], "minItems": 2,
                                          "maxItems": 2}},
            "With --cse: common subexpressions as [name, exact value], each may use the ones before."),
    "cse_result": (_NESTED_STR, "With --cse: the main result written in terms of the `cse` names."),
    "eigenvalues": (_FLOATS, "Hessian eigenvalues, ascending."),
    "exact_eigenvalues": (_STRS, "Hessian eigenvalues, exact, ascending."),
    "definiteness": ({"type": ["string", "null"]}, "Definiteness of the Hessian at the point."),
    "point": (_POINT, "A point the command found: variable name -> exact value."),
    "point_float": (_POINT_FLOAT, "The floats of `point`."),
    # critical, classify
    "points": ({"type": "array", "items": {"$ref": "#/$defs/points"}}, "The critical points, one object each."),
    "kind": (_STR, "What the point, expansion or picture is (e.g. local minimum; taylor; curves)."),
    "exact": (_BOOL, "Whether the point is known exactly."),
    "note": (_STR, "Why a verdict is what it is, in words."),
    "complete": (_BOOL, "Whether the search proves that every critical point is listed."),
    "method": (_STR, "The method used (search method, optimizer or expansion method)."),
    "sets": (_STRS, "Whole sets of critical points, not listed point by point."),
    # expect
    "first_order": (_STR, "E[f(X)] to first order: f(mu), exact."),
    "second_order": (_STR, "E[f(X)] to second order: f(mu) + tr(H Sigma)/2, exact."),
    "variance": (_STR, "Var[f(X)] ~ grad^T Sigma grad, exact."),
    "first_order_float": (_FLOAT, "The float of `first_order`."),
    "second_order_float": (_FLOAT, "The float of `second_order`."),
    "variance_float": (_FLOAT, "The float of `variance`."),
    "monte_carlo": ({"type": ["object", "null"], "properties": {"mean": _FLOAT, "stderr": _FLOAT, "n": _INT}},
                    "A Monte Carlo estimate of E[f(X)] (null without --samples)."),
    # step
    "grad_norm": (_FLOAT, "The gradient norm |grad f|."),
    "L": (_FLOAT, "The largest Hessian eigenvalue."),
    "predicted_first_order": (_FLOAT, "f after the step, predicted to first order."),
    "predicted_second_order": (_FLOAT, "f after the step, predicted to second order."),
    "actual": (_FLOAT, "f after the step, computed (null without EXPR)."),
    "stable": ({"type": ["boolean", "null"]}, "Whether lr < 2/L."),
    "lr_bound": (_FLOAT, "The stability bound 2/L."),
    # optimizers
    "x": (_FLOATS, "The final iterate as floats, in `variables` order (see `point` for the named form)."),
    "fun": (_FLOAT, "f at the final iterate."),
    "nit": (_INT, "Iterations taken."),
    "nfev": (_INT, "Evaluations of f."),
    "njev": (_INT, "Evaluations of the gradient."),
    "nhev": (_INT, "Evaluations of the Hessian."),
    "success": (_BOOL, "Whether the run ended at a verified local minimum."),
    "message": (_STR, "How the run ended, in words."),
    "verdict": (_STR, "What the final point is: minimum, degenerate, saddle, maximum, unbounded, ..."),
    "min_eigenvalue": (_FLOAT, "The smallest Hessian eigenvalue at the final iterate."),
    "trace": ({"type": "array", "items": {"$ref": "#/$defs/trace"}}, "With --trace only: every iteration."),
    "k": (_INT, "The iteration number."),
    "f": (_FLOAT, "f at the iterate."),
    "step": (_FLOAT, "The length of the step that reached the iterate."),
    "min_eig": (_FLOAT, "The smallest Hessian eigenvalue at the iterate (Newton)."),
    "runs": ({"type": "array", "items": {"$ref": "#/$defs/runs"}}, "One object per optimizer run."),
    "distance": (_FLOAT, "Distance to the best final iterate (compare); distance to the point (convergence)."),
    "seconds": (_FLOAT, "Wall time of the run in seconds."),
    # expand
    "degree": (_STR, "How the order counts: total degree, or per variable."),
    "polynomial": (_STR, "The Taylor polynomial, lowest degree first."),
    "terms": ({"type": "array", "items": {"$ref": "#/$defs/terms"}}, "The polynomial's terms by degree."),
    "power": ({"type": ["integer", "string"]},
              "A term's total degree: an integer, or an exact fraction (a string) in a Puiseux series."),
    "coefficients": ({"type": "array", "items": {"$ref": "#/$defs/coefficients"}},
                     "The coefficients, one per monomial."),
    "powers": ({"type": "array", "items": {"type": ["integer", "string"]}},
               "The exponent of each variable's offset in a monomial."),
    "remainder": (_STR, "The order of the remainder, as O(...)."),
    "side": ({"type": ["string", "null"]}, "For a one-sided series: + or -; null if two-sided."),
    "check": ({"$ref": "#/$defs/check"}, "With --check: the actual errors at a point."),
    "errors": ({"type": "array", "items": {"$ref": "#/$defs/errors"}}, "The error of each order."),
    "approximation": (_FLOAT, "The Taylor polynomial's value."),
    "taylor_error": (_FLOAT, "|f - T| at the point: the Taylor polynomial's actual error."),
    "observed_order": (_FLOAT, "The order the errors show: log2 of the ratio to the previous row (null first)."),
    "lagrange_bound": ({"$ref": "#/$defs/lagrange_bound"}, "With --check (one variable): the Lagrange bound."),
    "interval": ({"type": ["array", "null"], "items": _STR}, "The interval the bound holds on, exact."),
    "bound": (_FLOAT, "The bound on the error."),
    "convergence": ({"type": "array", "items": {"$ref": "#/$defs/convergence"}},
                    "With --check-h: the error as the step halves."),
    "scale": (_STR, "The factor applied to the --check step, exact."),
    # plot
    "file": (_STR, "The file written."),
    "width": (_INT, "The picture's width in pixels."),
    "height": (_INT, "The picture's height in pixels."),
    "polynomials": ({"type": "object", "additionalProperties": _STR},
                    "The Taylor polynomial of each order drawn, lowest degree first."),
    # sparse derivative tensors
    "tensor_omitted": (_STR, "Why `tensor` is null: its dense form is too large; `entries` lists the nonzero partials."),
    "entries": ({"type": "array", "items": {"$ref": "#/$defs/entries"}},
                "The nonzero distinct partials of a large or mostly-zero tensor (sorted indices)."),
    "index": ({"type": "array", "items": _INT}, "A partial's sorted variable indices (from 0)."),
    "hessian_form": ({"type": "string", "enum": ["dense", "sparse"]}, "Newton: whether its Hessian was dense or sparse (scipy CSR)."),
    "multipliers": (_POINT, "critical --subject-to: the Lagrange multiplier of each constraint, exact."),
    "constraints": (_STRS, "critical --subject-to: the constraints, each as an exact 'g = 0'."),
    "params": (_POINT, "The parameters (input --param): name -> exact value, substituted as constants."),
    # taylor laplace (floats under the plain names, as the issue named them; exact twins under *_exact)
    "n": (_STR, "The factor n in the integral of exp(-n f), exact (input --n)."),
    "x_star": (_FLOATS, "The minimiser x* of f, floats."),
    "x_star_exact": (_STRS, "The minimiser x*, exact (present when `exact` is true)."),
    "log_integral": (_FLOAT, "log of the Laplace approximation of the integral of exp(-n f)."),
    "log_integral_exact": (_STR, "log_integral, exact."),
    "integral": (_FLOAT, "The Laplace approximation of the integral of exp(-n f)."),
    "covariance": ({"type": "array", "items": _FLOATS}, "The Gaussian approximation's covariance (n H(x*))^-1, floats."),
    "covariance_exact": (_MATRIX, "The covariance, exact."),
    "exact": (_BOOL, "Whether x* and H(x*) were found exactly (the *_exact keys are present)."),
    "correction": (_FLOAT, "With --correction: the O(1/n) term added to log_integral."),
    "correction_exact": (_STR, "The O(1/n) correction, exact."),
    "log_integral_corrected": (_FLOAT, "log_integral plus the O(1/n) correction."),
    "integral_check": ({"$ref": "#/$defs/integral_check"}, "With --check: the integral computed numerically."),
    "log_error": (_FLOAT, "With --check: the numeric integral's error estimate (standard error for Monte Carlo)."),
    # taylor pade
    "pade": (_STR, "The Pade approximant P/Q, exact, with Q(a) = 1."),
    "numerator": (_STR, "The Pade numerator P, a polynomial in (x - a) of degree <= M."),
    "denominator": (_STR, "The Pade denominator Q, a polynomial in (x - a) of degree <= N, Q(a) = 1."),
    "taylor": (_STR, "The Taylor polynomial of the same total degree M + N, for comparison."),
    "pade_order": ({"type": "array", "items": _INT, "minItems": 2, "maxItems": 2},
                   "[M, N]: the degrees of the numerator and the denominator (input --order)."),
    "checks": ({"type": "array", "items": {"$ref": "#/$defs/checks"}}, "With --check: one object per point."),
    "pade_value": (_FLOAT, "P/Q at the point."),
    "taylor_value": (_FLOAT, "The Taylor polynomial of degree M + N at the point."),
    "pade_error": (_FLOAT, "|f - P/Q| at the point."),
    # taylor expand --radius
    "radius": ({"type": ["string", "null"]},
               "The radius of convergence, exact (oo for an entire function); null when only a float is known."),
    "radius_numeric": (_FLOAT, "The radius as a float; null for infinity (strict JSON)."),
    "nearest_singularity": ({"anyOf": [{"type": "null"}, _POINT]},
                            "The nearest complex singularity: {re, im} as exact strings; null if none."),
    "singularities_at_radius": ({"type": "array", "items": _POINT},
                                "Every singularity at that distance: {re, im} as exact strings."),
    "radius_terms": ({"type": ["integer", "null"]}, "Coefficients used by an estimate (method estimate)."),
    "radius_uncertainty": (_FLOAT, "The stated uncertainty of an estimate; null when exact."),
    "radius_note": (_STR, "How the radius was found."),
    # taylor complexity
    "function": (_STR, "complexity: the function measured (input --function): rosenbrock, powell, tridiagonal, "
                       "or a term template in x{i}, x{i+1}, ... summed over i."),
    "sizes": ({"type": "array", "items": _INT}, "complexity: the numbers of variables n measured (input --n)."),
    "dense_max": (_INT, "complexity: the largest n at which the dense Hessian and dense solve are formed "
                        "(input --dense-max)."),
    "repeat": (_INT, "complexity: each time is the best of this many (input --repeat)."),
    "measurements": ({"type": "array", "items": {"$ref": "#/$defs/measurements"}},
                     "complexity: one object per operation and n."),
    "size": (_INT, "complexity: the number of variables n of a measurement."),
    "operation": (_STR, "complexity: what was measured: parse, compile_first_order, compile_sparse, gradient, "
                        "hvp, sparse_hessian, dense_hessian, newton_dense, newton_sparse."),
    "bytes": ({"type": ["integer", "null"]}, "complexity: the bytes of what the operation built (its result, "
                                              "matrix or LU factors); null for a one-time step or when skipped."),
    "growth": ({"type": "array", "items": {"$ref": "#/$defs/growth"}},
               "complexity: the fitted growth of each operation's cost."),
    "time_exponent": (_FLOAT, "complexity: k in seconds ~ n^k, the least-squares slope on log-log axes "
                              "(null under two measured sizes)."),
    "memory_exponent": (_FLOAT, "complexity: k in bytes ~ n^k, as time_exponent (null where no bytes)."),
    # --batch failures
    "line": (_INT, "--batch: the input line number (from 1)."),
    "input": (_STR, "--batch: the input line."),
    "error": (_STR, "--batch: why the line failed, in one line."),
    "exit_status": (_INT, "--batch: the exit status the line would have had alone."),
}

# Version 1 -> 2 (issue 10: one type, one meaning per key): what a consumer of version 1 changes.
CHANGES_V2: list[tuple[str, str]] = [
    ("`jacobian`: `expression` (a list)", "`expression` is one string (the functions joined by `; `, as --batch "
     "reads them); the list is `functions`"),
    ("`expect`: `numeric` (an object)", "`first_order_float`, `second_order_float`, `variance_float`"),
    ("`step`, `critical`/`classify` `points[]`, `expand` `check`: `value` (a float)",
     "`value` is exact (a string); its float is `value_float`"),
    ("`critical`/`classify` `points[].x` (an object of strings or floats)", "`point` (exact strings), "
     "`point_float` (floats)"),
    ("`expand` `terms[].degree`, `terms[].expr`", "`terms[].power`, `terms[].expression`"),
    ("`expand` `check.errors[].error`, `convergence[].error`, `convergence[].order`",
     "`taylor_error`, `taylor_error`, `observed_order`"),
    ("`laplace`: `value` (a float), `value_exact`, `x0` (floats), `check`",
     "`value` (exact string), `value_float`, `x0` (a point: name -> string), `integral_check`"),
    ("`pade`: `order` ([M, N]), `check` (a list of objects with `at` a string and float `value`, `pade`, `taylor`)",
     "`pade_order`, `checks` (objects with `at` a point, `value` exact, `value_float`, `pade_value`, "
     "`taylor_value`)"),
]

_RESULT = ["expression", "variables"]
_AT = ["at", "numeric"]
_RUN = ["method", "variables", "x", "fun", "grad_norm", "nit", "nfev", "njev", "nhev", "success", "message",
        "verdict", "min_eigenvalue", "expression", "point", "point_float"]
_HYPER = ["lr", "momentum", "beta", "beta1", "beta2", "eps"]  # the first-order family's, as they apply
_OPTIMIZER = (_RUN + ["x0", "tol", "max_iter"], ["trace"])

# command -> (keys always present, keys present when asked for or when they apply)
COMMANDS: dict[str, tuple[list[str], list[str]]] = {
    "gradient": (_RESULT + ["gradient"], _AT + ["cse", "cse_result"]),
    "jacobian": (_RESULT + ["functions", "jacobian"], _AT + ["cse", "cse_result"]),
    "hessian": (_RESULT + ["hessian"], _AT + ["eigenvalues", "definiteness", "cse", "cse_result"]),
    "derivative": (_RESULT + ["order", "tensor"], _AT + ["cse", "cse_result", "tensor_omitted", "entries"]),
    "eval": (_RESULT + ["value"], _AT + ["value_float", "cse", "cse_result"]),
    "expand": (_RESULT + ["at", "order", "degree", "polynomial", "terms", "coefficients", "remainder", "kind",
                          "side"], ["check", "lagrange_bound", "convergence", "radius", "radius_numeric",
                                    "nearest_singularity", "singularities_at_radius", "method", "radius_terms",
                                    "radius_uncertainty", "radius_note"]),
    "laplace": (_RESULT + ["n", "x0", "x_star", "value", "value_float", "log_integral", "integral", "covariance",
                           "exact"],
                ["x_star_exact", "log_integral_exact", "covariance_exact", "correction",
                 "correction_exact", "log_integral_corrected", "integral_check"]),
    "pade": (_RESULT + ["at", "pade_order", "pade", "numerator", "denominator", "taylor"], ["checks"]),
    "newton": (_OPTIMIZER[0], _OPTIMIZER[1] + ["hessian_form"]),
    "gd": (_OPTIMIZER[0] + ["lr"], _OPTIMIZER[1] + _HYPER[1:]),
    "bfgs": _OPTIMIZER,
    "lbfgs": (_OPTIMIZER[0] + ["memory"], _OPTIMIZER[1]),
    "minimize": _OPTIMIZER,
    "compare": (["runs", "expression", "variables", "x0", "tol"], []),
    "critical": (_RESULT + ["points"], ["complete", "method", "sets", "region", "constraints"]),
    "classify": (_RESULT + ["points", "at"], []),
    "expect": (_RESULT + ["first_order", "second_order", "variance", "first_order_float", "second_order_float",
                          "variance_float", "monte_carlo", "mean", "cov", "samples", "seed"], []),
    "step": (["value", "value_float", "grad_norm", "L", "lr", "predicted_first_order", "predicted_second_order",
              "actual", "stable", "lr_bound"], ["expression", "variables", "at"]),
    "plot": (["file", "kind", "width", "height", "polynomials", "expression", "variables"], ["orders", "at"]),
    "complexity": (["function", "sizes", "dense_max", "repeat", "measurements", "growth"], []),
}

# container key -> (keys of each item always present, keys present when they apply)
ITEMS: dict[str, tuple[list[str], list[str]]] = {
    "points": (["numeric", "value", "eigenvalues", "kind", "exact", "point", "point_float", "value_float"],
               ["exact_eigenvalues", "note", "multipliers"]),
    "trace": (["k", "x", "f", "grad_norm", "step"], ["min_eig", "note"]),
    "runs": (_RUN + ["distance", "seconds"], _HYPER + ["hessian_form"]),
    "terms": (["power", "expression"], []),
    "coefficients": (["powers", "value", "numeric"], []),
    "check": (["at", "value", "value_float", "errors"], []),
    "errors": (["order", "approximation", "taylor_error"], []),
    "lagrange_bound": (["interval", "bound", "note"], []),
    "convergence": (["scale", "distance", "taylor_error", "observed_order"], []),
    "entries": (["index", "value"], ["numeric"]),
    "integral_check": (["log_integral", "log_error", "method"], []),
    "checks": (["at", "value", "value_float", "pade_value", "pade_error", "taylor_value", "taylor_error"], []),
    "measurements": (["size", "operation", "seconds", "bytes"], ["note"]),
    "growth": (["operation", "time_exponent", "memory_exponent"], []),
}

BATCH_FAILURE = (["line", "error", "exit_status"], ["input"])


def entry(**values: Any) -> dict[str, Any]:
    """A JSON object whose keys the contract defines (a typo or a new key fails here, not downstream).

    >>> entry(valu="1")
    Traceback (most recent call last):
    ...
    KeyError: "JSON key 'valu' is not in the contract: add it to KEYS in taylorcli/contract.py"
    """
    for key in values:
        if key not in KEYS:
            raise KeyError(f"JSON key {key!r} is not in the contract: add it to KEYS in taylorcli/contract.py")
    return dict(values)


def _type(key: str) -> dict[str, Any]:
    return {**KEYS[key][0], "description": KEYS[key][1]}


def _object(required: list[str], optional: list[str]) -> dict[str, Any]:
    return {"type": "object", "properties": {key: _type(key) for key in required + optional},
            "required": list(required), "additionalProperties": False}


def schema(command: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``taylor COMMAND --format json``, and of its --batch lines."""
    if command not in COMMANDS:
        raise KeyError(f"no JSON contract for command {command!r}: add it to COMMANDS in taylorcli/contract.py")
    required, optional = COMMANDS[command]
    result = _object(required, optional + ["params"])  # --param: every command
    line = _type("line")
    result["properties"]["line"] = line  # --batch adds the input line number to each result
    failure = _object(*BATCH_FAILURE)
    defs = dict(_DEFS)
    defs.update({name: _object(*keys) for name, keys in ITEMS.items()})
    return {"$schema": DRAFT, "$id": f"https://taylorcli.invalid/schemas/{command}.schema.json",
            "title": f"taylor {command} --format json", "$comment": f"taylorcli JSON contract version {VERSION}",
            "description": "A result, or (--batch) a failed line's error object.",
            "oneOf": [result, failure], "$defs": defs}


def readme_table() -> str:
    """The README's contract tables: the keys of each command, then each key's type and meaning."""
    lines = ["| command | keys (always) | keys (when asked or when they apply) |", "|---|---|---|"]
    for command, (required, optional) in COMMANDS.items():
        lines.append(f"| `{command}` | {', '.join(f'`{k}`' for k in required)} | "
                     f"{', '.join(f'`{k}`' for k in optional)} |")
    lines += ["", "| key | type | meaning |", "|---|---|---|"]
    for key, (value, meaning) in KEYS.items():
        lines.append(f"| `{key}` | {_type_name(value)} | {meaning} |")
    lines += ["", "Changes from contract version 1 (one type and one meaning per key):", "",
              "| version 1 | version 2 |", "|---|---|"]
    lines += [f"| {old} | {new} |" for old, new in CHANGES_V2]
    return "\n".join(lines)


def _type_name(value: dict[str, Any]) -> str:
    if "$ref" in value:
        name = value["$ref"].rsplit("/", 1)[-1]
        return {"exact_nested": "nested lists of exact strings", "float_nested": "nested lists of floats"}.get(
            name, "object")
    if "anyOf" in value:
        return " or ".join(_type_name(v) for v in value["anyOf"])
    kind = value.get("type")
    kinds = kind if isinstance(kind, list) else [kind]
    names = {"string": "string", "integer": "integer", "number": "float", "boolean": "boolean", "null": "null",
             "object": "object", "array": "list"}
    text = " or ".join(names[k] for k in kinds)
    if "additionalProperties" in value:
        text += " (name -> " + _type_name(value["additionalProperties"]) + ")"
    elif "items" in value and isinstance(value["items"], dict) and "$ref" not in value["items"]:
        text += " of " + _type_name(value["items"])
    return text


def schema_text(command: str) -> str:
    """The committed text of ``schemas/<command>.schema.json``."""
    import json

    return json.dumps(schema(command), indent=2) + "\n"


def write_schemas(folder: str) -> None:
    """Regenerate the committed schema files: ``python -c 'from taylorcli.contract import write_schemas; write_schemas("schemas")'``."""
    from pathlib import Path

    for command in COMMANDS:
        (Path(folder) / f"{command}.schema.json").write_text(schema_text(command))
