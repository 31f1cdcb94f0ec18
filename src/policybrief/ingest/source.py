"""What an input becomes: a ``Source`` (its text and what is known of it); a web ``Page``."""

from __future__ import annotations

import html
import html.entities
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

MAX_BYTES = 10 * 1024 * 1024  # per input file; per line of a JSONL file
MAX_SECTIONS = 20  # sections or categories kept for one article (a hostile page may list more)
# a whole character reference, its ";" written: "&#233;", "&#xE9;", "&eacute;", "&amp;"
ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def decoded(text: str) -> str:
    """``text`` with the HTML character references a scraper left in it decoded ("Pel&#233;"
    → "Pelé", "&pound;1m" → "£1m"): plain text has no markup, so a reference in it is one
    the page meant as a character. Only whole references, ";" included, and only known ones
    ("R&D", "AT&T;", "&notes;" stay as written), and none to a control or format
    character or a line separator, which no text means ("&#7;", "&#8238;", "&#8232;")."""
    if "&" not in text:
        return text
    return ENTITY_RE.sub(_character, text)


@lru_cache(maxsize=1024)
def _decoded_reference(reference: str) -> str:
    """One reference's character(s), or the reference as written: a name HTML does not
    define ("&notes;", which the standard library would read as "&not" + "es;"), or a
    character no text means (a control, format, line or paragraph separator)."""
    if reference[1] != "#" and reference[1:] not in html.entities.html5:
        return reference
    character = html.unescape(reference)
    hidden = not character or any(
        unicodedata.category(c)[0] == "C" or unicodedata.category(c) in ("Zl", "Zp") or c == "\ufffd"
        for c in character)
    return reference if hidden else character


def _character(found: re.Match[str]) -> str:
    return _decoded_reference(found[0])


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
    sections: tuple[str, ...] = ()  # the site's sections or the feed's categories for it


@dataclass(frozen=True)
class Page:
    """One response: 200 with its body, or 304 (``not_modified``) with none."""

    url: str  # as asked for
    final_url: str  # after redirects
    status: int
    media_type: str = ""  # lower case, no parameters
    charset: str | None = None  # from the Content-Type header, if a known codec
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304
