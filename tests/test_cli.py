"""The command line on the bundled demo corpus: build, list, search, report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from chronique.cli import cli

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    res = CliRunner().invoke(cli, ["build", str(ROOT / "samples"), "--db", str(db), "--workers", "1"])
    assert res.exit_code == 0, res.output
    assert "0 skipped" in res.output
    return db


def test_build_summary_and_rebuild(demo_db: Path) -> None:
    res = CliRunner().invoke(cli, ["build", str(ROOT / "samples"), "--db", str(demo_db), "--json"])
    report = json.loads(res.output)
    assert report["articles_added"] == 0 and report["files_unchanged"] > 30


def test_articles_table_json_and_text(demo_db: Path) -> None:
    runner = CliRunner()
    table = runner.invoke(cli, ["articles", "--db", str(demo_db)])
    assert table.exit_code == 0 and "source_id" in table.output
    items = json.loads(runner.invoke(cli, ["articles", "--db", str(demo_db), "--format", "json"]).output)
    assert len(items) >= 30
    assert {"id", "source_id", "file", "title", "outlet", "agency", "lang", "length", "removed"} <= set(
        items[0]
    )
    text = json.loads(
        runner.invoke(cli, ["articles", "--db", str(demo_db), "--format", "json", "--text"]).output
    )
    for item in text:
        for p in item["paragraphs"]:
            assert item["body"][p["start"] : p["end"]].strip()
        for r in item["removed_parts"]:
            assert r["end"] > r["start"] and r["kind"]
    assert runner.invoke(cli, ["articles", "--db", str(demo_db), "--text", "--limit", "2"]).exit_code == 0


def test_search_stems_and_folds(demo_db: Path) -> None:
    runner = CliRunner()
    a = json.loads(
        runner.invoke(cli, ["search", "--db", str(demo_db), "--format", "json", "négociations"]).output
    )
    b = json.loads(
        runner.invoke(cli, ["search", "--db", str(demo_db), "--format", "json", "negocier"]).output
    )
    assert a and {h["article_id"] for h in a} == {h["article_id"] for h in b}
    none = runner.invoke(cli, ["search", "--db", str(demo_db), "zzzzqqq"])
    assert "no article matches" in none.output


def test_report_writes_a_self_contained_page(demo_db: Path, tmp_path: Path) -> None:
    page = tmp_path / "r.html"
    res = CliRunner().invoke(cli, ["report", "--db", str(demo_db), "--html", str(page)])
    assert res.exit_code == 0 and "articles" in res.output
    html = page.read_text(encoding="utf-8")
    assert (
        html.startswith("<!doctype html>")
        and "http://" not in html
        and "https://" not in html.split("<script type='application/json'")[0]
    )
    data = html.split("<script type='application/json' id='data'>")[1].split("</script>")[0]
    assert json.loads(data.replace("<\\/", "</"))["summary"]["articles"] >= 30


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    res = CliRunner().invoke(cli, ["articles", "--db", str(tmp_path / "none.db")])
    assert res.exit_code == 1 and "chronique build" in res.output
