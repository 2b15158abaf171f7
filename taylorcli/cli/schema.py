"""taylor schema COMMAND: the JSON Schema of a command's --format json output."""

from __future__ import annotations

import click

from .app import cli


@cli.command(name="schema", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("command")
def schema_command(command: str) -> None:
    """Print the JSON Schema (draft 2020-12) of `taylor COMMAND --format json`.

    The same files are in the repository as schemas/COMMAND.schema.json.

    \b
    Examples:
      taylor schema hessian
      taylor schema gd | python -m json.tool
    """
    from ..contract import COMMANDS, schema
    from ..errors import InputError
    from ..render import json_text

    if command not in COMMANDS:
        raise InputError(f"no command '{command}' writes JSON; choose one of: {', '.join(COMMANDS)}")
    click.echo(json_text(schema(command), indent=2))
