"""The chronology as one self-contained HTML page: the timeline drawn, sources on click, entity filter.

A vertical axis with year and month markers; each date a dot (a square for a week, month or
interval) and a card of lines. Each line opens, on click (``<details>``, no script needed), onto its
sources: outlet, article title, the input's own id, publication date, offsets, and the sentence in
its article between the sentences before and after it. Buttons filter the entries by entity, a box
by text. CSS and script are package files (``templates/timeline.css``, ``templates/timeline.js``)
inlined into the page: no CDN, no web font, nothing fetched — it works from a file, offline. The
JSON twin (:func:`chronique.export.timeline.to_json`) is embedded in the page.
"""

from __future__ import annotations

import functools
import html
import json
from importlib import resources

from chronique import __version__
from chronique.export.timeline import heading, label, month_label, summary, to_json, words
from chronique.timeline.model import Entry, EventRef, Line, SourceRef, Timeline

#: Entity buttons shown (the entities named by the most entries): more is a wall of buttons.
MAX_ENTITY_BUTTONS = 24


@functools.cache
def _asset(name: str) -> str:
    return resources.files("chronique.export").joinpath("templates", name).read_text(encoding="utf-8")


def _e(s: object) -> str:
    return html.escape(str(s or ""), quote=True)


def _marked(text: str, date_text: str) -> str:
    """The line with the words that name its date marked."""
    dt = " ".join(date_text.split())
    i = text.find(dt) if dt else -1
    if i < 0:
        return _e(text)
    return _e(text[:i]) + f"<span class='dt'>{_e(dt)}</span>" + _e(text[i + len(dt) :])


def _source(tl: Timeline, s: SourceRef, line_text: str) -> str:
    w = words(tl.query.lang)
    a = tl.articles.get(s.article_id)
    title = f" — <i>{_e(a.title)}</i>" if a and a.title else ""
    pub = f" · {_e(a.pub_date)}" if a and a.pub_date else ""
    url = f" · <a href='{_e(a.url)}'>url</a>" if a and a.url.startswith(("http://", "https://")) else ""
    meta = (
        f"<div class='meta'><b>{_e(s.outlet or '?')}</b>{title}{pub}{url}<br><code>{_e(s.source_id)}</code> · "
        f"article <code>{_e(s.article_id)}</code> · {w['characters']} {s.start}–{s.end}</div>"
    )
    quote = (
        f"<blockquote><span class='ctx'>{_e(s.before)}</span> <mark>{_e(line_text)}</mark> "
        f"<span class='ctx'>{_e(s.after)}</span></blockquote>"
    )
    return f"<div class='src'>{meta}{quote}</div>"


def _line(tl: Timeline, ln: Line) -> str:
    w = words(tl.query.lang)
    n = len(ln.sources)
    badge = f"<span class='badge' title='{_e(w['sources_short'])}'>{n}</span>"
    pub = f"<span class='pub'>({_e(w['published'])})</span>" if ln.evidence == "published" else ""
    srcs = "".join(_source(tl, s, ln.text) for s in ln.sources)
    ents = f"<div class='ents-line'>{_e(', '.join(ln.entities))}</div>" if ln.entities else ""
    return (
        f"<details class='line'><summary>{_marked(ln.text, ln.date_text)}{badge}{pub}</summary>"
        f"<div class='srcs'>{srcs}</div>{ents}</details>"
    )


def _event(ev: EventRef) -> str:
    who = ", ".join(ev.actors) or "?"
    to = f" → {', '.join(ev.recipients)}" if ev.recipients else ""
    where = f" ({ev.place})" if ev.place else ""
    flags = f" [{', '.join(ev.flags)}]" if ev.flags else ""
    tip = f"{ev.type} {ev.mode} « {ev.text} » {ev.date} {ev.ceasefire}".strip()
    return f"<li title='{_e(tip)}'><b>{_e(ev.type)}</b> {_e(who + to + where + flags)}</li>"


def _entry(tl: Timeline, e: Entry) -> str:
    w = words(tl.query.lang)
    p = e.period
    lab = label(p, tl.query.lang)
    n = f"{e.sources} {w['source'] if e.sources == 1 else w['sources_short']}"
    events = f"<ul class='events'>{''.join(_event(ev) for ev in e.events)}</ul>" if e.events else ""
    cls = "entry" if p.precision == "day" else "entry period"
    data = _e(json.dumps(e.entities, ensure_ascii=False))
    return (
        f"<article class='{cls}' id='d-{_e(p.value.replace('/', '_'))}' data-entities='{data}' "
        f"data-year='{p.begin.year}' data-month='{p.begin:%Y-%m}'>"
        f"<div class='when'><time datetime='{_e(p.value)}'>{_e(lab)}</time>"
        f"<span class='iso'>{_e(p.value)}</span><br><span class='n'>{_e(n)}</span></div>"
        f"<div class='dot'></div>"
        f"<div class='card' data-label='{_e(lab)}'>{''.join(_line(tl, ln) for ln in e.lines)}{events}</div>"
        "</article>"
    )


def page(tl: Timeline) -> str:
    """The whole page (a string to write to a ``.html`` file)."""
    w = words(tl.query.lang)
    title = heading(tl)
    buttons = [
        f"<span class='lbl'>{_e(w['entities'])}</span><button class='on' data-entity=''>{_e(w['all'])}</button>"
    ]
    for name, count in tl.entity_counts()[:MAX_ENTITY_BUTTONS]:
        buttons.append(f"<button data-entity='{_e(name)}'>{_e(name)}<span class='c'>{count}</span></button>")
    out = [
        "<!doctype html><html lang='" + _e(tl.query.lang) + "'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        f"<title>{_e(title)}</title><style>{_asset('timeline.css')}</style></head><body>",
        f"<header><h1>{_e(title)}</h1><div class='sum'>{_e(summary(tl))}</div></header>",
        f"<nav class='filters'><div class='ents'>{''.join(buttons)}</div>",
        f"<input id='q' type='search' placeholder='{_e(w['filter'])}' aria-label='{_e(w['filter'])}'></nav>",
        "<main><div class='axis'>",
    ]
    if not tl.entries:
        out.append(f"<div class='empty'>{_e(w['no_entries'])}</div>")
    year = month = ""
    for e in tl.entries:
        y, m = str(e.period.begin.year), f"{e.period.begin:%Y-%m}"
        if y != year:
            out.append(f"<div class='year' data-kind='year' data-key='{y}'>{y}</div>")
            year = y
        if m != month:
            out.append(
                f"<div class='month' data-kind='month' data-key='{m}'>{_e(month_label(e.period, tl.query.lang))}</div>"
            )
            month = m
        out.append(_entry(tl, e))
    out.append(f"</div></main><footer>{_e(w['footer'])} — chronique {__version__}</footer>")
    data = to_json(tl).replace("</", "<\\/")
    out.append(f"<script type='application/json' id='data'>{data}</script>")
    out.append(f"<script>{_asset('timeline.js')}</script></body></html>")
    return "\n".join(out)
