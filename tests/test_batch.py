"""The batch seam on a real process pool: order, and the chunks a stage function sees."""

from __future__ import annotations

import os

from policybrief.batch import Executor, map_chunks


def chunk_of(chunk: list[int]) -> list[tuple[int, int, int]]:
    """Each item with the size of the chunk it came in and the process that ran it."""
    return [(item, len(chunk), os.getpid()) for item in chunk]


def test_a_pool_task_carries_several_chunks_but_the_function_sees_the_same_chunks() -> None:
    items = list(range(23))
    local = list(map_chunks(chunk_of, items, Executor(kind="local", chunk_size=3)))
    pool = Executor(workers=2, chunk_size=3, task_chunks=2)
    assert pool.chunks_per_task == 2
    pooled = list(map_chunks(chunk_of, items, pool))
    assert [(item, size) for item, size, _ in pooled] == [(item, size) for item, size, _ in local]
    assert [item for item, _, _ in pooled] == items
    assert os.getpid() not in {pid for _, _, pid in pooled}  # it really ran in the pool
    # six items a task: each task's items ran in one process
    for start in range(0, len(items), 6):
        assert len({pid for _, _, pid in pooled[start:start + 6]}) == 1


def test_dask_tasks_carry_one_chunk() -> None:
    assert Executor(kind="dask", task_chunks=4).chunks_per_task == 1
    assert Executor(kind="processes", task_chunks=0).chunks_per_task == 1
