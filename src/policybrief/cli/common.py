"""What the commands share: options, budgets, progress, and errors as one line and an exit code.

Light on purpose: importing it loads typer and the package's errors and models, nothing of
the stages (they load when a command runs).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..errors import ExitCode, PolicyBriefError, UsageError
from ..models import DEFAULT_SENTENCES, Budget

if TYPE_CHECKING:
    from ..pipeline import Options

Paths = Annotated[
    list[str],
    typer.Argument(
        help="Article files (.txt, .md), JSONL files (.jsonl: one article a line, as a JSON "
        "object with 'text' and optional 'title', 'author', 'url', 'date', 'section'), folders (searched "
        "recursively), - for stdin, URLs of pages or RSS/Atom feeds, saved .html pages, feed or OPML files.",
        show_default=False,
    ),
]
MethodOpt = Annotated[
    str, typer.Option("--method", "-m", help="Summarisation method (see 'policybrief methods').")
]
SentencesOpt = Annotated[
    int | None,
    typer.Option(
        "--sentences", "-n", min=1, help=f"Key points per brief [default: {DEFAULT_SENTENCES}].",
        show_default=False,
    ),
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
    from ..batch import default_workers
    from ..pipeline import Options

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
    """0 all good, 3 some inputs failed, 1 nothing done: every input failed, or the inputs
    held no article at all (exit 0 would pass for a run that did its work)."""
    if not done:
        return ExitCode.ERROR
    return ExitCode.PARTIAL if failed else ExitCode.OK


def inputs_named(paths: list[str], shown: int = 3) -> str:
    """The inputs for a message: 'a.jsonl, feed.xml', 'stdin', 'a, b, c and 4 more'."""
    names = ["stdin" if p == "-" else p for p in paths]
    if len(names) > shown:
        return f"{', '.join(names[:shown])} and {len(names) - shown} more"
    return ", ".join(names)


def finish(paths: list[str], done: int, failed: int) -> typer.Exit:
    """The command's exit (``outcome``); when nothing was done and nothing failed, the inputs
    held no article (an empty feed, say), and a warning line says so."""
    if not done and not failed:
        warn(f"no articles found in {inputs_named(paths)}")
    return typer.Exit(int(outcome(done, failed)))


def out_folder(flag: str, value: str) -> Path:
    """``value`` as the folder ``flag`` names, checked before any work: an existing folder, a
    new one (made when the first file is written), or one whose parents are missing too:
    those are made now and named on stderr, so no folder appears unannounced. A file where
    the folder should be is refused."""
    from ..deliver.files import folder_problem, make_folders

    folder = Path(value)
    problem = folder_problem(folder)
    if problem is None:
        return folder
    if problem.startswith("is a file") or "is a file" in problem:
        fix = "give a folder" if problem.startswith("is a file") else _fix(problem, "folder")
        raise UsageError(f"{flag} {value} {problem}; {fix}")
    made = make_folders(folder)
    say(f"policybrief: note: {flag} {value}: made the missing folders {', '.join(map(str, made))}")
    return folder


def out_file(flag: str, value: str) -> Path:
    """``value`` as the file ``flag`` names, checked before any work: its folder must exist
    (or be one new folder inside an existing one)."""
    from ..deliver.files import file_problem

    problem = file_problem(Path(value))
    if problem is None:
        return Path(value)
    if problem.startswith("is a folder"):
        fix = f"give a file in it, e.g. {Path(value) / 'digest.md'}"
    else:
        fix = _fix(problem, "path")
    raise UsageError(f"{flag} {value} {problem}; {fix}")


def _fix(problem: str, what: str) -> str:
    if problem.endswith("does not exist"):
        return f"create it first, or give another {what}"
    return f"give another {what}"  # a file stands where a folder should be


def bar_kind(executor: str, tty: bool | None = None) -> str | None:
    """The progress bar a batch shows: ``dask`` (Dask's own, drawn by the executor) with
    ``--executor dask``, else ``rich`` (``progress``); ``None`` when stderr is not a terminal."""
    if not (sys.stderr.isatty() if tty is None else tty):
        return None
    return "dask" if executor == "dask" else "rich"


@contextmanager
def progress(label: str, executor: str = "processes") -> Iterator[Any]:
    """A progress counter on a TTY for batches that take more than a second; silent when piped.

    With ``--executor dask`` the bar is Dask's (see ``batch.dask_cluster.DaskProgressBar``), so this
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


