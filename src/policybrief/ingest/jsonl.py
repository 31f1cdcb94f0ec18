"""JSONL inputs: one article a line, read as a stream, in byte blocks if need be.

Each non-blank line yields a whole-article ``Source`` named ``<file>:<line>`` or an
``IngestError``; a bad line fails alone. A ``JsonlBlock`` is the part of a file one task
reads (see ``partition``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from ..errors import IngestError
from .source import MAX_BYTES, MAX_SECTIONS, Source, decoded

JSONL_FIELDS = ("title", "author", "url", "date")  # optional strings; "id" and others are ignored
JSONL_HINT = 'each line must be one JSON object with a non-empty "text"; fix or remove the line'
SKIP_CHUNK = 1024 * 1024
JSON_TYPES = {list: "array", str: "string", int: "number", float: "number", bool: "boolean",
              type(None): "null"}


@dataclass(frozen=True)
class JsonlBlock:
    """The lines of a JSONL file that *start* in bytes ``[start, end)``: what one task reads.

    A line straddling ``end`` belongs to this block; one straddling ``start`` to the block
    before (the rule of ``dask.bytes``). ``end=None`` reads to the end of the file, so
    ``JsonlBlock(path, name)`` is the whole file. ``first_line`` numbers the block's first
    line and ``records_before`` counts the non-blank lines of the blocks before it, so that
    each block names its lines and the last one can tell an empty file.
    """

    path: str  # where to open the file
    name: str  # how to name it: as the user gave it
    start: int = 0
    end: int | None = None
    first_line: int = 1
    records_before: int = 0


def read_jsonl(block: JsonlBlock, max_bytes: int = MAX_BYTES) -> Iterator[Source | IngestError]:
    """One whole-article ``Source`` per non-blank line of ``block``, named ``<file>:<line>``.

    A line is a JSON object with a non-empty string ``text``, optional strings ``title``,
    ``author``, ``url`` and ``date``, and an optional ``section`` (a string or a list of
    strings); other fields (``id``, ``reference`` …) are ignored. A bad line yields an
    ``IngestError`` and the other lines go on. ``max_bytes`` limits each line, not the
    file: a line over it is skipped unread. The file is read as a stream.
    """
    records = block.records_before
    try:
        with open(block.path, "rb") as handle:
            for number, line in _numbered_lines(handle, block, max_bytes):
                if line is not None and not line.strip():
                    continue
                records += 1
                where = f"{block.name}:{number}"
                if line is None:
                    yield IngestError(
                        f"line is larger than the {max_bytes // (1024 * 1024)} MB limit",
                        subject=where,
                        hint="shorten the article, or raise the limit with --max-mb",
                    )
                    continue
                try:
                    yield jsonl_source(line, where)
                except IngestError as exc:
                    yield exc
    except OSError as exc:
        if block.start == 0:  # an unreadable file is reported once, by its first block
            yield IngestError(
                f"cannot be read: {exc.strerror or exc}",
                subject=block.name,
                hint="check that it exists and you may read it",
            )
        return
    if block.end is None and records == 0:
        yield IngestError(
            "holds no articles",
            subject=block.name,
            hint='a .jsonl file holds one JSON object a line, with the article in "text"',
        )


def count_jsonl(block: JsonlBlock, max_bytes: int = MAX_BYTES) -> tuple[int, int]:
    """(lines, non-blank lines) that start in ``block``: what the blocks after it need to know."""
    lines = records = 0
    try:
        with open(block.path, "rb") as handle:
            for _, line in _numbered_lines(handle, block, max_bytes):
                lines += 1
                records += line is None or bool(line.strip())
    except OSError:
        pass
    return lines, records


def jsonl_source(line: bytes, where: str) -> Source:
    """One JSONL line → a whole-article ``Source`` named ``where``, or an ``IngestError``."""
    try:
        data = json.loads(line.removeprefix(b"\xef\xbb\xbf").decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise IngestError("is not UTF-8", subject=where, hint="save the file as UTF-8") from exc
    except json.JSONDecodeError as exc:
        raise IngestError(
            f"is not valid JSON ({exc.msg} at column {exc.colno})", subject=where, hint=JSONL_HINT
        ) from exc
    if not isinstance(data, dict):
        kind = JSON_TYPES.get(type(data), "value")
        raise IngestError(f"is a JSON {kind}, not an object", subject=where, hint=JSONL_HINT)
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        raise IngestError('has no "text" (or an empty one)', subject=where, hint=JSONL_HINT)
    fields: dict[str, str | None] = {}
    for key in JSONL_FIELDS:
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise IngestError(f'"{key}" is not a string', subject=where, hint="give a string or leave it out")
        fields[key] = decoded(value or "").strip() or None
    return Source(
        name=where,
        text=decoded(text),
        whole=True,
        title=fields["title"],
        author=fields["author"],
        url=fields["url"],
        date=fields["date"],
        sections=sections_of(data.get("section")),
    )


def sections_of(value: object) -> tuple[str, ...]:
    """A line's ``section``, where its publisher files it ("Opinion"): a string or a list of
    strings (datasets keep categories so); anything else is ignored like an unknown field."""
    names = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    found = (" ".join(n.split()) for n in names if isinstance(n, str))
    return tuple(dict.fromkeys(n for n in found if n))[:MAX_SECTIONS]


def block_lines(block: JsonlBlock, limit: int = MAX_BYTES) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) of the lines starting in ``block``, ``None`` for a line over
    ``limit`` bytes; raises OSError if the file cannot be opened."""
    with open(block.path, "rb") as handle:
        yield from _numbered_lines(handle, block, limit)


def _numbered_lines(handle: BinaryIO, block: JsonlBlock, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) of the lines starting in ``block``; ``None`` for a line over ``limit``."""
    if block.start > 0:
        handle.seek(block.start - 1)
        if handle.read(1) != b"\n":
            _skip_line(handle)  # the line under way belongs to the block before
    number = block.first_line
    while block.end is None or handle.tell() < block.end:
        line = handle.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            _skip_line(handle)
            yield number, None
        else:
            yield number, line
        number += 1


def _skip_line(handle: BinaryIO) -> None:
    """Read past the end of the current line, a chunk at a time (a line may be gigabytes)."""
    while True:
        chunk = handle.readline(SKIP_CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return

