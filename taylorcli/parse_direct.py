"""Short everyday texts built in one pass, without ``ast`` and the builder's stack (issue 9: parse cost).

Part of the parser's door (``parse.py`` is the only caller), run after
``parse_text._check_text`` has applied every check on the raw text. Nothing here
evaluates text: it is cut into tokens by one regular expression (names, whole
numbers, ``+ - * / **`` and brackets) and read by recursive descent with
Python's precedence (``-x**2`` is ``-(x**2)``, ``x**-2`` is ``x**(-2)``, ``**``
to the right, runs of ``+ -`` and ``* /`` as one chain each, as ``parse._Builder.chain``
flattens them). Each node is built by the very calls the builder makes for it
(``parse.total``, ``parse.product``, ``parse.power``, ``parse.inert_call``, ...,
looked up on ``parse`` so that a test switching them off switches them off here).

Anything else returns None and the ordinary route decides, with its messages
and positions: another character or token (a comma, ``2x``, ``01``, ``1.5e3``),
text longer than ``_MAX_TEXT`` (so the node limit and Python's own nesting limits
cannot be reached), an operation whose operands are all constants (the builder
checks those with float estimates: ``2**3``, ``sin(1)``, ``1/0``), a chain whose
first operand is a bracketed chain of the same kind (``(a + b) + c``: Python's
tree flattens it), an unknown function or a call that is not of one argument,
a name the builder refuses, any exception, or an undefined result.

On ``cos(x + 3)`` a whole parse this way is ~13 us after ``clear_cache()``, ~24 us through ``ast.parse``
and the builder (session 9: one ``findall`` cuts the text).

>>> one_pass("cos(x + 3)")
cos(x + 3)
>>> one_pass("1/(1 + (x + 2)^2)".replace("^", "**"))
1/((x + 2)**2 + 1)
>>> one_pass("x + 2**3") is None, one_pass("2x") is None, one_pass("(x + 1) + y") is None
(True, True, True)
"""

from __future__ import annotations

import re

import sympy as sp
from sympy.core.expr import Expr
from sympy.core.parameters import global_parameters

from .parse_fast import _CALLS, _evaluating, _inert, _plain_symbol as _plain, _unevaluated, inert_call, number, real_symbol
from .parse_named import named
from .parse_pow import _unevaluated_pow, power
from .parse_calls import call as nested_call, inert as _log_inert
from .parse_quick import exceeds, integer, is_number
from .parse_objects import assembled  # postprocessed(cls, cls._from_args(args, True)) (parse_objects)
from .parse_fast import _REAL_FINITE
from .parse_shapes import linear_total, monomial_power, rational_plus, symbol_product, vouch
from .parse_nodes import _LINEAR_TERMS, _linear_sum, _monomial_call, _symbol_power
from .parse_text import MAX_EXPONENT, _name_error
from .vocabulary import CONSTANTS, FUNCTIONS

_MAX_TEXT = 300  # characters: far below every node limit and the nesting Python's parser accepts
# One findall cuts the text (~3 us for 45 characters, where a match() loop took ~9 us): a name, digits (a decimal
# 1.5 too: parse_decimal) with the character after them if it would glue (2x, 1_0, 1.5e: the reader bails), an
# operator, or any other single character (the reader bails on it). Spaces before a token are skipped.
_TOKENS = re.compile(r" *([A-Za-z_][A-Za-z0-9_]*|[0-9]+(?:\.[0-9]+)?[A-Za-z0-9_.]?|\*\*|(?s:.))")
from .parse_decimal import decimal  # noqa: E402 - (a decimal leaf: this module's size)
from .parse_repeated import repeated  # noqa: E402 - (a call read again: this module's size)
from .parse_signed import sum_power  # noqa: E402 - (powers of c + t: this module's size)
from .parse_pair import pair  # noqa: E402 - (a sum of two calls: this module's size)
from .parse_merge import total as _TOTAL  # noqa: E402 - (parse.total, unless a test stands it in)
_ADD, _SUB, _MULT, _DIV = "+", "-", "*", "/"
_CHAIN, _PRODUCT, _OTHER = 1, 2, 0  # the kind of node a value was built from (its top-level operator)
_ONE = sp.S.One
_ENDS_TERM = frozenset((_ADD, _SUB, ")", ""))  # what may follow a leaf that is a whole operand of a sum
_TAKES_LEAF = frozenset(("(", "**"))  # what makes a leaf more than a factor: a call, a power


_PARSE: list = []  # parse.py, which imports this module: looked up once (an import statement costs ~1 us)


def _parse_module() -> object:
    from . import parse
    _PARSE.append(parse)
    return parse


# What atom read of a token that is a whole number or a variable's name (not a constant, not followed by "("):
# the same answer every time (parse_quick.integer and parse_fast.real_symbol keep their objects), read again
# from here without atom's checks and calls (~1 us a leaf). Bounded; not used with the functions stood in.
_LEAVES: dict[str, tuple] = {}
_MAX_LEAVES = 4096


def _leaf(leaves: dict[str, tuple], token: str, value: tuple) -> tuple:
    if len(leaves) >= _MAX_LEAVES:
        leaves.clear()
    leaves[token] = value
    return value


_SYMBOL, _POW, _MUL, _SUM = sp.Symbol, sp.Pow, sp.Mul, sp.Add  # (_ADD is the token '+')


def _linear_term(t: sp.Basic) -> bool:
    """A Symbol or a Mul of two args, a Symbol last: a term linear_total may take (a sum of two others it refuses)."""
    return type(t) is _SYMBOL or type(t) is _MUL and len(t._args) == 2 and type(t._args[1]) is _SYMBOL


_LOG = sp.log
_MINUS_ONE = sp.S.NegativeOne  # (parse_fast.number's answer for it: the singleton is the only -1)
_TWO_ARGUMENTS = (sp.zeta, sp.polygamma)  # (call: one or two arguments; the builder decides)


_MINUS = sp.S.NegativeOne  # (-1 * e is Expr.__rmul__'s Mul(-1, e): parse_product.mul builds it, -(x + y) by _scaled)
_EXACT = 2**53  # whole numbers whose float is exact (a fraction's estimate: the builder's)


class _Bail(Exception):
    """The ordinary route decides."""


def one_pass(source: str) -> sp.Expr | None:
    """The expression the builder makes of ``source`` (one line, ``**`` for ``^``), or None (module doc).

    parse.py skips the keyword check (``parse_text.check_keywords``) where this returns an expression: a
    word ``_KEYWORD`` matches starts after a non-word character (its ``\b``) and is followed by none, so
    ``_TOKENS`` starts a token there (after spaces, an operator, a bracket, or a number token ending in
    ``.``) and its name alternative takes exactly that word; every name token is read by ``atom`` (or
    found in ``_LEAVES``, which holds only tokens ``atom`` accepted) as a call of a known function, a
    constant or a name ``_name_error`` accepts, and none of those is a keyword; a text with a token left
    unread returns None. (``\t`` and ``\n`` became spaces and ``^`` became ``**``: non-word characters
    for non-word characters, so the words are those of the checked text.)
    """
    if len(source) > _MAX_TEXT:
        return None
    tokens = _TOKENS.findall(source.rstrip(" "))
    tokens.append("")  # the end (no token is empty): peeking needs no bounds check
    parse = _PARSE[0] if _PARSE else _parse_module()
    reader = _Reader(tokens, parse)
    if parse.real_symbol is not real_symbol or parse.integer is not integer:
        reader.leaves = {}  # (a test's stand-ins: every leaf is read by atom, through them)
    elif parse.inert_call is inert_call and parse.power is power and parse.nested_call is nested_call:
        reader.symbols = True  # F(s) and s**n of a parser symbol s built here as those three build them
        # SymPy's rules, asked once: a parse changes none of them (a SymPy constructor's own `with evaluate(...)`
        # restores them when it returns)
        reader.fast = _evaluating()
    memo = parse._MEMO
    opened = memo.table is None and memo.active  # (memo.open(), inlined)
    if opened:
        memo.table = {}
    try:
        expr, _, _ = reader.sum()
        if reader.i != len(tokens) - 1 or not isinstance(expr, sp.Expr) or parse.undefined(expr):
            return None
        return expr
    except Exception:  # noqa: BLE001 - _Bail, or any error: the ordinary route says it
        return None
    finally:
        if opened:
            memo.table = None


class _Reader:
    """Recursive descent over the tokens; each method returns (expr, float estimate or None, kind)."""

    def __init__(self, tokens: list[str], parse: object) -> None:
        # tokens[i] is the next token ("" at the end): a name or number never equals an operator's text
        self.tokens, self.i, self.p, self.leaves = tokens, 0, parse, _LEAVES
        self.symbols = False  # (one_pass: True where parse's inert_call, power, nested_call are its own)
        self.fast = False  # (one_pass: symbols, and SymPy evaluates by its default rules: parse_fast._evaluating)
        self.calls: list[tuple] = []  # (first token, token after ")", value) of calls whose name comes again (call)

    def operand(self) -> tuple:
        """The next operand of a sum: a leaf read before that ends it (``x`` in ``x + 1``, ``2`` in ``(y - 2)``:
        no ``(``, ``**``, ``*`` or ``/`` after it) from the leaf table, without product's and factor's calls;
        else ``product``, which reads it the same way (factor's table lookup)."""
        tokens, i = self.tokens, self.i
        leaf = self.leaves.get(tokens[i])
        if leaf is not None and tokens[i + 1] in _ENDS_TERM:
            self.i = i + 1
            return leaf
        return self.product()

    def sum(self) -> tuple:
        tokens, leaves, i = self.tokens, self.leaves, self.i
        first = leaves.get(tokens[i])  # (operand, inlined: a call less per operand)
        if first is not None and tokens[i + 1] in _ENDS_TERM:
            self.i = i = i + 1
        else:
            first = self.factor()  # (product, inlined: its tail only where * or / follows)
            i = self.i
            if tokens[i] == _MULT or tokens[i] == _DIV:
                first = self.products(first)
                i = self.i
        op = tokens[i]
        if op != _ADD and op != _SUB:
            return first
        if first[2] == _CHAIN:
            raise _Bail  # (a + b) + c: Python's tree holds one chain a, b, c
        values, ops = [first], [_ADD]
        while op == _ADD or op == _SUB:
            i += 1
            leaf = leaves.get(tokens[i])
            if leaf is not None and tokens[i + 1] in _ENDS_TERM:
                self.i = i = i + 1
                values.append(leaf)
            else:
                self.i = i
                value = self.factor()  # (product, inlined as above)
                i = self.i
                if tokens[i] == _MULT or tokens[i] == _DIV:
                    value = self.products(value)
                    i = self.i
                values.append(value)
            ops.append(op)
            op = tokens[i]
        for value in values:  # a constant (every operand has a float estimate): the builder's estimate decides
            if value[1] is None:
                break
        else:
            raise _Bail
        p = self.p
        if len(values) == 2 and self.fast:  # c + t, t + c, t - c (parse_shapes)
            (a, _, _), (b, _, _) = values
            if a.is_Rational and not b.is_Rational and ops[1] == _ADD:
                built = rational_plus(a, b)
            elif a.is_Rational and a.p != 0 and ops[1] == _SUB and _plain(b):  # c - s: -s as the loop below
                # builds it, then rational_plus(c, -s), which is linear_total([c, -s])'s object: Add._from_args([number(c),
                # -s]), its one term after the coefficient, postprocessed (c = 0: the loop decides)
                built = rational_plus(a, assembled(_MUL, (_MINUS_ONE, b)))
            elif b.is_Rational and not a.is_Rational:
                built = rational_plus(b if ops[1] == _ADD else -b, a)
            else:
                built = None
            if built is not None:
                return built, None, _CHAIN
        terms = []
        for (e, _, _), o in zip(values, ops):  # (loops: a comprehension is one more call per chain)
            if o == _ADD:
                terms.append(e)
            elif self.fast and _plain(e):  # -s: parse._negative's product([-1, s]), its r*s shortcut
                terms.append(assembled(_MUL, (_MINUS_ONE, e)))
            elif (self.fast and type(e) is _POW and _plain(e._args[0]) and e._args[1].is_Integer
                  and not (e._args[1].p == 0 or e._args[1].p == 1)):
                # -s**n: product([-1, s**n]) takes -1 as its coefficient as it is, files s**n under s (parse_fast.
                # _factor_base), one part: number(-1) (the singleton) first, Mul._from_args, postprocessed: as here
                terms.append(assembled(_MUL, (_MINUS_ONE, e)))
            elif self.fast and type(e) is _MUL and len(e._args) == 2 and e._args[0].is_Rational and _plain(e._args[1]):
                # -(r*s): product([-1, r*s]) multiplies -1 by r into its coefficient (-r, an equal rational, kept by
                # number) and files s alone: s itself where -r is 1, else Mul(number(-r), s), postprocessed
                r, s = e._args
                terms.append(s if r.p == -1 and r.q == 1 else assembled(_MUL, (number(-r), s)))
            else:
                terms.append(p._negative(e))
        if len(terms) == 2 and self.fast:
            a, b = terms
            if (type(a) is not _SUM and type(b) is not _SUM and not a.is_Rational and not b.is_Rational
                    and not (_linear_term(a) and _linear_term(b)) and p.total is _TOTAL):
                built = pair(a, b)  # sinh(x) + exp(x): parse.total's object, without linear_total, total (parse_pair)
                if built is not None:
                    return built, None, _CHAIN
        built = linear_total(terms) if self.fast else None  # 2*x - y + z (parse_shapes)
        if built is None:
            built = p.total(terms)
        return (sp.Add(*terms) if built is None else built), None, _CHAIN

    def product(self) -> tuple:
        return self.products(self.factor())

    def products(self, first: tuple) -> tuple:
        """The product whose first factor, read, is ``first`` (itself where no ``*`` or ``/`` follows)."""
        op = self.tokens[self.i]
        if op != _MULT and op != _DIV:
            return first
        if first[2] == _PRODUCT:
            raise _Bail
        values, ops = [first], [_MULT]
        tokens, leaves = self.tokens, self.leaves
        while op == _MULT or op == _DIV:
            i = self.i + 1
            leaf = leaves.get(tokens[i])  # a leaf read before, no call or power after it: factor's answer
            if leaf is not None and tokens[i + 1] not in _TAKES_LEAF:
                self.i = i + 1
                values.append(leaf)
            else:
                self.i = i
                values.append(self.factor())
            ops.append(op)
            op = tokens[self.i]
        if self.fast and len(values) == 2:
            r, s = values[0][0], values[1][0]
            if ops[1] == _MULT:  # r*s, as symbol_product builds it (below)
                if r.is_Rational and r is not _ONE and r.p != 0 and _plain(s):
                    return vouch(assembled(_MUL, (number(r), s))), None, _PRODUCT
            elif r is _ONE and values[1][1] is None:  # 1/u, u no constant: the loops below, for these two values
                factor = sum_power(s, _MINUS_ONE)  # 1/(1 + u**2): parse._reciprocal's power(s, -1) (parse_signed)
                if factor is None:
                    factor = self.p._reciprocal(s)  # (1 has an estimate, u none: no bail; 1 is dropped from rest)
                if factor is not _ONE and global_parameters.evaluate and isinstance(factor, Expr):
                    return factor, None, _PRODUCT
        for value in values:
            if value[1] is None:
                break
        else:
            return self.fraction(values, ops)  # p/q (x**(1/2)), else _Bail: the builder's estimate decides
        p = self.p
        factors = []
        rest = []  # the factors other than 1
        for (e, _, _), o in zip(values, ops):
            factor = e if o == _MULT else p._reciprocal(e)
            factors.append(factor)
            if factor is not _ONE:
                rest.append(factor)
        if len(rest) == 1 and global_parameters.evaluate and isinstance(rest[0], Expr):
            # 1/u: Mul's constructor (AssocOp.__new__, SymPy 1.14) drops the factors that are its identity 1
            # first and returns a lone one as it is: u**-1, without parse_fast.product's filing of it.
            return rest[0], None, _PRODUCT
        built = symbol_product(factors) if self.fast else None  # x*y*z (parse_shapes)
        if built is None:
            built = p.product(factors)
        return (p.mul(factors) if built is None else built), None, _PRODUCT  # (2*(x + 1): parse_product.mul)

    def fraction(self, values: list, ops: list) -> tuple:
        """p/q for whole numbers p, q (q not 0, both below 2**53), as parse._Builder.binary builds it: the factors
        p and ``_reciprocal(q)``, their product a rational equal to p/q (any equal rational: same srepr, kept
        by ``number``), and the estimate ``1.0 * float(p) / float(q)``, finite; else _Bail."""
        if len(values) != 2 or ops[1] != _DIV:
            raise _Bail
        (a, fa, _), (b, fb, _) = values
        if not (a.is_Integer and b.is_Integer and b.p != 0 and -_EXACT < a.p < _EXACT and -_EXACT < b.p < _EXACT):
            raise _Bail
        return self.p.number(sp.Rational(a.p, b.p)), fa / fb, _PRODUCT

    def factor(self) -> tuple:
        """A unary minus, or an atom and its power (``**`` binds tighter on its left, a unary on its right:
        ``-x**-2`` is -(x**(-2))). One method for both spares a call per leaf."""
        op = self.tokens[self.i]
        if op == _SUB:
            self.i += 1
            e, f, _ = self.factor()
            p = self.p  # as parse._Builder.apply builds -e
            negated = p.product([sp.S.NegativeOne, e]) if not e.is_Rational else None
            if negated is None:
                negated = p.integer(-e.p) if e.is_Integer else p.mul([_MINUS, e]) if isinstance(e, Expr) else -1 * e
                negated = p.number(negated) if negated.is_Rational else negated
            return negated, (None if f is None else -f), _OTHER
        if op == _ADD:
            raise _Bail
        i = self.i
        tokens = self.tokens
        base = self.leaves.get(op)  # a symbol or whole number atom has read before, unless a call follows
        if base is not None and tokens[i + 1] != "(":
            self.i = i = i + 1
        elif op == "(":  # (atom's bracket, inlined: a call less per bracket)
            self.i = i + 1
            base = self.sum()
            i = self.i
            if tokens[i] != ")":
                raise _Bail
            self.i = i = i + 1
        elif tokens[i + 1] == "(" and op in FUNCTIONS:  # a known function's name, called: atom's answer
            self.i = i + 1
            base = self.call(op)
            i = self.i
        else:
            base = self.atom()
            i = self.i
        if tokens[i] != "**":
            return base
        self.i = i = i + 1
        exponent = self.leaves.get(tokens[i])  # a leaf with no call or power after it: factor's answer
        if exponent is not None and tokens[i + 1] not in _TAKES_LEAF:
            self.i = i + 1
        else:
            exponent = self.factor()
        (b, fb, _), (n, fn, _) = base, exponent
        if fb is not None and fn is not None:
            raise _Bail
        if n.is_Number and (n.p > MAX_EXPONENT or -n.p > MAX_EXPONENT if n.is_Integer else exceeds(n, MAX_EXPONENT)):
            raise _Bail  # (parse_quick.exceeds, inlined for an Integer: abs(p) > limit)
        if not n.is_Integer and is_number(b) and b.is_negative:
            raise _Bail  # as parse._Builder.binary refuses (n first: b.is_number walks b, and the three are pure)
        if b.is_Rational and n.is_Integer and b not in (0, 1, -1):
            raise _Bail  # (unreachable: both constant) the builder's digit count decides
        p = self.p
        if b.is_Add and len(b._args) == 2 and n.is_Integer:
            p._mark_finite(b._args)
        if self.fast and _plain(b) and n.is_Integer and not (n.p == 0 or n.p == 1):
            result = _symbol_power(b, n)  # parse_pow.power of a parser symbol (the next method's docstring)
            if type(result) is _POW:  # (n, its exponent, is within the limit: checked above)
                if n.p > 0:
                    vouch(result)  # finite by shape (parse_shapes)
                return result, None, _OTHER
        elif (self.fast and type(b) is _SUM and type(b._args[-1]) in _LINEAR_TERMS
              and n.is_Integer and not (n.p == 0 or n.p == 1) and _linear_sum(b)):
            # (s + c)**n, (-y + 2*z - 1)**n: parse_pow.power's tests hold (n a Rational, not 0, 1; b an Expr and no
            # number: it has a symbol); b is an Add, so no Mul, Pow or exp branch: _unevaluated_pow(b, n), as
            # _inert_base(b) holds (more than two terms, or two finite by shape: rationals, s, r*s); finite for n > 0
            result = _unevaluated_pow(b, n)
            if type(result) is _POW:  # (n, its exponent, is within the limit: checked above)
                if n.p > 0:
                    vouch(result)
                return result, None, _OTHER
        elif self.fast and type(b) is _MUL and n.is_Integer and not (n.p == 0 or n.p == 1):
            result = monomial_power(b, n)  # (2*x)**2, (x*y*z)**2 (parse_shapes)
            if result is None:
                result = p.power(b, n)
        elif (self.fast and type(b) is _POW and n.is_Integer and not (n.p == 0 or n.p == 1) and _plain(b._args[0])
              and b._args[1].is_Integer and b._args[1].p > 1):
            # (x**2)**2: parse_pow.power's tests hold (b is no number), b is a Pow of no rational, so it gives
            # _power_of_power(s, k*n) (k*n is neither 0 nor 1), which is power(s, k*n): s**(k*n) as above
            result = _symbol_power(b._args[0], integer(b._args[1].p * n.p))  # (parse_pow: integer(k * n))
            if n.p > 0:
                vouch(result)
        else:
            result = p.power(b, n)
        if result is None:
            result = b**n
        if isinstance(result, sp.Pow):
            m = result._args[1]  # (Pow.exp)
            if m.is_Number and (m.p > MAX_EXPONENT or -m.p > MAX_EXPONENT if m.is_Integer else exceeds(m, MAX_EXPONENT)):
                raise _Bail
        return result, None, _OTHER

    def atom(self) -> tuple:
        i = self.i
        token = self.tokens[i]
        self.i = i + 1
        first = token[:1]  # ("" at the end: no case below takes it)
        if "0" <= first <= "9":
            if not token.isdigit() or len(token) > 1 and first == "0":
                return decimal(token, self.p.number)  # 1.5 (parse_decimal); 2x, 1_0, 01 (syntax error): ValueError
            value = int(token)
            return _leaf(self.leaves, token, (self.p.integer(value), float(value), _OTHER))
        if first == "_" or first.isascii() and first.isalpha():
            if self.tokens[self.i] == "(":
                return self.call(token)
            if token in CONSTANTS:
                e, f = CONSTANTS[token]
                return e, f, _OTHER
            if _name_error(token):
                raise _Bail
            return _leaf(self.leaves, token, (self.p.real_symbol(token), None, _OTHER))
        if token != "(":
            raise _Bail
        inner = self.sum()
        if self.tokens[self.i] != ")":
            raise _Bail
        self.i += 1
        return inner

    def call(self, name: str, again: bool = True) -> tuple:
        """F(argument), as parse._Builder.call builds it.

        F(s) for a parser symbol s (``parse_fast._plain_symbol``) and F in ``parse_fast._CALLS`` is what
        ``inert_call`` builds, read off its code: s is an atom, so a term and a polynomial argument; for log,
        s is no exp; for the others ``minus_sign(s)`` is False (a Symbol is no Mul, Add or Number); so
        ``_inert`` is True and it returns ``_unevaluated(F, s)`` (while SymPy evaluates: ``_evaluating``).
        The same for s**n (n an Integer >= 2: an atom; a Pow is no Mul, Add or Number) and for r*s (r a
        Rational other than 0, 1: a term) where F is exp or log or r > 0 (``minus_sign`` is ``r.p < 0``).
        And s + c (c a rational other than 0, first in SymPy's Add): a sum of a rational and a term, so
        a polynomial argument; ``minus_sign`` of it counts c's sign against s's (none): for c > 0 no term
        has one, for c < 0 one of two does and ``parse_quick.linear_tie`` decides by s's coefficient, 1,
        so False either way (SymPy: ``(x - 3).could_extract_minus_sign()`` is False): inert for every F.
        For r < 0 and the other F (sin, cos, tan, atan, sinh, cosh, tanh, erf) ``_inert`` is False, and so
        are ``parse_pow.inert_nested`` (r*s is no call) and ``parse_calls.inert`` (its last test is
        ``not minus_sign``): inert_call gives None and the builder's ``nested_call`` (parse_calls.call) runs
        ``parse_pow.signed_call``, whose tests all hold (F odd or even, a polynomial argument with a minus
        sign, ``parse_calls.negative(r*s)`` a term without one, so inert): it returns ``F(-r*s)`` for cos and
        cosh, else ``negative(F(-r*s))``; built here the same way (``_monomial_call``).
        Likewise ``power(s, n)`` for an Integer n other than 0, 1: s is an Expr, not a number, no Mul,
        Pow or exp, and ``_inert_base(s)`` holds (Symbol keeps ``Expr._eval_power``), so it returns
        ``_unevaluated_pow(s, n)``. These are taken only where parse's own functions are in place
        (``symbols``), so a test standing them in sees every node go through its stand-ins.
        """
        if again and self.tokens.count(name) > 1:
            return repeated(self, name)  # (again False: repeated's own reading; parse_repeated)
        function = FUNCTIONS.get(name)
        if function is None or function.arities and 1 not in function.arities or function.build in _TWO_ARGUMENTS:
            raise _Bail
        self.i += 1  # (
        e, f, _ = self.sum()
        if self.tokens[self.i] != ")" or f is not None:
            raise _Bail
        self.i += 1
        p = self.p  # as parse._Builder.call builds it
        build = function.build
        if self.fast and build in _CALLS:
            built = _monomial_call(build, e)  # F(s), F(s**n), F(r*s) (docstring)
            if built is None and type(e) is _SUM and (_inert(build, e) or build is _LOG and _log_inert(_LOG, e)):
                # F(P) for a sum P: inert_call's first test, and then its answer (its other tests are not asked);
                # log(1 + u**2): its third, parse_calls.inert (its second, parse_pow.inert_nested, is False for log)
                built = _unevaluated(build, e)
            if built is not None:
                if build in _REAL_FINITE:
                    vouch(built)  # F real and finite of a polynomial argument (finite_by_shape: its terms are)
                return built, None, _OTHER
        if build is sp.sqrt:
            built = sum_power(e, sp.S.Half) if self.fast else None  # sqrt(1 + u**2) (parse_signed)
            if built is None:
                built = p.power(e, sp.S.Half)
        else:
            built = p.inert_call(function.build, [e])
            if built is None:
                built = p.nested_call(function.build, e)
        return (named(p, build, e) if built is None else built), None, _OTHER  # (sigmoid: parse_named)

