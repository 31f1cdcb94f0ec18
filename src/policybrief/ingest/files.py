"""Local inputs → text: files, folders and stdin, decoded with care.

Each input yields a ``Source`` (its name and text) or an ``IngestError`` naming it and the
fix; one bad input never stops the others.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from unicodedata import category

from ..errors import IngestError, IngestWarning
from .source import MAX_BYTES, Source, decoded

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
    files is never held in memory as a whole. An entry that cannot be read (a symlink loop,
    a broken link, a folder we may not list) is an ``IngestWarning``; the rest is walked.
    """
    for raw in paths:
        if raw == STDIN or "://" in raw:
            yield raw
            continue
        path = Path(raw)
        if path.is_dir():
            found = False
            for item in _walk(path):
                found = found or isinstance(item, Path)
                yield item if isinstance(item, IngestError) else str(item)
            if not found:
                yield IngestError(
                    "folder holds no .txt, .md or .jsonl files",
                    subject=raw,
                    hint="add article files or name the files themselves",
                )
        elif path.exists():
            yield raw
        elif path.is_symlink():
            yield IngestError(_BROKEN_LINK, subject=raw, hint="fix or remove the link")
        else:
            yield IngestError("no such file or folder", subject=raw, hint="check the path")


_BROKEN_LINK = "is a symbolic link that leads nowhere (a loop, or a missing target)"


def _walk(folder: Path) -> Iterator[Path | IngestWarning]:
    """Article files under ``folder`` in ``sorted(folder.rglob("*"))`` order, found lazily.

    Each folder's entries are sorted by name and walked depth first, which is the order of
    sorting whole paths part by part. Hidden entries are skipped, and symlinked folders are
    not followed (as ``rglob`` does not), so a walk never goes round a loop. An article file
    that cannot be reached, or a folder that cannot be listed, is one warning.
    """
    try:
        with os.scandir(folder) as listing:
            entries = sorted((e for e in listing if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError as exc:
        yield IngestWarning(f"skipped: cannot be listed: {exc.strerror or exc}", subject=str(folder),
                            hint="check its permissions")
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(folder / entry.name)
            continue
        if not (Path(entry.name).suffix.lower() in TEXT_SUFFIXES
                or entry.name.lower().endswith(JSONL_SUFFIX)):
            continue
        try:
            is_file = entry.is_file()
            broken = not is_file and entry.is_symlink() and not os.path.exists(entry.path)
        except OSError as exc:  # ELOOP and the like
            yield IngestWarning(f"skipped: {exc.strerror or exc}", subject=str(folder / entry.name),
                                hint="fix or remove the link")
            continue
        if is_file:
            yield folder / entry.name
        elif broken:
            yield IngestWarning(f"skipped: {_BROKEN_LINK}", subject=str(folder / entry.name),
                                hint="fix or remove the link")


# byte-order marks, UTF-32 first: the UTF-32-LE mark begins with the UTF-16-LE one
BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\xfe\xff", "utf-16"),
    (b"\xff\xfe", "utf-16"),
)
HEAD = 8192  # bytes looked at to tell text from binary
NOT_TEXT = frozenset({"Cc", "Cn", "Co", "Cs"})  # control, unassigned, private and surrogate


def decode(data: bytes, name: str) -> tuple[str, str | None]:
    """Bytes → text. UTF-8 (BOM tolerated), UTF-16 or UTF-32 with their BOM; UTF-16 or
    UTF-32 without one from the NUL bytes of its characters (with a warning); cp1252 then
    latin-1 with a warning; binary refused."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), None  # the codec reads the mark and drops it
            except UnicodeDecodeError:
                continue  # e.g. UTF-16-LE whose first character is U+0000: try the next
    head = data[:HEAD]
    wide = _wide_encoding(head) if b"\x00" in head else None
    if wide is not None:
        wide_text = _decode_wide(data, wide, name)
        if wide_text is not None:
            note = f"not UTF-8; read as {wide.upper()}, which has no byte-order mark"
            return wide_text, f"{name}: {note} (save it as UTF-8 to silence this)"
    if b"\x00" in head or _looks_binary(head):
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


def _wide_encoding(head: bytes) -> str | None:
    """The UTF-32 or UTF-16 encoding (LE or BE) that ``head`` looks written in, with no
    byte-order mark, or None.

    Latin-script text in them is mostly characters below U+0100: in UTF-16-LE the bytes
    at odd offsets (the high bytes) are mostly NUL while those at even ones hardly ever are;
    in UTF-32 the two top bytes are NUL but for emoji. Binary data puts its NUL bytes
    anywhere. (Chinese or Japanese in UTF-16 has few NUL bytes and is not recognised.)
    """
    units = len(head) // 4
    if units:
        nul = [head[lane : units * 4 : 4].count(0) / units for lane in range(4)]
        if nul[0] <= 0.02 and min(nul[2], nul[3]) >= 0.9:
            return "utf-32-le"
        if nul[3] <= 0.02 and min(nul[0], nul[1]) >= 0.9:
            return "utf-32-be"
    units = len(head) // 2
    if units:
        even, odd = (head[lane : units * 2 : 2].count(0) / units for lane in range(2))
        if even <= 0.02 and odd >= 0.5:
            return "utf-16-le"
        if odd <= 0.02 and even >= 0.5:
            return "utf-16-be"
    return None


def _decode_wide(data: bytes, encoding: str, name: str) -> str | None:
    """``data`` decoded as the BOM-less ``encoding`` ``_wide_encoding`` found; None if that
    gives no text (control, unassigned or private characters: binary data after all).
    Refused, naming the likely cause, if it cannot be decoded (an odd length, a broken
    surrogate pair)."""
    label = encoding.upper()
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise IngestError(
            f"looks like {label[:6]} text without a byte-order mark, but is not valid {label}",
            subject=name,
            hint="save it as UTF-8",
        ) from exc
    sample = text[:HEAD]
    odd = sum(1 for c in sample if category(c) in NOT_TEXT and c not in "\t\n\f\r")
    return text if odd <= 0.01 * len(sample) else None


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
    return Source(name=label, text=decoded(text), warning=warning)

