"""Scans and photos through OCR: the project's own samples printed, scanned at 200 dpi with a
red seal over the signature, turned and noisy (generated here), read back to the same record as
the text file, marked as OCR'd and flagged for review."""

from pathlib import Path

import pytest
from PIL import Image
from rapidfuzz.distance import Levenshtein

from replies.ingest.pipeline import ingest, parse_file
from replies.ingest.read import ReadError, decode_text, read_document
from replies.models import Reply
from tests.conftest import SAMPLES
from tests.ingest.documents import write_scan

LETTERS = ["wujin-weijian-2025-0021.txt", "wujin-weijian-2024-086.txt"]
OCR_WARNING = "文字由OCR识别"


def record(path: Path) -> dict:
    result = parse_file(str(path))
    assert result.error is None, result.error
    return {k: v for k, v in result.as_json().items() if k != "file"}


@pytest.fixture(scope="module")
def scans(tmp_path_factory) -> dict[str, dict[str, Path]]:
    folder = tmp_path_factory.mktemp("scans")
    made = {}
    for n, name in enumerate(LETTERS):
        lines = decode_text((SAMPLES / name).read_bytes())[0].splitlines()
        stem = Path(name).stem
        made[name] = {
            suffix: write_scan(folder / f"{stem}{suffix}", lines, seed=n)
            for suffix in (".png", ".pdf", ".ofd")
        }
    return made


@pytest.mark.parametrize("name", LETTERS)
@pytest.mark.parametrize("suffix", [".png", ".pdf", ".ofd"])
def test_a_scan_reads_as_the_text_file_does(scans, name, suffix):
    scan = scans[name][suffix]
    text = "".join(decode_text((SAMPLES / name).read_bytes())[0].split())
    document = read_document(scan)
    recognised = "".join(document.text.split())
    assert 1 - Levenshtein.distance(recognised, text) / len(text) >= 0.98
    assert 0.9 <= document.ocr_confidence <= 1
    expected, got = record(SAMPLES / name), record(scan)
    assert got["warnings"][0].startswith(OCR_WARNING)
    got["warnings"] = got["warnings"][1:]
    fields = [k for k in expected if k != "metrics"]
    same = [k for k in fields if got[k] == expected[k]]
    assert len(same) / len(fields) >= 0.95, {k: (got[k], expected[k]) for k in fields}
    for key in ("department", "reply_date", "doc_number", "proposal_number"):  # under the seal
        assert got[key] == expected[key]


@pytest.mark.django_db
def test_an_ocr_reply_is_stored_marked_and_flagged_for_review(scans):
    notes = []
    summary = ingest(
        [str(scans[LETTERS[0]][".png"])], on_progress=lambda file, note: notes.append(note)
    )
    assert notes == ["OCR 第 1/1 页"]  # page by page, for the progress bar
    assert summary.counts == {"created": 1}
    reply = Reply.objects.get()
    assert reply.source_format == Reply.Format.IMAGE
    assert reply.source_meta["OCR"].startswith("RapidOCR，平均置信度 0.9")
    assert reply.needs_review and reply.warnings[0].startswith(OCR_WARNING)


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p: Image.new("RGB", (800, 600), (120, 160, 90)).save(p), "almost no Chinese"),
        (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64), "not a readable image"),
        (lambda p: Image.new("1", (30000, 30000)).save(p), "refused image"),
    ],
    ids=["no letter", "truncated", "pixel bomb"],
)
def test_an_image_that_is_not_a_letter_fails_with_one_line(tmp_path, make, reason):
    path = tmp_path / "photo.png"
    make(path)
    with pytest.raises(ReadError, match=reason):
        read_document(path)


def test_a_table_rule_read_as_a_character_is_a_separator():
    from replies.ingest.ocr import tidy

    assert tidy("发文字号丨民农字[2021]184号") == "发文字号 | 民农字〔2021〕184号"


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("(第ll9号)的答复", "(第119号)的答复"),
        ("共l0个", "共10个"),
        ("PM2.5，4A级，O2O", "PM2.5，4A级，O2O"),
    ],
)
def test_a_number_with_1_read_as_a_letter_is_a_number(read, meant):
    from replies.ingest.ocr import tidy

    assert tidy(read, measured=True) == meant


MARKS = set(",，:：;；()（）")


@pytest.mark.parametrize("wide", [False, True], ids=["half-width", "full-width"])
def test_punctuation_comes_back_as_wide_as_it_was_printed(tmp_path, wide):
    # The models give either width for either; the room each mark takes tells them apart.
    letter = [
        "关于某某县十届人大二次会议第5号建议的答复",
        "张某某代表:",
        "您提出的关于加强农村道路管理的建议收悉,现答复如下:一是加强日常养护,"
        "二是增加资金投入;三是在试点乡镇(村)推广,逐步覆盖全县。",
        "联系人:李某,联系电话:12345678",
        "某某县交通运输局",
        "2024年6月30日",
    ]
    if wide:
        letter = [line.translate(str.maketrans(",:;()", "，：；（）")) for line in letter]
    document = read_document(write_scan(tmp_path / "letter.png", letter))
    printed = [ch for ch in "".join(letter) if ch in MARKS]
    read = [ch for ch in document.text if ch in MARKS]
    assert len(read) >= len(printed) - 1  # a mark alone at a line's end may be missed
    assert all(ch.isascii() != wide for ch in read), read


def test_marks_are_measured_between_their_neighbours():
    from replies.ingest.ocr import Box, mark_widths, widths

    pitch = 30.0  # a Chinese character's width; a half-width mark takes about 15
    narrow = Box([], "来,忠", 1.0, [15.0, 37.5, 60.0])  # 来 and 忠 1.5 characters apart
    wide = Box([], "来,忠", 1.0, [15.0, 45.0, 75.0])  # 2 characters apart
    assert mark_widths(narrow, pitch) == {1: False}
    assert mark_widths(wide, pitch) == {1: True}
    assert widths("来,忠：", {1: False}, default=False) == "来,忠:"  # the line's end: the habit
    assert widths("来，忠:", {1: True}, default=True) == "来，忠："


def test_a_gap_the_engine_read_across_becomes_a_space():
    from replies.ingest.ocr import spaced

    pitch = 30.0
    centres = [15.0, 45.0, 75.0, 165.0, 195.0]  # three characters of room between 辉 and 联
    assert spaced("孙家辉联系", centres, pitch) == "孙家辉 联系"
    assert spaced("孙家辉联系", [15.0, 45.0, 75.0, 108.0, 138.0], pitch) == "孙家辉联系"


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("纳人省交通规划", "纳入省交通规划"),
        ("深人基层，投人资金", "深入基层，投入资金"),
        ("关于加强学校内前车辆管理", "关于加强学校门前车辆管理"),
        ("己经完成", "已经完成"),
        ("增加人员，各级人大代表", "增加人员，各级人大代表"),  # 人 where 人 is meant stays
        ("全县人口，室内，自己", "全县人口，室内，自己"),
        ("關於國內外的發展，現將有關情況說明如下", "關於國內外的發展，現將有關情況說明如下"),
    ],
)
def test_characters_the_models_confuse_are_read_as_the_words_they_make(read, meant):
    from replies.ingest.ocr import likelier

    assert likelier(read) == meant


def test_a_page_scanned_upside_down_is_read_the_right_way_up(tmp_path):
    name = LETTERS[0]
    lines = decode_text((SAMPLES / name).read_bytes())[0].splitlines()
    scan = write_scan(tmp_path / "letter.png", lines)
    Image.open(scan).rotate(180).save(tmp_path / "turned.png")
    text = "".join("\n".join(lines).split())
    recognised = "".join(read_document(tmp_path / "turned.png").text.split())
    assert 1 - Levenshtein.distance(recognised, text) / len(text) >= 0.98
