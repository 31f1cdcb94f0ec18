"""Each brief's nearest neighbours: the only pairs grouping ever looks at.

Similarities are computed a block of rows at a time (a sparse product of the block with
every row), and each row keeps its ``NEIGHBOURS`` most similar others above ``FLOOR``: the
memory held is one block's products plus about n × ``NEIGHBOURS`` pairs, however many
briefs there are. A pair left out counts as not similar at all: it is one that neither of
its briefs ranks among its nearest (or that shares almost nothing).
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

NEIGHBOURS = 30
FLOOR = 0.02
BLOCK_CELLS = 4_000_000  # rows × briefs in one block's product, at most


def similar_pairs(vectors: sparse.csr_matrix, neighbours: int = NEIGHBOURS, floor: float = FLOOR
                  ) -> dict[tuple[int, int], float]:
    """{(i, j): cosine} for i < j, each pair in at least one of its rows' ``neighbours``
    most similar at or above ``floor``."""
    n = vectors.shape[0]
    pairs: dict[tuple[int, int], float] = {}
    transposed = sparse.csc_matrix(vectors.T)
    step = max(1, BLOCK_CELLS // max(1, n))
    for start in range(0, n, step):
        block = sparse.csr_matrix(vectors[start:start + step] @ transposed)
        for offset in range(block.shape[0]):
            i = start + offset
            lo, hi = block.indptr[offset], block.indptr[offset + 1]
            columns, values = block.indices[lo:hi], block.data[lo:hi]
            keep = (columns != i) & (values >= floor)
            columns, values = columns[keep], values[keep]
            if len(values) > neighbours:
                top = np.argpartition(-values, neighbours - 1)[:neighbours]
                columns, values = columns[top], values[top]
            for j, value in zip(columns.tolist(), values.tolist(), strict=True):
                pairs[(i, j) if i < j else (j, i)] = value
    return pairs


def row_sums(vectors: sparse.csr_matrix) -> np.ndarray:
    """Each row's summed cosine with every row (itself included), in O(non-zeros)."""
    total = np.asarray(vectors.sum(axis=0)).ravel()
    return np.asarray(vectors @ total).ravel()
