"""Batch scale: throughput with 1 and 2 workers, and memory over 10,000 → 100,000 articles.

Articles are generated on the fly (deterministic synthetic prose, ~20 sentences each) and
streamed through the whole brief pipeline (segment → rank → select → assemble), so the
input never sits in memory. Each size runs in a fresh process; its peak RSS (self plus
worker processes) is compared.

    python tests/bench/bench_scale.py [--sizes 10000 100000] [--workers 1 2]
    python tests/bench/bench_scale.py --sizes 10000 --executors processes dask   # needs [dask]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from collections.abc import Iterator

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


def run_one(count: int, workers: int, executor: str) -> dict[str, float | str]:
    from policybrief.models import PolicyBrief
    from policybrief.pipeline import Options, brief_all

    if executor == "processes" and workers == 1:
        executor = "local"
    started = time.perf_counter()
    done = 0
    options = Options(workers=workers, executor=executor)
    for result in brief_all(synthetic_articles(count), options):
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
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_one(int(args.child[0]), int(args.child[1]), args.child[2])))
        return 0
    print(
        f"{'articles':>9} {'executor':>9} {'workers':>7} {'seconds':>8} {'articles/s':>10} "
        f"{'ms/article':>10} {'peak RSS MB':>11}"
    )
    for size in args.sizes:
        for executor in args.executors:
            for workers in args.workers:
                out = subprocess.run(
                    [sys.executable, __file__, "--child", str(size), str(workers), executor],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
                row = json.loads(out.strip().splitlines()[-1])
                print(
                    f"{row['articles']:>9} {row['executor']:>9} {row['workers']:>7} "
                    f"{row['seconds']:>8.1f} {row['articles_per_s']:>10.0f} "
                    f"{1000 * row['seconds'] / row['articles']:>10.2f} {row['peak_mb']:>11.1f}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
