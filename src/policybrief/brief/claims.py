"""Whose position a sentence takes: the author's, or one the author reports.

An argument states its claim in the author's own words. A stance cue ("should", "must",
"needs to") inside a report of what someone else says, argues or believes ("Carter said
voters should be alarmed", "Some people argue that students should…", "according to
the poll, 48 percent think…") is that person's position, not the author's: the piece may
be about to reject it. The author's own report verbs ("I believe", "we think", "I would
argue") and endorsed ones ("Epstein rightly says") keep the position the author's.
"""

from __future__ import annotations

import re

# A report verb: whose position it is depends on who speaks before it.
REPORT_RE = re.compile(
    r"\b(?:said|says|say|told|tells|according to|argue[sd]?|believes?|believed|"
    r"thinks?|thought|asked|asks|claim(?:s|ed)?|insist(?:s|ed)?|wr(?:ote|ites)|"
    r"warn(?:s|ed)|urg(?:es|ed)|suggest(?:s|ed)|recommend(?:s|ed)|propos(?:es|ed)|"
    r"want(?:s|ed)|call(?:s|ed) (?:on|for)|declares|maintains|contend(?:s|ed)|points out|"
    r"acknowledges|"
    # a participle reports only in the active voice: not "should be noted", "as noted above"
    r"(?<!\bbe )(?<!\bis )(?<!\bare )(?<!\bwas )(?<!\bwere )(?<!\bbeen )(?<!\b[Aa]s )(?<!\b[Ii]ts )"
    r"(?:declared|stated|noted|maintained|demanded|pointed out|acknowledged))\b")
# The author speaking (a few words before the verb: "I firmly believe", "as we have said"),
# or endorsing the one who speaks ("rightly says").
OWN_REPORT_RE = re.compile(r"\b(?:I|we|rightly|correctly)\b(?:\W+\w+){0,3}\W*$", re.IGNORECASE)
AUTHOR_POSITION_RE = re.compile(r"\b(?:in my (?:view|opinion)|to my mind|I|we)\b(?:\W+\w+){0,3}\W+"
                                r"(?:believe|think|argue|agree|contend|am convinced|say)\b",
                                re.IGNORECASE)


def reported(own: str) -> bool:
    """The sentence's stance belongs to someone it reports (``own``: its text with quoted
    speech taken out): it reports what someone else says, and the author takes no position
    of their own in it."""
    if AUTHOR_POSITION_RE.search(own) or re.search(r"\bin my (?:view|opinion)\b", own, re.I):
        return False
    return any(not OWN_REPORT_RE.search(own[:m.start()]) for m in REPORT_RE.finditer(own))
