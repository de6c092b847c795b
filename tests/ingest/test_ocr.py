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
