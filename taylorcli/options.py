"""Names and limits shared by the library and the command line.

Importable without SymPy or NumPy, so the command tree can be built (and
``taylor --help`` answered) without loading them.
"""

FORMATS = ("table", "plain", "latex", "json")
DEGREES = ("total", "each")
MAX_LENGTH = 10_000  # characters in one expression
