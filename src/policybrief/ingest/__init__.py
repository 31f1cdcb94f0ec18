"""Ingest: inputs → ``Source`` values (text and what is known of it), in order.

Local files, folders, JSONL and stdin (``files``, ``jsonl``); web pages, feeds and OPML
lists (``web``, over the HTTP client in ``http`` and one run's ``WebSession``); and the
partitions a Dask worker reads (``partition``). Failures are yielded as ``IngestError``
values, never raised, so one bad input never stops the others.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import IngestError
from .files import MAX_BYTES, STDIN, decode, expand, is_jsonl, is_web, read
from .jsonl import JsonlBlock, block_lines, count_jsonl, read_jsonl
from .session import WebCache, WebSession
from .source import Source

__all__ = [
    "MAX_BYTES",
    "STDIN",
    "JsonlBlock",
    "Source",
    "WebCache",
    "WebSession",
    "block_lines",
    "count_jsonl",
    "decode",
    "expand",
    "is_jsonl",
    "is_web",
    "read",
    "read_all",
    "read_jsonl",
]


def read_all(
    paths: list[str], max_bytes: int = MAX_BYTES, session: WebSession | None = None
) -> Iterator[Source | IngestError]:
    """Every input's text, in order; failures are yielded, not raised.

    ``session`` is the run's web memory (pages fetched, per-host clocks, the state file's
    validators); without one, this call gets its own.
    """
    session = session if session is not None else WebSession()
    for item in expand(paths):
        if isinstance(item, IngestError):
            yield item
            continue
        if is_web(item):
            from . import web  # trafilatura and feedparser load only when needed

            yield from web.read(item, max_bytes=max_bytes, session=session)
            continue
        if is_jsonl(item):
            yield from read_jsonl(JsonlBlock(item, item), max_bytes)
            continue
        try:
            yield read(item, max_bytes)
        except IngestError as exc:
            yield exc
