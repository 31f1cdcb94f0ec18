"""How much a brief matters, how well a sentence stands alone, and the top line: one line per
top story."""

from __future__ import annotations

import math
import re

from ..models import PolicyBrief
from .grouping import sources_of

TOP_LINE_MIN = 3
TOP_LINE_MAX = 5
# Sentences that lean on the one before them read badly out of context.
DANGLING_RE = re.compile(
    r"^(?:this|that|these|those|it|its|they|their|he|she|his|her|thus|therefore|hence|"
    r"however|but|and|so|also|meanwhile|already|in addition|moreover|furthermore|"
    r"as a result|for example|such)\b",
    re.IGNORECASE,
)
# ...and so do sentences pointing back at something said before them.
BACK_REFERENCE_RE = re.compile(
    r"\b(?:them|they|these|those|the (?:former|latter|move|plan|policy)|such(?! as\b))\b",
    re.IGNORECASE
)
LONG_SENTENCE_WORDS = 55

# --- 3. importance ------------------------------------------------------------------------


def importance(brief: PolicyBrief, centrality: float) -> float:
    """How much a brief matters today: coverage, completeness, centrality (not how much it
    recommends)."""
    return (
        1.0 * (len(sources_of(brief)) - 1)
        + (0.0 if brief.excerpt else 1.0)
        + 0.1 * math.log1p(brief.word_count) / math.log(2000)
        + 1.0 * centrality
    )


# --- 4. top line --------------------------------------------------------------------------


def quality(text: str) -> float:
    """How well a sentence stands alone, out of its article."""
    quality = 1.0
    if DANGLING_RE.match(text):
        quality -= 0.35
    if BACK_REFERENCE_RE.search(text):
        quality -= 0.2
    if len(text.split()) > LONG_SENTENCE_WORDS:
        quality -= 0.2
    if text.rstrip("”’\"') ").endswith("?"):
        quality -= 0.3
    return quality
