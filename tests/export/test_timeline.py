"""chronique.export.timeline: text, JSON, Markdown, Timeline17 and TimelineJS from a hand-built chronology."""

from __future__ import annotations

import json
from datetime import date

import pytest

from chronique.export import timeline as export
from chronique.stages.timeline import Period
from chronique.timeline.model import ArticleRef, Entry, EventRef, Line, SourceRef, Timeline, TimelineQuery

MUNICH = Period(date(2016, 2, 11), date(2016, 2, 12), "interval", "2016-02-11/2016-02-12")
W51 = Period(date(2019, 12, 16), date(2019, 12, 22), "week", "2019-W51")
AUG = Period(date(2019, 8, 1), date(2019, 8, 31), "month", "2019-08")
DAY = Period.of_day(date(2019, 12, 24))


def _tl() -> Timeline:
    src = SourceRef("a1", "seeds/001.txt", "AFP", 10, 60, 3, "Avant.", "Après.")
    copy = SourceRef("a2", "rec-42", "Le Point", 0, 50, 0)
    line = Line(
        "Les ministres ont conclu l'accord de Munich des 11-12 février.",
        "mention",
        0.9,
        (src, copy),
        "11-12 février",
        ("Munich",),
    )
    ev = EventRef("AGREE", "", "conclu", ("Kerry", "Lavrov"), (), "Munich", "2016-02-11", "a1", 10, 60)
    entries = (
        Entry(MUNICH, (line,), 1.0, 2, (ev,)),
        Entry(
            AUG,
            (Line("Un cessez-le-feu *annoncé* en août.", "mention", 0.5, (src,), "août", ("Idleb",)),),
            0.1,
            1,
        ),
        Entry(
            W51,
            (
                Line(
                    "La Russie a opposé son veto la semaine dernière.",
                    "mention",
                    0.5,
                    (src,),
                    "la semaine dernière",
                ),
            ),
            0.1,
            1,
        ),
        Entry(DAY, (Line("Ankara a annoncé des pourparlers.", "published", 0.3, (copy,)),), 0.1, 1),
    )
    arts = {
        "a1": ArticleRef("a1", "seeds/001.txt", "Kerry plaide", "AFP", "", "2016-02-20"),
        "a2": ArticleRef(
            "a2", "rec-42", "Une copie", "Le Point", "AFP", "2016-02-20", "https://example.org/x", "a1"
        ),
    }
    return Timeline(
        entries, TimelineQuery(about="Munich"), "Munich", arts, {"articles": 2, "sources": 1}, {"n_dates": 4}
    )


def test_labels_in_words() -> None:
    assert export.label(DAY) == "mardi 24 décembre 2019"
    assert export.label(MUNICH) == "11-12 février 2016"
    assert export.label(W51) == "semaine du 16 au 22 décembre 2019"
    assert export.label(AUG) == "août 2019"
    assert export.label(Period.of_day(date(2016, 12, 1))) == "jeudi 1er décembre 2016"
    assert (
        export.label(Period(date(2022, 3, 30), date(2022, 4, 2), "interval", "x")) == "30 mars – 2 avril 2022"
    )
    assert export.label(AUG, "en") == "August 2019"


def test_text_shows_dates_lines_and_sources_as_outlet_and_id() -> None:
    text = export.to_text(_tl())
    assert text.startswith("Chronologie — Munich\n2 articles · 1 sources indépendantes · 4 dates")
    assert "2016-02-11/2016-02-12  11-12 février 2016  (2 sources)" in text
    assert "[AFP, seeds/001.txt] [Le Point, rec-42]" in text
    assert "◦ AGREE «conclu» Kerry, Lavrov (Munich)" in text
    assert export.to_text(Timeline((), TimelineQuery())).count("Aucune date") == 1


def test_json_is_the_twin_of_everything() -> None:
    d = json.loads(export.to_json(_tl()))
    e0 = d["entries"][0]
    assert (e0["date"], e0["precision"], e0["begin"], e0["end"], e0["label"]) == (
        "2016-02-11/2016-02-12",
        "interval",
        "2016-02-11",
        "2016-02-12",
        "11-12 février 2016",
    )
    s0 = e0["lines"][0]["sources"][0]
    assert (s0["article_id"], s0["source_id"], s0["start"], s0["end"], s0["sentence"]) == (
        "a1",
        "seeds/001.txt",
        10,
        60,
        3,
    )
    assert e0["lines"][0]["date_text"] == "11-12 février" and e0["events"][0]["type"] == "AGREE"
    assert d["articles"]["a2"]["group"] == "a1" and d["query"]["about"] == "Munich"


def test_markdown_has_a_section_per_date_and_sources_as_sub_bullets() -> None:
    md = export.to_markdown(_tl())
    assert "## 11-12 février 2016" in md and "## semaine du 16 au 22 décembre 2019" in md
    assert "  - AFP — *Kerry plaide* (`seeds/001.txt`, article `a1`, caractères 10–60)" in md
    assert r"Un cessez-le-feu \*annoncé\* en août." in md  # Markdown characters escaped


def test_t17_writes_periods_under_their_first_day() -> None:
    lines = export.to_t17(_tl()).splitlines()
    assert lines[0] == "2016-02-11" and lines[2] == "-" * 32
    assert [ln for ln in lines if ln[:4].isdigit() and ln[4] == "-"] == [
        "2016-02-11",
        "2019-08-01",
        "2019-12-16",
        "2019-12-24",
    ]


def test_timelinejs_slides() -> None:
    d = export.to_timelinejs(_tl())
    assert d["title"]["text"]["headline"] == "Chronologie — Munich"
    munich, aug, w51, day = d["events"]
    assert munich["start_date"] == {"year": 2016, "month": 2, "day": 11}
    assert munich["end_date"] == {"year": 2016, "month": 2, "day": 12}
    assert aug["start_date"] == {"year": 2019, "month": 8} and "end_date" not in aug
    assert w51["end_date"] == {"year": 2019, "month": 12, "day": 22}
    assert "end_date" not in day and day["display_date"] == "mardi 24 décembre 2019"
    assert "Le Point — Une copie (rec-42)" in munich["text"]["text"]
    assert len({e["unique_id"] for e in d["events"]}) == 4


def test_render_dispatches_and_refuses_unknown_formats() -> None:
    for fmt in export.FORMATS:
        assert export.render(_tl(), fmt)
    with pytest.raises(ValueError, match="unknown chronology format"):
        export.render(_tl(), "pdf")
