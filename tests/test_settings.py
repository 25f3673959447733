from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from chronique.errors import SettingsError
from chronique.settings import SETTINGS, Settings

ROOT = Path(__file__).resolve().parents[1]


def test_every_setting_declared_once_and_in_the_dataclass() -> None:
    names = [s.name for s in SETTINGS]
    assert len(names) == len(set(names))
    assert [f.name for f in dataclasses.fields(Settings)] == names
    for s in SETTINGS:
        assert s.help.strip(), f"setting {s.name} has no help"


def test_every_setting_documented() -> None:
    doc = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    for s in SETTINGS:
        line = f"| `{s.name}` | `{s.default!r}` | {s.help} |"
        assert line in doc, (
            f"docs/settings.md is not current for {s.name}; regenerate it with `chronique settings --format markdown`"
        )


def test_user_file_overlays_defaults(tmp_path: Path) -> None:
    f = tmp_path / "c.toml"
    f.write_text('[chronique]\nbatch_size = 10\nlang = "fr"\n', encoding="utf-8")
    s = Settings.load(f, workers=1)
    assert s.batch_size == 10 and s.workers == 1


def test_bad_settings_are_refused(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="unknown setting"):
        Settings().replace(nope=1)
    with pytest.raises(SettingsError, match="must be int"):
        Settings(batch_size="many")  # type: ignore[arg-type]
    bad = tmp_path / "bad.toml"
    bad.write_text("batch_size = [", encoding="utf-8")
    with pytest.raises(SettingsError, match="not valid TOML"):
        Settings.load(bad)


def test_settings_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        Settings().db = "x"  # type: ignore[misc]
