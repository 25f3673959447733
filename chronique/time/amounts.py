"""Handlers of the rule kinds that measure or repeat: ``clock`` (clock times, or amounts of hours),
``duration``, ``set``, and ``ref`` (PRESENT_REF, PAST_REF, FUTURE_REF). Language-neutral.
"""

from __future__ import annotations

from chronique.time import calendar as cal
from chronique.time.resolve import (
    Context,
    Hit,
    Out,
    amount,
    mod_of,
    new_out,
    pod_of,
)


def clock(ctx: Context, hit: Hit) -> list[Out]:
    """ "à 15h13", "vers 21 h 45", "midi": a time of day; "en 2 h 30", "deux heures de débat": an amount."""
    left_pos = hit.start
    minute = hit.get("minute")
    named = hit.get("clock")
    hunit = (hit.get("hunit") or "").lower()
    minw = ctx.g.lookup("minute_words", hit.get("minw") or "") if hit.get("minw") else None
    hourpod = hit.get("hourpod")
    ranged = ctx.left_is("clock_range_left", left_pos) and ctx.right_is("clock_range_right", hit.end)
    # A clock time after "à", "vers", "dès"...; an amount of hours after "en", "pendant", "de"...;
    # otherwise "18 h", "21 h 45" are clock times and "deux heures" an amount.
    measured = ctx.right_is("de_measured_right", hit.end)  # "48 heures de garde à vue"
    if named or hourpod or ranged:
        is_clock = True
    elif hit.get("hourw"):
        is_clock = bool(minw or ctx.left_is("clock_tight_left", left_pos)) and not measured
    elif ctx.left_is("clock_left", left_pos) and not (measured and minute is None):
        is_clock = True
    elif ctx.left_is("duration_left", left_pos):
        is_clock = False
    else:
        is_clock = (minute is not None or hunit == "h" or bool(minw and hit.get("hour"))) and not measured
    if named:
        hh, mm = (int(x) for x in str(ctx.g.lookup("clock_words", named)).split(":"))
    else:
        hs = hit.get("hour") or hit.get("hourw") or ""
        h = ctx.g.number(hs)
        if h is None:
            return []
        hh, mm = int(h), int(minute) if minute else 0
    if minw:
        mm += int(minw)
        if mm < 0:
            hh, mm = hh - 1, mm + 60
    if not is_clock:
        if not 0 < hh + mm <= 1000:
            return []
        value = f"PT{hh}H{mm}M" if mm else f"PT{hh}H"
        return [new_out(hit, "DURATION", value, "duration", mod=mod_of(ctx, hit))]
    if hourpod:
        hh += int(ctx.g.lookup("hour_parts_of_day", hourpod) or 0) if hh < 12 else 0
    if not (0 <= hh <= 24 and 0 <= mm < 60):
        return []
    mod = mod_of(ctx, hit) or ("APPROX" if ctx.left_is("clock_approx_left", left_pos) else "")
    return [new_out(hit, "TIME", "", "time", mod=mod, suffix=f"T{hh:02d}:{mm:02d}", day_from="near")]


def duration(ctx: Context, hit: Hit) -> list[Out]:
    """ "trois ans", "ces trois dernières années", "plusieurs jours", "un quart de siècle"."""
    dnoun = hit.get("dnoun")
    if dnoun:
        return [new_out(hit, "DURATION", str(ctx.g.lookup("duration_nouns", dnoun)), "duration")]
    unit = str(ctx.g.lookup("units", hit.get("unit") or "") or "")
    if not unit:
        return []
    mod = mod_of(ctx, hit)
    if hit.get("frac"):
        n: float | None = float(ctx.g.lookup("fractions", hit.get("frac") or "") or 0) or None
    elif hit.get("approxnum"):
        n = float(ctx.g.lookup("approximate_numbers", hit.get("approxnum") or "") or 0) or None
        mod = mod or "APPROX"
        if unit == "Y" and _is_age(ctx, hit):
            return []
    elif hit.get("vague") or (hit.get("relp") and not hit.get("num")):
        n = None
    elif hit.get("whole"):
        n = 1.0
    else:
        n = amount(ctx, hit)
        if n is None or n <= 0:
            return []
        if unit == "Y" and _is_age(ctx, hit):
            return []
        needs = ctx.g.lookup("ambiguous_durations", f"{hit.get('num') or ''} {hit.get('unit') or ''}")
        if needs and not ctx.left_is(str(needs), hit.start):
            return []
    out = new_out(hit, "DURATION", cal.duration(n, unit), "duration", mod=mod)
    relp = ctx.g.lookup("relatives_plural", hit.get("relp") or "") if hit.get("relp") else None
    if relp and n is not None and ctx.anchor is not None and unit in ("D", "W", "M", "Y"):
        # "ces trois dernières années": the years up to the anchor.
        other = cal.shift_day(ctx.anchor, int(relp) * n, unit)
        a, b = sorted((other, ctx.anchor))
        out.begin, out.end_value = a.isoformat(), b.isoformat()
        out.anchor, out.anchor_kind = ctx.anchor.isoformat(), "document"
    return [out]


def _is_age(ctx: Context, hit: Hit) -> bool:
    """ "un homme de 40 ans", "Pierre, 30 ans,", "âgé de 54 ans" are ages, not durations."""
    if ctx.right_is("de_measured_right", hit.end):
        return False  # "trois ans de prison", "à 10 ans de réclusion"
    if ctx.left_is("age_left", hit.start):
        return True
    if hit.get("approx") and ctx.left_is("age_group_left", hit.start):
        return True
    if ctx.left_is("apposition_left", hit.start) and ctx.right_is("apposition_right", hit.end):
        return True
    m = ctx.left_is("de_left", hit.start)
    return bool(m and not ctx.g.lookup("duration_heads", m.group(1)))


def set_(ctx: Context, hit: Hit) -> list[Out]:
    """ "chaque jeudi", "tous les deux ans", "par semestre", "annuel"."""
    out = new_out(hit, "SET", "", "set")
    if hit.get("setadj"):
        out.value = str(ctx.g.lookup("set_adjectives", hit.get("setadj") or "") or "")
    elif hit.get("setunit"):
        _, out.start, out.end = hit.groups["span"]
        out.value = str(ctx.g.lookup("set_units", hit.get("setunit") or "") or "")
    elif hit.get("wd"):
        wd = ctx.g.lookup("weekdays", hit.get("wd") or "") or ctx.g.lookup(
            "weekdays_plural", hit.get("wd") or ""
        )
        out.value = f"XXXX-WXX-{wd}" if wd else ""
    elif hit.get("pod"):
        code = pod_of(ctx, hit) or (
            "T" + str(ctx.g.lookup("parts_of_day", (hit.get("pod") or "")[:-1]) or "")
        )
        out.value = f"XXXX-XX-XX{code}" if len(code) > 1 else ""
    elif hit.get("season"):
        word = hit.get("season") or ""
        code = str(ctx.g.lookup("seasons", word) or ctx.g.lookup("seasons", word[:-1]) or "")
        out.value = f"XXXX-{code}" if code else ""
    elif hit.get("unit"):
        unit = str(ctx.g.lookup("units", hit.get("unit") or "") or "")
        n = amount(ctx, hit) or 1.0
        out.value = cal.duration(n, unit) if unit else ""
    return [out] if out.value else []


def ref(ctx: Context, hit: Hit) -> list[Out]:
    """ "désormais", "auparavant", "bientôt": PRESENT_REF, PAST_REF, FUTURE_REF."""
    value = ctx.g.lookup("refs", hit.get("ref") or "")
    if not value:
        return []
    out = new_out(hit, "DATE", str(value), "ref")
    if ctx.anchor:
        out.anchor, out.anchor_kind = ctx.anchor.isoformat(), "document"
    return [out]
