"""Rank and select sentences: the registry of methods (the summarise stage).

Every method is a *ranker*: built once with all its options, then called on a
``Document`` to give the indices of its sentences, best first. A ranker may also offer
``rank_many``, ranking a batch of documents at once, as the default one does. ``select``
cuts a ranking to a ``Budget`` and returns the picks in reading order, so every method
honours ``--sentences``, ``--words`` and ``--ratio`` the same way and no caller
special-cases one.

sumy and nltk are imported only by ``summarise.sumy_methods``, and only when a sumy method
is built: importing nltk costs over a second, which the default path never pays.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..errors import SummariseError, UsageError
from ..models import DEFAULT_SENTENCES, Budget, Document, Sentence

Ranker = Callable[[Document], Sequence[int]]


@dataclass(frozen=True)
class Method:
    description: str
    make: Callable[[], Ranker]


def _sumy(name: str) -> Callable[[], Ranker]:
    def make() -> Ranker:
        from . import sumy_methods

        return sumy_methods.build(name)

    return make


def _default() -> Ranker:
    from .ranking import DefaultRanker  # numpy loads only when a document is ranked

    return DefaultRanker()


def _lead() -> Ranker:
    return lambda document: [s.index for s in document.sentences]


SUMMARISERS: dict[str, Method] = {
    "default": Method(
        "policybrief's own: position prior, forward (PacSum) centrality, title similarity, "
        "short/question penalties, MMR (fast, numpy)",
        _default,
    ),
    "lead": Method("the first sentences, in order (the classic news baseline)", _lead),
    "lexrank": Method("sumy LexRank: eigenvector centrality of a sentence graph", _sumy("lexrank")),
    "textrank": Method("sumy TextRank: PageRank over sentence overlap", _sumy("textrank")),
    "lsa": Method("sumy LSA: latent semantic analysis (SVD)", _sumy("lsa")),
    "luhn": Method("sumy Luhn: clusters of significant words", _sumy("luhn")),
    "kl": Method("sumy KL-Sum: greedy KL divergence to the document", _sumy("kl")),
    "sumbasic": Method("sumy SumBasic: word probability, greedy", _sumy("sumbasic")),
    "reduction": Method("sumy Reduction: graph of sentence similarity", _sumy("reduction")),
    "edmundson": Method("sumy Edmundson: policy cue words, title words and location", _sumy("edmundson")),
    "random": Method("sumy Random: a random pick (a floor for comparisons)", _sumy("random")),
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

    def rank_many(self, documents: Sequence[Document]) -> list[list[int] | SummariseError]:
        """``rank`` of each document, as one batch where the method can (much faster for
        ``default``: see ``ranking``). A document the method fails on as ``rank`` reports
        (ValueError, ArithmeticError) gets its ``SummariseError``; the others are ranked."""
        together = getattr(self._rank, "rank_many", None)
        if together is not None:
            whole = [any(not s.truncated for s in d.sentences) for d in documents]
            try:
                ranked = iter(together([d for d, w in zip(documents, whole, strict=True) if w]))
                return [list(next(ranked)) if w else [] for w in whole]
            except (ValueError, ZeroDivisionError, ArithmeticError):
                pass  # rank one by one, so only the failing document fails
        return [self._rank_or_error(document) for document in documents]

    def _rank_or_error(self, document: Document) -> list[int] | SummariseError:
        try:
            return self.rank(document)
        except SummariseError as exc:
            return exc

    def __call__(self, document: Document, budget: Budget | None = None) -> tuple[Sentence, ...]:
        return select(document, self.rank(document), budget or Budget())
