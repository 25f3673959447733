"""Stage 6, events (per article): an annotated article → PLOVER events, one per trigger and sentence.

Reads ``Article.body``, the :class:`~chronique.stages.annotate.Annotation` (sentences, lemmas,
morphology, dependencies, entities), the publication date and, when those stages ran, the entities
stage's mentions and the temporal tagger's expressions; returns :class:`~chronique.events.model.Event`
records whose offsets index ``Article.body``. Pure: no I/O; the language data
(``lang/<code>/events.yaml``) is read once per process.

1. Triggers: verbs, nouns carried by a light verb, nouns naming their participants, ceasefires that
   are the subject of their state (:mod:`chronique.events.triggers`).
2. Arguments over the parse: actor, recipient, content and its topics (:mod:`chronique.events.coder`,
   :mod:`chronique.events.actors`).
3. PLOVER decisions: mode, the ceasefire decision table, host and visitor; negated, future and
   hypothetical flags; the date (a temporal expression attached to the trigger, else the publication
   date) and the place (:mod:`chronique.events.flags`).
4. Confidence: the probability that the event is right as coded, learned from the labels
   (:mod:`chronique.events.confidence`).

The collection-level driver (reading the store, writing events) is :func:`chronique.events.run.run_events`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from chronique.events import adapters, confidence
from chronique.events.coder import code
from chronique.events.learned import load as learned_model
from chronique.events.learned import vectors as learned_vectors
from chronique.events.lexicon import load
from chronique.events.model import Dropped, Event
from chronique.models import Article
from chronique.stages.annotate import Annotation
from chronique.stages.dating import PubDate

__all__ = ["COMPONENT", "Event", "code_events", "explain"]

#: Recorded with every run; bump when the rules or the language data change what is coded.
COMPONENT = "chronique.events.v39"


def code_events(
    article: Article,
    ann: Annotation,
    pub_date: PubDate | None,
    mentions: Sequence[Any] | None = None,
    timexes: Sequence[Any] | None = None,
    *,
    learned: bool = False,
    calibrated: bool = True,
) -> list[Event]:
    """The events of one annotated article, in text order.

    ``mentions`` are the entities stage's mentions of the article (``None``: actors are resolved from
    the model's entity spans and the fallback tables); ``timexes`` the temporal tagger's expressions
    over ``article.body`` (``None``: events are dated with ``pub_date``); ``learned``: also the
    verbs the language's learned trigger detector reads as events (:mod:`chronique.events.learned`;
    off by default: it finds more events, less precisely); ``calibrated``: each event's ``confidence``
    is the probability that it is right as coded, as the language's calibration learned it from the
    labels (:mod:`chronique.events.confidence`; False, or no calibration for the language: the
    coder's own rule-of-thumb figure).
    """
    return explain(article, ann, pub_date, mentions, timexes, learned=learned, calibrated=calibrated)[0]


def explain(
    article: Article,
    ann: Annotation,
    pub_date: PubDate | None,
    mentions: Sequence[Any] | None = None,
    timexes: Sequence[Any] | None = None,
    *,
    learned: bool = False,
    calibrated: bool = True,
) -> tuple[list[Event], list[Dropped]]:
    """Like :func:`code_events`, with the triggers that were found but not coded and why."""
    lang = article.lang or "fr"
    lex = load(lang)
    refs = (
        adapters.refs_from_mentions(mentions, lang)
        if mentions is not None
        else adapters.refs_from_ner(ann, lex)
    )
    model = learned_model(lang) if learned else None
    events, dropped = code(
        article, ann, pub_date, refs, timexes, lex, model, learned_vectors() if model else None
    )
    calibration = confidence.load(lang) if calibrated else None
    return (confidence.calibrate(events, calibration) if calibration else events), dropped
