"""The full build of the 6,000 OrangeSum dev articles into a fresh store: time per stage, memory, articles/s.

Usage: .venv/bin/python benchmarks/build_full.py [FILE.jsonl] [--workers N] [--db PATH]

Runs ``chronique.pipeline.build`` as ``chronique build`` does (annotation on, the default settings)
and prints:
  * the time of each stage — read + clean + store, annotate (spaCy), publication dates (with the
    timexes of the articles whose date is settled), the remaining timexes, entities, events, wire
    copies, stories (those the pipeline has) — measured by wrapping the pipeline's stage functions
    (the build report has the counts, not the times);
  * the total time and articles/s (records read / total);
  * peak memory (``resource.getrusage``): the main process, and the largest worker process;
  * the store's size.

Without ``--db`` the store is a temporary file, removed at the end; with it, the store is kept
(``benchmarks/timeline.py`` reads a built store). The store must not exist yet: the benchmark is a
build from nothing. It takes several minutes (spaCy reads ~25 articles/s on two cores): run it on a
quiet machine.
"""

from __future__ import annotations

import argparse
import functools
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / ".." / "shared" / "data" / "orangesum-dev.jsonl"

#: The pipeline's stage functions (module, attribute, what to call it), wrapped to time them.
STAGES = [
    ("chronique.pipeline", "_run", "read + clean + store"),
    ("chronique.pipeline", "_analyse", "annotate (spaCy)"),
    # with annotation, both run in the workers after annotate (a build without annotation dates and
    # tags in the workers that clean: there they are part of "read + clean + store")
    ("chronique.pipeline", "_date_articles", "publication dates (+ timexes)"),
    ("chronique.pipeline", "_tag_times", "timexes (the rest)"),
    ("chronique.pipeline", "_entities", "entities"),
    ("chronique.pipeline", "_events", "events"),
    ("chronique.stages.dedupe", "run_dedupe", "wire copies (dedupe)"),
    ("chronique.stages.cluster", "run_stories", "stories (embed + cluster)"),
]


def _timed(times: dict[str, float], name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            times[name] = times.get(name, 0.0) + time.perf_counter() - t

    return wrapper


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", default=str(DEFAULT))
    ap.add_argument("--workers", type=int, default=0, help="Worker processes (0: one per core).")
    ap.add_argument("--db", default=None, help="Keep the store here (must not exist).")
    args = ap.parse_args()
    path = Path(args.file)
    if not path.exists():
        print(f"skipped: {path} is absent (the benchmark reads the team's shared data)")
        return 0
    if args.db and Path(args.db).exists():
        print(f"error: {args.db} exists; the benchmark builds a fresh store", file=sys.stderr)
        return 2

    import importlib

    from chronique.pipeline import build
    from chronique.settings import Settings

    times: dict[str, float] = {}
    for module, attr, name in STAGES:
        mod = importlib.import_module(module)
        if hasattr(mod, attr):  # a stage this version of the pipeline does not have is not timed
            setattr(mod, attr, _timed(times, name, getattr(mod, attr)))

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "bench.db"
        settings = Settings(db=str(db), workers=args.workers)
        t = time.perf_counter()
        report = build([path], settings)
        total = time.perf_counter() - t
        size = db.stat().st_size
    main_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    print(
        f"build    {report.records_read} read, {report.articles_added} stored, {report.duplicates} duplicates, "
        f"{len(report.skipped)} skipped; {report.articles_annotated} annotated, {report.articles_dated} dated, "
        f"{report.articles_timexed} tagged; {getattr(report, 'entities', 0)} entities, "
        f"{getattr(report, 'events', 0)} events; {report.duplicate_groups} groups of copies, {report.stories} stories"
    )
    print(f"workers  {settings.n_workers}")
    for _, _, name in STAGES:
        if name in times:
            print(f"  {name:<28} {times[name]:8.1f} s  {100 * times[name] / total:5.1f} %")
    other = total - sum(times.values())
    print(f"  {'other (runs, checks)':<28} {other:8.1f} s")
    print(f"total    {total:.1f} s, {report.records_read / total:.1f} articles/s")
    print(f"memory   peak RSS main process {main_mb:.0f} MB, largest worker {child_mb:.0f} MB")
    print(f"store    {size / 1e6:.1f} MB" + (f" → {args.db}" if args.db else " (temporary, removed)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
