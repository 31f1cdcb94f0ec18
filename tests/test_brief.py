"""The brief: verbatim sentences, recommendations, actors, key phrases, title and JSON fields."""

from __future__ import annotations

import json

import pytest

from policybrief.brief import recommendations, slugify
from policybrief.models import Article, Budget, PolicyBrief, Sentence
from policybrief.pipeline import Failure, brief_article, brief_articles
from policybrief.render import brief_json, brief_markdown
from policybrief.segment import split_articles


def _normalised(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def seed_briefs(seed_text: str) -> list[PolicyBrief]:
    briefs = [brief_article(a) for a in split_articles(seed_text, "seeds/seed.txt")]
    assert all(isinstance(b, PolicyBrief) for b in briefs)
    return briefs  # type: ignore[return-value]


def test_every_sentence_is_verbatim_from_its_article(seed_text: str, seed_briefs) -> None:
    source = _normalised(seed_text)
    for brief in seed_briefs:
        quoted = [brief.bottom_line] + [p.text for p in brief.key_points + brief.recommendations]
        for text in quoted:
            assert text in source


def test_the_op_ed_brief(seed_briefs) -> None:
    oped = seed_briefs[0]
    assert oped.author == "Masahiro Matsumura"
    assert not oped.excerpt
    assert oped.title == "Taiwan should prioritize export control"  # made from its thesis
    assert oped.title_made and oped.authors == ("Masahiro Matsumura",)
    assert len(oped.key_points) == 3
    assert all(p.paragraph >= 1 for p in oped.key_points)
    assert (
        "Therefore, Taiwan should take advantage of this window of opportunity and approach "
        "export control regimes vigorously."
    ) in [p.text for p in oped.recommendations]
    names = {(a.name, a.kind) for a in oped.actors}
    assert {("Taiwan", "country"), ("China", "country"), ("North Korea", "country")} <= names
    assert "international export control regimes" in oped.keywords
    assert not any("Matsumura" in p.text for p in oped.key_points)  # the bio is no summary
    assert oped.reading_minutes == round(oped.word_count / 230)


def test_the_teasers_are_excerpts_quoting_no_cut_sentence(seed_briefs) -> None:
    for brief in seed_briefs[1:]:
        assert brief.excerpt
        assert brief.author is None
        for text in [brief.bottom_line, *(p.text for p in brief.key_points)]:
            assert text.rstrip('”"’)')[-1] in ".!?…"


def test_actors_in_a_teaser(seed_briefs) -> None:
    people = {a.name for a in seed_briefs[4].actors if a.kind == "person"}
    assert {"Donald Trump", "Marco Rubio", "Pete Hegseth"} <= people
    assert ("J.W. Kuo", "person") in {(a.name, a.kind) for a in seed_briefs[2].actors}


def test_json_has_the_documented_fields(seed_briefs) -> None:
    data = json.loads(brief_json(seed_briefs[0]))
    for key in (
        "title",
        "author",
        "source",
        "excerpt",
        "word_count",
        "reading_minutes",
        "bottom_line",
        "key_points",
        "recommendations",
        "actors",
        "keywords",
        "method",
    ):
        assert key in data
    assert set(data["key_points"][0]) == {"text", "paragraph"}
    assert set(data["actors"][0]) == {"name", "kind", "count", "role"}


def test_markdown_cites_paragraphs_and_marks_excerpts(seed_briefs) -> None:
    text = brief_markdown(seed_briefs[0])
    assert text.startswith("# Taiwan should prioritize export control\n")
    cited = [f"(¶{point.paragraph})" for point in seed_briefs[0].key_points]
    assert cited and all(mark in text for mark in cited) and "*By Masahiro Matsumura*" in text
    assert "Excerpt" in brief_markdown(seed_briefs[1])


def test_markup_in_articles_stays_text() -> None:
    article = Article(
        source="x.txt",
        paragraphs=(
            "The memo said <script>alert(1)</script> twice. Officials denied {{ 7*7 }} claims.",
            "A third sentence follows here. A fourth one too.",
        ),
    )
    brief = brief_article(article, budget=Budget(sentences=4))
    assert isinstance(brief, PolicyBrief)
    text = brief_markdown(brief)
    assert "<script>" not in text and r"\<script\>alert(1)\</script\>" in text
    assert "{{ 7\\*7 }}" in text or "{{ 7*7 }}" in text
    assert "49" not in text


def test_recommendations_prefer_should_and_skip_speculation() -> None:
    sentences = [
        Sentence("It must have been a mistake.", 1, 0),
        Sentence("The agency has to file reports.", 1, 1),
        Sentence("Should we worry?", 2, 2),
        Sentence("Lawmakers should fund the program.", 2, 3),
    ]
    assert [p.text for p in recommendations(sentences)] == [  # strongest first
        "Lawmakers should fund the program.",
        "The agency has to file reports.",
    ]


def test_an_article_with_no_complete_sentence_fails_with_a_clear_message() -> None:
    result = brief_article(Article(source="none.txt", paragraphs=("Only words and no end here",)))
    assert isinstance(result, Failure)
    assert "none.txt" in result.message and "holds no complete sentence" in result.message
    one = brief_article(Article(source="one.txt", paragraphs=("Only one sentence here.",)))
    assert isinstance(one, PolicyBrief) and one.bottom_line == "Only one sentence here."


def test_a_chunk_is_briefed_as_each_article_alone_with_failures_in_place(seed_text: str) -> None:
    """``brief_articles`` ranks a chunk as one batch: the briefs are those of one article at
    a time, and a failed article (or one that failed earlier) keeps its place."""
    articles = split_articles(seed_text, "seeds/seed.txt")
    short = Article(source="none.txt", paragraphs=("Only words and no end here",))
    earlier = Failure("gone.txt", "gone.txt: no such file")
    chunk = [articles[0], short, earlier, *articles[1:]]
    briefs = brief_articles(chunk)
    assert briefs[2] is earlier
    assert isinstance(briefs[1], Failure) and "no complete sentence" in briefs[1].message
    assert briefs[:2] + briefs[3:] == [brief_article(a) for a in [articles[0], short, *articles[1:]]]


def test_an_unknown_method_fails_each_article_with_the_choices(seed_text: str) -> None:
    articles = split_articles(seed_text, "seeds/seed.txt")[:2]
    results = brief_articles(articles, method="nope")
    assert all(isinstance(r, Failure) and "unknown method 'nope'" in r.message for r in results)
    assert "choose one of: default" in results[0].message


def test_slugs_are_stable_ascii() -> None:
    assert slugify("Taiwan and “export” control — 2025!") == "taiwan-and-export-control-2025"


def _actors(*texts: str) -> dict[str, tuple[str, int]]:
    from policybrief.brief.actors import find_actors
    from policybrief.models import Sentence

    found = find_actors([Sentence(text, 1, i) for i, text in enumerate(texts)])
    return {a.name: (a.kind, a.count) for a in found}


def test_an_acronym_in_brackets_is_the_short_name_of_the_actor_before_it() -> None:
    actors = _actors(
        "Taiwan Semiconductor Manufacturing Co (TSMC) and Intel Corp met.",
        "Analysts said TSMC would gain.",
        "Taiwan Semiconductor Manufacturing Co’s (TSMC) board met in the US.",
    )
    assert actors["Taiwan Semiconductor Manufacturing Co (TSMC)"] == ("company", 3)
    assert "TSMC" not in actors


def test_a_bracketed_acronym_after_a_person_or_country_is_no_alias() -> None:
    actors = _actors("The United States (US) and Joe Bloggs (JB) spoke.", "The US agreed.")
    assert actors["United States"] == ("country", 2)
    assert not any("(" in name for name in actors)


def test_an_official_name_holding_a_list_stays_whole() -> None:
    actors = _actors("The Ministry of Economy, Trade and Industry acted in 1989.")
    assert "Ministry of Economy, Trade and Industry" in actors
    # a list of countries after a ministry is not part of its name
    actors = _actors("The Ministry of Defence, Britain and France agreed on it.")
    assert "Ministry of Defence" in actors and not any("Britain" in name for name in actors
                                                       if name != "Britain")
    assert actors["Britain"][0] == actors["France"][0] == "country"  # each an actor alone


def test_teaser_headline_is_made_from_its_lede(seed_briefs) -> None:
    assert seed_briefs[1].title.startswith("Trying to force partnership between")
    assert seed_briefs[1].title_made and " and " not in seed_briefs[1].title


def test_a_negated_phrase_is_no_key_phrase() -> None:
    from policybrief.brief.keyphrases import key_phrases

    phrases = key_phrases([
        "The department removed the phrase “we do not support Taiwan independence” from the sheet.",
        "Officials never confirmed military aid packages.",
        "Military aid packages were discussed again.",
    ])
    assert "support Taiwan independence" not in phrases
    assert "military aid packages" in [p.lower() for p in phrases]  # counted when not negated


def test_actors_merge_surnames_and_drop_sentence_initial_junk() -> None:
    from policybrief.brief.actors import find_actors

    texts = [
        "Gordon Brown met union leaders in Glasgow on Monday.",
        "In Albania the talks were followed closely.",
        "Mr Brown said the budget would pass, and Brown's allies agreed.",
        "Tony Blair was not at the meeting near Trump Tower.",
        "Brown later flew to Albania.",
    ]
    actors = {a.name: (a.kind, a.count) for a in find_actors([Sentence(t, i + 1, i)
                                                               for i, t in enumerate(texts)])}
    assert actors["Gordon Brown"] == ("person", 4)  # 'Mr Brown', 'Brown's', 'Brown' count for him
    assert actors["Albania"] == ("country", 2)
    assert "In Albania" not in actors
    assert actors["Trump Tower"][0] == "place"
    assert next(iter(actors)) == "Gordon Brown"  # most mentions first


def test_a_headlined_item_cut_off_mid_sentence_is_briefed_as_an_excerpt() -> None:
    """A roundup's or a feed's snippet: a headline and one lede cut off before its end."""
    lede = ("After four years out of office in the state capital, the party now has a "
            "fair chance of winning a majority in the assembly in next")
    item = brief_article(Article(source="item.txt", paragraphs=(lede,), title="House within reach"))
    assert isinstance(item, PolicyBrief)
    assert item.excerpt and item.bottom_line == lede and item.key_points == ()
    bare = brief_article(Article(source="bare.txt", paragraphs=(lede,)))  # no headline
    assert isinstance(bare, Failure) and "holds no complete sentence" in bare.message
    short = brief_article(Article(source="s.txt", paragraphs=("Only words and no",), title="A"))
    assert isinstance(short, Failure)


def test_a_country_is_named_as_the_article_writes_it() -> None:
    from policybrief.brief.actors import find_actors
    from policybrief.segment import segment

    paragraphs = ("Gordon Brown, the chancellor, flew to Paris for the talks.",
                  "Mr Brown said the US would act before Britain did, and the US agreed.",
                  "The British delegation stayed on.")
    actors = {a.name: (a.kind, a.count) for a in
              find_actors(segment(Article(source="x.txt", paragraphs=paragraphs)).sentences)}
    assert actors["US"] == ("country", 2)
    assert actors["Britain"] == ("country", 2)  # "British" counts, but the name is the article's
    assert actors["Gordon Brown"] == ("person", 2)


def test_the_markdown_brief_says_a_recommendation_once() -> None:
    """A call quoted as the bottom line or a key point is not listed again under
    Recommendations (the JSON keeps the lists whole)."""
    from dataclasses import replace

    from policybrief.models import Point

    base = brief_article(Article(source="o.txt", paragraphs=(
        "The city has argued about heating for a decade.",
        "Landlords should insulate the flats they rent before winter.",
        "The council must publish its audit of the scheme.",
    )))
    shared = Point("Landlords should insulate the flats they rent before winter.", 2)
    other = Point("The council must publish its audit of the scheme.", 3)
    both = replace(base, bottom_line="The city has argued about heating for a decade.",
                   key_points=(shared,), recommendations=(shared, other))
    text = brief_markdown(both)
    assert text.count(shared.text) == 1 and other.text in text.split("## Recommendations")[1]
    only = brief_markdown(replace(both, recommendations=(shared,)))
    assert "## Recommendations" not in only and only.count(shared.text) == 1
    thesis = brief_markdown(replace(both, bottom_line=other.text, key_points=()))
    assert thesis.count(other.text) == 1 and shared.text in thesis.split("## Recommendations")[1]
