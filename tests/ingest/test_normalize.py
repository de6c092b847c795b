import pytest

from replies.ingest.normalize import clean, fold, resegment


def test_word_artifacts_and_site_chrome_are_dropped():
    raw = " [bookmark: _GoBack]关于第014号提案\n字号:\n分享:\n正文。\n【打印此页】 【关闭窗口】\n"
    assert clean(raw) == "关于第014号提案\n正文。"


def test_a_page_break_inside_a_paragraph_is_joined():
    first = "积极开展科技政策宣讲，通过科技宣传周等各类活动，发放科技政策宣传资"
    raw = f"{first}\n\n料 2000 余份。\n\n二、聚焦主体培育"
    assert clean(raw) == f"{first}料 2000 余份。\n\n二、聚焦主体培育"


@pytest.mark.parametrize(
    "raw",
    [
        "台工信字〔2023〕16号                签发人：赵作明\n\n答复类型： B",
        "联系人：刘祥明         联系电话：0632-6701012\n\n抄送：区政协提案委员会。",
        "（一）坚定不移实施战略引领加快高成长型企业培育\n\n全面贯彻全市深化强工兴产实施工业倍增动员大会精神",
        "感谢您们长期以来对工业经济工作的关心与支持和帮助\n\n台儿庄区工业化和信息局",
        "对某某省十三届人大三次会议第JY100013030099号建议的答复\n\n王某、李某某代表：",
        "您提出的建议我们已交由相关科室研究并与有关单位沟通，答复\n\n赵某某代表：",
        # a site's path to the page, then the heading: neither continues the other
        "首页->信息公开->承办建议提案工作->建议提案办理结果公开\n\n对某某市政协第2号提案的答复",
        "首页 > 政务公开 > 建议提案办理 > 政协委员提案答复公开\n\n某某工作情况",
        "积极开展科技政策宣讲，通过科技宣传周等各类活动，发放科技政策宣传资\n\n关于第5号提案的答复",
    ],
)
def test_label_heading_and_signature_lines_are_not_joined(raw):
    assert "\n\n" in clean(raw)


def test_fold_reads_the_traditional_reply_words():
    assert (
        fold("關於提案的答覆，現函覆如下；覆函；覆蓋") == "关于提案的答复，现函复如下；复函；覆盖"
    )


def test_fold_keeps_length_and_positions():
    text = "臺兒莊區２０２３年，ＡＢ類　關於"
    folded = fold(text)
    assert folded == "台儿庄区2023年，AB类 关于"
    assert len(folded) == len(text)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("關(guān)于盤錦的提案(第9號(hào))", "關于盤錦的提案(第9號)"),
        ("市政協(xié)八屆二次會(huì)議", "市政協八屆二次會議"),
        ("人工智能(ai)与(D类)及(A)", "人工智能(ai)与(D类)及(A)"),  # no tone mark: not a gloss
    ],
)
def test_pinyin_glosses_of_mirror_sites_are_removed(raw, expected):
    assert clean(raw) == expected


def test_a_run_on_page_gets_its_line_breaks_back_in_the_same_length():
    run_on = (
        "关于县十届人大二次会议第12号建议的答复 周某某代表: "
        "您提出的《关于修路的建议》收悉,现答复如下: "
        + "我局已将该路段列入明年计划,将于年内启动。" * 4
        + " 感谢您的关心和支持。 浏阳市交通运输局 2023年6月30日 联系人:王某 联 系 电 话:13900000000"
    )
    lines = resegment(run_on).split("\n")
    assert len(resegment(run_on)) == len(run_on)
    assert lines[1:3] == ["周某某代表:", "您提出的《关于修路的建议》收悉,现答复如下:"]
    assert "浏阳市交通运输局" in lines and "2023年6月30日" in lines
    assert lines[-1] == "联 系 电 话:13900000000"


def test_ordinary_lines_and_letter_spaced_names_are_not_broken():
    text = "联系人:杜 某 联系电话:0731-1\n" + "一、" + "按计划推进 2023 年的工作，由杜 某负责" * 12
    assert resegment(text) == text


def test_radicals_strokes_and_compatibility_ideographs_are_the_characters_they_stand_for():
    from replies.ingest.normalize import clean

    assert clean("⺠政局关于⽇常⼯作的答复，豈") == "民政局关于日常工作的答复，豈"


def test_the_door_radical_is_read_in_the_scripts_form():
    # Fonts for simplified Chinese draw ⼾ as 户, and PDFs printed with them give ⼾ for 户.
    assert clean("深入农⼾家中，减少商⼾、住⼾占道") == "深入农户家中，减少商户、住户占道"
    assert clean("關於農⼾的答覆，現將有關情況說明如下") == "關於農戶的答覆，現將有關情況說明如下"


def test_the_radical_table_is_unicodes():
    from pathlib import Path

    from replies.ingest.unified import unified_table

    source = Path("/usr/share/unicode/EquivalentUnifiedIdeograph.txt")
    if not source.is_file():
        pytest.skip("Debian's unicode-data is not installed; the table was made from it")
    table = unified_table()
    for line in source.read_text(encoding="utf-8").splitlines():
        fields = line.split("#")[0].split(";")
        if len(fields) != 2:
            continue
        first, _, last = fields[0].strip().partition("..")
        for code in range(int(first, 16), int(last or first, 16) + 1):
            assert table[code] == chr(int(fields[1], 16)), hex(code)


def test_on_a_glossed_page_every_gloss_goes_however_ocr_spelled_it():
    raw = "當(dāng)前位(wèi)置(zhì)\n發(fa)文機(ji )關(gu a n)：某某市政府\n場(ch ä ng)館長12(km)"
    assert clean(raw) == "當前位置\n發文機關：某某市政府\n場館長12(km)"  # after a digit: text
    assert clean("道路全长12(km)，發(fa)文") == "道路全长12(km)，發(fa)文"  # no glossed page


@pytest.mark.parametrize(
    "footer",
    [
        "主办单位：某某市人民政府办公室 地址：人民路1号 邮编：000000",
        "网站首页 关于我们 友情链接 联系我们 网站地图 免责声明",
        "网站标识码：0000000001 主办：某某县人民政府",
        "承办：某某县大数据中心 技术支持：某某网络科技有限公司",
        "版权所有 © 某某县人民政府 某ICP备12345号",
    ],
)
def test_a_site_footer_line_is_dropped_from_a_text_as_from_a_web_page(footer):
    assert clean(f"特此答复。\n{footer}\n某某局") == "特此答复。\n某某局"


@pytest.mark.parametrize(
    "line",
    [
        "（三）加强技术支持：组织专家下乡指导。",
        "依法打击侵权盗版行为，" * 18 + "保护版权所有者的合法权益。",  # long: a letter's
    ],
)
def test_a_letter_line_that_mentions_a_footer_word_is_kept(line):
    assert line in clean(f"特此答复。\n{line}")
