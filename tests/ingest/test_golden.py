"""The project's own documents (every format, encoding and layout) against hand-checked JSON."""

import json
from pathlib import Path

import pytest

from replies.ingest.pipeline import parse_file
from tests.conftest import SAMPLES

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("golden", sorted(GOLDEN.glob("*.json")), ids=lambda p: p.stem)
def test_sample_document_parses_to_its_golden_record(golden):
    expected = json.loads(golden.read_text(encoding="utf-8"))
    result = parse_file(str(SAMPLES / expected["file"]))
    assert result.error is None
    got = result.as_json() | {"file": expected["file"]}
    got.pop("metrics", None)
    assert got == expected


def test_every_sample_has_a_golden_file_and_every_format_is_covered():
    samples = {p.name for p in SAMPLES.iterdir() if p.is_file()}
    golden = {json.loads(p.read_text())["file"] for p in GOLDEN.glob("*.json")}
    assert samples == golden
    assert {Path(name).suffix for name in samples} == {".txt", ".html", ".docx", ".pdf"}


def test_html_sample_keeps_content_and_drops_site_chrome():
    result = parse_file(str(SAMPLES / "deqing-jingxin-2025-15.html"))
    text = result.parsed.text + result.parsed.proposal_text
    for chrome in ("首页", "当前位置", "字号", "分享", "打印此页", "统计代码", "人民政府办公室"):
        assert chrome not in text
    assert result.parsed.source_meta["索引号"] == "11330521002580379Q/2025-00123"
    assert result.source.url == "https://www.deqing.gov.cn/art/2025/6/3/art_1229_15.html"
    assert result.parsed.proposal_text.startswith("德清县共有国家级专精特新")


def test_pdf_sample_rejoins_wrapped_lines():
    result = parse_file(str(SAMPLES / "haining-renshe-2024-0087.pdf"))
    assert "发放培训补贴2150万元。" in result.parsed.text
    assert (
        "二、加强技能培训。2024年上半年开展新就业形态劳动者技能培训1.3万人次" in result.parsed.text
    )
