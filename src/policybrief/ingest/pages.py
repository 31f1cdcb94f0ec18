"""HTML pages → one whole ``Source`` each: the article's text and metadata.

trafilatura extracts a page's main text and metadata from HTML we hand it (it never fetches
anything itself); only this module imports it. A page whose text is cut off, very short or
behind a paywall is marked ``excerpt``. Also here: what a body is (``sniff``), how a page's
bytes are decoded, and the paragraphs of an HTML fragment (a feed entry's content).
"""

from __future__ import annotations

import logging
import re
from contextlib import suppress
from typing import Any
from urllib.parse import urlsplit

import lxml.html
import trafilatura
from lxml.etree import ParserError
from trafilatura.settings import set_date_params

from ..errors import IngestError
from ..prose import BYLINE_RE, TERMINAL_RE, is_cut_off, word_count
from .http import SCHEMES, known_codec
from .source import MAX_SECTIONS, Source

log = logging.getLogger(__name__)

MAX_DEPTH = 255  # libxml2 stops building the tree below this many levels
TAG_RE = re.compile(r"<(/?)([A-Za-z][\w:-]*)[^>]*>")
VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                       "meta", "source", "track", "wbr", "p", "li", "option"})
CONTAINER_TAG_RE = re.compile(r"</?(?:div|span|section|font|center|main|aside|nav)\b[^>]*>",
                              re.IGNORECASE)

PAGE_TEASER_WORDS = 100  # a page with less text than this is an excerpt
PROSE_WORDS = 10  # a page with no paragraph this long holds no article text
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
# a DOCTYPE may carry an internal subset in brackets, with '>' inside it
PROLOGUE_RE = re.compile(rb"^(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\]\s*)?>)",
                         re.DOTALL | re.IGNORECASE)
ROOT_RE = re.compile(rb"<\s*([A-Za-z][\w:.-]*)")
FEED_ROOTS = frozenset({"rss", "feed", "rdf:rdf", "rdf"})
BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
BLOCK_TAGS = frozenset({"p", "div", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6",
                        "section", "article", "pre", "tr", "dd", "dt", "figcaption"})
# feedparser's complaints that do not mean the XML is broken

# --- extraction ---------------------------------------------------------------------------

def extract(html: str, name: str, url: str | None, *, raw: bytes = b"",
            warning: str | None = None) -> Source:
    """Main text and metadata of one HTML page, by trafilatura (which fetches nothing).

    A page nested deeper than the HTML parser reads (libxml2 stops at 255 levels, so such a
    page looks empty) is read again with its layout containers taken out.
    """
    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)  # lxml refuses str with an XML declaration
    doc, found = _extracted(html, name, url)
    if not _has_prose(found) and too_deep(html):
        doc, found = _extracted(CONTAINER_TAG_RE.sub(" ", html), name, url)
        if not _has_prose(found):
            raise IngestError(f"is nested more than {MAX_DEPTH} elements deep, deeper than the "
                              "HTML parser reads, and holds no article text above that depth",
                              subject=name, hint="save the article's text as a .txt file")
    if not _has_prose(found):  # menus, link lists, a button
        raise IngestError("holds no article text", subject=name,
                          hint="give the article's own page; pages behind a login or built "
                               "by JavaScript cannot be read")
    paragraphs, paywalled = found
    canonical = getattr(doc, "url", None)
    if not canonical or urlsplit(canonical).scheme not in SCHEMES:
        canonical = url
    return Source(
        name=name, text="\n\n".join(paragraphs), warning=warning, whole=True,
        title=clean_title(getattr(doc, "title", None)) or None,
        author=getattr(doc, "author", None) or None, url=canonical,
        date=getattr(doc, "date", None) or None, site=getattr(doc, "sitename", None) or None,
        language=short_language(getattr(doc, "language", None)) or page_language(html),
        excerpt=paywalled or bool(LOCKED_RE.search(raw[:500_000]))
        or is_teaser(paragraphs, PAGE_TEASER_WORDS),
        sections=sections_of(getattr(doc, "categories", None)),
    )


def _extracted(html: str, name: str, url: str | None) -> tuple[Any, tuple[list[str], bool]]:
    """trafilatura's document, and its paragraphs without headline, byline and paywall
    prompts (with whether there were any of those)."""
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
    found = strip_paywall(strip_heading_lines(paragraphs, title, author))
    without_heads = _without_leading_heads(found[0], getattr(doc, "body", None))
    if without_heads is not found[0] and _has_prose((without_heads, False)):
        found = (without_heads, found[1])
    return doc, found


def _without_leading_heads(paragraphs: list[str], body: Any) -> list[str]:
    """``paragraphs`` less the headline and standfirst: the headings that open the body.

    trafilatura marks headings as ``<head>`` elements. Those before the first paragraph,
    list or quotation are the page's headline (``h1``) and standfirst (the ``h2`` dek:
    "The furniture retailer earned $1.4 billion…"), written by an editor about the
    article, not sentences of it. Returns ``paragraphs`` itself when there are none.
    """
    if body is None or not len(body):
        return paragraphs
    heads = set()
    for element in body:
        if element.tag != "head":
            break
        heads.add(norm("".join(element.itertext())))
    out = list(paragraphs)
    while out and norm(out[0]) in heads:
        out.pop(0)
    return out if len(out) < len(paragraphs) else paragraphs


def _has_prose(paragraphs: tuple[list[str], bool]) -> bool:
    return any(words(p) >= PROSE_WORDS for p in paragraphs[0])


def too_deep(html: str) -> bool:
    """True when some element opens more than ``MAX_DEPTH`` levels deep (a cheap tag count)."""
    depth = 0
    for match in TAG_RE.finditer(html):
        if match[1]:
            depth -= 1
        elif not match[0].endswith("/>") and match[2].lower() not in VOID_TAGS:
            depth += 1
            if depth > MAX_DEPTH:
                return True
    return False


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
    declared = known_codec(match[1].decode("ascii", "replace")) if match else None
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


def words(text: str) -> int:
    """Words, each CJK character counting as one (``prose.word_count``)."""
    return word_count(text)


def norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def sections_of(categories: Any) -> tuple[str, ...]:
    """The sections a page files itself under, as trafilatura reads them: the
    ``article:section`` meta tag, JSON-LD ``articleSection``, a post's category links."""
    if not isinstance(categories, list | tuple):
        return ()
    names = (" ".join(str(c).split()) for c in categories if isinstance(c, str))
    return tuple(dict.fromkeys(n for n in names if n))[:MAX_SECTIONS]


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
