"""A very large single article: memory stays within ~10x its size, and it is still briefed
(from its beginning, flagged as an excerpt, when it is far longer than any article)."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

from policybrief.models import Article
from policybrief.pipeline import brief_article
from policybrief.pipeline.stages import MAX_SENTENCES
from policybrief.segment import segment

WORDS = ("the government should invest in public weather data before schemes scale up farmers "
         "rely on insurance payouts when rainfall fails donors must commit funding for a decade"
         ).split()


def article_text(megabytes: float, seed: int = 7) -> str:
    rng = random.Random(seed)
    paragraphs, size = [], 0
    while size < megabytes * 1024 * 1024:
        sentences = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 25))).capitalize() + "."
                     for _ in range(5)]
        paragraphs.append(" ".join(sentences))
        size += len(paragraphs[-1]) + 2
    return "\n\n".join(paragraphs)


def peak_kb(*args: str) -> tuple[int, str]:
    """Peak resident memory (KB) of a ``policybrief`` run in a child process, and its stdout."""
    code = ("import resource, sys\nfrom policybrief.cli import main\n"
            "sys.argv = ['policybrief', *sys.argv[1:]]\n"
            "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\n"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n")
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                            check=True, timeout=300)
    return int(result.stderr.strip().splitlines()[-1]), result.stdout


def test_a_large_article_stays_within_ten_times_its_size(tmp_path: Path) -> None:
    small = tmp_path / "small.txt"
    small.write_text("The council will vote on Monday. The budget is due in May.\n")
    big = tmp_path / "big.txt"
    big.write_text(article_text(12))
    size_kb = big.stat().st_size // 1024
    base, _ = peak_kb("brief", str(small), "--out", "-", "-j", "1")
    peak, out = peak_kb("brief", str(big), "--out", "-", "-j", "1", "--max-mb", "60",
                        "--format", "json")
    [brief] = json.loads(out)
    assert brief["excerpt"] is True and brief["bottom_line"]
    assert peak - base < 10 * size_kb, (peak, base, size_kb)


def test_an_article_beyond_any_article_is_briefed_from_its_beginning() -> None:
    paragraphs = tuple(article_text(1.5, seed=3).split("\n\n"))
    brief = brief_article(Article(source="dump.txt", paragraphs=paragraphs))
    assert not isinstance(brief, str) and brief.excerpt  # type: ignore[union-attr]
    assert sum(len(p.split(". ")) for p in paragraphs) > MAX_SENTENCES
    # what is quoted stands within the first MAX_SENTENCES sentences
    window_ends = segment(Article(source="dump.txt", paragraphs=paragraphs)).sentences[
        MAX_SENTENCES - 1].paragraph
    assert window_ends < len(paragraphs) // 2
    assert brief.bottom_paragraph <= window_ends  # type: ignore[union-attr]
    assert all(point.paragraph <= window_ends for point in brief.key_points)  # type: ignore[union-attr]
