"""The entities of the five seed dispatches, checked against ../shared/gold/seeds.yaml at run time.

Every gold entity is found under its canonical name, with its variants merged into it, its type,
its country and its organisation; every metonymy the gold lists is applied. Nothing of the seeds
is copied here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from chronique.entities import run_entities
from chronique.entities.gazetteer import load
from chronique.entities.names import display, fold
from chronique.settings import Settings
from chronique.store import Store
from chronique.store import entities as store_entities
from tests.conftest import shared_path

pytestmark = [pytest.mark.shared, pytest.mark.model]


def _gold() -> dict:
    return yaml.safe_load(shared_path("gold", "seeds.yaml").read_text(encoding="utf-8"))


def _cases() -> list[tuple[str, dict]]:
    try:
        gold = _gold()
    except pytest.skip.Exception:
        return []
    return [(name, e) for name, seed in sorted(gold.items()) for e in seed.get("entities", [])]


def _metonymies() -> list[tuple[str, str, str]]:
    try:
        gold = _gold()
    except pytest.skip.Exception:
        return []
    return [
        (name, place, str(what).split()[0])
        for name, seed in sorted(gold.items())
        for place, what in (seed.get("metonymy") or {}).items()
    ]


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> dict:
    from chronique.pipeline import build

    folder = shared_path("seeds")
    settings = Settings(db=str(tmp_path_factory.mktemp("seeds") / "seeds.db"), workers=1)
    build([folder], settings)
    with Store(settings.db) as store:
        run_id = store.start_run("entities", [str(folder)], settings.to_dict(), {})
        run_entities(store, settings, run_id)
        store.finish_run(run_id, "done", {})
        entities = store_entities.list_entities(store)
        articles = {Path(a.source_path).name: a.id for a in store.articles()}
        mentions = {aid: store_entities.article_mentions(store, aid) for aid in articles.values()}
    return {"entities": entities, "articles": articles, "mentions": mentions}


def _plain(s: str) -> str:
    return display(s, load("fr"))


def _title(variant: str) -> tuple[str, str]:
    lex = load("fr")
    for t in sorted(lex.titles | lex.plural_titles, key=len, reverse=True):
        if variant.startswith(t + " "):
            return t, variant[len(t) + 1 :]
    return "", variant


@pytest.mark.parametrize(("seed", "gold"), _cases() or [("(shared absent)", {})])
def test_gold_entity(seed: str, gold: dict, seeds: dict) -> None:
    if not gold:
        pytest.skip("../shared is absent")
    by_name = {e["name"]: e for e in seeds["entities"]}
    name = _plain(gold["canonical"])
    assert name in by_name, f"{name!r} not found; names: {sorted(by_name)}"
    e = by_name[name]
    want_type = {"LOC": ("LOC", "GPE")}.get(gold["type"], (gold["type"],))
    assert e["type"] in want_type
    article_id = seeds["articles"][seed]
    ours = seeds["mentions"][article_id]
    assert any(m["entity_id"] == e["id"] for m in ours), "no mention in its seed"
    forms = {fold(x) for x in (e["name"], *e["aliases"])}
    for variant in gold.get("variants", []):
        title, bare = _title(variant)
        # a title is kept apart from the name ("M. Kerry" is the name "Kerry" with the title "M.")
        assert fold(bare) in forms, f"{variant!r} not merged into {name!r}: {e['aliases']}"
        if title:
            assert any(m["entity_id"] == e["id"] and m["title"] == title for m in ours), variant
    if "country" in gold:
        assert e["country"] == gold["country"]
    if "org" in gold:
        entry = load("fr").entry(gold["org"])
        assert entry is not None and entry.kind == "igo", gold["org"]
        assert e["org"] == load("fr").igo_by_id[entry.value].code


@pytest.mark.parametrize(("seed", "place", "country"), _metonymies() or [("(shared absent)", "", "")])
def test_gold_metonymy(seed: str, place: str, country: str, seeds: dict) -> None:
    if not place:
        pytest.skip("../shared is absent")
    rows = [m for m in seeds["mentions"][seeds["articles"][seed]] if fold(m["text"]) == fold(place)]
    assert rows, f"{place} not found in {seed}"
    acting = [m for m in rows if m["kind"] == "metonymy"]
    assert acting, f"{place} never read as its government in {seed}"
    assert all(m["key"] == f"ACT:{country}:GOV" for m in acting)
    assert all(m["entity_type"] == "ORG" for m in acting)


def test_no_junk_among_the_seed_entities(seeds: dict) -> None:
    """A mechanical proxy of the hand check: no fragment, no lower-case name, no sentence piece."""
    lex = load("fr")
    for e in seeds["entities"]:
        if e["key"].startswith("ACT:"):
            continue
        name = e["name"]
        assert name[:1].isupper() or name.split("-")[0] in lex.particles or name[:3] in ("al-", "el-"), name
        assert fold(name) not in lex.clitics and fold(name) not in lex.stopwords, name
        assert len(name.split()) <= lex.max_name_words and not any(c in name for c in '.!?;:«»"'), name
