"""The Dask executor: the same stage functions, run on a Dask cluster (the only dask import).

Chunks of items are submitted as they are read, at most ``workers * window`` in flight, and
their results stream back in order: nothing is gathered in bulk on the client. A worker that
dies mid-batch has its tasks rerun elsewhere by the scheduler (``retries`` covers tasks that
fail outright); a bad item fails alone because the stage functions return failures as values.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from .batch import Executor, apply_chunk, chunks, pin_blas
from .errors import UsageError

T = TypeVar("T")
R = TypeVar("R")

RETRIES = 3


def _client(executor: Executor) -> tuple[Any, Any]:
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise UsageError(
            "--executor dask needs the dask extra", hint="pip install 'policybrief[dask]'"
        ) from exc
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
        silence_logs=40,
    )
    return Client(cluster), cluster


def map_ordered(func: Callable[[T], R], items: Iterable[T], executor: Executor) -> Iterator[R]:
    client, cluster = _client(executor)
    try:
        in_flight = max(2, executor.workers * executor.window)
        pending: deque[Any] = deque()
        for chunk in chunks(items, executor.chunk_size):
            pending.append(client.submit(apply_chunk, func, chunk, pure=False, retries=RETRIES))
            while len(pending) >= in_flight:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
