"""The ``default`` method: a position prior, centrality and title similarity, with MMR.

Pure numpy over the shared term processing in ``terms``; no sumy, no per-pair Python loops.
"""

from __future__ import annotations

import numpy as np

from . import terms
from .models import Document


def _matrix(rows: list[list[str]]) -> np.ndarray:
    vocabulary: dict[str, int] = {}
    for row in rows:
        for term in row:
            vocabulary.setdefault(term, len(vocabulary))
    matrix = np.zeros((len(rows), max(1, len(vocabulary))), dtype=np.float32)
    for i, row in enumerate(rows):
        for term in row:
            matrix[i, vocabulary[term]] += 1.0
    document_frequency = (matrix > 0).sum(axis=0)
    idf = np.log((1 + len(rows)) / (1 + document_frequency)) + 1.0
    matrix *= idf
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms


class DefaultRanker:
    """Built once with its weights; called per document, gives indices best first."""

    def __init__(self, position_weight: float = 1.0, centrality_weight: float = 1.0,
                 title_weight: float = 0.5, redundancy: float = 0.5):
        self.position_weight = position_weight
        self.centrality_weight = centrality_weight
        self.title_weight = title_weight
        self.redundancy = redundancy

    def __call__(self, document: Document) -> list[int]:
        candidates = [s for s in document.sentences if not s.truncated]
        if not candidates:
            return []
        rows = [terms.content_stems(s.text) for s in candidates]
        title_row = terms.content_stems(document.title or "")
        vectors = _matrix(rows + [title_row])
        sentences, title = vectors[:-1], vectors[-1]
        similarity = sentences @ sentences.T
        n = len(candidates)
        centrality = (similarity.sum(axis=1) - 1.0) / max(1, n - 1)
        if centrality.max() > 0:
            centrality = centrality / centrality.max()
        position = 1.0 / np.sqrt(1.0 + np.arange(n))
        relevance = (
            self.position_weight * position
            + self.centrality_weight * centrality
            + self.title_weight * (sentences @ title)
        )
        order: list[int] = []
        chosen = np.zeros(n, dtype=bool)
        best_overlap = np.zeros(n, dtype=np.float32)
        for _ in range(n):
            score = np.where(chosen, -np.inf, relevance - self.redundancy * best_overlap)
            pick = int(np.argmax(score))
            order.append(pick)
            chosen[pick] = True
            best_overlap = np.maximum(best_overlap, similarity[pick])
        return [candidates[i].index for i in order]
