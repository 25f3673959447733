"""chronique.timeline.build_timeline on the demo store: selection, faithfulness, provenance, events."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from chronique.store import Store
from chronique.timeline import QueryError, Timeline, TimelineQuery, build_timeline

pytestmark = pytest.mark.model


def _build(db: Path, **kw: object) -> Timeline:
    with Store(db, readonly=True) as store:
        return build_timeline(store, TimelineQuery(**kw))  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def demo_tl(demo_db: Path) -> Timeline:
    return _build(demo_db)


def test_every_line_is_faithful_to_its_date_and_sourced(demo_db: Path, demo_tl: Timeline) -> None:
    assert demo_tl.entries
    with Store(demo_db, readonly=True) as store:
        bodies = {a.id: a.body for a in store.articles()}
    for e in demo_tl.entries:
        assert 1 <= len(e.lines) <= 2
        for ln in e.lines:
            first = ln.sources[0]
            sentence = bodies[first.article_id][first.start : first.end]
            assert " ".join(sentence.split()) == ln.text  # offsets point at the line in the cleaned body
            assert first.source_id and first.outlet and first.sentence >= 0
            art = demo_tl.articles[first.article_id]
            assert art.source_id == first.source_id
            if ln.evidence == "mention":  # the sentence names the date it goes under
                assert ln.date_text and ln.date_text in sentence, (e.period.value, ln.text)
            else:  # a lead sentence of an article published that day
                assert ln.evidence == "published" and art.pub_date == e.period.value
                assert first.sentence < 5


def test_entries_are_in_date_order_with_the_number_chosen_from_the_data(demo_tl: Timeline) -> None:
    begins = [(e.period.begin, e.period.end) for e in demo_tl.entries]
    assert begins == sorted(begins)
    assert demo_tl.params["n_dates_rule"].startswith("12 + 8")
    assert len(demo_tl.entries) == demo_tl.params["n_dates"] == 41  # 36 independent sources
    assert demo_tl.stats["sources"] == 36
    precisions = {e.period.precision for e in demo_tl.entries}
    assert {"day", "interval", "month"} <= precisions


def test_wire_copies_are_one_source_listing_every_copy(demo_tl: Timeline) -> None:
    (jan19,) = [e for e in demo_tl.entries if e.period.value == "2023-01-19"]
    copied = [ln for ln in jan19.lines if len(ln.sources) == 3]
    assert copied, [len(ln.sources) for ln in jan19.lines]
    assert len({s.article_id for s in copied[0].sources}) == 3
    assert len({s.source_id for s in copied[0].sources}) == 3


def test_span_dates_and_lines(demo_db: Path) -> None:
    tl = _build(demo_db, start=date(2023, 1, 1), end=date(2023, 12, 31), n_dates=5, per_date=1)
    assert len(tl.entries) == 5 and tl.params["n_dates_rule"] == "given"
    assert all(date(2023, 1, 1) <= e.period.begin and e.period.end <= date(2023, 12, 31) for e in tl.entries)
    assert all(len(e.lines) == 1 for e in tl.entries)
    assert tl.stats["articles_before_span"] > 0  # published long before --from: not read


def test_story(demo_db: Path) -> None:
    with Store(demo_db, readonly=True) as store:
        story_id, size = store.db.execute(
            "SELECT id, size FROM stories ORDER BY size DESC, id LIMIT 1"
        ).fetchone()
    tl = _build(demo_db, story=story_id)
    assert tl.stats["articles"] == size and tl.stats["story"]["id"] == story_id
    assert tl.title == tl.stats["story"]["label"]


def test_about_keeps_only_what_speaks_of_it(demo_full_db: Path) -> None:
    tl = _build(demo_full_db, about="Tazonne")
    assert tl.entries and tl.title == "Tazonne"
    assert tl.stats["entities_from"] == "entities"
    about = tl.stats["about"]
    assert about["entities"] and about["articles"] < 38
    for e in tl.entries:
        for ln in e.lines:
            assert "Tazonne" in ln.entities or "tazonne" in ln.text.lower() or ln.sources[0].sentence < 5


def test_events_of_each_date_come_from_its_articles(demo_full_db: Path) -> None:
    tl = _build(demo_full_db)
    assert tl.stats["events"] == "events_on"
    with_events = [e for e in tl.entries if e.events]
    assert with_events
    for e in with_events:
        for ev in e.events:
            assert ev.article_id in tl.articles
            assert (
                ev.date[:10] in {e.period.value[:10], e.period.begin.isoformat()}
                or e.period.precision != "day"
            )
    assert not any(e.events for e in _build(demo_full_db, events=False).entries)


def test_lines_name_canonical_entities_or_else_the_models(demo_full_db: Path, tmp_path: Path) -> None:
    tl = _build(demo_full_db)
    assert tl.stats["entities_from"] == "entities"
    lines = [ln for e in tl.entries for ln in e.lines]
    assert sum(bool(ln.entities) for ln in lines) > len(lines) / 2
    names = {n for ln in lines for n in ln.entities}
    assert "Front uni de libération du Nord" in names and "FULN" not in names  # one canonical name
    assert not any("pays non précisé" in n for n in names)  # collective actors are no filter
    # without the entities stage's tables: the annotation's named entities, as written
    bare = tmp_path / "bare.db"
    with sqlite3.connect(demo_full_db) as src, sqlite3.connect(bare) as dst:
        src.backup(dst)
        dst.execute("DELETE FROM mentions")
    tl = _build(bare)
    assert tl.stats["entities_from"] == "annotation"
    assert "FULN" in {n for e in tl.entries for ln in e.lines for n in ln.entities}


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"start": date(2024, 1, 1), "end": date(2023, 1, 1)}, "swap"),
        ({"n_dates": 0}, "--dates"),
        ({"per_date": 0}, "--per-date"),
        ({"about": "  "}, "--about"),
        ({"story": 999999}, "no story #999999"),
        ({"about": "-Korvassa"}, "excluded"),
    ],
)
def test_bad_queries_say_what_to_do(demo_db: Path, kw: dict[str, object], message: str) -> None:
    with pytest.raises(QueryError, match=message):
        _build(demo_db, **kw)


def test_a_query_that_finds_nothing_gives_an_empty_chronology(demo_db: Path) -> None:
    tl = _build(demo_db, about="zzzquux")
    assert tl.entries == () and tl.stats["articles"] == 0
