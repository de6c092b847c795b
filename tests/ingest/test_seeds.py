"""The five real seed documents, read through `ingest --dry-run --json`, match expected.json."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

# Keys of expected.json that describe the document rather than fields the importer returns.
ABOUT_THE_DOCUMENT = {
    "file",
    "layout_notes",
    "metrics_must_include",
    "proposal_text_starts",
    "reply_text_starts",
    "year_note",
}


@pytest.fixture(scope="module")
def results(seeds):
    out, err = StringIO(), StringIO()
    files = sorted(str(p) for p in seeds.glob("*.txt"))
    call_command("ingest", *files, dry_run=True, json=True, stdout=out, stderr=err)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    expected = json.loads((seeds / "expected.json").read_text(encoding="utf-8"))["documents"]
    by_name = {line["file"].rsplit("/", 1)[-1]: line for line in lines}
    return [(doc, by_name[doc["file"]]) for doc in expected]


def test_every_seed_gives_one_json_line(results):
    assert len(results) == 5


@pytest.mark.parametrize("index", range(5))
def test_seed_matches_expected_on_every_key(results, index):
    expected, got = results[index]
    wrong = {
        key: (value, got.get(key))
        for key, value in expected.items()
        if key not in ABOUT_THE_DOCUMENT and got.get(key) != value
    }
    assert wrong == {}, expected["file"]


@pytest.mark.parametrize("index", range(5))
def test_a_dateless_seed_says_where_its_year_comes_from(results, index):
    expected, got = results[index]
    if "year_note" in expected:
        assert got["year_note"] and str(got["year"]) in got["year_note"] + str(got["year"])
        assert got["year_note"] in got["warnings"]
    else:
        assert got["year_note"] is None


def test_web_page_seed_separates_proposal_and_reply_text(seeds):
    from replies.ingest.parse import parse
    from replies.ingest.read import read_document

    expected = next(
        d
        for d in json.loads((seeds / "expected.json").read_text())["documents"]
        if d.get("has_proposal_text")
    )
    parsed = parse(read_document(seeds / expected["file"]))
    assert parsed.proposal_text.startswith(expected["proposal_text_starts"])
    assert parsed.text.startswith(expected["reply_text_starts"])
    for chrome in ("字号", "分享", "【打印此页】", "【关闭窗口】"):
        assert chrome not in parsed.text
