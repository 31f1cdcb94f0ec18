"""The ``default`` method: a lead-aware score from position, forward centrality and the title.

How it ranks (the README paragraph in code form):

* **Position prior** ``(1+i)^-decay``: news puts its point first, op-eds their thesis.
* **Forward centrality** (PacSum's directed centrality with the backward weight at 0):
  the summed tf-idf cosine of a sentence with the sentences *after* it. A sentence that the
  rest of the article elaborates on is a summary sentence; echoes of earlier sentences
  earn nothing. It is computed from per-term suffix sums over the sparse tf-idf entries,
  so it is linear in the article's words and never builds an n×n matrix.
* **Title similarity**: tf-idf cosine with the headline, when there is one.
* **Penalties**: sentences under ``short_words`` words (fragments, captions, "Sounds
  simple, right?") and questions (rhetorical, rarely a summary).
* **Redundancy** (MMR over the ``mmr_candidates`` best): a candidate loses ``redundancy``
  times its highest cosine with a sentence already picked.

Pure numpy over the shared term processing in ``terms``; no sumy, no per-pair loops.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

import numpy as np

from . import terms
from .models import Document, Sentence

QUESTION_ENDINGS = ("?", "?'", '?"', "?”", "?’", "?)")
_DENSE_LIMIT = 20_000  # cells: a document this small is cheaper to make dense whole (160 kB)


@dataclass(frozen=True)
class TermTable:
    """The sentences' tf-idf vectors as sparse entries, one per (term, sentence) pair.

    Entries are sorted by term, then sentence; ``weight`` is unit-normalised per sentence,
    so summing products of two sentences' weights over shared terms gives their cosine.
    ``title`` is the headline's unit tf-idf vector, dense over the term ids.
    """

    sentence: np.ndarray
    term: np.ndarray
    weight: np.ndarray
    vocabulary: int
    sentences: int
    title: np.ndarray

    def dot(self, dense: np.ndarray) -> np.ndarray:
        """Each sentence's dot product with a dense term vector."""
        return np.bincount(self.sentence, self.weight * dense[self.term],
                           minlength=self.sentences)

    def similarity(self, rows: np.ndarray) -> np.ndarray:
        """The cosine matrix of a few sentences (``rows``): k×k, built from k dense rows.

        A small document is made dense whole and the rows picked from it (fewer numpy
        calls, the same k dense rows for the product); a large one row by row.
        """
        if self.sentences * self.vocabulary <= _DENSE_LIMIT:
            dense = np.zeros((self.sentences, self.vocabulary))
            dense[self.sentence, self.term] = self.weight
            picked = dense[rows]
            return picked @ picked.T
        slot = np.full(self.sentences, -1)
        slot[rows] = np.arange(len(rows))
        keep = slot[self.sentence] >= 0
        dense = np.zeros((len(rows), self.vocabulary))
        dense[slot[self.sentence[keep]], self.term[keep]] = self.weight[keep]
        return dense @ dense.T


def term_table(sentence_tokens: list[list[str]], title_tokens: list[str]) -> TermTable:
    """tf-idf with the article's sentences as the collection: idf = ln((1+n)/(1+df)) + 1.

    The title is row ``n`` while the entries are built, so its terms share the ids; it is
    left out of the document frequencies and then split off as a dense vector. A title
    word absent from the article gets df 0 and still counts in the title's norm.

    A news article has ~20 sentences and ~300 entries, so the cost is the number of numpy
    calls, not their work: each (stem, row) pair is one integer key, and one sort of the
    keys gives the entries in order with their counts.
    """
    n = len(sentence_tokens)
    m = n + 1
    counts = [*map(len, sentence_tokens), len(title_tokens)]
    codes = terms.token_codes([*chain.from_iterable(sentence_tokens), *title_tokens])
    code = np.fromiter(codes, np.int64, len(codes))
    keys = (code * m + np.repeat(_rows(m), counts))[code >= 0]
    if code.size and code.min() < -1:  # tokens holding several content words
        keys = _with_several(keys, codes, counts, m)
    keys.sort()
    if keys.size == 0:
        return TermTable(keys, keys, np.zeros(0), 1, n, np.zeros(1))
    first = np.empty(keys.size, dtype=bool)  # the first of each run of equal keys
    first[0] = True
    np.not_equal(keys[1:], keys[:-1], out=first[1:])
    tf = np.bincount(np.cumsum(first))[1:]
    stem, row = np.divmod(keys[first], m)
    new_term = np.empty(stem.size, dtype=bool)
    new_term[0] = False
    np.not_equal(stem[1:], stem[:-1], out=new_term[1:])
    term = np.cumsum(new_term)
    size = int(term[-1]) + 1
    if not title_tokens:
        in_text = None
        idf = _idf(n)[np.bincount(term, minlength=size)]
    else:
        in_text = row < n
        idf = _idf(n)[np.bincount(term[in_text], minlength=size)]
    weight = tf * idf[term]
    norms = np.sqrt(np.bincount(row, weight * weight, minlength=m))
    weight = weight / norms[row]  # every row with an entry has a positive norm
    title = np.zeros(size)
    if in_text is None:
        return TermTable(row, term, weight, size, n, title)
    title[term[~in_text]] = weight[~in_text]
    return TermTable(row[in_text], term[in_text], weight[in_text], size, n, title)


@lru_cache(maxsize=64)
def _rows(m: int) -> np.ndarray:
    rows = np.arange(m)
    rows.flags.writeable = False
    return rows


@lru_cache(maxsize=1024)
def _idf(n: int) -> np.ndarray:
    """``idf[df]`` for df <= n: the formula over every df at once, same bits per element."""
    idf = np.log((1.0 + n) / (1.0 + np.arange(n + 1))) + 1.0
    idf.flags.writeable = False
    return idf


def _with_several(keys: np.ndarray, codes: list[int], counts: list[int], m: int) -> np.ndarray:
    """The keys plus one per content word of the rare tokens holding several."""
    owner = np.repeat(_rows(m), counts)
    extra = [stem * m + int(owner[p]) for p, code in enumerate(codes) if code < -1
             for stem in terms.several(code)]
    return np.concatenate((keys, np.array(extra, dtype=np.int64)))


def forward_centrality(table: TermTable) -> np.ndarray:
    """Sum over later sentences j > i of cos(i, j), from per-term suffix sums: O(entries).

    Within a term the entries run in sentence order, so the term's total weight minus the
    running sum up to and including an entry is that term's weight in the later sentences.
    """
    if table.weight.size == 0:
        return np.zeros(table.sentences)
    cumulative = np.empty(table.weight.size + 1)  # 0, then the running sums
    cumulative[0] = 0.0
    running = np.cumsum(table.weight, out=cumulative[1:])
    before = cumulative[np.searchsorted(table.term, _rows(table.vocabulary))]
    totals = np.bincount(table.term, table.weight, minlength=table.vocabulary)
    within = running - before[table.term]
    after = totals[table.term] - within
    return np.bincount(table.sentence, table.weight * after, minlength=table.sentences)


@lru_cache(maxsize=1024)
def _position_prior(n: int, decay: float) -> np.ndarray:
    """``(1+i)^-decay`` for i < n: the same few lengths recur, so it is computed once each."""
    prior = (1.0 + np.arange(n)) ** -decay
    prior.flags.writeable = False
    return prior


def _unit_range(values: np.ndarray) -> np.ndarray:
    spread = float(values.max() - values.min()) if values.size else 0.0
    return (values - values.min()) / spread if spread > 0 else np.zeros_like(values)


class DefaultRanker:
    """Built once with its weights; called per document, gives indices best first.

    The defaults were tuned on the CNN/DailyMail and BBC development sets (see the
    README's results table); every weight is a plain number so the score stays explainable.
    """

    def __init__(self, position_weight: float = 1.0, position_decay: float = 0.4,
                 centrality_weight: float = 0.7, title_weight: float = 1.0,
                 redundancy: float = 0.2,
                 short_words: int = 10, short_penalty: float = 0.5,
                 question_penalty: float = 1.0, mmr_candidates: int = 10):
        self.position_weight = position_weight
        self.position_decay = position_decay
        self.centrality_weight = centrality_weight
        self.title_weight = title_weight
        self.redundancy = redundancy
        self.short_words = short_words
        self.short_penalty = short_penalty
        self.question_penalty = question_penalty
        self.mmr_candidates = mmr_candidates

    def __call__(self, document: Document) -> list[int]:
        candidates = [s for s in document.sentences if not s.truncated]
        if not candidates:
            return []
        tokens = [s.text.split() for s in candidates]
        table = term_table(tokens, (document.title or "").split())
        relevance = self.relevance(candidates, tokens, table)
        order = self._mmr(relevance, table)
        return [candidates[i].index for i in order]

    def relevance(self, candidates: list[Sentence], tokens: list[list[str]],
                  table: TermTable) -> np.ndarray:
        """Each candidate's score before redundancy control (higher is better)."""
        n = len(candidates)
        short = np.fromiter(map(len, tokens), float, n) < self.short_words
        questions = np.array([s.text.endswith(QUESTION_ENDINGS) for s in candidates])
        return (
            self.position_weight * _position_prior(n, self.position_decay)
            + self.centrality_weight * _unit_range(forward_centrality(table))
            + self.title_weight * table.dot(table.title)
            - self.short_penalty * short
            - self.question_penalty * questions
        )

    def _mmr(self, relevance: np.ndarray, table: TermTable) -> list[int]:
        """Greedy MMR over the best ``mmr_candidates``, then the rest by relevance."""
        by_relevance = np.argsort(-relevance, kind="stable")
        if self.redundancy <= 0 or len(relevance) < 2:
            return by_relevance.tolist()
        pool = by_relevance[: self.mmr_candidates].tolist()
        similarity = table.similarity(np.array(pool)).tolist()
        base = relevance[pool].tolist()
        overlap = [0.0] * len(pool)
        left = list(range(len(pool)))
        picked: list[int] = []
        while len(left) > 1:
            scores = [base[k] - self.redundancy * overlap[k] for k in left]
            slot = left.pop(scores.index(max(scores)))
            picked.append(slot)
            overlap = [s if s > o else o for o, s in zip(overlap, similarity[slot], strict=True)]
        picked.extend(left)
        return [pool[k] for k in picked] + by_relevance[self.mmr_candidates:].tolist()
