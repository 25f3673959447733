"""The time to produce a chronology of a 1,000-article selection from a built store (goal: under 1 s).

Usage: .venv/bin/python benchmarks/timeline.py --db STORE [--size N] [--about TEXT] [--story ID] [--repeat R]

Build the store first (``benchmarks/build_full.py --db STORE`` builds the 6,000 OrangeSum dev
articles). The selection, in order of preference: ``--story ID``; ``--about TEXT`` (what the query
finds, cut to the first ``--size`` articles); else the first ``--size`` stored articles (default
1,000). For each of ``--repeat`` runs (the first reads the store cold, the others from the page
cache) it times ``build_timeline`` — with its own steps: select, read the dated sentences, generate,
add provenance — and each renderer, and prints the best and the median.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True, help="A built store.")
    ap.add_argument("--size", type=int, default=1000, help="Articles in the selection (default 1,000).")
    ap.add_argument("--about", default=None, help="Select what this query finds (entity, place, keywords).")
    ap.add_argument("--story", type=int, default=None, help="Select this story.")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    if not Path(args.db).exists():
        print(f"skipped: no store at {args.db} (build one with benchmarks/build_full.py --db {args.db})")
        return 0

    from chronique.export.timeline import FORMATS, render
    from chronique.store import Store
    from chronique.timeline import TimelineQuery, build_timeline
    from chronique.timeline.about import resolve

    with Store(args.db, readonly=True) as store:
        if args.story is not None:
            query = TimelineQuery(story=args.story)
            what = f"story #{args.story}"
        elif args.about:
            found = resolve(store, args.about).articles[: args.size]
            query = TimelineQuery(about=args.about, article_ids=tuple(found))
            what = f"--about {args.about!r}: {len(found)} articles"
        else:
            ids = [
                r[0] for r in store.db.execute("SELECT id FROM articles ORDER BY rowid LIMIT ?", (args.size,))
            ]
            query = TimelineQuery(article_ids=tuple(ids))
            what = f"the first {len(ids)} stored articles"
        runs: list[dict[str, float]] = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            tl = build_timeline(store, query)
            row = {"build_timeline": time.perf_counter() - t}
            row.update({f"  {k}": v for k, v in tl.stats["seconds"].items() if k != "total"})
            for fmt in FORMATS:
                t = time.perf_counter()
                render(tl, fmt)
                row[f"render {fmt}"] = time.perf_counter() - t
            row["build + text"] = row["build_timeline"] + row["render text"]
            row["build + html"] = row["build_timeline"] + row["render html"]
            runs.append(row)
    print(f"selection  {what}; {tl.stats['articles']} articles, {tl.stats['sentences']} sentences, "
          f"{tl.stats['sources']} independent sources → {len(tl.entries)} dates, "
          f"{sum(len(e.lines) for e in tl.entries)} lines")  # fmt: skip
    print(f"{'':<22} {'best':>8} {'median':>8}   ({args.repeat} runs)")
    for key in runs[0]:
        vals = [r[key] for r in runs]
        print(f"{key:<22} {min(vals):8.3f} {statistics.median(vals):8.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
