"""Recommendations: the author's own calls to action, strongest first; others' calls apart.

A sentence recommends when it prescribes an action ("should", "must", "urge", "call on", "it
is time to", hedged advice such as "X might try to", "I wish X would", "Please, …", "Don't
…"), with the traps of editorial-labelling guidelines taken out: existing duties and
procedures told (see ``describes_duty``: "Under the treaty, members must …", "the rules
say", "by law", "Companies must file accounts within nine months", "was ordered to") and
predictions ("would have to", "may have to"), the author's own duty told ("I must face
it"), conditionals ("should they be traced"), counterfactuals ("should have acted"),
epistemic or attitudinal "must" ("one must assume", "we must recognise"), discourse moves
("let's agree"), a need denied ("we don't need a permission slip"), rhetorical questions,
and page furniture (the caller filters that). A call the text attributes to someone else —
inside quotation marks, after "X said / urged / called on / wants / thinks" with no "I" or
"we" before it (not in a leading "if …" clause, not "those who want"), or foretold ("X is
expected to call for") — is a reported call, shown as such, not the author's
recommendation, unless the author endorses it ("X rightly says"). A call is listed once:
near-repeats ("… instead of relying on sandbags", "… rather than rely on sandbags") count
as one, the more specific kept, else the stronger.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from .. import terms
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
    # the author's own duty, told (a memoir's "I must deal with it", "what I have to be grateful for")
    r"|\bi (?:must|have to|had to|need to|needed to)\b"
    # a discourse move, not an action: "let's suppose, just for argument's sake"
    r"|\blet(?:'s|’s| us) (?:also )?(?:agree|say|suppose|assume|imagine|consider|be clear|"
    r"be honest|face it)\b"
    r"|\b(?:was|were|been|being) (?:ordered|required|obliged|forced|told) to\b"
    r"|\bas (?:it|they|he|she|we|you|i) (?:should|must)\b"  # "…, as it should": a verdict
    r"|\?[\"'”’)]*$")
# An existing duty or a procedure described, not prescribed (the guidelines' obligation facts).
RULEBOOK = (r"(?:laws?|rules?|rulebook|regulations?|treaty|treaties|constitution|act|statutes?|code|"
            r"charter|conventions?|agreements?|contracts?|terms|directives?|bill|legislation|"
            r"guidelines|guidance|protocol|accord|(?:article|section|clause|paragraph) \d+\w*|"
            r"scheme|proposals|ruling|mandate|doctrine)")  # not "plan", "deal": they propose
# a fronted frame naming the rule the duty is under: "Under the treaty, …", "By law, …" (an
# obligation only: "Under the plan, the government should also cap rents" is a call)
RULE_FRAME_RE = re.compile(
    r"^(?:(?:but|and|yet|now|currently|today|already|so),? )?(?:(?:under|according to|in line with|"
    r"in accordance with|as (?:required|laid down|set out|stipulated) (?:by|in)) (?!my |our |no )"
    rf"[^,;]{{0,60}}?\b{RULEBOOK}\b[^,;]{{0,40}}|(?:by|in) law),")
# the rule as the speaker: "the rules say members must …", "a treaty requires Britain to …"
# (no cue before it: "Ministers should explain why the law allows …" is a call)
RULE_SAYS_RE = re.compile(
    rf"\b{RULEBOOK}(?: of(?: \w+){{1,3}}?)? (?:now |already |still |also )?"
    r"(?:says?|states?|stipulates?|dictates?|mandates?|specif(?:y|ies)|provides?|requires?|"
    r"obliges?|forces?|prohibits?|forbids?|allows?|permits?|bans?|calls? for)\b")
# a duty the law or a court sets: "companies must by law …", "are required by law to …" (not
# "should be"), "must serve three years of probation"
BY_LAW_RE = re.compile(r"\b(?:must|shall|is|are|has to|have to),? by law\b|\b(?:is|are|was|were)"
                       r" (?:already |now |currently |legally )?(?:required|obliged|bound) by\b|"
                       r"\bunder [\w ]{0,30}\blaw\b|"
                       # a penalty a court set: "He must also serve three years of probation"
                       r"\bmust (?:also )?serve\b[^.;]{0,40}\b(?:probation|sentence|jail|prison)\b")
# what a rule says, in a clause of its own: "a bill to ensure Congress must approve any deal",
# "the law, which says drivers must …" (its cues are the rule's, not the author's)
RULE_CONTENT_RE = re.compile(
    rf"\b{RULEBOOK},? (?:that|which|to ensure|to make sure|ensuring|under which|whereby|"
    r"requiring|saying)\b[^,;]*")
# A procedure with its time limit: a plain procedural verb and a date or period, "Companies
# must file accounts within nine months", "Voters must decide in May" (not "Britain must cut
# emissions by 2030", not "Companies must be made to file sooner"; a one-off deadline, "by
# Friday", "by the end of this week", is the author's: "The government must publish the
# report by Friday").
MONTH = (r"(?:january|february|march|april|may|june|july|august|september|october|november|"
         r"december)")
TIME_LIMIT = (
    r"(?:within (?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"\w+teen|\w+ty) (?:\w+ )?(?:days?|weeks?|months?|years?|hours?)|"
    rf"(?:by|in|before|until|from) (?:\d{{1,2}}(?:st|nd|rd|th)? (?:of )?)?(?:{MONTH}|\d{{4}})|"
    r"by (?:the end of )?(?:the |each |every )?(?:deadline|midnight|noon|year|month|week)|"
    r"no later than|each (?:year|month|week)|every (?:\w+ )?(?:years?|months?|weeks?)|annually|"
    r"once a (?:year|month|week))\b")
PROCEDURE_RE = re.compile(
    r"\b(?:must|has to|have to|needs? to)(?: also| still| then| first| now)? (?:file|notify|"
    r"register|submit|report|declare|disclose|lodge|renew|re-?apply|apply|pay|vote|decide|"
    r"publish|return|complete|inform|attend|appear|respond|reply|sign|ratify|enrol|enroll|"
    rf"choose|elect|sit)\b[^,;]{{0,60}}?\b{TIME_LIMIT}")
# a purpose given makes the procedure a call: "Congress must vote by Friday to avert a
# shutdown", "To save our democracy, Americans must vote in November" (not "… to the registrar")
PURPOSE_RE = re.compile(
    r"^,? (?:in order |so as )?to (?!(?:the|a|an|their|its|his|her|our|your|my|this|that|these|"
    r"those|each|every|all|any|some|\d+)\b)[a-z]+\b|\b(?:in order to|so as to|so that|lest)\b")
LEADING_PURPOSE_RE = re.compile(r"^(?:in order )?to [a-z]+\b[^,;]*,")
CLAUSE_END_RE = re.compile(r"[,;]")


def describes_duty(text: str) -> bool:
    """An existing duty or procedure is told, not prescribed (``text`` lower-cased).

    - a fronted frame naming the rule, with an obligation: "Under the treaty, members must
      notify the commission.", "By law, …", "According to the rules, …" (not "Under no
      circumstances should …", not "Under our plan, …", not "Under the plan, X should …");
    - the rule as the speaker, before any cue: "The rules say members must …", "a treaty
      requires …" (not "Ministers should explain why the plan allows …");
    - a duty the law sets: "must by law", "are required by law to" (but "should be required
      by law" is a call), "under Missouri law";
    - every cue inside a clause telling what a rule says (see ``_only_in_rule``);
    - a plain procedural verb with its time limit, every cue in such a clause, no purpose
      given: "Companies must file accounts within nine months.", "Voters must decide in
      May." ("The government must act by 2026", "Companies must be made to file accounts
      sooner", "Congress must vote by Friday to avert a shutdown" are calls; see
      ``_procedure``).
    """
    return (BY_LAW_RE.search(text) is not None or _rule_framed(text) or _rule_says(text)
            or _procedure(text) or _only_in_rule(text))


def _cues(text: str) -> list[int]:
    """Where each cue starts in ``text`` (a need denied is none)."""
    blanked = NEGATED_NEED_RE.sub(lambda need: " " * len(need[0]), text)
    return [cue.start() for cue in PRESCRIPTIVE_RE.finditer(blanked)]


def _rule_framed(text: str) -> bool:
    """A fronted rule frame with an obligation after it ("Under the treaty, members must …"),
    not advice ("Under the plan, the government should also cap rents" is a call)."""
    frame = RULE_FRAME_RE.search(text)
    return frame is not None and STRONGEST_RE.search(text, frame.end()) is None


def _rule_says(text: str) -> bool:
    """The rule as the speaker, with no cue of the author's before it ("Ministers should
    explain why the law allows developers to build …" is a call)."""
    says = RULE_SAYS_RE.search(text)
    return says is not None and all(cue > says.start() for cue in _cues(text))


def _procedure(text: str) -> bool:
    """Every cue is a procedure with its time limit and no purpose given: "Companies must
    file accounts within nine months." ("Congress must vote by Friday to avert a shutdown"
    and "Students must apply within two weeks, so the government should extend the
    deadline" are calls)."""
    spans = []
    for match in PROCEDURE_RE.finditer(text):
        if PURPOSE_RE.search(text[match.end():]) or LEADING_PURPOSE_RE.match(text):
            return False
        end = CLAUSE_END_RE.search(text, match.end())
        spans.append((match.start(), end.start() if end else len(text)))
    return bool(spans) and all(any(a <= cue < b for a, b in spans) for cue in _cues(text))


def _only_in_rule(text: str) -> bool:
    """Every cue lies in a clause telling what a rule says: "Senators are drafting a bill
    so that Congress must approve any deal." ("We need a law that says firms must …"
    and "The bill, which bans foreign donations, should pass." are calls)."""
    clause = RULE_CONTENT_RE.search(text)
    if clause is None:
        return False
    return all(clause.start() < cue < clause.end() for cue in _cues(text))


ATTRIBUTED_RE = re.compile(
    r"\b(?:said|says|say|told|tells|urged|urges|called for|calls for|call for|demanded|demands|"
    r"wants|want|wanted|proposed|proposes|argued|argues|argue|suggested|suggests|insisted|insists|"
    r"claims?|claimed|"
    r"called on|calls on|declared|declares|stated|warned|warns|wrote|added|ruled|ordered|"
    r"thinks?|believes?|believed|according to|indicates?|indicated|shows?|showed)\b")
# the author as the subject of the attribution ("we believe …"), not "my parents insisted"
FIRST_PERSON_RE = re.compile(r"\b(?:i|we)\b")
# the author makes a source's call their own: "Epstein correctly says we should …"
ENDORSED_RE = re.compile(r"\b(?:rightly|correctly|convincingly|wisely) (?:says?|said|argues?|argued|"
                         r"suggests?|suggested|notes?|noted|points? out|pointed out|insists?)\b")
# the verb a cue prescribes ("needs to think", "should say") is the action, not an attribution
PRESCRIBED_VERB_RE = re.compile(r"\b(?:to|should|must|shall|let's|let us)\s+(?:\w+ly\s+)?$")
# A call foretold is someone else's, not the author's: "The prime minister is expected to call
# for calm", "the report will recommend", "some would say we should" (but "I would urge …").
EXPECTED = (r"(?:is|are|was|were|['’]s|['’]re) (?:\w+ )?(?:expected|due|set|likely|poised|scheduled|"
            r"tipped|understood|thought|believed|reported|rumou?red|said|going|about|planning|"
            r"preparing) to|plans? to|intends? to|hopes? to")
FORETOLD_RE = re.compile(rf"\b(?:{EXPECTED})\s+(?:\w+ly\s+)?$")
FORETOLD_CALL_RE = re.compile(
    rf"\b(?:{EXPECTED}|(?:will|would|may|might|could|['’]ll|['’]d)(?: \w+)?) (?:\w+ly )?"
    r"(?:call (?:on|for)|urge|recommend|demand|propose|press|ask|tell|say|argue|insist|warn|"
    r"announce|suggest|appeal to)\b")


# "we don't need a licence for that", "no need to": a need denied prescribes nothing (another
# cue in the sentence still may: "we do not need to scrap them, we only need to trim…")
NEGATED_NEED_RE = re.compile(r"\b(?:(?:do|does|did)(?: not|n't|n’t)|no) needs? (?:to\b)?")


def _cue(text: str) -> re.Match[str] | None:
    return PRESCRIPTIVE_RE.search(NEGATED_NEED_RE.sub("   ", text))


# a leading condition ("if it's on the basis of who the board thinks …, then …"): its verbs
# attribute nothing in the main clause
CONDITION_RE = re.compile(r"^(?:if|unless|when|whether) [^,;]{0,200}, (?:then )?")


def _main_clause(text: str) -> int:
    """Where the main clause starts, after a leading condition (else 0)."""
    match = CONDITION_RE.match(text)
    return match.end() if match else 0


def _attribution(text: str) -> int | None:
    """Where the main clause first gives the call to someone else, if it does.

    A report verb ("the union said", "X wants") counts unless a cue prescribes it as the
    action ("Russia needs to say …") or it is a "who" clause's ("those who want"); a call
    foretold counts even after "to": "The prime minister is expected to call for calm",
    "the review will recommend", "Some would say we should …"."""
    start = _main_clause(text)
    said = next((m.start() for m in ATTRIBUTED_RE.finditer(text, start)
                 if not text[:m.start()].endswith("who ")
                 and (not PRESCRIBED_VERB_RE.search(text[:m.start()])
                      or FORETOLD_RE.search(text[:m.start()]))), None)
    foretold = FORETOLD_CALL_RE.search(text, start)
    if foretold is None:
        return said
    return foretold.start() if said is None else min(said, foretold.start())


# a clause of its own after a call foretold: "He will ask the court to intervene, and we
# should support him" (not "…, and that …", which goes on with what is foretold)
CLAUSE_BREAK_RE = re.compile(r"(?:; |, (?:and|but|so|yet) )(?!that\b)")


def reported(text: str) -> bool:
    """The call is someone else's: every cue inside quotation marks, or an attribution (see
    ``_attribution``) with no first person before it ("I would urge …" stays the author's).
    A call foretold is someone else's in its own clause only: "He will ask the court to
    intervene, and we should support him" is the author's call."""
    unquoted = without_speech(text)
    if PRESCRIPTIVE_RE.search(unquoted) is None:
        return True
    said = _attribution(unquoted)
    if said is None or ENDORSED_RE.search(unquoted):
        return False
    if FORETOLD_CALL_RE.match(unquoted, said) and any(
            not reported(unquoted[b.end():]) for b in CLAUSE_BREAK_RE.finditer(unquoted, said)):
        return False
    return FIRST_PERSON_RE.search(unquoted[:said]) is None


class Call(NamedTuple):
    """A call found: its strength, how plainly it recommends (3 names the advice: "should",
    "urge", "call on", "recommend"; 2 a necessity: "must", "it is time to", "let us"; 1 a
    need, a hedge or a plea: "needs to", "has to", "might try to", "please"), where it
    stands (0 first) and the sentence."""

    strength: int
    position: int
    sentence: Sentence


def _strength(text: str, cue: re.Match[str]) -> int:
    if cue["strongest"] or STRONGEST_RE.search(text):
        return 3
    return 2 if STRONG_RE.search(text) else 1


def _scored(sentences: Sequence[Sentence], exclude: set[str]) -> tuple[list[Call], list[Call]]:
    """The author's calls and others' calls, each sentence once."""
    own: list[Call] = []
    others: list[Call] = []
    seen: set[str] = set(exclude)
    for position, s in enumerate(sentences):
        text = s.text.lower()
        cue = _cue(text)
        if (cue is None or s.truncated or s.text in seen or NOT_PRESCRIPTIVE_RE.search(text)
                or describes_duty(text)):
            continue
        seen.add(s.text)
        (others if reported(text) else own).append(Call(_strength(text, cue), position, s))
    return own, others


# Two calls say the same when their content words' stems overlap this much (Jaccard).
NEAR_REPEAT = 0.6
NEGATION_RE = re.compile(r"n['’]t\b|\b(?:not|no|never|nor|cannot)\b")
Gist = tuple[frozenset[str], bool]


def _gist(text: str) -> Gist:
    """What a call says: its content words' stems, and whether it is negated."""
    return frozenset(terms.content_stems(text)), NEGATION_RE.search(text.lower()) is not None


def near_repeat(one: Gist, other: Gist) -> bool:
    """Two calls say the same thing: the same polarity, and their content stems overlap by
    ``NEAR_REPEAT`` or more. "Britain must build flood defences now instead of relying on
    sandbags." repeats "Britain should build flood defences now rather than rely on
    sandbags." (1.0); "Schools should not teach it." does not repeat "Schools should teach
    it.", nor "Europe must act." "America must act." (1/3)."""
    (stems, negated), (others, other_negated) = one, other
    if negated != other_negated or not stems or not others:
        return False
    return len(stems & others) >= NEAR_REPEAT * len(stems | others)


def _distinct(found: list[Call], exclude: Iterable[str]) -> list[Call]:
    """``found`` less near-repeats (see ``near_repeat``): of two, the more specific stays (the
    one whose content stems contain all the other's: "Schools should teach coding from age
    five." over "Schools should teach coding."), else the stronger, else the earlier; none
    stays that repeats an ``exclude`` text (the bottom line)."""
    said = [_gist(text) for text in exclude]
    kept: list[tuple[Call, Gist]] = []
    for call in sorted(found, key=lambda c: (-c.strength, c.position)):
        gist = _gist(call.sentence.text)
        if any(near_repeat(gist, other) for other in said):
            continue
        repeated = [(c, g) for c, g in kept if near_repeat(gist, g)]
        if not repeated:
            kept.append((call, gist))
        elif all(g[0] < gist[0] for _, g in repeated):  # more specific than each it repeats
            kept = [(c, g) for c, g in kept if (c, g) not in repeated] + [(call, gist)]
    return [c for c, _ in kept]


def _best(found: list[Call], exclude: Iterable[str]) -> tuple[Point, ...]:
    """The ``MAX_RECOMMENDATIONS`` strongest distinct calls, strongest first and in reading
    order among equals. Which of equals make the cut: the later, since op-eds build towards
    their recommendation."""
    best = sorted(_distinct(found, exclude), key=lambda c: (-c.strength, -c.position))
    chosen = sorted(best[:MAX_RECOMMENDATIONS], key=lambda c: (-c.strength, c.position))
    return tuple(Point(c.sentence.text, c.sentence.paragraph) for c in chosen)


def recommendations(sentences: Sequence[Sentence], exclude: Sequence[str] = ()) -> tuple[Point, ...]:
    """The author's own calls to action: the strongest few, strongest first (see ``_best``).

    "should", "urge" and the like outweigh "must", which outweighs "has to" (``Call``).
    Strongest first: a reader meets the plainest call first, and a digest cut to length
    (which keeps a brief's points in their order) keeps it longest. A near-repeat counts
    once (see ``_distinct``). ``exclude``: texts not to repeat (the bottom line).
    """
    return _best(_scored(sentences, set(exclude))[0], exclude)


def calls(sentences: Sequence[Sentence], exclude: Sequence[str] = ()) -> tuple[Point, ...]:
    """Calls to action the text reports from others (see ``reported``), strongest first."""
    return _best(_scored(sentences, set(exclude))[1], exclude)
