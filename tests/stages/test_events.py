"""The events stage on invented French sentences: triggers, arguments, the ceasefire decision table,
flags, dates and offsets. Nothing here comes from a real article."""

from __future__ import annotations

import pytest

from chronique.stages.annotate import load_model
from tests.events.helpers import article, code, codes, one

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def nlp():
    return load_model()


@pytest.mark.parametrize("entities", [True, False], ids=["entities", "fallback"])
def test_request_with_compound_recipients(nlp, entities: bool) -> None:
    evs = code(
        nlp,
        "La France a exhorté mardi la Russie, la Turquie et l'Iran à cesser les combats.",
        entities=entities,
    )
    e = one(evs, "REQUEST")
    assert e.mode == "yield"
    assert codes(e.actor) == {"FRA"}
    assert codes(e.recipient) == {"RUS", "TUR", "IRN"}
    assert not [x for x in evs if x.event == "ASSAULT"], "what is asked is not an event of its own"


def test_third_party_call_for_ceasefire_is_request_belligerent_call_is_agree(nlp) -> None:
    e = one(code(nlp, "L'Allemagne a appelé samedi à un cessez-le-feu immédiat."), "REQUEST")
    assert (e.mode, e.ceasefire) == ("yield", "called-for")
    e = one(code(nlp, "Les rebelles syriens ont appelé dimanche à une trêve de trois jours."), "AGREE")
    assert e.ceasefire == "agreed"


def test_declared_in_force_rejected(nlp) -> None:
    e = one(code(nlp, "L'armée turque a décrété une trêve à partir de lundi."), "CONCEDE")
    assert e.ceasefire == "declared"
    e = one(code(nlp, "Le cessez-le-feu est entré en vigueur samedi à minuit."), "RETREAT")
    assert (e.mode, e.ceasefire, e.actor) == ("ceasefire", "in-force", ())
    e = one(code(nlp, "Moscou a rejeté les appels au cessez-le-feu."), "REJECT")
    assert (e.mode, e.ceasefire) == ("yield", "rejected")
    assert codes(e.actor) == {"RUS"}


def test_accusing_a_violation_is_accuse_the_violation_is_assault(nlp) -> None:
    evs = code(nlp, "Ankara a accusé Damas de violer la trêve.")
    e = one(evs, "ACCUSE")
    assert (e.mode, e.ceasefire) == ("allege", "violated")
    assert codes(e.actor) == {"TUR"} and codes(e.recipient) == {"SYR"}
    assert not [x for x in evs if x.event == "ASSAULT"]
    e = one(code(nlp, "Les forces syriennes ont violé le cessez-le-feu mardi."), "ASSAULT")
    assert e.ceasefire == "violated"


def test_passive_agent_and_group_actor(nlp) -> None:
    e = one(code(nlp, "Trois militants ont été arrêtés par la police égyptienne."), "COERCE")
    assert e.mode == "arrest"
    assert [(a.code, a.sector) for a in e.actor] == [("EGY", "COP")]
    assert [a.canonical for a in e.recipient] == ["militants"]


def test_reported_speech_codes_only_what_is_an_act(nlp) -> None:
    assert code(nlp, "Le ministre a déclaré que la situation était difficile.") == []
    e = one(code(nlp, "Le porte-parole a indiqué que l'Allemagne rejetait cette proposition."), "REJECT")
    assert codes(e.actor) == {"DEU"}


def test_quotation_speaker_is_the_actor(nlp) -> None:
    e = one(
        code(nlp, "« Nous exigeons un cessez-le-feu », a déclaré le ministre turc des Affaires étrangères."),
        "REQUEST",
    )
    assert codes(e.actor) == {"TUR"}


def test_negation_future_hypothetical(nlp) -> None:
    e = one(code(nlp, "La France n'a pas condamné l'attaque."), "ACCUSE")
    assert e.negated and "negation" in e.context
    e = one(code(nlp, "La Turquie ne reconnaît pas le nouveau gouvernement."), "REJECT")
    assert not e.negated, "a refusal to recognise is a rejection, not a negated support"
    e = one(code(nlp, "Le président russe rencontrera son homologue turc jeudi."), "CONSULT")
    assert e.future and not e.hypothetical
    e = one(code(nlp, "La Turquie pourrait rencontrer l'Iran."), "CONSULT")
    assert e.hypothetical


def test_host_and_visitor(nlp) -> None:
    e = one(
        code(nlp, "Le ministre russe Sergueï Ivanov a reçu à Moscou le chef de la diplomatie turque."),
        "CONSULT",
    )
    assert e.mode == "visit"
    assert codes(e.actor) == {"TUR"} and codes(e.recipient) == {"RUS"}


def test_statement_of_opinion_is_not_an_event(nlp) -> None:
    assert code(nlp, "Le chancelier estime que la crise sera longue.") == []
    assert code(nlp, "Le temps était beau sur la côte ce week-end.") == []


def test_offsets_date_and_provenance(nlp) -> None:
    text = "Le Royaume-Uni a appelé mardi la Russie à retirer ses troupes."
    art = article(text)
    (e,) = [x for x in code(nlp, text) if x.event == "REQUEST"]
    assert art.body[e.start : e.end] == e.text
    assert art.body[e.trigger_start : e.trigger_end] == e.event_text
    assert e.start <= e.trigger_start < e.trigger_end <= e.end
    assert e.rule and 0 < e.confidence < 1 and e.quad == 3
    assert e.date.value and e.date.rule in ("timex-attached", "timex-clause", "publication")
    (p,) = [x for x in code(nlp, text, timexes=False) if x.event == "REQUEST"]
    assert (p.date.value, p.date.precision, p.date.rule) == ("2020-03-10", "day", "publication")


def test_timex_attached_to_the_trigger_dates_the_event(nlp) -> None:
    pytest.importorskip("chronique.time.tagger")
    e = one(
        code(nlp, "Le Royaume-Uni a appelé mardi la Russie à retirer ses troupes.", pub="2020-03-13"),
        "REQUEST",
    )
    assert (e.date.value, e.date.rule, e.date.timex) == ("2020-03-10", "timex-attached", "mardi")
