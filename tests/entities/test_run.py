"""run_entities over a small built store, the store functions and the ``chronique entities`` command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from chronique.cli import cli
from chronique.entities import run_entities
from chronique.settings import Settings
from chronique.stages.entities import COMPONENT
from chronique.store import Store
from chronique.store import entities as store_entities

pytestmark = pytest.mark.model

ARTICLES = {
    "a.txt": "Le ministre valmorien Paul Verdane a rencontré mardi à Genève son homologue russe Oleg Tamarov.\n\n"
    "M. Verdane a déclaré que Moscou avait rejeté la proposition de l’Organisation des Nations unies (ONU).",
    "b.txt": "Paul Verdane s'est rendu à Alep, en Syrie, où les rebelles syriens ont accusé Damas.\n\n"
    "Selon l’ONU, Verdane a rencontré des responsables à Idleb.",
    "c.txt": "À Idlib, le Comité valmorien des droits civiques (CVDC) a compté 40 morts.\n\n"
    "Le CVDC accuse le régime syrien et l'aviation russe.",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, dict]:
    from chronique.pipeline import build

    root = tmp_path_factory.mktemp("entities")
    for name, text in ARTICLES.items():
        (root / "in").mkdir(exist_ok=True)
        (root / "in" / name).write_text(text, encoding="utf-8")
    settings = Settings(db=str(root / "e.db"), workers=1)
    build([root / "in"], settings)
    with Store(settings.db) as store:
        run_id = store.start_run("entities", [], {}, {})
        # refresh: the build may already have run the stage; read every article again once
        first = run_entities(store, settings, run_id, refresh=True)
        second = run_entities(store, settings, run_id)
    return settings, {"first": first, "second": second}


def test_report_and_reuse(built) -> None:
    _, reports = built
    first, second = reports["first"], reports["second"]
    assert first.articles == 3 and first.extracted == 3 and first.mentions > 10
    assert second.extracted == 0 and second.reused == 3 and second.entities == first.entities


def test_entities_are_linked_across_articles(built) -> None:
    settings, _ = built
    with Store(settings.db, readonly=True) as store:
        rows = {r["name"]: r for r in store_entities.list_entities(store)}
        assert rows["Paul Verdane"]["articles"] == 2 and "Verdane" in rows["Paul Verdane"]["aliases"]
        assert rows["Idlib"]["country"] == "SYR" and "Idleb" in rows["Idlib"]["aliases"]
        assert rows["Idlib"]["lat"] and rows["Idlib"]["geonames_id"]
        assert rows["Russie (gouvernement)"]["sector"] == "GOV"
        assert (
            rows["Organisation des Nations unies"]["org"] == "UNO"
            and "ONU" in rows["Organisation des Nations unies"]["aliases"]
        )
        assert rows["Comité valmorien des droits civiques"]["aliases"] == ["CVDC"]
        assert rows["Oleg Tamarov"]["country"] == "RUS"
        only_places = store_entities.list_entities(store, types=["LOC"])
        assert only_places and all(r["type"] == "LOC" for r in only_places)
        igos = store_entities.list_entities(store, types=["IGO"])
        assert [r["name"] for r in igos] == ["Organisation des Nations unies"]


def test_every_mention_is_stored_with_article_sentence_and_offsets(built) -> None:
    settings, _ = built
    with Store(settings.db, readonly=True) as store:
        for article in store.articles():
            rows = store_entities.article_mentions(store, article.id)
            assert rows
            for r in rows:
                assert article.body[r["start"] : r["end"]] == r["text"]
                assert r["sentence"] >= 0 and r["component"] == COMPONENT
                assert r["entity_id"] or r["kind"] == "role"


def test_cli_lists_entities(built) -> None:
    settings, _ = built
    runner = CliRunner()
    out = runner.invoke(cli, ["entities", "--db", settings.db, "--type", "LOC", "--limit", "5"])
    assert out.exit_code == 0, out.output
    assert "Idlib" in out.output and "GeoNames" in out.output
    out = runner.invoke(cli, ["entities", "--db", settings.db, "--format", "json", "--type", "per"])
    rows = json.loads(out.output)
    assert {r["type"] for r in rows} == {"PER"} and any(r["name"] == "Paul Verdane" for r in rows)


def test_cli_without_a_store_says_what_to_do(tmp_path: Path) -> None:
    out = CliRunner().invoke(cli, ["entities", "--db", str(tmp_path / "none.db")])
    assert out.exit_code == 1 and "chronique build" in out.output


def test_a_build_after_an_upgrade_of_the_stage_reads_the_mentions_again(built) -> None:
    from chronique.pipeline import build
    from chronique.stages.entities import COMPONENT

    settings, _ = built
    with Store(settings.db) as store:
        assert not store_entities.stale(store, COMPONENT)
        with store.db:
            store.db.execute("UPDATE mention_articles SET component = 'chronique.entities.v0'")
        assert store_entities.stale(store, COMPONENT)
    report = build([Path(settings.db).parent / "in"], settings)
    assert report.articles_added == 0 and report.entities > 0
    assert report.stories > 0  # the stories read the entities: clustered again
    with Store(settings.db, readonly=True) as store:
        assert not store_entities.stale(store, COMPONENT)
