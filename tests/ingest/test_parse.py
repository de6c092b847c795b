"""Tables of the layouts real documents use, each read by the parser."""

import datetime as dt

import pytest

from replies.ingest.parse import parse
from replies.ingest.read import ReadDocument


def parse_text(text: str, **document):
    return parse(ReadDocument(text=text, format="txt", **document))


LETTER = """枣庄市台儿庄区科学技术局
{header}
关于区政协十届二次会议第012号提案的答复
张伟委员：
您提出的《关于支持科技企业发展的建议》收悉，现答复如下：
一、今年以来，我局组织企业申报项目。
枣庄市台儿庄区科学技术局
{date}
"""


def letter(header: str = "", date: str = "2023年7月28日") -> str:
    return LETTER.format(header=header, date=date)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("答复类型：B", "B"),
        ("答复类型： b", "B"),
        ("办理类型:A", "A"),
        ("(A)", "A"),
        ("（C）", "C"),
        ("A类", "A"),
        ("类别：A", "A"),
        ("类 别:B", "B"),
        ("办理结果:(C)", "C"),
        ("台科字〔2020〕11号A类", "A"),
        ("台科字〔2020〕11号 c类", "C"),
        ("类别:提案", None),
        ("", None),
    ],
)
def test_reply_type(header, expected):
    assert parse_text(letter(header)).reply_type == expected


def test_a_category_inside_the_body_is_not_the_reply_type():
    text = letter().replace("组织企业申报项目", "引进外国专家44人(其中A类6人)")
    assert parse_text(text).reply_type is None


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("台科字〔2023〕16号", "台科字〔2023〕16号"),
        # The year's brackets as GB/T 9704 prints them, whatever the page or the OCR used:
        # one 文号 is one string in every format.
        ("台科字【2023】16号", "台科字〔2023〕16号"),
        ("台科字[2023]16号", "台科字〔2023〕16号"),
        ("台科字(2023)16号", "台科字〔2023〕16号"),
        ("台科字（2023）16號", "台科字〔2023〕16号"),  # 號: script folded
        ("台科字〔２０２３〕１６号", "台科字〔2023〕16号"),
        ("台科字 〔2023〕 16 号          签发人：赵作明", "台科字〔2023〕16号"),
    ],
)
def test_document_number_in_any_bracket(header, expected):
    parsed = parse_text(letter(header))
    assert parsed.doc_number == expected


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("2023年7月28日", dt.date(2023, 7, 28)),
        ("2023 年 7 月 28 日", dt.date(2023, 7, 28)),
        ("二〇二三年七月二十八日", dt.date(2023, 7, 28)),
        ("二0二一年四月七日", dt.date(2021, 4, 7)),
        ("二〇二四年十二月三十一日", dt.date(2024, 12, 31)),
        ("２０２３年７月２８日", dt.date(2023, 7, 28)),
    ],
)
def test_letter_date_in_arabic_or_chinese_numerals(date, expected):
    parsed = parse_text(letter(date=date))
    assert (parsed.reply_date, parsed.year, parsed.year_note) == (expected, expected.year, None)


def test_the_signature_date_wins_over_dates_in_the_text_and_the_page():
    text = letter().replace("今年以来", "2023年6月面商时") + "\n"
    parsed = parse_text("2023-09-30 10:00 来源: 办公室\n" + text, published_at="2023-09-30 10:00")
    assert parsed.reply_date == dt.date(2023, 7, 28)


def test_without_a_date_the_year_comes_from_the_document_number_with_a_warning():
    parsed = parse_text(letter("台科字〔2022〕3号", date=""))
    assert (parsed.reply_date, parsed.year) == (None, 2022)
    assert parsed.year_note == "原文未注明日期，年份取自文号 台科字〔2022〕3号"
    assert parsed.year_note in parsed.warnings


def test_without_date_or_number_the_year_comes_from_the_page_with_a_warning():
    parsed = parse_text(letter(date=""), published_at="2025-05-22 15:52")
    assert parsed.year == 2025
    assert "网页发布时间" in parsed.year_note
    assert parsed.published_at == dt.datetime.fromisoformat("2025-05-22T15:52+08:00")


def test_with_no_date_at_all_the_year_stays_empty_and_says_so():
    parsed = parse_text(letter(date=""))
    assert parsed.year is None
    assert "原文未注明日期，年份不详" in parsed.warnings


@pytest.mark.parametrize(
    ("title_lines", "expected"),
    [
        (["关于区政协十届二次会议第012号提案的答复"], "关于区政协十届二次会议第012号提案的答复"),
        (
            ["关于区政协十届二次会议", "第012号提案的答复"],
            "关于区政协十届二次会议第012号提案的答复",
        ),
        (
            ["关于对区政协十届二次会议第012号提案", "答复的函"],
            "关于对区政协十届二次会议第012号提案答复的函",
        ),
        (
            ["关于区政协十届二次会议第012号提案的", "答　复"],
            "关于区政协十届二次会议第012号提案的答复",
        ),
        (["对区政协十届二次会议第012号 提案的答复"], "对区政协十届二次会议第012号提案的答复"),
        (["办理类型:A"], None),
    ],
)
def test_reply_title_joined_and_unspaced(title_lines, expected):
    text = letter().replace("关于区政协十届二次会议第012号提案的答复", "\n".join(title_lines))
    assert parse_text(text).reply_title == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("您提出的《关于支持科技企业发展的建议》收悉", "关于支持科技企业发展的建议"),
        (
            "您提出的关于《关于引育“专精特新”,加力提速的建议》的提案收悉",
            "关于引育“专精特新”,加力提速的建议",
        ),
        ("您们在会议上提出的“持续推进专精特新企业发展”已收悉", "持续推进专精特新企业发展"),
        ("您提出的关于加强校车安全管理的建议收悉", "关于加强校车安全管理的建议"),
        ("您提出的提案收悉", None),
    ],
)
def test_proposal_title_in_any_quotes_or_none(sentence, expected):
    text = letter().replace("您提出的《关于支持科技企业发展的建议》收悉", sentence)
    assert parse_text(text).proposal_title == expected


@pytest.mark.parametrize(
    ("salutation", "expected", "body"),
    [
        ("徐君、王敏、杨仁伟委员：", ("徐君", "王敏", "杨仁伟"), "政协"),
        ("尊敬的民革市委委员：", ("民革市委",), "政协"),
        ("工商联界别、余谷峰委员:", ("工商联界别", "余谷峰"), "政协"),
        ("张伟等委员：", ("张伟",), "政协"),
        ("王建国、李秀梅代表：", ("王建国", "李秀梅"), "政协"),
        ("九三学社吴江区基层委员会：", ("九三学社吴江区基层委员会",), "政协"),
    ],
)
def test_proposers_from_the_salutation_in_order(salutation, expected, body):
    parsed = parse_text(letter().replace("张伟委员：", salutation))
    assert parsed.proposers == expected
    # The title names the 政协 session, which decides the body even for a 代表 salutation.
    assert parsed.body == body


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "关于区政协十届二次会议第012号提案的答复",
            ("政协", "区", "台儿庄区", 10, 2, "十届二次会议", "012"),
        ),
        (
            "关于枣庄市政协十一届二次会议第112225号提案的答复",
            ("政协", "市", "枣庄市", 11, 2, "十一届二次会议", "112225"),
        ),
        (
            "关于政协台儿庄区第九届委员会第一次会议第A05号提案的答复",
            ("政协", "区", "台儿庄区", 9, 1, "第九届委员会第一次会议", "A05"),
        ),
        (
            "关于区十八届人大四次会议第0021号建议的答复",
            ("人大", "区", "台儿庄区", 18, 4, "十八届人大四次会议", "0021"),
        ),
        (
            "关于市十九届人大三次会议第7号建议的答复",
            ("人大", "市", "枣庄市", 19, 3, "十九届人大三次会议", "7"),
        ),
    ],
)
def test_session_and_proposal_number(title, expected):
    parsed = parse_text(letter().replace("关于区政协十届二次会议第012号提案的答复", title))
    got = (
        parsed.body,
        parsed.committee_level,
        parsed.committee_region,
        parsed.term,
        parsed.meeting,
        parsed.session_as_written,
        parsed.proposal_number,
    )
    assert got == expected


@pytest.mark.parametrize(
    ("line", "lead", "co"),
    [
        (
            "经商（会办单位区财政局、区人力资源和社会保障局），现答复如下：",
            None,
            ("区财政局", "区人力资源和社会保障局"),
        ),
        (
            "经商（协办单位区营商环境提升工作专班、区科技局），现答复如下：",
            None,
            ("区营商环境提升工作专班", "区科技局"),
        ),
        ("本提案由区科技局主办，区财政局、区税务局会办。", "区科技局", ("区财政局", "区税务局")),
        (
            "主办单位 区科技局\n会办单位 区财政局、区金融服务中心",
            "区科技局",
            ("区财政局", "区金融服务中心"),
        ),
        ("主办单位：区科技局\n协办单位：区财政局", "区科技局", ("区财政局",)),
    ],
)
def test_lead_unit_and_co_handlers(line, lead, co):
    text = letter().replace("一、今年以来", line + "\n一、今年以来")
    parsed = parse_text(text)
    assert (parsed.lead_unit, parsed.co_handlers) == (lead, co)


@pytest.mark.parametrize(
    ("lines", "person", "phone"),
    [
        ("联系人：刘祥明         联系电话：0632-6701012", "刘祥明", "0632-6701012"),
        ("联 系 人：蒋文杰    联系电话：0519-86312255", "蒋文杰", "0519-86312255"),
        ("联系人及电话：王青\n3083303", "王青", "3083303"),
        ("联系人：刘洋；联系电话：0536-8096672", "刘洋", "0536-8096672"),
        ("联系电话：13905371234", None, "13905371234"),
    ],
)
def test_contact_person_and_phone(lines, person, phone):
    parsed = parse_text(letter() + lines + "\n")
    assert (parsed.contact_person, parsed.contact_phone) == (person, phone)


def test_cc_list_and_handling_statistics_and_communication():
    text = (
        letter().replace(
            "一、今年以来",
            "提案中提出建议3条9个方面，其中涉及我单位6个方面，涉及协办单位3个方面，"
            "已采纳落实（解决）9个，落实率100%。已与委员沟通，通过电话联系方式沟通。\n一、今年以来",
        )
        + "抄送：区政协提案委员会，区委督查室，区政府督查室。\n"
    )
    parsed = parse_text(text)
    assert parsed.cc == ("区政协提案委员会", "区委督查室", "区政府督查室")
    stats = parsed.suggestions
    assert (
        stats.suggestions,
        stats.aspects,
        stats.ours,
        stats.co_handlers,
        stats.adopted,
        stats.adoption_rate,
    ) == (3, 9, 6, 3, 9, "100%")
    assert stats.as_written.endswith("落实率100%")
    assert parsed.communication == "电话"


@pytest.mark.parametrize(
    ("letterhead", "signature", "department", "county", "sector"),
    [
        (
            "枣庄市台儿庄区科学技术局",
            "枣庄市台儿庄区科学技术局",
            "枣庄市台儿庄区科学技术局",
            "台儿庄区",
            "科学技术",
        ),
        ("", "台儿庄区科技局", "枣庄市台儿庄区科学技术局", "台儿庄区", "科学技术"),
        ("枣庄市市中区发改委文件", "", "枣庄市市中区发展和改革委员会", "市中区", "发展和改革"),
        ("", "区人社局", "枣庄市台儿庄区人力资源和社会保障局", "台儿庄区", "人力资源和社会保障"),
        ("", "临沂市住建局", "临沂市住房和城乡建设局", None, "住房和城乡建设"),
    ],
)
def test_department_canonical_name_region_and_sector(
    letterhead, signature, department, county, sector
):
    text = letter().replace("枣庄市台儿庄区科学技术局\n", letterhead + "\n", 1)
    text = text.replace("枣庄市台儿庄区科学技术局\n2023", signature + "\n2023")
    text = text.replace("一、今年以来", "一、枣庄市台儿庄区今年以来")
    parsed = parse_text(text)
    assert (parsed.department, parsed.county, parsed.department_sector) == (
        department,
        county,
        sector,
    )


def test_a_county_name_shared_by_several_cities_is_resolved_by_the_other_places_named():
    text = "枣庄市市中区科学技术局文件\n" + letter().split("\n", 1)[1].replace(
        "枣庄市台儿庄区科学技术局", "市中区科学技术局"
    )
    parsed = parse_text(text)
    assert (parsed.city, parsed.county) == ("枣庄市", "市中区")
    alone = parse_text(letter().replace("枣庄市台儿庄区科学技术局", "市中区科学技术局"))
    assert alone.city is None and "无法确定" in alone.warnings[0]


def test_traditional_script_metadata_is_read_as_simplified():
    text = """臺兒莊區科學技術局
關於區政協十屆二次會議第012號提案的答覆
張偉委員：
您提出的《關於支持科技企業發展的建議》收悉，現答覆如下：
臺兒莊區科學技術局
2023年7月28日
"""
    parsed = parse_text(text)
    assert parsed.department == "枣庄市台儿庄区科学技术局"
    assert parsed.proposal_title == "关于支持科技企业发展的建议"
    assert parsed.proposers == ("张伟",)
    assert (parsed.term, parsed.meeting, parsed.proposal_number) == (10, 2, "012")
    assert parsed.text.startswith("臺兒莊區")  # the stored text keeps what the document says


def test_a_document_without_a_department_says_so_and_invents_nothing():
    parsed = parse_text("张伟委员：\n您提出的提案收悉，现答复如下：\n我们将认真研究。\n")
    assert parsed.department is None and parsed.county is None
    assert "未找到答复单位" in parsed.warnings
