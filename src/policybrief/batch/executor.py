"""Where a batch runs (``Executor``), and what every executor shares: chunks, the ``Run``
protocol a session yields, and one BLAS thread per worker.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from ..errors import UsageError

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
    chunk_size: int = 64  # items a stage function gets at once; a pool task carries one chunk
    window: int = 4
    progress: bool = False  # dask: draw Dask's progress bar on stderr

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

    @property
    def in_process(self) -> bool:
        """True when a batch runs in this process: ``local``, or a pool of one."""
        return self.kind == "local" or (self.kind == "processes" and self.workers <= 1)


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


class Run(Protocol):
    """``func`` over ``tasks`` on a session's executor: results in order, a bounded window.

    ``urgent`` tasks are small bookkeeping (JSONL line counts) that jump the queue and are
    left out of the progress bar; ``total`` is how many tasks to expect (or a function
    working it out, called off the main thread), for the progress bar.
    """

    def __call__(
        self,
        func: Callable[[Any], R],
        tasks: Iterable[Any],
        *,
        urgent: bool = False,
        total: int | Callable[[], int | None] | None = None,
    ) -> Iterator[R]: ...


