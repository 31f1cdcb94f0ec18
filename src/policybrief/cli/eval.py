"""The ``eval`` command: ROUGE of every method on a JSONL dataset, side by side.

A thin layer over ``policybrief.evaluate``: parse options, call ``evaluate`` once, print.
Errors from the library are ``PolicyBriefError`` subclasses, turned by ``common.fail`` into
one line on stderr and the error's exit code.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import PolicyBriefError, UsageError
from ..models import DEFAULT_SENTENCES
from .common import ExecutorOpt, SchedulerOpt, bar_kind, fail

if TYPE_CHECKING:
    from rich.table import Table

    from ..evaluate import EvalOptions, MethodScore


def register(app: typer.Typer) -> None:
    """Add the ``eval`` command to ``app``."""
    app.command("eval")(eval_command)


def eval_command(
    data: Annotated[Path, typer.Argument(help="JSONL file: 'text', 'reference' a line.")],
    method: Annotated[
        list[str] | None,
        typer.Option(
            "--method",
            "-m",
            help="Method to score (repeatable); 'lead' is always included. Default: every method.",
        ),
    ] = None,
    sentences: Annotated[
        int | None,
        typer.Option("--sentences", "-n", help=f"Sentences per summary (default {DEFAULT_SENTENCES})."),
    ] = None,
    ref_budget: Annotated[
        bool, typer.Option("--ref-budget", help="As many sentences as the reference has.")
    ] = False,
    word_cap: Annotated[
        bool, typer.Option("--word-cap", help="Cut every output to the reference's word count.")
    ] = False,
    limit: Annotated[int | None, typer.Option("--limit", help="Score only the first N articles.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    workers: Annotated[
        int | None, typer.Option("--workers", "-w", help="Worker processes (default: cores).")
    ] = None,
    executor: ExecutorOpt = "processes",
    scheduler: SchedulerOpt = None,
) -> None:
    """Score summarisation methods with ROUGE (F1 x100, stemmed) on a JSONL dataset.

    Examples:

        policybrief eval cnndm_dev.jsonl --sentences 3

        policybrief eval bbc_dev.jsonl --ref-budget --word-cap --method default --json

        policybrief eval bbc_dev.jsonl --executor dask --scheduler tcp://10.0.0.5:8786
    """

    from rich.console import Console

    from ..batch import Executor
    from ..evaluate import evaluate_file, resolve_methods

    try:
        options = replace(
            _options(sentences, ref_budget, word_cap, limit, workers),
            executor=executor,
            scheduler=scheduler,
            progress=bar_kind(executor) == "dask",
        )
        Executor(kind=executor, workers=options.workers, scheduler=scheduler)  # fail early
        scores = evaluate_file(data, resolve_methods(method), options)
    except PolicyBriefError as exc:
        raise fail(exc) from None
    if as_json:
        typer.echo(json.dumps(_as_json(data, options, scores), indent=2))
    else:
        Console().print(_table(data, options, scores))


def _options(
    sentences: int | None, ref_budget: bool, word_cap: bool, limit: int | None, workers: int | None
) -> EvalOptions:
    """Validated options: the budget flags exclude each other, counts are positive."""
    from ..batch import default_workers
    from ..evaluate import EvalOptions

    if sentences is not None and ref_budget:
        raise UsageError("--sentences and --ref-budget exclude each other", hint="give one budget")
    for name, value in (("--sentences", sentences), ("--limit", limit), ("--workers", workers)):
        if value is not None and value < 1:
            raise UsageError(f"{name} must be at least 1", hint=f"got {value}")
    return EvalOptions(
        sentences=sentences or DEFAULT_SENTENCES,
        ref_budget=ref_budget,
        word_cap=word_cap,
        limit=limit,
        workers=workers or default_workers(),
    )


def _budget_label(options: EvalOptions) -> str:
    label = "reference's sentence count" if options.ref_budget else f"{options.sentences} sentences"
    return f"{label}, cut to the reference's word count" if options.word_cap else label


def _as_json(data: Path, options: EvalOptions, scores: list[MethodScore]) -> dict[str, object]:
    return {
        "data": str(data),
        "budget": _budget_label(options),
        "metric": "rouge-score F1 x100, use_stemmer=True, macro-averaged",
        "results": [score.as_dict() for score in scores],
    }


def _table(data: Path, options: EvalOptions, scores: list[MethodScore]) -> Table:
    from rich.table import Table
    articles = scores[0].articles if scores else 0
    table = Table(title=f"{data.name}: {articles} articles, {_budget_label(options)}")
    for header in ("method", "R1", "R2", "RLsum", "articles/s"):
        table.add_column(header, justify="left" if header == "method" else "right")
    for score in scores:
        table.add_row(
            score.method,
            f"{score.rouge1:.1f}",
            f"{score.rouge2:.1f}",
            f"{score.rougeLsum:.1f}",
            f"{score.articles_per_second:.0f}",
        )
    return table
