"""A brief's title and byline: the source's own headline, cleaned, or one made from the text.

- **The source's headline** (HTML ``<title>``, a feed entry's, a JSONL ``title``, a first
  line) is kept, less the site name and separators pages add ("… | CNN Politics",
  "… - Yonhap", "… » Local").
- **A made title**, for text with none, is built the way a sub-editor shortens a lede: the
  bottom line's main clause (a leading "Amid …," or "After …," clause and a closing
  attribution "…, officials said" taken off, cut at the first clause break), without
  articles, auxiliaries and time words ("on Monday"), at most ``MADE_WORDS`` words. Never
  "X and Y" made of key phrases.
- **Bylines**: several authors as a list, publisher names left out ("Condé Nast; Tom
  Bennett" → Tom Bennett).
"""

from __future__ import annotations

import re

MADE_WORDS = 10
SEPARATOR_RE = re.compile(r"\s+(?:\||–|—|-|»|::|·|•)\s+")
LEAD_CLAUSE_RE = re.compile(
    r"^(?:amid|after|before|despite|following|in|on|with|as|while|when|although|though|since|"
    r"under|over|during|by|for|if|once|because)\b[^,]{3,80},\s+", re.IGNORECASE)
ATTRIBUTION_RE = re.compile(
    r",?\s+(?:(?:has|have|had)\s+)?(?:said|says|told|warned|claimed|announced|reported)\b.*$"
    r"|,\s+according to .*$", re.IGNORECASE)
CLAUSE_BREAK_RE = re.compile(r"\s*(?:,|;|:|\s[-–—]\s|\bwho\b|\bwhich\b|\bafter\b|\bbecause\b|\band\b|"
                             r"\bas\b)\s*")
TIME_RE = re.compile(r"\b(?:on|last|this|next|earlier|later)\s+(?:monday|tuesday|wednesday|"
                     r"thursday|friday|saturday|sunday|week|month|year|weekend|night|morning)\b"
                     r"|\b(?:yesterday|today|tomorrow)\b", re.IGNORECASE)
FUNCTION_WORDS = frozenset({"the", "a", "an", "has", "have", "had", "been", "is", "are", "was",
                            "were", "its", "their", "his", "her", "that", "this", "very", "also",
                            "just", "now"})
DANGLING_END = frozenset({"the", "a", "an", "of", "to", "in", "on", "and", "for", "with", "at",
                          "by", "that", "or", "but"})
PUBLISHER_RE = re.compile(r"\b(?:inc|ltd|llc|plc|media|news|press|group|publishing|publications|"
                          r"nast|corporation|corp|agency|staff|newsroom|wire|reuters|associated)\b",
                          re.IGNORECASE)
AUTHOR_SPLIT_RE = re.compile(r"\s*(?:;|,|\band\b|&)\s*")


def clean_headline(title: str, site: str | None = None) -> str:
    """The headline without the site name a page or feed appends (or prepends)."""
    parts = SEPARATOR_RE.split(title)
    if len(parts) < 2:
        return title
    site_words = {w.lower() for w in re.findall(r"\w+", site or "")}

    def is_site(part: str) -> bool:
        """A site's name: the page's own site name, or a short run of capitalised words."""
        words = re.findall(r"[\w.]+", part)
        if not words:
            return False
        if site_words and {w.lower() for w in words} <= site_words:
            return True
        return len(words) <= 3 and all(w[:1].isupper() or w[:1].isdigit() for w in words)

    while len(parts) > 1 and is_site(parts[-1]) and len(" ".join(parts[:-1]).split()) >= 2:
        parts.pop()
    while len(parts) > 1 and site_words and is_site(parts[0]) and \
            {w.lower() for w in re.findall(r"\w+", parts[0])} <= site_words:
        parts.pop(0)
    return " - ".join(parts) if len(parts) > 1 else parts[0]


def made_title(bottom_line: str) -> str:
    """A headline-like title made from the bottom line's main clause (see the module)."""
    text = bottom_line.strip().rstrip(".!?\"'”’)")
    text = LEAD_CLAUSE_RE.sub("", text)
    unattributed = ATTRIBUTION_RE.sub("", text)
    if len(unattributed.split()) >= 4:
        text = unattributed
    for cut in CLAUSE_BREAK_RE.finditer(text):
        if len(text[:cut.start()].split()) >= 5:
            text = text[:cut.start()]
            break
    words = [w for w in TIME_RE.sub(" ", text).split() if w.lower() not in FUNCTION_WORDS]
    words = words[:MADE_WORDS]
    shown = " ".join(words)
    if shown.count("“") > shown.count("”") or shown.count('"') % 2:  # a quotation cut off
        quote_at = max(shown.rfind("“"), shown.rfind('"') if shown.count('"') % 2 else -1)
        words = shown[:quote_at].split()
    while words and words[-1].lower() in DANGLING_END:
        words.pop()
    title = " ".join(words).strip(" ,;:-\"'“”‘’")
    return title[:1].upper() + title[1:] if title else ""


def authors_of(byline: str | None, site: str | None = None) -> tuple[str, ...]:
    """The people a byline names, in order, without the publisher."""
    if not byline:
        return ()
    site_words = {w.lower() for w in re.findall(r"\w+", site or "")}
    names = []
    for part in AUTHOR_SPLIT_RE.split(byline):
        name = re.sub(r"^(?:by|von|par)\s+", "", part.strip(), flags=re.IGNORECASE).strip(" .")
        words = {w.lower() for w in re.findall(r"\w+", name)}
        if not name or PUBLISHER_RE.search(name) or (site_words and words <= site_words):
            continue
        if name not in names:
            names.append(name)
    return tuple(names)
