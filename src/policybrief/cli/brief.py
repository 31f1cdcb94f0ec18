"""The ``brief``, ``summarize`` and ``methods`` commands: thin, over ``pipeline``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from ..errors import PolicyBriefError, UsageError
from .common import (
    ExecutorOpt,
    MaxMbOpt,
    MethodOpt,
    Paths,
    RatioOpt,
    SchedulerOpt,
    SentencesOpt,
    WordsOpt,
    WorkersOpt,
    fail,
    finish,
    make_options,
    out_folder,
    progress,
    say,
    warn,
)

OutOpt = Annotated[str, typer.Option("--out", "-o", help="Folder for the briefs, or - for stdout.")]
BriefFormatOpt = Annotated[str, typer.Option("--format", "-f", help="md or json.")]
JsonReportOpt = Annotated[bool, typer.Option("--json", help="Report what was written as JSON.")]


def register(app: typer.Typer) -> None:
    app.command()(brief)
    app.command()(summarize)
    app.command()(methods)


def brief(
    paths: Paths,
    out: OutOpt = "briefs",
    fmt: BriefFormatOpt = "md",
    method: MethodOpt = "default",
    sentences: SentencesOpt = None,
    words: WordsOpt = None,
    ratio: RatioOpt = None,
    workers: WorkersOpt = None,
    executor: ExecutorOpt = "processes",
    scheduler: SchedulerOpt = None,
    max_mb: MaxMbOpt = 10,
    as_json: JsonReportOpt = False,
) -> None:
    """Write one brief per article, with stable file names, and list what was written.

    Examples:

      policybrief brief seeds/

      policybrief brief article.txt --out - --format json

      cat op-ed.txt | policybrief brief - --out briefs/ --words 80

      policybrief brief articles.jsonl --out briefs/   # a JSON article a line

      policybrief brief archive/ --executor dask --scheduler tcp://10.0.0.5:8786
    """
    try:
        if fmt not in ("md", "json"):
            raise UsageError(f"unknown format {fmt!r}", hint="use --format md or --format json")
        options = make_options(method, sentences, words, ratio, workers, max_mb, executor, scheduler)
        if out == "-":
            done, failed = _brief_to_stdout(paths, fmt, options, executor)
        else:
            folder = out_folder("--out", out)  # a file, or missing parents: refused before any work
            done, failed = _brief_to_folder(paths, folder, fmt, options, executor, as_json)
    except PolicyBriefError as exc:  # a bad option, or the run itself failed (a Dask scheduler)
        raise fail(exc) from None
    raise finish(paths, done, failed)


def _brief_to_folder(
    paths: list[str], folder: Path, fmt: str, options: Any, executor: str, as_json: bool
) -> tuple[int, int]:
    from ..pipeline import Failure, write_briefs

    written: list[dict[str, Any]] = []
    failed = 0
    with progress("briefing", executor) as advance:
        for result in write_briefs(paths, folder, fmt, options, warn):
            advance()
            if isinstance(result, Failure):
                failed += 1
                say(f"policybrief: error: {result.message}")
                continue
            b = result.brief
            written.append({"path": str(result.path), "title": b.title, "source": b.source,
                            "excerpt": b.excerpt})
            if not as_json:
                typer.echo(str(result.path))
    if as_json:
        typer.echo(json.dumps({"written": written, "failed": failed}, ensure_ascii=False, indent=2))
    return len(written), failed


def _brief_to_stdout(paths: list[str], fmt: str, options: Any, executor: str) -> tuple[int, int]:
    from ..pipeline import Failure, build_briefs
    from ..render import render_briefs

    briefs = []
    failed = 0
    with progress("briefing", executor) as advance:
        for result in build_briefs(paths, options, warn):
            advance()
            if isinstance(result, Failure):
                failed += 1
                say(f"policybrief: error: {result.message}")
            else:
                briefs.append(result)
    typer.echo(render_briefs(briefs, fmt), nl=False)
    return len(briefs), failed


def summarize(
    paths: Paths,
    method: MethodOpt = "default",
    sentences: SentencesOpt = None,
    words: WordsOpt = None,
    ratio: RatioOpt = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON: each article's sentences with paragraphs.")
    ] = False,
    max_mb: MaxMbOpt = 10,
) -> None:
    """Print the extracted sentences of each article, one per line, in reading order.

    Examples:

      policybrief summarize seeds/000_f2d1e5955d110ce0.txt --sentences 2

      curl -s https://example.org/a.txt | policybrief summarize - --method lexrank --json
    """
    from ..pipeline import Failure, summarize_all

    try:
        options = make_options(method, sentences, words, ratio, 1, max_mb)
    except PolicyBriefError as exc:
        raise fail(exc) from None
    results: list[dict[str, Any]] = []
    failed = 0
    for result in summarize_all(paths, options, warn):
        if isinstance(result, Failure):
            failed += 1
            say(f"policybrief: error: {result.message}")
            continue
        article = result.article
        results.append({
            "source": article.source,
            "part": article.part,
            "title": article.title,
            "excerpt": article.excerpt,
            "sentences": [{"text": s.text, "paragraph": s.paragraph} for s in result.sentences],
        })
        if not as_json:
            if len(results) > 1:
                typer.echo("")
            for sentence in result.sentences:
                typer.echo(sentence.text)
    if as_json:
        typer.echo(json.dumps(results, ensure_ascii=False, indent=2))
    raise finish(paths, len(results), failed)


def methods(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List the summarisation methods.

    Examples:

      policybrief methods

      policybrief methods --json
    """
    from ..summarise import SUMMARISERS

    if as_json:
        typer.echo(json.dumps({name: m.description for name, m in SUMMARISERS.items()}, indent=2))
        return
    width = max(len(name) for name in SUMMARISERS)
    for name, method_entry in SUMMARISERS.items():
        typer.echo(f"{name:<{width}}  {method_entry.description}")
