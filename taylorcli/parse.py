"""Text -> SymPy expressions, variables and points: the only door for user input.

The text is read with Python's ``ast`` module (which only builds a syntax tree
and runs nothing), checked against a whitelist of node kinds, and turned into
SymPy objects node by node. No user text ever reaches ``eval``, ``exec``,
``sympify``, ``parse_expr`` or ``S()``, and no string is ever handed to a SymPy
function: SymPy re-parses strings with its own, unsafe namespace.

Every limit exists so that hostile input is rejected cheaply, before SymPy
starts an exact computation that could take hours (``9**9**9``). The checks on
the raw text and their limits are in ``parse_text.py``, the cutting and fast
building of long sums in ``parse_large.py``: both only serve this module.

>>> parse_expression("x^2 + sin(y)")
x**2 + sin(y)
"""

from __future__ import annotations

import ast
import difflib
import math
import re
from decimal import Decimal, InvalidOperation

import sympy as sp

from .errors import InputError, LimitError, ParseError, printable
from .options import MAX_LENGTH, MAX_NODES, MAX_STDIN_LENGTH, MAX_STDIN_NODES, StdinText  # noqa: F401
from .parse_fast import inert_call, number, real_by_shape, real_symbol
from .parse_product import mul, product  # parse_fast.product, sums as factors and repeated bases merged as Mul does
from .parse_merge import total  # parse_fast.total, repeated terms merged as Add does (parse_merge)
from .parse_pow import _MEMO, _mark_finite, _polynomial, finite_by_shape, power  # noqa: F401
from .parse_calls import call as nested_call
from .parse_quick import exceeds, integer
from .parse_direct import one_pass
from .parse_defined import integer_powers
from .parse_single import one_name
from . import parse_large
from .parse_large import _pieces, _top_level_signs, build_large  # noqa: F401 - long sums
# The text checks and limits live in parse_text.py; their names stay importable from here.
from .parse_text import (  # noqa: F401
    MAX_DECIMAL_EXPONENT, MAX_DEPTH, MAX_DIGITS, MAX_EXACT_DIGITS, MAX_EXPONENT, MAX_NAME, _budget, _check_text,
    _located, _name_error, _plain_words, _Positions, check_keywords,
)
from .vocabulary import CONSTANTS, FUNCTIONS, RESERVED, Function  # noqa: F401 - the parser's names

_BINARY: dict[type, str] = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**"}
_REFUSED_OPERATORS = {
    ast.FloorDiv: "'//' is not supported; use '/'",
    ast.Mod: "'%' is not supported",
    ast.MatMult: "'@' is not supported",
}

# Python's names for syntax (Tuple, Compare, Subscript) mean nothing to a user: plain words.
_NODE_WORDS = {
    "List": "a list in [ ]", "Set": "a set in { }", "Dict": "a dictionary in { }",
    "Compare": "a comparison (<, >, ==)", "BoolOp": "'and'/'or'", "IfExp": "'if ... else'",
    "Subscript": "indexing with [ ]", "Attribute": "a '.' after a name", "Lambda": "'lambda'",
    "Starred": "'*' unpacking", "JoinedStr": "a string", "Slice": "a slice", "NamedExpr": "':='",
    "ListComp": "a comprehension", "GeneratorExp": "a comprehension", "SetComp": "a comprehension",
    "DictComp": "a comprehension", "Await": "'await'", "Yield": "'yield'",
}


def symbol(name: str) -> sp.Symbol:
    """The real SymPy symbol for a validated variable name.

    >>> symbol("x1")
    x1
    """
    problem = _name_error(name) if isinstance(name, str) else "a name must be text"
    if problem:
        raise InputError(problem)
    return real_symbol(name)


class _Builder:
    """Turns a vetted syntax tree into SymPy, iteratively (no recursion limit).

    Alongside each SymPy value it carries a float estimate for constant
    subexpressions (``None`` once a variable is involved), so that a constant
    which would overflow, or is undefined, is refused before SymPy computes it
    exactly.
    """

    def __init__(self, source: str, positions: _Positions, max_nodes: int = MAX_NODES, where: str = "") -> None:
        self.source = source
        self.positions = positions
        self.nodes = 0
        self.max_nodes, self.where = max_nodes, where
        self.offset = 0  # where the piece being built starts in source (see _pieces)
        self.symbols: dict[str, sp.Symbol] = {}  # placeholder names (parse_large's templates only)

    def error(self, message: str, node: ast.AST, cls: type[ParseError] = ParseError) -> ParseError:
        offset = getattr(node, "col_offset", None)
        return cls(message, None if offset is None else self.positions.original(offset + self.offset))

    def segment(self, node: ast.AST) -> str:
        # The source is one line of ASCII (checked), so offsets index it directly;
        # ast.get_source_segment rescans the whole text on every call.
        return self.source[node.col_offset + self.offset:node.end_col_offset + self.offset]  # type: ignore[attr-defined]

    def snippet(self, node: ast.AST) -> str:
        text = self.segment(node) or "expression"
        return text if len(text) <= 40 else text[:37] + "..."

    def build(self, tree: ast.Expression) -> sp.Expr:
        # Each stack entry: (node, None) to visit, (node, operand count) to combine. Results go on `values`.
        values: list[tuple[sp.Expr, float | None]] = []
        stack: list[tuple[ast.AST, int | None]] = [(tree.body, None)]
        while stack:
            node, count = stack.pop()
            if count is not None:
                values.append(self.combine(node, values, count))
                continue
            self.nodes += 1
            if self.nodes > self.max_nodes:
                raise self.error(f"expression is too large: more than {self.max_nodes:,} syntax nodes "
                                 f"(node limit {self.max_nodes:,} {self.where})", node, LimitError)
            kind = type(node)  # a leaf is combined at once: the same order as through the stack
            if kind is ast.Name or kind is ast.Constant:
                values.append(self.name(node) if kind is ast.Name else self.constant(node))  # type: ignore[arg-type]
                continue
            children = self.children(node)
            stack.append((node, len(children)))
            stack.extend([(child, None) for child in reversed(children)])
        (value, _), = values
        return value

    def children(self, node: ast.AST) -> list[ast.AST]:
        if isinstance(node, (ast.Constant, ast.Name)):
            return []
        if isinstance(node, ast.UnaryOp):
            if not isinstance(node.op, (ast.UAdd, ast.USub)):
                raise self.error("only unary + and - are allowed", node)
            return [node.operand]
        if isinstance(node, ast.BinOp):
            if type(node.op) in _REFUSED_OPERATORS:
                raise self.error(_REFUSED_OPERATORS[type(node.op)], node)
            if type(node.op) not in _BINARY:
                raise self.error("operator not allowed", node)
            return self.chain(node)
        if isinstance(node, ast.Call):
            return self.call_arguments(node)
        if isinstance(node, ast.Tuple):
            raise self.error("a comma is not an operator here: give points with --at 1,2, and the functions "
                             "of a jacobian as separate arguments", node)
        what = _NODE_WORDS.get(type(node).__name__, "this construct")
        raise self.error(f"{what} is not allowed: only numbers, names, + - * / ** and function calls", node)

    @staticmethod
    def chain(node: ast.BinOp) -> list[ast.AST]:
        """Operands of a left-leaning run of + and - (or * and /), flattened.

        SymPy re-flattens on every binary Add, so a 1,000-term sum built pair by
        pair costs O(n^2); one n-ary Add costs O(n).
        """
        group = (ast.Add, ast.Sub) if isinstance(node.op, (ast.Add, ast.Sub)) else (ast.Mult, ast.Div)
        if not isinstance(node.op, group) or isinstance(node.op, ast.Pow):
            return [node.left, node.right]
        operands: list[ast.AST] = []
        while isinstance(node, ast.BinOp) and isinstance(node.op, group):
            operands.append(node.right)
            node = node.left
        operands.append(node)
        return operands[::-1]

    def call_arguments(self, node: ast.Call) -> list[ast.AST]:
        if not isinstance(node.func, ast.Name):
            raise self.error("only direct calls of known functions are allowed", node)
        name = node.func.id
        if node.keywords:
            raise self.error(f"{name}() takes no keyword arguments", node)
        if any(isinstance(arg, ast.Starred) for arg in node.args):
            raise self.error("'*' unpacking is not allowed", node)
        function = FUNCTIONS.get(name)
        if function is None:
            close = difflib.get_close_matches(name, FUNCTIONS, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            raise self.error(f"unknown function '{name}'{hint}", node)
        count = len(node.args)
        if function.arities and count not in function.arities or not function.arities and count < 1:
            wanted = " or ".join(map(str, function.arities)) or "at least 1"
            raise self.error(f"{name}() takes {wanted} argument(s), got {count}", node)
        return list(node.args)

    def combine(self, node: ast.AST, values: list[tuple[sp.Expr, float | None]], count: int) -> tuple[sp.Expr, float | None]:
        args = values[-count:]
        del values[-count:]
        exprs = [a for a, _ in args]
        floats = [f for _, f in args]
        known = all(f is not None for f in floats)
        try:
            return self.apply(node, exprs, floats if known else None)
        except ParseError:
            raise
        except (OverflowError, RecursionError):
            raise self.error(f"constant {self.snippet(node)} is too large", node, LimitError) from None
        except (ValueError, ZeroDivisionError):
            pass
        # The float estimate failed, but floats can be wrong where exact values are
        # fine (tanh(20) - 1 is 0.0 in floats): let SymPy decide, exactly.
        try:
            expr, _ = self.apply(node, exprs, None)
        except (ValueError, TypeError) as error:  # SymPy refuses the arguments (DiracDelta(x, 1/2))
            why = " ".join(str(error).split()).removeprefix("Error: ")
            raise self.error(f"{self.snippet(node)}: {why}", node) from None
        if undefined(expr):
            raise self.error(f"{self.snippet(node)} is undefined or not real", node)
        return expr, None

    def apply(self, node: ast.AST, exprs: list[sp.Expr], floats: list[float] | None) -> tuple[sp.Expr, float | None]:
        if isinstance(node, ast.UnaryOp):
            sign = -1 if isinstance(node.op, ast.USub) else 1
            negated = product([sp.S.NegativeOne, exprs[0]]) if sign < 0 and not exprs[0].is_Rational else None  # -exp(x) (parse_fast)
            if negated is None:
                e = exprs[0]  # (-1 * e is Expr.__rmul__'s Mul(-1, e): parse_product.mul builds -(x + y) by _scaled)
                negated = integer(sign * e.p) if e.is_Integer else mul([sp.S.NegativeOne, e]) if sign < 0 and isinstance(e, sp.Expr) else sign * e
                negated = number(negated) if negated.is_Rational else negated  # kept with its facts (parse_fast)
            return negated, (sign * floats[0] if floats is not None else None)
        if isinstance(node, ast.Call):
            return self.call(node, exprs, floats)
        return self.binary(node, exprs, floats)

    def constant(self, node: ast.Constant) -> tuple[sp.Expr, float]:
        value = node.value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            kind = "imaginary number" if isinstance(value, complex) else type(value).__name__
            raise self.error(f"{kind} literals are not allowed", node)
        literal = self.segment(node) or repr(value)
        text = literal.replace("_", "")
        digits = 0 if type(value) is int and 0 < value < 10**6 else sum(ch.isdigit() for ch in text.lower().split("e")[0])
        if digits > MAX_DIGITS:
            raise self.error(f"number has too many digits (limit {MAX_DIGITS})", node, LimitError)
        if isinstance(value, int):
            return integer(value), float(value)
        try:
            decimal = Decimal(literal)
        except InvalidOperation:
            decimal = Decimal(repr(value))
        if not math.isfinite(value) or abs(decimal.adjusted()) > MAX_DECIMAL_EXPONENT:
            raise self.error(f"number {self.snippet(node)} is out of range", node, LimitError)
        # A decimal literal is read exactly (0.1 is 1/10), as exact calculus wants.
        numerator, denominator = decimal.as_integer_ratio()
        return number(sp.Rational(numerator, denominator)), value

    def name(self, node: ast.Name) -> tuple[sp.Expr, float | None]:
        name = node.id
        if name in self.symbols:
            return self.symbols[name], None
        if name in CONSTANTS:
            return CONSTANTS[name]
        problem = _name_error(name)
        if problem:
            raise self.error(problem, node)
        return real_symbol(name), None

    def call(self, node: ast.Call, exprs: list[sp.Expr], floats: list[float] | None) -> tuple[sp.Expr, float | None]:
        function = FUNCTIONS[node.func.id]  # type: ignore[attr-defined]
        if function.build in (sp.zeta, sp.polygamma) and exprs[0].free_symbols:
            # SymPy has no derivative of zeta(s) in s, nor of polygamma(m, x) in m: every result
            # would hold Derivative(...), which is no closed form and does not read back.
            raise self.error(f"{self.snippet(node)}: the first argument of {node.func.id} must be a constant",  # type: ignore[attr-defined]
                             node)
        estimate = None
        if floats is not None:
            estimate = float(function.estimate(*floats))
            if math.isinf(estimate):
                raise OverflowError
        if function.build is sp.sqrt and len(exprs) == 1:
            built = power(exprs[0], sp.S.Half)  # sqrt(1 + u**2) without Add._eval_power's queries (parse_pow)
        else:
            built = inert_call(function.build, exprs)  # exp(1 - exp(x)) ... without eval's queries (parse_fast)
            if built is None and len(exprs) == 1:  # sin(x - y - z) is -sin(-x + y + z), cos(atan(x)) (parse_calls)
                built = nested_call(function.build, exprs[0])
        return (function.build(*exprs) if built is None else built), estimate

    def binary(self, node: ast.BinOp, exprs: list[sp.Expr], floats: list[float] | None) -> tuple[sp.Expr, float | None]:
        if isinstance(node.op, ast.Pow):
            base, exponent = exprs
            if exponent.is_Number and exceeds(exponent, MAX_EXPONENT):
                raise self.error(f"exponent {self.snippet(node.right)} is too large (limit {MAX_EXPONENT})",
                                 node.right, LimitError)
            estimate = None
            if floats is not None:
                estimate = math.pow(floats[0], floats[1])
            elif base.is_number and base.is_negative and not exponent.is_Integer:
                raise self.error(f"{self.snippet(node)} is not real: a negative base needs a whole-number exponent",
                                 node)
            if base.is_Rational and exponent.is_Integer and base not in (0, 1, -1):
                # (1001/1000)**10000 is close to 1 as a float but has 30,000 exact digits.
                digits = abs(int(exponent)) * math.log10(max(abs(base.p), base.q))
                if digits > MAX_EXACT_DIGITS:
                    raise self.error(f"{self.snippet(node)} has an exact value of about {digits:,.0f} digits "
                                     f"(limit {MAX_EXACT_DIGITS:,}); write it as a decimal or a float", node,
                                     LimitError)
            if base.is_Add and len(base.args) == 2 and exponent.is_Integer:
                _mark_finite(base.args)
            result = power(base, exponent)  # (1 + u**2)**-1 ... without Pow's queries (parse_pow)
            if result is None:
                result = base**exponent
            if isinstance(result, sp.Pow) and result.exp.is_Number and exceeds(result.exp, MAX_EXPONENT):
                raise self.error(f"exponent of {self.snippet(node)} is too large (limit {MAX_EXPONENT})",
                                 node, LimitError)
            return result, self.finite(estimate)
        # Each operand's operator is the one joining it to what precedes it.
        ops = self.chain_operators(node)
        if isinstance(node.op, (ast.Add, ast.Sub)):
            terms = [e if op is ast.Add else _negative(e) for e, op in zip(exprs, ops)]
            estimate = None
            if floats is not None:
                estimate = math.fsum(f if op is ast.Add else -f for f, op in zip(floats, ops))
            built = total(terms)  # 1 - 2*exp(x*y) ... without rebuilding exp (parse_fast)
            return (sp.Add(*terms) if built is None else built), self.finite(estimate)
        factors = [e if op is ast.Mult else _reciprocal(e) for e, op in zip(exprs, ops)]
        built = product(factors)  # exp(x*y)*sin(x + z) ... without rebuilding exp (parse_fast)
        estimate = None
        if floats is not None:
            estimate = 1.0
            for f, op in zip(floats, ops):
                estimate = estimate * f if op is ast.Mult else estimate / f
        return (mul(factors) if built is None else built), self.finite(estimate)

    @staticmethod
    def chain_operators(node: ast.BinOp) -> list[type]:
        group = (ast.Add, ast.Sub) if isinstance(node.op, (ast.Add, ast.Sub)) else (ast.Mult, ast.Div)
        first = ast.Add if group[0] is ast.Add else ast.Mult
        ops: list[type] = []
        while isinstance(node, ast.BinOp) and isinstance(node.op, group):
            ops.append(type(node.op))
            node = node.left
        ops.append(first)
        return ops[::-1]

    @staticmethod
    def finite(estimate: float | None) -> float | None:
        if estimate is not None and math.isinf(estimate):
            raise OverflowError
        return estimate


INFINITE = (sp.zoo, sp.nan, sp.oo, -sp.oo, sp.AccumBounds)  # no value, or not a single one
_UNDEFINED = (*INFINITE, sp.I)
_UNDEFINED_ATOMS = frozenset(a for a in _UNDEFINED if isinstance(a, sp.Basic))  # AccumBounds: a class


def undefined(expr: sp.Expr) -> bool:
    """True if ``expr`` holds an infinity, nan, an interval, or is a constant that is not real.

    SymPy's ``is_real`` on a large expression in real symbols costs seconds of
    assumption deductions (0.75 s on chained Rosenbrock, n = 100), so only
    constants and the functions and fractional powers inside are asked; none where the whole expression
    is real and finite by its shape (parse_pow.finite_by_shape: then every call or power in it is too).
    """
    if finite_by_shape(expr) or integer_powers(expr, True):  # no infinity, nan, I or interval in it, and is_real
        return False  # cannot be False (sound); integer_powers: 1/(1 - x), atan(y/x), no risky node either (parse_defined)
    calls = set()  # One walk for expr.has(*_UNDEFINED) and the set expr.atoms(Function, Pow), in its order
    stack = [expr]  # _preorder_traversal's order (a LatticeOp's _argset), without its nested generators
    while stack:
        node = stack.pop()
        if node in _UNDEFINED_ATOMS or isinstance(node, sp.AccumBounds):
            return True
        if isinstance(node, (sp.Function, sp.Pow)):
            calls.add(node)
        stack.extend(reversed(tuple(getattr(node, "_argset", None) or node.args)))
    if not expr.free_symbols:
        return expr.is_real is False
    # Only the pieces that can leave the reals are asked: log(-Abs(x)), sqrt(-x**2 - 1).
    risky = [node for node in calls
             if not (isinstance(node, sp.Pow) and node.exp.is_Integer) and not real_by_shape(node)]
    return any(node.is_real is False for node in risky[:200])


def _negative(e: sp.Expr) -> sp.Expr:
    """-e, as Mul(-1, e) is built by parse_fast.product where it applies (a kept coefficient)."""
    negated = product([sp.S.NegativeOne, e])
    return -e if negated is None else negated


def _reciprocal(e: sp.Expr) -> sp.Expr:
    """1/e, which is Pow(e, -1), built by parse_pow.power where it applies."""
    built = power(e, sp.S.NegativeOne)
    return 1 / e if built is None else built


# --param values and the notes about what was read live in parameters.py (state of one run).
from .parameters import NOTES, PARAMETERS, USED_PARAMETERS, _note_e, set_parameters, unused_parameters  # noqa: E402,F401


_WHITESPACE = re.compile(r"\s")  # (compiled once: re.sub looks its pattern up on every call)
_NAME_E = re.compile(r"(?<![A-Za-z0-9_])e(?![A-Za-z0-9_])")  # the name e: where a symbol e can come from


def parse_expression(text: str) -> sp.Expr:
    """Parse expression text safely into a SymPy expression with real symbols.

    ``^`` means power, decimals are exact (``0.5`` is ``1/2``), and every
    limit of this module applies. Raises ``ParseError`` (a ``TaylorError``).

    >>> parse_expression("x1^2*x2 + 0.5*exp(x2)")
    x1**2*x2 + exp(x2)/2
    """
    # Every check of the text but the keyword check, which only the ordinary routes need: where a quick
    # route reads the text, every word of it that _KEYWORD could match is a whole name token that route
    # read as a known function, a constant or a valid name (parse_direct.one_pass's docstring), none a keyword.
    original = _check_text(text, keywords=False)
    # a lone name: its symbol or constant without ast (parse_single; a text with a bracket is none)
    single = one_name(original) if "(" not in original else None
    if single is not None:
        return _finish(*single)
    # Python refuses leading indentation and line breaks; neither carries meaning here.
    # (no \s but " " in a printable text: every other is a control character or a separator)
    stripped = (original if original.isprintable() else _WHITESPACE.sub(" ", original)).lstrip()
    # '^' is replaced in the text: the AST's XOR has the wrong precedence.
    source = stripped.replace("^", "**")
    short = len(source) < parse_large._LARGE  # (then build_large returns None at once)
    if short:
        direct = one_pass(source)  # short everyday text, without ast (parse_direct)
        if direct is not None:
            return _finish(direct, None, source)
    check_keywords(original)
    shift = len(original) - len(stripped)
    _, max_nodes, where = _budget(text)
    # A long sum of terms alike (chained Rosenbrock) is built term shape by term shape;
    # None: anything else, or anything that route cannot vouch for, is built node by node.
    large = build_large(source, max_nodes)
    direct = one_pass(source) if large is None and not short else None
    if direct is not None:
        expr, names = direct, None
    elif large is None:
        expr, names = _build(original, source, _Positions(stripped), shift, max_nodes, where), None
    else:
        expr, names = large
    return _finish(expr, names, source)


def _finish(expr: sp.Expr, names: set[str] | None, source: str = "") -> sp.Expr:
    """The parameters' values put in, and the note on a name e (``names``: the names used, None: see source)."""
    if PARAMETERS:
        USED_PARAMETERS.update(expr.free_symbols & PARAMETERS.keys())
        expr = expr.xreplace(PARAMETERS)
    if "e" in names if names is not None else "e" in source and _NAME_E.search(source):  # (no parameter symbols)
        _note_e(expr)
    return expr


def _build(original: str, source: str, positions: _Positions, shift: int, max_nodes: int, where: str) -> sp.Expr:
    """The text built node by node (in pieces if long), checked for undefined values."""
    trees = []
    for start, piece in _pieces(source):
        try:
            trees.append((start, ast.parse(piece, mode="eval")))
        except SyntaxError as error:
            offset = (error.offset or 1) - 1 + start
            at = positions.original(offset) + shift
            raise _located(ParseError(f"syntax error: {_plain_words(error.msg or '', original, at)}", at),
                           original) from None
        except (RecursionError, MemoryError):
            raise LimitError("expression is nested too deeply or too long; split it up") from None
    builder, opened = _Builder(source, positions, max_nodes, where), _MEMO.open()
    try:
        return _built(builder, trees, original, shift)
    finally:
        if opened:
            _MEMO.table = None


def _built(builder: _Builder, trees: list[tuple[int, ast.Expression]], original: str, shift: int) -> sp.Expr:
    try:
        terms = []
        for start, tree in trees:
            builder.offset = start
            terms.append(builder.build(tree))
        # One n-ary Add over the pieces (each already an Add): flattened once, O(terms).
        expr = terms[0] if len(terms) == 1 else sp.Add(*terms)
    except ParseError as error:
        if error.position is not None:
            error = type(error)(error.message, error.position + shift)
        raise _located(error, original) from None
    except RecursionError:
        raise LimitError("expression is nested too deeply; split it up") from None
    if not isinstance(expr, sp.Expr):
        raise ParseError("not an expression")
    if undefined(expr):
        raise ParseError("expression is undefined (division by zero, or a value that is infinite or not real)")
    return expr


# Variables and points live in points.py (which uses this module); their names stay
# importable from here, loaded on first use.
_POINT_NAMES = {"natural_key", "parse_point", "parse_value", "parse_variables", "read_point_file",
                "resolve_variables", "variables_of"}


def __getattr__(name: str) -> object:
    if name in _POINT_NAMES:
        from . import points
        return getattr(points, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
