"""A title for text with no headline of its own (a source's own is cleaned by ``mastheads``).

A made title is built the way a sub-editor shortens a lede: the lede's main clause (its
dateline, brackets and appositions, an opening connective, "But", "However,", a fronted
adverbial up to its comma, "After …,", "Through a … statement,", a frame that asserts what
follows, "There is no doubt that …", a relative clause defining its subject, "Legal attacks
on websites *that help people swap films* have forced …", and a closing attribution "…,
officials said" taken off, cut at the first clause break after its verb, a relative "that"
or a "saying …" one too, not at the "as" of a role, "sacked as Valencia coach", nor at the
"that" of "said that …" or "told the court that …"), in headline style: no articles,
auxiliaries, existential "there is", time words or dates ("on Monday", "in March", "voted
Tuesday to"; ``title_dates``), "nearly" or "more than" before a figure ("nearly 5,000
jobs"), "will" and "is set to" written "to", "has fallen" written "falls" and the main
verb's irregular past in the present ("Blair said" → "Blair says"; ``tense``), "A and B"
written "A, B" (a name's "&" kept), a person named by the surname the article uses ("Prime
Minister Tony Blair" → "Blair"), a subject's "said it" before its own news left out ("Oracle
announced it is cutting …" → "Oracle cutting …"; ``headline_style``). A name the article
also writes as its initials is written so ("General Motors" → "GM"; no person's name). The
rest of the article tells which words matter (``title_words``): a modifier or a passing
phrase it never repeats is dropped ("a *luxurious* hotel", "*in UK trade*"), and the title
ends at the last noun it repeats, at most ``MADE_WORDS`` words; a phrase that limit cuts
open goes whole ("quits party to set" → "quits party"). Never "X and Y".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from .. import terms
from .headline_style import (
    SUBJECT_PRONOUNS,
    short_forms,
    surnames,
    without_description,
    without_own_attribution,
)
from .keyphrases import pos_tag
from .tense import CLAUSE_OPENERS, in_present
from .title_dates import timeless
from .title_words import PARTICLES, has_digit, salient, stem, word_tag

MADE_WORDS = 10
PRONOUNS = frozenset({"he", "she", "they"})  # not "It's a Wonderful Life", "We Are the World"
LEAD_CLAUSE_RE = re.compile(
    r"^(?:amid|after|before|despite|following|in|on|with|as|while|when|although|though|since|"
    r"under|over|during|by|for|if|once|because)\b[^,]{3,80},\s+", re.IGNORECASE)
# a closing attribution: the last comma's part names a speaker and ends on the verb ("…,
# officials said on Friday"), or opens on it ("…, says a report"), or "…, according to …";
# not the lede's own verb ("…, has said its profits doubled") nor another clause ("…, but …")
SAY = r"(?:said|says|told|warned|claimed|announced|reported|suggests|suggested|revealed|confirmed)"
ATTRIBUTION_RE = re.compile(
    r",\s+(?!(?:has|have|had|but|and|or|while|as|who|which)\b)[^,]{0,60}?\b" + SAY
    + r"\b(?:\s+[^\s,]+){0,3}$"
    r"|,\s+(?:says|said)\s(?!(?:it|he|she|they|we|that)\b)[^,]{0,80}$"
    r"|,\s+according to .*$", re.IGNORECASE)
# a connective opening the lede: "But"/"And"/"Yet" with or without a comma, an adverb only
# before one ("However,", "Still,"; not "So far", "Now 200 people")
OPENER_RE = re.compile(r"(?:(?:but|and|yet)\b,?|(?:so|still|however|meanwhile|indeed|instead|also|"
                       r"perhaps|now|then|thus|moreover|nevertheless|of course),)\s+",
                       re.IGNORECASE)
# "There is no doubt that …", "It is clear that …", "It's no secret that …": a frame that
# asserts what follows "that", which is the news
CERTAIN_FRAME_RE = re.compile(
    r"^(?:there(?:\s+is|\s+was|\s+can\s+be|['’]s)\s+(?:little|no)\s+doubt"
    r"|it(?:\s+is|\s+was|['’]s|\s+seems|\s+appears)\s+(?:(?:a|an|no|now|already|quite|very|"
    r"increasingly|abundantly)\s+)*(?:clear|certain|obvious|evident|true|truism|secret|fact|"
    r"surprise|wonder|coincidence))\s+that\s+(?=\S+\s+\S+\s+\S)", re.IGNORECASE)
# a verb of telling whose hearer comes before "that": "told the court that …"
TOLD = frozenset({"told", "tells", "tell", "warned", "warns", "assured", "assures", "informed",
                  "informs", "reminded", "reminds", "convinced", "persuaded"})
TOLD_WORDS = 5  # "told the local radio phone-in show that"
SCALES = frozenset({"hundred", "thousand", "million", "billion", "trillion", "bn", "m", "tn"})
RELATIVE_RE = re.compile(r"\s(?:that|which|who)\s")
MAIN_AUXILIARY_RE = re.compile(r"\b(?:has|have|had|is|are|was|were|will|would|could|can|may|might)\s")
SUBJECTS = SUBJECT_PRONOUNS | {"you"}  # a relative clause with a subject of its own
RELATIVE_WORDS = 8  # "that let shoppers pay for goods with their phones"
ROLE_WORDS = 5  # "as" and a role: "as the new Wolves manager"
FRONTED_RE = re.compile(r"([\w'’-]+)\b[^,]{3,80},\s+")
CLAUSE_BREAK_RE = re.compile(
    r"\s*(?:,(?!\d)|;|:|\s[-–—]\s|\b(?:who|which|that|after|because|as|but|while|when|saying)\b)\s*")
# "(CNN) --", "LONDON, England (Reuters) --", "WASHINGTON —": the dateline before the lede
DATELINE_RE = re.compile(r"^(?:(?:[A-Z][\w .,']{0,60})?\((?:CNN|AP|Reuters|AFP)\)\s*(?:--|—|–|-)?\s*"
                         r"|[A-Z]{3,}(?:[ ,]+(?:[A-Z.]+|[A-Z][a-z]{1,4}\.)){0,3}\s+(?:--|—|–|-)\s+"
                         r"(?=[A-Z\"“])(?![^-—–]{0,60}\s[-—–]))")  # not "NATO — the alliance —"
BRACKETS_RE = re.compile(r"\s*\([^()]*\)")
APPOSITION_RE = re.compile(r",\s+(?:the|a|an|who|which|whose|where)\s[^,]{1,80},(?!\d)",
                           re.IGNORECASE)  # not "…, a survey of 1,300 …"
SUBJECT_APPOSITION_RE = re.compile(r"^([^,]{1,50}?),\s+([^,]{1,80}),\s+")
FUTURE_RE = re.compile(r"\b(?:will(?!\s+(?:not|never)\b)|(?:is|are)\s+(?:set\s+|due\s+|expected\s+|"
                       r"going\s+)?to)\s+", re.IGNORECASE)
MODALS = frozenset({"to", "will", "could", "would", "should", "may", "might", "must", "can"})
# the words whose verb comes with them past the length limit: "will not [be punished]"
BEFORE_ITS_VERB = MODALS | {"not", "never", "be", "been"}
PARTICIPLE_ENDS = ("ed", "ing", "en", "wn")
WORD_RE = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
# an existential "there is" says nothing: "denied [there is] a rift"; what follows its verb
# is a noun phrase, and where it stands ``_without_existential`` says
EXISTENTIAL_RE = re.compile(r"\bthere(?:\s+(?:is|are|was|were)|['’]s)\s+(?=(?:a|an|no|some|many|"
                            r"much|more|few|little|growing|widespread|[\w'’-]+s)\b)", re.IGNORECASE)
# "nearly 5,000 jobs", "more than 14 million people": a headline gives the figure; "about"
# or "around" only opening the lede ("About 200 people …"), elsewhere prepositions as often
# ("talks about 40 hostages"); not a bound ("up to", "at least", "as much as"), nor "more
# than one", nor "twice as many as", nor before a year or a decade ("some 1990s laws")
APPROXIMATE_RE = re.compile(
    r"(?:^\W*(?:about|around)|\b(?<!times )(?<!twice )(?:almost|nearly|roughly|approximately|"
    r"some|(?:more\s+than|as\s+many\s+as)(?!\s+one\b)))\s+"
    r"(?=(?:[$£€]\s?)?\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty|fifty|hundreds?|thousands?|millions?|billions?|dozens?|half)\b)"
    r"(?!(?:1[89]|20)\d\d(?:s|\b))", re.IGNORECASE)
# "has", "have" and "had" are left out by ``tense`` when they are auxiliaries
FUNCTION_WORDS = frozenset({"the", "a", "an", "been", "be", "being", "is", "are", "was", "were",
                            "do", "does", "did", "its", "their", "his", "her", "our", "your",
                            "my", "that", "this", "these", "those", "very", "also", "just", "now",
                            "still", "already", "currently", "recently"})
DANGLING_END = frozenset({"the", "a", "an", "of", "to", "in", "on", "and", "for", "with", "at",
                          "by", "that", "or", "but"})
# a title ends on no preposition, conjunction, determiner or auxiliary ("… may be", "…
# slipped despite"); a verb's particle ends a phrase ("sell out", "turned down")
DANGLING_TAGS = frozenset({"ADP", "CCONJ", "SCONJ", "DET", "PART", "AUX"})
def made_title(lede: str, body: Sequence[str] = (), thesis: str | None = None) -> str:
    """A headline-like title made from the lede's main clause (see the module).

    ``body``, the article's other sentences, tells which words matter: a modifier the rest
    of the article never repeats is dropped, and the clause ends at its last noun that is
    repeated (or a number), so a lede's passing detail does not fill the headline. An
    opinion piece's ``thesis`` is made a title too, and the one whose words the article
    repeats more is kept: an op-ed's lede is often a scene-setter."""
    counts = Counter(stem(w) for text in body for w in WORD_RE.findall(text))
    title = _made(lede, counts if body else None, body)
    if thesis and thesis != lede:
        other = _made(thesis, counts + Counter(stem(w) for w in WORD_RE.findall(lede)), body)
        if other and _repeated_share(other, counts) > _repeated_share(title, counts):
            return other
    return title


def leans_on_nothing(title: str) -> bool:
    """A made title opening on "he", "she" or "they" ("They"): who it means was in a
    sentence it does not quote, so it names nobody. Not "it" or "we", which open the names
    of works ("It's a Wonderful Life", "We Are the World")."""
    first = title.split(" ", 1)[0].lower().strip(",'’\"")
    return first in PRONOUNS


def _repeated_share(title: str, counts: Counter[str]) -> float:
    """The share of the title's content words the article uses more than once."""
    content = [w for w in WORD_RE.findall(title) if w.lower() not in terms.stop_words()]
    return sum(counts[stem(w)] > 1 for w in content) / len(content) if content else 0.0


def _made(lede: str, counts: Counter[str] | None, body: Sequence[str] = ()) -> str:
    text = _main_clause(lede)
    words: list[str] = []
    for word in in_present(_without_existential(timeless(APPROXIMATE_RE.sub("", text))).split()):
        lower = word.lower()
        if (lower not in FUNCTION_WORDS or (lower == "be" and _before_verb(words))) \
                and lower not in ("'s", "’s"):
            words.append(word)
    words = short_forms(without_own_attribution(surnames(_headlinese(words), body)), body)
    words = without_description(words)
    if counts is not None:
        words = salient(words, counts, MADE_WORDS)
    words = _cut(words, MADE_WORDS)
    shown = " ".join(words)
    if shown.count("“") > shown.count("”") or shown.count('"') % 2:  # a quotation cut off
        quote_at = max(shown.rfind("“"), shown.rfind('"') if shown.count('"') % 2 else -1)
        words = shown[:quote_at].split()
    while words and (words[-1].lower().rstrip(",") in DANGLING_END or (
            words[-1].islower() and pos_tag(words[-1].rstrip(",")) in DANGLING_TAGS
            and words[-1].rstrip(",") not in PARTICLES)):
        words.pop()
    title = _unquoted_ends(" ".join(words))
    return title[:1].upper() + title[1:] if title else ""


def _unquoted_ends(title: str) -> str:
    """``title`` without the punctuation and stray quotation marks at its ends; a mark of a
    quotation the title holds whole stays (… introduce "tough", "Tough" budget …)."""
    title = title.strip(" ,;:-")
    while title[-1:] in ("'", '"', "”", "’") and not _paired(title, len(title) - 1):
        title = title[:-1].rstrip(" ,;:-")
    while title[:1] in ("'", '"', "“", "‘") and not _paired(title, 0):
        title = title[1:].lstrip(" ,;:-")
    return title


def _paired(title: str, at: int) -> bool:
    """Whether the double quotation mark at ``at`` has its pair in ``title``."""
    mark = title[at]
    if mark == '"':
        return title.count('"') % 2 == 0
    return (mark == "”" and "“" in title[:at]) or (mark == "“" and "”" in title[at:])


def _cut(words: list[str], most: int) -> list[str]:
    """The first ``most`` of ``words``, less a phrase the cut leaves open (``_runs_on``): a
    modifier whose noun was cut ("an *imminent* [takeover bid]", "the death of *weapons*
    [inspector]"), a verb whose object was ("quits party *to set* [up …]", "plans to scrap
    tuition fees*, raise* [the top rate …]"), then a preposition left with nothing after it
    ("victory *over* [Argentine Mariano Zabaleta]"). A quantity stays whole ("$550
    billion", "22 million"), a modal or "not" brings its verb ("will not be punished"), and
    the plain cut stands where taking a modifier back leaves a verb without its object
    ("loses *key* [players]" says more than "loses")."""
    if len(words) <= most:
        return words
    kept, cut_at = words[:most], words[most]
    if has_digit(kept[-1]) and cut_at.lower().strip(",") in SCALES:
        return [*kept, cut_at]  # "$550 [billion]": the number as written
    if kept[-1].lower() in BEFORE_ITS_VERB:  # "will not [be punished]": the verb comes too
        verb = next((j for j, w in enumerate(words[most:most + 2])
                     if w.islower() and word_tag(w) == "VERB"), None)
        if verb is not None:
            return words[:most + verb + 1]
    while kept and not kept[-1].endswith(",") and _runs_on(kept[-1], cut_at):
        cut_at = kept.pop()
    if len(kept) >= 3 and kept[-1] in PARTICLES and kept[-3].lower() == "to":
        kept = kept[:-1]  # "to set up [a new one]": the verb and its particle go together
    if len(kept) >= 2 and kept[-1].islower() and word_tag(kept[-1]) == "VERB" and (
            kept[-2].lower() == "to" or kept[-2].endswith(",")):
        kept = kept[:-2] if kept[-2].lower() == "to" else [*kept[:-2], kept[-2].rstrip(",")]
    elif len(kept) < most and kept and kept[-1].islower() and word_tag(kept[-1]) == "VERB":
        return words[:most]
    while len(kept) > 1 and kept[-1].islower() and (
            word_tag(kept[-1]) in DANGLING_TAGS | {"ADP"} or kept[-1] == "due") \
            and word_tag(kept[-2]) != "VERB":  # "victory over", not "sold out"
        kept.pop()
    return kept or words[:most]


def _runs_on(word: str, cut_at: str) -> bool:
    """Whether ``word`` opens a phrase that ``cut_at`` goes on with: a modifier or a number
    before its noun (a name's modifier too: "*Argentine* [Mariano Zabaleta]"), a common noun
    before the noun it modifies; not a quantity's word ("22 million [people]"). A name's
    other words stay, though cut ("at World Cross Country [Championships]"): they still
    say what the title is about."""
    if word.lower().strip(",") in SCALES:
        return False
    tag, after = word_tag(word), word_tag(cut_at)
    if tag in ("ADJ", "NUM", "DET"):
        return after in ("NOUN", "PROPN", "NUM", "ADJ") and not (
            has_digit(word) and after == "NUM" and cut_at.lower() in SCALES)
    return tag == "NOUN" and word.islower() and after in ("NOUN", "PROPN")


def _without_existential(text: str) -> str:
    """``text`` without an existential "there is" ("denied [there is] a rift"): one opening
    its clause, at the start or after a verb, "that" or a conjunction, not a "there" that
    is a place ("the people living there are refugees", "the schools there are …")."""
    def opens_clause(found: re.Match[str]) -> bool:
        before = text[:found.start()].split()
        if not before:
            return True
        last = before[-1].lower()
        return last == "that" or last in CLAUSE_OPENERS or (
            word_tag(last) == "VERB" and not last.endswith("ing"))

    return EXISTENTIAL_RE.sub(lambda found: "" if opens_clause(found) else found[0], text)


def _before_verb(words: list[str]) -> bool:
    """Whether ``words`` end in "to" or a modal, whose "be" stays ("could be hit")."""
    last = next((w.lower() for w in reversed(words) if w.lower() not in ("soon", "not")), "")
    return last in MODALS


def _main_clause(lede: str) -> str:
    """The lede less its dateline, brackets, appositions, a leading "After …," clause and a
    closing attribution, cut at its first clause break."""
    text = BRACKETS_RE.sub("", DATELINE_RE.sub("", lede.strip())).rstrip(".!?\"'”’)")
    text = _without_relative(_without_fronted(CERTAIN_FRAME_RE.sub("", text)))
    unattributed = ATTRIBUTION_RE.sub("", text)
    if len(unattributed.split()) >= 4:
        text = unattributed
    text = APPOSITION_RE.sub("", text)
    subject = SUBJECT_APPOSITION_RE.match(text)
    if subject and len(subject[1].split()) <= 6 and _apposition(subject[1], subject[2]):
        text = f"{subject[1]} {text[subject.end():]}"  # "Wipro, India's biggest …, has"
    text = " ".join(timeless(FUTURE_RE.sub("to ", text)).split())  # "said on Monday that"
    for cut in CLAUSE_BREAK_RE.finditer(text):
        before = text[:cut.start()].split()
        if not before:
            continue
        if cut[0].strip() == "that" and (pos_tag(before[-1]) in ("VERB", "AUX") or _told(before)):
            continue  # "said that …", "told the court that …" open what was said
        if cut[0].strip() == "as" and not _opens_clause(text[cut.end():]):
            continue  # "sacked as Valencia coach": a role, no clause
        if len(before) >= 4 and any(pos_tag(w) in ("VERB", "AUX") for w in before[1:]):
            return text[:cut.start()]  # the main clause: subject and verb, at least
    return text


def _without_relative(text: str) -> str:
    """The clause without a relative clause that defines its subject: "Legal threats against
    sites *that let people share copied music* have forced …" → "Legal threats against
    sites have forced …". The subject before "that", "which" or "who" has no verb, the
    relative clause opens on its verb and runs, with no comma or subordinate clause, to the
    auxiliary of the main verb ("have forced", "are to receive", "will be issued")."""
    relative = RELATIVE_RE.search(text)
    if not relative or text[:relative.start()].rstrip().endswith(","):
        return text
    subject = text[:relative.start()].split()
    if len(subject) < 2 or any(word_tag(w) in ("VERB", "AUX") for w in subject[1:]):
        return text  # "People who have never been married …": the clause says which
    rest = text[relative.end():]
    main = MAIN_AUXILIARY_RE.search(rest, len(rest.split(" ", 1)[0]))  # "that has greeted … is"
    clause = rest[:main.start()].split() if main else []
    if not main or not 1 <= len(clause) <= RELATIVE_WORDS or word_tag(clause[0]) not in ("VERB", "AUX") \
            or clause[0].endswith("ing") or any(  # "claim that rising costs …": no relative
                w.endswith(",") or word_tag(w) == "SCONJ" or w.lower() in CLAUSE_OPENERS | SUBJECTS
                for w in clause):
        return text  # "who was jailed … after claiming he was dreaming has vowed"
    return f"{text[:relative.start()]} {rest[main.start():].lstrip()}"


def _told(before: list[str]) -> bool:
    """Whether the words before a "that" end in a verb of telling and its hearer ("told the
    court"), with no preposition between: "warned about a virus that …" is a relative."""
    for back in range(2, min(TOLD_WORDS, len(before)) + 1):
        word = before[-back].lower()
        if word in TOLD:
            return not any(w.islower() and word_tag(w) == "ADP" for w in before[-back + 1:])
    return False


def _opens_clause(text: str) -> bool:
    """Whether the words after "as" are a clause ("as demand fell"), a verb among its first
    few before a comma, rather than a role ("as the new club captain on Friday")."""
    words = text.split(",")[0].split()[:ROLE_WORDS]
    return any(pos_tag(w) in ("VERB", "AUX") and w.islower() for w in words)


def _without_fronted(text: str) -> str:
    """The clause without what is fronted before its subject: a connective ("But", "However,")
    and an adverbial up to its comma opening on a preposition or a subordinating
    conjunction ("After …,", "Through a … statement,"; not a clause with its auxiliary,
    "About 200 people were killed in the floods, officials said"); what is left must still
    say something (four words)."""
    while True:
        opener = OPENER_RE.match(text)
        if not opener or len(text[opener.end():].split()) < 4:
            break
        text = text[opener.end():]
    fronted = FRONTED_RE.match(text)
    if not fronted or len(text[fronted.end():].split()) < 4:
        return text
    if LEAD_CLAUSE_RE.match(text) or (
            pos_tag(fronted[1].lower()) in ("ADP", "SCONJ")
            and not any(pos_tag(w.lower()) == "AUX" for w in fronted[0].split())):
        return text[fronted.end():]  # not a clause: "About 200 people were killed …,"
    return text


def _apposition(subject: str, description: str) -> bool:
    """Whether "subject, description," opening a lede is a noun phrase and what describes it:
    no verb in the subject, no finite verb in the description (a participle is one:
    "Reeves, best known for …,"; "Four players, including …,")."""
    if any(pos_tag(w) in ("VERB", "AUX") for w in subject.split()[1:]):
        return False  # "Americans are becoming blog readers, with …": a clause
    return not any(pos_tag(w) == "AUX" or w.lower() in ("said", "says", "and", "but", "or")
                   or (pos_tag(w) == "VERB" and w.islower() and not w.endswith(PARTICIPLE_ENDS))
                   for w in description.split())


def _headlinese(words: list[str]) -> list[str]:
    """Headline style: "A and B" is written "A, B" (a made title is never "X and Y"), but
    not the "&" of a name ("Johnson & Johnson", "AT & T"). An "and" inside a name ("Centers
    for Disease Control and Prevention") cannot be told from one between two ("Harbour Bank
    of Ghana and Coastal Trust Bank"), so it goes as any other."""
    out: list[str] = []
    for i, word in enumerate(words):
        name_s = word == "&" and 0 < i < len(words) - 1 and words[i - 1][:1].isupper() \
            and not words[i - 1].endswith(",") and words[i + 1][:1].isupper()
        if word.lower() in ("and", "&") and out and not name_s:
            out[-1] = out[-1].rstrip(",") + ","
        else:
            out.append(word)
    return out
