"""Whole runs over inputs: briefs, the digest, briefs written to files, summaries.

These are what the CLI's commands, the mail cycle and the library API call; each command
calls one of them and turns its errors into a message.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

from .. import batch
from ..deliver.files import folder_problem, make_folders, write_atomic
from ..digest import Digest, Earlier, Taxonomy, assemble, earlier_from_data
from ..errors import PolicyBriefError, SegmentError, UsageError
from ..ingest import WebSession
from ..models import DEFAULT_SENTENCES, Article, Budget, PolicyBrief, Sentence
from ..render import render_brief
from ..segment import paragraphs_of, segment
from .options import Failure, Options, Warn, ignore
from .partitions import brief_partitions
from .stages import _label, _summariser, brief_articles, iter_articles


def brief_all(articles: Iterable[Article | Failure], options: Options) -> Iterator[PolicyBrief | Failure]:
    """Briefs of a stream of articles, in order, over ``options.workers`` processes."""
    work = partial(brief_articles, method=options.method, budget=options.budget)
    return batch.map_chunks(work, articles, options.batch_executor())


def build_briefs(
    paths: list[str],
    options: Options | None = None,
    warn: Warn = ignore,
    *,
    session: WebSession | None = None,
    keep: Callable[[Article], bool] | None = None,
) -> Iterator[PolicyBrief | Failure]:
    """The library's main entry: briefs (or failures) of every article under ``paths``.

    ``keep`` sees every article read and says which to brief (the mail cycle leaves out
    those already delivered, so they cost only a hash). With ``executor="dask"`` and no
    ``keep`` or ``session``, the workers read the files themselves (``brief_partitions``).
    """
    options = (options or Options()).check()
    if options.executor == "dask" and keep is None and session is None:
        return brief_partitions(paths, options, warn)
    articles = iter_articles(paths, options, warn, session)
    if keep is not None:
        articles = (a for a in articles if isinstance(a, Failure) or keep(a))
    return brief_all(articles, options)



def build_digest(
    paths: list[str],
    options: Options | None = None,
    *,
    title: str = "Policy digest",
    warn: Warn = ignore,
    on_result: Callable[[PolicyBrief | Failure], None] | None = None,
    session: WebSession | None = None,
    keep: Callable[[Article], bool] | None = None,
    generated_at: datetime | None = None,
    version: str | None = None,
    sections: Path | None = None,
    previous: Path | None = None,
    previous_json: str | None = None,
) -> tuple[Digest, list[Failure]]:
    """Brief every article under ``paths`` and assemble the digest: (Digest, failures).

    ``on_result`` sees each brief or failure as it comes (for progress and error lines);
    ``session`` and ``keep`` are as for ``build_briefs``; ``generated_at`` and ``version``
    stamp the digest (now, and this version, by default); ``sections`` is a sections file
    replacing the shipped taxonomy, ``previous`` the JSON of the previous digest (its
    continuing stories are marked as updates); both are read before any work, so a bad one
    fails at once. ``previous_json`` is that JSON as text (the mail cycle keeps it in its
    state file); one that cannot be read is warned about and the digest has no updates.
    """
    options = (options or Options()).check()
    taxonomy = read_taxonomy(sections) if sections is not None else None
    earlier = read_earlier(previous) if previous is not None else None
    if earlier is None and previous_json is not None:
        earlier = _earlier_or_none(previous_json, warn)
    briefs: list[PolicyBrief] = []
    failures: list[Failure] = []
    for result in build_briefs(paths, options, warn, session=session, keep=keep):
        if on_result is not None:
            on_result(result)
        if isinstance(result, Failure):
            failures.append(result)
        else:
            briefs.append(result)
    stamp: dict[str, Any] = {"generated_at": generated_at or source_date()}
    if version is not None:
        stamp["version"] = version
    digest = assemble(briefs, title=title, method=options.method, taxonomy=taxonomy,
                      earlier=earlier, **stamp)
    return digest, failures


def read_earlier(path: Path) -> Earlier:
    """The previous digest, from the JSON ``digest --format json`` wrote."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise UsageError(f"cannot read the previous digest: {exc}", subject=str(path),
                         hint="give a digest written by 'policybrief digest --format json'") from exc
    return earlier_from_data(data, str(path))


def _earlier_or_none(text: str, warn: Warn) -> Earlier | None:
    try:
        return earlier_from_data(json.loads(text), "the previous digest in the state file")
    except (ValueError, UsageError) as exc:  # JSONDecodeError is a ValueError
        warn(f"the previous digest could not be read ({exc}); no story is marked as an update")
        return None


def read_taxonomy(path: Path) -> Taxonomy:
    """The user's sections file (the form of the shipped ``data/sections.toml``)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read the sections file: {exc}", subject=str(path),
                         hint="give a UTF-8 TOML file like the shipped data/sections.toml") from exc
    return Taxonomy.from_toml(text, str(path))


def summarize(text: str, sentences: int = DEFAULT_SENTENCES, method: str = "default") -> list[str]:
    """The ``sentences`` best sentences of ``text`` (one article), in reading order."""
    article = Article(source="<text>", paragraphs=tuple(paragraphs_of(text)))
    document = segment(article)
    return [s.text for s in _summariser(method)(document, Budget(sentences=sentences))]


def source_date(environ: Mapping[str, str] | None = None) -> datetime | None:
    """The time ``SOURCE_DATE_EPOCH`` fixes (the reproducible-builds convention), in UTC, so a
    digest built twice from the same inputs is the same file; None when it is not set."""
    raw = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise UsageError(f"SOURCE_DATE_EPOCH={raw!r} is not a whole number of seconds",
                         subject="environment", hint="unset it, or give e.g. $(date +%s)")
    return datetime.fromtimestamp(int(raw), tz=UTC)


@dataclass(frozen=True)
class Written:
    """A brief written to ``path``."""

    brief: PolicyBrief
    path: Path


def write_briefs(
    paths: list[str],
    folder: Path,
    fmt: str = "md",
    options: Options | None = None,
    warn: Warn = ignore,
) -> Iterator[Written | Failure]:
    """Brief every article under ``paths`` and write each brief to ``folder`` (atomically),
    with stable names (``slug.md``, then ``slug-2.md`` … within a run); a brief that cannot
    be written fails alone. A file where the folder should be is a ``UsageError`` before any
    input is read; a folder whose parents are missing is made, parents and all."""
    problem = folder_problem(folder)
    if problem and "is a file" in problem:
        raise UsageError(problem, subject=str(folder), hint="give a folder")
    if problem:
        make_folders(folder)
    used: set[Path] = set()
    for result in build_briefs(paths, options, warn):
        if isinstance(result, Failure):
            yield result
            continue
        target = unique_path(folder, result.slug, fmt, used)
        try:
            write_atomic(target, render_brief(result, fmt))
        except PolicyBriefError as exc:
            yield Failure(str(target), str(exc))
            continue
        yield Written(result, target)


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


@dataclass(frozen=True)
class Summary:
    """The sentences picked from one article, in reading order."""

    article: Article
    sentences: tuple[Sentence, ...]


def summarize_all(
    paths: list[str], options: Options | None = None, warn: Warn = ignore
) -> Iterator[Summary | Failure]:
    """The extracted sentences of each article under ``paths``, in this process."""
    options = (options or Options()).check()
    summariser = _summariser(options.method)
    for article in iter_articles(paths, options, warn):
        if isinstance(article, Failure):
            yield article
            continue
        try:
            document = segment(article)
            if not any(not s.truncated for s in document.sentences):
                raise SegmentError(
                    "holds no complete sentence to summarise",
                    subject=_label(article),
                    hint="give prose that ends its sentences with . ! or ?",
                )
            picks = summariser(document, options.budget)
        except PolicyBriefError as exc:
            yield Failure(_label(article), str(exc))
            continue
        if not picks and options.budget.words is not None:
            warn(
                f"{article.source}: every sentence is longer than --words "
                f"{options.budget.words}; nothing selected (raise --words)"
            )
        yield Summary(article, picks)
