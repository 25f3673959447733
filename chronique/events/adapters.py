"""Small adapters to the stages events builds on, each optional.

* :func:`refs_from_mentions` reads the entities stage's mentions (``chronique.stages.entities``:
  canonical names, ISO-3 codes, sectors, capitals read as governments) as :class:`Ref` records;
* :func:`refs_from_ner` is the fallback when that stage is absent: the model's entity spans and the
  tables of ``lang/<code>/events_actors.yaml``;
* :func:`mentions` and :func:`timexes` call the entities stage and the temporal tagger
  (``chronique.time.tag``) when they are installed, and return ``None`` when they are not, so the
  coder dates events with the publication date and resolves actors itself.

Only these functions know the other stages' record types; the coder sees :class:`Ref` and
``Timex``-like objects (``start``, ``end``, ``text``, ``type``, ``value``, ``precision``).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from chronique.events.actors import Ref
from chronique.events.lexicon import Lexicon
from chronique.events.names import fold
from chronique.models import Article
from chronique.stages.annotate import Annotation
from chronique.stages.dating import PubDate

log = logging.getLogger(__name__)

#: Determiners taken off the front of a group's name ("les rebelles" → "rebelles").
_LEADING = ("les ", "le ", "la ", "l'", "aux ", "au ", "des ", "du ", "de la ", "de l'", "d'")


def _strip(text: str) -> str:
    s = " ".join(text.replace("’", "'").split())
    low = s.lower()
    for d in _LEADING:
        if low.startswith(d) and len(s) > len(d):
            return s[len(d) :]
    return s


def mentions(article: Article, ann: Annotation) -> list[Any] | None:
    """The entities stage's mentions of ``article``, or ``None`` when the stage is not installed."""
    try:
        from chronique.stages.entities import extract_mentions
    except ImportError:
        return None
    return list(extract_mentions(article, ann, article.lang or "fr"))


def link_collection(found: Mapping[str, Sequence[Any] | None]) -> None:
    """Link the mentions of several articles as the build's entities stage does, so that each
    mention knows what the collection knows of its entity (a person's country, sector,
    organisation); in place. Does nothing when the entities stage is not installed."""
    by_article = {aid: list(ms) for aid, ms in found.items() if ms}
    if not by_article:
        return
    try:
        from chronique.entities.linking import harmonise, link
    except ImportError:  # pragma: no cover - the stage and its linker come together
        return
    harmonise(by_article, link(by_article))


def timexes(article: Article, ann: Annotation, pub: PubDate | None) -> list[Any] | None:
    """The temporal expressions of the body resolved against the publication day, or ``None`` when
    the temporal tagger is not installed."""
    try:
        from chronique.time import tag
    except ImportError:
        return None
    anchor = pub.day if pub is not None and pub.precision == "day" else None
    return list(tag(article.body, anchor, lang=article.lang or "fr", tense=ann.tense_at))


def refs_from_mentions(found: Sequence[Any], lang: str = "fr") -> list[Ref]:
    """The entities stage's mentions as references (a mention's short form points to its full name)."""
    try:
        from chronique.entities.gazetteer import load as load_entities

        names: dict[str, str] = load_entities(lang).country_names
        seats = load_entities(lang).seats
    except ImportError:  # pragma: no cover - the stage and its lexicon come together
        names, seats = {}, {}
    out: list[Ref] = []
    for m in found:
        full = m
        seen = set()
        while getattr(full, "ref", -1) >= 0 and full.ref < len(found) and id(full) not in seen:
            seen.add(id(full))
            full = found[full.ref]
        key = getattr(m, "key", "") or getattr(full, "key", "")
        country = getattr(m, "country", "") or getattr(full, "country", "")
        org = getattr(m, "org", "") or getattr(full, "org", "")
        sector = getattr(m, "sector", "") or getattr(full, "sector", "")
        label, kind_of = m.label, getattr(m, "kind", "name")
        seat = fold(m.text) in seats
        canonical = _strip(full.text)
        if kind_of == "metonymy":
            name = names.get(country, canonical)
            out.append(
                Ref(
                    m.start,
                    m.end,
                    m.text,
                    name,
                    "government",
                    org or country,
                    sector or "GOV",
                    country,
                    key,
                    seat,
                )
            )
        elif kind_of == "group" or key.startswith("ACT:"):
            inferred = "country-inferred" in getattr(m, "flags", "").split(",")
            out.append(
                Ref(
                    m.start,
                    m.end,
                    m.text,
                    canonical,
                    "group",
                    org or country,
                    sector,
                    country,
                    key,
                    inferred=inferred,
                )
            )
        elif key.startswith("GPE:"):
            iso = key[4:]
            kind = "demonym" if kind_of == "demonym" else "country"
            out.append(Ref(m.start, m.end, m.text, names.get(iso, canonical), kind, iso, "", iso, key))
        elif key.startswith("IGO:"):
            out.append(Ref(m.start, m.end, m.text, key[4:], "org", org, sector, "", key))
        elif label == "PER":
            kind = "role" if kind_of == "role" and full is m else "person"
            out.append(Ref(m.start, m.end, m.text, canonical, kind, org or country, sector, country, key))
        elif label == "LOC":
            out.append(Ref(m.start, m.end, m.text, canonical, "place", "", "", country, key, seat))
        elif label == "ORG":
            out.append(Ref(m.start, m.end, m.text, canonical, "org", org or country, sector, country, key))
    return out


def refs_from_ner(ann: Annotation, lex: Lexicon) -> list[Ref]:
    """The fallback: the model's entity spans, read with the event lexicon's small tables."""
    out: list[Ref] = []
    for e in ann.entities:
        text = ann.text[e.start : e.end]
        name = _strip(text)
        f = fold(name)
        if f in lex.igos:
            canonical, code = lex.igos[f]
            out.append(
                Ref(e.start, e.end, text, canonical, "org", code, "", "", f"IGO:{canonical}", source="ner")
            )
        elif f in lex.seats:
            iso, sector = lex.seats[f]
            out.append(Ref(e.start, e.end, text, name, "place", "", sector, iso, "", True, source="ner"))
        elif f in lex.countries:
            iso = lex.countries[f]
            out.append(
                Ref(
                    e.start,
                    e.end,
                    text,
                    lex.country_names.get(iso, name),
                    "country",
                    iso,
                    "",
                    iso,
                    f"GPE:{iso}",
                    source="ner",
                )
            )
        elif e.label == "PER":
            out.append(Ref(e.start, e.end, text, name, "person", source="ner"))
        elif e.label == "ORG":
            out.append(Ref(e.start, e.end, text, name, "org", source="ner"))
        elif e.label == "LOC":
            out.append(Ref(e.start, e.end, text, name, "place", source="ner"))
    return out
