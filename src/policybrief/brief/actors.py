"""Who an article names: countries, places, organisations, companies and people.

Runs of capitalised words are read sentence by sentence and typed by evidence (``kinds``:
pycountry, the GeoNames places and Census given names of ``gazetteer``, titles and the
words that end an institution's name); ``mentions`` then merges and retypes what was
counted (surnames, family names, lone words, teams). Offline and fast; it trades some
recall for never inventing a name.

Chinese, Japanese and Korean have no capitals, so no actor is found in their words; the
Latin names written among them are ("美国总统Donald Trump表示" names Donald Trump), their
full-width letters read as ASCII ones ("ＷＴＯ" is WTO).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..models import Actor, Sentence
from ..prose import CJK_CHARS
from .gazetteer import common_words, given_names
from .keyphrases import pos_tag
from .kinds import (
    ACRONYM_RE,
    CONNECTORS,
    Kind,
    classify,
    countries,
    english_function_word,
    is_contraction,
    job_before_name,
    job_title_before,
    lone_name,
)
from .mentions import (
    MIXED_ACRONYM_RE,
    UNKNOWN,
    WORD_RE,
    bodies_after_the,
    merge_acronyms,
    merge_surnames,
    named_list_goes_on,
    opening_competitors,
    place_teams,
    short_for,
    type_lone_words,
)
from .names import DEMONYMS, NOT_NAMES, TIME_WORDS, is_title
from .roles import role_of, stated_roles

TOKEN_RE = re.compile(r"[A-Za-z\u00C0-\u024F][\w.’'&-]*|&|\S")


# Chinese and Japanese characters, Korean Hangul, and the full-width forms (ＷＴＯ，（）)
_CJK_LETTER = f"{CJK_CHARS}\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7a3\ud7b0-\ud7ff"
_CJK_OR_WIDE_RE = re.compile(f"[{_CJK_LETTER}\uff01-\uff5e]")
_CJK_LETTER_RE = re.compile(f"[{_CJK_LETTER}]")
_FULL_WIDTH = str.maketrans({code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)})


def _plain(sentence: str) -> str:
    """A sentence holding CJK text, made for ``TOKEN_RE``: full-width forms as ASCII, and
    each CJK character a token of its own, never part of a Latin word ("Trump表示")."""
    return _CJK_LETTER_RE.sub(r" \g<0> ", sentence.translate(_FULL_WIDTH))


INITIALS_RE = re.compile(r"(?:[A-Z]\.)+")
POSSESSIVE_RE = re.compile(r"[’']s?$")


def _strip_possessive(word: str) -> str:
    if word[-1] not in "’'s." or INITIALS_RE.fullmatch(word):  # nothing to strip; "U.S."
        return word
    return POSSESSIVE_RE.sub("", word).rstrip(".")


def _runs(sentence: str) -> list[tuple[list[str], bool, bool]]:
    """Runs of capitalised tokens (connectors allowed inside): (words, opens the sentence
    (or, a lone word, a quotation), is a parenthesised acronym right after the run before
    it, as in "Intel Corp (IC)"). A contraction ("We're", "Don't", "It's") is no part of a
    name."""
    tokens = TOKEN_RE.findall(sentence)
    runs: list[tuple[list[str], int, int]] = []  # (words, first token, last token)
    current: list[str] = []
    start = 0
    for i, token in enumerate(tokens):
        capital = token[:1].isupper() and token.rstrip(".") not in NOT_NAMES and not (
            ("'" in token or "’" in token) and is_contraction(token))
        if token == "," and current and named_list_goes_on(current, tokens, i + 1):
            current[-1] += ","  # "Ministry of Economy, Trade and Industry" stays one name
            continue
        if capital or (current and token in CONNECTORS):
            if not current:
                start = i
            current.append(token)
            if token.endswith(("’s", "'s", "’")):
                runs.append((current, start, i))
                current = []
            continue
        if current:
            runs.append((current, start, i - 1))
            current = []
    if current:
        runs.append((current, start, len(tokens) - 1))
    cleaned = []
    previous_end = -3
    for run, first, last in runs:
        alias = (
            first == previous_end + 2
            and tokens[first - 1] == "("
            and last + 1 < len(tokens)
            and tokens[last + 1] == ")"
        )
        previous_end = last
        while run and (run[-1] in CONNECTORS or (len(run) > 1 and run[-1] in ARTICLES)):
            run = run[:-1]  # no name ends on an article: "in Australia The first 100 …"
        if run:
            if first and len(run) > 1 and all(t in OPENING_MARKS for t in tokens[:first]) \
                    and _function_word(run[0]):
                run = run[1:]  # "(The Missile Technology Control Regime …": it opens a sentence
            opens = first == 0 or (len(run) == 1 and tokens[first - 1] in OPENING_QUOTES
                                   and _opens_quotation(sentence, tokens[first - 1], run[0]))
            cleaned.append(([_strip_possessive(t) for t in run], opens, alias))
    return cleaned


OPENING_QUOTES = frozenset("\"“‘«")


def _opens_quotation(sentence: str, mark: str, word: str) -> bool:
    """Does the quote mark before ``word`` open a quotation, written against the word and
    after a space ("… the slogan “Smog. We're on it.”")? A lone word there opens a sentence
    of its own, counted only if it is named elsewhere too; a run of several is often a
    work's title, its article kept ("“The Sleeping Orchard”")."""
    at = sentence.find(mark + word)
    while at != -1:
        if at == 0 or sentence[at - 1].isspace():
            return True
        at = sentence.find(mark + word, at + 1)
    return False


ARTICLES = frozenset({"The"})  # not "A" ("Group A") or "An" (a Vietnamese name)
OPENING_MARKS = frozenset("([{\"'“‘«")


# capitalised only because it opens a sentence or a heading: "In Albania", "Now Home", "Two
# Scotland players"
FUNCTION_TAGS = frozenset({"ADP", "ADV", "DET", "PRON", "CCONJ", "SCONJ", "AUX", "PART", "VERB", "NUM"})
# ...and, wherever a run starts (a heading, after a dash or a quote), words that never begin
# a name: "After Tunisia", "Two Scotland players", "Former U.S. envoy" ("The Hague" keeps its DET)
NEVER_NAME_TAGS = frozenset({"ADP", "ADV", "SCONJ", "CCONJ", "PRON", "AUX", "PART", "NUM"})
NEVER_NAME_WORDS = frozenset({"Former", "Ex", "Late", "Then", "Veteran", *TIME_WORDS})
DESCRIPTOR_RE = re.compile(r"[A-Z][a-z]+-[a-z]+")  # "Singer-songwriter Tully Darby"


def _split_titles(words: list[str]) -> list[tuple[list[str], bool]]:
    """'US President Donald Trump' → ['US'], ['Donald', 'Trump']: titles separate names;
    so does a job title before a given name ('BBC Political Editor Laura Kuenssberg' →
    ['BBC'], ['Laura', 'Kuenssberg']). Each part with whether a title stood before it."""
    parts: list[list[str]] = [[]]
    titled: list[bool] = [False]
    given = given_names()
    for i, word in enumerate(words):
        job = 0 if is_title(word) else (
            job_title_before(parts[-1], words, i) if words[i + 1:i + 2] and words[i + 1] in given
            else None)
        if job is not None:
            del parts[-1][len(parts[-1]) - job:]
            parts.append([])
            titled.append(True)
        else:
            parts[-1].append(word)
    names = []
    for part, after_title in zip(parts, titled, strict=True):
        if after_title and "and" in part:
            cut = part.index("and")
            names.append((part[cut + 1 :], True))
            part = part[:cut]
        if after_title and len(part) > 2 and part[0] not in given_names() and (
                len(part) > 3 or any(w in CONNECTORS for w in part)):
            # 'Minister of Economic Affairs J.W. Kuo': the name is the tail of the run (but
            # 'President George W Bush' is all a name, and 'Economist Dana Whitcombe of First
            # Union' a person of a firm)
            part = part[-2:]
        if part:
            names.append((part, after_title))
    return names


def _names_of(part: list[str], initial: bool, titled: bool) -> list[tuple[list[str], bool]]:
    """The names a run holds: its pieces between "and" when each names an actor ("Bob Dole
    and Ross Perot", "British Airways and American Airlines"), else itself ("Bosnia
    and Herzegovina", "Procter and Gamble", "Ministry of Economy, Trade and Industry"); each
    with whether it opens the sentence."""
    if "of" in part[2:-1]:  # "Henrik Stalvik of Sweden": a person and where they are from
        cut = part.index("of")
        person = _mention(part[:cut], initial, titled)
        if person is not None and person[0][1] == "person" and len(person[1]) >= 2:
            return [*_names_of(part[:cut], initial, titled), *_names_of(part[cut + 1:], False, False)]
    if "and" not in part or any(word.endswith(",") for word in part):  # a named list
        return [(part, initial)]
    whole = _mention(part, initial, titled)
    if whole is not None and whole[0][1] == "country":  # "Bosnia and Herzegovina"
        return [(part, initial)]
    pieces: list[tuple[list[str], bool]] = [([], initial)]
    for word in part:
        if word == "and":
            pieces.append(([], False))
        else:
            pieces[-1][0].append(word)
    named = [(words, opens) for words, opens in pieces if words]
    own_phrase = any(words[0] == "the" for words, _ in named[1:])  # "… and the Duke of York"
    if whole is not None and not own_phrase and not all(
            _names_an_actor(words, opens) for words, opens in named):
        return [(part, initial)]
    return _rejoined(named)


def _rejoined(named: list[tuple[list[str], bool]]) -> list[tuple[list[str], bool]]:
    """English words after "and" that name nothing alone end a name's "of" or "for"
    phrase before them: "the World Bank and the International Bank for Reconstruction and
    Development" names two, not "Development" ("Alexander Kovrin and Chechen" stays two)."""
    kept = named[:1]
    for words, opens in named[1:]:
        previous = kept[-1][0]
        if ("of" in previous or "for" in previous) and _mention(words, opens, False) is None \
                and all(word.lower() in common_words() for word in words):
            kept[-1] = ([*previous, "and", *words], kept[-1][1])
        else:
            kept.append((words, opens))
    return kept




def _names_an_actor(words: list[str], opens: bool) -> bool:
    """Does the piece name an actor of a known kind? Not a lone word no list knows (the
    "Securities" of "Securities and Exchange Commission")."""
    mention = _mention(words, opens, False)
    return mention is not None and mention[0][1] != UNKNOWN


@dataclass
class _Tally:
    counts: Counter[Kind] = field(default_factory=Counter)
    spelt: dict[Kind, Counter[str]] = field(default_factory=dict)  # how a country is written
    first: dict[Kind, int] = field(default_factory=dict)  # the order actors are first named in
    aliases: dict[str, Kind] = field(default_factory=dict)
    opening: Counter[Kind] = field(default_factory=Counter)  # lone words opening a sentence

    def add(self, found: Kind, words: list[str]) -> Kind:
        if found[1] == "country" and " ".join(words) in countries():  # not "British"
            self.spelt.setdefault(found, Counter())[" ".join(words)] += 1
        found = self.aliases.get(found[0], found)
        self.counts[found] += 1
        self.first.setdefault(found, len(self.first))
        return found

    def read(self, text: str) -> None:
        last: Kind | None = None
        for run, initial, alias in _runs(text):
            if alias and last is not None:  # "(TSMC)", "(US)": the same mention again
                if last[1] in ("company", "organisation") and (
                        _is_acronym(run) or short_for(run[0], last[0].split())):
                    self.aliases.setdefault(run[0], last)
                    continue
                if classify(run) == last:
                    continue
            last = None
            if initial and run[0].lower() in {"the", "a", "an", "but", "and", "yet", "as"}:
                run = run[1:]
                initial = False
            if not run:  # "The" alone
                continue
            whole = classify(run) if len(run) > 1 and is_title(run[0]) else None
            parts = [(run, False)] if whole and whole[1] == "company" \
                else _split_titles(run)  # "General Motors" is no general
            for part, titled in parts:
                if not part:  # "President and …": the title's name is on the other side
                    continue
                for one, opens in _names_of(part, initial and part[0] == run[0], titled):
                    last = self.count(one, opens, titled) or last

    def count(self, part: list[str], initial: bool, titled: bool) -> Kind | None:
        """Count the actor ``part`` names, if any (see ``read``); the actor counted."""
        mention = _mention(part, initial, titled)
        if mention is None:
            return None
        found, words = mention
        if len(words) == 1 and words[0] in self.aliases:  # "Defra said": a short name
            return self.add(found, words)
        lone_opening = (initial and not titled and len(words) == 1
                        and found[1] not in ("country", "place"))
        if lone_opening or " ".join(words) in DEMONYMS:
            self.opening[found] += 1  # "British": counted if Britain is named too
            return None
        return self.add(found, words)


def find_actors(sentences: tuple[Sentence, ...] | list[Sentence], limit: int = 10,
                lead: str | None = None) -> tuple[Actor, ...]:
    """The most named actors, most mentions first; of actors named as often, one named in
    ``lead`` (the bottom line) first, then the first named. A person's role is given where
    the text states it (see ``roles``).

    An acronym given in brackets after a company or organisation ("Taiwan Semiconductor
    Manufacturing Co (TSMC)") is that actor's short name: its later mentions count for
    it, and the actor is named "Taiwan Semiconductor Manufacturing Co (TSMC)". So is a
    bracketed word that spells the name ("the Department for Environment, Food and Rural
    Affairs (Defra)": one organisation, its commas and "and" kept), and an acronym written
    alone that spells an organisation's name ("the Ministry of Defence … the MoD").
    """
    tally = _Tally()
    texts = [s.text for s in sentences]
    if not all(map(str.isascii, texts)):  # CJK text, perhaps: read it as ``_plain`` says
        texts = [_plain(t) if _CJK_OR_WIDE_RE.search(t) else t for t in texts]
    for text in texts:
        tally.read(text)
    counts = tally.counts
    joined = "\n".join(texts)
    for key, n in tally.opening.items():
        if key in counts:
            counts[key] += n
    opening_competitors(counts, tally.opening, joined)
    for key in counts:
        tally.first.setdefault(key, len(tally.first))  # named first at a line's opening
    acronyms = merge_acronyms(counts, tally.opening, tally.first)
    merge_surnames(counts, texts, tally.first)
    type_lone_words(counts, joined)
    place_teams(counts, joined)
    bodies_after_the(counts, joined)
    named = {full: f"{full[0]} ({short})" for short, full in (acronyms | tally.aliases).items()}
    named.update({key: spellings.most_common(1)[0][0] for key, spellings in tally.spelt.items()})
    shown = {key: named.get(key, key[0]) for key in counts}
    lead_words = set(WORD_RE.findall(lead)) if lead else set()
    in_lead = {key for key, name in shown.items() if _named_in(lead_words, key[0], name)}
    # a name the steps above retyped ("Leicester" the place → the team) keeps its place
    by_name = {name: order for (name, _), order in sorted(tally.first.items(), key=lambda x: -x[1])}
    ranked = sorted(counts.items(), key=lambda item: (
        -item[1], item[0] not in in_lead,
        tally.first.get(item[0], by_name.get(item[0][0], len(tally.first)))))
    stated = stated_roles(texts) if any(key[1] == "person" for key, _ in ranked[:limit]) else []
    return tuple(
        Actor(name=shown[key], kind=key[1], count=n,
              role=role_of(key[0], stated) if key[1] == "person" else None)
        for key, n in ranked[:limit]
    )


def _named_in(words: set[str], *names: str) -> bool:
    """Do the words of a text name the actor, by any of its names' last word ("Brown", "US")?"""
    return any(WORD_RE.findall(name)[-1] in words for name in names if WORD_RE.search(name))


def _mention(part: list[str], initial: bool, titled: bool) -> tuple[Kind, list[str]] | None:
    """The actor a run of capitalised words names, if any, with the words that name it;
    ``initial``: it opens a sentence, so its first word may be capitalised only for that (a
    function word is then dropped); ``titled``: a title stood before it."""
    while part and part[0] in CONNECTORS:
        part = part[1:]
    while len(part) > 1 and not part[0].isupper() and (  # "US" is no pronoun
            pos_tag(part[0]) in (FUNCTION_TAGS if initial else NEVER_NAME_TAGS)
            or part[0] in NEVER_NAME_WORDS or DESCRIPTOR_RE.fullmatch(part[0])):
        part = part[1:]
    while len(part) > 1 and english_function_word(part[0]):
        part = part[1:]
    if len(part) > 2 and job_before_name(part[0], part[1]) and \
            (classify(part[1:]) or ("", ""))[1] == "person":  # "Astronaut Susan Still"
        part = part[1:]
    while len(part) > 1 and english_function_word(part[-1], last=True) \
            and part[-2] not in given_names():  # "Dan Rather", "Sandra Oh" keep their surname
        part = part[:-1]
    if not part or (initial and len(part) == 1 and _function_word(part[0])):
        return None
    found, words = classify(part, titled), part
    if found is None and initial and len(part) > 1:
        words = part[1:]
        found = classify(words)
    if found is None and len(words) > 2 and words[0] in DEMONYMS:  # "Australian Rodney Haskett"
        person = classify(words[1:])  # ("Veteran Australian Rodney Haskett" opening a sentence)
        if person is not None and person[1] == "person":
            found, words = person, words[1:]
    if found is None and len(words) == 1 and (
            lone_name(words[0]) or MIXED_ACRONYM_RE.fullmatch(words[0])):  # "DoH"
        found = words[0], UNKNOWN
    return (found, words) if found is not None else None


def _function_word(word: str) -> bool:
    """"Now", "However": a function word capitalised to open a sentence (not "US")."""
    return not word.isupper() and pos_tag(word) in FUNCTION_TAGS


def _is_acronym(run: list[str]) -> bool:
    return len(run) == 1 and ACRONYM_RE.fullmatch(run[0]) is not None


def short_name(name: str) -> str:
    """An actor's name for a headline: the acronym of "Full Name (ACRONYM)" ("MoD",
    "Defra" too)."""
    match = re.fullmatch(r".+ \(([A-Z][A-Za-z.]{1,7})\)", name)
    return match[1] if match else name
