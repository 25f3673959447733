"""``chronique timex`` and ``chronique eval timeml`` (no model: the tests stay fast)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from chronique.cli import cli


def test_timex_prints_json_lines_with_code_point_offsets() -> None:
    text = "Le 1ᵉʳ mai, il est arrivé. Hier, il est reparti."
    r = CliRunner().invoke(cli, ["timex", "--anchor", "2016-12-07", "--no-model", "-"], input=text)
    assert r.exit_code == 0, r.output
    rows = [json.loads(line) for line in r.output.splitlines()]
    assert [(x["text"], x["value"]) for x in rows] == [("Le 1ᵉʳ mai", "2016-05-01"), ("Hier", "2016-12-06")]
    for x in rows:
        assert text[x["start"] : x["end"]] == x["text"] and x["type"] == "DATE"


def test_timex_batch(tmp_path: Path) -> None:
    f = tmp_path / "in.jsonl"
    lines = [
        {"id": "a", "text": "Il est venu hier.", "anchor": "2016-12-07"},
        {"id": 2, "text": "Rien.", "anchor": "2016-12-07"},
    ]
    f.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    r = CliRunner().invoke(cli, ["timex", "--jsonl", str(f), "--no-model"])
    assert r.exit_code == 0, r.output
    out = [json.loads(line) for line in r.output.splitlines()]
    assert out[0]["id"] == "a" and out[0]["timexes"][0]["value"] == "2016-12-06"
    assert out[1] == {"id": 2, "timexes": []}


def test_timex_bad_anchor_is_a_usage_error() -> None:
    r = CliRunner().invoke(cli, ["timex", "--anchor", "hier", "--no-model", "-"], input="x")
    assert r.exit_code == 2 and "YYYY-MM-DD" in r.output


def test_timex_bad_batch_line(tmp_path: Path) -> None:
    f = tmp_path / "in.jsonl"
    f.write_text("not json\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["timex", "--jsonl", str(f), "--no-model"])
    assert r.exit_code == 1 and "line 1" in r.output


def test_eval_timeml_table_and_json(tmp_path: Path) -> None:
    (tmp_path / "a.tml").write_text(
        '<TimeML><DOCID>a</DOCID><DCT><TIMEX3 tid="t1" type="DATE" value="2016-12-07"/></DCT>'
        '<TEXT>Il est venu <TIMEX3 tid="t2" type="DATE" value="2016-12-06">hier</TIMEX3>.</TEXT></TimeML>',
        encoding="utf-8",
    )
    r = CliRunner().invoke(cli, ["eval", "timeml", str(tmp_path), "--no-model"])
    assert r.exit_code == 0, r.output
    assert "strict" in r.output and "1.000" in r.output
    r = CliRunner().invoke(
        cli, ["eval", "timeml", str(tmp_path), "--no-model", "--format", "json", "--errors"]
    )
    d = json.loads(r.output)
    assert d["strict"]["f1"] == 1.0 and d["errors"] == []
