"""`policybrief digest` and `policybrief templates` through the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policybrief.cli import app

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_f2d1e5955d110ce0.txt"
ARTICLE = (
    "Kenya's central bank raised its benchmark interest rate by a full percentage point to "
    "13 percent, its steepest increase in a decade, as inflation climbed above target.\n\n"
    "The Central Bank of Kenya said the weak shilling and rising fuel prices had pushed "
    "inflation to 7.9 percent. Economists had expected a smaller rise.\n\n"
    "Borrowers and small businesses face higher loan costs as commercial lenders pass on the "
    "increase. The Treasury should cut spending to support the shilling, the governor said.\n"
)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [*args, "--workers", "1"] if args[0] == "digest" else list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "rates.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_digest_to_stdout_is_markdown(article: Path) -> None:
    code, out, err = run("digest", str(article), "--title", "Morning brief")
    assert code == 0, err
    assert out.startswith("# Morning brief\n") and "## The top line" in out


@pytest.mark.parametrize(
    ("name", "marker"),
    [
        ("d.html", "<!DOCTYPE html>"),
        ("d.txt", "THE TOP LINE"),
        ("d.json", '"schema"'),
        ("d.md", "## The top line"),
    ],
)
def test_format_follows_the_out_suffix(article: Path, tmp_path: Path, name: str, marker: str) -> None:
    target = tmp_path / "out" / name
    code, out, err = run("digest", str(article), "--out", str(target))
    assert code == 0, err
    assert out == "" and str(target) in err
    assert marker in target.read_text(encoding="utf-8")


def test_format_option_wins(article: Path) -> None:
    code, out, _ = run("digest", str(article), "--format", "json")
    assert code == 0 and json.loads(out)["count"] == 1


def test_unknown_suffix_or_format_is_a_usage_error(article: Path, tmp_path: Path) -> None:
    assert run("digest", str(article), "--out", str(tmp_path / "d.pdf"))[0] == 2
    assert run("digest", str(article), "--format", "pdf")[0] == 2
    assert run("digest", str(article), "--sentences", "2", "--words", "50")[0] == 2
    assert not (tmp_path / "d.pdf").exists()


def test_some_inputs_failed_exits_3(article: Path, tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    code, out, err = run("digest", str(missing), str(article), "--format", "json")
    assert code == 3
    assert json.loads(out)["count"] == 1
    assert [line for line in err.splitlines() if "missing.txt" in line] == [err.splitlines()[0]]


def test_all_inputs_failed_exits_1_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "d.md"
    code, _, err = run("digest", str(tmp_path / "missing.txt"), "--out", str(target))
    assert code == 1 and "missing.txt" in err
    assert not target.exists()


def test_same_file_twice_appears_once_with_both_sources(article: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.txt"
    copy.write_text(ARTICLE, encoding="utf-8")
    code, out, _ = run("digest", str(article), str(copy), "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["count"] == 1 and data["merged"] == 1
    assert data["briefs"][0]["sources"] == [str(article), str(copy)]


def test_user_template_and_its_errors(article: Path, tmp_path: Path) -> None:
    (tmp_path / "digest.md.j2").write_text("{{ digest.count }} brief(s)\n")
    code, out, _ = run("digest", str(article), "--template", str(tmp_path))
    assert (code, out) == (0, "1 brief(s)\n")
    bad = tmp_path / "bad.txt.j2"
    bad.write_text("{{ digest.nope }}\n")
    code, out, err = run("digest", str(article), "--template", str(bad))
    assert code == 1 and out == ""
    assert "unknown variable" in err and "nope" in err and len(err.splitlines()) == 1
    assert run("digest", str(article), "--template", str(tmp_path / "none"))[0] == 2


def test_template_file_suffix_picks_the_format(article: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine.html.j2"
    mine.write_text("<b>{{ digest.title }}</b>\n")
    code, out, _ = run("digest", str(article), "--template", str(mine), "--title", "<i>")
    assert code == 0 and "<b>&lt;i&gt;</b>" in out


def test_templates_lists_and_exports(tmp_path: Path) -> None:
    code, out, _ = run("templates")
    assert code == 0 and "digest.html.j2" in out and "digest.css" in out
    target = tmp_path / "mine"
    code, out, _ = run("templates", "--export", str(target))
    assert code == 0
    names = sorted(p.name for p in target.iterdir())
    assert names == ["digest.css", "digest.html.j2", "digest.md.j2", "digest.txt.j2", "sections.toml"]
    assert all(p.stat().st_mode & 0o600 == 0o600 for p in target.iterdir())
    assert run("templates", "--export", str(target))[0] == 2
    assert run("templates", "--export", str(target), "--force")[0] == 0


def test_exported_templates_render_like_the_shipped_ones(article: Path, tmp_path: Path) -> None:
    run("templates", "--export", str(tmp_path))
    for fmt in ("md", "txt"):
        shipped = run("digest", str(article), "--format", fmt)[1]
        mine = run("digest", str(article), "--format", fmt, "--template", str(tmp_path),
                   "--sections", str(tmp_path / "sections.toml"))[1]
        assert _undated(mine) == _undated(shipped)


def _undated(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if "Generated" not in line and "20" not in line[:40])


@pytest.mark.parametrize("command", ["digest", "templates"])
def test_help_has_examples(command: str) -> None:
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.stdout and f"policybrief {command}" in result.stdout


def test_max_mb_raises_the_input_limit(article: Path, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(article.read_text() + "\n\n" + "The committee met again and said little. " * 30_000)
    code, _, err = run("digest", str(big), "--max-mb", "1", "--format", "txt")
    assert code == 1 and "larger than the 1 MB limit" in err
    code, out, _ = run("digest", str(big), "--max-mb", "2", "--format", "txt")
    assert code == 0 and "1 article" in out
