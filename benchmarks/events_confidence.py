"""Calibrated event confidence (chronique.events.confidence): cross-validated on the dev half of the
labels, checked on the held-out half, and fitted.

    .venv/bin/python benchmarks/events_confidence.py
    .venv/bin/python benchmarks/events_confidence.py --save chronique/lang/fr/events_confidence.npz

Samples: every event the coder codes (without calibration) in a labelled sentence, negated ones
aside; its outcome is 1 when it pairs with a gold event of its type whose actor and recipient it
matches too (as ``benchmarks/events.py`` scores type + actor + recipient), else 0. Dev: 5 folds by
article, each fitted on the other four. Held-out: fitted on the whole dev half, never on the
held-out one. Printed for each: how well the probability ranks right events above wrong ones (AUC,
against the coder's own rule-of-thumb figure), its Brier score (against a constant, the dev share
of right events), the share of right events per band of probability, and the precision of the
events kept above a few thresholds. ``--save``: fit on the dev half and write the weights. Skips
with a message when ``../shared`` is absent.
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

BANDS = ((0.0, 0.3), (0.3, 0.5), (0.5, 0.7), (0.7, 1.01))
THRESHOLDS = (0.3, 0.5, 0.6, 0.7)


def report(name: str, p: Any, rule: Any, y: Any, ytype: Any, base: float) -> None:
    from chronique.events.evaluate import auc

    brier = float(np.mean((p - y) ** 2))
    const = float(np.mean((base - y) ** 2))
    print(
        f"== {name}: {len(y)} events, {y.mean():.2f} right as coded | AUC {auc(p, y):.3f} (rule of thumb "
        f"{auc(rule, y):.3f}) | Brier {brier:.3f} (constant {const:.3f})"
    )
    for lo, hi in BANDS:
        m = (p >= lo) & (p < hi)
        got = float(y[m].mean()) if m.any() else float("nan")
        print(f"  probability {lo:.1f}-{min(hi, 1.0):.1f}: {int(m.sum()):4} events, {got:.2f} right")
    for th in THRESHOLDS:
        m = p >= th
        full = float(y[m].mean()) if m.any() else float("nan")
        typ = float(ytype[m].mean()) if m.any() else float("nan")
        print(
            f"  confidence >= {th:.1f}: keeps {int(m.sum()):4} of {len(y)} ({m.mean():.2f}); precision "
            f"type {typ:.2f}, type+actor+recipient {full:.2f}"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--save", type=Path, help="fit on the dev half and write the weights here")
    args = ap.parse_args()
    corpus = SHARED / "data" / "orangesum-dev.jsonl"
    if not corpus.exists():
        print(f"confidence calibration: skipped, {corpus} is absent")
        return
    from chronique.events.confidence import FEATURES, Calibration, fit, samples
    from chronique.events.evaluate import code_records, corpus_records, load_labels, outcomes
    from chronique.stages.annotate import load_model

    labels = load_labels(LABELS)
    coded, _ = code_records(corpus_records(corpus, {ls.article for ls in labels}), load_model(), calibrated=False)
    rows: dict[int, Any] = {}
    for events in coded.values():
        for e, x in zip(events, samples(events), strict=True):
            rows[id(e)] = x
    data: dict[str, dict[str, list[Any]]] = {s: {"x": [], "y": [], "t": [], "a": []} for s in ("dev", "heldout")}
    for ls in labels:
        d = data[ls.split]
        for e, type_ok, full_ok in outcomes(ls, coded.get(ls.article, [])):
            d["x"].append(rows[id(e)])
            d["y"].append(full_ok)
            d["t"].append(type_ok)
            d["a"].append(ls.article)
    x, y = np.array(data["dev"]["x"]), np.array(data["dev"]["y"], dtype=float)
    if args.save:
        Calibration(fit(x, y)).save(args.save)
        print(f"fitted on {len(y)} dev events: {args.save}")
        return
    rule_col = FEATURES.index("rule_confidence")
    owners = np.array(data["dev"]["a"])
    arts = sorted(set(owners))
    np.random.default_rng(0).shuffle(arts)
    p_cv = np.zeros(len(y))
    for k in range(5):
        fold = np.isin(owners, arts[k::5])
        p_cv[fold] = Calibration(fit(x[~fold], y[~fold])).probabilities(x[fold])
    base = float(y.mean())
    report("dev, 5 folds by article", p_cv, x[:, rule_col], y, np.array(data["dev"]["t"], dtype=float), base)
    model = Calibration(fit(x, y))
    xh = np.array(data["heldout"]["x"])
    yh = np.array(data["heldout"]["y"], dtype=float)
    report(
        "held-out, fitted on dev",
        model.probabilities(xh),
        xh[:, rule_col],
        yh,
        np.array(data["heldout"]["t"], dtype=float),
        base,
    )


if __name__ == "__main__":
    main()
