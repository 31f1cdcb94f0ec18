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
    # a leading part goes only when surely a publisher's: a site, a domain, a name on a word
    # only publishers end on, before a headline of three words or more
    ("BBC News - Flood defences fail in York", None, "Flood defences fail in York"),
    ("The Wall Street Journal - Fed holds rates steady", None, "Fed holds rates steady"),
    ("bbc.co.uk - Flood defences fail in York", None, "Flood defences fail in York"),
    # must not change: a headline's topic before it, though it ends on a word a publisher's
    # name may end on, and a label before a publisher's name alone
    ("Social Media - Why Teens Are Unhappy", None, "Social Media - Why Teens Are Unhappy"),
    ("Public Radio - Funding Cut By Congress", None, "Public Radio - Funding Cut By Congress"),
    ("Modern Times - Chaplin's masterpiece revisited", None,
     "Modern Times - Chaplin's masterpiece revisited"),
    ("Kids Today - Why Gen Z is different", None, "Kids Today - Why Gen Z is different"),
    ("Mirror, Mirror - The movie", None, "Mirror, Mirror - The movie"),
    ("Review - Global Times", None, "Review - Global Times"),
    ("Fake News - Why It Matters", None, "Fake News - Why It Matters"),
    ("News Agency - Seoul stocks close higher", None, "News Agency - Seoul stocks close higher"),
    ("Freedom of the Press - why it matters", None, "Freedom of the Press - why it matters"),
    ("BBC News - Flood defences", None, "BBC News - Flood defences"),
    ("Social Media - Teens Unhappy Now", None, "Social Media - Teens Unhappy Now"),
    ("Review: Global Times is a fine paper", None, "Global Times is a fine paper"),
    ("Seoul Stocks Rise - Yonhap", None, "Seoul Stocks Rise"),
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
    ("Jane Doe/John Smith", None, ("Jane Doe", "John Smith")),
    # a place, an outlet, an editor's credit after the name goes; the person stays
    ("By Jane Doe in Paris", None, ("Jane Doe",)),
    ("Jane Doe (Reuters)", None, ("Jane Doe",)),
    ("(Jane Doe)", None, ("Jane Doe",)),
    ("Jane Doe/Reuters", None, ("Jane Doe",)),
    ("Jane Doe/AFP", None, ("Jane Doe",)),
    ("Jane Doe for The Times", None, ("Jane Doe",)),
    ("Reporting by Jane Doe; Editing by John Smith", None, ("Jane Doe",)),
    ("Reporting by Jane Doe in Seoul; Additional reporting by Li Wei; Editing by Tom Hogue",
     None, ("Jane Doe", "Li Wei")),
    ("Editing by John Smith", None, ()),
    # a long name with particles is one person; an all-caps byline is one unless a wire's
    ("Juan Carlos de la Fuente y Martinez", None, ("Juan Carlos de la Fuente y Martinez",)),
    ("AOC", None, ("AOC",)),
    ("AP", None, ()),
    ("UPI", None, ()),
    ("CNN", None, ()),
    ("NPR", "National Public Radio", ()),
    ("Jane Doe Smith Brown Jones Green", None, ()),
    # an office after the name is no author
    ("Rishi Sunak, Prime Minister", None, ("Rishi Sunak",)),
    ("Kamala Harris, Vice President", None, ("Kamala Harris",)),
    ("Jane Doe, Chief Executive", None, ("Jane Doe",)),
    ("Jane Doe, Senior Lecturer", None, ("Jane Doe",)),
    ("Jane Doe, Senior Lecturer in Law", None, ("Jane Doe",)),
    ("Jane Doe, Secretary of State for Health", None, ("Jane Doe",)),
    ("Jane Doe, Deputy Governor", None, ("Jane Doe",)),
    ("Jane Doe, Associate Professor", None, ("Jane Doe",)),
    # a word is no person; a name in capitals is written as a name; one person once, the
    # fuller name kept; the site's name run on after the author's goes
    ("Editorial", "The Gazette", ()),
    ("The Editorial Board", "The Gazette", ()),
    ("JANE DOE", None, ("Jane Doe",)),
    ("JANE Q. DOE III", None, ("Jane Q. Doe III",)),
    ("HENRY TUDOR VIII", None, ("Henry Tudor VIII",)),
    ("MAEVE O'NEILL", None, ("Maeve O'Neill",)),
    ("KEVIN MCCARTHY AND ANA DE LA CRUZ", None, ("Kevin McCarthy", "Ana de la Cruz")),
    ("Jane Doe, Jane Q Doe", None, ("Jane Q Doe",)),
    ("Jane Doe and Jane Lee Doe", None, ("Jane Doe", "Jane Lee Doe")),  # maybe two people
    ("Jane Doe Example Gazette", "ExampleGaz", ("Jane Doe",)),
    ("Maria Jose Santa Cruz", "Santa Cruz Sentinel", ("Maria Jose Santa Cruz",)),
    # must not change
    ("Masahiro Matsumura", None, ("Masahiro Matsumura",)),
    ("Ursula von der Leyen", None, ("Ursula von der Leyen",)),
    ("jane doe", None, ("jane doe",)),
    ("山田太郎", None, ("山田太郎",)),
    ("Madonna", None, ("Madonna",)),
    ("Professor Jane Doe", None, ("Professor Jane Doe",)),
    ("John Chancellor", None, ("John Chancellor",)),
    ("Eve Ray # Owned Too", None, ("Eve Ray # Owned Too",)),
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
