"""Golden files of the seeds digest in every format, and briefs/digest.* kept current.

Volatile fields (the generation date and time, the package version) are scrubbed before
comparing. Regenerate the golden files after an intended change with

    POLICYBRIEF_REGEN_GOLDEN=1 pytest tests/test_digest_golden.py

and the committed digests with `make demo`.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policybrief.cli import app

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
REGEN = os.environ.get("POLICYBRIEF_REGEN_GOLDEN") == "1"
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
SCRUBS = [
    (re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:[+-]\d\d:\d\d|Z)"), "<GENERATED>"),
    (re.compile(r'"date": "\d{4}-\d\d-\d\d"'), '"date": "<DATE>"'),
    (re.compile(rf"\b\d{{1,2}} (?:{MONTHS}) \d{{4}}\b"), "<DATE>"),
    (re.compile(r'"version": "[^"]*"'), '"version": "<VERSION>"'),
    (re.compile(r"(policybrief\s+)\d+\.\d+[^\s<*]*?(?=\.?[\s<*]|\.?$)", re.MULTILINE),
     r"\1<VERSION>"),
]


def scrub(text: str) -> str:
    for pattern, replacement in SCRUBS:
        text = pattern.sub(replacement, text)
    return text


def test_scrub_removes_only_volatile_fields() -> None:
    text = ("25 November 2026 · Generated 2026-11-25T00:35:25+00:00 by policybrief 0.1.0.\n"
            '"date": "2026-11-25", "version": "0.1.0", in 1979 the policy')
    assert scrub(text) == ("<DATE> · Generated <GENERATED> by policybrief <VERSION>.\n"
                           '"date": "<DATE>", "version": "<VERSION>", in 1979 the policy')


def render_seeds(fmt: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(ROOT)  # sources read "seeds/...", as in the README's run command
    result = CliRunner().invoke(app, ["digest", "seeds/", "--format", fmt, "--workers", "1"])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("fmt", ["md", "html", "txt", "json"])
def test_seeds_digest_matches_golden(fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = scrub(render_seeds(fmt, monkeypatch))
    golden = GOLDEN / f"digest.{fmt}"
    if REGEN:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(fresh, encoding="utf-8", newline="\n")
    assert golden.exists(), f"{golden} is missing: run with POLICYBRIEF_REGEN_GOLDEN=1"
    assert fresh == golden.read_text(encoding="utf-8"), (
        f"the {fmt} digest of seeds/ changed: review the diff, then regenerate with "
        "POLICYBRIEF_REGEN_GOLDEN=1")


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_committed_digest_is_current(fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    committed = ROOT / "briefs" / f"digest.{fmt}"
    assert committed.exists(), f"briefs/digest.{fmt} is missing: run `make demo`"
    assert scrub(committed.read_text(encoding="utf-8")) == scrub(render_seeds(fmt, monkeypatch)), (
        f"briefs/digest.{fmt} is stale: run `make demo`")
