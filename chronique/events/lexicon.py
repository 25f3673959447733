"""The event lexicon of a language: ``lang/<code>/events.yaml`` (and ``events_actors.yaml``) read once
and compiled for lookups. The code knows no French: every word it tests comes from here.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from chronique import lang as langdata
from chronique.errors import LanguageDataError
from chronique.events.model import QUAD
from chronique.events.tree import Grammar

FILES = ("events.yaml", "events_actors.yaml")

#: Keys a verb rule may have (anything else is a typo in the language data).
RULE_KEYS = frozenset(
    {
        "event",
        "mode",
        "se",
        "with",
        "with_prep",
        "content",
        "object",
        "topic",
        "object_topic",
        "not_topic",
        "if_topic",
        "stage",
        "actor",
        "recipient",
        "negated_as",
        "no_clause",
        "actor_sector",
        "confidence",
        "needs_agent",
        "requires_recipient",
        "finite",
        "no_infinitive",
        "infinitive",
        "reports",
        "quoted",
    }
)
NOUN_KEYS = frozenset(
    {
        "event",
        "mode",
        "alone",
        "de",
        "needs",
        "needs_light",
        "needs_recipient",
        "if_topic",
        "stage",
        "topic",
        "context",
        "marked_by",
        "not_with",
        "de_after",
    }
)


@dataclass(frozen=True, slots=True)
class Rule:
    """One way a word is an event (see the comments of ``events.yaml``)."""

    lemma: str
    event: str
    mode: str = ""
    se: bool | None = None
    with_: tuple[str, ...] = ()
    with_prep: tuple[str, ...] = ()
    content: bool = False
    object: str = ""  # actor | thing | none | any | ""
    topic: tuple[str, ...] = ()
    object_topic: tuple[str, ...] = ()
    not_topic: tuple[str, ...] = ()
    if_topic: tuple[tuple[str, dict[str, str]], ...] = ()
    stage: str = ""
    actor: str = "subj"  # subj | obj | participants
    recipient: tuple[str, ...] = ()
    negated_as: str | None = None
    no_clause: bool = False
    actor_sector: tuple[str, ...] = ()
    confidence: float = 0.7
    needs_agent: bool = False
    requires_recipient: bool = False
    finite: bool = False
    no_infinitive: bool = False
    infinitive: bool = False  # only when the content is an infinitive ("proposer de faire")
    reports: bool = False  # a critical verb that can report a quotation or a "que" clause
    quoted: bool = False  # the topics of a quotation the verb reports count for ``topic``
    learned: bool = False  # made for a verb the learned detector read (chronique.events.learned)

    @property
    def id(self) -> str:
        extra = "+" + "+".join(self.with_) if self.with_ else ""
        return f"{'learned:' if self.learned else ''}{self.lemma}{extra}:{self.event}"


@dataclass(frozen=True, slots=True)
class NounRule:
    lemma: str
    event: str
    mode: str = ""
    alone: bool = False
    de: str = ""  # actor | recipient | object
    needs: tuple[str, ...] = ()
    needs_light: bool = False
    needs_recipient: bool = False
    context: tuple[str, ...] = ()  # topics one word of the article must have ("rassemblement": protest)
    marked_by: tuple[str, ...] = ()  # prepositions that make it an event alone ("à l'appel de X")
    not_with: tuple[str, ...] = ()  # prepositions of a complement that make it no event ("recours à")
    de_after: tuple[str, ...] = ()  # prepositions after which "de X" is the recipient ("à la rencontre de X")
    if_topic: tuple[tuple[str, dict[str, str]], ...] = ()
    stage: str = ""
    topic: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class LightVerb:
    lemma: str
    role: str  # actor | recipient | none | place | subject | object
    with_: tuple[str, ...] = ()
    prep: str = ""
    only: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SubjectEvent:
    stage: str
    event: str
    mode: str
    verbs: tuple[tuple[str, ...], ...]  # each: lemmas that must all be there (verb first)


@dataclass
class Lexicon:
    code: str
    reporting: frozenset[str] = frozenset()
    critics: frozenset[str] = frozenset()  # verbs with a `reports` rule: they speak, critically
    control: frozenset[str] = frozenset()
    backing: frozenset[str] = frozenset()
    verbal_types: frozenset[str] = frozenset()
    negation_adverbs: frozenset[str] = frozenset()
    negation_determiners: frozenset[str] = frozenset()
    negation_marks: frozenset[str] = frozenset()
    negation_subjects: frozenset[str] = frozenset()
    hedges: frozenset[str] = frozenset()
    hypothetical_marks: frozenset[str] = frozenset()
    hypothetical_verbs: frozenset[str] = frozenset()
    future_verbs: frozenset[str] = frozenset()
    pronouns: dict[str, frozenset[str]] = field(default_factory=dict)
    group_nouns: dict[str, str] = field(default_factory=dict)  # word → sector
    definite_group_nouns: dict[str, str] = field(default_factory=dict)  # "l'accusation" → JUD
    person_roles: frozenset[str] = frozenset()
    no_default_country: frozenset[str] = frozenset()
    local_roles: frozenset[str] = frozenset()
    quantity_nouns: frozenset[str] = frozenset()
    vague_nouns: frozenset[str] = frozenset()
    etre_verbs: frozenset[str] = frozenset()
    grammar: Grammar = field(default_factory=Grammar)
    copular_verbs: frozenset[str] = frozenset()
    group_home: dict[str, str] = field(default_factory=dict)  # group noun → ISO-3
    group_adjectives: dict[str, str] = field(default_factory=dict)  # "gouvernemental" → "gouvernement"
    domestic_sectors: frozenset[str] = frozenset()
    home_country: str = ""  # ISO-3 of a domestic article that names no country
    located_sectors: frozenset[str] = frozenset()
    counterpart_sectors: frozenset[str] = frozenset()
    belligerent_sectors: frozenset[str] = frozenset()
    topics: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    topic_words: dict[str, frozenset[str]] = field(default_factory=dict)  # one-word entry → topics
    topic_phrases: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (topic, words) of longer entries
    ceasefire_heads: frozenset[str] = frozenset()  # first words of the ceasefire entries
    group_phrases: tuple[tuple[str, str, str], ...] = ()  # (folded phrase, first word, sector)
    noun_phrases: tuple[tuple[str, str], ...] = ()  # (folded key, first word) of nouns of several words
    modes: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = field(default_factory=dict)
    verbs: dict[str, tuple[Rule, ...]] = field(default_factory=dict)
    nouns: dict[str, NounRule] = field(default_factory=dict)
    light_verbs: dict[str, tuple[LightVerb, ...]] = field(default_factory=dict)
    subject_events: tuple[SubjectEvent, ...] = ()
    stages: tuple[str, ...] = ()
    place_prepositions: frozenset[str] = frozenset()
    owner_prepositions: frozenset[str] = frozenset()
    articles: frozenset[str] = frozenset()
    # events_actors.yaml: the fallback when the entities stage is not available
    seats: dict[str, tuple[str, str]] = field(default_factory=dict)  # folded name → (ISO-3, sector)
    igos: dict[str, tuple[str, str]] = field(default_factory=dict)  # folded name → (canonical, code)
    countries: dict[str, str] = field(default_factory=dict)  # folded name → ISO-3
    demonyms: dict[str, str] = field(default_factory=dict)  # folded word → ISO-3
    country_names: dict[str, str] = field(default_factory=dict)  # ISO-3 → name

    def topic_names(self) -> list[str]:
        return list(self.topics)


def _words(values: Any, what: str) -> frozenset[str]:
    if values is None:
        return frozenset()
    if not isinstance(values, list):
        raise LanguageDataError(f"events data: {what} must be a list, got {type(values).__name__}")
    return frozenset(str(v).lower() for v in values)


def _tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _if_topic(value: Any, where: str) -> tuple[tuple[str, dict[str, str]], ...]:
    if not value:
        return ()
    if not isinstance(value, dict):
        raise LanguageDataError(f"events data: {where}: if_topic must be a mapping topic → changes")
    return tuple((str(k), {str(a): str(b) for a, b in (v or {}).items()}) for k, v in value.items())


def _rule(lemma: str, d: dict[str, Any], code: str) -> Rule:
    unknown = set(d) - RULE_KEYS
    if unknown:
        raise LanguageDataError(f"lang/{code}/events.yaml: verb {lemma!r}: unknown keys {sorted(unknown)}")
    if d.get("event") not in QUAD:
        raise LanguageDataError(
            f"lang/{code}/events.yaml: verb {lemma!r}: event {d.get('event')!r} is not a PLOVER type"
        )
    negated_as = d.get("negated_as")
    return Rule(
        lemma=lemma,
        event=d["event"],
        mode=str(d.get("mode", "") or ""),
        se=d.get("se"),
        with_=tuple(w.lower() for w in _tuple(d.get("with"))),
        with_prep=_tuple(d.get("with_prep")),
        content=d.get("content") == "required",
        object=str(d.get("object", "") or ""),
        topic=_tuple(d.get("topic")),
        object_topic=_tuple(d.get("object_topic")),
        not_topic=_tuple(d.get("not_topic")),
        if_topic=_if_topic(d.get("if_topic"), lemma),
        stage=str(d.get("stage", "") or ""),
        actor=str(d.get("actor", "subj")),
        recipient=_tuple(d.get("recipient")),
        negated_as=None if negated_as is None else str(negated_as),
        no_clause=bool(d.get("no_clause", False)),
        actor_sector=_tuple(d.get("actor_sector")),
        confidence=float(d.get("confidence", 0.7)),
        needs_agent=bool(d.get("needs_agent", False)),
        requires_recipient=bool(d.get("requires_recipient", False)),
        finite=bool(d.get("finite", False)),
        no_infinitive=bool(d.get("no_infinitive", False)),
        infinitive=bool(d.get("infinitive", False)),
        reports=bool(d.get("reports", False)),
        quoted=bool(d.get("quoted", False)),
    )


@functools.cache
def load(code: str = "fr") -> Lexicon:
    """The compiled event lexicon of language ``code`` (cached per process)."""
    from chronique.events.names import fold

    d, actors = (langdata.load(code, f) for f in FILES)
    lex = Lexicon(code=code)
    lex.reporting = _words(d.get("reporting_verbs"), "reporting_verbs")
    lex.control = _words(d.get("control_verbs"), "control_verbs")
    lex.backing = _words(d.get("backing_verbs"), "backing_verbs")
    lex.verbal_types = _words(d.get("verbal_types"), "verbal_types")
    lex.verbal_types = frozenset(t.upper() for t in lex.verbal_types)
    lex.negation_adverbs = _words(d.get("negation_adverbs"), "negation_adverbs")
    lex.negation_determiners = _words(d.get("negation_determiners"), "negation_determiners")
    lex.negation_marks = _words(d.get("negation_marks"), "negation_marks")
    lex.negation_subjects = _words(d.get("negation_subjects"), "negation_subjects")
    lex.hedges = _words(d.get("hedges"), "hedges")
    lex.hypothetical_marks = _words(d.get("hypothetical_marks"), "hypothetical_marks")
    lex.hypothetical_verbs = _words(d.get("hypothetical_verbs"), "hypothetical_verbs")
    lex.future_verbs = _words(d.get("future_verbs"), "future_verbs")
    lex.pronouns = {k: _words(v, f"pronouns.{k}") for k, v in (d.get("pronouns") or {}).items()}
    for sector, words in (d.get("group_nouns") or {}).items():
        for w in words:
            lex.group_nouns[str(w).lower()] = str(sector)
            # a capital written without its accent ("Etat") gets a lemma without it too ("etat")
            lex.group_nouns.setdefault(fold(str(w)), str(sector))
    for sector, words in (d.get("definite_group_nouns") or {}).items():
        for w in words:
            lex.definite_group_nouns[str(w).lower()] = str(sector)
    lex.person_roles = _words(d.get("person_roles"), "person_roles")
    lex.no_default_country = _words(d.get("no_default_country"), "no_default_country")
    lex.local_roles = _words(d.get("local_roles"), "local_roles")
    lex.quantity_nouns = _words(d.get("quantity_nouns"), "quantity_nouns")
    lex.vague_nouns = _words(d.get("vague_nouns"), "vague_nouns")
    lex.etre_verbs = _words(d.get("etre_verbs"), "etre_verbs")
    g = d.get("grammar") or {}
    lex.grammar = Grammar(
        contractions={str(k).lower(): str(v) for k, v in (g.get("contractions") or {}).items()},
        passive_participle=_words(g.get("passive_participle"), "grammar.passive_participle"),
        perfect_auxiliary=_words(g.get("perfect_auxiliary"), "grammar.perfect_auxiliary"),
        reflexive=_words(g.get("reflexive"), "grammar.reflexive"),
        causative=_words(g.get("causative"), "grammar.causative"),
        coordinators=_words(g.get("coordinators"), "grammar.coordinators"),
    )
    lex.copular_verbs = _words(d.get("copular_verbs"), "copular_verbs")
    for adj, noun in (d.get("group_adjectives") or {}).items():
        lex.group_adjectives[str(adj).lower()] = str(noun).lower()
    for iso, words in (d.get("group_home") or {}).items():
        for w in words:
            lex.group_home[str(w).lower()] = str(iso)
    lex.domestic_sectors = frozenset(_tuple(d.get("domestic_sectors")))
    lex.home_country = str(d.get("home_country") or "").upper()
    lex.located_sectors = frozenset(_tuple(d.get("located_sectors")))
    lex.counterpart_sectors = frozenset(_tuple(d.get("counterpart_sectors")))
    lex.belligerent_sectors = frozenset(_tuple(d.get("belligerent_sectors")))
    lex.topics = {
        name: tuple(tuple(str(e).lower().split()) for e in entries)
        for name, entries in (d.get("topics") or {}).items()
    }
    words_index: dict[str, set[str]] = {}
    phrases = []
    for name, entries in lex.topics.items():
        for e in entries:
            if len(e) == 1:
                words_index.setdefault(e[0], set()).add(name)
            elif e:
                phrases.append((name, e))
    lex.topic_words = {w: frozenset(ts) for w, ts in words_index.items()}
    lex.topic_phrases = tuple(phrases)
    lex.ceasefire_heads = frozenset(e[0] for e in lex.topics.get("ceasefire", ()))
    for etype, table in (d.get("modes") or {}).items():
        if etype not in QUAD:
            raise LanguageDataError(f"lang/{code}/events.yaml: modes: {etype!r} is not a PLOVER type")
        lex.modes[etype] = tuple(
            (str(m), tuple(str(w).lower() for w in ws)) for m, ws in (table or {}).items()
        )
    for lemma, rules in (d.get("verbs") or {}).items():
        lex.verbs[str(lemma).lower()] = tuple(_rule(str(lemma).lower(), r, code) for r in rules)
    for lemma, r in (d.get("nouns") or {}).items():
        unknown = set(r) - NOUN_KEYS
        if unknown or r.get("event") not in QUAD:
            raise LanguageDataError(f"lang/{code}/events.yaml: noun {lemma!r}: bad entry {r}")
        lex.nouns[str(lemma).lower()] = NounRule(
            lemma=str(lemma).lower(),
            event=r["event"],
            mode=str(r.get("mode", "") or ""),
            alone=bool(r.get("alone", False)),
            de=str(r.get("de", "") or ""),
            needs=_tuple(r.get("needs")),
            needs_light=bool(r.get("needs_light", False)),
            needs_recipient=bool(r.get("needs_recipient", False)),
            context=_tuple(r.get("context")),
            marked_by=_tuple(r.get("marked_by")),
            not_with=_tuple(r.get("not_with")),
            de_after=_tuple(r.get("de_after")),
            if_topic=_if_topic(r.get("if_topic"), lemma),
            stage=str(r.get("stage", "") or ""),
            topic=_tuple(r.get("topic")),
        )
    for key, entries in (d.get("light_verbs") or {}).items():
        for v in entries if isinstance(entries, list) else [entries]:  # a verb may carry nouns two ways
            words = str(key).lower().split()
            with_ = _tuple(v.get("with"))
            if words[0] == "se":  # "se tenir": the reflexive is written first
                lemma, with_ = words[-1], ("se", *with_)
            else:  # "avoir lieu": the verb first, then its fixed words
                lemma, with_ = words[0], (*words[1:], *with_)
            lv = LightVerb(
                lemma, str(v.get("role", "actor")), with_, str(v.get("prep", "")), _tuple(v.get("only"))
            )
            lex.light_verbs[lv.lemma] = (*lex.light_verbs.get(lv.lemma, ()), lv)
    lex.critics = frozenset(lemma for lemma, rules in lex.verbs.items() if any(r.reports for r in rules))
    subject = []
    for stage, v in (d.get("subject_events") or {}).items():
        verbs = tuple(tuple(str(x).lower().split()) for x in v.get("verbs", []))
        subject.append(SubjectEvent(str(stage), str(v["event"]), str(v.get("mode", "") or ""), verbs))
    lex.subject_events = tuple(subject)
    lex.group_phrases = tuple(
        (fold(w), w.split()[0], sector) for w, sector in lex.group_nouns.items() if " " in w
    )
    lex.noun_phrases = tuple((fold(k), k.split()[0]) for k in lex.nouns if " " in k)
    lex.stages = _tuple(d.get("ceasefire_stages"))
    lex.place_prepositions = _words(d.get("place_prepositions"), "place_prepositions")
    lex.owner_prepositions = _words(d.get("owner_prepositions"), "owner_prepositions")
    lex.articles = _words(d.get("articles"), "articles")

    for s in actors.get("seats") or []:
        lex.seats[fold(s["name"])] = (str(s["country"]), str(s.get("sector", "GOV")))
    for it in actors.get("igos") or []:
        for n in it["names"]:
            lex.igos[fold(n)] = (str(it["names"][0]), str(it["code"]))
    for iso, names in (actors.get("countries") or {}).items():
        lex.country_names[str(iso)] = str(names[0])
        for n in names:
            lex.countries[fold(n)] = str(iso)
    for iso, words in (actors.get("demonyms") or {}).items():
        for w in words:
            lex.demonyms[fold(w)] = str(iso)
    return lex
