"""chronique.timeline.about: --about by entity (aliases, linked mentions) and by keywords (stems)."""

from __future__ import annotations

from pathlib import Path

import pytest

from chronique.store import Store
from chronique.timeline import about, corpus


def test_fold() -> None:
    assert about.fold("  Sergueï  LAVROV ") == "serguei lavrov"
    assert about.fold("cessez-le-feu") == "cessez le feu"


def test_keyword_plan_reads_like_the_search_command() -> None:
    p = about.plan("cessez-le-feu Alep -Idleb")
    assert p == (((False, ("cess", "le", "feu")), (False, ("alep",)), (True, ("idleb",))),)
    assert about.keywords_match(p, "Un cessez-le-feu à Alep a été annoncé.")
    assert not about.keywords_match(p, "Un cessez-le-feu à Alep et à Idleb.")  # excluded word
    assert not about.keywords_match(p, "Le feu a cessé à Alep.")  # not the phrase, words apart
    assert about.keywords_match(about.plan("négociations"), "Ils vont négocier à Genève.")  # stems
    either = about.plan("Lavrov OR Kerry")
    assert about.keywords_match(either, "M. Kerry est arrivé.") and not about.keywords_match(either, "Rien.")
    assert about.plan("") == ()


@pytest.mark.model
def test_keywords_without_entities(demo_db: Path) -> None:
    with Store(demo_db, readonly=True) as store:
        a = about.resolve(store, "corridor humanitaire")
        c = corpus.load(store, a.articles)
    assert not a.entities and a.keyword_articles == len(a.articles) > 0
    kept = about.keep(a, c)
    matching = [s for s in kept if about.keywords_match(a.plan, s.text)]
    assert matching
    # what is kept without matching is the lead of an article about the query
    for s in kept:
        if s not in matching:
            art = c.articles[s.article_id]
            assert s.index < 5, s.text
            strong = (
                about.keywords_match(a.plan, art.title)
                or sum(about.keywords_match(a.plan, x.text) for x in c.by_article[art.id])
                >= about.STRONG_SENTENCES
            )
            assert strong, art.title


@pytest.mark.model
def test_entity_with_its_aliases_and_linked_mentions(demo_full_db: Path) -> None:
    with Store(demo_full_db, readonly=True) as store:
        a = about.resolve(store, "Korvassa")
        by_name = about.resolve(store, "Ondrevay")  # a surname finds the person
    names = {e.name for e in a.entities} | {x for e in a.entities for x in e.aliases}
    assert {"Korvassa", "Korvasa"} <= names, names  # the spelling variant is the same place
    assert a.entity_articles >= a.keyword_articles  # the variant spelling finds more articles
    assert [e.name for e in by_name.entities] == ["Casimir Ondrevay"]
