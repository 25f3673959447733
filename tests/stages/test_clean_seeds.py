"""The cleaner on the five real seed dispatches, checked against ../shared/gold/seeds.yaml.

Nothing of the seeds is copied here: the seeds and the gold are read at run time.
"""

from __future__ import annotations

import re

import pytest
import yaml

from chronique.models import RawDocument
from chronique.settings import Settings
from chronique.stages.clean import clean
from tests.conftest import shared_path

pytestmark = pytest.mark.shared


def _gold() -> dict:
    return yaml.safe_load(shared_path("gold", "seeds.yaml").read_text(encoding="utf-8"))


def _seed(name: str):
    text = shared_path("seeds", name).read_text(encoding="utf-8")
    return text, clean(RawDocument(name, name, "txt", text), Settings())


def _norm(s: str) -> str:
    return " ".join(s.split())


def _literal_boilerplate(entry: str) -> str | None:
    """A gold boilerplate entry as the literal line, or None when it describes rather than quotes."""
    if entry.startswith("the "):
        return None
    return re.sub(r"\s*\((metadata|photo caption)[^)]*\)\s*$", "", entry).strip()


def seed_names() -> list[str]:
    try:
        return sorted(_gold())
    except pytest.skip.Exception:
        return []


@pytest.fixture(scope="module")
def gold() -> dict:
    return _gold()


def test_gold_lists_five_seeds(gold: dict) -> None:
    assert len(gold) == 5


@pytest.mark.parametrize("name", seed_names() or ["(shared absent)"])
def test_seed_cleaning(name: str, gold: dict) -> None:
    if name not in gold:
        pytest.skip("../shared is absent")
    g = gold[name]
    text, art = _seed(name)
    body_lines = {_norm(art.body[p.start : p.end]) for p in art.paragraphs}

    # every literal boilerplate line is gone from the body, and recorded as removed
    for entry in g.get("boilerplate", []):
        lit = _literal_boilerplate(entry)
        if lit:
            assert _norm(lit) not in body_lines, f"{lit!r} still in the body"
            assert any(_norm(lit) in _norm(r.text) for r in art.removed), f"{lit!r} not recorded as removed"

    # the agency for all five, the title where the gold gives one, outlet and dateline where given
    assert art.agency == g["agency"]
    if "title" in g:
        assert art.title == g["title"]
        assert _norm(g["title"]) not in body_lines, "the title (or its repeat) is still in the body"
    if "outlet" in g:
        assert art.outlet == g["outlet"]
    if "dateline" in g:
        assert art.dateline == g["dateline"]

    # every body paragraph kept: each line of the seed not wholly covered by removed parts is in the body
    covered = set()
    for r in art.removed:
        covered.update(range(r.start, r.end))
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        chars = [start + i for i, ch in enumerate(line) if not ch.isspace()]
        if not chars or all(c in covered for c in chars):
            continue
        kept = "".join(text[c] for c in chars if c not in covered)
        assert kept[-60:] in "".join(art.body.split()), f"body paragraph lost: …{kept[-60:]!r}"

    # offsets map back into the original text exactly
    for p in art.paragraphs:
        assert (
            art.original[art.to_original(p.start) : art.to_original(p.start) + (p.end - p.start)]
            == art.body[p.start : p.end]
        )
    for r in art.removed:
        assert art.original[r.start : r.end] == r.text


def test_teaser_repeat_removed() -> None:
    _text, art = _seed("001_84aed83589d76500.txt")
    teasers = [r for r in art.removed if r.kind == "teaser-repeat"]
    assert teasers, "the repeated lead at the end was not removed"
    # the lead itself is kept once, and the body no longer ends with the cut-off marker
    lead = art.body[art.paragraphs[0].start : art.paragraphs[0].end]
    assert art.body.count(lead) == 1
    assert not art.body.rstrip().endswith("...")


def test_header_stamps_lifted() -> None:
    _, a2 = _seed("002_7364fc5189d0fa53.txt")
    assert [s.role for s in a2.stamps] == ["created", "updated"]
    assert a2.stamps[0].text.startswith("03/05/16")
    _, a3 = _seed("003_4e1fa40ff9004dc7.txt")
    assert [(s.text, s.role) for s in a3.stamps] == [("2019-12", "month")]
    assert not a3.body.startswith("date")
    _, a4 = _seed("004_755f7c953804d636.txt")
    assert [s.role for s in a4.stamps] == ["created", "updated"]
    assert "2017" in a4.stamps[1].text and "2016" in a4.stamps[0].text
    assert a4.section == "NOUVELLES"


def test_foreign_paragraph_and_subheads() -> None:
    _, art = _seed("003_4e1fa40ff9004dc7.txt")
    assert art.lang == "fr"
    langs = [p.lang for p in art.paragraphs]
    assert langs.count("en") == 1, "the English quotation should be marked, and only it"
    subheads = [art.body[p.start : p.end] for p in art.paragraphs if p.kind == "subhead"]
    assert len(subheads) == 2
