"""Ingest: paths, folders, stdin, encodings, and refusals that name the input and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from policybrief.errors import IngestError
from policybrief.ingest import decode, expand, read, read_all


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
    assert "no .txt or .md files" in messages[0]
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
