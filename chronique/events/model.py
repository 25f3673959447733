"""Records of the events stage: a PLOVER event with its actors, place, date and provenance.

Field names follow PLOVER (``event``, ``mode``, ``context``, ``actor``, ``recipient``, ``event_loc``,
``date``, ``event_text``, ``text``, ``quad``); offsets index ``Article.body``.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

#: PLOVER's 16 event types and their quad class: 1 verbal cooperation, 2 material cooperation,
#: 3 verbal conflict, 4 material conflict.
QUAD: dict[str, int] = {
    "AGREE": 1,
    "CONSULT": 1,
    "SUPPORT": 1,
    "CONCEDE": 1,
    "COOPERATE": 2,
    "AID": 2,
    "RETREAT": 2,
    "REQUEST": 3,
    "ACCUSE": 3,
    "REJECT": 3,
    "THREATEN": 3,
    "PROTEST": 4,
    "SANCTION": 4,
    "MOBILIZE": 4,
    "COERCE": 4,
    "ASSAULT": 4,
}
EVENT_TYPES: tuple[str, ...] = tuple(QUAD)


@dataclass(frozen=True, slots=True)
class Actor:
    """An actor or recipient: what the text says, who it is, and how that was decided.

    ``code`` is ISO-3 for a country or a PLOVER organisation code (UNO, EUR, IGO, NGO, ...);
    ``sector`` a PLOVER sector (GOV, MIL, REB, OPP, CVL, COP, JUD, LEG, ...). ``source`` says how the
    actor was resolved: ``entities`` (the entities stage), ``ner`` (a model span), ``group`` (a group
    noun such as "les manifestants"), ``pronoun``, ``speaker`` (the author of a quotation),
    ``relative`` (the antecedent of "qui").
    """

    entity_text: str
    canonical: str
    code: str = ""
    sector: str = ""
    start: int = -1
    end: int = -1
    source: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "entity_text": self.entity_text,
            "canonical": self.canonical,
            "code": self.code,
            "sector": self.sector,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Actor:
        return cls(
            d.get("entity_text", ""),
            d.get("canonical", ""),
            d.get("code", ""),
            d.get("sector", ""),
            d.get("start", -1),
            d.get("end", -1),
            d.get("source", ""),
        )


@dataclass(frozen=True, slots=True)
class Place:
    """Where an event happened: the text, a canonical name, its country and, when resolved, its key
    in the entities stage (``GEO:<geonames id>``, ``SUB:<ISO 3166-2>``, ``GPE:<ISO-3>``)."""

    text: str
    canonical: str
    country: str = ""
    key: str = ""
    start: int = -1
    end: int = -1

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Place:
        return cls(**{k: d[k] for k in ("text", "canonical", "country", "key", "start", "end") if k in d})


@dataclass(frozen=True, slots=True)
class EventDate:
    """An event's date: a TIMEX3-style value with its precision and the rule that chose it.

    ``rule``: ``timex-attached`` (a temporal expression the parse attaches to the trigger),
    ``timex-clause`` (one in the trigger's clause), ``publication`` (the article's publication
    date), ``unknown``. ``timex`` is the expression's text, ``start``/``end`` its offsets.
    """

    value: str = ""
    precision: str = "unknown"
    rule: str = "unknown"
    timex: str = ""
    start: int = -1
    end: int = -1

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event: one trigger in one sentence of one article.

    ``start``/``end`` are the sentence's offsets in ``Article.body``, ``trigger_start``/
    ``trigger_end`` the trigger's. ``ceasefire`` is the stage of a ceasefire's life the event is
    (``called-for``, ``agreed``, ``declared``, ``in-force``, ``violated``, ``rejected``,
    ``collapsed``, ``negotiated``) or "". ``rule`` names the trigger rule that fired.
    """

    article_id: str
    sentence: int
    start: int
    end: int
    event: str
    mode: str
    actor: tuple[Actor, ...]
    recipient: tuple[Actor, ...]
    event_loc: Place | None
    date: EventDate
    event_text: str
    trigger_start: int
    trigger_end: int
    text: str
    negated: bool = False
    future: bool = False
    hypothetical: bool = False
    confidence: float = 0.5
    ceasefire: str = ""
    rule: str = ""
    context: tuple[str, ...] = field(default=())

    @property
    def quad(self) -> int:
        return QUAD[self.event]

    @property
    def id(self) -> str:
        """Stable identity: the article, the trigger's offset, the type."""
        h = hashlib.sha1(f"{self.article_id}:{self.trigger_start}:{self.event}".encode()).hexdigest()
        return h[:16]

    def to_dict(self) -> dict[str, Any]:
        """PLOVER's field names, plus chronique's provenance (offsets, rule, ceasefire stage)."""
        return {
            "id": self.id,
            "event": self.event,
            "mode": self.mode,
            "context": list(self.context),
            "actor": [a.to_dict() for a in self.actor],
            "recipient": [a.to_dict() for a in self.recipient],
            "event_loc": self.event_loc.to_dict() if self.event_loc else None,
            "date": self.date.value,
            "date_precision": self.date.precision,
            "date_rule": self.date.rule,
            "event_text": self.event_text,
            "text": self.text,
            "negated": self.negated,
            "future": self.future,
            "hypothetical": self.hypothetical,
            "quad": self.quad,
            "confidence": round(self.confidence, 3),
            "ceasefire": self.ceasefire,
        }


@dataclass(frozen=True, slots=True)
class Dropped:
    """A trigger that was found but not coded, and why (``no-actor``, ``content``, ``reporting``...)."""

    sentence: int
    trigger: str
    start: int
    event: str
    reason: str
