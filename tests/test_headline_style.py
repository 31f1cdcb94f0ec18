"""Headline style for made titles: surnames, a subject's own news, the present tense."""

from __future__ import annotations

import pytest

from policybrief.brief.headline_style import without_own_attribution
from policybrief.brief.tense import in_present, present
from policybrief.brief.titles import made_title


@pytest.mark.parametrize(("words", "expected"), [
    ("Acme Foods announced it cutting 300 jobs", "Acme Foods cutting 300 jobs"),
    ("Harbour board confirmed they to sell ferry", "Harbour board to sell ferry"),
    ("Minister says she will not resign", "Minister will not resign"),
    # another speaker's news, or a verb that does not pass the claim on, keeps its verb
    ("Union says ministers to blame", "Union says ministers to blame"),
    ("Acme denied it broke rules", "Acme denied it broke rules"),
    # only the main clause's verb: a later "said it" is no attribution of the subject's
    ("Council voted after mayor said it mattered", "Council voted after mayor said it mattered"),
])
def test_a_subject_s_own_news_loses_its_said_it(words: str, expected: str) -> None:
    assert " ".join(without_own_attribution(words.split())) == expected


@pytest.mark.parametrize(("words", "expected"), [
    ("price of gold has fallen", "price of gold falls"),
    ("shares have risen sharply", "shares rise sharply"),
    ("the firm has already taken control", "the firm already takes control"),
    # a regular verb keeps its past form; a passive its participle (the title drops "been")
    ("council has voted to extend it", "council voted to extend it"),
    ("singer has been fined", "singer been fined"),
    # "has" with no participle after it is the verb
    ("the coach has no plans to quit", "the coach has no plans to quit"),
    # after a modal or "to", nothing changes but "had": past perfect is left out
    ("taxpayers may have to pay", "taxpayers may have to pay"),
    ("the bank had cut rates", "the bank cut rates"),
])
def test_the_present_perfect_is_written_in_the_present(words: str, expected: str) -> None:
    assert " ".join(in_present(words.split())) == expected


def test_present_tense_forms() -> None:
    assert [present(b, True) for b in ("fall", "go", "fly", "pay", "catch")] == \
        ["falls", "goes", "flies", "pays", "catches"]
    assert present("rise", False) == "rise"


def test_made_titles_read_as_headlines() -> None:
    body = ["Grain prices fell across the region.", "Millers blamed the drought."]
    assert made_title("The price of grain has fallen sharply this week, traders said.", body) \
        == "Price of grain falls sharply"
    body = ["The ferry will be sold in May.", "The board has owned the ferry since 1990."]
    assert made_title("The harbour board has confirmed that it will sell its last ferry.", body) \
        == "Harbour board to sell last ferry"
