"""What a brief quotes: the genre, the bottom line by genre, key points that stand alone and
are the article's own text (issue 16)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from policybrief.brief import quotes
from policybrief.brief.furniture import is_furniture
from policybrief.brief.speech import without_speech
from policybrief.cli import app
from policybrief.models import Article, Budget, PolicyBrief
from policybrief.pipeline import brief_article
from policybrief.segment import segment, split_articles

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_f2d1e5955d110ce0.txt"

OPED = (
    "Every winter the same debate returns to the city council. Heating bills climb, and "
    "families in older flats pay the most for the least warmth.",
    "The council has tried subsidies for a decade. They have helped some households, but the "
    "money leaks into landlords' pockets and the flats stay cold.",
    "I believe the answer is not more subsidy but better buildings. The council should require "
    "landlords to insulate every flat they rent out before 2030.",
    "Critics say the rule would raise rents. The evidence from Lyon and Graz says otherwise: "
    "insulated flats cost less to heat and their rents barely moved.",
    "We must stop paying to heat the street. The council should pass the insulation rule this "
    "spring, and fund loans for small landlords who cannot pay up front.",
)
REPORT = (
    "The city council voted on Monday to extend heating subsidies for another year, officials "
    "said. The package costs 12 million euros and covers 40,000 households.",
    "The mayor told reporters that the vote was close. Eleven councillors backed the package "
    "and nine opposed it, according to the official record.",
    "It follows a new audit of the scheme. The audit found that a fifth of the money went to "
    "households above the income limit, the auditors said.",
    "Landlord groups welcomed the extension. Tenant groups said the subsidies did not reach the "
    "coldest flats, and announced a protest for next week.",
)


def test_genre_from_the_text_and_from_metadata() -> None:
    oped = Article(source="o.txt", paragraphs=OPED)
    report = Article(source="r.txt", paragraphs=REPORT)
    assert brief(oped).genre == "opinion"
    assert brief(report).genre == "news"
    # one modal in a report, with nobody quoted, argues nothing ("prices will have to …")
    plain = ("The island replaced its old currency on Monday. From now on, all prices will have "
             "to be shown in the new notes.", "Banks opened early. Queues formed in the capital.")
    assert brief(Article(source="p.txt", paragraphs=plain)).genre == "news"
    at_opinion = Article(source="r", paragraphs=REPORT, url="https://example.org/opinion/heating")
    assert brief(at_opinion).genre == "opinion"
    # a blog path is no opinion section: news sites file reports under it too
    at_blog = Article(source="r", paragraphs=REPORT,
                      url="https://news.example.com/blogs/briefing-room/news/12345-heating/")
    assert brief(at_blog).genre == "news"
    with_bio = Article(source="r", paragraphs=REPORT, bio="Ana Ruiz is a housing economist.")
    assert brief(with_bio).genre == "opinion"
    # ...but a staff reporter's bio signs a report
    reporter = Article(source="r", paragraphs=REPORT,
                       bio="Ana Ruiz is housing correspondent for the Example Gazette.")
    assert brief(reporter).genre == "news"
    columnist = Article(source="r", paragraphs=REPORT, bio="Ana Ruiz is a columnist and a former "
                        "housing correspondent for the Example Gazette.")
    assert brief(columnist).genre == "opinion"
    staff = Article(source="r", paragraphs=REPORT,
                    bio="Ana Ruiz is the Gazette's Eastern Europe correspondent.")
    assert brief(staff).genre == "news"
    freelance = Article(source="r", paragraphs=REPORT,
                        bio="Ana Ruiz is a novelist and former reporter.")
    assert brief(freelance).genre == "opinion"
    for section, genre in (("Opinion", "opinion"), ("Comment is free", "opinion"),
                           ("Op-Ed", "opinion"), ("Politics", "news"), ("Newsletters", "news"),
                           ("Opinion polls", "news"), ("Public opinion", "news"),
                           ("Data analysis", "news"), ("Letters of credit", "news")):
        filed = Article(source="r", paragraphs=REPORT, sections=("World", section))
        assert brief(filed).genre == genre, section


def brief(article: Article, sentences: int = 3) -> PolicyBrief:
    result = brief_article(article, budget=Budget(sentences=sentences))
    assert isinstance(result, PolicyBrief), result
    return result


def test_an_op_eds_bottom_line_is_its_thesis() -> None:
    result = brief(Article(source="o.txt", paragraphs=OPED, title="Insulate, don't subsidise"))
    assert "should" in result.bottom_line and "insulat" in result.bottom_line
    assert result.bottom_paragraph in (3, 5)


def test_the_founding_seed_op_ed_states_its_argument() -> None:
    oped = split_articles(SEED.read_text(encoding="utf-8"), "seed.txt")[0]
    result = brief(oped)
    assert result.genre == "opinion"
    assert "Taiwan should prioritize export control" in result.bottom_line


def test_a_reports_bottom_line_is_its_lede_and_key_points_stand_alone() -> None:
    result = brief(Article(source="r.txt", paragraphs=REPORT), sentences=6)
    assert result.bottom_line.startswith("The city council voted on Monday")
    assert result.bottom_paragraph == 1
    texts = [p.text for p in result.key_points]
    assert result.bottom_line not in texts  # never said twice
    assert not any(quotes.leans_back(t) for t in texts)  # "It follows a new audit…" is not quoted
    assert not any(t.startswith("It follows") for t in texts)


def test_nameless_said_and_page_furniture_are_never_quoted() -> None:
    paragraphs = (
        "Ministers agreed a new fuel subsidy reform on Monday, ending price controls from April.",
        "Read more: Why petrol prices keep rising in Lagos.",
        "Scroll down for video Happy handshake: the finance minister greets union leaders.",
        "The reform will be reviewed in a year, \"on a case by case basis,\" she said.",
        "Transport unions in Lagos and Abuja threatened a strike over fares on Tuesday.",
        "Importers welcomed the reform, which they expect to end shortages at petrol stations.",
        "Motorists queued for hours at stations across the capital over the weekend.",
        "Nigeria ends fuel subsidy",
    )
    result = brief(Article(source="f.txt", paragraphs=paragraphs, title="Nigeria ends fuel subsidy"),
                   sentences=7)
    quoted = [result.bottom_line, *(p.text for p in result.key_points),
              *(p.text for p in result.recommendations)]
    assert not any(t.startswith(("Read more", "Scroll down")) for t in quoted)
    assert not any("she said" in t for t in quoted)
    assert "Nigeria ends fuel subsidy" not in quoted  # the headline again, set as a paragraph
    assert len(result.key_points) >= 3


def test_the_json_brief_says_its_genre(tmp_path: Path) -> None:
    source = tmp_path / "oped.txt"
    source.write_text("\n\n".join(OPED), encoding="utf-8")
    result = CliRunner().invoke(app, ["brief", str(source), "--out", "-", "--format", "json"])
    assert result.exit_code == 0, result.output
    [data] = json.loads(result.stdout)
    assert data["genre"] == "opinion" and data["bottom_paragraph"] >= 1
    markdown = CliRunner().invoke(app, ["brief", str(source), "--out", "-"]).stdout
    assert "**Thesis:**" in markdown and "*(opinion)*" in markdown


def test_titles_are_the_sources_own_cleaned_or_made_from_the_lede() -> None:
    from policybrief.brief.mastheads import authors_of, clean_headline
    from policybrief.brief.titles import made_title

    assert clean_headline("Trump's tariffs hit allies | CNN Politics") == "Trump's tariffs hit allies"
    assert clean_headline("S. Korea, US hold talks - Yonhap") == "S. Korea, US hold talks"
    assert clean_headline("Bus fares rise » Local") == "Bus fares rise"
    assert clean_headline("Brexit - what happens next") == "Brexit - what happens next"
    assert clean_headline("Budget row deepens - The Policy Review", "The Policy Review") == \
        "Budget row deepens"
    assert authors_of("Condé Nast; Tom Bennett") == ("Tom Bennett",)
    assert authors_of("By Ana Ruiz and Li Wei") == ("Ana Ruiz", "Li Wei")
    made = made_title("After a long night of talks, the city council voted on Monday to extend "
                      "heating subsidies for another year, officials said.")
    assert made == "City council voted to extend heating subsidies for another year"
    report = brief(Article(source="r.txt", paragraphs=REPORT))
    assert report.title_made and " and " not in report.title
    assert report.title.startswith("City council voted")
    titled = brief(Article(source="r.txt", paragraphs=REPORT, title="Subsidies stay | Daily Planet",
                           author="Daily Planet Media; Ana Ruiz", site="Daily Planet"))
    assert (titled.title, titled.title_made, titled.author) == ("Subsidies stay", False, "Ana Ruiz")


def test_recommendations_are_the_authors_calls_and_others_are_reported_apart() -> None:
    from policybrief.brief.recommendations import calls, recommendations
    from policybrief.models import Sentence

    texts = [
        "Those selected could either be returned to their families, should they be traced.",
        "Thousands of companies will have to provide calorie counts under the new law.",
        "The union said the government must raise wages before the summer.",
        "\"Ministers should resign,\" the protesters chanted outside parliament.",
        "We believe that it is time for the Executive to commit to free school meals.",
        "Schools should make first aid a compulsory part of the curriculum.",
        "Schools should make first aid a compulsory part of the curriculum.",
        "Why should anyone trust them now?",
        "One must assume the region would be no different.",
        "The council should have acted years ago.",
    ]
    sentences = [Sentence(t, i + 1, i) for i, t in enumerate(texts)]
    own = [p.text for p in recommendations(sentences)]
    assert own == [texts[5], texts[4]]  # strongest first, once; facts, conditionals, questions out
    assert [p.text for p in calls(sentences)] == [texts[3], texts[2]]  # strongest first
    assert recommendations(sentences, exclude=(texts[5],))[-1].text == texts[4]


def test_the_tail_of_a_quotation_is_not_quoted_alone() -> None:
    assert quotes.ends_a_quotation('But, teachers need to speak up and say we need to fix this."')
    assert quotes.ends_a_quotation("to fix this soon,” she added.")
    assert not quotes.ends_a_quotation('The minister said: "We will fix this."')
    assert not quotes.ends_a_quotation("“We will fix this,” the minister said.")


SPOKEN_REPORT = (
    "Tam Ferrie will be named the club's permanent manager on Friday, six weeks "
    "after he was asked to lead the side for the rest of the season.",
    "'I would be thrilled to get it, as it is a job I have wanted for years. We must keep "
    "going and I know we can,' Ferrie told reporters at the training ground.",
    "'I had a spell in charge before and I believe we should aim higher,' he added.",
    "The board met on Thursday and the deal is being finalised, the club confirmed.",
)


def test_speech_in_single_quotation_marks_does_not_make_a_report_an_opinion() -> None:
    """Daily Mail-style copy quotes in single marks; the speaker's 'I' and 'we must' are
    theirs, not the author's."""
    assert brief(Article(source="r.txt", paragraphs=SPOKEN_REPORT)).genre == "news"
    spoken = without_speech(" ".join(SPOKEN_REPORT))
    assert "moon" not in spoken and "taste" not in spoken and "club's" in spoken


def test_a_story_told_as_a_report_that_ends_on_the_authors_verdict_is_an_argument() -> None:
    """A columnist may report (quotes, "told me"), then judge in the first person at the end;
    a reporter's "I asked", a speaker's "I believe" and a closing question judge nothing."""
    told = (*REPORT, "Ana Ruiz, who leads the tenants' union, told me the audit came too late. "
            "I asked the mayor's office for a comment.")
    assert brief(Article(source="r.txt", paragraphs=told)).genre == "news"
    judged = (*REPORT, "Ana Ruiz told me the audit came too late. I find it shameful that a "
              "city this rich leaves its tenants in the cold.")
    assert brief(Article(source="r.txt", paragraphs=judged)).genre == "opinion"
    for ending in ('"I believe the subsidies should go on," the mayor said on Tuesday.',
                   '"We must keep the flats warm. I think the vote was right," the mayor said.',
                   "The mayor said she hoped the audit would be published. Should we worry?",
                   "We have asked the council for a comment. The vote is final.",
                   "We hope you enjoyed this story. We need your support to keep reporting."):
        ends = Article(source="r.txt", paragraphs=(*REPORT, ending))
        assert brief(ends).genre == "news", ending


def test_speech_in_tokenised_copy_is_not_the_authors() -> None:
    """Research corpora write quotes apart from their words ("` we hope so . '")."""
    text = ("the mayor said : ` we must keep going and we should win . ' the council met . "
            "`` i think it works , '' she said .")
    spoken = without_speech(text)
    assert "must" not in spoken and "think" not in spoken
    assert "the council met" in spoken and "the mayor said" in spoken
    assert without_speech("use `ls -l` here") == "use `ls -l` here"


def test_a_claim_in_the_authors_voice_in_the_conclusion_outscores_one_in_the_middle() -> None:
    paragraphs = (
        "The city has argued about heating for a decade.",
        "Landlords should insulate the flats they rent, some councillors say.",
        "Subsidies have not worked, and the flats stay cold in every winter.",
        "We believe landlords should insulate the flats they rent before 2030.",
    )
    document = segment(Article(source="o.txt", paragraphs=paragraphs))
    scores = quotes.claim_scores(document, range(len(document.sentences)),
                                 quotes.read(document))
    assert max(scores, key=scores.__getitem__) == 3


def test_the_page_speaking_to_its_reader_is_furniture() -> None:
    """Affiliate disclosures, membership prompts and social handles close many pages; an
    argument's conclusion weighs most, so they must never pass for it."""
    for line in ("Gadgetly may receive a commission on orders placed through this article.",
                 "If you liked this story, we have an offer for you: Join GAZETTE PLUS.",
                 "Follow @GadgetlyDeals on Twitter to keep up with the newest offers.",
                 "Please support our journalism and become a member today.",
                 "You can view our March 2021 reader thread here.",
                 "The views expressed in this article are the author's own and do not "
                 "necessarily reflect the Gazette's editorial policy.",
                 "Opinions expressed by Gazette contributors are their own.",
                 "The opinions expressed in this commentary are solely those of Ana Ruiz.",
                 "The views expressed in this article are the writer’s own.",
                 "Catch up on the election with our experts on our weekly politics podcast.",
                 "Get started with the Gazette diet plan here."):
        assert is_furniture(line, None), line
    assert not is_furniture("The council should follow the auditors' advice.", None)
    for line in ("You can see why voters are angry here in Ohio.", "You can see the damage here.",
                 "If you can find a better plan, I'd like to hear it here.",
                 "The views expressed by the minister angered teachers.",
                 "The minister said the podcast was popular.",
                 "Get started early: the council opens its consultation here in March.",
                 "Shop owners say rents have doubled since the market moved here.",
                 "Check out times at the hospital are the longest in the country here.",
                 "Speaking to our politics podcast, the chancellor said taxes would rise.",
                 "The views expressed by the minister are those of the government, he said.",
                 "The views expressed in the survey do not necessarily reflect the public.",
                 "The views expressed in the column were condemned by the prime minister.",
                 "The views expressed at the meeting are their own, the council said.",
                 "Analysts expressed concern that the rules do not necessarily help savers."):
        assert not is_furniture(line, None), line


def test_a_call_quoted_in_single_marks_is_reported_not_the_authors() -> None:
    """Daily Mail-style copy quotes in single marks: the same speech rule as the genre's."""
    from policybrief.brief.recommendations import calls, recommendations
    from policybrief.models import Sentence

    texts = ["'We must get back to winning ways,' the manager told reporters.",
             "The league should publish its fixture list earlier."]
    sentences = [Sentence(t, i + 1, i) for i, t in enumerate(texts)]
    assert [p.text for p in recommendations(sentences)] == [texts[1]]
    assert [p.text for p in calls(sentences)] == [texts[0]]


def test_recommendations_follow_the_labelling_guidelines_traps_and_markers() -> None:
    """Predictions and described duties ("would have to", "may have to"), the author's own
    duty told in a memoir ("I must face it"), discourse moves ("let's agree"), a need denied
    and a source's call are no recommendations of the author's; hedged advice ("might try
    to"), "it may be time", "I wish X would", "please" and a call the author endorses
    ("X correctly says") are. The verb a cue prescribes ("needs to think") is no attribution."""
    from policybrief.brief.recommendations import calls, recommendations
    from policybrief.models import Sentence

    traps = [
        "The audit showed that the firm would have to deliver savings every year.",
        "Depending on the surgeon's schedule I may have to wait for hours.",
        "Now I must deal with it alone.",
        "Let's also agree that there are some costs to the new levy.",
        "We don't need a council licence to hold a street party.",
        "If rents rise, it shouldn't be a surprise to see more empty shops.",  # epistemic
        "Parents will need to choose which school will teach the child.",  # a prediction
        "The video has spread widely online, as it should.",  # a verdict
    ]
    made = [
        "The council needs to think carefully before selling the park.",
        "It may be time for a looser set of rules in the talks.",
        "Local parties might try to work with tenants in those estates.",
        "Hartley correctly says that we should focus on public health instead.",
        "I wish transport planners would weigh the costs of longer commutes.",
        "Please, councillors, publish the audit before the vote.",
        "Don't tell me the scheme is working.",
        "Students who want to save the library shouldn't stop.",  # "who want" reports no one
        "If it's on the basis of who the board thinks is a safe pair of hands, then the board "
        "needs to take a hard look at itself.",  # the condition's verb attributes nothing after it
    ]
    reported = ["The union called on the Navy to withdraw the letter of warning.",
                "My friends insisted that we should leave early.",  # "my" is no speaker
                "The defence team will still argue the charge should be dropped."]
    for call in made:  # each beside all the traps: only the call is the author's
        sentences = [Sentence(t, i + 1, i) for i, t in enumerate([*traps, call, *reported])]
        assert [p.text for p in recommendations(sentences)] == [call]
        assert [p.text for p in calls(sentences)] == reported


def test_a_sentence_that_leads_in_to_the_next_is_never_quoted_alone() -> None:
    paragraphs = (
        "The president gave his address last night to a divided chamber.",
        "If he gave the address I would like to hear, he should say this:",
        "We should put a stop to all subsidies and let failing firms fail.",
    )
    document = segment(Article(source="o.txt", paragraphs=paragraphs))
    assert quotes.leads_in(paragraphs[1]) and not quotes.leads_in(paragraphs[2])
    scores = quotes.claim_scores(document, range(len(document.sentences)), quotes.read(document))
    assert 1 not in scores and max(scores, key=scores.__getitem__) == 2
    assert not quotes.read(document).quotable(document.sentences[1])


def test_a_headline_that_asks_a_question_marks_an_argument() -> None:
    """A report's text under a question headline is argued or analysed, not reported: the
    brief reads it as opinion and quotes its claim; the same text under a plain headline
    stays news."""
    paragraphs = (
        "Russia moved troops to its border with South Ossetia last week, officials said.",
        "The deployment followed talks in Geneva, the foreign ministry said on Monday.",
        "Russia cannot afford another war while its economy shrinks, and Georgia must "
        "keep its pledge not to use force.",
    )
    asked = brief(Article(source="o.txt", paragraphs=paragraphs,
                          title="Is Russia stretched too thin?"))
    told = brief(Article(source="o.txt", paragraphs=paragraphs, title="Russia moves troops"))
    assert (asked.genre, told.genre) == ("opinion", "news")
    assert asked.bottom_line == paragraphs[2]


def test_an_arguments_thesis_counts_among_its_calls_a_reports_lede_does_not() -> None:
    """The brief never prints a sentence twice, but an op-ed's thesis is often its main call:
    the JSON lists it among the recommendations; a news lede's verbs report, they do not call."""
    opinion = brief(Article(source="o.txt", title="Why I think the council is wrong", paragraphs=(
        "I believe the council should publish its audit of the heating scheme before the vote.",
        "Subsidies have not worked, and the flats stay cold in every winter.",
        "We have waited a decade for warm homes.",
    )))
    assert opinion.genre == "opinion"
    assert opinion.bottom_line in [p.text for p in opinion.recommendations]
    news = brief(Article(source="n.txt", paragraphs=(
        "Courts ruled on Monday that the singer must serve three years of probation.",
        "The singer's lawyer said she would appeal.",
        "The hearing lasted two hours, the court said.",
    )))
    assert news.genre == "news" and news.recommendations == ()


def test_bylines_tags_credits_and_page_notices_are_furniture_though_they_end_in_a_stop() -> None:
    for line in ("By Tom Bennett, Political Editor.", "By Jane Doe and John Smith.",
                 "Last modified on Tue 19 Nov 2019 10.32 GMT.",
                 "Tags: fuel duty, Treasury, Conservatives.", "Filed under: Politics.",
                 "Reporting by Jane Doe; Editing by John Smith.", "Share on Facebook.",
                 "This article was originally published on The Conversation.",
                 "Comments are closed."):
        assert is_furniture(line, None), line
    for line in ("By Monday, the council had voted to raise taxes.",
                 "By 2030, Britain must cut emissions by half.",
                 "Share prices fell sharply on Monday.", "Editing by hand is slow, he said.",
                 "First published in 1949, Nineteen Eighty-Four remains a warning.",
                 "Reporting by ProPublica revealed the payments.",
                 "Comments are open until March 15 on the proposed rule.",
                 "WASHINGTON (Reuters) - The Senate passed the budget on Friday.",
                 "Judges Simon Cowell and Louis Walsh are in talks to sign up for a new series."):
        assert not is_furniture(line, None), line


def test_keywords_and_actors_come_from_the_article_not_its_furniture() -> None:
    paragraphs = (
        "By Tom Bennett, Political Editor.",
        "Conservative backbenchers threatened on Monday to vote against the government's "
        "planned rise in fuel duty, raising the prospect of a Commons defeat.",
        "At least 40 MPs have signed a letter opposing the fuel duty rise, which would add 5p "
        "to a litre of petrol.",
        "The Treasury said the fuel duty rise was needed to fund road repairs.",
        "Tags: fuel duty, Treasury, Conservatives.",
    )
    result = brief(Article(source="f.txt", paragraphs=paragraphs))
    named = [*result.keywords, *(a.name for a in result.actors)]
    assert not any(n in ("Tom Bennett", "Political Editor") for n in named), named
    assert "Treasury" in [a.name for a in result.actors]


def test_a_sentence_whose_speaker_is_still_unnamed_leans_back() -> None:
    for line in ('"Every decision we take puts pupils first," she added on Tuesday.',
                 "On Monday, she said the plan would raise spending per pupil.",
                 "Last year she promised that no school would lose money.",
                 "In addition, the plan cuts grants for special needs pupils.",
                 "As a result, several schools will lose teachers.",
                 "Or, as one adviser put it, the schools must choose between staff and books.",
                 "Nor will the council say how many teachers it will lose.",
                 "Or Labour whips could delay the vote until the autumn."):
        assert quotes.leans_back(line), line
    for line in ("Asked whether she would resign, Ms Hart said no.",
                 "In 2010, the council voted to close the school.",
                 "Head teachers said the plan ignored rising costs.",
                 "In addition to raising rates, the Bank of England cut its forecast.",
                 "As a result of the strike, trains stopped.",
                 "Similarly sized firms paid less tax.",
                 "Oregon voted to close the school."):
        assert not quotes.leans_back(line), line


def test_an_arguments_key_points_do_not_restate_its_thesis() -> None:
    paragraphs = (
        "Every winter the rivers rise and every winter ministers promise action. Britain must "
        "build permanent flood defences instead of relying on sandbags. The Environment Agency "
        "estimates that 5.2 million homes are at risk.",
        "Last year floods cost the economy £1.6 billion, according to the Treasury. Insurers "
        "paid out £500 million in Yorkshire alone. Farmers lost whole harvests in Somerset.",
        "Some people argue that moving homes away from rivers is cheaper. They are wrong. "
        "Relocation would uproot whole towns.",
        "Britain must build permanent flood defences rather than rely on sandbags. The "
        "government should double the defence budget and ministers should stop pretending the "
        "problem will go away. I believe we cannot afford to wait another winter.",
    )
    result = brief(Article(source="o.txt", paragraphs=paragraphs,
                           title="Britain must build real flood defences"))
    assert result.genre == "opinion"
    assert result.bottom_line.startswith("Britain must build permanent flood defences")
    texts = [p.text for p in result.key_points]
    assert not any(t.startswith("Britain must build") for t in texts)  # the thesis again
    assert len(texts) == 3


def test_a_bio_ending_a_jsonl_record_is_no_quote_and_names_the_author(tmp_path: Path) -> None:
    """A whole article (a JSONL record, a page) that ends on its author's bio line: the bio is
    the byline and files the piece as an argument, and is never quoted."""
    bio = ("Ana Ruiz is the host of a weekly radio programme on housing. Ruiz also writes a "
           "column for the Example Gazette.")
    source = tmp_path / "r.jsonl"
    source.write_text(json.dumps({"text": "\n\n".join([*REPORT, bio])}) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["brief", str(source), "--out", str(out), "--format", "json"])
    assert result.exit_code == 0, result.output
    (made,) = [json.loads(p.read_text(encoding="utf-8")) for p in out.glob("*.json")]
    quoted = [made["bottom_line"], *(p["text"] for p in made["key_points"])]
    assert not any("Ruiz" in text for text in quoted)
    assert made["genre"] == "opinion" and made["authors"] == ["Ana Ruiz"]


def test_a_report_ending_on_a_person_keeps_its_last_paragraph(tmp_path: Path) -> None:
    """A report may end on someone it reports on: in the past, in an office that is no
    writer's, named before, or not the byline's person. It stays a report, whole."""
    from policybrief.segment import closing_bio

    body = list(REPORT)
    for last, author in (("Jon Smyth was a member of the council board until 2001.", None),
                         ("Mary Jonas is president of the tenants' association, which plans a "
                          "legal challenge.", None),
                         ("Ana Ruiz is a housing economist at the Example Institute.", "Li Wei")):
        assert closing_bio([*body, last], author) is None, last
    named = [*body[:-1], body[-1] + " Ana Ruiz, an economist, disagreed.",
             "Ana Ruiz is a housing economist at the Example Institute."]
    assert closing_bio(named) is None
    assert closing_bio([*body, "Ana Ruiz is a housing economist at the Example Institute."])
    # a bio's usual forms, and a byline written with a job or surname first
    for bio in ("Ana Ruiz is president of the Example Institute and the author of Fair Rents.",
                "Ana Ruiz is the Gazette's Eastern Europe correspondent."):
        assert closing_bio([*body, bio]) == bio
    for byline in ("Ana Ruiz, Political Editor", "Ruiz, Ana"):
        assert closing_bio([*body, "Ana Ruiz is a columnist for the Gazette."], byline)
    for last in ("Jon Smyth is a fellow survivor of the crash.", "Ana Ruiz is the wife of writer Li Wei.",
                 "Leeds is set to host the games in 2030."):
        assert closing_bio([*body, last]) is None, last
    source = tmp_path / "r.jsonl"
    source.write_text(json.dumps({"text": "\n\n".join([*body, "Jon Smyth was a member of the "
                                                        "council board until 2001."])}) + "\n")
    result = CliRunner().invoke(app, ["brief", str(source), "--out", "-", "--format", "json"])
    (made,) = json.loads(result.stdout)
    assert made["genre"] == "news" and made["authors"] == []
    assert "Jon Smyth" in result.stdout  # still an actor of the report: its paragraph was read


def test_a_claim_of_five_words_may_be_an_arguments_thesis() -> None:
    """"There must be accountability too." states a claim whole; a shorter line does not."""
    paragraphs = (*OPED[:-1], "Laying out a catalogue of failures is not enough. There must be "
                  "accountability too.")
    document = segment(Article(source="o.txt", paragraphs=paragraphs))
    reading = quotes.read(document, quotes.OPINION)
    ranked = list(range(len(document.sentences)))
    scores = quotes.claim_scores(document, ranked, reading)
    five = next(s.index for s in document.sentences if s.text == "There must be accountability too.")
    assert five in scores
    short = segment(Article(source="s.txt", paragraphs=(*OPED[:-1], "We must act now.")))
    four = short.sentences[-1].index
    assert four not in quotes.claim_scores(short, list(range(len(short.sentences))),
                                           quotes.read(short, quotes.OPINION))
