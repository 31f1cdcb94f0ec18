"""Sentence-splitter accuracy and speed on gold sentences, side by side in one run.

Gold: the BBC News Summary references are extractive, so each reference sentence is a true
sentence of its article. A splitter scores a hit when it returns that sentence exactly
(recall), and a miss-split when one of its sentences straddles or cuts a gold sentence
(precision over the predicted sentences that overlap gold ones).

    python tests/bench/bench_splitter.py [--data-dir ../shared/bench] [--limit 600]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def splitters():
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer
    from nupunkt import sent_tokenize

    from policybrief.segment import split_sentences

    plain = PunktSentenceTokenizer()
    params = PunktParameters()
    params.abbrev_types = set(
        "mr mrs ms dr st co inc ltd corp jan feb mar apr jun jul aug sep sept oct nov dec no gen gov "
        "sen rep prof u.s u.k e.g i.e vs jr sr".split()
    )
    abbreviated = PunktSentenceTokenizer(params)
    return {
        "punkt (no parameters)": plain.tokenize,
        "punkt + 30 abbreviations": abbreviated.tokenize,
        "nupunkt": sent_tokenize,
        "policybrief (nupunkt + repairs)": lambda p: list(split_sentences.__wrapped__(p)),
    }


def score(split, articles) -> tuple[float, float, float, float]:
    hits = gold_total = predicted_overlapping = predicted_exact = 0
    started = time.perf_counter()
    for paragraphs, gold in articles:
        predicted = [" ".join(s.split()) for p in paragraphs for s in split(p)]
        predicted_set = set(predicted)
        gold_set = {" ".join(g.split()) for g in gold}
        hits += sum(1 for g in gold_set if g in predicted_set)
        gold_total += len(gold_set)
        for sentence in predicted:
            if any(sentence in g or g in sentence for g in gold_set):
                predicted_overlapping += 1
                predicted_exact += sentence in gold_set
    seconds = time.perf_counter() - started
    recall = hits / max(1, gold_total)
    precision = predicted_exact / max(1, predicted_overlapping)
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    return precision, recall, f1, seconds


def hard_cases(split) -> int:
    """Rows of the project's splitting table (tests/test_segment.py) a splitter gets right."""
    sys.path.insert(0, str(ROOT / "tests"))
    from test_segment import SPLITTING

    return sum(1 for text, expected in SPLITTING if [s.strip() for s in split(text)] == expected)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "bench")
    parser.add_argument("--limit", type=int, default=600)
    args = parser.parse_args()
    path = args.data_dir / "bbc_dev.jsonl"
    if not path.exists():
        print(f"skipped: {path} not found (get the BBC News Summary dataset; see README)")
        return 0
    articles = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            paragraphs = [p for p in row["text"].split("\n\n") if p.strip()]
            articles.append((paragraphs, row["reference_sentences"]))
            if len(articles) == args.limit:
                break
    print(f"{len(articles)} BBC articles, gold = reference sentences")
    sys.path.insert(0, str(ROOT / "tests"))
    from test_segment import SPLITTING

    print(f"{'splitter':34} {'P':>6} {'R':>6} {'F1':>6} {'articles/s':>11} {'hard cases':>11}")
    for name, split in splitters().items():
        precision, recall, f1, seconds = score(split, articles)
        right = f"{hard_cases(split)}/{len(SPLITTING)}"
        print(
            f"{name:34} {precision:6.3f} {recall:6.3f} {f1:6.3f} {len(articles) / seconds:11.0f} {right:>11}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
