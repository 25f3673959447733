"""Typed records of the entities stage: a mention in one article, an entity over the collection."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

#: Entity types. GPE is a country; LOC any other place (city, region, continent); ORG organisations,
#: international ones included (their ``code`` says UNO, EUR, IGO, NGO) and the governments and
#: groups that metonymies and descriptions stand for; MISC the model's other names.
TYPES = ("PER", "ORG", "LOC", "GPE", "MISC")

#: How a mention refers. ``name`` a proper name; ``acronym``; ``role`` a description of a person by
#: office ("le chef de la diplomatie russe"); ``group`` a collective actor ("les rebelles syriens");
#: ``metonymy`` a capital or seat of power standing for a government ("Moscou a rejeté");
#: ``demonym`` an adjective or noun of nationality ("russe", "les Syriens").
KINDS = ("name", "acronym", "role", "group", "metonymy", "demonym")


@dataclass(slots=True)
class Mention:
    """One mention in one article. Offsets index ``Article.body``.

    ``label`` is the mention's class as named-entity recognition sees it (PER, LOC, ORG, MISC), after
    post-processing; ``kind`` how it refers (see :data:`KINDS`); ``source`` what found it (``ner``, the
    model; ``ner-fixed``, the model's span with its boundaries or label corrected; ``title``, ``role``,
    ``lexicon``, ``acronym``, ``demonym``, ``group``: chronique's rules). ``key`` is set when the
    mention is known to be one identity whatever its spelling: ``GPE:SYR``, ``IGO:<name>``,
    ``ORG:<name>``, ``ACT:SYR:GOV`` (an actor: country and sector), ``GEO:<geonames id>``,
    ``SUB:<ISO 3166-2>`` (a region). ``ref`` is the index, in the same article's list, of the mention
    this one stands for (a short form, an acronym, a role description → the full name); -1 if none.
    """

    article_id: str
    sentence: int
    start: int
    end: int
    text: str
    label: str
    kind: str = "name"
    source: str = "ner"
    title: str = ""
    country: str = ""
    sector: str = ""
    org: str = ""
    role: str = ""
    key: str = ""
    ref: int = -1
    geonames_id: int = 0
    flags: str = ""  # "initial": the mention opens its sentence (a capitalised "Le" may be grammar)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Entity:
    """One identity over the whole collection: everything its mentions say, merged.

    ``name`` is the canonical name (the most frequent full form; for a place, GeoNames' own name when
    the collection uses it); ``aliases`` the other forms, most frequent first. ``country`` is ISO-3
    (a country itself, a place's country, a person's or an organisation's country as the text says);
    ``sector`` a PLOVER sector (GOV, MIL, REB, OPP, ...); ``org`` the international organisation a
    person belongs to (PLOVER code UNO, EUR, IGO); ``code`` the PLOVER actor code (``org`` or
    ``country``). ``members`` lists (article id, mention index) pairs.
    """

    key: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    country: str = ""
    sector: str = ""
    org: str = ""
    code: str = ""
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    mentions: int = 0
    articles: list[str] = field(default_factory=list)
    first_date: str | None = None
    last_date: str | None = None
    members: list[tuple[str, int]] = field(default_factory=list)

    def to_dict(self, *, members: bool = False) -> dict[str, Any]:
        d = asdict(self)
        if not members:
            d.pop("members")
        return d
