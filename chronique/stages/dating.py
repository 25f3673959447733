"""Stage 4, dating: when was each article published?

Reads the article's metadata, its header stamps, its text (and the annotation, for tense); writes a
:class:`PubDate`: value, precision, method, confidence and the evidence, never a bare date.

The order of trust:

1. **Metadata**: a sidecar, a JSON/CSV field, a ``YYYY-MM-DD`` folder, the HTML page's own date.
2. **Header stamps** lifted by the cleaner: the creation stamp ("07/12/2016 12:12 EST"), never the
   update ("Actualisé 08/12/2017"); numeric dates read in the language's order (day first in French).
   A month stamp ("date 2019-12") gives a month, which inference may narrow to a day.
3. **Inference** from the text when nothing above gives a day: weekdays and explicit dates must agree
   ("vendredi 19 février" allows only the years where 19 February is a Friday); dates mentioned in the
   past bound the publication from below, those in the future from above; the lead's weekday says
   which day of the week the news broke; the rest of the collection (:class:`Context`) breaks ties
   between years. The result says it was inferred, and is an interval when the text allows several
   days. A day is never given that the text cannot support: otherwise the date is unknown.

A header date that the weekdays of the text contradict is flagged. Language words (months, weekdays,
future cues, numeric order) come from ``lang/<code>/calendar.yaml``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime

from chronique import lang as langdata
from chronique.models import Article

COMPONENT = "chronique.dating.v1"

#: A past reference in the text bounds the publication from below; the news is assumed to be told
#: within this many days of the latest dated past reference when a weekday must be placed.
RECENCY_DAYS = 7
#: A weekday placed this close after the latest dated reference written with its own weekday is
#: that same news: a single day.
SAME_NEWS_DAYS = 1
#: Inferred candidates spread over more days than this make the date unknown rather than an interval.
MAX_INTERVAL_DAYS = 31
#: How far from a dated reference a weekday + date pair may lie (half a year either way).
PAIR_WINDOW_DAYS = 183


@dataclass(frozen=True, slots=True)
class PubDate:
    """A publication date with how it was found. ``value`` is ISO (day ``2016-05-03``, month ``2019-12``)."""

    value: str = ""
    precision: str = "unknown"  # day | month | year | interval | unknown
    begin: str = ""  # first possible day (intervals, and inferred days)
    end: str = ""  # last possible day
    method: str = "unknown"  # metadata | header-stamp | inferred | unknown
    source: str = ""  # where: "sidecar", "field:published", "folder", "html", the stamp's text, ...
    confidence: float = 0.0
    evidence: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()

    @property
    def day(self) -> date | None:
        return date.fromisoformat(self.value) if self.precision == "day" else None


@dataclass(frozen=True, slots=True)
class Context:
    """What the rest of the collection says: the span of the publication dates known for sure."""

    first: date | None = None
    last: date | None = None


@dataclass(frozen=True, slots=True)
class Clue:
    """A date-like expression read in the text, for inference."""

    kind: str  # weekday | daymonth | full | year
    start: int  # offsets in Article.body
    end: int
    text: str
    weekday: int | None = None  # ISO 1..7
    day: int | None = None
    month: int | None = None
    year: int | None = None
    tense: str = ""  # past | present | future | "" (unknown)
    lead: bool = False  # in the first body paragraph


@dataclass(frozen=True)
class _Calendar:
    months: dict[str, int]
    weekdays: dict[str, int]
    order: str
    future: re.Pattern[str] | None
    past: re.Pattern[str] | None
    weekday_re: re.Pattern[str]
    daymonth_re: re.Pattern[str]
    monthday_re: re.Pattern[str]
    year_re: re.Pattern[str] = field(default=re.compile(r"\b(1[89]\d\d|20\d\d)\b"))


@functools.cache
def _languages() -> frozenset[str]:
    """The languages with data: a folder listing, read once per process (folders come with the
    install; listing them for every article cost a fifth of dating's time)."""
    return frozenset(langdata.available())


def _alt(words: Sequence[str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


@functools.lru_cache(maxsize=8)
def calendar(code: str) -> _Calendar:
    d = langdata.load(code, "calendar.yaml")
    months = {w.lower(): int(m) for m, ws in d["months"].items() for w in ws}
    weekdays = {w.lower(): int(k) for k, ws in d["weekdays"].items() for w in ws}
    mon, wd, od = _alt(list(months)), _alt(list(weekdays)), d["ordinal_day"]
    flags = re.IGNORECASE
    return _Calendar(
        months=months,
        weekdays=weekdays,
        order=d.get("numeric_order", "DMY"),
        future=re.compile(
            "|".join(
                [rf"\b({_alt(d['future_cues'])})\b", *([d["future_verb"]] if d.get("future_verb") else [])]
            ),
            flags,
        )
        if d.get("future_cues")
        else None,
        past=re.compile(d["past_verb"], flags) if d.get("past_verb") else None,
        weekday_re=re.compile(
            rf"\b(?P<wd>{wd})\b(?:\s+{od}\s+(?P<month>{mon})\.?(?:\s+(?P<year>\d{{4}}))?\b)?", flags
        ),
        daymonth_re=re.compile(
            rf"\b(?:\d{{1,2}}(?:er|e)?\s*(?:[-–]|et|au)\s*)?{od}\s+(?P<month>{mon})\.?(?:\s+(?P<year>\d{{4}}))?\b",
            flags,
        ),
        monthday_re=re.compile(rf"\b(?P<month>{mon})\.?\s+{od},?\s+(?P<year>\d{{4}})\b", flags),
    )


# -- reading a date string (metadata, stamps) ------------------------------------------------------------


def _year2(y: int) -> int:
    return y if y >= 100 else (2000 + y if y < 70 else 1900 + y)


def parse_date(text: str, code: str = "fr") -> tuple[date | None, str]:
    """Read a date as metadata or a stamp gives it; return (date, precision) or (None, "unknown").

    Understands ISO dates and datetimes, ``YYYY-MM`` and ``YYYY``, numeric dates in the language's
    order (``03/05/16``), epoch seconds or milliseconds, RFC 2822, and written dates in the
    language ("3 mai 2016", "December 26, 2019").
    """
    s = text.strip()
    if not s:
        return None, "unknown"
    m = re.search(r"\b(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3])), "day"
        except ValueError:
            return None, "unknown"
    m = re.fullmatch(r"(\d{4})-(\d{2})", s)
    if m and 1 <= int(m[2]) <= 12:
        return date(int(m[1]), int(m[2]), 1), "month"
    if re.fullmatch(r"(1[89]|20)\d\d", s):
        return date(int(s), 1, 1), "year"
    if re.fullmatch(r"\d{9,13}(\.\d+)?", s):
        v = float(s)
        return datetime.fromtimestamp(v / 1000 if v > 1e11 else v, UTC).date(), "day"
    m = re.search(r"\b(\d{1,4})[/.-](\d{1,2})[/.-](\d{2,4})\b", s)
    if m:
        a, b, c = int(m[1]), int(m[2]), int(m[3])
        order = calendar(code).order if code in _languages() else "DMY"
        y, mo, d = (
            (a, b, c) if m[1].__len__() == 4 else ((_year2(c), b, a) if order == "DMY" else (_year2(c), a, b))
        )
        try:
            return date(y, mo, d), "day"
        except ValueError:
            return None, "unknown"
    for lang in dict.fromkeys([code, "fr", "en"]):
        if lang not in _languages():
            continue
        cal = calendar(lang)
        for rx in (cal.daymonth_re, cal.monthday_re):
            m = rx.search(s)
            if m and m["year"]:
                try:
                    return date(int(m["year"]), cal.months[m["month"].lower()], int(m["day"])), "day"
                except ValueError:
                    continue
    try:
        return parsedate_to_datetime(s).date(), "day"
    except (TypeError, ValueError, IndexError):
        return None, "unknown"


# -- clues in the text -------------------------------------------------------------------------------------


def clues(article: Article, tense_at: Callable[[int], str] | None = None) -> list[Clue]:
    """Weekdays, day-month dates, full dates and years mentioned in the body, with their tense."""
    out: list[Clue] = []
    lead = _lead(article)
    for pi, p in enumerate(article.paragraphs):
        code = p.lang if p.lang in _languages() else article.lang or "fr"
        try:
            cal = calendar(code)
        except Exception:  # a language without calendar data gives no clues
            continue
        text = article.body[p.start : p.end]
        found: list[tuple[str, re.Match[str], dict[str, int | None]]] = []
        for m in cal.weekday_re.finditer(text):
            day = int(m["day"]) if m["day"] else None
            month = cal.months[m["month"].lower()] if m["month"] else None
            year = int(m["year"]) if m["year"] else None
            kind = "full" if year else ("daymonth" if day else "weekday")
            found.append(
                (
                    kind,
                    m,
                    {"weekday": cal.weekdays[m["wd"].lower()], "day": day, "month": month, "year": year},
                )
            )
        for rx in (cal.daymonth_re, cal.monthday_re):
            for m in rx.finditer(text):
                year = int(m["year"]) if m["year"] else None
                month = cal.months[m["month"].lower()]
                found.append(
                    ("full" if year else "daymonth", m, {"day": int(m["day"]), "month": month, "year": year})
                )
        for m in cal.year_re.finditer(text):
            found.append(("year", m, {"year": int(m.group())}))
        taken: list[tuple[int, int]] = []
        first_stop = _FIRST_STOP.search(text)
        lead_end = first_stop.end() if first_stop else len(text)
        for kind, m, kw in found:  # first reading wins: a weekday with its date, then dates, then years
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            start = p.start + m.start()
            tense = _tense(start, text, m, cal, tense_at)
            in_lead = pi == lead and m.start() < lead_end
            out.append(Clue(kind, start, p.start + m.end(), m.group(), tense=tense, lead=in_lead, **kw))
    out.sort(key=lambda c: c.start)
    return out


#: The end of a paragraph's first sentence: the lead's weekday must be in it.
_FIRST_STOP = re.compile(r"[.!?…](?=\s+[«\"A-ZÀ-Ý]|[A-ZÀ-Ý])")


def _lead(article: Article) -> int:
    return next((i for i, p in enumerate(article.paragraphs) if p.kind == "body"), 0)


def _tense(
    start: int, text: str, m: re.Match[str], cal: _Calendar, tense_at: Callable[[int], str] | None
) -> str:
    if tense_at is not None:
        t = tense_at(start)
        if t:
            return t
    if cal.future is not None:
        sentence_start = max(text.rfind(". ", 0, m.start()), 0)
        sentence_end = text.find(". ", m.end())
        window = text[sentence_start : sentence_end if sentence_end > 0 else len(text)]
        if cal.future.search(window):
            return "future"
        if cal.past is not None and cal.past.search(window):
            return "past"
    return ""  # unknown: no parse said, no cue either


# -- the stage --------------------------------------------------------------------------------------------


def from_metadata(article: Article) -> PubDate | None:
    """Step 1: the date the input gave (sidecar, field, folder, HTML)."""
    raw = article.meta.get("date", "")
    if not raw:
        return None
    origin = article.meta_origin.get("date", "metadata")
    d, precision = parse_date(raw, article.lang or "fr")
    if d is None:
        return PubDate(flags=(f"unreadable-metadata-date:{raw}",))
    value = d.isoformat() if precision == "day" else d.isoformat()[: 7 if precision == "month" else 4]
    conf = 0.9 if origin == "folder" else 0.95
    return PubDate(
        value, precision, method="metadata", source=origin, confidence=conf, evidence=(f"{origin}: {raw}",)
    )


def from_stamps(article: Article) -> PubDate | None:
    """Step 2: the creation stamp of the page header (the update stamp only as evidence)."""
    found: PubDate | None = None
    notes: list[str] = []
    for st in article.stamps:
        d, precision = parse_date(st.text, article.lang or "fr")
        if d is None:
            continue
        if st.role == "updated":
            notes.append(f"update stamp {st.text!r} [{st.start}:{st.end}] ignored")
            continue
        if found is None or (found.precision != "day" and precision == "day"):
            value = d.isoformat() if precision == "day" else d.isoformat()[: 7 if precision == "month" else 4]
            conf = 0.9 if precision == "day" else 0.7
            found = PubDate(
                value,
                precision,
                method="header-stamp",
                source=st.text,
                confidence=conf,
                evidence=(f"{st.role} stamp {st.text!r} [{st.start}:{st.end}]",),
            )
    if found and notes:
        found = replace(found, evidence=found.evidence + tuple(notes))
    return found


def _bounds(pd: PubDate | None) -> tuple[date, date] | None:
    if pd is None or not pd.value:
        return None
    if pd.precision == "month":
        y, m = map(int, pd.value.split("-"))
        nxt = date(y + (m == 12), m % 12 + 1, 1)
        return date(y, m, 1), nxt - timedelta(days=1)
    if pd.precision == "year":
        y = int(pd.value)
        return date(y, 1, 1), date(y, 12, 31)
    return None


def _pair_ok(c: Clue, d: date) -> bool:
    """Does a weekday + day + month clue agree with publication day ``d``?"""
    assert c.day is not None and c.month is not None
    for y in (d.year - 1, d.year, d.year + 1):
        try:
            when = date(y, c.month, c.day)
        except ValueError:
            continue
        if abs((when - d).days) > PAIR_WINDOW_DAYS or (c.weekday and when.isoweekday() != c.weekday):
            continue
        if (c.tense == "future" and when < d) or (c.tense in ("past", "present") and when > d):
            continue
        return True
    return False


def _resolve(c: Clue, d: date) -> date | None:
    """The date a day-month clue means if the article was published on ``d``."""
    if c.year and c.month and c.day:
        try:
            return date(c.year, c.month, c.day)
        except ValueError:
            return None
    if not (c.month and c.day):
        return None
    for y in (d.year, d.year + 1) if c.tense == "future" else (d.year, d.year - 1):
        try:
            when = date(y, c.month, c.day)
        except ValueError:
            continue
        if (c.tense == "future" and when >= d) or (c.tense != "future" and when <= d):
            return when
    return None


def infer(
    article: Article, found: list[Clue], context: Context | None, known: PubDate | None = None
) -> PubDate:
    """Step 3: the days the text allows, narrowed by the collection; an interval or unknown if several."""
    bounds = _bounds(known)
    years_mentioned = [c.year for c in found if c.kind in ("year", "full") and c.year and c.tense != "future"]
    if bounds is None:
        pairs = [c for c in found if c.weekday and c.day and c.month]
        if context and context.first and context.last:
            lo, hi = date(context.first.year - 1, 1, 1), date(context.last.year + 1, 12, 31)
        elif pairs or years_mentioned:
            y0 = max(years_mentioned) if years_mentioned else 1990
            lo, hi = date(max(y0, 1990), 1, 1), date(datetime.now(UTC).year, 12, 31)
        else:
            return PubDate(evidence=("no date in metadata, stamps or text",))
        bounds = (lo, hi)
    lo, hi = bounds
    if years_mentioned:
        lo = max(lo, date(max(years_mentioned), 1, 1))
    if lo > hi or (hi - lo).days > 366 * 12:
        return PubDate(evidence=("the text's dates leave too wide a span",))
    lead_wd = next((c for c in found if c.kind == "weekday" and c.lead and c.tense != "future"), None)
    lead_day = lead_wd.weekday if lead_wd is not None and lead_wd.weekday else None
    pairs = [c for c in found if c.weekday and c.day and c.month]
    dated = [c for c in found if c.kind in ("daymonth", "full")]
    candidates = []
    d = lo
    while d <= hi:
        # the lead's weekday is the day the news broke: published that day or the next
        if all(_pair_ok(c, d) for c in pairs) and (lead_day is None or (d.isoweekday() - lead_day) % 7 <= 1):
            ok = True
            for c in dated:
                when = _resolve(c, d)
                if (
                    when is not None
                    and c.year
                    and ((c.tense == "future" and when < d) or (c.tense != "future" and when > d))
                ):
                    ok = False
                    break
            if ok:
                candidates.append(d)
        d += timedelta(days=1)
    if not candidates:
        return PubDate(
            evidence=("the text's weekdays and dates agree with no day in range",),
            flags=("inconsistent-dates",),
        )
    # The latest dated past reference anchors the news in time: keep the days right after it.
    anchored: list[date] = []
    tight: list[date] = []  # the days right after the latest reference: the same news
    for d in candidates:
        # a full date before the day is past whatever the verb; a yearless one only if the tense says so
        past = [
            w
            for c in dated
            if (c.tense in ("past", "present") or (c.year and c.tense != "future"))
            and (w := _resolve(c, d)) is not None
            and w <= d
        ]
        if past and (d - max(past)).days <= RECENCY_DAYS:
            anchored.append(d)
            latest = max(past)
            gap = (d - latest).days
            # the same news: the latest reference is that very day, or the day before and written
            # with its weekday ("vendredi 19 février"), which pins the calendar
            pinned = any(c.weekday and _resolve(c, d) == latest for c in dated)
            if gap == 0 or (gap <= SAME_NEWS_DAYS and pinned):
                tight.append(d)
    chosen = anchored or candidates
    span = (chosen[-1] - chosen[0]).days
    ev = [
        f"{c.kind} {c.text!r} [{c.start}:{c.end}] ({c.tense})"
        for c in (*pairs, *([lead_wd] if lead_wd else []), *dated)
    ][:8]
    if not anchored and span > MAX_INTERVAL_DAYS:
        if known is not None:
            return replace(known, evidence=(*known.evidence, "inference could not narrow it"))
        return PubDate(
            evidence=(f"{len(candidates)} possible days from {chosen[0]} to {chosen[-1]}: unknown", *ev)
        )
    if len(chosen) == 1 or anchored:
        first = chosen[0]
        # a single day only when the text pins it: one candidate, or the day the latest reference
        # was news (published that day or the next); otherwise the days the text allows
        single = (len(chosen) == 1 and lead_day is not None) or (
            lead_day is not None and bool(tight) and tight[0] == first and (tight[-1] - first).days <= 1
        )
        prec = "day" if single else "interval"
        value = first.isoformat() if prec == "day" else f"{first.isoformat()}/{chosen[-1].isoformat()}"
        return PubDate(
            value,
            prec,
            first.isoformat(),
            chosen[-1].isoformat(),
            "inferred",
            "text",
            0.6 if prec == "day" else 0.4,
            tuple(ev),
        )
    return PubDate(
        f"{chosen[0].isoformat()}/{chosen[-1].isoformat()}",
        "interval",
        chosen[0].isoformat(),
        chosen[-1].isoformat(),
        "inferred",
        "text",
        0.4,
        tuple(ev),
    )


def check_weekdays(pd: PubDate, found: list[Clue]) -> PubDate:
    """Flag a day that the weekday + date pairs of the text contradict."""
    d = pd.day
    if d is None:
        return pd
    bad = [c for c in found if c.weekday and c.day and c.month and not _pair_ok(c, d)]
    if bad:
        return replace(
            pd,
            flags=(*pd.flags, "weekdays-contradict-date"),
            evidence=(*pd.evidence, *(f"disagrees: {c.text!r}" for c in bad)),
        )
    return pd


def settled(pd: PubDate) -> bool:
    """Is ``pd`` a day read from metadata or a header stamp? The collection step leaves those alone;
    every other date may change with the collection's span (:func:`in_context`)."""
    return pd.precision == "day" and pd.method in ("metadata", "header-stamp")


def per_article(article: Article, tense_at: Callable[[int], str] | None = None) -> tuple[PubDate, list[Clue]]:
    """The part of dating that needs only the article (pure): the text's clues, and the date of the
    metadata or else of the creation stamp, checked against the weekdays of the text.

    A date that is not :func:`settled` is final only once :func:`in_context` has seen it."""
    found = clues(article, tense_at)
    first = from_metadata(article)
    if first is None or first.precision != "day":
        first = from_stamps(article) or first
    if first is not None and first.precision == "day":
        return check_weekdays(first, found), found
    return first or PubDate(), found


def in_context(article: Article, found: list[Clue], context: Context | None) -> PubDate:
    """The collection step for an article whose date :func:`per_article` did not settle (pure):
    inference from its clues with the collection's span as context, keeping the month or year the
    metadata or a stamp gave when inference finds nothing."""
    known = from_metadata(article) or from_stamps(article)
    inferred = infer(article, found, context, known if known and known.value else None)
    if known is not None and known.value and not inferred.value:
        return known
    return inferred


def publication_date(
    article: Article, tense_at: Callable[[int], str] | None = None, context: Context | None = None
) -> PubDate:
    """The publication date of one article (pure). ``context`` comes from the rest of the collection."""
    found = clues(article, tense_at)
    meta = from_metadata(article)
    if meta is not None and meta.precision == "day":
        return check_weekdays(meta, found)
    stamp = from_stamps(article)
    if stamp is not None and stamp.precision == "day":
        return check_weekdays(stamp, found)
    known = meta if meta is not None and meta.value else stamp
    inferred = infer(article, found, context, known)
    if inferred.value:
        if known is not None:
            inferred = replace(inferred, evidence=(*known.evidence, *inferred.evidence))
        return inferred
    return known if known is not None and known.value else inferred
