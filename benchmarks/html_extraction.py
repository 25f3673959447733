"""Benchmark: HTML pages → article text (``chronique.stages.htmltext.extract_html``).

Usage::

    .venv/bin/python benchmarks/html_extraction.py [DIR]

``DIR`` (default ``../shared/data/orangesum-raw-html-dev`` next to the repository) holds pages
``ID.html`` and ``parsed.jsonl``, one record per page with ``id``, ``article`` and optionally
``title``, ``date``, ``heading``. A page passes when its extracted text contains the first sentence
of the record's article and none of its site's navigation (both defined in
``chronique/eval/html.py``). Prints the rates, the time per page and every failing page with why.
Exits 0 with a "skipped" message when ``DIR`` is absent, 1 when the pass rate is below the floor.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from chronique.eval.html import PageScore, evaluate, read_pages, summarise
from chronique.stages.htmltext import extract_html

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DIR = REPO / ".." / "shared" / "data" / "orangesum-raw-html-dev"
#: The pass rate the extractor is held to (first sentence present and no navigation).
FLOOR = 0.95


def report(scores: list[PageScore], folder: Path) -> float:
    """Print the figures and the failures; return the pass rate."""
    s = summarise(scores)

    def pct(k: int, n: int) -> str:
        return f"{k}/{n} = {100 * k / n:.1f}%" if n else "n/a"

    print(f"pages: {s.pages} ({folder})")
    print(f"pass (first sentence and no navigation): {pct(s.passed, s.pages)}  floor {FLOOR:.0%}")
    print(f"  first sentence found:  {pct(s.first_sentence, s.pages)}")
    print(f"  no navigation in text: {pct(s.no_navigation, s.pages)}")
    print(f"  errors (InputError):   {s.errors}")
    print(f"title exact match:       {pct(s.title, s.pages)}")
    print(f"title match, site suffix allowed in the reference: {pct(s.title_suffix, s.pages)}")
    print(f"date match:              {pct(s.date, s.dated)}")
    print(f"time per page: mean {s.ms_mean:.1f} ms, p95 {s.ms_p95:.1f} ms, max {s.ms_max:.1f} ms")
    failures = [x for x in scores if not x.ok]
    if failures:
        print(f"\nfailing pages ({len(failures)}):")
        for x in failures:
            print(f"  {x.id}: " + " | ".join(x.reasons()))
    mismatched = [x for x in scores if not x.title_ok or x.date_ok is False]
    if mismatched:
        print(f"\ntitle/date mismatches ({len(mismatched)}):")
        for x in mismatched:
            what = [w for w, bad in (("title", not x.title_ok), ("date", x.date_ok is False)) if bad]
            note = (
                " (reference title = extracted title + site suffix)"
                if x.title_ok_suffix and not x.title_ok
                else ""
            )
            print(f"  {x.id}: {', '.join(what)}{note}")
    return s.pass_rate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score extract_html on a folder of pages with references.")
    parser.add_argument("dir", nargs="?", type=Path, default=DEFAULT_DIR)
    args = parser.parse_args(argv)
    folder: Path = args.dir
    if not (folder / "parsed.jsonl").is_file():
        print(f"skipped: {folder} absent (needs ID.html pages and parsed.jsonl)")
        return 0
    pages, references = read_pages(folder)
    rate = report(evaluate(pages, references, extract_html), folder.resolve())
    return 0 if rate >= FLOOR else 1


if __name__ == "__main__":
    sys.exit(main())
