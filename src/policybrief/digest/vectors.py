"""Briefs and sentences as sparse TF-IDF vectors of stems (and actors): what grouping compares.

The vectors are scipy sparse rows (CSR), so a digest of thousands of briefs holds only the
terms each brief uses, never a briefs × vocabulary table.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np
from scipy import sparse

from .. import terms
from ..models import PolicyBrief

Vectors = sparse.csr_matrix  # one row per brief, unit length

# Countries recur across unrelated policy stories; companies, organisations and people are
# more particular to one (two different celebrities entering rehab are two stories).
ENTITY_WEIGHT = {"company": 1.0, "organisation": 1.0, "person": 1.0, "country": 0.5}
# A headline names the story: its stems count this many times over.
TITLE_WEIGHT = 2.0


def brief_text(brief: PolicyBrief) -> list[str]:
    """The brief's distinct texts: title, key phrases, bottom line, points, recommendations."""
    texts = [brief.title, *brief.keywords, brief.bottom_line]
    texts += [p.text for p in brief.key_points] + [p.text for p in brief.recommendations]
    return list(dict.fromkeys(texts))


def brief_features(brief: PolicyBrief) -> dict[str, float]:
    """Sublinear term frequencies of the brief's stems (a headline's stems weigh
    ``TITLE_WEIGHT - 1`` more), plus its actors as whole tokens."""
    counts = Counter(terms.content_stems(" ".join(brief_text(brief))))
    features = {t: 1.0 + math.log(n) for t, n in counts.items()}
    if not brief.title_made:
        for stem in set(terms.content_stems(brief.title)):
            features[stem] += TITLE_WEIGHT - 1.0
    for actor in brief.actors:
        features["@" + actor.name.lower()] = 2.0 * ENTITY_WEIGHT.get(actor.kind, 0.5)
    return features


def tfidf(rows: Sequence[dict[str, float]]) -> sparse.csr_matrix:
    """Row-normalised TF-IDF (smoothed idf) of weighted term rows, as a sparse matrix."""
    vocab: dict[str, int] = {}
    indptr = [0]
    indices: list[int] = []
    data: list[float] = []
    for row in rows:
        for token, weight in row.items():
            indices.append(vocab.setdefault(token, len(vocab)))
            data.append(weight)
        indptr.append(len(indices))
    shape = (len(rows), max(1, len(vocab)))
    matrix = sparse.csr_matrix((np.array(data, dtype=float), np.array(indices, dtype=np.int64),
                                np.array(indptr, dtype=np.int64)), shape=shape)
    df = np.bincount(matrix.indices, minlength=shape[1])
    matrix.data *= (np.log((1 + len(rows)) / (1 + df)) + 1.0)[matrix.indices]
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)


def term_rows(texts: Sequence[str]) -> list[dict[str, float]]:
    return [{t: 1.0 + math.log(n) for t, n in Counter(terms.content_stems(x)).items()} for x in texts]


def brief_vectors(briefs: Sequence[PolicyBrief]) -> sparse.csr_matrix:
    return tfidf([brief_features(b) for b in briefs])


def dense_similarity(vectors: sparse.csr_matrix) -> np.ndarray:
    """Every pair's cosine, as a dense array: for a few hundred rows at most."""
    return np.asarray((vectors @ vectors.T).toarray())
