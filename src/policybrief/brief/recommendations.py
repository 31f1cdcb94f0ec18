"""Recommendations: the author's own calls to action, strongest first; others' calls apart.

A sentence recommends when it prescribes an action ("should", "must", "urge", "call on", "it
is time to", hedged advice such as "X might try to", "I wish X would", "Please, …", "Don't
…"), with the traps of editorial-labelling guidelines taken out: facts about existing
duties (a law that "requires", "was ordered to") and predictions ("would have to", "may
have to"), the author's own duty told ("I must face it"), conditionals ("should they be
traced"), counterfactuals ("should have acted"), epistemic or attitudinal "must" ("one
must assume", "we must recognise"), discourse moves ("let's agree"), a need denied ("we
don't need a permission slip"), rhetorical questions, and page furniture (the caller
filters that). A call the text attributes to someone else — inside quotation marks, or
after "X said / urged / called on / wants / thinks" with no "I" or "we" before it (not in
a leading "if …" clause, not "those who want") — is a reported call, shown as such, not
the author's recommendation, unless the author endorses it ("X rightly says"). Identical
sentences count once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..models import Point, Sentence
from .speech import without_speech

MAX_RECOMMENDATIONS = 4
# The cue patterns match lower-cased text (lower-casing once and matching case-sensitively is
# several times faster than re.IGNORECASE over a long alternation).
STRONGEST = (
    r"should(?:n['’]t)?|ought to|urges?d?|urging|calls? (?:on|for)|called (?:on|for)|"
    r"recommends?|recommended|would do well to|would be wise to"
)
STRONG = (
    r"must(?:n['’]t)?|(?:it is|it's|it may be|it might be) (?:high |past )?time (?:to|for)|is imperative|"
    r"let us|let's"
)
WEAK = (
    r"needs? to|has to|have to|had better|is essential to|we need|is advised to|"
    # hedged advice and wishes: "X might try to …", "I wish X would …", "Please, …"
    r"might (?:try|want|wish|consider|do well) to|i wish (?:[\w'’-]+ ){1,6}would|^please\b|"
    r"^(?:don't|don’t|do not) [a-z]+"  # a prohibition in the imperative: "Don't tell me …"
)
STRONGEST_RE = re.compile(rf"\b(?:{STRONGEST})\b")
STRONG_RE = re.compile(rf"\b(?:{STRONG})\b")
PRESCRIPTIVE_RE = re.compile(rf"\b(?:(?P<strongest>{STRONGEST})|{STRONG}|{WEAK})\b")
# facts, conditionals, counterfactuals, epistemic and attitudinal uses, questions
NOT_PRESCRIPTIVE_RE = re.compile(
    r"\b(?:must|should|ought to|could|would) have (?:been|[a-z]+(?:ed|en|wn|ne|ht|t))\b"
    r"|\bshould(?:n['’]t| not)? (?:be (?:a |any )?surprised?|surprise|come as)\b|\bit should be no\b"
    r"|\bone must (?:assume|admit|remember|note|consider)\b|\bmust (?:bear|be) (?:some|responsible)\b"
    r"|\b(?:we|you|one) (?:must|should|need to) (?:recogni[sz]e|understand|remember|acknowledge|"
    r"look forward|realise|realize|accept that|not forget)\b"
    r"|\bshould be (?:seen|noted|of concern|thrilled|viewed|welcomed)\b"
    r"|(?:^|[,;:] )should (?:they|he|she|it|you|there|the|this|that|any|we)\b"
    r"|\b(?:will|would|had|has had|have had) to\b"
    # a prediction or a duty described: "would have to deliver", "may have to wait"
    r"|(?:\b(?:will|would|may|might|could|can)|['’]d) (?:also |still |then )?(?:have|need) to\b"
    # the author's own duty, told (a memoir's "I must face it", "what I have to be thankful for")
    r"|\bi (?:must|have to|had to|need to|needed to)\b"
    # a discourse move, not an action: "let's agree for the sake of argument"
    r"|\blet(?:'s|’s| us) (?:also )?(?:agree|say|suppose|assume|imagine|consider|be clear|"
    r"be honest|face it)\b"
    r"|\b(?:law|laws|treaty|constitution|rules?|regulations?|act|contract|directive|doctrine) "
    r"(?:requires?|obliges?|forces?|prohibits?|allows?|bans?|calls? for)\b"
    r"|\b(?:was|were|been|being) (?:ordered|required|obliged|forced|told) to\b|\bunder [\w ]{0,30}\blaw\b"
    r"|\bas (?:it|they|he|she|we|you|i) (?:should|must)\b"  # "…, as it should": a verdict
    r"|\?[\"'”’)]*$")
ATTRIBUTED_RE = re.compile(
    r"\b(?:said|says|say|told|tells|urged|urges|called for|calls for|call for|demanded|demands|"
    r"wants|want|wanted|proposed|proposes|argued|argues|argue|suggested|suggests|insisted|insists|"
    r"claims?|claimed|"
    r"called on|calls on|declared|declares|stated|warned|warns|wrote|added|"
    r"thinks?|believes?|believed|according to|indicates?|indicated|shows?|showed)\b")
# the author as the subject of the attribution ("we believe …"), not "my parents insisted"
FIRST_PERSON_RE = re.compile(r"\b(?:i|we)\b")
# the author makes a source's call their own: "Epstein correctly says we should …"
ENDORSED_RE = re.compile(r"\b(?:rightly|correctly|convincingly|wisely) (?:says?|said|argues?|argued|"
                         r"suggests?|suggested|notes?|noted|points? out|pointed out|insists?)\b")
# the verb a cue prescribes ("needs to think", "should say") is the action, not an attribution
PRESCRIBED_VERB_RE = re.compile(r"\b(?:to|should|must|shall|let's|let us)\s+(?:\w+ly\s+)?$")


# "we don't need a permission slip", "no need to": a need denied prescribes nothing (another
# cue in the sentence still may: "we do not need to end them, we just need to level…")
NEGATED_NEED_RE = re.compile(r"\b(?:(?:do|does|did)(?: not|n't|n’t)|no) needs? (?:to\b)?")


def _cue(text: str) -> re.Match[str] | None:
    return PRESCRIPTIVE_RE.search(NEGATED_NEED_RE.sub("   ", text))


# a leading condition ("if it's on the basis of who Ofcom thinks …, then …"): its verbs
# attribute nothing in the main clause
CONDITION_RE = re.compile(r"^(?:if|unless|when|whether) [^,;]{0,200}, (?:then )?")


def _main_clause(text: str) -> int:
    """Where the main clause starts, after a leading condition (else 0)."""
    match = CONDITION_RE.match(text)
    return match.end() if match else 0


def reported(text: str) -> bool:
    """The call is someone else's: every cue inside quotation marks, or an attribution verb
    with no first person before it."""
    unquoted = without_speech(text)
    if PRESCRIPTIVE_RE.search(unquoted) is None:
        return True
    said = next((m for m in ATTRIBUTED_RE.finditer(unquoted, _main_clause(unquoted))
                 if not PRESCRIBED_VERB_RE.search(unquoted[:m.start()])
                 and not unquoted[:m.start()].endswith("who ")), None)
    if said is None or ENDORSED_RE.search(unquoted):
        return False
    return FIRST_PERSON_RE.search(unquoted[:said.start()]) is None


Scored = list[tuple[float, Sentence]]


def _scored(sentences: Sequence[Sentence], exclude: set[str]) -> tuple[Scored, Scored]:
    """(score, sentence) of the author's calls and of others' calls."""
    own: Scored = []
    others: Scored = []
    seen: set[str] = set(exclude)
    total = max(1, len(sentences))
    for position, s in enumerate(sentences):
        text = s.text.lower()
        cue = _cue(text)
        if cue is None or s.truncated or s.text in seen or NOT_PRESCRIPTIVE_RE.search(text):
            continue
        seen.add(s.text)
        strength = 3.0 if cue["strongest"] else 2.0 if STRONG_RE.search(text) else 1.0
        if cue["strongest"] is None and STRONGEST_RE.search(text):
            strength = 3.0
        (others if reported(text) else own).append((strength + position / total, s))
    return own, others


def _best(scored: Scored) -> tuple[Point, ...]:
    best = sorted(scored, key=lambda item: -item[0])[:MAX_RECOMMENDATIONS]
    return tuple(Point(s.text, s.paragraph) for _, s in sorted(best, key=lambda i: i[1].index))


def recommendations(sentences: Sequence[Sentence], exclude: Sequence[str] = ()) -> tuple[Point, ...]:
    """The author's own calls to action: the strongest few, in reading order.

    "should", "urge" and the like outweigh "must", which outweighs "has to"; among equals
    the later sentence wins, since op-eds build towards their recommendation. ``exclude``:
    texts not to repeat (the bottom line).
    """
    return _best(_scored(sentences, set(exclude))[0])


def calls(sentences: Sequence[Sentence], exclude: Sequence[str] = ()) -> tuple[Point, ...]:
    """Calls to action the text reports from others (see ``reported``), strongest first."""
    return _best(_scored(sentences, set(exclude))[1])
