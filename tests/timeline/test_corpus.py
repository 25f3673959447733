"""chronique.timeline.corpus: dated sentences read back from a built store."""

from __future__ import annotations

import json
import zlib
from pathlib import Path

import pytest

from chronique.store import Store
from chronique.timeline import corpus

pytestmark = pytest.mark.model


def _spans(body: str, pieces: list[str]) -> list[tuple[int, int]]:
    out, at = [], 0
    for p in pieces:
        i = body.index(p, at)
        out.append((i, i + len(p)))
        at = i + len(p)
    return out


def test_repair_joins_pieces_that_are_not_sentences() -> None:
    body = "Les pays sont le Royaume-Uni, la France et le Niger. Mardi, Ankara a annoncé des pourparlers.\nTitre sans point\nSuite."
    pieces = [
        "Les pays sont le Royaume",
        "-",
        "Uni, la France et le Niger.",
        "Mardi",
        ", Ankara a annoncé des pourparlers.",
    ]
    cut = _spans(body, [*pieces, "Titre sans point", "Suite."])
    want = _spans(
        body,
        [
            "Les pays sont le Royaume-Uni, la France et le Niger.",
            "Mardi, Ankara a annoncé des pourparlers.",
            "Titre sans point",
            "Suite.",
        ],
    )
    assert corpus.repair(body, cut) == want
    # a piece that ends a sentence and a piece that starts one stay apart
    assert corpus.repair("Il est parti. Elle reste.", [(0, 13), (14, 25)]) == [(0, 13), (14, 25)]


def test_annotation_parts_reads_sentences_and_entities_without_the_tokens() -> None:
    cols = {
        "model": "m",
        "t": [[0, 1, '"s":[', "X", "", "", 0, ""]],  # a token whose text looks like the key
        "s": [[0, 5, 0, 0, 1]],
        "e": [[0, 5, "PER", 0]],
    }
    blob = zlib.compress(json.dumps(cols, ensure_ascii=False, separators=(",", ":")).encode())
    assert corpus.annotation_parts(blob) == ([[0, 5, 0, 0, 1]], [[0, 5, "PER", 0]])


def test_load_reads_sentences_dates_groups_and_ids(demo_db: Path) -> None:
    with Store(demo_db, readonly=True) as store:
        ids = [r[0] for r in store.db.execute("SELECT id FROM articles ORDER BY rowid")]
        c = corpus.load(store, ids)
    assert set(c.articles) == set(ids) and c.grouped and c.tagged_here == 0
    assert c.sentences and all(s.text == c.articles[s.article_id].body[s.start : s.end] for s in c.sentences)
    assert all(s.source_id == c.articles[s.article_id].source_id for s in c.sentences)
    # the three copies of the 20 January 2023 dispatch share one group
    groups = {c.articles[a].group for a in ids if "resolution" in c.articles[a].source_id}
    assert len(groups) == 1, groups
    # stored timexes give days and periods: "les 11-12 mars" is an interval
    periods = {pm.period.value for s in c.sentences for pm in s.periods}
    assert "2022-03-11/2022-03-12" in periods
    # the undated article has no publication day
    undated = [a for a in c.articles.values() if a.source_id.endswith("retour-deplaces-korvassa.txt")]
    assert undated and undated[0].pub is None
