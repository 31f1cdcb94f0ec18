"""A source's headline less what its page adds, and the people its byline names: a row for
every case found, and rows that must not change."""

from __future__ import annotations

import pytest

from policybrief.brief.mastheads import authors_of, clean_headline
from policybrief.models import Article
from policybrief.pipeline import brief_article


@pytest.mark.parametrize(("title", "site", "expected"), [
    # a section label and a trailing publisher go; nothing is rewritten
    ("Opinion | The Fed is wrong about rates - The New York Times", None,
     "The Fed is wrong about rates"),
    ("Analysis: Why the Fed is wrong about rates", None, "Why the Fed is wrong about rates"),
    ("OPINION: The Fed is wrong about rates", None, "The Fed is wrong about rates"),
    ("Comment | Labour must find its voice", None, "Labour must find its voice"),
    ("Editorial - A budget that fails the young", None, "A budget that fails the young"),
    ("Live: Ukraine war latest as talks resume", None, "Ukraine war latest as talks resume"),
    # a leading publisher goes before a capitalised headline
    ("Yonhap News Agency - Seoul stocks close higher on chip gains", None,
     "Seoul stocks close higher on chip gains"),
    ("Yonhap News Agency - Seoul Stocks Rise", None, "Seoul Stocks Rise"),
    ("The Policy Review | Budget row deepens", "The Policy Review", "Budget row deepens"),
    ("Seoul stocks close higher - Yonhap News Agency", None, "Seoul stocks close higher"),
    ("Flood defences fail in York - BBC News", None, "Flood defences fail in York"),
    ("Flood defences fail in York - bbc.co.uk", None, "Flood defences fail in York"),
    # several parts survive with their own separators
    ("Bonds | Why yields rise - BBC News", None, "Bonds | Why yields rise"),
    ("Comment | Labour | Why it lost - The Guardian", None, "Labour | Why it lost"),
    # existing behaviour
    ("Trump's tariffs hit allies | CNN Politics", None, "Trump's tariffs hit allies"),
    ("S. Korea, US hold talks - Yonhap", None, "S. Korea, US hold talks"),
    ("Bus fares rise » Local", None, "Bus fares rise"),
    ("Budget row deepens - The Policy Review", "The Policy Review", "Budget row deepens"),
    # must not change: a headline's own phrase before a dash or colon, a label that is the
    # headline's first word, a topic that ends on no publisher's word
    ("Brexit - what happens next", None, "Brexit - what happens next"),
    ("Fake News - why it matters", None, "Fake News - why it matters"),
    ("Post Office - Workers strike over pay", None, "Post Office - Workers strike over pay"),
    ("Spending review: what it means for you", None, "Spending review: what it means for you"),
    ("Opinion polls put Labour ahead", None, "Opinion polls put Labour ahead"),
    ("Live-streaming boom hits cinemas", None, "Live-streaming boom hits cinemas"),
    ("Opinion: Wrong", None, "Opinion: Wrong"),
    ("Ministers reject pay offer", None, "Ministers reject pay offer"),
    ("Nurses strike - BBC News", None, "Nurses strike"),
])
def test_a_headline_loses_the_label_and_the_site_its_page_adds(title: str, site: str | None,
                                                               expected: str) -> None:
    assert clean_headline(title, site) == expected


@pytest.mark.parametrize(("byline", "site", "expected"), [
    # a publisher alone names no one
    ("BBC News", None, ()),
    ("AFP", None, ()),
    ("Reuters", None, ()),
    ("Staff and agencies", None, ()),
    ("Guardian staff reporter", None, ()),
    ("Daily Planet", "Daily Planet", ()),
    # an outlet or a job beside the name goes
    ("Jane Doe | Bloomberg", None, ("Jane Doe",)),
    ("Bloomberg | Jane Doe", None, ("Jane Doe",)),
    ("Jane Doe - Reuters", None, ("Jane Doe",)),
    ("Jane Doe, Political Editor", None, ("Jane Doe",)),
    ("By Tom Bennett, Political Editor", None, ("Tom Bennett",)),
    ("Jane Doe, professor of economics at Yale", None, ("Jane Doe",)),
    ("Condé Nast; Tom Bennett", None, ("Tom Bennett",)),
    ("Daily Planet Media; Ana Ruiz", None, ("Ana Ruiz",)),
    # "Surname, Given" is one person; two full names are two
    ("Smith, John", None, ("John Smith",)),
    ("Smith, J.", None, ("J. Smith",)),
    ("Jane Doe, John Smith", None, ("Jane Doe", "John Smith")),
    ("Smith, Jones", None, ("Smith", "Jones")),
    # several authors as a list
    ("By Jane Doe and John Smith", None, ("Jane Doe", "John Smith")),
    ("By Ana Ruiz and Li Wei", None, ("Ana Ruiz", "Li Wei")),
    ("Ana Ruiz & Li Wei; Ana Ruiz", None, ("Ana Ruiz", "Li Wei")),
    # must not change
    ("Masahiro Matsumura", None, ("Masahiro Matsumura",)),
    ("Ursula von der Leyen", None, ("Ursula von der Leyen",)),
    ("jane doe", None, ("jane doe",)),
    ("山田太郎", None, ("山田太郎",)),
    ("Madonna", None, ("Madonna",)),
    (None, None, ()),
    ("", None, ()),
])
def test_a_byline_names_its_people_without_publisher_or_job(
        byline: str | None, site: str | None, expected: tuple[str, ...]) -> None:
    assert authors_of(byline, site) == expected


def test_a_brief_carries_the_cleaned_headline_and_the_people() -> None:
    paragraphs = ("The central bank held its main rate at 5.25 percent on Wednesday, saying "
                  "inflation was still too high to cut.",
                  "Markets had expected the decision, and bond yields barely moved.")
    made = brief_article(Article(
        source="fed.html", paragraphs=paragraphs, site="The New York Times",
        title="Opinion | The Fed is wrong about rates - The New York Times",
        author="By Jane Doe and John Smith"))
    assert made.title == "The Fed is wrong about rates"
    assert made.authors == ("Jane Doe", "John Smith")
    assert made.author == "Jane Doe, John Smith"
