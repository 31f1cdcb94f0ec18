"""Quoted speech is taken out before a text's own voice is read (genre, claims, calls)."""

from __future__ import annotations

from policybrief.brief.speech import without_speech
from policybrief.models import Article
from policybrief.pipeline import brief_article

BBC_SPORT = (
    "Rhys Tallon beat Ivo Marchal 7-5 6-0 in the final of the Harbour Cup.",
    '"It was an odd match," said Tallon. "I felt like I started well, but he found his '
    'rhythm. "When he came back to 5-5, I had to settle down, and I think I managed that."',
    'Marchal was forced to pull out of the doubles. "For me, this was a big step," said the '
    '19-year-old. "I was so nervous I could not eat. "I think I must play more finals."',
)


def test_a_quote_told_in_stretches_is_all_speech() -> None:
    """BBC copy opens each new stretch of one speaker's quote with a fresh mark and closes
    only the last: every stretch is the speaker's, none the author's."""
    left = without_speech(" ".join(BBC_SPORT[1:]))
    assert "felt" not in left and "settle" not in left and "nervous" not in left
    assert "said Tallon" in left and "forced to pull out" in left


def test_marks_face_the_way_their_words_say() -> None:
    assert without_speech('He said "I am fine," and left.') == "He said   and left."
    assert "sleep" not in without_speech("as he complained,\"I can't sleep\"? We must act.")
    assert without_speech('the end of it," she said. We must act.').strip() == "she said. We must act."
    assert without_speech("We must act, and voters' rights matter.") == (
        "We must act, and voters' rights matter.")
    assert "winning" not in without_speech("'We must get back to winning ways,' he told reporters.")


def test_a_sports_report_full_of_quoted_i_and_must_stays_news() -> None:
    brief = brief_article(Article(source="r.txt", paragraphs=BBC_SPORT,
                                  title="Tallon survives wobble in final"))
    assert brief.genre == "news"
    assert brief.bottom_line == BBC_SPORT[0]


def test_a_stray_opening_mark_does_not_silence_the_rest_of_an_article() -> None:
    text = 'The "reform began in 1990. ' + "We must act now. " * 60
    left = without_speech(text)
    assert "reform" not in left and left.count("We must act now.") >= 20
