"""Briefs → a Digest: near-duplicates merged, topics grouped, a top line chosen. Pure, no I/O.

``assemble`` is the whole stage:

1. **Near-duplicates merge.** Two briefs with the same ``content_hash`` (the same file given
   twice) or a TF-IDF cosine of at least ``DUPLICATE_SIMILARITY`` (the same story from two
   outlets) become one brief whose ``sources`` lists both. The full article wins over an
   excerpt, then the longer one.
2. **Topics group.** Average-linkage agglomerative clustering of the briefs' TF-IDF vectors
   (stems of title, key phrases, bottom line, key points, recommendations), stopping at
   ``GROUP_SIMILARITY``. Each group is named from the key phrases its briefs share most.
3. **Importance orders.** A brief weighs more when it is a full article rather than an
   excerpt, when several sources carried it, when it recommends action and when it is
   central to the day's other briefs; a group weighs what its briefs weigh.
4. **The top line** picks 3-5 sentences by maximal marginal relevance: each next sentence is
   the most important one that says least of what the chosen ones already say. Every one is
   a bottom line or key point of a brief, verbatim, and cites that brief.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

import numpy as np

from . import __version__, terms
from .brief import slugify
from .models import PolicyBrief

DUPLICATE_SIMILARITY = 0.85
GROUP_SIMILARITY = 0.12
TOP_LINE_MIN = 3
TOP_LINE_MAX = 5
MMR_LAMBDA = 0.65
TOP_LINE_REDUNDANT = 0.5  # two top-line sentences this similar say the same thing
# Sentences that lean on the one before them read badly out of context.
DANGLING_RE = re.compile(
    r"^(?:this|that|these|those|it|its|they|their|he|she|his|her|thus|therefore|hence|"
    r"however|but|and|so|also|meanwhile|already|in addition|moreover|furthermore|"
    r"as a result|for example|such)\b",
    re.IGNORECASE,
)
# ...and so do sentences pointing back at something said before them.
BACK_REFERENCE_RE = re.compile(
    r"\b(?:them|they|these|those|the (?:former|latter|move|plan|policy))\b", re.IGNORECASE
)
LONG_SENTENCE_WORDS = 55


@dataclass(frozen=True)
class TopLine:
    """One sentence of the top line, verbatim from the brief numbered ``number``."""

    text: str
    number: int  # the cited brief's position in ``Digest.briefs``, from 1
    slug: str  # the cited brief's slug: its anchor in HTML and Markdown
    title: str  # the cited brief's title
    paragraph: int | None  # the paragraph the sentence stands in, when known


@dataclass(frozen=True)
class TopicGroup:
    """Briefs on one topic, most important first, named from their shared key phrases."""

    name: str
    slug: str
    key_phrases: tuple[str, ...]
    briefs: tuple[PolicyBrief, ...]
    start: int  # the number of the group's first brief in ``Digest.briefs``, from 1
    importance: float = 0.0

    @property
    def count(self) -> int:
        return len(self.briefs)

    @property
    def also(self) -> tuple[str, ...]:
        """The key phrases the group's name does not already say."""
        return tuple(p for p in self.key_phrases if p.lower() not in self.name.lower())

    @property
    def numbered(self) -> tuple[tuple[int, PolicyBrief], ...]:
        """(number, brief) pairs, for templates that cite briefs by number."""
        return tuple((self.start + i, b) for i, b in enumerate(self.briefs))


@dataclass(frozen=True)
class Digest:
    """The day's briefs, grouped by topic, with a top line: what the templates render."""

    title: str
    generated_at: datetime
    version: str
    method: str
    top_line: tuple[TopLine, ...]
    groups: tuple[TopicGroup, ...]
    merged: int = 0  # near-duplicate briefs folded into another
    briefs: tuple[PolicyBrief, ...] = field(init=False)

    def __post_init__(self) -> None:
        flat = tuple(b for g in self.groups for b in g.briefs)
        object.__setattr__(self, "briefs", flat)

    @property
    def count(self) -> int:
        """How many briefs the digest holds (after merging near-duplicates)."""
        return len(self.briefs)

    @property
    def date(self) -> str:
        """The generation date, e.g. '7 March 2025'."""
        return f"{self.generated_at.day} {self.generated_at:%B %Y}"

    @property
    def generated(self) -> str:
        """The generation time as ISO 8601, to the second."""
        return self.generated_at.isoformat(timespec="seconds")

    @property
    def sources(self) -> tuple[str, ...]:
        """Every source of every brief, once, in digest order."""
        seen: dict[str, None] = {}
        for b in self.briefs:
            for s in b.sources or (b.url or b.source,):
                seen.setdefault(s, None)
        return tuple(seen)

    @property
    def reading_minutes(self) -> int:
        """Reading time of all the sources together (not a sum of rounded per-brief times)."""
        from .brief import WORDS_PER_MINUTE

        return max(1, round(sum(b.word_count for b in self.briefs) / WORDS_PER_MINUTE))

    def number(self, brief: PolicyBrief) -> int:
        """The brief's position in the digest, from 1 (its citation number)."""
        for i, b in enumerate(self.briefs, 1):
            if b.slug == brief.slug:
                return i
        raise KeyError(brief.slug)


# --- vectors ------------------------------------------------------------------------------

# Countries and heads of state recur across unrelated policy stories; companies and
# organisations are more particular to one. Entity tokens and the words of names weigh so.
ENTITY_WEIGHT = {"company": 1.0, "organisation": 1.0, "person": 0.4, "country": 0.25}
GENERIC_NAME_WEIGHT = 0.35


def _brief_text(brief: PolicyBrief) -> list[str]:
    """The brief's distinct texts: title, key phrases, bottom line, points, recommendations."""
    texts = [brief.title, *brief.keywords, brief.bottom_line]
    texts += [p.text for p in brief.key_points] + [p.text for p in brief.recommendations]
    return list(dict.fromkeys(texts))


def _brief_features(brief: PolicyBrief) -> dict[str, float]:
    """Sublinear term frequencies of the brief's stems, plus its actors as whole tokens."""
    generic: set[str] = set()
    for actor in brief.actors:
        if actor.kind in ("person", "country"):
            generic.update(terms.content_stems(actor.name))
    counts = Counter(terms.content_stems(" ".join(_brief_text(brief))))
    features = {
        t: (1.0 + math.log(n)) * (GENERIC_NAME_WEIGHT if t in generic else 1.0) for t, n in counts.items()
    }
    for actor in brief.actors:
        features["@" + actor.name.lower()] = 2.0 * ENTITY_WEIGHT.get(actor.kind, 0.5)
    return features


def _tfidf(rows: Sequence[dict[str, float]]) -> np.ndarray:
    """Row-normalised TF-IDF (smoothed idf) of weighted term rows."""
    vocab: dict[str, int] = {}
    for row in rows:
        for token in row:
            vocab.setdefault(token, len(vocab))
    matrix = np.zeros((len(rows), max(1, len(vocab))))
    for i, row in enumerate(rows):
        for token, weight in row.items():
            matrix[i, vocab[token]] = weight
    df = (matrix > 0).sum(axis=0)
    matrix *= np.log((1 + len(rows)) / (1 + df)) + 1.0
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms


def _term_rows(texts: Sequence[str]) -> list[dict[str, float]]:
    return [{t: 1.0 + math.log(n) for t, n in Counter(terms.content_stems(x)).items()} for x in texts]


def _brief_vectors(briefs: Sequence[PolicyBrief]) -> np.ndarray:
    return _tfidf([_brief_features(b) for b in briefs])


# --- 1. near-duplicates -------------------------------------------------------------------


def _preference(brief: PolicyBrief) -> tuple[int, int]:
    return (0 if brief.excerpt else 1, brief.word_count)


def _sources(brief: PolicyBrief) -> tuple[str, ...]:
    return brief.sources or (brief.url or brief.source,)


def merge_duplicates(briefs: Sequence[PolicyBrief]) -> tuple[list[PolicyBrief], int]:
    """Fold near-duplicates into one brief carrying every source; returns (briefs, merged)."""
    if not briefs:
        return [], 0
    vectors = _brief_vectors(briefs)
    similarity = vectors @ vectors.T
    kept: list[int] = []  # indexes of the representative of each cluster, in input order
    members: dict[int, list[int]] = {}
    for i, brief in enumerate(briefs):
        for k in kept:
            same = brief.content_hash and brief.content_hash == briefs[k].content_hash
            if same or similarity[i, k] >= DUPLICATE_SIMILARITY:
                members[k].append(i)
                break
        else:
            kept.append(i)
            members[i] = [i]
    result = []
    for k in kept:
        group = [briefs[i] for i in members[k]]
        best = max(group, key=_preference)  # max keeps the first among equals
        sources: dict[str, None] = {}
        for b in [best, *group]:  # the kept brief's own source first
            for s in _sources(b):
                sources.setdefault(s, None)
        result.append(replace(best, sources=tuple(sources)))
    return _unique_slugs(result), len(briefs) - len(kept)


def _unique_slugs(briefs: list[PolicyBrief]) -> list[PolicyBrief]:
    """Slugs are anchors in the digest: make them unique (two files can share a stem)."""
    seen: Counter[str] = Counter()
    result = []
    for b in briefs:
        seen[b.slug] += 1
        result.append(b if seen[b.slug] == 1 else replace(b, slug=f"{b.slug}-{seen[b.slug]}"))
    return result


# --- 2. topics ----------------------------------------------------------------------------


def cluster(similarity: np.ndarray, threshold: float = GROUP_SIMILARITY) -> list[list[int]]:
    """Average-linkage agglomerative clusters of a similarity matrix, merged while above
    ``threshold``; clusters and members keep input order."""
    clusters = [[i] for i in range(len(similarity))]
    while len(clusters) > 1:
        best, pair = threshold, None
        for a in range(len(clusters)):
            for b in range(a + 1, len(clusters)):
                link = float(similarity[np.ix_(clusters[a], clusters[b])].mean())
                if link >= best:
                    best, pair = link, (a, b)
        if pair is None:
            break
        a, b = pair
        clusters[a] = sorted(clusters[a] + clusters[b])
        del clusters[b]
    return clusters


def name_group(briefs: Sequence[PolicyBrief]) -> tuple[str, tuple[str, ...]]:
    """A group's name and up to three key phrases: the phrases its briefs share most.

    Candidates are the briefs' key phrases and the companies and organisations they name; a
    phrase scores by how many of the group's briefs hold all its words, then by how many of
    its words they hold. A group of several briefs is named by the phrases all of them share.
    """
    stem_sets = [
        set(terms.content_stems(" ".join(_brief_text(b) + [a.name for a in b.actors]))) for b in briefs
    ]
    generic = {
        s
        for b in briefs
        for a in b.actors
        if a.kind in ("person", "country")
        for s in terms.content_stems(a.name)
    }
    candidates: dict[str, str] = {}  # stems → the phrase as first written
    order: dict[str, int] = {}
    for b in briefs:
        named = [a.name for a in b.actors if a.kind in ("company", "organisation")]
        for rank, phrase in enumerate([*b.keywords, *named]):
            key = " ".join(terms.content_stems(phrase))
            if key and key not in candidates:
                candidates[key] = phrase
                order[key] = rank

    def coverage(key: str) -> int:
        return sum(all(s in sset for s in key.split()) for sset in stem_sets)

    def score(key: str) -> tuple[float, int, str]:
        stems = key.split()
        partial = sum(sum(s in sset for s in stems) / len(stems) for sset in stem_sets)
        # a bare name ('President Donald Trump') says who, not what the story is about
        named = 0.6 if 2 * sum(s in generic for s in stems) >= len(stems) else 0.0
        return (coverage(key) + 0.5 * partial + 0.1 * min(len(stems), 3) - named, -order[key], key)

    chosen: list[str] = []
    used: set[str] = set()
    for key in sorted(candidates, key=score, reverse=True):
        stems = set(key.split())
        if stems & used or _abbreviates(candidates[key], [candidates[k] for k in chosen]):
            continue
        chosen.append(key)
        used |= stems
        if len(chosen) == 3:
            break
    if not chosen:
        return briefs[0].title, ()
    phrases = tuple(candidates[k] for k in chosen)
    name = phrases[0]
    if len(briefs) > 1 and len(chosen) > 1 and coverage(chosen[1]) == len(briefs):
        name = f"{phrases[0]} and {phrases[1]}"
    return name[0].upper() + name[1:], phrases


def _abbreviates(phrase: str, others: Sequence[str]) -> bool:
    """'TSMC' abbreviates 'Taiwan Semiconductor Manufacturing Co'."""
    if not phrase.isupper() or len(phrase) < 2:
        return False
    for other in others:
        initials = "".join(w[0] for w in other.split() if w[:1].isalpha()).upper()
        if len(initials) >= 2 and (initials.startswith(phrase) or phrase.startswith(initials)):
            return True
    return False


# --- 3. importance ------------------------------------------------------------------------


def importance(brief: PolicyBrief, centrality: float) -> float:
    """How much a brief matters today: coverage, completeness, prescriptions, centrality."""
    return (
        1.0 * (len(_sources(brief)) - 1)
        + (0.0 if brief.excerpt else 1.0)
        + 0.15 * min(len(brief.recommendations), 3)
        + 0.1 * math.log1p(brief.word_count) / math.log(2000)
        + 1.0 * centrality
    )


# --- 4. top line --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Candidate:
    text: str
    brief: int  # index into the ordered briefs
    paragraph: int | None
    position: int  # the sentence's rank among its brief's candidates
    weight: float


def _quality(text: str) -> float:
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


def _candidates(briefs: Sequence[PolicyBrief], weights: Sequence[float]) -> list[_Candidate]:
    """Each brief's bottom line and key points, weighted by the brief's importance, the
    sentence's standing in the brief and how well it stands alone. The lead (the first key
    point in reading order) of a news story is usually its best self-contained summary."""
    top = max(weights, default=1.0) or 1.0
    candidates: list[_Candidate] = []
    for i, b in enumerate(briefs):
        lead = min(b.key_points, key=lambda p: p.paragraph, default=None)
        scored: dict[str, tuple[float, int | None]] = {}
        for n, p in enumerate(b.key_points):
            salience = 1.0 if p is lead else 0.8 - 0.05 * n
            scored[p.text] = (salience, p.paragraph)
        if b.bottom_line:
            paragraph = scored.get(b.bottom_line, (0.0, None))[1]
            salience = max(0.95, scored.get(b.bottom_line, (0.0, None))[0])
            scored[b.bottom_line] = (salience, paragraph)
        for position, (text, (salience, paragraph)) in enumerate(scored.items()):
            weight = (0.5 + 0.5 * weights[i] / top) * salience * _quality(text)
            candidates.append(_Candidate(text, i, paragraph, position, weight))
    return candidates


def top_line(briefs: Sequence[PolicyBrief], weights: Sequence[float]) -> list[_Candidate]:
    """3-5 sentences by maximal marginal relevance, in digest order.

    Each pick maximises ``λ·weight - (1-λ)·(similarity to the picks so far)``; a sentence
    at least ``TOP_LINE_REDUNDANT`` similar to a pick is never taken, and no brief gives a
    second sentence while another brief has given none.
    """
    candidates = _candidates(briefs, weights)
    if not candidates:
        return []
    vectors = _tfidf(_term_rows([c.text for c in candidates]))
    similarity = vectors @ vectors.T
    target = min(TOP_LINE_MAX, max(TOP_LINE_MIN, len(briefs)))
    chosen: list[int] = []
    per_brief: Counter[int] = Counter()
    while len(chosen) < target:
        best, pick = -math.inf, None
        for j, c in enumerate(candidates):
            if j in chosen:
                continue
            redundancy = max((float(similarity[j, k]) for k in chosen), default=0.0)
            if redundancy >= TOP_LINE_REDUNDANT:
                continue
            spread = 0.0
            if per_brief[c.brief]:
                spread = 0.3 * per_brief[c.brief] + (1.0 if len(per_brief) < len(briefs) else 0)
            score = MMR_LAMBDA * c.weight - (1 - MMR_LAMBDA) * redundancy - spread
            if score > best:
                best, pick = score, j
        if pick is None:
            break
        chosen.append(pick)
        per_brief[candidates[pick].brief] += 1
    return sorted((candidates[j] for j in chosen), key=lambda c: (c.brief, c.position))


# --- the stage ----------------------------------------------------------------------------


def assemble(
    briefs: Iterable[PolicyBrief],
    *,
    title: str = "Policy digest",
    method: str = "default",
    generated_at: datetime | None = None,
    version: str = __version__,
) -> Digest:
    """Merge near-duplicates, group by topic, order by importance and pick the top line."""
    when = generated_at or datetime.now().astimezone()
    unique, merged = merge_duplicates(list(briefs))
    if not unique:
        return Digest(
            title=title,
            generated_at=when,
            version=version,
            method=method,
            top_line=(),
            groups=(),
            merged=merged,
        )
    vectors = _brief_vectors(unique)
    similarity = vectors @ vectors.T
    n = len(unique)
    centrality = ((similarity.sum(axis=1) - 1.0) / (n - 1)) if n > 1 else np.zeros(1)
    weight = [importance(b, float(c)) for b, c in zip(unique, centrality, strict=True)]

    groups: list[tuple[float, int, list[int]]] = []
    for members in cluster(similarity):
        members = sorted(members, key=lambda i: (-weight[i], i))
        score = weight[members[0]] + 0.5 * sum(weight[i] for i in members[1:])
        groups.append((score, members[0], members))
    groups.sort(key=lambda g: (-g[0], g[1]))

    topic_groups: list[TopicGroup] = []
    ordered: list[PolicyBrief] = []
    ordered_weight: list[float] = []
    slugs: Counter[str] = Counter()
    for score, _, members in groups:
        group_briefs = tuple(unique[i] for i in members)
        name, phrases = name_group(group_briefs)
        slug = "topic-" + slugify(name)
        slugs[slug] += 1
        if slugs[slug] > 1:
            slug = f"{slug}-{slugs[slug]}"
        topic_groups.append(
            TopicGroup(
                name=name,
                slug=slug,
                key_phrases=phrases,
                briefs=group_briefs,
                start=len(ordered) + 1,
                importance=round(score, 6),
            )
        )
        ordered.extend(group_briefs)
        ordered_weight.extend(weight[i] for i in members)

    lines = tuple(
        TopLine(
            text=c.text,
            number=c.brief + 1,
            slug=ordered[c.brief].slug,
            title=ordered[c.brief].title,
            paragraph=c.paragraph,
        )
        for c in top_line(ordered, ordered_weight)
    )
    return Digest(
        title=title,
        generated_at=when,
        version=version,
        method=method,
        top_line=lines,
        groups=tuple(topic_groups),
        merged=merged,
    )
