"""Build a chronology from the store: select, read the dated sentences, generate, add provenance.

1. **Select** the articles: a story's (``--story``), those an ``--about`` query finds
   (:mod:`chronique.timeline.about`), those given by id, or every stored article (several of these:
   the articles they all select); with ``--from``, articles published
   more than :data:`ANNOUNCE_DAYS` before it are left out (an article can name a date ahead of
   time, but not years ahead).
2. **Read** their dated sentences (:mod:`chronique.timeline.corpus`); with ``--about``, keep the
   sentences the query's rule keeps.
3. **Generate**: :func:`chronique.stages.timeline.timeline` picks the key dates (days, weeks,
   months, short intervals) and the lines of each.
4. **Add provenance**: for every line its sources with the input's ids and the sentences around
   them, the entities it names, and the events of each date (:mod:`chronique.timeline.enrich`).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from chronique.stages import timeline as stage
from chronique.store import Store
from chronique.timeline import about as about_mod
from chronique.timeline.corpus import Corpus, has_table, load
from chronique.timeline.enrich import EntityIndex, events_for, events_hook, source_ref
from chronique.timeline.model import ArticleRef, Entry, Line, QueryError, Timeline, TimelineQuery

log = logging.getLogger(__name__)

COMPONENT = "chronique.timeline.v1"
#: An article published this many days or more before ``--from`` is not read for a chronology that
#: starts then: announcements name dates days or weeks ahead, rarely more than a month.
ANNOUNCE_DAYS = 31


@dataclass
class Selection:
    ids: list[str]
    title: str = ""
    story: dict[str, Any] | None = None
    about: about_mod.About | None = None
    dropped_before: int = 0  # articles published long before --from
    notes: list[str] = field(default_factory=list)


def select(store: Store, query: TimelineQuery) -> Selection:
    """The articles of the chronology, in store order (see step 1 of the module docstring)."""
    sel = Selection(ids=[r[0] for r in store.db.execute("SELECT id FROM articles ORDER BY rowid")])
    titles = []
    if query.article_ids is not None:
        given = set(query.article_ids)
        sel.ids = [i for i in sel.ids if i in given]
    if query.story is not None:
        if not (has_table(store, "stories") and has_table(store, "story_articles")):
            raise QueryError(
                f"{store.path} has no stories: run `chronique stories --refresh --db {store.path}`"
            )
        row = store.db.execute("SELECT id, label, size FROM stories WHERE id=?", (query.story,)).fetchone()
        if row is None:
            raise QueryError(f"no story #{query.story} in {store.path}: list them with `chronique stories`")
        sel.story = {"id": row["id"], "label": row["label"], "size": row["size"]}
        members = {
            r[0]
            for r in store.db.execute(
                "SELECT article_id FROM story_articles WHERE story_id=?", (query.story,)
            )
        }
        sel.ids = [i for i in sel.ids if i in members]
        titles.append(row["label"] or f"#{query.story}")
    if query.about:
        sel.about = about_mod.resolve(store, query.about, query.lang)
        found = set(sel.about.articles)
        sel.ids = [i for i in sel.ids if i in found]
        titles.append(query.about.strip())
    if query.start is not None and has_table(store, "pubdates"):
        limit = (query.start - timedelta(days=ANNOUNCE_DAYS)).isoformat()
        early = {
            r[0]
            for r in store.db.execute(
                "SELECT article_id FROM pubdates WHERE precision = 'day' AND substr(value, 1, 10) < ?",
                (limit,),
            )
        }
        before = len(sel.ids)
        sel.ids = [i for i in sel.ids if i not in early]
        sel.dropped_before = before - len(sel.ids)
    sel.title = " — ".join(titles)
    return sel


def build_timeline(store: Store, query: TimelineQuery) -> Timeline:
    """The chronology ``query`` asks for, from the articles stored in ``store``."""
    query.check()
    seconds: dict[str, float] = {}
    t0 = t = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal t
        now = time.perf_counter()
        seconds[name] = round(now - t, 4)
        t = now

    sel = select(store, query)
    lap("select")
    corpus = load(store, sel.ids, lang=query.lang)
    if sel.about:
        terms = about_mod.stored_terms(store, sel.ids) if sel.about.plan else {}
        sentences = about_mod.keep(sel.about, corpus, query.lang, terms)
    else:
        sentences = corpus.sentences
    lap("read")
    raw = stage.timeline(
        sentences,
        n_dates=query.n_dates,
        per_date=query.per_date,
        start=query.start,
        end=query.end,
        lang=query.lang,
    )
    lap("generate")
    entries, articles, index, events_state = _provenance(store, query, corpus, sentences, raw)
    lap("provenance")
    seconds["total"] = round(time.perf_counter() - t0, 4)
    stats: dict[str, Any] = {
        "articles": len(sel.ids),
        "sentences": len(sentences),
        "sources": len({s.source for s in sentences}),
        "articles_cited": len(articles),
        "boilerplate_dropped": corpus.boilerplate,
        "articles_tagged_now": corpus.tagged_here,
        "copies_grouped": corpus.grouped,
        "entities_from": index.source,
        "events": events_state,
        "articles_before_span": sel.dropped_before,
        "seconds": seconds,
    }
    if sel.story:
        stats["story"] = sel.story
    if sel.about:
        stats["about"] = sel.about.to_dict()
    params = {
        "component": COMPONENT,
        "method": raw.method,
        "n_dates": raw.params["n_dates"],
        "n_dates_rule": "given"
        if query.n_dates is not None
        else f"{stage.DATES_BASE} + {stage.DATES_PER_LOG:g} × ln(independent sources)",
        "per_date": query.per_date,
    }
    log.info(
        "timeline: %d articles, %d sentences → %d dates in %.2f s",
        len(sel.ids),
        len(sentences),
        len(entries),
        seconds["total"],
    )
    return Timeline(tuple(entries), query, sel.title, articles, stats, params)


def _provenance(
    store: Store,
    query: TimelineQuery,
    corpus: Corpus,
    sentences: list[stage.DatedSentence],
    raw: stage.Timeline,
) -> tuple[list[Entry], dict[str, ArticleRef], EntityIndex, str]:
    cited = sorted({src.article_id for e in raw.entries for ln in e.lines for src in ln.sources})
    index = EntityIndex(store, cited)
    hook = events_hook() if query.events else None
    if not query.events:
        events_state = "off"
    elif hook is None or not has_table(store, "events"):
        events_state = "absent"
    else:
        events_state = "events_on"
    selected = set(corpus.articles)
    kept: dict[str, list[tuple[int, int]]] | None = None
    if query.about:  # events from the sentences the query kept (offsets: the model's may be finer)
        kept = {}
        for s in sentences:
            kept.setdefault(s.article_id, []).append((s.start, s.end))
        for spans in kept.values():
            spans.sort()
    entries: list[Entry] = []
    for e in raw.entries:
        period = e.when
        lines = tuple(_line(corpus, index, period, ln) for ln in e.lines)
        events = (
            events_for(store, period, selected, kept, hook) if events_state == "events_on" and hook else ()
        )
        entries.append(Entry(period, lines, e.score, e.sources, events))
    used = set(cited) | {ev.article_id for en in entries for ev in en.events}
    articles = {}
    for aid in sorted(used):
        a = corpus.articles.get(aid)
        if a is not None:
            articles[aid] = ArticleRef(
                a.id,
                a.source_id,
                a.title,
                a.outlet,
                a.agency,
                a.pub.isoformat() if a.pub else "",
                a.url,
                a.group if a.group and a.group != a.id else "",
            )
    return entries, articles, index, events_state


def _line(corpus: Corpus, index: EntityIndex, period: stage.Period, ln: stage.Line) -> Line:
    sources = tuple(
        source_ref(corpus, s.article_id, s.start, s.end, s.outlet, s.source_id) for s in ln.sources
    )
    first = ln.sources[0]
    ds = corpus.sentence_at(first.article_id, first.start)
    date_text = ""
    if ds is not None and ln.evidence == "mention":
        if period.precision == "day":
            date_text = next((m.text for m in ds.mentions if m.value == period.begin), "")
        else:
            date_text = next((m.text for m in ds.periods if m.period == period), "")
    return Line(
        ln.text,
        ln.evidence,
        ln.score,
        sources,
        date_text,
        index.names(first.article_id, first.start, first.end),
    )
