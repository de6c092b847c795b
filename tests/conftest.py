import os
import subprocess
import sys
from pathlib import Path

import pytest

from replies.ingest.pipeline import ingest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def run_ingest(*args: str, **env: str) -> subprocess.CompletedProcess:
    """`manage.py ingest` as a person runs it, in a process of its own (development settings,
    the environment given on top)."""
    return subprocess.run(
        [sys.executable, "manage.py", "ingest", *args],
        cwd=ROOT,
        env=os.environ | {"DJANGO_DEBUG": "1"} | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


SEEDS = ROOT.parent / "shared" / "seeds"
REALDOCS = ROOT.parent / "shared" / "realdocs"


@pytest.fixture
def samples(db):
    """The project's own twelve sample replies, imported by the importer."""
    summary = ingest([str(SAMPLES)])
    assert summary.counts["created"] == 12, summary.failures


@pytest.fixture(scope="session")
def seeds() -> Path:
    """The five real reply documents beside the project (../shared/seeds)."""
    if not (SEEDS / "expected.json").is_file():
        pytest.skip(f"the real seed documents are not at {SEEDS}; CI has them beside the checkout")
    return SEEDS


@pytest.fixture(scope="session")
def realdocs() -> Path:
    """Sixty hand-labelled real replies and their scorer beside the project (../shared/realdocs)."""
    if not (REALDOCS / "labels.json").is_file() or not (REALDOCS / "compare.py").is_file():
        pytest.skip(
            f"the labelled real documents are not at {REALDOCS}; CI has them beside the checkout"
        )
    return REALDOCS
