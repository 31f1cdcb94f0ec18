"""Each brief's nearest neighbours: the only pairs grouping ever looks at.

Candidates come from a blocking key: the terms that are rare in the digest. Terms used by
more than ``COMMON_SHARE`` of the briefs (and more than ``COMMON_MIN``) are left out of the
search, so two briefs are candidates only when they share a rarer term, and the search's
sparse products stay sparse however many briefs there are. They are computed a block of
rows at a time, and each row keeps its ``NEIGHBOURS`` best candidates; the cosine of each
kept pair is then computed exactly, on every term, and kept at or above ``FLOOR``. Memory is
one block's products plus about n × ``NEIGHBOURS`` pairs. A pair left out counts as not
similar at all: it shares no rare term, or neither brief ranks the other among its nearest.
"""

from __future__ import annotations

import math

import numpy as np
from scipy import sparse

NEIGHBOURS = 30
FLOOR = 0.02
COMMON_SHARE = 0.05
COMMON_MIN = 100
SCALING_RANK = 2  # local scaling: a brief's level is its second nearest neighbour's similarity
BLOCK_CELLS = 4_000_000  # rows × briefs in one block's product, at most


def similar_pairs(vectors: sparse.csr_matrix, neighbours: int = NEIGHBOURS, floor: float = FLOOR
                  ) -> dict[tuple[int, int], float]:
    """{(i, j): cosine} for i < j: each row's ``neighbours`` best candidates (see the
    module) whose exact cosine is at least ``floor``."""
    n = vectors.shape[0]
    search = _rare_terms(vectors)
    transposed = sparse.csc_matrix(search.T)
    pairs: dict[tuple[int, int], float] = {}
    step = max(1, BLOCK_CELLS // max(1, n))
    for start in range(0, n, step):
        block = sparse.csr_matrix(search[start:start + step] @ transposed)
        rows, columns = _nearest(block, start, neighbours)
        if not len(rows):
            continue
        exact = np.asarray(vectors[rows].multiply(vectors[columns]).sum(axis=1)).ravel()
        for i, j, value in zip(rows.tolist(), columns.tolist(), exact.tolist(), strict=True):
            if value >= floor:
                pairs[(i, j) if i < j else (j, i)] = value
    return pairs


def _rare_terms(vectors: sparse.csr_matrix) -> sparse.csr_matrix:
    """The vectors without the terms too common to tell briefs apart (the blocking key)."""
    n = vectors.shape[0]
    df = np.bincount(vectors.indices, minlength=vectors.shape[1])
    common = df > max(COMMON_MIN, COMMON_SHARE * n)
    if not common.any():
        return vectors
    search = vectors.copy()
    search.data[common[search.indices]] = 0.0
    search.eliminate_zeros()
    return search


def _nearest(block: sparse.csr_matrix, start: int, neighbours: int) -> tuple[np.ndarray, np.ndarray]:
    """(rows, columns) of each block row's ``neighbours`` best other columns."""
    rows: list[np.ndarray] = []
    columns: list[np.ndarray] = []
    for offset in range(block.shape[0]):
        i = start + offset
        lo, hi = block.indptr[offset], block.indptr[offset + 1]
        found, values = block.indices[lo:hi], block.data[lo:hi]
        keep = (found != i) & (values > 0)
        found, values = found[keep], values[keep]
        if len(values) > neighbours:
            found = found[np.argpartition(-values, neighbours - 1)[:neighbours]]
        rows.append(np.full(len(found), i))
        columns.append(found)
    if not rows:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(rows), np.concatenate(columns)


def row_sums(vectors: sparse.csr_matrix) -> np.ndarray:
    """Each row's summed cosine with every row (itself included), in O(non-zeros)."""
    total = np.asarray(vectors.sum(axis=0)).ravel()
    return np.asarray(vectors @ total).ravel()


def local_scaling(n: int, pairs: dict[tuple[int, int], float], threshold: float,
                  rank: int = SCALING_RANK) -> dict[tuple[int, int], float]:
    """The pairs rescaled by the briefs' own neighbourhoods (local scaling, as in
    Schnitzer et al. 2012, 'Local and global scaling reduce hubs in space').

    A brief whose ``rank``-th nearest neighbour is already close (a generic brief that
    resembles many: the same actor's other stories, the month's other jobs report) must be
    closer still to a brief to share its story. Each brief's level ``b`` is that neighbour's
    similarity, never below ``threshold``; a pair's similarity is multiplied by
    sqrt(threshold / sqrt(b_i * b_j)), so it clears ``threshold`` only when it reaches the
    geometric mean of ``threshold`` and the pair's own level. It never rises: an isolated
    brief keeps the global threshold."""
    found: list[list[float]] = [[] for _ in range(n)]
    for (i, j), value in pairs.items():
        found[i].append(value)
        found[j].append(value)
    level = np.array([sorted(f, reverse=True)[rank - 1] if len(f) >= rank else 0.0 for f in found])
    level = np.maximum(level, threshold)
    return {(i, j): value * math.sqrt(threshold / math.sqrt(level[i] * level[j]))
            for (i, j), value in pairs.items()}
