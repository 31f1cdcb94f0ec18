"""The Dask executor: the same stage functions, run on a Dask cluster (the only dask import).

Tasks are submitted as they are produced, at most ``workers * window`` in flight (workers:
the cluster's threads, or ``--workers`` if that is more), and their results stream back in
order: nothing is gathered in bulk on the client. A worker that dies mid-batch has its tasks
rerun elsewhere by the scheduler (``retries`` covers tasks that fail outright); a bad item
fails alone because the stage functions return failures as values.

With ``Executor.progress`` Dask draws the progress bar: ``DaskProgressBar`` is distributed's
``TextProgressBar``, fed by the scheduler's ``Progress`` plugin, drawn on stderr.
"""

from __future__ import annotations

import logging
import sys
import threading
import weakref
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from typing import Any, TypeVar

from distributed.diagnostics.progress import format_time
from distributed.diagnostics.progressbar import TextProgressBar
from distributed.utils import sync

from ..errors import UsageError
from .executor import Executor, Run, pin_blas

R = TypeVar("R")

RETRIES = 3
URGENT = 100  # the priority of bookkeeping tasks: ahead of everything queued


def _client(executor: Executor) -> tuple[Any, Any]:
    from distributed import Client, LocalCluster

    if executor.scheduler:
        try:
            return Client(executor.scheduler, timeout="10s"), None
        except (OSError, ValueError) as exc:
            raise UsageError(
                f"cannot reach the Dask scheduler at {executor.scheduler}: {exc}",
                hint="check --scheduler and that the scheduler is running",
            ) from exc
    pin_blas()
    cluster = LocalCluster(
        n_workers=executor.workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",
        silence_logs=logging.ERROR,
    )
    return Client(cluster), cluster


@contextmanager
def _quiet_here(executor: Executor) -> Iterator[None]:
    """A LocalCluster's scheduler and nannies log in this process, at INFO: ``silence_logs``
    quiets distributed's own handlers only, so a root handler that another library set up
    (rouge-score's does) would print them. Keep them to errors while the batch runs."""
    logger = logging.getLogger("distributed")
    level = logger.level
    if not executor.scheduler:
        logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


@contextmanager
def session(executor: Executor) -> Iterator[Run]:
    """A client (and a LocalCluster when no scheduler is given) for one batch."""
    with _quiet_here(executor), _session(executor) as run:
        yield run


@contextmanager
def _session(executor: Executor) -> Iterator[Run]:
    client, cluster = _client(executor)
    bar = DaskProgressBar(client) if executor.progress else None
    threads = sum(client.nthreads().values())
    in_flight = max(2, max(executor.workers, threads) * executor.window)

    def run(
        func: Callable[[Any], R],
        tasks: Iterable[Any],
        *,
        urgent: bool = False,
        total: int | Callable[[], int | None] | None = None,
    ) -> Iterator[R]:
        if bar is not None and not urgent:
            bar.expect(total)
        pending: deque[Any] = deque()
        for task in tasks:
            future = client.submit(
                func, task, pure=False, retries=RETRIES, priority=URGENT if urgent else 0
            )
            if bar is not None and not urgent:
                bar.add(future)
            pending.append(future)
            while len(pending) >= in_flight:
                yield pending.popleft().result()
        if bar is not None and not urgent:
            bar.expect(bar.submitted)  # all submitted: the total is known now
        while pending:
            yield pending.popleft().result()

    try:
        yield run
        if bar is not None:
            bar.close(wait=10)  # every task is done: the last round ends as soon as it looks
    finally:
        if bar is not None:
            bar.close(wait=0)  # the batch ended early: stop following its tasks now
            bar.clear()
        client.close()
        if cluster is not None:
            cluster.close()


class DaskProgressBar(TextProgressBar):
    """Dask's text progress bar over tasks that are submitted a window at a time.

    Dask's bar follows a fixed set of keys, which must all exist on the scheduler when it
    starts. Here keys keep coming, so a thread runs the bar in rounds: each round follows
    every future submitted since the last one (holding them so the scheduler keeps them
    until it has seen them finish) and draws the running total of all rounds. It draws on
    stderr, since stdout may carry the briefs.
    """

    def __init__(self, client: Any, width: int = 40) -> None:
        super().__init__([], scheduler=client.scheduler.address, loop=client.loop, start=False, width=width)
        self.client = weakref.ref(client)
        self._loop = client.loop
        self._new: list[Any] = []
        self._ready = threading.Condition()
        self._closing = False
        self._done_before = 0
        self.submitted = 0
        self._total: int | None = None
        self._thread = threading.Thread(target=self._rounds, name="dask-progress", daemon=True)
        self._thread.start()

    def expect(self, total: int | Callable[[], int | None] | None) -> None:
        """How many tasks in all: a number, or a function working it out (on its own thread)."""
        if callable(total):
            threading.Thread(target=self._count, args=(total,), daemon=True).start()
        else:
            self._total = total

    def _count(self, total: Callable[[], int | None]) -> None:
        with suppress(Exception):  # a total that cannot be worked out is shown as N+
            found = total()
            if self._total is None:
                self._total = found

    def add(self, future: Any) -> None:
        with self._ready:
            self._new.append(future)
            self.submitted += 1
            self._ready.notify()

    def close(self, wait: float) -> None:
        """Let the last round finish within ``wait`` seconds, else stop following its tasks."""
        with self._ready:
            self._closing = True
            self._ready.notify()
        self._thread.join(timeout=wait)
        if self._thread.is_alive():
            with suppress(Exception):
                self._loop.add_callback(self.comm.abort)
            self._thread.join(timeout=2)

    def clear(self) -> None:
        with suppress(ValueError):
            sys.stderr.write("\33[2K\r")
            sys.stderr.flush()

    def _rounds(self) -> None:
        while True:
            with self._ready:
                while not self._new and not self._closing:
                    self._ready.wait()
                if not self._new:
                    return
                round_, self._new = self._new, []
            self.keys = {future.key for future in round_}
            with suppress(Exception):  # a closed client or comm ends the round, not the batch
                sync(self._loop, self.listen)
            self._done_before += len(round_)
            del round_  # the scheduler may now forget these keys

    def _draw_bar(self, remaining: int, all: int, **kwargs: Any) -> None:
        with suppress(ValueError):
            sys.stderr.write(self.line(self._done_before + all - remaining))
            sys.stderr.flush()

    def line(self, done: int) -> str:
        """Dask's bar, with done/total tasks; ``N+`` while the total is not known yet."""
        total = self._total if self._total is not None else max(self.submitted, done)
        frac = min(done / total, 1.0) if total else 1.0
        of = f"{total}" if self._total is not None else f"{total}+"
        return (
            f"\r[{'#' * int(self.width * frac):<{self.width}}] | {int(100 * frac)}% Completed"
            f" | {done}/{of} tasks | {format_time(self.elapsed)}"
        )

    def _draw_stop(self, **kwargs: Any) -> None:
        """The end of one round: the bar stays until the batch ends (``clear``)."""
