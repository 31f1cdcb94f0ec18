"""The command line: thin commands over the library, errors as one line and an exit code.

Each command group lives in its own module and is registered here explicitly. Importing
this package loads typer and nothing of the stages: ``--help`` and ``--version`` stay fast.
"""

from __future__ import annotations

from typing import Annotated

import typer

from .. import __version__
from . import brief, digest, eval, mail, reader

app = typer.Typer(
    name="policybrief",
    help="Offline extractive policy briefs and digests of op-eds and news articles.\n\n"
    "Every sentence in a brief is quoted from its source and cites its paragraph.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode=None,
)


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"policybrief {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=version_callback, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Offline extractive policy briefs and digests of op-eds and news articles."""


for group in (brief, digest, eval, mail, reader):
    group.register(app)


def main() -> None:
    app()
