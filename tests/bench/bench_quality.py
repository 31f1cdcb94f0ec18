"""ROUGE of every method on the development sets, as one Markdown table (issue 5).

    python tests/bench/bench_quality.py [--data-dir ../shared/bench] [--workers 2]

* ``cnndm_dev.jsonl``: 3 sentences per summary.
* ``bbc_dev.jsonl``: the reference's sentence count, every output cut to the reference's
  word count (the BBC references are extracts of ~40% of the article).

Scores are rouge-score F1 ×100 with stemming, macro-averaged (``policybrief.evaluate``).
A dataset that is absent is skipped with a "skipped: ... not found" line; the script
exits 0 either way. Not collected by pytest (the file is named bench_*.py).
"""

from __future__ import annotations

import os

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

import argparse  # noqa: E402 - BLAS threads must be pinned before numpy loads
import json  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

from policybrief.evaluate import (  # noqa: E402
    EvalOptions,
    MethodScore,
    evaluate,
    load_dataset,
    resolve_methods,
)

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA = ROOT.parent / "shared" / "bench"
RUNS = (
    ("cnndm_dev.jsonl", "3 sentences", EvalOptions(sentences=3)),
    ("cnndm_tok_val.jsonl", "3 sentences (tokenised, lower-cased)", EvalOptions(sentences=3)),
    ("cnndm_tok_test.jsonl", "3 sentences (tokenised)", EvalOptions(sentences=3)),
    ("bbc_dev.jsonl", "reference's sentence count, word cap",
     EvalOptions(ref_budget=True, word_cap=True)),
)


def table(title: str, scores: list[MethodScore]) -> str:
    lines = [f"**{title}**", "", "| method | R1 | R2 | RLsum | articles/s |",
             "|---|---:|---:|---:|---:|"]
    lines += [f"| {s.method} | {s.rouge1:.1f} | {s.rouge2:.1f} | {s.rougeLsum:.1f} "
              f"| {s.articles_per_second:,.0f} |" for s in scores]
    return "\n".join(lines)


POOLED = ("cnndm_dev.jsonl", "cnndm_tok_val.jsonl", "cnndm_tok_test.jsonl")


def pool(runs: list[list[MethodScore]]) -> list[MethodScore]:
    """The macro average over every article of several sets: each set's mean weighted by
    its article count, per method."""
    if not runs:
        return []
    out = []
    for first in runs[0]:
        rows = [row for run in runs for row in run if row.method == first.method]
        n = sum(row.articles for row in rows)
        out.append(MethodScore(
            first.method, sum(r.rouge1 * r.articles for r in rows) / n,
            sum(r.rouge2 * r.articles for r in rows) / n,
            sum(r.rougeLsum * r.articles for r in rows) / n, n, sum(r.seconds for r in rows)))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--method", action="append", help="methods (default: all)")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    methods = resolve_methods(args.method)
    results: dict[str, list[dict[str, object]]] = {}
    kept: dict[str, list[MethodScore]] = {}
    for name, label, options in RUNS:
        path = args.data_dir / name
        if not path.is_file():
            print(f"skipped: {path} not found")
            continue
        records = load_dataset(path, limit=args.limit)
        options = EvalOptions(sentences=options.sentences, ref_budget=options.ref_budget,
                              word_cap=options.word_cap, workers=args.workers)
        scores = evaluate(records, methods, options)
        print(table(f"{name}: {len(records)} articles, {label}", scores), end="\n\n",
              flush=True)
        results[name] = [s.as_dict() for s in scores]
        kept[name] = scores
    pooled = pool([kept[name] for name in POOLED if name in kept])
    if pooled:
        print(table(f"CNN/DM pooled over {pooled[0].articles} articles (as the held-out sets "
                    "are scored)", pooled), end="\n\n")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
