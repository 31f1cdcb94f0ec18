"""Which of a made title's words matter: the ones the rest of the article repeats.

A headline keeps what the story is about and leaves out what the lede says in passing. The
article tells which is which: a word its other sentences use again is what it is about. So a
made title leaves out, of the words its body never uses again,

- **modifiers**: an adjective or adverb before the word it describes ("a *luxurious* hotel";
  not "ahead" of "ahead of", which opens a phrase),
  and a noun before another noun ("*asset* sales"). Not a predicate ("proved *popular*"),
  nor a comparison's ("*fewer* jobs than expected", "*most* intense"), nor a name's words;
- **passing phrases**: a preposition and the words it governs, with the phrases after it
  (which may describe what it names: "on Russia's war *with Ukraine*"), up to a verb or a
  comma, when none of them is a word the body repeats nor a number: "in UK trade", "for
  personal reasons". No verb's particle opens one ("picked *up* speed"), and none goes
  from a title with no verb, where a phrase may be what it says ("Mitsubishi in talks");

and it ends at the last noun the body repeats (or a number it repeats, or the name that
word begins), unless that leaves fewer than four words.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from .. import terms
from .keyphrases import BEFORE_VERBS, pos_tag
from .tense import verb_form

QUOTES = ",'’\"“”"
PARTICLES = frozenset({"out", "up", "down", "off", "back", "away", "over", "through", "around",
                       "along", "apart", "aside", "forward"})
NO_PHRASE = PARTICLES | {"of"}  # what opens no passing phrase: "of" is its noun's
PHRASE_ENDS = frozenset({"ADP", "VERB", "AUX", "PART", "SCONJ", "CCONJ"})
DEGREE = frozenset({"more", "most", "less", "least", "so", "too", "as"})


def stem(word: str) -> str:
    return terms.stem(word.strip(QUOTES).lower())


def _bare(word: str) -> str:
    return word.strip(QUOTES).lower()


def word_tag(word: str) -> str:
    """``pos_tag`` of a title's word as written, its commas and quotation marks aside."""
    return pos_tag(word.strip(QUOTES))


def has_digit(word: str) -> bool:
    return any(c.isdigit() for c in word)


def salient(words: list[str], counts: Counter[str], most: int) -> list[str]:
    """``words`` less the modifiers and passing phrases the body (``counts``: its words'
    stems) never repeats, ended at the last noun it repeats within the first ``most``."""
    def repeated(word: str) -> bool:
        return counts[stem(word)] > 0

    kept = [w for i, w in enumerate(words) if repeated(w) or _bare(w) in terms.stop_words()
            or _in_name(words, i) or not _modifier(words, i)]
    kept = _without_passing_phrases(kept, repeated)
    ends = [i for i, w in enumerate(kept[:most])
            if repeated(w) and _bare(w) not in terms.stop_words()]
    if not ends or ends[-1] < 3:
        return kept
    end = ends[-1]
    if word_tag(kept[end]) not in ("NOUN", "PROPN") and not has_digit(kept[end]):
        return kept  # would end on a verb or a modifier
    while end + 1 < len(kept) and kept[end][:1].isupper() and kept[end + 1][:1].isupper() \
            and not kept[end].endswith(","):
        end += 1  # not inside a name: "Taiwan Semiconductor Manufacturing Co"
    return kept[:end + 1]


def _in_name(words: list[str], i: int) -> bool:
    """"Prime Minister Tony Blair": a name's words stay."""
    return words[i][:1].isupper() and (i > 0 or (len(words) > 1 and words[1][:1].isupper()))


def _modifier(words: list[str], i: int) -> bool:
    """Whether ``words[i]`` modifies the word after it: an adverb, an adjective before a
    noun or an adjective (not "proved popular"), a lower-case noun before a lower-case noun
    ("asset sales"; not after "to" or a modal, where it is a verb the lexicon lacks: "to
    unveil plans"); never a word of a comparison ("fewer … than", "most intense")."""
    word = words[i]
    tag = word_tag(word)
    after = word_tag(words[i + 1]) if i + 1 < len(words) and not word.endswith(",") else ""
    if tag == "ADV":  # not one that opens a preposition: "ahead of", "out of"
        return not (i + 1 < len(words) and words[i + 1].lower() == "of")
    if "than" in (w.lower() for w in words[i + 1:i + 4]) or (
            i and words[i - 1].lower() in DEGREE):
        return False
    if tag == "ADJ":
        return after in ("NOUN", "PROPN", "ADJ")
    return tag == "NOUN" and after == "NOUN" and word.isalpha() and word.islower() \
        and not verb_form(word) and not verb_form(words[i + 1]) \
        and words[i + 1].strip(QUOTES).isalpha() and words[i + 1].islower() \
        and not (i and words[i - 1].lower() in BEFORE_VERBS)


def _without_passing_phrases(words: list[str], repeated: Callable[[str], bool]) -> list[str]:
    """``words`` less each prepositional phrase none of whose words the body repeats (nor a
    number): the preposition and what follows, to the next preposition but "of", verb or
    comma. Not the title's first word."""
    if not any(word_tag(w) in ("VERB", "AUX", "PART") for w in words[1:]):
        return words  # a phrase may be the predicate: "Mitsubishi in talks with Peugeot"
    out: list[str] = []
    i = 0
    while i < len(words):
        end = _phrase_end(words, i) if i and out and not out[-1].endswith(",") else i
        content = [w for w in words[i + 1:end] if _bare(w) not in terms.stop_words()]
        if content and not any(repeated(w) or has_digit(w) for w in content):
            if words[end - 1].endswith(","):
                out[-1] = out[-1].rstrip(",") + ","
            i = end
            continue
        out.append(words[i])
        i += 1
    return out


def _phrase_end(words: list[str], at: int) -> int:
    """Where the prepositional phrase opened at ``at`` ends, with the phrases after it, which
    may describe what it names ("thoughts *on Russia's war with Ukraine*"): at a verb, a
    comma or the end (``at`` when no phrase opens there)."""
    if not words[at].islower() or word_tag(words[at]) != "ADP" or words[at] in NO_PHRASE:
        return at  # a verb's particle opens no phrase: "picked up speed", "sold out"
    end = at + 1
    while end < len(words) and not words[end - 1].endswith(",") and (
            word_tag(words[end]) not in PHRASE_ENDS or (  # "of", or a phrase attached to this one
                words[end].islower() and word_tag(words[end]) == "ADP")):
        end += 1
    return end
