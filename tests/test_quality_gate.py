"""The quality gate: ``default`` on the project's own fixture must not fall below pinned floors.

The fixture (``tests/fixtures/quality/articles.jsonl``) is ten short news stories and op-eds
written for this project, each with a hand-written three-sentence summary. The floors in
``floors.json`` sit a little under the scores at the time they were pinned, so harmless
changes pass and a real drop in quality fails CI; raise them when quality improves.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policybrief.evaluate import EvalOptions, MethodScore, evaluate, load_dataset

FIXTURE = Path(__file__).parent / "fixtures" / "quality"
METRICS = ("rouge1", "rouge2", "rougeLsum")


@pytest.fixture(scope="module")
def scores() -> dict[str, MethodScore]:
    records = load_dataset(FIXTURE / "articles.jsonl")
    results = evaluate(records, ["lead", "default"], EvalOptions(sentences=3))
    return {score.method: score for score in results}


def test_fixture_is_the_documented_size() -> None:
    records = load_dataset(FIXTURE / "articles.jsonl")
    assert len(records) == 10
    assert all(record.title and len(record.reference_lines()) == 3 for record in records)


@pytest.mark.parametrize("metric", METRICS)
def test_default_stays_above_its_floor(scores: dict[str, MethodScore], metric: str) -> None:
    floor = json.loads((FIXTURE / "floors.json").read_text(encoding="utf-8"))["default"][metric]
    assert getattr(scores["default"], metric) >= floor


@pytest.mark.parametrize("metric", METRICS)
def test_default_beats_lead_on_the_fixture(scores: dict[str, MethodScore], metric: str) -> None:
    assert getattr(scores["default"], metric) >= getattr(scores["lead"], metric)
