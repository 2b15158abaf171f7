"""A call read again where its tokens come again (``log(u) + log(u)``): parse_direct._Reader's ``repeated``,
moved here for parse_direct.py's size (session 16); ``self`` is the reader."""

from __future__ import annotations


def repeated(self: "_Reader", name: str) -> tuple:  # noqa: F821 - parse_direct._Reader
    """F(argument) where the name comes more than once among the tokens (``call``): read once per run of
    the same tokens (``log(u) + log(u)``).

    ``self.i`` is at the "(" after the name. A call's tokens run from its name to its ")" and are
    balanced; its value depends on those tokens only: ``call`` reads the argument by ``sum`` from the
    "(" and needs the ")" where that ends, and each method looks at most one token past its current
    one, which inside the brackets is at most that ")"; the leaf table, ``symbols`` and ``fast`` are
    the same for the whole text, and every builder call gives equal objects for equal arguments. So a
    later run of the same tokens from the same name is the same call with an equal value: the first
    value is given again (the very object: equal, with the same srepr; ``parse_merge`` then finds the
    two terms equal at once).
    """
    tokens = self.tokens
    start = self.i - 1
    calls = self.calls
    for first, end, value in calls:
        if tokens[first] == name and tokens[start:start + end - first] == tokens[first:end]:
            self.i = start + end - first
            return value
    value = self.call(name, False)
    calls.append((start, self.i, value))
    return value
