"""Headline style for made titles: surnames, a subject's own news."""

from __future__ import annotations

import pytest

from policybrief.brief.headline_style import without_own_attribution
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


def test_made_titles_read_as_headlines() -> None:
    body = ["The ferry will be sold in May.", "The board has owned the ferry since 1990."]
    assert made_title("The harbour board has confirmed that it will sell its last ferry.", body) \
        == "Harbour board to sell last ferry"
