"""Legacy Word (.doc) and WPS (.wps) files: through LibreOffice, the same record as the .docx.
The .doc files are made here by LibreOffice from the project's own sample (`make test`
installs LibreOffice from Debian's packages)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from replies.ingest.converter import soffice
from replies.ingest.pipeline import ingest, parse_file
from replies.ingest.read import ReadError, read_document
from tests.conftest import SAMPLES, run_ingest

SAMPLE = SAMPLES / "wujin-shichang-2024-102.docx"


@pytest.fixture(scope="module")
def legacy(tmp_path_factory) -> Path:
    """The sample letter saved by LibreOffice as Word 97–2003 (.doc)."""
    if soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed; `make converters` installs it")
    folder = tmp_path_factory.mktemp("legacy")
    shutil.copy(SAMPLE, folder / "letter.docx")
    profile = f"-env:UserInstallation={(folder / 'profile').as_uri()}"
    command = [soffice(), profile, "--headless", "--convert-to", "doc:MS Word 97"]
    subprocess.run(
        [*command, "--outdir", str(folder), str(folder / "letter.docx")],
        check=True,
        capture_output=True,
        timeout=120,
        env=os.environ | {"HOME": str(folder)},
    )
    return folder / "letter.doc"


def record(path: Path) -> dict:
    result = parse_file(str(path))
    assert result.error is None, result.error
    return {k: v for k, v in result.as_json().items() if k != "file"}


@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_a_legacy_file_gives_the_same_record_as_the_docx(legacy, tmp_path, suffix):
    copy = tmp_path / f"letter{suffix}"  # WPS Office's .wps is the same compound format
    shutil.copy(legacy, copy)
    assert record(copy) == record(SAMPLE)
    assert read_document(copy).text == read_document(SAMPLE).text
    assert read_document(copy).format == suffix[1:]


@pytest.mark.django_db
def test_a_truncated_doc_fails_alone_with_one_line(legacy, tmp_path):
    (tmp_path / "good.doc").write_bytes(legacy.read_bytes())
    (tmp_path / "cut.doc").write_bytes(legacy.read_bytes()[:4096])
    summary = ingest([str(tmp_path)])
    assert summary.counts == {"created": 1, "failed": 1}
    [(file, reason)] = summary.failures
    assert file.endswith("cut.doc")
    assert reason.startswith("LibreOffice could not read it (damaged?): ")
    assert "could not be loaded" in reason


def test_without_libreoffice_the_error_says_what_to_install(legacy, tmp_path):
    shutil.copy(legacy, tmp_path / "letter.doc")
    path = str(Path(sys.executable).parent)  # a PATH without soffice
    result = run_ingest("--dry-run", str(tmp_path / "letter.doc"), PATH=path)
    assert result.returncode == 1
    assert "reading .doc needs LibreOffice: install it" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_doc_that_is_not_one_is_refused_before_conversion(tmp_path):
    (tmp_path / "fake.doc").write_bytes(b"PK\x03\x04 a zip, not a Word 97 file")
    with pytest.raises(ReadError, match="no Word 97–2003 header"):
        read_document(tmp_path / "fake.doc")
