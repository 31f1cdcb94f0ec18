"""Recommendations: duties and procedures told, calls foretold, near-repeats and order.

Each case is a sentence an op-ed or a report might print; the ones beside it that look the
same on the surface ("must", "should", "call for") but prescribe show where each rule stops.
"""

from __future__ import annotations

import pytest

from policybrief.brief.recommendations import calls, describes_duty, recommendations
from policybrief.models import Sentence


def _own(*texts: str) -> list[str]:
    sentences = [Sentence(t, i + 1, i) for i, t in enumerate(texts)]
    return [p.text for p in recommendations(sentences)]


def _reported(*texts: str) -> list[str]:
    sentences = [Sentence(t, i + 1, i) for i, t in enumerate(texts)]
    return [p.text for p in calls(sentences)]


DUTIES_TOLD = [
    # a fronted frame naming the rule
    "Under the treaty, members must notify the commission.",
    "Under current EU rules, member states must keep their deficits below 3% of output.",
    "According to the rules, candidates must step down from their council seats.",
    "By law, employers must give staff a written statement of their terms.",
    # the rule as the speaker
    "The rules say members must declare any gift worth more than £300.",
    "The club's code of conduct stipulates that players should wear the home strip.",
    # a duty the law sets
    "Landlords are already required by law to protect their tenants' deposits.",
    "Companies must, by law, publish their gender pay gap.",
    # what a rule says, in a clause of its own
    "Two senators are drafting a bill to ensure that Congress must approve any final deal.",
    # a procedure with its time limit
    "Companies must file accounts within nine months.",
    "Voters must decide in May.",
    "Applicants have to register by 31 March.",
    "Councils must publish their budgets every year.",
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
    "Congress should pass a law requiring that donors be named.",
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


def test_the_authors_own_future_or_polite_call_stays_theirs() -> None:
    text = "I would urge the council to think again before closing the library."
    assert _own(text) == [text]
    assert _own("We will call on every MP to back the amendment.") != []
