"""The name lists shipped in ``data/``, each read once: places from GeoNames (``places.tsv``,
CC BY 4.0), given names of the US Census 1990 (``given-names.txt``, public domain) and of the
world's languages as faker ships them (``world-given-names.txt``, MIT), and the common
English words of the GUM lexicon (``pos-lexicon.tsv``, CC BY 4.0), which are no names when
they stand alone ("Reading", "Nice"). ``tests/tools/build_name_lists.py`` builds the first
three.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from .names import in_name_case


def _lines(name: str) -> list[str]:
    text = files("policybrief").joinpath("data", name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("# ")]


@cache
def places() -> dict[str, str]:
    """Place name → what it is: country, region, city, town (under 100,000 people) or continent."""
    return dict(line.split("\t", 1) for line in _lines("places.tsv"))


@cache
def given_names() -> frozenset[str]:
    return frozenset(_lines("given-names.txt"))


@cache
def world_given_names() -> frozenset[str]:
    """Given names of other languages than the Census list's ("Vladimir", "Kamil"): they
    make a person of an unlisted name, and nothing else."""
    return frozenset(_lines("world-given-names.txt"))


@cache
def common_words() -> frozenset[str]:
    """Lower-cased words that are something other than a proper noun in GUM."""
    words = []
    for line in _lines("pos-lexicon.tsv"):
        if line.startswith("#suffix"):  # word endings follow: no words
            break
        word, _, tag = line.partition("\t")
        if tag and tag != "PROPN":
            words.append(word)
    return frozenset(words)


def place_kind(name: str) -> str | None:
    """What the place ``name`` is, for names written in capitals too ("NEW YORK")."""
    found = places().get(name)
    if found is None and name.isupper() and len(name) > 3:
        found = places().get(in_name_case(name)) or places().get(name.title())  # "Rishon Le Zion"
    return found
