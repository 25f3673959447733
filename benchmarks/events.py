"""Benchmark of the events stage: accuracy on the seeds and on the OrangeSum labels, and speed.

    .venv/bin/python benchmarks/events.py [--db /tmp/orangesum.db] [--no-timing] [--no-gold] [--list-seeds] [--split dev]
    .venv/bin/python benchmarks/events.py --agreement [--split dev]
    .venv/bin/python benchmarks/events.py --gaps
    .venv/bin/python benchmarks/events.py --no-timing --learned   # with the learned trigger detector

1. **Seeds**: the events of ``../shared/gold/seeds.yaml`` found with type, mode, actor and recipient
   right (:func:`chronique.events.evaluate.seed_match`); ``--list-seeds`` prints every event coded
   in the seeds, for checking precision by hand.
2. **OrangeSum labels** (``data/labels/events-orangesum-fr.yaml``): precision, recall and F1 for the
   event type and for type + actor + recipient (and strictly), on the dev half and the held-out half
   (see :mod:`chronique.events.evaluate` for the matching); where the labels mark the words naming
   each argument (batches 23 on), how often the coder takes those words and resolves them to the
   right actor (:func:`chronique.events.evaluate.argument_reading`).
3. **Speed**: seconds to code every article of an annotated store (a copy of ``--db``; build it with
   ``chronique build ../shared/data/orangesum-dev.jsonl --db /tmp/orangesum.db``), the share of the
   whole pipeline's time this adds (the store's build run is the rest), and the time with the
   entities stage and the temporal tagger computed on the fly.

4. **Agreement** (``--agreement``, ``data/labels/events-orangesum-fr-agreement.yaml``): on the
   sentences two people labelled blind, how far the second agrees with the first, how far each
   agrees with the adjudicated labels of the main file, and how far the coder agrees with each, all
   with the same matching: what a person reaches is the ceiling the coder's figures are read against.

5. **Gaps** (``--gaps``, dev half only): the dev events labelled with their trigger's offsets that
   the coder misses by type, grouped by cause (dropped and why, a known trigger whose conditions
   failed, a trigger of another type, an unknown word) with the trigger's lemmas: where to work next.

Reads ``../shared`` at run time; says so and skips a part when it is absent.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT / ".." / "shared").resolve()
LABELS = ROOT / "data" / "labels" / "events-orangesum-fr.yaml"
AGREEMENT = ROOT / "data" / "labels" / "events-orangesum-fr-agreement.yaml"
sys.path.insert(0, str(ROOT))


def _show(actors: Any) -> str:
    return "[" + ", ".join(f"{a.canonical}/{a.code}" if a.code else a.canonical for a in actors) + "]"


def seeds(list_all: bool) -> None:
    import yaml

    from chronique.events import adapters
    from chronique.events.evaluate import seed_events, seed_match
    from chronique.models import RawDocument
    from chronique.settings import Settings
    from chronique.stages.annotate import annotate, load_model
    from chronique.stages.clean import clean
    from chronique.stages.dating import publication_date
    from chronique.stages.events import code_events

    gold_path = SHARED / "gold" / "seeds.yaml"
    if not gold_path.exists():
        print(f"seeds: skipped, {gold_path} is absent")
        return
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    nlp = load_model()
    found = total = coded = 0
    print("== seeds: gold events (type, mode, actor, recipient)")
    for name, entry in gold.items():
        text = (SHARED / "seeds" / name).read_text(encoding="utf-8")
        art = clean(RawDocument(name, name, "txt", text), Settings())
        (ann,) = annotate([art], nlp)
        pub = publication_date(art)
        evs = code_events(art, ann, pub, adapters.mentions(art, ann), adapters.timexes(art, ann, pub))
        coded += len(evs)
        for g in seed_events(entry):
            total += 1
            hit = next((e for e in evs if seed_match(e, g)), None)
            found += hit is not None
            who = [a.canonical or a.code for a in g.actor]
            whom = [a.canonical or a.code for a in g.recipient] if g.recipient is not None else "-"
            print(f"  {'FOUND' if hit else 'MISSED':<6} {name[:3]} {g.event} {g.mode or ''} {who} -> {whom}")
        if list_all:
            for i, e in enumerate(evs):
                flags = ",".join(e.context)
                print(
                    f"    {name[:3]}#{i:<2} s{e.sentence:<2} {e.event}/{e.mode or '-'} {_show(e.actor)} -> {_show(e.recipient)} "
                    f"«{e.event_text}» {e.date.value or '?'} {e.ceasefire} {flags}"
                )
    print(f"seeds: {found}/{total} gold events found; {coded} events coded in the five seeds")


def _line(name: str, c: Any) -> str:
    return f"  {name:<40} P {c.precision:.3f}  R {c.recall:.3f}  F1 {c.f1:.3f}  ({c.tp} pairs, {c.coded} coded, {c.gold} gold)"


def agreement(splits: tuple[str, ...] = ("dev", "heldout")) -> dict[str, dict[str, object]]:
    from chronique.events.evaluate import (
        LabelledSentence,
        code_records,
        corpus_records,
        load_agreement,
        load_labels,
        score,
    )
    from chronique.events.evaluate import agreement as agree
    from chronique.stages.annotate import load_model

    corpus = SHARED / "data" / "orangesum-dev.jsonl"
    if not corpus.exists():
        print(f"agreement: skipped, {corpus} is absent")
        return {}
    doubly = [d for d in load_agreement(AGREEMENT) if d.split in splits]
    reference = {(ls.article, ls.start): ls.events for ls in load_labels(LABELS)}
    ids = {d.article for d in doubly}
    records = corpus_records(corpus, ids)
    coded, texts = code_records(records, load_model())
    out: dict[str, dict[str, object]] = {}
    for batch in [*sorted({d.batch for d in doubly}), 0]:
        these = [d for d in doubly if batch in (0, d.batch)]
        title = f"batch {batch} ({these[0].split})" if batch else "all"
        print(f"== agreement, {title}: {len(these)} sentences labelled twice, blind")
        found = agree(these, reference)
        for who, gold in (("first", "first"), ("second", "second"), ("adjudicated", "adjudicated")):
            found[f"coder vs {gold}"] = score(
                [
                    LabelledSentence(
                        d.article,
                        d.split,
                        d.start,
                        d.end,
                        d.sha1,
                        getattr(d, who) if who != "adjudicated" else reference[(d.article, d.start)],
                    )
                    for d in these
                ],
                coded,
                texts,
            )
        for name, s in found.items():
            print(_line(f"{name}, type", s.type))
            print(_line(f"{name}, type+actor+recipient", s.full))
        out[title] = {k: v.to_dict() for k, v in found.items()}
    return out


def gaps() -> None:
    from collections import Counter

    from chronique.events.evaluate import corpus_records, load_labels, trigger_gaps
    from chronique.stages.annotate import load_model

    corpus = SHARED / "data" / "orangesum-dev.jsonl"
    if not corpus.exists():
        print(f"gaps: skipped, {corpus} is absent")
        return
    labels = [ls for ls in load_labels(LABELS) if ls.split == "dev"]  # never the held-out half
    ids = {ls.article for ls in labels}
    records = corpus_records(corpus, ids)
    found, hits = trigger_gaps(labels, records, load_model())
    print(f"== gaps: dev events with trigger offsets: {hits + len(found)}, coded with their type: {hits}")
    by_why = Counter(g.why for g in found)
    for why, n in by_why.most_common():
        print(f"  {why:<24} {n}")
        lemmas = Counter(f"{g.event} {' '.join(g.lemmas)}" for g in found if g.why == why)
        print("      " + "; ".join(f"{k} ({n})" if n > 1 else k for k, n in lemmas.most_common(25)))


def gold(splits: tuple[str, ...] = ("dev", "heldout"), learned: bool = False) -> dict[str, dict[str, object]]:
    from chronique.events.evaluate import argument_reading, code_records, corpus_records, load_labels, score
    from chronique.stages.annotate import load_model

    corpus = SHARED / "data" / "orangesum-dev.jsonl"
    if not corpus.exists():
        print(f"orangesum labels: skipped, {corpus} is absent")
        return {}
    labels = load_labels(LABELS)
    ids = {ls.article for ls in labels}
    records = corpus_records(corpus, ids)
    coded, texts = code_records(records, load_model(), learned=learned)
    out = {}
    for split in splits:
        s = score([ls for ls in labels if ls.split == split], coded, texts)
        out[split] = s.to_dict()
        print(f"== orangesum {split}: {s.sentences} sentences ({s.empty} without event), drifted {s.drifted}")
        for name, c in (("type", s.type), ("type+actor+recipient", s.full), ("  strict", s.strict)):
            print(
                f"  {name:<22} P {c.precision:.3f}  R {c.recall:.3f}  F1 {c.f1:.3f}  ({c.tp} pairs, {c.coded} coded, {c.gold} gold)"
            )
        reading = argument_reading([ls for ls in labels if ls.split == split], coded)
        for role, r in reading.items():
            if r.marked:
                print(
                    f"  {role + 's marked':<22} {r.marked} in events found with their type: words taken {r.read}"
                    f" ({r.read / r.marked:.2f}), also resolved right {r.resolved} ({r.resolved / r.marked:.2f})"
                )
        out[split]["argument reading"] = {k: v.to_dict() for k, v in reading.items()}
    return out


def timing(db: Path) -> None:
    from chronique.events.run import run_events
    from chronique.settings import Settings
    from chronique.store import Store

    if not db.exists():
        print(
            f"timing: skipped, no annotated store at {db} (build it: chronique build ../shared/data/orangesum-dev.jsonl --db {db})"
        )
        return
    with tempfile.TemporaryDirectory() as tmp:
        results = {}
        for label, ents, tx in (
            ("coder alone", False, False),
            ("with entities + tagger on the fly", True, True),
        ):
            copy = Path(tmp) / "events.db"
            shutil.copy(db, copy)
            settings = Settings(db=str(copy))
            with Store(copy) as st:
                build_runs = [r for r in st.runs() if r["command"] == "build" and r["stats"]]
                build_s = sum(json.loads(r["stats"])["seconds"] for r in build_runs)
                n = st.count()
                st.db.execute("DELETE FROM event_articles")
                st.db.commit()
                run_id = st.start_run("benchmark-events", [], settings.to_dict(), {})
                t0 = time.perf_counter()
                rep = run_events(st, settings, run_id, entities=ents, timexes=tx)
                secs = time.perf_counter() - t0
                st.finish_run(run_id, "done", rep.to_dict())
            results[label] = (rep, secs)
            print(
                f"== timing, {label}: {rep.articles_coded} of {n} articles, {rep.events} events, {secs:.1f} s "
                f"({rep.articles_coded / secs:.0f} articles/s; reading {rep.seconds_reading:.1f} s, entities "
                f"{rep.seconds_entities:.1f} s, tagger {rep.seconds_timexes:.1f} s, coding {rep.seconds_coding:.1f} s, "
                f"writing {rep.seconds_writing:.1f} s; errors {rep.errors})"
            )
            if build_s:
                print(
                    f"   the build of this store took {build_s:.1f} s: the events stage adds {secs:.1f} s, "
                    f"{100 * secs / (build_s + secs):.1f}% of the total pipeline time ({build_s + secs:.1f} s)"
                )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--db", type=Path, default=Path("/tmp/orangesum.db"), help="annotated store to time the coder on"
    )
    ap.add_argument("--no-timing", action="store_true")
    ap.add_argument("--no-gold", action="store_true")
    ap.add_argument("--list-seeds", action="store_true", help="print every event coded in the seeds")
    ap.add_argument(
        "--split",
        choices=("dev", "heldout", "both"),
        default="both",
        help="which half of the labels to score (tune with --split dev: the held-out half is looked at rarely)",
    )
    ap.add_argument("--gaps", action="store_true", help="the dev events the coder misses, by cause")
    ap.add_argument("--learned", action="store_true", help="score with the learned trigger detector on too")
    ap.add_argument(
        "--agreement", action="store_true", help="agreement between people labelling blind, and the coder's"
    )
    args = ap.parse_args()
    splits = ("dev", "heldout") if args.split == "both" else (args.split,)
    if args.agreement:
        agreement(splits)
        return
    if args.gaps:
        gaps()
        return
    if not args.no_gold:
        seeds(args.list_seeds)
        gold(splits, learned=args.learned)
    if not args.no_timing:
        timing(args.db)


if __name__ == "__main__":
    main()
