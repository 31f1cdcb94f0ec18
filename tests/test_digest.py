"""assemble(): near-duplicates merged, topics grouped, importance order, the top line."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest
from scipy import sparse

from policybrief import terms
from policybrief.digest import Digest, assemble, cluster, cluster_pairs, merge_duplicates
from policybrief.digest.neighbours import similar_pairs
from policybrief.models import Article, Budget, PolicyBrief
from policybrief.pipeline import Options, brief_article, build_briefs

WHEN = datetime(2025, 3, 7, 8, 30, tzinfo=UTC)

CARBON_A = (
    "The European Commission confirmed on Tuesday that its carbon border adjustment "
    "mechanism will begin charging importers of steel, aluminium and cement from January. "
    "Importers will have to buy certificates priced at the level of the EU emissions trading "
    "system for the carbon emitted in making their goods.",
    "Brussels says the carbon border levy protects European steelmakers from rivals in "
    "countries with weaker climate rules. Steel producers in India and Turkey have warned "
    "that the charge will cost them billions of euros in lost exports.",
    "Trade partners have called the mechanism a disguised tariff. India has threatened to "
    "challenge the carbon border levy at the World Trade Organization.",
    "The Commission should publish default emission values for every exporting country "
    "before the charge begins, importers argue.",
)
CARBON_B = (
    "Importers of steel and aluminium into the European Union will pay a carbon charge from "
    "January, the European Commission said, as its carbon border adjustment mechanism moves "
    "from reporting to payment.",
    "The levy, priced in line with the EU emissions trading system, is meant to stop European "
    "steelmakers losing ground to producers in countries with laxer climate rules. Exporters "
    "in India and Turkey say the carbon border charge amounts to a tariff on their steel.",
    "New Delhi has said it may take the carbon border levy to the World Trade Organization. "
    "Smaller importers complain that the certificates and reporting rules are costly.",
)
DROUGHT = (
    "California water officials ordered farmers in the Central Valley to cut groundwater "
    "pumping by a third after a third year of drought drained the state's reservoirs.",
    "Reservoir levels at Lake Oroville and Shasta Lake stand at less than half their "
    "historical average. Almond and pistachio growers say the pumping limits will force them "
    "to leave orchards fallow.",
    "The state water board must enforce the limits consistently, said a coalition of rural "
    "towns whose household wells have run dry. Farm groups plan to sue over the order.",
)
RATES = (
    "Kenya's central bank raised its benchmark interest rate by a full percentage point to "
    "13 percent, its steepest increase in a decade, as inflation climbed above target.",
    "The Central Bank of Kenya said the weak shilling and rising fuel prices had pushed "
    "inflation to 7.9 percent. Economists had expected a smaller rise.",
    "Borrowers and small businesses face higher loan costs as commercial lenders pass on "
    "the increase. The Treasury should cut spending to support the shilling, the bank's "
    "governor said.",
)


def make(paragraphs: tuple[str, ...], source: str, title: str | None = None,
         excerpt: bool = False) -> PolicyBrief:
    result = brief_article(Article(source=source, paragraphs=paragraphs, title=title,
                                   excerpt=excerpt))
    assert isinstance(result, PolicyBrief), result
    return result


@pytest.fixture(scope="module")
def briefs() -> dict[str, PolicyBrief]:
    return {
        "carbon_a": make(CARBON_A, "https://one.example/cbam", "EU carbon border levy to bite"),
        "carbon_b": make(CARBON_B, "https://two.example/eu-carbon",
                         "Importers face EU carbon charge"),
        "drought": make(DROUGHT, "drought.txt", "California curbs groundwater pumping"),
        "rates": make(RATES, "rates.txt", "Kenya raises rates to fight inflation"),
    }


def group_of(digest: Digest, brief: PolicyBrief) -> int:
    return next(i for i, g in enumerate(digest.groups) for b in g.briefs if b.slug == brief.slug)


# --- grouping -----------------------------------------------------------------------------

def test_same_story_lands_in_one_group(briefs: dict[str, PolicyBrief]) -> None:
    digest = assemble(briefs.values(), generated_at=WHEN)
    assert group_of(digest, briefs["carbon_a"]) == group_of(digest, briefs["carbon_b"])


def test_unrelated_articles_do_not_share_a_group(briefs: dict[str, PolicyBrief]) -> None:
    digest = assemble(briefs.values(), generated_at=WHEN)
    groups = {name: group_of(digest, b) for name, b in briefs.items()}
    assert len({groups["carbon_a"], groups["drought"], groups["rates"]}) == 3
    assert len(digest.groups) == 3


def test_a_story_is_labelled_by_one_of_its_own_headlines(briefs: dict[str, PolicyBrief]) -> None:
    digest = assemble(briefs.values(), generated_at=WHEN)
    carbon = digest.stories[group_of(digest, briefs["carbon_a"])]
    assert carbon.label in {"EU carbon border levy to bite", "Importers face EU carbon charge"}
    assert carbon.key_phrases and carbon.slug.startswith("story-")
    assert len({g.slug for g in digest.stories}) == len(digest.stories)
    assert carbon.outlets == 2


def test_multi_article_story_comes_first(briefs: dict[str, PolicyBrief]) -> None:
    digest = assemble([briefs["drought"], briefs["rates"], briefs["carbon_a"],
                       briefs["carbon_b"]], generated_at=WHEN)
    assert digest.groups[0].count == 2


def test_excerpt_ranks_below_full_article_in_its_group(briefs: dict[str, PolicyBrief]) -> None:
    teaser = replace(briefs["carbon_a"], excerpt=True)
    digest = assemble([teaser, briefs["carbon_b"]], generated_at=WHEN)
    assert [b.excerpt for b in digest.briefs] == [False, True]


def test_cluster_is_average_linkage_with_threshold() -> None:
    import numpy as np

    sim = np.array([[1, .9, .1], [.9, 1, .05], [.1, .05, 1]])
    assert cluster(sim, 0.5) == [[0, 1], [2]]
    assert cluster(sim, 0.01) == [[0, 1, 2]]
    assert cluster(sim, 0.95) == [[0], [1], [2]]


# --- near-duplicates ----------------------------------------------------------------------

def test_same_file_twice_appears_once(briefs: dict[str, PolicyBrief]) -> None:
    twice = replace(briefs["drought"], source="copy/drought.txt", sources=("copy/drought.txt",))
    digest = assemble([briefs["drought"], twice, briefs["rates"]], generated_at=WHEN)
    assert digest.count == 2 and digest.merged == 1
    merged = next(b for b in digest.briefs if b.title.startswith("California"))
    assert merged.sources == ("drought.txt", "copy/drought.txt")


def test_same_story_from_two_outlets_appears_once_with_both_sources() -> None:
    edited = (*CARBON_A[:-1], CARBON_A[-1].replace("importers argue", "traders argue"))
    one = make(CARBON_A, "https://one.example/cbam", "EU carbon border levy to bite")
    two = make(edited, "https://wire.example/cbam", "EU carbon levy to bite")
    assert one.content_hash != two.content_hash
    merged, count = merge_duplicates([one, two])
    assert count == 1 and len(merged) == 1
    assert merged[0].sources == ("https://one.example/cbam", "https://wire.example/cbam")


def test_full_article_wins_over_its_excerpt() -> None:
    full = make(CARBON_A, "full.txt", "EU carbon border levy to bite")
    teaser = replace(full, excerpt=True, source="teaser.txt", sources=("teaser.txt",),
                     word_count=60)
    merged, _ = merge_duplicates([teaser, full])
    assert merged[0].excerpt is False
    assert merged[0].sources == ("full.txt", "teaser.txt")


def test_related_but_distinct_stories_are_not_merged(briefs: dict[str, PolicyBrief]) -> None:
    merged, count = merge_duplicates([briefs["carbon_a"], briefs["carbon_b"]])
    assert count == 0 and len(merged) == 2


def test_clashing_slugs_are_made_unique(briefs: dict[str, PolicyBrief]) -> None:
    other = replace(briefs["rates"], slug=briefs["drought"].slug)
    digest = assemble([briefs["drought"], other], generated_at=WHEN)
    assert len({b.slug for b in digest.briefs}) == 2


# --- the top line -------------------------------------------------------------------------

def _overlap(a: str, b: str) -> float:
    sa, sb = set(terms.content_stems(a)), set(terms.content_stems(b))
    return len(sa & sb) / max(1, min(len(sa), len(sb)))


def test_top_line_is_three_to_five_verbatim_cited_sentences(
        briefs: dict[str, PolicyBrief]) -> None:
    digest = assemble(briefs.values(), generated_at=WHEN)
    assert 3 <= len(digest.top_line) <= 5
    for line in digest.top_line:
        cited = digest.briefs[line.number - 1]
        assert cited.slug == line.slug and cited.title == line.title
        assert line.text in [cited.bottom_line, *(p.text for p in cited.key_points)]


def test_top_line_has_no_two_sentences_saying_the_same(briefs: dict[str, PolicyBrief]) -> None:
    digest = assemble(briefs.values(), generated_at=WHEN)
    texts = [line.text for line in digest.top_line]
    assert len(set(texts)) == len(texts)
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            assert _overlap(a, b) < 0.6, (a, b)


def test_top_line_covers_every_story_before_repeating_one(
        briefs: dict[str, PolicyBrief]) -> None:
    digest = assemble(briefs.values(), generated_at=WHEN)
    cited_groups = {group_of(digest, digest.briefs[line.number - 1])
                    for line in digest.top_line}
    assert cited_groups == set(range(len(digest.groups)))


def test_top_line_of_a_single_brief_still_has_three_sentences(
        briefs: dict[str, PolicyBrief]) -> None:
    digest = assemble([briefs["carbon_a"]], generated_at=WHEN)
    assert len(digest.top_line) == 3
    assert {line.number for line in digest.top_line} == {1}


def test_top_line_prefers_sentences_that_stand_alone() -> None:
    paragraphs = (
        "Those plans were dropped. Ministers in Lagos agreed a new fuel subsidy reform "
        "package on Monday, ending petrol price controls from April.",
        "This matters for drivers. Nigeria's fuel importers welcomed the subsidy reform, "
        "which they say will end shortages at petrol stations.",
        "The finance ministry should protect poor households with cash transfers as "
        "petrol prices rise. Transport unions in Lagos and Abuja threatened a strike over "
        "fares.",
    )
    article = Article(source="fuel.txt", paragraphs=paragraphs, title="Nigeria ends subsidy")
    brief = brief_article(article, budget=Budget(sentences=6))
    assert isinstance(brief, PolicyBrief)
    # the brief quotes no sentence that leans on the one before it, so neither can its top line
    assert not any(p.text.startswith(("This", "Those")) for p in brief.key_points)
    assert not brief.bottom_line.startswith(("This", "Those"))
    digest = assemble([brief], generated_at=WHEN)
    assert len(digest.top_line) == 3
    assert not any(line.text.startswith(("This", "Those")) for line in digest.top_line)


# --- the digest value ---------------------------------------------------------------------

def test_digest_exposes_flat_briefs_count_and_sources(briefs: dict[str, PolicyBrief]) -> None:
    digest = assemble(briefs.values(), title="Morning", method="lexrank", generated_at=WHEN,
                      version="9.9")
    assert digest.count == 4 == len(digest.briefs)
    assert digest.briefs == tuple(b for g in digest.groups for b in g.briefs)
    assert [digest.number(b) for b in digest.briefs] == [1, 2, 3, 4]
    assert digest.groups[-1].start + digest.groups[-1].count - 1 == 4
    assert set(digest.sources) == {"https://one.example/cbam", "https://two.example/eu-carbon",
                                   "drought.txt", "rates.txt"}
    assert (digest.title, digest.method, digest.version) == ("Morning", "lexrank", "9.9")
    assert digest.date == "7 March 2025"
    assert digest.generated == "2025-03-07T08:30:00+00:00"


def test_order_is_deterministic(briefs: dict[str, PolicyBrief]) -> None:
    a = assemble(briefs.values(), generated_at=WHEN)
    b = assemble(briefs.values(), generated_at=WHEN)
    assert a == b


def test_empty_digest() -> None:
    digest = assemble([], generated_at=WHEN)
    assert digest.count == 0 and digest.groups == () and digest.top_line == ()


def test_default_generation_time_is_now_and_aware() -> None:
    digest = assemble([])
    assert digest.generated_at.tzinfo is not None


def test_source_date_epoch_fixes_the_digest_date(monkeypatch: pytest.MonkeyPatch) -> None:
    from policybrief.errors import UsageError
    from policybrief.pipeline import Options, build_digest
    from policybrief.pipeline.runs import source_date

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    seeds = str(Path(__file__).resolve().parent.parent / "seeds")
    digest, _ = build_digest([seeds], Options(workers=1))
    assert digest.generated == "2023-11-14T22:13:20+00:00"
    assert source_date({}) is None
    with pytest.raises(UsageError, match="SOURCE_DATE_EPOCH"):
        source_date({"SOURCE_DATE_EPOCH": "yesterday"})


def test_a_long_digest_keeps_every_story_but_fewer_points() -> None:
    from policybrief.digest.length import fit

    bbc = Path(__file__).resolve().parent.parent / "seeds"
    briefs = [b for b in build_briefs([str(bbc)], Options(workers=1)) if isinstance(b, PolicyBrief)]
    digest = assemble(briefs, generated_at=WHEN)
    full = sum(len(p.text.split()) for b in briefs for p in (*b.key_points, *b.recommendations))
    shown = sum(len(p.text.split()) for b in digest.briefs for p in (*b.key_points, *b.recommendations))
    assert len(digest.briefs) == len(briefs)  # none is dropped
    assert shown < full  # the seeds' 1,000 words leave room for few points
    tight = fit(digest.sections, digest.top_line, share=0.0)
    kept = {s.label: [p.text for b in s.briefs for p in (*b.key_points, *b.recommendations)]
            for sec in tight for s in sec.stories}
    # no room: titles, labels, summaries and the top line, and one point for a story whose
    # every other sentence the top line already gives (it would show nothing else)
    said = {t for line in digest.top_line for t in (line.text, line.why) if t}
    for story in (s for sec in tight for s in sec.stories):
        bare = all(line.text in said for line in story.summary) and all(
            b.bottom_line in story.said | said for b in story.briefs)
        lead = next(o for o in briefs if o.slug == story.briefs[0].slug)
        has_point = any(p.text not in said | {lead.bottom_line} for p in lead.key_points)
        assert len(kept[story.label]) == (1 if bare and has_point else 0), story.label
    assert any(kept.values())  # the seed's op-ed: its thesis is in the top line, not alone


def _reference_cluster(similarity: np.ndarray, threshold: float) -> list[list[int]]:
    """Average linkage the plain way: every pair of clusters, every merge (O(n³))."""
    clusters = [[i] for i in range(len(similarity))]
    while len(clusters) > 1:
        best, pair = threshold, None
        for a in range(len(clusters)):
            for b in range(a + 1, len(clusters)):
                link = float(similarity[np.ix_(clusters[a], clusters[b])].mean())
                if link >= best:
                    best, pair = link, (a, b)
        if pair is None:
            break
        a, b = pair
        clusters[a] = sorted(clusters[a] + clusters[b])
        del clusters[b]
    return clusters


def test_clustering_matches_plain_average_linkage() -> None:
    rng = np.random.default_rng(7)
    for n in (1, 2, 7, 30, 60):
        for threshold in (0.12, 0.3, 0.6):
            x = rng.random((n, 25)) ** 4
            x /= np.linalg.norm(x, axis=1, keepdims=True)
            similarity = x @ x.T
            assert cluster(similarity, threshold) == _reference_cluster(similarity, threshold)
    x = rng.random((3000, 400)) ** 8  # the plain way takes hours at this size
    x[x < 0.5] = 0.0
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    vectors = sparse.csr_matrix(x)
    groups = cluster_pairs(3000, similar_pairs(vectors), 0.12)
    assert sorted(i for g in groups for i in g) == list(range(3000))


def test_neighbour_pairs_match_the_dense_similarities_block_by_block(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows are compared a block at a time; each keeps its nearest ``neighbours`` above the
    floor, and with room for all of them every pair above the floor is there, exactly."""
    from policybrief.digest import neighbours

    rng = np.random.default_rng(3)
    x = rng.random((40, 30)) ** 6
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    dense = x @ x.T
    monkeypatch.setattr(neighbours, "BLOCK_CELLS", 7 * 40)  # blocks of 7 rows
    pairs = similar_pairs(sparse.csr_matrix(x), neighbours=39, floor=0.3)
    expected = {(i, j) for i in range(40) for j in range(i + 1, 40) if dense[i, j] >= 0.3}
    assert set(pairs) == expected
    assert all(abs(pairs[p] - dense[p]) < 1e-12 for p in pairs)
    few = similar_pairs(sparse.csr_matrix(x), neighbours=2, floor=0.0)
    for i in range(40):  # each row's two nearest are among the pairs
        nearest = [j for j in np.argsort(-dense[i]) if j != i][:2]
        assert all((min(i, j), max(i, j)) in few for j in nearest)
    assert np.allclose(neighbours.row_sums(sparse.csr_matrix(x)), dense.sum(axis=1))


def test_terms_common_to_most_briefs_are_no_blocking_key_but_still_count(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Two briefs are candidates only when they share a rarer term; a kept pair's cosine
    is exact, the common term included."""
    from policybrief.digest import neighbours

    monkeypatch.setattr(neighbours, "COMMON_MIN", 0)
    monkeypatch.setattr(neighbours, "COMMON_SHARE", 0.5)
    x = np.zeros((6, 5))
    x[:, 0] = 1.0  # every brief: too common to block on
    x[0, 1] = x[1, 1] = 1.0  # briefs 0 and 1 share a rare term
    x[2, 2], x[3, 3], x[4, 4], x[5, 4] = 1.0, 1.0, 0.5, 0.5
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    pairs = similar_pairs(sparse.csr_matrix(x), floor=0.0)
    assert set(pairs) == {(0, 1), (4, 5)}
    assert abs(pairs[(0, 1)] - float(x[0] @ x[1])) < 1e-12 and pairs[(4, 5)] == pytest.approx(1.0)


def test_a_sparse_pair_graph_clusters_as_dense_average_linkage_with_zeros() -> None:
    rng = np.random.default_rng(11)
    for n in (5, 25):
        similarity = rng.random((n, n)) ** 3
        similarity = (similarity + similarity.T) / 2
        similarity[similarity < 0.4] = 0.0
        pairs = {(i, j): float(similarity[i, j]) for i in range(n) for j in range(i + 1, n)
                 if similarity[i, j] > 0}
        for threshold in (0.2, 0.45):
            assert cluster_pairs(n, pairs, threshold) == _reference_cluster(similarity, threshold)
