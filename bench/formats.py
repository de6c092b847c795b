"""Format invariance: each reply rendered into every format the importer reads, and read back.

For each text (the project's samples, and on our machines the sixty real replies of
../shared/realdocs, read from there and written only to a temporary folder), the generator
makes: .docx with the letterhead in a text box, .doc and .wps (LibreOffice), PDF (reportlab),
PDF printed by Chromium, OFD, HTML in three site layouts (a content div among navigation; a
table-layout page with its metadata table; one with the signature and date in a row of their
own), and a scan (printed, 200 dpi, a red seal over the
signature, turned 0.8°, noise). Every file is parsed as `ingest --dry-run` would, in two worker
processes, and compared with the text file's record: every field equal, and the stored text
equal after white space (character accuracy for the scan). Prints the matrix, documents per
second for each format and pages per second for OCR.

    python bench/formats.py [--no-realdocs] [--limit N]
"""

import argparse
import html
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")
REALDOCS = ROOT.parent / "shared" / "realdocs" / "docs"
FORMATS = ["docx", "doc", "wps", "pdf", "chromium.pdf", "ofd"]
FORMATS += ["site-a.html", "site-b.html", "site-c.html"]
SCAN = "scan.png"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def paragraphs(lines: list[str]) -> str:
    return "".join(f"<p>{html.escape(line)}</p>" for line in lines)


def site_a(lines: list[str]) -> str:
    body = paragraphs(lines)
    return (
        '<!doctype html><html><head><meta charset="utf-8"><title>政务公开</title></head><body>'
        '<div class="topbar">无障碍 | 长者模式</div><div class="nav"><a href="/">首页</a> '
        '<a href="/zwgk/">政务公开</a></div><div class="breadcrumb">首页 > 建议提案办理</div>'
        f'<div class="content">{body}</div><div class="footer">版权所有 网站标识码</div>'
        "</body></html>"
    )


def site_b(lines: list[str]) -> str:
    body = paragraphs(lines)
    return (
        '<!doctype html><html><head><meta charset="utf-8"></head><body><table width="100%">'
        '<tr><td class="menu"><a href="/">网站首页</a> <a href="/xxgk/">信息公开</a></td></tr>'
        "<tr><td><table><tr><td>索引号：</td><td>000000000/2024-00001</td><td>主题分类：</td>"
        "<td>建议提案</td></tr><tr><td>发布机构：</td><td>办公室</td><td>公开方式：</td>"
        f"<td>主动公开</td></tr></table></td></tr><tr><td>{body}</td></tr>"
        "<tr><td>主办单位：人民政府办公室 地址：人民路1号 邮编：000000</td></tr>"
        "</table></body></html>"
    )


def site_c(lines: list[str]) -> str:
    """A table-layout page that sets the signature and date in a right-aligned row of their
    own, apart from the letter's cell (where choosing one content container loses them)."""
    body, tail = paragraphs(lines[:-2]), "<br>".join(html.escape(line) for line in lines[-2:])
    return (
        '<!doctype html><html><head><meta charset="utf-8"></head><body><table width="100%">'
        '<tr><td><a href="/">网站首页</a> <a href="/xxgk/">信息公开</a> <a href="/bs/">办事</a>'
        "</td></tr><tr><td><table><tr><td>索引号：</td><td>000000000/2024-00001</td>"
        "<td>主题分类：</td><td>建议提案</td></tr></table></td></tr>"
        f'<tr><td>{body}</td></tr><tr><td align="right">{tail}</td></tr>'
        "<tr><td>主办单位：人民政府办公室 地址：人民路1号 邮编：000000</td></tr>"
        "</table></body></html>"
    )


SITES = {"site-a.html": site_a, "site-b.html": site_b, "site-c.html": site_c}


def letterhead_docx(path: Path, lines: list[str]) -> None:
    from tests.ingest.documents import run, text_box, write_word_letter

    first, second, rest = lines[0], lines[1] if len(lines) > 1 else "", lines[2:]
    blocks = [f"<w:p>{text_box([html.escape(first)])}{run(html.escape(second))}</w:p>"]
    blocks += [f"<w:p>{run(html.escape(line))}</w:p>" for line in rest]
    write_word_letter(path, blocks)


def make_all(
    texts: dict[str, list[str]], folder: Path, scan: bool = True
) -> dict[str, dict[str, Path]]:
    from playwright.sync_api import sync_playwright

    from tests.ingest.documents import write_docx, write_ofd, write_pdf, write_scan

    made: dict[str, dict[str, Path]] = defaultdict(dict)
    for name, lines in texts.items():
        base = folder / name
        base.mkdir()
        made[name]["txt"] = base / "letter.txt"
        made[name]["txt"].write_text("\n".join(lines), encoding="utf-8")
        letterhead_docx(base / "letter.docx", lines)
        made[name]["docx"] = base / "letter.docx"
        made[name]["pdf"] = write_pdf(base / "letter.pdf", lines)
        made[name]["ofd"] = write_ofd(base / "letter.ofd", lines)
        for layout, page in SITES.items():
            made[name][layout] = base / f"letter.{layout}"
            made[name][layout].write_text(page(lines), encoding="utf-8")
        if scan:
            made[name][SCAN] = write_scan(base / "letter.scan.png", lines)
    # LibreOffice converts many files in one start: each letter under its own name.
    converted = folder / "converted"
    named = {}
    for name in made:  # from a plain .docx: LibreOffice drops the generated text box
        named[name] = write_docx(folder / f"{name}.docx", texts[name])
    sources = [str(path) for path in named.values()]
    for start in range(0, len(sources), 40):
        profile = f"-env:UserInstallation={(folder / 'profile').as_uri()}"
        convert = ["soffice", profile, "--headless", "--convert-to", "doc:MS Word 97"]
        subprocess.run(
            [*convert, "--outdir", str(converted), *sources[start : start + 40]],
            check=True,
            capture_output=True,
            timeout=900,
        )
    for name, files in made.items():
        for fmt in ("doc", "wps"):
            files[fmt] = files["docx"].with_suffix(f".{fmt}")
            shutil.copy(converted / f"{name}.doc", files[fmt])
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        for name, files in made.items():
            body = paragraphs(texts[name])
            page.set_content(
                '<html><head><meta charset="utf-8"><style>body{font-family:"Noto Serif CJK SC",'
                '"Noto Sans CJK SC",serif;font-size:16pt;margin:2.5cm}'
                "p{margin:0;text-indent:2em}</style>"
                f"</head><body>{body}</body></html>"
            )
            files["chromium.pdf"] = files["docx"].with_suffix(".chromium.pdf")
            page.pdf(path=str(files["chromium.pdf"]), format="A4")
        browser.close()
    return made


def fields_of(result) -> dict:
    """The record's fields; a figure without its offset (the stored texts may differ in white
    space, and an offset counts it) and with its sentence's white space closed up."""
    data = {k: v for k, v in result.as_json().items() if k not in ("file", "warnings")}
    data["metrics"] = [
        {**m, "offset": None, "context": flat(m["context"])} for m in data.get("metrics", [])
    ]
    return data


def flat(text: str) -> str:
    return "".join(text.split())


def stored(result) -> str:
    """All the text stored of a document: the reply's and the proposal's it carries (where the
    parser divides them is a field, compared with the others, not part of the text)."""
    return flat(result.parsed.text + result.parsed.proposal_text)


def first_difference(got: str, want: str, around: int = 15) -> str:
    """Where two texts first part, with a little of each side."""
    pairs = enumerate(zip(got, want, strict=False))
    at = next((i for i, (a, b) in pairs if a != b), min(len(got), len(want)))
    start = max(at - around, 0)
    return f"…{want[start : at + around]}… -> …{got[start : at + around]}…"


def accuracy(got: str, want: str) -> float:
    """The share of the text's characters read right: 1 - edit distance / length."""
    from rapidfuzz.distance import Levenshtein

    return 1 - Levenshtein.distance(got, want) / max(len(want), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-realdocs", action="store_true")
    parser.add_argument("--limit", type=int, default=0, help="at most N texts")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--no-scan", action="store_true", help="leave out the OCR'd scan")
    parser.add_argument("--show", action="store_true", help="print each differing field")
    args = parser.parse_args()

    import django

    django.setup()
    from replies.ingest.pipeline import discover, parse_all
    from replies.ingest.read import decode_text

    sources = sorted((ROOT / "samples").glob("*.txt"))
    if REALDOCS.is_dir() and not args.no_realdocs:
        sources += sorted(REALDOCS.glob("*.txt"))
    if args.limit:
        sources = sources[: args.limit]
    texts = {
        f"{n:03d}": [line for line in decode_text(path.read_bytes())[0].splitlines()]
        for n, path in enumerate(sources)
    }
    print(f"texts: {len(texts)} ({len(sources)} files); machine: {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        made = make_all(texts, Path(tmp), scan=not args.no_scan)
        seconds = time.perf_counter() - start
        print(f"generated {len(made) * (len(FORMATS) + 2)} files in {seconds:.0f} s")
        results, took = {}, {}
        formats = FORMATS if args.no_scan else [*FORMATS, SCAN]
        for fmt in ["txt", *formats]:
            files = [str(made[name][fmt]) for name in texts]
            start = time.perf_counter()
            results[fmt] = dict(zip(texts, parse_all(discover(files), args.jobs), strict=True))
            took[fmt] = time.perf_counter() - start
        print()
        print("| format | documents read | all fields equal | fields equal | text equal | docs/s |")
        print("| --- | --- | --- | --- | --- | --- |")
        for fmt in formats:
            read = whole = same_text = 0
            equal = total = 0
            scores = []
            differing: dict[str, int] = defaultdict(int)
            for name in texts:
                base, got = results["txt"][name], results[fmt][name]
                if base.error:
                    continue
                if got.error:
                    total += len(fields_of(base))
                    continue
                read += 1
                want, have = fields_of(base), fields_of(got)
                keys = [k for k in want if k != "metrics"] + ["metrics"]
                matched = [k for k in keys if have.get(k) == want[k]]
                for k in set(keys) - set(matched):
                    differing[k] += 1
                    if args.show:
                        what = f"{want[k]!r} -> {have.get(k)!r}"
                        if k == "metrics":  # only the figures that differ
                            gone = [m for m in want[k] if m not in have[k]]
                            new = [m for m in have[k] if m not in want[k]]
                            what = f"{gone!r} -> {new!r}"
                        print(f"{fmt} {sources[int(name)].name} {k}: {what}"[:600])
                equal += len(matched)
                total += len(keys)
                whole += len(matched) == len(keys)
                if fmt == SCAN:
                    scores.append(accuracy(stored(got), stored(base)))
                    if args.show and scores[-1] < 0.9:
                        print(f"{fmt} {sources[int(name)].name} characters right: {scores[-1]:.1%}")
                else:
                    same_text += stored(got) == stored(base)
                    if args.show and stored(got) != stored(base):
                        where = first_difference(stored(got), stored(base))
                        print(f"{fmt} {sources[int(name)].name} text: {where}")
            n = sum(1 for name in texts if not results["txt"][name].error)
            text_cell = (
                f"characters right: mean {sum(scores) / len(scores):.1%}, min {min(scores):.1%}, "
                f"{sum(score >= 0.98 for score in scores)}/{len(scores)} at 98% or more"
                if scores
                else f"{same_text}/{n}"
            )
            share = f"{equal}/{total} ({equal / max(total, 1):.1%})"
            print(
                f"| {fmt} | {read}/{n} | {whole}/{n} | {share} | {text_cell} "
                f"| {n / took[fmt]:.1f} |"
            )
            if differing:
                worst = sorted(differing.items(), key=lambda kv: -kv[1])[:6]
                print("|   differing | " + ", ".join(f"{k} {v}" for k, v in worst) + " | | | | |")
        if SCAN not in formats:
            return
        pages = len(texts)
        print(f"\nOCR: {pages / took[SCAN]:.2f} pages/s with {args.jobs} workers")


if __name__ == "__main__":
    main()
