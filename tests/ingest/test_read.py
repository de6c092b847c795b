import codecs
import os

import pytest

from replies.ingest import read
from replies.ingest.read import ReadError, decode_text, read_document, read_html
from tests.ingest.documents import (
    run,
    text_box,
    write_docx,
    write_docx_bomb,
    write_pdf,
    write_pdf_bomb,
    write_word_letter,
)

TEXT = (
    "关于区政协十届二次会议第014号提案的答复\n徐君委员：\n您提出的提案收悉。获批资金共140万元。\n"
)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("gbk"), "gb18030"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("utf-16-be"), "utf-16-be"),
    ],
)
def test_text_encodings_decode_to_the_same_text(data, encoding):
    text, found = decode_text(data)
    assert text == TEXT
    assert found == encoding


@pytest.mark.parametrize(
    "data",
    [
        os.urandom(3000),
        bytes(range(256)) * 8,
        "Привет, мир! Это не китайский текст.".encode("cp1251") * 20,
        TEXT.encode("utf-8")[:-7] + b"\xff\xfe" + TEXT.encode("utf-8"),
        TEXT.encode("utf-8") + b"\x00\x01\x02" * 50,
    ],
    ids=["random", "all-bytes", "cyrillic-cp1251", "utf8-with-corrupt-bytes", "utf8-with-controls"],
)
def test_undecodable_bytes_fail_instead_of_becoming_mojibake(data):
    with pytest.raises(ReadError, match="cannot decode the text as Chinese with confidence"):
        decode_text(data)


def test_traditional_script_in_gbk_or_gb18030_is_read_not_refused():
    text = (
        "對政協盤錦市八屆二次會議第119號提案的答覆\n尊敬的佟偉委員：\n您提出的提案已收悉，現答覆如下。\n"
        * 3
    )
    for data in (text.encode("gb18030"), text.replace("會議", "會(huì)議").encode("gb18030")):
        decoded, _ = decode_text(data)
        assert "盤錦市" in decoded


@pytest.mark.parametrize(
    "text",
    [
        "對政協盤錦市八屆二次會(huì)議第119號(hào)提案的答復(fù)\n尊敬的佟偉委員：\n您提出的提案已收悉。\n",
        "Привет, мир! Это не китайский текст.\n" * 20,
    ],
    ids=["traditional-with-pinyin-glosses", "cyrillic"],
)
def test_valid_utf8_is_utf8_whatever_the_script(text):
    assert decode_text(text.encode("utf-8")) == (text, "utf-8")


def test_html_charset_comes_from_the_page(tmp_path):
    page = '<html><head><meta charset="gbk"></head><body><p>' + TEXT + "</p></body></html>"
    (tmp_path / "page.html").write_bytes(page.encode("gbk"))
    document = read_document(tmp_path / "page.html")
    assert document.encoding == "gbk"
    assert "获批资金共140万元" in document.text


def test_html_meta_and_metadata_table_are_kept_as_evidence(tmp_path):
    page = """<html><head><meta charset="utf-8"><meta name="PubDate" content="2024-03-01 08:00">
    </head><body><div class="nav">首页 | 政务公开</div>
    <table><tr><td>索引号:</td><td>0123/2024-1</td><td>发布机构:</td><td>临沂市科学技术局</td></tr>
    <tr><td>文号:</td><td>临科函字〔2024〕4号</td></tr></table>
    <div class="content"><p>赵洁委员：</p><p>您提出的提案收悉。</p></div>
    <script>alert("x")</script><div class="footer">版权所有</div></body></html>"""
    (tmp_path / "page.htm").write_text(page, encoding="utf-8")
    document = read_document(tmp_path / "page.htm")
    assert document.published_at == "2024-03-01 08:00"
    assert document.meta["发布机构"] == "临沂市科学技术局"
    assert document.meta["文号"] == "临科函字〔2024〕4号"
    assert document.text == "赵洁委员：\n您提出的提案收悉。"


def test_docx_reads_paragraphs_and_tables_in_document_order(tmp_path):
    path = write_docx(
        tmp_path / "r.docx",
        ["第一段", "第二段", "第三段"],
        table=[["主办单位", "区科技局"], ["会办单位", "区财政局"]],
        table_after=0,
    )
    assert (
        read_document(path).text == "第一段\n主办单位 区科技局\n会办单位 区财政局\n第二段\n第三段"
    )


def test_pdf_text_layer_is_read_and_wrapped_lines_rejoined(tmp_path):
    long = "一、扩大覆盖面。" + "全市已有外卖快递等平台从业人员纳入职业伤害保障" * 4 + "。"
    path = write_pdf(
        tmp_path / "r.pdf", ["海宁市人力资源和社会保障局", long, "二〇二四年七月十二日"]
    )
    document = read_document(path)
    assert document.text.splitlines() == [
        "海宁市人力资源和社会保障局",
        long,
        "二〇二四年七月十二日",
    ]


def test_a_pdf_in_a_unicode_coded_cid_font_keeps_every_character(tmp_path):
    # reportlab writes STSong-Light with the predefined UniGB-UCS2-H CMap, as several Chinese
    # office tools do; pdfminer's copy of that CMap lacks the middle dot and the bullet.
    line = "尊敬的依力江·阿克木委员：• 湘易办 —— 《通知》…"
    path = write_pdf(tmp_path / "r.pdf", [line], indent=False)
    assert read_document(path).text == line


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        (
            "letter.rtf",
            b"x",
            "unsupported format .rtf; supported: .txt, .html, .htm, .docx, .doc, .wps, .pdf",
        ),
        ("letter.doc", b"x", "not a .doc file (no Word 97–2003 header); damaged or renamed?"),
        ("letter.wps", b"PK\x03\x04", "not a .wps file (no Word 97–2003 header)"),
        ("noext", b"x", "unsupported format (no extension)"),
        ("fake.pdf", b"not a pdf", "not a PDF file"),
        ("broken.docx", b"PK\x03\x04garbage", "not a readable .docx"),
    ],
)
def test_unreadable_files_give_a_reason(tmp_path, name, data, reason):
    (tmp_path / name).write_bytes(data)
    with pytest.raises(ReadError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        read_document(tmp_path / name)


def test_files_over_the_size_limit_are_refused(tmp_path):
    (tmp_path / "big.txt").write_bytes(TEXT.encode() * 100)
    with pytest.raises(ReadError, match="over the 0 MB limit"):
        read_document(tmp_path / "big.txt", max_bytes=1000)


# --- compression bombs and over-long texts (generated here, small enough for CI) ------------


def test_a_docx_bomb_is_refused_before_it_is_expanded(tmp_path):
    bomb = write_docx_bomb(tmp_path / "bomb.docx", 8)
    with pytest.raises(ReadError, match=r"word/document.xml expands \d+ times .* 100:1 limit"):
        read_document(bomb)


def test_a_docx_part_over_the_size_cap_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(read, "DOCX_PART_MAX", 2 * read.MB)
    monkeypatch.setattr(read, "MAX_RATIO", 10**6)
    with pytest.raises(ReadError, match="expands to more than the 2 MB limit"):
        read_document(write_docx_bomb(tmp_path / "big.docx", 3))


def test_a_pdf_stream_bomb_is_refused(tmp_path, monkeypatch):
    with pytest.raises(ReadError, match=r"refused PDF: a stream expands .* 1000:1 limit"):
        read_document(write_pdf_bomb(tmp_path / "bomb.pdf", 8))
    monkeypatch.setattr(read, "PDF_STREAM_MAX", 2 * read.MB)
    monkeypatch.setattr(read, "PDF_MAX_RATIO", 10**6)
    with pytest.raises(ReadError, match="refused PDF: a stream expands to more than the 2 MB"):
        read_document(write_pdf_bomb(tmp_path / "big.pdf", 3))
    monkeypatch.setattr(read, "PDF_STREAM_MAX", 4 * read.MB)
    assert read_document(write_pdf_bomb(tmp_path / "fits.pdf", 3)).text.strip() == "reply"


def test_a_text_over_the_character_cap_fails_with_its_length(tmp_path):
    line = "区卫健委推进家庭医生签约服务。\n"
    path = tmp_path / "long.txt"
    path.write_text(line * (read.MAX_CHARS // len(line) + 1), encoding="utf-8")
    with pytest.raises(ReadError, match=r"the text is 2,000,\d{3} characters, over the 2,000,000"):
        read_document(path)


# --- other languages' encodings are not Chinese ---------------------------------------------

JAPANESE = (
    "市民の皆様からいただいたご意見について、当課では次のとおり回答いたします。"
    "道路の補修工事は来年度に予定しております。ご理解とご協力をお願い申し上げます。"
) * 2
KOREAN = (
    "시민 여러분께서 보내주신 의견에 대하여 다음과 같이 답변드립니다. "
    "도로 보수 공사는 내년에 계획되어 있습니다. 양해와 협조를 부탁드립니다."
) * 2


@pytest.mark.parametrize(
    ("text", "encoding", "language"),
    [
        (JAPANESE, "shift_jis", "Japanese"),
        (JAPANESE, "euc_jp", "Japanese"),
        (JAPANESE, "iso2022_jp", "Japanese"),
        (KOREAN, "euc_kr", "Korean"),
        (KOREAN, "cp949", "Korean"),
    ],
)
def test_japanese_and_korean_bytes_fail_saying_what_was_tried(text, encoding, language):
    with pytest.raises(ReadError) as failure:
        decode_text(text.encode(encoding))
    message = str(failure.value)
    assert "cannot decode the text as Chinese" in message
    assert "utf-8, gb18030, utf-16-le, utf-16-be and " in message and f"({language})" in message


def test_valid_utf8_in_another_language_is_kept_as_written():
    assert decode_text(JAPANESE.encode("utf-8")) == (JAPANESE, "utf-8")


# --- Word: what paragraph.text loses ----------------------------------------------------------


def test_a_letterhead_in_a_text_box_is_read_once_before_its_paragraph(tmp_path):
    letterhead = text_box(["德清县教育局", "德教函〔2024〕12号"])
    path = write_word_letter(
        tmp_path / "letter.docx",
        [
            f"<w:p>{letterhead}{run('关于第12号提案的答复')}</w:p>",
            f"<w:p>{run('张三委员：')}</w:p>",
        ],
    )
    text = read_document(path).text
    assert text == "德清县教育局\n德教函〔2024〕12号\n关于第12号提案的答复\n张三委员："


def test_content_controls_and_tracked_changes_read_as_accepted(tmp_path):
    path = write_word_letter(
        tmp_path / "letter.docx",
        [
            "<w:sdt><w:sdtPr/><w:sdtContent>"
            f"<w:p>{run('答复单位：德清县教育局')}</w:p></w:sdtContent></w:sdt>",
            f"<w:p>{run('经研究，')}<w:ins w:id='1' w:author='a'>{run('现答复如下：')}</w:ins>"
            "<w:del w:id='2' w:author='a'><w:r><w:delText>删去的话</w:delText></w:r></w:del>"
            f"<w:sdt><w:sdtContent>{run('新建站点3个')}</w:sdtContent></w:sdt>。</w:p>",
        ],
    )
    assert read_document(path).text == "答复单位：德清县教育局\n经研究，现答复如下：新建站点3个"


def test_a_pages_publication_time_is_a_labelled_or_timed_line_not_the_letters_date():
    letter = "<p>关于第1号提案的答复</p><p>张三委员：</p><p>已办理。</p><p>2024年5月27日</p>"
    assert read_html(f"<html><body>{letter}</body></html>".encode()).published_at == ""
    labelled = f"<html><body><div>发布时间：2024-06-01 09:30</div>{letter}</body></html>"
    assert read_html(labelled.encode()).published_at == "2024-06-01 09:30"


@pytest.mark.parametrize(
    "garble",
    [
        lambda t: t.encode("gbk").decode("latin-1"),  # GBK read as Latin-1, saved as UTF-8
        lambda t: t.encode("utf-8").decode("gbk", "replace"),  # UTF-8 read as GBK
        lambda t: t.encode("gbk").decode("big5", "replace"),  # GBK read as Big5
        lambda t: t.encode("utf-8").decode("cp1252", "replace"),  # UTF-8 read as Windows-1252
    ],
    ids=["gbk-as-latin1", "utf8-as-gbk", "gbk-as-big5", "utf8-as-cp1252"],
)
def test_mojibake_saved_as_utf8_is_refused_not_stored(garble):
    with pytest.raises(ReadError, match="valid UTF-8 but garbled"):
        decode_text((garble(TEXT) * 2).encode("utf-8"))


def test_traditional_script_in_utf8_is_kept():
    traditional = (
        "關於區政協十屆二次會議第014號提案的答覆\n徐君委員：\n您提出的提案收悉。獲批資金共140萬元。"
    )
    assert decode_text(traditional.encode("utf-8")) == (traditional, "utf-8")
