"""Partitions: what workers read for themselves is exactly what the client would have read.

No Dask here: the line counts run in-process, so every block size can be tried quickly.
"""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path

import pytest

from policybrief.errors import IngestError
from policybrief.ingest import JsonlBlock, count_jsonl, read_all
from policybrief.ingest.partition import Files, count_tasks, plan, read_part

LIMIT = 200  # bytes a line: small, so that some lines are over it


def local_count(blocks):
    return map(partial(count_jsonl, max_bytes=LIMIT), blocks)


def read_planned(paths: list[str], block_size: int, files_per_task: int = 2) -> list[str]:
    """What the workers would read, part by part, in order (as comparable strings)."""
    out: list[str] = []
    for part in plan(paths, local_count, block_size, files_per_task):
        if isinstance(part, (Files, JsonlBlock)):
            out += [_show(item) for item in read_part(part, LIMIT)]
        else:
            out.append(_show(part))
    return out


def _show(item: object) -> str:
    if isinstance(item, (IngestError, str)):
        return str(item)
    return repr(item)


@pytest.fixture
def messy_jsonl(tmp_path: Path) -> Path:
    """Good lines, blank lines, bad lines, an over-long line; no newline at the very end."""
    lines = []
    for n in range(30):
        kind = n % 7
        if kind == 1:
            lines.append("")
        elif kind == 3:
            lines.append("{broken")
        elif kind == 5 and n > 10:
            lines.append(json.dumps({"text": "Far too long. " * 30}))
        else:
            lines.append(
                json.dumps({"text": f"Article {n} says this. And that, {'x' * (n * 3)}.", "title": f"T{n}"})
            )
    path = tmp_path / "messy.jsonl"
    path.write_text("\n".join(lines))
    return path


@pytest.mark.parametrize("block_size", [1, 2, 3, 7, 16, 50, 97, 256, 1000, 10**6])
def test_any_block_size_reads_the_same_lines_with_the_same_numbers(
    messy_jsonl: Path, block_size: int
) -> None:
    whole = [_show(item) for item in read_all([str(messy_jsonl)], max_bytes=LIMIT)]
    assert any("is not valid JSON" in s for s in whole) and any("line is larger" in s for s in whole)
    assert read_planned([str(messy_jsonl)], block_size) == whole


def test_blocks_straddle_lines_and_are_absolute(messy_jsonl: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(messy_jsonl.parent)
    blocks = list(plan(["messy.jsonl"], local_count, 100))
    assert len(blocks) == -(-messy_jsonl.stat().st_size // 100) > 5
    assert all(
        isinstance(b, JsonlBlock) and b.path == str(messy_jsonl) and b.name == "messy.jsonl" for b in blocks
    )
    data = messy_jsonl.read_bytes()
    assert any(data[b.start - 1 : b.start] != b"\n" for b in blocks[1:])  # some start mid-line


@pytest.mark.parametrize("block_size", [1, 5, 1000])
def test_a_blank_jsonl_file_fails_once_however_it_is_split(tmp_path: Path, block_size: int) -> None:
    (tmp_path / "blank.jsonl").write_text("\n   \n\n\n")
    assert read_planned([str(tmp_path / "blank.jsonl")], block_size) == [
        f"{tmp_path / 'blank.jsonl'}: holds no articles "
        '(a .jsonl file holds one JSON object a line, with the article in "text")'
    ]


def test_a_jsonl_file_gone_before_the_workers_read_it_fails_once(tmp_path: Path) -> None:
    path = tmp_path / "gone.jsonl"
    path.write_text('{"text": "A. B."}\n' * 20)
    blocks = list(plan([str(path)], local_count, 16))
    path.unlink()
    failures = [str(item) for block in blocks for item in read_part(block, LIMIT)]  # type: ignore[arg-type]
    assert len(blocks) > 5 and len(failures) == 1
    assert failures[0].startswith(f"{path}: cannot be read: No such file")


def test_files_are_chunked_in_order_with_everything_else_between(tmp_path: Path, messy_jsonl: Path) -> None:
    folder = tmp_path / "texts"
    folder.mkdir()
    for n in range(5):
        (folder / f"{n}.txt").write_text(f"Text {n}. More text.")
    (folder / "latin.txt").write_bytes("Le café. Fermé.".encode("cp1252"))
    paths = [str(folder), "-", "https://example.org/feed", str(tmp_path / "missing"), str(messy_jsonl)]
    planned = list(plan(paths, None, 10**6, 4))
    kinds = [type(p).__name__ if not isinstance(p, str) else p for p in planned]
    assert kinds == ["Files", "Files", "-", "https://example.org/feed", "IngestError", "JsonlBlock"]
    assert [len(p.paths) for p in planned[:2]] == [4, 2]  # type: ignore[union-attr]
    files = read_planned([str(folder)], 10**6, 4)
    assert files == [_show(item) for item in read_all([str(folder)])]
    assert "cp1252" in files[-1]  # the warning travels with the source


def test_count_tasks_matches_the_plan_without_reading_text(tmp_path: Path, messy_jsonl: Path) -> None:
    folder = tmp_path / "texts"
    folder.mkdir()
    for n in range(5):
        (folder / f"{n}.txt").write_text("x")
    assert count_tasks([str(folder), str(messy_jsonl)], 100, 2) == 3 + len(
        list(plan([str(messy_jsonl)], None, 100))
    )
    assert count_tasks([str(folder), "-"], 100, 2) is None  # stdin: the client reads it, count unknown
