"""Recommendations: duties and procedures told, calls foretold, near-repeats and order.

Each case is a sentence an op-ed or a report might print; the ones beside it that look the
same on the surface ("must", "should", "call for") but prescribe show where each rule stops.
"""

from __future__ import annotations

import pytest

from policybrief.brief.recommendations import calls, describes_duty, recommendations
from policybrief.models import Article, Budget, PolicyBrief, Sentence
from policybrief.pipeline import brief_article


def _own(*texts: str) -> list[str]:
    sentences = [Sentence(t, i + 1, i) for i, t in enumerate(texts)]
    return [p.text for p in recommendations(sentences)]


def _reported(*texts: str) -> list[str]:
    sentences = [Sentence(t, i + 1, i) for i, t in enumerate(texts)]
    return [p.text for p in calls(sentences)]


DUTIES_TOLD = [
    # a fronted frame naming the rule
    "Under the treaty, members must notify the commission.",
    "Under current league rules, clubs must keep their wage bills below 70% of turnover.",
    "According to the rules, candidates must step down from their council seats.",
    "By law, employers must give staff a written statement of their terms.",
    # the rule as the speaker
    "The rules say members must declare any gift worth more than £300.",
    "The club's code of conduct stipulates that players should wear the home strip.",
    # a duty the law sets
    "Landlords are already required by law to protect their tenants' deposits.",
    "Companies must, by law, publish their gender pay gap.",
    # what a rule says, in a clause of its own
    "Two councillors are drafting a bill to ensure that the council must approve any sale.",
    # a procedure with its time limit
    "Companies must file accounts within nine months.",
    "Voters must decide in May.",
    "Applicants have to register by 31 March.",
    "Councils must publish their budgets every year.",
    "Companies must file accounts to the registrar within nine months.",  # "to" a place
    "Small firms do not need to hire an auditor, but they must file accounts within a year.",
    # the rule's obligation under a fronted frame; the rule speaking before any cue
    "Under the agreement, each member has to report its emissions.",
    "The treaty requires that members must notify the commission.",
]

CALLS = [
    "Companies must be made to file accounts sooner.",
    "The government must act.",
    "Britain must cut its emissions by 2030.",
    "Parliament should vote on the deal in May.",  # "should" prescribes, whatever the date
    "The council must publish the audit before the vote.",
    "Firms should be required by law to publish their pay gaps.",
    "Smoking in cars with children should be banned by law.",
    "Under no circumstances should ministers pay ransoms to kidnappers.",
    "Under our plan, every child should get a free school meal.",
    "We need a law that says firms must disclose their donors.",
    "The bill, which bans foreign donations, should pass.",
    "Congress should pass a law requiring that donors be named.",
    # a procedural verb with a purpose given or a one-off deadline set is the author's call
    "Congress must vote by Friday to avert a shutdown.",
    "Americans must vote in November to save our democracy.",
    "To save our democracy, Americans must vote in November.",
    "Councils must publish their budgets every year so that residents can judge them.",
    "The government must publish the report by Friday.",
    "The government must publish the report by the end of this week.",
    # a call in a clause of its own beside a procedure told
    "Students must apply within two weeks, so the government should extend the deadline.",
    "Students must apply within two weeks; ministers should extend the deadline.",
    # a plan or a deal is not a rule; the author's cue before a rule's words is the author's
    "Ministers should explain why the plan allows developers to build on green belt land.",
    "Ministers should explain why the law allows developers to build on green belt land.",
    "Under the plan, the government should also cap rents.",
    "Under the treaty, members should be free to leave.",  # advice, not the rule's obligation
    "The deal lets foreign trawlers fish our waters, so ministers must reopen the talks.",
]


@pytest.mark.parametrize("text", DUTIES_TOLD)
def test_a_duty_or_procedure_told_is_no_recommendation(text: str) -> None:
    assert describes_duty(text.lower())
    assert _own(text) == []


@pytest.mark.parametrize("text", CALLS)
def test_a_prescription_that_looks_like_a_duty_stays_a_recommendation(text: str) -> None:
    assert not describes_duty(text.lower())
    assert _own(text) == [text]


FORETOLD = [
    "The prime minister is expected to call for calm.",
    "The foreign secretary is due to urge Iran to release the detained journalists.",
    "The committee is set to recommend that the tax be scrapped.",
    "The review will recommend that smaller schools should merge.",
    "The minister is likely to say that schools must stay open.",
]


@pytest.mark.parametrize("text", FORETOLD)
def test_a_call_foretold_is_someone_elses(text: str) -> None:
    assert _own(text) == [] and _reported(text) == [text]


REPORTED_THEN_OWN = [
    "He will ask the Supreme Court to intervene, and we should support him.",
    "The prime minister is expected to call for calm; we should hold him to it.",
    "The union will demand a pay rise, but ministers must not give in.",
]


@pytest.mark.parametrize("text", REPORTED_THEN_OWN)
def test_a_call_foretold_is_someone_elses_in_its_own_clause_only(text: str) -> None:
    assert _own(text) == [text] and _reported(text) == []


@pytest.mark.parametrize("text", [
    "He will ask the Supreme Court to intervene, and that it should rule by June.",
    "He will ask the court to intervene, and he will say the states must comply.",
    "The minister will tell MPs that, if needed, the army should help.",
])
def test_what_goes_on_telling_the_foretold_call_stays_reported(text: str) -> None:
    assert _own(text) == [] and _reported(text) == [text]


def test_the_authors_own_future_or_polite_call_stays_theirs() -> None:
    text = "I would urge the council to think again before closing the library."
    assert _own(text) == [text]
    assert _own("We will call on every MP to back the amendment.") != []


INSTEAD = "Britain must build flood defences now instead of relying on sandbags."
RATHER = "Britain must build flood defences now rather than rely on sandbags."


def test_a_near_repeat_is_listed_once_the_earlier_of_equals() -> None:
    between = "Every winter the same towns are flooded and the same promises are made."
    assert _own(INSTEAD, between, RATHER) == [INSTEAD]
    assert _own(RATHER, between, INSTEAD) == [RATHER]


def test_of_two_near_repeats_the_stronger_call_is_kept() -> None:
    should = "Britain should build flood defences now rather than rely on sandbags."
    assert _own(INSTEAD, should) == [should]


def test_of_two_near_repeats_the_more_specific_call_is_kept() -> None:
    """When one call's content words contain the other's, the fuller one stays, whichever
    comes first and even if it is worded less strongly."""
    specific, bare = "Schools should teach coding from age five.", "Schools should teach coding."
    assert _own(specific, bare) == [specific]
    assert _own(bare, specific) == [specific]
    weaker = "Schools must teach coding from age five."
    assert _own(bare, weaker) == [weaker]
    # neither contains the other: the stronger, then the earlier, as before
    other = "Schools should teach coding to pupils."
    assert _own(specific, other) == [specific]
    assert _own(other, specific) == [other]
    assert _own("Schools must teach coding to pupils.", specific) == [specific]


def test_calls_that_differ_are_kept_apart() -> None:
    """Shared words are not enough: a call and its negation, or the same verb for another
    actor, are two calls."""
    teach = "Schools should teach first aid to every pupil."
    not_teach = "Schools should not teach first aid to every pupil."
    assert _own(teach, not_teach) == [teach, not_teach]
    europe, america = "Europe must act on the refugee crisis.", "America must act on its debt."
    assert _own(europe, america) == [europe, america]
    defences = "The government must also fund proper flood defences for coastal towns."
    assert _own(INSTEAD, defences) == [INSTEAD, defences]


def test_a_near_repeat_of_the_bottom_line_is_not_listed_again() -> None:
    sentences = [Sentence(INSTEAD, 1, 0), Sentence(RATHER, 4, 1)]
    assert recommendations(sentences, exclude=(INSTEAD,)) == ()


def test_an_op_ed_restating_its_call_lists_it_once() -> None:
    """The thesis counts among an argument's calls; its restatement at the end is not
    listed beside it."""
    paragraphs = (
        "Three times in five years the river has burst its banks and flooded the town centre.",
        "Each time, the council has handed out sandbags and promised a review.",
        INSTEAD,
        "Sandbags cost the town more every year, and the insurers have noticed.",
        "Defences built in Lyon have held for twenty years and saved the town on every flood.",
        RATHER,
    )
    result = brief_article(Article(source="o.txt", paragraphs=paragraphs,
                                   title="Stop handing out sandbags"), budget=Budget(sentences=3))
    assert isinstance(result, PolicyBrief) and result.genre == "opinion"
    listed = [p.text for p in result.recommendations]
    assert len([t for t in listed if t in (INSTEAD, RATHER)]) == 1, listed


def test_calls_are_listed_strongest_first_in_reading_order_among_equals() -> None:
    """Strength: "should"/"urge" name the advice (3), "must"/"it is time to" a necessity
    (2), "needs to"/"has to" a need (1). Among equals, the later make the cut."""
    texts = [
        "The council needs to publish the flood survey.",
        "Ministers must fund the new barrier.",
        "The agency should stop licensing homes on the flood plain.",
        "It is time to give coastal towns their own flood budgets.",
        "Insurers should price the risk honestly.",
    ]
    assert _own(*texts) == [texts[2], texts[4], texts[1], texts[3]]
    more = [*texts, "Parliament should hold the agency to account."]
    assert _own(*more) == [texts[2], texts[4], more[5], texts[3]]  # the later "must"-level call


def test_others_calls_are_listed_strongest_first_too() -> None:
    texts = ["The union said the government must raise wages.",
             "Landlords say tenants should pay for repairs."]
    assert _reported(*texts) == [texts[1], texts[0]]


def test_a_courts_order_is_no_authors_call() -> None:
    texts = ["A judge sentenced Smith to six months in jail on Monday.",
             "He must also serve three years of probation and pay a $5,000 fine.",
             "Smith must pay restitution to the victims, the judge ruled.",
             "The city must fix its roads before winter."]
    sentences = [Sentence(t, i + 1, i) for i, t in enumerate(texts)]
    assert [p.text for p in recommendations(sentences)] == [texts[3]]
    assert [p.text for p in calls(sentences)] == [texts[2]]  # the judge's, reported
