"""The ceasefire tracker groups ceasefire events by place and orders them by date."""

from __future__ import annotations

from chronique.events.ceasefire import NO_PLACE, track
from chronique.events.model import Actor, Event, EventDate, Place
from chronique.store.events import Cite, StoredEvent

ALEP = Place("Alep", "Alep", "SYR", "GEO:1")


def _se(stage: str, date: str, place: Place | None, etype: str = "REQUEST") -> StoredEvent:
    e = Event(
        "a",
        0,
        0,
        10,
        etype,
        "",
        (Actor("x", "France", "FRA", "GOV"),),
        (),
        place,
        EventDate(date, "day", "publication"),
        "t",
        0,
        1,
        "texte",
        ceasefire=stage,
    )
    return StoredEvent(e, Cite("a", "rec-1", "f.jsonl", "", "", "fr", "", 0, 10))


def test_tracks_by_place_in_date_order() -> None:
    events = [
        _se("in-force", "2016-02-27", ALEP, "RETREAT"),
        _se("called-for", "2016-02-20", ALEP),
        _se("declared", "", ALEP, "CONCEDE"),
        _se("agreed", "2016-02-12", None, "AGREE"),
        _se("", "2016-02-12", ALEP, "CONSULT"),  # not a ceasefire event
    ]
    tracks = track(events)
    assert [t.place for t in tracks] == ["Alep", NO_PLACE]
    assert tracks[0].stages == ["called-for", "in-force", "declared"]  # unknown dates last
    assert tracks[0].steps[0].actors == ("France (FRA)",)
    assert tracks[0].to_dict()["steps"][0]["cite_info"]["source_id"] == "rec-1"


def test_place_filter_matches_name_and_country() -> None:
    events = [
        _se("called-for", "2016-02-20", ALEP),
        _se("agreed", "2016-02-12", Place("Idleb", "Idlib", "SYR", "GEO:2")),
    ]
    assert [t.place for t in track(events, "idleb")] == ["Idlib"]
    assert len(track(events, "SYR")) == 2
    assert track(events, "Kaboul") == []
