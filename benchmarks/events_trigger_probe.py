"""The learned trigger detector (chronique.events.learned): cross-validated on the dev half, and fitted.

    .venv/bin/python benchmarks/events_trigger_probe.py [--epochs 1500]
    .venv/bin/python benchmarks/events_trigger_probe.py --save chronique/lang/fr/events_triggers.npz --threshold 0.6

Samples: every verb and noun of the dev sentences whose events carry their trigger's offsets (the
label file's batches 11 on); its class is the PLOVER type of the gold trigger it lies in, else NONE;
its features are :func:`chronique.events.learned.features` over the coder's own parse trees.
Cross-validation: 5 folds by article; for each fold the detector is fitted on the other four and
the real coder runs on the fold's articles with it (verbs no rule codes; arguments read by the
rules), so the figures include the arguments. Scored as ``benchmarks/events.py`` scores (type, and
type + actor + recipient) for the rules alone and for rules + detector at several thresholds.
``--save``: fit on all those dev sentences and write the weights with the threshold given. The
held-out half is never read. Skips with a message when ``../shared`` is absent.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT / ".." / "shared").resolve()
LABELS = ROOT / "data" / "labels" / "events-orangesum-fr.yaml"
sys.path.insert(0, str(ROOT))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--epochs", type=int, default=1500)
    ap.add_argument(
        "--save", type=Path, help="fit on all the dev sentences with triggers and write the weights here"
    )
    ap.add_argument("--threshold", type=float, default=0.6, help="the saved model's probability threshold")
    args = ap.parse_args()
    corpus = SHARED / "data" / "orangesum-dev.jsonl"
    if not corpus.exists():
        print(f"trigger probe: skipped, {corpus} is absent")
        return
    from chronique.events import adapters
    from chronique.events.coder import code
    from chronique.events.evaluate import annotated_records, corpus_records, load_labels, score
    from chronique.events.learned import CLASSES, TriggerModel, features, fit, vectors
    from chronique.events.lexicon import load
    from chronique.events.tree import Tree, temporal_tokens
    from chronique.stages.annotate import load_model
    from chronique.stages.dating import publication_date

    dev = [ls for ls in load_labels(LABELS) if ls.split == "dev"]  # never the held-out half
    with_triggers = {ls.article for ls in dev if any(g.trigger for g in ls.events)}
    labels = [ls for ls in dev if ls.article in with_triggers]
    records = corpus_records(corpus, with_triggers)
    ids = sorted(with_triggers)
    arts, anns, found = annotated_records({i: records[i] for i in ids}, load_model())
    lex = load("fr")
    vec = vectors()
    inputs: dict[str, tuple[Any, ...]] = {}
    xs, ys, owners = [], [], []
    for art, ann in zip(arts, anns, strict=True):
        pub = publication_date(art)
        tx = adapters.timexes(art, ann, pub)
        refs = adapters.refs_from_mentions(found.get(art.id) or [], "fr")
        inputs[art.source_id] = (art, ann, pub, refs, tx)
        temporal = temporal_tokens(ann, tx)
        for ls in (x for x in labels if x.article == art.source_id):
            # the parser's sentences need not be the labels' (a label may span two, or part of one)
            spans = [(*g.trigger, g.event) for g in ls.events if g.trigger]
            for k, sent in enumerate(ann.sentences):
                if sent.end <= ls.start or sent.start >= ls.end:
                    continue
                t = Tree(ann, k, lex.etre_verbs, temporal, lex.grammar)
                for i in t.tokens():
                    tok = t.tok(i)
                    if tok.pos not in ("VERB", "NOUN") or not ls.start <= tok.start < ls.end:
                        continue
                    y = next((ev for a, b, ev in spans if tok.start >= a and tok.end <= b), "NONE")
                    xs.append(features(t, i, vec, lex))
                    ys.append(CLASSES.index(y))
                    owners.append(art.source_id)
    x, y = np.array(xs), np.array(ys)
    print(
        f"== learned triggers: {len(labels)} dev sentences of {len(ids)} articles, {len(y)} verbs and nouns, "
        f"{int((y != CLASSES.index('NONE')).sum())} inside a gold trigger"
    )
    if args.save:
        TriggerModel(fit(x, y, epochs=args.epochs), args.threshold).save(args.save)
        print(f"  fitted on all of them, threshold {args.threshold}: {args.save}")
        return

    def run(model: TriggerModel | None, which: set[str]) -> dict[str, list[Any]]:
        out = {}
        for aid in which:
            art, ann, pub, refs, tx = inputs[aid]
            out[aid] = code(art, ann, pub, refs, tx, lex, model, vec if model else None)[0]
        return out

    texts = {a.source_id: a.body for a in arts}
    shuffled = list(ids)
    np.random.default_rng(0).shuffle(shuffled)
    thresholds = (0.4, 0.5, 0.6, 0.7)
    coded: dict[Any, dict[str, list[Any]]] = {th: {} for th in (None, *thresholds)}
    mask = np.array(owners)
    for k in range(5):
        fold = set(shuffled[k::5])
        train = ~np.isin(mask, list(fold))
        w = fit(x[train], y[train], epochs=args.epochs)
        coded[None].update(run(None, fold))
        for th in thresholds:
            coded[th].update(run(TriggerModel(w, th), fold))
    for th, c in coded.items():
        s = score(labels, c, texts)
        name = "rules alone" if th is None else f"rules + learned, p >= {th}"
        print(
            f"  {name:<28} type P {s.type.precision:.3f} R {s.type.recall:.3f} F1 {s.type.f1:.3f}"
            f" | type+actor+recipient P {s.full.precision:.3f} R {s.full.recall:.3f} F1 {s.full.f1:.3f}"
            f" ({s.type.coded} coded, {s.type.gold} gold)"
        )


if __name__ == "__main__":
    main()
