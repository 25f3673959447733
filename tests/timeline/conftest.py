"""Stores the chronology tests share, each built once per session.

* ``seeds_db``: the five seeds of ../shared/seeds, copied to a temporary folder at run time with a
  sidecar dating seed 000 (``{"date": "2020-02-26"}``), built with the pipeline (annotation, dates,
  timexes, copies, stories). Skipped when ../shared is absent.
* ``demo_full_db``: a copy of the session's demo store (tests/conftest.py ``demo_db``) with the
  entities and events stages run on it, for ``--about`` by entity and the events of each date.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import shared_path

SEED_000 = "000_ec439e771015d6e9"


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from chronique.pipeline import build
    from chronique.settings import Settings

    seeds = shared_path("seeds")
    folder = tmp_path_factory.mktemp("seeds")
    for f in sorted(seeds.glob("*.txt")):
        shutil.copy(f, folder / f.name)
    (folder / f"{SEED_000}.meta.json").write_text(json.dumps({"date": "2020-02-26"}), encoding="utf-8")
    db = folder / "seeds.db"
    report = build([folder], Settings(db=str(db), workers=1))
    assert report.articles_added == 5, report
    return db


@pytest.fixture(scope="session")
def demo_full_db(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from chronique.entities import run_entities
    from chronique.events.run import run_events
    from chronique.settings import Settings
    from chronique.store import Store

    db = tmp_path_factory.mktemp("demo-full") / "demo.db"
    with sqlite3.connect(demo_db) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    settings = Settings(db=str(db), workers=1)
    with Store(db) as store:
        run_id = store.start_run("test", [], settings.to_dict(), {})
        run_entities(store, settings, run_id)
        run_events(store, settings, run_id)
        store.finish_run(run_id, "done", {})
    return db
