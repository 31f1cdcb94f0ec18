"""Mentions that name one actor are merged into it (an organisation's acronym, bracketed
or written alone), and what names no actor is none (a contraction, a job title alone)."""

from __future__ import annotations

from policybrief.brief.actors import find_actors, short_name
from policybrief.brief.kinds import classify
from policybrief.brief.mentions import stands_for
from policybrief.brief.roles import role_of, stated_roles
from policybrief.models import Actor, Sentence


def _found(*texts: str) -> dict[str, Actor]:
    sentences = [Sentence(text, i + 1, i) for i, text in enumerate(texts)]
    return {a.name: a for a in find_actors(sentences)}


def test_an_acronym_spells_the_capitalised_words_of_a_name() -> None:
    assert stands_for("NATO", "North Atlantic Treaty Organization".split())
    assert stands_for("Defra", "Department for Environment, Food and Rural Affairs".split())
    assert stands_for("DoH", "Department of Health".split())  # a small word's letter
    assert stands_for("MoD", "Ministry of Defence".split())
    assert stands_for("Ofcom", "Office of Communications".split())  # runs of first letters
    assert stands_for("OECD", "Organisation for Economic Co-operation and Development".split())
    assert stands_for("U.N.", "United Nations".split())
    assert not stands_for("Bank", "Barclays Bank".split())
    assert not stands_for("EU", "European Central Bank".split())  # every word gives a letter
    assert not stands_for("NATO", ["NATO"])


def test_a_named_list_with_its_bracketed_short_name_is_one_organisation() -> None:
    actors = _found(
        "The Department for Environment, Food and Rural Affairs (Defra) set new limits.",
        "Defra officials said the rules would start in spring.",
        "A Defra spokesman said the department had consulted widely.",
        "Critics said Defra had ignored the evidence.",
    )
    name = "Department for Environment, Food and Rural Affairs (Defra)"
    assert (actors[name].kind, actors[name].count) == ("organisation", 4)
    assert not {"Defra", "Department for Environment", "Food and Rural Affairs",
                "Rural Affairs"} & set(actors)
    assert short_name(name) == "Defra"


def test_a_mixed_case_acronym_alone_counts_for_the_organisation_named_before() -> None:
    actors = _found(
        "The Ministry of Defence said army land was exempt.",
        "The MoD added that training would continue, and the Department of Health agreed.",
        "DoH officials will publish data.",
    )
    assert actors["Ministry of Defence (MoD)"].count == 2
    assert actors["Department of Health (DoH)"].count == 2
    assert not {"MoD", "DoH", "Ministry of Defence"} & set(actors)


def test_a_bracketed_word_that_spells_no_name_is_no_short_name() -> None:
    actors = _found("The Bank of Scotland (Edinburgh) lent more.", "Edinburgh grew.")
    assert "Bank of Scotland (Edinburgh)" not in actors


def test_a_contraction_is_no_part_of_a_name() -> None:
    actors = _found(
        'Officials launched the campaign under the slogan "Smog. We\'re on it."',
        '"Smog. We\'re on it," the posters read, and It\'s Time Now said so.',
        "Don't Panic, said Jane Smith.",
    )
    assert not any("We're" in name or "Smog" in name or "Don't" in name for name in actors)
    assert "Jane Smith" in actors


def test_a_job_title_alone_is_no_actor_and_one_before_a_given_name_is_no_part_of_it() -> None:
    actors = _found(
        "By John Smith, Political Editor",
        "The Chief Executive said so, and Managing Director Bob Jones agreed.",
        "He met Chief Executive Martin Lewis and Labour MP Jane Smith.",
        "Economist Dana Whitcombe of First Keystone said so, as did Federal Reserve Governor "
        "Warren Kendall.",
    )
    assert not {"Political Editor", "Chief Executive", "Executive Martin Lewis"} & set(actors)
    assert actors["Martin Lewis"].role == "Chief Executive"
    assert actors["Bob Jones"].role == "Managing Director"
    assert actors["Jane Smith"].role == "Labour MP" and actors["Labour"].kind == "organisation"
    assert "Dana Whitcombe" in actors  # a person of a firm: not the title's tail, "First Keystone"
    assert actors["Federal Reserve"].kind == "organisation"  # a title's body stays


def test_a_role_opens_on_no_word_of_time_or_preposition_and_ends_on_no_given_name() -> None:
    texts = [
        "Yesterday Prime Minister Anthony Albanese said the government would pay.",
        "Since President Joe Biden took office, spending has risen.",
        "On Wednesday US President Bill Clinton spoke, as did Planning Minister Julio De Marchi.",
        "Bob Lewis met Chief Executive Martin Lewis.",
    ]
    stated = stated_roles(texts)
    assert role_of("Anthony Albanese", stated) == "Prime Minister"
    assert role_of("Joe Biden", stated) == "President"
    assert role_of("Bill Clinton", stated) == "US President"  # "US" is no pronoun
    assert role_of("De Marchi", stated) == "Planning Minister"  # his given name, no role's
    assert role_of("Bob Lewis", stated) is None  # another Lewis's role
    assert role_of("Martin Lewis", stated) == "Chief Executive"
    assert "Yesterday BBC" not in _found("Yesterday BBC Political Editor Laura Kuenssberg said so.")


def test_an_apposition_before_a_name_states_its_role() -> None:
    texts = [
        "The council leader, Jane Smith, said the campaign was overdue.",
        "Its chairman, Sir Phil Gorrie, left after the departure of its finance director, "
        "Walter Brinkhorst, and the country's new president, Mikhail Dorovsky, spoke.",
        "Asked about the minister, Tom Brown said nothing.",
        "Tadao Morozumi, who will take over as chairman, declined to comment.",
    ]
    stated = stated_roles(texts)
    assert role_of("Jane Smith", stated) == "Council Leader"
    assert role_of("Phil Gorrie", stated) == "Chairman"
    assert role_of("Walter Brinkhorst", stated) == "Finance Director"
    assert role_of("Mikhail Dorovsky", stated) == "New President"  # whose: no role
    assert role_of("Tom Brown", stated) is None  # no apposition: the name closes no comma
    assert role_of("Tadao Morozumi", stated) is None  # a clause, no apposition
    assert _found(*texts)["Jane Smith"].role == "Council Leader"


def test_a_bank_is_a_firm_unless_its_name_makes_it_a_public_institution() -> None:
    for bank in ("World Bank", "Asian Development Bank", "European Central Bank",
                 "European Investment Bank", "Bank for International Settlements",
                 "Central Bank of Nigeria", "World Bank Group", "Bank of England"):
        assert classify(bank.split()) == (bank, "organisation"), bank
    for bank in ("Barclays Bank", "Deutsche Bank", "National Australia Bank", "Arab Bank"):
        assert classify(bank.split()) == (bank, "company"), bank
    assert classify(["West", "Bank"]) == ("West Bank", "place")
    actors = _found("The World Bank and the International Bank for Reconstruction and "
                    "Development lent more.", "The World Bank said so.")
    assert actors["World Bank"].kind == "organisation"
    name = "International Bank for Reconstruction and Development"
    assert actors[name].kind == "organisation"


def test_an_acronym_alone_spells_every_capitalised_word_and_is_no_other_known_body() -> None:
    actors = _found(
        "University of Nottingham researchers said the drug worked.",
        "The UN said it would review the findings.",
        "The UN said it welcomed further trials.",
    )
    assert actors["UN"].count == 2 and actors["University of Nottingham"].count == 1
    actors = _found("The National Housing Scheme opened in March.", "The NHS said so.",
                    "The NHS added that staff were stretched.")
    assert actors["NHS"].count == 2 and "National Housing Scheme (NHS)" not in actors
    actors = _found("The Canadian Institute of Actuaries published tables.",
                    "The CIA said it was watching.", "The CIA declined to comment.")
    assert actors["CIA"].count == 2
    assert not stands_for("NATO", "National Tourism Organisation".split(), strict=True)
    assert stands_for("NATO", "National Tourism Organisation".split())  # bracketed, it may
    # the other side: the known body's own name, and any name the text brackets it after
    actors = _found("The Canadian Institute of Actuaries (CIA) published tables.",
                    "The CIA said it was watching.", "The CIA declined to comment.")
    assert actors["Canadian Institute of Actuaries (CIA)"].count == 3 and "CIA" not in actors
    actors = _found("The European Central Bank held rates.", "The ECB will meet in June.",
                    "The North Atlantic Treaty Organization met.", "NATO allies agreed.")
    assert actors["European Central Bank (ECB)"].count == 2
    assert actors["North Atlantic Treaty Organization (NATO)"].count == 2


def test_no_role_from_the_object_of_a_preposition_in_a_sentences_opening_phrase() -> None:
    texts = [
        "In a letter to the chairman, John Smith, a retired teacher, complained.",
        "Writing to the mayor, Ann Lee, a resident, objected.",
        "The letter was sent to the chairman, Tom Brown, on Monday.",
        "On Monday the council leader, Jane Smith, said the campaign was overdue.",
    ]
    stated = stated_roles(texts)
    assert role_of("John Smith", stated) is None
    assert role_of("Ann Lee", stated) is None
    assert role_of("Tom Brown", stated) == "Chairman"  # no opening phrase: an apposition
    assert role_of("Jane Smith", stated) == "Council Leader"


def test_a_bank_named_with_an_ordinal_is_a_firm_whatever_words_follow() -> None:
    for bank in ("First Central Bank of Ohio", "Fifth Third Bank", "Second National Bank",
                 "Central Pacific Bank"):  # its "Central" before no "Bank"
        assert classify(bank.split()) == (bank, "company"), bank
    for bank in ("European Central Bank", "Central Bank of Nigeria", "Central Bank",
                 "Central Reserve Bank of Peru", "Federal Reserve Bank of New York"):
        assert classify(bank.split()) == (bank, "organisation"), bank
