"""Stage 5, entities (per article): an annotated article → its mentions of people, places, organisations.

Reads ``Article.body``, ``Article.paragraphs`` and the :class:`~chronique.stages.annotate.Annotation`
(tokens, parse, the model's entities); returns :class:`~chronique.entities.records.Mention` records
whose offsets index ``Article.body``. Pure: no I/O; the language data is read once per process.

1. The model's entities (PER, LOC, ORG, MISC) outside foreign-language paragraphs, boundaries fixed
   (leading determiners and prepositions, titles, trailing punctuation, glued sentences), junk
   dropped (fragments such as "qu'", lone function words, lower-case spans, sentence pieces).
2. Names the model missed: after a title ("M. Kerry"), after a role ("l'émissaire de l'ONU Staffan
   de Mistura"), from the lexicon (countries, capitals, seats of power, international
   organisations), acronyms after their expansion ("... (OSDH)") and their later uses.
3. What each name is: a country (ISO-3), an international organisation (PLOVER code), a place
   resolved with GeoNames in the article's country context, a capital or seat of power standing for
   its government when the sentence makes it an actor (metonymy: ``ACT:RUS:GOV``).
4. Inside the article: short forms ("M. Kerry", "Kerry") and acronyms point to the full name; roles
   give people a country, sector and organisation ("le président syrien Bachar el-Assad"); roles
   described without a name ("le chef de la diplomatie américaine") point to the person they
   describe; collective actors ("les rebelles syriens", "le régime") get a country and sector;
   demonyms ("russe") are mentions of their country.

Linking mentions into entities over the whole collection is :func:`chronique.entities.linking.link`.
"""

from __future__ import annotations

import logging
from collections import Counter

from chronique.entities import actors, roles
from chronique.entities.doc import Doc, Span
from chronique.entities.gazetteer import Lexicon, load
from chronique.entities.geo import WELL_KNOWN, gazetteer
from chronique.entities.names import fold, name_key, words
from chronique.entities.records import Mention
from chronique.entities.spans import (
    acronym_reuses,
    acronym_spans,
    lexicon_spans,
    model_spans,
    resolve_overlaps,
    title_spans,
)
from chronique.models import Article
from chronique.stages.annotate import Annotation

__all__ = ["COMPONENT", "Mention", "extract", "extract_mentions"]

log = logging.getLogger(__name__)

#: Recorded with every run; bump when the rules or the language data change what is found.
COMPONENT = "chronique.entities.v3"

#: Context weight of a country the text names right after a place ("Valence, en Espagne"): above
#: any share an article's own mentions can give.
STATED_WEIGHT = 2.0


def extract_mentions(article: Article, ann: Annotation, lang: str = "fr") -> list[Mention]:
    """The mentions of one annotated article, in text order (see the module docstring)."""
    return extract(article, ann, lang)[0]


def extract(article: Article, ann: Annotation, lang: str = "fr") -> tuple[list[Mention], dict[str, int]]:
    """:func:`extract_mentions`, with how many of the model's entities were dropped, by reason
    (``fragment``, ``common-word``, ``sentence-piece``, ``lower-case``, ``glued``, ``heading``,
    ``foreign-paragraph``, ``no-letter``)."""
    lex = load(lang)
    doc = Doc(article, ann, lex, lang)
    spans, dropped = model_spans(doc)
    spans += title_spans(doc)
    matches = roles.find(doc, spans)
    spans = _role_spans(doc, matches, spans)
    spans += lexicon_spans(doc, spans)
    spans += acronym_spans(doc, spans)
    spans = resolve_overlaps(spans)
    spans = resolve_overlaps(spans + acronym_reuses(doc, spans))

    mentions, refs = _name_mentions(doc, spans)
    counts = actors.country_counts(mentions)
    _places_named_as_people(doc, mentions, counts)
    actor_sentences = {doc.sentence(r.start) for r in matches if r.country or r.kind == "group"}
    _places_and_metonymy(doc, mentions, counts, actor_sentences)
    counts = actors.country_counts(mentions)
    _short_forms(doc, mentions, refs)
    mentions += _demonyms(doc, mentions, matches)
    conflict = actors.conflict_country(((r.country, r.sector) for r in matches if r.kind == "group"), counts)
    mentions += _role_mentions(doc, matches, mentions, refs, conflict)

    mentions.sort(key=lambda m: (m.start, m.end))
    index = {id(m): i for i, m in enumerate(mentions)}
    for m in mentions:
        target = refs.get(id(m))
        if target is not None and id(target) in index and target is not m:
            m.ref = index[id(target)]
    roles.resolve(mentions, lang)
    roles.share(mentions, lex)
    roles.national(mentions, lang, actors.dominant(actors.country_counts(mentions)))
    return mentions, dropped


# -- spans → mentions -------------------------------------------------------------------------------


def _role_spans(doc: Doc, matches: list[roles.RoleMatch], spans: list[Span]) -> list[Span]:
    """Add the names roles give; drop the model's spans that are words of a role ("État" in
    "secrétaire d'État")."""
    out = list(spans)
    for rm in matches:
        if rm.name:
            out.append(Span(rm.name[0], rm.name[1], "PER", "role", priority=2))
        if rm.org:
            e = doc.lex.entry(doc.plain[rm.org[0] : rm.org[1]])
            if e is None:  # the slot may hold a longer span the model got wrong ("ONU Staffan")
                for n in range(rm.org[1], rm.org[0], -1):
                    e = doc.lex.entry(doc.plain[rm.org[0] : n])
                    if e is not None:
                        rm.org = (rm.org[0], n)
                        break
            if e is not None:
                out.append(
                    Span(
                        rm.org[0],
                        rm.org[1],
                        "ORG" if e.kind in ("igo", "org") else "LOC",
                        "role",
                        priority=2,
                        entry_kind=e.kind,
                        entry_value=e.value,
                    )
                )
    keep = []
    for s in out:
        inside = next((rm for rm in matches if s.inside(rm.start, rm.end)), None)
        slot = inside is not None and inside.org is not None and s.start == inside.org[0]
        if inside is not None and s.source not in ("role", "title") and not s.entry_kind and not slot:
            continue
        opens = next((rm for rm in matches if rm.start <= s.start < rm.end and rm.kind == "role"), None)
        if (
            opens is not None
            and doc.plain[s.start : s.start + 1].islower()
            and s.source not in ("role", "title")
        ):
            continue  # "ministre de l'Écologie": an office, not an organisation
        keep.append(s)
    return keep


def _name_mentions(doc: Doc, spans: list[Span]) -> tuple[list[Mention], dict[int, Mention]]:
    lex = doc.lex
    out: list[Mention] = []
    by_span: dict[int, Mention] = {}
    for s in spans:
        text = doc.text[s.start : s.end]
        m = Mention(doc.id, doc.sentence(s.start), s.start, s.end, text, s.label, "name", s.source, s.title)
        if doc.sentence_start(s.start):
            m.flags = "initial"
        f = fold(text)
        if s.entry_kind == "country":
            m.label, m.key, m.country = "LOC", f"GPE:{s.entry_value}", s.entry_value
        elif s.entry_kind == "seat":
            seat = lex.seats[fold(s.entry_value)]
            m.label, m.country = "LOC", seat.country
        elif s.entry_kind == "igo":
            igo = lex.igo_by_id[s.entry_value]
            m.label, m.key, m.org = "ORG", f"IGO:{igo.id}", igo.code
        elif s.entry_kind == "org":
            org = lex.orgs[f]
            m.label, m.key, m.sector = "ORG", f"ORG:{org.id}", org.sector
        elif f in lex.demonyms and text[:1].isupper():
            iso = lex.demonyms[f]
            m.label, m.kind, m.key, m.country = "MISC", "demonym", f"GPE:{iso}", iso
        if s.source == "acronym":
            m.kind = "acronym"
        if m.label != s.label and m.source == "ner":
            m.source = "ner-fixed"
        by_span[id(s)] = m
        out.append(m)
    refs: dict[int, Mention] = {}
    defined: dict[str, Mention] = {}
    for s in spans:
        if s.acronym_of is not None and id(s.acronym_of) in by_span:
            refs[id(by_span[id(s)])] = by_span[id(s.acronym_of)]
            defined.setdefault(doc.plain[s.start : s.end], by_span[id(s.acronym_of)])
    for m in out:  # the model's own spans of an acronym the article defined
        target = defined.get(doc.plain[m.start : m.end])
        if target is not None and id(m) not in refs and m is not target:
            refs[id(m)] = target
            m.kind = "acronym"
            if m.label != target.label:
                m.label, m.source = target.label, "ner-fixed"
    return out, refs


def _places_and_metonymy(
    doc: Doc, mentions: list[Mention], counts: Counter[str], actor_sentences: set[int]
) -> None:
    """Capitals as governments or places; places resolved with GeoNames in the article's context."""
    lex = doc.lex
    decided: dict[int, bool] = {}
    for m in mentions:
        if m.label != "LOC" or m.key.startswith("GPE:"):
            continue
        seat = lex.seats.get(fold(doc.plain[m.start : m.end]))
        if seat is None:
            continue
        acting = actors.acts(doc, m, seat, mentions, decided, actor_sentences)
        decided[m.end] = acting
        if acting:
            m.kind, m.sector = "metonymy", seat.sector
            if seat.igo:
                igo = lex.igo_by_id[seat.igo]
                m.key, m.org, m.country = f"IGO:{igo.id}", igo.code, ""
            else:
                m.key = f"ACT:{seat.country}:{seat.sector}"
    geo = gazetteer(lex.code)
    todo = [m for m in mentions if m.label == "LOC" and not m.key and m.kind == "name"]
    # places with one candidate first: they add their country to the context of the others
    todo.sort(key=lambda m: len(geo.candidates(_place_name(doc, m))) != 1)
    for m in todo:
        stated = actors.stated_country(doc, m)
        context = actors.weights(counts)
        if stated:
            m.country = stated
            context = {**context, stated: STATED_WEIGHT}
        place = geo.resolve(_place_name(doc, m), context)
        if place is None or (stated and place.country != stated):
            continue
        if place.kind == "country":
            m.key, m.country = f"GPE:{place.country}", place.country
        elif place.kind == "region":
            m.key, m.country = f"SUB:{place.code}", place.country
        else:
            m.key, m.geonames_id = f"GEO:{place.geonames_id}", place.geonames_id
            m.country = place.country or m.country
        if m.country:
            counts[m.country] += 1
    main = actors.dominant(counts)
    if main:  # a place GeoNames does not know, in an article about one country: that country
        for m in todo:
            if not m.country and not m.key:
                m.country = main
                m.flags = ",".join(x for x in (m.flags, "country-inferred") if x)


def _places_named_as_people(doc: Doc, mentions: list[Mention], counts: Counter[str]) -> None:
    """A single word the model calls a person, after a preposition of place ("le constructeur de
    Woking", "à Frankenthal"), that GeoNames resolves in the article's country context, and with no
    fuller name of the article ending with it, is a place."""
    lex = doc.lex
    geo = gazetteer(lex.code)
    people = {
        name_key(m.text, lex).split()[-1] for m in mentions if m.label == "PER" and len(words(m.text)) > 1
    }
    for m in mentions:
        if m.label != "PER" or m.title or m.key or len(words(m.text)) != 1 or m.source != "ner":
            continue
        k = doc.word_before(m.start)
        prev = doc.plain[doc.ann.tokens[k].start : doc.ann.tokens[k].end].lower() if k is not None else ""
        if prev not in lex.metonymy.get("locative_prepositions", frozenset()) | {"de", "d'", "du"}:
            continue
        place = geo.resolve(m.text, actors.weights(counts))
        if place is None or (place.country not in counts and place.population < WELL_KNOWN):
            continue
        if name_key(m.text, lex) not in people:
            m.label, m.source = "LOC", "ner-fixed"


def _place_name(doc: Doc, m: Mention) -> str:
    return doc.plain[m.start : m.end]


def _short_forms(doc: Doc, mentions: list[Mention], refs: dict[int, Mention]) -> None:
    """Short forms point to the full name of the same article: a surname ("Kerry", "M. Kerry") to
    the person's full name, a name cut short ("Al-Nosra", "Conseil de sécurité") to the longer one."""
    lex = doc.lex
    full_people = [m for m in mentions if m.label == "PER" and len(words(m.text)) >= 2 and m.kind == "name"]
    keys = {id(m): name_key(m.text, lex).split() for m in mentions}
    for m in mentions:
        if id(m) in refs or m.kind not in ("name",):
            continue
        k = keys[id(m)]
        if not k:
            continue
        if m.label == "PER" or (len(k) == 1 and not m.key):
            cands = [
                f
                for f in full_people
                if f is not m and len(keys[id(f)]) > len(k) and keys[id(f)][-len(k) :] == k
            ]
            if cands:
                before = [f for f in cands if f.start < m.start]
                target = before[-1] if before else cands[0]
                refs[id(m)] = target
                if m.label != "PER":
                    m.label, m.source = "PER", "ner-fixed"
                continue
        if m.label in ("ORG", "MISC") and not m.key and len(k) == 1:
            igo = _named_igo(doc, m, mentions)
            if igo is not None:  # "l'Union" after "l'UE": the organisation the article names
                refs[id(m)] = igo
                m.key, m.org, m.label = igo.key, igo.org, "ORG"
                continue
        if m.label in ("ORG", "MISC", "LOC") and not m.key:
            for f in mentions:
                if f is m or f.label not in ("ORG", "MISC") or len(keys[id(f)]) <= len(k):
                    continue
                fk = keys[id(f)]
                fw = words(doc.plain[f.start : f.end])
                prefix = fk[: len(k)] == k and len(fw) > len(k) and fw[len(k)].lower() in lex.particles
                suffix = fk[-len(k) :] == k and len(fk) - len(k) == 1
                if prefix or suffix:
                    refs[id(m)] = f
                    if m.label != f.label:
                        m.label, m.source = f.label, "ner-fixed"
                    break


def _named_igo(doc: Doc, m: Mention, mentions: list[Mention]) -> Mention | None:
    """The international organisation named before in the article whose name's first word ``m``
    is ("l'Union" for the European Union, "la Commission" for the European Commission), when only
    one organisation of the article fits."""
    word = fold(m.text)
    found: dict[str, Mention] = {}
    for f in mentions:
        if f.start >= m.start or not f.key.startswith("IGO:"):
            continue
        igo = doc.lex.igo_by_id.get(f.key[4:])
        if igo is not None and any(fold(n).split()[0] == word and " " in n for n in igo.names):
            found.setdefault(f.key, f)
    return next(iter(found.values())) if len(found) == 1 else None


def _demonyms(doc: Doc, mentions: list[Mention], matches: list[roles.RoleMatch]) -> list[Mention]:
    """Adjectives and nouns of nationality outside names and role descriptions: mentions of their country."""
    lex = doc.lex
    out = []
    busy = [(m.start, m.end) for m in mentions] + [(r.start, r.end) for r in matches]
    starts = {m.start: m for m in mentions}
    for t in doc.ann.tokens:
        w = doc.plain[t.start : t.end]
        iso = lex.demonyms.get(w.lower()) if w[:1].islower() else None
        if not iso or doc.is_foreign(t.start) or any(a <= t.start < b for a, b in busy):
            continue
        out.append(
            Mention(
                doc.id,
                doc.sentence(t.start),
                t.start,
                t.end,
                doc.text[t.start : t.end],
                "MISC",
                "demonym",
                "demonym",
                country=iso,
                key=f"GPE:{iso}",
            )
        )
        named = starts.get(_next_start(doc, t.end))
        if named is not None and named.label in ("PER", "ORG") and not named.country and not named.key:
            named.country = iso  # "la joueuse de tennis japonaise Naomi Osaka"
    return out


def _next_start(doc: Doc, end: int) -> int:
    k = end
    while k < len(doc.plain) and doc.plain[k] == " ":
        k += 1
    return k


def _role_mentions(
    doc: Doc, matches: list[roles.RoleMatch], mentions: list[Mention], refs: dict[int, Mention], conflict: str
) -> list[Mention]:
    """Roles give their person a country, sector and organisation; roles without a name and
    collective actors become mentions of their own."""
    lex = doc.lex
    pats = roles.patterns(lex.code)
    parent_of = roles.parents(lex.code)
    out: list[Mention] = []
    names = sorted(mentions, key=lambda m: m.start)
    for rm in matches:
        country, org, sector, role = rm.country, "", rm.sector, rm.role
        if rm.igo:
            org = lex.igo_by_id[rm.igo].code
        if rm.org:
            slot = next((m for m in names if m.start == rm.org[0]), None)
            if slot is not None:
                org = org or (slot.org if slot.key.startswith("IGO:") else "")
                country = country or (slot.country if slot.label != "PER" else "")
        if rm.orgref:
            prior = [m for m in names if m.end <= rm.start and m.key.startswith("IGO:")]
            if prior:
                org = prior[-1].org
        if (rm.possessive and not (country or org)) or rm.same_as_possessor:
            owner = _possessor(doc, rm, names)
            if owner is not None:
                target = _known(_full(owner, refs), names, refs, lex)
                if rm.same_as_possessor and target.label == "PER":
                    role = parent_of.get(target.role, target.role) or role
                if not rm.country:
                    country = target.country if target.label != "PER" or not rm.same_as_possessor else ""
                org = org or target.org
        if not sector and rm.country and not org and rm.kind == "role":
            sector = "GOV"  # "le porte-parole de la diplomatie américaine": a national office
        if rm.kind == "group":
            inferred = not country and bool(conflict)
            country = country or conflict
            out.append(
                Mention(
                    doc.id,
                    doc.sentence(rm.start),
                    rm.start,
                    rm.end,
                    doc.text[rm.start : rm.end],
                    "ORG",
                    "group",
                    "group",
                    country=country,
                    sector=sector,
                    key=f"ACT:{country}:{sector}",
                    flags="country-inferred" if inferred else "",
                )
            )
            continue
        person = next((m for m in names if rm.name and m.start == rm.name[0] and m.label == "PER"), None)
        if person is not None:
            for p in {id(person): person, id(_full(person, refs)): _full(person, refs)}.values():
                p.role = p.role or role
                p.country = p.country or country
                p.org = p.org or org
                p.sector = p.sector or sector
            continue
        if rm.name is None and (
            role not in pats.need_name or (role in pats.alone_if_slot and (country or org))
        ):
            out.append(
                Mention(
                    doc.id,
                    doc.sentence(rm.start),
                    rm.start,
                    rm.end,
                    doc.text[rm.start : rm.end],
                    "PER",
                    "role",
                    "role",
                    country=country,
                    sector=sector,
                    org=org,
                    role=role,
                )
            )
    return out


def _full(m: Mention, refs: dict[int, Mention]) -> Mention:
    seen = set()
    while id(m) in refs and id(m) not in seen:
        seen.add(id(m))
        m = refs[id(m)]
    return m


def _known(person: Mention, names: list[Mention], refs: dict[int, Mention], lex: Lexicon) -> Mention:
    """A person as known so far in the article: the mention, or another mention of the same name
    that already carries a role, a country or an organisation."""
    if person.label != "PER" or person.role or person.country or person.org:
        return person
    key = name_key(person.text, lex)
    for m in names:
        full = _full(m, refs)
        if (
            full.label == "PER"
            and name_key(full.text, lex) == key
            and (full.role or full.country or full.org)
        ):
            return full
    return person


def _possessor(doc: Doc, rm: roles.RoleMatch, names: list[Mention]) -> Mention | None:
    """Whom "son", "sa", "leur" refer to: the subject of the clause if it is named in the sentence,
    else the nearest actor named before in the sentence."""
    s = doc.sentence(rm.start)
    before = [
        m
        for m in names
        if m.sentence == s and m.end <= rm.start and m.kind in ("name", "acronym", "metonymy")
    ]
    if not before:
        return None
    for m in reversed(before):
        h = doc.head(m.start, m.end)
        if (
            h is not None
            and doc.ann.tokens[h].dep.startswith("nsubj")
            and (m.label != "PER" or rm.same_as_possessor)
        ):
            return m
    return before[-1]
