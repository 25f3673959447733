from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from chronique.errors import StoreError
from chronique.models import RawDocument, Skip
from chronique.settings import Settings
from chronique.stages.clean import clean
from chronique.store import FileDone, Store
from chronique.store.migrations import MIGRATIONS

TEXT = (
    "Titre de la dépêche sur les négociations\n\n"
    "Les négociateurs de Valmorie se sont retrouvés mardi à Ostrava-sur-Lac pour négocier une trêve, "
    "a indiqué un porte-parole.\n\nLes discussions reprendront jeudi, selon des diplomates."
)


def _article(text: str = TEXT, sid: str = "a1"):
    return clean(RawDocument(f"/x/{sid}.txt", sid, "txt", text), Settings())


def test_migrations_applied_once_and_recorded(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with Store(db) as s:
        assert s.migrations() == sorted(m[0] for m in MIGRATIONS)
    with Store(db) as s:  # reopening applies nothing twice
        assert s.migrations() == sorted(m[0] for m in MIGRATIONS)


def test_write_is_idempotent_and_roundtrips(tmp_path: Path) -> None:
    a = _article()
    with Store(tmp_path / "s.db") as s:
        run = s.start_run("build", ["x"], {}, {})
        assert (
            s.write_batch(
                run,
                [a],
                {},
                [Skip("/x/b.txt", "empty", "file is empty")],
                [FileDone("/x/a1.txt", 1, 2, "done")],
            )
            == 1
        )
        assert s.write_batch(run, [a], {}, [], []) == 0
        assert s.count() == 1
        back = next(s.articles())
        assert back.body == a.body and back.paragraphs == a.paragraphs and back.removed == a.removed
        assert s.file_unchanged("/x/a1.txt", 1, 2) and not s.file_unchanged("/x/a1.txt", 1, 3)
        assert [k.reason for k in s.skipped()] == ["empty"]


def test_search_folds_accents_and_stems(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as s:
        run = s.start_run("build", [], {}, {})
        s.write_batch(run, [_article()], {}, [], [])
        s.write_batch(
            run,
            [
                _article(
                    "Autre sujet\n\nLa récolte de blé a été abondante cette année dans la plaine du nord.",
                    "a2",
                )
            ],
            {},
            [],
            [],
        )
        for q in ("négociation", "negocier", "NÉGOCIATEUR", '"une trêve"', "treve"):
            hits = s.search(q)
            assert [h.source_id for h in hits] == ["a1"], q
        assert s.search("négociations -trêve") == []
        assert [h.source_id for h in s.search("blé OR trêve")] != []
        assert "[" in s.search("trêve")[0].snippet


def test_failed_batch_leaves_nothing(tmp_path: Path) -> None:
    a = _article()
    with Store(tmp_path / "s.db") as s:
        run = s.start_run("build", [], {}, {})
        with pytest.raises(StoreError):
            # a file row with a NULL size violates the schema: the whole batch must roll back
            s.write_batch(run, [a], {}, [], [FileDone("/x", None, 0, "done")])  # type: ignore[arg-type]
        assert s.count() == 0


def test_killed_run_is_marked_interrupted(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as s:
        s.start_run("build", [], {}, {})  # never finished, as after kill -9
    with Store(tmp_path / "s.db") as s:
        s.start_run("build", [], {}, {})
        assert [r["status"] for r in s.runs()] == ["interrupted", "running"]


def test_not_a_store_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "x.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot open"):
        Store(bad)
    with pytest.raises(StoreError, match="no store"):
        Store(tmp_path / "none.db", readonly=True)
    assert sqlite3.sqlite_version
