"""Summarisers: every registered method ranks, budgets are honoured the same way."""

from __future__ import annotations

import pytest

from policybrief.errors import UsageError
from policybrief.models import Article, Budget
from policybrief.segment import segment, split_articles
from policybrief.summarise import SUMMARISERS, Summariser, get_ranker

SUMY_METHODS = ["lexrank", "textrank", "lsa", "luhn", "kl", "sumbasic", "reduction", "edmundson", "random"]


@pytest.fixture
def seed_document(seed_text: str):
    return segment(split_articles(seed_text, "seed.txt")[0])


def test_registry_holds_every_sumy_method_plus_lead_and_default() -> None:
    assert set(SUMMARISERS) == {"default", "lead", *SUMY_METHODS}


@pytest.mark.parametrize("method", sorted(SUMMARISERS))
def test_every_method_ranks_all_whole_sentences(method: str, seed_document) -> None:
    ranked = Summariser(method).rank(seed_document)
    whole = {s.index for s in seed_document.sentences if not s.truncated}
    assert sorted(ranked) == sorted(whole)
    picks = Summariser(method)(seed_document, Budget(sentences=3))
    assert len(picks) == 3
    assert [s.index for s in picks] == sorted(s.index for s in picks)  # reading order


def test_lead_takes_the_first_sentences(seed_document) -> None:
    picks = Summariser("lead")(seed_document, Budget(sentences=2))
    assert [s.index for s in picks] == [0, 1]


def test_word_budget_never_cuts_a_sentence(seed_document) -> None:
    picks = Summariser("default")(seed_document, Budget(words=60))
    assert sum(len(s.text.split()) for s in picks) <= 60
    texts = {s.text for s in seed_document.sentences}
    assert all(s.text in texts for s in picks)


def test_ratio_budget(seed_document) -> None:
    whole = len([s for s in seed_document.sentences if not s.truncated])
    picks = Summariser("default")(seed_document, Budget(ratio=0.2))
    assert len(picks) == round(0.2 * whole)


def test_truncated_sentence_is_never_picked(seed_text: str) -> None:
    teaser = segment(split_articles(seed_text, "seed.txt")[1])
    for method in SUMMARISERS:
        picks = Summariser(method)(teaser, Budget(sentences=10))
        assert not any(s.truncated for s in picks), method


def test_unknown_method_is_a_usage_error_naming_the_choices() -> None:
    with pytest.raises(UsageError) as caught:
        get_ranker("bogus")
    assert "bogus" in str(caught.value) and "lexrank" in str(caught.value)


def test_tiny_document_exact_selection() -> None:
    article = Article(
        source="t",
        paragraphs=(
            "Taiwan must join export control regimes. Taiwan export control regimes matter.",
            "The weather was mild. Export control regimes protect Taiwan.",
        ),
        title="Taiwan and export control regimes",
    )
    picks = Summariser("default")(segment(article), Budget(sentences=1))
    assert [s.index for s in picks] == [0]


class _FailsOnQuestions:
    """A ranker (as a plugin might be) that fails on a document holding a question."""

    def __call__(self, document):
        if any(s.text.endswith("?") for s in document.sentences):
            raise ValueError("cannot rank questions")
        return [s.index for s in document.sentences]

    def rank_many(self, documents):
        return [self(d) for d in documents]


def test_rank_many_fails_only_the_document_the_method_fails_on(seed_document) -> None:
    from policybrief.errors import SummariseError
    from policybrief.models import Document, Sentence

    asking = Document(Article(source="ask.txt", paragraphs=("Why?",)), (Sentence("Why now?", 1, 0),))
    summariser = Summariser("lead")
    summariser._rank = _FailsOnQuestions()
    ranked = summariser.rank_many([seed_document, asking, seed_document])
    assert ranked[0] == ranked[2] == summariser.rank(seed_document)
    assert isinstance(ranked[1], SummariseError) and "ask.txt" in str(ranked[1].subject)


def test_rank_many_of_the_default_method_is_rank_of_each(seed_text: str) -> None:
    documents = [segment(a) for a in split_articles(seed_text, "seed.txt")]
    summariser = Summariser("default")
    assert summariser.rank_many(documents) == [summariser.rank(d) for d in documents]
