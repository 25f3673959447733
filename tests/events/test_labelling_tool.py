"""benchmarks/labelling.py: what it merges is what the label loaders read; what it checks is caught."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from chronique.events.evaluate import load_agreement, load_labels, sentence_sha1

ROOT = Path(__file__).resolve().parents[2]
BODY = "Paul Garnier a accusé le maire de Brelune. Rien ne se passe ici ce jour-là."


@pytest.fixture
def tool(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("labelling_tool", ROOT / "benchmarks" / "labelling.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "labelling_tool", mod)
    spec.loader.exec_module(mod)
    monkeypatch.setattr(mod, "body", lambda source_id: BODY)  # no corpus needed
    monkeypatch.setattr(mod, "LABELS", tmp_path / "labels.yaml")
    monkeypatch.setattr(mod, "AGREEMENT", tmp_path / "agreement.yaml")
    return mod


def _batch(workdir: Path) -> list[dict[str, Any]]:
    rows = [
        {"id": "8", "split": "dev", "start": 0, "end": 42, "sha1": sentence_sha1(BODY[0:42])},
        {"id": "8", "split": "dev", "start": 43, "end": len(BODY), "sha1": sentence_sha1(BODY[43:])},
    ]
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "batches.json").write_text(json.dumps({"40": rows}), encoding="utf-8")
    return rows


def _labelling(workdir: Path, who: str, events: list[dict[str, Any]]) -> Path:
    sentences = [
        {"id": "8", "start": 0, "end": 42, "events": events},
        {"id": "8", "start": 43, "end": len(BODY), "events": []},
    ]
    p = workdir / f"b40-{who}.yaml"
    p.write_text(yaml.safe_dump({"batch": 40, "labeller": who, "sentences": sentences}), encoding="utf-8")
    return p


ACCUSE = {
    "event": "ACCUSE",
    "mode": "disapprove",
    "actor": ["Paul Garnier||"],
    "actor_spans": [[0, 12]],
    "recipient": ["maire de Brelune||GOV"],
    "recipient_spans": None,
    "trigger": [15, 21],
}


def test_a_good_labelling_passes_the_check(tool: ModuleType, tmp_path: Path) -> None:
    _batch(tmp_path)
    bad, shown = tool.problems(
        tmp_path, _labelling(tmp_path, "A", [{**ACCUSE, "recipient_spans": [[25, 41]]}])
    )
    assert bad == []
    assert "trigger='accusé'" in shown[0] and "'maire de Brelune'" in shown[0]


def test_the_check_names_each_problem(tool: ModuleType, tmp_path: Path) -> None:
    _batch(tmp_path)
    wrong = {**ACCUSE, "event": "BLAME", "trigger": [15, 60], "actor": ["Paul Garnier|France|"]}
    bad, _ = tool.problems(tmp_path, _labelling(tmp_path, "A", [wrong]))
    assert any("unknown event type 'BLAME'" in m for m in bad)
    assert any("trigger [15, 60] is not inside" in m for m in bad)
    assert any("code 'France'" in m for m in bad)
    assert any("recipient_spans needs one item" in m for m in bad)


def test_merged_lines_are_what_the_loaders_read(tool: ModuleType, tmp_path: Path) -> None:
    _batch(tmp_path)
    settled = {**ACCUSE, "recipient_spans": [[25, 41]]}
    _labelling(tmp_path, "adj", [settled])
    _labelling(tmp_path, "A", [settled])
    _labelling(tmp_path, "B", [])
    tool.merge(tmp_path, ["40"], write=True)
    head = "version: 1\ncorpus: orangesum-dev.jsonl\nsentences:\n"
    for p in (tool.LABELS, tool.AGREEMENT):
        p.write_text(head + p.read_text(encoding="utf-8"), encoding="utf-8")
    first, second = load_labels(tool.LABELS)
    (ev,) = first.events
    assert (first.article, first.start, first.end, second.events) == ("8", 0, 42, ())
    assert (ev.event, ev.mode, ev.trigger) == ("ACCUSE", "disapprove", (15, 21))
    assert [(a.canonical, a.span) for a in ev.recipient] == [("maire de Brelune", (25, 41))]
    assert ev.recipient[0].sector == "GOV"
    doubly = load_agreement(tool.AGREEMENT)
    assert [d.batch for d in doubly] == [40, 40]
    assert len(doubly[0].first) == 1 and doubly[0].second == ()


def test_merge_refuses_a_sentence_whose_text_changed(tool: ModuleType, tmp_path: Path) -> None:
    rows = _batch(tmp_path)
    rows[0]["sha1"] = "0" * 40
    (tmp_path / "batches.json").write_text(json.dumps({"40": rows}), encoding="utf-8")
    for who in ("adj", "A", "B"):
        _labelling(tmp_path, who, [])
    with pytest.raises(SystemExit, match="changed since the draw"):
        tool.merge(tmp_path, ["40"], write=True)
