"""Calibrated confidence: how likely a coded event is right as coded, learned from the labels.

The coder's own confidence is a rule of thumb (the trigger rule's figure, less for a noun, a
pronoun actor or a guessed target); on the labelled sentences it hardly tells right events from
wrong ones. This module turns what the coder knows about an event — its type, the kind of rule that
fired, where its actor and recipient came from (a name, a group noun, a pronoun, a guess, a target
carried from the sentence before), its flags, whether it sits inside a quotation, how many events
its sentence holds, and the rule-of-thumb figure — into the probability that its type, actor and
recipient are all right, as the labels judge them (:func:`chronique.events.evaluate.score`).

The weights are data (``lang/<lang>/events_confidence.npz``), fitted on the dev half of the labels
by ``benchmarks/events_confidence.py --save``, never on the held-out half; that script also reports
how well the probabilities hold on the held-out half. Logistic regression in numpy. A pure function
of the events: :func:`calibrate` gives new events, only ``confidence`` changed.
"""

from __future__ import annotations

import functools
import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from chronique.events.model import EVENT_TYPES, Event

log = logging.getLogger(__name__)

#: Where an actor may come from (:class:`chronique.events.model.Actor` ``source``).
ACTOR_SOURCES = ("entities", "ner", "group", "pronoun", "speaker", "relative", "default", "guess")
#: Quotation marks that open and close a quotation ("«" and "»"; a straight quote does both).
_OPEN, _CLOSE, _BOTH = "«“", "»”", '"'

#: The features, in order (saved with the weights: a model fitted on other features is not used).
FEATURES: tuple[str, ...] = (
    *(f"type={t}" for t in EVENT_TYPES),
    "rule=noun",
    "rule=learned",
    "rule=multiword",
    "rule_confidence",
    *(f"actor_source={s}" for s in ACTOR_SOURCES),
    "actors>1",
    "actor_coded",
    "actor_no_sector",
    "recipient=none",
    "recipient=guess",
    "recipient=carried",
    "recipient=slot",
    "recipient_coded",
    "future",
    "hypothetical",
    "mode",
    "ceasefire",
    "date=publication",
    "in_quotation",
    "sentence_length",
    "events_in_sentence",
    "bias",
)


def _in_quotation(e: Event) -> bool:
    before = e.text[: max(0, e.trigger_start - e.start)]
    opened = sum(before.count(c) for c in _OPEN) - sum(before.count(c) for c in _CLOSE)
    return opened > 0 or before.count(_BOTH) % 2 == 1


def features(e: Event, in_sentence: int = 1) -> Any:
    """The sample of one event (see :data:`FEATURES`); ``in_sentence``: how many events its
    sentence holds. Reads the coder's own confidence, so give it events not yet calibrated."""
    rule = e.rule or ""
    actor_sources = {a.source for a in e.actor}
    rec_sources = {a.source for a in e.recipient}
    f: list[float] = [float(e.event == t) for t in EVENT_TYPES]
    f += [float(rule.startswith("noun:")), float(rule.startswith("learned:")), float("+" in rule)]
    f += [e.confidence]
    f += [float(s in actor_sources) for s in ACTOR_SOURCES]
    f += [
        float(len(e.actor) > 1),
        float(any(a.code for a in e.actor)),
        float(bool(e.actor) and all(not a.sector for a in e.actor)),
    ]
    f += [
        float(not e.recipient),
        float("guess" in rec_sources),
        float("carried" in rec_sources),
        float(bool(e.recipient) and not rec_sources & {"guess", "carried"}),
        float(any(a.code for a in e.recipient)),
    ]
    f += [float(e.future), float(e.hypothetical), float(bool(e.mode)), float(bool(e.ceasefire))]
    f += [float(e.date.rule == "publication"), float(_in_quotation(e))]
    f += [min(len(e.text), 600) / 300, min(in_sentence, 4) / 2, 1.0]
    return np.array(f, dtype=float)


def samples(events: Sequence[Event]) -> Any:
    """The samples of an article's events (one row each, in order)."""
    per = Counter((e.article_id, e.start) for e in events)
    rows = [features(e, per[(e.article_id, e.start)]) for e in events]
    return np.array(rows) if rows else np.zeros((0, len(FEATURES)))


@dataclass(frozen=True)
class Calibration:
    weights: Any  # (features,) float array
    features: tuple[str, ...] = FEATURES

    def probabilities(self, x: Any) -> Any:
        return 1.0 / (1.0 + np.exp(-(np.atleast_2d(x) @ self.weights)))

    def save(self, path: str | Path) -> None:
        np.savez_compressed(path, weights=self.weights.astype(np.float32), features=np.array(self.features))


def fit(x: Any, y: Any, *, epochs: int = 3000, lr: float = 0.5, l2: float = 1e-3) -> Any:
    """Weights of a logistic regression of ``y`` (1: right as coded) on samples ``x`` (full-batch
    gradient descent; a thousand samples take well under a second)."""
    w = np.zeros(x.shape[1])
    for _ in range(epochs):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        w -= lr * (x.T @ (p - y) / max(1, len(y)) + l2 * w)
    return w


def calibrate(events: Sequence[Event], model: Calibration) -> list[Event]:
    """The events with ``confidence`` the model's probability that each is right as coded."""
    if not events:
        return []
    p = model.probabilities(samples(events))
    return [replace(e, confidence=round(float(q), 3)) for e, q in zip(events, p, strict=True)]


def path(lang: str = "fr") -> Path:
    return Path(__file__).resolve().parents[1] / "lang" / lang / "events_confidence.npz"


@functools.lru_cache(maxsize=4)
def load(lang: str = "fr") -> Calibration | None:
    """The language's calibration, or ``None`` when it has none (or one fitted on other features:
    then the coder's own confidence stays, and a warning says to refit)."""
    p = path(lang)
    if not p.exists():
        return None
    with np.load(p) as d:
        names = tuple(str(n) for n in d["features"])
        if names != FEATURES:
            log.warning(
                "%s was fitted on other features; refit it (benchmarks/events_confidence.py --save)", p
            )
            return None
        return Calibration(d["weights"].astype(np.float64), names)
