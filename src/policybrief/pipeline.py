"""The stages in order: ingest → segment → summarise → brief. What the CLI and scheduler call.

``brief_article`` is the pure, picklable per-article function that ``batch.map_ordered``
maps; failures come back as ``Failure`` values so one bad article fails alone. With the
Dask executor, ``brief_part`` is mapped instead: each worker reads its own partition of the
inputs (see ``partition``), so the client never reads article text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from . import batch, ingest, partition
from .brief import make_brief
from .errors import IngestError, PolicyBriefError, SegmentError, UsageError
from .models import Article, Budget, PolicyBrief
from .segment import paragraphs_of, segment, split_articles
from .summarise import Summariser, get_ranker, select

MIN_SENTENCES = 2


@dataclass(frozen=True)
class Options:
    """Everything a brief run needs, passed as one object rather than many keywords."""

    method: str = "default"
    budget: Budget = field(default_factory=Budget)
    workers: int = 1
    executor: str = "processes"  # local | processes | dask
    scheduler: str | None = None  # a Dask scheduler address, with executor="dask"
    max_bytes: int = ingest.MAX_BYTES  # per input file; per line of a JSONL file
    http_cache: str | None = None  # a state file remembering ETag/Last-Modified of web sources
    block_size: int = partition.BLOCK_SIZE  # dask: bytes of a JSONL file per task
    files_per_task: int = partition.FILES_PER_TASK  # dask: text files per task
    progress: bool = False  # dask: draw Dask's progress bar on stderr

    def check(self) -> Options:
        """Fail early, before any input is read, on an unknown method or executor."""
        get_ranker(self.method)
        self.batch_executor()
        if self.block_size < 1 or self.files_per_task < 1:
            raise UsageError("block_size and files_per_task must be at least 1", hint="give positive sizes")
        return self

    def batch_executor(self) -> batch.Executor:
        return batch.Executor(
            kind=self.executor, workers=self.workers, scheduler=self.scheduler, progress=self.progress
        )


@dataclass(frozen=True)
class Failure:
    """An input or article that failed, with the one line the user sees."""

    subject: str
    message: str


Warn = Callable[[str], None]


def _ignore(_: str) -> None:
    return None


def iter_articles(paths: list[str], options: Options, warn: Warn = _ignore) -> Iterator[Article | Failure]:
    """Every article of every input, in order; inputs that fail yield a Failure."""
    return articles_of(ingest.read_all(paths, options.max_bytes, options.http_cache), warn)


def articles_of(
    sources: Iterable[ingest.Source | IngestError], warn: Warn = _ignore
) -> Iterator[Article | Failure]:
    """Sources → articles: a whole source (web page, JSONL line) is one, a file may hold several."""
    for item in sources:
        if isinstance(item, PolicyBriefError):
            yield Failure(item.subject or "input", str(item))
            continue
        if item.warning:
            warn(item.warning)
        if item.whole:
            yield Article(
                source=item.name,
                paragraphs=tuple(paragraphs_of(item.text)),
                title=item.title,
                author=item.author,
                url=item.url,
                date=item.date,
                site=item.site,
                language=item.language,
                excerpt=item.excerpt,
            )
            continue
        articles = split_articles(item.text, item.name)
        if not articles:
            yield Failure(item.name, f"{item.name}: holds no article text ({_no_text_hint(item.text)})")
        yield from articles


_summarisers: dict[str, Summariser] = {}


def _summariser(method: str) -> Summariser:
    """One summariser per method per process: built once, called for every article."""
    if method not in _summarisers:
        _summarisers[method] = Summariser(method)
    return _summarisers[method]


def _no_text_hint(text: str) -> str:
    if text.lstrip().lower().startswith(("<!doctype html", "<html")):
        return "it is an HTML page: save it with an .html suffix so its article is extracted"
    return "give prose: paragraphs of sentences that end in . ! or ?"


def brief_article(
    article: Article, method: str = "default", budget: Budget | None = None
) -> PolicyBrief | Failure:
    """Segment, rank, select and assemble one article's brief."""
    label = article.source if article.part == 1 else f"{article.source} (article {article.part})"
    try:
        document = segment(article)
        whole = [s for s in document.sentences if not s.truncated]
        if len(whole) < MIN_SENTENCES:
            raise SegmentError(
                f"has {len(whole)} complete sentence{'s' if len(whole) != 1 else ''}: too short to brief",
                subject=label,
                hint=f"a brief needs at least {MIN_SENTENCES} sentences",
            )
        summariser = _summariser(method)
        ranked = summariser.rank(document)
        selected = select(document, ranked, budget or Budget())
        return make_brief(document, ranked, selected, method)
    except PolicyBriefError as exc:
        return Failure(label, str(exc) if exc.subject else f"{label}: {exc}")


def brief_all(articles: Iterable[Article | Failure], options: Options) -> Iterator[PolicyBrief | Failure]:
    """Briefs of a stream of articles, in order, over ``options.workers`` processes."""
    work = partial(_brief_or_pass, method=options.method, budget=options.budget)
    return batch.map_ordered(work, articles, options.batch_executor())


def _brief_or_pass(item: Article | Failure, method: str, budget: Budget) -> PolicyBrief | Failure:
    return item if isinstance(item, Failure) else brief_article(item, method, budget)


def build_briefs(
    paths: list[str], options: Options | None = None, warn: Warn = _ignore
) -> Iterator[PolicyBrief | Failure]:
    """The library's main entry: briefs (or failures) of every article under ``paths``.

    With ``executor="dask"`` the workers read the files themselves (``brief_partitions``).
    """
    options = (options or Options()).check()
    if options.executor == "dask":
        return brief_partitions(paths, options, warn)
    return brief_all(iter_articles(paths, options, warn), options)


@dataclass(frozen=True)
class Loaded:
    """Articles (or failures) the client read itself: stdin, web sources, paths that failed."""

    items: tuple[Article | Failure, ...]


def brief_partitions(
    paths: list[str], options: Options, warn: Warn = _ignore
) -> Iterator[PolicyBrief | Failure]:
    """``build_briefs`` on a cluster: tasks carry partition descriptors, not article text.

    Each task reads its partition, splits it into articles and briefs them; the results
    (and any warnings, such as a file read as cp1252) come back in input order, exactly
    those of the local executor.
    """
    work = partial(brief_part, method=options.method, budget=options.budget, max_bytes=options.max_bytes)
    with batch.session(options.batch_executor()) as run:
        count = partial(run, partial(ingest.count_jsonl, max_bytes=options.max_bytes), urgent=True)
        plan = partition.plan(paths, count, options.block_size, options.files_per_task)
        total = partial(partition.count_tasks, paths, options.block_size, options.files_per_task)
        for warnings, results in run(work, _tasks(plan, options, warn), total=total):
            for warning in warnings:
                warn(warning)
            yield from results


def _tasks(
    plan: Iterable[partition.Plan], options: Options, warn: Warn
) -> Iterator[partition.Files | ingest.JsonlBlock | Loaded]:
    """The plan's descriptors as they are; what only the client can read, read here, in chunks."""
    for item in plan:
        if isinstance(item, IngestError):
            yield Loaded((Failure(item.subject or "input", str(item)),))
        elif isinstance(item, str):
            articles = iter_articles([item], options, warn)
            for chunk in batch.chunks(articles, options.batch_executor().chunk_size):
                yield Loaded(tuple(chunk))
        else:
            yield item


def brief_part(
    part: partition.Files | ingest.JsonlBlock | Loaded, method: str, budget: Budget, max_bytes: int
) -> tuple[list[str], list[PolicyBrief | Failure]]:
    """A worker's task: read its partition, split it into articles, brief them, in order."""
    warnings: list[str] = []
    if isinstance(part, Loaded):
        items: Iterable[Article | Failure] = part.items
    else:
        items = articles_of(partition.read_part(part, max_bytes), warnings.append)
    return warnings, [_brief_or_pass(item, method, budget) for item in items]


def build_digest(
    paths: list[str],
    options: Options | None = None,
    *,
    title: str = "Policy digest",
    warn: Warn = _ignore,
    on_result: Callable[[PolicyBrief | Failure], None] | None = None,
) -> tuple[Any, list[Failure]]:
    """Brief every article under ``paths`` and assemble the digest: (Digest, failures).

    ``on_result`` sees each brief or failure as it comes (for progress and error lines).
    """
    from .digest import assemble

    options = (options or Options()).check()
    briefs: list[PolicyBrief] = []
    failures: list[Failure] = []
    for result in build_briefs(paths, options, warn):
        if on_result is not None:
            on_result(result)
        if isinstance(result, Failure):
            failures.append(result)
        else:
            briefs.append(result)
    return assemble(briefs, title=title, method=options.method), failures


def summarize(text: str, sentences: int = 3, method: str = "default") -> list[str]:
    """The ``sentences`` best sentences of ``text`` (one article), in reading order."""
    article = Article(source="<text>", paragraphs=tuple(paragraphs_of(text)))
    document = segment(article)
    return [s.text for s in _summariser(method)(document, Budget(sentences=sentences))]
