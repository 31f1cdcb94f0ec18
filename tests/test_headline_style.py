"""Headline style for made titles: surnames, a subject's own news, the present tense."""

from __future__ import annotations

import pytest

from policybrief.brief.headline_style import (
    short_forms,
    without_description,
    without_own_attribution,
)
from policybrief.brief.tense import in_present, present, verb_form
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
    ("price of copper has fallen", "price of copper falls"),
    ("shares have risen sharply", "shares rise sharply"),
    ("the firm has already taken control", "the firm already takes control"),
    # a regular verb keeps its past form; a passive its participle (the title drops "been")
    ("council has voted to extend it", "council voted to extend it"),
    ("singer has been fined", "singer been fined"),
    # "has" with no participle after it is the verb
    ("the coach has no plans to quit", "the coach has no plans to quit"),
    # after a modal or "to", nothing changes but "had": past perfect is left out
    ("residents may have to pay", "residents may have to pay"),
    ("the bank had cut rates", "the bank cut rates"),
    # the first verb, an irregular simple past, in the present; its subject tells the number
    ("Japanese industrial output fell sharply", "Japanese industrial output falls sharply"),
    ("UK car sales fell 0.4%", "UK car sales fall 0.4%"),
    ("The profits at the drugmaker fell", "The profits at the drugmaker fall"),
    ("Blair said the vote would be close", "Blair says the vote would be close"),
    # not a later verb, nor after an auxiliary, a relative pronoun or a number
    ("Simpson left after the band broke up", "Simpson left after the band broke up"),
    ("the record was broke", "the record was broke"),
    ("More than 9 million people saw it", "More than 9 million people saw it"),
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


@pytest.mark.parametrize(("words", "body", "expected"), [
    # the article's own short form, of the whole name or of its first words
    ("General Motors to recall cars", "GM said the cars were safe.", "GM to recall cars"),
    ("Bid for London Stock Exchange, Euronext", "The LSE rejected it.", "Bid for LSE, Euronext"),
    ("Talks with World Trade Organisation stall", "WTO members met. The trade talks stall.",
     "Talks with WTO stall"),
    # punctuation after the name stays with its short form
    ("Fiat, General Motors, talks", "GM and Fiat met.", "Fiat, GM, talks"),
    # no short form the article does not use, nor initials of words that are no name
    ("General Motors to recall cars", "The firm said the cars were safe.",
     "General Motors to recall cars"),
    ("Bank of England holds rates", "The BOE held them.", "Bank of England holds rates"),
    # a short form already written before its name ("CSI: Crime Scene Investigation")
    ("Tarantino directs CSI: Crime Scene Investigation", "CSI is a hit.",
     "Tarantino directs CSI: Crime Scene Investigation"),
    # a person's name is no short form's, whatever initials the body uses
    ("Michael Portillo says party must change", "The Tory MP for Kensington spoke.",
     "Michael Portillo says party must change"),
])
def test_a_name_the_article_writes_as_its_initials_is_written_so(
        words: str, body: str, expected: str) -> None:
    assert " ".join(short_forms(words.split(), [body])) == expected


def test_an_irregular_verb_s_forms_are_known_as_verbs() -> None:
    assert all(verb_form(w) for w in ("sees", "took", "taken", "Won"))
    assert not any(verb_form(w) for w in ("see", "profits", "cut"))


@pytest.mark.parametrize(("words", "expected"), [
    ("US retail giant Walmart posts profits", "Walmart posts profits"),
    ("Oil giant Exxon announced rise in profits", "Exxon announced rise in profits"),
    ("Anglo-Swiss metals giant Glencore to merge units", "Glencore to merge units"),
    # a verb's form the lexicon reads as a noun, or a name, is no description
    ("Norway lent Chile $4bn", "Norway lent Chile $4bn"),
    ("England beat Fiji in final", "England beat Fiji in final"),
    ("Dawson admits Hearts could be favourites", "Dawson admits Hearts could be favourites"),
    # a name with nothing after it stays described
    ("Oil giant Exxon", "Oil giant Exxon"),
])
def test_a_name_at_the_title_s_start_loses_its_description(words: str, expected: str) -> None:
    assert " ".join(without_description(words.split())) == expected


@pytest.mark.parametrize(("words", "expected"), [
    ("Shares in Swedish timber firm Penmorva fall", "Shares in Penmorva fall"),
    ("Fenwick takes new band Glassriders to Leeds", "Fenwick takes Glassriders to Leeds"),
    ("Profits at US phone company TLX slipped", "Profits at TLX slipped"),
    # a participle before the description is its own modifier, not a verb governing a name
    ("Rescue of embattled oil giant Dravco", "Rescue of embattled oil giant Dravco"),
    # a preposition the lexicon reads as a noun, or a common word capitalised, is no name's
    ("Details of chip inside Norvik's console", "Details of chip inside Norvik's console"),
    ("Mayor says in late night Tweet", "Mayor says in late night Tweet"),
    # a name that opens a clause of its own, or modifies a noun, or follows a plural, or is a
    # possessive, is not what the words before it describe
    ("Prosecutor told trial jury Hallam had lied", "Prosecutor told trial jury Hallam had lied"),
    ("Company cut pension scheme Unite members rely on", "Company cut pension scheme Unite members rely on"),
    ("Senate rejected health reforms Norvell wanted", "Senate rejected health reforms Norvell wanted"),
    ("Government gave steel industry Britain's biggest subsidy",
     "Government gave steel industry Britain's biggest subsidy"),
])
def test_a_name_after_a_preposition_or_verb_loses_its_description(words: str, expected: str) -> None:
    assert " ".join(without_description(words.split())) == expected


@pytest.mark.parametrize(("lede", "expected"), [
    # the speaker's "said they" goes though the tense makes "said" "say"
    ("Unions said they will strike in May.", "Unions to strike"),
    ("Shareholders said they would vote against the deal.", "Shareholders would vote against deal"),
    # an appositive's "said it" is the lede's own verb, no closing attribution
    ("Intel, which makes chips for most PCs, said it would cut 500 jobs in Oregon.",
     "Intel would cut 500 jobs in Oregon"),
    # capitals stay capitals; a verb after "as" is another clause's, left in its tense
    ("SHARES FELL SHARPLY IN LONDON.", "SHARES FALL SHARPLY IN LONDON"),
])
def test_said_they_attribution_and_tense_across_clauses(lede: str, expected: str) -> None:
    assert made_title(lede, [], None) == expected


def test_a_verb_after_a_clause_opener_keeps_its_tense() -> None:
    words = "Thousands fled as army said it would attack".split()
    assert in_present(words) == words
