"""From a grammar match to TIMEX3 values: the records and helpers the handlers share.

A handler (one per rule kind, in :mod:`chronique.time.dates` and :mod:`chronique.time.amounts`)
reads the match's named groups (their meaning is fixed: ``day``, ``month``, ``wd``, ``rel`` ...;
see ``lang/<code>/time_rules.yaml``), looks their words up in the lexicon and computes values with
:mod:`chronique.time.calendar`. It returns :class:`Out` records; the tagger turns them into
:class:`~chronique.time.model.Timex`. Language-neutral.

Clock times and parts of the day ("21 h 45", "la nuit") are values *on a day*; their handler
leaves the day to the tagger (``Out.suffix``), which takes it from the dates around them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from chronique.time import calendar as cal
from chronique.time.grammar import Grammar, Rule

Groups = dict[str, tuple[str, int, int]]

#: Without a tense (or in the present, for a dated day), a day of the year is the next one if it
#: comes within this many days, else the last one: news announces near dates ("appelle à une grève
#: le 17 septembre", "la présidentielle du 3 novembre") and recounts past ones of any age ("Le 6
#: mars, l'épidémie passe la barre..."). Three months.
SOON_DAYS = "soon:92"
#: The same for a bare month, in months: "en octobre" two months on is near, "en juillet" five
#: months on is more likely last July.
SOON_MONTHS = "soon:3"
#: In the past tense, a dated day a few weeks ahead of the anchor is still the coming one: a past verb
#: often reports a decision about a near date ("a fixé au 17 février", "a été reporté au 3 mars",
#: "ont appelé à manifester le 25"), while a recounted day of last year that close to its anniversary
#: would be written with its year. Thirty-one days: a month ahead at most.
PAST_SOON_DAYS = "soon:31"


@dataclass
class Hit:
    """A match of one rule: its span and its named groups (text, start, end)."""

    rule: Rule
    start: int
    end: int
    groups: Groups

    def get(self, name: str) -> str | None:
        g = self.groups.get(name)
        return g[0] if g else None


@dataclass
class Out:
    start: int
    end: int
    type: str
    value: str = ""
    precision: str = ""
    anchor: str = ""
    anchor_kind: str = "none"
    mod: str = ""
    begin: str = ""
    end_value: str = ""
    direction: str = ""
    #: Clock time or part of day waiting for its day: "T21:45", "TEV".
    suffix: str = ""
    #: Where the day comes from: "near" (a date of the same sentence, else the last one before) or
    #: "previous" (the last date before).
    day_from: str = ""
    #: "la veille de ...": the date that follows may be the reference; the day offset to apply.
    of_next: int | None = None


class Context:
    """What a handler may ask about the text: the anchor, the last date, the tense."""

    def __init__(
        self,
        text: str,
        grammar: Grammar,
        anchor: dt.date | None,
        direction: Callable[[int, int], str],
    ) -> None:
        self.text = text
        self.g = grammar
        self.anchor = anchor
        self._direction = direction
        self.last_day: dt.date | None = None

    def ref(self, scope: str) -> tuple[dt.date | None, str]:
        """The reference date for ``scope`` ("document" or "previous") and the anchor kind."""
        if scope == "previous" and self.last_day is not None:
            return self.last_day, "previous-timex"
        return self.anchor, "document" if self.anchor else "none"

    def tense(self, hit: Hit) -> str:
        return self._direction(hit.start, hit.end)

    def left(self, pos: int, width: int = 80) -> str:
        return self.text[max(0, pos - width) : pos]

    def right(self, pos: int, width: int = 80) -> str:
        return self.text[pos : pos + width]

    def left_is(self, name: str, pos: int) -> re.Match[str] | None:
        return self.g.context(name).search(self.left(pos))

    def right_is(self, name: str, pos: int) -> re.Match[str] | None:
        return self.g.context(name).match(self.right(pos))


def direction_of(tense: str, default: str = "", present: str = "past", past: str = "past") -> str:
    """Calendar direction from a tense: the future looks ahead, the past as ``past`` says (back;
    :data:`PAST_SOON_DAYS` for a dated day), the present as ``present`` says (back for a bare
    weekday or month; :data:`SOON_DAYS` for a dated day, which the news present often announces),
    no tense as ``default``."""
    if tense == "future":
        return "future"
    if tense == "past":
        return past
    if tense == "present":
        return present
    return default


def relative(ctx: Context, hit: Hit, *names: str) -> tuple[int, str] | None:
    for n in names:
        word = hit.get(n)
        if word:
            v = ctx.g.lookup("relatives", word)
            if v:
                return int(v[0]), str(v[1])
    return None


def day_number(ctx: Context, s: str) -> int | None:
    if s[0].isdigit():
        digits = "".join(ch for ch in s if ch.isdigit())
        return int(digits) if digits else None
    v = ctx.g.lookup("ordinals", s)
    return int(v) if v else None


def month_of(ctx: Context, hit: Hit, name: str = "month") -> int | None:
    word = hit.get(name)
    if word:
        v = ctx.g.lookup("months", word) or ctx.g.lookup("month_abbreviations", word)
        return int(v) if v else None
    num = hit.get("monthnum") if name == "month" else None
    return int(num) if num else None


def year_of(ctx: Context, hit: Hit, *names: str) -> int | None:
    for n in names:
        s = hit.get(n)
        if not s:
            continue
        digits = "".join(ch for ch in s if ch.isdigit())
        if len(digits) == 2:
            # Two-digit years: the century that puts the year at most ten years after the anchor.
            yy = int(digits)
            ref = ctx.anchor.year if ctx.anchor else 2000
            year = (ref // 100) * 100 + yy
            return year - 100 if year > ref + 10 else year
        if digits:
            return int(digits)
    return None


def pod_of(ctx: Context, hit: Hit) -> str:
    word = hit.get("pod")
    if not word:
        return ""
    code = str(ctx.g.lookup("parts_of_day", word) or "")
    return f"T{code}" if code else ""


def mod_of(ctx: Context, hit: Hit) -> str:
    pos = hit.get("pos")
    if pos:
        return str(ctx.g.lookup("positions", pos) or "")
    approx = hit.get("approx")
    if approx:
        return str(ctx.g.lookup("approximators", approx) or "")
    return ""


def new_out(hit: Hit, type_: str, value: str, precision: str, **kw: str) -> Out:
    return Out(hit.start, hit.end, hit.rule.type or type_, value, precision, **kw)  # type: ignore[arg-type]


def on_day(out: Out, day: dt.date, pod: str) -> Out:
    out.value = cal.day(day) + pod
    out.precision = "part-of-day" if pod else "day"
    if pod:
        out.type = "TIME"
    return out


def part_out(hit: Hit, group: str, type_: str, value: str, precision: str) -> Out:
    _, s, e = hit.groups[group]
    return Out(s, e, hit.rule.type or type_, value, precision)


def amount(ctx: Context, hit: Hit) -> float | None:
    if hit.get("vague"):
        return None
    s = hit.get("num") or hit.get("num2")
    n = ctx.g.number(s) if s else None
    half = hit.get("half")
    if n is not None and half:
        n += float(ctx.g.lookup("half", half) or 0)
    return n
