"""Our exceptions and the exit statuses they map to.

Every failure a user can cause is a ``TaylorError``; the CLI turns it into one
line on stderr and the exit status it carries. Nothing else decides exit codes.
"""

from __future__ import annotations

from enum import IntEnum


def printable(text: str, limit: int = 60) -> str:
    """User text made safe to show: anything but printable ASCII becomes U+XXXX.

    >>> printable("x\x1b[31m")
    'xU+001B[31m'
    """
    text = text if len(text) <= limit else text[:limit] + "..."
    return "".join(ch if ch.isascii() and ch.isprintable() else f"U+{ord(ch):04X}" for ch in text)


class ExitStatus(IntEnum):
    """Process exit statuses, the same for every command."""

    SUCCESS = 0
    ERROR = 1  # the math failed, an optimizer did not converge, a resource ran out
    USAGE = 2  # bad input or usage
    INTERRUPTED = 130  # Ctrl-C


class TaylorError(Exception):
    """Base of every error taylorcli raises on purpose."""

    exit_status: ExitStatus = ExitStatus.ERROR


class InputError(TaylorError, ValueError):
    """The user's input is unusable (bad option value, wrong point, bad name)."""

    exit_status = ExitStatus.USAGE


class ParseError(InputError):
    """Expression text that the safe parser refuses.

    ``position`` is the 0-based character offset the problem was found at,
    or ``None`` when it concerns the text as a whole.
    """

    def __init__(self, message: str, position: int | None = None) -> None:
        self.message = message
        self.position = position
        self.text: str | None = None  # the text refused, when known: a terminal shows a caret under it
        where = f" (at position {position + 1})" if position is not None else ""
        super().__init__(message + where)

    def caret(self, width: int = 76) -> list[str]:
        """Two lines: an excerpt of the text, and a caret under the position.

        >>> e = ParseError("x", 1); e.text = "3xy"; e.caret()
        ['  3xy', '   ^']
        """
        if self.text is None or self.position is None or "\n" in self.text:
            return []
        start = max(0, self.position - width // 2)
        excerpt = printable(self.text[start:start + width], limit=width)
        return ["  " + excerpt, "  " + " " * (self.position - start) + "^"]


class LimitError(ParseError):
    """Input that exceeds a size limit (length, depth, digits, exponent...)."""


class MathError(TaylorError, ArithmeticError):
    """A well-formed request whose mathematics fails, e.g. log(x) at x = 0."""

    exit_status = ExitStatus.ERROR


class ResourceError(TaylorError):
    """The computation ran out of time or memory."""

    exit_status = ExitStatus.ERROR


class NotConverged(MathError):
    """An optimizer stopped without meeting its tolerance."""


class BatchFailed(TaylorError):
    """Some lines of a batch failed; their objects carry the errors."""
