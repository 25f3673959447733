"""Scoring coded events against hand labels (``data/labels/events-*.yaml``).

A label file holds, per sentence, the article's id, the sentence's offsets in the cleaned body, a
sha1 of the sentence's text (to detect drift in the cleaner or the segmenter) and the events a
coder should find — never the text itself; the text is read at run time from the corpus.

Matching, per labelled sentence (a coded event belongs to the sentence its trigger is in; negated
events are left out, as PLOVER allows):

* **type**: a gold event and a coded event of the same PLOVER type pair up (one to one).
* **type + actor + recipient**: they pair up when the type is the same and both the actor list and
  the recipient list match. Two actors match when their ISO-3 / organisation codes are equal (both
  set) and their sectors are on the same side of the state line (GOV, MIL, COP, JUD, LEG, SPY against
  the rest; PTY, UNK or no sector on either side leave it open), or, when the codes are not both set,
  when their canonical names are equal (accents and case folded). When both codes are set and
  differ, only equal canonical names of a *named* actor match, not two group nouns: "les
  manifestants" of Belarus match "les protestataires" of Belarus (same code, same side), but not
  "le gouvernement" of Belarus, and "le gouvernement" of India is not "le gouvernement" of Pakistan.
  (Until 2026-11-21 a code alone matched whatever the sectors, and equal common nouns matched
  whatever the codes; both let wrong actors count as right. The change applies to both halves.)
  A coded list matches a gold list when every coded actor matches a gold actor and, if gold has any,
  at least one does; an empty gold list is matched only by an empty list. **Strict** matching also
  asks every gold actor to be found.

Precision = pairs / coded events in labelled sentences; recall = pairs / gold events.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from chronique.errors import ChroniqueError
from chronique.events.model import Actor, Event
from chronique.events.names import fold


@dataclass(frozen=True, slots=True)
class GoldActor:
    canonical: str
    code: str = ""
    sector: str = ""
    #: the words of the sentence that name it (offsets in the cleaned body), when the labeller gave
    #: them (batches 23 on); ``None`` also when the sentence has no word for it
    span: tuple[int, int] | None = None

    @classmethod
    def parse(cls, s: str) -> GoldActor:
        parts = ([*s.split("|"), "", ""])[:3]
        return cls(parts[0].strip(), parts[1].strip(), parts[2].strip())


@dataclass(frozen=True, slots=True)
class GoldEvent:
    event: str
    mode: str
    actor: tuple[GoldActor, ...]
    recipient: tuple[GoldActor, ...]
    #: the trigger's offsets in the cleaned body, when the labeller gave them (batches 11 on)
    trigger: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class LabelledSentence:
    article: str
    split: str
    start: int
    end: int
    sha1: str
    events: tuple[GoldEvent, ...]


@dataclass
class Counts:
    tp: int = 0
    coded: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.coded if self.coded else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "coded": self.coded,
            "gold": self.gold,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
        }


@dataclass
class Scores:
    type: Counts = field(default_factory=Counts)
    full: Counts = field(default_factory=Counts)
    strict: Counts = field(default_factory=Counts)
    sentences: int = 0
    empty: int = 0
    drifted: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "sentences": self.sentences,
            "sentences_without_event": self.empty,
            "drifted": self.drifted,
            "type": self.type.to_dict(),
            "type+actor+recipient": self.full.to_dict(),
            "type+actor+recipient (strict)": self.strict.to_dict(),
        }


def load_labels(path: str | Path) -> list[LabelledSentence]:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ChroniqueError(f"cannot read the event labels {path}: {exc}") from exc
    out = []
    for it in data.get("sentences", []):
        evs = _gold_events(it.get("events", []))
        out.append(
            LabelledSentence(str(it["id"]), it["split"], int(it["start"]), int(it["end"]), it["sha1"], evs)
        )
    return out


def _gold_events(items: Iterable[dict[str, Any]]) -> tuple[GoldEvent, ...]:
    return tuple(
        GoldEvent(
            e["event"],
            e.get("mode", ""),
            _gold_actors(e.get("actor", []), e.get("actor_spans")),
            _gold_actors(e.get("recipient", []), e.get("recipient_spans")),
            (int(e["trigger"][0]), int(e["trigger"][1])) if e.get("trigger") else None,
        )
        for e in items
    )


def _gold_actors(names: Sequence[str], spans: Sequence[Sequence[int] | None] | None) -> tuple[GoldActor, ...]:
    """``canonical|CODE|SECTOR`` items, with the parallel list of their spans when there is one."""
    out = []
    for n, name in enumerate(names):
        a = GoldActor.parse(name)
        sp = spans[n] if spans and n < len(spans) else None
        out.append(replace(a, span=(int(sp[0]), int(sp[1]))) if sp else a)
    return tuple(out)


def sentence_sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


#: Sectors of the state. A code match needs both actors on the same side of this line (when both
#: sectors are known): "les manifestants" (BLR CVL) are not "le gouvernement" (BLR GOV).
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})


#: Sectors on either side (a party may govern or oppose) or unknown: no constraint.
NEUTRAL_SECTORS = frozenset({"", "UNK", "PTY"})


def _same_side(a: str, b: str) -> bool:
    if a in NEUTRAL_SECTORS or b in NEUTRAL_SECTORS:
        return True
    return (a in STATE_SECTORS) == (b in STATE_SECTORS)


def actor_matches(coded: Actor, gold: GoldActor) -> bool:
    same_name = bool(gold.canonical) and fold(coded.canonical) == fold(gold.canonical)
    if coded.code and gold.code:
        if coded.code == gold.code and _same_side(coded.sector, gold.sector):
            return True
        # codes that disagree: only a name identifies an actor then, not a group noun
        # ("le gouvernement" of Pakistan is not "le gouvernement" of India)
        return same_name and coded.source != "group"
    return same_name


def list_matches(
    coded: Sequence[Actor],
    gold: Sequence[GoldActor],
    *,
    strict: bool = False,
    match: Callable[[Actor, GoldActor], bool] = actor_matches,
) -> bool:
    if not gold:
        return not coded
    if not coded:
        return False
    if not all(any(match(c, g) for g in gold) for c in coded):
        return False
    if strict:
        return all(any(match(c, g) for c in coded) for g in gold)
    return any(match(c, g) for c in coded for g in gold)


def _pair(coded: Sequence[Any], gold: Sequence[GoldEvent], ok: Callable[[Any, GoldEvent], bool]) -> int:
    free = list(coded)
    n = 0
    for g in gold:
        hit = next((c for c in free if ok(c, g)), None)
        if hit is not None:
            free.remove(hit)
            n += 1
    return n


def score(
    labelled: Iterable[LabelledSentence], coded: dict[str, list[Event]], texts: dict[str, str]
) -> Scores:
    """Score the events ``coded`` per article id against the labelled sentences; ``texts`` are the
    articles' cleaned bodies (to check each sentence's sha1)."""
    s = Scores()
    for ls in labelled:
        s.sentences += 1
        s.empty += not ls.events
        body = texts.get(ls.article)
        if body is None or sentence_sha1(body[ls.start : ls.end]) != ls.sha1:
            s.drifted += 1
        mine = [
            e for e in coded.get(ls.article, []) if ls.start <= e.trigger_start < ls.end and not e.negated
        ]
        _count(s, mine, ls.events)
    return s


def _count(s: Scores, mine: Sequence[Any], gold: Sequence[GoldEvent]) -> None:
    """Add one sentence's pairs to ``s``: ``mine`` are events with ``event``, ``actor`` and
    ``recipient`` (coded events, or another person's labels)."""
    for counts, ok in (
        (s.type, lambda c, g: c.event == g.event),
        (
            s.full,
            lambda c, g: (
                c.event == g.event
                and list_matches(c.actor, g.actor)
                and list_matches(c.recipient, g.recipient)
            ),
        ),
        (
            s.strict,
            lambda c, g: (
                c.event == g.event
                and list_matches(c.actor, g.actor, strict=True)
                and list_matches(c.recipient, g.recipient, strict=True)
            ),
        ),
    ):
        counts.coded += len(mine)
        counts.gold += len(gold)
        counts.tp += _pair(list(mine), gold, ok)


def _pair_one(free: Sequence[Event], g: GoldEvent) -> Event | None:
    """The coded event of ``free`` that pairs with ``g``: a full match first, else one of its type."""
    return next(
        (
            c
            for c in free
            if c.event == g.event
            and list_matches(c.actor, g.actor)
            and list_matches(c.recipient, g.recipient)
        ),
        None,
    ) or next((c for c in free if c.event == g.event), None)


def outcomes(ls: LabelledSentence, coded: Sequence[Event]) -> list[tuple[Event, bool, bool]]:
    """Each event coded in the sentence (negated ones aside, as :func:`score` counts), with whether
    it pairs with a gold event of its type and whether its actor and recipient match that one too."""
    mine = [e for e in coded if ls.start <= e.trigger_start < ls.end and not e.negated]
    free = list(mine)
    verdict: dict[int, bool] = {}
    for g in ls.events:
        hit = _pair_one(free, g)
        if hit is not None:
            free.remove(hit)
            verdict[id(hit)] = list_matches(hit.actor, g.actor) and list_matches(hit.recipient, g.recipient)
    return [(e, id(e) in verdict, verdict.get(id(e), False)) for e in mine]


def auc(scores: Sequence[float], right: Sequence[bool]) -> float:
    """How well ``scores`` rank right items above wrong ones: the probability that a right item
    scores higher than a wrong one (ties count half); NaN without both kinds."""
    ranks: dict[float, float] = {}
    ordered = sorted(scores)
    i = 0
    while i < len(ordered):  # the average rank of each value (1-based), ties shared
        j = i
        while j < len(ordered) and ordered[j] == ordered[i]:
            j += 1
        ranks[ordered[i]] = (i + 1 + j) / 2
        i = j
    pos = sum(1 for r in right if r)
    neg = len(right) - pos
    if not pos or not neg:
        return float("nan")
    total = sum(ranks[s] for s, r in zip(scores, right, strict=True) if r)
    return (total - pos * (pos + 1) / 2) / (pos * neg)


@dataclass
class ArgumentReading:
    """How the coder reads the arguments whose words the labels mark, in the events it finds with
    their type: ``marked`` gold actors (or recipients) with a span, ``read`` those a coded one of
    the same role covers (its offsets overlap the span), ``resolved`` those also matched by name or
    code. ``read`` − ``resolved`` are right words resolved to the wrong actor; ``marked`` − ``read``
    are words the coder did not take."""

    marked: int = 0
    read: int = 0
    resolved: int = 0

    def to_dict(self) -> dict[str, Any]:
        share = (lambda n: round(n / self.marked, 3)) if self.marked else (lambda n: 0.0)
        return {
            "marked": self.marked,
            "read": self.read,
            "resolved": self.resolved,
            "read share": share(self.read),
            "resolved share": share(self.resolved),
        }


def argument_reading(
    labelled: Iterable[LabelledSentence], coded: dict[str, list[Event]]
) -> dict[str, ArgumentReading]:
    """Per role (``actor``, ``recipient``), how the coder reads the labelled arguments that carry
    a span; events pair as for the scores (same type, one to one, a full match first)."""
    out = {"actor": ArgumentReading(), "recipient": ArgumentReading()}
    for ls in labelled:
        free = [
            e for e in coded.get(ls.article, []) if ls.start <= e.trigger_start < ls.end and not e.negated
        ]
        for g in ls.events:
            hit = _pair_one(free, g)
            if hit is None:
                continue
            free.remove(hit)
            for role, mine, gold in (
                ("actor", hit.actor, g.actor),
                ("recipient", hit.recipient, g.recipient),
            ):
                for ga in gold:
                    if ga.span is None:
                        continue
                    out[role].marked += 1
                    over = [c for c in mine if c.start < ga.span[1] and ga.span[0] < c.end]
                    out[role].read += bool(over)
                    out[role].resolved += any(actor_matches(c, ga) for c in over)
    return out


@dataclass(frozen=True, slots=True)
class DoublyLabelled:
    """A sentence labelled twice, blind, by two people (``first``, ``second``)."""

    article: str
    batch: int
    split: str
    start: int
    end: int
    sha1: str
    first: tuple[GoldEvent, ...]
    second: tuple[GoldEvent, ...]


def load_agreement(path: str | Path) -> list[DoublyLabelled]:
    """A file of sentences labelled twice (``data/labels/events-*-agreement.yaml``)."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ChroniqueError(f"cannot read the double labels {path}: {exc}") from exc
    return [
        DoublyLabelled(
            str(it["id"]),
            int(it.get("batch", 0)),
            it["split"],
            int(it["start"]),
            int(it["end"]),
            it["sha1"],
            _gold_events(it.get("first", [])),
            _gold_events(it.get("second", [])),
        )
        for it in data.get("sentences", [])
    ]


@dataclass(frozen=True, slots=True)
class LabelsAsCoded:
    """Another person's labelled event, in the shape :func:`_count` reads coded events in."""

    event: str
    actor: list[Actor]
    recipient: list[Actor]


def _as_coded(g: GoldEvent) -> LabelsAsCoded:
    return LabelsAsCoded(g.event, [_as_actor(a) for a in g.actor], [_as_actor(a) for a in g.recipient])


def _as_actor(a: GoldActor) -> Actor:
    return Actor(a.canonical, a.canonical, a.code, a.sector, 0, 0, "name")


def agreement(
    doubly: Iterable[DoublyLabelled], reference: dict[tuple[str, int], tuple[GoldEvent, ...]] | None = None
) -> dict[str, Scores]:
    """How far two people labelling blind agree, scored as the coder is: ``second`` against
    ``first``; with ``reference`` (the adjudicated labels of the same sentences, by (article,
    start)), each of them against it too ("first vs adjudicated", "second vs adjudicated")."""
    out = {"second vs first": Scores()}
    if reference is not None:
        out["first vs adjudicated"] = Scores()
        out["second vs adjudicated"] = Scores()
    for d in doubly:
        for name, mine, gold in (
            ("second vs first", d.second, d.first),
            ("first vs adjudicated", d.first, (reference or {}).get((d.article, d.start))),
            ("second vs adjudicated", d.second, (reference or {}).get((d.article, d.start))),
        ):
            if name not in out or gold is None:
                continue
            out[name].sentences += 1
            out[name].empty += not gold
            _count(out[name], [_as_coded(g) for g in mine], gold)
    return out


def verdicts(ls: LabelledSentence, coded: list[Event]) -> list[tuple[str, str]]:
    """For a report: each gold and coded event of a sentence with found / missed / extra."""
    mine = [e for e in coded if ls.start <= e.trigger_start < ls.end and not e.negated]
    out = []
    free = list(mine)
    for g in ls.events:
        hit = _pair_one(free, g)
        gold = f"{g.event} {[a.canonical for a in g.actor]} -> {[a.canonical for a in g.recipient]}"
        if hit is None:
            out.append(("missed", gold))
        else:
            free.remove(hit)
            full = list_matches(hit.actor, g.actor) and list_matches(hit.recipient, g.recipient)
            out.append(("found" if full else "type-only", f"{gold}  ~ {_show(hit)}"))
    out.extend(("extra", _show(c)) for c in free)
    return out


def _show(e: Event) -> str:
    a = [f"{x.canonical}/{x.code}" for x in e.actor]
    r = [f"{x.canonical}/{x.code}" for x in e.recipient]
    return f"{e.event} {a} -> {r} ({e.event_text})"


def corpus_records(path: str | Path, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The records of a JSONL corpus whose ``id`` is in ``ids`` (id as text → record), as the label
    files name them."""
    want = set(ids)
    out: dict[str, dict[str, Any]] = {}
    with Path(path).open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if str(r["id"]) in want:
                out[str(r["id"])] = r
    return out


def annotated_records(
    records: dict[str, dict[str, Any]], nlp: Any, *, entities: bool = True
) -> tuple[list[Any], list[Any], dict[str, Any]]:
    """Clean and annotate corpus records (``id`` → record with ``article`` and ``title``) as the
    label files were made; with the entities stage's mentions linked over the records (a person
    known as French in one article is French in the others), as in the build. Returns the articles,
    their annotations and the mentions per article id."""
    from chronique.events import adapters
    from chronique.models import RawDocument
    from chronique.settings import Settings
    from chronique.stages.annotate import annotate
    from chronique.stages.clean import clean

    settings = Settings()
    arts = [
        clean(
            RawDocument(
                "orangesum-dev.jsonl", rid, "jsonl", r["article"], meta={"title": r.get("title", "")}
            ),
            settings,
        )
        for rid, r in records.items()
    ]
    anns = annotate(arts, nlp)
    found = {a.id: adapters.mentions(a, ann) for a, ann in zip(arts, anns, strict=True)} if entities else {}
    adapters.link_collection(found)
    return arts, anns, found


def code_records(
    records: dict[str, dict[str, Any]],
    nlp: Any,
    *,
    entities: bool = True,
    learned: bool = False,
    calibrated: bool = True,
) -> tuple[dict[str, list[Event]], dict[str, str]]:
    """Clean, annotate and code corpus records (:func:`annotated_records`): returns the events per
    id and the cleaned bodies (``calibrated``: see :func:`chronique.stages.events.code_events`)."""
    from chronique.events import adapters
    from chronique.stages.dating import publication_date
    from chronique.stages.events import code_events

    arts, anns, found = annotated_records(records, nlp, entities=entities)
    coded: dict[str, list[Event]] = {}
    for art, ann in zip(arts, anns, strict=True):
        pub = publication_date(art)
        coded[art.source_id] = code_events(
            art,
            ann,
            pub,
            found.get(art.id),
            adapters.timexes(art, ann, pub),
            learned=learned,
            calibrated=calibrated,
        )
    return coded, {a.source_id: a.body for a in arts}


@dataclass(frozen=True, slots=True)
class Gap:
    """A gold event with trigger offsets that the coder did not code with its type, and why:
    ``dropped:<reason>`` (the coder found the trigger and left it out), ``known`` (the lexicon has
    the trigger's lemma for this type, but no rule's conditions held), ``other-type`` (the lemma is
    a trigger of another type), ``unknown`` (the lemma is no trigger)."""

    article: str
    start: int
    end: int
    event: str
    lemmas: tuple[str, ...]
    why: str


def trigger_gaps(
    labelled: Iterable[LabelledSentence], records: dict[str, dict[str, Any]], nlp: Any
) -> tuple[list[Gap], int]:
    """The gold events with trigger offsets that the coder misses by type, each with its cause;
    and how many such events it does code with their type. For tuning on the dev half only."""
    from chronique.events import adapters
    from chronique.events.lexicon import load
    from chronique.stages.dating import publication_date
    from chronique.stages.events import explain

    by_article: dict[str, list[LabelledSentence]] = {}
    for ls in labelled:
        if any(g.trigger for g in ls.events) and ls.article in records:
            by_article.setdefault(ls.article, []).append(ls)
    arts, anns, found = annotated_records({rid: records[rid] for rid in by_article}, nlp)
    lex = load("fr")
    gaps: list[Gap] = []
    hits = 0
    for art, ann in zip(arts, anns, strict=True):
        pub = publication_date(art)
        events, dropped = explain(art, ann, pub, found.get(art.id), adapters.timexes(art, ann, pub))
        for ls in by_article[art.source_id]:
            free = [e for e in events if ls.start <= e.trigger_start < ls.end and not e.negated]
            for g in ls.events:
                hit = next((e for e in free if e.event == g.event), None)
                if hit is not None:
                    free.remove(hit)
                    hits += g.trigger is not None
                    continue
                if g.trigger is None:
                    continue
                ts, te = g.trigger
                toks = [t for t in ann.tokens if t.start >= ts and t.end <= te]
                heads = [t for t in toks if t.pos in ("VERB", "NOUN")] or toks
                lemmas = tuple(t.lemma.lower() for t in heads)
                types = {r.event for x in lemmas for r in lex.verbs.get(x, ())}
                types |= {lex.nouns[x].event for x in lemmas if x in lex.nouns}
                drop = next((d for d in dropped if ts <= d.start < te), None)
                if drop is not None:
                    why = f"dropped:{drop.reason}"
                elif g.event in types:
                    why = "known"
                elif types:
                    why = "other-type"
                else:
                    why = "unknown"
                gaps.append(Gap(ls.article, ts, te, g.event, lemmas, why))
    return gaps, hits


# -- the seeds' gold (../shared/gold/seeds.yaml) -----------------------------------------------------

#: How seeds.yaml names international organisations → PLOVER codes.
_ORG_CODES = {"ONU": "UNO", "UE": "EUR", "OTAN": "IGO"}


@dataclass(frozen=True, slots=True)
class SeedEvent:
    event: str
    mode: str
    actor: tuple[GoldActor, ...]
    recipient: tuple[GoldActor, ...] | None  # None: the gold says nothing about recipients
    descriptions: tuple[str, ...] = ()


def seed_events(entry: dict[str, Any]) -> list[SeedEvent]:
    """The events of one seed's gold entry, with people named there given their code."""
    people: dict[str, GoldActor] = {}
    for e in entry.get("entities", []):
        code = e.get("country", "") or _ORG_CODES.get(e.get("org", ""), "")
        ga = GoldActor(e["canonical"], code, "")
        for n in [e["canonical"], *e.get("variants", [])]:
            people[fold(n)] = ga

    def actors(names: list[str]) -> tuple[tuple[GoldActor, ...], tuple[str, ...]]:
        out, desc = [], []
        for n in names:
            if len(n) == 3 and n.isupper():
                out.append(GoldActor("", n))
            elif fold(n) in people:
                out.append(people[fold(n)])
            else:
                out.append(GoldActor(n))
                desc.append(n)
        return tuple(out), tuple(desc)

    out = []
    for ev in entry.get("events", []):
        act, d1 = actors(ev.get("actor", []))
        rec, d2 = actors(ev["recipient"]) if "recipient" in ev else ((), ())
        out.append(
            SeedEvent(ev["type"], ev.get("mode", ""), act, rec if "recipient" in ev else None, d1 + d2)
        )
    return out


def seed_match(coded: Event, gold: SeedEvent) -> bool:
    """Type, mode (when the gold gives one), actors and recipients (when given) as :func:`list_matches`
    says; a gold actor that is a description ("17 pays et trois organisations") matches a coded actor
    whose text it contains."""

    def match(c: Actor, g: GoldActor) -> bool:
        if g.canonical in gold.descriptions:
            text = fold(c.entity_text)
            return bool(text) and (text in fold(g.canonical) or fold(g.canonical) in text)
        return actor_matches(c, g)

    if coded.event != gold.event or coded.negated or (gold.mode and coded.mode != gold.mode):
        return False
    if not list_matches(coded.actor, gold.actor, match=match):
        return False
    return gold.recipient is None or list_matches(coded.recipient, gold.recipient, match=match)
