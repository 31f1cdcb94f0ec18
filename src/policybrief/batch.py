"""The batch seam: an ordered, streaming map of a pure function over items.

Everything parallel goes through ``map_ordered``: the stage functions it maps are pure and
picklable, so a distributed engine can replace this one function without touching them.
At most ``workers * window`` items are in flight, so memory stays flat however long the
input stream is.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

BLAS_THREAD_VARS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def _pin_blas() -> None:
    """One BLAS thread per worker: with N workers, N×cores BLAS threads thrash the CPU."""
    for name in BLAS_THREAD_VARS:
        os.environ.setdefault(name, "1")


def _apply_chunk(func: Callable[[T], R], chunk: list[T]) -> list[R]:
    return [func(item) for item in chunk]


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def map_ordered(
    func: Callable[[T], R], items: Iterable[T], workers: int = 1, chunk_size: int = 16, window: int = 4
) -> Iterator[R]:
    """``map(func, items)`` in order, over ``workers`` processes when more than one.

    ``func`` must be picklable (a module-level function or a functools.partial of one)
    and should return failures as values rather than raise, so one bad item fails alone.
    """
    if workers <= 1:
        yield from map(func, items)
        return
    _pin_blas()
    pending: deque[Future[list[R]]] = deque()
    with ProcessPoolExecutor(max_workers=workers, initializer=_pin_blas) as pool:
        for chunk in _chunks(items, chunk_size):
            pending.append(pool.submit(_apply_chunk, func, chunk))
            while len(pending) >= workers * window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
