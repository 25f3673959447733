"""The calibrated confidence: its features, the fit, the shipped weights and the stage's use of them."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from chronique.events import confidence
from chronique.events.confidence import FEATURES, Calibration, calibrate, features, fit, samples
from chronique.events.model import Actor, Event, EventDate


def event(**kw: object) -> Event:
    base = Event(
        article_id="a1",
        sentence=0,
        start=0,
        end=60,
        event="ACCUSE",
        mode="",
        actor=(Actor("Paul Garnier", "Paul Garnier", "FRA", "GOV", 0, 12, "entities"),),
        recipient=(),
        event_loc=None,
        date=EventDate("2020-03-10", "day", "publication"),
        event_text="accusé",
        trigger_start=20,
        trigger_end=26,
        text="Paul Garnier a accusé jeudi la mairie de Brelune de mentir.",
        confidence=0.7,
        rule="accuser:ACCUSE",
    )
    return replace(base, **kw)  # type: ignore[arg-type]


def test_every_feature_is_named() -> None:
    assert features(event()).shape == (len(FEATURES),)
    assert len(set(FEATURES)) == len(FEATURES)


def test_features_read_the_recipients_origin() -> None:
    def value(e: Event, name: str) -> float:
        return float(features(e)[FEATURES.index(name)])

    guessed = event(recipient=(Actor("mairie", "mairie", "FRA", "GOV", 31, 37, "guess"),))
    carried = event(recipient=(Actor("mairie", "mairie", "FRA", "GOV", 31, 37, "carried"),))
    assert value(event(), "recipient=none") == 1.0
    assert value(guessed, "recipient=guess") == 1.0 and value(guessed, "recipient=slot") == 0.0
    assert value(carried, "recipient=carried") == 1.0


def test_a_trigger_inside_a_quotation() -> None:
    text = "« Nous accusons la mairie », a dit Paul Garnier."
    inside = event(text=text, end=len(text), trigger_start=6, trigger_end=14)
    outside = event(text=text, end=len(text), trigger_start=31, trigger_end=34)
    k = FEATURES.index("in_quotation")
    assert features(inside)[k] == 1.0 and features(outside)[k] == 0.0


def test_samples_count_the_events_of_each_sentence() -> None:
    a, b, c = event(), event(trigger_start=40), event(start=61, end=90, trigger_start=70)
    x = samples([a, b, c])
    k = FEATURES.index("events_in_sentence")
    assert x.shape == (3, len(FEATURES)) and x[0, k] == x[1, k] == 1.0 and x[2, k] == 0.5
    assert samples([]).shape == (0, len(FEATURES))


def test_the_fit_orders_what_it_learned() -> None:
    rng = np.random.default_rng(0)
    x = np.column_stack([rng.normal(size=400), np.ones(400)])
    y = (x[:, 0] + rng.normal(scale=0.5, size=400) > 0).astype(float)
    p = Calibration(fit(x, y)).probabilities(np.array([[-2.0, 1.0], [0.0, 1.0], [2.0, 1.0]]))
    assert p[0] < 0.2 < p[1] < 0.8 < p[2]


def test_calibrate_changes_only_the_confidence() -> None:
    evs = [event(), event(trigger_start=40, event="REJECT")]
    model = Calibration(np.linspace(-0.5, 0.5, len(FEATURES)))
    out = calibrate(evs, model)
    assert [replace(e, confidence=0.0) for e in out] == [replace(e, confidence=0.0) for e in evs]
    assert all(0.0 <= e.confidence <= 1.0 for e in out)
    assert evs[0].confidence == 0.7  # the input is left as it was
    assert calibrate([], model) == []


def test_the_french_weights_are_shipped_for_these_features() -> None:
    model = confidence.load("fr")
    assert model is not None and model.features == FEATURES
    assert confidence.load("xx") is None


def test_weights_fitted_on_other_features_are_not_used(tmp_path: Path, monkeypatch, caplog) -> None:
    other = tmp_path / "events_confidence.npz"
    Calibration(np.zeros(3), ("a", "b", "c")).save(other)
    monkeypatch.setattr(confidence, "path", lambda lang="fr": other)
    confidence.load.cache_clear()
    try:
        with caplog.at_level(logging.WARNING):
            assert confidence.load("fr") is None
        assert "refit" in caplog.text
    finally:
        confidence.load.cache_clear()


@pytest.mark.model
def test_the_stage_calibrates_unless_told_not_to() -> None:
    from chronique.stages.annotate import load_model
    from tests.events.helpers import code

    nlp = load_model()
    text = "Le ministre Paul Garnier a accusé jeudi la Russie de mentir. Il a aussi dénoncé une manœuvre."
    calibrated = code(nlp, text)
    raw = code(nlp, text, calibrated=False)
    assert [replace(e, confidence=0.0) for e in calibrated] == [replace(e, confidence=0.0) for e in raw]
    model = confidence.load("fr")
    assert model is not None
    assert [e.confidence for e in calibrated] == [e.confidence for e in calibrate(raw, model)]
