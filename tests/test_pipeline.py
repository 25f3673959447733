"""The build end to end: bad input is skipped with its reason and loses nothing; builds are
idempotent, incremental, and resume after being killed."""

from __future__ import annotations

import gzip
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from chronique.errors import PipelineError
from chronique.pipeline import STAGES, Stage, build, check_chain
from chronique.settings import Settings
from chronique.store import Store

BODY = (
    "Le gouvernement de Valmorie a annoncé mardi la réouverture du pont de Lissandre, fermé depuis "
    "trois mois après des crues exceptionnelles, a indiqué le ministère des Transports.\n\n"
    "Les travaux ont coûté près de 12 millions d'euros, selon un communiqué publié à Brena."
)


def _article(i: int) -> str:
    return f"Le pont numéro {i} rouvre à Lissandre\n\n" + BODY.replace("trois mois", f"{i + 2} mois")


def _corpus(root: Path) -> dict[str, str]:
    """A folder with good articles and one file of every bad kind; returns file name → expected reason."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "bon1.txt").write_text(_article(1), encoding="utf-8")
    (root / "bon2.txt").write_bytes(
        _article(2).encode("cp1252")
    )  # a wrong-encoding file must still be read right
    (root / "bon3.txt").write_bytes(b"\xef\xbb\xbf" + _article(3).encode("utf-8"))
    (root / "vide.txt").write_text("  \n\n ", encoding="utf-8")
    (root / "binaire.txt").write_bytes(bytes(range(256)) * 40)
    (root / "tronque.txt.gz").write_bytes(gzip.compress(_article(4).encode())[:-20])
    (root / "casse.json").write_text('{"title": "x", "text": "abc', encoding="utf-8")
    lines = [json.dumps({"id": f"j{i}", "title": f"t{i}", "text": _article(10 + i)}) for i in range(3)]
    lines.insert(1, "{not json")
    (root / "lot.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "lot.csv").write_text(
        'id,title,text\nc1,Titre,"' + _article(20).replace('"', '""') + '"\nc2,Sans texte\n', encoding="utf-8"
    )
    (root / "page.html").write_text(
        "<html><head><title>x</title></head><body><div><div></body>", encoding="utf-8"
    )
    (root / "enorme.txt").write_bytes(b"a" * (3 * 1024 * 1024))
    (root / "lien.txt").symlink_to(root / "absent.txt")
    return {
        "vide.txt": "empty",
        "binaire.txt": "binary",
        "tronque.txt.gz": "truncated",
        "casse.json": "malformed-json",
        "page.html": "malformed-html",
        "enorme.txt": "too-large",
        "lien.txt": "unreadable",
    }


def test_bad_input_is_skipped_with_reasons_and_loses_nothing(tmp_path: Path) -> None:
    expected = _corpus(tmp_path / "in")
    settings = Settings(
        db=str(tmp_path / "s.db"), max_file_mb=2.0, workers=1, annotate=False, dedupe=False, stories=False
    )
    report = build([tmp_path / "in"], settings)
    reasons = {
        Path(s.path).name: s.reason for s in report.skipped if not s.source_id or s.source_id == s.path
    }
    for name, reason in expected.items():
        assert reasons.get(name) == reason, f"{name}: expected {reason}, got {reasons.get(name)}"
    with Store(settings.db) as store:
        ids = {a.source_id for a in store.articles()}
        texts = [a.body for a in store.articles()]
    # the three good text files, the good JSONL lines around the broken one, the good CSV row
    assert {"j0", "j1", "j2", "c1"} <= ids
    assert sum(1 for i in ids if i.endswith(("bon1.txt", "bon2.txt", "bon3.txt"))) == 3
    assert any("coûté près de 12 millions d'euros" in t for t in texts), "cp1252 accents decoded wrong"
    jsonl_skips = [s for s in report.skipped if s.path.endswith("lot.jsonl")]
    assert [s.reason for s in jsonl_skips] == ["malformed-json"]
    csv_skips = [s for s in report.skipped if s.path.endswith("lot.csv")]
    assert [s.reason for s in csv_skips] == ["no-text"]


def test_build_twice_adds_nothing_and_new_files_only_are_read(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(5):
        (src / f"a{i}.txt").write_text(_article(i), encoding="utf-8")
    s = Settings(db=str(tmp_path / "s.db"), workers=1, annotate=False, dedupe=False, stories=False)
    first = build([src], s)
    assert first.articles_added == 5
    again = build([src], s)
    assert again.articles_added == 0 and again.files_unchanged == 5 and again.records_read == 0
    (src / "a9.txt").write_text(_article(9), encoding="utf-8")
    (src / "copie.txt").write_text(_article(0), encoding="utf-8")  # same text as a0.txt, other name
    third = build([src], s)
    assert third.records_read == 2 and third.articles_added == 1 and third.duplicates == 1
    with Store(s.db) as store:
        assert store.count() == 6
        assert [r["status"] for r in store.runs()] == ["done", "done", "done"]


def test_parallel_build_matches_serial(tmp_path: Path) -> None:
    batch = tmp_path / "lot.jsonl"
    batch.write_text(
        "\n".join(json.dumps({"id": i, "text": _article(i)}) for i in range(300)), encoding="utf-8"
    )
    serial = build(
        [batch],
        Settings(
            db=str(tmp_path / "a.db"), workers=1, batch_size=50, annotate=False, dedupe=False, stories=False
        ),
    )
    parallel = build(
        [batch],
        Settings(
            db=str(tmp_path / "b.db"), workers=2, batch_size=50, annotate=False, dedupe=False, stories=False
        ),
    )
    assert serial.articles_added == parallel.articles_added == 300
    with Store(tmp_path / "a.db") as a, Store(tmp_path / "b.db") as b:
        assert sorted(x.id for x in a.articles()) == sorted(x.id for x in b.articles())


LEAD = "Le médiateur de Valmorie a rencontré samedi à Brena les chefs des deux délégations, a indiqué son porte-parole."
#: 4 March is a Friday in 2016 and 2022: the collection's span (2022) says which.
INFERABLE = (
    LEAD + "\n\nLes deux camps s'étaient engagés à observer une trêve à partir du vendredi 4 mars, "
    "conformément à l'accord conclu les 24-25 février."
)


def _dated_corpus(path: Path, n: int = 40) -> Path:
    """Records with a metadata date (settled by the article alone) and records dated by their text only."""
    rows = [
        {"id": f"d{i}", "text": _article(i), "date": f"2022-{1 + i % 11:02d}-{10 + i % 15}"} for i in range(n)
    ]
    rows += [
        {"id": f"t{i}", "text": INFERABLE + f"\n\nBilan provisoire : {i} blessés."} for i in range(n // 4)
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    return path


def _derived(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every publication date and timex of a store, comparable across stores (no run ids)."""
    with sqlite3.connect(db) as c:
        return {
            "pubdates": sorted(
                c.execute(
                    'SELECT article_id, component, value, precision, begin, "end", method, source, confidence, '
                    "evidence, flags, clues FROM pubdates"
                )
            ),
            "timexes": sorted(c.execute("SELECT * FROM timexes")),
            "timex_runs": sorted(c.execute("SELECT article_id, component, anchor FROM timex_runs")),
        }


def test_dates_and_timexes_from_the_workers_are_those_of_one_process(tmp_path: Path) -> None:
    from chronique.stages import dating
    from chronique.store import dates

    src = _dated_corpus(tmp_path / "lot.jsonl")
    quiet = {"annotate": False, "dedupe": False, "stories": False}
    serial = build([src], Settings(db=str(tmp_path / "a.db"), workers=1, batch_size=500, **quiet))
    parallel = build([src], Settings(db=str(tmp_path / "b.db"), workers=2, batch_size=7, **quiet))
    assert serial.articles_dated == parallel.articles_dated == 50
    assert serial.articles_timexed == parallel.articles_timexed == 50
    assert _derived(tmp_path / "a.db") == _derived(tmp_path / "b.db")
    with Store(tmp_path / "b.db") as store:
        stored = dates.all_dates(store)
        span = dating.Context(date(2022, 1, 10), date(2022, 11, 20))
        assert dates.known_span(store) == (span.first, span.last)
        for a in store.articles():  # the stage's own functions, article by article, say the same
            pd, found = dating.per_article(a)
            expected = pd if dating.settled(pd) else dating.in_context(a, found, span)
            assert stored[a.id] == expected, a.source_id
        inferred = [d for aid, d in stored.items() if d.method == "inferred"]
        assert len(inferred) == 10 and {d.value for d in inferred} == {"2022-03-05"}
    # every article's timexes were made against its final publication date
    runs = dict((aid, anchor) for aid, _, anchor in _derived(tmp_path / "b.db")["timex_runs"])
    assert runs == {aid: d.value for aid, d in stored.items()}


def test_dating_and_tagging_resume_redo_only_what_changed(tmp_path: Path) -> None:
    src = _dated_corpus(tmp_path / "lot.jsonl")
    db = tmp_path / "s.db"
    s = Settings(db=str(db), workers=2, batch_size=5, annotate=False, dedupe=False, stories=False)
    build([src], s)
    whole = _derived(db)
    again = build([src], s)
    assert (again.articles_dated, again.articles_timexed) == (0, 0)
    with sqlite3.connect(db) as c:
        ids = [r[0] for r in c.execute("SELECT id FROM articles ORDER BY rowid")]
        # a build killed between a batch's articles and their dates leaves them undated and untagged
        lost = ids[3:15]
        marks = ",".join("?" * len(lost))
        for table in ("timexes", "timex_runs", "pubdates"):
            c.execute(f"DELETE FROM {table} WHERE article_id IN ({marks})", lost)
    resumed = build([src], s)
    assert (resumed.articles_dated, resumed.articles_timexed) == (len(lost), len(lost))
    assert _derived(db) == whole
    with sqlite3.connect(db) as c:
        # a newer dating component re-dates; the same date keeps the stored timexes
        c.execute("UPDATE pubdates SET component = 'chronique.dating.v0' WHERE article_id = ?", (ids[0],))
        # a newer tagger re-tags
        c.execute("UPDATE timex_runs SET component = 'chronique.time.v0' WHERE article_id = ?", (ids[1],))
        # another anchor (the date was corrected) re-tags against the new one
        c.execute("UPDATE pubdates SET value = '2022-02-01' WHERE article_id = ?", (ids[2],))
    redone = build([src], s)
    assert (redone.articles_dated, redone.articles_timexed) == (1, 2)
    with sqlite3.connect(db) as c:
        anchor = c.execute("SELECT anchor FROM timex_runs WHERE article_id = ?", (ids[2],)).fetchone()[0]
        assert anchor == "2022-02-01"
        values = c.execute("SELECT DISTINCT anchor FROM timexes WHERE article_id = ?", (ids[2],)).fetchall()
        assert ("2022-02-01",) in values


@pytest.mark.slow
@pytest.mark.parametrize(
    "sig", [signal.SIGKILL, signal.SIGINT, signal.SIGTERM], ids=["kill-9", "ctrl-c", "kill"]
)
def test_killed_build_leaves_a_consistent_store_and_resumes(tmp_path: Path, sig: int) -> None:
    batch = tmp_path / "lot.jsonl"
    n = 4000
    batch.write_text(
        "\n".join(json.dumps({"id": i, "text": _article(i) * 3}) for i in range(n)), encoding="utf-8"
    )
    cfg = tmp_path / "c.toml"
    cfg.write_text(
        "batch_size = 20\nworkers = 2\nannotate = false\ndedupe = false\nstories = false\n", encoding="utf-8"
    )
    db = tmp_path / "s.db"
    cmd = [sys.executable, "-m", "chronique.cli", "--config", str(cfg), "build", str(batch), "--db", str(db)]
    log = (tmp_path / "build.log").open("w")
    proc = subprocess.Popen(cmd, stdout=log, stderr=log, start_new_session=True)
    deadline = time.time() + 60
    count = 0
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)
        try:
            with sqlite3.connect(db) as c:
                count = c.execute("SELECT count(*) FROM articles").fetchone()[0]
        except sqlite3.Error:
            continue
        if count >= 100:
            break
    assert proc.poll() is None, "the build finished before it could be killed: make the corpus bigger"
    os.killpg(proc.pid, sig)
    code = proc.wait(timeout=60)
    if sig != signal.SIGKILL:  # a stop it can see: it rolls back the batch at hand, records it, exits 130
        assert code == 130, (tmp_path / "build.log").read_text()
    with Store(db) as store:  # consistent: opens, and every stored article is whole
        partial = store.count()
        assert 0 < partial < n
        assert all(a.body for a in store.articles())
    report = build([batch], Settings(db=str(db), workers=1, annotate=False, dedupe=False, stories=False))
    assert report.articles_added == n - partial
    assert report.duplicates == partial
    with Store(db) as store:
        assert store.count() == n
        assert [r["status"] for r in store.runs()] == ["interrupted", "done"]
        # dated and tagged in the workers or on resuming, each against its final date, none twice
        assert store.db.execute("SELECT count(*) FROM pubdates").fetchone()[0] == n
        tagged = store.db.execute(
            "SELECT count(*) FROM timex_runs t JOIN pubdates p USING (article_id) WHERE t.anchor = p.value"
        ).fetchone()[0]
        assert tagged == n


def test_stage_chain_is_checked() -> None:
    check_chain(STAGES)
    needy = Stage("verdict", "x:y", frozenset({"fact_checks"}), frozenset({"verdicts"}))
    with pytest.raises(PipelineError, match="requires fact_checks"):
        check_chain([*STAGES, needy])


@pytest.mark.model
def test_annotation_runs_once_per_article_and_component(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(3):
        (src / f"a{i}.txt").write_text(_article(i), encoding="utf-8")
    s = Settings(db=str(tmp_path / "s.db"), workers=1)
    assert build([src], s).articles_annotated == 3
    assert build([src], s).articles_annotated == 0
    (src / "a3.txt").write_text(_article(3), encoding="utf-8")
    assert build([src], s).articles_annotated == 1
    with Store(s.db) as store:
        for a in store.articles():
            ann = store.annotation(a)
            assert ann is not None and ann.sentences and ann.tokens[-1].end <= len(a.body)


def test_a_50_mb_file_is_skipped_without_loading_it(tmp_path: Path) -> None:
    import resource

    src = tmp_path / "in"
    src.mkdir()
    big = src / "enorme.txt"
    with big.open("wb") as f:  # 50 MB of text: no news article is that long
        chunk = ("Une ligne de texte qui se répète encore et encore. " * 20 + "\n").encode()
        for _ in range(50 * 1024 * 1024 // len(chunk) + 1):
            f.write(chunk)
    (src / "bon.txt").write_text(_article(1), encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    report = build(
        [src], Settings(db=str(tmp_path / "s.db"), workers=1, annotate=False, dedupe=False, stories=False)
    )
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert [(Path(s.path).name, s.reason) for s in report.skipped] == [("enorme.txt", "too-large")]
    assert report.articles_added == 1
    assert grown_mb < 40, f"reading a file it skips grew memory by {grown_mb:.0f} MB"


def test_an_upgraded_cleaner_cleans_stored_articles_again(tmp_path: Path) -> None:
    """Stored bodies made by another version of the cleaner are cleaned again from the stored
    record, even when no input file changed; what was made from an old body is made again."""
    from chronique.stages import clean

    src = _dated_corpus(tmp_path / "lot.jsonl", n=8)
    db = tmp_path / "s.db"
    s = Settings(db=str(db), workers=1, annotate=False, dedupe=False, stories=False)
    build([src], s)
    whole = _derived(db)
    with sqlite3.connect(db) as c:
        ids = [r[0] for r in c.execute("SELECT id FROM articles ORDER BY rowid")]
        stale, same = ids[0], ids[1]
        # an older cleaner had left a promotion line at the head of one body (offsets all moved)...
        body = c.execute("SELECT body FROM articles WHERE id=?", (stale,)).fetchone()[0]
        c.execute(
            "UPDATE articles SET body=?, cleaner='clean=chronique.clean.v0' WHERE id=?",
            ("Abonnez-vous à notre lettre quotidienne zorblax.\n\n" + body, stale),
        )
        c.execute("UPDATE articles_fts SET body = body || ' zorblax' WHERE rowid = 1")
        c.execute('UPDATE timexes SET start = start + 50, "end" = "end" + 50 WHERE article_id=?', (stale,))
        # ... and made the other body just as today's cleaner does
        c.execute("UPDATE articles SET cleaner='clean=chronique.clean.v0' WHERE id=?", (same,))
        kept = c.execute("SELECT run_id FROM pubdates WHERE article_id=?", (same,)).fetchone()
    with Store(db) as store:
        assert store.search("zorblax")
    again = build([src], s)
    assert again.files_unchanged == 1 and again.articles_recleaned == 1
    assert again.articles_dated == 1 and again.articles_timexed == 1
    assert _derived(db) == whole  # the same rows as a build with today's cleaner from the start
    with Store(db) as store:
        art = next(store.articles(ids=[stale]))
        assert art.body == body
        assert not store.search("zorblax")
        for t in sqlite3.connect(db).execute(
            'SELECT start, "end", text FROM timexes WHERE article_id=?', (stale,)
        ):
            assert art.body[t[0] : t[1]] == t[2]
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT run_id FROM pubdates WHERE article_id=?", (same,)).fetchone() == kept
        assert {r[0] for r in c.execute("SELECT DISTINCT cleaner FROM articles")} == {
            f"clean={clean.COMPONENT}"
        }
    assert build([src], s).articles_recleaned == 0  # checked once
