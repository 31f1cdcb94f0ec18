"""Web sources → Sources: article pages, saved HTML, RSS/Atom/JSON feeds and OPML lists.

``read`` takes one name (an http(s) URL or a local file) and yields one ``Source`` per
article, each whole and with its metadata (title, author, date, site, language, canonical
URL), or an ``IngestError`` naming what failed; one bad source never stops the others. What
a body is (page, feed, OPML) is decided by its content, not its name or Content-Type.
Pages are extracted by ``pages``, feeds and OPML parsed by ``feeds``. A feed entry whose
text is only a teaser is replaced by its linked page when that can be read.

Only the URL the user gave is trusted to point at an internal host (and links from it to
that same host); every other URL passes the fetch policy first (``policy``). A feed gives
at most its newest ``max_entries`` entries; the linked pages of a feed and the feeds of an
OPML list are fetched from several hosts at once (``parallel``), each host in turn and at
its polite delay. Refusals and bounds reached are ``IngestWarning`` values: said, not failed.

With a ``WebCache`` in the session (the state file), a source answering 304 Not Modified
yields nothing (a previous run already read it), and a feed yields only entries newer than
the newest it showed before; entries without a date are passed on once, recognised by
their link.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from ..errors import IngestError, IngestWarning
from .feeds import (
    Parsed,
    entry_date,
    entry_html,
    entry_key,
    entry_sections,
    is_json_feed,
    iso,
    opml_feeds,
    parse_feed,
    parse_json_feed,
)
from .files import decode
from .http import SCHEMES, Fetcher, size_text
from .pages import clean_title, decode_html, extract, html_paragraphs, is_teaser, short_language, sniff, words
from .policy import host_of
from .session import WebSession
from .settings import Settings
from .source import Page, Source, decoded

log = logging.getLogger(__name__)

# a feed entry with less text is a teaser, and its linked page is read instead; an entry
# carrying a content field (content:encoded, atom:content) is trusted with less
ENTRY_FULL_WORDS = 150
ENTRY_CONTENT_WORDS = 80
FUTURE_SLACK = timedelta(days=1)  # entry dates further ahead than this are clock errors
Dated = list[tuple[Any, datetime | None]]


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
    session = session if session is not None else WebSession()
    try:
        settings = Settings.from_env(base=session.settings)
    except IngestError as exc:
        yield exc
        return
    trusted = frozenset({host_of(name)}) if "://" in name else frozenset()
    with Fetcher(settings, max_bytes, session) as fetcher:
        yield from Reader(fetcher, session, max_bytes).read(name, trusted=trusted)


class Reader:
    """Reads sources through one fetcher, remembering what it saw in the run's session."""

    def __init__(self, fetcher: Fetcher, session: WebSession, max_bytes: int):
        self.fetcher = fetcher
        self.session = session
        self.max_bytes = max_bytes
        self.settings = fetcher.settings

    def read(self, name: str, *, trusted: frozenset[str], nested: bool = False,
             fetched: Page | IngestError | None = None) -> Iterator[Source | IngestError]:
        """One source; ``fetched``: its page or failure, when fetched ahead (an OPML's feeds)."""
        try:
            body = self._load(name, trusted, fetched)
        except IngestError as exc:
            yield exc
            return
        if body is None:
            return
        kind = "json-feed" if is_json_feed(body.data) else sniff(body.data, body.media_type)
        try:
            yield from self._read_body(body, kind, trusted, nested)
        except IngestError as exc:
            yield exc
            return
        # an unchanged OPML list says nothing about its feeds: it is always read afresh
        if body.page is not None and kind != "opml":
            self.session.remember_page(body.page)

    def _read_body(self, body: Body, kind: str, trusted: frozenset[str], nested: bool
                   ) -> Iterator[Source | IngestError]:
        if kind == "html":
            yield self.page(body)
        elif kind == "feed":
            parsed = parse_feed(body.data, body.name, body.url, body.media_type, body.charset)
            yield from self.feed(body, parsed, trusted)
        elif kind == "json-feed":
            yield from self.feed(body, parse_json_feed(body.data, body.name), trusted)
        elif kind == "opml" and not nested:
            yield from self.opml(body, trusted)
        elif kind == "opml":
            raise IngestError("is an OPML list inside an OPML list; not followed",
                              subject=body.name, hint="list the feeds themselves")
        elif kind == "text":
            text, warning = decode(body.data, body.name)
            yield Source(name=body.name, text=decoded(text), warning=warning)
        else:
            raise IngestError("is XML but not an RSS/Atom feed or an OPML list",
                              subject=body.name, hint="give an article page, a feed or OPML")

    def _load(self, name: str, trusted: frozenset[str],
              fetched: Page | IngestError | None = None) -> Body | None:
        """The bytes of a URL (None when unchanged since the last run) or of a local file."""
        if "://" in name:
            if isinstance(fetched, IngestError):
                raise fetched
            page = fetched or self.fetcher.get(name, trusted=trusted,
                                               validators=self.session.validators(name))
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

    def fetch_all(self, urls: Iterable[str], trusted: frozenset[str], conditional: bool = False
                  ) -> dict[str, Page | IngestError]:
        """Fetch ``urls`` from up to ``parallel`` hosts at once, each host's in turn."""
        by_host: dict[str, list[str]] = {}
        for url in dict.fromkeys(urls):
            by_host.setdefault(host_of(url), []).append(url)
        # validators are read here, in this thread: the state file's connection is this one's
        validators = {u: self.session.validators(u) if conditional else (None, None)
                      for group in by_host.values() for u in group}
        results: dict[str, Page | IngestError] = {}

        def fetch(group: list[str]) -> None:
            for url in group:
                try:
                    results[url] = self.fetcher.get(url, trusted=trusted, validators=validators[url])
                except IngestError as exc:
                    results[url] = exc

        workers = max(1, min(self.settings.parallel, len(by_host)))
        with ThreadPoolExecutor(workers, thread_name_prefix="policybrief-fetch") as pool:
            list(pool.map(fetch, by_host.values()))
        return results

    # --- pages ------------------------------------------------------------------------------

    def page(self, body: Body) -> Source:
        """One article page → one whole Source with its metadata."""
        html, warning = decode_html(body.data, body.charset, body.name)
        return extract(html, body.name, body.url, raw=body.data, warning=warning)

    # --- feeds ------------------------------------------------------------------------------

    def feed(self, body: Body, parsed: Parsed, trusted: frozenset[str]
             ) -> Iterator[Source | IngestError]:
        site = clean_title(parsed.title) or None
        language = short_language(parsed.language)
        key = feed_key(body)
        fresh, newest = self.new_entries(key, parsed.entries)
        log.debug("%s: %d entries, %d new", body.name, len(parsed.entries), len(fresh))
        fresh, dropped = self.newest_only(fresh)
        if dropped:
            yield IngestWarning(
                f"has {len(fresh) + dropped} new entries; read the newest {len(fresh)}",
                subject=body.name, hint="raise web.max_entries or POLICYBRIEF_HTTP_MAX_ENTRIES")
        teasers = [e.get("link") for e, _ in fresh if self._needs_page(e)]
        if len(teasers) > 1:
            self.fetch_all(teasers, trusted)  # kept in the session for ``entry`` below
        warning = parsed.warning
        for entry, when in fresh:
            item = self.entry(entry, when, body, site, language, trusted)
            if warning and isinstance(item, Source):
                item = replace(item, warning=warning)
                warning = None
            yield item
        if warning:  # no entry took it
            log.warning("%s", warning)
        self.session.mark_feed(key, newest, [entry_key(e) for e, _ in fresh])

    def new_entries(self, key: str, entries: list[Any]) -> tuple[Dated, str | None]:
        """Entries newer than the last run's newest, and the newest date of this run."""
        dated = [(e, entry_date(e)) for e in entries]
        latest = datetime.now(UTC) + FUTURE_SLACK
        dates = [w for _, w in dated if w is not None and w <= latest]
        newest = iso(max(dates)) if dates else None
        seen = self.session.seen_feed(key)
        if seen is None:
            return dated, newest
        seen_newest, seen_links = seen
        fresh = []
        for entry, when in dated:
            if entry_key(entry) in seen_links:
                continue
            if when is not None and seen_newest is not None and iso(when) < seen_newest:
                continue  # older than what the last run saw: already read or never wanted
            fresh.append((entry, when))
        return fresh, newest

    def newest_only(self, fresh: Dated) -> tuple[Dated, int]:
        """At most ``max_entries`` entries, the newest (undated ones count as oldest), in
        feed order; and how many were left out."""
        limit = self.settings.max_entries
        if len(fresh) <= limit:
            return fresh, 0
        floor = datetime.min.replace(tzinfo=UTC)
        order = sorted(range(len(fresh)), key=lambda i: (fresh[i][1] or floor), reverse=True)
        keep = sorted(order[:limit])
        return [fresh[i] for i in keep], len(fresh) - limit

    def _needs_page(self, entry: Any) -> bool:
        link = entry.get("link")
        if not link or urlsplit(link).scheme not in SCHEMES:
            return False
        has_content = any(c.get("value") for c in entry.get("content", []) or [])
        limit = ENTRY_CONTENT_WORDS if has_content else ENTRY_FULL_WORDS
        return is_teaser(html_paragraphs(entry_html(entry)), limit)

    def entry(self, entry: Any, when: datetime | None, body: Body, site: str | None,
              language: str | None, trusted: frozenset[str]) -> Source | IngestError:
        link = entry.get("link") or None
        title = clean_title(entry.get("title")) or None
        author = (entry.get("author_detail") or {}).get("name") or entry.get("author") or None
        date = when.date().isoformat() if when else None
        sections = entry_sections(entry)
        paragraphs = html_paragraphs(entry_html(entry))
        has_content = any(c.get("value") for c in entry.get("content", []) or [])
        teaser = is_teaser(paragraphs, ENTRY_CONTENT_WORDS if has_content else ENTRY_FULL_WORDS)
        name = link or f"{body.name}#{entry_key(entry)[:12]}"
        warning = None
        if teaser and link and urlsplit(link).scheme in SCHEMES:
            try:
                page = self.linked_page(link, trusted)
            except IngestError as exc:
                warning = f"{exc}; using the feed's summary instead"
            else:
                if words(page.text) >= words("\n".join(paragraphs)):
                    return replace(page, name=link, title=title or page.title,
                                   author=author or page.author, date=date or page.date,
                                   site=page.site or site, language=page.language or language,
                                   sections=tuple(dict.fromkeys(sections + page.sections)))
        if not paragraphs:
            return IngestError("feed entry has no text, and its page could not be read",
                               subject=name, hint=warning or "the entry has no link")
        return Source(name=name, text="\n\n".join(paragraphs), warning=warning, whole=True,
                      title=title, author=author, url=link, date=date, site=site,
                      language=language, excerpt=teaser, sections=sections)

    def linked_page(self, link: str, trusted: frozenset[str]) -> Source:
        page = self.fetcher.get(link, trusted=trusted)
        if sniff(page.body, page.media_type) != "html":
            raise IngestError("the entry's link is not an HTML page", subject=link)
        return self.page(Body(link, page.body, page.final_url, page.media_type, page.charset))

    # --- OPML -------------------------------------------------------------------------------

    def opml(self, body: Body, trusted: frozenset[str]) -> Iterator[Source | IngestError]:
        feeds = list(dict.fromkeys(resolve(url, body) for url in opml_feeds(body.data, body.name)))
        if not feeds:
            raise IngestError("lists no feeds (no outline with an xmlUrl)", subject=body.name,
                              hint="export the feed list again from the feed reader")
        remote = [f for f in feeds if "://" in f]
        fetched = self.fetch_all(remote, trusted, conditional=True) if len(remote) > 1 else {}
        for feed in feeds:
            yield from self.read(feed, trusted=trusted, nested=True, fetched=fetched.get(feed))


# --- small helpers ------------------------------------------------------------------------

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
