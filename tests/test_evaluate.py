"""The evaluation library and the ``eval`` command, on small JSONL files written here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policybrief.cli import app
from policybrief.errors import IngestError, UsageError
from policybrief.evaluate import (
    EvalOptions,
    Record,
    budget_for,
    cap_words,
    default_methods,
    evaluate,
    load_dataset,
    resolve_methods,
    score_summary,
)
from policybrief.models import Budget

FIRST = "The mayor opened the new bridge over the river on Friday."
SECOND = "It took four years to build and cost twelve million pounds."
THIRD = "Cyclists and walkers will use it for free."

RECORDS = [
    {"title": "Bridge opens", "text": f"{FIRST} {SECOND}\n\n{THIRD}", "reference": FIRST,
     "reference_sentences": [FIRST]},
    {"text": f"{FIRST} {SECOND} {THIRD}", "reference": f"{FIRST} {SECOND}"},
]


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in RECORDS) + "\n", encoding="utf-8")
    return path


def test_load_dataset_reads_records_and_skips_blank_lines(dataset: Path) -> None:
    records = load_dataset(dataset)
    assert [r.title for r in records] == ["Bridge opens", None]
    assert records[0].reference_lines() == (FIRST,)
    assert records[1].reference_lines() == (FIRST, SECOND)  # split by the pipeline
    assert len(load_dataset(dataset, limit=1)) == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"text": "a"}\n', "needs the string fields"),
        ("not json\n", "not valid JSON"),
        ("", "holds no records"),
    ],
)
def test_bad_datasets_are_ingest_errors_naming_the_line(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(IngestError, match=message) as caught:
        load_dataset(path)
    assert caught.value.hint


def test_missing_dataset_is_an_ingest_error(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="no such dataset file"):
        load_dataset(tmp_path / "absent.jsonl")


def test_cap_words_cuts_across_sentences() -> None:
    assert cap_words(["one two three", "four five", "six"], 4) == ["one two three", "four"]
    assert cap_words(["one two"], 0) == []


def test_budget_is_the_reference_sentence_count_with_ref_budget() -> None:
    record = Record(text="", reference=f"{FIRST} {SECOND}")
    assert budget_for(record, EvalOptions(ref_budget=True)) == Budget(sentences=2)
    assert budget_for(record, EvalOptions(sentences=5)) == Budget(sentences=5)


def test_score_summary_is_f1_times_100() -> None:
    record = Record(text="", reference="the cat sat")
    assert score_summary(["the cat sat"], record) == (100.0, 100.0, 100.0)
    r1, r2, _ = score_summary(["the cat"], record)
    assert round(r1, 2) == 80.0  # precision 1, recall 2/3
    assert round(r2, 2) == round(2 * 1 * 0.5 / 1.5 * 100, 2)


def test_evaluate_lead_one_sentence_is_exact(dataset: Path) -> None:
    scores = evaluate(load_dataset(dataset), ["lead"], EvalOptions(sentences=1))
    (lead,) = scores
    # article 1: the lead sentence is the reference (100); article 2: FIRST against FIRST+SECOND
    second = score_summary([FIRST], Record(text="", reference=f"{FIRST} {SECOND}"))
    assert lead.rouge1 == pytest.approx((100 + second[0]) / 2)
    assert lead.rouge2 == pytest.approx((100 + second[1]) / 2)
    assert lead.articles == 2
    assert lead.articles_per_second > 0


def test_word_cap_and_ref_budget_change_the_scores(dataset: Path) -> None:
    records = load_dataset(dataset)
    loose = evaluate(records, ["lead"], EvalOptions(sentences=3))[0]
    capped = evaluate(records, ["lead"], EvalOptions(ref_budget=True, word_cap=True))[0]
    assert capped.rouge1 == pytest.approx(100.0)  # the reference is exactly the lead
    assert loose.rouge1 < capped.rouge1


def test_two_workers_give_the_same_scores(dataset: Path) -> None:
    records = load_dataset(dataset) * 3
    one = evaluate(records, ["lead", "default"], EvalOptions(workers=1))
    two = evaluate(records, ["lead", "default"], EvalOptions(workers=2))
    assert [s.as_dict()["rouge2"] for s in one] == [s.as_dict()["rouge2"] for s in two]


def test_methods_always_include_lead() -> None:
    assert resolve_methods(["default"]) == ("lead", "default")
    assert resolve_methods(["lead", "default"]) == ("lead", "default")
    everything = resolve_methods(None)
    assert everything == default_methods()
    assert everything[0] == "lead" and "default" in everything and "lexrank" in everything
    with pytest.raises(UsageError, match="unknown method"):
        resolve_methods(["nonsense"])


def test_eval_command_prints_json(dataset: Path) -> None:
    result = CliRunner().invoke(
        app, ["eval", str(dataset), "--method", "default", "--sentences", "1", "--json",
              "--workers", "1"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert [r["method"] for r in report["results"]] == ["lead", "default"]
    assert report["budget"] == "1 sentences"
    assert set(report["results"][0]) >= {"rouge1", "rouge2", "rougeLsum", "articles_per_second"}


def test_eval_command_prints_a_table(dataset: Path) -> None:
    result = CliRunner().invoke(app, ["eval", str(dataset), "-m", "default", "--ref-budget",
                                      "--word-cap", "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "RLsum" in result.stdout and "default" in result.stdout and "lead" in result.stdout


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["eval", "absent.jsonl"], 1, "no such dataset file"),
        (["eval", "{data}", "--sentences", "2", "--ref-budget"], 2, "exclude each other"),
        (["eval", "{data}", "--method", "nonsense"], 2, "unknown method"),
        (["eval", "{data}", "--limit", "0"], 2, "--limit must be at least 1"),
    ],
)
def test_eval_command_errors_are_one_line_and_an_exit_code(
    dataset: Path, args: list[str], code: int, message: str
) -> None:
    result = CliRunner().invoke(app, [a.format(data=dataset) for a in args])
    assert result.exit_code == code
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_eval_help_has_an_example() -> None:
    result = CliRunner().invoke(app, ["eval", "--help"])
    assert result.exit_code == 0
    assert "policybrief eval" in result.stdout
