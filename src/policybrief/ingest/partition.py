"""Inputs → partitions: small descriptors that a worker reads for itself.

With ``--executor dask`` the client reads no article text. It walks the inputs (lazily) and
hands out descriptors: chunks of file paths, and byte blocks of JSONL files (each worker
aligns its block to line boundaries, as ``dask.bytes`` does). Paths are made absolute, so
workers on a shared filesystem can open them. What cannot be split up — stdin, URLs, feeds,
saved pages — is named in the plan for the client to read itself, as before.

``read_part`` is the worker's side: a descriptor back to ``Source`` values, through the
same ``ingest`` functions the local executor uses, so both name and fail things alike.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from ..errors import IngestError
from .files import expand, is_jsonl, is_web, read
from .jsonl import JsonlBlock, read_jsonl
from .source import Source

BLOCK_SIZE = 4 * 1024 * 1024  # bytes of a JSONL file per task: ~1,500 articles, a few seconds
FILES_PER_TASK = 64


@dataclass(frozen=True)
class Files:
    """Text files for one task: ``paths`` to open, ``names`` to call them (as the user gave them)."""

    paths: tuple[str, ...]
    names: tuple[str, ...]


Plan = Files | JsonlBlock | str | IngestError  # str: an input the client reads itself
CountLines = Callable[[Iterable[JsonlBlock]], Iterator[tuple[int, int]]]


def client_read(name: str) -> bool:
    """Stdin, URLs and web files (pages, feeds, OPML) cannot be split up for workers."""
    return name == "-" or is_web(name)


def plan(
    paths: list[str],
    count: CountLines | None,
    block_size: int = BLOCK_SIZE,
    files_per_task: int = FILES_PER_TASK,
) -> Iterator[Plan]:
    """The inputs as partitions, in input order, found lazily: ``Files`` chunks, JSONL blocks,
    names the client must read itself, and errors (a missing path, an empty folder).

    ``count`` maps ``ingest.count_jsonl`` over blocks (on the workers) to number the lines
    of a JSONL file that spans several blocks; without it (``None``: a dry run, to count
    the tasks) line numbers are left unknown.
    """
    paths_: list[str] = []
    names: list[str] = []
    for item in expand(paths):
        is_file = isinstance(item, str) and not client_read(item) and not is_jsonl(item)
        if paths_ and (not is_file or len(paths_) == files_per_task):
            yield Files(tuple(paths_), tuple(names))
            paths_, names = [], []
        if not isinstance(item, str) or client_read(item):
            yield item
        elif is_jsonl(item):
            yield from jsonl_blocks(item, block_size, count)
        else:
            paths_.append(os.path.abspath(item))
            names.append(item)
    if paths_:
        yield Files(tuple(paths_), tuple(names))


def jsonl_blocks(name: str, block_size: int, count: CountLines | None) -> Iterator[JsonlBlock]:
    """A JSONL file as byte blocks; each block knows its first line number from the counts."""
    path = os.path.abspath(name)
    try:
        size = os.path.getsize(path)
    except OSError:
        size = 0  # one block, whose worker reports why the file cannot be read
    starts = range(0, max(size, 1), block_size)
    blocks = (JsonlBlock(path, name, start, start + block_size) for start in starts[:-1])
    counts = count(blocks) if count is not None else None
    first_line, records = 1, 0
    for start in starts[:-1]:
        yield JsonlBlock(path, name, start, start + block_size, first_line, records)
        if counts is not None:
            lines, found = next(counts)
            first_line, records = first_line + lines, records + found
    yield JsonlBlock(path, name, starts[-1], None, first_line, records)


def count_tasks(
    paths: list[str], block_size: int = BLOCK_SIZE, files_per_task: int = FILES_PER_TASK
) -> int | None:
    """How many tasks ``plan`` makes, without reading any text; None if the client reads some."""
    total = 0
    for item in plan(paths, None, block_size, files_per_task):
        if isinstance(item, str):
            return None
        total += 1
    return total


def read_part(part: Files | JsonlBlock, max_bytes: int) -> Iterator[Source | IngestError]:
    """A worker reads its partition: the same ``Source`` values the client would have read."""
    if isinstance(part, JsonlBlock):
        yield from read_jsonl(part, max_bytes)
        return
    for path, name in zip(part.paths, part.names, strict=True):
        try:
            yield read(name, max_bytes, path=path)
        except IngestError as exc:
            yield exc
