"""Timeline summarisation evaluation on the ML-Crisis layout, with the news-tls protocol.

Layout: ``DIR/TOPIC/YYYY-MM-DD/*.txt`` articles (the folder is the publication date) and the gold
chronology ``DIR/reference/TOPIC.txt`` in the Timeline17 text format (a ``YYYY-MM-DD`` line, one
sentence per line, a line of dashes).

Protocol (news-tls ``experiments/evaluate.py``): for each topic, ``l`` = number of gold dates,
``k`` = mean number of sentences per gold date, rounded (Python's ``round``); the articles are those
published inside the gold span ``[first gold date, last gold date]``; the generator is given only
``l``, ``k`` and the span, never the gold text. Scores (:mod:`chronique.eval.rouge`): AR1, AR2
(align+ m:1) and Date-F1 per topic, then precision and recall averaged over topics and F taken from
the averages.

Articles are read with :func:`chronique.ingest.read_file` and cleaned with
:func:`chronique.stages.clean.clean`, grouped by :func:`chronique.stages.dedupe.dedupe`, and split
into sentences by the plain splitter (:mod:`chronique.stories.sentences`) unless ``nlp`` (a
loaded spaCy pipeline) is given. Reading the files is this module's only I/O.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chronique.errors import ChroniqueError, InputError
from chronique.eval import rouge
from chronique.models import Article
from chronique.settings import Settings

if TYPE_CHECKING:
    from chronique.stages.timeline import DatedSentence, Timeline

log = logging.getLogger(__name__)

_DATE_LINE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SEPARATOR = re.compile(r"^-{5,}$")

Generator = Callable[..., "Timeline"]


def _methods() -> dict[str, Generator]:
    from chronique.stages.timeline import timeline
    from chronique.stories.datewise import datewise

    return {"chronique": timeline, "datewise": datewise}


METHODS = ("chronique", "datewise")


def read_t17(text: str) -> dict[date, list[str]]:
    """Parse a Timeline17 text: date → sentences (a date given twice gathers both blocks)."""
    out: dict[date, list[str]] = {}
    cur: date | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if _DATE_LINE.match(line):
            try:
                cur = date.fromisoformat(line)
            except ValueError:
                cur = None
                continue
            out.setdefault(cur, [])
        elif _SEPARATOR.match(line):
            cur = None
        elif line and cur is not None:
            out[cur].append(line)
    return out


def protocol(reference: dict[date, list[str]]) -> tuple[int, int, date, date]:
    """``(l, k, start, end)`` of a gold timeline."""
    if not reference:
        raise ChroniqueError("the reference timeline has no date")
    dates = sorted(reference)
    k = round(sum(len(v) for v in reference.values()) / len(reference))
    return len(dates), max(1, k), dates[0], dates[-1]


@dataclass
class TopicResult:
    topic: str
    method: str
    scores: rouge.TimelineScores
    n_dates: int
    per_date: int
    start: date
    end: date
    articles: int
    sentences: int
    predicted_dates: int
    seconds: float
    timeline: Timeline | None = None


@dataclass
class TlsReport:
    method: str
    topics: list[TopicResult] = field(default_factory=list)

    @property
    def average(self) -> rouge.TimelineScores:
        return rouge.average([t.scores for t in self.topics])

    def to_dict(self) -> dict[str, Any]:
        def prf(p: rouge.PRF) -> dict[str, float]:
            return {"precision": round(p.precision, 4), "recall": round(p.recall, 4), "f1": round(p.f1, 4)}

        def scores(s: rouge.TimelineScores) -> dict[str, Any]:
            return {"ar1": prf(s.ar1), "ar2": prf(s.ar2), "date_f1": prf(s.dates)}

        return {
            "method": self.method,
            "topics": [
                {
                    "topic": t.topic,
                    "l": t.n_dates,
                    "k": t.per_date,
                    "span": [t.start.isoformat(), t.end.isoformat()],
                    "articles": t.articles,
                    "sentences": t.sentences,
                    "predicted_dates": t.predicted_dates,
                    "seconds": round(t.seconds, 2),
                    **scores(t.scores),
                }
                for t in self.topics
            ],
            "average": scores(self.average),
        }


def topics(root: Path) -> list[str]:
    """Topic names: the gold files of ``root/reference`` that have an article folder."""
    ref = root / "reference"
    if not ref.is_dir():
        raise ChroniqueError(
            f"{root} has no reference/ folder: expected DIR/TOPIC/YYYY-MM-DD/*.txt and DIR/reference/TOPIC.txt"
        )
    return sorted(p.stem for p in ref.glob("*.txt") if (root / p.stem).is_dir())


def read_articles(
    folder: Path, settings: Settings, start: date | None = None, end: date | None = None
) -> list[Article]:
    """The cleaned articles under ``folder`` whose publication folder lies in ``[start, end]``."""
    from chronique.ingest import read_file
    from chronique.models import RawDocument
    from chronique.stages.clean import clean
    from chronique.stories.sentences import pub_date

    out = []
    for path in sorted(folder.rglob("*.txt")):
        try:
            day = date.fromisoformat(path.parent.name)
        except ValueError:
            day = None
        if day is not None and ((start and day < start) or (end and day > end)):
            continue
        try:
            for doc in read_file(path, settings):
                if not isinstance(doc, RawDocument):
                    continue
                art = clean(doc, settings)
                if len(art.body) >= settings.min_body_chars:
                    out.append(art)
        except InputError as exc:
            log.warning("skipped %s: %s", path, exc)
    return [a for a in out if _within(pub_date(a), start, end)]


def _within(d: date | None, start: date | None, end: date | None) -> bool:
    """An article without a date stays (the generator decides); a dated one must be in the span."""
    return d is None or ((start is None or d >= start) and (end is None or d <= end))


def prepare(articles: Sequence[Article], *, nlp: Any = None, use_tagger: bool = True) -> list[DatedSentence]:
    """Group copies and date the sentences of ``articles`` (what a generator reads)."""
    from chronique.stages.dedupe import dedupe
    from chronique.stories.dated import dated_sentences
    from chronique.stories.sentences import pub_date

    groups = dedupe(articles, pub_date=pub_date).groups
    annotations = None
    if nlp is not None:
        from chronique.stages.annotate import annotate

        annotations = {a.article_id: a for a in annotate(articles, nlp)}
    return dated_sentences(articles, annotations=annotations, groups=groups, use_tagger=use_tagger)


def evaluate_topic(
    root: Path,
    topic: str,
    method: str = "chronique",
    *,
    settings: Settings | None = None,
    nlp: Any = None,
    use_tagger: bool = True,
) -> TopicResult:
    """Generate the topic's timeline with ``method`` under the protocol and score it."""
    methods = _methods()
    if method not in methods:
        raise ChroniqueError(f"unknown timeline method {method!r}; known: {', '.join(METHODS)}")
    settings = settings or Settings()
    ref_path = root / "reference" / f"{topic}.txt"
    if not ref_path.is_file():
        raise ChroniqueError(f"no gold timeline {ref_path}")
    reference = read_t17(ref_path.read_text(encoding="utf-8"))
    n_dates, per_date, start, end = protocol(reference)
    t0 = time.perf_counter()
    arts = read_articles(root / topic, settings, start, end)
    sents = prepare(arts, nlp=nlp, use_tagger=use_tagger)
    tl = methods[method](sents, n_dates=n_dates, per_date=per_date, start=start, end=end)
    seconds = time.perf_counter() - t0
    scores = rouge.evaluate(tl.as_dict(), reference)
    return TopicResult(
        topic,
        method,
        scores,
        n_dates,
        per_date,
        start,
        end,
        len(arts),
        len(sents),
        len(tl.entries),
        seconds,
        tl,
    )


def evaluate(
    root: str | Path,
    *,
    method: str = "chronique",
    only: Sequence[str] | None = None,
    settings: Settings | None = None,
    nlp: Any = None,
    use_tagger: bool = True,
) -> TlsReport:
    """Evaluate ``method`` on every topic of ``root`` (or those in ``only``)."""
    root = Path(root)
    if not root.is_dir():
        raise ChroniqueError(f"{root} is not a folder")
    names = topics(root)
    if only:
        missing = sorted(set(only) - set(names))
        if missing:
            raise ChroniqueError(f"no topic {', '.join(missing)} in {root}; topics: {', '.join(names)}")
        names = [n for n in names if n in only]
    report = TlsReport(method)
    for name in names:
        report.topics.append(
            evaluate_topic(root, name, method, settings=settings, nlp=nlp, use_tagger=use_tagger)
        )
    return report


def table(report: TlsReport) -> str:
    """The report as a text table: one row per topic, then the average (P and R averaged, then F)."""
    head = f"{'topic':<12} {'l':>4} {'k':>2} {'arts':>5} {'dates':>5}  {'AR1':>7} {'AR2':>7} {'Date-F1':>7}"
    lines = [f"method: {report.method}", head]
    for t in report.topics:
        s = t.scores
        lines.append(
            f"{t.topic:<12} {t.n_dates:>4} {t.per_date:>2} {t.articles:>5} {t.predicted_dates:>5}  "
            f"{s.ar1.f1:>7.4f} {s.ar2.f1:>7.4f} {s.dates.f1:>7.4f}"
        )
    a = report.average
    lines.append(
        f"{'average':<12} {'':>4} {'':>2} {'':>5} {'':>5}  {a.ar1.f1:>7.4f} {a.ar2.f1:>7.4f} {a.dates.f1:>7.4f}"
    )
    return "\n".join(lines)
