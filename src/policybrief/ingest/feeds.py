"""Feed and OPML bodies → entries and feed URLs, with DTDs and entity expansion refused.

RSS/Atom are read by feedparser (always from bytes, so it never fetches anything itself);
only this module imports it. A JSON Feed (jsonfeed.org 1.0/1.1) is read into the same
entry shape. XML that declares a DTD or entities is refused before any parser sees it
(defusedxml's checks: no entity expansion, no external references), and an OPML list is
parsed by defusedxml, so a hostile feed can neither blow up memory nor turn its markup
into text.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import defusedxml.ElementTree as SafeET
import feedparser
from defusedxml import DefusedXmlException

from ..errors import IngestError
from .source import MAX_SECTIONS

# feedparser's complaints that do not mean the XML is broken
BENIGN = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
JSON_FEED_PREFIX = "https://jsonfeed.org/version/"


@dataclass(frozen=True)
class Parsed:
    """What a feed holds: entries (feedparser's shape), the channel, and any warning."""

    entries: list[Any]
    title: str | None
    language: str | None
    warning: str | None = None


def refuse_dtd(data: bytes, name: str) -> None:
    """Refuse XML that declares a DTD, entities or external references (defusedxml's rules)."""
    head = data[:65536].lower()
    if b"<!doctype" not in head and b"<!entity" not in head:
        return
    try:
        SafeET.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise IngestError(
            f"refused: the XML declares a DTD or entities ({type(exc).__name__}), which a feed "
            "or OPML list has no need of and which can expand without bound", subject=name,
            hint="ask the site for a plain RSS/Atom feed; this one is not read") from exc
    except SafeET.ParseError:
        return  # broken XML without a DTD: the parser's own recovery decides


def parse_feed(data: bytes, name: str, url: str | None, media: str, charset: str | None
               ) -> Parsed:
    """An RSS/Atom body → its entries; broken XML is read as far as it can be, with a warning."""
    refuse_dtd(data, name)
    media = media if media.endswith("xml") else "application/xml"
    headers = {"content-location": url or "",
               "content-type": media + (f"; charset={charset}" if charset else "")}
    parsed = feedparser.parse(data, response_headers=headers, resolve_relative_uris=True,
                              sanitize_html=True)
    entries = [e for e in parsed.entries if e.get("link") or entry_html(e)]
    warning = None
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if problem is not None and not isinstance(problem, BENIGN):
        where = getattr(problem, "getLineNumber", lambda: None)()
        detail = f"{problem.getMessage() if hasattr(problem, 'getMessage') else problem}"
        detail += f" at line {where}" if where else ""
        if not entries:
            raise IngestError(f"is not a well-formed feed: {detail}", subject=name,
                              hint="check the feed's URL; the site may serve a broken feed")
        warning = f"{name}: the feed is not well-formed XML ({detail}); read what could be recovered"
    if not parsed.get("version") and not entries:
        raise IngestError("is not an RSS or Atom feed", subject=name,
                          hint="give the feed's URL, or the article page itself")
    channel = parsed.get("feed", {})
    return Parsed(entries, channel.get("title"), channel.get("language"), warning)


def is_json_feed(data: bytes) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"{") and b"jsonfeed.org/version/" in head


def parse_json_feed(data: bytes, name: str) -> Parsed:
    """A JSON Feed → entries in feedparser's shape (link, title, author, content, dates)."""
    try:
        feed = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise IngestError(f"is not a valid JSON Feed: {exc}", subject=name,
                          hint="check the feed's URL; the site may serve a broken feed") from exc
    if not isinstance(feed, dict) or not str(feed.get("version", "")).startswith(JSON_FEED_PREFIX):
        raise IngestError("is JSON but not a JSON Feed", subject=name,
                          hint="give an RSS, Atom or JSON Feed, or the article page itself")
    items = feed.get("items")
    entries = [_json_entry(item) for item in items if isinstance(item, dict)] \
        if isinstance(items, list) else []
    entries = [e for e in entries if e.get("link") or entry_html(e)]
    title = feed.get("title") if isinstance(feed.get("title"), str) else None
    language = feed.get("language") if isinstance(feed.get("language"), str) else None
    return Parsed(entries, title, language)


def _json_entry(item: dict[str, Any]) -> dict[str, Any]:
    def text(key: str) -> str:
        value = item.get(key)
        return value if isinstance(value, str) else ""

    raw_authors = item.get("authors")
    authors: list[Any] = raw_authors if isinstance(raw_authors, list) else []
    if not authors and isinstance(item.get("author"), dict):  # version 1.0
        authors = [item["author"]]
    names = [str(a["name"]) for a in authors if isinstance(a, dict) and isinstance(a.get("name"), str)]
    content = text("content_html") or text("content_text")
    entry: dict[str, Any] = {
        "link": text("url") or text("external_url"),
        "id": str(item.get("id", "")),
        "title": text("title"),
        "summary": text("summary"),
        "content": [{"value": content}] if content else [],
    }
    if names:
        entry["author"] = ", ".join(names)
    raw_tags = item.get("tags")
    if isinstance(raw_tags, list):
        entry["tags"] = [{"term": t} for t in raw_tags if isinstance(t, str)]
    for key, field in (("date_published", "published_parsed"), ("date_modified", "updated_parsed")):
        when = _iso_date(text(key))
        if when is not None:
            entry[field] = when.utctimetuple()
    return entry


def _iso_date(value: str) -> datetime | None:
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def opml_feeds(data: bytes, name: str) -> Iterator[str]:
    """The xmlUrl of every outline of an OPML list, in order (defusedxml: no DTD, no entities)."""
    refuse_dtd(data, name)
    try:
        root = SafeET.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise IngestError(f"refused: the OPML list declares a DTD or entities ({type(exc).__name__})",
                          subject=name, hint="export the feed list again from the feed reader") from exc
    except SafeET.ParseError as exc:
        raise IngestError(f"is not well-formed OPML: {exc}", subject=name,
                          hint="export the feed list again from the feed reader") from exc
    for outline in root.iter("outline"):
        url = next((v for k, v in outline.attrib.items() if k.lower() == "xmlurl"), "")
        if url.strip():
            yield url.strip()


# --- entries --------------------------------------------------------------------------------

def entry_html(entry: Any) -> str:
    """The fullest text a feed entry carries: its content, else its summary."""
    contents = [c.get("value", "") for c in entry.get("content", []) or []]
    best = max(contents, key=len, default="")
    summary = entry.get("summary", "") or ""
    return best if len(best) >= len(summary) else summary


def entry_sections(entry: Any) -> tuple[str, ...]:
    """The categories a feed files an entry under (RSS ``<category>``, Atom ``<category
    term>``, JSON Feed ``tags``), as feedparser gives them, in order, each once."""
    tags = entry.get("tags") or []
    names = (" ".join(str(t.get("term") or t.get("label") or "").split())
             for t in tags if isinstance(t, dict))
    return tuple(dict.fromkeys(n for n in names if n))[:MAX_SECTIONS]


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


def iso(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

