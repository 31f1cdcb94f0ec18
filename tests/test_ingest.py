"""Ingest: paths, folders, stdin, encodings, and refusals that name the input and the fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policybrief.errors import IngestError
from policybrief.ingest import Source, decode, expand, read, read_all


def test_utf8_with_bom_is_read_without_warning() -> None:
    text, warning = decode("\ufeffTaiwan’s view.".encode(), "a.txt")
    assert text == "Taiwan’s view."
    assert warning is None


def test_cp1252_is_decoded_with_a_warning() -> None:
    text, warning = decode("Taiwan’s “view” – café".encode("cp1252"), "a.txt")
    assert text == "Taiwan’s “view” – café"
    assert warning is not None and "cp1252" in warning and "a.txt" in warning


def test_binary_is_refused() -> None:
    with pytest.raises(IngestError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10, "img.txt")


def test_folders_expand_recursively_sorted_text_files_only(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.md").write_text("x")
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "c.pdf").write_bytes(b"%PDF")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "h.txt").write_text("x")
    assert list(expand([str(tmp_path)])) == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "2.md")]


def test_empty_folder_missing_path_and_empty_file_fail_alone(tmp_path: Path) -> None:
    empty_dir = tmp_path / "empty"
    empty_dir.mkdir()
    blank = tmp_path / "blank.txt"
    blank.write_text("  \n\t\n")
    good = tmp_path / "good.txt"
    good.write_text("Fine text. More text.")
    results = list(read_all([str(empty_dir), str(tmp_path / "nope.txt"), str(blank), str(good)]))
    assert [type(r).__name__ for r in results] == ["IngestError"] * 3 + ["Source"]
    messages = [str(r) for r in results[:3]]
    assert "no .txt, .md or .jsonl files" in messages[0]
    assert "no such file" in messages[1]
    assert "is empty" in messages[2]


def test_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("A sentence of text. " * 1000)
    with pytest.raises(IngestError, match="larger than") as caught:
        read(str(big), max_bytes=1024)
    assert caught.value.hint and "--max-mb" in caught.value.hint


def test_utf16_with_a_byte_order_mark_is_text() -> None:
    text, warning = decode("Taiwan’s view. Another sentence.".encode("utf-16"), "a.txt")
    assert text == "Taiwan’s view. Another sentence." and warning is None


# --- JSONL: one article a line ------------------------------------------------------------


def _jsonl(path: Path, *lines: object) -> Path:
    path.write_text("".join((x if isinstance(x, str) else json.dumps(x)) + "\n" for x in lines))
    return path


def test_jsonl_lines_are_whole_articles_named_by_line(tmp_path: Path) -> None:
    path = _jsonl(
        tmp_path / "a.jsonl",
        {"id": "x1", "text": "First article. It has two sentences.", "title": "One", "url": "https://e.org/1"},
        "",
        {"text": "Second article here. Also two.", "author": "A. Writer", "date": "2024-05-01", "extra": 1,
         "section": " Opinion "},
    )
    first, second = read_all([str(path)])
    assert isinstance(first, Source) and isinstance(second, Source)
    assert (first.name, first.whole, first.title, first.url) == (f"{path}:1", True, "One", "https://e.org/1")
    assert (second.name, second.author, second.date) == (f"{path}:3", "A. Writer", "2024-05-01")
    assert second.title is None
    assert second.text == "Second article here. Also two."
    assert (first.sections, second.sections) == ((), ("Opinion",))


def test_a_jsonl_section_may_be_a_list_and_an_odd_one_is_ignored(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "s.jsonl",
                  {"text": "One. Two.", "section": ["Opinion", 3, " Local "]},
                  {"text": "One. Two.", "section": 3})
    first, second = read_all([str(path)])
    assert isinstance(first, Source) and isinstance(second, Source)
    assert (first.sections, second.sections) == (("Opinion", "Local"), ())


@pytest.mark.parametrize(
    ("line", "needle"),
    [
        ("{not json", "is not valid JSON"),
        ("[1, 2]", "is a JSON array, not an object"),
        ('{"title": "no text"}', 'has no "text"'),
        ('{"text": "   "}', 'has no "text"'),
        ('{"text": "Fine. Fine.", "title": 3}', '"title" is not a string'),
    ],
)
def test_a_bad_jsonl_line_fails_alone_naming_file_and_line(tmp_path: Path, line: str, needle: str) -> None:
    path = _jsonl(tmp_path / "a.jsonl", {"text": "Good one. Two."}, line, {"text": "Good two. Three."})
    results = list(read_all([str(path)]))
    assert [type(r).__name__ for r in results] == ["Source", "IngestError", "Source"]
    message = str(results[1])
    assert message.startswith(f"{path}:2: ") and needle in message
    assert "\n" not in message and ('"text"' in message or "string" in message)


def test_the_size_limit_applies_per_jsonl_line(tmp_path: Path) -> None:
    long = {"text": "A sentence of text. " * 100}
    path = _jsonl(tmp_path / "a.jsonl", *([{"text": "Short. Text."}] * 30), long, {"text": "After. It."})
    assert path.stat().st_size > 1500
    results = list(read_all([str(path)], max_bytes=1500))
    assert [type(r).__name__ for r in results] == ["Source"] * 30 + ["IngestError", "Source"]
    assert f"{path}:31: line is larger than" in str(results[30]) and "--max-mb" in str(results[30])


def test_an_empty_jsonl_file_fails_once(tmp_path: Path) -> None:
    (tmp_path / "blank.jsonl").write_text("\n  \n")
    (results,) = read_all([str(tmp_path / "blank.jsonl")])
    assert isinstance(results, IngestError) and "holds no articles" in str(results)


def test_jsonl_utf8_bom_and_crlf_are_read(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"text": "Caf\xc3\xa9 society. Two."}\r\n{"text": "Next one. Two."}\r\n')
    first, second = read_all([str(path)])
    assert isinstance(first, Source) and first.text == "Café society. Two."
    assert isinstance(second, Source) and second.name.endswith(":2")


def test_folders_expand_lazily_in_sorted_rglob_order(tmp_path: Path) -> None:
    names = ["b/x.txt", "b.txt", "B.md", "a b.txt", "a/z.txt", "a-/q.jsonl", "a/.h.txt", "c/d/e.md", "n.pdf"]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    (tmp_path / "link").symlink_to(tmp_path / "c")  # rglob does not follow symlinked folders
    expected = sorted(
        p
        for p in tmp_path.rglob("*")
        if p.is_file() and p.suffix in {".txt", ".md", ".jsonl"} and not p.name.startswith(".")
    )
    found = expand([str(tmp_path)])
    assert not isinstance(found, list)  # a generator: the folder is walked as it is read
    assert list(found) == [str(p) for p in expected]


def test_character_references_a_scraper_left_are_decoded(tmp_path: Path) -> None:
    """Plain text has no markup: "Pel&#233;" means "Pelé". Only whole, known references
    that name a visible character are decoded; "R&D", "AT&T;" and "&#8238;" stay."""
    text = "Pel&#233; scored in S&#227;o Paulo for &pound;8m. R&D at AT&T; &notes; &#8238;x &#7;."
    page = tmp_path / "a.txt"
    page.write_text(text, encoding="utf-8")
    (source,) = read_all([str(page)])
    assert isinstance(source, Source)
    assert source.text == "Pelé scored in São Paulo for £8m. R&D at AT&T; &notes; &#8238;x &#7;."
    path = _jsonl(tmp_path / "e.jsonl", {"text": text, "title": "Caf&eacute; &amp; bar"})
    (line,) = read_all([str(path)])
    assert isinstance(line, Source)
    assert line.text == source.text and line.title == "Café & bar"
