"""When a lede says it happened, which a headline leaves out: "on Monday", "last week",
"in March", "on 5 May", "over the weekend", and the day American news writes with no "on"
("The Senate voted Tuesday to …", "Trump late Monday released …"), but not a day that is
what the news is about or part of a name ("until Friday", "the Tuesday deadline", "Tuesday
night's election", "Super Tuesday", "Sunday Times", "Friday 13th").
"""

from __future__ import annotations

import re

from .title_words import word_tag

MONTHS = "(?:january|february|march|april|may|june|july|august|september|october|november|december)"
TIME_RE = re.compile(r"\b(?:(?:late|early)\s+)?(?:on|last|this|next|earlier|later)\s+(?:monday|tuesday|"
                     r"wednesday|thursday|friday|saturday|sunday|week|month|year|weekend|night|morning)\b"
                     r"(?:\s+(?:night|morning|afternoon|evening))?"
                     r"|\b(?:yesterday|today|tomorrow)\b|\b(?:over|at|during)\s+the\s+weekend\b"
                     rf"|\bon\s+(?:\d{{1,2}}\s+{MONTHS}|{MONTHS}\s+\d{{1,2}}\b)(?:,?\s+\d{{4}})?\b"
                     rf"|\b(?:in|during|since|until)\s+(?:{MONTHS}(?:\s+\d{{4}})?|\d{{4}})\b(?!,)",
                     re.IGNORECASE)
# a day with no "on" before it, as American news writes it ("voted Tuesday to …"); which
# ones go, ``_without_bare_days`` says
BARE_DAY_RE = re.compile(r"\b(?:(?:late|early)\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
                         r"(?:\s+(?:night|morning|afternoon|evening))?\b")
SPACE_BEFORE_MARK_RE = re.compile(r"\s+([,;:.)\]])")
# the words that open the names of days ("Super Tuesday", "Good Friday"): a name's first
# word and the subject's name ("Trump Tuesday signed") are alike to the tagger
NAMED_DAYS = frozenset({"Super", "Cyber", "Black", "Good", "Easter", "Bloody", "Palm", "Ash",
                        "Shrove", "Giving", "Remembrance", "Mothering", "Maundy", "Whit", "Blue",
                        "Holy", "Clean", "Boxing", "Mardi", "Fat"})
# what a day after these belongs to: "until Friday", "the Tuesday deadline"
DAY_GOVERNORS = frozenset({"since", "until", "till", "from", "by", "before", "after", "through",
                           "for", "the", "a", "an", "this", "that", "next", "last", "every", "each",
                           "of", "to", "as", "on", "in", "at"})


def timeless(text: str) -> str:
    """``text`` without its days and dates ("on Monday", "in March", "voted Tuesday to"),
    and no space left before the punctuation after them ("4 p.m. [Friday], police")."""
    return SPACE_BEFORE_MARK_RE.sub(r"\1", _without_bare_days(TIME_RE.sub(" ", text)))


def _without_bare_days(text: str) -> str:
    """``text`` without the days that only say when, written with no "on": after a verb
    ("voted Tuesday to", "said Monday that") or after the subject's name before its verb
    ("Trump late Monday released"). Not a day that opens the text or is governed ("until
    Friday", "the Tuesday deadline"), owns or is owned ("Tuesday's vote", "Tuesday night's
    election"), opens a name or a date ("Sunday Times", "Friday 13th"), nor one a name opens
    ("Super Tuesday voters", "Remembrance Sunday service")."""
    def keep(day: re.Match[str]) -> bool:
        before = text[:day.start()].split()
        after = text[day.end():day.end() + 40].split()
        if not before or before[-1].lower() in DAY_GOVERNORS or text[day.end():day.end() + 1] in ("'", "’"):
            return True
        if after and (after[0][:1].isupper() or after[0][:1].isdigit() or (
                after[0] == "the" and after[1:2] and after[1][:1].isdigit())):
            return True  # "Sunday Times", "Friday 13th", "Friday the 13th"
        if before[-1].strip("'\"“‘") in NAMED_DAYS:
            return True  # "Cyber Monday saw …", "Bloody Sunday was …"
        if before[-1][:1].isupper():  # a name before: only its subject's day, before a verb
            return not (after and after[0].islower() and word_tag(after[0]) in ("VERB", "AUX"))
        return False

    return BARE_DAY_RE.sub(lambda day: day[0] if keep(day) else " ", text)
