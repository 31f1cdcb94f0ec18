"""The command line: thin commands over the library, errors as one line and an exit code."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from . import __version__
from .batch import default_workers
from .cli_options import ExecutorOpt, SchedulerOpt
from .errors import ExitCode, PolicyBriefError, SegmentError, UsageError
from .models import Budget, PolicyBrief
from .pipeline import Failure, Options, build_briefs, iter_articles
from .render import render_brief, to_data
from .segment import segment
from .summarise import SUMMARISERS, Summariser

app = typer.Typer(
    name="policybrief",
    help="Offline extractive policy briefs and digests of op-eds and news articles.\n\n"
    "Every sentence in a brief is quoted from its source and cites its paragraph.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode=None,
)

# --- shared options -----------------------------------------------------------------------

Paths = Annotated[
    list[str],
    typer.Argument(
        help="Article files (.txt, .md), JSONL files (.jsonl: one article a line, as a JSON "
        "object with 'text' and optional 'title', 'author', 'url', 'date'), folders (searched "
        "recursively), - for stdin, URLs of pages or RSS/Atom feeds, saved .html pages, feed or OPML files.",
        show_default=False,
    ),
]
MethodOpt = Annotated[
    str, typer.Option("--method", "-m", help="Summarisation method (see 'policybrief methods').")
]
SentencesOpt = Annotated[
    int | None,
    typer.Option("--sentences", "-n", min=1, help="Key points per brief [default: 3].", show_default=False),
]
WordsOpt = Annotated[
    int | None,
    typer.Option(
        "--words",
        "-w",
        min=1,
        help="Word budget for the key points; never cuts a sentence.",
        show_default=False,
    ),
]
RatioOpt = Annotated[
    float | None,
    typer.Option(
        "--ratio",
        "-r",
        min=0.01,
        max=1.0,
        help="Share of the article's sentences to keep, e.g. 0.2.",
        show_default=False,
    ),
]
WorkersOpt = Annotated[
    int | None,
    typer.Option(
        "--workers", "-j", min=1, help="Worker processes [default: the number of cores].", show_default=False
    ),
]
MaxMbOpt = Annotated[
    int,
    typer.Option("--max-mb", min=1, help="Largest input file (of a .jsonl file: line) read, in MB."),
]


def make_budget(sentences: int | None, words: int | None, ratio: float | None) -> Budget:
    given = [
        name
        for name, value in (("--sentences", sentences), ("--words", words), ("--ratio", ratio))
        if value is not None
    ]
    if len(given) > 1:
        raise UsageError(
            f"{' and '.join(given)} conflict", hint="give only one of --sentences, --words or --ratio"
        )
    return Budget(sentences=sentences, words=words, ratio=ratio)


def make_options(
    method: str,
    sentences: int | None,
    words: int | None,
    ratio: float | None,
    workers: int | None,
    max_mb: int = 10,
    executor: str = "processes",
    scheduler: str | None = None,
) -> Options:
    return Options(
        method=method,
        budget=make_budget(sentences, words, ratio),
        workers=workers or default_workers(),
        executor=executor,
        scheduler=scheduler,
        max_bytes=max_mb * 1024 * 1024,
        progress=bar_kind(executor) == "dask",
    ).check()


_clear_line = ""  # "\r\33[2K" while Dask's bar may hold the terminal's last line


def say(message: str) -> None:
    typer.echo(_clear_line + message, err=True)


def warn(message: str) -> None:
    say(f"policybrief: warning: {message}")


def fail(error: PolicyBriefError) -> typer.Exit:
    say(f"policybrief: error: {error}")
    return typer.Exit(int(error.exit_code))


def outcome(done: int, failed: int) -> ExitCode:
    """0 all good, 3 some inputs failed, 1 nothing done."""
    if failed and not done:
        return ExitCode.ERROR
    return ExitCode.PARTIAL if failed else ExitCode.OK


def bar_kind(executor: str, tty: bool | None = None) -> str | None:
    """The progress bar a batch shows: ``dask`` (Dask's own, drawn by the executor) with
    ``--executor dask``, else ``rich`` (``progress``); ``None`` when stderr is not a terminal."""
    if not (sys.stderr.isatty() if tty is None else tty):
        return None
    return "dask" if executor == "dask" else "rich"


@contextmanager
def progress(label: str, executor: str = "processes") -> Iterator[Any]:
    """A progress counter on a TTY for batches that take more than a second; silent when piped.

    With ``--executor dask`` the bar is Dask's (see ``batch_dask.DaskProgressBar``), so this
    one stays out of the way, and error lines first clear the line Dask's bar is drawn on.
    """
    global _clear_line
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    kind = bar_kind(executor)
    if kind != "rich":
        _clear_line = "\r\33[2K" if kind == "dask" else ""
        try:
            yield lambda: None
        finally:
            _clear_line = ""
        return
    bar = Progress(
        SpinnerColumn(),
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        transient=True,
        console=None,
    )
    task = bar.add_task(label, total=None)
    started = time.monotonic()
    shown = False

    def advance() -> None:
        nonlocal shown
        bar.advance(task)
        if not shown and time.monotonic() - started > 1.0:
            bar.start()
            shown = True

    try:
        yield advance
    finally:
        if shown:
            bar.stop()


def unique_path(folder: Path, slug: str, suffix: str, used: set[Path]) -> Path:
    """``folder/slug.suffix``, or ``slug-2``, ``slug-3`` … when this run already wrote it.

    Two articles with the same file stem and title (``a/note.md`` and ``b/note.md``) would
    otherwise overwrite each other. Inputs are read in sorted order, so names stay stable.
    """
    target = folder / f"{slug}.{suffix}"
    number = 1
    while target in used:
        number += 1
        target = folder / f"{slug}-{number}.{suffix}"
    used.add(target)
    return target


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


# --- commands -----------------------------------------------------------------------------


@app.command()
def brief(
    paths: Paths,
    out: Annotated[
        str, typer.Option("--out", "-o", help="Folder for the briefs, or - for stdout.")
    ] = "briefs",
    fmt: Annotated[str, typer.Option("--format", "-f", help="md or json.")] = "md",
    method: MethodOpt = "default",
    sentences: SentencesOpt = None,
    words: WordsOpt = None,
    ratio: RatioOpt = None,
    workers: WorkersOpt = None,
    executor: ExecutorOpt = "processes",
    scheduler: SchedulerOpt = None,
    max_mb: MaxMbOpt = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Report what was written as JSON.")] = False,
) -> None:
    """Write one brief per article, with stable file names, and list what was written.

    Examples:

      policybrief brief seeds/

      policybrief brief article.txt --out - --format json

      cat op-ed.txt | policybrief brief - --out briefs/ --words 80

      policybrief brief articles.jsonl --out briefs/   # a JSON article a line

      policybrief brief archive/ --executor dask --scheduler tcp://10.0.0.5:8786
    """
    from .deliver.files import write_atomic

    try:
        if fmt not in ("md", "json"):
            raise UsageError(f"unknown format {fmt!r}", hint="use --format md or --format json")
        options = make_options(method, sentences, words, ratio, workers, max_mb, executor, scheduler)
    except PolicyBriefError as exc:
        raise fail(exc) from None
    written: list[dict[str, Any]] = []
    to_stdout: list[PolicyBrief] = []
    done = failed = 0
    used: set[Path] = set()
    try:
        with progress("briefing", executor) as advance:
            for result in build_briefs(paths, options, warn):
                advance()
                if isinstance(result, Failure):
                    failed += 1
                    say(f"policybrief: error: {result.message}")
                    continue
                if out == "-":
                    done += 1
                    to_stdout.append(result)
                    continue
                target = unique_path(Path(out), result.slug, fmt, used)
                try:
                    write_atomic(target, render_brief(result, fmt))
                except PolicyBriefError as exc:  # this brief is lost, the others go on
                    failed += 1
                    say(f"policybrief: error: {exc}")
                    continue
                done += 1
                written.append(
                    {
                        "path": str(target),
                        "title": result.title,
                        "source": result.source,
                        "excerpt": result.excerpt,
                    }
                )
                if not as_json:
                    typer.echo(str(target))
    except PolicyBriefError as exc:  # the run itself failed (e.g. a Dask scheduler)
        raise fail(exc) from None
    if out == "-":
        if fmt == "json":
            typer.echo(json.dumps([to_data(b) for b in to_stdout], ensure_ascii=False, indent=2))
        else:
            typer.echo("\n".join(render_brief(b, "md") for b in to_stdout), nl=False)
    elif as_json:
        typer.echo(json.dumps({"written": written, "failed": failed}, ensure_ascii=False, indent=2))
    raise typer.Exit(int(outcome(done, failed)))


@app.command()
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
    try:
        options = make_options(method, sentences, words, ratio, 1, max_mb)
    except PolicyBriefError as exc:
        raise fail(exc) from None
    summariser = Summariser(options.method)
    results: list[dict[str, Any]] = []
    done = failed = 0
    for article in iter_articles(paths, options, warn):
        if isinstance(article, Failure):
            failed += 1
            say(f"policybrief: error: {article.message}")
            continue
        try:
            document = segment(article)
            if not any(not s.truncated for s in document.sentences):
                label = article.source if article.part == 1 else f"{article.source} (article {article.part})"
                raise SegmentError(
                    "holds no complete sentence to summarise",
                    subject=label,
                    hint="give prose that ends its sentences with . ! or ?",
                )
            picks = summariser(document, options.budget)
            if not picks and options.budget.words is not None:
                warn(
                    f"{article.source}: every sentence is longer than --words "
                    f"{options.budget.words}; nothing selected (raise --words)"
                )
        except PolicyBriefError as exc:
            failed += 1
            say(f"policybrief: error: {exc}")
            continue
        done += 1
        results.append(
            {
                "source": article.source,
                "part": article.part,
                "title": article.title,
                "excerpt": article.excerpt,
                "sentences": [{"text": s.text, "paragraph": s.paragraph} for s in picks],
            }
        )
        if not as_json:
            if done > 1:
                typer.echo("")
            for sentence in picks:
                typer.echo(sentence.text)
    if as_json:
        typer.echo(json.dumps(results, ensure_ascii=False, indent=2))
    raise typer.Exit(int(outcome(done, failed)))


@app.command()
def methods(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List the summarisation methods.

    Examples:

      policybrief methods

      policybrief methods --json
    """
    if as_json:
        typer.echo(json.dumps({name: m.description for name, m in SUMMARISERS.items()}, indent=2))
        return
    width = max(len(name) for name in SUMMARISERS)
    for name, method_entry in SUMMARISERS.items():
        typer.echo(f"{name:<{width}}  {method_entry.description}")


def _register_optional() -> None:
    """Command groups that live in their own modules register themselves here."""
    import importlib

    for module in ("cli_digest", "cli_eval", "cli_mail"):
        try:
            mod = importlib.import_module(f".{module}", __package__)
        except ModuleNotFoundError as exc:
            if exc.name != f"{__package__}.{module}":
                raise
            continue
        mod.register(app)


_register_optional()


def main() -> None:
    app()
