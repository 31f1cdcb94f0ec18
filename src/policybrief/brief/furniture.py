"""Page furniture: the lines a page sets around an article, which a brief never quotes.

Captions and credits, "Read more", newsletter and membership prompts, links, bylines,
credit lines ("Reporting by …"), tag lines ("Tags:"), date lines ("Last modified on …"),
notices ("Comments are closed", "This article was originally published on …", "The views
expressed in this article … do not necessarily reflect …"), the headline again, and any line
with no sentence end (``is_furniture``). Of these, the bylines, credits, tag and date lines
name no actor or keyword of the story (``page_line``).
"""

from __future__ import annotations

import re

from ..prose import TERMINAL_RE

# the lines a page sets around the article whose names are no story's: tag lines, date
# lines, credit lines, bylines (see ``page_line``)
PAGE_LINE = (
    r"^(?:(?:tags|topics|filed under|categories|related topics)\s*:|"
    # a date line: "Last modified on Tue 19 Nov 2019", "First published: 3 March"
    r"(?:last (?:modified|updated)|first published)(?: on| at)?:?\s+(?:\d|(?:mon|tue|wed|thu|fri|"
    r"sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)|"
    # a credit line: "Reporting by Jane Doe; Editing by John Smith" (names only)
    r"(?:additional )?(?:reporting|writing|editing) by (?-i:[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3})"
    r"(?:\s*(?:;|,|and)\s*(?:(?:additional )?(?:reporting|writing|editing) by )?"
    r"(?-i:[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}))*\.?$|"
    # a byline, with a second author or a job title after a comma ("…, Political Editor.")
    r"by (?-i:[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}(?: (?:and|&) [A-Z][\w.'’-]+"
    r"(?: [A-Z][\w.'’-]+){0,3})?(?:, [A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,4})?)\.?$)")
PAGE_LINE_RE = re.compile(PAGE_LINE, re.IGNORECASE)
FURNITURE_RE = re.compile(
    r"^(?:read more|scroll down|click here|sign up|subscribe|follow (?:us|him|her)|share this|"
    r"advertisement|related|more must-reads|image copyright|image caption|photo|picture|"
    r"pictured|video|watch|listen|updated|published|posted|copyright|©|all rights reserved|"
    r"comments? (?:are|is) closed|share (?:on|via|this))\b|" + PAGE_LINE
    # a credit in brackets, not a wire's dateline opening the lede ("WASHINGTON (Reuters) -")
    + r"|(?:getty images|\(ap photo|\(reuters\b(?!\)\s*[-–—])|/afp\b|/reuters\)|\bphoto:|"
    r"\bcredit:|sign up for (?:our|free|email|updates|alerts)\b|newsletter|"
    r"all rights reserved|click here|read more:|scroll down for|"
    # the page speaking to its reader: affiliate disclosures and membership prompts
    r"\b(?:receive|earn)s? (?:a )?(?:small )?commission\b|\baffiliate links?\b|"
    r"\bif you (?:enjoyed|liked|valued?|appreciated?) (?:this|our|reading)\b|"
    r"\bsupport (?:our|independent|quality) journalism\b|\bbecome a (?:member|subscriber)\b|"
    r"\bfollow @\w|^\W*you can (?:view|read|find|see|watch|listen to|download) (?:our|the full|"
    r"the rest|more|all|it|them)\b.*\bhere\W*$|"
    r"^\W*(?:get started|learn more|find out more|see more)\b.*\bhere\W*$|"
    r"^\W*(?:listen|subscribe|catch up|tune in)\b[^.]*\bour (?:[\w-]+ ){0,3}podcast\b|"
    r"click to tweet|https?://|\bwww\.|"
    # a publisher's disclaimer of its writer's views: views expressed in the piece or by its
    # contributors, disclaimed ("… do not necessarily reflect …", "… are their own", "… are
    # solely those of …"); not "the views expressed in the column were condemned", "views
    # expressed at the meeting are their own"
    r"\b(?:views|opinions)\b[^.]{0,40}\bexpressed\s+(?:(?:in|on)\s+(?:this|these|the)\s+(?:article|"
    r"column|commentary|piece|post|blog|op-ed|essay|page)s?|by\s+[^.]{0,40}\b(?:contributors?|"
    r"columnists?|writers?|authors?|bloggers?|guests?))\b[^.]{0,60}?\b(?:(?:do|does) not "
    r"necessarily|(?:are|is) (?:solely |entirely )?(?:those of|(?:their|his|her|the author(?:['’]s)?|"
    r"the authors['’]|the writer(?:['’]s)?) own))|"
    r"\bthis (?:article|story|post|piece) (?:was|is|has been) (?:originally |first )?"
    r"(?:published|republished|reproduced|adapted)\b)"
    r"|\s\|\s|^\W*\d{1,2}[:.]\d{2}\b|^\W*(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,? \d{1,2}\b",
    re.IGNORECASE)


def is_furniture(text: str, title: str | None) -> bool:
    """Page furniture rather than article text, or the headline again: a prompt, a caption
    or credit, a link, a date or tag line, or a line that ends in no sentence end (a
    headline, a standfirst or a related-story link that the page set as a paragraph)."""
    return furniture_line(text, headline_key(title) if title else None)


def page_line(text: str) -> bool:
    """A line the page sets around the article whose names are no actors or keywords of
    the story: a byline, a credit, a tag or date line (``PAGE_LINE_RE``). Narrower than
    ``is_furniture``: a caption, a "(Reuters) -" dateline, a line without a sentence end (a
    results table's "Aarhus 3 Odense 2") still name what the article is about."""
    return bool(PAGE_LINE_RE.search(text))


def furniture_line(text: str, headline: str | None) -> bool:
    """``is_furniture`` given the headline already normalised (``headline_key``)."""
    if FURNITURE_RE.search(text) or not TERMINAL_RE.search(text):
        return True
    return headline is not None and headline_key(text) == headline


NORM_RE = re.compile(r"[^\w\s]")


def headline_key(text: str) -> str:
    """A line as compared with the headline: lower case, punctuation gone."""
    return " ".join(NORM_RE.sub(" ", text.lower()).split())
