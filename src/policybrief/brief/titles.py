"""A brief's title and byline: the source's own headline, cleaned, or one made from the text.

- **The source's headline** (HTML ``<title>``, a feed entry's, a JSONL ``title``, a first
  line) is kept, less the section label and the site name pages add ("Opinion | …",
  "Analysis: …", "… | CNN Politics", "… - The New York Times", "Yonhap News Agency - …",
  "… » Local"); what is left keeps its own separators (``clean_headline``).
- **A made title**, for text with none, is built the way a sub-editor shortens a lede: the
  lede's main clause (its dateline, brackets and appositions, a leading "Amid …," or
  "After …," clause and a closing attribution "…, officials said" taken off, cut at the
  first clause break after its verb, a relative "that" one too), in headline style: no
  articles, auxiliaries, time words or dates ("on Monday", "in March"), "will" and "is set to" written "to",
  "has fallen" written "falls" and the main verb's irregular past in the present ("Blair
  said" → "Blair says"; ``tense``), "A and B" written "A, B", a person named by
  the surname the article uses ("Prime Minister Tony Blair" → "Blair"), a subject's "said
  it" before its own news left out ("Oracle announced it is cutting …" → "Oracle cutting
  …"; ``headline_style``).
  A name the article also writes as its initials is written so ("General Motors" → "GM";
  no person's name).
  The rest of the article tells which words matter (``title_words``): a modifier or a
  passing phrase it never repeats is dropped ("a *luxurious* hotel", "*in UK trade*"), and
  the title ends at the last noun it repeats, at most ``MADE_WORDS`` words. Never "X and Y".
- **Bylines**: the people, several as a list; publishers, wires and jobs left out ("Condé
  Nast; Tom Bennett" → Tom Bennett, "Jane Doe | Bloomberg" → Jane Doe, "BBC News" → none),
  "Smith, John" read as John Smith (``authors_of``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

from .. import terms
from .gazetteer import given_names, world_given_names
from .headline_style import (
    short_forms,
    surnames,
    without_description,
    without_own_attribution,
)
from .keyphrases import pos_tag
from .tense import in_present
from .title_words import PARTICLES, salient, stem

MADE_WORDS = 10
# kept by ``split``: the parts that survive are joined by their own separators
SEPARATOR_RE = re.compile(r"(\s+(?:\||–|—|-|»|::|·|•)\s+)")
LEAD_CLAUSE_RE = re.compile(
    r"^(?:amid|after|before|despite|following|in|on|with|as|while|when|although|though|since|"
    r"under|over|during|by|for|if|once|because)\b[^,]{3,80},\s+", re.IGNORECASE)
# a closing attribution: the last comma's part names a speaker and ends on the verb ("…,
# officials said on Friday"), or opens on it ("…, says a report"), or "…, according to …";
# not the lede's own verb ("…, has said its profits doubled") nor another clause ("…, but …")
SAY = r"(?:said|says|told|warned|claimed|announced|reported|suggests|suggested|revealed|confirmed)"
ATTRIBUTION_RE = re.compile(
    r",\s+(?!(?:has|have|had|but|and|or|while|as|who|which)\b)[^,]{0,60}?\b" + SAY
    + r"\b(?:\s+[^\s,]+){0,3}$"
    r"|,\s+(?:says|said)\s(?!(?:it|he|she|they|we|that)\b)[^,]{0,80}$"
    r"|,\s+according to .*$", re.IGNORECASE)
OPENER_RE = re.compile(r"(?:but|and|so|yet|still|however|meanwhile|indeed|instead|also|perhaps|"
                       r"now|then|thus|moreover|nevertheless|of course)\b,?\s+", re.IGNORECASE)
ROLE_WORDS = 5  # "as" and a role: "as the new Wolves manager"
FRONTED_RE = re.compile(r"([\w'’-]+)\b[^,]{3,80},\s+")
CLAUSE_BREAK_RE = re.compile(
    r"\s*(?:,(?!\d)|;|:|\s[-–—]\s|\b(?:who|which|that|after|because|as|but|while|when|saying)\b)\s*")
# "(CNN) --", "LONDON, England (Reuters) --": the wire's dateline before the lede
DATELINE_RE = re.compile(r"^(?:[A-Z][\w .,']{0,60})?\((?:CNN|AP|Reuters|AFP)\)\s*(?:--|—|–|-)?\s*")
BRACKETS_RE = re.compile(r"\s*\([^()]*\)")
APPOSITION_RE = re.compile(r",\s+(?:the|a|an|who|which|whose|where)\s[^,]{1,80},(?!\d)",
                           re.IGNORECASE)  # not "…, a survey of 1,300 …"
SUBJECT_APPOSITION_RE = re.compile(r"^([^,]{1,50}?),\s+([^,]{1,80}),\s+")
FUTURE_RE = re.compile(r"\b(?:will(?!\s+(?:not|never)\b)|(?:is|are)\s+(?:set\s+|due\s+|expected\s+|"
                       r"going\s+)?to)\s+", re.IGNORECASE)
MODALS = frozenset({"to", "could", "would", "should", "may", "might", "must", "can"})
PARTICIPLE_ENDS = ("ed", "ing", "en", "wn")
WORD_RE = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
TIME_RE = re.compile(r"\b(?:on|last|this|next|earlier|later)\s+(?:monday|tuesday|wednesday|"
                     r"thursday|friday|saturday|sunday|week|month|year|weekend|night|morning)\b"
                     r"|\b(?:yesterday|today|tomorrow)\b"
                     r"|\b(?:in|during|since|until)\s+(?:(?:january|february|march|april|may|june|"
                     r"july|august|september|october|november|december)(?:\s+\d{4})?|\d{4})\b(?!,)",
                     re.IGNORECASE)
# "has", "have" and "had" are left out by ``tense`` when they are auxiliaries
FUNCTION_WORDS = frozenset({"the", "a", "an", "been", "be", "being", "is", "are", "was", "were",
                            "do", "does", "did", "its", "their", "his", "her", "our", "your",
                            "my", "that", "this", "these", "those", "very", "also", "just", "now",
                            "still", "already", "currently", "recently"})
DANGLING_END = frozenset({"the", "a", "an", "of", "to", "in", "on", "and", "for", "with", "at",
                          "by", "that", "or", "but"})
# a title ends on no preposition, conjunction, determiner or auxiliary ("… may be", "…
# slipped despite"); a verb's particle ends a phrase ("sell out", "turned down")
DANGLING_TAGS = frozenset({"ADP", "CCONJ", "SCONJ", "DET", "PART", "AUX"})
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


def made_title(lede: str, body: Sequence[str] = (), thesis: str | None = None) -> str:
    """A headline-like title made from the lede's main clause (see the module).

    ``body``, the article's other sentences, tells which words matter: a modifier the rest
    of the article never repeats is dropped, and the clause ends at its last noun that is
    repeated (or a number), so a lede's passing detail does not fill the headline. An
    opinion piece's ``thesis`` is made a title too, and the one whose words the article
    repeats more is kept: an op-ed's lede is often a scene-setter."""
    counts = Counter(stem(w) for text in body for w in WORD_RE.findall(text))
    title = _made(lede, counts if body else None, body)
    if thesis and thesis != lede:
        other = _made(thesis, counts + Counter(stem(w) for w in WORD_RE.findall(lede)), body)
        if other and _repeated_share(other, counts) > _repeated_share(title, counts):
            return other
    return title


def _repeated_share(title: str, counts: Counter[str]) -> float:
    """The share of the title's content words the article uses more than once."""
    content = [w for w in WORD_RE.findall(title) if w.lower() not in terms.stop_words()]
    return sum(counts[stem(w)] > 1 for w in content) / len(content) if content else 0.0


def _made(lede: str, counts: Counter[str] | None, body: Sequence[str] = ()) -> str:
    text = _main_clause(lede)
    words: list[str] = []
    for word in in_present(TIME_RE.sub(" ", text).split()):
        lower = word.lower()
        if (lower not in FUNCTION_WORDS or (lower == "be" and _before_verb(words))) \
                and lower not in ("'s", "’s"):
            words.append(word)
    words = short_forms(without_own_attribution(surnames(_headlinese(words), body)), body)
    words = without_description(words)
    if counts is not None:
        words = salient(words, counts, MADE_WORDS)
    words = words[:MADE_WORDS]
    shown = " ".join(words)
    if shown.count("“") > shown.count("”") or shown.count('"') % 2:  # a quotation cut off
        quote_at = max(shown.rfind("“"), shown.rfind('"') if shown.count('"') % 2 else -1)
        words = shown[:quote_at].split()
    while words and (words[-1].lower().rstrip(",") in DANGLING_END or (
            words[-1].islower() and pos_tag(words[-1].rstrip(",")) in DANGLING_TAGS
            and words[-1].rstrip(",") not in PARTICLES)):
        words.pop()
    title = " ".join(words).strip(" ,;:-\"'“”‘’")
    return title[:1].upper() + title[1:] if title else ""


def _before_verb(words: list[str]) -> bool:
    """Whether ``words`` end in "to" or a modal, whose "be" stays ("could be hit")."""
    last = next((w.lower() for w in reversed(words) if w.lower() not in ("soon", "not")), "")
    return last in MODALS


def _main_clause(lede: str) -> str:
    """The lede less its dateline, brackets, appositions, a leading "After …," clause and a
    closing attribution, cut at its first clause break."""
    text = BRACKETS_RE.sub("", DATELINE_RE.sub("", lede.strip())).rstrip(".!?\"'”’)")
    text = _without_fronted(text)
    unattributed = ATTRIBUTION_RE.sub("", text)
    if len(unattributed.split()) >= 4:
        text = unattributed
    text = APPOSITION_RE.sub("", text)
    subject = SUBJECT_APPOSITION_RE.match(text)
    if subject and len(subject[1].split()) <= 6 and _apposition(subject[1], subject[2]):
        text = f"{subject[1]} {text[subject.end():]}"  # "Wipro, India's biggest …, has"
    text = FUTURE_RE.sub("to ", text)
    for cut in CLAUSE_BREAK_RE.finditer(text):
        before = text[:cut.start()].split()
        if not before:
            continue
        if cut[0].strip() == "that" and pos_tag(before[-1]) in ("VERB", "AUX"):
            continue  # "said that …" opens what was said, no relative clause
        if cut[0].strip() == "as" and not _opens_clause(text[cut.end():]):
            continue  # "sacked as Valencia coach": a role, no clause
        if len(before) >= 4 and any(pos_tag(w) in ("VERB", "AUX") for w in before[1:]):
            return text[:cut.start()]  # the main clause: subject and verb, at least
    return text


def _opens_clause(text: str) -> bool:
    """Whether the words after "as" are a clause ("as demand fell"), a verb among its first
    few before a comma, rather than a role ("as the new Wolves manager on Tuesday")."""
    words = text.split(",")[0].split()[:ROLE_WORDS]
    return any(pos_tag(w) in ("VERB", "AUX") and w.islower() for w in words)


def _without_fronted(text: str) -> str:
    """The clause without what is fronted before its subject: a connective ("But", "However,")
    and an adverbial up to its comma opening on a preposition or a subordinating
    conjunction ("After …,", "Through a … statement,"); what is left must still say
    something (four words)."""
    while True:
        opener = OPENER_RE.match(text)
        if not opener or len(text[opener.end():].split()) < 4:
            break
        text = text[opener.end():]
    fronted = FRONTED_RE.match(text)
    if fronted and len(text[fronted.end():].split()) >= 4:
        first = fronted[1]
        if LEAD_CLAUSE_RE.match(text) or pos_tag(first.lower()) in ("ADP", "SCONJ"):
            return text[fronted.end():]
    return text


def _apposition(subject: str, description: str) -> bool:
    """Whether "subject, description," opening a lede is a noun phrase and what describes it:
    no verb in the subject, no finite verb in the description (a participle is one:
    "Reeves, best known for …,"; "Four players, including …,")."""
    if any(pos_tag(w) in ("VERB", "AUX") for w in subject.split()[1:]):
        return False  # "Americans are becoming blog readers, with …": a clause
    return not any(pos_tag(w) == "AUX" or w.lower() in ("said", "says", "and", "but", "or")
                   or (pos_tag(w) == "VERB" and w.islower() and not w.endswith(PARTICIPLE_ENDS))
                   for w in description.split())


def _headlinese(words: list[str]) -> list[str]:
    """Headline style: "A and B" is written "A, B" (a made title is never "X and Y")."""
    out: list[str] = []
    for word in words:
        if word.lower() in ("and", "&") and out:
            out[-1] = out[-1].rstrip(",") + ","
        else:
            out.append(word)
    return out


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
