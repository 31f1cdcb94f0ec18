"""Headline style for a made title's words: people by surname, and a subject's own news
without "said it".

- **Surnames.** A headline names a person by surname, without the given name, honorific or
  job before it ("Harbour City manager Aldo Ferrante resigned" → "Ferrante resigned"), as news
  writing does after its first mention. Two capitalised words are a person's given name and
  surname when the article calls the person by the second alone too (more often than by
  both), the first is no acronym, common word nor place ("Paris Saint-Germain"), and the
  second ends no firm's, team's, body's or event's name ("Mittal Steel", "Manchester
  United"), nor is a common word unless the first is a given name of the Census list of
  ``gazetteer`` ("Gordon Brown", not "Soul Train Music Awards"). Before a
  name at a title's start, the words describing the subject go with the given name (at
  most ``DESCRIPTOR_WORDS``, no preposition, article or verb among them: "Rock singer Noel
  Hartigan" → "Hartigan"); elsewhere the honorific or title before it ("Judge"). After an
  office ("US Secretary of State Marco Rubio"), a Census given name goes with the office
  though the article never uses the surname alone: the office says it is a person.
- **Short forms.** A name the article also writes as its initials is written so, as
  headlines do: "General Motors" → "GM", "London Stock Exchange" → "LSE", when the rest of
  the article uses "GM" (2 to 5 capitals, the initials of the name's capitalised words).
- **A firm's or a work's description.** Before a name at a title's start, the words that
  describe it and end in a common noun go, as for a person: "US retail giant Walmart
  posts …" → "Walmart posts …", "Road comedy Sideways" → "Sideways"; not a name's
  words nor a verb's form mistaken for a noun ("Dawson admits Hearts …", "Norway lent
  Chile …"). So after a preposition or a verb: "shares in US phone firm Telcom" → "shares
  in Telcom", "takes new band Glassriders on tour" → "takes Glassriders on tour".
- **A subject's own news.** "Oracle announced it is cutting 5,000 jobs" is Oracle's news
  about itself: the headline says "Oracle cutting 5,000 jobs". Only at the main clause's
  first verb, one that passes a claim on (said, confirmed, announced …; not "denied"), and
  before a subject pronoun ("it", "they"), so the speaker is whom the news is about.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from . import names
from .gazetteer import common_words, given_names, place_kind, world_given_names
from .keyphrases import pos_tag
from .tense import CLAUSE_OPENERS, verb_form
from .verbs import IRREGULAR

ACRONYM_RE = re.compile(r"\b[A-Z]{2,5}\b")
HONORIFICS = frozenset({"Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Lord", "Lady", "Dame"})
PEERAGE = frozenset({"Sir", "Lord", "Lady", "Dame", "Baroness", "Baron"})  # "Lord Sugar" stays
REGNAL = frozenset({"King", "Queen", "Prince", "Princess", "Pope", "Emperor", "Empress"})
DESCRIPTOR_WORDS = 4  # at most this many words describe a subject before its name
# the last words of a firm's, a team's, a body's or an event's name: no surnames
NOT_SURNAMES = (names.COMPANY_WORDS | names.MORE_COMPANY_WORDS | names.ORGANISATION_WORDS
                | names.MORE_ORGANISATION_WORDS | names.CLUB_WORDS | names.EVENT_HEADS
                | names.PLACE_HEADS)
# prepositions the lexicon reads as nouns: no description ends on one ("chip inside Sony's …")
PREPOSITIONS_READ_AS_NOUNS = frozenset({"inside", "outside", "amid", "amidst", "alongside", "beside"})
NOT_DESCRIPTORS = frozenset({"ADP", "DET", "VERB", "AUX", "PRON", "SCONJ", "CCONJ", "PART"})


def _bare(word: str) -> str:
    return word.strip(",;:'’\"“”")


def _plain(word: str) -> bool:
    """A word with no punctuation or possessive on it ("Britain's", "Smith,")."""
    return word == _bare(word) and not word.endswith(("'s", "’s"))


def _first_name(word: str, following: str) -> bool:
    """Whether ``word`` may open a person's name that goes on with ``following``: both
    capitalised, ``word`` no acronym, common word nor place, ``following`` no word of a
    firm's, team's, body's or event's name, nor a common word after anything but a given
    name of the Census list ("Gordon Brown", not "Soul Train Music")."""
    return (word[:1].isupper() and not word.isupper() and following[:1].isupper()
            and word.lower() not in common_words() and place_kind(word) is None
            and following not in NOT_SURNAMES
            and (following.lower() not in common_words() or word in given_names()))


TALLY_WORD_RE = re.compile(r"\w[\w-]*")


class _NameTally:
    """How often the article writes each word (no possessives or punctuation), counted once,
    and only when a title holds a name to look up."""

    def __init__(self, body: Sequence[str]) -> None:
        self.text = " ".join(body)
        self.words: Counter[str] | None = None

    def count(self, word: str) -> int:
        if self.words is None:
            self.words = Counter(TALLY_WORD_RE.findall(self.text))  # "Blair's" → "Blair", "s"
        return self.words[word]

    def called_by_surname(self, given: str, surname: str) -> bool:
        """Whether the article names the person by ``surname`` without ``given`` before it."""
        return self.count(surname) > self.text.count(f"{given} {surname}")

    def surname_after_title(self, title: str, surname: str) -> bool:
        """Whether ``surname`` after ``title`` is a person's: the article calls the person by
        it alone too, or never writes it and it is no common word (the title says it is a
        person's: "President Norvell"; "General Electric" is a firm's name); not a name the
        article always writes with its title ("Dr Reddy's", a firm)."""
        return self.called_by_surname(title, surname) or (
            not self.count(surname) and surname.lower() not in common_words())


def _without_possessive(word: str) -> str:
    return _bare(word).removesuffix("'s").removesuffix("’s")


def surnames(words: list[str], body: Sequence[str]) -> list[str]:
    """``words`` with each person named by surname alone (see the module)."""
    tally = _NameTally(body)
    out: list[str] = []
    for i, word in enumerate(words):
        following = _bare(words[i + 1]) if i + 1 < len(words) else ""
        if out and _title_of_surname(out[-1], word, following) and not (len(out) > 1 and _a_name(out[-2])) \
                and tally.surname_after_title(_bare(out[-1]), _without_possessive(word)):
            while out and (_title_of_surname(out[-1], word, following) or _bare(out[-1]).isupper()):
                out.pop()  # "US President Trump" → "Trump", as the article calls him
            out.append(word)
            continue
        if not (_plain(word) and _first_name(word, following) and (
                tally.called_by_surname(word, _without_possessive(following))
                or (word in given_names() and _titled(out)))):
            out.append(word)
            continue
        start = len(out)
        while out and _plain(out[-1]) and _first_name(out[-1], word):
            out.pop()  # the given names before: "Ole Gunnar Solskjaer"
        if start == i and _describes(out):
            out.clear()  # the subject's description: "Rock singer Noel Hartigan"
        while out and (_bare(out[-1]) in HONORIFICS or names.is_title(_bare(out[-1]))) \
                and not out[-1].endswith(","):
            out.pop()  # "Prime Minister Tony Blair" → "Blair"
        if _titled(out):
            del out[len(out) - len(_title_before(out)):]  # "US Secretary of State Marco Rubio"
    return out


def _title_of_surname(title: str, word: str, following: str) -> bool:
    """Whether ``title`` is an office or honorific before a surname alone ("President Trump",
    "Mr Blair"; no given name follows: "Tony" in "Mr Tony Blair" is ``surnames``' other
    case). Not a peer's ("Lord Sugar"), nor a monarch's or a pope's before a given name ("King
    Charles", "Pope Francis"), which goes with it."""
    bare = _bare(title)
    name = _without_possessive(word)
    return not title.endswith(",") and bare not in PEERAGE and (bare in HONORIFICS or names.is_title(bare)) \
        and word[:1].isupper() and not word.isupper() and not following[:1].isupper() \
        and name not in NOT_SURNAMES and not (bare in REGNAL and name in given_names())  # "General Motors"


def _title_before(words: list[str]) -> list[str]:
    """The capitalised words (and "of") that end ``words``, back to a comma or a lower-case
    word: "US Secretary of State" in "…, US Secretary of State"."""
    start = len(words)
    while start and not words[start - 1].endswith(",") and (
            words[start - 1][:1].isupper() or words[start - 1] == "of"):
        start -= 1
    return words[start:]


def _titled(words: list[str]) -> bool:
    """Whether ``words`` end in a title ("US Secretary of State", "President"): a person's
    office stands before the name that follows, so the given name may go."""
    return any(names.is_title(_bare(w)) for w in _title_before(words))


def _describes(words: list[str]) -> bool:
    """Whether the words before a name at a title's start describe the person."""
    return len(words) <= DESCRIPTOR_WORDS and not any(
        w.endswith(",") or (_lower_case(w, i) and pos_tag(_bare(w)) in NOT_DESCRIPTORS)
        for i, w in enumerate(words))


def _lower_case(word: str, at: int) -> bool:
    """A word written in lower case, or capitalised only to open the title ("Some"): no
    name, as "US" is (which the lexicon would read as "us")."""
    return word.islower() or (at == 0 and not word.isupper())


# "X said it …": the speaker says what it does itself, and the headline says it of X
OWN_WORDS_VERBS = frozenset({"said", "says", "say", "confirmed", "confirms", "confirm",
                             "announced", "announces", "announce", "revealed", "reveals",
                             "reveal", "insisted", "insists", "insist", "admitted", "admits",
                             "admit", "warned", "warns", "warn", "stated", "states", "state",
                             "added", "adds", "add"})  # "say" too: the tense may be made present
SUBJECT_PRONOUNS = frozenset({"it", "he", "she", "they", "we", "i"})


def without_own_attribution(words: list[str]) -> list[str]:
    """``words`` less a subject's "said it" (or "confirmed they" …) before its own news:
    "Oracle announced it cutting 5,000 jobs" → "Oracle cutting 5,000 jobs"."""
    for i in range(1, len(words) - 2):
        if words[i].lower() in OWN_WORDS_VERBS and words[i + 1].lower() in SUBJECT_PRONOUNS \
                and _agrees(words[i - 1], words[i + 1].lower(), i == 1):
            return words[:i] + words[i + 2:]
        if pos_tag(_bare(words[i])) in ("VERB", "AUX") or words[i].lower() in CLAUSE_OPENERS:
            break  # only the main clause's first verb
    return words


def _agrees(subject: str, pronoun: str, first: bool) -> bool:
    """Whether ``pronoun`` may be the subject's own: "he" or "she" no common word's ("Police
    said he was killed …" is about someone else; a name is no common word), "it" no plural
    common noun's ("Officials said it …"; a name's plural may be: "Acme Foods said it …")."""
    lower = _bare(subject).lower()
    if pronoun in ("he", "she"):
        return lower not in common_words()
    if pronoun == "it":
        return not (lower.endswith("s") and lower in common_words()
                    and (first or subject[:1].islower()))
    return True


def short_forms(words: list[str], body: Sequence[str]) -> list[str]:
    """``words`` with each name the body writes as its initials written so ("General Motors"
    → "GM"): the longest run of capitalised words whose initials the body uses."""
    used = {short for text in body for short in ACRONYM_RE.findall(text)}
    if not used:
        return words
    out: list[str] = []
    i = 0
    while i < len(words):
        if words[i] in given_names() or words[i] in world_given_names():
            out.append(words[i])  # a person's name: "Michael Portillo" is no "MP"
            i += 1
            continue
        end = i
        while end < len(words) and words[end][:1].isupper() and not words[end].isupper() \
                and _bare(words[end]).isalpha():
            end += 1
        short = next((k for k in range(end, i + 1, -1) if _initials(words[i:k]) in used), 0)
        if short and not (out and _bare(out[-1]) == _initials(words[i:short])):  # "CSI: Crime …"
            out.append(_initials(words[i:short]) + words[short - 1][len(_bare(words[short - 1])):])
            i = short
        else:
            out.append(words[i])
            i += 1
    return out


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words)


def without_description(words: list[str]) -> list[str]:
    """``words`` less the words describing a name, ended by a common noun: at the title's
    start, "US retail giant Walmart posts …" → "Walmart posts …" (at most
    ``DESCRIPTOR_WORDS``, none a verb's form nor a name but a place: "Norway lent Chile …",
    "Dawson admits Hearts …" keep their subject), and after a preposition or a verb
    ("``_described_after``"): "shares in US phone firm Telcom" → "shares in Telcom"."""
    name = next((i for i, w in enumerate(words) if i and w[:1].isupper()), 0)
    if 2 <= name <= DESCRIPTOR_WORDS and name + 1 < len(words) and _description_head(words[name - 1]) \
            and _describes(words[:name]) and not any(_a_name(w) for w in words[:name]):
        words = words[name:]  # not a name: "Lennon admits Rangers could …"
    out: list[str] = []
    for i, word in enumerate(words):
        start = _described_after(out) if i and _named(word) else None
        if start is not None and _names_the_described(out[start - 1:], words, i):
            del out[start:]
        out.append(word)
    return out


def _names_the_described(before: list[str], words: list[str], at: int) -> bool:
    """Whether the name at ``at`` is the one thing the description ``before[1:]`` (after a
    preposition or verb, ``before[0]``) describes: not a possessive ("the steel industry
    *Britain's* …"), nor after a plural ("the health reforms Obama …"), and after a verb,
    not the subject of a clause of its own ("told the trial jury Smith *had* lied") nor a
    noun's modifier ("cut the pension scheme Unite *members* rely on")."""
    word, head = words[at], before[-1]
    if word != _without_possessive(word) or (head.endswith("s") and not head.endswith("ss")):
        return False
    if pos_tag(_bare(before[0])) != "VERB":
        return True  # "shares in US phone firm Telcom fell"
    after = next((w for w in words[at + 1:] if not w[:1].isupper()), "")  # past the name's words
    return not (after.islower() and pos_tag(_bare(after)) in ("VERB", "AUX", "NOUN"))


def _named(word: str) -> bool:
    """A capitalised word that is no common word ("Tweet", "Democratic"), or initials: a name."""
    bare = _without_possessive(word)
    return bare[:1].isupper() and (bare.isupper() or bare.lower() not in common_words())


def _description_head(word: str) -> bool:
    """Whether ``word`` is a common noun that may end a name's description ("giant", "firm"),
    no verb's form the lexicon reads as a noun ("lent")."""
    return word.isalpha() and word.islower() and pos_tag(word) == "NOUN" and not verb_form(word) \
        and word not in IRREGULAR and word not in PREPOSITIONS_READ_AS_NOUNS


def _described_after(words: list[str]) -> int | None:
    """Where the description of a name that follows ``words`` starts, when they end in one
    after a preposition or a verb: two to ``DESCRIPTOR_WORDS`` adjectives and nouns (a place's
    or an acronym's capitals too: "US", "Chinese") ended by a common noun, "at *Chinese
    computer firm* Lenovo", "takes *new band* Fightstar". Not after a verb's form that is
    the description's own modifier ("of *embattled* oil giant …", "by *slain* director …")."""
    if len(words) < 3 or not _description_head(words[-1]):
        return None
    start = len(words) - 1
    while start > 1 and not words[start - 1].endswith(",") and (
            (words[start - 1][:1].isupper() and not _a_name(words[start - 1]))
            or (words[start - 1].islower() and pos_tag(_bare(words[start - 1])) in ("NOUN", "PROPN", "ADJ"))):
        start -= 1
    before = words[start - 1]
    if not 2 <= len(words) - start <= DESCRIPTOR_WORDS or not before.islower() \
            or before.endswith(",") or not _describes(words[start:]):
        return None
    tag = pos_tag(_bare(before))
    if tag == "ADP" or (tag == "VERB" and start >= 2
                        and pos_tag(_bare(words[start - 2])) not in ("ADP", "DET", "ADJ")):
        return start
    return None


def _a_name(word: str) -> bool:
    """A capitalised word that is no common word ("Oil"), acronym ("US"), place ("German")
    nor compound ("Anglo-Dutch"): a name."""
    bare = _bare(word)
    return bare[:1].isupper() and not bare.isupper() and "-" not in bare \
        and bare.lower() not in common_words() and place_kind(bare) is None
