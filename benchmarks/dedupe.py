"""Wire copies and near duplicates on the 6,000 OrangeSum dev articles.

Usage: .venv/bin/python benchmarks/dedupe.py [FILE.jsonl] [--labels TSV]

Prints:
  * identical texts: the groups of records whose text is identical under several ids (read from the
    file itself), and how many of them the dedupe stage put whole into one group;
  * near duplicates: precision and recall of the pairs the stage links, on the hand-labelled sample
    ``data/labels/orangesum-near-duplicates.tsv`` (record ids and labels; how it was drawn and the
    definition used are in its header), with the same figures for plain Jaccard thresholds;
  * time: reading and cleaning (not part of the stage), then the dedupe stage itself (articles and
    sentences), articles/s.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / ".." / "shared" / "data" / "orangesum-dev.jsonl"
LABELS = ROOT / "data" / "labels" / "orangesum-near-duplicates.tsv"


def read_labels(path: Path) -> dict[tuple[str, str], int]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("a\t"):
            continue
        a, b, label = line.split("\t")
        out[tuple(sorted((a, b)))] = int(label)
    return out


def prf(pred: set[tuple[str, str]], labels: dict[tuple[str, str], int]) -> tuple[float, float, int, int]:
    tp = sum(1 for k, v in labels.items() if v and k in pred)
    fp = sum(1 for k, v in labels.items() if not v and k in pred)
    pos = sum(labels.values())
    return (tp / (tp + fp) if tp + fp else 0.0), (tp / pos if pos else 0.0), tp, fp


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", default=str(DEFAULT))
    ap.add_argument("--labels", default=str(LABELS))
    args = ap.parse_args()
    path = Path(args.file)
    if not path.exists():
        print(f"skipped: {path} is absent (the benchmark reads the team's shared data)")
        return 0

    from chronique.ingest import read_file
    from chronique.models import RawDocument
    from chronique.settings import Settings
    from chronique.stages import dedupe
    from chronique.stages.clean import clean
    from chronique.stories.sentences import pub_date, sentences

    settings = Settings()
    t = time.perf_counter()
    docs = [d for d in read_file(path, settings) if isinstance(d, RawDocument)]
    articles = [clean(d, settings) for d in docs]
    t_read = time.perf_counter() - t
    print(f"read+clean {len(articles)} articles in {t_read:.1f} s (not part of the stage)")

    t = time.perf_counter()
    spans = {a.id: sentences(a) for a in articles}
    t_split = time.perf_counter() - t
    t = time.perf_counter()
    result = dedupe.dedupe(articles, spans, pub_date=pub_date)
    t_dedupe = time.perf_counter() - t
    groups = result.members()
    multi = {g: m for g, m in groups.items() if len(m) > 1}
    print(
        f"dedupe     {len(articles)} articles in {t_dedupe:.1f} s ({len(articles) / t_dedupe:,.0f} articles/s; "
        f"sentence split {t_split:.1f} s): {len(multi)} groups of 2+ articles "
        f"({sum(len(m) for m in multi.values())} articles), "
        f"{sum(p.kind == 'exact' for p in result.pairs)} exact and {sum(p.kind == 'near' for p in result.pairs)} "
        f"near links, {len(result.sentences)} sentences repeated across articles"
    )

    # Identical texts under several ids, straight from the file.
    by_text: dict[str, list[str]] = defaultdict(list)
    with path.open(encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            by_text[rec["article"]].append(str(rec["id"]))
    identical = [ids for ids in by_text.values() if len(ids) > 1]
    id_of = {a.source_id: a.id for a in articles}
    found = sum(1 for ids in identical if len({result.groups.get(id_of.get(i, ""), "?") for i in ids}) == 1)
    print(
        f"identical  {len(identical)} groups of identical texts under several ids "
        f"({sum(map(len, identical))} records): {found} found whole in one group"
    )

    labels_path = Path(args.labels)
    if not labels_path.exists():
        print(f"near       no labels at {labels_path}")
        return 0
    labels = read_labels(labels_path)
    src = {a.id: a.source_id for a in articles}
    linked = set()
    for members in groups.values():
        ids = sorted(src[m] for m in members)
        linked.update((x, y) for i, x in enumerate(ids) for y in ids[i + 1 :])
    p, r, tp, fp = prf({tuple(sorted(k)) for k in linked}, labels)
    n_pos = sum(labels.values())
    print(
        f"near       {len(labels)} hand-labelled pairs ({n_pos} near duplicates): "
        f"stage (LSH J>={dedupe.CANDIDATE_JACCARD}, containment>={dedupe.CONTAINMENT}) "
        f"P {p:.3f} R {r:.3f} ({tp} true, {fp} false links)"
    )
    body = {a.source_id: a.body for a in articles}
    jac = {}
    for a, b in labels:
        x, y = dedupe.shingles(body[a]), dedupe.shingles(body[b])
        jac[a, b] = len(x & y) / len(x | y) if x | y else 0.0
    for thr in (0.3, 0.4, 0.5, 0.7):
        p, r, _, _ = prf({k for k, j in jac.items() if j >= thr}, labels)
        print(f"           for comparison, exact Jaccard >= {thr} alone: P {p:.3f} R {r:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
