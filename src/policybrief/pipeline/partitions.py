"""``build_briefs`` on a Dask cluster: tasks carry partition descriptors, not article text."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import partial

from .. import batch, ingest
from ..errors import IngestError, IngestWarning
from ..ingest import partition
from ..models import Article, Budget, PolicyBrief
from .options import Failure, Options, Warn, ignore
from .stages import articles_of, brief_articles, iter_articles

BATCH = 64  # articles ranked together within one Dask partition


@dataclass(frozen=True)
class Loaded:
    """Articles (or failures) the client read itself: stdin, web sources, paths that failed."""

    items: tuple[Article | Failure, ...]


def brief_partitions(
    paths: list[str], options: Options, warn: Warn = ignore
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
        if isinstance(item, IngestWarning):
            warn(str(item))
        elif isinstance(item, IngestError):
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

