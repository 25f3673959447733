"""Chronology renderers: terminal text, JSON (the twin of everything), Markdown, Timeline17, TimelineJS.

Each takes a :class:`chronique.timeline.Timeline` and returns a string; the HTML page is
:mod:`chronique.export.timeline_html`. Date labels use the language's month and weekday names
(``chronique/lang/<code>/calendar.yaml``) and the renderers' words (``templates/timeline-words.yaml``).

Periods in formats that only know days: Timeline17 writes a week, month or interval entry under its
first day; TimelineJS gets a start and an end date (a month only its year and month).
"""

from __future__ import annotations

import functools
import html
import json
import re
import textwrap
from importlib import resources
from typing import Any

import yaml

from chronique import lang as langdata
from chronique.errors import LanguageDataError
from chronique.stages.timeline import Period
from chronique.timeline.model import Entry, Line, SourceRef, Timeline

FORMATS = ("text", "json", "md", "html", "t17", "timelinejs")
#: Width of the terminal text (a line wraps at it, sources indented under their line).
WIDTH = 100


@functools.cache
def words(lang: str = "fr") -> dict[str, Any]:
    """The renderers' words for ``lang`` (French when the language has none)."""
    data = yaml.safe_load(
        resources.files("chronique.export").joinpath("templates", "timeline-words.yaml").read_text("utf-8")
    )
    return {**data["fr"], **data.get(lang, {})}


@functools.cache
def _calendar(lang: str) -> tuple[dict[int, str], dict[int, str]]:
    try:
        data = langdata.load(lang, "calendar.yaml")
    except LanguageDataError:
        data = langdata.load("fr", "calendar.yaml")
    cap = str.capitalize if words(lang).get("capital_names") else str
    months = {int(k): cap(v[0]) for k, v in data.get("months", {}).items()}
    weekdays = {int(k): cap(v[0]) for k, v in data.get("weekdays", {}).items()}
    return months, weekdays


def label(p: Period, lang: str = "fr") -> str:
    """A period in words: "mardi 3 mai 2016", "11-12 février 2016", "semaine du 16 au 22 décembre 2019",
    "août 2019"."""
    months, weekdays = _calendar(lang)
    b, e = p.begin, p.end

    first = words(lang)["first_day"]

    def num(d: Any) -> str:
        return first if d.day == 1 else str(d.day)

    def day(d: Any, *, year: bool = True, weekday: bool = False) -> str:
        out = f"{num(d)} {months.get(d.month, str(d.month))}" + (f" {d.year}" if year else "")
        return f"{weekdays.get(d.isoweekday(), '')} {out}".strip() if weekday else out

    if p.precision == "day":
        return day(b, weekday=True)
    if p.precision == "month":
        return f"{months.get(b.month, str(b.month))} {b.year}"
    if p.precision == "week":
        start = num(b) if (b.year, b.month) == (e.year, e.month) else day(b, year=b.year != e.year)
        return words(lang)["week"].format(begin=start, end=day(e))
    if b.year == e.year and b.month == e.month:
        return f"{num(b)}-{e.day} {months.get(b.month, str(b.month))} {b.year}"
    return f"{day(b, year=b.year != e.year)} – {day(e)}"


def month_label(p: Period, lang: str = "fr") -> str:
    months, _ = _calendar(lang)
    return f"{months.get(p.begin.month, str(p.begin.month))} {p.begin.year}"


def heading(tl: Timeline) -> str:
    w = words(tl.query.lang)
    return w["title"] + (f" — {tl.title}" if tl.title else "")


def summary(tl: Timeline) -> str:
    """ "38 articles · 36 sources indépendantes · 41 dates"."""
    w = words(tl.query.lang)
    return (
        f"{tl.stats.get('articles', 0)} {w['articles']} · {tl.stats.get('sources', 0)} {w['sources']} · "
        f"{len(tl.entries)} {w['dates']}"
    )


def cite(src: SourceRef) -> str:
    """``[outlet, source id]``."""
    return f"[{src.outlet or '?'}, {src.source_id or src.article_id}]"


# -- text ---------------------------------------------------------------------------------------------


def to_text(tl: Timeline, *, width: int = WIDTH) -> str:
    """A readable terminal chronology: each date, its lines, each line's sources as ``[outlet, id]``."""
    w = words(tl.query.lang)
    out = [heading(tl), summary(tl), ""]
    if not tl.entries:
        out.append(w["no_entries"])
    for e in tl.entries:
        n = f"{e.sources} {w['source'] if e.sources == 1 else w['sources_short']}"
        out.append(f"{e.period.value}  {label(e.period, tl.query.lang)}  ({n})")
        for ln in e.lines:
            out.extend(textwrap.wrap(ln.text, width, initial_indent="  • ", subsequent_indent="    "))
            out.extend(
                textwrap.wrap(
                    " ".join(cite(s) for s in ln.sources),
                    width,
                    initial_indent="    ",
                    subsequent_indent="    ",
                )
            )
        for ev in e.events:
            out.extend(textwrap.wrap(_event_text(ev), width, initial_indent="  ◦ ", subsequent_indent="    "))
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _event_text(ev: Any) -> str:
    who = ", ".join(ev.actors) or "?"
    to = f" → {', '.join(ev.recipients)}" if ev.recipients else ""
    where = f" ({ev.place})" if ev.place else ""
    flags = f" [{', '.join(ev.flags)}]" if ev.flags else ""
    cf = f" · cessez-le-feu: {ev.ceasefire}" if ev.ceasefire else ""
    return f"{ev.type} «{ev.text}» {who}{to}{where}{flags}{cf}"


# -- JSON -----------------------------------------------------------------------------------------------


def to_json(tl: Timeline) -> str:
    """The JSON twin: every field of :meth:`Timeline.to_dict`, each entry with its label too."""
    d = tl.to_dict()
    for entry, e in zip(d["entries"], tl.entries, strict=True):
        entry["label"] = label(e.period, tl.query.lang)
    return json.dumps(d, ensure_ascii=False, indent=2)


# -- Markdown -------------------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def to_markdown(tl: Timeline) -> str:
    """Markdown: a section per date, a bullet per line, its sources as sub-bullets."""
    w = words(tl.query.lang)
    out = [f"# {_md(heading(tl))}", "", f"*{summary(tl)}*", ""]
    if not tl.entries:
        out += [w["no_entries"], ""]
    for e in tl.entries:
        out += [f"## {label(e.period, tl.query.lang)}", "", f"`{e.period.value}`", ""]
        for ln in e.lines:
            out.append(f"- {_md(ln.text)}")
            for s in ln.sources:
                a = tl.articles.get(s.article_id)
                title = f" — *{_md(a.title)}*" if a and a.title else ""
                out.append(
                    f"  - {_md(s.outlet or '?')}{title} (`{s.source_id}`, article `{s.article_id}`, "
                    f"{w['characters']} {s.start}–{s.end})"
                )
        if e.events:
            out.append(f"- **{w['events']}** : " + " ; ".join(_md(_event_text(ev)) for ev in e.events))
        out.append("")
    return "\n".join(out).rstrip() + "\n"


# -- Timeline17 and TimelineJS -----------------------------------------------------------------------------


def to_t17(tl: Timeline) -> str:
    """The Timeline17 text format: a ``YYYY-MM-DD`` line (a period's first day), one sentence per line,
    a line of 32 dashes."""
    out = []
    for e in tl.entries:
        out.append(e.period.begin.isoformat())
        out.extend(" ".join(ln.text.split()) for ln in e.lines)
        out.append("-" * 32)
    return "\n".join(out) + ("\n" if out else "")


def _tljs_date(p: Period, end: bool = False) -> dict[str, int]:
    d = p.end if end else p.begin
    if p.precision == "month":
        return {"year": d.year, "month": d.month}
    return {"year": d.year, "month": d.month, "day": d.day}


def _line_html(tl: Timeline, ln: Line) -> str:
    cites = []
    for s in ln.sources:
        a = tl.articles.get(s.article_id)
        title = f" — {a.title}" if a and a.title else ""
        cites.append(f"{s.outlet or '?'}{title} ({s.source_id})")
    return f"<p>{html.escape(ln.text)}<br><small>{html.escape('; '.join(cites))}</small></p>"


def to_timelinejs(tl: Timeline) -> dict[str, Any]:
    """The JSON TimelineJS3 loads: a title slide and one slide per date (a period gets an end date,
    a month only its year and month; ``display_date`` is the date in words)."""
    events = []
    for e in tl.entries:
        slide: dict[str, Any] = {
            "start_date": _tljs_date(e.period),
            "display_date": label(e.period, tl.query.lang),
            "text": {
                "headline": _headline(e),
                "text": "".join(_line_html(tl, ln) for ln in e.lines),
            },
            "unique_id": "d-" + re.sub(r"[^0-9A-Za-z]+", "-", e.period.value),
        }
        if e.period.precision in ("week", "interval"):
            slide["end_date"] = _tljs_date(e.period, end=True)
        events.append(slide)
    return {
        "title": {"text": {"headline": html.escape(heading(tl)), "text": html.escape(summary(tl))}},
        "events": events,
    }


def _headline(e: Entry, n: int = 90) -> str:
    text = e.lines[0].text if e.lines else ""
    text = text if len(text) <= n else text[: n - 1].rsplit(" ", 1)[0] + "…"
    return html.escape(text)


def render(tl: Timeline, fmt: str) -> str:
    """``tl`` in one of :data:`FORMATS`."""
    if fmt == "text":
        return to_text(tl)
    if fmt == "json":
        return to_json(tl)
    if fmt == "md":
        return to_markdown(tl)
    if fmt == "t17":
        return to_t17(tl)
    if fmt == "timelinejs":
        return json.dumps(to_timelinejs(tl), ensure_ascii=False, indent=2)
    if fmt == "html":
        from chronique.export.timeline_html import page

        return page(tl)
    raise ValueError(f"unknown chronology format {fmt!r}; one of: {', '.join(FORMATS)}")
