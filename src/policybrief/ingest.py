"""Inputs → text: files, folders, JSONL files and stdin, decoded with care.

Each input yields a ``Source`` (its name and text) or an ``IngestError`` naming it and the
fix; one bad input never stops the others. A JSONL file yields one ``Source`` per line, and
a bad line fails alone.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .errors import IngestError

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text"})
JSONL_SUFFIX = ".jsonl"
WEB_SUFFIXES = (".html", ".htm", ".xml", ".rss", ".atom", ".opml")
MAX_BYTES = 10 * 1024 * 1024
STDIN = "-"
JSONL_FIELDS = ("title", "author", "url", "date")  # optional strings; "id" and others are ignored
JSONL_HINT = 'each line must be one JSON object with a non-empty "text"; fix or remove the line'
SKIP_CHUNK = 1024 * 1024
JSON_TYPES = {list: "array", str: "string", int: "number", float: "number", bool: "boolean",
              type(None): "null"}


@dataclass(frozen=True)
class Source:
    """The text of one input, any warning about how it was read, and what is known of it.

    Plain files only have a name and text, and may hold several articles. Web pages and
    feed entries (see ``web``) are one article each (``whole=True``) and carry metadata.
    """

    name: str
    text: str
    warning: str | None = None
    whole: bool = False
    title: str | None = None
    author: str | None = None
    url: str | None = None
    date: str | None = None
    site: str | None = None
    language: str | None = None
    excerpt: bool = False


def is_web(name: str) -> bool:
    """URLs, saved HTML pages, feeds and OPML files go through the ``web`` stage."""
    lowered = name.lower()
    return "://" in lowered or lowered.endswith(WEB_SUFFIXES)


def is_jsonl(name: str) -> bool:
    """A ``.jsonl`` file holds one article a line (see ``read_jsonl``)."""
    return name.lower().endswith(JSONL_SUFFIX) and "://" not in name


def expand(paths: list[str]) -> Iterator[str | IngestError]:
    """Each path, with folders expanded to their text and JSONL files (recursive, sorted).

    Folders are walked lazily, one folder's listing at a time, so a folder of millions of
    files is never held in memory as a whole.
    """
    for raw in paths:
        if raw == STDIN or "://" in raw:
            yield raw
            continue
        path = Path(raw)
        if path.is_dir():
            found = False
            for file in _walk(path):
                found = True
                yield str(file)
            if not found:
                yield IngestError(
                    "folder holds no .txt, .md or .jsonl files",
                    subject=raw,
                    hint="add article files or name the files themselves",
                )
        elif path.exists():
            yield raw
        else:
            yield IngestError("no such file or folder", subject=raw, hint="check the path")


def _walk(folder: Path) -> Iterator[Path]:
    """Article files under ``folder`` in ``sorted(folder.rglob("*"))`` order, found lazily.

    Each folder's entries are sorted by name and walked depth first, which is the order of
    sorting whole paths part by part. Hidden entries are skipped, and symlinked folders are
    not followed (as ``rglob`` does not).
    """
    try:
        with os.scandir(folder) as listing:
            entries = sorted((e for e in listing if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(folder / entry.name)
        elif entry.is_file() and (
            Path(entry.name).suffix.lower() in TEXT_SUFFIXES or entry.name.lower().endswith(JSONL_SUFFIX)
        ):
            yield folder / entry.name


def decode(data: bytes, name: str) -> tuple[str, str | None]:
    """Bytes → text. UTF-8 (BOM tolerated); cp1252 then latin-1 with a warning; binary refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with its byte-order mark
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:8192] or _looks_binary(data[:8192]):
        raise IngestError(
            "looks like a binary file, not text",
            subject=name,
            hint="give a .txt or .md file (convert PDFs or documents to text first)",
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text, f"{name}: not UTF-8; read as {encoding} (save it as UTF-8 to silence this)"
    raise IngestError("cannot be decoded", subject=name, hint="save it as UTF-8")  # unreachable


def _looks_binary(head: bytes) -> bool:
    if not head:
        return False
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return control / len(head) > 0.05


def read(name: str, max_bytes: int = MAX_BYTES, path: str | None = None) -> Source:
    """Read one input (a file path, or ``-`` for stdin) as text.

    ``path``, when given, is where to open the file named ``name`` (a Dask worker opens the
    absolute path but names the source as the user gave it).
    """
    try:
        if name == STDIN:
            data = sys.stdin.buffer.read(max_bytes + 1)
        else:
            with open(path or name, "rb") as handle:
                data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise IngestError(
            f"cannot be read: {exc.strerror or exc}",
            subject=name,
            hint="check that it exists and you may read it",
        ) from exc
    label = "<stdin>" if name == STDIN else name
    if len(data) > max_bytes:
        raise IngestError(
            f"is larger than the {max_bytes // (1024 * 1024)} MB limit",
            subject=label,
            hint="split it into articles, or raise the limit with --max-mb",
        )
    text, warning = decode(data, label)
    if not text.strip():
        raise IngestError("is empty", subject=label, hint="give a file with article text")
    return Source(name=label, text=text, warning=warning)


def read_all(
    paths: list[str], max_bytes: int = MAX_BYTES, http_cache: str | None = None
) -> Iterator[Source | IngestError]:
    """Every input's text, in order; failures are yielded, not raised."""
    for item in expand(paths):
        if isinstance(item, IngestError):
            yield item
            continue
        if is_web(item):
            from . import web  # trafilatura and feedparser load only when needed

            yield from web.read(item, max_bytes=max_bytes, http_cache=http_cache)
            continue
        if is_jsonl(item):
            yield from read_jsonl(JsonlBlock(item, item), max_bytes)
            continue
        try:
            yield read(item, max_bytes)
        except IngestError as exc:
            yield exc


# --- JSONL: one article a line, read as a stream, in byte blocks if need be -------------------


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

    A line is a JSON object with a non-empty string ``text`` and optional ``title``,
    ``author``, ``url`` and ``date``; other fields (``id``, ``reference`` …) are ignored. A bad
    line yields an ``IngestError`` and the other lines go on. ``max_bytes`` limits each line,
    not the file: a line over it is skipped unread. The file is read as a stream.
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
        fields[key] = (value or "").strip() or None
    return Source(
        name=where,
        text=text,
        whole=True,
        title=fields["title"],
        author=fields["author"],
        url=fields["url"],
        date=fields["date"],
    )


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
