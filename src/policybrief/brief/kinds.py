"""What kind of actor a run of capitalised words names: country, place, company,
organisation or person, or none.

A name is typed by evidence, most certain first: a country (pycountry and the aliases of
``names``), the word that ends a company's, an organisation's or an event's name, a place
of GeoNames, then a person only on a person's evidence: a title before the name ("Mr",
"President") or a given name first ("Gordon Brown"). A name of two or three capitalised
words with none of these is a person only when no word of it is a place: "Real Madrid" and
"Dynamo Moscow" are teams, "Milton Keynes" a town. A job alone ("Political Editor") is
no actor, nor part of a name after it ("Chief Executive Martin Lewis"), and a contraction
("We're") is no part of a name.
"""

from __future__ import annotations

import re
from functools import cache

import pycountry

from .gazetteer import common_words, given_names, place_kind, world_given_names
from .keyphrases import HONORIFICS, pos_tag
from .names import (
    CLUB_WORDS,
    COMMON_ACRONYMS,
    COMPANY_WORDS,
    COUNTRY_ALIASES,
    DEMONYMS,
    DIRECTIONS,
    EVENT_HEADS,
    MORE_COMPANY_WORDS,
    MORE_ORGANISATION_WORDS,
    NOT_NAMES,
    ORGANISATION_WORDS,
    PLACE_FIRST,
    PLACE_HEADS,
    PUBLIC_BANK_WORDS,
    REGIONS,
    TIME_ZONES,
    in_name_case,
    is_people,
    is_title,
)
from .roles import is_role_word

# an article opening a name abroad: no person's name opens so ("Le" does: "Le Pen")
FOREIGN_ARTICLES = frozenset({"Der", "Die", "Das", "El", "La", "Il", "Les", "Los", "Las"})
CONNECTORS = frozenset({"of", "for", "and", "the", "on", "&", "de", "du", "von"})
ACRONYM_RE = re.compile(r"[A-Z]{2,6}|(?:[A-Z]\.){2,4}")  # "NATO", "U.N."
COMPANY = COMPANY_WORDS | MORE_COMPANY_WORDS
ORGANISATION = ORGANISATION_WORDS | MORE_ORGANISATION_WORDS

Kind = tuple[str, str]  # (name, kind)


@cache
def countries() -> dict[str, str]:
    names: dict[str, str] = {}
    for country in pycountry.countries:
        common = getattr(country, "common_name", None) or country.name.split(",")[0]
        for name in (country.name, common, getattr(country, "official_name", None)):
            if name:
                names[name] = common
    names.update(COUNTRY_ALIASES)
    return names


def classify(words: list[str], titled: bool = False) -> Kind | None:
    """The actor ``words`` name, if any; ``titled``: a title stood before them."""
    name = " ".join(words)
    if words[0].title() in NOT_NAMES:  # "AUGUST", "Oct"
        return None
    found = _by_words(words, name)
    if found is not None and titled and found[1] == "place":
        return name, "person"  # "President Bush", "Mr Washington": the title says who
    if found is not None:
        return found if found[1] else None
    if len(words) == 1:
        if titled and name.lower() not in common_words():
            return name, "person"
        return (name, "organisation") if _acronym(name) else None
    if words[-1] in PLACE_HEADS or words[0] in PLACE_FIRST:
        return name, "place"
    if titled and len(words) <= 3:
        return name, "person"
    return _unlisted(words, name)


def _unlisted(words: list[str], name: str) -> Kind | None:
    """Words no list knows and no title names: a person's name unless they say otherwise."""
    if words[0] in FOREIGN_ARTICLES:  # "Der Spiegel", "El Al"; a place is found above
        return name, "organisation"
    if not _may_be_person(words):
        return None
    if words[0] in DIRECTIONS and len(words) == 2:  # "North West", "Northern Cape"
        return name, "place"
    if words[0] in given_names():
        return name, "person"
    if words[0] in world_given_names() and _surname_like(words[-1]):
        return name, "person"  # "Hamid Farouki", though Hamid is a town
    if is_role_word(words[-1]):
        return None  # "Political Editor", "Chief Executive": a job, no one's name
    if any(_names_a_place(word) for word in words):
        return name, "organisation"  # "Real Madrid", "Dynamo Moscow"; not "Corbin Delano"
    if all(word.lower() in common_words() for word in words) or worded_as_a_thing(words):
        return name, "organisation"  # "Human Rights", "Liberty Wall": no given name
    return name, "person"


def worded_as_a_thing(words: list[str]) -> bool:
    """Does an unlisted name read as English words naming a thing, not as a person's name?
    An English adjective opens it ("Golden Pagoda", "Grand Alliance": a given name never is
    one) or an English noun's plural closes it ("Brannock Cables", "Palm Springs": a surname
    in "-s" is rarely a plural noun, unless a given name of any language comes first, as in
    "Odile Banks"). Asked only once no Census given name opened the name."""
    first, last = words[0], words[-1]
    if first.lower() in common_words() and pos_tag(first.lower()) == "ADJ":
        return True
    return (last.endswith("s") and not last.endswith("ss") and last[:-1].lower() in common_words()
            and first not in world_given_names())


def _surname_like(word: str) -> bool:
    """Could the word close a person's name after a given name of another language? Not a
    place ("Olimpia Kassel"), an English word ("Corona Extra", "Duma Speaker") or a plural
    as teams are named ("Atlanta Braves")."""
    return not (_names_a_place(word) or word.lower() in common_words() or word.endswith("s"))


def _by_words(words: list[str], name: str) -> Kind | None:
    """What the name's words say it is; ``(name, "")`` for no actor (an event)."""
    table = countries()
    country = _country(words, name, table)
    if country is not None:
        return country, "country"
    if name in REGIONS:  # "West Bank" is no bank
        return name, "place"
    last = words[-1]
    if last in EVENT_HEADS and len(words) > 1:
        return name, ""
    if _public_bank(words):
        return name, "organisation"
    if words[0] in ORDINALS and "Bank" in words[1:]:  # "First Central Bank of Ohio"
        return name, "company"
    if last in COMPANY and len(words) > 1 and not any(w in ORGANISATION for w in words[:-1]):
        return name.rstrip("."), "company"  # not "Institute for Supply Management"
    if len(words) > 2 and words[1] == "of" and words[0] in COMPANY:  # "Bank of England"
        return name, "organisation" if " ".join(words[2:]) in table else "company"
    if (last in CLUB_WORDS and len(words) > 1) or any(w in ORGANISATION for w in words):
        return name, "organisation"
    if (len(words) > 1 and words[0] in DIRECTIONS and (
            " ".join(words[1:]) in table or " ".join(words[1:]) in REGIONS
            or place_kind(" ".join(words[1:])) not in (None, "town"))):
        return name, "place"
    place = place_kind(name)
    if place == "town" and len(words) == 1:  # "Dole", "Fasano": a surname as often
        place = None
    if place is not None and name not in NOT_NAMES:
        shown = in_name_case(name) if name.isupper() and len(name) > 3 else name
        return shown, "country" if place == "country" else "place"
    return None


def _country(words: list[str], name: str, table: dict[str, str]) -> str | None:
    """The country the name is, its demonym names ("Taiwanese") or its republic is
    ("Republic of Ireland", "Federal Republic of …")."""
    if name in table:
        return table[name]
    if name in DEMONYMS:
        return DEMONYMS[name]
    if len(words) > 2 and words[-3:-1] == ["Republic", "of"] and words[-1] in table:
        return table[words[-1]]
    return None


# an ordinal opening a bank's name makes it a firm's, whatever words follow: "First Keystone",
# "Fifth Third Bank", "First Central Bank of Ohio", "Second National Bank"
ORDINALS = frozenset({"First", "Second", "Third", "Fourth", "Fifth", "Sixth", "1st", "2nd"})


def _public_bank(words: list[str]) -> bool:
    """Is the bank a public institution by its name (``PUBLIC_BANK_WORDS``), or one named
    for a continent ("European Investment Bank", "African Development Bank")? A bank is
    otherwise a firm ("Barclays Bank", "Deutsche Bank"), unless a country's ("Bank of
    England", below); so is one whose name opens on an ordinal (``ORDINALS``), and one
    whose "Central" is no central bank's, not standing right before "Bank" ("Central
    Pacific Bank")."""
    if "Bank" not in words or words[0] in ORDINALS:
        return False
    return any(
        (word in PUBLIC_BANK_WORDS and (word != "Central" or following == "Bank"))
        or place_kind(DEMONYMS.get(word, "")) == "continent"
        for word, following in zip(words, [*words[1:], ""], strict=True))


def person_shaped(words: list[str]) -> bool:
    """Could these words be a person's name though no list says so ("Pierluigi Fasano",
    typed an organisation for its town-like word)? Then a lone mention of the last word
    ("Fasano said") is the evidence that makes it a person."""
    return (_may_be_person(words) and words[-1] not in PLACE_HEADS
            and place_kind(" ".join(words)) is None and not any(_names_a_place(w) for w in words)
            and not institution_worded(words) and not worded_as_a_thing(words))


def institution_worded(words: list[str]) -> bool:
    """Does a word of the name mark an organisation, a company, a club or an event?"""
    return any(w in ORGANISATION or w in COMPANY or w in CLUB_WORDS or w in EVENT_HEADS
               for w in words)


def _names_a_place(word: str) -> bool:
    """A country or a city ("Air France", "Dynamo Moscow"); a town's name is a surname as
    often ("Corbin Delano", "Pierluigi Fasano")."""
    return place_kind(word) not in (None, "town") or word in countries()


def _acronym(name: str) -> bool:
    """An organisation's acronym: not a time zone ("GMT"), a thing's ("TV", "GDP") or a
    word in capitals ("DATE")."""
    return (ACRONYM_RE.fullmatch(name) is not None and name not in TIME_ZONES
            and name not in COMMON_ACRONYMS
            and not (len(name) > 3 and name.lower() in common_words()))


DEMONYM_ENDINGS = ("ian", "ians", "ean", "eans", "ese")
# "Taiwan-made", "Bergamo-based", "Communist-led": a compound adjective, no part of a name
HYPHENATED_RE = re.compile(r"\w-(?:made|based|led|ruled|owned|backed|run|born|style|linked)$")


def _may_be_person(words: list[str]) -> bool:
    """Two or three words that could be a person's name: no connector, no demonym ("Former
    Italian", "Bosnian Serbs"), not a run of capitals or initials ("LAST SALE", "D L G")."""
    if not 2 <= len(words) <= 3 or words[0] in ("The", "One") or "-" in words[-1] or any(
            HYPHENATED_RE.search(w) for w in words):
        return False
    if is_people(" ".join(words)) or any(
            w in CONNECTORS or w in DEMONYMS or w.endswith(DEMONYM_ENDINGS) or is_people(w)
            for w in words):
        return False
    return not (all(w.isupper() for w in words) or all(len(w.rstrip(".")) == 1 for w in words))


CONTRACTION_RE = re.compile(r"(?i)(?P<stem>.+?)(?:[’'](?P<end>re|ve|ll|d|m|s)|n[’']t)")
CONTRACTED_TAGS = frozenset({"PRON", "ADV", "DET", "SCONJ"})  # "It's", "There's", "That's"


def is_contraction(token: str) -> bool:
    """"We're", "Don't", "It's", "I'd", "Let's": a contraction, never part of a name
    ("Smog. We're on it." names no Smog We're); not a possessive ("Trump's", "WHO's"), a
    name with an apostrophe ("O'Neill", "Sa'd")."""
    if "'" not in token and "’" not in token:
        return False
    match = CONTRACTION_RE.fullmatch(token.rstrip("."))
    if match is None:
        return False
    if match["end"] is None or match["end"].lower() in ("re", "ve", "ll"):
        return True
    stem = match["stem"]
    return stem == "I" or (not stem.isupper() and (stem == "Let" or pos_tag(stem) in CONTRACTED_TAGS))


def job_title_before(part: list[str], words: list[str], i: int) -> int | None:
    """Does ``words[i]`` end a job title before a given name ("Chief Executive Martin
    Lewis", "Labour MP Jane Smith")? Then the number of the title's words before it at the
    end of ``part``: other job words and the adjectives there ("Chief", "Political",
    "Managing"), not a body's name ("BBC", "Labour"); else None."""
    if i + 1 == len(words) or words[i + 1] not in given_names() or not is_role_word(words[i]):
        return None
    if is_title(words[i]):
        return 0  # "Federal Reserve Governor Warren Kendall": the words before are a body's
    before = 0
    while before < len(part) and _describes_job(part[-1 - before]):
        before += 1
    return before


def _describes_job(word: str) -> bool:
    """A job word, or an adjective or participle no body's name holds ("Chief", "Managing")."""
    return is_role_word(word) or (not word.isupper() and pos_tag(word) in ("ADJ", "VERB")
                                  and not institution_worded([word]))


def lone_name(word: str) -> bool:
    """Could this capitalised word, alone, be a name? Not an English word, a given name, a
    month or a run of capitals longer than an acronym."""
    return (
        len(word) >= 3
        and word[1:].islower()
        and word.isalpha()
        and word.lower() not in common_words()
        and word not in given_names()
        and word not in NOT_NAMES
        and not word.endswith(DEMONYM_ENDINGS)
        and not is_people(word)
        and word not in EVENT_HEADS  # "Olympics", "Oscars"
    )


# English words of these kinds begin no name ("Please Floyd") and end none but a pronoun
# ("VA Instead"; "Doctor Who"); an unknown word stays ("Pan Am" keeps its "Am")
NEVER_EDGE_TAGS = frozenset({"ADP", "ADV", "SCONJ", "CCONJ", "PRON", "PART", "INTJ"})


def english_function_word(word: str, last: bool = False) -> bool:
    """A word the lexicon knows, in lower case, as a preposition, adverb, conjunction,
    pronoun or interjection ("Please", "Instead", "With"): no name's first word, nor its
    last but a pronoun ("Doctor Who", "Take That"). Unknown names are left alone, whatever
    the tagger would guess for them ("Waugh")."""
    lower = word.lower()
    tag = pos_tag(lower) if not word.isupper() and lower in common_words() else ""
    return tag in NEVER_EDGE_TAGS and not (last and tag == "PRON")


def job_before_name(word: str, following: str) -> bool:
    """A common noun capitalised before a given name: a job or a description written as a
    title ("Astronaut Susan Still", "Superintendent Jennifer McCormick"), no part of the name;
    not an honorific ("Sir Alex Ferguson"), nor before a given name that is also a word
    ("World Junior Tennis")."""
    lower = word.lower()
    return not word.isupper() and following in given_names() and word not in given_names() \
        and following.lower() not in common_words() and lower in common_words() \
        and pos_tag(lower) == "NOUN" and not is_title(word) and lower not in HONORIFICS
