"""Key phrases, RAKE-style: runs of content words between stop words and punctuation.

A phrase scores by how often its words occur in the article (their frequency and their
co-occurrence degree), so "export control regimes" outranks a one-off phrase. Phrases keep
the casing they are most often written with, so proper names read right in a headline.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from . import terms

SPLIT_RE = re.compile(r"[,.;:!?()\[\]\"“”‘’—–/]|\s-\s|\s'|'\s")
WORD_RE = re.compile(r"[^\W_][\w'’-]*", re.UNICODE)
MAX_WORDS = 4
NEGATIONS = frozenset({"not", "no", "never", "nor", "without", "cannot"})


def _negation(word: str) -> bool:
    return word in NEGATIONS or word.endswith(("n't", "n’t"))


def _candidates(text: str) -> list[list[str]]:
    """Runs of content words. A run right after a negation is left out: "we do not support
    Taiwan independence" must not give the key phrase "support Taiwan independence"."""
    stops = terms.stop_words()
    phrases: list[list[str]] = []
    for chunk in SPLIT_RE.split(text):
        current: list[str] = []
        negated = False
        for word in WORD_RE.findall(chunk):
            lower = word.lower()
            if lower in stops or lower.isdigit() or len(lower) < 2:
                if current and not negated:
                    phrases.append(current)
                current = []
                negated = _negation(lower)
            else:
                current.append(word)
        if current and not negated:
            phrases.append(current)
    return [p for p in phrases if len(p) <= MAX_WORDS]


def key_phrases(texts: Iterable[str], limit: int = 8) -> list[str]:
    """The article's key phrases, best first, with no phrase repeating a better one."""
    candidates: list[list[str]] = []
    for text in texts:
        candidates.extend(_candidates(text))
    frequency: Counter[str] = Counter()
    degree: Counter[str] = Counter()
    for phrase in candidates:
        stems = [terms.stem(w.lower()) for w in phrase]
        for s in stems:
            frequency[s] += 1
            degree[s] += len(stems)
    scores: dict[str, float] = {}
    surfaces: dict[str, Counter[str]] = defaultdict(Counter)
    occurrences: Counter[str] = Counter()
    for phrase in candidates:
        stems = [terms.stem(w.lower()) for w in phrase]
        key = " ".join(stems)
        surfaces[key][" ".join(phrase)] += 1
        occurrences[key] += 1
        scores[key] = sum(degree[s] / frequency[s] + frequency[s] for s in stems)
    ranked = sorted(scores, key=lambda k: (-(scores[k] * min(occurrences[k], 3)), k))
    chosen: list[str] = []
    chosen_stems: list[set[str]] = []
    for key in ranked:
        stem_set = set(key.split())
        if any(stem_set <= other or other <= stem_set for other in chosen_stems):
            continue
        chosen.append(key)
        chosen_stems.append(stem_set)
        if len(chosen) == limit:
            break
    return [_surface(surfaces[key]) for key in chosen]


def _surface(forms: Counter[str]) -> str:
    """The most common way of writing the phrase; lower-cased unless it is a name."""
    form = forms.most_common(1)[0][0]
    lowered = sum(n for f, n in forms.items() if f[:1].islower())
    return (
        form.lower()
        if lowered and not form.isupper() and form[:1].isupper() and any(f[:1].islower() for f in forms)
        else form
    )


def headline(phrases: list[str], main_actor: str | None = None) -> str:
    """A title built from the main actor and key phrases.

    e.g. 'Taiwan and international export control regimes'.
    """
    if not phrases:
        return main_actor or "Untitled article"
    longer = [p for p in phrases if len(p.split()) > 1] or phrases
    if main_actor:
        rest = [p for p in longer if main_actor.lower() not in p.lower()]
        parts = [main_actor, rest[0]] if rest else [longer[0]]
    else:
        parts = longer[:2]
    text = " and ".join(parts)
    return text[0].upper() + text[1:]
