"""What the morphology and the clause say about an event: negated, future, hypothetical; and when it
happened (the temporal expression attached to its trigger, else the publication date).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from chronique.events.lexicon import Lexicon
from chronique.events.model import EventDate
from chronique.events.tree import Tree
from chronique.stages.dating import PubDate

#: Temporal expressions that date an event (durations and sets do not; "désormais" neither).
DATING_TYPES = ("DATE", "TIME")
#: How far up the parse a temporal expression may hang and still be attached to the trigger.
MAX_ATTACH = 3


@dataclass(frozen=True, slots=True)
class Flags:
    negated: bool = False
    future: bool = False
    hypothetical: bool = False

    def context(self) -> tuple[str, ...]:
        out = []
        if self.negated:
            out.append("negation")
        if self.future:
            out.append("future")
        if self.hypothetical:
            out.append("hypothetical")
        return tuple(out)


def _chain(t: Tree, pred: int, lex: Lexicon) -> list[int]:
    """The predicate and the verbs that govern it through control ("ne pourra pas signer")."""
    out = [pred]
    i = pred
    while t.dep(i) in ("xcomp",) or (t.dep(i) == "obj" and t.tok(i).pos == "VERB"):
        h = t.head(i)
        if h is None or t.lemma(h) not in lex.control:
            break
        out.append(h)
        i = h
    return out


def flags(t: Tree, pred: int, trigger: int, lex: Lexicon) -> Flags:
    chain = _chain(t, pred, lex)
    if trigger not in chain:
        chain.insert(0, trigger)
    if t.tok(pred).pos in ("NOUN", "PROPN"):  # a noun on its own: the clause it is in counts
        v = t.verb_of(pred)
        if v is not None:
            chain += [x for x in _chain(t, v, lex) if x not in chain]
    negated = future = hypothetical = False
    for v in chain:
        kids = t.children(v)
        for k in kids:
            lemma, word = t.forms(k)
            if t.dep(k) == "advmod" and (lemma in lex.negation_adverbs or word in lex.negation_adverbs):
                negated = True
            if t.dep(k) in ("mark",) and (word in lex.negation_marks):
                negated = True
            if t.dep(k) == "mark" and (word in lex.hypothetical_marks or lemma in lex.hypothetical_marks):
                hypothetical = True
            if t.dep(k).startswith("aux"):
                f = t.feats(k)
                if f.get("Mood") == "Cnd":
                    hypothetical = True
                if f.get("Tense") == "Fut":
                    future = True
        for k in t.children(v, "obj", "nsubj", "nsubj:pass"):
            if any(t.lemma(d) in lex.negation_determiners for d in t.children(k, "det")):
                negated = True
            ne = any(t.lower(n) in ("ne", "n'") for n in t.children(v, "advmod"))
            if ne and t.dep(k).startswith("nsubj") and t.lower(k) in lex.negation_subjects:
                negated = True
        if any(t.lower(k) in lex.hedges or t.lemma(k) in lex.hedges for k in t.children(v, "amod", "advmod")):
            hypothetical = True
        f = t.feats(v)
        if f.get("Mood") == "Cnd":
            hypothetical = True
        if f.get("Tense") == "Fut":
            future = True
        lemma = t.lemma(v)
        if v != pred and v != trigger:
            if lemma in lex.future_verbs and f.get("Tense") in ("Pres", "Imp", None):
                future = True
            if lemma in lex.hypothetical_verbs:
                hypothetical = True
    # inside a clause opened by "si" (the trigger's clause or one above it)
    for a in [pred, *t.ancestors(pred)][:4]:
        if any((t.lower(m) in lex.hypothetical_marks) for m in t.children(a, "mark")) and t.dep(a) == "advcl":
            hypothetical = True
            break
    return Flags(negated, future, hypothetical)


# -- dates -----------------------------------------------------------------------------------------


def _head_token(t: Tree, x: Any) -> int | None:
    inside = [i for i in t.tokens() if t.tok(i).start >= x.start and t.tok(i).end <= x.end]
    for i in inside:
        h = t.head(i)
        if h is None or h not in inside:
            return i
    return None


def event_date(
    t: Tree, anchors: Sequence[int], timexes: Sequence[Any] | None, pub: PubDate | None
) -> EventDate:
    """The date of an event whose predicate (and trigger, light verb...) are ``anchors``.

    1. ``timex-attached``: a temporal expression of the sentence whose parse head hangs on an anchor
       (within a few steps, not crossing another verb);
    2. ``timex-clause``: one in the same clause (same governing verb);
    3. ``publication``: the article's publication date, with its precision.
    """
    if timexes:
        inside = [
            x
            for x in timexes
            if t.start <= x.start < t.end and x.type in DATING_TYPES and x.value[:1].isdigit()
        ]
        clause_of = {t.verb_of(a) for a in anchors}
        near = None
        for x in inside:
            h = _head_token(t, x)
            if h is None:
                continue
            j: int | None = h
            for _ in range(MAX_ATTACH):
                j = t.head(j) if j is not None else None
                if j is None:
                    break
                if j in anchors:
                    return EventDate(x.value, x.precision, "timex-attached", x.text, x.start, x.end)
                if t.tok(j).pos in ("VERB",) and j not in anchors:
                    break
            if near is None and t.verb_of(h) in clause_of:
                near = x
        if near is not None:
            return EventDate(near.value, near.precision, "timex-clause", near.text, near.start, near.end)
    if pub is not None and pub.value:
        return EventDate(pub.value, pub.precision, "publication")
    return EventDate()
