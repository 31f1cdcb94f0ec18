"""The ``default`` method: a lead-aware score from position, forward centrality and the title.

How it ranks (the README paragraph in code form):

* **Position prior** ``(1+i)^-decay``: news puts its point first, op-eds their thesis.
* **Forward centrality** (PacSum's directed centrality with the backward weight at 0):
  the summed tf-idf cosine of a sentence with the sentences *after* it. A sentence that the
  rest of the article elaborates on is a summary sentence; echoes of earlier sentences
  earn nothing. It is computed from per-term suffix sums over the sparse tf-idf entries
  (O(entries · log df), a segmented scan), so it never builds an n×n matrix.
* **Title similarity**: tf-idf cosine with the headline, when there is one.
* **Penalties**: sentences under ``short_words`` words (fragments, captions, "Sounds
  simple, right?") and questions (rhetorical, rarely a summary). A sentence over
  ``long_words`` words loses a share of the short penalty that grows with its excess,
  the whole of it from twice that length: such a "sentence" is most often several run
  together where the text has no punctuation between them (picture captions, lists), and
  under a sentence budget it costs a summary the room of two or three.
* **Redundancy** (MMR over the ``mmr_candidates`` best): a candidate loses ``redundancy``
  times its highest cosine with a sentence already picked.

Pure numpy over the shared term processing in ``terms``; no sumy, no per-pair loops.

A news article has ~20 sentences and ~300 tf-idf entries, so ranking one costs the number
of numpy calls, not their work. ``DefaultRanker.rank_many`` therefore ranks a batch of
documents with one set of calls: the documents' entries sit side by side, every term id
belongs to one document, and every sum is taken per sentence, per term or per document
in an order that depends only on that document. So a document's scores are the same,
bit for bit, alone or in any batch (a test checks it). They can differ in the last bits
between processes: the order of a sentence's terms follows the stem ids, which follow the
order in which a process met the words (the rankings did not differ in our checks).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain, pairwise, repeat

import numpy as np

from .. import terms
from ..models import Document, Sentence

QUESTION_ENDINGS = ("?", "?'", '?"', "?”", "?’", "?)", "？", "？」", "？』", "？）", "？”")


@dataclass(frozen=True)
class TermTable:
    """The sentences' tf-idf vectors, for one document or a batch, as sparse entries.

    One entry per (term, sentence) pair, sorted by term then sentence. A term is one stem
    in one document (the same stem in two documents is two terms), so the entries of a
    term are contiguous and in reading order. ``weight`` is unit-normalised per sentence:
    summing products of two sentences' weights over shared terms gives their cosine.
    ``sentence`` numbers the sentences of the batch in order; document ``d`` owns
    sentences ``starts[d]`` to ``starts[d+1]``. ``title`` is each document's headline
    vector, dense over the term ids (zeros where a document has none).
    """

    sentence: np.ndarray
    term: np.ndarray
    weight: np.ndarray
    title: np.ndarray
    starts: np.ndarray
    lengths: np.ndarray  # each sentence's whitespace-delimited tokens (content or not)

    @property
    def sentences(self) -> int:
        return int(self.starts[-1])

    def dot(self, dense: np.ndarray) -> np.ndarray:
        """Each sentence's dot product with a dense term vector."""
        return np.bincount(self.sentence, self.weight * dense[self.term], minlength=self.sentences)

    def shared(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(i, j, product)`` for each term two of ``rows`` share (both orders, i == j too).

        ``i`` and ``j`` index ``rows``; summing the products of a pair gives its cosine.
        """
        slot = np.full(self.sentences, -1)
        slot[rows] = np.arange(len(rows))
        keep = slot[self.sentence] >= 0
        term, owner, weight = self.term[keep], slot[self.sentence[keep]], self.weight[keep]
        if term.size == 0:
            return owner, owner, weight
        run = _run_starts(term)
        starts = np.flatnonzero(run)
        sizes = np.diff(np.append(starts, term.size))
        per_entry = np.repeat(sizes, sizes)  # each entry pairs with every entry of its term
        left = np.repeat(np.arange(term.size), per_entry)
        offset = np.arange(left.size) - np.repeat(np.cumsum(per_entry) - per_entry, per_entry)
        right = np.repeat(np.repeat(starts, sizes), per_entry) + offset
        return owner[left], owner[right], weight[left] * weight[right]

    def similarity(self, rows: np.ndarray) -> np.ndarray:
        """The k×k cosine matrix of k sentences (``rows``)."""
        k = len(rows)
        i, j, product = self.shared(np.asarray(rows))
        return np.bincount(i * k + j, product, minlength=k * k).reshape(k, k)


def _run_starts(values: np.ndarray) -> np.ndarray:
    """True where a run of equal values begins (``values`` non-empty)."""
    first = np.empty(values.size, dtype=bool)
    first[0] = True
    np.not_equal(values[1:], values[:-1], out=first[1:])
    return first


def term_table(documents: Sequence[tuple[Sequence[str], str]]) -> TermTable:
    """tf-idf per document, with its sentences as the collection: idf = ln((1+n)/(1+df)) + 1.

    ``documents`` holds each document's sentence texts and title text (``""`` for none);
    their terms are the content stems of the whitespace-delimited tokens. Each title is a
    row of its own while the entries are built, so its terms share the ids; it is left out
    of the document frequencies and then split off as the dense ``title`` vector. A title
    word absent from the article gets df 0 and still counts in the title's norm.

    All the rows' tokens are coded in one pass (``terms.text_codes``: row breaks between
    them). Each (stem, row) pair is one integer key over the batch's rows; one sort of the
    keys gives the entries in order with their counts.
    """
    sizes = [len(texts) for texts, _ in documents]
    n = np.array(sizes, dtype=np.int64)
    starts = np.zeros(len(sizes) + 1, dtype=np.int64)
    np.cumsum(n, out=starts[1:])
    rows = int(starts[-1]) + len(sizes)  # sentences plus one title row per document
    is_title = np.zeros(rows, dtype=bool)
    is_title[starts[1:] + np.arange(len(sizes))] = True
    documents_of_rows = np.repeat(np.arange(len(sizes)), n + 1)
    codes = terms.text_codes([*chain.from_iterable((*texts, title) for texts, title in documents)])
    code = np.fromiter(codes, np.int64, len(codes))
    breaks = code == terms.ROW_BREAK
    row_of_token = np.cumsum(breaks)
    lengths = np.bincount(row_of_token[~breaks], minlength=rows)[~is_title]
    keys = (code * rows + row_of_token)[code >= 0]
    if code.size and code.min() < terms.ROW_BREAK:  # tokens holding several content words
        keys = _with_several(keys, code, row_of_token, rows)
    if keys.size == 0:
        empty = np.zeros(0, dtype=np.int64)
        return TermTable(empty, empty, np.zeros(0), np.zeros(0), starts, lengths)
    keys.sort()
    first = _run_starts(keys)
    tf = np.diff(np.append(np.flatnonzero(first), keys.size))
    stem, row = np.divmod(keys[first], rows)
    document = documents_of_rows[row]
    new_term = np.empty(stem.size, dtype=bool)
    new_term[0] = False
    np.logical_or(stem[1:] != stem[:-1], document[1:] != document[:-1], out=new_term[1:])
    term = np.cumsum(new_term)
    vocabulary = int(term[-1]) + 1
    in_text = ~is_title[row]
    df = np.bincount(term[in_text], minlength=vocabulary)
    idf = np.log((1.0 + n[document]) / (1.0 + df[term])) + 1.0
    weight = tf * idf
    norms = np.sqrt(np.bincount(row, weight * weight, minlength=rows))
    weight = weight / norms[row]  # every row with an entry has a positive norm
    title = np.zeros(vocabulary)
    title[term[~in_text]] = weight[~in_text]
    sentence = row[in_text] - documents_of_rows[row[in_text]]  # rows less the titles before
    return TermTable(sentence, term[in_text], weight[in_text], title, starts, lengths)


def _with_several(keys: np.ndarray, code: np.ndarray, owner: np.ndarray, rows: int) -> np.ndarray:
    """The keys plus one per content word of the rare tokens holding several."""
    extra = [stem * rows + int(owner[p]) for p in np.flatnonzero(code < terms.ROW_BREAK).tolist()
             for stem in terms.several(int(code[p]))]
    return np.concatenate((keys, np.array(extra, dtype=np.int64)))


def forward_centrality(table: TermTable) -> np.ndarray:
    """Sum over later sentences j > i (same document) of cos(i, j): O(entries log df).

    A term's entries run in sentence order, so each entry's share is its weight times the
    term's weight in the later sentences: the sum of the entries after it in the term's run.
    """
    if table.weight.size == 0:
        return np.zeros(table.sentences)
    later = _later_in_run(table.weight, _run_starts(table.term))
    return np.bincount(table.sentence, table.weight * later, minlength=table.sentences)


def _later_in_run(values: np.ndarray, first: np.ndarray) -> np.ndarray:
    """For each element, the sum of the elements after it in its run (0 for a run's last).

    A segmented scan by doubling, from the end: each sum is built from its own run's
    values only, in an order fixed by its position, so it never depends on other runs
    (unlike a cumulative sum over everything, less a run's start).
    """
    size = values.size
    last = np.empty(size, dtype=bool)  # True where a run ends
    last[-1] = True
    last[:-1] = first[1:]
    run_end = np.flatnonzero(last)
    to_end = np.repeat(run_end, np.diff(np.append(-1, run_end))) - np.arange(size)
    suffix = values.copy()  # suffix sums including the element itself
    step = 1
    longest = int(to_end.max())
    while step <= longest:
        reach = np.flatnonzero(to_end >= step)
        suffix[reach] = suffix[reach] + suffix[reach + step]
        step *= 2
    later = np.zeros(size)
    inner = np.flatnonzero(~last)
    later[inner] = suffix[inner + 1]
    return later


class DefaultRanker:
    """Built once with its weights; called per document (or ``rank_many`` per batch),
    gives sentence indices best first.

    The defaults were tuned on the CNN/DailyMail and BBC development sets (see the
    README's results table); every weight is a plain number so the score stays explainable.
    """

    def __init__(self, position_weight: float = 1.0, position_decay: float = 0.4,
                 centrality_weight: float = 0.7, title_weight: float = 1.0,
                 redundancy: float = 0.2,
                 short_words: int = 10, short_penalty: float = 0.5, long_words: int = 40,
                 question_penalty: float = 1.0, mmr_candidates: int = 10):
        self.position_weight = position_weight
        self.position_decay = position_decay
        self.centrality_weight = centrality_weight
        self.title_weight = title_weight
        self.redundancy = redundancy
        self.short_words = short_words
        self.short_penalty = short_penalty
        self.long_words = long_words
        self.question_penalty = question_penalty
        self.mmr_candidates = mmr_candidates

    def __call__(self, document: Document) -> list[int]:
        return self.rank_many([document])[0]

    def rank_many(self, documents: Sequence[Document]) -> list[list[int]]:
        """Each document's ranking, computed for the whole batch at once."""
        candidates = [[s for s in d.sentences if not s.truncated] for d in documents]
        ranked: list[list[int]] = [[] for _ in documents]
        busy = [k for k, found in enumerate(candidates) if found]
        if not busy:
            return ranked
        table = term_table([([s.text for s in candidates[k]], documents[k].title or "") for k in busy])
        sentences = [s for k in busy for s in candidates[k]]
        relevance = self.relevance(sentences, table)
        for k, order in zip(busy, self._mmr(relevance, table), strict=True):
            ranked[k] = [candidates[k][i].index for i in order]
        return ranked

    def relevance(self, sentences: list[Sentence], table: TermTable) -> np.ndarray:
        """Each sentence's score before redundancy control (higher is better).

        Every document of ``table`` must hold a sentence (``rank_many`` leaves out those
        with none).
        """
        n = len(sentences)
        starts = table.starts[:-1]
        owner = np.repeat(np.arange(starts.size), np.diff(table.starts))
        position = np.arange(n) - starts[owner]
        short = table.lengths < self.short_words
        texts = [s.text for s in sentences]
        questions = np.fromiter(map(str.endswith, texts, repeat(QUESTION_ENDINGS, n)), bool, n)
        long = np.clip(table.lengths / max(self.long_words, 1) - 1.0, 0.0, 1.0)
        return (
            self.position_weight * (1.0 + position) ** -self.position_decay
            + self.centrality_weight * _unit_range(forward_centrality(table), starts, owner)
            + self.title_weight * table.dot(table.title)
            - self.short_penalty * short
            - self.short_penalty * long
            - self.question_penalty * questions
        )

    def _mmr(self, relevance: np.ndarray, table: TermTable) -> list[list[int]]:
        """Per document: greedy MMR over its best ``mmr_candidates``, then the rest by relevance.

        Each step picks the candidate with the best relevance less ``redundancy`` times its
        highest cosine with a pick. The candidates' cosines come from the sparse entries
        (no dense rows); a batch of documents steps together in numpy, a few in Python.
        """
        starts = table.starts
        sizes = np.diff(starts)
        owner = np.repeat(np.arange(sizes.size), sizes)
        order = np.lexsort((-relevance, owner))  # per document, best first; stable
        rank = np.arange(order.size) - starts[owner]
        by_relevance = (order - starts[owner[order]]).tolist()
        bounds = starts.tolist()
        width = min(self.mmr_candidates, int(sizes.max()))
        if self.redundancy <= 0 or width < 2:
            return [by_relevance[a:b] for a, b in pairwise(bounds)]
        in_pool = rank < width
        pool, pool_owner, slot = order[in_pool], owner[in_pool], rank[in_pool]
        base = np.full((sizes.size, width), -np.inf)
        base[pool_owner, slot] = relevance[pool]
        i, j, product = table.shared(pool)
        flat = (pool_owner[i] * width + slot[i]) * width + slot[j]
        similarity = np.bincount(flat, product, minlength=base.size * width).reshape(-1, width, width)
        if sizes.size < _STEP_TOGETHER:
            picks = [_greedy(b, s, self.redundancy, min(width, int(k)))
                     for b, s, k in zip(base.tolist(), similarity.tolist(), sizes, strict=True)]
        else:
            picks = self._greedy_together(base, similarity)
        result = []
        for d, (a, b) in enumerate(pairwise(bounds)):
            ranked = by_relevance[a:b]
            kept = min(width, b - a)
            result.append([ranked[p] for p in picks[d][:kept]] + ranked[kept:])
        return result

    def _greedy_together(self, base: np.ndarray, similarity: np.ndarray) -> list[list[int]]:
        """``_greedy`` in every document at once (rows of ``base``; padding is -inf)."""
        overlap = np.zeros_like(base)
        picked = np.zeros(base.shape, dtype=bool)
        every = np.arange(base.shape[0])
        steps = []
        for _ in range(base.shape[1]):
            scores = base - self.redundancy * overlap
            scores[picked] = -np.inf
            best = scores.argmax(axis=1)
            steps.append(best)
            picked[every, best] = True
            np.maximum(overlap, similarity[every, best], out=overlap)
        picks: list[list[int]] = np.array(steps).T.tolist()
        return picks


_STEP_TOGETHER = 8  # documents: from this many, numpy steps them together; fewer, Python loops


def _greedy(
    base: Sequence[float], similarity: Sequence[Sequence[float]], redundancy: float, size: int
) -> list[int]:
    """Greedy MMR over one document's ``size`` candidates: the slots in pick order.

    The same arithmetic as ``_greedy_together``, so both give the same picks.
    """
    overlap = [0.0] * size
    left = list(range(size))
    picked: list[int] = []
    while len(left) > 1:
        scores = [base[k] - redundancy * overlap[k] for k in left]
        slot = left.pop(scores.index(max(scores)))
        picked.append(slot)
        overlap = [s if s > o else o for o, s in zip(overlap, similarity[slot][:size], strict=True)]
    picked.extend(left)
    return picked


def _unit_range(values: np.ndarray, starts: np.ndarray, owner: np.ndarray) -> np.ndarray:
    """Each document's values scaled to [0, 1]; all zeros where they are all equal."""
    if values.size == 0:
        return values
    low = np.minimum.reduceat(values, starts)
    spread = np.maximum.reduceat(values, starts) - low
    scaled = (values - low[owner]) / np.where(spread > 0, spread, 1.0)[owner]
    return np.where(spread[owner] > 0, scaled, 0.0)
