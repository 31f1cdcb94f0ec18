"""Stories, sections, summaries across articles, the top line and news value (issue 18)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from policybrief.digest import Taxonomy, assemble
from policybrief.digest.sections import default_taxonomy, section_of
from policybrief.errors import UsageError
from policybrief.models import Article, PolicyBrief
from policybrief.pipeline import Options, brief_article, build_digest
from policybrief.render.digest import render_digest

WHEN = datetime(2025, 3, 7, 8, 30, tzinfo=UTC)

BORDER_A = (
    "The Home Office announced on Monday that asylum seekers arriving by small boat will be "
    "held in former army barracks while their claims are heard.",
    "Refugee charities said the barracks were unfit for families. The Home Secretary said the "
    "plan would cut the cost of hotels by 40 million pounds a year.",
    "Officials expect the first migrants to move in within weeks.",
)
BORDER_B = (
    "Asylum seekers who cross the Channel by small boat are to be housed in disused army "
    "barracks, the Home Office said, as it tries to cut its hotel bill.",
    "The Home Secretary told MPs the barracks would save 40 million pounds a year. Charities "
    "for refugees warned that the sites were unsuitable for children.",
)
VACCINE = (
    "Hospitals in the north will offer a new vaccine against respiratory virus to patients "
    "over 75 from next month, health officials said.",
    "Doctors hope the vaccine will ease pressure on hospital wards in winter.",
)
GARDEN = (
    "A village show in Kent awarded its prize for the largest marrow to a retired teacher for "
    "the third year running.",
    "The marrow weighed more than twenty kilograms, organisers said.",
)


def make(paragraphs: tuple[str, ...], source: str, title: str) -> PolicyBrief:
    result = brief_article(Article(source=source, paragraphs=paragraphs, title=title))
    assert isinstance(result, PolicyBrief), result
    return result


@pytest.fixture(scope="module")
def briefs() -> list[PolicyBrief]:
    return [
        make(GARDEN, "garden.txt", "Giant marrow wins again"),
        make(VACCINE, "vaccine.txt", "Over-75s to be offered new vaccine"),
        make(BORDER_A, "https://a.example/asylum", "Asylum seekers to be housed in barracks"),
        make(BORDER_B, "https://b.example/barracks", "Small boat arrivals to go to army barracks"),
    ]


def test_stories_stand_in_sections_of_the_taxonomy(briefs: list[PolicyBrief]) -> None:
    digest = assemble(briefs, generated_at=WHEN)
    by_label = {s.label: s for s in digest.stories}
    asylum = next(s for s in digest.stories if s.count == 2)
    assert asylum.section == "Immigration" and asylum.outlets == 2
    assert by_label["Over-75s to be offered new vaccine"].section == "Health"
    assert by_label["Giant marrow wins again"].section == "Other news"
    assert [sec.name for sec in digest.sections][-1] == "Other news"  # other news comes last
    assert digest.sections[0].stories[0] is asylum  # two outlets and a ministry acting lead


def test_a_story_summary_is_drawn_across_its_articles_without_repeats(
        briefs: list[PolicyBrief]) -> None:
    digest = assemble(briefs, generated_at=WHEN)
    asylum = next(s for s in digest.stories if s.count == 2)
    texts = [line.text for line in asylum.summary]
    assert 2 <= len(texts) <= 3 and len(set(texts)) == len(texts)
    whole = {b.slug: b for b in briefs}  # the briefs before the digest cut their points
    for line in asylum.summary:  # each verbatim from the brief it cites
        brief = whole[digest.briefs[line.number - 1].slug]
        assert line.slug == brief.slug
        assert line.text in {brief.bottom_line, *(p.text for p in brief.key_points)}
    assert len({line.number for line in asylum.summary}) == 2  # from both outlets


def test_the_top_line_gives_one_line_per_story_most_newsworthy_first(
        briefs: list[PolicyBrief]) -> None:
    digest = assemble(briefs, generated_at=WHEN)
    assert [line.story_slug for line in digest.top_line] == [s.slug for s in sorted(
        digest.stories, key=lambda s: -s.importance)]
    assert digest.top_line[0].story_slug == digest.sections[0].stories[0].slug


def test_nothing_is_said_twice_in_the_markdown(briefs: list[PolicyBrief]) -> None:
    text = render_digest(assemble(briefs, generated_at=WHEN), "md")
    digest = assemble(briefs, generated_at=WHEN)
    for b in digest.briefs:
        for sentence in {b.bottom_line, *(p.text for p in b.key_points)}:
            assert text.count(sentence.replace(".", "\\.")[:40]) <= 1 or text.count(sentence[:40]) <= 1


def test_recommendations_do_not_make_a_story_news(briefs: list[PolicyBrief]) -> None:
    from dataclasses import replace

    from policybrief.models import Point

    garden = replace(briefs[0], recommendations=tuple(
        Point(f"The council should fund shows {i}.", 1) for i in range(4)))
    plain = assemble([briefs[0], briefs[1]], generated_at=WHEN)
    pushed = assemble([garden, briefs[1]], generated_at=WHEN)
    value = {s.label: s.importance for s in plain.stories}
    assert {s.label: s.importance for s in pushed.stories} == value


def test_a_user_sections_file_replaces_the_taxonomy(briefs: list[PolicyBrief], tmp_path: Path
                                                    ) -> None:
    mine = Taxonomy.from_toml('other = "Elsewhere"\nmin_hits = 1\n'
                              '[[section]]\nname = "Gardens"\nkeywords = ["marrow", "village show"]\n')
    digest = assemble(briefs, generated_at=WHEN, taxonomy=mine)
    assert [sec.name for sec in digest.sections] == ["Gardens", "Elsewhere"]
    assert section_of([briefs[0]], mine) == "Gardens"
    assert section_of([briefs[0]], default_taxonomy()) == "Other news"
    path = tmp_path / "bad.toml"
    path.write_text('[[section]]\nname = "X"\nwords = ["a"]\n', encoding="utf-8")
    with pytest.raises(UsageError, match="exactly a name and keywords"):
        build_digest([str(tmp_path)], sections=path)
    with pytest.raises(UsageError, match="unknown key 'colour'"):
        Taxonomy.from_toml('colour = "red"\n[[section]]\nname = "X"\nkeywords = []\n')


def test_why_it_matters_is_a_figure_or_consequence_said_once(briefs: list[PolicyBrief]) -> None:
    digest = assemble(briefs, generated_at=WHEN)
    asylum = next(line for line in digest.top_line if "barracks" in line.story.lower())
    assert "40 million pounds" in asylum.why and asylum.why_number in (1, 2)
    text = render_digest(digest, "md")
    assert text.count("40 million pounds a year") == 1  # the top line's, not again below


def test_beyond_the_first_stories_the_rest_are_one_line_each(
        briefs: list[PolicyBrief], monkeypatch: pytest.MonkeyPatch) -> None:
    from policybrief.digest import length

    monkeypatch.setattr(length, "FULL_STORIES", 1)
    digest = assemble(briefs, generated_at=WHEN)
    full = [s for s in digest.stories if s.full]
    assert len(full) == 1 and full[0].importance == max(s.importance for s in digest.stories)
    for story in digest.stories:
        if not story.full:
            assert all(b.key_points == () and b.recommendations == () for b in story.briefs)
    html = render_digest(digest, "html")
    assert html.count('class="line') == len(digest.stories) - 1
    md = render_digest(digest, "md")
    assert "[4] Giant marrow wins again" in md or "Giant marrow wins again —" in md


def test_a_story_continuing_one_of_the_previous_digest_is_an_update(
        briefs: list[PolicyBrief], tmp_path: Path) -> None:
    import json

    from policybrief.digest import earlier_from_data

    first = assemble(briefs[:3], generated_at=WHEN)  # garden, vaccine, one asylum article
    assert not any(s.update for s in first.stories)  # the first digest has none
    data = json.loads(render_digest(first, "json"))
    earlier = earlier_from_data(data)
    second = assemble(briefs[1:], generated_at=WHEN, earlier=earlier)
    asylum = next(s for s in second.stories if s.count == 2)
    vaccine = next(s for s in second.stories if "vaccine" in s.label)
    assert asylum.update == "Asylum seekers to be housed in barracks" and asylum.new_articles == 1
    assert vaccine.update and vaccine.new_articles == 0
    assert second.stories[0] is asylum  # an update with news beats one with none
    new = [line.text for line in asylum.summary]
    assert new[0] not in earlier.said  # what is new comes first
    line = next(x for x in second.top_line if x.story_slug == asylum.slug)
    assert line.update and all("(update)" in render_digest(second, f) for f in ("md", "txt", "html"))
    assert "1 new article since the last digest" in render_digest(second, "txt")
    story = json.loads(render_digest(second, "json"))["stories"][0]
    assert story["update"] == asylum.update and story["new_articles"] == 1
    bad = tmp_path / "bad.json"
    bad.write_text('{"title": "not a digest"}', encoding="utf-8")
    with pytest.raises(UsageError, match="not a JSON digest"):
        build_digest([str(tmp_path)], previous=bad)


def test_a_previous_digest_that_cannot_be_read_is_warned_about_not_fatal() -> None:
    """The mail cycle hands build_digest the last digest's JSON from its state file; a
    damaged one leaves the digest without updates and says so."""
    seeds = str(Path(__file__).resolve().parent.parent / "seeds")
    said: list[str] = []
    digest, failures = build_digest([seeds], Options(workers=1), warn=said.append,
                                    previous_json='{"schema": "not a digest"')
    assert not failures and digest.briefs
    assert not any(s.update for s in digest.stories)
    assert len(said) == 1 and "previous digest could not be read" in said[0]
