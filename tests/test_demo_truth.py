"""The demo corpus against the team's own truth file (samples/truth.yaml): cleaning and dates."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from chronique.store import Store, dates

ROOT = Path(__file__).resolve().parents[1]
TRUTH = yaml.safe_load((ROOT / "samples" / "truth.yaml").read_text(encoding="utf-8"))

pytestmark = pytest.mark.model


def _entries() -> list[dict]:
    return TRUTH["articles"]


def _find(store: Store, e: dict):
    rel = e["path"].split("samples/", 1)[1]
    for a in store.articles():
        if a.source_path.endswith(rel) and (not e.get("record_id") or a.source_id == str(e["record_id"])):
            return a
    raise AssertionError(f"{e['path']} {e.get('record_id', '')} not in the store")


def test_every_truth_article_is_stored(demo_db: Path) -> None:
    with Store(demo_db) as store:
        assert store.count() == len(_entries())


@pytest.mark.parametrize(
    "e",
    _entries(),
    ids=lambda e: e["path"].split("/")[-1] + (f"#{e['record_id']}" if e.get("record_id") else ""),
)
def test_truth(demo_db: Path, e: dict) -> None:
    with Store(demo_db) as store:
        a = _find(store, e)
        pd = dates.get(store, a.id)
    assert pd is not None
    if e.get("date"):
        assert (pd.value, pd.precision) == (str(e["date"]), "day"), pd
    else:  # no date anywhere: unknown or an interval, never a single day
        assert pd.precision != "day", pd
    body_lines = {" ".join(a.body[p.start : p.end].split()) for p in a.paragraphs}
    for line in e.get("boilerplate") or []:
        assert " ".join(line.split()) not in body_lines, f"boilerplate left in the body: {line!r}"
    if e.get("title"):
        assert a.title == e["title"]
    if e.get("agency"):
        assert a.agency == e["agency"], a.agency_evidence
    else:
        assert not a.agency or a.agency_evidence.startswith("inferred"), a.agency_evidence
