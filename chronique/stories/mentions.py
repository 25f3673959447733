"""The dates a sentence mentions, resolved to days: what the timeline puts a sentence under.

When the temporal tagger is installed (``chronique.time.tag``) it does the work: every timex whose
value is a calendar day (``2011-03-19``, ``2011-03-18TEV``; an interval gives its first day) and
whose precision is a day or a part of a day becomes a :class:`DateMention` (a clock time alone,
"16h56", names no day: the document's date gives it one). Until then, and whenever it is absent, :func:`find` uses a small finder built
on the language's calendar words (``lang/<code>/calendar.yaml``: months, weekdays, future cues):

* a day and a month, with or without a weekday and a year ("samedi 19 mars", "le 1er mars 2011",
  "les 11-12 février" gives the first day); without a year, the year that puts the day nearest to the
  anchor (the publication date);
* a weekday alone ("a affirmé samedi"): the latest such day on or before the anchor, or the next
  one after it when a future cue of the language follows in the sentence ("samedi prochain").

Month or year mentions are not days and are not returned (a timeline line needs a day).
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from chronique import lang as langdata
from chronique.errors import LanguageDataError

log = logging.getLogger(__name__)

#: A day-month date without a year is put in the year that brings it nearest to the anchor; one
#: more than this many days from the anchor in either direction is taken to be in the next/previous year.
HALF_YEAR = 183


@dataclass(frozen=True, slots=True)
class DateMention:
    """A day mentioned in a text: offsets in that text, the day, and what found it."""

    start: int
    end: int
    text: str
    value: date
    method: str  # "tagger:<rule id>" | "calendar:day-month" | "calendar:weekday"


@functools.cache
def _tagger() -> Callable[..., Any] | None:
    import importlib

    for module in ("chronique.time.tagger", "chronique.time"):
        try:
            tag = getattr(importlib.import_module(module), "tag", None)
        except ImportError:
            continue
        if callable(tag):
            return tag
    return None


_DAY_VALUE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:$|T|/)")
#: Timex precisions that say which day: a clock time ("16h56") only says when in a day that the
#: document's date supplies, so it is no mention of a day.
DAY_PRECISIONS = frozenset({"day", "part-of-day"})


def find(
    text: str,
    anchor: date | None,
    lang: str = "fr",
    *,
    use_tagger: bool = True,
    tense: Callable[[int], str] | None = None,
) -> list[DateMention]:
    """Days mentioned in ``text``, resolved against ``anchor``, in text order.

    ``tense(offset)`` (the annotation's :meth:`~chronique.stages.annotate.Annotation.tense_at`)
    lets the tagger read the tense of each clause from the parse, as the build does."""
    tag = _tagger() if use_tagger else None
    if tag is not None:
        return _from_tagger(tag, text, anchor, lang, tense)
    return _calendar_find(text, anchor, lang)


def _from_tagger(
    tag: Callable[..., Any],
    text: str,
    anchor: date | None,
    lang: str,
    tense: Callable[[int], str] | None = None,
) -> list[DateMention]:
    out = []
    for t in tag(text, anchor, lang=lang, tense=tense):
        m = _DAY_VALUE.match(str(getattr(t, "value", "")))
        if not m or getattr(t, "precision", "day") not in DAY_PRECISIONS:
            continue
        try:
            value = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            continue
        rule = getattr(t, "rule", "")
        out.append(
            DateMention(t.start, t.end, text[t.start : t.end], value, f"tagger:{rule}" if rule else "tagger")
        )
    return out


@dataclass(frozen=True, slots=True)
class _Calendar:
    day_month: re.Pattern[str]
    weekday: re.Pattern[str]
    months: dict[str, int]
    weekdays: dict[str, int]  # ISO 1..7
    future: re.Pattern[str] | None


@functools.cache
def _calendar(lang: str) -> _Calendar | None:
    try:
        data = langdata.load(lang, "calendar.yaml")
    except LanguageDataError:
        log.warning("no calendar words for %r: sentences are dated by publication only", lang)
        return None
    months = {w.lower(): int(n) for n, ws in data.get("months", {}).items() for w in ws}
    weekdays = {w.lower(): int(n) for n, ws in data.get("weekdays", {}).items() for w in ws}
    if not months or not weekdays:
        return None
    alt_m = "|".join(re.escape(w) for w in sorted(months, key=len, reverse=True))
    alt_w = "|".join(re.escape(w) for w in sorted(weekdays, key=len, reverse=True))
    day = r"(?P<day>[0-3]?\d)(?:er|e|ème)?"
    day_month = re.compile(
        rf"\b(?:(?:{alt_w})\s+)?{day}(?:\s*(?:-|–|au|et)\s*[0-3]?\d(?:er|e)?)?\s+(?P<month>{alt_m})\b"
        rf"(?:\s+(?P<year>1[89]\d\d|20\d\d)\b)?",
        re.IGNORECASE,
    )
    weekday = re.compile(rf"\b(?P<wd>{alt_w})\b(?!\s+[0-3]?\d)", re.IGNORECASE)
    cues = [c for c in data.get("future_cues", []) if c]
    future = (
        re.compile(r"\b(?:" + "|".join(re.escape(c) for c in cues) + r")\b", re.IGNORECASE) if cues else None
    )
    return _Calendar(day_month, weekday, months, weekdays, future)


def _nearest_year(day: int, month: int, anchor: date) -> date | None:
    best: date | None = None
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            d = date(y, month, day)
        except ValueError:
            continue
        if best is None or abs((d - anchor).days) < abs((best - anchor).days):
            best = d
    return best


def _calendar_find(text: str, anchor: date | None, lang: str) -> list[DateMention]:
    cal = _calendar(lang)
    if cal is None:
        return []
    out: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for m in cal.day_month.finditer(text):
        month = cal.months.get(m.group("month").lower())
        day = int(m.group("day"))
        if month is None or not 1 <= day <= 31:
            continue
        value: date | None
        if m.group("year"):
            try:
                value = date(int(m.group("year")), month, day)
            except ValueError:
                continue
        elif anchor is not None:
            value = _nearest_year(day, month, anchor)
        else:
            continue
        if value is None:
            continue
        out.append(DateMention(m.start(), m.end(), m.group(), value, "calendar:day-month"))
        taken.append((m.start(), m.end()))
    if anchor is not None:
        for m in cal.weekday.finditer(text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            wd = cal.weekdays[m.group("wd").lower()]
            after = text[m.end() : m.end() + 40]
            if cal.future is not None and cal.future.match(after.lstrip()):
                delta = (wd - anchor.isoweekday()) % 7 or 7
                value = anchor + timedelta(days=delta)
            else:
                value = anchor - timedelta(days=(anchor.isoweekday() - wd) % 7)
            out.append(DateMention(m.start(), m.end(), m.group(), value, "calendar:weekday"))
    out.sort(key=lambda x: x.start)
    return out
