"""How counted mentions are merged and typed once an article is read: a person's later
mentions by surname or by a family name given first, an organisation's by the acronym its
name spells, lone words no list knows (a person after a title, a place after "in", else
an organisation when named twice), and towns or cities that compete (their teams). And
where a name holding a list goes on past a comma, which the acronym after it may show.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

from ..prose import NAME_PARTICLES
from .gazetteer import given_names
from .kinds import (
    ACRONYM_RE,
    CONNECTORS,
    Kind,
    countries,
    institution_worded,
    person_shaped,
    worded_as_a_thing,
)
from .names import REGIONS

WORD_RE = re.compile(r"\w+")
SUFFIXES = frozenset({"Jr", "Sr", "II", "III", "IV"})  # after a surname, not one
UNKNOWN = "?"  # the kind of a lone capitalised word no list knows ("Samsung", "Okafor")


def merge_surnames(counts: Counter[Kind], texts: list[str], first: dict[Kind, int]) -> None:
    """Count a person's later mentions by surname ("Brown", "Mr Brown", "Brown's") for the
    full name given first ("Gordon Brown"); of several people with one surname ("Boris
    Velikov", "Naila Velikov"), for the one named first. A name no list knows as a person's
    ("Pierluigi Fasano") becomes one when its last word is used alone ("Fasano said")."""
    by_surname: dict[str, list[Kind]] = {}
    for key in sorted(counts, key=lambda key: first.get(key, 0)):
        words = key[0].split()
        while len(words) > 2 and words[-1].rstrip(".") in SUFFIXES:  # "Charles Buxton Jr"
            words = words[:-1]
        if len(words) >= 2 and (key[1] == "person" or (
                key[1] == "organisation" and person_shaped(words))):
            by_surname.setdefault(words[-1], []).append(key)
    text = "\n".join(texts)
    words_written = Counter(WORD_RE.findall(text)) if by_surname else Counter()
    for surname, keys in by_surname.items():
        if len(surname) < 3:
            continue
        bare = words_written[surname] if WORD_RE.fullmatch(surname) else len(
            re.findall(rf"\b{re.escape(surname)}\b", text))  # "O'Neill": a rare compile
        lone = bare - sum(counts[key] for key in keys)
        people = [key for key in keys if key[1] == "person"]
        if not people and lone <= 0:
            continue  # an organisation's name after all: its last word never stands alone
        for key in keys:
            if key[1] != "person":  # the last word alone: a person's surname
                counts[key[0], "person"] += counts.pop(key)
                first.setdefault((key[0], "person"), first.get(key, 0))
        for kind in ("person", "place", UNKNOWN):
            counts.pop((surname, kind), None)
        if lone > 0:
            counts[keys[0][0], "person"] += lone
    _merge_family_names(counts)


def _merge_family_names(counts: Counter[Kind]) -> None:
    """A name whose first word also stands alone is a person's, named family name first
    ("Zhou Anshan" … "Zhou said") or by a first name alone ("Zorab Qadri" … "Zorab")."""
    for key in [key for key in counts if len(key[0].split()) == 2]:
        first_word = key[0].split()[0]
        alone = counts.get((first_word, UNKNOWN), 0)
        if not alone or key not in counts or key[1] not in ("person", "organisation") \
                or institution_worded(key[0].split()) \
                or (key[1] == "organisation" and worded_as_a_thing(key[0].split())):
            continue  # "Brannock Cables" … "Brannock said": a firm's name, its first word short
        n = counts.pop(key) + counts.pop((first_word, UNKNOWN))
        counts[key[0], "person"] += n


# where a place stands: "fighting in Morvadra", "near Zelvana", "north of Grozny"
# or what it is: "the town of Morvadra", "the island of Skarvik"
LOCATIVE_RE = re.compile(r"\b(?:in|near|outside|around|towards|across|(?:north|south|east|west)"
                         r"(?:-?(?:east|west))? of|(?:town|city|village|state|province|region"
                         r"|island|district|port|capital|county)s? of) ([A-Z][\w'’-]+)")
# or the country after it: "Morvadra, Tajikistan", "ZELVANA, Bosnia"
SITED_IN_RE = re.compile(r"\b([A-Z][\w'’-]+), ([A-Z][a-z]+(?: [A-Z][a-z]+)?)(?![\w'’-])")


def type_lone_words(counts: Counter[Kind], text: str) -> None:
    """A lone word no list knows is an actor when it is named twice or more: a person when
    a title or an office stood before it too ("Mr Okafor", "president Suharto") or a name's
    particle in small letters (``NAME_PARTICLES``: "van der Merwe", "del Bosque"), a place
    when most of its mentions stand after "in", "near" or "north of" ("in Morvadra"), else
    an organisation ("Samsung")."""
    unknown = [key for key in counts if key[1] == UNKNOWN]
    located = _located(text) if unknown else Counter()
    titled = set(OFFICE_BEFORE_RE.findall(text) + PARTICLE_BEFORE_RE.findall(text)) if unknown else set()
    for key in unknown:
        n = counts.pop(key)
        if (key[0], "person") in counts or key[0] in titled:
            counts[key[0], "person"] += n
        elif n >= 2:
            kind = "place" if 2 * located[key[0]] >= n else "organisation"
            counts[key[0], kind] += n


# an office only a person holds, written before a lone name: "Indonesian president Suharto",
# "midfielder Tessaro" (not "analyst Datamonitor", "market leader Omnicom", "vice president
# Boeing": firms too are analysts, leaders, and have presidents)
PERSON_OFFICES = (
    r"president|minister|secretary|chancellor|premier|senator|governor|mayor|ambassador|judge|"
    r"general|commander|coach|captain|king|queen|prince|princess|pope|striker|midfielder|"
    r"defender|goalkeeper|spokesman|spokeswoman|prosecutor|lawyer|professor|dictator|colonel"
)
OFFICE_BEFORE_RE = re.compile(
    rf"(?<!vice )(?<!vice-)\b(?:{PERSON_OFFICES}) ([A-Z][a-z][\w'’-]*)\b(?![\w'’-]* [A-Z])")


# a surname after the particle a person's name holds: "Joost van der Merwe … van der Merwe"
PARTICLE_BEFORE_RE = re.compile(
    rf"(?<![\w'’-])(?:(?:{'|'.join(sorted(NAME_PARTICLES))}) )+([A-Z][a-z][\w'’-]*)\b")


def _located(text: str) -> Counter[str]:
    """How often each capitalised word stands where a place stands (``LOCATIVE_RE``, or
    before its country: ``SITED_IN_RE``)."""
    located = Counter(LOCATIVE_RE.findall(text))
    known = countries()
    for word, country in SITED_IN_RE.findall(text):
        if country in known or country in REGIONS:
            located[word.title() if word.isupper() else word] += 1
    return located


# A place as a competitor: before a score or a standing ("Aarhus 3 Odense 2", "DENVER 70 62"),
# or beside "beat", "v", "at" in a fixture ("Lancashire beat Durham", "DENVER AT
# PHOENIX"). A town or city that competes is its team, an organisation.
RUN = r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}"
SCORE_AFTER = r"\s+\d{1,3}(?![\d,.:/-]?\d)(?!\s*(?:%|per|years?|days?|people|km|miles)\b)"
FIXTURE = r"beat|beats|defeated|edged|thrashed|drew with|lost to|v|vs|AT"
COMPETING_RE = re.compile(rf"(?P<scored>{RUN}){SCORE_AFTER}"
                          rf"|(?P<home>{RUN})\s+(?:{FIXTURE})\s+(?P<away>{RUN})")


# A place whose player, captain or fans the text names ("Sussex captain Tom Hale", "the
# former Leeds and Everton striker"), or that a player joins, is its team too
SQUAD_WORDS = (r"captain|skipper|striker|forward|midfielder|defender|goalkeeper|keeper|batsman|"
               r"bowler|all-rounder|wicketkeeper|coach|manager|player|players|team-mate|"
               r"teammate|fans|supporters")
SQUAD_RE = re.compile(rf"(?P<sides>{RUN}(?:(?:, | and ){RUN})*)(?:'s)? (?:{SQUAD_WORDS})\b"
                      rf"|\bjoined (?P<joined>{RUN})")
# names listed together ("Kent, Durham and Sussex"): one kind of thing, all competing
# where one of them competes elsewhere
LISTED_RE = re.compile(rf"{RUN}(?:, {RUN})*,? and {RUN}")
LIST_SEPARATOR_RE = re.compile(r",? and |, ")


def _competing(text: str) -> Counter[str]:
    """How often each run of capitalised words (title-cased) competes or fields a squad."""
    competing: Counter[str] = Counter()
    for match in COMPETING_RE.finditer(text):
        for group in ("scored", "home"):  # the run's last words name the competitor
            words = (match[group] or "").split()
            competing.update(" ".join(words[i:]).title() for i in range(len(words)))
        words = (match["away"] or "").split()  # and the away side's first words
        competing.update(" ".join(words[:i]).title() for i in range(1, len(words) + 1))
    for match in SQUAD_RE.finditer(text):
        for side in LIST_SEPARATOR_RE.split(match["sides"] or match["joined"]):
            words = side.split()  # the run's last words name the side
            competing.update(" ".join(words[i:]).title() for i in range(len(words)))
    return competing


def place_teams(counts: Counter[Kind], text: str) -> None:
    """Make a place an organisation when most of its mentions have it compete, field a
    squad or stand in a list beside a team."""
    places = [key for key in counts if key[1] == "place"]
    if not places:
        return
    competing = _competing(text)
    for match in LISTED_RE.finditer(text):
        first, *rest = LIST_SEPARATOR_RE.split(match[0])
        words = first.split()  # "Rivals Oxford, Reading and Bath": the first run's last words
        listed = [" ".join(words[i:]).title() for i in range(len(words))] + [
            name.title() for name in rest]
        if any(competing[name] for name in listed):
            competing.update(listed)
    for key in places:
        n = competing[key[0].title()]
        if n and n * 2 >= counts[key]:
            counts[key[0], "organisation"] += counts.pop(key)


def bodies_after_the(counts: Counter[Kind], text: str) -> None:
    """A name taken for a person's though no given name opens it is a body's when the text
    writes "the" before it ("the White Sox", "the International Red Cross"): people go
    without an article."""
    for key in [key for key in counts if key[1] == "person"]:
        words = key[0].split()
        if len(words) >= 2 and words[0] not in given_names() and _written_after_the(key[0], text):
            counts[key[0], "organisation"] += counts.pop(key)


def _written_after_the(name: str, text: str) -> bool:
    """Does "the <name>" stand in the text as whole words? (A plain search: no pattern is
    compiled per name.)"""
    needle = f"the {name}"
    at = text.find(needle)
    while at != -1:
        end = at + len(needle)
        if (at == 0 or not text[at - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            return True
        at = text.find(needle, at + 1)
    return False


OPENING_SCORE_RE = re.compile(rf"(?m)^([A-Z][\w.'’-]*){SCORE_AFTER}")


def opening_competitors(counts: Counter[Kind], opening: Counter[Kind], text: str) -> None:
    """Count the lone words that only ever open a line when they compete there: a team in
    a results table ("Varnow 2 Kelsing 1", "Tarvos 58 1 49 .542"). Other words opening a
    sentence count only for an actor named elsewhere too (the caller adds those)."""
    scored = Counter(OPENING_SCORE_RE.findall(text))
    for key, n in opening.items():
        if key not in counts and scored[key[0]]:
            counts[key] += n


# an acronym written in mixed case, a small word's letter in it: "DoH", "MoD", "DfE", "FedEx"
MIXED_ACRONYM_RE = re.compile(r"(?=.*[a-z])[A-Z][a-z]{0,2}[A-Z][A-Za-z]{0,2}")


def stands_for(acronym: str, words: list[str], strict: bool = False) -> bool:
    """Do the acronym's letters spell the name's words in order? Each capitalised word
    gives its first letter or a run of its first letters, a small word ("of", "and") its
    first letter or none, and a hyphenated word's later parts may give none: "NATO",
    "Defra" (Department for Environment, Food and Rural Affairs), "DoH" (Department of
    Health), "MoD" (Ministry of Defence), "Ofcom" (Office of Communications), "OECD"
    (Organisation for Economic Co-operation and Development). Not "Bank" for Barclays Bank.
    ``strict``: each capitalised word gives its first letter alone, and any other word or
    part one letter or none ("NATO" is no "National Tourism Organisation")."""
    letters = "".join(c for c in acronym.lower() if c.isalpha())
    pieces: list[tuple[str, bool]] = []  # (letters of a piece, must give one)
    for word in words:
        parts = word.strip(",").split("-")
        pieces += [(part.lower(), i == 0 and part[:1].isupper()) for i, part in enumerate(parts)]
    if not letters or len(pieces) < 2 or not pieces[0][1]:
        return False
    if strict:
        pieces = [(piece[:1], needed) for piece, needed in pieces]
    return _spells(letters, tuple(pieces))


def _spells(letters: str, pieces: tuple[tuple[str, bool], ...]) -> bool:
    """``stands_for``'s search: may ``letters`` be spelt by prefixes of ``pieces``?"""
    if not pieces:
        return not letters
    (piece, needed), rest = pieces[0], pieces[1:]
    longest = 0
    while longest < min(len(piece), len(letters)) and piece[longest] == letters[longest]:
        longest += 1
    return any(_spells(letters[n:], rest) for n in range(longest, 0 if needed else -1, -1))


# bodies the world knows by an acronym, with their full names: the acronym written alone is
# that body, never another whose name merely spells it ("University of Nottingham … the
# UN", "National Housing Scheme … the NHS") unless the text brackets it after that name
KNOWN_ACRONYMS: dict[str, frozenset[str]] = {
    short: frozenset(names.split("|")) for short, names in {
        "UN": "United Nations", "EU": "European Union", "US": "United States",
        "USA": "United States of America", "UK": "United Kingdom",
        "NATO": "North Atlantic Treaty Organization|North Atlantic Treaty Organisation",
        "FBI": "Federal Bureau of Investigation", "CIA": "Central Intelligence Agency",
        "NSA": "National Security Agency", "NHS": "National Health Service",
        "WHO": "World Health Organization|World Health Organisation",
        "WTO": "World Trade Organization|World Trade Organisation",
        "IMF": "International Monetary Fund", "ECB": "European Central Bank",
        "OPEC": "Organization of the Petroleum Exporting Countries|Organization of Petroleum "
                "Exporting Countries|Organisation of Petroleum Exporting Countries",
        "OECD": "Organisation for Economic Co-operation and Development|Organization for "
                "Economic Cooperation and Development|Organisation for Economic Cooperation "
                "and Development",
        "IAEA": "International Atomic Energy Agency", "NASA": "National Aeronautics and Space "
        "Administration", "BBC": "British Broadcasting Corporation",
        "IRA": "Irish Republican Army", "ANC": "African National Congress",
        "PLO": "Palestine Liberation Organization|Palestine Liberation Organisation",
        "AU": "African Union", "ASEAN": "Association of Southeast Asian Nations|Association "
        "of South East Asian Nations", "UNESCO": "United Nations Educational, Scientific and "
        "Cultural Organization", "UNICEF": "United Nations Children's Fund",
        "UNHCR": "United Nations High Commissioner for Refugees", "ICC": "International "
        "Criminal Court", "ICJ": "International Court of Justice", "IOC": "International "
        "Olympic Committee", "FDA": "Food and Drug Administration", "EPA": "Environmental "
        "Protection Agency", "SEC": "Securities and Exchange Commission",
        "IRS": "Internal Revenue Service", "FTC": "Federal Trade Commission",
    }.items()
}


def spelt_alone(acronym: str, name: str) -> bool:
    """May an acronym written alone count for the organisation ``name`` named in full? Only
    if its letters are the initials of all the name's capitalised words in order, the
    small words' given or not ("MoD", "DoH", "Defra"; ``stands_for``, strict), and it is
    no body known by it (``KNOWN_ACRONYMS``) but that one."""
    known = KNOWN_ACRONYMS.get(acronym.replace(".", ""))
    if known is not None:
        return name in known
    return stands_for(acronym, name.split(), strict=True)


def is_acronym_shaped(word: str) -> bool:
    """Written as an organisation's acronym is: in capitals ("NATO", "U.N.") or in mixed
    case ("DoH", "MoD")."""
    return ACRONYM_RE.fullmatch(word) is not None or MIXED_ACRONYM_RE.fullmatch(word) is not None


def merge_acronyms(counts: Counter[Kind], opening: Counter[Kind], first: dict[Kind, int]
                   ) -> dict[str, Kind]:
    """Count an acronym written alone ("the MoD", "DoH said") for the organisation or
    company whose full name it spells strictly (``spelt_alone``), named earlier ("the
    Ministry of Defence"): the first named of several. An acronym bracketed after a name
    is its short name already (``_Tally.read``). The acronyms so merged, by the actor they
    name."""
    merged: dict[str, Kind] = {}
    acronyms = [key for key in [*counts, *opening]
                if key[1] in ("organisation", UNKNOWN) and is_acronym_shaped(key[0])]
    if not acronyms:
        return merged
    bodies = sorted((key for key in counts if key[1] in ("organisation", "company")
                     and " " in key[0]), key=lambda key: first.get(key, 0))
    for key in acronyms:
        initial = key[0][0]
        full = next((body for body in bodies
                     if body[0][0] == initial and spelt_alone(key[0], body[0])), None)
        if full is not None:
            # an acronym opening a sentence was added to its count if it was counted at all
            n = counts.pop(key) if key in counts else opening.get(key, 0)
            opening.pop(key, None)
            counts[full] += n
            merged.setdefault(key[0], full)
    return merged


def _spelt_in_brackets(current: list[str], tokens: list[str], after: int) -> bool:
    """After "Department for Environment," do capitalised words, commas and "and" run on
    to a bracketed short name that spells the whole ("Food and Rural Affairs (Defra)")?"""
    words = list(current)
    for j in range(after, min(after + 12, len(tokens) - 2)):
        token = tokens[j]
        if token == "(":
            short = tokens[j + 1]
            return tokens[j + 2] == ")" and short_for(short, words)
        if token != "," and not token[:1].isupper() and token not in CONNECTORS:
            return False
        if token != ",":
            words.append(token)
    return False


def short_for(short: str, words: list[str]) -> bool:
    """Is ``short`` (one word of up to eight letters, a capital first) the short name of the
    name that ``words`` end on?"""
    if not (short[:1].isupper() and len(short) <= 8 and short.replace(".", "").isalpha()):
        return False
    return any(stands_for(short, words[k:]) for k in range(len(words) - 1)
               if words[k][:1].isupper())

# "Ministry of Economy, Trade and Industry": an official name holding a list
NAMED_LIST_HEADS = frozenset({"Ministry", "Department", "Office", "Bureau", "Secretary", "Committee"})


def named_list_goes_on(current: list[str], tokens: list[str], after: int) -> bool:
    """Does the name ``current`` go on after a comma, as an official name holding a list
    ("Ministry of Economy, Trade and Industry") or one its bracketed short name spells
    ("Department for Environment, Food and Rural Affairs (Defra)")?"""
    return _list_of_names_goes_on(current, tokens, after) or _spelt_in_brackets(current, tokens, after)


def _list_of_names_goes_on(current: list[str], tokens: list[str], after: int) -> bool:
    """After "Ministry of Economy," do capitalised words run on to "and Industry"?"""
    if not any(head in NAMED_LIST_HEADS and word == "of" for head, word in pairwise(current)):
        return False
    known = countries()
    for j in range(after, min(after + 8, len(tokens) - 1)):
        token = tokens[j]
        if token == "and":
            following = tokens[j + 1]
            return following[:1].isupper() and following.rstrip(",.") not in known
        if token == ",":
            continue
        if not token[:1].isupper() or token in known:
            return False
    return False
