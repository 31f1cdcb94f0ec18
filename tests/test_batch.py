"""The batch seam on a real process pool: order, and the chunks a stage function sees."""

from __future__ import annotations

import os

from policybrief.batch import Executor, map_chunks


def chunk_of(chunk: list[int]) -> list[tuple[int, int, int]]:
    """Each item with the size of the chunk it came in and the process that ran it."""
    return [(item, len(chunk), os.getpid()) for item in chunk]


def test_a_pool_gives_the_function_the_same_chunks_in_the_same_order() -> None:
    items = list(range(23))
    local = list(map_chunks(chunk_of, items, Executor(kind="local", chunk_size=3)))
    pooled = list(map_chunks(chunk_of, items, Executor(workers=2, chunk_size=3)))
    assert [(item, size) for item, size, _ in pooled] == [(item, size) for item, size, _ in local]
    assert [item for item, _, _ in pooled] == items
    assert [size for _, size, _ in pooled] == [3] * 21 + [2] * 2
    assert os.getpid() not in {pid for _, _, pid in pooled}  # it really ran in the pool
