"""Layout families of real replies, each in a document invented for it.

Every case is a family seen across provinces (not one document's wording): the rule that reads
it must read any document of the family. Names, places and numbers here are made up; the places
are real divisions so that the gazetteer can place them.
"""

import datetime as dt

import pytest

from replies.ingest.parse import parse
from replies.ingest.read import ReadDocument


def parse_text(text: str, **document):
    return parse(ReadDocument(text=text, format="txt", **document))


def letter(
    *,
    head: str = "关于县十届人大二次会议第12号建议的答复",
    salutation: str = "周某某代表：",
    receipt: str = "您提出的《关于改善乡村道路的建议》收悉，现答复如下：",
    body: str = "我局已将该路段列入明年计划，将于年内启动。",
    signature: str = "浏阳市交通运输局",
    date: str = "2023年6月30日",
    footer: str = "",
) -> str:
    return "\n".join(
        x for x in (head, salutation, receipt, body, signature, date, footer) if x is not None
    )


# --- who answers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "department", "county"),
    [
        # signature right-aligned with many spaces, and its date with trailing spaces
        (
            letter(signature=" " * 60 + "浏阳市交通运输局   ", date=" " * 70 + "2023年6月30日  "),
            "长沙市浏阳市交通运输局",
            "浏阳市",
        ),
        # the heading names the responder before 关于/对 (with a space, or glued)
        (
            letter(head="浏阳市交通运输局 对县十届人大二次会议第12号建议的答复", signature=""),
            "长沙市浏阳市交通运输局",
            "浏阳市",
        ),
        (
            letter(head="浏阳市交通运输局关于对市十届人大二次会议第12号建议的答复", signature=""),
            "长沙市浏阳市交通运输局",
            "浏阳市",
        ),
        # only the page's 来源 names it, inside a line of other page data
        (
            "2023-07-10 16:49 来源:浏阳市交通运输局 字号:\n" + letter(signature=""),
            "长沙市浏阳市交通运输局",
            "浏阳市",
        ),
        # 发布机构 and its value on alternating lines
        (
            "发布机构:\n浏阳市交通运输局\n发布日期:\n2023年07月10日\n" + letter(signature=""),
            "长沙市浏阳市交通运输局",
            "浏阳市",
        ),
        # a metadata pipe table
        (
            "索引号 | 000/2023-01 | 发布机构 | 浏阳市交通运输局 |\n" + letter(signature=""),
            "长沙市浏阳市交通运输局",
            "浏阳市",
        ),
        # an unlabelled bullet list of metadata
        (
            "• 000123/2023-00131\n  • 浏阳市交通运输局\n  • 2023-09-30\n" + letter(signature=""),
            "长沙市浏阳市交通运输局",
            "浏阳市",
        ),
        # the footer's 联系单位 is the only place that names it
        (
            letter(signature="", footer="联系单位:浏阳市交通运输局\n联系电话:0731-80000000"),
            "长沙市浏阳市交通运输局",
            "浏阳市",
        ),
        # towns, streets, governments, zone committees, police brigades
        (letter(signature="浏阳市大瑶镇人民政府"), "长沙市浏阳市大瑶镇人民政府", "浏阳市"),
        (letter(signature="雨花区人民政府东山街道办事处"), None, None),
        (letter(signature="长沙市雨花区人民政府"), "长沙市雨花区人民政府", "雨花区"),
        # a joint signature: the first unit answers
        (
            letter(signature="浏阳市交通运输局 浏阳市财政局 浏阳市公路事务中心"),
            "长沙市浏阳市交通运输局",
            "浏阳市",
        ),
        (  # and read by OCR, its gaps lost
            letter(signature="浏阳市交通运输局浏阳市财政局浏阳市公路事务中心"),
            "长沙市浏阳市交通运输局",
            "浏阳市",
        ),
        (  # a branch named after its city's bureau is one unit
            letter(signature="济南市公安局历下区分局"),
            "济南市公安局历下区分局",
            None,
        ),
        # spam put where the place name was: the unit survives, completed by the body
        (
            letter(
                signature="bt888娱乐手机版_888bet真人_Bet365app下载交通运输局",
                body="市交通运输局将督促雨花区加快进度。",
            ),
            "长沙市交通运输局",
            None,
        ),
        # the responder only in the third person in the body
        (
            letter(signature="", date="", body="区教育局高度重视，已将该校列入计划。"),
            "区教育局",
            None,
        ),
    ],
)
def test_the_responder_wherever_the_page_puts_it(text, department, county):
    parsed = parse_text(text)
    if department is None:  # a street office signs: a department, never a guess at its place
        assert parsed.department and parsed.department.endswith("街道办事处")
        return
    assert (parsed.department, parsed.county) == (department, county)


def test_the_signature_is_the_dated_unit_not_a_list_of_links_after_it():
    text = letter(footer="相关链接\n浏阳市财政局\n浏阳市教育局")
    assert parse_text(text).department == "长沙市浏阳市交通运输局"


def test_the_government_backing_a_unit_in_the_body_is_not_the_responder():
    text = letter(signature="", date="", body="县委县政府高度重视，已将该路段列入计划。")
    assert parse_text(text).department is None


def test_prose_before_weiyuan_is_not_a_proposer():
    text = (
        "关于某某的答复\n对政协委员提出的关于修路的建议，我局高度重视，现答复如下：" + "我局" * 30
    )
    assert parse_text(text).proposers == ()


def test_a_bare_unit_is_completed_by_a_zone_named_in_the_footer():
    text = (
        "发布机构:\n交通运输局\n"
        + letter(signature="", date="")
        + "\n主办:济源产城融合示范区交通运输局 电话:0391-0000000"
    )
    parsed = parse_text(text)
    assert parsed.department == "济源产城融合示范区交通运输局"
    assert (parsed.province, parsed.city, parsed.county) == ("河南省", "济源市", None)
    assert parsed.contact_phone is None  # the portal's number is not a contact


def test_a_unit_without_any_place_takes_the_publishers_place():
    text = "发布时间:2024-10-25 11:47信息来源:潘集区人民政府\n" + letter(signature="交警二大队")
    parsed = parse_text(text)
    assert parsed.department == "淮南市潘集区交警二大队"
    assert parsed.county == "潘集区"


def test_a_government_portal_is_not_the_author_of_a_units_letter():
    text = "发文机关: 淮南市政府 成文日期:\n" + letter(
        signature="", date="", body="我单位将积极向上级汇报。"
    )
    parsed = parse_text(text)
    assert parsed.department is None
    assert "未找到答复单位" in parsed.warnings


def test_a_government_above_a_units_letter_is_not_its_letterhead():
    text = "发文机关:\n淮南市政府\n淮南市人民政府\n" + letter(
        signature="", date="", body="我单位将积极向上级汇报。"
    )
    assert parse_text(text).department is None


def test_a_portal_footer_is_not_a_responder_but_a_form_before_the_letter_is():
    footer = "主办单位:浏阳市人民政府办公室 地址:浏阳市某路1号 邮编:410300"
    parsed = parse_text(letter(signature="", date="", footer=footer))
    assert parsed.department is None
    form = "代表姓名:甲某、乙某某\n主办单位:浏阳市交通运输局\n协办单位:\n事    由:关于修路的建议\n"
    parsed = parse_text(form + letter(signature="", date=""))
    assert parsed.department == "长沙市浏阳市交通运输局"
    assert parsed.co_handlers == ()
    assert parsed.proposers == ("甲某", "乙某某")
    assert parsed.proposal_title == "关于修路的建议"


@pytest.mark.parametrize(
    ("signature", "department", "province", "city", "county"),
    [
        ("阿拉善左旗交通运输局", "阿拉善盟阿拉善左旗交通运输局", "内蒙古自治区", "阿拉善盟", "阿拉善左旗"),
        ("和布克赛尔县林业局", "塔城地区和布克赛尔县林业局", "新疆维吾尔自治区", "塔城地区",
         "和布克赛尔蒙古自治县"),
        ("文山州交通运输局", "文山州交通运输局", "云南省", "文山壮族苗族自治州", None),
        ("仙桃市住房和城市更新局", "仙桃市住房和城市更新局", "湖北省", "仙桃市", None),
        ("塔城地区行政公署办公室", "塔城地区行政公署办公室", "新疆维吾尔自治区", "塔城地区", None),
        ("重庆綦江高新技术产业开发区管理委员会", "重庆綦江高新技术产业开发区管理委员会", "重庆市",
         "重庆市", None),
    ],
)  # fmt: skip
def test_banners_autonomous_areas_province_cities_and_zones(
    signature, department, province, city, county
):
    parsed = parse_text(letter(signature=signature))
    assert (parsed.department, parsed.province, parsed.city, parsed.county) == (
        department,
        province,
        city,
        county,
    )


def test_without_a_responder_the_place_comes_from_the_heading_or_the_portal():
    parsed = parse_text(
        letter(head="对政协衡阳市第十三届委员会第二次会议第5号提案的答复", signature="")
    )
    assert (parsed.province, parsed.city, parsed.county) == ("湖南省", "衡阳市", None)
    parsed = parse_text(letter(head="", signature="", footer="扫一扫\n番禺政府网\n关注"))
    assert parsed.county == "番禺区"
    parsed = parse_text(letter(head="", signature=""))
    assert (parsed.province, parsed.city, parsed.county) == (None, None, None)


# --- dates and years -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("2024719", dt.date(2024, 7, 19)),
        ("2023821", dt.date(2023, 8, 21)),
        ("20241018", dt.date(2024, 10, 18)),
        ("20246月14", dt.date(2024, 6, 14)),
        ("2023年6月30日 |", dt.date(2023, 6, 30)),
        ("2023-06-30", dt.date(2023, 6, 30)),  # in figures, under the signature
        ("2023.6.30", dt.date(2023, 6, 30)),
        ("2024111", None),  # 1-11 or 11-1: not guessed
        ("二0 年 月 日", None),  # a template never filled in
    ],
)
def test_damaged_dates_at_the_signature(date, expected):
    assert parse_text(letter(date=date)).reply_date == expected


@pytest.mark.parametrize(
    ("page", "year"),
    [
        ("发布时间:2022-11-17\n", 2022),
        ("浏览:60次'时间:2018年8月22日\n", 2018),
        ("2023-07-19\n", 2023),
        ("发布时间:2023-6-15\n", 2023),
        ("生成日期 | 2021-09-22 11:50:18 | 是否有效 | 是 |\n", 2021),
        ("• 000/2019-00022\n  • 浏阳市交通运输局\n  • 2019-08-16\n", 2019),
        ("您当前所在位置: 首页 > 建议提案 > 2015年 > 2015年提案\n", 2015),
        ("", None),
    ],
)
def test_without_a_letter_date_the_year_comes_from_the_page(page, year):
    parsed = parse_text(page + letter(date=""))
    assert (parsed.reply_date, parsed.year) == (None, year)


def test_a_page_date_on_the_line_after_its_label_is_not_the_letter_date():
    parsed = parse_text("发布日期:\n2024年09月02日\n" + letter(date=""))
    assert (parsed.reply_date, parsed.year) == (None, 2024)


# --- reply grades ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("浏交复〔2023〕12号C类\n关于县十届人大二次会议第12号建议的答复", "C"),
        ("浏交复[2017]19号B类\n关于县十届人大二次会议第12号建议的答复", "B"),
        ("浏交复〔2019〕6号(A)类\n关于县十届人大二次会议第12号建议的答复", "A"),
        ("浏交复〔2019〕6号（B）   签发人：孙某某\n关于县十届人大二次会议第12号建议的答复", "B"),
        ("关于县十届人大二次会议第12号建议的答复函 B", "B"),
        ("浏阳市人民政府关于第12号建议办理情况(B)的函", "B"),
        ("关于县十届人大二次会议第12号建议的答复\n(D类)", "D"),
        ("关于第12号提案的答复(D)", "D"),
        ("关于县十届人大二次会议第12号建议的答复\n      A\n      公开", "A"),
    ],
)
def test_reply_grades_glued_in_titles_and_alone(head, expected):
    assert parse_text(letter(head=head)).reply_type == expected


@pytest.mark.parametrize("footer", ["办复类别: B", "答复类别：B类", "办理结果：B（正在解决）"])
def test_a_grade_label_anywhere_in_the_letter(footer):
    assert parse_text(letter(footer=footer)).reply_type == "B"


def test_a_signature_with_room_for_the_seal():
    parsed = parse_text(letter(signature="浏阳市交通运输局（盖章）"))
    assert parsed.department == "长沙市浏阳市交通运输局"


@pytest.mark.parametrize("form", ["提案编号：125", "建议编号: 第125号", "新编号:第125号"])
def test_a_forms_number_when_the_heading_has_none(form):
    parsed = parse_text(form + "\n" + letter(head="关于改善乡村道路的建议的答复"))
    assert parsed.proposal_number == "125"


# --- numbers, sessions, document numbers ------------------------------------------------


@pytest.mark.parametrize(
    ("head", "number"),
    [
        ("关于省十三届人大一次会议湘36号建议的答复", "湘36"),
        ("关于县政协十届五次会议第D022号提案的答复", "D022"),
        ("关于县十七届人大五次会议公路交通类第B-9号建议的答复", "B-9"),
        ("浏阳市农业农村局关于生态养殖试点的68号提案答复", "68"),
        ("关于市五届人大四次会议第039号建议办理情况的函", "039"),
        ("关于对市五届人大四次会议第0 5 8号建议的答复", "058"),  # spaced digits closed up
    ],
)
def test_proposal_numbers_with_prefixes_and_without_di(head, number):
    assert parse_text(letter(head=head)).proposal_number == number


@pytest.mark.parametrize(
    ("head", "body", "term", "meeting"),
    [
        ("关于政协十四届衡阳市委员会第一次会议第3号提案答复的函", "政协", 14, 1),
        ("关于区第十届政协第三次会议第54号提案的答复函", "政协", 10, 3),
        ("浏阳市农业局对政协浏阳市第七届委员会\n    第二次会议第0529号提案的答复", "政协", 7, 2),
        ("对县九届政协一次会议 第27号建议的答复", "政协", 9, 1),
        ("关于对县十八届人民代表大会第三次会议第24号建议答复的函", "人大", 18, 3),
    ],
)
def test_sessions_in_every_order_and_split_over_lines(head, body, term, meeting):
    parsed = parse_text(letter(head=head))
    assert (parsed.body, parsed.term, parsed.meeting) == (body, term, meeting)


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        ("浏交字〔202323\n关于第12号建议的答复", "", "浏交字〔202323"),  # 〕 and 号 lost
        ("", "依据《管理办法》(浏价〔2008〕132号)执行。", None),  # a quoted 文号 of another file
        ("发文字号:浏农复〔2020〕11号 主  题  词: 标      题:关于第12号建议的答复", "", "浏农复〔2020〕11号"),
        ("索引号 | 000/2021-00538 | 发文字号 | 浏农字〔2021〕184号 |", "", "浏农字〔2021〕184号"),
    ],
)  # fmt: skip
def test_document_numbers_damaged_quoted_and_in_tables(head, body, expected):
    parsed = parse_text(letter(head=head or None, body=body or "我局已列入计划。"))
    assert parsed.doc_number == expected


# --- the proposal and its proposers -----------------------------------------------------


@pytest.mark.parametrize(
    ("salutation", "proposers", "body"),
    [
        (" 周某某委员", ("周某某",), "政协"),  # leading space, no colon
        ("周某某代表", ("周某某",), "人大"),
        ("尊敬的周某某代表", ("周某某",), "人大"),
        ("周某某  委员", ("周某某",), "政协"),
        ("甲某、乙某某、丙某委员", ("甲某", "乙某某", "丙某"), "政协"),
        ("尊敬的周某某主席：", ("周某某",), "政协"),
        ("艾某江、买某艳·买某提等2位委员：", ("艾某江", "买某艳·买某提"), "政协"),
        ("米某古丽·吐、依某江·阿某木等代表：", ("米某古丽·吐", "依某江·阿某木"), "人大"),
    ],
)
def test_salutations_without_colons_with_spaces_dots_and_offices(salutation, proposers, body):
    parsed = parse_text(letter(head="", salutation=salutation))
    assert (parsed.proposers, parsed.body) == (proposers, body)


def test_page_labels_before_the_salutation_are_not_proposers():
    text = "访问量:\n字体:\n发布时间:\n- 成文日期:\n问题答复:\n" + letter(head="")
    assert parse_text(text).proposers == ("周某某",)


def test_a_salutation_run_into_the_letter_on_one_line():
    one_line = "对县九届政协一次会议 第27号建议的答复 周某某代表: 您提出关于补贴学校取暖费的建议收悉,现答复如下: 我局将积极协调。"
    parsed = parse_text(one_line + "我局" * 200)
    assert parsed.reply_title == "对县九届政协一次会议第27号建议的答复"
    assert parsed.proposers == ("周某某",)
    assert parsed.proposal_title == "关于补贴学校取暖费的建议"


@pytest.mark.parametrize(
    ("form", "proposers"),
    [
        ("领衔代表: 甲某;乙某某;杜 某;曹 某; 代 表 团: 某某代表团;", ("甲某", "乙某某", "杜某", "曹某")),
        ("提 案 者: [委员] 甲某某;", ("甲某某",)),
        ("建议人: 甲某某", ("甲某某",)),
        ("代表姓名:甲某、乙某某、丙某", ("甲某", "乙某某", "丙某")),
    ],
)  # fmt: skip
def test_proposers_from_forms_outrank_the_abbreviated_salutation(form, proposers):
    parsed = parse_text(form + "\n" + letter(head="", salutation="甲某等代表："))
    assert parsed.proposers == proposers


@pytest.mark.parametrize(
    ("receipt", "title"),
    [
        ("您提出的关于加速修建某路的提案收悉,现答复如下:", "关于加速修建某路的提案"),
        ("您提出关于补贴学校取暖费的建议收悉。", "关于补贴学校取暖费的建议"),
        ("您提出的关于修缮某桥和路灯的意见建议,已收悉,现答复如下:", "关于修缮某桥和路灯的意见建议"),
        ("您提出的关于雨污分流管网建设的建议意见收悉建议很好!", "关于雨污分流管网建设的建议"),
        ("您提出《关于更新污水管网的建议(第24号建议)收悉,现答复如下:", "关于更新污水管网的建议"),
        ("你们在会上提出的关于“加快某港开发建设”的建议(第5号)收悉。", "关于加快某港开发建设的建议"),
        ("您提出的“关于乡间路维护的建议”收悉", "关于乡间路维护的建议"),
        ("您提出的关于治理农村污染的建议,已交我们研究办理,现答复如下:", "关于治理农村污染的建议"),
        ("某某委员提出的融文于城,创建为民:绘就新画卷的提案收悉,经研究,现答复如下:",
         "融文于城,创建为民:绘就新画卷的提案"),
    ],
)  # fmt: skip
def test_proposal_titles_quoted_bare_unclosed_and_unquoted(receipt, title):
    body = "另外,《某某县农业扶持政策》已出台。"
    assert parse_text(letter(receipt=receipt, body=body)).proposal_title == title


def test_a_title_quoted_only_in_the_heading():
    text = letter(head="《关于改善乡村道路的建议》的答复", receipt="您好:您的建议收悉。")
    assert parse_text(text).proposal_title == "关于改善乡村道路的建议"
    answer_first = "对《关于出台扶持政策的建议》的答复(县十七届人大五次会议第33号建议)\n" + (
        "近年来,县政府出台了《某某县农业产业扶持政策》,使我县设施农业实现了快速发展壮大,"
        "下一步我局将统筹全县农业产业资源。\n浏阳市农业农村局\n2021年5月26日"
    )
    assert parse_text(answer_first).proposal_title == "关于出台扶持政策的建议"


# --- co-handlers -----------------------------------------------------------------------


def test_a_co_handlers_letter_to_the_lead_unit():
    text = letter(
        head="对区政协十五届五次会议第155144号委员提案的会办意见",
        salutation="某某镇街道：",
        receipt="在年初召开的区十五届政协五次会议上,甲某某委员提出的关于某某的提案收悉,现将会办意见答复如下:",
        signature="长沙市雨花区住房和城乡建设局",
    )
    parsed = parse_text(text)
    assert parsed.proposers == ("甲某某",)
    assert parsed.co_handlers == ("长沙市雨花区住房和城乡建设局",)


@pytest.mark.parametrize(
    "line",
    ["本建议由浏阳市交通运输局主办，浏阳市财政局分办。", "分办单位：浏阳市财政局"],
)
def test_units_named_as_fenban_are_co_handlers(line):
    parsed = parse_text(letter(body=line + "\n我局已将该路段列入明年计划。"))
    assert parsed.co_handlers == ("浏阳市财政局",)


def test_a_co_handler_that_says_so_in_the_letter():
    text = letter(
        salutation="某某区政府：",
        receipt="会议提出的《关于某某的建议》(第83号),由市人民政府办公室交由贵单位主办,我单位协办。",
        signature="长沙市自然资源和规划局",
    )
    parsed = parse_text(text)
    assert parsed.co_handlers == ("长沙市自然资源和规划局",)
    assert parsed.proposers == ()


def test_a_unit_addressed_without_a_role_is_not_a_proposer():
    text = letter(
        salutation="某某区人民政府：",
        receipt="乙某某代表提出的《关于某某的建议》收悉，现提出意见如下：",
    )
    assert parse_text(text).proposers == ("乙某某",)


def test_the_database_pages_table_of_lead_and_co_handling_units():
    table = "主办单位 会办 交办日期\n省交通运输厅;  省海洋与渔业厅;  2016-03-01\n"
    parsed = parse_text(table + letter(head=""))
    assert (parsed.lead_unit, parsed.co_handlers) == ("省交通运输厅", ("省海洋与渔业厅",))
    empty = "主办单位 会办 交办日期\n省交通运输厅;    2019-02-22\n"
    assert parse_text(empty + letter(head="")).co_handlers == ()
    read = "主办单位会办交办日期\n省交通运输厅；省海洋与渔业厅；2016-03-01\n"  # as OCR reads it
    parsed = parse_text(read + letter(head=""))
    assert (parsed.lead_unit, parsed.co_handlers) == ("省交通运输厅", ("省海洋与渔业厅",))


# --- signers and contacts ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("footer", "signer"),
    [
        ("主要签发领导:李  某", "李某"),  # letter-spaced to line up: one name
        ("签发人:孙某某                     联系人:池某某", "孙某某"),
        ("签发人:孙某某 联系人:池某某", "孙某某"),  # the layout gap collapsed (a web page)
        ("签发人:孙某某联系人:池某某", "孙某某"),  # and lost (OCR)
        ("此复函已经我局余某局长审签。对以上答复您有什么意见,请及时反馈。", "余某"),
        ("此复函已经霍某某副书记审签。", "霍某某"),
        ("签发：孙某某", "孙某某"),
        ("负 责 人:王某某\n分管领导:王某某\n承办负责人:胡某某", None),
    ],
)
def test_signers_from_labels_and_from_the_sentence_that_says_who_signed(footer, signer):
    assert parse_text(letter(footer=footer)).signer == signer


@pytest.mark.parametrize(
    ("footer", "person", "phone"),
    [
        ("负 责 人:王某某\n承 办 人:武某某\n联系电话:13900000001", "武某某", "13900000001"),
        ("承   办   人:布  某\n联  系 电 话:18600000002", "布某", "18600000002"),
        ("联系人:城市建设管理科科长 李某某\n联系电话:18200000003", "李某某", "18200000003"),
        ("联系人:城市建设管理科科长李某某\n联系电话:18200000003", "李某某", "18200000003"),
        ("签发人:孙某某联系人:池某某\n联系电话:0736-3200000", "池某某", "0736-3200000"),
        ("  人:黎某\n联系电话:60000004", "黎某", "60000004"),
        ("(联系人及联系电话:史某某 13200000005", "史某某", "13200000005"),
        ("联系人:某某省公路管理局计财处,戴某某\n联系电话:0571-80000006", "戴某某", "0571-80000006"),
        ("联系人:某某局计划财务处姚某\n联系电话:0571-80000007,传真:0571-80000008", "姚某", "0571-80000007"),
        ("主管领导姓名:魏某某 联系电话:18800000009\n人姓名:叶某某 联系电话:13500000010", "叶某某", "13500000010"),
        ("承办负责人:胡某某\n承办人及联系电话:戴 某 18600000011", "戴某", "18600000011"),
        ("经办人:郭某某\n联系电话:69000012", "郭某某", "69000012"),
        ("具体经办人姓名:赵 某 联系电话:84000013", "赵某", "84000013"),
        ("联系人:通川区交运局冉某某;联系电话0818-2000014", "冉某某", "0818-2000014"),
        ("(联系单位:某某局,联系人:王某某,联系电话6900015)", "王某某", "6900015"),
        ("联系人及电话:杨某某0876-3000016", "杨某某", "0876-3000016"),
        ("联系电话:0915─4400017", None, "0915─4400017"),
        ("(联系人:黄某,联系电话:0434—7200018)", "黄某", "0434—7200018"),
        ("联系人姓名:朱某            联系电话:52500019-7817", "朱某", "52500019-7817"),
        ("联系人：张某某，联系方式：13700000020", "张某某", "13700000020"),
        ("联系人及电话:杨某某0876-3000021 责任编辑:熊某某 关闭", "杨某某", "0876-3000021"),
    ],
)  # fmt: skip
def test_contacts_in_every_footer_shape(footer, person, phone):
    parsed = parse_text(letter(footer=footer))
    assert (parsed.contact_person, parsed.contact_phone) == (person, phone)


def test_a_run_on_page_with_its_metadata_and_a_date_followed_by_chrome():
    run_on = (
        "首页 > 人大建议 > 正文 关于县十届人大二次会议第12号建议的答复函 B 发布时间:2023-07-10 "
        "周某某代表: 您提出的《关于改善乡村道路的建议》收悉,现答复如下: "
        + "我局已将该路段列入明年计划,将于年内启动。" * 3
        + " 浏阳市交通运输局 2023630 相关推荐"
    )
    parsed = parse_text(run_on)
    assert (parsed.reply_type, parsed.term, parsed.proposal_number) == ("B", 10, "12")
    assert parsed.reply_date == dt.date(2023, 6, 30)
    assert parsed.department == "长沙市浏阳市交通运输局"


def test_a_page_stored_as_one_run_on_line():
    run_on = (
        "首页 > 建议提案 关于县十届人大二次会议第12号建议的答复 发布时间:2023-07-10 周某某代表 "
        "您提出的《关于改善乡村道路的建议》收悉,现答复如下: "
        + "我局已将该路段列入明年计划,将于年内启动。" * 3
        + " 感谢您的关心和支持。 浏阳市交通运输局 2023年6月30日 联系人:王某某 联系电话:13900000000"
    )
    parsed = parse_text(run_on)
    assert parsed.department == "长沙市浏阳市交通运输局"
    assert (parsed.reply_date, parsed.proposers) == (dt.date(2023, 6, 30), ("周某某",))
    assert (parsed.contact_person, parsed.contact_phone) == ("王某某", "13900000000")
    assert parsed.proposal_title == "关于改善乡村道路的建议"


def test_a_document_number_only_in_the_web_pages_metadata_table():
    parsed = parse_text(
        letter(), meta={"发文字号": "浏交复〔2023〕9号", "发布机构": "浏阳市交通运输局"}
    )
    assert parsed.doc_number == "浏交复〔2023〕9号"
    assert parsed.department == "长沙市浏阳市交通运输局"


# --- a page's publication line, in any format ---------------------------------------------


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("某某县政府 www.example.gov.cn 2024-07-19 08:30 来源:某某县交通运输局 放大 正常 缩小", "2024-07-19 08:30"),
        ("发布日期: | 2018-05-30 | 成文日期: | 2018-05-30 |", "2018-05-30 00:00"),
        ("来源:政府办 2017-08-15 16:44", "2017-08-15 16:44"),
    ],
)  # fmt: skip
def test_a_saved_pages_publication_line_is_read_from_text_as_from_html(line, published):
    text = letter(head=f"{line}\n关于县十届人大二次会议第12号建议的答复", date="")
    parsed = parse_text(text)
    assert parsed.published_at.strftime("%Y-%m-%d %H:%M") == published
    assert parse_text(text.replace(line, "")).published_at is None


def test_the_year_note_shows_the_publication_time_to_the_minute():
    parsed = parse_text(letter(date=""), published_at="2015-10-15 17:04:00")
    assert parsed.year_note == "原文未注明日期，年份取自网页发布时间 2015-10-15 17:04"


def test_a_site_footer_line_gives_no_figure():
    footer = "Powered by Example 8.5  © 2009-2015\n本站法律顾问 某某 律师\nPoweredbyLC123.NET8.52009-2015"
    assert parse_text(letter(footer=footer)).metrics == ()


def test_a_publication_time_run_into_its_date_keeps_its_time():
    text = letter(head="发布时间：2020-05-1815:08\n关于县十届人大二次会议第12号建议的答复", date="")
    parsed = parse_text(text)
    assert parsed.published_at.strftime("%Y-%m-%d %H:%M") == "2020-05-18 15:08"
    assert parsed.year_note == "原文未注明日期，年份取自网页发布时间 2020-05-18 15:08"


def test_a_pinyin_gloss_as_ocr_reads_it_is_dropped_and_a_unit_in_brackets_kept():
    parsed = parse_text(letter(body="关(gu a n)于道路，全长12(km)公里。"))
    assert "关于道路" in parsed.text and "(km)" in parsed.text
