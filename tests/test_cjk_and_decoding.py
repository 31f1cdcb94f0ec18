"""Chinese and Japanese text (words without spaces, sentences ending in 。！？) and the
decoding of UTF-32 files and of UTF-16 or UTF-32 files without a byte-order mark.

New names (``prose.word_count``…) are imported inside the tests, so that on code without
them each test fails on its own assertion, not the whole module on an import.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from policybrief.brief.actors import find_actors
from policybrief.brief.keyphrases import key_phrases
from policybrief.errors import IngestError
from policybrief.ingest.files import read
from policybrief.models import Article, PolicyBrief, Sentence
from policybrief.segment import paragraphs_of, segment, split_articles, split_sentences

FIXTURES = Path(__file__).parent / "fixtures" / "cjk"
ZH = FIXTURES / "zh_transit.txt"
JA = FIXTURES / "ja_energy.txt"
CJK = re.compile(r"[\u3041-\u30ff\u3400-\u9fff]")

# The fixtures' sentences, split by hand, in order (the titles are their first lines).
ZH_SENTENCES = [
    "市政府周一宣布，将在未来三年内投入五十亿元，扩建城市公交网络并更新老旧车辆。",
    "交通局局长王立新在新闻发布会上表示，新计划将优先覆盖郊区和新建住宅区。",
    "根据计划，全市将新增八十条公交线路，其中三十条为夜间线路。",
    "所有新购车辆均为纯电动车，预计每年可减少碳排放约十二万吨。",
    "“我们希望让更多市民放弃私家车，选择公共交通。”王立新说。",
    "不过，一些市人大代表对资金来源提出质疑。",
    "他们指出，市财政今年已出现赤字，新增支出可能挤占教育和医疗预算。",
    "这笔钱花得值吗？",
    "财政局回应称，约四成资金将来自中央政府的专项补贴，其余部分通过发行地方债券筹集。",
    "交通专家认为，公交系统的效率比规模更重要。",
    "同济大学的一位教授说，如果不同时改革票价和调度制度，新线路的利用率可能很低。",
    "她建议市政府先在两个区进行为期一年的试点，再决定是否全面推广！",
    "市民的反应则较为复杂。",
    "家住城东的李女士表示，她每天通勤需要换乘三次公交，新线路如果能直达市中心，将节省大量时间。",
    "但也有市民担心，施工期间道路拥堵会进一步加剧。",
    "市政府表示，将在下月公布详细的施工时间表，并听取公众意见。",
]
JA_SENTENCES = [
    "政府は十五日、二〇三〇年度の電源構成に占める再生可能エネルギーの割合を、現在の目標である"
    "三十六％から四十％以上に引き上げる方針を固めた。",
    "経済産業省が来週にも有識者会議に新たな案を示す。",
    "新たな案では、洋上風力発電の導入量を大幅に増やすほか、住宅の屋根に太陽光パネルを設置する"
    "世帯への補助金を拡充する。",
    "送電網の増強には今後十年間で約六兆円が必要になると試算している。",
    "首相は記者団に対し、「脱炭素と経済成長を両立させるためには、思い切った投資が欠かせない。」と述べた。",
    "一方、電力業界からは、天候に左右される再生エネの比率が高まれば、電力の安定供給が難しくなるとの"
    "懸念も出ている。",
    "日本商工会議所の幹部は「電気料金がこれ以上上がれば、中小企業の経営は立ち行かなくなる」と語った。",
    "専門家の間では、蓄電池の普及や地域間の送電線の整備を急ぐべきだとの意見が多い。",
    "本当に目標は達成できるのか？",
    "環境団体は今回の方針を一定程度評価しつつも、目標はなお不十分だと指摘する。",
    "「世界の主要国と比べれば、日本の取り組みは遅れている！」と、ある団体の代表は強調した。",
    "政府は年内に新たなエネルギー基本計画を閣議決定する予定だ。",
]
ZH_TITLE = "市政府拟投入五十亿元扩建公交网络"
JA_TITLE = "政府、再生可能エネルギーの導入目標を引き上げへ"
# a Chinese story naming Latin-script actors, one in full-width letters
ZH_LATIN = [
    "美国总统Donald Trump周三表示，世界贸易组织（WTO）的改革势在必行。",
    "他批评WTO的争端解决机制效率低下，并称美国可能退出该组织。",
    "欧盟官员回应说，ＷＴＯ仍是多边贸易体系的基石，各方应通过谈判解决分歧。",
    "分析人士认为，Donald Trump的言论将给下月举行的部长级会议蒙上阴影。",
    "中国商务部发言人表示，中方支持对WTO进行必要改革，但反对单边主义。",
]


def _body(path: Path) -> tuple[str, ...]:
    """The fixture's paragraphs after its title line."""
    return tuple(paragraphs_of(path.read_text(encoding="utf-8"))[1:])


# -- 1a. word counts --------------------------------------------------------------------


def test_word_count_counts_each_ideograph_and_kana() -> None:
    from policybrief.prose import word_count

    assert word_count("政府は十五日、") == 6  # 、 is no word
    assert word_count("这笔钱花得值吗？") == 7
    assert word_count("“我们希望让更多市民放弃私家车。”王立新说。") == 18
    assert word_count("美国总统Donald Trump周三表示") == 10  # 8 characters and 2 English words
    assert word_count("Ｇ７サミットが開幕") == 8  # the full-width "Ｇ７" is one word
    assert word_count(ZH_SENTENCES[0]) == 35


def test_word_count_of_text_without_cjk_characters_is_the_whitespace_count() -> None:
    from policybrief.prose import word_count

    korean = "정부는 15일 새로운 교통 정책을 발표했다. 시민들은 대체로 환영했다."
    for text in (
        "The minister said — again — that the plan will go ahead.",
        korean,  # Korean puts spaces between its words
        "",
        "  spaced\tout\nwords  ",
    ):
        assert word_count(text) == len(text.split())


# -- 1b. sentence splitting ---------------------------------------------------------------

CJK_SPLITTING = [
    ("今天下雨了。明天会晴吗？我们出去玩吧！", ["今天下雨了。", "明天会晴吗？", "我们出去玩吧！"]),
    ("真的吗？！不可能。", ["真的吗？！", "不可能。"]),  # a run of marks ends once
    ("他说：“计划已经批准。”随后离开了会场。", ["他说：“计划已经批准。”", "随后离开了会场。"]),
    ("“我们会按时完成。”王立新说。工程下月开工。", ["“我们会按时完成。”王立新说。", "工程下月开工。"]),
    ("（以上数据为初步统计。）最终结果下周公布。", ["（以上数据为初步统计。）", "最终结果下周公布。"]),
    ("增长率为３．５％。随后有所回落。", ["增长率为３．５％。", "随后有所回落。"]),  # ． in a number
    ("雨が降った。明日は晴れるだろうか？", ["雨が降った。", "明日は晴れるだろうか？"]),
    (
        "「もう限界だ。」と彼は言った。会議は中断した。",
        ["「もう限界だ。」と彼は言った。", "会議は中断した。"],
    ),
    ("「本当ですか？」って聞かれた。答えなかった。", ["「本当ですか？」って聞かれた。", "答えなかった。"]),
    (
        "『終わりだ！』彼は叫んだ。誰も答えなかった。",
        ["『終わりだ！』", "彼は叫んだ。", "誰も答えなかった。"],
    ),
    ("市场反应平淡。 投资者仍在观望。", ["市场反应平淡。", "投资者仍在观望。"]),  # a space after
    ("这是真的吗?我不敢相信!他摇了摇头.", ["这是真的吗?", "我不敢相信!", "他摇了摇头."]),  # half-width
    ("東京で会談した。Trump氏も出席した。", ["東京で会談した。", "Trump氏も出席した。"]),
    ("日程は未定だ｡発表を待つ｡", ["日程は未定だ｡", "発表を待つ｡"]),  # half-width ｡
]


@pytest.mark.parametrize(("text", "expected"), CJK_SPLITTING, ids=[row[0][:8] for row in CJK_SPLITTING])
def test_cjk_sentences_are_split_at_their_marks(text: str, expected: list[str]) -> None:
    assert list(split_sentences(text)) == expected


def test_fixtures_split_into_their_sentences() -> None:
    for path, sentences in ((ZH, ZH_SENTENCES), (JA, JA_SENTENCES)):
        assert [s for p in _body(path) for s in split_sentences(p)] == sentences


def test_english_with_cjk_names_splits_as_before() -> None:
    """A CJK character in an English paragraph changes nothing (tests/test_segment.py holds
    the English splitting table)."""
    assert split_sentences("Minister J.W. Kuo (郭智輝) sent two officials. They left.") == (
        "Minister J.W. Kuo (郭智輝) sent two officials.",
        "They left.",
    )
    assert split_sentences("He met Tsai (蔡英文) in Taipei. It was brief. Then he left.") == (
        "He met Tsai (蔡英文) in Taipei.",
        "It was brief.",
        "Then he left.",
    )


def test_korean_is_split_and_counted_as_before() -> None:
    """Korean puts spaces between words and after its full stops: nupunkt splits it."""
    from policybrief.prose import is_cut_off, word_count

    text = "정부는 15일 새로운 교통 정책을 발표했다. 이 정책은 내년부터 시행된다! 비용은 누가 부담하나?"
    assert split_sentences(text) == (
        "정부는 15일 새로운 교통 정책을 발표했다.",
        "이 정책은 내년부터 시행된다!",
        "비용은 누가 부담하나?",
    )
    assert word_count(text) == len(text.split()) == 13
    assert not is_cut_off(text) and is_cut_off(text.rstrip("?"))


# -- 1c. terminals and cut-off paragraphs ----------------------------------------------------


def test_terminal_marks_end_a_cjk_paragraph() -> None:
    from policybrief.prose import TERMINAL_RE

    for ending in ("。", "！", "？", "。」", "！』", "？）", "。”", "｡", "？！"):
        assert TERMINAL_RE.search(f"会议于周三结束{ending}"), ending
    assert not TERMINAL_RE.search("会议于周三结束，双方将")


def test_a_long_cjk_paragraph_without_a_terminal_is_cut_off() -> None:
    from policybrief.prose import is_cut_off

    teaser = "市政府周一宣布，将在未来三年内投入五十亿元，扩建城市公交网络并更新老旧车辆，交通局"
    assert is_cut_off(teaser)
    assert is_cut_off("政府は十五日、二〇三〇年度の電源構成に占める再生可能エネルギーの割合を")
    assert not is_cut_off(ZH_SENTENCES[0])  # ended
    assert not is_cut_off(ZH_TITLE)  # a headline: short, no terminal
    assert not is_cut_off(JA_TITLE)
    item = "- 新增八十条公交线路，其中三十条为夜间线路，全部采用纯电动车辆运营并配备无障碍设施"
    assert not is_cut_off(item)  # a list item


# -- 1d. articles and documents ----------------------------------------------------------------


def test_a_one_paragraph_chinese_text_is_an_article() -> None:
    """Not taken for a headline with no article under it ("holds no article text")."""
    text = "".join(ZH_SENTENCES[:3])
    articles = split_articles(text, "zh.txt")
    assert len(articles) == 1
    assert articles[0].paragraphs == (text,) and articles[0].title is None


def test_a_chinese_file_of_one_paragraph_is_not_refused(tmp_path: Path) -> None:
    """Through ingest and the pipeline: once refused as "holds no article text"."""
    from policybrief.pipeline import Failure, articles_of

    path = tmp_path / "zh.txt"
    path.write_text("".join(ZH_SENTENCES[:5]) + "\n", encoding="utf-8")
    (item,) = articles_of([read(str(path))])
    assert not isinstance(item, Failure), item
    assert [s.text for s in segment(item).sentences] == ZH_SENTENCES[:5]


def test_cjk_fixtures_are_one_titled_article_each() -> None:
    for path, title, sentences in ((ZH, ZH_TITLE, ZH_SENTENCES), (JA, JA_TITLE, JA_SENTENCES)):
        articles = split_articles(path.read_text(encoding="utf-8"), path.name)
        assert len(articles) == 1
        article = articles[0]
        assert article.title == title
        assert len(article.paragraphs) == 5 and not article.excerpt
        document = segment(article)
        assert [s.text for s in document.sentences] == sentences
        assert not any(s.truncated for s in document.sentences)


def test_a_cjk_paragraph_cut_off_is_an_excerpt_and_its_last_sentence_truncated() -> None:
    teaser = (
        "市政府周一宣布，将在未来三年内投入五十亿元。"
        "交通局局长王立新在新闻发布会上表示，新计划将优先覆盖郊区和新建"
    )
    articles = split_articles(f"{ZH_TITLE}\n\n{teaser}", "zh.txt")
    assert len(articles) == 1
    assert articles[0].title == ZH_TITLE and articles[0].excerpt
    sentences = segment(articles[0]).sentences
    assert [s.truncated for s in sentences] == [False, True]


def test_cjk_articles_split_at_separators_and_headings() -> None:
    zh, ja = "".join(ZH_SENTENCES[:4]), "".join(JA_SENTENCES[:4])
    articles = split_articles(f"# {ZH_TITLE}\n\n{zh}\n\n---\n\n{JA_TITLE}\n\n{ja}\n", "both.md")
    assert [(a.title, a.paragraphs, a.part) for a in articles] == [(ZH_TITLE, (zh,), 1), (JA_TITLE, (ja,), 2)]


def test_hard_wrapped_cjk_paragraphs_are_joined_with_no_space() -> None:
    wrapped = "\n\n".join(
        "\n".join(paragraph[i : i + 17] for i in range(0, len(paragraph), 17)) for paragraph in _body(ZH)
    )
    assert paragraphs_of(f"{ZH_TITLE}\n\n{wrapped}") == [ZH_TITLE, *_body(ZH)]


def test_a_hard_wrapped_cjk_line_ending_in_a_comma_goes_on() -> None:
    text = "市政府周一宣布，\n将在未来三年内投入五十亿元、\n扩建城市公交网络。\n交通局表示欢迎。"
    assert paragraphs_of(text) == [
        "市政府周一宣布，将在未来三年内投入五十亿元、扩建城市公交网络。",
        "交通局表示欢迎。",
    ]


# -- 1e. key phrases, actors, terms, and the whole brief ----------------------------------------


def _sentences(texts: list[str]) -> list[Sentence]:
    return [Sentence(text, 1, i) for i, text in enumerate(texts)]


def _no_junk_phrases(phrases: list[str], texts: list[str]) -> None:
    """Key phrases are words of the text as written: no empty strings, lone marks or kana."""
    whole = " ".join(texts)
    for phrase in phrases:
        assert phrase.strip() == phrase and phrase, phrase
        assert re.search(r"[^\W_]{2}", phrase), phrase  # not a lone mark, kana or letter
        assert phrase.lower() in whole.lower(), phrase  # written so, not clauses glued by spaces


@pytest.mark.parametrize("sentences", [ZH_SENTENCES, JA_SENTENCES, ZH_LATIN], ids=["zh", "ja", "zh-latin"])
def test_key_phrases_of_cjk_text_are_no_junk(sentences: list[str]) -> None:
    phrases = key_phrases(sentences)
    _no_junk_phrases(phrases, sentences)


def test_latin_names_in_chinese_text_are_key_phrases_and_actors() -> None:
    assert "WTO" in key_phrases(ZH_LATIN)
    actors = {(a.name, a.kind): a.count for a in find_actors(_sentences(ZH_LATIN))}
    assert actors == {("WTO", "organisation"): 4, ("Donald Trump", "person"): 2}


def test_actors_of_cjk_and_korean_text_are_no_junk() -> None:
    korean = [
        "Samsung은 15일 새로운 칩을 발표했다.",
        "업계는 Samsung의 발표를 주목했다.",
        "정부는 EU와 협의했다.",
    ]
    for texts in (ZH_SENTENCES, JA_SENTENCES, korean):
        for actor in find_actors(_sentences(texts)):
            assert not re.search(r"[\u3041-\u30ff\u3400-\u9fff\uac00-\ud7a3\uff01-\uff5e]", actor.name), actor
            assert re.fullmatch(r"[A-Z][\w .'&-]*", actor.name), actor
    # "EU와": EU and; "Samsung", named twice, is an organisation
    assert [a.name for a in find_actors(_sentences(korean))] == ["Samsung", "EU"]


def test_chinese_terms_are_character_bigrams() -> None:
    from policybrief import terms

    stems = terms.content_stems("市政府投入五十亿元扩建公交网络。")
    assert {"市政", "政府", "公交", "网络"} <= set(stems)
    assert terms.content_stems("エネルギー政策") == ["エネルギー", "政策"]
    # English text holding a name in CJK characters is tokenised as before
    assert terms.content_stems("Minister Kuo (郭智輝) said.") == ["minist", "kuo", "郭智輝"]


def test_the_default_ranker_sees_chinese_sentences_share_words() -> None:
    from policybrief.summarise.ranking import forward_centrality, term_table

    table = term_table([(ZH_SENTENCES, ZH_TITLE)])
    assert (forward_centrality(table) > 0).sum() >= len(ZH_SENTENCES) // 2
    assert table.dot(table.title)[0] > 0  # the first sentence shares words with the title
    assert int(table.lengths[0]) >= 35  # 35 words: not a "short" sentence


@pytest.mark.parametrize(
    ("path", "sentences"), [(ZH, ZH_SENTENCES), (JA, JA_SENTENCES)], ids=["zh", "ja"]
)
def test_a_cjk_article_is_briefed_in_whole_sentences(path: Path, sentences: list[str]) -> None:
    from policybrief.pipeline import brief_article

    brief = brief_article(Article(source=f"{path.stem}.txt", paragraphs=_body(path)))
    assert isinstance(brief, PolicyBrief), brief
    assert brief.bottom_line in sentences
    assert brief.key_points and all(p.text in sentences for p in brief.key_points)
    assert all(p.text in sentences for p in brief.recommendations)
    _no_junk_phrases(list(brief.keywords), sentences)
    assert not brief.actors


# -- 2. decoding -----------------------------------------------------------------------------------

TEXT = "Taiwan’s “view” – café, naïve, 中文, 10\u00a0%. The council met again.\n\nIt will vote on Friday.\n"


def _read(tmp_path: Path, data: bytes) -> tuple[str, str | None]:
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    source = read(str(path))
    return source.text, source.warning


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [(b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be")],
    ids=["le", "be"],
)
def test_utf32_with_a_byte_order_mark_is_text(tmp_path: Path, bom: bytes, encoding: str) -> None:
    text, warning = _read(tmp_path, bom + TEXT.encode(encoding))
    assert text == TEXT
    assert warning is None


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_with_a_byte_order_mark_is_still_text(tmp_path: Path, encoding: str) -> None:
    bom = b"\xff\xfe" if encoding.endswith("le") else b"\xfe\xff"
    assert _read(tmp_path, bom + TEXT.encode(encoding)) == (TEXT, None)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_a_byte_order_mark_are_read_with_a_warning(
    tmp_path: Path, encoding: str
) -> None:
    text, warning = _read(tmp_path, TEXT.encode(encoding))
    assert text == TEXT
    assert warning is not None and encoding.upper() in warning and "byte-order mark" in warning


def test_plain_utf16_without_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    text, warning = _read(tmp_path, "Hello world. ".encode("utf-16-le") * 50)
    assert text == "Hello world. " * 50
    assert warning is not None and "UTF-16-LE" in warning


def test_broken_utf16_without_a_byte_order_mark_is_refused_naming_the_cause(tmp_path: Path) -> None:
    path = tmp_path / "odd.txt"
    path.write_bytes("Hello world. ".encode("utf-16-le") * 50 + b"!")  # an odd length
    with pytest.raises(IngestError) as caught:
        read(str(path))
    message = str(caught.value)
    assert "UTF-16" in message and "without a byte-order mark" in message and "save it as UTF-8" in message
    assert "binary" not in message


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10,
        bytes(range(256)) * 8,
        b"\x01\x00\x02\x00\x03\x00\x04\x00" * 300,  # 16-bit numbers: NULs in place, but no text
    ],
    ids=["png", "bytes", "numbers"],
)
def test_binary_is_still_refused(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(data)
    with pytest.raises(IngestError, match="binary"):
        read(str(path))


def test_a_utf16_chinese_file_is_read_and_split_into_sentences(tmp_path: Path) -> None:
    """A UTF-16 file (with its BOM) in Chinese: read, then split into its sentences."""
    text, _ = _read(tmp_path, ZH.read_text(encoding="utf-8").encode("utf-16"))
    (article,) = split_articles(text, "zh.txt")
    assert [s.text for s in segment(article).sentences] == ZH_SENTENCES
    assert CJK.search(article.title or "")
