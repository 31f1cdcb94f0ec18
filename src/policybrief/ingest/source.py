"""What an input becomes: a ``Source`` (its text and what is known of it); a web ``Page``."""

from __future__ import annotations

from dataclasses import dataclass

MAX_BYTES = 10 * 1024 * 1024  # per input file; per line of a JSONL file
MAX_SECTIONS = 20  # sections or categories kept for one article (a hostile page may list more)


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
