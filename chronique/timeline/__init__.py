"""Chronologies from the store: the product's main output.

:func:`build_timeline` selects the articles of a story or a query, reads their dated sentences
back from the store (annotation sentences, stored timexes, publication dates, wire-copy groups),
asks the generator (:func:`chronique.stages.timeline.timeline`) for the key dates and their
lines, and adds what only the store knows: the input's ids, the sentences around each line, the
entities each line names and the events of each date. Renderers are in
:mod:`chronique.export.timeline` (text, JSON, Markdown, Timeline17, TimelineJS) and
:mod:`chronique.export.timeline_html` (one self-contained page).

>>> from chronique.store import Store
>>> from chronique.timeline import TimelineQuery, build_timeline
>>> with Store("out/demo.db", readonly=True) as store:  # doctest: +SKIP
...     tl = build_timeline(store, TimelineQuery(about="Korvassa"))
"""

from __future__ import annotations

from chronique.timeline.build import COMPONENT, build_timeline
from chronique.timeline.model import (
    ArticleRef,
    Entry,
    EventRef,
    Line,
    QueryError,
    SourceRef,
    Timeline,
    TimelineQuery,
)

__all__ = [
    "COMPONENT",
    "ArticleRef",
    "Entry",
    "EventRef",
    "Line",
    "QueryError",
    "SourceRef",
    "Timeline",
    "TimelineQuery",
    "build_timeline",
]
