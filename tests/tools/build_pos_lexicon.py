#!/usr/bin/env python3
"""Build src/policybrief/data/pos-lexicon.tsv from the GUM corpus (../shared/train/gum).

Only the genres whose texts and annotations are CC BY (news and interviews from Wikinews,
CC BY 2.5; academic and court, CC BY 4.0; annotations CC BY 4.0) are read, so the table may
ship under CC BY 4.0 with the credit in the README. Each line: a lower-cased word and its
most frequent universal POS tag in GUM; then, after a '#suffix' line, three-letter endings
and their most frequent tag, for words the table does not hold.

    python tests/tools/build_pos_lexicon.py ../shared/train/gum src/policybrief/data/pos-lexicon.tsv
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

GENRES = ("GUM_news_", "GUM_interview_", "GUM_academic_", "GUM_court_")
KEEP = {"NOUN", "PROPN", "ADJ", "VERB", "ADV", "AUX", "ADP", "DET", "PRON", "NUM", "CCONJ",
        "SCONJ", "PART", "INTJ"}


def main(source: str, target: str) -> None:
    words: dict[str, Counter[str]] = defaultdict(Counter)
    suffixes: dict[str, Counter[str]] = defaultdict(Counter)
    files = sorted(p for p in Path(source).glob("*.conllu") if p.name.startswith(GENRES))
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if len(cols) < 4 or not cols[0].isdigit() or cols[3] not in KEEP:
                continue
            word = cols[1].lower()
            if not word.isalpha():
                continue
            words[word][cols[3]] += 1
            if len(word) > 4:
                suffixes[word[-3:]][cols[3]] += 1
    with open(target, "w", encoding="utf-8") as out:
        out.write(f"# GUM corpus (Zeldes 2017), CC BY genres of {len(files)} documents; CC BY 4.0\n")
        for word in sorted(words):
            out.write(f"{word}\t{words[word].most_common(1)[0][0]}\n")
        out.write("#suffix\n")
        for suffix in sorted(suffixes):
            tag, n = suffixes[suffix].most_common(1)[0]
            if n >= 3:
                out.write(f"{suffix}\t{tag}\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
