"""The project's own sample replies (samples/replies.yaml), loaded through the load stage."""

from collections import Counter
from pathlib import Path

import yaml

from replies.ingest.load import Outcome, upsert_reply
from replies.ingest.records import ParsedReply, Source
from replies.textnorm import fingerprint

SAMPLES_FILE = Path(__file__).resolve().parent.parent.parent / "samples" / "replies.yaml"


def load_samples(path: Path = SAMPLES_FILE) -> Counter[Outcome]:
    """Load every sample record; running it again changes nothing."""
    tally: Counter[Outcome] = Counter()
    for entry in yaml.safe_load(path.read_text(encoding="utf-8")):
        parsed = ParsedReply.from_mapping(entry)
        source = Source(file=entry["source_file"], format="txt", sha256=fingerprint(parsed.text))
        outcome, _ = upsert_reply(parsed=parsed, source=source)
        tally[outcome] += 1
    return tally
