"""The CLI: commands, help with examples, JSON, stdin/stdout, and the bad-input table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policybrief import __version__
from policybrief.cli import app

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_f2d1e5955d110ce0.txt"

COMMANDS = ["brief", "summarize", "methods"]


def run(runner: CliRunner, *args: str, stdin: str | bytes | None = None):
    return runner.invoke(app, list(args), input=stdin)


def test_version(runner: CliRunner) -> None:
    result = run(runner, "--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"policybrief {__version__}"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(runner: CliRunner, command: str) -> None:
    result = run(runner, command, "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.stdout and f"policybrief {command}" in result.stdout


def test_every_registered_command_has_examples_in_its_help(runner: CliRunner) -> None:
    import typer.main

    group = typer.main.get_command(app)
    for name in group.commands:  # type: ignore[attr-defined]
        result = run(runner, name, "--help")
        assert "Examples:" in result.stdout, name


def test_brief_the_seeds_writes_five_briefs(runner: CliRunner, tmp_path: Path) -> None:
    result = run(runner, "brief", str(SEED.parent), "--out", str(tmp_path), "--format", "json")
    assert result.exit_code == 0, result.output
    files = sorted(tmp_path.glob("*.json"))
    assert len(files) == 5
    assert result.stdout.split() == [str(f) for f in files]
    briefs = [json.loads(f.read_text()) for f in files]
    assert [b["excerpt"] for b in briefs] == [False, True, True, True, True]
    assert briefs[0]["author"] == "Masahiro Matsumura"
    assert not list(tmp_path.glob(".*.tmp"))  # no temp files left behind


def test_brief_json_report_and_stdout(runner: CliRunner, tmp_path: Path) -> None:
    result = run(runner, "brief", str(SEED), "--out", str(tmp_path), "--json")
    report = json.loads(result.stdout)
    assert report["failed"] == 0 and len(report["written"]) == 5
    result = run(runner, "brief", str(SEED), "--out", "-", "--format", "json")
    assert json.loads(result.stdout)[0]["title"] == "Taiwan should prioritize export control"


def test_stdin_to_stdout(runner: CliRunner) -> None:
    result = run(runner, "summarize", "-", "--sentences", "2", stdin=SEED.read_bytes())
    assert result.exit_code == 0
    blocks = result.stdout.strip().split("\n\n")
    assert len(blocks) == 5 and all(len(b.splitlines()) == 2 for b in blocks)


def test_summarize_json_cites_paragraphs(runner: CliRunner) -> None:
    result = run(runner, "summarize", str(SEED), "--json", "--method", "lexrank", "-n", "1")
    data = json.loads(result.stdout)
    assert len(data) == 5 and all(len(item["sentences"]) == 1 for item in data)
    assert isinstance(data[0]["sentences"][0]["paragraph"], int)


def test_methods_lists_the_registry(runner: CliRunner) -> None:
    result = run(runner, "methods", "--json")
    assert {"default", "lead", "lexrank", "edmundson"} <= set(json.loads(result.stdout))


# --- the bad-input table: one line naming the input and the fix, no traceback -------------


def _assert_one_clean_line(stderr: str, *needles: str) -> None:
    lines = [line for line in stderr.splitlines() if line.startswith("policybrief: error")]
    assert lines, stderr
    assert "Traceback" not in stderr
    for needle in needles:
        assert any(needle in line for line in lines), (needle, stderr)


def test_bad_inputs_fail_alone_with_partial_exit_code(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("   \n")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "one.txt").write_text("Just one sentence here.")
    (tmp_path / "latin.txt").write_bytes(
        "Le café était fermé. Les élèves sont partis. Personne n’est resté.".encode("cp1252")
    )
    (tmp_path / "empty-dir").mkdir()
    out = tmp_path / "out"
    result = run(
        runner,
        "brief",
        str(tmp_path / "missing.txt"),
        str(tmp_path / "empty.txt"),
        str(tmp_path / "binary.txt"),
        str(tmp_path / "one.txt"),
        str(tmp_path / "empty-dir"),
        str(tmp_path / "latin.txt"),
        str(SEED),
        "--out",
        str(out),
    )
    assert result.exit_code == 3, result.output
    _assert_one_clean_line(
        result.stderr,
        "missing.txt: no such file",
        "empty.txt: is empty",
        "binary.txt: looks like a binary",
        "empty-dir",
    )
    assert "one.txt" not in result.stderr  # one sentence is a brief of its own, not an error
    assert "warning: " in result.stderr and "cp1252" in result.stderr
    assert len(list(out.glob("*.md"))) == 7  # the seed's five, one.txt and the latin-1 file


def test_every_input_failing_exits_1(runner: CliRunner, tmp_path: Path) -> None:
    result = run(runner, "brief", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "o"))
    assert result.exit_code == 1
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--method", "bogus"], "unknown method 'bogus'"),
        (["--sentences", "2", "--words", "50"], "conflict"),
        (["--format", "pdf"], "unknown format"),
    ],
)
def test_usage_errors_exit_2(runner: CliRunner, tmp_path: Path, args: list[str], needle: str) -> None:
    result = run(runner, "brief", str(SEED), "--out", str(tmp_path), *args)
    assert result.exit_code == 2
    _assert_one_clean_line(result.stderr, needle)
    assert not list(tmp_path.iterdir())


def test_big_file_is_refused_with_the_fix(runner: CliRunner, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("w") as handle:
        handle.write("The committee met again today and said nothing new. " * 400_000)  # ~20 MB
    result = run(runner, "brief", str(big), str(SEED), "--out", str(tmp_path / "o"))
    assert result.exit_code == 3
    _assert_one_clean_line(result.stderr, "big.txt: is larger than the 10 MB limit", "--max-mb")


def test_unwritable_output_is_an_error(runner: CliRunner, tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("in the way")
    result = run(runner, "brief", str(SEED), "--out", str(not_a_folder))
    assert result.exit_code == 2
    _assert_one_clean_line(result.stderr, f"--out {not_a_folder} is a file, not a folder")


def test_same_stem_and_title_in_two_folders_keep_both_briefs(runner: CliRunner, tmp_path: Path) -> None:
    for folder, body in (
        ("a", "The council voted to expand buses. Critics object."),
        ("b", "The ministry began a vaccine drive. Doctors urge parents."),
    ):
        (tmp_path / "in" / folder).mkdir(parents=True)
        (tmp_path / "in" / folder / "note.md").write_text(f"# Weekly update\n\n{body}\n")
    result = run(runner, "brief", str(tmp_path / "in"), "--out", str(tmp_path / "o"))
    assert result.exit_code == 0
    names = sorted(p.name for p in (tmp_path / "o").glob("*.md"))
    assert names == ["note-1-weekly-update-2.md", "note-1-weekly-update.md"]
    texts = " ".join(p.read_text() for p in (tmp_path / "o").glob("*.md"))
    assert "council" in texts and "vaccine" in texts


def test_a_failed_write_loses_only_that_brief(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "o"
    (out / "000_f2d1e5955d110ce0-1-taiwan-should-prioritize-export-control.md").mkdir(parents=True)
    result = run(runner, "brief", str(SEED), "--out", str(out))
    assert result.exit_code == 3
    _assert_one_clean_line(result.stderr, "cannot write")
    assert len([p for p in out.glob("*.md") if p.is_file()]) == 4


def test_summarize_refuses_text_without_sentences(runner: CliRunner, tmp_path: Path) -> None:
    headings = tmp_path / "h.md"
    headings.write_text("# A\n\n## B\n\n### C\n")
    result = run(runner, "summarize", str(headings))
    assert result.exit_code == 1
    _assert_one_clean_line(result.stderr, "h.md: holds no complete sentence")


@pytest.mark.parametrize("address", ["notanaddress", "tcp://host-without-port"])
def test_a_bad_scheduler_address_is_a_usage_error(runner: CliRunner, tmp_path: Path, address: str) -> None:
    result = run(
        runner, "brief", str(SEED), "--out", str(tmp_path), "--executor", "dask", "--scheduler", address
    )
    assert result.exit_code == 2
    _assert_one_clean_line(result.stderr, "not a Dask scheduler address")


def test_sumy_warnings_do_not_leak(runner: CliRunner, tmp_path: Path) -> None:
    short = tmp_path / "t.txt"
    short.write_text("Short one here. Another short one.\n")
    result = run(runner, "summarize", str(short), "--method", "lsa")
    assert result.exit_code == 0 and "Warning" not in result.stderr


# --- JSONL input --------------------------------------------------------------------------


def _articles_jsonl(path: Path) -> Path:
    paragraphs = SEED.read_text(encoding="utf-8").splitlines()
    lines = [
        json.dumps({"id": "a", "title": "Export controls", "text": "\n\n".join(paragraphs[:6])}),
        '{"title": "broken", "text": "unterminated',
        "",
        json.dumps({"id": "b", "text": "\n\n".join(paragraphs[23:25]), "url": "https://example.org/b"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_brief_jsonl_a_bad_line_fails_alone(runner: CliRunner, tmp_path: Path) -> None:
    data = _articles_jsonl(tmp_path / "articles.jsonl")
    result = run(runner, "brief", str(data), "--out", "-", "--format", "json")
    assert result.exit_code == 3, result.output
    _assert_one_clean_line(result.stderr, f"{data}:2: is not valid JSON", "fix or remove the line")
    assert len(result.stderr.splitlines()) == 1
    briefs = json.loads(result.stdout)
    assert [b["source"] for b in briefs] == [f"{data}:1", f"{data}:4"]
    assert briefs[0]["title"] == "Export controls" and briefs[1]["url"] == "https://example.org/b"


def test_a_folder_with_jsonl_and_text_files_is_briefed_in_order(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _articles_jsonl(folder / "b.jsonl")
    (folder / "a.txt").write_text("The council voted to expand buses. Critics object to the cost.\n")
    result = run(runner, "brief", str(folder), "--out", str(tmp_path / "o"), "--json")
    assert result.exit_code == 3
    written = json.loads(result.stdout)["written"]
    assert [w["source"] for w in written] == [
        str(folder / "a.txt"),
        f"{folder / 'b.jsonl'}:1",
        f"{folder / 'b.jsonl'}:4",
    ]
    # a JSONL line's brief is named by its line number
    assert [Path(w["path"]).name.split("-")[:2] for w in written[1:]] == [["b", "1"], ["b", "4"]]


def test_digest_of_jsonl(runner: CliRunner, tmp_path: Path) -> None:
    data = _articles_jsonl(tmp_path / "articles.jsonl")
    result = run(runner, "digest", str(data), "--format", "json")
    assert result.exit_code == 3
    assert len(json.loads(result.stdout)["briefs"]) == 2
    _assert_one_clean_line(result.stderr, f"{data}:2:")


def test_which_progress_bar() -> None:
    from policybrief.cli.common import bar_kind

    assert bar_kind("dask", tty=True) == "dask"  # Dask draws its own
    assert bar_kind("processes", tty=True) == "rich"
    assert bar_kind("local", tty=True) == "rich"
    assert bar_kind("dask", tty=False) is None  # piped: no bar at all
    assert bar_kind("processes", tty=False) is None


def test_a_file_without_prose_says_why(runner: CliRunner, tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("<!DOCTYPE html><html><body><p>Short text here</p></body></html>\n")
    bullets = tmp_path / "bullets.txt"
    bullets.write_text("Heading only\n")
    result = run(runner, "brief", str(page), str(bullets), "--out", "-")
    assert result.exit_code == 1
    first, second = result.stderr.strip().splitlines()
    assert "page.txt: holds no article text" in first and "save it with an .html suffix" in first
    assert "bullets.txt: holds no article text" in second and "end in . ! or ?" in second


def test_without_the_dask_extra_the_default_path_works_and_dask_says_what_to_install(
    tmp_path: Path,
) -> None:
    """In a Python where dask and distributed cannot be imported (as without the extra)."""
    import subprocess
    import sys

    blocker = (
        "import sys; sys.modules['dask'] = None; sys.modules['distributed'] = None; "
        "from policybrief.cli import main; sys.argv = ['policybrief', *sys.argv[1:]]; main()"
    )
    seed = str(SEED)
    ok = subprocess.run([sys.executable, "-c", blocker, "brief", seed, "--out", str(tmp_path / "a")],
                        capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stderr
    assert len(list((tmp_path / "a").glob("*.md"))) == 5
    refused = subprocess.run(
        [sys.executable, "-c", blocker, "brief", seed, "--out", str(tmp_path / "b"), "--executor", "dask"],
        capture_output=True, text=True, timeout=120,
    )
    assert refused.returncode == 2
    [line] = refused.stderr.strip().splitlines()
    assert "needs the dask extra" in line and "pip install 'policybrief[dask]'" in line
    assert not (tmp_path / "b").exists() or not any((tmp_path / "b").iterdir())


def test_importing_the_cli_loads_no_stage() -> None:
    """``policybrief --help`` stays fast: the CLI loads the stages only when a command runs."""
    import subprocess
    import sys

    heavy = ["numpy", "jinja2", "httpx", "trafilatura", "feedparser", "sumy", "nltk", "dask",
             "distributed", "nupunkt", "lxml", "rich", "starlette", "uvicorn", "dkim", "anyio"]
    code = ("import sys, policybrief.cli\n"
            f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({heavy!r})))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
