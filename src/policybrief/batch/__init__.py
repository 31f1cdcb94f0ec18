"""The batch seam: an ordered, streaming map of a pure function over items.

Everything parallel goes through ``map_ordered`` (items, sent in chunks), ``map_chunks``
(a function of a whole chunk) or a ``session``'s ``Run`` (one call per task): the stage
functions mapped are pure and picklable, so an executor — in-process, a process pool, or a
Dask cluster — can run them without the stages knowing. At most ``workers * window`` tasks
are in flight, so memory stays flat however long the input stream is, and results come
back in input order.
"""
from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sized
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from functools import partial
from itertools import islice
from typing import Any, TypeVar

from ..errors import UsageError
from .executor import (
    EXECUTORS,
    SCHEDULER_RE,
    Executor,
    Run,
    apply_chunk,
    chunks,
    default_workers,
    pin_blas,
)

__all__ = [
    "EXECUTORS",
    "SCHEDULER_RE",
    "Executor",
    "Run",
    "apply_chunk",
    "chunks",
    "default_workers",
    "map_chunks",
    "map_ordered",
    "pin_blas",
    "session",
]

T = TypeVar("T")
R = TypeVar("R")


@contextmanager
def session(executor: Executor) -> Iterator[Run]:
    """One executor for a whole batch: a pool or a Dask client, shut down at the end."""
    if executor.in_process:
        yield _map_local
    elif executor.kind == "processes":
        pin_blas()
        with ProcessPoolExecutor(max_workers=executor.workers, initializer=pin_blas) as pool:

            def run(
                func: Callable[[Any], R],
                tasks: Iterable[Any],
                *,
                urgent: bool = False,
                total: int | Callable[[], int | None] | None = None,
            ) -> Iterator[R]:
                return _map_pool(pool, executor.workers * executor.window, func, tasks)

            yield run
    else:
        try:
            from . import dask_cluster  # dask is an optional extra
        except ImportError as exc:
            if (exc.name or "").partition(".")[0] not in {"dask", "distributed"}:
                raise
            raise UsageError(
                "--executor dask needs the dask extra", hint="pip install 'policybrief[dask]'"
            ) from exc
        with dask_cluster.session(executor) as run:
            yield run


def map_ordered(
    func: Callable[[T], R], items: Iterable[T], executor: Executor | int | None = None
) -> Iterator[R]:
    """``map(func, items)`` in order, on the given executor (an int: a pool of that many).

    ``func`` must be picklable (a module-level function or a functools.partial of one)
    and should return failures as values rather than raise, so one bad item fails alone.
    """
    executor = _executor(executor)
    if executor.in_process:
        yield from map(func, items)
        return
    yield from map_chunks(partial(apply_chunk, func), items, executor)


def map_chunks(
    func: Callable[[list[T]], list[R]], items: Iterable[T], executor: Executor | int | None = None
) -> Iterator[R]:
    """Like ``map_ordered``, but ``func`` takes a chunk of ``chunk_size`` items at once and
    gives one result per item: for stages that are faster on a batch (the default ranker).
    In-process too, so results come a chunk at a time.
    """
    executor = _executor(executor)
    if executor.in_process:
        for chunk in chunks(items, executor.chunk_size):
            yield from func(chunk)
        return
    total = math.ceil(len(items) / executor.chunk_size) if isinstance(items, Sized) else None
    pool = executor.kind == "processes"
    tasks = _pool_chunks(items, executor) if pool else chunks(items, executor.chunk_size)
    with session(executor) as run:
        for results in run(func, tasks, total=total):
            yield from results


def _pool_chunks(items: Iterable[T], executor: Executor) -> Iterator[list[T]]:
    """Chunks for a process pool: two a worker of a quarter size first, so a short batch
    still reaches every worker, then full ones (each task costs two messages)."""
    items = iter(items)
    for _ in range(2 * executor.workers):
        chunk = list(islice(items, max(1, executor.chunk_size // 4)))
        if not chunk:
            return
        yield chunk
    yield from chunks(items, executor.chunk_size)


def _executor(executor: Executor | int | None) -> Executor:
    if executor is None or isinstance(executor, int):
        return Executor(kind="processes", workers=executor or 1)
    return executor


def _map_local(
    func: Callable[[Any], R],
    tasks: Iterable[Any],
    *,
    urgent: bool = False,
    total: int | Callable[[], int | None] | None = None,
) -> Iterator[R]:
    return map(func, tasks)


def _map_pool(
    pool: ProcessPoolExecutor, in_flight: int, func: Callable[[Any], R], tasks: Iterable[Any]
) -> Iterator[R]:
    pending: deque[Future[R]] = deque()
    for task in tasks:
        pending.append(pool.submit(func, task))
        while len(pending) >= in_flight:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()
