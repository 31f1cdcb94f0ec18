"""Shared fixtures: the seed document and a CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_f2d1e5955d110ce0.txt"


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
