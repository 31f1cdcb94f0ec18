"""The office or role a text gives a person, where it says it: in apposition after the name
("Charles Clarke, the home secretary, said …" → Home Secretary) or before it ("The council
leader, Jane Smith, said …" → Council Leader), or as a title before it ("Prime Minister
Tony Blair", "Ifo economist Gernot Nerb"). Honorifics ("Mr", "Dr") are no roles, and a
role opens on no word of time or preposition ("Yesterday Prime Minister", "Since
President" are Prime Minister and President). The first statement in reading order wins;
a person the text gives no role has none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .gazetteer import common_words, given_names
from .keyphrases import pos_tag
from .names import NOT_NAMES, TIME_WORDS

ROLE_WORDS = (
    r"secretary|minister|president|vice[- ]president|chancellor|premier|leader|chairman|"
    r"chairwoman|chair|chief executive|executive|spokesman|spokeswoman|spokesperson|director|"
    r"governor|mayor|ambassador|senator|congressman|congresswoman|representative|judge|"
    r"general|commander|chief|head|envoy|commissioner|adviser|advisor|economist|analyst|"
    r"professor|lawyer|attorney|prosecutor|founder|co-founder|coach|manager|captain|king|"
    r"queen|prince|princess|pope|mp|mep|treasurer|speaker|whip|deputy|officer|strategist|"
    r"editor|correspondent|researcher|fellow|campaigner|activist|owner|striker|midfielder|"
    r"defender|goalkeeper"
)
WORD = r"[\w’'.-]+"
NAME = r"[A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*){0,3}"
# "…, the home secretary,", "…, a spokesman for the foreign ministry."
APPOSITION_RE = re.compile(
    rf"\b(?P<name>{NAME}),\s+(?:the |a |an )?(?P<role>(?:{WORD} ){{0,4}}?(?i:{ROLE_WORDS})"
    rf"(?: (?:of|for|at|to) (?:the )?[A-Z]{WORD}(?: (?:of |and )?[A-Z]{WORD}){{0,3}})?)"
    r"(?=\s*[,.;:)]|\s+(?:said|says|told|added|who)\b)"
)
# a word describing a role before its role word, no preposition ("the departure of its
# chairman, Sir Phil Gorrie," states no departure)
DESCRIBING = rf"(?!(?:of|for|to|at|in|on|by|with|from)\b){WORD}"
# "The council leader, Jane Smith, said", "a spokeswoman for the ministry, Anna Lee,"
APPOSITION_BEFORE_RE = re.compile(
    rf"\b(?i:the|a|an|its|his|her|their) (?P<role>(?:{DESCRIBING} ){{0,3}}?(?i:{ROLE_WORDS})"
    rf"(?: (?:of|for|at|to) (?:the )?[A-Z]{WORD}(?: (?:of |and )?[A-Z]{WORD}){{0,3}})?)"
    rf",\s+(?P<name>{NAME})(?=\s*,)"
)
NAME_IN_COMMAS_RE = re.compile(rf",\s+{NAME}(?=(\s*,))")
# "Home Secretary Charles Clarke", "US President Donald Trump", "Ifo economist Gernot Nerb",
# "Minister of Economic Affairs J.W. Kuo", and an office of two role words written small
# ("attorney general Kamala Harris": not "General")
TITLE_BEFORE_RE = re.compile(
    rf"\b(?P<role>(?:[A-Z]{WORD} ){{0,3}}(?:(?i:{ROLE_WORDS}) )?(?i:{ROLE_WORDS})"
    rf"(?: of (?:the )?(?:[A-Z]{WORD} ){{0,3}}?[A-Z]{WORD})?) (?P<name>{NAME})"
)
# where a title may end: a role word, found in the lower-cased text (a fast scan), and the
# capitalised words that may stand before it ("US President", "Ifo economist")
ROLE_WORD_RE = re.compile(rf"\b(?:{ROLE_WORDS})\b")
CAPITALS_BEFORE_RE = re.compile(rf"(?:[A-Z]{WORD} ){{0,3}}$")
SMALL_WORDS = frozenset({"of", "for", "at", "to", "the", "and", "a", "an"})


def is_role_word(word: str) -> bool:
    """Does the word name a job or an office ("Editor", "Executive", "MP", "Director")?"""
    return ROLE_WORD_RE.fullmatch(word.lower()) is not None
MAX_ROLE_WORDS = 8

Stated = list[tuple[str, str, bool]]  # (name as written, role, stated before the name)


def stated_roles(texts: Sequence[str]) -> Stated:
    """Every role the texts state, with the name it is stated for, in reading order; none
    by a relative clause or a coordination after a name ("Tadao Morozumi, who will take
    over as chairman,")."""
    found: Stated = []
    for text in texts:
        matches = [(m, False) for m in APPOSITION_RE.finditer(text)
                   if m["role"].split(" ", 1)[0].lower() not in NO_APPOSITION]
        matches += [(m, False) for m in _appositions_before(text)]
        matches += [(m, True) for m in _titles_before(text)]
        for match, before in sorted(matches, key=lambda item: item[0].start()):
            name = match["name"]
            if name.endswith(".") and len(name.rsplit(" ", 1)[-1]) > 2:  # "Tony Blair." ends a sentence
                name = name[:-1]
            role = _opened(match["role"])
            if role:
                found.append((name, role, before))
    return found


# the words a role does not open on: prepositions, conjunctions, adverbs ("Since
# President …", "Then Prime Minister …", "the then chief executive")
NOT_OPENING_TAGS = frozenset({"ADP", "ADV", "SCONJ", "CCONJ", "DET", "PRON", "AUX", "PART"})


def _opened(role: str) -> str:
    """The role less the words before it that are no part of it: a word of time or a
    function word capitalised to open the sentence ("Yesterday Prime Minister" → "Prime
    Minister", "Since President" → "President"), a common noun's possessive ("the
    gallery's director" → "director")."""
    words = role.split(" ")
    while len(words) > 1 and (words[0] in TIME_WORDS or words[0] in NOT_NAMES
                              or _function_word(words[0]) or POSSESSOR_RE.fullmatch(words[0])):
        words = words[1:]
    return " ".join(words)


# a relative clause or a coordination after a name: "…, who will become chairman,", "…, and
# the country's new president,"
NO_APPOSITION = frozenset({"who", "whose", "which", "that", "and", "or", "but"})
POSSESSOR_RE = re.compile(r"[a-z]+[’']s")  # "the country's new president": whose, no role


def _function_word(word: str) -> bool:
    """A word of the lexicon whose tag says it opens no role (not an acronym, "US", nor a
    name the tagger guesses at, "Norwich striker")."""
    return (not word.isupper() and word.lower() in common_words()
            and pos_tag(word) in NOT_OPENING_TAGS)


def _appositions_before(text: str) -> list[re.Match[str]]:
    """``APPOSITION_BEFORE_RE``'s matches, sought only before a name between commas, and
    none in a sentence's opening phrase (``_in_opening_phrase``)."""
    found: dict[int, re.Match[str]] = {}
    for name in NAME_IN_COMMAS_RE.finditer(text):
        for match in APPOSITION_BEFORE_RE.finditer(text, max(0, name.start() - 120), name.end(1)):
            if not _in_opening_phrase(text, match.start()):
                found.setdefault(match.start(), match)
    return list(found.values())


# a comma or a stop between clauses: the words after the last one open the clause
CLAUSE_BREAK_RE = re.compile(r"[.!?;:,]\s+|\n")
PREPOSITIONS = frozenset({"of", "for", "to", "at", "in", "on", "by", "with", "from", "about",
                          "after", "before", "against", "among", "between", "into", "over",
                          "under", "without", "towards", "toward", "than", "like", "via"})


def _in_opening_phrase(text: str, start: int) -> bool:
    """Is the role before the name the object of a preposition in the phrase that opens the
    sentence or the clause ("In a letter to the chairman, John Smith, a retired teacher,
    complained", "Writing to the chairman, John Smith, a farmer, said")? The comma after it closes
    that phrase, and the name is the subject, not the role's. A role opening the sentence
    or clause ("The council leader, Jane Smith, said") or the object of a preposition
    within it ("quit after the resignation of its finance director, Walter Vijver,") is
    an apposition."""
    head = text[max(0, start - 200):start]
    opening = CLAUSE_BREAK_RE.split(head)[-1].split()
    if len(opening) < 2 or opening[-1].lower().strip("’'") not in PREPOSITIONS:
        return False
    first = opening[0]
    # a verb opens a phrase only opening the sentence: after a comma it goes on a clause
    return first.lower() in PREPOSITIONS or (first[:1].isupper() and pos_tag(first) == "VERB")


def _titles_before(text: str) -> list[re.Match[str]]:
    """``TITLE_BEFORE_RE``'s matches, sought only where a role word stands."""
    found: list[re.Match[str]] = []
    end = 0
    for role in ROLE_WORD_RE.finditer(text.lower()):
        if role.start() < end:
            continue
        head = CAPITALS_BEFORE_RE.search(text, max(end, role.start() - 120), role.start())
        start = head.start() if head else role.start()
        match = TITLE_BEFORE_RE.match(text, start) or TITLE_BEFORE_RE.match(text, role.start())
        if match:
            found.append(match)
            end = match.end()
    return found


def role_of(name: str, stated: Stated) -> str | None:
    """The role stated for the person ``name``: for their full name first, else for their
    surname ("Mr Clarke, the home secretary," is Charles Clarke's). Capitalised words
    between a title and the name belong to the title ("Minister of Economic Affairs J.W.
    Kuo": the name is J.W. Kuo), a given name excepted: a role never ends on one. A
    given name written before the surname asked for is another person's ("Chief Executive
    Martin Lewis" is not Bob Lewis); before the full name asked for, the same person's
    ("Planning Minister Julio De Marchi" is De Marchi's: Planning Minister)."""
    for called in [name] + ([name.split()[-1]] if " " in name else []):
        for written, role, before in stated:
            if written == called or written.endswith(" " + called):
                extra = written[: len(written) - len(called)].strip()
                named = any(word in given_names() for word in extra.split())
                if named and called != name:
                    continue  # "Martin Lewis" is not the Lewis asked for
                shown = _shown(f"{role} {extra}" if before and extra and not named else role)
                if shown:
                    return shown
    return None


def _shown(role: str) -> str | None:
    """The role as a headline writes it ("Home Secretary"); none for a run of words too
    long to be one, or for a role that is only a name's capitals ("Prime")."""
    words = role.split()
    if not words or len(words) > MAX_ROLE_WORDS:
        return None
    shown = [w if w.lower() in SMALL_WORDS and i else w[:1].upper() + w[1:] for i, w in enumerate(words)]
    return " ".join(shown)
