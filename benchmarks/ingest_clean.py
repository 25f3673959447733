"""Ingest + clean (+ dating + timexes) throughput and peak memory on the 6,000 OrangeSum dev articles.

Usage: .venv/bin/python benchmarks/ingest_clean.py [FILE.jsonl] [--workers N]

Prints, each measured separately:
  * ingest alone (read + decode + field detection), articles/s
  * clean alone, one core, articles/s and ms/article
  * dating and timexes alone (the per-article jobs the workers run after cleaning), one core
  * the build without annotation into a fresh store (run first, so that the main process's peak
    memory is the build's own) (ingest + clean + full-text terms + dating +
    timexes + store writes), with the workers asked for (default: one per core), articles/s, the
    CPU time of the main process and of the workers (the machine may be shared: CPU time says what
    wall time cannot), and peak memory of the main process and of the largest worker.
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
    from chronique.jobs import ToDate, date_and_tag
    from chronique.models import RawDocument
    from chronique.pipeline import build
    from chronique.settings import Settings
    from chronique.stages.clean import clean

    # no annotation: the build is ingest, clean, dating and timexes (the stages after annotation,
    # and annotation itself, are in build_full.py and their own benchmarks)
    settings = Settings(workers=args.workers, annotate=False, dedupe=False, stories=False)

    # the build first, so that the peak memory of the main process is the build's own
    with tempfile.TemporaryDirectory() as tmp:
        s = settings.replace(db=str(Path(tmp) / "bench.db"))
        cpu0 = {
            who: resource.getrusage(who).ru_utime + resource.getrusage(who).ru_stime
            for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
        }
        t = time.perf_counter()
        report = build([path], s)
        t_build = time.perf_counter() - t
        size = Path(s.db).stat().st_size
    main_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    cpu = {
        who: resource.getrusage(who).ru_utime + resource.getrusage(who).ru_stime - cpu0[who] for who in cpu0
    }

    t = time.perf_counter()
    docs = [d for d in read_file(path, settings) if isinstance(d, RawDocument)]
    t_read = time.perf_counter() - t
    print(f"ingest   {len(docs)} records in {t_read:.2f} s: {len(docs) / t_read:,.0f} articles/s")

    t = time.perf_counter()
    arts = [clean(d, settings) for d in docs]
    t_clean = time.perf_counter() - t
    print(
        f"clean    1 core: {len(docs) / t_clean:,.0f} articles/s, {1000 * t_clean / len(docs):.2f} ms/article"
    )
    del docs

    t = time.perf_counter()
    date_and_tag([ToDate(a) for a in arts])
    t_date = time.perf_counter() - t
    print(
        f"date+tag 1 core: {len(arts) / t_date:,.0f} articles/s, {1000 * t_date / len(arts):.2f} ms/article "
        "(publication date, timexes)"
    )
    del arts

    print(
        f"build    {report.records_read} read, {report.articles_added} stored, {report.duplicates} duplicates, "
        f"{len(report.skipped)} skipped, {s.n_workers} workers: {t_build:.2f} s, "
        f"{report.records_read / t_build:,.0f} articles/s; {report.articles_dated} dated, "
        f"{report.articles_timexed} tagged"
    )
    print(
        f"cpu      main process {cpu[resource.RUSAGE_SELF]:.1f} s, workers {cpu[resource.RUSAGE_CHILDREN]:.1f} s "
        f"(wall {t_build:.1f} s on {s.n_workers} workers)"
    )
    print(
        f"memory   peak RSS main process {main_mb:.0f} MB, largest worker {child_mb:.0f} MB; store {size / 1e6:.1f} MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
