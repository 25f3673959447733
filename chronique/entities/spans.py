"""Name spans in one article: the model's entities with their boundaries fixed and junk dropped, and
the names it missed recovered from titles ("M. Kerry"), the lexicon (countries, capitals, seats of
power, international organisations) and acronyms given in parentheses after their expansion.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable

from chronique.entities.doc import EDGE, Doc, Span
from chronique.entities.gazetteer import Lexicon
from chronique.entities.names import fold, initials, words

_CAP = "A-ZÀ-ÖØ-Þ"
#: A sentence glued to the next one by a missing space ("... selon l'AFP.Il a ..."): cut there.
_GLUED = re.compile(
    rf"(?<=[^\W\d_]{{2}})[.!?…](?=[\"']?[{_CAP}][a-zà-öø-ÿ])|(?<=[{_CAP}]{{2}})[.!?…](?=[\"']?[{_CAP}])"
)
_LEAD_WORD = re.compile(r"([^\W\d_]+')|([^\W\d_]+)(\s+)")
#: A name followed by a small number and then punctuation ("France 2,", "Europe 1.").
_NUMBERED = re.compile(r" \d{1,2}(?=[\s]*[,.;:!?)\"»]|$)")
#: An expansion written in lower case ("agence régionale de santé (ARS)") is accepted when its
#: initials are exactly the acronym's letters and there are at least this many.
LOWER_EXPANSION_MIN = 3
#: A lower-case start glued to a capital is a missing space when it is a function word or at least
#: this long ("commissionA"); shorter ones are brands ("iPhone", "beIN").
GLUED_MIN = 3
#: Parts of speech of a single capitalised word that is a common word (not a proper noun) when it
#: opens a sentence.
COMMON_POS = frozenset({"NOUN", "ADJ", "ADV", "VERB", "DET", "ADP", "PRON", "CCONJ", "SCONJ", "INTJ"})
#: Labels given to lexicon entries by kind.
ENTRY_LABEL = {"country": "LOC", "seat": "LOC", "igo": "ORG", "org": "ORG"}


@functools.cache
def name_pattern(lang: str) -> re.Pattern[str]:
    """A person's or a place's name: capitalised words, with particles between them."""
    from chronique.entities.gazetteer import load

    lex = load(lang)
    hyph = sorted((p for p in lex.particles if p.endswith("-")), key=len, reverse=True)
    apos = sorted((p for p in lex.particles if p.endswith("'")), key=len, reverse=True)
    free = sorted((p for p in lex.particles if p[-1] not in "-'"), key=len, reverse=True)
    cap_word = rf"[{_CAP}][\w'-]*"
    pre = "|".join(re.escape(p) for p in [*hyph, *apos])
    word = rf"(?:(?:{pre})?{cap_word})" if pre else cap_word
    parts = "|".join(re.escape(p) for p in free)
    sep = rf"[ ]+(?:(?:{parts})[ ]+)*" if parts else "[ ]+"
    return re.compile(rf"{word}(?:{sep}{word}){{0,4}}")


@functools.cache
def _glued_word(lang: str) -> re.Pattern[str]:
    """A function word glued to the end of a word by a missing space and a missing full stop."""
    from chronique.entities.gazetteer import load

    words_ = sorted(
        {w.capitalize() for w in load(lang).stopwords if len(w) > 1 and w.isalpha()}, key=len, reverse=True
    )
    return re.compile(
        r"(?<=[a-zà-öø-ÿ])(?:"
        + "|".join(map(re.escape, words_))
        + r")(?![\w'])"
        + rf"|(?<=[{_CAP}0-9]{{2}})(?=[{_CAP}][a-zà-öø-ÿ]+\b)"  # "LRAuprès", "TF1Lancé", "ANONYMEOn"
    )


def entry_of(lex: Lexicon, text: str) -> tuple[str, str]:
    e = lex.entry(text)
    return (e.kind, e.value) if e else ("", "")


# -- the model's spans ------------------------------------------------------------------------------


def clean(doc: Doc, start: int, end: int, label: str) -> list[Span]:
    """The model's span with its boundaries fixed: cut at a glued sentence, a line break or a date
    word; leading function words, determiners and titles and trailing punctuation stripped; an
    elided particle completed ("Dolores O'" + "Riordan"); two names joined by a conjunction split
    when the second is a known place ("Fabien et Ajaccio")."""
    t = doc.plain
    m = re.match(r"[\w-]+", t[end:]) if end < len(t) and t[end - 1] == "'" else None
    if m and t[end : end + 1].isupper():
        end += m.end()
    for j in re.finditer(r" (?:et|ou|and) ", t[start:end]):
        right = t[start + j.end() : end].strip()
        if doc.lex.entry(right) or _known_place(doc, right):
            left = _clean(doc, start, start + j.start(), label)
            r = _clean(doc, start + j.end(), end, "LOC")
            return [x for x in (left, r) if x is not None]
    one = _clean(doc, start, end, label)
    if one is not None:
        num = _NUMBERED.match(t, one.end)
        if num and one.end == end:
            one.end = num.end()  # "France 2", "Europe 1": a name with its number
            if one.entry_kind:
                one.label, one.entry_kind, one.entry_value, one.source = "ORG", "", "", "ner-fixed"
    return [one] if one is not None else []


def _clean(doc: Doc, start: int, end: int, label: str) -> Span | None:
    lex, t = doc.lex, doc.plain
    orig = (start, end, label)
    seg = t[start:end]
    m = _GLUED.search(seg)
    if m:
        end = start + m.start()
    nl = t.find("\n", start, end)
    if nl >= 0:
        end = nl
    m = _glued_word(lex.code).search(t, start, end)
    if m:
        end = m.start()  # "BFM BusinessLes ...": the next sentence's first word glued on
    for stop in re.finditer(r"[^\W\d_]+", t[start:end]):
        if stop.start() > 0 and stop.group() in lex.name_stops:
            end = start + stop.start()
            break
    title = ""
    for _ in range(6):
        while start < end and t[start] in EDGE:
            start += 1
        while end > start and t[end - 1] in EDGE:
            end -= 1
        if start >= end:
            return None
        rest = t[start:end]
        hit = next(
            (
                ti
                for ti in sorted(lex.titles | lex.plural_titles, key=len, reverse=True)
                if rest.startswith(ti + " ")
            ),
            "",
        )
        if hit:
            title = hit
            start += len(hit) + 1
            continue
        lead = _LEAD_WORD.match(rest)
        if not lead:
            break
        w = lead.group(1) or lead.group(2)
        after = start + lead.end()
        if after >= end:
            break
        low = w.lower()
        if w.islower() and low in lex.strip_leading:
            start = after
            continue
        if (
            w[0].isupper()
            and low in lex.leading_determiners
            and not lex.entry(rest)
            and doc.sentence_start(start)
        ):
            remainder = t[after:end]
            if lex.entry(remainder) or (label == "LOC" and _known_place(doc, remainder)):
                start = after
                continue
        if w.islower() and w not in lex.particles and t[after].isupper():
            start = after  # "super Bourdin": a lower-case word before a name is not part of it
            continue
        break
    while True:  # trailing function words ("Premier secrétaire du")
        m2 = re.search(r"\s+([^\W\d_]+'?)$", t[start:end])
        if m2 and m2.group(1) in lex.strip_leading:
            end = start + m2.start()
            continue
        break
    while end > start and t[end - 1] in EDGE:
        end -= 1
    if start >= end:
        return None
    if title:
        label = "PER"
    source = "ner" if (start, end, label) == orig else "ner-fixed"
    span = Span(start, end, label, source, title=title)
    span.entry_kind, span.entry_value = entry_of(lex, t[start:end])
    return span


def _known_place(doc: Doc, text: str) -> bool:
    from chronique.entities.geo import gazetteer

    return bool(gazetteer(doc.lex.code).candidates(text))


def junk_reason(doc: Doc, span: Span) -> str:
    """Why a span is not a name ("" if it is one): a fragment, a function word, a sentence piece."""
    lex = doc.lex
    s = doc.plain[span.start : span.end]
    ws = words(s)
    if not ws:
        return "no-letter"
    if span.entry_kind:
        return ""
    f = fold(s)
    if f in lex.clitics or (f + "'") in lex.clitics or (len(ws) == 1 and len(ws[0]) == 1):
        return "fragment"
    if len(ws) == 1 and len(ws[0]) <= 2 and not ws[0].isupper():
        return "fragment"  # "Nm", "Mr": abbreviations, not names
    glued = re.match(r"([a-zà-öø-ÿ]+)[A-ZÀ-ÖØ-Þ]", ws[0])
    if glued and (len(glued.group(1)) >= GLUED_MIN or fold(glued.group(1)) in lex.stopwords):
        return "glued"  # "lisibilitéPourquoi", "deSandrine": a missing space (not "iPhone", "beIN")
    if len(ws) > 1 and s.isupper() and any(fold(w) in lex.stopwords for w in ws):
        return "heading"  # "UN COUP DUR POUR ...": a heading in capitals
    if len(ws) == 1 and (f in lex.stopwords or f in lex.not_names):
        return "common-word"
    if len(ws) > lex.max_name_words:
        return "sentence-piece"
    if not any(c.isupper() for c in s):
        return "lower-case"
    toks = doc.tokens(span.start, span.end)
    if toks:
        first_tok = doc.ann.tokens[toks[0]]
        if first_tok.pos in ("VERB", "AUX") and any(w.islower() for w in ws[1:]):
            return "sentence-piece"  # "Vêtu d'un tee-shirt"
        if len(toks) == 1 and first_tok.pos in COMMON_POS and doc.sentence_start(span.start):
            return "common-word"  # "Chapeau !" opening a sentence: a capital by position only
    for i in toks:
        tok = doc.ann.tokens[i]
        if tok.pos not in lex.piece_pos:
            continue
        # a pronoun, or a conjugated verb in lower case: participles occur in names ("Nations unies");
        # the model calls some capitalised names pronouns, so a pronoun must be one of the language's
        text = doc.plain[tok.start : tok.end]
        if (tok.pos == "PRON" and fold(text) in lex.pronouns) or (
            "VerbForm=Fin" in tok.morph and text.islower()
        ):
            return "sentence-piece"
    if all(fold(w) in lex.not_names or fold(w) in lex.stopwords for w in ws):
        return "common-word"
    return ""


def model_spans(doc: Doc) -> tuple[list[Span], dict[str, int]]:
    """The model's entities, cleaned; and how many were dropped, by reason."""
    out: list[Span] = []
    dropped: dict[str, int] = {}
    for e in doc.ann.entities:
        if doc.is_foreign(e.start):
            dropped["foreign-paragraph"] = dropped.get("foreign-paragraph", 0) + 1
            continue
        spans = clean(doc, e.start, e.end, e.label)
        if not spans:
            dropped["no-letter"] = dropped.get("no-letter", 0) + 1
        for span in spans:
            reason = junk_reason(doc, span)
            if reason:
                dropped[reason] = dropped.get(reason, 0) + 1
                continue
            out.append(span)
    return out, dropped


# -- names the model missed -------------------------------------------------------------------------


def title_spans(doc: Doc) -> list[Span]:
    """Names after a title: "M. Kerry", "Mme Mogherini", each of "MM. Kerry et Lavrov"."""
    lex = doc.lex
    titles = sorted(lex.titles | lex.plural_titles, key=len, reverse=True)
    rx = re.compile(r"(?<![\w.])(" + "|".join(re.escape(t) for t in titles) + r")[ ]+")
    name = name_pattern(lex.code)
    joiners = "|".join(re.escape(j) for j in sorted(lex.list_joiners, key=len, reverse=True))
    more = re.compile(rf"[ ]*(?:{joiners})[ ]*") if joiners else None
    out = []
    for m in rx.finditer(doc.plain):
        if doc.is_foreign(m.start()):
            continue
        pos = m.end()
        while True:
            n = name.match(doc.plain, pos)
            if not n or fold(n.group()) in lex.not_names:
                break
            out.append(Span(n.start(), n.end(), "PER", "title", title=m.group(1), priority=2))
            if m.group(1) not in lex.plural_titles or more is None:
                break
            j = more.match(doc.plain, n.end())
            if not j or j.end() == n.end():
                break
            pos = j.end()
    return out


@functools.cache
def _entry_prefixes(lang: str) -> frozenset[str]:
    from chronique.entities.gazetteer import load

    out = set()
    for key in load(lang).entries:
        for k in range(1, len(key) + 1):
            out.add(key[:k])
    return frozenset(out)


def lexicon_spans(doc: Doc, taken: Iterable[Span]) -> list[Span]:
    """Countries, capitals, seats of power and international organisations the model missed."""
    lex, t, toks = doc.lex, doc.plain, doc.ann.tokens
    prefixes = _entry_prefixes(lex.code)
    lower = _lower_starts(lex.code)
    busy = sorted((s.start, s.end) for s in taken)
    folded = [fold(t[tok.start : tok.end]) for tok in toks]
    out: list[Span] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or e <= a for s, e in busy)

    i = 0
    while i < len(toks):
        first = t[toks[i].start : toks[i].end]
        if (
            not first
            or folded[i] not in prefixes
            or (not first[0].isupper() and folded[i] not in lower)
            or doc.is_foreign(toks[i].start)
        ):
            i += 1
            continue
        best = None
        key = ""
        for j in range(i, min(len(toks), i + 3 * lex.max_entry_words)):
            sep = "" if j == i or toks[j].start == toks[j - 1].end else " "
            key = key + sep + folded[j]
            if key not in prefixes:
                break
            if key in lex.entries:
                best = j
        if best is None:
            i += 1
            continue
        a, b = toks[i].start, toks[best].end
        entry = lex.entries[fold(t[a:b])]
        ok = free(a, b) and (first[0].isupper() or entry.kind == "seat")
        before = t[toks[i - 1].start : toks[i - 1].end] if i > 0 else ""
        after = t[toks[best + 1].start : toks[best + 1].end] if best + 1 < len(toks) else ""
        if before[:1].isupper() and not doc.sentence_start(toks[i - 1].start) and before not in lex.titles:
            ok = False  # part of a longer name ("Jean Maurice")
        if after[:1].isupper() and toks[best + 1].start == b + 1:
            ok = False  # "Maurice Papon"
        if ok:
            out.append(
                Span(
                    a,
                    b,
                    ENTRY_LABEL[entry.kind],
                    "lexicon",
                    priority=2,
                    entry_kind=entry.kind,
                    entry_value=entry.value,
                )
            )
        i = best + 1
    return out


@functools.cache
def _lower_starts(lang: str) -> frozenset[str]:
    """First words of the names the lexicon writes in lower case ("département d'État")."""
    from chronique.entities.gazetteer import load

    lex = load(lang)
    names = [s.name for s in lex.seats.values()]
    names += [n for o in lex.orgs.values() for n in o.names] + [
        n for g in lex.igo_by_id.values() for n in g.names
    ]
    return frozenset(fold(n.split()[0]) for n in names if n[:1].islower())


_GAP = re.compile(r"^[\s\w']*$")


def acronym_spans(doc: Doc, spans: list[Span]) -> list[Span]:
    """Expansions followed by their acronym in parentheses, linked: "Observatoire syrien des droits
    de l'Homme (OSDH)". An expansion the model split ("Groupe international de soutien" + "Syrie")
    is joined again when the words between are function words."""
    lex, t = doc.lex, doc.plain
    out: list[Span] = []
    by_end = {s.end: s for s in sorted(spans, key=lambda s: s.start - s.end)}
    for m in lex.acronym.finditer(t):
        if doc.is_foreign(m.start()):
            continue
        acr = m.group(1)
        target = "".join(sorted(acr.rstrip("s").upper()))
        q = m.start()
        while q > 0 and t[q - 1].isspace():
            q -= 1
        exp = by_end.get(q)
        best: Span | None = None
        if exp is not None and initials(t[exp.start : q], lex.acronym_skip) == target:
            best = exp
        elif exp is not None:
            prev = _previous_span(spans, exp.start)
            if prev is not None and prev.label in ("ORG", "MISC"):
                gap = t[prev.end : exp.start]
                gap_ws = words(gap)
                if _GAP.match(gap) and gap_ws and all(w.lower() in lex.acronym_skip for w in gap_ws):
                    joined = Span(prev.start, q, prev.label, "ner-fixed", priority=2)
                    if _close(initials(t[prev.start : q], lex.acronym_skip), target):
                        best = joined
            own = initials(t[exp.start : q], lex.acronym_skip)
            if best is None and exp.label in ("ORG", "MISC") and not exp.entry_kind and _close(own, target):
                best = exp
        if best is None:
            best = _expansion_from_words(doc, q, target)
        if best is None:
            continue
        if best is not exp:
            best.priority = 2
            out.append(best)
        label = best.label if best.label in ("ORG", "MISC") or best.entry_kind == "country" else "ORG"
        if best.label == "MISC" and best.source == "acronym":
            continue  # a lower-case term and its abbreviation: not a name
        out.append(Span(m.start(1), m.end(1), label, "acronym", priority=2, acronym_of=best))
    return out


def _close(letters: str, target: str) -> bool:
    """Initials close enough to an acronym: at least half its letters, and not many more words
    ("Hayat Tahrir al-Cham" for "HTS", transliterated otherwise)."""
    common = sum((Counter(letters) & Counter(target)).values())
    return 2 * common >= len(target) and len(letters) <= 2 * len(target)


def _previous_span(spans: list[Span], before: int) -> Span | None:
    cands = [s for s in spans if s.end <= before]
    return max(cands, key=lambda s: s.end) if cands else None


def _expansion_from_words(doc: Doc, q: int, target: str) -> Span | None:
    """The longest run of words before ``q`` whose initials are the acronym's letters."""
    t, toks = doc.plain, doc.ann.tokens
    i = doc.ann.token_at(max(q - 1, 0))
    if i is None:
        return None
    best = None
    for k in range(i, max(-1, i - 14), -1):
        w = t[toks[k].start : toks[k].end]
        if w in ".;:!?()\n":
            break
        lower_ok = len(target) >= LOWER_EXPANSION_MIN and w.lower() not in doc.lex.acronym_skip
        if (w[:1].isupper() or lower_ok) and initials(t[toks[k].start : q], doc.lex.acronym_skip) == target:
            # "agence régionale de santé (ARS)" is an organisation, "zones de non-traitement (ZNT)" is not
            label = "ORG" if w[:1].isupper() or fold(w) in doc.lex.org_heads else "MISC"
            best = Span(toks[k].start, q, label, "acronym", priority=2)
    return best


def acronym_reuses(doc: Doc, spans: list[Span]) -> list[Span]:
    """Later uses of an acronym the article defined, found as plain words where the model missed them."""
    defined = {doc.plain[s.start : s.end]: s for s in spans if s.source == "acronym" and s.acronym_of}
    if not defined:
        return []
    busy = [(s.start, s.end) for s in spans]
    out = []
    rx = re.compile(r"(?<![\w-])(" + "|".join(re.escape(a) for a in defined) + r")(?![\w-])")
    for m in rx.finditer(doc.plain):
        if doc.is_foreign(m.start()) or any(a < m.end() and m.start() < b for a, b in busy):
            continue
        first = defined[m.group(1)]
        out.append(Span(m.start(), m.end(), first.label, "acronym", priority=2, acronym_of=first.acronym_of))
    return out


def resolve_overlaps(spans: Iterable[Span]) -> list[Span]:
    """Non-overlapping spans: higher priority first, then the longer one."""
    kept: list[Span] = []
    for s in sorted(spans, key=lambda s: (-s.priority, s.start - s.end, s.start)):
        if not any(s.overlaps(k) for k in kept):
            kept.append(s)
    return sorted(kept, key=lambda s: s.start)
