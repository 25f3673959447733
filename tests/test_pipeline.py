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
