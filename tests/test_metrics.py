"""Figures as data: a table of forms, a table of things that are not figures, and the seeds."""

import contextlib
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from replies.ingest.parse import DOC_NUMBER
from replies.ingest.pipeline import ingest, parse_file
from replies.ingest.proposal import SESSION
from replies.metrics import extract
from replies.models import Metric, Reply
from tests.conftest import SAMPLES

DATA = Path(__file__).parent / "data"


def figures(text: str) -> list[tuple]:
    return [(m.value, m.unit, m.normalized_value, m.kind, m.approximate) for m in extract(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # money, normalised to yuan
        ("获批资金共140万元。", [("140", "万元", "1400000", "money", False)]),
        ("科创贷1.21亿元", [("1.21", "亿元", "121000000", "money", False)]),
        ("补助资金8000元", [("8000", "元", "8000", "money", False)]),
        ("经费350千元", [("350", "千元", "350000", "money", False)]),
        ("投资1,250万元", [("1250", "万元", "12500000", "money", False)]),
        ("技术改造再贷款9695.50万元", [("9695.50", "万元", "96955000", "money", False)]),
        # spaced forms and full-width digits
        ("授信 47.81 亿元", [("47.81", "亿元", "4781000000", "money", False)]),
        ("宣传资料 2000 余份", [("2000", "份", "2000", "count", True)]),
        ("资金１４０万元", [("140", "万元", "1400000", "money", False)]),
        # counts with measure words, Chinese numerals, 万 multipliers
        ("国家科技型中小企业1404家", [("1404", "家", "1404", "count", False)]),
        ("新增博士5人", [("5", "人", "5", "count", False)]),
        ("培训1.3万人次", [("1.3", "万人次", "13000", "count", False)]),
        ("新增三家企业", [("3", "家", "3", "count", False)]),
        # Chinese numerals with 万/亿 sections and capital digits, read on the matched span
        ("奖励一万二千元", [("12000", "元", "12000", "money", False)]),
        ("投入一亿二千万元", [("12000", "万元", "120000000", "money", False)]),
        ("拨付壹佰万元", [("100", "万元", "1000000", "money", False)]),
        ("补助贰仟伍佰元", [("2500", "元", "2500", "money", False)]),
        ("共三十万元", [("30", "万元", "300000", "money", False)]),
        ("培训三万人次", [("3", "万人次", "30000", "count", False)]),
        ("单位：万元", []),
        ("涉及两个以上部门", [("2", "个", "2", "count", True)]),
        ("对接十余家企业", [("10", "家", "10", "count", True)]),
        ("走访百余家重点企业", [("100", "家", "100", "count", True)]),
        ("覆盖1.9万余个家庭", [("1.9", "万个", "19000", "count", True)]),
        ("举办培训班3场次", [("3", "场次", "3", "count", False)]),
        # percentages and percentage points kept apart
        ("增长13.57%", [("13.57", "%", "13.57", "percent", False)]),
        ("合格率99.2％", [("99.2", "％", "99.2", "percent", False)]),
        ("高于全市6.48个百分点", [("6.48", "个百分点", "6.48", "percentage_point", False)]),
        # areas and sizes
        ("用地223亩", [("223", "亩", "223", "area", False)]),
        ("盘活闲置厂房15.71万平方米", [("15.71", "万平方米", "157100", "area", False)]),
        ("新建道路12.5公里", [("12.5", "公里", "12.5", "length", False)]),
        ("处理垃圾300吨", [("300", "吨", "300", "weight", False)]),
        (
            "100MW/200MWh储能项目",
            [("100", "MW", "100", "energy", False), ("200", "MWh", "200", "energy", False)],
        ),
        # approximations before and after
        ("协调近20家企业", [("20", "家", "20", "count", True)]),
        ("投资约5亿元", [("5", "亿元", "500000000", "money", True)]),
        ("博士超过1000人", [("1000", "人", "1000", "count", True)]),
        ("贷款15亿元以上", [("15", "亿元", "1500000000", "money", True)]),
        ("示范基地15家左右", [("15", "家", "15", "count", True)]),
        ("与院士团队签约8项", [("8", "项", "8", "count", False)]),
        # lists that share a unit, and ranges
        (
            "分别给予300万元、100万元奖励",
            [
                ("300", "万元", "3000000", "money", False),
                ("100", "万元", "1000000", "money", False),
            ],
        ),
        (
            "分别奖励30、50万元",
            [("30", "万元", "300000", "money", False), ("50", "万元", "500000", "money", False)],
        ),
        ("每年培育3-5家", [("3", "家", "3", "count", False)]),
        ("每年培育3至5家", [("3", "家", "3", "count", False)]),
    ],
)
def test_forms(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize(("text", "upper"), [("每年培育3-5家", "5"), ("每年培育3至5家", "5")])
def test_ranges_keep_their_upper_end(text, upper):
    assert extract(text)[0].upper_value == upper


@pytest.mark.parametrize(
    "text",
    [
        "2023年9月8日",
        "截至6月底",
        "2023年度",
        "台工信字〔2023〕16号",
        "关于枣庄市政协十一届二次会议第112225号提案的答复",
        "区政协十届二次会议",
        "十八届人大二次会议",
        "一是加大政策支持力度",
        "（一）坚定不移实施战略引领",
        "1、工作开展情况",
        "联系电话：0632-6701012",
        "联系人及电话：王青 3083303",
        "手机13905371234",
        "围绕“6+3”现代产业体系",
        "落实“四个精准”工作机制",
        "引进一批大项目",
        "开展一项调研",
        "台阳二期储能项目",
        "第一批项目",
        "(2023-2026年)",
    ],
)
def test_not_figures(text):
    assert extract(text) == []


def test_labels_say_what_a_figure_measures():
    labels = {
        m.value: m.label
        for m in extract(
            "全区金融机构各项贷款余额共计157.19亿元，工业贷款余额47.46亿元。"
            "协助永钰机械等20家企业申请科创贷1.21亿元。全市培育入库国家科技型中小企业1404家。"
        )
    }
    assert labels == {
        "157.19": "贷款余额",
        "47.46": "工业贷款余额",
        "20": "企业",
        "1.21": "科创贷",
        "1404": "国家科技型中小企业",
    }


def test_context_is_the_sentence_and_offset_points_at_the_number():
    text = "一、情况。获批资金共140万元，其中55万元为省级。"
    first, second = extract(text)
    assert first.context == "获批资金共140万元，其中55万元为省级。"
    assert text[first.offset : first.offset + 3] == "140"
    assert text[second.offset : second.offset + 2] == "55"


# --- the seeds ---------------------------------------------------------------------------


def seed_figures(seeds: Path, name: str):
    return parse_file(str(seeds / name)).parsed.metrics


def test_every_required_seed_figure_is_found(seeds):
    documents = json.loads((seeds / "expected.json").read_text(encoding="utf-8"))["documents"]
    missing = []
    for document in documents:
        found = seed_figures(seeds, document["file"])
        for need in document["metrics_must_include"]:
            near = re.sub(r"\s", "", need["near"])
            if not any(
                m.value == need["value"]
                and m.unit == need["unit"]
                and m.normalized_value == need.get("normalized_yuan", m.normalized_value)
                and m.approximate == need.get("approximate", False)
                and near in re.sub(r"\s", "", m.context)
                for m in found
            ):
                missing.append((document["file"], need))
    assert missing == []


@pytest.mark.parametrize("name", ["000_ac676b5cb8a8a75d.txt", "003_1f11e292ab1845fd.txt"])
def test_seed_figures_match_the_hand_made_list_exactly(seeds, name):
    expected = json.loads((DATA / f"seed-figures-{name[:3]}.json").read_text(encoding="utf-8"))
    got = [
        {
            "offset": m.offset,
            "value": m.value,
            "unit": m.unit,
            "kind": m.kind,
            "normalized_value": m.normalized_value,
            "approximate": m.approximate,
        }
        for m in seed_figures(seeds, name)
    ]
    assert got == expected


NOT_FIGURES = [
    DOC_NUMBER,
    SESSION,
    re.compile(r"第\s*[0-9A-Za-z\-]+\s*号"),
    re.compile(r"(?:19|20)\d{2}\s*年|\d{1,2}\s*月|\d{1,2}\s*日"),
    re.compile(
        r"(?:^|\n)\s*(?:[一二三四五六七八九十]+[是、]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.])"
    ),
    re.compile(r"(?:0\d{2,3}-)?\d{7,8}(?!\d)|1[3-9]\d{9}"),
]


def forbidden_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for pattern in NOT_FIGURES for m in pattern.finditer(text)]


def all_documents(seeds_dir: Path | None) -> list[str]:
    files = [str(p) for p in SAMPLES.iterdir()]
    if seeds_dir is not None:
        files += [str(p) for p in seeds_dir.glob("*.txt")]
    return files


def test_no_figure_is_a_date_number_session_marker_or_phone(request):
    seeds_dir = None
    with contextlib.suppress(pytest.skip.Exception):  # without the seeds, the samples alone
        seeds_dir = request.getfixturevalue("seeds")
    checked = 0
    for file in all_documents(seeds_dir):
        parsed = parse_file(file).parsed
        for source, text in (("reply", parsed.text), ("proposal", parsed.proposal_text)):
            spans = forbidden_spans(text)
            for metric in (m for m in parsed.metrics if m.source == source):
                checked += 1
                assert not any(lo <= metric.offset < hi for lo, hi in spans), (file, metric)
    # The twelve samples state 81 figures; with the five seeds there are well over 100.
    assert checked > (100 if seeds_dir else 75)


# --- stored and queried -----------------------------------------------------------------


@pytest.mark.django_db
def test_figures_are_stored_on_import_and_replaced_not_duplicated_on_update(samples):
    reply = Reply.objects.get(doc_number="曲教体函〔2024〕35号")
    stored = list(reply.metrics.values_list("value", "unit", "normalized_value"))
    assert (Decimal(320), "万元", Decimal(3200000)) in stored
    ingest([str(SAMPLES)], update=True)
    assert list(reply.metrics.values_list("value", "unit", "normalized_value")) == stored


@pytest.mark.django_db
def test_replies_stating_a_loan_of_at_least_an_amount(samples):
    loans = Metric.objects.money().at_least(10**8).labelled("贷款")
    replies = Reply.objects.stating(loans)
    assert {r.doc_number for r in replies} == {"潍科函〔2023〕58号"}
    assert Reply.objects.stating(Metric.objects.money().at_least(10**12)).count() == 0


@pytest.mark.django_db
def test_money_totals_by_county_department_and_year(samples):
    by_county = {row["key"]: row["total"] for row in Metric.objects.money().totals_by("county")}
    wujiang = Metric.objects.money().filter(reply__region__name="吴江区")
    assert by_county["吴江区"] == sum(m.normalized_value for m in wujiang) == Decimal(280000000)
    by_year = list(Metric.objects.money().totals_by("year"))
    assert {row["key"] for row in by_year} == {2023, 2024, 2025}
    assert by_year == sorted(by_year, key=lambda row: -row["total"])
    by_department = Metric.objects.money().totals_by("department")
    assert sum(row["figures"] for row in by_department) == Metric.objects.money().count()


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        ("目前共有省级研学基地12家。", "省级研学基地"),
        ("累计获批资金140万元。", "累计获批资金"),
        ("我单位解决3个问题。", "问题"),
        ("同比增长12%。", ""),  # 增长 is what happened, not what was measured
        ("累计投入1.2亿元。", "累计投入"),  # a verb that names the money it moves
        ("其中涉及我单位3条。", ""),  # 我单位 alone
        ("目前5个。", ""),
        ("我单位20人。", ""),
    ],
)
def test_a_label_names_what_the_figure_measures_or_is_left_empty(sentence, label):
    [figure] = extract(sentence)
    assert figure.label == label
