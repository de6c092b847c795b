"""The budget per document: a file over its time or memory limit, or whose worker is killed,
fails alone with one line, and the rest of the batch is imported. The limits are lowered here
so that the documents that pass them are small enough for CI."""

import multiprocessing
import os
import signal
from pathlib import Path

import pytest

from replies.ingest.budget import Budget, Overrun, run_bounded
from replies.ingest.pipeline import ingest
from replies.models import Reply
from tests.conftest import SAMPLES

pytestmark = pytest.mark.django_db
SMALL = ["qufu-jiaoti-2024-023.txt", "wujin-weijian-2024-086.txt"]


def long_reply(path: Path, megabytes: int) -> Path:
    """A real-looking reply several megabytes long (a sample repeated)."""
    sample = (SAMPLES / "wujin-weijian-2025-0021.txt").read_text(encoding="utf-8")
    path.write_text(sample * (megabytes * 1024 * 1024 // len(sample.encode())), encoding="utf-8")
    return path


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_bytes((SAMPLES / SMALL[0]).read_bytes())
    long_reply(tmp_path / "b-long.txt", 4)
    (tmp_path / "c.txt").write_bytes((SAMPLES / SMALL[1]).read_bytes())
    return tmp_path


def test_a_file_over_the_time_limit_fails_alone(batch):
    summary = ingest([str(batch)], budget=Budget(seconds=1.5))
    assert summary.counts == {"created": 2, "failed": 1}
    assert summary.failures == [
        (str(batch / "b-long.txt"), "took longer than the 1.5 s time limit")
    ]
    assert Reply.objects.count() == 2


def test_a_file_over_the_memory_limit_fails_alone(batch):
    summary = ingest([str(batch)], budget=Budget(memory_mb=40))
    assert summary.counts == {"created": 2, "failed": 1}
    assert summary.failures == [
        (str(batch / "b-long.txt"), "needs more than the 40 MB memory limit")
    ]


def test_a_killed_worker_fails_its_file_and_the_rest_are_imported(batch):
    def kill_the_workers(result):
        if result.file.endswith("a.txt"):  # the worker is waiting for b-long.txt
            for child in multiprocessing.active_children():
                os.kill(child.pid, signal.SIGKILL)

    summary = ingest([str(batch)], on_result=kill_the_workers)
    assert summary.counts == {"created": 2, "failed": 1}
    [(file, reason)] = summary.failures
    assert file.endswith("b-long.txt") and "killed by signal 9" in reason


def test_results_come_back_in_order_from_several_workers():
    assert list(run_bounded(abs, range(-20, 0), jobs=3, budget=Budget())) == list(range(20, 0, -1))


def test_a_worker_that_dies_mid_item_gives_an_overrun():
    results = list(run_bounded(os._exit, [3], jobs=1, budget=Budget()))
    assert results == [Overrun("the worker reading it exited with status 3")]


# --- what the walk imports -------------------------------------------------------------------


def test_symbolic_links_are_not_followed_unless_asked_and_never_out_of_the_folder(tmp_path):
    (tmp_path / "a.txt").write_bytes((SAMPLES / SMALL[0]).read_bytes())
    (tmp_path / "passwd.txt").symlink_to("/etc/passwd")
    (tmp_path / "copy.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "etc").symlink_to("/etc", target_is_directory=True)
    summary = ingest([str(tmp_path)])
    assert summary.counts == {"created": 1, "skipped": 3}
    assert {Path(file).name for file, _ in summary.skipped} == {"passwd.txt", "copy.txt", "etc"}
    followed = ingest([str(tmp_path)], follow_links=True)
    assert followed.counts == {"unchanged": 2, "skipped": 2}  # a.txt and the link inside
    assert all("outside the folder" in reason for _, reason in followed.skipped)
    assert not Reply.objects.filter(text__contains="root:").exists()


def test_a_file_name_that_is_not_utf8_is_reported_and_skipped(tmp_path):
    (tmp_path / "a.txt").write_bytes((SAMPLES / SMALL[0]).read_bytes())
    bad = os.path.join(os.fsencode(tmp_path), b"\xb4\xf0\xb8\xb4.txt")  # 答复 in GBK
    with open(bad, "wb") as file:
        file.write((SAMPLES / SMALL[1]).read_bytes())
    summary = ingest([str(tmp_path)])
    assert summary.counts == {"created": 1, "skipped": 1}
    [(name, reason)] = summary.skipped
    assert name.endswith("\\xb4\\xf0\\xb8\\xb4.txt") and "not valid UTF-8" in reason


def test_a_folder_walk_skips_what_is_no_document_and_fails_what_cannot_be_read(tmp_path):
    (tmp_path / "a.txt").write_bytes((SAMPLES / SMALL[0]).read_bytes())
    (tmp_path / "README.md").write_text("# 说明", encoding="utf-8")
    (tmp_path / "index.json").write_text("{}", encoding="utf-8")
    (tmp_path / "letter.doc").write_bytes(b"\xd0\xcf\x11\xe0 not readable here")
    summary = ingest([str(tmp_path)])
    assert summary.counts == {"created": 1, "skipped": 2, "failed": 1}
    assert [Path(file).name for file, _ in summary.skipped] == ["README.md", "index.json"]
    assert summary.skipped[0][1] == "not a reply document (.md), skipped"
    named = ingest([str(tmp_path / "README.md")])  # given by name: the person meant it
    assert named.counts == {"failed": 1}
