"""Temporal tagger speed, one core: ms per document on French TimeBank and on OrangeSum.

Usage: .venv/bin/python benchmarks/timex.py [--shared ../shared] [--annotate-limit N] [--no-model]

Prints, each measured separately (warm: the grammar and the model are loaded before timing):

* the tagger alone (tenses from the language data's cues), ms/doc;
* the annotation stage on the whole text (``annotate_text``, full pipeline, as the build runs it),
  ms/doc;
* the annotation with only the components the tense reading needs, on the whole text, ms/doc;
* end to end as ``chronique timex`` and ``chronique eval timeml`` run it: the tagger asking the
  model for the tense of the sentences that need one (``chronique.time.morphology``), ms/doc, and
  the speed-up over HeidelTime's 2,070 ms per French TimeBank document.

OrangeSum: the tagger on all 6,000 articles (field ``article``, anchor = ``date``); the annotation on
the first ``--annotate-limit`` articles (default 300: the full model takes minutes on 6,000).
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # one core

import argparse  # noqa: E402
import datetime as dt  # noqa: E402
import json  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
HEIDELTIME_MS = 2070.0


def _ms(fn: Callable[[], object], n: int, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return 1000 * best / n


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT / ".." / "shared"))
    ap.add_argument("--annotate-limit", type=int, default=300)
    ap.add_argument("--no-model", action="store_true", help="Tagger only.")
    args = ap.parse_args()
    shared = Path(args.shared)
    tb_dir = shared / "data" / "french-timebank-dev"
    os_file = shared / "data" / "orangesum-dev.jsonl"
    if not tb_dir.is_dir() and not os_file.exists():
        print(f"skipped: {shared}/data is absent (the benchmark reads the team's shared data)")
        return 0

    from chronique.time import grammar, tag

    grammar.load("fr")
    nlp = None
    if not args.no_model:
        from chronique.time import morphology

        nlp = morphology.load_model()

    corpora: list[tuple[str, list[tuple[str, dt.date]]]] = []
    if tb_dir.is_dir():
        from chronique.eval import timeml

        corpora.append(("French TimeBank dev", [(d.text, d.anchor) for d in timeml.read_dir(tb_dir)]))
    else:
        print(f"French TimeBank skipped: {tb_dir} is absent")
    if os_file.exists():
        docs = []
        with os_file.open(encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                docs.append((str(r["article"]), dt.date.fromisoformat(str(r["date"])[:10])))
        corpora.append(("OrangeSum dev", docs))
    else:
        print(f"OrangeSum skipped: {os_file} is absent")

    for name, docs in corpora:
        chars = sum(len(t) for t, _ in docs) / len(docs)
        print(f"{name}: {len(docs)} documents, {chars:,.0f} characters on average")
        ms = _ms(
            lambda docs=docs: [tag(t, a) for t, a in docs], len(docs), repeat=3 if len(docs) < 1000 else 1
        )
        print(f"  tagger alone (cues)                     {ms:8.2f} ms/doc")
        if nlp is None:
            continue
        from chronique.stages.annotate import annotate_text, load_model
        from chronique.time import morphology

        sample = docs[: args.annotate_limit]
        full = load_model()
        ms_full = _ms(lambda s=sample, m=full: [annotate_text(t, m) for t, _ in s], len(sample), repeat=1)
        ms_tense = _ms(lambda s=sample: [annotate_text(t, nlp) for t, _ in s], len(sample), repeat=1)
        ms_lazy = _ms(
            lambda s=sample: [tag(t, a, tense=morphology.tense_for(t, nlp)) for t, a in s],
            len(sample),
            repeat=1,
        )
        n = f" (first {len(sample)})" if len(sample) < len(docs) else ""
        print(f"  annotation, full pipeline{n:<14} {ms_full:8.2f} ms/doc")
        print(f"  annotation, tense components{n:<11} {ms_tense:8.2f} ms/doc")
        print(
            f"  end to end: tagger + tense of the sentences that need it{n} {ms_lazy:8.2f} ms/doc"
            + (
                f"  ({HEIDELTIME_MS / ms_lazy:,.0f}x faster than HeidelTime)"
                if name.startswith("French")
                else ""
            )
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
