"""What a source says of itself: its headline, cleaned, and the people its byline names.

- **The headline** (HTML ``<title>``, a feed entry's, a JSONL ``title``, a first line) is
  kept, less the section label and the site name pages add ("Opinion | …", "Analysis:
  …", "… | CNN Politics", "… - The New York Times", "Yonhap News Agency - …", "… »
  Local"); what is left keeps its own separators (``clean_headline``).
- **Bylines**: the people, several as a list; publishers, wires and jobs left out ("Condé
  Nast; Tom Bennett" → Tom Bennett, "Jane Doe | Bloomberg" → Jane Doe, "BBC News" → none),
  "Smith, John" read as John Smith (``authors_of``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .gazetteer import given_names, world_given_names

# kept by ``split``: the parts that survive are joined by their own separators
SEPARATOR_RE = re.compile(r"(\s+(?:\||–|—|-|»|::|·|•)\s+)")
# a section's label before the headline ("Opinion | …", "Analysis: …", "LIVE - …"), with at
# least two words after it
SECTION_LABEL_RE = re.compile(
    r"^(?:opinion|analysis|comment(?:ary)?|editorial|op-?ed|column|perspective|viewpoint|"
    r"letters?|essay|explainer|explained|review|interview|feature|live(?: updates?)?|"
    r"breaking(?: news)?|exclusive|watch|video|podcast|fact ?check|update|obituary|"
    r"in pictures)\s*(?::|\||::|[-–—»·•])\s+(?=\S+\s+\S)", re.IGNORECASE)
# the last word of a publisher's name ("Yonhap News Agency", "The New York Times")
PUBLISHER_WORDS = frozenset({
    "news", "newswire", "agency", "times", "post", "press", "herald", "journal", "tribune",
    "telegraph", "gazette", "chronicle", "observer", "guardian", "mirror", "globe", "magazine",
    "radio", "tv", "television", "network", "media", "wire", "dispatch", "courier", "bulletin",
    "inquirer", "examiner", "sentinel", "online", "today", "daily", "weekly", "insider"})
NAME_CONNECTORS = frozenset({"of", "the", "and", "&", "de", "for"})  # "The Times of India"
DOMAIN_RE = re.compile(r"(?:[\w-]+\.)+[a-z]{2,6}")  # "bbc.co.uk", "Yahoo.com"
PUBLISHER_RE = re.compile(r"\b(?:inc|ltd|llc|plc|media|news|press|group|publishing|publications|"
                          r"nast|corporation|corp|agency|agencies|staff|newsroom|wires?|reuters|"
                          r"associated)\b", re.IGNORECASE)
# a job after the name: "Tom Bennett, Political Editor", "Staff Writer"
ROLE_RE = re.compile(r"\b(?:editors?|correspondents?|reporters?|writers?|columnists?|"
                     r"contributors?|producers?|analysts?|commentators?|critics?|journalists?|"
                     r"fellows?|economists?|researchers?|bureau|desk)\b", re.IGNORECASE)
WIRE_ACRONYM_RE = re.compile(r"[A-Z]{2,5}")  # "AFP", "AP", "PA", "UPI": no person's name
# lower-case words a person's name may hold ("Ursula von der Leyen", "Ana de la Cruz")
NAME_PARTICLES = frozenset({"de", "da", "di", "del", "della", "der", "den", "van", "von", "bin",
                            "bint", "ibn", "al", "el", "le", "la", "du", "dos", "das", "y", "ter",
                            "ten", "zu"})
BY_RE = re.compile(r"^(?:by|von|par)\s+", re.IGNORECASE)
BYLINE_SEGMENT_RE = re.compile(r"\s+(?:\||–|—|-)\s+")  # "Jane Doe | Bloomberg"
AUTHOR_SPLIT_RE = re.compile(r"\s*(?:;|,|\band\b|&)\s*")
SURNAME_GIVEN_RE = re.compile(r"([^\W\d_][\w'’-]*),\s+([A-Z]\.(?:\s?[A-Z]\.)*|[^\W\d_][\w'’-]*)")


def clean_headline(title: str, site: str | None = None) -> str:
    """The headline without the section label and the site name a page or feed adds.

    - A section's label before a separator or a colon goes ("Opinion | The Fed is wrong" →
      "The Fed is wrong"; "Analysis: …", "LIVE - …").
    - A publisher's name at either end goes (``_is_publisher``: "… - The New York Times",
      "Yonhap News Agency - Seoul stocks close higher"); at the start only before a
      capitalised headline, so "Brexit - what happens next" stays whole.
    - Then a short run of capitalised words at the end ("… | CNN Politics", "… - Yonhap",
      "… » Local").
    - Whatever survives keeps its own separators ("Bonds | Why yields rise").
    A part goes only while two words of headline are left after it.
    """
    site_words = _lower_words(site)
    pieces = SEPARATOR_RE.split(_without_section_label(title))
    _drop_last_while(pieces, lambda part: _is_publisher(part, site_words))
    _drop_first_while(pieces, lambda part, after: _is_site(part, site_words)
                      or (_is_publisher(part, site_words) and after[:1].isupper()))
    _drop_last_while(pieces, lambda part: _is_publisher(part, site_words)
                     or _is_short_name(part))
    return _without_section_label("".join(pieces))


def _lower_words(text: str | None) -> set[str]:
    return {w.lower() for w in re.findall(r"\w+", text or "")}


def _without_section_label(title: str) -> str:
    """``title`` less the section labels it opens on ("OPINION: Rates" is "Rates")."""
    while (label := SECTION_LABEL_RE.match(title)):
        title = title[label.end():]
    return title


def _headline_words(pieces: list[str]) -> int:
    """The words of the parts among ``pieces`` (parts and the separators between them)."""
    return len(" ".join(pieces[::2]).split())


def _drop_last_while(pieces: list[str], goes: Callable[[str], bool]) -> None:
    while len(pieces) > 1 and goes(pieces[-1]) and _headline_words(pieces[:-2]) >= 2:
        del pieces[-2:]


def _drop_first_while(pieces: list[str], goes: Callable[[str, str], bool]) -> None:
    while len(pieces) > 1 and goes(pieces[0], pieces[2]) and _headline_words(pieces[2:]) >= 2:
        del pieces[:2]


def _is_site(part: str, site_words: set[str]) -> bool:
    """The page's own site name ("The Policy Review" on that site) or a domain ("bbc.co.uk")."""
    words = _lower_words(part)
    if not words:
        return False
    return (bool(site_words) and words <= site_words) or bool(DOMAIN_RE.fullmatch(part.strip()))


def _is_publisher(part: str, site_words: set[str]) -> bool:
    """A site (``_is_site``) or a publisher's name: at most six capitalised words ("of",
    "the", "&" … between them) ending on a word of ``PUBLISHER_WORDS`` ("BBC News", "The
    New York Times"; not "Post Office", "Press freedom")."""
    if _is_site(part, site_words):
        return True
    words = re.findall(r"[\w.&'’]+", part)
    return (0 < len(words) <= 6 and words[0][:1].isupper()
            and words[-1].lower() in PUBLISHER_WORDS
            and all(w[:1].isupper() or w[:1].isdigit() or w in NAME_CONNECTORS for w in words))


def _is_short_name(part: str) -> bool:
    """At most three capitalised words ("CNN Politics", "Yonhap", "Local")."""
    words = re.findall(r"[\w.]+", part)
    return 0 < len(words) <= 3 and all(w[:1].isupper() or w[:1].isdigit() for w in words)


def authors_of(byline: str | None, site: str | None = None) -> tuple[str, ...]:
    """The people a byline names, in order, without the publisher or their jobs.

    - Names are split at ";", ",", "and" and "&", a leading "By" dropped ("By Jane Doe and
      John Smith" → Jane Doe, John Smith).
    - "Surname, Given" is one person, when the second word is a known given name or
      initials ("Smith, John" → John Smith; "Jane Doe, John Smith" are two).
    - What is no person's name goes (``_is_person``): a publisher ("BBC News", "AFP",
      "Staff and agencies", "Condé Nast; Tom Bennett" → Tom Bennett), a job ("Tom Bennett,
      Political Editor" → Tom Bennett), a description in lower case.
    - A spaced bar or dash ends the names: what follows is the outlet ("Jane Doe |
      Bloomberg" → Jane Doe), unless no one is named before it.
    - A lone capitalised word beside a full name is an outlet ("Bloomberg | Jane Doe").
    """
    if not byline:
        return ()
    site_words = _lower_words(site)
    described = any(c.isupper() for c in byline)  # "jane doe" has no capitals to go by
    segments = [[name for name in _names_in(segment)
                 if _is_person(name, site_words, described)]
                for segment in BYLINE_SEGMENT_RE.split(byline)]
    segments = _without_lone_words(segments)
    names = next((names for names in segments if names), [])
    return tuple(dict.fromkeys(names))


def _names_in(segment: str) -> list[str]:
    """The names a byline's segment lists, "Surname, Given" written "Given Surname"."""
    text = BY_RE.sub("", segment.strip()).strip()
    inverted = SURNAME_GIVEN_RE.fullmatch(text)
    if inverted and _is_given_name(inverted[2]):
        return [f"{inverted[2]} {inverted[1]}"]
    return [BY_RE.sub("", part.strip()).strip(" .") for part in AUTHOR_SPLIT_RE.split(text)]


def _is_given_name(word: str) -> bool:
    """Initials ("J.", "J. R.") or a given name of the shipped lists ("John", "Kamil")."""
    return word.endswith(".") or word in given_names() or word in world_given_names()


def _is_person(name: str, site_words: set[str], described: bool) -> bool:
    """Whether ``name`` may be a person's: no publisher's word ("News", "Staff", "agencies")
    nor job ("Political Editor"), not the site's name nor a wire's acronym ("AFP"), at most
    five words, and (in a ``described`` byline, one with capitals) no lower-case word but a
    name's particle ("von der Leyen"; not "professor of economics")."""
    words = name.split()
    if not words or not any(c.isalpha() for c in name) or len(words) > 5:
        return False
    if PUBLISHER_RE.search(name) or ROLE_RE.search(name) or WIRE_ACRONYM_RE.fullmatch(name):
        return False
    if site_words and _lower_words(name) <= site_words:
        return False
    return not described or all(not w[:1].islower() or w in NAME_PARTICLES for w in words)


def _without_lone_words(segments: list[list[str]]) -> list[list[str]]:
    """Each segment's names less any single capitalised word, when some name of the byline
    has two words or more ("Jane Doe, Bloomberg"); "Smith and Jones" stay."""
    if not any(len(name.split()) > 1 for names in segments for name in names):
        return segments
    return [[name for name in names if len(name.split()) > 1 or not name[:1].isupper()]
            for names in segments]
