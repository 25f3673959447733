"""The coder: each sentence's triggers (:mod:`chronique.events.triggers`) → PLOVER events.

For each trigger: who acts (the subject; the agent of a passive; the subject an infinitive or a
participle shares with its verb; the antecedent of "qui"; a pronoun's antecedent; the speaker of a
quotation), to whom (the rule's slots: object, "à", "auprès de", "avec", whose the object is),
what it is about (topics: ceasefire, yield, meeting...), then PLOVER's decisions: the mode, the
ceasefire table (a belligerent's call is an offer; a ceasefire declared is a concession; in force,
a retreat; a refusal, a rejection), a host and a visitor, the flags, the date, the place.

Not coded: what is only asked, promised, refused or threatened (the content of another event);
statements with no act; events with no actor, except a ceasefire's state.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from chronique.events import arguments
from chronique.events.actors import Ref, RefIndex, Resolver
from chronique.events.flags import event_date, flags
from chronique.events.learned import TriggerModel, Vectors
from chronique.events.learned import features as learned_features
from chronique.events.lexicon import Lexicon, Rule
from chronique.events.model import Actor, Dropped, Event, Place
from chronique.events.names import fold
from chronique.events.recipients import Chooser
from chronique.events.tree import QUOTES, Tree, temporal_tokens
from chronique.events.triggers import (
    Cand,
    cop_cand,
    noun_cand,
    quotation,
    rule_cand,
    subject_cand,
    verb_cand,
    verb_lemmas,
)
from chronique.models import Article
from chronique.stages.annotate import Annotation
from chronique.stages.dating import PubDate

#: The ceasefire stage an event type is when it is about a ceasefire.
STAGE_OF = {
    "REQUEST": "called-for",
    "AGREE": "agreed",
    "CONCEDE": "declared",
    "REJECT": "rejected",
    "CONSULT": "negotiated",
    "RETREAT": "in-force",
}
#: Relations across which an event is not the content of the verb above it.
_OWN_CLAUSE = ("acl:relcl", "parataxis")
#: Subordinators of an adverbial clause that is what another act is about or for ("pour", "afin de").
#: Ceasefire stages that are a state of things: coded even when the text names no party.
_STATES = frozenset({"in-force", "collapsed", "violated", "declared"})
#: Event nouns whose "sur" names the subject matter ("un accord sur X", "des pourparlers sur X"),
#: not the party acted on ("des frappes sur X", "une enquête sur X", "des pressions sur X").
_TOPIC_SUR = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REJECT", "RETREAT", "COOPERATE"})
#: Event types that act against someone: the owner of the thing or act they target is the recipient
#: ("la condamnation de l'offensive engagée par X").
_AGAINST = frozenset({"ACCUSE", "ASSAULT", "COERCE", "SANCTION", "THREATEN", "REJECT"})
#: Prepositions of a source or a medium inside a reported quotation's sentence.
_SOURCE_PREPS = frozenset({"selon", "sur", "d'après"})
#: Sectors of the state: a protest noun whose own actors are all of them names no protest.
_STATE = frozenset({"GOV", "MIL", "COP", "JUD", "SPY"})
_PURPOSE = frozenset({"pour", "afin", "de", "à", "afin de", "en vue de"})


def code(
    article: Article,
    ann: Annotation,
    pub: PubDate | None,
    refs: Sequence[Ref],
    timexes: Sequence[Any] | None,
    lex: Lexicon,
    learned: TriggerModel | None = None,
    vectors: Vectors | None = None,
    recipients: Chooser | None = None,
) -> tuple[list[Event], list[Dropped]]:
    """Code every sentence of an annotated article; return the events and the triggers dropped.
    With a ``learned`` trigger detector and the model's word ``vectors``, verbs no rule codes may
    be events too (:mod:`chronique.events.learned`); with a ``recipients`` chooser, an event whose
    slots named no recipient takes the one it picks (:mod:`chronique.events.recipients`)."""
    index = RefIndex(refs, [(t.start, t.end) for t in ann.tokens])
    res = Resolver(index, lex)
    events: list[Event] = []
    dropped: list[Dropped] = []
    temporal = temporal_tokens(ann, timexes)
    trees = [Tree(ann, s, lex.etre_verbs, temporal, lex.grammar) for s in range(len(ann.sentences))]
    res.article_words = frozenset(w for tr in trees for k in tr.tokens() for w in tr.forms(k))
    for t in trees:
        res.sentence = t.index
        res.speakers[t.index] = _speaker(t, trees, res, lex)
        cands = _candidates(t, lex, res)
        found = cands
        cands, gone = _suppress(cands, lex)
        dropped.extend(gone)
        absorbed = [c for c in found if c not in cands and c.kind == "noun"]
        if learned is not None and vectors is not None:
            cands += _learned(t, cands, learned, vectors, lex, res)
        pairs: list[tuple[Cand, Event]] = []
        for c in cands:
            ev = _build(article, c, res, lex, pub, timexes, dropped)
            if ev is not None:
                pairs.append((c, _absorbed_partner(c, ev, cands + absorbed, res, lex)))
        pairs = _one_protest(pairs)
        events.extend(_guess_recipient(t, e, res, recipients) for e in _merge(_share_recipients(pairs)))
        _remember_subjects(t, res)
    return _carry_recipients(events), dropped


# -- candidates ---------------------------------------------------------------------------------------

#: Where a learned trigger's recipient is looked for, in order.
_LEARNED_RECIPIENT = ("obj", "iobj", "à", "contre", "avec", "auprès de")
#: The confidence of an event a learned trigger gives (before the usual adjustments).
LEARNED_CONFIDENCE = 0.35


def _learned(
    t: Tree, cands: list[Cand], model: TriggerModel, vectors: Vectors, lex: Lexicon, res: Resolver
) -> list[Cand]:
    """Candidates for the verbs no rule coded that the learned detector reads as events of a type
    the sentence has no candidate of; arguments are read as for a rule's verb."""
    used = {k for c in cands for k in (c.trig, c.pred, *c.extra)}
    have = {c.event for c in cands}
    out: list[Cand] = []
    for i in t.tokens():
        lemma = t.lemma(i)
        if t.tok(i).pos != "VERB" or i in used or lemma in lex.reporting or lemma in lex.control:
            continue
        etype, p = model.best(learned_features(t, i, vectors, lex))
        if etype == "NONE" or p < model.threshold or etype in have:
            continue
        rule = Rule(lemma, etype, recipient=_LEARNED_RECIPIENT, confidence=LEARNED_CONFIDENCE, learned=True)
        c = rule_cand(t, i, rule, lex, res)
        if c is not None:
            out.append(c)
            have.add(etype)
    return out


def _candidates(t: Tree, lex: Lexicon, res: Resolver) -> list[Cand]:
    out: list[Cand] = []
    taken: set[int] = set()
    for i in t.tokens():
        if i in taken:
            continue
        pos = t.tok(i).pos
        c = None
        if pos == "VERB" or (
            pos in ("ADV", "ADJ", "NOUN")
            and (t.children(i, "aux:tense", "aux:pass") or (pos == "ADJ" and t.reflexive(i) is not None))
        ):
            # a participle the tagger missed: it has an auxiliary; a verb tagged as an adjective
            # has a reflexive pronoun ("X s'indigne")
            c = verb_cand(t, i, lex, res)
        if c is None and pos in ("NOUN", "ADJ", "PROPN"):
            c = cop_cand(t, i, lex, res)
        if c is None and pos in ("NOUN", "PROPN"):
            c = subject_cand(t, i, lex) or noun_cand(t, i, lex, res)
        if c is not None:
            out.append(c)
            taken.add(c.trig)
            if c.kind == "subject":
                taken.update(c.extra)
    return out


def _suppress(cands: list[Cand], lex: Lexicon) -> tuple[list[Cand], list[Dropped]]:
    """Drop what is only the content of another event, and nouns their verb already codes."""
    preds = {c.pred: c for c in cands}
    keep, gone = [], []
    for c in cands:
        reason = _content_of(c, preds, lex)
        if reason is None:
            for o in cands:
                if o is not c and o.event == c.event and c.kind in ("noun", "light") and c.trig != o.trig:
                    near = {o.pred, *o.t.children(o.pred)}
                    if o.kind == "verb" and (c.t.head(c.trig) in near or c.trig in o.extra):
                        reason = "same-event"
                        break
        if reason:
            gone.append(Dropped(c.t.index, c.t.word(c.trig), c.t.tok(c.trig).start, c.event, reason))
        else:
            keep.append(c)
    return keep, gone


#: Words opening an adjunct that tells what happened before or around ("suite à", "après", "malgré"):
#: an event there is a fact, never the content of the verb above.
_ADJUNCT_WORDS = frozenset({"après", "suite", "lors", "depuis", "pendant", "malgré", "avant", "durant"})


def _content_of(c: Cand, preds: dict[int, Cand], lex: Lexicon) -> str | None:
    t = c.t
    if c.kind in ("noun", "light") and any(t.lower(k) in _ADJUNCT_WORDS for k in t.children(c.trig, "case")):
        return None
    j = c.pred
    while True:
        h = t.head(j)
        if h is None:
            return None
        d = t.dep(j)
        if d in _OWN_CLAUSE:
            return None
        f = t.feats(j)
        marks = {t.lower(m) for m in t.children(j, "mark")}
        participle = f.get("VerbForm") == "Part" and not marks
        if participle and (d.startswith("advcl") or (d == "acl" and f.get("Tense") != "Past")):
            return None  # "..., exhortant X à": an act of its own
        if d.startswith("advcl"):
            if marks & {"pour", "afin"} and marks & {"que", "qu'"}:
                return "purpose"  # "pour qu'ils tuent": intended, not done
            if not (marks & _PURPOSE or (not marks and f.get("VerbForm") == "Inf")):
                return None  # "tandis que", "alors que", "lorsque": a clause of its own
        above = preds.get(h)
        if above is not None and above is not c:
            if d == "conj" and t.tok(j).pos in ("VERB", "AUX"):
                return None
            if above.event in lex.verbal_types and above.kind in ("verb", "light"):
                return "content"
        j = h


# -- arguments -------------------------------------------------------------------------------------


# -- building the event --------------------------------------------------------------------------------


def _build(
    article: Article,
    c: Cand,
    res: Resolver,
    lex: Lexicon,
    pub: PubDate | None,
    timexes: Sequence[Any] | None,
    dropped: list[Dropped],
) -> Event | None:
    t = c.t

    def drop(reason: str) -> None:
        dropped.append(Dropped(t.index, t.word(c.trig), t.tok(c.trig).start, c.event, reason))

    rule = c.rule
    actors: list[Actor] = []
    recipients: list[Actor] = []
    subj = arguments.agent(t, c.pred, res) if c.kind != "noun" else []
    if c.kind == "verb" and rule is not None:
        if rule.actor == "obj":
            actors = arguments.slot(t, c.pred, "obj", res, c, subj)
            recipients = subj
        else:
            actors = subj
            if rule.actor == "participants" and not actors:
                actors = arguments.slot(t, c.pred, "entre", res, c, subj)
            for slot in rule.recipient:
                if rule.actor == "obj" and slot == "subj":
                    continue
                recipients = arguments.slot(t, c.pred, slot, res, c, subj)
                if recipients:
                    break
            if not recipients and "obj" in rule.recipient and c.content:
                recipients = arguments.fallback_objects(t, c.pred, c, res)
        if rule.reports:  # a critical verb reporting a quotation: speaker → the one actor it names
            actors, recipients = _critic(t, c.pred, res, actors, recipients)
        if rule.needs_agent and not actors:
            drop("no-agent")
            return None
        if rule.requires_recipient and not recipients:
            drop("no-recipient")
            return None
        if rule.actor_sector and not any(a.sector in rule.actor_sector for a in actors or [Actor("", "")]):
            drop("actor-sector")
            return None
    elif c.kind == "subject":
        actors = arguments.noun_actors(t, c.extra[0], res)
    else:
        de = _noun_de(c)
        possessive = any(t.feats(k).get("Poss") == "Yes" for k in t.children(c.trig, "det"))
        if de == "actor" and possessive and c.event in _AGAINST:
            de = "recipient"  # "sa condamnation de X": the possessive is who acts, "de X" the one acted on
        own = arguments.noun_actors(t, c.trig, res, de=de)
        gov = t.verb_of(c.trig)
        if not own and c.kind == "noun" and gov is not None and not t.is_passive(gov):
            # "ont péri lors de l'assaut de la prison par X": the parse hangs the noun's "par" on a
            # verb that is not passive, which cannot have an agent of its own
            own = [
                a
                for k in t.children(gov, "obl:agent")
                if k > c.trig and t.prep(k) == "par"
                for a in res.phrase(t, k)
            ]
        between = [k for k in t.children(c.trig) if t.prep(k) == "entre"]
        role = c.light.role if c.light else "noun"
        if role == "actor":
            actors = own if between and own else (subj or own)  # "annoncé un accord entre X et Y"
        elif role == "object":  # "le cortège a rassemblé des centaines de salariés"
            actors = arguments.slot(t, c.pred, "obj", res, c, subj) or own
        elif role in ("recipient", "place"):
            actors = own
            if role == "recipient":
                recipients = subj
            elif subj:
                recipients = []
        else:
            actors = own
        if c.kind == "noun" and c.noun is not None and t.prep(c.trig) in c.noun.marked_by:
            gov = t.verb_of(c.trig)
            doers = arguments.agent(t, gov, res) if gov is not None else []
            if not actors:  # "ils ont défilé en soutien aux grévistes": the marchers back them
                actors = doers
            elif c.event == "REQUEST" and not recipients:  # "à la demande de X, Y a annoncé": X asked Y
                recipients = [a for a in doers if all(a.canonical != b.canonical for b in actors)]
        for slot in ("avec", "contre", "à", "auprès de", "sur"):
            if recipients:
                break
            if slot == "sur" and c.event in _TOPIC_SUR:
                continue  # "un accord sur le Brexit": what it is about, not a party
            recipients = arguments.noun_slot(t, c, slot, res)
        if c.noun is not None and de == "recipient" and not recipients:
            holders = [c.trig] + [
                k for k in t.children(c.trig) if t.prep(k) == "par"
            ]  # "l'arrestation par X de Y"
            recipients = [
                a
                for h in holders
                for k in t.children(h, "nmod")
                if t.prep(k) == "de"
                for a in res.phrase(t, k)
            ]
            if not recipients:  # "l'inculpation pour espionnage de X": the parse hung "de X" elsewhere
                recipients = arguments.loose_de(t, c.trig, res)
            if not recipients:  # "X est mort lors de son interpellation par Y": X undergoes it
                recipients = arguments.possessor(t, c.trig, res, actors)
        if c.noun is not None and de and " " not in c.noun.lemma and not recipients and c.event in _AGAINST:
            # "sa condamnation de l'offensive engagée par X", "l'attaque du convoi de l'armée": the
            # "de" complement is a thing or an act, whose owner is the one acted against
            k = next((k for k in t.children(c.trig, "nmod") if t.prep(k) == "de"), None)
            if k is not None and not res.phrase(t, k):
                recipients = res.owner(t, k)
        if c.noun is not None and de == "recipient":
            recipients = [r for r in recipients if all(r.canonical != a.canonical for a in actors)]
        if c.kind == "noun":
            if not (own or recipients) and c.event != "PROTEST":
                drop("no-participant")
                return None  # a protest named with no marcher is the marchers' (the default below)
            gov = t.verb_of(c.trig)
            reported = (
                gov is not None and t.lemma(gov) in lex.reporting and t.dep(c.trig) in ("obj", "nsubj:pass")
            )
            if not actors and recipients and c.event == "CONSULT" and gov is not None and not reported:
                actors = arguments.agent(t, gov, res)
        if c.event == "PROTEST" and actors and all(a.sector in _STATE for a in actors):
            drop("actor-sector")  # "la mobilisation des forces de l'ordre" deploys them, it is no protest
            return None
        if not actors and c.event == "PROTEST":
            code = next((a.code for a in subj if a.code), res.country) if role == "place" else res.country
            actors = [Actor("manifestants", "manifestants", code, "CVL", source="default")]
        if c.noun is not None and c.noun.needs_recipient and not recipients:
            drop("no-recipient")
            return None
    if not recipients and c.event == "COERCE" and "crowd_control" in c.topics:
        recipients = arguments.crowd(t, c.pred, res, actors)  # gas fired at the crowd the sentence names
    actors = _precise([a for a in actors if a.canonical], lex)
    recipients = _precise(
        [r for r in recipients if r.canonical and all(r.canonical != a.canonical for a in actors)], lex
    )

    event, mode, stage = c.event, c.mode, ""
    changes: dict[str, str] = {}
    for topic, ch in rule.if_topic if rule else c.noun.if_topic if c.noun else ():
        if topic in c.topics:
            changes = ch
            break
    event = changes.get("event", event)
    mode = changes.get("mode", mode)
    if "ceasefire" in c.topics:
        stage = changes.get("stage") or c.stage or STAGE_OF.get(event, "")
        if event in ("ASSAULT", "ACCUSE") and "violation" not in c.topics and not c.stage:
            stage = ""
    if (
        event == "REQUEST"
        and stage == "called-for"
        and any(a.sector in lex.belligerent_sectors for a in actors)
    ):
        event, stage = "AGREE", "agreed"  # a party to the conflict calling for a ceasefire offers one
    if _asked(t, c):
        drop("question")
        return None
    fl = flags(t, c.pred, c.trig, lex)
    if fl.negated and rule is not None and rule.negated_as is not None:
        if not rule.negated_as:
            drop("negated")
            return None
        event, fl = rule.negated_as, replace(fl, negated=False)
        stage = "rejected" if event == "REJECT" and "ceasefire" in c.topics else ("violated" if stage else "")
    if event == "RETREAT" and stage == "in-force":
        mode = "ceasefire"
    if event == "RETREAT" and fl.future and not fl.negated and not stage:
        event, mode = "CONCEDE", ""  # announced, not yet done: a verbal concession (PLOVER)
    if not mode:
        mode = _mode(t, c, event, lex)
    place = _place(t, c, res, actors + recipients)
    if event == "CONSULT":
        actors, recipients, mode = _host(actors, recipients, place, mode)
    if not actors and c.kind == "verb":
        actors = _speaker_as_actor(t, c, res, recipients)
    if not actors and stage not in _STATES:
        drop("no-actor")
        return None
    backing = c.kind == "verb" and t.lemma(c.trig) in lex.backing  # "soutenues par l'aviation russe"
    if event == "SUPPORT" and ("support" in c.topics or backing) and any(a.sector == "MIL" for a in actors):
        event, mode = "AID", "military"  # an army's "appui" to troops is material
    anchors = [c.pred, c.trig, *c.extra]
    date = event_date(t, anchors, timexes, pub)
    first = min([c.trig, *[e for e in c.extra if abs(e - c.trig) <= 3]])
    last = max([c.trig, *[e for e in c.extra if abs(e - c.trig) <= 3]])
    conf = _confidence(c, actors, fl.hypothetical)
    return Event(
        article_id=article.id,
        sentence=t.index,
        start=t.start,
        end=t.end,
        event=event,
        mode=mode,
        actor=tuple(actors),
        recipient=tuple(recipients),
        event_loc=place,
        date=date,
        event_text=t.span_text(first, last),
        trigger_start=t.tok(first).start,
        trigger_end=t.tok(last).end,
        text=article.body[t.start : t.end],
        negated=fl.negated,
        future=fl.future,
        hypothetical=fl.hypothetical,
        confidence=conf,
        ceasefire=stage,
        rule=c.rule_id,
        context=fl.context(),
    )


def _speaker_as_actor(t: Tree, c: Cand, res: Resolver, recipients: Sequence[Actor]) -> list[Actor]:
    """The actor of a verb whose clause names none the parse can find ("Il a par ailleurs dénoncé"
    with the pronoun hung elsewhere, "..., saluant", "et accepté" coordinated with a noun): the one
    the sentence, or the passage it belongs to, reports (news text goes on reporting the same
    speaker). Not inside a quotation (its "je", "on", "vous" are seldom the reporter's speaker), nor
    for a participle describing a noun ("les manifestants rassemblés") or a passive ("X a été
    condamné"): who undergoes or is described is no speaker's act; nor when the speaker is the
    one acted on (dev half: 60 such events, 31 of the right type, 16 also of the right actor and
    recipient; the other cases were right less than one time in five)."""
    v = c.pred
    if t.in_quotation(c.trig) or t.dep(v) == "acl" or t.is_passive(v):
        return []
    speaker = list(res.speakers.get(t.index, ()))
    if any(a.canonical == r.canonical for a in speaker for r in recipients):
        return []
    return [replace(a, source="speaker") for a in speaker]


#: Prepositions by which an event noun names its partner ("une rencontre avec X").
_NOUN_PARTNER = ("avec", "contre", "auprès de")


def _absorbed_partner(c: Cand, ev: Event, cands: list[Cand], res: Resolver, lex: Lexicon) -> Event:
    """A verb event with no recipient takes the partner named by a noun of the same event that its
    verb governs and that was dropped as the same event ("se rendre en Corse pour une rencontre avec
    les élus": the elected officials; "a lancé une offensive contre X")."""
    if ev.recipient or c.kind != "verb" or not ev.actor:
        return ev
    t = c.t
    for n in cands:
        if n.kind != "noun" or n.event != c.event or n.t is not t or t.head(n.trig) != c.pred:
            continue
        for slot in _NOUN_PARTNER:
            found = [
                r
                for r in arguments.noun_slot(t, n, slot, res)
                if r.canonical and all(r.canonical != a.canonical for a in ev.actor)
            ]
            if found:
                return replace(ev, recipient=tuple(_precise(found, lex)))
    return ev


#: Tokens that close the stretch a question mark can close: a sentence's or a quotation's end, a
#: parenthesis ("une fuite (et rémunérée ?)": the question is the aside's).
_QUESTION_BARRIERS = QUOTES | {".", "(", ")", ";"}


def _asked(t: Tree, c: Cand) -> bool:
    """Is the trigger inside a direct question ("Faut-il interdire ces manifestations ?", "X a-t-il
    levé des fonds pour financer sa campagne ?")? A question asserts no act: its "?" hangs on the
    trigger's clause or one above it and closes it, after the trigger, with no quotation mark or
    sentence end between them (a question quoted before its reporting verb is the quotation's)."""
    chain = {c.trig, c.pred, *t.ancestors(c.pred)}
    for k in range(c.trig + 1, t.hi):
        w = t.word(k)
        if w == "?":
            return t.head(k) in chain
        if w in _QUESTION_BARRIERS:
            return False
    return False


def _noun_de(c: Cand) -> str:
    """Whom a noun's "de X" names, as its topics decide: "la condamnation de l'UE" is the EU's
    disapproval, "la condamnation à mort de X" (a penalty) is X's sentence."""
    if c.noun is None:
        return ""
    if c.noun.de_after and c.t.prep(c.trig) in c.noun.de_after:
        return "recipient"  # "aller à la rencontre des habitants": the subject meets them
    for topic, ch in c.noun.if_topic:
        if topic in c.topics:
            return ch.get("de", c.noun.de)
    return c.noun.de


def _one_protest(pairs: list[tuple[Cand, Event]]) -> list[tuple[Cand, Event]]:
    """A protest told twice in one sentence is one: a protest noun that names no marcher (its actor
    the default) after another protest of the sentence, or beside one whose marchers are named ("les
    gilets jaunes ont défilé lors de manifestations", "l'étendard de la contestation, une foule
    s'est réunie"); a protest verb that is the purpose of another ("a entamé une grève de la faim pour
    protester contre...")."""
    protests = [(c, e) for c, e in pairs if e.event == "PROTEST" and not e.negated]
    if len(protests) < 2:
        return pairs
    drop: set[int] = set()
    for n, (c, e) in enumerate(protests):
        others = [(o, oe) for o, oe in protests if o is not c and id(oe) not in drop]
        bare = c.kind == "noun" and all(a.source == "default" for a in e.actor)
        if bare and any(
            protests.index((o, oe)) < n or any(a.source != "default" for a in oe.actor) for o, oe in others
        ):
            drop.add(id(e))
            continue
        t = c.t
        marks = {t.lower(m) for m in t.children(c.pred, "mark")}
        if c.kind == "verb" and t.dep(c.pred).startswith("advcl") and marks & {"pour", "afin"}:
            h = t.head(c.pred)
            if any(h in (o.pred, o.trig) for o, _ in others):
                drop.add(id(e))
    return [(c, e) for c, e in pairs if id(e) not in drop]


def _share_recipients(pairs: list[tuple[Cand, Event]]) -> list[Event]:
    """Coordinated verbs of one subject share the party they act on ("il abaissait ses relations
    avec l'Inde et suspendait le commerce bilatéral": both against India), when one of them names
    it and the other, which has a recipient slot, names none."""
    out = [e for _, e in pairs]
    for n, (c, ev) in enumerate(pairs):
        if ev.recipient or c.kind != "verb" or c.rule is None or not c.rule.recipient or not ev.actor:
            continue
        t = c.t
        linked = {t.head(c.pred)} if t.dep(c.pred) == "conj" else set()
        linked |= set(t.children(c.pred, "conj"))
        for o, oe in pairs:
            if o is not c and o.kind == "verb" and o.pred in linked and oe.actor == ev.actor and oe.recipient:
                if not any(_direct_object(t, o.pred, r) for r in oe.recipient):
                    out[n] = replace(ev, recipient=oe.recipient)
                break
    return out


#: Relations that keep a word within its verb's direct object ("X accusant la classe politique").
_OBJECT_PATH = frozenset({"obj", "conj", "flat:name", "flat", "appos", "amod", "det", "nummod"})


#: Event types aimed at someone (PLOVER gives each a target): labelled events of these types name a
#: recipient most of the time (dev half, 2,256 sentences: 326 of 371 ACCUSE, 44 of 63 REJECT, 29 of
#: 34 THREATEN, all 29 SANCTION, 76 of 83 SUPPORT, 16 of 17 AID, 56 of 71 COERCE), so one the slots
#: did not find is better guessed than left out. Not ASSAULT (92 of 115) nor CONSULT (66 of 84): their
#: nearest other actor is as often a co-actor or a bystander (tried in session 9: dev +2 full
#: matches, and wrong targets for seven of the seeds' events).
_TARGETED = frozenset({"ACCUSE", "REJECT", "THREATEN", "SANCTION", "SUPPORT", "AID", "COERCE"})
#: ... of which those that may go to the actor's own side ("saluer nos soldats").
_FRIENDLY = frozenset({"SUPPORT", "AID"})
#: How much less sure an event is when its recipient was guessed.
GUESS_PENALTY = 0.1


def _guess_recipient(t: Tree, e: Event, res: Resolver, chooser: Chooser | None = None) -> Event:
    """An event whose slots named no recipient: for the types aimed at someone, the nearest other
    actor the sentence names (with those written coordinated with it), after the trigger if any is
    (:func:`arguments.nearest`, :func:`arguments.with_partners`); with a learned ``chooser``
    (:mod:`chronique.events.recipients`), the candidate it picks, for events of any type. Marked
    ``source="guess"`` and with a lower confidence."""
    if e.recipient or not e.actor or (chooser is None and e.event not in _TARGETED):
        return e
    trig = next((k for k in t.tokens() if t.tok(k).start == e.trigger_start), t.lo)
    skip = {a.canonical for a in (*e.actor, *res.speakers.get(t.index, ()))}
    cands = arguments.recipient_candidates(t, e.actor, skip, res, own_side=e.event in _FRIENDLY)
    best = arguments.nearest(cands, trig) if e.event in _TARGETED else None
    if chooser is not None:
        best = chooser(t, trig, e.event, e.actor, cands, best)
    guess = arguments.with_partners(t, best[1], e.actor, skip, res) if best else []
    if not guess:
        return e
    return replace(
        e,
        recipient=tuple(replace(g, source="guess") for g in guess),
        confidence=round(max(0.05, e.confidence - GUESS_PENALTY), 2),
    )


#: Event types whose target, when their sentence names none, is carried from the event just before.
_CARRIED = _TARGETED | {"REQUEST", "AGREE"}
#: How many sentences back a target is carried from (0: the same sentence only).
CARRY_SENTENCES = 1


def _carry_recipients(events: list[Event]) -> list[Event]:
    """An event aimed at someone whose sentence names no one else takes the recipient of the event
    just before it, in its sentence or the one before ("Le ministre a accusé X de... Il a aussi
    dénoncé une « manœuvre »": X), unless that recipient is its actor or a group noun for its
    actor's own state. Marked ``source="carried"`` (the offsets stay those of the earlier mention)
    and less sure."""
    out: list[Event] = []
    for e in events:
        if not e.recipient and e.actor and e.event in _CARRIED and not e.negated:
            for p in reversed(out):
                if e.sentence - p.sentence > CARRY_SENTENCES:
                    break
                if p.recipient and not any(_own_side(r, a) for r in p.recipient for a in e.actor):
                    e = replace(
                        e,
                        recipient=tuple(replace(r, source="carried") for r in p.recipient),
                        confidence=round(max(0.05, e.confidence - GUESS_PENALTY), 2),
                    )
                    break
        out.append(e)
    return out


def _own_side(r: Actor, a: Actor) -> bool:
    """Is ``r`` the actor ``a`` itself, or a group noun for ``a``'s own state ("la partie
    américaine" for the US secretary of state)?"""
    if r.canonical == a.canonical:
        return True
    return (
        r.source == "group"
        and bool(r.code)
        and r.code == a.code
        and r.sector in _STATE
        and a.sector in _STATE
    )


def _direct_object(t: Tree, v: int, a: Actor) -> bool:
    """Is ``a`` the direct object of ``v`` (not a party named deeper: "ses relations avec l'Inde")?
    A verb's own object is not shared with a verb coordinated to it ("accusant X et dénonçant Y")."""
    k = t.ann.token_at(a.start)
    if k is None or not t.lo <= k <= t.hi:
        return False
    seen = 0
    while k is not None and k != v and seen < 12:
        if t.dep(k) not in _OBJECT_PATH:
            return False
        k = t.head(k)
        seen += 1
    return k == v


def _precise(actors: list[Actor], lex: Lexicon) -> list[Actor]:
    """ "Six pays occidentaux, dont les États-Unis": keep who the list names precisely."""
    if any(a.code for a in actors):
        return [a for a in actors if a.code or fold(a.canonical).split()[0] not in lex.vague_nouns]
    return actors


def _mode(t: Tree, c: Cand, event: str, lex: Lexicon) -> str:
    words: set[str] = set()
    for k in [c.trig, *c.extra]:
        words.update(t.forms(k))
    for h in c.content:
        for k in t.subtree(h, stop=("acl:relcl",)):
            words.update(t.forms(k))
    for mode, keys in lex.modes.get(event, ()):
        for key in keys:
            if key == "*":
                return mode
            if key.startswith("@"):
                if key[1:] in c.topics:
                    return mode
            elif all(w in words for w in key.split()):
                return mode
    return ""


def _place(t: Tree, c: Cand, res: Resolver, used: list[Actor]) -> Place | None:
    taken = {(a.start, a.end) for a in used}
    order = [*c.content, c.pred, c.trig]
    seen: set[int] = set()
    for h in order:
        for k in t.subtree(h, stop=("acl:relcl", "parataxis", "nsubj")):
            if k in seen:
                continue
            seen.add(k)
            locative = t.prep(k) in res.lex.place_prepositions
            for r in res.refs.at(k):
                if (r.start, r.end) in taken:
                    continue
                if r.kind in ("place", "country") or (r.seat and locative):
                    name = r.text if r.kind == "government" else r.canonical
                    return Place(r.text, name, r.country or r.code, r.key, r.start, r.end)
    return None


def _host(
    actors: list[Actor], recipients: list[Actor], place: Place | None, mode: str
) -> tuple[list[Actor], list[Actor], str]:
    """PLOVER: the visitor is the actor, the host the recipient. A meeting in the country of the
    actor makes the actor the host."""
    home = place is not None and place.country and len(actors) == 1 and actors[0].code == place.country
    if home and recipients and all(r.code and r.code != actors[0].code for r in recipients):
        return list(recipients), list(actors), mode or "visit"
    return actors, recipients, mode


def _confidence(c: Cand, actors: list[Actor], hypothetical: bool) -> float:
    conf = c.rule.confidence if c.rule is not None else 0.6
    if c.kind == "noun":
        conf -= 0.1
    if actors and all(a.source in ("pronoun", "speaker", "default") for a in actors):
        conf -= 0.15
    elif actors and any(a.source in ("entities",) for a in actors):
        conf += 0.1
    if not actors:
        conf -= 0.2
    if hypothetical:
        conf -= 0.05
    return max(0.05, min(0.99, round(conf, 3)))


def _merge(events: list[Event]) -> list[Event]:
    """One act told twice in one sentence ("a appelé à un cessez-le-feu, exhortant X à ...", "est
    venu à leur rencontre pour dialoguer") is one event: same type, same actors → recipients joined."""
    out: list[Event] = []
    for e in events:
        same = next(
            (
                o
                for o in out
                if (o.event == e.event and o.actor == e.actor and "change" in (o.mode, e.mode, ""))
                or (o.mode == e.mode and o.event == e.event and o.actor == e.actor and e.actor)
            ),
            None,
        )
        if same is not None and e.event in ("REQUEST", "ACCUSE", "REJECT", "ASSAULT", "CONSULT"):
            rec = list(same.recipient) + [r for r in e.recipient if r not in same.recipient]
            out[out.index(same)] = replace(
                same, recipient=tuple(rec), mode=same.mode if same.mode != "change" else e.mode
            )
            continue
        out.append(e)
    return out


# -- critical verbs reporting a quotation -----------------------------------------------------------


def _quote_speaker(t: Tree, v: int, quote: set[int], res: Resolver) -> list[Actor]:
    """The speaker written after the verb that follows its quotation ('«...», a dénoncé l\'ONG X'),
    which the parser often takes for an object or a subject."""
    if not quote or min(quote) > v:
        return []
    for k in range(v + 1, t.hi):  # the first actor after the verb, before another verb
        if k in quote or t.tok(k).pos == "VERB" or (t.tok(k).pos == "PRON" and t.head(k) == v):
            break  # '«...», confie-t-elle au journal': the speaker is the pronoun, found elsewhere
        if t.tok(k).pos in ("NOUN", "PROPN") and not t.prep(k) and not t.children(k, "case"):
            found = res.phrase(t, k)
            if found:
                return found
    return []


def _critic(
    t: Tree, v: int, res: Resolver, actors: list[Actor], recipients: list[Actor]
) -> tuple[list[Actor], list[Actor]]:
    """A critical verb ("dénoncer", "fustiger", "s'insurger"...) that reports a quotation or a
    "que" clause: an accusation by the speaker against whom the quotation is about, when it names
    exactly one actor other than the speaker (else none). Without a quotation, the rule's slots stand;
    so do the recipients they found other than the speaker ('«...», a accusé X à l'adresse de Y')."""
    parts = quotation(t, v)
    if not parts:
        return actors, recipients
    speaker = _quote_speaker(t, v, set().union(*(q for _, q in parts)), res) or actors
    spans = [(t.tok(k).start, t.tok(k).end) for k in arguments.own_phrase(t, speaker)]
    own = [
        r
        for r in recipients
        if all(fold(r.canonical) != fold(s.canonical) for s in speaker)
        and not any(a <= r.start < b for a, b in spans)  # "la porte-parole des Verts X": not the Verts
    ]
    if own:
        return speaker, own
    named: list[Actor] = []
    for qt, quote in parts:
        described = arguments.own_phrase(qt, speaker)  # "a critiqué la porte-parole de X, Y": not X
        for k in sorted(quote):
            if k in described:
                continue
            if qt.tok(k).pos not in ("NOUN", "PROPN") or qt.dep(k) in ("flat:name", "flat", "appos", "amod"):
                continue
            if qt.prep(k) in _SOURCE_PREPS:  # "sur Public Sénat", "selon X"
                continue
            for a in res.np(qt, k, remember=False):
                if a.sector == "MED":  # the medium it was said in, not the one criticised
                    continue
                if a.canonical and all(fold(a.canonical) != fold(b.canonical) for b in [*speaker, *named]):
                    named.append(a)
    return speaker, named if len(named) == 1 else []


# -- memory: speakers and subjects -----------------------------------------------------------------


def _speaker(t: Tree, trees: list[Tree], res: Resolver, lex: Lexicon) -> tuple[Actor, ...]:
    for tree in (t, *trees[t.index + 1 : t.index + 2]):
        found: list[Actor] = []
        for i in tree.tokens():
            forms = verb_lemmas(tree, i)
            if tree.tok(i).pos == "VERB" and any(f in lex.reporting or f in lex.critics for f in forms):
                k = tree.child(i, "nsubj")
                # '"...", a dénoncé l'ONG X': the speaker after the verb that follows its quotation
                quoted = set().union(*(q for _, q in quotation(tree, i)))
                after = _quote_speaker(tree, i, quoted, res)
                if after:  # the verb that follows the quotation: the strongest evidence
                    return tuple(after)
                if k is not None and tree.feats(k).get("Person") != "1":
                    found = res.phrase(tree, k) or found
                elif k is None:  # '"...", a affirmé le ministre X': an inverted subject
                    found = arguments.agent(tree, i, res, scan=False) or found
        if found:
            return tuple(found)
    return res.speakers.get(t.index - 1, ())


def _remember_subjects(t: Tree, res: Resolver) -> None:
    for i in t.tokens():
        inv = arguments.inverted_subject(t, i) if t.tok(i).pos == "VERB" else None
        if inv is not None and t.tok(inv).pos in ("NOUN", "PROPN"):  # '"...", ajoute ce militaire'
            found = res.phrase(t, inv)
            res.remember(t.index, found, len(found) > 1 or t.feats(inv).get("Number") == "Plur")
        if t.dep(i) in ("nsubj", "nsubj:pass") and t.tok(i).pos in ("NOUN", "PROPN", "PRON"):
            if t.tok(i).pos == "PRON" and t.feats(i).get("Person") == "1":
                continue
            found = res.phrase(t, i)
            plural = len(found) > 1 or t.feats(i).get("Number") == "Plur"
            res.remember(t.index, found, plural)
