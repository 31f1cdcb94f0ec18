"""The default ranker on tiny hand-built documents, and its sparse maths against dense maths."""

from __future__ import annotations

import numpy as np
import pytest

from policybrief import terms
from policybrief.models import Article, Document, Sentence
from policybrief.summarise.ranking import DefaultRanker, forward_centrality, term_table


def make_document(*texts: str, title: str | None = None, truncated_last: bool = False) -> Document:
    sentences = tuple(
        Sentence(text=text, paragraph=1, index=i,
                 truncated=truncated_last and i == len(texts) - 1)
        for i, text in enumerate(texts)
    )
    return Document(Article(source="test", paragraphs=texts, title=title), sentences)


def dense_cosines(texts: list[str], title: str = "") -> np.ndarray:
    """The reference: dense tf-idf (idf from the sentences only), cosines by matrix product.

    With a title, it is the last row and column.
    """
    rows = [terms.content_stems(t) for t in [*texts, title]]
    vocabulary = sorted({stem for row in rows for stem in row})
    counts = np.array([[row.count(v) for v in vocabulary] for row in rows], dtype=float)
    df = (counts[:-1] > 0).sum(axis=0)
    matrix = counts * (np.log((1 + len(texts)) / (1 + df)) + 1)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    matrix /= np.where(norms > 0, norms, 1)
    return (matrix @ matrix.T) if title else (matrix @ matrix.T)[:-1, :-1]


RIVER_TEXTS = [
    "The council will dredge the river to stop the floods.",
    "Floods hit the town twice last winter.",
    "Dredging the river costs money, the council says.",
    "The river floods because silt blocks it; dredging removes the silt.",
    "Residents welcomed the news.",
]


def test_forward_centrality_equals_the_dense_upper_triangle_sums() -> None:
    table = term_table([(RIVER_TEXTS, "")])
    expected = np.triu(dense_cosines(RIVER_TEXTS), k=1).sum(axis=1)
    assert np.allclose(forward_centrality(table), expected)


def test_sparse_similarity_and_title_vector_match_dense() -> None:
    title = "River floods: a silt crisis for Exeter"  # "Exeter", "crisis" are not in the text
    table = term_table([(RIVER_TEXTS, title)])
    assert np.allclose(table.similarity(np.array([0, 3])),
                       dense_cosines(RIVER_TEXTS)[np.ix_([0, 3], [0, 3])])
    assert np.isclose(np.linalg.norm(table.title), 1.0)
    title_similarity = table.dot(table.title)
    assert np.allclose(title_similarity, dense_cosines(RIVER_TEXTS, title)[-1, :-1])
    assert title_similarity[4] == 0.0  # "Residents welcomed the news." shares no word
    assert title_similarity.argmax() == 3  # river, floods and silt


def test_the_sentence_the_article_elaborates_on_ranks_first() -> None:
    document = make_document(
        "Residents gathered early on Tuesday morning.",
        "The council will dredge the river to stop the floods that hit the town.",
        "Dredging the river removes the silt that causes floods.",
        "The floods cost the town millions.",
        "Some residents asked why the river was never dredged before.",
    )
    ranked = DefaultRanker()(document)
    assert ranked[0] == 1
    assert sorted(ranked) == [0, 1, 2, 3, 4]


def test_exact_ranking_of_a_lead_story_with_a_question_and_a_fragment() -> None:
    document = make_document(
        "The government will raise the fuel tax next year to pay for road repairs.",
        "Why should drivers pay for roads they never use?",
        "The fuel tax rise will add ten pence a litre, the government says.",
        "Road repairs are overdue.",
        "Drivers' groups say the fuel tax already raises more than roads cost.",
    )
    assert DefaultRanker()(document) == [0, 2, 4, 3, 1]


def test_title_similarity_lifts_the_matching_sentence() -> None:
    texts = (
        "Officials met on Monday to discuss the budget.",
        "Officials agreed a budget deal that keeps libraries open.",
        "Officials said the budget will be published next week.",
    )
    without_title = DefaultRanker(redundancy=0.0)(make_document(*texts))
    with_title = DefaultRanker(redundancy=0.0, title_weight=2.0)(
        make_document(*texts, title="Libraries stay open")
    )
    assert without_title[0] == 0
    assert with_title[0] == 1


def test_redundancy_demotes_a_near_copy_of_a_picked_sentence() -> None:
    texts = (
        "The central bank raised interest rates to curb inflation.",
        "The central bank raised interest rates to curb rising inflation.",
        "Mortgage holders will pay more each month as a result.",
    )
    assert DefaultRanker(redundancy=0.0)(make_document(*texts))[:2] == [0, 1]
    assert DefaultRanker(redundancy=1.0)(make_document(*texts))[:2] == [0, 2]


def _words(count: int, start: int = 0) -> str:
    return " ".join(f"word{start + k}" for k in range(count)) + "."


def test_a_long_sentence_loses_a_share_of_the_short_penalty_growing_to_all_of_it() -> None:
    """Up to ``long_words`` words nothing; then a share growing to the whole penalty at
    twice that length, and no more beyond."""
    lengths = (10, 40, 50, 60, 80, 120)
    texts = [_words(n, start=1000 * k) for k, n in enumerate(lengths)]
    table = term_table([(texts, "")])
    sentences = list(make_document(*texts).sentences)
    ranker = DefaultRanker(long_words=40, short_penalty=0.5)
    without = DefaultRanker(long_words=10**9, short_penalty=0.5)
    lost = without.relevance(sentences, table) - ranker.relevance(sentences, table)
    assert np.allclose(lost, [0.0, 0.0, 0.125, 0.25, 0.5, 0.5])


def test_a_run_of_captions_with_no_stop_between_them_gives_way_to_a_plain_sentence() -> None:
    """Captions run together into one long 'sentence' share words with much of the article
    (forward centrality favours them); at 60+ words such a unit is demoted."""
    captions = (
        "pictured : the mayor opens the new river bridge in the rain on monday morning "
        "crowds : hundreds of residents walked across the bridge after the mayor cut the "
        "ribbon open : the bridge links the old town with the station and the new housing "
        "on the far side of the river traffic : cars will cross the bridge from june"
    )
    document = make_document(
        "the mayor opened the new river bridge on monday after two years of building .",
        "the bridge links the old town with the station across the river .",
        "a brass band played as the speeches ran on well past the planned hour .",
        captions,
        "residents said the bridge would cut their walk to the station by half .",
        "cars will be allowed on the bridge from june , the council said .",
        "the bridge cost the town more than it had planned .",
        "the council will hold a fair on the new bridge in july .",
    )
    assert len(captions.split()) > 60
    assert DefaultRanker(long_words=10**9)(document)[:3] == [0, 1, 3]
    assert DefaultRanker()(document)[:3] == [0, 1, 2]


def test_truncated_sentences_are_never_ranked() -> None:
    document = make_document(
        "Ministers agreed the plan.", "The plan starts in May.", "Critics say the plan",
        truncated_last=True,
    )
    assert sorted(DefaultRanker()(document)) == [0, 1]


@pytest.mark.parametrize(
    "texts",
    [
        (),
        ("The.",),
        ("It is what it is.", "And so it was."),  # only stop words: no terms at all
    ],
)
def test_degenerate_documents_give_a_plain_ranking(texts: tuple[str, ...]) -> None:
    ranked = DefaultRanker()(make_document(*texts))
    assert sorted(ranked) == list(range(len(texts)))


def test_ranking_is_linear_enough_for_long_documents() -> None:
    """800 sentences rank without an n×n matrix over all of them (a smoke test, not a bench)."""
    texts = [f"Sentence {i} mentions topic{i % 37} and theme{i % 11} and item{i}." for i in range(800)]
    ranked = DefaultRanker()(make_document(*texts))
    assert sorted(ranked) == list(range(800))


def test_content_stems_and_token_codes_agree_with_the_plain_definition() -> None:
    text = "The U.S.-based firm’s 2024 profits (rose) 5% — a record; a/b testing works."
    stops = terms.stop_words()
    plain = [terms.stem(w) for w in terms.words(text)
             if w not in stops and not w.isdigit() and len(w) > 1]
    assert terms.content_stems(text) == plain
    tokens = text.split()
    codes = terms.token_codes(tokens)
    per_token = [[c] if c >= 0 else list(terms.several(c)) if c < terms.ROW_BREAK else [] for c in codes]
    flat = [i for ids in per_token for i in ids]
    assert len(flat) == len(plain)
    assert [flat.index(i) for i in flat] == [plain.index(s) for s in plain]  # same equalities
    assert len(per_token[tokens.index("U.S.-based")]) == 2  # one token, two words
    assert per_token[tokens.index("a/b")] == []  # one-letter words carry nothing
    assert per_token[-1] != []  # "works." is content


def _rows(codes: list[int]) -> list[list[int]]:
    rows: list[list[int]] = [[]]
    for code in codes:
        if code == terms.ROW_BREAK:
            rows.append([])
        else:
            rows[-1].append(code)
    return rows


def test_text_codes_are_each_texts_token_codes_between_row_breaks() -> None:
    texts = ["The river floods.", "", "Silt (U.S.-based) blocks it;  dredging", "The."]
    codes = terms.text_codes(texts)
    assert codes.count(terms.ROW_BREAK) == len(texts) - 1
    assert _rows(codes) == [terms.token_codes(t.split()) for t in texts]
    assert terms.text_codes([]) == [] and terms.text_codes([""]) == []


def test_a_nul_in_a_text_is_not_a_row_break_and_splits_no_token() -> None:
    texts = ["Floods\x00silt river", "\x00", "Dredging"]
    codes = terms.text_codes(texts)
    assert codes.count(terms.ROW_BREAK) == 2
    rows = _rows(codes)
    assert [len(row) for row in rows] == [len(t.split()) for t in texts]  # as many tokens
    assert rows == [terms.token_codes(["Floods\x01silt", "river"]), [terms.NO_CONTENT],
                    terms.token_codes(["Dredging"])]
    assert terms.several(rows[0][0]) == tuple(terms.token_codes(["Floods", "silt"]))
    table = term_table([(["Floods\x00silt river banks burst.", "Silt again."], "")])
    assert table.lengths.tolist() == [4, 2]


def test_term_table_counts_each_sentences_tokens_content_or_not() -> None:
    table = term_table([(RIVER_TEXTS, "A title of six words here"), (["It is.", "So  it  was, then."], "")])
    assert table.lengths.tolist() == [len(t.split()) for t in RIVER_TEXTS] + [2, 4]


BATCH_DOCUMENTS = [
    make_document(*RIVER_TEXTS, title="River floods: a silt crisis for Exeter"),
    make_document(),  # nothing to rank
    make_document("The.",),
    make_document("It is what it is.", "And so it was."),  # no terms at all
    make_document("Ministers agreed the plan.", "The plan starts in May.", "Critics say the plan",
                  truncated_last=True),
    make_document(
        "The government will raise the fuel tax next year to pay for road repairs.",
        "Why should drivers pay for roads they never use?",
        "The fuel tax rise will add ten pence a litre, the government says.",
        "Road repairs are overdue.",
        "Drivers' groups say the fuel tax already raises more than roads cost.",
    ),
    make_document(*[f"Sentence {i} names topic{i % 7}, the U.S.-based firm{i % 3} and item{i}."
                    for i in range(40)], title="Topics and firms"),
    make_document(*RIVER_TEXTS[::-1]),  # the same stems again: terms must stay per document
]


@pytest.mark.parametrize("size", [1, 2, 3, 8, 9])
def test_a_document_ranks_the_same_alone_and_in_any_batch(size: int) -> None:
    """Batches of 8 or more step MMR in numpy, fewer in Python: both must agree, bit for bit,
    with each document ranked alone, whatever else is in the batch."""
    ranker = DefaultRanker()
    alone = [ranker(d) for d in BATCH_DOCUMENTS]
    documents = (BATCH_DOCUMENTS * 2)[:max(size, len(BATCH_DOCUMENTS))]
    together = [ranked for start in range(0, len(documents), size)
                for ranked in ranker.rank_many(documents[start:start + size])]
    assert together == (alone * 2)[:len(documents)]
    assert alone[1] == [] and sorted(alone[3]) == [0, 1] and sorted(alone[4]) == [0, 1]
    assert sorted(alone[0]) == sorted(alone[7]) == [0, 1, 2, 3, 4]


def test_batched_maths_match_dense_maths_per_document() -> None:
    """Two documents in one table: each one's cosines, forward centrality and title
    similarity are those of its own dense tf-idf, with no terms shared across them."""
    other = ["The council says the river is clean.", "Floods are rare here.", "Silt is fine."]
    title = "River floods: a silt crisis for Exeter"
    table = term_table([(other, ""), (RIVER_TEXTS, title)])
    assert table.starts.tolist() == [0, 3, 8]
    centrality = forward_centrality(table)
    assert np.allclose(centrality[:3], np.triu(dense_cosines(other), k=1).sum(axis=1))
    assert np.allclose(centrality[3:], np.triu(dense_cosines(RIVER_TEXTS), k=1).sum(axis=1))
    expected = np.eye(3)  # sentence 0 of the first document: itself only, nothing across
    expected[:2, :2] = dense_cosines(RIVER_TEXTS)[np.ix_([0, 3], [0, 3])]
    assert np.allclose(table.similarity(np.array([3, 6, 0])), expected)
    title_similarity = table.dot(table.title)
    assert np.all(title_similarity[:3] == 0.0)  # the first document has no title
    assert np.allclose(title_similarity[3:], dense_cosines(RIVER_TEXTS, title)[-1, :-1])


def _relevance(ranker: DefaultRanker, documents: list[Document]) -> list[bytes]:
    """Each document's relevance scores, as raw bytes, from one batch of ``documents``."""
    table = term_table([([s.text for s in d.sentences], d.title or "") for d in documents])
    sentences = [s for d in documents for s in d.sentences]
    scores = ranker.relevance(sentences, table)
    return [scores[a:b].tobytes() for a, b in zip(table.starts[:-1], table.starts[1:], strict=True)]


def test_scores_are_the_same_bits_alone_and_in_a_batch() -> None:
    """Not only the order: the scores themselves do not depend on the other documents."""
    ranker = DefaultRanker()
    documents = [d for d in BATCH_DOCUMENTS if d.sentences and not d.sentences[-1].truncated]
    alone = [_relevance(ranker, [d])[0] for d in documents]
    assert _relevance(ranker, documents) == alone
    assert _relevance(ranker, documents[::-1]) == alone[::-1]
