"""Timeline summarisation on ML-Crisis through the product path: build a store, then ask for a chronology.

Usage: .venv/bin/python benchmarks/tls_store.py [DIR] [--no-annotate] [--topic T ...]

``chronique eval tls`` reads the articles and dates their sentences in memory. This benchmark checks
that what a user gets matches it: for each topic, the articles published inside the gold span are
built into a fresh store with ``chronique.pipeline.build`` (annotation on by default, so the temporal
tagger reads tenses from the parse, as in a real build; events and stories off: they do not feed the
chronology's dates and lines), then :func:`chronique.timeline.build.build_timeline` is asked for
``l`` dates of ``k`` lines inside the span — what ``chronique timeline --dates l --per-date k --from
--to`` prints — and scored like ``chronique eval tls`` (AR1, AR2, Date-F1; precision and recall
averaged over topics, then F). Prints the build and chronology seconds per topic.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / ".." / "shared" / "data" / "ml-crisis-fr-dev"
sys.path.insert(0, str(ROOT))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("root", nargs="?", default=str(DEFAULT))
    ap.add_argument("--no-annotate", action="store_true", help="build without the spaCy annotation")
    ap.add_argument("--topic", action="append", help="only this topic (repeatable)")
    args = ap.parse_args()
    root = Path(args.root)
    if not root.exists():
        print(f"skipped: {root} is absent (the benchmark reads the team's shared data)")
        return 0
    logging.basicConfig(level=logging.ERROR)

    from chronique.eval import rouge, tls
    from chronique.pipeline import build
    from chronique.settings import Settings
    from chronique.store import Store
    from chronique.timeline.build import build_timeline
    from chronique.timeline.model import TimelineQuery

    topics = args.topic or sorted(p.stem for p in (root / "reference").glob("*.txt"))
    rows = []
    print(
        f"{'topic':10} {'l':>4} {'k':>2} {'arts':>5} {'build s':>8} {'chrono s':>9} {'AR1':>7} {'AR2':>7} {'Date-F1':>8}"
    )
    for topic in topics:
        ref = tls.read_t17((root / "reference" / f"{topic}.txt").read_text(encoding="utf-8"))
        n_dates, per_date, start, end = tls.protocol(ref)
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "in"
            for folder in sorted((root / topic).iterdir()):
                try:
                    day = dt.date.fromisoformat(folder.name)
                except ValueError:
                    continue
                if start <= day <= end:
                    shutil.copytree(folder, src / folder.name)
            settings = replace(
                Settings(),
                db=str(Path(tmp) / "t.db"),
                annotate=not args.no_annotate,
                events=False,
                stories=False,
            )
            t0 = time.perf_counter()
            report = build([src], settings)
            t1 = time.perf_counter()
            with Store(settings.db) as store:
                query = TimelineQuery(start=start, end=end, n_dates=n_dates, per_date=per_date, events=False)
                tl = build_timeline(store, query)
            t2 = time.perf_counter()
        predicted: dict[dt.date, list[str]] = {}
        for entry in tl.entries:
            predicted.setdefault(entry.date, []).extend(line.text for line in entry.lines)
        sc = rouge.evaluate(predicted, ref)
        rows.append(sc)
        print(
            f"{topic:10} {n_dates:4d} {per_date:2d} {report.articles_added:5d} {t1 - t0:8.1f} {t2 - t1:9.2f}"
            f" {sc.ar1.f1:7.4f} {sc.ar2.f1:7.4f} {sc.dates.f1:8.4f}"
        )
    if rows:
        avg = {
            name: rouge.f1(
                sum(getattr(r, name).precision for r in rows) / len(rows),
                sum(getattr(r, name).recall for r in rows) / len(rows),
            )
            for name in ("ar1", "ar2", "dates")
        }
        print(
            f"{'average':10} {'':>4} {'':>2} {'':>5} {'':>8} {'':>9} {avg['ar1']:7.4f} {avg['ar2']:7.4f} {avg['dates']:8.4f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
