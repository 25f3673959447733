"""Matching coded events to hand labels: actors by code or canonical name, lists, one-to-one pairs."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from chronique.events.evaluate import (
    DoublyLabelled,
    GoldActor,
    GoldEvent,
    LabelledSentence,
    agreement,
    list_matches,
    load_agreement,
    load_labels,
    score,
    sentence_sha1,
    trigger_gaps,
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


def _doubly(first: tuple[GoldEvent, ...], second: tuple[GoldEvent, ...], start: int = 0) -> DoublyLabelled:
    return DoublyLabelled("a1", 7, "dev", start, start + 29, "", first, second)


def test_agreement_scores_two_labellings_as_the_coder_is_scored() -> None:
    fra, deu = (GoldActor("France", "FRA", "GOV"),), (GoldActor("Allemagne", "DEU", "GOV"),)
    ask = GoldEvent("REQUEST", "", fra, deu)
    ask_nobody = GoldEvent("REQUEST", "", fra, ())
    hit = GoldEvent("ASSAULT", "", deu, ())
    doubly = [_doubly((ask, hit), (ask_nobody,)), _doubly((), (hit,), 30)]
    reference = {("a1", 0): (ask,), ("a1", 30): ()}
    out = agreement(doubly, reference)
    both = out["second vs first"]
    assert (both.type.tp, both.type.coded, both.type.gold) == (1, 2, 2)
    assert both.full.tp == 0  # the second labeller left the recipient out
    assert (both.sentences, both.empty) == (2, 1)
    first = out["first vs adjudicated"]
    assert (first.full.tp, first.full.coded, first.full.gold) == (1, 2, 1)
    second = out["second vs adjudicated"]
    assert (second.type.tp, second.full.tp, second.type.coded) == (1, 0, 2)


def test_the_committed_double_labels_match_the_main_file() -> None:
    root = Path(__file__).resolve().parents[2] / "data" / "labels"
    doubly = load_agreement(root / "events-orangesum-fr-agreement.yaml")
    main = {(ls.article, ls.start): ls for ls in load_labels(root / "events-orangesum-fr.yaml")}
    assert len(doubly) == 3240 and {d.batch for d in doubly} == set(range(1, 35))
    for d in doubly:  # the same sentences, split and sha1 as the adjudicated labels
        ls = main[(d.article, d.start)]
        assert (ls.end, ls.sha1, ls.split) == (d.end, d.sha1, d.split)


@pytest.mark.model
def test_trigger_gaps_say_why_an_event_was_missed() -> None:
    from chronique.models import RawDocument
    from chronique.settings import Settings
    from chronique.stages.annotate import load_model
    from chronique.stages.clean import clean

    text = "Le ministre Paul Garnier a taquiné les syndicats de Brelune.\n\nLes cheminots ont manifesté jeudi à Brelune."
    body = clean(RawDocument("orangesum-dev.jsonl", "7", "jsonl", text, meta={"title": ""}), Settings()).body
    first = body.index(".") + 1
    scold = GoldEvent(
        "ACCUSE", "", (GoldActor("Paul Garnier"),), (), (body.index("taquiné"), body.index("taquiné") + 7)
    )
    march = GoldEvent(
        "PROTEST", "", (GoldActor("cheminots"),), (), (body.index("manifesté"), body.index("manifesté") + 9)
    )
    labels = [
        LabelledSentence("7", "dev", 0, first, sentence_sha1(body[:first]), (scold,)),
        LabelledSentence("7", "dev", first, len(body), sentence_sha1(body[first:]), (march,)),
    ]
    found, hits = trigger_gaps(labels, {"7": {"article": text, "title": ""}}, load_model())
    assert hits == 1  # the march is coded
    assert [(g.event, g.lemmas, g.why) for g in found] == [("ACCUSE", ("taquiner",), "unknown")]


def test_labels_may_mark_the_words_naming_each_argument(tmp_path: Path) -> None:
    text = (
        "version: 1\nsentences:\n"
        f'  - {{id: "a1", split: dev, start: 0, end: 29, sha1: {sentence_sha1(BODY[:29])}, events: '
        '[{event: REQUEST, actor: ["Alpha||GOV", "Delta||GOV"], recipient: ["Beta||"], trigger: [8, 14], '
        "actor_spans: [[0, 5], null], recipient_spans: [[15, 19]]}]}\n"
    )
    path = tmp_path / "labels.yaml"
    path.write_text(text, encoding="utf-8")
    (ls,) = load_labels(path)
    (g,) = ls.events
    assert [a.span for a in g.actor] == [(0, 5), None]
    assert g.recipient[0] == GoldActor("Beta", "", "", (15, 19))


def test_argument_reading_tells_words_missed_from_words_resolved_wrong() -> None:
    from chronique.events.evaluate import argument_reading

    alpha = Actor("Alpha", "Alpha", "", "GOV", 0, 5, "entities")
    beta = Actor("Beta", "Beta", "", "", 15, 19, "entities")
    gold = GoldEvent(
        "REQUEST",
        "",
        (GoldActor("Alpha", "", "GOV", (0, 5)),),
        (GoldActor("Gamma", "DEU", "GOV", (15, 19)), GoldActor("Omega", "", "", (21, 28))),
    )
    out = argument_reading([_label((gold,))], {"a1": [_ev("REQUEST", [alpha], [beta])]})
    assert out["actor"].to_dict()["resolved"] == 1
    r = out["recipient"]
    assert (r.marked, r.read, r.resolved) == (2, 1, 0)  # Beta's words read, resolved wrong; Omega's missed
    # an event of another type is not read at all
    out = argument_reading([_label((gold,))], {"a1": [_ev("ACCUSE", [alpha], [beta])]})
    assert out["actor"].marked == 0


def test_auc_counts_right_items_ranked_above_wrong_ones() -> None:
    from chronique.events.evaluate import auc

    assert auc([0.1, 0.4, 0.35, 0.8], [False, False, True, True]) == 0.75
    assert auc([0.5, 0.5, 0.5], [True, False, True]) == 0.5  # ties count half
    assert auc([0.2, 0.9], [True, False]) == 0.0
    assert math.isnan(auc([0.3, 0.6], [True, True]))
