"""Text normalisation shared by every way a reply enters the archive.

The source fingerprint is taken over the normalised text, so the same document saved in another
encoding, with full-width digits or with other line endings is recognised as the same reply.
"""

import hashlib
import re
import unicodedata

TRAILING_SPACE = re.compile(r"[ \t\u3000\xa0]+\n")
BLANK_RUNS = re.compile(r"\n{3,}")


def normalize_text(text: str) -> str:
    """NFKC (full-width digits and letters to half-width), one newline style, no trailing space."""
    text = unicodedata.normalize("NFKC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = TRAILING_SPACE.sub("\n", text + "\n")
    return BLANK_RUNS.sub("\n\n", text).strip()


def fingerprint(text: str) -> str:
    """SHA-256 (hex) of the normalised text: the identity of a source document."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()
