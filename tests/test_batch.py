"""The batch seam on a real process pool: order, and the chunks a stage function sees."""

from __future__ import annotations

import os

from policybrief.batch import Executor, map_chunks


def chunk_of(chunk: list[int]) -> list[tuple[int, int, int]]:
    """Each item with the size of the chunk it came in and the process that ran it."""
    return [(item, len(chunk), os.getpid()) for item in chunk]


def test_a_pool_gives_the_function_its_chunks_in_order() -> None:
    items = list(range(23))
    local = list(map_chunks(chunk_of, items, Executor(kind="local", chunk_size=4)))
    pooled = list(map_chunks(chunk_of, items, Executor(workers=2, chunk_size=4)))
    assert [size for _, size, _ in local] == [4] * 20 + [3] * 3
    assert [size for _, size, _ in pooled] == [1] * 4 + [4] * 16 + [3] * 3  # the first: a quarter
    assert [item for item, _, _ in pooled] == [item for item, _, _ in local] == items
    assert os.getpid() not in {pid for _, _, pid in pooled}  # it really ran in the pool


def test_a_short_batch_is_cut_into_a_task_for_each_worker_and_more() -> None:
    """A pool's first chunks are a quarter size, two a worker: 40 items make tasks of
    16, 16 and 8 with chunks of 64, not one task for one worker; then full chunks."""
    pooled = list(map_chunks(chunk_of, list(range(40)), Executor(workers=2, chunk_size=64)))
    assert [size for _, size, _ in pooled] == [16] * 32 + [8] * 8
    long = list(map_chunks(chunk_of, list(range(300)), Executor(workers=2, chunk_size=64)))
    assert [size for _, size, _ in long] == [16] * 64 + [64] * 192 + [44] * 44
    assert [item for item, _, _ in long] == list(range(300))
