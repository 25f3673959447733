"""Shared fixtures. Tests that read ../shared skip with a clear message when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT / ".." / "shared").resolve()


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or a skip saying what is missing."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(
            f"{p} is absent: this test reads the team's shared data at run time (../shared beside the repo)"
        )
    return p


@pytest.fixture
def settings(tmp_path: Path):
    from chronique.settings import Settings

    return Settings(db=str(tmp_path / "test.db"))


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled demo corpus built once (with annotation) for the whole session."""
    from chronique.pipeline import build
    from chronique.settings import Settings

    db = tmp_path_factory.mktemp("demo") / "demo.db"
    report = build([ROOT / "samples"], Settings(db=str(db), workers=1))
    assert not report.skipped, report.skipped
    return db
