"""Whose position a sentence takes, and a thesis quoted with the sentence it leans on
(issue 16)."""

from __future__ import annotations

from policybrief.brief import quotes
from policybrief.brief.claims import reported
from policybrief.models import Article, Budget, PolicyBrief
from policybrief.pipeline import brief_article
from policybrief.segment import segment


def test_a_stance_someone_else_takes_is_reported_and_the_authors_own_is_not() -> None:
    assert reported("Carter said voters should be alarmed by the verdict.")
    assert reported("Some people argue that students should wear uniforms.")
    assert reported("According to the poll, most voters think the tax should go.")
    assert not reported("I firmly believe that students should wear uniforms.")
    assert not reported("As we have said, the tax should go.")
    assert not reported("The mayor rightly says the depot must close.")
    assert not reported("In my opinion, although critics argue otherwise, the tax should go.")
    assert not reported("The council should close the depot this spring.")
    assert reported("As the minister has stated, it is vital that the depot closes.")
    assert reported("Critics have pointed out that the depot must close.")
    assert not reported("Member states should close their depots.")  # "states", a noun
    for own in ("It should be noted that the council must close the depot.",  # passives
                "The depot should be declared illegal.", "As noted above, the council must act.",
                "Its stated aim should be to close the depot."):
        assert not reported(own), own


def test_a_position_the_author_reports_does_not_outscore_the_authors_own() -> None:
    paragraphs = (
        "The depot has polluted the river for thirty years.",
        "The depot's owners argue that the council should leave the depot alone until 2040.",
        "The council should close the depot this spring and clean the riverbed.",
        "Fishermen have waited long enough.",
    )
    document = segment(Article(source="o.txt", paragraphs=paragraphs, title="Close the depot"))
    scores = quotes.claim_scores(document, range(len(document.sentences)), quotes.read(document))
    assert scores[2] > scores[1]


def brief(article: Article) -> PolicyBrief:
    result = brief_article(article, budget=Budget(sentences=3))
    assert isinstance(result, PolicyBrief), result
    return result


def test_a_thesis_that_leans_on_the_sentence_before_is_quoted_with_it_in_order() -> None:
    paragraphs = (
        "Every spring the river floods the lower town, and every spring the council buys "
        "sandbags.",
        "Sandbags are no plan. Councils that rebuilt their riverbanks stopped paying for floods, "
        "and this council should follow them before the next spring comes.",
        "Rebuilding costs money, and the budget is tight this year.",
        "Rebuilt banks in Lyon have held for twenty years, and the town saved on every flood.",
        "Floods will come again. They are a cost we choose to keep paying, and we should stop "
        "choosing it now.",
    )
    article = Article(source="o.txt", paragraphs=paragraphs, title="Stop choosing floods")
    result = brief(article)
    assert result.genre == "opinion"
    assert result.bottom_line == ("Floods will come again. They are a cost we choose to keep "
                                  "paying, and we should stop choosing it now.")
    assert result.bottom_paragraph == 5
    points = [p.text for p in result.key_points]
    assert not any(t.startswith(("Floods will come", "They are a cost")) for t in points)
    # the thesis is also the piece's call: counted whole, as it reads, never in halves
    calls = [p.text for p in result.recommendations]
    assert result.bottom_line in calls
    assert not any(t.startswith("They are a cost") for t in calls)


def test_a_claim_leaning_on_a_sentence_in_another_paragraph_is_not_the_thesis() -> None:
    paragraphs = (
        "The council should rebuild the riverbanks before the next flood season.",
        "Sandbags cost the town more every year.",
        "They are a cost we choose to keep paying, and we should stop choosing it now.",
    )
    document = segment(Article(source="o.txt", paragraphs=paragraphs))
    scores = quotes.claim_scores(document, range(len(document.sentences)), quotes.read(document))
    assert 2 not in scores


def test_a_headline_in_which_the_author_speaks_or_takes_a_position_is_an_argument() -> None:
    report = (
        "The city council voted on Monday to extend heating subsidies, officials said.",
        "The mayor told reporters that the vote was close, according to the record.",
        "Tenant groups said the subsidies did not reach the coldest flats.",
    )
    def genre(title: str) -> str:
        return brief(Article(source="r.txt", paragraphs=report, title=title)).genre
    assert genre("Council extends heating subsidies") == "news"
    assert genre("Mayor says the council should extend subsidies") == "news"  # reported
    assert genre("The heating subsidy has failed our city") == "opinion"
    assert genre("The council should stop subsidising cold flats") == "opinion"


def test_an_opener_pointing_at_nothing_stands_alone_in_an_argument_but_not_as_bottom_line() -> None:
    paragraphs = (
        "The depot has polluted the river for thirty years, and the council has done nothing.",
        "Its owners have promised a clean-up every year since 1994, and every year the fish die.",
        "There must be accountability for thirty years of broken promises to the town.",
        "It is time for the council to close the depot and make its owners pay for the clean-up.",
    )
    opinion = segment(Article(source="o.txt", paragraphs=paragraphs, title="Close the depot"))
    reading = quotes.read(opinion, quotes.OPINION)
    assert {2, 3} <= reading.standing and not {2, 3} & reading.leaning
    assert not quotes.read(opinion, quotes.NEWS).standing  # a report keeps the strict rule
    for text in ("It was a mistake.", "They must go.", "This is wrong, the council said.",
                 "It was closed when the fire started.", "It was bad for the town.",
                 "It is owned by the council, which plans to sell it."):  # "it" refers
        assert not quotes.STANDS_ALONE_RE.match(text), text
    assert quotes.STANDS_ALONE_RE.match("It may be time for a looser set of rules.")
    assert quotes.STANDS_ALONE_RE.match("These Redcoats are ruthless.")
    but = segment(Article(source="o.txt", paragraphs=(
        "The council has closed three depots this year.",
        "But the worst polluter of all, the river depot, still runs every night.")))
    assert quotes.read(but, quotes.OPINION).standing == {1}
    assert quotes.STANDS_ALONE_RE.match("Those responsible must be made to pay.")
    result = brief(Article(source="o.txt", paragraphs=paragraphs, title="Close the depot",
                           url="https://example.org/opinion/depot"))
    assert not quotes.LEANS_RE.match(result.bottom_line)  # the bottom line stands alone strictly
    assert any(p.text.startswith("It is time") for p in result.key_points)


def test_an_arguments_bottom_line_never_opens_on_a_pronoun_even_when_nothing_else_scores() -> None:
    paragraphs = (  # the one claim stands alone only in the loose sense of key points
        "It is time to close the depot that has poisoned our river for thirty years.",
        "Who will pay for the clean-up of thirty years of poison in the river?",
    )
    result = brief(Article(source="o.txt", paragraphs=paragraphs, title="Close it",
                           url="https://example.org/opinion/depot"))
    assert not quotes.LEANS_RE.match(result.bottom_line), result.bottom_line
