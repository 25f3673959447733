"""Fit and measure the learned recipient chooser (:mod:`chronique.events.recipients`).

    .venv/bin/python benchmarks/events_recipients.py [--cache /tmp/recipients.pkl] [--save] [--heldout]

1. Samples: every dev article of ``data/labels/events-orangesum-fr.yaml`` is coded by the rules; each
   event whose slots named no recipient gives one sample per candidate recipient of its sentence
   (:func:`chronique.events.arguments.recipient_candidates`), labelled 1 when the candidate is a
   recipient of the gold event of the same type in that sentence (the scorer's actor match).
2. Cross-validation by article on the dev half (5 folds): the chooser fitted on four folds codes the
   fifth; dev precision, recall and F1 (type + actor + recipient) for each threshold, against the
   rule alone.
3. ``--save``: fits on the whole dev half with the threshold that cross-validated best and writes
   ``chronique/lang/fr/events_recipients.npz``. ``--heldout``: scores the held-out half once with
   the saved chooser, against the rule alone.

The held-out half is never used to fit or to choose. ``--cache`` keeps the annotated articles
between runs (annotating them takes about a minute). Reads ``../shared`` at run time; says so and
stops when it is absent.
"""

from __future__ import annotations

import argparse
import pickle
import sys
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT / ".." / "shared").resolve()
LABELS = ROOT / "data" / "labels" / "events-orangesum-fr.yaml"
sys.path.insert(0, str(ROOT))

THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
FOLDS = 5


def _annotated(cache: str | None) -> list[tuple[Any, ...]]:
    from chronique.events import adapters
    from chronique.events.evaluate import annotated_records, corpus_records, load_labels
    from chronique.stages.annotate import load_model
    from chronique.stages.dating import publication_date

    if cache and Path(cache).exists():
        with open(cache, "rb") as f:
            return list(pickle.load(f))
    labels = load_labels(LABELS)
    records = corpus_records(SHARED / "data" / "orangesum-dev.jsonl", {ls.article for ls in labels})
    arts, anns, found = annotated_records(records, load_model())
    items = []
    for art, ann in zip(arts, anns, strict=True):
        pub = publication_date(art)
        items.append((art, ann, pub, found.get(art.id), adapters.timexes(art, ann, pub)))
    if cache:
        with open(cache, "wb") as f:
            pickle.dump(items, f)
    return items


def _code(item: tuple[Any, ...], chooser: Any) -> list[Any]:
    from chronique.events import adapters
    from chronique.events.coder import code
    from chronique.events.lexicon import load

    art, ann, pub, found, tx = item
    lex = load("fr")
    refs = adapters.refs_from_mentions(found, "fr") if found is not None else adapters.refs_from_ner(ann, lex)
    return code(art, ann, pub, refs, tx, lex, recipients=chooser)[0]


def samples(items: list[tuple[Any, ...]], labels: list[Any]) -> dict[str, list[tuple[Any, Any]]]:
    """Per article id, the (features, labels) arrays of each event the chooser is asked about."""
    from chronique.events.evaluate import actor_matches, list_matches
    from chronique.events.recipients import features

    by_article: dict[str, list[Any]] = {}
    for ls in labels:
        by_article.setdefault(ls.article, []).append(ls)
    out: dict[str, list[tuple[Any, Any]]] = {}
    for item in items:
        art = item[0]
        asked: list[tuple[int, str, Any, list[Any]]] = []

        def record(t: Any, trig: int, event: str, actors: Any, cands: Any, rule: Any) -> Any:
            if cands:
                x = np.stack([features(t, trig, event, actors, cands, rule, i) for i in range(len(cands))])
                asked.append((t.tok(trig).start, event, x, [a for _, a in cands]))  # noqa: B023
            return rule

        events = _code(item, record)
        rows = []
        for ls in by_article.get(art.source_id, []):
            mine = [e for e in events if ls.start <= e.trigger_start < ls.end and not e.negated]
            free = list(mine)
            for g in ls.events:
                hit = next(
                    (e for e in free if e.event == g.event and list_matches(e.actor, g.actor)), None
                ) or next((e for e in free if e.event == g.event), None)
                if hit is None:
                    continue
                free.remove(hit)
                for start, event, x, cands in asked:
                    if start == hit.trigger_start and event == hit.event:
                        y = np.array([float(any(actor_matches(c, r) for r in g.recipient)) for c in cands])
                        rows.append((x, y))
        out[art.source_id] = rows
    return out


def _fit(rows: list[tuple[Any, Any]]) -> Any:
    from chronique.events.recipients import fit

    x = np.concatenate([r[0] for r in rows])
    y = np.concatenate([r[1] for r in rows])
    return fit(x, y)


def _score(items: list[tuple[Any, ...]], labels: list[Any], choosers: dict[str, Any]) -> Any:
    from chronique.events.evaluate import score

    coded = {it[0].source_id: _code(it, choosers.get(it[0].source_id)) for it in items}
    return score(labels, coded, {it[0].source_id: it[0].body for it in items})


def _with_rule(model: Any) -> Any:
    """The rule's pick where it makes one, unless the model prefers another candidate; the
    model's pick (above its threshold) where the rule makes none."""

    def choose(t: Any, trig: int, event: str, actors: Any, cands: Any, rule: Any) -> Any:
        pick = model.choose(t, trig, event, actors, cands, rule)
        return pick if pick is not None else rule

    return choose


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", help="pickle of the annotated labelled articles (made if absent)")
    ap.add_argument("--save", action="store_true", help="fit on all dev and write the model file")
    ap.add_argument("--heldout", action="store_true", help="score the held-out half once")
    args = ap.parse_args()
    if not (SHARED / "data" / "orangesum-dev.jsonl").exists():
        print(f"skipped: {SHARED / 'data' / 'orangesum-dev.jsonl'} is absent")
        return
    from chronique.events.evaluate import load_labels
    from chronique.events.recipients import RecipientModel, load, path

    labels = load_labels(LABELS)
    dev = [ls for ls in labels if ls.split == "dev"]
    held = [ls for ls in labels if ls.split == "heldout"]
    items = _annotated(args.cache)
    dev_items = [it for it in items if it[0].source_id in {ls.article for ls in dev}]
    held_items = [it for it in items if it[0].source_id in {ls.article for ls in held}]

    rows = samples(dev_items, dev)
    n_events = sum(len(r) for r in rows.values())
    n_pos = sum(int(y.max() > 0) for r in rows.values() for _, y in r)
    print(
        f"== dev samples: {n_events} events asked about ({n_pos} with the gold recipient among the candidates)"
    )
    base = _score(dev_items, dev, {})
    print(f"rule alone (dev): {base.full.to_dict()}")

    ids = sorted(rows, key=int)
    folds = [ids[i::FOLDS] for i in range(FOLDS)]
    weights = []
    for fold in folds:
        train = [r for i in ids if i not in fold for r in rows[i]]
        weights.append(_fit(train))
    best: tuple[float, float | None] = (base.full.f1, None)
    for th in THRESHOLDS:
        choosers = {}
        for fold, w in zip(folds, weights, strict=True):
            model = RecipientModel(w, th)
            for i in fold:
                choosers[i] = _with_rule(model)
        s = _score(dev_items, dev, choosers)
        print(f"chooser, threshold {th} (dev, {FOLDS}-fold by article): {s.full.to_dict()}")
        if s.full.f1 > best[0]:
            best = (s.full.f1, th)
    print(f"best threshold: {best[1]} (dev full F1 {best[0]:.3f}, rule alone {base.full.f1:.3f})")

    if args.save and best[1] is not None:
        model = RecipientModel(_fit([r for i in ids for r in rows[i]]), best[1])
        model.save(path("fr"))
        load.cache_clear()
        print(f"saved {path('fr')}")
    if args.heldout:
        saved = load("fr")
        if saved is None:
            print("held-out: no saved chooser (run with --save)")
            return
        rule = _score(held_items, held, {})
        learned = _score(held_items, held, {it[0].source_id: saved.choose for it in held_items})
        print(f"held-out, rule alone: type {rule.type.to_dict()} full {rule.full.to_dict()}")
        print(
            f"held-out, chooser (threshold {saved.threshold}): type {learned.type.to_dict()} full {learned.full.to_dict()}"
        )


if __name__ == "__main__":
    main()
