"""Local inputs → text: files, folders and stdin, decoded with care.

Each input yields a ``Source`` (its name and text) or an ``IngestError`` naming it and the
fix; one bad input never stops the others.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

from ..errors import IngestError
from .source import MAX_BYTES, Source

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text"})
JSONL_SUFFIX = ".jsonl"
WEB_SUFFIXES = (".html", ".htm", ".xml", ".rss", ".atom", ".opml")
STDIN = "-"


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

