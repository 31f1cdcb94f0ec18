"""Segmentation: the splitting table, paragraphs, and articles found in one input."""

from __future__ import annotations

import pytest

from policybrief.pipeline import brief_article
from policybrief.segment import (
    bio_author,
    is_cut_off,
    paragraphs_of,
    segment,
    split_articles,
    split_sentences,
)

# One row per case, and a row for every bug found.
SPLITTING = [
    ("Mr. Smith arrived. He left.", ["Mr. Smith arrived.", "He left."]),
    ("Dr. Jones spoke. Ms. Lee replied.", ["Dr. Jones spoke.", "Ms. Lee replied."]),
    ("The U.S. government agreed. Talks resume.", ["The U.S. government agreed.", "Talks resume."]),
    ("In the U.S. they do. Others don't.", ["In the U.S. they do.", "Others don't."]),
    (
        "It happened on Jan. 5 in Taipei. Then it rained.",
        ["It happened on Jan. 5 in Taipei.", "Then it rained."],
    ),
    ("Toshiba Machine Co. sold tools. It was fined.", ["Toshiba Machine Co. sold tools.", "It was fined."]),
    ("He works at Apple Inc. The firm grew.", ["He works at Apple Inc.", "The firm grew."]),
    (
        "She lives at No. 10 Downing St. and works there. It is old.",
        ["She lives at No. 10 Downing St. and works there.", "It is old."],
    ),
    ("Growth was 3.5 per cent. Inflation fell.", ["Growth was 3.5 per cent.", "Inflation fell."]),
    ("Profits rose to $1.13bn. Sales fell.", ["Profits rose to $1.13bn.", "Sales fell."]),
    (
        "Minister J.W. Kuo (郭智輝) sent two officials. They left.",
        ["Minister J.W. Kuo (郭智輝) sent two officials.", "They left."],
    ),
    (
        "President Tsai Ing-wen (蔡英文) found it. Taiwan acted.",
        ["President Tsai Ing-wen (蔡英文) found it.", "Taiwan acted."],
    ),
    ('He said so. "Really?" she asked.', ["He said so.", '"Really?" she asked.']),
    (
        "It said “we do not support it.” This shows a change.",
        ["It said “we do not support it.”", "This shows a change."],
    ),
    ("He paused... Then he left.", ["He paused...", "Then he left."]),
    (
        "The rate was 3.5 per cent. Minister J.W. Kuo said so.",
        ["The rate was 3.5 per cent.", "Minister J.W. Kuo said so."],
    ),
    ("Is it realistic? Nobody knows.", ["Is it realistic?", "Nobody knows."]),
    # an abbreviated title before a name ends no sentence, plural or stacked
    ("Sens. Ron Hadley and Joan Pruitt met. Lt. Gov. Dana Kerr and Cpl. Ann Lee agreed.",
     ["Sens. Ron Hadley and Joan Pruitt met.", "Lt. Gov. Dana Kerr and Cpl. Ann Lee agreed."]),
    # ... but in small letters the word ends a sentence
    ("The company hired 200 sales reps. It also opened an office.",
     ["The company hired 200 sales reps.", "It also opened an office."]),
    ("Apples, pears, etc. are sold here.", ["Apples, pears, etc. are sold here."]),
    ("Sales rose in 2004. The firm grew 11. Then (in 2005) it fell.",
     ["Sales rose in 2004.", "The firm grew 11.", "Then (in 2005) it fell."]),
    ("1. The city will raise parking charges.", ["1. The city will raise parking charges."]),
    # a short quotation cut by the splitter is one sentence with the text that quotes it
    ("North Dakota says, 'Smog. We're On It,' and Twitter asks why.",
     ["North Dakota says, 'Smog. We're On It,' and Twitter asks why."]),
    ('"We will fight. We will win," he said. Then he left.',
     ['"We will fight. We will win," he said.', "Then he left."]),
    ("The slogan “Smog. We’re on it” went viral. It worked.",
     ["The slogan “Smog. We’re on it” went viral.", "It worked."]),
    ("The tagline? \"Smog. We're on it.\" Kerr launched it.",
     ["The tagline?", "\"Smog. We're on it.\"", "Kerr launched it."]),
    # joined verbatim: no space where the splitter cut before a closing mark
    ("The slogan, “Smog. We’re on it.”, drew ridicule.",
     ["The slogan, “Smog. We’re on it.”, drew ridicule."]),
    # a bracket or comma after an abbreviation goes on with its sentence, verbatim
    ("It threatened Rep. Ana Ruiz (D-Minn.), the office said. He left.",
     ["It threatened Rep. Ana Ruiz (D-Minn.), the office said.", "He left."]),
    ("She met Gov. Kerr (R-Ind.), who declined. It ended.",
     ["She met Gov. Kerr (R-Ind.), who declined.", "It ended."]),
    ('They shouted "Stop it now!" , and ran. It ended.',
     ['They shouted "Stop it now!" , and ran.', "It ended."]),
    # an apostrophe is no quotation; a quotation never closed is left as cut
    ("The voters' rights matter. He left.", ["The voters' rights matter.", "He left."]),
    ('He said: "This is long. It goes on. And on.',
     ['He said: "This is long.', "It goes on.", "And on."]),
]


@pytest.mark.parametrize(("text", "expected"), SPLITTING, ids=[row[0][:30] for row in SPLITTING])
def test_splitting_table(text: str, expected: list[str]) -> None:
    assert list(split_sentences(text)) == expected


def test_sentences_are_verbatim_with_whitespace_normalised() -> None:
    assert split_sentences("One  sentence\there.   Another\n one.") == ("One sentence here.", "Another one.")


def test_paragraphs_one_per_line_and_by_blank_lines() -> None:
    assert paragraphs_of("First line.\nSecond line.") == ["First line.", "Second line."]
    assert paragraphs_of("A wrapped\nline here.\n\nNext para.") == ["A wrapped line here.", "Next para."]
    # a hard-wrapped line continuing in lower case joins the line before
    assert paragraphs_of("The policy was\ncriticised by many.") == ["The policy was criticised by many."]


def test_seed_holds_five_articles(seed_text: str) -> None:
    articles = split_articles(seed_text, "seed.txt")
    assert len(articles) == 5
    first, *teasers = articles
    assert first.author == "Masahiro Matsumura"
    assert first.bio is not None and first.bio.startswith("Masahiro Matsumura is a professor")
    assert not first.excerpt
    assert all("Matsumura" not in p for p in first.paragraphs)  # the bio is not body text
    assert [a.excerpt for a in teasers] == [True, True, True, True]
    assert [a.part for a in articles] == [1, 2, 3, 4, 5]


def test_excerpt_cut_off_sentence_is_marked_never_whole(seed_text: str) -> None:
    for article in split_articles(seed_text, "seed.txt")[1:]:
        document = segment(article)
        last = document.sentences[-1]
        assert last.truncated
        assert not any(s.truncated for s in document.sentences[:-1])
    whole = segment(split_articles(seed_text, "seed.txt")[0])
    assert not any(s.truncated for s in whole.sentences)


def test_separator_lines_form_feeds_and_headings_split_articles() -> None:
    text = (
        "# Trade talks stall\n\nThe talks stalled on Monday. Both sides blamed each other.\n"
        "---\nA second article starts here. It has two sentences.\n"
        "\fA third one follows. It also has two.\n"
        "## Climate pact\nNations signed a pact. It takes effect next year.\n"
    )
    articles = split_articles(text, "many.md")
    assert [a.title for a in articles] == ["Trade talks stall", None, None, "Climate pact"]
    assert articles[1].paragraphs == ("A second article starts here. It has two sentences.",)
    assert len(articles) == 4


def test_a_file_with_one_article_stays_one() -> None:
    text = "\n\n".join(
        f"Paragraph {n} makes a point about the budget. It explains the reasons in detail." for n in range(8)
    )
    assert len(split_articles(text, "one.txt")) == 1


def test_a_title_line_and_byline_are_read() -> None:
    text = "Budget cuts loom\nBy Jane Doe\nThe government plans cuts. Critics object."
    (article,) = split_articles(text, "a.txt")
    assert article.title == "Budget cuts loom"
    assert article.author == "Jane Doe"
    assert article.paragraphs == ("The government plans cuts. Critics object.",)


@pytest.mark.parametrize(("byline", "authors"), [
    ("By Jane Doe and John Smith", ("Jane Doe", "John Smith")),
    ("By Tom Bennett, Political Editor.", ("Tom Bennett",)),
    ("By Ursula von der Leyen", ("Ursula von der Leyen",)),
])
def test_a_byline_of_several_names_or_with_a_job_is_read(byline: str, authors: tuple[str, ...]) -> None:
    text = f"Budget cuts loom\n{byline}\nThe government plans cuts. Critics object."
    (article,) = split_articles(text, "a.txt")
    assert article.paragraphs == ("The government plans cuts. Critics object.",)
    assert brief_article(article).authors == authors
    (sentence,) = split_articles("Budget cuts loom\nBy March, Labour was ahead in the polls. "
                                 "Critics object.", "b.txt")
    assert sentence.author is None and sentence.paragraphs[0].startswith("By March")


@pytest.mark.parametrize(
    ("line", "author"),
    [
        (
            "Masahiro Matsumura is a professor of international politics at St Andrew’s University.",
            "Masahiro Matsumura",
        ),
        ("Jane Q Public is a senior fellow at the Example Institute.", "Jane Q Public"),
        ("Taiwan is a major facilitator of the program.", None),
        ("The minister is a former professor.", None),
    ],
)
def test_bio_lines(line: str, author: str | None) -> None:
    assert bio_author(line) == author


def test_cut_off_detection() -> None:
    assert is_cut_off("Meanwhile, many in Taiwan are concerned about the company. This is especially")
    assert not is_cut_off("A short heading")
    assert not is_cut_off("A complete sentence that ends properly with a full stop here, as expected.")


def test_a_markdown_list_is_not_a_cut_off_teaser() -> None:
    text = (
        "# Budget 2025\n\nThe government presented its budget on Monday. It raises spending.\n\n"
        "- More money for teachers in every region of the country next year\n"
        "- New hospitals in the north and the west of the country soon\n\n"
        "Critics say the plan is unfunded. Borrowing costs will rise.\n\n"
        "1. Lower taxes for small firms that hire young workers this year\n"
    )
    (article,) = split_articles(text, "x.md")
    assert article.title == "Budget 2025" and not article.excerpt


# Tokens that make a boundary ambiguous (abbreviations, initials, numbers, ellipses,
# quotes, URLs): the fast splitter must hand every such piece to nupunkt.
TRICKY = (
    "Mr.", "Dr.", "U.S.", "e.g.", "i.e.", "No.", "St.", "Jan.", "3.5", "$1.2bn.", "...", "…",
    "?!", "etc.", "(see p. 4).", "a.m.", "U.K.", "Inc.", "J. K.", "Gen.", "vs.", '"Yes."',
    "'No!'", "(Really?)", "2004.", "A.", "Ph.D.", "www.bbc.co.uk.", "5%.", "it's.",
    "O'Neill.", "x-ray.", "co-op.", 'said."It', "TV.", "(US).", "1.", "12.",
)


def perturbed_paragraphs(text: str, count: int, seed: int = 3) -> list[str]:
    """Paragraphs of real sentences joined at random, with tricky tokens inserted."""
    import random

    from policybrief.segment import _nupunkt_sentences

    sentences = [s for p in paragraphs_of(text) for s in _nupunkt_sentences(" ".join(p.split()))]
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        words = " ".join(rng.sample(sentences, rng.randint(1, 4))).split()
        for _ in range(rng.randint(0, 4)):
            words.insert(rng.randint(0, len(words)), rng.choice(TRICKY))
        if rng.random() < 0.1:
            words[-1] = words[-1].rstrip(".")
        out.append(" ".join(words))
    return out


def test_fast_splitter_gives_nupunkt_and_repair_output_exactly(seed_text: str) -> None:
    """The fast path cuts only where the repair would and leaves the rest to nupunkt:
    the same sentences, byte for byte, as nupunkt + repair on every paragraph."""
    from policybrief.segment import _nupunkt_sentences, _sentences

    paragraphs = [" ".join(p.split()) for p in paragraphs_of(seed_text)]
    paragraphs += [text for text, _ in SPLITTING]
    paragraphs += perturbed_paragraphs(seed_text, 3000)
    differ = [p for p in paragraphs if _sentences(p) != _nupunkt_sentences(p)]
    assert differ == []


def test_normalise_space_is_split_and_join_for_every_whitespace_character() -> None:
    import sys

    from policybrief.segment import normalise_space

    spaces = [c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace()]
    texts = ["plain words here", " lead", "trail ", "two  spaces", "", " ", "\u200b zero-width: no space"]
    texts += [f"a{c}b" for c in spaces] + [f"{c}a b{c}" for c in spaces] + [f"a {c} b" for c in spaces]
    for text in texts:
        assert normalise_space(text) == " ".join(text.split()), repr(text)


def test_a_number_before_a_capital_is_cut_without_nupunkt() -> None:
    """The fast path cuts after "2004." itself, so such a paragraph needs no nupunkt call."""
    from policybrief.segment import _clear_boundaries

    paragraph = "Sales rose in 2004. The firm grew 11. Then it fell."
    assert [paragraph[:end] for end, _ in _clear_boundaries(paragraph)] == [
        "Sales rose in 2004.", "Sales rose in 2004. The firm grew 11."]


def test_a_number_opening_a_paragraph_is_left_to_nupunkt(seed_text: str) -> None:
    """The fast path leaves a number that opens the paragraph to nupunkt (a numbered list
    item, "1. The city…", is one sentence, not "1." and another), and splits like it."""
    from itertools import pairwise

    from policybrief.segment import _nupunkt_sentences, _sentences

    sentences = [s for p in paragraphs_of(seed_text) for s in _nupunkt_sentences(" ".join(p.split()))]
    for number in ("1.", "2.", "12.", "2004."):
        for first, second in pairwise(sentences):
            paragraph = f"{number} {first} {second}"
            assert _sentences(paragraph) == _nupunkt_sentences(paragraph), paragraph

