"""Which of a made title's words matter: the ones the rest of the article repeats."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from policybrief.brief.title_words import salient, stem


def counts_of(*sentences: str) -> Counter[str]:
    return Counter(stem(w) for s in sentences for w in re.findall(r"\w+", s))


@pytest.mark.parametrize(("words", "body", "expected"), [
    # an adjective before its noun goes when the body never uses it again
    ("Council opened luxurious new hotel in Leeds", "The hotel in Leeds is new.",
     "Council opened new hotel in Leeds"),
    # an adverb opening a preposition is none ("ahead of"): the phrase stays whole or goes
    ("Scotland's crisis worsened ahead of Six Nations", "Scotland face the Six Nations.",
     "Scotland's crisis worsened ahead of Six Nations"),
    # a predicate adjective is no modifier ("proved popular"), nor a comparison's
    ("Sony's cheap phone proved popular with gamers", "The phone sold well to gamers.",
     "Sony's phone proved popular with gamers"),
    ("Canada built fewer homes than expected in March", "The homes figures were expected.",
     "Canada built fewer homes than expected"),
    # a noun before a noun is a modifier too ("asset sales"), not a verb after "to"
    ("Ukraine to review dozens of asset sales", "Ukraine has made sales. Dozens were made.",
     "Ukraine to review dozens of sales"),
    ("Minister to unveil plans for rail network", "The plans for the rail network.",
     "Minister to unveil plans for rail network"),
    # a passing phrase goes; one with a word the body repeats, or a number, stays
    ("Shares closed down 8% in heavy UK trade", "Shares fell 8%.", "Shares closed down 8%"),
    ("Shares fell for hours in London, after drug failure", "Shares fell after the failure.",
     "Shares fell, after failure"),  # "drug", never repeated, modifies "failure"
    ("Shares fell in London by 8%", "Shares fell.", "Shares fell in London by 8%"),
    # a phrase goes with the phrases after it, which may describe what it names ...
    ("Leaders gave thoughts on Russia's war with Ukraine", "The leaders spoke. Leaders met.",
     "Leaders gave thoughts"),
    ("Hanks arrived for premiere of new film in London", "Hanks was in London. Hanks smiled.",
     "Hanks arrived for premiere of new film in London"),  # ... and stays with them
    # a verb's particle opens no phrase
    ("Economy picked up speed at end of year", "The economy grew.", "Economy picked up speed"),
    # no phrase goes from a title with no verb: it may be what the title says
    ("Mitsubishi in talks with French carmaker Peugeot", "Mitsubishi and Peugeot.",
     "Mitsubishi in talks with French carmaker Peugeot"),
])
def test_words_the_body_never_repeats_go(words: str, body: str, expected: str) -> None:
    assert " ".join(salient(words.split(), counts_of(body), 10)) == expected


def test_the_title_ends_at_the_last_noun_the_body_repeats() -> None:
    words = "Gallagher fined after brawl in hotel during holiday in rainy city".split()
    body = counts_of("Gallagher was fined.", "The brawl in the hotel.", "Gallagher paid.")
    assert salient(words, body, 10) == "Gallagher fined after brawl in hotel".split()
    # a number the body does not repeat ends no title
    words = "Gallagher fined for brawl, paid 50,000".split()
    assert salient(words, counts_of("Gallagher was fined for a brawl."), 10) == \
        "Gallagher fined for brawl,".split()
