"""Wire copies of one event: the same event read in the same sentence of several articles (a
dispatch republished by several outlets) is one event citing every article.

Pure functions over stored events; the exports and the ceasefire tracker use them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from chronique.events.model import Actor, Event
from chronique.store.events import Cite, StoredEvent


def copy_key(e: Event) -> tuple[Any, ...]:
    """What makes two coded events one event read twice: the same sentence (normalised as the
    dedupe stage compares sentences), the same trigger in it, the same type, mode, actors,
    recipients, date and flags. Wire copies of a dispatch give the same key; two reports of one
    event in different words do not (that is the stories' business, not the export's)."""
    from chronique.stages.dedupe import sentence_key

    def who(actors: Sequence[Actor]) -> tuple[tuple[str, str], ...]:
        return tuple(sorted((a.canonical, a.code) for a in actors))

    return (
        sentence_key(e.text),
        e.trigger_start - e.start,
        e.event,
        e.mode,
        who(e.actor),
        who(e.recipient),
        e.date.value,
        e.negated,
        e.future,
        e.hypothetical,
    )


def merge_copies(items: Iterable[StoredEvent]) -> list[StoredEvent]:
    """One record per event however many copies of its dispatch the store holds: the first one
    read (store order) with the others as ``copies``, in the order of the first."""
    first: dict[tuple[Any, ...], int] = {}
    out: list[StoredEvent] = []
    extra: dict[int, list[Cite]] = {}
    for se in items:
        key = copy_key(se.event)
        at = first.get(key)
        if at is None:
            first[key] = len(out)
            out.append(se)
        else:
            extra.setdefault(at, []).append(se.cite)
    return [replace(se, copies=se.copies + tuple(extra[i])) if i in extra else se for i, se in enumerate(out)]
