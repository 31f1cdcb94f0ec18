"""The ``digest`` and ``templates`` commands: briefs → one digest, and the shipped templates.
"""

from __future__ import annotations

import os
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
    out_file,
    out_folder,
    progress,
    say,
    warn,
)

FORMATS = ("md", "html", "txt", "json")


def choose_format(fmt: str | None, out: str | None, template: Path | None) -> str:
    """--format, else what --out's suffix says, else what the template file's says, else md."""
    from ..render.digest import format_for

    if fmt is not None:
        if fmt not in FORMATS:
            raise UsageError(f"unknown format {fmt!r}", hint=f"use one of {', '.join(FORMATS)}")
        return fmt
    if out and out != "-":
        inferred = format_for(out)
        if inferred:
            return inferred
        if Path(out).suffix:
            raise UsageError(
                f"cannot tell the format from {out!r}", hint=f"give --format ({', '.join(FORMATS)})"
            )
    if template is not None and template.is_file():
        return format_for(template) or "md"
    return "md"


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def register(app: typer.Typer) -> None:
    app.command()(digest)
    app.command()(templates)


PreviousOpt = Annotated[
    Path | None,
    typer.Option(
        "--previous",
        help="The previous digest as JSON (written with --format json): stories that continue "
        "one of its stories are marked as updates, with what is new.",
        show_default=False,
    ),
]
DigestOutOpt = Annotated[
    str | None,
    typer.Option(
        "--out",
        "-o",
        help="File to write (its suffix picks the format); stdout when not given or -.",
        show_default=False,
    ),
]
DigestFormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        help="md, html, txt or json [default: from --out's suffix, else md].",
        show_default=False,
    ),
]
TemplateOpt = Annotated[
    Path | None,
    typer.Option(
        "--template",
        "-t",
        help="A template file, or a folder of digest.<format>.j2 files, "
        "used instead of the shipped ones.",
        show_default=False,
    ),
]
TitleOpt = Annotated[str, typer.Option("--title", help="The digest's title.")]
SectionsOpt = Annotated[
    Path | None,
    typer.Option(
        "--sections",
        help="A TOML file of section names and keywords used instead of the shipped "
        "taxonomy (export it with 'policybrief templates --export DIR').",
        show_default=False,
    ),
]


def digest(
    paths: Paths,
    out: DigestOutOpt = None,
    fmt: DigestFormatOpt = None,
    template: TemplateOpt = None,
    title: TitleOpt = "Policy digest",
    method: MethodOpt = "default",
    sentences: SentencesOpt = None,
    words: WordsOpt = None,
    ratio: RatioOpt = None,
    workers: WorkersOpt = None,
    executor: ExecutorOpt = "processes",
    scheduler: SchedulerOpt = None,
    max_mb: MaxMbOpt = 10,
    sections: SectionsOpt = None,
    previous: PreviousOpt = None,
) -> None:
    """Brief every article and assemble the briefs into one digest: a top line (one line per
    top story), then sections of stories ordered by news value, each story summed up across
    its articles, and the sources.

    Near-duplicate articles (the same story twice, or the same file given twice) appear
    once, with both sources. Inputs that fail are reported on stderr, one line each.

    Examples:

      policybrief digest seeds/

      policybrief digest seeds/ --out digest.html

      policybrief digest a.txt b.txt --format txt --title "Morning brief"

      policybrief digest seeds/ --out digest.md --template my-templates/

      policybrief digest seeds/ --sections my-sections.toml

      policybrief digest today/ --previous yesterday.json --out today.md
    """
    try:
        chosen = choose_format(fmt, out, template)
        if template is not None and not template.exists():
            raise UsageError(
                "template not found",
                subject=str(template),
                hint="give a template file or a folder holding digest.<format>.j2",
            )
        options = make_options(
            method, sentences, words, ratio, workers, max_mb, executor=executor, scheduler=scheduler
        )
        if out is not None and out != "-":
            out_file("--out", out)  # a folder, or a missing folder: refused before any work
        digest, failures = _build(paths, options, title, executor, sections, previous)
        if not digest.briefs:
            if failures:
                say("policybrief: error: no article could be briefed, so there is no digest")
            raise finish(paths, 0, len(failures))
        _write(digest, chosen, template, out)
    except PolicyBriefError as exc:  # a bad option, the run itself (a Dask scheduler), writing
        raise fail(exc) from None
    raise finish(paths, len(digest.briefs), len(failures))


def _build(paths: list[str], options: Any, title: str, executor: str, sections: Path | None,
           previous: Path | None) -> tuple[Any, list[Any]]:
    """The digest, with a progress bar and one error line per input that failed."""
    from ..pipeline import Failure, build_digest

    with progress("briefing", executor) as advance:

        def report(result: object) -> None:
            advance()
            if isinstance(result, Failure):
                say(f"policybrief: error: {result.message}")

        return build_digest(paths, options, title=title, warn=warn, on_result=report,
                            sections=sections, previous=previous)


def _write(digest: Any, fmt: str, template: Path | None, out: str | None) -> None:
    from ..deliver.files import write_atomic
    from ..render.digest import render_digest

    text = render_digest(digest, fmt, template)
    if out is None or out == "-":
        typer.echo(text, nl=False)
    else:
        write_atomic(Path(out), text)
        say(f"policybrief: wrote {out}")


def templates(
    export: Annotated[
        Path | None,
        typer.Option(
            "--export", help="Copy the shipped digest templates into this folder.", show_default=False
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite files already there.")] = False,
) -> None:
    """List the shipped digest templates, or copy them out as a starting point for your own.

    Edit the copies and pass the folder (or one file) to 'policybrief digest --template'.

    Examples:

      policybrief templates

      policybrief templates --export my-templates/

      policybrief digest seeds/ --out digest.html --template my-templates/
    """
    from ..deliver.files import write_atomic
    from ..render.digest import shipped_templates

    shipped = shipped_templates()
    if export is None:
        for path in shipped:
            typer.echo(str(path))
        return
    try:
        out_folder("--export", str(export))
        clashes = [export / p.name for p in shipped if (export / p.name).exists()]
        if clashes and not force:
            raise UsageError(f"{clashes[0]} already exists", hint="choose an empty folder or pass --force")
        for path in shipped:
            target = write_atomic(export / path.name, path.read_text(encoding="utf-8"))
            target.chmod(0o666 & ~_umask())  # as an ordinary new file, editable
            typer.echo(str(target))
    except PolicyBriefError as exc:
        raise fail(exc) from None
