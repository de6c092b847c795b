"""Paragraphs from printed lines (replies/ingest/printed.py), from where each line sits."""

from pathlib import Path

from replies.ingest.printed import Piece, PrintedLine, paragraphs, set_in_lines
from replies.ingest.read import read_document
from tests.ingest.documents import write_ofd, write_pdf

SIZE = 12.0
LEFT, RIGHT = 72.0, 72.0 + 36 * SIZE  # a column 36 characters wide


def line(text: str, indent: int = 0, chars: int | None = None) -> PrintedLine:
    """A line printed `indent` characters in from the left edge, `chars` wide (its text's
    length unless given: a full line is 36)."""
    left = LEFT + indent * SIZE
    return PrintedLine(text, left, left + (chars or len(text)) * SIZE, SIZE)


def test_an_indented_letter_joins_a_full_line_to_the_flush_line_after_it_whatever_it_ends_with():
    page = [
        line("关于第12号提案的答复"),
        line("张三委员："),
        line("您提出的提案收悉。经研究，现答复如下：", indent=2, chars=34),  # full, ends in ：
        line("全县共有线路46条。", chars=36),  # full, ends in 。
        line("下一步将继续加大投入。"),
        line("一、加强规划", indent=2),
    ]
    assert paragraphs([page]).splitlines() == [
        "关于第12号提案的答复",
        "张三委员：",
        "您提出的提案收悉。经研究，现答复如下：全县共有线路46条。下一步将继续加大投入。",
        "一、加强规划",
    ]


def test_an_indented_line_begins_a_paragraph_even_after_a_full_line():
    page = [
        line("特此说明情况如下", indent=2, chars=34),
        line("全县共有线路46条，已经全部开通", chars=36),  # a paragraph that fills its last line
        line("二是加强管理。", indent=2),
    ]
    assert paragraphs([page]).splitlines() == [
        "特此说明情况如下全县共有线路46条，已经全部开通",
        "二是加强管理。",
    ]


def test_a_page_without_indents_ends_a_paragraph_at_a_full_line_that_ends_a_sentence():
    page = [
        line("您提出的关于城乡公交线路的建议收悉，现答复如下：", chars=36),
        line("全县共有线路46条，其中城乡线路", chars=36),
        line("12条。"),
        line("关于县政协十一届四次会议第38号提案的答复", chars=36),
        line("一、公交线路", chars=36),
        line("张三代表：您好"),
    ]
    assert paragraphs([page]).splitlines() == [
        "您提出的关于城乡公交线路的建议收悉，现答复如下：",
        "全县共有线路46条，其中城乡线路12条。",
        "关于县政协十一届四次会议第38号提案的答复",
        "一、公交线路",
        "张三代表：您好",
    ]


def test_a_salutation_or_numbered_item_is_never_a_continuation():
    page = [
        line("对县政协十一届四次会议第38号提案，现将办理情况", indent=2, chars=34),
        line("张三代表：您好", chars=10),
        line("对县政协十一届四次会议第38号提案，现将办理情况", indent=2, chars=34),
        line("（一）加强管理"),
    ]
    assert len(paragraphs([page]).splitlines()) == 4


def test_a_paragraph_split_by_a_page_break_is_joined():
    first = [line("近年来全市共建成社区养老服务中心", indent=2, chars=34), line("120个", chars=36)]
    number = line("-2-", indent=17)  # the page number, centred at the foot
    second = [line("投入资金3.5亿元。"), line("特此答复。", indent=2), number]
    assert paragraphs([first, second]).splitlines() == [
        "近年来全市共建成社区养老服务中心120个投入资金3.5亿元。",
        "特此答复。",
        "-2-",
    ]


def test_pieces_on_one_line_are_read_left_to_right_with_a_space_only_at_a_gap():
    pieces = [
        Piece("答复如下", 150, 198, 100, 112),
        Piece("现", 138, 150, 101, 113),  # a character high, overlapping the row
        Piece("联系人：李四", 300, 372, 100, 112),
        Piece("下一行", 138, 174, 118, 130),
    ]
    lines = set_in_lines(pieces)
    assert [item.text for item in lines] == ["现答复如下 联系人：李四", "下一行"]
    assert (lines[0].left, lines[0].right) == (138, 372)


def test_a_pdf_paragraph_wrapped_after_a_colon_or_full_stop_reads_as_one_line(tmp_path: Path):
    paragraph = (
        "您提出的关于加强社区养老服务体系建设的提案收悉。经认真研究，现答复如下："
        "近年来我市高度重视养老服务工作，全市共建成社区养老服务中心120个，投入资金3.5亿元。"
    )
    letter = ["关于第12号提案的答复", "张三委员：", paragraph, "特此答复。"]
    for path in (write_pdf(tmp_path / "a.pdf", letter), write_ofd(tmp_path / "a.ofd", letter)):
        assert read_document(path).text.splitlines() == letter, path.suffix


def test_a_line_that_stopped_short_because_a_number_or_bracket_would_not_fit_goes_on():
    page = [
        line("一、总体情况。各项工作全面推进。", indent=2, chars=34),  # as wide as the column
        line("为农村学校新增标准化校车12辆，覆盖农村学生", indent=2, chars=32),  # 2 short
        line("5600余人。"),  # a number is never broken: it moved down whole
        line("关于省十三届人大一次会议温36号建议的答复[浙交建", indent=2, chars=30),
        line("〔2018〕101号]"),  # an opening bracket never ends a line
        line("特此说明情况如下。已经全部开通并运行", indent=2, chars=31),  # stopped 3 short
        line("全县共有线路46条。"),  # a Chinese character would have fitted: a new paragraph
    ]
    assert paragraphs([page]).splitlines() == [
        "一、总体情况。各项工作全面推进。",
        "为农村学校新增标准化校车12辆，覆盖农村学生5600余人。",
        "关于省十三届人大一次会议温36号建议的答复[浙交建〔2018〕101号]",
        "特此说明情况如下。已经全部开通并运行",
        "全县共有线路46条。",
    ]


def test_a_last_page_of_short_lines_is_measured_against_the_letters_column():
    # Alone, the second page's longest line would look full and take the next one in.
    first = [
        line("您提出的提案收悉，现答复如下：全县共有线路", indent=2, chars=34),
        line("46条。", chars=3),
        line("联系电话：12345678", indent=2),
    ]
    last = [line("扫一扫在手机打开当前页", indent=2), line("湘易办", indent=2)]
    assert paragraphs([first, last]).splitlines() == [
        "您提出的提案收悉，现答复如下：全县共有线路46条。",
        "联系电话：12345678",
        "扫一扫在手机打开当前页",
        "湘易办",
    ]


def test_a_sentence_that_wraps_after_a_word_a_heading_ends_with_goes_on():
    page = [
        line("关于第22号建议的答复"),
        line("您提出的建议收悉。经认真研究，现答复", indent=2, chars=34),
        line("如下：", chars=3),
    ]
    assert paragraphs([page]).splitlines() == [
        "关于第22号建议的答复",
        "您提出的建议收悉。经认真研究，现答复如下：",
    ]


def test_a_space_a_wrapped_line_ended_with_is_kept_where_it_goes_on():
    page = [
        line("发布时间：2021-09-07 来源：某某县文化和旅游局 ", chars=36),
        line("浏览量：12"),
    ]
    assert paragraphs([page]) == "发布时间：2021-09-07 来源：某某县文化和旅游局 浏览量：12"


def test_a_closing_mark_hanging_past_the_edge_does_not_widen_the_column():
    page = [
        line("近年来全市共建成社区养老服务中心和农村幸福院，", indent=2, chars=34),
        line("覆盖全部乡镇街道，服务老年人口持续增加。", chars=36),
        line("今年以来新增养老床位一千余张，", indent=2, chars=34),
        line("全市养老机构入住率稳步提升，医养结合不断深化。", chars=37),  # 。 hangs
        line("五华区教育体育局于 2023 5 10 日在 442 号基地成功举", indent=2, chars=32.7),
        line("办了五人制足球友谊赛。"),
    ]
    assert paragraphs([page]).splitlines()[-1] == (
        "五华区教育体育局于 2023 5 10 日在 442 号基地成功举办了五人制足球友谊赛。"
    )


def test_a_heading_whose_end_wrapped_is_whole_and_what_follows_it_is_not_joined():
    page = [
        line("关于某某市五华区第十七届人大二次会议第169号建议答复", indent=2, chars=34),
        line("的函"),
        line("关于某某市五华区第十七届人大二次会议第170号建议的答复", indent=2, chars=34),
        line("发布时间：2024-01-03"),
    ]
    assert paragraphs([page]).splitlines() == [
        "关于某某市五华区第十七届人大二次会议第169号建议答复的函",
        "关于某某市五华区第十七届人大二次会议第170号建议的答复",
        "发布时间：2024-01-03",
    ]


def test_a_line_that_goes_on_with_an_ordinal_is_not_a_numbered_item():
    page = [
        line("某某县农业农村局关于政协某某县第十届委员会", indent=2, chars=34),
        line("第四次会议第22号提案的答复函"),
        line("第二，加强垃圾清运。", indent=2),
    ]
    assert paragraphs([page]).splitlines() == [
        "某某县农业农村局关于政协某某县第十届委员会第四次会议第22号提案的答复函",
        "第二，加强垃圾清运。",
    ]
