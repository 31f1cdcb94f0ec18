"""Actors are typed by evidence (gazetteer, given names, titles, name heads), lone names are
found when repeated, and surnames, honorifics and demonyms count for the actor they name."""

from __future__ import annotations

from policybrief.brief.actors import find_actors
from policybrief.brief.kinds import classify
from policybrief.models import Sentence


def _actors(*texts: str) -> dict[str, tuple[str, int]]:
    sentences = [Sentence(text, i + 1, i) for i, text in enumerate(texts)]
    return {a.name: (a.kind, a.count) for a in find_actors(sentences)}


def test_places_come_from_the_gazetteer_not_the_person_default() -> None:
    assert classify(["Hong", "Kong"]) == ("Hong Kong", "country")
    assert classify(["Las", "Vegas"]) == ("Las Vegas", "place")
    assert classify(["NEW", "YORK"]) == ("New York", "place")
    assert classify(["RIO", "DE", "JANEIRO"]) == ("Rio de Janeiro", "place")  # as a name is written
    assert classify(["KING'S", "LYNN"]) == ("King's Lynn", "place")
    assert classify(["London"]) == ("London", "place")
    assert classify(["Reading"]) is None  # an English word first


def test_a_person_needs_a_given_name_or_a_title() -> None:
    assert classify(["Gordon", "Brown"]) == ("Gordon Brown", "person")
    assert classify(["Chernomyrdin"], titled=True) == ("Chernomyrdin", "person")
    assert classify(["Real", "Madrid"]) == ("Real Madrid", "organisation")  # a place in it
    assert classify(["Manchester", "United"]) == ("Manchester United", "organisation")
    assert classify(["Corvell", "Pharmaceuticals"]) == ("Corvell Pharmaceuticals", "company")
    assert classify(["Tokyo", "Stock", "Exchange"])[1] == "company"  # type: ignore[index]
    # English words with no given name first name a body, not a person
    assert classify(["Offshore", "Data", "Services"])[1] == "organisation"  # type: ignore[index]
    assert classify(["Human", "Rights"]) == ("Human Rights", "organisation")
    assert classify(["Liberty", "Wall"]) == ("Liberty Wall", "organisation")
    assert classify(["Tep", "Sovanna"]) == ("Tep Sovanna", "person")  # a name no list knows
    # another language's given name first, though a town shares it; not a club named after
    # its town
    assert classify(["Vladimir", "Putin"]) == ("Vladimir Putin", "person")
    assert classify(["Hamid", "Farouki"]) == ("Hamid Farouki", "person")
    assert classify(["Olimpia", "Kassel"]) == ("Olimpia Kassel", "organisation")
    for team in (["Atlanta", "Braves"], ["Atlanta", "Hawks"]):  # Atlanta: a name in faker
        assert classify(team) != (" ".join(team), "person"), team


def test_events_demonym_phrases_and_tables_are_no_actors() -> None:
    for words in (["World", "Cup"], ["Labor", "Day"], ["PGA", "Tour"], ["Former", "Italian"],
                  ["Bosnian", "Serbs"], ["LAST", "SALE"], ["D", "L", "G"], ["AUGUST"]):
        assert classify(words) is None, words


def test_lone_names_named_twice_are_actors_and_surnames_merge() -> None:
    actors = _actors(
        "Samsung beat Hyundai 2-1 in Seoul on Sunday, and Gordon Brown watched.",
        "The win lifted Samsung to the top, and Mr Brown said Brown's team was lucky.",
        "Hyundai fell to third.",
    )
    assert actors["Samsung"] == ("organisation", 2)
    assert actors["Hyundai"] == ("organisation", 2)  # its opening mention counts too
    assert actors["Gordon Brown"] == ("person", 3)
    assert "Brown" not in actors


def test_a_demonym_counts_only_for_a_country_named_too() -> None:
    actors = _actors(
        "Italian officials met French officials in Berlin.",
        "France said it would reply, Berlin said.",
    )
    assert actors["France"] == ("country", 2)
    assert "Italy" not in actors
    assert actors["Berlin"] == ("place", 2)


def test_sentence_openers_are_no_actors() -> None:
    actors = _actors("In Albania the vote was calm.", "Now Home Office staff are to strike.")
    assert "In Albania" not in actors and "Now Home" not in actors
    assert "Albania" in actors
    # a sentence opening inside brackets or quotes opens all the same; "(CNN)" stays a name
    actors = _actors("(The Missile Technology Control Regime offers adherent status only.)",
                     "(CNN) -- The network said so.", "CNN said it again.")
    assert "Missile Technology Control Regime" in actors and "CNN" in actors
    assert not any(name.startswith("The ") for name in actors)
    # no name ends on "The": a caption glued to the next sentence ran the two together
    actors = _actors("It opens to buyers in Australia The first 50 buyers get a doll.",
                     "Ronald Reagan The former president spoke.")
    assert "Australia" in actors and "Ronald Reagan" in actors
    assert not any(name.endswith(" The") for name in actors)


def test_names_joined_by_and_are_two_actors_and_a_lone_surname_makes_a_person() -> None:
    """"Bob Dole and Ross Perot" are two people; a surname alone counts for the first of
    several people who share it ("Velikov" for Boris, named before Naila); a name no list
    knows as a person's becomes one when its last word stands alone ("Fasano said")."""
    from policybrief.brief.actors import find_actors
    from policybrief.models import Sentence

    texts = [
        "President Clinton, Bob Dole and Ross Perot will debate.",
        "Markets fear that Clinton and Dole will trade shots.",
        "Russian President Boris Velikov visited his wife Naila Velikov in hospital.",
        "Velikov stayed an hour, and Velikov's aides said she was well.",
        "Milan signed Pierluigi Fasano from Torino for a record fee.",
        "Fasano said the move was a dream.",
    ]
    actors = {a.name: a for a in find_actors([Sentence(t, i + 1, i) for i, t in enumerate(texts)])}
    assert actors["Bob Dole"].kind == actors["Ross Perot"].kind == "person"
    assert actors["Bob Dole"].count == 2
    assert actors["Boris Velikov"].count == 3 and "Velikov" not in actors
    assert actors["Pierluigi Fasano"].kind == "person" and actors["Pierluigi Fasano"].count == 2


def test_a_persons_role_is_given_where_the_text_states_it() -> None:
    from policybrief.brief.actors import find_actors
    from policybrief.brief.roles import role_of, stated_roles
    from policybrief.models import Sentence

    texts = [
        "Charles Clarke, the home secretary, said the bill would pass.",
        "Prime Minister Tony Blair backed Mr Clarke.",
        "Ifo economist Gernot Nerb said demand was weak.",
        "Anna Lee, a spokeswoman for the Foreign Ministry, declined to comment.",
        "Mr Brown said nothing, and Gordon Brown left.",
    ]
    assert role_of("Charles Clarke", stated_roles(texts)) == "Home Secretary"
    assert role_of("Tony Blair", stated_roles(texts)) == "Prime Minister"
    assert role_of("Gernot Nerb", stated_roles(texts)) == "Ifo Economist"
    assert role_of("Anna Lee", stated_roles(texts)) == "Spokeswoman for the Foreign Ministry"
    assert role_of("Gordon Brown", stated_roles(texts)) is None  # "Mr" is an honorific, no role
    kuo = stated_roles(["Minister of Economic Affairs J.W. Kuo sent two officials."])
    assert role_of("J.W. Kuo", kuo) == "Minister of Economic Affairs"
    # an office of two role words, written small: not "General"
    small = stated_roles(["The state's attorney general Kamala Reyes sued the firm."])
    assert role_of("Kamala Reyes", small) == "Attorney General"
    actors = {a.name: a for a in find_actors([Sentence(t, i + 1, i) for i, t in enumerate(texts)])}
    assert actors["Charles Clarke"].role == "Home Secretary"
    assert actors["Foreign Ministry"].role is None  # roles are people's


def test_of_actors_named_as_often_the_one_in_the_bottom_line_comes_first() -> None:
    from policybrief.brief.actors import find_actors
    from policybrief.models import Sentence

    sentences = [Sentence("Japan and Taiwan signed the pact on Monday.", 1, 0)]
    assert find_actors(sentences)[0].name == "Japan"
    assert find_actors(sentences, lead="Taiwan must now ratify it.")[0].name == "Taiwan"


def test_a_title_word_opening_a_company_name_is_no_title_and_a_title_outweighs_a_town() -> None:
    from policybrief.brief.actors import find_actors
    from policybrief.brief.kinds import classify
    from policybrief.models import Sentence

    actors = {a.name: a for a in find_actors([
        Sentence("General Motors said sales fell, and President Bush spoke.", 1, 0),
        Sentence("Shares in General Motors rose.", 2, 1)])}
    assert actors["General Motors"].kind == "company" and "Motors" not in actors
    assert (actors["Bush"].kind, actors["Bush"].role) == ("person", "President")
    assert classify(["Taiwan-made", "PCs"]) is None  # a compound adjective, no name


def test_no_run_of_capitalised_words_breaks_the_actor_finder() -> None:
    """Every short sequence of titles, connectors and names, at a sentence's start or
    inside it, is read without an error (a run can shrink to nothing: "The", "President
    and")."""
    from itertools import product

    from policybrief.brief.actors import find_actors
    from policybrief.models import Sentence

    words = ["The", "President", "and", "Bob", "Dole", "General", "Motors", "of", "Mr", "US"]
    for n in (1, 2, 3):
        for combo in product(words, repeat=n):
            run = " ".join(combo)
            find_actors([Sentence(f"{run} spoke.", 1, 0), Sentence(f"Then {run} left.", 2, 1)])


def test_a_dotted_initialism_is_an_organisation() -> None:
    from policybrief.brief.kinds import classify

    assert classify(["U.N."]) == ("U.N.", "organisation")
    assert classify(["NATO"]) == ("NATO", "organisation")


def test_a_city_that_competes_is_its_team_and_a_city_hosting_talks_stays_a_place() -> None:
    from policybrief.brief.actors import find_actors
    from policybrief.models import Sentence

    results = ["Aarhus 3 Odense 2 (halftime 1-0).", "Odense 1 Aarhus 1.",
               "Aarhus stay top after the win over Odense."]
    kinds = {a.name: a.kind for a in find_actors([Sentence(t, i + 1, i) for i, t in enumerate(results)])}
    assert kinds["Aarhus"] == kinds["Odense"] == "organisation"
    talks = ["Diplomats met in Geneva on Monday.", "The Geneva talks ran 3 days.",
             "Iran and the P5+1 will meet in Geneva again in March."]
    kinds = {a.name: a.kind for a in find_actors([Sentence(t, i + 1, i) for i, t in enumerate(talks)])}
    assert kinds["Geneva"] == "place"  # a city that shares a rarer first name


def test_the_republic_of_a_country_is_that_country_and_two_named_states_are_two() -> None:
    from policybrief.brief.actors import find_actors
    from policybrief.models import Sentence

    text = "Talks between the Chechen Republic and the Russian Federation went on in the Republic of Ireland."
    kinds = {a.name: a.kind for a in find_actors([Sentence(text, 1, 0)])}
    assert kinds.get("Ireland") == "country"
    assert not any(" and " in name for name in kinds)


def test_family_names_first_places_by_preposition_and_words_that_never_open_a_name() -> None:
    from policybrief.brief.actors import find_actors
    from policybrief.models import Sentence

    texts = [
        "Police detained the dissident Zhou Anshan, and Zhou said he would appeal.",
        "Rebels fought in Morvadra on Monday; the road to Morvadra stayed shut.",
        "After Tunisia, Burma was named; Australian Rodney Haskett watched.",
        "British Airways and American Airlines both cut fares.",
    ]
    kinds = {a.name: a.kind for a in find_actors([Sentence(t, i + 1, i) for i, t in enumerate(texts)])}
    assert kinds["Zhou Anshan"] == "person" and "Zhou" not in kinds
    assert kinds["Morvadra"] == "place"
    assert kinds["Tunisia"] == kinds["Burma"] == "country" and "After Tunisia" not in kinds
    assert kinds["Rodney Haskett"] == "person"
    assert kinds["British Airways"] == kinds["American Airlines"] == "company"


def test_a_country_written_in_capitals_is_no_pronoun() -> None:
    from policybrief.brief.actors import find_actors
    from policybrief.models import Sentence

    names = {a.name for a in find_actors([Sentence(
        "Last week the US Department of State removed the phrase.", 1, 0)])}
    assert "US Department of State" in names


def test_abbreviated_titles_and_regions_named_like_firms() -> None:
    actors = _actors("South Carolina Gov. Jim Bealey met Sen. Bob Dole and Gen. Mark Jones "
                     "about the West Bank.")
    assert actors["Jim Bealey"] == ("person", 1)  # "Gov." is a title, not part of a name
    assert actors["Bob Dole"] == ("person", 1)
    assert actors["Mark Jones"] == ("person", 1)
    assert actors["West Bank"] == ("place", 1)  # no bank


def test_a_name_written_after_the_is_no_persons() -> None:
    actors = _actors("Ozzie Vargas pitched as the Tigres Azules beat Houston.",
                     "Tigres Azules fans cheered Ozzie Vargas.")
    assert actors["Tigres Azules"][0] == "organisation"  # "the Tigres Azules"
    assert actors["Ozzie Vargas"][0] == "person"


def test_firms_abroad_by_legal_form_or_article() -> None:
    assert classify(["Pirelli", "SpA"]) == ("Pirelli SpA", "company")
    assert classify(["Marvesa", "S.A."])[1] == "company"  # type: ignore[index]
    assert classify(["Der", "Spiegel"]) == ("Der Spiegel", "organisation")
    assert classify(["El", "Al"]) == ("El Al", "organisation")
    assert classify(["Le", "Pen"]) != ("Le Pen", "organisation")  # "Le" opens surnames


def test_a_person_of_a_place_and_banks_of_countries() -> None:
    actors = _actors("Henrik Stalvik of Sweden led, and Fenno Thornbury of Barclays Capital watched.",
                     "Stalvik, who is seeking his first win, fired a 61.",
                     "The Bank of England and the Duke of York met officials of the North West.")
    assert actors["Henrik Stalvik"] == ("person", 2)
    assert actors["Sweden"] == ("country", 1)
    assert actors["Fenno Thornbury"][0] == "person"
    assert actors["Barclays Capital"][0] == "company"
    assert actors["Bank of England"][0] == "organisation"  # a country's bank: no firm
    assert actors["North West"][0] == "place"
    assert classify(["Bank", "of", "Ashford"])[1] == "company"  # type: ignore[index]


def test_lone_places_by_what_they_are_or_their_country() -> None:
    actors = _actors("Rebels took the town of Kavildara on Friday.",
                     "Kavildara fell after a week, and Zarentsburg, Norway, was quiet.",
                     "Miners left Zarentsburg.")
    assert actors["Kavildara"] == ("place", 2)
    assert actors["Zarentsburg"] == ("place", 2)


def test_peoples_faiths_and_time_zones_are_no_actors() -> None:
    actors = _actors("Moslems and Iraqis marched at 1400 GMT as the DATE column showed.",
                     "Moslems, Iraqis and Sri Lankans said GMT was late; DATE was wrong.",
                     "The Ethel Barrymore Theatre opened.")
    for word in ("Moslems", "Iraqis", "Sri Lankans", "GMT", "DATE"):
        assert word not in actors, word
    assert actors["Ethel Barrymore Theatre"][0] == "place"
    assert classify(["NATO"]) == ("NATO", "organisation")


def test_things_in_capitals_feasts_and_awards_are_no_actors() -> None:
    actors = _actors("The Securities and Exchange Commission fined the TV maker over GDP figures "
                     "before Christmas.",
                     "The TV maker denied it; GDP fell, and the Oscars and Christmas came.",
                     "The Oscars were held.")
    for word in ("TV", "GDP", "Christmas", "Oscars", "Exchange Commission"):
        assert word not in actors, word
    assert actors["Securities and Exchange Commission"][0] == "organisation"


def test_a_lone_name_after_an_office_only_people_hold_is_a_persons() -> None:
    actors = _actors("Ramos thanked Indonesian president Sukarnoputro on Friday.",
                     "Sukarnoputro replied, and industry analyst Datavista agreed.",
                     "Datavista published the figures.")
    assert actors["Sukarnoputro"][0] == "person"
    assert actors["Datavista"][0] == "organisation"  # firms are analysts too


def test_teams_that_only_open_the_lines_of_a_results_table_are_counted() -> None:
    actors = _actors("Results of Danish league games played on Sunday.",
                     "Aarhus 3 Odense 2 (halftime 1-0)", "Varnow 2 Kelsing 1 (halftime 1-1)",
                     "Varnow 4 2 1 7 3 7", "Flamboyant strikers scored twice.")
    assert actors["Varnow"][0] == "organisation"
    assert "Flamboyant" not in actors  # a word opening a sentence, competing nowhere


def test_names_in_a_cut_off_last_sentence_count_but_not_its_last_word() -> None:
    from policybrief.models import Article
    from policybrief.pipeline import brief_article

    brief = brief_article(Article(source="t.txt", paragraphs=(
        "Results of the Lakeside Open semifinals on Saturday.",
        "Zorab Qadri (Pakistan) beat Gavin Pryde (Australia) 15-7 17-15 and Rodney Haskett "
        "(Australia) beat Simon Dale",
    )))
    names = {a.name for a in brief.actors}  # type: ignore[union-attr]
    assert {"Zorab Qadri", "Gavin Pryde", "Australia", "Rodney Haskett"} <= names
    assert "Simon Dale" not in names and "Peter" not in names  # the cut may fall in a name


def test_whole_names_after_titles_suffixes_and_descriptors() -> None:
    found = {a.name: a for a in find_actors([Sentence(t, i + 1, i) for i, t in enumerate((
        "President George W Bush met Prime Minister Tony Blair.",
        "Singer-songwriter Tully Darby and Charles Buxton Jr spoke; Buxton said Darby won.",
        "Deutsche Asset Management sold its stake.",
    ))])}
    assert found["George W Bush"].role == "President"  # not "W Bush"
    assert found["Tony Blair"].role == "Prime Minister"  # the full stop is no part of a name
    assert found["Tully Darby"].count == 2  # "Singer-songwriter" describes him
    assert found["Charles Buxton Jr"].count == 2  # "Buxton" is his surname, not "Jr"
    assert found["Deutsche Asset Management"].kind == "company"


def test_english_words_without_a_given_name_name_a_thing_not_a_person() -> None:
    # an English adjective never opens a person's name; a plural noun rarely closes one
    assert classify(["Golden", "Pagoda"]) == ("Golden Pagoda", "organisation")
    assert classify(["Grand", "Alliance"])[1] == "organisation"  # type: ignore[index]
    assert classify(["Brannock", "Cables"]) == ("Brannock Cables", "organisation")
    assert classify(["Odile", "Banks"]) == ("Odile Banks", "person")  # a given name abroad
    assert classify(["Gordon", "Banks"]) == ("Gordon Banks", "person")
    assert _actors("Cardinal Basil Hume spoke.")["Basil Hume"][0] == "person"  # a title
    # a firm whose first word stands alone is no family name given first ("Zhou … Zhou said")
    actors = _actors("Brannock Cables won a contract in Peru.", "Brannock said sales rose.",
                     "Brannock expects more orders.")
    assert actors["Brannock Cables"][0] == "organisation"


def test_a_place_that_fields_players_or_is_listed_with_a_team_is_a_team() -> None:
    actors = _actors(
        "Former Leicester and Portsmouth striker Tom Hale joined Bristol on Monday.",
        "Hale said the Bristol fans had won him over.",
        "Rivals Oxford, Reading and Bath all won, and Oxford beat Swindon 2-0.",
    )
    for team in ("Leicester", "Portsmouth", "Bristol", "Bath", "Swindon", "Oxford"):
        assert actors[team][0] == "organisation", team
    places = _actors("Tom Hale lives in Bristol and works in Bath.", "Bristol is a port.")
    assert places["Bristol"][0] == places["Bath"][0] == "place"  # no squad, no fixture


def test_a_name_after_an_opening_word_a_number_or_a_particle() -> None:
    # a demonym after the word opening the sentence still comes before a person's name
    actors = _actors("Combative Australian Rodney Haskett lost.", "Haskett said he was tired.")
    assert actors["Rodney Haskett"] == ("person", 2)
    # a number opening a sentence is no part of a name
    assert "Two Wales" not in _actors("Two Wales players were booked.", "Wales lost.")
    # a lone word after a name's particle in small letters is a person's surname
    actors = _actors("Flanker Pieter van der Merwe scored twice.", "Van der Merwe was tired.",
                     "The coach praised van der Merwe.")
    assert actors["Merwe"][0] == "person"


def test_an_actor_retyped_after_counting_keeps_its_place_among_ties() -> None:
    # "Bristol" is read as a place and made a team afterwards; named as often as the
    # others, it still comes after the actors named before it
    sentences = [Sentence(t, 1, i) for i, t in enumerate([
        "Tom Hale and the Wexford Trust met on Monday.",
        "Tom Hale and the Wexford Trust then joined Bristol fans.",
        "Striker Amos Pye joined Bristol on Tuesday.",
    ])]
    names = [a.name for a in find_actors(sentences)]
    assert names.index("Tom Hale") < names.index("Bristol")
    assert names.index("Wexford Trust") < names.index("Bristol")


def test_an_abbreviated_title_the_splitter_keeps_is_no_part_of_a_name() -> None:
    from policybrief.brief.keyphrases import key_phrases

    text = "Sens. Tom Hadley and Ann Pruitt met the governor. Cpl. Joe Brand agreed."
    actors = {a.name: a.kind for a in find_actors([Sentence(text, 1, 0)])}
    assert actors.get("Tom Hadley") == "person" and actors.get("Joe Brand") == "person"
    assert not any(name.startswith(("Sens", "Cpl")) for name in actors)
    assert not any(p.split()[0] in ("Sens", "Cpl") for p in key_phrases([text]))


def test_no_name_begins_or_ends_on_an_english_function_word() -> None:
    """A heading's or a sentence's capitals ("Please Floyd, stay home", "… the VA. Instead
    …" run together) are no part of a name; a name the lexicon does not know keeps every
    word, whatever a tagger would guess ("Pan Am", "Mark Waugh")."""
    found = _actors(
        "Please Floyd, concentrate on the fight in Las Vegas.",
        "Floyd Mayweather trains in Las Vegas before the fight.",
        "Mark Waugh and Pan Am were named in the Sydney report.",
        "The report on Mark Waugh and Pan Am ran in Sydney.",
    )
    assert "Please Floyd" not in found and found["Floyd Mayweather"][0] == "person"
    assert {"Mark Waugh", "Pan Am"} <= set(found)
    # a run-on sentence's capitals end no name; a surname after a given name stays, though
    # English knows the word ("Rather", "Oh"), and so does a work's pronoun ("Doctor Who")
    found = _actors("Staff at the VA Instead said no.", "The VA Instead agreed to pay.",
                    "Dan Rather and Sandra Oh spoke.", "Dan Rather and Sandra Oh left.",
                    "Doctor Who returns in May.", "Doctor Who airs on Monday.")
    assert "VA" in found and "VA Instead" not in found
    assert {"Dan Rather", "Sandra Oh", "Doctor Who"} <= set(found)


def test_a_job_written_as_a_title_is_no_part_of_the_name() -> None:
    """"Astronaut Susan Still" is Susan Still (counted with her later mentions); an honorific
    stays the name's ("Sir Alan Rudd")."""
    found = _actors("Astronaut Susan Still flew the shuttle.", "Susan Still landed on Monday.",
                    "Sir Alan Rudd met the crew.", "Sir Alan Rudd praised them.")
    assert found["Susan Still"] == ("person", 2) and "Astronaut Susan Still" not in found
    assert "Sir Alan Rudd" in found
