"""The checks on user text before it is parsed, and the limits they enforce.

Part of the parser's door (``parse.py`` is the only caller): every limit here
rejects hostile input cheaply, before ``ast`` or SymPy sees it. Nothing in this
module evaluates text. The names stay importable from ``taylorcli.parse``.

>>> _check_text("x^2 + 1")
'x^2 + 1'
>>> _budget(StdinText("x"))[:2]
(2000000, 1000000)
"""

from __future__ import annotations

import functools
import keyword
import re
from itertools import accumulate
import unicodedata

from .errors import InputError, LimitError, ParseError, printable
from .options import MAX_LENGTH, MAX_NODES, MAX_STDIN_LENGTH, MAX_STDIN_NODES, StdinText
from .vocabulary import CONSTANTS, RESERVED

MAX_DEPTH = 100  # nesting of brackets (every call has a pair)
MAX_DIGITS = 100  # digits in one number literal
MAX_DECIMAL_EXPONENT = 300  # |e| in a literal such as 1e300
MAX_EXPONENT = 10_000  # |n| in x**n for a constant n
MAX_EXACT_DIGITS = 3_000  # digits of an exact rational that a power of literals may build
MAX_NAME = 32  # characters in a variable name

_ALLOWED_PUNCTUATION = set("+-*/^().,_ \t\r\n")
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")
_WORD = re.compile(r"\b[A-Za-z_][A-Za-z0-9_]*")
# One search (~0.2 us) where a loop over the words of _WORD asked keyword.iskeyword of each (~1.5 us on
# "cosh(x) + cos(x)"). The same first word: finditer tries every position outside its earlier matches, and
# no match starts inside one (no \b between two word characters); a word is a keyword exactly when a keyword
# starts at its \b and no [A-Za-z0-9_] follows, which ends the word there. (Every keyword is ASCII letters.)
_KEYWORD = re.compile(r"\b(?:%s)(?![A-Za-z0-9_])" % "|".join(keyword.kwlist))
# A quick no (~1.3 us where _KEYWORD.search takes ~3 us): a keyword _KEYWORD finds is a whole run of
# [A-Za-z0-9_] that starts after a non-word character, so findall (which ends each match at the end of a run)
# meets it as one of its words; a keyword among them that _KEYWORD refuses (2and) is asked of _KEYWORD.
_WORDS = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_KEYWORDS = frozenset(keyword.kwlist)
_DIGITS = re.compile(r"[0-9_]{%d,}" % (MAX_DIGITS + 1))
# Characters people paste from documents, and what they meant.
_HINTS = {"×": "*", "·": "*", "−": "-", "÷": "/", "²": "**2", "³": "**3", "π": "pi", "√": "sqrt"}


def _describe_char(ch: str) -> str:
    """Name a character without echoing it (it may be an escape code)."""
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X}" + (f" ({name})" if name else "")


def _budget(text: str) -> tuple[int, int, str]:
    """(characters, nodes, where) allowed for this text."""
    if isinstance(text, StdinText):
        return MAX_STDIN_LENGTH, MAX_STDIN_NODES, "from standard input"
    return MAX_LENGTH, MAX_NODES, "in a command-line argument; standard input (give - as EXPR) allows more"


def _check_text(text: object, keywords: bool = True) -> str:
    """The text, checked (``keywords`` False: all but the keyword check, which ``check_keywords`` does)."""
    if not isinstance(text, str):
        raise InputError(f"expected expression text, got {type(text).__name__}")
    length, _, where = _budget(text)
    if len(text) > length:
        raise LimitError(f"expression is too long: {len(text):,} characters (length limit {length:,} {where})")
    if not text.strip():
        raise ParseError("empty expression")
    # (no deeper than its count of "(": then the bracket walk is not needed)
    if not (_PLAIN_TEXT.fullmatch(text) and (text.count("(") <= MAX_DEPTH or _depth(text) <= MAX_DEPTH)):
        _check_characters(text)  # finds the offending character (or bracket) and says where
    digits = _DIGITS.search(text)
    if digits:
        raise LimitError(f"number has too many digits (limit {MAX_DIGITS})", digits.start())
    if keywords:
        check_keywords(text)
    return text


def check_keywords(text: str) -> None:
    """The last check of ``_check_text``: no word of the text is a Python keyword."""
    # the first word of _WORD.finditer that is a keyword (see _KEYWORD); none where no word is one (_WORDS)
    match = None if _KEYWORDS.isdisjoint(_WORDS.findall(text)) else _KEYWORD.search(text)
    if match:
        raise ParseError(f"'{match.group()}' is a Python keyword and cannot be used here", match.start())


# Only allowed characters: then the one thing the character loop could refuse is the depth.
_PLAIN_TEXT = re.compile(r"[A-Za-z0-9+\-*/^().,_ \t\r\n]*")
_BRACKET_STEP = {"(": 1, ")": -1}


def _depth(text: str) -> int:
    """The deepest nesting of brackets (in C-speed steps: 450 kB of stdin is 60,000 brackets)."""
    brackets = re.sub(r"[^()]+", "", text)
    return max(accumulate(map(_BRACKET_STEP.__getitem__, brackets)), default=0)


def _check_characters(text: str) -> None:
    depth = 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
            if depth > MAX_DEPTH:
                raise LimitError(f"expression is nested too deeply (limit {MAX_DEPTH} levels)", i)
        elif ch == ")":
            depth -= 1
        elif ch.isascii() and (ch.isalnum() or ch in _ALLOWED_PUNCTUATION):
            continue
        elif ch == "\0":
            raise ParseError("NUL character (U+0000) is not allowed", i)
        elif not ch.isascii():
            hint = f"; did you mean '{_HINTS[ch]}'?" if ch in _HINTS else ""
            raise ParseError(f"non-ASCII character {_describe_char(ch)} is not allowed{hint}", i)
        elif not ch.isprintable():
            raise ParseError(f"control character {_describe_char(ch)} is not allowed", i)
        elif ch in "[]{}":
            raise ParseError(f"character '{ch}' is not allowed; use ( ) for grouping", i)
        else:
            raise ParseError(f"character '{ch}' is not allowed", i)


class _Positions:
    """Maps offsets in the rewritten text (``^`` -> ``**``) back to the user's."""

    def __init__(self, original: str) -> None:
        self.carets = [i for i, ch in enumerate(original) if ch == "^"]

    def original(self, offset: int) -> int:
        shift = 0
        for caret in self.carets:
            if caret + shift < offset:
                shift += 1
        return offset - shift


def _located(error: ParseError, text: str) -> ParseError:
    """The error with the text it concerns, so that a terminal can show a caret under it."""
    error.text = text
    return error


def _name_error(name: str) -> str | None:
    """Why ``name`` cannot be a variable, or None; short names' answers are kept (a parse asks per use)."""
    if type(name) is str and len(name) <= MAX_NAME:
        return _short_name_error(name)
    return _check_name(name)


@functools.lru_cache(maxsize=4096)
def _short_name_error(name: str) -> str | None:
    return _check_name(name)


def _check_name(name: str) -> str | None:
    if not _NAME.match(name):
        name = printable(name)
        return f"invalid name '{name}': names start with a letter and use only letters, digits and _"
    if len(name) > MAX_NAME:
        return f"name '{name[:MAX_NAME]}...' is too long (limit {MAX_NAME} characters)"
    if keyword.iskeyword(name):
        return f"'{name}' is a Python keyword and cannot be a variable name"
    if name in CONSTANTS:
        return f"'{name}' is a constant and cannot be a variable name"
    if name in RESERVED:
        return f"'{name}' is reserved: {RESERVED[name]}"
    return None


def _plain_words(message: str, text: str, where: int) -> str:
    """Python's syntax-error words, said for someone writing mathematics.

    >>> _plain_words("invalid decimal literal", "3xy + 1", 1)
    'a number directly followed by a name: write 3*xy (or 3*x*y for a product)'
    """
    start = where
    while start > 0 and (text[start - 1].isdigit() or text[start - 1] == "."):
        start -= 1
    glued = re.match(r"(\d+(?:\.\d*)?)([A-Za-z_]\w*)", text[start:])
    if "decimal literal" in message and glued:
        number, name = glued.groups()
        product = "*".join(name) if name.isalpha() and len(name) > 1 else ""
        return (f"a number directly followed by a name: write {number}*{name}"
                + (f" (or {number}*{product} for a product)" if product else ""))
    message = message.removeprefix("invalid syntax. ")
    if message in ("invalid syntax", ""):
        return "this is not a complete expression here"
    return message
