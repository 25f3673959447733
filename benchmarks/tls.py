"""Timeline summarisation on the French ML-Crisis dev topics: AR1, AR2, Date-F1, time.

Usage: .venv/bin/python benchmarks/tls.py [DIR] [--spacy]

For each method (DATEWISE baseline, chronique) and each date finder (the temporal tagger
``chronique.time.tag`` when it is installed, the calendar finder of ``chronique.stories.mentions``),
prints the per-topic and averaged figures (precision and recall averaged over topics, then F) and
the time per run (reading, cleaning, dating and generating). ``--spacy`` adds a run with spaCy
sentences instead of the plain splitter (slow: the model reads every article).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / ".." / "shared" / "data" / "ml-crisis-fr-dev"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("root", nargs="?", default=str(DEFAULT))
    ap.add_argument("--spacy", action="store_true", help="also split sentences with the spaCy model")
    args = ap.parse_args()
    root = Path(args.root)
    if not root.exists():
        print(f"skipped: {root} is absent (the benchmark reads the team's shared data)")
        return 0

    from chronique.eval import tls
    from chronique.stories.mentions import _tagger

    finders = [("calendar", False)] + ([("tagger", True)] if _tagger() is not None else [])
    runs: list[tuple[str, str, bool, object]] = []
    for method in ("datewise", "chronique"):
        for finder, use_tagger in finders:
            runs.append((method, finder, use_tagger, None))
    if args.spacy:
        from chronique.stages.annotate import load_model

        nlp = load_model()
        for finder, use_tagger in finders:
            runs.append(("chronique", f"{finder}+spacy", use_tagger, nlp))
    for method, finder, use_tagger, nlp in runs:
        t = time.perf_counter()
        report = tls.evaluate(root, method=method, use_tagger=use_tagger, nlp=nlp)
        seconds = time.perf_counter() - t
        print(f"\n{method} ({finder} dates) — {seconds:.1f} s")
        print(tls.table(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
