"""Speed of the whole brief path, beside a baseline checkout, in one run (issue 17).

    python tests/bench/bench_brief_path.py [--articles 1000] [--baseline OTHER/.venv/bin/python]

Briefs the first ``--articles`` BBC development articles in this process, one worker
(segment, rank, select, genre and quotes, actors and roles, key phrases, titles,
recommendations), three times; prints the median seconds per 1,000 articles. With
``--baseline``, the same script runs under that interpreter (another checkout's virtualenv,
so another policybrief) right before, and the ratio is printed. BLAS is pinned to one
thread. Exits 0 with "skipped: ..." when the data is absent.
"""

from __future__ import annotations

import os

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_name] = "1"

import argparse  # noqa: E402 - BLAS threads must be pinned before numpy loads
import json  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parents[3] / "shared" / "bench"


def seconds_per_thousand(data: Path, articles: int, rounds: int = 3) -> float:
    from policybrief.models import Article
    from policybrief.pipeline import brief_article

    with (data / "bbc_dev.jsonl").open(encoding="utf-8") as lines:
        records = [json.loads(line) for _, line in zip(range(articles), lines, strict=False)]
    batch = [Article(source=f"bbc:{i}", title=r.get("title"),
                     paragraphs=tuple(p for p in r["text"].split("\n") if p.strip()))
             for i, r in enumerate(records)]
    brief_article(batch[0])  # name lists and templates load once per process
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        for article in batch:
            brief_article(article)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000 / len(batch)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--baseline", help="another checkout's python, timed beside this one")
    parser.add_argument("--only-seconds", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not (args.data_dir / "bbc_dev.jsonl").exists():
        print(f"skipped: no bbc_dev.jsonl in {args.data_dir}")
        return 0
    base = None
    if args.baseline:
        out = subprocess.run([args.baseline, __file__, "--data-dir", str(args.data_dir),
                              "--articles", str(args.articles), "--only-seconds"],
                             capture_output=True, text=True, check=True)
        base = float(out.stdout.split()[-1])
    ours = seconds_per_thousand(args.data_dir, args.articles)
    if args.only_seconds:
        print(f"{ours:.3f}")
        return 0
    print(f"brief path, {args.articles} BBC articles, one worker: {ours:.2f} s per 1,000")
    if base is not None:
        print(f"baseline ({args.baseline}): {base:.2f} s per 1,000; this / baseline {ours / base:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
