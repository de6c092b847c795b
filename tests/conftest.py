import pytest

from replies.ingest.samples import load_samples


@pytest.fixture
def samples(db):
    """The project's own twelve sample replies, loaded through the load stage."""
    load_samples()
