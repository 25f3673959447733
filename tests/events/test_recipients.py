"""The learned recipient chooser: fitting, its samples, and how the coder asks it."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from chronique.events.coder import code
from chronique.events.recipients import RecipientModel, features, fit, load
from chronique.stages.annotate import load_model
from tests.events.helpers import coder_inputs


def test_fit_learns_a_separable_toy_problem() -> None:
    rng = np.random.default_rng(0)
    x = np.hstack([rng.normal(size=(300, 3)), np.ones((300, 1))])
    y = (x[:, 1] > 0.5).astype(float)  # the rarer class
    w = fit(x, y, epochs=500)
    p = RecipientModel(w, 0.5).probabilities(np.array([[0.0, 3.0, 0.0, 1.0], [0.0, -3.0, 0.0, 1.0]]))
    assert p[0] > 0.9 and p[1] < 0.1


def test_no_chooser_is_shipped_while_it_does_not_pay() -> None:
    # benchmarks/events_recipients.py writes one only when it beats the rule on the dev half
    assert load("fr") is None


@pytest.mark.model
def test_the_coder_asks_the_chooser_for_events_of_any_type() -> None:
    text = "Les cheminots de Brelune ont manifesté jeudi devant le bureau du ministre Paul Garnier."
    art, ann, pub, refs, tx, lex = coder_inputs(text, load_model())

    def protest(**kw: Any) -> Any:
        (ev,) = [e for e in code(art, ann, pub, refs, tx, lex, **kw)[0] if e.event == "PROTEST"]
        return ev

    assert not protest().recipient  # the rule guesses only for acts aimed at someone
    asked: list[tuple[str, list[str], Any]] = []

    def record(t: Any, trig: int, event: str, actors: Any, cands: Any, rule: Any) -> Any:
        asked.append((event, [a.canonical for _, a in cands], rule))
        n = len(features(t, trig, event, actors, cands, rule, 0))
        assert all(len(features(t, trig, event, actors, cands, rule, i)) == n for i in range(len(cands)))
        return rule

    assert not protest(recipients=record).recipient
    assert asked == [("PROTEST", ["Paul Garnier"], None)]
    sample = None

    def grab(t: Any, trig: int, event: str, actors: Any, cands: Any, rule: Any) -> Any:
        nonlocal sample
        sample = features(t, trig, event, actors, cands, rule, 0)
        return None

    protest(recipients=grab)
    assert sample is not None
    bias = np.zeros(len(sample))
    bias[0] = 20.0  # every candidate is likely
    ev = protest(recipients=RecipientModel(bias, 0.5).choose)
    assert [(a.canonical, a.source) for a in ev.recipient] == [("Paul Garnier", "guess")]
    assert not protest(recipients=RecipientModel(-bias, 0.5).choose).recipient
