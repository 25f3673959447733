"""Stage 8, timeline: dated sentences → a chronology of key dates, each with sourced lines.

Reads :class:`DatedSentence` records (built from stored or freshly read articles by
:func:`chronique.stories.dated.dated_sentences`); returns a :class:`Timeline`. Pure: no I/O.

The chronique method (:func:`timeline`), step by step:

1. **Evidence.** A sentence that mentions a day is evidence for that day (it is *about* it); a
   sentence among the first :data:`LEAD` of its article that mentions no day is evidence for the
   publication day. Boilerplate — the same sentence published on :data:`BOILERPLATE_DAYS` or more
   different days — is evidence for nothing.
2. **Salience by independent sources.** A day's score sums, over wire-copy groups (the same
   dispatch in five outlets is one source), the best evidence each group gives:
   :data:`REMEMBERED_WEIGHT` when an article published more than :data:`MEMORY_DAYS` days later
   names the day (what is remembered mattered), :data:`COVERAGE_WEIGHT` for ordinary daily
   coverage; each weighted by how related its sentence is to the collection (:data:`RELEVANCE`),
   the sum divided by the local publication volume (:data:`VOLUME_DAMPING`).
3. **Key dates**: the ``n_dates`` best-scoring days inside ``[start, end]``.
4. **Summaries.** For each key date, up to ``per_date`` sentences among its evidence, ranked by
   how central they are to that day's sentences (TF-IDF cosine to the day's centroid) times
   ``1 + ln(independent sources carrying the sentence)``, skipping any too similar to one already
   chosen (:data:`REDUNDANCY`) and any of unusual length. Faithfulness comes from step 1: a line
   only goes under a day it names, or under its publication day when it names none (a sentence
   about 16 December goes under 16 December, not under the day it was published).
5. Every line carries its sources: the chosen sentence and every copy of it (article, the
   input's own id, outlet, offsets in ``Article.body``).

Dates are :class:`Period` values: a day, or — when the sentences carry :class:`PeriodMention`
records (the store's timexes do, see :mod:`chronique.timeline`) — a week, a month or a short
interval of days ("les 11-12 février"). A period is evidence only for the sentences that name it
and no day inside it; weeks and months weigh :data:`PRECISION_WEIGHT` of a day, so a day with the
same support ranks first. Sentences with day mentions only (the TLS evaluation) give day entries
exactly as before.

Constants were set on the French ML-Crisis dev topics (``docs/timeline.md`` says which choices
helped and which did not); ``chronique.stories.datewise`` is the baseline they are compared with.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from chronique.stories.mentions import DateMention

COMPONENT = "chronique.timeline.v1"

#: Sentences of an article that speak for its publication day when they mention no other: the
#: lead of a news story says what happened that day (or the day before).
LEAD = 5
#: Evidence weights (per independent source, the best of its sentences counts). A day named by an
#: article published more than :data:`MEMORY_DAYS` later is *remembered*: the strongest sign that it
#: mattered. Naming it soon after, the same day, or ahead of time (an announced event), or publishing
#: on it, is ordinary daily coverage, which every day of a busy week gets.
REMEMBERED_WEIGHT = 1.0
COVERAGE_WEIGHT = 0.1
MEMORY_DAYS = 7
#: A day's score is divided by (1 + mean articles published per day around it)^VOLUME_DAMPING, over
#: ±VOLUME_WINDOW days: four sources on a quiet day say more than four in the week of a crisis.
VOLUME_DAMPING = 1.0
VOLUME_WINDOW = 15
#: Evidence from a sentence less related to the collection than the median sentence (TF-IDF cosine
#: to the collection's centroid) is weighted by (its relatedness / the median)^RELEVANCE: a date
#: named in an aside about another country does not make a key date of this story.
RELEVANCE = 1.0
#: A sentence published identically on this many different days is boilerplate, not news.
BOILERPLATE_DAYS = 3
#: Cosine similarity above which a candidate line repeats one already chosen for the day.
REDUNDANCY = 0.5
#: Lines shorter or longer than this (content words) are not chronology lines: a caption or a
#: dateline is too short, a paragraph the splitter could not cut is too long.
MIN_WORDS, MAX_WORDS = 5, 60
#: Evidence for a week or a month counts this share of the same evidence for a day: a month one
#: source remembers ranks with a day one source covers (REMEMBERED_WEIGHT × 0.1 = COVERAGE_WEIGHT).
#: "En août" says less about when than "le 16 août", and months are mostly background ("depuis
#: septembre 2021"); at 0.5 they took a third of the demo chronology's dates, at 0.1 they keep the
#: ones several sources name (docs/timeline.md). A short interval of days ("les 11-12 février") is
#: as precise as its days.
PRECISION_WEIGHT: dict[str, float] = {"day": 1.0, "interval": 1.0, "week": 0.1, "month": 0.1}
#: Number of dates when the caller does not say (``n_dates=None``): DATES_BASE + DATES_PER_LOG ×
#: ln(independent sources), never more than there are candidate dates. A chronology grows with its
#: coverage, but slowly: the hundredth wire-copy group mostly repeats days already told. 5 sources
#: give up to 25 dates, 40 give 42, 1,000 give 67 (docs/timeline.md, "How many dates").
DATES_BASE, DATES_PER_LOG = 12, 8.0


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """A date of a chronology: a day, a week, a month or a short interval of days (ends included).

    ``value`` is its TIMEX3 value (``2016-12-07``, ``2019-W51``, ``2019-08``,
    ``2016-02-11/2016-02-12``); ``precision`` is ``day``, ``week``, ``month`` or ``interval``.
    Periods sort by their first day, then their last: a day before the week or month it opens.
    """

    begin: date
    end: date
    precision: str = "day"
    value: str = ""

    @classmethod
    def of_day(cls, d: date) -> Period:
        return cls(d, d, "day", d.isoformat())

    @property
    def days(self) -> int:
        return (self.end - self.begin).days + 1

    @property
    def middle(self) -> date:
        return self.begin + timedelta(days=(self.end - self.begin).days // 2)

    def contains(self, d: date) -> bool:
        return self.begin <= d <= self.end


@dataclass(frozen=True, slots=True)
class PeriodMention:
    """A period longer than a day named in a text (week, month, interval of days); offsets in that text."""

    start: int
    end: int
    text: str
    period: Period
    method: str = ""


@dataclass(frozen=True, slots=True)
class DatedSentence:
    """A sentence of an article with its dates and provenance; offsets index ``Article.body``."""

    article_id: str
    outlet: str
    start: int
    end: int
    text: str
    pub_date: date | None
    mentions: tuple[DateMention, ...] = ()
    index: int = 0  # position of the sentence in its article
    group: str = ""  # wire-copy group of its article ("" = the article alone)
    key: str = ""  # normalised sentence hash: copies of a sentence share it
    periods: tuple[PeriodMention, ...] = ()  # weeks, months, intervals of days it names
    source_id: str = ""  # the input's own id of its article (Article.source_id)

    @property
    def source(self) -> str:
        return self.group or self.article_id


@dataclass(frozen=True, slots=True)
class Source:
    article_id: str
    outlet: str
    start: int
    end: int
    source_id: str = ""


@dataclass(frozen=True, slots=True)
class Line:
    """One sentence of a timeline with the sentences that support it (the first is the one shown)."""

    text: str
    sources: tuple[Source, ...]
    evidence: str  # "mention": the sentence names the day; "published": lead sentence of that day
    score: float = 0.0


@dataclass(frozen=True, slots=True)
class Entry:
    date: date  # the day, or the first day of the period
    lines: tuple[Line, ...]
    score: float
    sources: int  # independent sources (wire-copy groups) that support the day
    period: Period | None = None  # None: the day ``date``

    @property
    def when(self) -> Period:
        return self.period or Period.of_day(self.date)


@dataclass(frozen=True)
class Timeline:
    entries: tuple[Entry, ...]
    method: str = "chronique"
    params: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[date, list[str]]:
        """Date → line texts (what the measures compare)."""
        return {e.date: [ln.text for ln in e.lines] for e in self.entries}

    def to_t17(self) -> str:
        """The Timeline17 text format: a date line, one sentence per line, 32 dashes.

        The format has only days: a week, month or interval entry is written under its first day."""
        out = []
        for e in self.entries:
            out.append(e.date.isoformat())
            out.extend(" ".join(ln.text.split()) for ln in e.lines)
            out.append("-" * 32)
        return "\n".join(out) + ("\n" if out else "")


# -- shared steps ---------------------------------------------------------------------------------


def in_span(d: date | None, start: date | None, end: date | None) -> bool:
    return d is not None and (start is None or d >= start) and (end is None or d <= end)


def boilerplate_keys(sentences: Iterable[DatedSentence], days: int = BOILERPLATE_DAYS) -> set[str]:
    """Keys of sentences published identically on ``days`` or more different days."""
    seen: dict[str, set[date]] = defaultdict(set)
    for s in sentences:
        if s.key and s.pub_date is not None:
            seen[s.key].add(s.pub_date)
    return {k for k, ds in seen.items() if len(ds) >= days}


def evidence(
    s: DatedSentence, start: date | None, end: date | None, lead: int = LEAD
) -> list[tuple[date, str]]:
    """The days a sentence is evidence for, with how: ("mention" | "published")."""
    named = sorted({m.value for m in s.mentions if in_span(m.value, start, end)})
    if named:
        return [(d, "mention") for d in named]
    if s.mentions or s.index >= lead or not in_span(s.pub_date, start, end):
        return []
    assert s.pub_date is not None
    return [(s.pub_date, "published")]


def period_evidence(
    s: DatedSentence, start: date | None, end: date | None, lead: int = LEAD
) -> list[tuple[Period, str]]:
    """The periods a sentence is evidence for, with how: ("mention" | "published").

    Days as :func:`evidence` gives them; then the longer periods the sentence names inside the span,
    except those holding a day it also names ("le 16 décembre, en plein mois de décembre" is about
    the 16th)."""
    out = [(Period.of_day(d), how) for d, how in evidence(s, start, end, lead) if how == "mention"]
    named_days = {m.value for m in s.mentions}
    longer = sorted(
        {
            pm.period
            for pm in s.periods
            if in_span(pm.period.begin, start, end)
            and in_span(pm.period.end, start, end)
            and not any(pm.period.contains(d) for d in named_days)
        }
    )
    out.extend((p, "mention") for p in longer)
    if out or s.periods:
        return out
    return [(Period.of_day(d), how) for d, how in evidence(s, start, end, lead)]


def sources_of(chosen: DatedSentence, copies: Sequence[DatedSentence]) -> tuple[Source, ...]:
    seen = {(chosen.article_id, chosen.start)}
    out = [Source(chosen.article_id, chosen.outlet, chosen.start, chosen.end, chosen.source_id)]
    for c in sorted(copies, key=lambda x: (x.article_id, x.start)):
        if (c.article_id, c.start) not in seen:
            seen.add((c.article_id, c.start))
            out.append(Source(c.article_id, c.outlet, c.start, c.end, c.source_id))
    return tuple(out)


def default_dates(sentences: Iterable[DatedSentence]) -> int:
    """How many dates a chronology of ``sentences`` gets when the caller does not say (see
    :data:`DATES_BASE`)."""
    n_sources = len({s.source for s in sentences})
    return round(DATES_BASE + DATES_PER_LOG * math.log(n_sources)) if n_sources else 0


# -- the chronique method --------------------------------------------------------------------------


def timeline(
    sentences: Sequence[DatedSentence],
    *,
    n_dates: int | None,
    per_date: int,
    start: date | None,
    end: date | None,
    lang: str = "fr",
) -> Timeline:
    """The chronology of ``sentences``: ``n_dates`` key dates in ``[start, end]``, ``per_date`` lines each.

    ``n_dates=None`` lets the data decide (:func:`default_dates`)."""
    from chronique.stories import textvec

    if n_dates is None:
        n_dates = default_dates(sentences)
    junk = boilerplate_keys(sentences)
    cands: dict[Period, list[tuple[DatedSentence, str]]] = defaultdict(list)
    by_key: dict[str, list[DatedSentence]] = defaultdict(list)
    for s in sentences:
        if s.key in junk:
            continue
        by_key[s.key].append(s)
        for p, how in period_evidence(s, start, end):
            cands[p].append((s, how))
    toks = {id(s): textvec.words(s.text, lang) for items in cands.values() for s, _ in items}
    idf = textvec.Idf(toks.values())
    vecs = {k: idf.vector(t) for k, t in toks.items()}
    topic = textvec.centroid(vecs.values())
    rel = {k: textvec.cosine(v, topic) for k, v in vecs.items()}
    typical = sorted(rel.values())[len(rel) // 2] if rel else 0.0
    weight = {k: min(1.0, r / typical) ** RELEVANCE if typical > 0 else 1.0 for k, r in rel.items()}

    volume = _volume(sentences)
    scores = {
        p: _date_score(p, items, weight) / (1 + volume(p.middle)) ** VOLUME_DAMPING
        for p, items in cands.items()
    }
    ranked = sorted(scores, key=lambda p: (-scores[p], -len(cands[p]), p))

    entries: list[Entry] = []
    for p in ranked:
        if len(entries) >= n_dates:
            break
        lines = _summarise(cands[p], per_date, vecs, toks, by_key)
        if lines:
            n_src = len({s.source for s, _ in cands[p]})
            entries.append(Entry(p.begin, tuple(lines), round(scores[p], 4), n_src, p))
    entries.sort(key=lambda e: (e.when.begin, e.when.end))
    params = {"n_dates": n_dates, "per_date": per_date, "start": str(start), "end": str(end)}
    return Timeline(tuple(entries), "chronique", params)


def _date_score(p: Period, items: Sequence[tuple[DatedSentence, str]], weight: dict[int, float]) -> float:
    """Sum over independent sources of the best evidence each gives for ``p``."""
    best: dict[str, float] = {}
    for s, how in items:
        remembered = how == "mention" and s.pub_date is not None and (s.pub_date - p.end).days > MEMORY_DAYS
        w = REMEMBERED_WEIGHT if remembered else COVERAGE_WEIGHT
        w *= weight.get(id(s), 1.0)
        best[s.source] = max(best.get(s.source, 0.0), w)
    return sum(best.values()) * PRECISION_WEIGHT.get(p.precision, 1.0)


def _volume(sentences: Sequence[DatedSentence]) -> Callable[[date], float]:
    """Mean number of articles published per day within ±VOLUME_WINDOW days of a day."""
    per_day: Counter[date] = Counter()
    seen: set[str] = set()
    for s in sentences:
        if s.pub_date is not None and s.article_id not in seen:
            seen.add(s.article_id)
            per_day[s.pub_date] += 1
    width = 2 * VOLUME_WINDOW + 1

    def volume(d: date) -> float:
        return (
            sum(per_day.get(d + timedelta(days=i), 0) for i in range(-VOLUME_WINDOW, VOLUME_WINDOW + 1))
            / width
        )

    return volume


def _summarise(
    items: Sequence[tuple[DatedSentence, str]],
    k: int,
    vecs: dict[int, dict[str, float]],
    toks: dict[int, list[str]],
    by_key: dict[str, list[DatedSentence]],
) -> list[Line]:
    from chronique.stories import textvec

    pool = [(s, how) for s, how in items if MIN_WORDS <= len(toks[id(s)]) <= MAX_WORDS]
    if not pool:
        return []
    center = textvec.centroid(vecs[id(s)] for s, _ in pool)
    scored = []
    for s, how in pool:
        copies = by_key.get(s.key, [s])
        n_src = len({c.source for c in copies})
        score = textvec.cosine(vecs[id(s)], center) * (1 + math.log(n_src))
        scored.append((score, s, how))
    scored.sort(key=lambda x: (-x[0], x[1].article_id, x[1].start))
    chosen: list[Line] = []
    chosen_vecs: list[dict[str, float]] = []
    seen_keys: set[str] = set()
    for score, s, how in scored:
        if len(chosen) >= k:
            break
        v = vecs[id(s)]
        if s.key in seen_keys or any(textvec.cosine(v, c) > REDUNDANCY for c in chosen_vecs):
            continue
        seen_keys.add(s.key)
        chosen_vecs.append(v)
        chosen.append(
            Line(" ".join(s.text.split()), sources_of(s, by_key.get(s.key, [])), how, round(score, 4))
        )
    return chosen
