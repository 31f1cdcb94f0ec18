"""Awkward inputs and outputs: one-sentence items, titles that hold line breaks, inputs that
yield no article, and --out paths that are files or lack their parent folders."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policybrief.cli import app
from policybrief.deliver.files import write_atomic
from policybrief.errors import DeliverError, UsageError
from policybrief.models import Article, PolicyBrief
from policybrief.pipeline import Failure, brief_article, write_briefs
from policybrief.render import brief_markdown

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_f2d1e5955d110ce0.txt"
ONE = "The council should fund night buses on every route next year."
CUT_OFF = (
    f"{ONE} Officials said the plan would cost far more than anyone at the meeting had expected and that"
)
EMPTY_FEED = '<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>\n'


def run(*args: str) -> tuple[int, str, str]:
    """The command's exit code, stdout and stderr; briefing runs in this process."""
    extra = ["--executor", "local"] if args[0] in ("brief", "digest") else []
    result = CliRunner().invoke(app, [*args, *extra])
    return result.exit_code, result.stdout, result.stderr


def one_error_line(stderr: str, *needles: str) -> str:
    """The one line of ``stderr``, an error holding every needle, with no traceback."""
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("policybrief: error: ") and "Traceback" not in stderr
    for needle in needles:
        assert needle in lines[0], (needle, stderr)
    return lines[0]


# --- 1. a one-sentence item is an ordinary news item ---------------------------------------


def test_a_one_sentence_article_is_briefed_with_its_sentence_as_the_bottom_line() -> None:
    brief = brief_article(Article(source="one.txt", paragraphs=(ONE,)))
    assert isinstance(brief, PolicyBrief), brief
    assert brief.bottom_line == ONE and brief.key_points == ()
    # it prescribes: the JSON lists it among the calls, the Markdown brief says it once
    assert [p.text for p in brief.recommendations] == [ONE]
    assert brief_markdown(brief).count(ONE) == 1


def test_a_cut_off_one_sentence_item_keeps_its_excerpt_flag(tmp_path: Path) -> None:
    (tmp_path / "cut.txt").write_text(CUT_OFF + "\n", encoding="utf-8")
    code, out, err = run("brief", str(tmp_path / "cut.txt"), "--out", "-", "--format", "json")
    assert code == 0, err
    [brief] = json.loads(out)
    assert brief["bottom_line"] == ONE and brief["key_points"] == [] and brief["excerpt"] is True


def test_text_with_no_sentence_end_is_refused_as_such(tmp_path: Path) -> None:
    path = tmp_path / "wall.txt"
    path.write_text(" ".join(["word"] * 200_000) + "\n", encoding="utf-8")
    code, out, err = run("brief", str(path), "--out", "-")
    assert code == 1 and out == ""
    line = one_error_line(err, f"{path}: holds no complete sentence", "no sentence end")
    assert "too short" not in line


def _one_sentence_items(tmp_path: Path) -> Path:
    path = tmp_path / "items.jsonl"
    items = [{"title": "Night buses", "text": ONE},
             {"title": "Harbour reopens", "text": "The harbour reopened to ferries on Monday."}]
    path.write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["md", "txt", "html"])
def test_one_sentence_items_reach_the_digest_with_no_empty_key_points(tmp_path: Path, fmt: str) -> None:
    code, out, err = run("digest", str(_one_sentence_items(tmp_path)), "--format", fmt)
    assert code == 0, err
    assert "Night buses" in out and "Harbour reopens" in out
    assert "The harbour reopened to ferries on Monday." in out
    assert "Key points" not in out
    if fmt == "md":
        assert "\n\n\n\n" not in out  # no run of blank lines where the key points would be


def test_a_brief_with_no_key_points_has_no_key_points_heading(tmp_path: Path) -> None:
    code, out, err = run("brief", str(_one_sentence_items(tmp_path)), "--out", "-")
    assert code == 0, err
    assert out.count("**Bottom line:**") + out.count("**Thesis:**") == 2
    assert "Key points" not in out
    assert "## Recommendations" not in out  # the bottom line is not said again


# --- 2. titles and authors are one line in every format --------------------------------------


@pytest.fixture(params=["Ok\r\n# Owned\nmore", "Ok\r# Owned\rmore", "Ok\u2028# Owned\u2029more"])
def hostile(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    path = tmp_path / "hostile.jsonl"
    line = {"title": request.param, "author": "Eve Ray\n# Owned Too",
            "text": f"{ONE} It met on Monday to discuss the plan in detail."}
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    return path


def _no_owned_line(text: str) -> list[str]:
    lines = text.splitlines()
    assert not [line for line in lines if line.lstrip("\\").startswith("# Owned")], text
    assert "more" not in lines, text
    return lines


def test_a_title_with_line_breaks_is_one_markdown_heading(hostile: Path) -> None:
    code, out, err = run("brief", str(hostile), "--out", "-")
    assert code == 0, err
    lines = _no_owned_line(out)
    assert lines[0] == "# Ok # Owned more"
    assert "*By Eve Ray # Owned Too*" in lines


def test_a_title_with_line_breaks_is_one_line_in_the_json_brief(hostile: Path) -> None:
    code, out, err = run("brief", str(hostile), "--out", "-", "--format", "json")
    assert code == 0, err
    [brief] = json.loads(out)
    assert brief["title"] == "Ok # Owned more" and brief["author"] == "Eve Ray # Owned Too"


def test_a_title_with_line_breaks_is_one_line_in_the_markdown_digest(hostile: Path) -> None:
    code, out, err = run("digest", str(hostile), "--format", "md")
    assert code == 0, err
    lines = _no_owned_line(out)
    assert "### Ok # Owned more" in lines  # the story's label
    assert any(line.startswith("**[1] Ok # Owned more**") for line in lines)


def test_a_title_with_line_breaks_is_one_line_in_the_text_digest(hostile: Path) -> None:
    code, out, err = run("digest", str(hostile), "--format", "txt")
    assert code == 0, err
    lines = _no_owned_line(out)
    heading = lines.index("Ok # Owned more")  # the story's label
    assert lines[heading + 1] == "-" * len("Ok # Owned more")
    assert any(line.startswith("[1] Ok # Owned more") for line in lines)


# --- 3. inputs that yield no article ---------------------------------------------------------


@pytest.mark.parametrize("command", [("brief", "--out", "-"), ("brief", "--out", "OUT"), ("digest",)])
def test_inputs_with_no_articles_warn_and_exit_1(tmp_path: Path, command: tuple[str, ...]) -> None:
    feed = tmp_path / "quiet.xml"
    feed.write_text(EMPTY_FEED, encoding="utf-8")
    args = [str(tmp_path / "out") if a == "OUT" else a for a in command]
    code, _, err = run(args[0], str(feed), *args[1:])
    assert code == 1, err
    assert err.splitlines() == [f"policybrief: warning: no articles found in {feed}"]


# --- 4. --out must be a folder (or a file) whose parent exists --------------------------------


def test_brief_out_a_file_is_refused_once_before_any_work(tmp_path: Path) -> None:
    target = tmp_path / "somefile.txt"
    target.write_text("in the way\n", encoding="utf-8")
    code, out, err = run("brief", str(SEED), "--out", str(target))
    assert code == 2 and out == ""
    one_error_line(err, f"--out {target} is a file, not a folder; give a folder")
    assert target.read_text(encoding="utf-8") == "in the way\n"


def test_brief_out_never_makes_missing_parents_unannounced(tmp_path: Path) -> None:
    deep = tmp_path / "nonexist" / "x"
    code, _, err = run("brief", str(SEED), "--out", f"{deep}/")
    assert code == 0, err
    assert f"made the missing folders {tmp_path / 'nonexist'}, {deep}" in err
    assert len(list(deep.glob("*.md"))) == 5
    code, _, err = run("brief", str(SEED), "--out", f"{tmp_path / 'new'}/")
    assert code == 0, err
    assert len(list((tmp_path / "new").glob("*.md"))) == 5


def test_digest_out_needs_an_existing_parent_folder(tmp_path: Path) -> None:
    target = tmp_path / "nonexist" / "dir" / "d.md"
    code, out, err = run("digest", str(SEED), "--out", str(target))
    assert code == 2 and out == ""
    one_error_line(err, f"--out {target}", f"{tmp_path / 'nonexist'} does not exist")
    assert not (tmp_path / "nonexist").exists()


def test_digest_out_a_folder_is_refused(tmp_path: Path) -> None:
    code, _, err = run("digest", str(SEED), "--out", str(tmp_path))
    assert code == 2
    one_error_line(err, f"--out {tmp_path} is a folder, not a file")


def test_templates_export_announces_the_folders_it_makes(tmp_path: Path) -> None:
    code, _, err = run("templates", "--export", str(tmp_path / "nonexist" / "t"))
    assert code == 0, err
    assert "made the missing folders" in err and (tmp_path / "nonexist" / "t").is_dir()
    code, _, err = run("templates", "--export", str(tmp_path / "t"))
    assert code == 0, err
    assert (tmp_path / "t" / "digest.md.j2").is_file()


def test_write_atomic_makes_one_folder_and_names_a_missing_parent(tmp_path: Path) -> None:
    assert write_atomic(tmp_path / "one" / "f.txt", "x").read_text() == "x"
    with pytest.raises(DeliverError, match="nonexist does not exist"):
        write_atomic(tmp_path / "nonexist" / "dir" / "f.txt", "x")
    assert not (tmp_path / "nonexist").exists()


def test_write_briefs_refuses_a_file_as_its_folder(tmp_path: Path) -> None:
    target = tmp_path / "somefile.txt"
    target.write_text("in the way\n", encoding="utf-8")
    with pytest.raises(UsageError, match="is a file, not a folder"):
        next(iter(write_briefs([str(SEED)], target)))


def test_failures_still_fail_alone() -> None:
    """(A guard for the above: an article with no sentence end is still a Failure.)"""
    result = brief_article(Article(source="none.txt", paragraphs=("no end at all here",)))
    assert isinstance(result, Failure) and "holds no complete sentence" in result.message
