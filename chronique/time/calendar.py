"""Calendar arithmetic and TIMEX3 value formatting. Language-neutral, pure functions.

Units are TIMEX3 codes: ``S`` second, ``MIN`` minute, ``H`` hour, ``D`` day, ``W`` week, ``WE``
week-end, ``M`` month, ``Q`` quarter, ``HY`` half-year, ``Y`` year, ``DE`` decade, ``CE`` century,
``ML`` millennium.

*Direction* picks one occurrence of a recurring calendar item (a weekday, a month, a day of the
year, a season) around a reference date:

* ``past``: the latest one at or before the reference (``past!``: strictly before);
* ``future``: the earliest one at or after the reference (``future!``: strictly after);
* ``""``: the nearest one, the past one on a tie;
* ``soon:N``: the next one if it is at most N days (months, for a month) ahead, else the last one.

Seasons: a winter is labelled by the year in which it starts (December 2016 to February 2017 is
``2016-WI``); spring is March to May, summer June to August, autumn September to November.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

SEASONS = ("SP", "SU", "FA", "WI")
_SEASON_OF_MONTH = {3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU", 9: "FA", 10: "FA", 11: "FA"}

#: Duration units: TIMEX3 designator and whether it belongs after the ``T``.
_DURATION = {
    "S": ("S", True),
    "MIN": ("M", True),
    "H": ("H", True),
    "D": ("D", False),
    "W": ("W", False),
    "WE": ("WE", False),
    "M": ("M", False),
    "Y": ("Y", False),
}
#: Units written as multiples of another in a duration (a decade is ten years: ``P10Y``).
_MULTIPLE = {"Q": (3, "M"), "HY": (6, "M"), "DE": (10, "Y"), "CE": (100, "Y"), "ML": (1000, "Y")}
#: A fraction of a unit converted to a whole number of a smaller one ("deux ans et demi" → P30M).
_SMALLER = {"Y": (12, "M"), "M": (30, "D"), "W": (7, "D"), "D": (24, "H"), "H": (60, "MIN"), "MIN": (60, "S")}


def day(d: dt.date) -> str:
    return d.isoformat()


def month(year: int, m: int) -> str:
    return f"{year:04d}-{m:02d}"


def week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def weekend(d: dt.date) -> str:
    return week(d) + "-WE"


def quarter_of(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


def season_of(d: dt.date) -> tuple[int, str]:
    """(labelling year, season code) of a date."""
    if d.month == 12:
        return d.year, "WI"
    if d.month <= 2:
        return d.year - 1, "WI"
    return d.year, _SEASON_OF_MONTH[d.month]


def add_months(d: dt.date, n: int) -> dt.date:
    y, m = divmod(d.month - 1 + n, 12)
    year, mon = d.year + y, m + 1
    last = _month_length(year, mon)
    return dt.date(year, mon, min(d.day, last))


def _month_length(year: int, m: int) -> int:
    nxt = dt.date(year + (m == 12), m % 12 + 1, 1)
    return (nxt - dt.timedelta(days=1)).day


def valid_day(year: int, m: int, d: int) -> bool:
    return 1 <= m <= 12 and 1 <= d <= _month_length(year, m)


def easter(year: int) -> dt.date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    mon, dd = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(year, mon, dd + 1)


def pick(candidates: Iterable[tuple[int, object]], ref: int, direction: str) -> object | None:
    """The candidate (position, item) chosen by ``direction`` around position ``ref``.

    ``soon:N``: the next one if it comes within N positions (days, months), else the last one:
    a news text names near future dates and past ones of any age.
    """
    cands = sorted(candidates, key=lambda c: c[0])
    if not cands:
        return None
    if direction.startswith("soon:"):
        horizon = int(direction[5:])
        ahead = [c for c in cands if ref <= c[0] <= ref + horizon]
        if ahead:
            return ahead[0][1]
        direction = "past"
    if direction in ("past", "past!"):
        ok = [c for c in cands if (c[0] <= ref if direction == "past" else c[0] < ref)]
        return ok[-1][1] if ok else cands[0][1]
    if direction in ("future", "future!"):
        ok = [c for c in cands if (c[0] >= ref if direction == "future" else c[0] > ref)]
        return ok[0][1] if ok else cands[-1][1]
    return min(cands, key=lambda c: (abs(c[0] - ref), c[0] > ref))[1]


def weekday_date(ref: dt.date, weekday: int, direction: str) -> dt.date:
    """The date of ``weekday`` (1 = Monday) around ``ref``; nearest is within three days."""
    cands = [ref + dt.timedelta(days=k) for k in range(-14, 15)]
    picked = pick(
        ((c.toordinal(), c) for c in cands if c.isoweekday() == weekday), ref.toordinal(), direction
    )
    assert isinstance(picked, dt.date)
    return picked


def month_year(ref: dt.date, m: int, direction: str) -> int:
    """The year of month ``m`` around ``ref``."""
    cands = ((12 * y + m - 1, y) for y in (ref.year - 1, ref.year, ref.year + 1))
    picked = pick(cands, 12 * ref.year + ref.month - 1, direction)
    assert isinstance(picked, int)
    return picked


def day_month_year(ref: dt.date, m: int, d: int, direction: str, weekday: int = 0) -> int | None:
    """The year of day ``d`` of month ``m`` around ``ref``.

    With ``weekday`` (1 = Monday), only the years in which that day falls on that weekday, within
    a year of ``ref``; ``None`` when there is none (the caller then ignores the weekday).
    """
    span = range(ref.year - 1, ref.year + 2)
    cands = []
    for y in span:
        if not valid_day(y, m, d):
            continue
        date = dt.date(y, m, d)
        if weekday and date.isoweekday() != weekday:
            continue
        cands.append((date.toordinal(), y))
    if weekday:
        # A weekday names a date near the reference: a matching year within a year of it.
        cands = [c for c in cands if abs(c[0] - ref.toordinal()) <= 366]
        if not cands:
            return None
    picked = pick(cands, ref.toordinal(), direction)
    return picked if isinstance(picked, int) else None


def season_value(ref: dt.date, season: str, direction: str) -> str:
    order = {s: i for i, s in enumerate(SEASONS)}
    y0, s0 = season_of(ref)
    cands = ((4 * y + order[season], y) for y in (y0 - 1, y0, y0 + 1))
    picked = pick(cands, 4 * y0 + order[s0], direction)
    return f"{picked:04d}-{season}"


def shift(ref: dt.date, n: int, unit: str) -> tuple[str, str]:
    """(value, precision) of the ``unit`` that is ``n`` units from ``ref``'s (0 = ``ref``'s own).

    ``shift(d, -1, "W")`` is last week, ``shift(d, 0, "Y")`` this year, ``shift(d, 3, "D")`` three
    days on.
    """
    if unit == "D":
        return day(ref + dt.timedelta(days=n)), "day"
    if unit == "W":
        return week(ref + dt.timedelta(weeks=n)), "week"
    if unit == "WE":
        return weekend(ref + dt.timedelta(weeks=n)), "week"
    if unit == "M":
        d = add_months(ref, n)
        return month(d.year, d.month), "month"
    if unit == "Q":
        q = ref.year * 4 + quarter_of(ref) - 1 + n
        return f"{q // 4:04d}-Q{q % 4 + 1}", "quarter"
    if unit == "HY":
        h = ref.year * 2 + (ref.month > 6) + n
        return f"{h // 2:04d}-H{h % 2 + 1}", "half-year"
    if unit == "Y":
        return f"{ref.year + n:04d}", "year"
    if unit == "DE":
        return f"{ref.year // 10 + n:03d}", "decade"
    if unit == "CE":
        return f"{ref.year // 100 + n:02d}", "century"
    if unit == "ML":
        return f"{ref.year // 1000 + n}", "century"
    if unit == "SEASON":
        y, s = season_of(ref)
        pos = 4 * y + SEASONS.index(s) + n
        return f"{pos // 4:04d}-{SEASONS[pos % 4]}", "season"
    raise ValueError(f"unknown calendar unit {unit!r}")


def shift_point(ref: dt.date, n: float, unit: str) -> tuple[str, str]:
    """(value, precision) of the point ``n`` units from ``ref``, at that unit's granularity.

    "il y a trois semaines" is ``shift_point(ref, -3, "W")``: the week three weeks before.
    """
    k = round(n)
    if unit in ("D", "W", "M", "Y", "Q", "HY", "WE"):
        return shift(ref, k, unit)
    if unit in _MULTIPLE:
        mult, base = _MULTIPLE[unit]
        return shift(ref, k * mult, base)
    raise ValueError(f"no calendar point for unit {unit!r}")


def shift_day(ref: dt.date, n: float, unit: str) -> dt.date:
    """The day ``n`` units (D, W, M, Y; whole numbers) from ``ref``."""
    k = round(n)
    if unit == "D":
        return ref + dt.timedelta(days=k)
    if unit == "W":
        return ref + dt.timedelta(weeks=k)
    if unit == "M":
        return add_months(ref, k)
    if unit == "Y":
        return add_months(ref, 12 * k)
    raise ValueError(f"no day shift for unit {unit!r}")


def duration(n: float | None, unit: str) -> str:
    """TIMEX3 duration: ``duration(3, "Y")`` is ``P3Y``; ``None`` is an unspecified number (``PXY``)."""
    if unit in _MULTIPLE:
        mult, base = _MULTIPLE[unit]
        return duration(None if n is None else n * mult, base)
    if n is not None and n != int(n) and unit in _SMALLER and unit != "S":
        factor, smaller = _SMALLER[unit]
        if float(n * factor).is_integer():
            return duration(n * factor, smaller)
    designator, is_time = _DURATION[unit]
    if n is None:
        amount = "X"
    elif float(n).is_integer():
        amount = str(int(n))
    else:
        amount = f"{n:g}"
    return f"P{'T' if is_time else ''}{amount}{designator}"


def roman(s: str) -> int | None:
    """The value of a Roman numeral, or None if ``s`` is not one."""
    vals = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    s = s.upper()
    if not s or any(c not in vals for c in s):
        return None
    total = 0
    for i, c in enumerate(s):
        v = vals[c]
        total += -v if i + 1 < len(s) and vals[s[i + 1]] > v else v
    return total
