"""Evaluation gates of the events stage, reading ../shared at run time (skipped when it is absent).

* the seeds: the events of ../shared/gold/seeds.yaml found with type, mode, actor and recipient;
* the OrangeSum labels (data/labels/events-orangesum-fr.yaml): no sentence drifted, and precision,
  recall, F1 at least the floors reached (dev half tuned on, held-out half never tuned on).

Floors are pinned where the coder stands and are never lowered silently. The actors' codes come partly
from the entities stage, so a change there can move these numbers too.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from chronique.events import adapters
from chronique.events.evaluate import code_records, load_labels, score, seed_events, seed_match
from chronique.models import RawDocument
from chronique.settings import Settings
from chronique.stages.annotate import annotate, load_model
from chronique.stages.clean import clean
from chronique.stages.dating import publication_date
from chronique.stages.events import code_events
from tests.conftest import ROOT, shared_path

pytestmark = [pytest.mark.shared, pytest.mark.model, pytest.mark.slow]

LABELS = ROOT / "data" / "labels" / "events-orangesum-fr.yaml"
#: Seed events found (of 16). Missed: one needs an anaphora across sentences ("Neuf pays" named
#: later); since sentences end only where the text ends them (annotate v2), another, a relative
#: clause at the end of a long sentence, is hung by the parser on the wrong noun (it was found
#: only while the parser cut that sentence in four).
SEEDS_FLOOR = 14
#: (split, measure) → F1 floor. Session 6 (coder v33, same labels): dev 0.557 / 0.349, held-out
#: 0.456 / 0.242; floors raised to about 0.01-0.02 under: dev 0.54 / 0.33, held-out 0.44 / 0.23.
#: At the end of session 5 (coder v19, all labels adjudicated): dev
#: 0.548 / 0.326, held-out 0.456 / 0.199; floors raised to about 0.01-0.02 under: dev 0.53 / 0.31,
#: held-out 0.44 / 0.18. Then four new batches (19-22, 360 sentences, labelled twice and adjudicated,
#: first scored 0.41 / 0.10, 0.34 / 0.08 dev, 0.54 / 0.28, 0.23 / 0.10 held-out) took the same coder
#: to dev 0.529 / 0.298, held-out 0.448 / 0.199: dev floors re-pinned to 0.52 / 0.29 for that reason. Earlier in session 5 the held-out full floor was lowered 0.17 → 0.15 because its
#: labels changed, not the coder: held-out batch 1 (labelled in session 1, before any convention) was
#: replaced by its adjudicated labels (and dev batches 11, 12, 15, 16 by theirs). Coder v13 on the new
#: labels: dev 0.548 / 0.390, held-out 0.423 / 0.165 (on the old: 0.557 / 0.393, 0.424 / 0.179);
#: coder v14: dev 0.555 / 0.392, held-out 0.423 / 0.165. Then the rest of the dev half (batches 1,
#: 2, 3, 5, 8: 546 sentences, labelled in sessions 1-3 by the labeller the coder had been tuned
#: against) was adjudicated too, and the dev floors lowered 0.54 / 0.38 → 0.50 / 0.26 for that reason
#: alone: the same coder scores dev 0.510 / 0.277 against the adjudicated labels (the second blind
#: labellings and the adjudicators gave many more recipients). Session 4 re-pinned them twice because both halves grew, with eight
#: batches of articles drawn at random (dev 636 → 996 sentences, held-out 444 → 804) and two batches
#: replaced by their adjudicated labels. With four of the batches: coder v9 dev 0.564 / 0.423,
#: held-out 0.408 / 0.183 (floors 0.55 / 0.41, 0.40 / 0.17); with all eight: coder v11 dev 0.550 /
#: 0.391, held-out 0.406 / 0.183; floors about 0.01 under: dev 0.54 / 0.38, held-out 0.39 / 0.17.
#: First scores of the new batches (type / full F1): 11-14 on v9 0.32 / 0.05, 0.37 / 0.09, 0.44 / 0.20,
#: 0.17 / 0.14; 15-18 on v11 0.34 / 0.16, 0.40 / 0.15, 0.39 / 0.13, 0.33 / 0.18. At the session's end
#: (coder v13, held-out batches 4, 6, 9, 10, 13, 14, 17, 18 replaced by their adjudicated labels): dev
#: 0.557 / 0.393, held-out 0.424 / 0.179; floors kept. Session 3 (coder v6, entities v3) grew both halves with seven batches
#: labelled by people who never saw the coder's output: dev 366 → 636 sentences, held-out 90 → 444.
#: Scores now (coder v8): dev 0.616 / 0.512 (0.572 / 0.451 with session 2's code on the same labels),
#: held-out 0.439 / 0.196 (0.406 / 0.175 with session 2's code); floors about 0.01 under: dev 0.60 /
#: 0.50, held-out 0.43 / 0.18 (never tuned on; the per-batch figures are in docs/events.md). Dev re-pinned on 2026-11-21 (fourth change) only because the dev half grew
#: again, from 246 to 366 sentences (20 new articles, labelled before the coder was run on them; they
#: scored 0.42 / 0.21 at first): 0.72 / 0.56, about 0.01 under dev 0.731 / 0.569 after that change (the
#: 246 older dev sentences are unchanged at 0.771 / 0.657). Held-out unchanged at 0.620 / 0.360, floors
#: kept. Before that: about 0.01 under the scores of 2026-11-21, third change (recipients and triggers by
#: PLOVER category: dev 0.771 / 0.657, held-out 0.620 / 0.360; raised from 0.75 / 0.59 / 0.59 / 0.33,
#: set under 2026-11-21's second change, actors' countries and sectors: dev 0.763 / 0.604, held-out
#: 0.606 / 0.343; those raised from 0.75 / 0.55 / 0.58 / 0.31, set under the first change's
#: 0.763 / 0.568, 0.592 / 0.327). Lowered on 2026-11-21 from
#: 0.84 / 0.66 / 0.57 / 0.37 for two stated reasons, not silently: the dev half grew from 96 to 246 sentences (25 new articles, harder than the first 16), and the
#: matching of type + actor + recipient became stricter (a code match needs both actors on the same side
#: of the state line, and two group nouns with different codes no longer match by their common noun;
#: see chronique.events.evaluate). Under the old matching the held-out full F1 went 0.371 → 0.388.
#: Dev re-pinned in session 8 only because the dev half grew from 1,176 to 1,446 sentences (batches
#: 23-25, 45 articles labelled twice blind and adjudicated; coder v35 scored 0.344 / 0.215 on them,
#: once, before any change): dev 0.528 / 0.328, floors 0.51 / 0.31; held-out unchanged. Again later
#: in session 8 (batches 26-28, 270 more; v35 scored 0.366 / 0.241 on them once): dev 1,716
#: sentences, coder v36 0.507 / 0.315, floors 0.49 / 0.30. And at the end of session 8 (batches
#: 29-31, v36 scored 0.343 / 0.221 on them once): dev 1,986 sentences, 0.490 / 0.305, floors 0.47 / 0.29.
#: Session 9: batches 32-34 (270 dev sentences; coder v37 scored 0.275 / 0.142 on them once) took
#: dev to 2,256 sentences; coder v38 (targets carried from the sentence before, fronted participles,
#: calibrated confidence): dev 0.468 / 0.296, held-out 0.458 / 0.248. Dev floors re-pinned to
#: 0.45 / 0.28 only because the dev half grew; held-out full floor raised 0.23 → 0.24.
F1_FLOORS = {
    ("dev", "type"): 0.45,
    ("dev", "full"): 0.28,
    ("heldout", "type"): 0.44,
    ("heldout", "full"): 0.24,
}


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def test_seed_events_found(nlp) -> None:
    gold = yaml.safe_load(shared_path("gold", "seeds.yaml").read_text(encoding="utf-8"))
    found, missed = 0, []
    for name, entry in gold.items():
        text = shared_path("seeds", name).read_text(encoding="utf-8")
        art = clean(RawDocument(name, name, "txt", text), Settings())
        (ann,) = annotate([art], nlp)
        pub = publication_date(art)
        evs = code_events(art, ann, pub, adapters.mentions(art, ann), adapters.timexes(art, ann, pub))
        for g in seed_events(entry):
            if any(seed_match(e, g) for e in evs):
                found += 1
            else:
                missed.append((name, g.event, [a.canonical or a.code for a in g.actor]))
    assert found >= SEEDS_FLOOR, missed


@pytest.fixture(scope="module")
def orangesum(nlp):
    labels = load_labels(LABELS)
    ids = {ls.article for ls in labels}
    records = {}
    with Path(shared_path("data", "orangesum-dev.jsonl")).open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if str(r["id"]) in ids:
                records[str(r["id"])] = r
    coded, texts = code_records(records, nlp)
    return labels, coded, texts


def test_labels_are_well_formed() -> None:
    labels = load_labels(LABELS)
    assert len(labels) >= 150 and len({ls.article for ls in labels}) >= 30
    assert sum(1 for ls in labels if not ls.events) >= len(labels) / 3
    for ls in labels:
        assert ls.split == ("dev" if int(ls.article) % 2 == 0 else "heldout")


@pytest.mark.parametrize("split", ["dev", "heldout"])
def test_orangesum_floors(orangesum, split: str) -> None:
    labels, coded, texts = orangesum
    s = score([ls for ls in labels if ls.split == split], coded, texts)
    assert s.drifted == 0, (
        "the cleaner or the segmenter changed: the labels no longer point at their sentences"
    )
    assert s.type.f1 >= F1_FLOORS[(split, "type")], s.to_dict()
    assert s.full.f1 >= F1_FLOORS[(split, "full")], s.to_dict()


#: The calibrated confidence on the held-out half (never fitted on): how well it ranks the events
#: right as coded above the others (coder v38 with the weights fitted on the dev half: 0.666; the
#: coder's own rule-of-thumb figure: 0.541), and the precision of the events it is surest of.
CONFIDENCE_AUC_FLOOR = 0.60


def test_calibrated_confidence_on_the_held_out_half(orangesum) -> None:
    from chronique.events.evaluate import auc, outcomes

    labels, coded, _ = orangesum
    judged = [
        (e.confidence, full)
        for ls in labels
        if ls.split == "heldout"
        for e, _, full in outcomes(ls, coded.get(ls.article, []))
    ]
    assert auc([c for c, _ in judged], [f for _, f in judged]) >= CONFIDENCE_AUC_FLOOR
    sure = [f for c, f in judged if c >= 0.5]
    unsure = [f for c, f in judged if c < 0.5]
    assert sum(sure) / len(sure) > sum(unsure) / len(unsure) + 0.1
