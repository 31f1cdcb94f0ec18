"""Web sources → Sources: article pages, saved HTML, RSS/Atom feeds and OPML lists of feeds.

``read`` takes one name (an http(s) URL or a local file) and yields one ``Source`` per
article, each whole and with its metadata (title, author, date, site, language, canonical
URL), or an ``IngestError`` naming what failed; one bad source never stops the others. What
a body is (page, feed, OPML) is decided by its content, not its name or Content-Type.

trafilatura extracts a page's main text and metadata from HTML we hand it (it never fetches
anything itself); feedparser reads feeds (always from bytes, so it never fetches either).
Only this module imports them. A page whose text is cut off, very short or behind a paywall
is marked ``excerpt``; a feed entry whose text is only a teaser is replaced by its linked
page when that can be read.

With a state file (``http_cache``), a source answering 304 Not Modified yields nothing (a
previous run already read it), and a feed yields only entries newer than the newest it
showed before; entries without a date are passed on once, recognised by their link.
"""

from __future__ import annotations

import hashlib
import logging
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser
import lxml.html
import trafilatura
from lxml.etree import ParserError
from trafilatura.settings import set_date_params

from . import fetch
from .errors import IngestError
from .ingest import Source, decode
from .segment import BYLINE_RE, TERMINAL_RE, is_cut_off

log = logging.getLogger(__name__)

PAGE_TEASER_WORDS = 100  # a page with less text than this is an excerpt
PROSE_WORDS = 10  # a page with no paragraph this long holds no article text
# a feed entry with less text is a teaser, and its linked page is read instead; an entry
# carrying a content field (content:encoded, atom:content) is trusted with less
ENTRY_FULL_WORDS = 150
ENTRY_CONTENT_WORDS = 80
ELLIPSIS_RE = re.compile(r"(?:…|\.\.\.|\[…\]|\[\.\.\.\]|\(…\)|\(\.\.\.\))\W*$")
MORE_RE = re.compile(r"^(?:read|continue reading|keep reading|read the full|read more)\b.{0,60}$",
                     re.IGNORECASE)
PAYWALL_RE = re.compile(
    r"\b(?:subscribe|subscription|subscribers?|sign in|log in|register)\b.{0,80}"
    r"\b(?:continue|read (?:the|this|more|on)|full (?:article|story)|unlock|access)\b"
    r"|\bto (?:continue|keep) reading\b|\bthis (?:article|story|content) is (?:only )?"
    r"(?:available|reserved|for) (?:to |for )?(?:our )?(?:subscribers|members)\b",
    re.IGNORECASE,
)
LOCKED_RE = re.compile(
    rb"[\"']isAccessibleForFree[\"']\s*:\s*[\"']?false"
    rb"|<meta[^>]+content_tier[\"'][^>]*content=[\"'](?:locked|metered)",
    re.IGNORECASE,
)
META_CHARSET_RE = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
LANG_RE = re.compile(r"<html[^>]*?\slang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)",
                     re.IGNORECASE)
OG_LOCALE_RE = re.compile(
    r"<meta[^>]+property=[\"']og:locale[\"'][^>]*content=[\"']([A-Za-z]{2,3})", re.IGNORECASE)
PROLOGUE_RE = re.compile(rb"^(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)", re.DOTALL | re.IGNORECASE)
ROOT_RE = re.compile(rb"<\s*([A-Za-z][\w:.-]*)")
FEED_ROOTS = frozenset({"rss", "feed", "rdf:rdf", "rdf"})
BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
BLOCK_TAGS = frozenset({"p", "div", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6",
                        "section", "article", "pre", "tr", "dd", "dt", "figcaption"})
# feedparser's complaints that do not mean the XML is broken
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
    page: fetch.Page | None = None  # for remembering validators once read


def read(name: str, *, max_bytes: int, http_cache: str | None = None
         ) -> Iterator[Source | IngestError]:
    """Every article of one web source, in order; failures are yielded, not raised."""
    try:
        settings = fetch.Settings.from_env()
    except IngestError as exc:
        yield exc
        return
    state = fetch.State(http_cache) if http_cache else None
    with fetch.Fetcher(settings, max_bytes, state) as fetcher:
        yield from Reader(fetcher, state, max_bytes).read(name)


class Reader:
    """Reads sources through one fetcher, remembering feed state in ``state`` if given."""

    def __init__(self, fetcher: fetch.Fetcher, state: fetch.State | None, max_bytes: int):
        self.fetcher = fetcher
        self.state = state
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
        if body.page is not None and self.state is not None and kind != "opml":
            self.state.remember(body.page)

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
            raise IngestError(f"is larger than the {fetch.size_text(self.max_bytes)} limit",
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
        if self.state is not None:
            self.state.mark_feed(key, newest, links)

    def new_entries(self, key: str, entries: list[Any]
                    ) -> tuple[list[tuple[Any, datetime | None]], str | None, list[str]]:
        """Entries newer than the last run's newest, and what to remember of this run."""
        dated = [(e, entry_date(e)) for e in entries]
        latest = datetime.now(UTC) + FUTURE_SLACK
        dates = [w for _, w in dated if w is not None and w <= latest]
        newest = iso(max(dates)) if dates else None
        if self.state is None:
            return dated, newest, []
        seen_newest, seen_links = self.state.feed(key)
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
        if teaser and link and urlsplit(link).scheme in fetch.SCHEMES:
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


# --- extraction ---------------------------------------------------------------------------

def extract(html: str, name: str, url: str | None, *, raw: bytes = b"",
            warning: str | None = None) -> Source:
    """Main text and metadata of one HTML page, by trafilatura (which fetches nothing)."""
    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)  # lxml refuses str with an XML declaration
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False,
            include_images=False, deduplicate=False,
            date_extraction_params=set_date_params(False),
        )
    except Exception as exc:  # odd HTML can trip the extractor: that page fails, not the run
        log.debug("%s: extraction failed", name, exc_info=True)
        raise IngestError(f"cannot be parsed as HTML ({type(exc).__name__}: {exc})",
                          subject=name, hint="is it a web page?") from exc
    text = getattr(doc, "text", None) or ""
    paragraphs = [" ".join(line.split()) for line in text.split("\n") if line.strip()]
    title = clean_title(getattr(doc, "title", None)) or None
    author = getattr(doc, "author", None) or None
    paragraphs, paywalled = strip_paywall(strip_heading_lines(paragraphs, title, author))
    if not any(words(p) >= PROSE_WORDS for p in paragraphs):  # menus, link lists, a button
        raise IngestError("holds no article text", subject=name,
                          hint="give the article's own page; pages behind a login or built "
                               "by JavaScript cannot be read")
    canonical = getattr(doc, "url", None)
    if not canonical or urlsplit(canonical).scheme not in fetch.SCHEMES:
        canonical = url
    return Source(
        name=name, text="\n\n".join(paragraphs), warning=warning, whole=True, title=title,
        author=author, url=canonical, date=getattr(doc, "date", None) or None,
        site=getattr(doc, "sitename", None) or None,
        language=short_language(getattr(doc, "language", None)) or page_language(html),
        excerpt=paywalled or bool(LOCKED_RE.search(raw[:500_000]))
        or is_teaser(paragraphs, PAGE_TEASER_WORDS),
    )


def strip_heading_lines(paragraphs: list[str], title: str | None, author: str | None
                        ) -> list[str]:
    """Drop the headline and the byline that trafilatura keeps as the first lines."""
    out = list(paragraphs)
    for _ in range(3):
        if not out:
            break
        first = norm(out[0])
        names = {norm(title or ""), norm(author or ""), norm(f"by {author}")} - {"", "by"}
        if first not in names and not BYLINE_RE.match(out[0]):
            break
        out.pop(0)
    return out


def strip_paywall(paragraphs: list[str]) -> tuple[list[str], bool]:
    """Trailing 'subscribe to continue reading' prompts removed; True if there were any."""
    out = list(paragraphs)
    found = False
    while out and len(out[-1].split()) <= 40 and (PAYWALL_RE.search(out[-1])
                                                  or MORE_RE.match(out[-1])):
        out.pop()
        found = True
    return out, found


def is_teaser(paragraphs: list[str], full_words: int) -> bool:
    """Cut off mid-sentence, ending in an ellipsis or 'read more', or shorter than full."""
    if not paragraphs:
        return True
    last = paragraphs[-1]
    return (words("\n".join(paragraphs)) < full_words or is_cut_off(last)
            or bool(ELLIPSIS_RE.search(last)) or bool(MORE_RE.match(last))
            or (not TERMINAL_RE.search(last) and len(paragraphs) == 1))


def html_paragraphs(html: str) -> list[str]:
    """Paragraphs of an HTML fragment (a feed entry's content or summary)."""
    if not html.strip():
        return []
    if "<" not in html:
        return [" ".join(p.split()) for p in re.split(r"\n\s*\n", html) if p.strip()]
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (ParserError, ValueError):
        return [" ".join(html.split())]
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "br":
            element.tail = "\n" + (element.tail or "")
        elif element.tag in BLOCK_TAGS:
            element.tail = "\n\n" + (element.tail or "")
            if element.text:
                element.text = "\n\n" + element.text
    text = root.text_content()
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    paragraphs = [p for p in paragraphs if p]
    while paragraphs and MORE_RE.match(paragraphs[-1]):
        paragraphs.pop()
    return paragraphs


# --- decoding and sniffing ----------------------------------------------------------------

def decode_html(data: bytes, header_charset: str | None, name: str) -> tuple[str, str | None]:
    """Bytes of a page → text: BOM, then the HTTP charset, then <meta charset>, then UTF-8."""
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"),
                       (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), None
    if header_charset:
        return data.decode(header_charset, errors="replace"), None
    match = META_CHARSET_RE.search(data[:8192])
    declared = fetch.known_codec(match[1].decode("ascii", "replace")) if match else None
    if declared and declared not in ("utf-16", "utf-16-le", "utf-16-be"):
        return data.decode(declared, errors="replace"), None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        return (data.decode("cp1252", errors="replace"),
                f"{name}: declares no charset and is not UTF-8; read as cp1252")


def sniff(data: bytes, media_type: str = "") -> str:
    """What a body is, from its first element: 'html', 'feed', 'opml', 'xml' or 'text'."""
    head = data[:8192]
    for bom in BOMS:
        if head.startswith(bom):
            head = head[len(bom):]
            break
    if head[:2] in (b"\x00<", b"<\x00"):  # UTF-16 without a BOM
        head = head.replace(b"\x00", b"")
    doctype_html = bool(re.search(rb"<!DOCTYPE\s+html", head[:1024], re.IGNORECASE))
    declared_xml = head.lstrip().startswith(b"<?xml") or (
        "xml" in media_type and "html" not in media_type)
    while True:
        match = PROLOGUE_RE.match(head)
        if not match or not match.group(0):
            break
        head = head[match.end():]
    root = ROOT_RE.match(head)
    if root is None:
        return "html" if doctype_html or "html" in media_type else "text"
    tag = root[1].decode("ascii", "replace").lower()
    if tag in FEED_ROOTS:
        return "feed"
    if tag == "opml":
        return "opml"
    if doctype_html or tag in {"html", "head", "body"} or not declared_xml:
        return "html"
    return "xml"


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


def words(text: str) -> int:
    return len(text.split())


def norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def clean_title(title: str | None) -> str:
    if not title:
        return ""
    if "<" in title:
        with suppress(ParserError, ValueError):
            title = lxml.html.fragment_fromstring(title, create_parent="span").text_content()
    return " ".join(title.split())


def short_language(value: str | None) -> str | None:
    if not value:
        return None
    match = re.match(r"[A-Za-z]{2,3}", value.strip())
    return match[0].lower() if match else None


def page_language(html: str) -> str | None:
    head = html[:20_000]
    match = LANG_RE.search(head) or OG_LOCALE_RE.search(head)
    return short_language(match[1]) if match else None
