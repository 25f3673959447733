"""Building coded articles from invented sentences (the model is loaded once per module)."""

from __future__ import annotations

from typing import Any

from chronique.events import adapters
from chronique.events.model import Event
from chronique.models import Article, RawDocument
from chronique.settings import Settings
from chronique.stages.annotate import annotate
from chronique.stages.clean import clean
from chronique.stages.dating import publication_date
from chronique.stages.events import code_events


def article(text: str, pub: str = "2020-03-10") -> Article:
    raw = RawDocument(
        "t.txt",
        "t-1",
        "txt",
        "Titre de la dépêche\n\n" + text,
        meta={"date": pub},
        meta_origin={"date": "field:date"},
    )
    return clean(raw, Settings())


def code(
    nlp: Any,
    text: str,
    *,
    entities: bool = True,
    timexes: bool = True,
    pub: str = "2020-03-10",
    calibrated: bool = True,
) -> list[Event]:
    """Clean, annotate and code ``text``; with the entities stage and the temporal tagger when
    they are installed (``entities``/``timexes`` False: without them; ``calibrated`` False: each
    event keeps the coder's own rule-of-thumb confidence)."""
    art = article(text, pub)
    (ann,) = annotate([art], nlp)
    pd = publication_date(art)
    ments = adapters.mentions(art, ann) if entities else None
    tx = adapters.timexes(art, ann, pd) if timexes else None
    return code_events(art, ann, pd, ments, tx, calibrated=calibrated)


def codes(actors: Any) -> set[str]:
    return {a.code for a in actors}


def one(events: list[Event], etype: str) -> Event:
    found = [e for e in events if e.event == etype]
    assert len(found) == 1, [(e.event, e.event_text) for e in events]
    return found[0]


def coder_inputs(text: str, nlp: Any) -> tuple[Any, ...]:
    """What :func:`chronique.events.coder.code` reads for ``text``, in its order: the article, its
    annotation, publication date, references (from the entities stage), temporal expressions and the
    language's lexicon."""
    from chronique.events.lexicon import load

    art = article(text)
    (ann,) = annotate([art], nlp)
    pub = publication_date(art)
    refs = adapters.refs_from_mentions(adapters.mentions(art, ann) or [], "fr")
    return art, ann, pub, refs, adapters.timexes(art, ann, pub), load("fr")
