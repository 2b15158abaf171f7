"""Long sums: the text cut into pieces Python's parser can take.

Part of the parser's door (``parse.py`` is the only caller); it only finds
offsets in text, it evaluates nothing.

>>> _top_level_signs("1e-5*x - (y + 1) + 2")
[7, 17]
"""

from __future__ import annotations

_PIECE_TERMS = 500  # top-level terms per piece handed to ast.parse
_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.")


def _top_level_signs(source: str) -> list[int]:
    """Offsets of the binary + and - outside brackets (not the sign of 1e-5, not unary)."""
    signs, depth, previous = [], 0, ""
    for i, ch in enumerate(source):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch in "+-" and depth == 0 and (previous in _NAME_CHARS or previous == ")"):
            j = i
            while j > 0 and source[j - 1] == " ":
                j -= 1
            k = j
            while k > 0 and source[k - 1] in _NAME_CHARS:
                k -= 1
            token = source[k:j]
            if not (token[:1].isdigit() or token[:1] == ".") or token[-1:] not in ("e", "E"):
                signs.append(i)
        if ch != " ":
            previous = ch
    return signs


def _pieces(source: str) -> list[tuple[int, str]]:
    """The text cut at top-level + and - into pieces of _PIECE_TERMS terms, with their offsets.

    Python's parser nests a sum of n terms n deep and gives up near 6,000
    (chained Rosenbrock at n = 10,000 has 20,000 terms). Each piece begins
    with its sign ("- a - b" is -a - b, as in "x - a - b"), so the sum of the
    pieces is the text. Short sums stay one piece, parsed exactly as before.
    """
    if len(source) < 20_000:
        return [(0, source)]
    signs = _top_level_signs(source)
    cuts = [0] + signs[_PIECE_TERMS - 1::_PIECE_TERMS] + [len(source)]
    return [(start, source[start:end]) for start, end in zip(cuts, cuts[1:])]

