"""The Python API: summarize() and the stage functions behind the CLI."""

from __future__ import annotations

from pathlib import Path

import policybrief

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_every_name_in_all_resolves() -> None:
    for name in policybrief.__all__:
        assert getattr(policybrief, name) is not None


def test_summarize_returns_verbatim_sentences_in_reading_order(seed_text: str) -> None:
    oped = seed_text.split("Masahiro Matsumura is")[0]
    picks = policybrief.summarize(oped, sentences=3)
    assert len(picks) == 3
    flat = " ".join(oped.split())
    positions = [flat.index(p) for p in picks]
    assert positions == sorted(positions)
    assert policybrief.summarize(oped, sentences=2, method="lead") == [
        flat[: flat.index("imports.") + len("imports.")],
        "North Korean media have released footage and photographs showing that Taiwan-made PCs "
        "and other equipment are widely used to run the program.",
    ]


def test_build_briefs_streams_briefs_and_failures(tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.txt")
    results = list(policybrief.build_briefs([str(SEEDS), missing]))
    assert [type(r).__name__ for r in results] == ["PolicyBrief"] * 5 + ["Failure"]


def test_build_digest_returns_the_digest_and_failures(tmp_path: Path) -> None:
    digest, failures = policybrief.build_digest([str(SEEDS), str(tmp_path / "nope.txt")], title="Today")
    assert digest.title == "Today" and digest.count == 5
    assert len(failures) == 1 and "nope.txt" in failures[0].message
    assert "Taiwan" in policybrief.render_digest(digest, "txt")
