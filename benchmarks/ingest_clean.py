"""Ingest + clean throughput and peak memory on the 6,000 OrangeSum dev articles.

Usage: .venv/bin/python benchmarks/ingest_clean.py [FILE.jsonl] [--workers N]

Prints, each measured separately:
  * ingest alone (read + decode + field detection), articles/s
  * clean alone, one core, articles/s and ms/article
  * the full build into a fresh store (ingest + clean + store writes + full-text index), with the
    workers asked for (default: one per core), articles/s, and peak memory of the main process
    and of the largest worker.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / ".." / "shared" / "data" / "orangesum-dev.jsonl"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", default=str(DEFAULT))
    ap.add_argument("--workers", type=int, default=0)
    args = ap.parse_args()
    path = Path(args.file)
    if not path.exists():
        print(f"skipped: {path} is absent (the benchmark reads the team's shared data)")
        return 0

    from chronique.ingest import read_file
    from chronique.models import RawDocument
    from chronique.pipeline import build
    from chronique.settings import Settings
    from chronique.stages.clean import clean

    # ingest and clean only: the later stages have their own benchmarks
    settings = Settings(workers=args.workers, annotate=False, dedupe=False, stories=False)

    t = time.perf_counter()
    docs = [d for d in read_file(path, settings) if isinstance(d, RawDocument)]
    t_read = time.perf_counter() - t
    print(f"ingest   {len(docs)} records in {t_read:.2f} s: {len(docs) / t_read:,.0f} articles/s")

    t = time.perf_counter()
    for d in docs:
        clean(d, settings)
    t_clean = time.perf_counter() - t
    print(
        f"clean    1 core: {len(docs) / t_clean:,.0f} articles/s, {1000 * t_clean / len(docs):.2f} ms/article"
    )
    del docs

    with tempfile.TemporaryDirectory() as tmp:
        s = settings.replace(db=str(Path(tmp) / "bench.db"))
        t = time.perf_counter()
        report = build([path], s)
        t_build = time.perf_counter() - t
        size = Path(s.db).stat().st_size
    main_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"build    {report.records_read} read, {report.articles_added} stored, {report.duplicates} duplicates, "
        f"{len(report.skipped)} skipped, {s.n_workers} workers: {t_build:.2f} s, "
        f"{report.records_read / t_build:,.0f} articles/s"
    )
    print(
        f"memory   peak RSS main process {main_mb:.0f} MB, largest worker {child_mb:.0f} MB; store {size / 1e6:.1f} MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
