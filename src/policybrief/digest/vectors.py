"""Briefs and sentences as TF-IDF vectors of stems (and actors): what grouping compares."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np

from .. import terms
from ..models import PolicyBrief

# Countries and heads of state recur across unrelated policy stories; companies and
# organisations are more particular to one. Entity tokens and the words of names weigh so.
ENTITY_WEIGHT = {"company": 1.0, "organisation": 1.0, "person": 0.4, "country": 0.25}
GENERIC_NAME_WEIGHT = 0.35


def brief_text(brief: PolicyBrief) -> list[str]:
    """The brief's distinct texts: title, key phrases, bottom line, points, recommendations."""
    texts = [brief.title, *brief.keywords, brief.bottom_line]
    texts += [p.text for p in brief.key_points] + [p.text for p in brief.recommendations]
    return list(dict.fromkeys(texts))


def brief_features(brief: PolicyBrief) -> dict[str, float]:
    """Sublinear term frequencies of the brief's stems, plus its actors as whole tokens."""
    generic: set[str] = set()
    for actor in brief.actors:
        if actor.kind in ("person", "country"):
            generic.update(terms.content_stems(actor.name))
    counts = Counter(terms.content_stems(" ".join(brief_text(brief))))
    features = {
        t: (1.0 + math.log(n)) * (GENERIC_NAME_WEIGHT if t in generic else 1.0) for t, n in counts.items()
    }
    for actor in brief.actors:
        features["@" + actor.name.lower()] = 2.0 * ENTITY_WEIGHT.get(actor.kind, 0.5)
    return features


def tfidf(rows: Sequence[dict[str, float]]) -> np.ndarray:
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


def term_rows(texts: Sequence[str]) -> list[dict[str, float]]:
    return [{t: 1.0 + math.log(n) for t, n in Counter(terms.content_stems(x)).items()} for x in texts]


def brief_vectors(briefs: Sequence[PolicyBrief]) -> np.ndarray:
    return tfidf([brief_features(b) for b in briefs])

