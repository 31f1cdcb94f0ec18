"""Rank and select sentences: the registry of methods, and the only module importing sumy.

Every method is a *ranker*: built once with all its options, then called on a
``Document`` to give the indices of its sentences, best first. ``summarise`` cuts that
ranking to a ``Budget`` and returns the picks in reading order, so every method honours
``--sentences``, ``--words`` and ``--ratio`` the same way and no caller special-cases one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from nltk.tokenize import NLTKWordTokenizer
from sumy.models.dom import ObjectDocumentModel, Paragraph
from sumy.models.dom import Sentence as SumySentence
from sumy.nlp.stemmers import Stemmer as SumyStemmer
from sumy.summarizers.edmundson import EdmundsonSummarizer
from sumy.summarizers.kl import KLSummarizer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.luhn import LuhnSummarizer
from sumy.summarizers.random import RandomSummarizer
from sumy.summarizers.reduction import ReductionSummarizer
from sumy.summarizers.sum_basic import SumBasicSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer

from . import ranking, terms
from .errors import SummariseError, UsageError
from .models import Budget, Document, Sentence

Ranker = Callable[[Document], Sequence[int]]

DEFAULT_SENTENCES = 3


@dataclass(frozen=True)
class Method:
    description: str
    make: Callable[[], Ranker]


class _SumyWords:
    """sumy's word tokenizer contract, offline: Treebank-style tokens, words only."""

    _word = re.compile(r"^[^\W\d_](?:[^\W\d_]|['-])*$", re.UNICODE)
    _tokenizer = NLTKWordTokenizer()
    language = "english"

    def to_words(self, text: str) -> tuple[str, ...]:
        return tuple(w for w in self._tokenizer.tokenize(text) if self._word.search(w))


class SumyRanker:
    """Adapts a sumy summarizer to the ranker contract.

    sumy sorts sentences by its rating and then calls ``count`` on the sorted list when
    ``count`` is callable; capturing that list gives the method's full ranking.
    """

    _words = _SumyWords()

    def __init__(self, summarizer: Any):
        self._summarizer = summarizer

    def __call__(self, document: Document) -> list[int]:
        model, index_of = self._model(document)
        ranked: list[int] = []

        def capture(infos: list[Any]) -> list[Any]:
            ranked.extend(index_of[id(info.sentence)] for info in infos)
            return infos

        self._summarizer(model, capture)
        return ranked

    def _model(self, document: Document) -> tuple[ObjectDocumentModel, dict[int, int]]:
        index_of: dict[int, int] = {}
        paragraphs: dict[int, list[SumySentence]] = {}
        for sentence in document.sentences:
            if sentence.truncated:
                continue
            sumy_sentence = SumySentence(sentence.text, self._words)
            index_of[id(sumy_sentence)] = sentence.index
            paragraphs.setdefault(sentence.paragraph, []).append(sumy_sentence)
        blocks = [Paragraph(sentences) for sentences in paragraphs.values()]
        if document.title and blocks:
            heading = SumySentence(document.title, self._words, is_heading=True)
            blocks[0] = Paragraph([heading, *blocks[0].sentences])
        return ObjectDocumentModel(blocks), index_of


POLICY_CUE_WORDS = [
    "should",
    "must",
    "need",
    "needs",
    "urge",
    "urges",
    "recommend",
    "recommends",
    "important",
    "significant",
    "crucial",
    "key",
    "therefore",
    "thus",
    "priority",
    "essential",
    "critical",
    "policy",
    "strategy",
    "require",
    "requires",
    "warn",
    "warns",
    "propose",
    "proposes",
    "conclude",
]
POLICY_STIGMA_WORDS = ["perhaps", "maybe", "reportedly", "allegedly", "hardly", "somewhat", "meanwhile"]


def _sumy(cls: type, **options: Any) -> Callable[[], Ranker]:
    def make() -> Ranker:
        stop_words = terms.stop_words()
        summarizer = cls(SumyStemmer("english"), **options)
        if hasattr(summarizer, "stop_words"):
            summarizer.stop_words = stop_words
        return SumyRanker(summarizer)

    return make


def _edmundson() -> Ranker:
    summarizer = EdmundsonSummarizer(
        SumyStemmer("english"),
        cue_weight=1.0,
        key_weight=0.0,
        title_weight=1.0,
        location_weight=1.0,
    )
    summarizer.bonus_words = POLICY_CUE_WORDS
    summarizer.stigma_words = POLICY_STIGMA_WORDS
    summarizer.null_words = terms.stop_words()
    return SumyRanker(summarizer)


def _lead() -> Ranker:
    return lambda document: [s.index for s in document.sentences]


SUMMARISERS: dict[str, Method] = {
    "default": Method(
        "policybrief's own: position prior, centrality, title and key-phrase similarity, "
        "redundancy control (fast, numpy)",
        lambda: ranking.DefaultRanker(),
    ),
    "lead": Method("the first sentences, in order (the classic news baseline)", _lead),
    "lexrank": Method("sumy LexRank: eigenvector centrality of a sentence graph", _sumy(LexRankSummarizer)),
    "textrank": Method("sumy TextRank: PageRank over sentence overlap", _sumy(TextRankSummarizer)),
    "lsa": Method("sumy LSA: latent semantic analysis (SVD)", _sumy(LsaSummarizer)),
    "luhn": Method("sumy Luhn: clusters of significant words", _sumy(LuhnSummarizer)),
    "kl": Method("sumy KL-Sum: greedy KL divergence to the document", _sumy(KLSummarizer)),
    "sumbasic": Method("sumy SumBasic: word probability, greedy", _sumy(SumBasicSummarizer)),
    "reduction": Method("sumy Reduction: graph of sentence similarity", _sumy(ReductionSummarizer)),
    "edmundson": Method("sumy Edmundson: policy cue words, title words and location", _edmundson),
    "random": Method("sumy Random: a random pick (a floor for comparisons)", _sumy(RandomSummarizer)),
}


def get_ranker(method: str) -> Ranker:
    try:
        entry = SUMMARISERS[method]
    except KeyError:
        known = ", ".join(SUMMARISERS)
        raise UsageError(
            f"unknown method {method!r}", hint=f"choose one of: {known}; see 'policybrief methods'"
        ) from None
    return entry.make()


def select(document: Document, ranked: Sequence[int], budget: Budget) -> tuple[Sentence, ...]:
    """The ranked sentences that fit the budget, in reading order. Never cuts a sentence."""
    candidates = [document.sentences[i] for i in ranked if not document.sentences[i].truncated]
    if budget.words is not None:
        chosen, used = [], 0
        for sentence in candidates:
            length = len(sentence.text.split())
            if used + length <= budget.words:
                chosen.append(sentence)
                used += length
    else:
        if budget.ratio is not None:
            whole = sum(1 for s in document.sentences if not s.truncated)
            count = max(1, round(budget.ratio * whole))
        else:
            count = budget.sentences if budget.sentences is not None else DEFAULT_SENTENCES
        chosen = candidates[:count]
    return tuple(sorted(chosen, key=lambda s: s.index))


class Summariser:
    """A method built once, then called per document: ``summariser(document, budget)``."""

    def __init__(self, method: str = "default"):
        self.method = method
        self._rank = get_ranker(method)

    def rank(self, document: Document) -> list[int]:
        if not any(not s.truncated for s in document.sentences):
            return []
        try:
            return list(self._rank(document))
        except (ValueError, ZeroDivisionError, ArithmeticError) as exc:
            raise SummariseError(
                f"method {self.method!r} failed: {exc}",
                subject=document.article.source,
                hint="try another --method, e.g. 'default' or 'lead'",
            ) from exc

    def __call__(self, document: Document, budget: Budget | None = None) -> tuple[Sentence, ...]:
        return select(document, self.rank(document), budget or Budget())
