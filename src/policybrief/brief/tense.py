"""A headline's tense: the present perfect of a lede in the headline's present.

"The price of copper has fallen" → "Price of copper falls"; "Ministers have taken …" → "Ministers
take …": the auxiliary tells the number, and the verb is one of the irregular verbs of
``IRREGULAR`` (an irregular participle left alone reads as no sentence: "Price of copper
fallen"). A regular verb keeps its past form ("Council voted …"), and a passive or a copula
its participle ("has been fined" → "fined"). "Has" with no participle after it is the verb
and stays ("Wenger has no plans …").
"""

from __future__ import annotations

from .keyphrases import pos_tag
from .verbs import IRREGULAR, PARTICIPLES, SIMPLE_PASTS

CLAUSE_OPENERS = frozenset({"as", "when", "while", "after", "before", "because", "since", "if",
                            "and", "but", "although", "though", "until", "unless"})
NOT_BEFORE_VERB = frozenset({"is", "are", "was", "were", "be", "been", "being", "has", "have",
                             "had", "who", "which", "that"})
PLURAL_PRONOUNS = frozenset({"they", "we", "you", "i"})
HEAD_BEFORE = frozenset({"of", "in", "at", "for", "from", "on"})  # "Profits at Reddy's fell"
AUXILIARIES = frozenset({"has", "have", "had"})
MODALS = frozenset({"to", "will", "would", "could", "should", "might", "may", "must", "can",
                    "not", "never"})
BETWEEN = frozenset({"now", "also", "just", "already", "officially", "finally", "since",
                     "again", "recently", "reportedly", "not", "never"})


def present(base: str, singular: bool) -> str:
    """The present tense of ``base``: "fall" → "falls" (singular) or "fall"."""
    if not singular:
        return base
    if base.endswith(("s", "sh", "ch", "x", "z", "o")):
        return base + "es"
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        return base[:-1] + "ies"
    return base + "s"


# the irregular verbs' forms but their base ("sees", "took", "taken"), for ``verb_form``
_VERB_FORMS = frozenset({form for base, forms in IRREGULAR.items()
                         for form in (present(base, True), *forms)} - set(IRREGULAR))


def in_present(words: list[str]) -> list[str]:
    """``words`` with "has fallen" written "falls", "have taken" "take", any other auxiliary
    "has", "have" or "had" left out, and "has" before no participle kept: the verb itself
    ("has no plans"). After "to" or a modal ("would have …") nothing changes. The clause's
    first verb, an irregular simple past, is written in the present too: "Prices fell" →
    "Prices fall", "Blair said" → "Blair says"."""
    return _simple_past_in_present(_perfect_in_present(words))


def _simple_past_in_present(words: list[str]) -> list[str]:
    """``words`` with the first verb written in the present if it is an irregular simple
    past after its subject (no auxiliary, modal, "to" or relative pronoun before it); the
    subject before it says the number ("Shares fell" → "Shares fall")."""
    for i, word in enumerate(words):
        bare = word.lower().rstrip(",;:")
        if i and bare in SIMPLE_PASTS:
            before = words[i - 1].lower()
            if before in MODALS or before in NOT_BEFORE_VERB or before.endswith(",") or any(
                    w.lower() in CLAUSE_OPENERS for w in words[:i]):
                return words  # "… fled the city as the army said …": another clause's verb
            start = 1 if words[0].lower() in ("the", "a", "an") else 0
            head = start if i > start + 1 and words[start + 1].lower() in HEAD_BEFORE else i - 1
            if any(c.isdigit() for w in words[:i] for c in w):
                return words  # "More than 14 million saw": no number to tell
            form = present(SIMPLE_PASTS[bare], not _plural(words[head], head == start))
            form = form.upper() if word.isupper() else form
            return [*words[:i], form + word[len(bare):], *words[i + 1:]]
        if i and pos_tag(word.strip(",;:\"'’“”")) in ("VERB", "AUX"):
            return words  # only the first verb
    return words


def verb_form(word: str) -> bool:
    """Whether ``word`` is a form of one of the irregular verbs of ``IRREGULAR`` ("sees",
    "took"), which the lexicon may read as a noun."""
    return word.lower() in _VERB_FORMS


def _plural(subject: str, first: bool) -> bool:
    """Whether a subject's head word is plural: a plural pronoun, or a common noun (lower
    case but for the title's ``first`` letter) ending in -s ("shares", not "boss", "Williams")."""
    lower = subject.lower()
    written = subject[1:] if first else subject
    common = (written.islower() or written.isupper()) and pos_tag(lower) == "NOUN"
    return lower in PLURAL_PRONOUNS or (common and lower.endswith("s") and not lower.endswith(
        ("ss", "us", "is", "ics", "news", "series", "species")))


def _perfect_in_present(words: list[str]) -> list[str]:
    out: list[str] = []
    present_at: dict[int, str] = {}
    for i, word in enumerate(words):
        lower = word.lower()
        if i in present_at:
            out.append(present_at[i])
            continue
        if lower not in AUXILIARIES or not out or out[-1].lower() in MODALS:
            out.append(word)
            continue
        verb = next((j for j in range(i + 1, len(words)) if not _between(words[j])), len(words))
        after = words[verb].lower() if verb < len(words) else ""
        if after in PARTICIPLES and lower != "had":
            present_at[verb] = present(PARTICIPLES[after], lower == "has")  # has fallen → falls
        elif not _participle(after):
            out.append(word)  # the verb itself: "has no plans"
    return out


def _between(word: str) -> bool:
    """An adverb between an auxiliary and its verb: "has also", "have openly"."""
    return word.lower() in BETWEEN or pos_tag(word) == "ADV"


def _participle(word: str) -> bool:
    lower = word.lower().strip(",;:\"'’“”")
    return lower in PARTICIPLES or lower.endswith(("ed", "en")) or pos_tag(lower) in ("VERB", "AUX")
