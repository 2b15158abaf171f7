"""Exact calculus on the command line: derivatives, Hessians and Taylor expansions."""

__version__ = "0.1.0"
