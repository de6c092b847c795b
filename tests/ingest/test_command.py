"""`manage.py ingest` as the office runs it: a folder of good and bad files."""

import json
import os
import subprocess
import sys
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from replies.models import Department, Proposal, Region, Reply, Session
from tests.conftest import ROOT, SAMPLES, run_ingest
from tests.ingest.documents import write_blank_pdf, write_docx

pytestmark = pytest.mark.django_db
GOOD = ["qufu-jiaoti-2024-023.txt", "wujin-shichang-2024-102.docx", "deqing-jingxin-2025-15.html"]


@pytest.fixture
def mixed_folder(tmp_path: Path) -> Path:
    for name in GOOD:
        (tmp_path / name).write_bytes((SAMPLES / name).read_bytes())
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "noise.txt").write_bytes(os.urandom(4096))
    whole = write_docx(tmp_path / "whole.docx", ["关于第1号提案的答复", "张三委员："] * 50)
    (tmp_path / "truncated.docx").write_bytes(whole.read_bytes()[:1500])
    whole.unlink()
    write_blank_pdf(tmp_path / "scanned.pdf")
    (tmp_path / "old-word.doc").write_bytes(b"\xd0\xcf\x11\xe0 not supported")
    return tmp_path


def ingest(*args: str) -> tuple[str, str, CommandError | None]:
    out, err = StringIO(), StringIO()
    try:
        call_command("ingest", *args, stdout=out, stderr=err)
    except CommandError as exc:
        return out.getvalue(), err.getvalue(), exc
    return out.getvalue(), err.getvalue(), None


def test_bad_files_fail_alone_with_a_reason_and_the_good_ones_land(mixed_folder):
    out, err, error = ingest(str(mixed_folder))
    assert error is not None and "5 file(s) failed" in str(error)
    reasons = dict(line.split(": ", 1) for line in err.splitlines())
    assert reasons == {
        str(mixed_folder / "empty.txt"): "empty file",
        str(mixed_folder / "noise.txt"): reasons[str(mixed_folder / "noise.txt")],
        str(mixed_folder / "truncated.docx"): reasons[str(mixed_folder / "truncated.docx")],
        str(mixed_folder / "scanned.pdf"): "no text layer, and OCR found almost no Chinese text "
        "(not a letter, blank or too blurred?)",
        str(
            mixed_folder / "old-word.doc"
        ): "not a .doc file (no Word 97–2003 header); damaged or renamed?",
    }
    assert "cannot decode the text as Chinese" in reasons[str(mixed_folder / "noise.txt")]
    assert "not a readable .docx" in reasons[str(mixed_folder / "truncated.docx")]
    assert "Summary: created 3, failed 5." in out
    assert Reply.objects.count() == 3
    assert "Traceback" not in out + err


def test_re_import_changes_nothing_and_says_so(mixed_folder):
    ingest(str(mixed_folder))
    counts = [m.objects.count() for m in (Region, Department, Session, Proposal, Reply)]
    out, _, _ = ingest(str(mixed_folder))
    assert "Summary: unchanged 3, failed 5." in out
    assert [m.objects.count() for m in (Region, Department, Session, Proposal, Reply)] == counts


def test_the_same_document_in_another_encoding_and_name_is_the_same_reply(tmp_path):
    text = (SAMPLES / "qufu-jiaoti-2024-023.txt").read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "copy-gbk.txt").write_bytes(text.encode("gb18030"))
    out, _, error = ingest(str(tmp_path))
    assert error is None
    assert "Summary: created 1, unchanged 1." in out
    assert Reply.objects.count() == 1


def test_dry_run_json_writes_nothing_and_prints_one_object_per_file(mixed_folder):
    out, err, _ = ingest(str(mixed_folder), "--dry-run", "--json")
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) == 8
    assert {line["file"] for line in lines if "error" in line} == {
        str(mixed_folder / n)
        for n in ("empty.txt", "noise.txt", "truncated.docx", "scanned.pdf", "old-word.doc")
    }
    good = [line for line in lines if "error" not in line]
    assert all("department" in line and "warnings" in line for line in good)
    assert Reply.objects.count() == 0
    assert "Summary: parsed 3, failed 5." in err


def test_update_refreshes_and_parallel_parsing_gives_the_same_records(tmp_path):
    out, _, error = ingest(str(SAMPLES), "--jobs", "2")
    assert error is None and "created 12" in out
    out, _, _ = ingest(str(SAMPLES), "--update", "--jobs", "2")
    assert "Summary: unchanged 12." in out


def test_force_needs_update_and_jobs_must_be_positive():
    for args in (["--force"], ["--jobs", "0"]):
        with pytest.raises(CommandError):
            call_command("ingest", str(SAMPLES), *args, stdout=StringIO())


def test_missing_path_is_a_failure_line(tmp_path):
    _, err, error = ingest(str(tmp_path / "nowhere.txt"))
    assert error is not None
    assert err.strip() == f"{tmp_path / 'nowhere.txt'}: no such file"


def test_command_line_exit_status_and_no_traceback(tmp_path):
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.4 truncated")
    (tmp_path / "good.txt").write_bytes((SAMPLES / "wujin-weijian-2024-086.txt").read_bytes())
    result = run_ingest("--dry-run", str(tmp_path))
    assert result.returncode == 1
    assert f"{tmp_path / 'bad.pdf'}: not a readable PDF" in result.stderr
    assert f"parsed: {tmp_path / 'good.txt'}" in result.stdout
    assert "Traceback" not in result.stderr


def test_zip_that_is_not_a_word_file_is_refused(tmp_path):
    with zipfile.ZipFile(tmp_path / "fake.docx", "w") as archive:
        archive.writestr("hello.txt", "not word")
    _, err, error = ingest(str(tmp_path / "fake.docx"))
    assert error is not None and "not a readable .docx" in err


def test_a_file_name_that_is_not_utf8_is_a_line_not_a_traceback(tmp_path):
    (tmp_path / "good.txt").write_bytes((SAMPLES / "wujin-weijian-2024-086.txt").read_bytes())
    with open(os.path.join(os.fsencode(tmp_path), b"\xb4\xf0.txt"), "wb") as file:
        file.write(b"x")
    out, err, error = ingest(str(tmp_path))
    assert error is None  # skipped, not failed
    assert "Summary: created 1, skipped 1." in out
    assert f"{tmp_path}/\\xb4\\xf0.txt: the file name is not valid UTF-8" in err


@pytest.mark.django_db(transaction=True)
def test_two_imports_of_one_folder_at_once_count_unchanged_not_failed(tmp_path):
    from django.db import connection

    env = os.environ | {
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": "postgres://{USER}@{HOST}:{PORT}/{NAME}".format(**connection.settings_dict),
    }
    command = [sys.executable, "manage.py", "ingest", str(SAMPLES)]
    runs = [
        subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=300)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    created = sum(out.count("created: ") for out in outputs)
    unchanged = sum(out.count("unchanged: ") for out in outputs)
    assert (created, unchanged) == (12, 12), outputs
    assert Reply.objects.count() == 12
