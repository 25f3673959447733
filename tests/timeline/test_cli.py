"""``chronique timeline``: every format, --output, options and errors; ``stories`` and ``eval tls`` still there."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from chronique.cli import cli

pytestmark = pytest.mark.model


def _run(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(cli, list(args))
    return r.exit_code, r.stdout, r.stderr


def test_text_by_default(demo_db: Path) -> None:
    code, out, _ = _run("timeline", "--db", str(demo_db), "--dates", "3", "--per-date", "1")
    assert code == 0, out
    assert out.startswith("Chronologie\n38 articles")
    assert len([ln for ln in out.splitlines() if ln[:2] == "20"]) == 3
    assert "    [" in out  # sources as [outlet, source id]


@pytest.mark.parametrize("fmt", ["json", "md", "t17", "timelinejs", "html"])
def test_every_format_to_a_file(demo_db: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / "sub" / f"tl.{fmt}"
    code, _, err = _run(
        "timeline", "--db", str(demo_db), "--about", "Tazonne", "--from", "2022-12", "--to", "2023",
        "--format", fmt, "--output", str(out),
    )  # fmt: skip
    assert code == 0, err
    assert "dates from" in err and out.exists()
    text = out.read_text(encoding="utf-8")
    if fmt == "json":
        d = json.loads(text)
        assert d["query"]["start"] == "2022-12-01" and d["query"]["end"] == "2023-12-31"
        assert all(e["begin"] >= "2022-12-01" and e["end"] <= "2023-12-31" for e in d["entries"])
    elif fmt == "timelinejs":
        assert json.loads(text)["events"]
    elif fmt == "t17":
        assert text.splitlines()[-1] == "-" * 32
    elif fmt == "html":
        assert text.startswith("<!doctype html>")


def test_errors_exit_1_with_a_message(demo_db: Path, tmp_path: Path) -> None:
    code, _, err = _run("timeline", "--db", str(demo_db), "--story", "99999")
    assert code == 1 and "no story #99999" in err
    code, _, err = _run("timeline", "--db", str(tmp_path / "none.db"))
    assert code == 1 and "no store" in err
    code, _, err = _run("timeline", "--db", str(demo_db), "--from", "mars")
    assert code == 2 and "YYYY-MM-DD" in err


def test_the_other_commands_of_the_module_are_still_there() -> None:
    assert "stories" in cli.commands and "timeline" in cli.commands
    assert "tls" in cli.commands["eval"].commands  # type: ignore[attr-defined]
