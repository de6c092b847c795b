"""Labelled page fields in every shape sites print them."""

import pytest

from replies.ingest.pagemeta import bullet_values, fields, first


def pairs(text: str) -> list[tuple[str, str]]:
    return [(f.label, f.value) for f in fields([x.strip() for x in text.splitlines() if x.strip()])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "索  引  号:000/2020-01 公文范围:公开 发布机构:某县政府办 失效日期: 发文字号:某农复〔2020〕11号",
            [("索引号", "000/2020-01"), ("发布机构", "某县政府办"), ("发文字号", "某农复〔2020〕11号")],
        ),
        (
            "索引号 | 000/2021-01 | 发文字号 | 某字〔2021〕1号 |\n生成日期 | 2021-09-22 11:50:18 | 是否有效 | 是 |",
            [("索引号", "000/2021-01"), ("发文字号", "某字〔2021〕1号"), ("生成日期", "2021-09-22 11:50:18")],
        ),
        (
            "索 引 号:\n000/2024-01\n发布机构:\n交通运输局\n标  题:\n 关于第1号建议的答复",
            [("索引号", "000/2024-01"), ("发布机构", "交通运输局"), ("标题", "关于第1号建议的答复")],
        ),
        (  # a label after a list's separator ends the list
            "领衔代表: 宁某某;张某某;杜 某;曹 某; 代 表 团: 某某代表团;\n领衔代表:甲某;乙某;代表团:某某代表团;",
            [("领衔代表", "宁某某;张某某;杜 某;曹 某"), ("领衔代表", "甲某;乙某")],
        ),
        (  # a page's counter glued to the value before it, as OCR reads a line
            "时间:2021-07-22来源:住建局点击:\n信息来源：某县教育局浏览次数：369",
            [("来源", "住建局"), ("信息来源", "某县教育局")],
        ),
        (
            "- 发布机构: 政府办\n- 发文字号:\n- 成文日期:",
            [("发布机构", "政府办"), ("发文字号", ""), ("成文日期", "")],
        ),
        ("时间:2021-07-22来源:住建局 点击:", [("来源", "住建局")]),
        ("领衔代表: 甲;乙 某; 代 表 团: 某代表团;", [("领衔代表", "甲;乙 某")]),
    ],
)  # fmt: skip
def test_fields_in_runs_tables_alternating_lines_and_lists(text, expected):
    assert pairs(text) == expected


def test_first_skips_empty_values():
    found = fields(["文号:", "发文字号: 某字〔2020〕3号"])
    assert first(found, "文号", "发文字号").value == "某字〔2020〕3号"
    assert first(found, "成文日期") is None


def test_bullets_are_metadata_only_beside_an_index_number_or_date():
    assert bullet_values(["• 000/2020-00131", "• 某市住房和城乡建设局", "• 2020-09-30"])[1] == (
        "某市住房和城乡建设局"
    )
    assert bullet_values(["• 某市人民政府", "• 无障碍"]) == []
