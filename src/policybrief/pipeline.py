"""The stages in order: ingest → segment → summarise → brief. What the CLI and scheduler call.

``brief_articles`` is the pure, picklable function of a chunk of articles that
``batch.map_chunks`` maps (it ranks the chunk as one batch); failures come back as
``Failure`` values so one bad article fails alone. With the Dask executor, ``brief_part``
is mapped instead: each worker reads its own partition of the inputs (see ``partition``),
so the client never reads article text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from . import batch, ingest, partition
from .brief import make_brief
from .errors import IngestError, PolicyBriefError, SegmentError, SummariseError, UsageError
from .models import Article, Budget, Document, PolicyBrief
from .segment import paragraphs_of, segment, split_articles
from .summarise import Summariser, get_ranker, select

MIN_SENTENCES = 2
BATCH = 64  # articles ranked together within one Dask partition


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
    return brief_articles([article], method, budget)[0]


def brief_articles(
    items: Sequence[Article | Failure], method: str = "default", budget: Budget | None = None
) -> list[PolicyBrief | Failure]:
    """``brief_article`` of each article, in order; failures pass through.

    Each article is segmented and assembled on its own, but they are ranked as one batch
    (``Summariser.rank_many``): the default ranker's numpy calls are paid once a batch,
    not once an article, and a document ranks the same alone or in any batch.
    """
    try:
        summariser = _summariser(method)
    except PolicyBriefError as exc:  # an unknown method: every article fails with it
        return [item if isinstance(item, Failure) else _failure(item, exc) for item in items]
    results: list[PolicyBrief | Failure | Document] = [
        item if isinstance(item, Failure) else _segmented(item) for item in items
    ]
    documents = [r for r in results if isinstance(r, Document)]
    rankings = iter(summariser.rank_many(documents))
    return [
        _assembled(result, next(rankings), method, budget or Budget())
        if isinstance(result, Document) else result
        for result in results
    ]


def _label(article: Article) -> str:
    return article.source if article.part == 1 else f"{article.source} (article {article.part})"


def _failure(article: Article, exc: PolicyBriefError) -> Failure:
    label = _label(article)
    return Failure(label, str(exc) if exc.subject else f"{label}: {exc}")


def _segmented(article: Article) -> Document | Failure:
    """The article's Document, or why it cannot be briefed (too few sentences)."""
    try:
        document = segment(article)
        whole = [s for s in document.sentences if not s.truncated]
        if len(whole) < MIN_SENTENCES:
            raise SegmentError(
                f"has {len(whole)} complete sentence{'s' if len(whole) != 1 else ''}: too short to brief",
                subject=_label(article),
                hint=f"a brief needs at least {MIN_SENTENCES} sentences",
            )
        return document
    except PolicyBriefError as exc:
        return _failure(article, exc)


def _assembled(
    document: Document, ranked: list[int] | SummariseError, method: str, budget: Budget
) -> PolicyBrief | Failure:
    try:
        if isinstance(ranked, SummariseError):
            raise ranked
        return make_brief(document, ranked, select(document, ranked, budget), method)
    except PolicyBriefError as exc:
        return _failure(document.article, exc)


def brief_all(articles: Iterable[Article | Failure], options: Options) -> Iterator[PolicyBrief | Failure]:
    """Briefs of a stream of articles, in order, over ``options.workers`` processes."""
    work = partial(brief_articles, method=options.method, budget=options.budget)
    return batch.map_chunks(work, articles, options.batch_executor())


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
    return warnings, [
        brief for chunk in batch.chunks(items, BATCH) for brief in brief_articles(chunk, method, budget)
    ]


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
