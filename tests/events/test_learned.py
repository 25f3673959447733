"""The learned trigger detector: fitting, the shipped weights, and how the coder uses a detector."""

from __future__ import annotations

import numpy as np
import pytest

from chronique.events.coder import code
from chronique.events.learned import CLASSES, TriggerModel, features, fit, load, vectors
from chronique.events.tree import Tree
from chronique.stages.annotate import load_model
from tests.events.helpers import coder_inputs


def test_fit_learns_a_separable_toy_problem() -> None:
    rng = np.random.default_rng(0)
    accuse, none = CLASSES.index("ACCUSE"), CLASSES.index("NONE")
    x = np.hstack([rng.normal(size=(200, 3)), np.ones((200, 1))])
    y = np.where(x[:, 0] > 0, accuse, none)
    model = TriggerModel(fit(x, y, epochs=300), 0.5)
    assert model.best(np.array([3.0, 0.0, 0.0, 1.0]))[0] == "ACCUSE"
    assert model.best(np.array([-3.0, 0.0, 0.0, 1.0]))[0] == "NONE"


def test_the_shipped_weights_load() -> None:
    model = load("fr")
    assert model is not None and model.classes == CLASSES
    assert model.weights.shape[1] == len(CLASSES) and 0.0 < model.threshold < 1.0


@pytest.mark.model
def test_the_coder_reads_the_arguments_of_a_learned_trigger() -> None:
    text = "Le ministre Paul Garnier a taquiné les syndicats de Brelune."
    art, ann, pub, refs, tx, lex = coder_inputs(text, load_model())
    assert not code(art, ann, pub, refs, tx, lex)[0]  # no rule knows "taquiner"
    vec = vectors()
    t = Tree(ann, len(ann.sentences) - 1, lex.etre_verbs, grammar=lex.grammar)
    n = len(features(t, t.lo, vec, lex))
    weights = np.zeros((n, len(CLASSES)))
    weights[-1, CLASSES.index("ACCUSE")] = 20.0  # the bias: every verb reads as an accusation
    events = code(art, ann, pub, refs, tx, lex, TriggerModel(weights, 0.6), vec)[0]
    (ev,) = [e for e in events if e.event_text == "taquiné"]
    assert ev.event == "ACCUSE" and ev.rule.startswith("learned:taquiner:")
    assert [a.canonical for a in ev.actor] == ["Paul Garnier"]
    assert [a.canonical for a in ev.recipient] == ["syndicats"]
    assert ev.confidence < 0.5
