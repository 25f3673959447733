"""Events through the store and out: batched writes, queries, events_on, jsonl / csv / parquet / table."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest

from chronique.events.model import Actor, Event, EventDate, Place
from chronique.export import events as export
from chronique.models import RawDocument
from chronique.settings import Settings
from chronique.stages.clean import clean
from chronique.store import Store
from chronique.store import events as store_events

TEXT = "Titre de la dépêche\n\nLa France a appelé la Turquie à un cessez-le-feu à Alep. Le temps était beau."


def _event(art_id: str, body: str) -> Event:
    s = body.index("La France")
    end = body.index(".", s) + 1
    t = body.index("appelé")
    return Event(
        art_id,
        0,
        s,
        end,
        "REQUEST",
        "yield",
        (Actor("La France", "France", "FRA", "GOV", s, s + 9, "entities"),),
        (Actor("la Turquie", "Turquie", "TUR", "GOV"),),
        Place("Alep", "Alep", "SYR", "GEO:170063"),
        EventDate("2016-05-03", "day", "timex-attached", "mardi"),
        "appelé",
        t,
        t + 6,
        body[s:end],
        confidence=0.8,
        ceasefire="called-for",
        rule="appeler:REQUEST",
    )


@pytest.fixture
def store(tmp_path: Path):
    art = clean(
        RawDocument("in.jsonl", "rec-7", "jsonl", TEXT, meta={"url": "https://example.org/a"}), Settings()
    )
    with Store(tmp_path / "s.db") as st:
        run = st.start_run("test", [], {}, {})
        st.write_batch(run, [art], {}, [], [])
        n = store_events.write(st, run, "chronique.events.v1", [(art.id, [_event(art.id, art.body)])])
        assert n == 1
        yield st, art


def test_write_replaces_and_query_cites(store) -> None:
    st, art = store
    store_events.write(
        st, 1, "chronique.events.v1", [(art.id, [_event(art.id, art.body)])]
    )  # again: replaced
    (se,) = list(store_events.query(st))
    assert se.event == _event(art.id, art.body)
    assert se.cite.source_id == "rec-7" and se.cite.url == "https://example.org/a"
    assert art.body[se.cite.sentence_start : se.cite.sentence_end] == se.event.text
    assert st.db.execute("SELECT events FROM event_articles").fetchone()[0] == 1
    assert store_events.events_on(st, "2016-05-03") and not store_events.events_on(st, "2016-05-04")
    assert store_events.counts(st) == {"REQUEST": 1}


def test_about_filter(store) -> None:
    st, _ = store
    assert len(export.records(st, about="cessez-le-feu Turquie")) == 1
    assert export.records(st, about="Kaboul") == []


def test_jsonl_and_csv_use_plover_names(store) -> None:
    st, _ = store
    (d,) = [json.loads(x) for x in export.dumps(export.records(st), "jsonl").splitlines()]
    for key in (
        "event",
        "mode",
        "context",
        "actor",
        "recipient",
        "event_loc",
        "date",
        "date_precision",
        "event_text",
        "text",
        "negated",
        "future",
        "hypothetical",
        "quad",
        "confidence",
        "cite_info",
    ):
        assert key in d
    assert d["actor"] == [{"entity_text": "La France", "canonical": "France", "code": "FRA", "sector": "GOV"}]
    assert d["cite_info"]["source_id"] == "rec-7" and d["quad"] == 3
    rows = list(csv.DictReader(io.StringIO(export.dumps(export.records(st), "csv"))))
    assert rows[0]["event"] == "REQUEST" and json.loads(rows[0]["recipient"])[0]["code"] == "TUR"
    assert "REQUEST/yield" in export.table(export.records(st))


def test_parquet(store, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    st, _ = store
    out = tmp_path / "e.parquet"
    assert export.write_parquet(export.records(st), out) == 1
    t = pq.read_table(out).to_pylist()
    assert t[0]["actor"][0]["code"] == "FRA" and t[0]["cite_info"]["source_id"] == "rec-7"


def test_articles_are_coded_again_when_the_entities_stage_changed(store) -> None:
    st, art = store
    with st.db:
        st.db.execute("INSERT INTO annotations VALUES (?, 'ann', 1, 1, x'00', 1)", (art.id,))
        st.db.execute(
            "INSERT INTO mention_articles VALUES (?, 'chronique.entities.v2', 'ann', 0, 1)", (art.id,)
        )
    # coded without knowing which mentions: coded again once, then current
    assert store_events.uncoded(st, "chronique.events.v1") == [art.id]
    store_events.write(st, 1, "chronique.events.v1", [(art.id, [])], {art.id: "chronique.entities.v2"})
    assert store_events.uncoded(st, "chronique.events.v1") == []
    assert store_events.mention_components(st, [art.id]) == {art.id: "chronique.entities.v2"}
    with st.db:  # an upgrade of the entities stage
        st.db.execute("UPDATE mention_articles SET component = 'chronique.entities.v3'")
    assert store_events.uncoded(st, "chronique.events.v1") == [art.id]
    assert store_events.uncoded(st, "chronique.events.v0") == [art.id]


def test_copies_of_a_dispatch_are_one_event_citing_every_article(store) -> None:
    st, _ = store
    # the same dispatch republished by another outlet, with its own headline and a last line of its own
    copy = clean(
        RawDocument(
            "in.jsonl",
            "rec-8",
            "jsonl",
            "Un autre titre\n\n" + TEXT.split("\n\n", 1)[1] + "\n\nLire aussi notre dossier.",
            meta={"url": "https://example.net/b"},
        ),
        Settings(),
    )
    st.write_batch(1, [copy], {}, [], [])
    other = _event(copy.id, copy.body)
    # and one more event of the second article, of another type, in the same sentence
    different = replace(other, event="CONSULT")
    store_events.write(st, 1, "chronique.events.v1", [(copy.id, [other, different])])
    merged = export.records(st)
    assert [se.event.event for se in merged] == ["REQUEST", "CONSULT"]
    first = merged[0]
    assert first.cite.source_id == "rec-7" and [c.source_id for c in first.copies] == ["rec-8"]
    d = json.loads(export.dumps([first], "jsonl"))
    assert d["n_articles"] == 2 and d["copies"][0]["url"] == "https://example.net/b"
    assert copy.body[d["copies"][0]["sentence_start"] : d["copies"][0]["sentence_end"]] == first.event.text
    assert "(+1 copies)" in export.table(merged)
    # the ceasefire tracker too: one step, citing both articles
    from chronique.events.ceasefire import ceasefires

    (tr,) = ceasefires(st)
    assert [(x.event, x.to_dict()["n_articles"]) for x in tr.steps] == [("REQUEST", 2), ("CONSULT", 1)]
    assert "(+1 copies)" in export.ceasefire_table([tr])
    kept = export.records(st, copies="keep")
    assert len(kept) == 3 and all(se.copies == () for se in kept)
    # a copy whose sentence was dated otherwise (another publication day) is another event
    later = replace(other, date=EventDate("2016-05-04", "day", "timex-attached", "mardi"))
    store_events.write(st, 1, "chronique.events.v1", [(copy.id, [later])])
    assert len(export.records(st)) == 2 and all(se.copies == () for se in export.records(st))
