"""Entities: mention precision/recall on hand labels, and annotation + entities throughput.

Usage: .venv/bin/python benchmarks/entities.py [--limit N] [--workers N] [--no-speed] [--no-labels]

Reads ../shared at run time and skips cleanly when it is absent.

1. Labels (data/labels/orangesum-entities.jsonl: 200 sentences of OrangeSum dev, ids, offsets and
   labels only): precision, recall and F1 of PER/LOC/ORG mentions for spaCy alone and after
   chronique's post-processing (strict: same span, same label); accuracy of the canonical names
   and of the countries of the gold mentions found.
2. Speed on the first N OrangeSum dev articles (default: all 6,000): the cleaned bodies through
   ``nlp.pipe(n_process=W)`` (spaCy alone) beside chronique's annotation stage (W worker processes)
   followed by the entities stage (extraction, linking over the collection, store writes);
   articles per second of each and their ratio.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared" / "data"
CORPUS = SHARED / "orangesum-dev.jsonl"
LABELS = ROOT / "data" / "labels" / "orangesum-entities.jsonl"


def labels(workers: int) -> None:
    from chronique.entities.evaluate import evaluate, summary

    t = time.perf_counter()
    scores = evaluate(LABELS, CORPUS, workers=workers)
    print(summary(scores))
    print(f"(built, annotated and linked the labelled articles in {time.perf_counter() - t:.1f} s)")


def speed(limit: int | None, workers: int) -> None:
    import spacy

    from chronique.entities import run_entities
    from chronique.models import BuildReport
    from chronique.pipeline import (
        _analyse,
        build,
    )  # _analyse: the annotation stage alone, as the build runs it
    from chronique.settings import Settings
    from chronique.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "corpus.jsonl"
        with CORPUS.open(encoding="utf-8") as f, src.open("w", encoding="utf-8") as out:
            for i, line in enumerate(f):
                if limit is not None and i >= limit:
                    break
                out.write(line)
        settings = Settings(db=str(Path(tmp) / "bench.db"), workers=workers, annotate=False)
        build([src], settings)  # ingest + clean, not timed
        with Store(settings.db) as store:
            bodies = [a.body for a in store.articles()]
        n = len(bodies)
        print(
            f"{n} articles ({sum(map(len, bodies)) / n:,.0f} characters each on average), {workers} processes"
        )

        nlp = spacy.load(settings.model)
        t = time.perf_counter()
        for _ in nlp.pipe(bodies, n_process=workers, batch_size=settings.nlp_batch_size):
            pass
        t_spacy = time.perf_counter() - t
        del nlp
        print(
            f"spaCy alone (nlp.pipe, n_process={workers}):  {t_spacy:7.1f} s  {n / t_spacy:6.1f} articles/s"
        )

        settings = settings.replace(annotate=True)
        with Store(settings.db) as store:
            run_id = store.start_run("bench-entities", [str(src)], settings.to_dict(), {})
            t = time.perf_counter()
            _analyse(settings, store, run_id, BuildReport(), None)
            t_ann = time.perf_counter() - t
            t = time.perf_counter()
            report = run_entities(store, settings, run_id)
            t_ent = time.perf_counter() - t
            store.finish_run(run_id, "done", report.to_dict())
        total = t_ann + t_ent
        print(f"chronique annotation ({workers} workers):     {t_ann:7.1f} s  {n / t_ann:6.1f} articles/s")
        print(
            f"chronique entities (extract + link + store): {t_ent:7.1f} s  {n / t_ent:6.1f} articles/s "
            f"({report.mentions} mentions, {report.entities} entities)"
        )
        print(f"annotation + entities:                       {total:7.1f} s  {n / total:6.1f} articles/s")
        print(f"ratio to spaCy alone: {t_spacy / total:.2f} (goal >= 0.7)")
        print(
            json.dumps(
                {
                    "articles": n,
                    "spacy_s": round(t_spacy, 1),
                    "annotation_s": round(t_ann, 1),
                    "entities_s": round(t_ent, 1),
                    "ratio": round(t_spacy / total, 3),
                }
            )
        )


def main() -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="Only the first N articles for the speed part.")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument("--no-labels", action="store_true")
    args = ap.parse_args()
    if not CORPUS.exists():
        print(
            f"skipped: {CORPUS.resolve()} is absent (the benchmark reads the team's shared data at run time)"
        )
        return 0
    if not args.no_labels:
        labels(args.workers)
    if not args.no_speed:
        speed(args.limit, args.workers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
