"""The temporal tagger: find temporal expressions in a text and normalise them to TIMEX3.

:func:`tag` runs, for one text:

1. **Scan.** Left to right, at word starts near a trigger word (a digit, a month, a unit ...), the
   language's rules are tried in order; the first that matches and passes its filters wins (a
   match the filters refuse, such as a number that counts something, an age or "a été", hands
   the position to the next rules).
2. **Resolve**, in text order, each match with the handler of its rule's kind
   (:mod:`chronique.time.resolve`): a value, a precision, the anchor used. Relative expressions
   ("le lendemain", "deux jours plus tard", "la veille") count from the **last day-precise date
   mentioned before them** in the text when there is one ("previous-timex"), otherwise from the
   anchor ("document"). Bare weekdays, months and dates take their direction from the tense
   (:mod:`chronique.time.tense`).
3. **Days for clock times and parts of the day**: "21 h 45" and "la nuit" lie on the nearest
   day-precise date of their sentence (the one before, else the one after: "vers 15 h 30, hier"),
   else on the last one before, else on the anchor.
4. **Intervals**: two expressions joined by a range connector ("du ... au ...", "entre ... et ...",
   "de 18 h à 23 h") both get the interval's ``begin``/``end_value``.

Spans follow the French TimeBank: determiners belong to the expression ("le 6 mai dernier", "la
nuit"), signals do not — prepositions ("en 2011", "depuis 1998") and the offset markers ("il y a
trois semaines", "dans deux mois", "deux jours plus tard": the span is the amount, the value the
date it points to, the rule says which marker).

Everything is computed from the text and the anchor: no I/O, no model. Offsets are code points in
the text given.
"""

from __future__ import annotations

import bisect
import datetime as dt
import logging
import re
from collections.abc import Callable

from chronique.time import amounts, dates
from chronique.time import grammar as grammar_mod
from chronique.time.model import Timex
from chronique.time.resolve import Context, Hit, Out
from chronique.time.tense import CueModel, direction_reader

log = logging.getLogger(__name__)

#: Component name and version, recorded with results (bump when values can change).
#: v2 (2026-11-21): past-tense dates a few weeks ahead, dotless month abbreviations, no year from a clock time.
COMPONENT = "chronique.time.v4"

#: A value that names a day (possibly with a time or part of day after it).
_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}")

#: The handler of each rule kind (``kind:`` in time_rules.yaml).
HANDLERS: dict[str, Callable[[Context, Hit], list[Out]]] = {
    "date": dates.date,
    "range": dates.range_,
    "year": dates.year,
    "decade": dates.decade,
    "century": dates.century,
    "season": dates.season,
    "part": dates.part,
    "relunit": dates.relunit,
    "offset": dates.offset,
    "deixis": dates.deixis,
    "pod": dates.pod,
    "clock": amounts.clock,
    "duration": amounts.duration,
    "set": amounts.set_,
    "ref": amounts.ref,
}

_cue_models: dict[str, CueModel] = {}


def _cue_model(g: grammar_mod.Grammar) -> CueModel:
    m = _cue_models.get(g.lang)
    if m is None:
        m = _cue_models[g.lang] = CueModel(g.tense, f"chronique/lang/{g.lang}/time.yaml")
    return m


def tag(
    text: str,
    anchor: dt.date | None,
    *,
    lang: str = "fr",
    tense: Callable[[int], str] | None = None,
) -> list[Timex]:
    """The temporal expressions of ``text``, normalised against ``anchor`` (the publication date).

    ``tense(offset)`` gives "past", "present", "future" or "" for the clause around a character
    offset (from the annotation stage's morphology); without it, cues from the language data
    decide. With ``anchor=None`` relative expressions keep unknown parts as ``X``
    (``XXXX-WXX-3``) or are resolved against an explicit date of the text.
    """
    if isinstance(anchor, dt.datetime):
        anchor = anchor.date()
    g = grammar_mod.load(lang)
    hits = scan(text, g)
    direction = direction_reader(text, _cue_model(g), tense)
    ctx = Context(text, g, anchor, direction)
    outs: list[tuple[Out, str]] = []
    for hit in hits:
        for out in HANDLERS[hit.rule.kind](ctx, hit):
            outs.append((out, hit.rule.id))
            if not out.suffix and _DAY_VALUE.match(out.value) and "/" not in out.value:
                ctx.last_day = dt.date.fromisoformat(out.value[:10])
    _refer_forward(outs)
    _place_on_days(text, outs, anchor, g)
    _join_intervals(text, outs, g)
    return [_timex(text, o, rule) for o, rule in outs if o.value]


_WORD_START = re.compile(r"(?<![\w\-])\w")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def scan(text: str, g: grammar_mod.Grammar) -> list[Hit]:
    """Every rule match of ``text``, left to right, filters applied.

    Rules are tried only at word starts near a trigger word (every expression holds one), and
    there only the rules that can start with the character found: trying every rule at every
    position would cost microseconds per character.
    """
    hits: list[Hit] = []
    windows: list[list[int]] = []
    for t in g.triggers.finditer(text):
        a = max(0, t.start() - g.reach)
        if windows and a <= windows[-1][1]:
            windows[-1][1] = t.end()
        else:
            windows.append([a, t.end()])
    done = 0  # no match may start before the end of the previous one
    candidates, k = g.candidates, grammar_mod.PREFIX_LEN
    breaks = [m.start() for m in _PARAGRAPH_BREAK.finditer(text)]
    for a, b in windows:
        for w in _WORD_START.finditer(text, max(a, done), b):
            p = w.start()
            if p < done:
                continue
            # an expression never runs into the next paragraph ("… annoncée vendredi" above a
            # paragraph that opens "La semaine dernière, …")
            n = bisect.bisect_left(breaks, p)
            stop = breaks[n] if n < len(breaks) else len(text)
            for rule in candidates(text[p : p + k]):
                m = rule.regex.match(text, p, stop)
                if m is None:
                    continue
                hit = Hit(
                    rule,
                    p,
                    m.end(),
                    {k: (v, m.start(k), m.end(k)) for k, v in m.groupdict().items() if v is not None},
                )
                if _accept(text, hit, g):
                    hits.append(hit)
                    done = max(hit.end, p + 1)
                    break
    return hits


def _accept(text: str, hit: Hit, g: grammar_mod.Grammar) -> bool:
    f = hit.rule.filters
    if not f:
        return True
    if any(name in hit.groups for name in f.get("unless", ())):
        return _lowercase_ok(text, hit, f.get("lowercase", ()))
    left = text[max(0, hit.start - 80) : hit.start]
    right = text[hit.end : hit.end + 80]
    if any(g.context(c).search(left) for c in f.get("reject_left", ())):
        return False
    if any(g.context(c).match(right) for c in f.get("reject_right", ())):
        return False
    if any(not g.context(c).search(left) for c in f.get("require_left", ())):
        return False
    if any(not g.context(c).match(right) for c in f.get("require_right", ())):
        return False
    return _lowercase_ok(text, hit, f.get("lowercase", ()))


def _lowercase_ok(text: str, hit: Hit, groups: tuple[str, ...]) -> bool:
    """A name the language writes in lower case, capitalised inside a sentence, is something else."""
    for name in groups:
        g = hit.groups.get(name)
        if not g or not g[0][:1].isupper() or g[0].isupper():
            continue
        before = text[: g[1]].rstrip(" \t\u00a0")
        if before and before[-1] not in '.!?\n«"“(:—–-…':
            return False
    return True


def _refer_forward(outs: list[tuple[Out, str]]) -> None:
    """ "la veille du 1er mai": the day before the date that follows, not before the last one."""
    for k, (o, _) in enumerate(outs):
        if o.of_next is None or k + 1 >= len(outs):
            continue
        nxt = outs[k + 1][0]
        if nxt.start - o.end <= 8 and _DAY_VALUE.match(nxt.value):
            day = dt.date.fromisoformat(nxt.value[:10]) + dt.timedelta(days=o.of_next)
            o.value = day.isoformat() + o.value[10:]
            o.anchor, o.anchor_kind = nxt.value[:10], "previous-timex"


def _place_on_days(
    text: str, outs: list[tuple[Out, str]], anchor: dt.date | None, g: grammar_mod.Grammar
) -> None:
    """Give clock times and parts of the day their day."""
    days = [
        (o.start, o.value[:10])
        for o, _ in outs
        if not o.suffix and _DAY_VALUE.match(o.value) and "/" not in o.value
    ]
    starts = [s for s, _ in days]
    model = _cue_model(g)
    bounds: list[int] | None = None
    for o, _ in outs:
        if not o.suffix:
            continue
        k = bisect.bisect_left(starts, o.start)
        day, kind = "", "previous-timex"
        if o.day_from == "near":
            if bounds is None:
                bounds = [0] + [m.end() for m in model.sentence_break.finditer(text)] + [len(text)]
            si = bisect.bisect_right(bounds, o.start) - 1
            a, b = bounds[max(si, 0)], bounds[min(si + 1, len(bounds) - 1)]
            if k > 0 and days[k - 1][0] >= a:
                day = days[k - 1][1]
            elif k < len(days) and days[k][0] < b:
                day = days[k][1]
        if not day and k > 0:
            day = days[k - 1][1]
        if not day and anchor is not None:
            day, kind = anchor.isoformat(), "document"
        if day:
            o.value, o.anchor, o.anchor_kind = day + o.suffix, day, kind
        else:
            o.value, o.anchor_kind = "XXXX-XX-XX" + o.suffix, "none"


def _join_intervals(text: str, outs: list[tuple[Out, str]], g: grammar_mod.Grammar) -> None:
    """Mark two expressions joined by a range connector as the ends of one interval."""
    between = g.contexts.get("range_between")
    opener = g.contexts.get("range_opener")
    if between is None or opener is None:
        return
    for k in range(len(outs) - 1):
        a, b = outs[k][0], outs[k + 1][0]
        if (
            a.begin
            or b.begin
            or a.type in ("DURATION", "SET")
            or a.type != b.type
            or a.precision != b.precision
        ):
            continue
        if not a.value or not b.value or a.value.startswith(("P", "PRESENT", "PAST", "FUTURE")):
            continue
        if not between.fullmatch(text, a.end, b.start) or not opener.search(
            text[max(0, a.start - 30) : a.start]
        ):
            continue
        if a.value[:4].isdigit() and b.value[:4].isdigit() and len(a.value) == len(b.value):
            ya, yb = int(a.value[:4]), int(b.value[:4])
            if a.value > b.value and a.anchor_kind == "document":
                # "entre novembre et février": the first end lies before the second.
                a.value = f"{ya - 1:04d}{a.value[4:]}"
            elif yb > ya and b.value[4:] >= a.value[4:] and b.anchor_kind == "document":
                # "entre mars et mai": both ends in the same year when they can be.
                b.value = f"{ya:04d}{b.value[4:]}"
        for o in (a, b):
            o.begin, o.end_value = a.value, b.value


def _timex(text: str, o: Out, rule: str) -> Timex:
    return Timex(
        start=o.start,
        end=o.end,
        text=text[o.start : o.end],
        type=o.type,
        value=o.value,
        precision=o.precision,
        anchor=o.anchor,
        anchor_kind=o.anchor_kind if o.anchor else "none",
        rule=rule,
        begin=o.begin,
        end_value=o.end_value,
        mod=o.mod,
        direction=o.direction.rstrip("!") if o.direction.rstrip("!") in ("past", "future") else "",
    )
