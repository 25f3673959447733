"""The French event data parses, names only PLOVER types, and every topic a rule or a mode uses exists."""

from __future__ import annotations

from chronique import lang
from chronique.events.lexicon import load
from chronique.events.model import EVENT_TYPES


def test_french_event_data_loads() -> None:
    lex = load("fr")
    assert len(lex.verbs) > 100 and len(lex.nouns) > 30 and lex.light_verbs
    assert set(lex.stages) >= {
        "called-for",
        "agreed",
        "declared",
        "in-force",
        "violated",
        "rejected",
        "collapsed",
    }


def test_rules_use_known_types_topics_and_slots() -> None:
    lex = load("fr")
    topics = set(lex.topics)
    for rules in lex.verbs.values():
        for r in rules:
            assert r.event in EVENT_TYPES
            assert set(r.topic) | set(r.not_topic) | set(r.object_topic) <= topics, r
            assert {k for k, _ in r.if_topic} <= topics, r
            assert r.negated_as in (None, "", *EVENT_TYPES), r
            assert r.actor in ("subj", "obj", "participants"), r
            assert r.object in ("", "actor", "thing", "none", "any"), r
            assert not r.stage or r.stage in lex.stages, r
    for n in lex.nouns.values():
        assert n.event in EVENT_TYPES and n.de in ("", "actor", "recipient", "object")
    for lvs in lex.light_verbs.values():
        for lv in lvs:
            assert lv.role in ("actor", "recipient", "none", "place", "subject", "object") and set(
                lv.only
            ) <= set(EVENT_TYPES)
    for etype, table in lex.modes.items():
        assert etype in EVENT_TYPES
        for _mode, keys in table:
            assert all(k[1:] in topics for k in keys if k.startswith("@")), (etype, keys)
    for se in lex.subject_events:
        assert se.stage in lex.stages and se.event in EVENT_TYPES


def test_actor_tables_are_iso_codes() -> None:
    data = lang.load("fr", "events_actors.yaml")
    for iso in data["countries"]:
        assert len(iso) == 3 and iso.isupper()
    for s in data["seats"]:
        assert len(s["country"]) == 3


def test_critical_verbs_accuse() -> None:
    lex = load("fr")
    assert {"dénoncer", "fustiger", "insurger", "indigner", "accuser"} <= lex.critics
    for lemma in lex.critics:
        assert all(r.event == "ACCUSE" for r in lex.verbs[lemma] if r.reports), lemma
        # a reporting verb accuses only when what it reports is scorn
        if lemma in lex.reporting:
            assert all(r.topic == ("scorn",) for r in lex.verbs[lemma] if r.reports), lemma
