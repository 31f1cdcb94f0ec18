"""The office or role a text gives a person, where it says it: in apposition after the name
("Charles Clarke, the home secretary, said …" → Home Secretary) or as a title before it
("Prime Minister Tony Blair", "Ifo economist Gernot Nerb"). Honorifics ("Mr", "Dr") are
no roles. The first statement in reading order wins; a person the text gives no role has
none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

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
# "Home Secretary Charles Clarke", "US President Donald Trump", "Ifo economist Gernot Nerb",
# "Minister of Economic Affairs J.W. Kuo"
TITLE_BEFORE_RE = re.compile(
    rf"\b(?P<role>(?:[A-Z]{WORD} ){{0,3}}(?i:{ROLE_WORDS})"
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
    """Every role the texts state, with the name it is stated for, in reading order."""
    found: Stated = []
    for text in texts:
        matches = [(m, False) for m in APPOSITION_RE.finditer(text)]
        matches += [(m, True) for m in _titles_before(text)]
        for match, before in sorted(matches, key=lambda item: item[0].start()):
            name = match["name"]
            if name.endswith(".") and len(name.rsplit(" ", 1)[-1]) > 2:  # "Tony Blair." ends a sentence
                name = name[:-1]
            found.append((name, match["role"], before))
    return found


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
    Kuo": the name is J.W. Kuo)."""
    for called in [name] + ([name.split()[-1]] if " " in name else []):
        for written, role, before in stated:
            if written == called or written.endswith(" " + called):
                extra = written[: len(written) - len(called)].strip()
                shown = _shown(f"{role} {extra}" if before and extra else role)
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
