"""Stored temporal expressions → the dates a chronology can use: days, weeks, months, short intervals.

A timex (``chronique.time.Timex``, stored per article by the build) becomes

* a :class:`~chronique.stories.mentions.DateMention` when it names one day (``2016-12-07``,
  ``2016-12-07TEV``; a clock time alone names no day, as in :mod:`chronique.stories.mentions`);
* a :class:`~chronique.stages.timeline.PeriodMention` when it names a week (``2019-W51``), a month
  (``2019-08``) or an interval of days of at most :data:`MAX_INTERVAL_DAYS` ("les 11-12 février",
  ``2016-02-11/2016-02-12``; "du 3 au 6 avril", two expressions carrying one interval);
* nothing otherwise: years, seasons, quarters, durations, sets and references ("en 2011", "P3Y",
  "désormais") are not chronology dates, nor is a month that only bounds a longer period ("entre
  avril et août": the offensive lasted five months; August is not its date).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from chronique.stages.timeline import Period, PeriodMention
from chronique.stories.mentions import DAY_PRECISIONS, DateMention

#: Longest interval of days that is one chronology date: a summit or an offensive of a few days or
#: weeks is one entry; a longer one is a background period, not a date.
MAX_INTERVAL_DAYS = 31

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def parse_day(value: str) -> date | None:
    """The day a value starts with (``2016-12-07``, ``2016-12-07TEV``), or None."""
    m = _DAY.match(value or "")
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def week(year: int, number: int) -> Period | None:
    try:
        monday = date.fromisocalendar(year, number, 1)
    except ValueError:
        return None
    return Period(monday, monday + timedelta(days=6), "week", f"{year}-W{number:02d}")


def month(year: int, number: int) -> Period | None:
    if not 1 <= number <= 12:
        return None
    first = date(year, number, 1)
    last = (date(year + (number == 12), number % 12 + 1, 1)) - timedelta(days=1)
    return Period(first, last, "month", f"{year}-{number:02d}")


def interval(begin: date, end: date) -> Period | None:
    """The interval ``[begin, end]`` when it is a chronology date (2 to MAX_INTERVAL_DAYS days)."""
    if end < begin or (end - begin).days + 1 > MAX_INTERVAL_DAYS:
        return None
    if begin == end:
        return Period.of_day(begin)
    return Period(begin, end, "interval", f"{begin.isoformat()}/{end.isoformat()}")


def parse_period(value: str) -> Period | None:
    """A TIMEX3 value that is a chronology date: a day, a week, a month or a short interval of days."""
    value = (value or "").strip()
    if "/" in value:
        a, _, b = value.partition("/")
        da, db = parse_day(a), parse_day(b)
        return interval(da, db) if da and db and len(a) == 10 and len(b) == 10 else None
    if m := _WEEK.match(value):
        return week(int(m.group(1)), int(m.group(2)))
    if m := _MONTH.match(value):
        return month(int(m.group(1)), int(m.group(2)))
    d = parse_day(value)
    return Period.of_day(d) if d else None


def from_timex(t: Any) -> DateMention | PeriodMention | None:
    """What a stored timex gives a chronology (see the module docstring), or None."""
    if t.type not in ("DATE", "TIME"):
        return None
    method = f"timex:{t.rule}" if t.rule else "timex"
    bounds = _bounds(t)
    if bounds is not None:  # one end of an interval of days written as two expressions
        span = interval(*bounds)
        if span is not None and span.precision == "interval":
            return PeriodMention(t.start, t.end, t.text, span, method)
    if t.precision in DAY_PRECISIONS:
        p = parse_period(t.value) if "/" in t.value else None
        if p is not None and p.precision == "interval":
            return PeriodMention(t.start, t.end, t.text, p, method)
        d = p.begin if p is not None else parse_day(t.value)
        return DateMention(t.start, t.end, t.text, d, method) if d else None
    if t.precision in ("week", "month"):
        if t.begin or t.end_value:  # a week or a month that bounds a longer period
            return None
        p = parse_period(t.value)
        if p is None or p.precision != t.precision:
            return None
        return PeriodMention(t.start, t.end, t.text, p, method)
    return None


def _bounds(t: Any) -> tuple[date, date] | None:
    """The first and last days of the interval a timex is one end of, when both are days."""
    if not (t.begin and t.end_value) or len(t.begin) < 10 or len(t.end_value) < 10:
        return None
    a, b = parse_day(t.begin), parse_day(t.end_value)
    return (a, b) if a and b and a <= b else None


def mentions(timexes: Iterable[Any]) -> tuple[list[DateMention], list[PeriodMention]]:
    """The day mentions and the period mentions among an article's timexes, in text order."""
    days: list[DateMention] = []
    periods: list[PeriodMention] = []
    for t in timexes:
        m = from_timex(t)
        if isinstance(m, DateMention):
            days.append(m)
        elif isinstance(m, PeriodMention):
            periods.append(m)
    return days, periods
