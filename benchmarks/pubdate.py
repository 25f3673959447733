"""Publication-date stage speed and how articles get their date, on the 6,000 OrangeSum dev articles.

Usage: .venv/bin/python benchmarks/pubdate.py [FILE.jsonl] [--without-metadata]

Prints ms per article for the dating stage alone (clue reading + metadata/stamps + inference, one
core, no spaCy: tense from the language's cues), and the share of methods. With
``--without-metadata`` the records' own date field is hidden, so every date must come from the text:
it then also prints how often the inferred day equals the hidden date, and how often a wrong
single day would have been given (the stage's promise is that this stays near zero).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / ".." / "shared" / "data" / "orangesum-dev.jsonl"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", default=str(DEFAULT))
    ap.add_argument("--without-metadata", action="store_true")
    args = ap.parse_args()
    path = Path(args.file)
    if not path.exists():
        print(f"skipped: {path} is absent (the benchmark reads the team's shared data)")
        return 0

    from dataclasses import replace
    from datetime import date

    from chronique.ingest import read_file
    from chronique.models import RawDocument
    from chronique.settings import Settings
    from chronique.stages.clean import clean
    from chronique.stages.dating import Context, publication_date

    settings = Settings()
    docs = [d for d in read_file(path, settings) if isinstance(d, RawDocument)]
    truth = {d.source_id: d.meta.get("date", "")[:10] for d in docs}
    if args.without_metadata:
        docs = [replace(d, meta={k: v for k, v in d.meta.items() if k != "date"}) for d in docs]
    arts = [clean(d, settings) for d in docs]
    days = sorted(date.fromisoformat(v) for v in truth.values() if len(v) == 10)
    context = Context(days[0], days[-1]) if args.without_metadata and days else None
    t = time.perf_counter()
    results = [publication_date(a, None, context) for a in arts]
    elapsed = time.perf_counter() - t
    print(f"dating   {len(arts)} articles: {1000 * elapsed / len(arts):.2f} ms/article (one core, no parse)")
    methods = Counter(f"{r.method}/{r.precision}" for r in results)
    print("methods  " + ", ".join(f"{k} {v}" for k, v in methods.most_common()))
    if args.without_metadata:
        days_given = [(a, r) for a, r in zip(arts, results, strict=True) if r.precision == "day"]
        right = sum(1 for a, r in days_given if r.value == truth[a.source_id])
        wrong = len(days_given) - right
        print(
            f"inferred {len(days_given)} single days ({len(days_given) / len(arts):.1%} of articles): "
            f"{right} equal the hidden date, {wrong} differ ({wrong / max(1, len(days_given)):.1%} of the days given)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
