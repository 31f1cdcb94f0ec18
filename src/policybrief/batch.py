"""The batch seam: an ordered, streaming map of a pure function over items.

Everything parallel goes through ``map_ordered``: the stage functions it maps are pure and
picklable, so an executor — in-process, a process pool, or a Dask cluster — can run them
without the stages knowing. At most ``workers * window`` chunks are in flight, so memory
stays flat however long the input stream is, and results come back in input order.
"""

from __future__ import annotations

import os
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

from .errors import UsageError

T = TypeVar("T")
R = TypeVar("R")

BLAS_THREAD_VARS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
EXECUTORS = ("local", "processes", "dask")
SCHEDULER_RE = re.compile(r"^(?:(?:tcp|tls|ws|wss|ucx|inproc)://)?[\w.\-\[\]:]+:\d{1,5}/?$")


@dataclass(frozen=True)
class Executor:
    """Where a batch runs: ``local`` (this process), ``processes`` (a pool) or ``dask``.

    ``workers`` sizes the pool or the LocalCluster; ``scheduler`` is a Dask scheduler
    address (``tcp://10.0.0.5:8786``); without one, ``dask`` starts a LocalCluster.
    """

    kind: str = "processes"
    workers: int = 1
    scheduler: str | None = None
    chunk_size: int = 16
    window: int = 4

    def __post_init__(self) -> None:
        if self.kind not in EXECUTORS:
            raise UsageError(f"unknown executor {self.kind!r}", hint=f"use one of: {', '.join(EXECUTORS)}")
        if self.scheduler and self.kind != "dask":
            raise UsageError("--scheduler needs --executor dask", hint="add --executor dask")
        if self.scheduler and not SCHEDULER_RE.match(self.scheduler):
            raise UsageError(
                f"{self.scheduler!r} is not a Dask scheduler address",
                hint="give one like tcp://10.0.0.5:8786",
            )


def default_workers() -> int:
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def pin_blas() -> None:
    """One BLAS thread per worker: with N workers, N×cores BLAS threads thrash the CPU."""
    for name in BLAS_THREAD_VARS:
        os.environ.setdefault(name, "1")


def apply_chunk(func: Callable[[T], R], chunk: list[T]) -> list[R]:
    return [func(item) for item in chunk]


def chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def map_ordered(
    func: Callable[[T], R], items: Iterable[T], executor: Executor | int | None = None
) -> Iterator[R]:
    """``map(func, items)`` in order, on the given executor (an int: a pool of that many).

    ``func`` must be picklable (a module-level function or a functools.partial of one)
    and should return failures as values rather than raise, so one bad item fails alone.
    """
    if executor is None or isinstance(executor, int):
        executor = Executor(kind="processes", workers=executor or 1)
    if executor.kind == "local" or (executor.kind == "processes" and executor.workers <= 1):
        yield from map(func, items)
    elif executor.kind == "processes":
        yield from _map_processes(func, items, executor)
    else:
        from . import batch_dask  # dask is an optional extra

        yield from batch_dask.map_ordered(func, items, executor)


def _map_processes(func: Callable[[T], R], items: Iterable[T], executor: Executor) -> Iterator[R]:
    pin_blas()
    pending: deque[Future[list[R]]] = deque()
    with ProcessPoolExecutor(max_workers=executor.workers, initializer=pin_blas) as pool:
        for chunk in chunks(items, executor.chunk_size):
            pending.append(pool.submit(apply_chunk, func, chunk))
            while len(pending) >= executor.workers * executor.window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
