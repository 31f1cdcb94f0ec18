"""briefs/ holds the current briefs of seeds/: this fails when they are stale.

Regenerate with `make demo`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from policybrief.cli import app

ROOT = Path(__file__).resolve().parent.parent


def test_committed_briefs_match_a_fresh_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, ["brief", "seeds/", "--out", str(tmp_path), "--workers", "1"])
    assert result.exit_code == 0, result.output
    fresh = {p.name: p.read_text() for p in tmp_path.glob("*.md")}
    committed = {
        p.name: p.read_text() for p in (ROOT / "briefs").glob("*.md") if not p.name.startswith("digest")
    }
    assert sorted(committed) == sorted(fresh), "briefs/ is stale: run `make demo`"
    for name, text in fresh.items():
        assert committed[name] == text, f"briefs/{name} is stale: run `make demo`"


def test_committed_digest_matches_a_fresh_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``make demo`` dates the digest by the seeds' last commit, so a rerun changes nothing."""
    import shutil
    import subprocess

    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs the git checkout (the digest is dated by the seeds' last commit)")
    stamp = subprocess.run(["git", "log", "-1", "--format=%ct", "--", "seeds"], cwd=ROOT,
                           capture_output=True, text=True).stdout.strip()
    if not stamp:
        pytest.skip("the seeds are not committed yet")
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", stamp)
    for name in ("digest.md", "digest.html"):
        out = tmp_path / name
        result = CliRunner().invoke(app, ["digest", "seeds/", "--out", str(out), "--workers", "1"])
        assert result.exit_code == 0, result.output
        committed = (ROOT / "briefs" / name).read_text()
        assert out.read_text() == committed, f"briefs/{name} is stale: run `make demo`"
