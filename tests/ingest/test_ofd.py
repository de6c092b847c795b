"""OFD (GB/T 33190), the national format for official documents: the text layer read by
ofdkit gives the same record as the text file. The OFD files are generated here."""

import io
import zipfile
from pathlib import Path

import pytest

from replies.ingest.pipeline import parse_file
from replies.ingest.read import ReadError, decode_text, read_document
from tests.conftest import SAMPLES
from tests.ingest.documents import write_ofd

LETTERS = ["wujin-weijian-2024-086.txt", "qufu-jiaoti-2024-023.txt", "weifang-keji-2023-342.txt"]


def fields(path: Path) -> dict:
    result = parse_file(str(path))
    assert result.error is None, result.error
    return {k: v for k, v in result.as_json().items() if k != "file"}


@pytest.mark.parametrize("name", LETTERS)
def test_an_ofd_gives_the_same_record_as_the_text(tmp_path, name):
    text = decode_text((SAMPLES / name).read_bytes())[0]
    ofd = write_ofd(tmp_path / "letter.ofd", text.splitlines())
    assert fields(ofd) == fields(SAMPLES / name)
    assert read_document(ofd).format == "ofd"


def test_a_broken_ofd_fails_with_one_line(tmp_path):
    whole = write_ofd(tmp_path / "whole.ofd", ["关于第1号提案的答复"] * 40).read_bytes()
    (tmp_path / "cut.ofd").write_bytes(whole[: len(whole) // 2])
    with pytest.raises(ReadError, match="not a readable OFD"):
        read_document(tmp_path / "cut.ofd")


def test_a_zip_that_is_no_ofd_fails_with_one_line(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "不是版式文档")
    (tmp_path / "fake.ofd").write_bytes(buffer.getvalue())
    with pytest.raises(ReadError, match="not a readable OFD"):
        read_document(tmp_path / "fake.ofd")


def test_an_ofd_bomb_is_refused_before_it_is_expanded(tmp_path):
    path = write_ofd(tmp_path / "bomb.ofd", ["答复"])
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Doc_0/Res/padding.xml", " " * (8 * 1024 * 1024))
    with pytest.raises(ReadError, match=r"refused OFD: Doc_0/Res/padding.xml expands"):
        read_document(path)


def test_an_ofd_with_neither_text_nor_page_images_fails_with_one_line(tmp_path):
    empty = write_ofd(tmp_path / "empty.ofd", [])
    with pytest.raises(ReadError, match="the OFD has no text layer and no page images"):
        read_document(empty)


def test_a_scanned_ofd_whose_image_is_missing_fails_with_one_line(tmp_path):
    from PIL import Image

    from tests.ingest.documents import write_image_ofd

    path = write_image_ofd(tmp_path / "scan.ofd", [Image.new("RGB", (200, 280), "white")])
    with zipfile.ZipFile(path) as archive:
        parts = {n: archive.read(n) for n in archive.namelist() if not n.endswith(".png")}
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    with pytest.raises(ReadError, match="not a readable OFD"):
        read_document(path)
