"""Key phrases: candidate noun phrases read in context, and their ranking."""

from __future__ import annotations

import pytest

from policybrief.brief.keyphrases import _candidates, key_phrases, pos_tag


@pytest.mark.parametrize(("text", "expected"), [
    # a possessive ends a phrase: the owner and the thing owned are two
    ("Slovenia's exports to European Community countries grew.",
     ["Slovenia", "exports", "European Community countries"]),
    # initials with dots are one word; days and times name no topic
    ("The U.S. Virgin Islands braced for Hurricane Dean on Wednesday night.",
     ["U.S. Virgin Islands", "Hurricane Dean"]),
    # a verb after a determiner or an adjective is a noun; a hyphenated word a modifier
    ("The alleged plot involved performance-enhancing drugs and drug use in the Third World.",
     ["alleged plot", "performance-enhancing drugs", "drug use", "Third World"]),
    ("Officials said the crash of the high-speed train was avoidable.",
     ["Officials", "crash", "high-speed train"]),
    # an honorific and a verb after "would" are no part of a phrase; nor are scores
    ("Mr Blunkett told BBC One's Breakfast the government would impose reciprocal tariffs.",
     ["Blunkett", "BBC One", "Breakfast", "government", "reciprocal tariffs"]),
    ("Martinez won 7-5 3-6 7-5 in New Delhi, the new venue.", ["Martinez", "New Delhi", "venue"]),
    # a past form after a noun is its verb ("sales rose", "star sued"), not a phrase's word;
    # an -ed noun ("speed") and a participle before its noun ("frozen assets") are
    ("Fourth quarter sales rose as the rap star sued the record label over frozen assets.",
     ["Fourth quarter sales", "rap star", "record label", "frozen assets"]),
    ("The firm Vodafone launched legal action against broadband speed limits.",
     ["firm", "Vodafone", "legal action", "broadband speed limits"]),
    # ... but a noun ending in -ed ("seed") and a hyphenated modifier stay in the phrase
    ("The top seed lost to the seventh seed in a variant-fueled surge.",
     ["top seed", "seventh seed", "variant-fueled surge"]),
])
def test_candidates_are_noun_phrases_read_in_place(text: str, expected: list[str]) -> None:
    assert _candidates(text) == expected


def test_punctuation_and_quotes_cut_phrases_and_leave_no_marks() -> None:
    text = "Rock 'n' roll - the dogs' bones, A & B (and C) / D — E–F “G” ‘H’ 'I' x-ray 5% rise."
    assert _candidates(text) == ["Rock", "roll", "dogs", "bones", "x-ray", "rise"]
    negated = "We don’t support it; they can't say; it's Taiwan’s and O'Neill's - or not' quite."
    assert _candidates(negated) == ["Taiwan", "O'Neill"]
    for edge in ("End with a quote'", "'Start with one", "Two  spaces ' here", ""):
        assert all(not set(p) & set("'\"“”‘’,.;") for p in _candidates(edge))


def test_pos_tag_is_the_lexicon_s_context_free_tag() -> None:
    """``pos_tag`` (used by actors) keeps its meaning: one tag a spelling, in any context."""
    assert pos_tag("the") == "DET" and pos_tag("crash") == "VERB"
    assert pos_tag("Zyxwv") == "PROPN"


ARTICLE = [
    "The diamond cartel cut its rough diamond sales as the diamond market slowed.",
    "Analysts said the diamond market would recover once diamond prices rose.",
    "Angola's diamond exports fell, Angola's ministers said on Monday.",
    "The cartel's London office declined to comment.",
]


def test_key_phrases_name_the_topic_without_repeating_one() -> None:
    phrases = key_phrases(ARTICLE, limit=6)
    assert phrases[0] == "diamond market"
    assert len(phrases) == len({p.lower() for p in phrases}) <= 6
    assert "Monday" not in " ".join(phrases) and not any("'s" in p for p in phrases)
    # no phrase holds, or is held in, a better one, nor shares half its words with it
    stems = [set(p.lower().split()) for p in phrases]
    for i, later in enumerate(stems):
        for better in stems[:i]:
            assert not (later <= better or better <= later)


def test_the_headline_weighs_its_words_but_gives_no_phrase() -> None:
    texts = ["Officials met in Geneva to discuss the fishing quotas and grain exports.",
             "The fishing quotas have been argued for a decade; grain exports have halved."]
    assert key_phrases(texts)[0] == "fishing quotas"
    titled = key_phrases(texts, title="Grain exports collapse amid wrangling")
    assert titled[0] == "grain exports"
    assert not any("wrangling" in p for p in titled)  # the headline's own words add no phrase


def test_a_name_is_cut_from_the_noun_before_it_and_named_once() -> None:
    assert _candidates("Smith's letter was read in court Tavish Alva was charged.") == [
        "Smith", "letter", "court", "Tavish Alva"]
    phrases = key_phrases([
        "Lindsey Vonn watched Tiger Woods play at Augusta.",
        "Vonn cheered as Woods holed a long putt.",
        "The crowd at Augusta loved the putt, and Woods smiled at Vonn.",
        "Skier Lindsey Vonn has followed golfer Tiger Woods all week.",
    ])
    assert sum(p.endswith("Woods") for p in phrases) == 1
    assert sum(p.endswith("Vonn") for p in phrases) == 1


def test_one_word_leads_at_most_three_key_phrases() -> None:
    """Six phrases on the agency's name say one thing: a word in three better phrases is in
    no more, so the rest name the other things the article is about."""
    texts = [
        "The Example Agency detention programme held prisoners at secret Example Agency sites.",
        "Example Agency officers ran the Example Agency custody rules and Example Agency flights.",
        "Example Agency lawyers wrote the Example Agency memos on harsh interrogation methods.",
        "A Senate committee report described the interrogation methods and the prison sites.",
        "Human rights groups want prosecutions; the report found the methods did not work.",
    ]
    phrases = key_phrases(texts, limit=6)
    assert sum("Agency" in phrase for phrase in phrases) <= 3
    assert any("Senate committee" in phrase or "rights groups" in phrase for phrase in phrases)
