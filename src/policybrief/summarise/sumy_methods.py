"""The sumy methods behind the ranker contract (the only module importing sumy and nltk)."""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
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

from .. import terms
from ..models import Document


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

        with warnings.catch_warnings():  # numpy/sumy warnings on tiny documents are not the user's
            warnings.simplefilter("ignore")
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


def _with_stop_words(cls: type) -> Callable[[], Any]:
    def make() -> Any:
        summarizer = cls(SumyStemmer("english"))
        if hasattr(summarizer, "stop_words"):
            summarizer.stop_words = terms.stop_words()
        return summarizer

    return make


def _edmundson() -> Any:
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
    return summarizer


SUMY_CLASSES: dict[str, Callable[[], Any]] = {
    "lexrank": _with_stop_words(LexRankSummarizer),
    "textrank": _with_stop_words(TextRankSummarizer),
    "lsa": _with_stop_words(LsaSummarizer),
    "luhn": _with_stop_words(LuhnSummarizer),
    "kl": _with_stop_words(KLSummarizer),
    "sumbasic": _with_stop_words(SumBasicSummarizer),
    "reduction": _with_stop_words(ReductionSummarizer),
    "edmundson": _edmundson,
    "random": _with_stop_words(RandomSummarizer),
}


def build(name: str) -> SumyRanker:
    """A sumy method, built with policybrief's stop words and offline tokenizer."""
    return SumyRanker(SUMY_CLASSES[name]())
