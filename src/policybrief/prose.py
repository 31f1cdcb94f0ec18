"""What prose looks like: the patterns that both ingest and segment read text by.

Where a sentence ends, what a byline is, and when a paragraph stops mid-sentence (a teaser
or a truncated page). Ingest uses them to tell an article from a teaser; segment to split
articles and sentences. They live here, below both, so neither stage imports the other.
"""

from __future__ import annotations

import re

TERMINAL_RE = re.compile(r"[.!?…:]['\"”’)\]]*$")
BYLINE_RE = re.compile(r"^(?:By|BY|by)\s+(?P<name>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})\s*$")
LIST_ITEM_RE = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s")


def is_cut_off(paragraph: str) -> bool:
    """A paragraph that stops mid-sentence: a teaser or a truncated page.

    List items ("- …", "1. …") end without punctuation by nature: they are never cut off.
    """
    if LIST_ITEM_RE.match(paragraph):
        return False
    return not TERMINAL_RE.search(paragraph.rstrip()) and len(paragraph.split()) >= 12
