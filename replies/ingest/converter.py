"""Legacy word-processor files (.doc, Word 97–2003; .wps, WPS Office) through LibreOffice.

LibreOffice converts the file to .docx, which the archive's own Word reader then reads, so a
letter gives the same record whatever format it was saved in: measured on the samples, the
.docx, and the same letter saved as .doc and converted back, give identical records, where
antiword and catdoc (plain text, tables flattened) changed every figure's offset.

Each conversion runs headless with a profile of its own (parallel imports do not share
LibreOffice's lock) and a time limit, and leaves nothing behind.
"""

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

CONVERT_SECONDS = 50  # within the budget's 60 s per document
INSTALL_HINT = (
    "reading {suffix} needs LibreOffice: install it (Debian/Ubuntu: "
    "apt-get install libreoffice-writer-nogui; or `make converters`) and import again"
)


class ConversionError(Exception):
    """The file could not be converted; the message says why."""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_docx(data: bytes, suffix: str) -> bytes:
    """The .docx LibreOffice makes of a .doc or .wps file's bytes."""
    program = soffice()
    if program is None:
        raise ConversionError(INSTALL_HINT.format(suffix=suffix))
    with tempfile.TemporaryDirectory(prefix="archive-convert-") as folder:
        work = Path(folder)
        source = work / f"document{suffix}"
        source.write_bytes(data)
        command = [
            program,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(work / "out"),
            str(source),
        ]
        try:
            process = subprocess.Popen(
                command,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                start_new_session=True,  # so that a stuck conversion is killed whole
                env=os.environ | {"HOME": folder},
            )
            _, errors = process.communicate(timeout=CONVERT_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise ConversionError(
                f"LibreOffice did not convert it within {CONVERT_SECONDS} s (damaged?)"
            ) from None
        converted = work / "out" / "document.docx"
        if process.returncode != 0 or not converted.is_file():
            detail = errors.decode("utf-8", "replace").strip().splitlines()
            reason = detail[-1] if detail else f"exit status {process.returncode}"
            raise ConversionError(f"LibreOffice could not read it (damaged?): {reason}")
        return converted.read_bytes()
