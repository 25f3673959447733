"""chronique.timeline.enrich: events of a date (through a hook like events_on), context of a source."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace
from typing import Any

from chronique.stages.timeline import Period
from chronique.timeline import enrich
from chronique.timeline.corpus import Corpus, StoredArticle


def _ev(
    aid: str,
    start: int,
    type_: str = "REQUEST",
    conf: float = 0.5,
    text: str = "réclamé",
    day: str = "2020-02-26",
) -> Any:
    actor = SimpleNamespace(canonical="Royaume-Uni", entity_text="le Royaume-Uni")
    return SimpleNamespace(
        article_id=aid, start=start, end=start + 10, event=type_, mode="", actor=(actor,), recipient=(),
        event_loc=None, date=SimpleNamespace(value=day), event_text=text, trigger_start=start + 2,
        negated=False, future=type_ == "AGREE", hypothetical=False, confidence=conf, ceasefire="",
    )  # fmt: skip


def test_events_of_the_date_from_the_chronologys_articles_and_sentences() -> None:
    asked: list[str] = []

    def hook(store: Any, day: str) -> list[Any]:
        asked.append(day)
        return [
            _ev("a", 0),
            _ev("a", 0, conf=0.9),  # the same event read twice: once
            _ev("b", 0),  # an article outside the chronology
            _ev("a", 50, "AGREE", text="accepté"),  # a sentence the query did not keep
        ]

    day = Period.of_day(date(2020, 2, 26))
    evs = enrich.events_for(None, day, {"a"}, None, hook)  # type: ignore[arg-type]
    assert asked == ["2020-02-26"]
    assert [(e.type, e.confidence) for e in evs] == [("REQUEST", 0.9), ("AGREE", 0.5)]
    assert evs[1].flags == ("future",) and evs[0].actors == ("Royaume-Uni",)
    kept = {"a": [(0, 40)]}
    assert [e.type for e in enrich.events_for(None, day, {"a"}, kept, hook)] == ["REQUEST"]  # type: ignore[arg-type]
    # an interval asks for each of its days; a month for the events dated to the month
    asked.clear()
    enrich.events_for(None, Period(date(2016, 2, 11), date(2016, 2, 12), "interval", "x"), {"a"}, None, hook)  # type: ignore[arg-type]
    enrich.events_for(
        None, Period(date(2019, 8, 1), date(2019, 8, 31), "month", "2019-08"), {"a"}, None, hook
    )  # type: ignore[arg-type]
    assert asked == ["2016-02-11", "2016-02-12", "2019-08"]


def test_the_hook_is_found_where_the_events_stage_puts_it() -> None:
    hook = enrich.events_hook()
    assert hook is None or callable(hook)


def test_source_ref_carries_the_sentences_around() -> None:
    body = "Première phrase. Deuxième phrase. Troisième phrase."
    art = StoredArticle("a", "rec-1", "T", "AFP", "", "fr", body, {}, spans=[(0, 16), (17, 33), (34, 51)])
    c = Corpus({"a": art}, [], {})
    ref = enrich.source_ref(c, "a", 17, 33, "AFP", "")
    assert (ref.sentence, ref.before, ref.after, ref.source_id) == (
        1,
        "Première phrase.",
        "Troisième phrase.",
        "rec-1",
    )
    assert enrich.source_ref(c, "a", 5, 9, "AFP", "x").sentence == -1  # not a sentence start: no context
