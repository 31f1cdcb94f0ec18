"""What a source says of itself: its headline, cleaned, and the people its byline names.

- **The headline** (HTML ``<title>``, a feed entry's, a JSONL ``title``, a first line) is
  kept, less the section label and the site name pages add ("Opinion | …", "Analysis:
  …", "… | CNN Politics", "… - The New York Times", "Yonhap News Agency - …", "… »
  Local"); what is left keeps its own separators, and a headline that only looks like a
  name ("Social Media - Why Teens Are Unhappy") stays whole (``clean_headline``).
- **Bylines**: the people, several as a list; publishers, wires, places and jobs left out
  ("Condé Nast; Tom Bennett" → Tom Bennett, "Jane Doe (Reuters)" → Jane Doe, "By Jane Doe
  in Paris" → Jane Doe, "Rishi Sunak, Prime Minister" → Rishi Sunak, "BBC News" → none),
  "Smith, John" read as John Smith (``authors_of``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..prose import NAME_PARTICLES
from .gazetteer import common_words, given_names, world_given_names
from .names import in_name_case
from .roles import ROLE_WORDS

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
# the last word of a name that is a publisher's and hardly anything else's ("Yonhap News
# Agency", "The Wall Street Journal"); not "Media", "Radio", "Times", "Today", "Mirror"…, which
# end headlines as often ("Social Media", "Modern Times", "Kids Today")
STRONG_PUBLISHER_WORDS = frozenset({
    "news", "newswire", "agency", "press", "gazette", "herald", "tribune", "telegraph",
    "chronicle", "journal", "inquirer", "newspaper"})
NAME_CONNECTORS = frozenset({"of", "the", "and", "&", "de", "for"})  # "The Times of India"
DOMAIN_RE = re.compile(r"(?:[\w-]+\.)+[a-z]{2,6}")  # "bbc.co.uk", "Yahoo.com"
PUBLISHER_RE = re.compile(r"\b(?:inc|ltd|llc|plc|media|news|press|group|publishing|publications|"
                          r"nast|corporation|corp|agency|agencies|staff|newsroom|wires?|reuters|"
                          r"associated)\b", re.IGNORECASE)
# a job after the name: "Tom Bennett, Political Editor", "Staff Writer"
ROLE_RE = re.compile(r"\b(?:editors?|correspondents?|reporters?|writers?|columnists?|"
                     r"contributors?|producers?|analysts?|commentators?|critics?|journalists?|"
                     r"fellows?|economists?|researchers?|bureau|desk|editorial board)\b", re.IGNORECASE)
# a job or office after the name ("Rishi Sunak, Prime Minister", "Vice President", "Chief
# Executive", "Senior Lecturer in Law", "Secretary of State"): modifiers, then the office, then
# what it is of; "Professor Jane Doe" (a name after the office) is none
OFFICE_RE = re.compile(
    r"(?:(?:senior|junior|vice|deputy|chief|assistant|associate|acting|interim|executive|"
    r"principal|prime|general|first|shadow|former|managing|foreign|home|lord|lady|co)[\s-]+)*"
    # the offices a text gives people (``roles``), and those of a byline's signature
    rf"(?:{ROLE_WORDS}|president-elect|chairperson|lecturer|dean|ceo|cfo|coo|cto|partner|"
    r"counsel|consultant|trustee|member)s?"
    r"(?:\s+(?:of|for|at|in|to|on)\b.*)?", re.IGNORECASE)
# a wire's or broadcaster's acronym, no person's name ("AFP"); another all-caps word alone is
# taken for one ("AOC"), unless it is the site's initials
WIRE_ACRONYMS = frozenset({"AP", "AFP", "PA", "UPI", "DPA", "ANSA", "EFE", "BBC", "CNN", "ABC",
                           "NBC", "CBS", "NPR", "AAP", "PTI", "IANS", "TASS"})
BY_RE = re.compile(r"^(?:(?:additional\s+)?(?:reporting|writing|written|words|text|story|"
                   r"compiled|research)\s+)?(?:by|von|par)\s+", re.IGNORECASE)
# an editor's credit after the reporters' ("Reporting by Jane Doe; Editing by John Smith")
EDITING_RE = re.compile(r"(?:^|\s*[;.]\s*|\s+)(?:additional\s+)?(?:editing|edited)\s+by\s+"
                        r"[^;|]*", re.IGNORECASE)
PARENTHESIS_RE = re.compile(r"\s*\(([^()]*)\)")  # "Jane Doe (Reuters)"
# where the author wrote from or for whom, after the name ("Jane Doe in Paris", "Jane Doe for
# The Times", "Jane Doe at the UN")
AFTER_NAME_RE = re.compile(r"\s+(?:in|at|for|from)\s+.*$")
BYLINE_SEGMENT_RE = re.compile(r"\s+(?:\||–|—|-)\s+")  # "Jane Doe | Bloomberg"
AUTHOR_SPLIT_RE = re.compile(r"\s*(?:;|,|\b(?i:and)\b|&|/)\s*")  # "/": "Jane Doe/Reuters"
INITIAL_RE = re.compile(r"[A-Z]\.?")
SITE_LETTERS = 4  # a site's name this long at least may be recognised after an author's
SURNAME_GIVEN_RE = re.compile(r"([^\W\d_][\w'’-]*),\s+([A-Z]\.(?:\s?[A-Z]\.)*|[^\W\d_][\w'’-]*)")


def clean_headline(title: str, site: str | None = None) -> str:
    """The headline without the section label and the site name a page or feed adds.

    - A section's label before a separator or a colon goes ("Opinion | The Fed is wrong" →
      "The Fed is wrong"; "Analysis: …", "LIVE - …").
    - A section's label stays when what follows is a publisher's name alone ("Review -
      Global Times"): that is the headline and its site.
    - A publisher's name at the end goes (``_is_publisher``: "… - The New York Times"), and
      then a short run of capitalised words ("… | CNN Politics", "… - Yonhap", "… » Local"):
      a page's site name sits there by custom. Such a run goes only when it has fewer words
      than the headline before it ("Fake News - Why It Matters" stays whole).
    - At the start, where a headline's own topic sits as often ("Social Media - Why Teens
      Are Unhappy", "Modern Times - …", "Kids Today - …", "Public Radio - …"), a part goes
      only when it is surely no headline's (``_is_leading_publisher``): the page's site or a
      domain, or a publisher's name ending on a word only publishers end on ("Yonhap News
      Agency - Seoul stocks close higher"), before a headline of three words or more that
      opens on a capital. In doubt the headline stays whole ("Brexit - what happens next",
      "Fake News - Why It Matters").
    - Whatever survives keeps its own separators ("Bonds | Why yields rise").
    A part goes only while two words of headline are left after it.
    """
    site_words = _lower_words(site)
    pieces = SEPARATOR_RE.split(_without_section_label(title, site_words))
    _drop_last_while(pieces, lambda part, _: _is_publisher(part, site_words))
    _drop_first_while(pieces, lambda part, after: _is_leading_publisher(part, after, site_words))
    _drop_last_while(pieces, lambda part, before: _is_publisher(part, site_words)
                     or (_is_short_name(part) and len(part.split()) < len(before.split())))
    return _without_section_label("".join(pieces), site_words)


def _lower_words(text: str | None) -> set[str]:
    return {w.lower() for w in re.findall(r"\w+", text or "")}


def _without_section_label(title: str, site_words: set[str]) -> str:
    """``title`` less the section labels it opens on ("OPINION: Rates" is "Rates"), unless
    what follows one is a publisher's name alone ("Review - Global Times" stays)."""
    while (label := SECTION_LABEL_RE.match(title)) and not _is_publisher(
            title[label.end():], site_words):
        title = title[label.end():]
    return title


def _headline_words(pieces: list[str]) -> int:
    """The words of the parts among ``pieces`` (parts and the separators between them)."""
    return len(" ".join(pieces[::2]).split())


def _drop_last_while(pieces: list[str], goes: Callable[[str, str], bool]) -> None:
    while (len(pieces) > 1 and goes(pieces[-1], " ".join(pieces[:-2:2]))
           and _headline_words(pieces[:-2]) >= 2):
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


def _is_leading_publisher(part: str, after: str, site_words: set[str]) -> bool:
    """Whether ``part``, before the part ``after``, is a site's name and no headline's topic:
    the page's site or a domain (``_is_site``); or two to six capitalised words ("The" may
    open them; no "of", "and" between) ending on a word of ``STRONG_PUBLISHER_WORDS``
    ("Yonhap News Agency", "BBC News"), the first not one of them ("News Agency" alone
    stays), when ``after`` is a headline: three words or more, the first capitalised. A
    two-word name needs an acronym first ("BBC News"; not "Fake News")."""
    if _is_site(part, site_words):
        return True
    words = re.findall(r"[\w.&'’]+", part)
    if words[:1] == ["The"]:
        words = words[1:]
    if not (2 <= len(words) <= 6 and words[-1].lower() in STRONG_PUBLISHER_WORDS
            and words[0].lower() not in STRONG_PUBLISHER_WORDS
            and all(w[:1].isupper() or w[:1].isdigit() for w in words)
            and not any(w.lower() in NAME_CONNECTORS for w in words)):
        return False
    if len(words) == 2 and not words[0].isupper():
        return False
    return len(after.split()) >= 3 and after[:1].isupper()


def _is_short_name(part: str) -> bool:
    """At most three capitalised words ("CNN Politics", "Yonhap", "Local")."""
    words = re.findall(r"[\w.]+", part)
    return 0 < len(words) <= 3 and all(w[:1].isupper() or w[:1].isdigit() for w in words)


def authors_of(byline: str | None, site: str | None = None) -> tuple[str, ...]:
    """The people a byline names, in order, without the publisher or their jobs.

    - Names are split at ";", ",", "/", "and" and "&", a leading "By" or "Reporting by"
      dropped ("By Jane Doe and John Smith" → Jane Doe, John Smith); an editor's credit
      after the reporters' goes ("Reporting by Jane Doe; Editing by John Smith" → Jane Doe).
    - What a name is followed by goes: a place or an outlet after "in", "at", "for", "from"
      ("By Jane Doe in Paris", "Jane Doe for The Times" → Jane Doe), a parenthesis ("Jane
      Doe (Reuters)" → Jane Doe; its content is read only when nothing else is left).
    - "Surname, Given" is one person, when the second word is a known given name or
      initials ("Smith, John" → John Smith; "Jane Doe, John Smith" are two).
    - What is no person's name goes (``_is_person``): a publisher ("BBC News", "AFP",
      "Staff and agencies", "Condé Nast; Tom Bennett" → Tom Bennett), a job or office ("Tom
      Bennett, Political Editor", "Rishi Sunak, Prime Minister" → one person), a
      description in lower case.
    - A spaced bar or dash ends the names: what follows is the outlet ("Jane Doe |
      Bloomberg" → Jane Doe), unless no one is named before it.
    - A lone capitalised word beside a full name is an outlet ("Bloomberg | Jane Doe").
    """
    if not byline:
        return ()
    site_words = _lower_words(site)
    byline = _without_asides(byline)
    described = any(c.isupper() for c in byline)  # "jane doe" has no capitals to go by
    segments = [[name for name in _names_in(segment)
                 if _is_person(name, site_words, described, site)]
                for segment in BYLINE_SEGMENT_RE.split(byline)]
    segments = _without_lone_words(segments)
    names = next((names for names in segments if names), [])
    names = [_as_written(_without_site_after(name, site)) for name in names]
    return tuple(name for name in dict.fromkeys(names) if not _fuller_named(name, names))


def _as_written(name: str) -> str:
    """A name the byline sets in capitals, written as a name ("STEVE PEOPLES" → Steve
    Peoples, ``names.in_name_case``); an acronym stays ("AOC")."""
    return in_name_case(name) if len(name.split()) > 1 and name.isupper() else name


def _without_site_after(name: str, site: str | None) -> str:
    """The name without the publisher written after it with no separator ("Jane Doe
    Sputnik International" on the site "SputnikInt" → Jane Doe): two or more words after
    the first two that begin with the site's name, spelt out ("Maria Jose Santa Cruz" on
    "Santa Cruz Sentinel" stays)."""
    compact = re.sub(r"\W", "", site or "").lower()
    words = name.split()
    for at in range(2, len(words) - 1):
        tail = re.sub(r"\W", "", "".join(words[at:])).lower()
        if len(compact) >= SITE_LETTERS and tail.startswith(compact):
            return " ".join(words[:at])
    return name


def _fuller_named(name: str, names: list[str]) -> bool:
    """Another of the byline's names is this person's with initials more ("Troy L Smith"
    beside "Troy Smith"; "David Lee Smith" may be someone else)."""
    words = name.split()
    for other in names:
        more = other.split()
        if other != name and more[0] == words[0] and more[-1] == words[-1] \
                and [w for w in more if not INITIAL_RE.fullmatch(w)] == words:
            return True
    return False


def _without_asides(byline: str) -> str:
    """``byline`` less its parentheses and an editor's credit, unless nothing would be left
    ("(Jane Doe)" is read as "Jane Doe")."""
    rest = PARENTHESIS_RE.sub("", byline)
    byline = rest if any(c.isalpha() for c in rest) else PARENTHESIS_RE.sub(r" \1", byline)
    rest = EDITING_RE.sub("", byline)
    return (rest if any(c.isalpha() for c in rest) else byline).strip()


def _names_in(segment: str) -> list[str]:
    """The names a byline's segment lists, "Surname, Given" written "Given Surname"."""
    text = BY_RE.sub("", segment.strip()).strip()
    inverted = SURNAME_GIVEN_RE.fullmatch(text)
    if inverted and _is_given_name(inverted[2]):
        return [f"{inverted[2]} {inverted[1]}"]
    return [AFTER_NAME_RE.sub("", BY_RE.sub("", part.strip())).strip(" .")
            for part in AUTHOR_SPLIT_RE.split(text)]


def _is_given_name(word: str) -> bool:
    """Initials ("J.", "J. R.") or a given name of the shipped lists ("John", "Kamil")."""
    return word.endswith(".") or word in given_names() or word in world_given_names()


def _is_person(name: str, site_words: set[str], described: bool, site: str | None = None) -> bool:
    """Whether ``name`` may be a person's: no publisher's word ("News", "Staff", "agencies")
    nor job ("Political Editor", "Prime Minister"), not the site's name nor a wire's acronym
    ("AFP", the site's initials), at most five words besides a name's particles ("Juan
    Carlos de la Fuente y Martinez" is one person), and (in a ``described`` byline, one with
    capitals) no lower-case word but a particle ("von der Leyen"; not "professor of
    economics")."""
    words = name.split()
    if not words or not any(c.isalpha() for c in name):
        return False
    if sum(w not in NAME_PARTICLES for w in words) > 5:
        return False
    if len(words) == 1 and name.lower() in common_words() and not _is_given_name(name):
        return False  # a word, not a name: "Editorial"
    if PUBLISHER_RE.search(name) or ROLE_RE.search(name) or OFFICE_RE.fullmatch(name):
        return False
    if name in WIRE_ACRONYMS or (name.isupper() and name == _initials(site)):
        return False
    if site_words and _lower_words(name) <= site_words:
        return False
    return not described or all(not w[:1].islower() or w in NAME_PARTICLES for w in words)


def _initials(site: str | None) -> str:
    """The capitals of a site's name ("National Public Radio" → "NPR")."""
    return "".join(w[0] for w in re.findall(r"\w+", site or "") if w[0].isupper())


def _without_lone_words(segments: list[list[str]]) -> list[list[str]]:
    """Each segment's names less any single capitalised word, when some name of the byline
    has two words or more ("Jane Doe, Bloomberg"); "Smith and Jones" stay."""
    if not any(len(name.split()) > 1 for names in segments for name in names):
        return segments
    return [[name for name in names if len(name.split()) > 1 or not name[:1].isupper()]
            for names in segments]
