"""Stories gathered under the names of a small policy taxonomy, shipped as data.

``data/sections.toml`` lists sections (a name and keywords); a user's file in the same
form replaces it (``policybrief digest --sections FILE``). A story goes to the section
whose keywords its headlines (counted ``HEADLINE_WEIGHT`` times) and sentences use most,
the first listed on a tie, or to ``other`` when that section's keywords it uses are fewer
than ``min_hits`` different ones.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from itertools import pairwise
from typing import Any

from .. import terms
from ..errors import UsageError
from ..models import PolicyBrief
from .vectors import brief_text

HEADLINE_WEIGHT = 3
KEYS = {"other", "min_hits", "section"}


@dataclass(frozen=True)
class Taxonomy:
    """Section names with their keywords, each keyword as a tuple of stems."""

    names: tuple[str, ...]
    keywords: tuple[tuple[tuple[str, ...], ...], ...]  # per section
    other: str = "Other news"
    min_hits: int = 2

    @classmethod
    def from_toml(cls, text: str, subject: str = "sections") -> Taxonomy:
        """Parse a sections file; a mistake is a UsageError naming the file and the key."""
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise UsageError(f"not a TOML file: {exc}", subject=subject,
                             hint="see data/sections.toml in the package for the form") from exc
        return cls._checked(data, subject)

    @classmethod
    def _checked(cls, data: dict[str, Any], subject: str) -> Taxonomy:
        def bad(what: str) -> UsageError:
            return UsageError(what, subject=subject,
                              hint="each [[section]] needs a name and a list of keywords")

        if unknown := set(data) - KEYS:
            raise bad(f"unknown key {sorted(unknown)[0]!r}")
        sections = data.get("section")
        if not isinstance(sections, list) or not sections:
            raise bad("no [[section]] given")
        names, keywords = [], []
        for section in sections:
            if not isinstance(section, dict) or set(section) != {"name", "keywords"}:
                raise bad(f"a section must have exactly a name and keywords: {section!r}")
            name, words = section["name"], section["keywords"]
            if not isinstance(name, str) or not name.strip() or not isinstance(words, list):
                raise bad(f"a section's name must be text and its keywords a list: {name!r}")
            stems = tuple(dict.fromkeys(tuple(terms.content_stems(str(w))) for w in words))
            names.append(name.strip())
            keywords.append(tuple(s for s in stems if s))
        other, min_hits = data.get("other", "Other news"), data.get("min_hits", 2)
        if not isinstance(other, str) or not other.strip() or not isinstance(min_hits, int):
            raise bad("'other' must be a name and 'min_hits' a whole number")
        return cls(tuple(names), tuple(keywords), other.strip(), min_hits)


@cache
def default_taxonomy() -> Taxonomy:
    text = files("policybrief").joinpath("data/sections.toml").read_text(encoding="utf-8")
    return Taxonomy.from_toml(text, "data/sections.toml")


def section_of(briefs: Sequence[PolicyBrief], taxonomy: Taxonomy) -> str:
    """The name of the section a story of ``briefs`` belongs in."""
    stems: list[str] = []
    for brief in briefs:
        stems += [*terms.content_stems(" ".join(brief_text(brief))), ""]
        stems += [*terms.content_stems(brief.title), ""] * (HEADLINE_WEIGHT - 1)
    unigrams = Counter(stems)
    phrases: Counter[tuple[str, ...]] = Counter(pairwise(stems))
    phrases.update(zip(stems, stems[1:], stems[2:], strict=False))

    def hits(keyword: tuple[str, ...]) -> int:
        return unigrams[keyword[0]] if len(keyword) == 1 else phrases[keyword[:3]]

    counts = [[hits(k) for k in keywords] for keywords in taxonomy.keywords]
    scores = [(sum(c), sum(1 for n in c if n)) for c in counts]  # (hits, keywords used)
    best = max(range(len(scores)), key=lambda i: (scores[i][0], -i))
    return taxonomy.names[best] if scores[best][1] >= taxonomy.min_hits else taxonomy.other
