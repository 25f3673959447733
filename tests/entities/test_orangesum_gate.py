"""Gate: entity mentions on 200 hand-labelled OrangeSum dev sentences (labels in data/labels/).

Reads the text from ../shared at run time (the labels hold ids, offsets and a hash of each
sentence). Post-processing must not lower F1 below spaCy alone, and the measured floors hold.
Floors are pinned from the measured scores (benchmarks/entities.py prints them); never lower one
silently.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from chronique.entities.evaluate import evaluate, summary
from tests.conftest import ROOT, shared_path

pytestmark = [pytest.mark.shared, pytest.mark.model, pytest.mark.slow]

LABELS = ROOT / "data" / "labels" / "orangesum-entities.jsonl"

#: Measured on the labelled set (fr_core_news_md 3.8.0): P 0.841, R 0.841, F1 0.841 (spaCy alone
#: 0.707 / 0.743 / 0.724), canonical 183/199, countries 57/71; rounded down to two decimals.
FLOORS = {
    "precision": 0.84,
    "recall": 0.84,
    "f1": 0.84,
    "canonical_accuracy": 0.91,
    "country_accuracy": 0.80,
}


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory):
    corpus = shared_path("data", "orangesum-dev.jsonl")
    return evaluate(LABELS, corpus, Path(tmp_path_factory.mktemp("gate")), workers=1)


def test_labels_still_match_the_text(scores) -> None:
    assert scores.sentences >= 195, scores.skipped  # one caption is removed by cleaning, by design
    assert "text-changed" not in scores.skipped and "text-not-original" not in scores.skipped


def test_post_processing_does_not_lower_f1(scores) -> None:
    print(summary(scores))
    assert scores.chronique["all"].f1 >= scores.model["all"].f1
    for label in ("PER", "LOC", "ORG"):
        assert scores.chronique[label].f1 >= scores.model[label].f1 - 0.01, label


def test_floors(scores) -> None:
    ours = scores.chronique["all"]
    got = {
        "precision": ours.precision,
        "recall": ours.recall,
        "f1": ours.f1,
        "canonical_accuracy": scores.canonical_accuracy,
        "country_accuracy": scores.country_accuracy,
    }
    for name, floor in FLOORS.items():
        assert got[name] >= floor, f"{name} {got[name]:.3f} < floor {floor}"
