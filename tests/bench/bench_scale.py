"""Batch scale: throughput with 1 and 2 workers, and memory over 10,000 → 100,000 articles.

Articles are generated on the fly (deterministic synthetic prose, ~20 sentences each) and
streamed through the whole brief pipeline (segment → rank → select → assemble), so the
input never sits in memory. Each size runs in a fresh process; its peak RSS (self plus
worker processes) is compared.

With ``--input jsonl`` or ``--input folder`` the articles are first written to a JSONL file
(one article a line) or a folder of .txt files, and briefed from there with
``build_briefs``: the client reads them for ``processes``, and Dask workers read their own
partitions (byte blocks of the JSONL file, chunks of files) for ``dask``. Writing the input
is not timed.

    python tests/bench/bench_scale.py [--sizes 10000 100000] [--workers 1 2]
    python tests/bench/bench_scale.py --sizes 10000 --executors processes dask   # needs [dask]
    python tests/bench/bench_scale.py --sizes 10000 --executors processes dask --input jsonl

With ``--digest`` it times the digest instead: articles in stories (1-5 articles each, a
story's own vocabulary, people and numbers among common political words) are briefed, then
assembled into a digest (``assemble``: near-duplicates, neighbours, stories, sections,
summaries, top line, length) and rendered as HTML, one process, one worker. It prints each
size's brief and digest seconds, their ratio, peak RSS, and the growth exponent of the
digest time between sizes (1.0 is linear, 2.0 quadratic).

    python tests/bench/bench_scale.py --digest --sizes 500 2000 10000
"""

from __future__ import annotations

import argparse
import json
import math
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

WORDS = (
    "government policy minister trade export control regime tariff market security alliance "
    "parliament budget reform growth inflation energy climate border defence treaty sanction "
    "election court union agency report analysts officials investors region talks deal plan"
).split()
NAMES = ["Taiwan", "China", "Japan", "Europe", "Washington", "Brussels", "Tokyo", "the ministry"]


def synthetic_articles(count: int, seed: int = 7) -> Iterator[object]:
    from policybrief.models import Article

    rng = random.Random(seed)
    for n in range(count):
        paragraphs = []
        for _ in range(5):
            sentences = []
            for _ in range(4):
                words = [rng.choice(WORDS) for _ in range(rng.randint(12, 26))]
                words.insert(rng.randint(0, 5), rng.choice(NAMES))
                sentences.append(" ".join(words).capitalize() + ".")
            paragraphs.append(" ".join(sentences))
        yield Article(source=f"synthetic-{n}.txt", paragraphs=tuple(paragraphs))


COMMON = (
    "government policy minister officials said report plan talks deal week year people country "
    "public support state agency new former told statement spokesman critics opposition"
).split()
SYLLABLES = "ka lo mi ne su ta ri vo pe da zu fi ga ho le".split()


def story_articles(count: int, seed: int = 7) -> Iterator[object]:
    """Articles in stories: each story has its own words, a person and a number."""
    from policybrief.models import Article

    rng = random.Random(seed)

    def word() -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(3))

    made = 0
    while made < count:
        own = [word() for _ in range(12)]
        person = f"{word().capitalize()} {word().capitalize()}"
        number = str(rng.randint(2, 900) * 1000)
        for _ in range(rng.randint(1, 5)):
            paragraphs = []
            for _ in range(4):
                sentences = []
                for _ in range(4):
                    words = [rng.choice(own if rng.random() < 0.45 else COMMON)
                             for _ in range(rng.randint(12, 22))]
                    words.insert(rng.randint(0, 5), person if rng.random() < 0.7 else number)
                    sentences.append(" ".join(words).capitalize() + ".")
                paragraphs.append(" ".join(sentences))
            title = " ".join(rng.sample(own, 4)).capitalize()
            yield Article(source=f"story-{made}.txt", paragraphs=tuple(paragraphs), title=title)
            made += 1
            if made >= count:
                return


def run_digest(count: int) -> dict[str, float | int]:
    from policybrief.digest import assemble
    from policybrief.models import PolicyBrief
    from policybrief.pipeline import Options, brief_all
    from policybrief.render.digest import render_digest

    started = time.perf_counter()
    briefs = [b for b in brief_all(story_articles(count), Options(workers=1, executor="local"))
              if isinstance(b, PolicyBrief)]
    briefed = time.perf_counter()
    digest = assemble(briefs)
    assembled = time.perf_counter()
    html = render_digest(digest, "html")
    rendered = time.perf_counter()
    return {
        "articles": count,
        "brief_s": briefed - started,
        "digest_s": assembled - briefed,
        "render_s": rendered - assembled,
        "stories": len(digest.stories),
        "html_kb": len(html.encode()) / 1024,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def digest_table(sizes: list[int]) -> None:
    print(f"{'articles':>9} {'brief s':>8} {'digest s':>9} {'digest/brief':>12} {'render s':>9} "
          f"{'stories':>8} {'HTML KB':>8} {'peak RSS MB':>11} {'growth':>7}")
    previous: dict[str, float | int] | None = None
    for size in sizes:
        out = subprocess.run([sys.executable, __file__, "--digest-child", str(size)],
                             capture_output=True, text=True, check=True).stdout
        row = json.loads(out.strip().splitlines()[-1])
        growth = ""
        if previous is not None:
            ratio = row["digest_s"] / previous["digest_s"]
            growth = f"{math.log(ratio) / math.log(size / previous['articles']):.2f}"
        print(f"{size:>9} {row['brief_s']:>8.1f} {row['digest_s']:>9.2f} "
              f"{row['digest_s'] / row['brief_s']:>11.2f}x {row['render_s']:>9.2f} "
              f"{row['stories']:>8} {row['html_kb']:>8.0f} {row['peak_mb']:>11.0f} {growth:>7}")
        previous = row


def write_input(count: int, kind: str, folder: Path) -> str:
    """The synthetic articles as one JSONL file or a folder of .txt files; its path."""
    if kind == "jsonl":
        path = folder / f"synthetic-{count}.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for article in synthetic_articles(count):
                handle.write(json.dumps({"text": article.text}) + "\n")  # type: ignore[attr-defined]
        return str(path)
    path = folder / f"synthetic-{count}"
    path.mkdir()
    for n, article in enumerate(synthetic_articles(count)):
        (path / f"{n:07d}.txt").write_text(article.text, encoding="utf-8")  # type: ignore[attr-defined]
    return str(path)


def run_one(count: int, workers: int, executor: str, source: str = "") -> dict[str, float | str]:
    from policybrief.models import PolicyBrief
    from policybrief.pipeline import Options, brief_all, build_briefs

    if executor == "processes" and workers == 1:
        executor = "local"
    started = time.perf_counter()
    done = 0
    options = Options(workers=workers, executor=executor)
    results = build_briefs([source], options) if source else brief_all(synthetic_articles(count), options)
    for result in results:
        done += isinstance(result, PolicyBrief)
    seconds = time.perf_counter() - started
    peak_kb = (
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    )
    return {
        "articles": count,
        "workers": workers,
        "executor": executor,
        "done": done,
        "seconds": seconds,
        "articles_per_s": count / seconds,
        "peak_mb": peak_kb / 1024,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--executors", nargs="+", default=["processes"], choices=["processes", "dask"])
    parser.add_argument(
        "--input",
        default="articles",
        choices=["articles", "jsonl", "folder"],
        help="articles: generated in memory; jsonl / folder: written to disk first, then read",
    )
    parser.add_argument("--digest", action="store_true",
                        help="time the digest of articles in stories against briefing them")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--digest-child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.digest_child:
        print(json.dumps(run_digest(args.digest_child)))
        return 0
    if args.digest:
        digest_table(args.sizes)
        return 0
    if args.child:
        size, workers, executor, *source = args.child
        print(json.dumps(run_one(int(size), int(workers), executor, *source)))
        return 0
    print(
        f"{'articles':>9} {'input':>8} {'executor':>9} {'workers':>7} {'seconds':>8} {'articles/s':>10} "
        f"{'ms/article':>10} {'peak RSS MB':>11}"
    )
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as scratch:
        for size in args.sizes:
            source = [] if args.input == "articles" else [write_input(size, args.input, Path(scratch))]
            for executor in args.executors:
                for workers in args.workers:
                    out = subprocess.run(
                        [sys.executable, __file__, "--child", str(size), str(workers), executor, *source],
                        capture_output=True,
                        text=True,
                        check=True,
                    ).stdout
                    row = json.loads(out.strip().splitlines()[-1])
                    print(
                        f"{row['articles']:>9} {args.input:>8} {row['executor']:>9} {row['workers']:>7} "
                        f"{row['seconds']:>8.1f} {row['articles_per_s']:>10.0f} "
                        f"{1000 * row['seconds'] / row['articles']:>10.2f} {row['peak_mb']:>11.1f}"
                    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
