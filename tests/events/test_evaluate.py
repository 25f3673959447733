"""Matching coded events to hand labels: actors by code or canonical name, lists, one-to-one pairs."""

from __future__ import annotations

from chronique.events.evaluate import (
    GoldActor,
    GoldEvent,
    LabelledSentence,
    list_matches,
    score,
    sentence_sha1,
)
from chronique.events.model import Actor, Event, EventDate

BODY = "Alpha a appelé Beta à cesser. Rien ne se passe ici."


def _ev(
    etype: str, actor: list[Actor], recipient: list[Actor], start: int = 6, negated: bool = False
) -> Event:
    return Event(
        "a1",
        0,
        0,
        29,
        etype,
        "",
        tuple(actor),
        tuple(recipient),
        None,
        EventDate(),
        "appelé",
        start,
        start + 6,
        BODY[:29],
        negated=negated,
    )


def _label(events: tuple[GoldEvent, ...], start: int = 0, end: int = 29) -> LabelledSentence:
    return LabelledSentence("a1", "dev", start, end, sentence_sha1(BODY[start:end]), events)


FRA = Actor("la France", "France", "FRA", "GOV")
DEU = Actor("Berlin", "Allemagne", "DEU", "GOV")
NOCODE = Actor("les manifestants", "manifestants", "", "CVL")


def test_actor_lists() -> None:
    assert list_matches([FRA], [GoldActor("France", "FRA")])
    assert list_matches([NOCODE], [GoldActor("Manifestants", "")])  # canonical, case and accents folded
    assert list_matches([FRA], [GoldActor("", "FRA"), GoldActor("", "DEU")])  # a subset is enough ...
    assert not list_matches(
        [FRA], [GoldActor("", "FRA"), GoldActor("", "DEU")], strict=True
    )  # ... not strictly
    assert not list_matches([FRA, NOCODE], [GoldActor("", "FRA")])  # a wrong actor spoils the list
    assert (
        list_matches([], []) and not list_matches([FRA], []) and not list_matches([], [GoldActor("", "FRA")])
    )


def test_score_pairs_one_to_one_and_leaves_out_negated_events() -> None:
    gold = (GoldEvent("REQUEST", "yield", (GoldActor("", "FRA"),), (GoldActor("", "DEU"),)),)
    labels = [_label(gold), _label((), 30, len(BODY))]
    coded = {
        "a1": [
            _ev("REQUEST", [FRA], [DEU]),
            _ev("REQUEST", [FRA], []),  # a second, wrong one
            _ev("ACCUSE", [FRA], [], negated=True),  # negated: not counted
            _ev("ASSAULT", [FRA], [], start=35),  # in the sentence without an event
        ]
    }
    s = score(labels, coded, {"a1": BODY})
    assert (s.sentences, s.empty, s.drifted) == (2, 1, 0)
    assert (s.type.tp, s.type.coded, s.type.gold) == (1, 3, 1)
    assert (s.full.tp, s.full.precision, s.full.recall) == (1, 1 / 3, 1.0)


def test_drift_is_counted() -> None:
    s = score([_label(())], {}, {"a1": "Autre texte " + BODY})
    assert s.drifted == 1
