"""Command-line options shared by commands that live in different modules.

Kept apart from ``cli`` so that command modules ``cli`` loads (``cli_eval``) can import
them without importing ``cli`` while it is still loading.
"""

from __future__ import annotations

from typing import Annotated

import typer

ExecutorOpt = Annotated[
    str,
    typer.Option(
        "--executor",
        help="Where batches run: local (this process), processes (a pool) or dask (needs policybrief[dask]).",
    ),
]
SchedulerOpt = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (without it --executor dask "
        "starts a local cluster).",
        show_default=False,
    ),
]
