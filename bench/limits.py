"""Limits benchmark: seconds and peak memory to read and parse large texts and hostile files.

Each case runs in a fresh worker process (as imports do). The large texts are parsed with the
size and character caps lifted, to show that every stage is linear in the text; the bombs run
under the archive's real limits, to show they are refused early and cheaply.

    python bench/limits.py [--sizes 1 4 16]
"""

import argparse
import multiprocessing
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def measure(connection, path: str, lift: bool) -> None:
    from replies.ingest import read
    from replies.ingest.pipeline import parse_file

    if lift:
        read.MAX_BYTES = read.MAX_CHARS = 2**40
    start_rss = rss_mb()
    start = time.perf_counter()
    result = parse_file(path)
    took = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    outcome = result.error or f"{len(result.parsed.text):,} characters"
    connection.send((took, peak - start_rss, outcome))


def run(path: Path, lift: bool = False) -> tuple[float, float, str]:
    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe()
    process = context.Process(target=measure, args=(child, str(path), lift))
    process.start()
    answer = parent.recv()
    process.join()
    return answer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 4, 16], metavar="MB")
    args = parser.parse_args()

    import django

    django.setup()
    from replies.ingest.pipeline import parse_file
    from tests.ingest.documents import write_docx_bomb, write_pdf_bomb

    parse_file(str(ROOT / "samples" / "qufu-jiaoti-2024-023.txt"))  # compile patterns once
    sample = (ROOT / "samples" / "wujin-weijian-2025-0021.txt").read_text(encoding="utf-8")
    print(f"machine: {os.cpu_count()} cores; each case in a fresh worker (fork)")
    print(f"{'case':<46} {'seconds':>8} {'peak MB':>8}  outcome")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for megabytes in args.sizes:
            path = folder / f"text-{megabytes}mb.txt"
            path.write_text(sample * (megabytes * 2**20 // len(sample.encode())), "utf-8")
            took, peak, outcome = run(path, lift=True)
            label = f"reply text {megabytes} MB, caps lifted"
            print(f"{label:<46} {took:8.2f} {peak:8.0f}  {outcome} ({took / megabytes:.2f} s/MB)")
        cases = {
            f"reply text {args.sizes[-1]} MB, real caps": folder / f"text-{args.sizes[-1]}mb.txt",
            "digit run, 1,000,000 digits": folder / "digits.txt",
            ".docx bomb (document.xml 256 MB)": write_docx_bomb(folder / "bomb.docx", 256),
            "PDF bomb (one stream of 256 MB)": write_pdf_bomb(folder / "bomb.pdf", 256),
            "HTML nested 8,000 deep": folder / "nested.html",
            "HTML with 20,000 sibling scripts": folder / "wide.html",
        }
        (folder / "digits.txt").write_text("答复：" + "1" * 1_000_000 + "元。", "utf-8")
        (folder / "nested.html").write_text(
            "<html><body>" + "<div>" * 8000 + "答复" + "</div>" * 8000 + "</body></html>", "utf-8"
        )
        (folder / "wide.html").write_text(
            "<html><body>" + "<p>答复内容</p><script>x</script>" * 20_000 + "</body></html>",
            "utf-8",
        )
        for label, path in cases.items():
            size = path.stat().st_size / 1024
            took, peak, outcome = run(path)
            print(f"{label + f' ({size:,.0f} KB)':<46} {took:8.2f} {peak:8.0f}  {outcome}")


if __name__ == "__main__":
    main()
