"""run_events over a small built store, and the two commands (library first: the commands only format)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from chronique.cli import cli
from chronique.events.run import run_events
from chronique.pipeline import build
from chronique.settings import Settings
from chronique.store import Store
from chronique.store import events as store_events

pytestmark = pytest.mark.model

DISPATCHES = {
    "2016-05-03/a.txt": "Appel à la trêve\n\nLa France a appelé mardi la Russie à un cessez-le-feu à Alep.\n\n"
    "Le temps était doux sur la ville.",
    "2016-05-04/b.txt": "Trêve à Alep\n\nLe cessez-le-feu est entré en vigueur mercredi à Alep.\n\n"
    "Moscou a rejeté les appels au cessez-le-feu à Alep.",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    root = tmp_path_factory.mktemp("events")
    for name, text in DISPATCHES.items():
        p = root / "in" / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    settings = Settings(db=str(root / "e.db"), workers=1, events=False, dedupe=False, stories=False)
    build([root / "in"], settings)
    return settings


def test_run_events_codes_every_article_once(built: Settings) -> None:
    with Store(built.db) as st:
        r = run_events(st, built, 1)
        assert r.articles_coded == 2 and r.errors == 0 and r.events >= 3
        assert r.by_type.get("REQUEST") and r.ceasefire_events >= 3
        again = run_events(st, built, 2)
        assert again.articles_coded == 0  # nothing left for the same component
        assert [e.event for e in store_events.events_on(st, "2016-05-03")] == ["REQUEST"]


def test_turning_the_learned_detector_on_recodes_the_store(built: Settings) -> None:
    from dataclasses import replace

    learned = replace(built, events_learned=True)
    with Store(built.db) as st:
        run_events(st, built, 1)  # up to date with the rules alone
        r = run_events(st, learned, 1)
        assert r.articles_coded == 2 and r.errors == 0  # another component: everything again
        assert run_events(st, learned, 1).articles_coded == 0
        assert run_events(st, built, 1).articles_coded == 2  # and back


def test_events_command_formats(built: Settings, tmp_path: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(cli, ["events", "--db", built.db, "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    lines = [json.loads(x) for x in res.stdout.splitlines() if x.startswith("{")]
    assert {d["event"] for d in lines} >= {"REQUEST", "RETREAT", "REJECT"}
    assert all(d["cite_info"]["source_id"] for d in lines)
    res = runner.invoke(
        cli, ["events", "--db", built.db, "--about", "Moscou", "--format", "table", "--no-code"]
    )
    assert res.exit_code == 0 and "REJECT" in res.output and "RETREAT" not in res.output
    res = runner.invoke(cli, ["events", "--db", built.db, "--format", "parquet"])
    assert res.exit_code != 0 and "--output" in res.output


def test_ceasefires_command(built: Settings) -> None:
    res = CliRunner().invoke(cli, ["ceasefires", "--db", built.db, "--place", "alep", "--format", "json"])
    assert res.exit_code == 0, res.output
    (track,) = json.loads(res.stdout[res.stdout.index("[") :])
    assert track["place"] == "Alep"
    stages = [s["stage"] for s in track["steps"]]
    assert stages.index("called-for") < stages.index("in-force")
    assert "rejected" in stages


def test_events_command_keeps_the_events_sure_enough(built: Settings) -> None:
    runner = CliRunner()

    def confidences(*extra: str) -> list[float]:
        res = runner.invoke(cli, ["events", "--db", built.db, "--format", "jsonl", "--no-code", *extra])
        assert res.exit_code == 0, res.output
        return [json.loads(x)["confidence"] for x in res.stdout.splitlines() if x.startswith("{")]

    every = confidences()
    middle = sorted(every)[len(every) // 2]
    kept = confidences("--min-confidence", str(middle))
    assert sorted(kept) == sorted(c for c in every if c >= middle) and len(set(every)) > 1
    assert confidences("--min-confidence", "1") == [c for c in every if c >= 1.0]
    res = runner.invoke(cli, ["events", "--db", built.db, "--min-confidence", "2", "--no-code"])
    assert res.exit_code != 0
