"""Handlers of the rule kinds that name a point or a period of the calendar.

``date`` (days, weekdays, months, holidays), ``range``, ``year``, ``decade``, ``century``,
``season``, ``part`` (quarters, halves, fortnights), ``relunit`` ("la semaine dernière"),
``deixis`` ("hier", "le lendemain"), ``pod`` (parts of the day), ``offset`` ("il y a trois
semaines"). Each takes the context and a match and returns :class:`~chronique.time.resolve.Out`
records. Language-neutral.
"""

from __future__ import annotations

import datetime as dt

from chronique.time import calendar as cal
from chronique.time.resolve import (
    PAST_SOON_DAYS,
    SOON_DAYS,
    SOON_MONTHS,
    Context,
    Hit,
    Out,
    amount,
    day_number,
    direction_of,
    mod_of,
    month_of,
    new_out,
    on_day,
    part_out,
    pod_of,
    relative,
    year_of,
)


def date(ctx: Context, hit: Hit) -> list[Out]:
    """Days, weekdays, months and holidays: "le 6 mai dernier", "mardi soir", "fin mars", "Noël"."""
    wd = ctx.g.lookup("weekdays", hit.get("wd") or "") if hit.get("wd") else None
    day = day_number(ctx, hit.get("day") or "") if hit.get("day") else None
    month = month_of(ctx, hit)
    year = year_of(ctx, hit, "year", "yy")
    rel = relative(ctx, hit, "rel", "rel2")
    pod = pod_of(ctx, hit)
    mod = mod_of(ctx, hit)
    out = new_out(hit, "DATE", "", "", mod=mod)
    holiday = hit.get("holiday")
    if holiday:
        return _holiday(ctx, hit, out, holiday, year, rel)
    if day is not None and month:
        return _day_month(ctx, hit, out, day, month, year, rel, wd, pod)
    if month:
        if year is not None:
            out.value, out.precision = cal.month(year, month), "month"
            return [out]
        if ctx.anchor is None:
            out.value, out.precision = f"XXXX-{month:02d}", "month"
            return [out]
        if rel:
            direction = "past!" if rel[0] < 0 else "future!" if rel[0] > 0 else ""
        else:
            direction = direction_of(ctx.tense(hit), SOON_MONTHS)
            out.direction = direction
        out.value, out.precision = cal.month(cal.month_year(ctx.anchor, month, direction), month), "month"
        out.anchor, out.anchor_kind = ctx.anchor.isoformat(), "document"
        return [out]
    if wd:
        return _weekday(ctx, hit, out, int(wd), rel, pod)
    return []


def _holiday(
    ctx: Context, hit: Hit, out: Out, name: str, year: int | None, rel: tuple[int, str] | None
) -> list[Out]:
    spec = ctx.g.lookup("holidays", name) or ctx.g.lookup("holidays_capitalised", name)
    if not spec:
        return []

    def on(y: int) -> dt.date:
        if spec[0] == "easter":
            return cal.easter(y) + dt.timedelta(days=int(spec[1]))
        return dt.date(y, int(spec[0]), int(spec[1]))

    if year is None:
        if ctx.anchor is None:
            if spec[0] == "easter":
                return []
            out.value, out.precision = f"XXXX-{int(spec[0]):02d}-{int(spec[1]):02d}", "day"
            return [out]
        if rel:
            direction = "past!" if rel[0] < 0 else "future!"
        else:
            direction = direction_of(ctx.tense(hit))
            out.direction = direction
        cands = [(on(y).toordinal(), y) for y in (ctx.anchor.year - 1, ctx.anchor.year, ctx.anchor.year + 1)]
        picked = cal.pick(cands, ctx.anchor.toordinal(), direction)
        year = picked if isinstance(picked, int) else ctx.anchor.year
        out.anchor, out.anchor_kind = ctx.anchor.isoformat(), "document"
    return [on_day(out, on(year), "")]


def _day_month(
    ctx: Context,
    hit: Hit,
    out: Out,
    day: int,
    month: int,
    year: int | None,
    rel: tuple[int, str] | None,
    wd: int | None,
    pod: str,
) -> list[Out]:
    if year is None:
        if ctx.anchor is None:
            out.value, out.precision = f"XXXX-{month:02d}-{day:02d}", "day"
            return [out] if cal.valid_day(2000, month, day) else []
        if rel and rel[0]:
            direction = "past!" if rel[0] < 0 else "future!"
        else:
            direction = direction_of(ctx.tense(hit), SOON_DAYS, present=SOON_DAYS, past=PAST_SOON_DAYS)
            out.direction = direction
        year = cal.day_month_year(ctx.anchor, month, day, direction, int(wd) if wd else 0)
        if year is None:
            year = cal.day_month_year(ctx.anchor, month, day, direction)
        if year is None:
            return []
        out.anchor, out.anchor_kind = ctx.anchor.isoformat(), "document"
    if not cal.valid_day(year, month, day):
        return []
    return [on_day(out, dt.date(year, month, day), pod)]


def _weekday(ctx: Context, hit: Hit, out: Out, wd: int, rel: tuple[int, str] | None, pod: str) -> list[Out]:
    det = (hit.get("det") or "").lower()
    if hit.get("week") and ctx.anchor is not None:
        # "vendredi de la semaine prochaine": that weekday in that week.
        week = ctx.anchor + dt.timedelta(weeks=rel[0] if rel else 0)
        out.anchor, out.anchor_kind = ctx.anchor.isoformat(), "document"
        return [on_day(out, week + dt.timedelta(days=wd - week.isoweekday()), pod)]
    scope = rel[1] if rel else ("previous" if len(det.split()) > 1 else "document")
    ref, kind = ctx.ref(scope)
    if rel and rel[0]:
        direction = "past!" if rel[0] < 0 else "future!"
    else:
        tense = ctx.tense(hit)
        if det == "le" and tense in ("present", "future"):
            # "le mercredi (matin)" with a verb in the present or the future: every Wednesday.
            out.type, out.value, out.precision = "SET", f"XXXX-WXX-{wd}{pod}", "set"
            return [out]
        # "ce dimanche" in the present is the nearest Sunday; a bare weekday looks back.
        direction = direction_of(tense, "past" if not det else "", present="" if det else "past")
        out.direction = direction if tense else ""
    if ref is None:
        out.value, out.precision = f"XXXX-WXX-{wd}", "day"
        return [out]
    out.anchor, out.anchor_kind = ref.isoformat(), kind
    return [on_day(out, cal.weekday_date(ref, wd, direction), pod)]


def range_(ctx: Context, hit: Hit) -> list[Out]:
    """Two days written as one ("du 13 au 15 juillet", "les 11-12 février") or two years ("1914-1918")."""
    if hit.rule.id.startswith("range.years") or (hit.get("p1") and hit.get("d1") is None):
        y1, y2 = year_of(ctx, hit, "p1"), year_of(ctx, hit, "p2")
        if y1 is None or y2 is None or y2 < y1:
            return []
        outs = [
            part_out(hit, "p1", "DATE", f"{y1:04d}", "year"),
            part_out(hit, "p2", "DATE", f"{y2:04d}", "year"),
        ]
        for o in outs:
            o.begin, o.end_value = f"{y1:04d}", f"{y2:04d}"
        return outs
    d1 = day_number(ctx, hit.get("d1") or "")
    d2 = day_number(ctx, hit.get("d2") or "")
    m2 = month_of(ctx, hit)
    if d1 is None or d2 is None or m2 is None:
        return []
    m1 = month_of(ctx, hit, "m1") or m2
    wd2 = ctx.g.lookup("weekdays", hit.get("wd2") or "") if hit.get("wd2") else None
    second = _day_month(
        ctx,
        hit,
        new_out(hit, "DATE", "", ""),
        d2,
        m2,
        year_of(ctx, hit, "year"),
        relative(ctx, hit, "rel"),
        wd2,
        "",
    )
    if not second:
        return []
    y2 = int(second[0].value[:4]) if second[0].value[:1].isdigit() else None
    y1 = year_of(ctx, hit, "y1") or (y2 if y2 is None or (m1, d1) <= (m2, d2) else y2 - 1)
    if y1 is None:
        v1 = f"XXXX-{m1:02d}-{d1:02d}"
    elif cal.valid_day(y1, m1, d1):
        v1 = cal.day(dt.date(y1, m1, d1))
    else:
        return []
    v2 = second[0].value
    if not hit.get("p1"):
        out = second[0]
        out.value, out.begin, out.end_value = f"{v1}/{v2}", v1, v2
        return [out]
    first = part_out(hit, "p1", "DATE", v1, "day")
    last = part_out(hit, "p2", "DATE", v2, "day")
    for o in (first, last):
        o.begin, o.end_value = v1, v2
        o.anchor, o.anchor_kind, o.direction = second[0].anchor, second[0].anchor_kind, second[0].direction
    return [first, last]


def year(ctx: Context, hit: Hit) -> list[Out]:
    """ "2011", "l'année 2001", "fin 2019"."""
    y = year_of(ctx, hit, "year")
    if y is None:
        return []
    return [new_out(hit, "DATE", f"{y:04d}", "year", mod=mod_of(ctx, hit))]


def decade(ctx: Context, hit: Hit) -> list[Out]:
    """ "les années 1990", "début des années 60": the TIMEX3 decade "199", "196"."""
    s = hit.get("decade") or ""
    if s[:1].isdigit():
        n = int(s)
    else:
        w = ctx.g.lookup("decade_words", s)
        if not w:
            return []
        n = int(w) * 10
    if n < 100:
        ref = ctx.anchor.year if ctx.anchor else 2000
        n = (ref // 100) * 100 + n if (ref // 100) * 100 + n <= ref else (ref // 100 - 1) * 100 + n
    return [new_out(hit, "DATE", f"{n // 10:03d}", "decade", mod=mod_of(ctx, hit))]


def century(ctx: Context, hit: Hit) -> list[Out]:
    """ "le XIXe siècle": the TIMEX3 century "18"."""
    s = hit.get("century") or ""
    n = int(s) if s.isdigit() else cal.roman(s)
    if not n or n > 30:
        return []
    return [new_out(hit, "DATE", f"{n - 1:02d}", "century", mod=mod_of(ctx, hit))]


def season(ctx: Context, hit: Hit) -> list[Out]:
    """ "l'été dernier", "cet hiver"; "en été" in the present is any summer (XXXX-SU)."""
    code = str(ctx.g.lookup("seasons", hit.get("season") or "") or "")
    if not code:
        return []
    out = new_out(hit, "DATE", "", "season", mod=mod_of(ctx, hit))
    y = year_of(ctx, hit, "year")
    if y is not None:
        out.value = f"{y:04d}-{code}"
        return [out]
    rel = relative(ctx, hit, "rel")
    tense = ctx.tense(hit)
    if not rel and not hit.get("det") and not hit.get("pos") and tense in ("present", ""):
        # "en été" in the present: a habit, any summer.
        out.value = f"XXXX-{code}"
        return [out]
    if ctx.anchor is None:
        out.value = f"XXXX-{code}"
        return [out]
    if rel and rel[0]:
        direction = "past!" if rel[0] < 0 else "future!"
    else:
        direction = direction_of(tense)
        out.direction = direction
    out.value = cal.season_value(ctx.anchor, code, direction)
    out.anchor, out.anchor_kind = ctx.anchor.isoformat(), "document"
    return [out]


def part(ctx: Context, hit: Hit) -> list[Out]:
    """Quarters, halves and fortnights: "le premier trimestre 2019", "la première quinzaine d'avril"."""
    unit = str(ctx.g.lookup("period_parts", hit.get("part") or "") or "")
    ordinal = ctx.g.lookup("ordinals", hit.get("ord") or "")
    if not unit or not ordinal:
        return []
    n = int(ordinal)
    out = new_out(hit, "DATE", "", "")
    if unit == "FORTNIGHT":
        m = month_of(ctx, hit)
        if m is None or n not in (1, 2, -1):
            return []
        y = year_of(ctx, hit, "year")
        if y is None:
            if ctx.anchor is None:
                return []
            direction = direction_of(ctx.tense(hit))
            y = cal.month_year(ctx.anchor, m, direction)
            out.anchor, out.anchor_kind, out.direction = ctx.anchor.isoformat(), "document", direction
        last = cal.add_months(dt.date(y, m, 1), 1) - dt.timedelta(days=1)
        first_half = n == 1
        out.value, out.precision, out.mod = cal.month(y, m), "month", "START" if first_half else "END"
        out.begin = cal.day(dt.date(y, m, 1 if first_half else 16))
        out.end_value = cal.day(dt.date(y, m, 15) if first_half else last)
        return [out]
    count = 4 if unit == "Q" else 2
    n = count if n == -1 else n
    if not 1 <= n <= count:
        return []
    letter = "Q" if unit == "Q" else "H"
    y = year_of(ctx, hit, "year")
    if y is None:
        if ctx.anchor is None:
            out.value, out.precision = f"XXXX-{letter}{n}", "quarter"
            return [out]
        rel = relative(ctx, hit, "rel", "rel2")
        y = ctx.anchor.year
        current = cal.quarter_of(ctx.anchor) if unit == "Q" else 1 + (ctx.anchor.month > 6)
        if rel:
            y += rel[0]
        else:
            direction = direction_of(ctx.tense(hit))
            out.direction = direction
            if direction == "past" and n > current:
                y -= 1
            elif direction == "future" and n < current:
                y += 1
        out.anchor, out.anchor_kind = ctx.anchor.isoformat(), "document"
    out.value, out.precision = f"{y:04d}-{letter}{n}", "quarter" if unit == "Q" else "half-year"
    return [out]


def relunit(ctx: Context, hit: Hit) -> list[Out]:
    """ "la semaine dernière", "ce week-end", "la fin de l'année": a calendar unit counted from a reference."""
    unit = str(ctx.g.lookup("calendar_units", hit.get("unit") or "") or "")
    if not unit:
        return []
    rel = relative(ctx, hit, "rel")
    if rel is None and hit.get("this"):
        v = ctx.g.lookup("this", hit.get("this") or "")
        rel = (int(v[0]), str(v[1])) if v else None
    suffix = hit.get("suffix")
    if suffix:
        v = ctx.g.lookup("this_suffixes", suffix)
        if v:
            rel = (int(v[0]), str(v[1]))
    offset, scope = rel if rel else (0, "document")
    ref, kind = ctx.ref(scope)
    out = new_out(hit, "DATE", "", "", mod=mod_of(ctx, hit))
    if ref is None:
        return []
    if unit == "WE" and offset == 0 and ref.isoweekday() < 6:
        direction = direction_of(ctx.tense(hit))
        if direction == "past":
            offset, out.direction = -1, "past"
    out.value, out.precision = cal.shift(ref, offset, unit)
    out.anchor, out.anchor_kind = ref.isoformat(), kind
    return [out]


# ---------------------------------------------------------------------------------------------- relative days


def deixis(ctx: Context, hit: Hit) -> list[Out]:
    """ "hier", "demain", "la veille", "le lendemain (mardi)": a day counted from the anchor or the last date."""
    word = hit.get("deixis") or ""
    v = ctx.g.lookup("deixis", word) or ctx.g.lookup("this", word)
    if not v:
        return []
    offset, scope = int(v[0]), str(v[1])
    ref, kind = ctx.ref(scope)
    out = new_out(hit, "DATE", "", "day")
    pod = pod_of(ctx, hit)
    if scope == "previous" and ctx.right_is("of_right", hit.end):
        out.of_next = offset
    if ref is None:
        return []
    day = ref + dt.timedelta(days=offset)
    wd = ctx.g.lookup("weekdays", hit.get("wd") or "") if hit.get("wd") else None
    if wd:
        # "le lendemain mardi": the weekday named, the one nearest the day computed.
        day = cal.weekday_date(day, int(wd), "")
    out.anchor, out.anchor_kind = ref.isoformat(), kind
    return [on_day(out, day, pod)]


def pod(ctx: Context, hit: Hit) -> list[Out]:
    """A part of the day on a day found around it ("la nuit", "en fin de matinée"), or counted ("la nuit dernière")."""
    code = pod_of(ctx, hit)
    if not code:
        return []
    rel = relative(ctx, hit, "rel")
    if rel and rel[0]:
        # "la nuit dernière", "la soirée précédente": the one before the anchor or the last date.
        ref, kind = ctx.ref(rel[1])
        if ref is None:
            return []
        out = new_out(hit, "TIME", "", "part-of-day", anchor=ref.isoformat(), anchor_kind=kind)
        return [on_day(out, ref + dt.timedelta(days=rel[0]), code)]
    return [new_out(hit, "TIME", "", "part-of-day", mod=mod_of(ctx, hit), suffix=code, day_from="previous")]


def offset(ctx: Context, hit: Hit) -> list[Out]:
    """ "il y a trois semaines", "dans deux mois", "deux jours plus tard": the date pointed to."""
    spec = ctx.g.lookup("offset_directions", hit.get("dir") or "")
    unit = str(ctx.g.lookup("units", hit.get("unit") or "") or "")
    if not spec or not unit:
        return []
    sign, scope = int(spec[0]), str(spec[1])
    n = amount(ctx, hit)
    ref, kind = ctx.ref(scope)
    exact = n is not None and not hit.get("vague")
    points = ("D", "W", "M", "Y", "Q", "HY", "DE", "CE", "WE")
    if exact and n is not None and not float(n).is_integer() and unit in ("Y", "M", "W"):
        factor, smaller = {"Y": (12, "M"), "M": (30, "D"), "W": (7, "D")}[unit]
        n, unit = n * factor, smaller
    if not exact or unit not in points or ref is None or n is None or not float(n).is_integer():
        # Hours ago, "quelques mois": no date can be computed; the French TimeBank marks the
        # amount alone as a duration ("il y a [quelques mois]").
        _, s, e = hit.groups["span"]
        return [
            Out(
                s,
                e,
                "DURATION",
                cal.duration(None if not exact else n, unit),
                "duration",
                mod=mod_of(ctx, hit),
            )
        ]
    # The markers "il y a", "dans", "plus tard" are signals, outside the span (French TimeBank);
    # the value is the date they point to.
    _, s, e = hit.groups["span"]
    out = Out(s, e, hit.rule.type or "DATE", mod=mod_of(ctx, hit))
    out.value, out.precision = cal.shift_point(ref, sign * n, unit)
    out.anchor, out.anchor_kind = ref.isoformat(), kind
    return [out]
