"""Inputs → text: files, folders and stdin, decoded with care.

Each input yields a ``Source`` (its name and text) or an ``IngestError`` naming it and the
fix; one bad input never stops the others.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import IngestError

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text"})
WEB_SUFFIXES = (".html", ".htm", ".xml", ".rss", ".atom", ".opml")
MAX_BYTES = 10 * 1024 * 1024
STDIN = "-"


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


def expand(paths: list[str]) -> Iterator[str | IngestError]:
    """Each path, with folders expanded to their text files (recursive, sorted)."""
    for raw in paths:
        if raw == STDIN or "://" in raw:
            yield raw
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in TEXT_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                yield IngestError(
                    "folder holds no .txt or .md files",
                    subject=raw,
                    hint="add article files or name the files themselves",
                )
            yield from (str(p) for p in found)
        elif path.exists():
            yield raw
        else:
            yield IngestError("no such file or folder", subject=raw, hint="check the path")


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


def read(name: str, max_bytes: int = MAX_BYTES) -> Source:
    """Read one input (a file path, or ``-`` for stdin) as text."""
    try:
        if name == STDIN:
            data = sys.stdin.buffer.read(max_bytes + 1)
        else:
            with open(name, "rb") as handle:
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
        try:
            yield read(item, max_bytes)
        except IngestError as exc:
            yield exc
