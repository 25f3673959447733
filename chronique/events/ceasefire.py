"""The ceasefire tracker: place by place, the life of ceasefires as the coded events tell it.

Each event the coder marked with a ceasefire stage (``called-for``, ``negotiated``, ``agreed``,
``declared``, ``in-force``, ``violated``, ``rejected``, ``collapsed``; see the decision table in
``docs/events.md``) becomes a step; steps are grouped by the event's place (the place the entities
stage resolved, else the place named in the sentence) and ordered by date.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from chronique.events.names import fold
from chronique.store import Store
from chronique.store import events as store_events
from chronique.store.events import StoredEvent

#: The group of events whose place the sentence does not say.
NO_PLACE = "(no place named)"


@dataclass(frozen=True, slots=True)
class Step:
    stage: str
    date: str
    precision: str
    date_rule: str
    event: str
    mode: str
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    trigger: str
    text: str
    confidence: float
    flags: tuple[str, ...]
    cite: dict[str, Any]
    copies: tuple[dict[str, Any], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "stage": self.stage,
            "date": self.date,
            "date_precision": self.precision,
            "date_rule": self.date_rule,
            "event": self.event,
            "mode": self.mode,
            "actor": list(self.actors),
            "recipient": list(self.recipients),
            "event_text": self.trigger,
            "text": self.text,
            "confidence": self.confidence,
            "context": list(self.flags),
            "cite_info": self.cite,
            "n_articles": 1 + len(self.copies),
            "copies": list(self.copies),
        }


@dataclass
class Track:
    """The ceasefire events of one place, in date order."""

    place: str
    country: str = ""
    key: str = ""
    steps: list[Step] = field(default_factory=list)

    @property
    def stages(self) -> list[str]:
        return [s.stage for s in self.steps]

    def to_dict(self) -> dict[str, Any]:
        return {
            "place": self.place,
            "country": self.country,
            "key": self.key,
            "steps": [s.to_dict() for s in self.steps],
        }


def _name(actor: Any) -> str:
    return (
        f"{actor.canonical} ({actor.code})"
        if actor.code and actor.code not in actor.canonical
        else actor.canonical
    )


def track(events: Iterable[StoredEvent], place: str | None = None) -> list[Track]:
    """Group ceasefire events by place; ``place`` keeps the places whose name, key or country match."""
    tracks: dict[str, Track] = {}
    for se in events:
        e = se.event
        if not e.ceasefire:
            continue
        loc = e.event_loc
        key = (loc.key or fold(loc.canonical)) if loc else ""
        name = loc.canonical if loc else NO_PLACE
        if place is not None:
            wanted = fold(place)
            hay = [
                fold(name),
                fold(loc.text) if loc else "",
                (loc.country or "").lower() if loc else "",
                key.lower(),
            ]
            if not any(wanted and wanted in h for h in hay):
                continue
        tr = tracks.setdefault(key or NO_PLACE, Track(name, loc.country if loc else "", key))
        tr.steps.append(
            Step(
                e.ceasefire,
                e.date.value,
                e.date.precision,
                e.date.rule,
                e.event,
                e.mode,
                tuple(_name(a) for a in e.actor),
                tuple(_name(a) for a in e.recipient),
                e.event_text,
                e.text,
                e.confidence,
                e.context,
                se.cite.to_dict(),
                tuple(c.to_dict() for c in se.copies),
            )
        )
    out = list(tracks.values())
    for tr in out:
        tr.steps.sort(key=lambda s: (s.date == "", s.date))
    out.sort(key=lambda tr: (tr.place == NO_PLACE, -len(tr.steps), tr.place))
    return out


def ceasefires(store: Store, place: str | None = None) -> list[Track]:
    """The ceasefire tracks of a store (library function behind ``chronique ceasefires``); the same
    event in wire copies of a dispatch is one step citing every article."""
    from chronique.events.copies import merge_copies

    return track(merge_copies(store_events.query(store, ceasefire=True)), place)
