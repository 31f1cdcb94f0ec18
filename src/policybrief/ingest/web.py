"""Web sources → Sources: article pages, saved HTML, RSS/Atom feeds and OPML lists of feeds.

``read`` takes one name (an http(s) URL or a local file) and yields one ``Source`` per
article, each whole and with its metadata (title, author, date, site, language, canonical
URL), or an ``IngestError`` naming what failed; one bad source never stops the others. What
a body is (page, feed, OPML) is decided by its content, not its name or Content-Type.

feedparser reads feeds (always from bytes, so it never fetches anything itself); only this
module imports it. Pages are extracted by ``pages``. A feed entry whose text is only a
teaser is replaced by its linked page when that can be read.

With a ``WebCache`` in the session (the state file), a source answering 304 Not Modified
yields nothing (a previous run already read it), and a feed yields only entries newer than
the newest it showed before; entries without a date are passed on once, recognised by
their link.
"""

from __future__ import annotations

import hashlib
import logging
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser

from ..errors import IngestError
from .files import decode
from .http import SCHEMES, Fetcher, Settings, size_text
from .pages import (
    clean_title,
    decode_html,
    extract,
    html_paragraphs,
    is_teaser,
    short_language,
    sniff,
    words,
)
from .session import WebSession
from .source import Page, Source

log = logging.getLogger(__name__)

# a feed entry with less text is a teaser, and its linked page is read instead; an entry
# carrying a content field (content:encoded, atom:content) is trusted with less
ENTRY_FULL_WORDS = 150
ENTRY_CONTENT_WORDS = 80
BENIGN = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
FUTURE_SLACK = timedelta(days=1)  # entry dates further ahead than this are clock errors


@dataclass(frozen=True)
class Body:
    """Bytes of one source and where they came from."""

    name: str  # what the user gave (URL or path)
    data: bytes
    url: str | None = None  # the final URL, for remote bodies
    media_type: str = ""
    charset: str | None = None
    page: Page | None = None  # for remembering validators once read


def read(name: str, *, max_bytes: int, session: WebSession | None = None
         ) -> Iterator[Source | IngestError]:
    """Every article of one web source, in order; failures are yielded, not raised."""
    try:
        settings = Settings.from_env()
    except IngestError as exc:
        yield exc
        return
    session = session if session is not None else WebSession()
    with Fetcher(settings, max_bytes, session) as fetcher:
        yield from Reader(fetcher, session, max_bytes).read(name)


class Reader:
    """Reads sources through one fetcher, remembering what it saw in the run's session."""

    def __init__(self, fetcher: Fetcher, session: WebSession, max_bytes: int):
        self.fetcher = fetcher
        self.session = session
        self.max_bytes = max_bytes

    def read(self, name: str, *, nested: bool = False) -> Iterator[Source | IngestError]:
        try:
            body = self._load(name)
        except IngestError as exc:
            yield exc
            return
        if body is None:
            return
        kind = sniff(body.data, body.media_type)
        try:
            if kind == "html":
                yield self.page(body)
            elif kind == "feed":
                yield from self.feed(body)
            elif kind == "opml" and not nested:
                yield from self.opml(body)
            elif kind == "opml":
                raise IngestError("is an OPML list inside an OPML list; not followed",
                                  subject=name, hint="list the feeds themselves")
            elif kind == "text":
                text, warning = decode(body.data, name)
                yield Source(name=name, text=text, warning=warning)
            else:
                raise IngestError("is XML but not an RSS/Atom feed or an OPML list",
                                  subject=name, hint="give an article page, a feed or OPML")
        except IngestError as exc:
            yield exc
            return
        # an unchanged OPML list says nothing about its feeds: it is always read afresh
        if body.page is not None and kind != "opml":
            self.session.remember_page(body.page)

    def _load(self, name: str) -> Body | None:
        """The bytes of a URL (None when unchanged since the last run) or of a local file."""
        if "://" in name:
            page = self.fetcher.get(name, conditional=True)
            if page.not_modified:
                log.debug("%s: not modified since the last run (HTTP 304); nothing to do", name)
                return None
            return Body(name, page.body, page.final_url, page.media_type, page.charset, page)
        try:
            with open(name, "rb") as handle:
                data = handle.read(self.max_bytes + 1)
        except OSError as exc:
            raise IngestError(f"cannot be read: {exc.strerror or exc}", subject=name,
                              hint="check that it exists and you may read it") from exc
        if len(data) > self.max_bytes:
            raise IngestError(f"is larger than the {size_text(self.max_bytes)} limit",
                              subject=name, hint="raise the limit with --max-mb")
        return Body(name, data)

    # --- pages ------------------------------------------------------------------------------

    def page(self, body: Body) -> Source:
        """One article page → one whole Source with its metadata."""
        html, warning = decode_html(body.data, body.charset, body.name)
        return extract(html, body.name, body.url, raw=body.data, warning=warning)

    # --- feeds ------------------------------------------------------------------------------

    def feed(self, body: Body) -> Iterator[Source | IngestError]:
        # feedparser reads the charset from here; the media type we vouch for (sniffed XML)
        media = body.media_type if body.media_type.endswith("xml") else "application/xml"
        headers = {"content-location": body.url or "",
                   "content-type": media + (f"; charset={body.charset}" if body.charset else "")}
        parsed = feedparser.parse(body.data, response_headers=headers,
                                  resolve_relative_uris=True, sanitize_html=True)
        entries = [e for e in parsed.entries if e.get("link") or entry_html(e)]
        warning = None
        problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
        if problem is not None and not isinstance(problem, BENIGN):
            where = getattr(problem, "getLineNumber", lambda: None)()
            detail = f"{problem.getMessage() if hasattr(problem, 'getMessage') else problem}"
            detail += f" at line {where}" if where else ""
            if not entries:
                raise IngestError(f"is not a well-formed feed: {detail}", subject=body.name,
                                  hint="check the feed's URL; the site may serve a broken feed")
            warning = (f"{body.name}: the feed is not well-formed XML ({detail}); "
                       "read what could be recovered")
        if not parsed.get("version") and not entries:
            raise IngestError("is not an RSS or Atom feed", subject=body.name,
                              hint="give the feed's URL, or the article page itself")
        channel = parsed.get("feed", {})
        site = clean_title(channel.get("title")) or None
        language = short_language(channel.get("language"))
        key = feed_key(body)
        fresh, newest, links = self.new_entries(key, entries)
        log.debug("%s: %d entries, %d new", body.name, len(entries), len(fresh))
        for entry, when in fresh:
            item = self.entry(entry, when, body, site, language)
            if warning and isinstance(item, Source):
                item = replace(item, warning=warning)
                warning = None
            yield item
        if warning:  # no entry took it
            log.warning("%s", warning)
        self.session.mark_feed(key, newest, links)

    def new_entries(self, key: str, entries: list[Any]
                    ) -> tuple[list[tuple[Any, datetime | None]], str | None, list[str]]:
        """Entries newer than the last run's newest, and what to remember of this run."""
        dated = [(e, entry_date(e)) for e in entries]
        latest = datetime.now(UTC) + FUTURE_SLACK
        dates = [w for _, w in dated if w is not None and w <= latest]
        newest = iso(max(dates)) if dates else None
        seen = self.session.seen_feed(key)
        if seen is None:
            return dated, newest, []
        seen_newest, seen_links = seen
        fresh = []
        for entry, when in dated:
            link = entry_key(entry)
            if link in seen_links:
                continue
            if when is not None and seen_newest is not None and iso(when) < seen_newest:
                continue  # older than what the last run saw: already read or never wanted
            fresh.append((entry, when))
        return fresh, newest, [entry_key(e) for e, _ in fresh]

    def entry(self, entry: Any, when: datetime | None, body: Body, site: str | None,
              language: str | None) -> Source | IngestError:
        link = entry.get("link") or None
        title = clean_title(entry.get("title")) or None
        author = (entry.get("author_detail") or {}).get("name") or entry.get("author") or None
        date = when.date().isoformat() if when else None
        paragraphs = html_paragraphs(entry_html(entry))
        has_content = any(c.get("value") for c in entry.get("content", []) or [])
        teaser = is_teaser(paragraphs, ENTRY_CONTENT_WORDS if has_content else ENTRY_FULL_WORDS)
        name = link or f"{body.name}#{entry_key(entry)[:12]}"
        warning = None
        if teaser and link and urlsplit(link).scheme in SCHEMES:
            try:
                page = self.linked_page(link)
            except IngestError as exc:
                warning = f"{exc}; using the feed's summary instead"
            else:
                if words(page.text) >= words("\n".join(paragraphs)):
                    return replace(page, name=link, title=title or page.title,
                                   author=author or page.author, date=date or page.date,
                                   site=page.site or site, language=page.language or language)
        if not paragraphs:
            return IngestError("feed entry has no text, and its page could not be read",
                               subject=name, hint=warning or "the entry has no link")
        return Source(name=name, text="\n\n".join(paragraphs), warning=warning, whole=True,
                      title=title, author=author, url=link, date=date, site=site,
                      language=language, excerpt=teaser)

    def linked_page(self, link: str) -> Source:
        page = self.fetcher.get(link)
        if sniff(page.body, page.media_type) != "html":
            raise IngestError("the entry's link is not an HTML page", subject=link)
        return self.page(Body(link, page.body, page.final_url, page.media_type, page.charset))

    # --- OPML -------------------------------------------------------------------------------

    def opml(self, body: Body) -> Iterator[Source | IngestError]:
        try:
            root = ET.fromstring(body.data)
        except ET.ParseError as exc:
            raise IngestError(f"is not well-formed OPML: {exc}", subject=body.name,
                              hint="export the feed list again from the feed reader") from exc
        feeds = []
        for outline in root.iter("outline"):
            url = next((v for k, v in outline.attrib.items() if k.lower() == "xmlurl"), "")
            if url.strip():
                feeds.append(resolve(url.strip(), body))
        if not feeds:
            raise IngestError("lists no feeds (no outline with an xmlUrl)", subject=body.name,
                              hint="export the feed list again from the feed reader")
        for feed in dict.fromkeys(feeds):
            yield from self.read(feed, nested=True)


# --- small helpers ------------------------------------------------------------------------

def entry_html(entry: Any) -> str:
    """The fullest text a feed entry carries: its content, else its summary."""
    contents = [c.get("value", "") for c in entry.get("content", []) or []]
    best = max(contents, key=len, default="")
    summary = entry.get("summary", "") or ""
    return best if len(best) >= len(summary) else summary


def entry_date(entry: Any) -> datetime | None:
    for field in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(field)
        if parsed:
            try:
                year, month, day, hour, minute, second = parsed[:6]
                return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
            except (TypeError, ValueError):
                continue
    return None


def entry_key(entry: Any) -> str:
    """An entry's identity: its link, else its id, else a hash of its title and text."""
    for field in ("link", "id"):
        value = entry.get(field)
        if value:
            return str(value)
    digest = hashlib.sha256(f"{entry.get('title', '')}\n{entry_html(entry)}".encode())
    return f"sha256:{digest.hexdigest()}"


def feed_key(body: Body) -> str:
    if "://" in body.name:
        return body.name
    return str(Path(body.name).resolve())


def resolve(url: str, body: Body) -> str:
    """A feed named in an OPML list, relative to the list's URL or folder."""
    if "://" in url:
        return url
    if body.url:
        return urljoin(body.url, url)
    return str((Path(body.name).parent / url).resolve())


def iso(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


