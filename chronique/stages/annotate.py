"""Stage 3, annotate: an article's body → sentences, tokens, lemmas, morphology, dependencies, entities.

Reads ``Article.body`` and ``Article.paragraphs``; writes an :class:`Annotation`.

* Each paragraph (headline-like subheads included) is its own unit: the French model's sentence
  splitter ignores blank lines, so paragraphs are split first and never merged.
* Typographic apostrophes, quotes and non-breaking spaces are mapped one character to one character
  for the model (’ makes ``fr_core_news_md`` tag "qu’" and "n’" as entities), so every offset is an
  offset in ``Article.body`` as it is.
* Sentences end only where the text can end one: after ". ! ? …" (closing quotes and brackets
  between), at a line break, after an inline "- Subhead -", after a line of capitals. Elsewhere
  the parser is told not to split (:func:`sentence_starts`, run before it), which it otherwise does
  at about one sentence in twelve of news text: "À Paris, …" cut off its clause, "New | York",
  "Météo | -France", agency signatures cut at every slash. Where a split is allowed the parser
  still decides.
* The model is loaded once per process (:func:`load_model`), and texts go through ``nlp.pipe`` in
  batches; the build runs this stage in its worker processes, one model each.

An :class:`Annotation` is plain data (no spaCy object), serialised compactly for the store.
"""

from __future__ import annotations

import bisect
import functools
import json
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from chronique.models import Article

if TYPE_CHECKING:
    from spacy.language import Language

MODEL = "fr_core_news_md"

#: One character for one character, so offsets do not move.
_FOR_MODEL = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "ʼ": "'",
        "“": '"',
        "”": '"',
        "«": '"',
        "»": '"',
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
    }
)


def for_model(text: str) -> str:
    """The text as the model should see it: same length, typographic characters made plain."""
    return text.translate(_FOR_MODEL)


@dataclass(frozen=True, slots=True)
class Token:
    start: int  # offsets in the annotated text (Article.body)
    end: int
    lemma: str
    pos: str
    morph: str
    dep: str
    head: int  # index of the head token in Annotation.tokens
    ent: str = ""  # B-PER, I-LOC, ... or ""

    def feats(self) -> dict[str, str]:
        return dict(kv.split("=", 1) for kv in self.morph.split("|") if "=" in kv)


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int  # index in Article.paragraphs
    first: int  # index of its first token in Annotation.tokens
    last: int  # index after its last token


@dataclass(frozen=True, slots=True)
class EntitySpan:
    start: int
    end: int
    label: str  # PER | LOC | ORG | MISC (the model's labels)
    sentence: int


@dataclass
class Annotation:
    """What the model read in one text. Offsets index the text that was annotated."""

    article_id: str
    text: str
    tokens: list[Token] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[EntitySpan] = field(default_factory=list)
    model: str = ""
    _starts: list[int] = field(default_factory=list, init=False, repr=False, compare=False)
    _sent_starts: list[int] = field(default_factory=list, init=False, repr=False, compare=False)

    # -- lookups --------------------------------------------------------------------------------
    def token_at(self, offset: int) -> int | None:
        """Index of the token covering ``offset`` (or the next one after white space)."""
        if len(self._starts) != len(self.tokens):
            self._starts = [t.start for t in self.tokens]
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and self.tokens[i].end > offset:
            return i
        return i + 1 if i + 1 < len(self.tokens) else None

    def sentence_at(self, offset: int) -> int | None:
        if len(self._sent_starts) != len(self.sentences):
            self._sent_starts = [s.start for s in self.sentences]
        i = bisect.bisect_right(self._sent_starts, offset) - 1
        return i if i >= 0 and offset < self.sentences[i].end else None

    def token_text(self, i: int) -> str:
        t = self.tokens[i]
        return self.text[t.start : t.end]

    def tense_at(self, offset: int) -> str:
        """Tense of the clause around ``offset``: "past", "present", "future" or "" (unknown).

        From the verb that governs the token at ``offset`` (climbing the dependency tree), read with
        its auxiliaries: passé composé and plus-que-parfait are past, "va/vont + infinitive" and the
        futur antérieur are future, the conditional counts as future (an expectation).
        """
        i = self.token_at(offset)
        if i is None:
            return ""
        seen = set()
        while i not in seen:
            seen.add(i)
            t = self.tokens[i]
            if t.pos in ("VERB", "AUX") or "VerbForm" in t.morph:
                tense = self._verb_tense(i)
                if tense:
                    return tense
            if t.head == i:
                break
            i = t.head
        return ""

    def _verb_tense(self, i: int) -> str:
        t = self.tokens[i]
        f = t.feats()
        s = self.sentence_at(t.start)
        lo, hi = (self.sentences[s].first, self.sentences[s].last) if s is not None else (0, len(self.tokens))
        auxes = [
            j
            for j in range(lo, hi)
            if self.tokens[j].head == i and self.tokens[j].dep.startswith("aux") and j != i
        ]
        if f.get("VerbForm") == "Inf" and t.head != i:
            head = self.tokens[t.head]
            if head.lemma == "aller" and head.feats().get("Tense") in ("Pres", "Imp"):
                return "future"
        for j in auxes:
            af = self.tokens[j].feats()
            if af.get("Mood") == "Cnd" or af.get("Tense") == "Fut":
                return "future"
            if self.tokens[j].lemma == "aller" and af.get("Tense") == "Pres":
                return "future"
            if af.get("Tense") in ("Pres", "Imp", "Past"):
                if self.tokens[j].dep == "aux:pass":  # passive: "est attendu" is present
                    return _TENSE.get(af.get("Tense", ""), "")
                return "past" if f.get("VerbForm") == "Part" else _TENSE.get(af.get("Tense", ""), "")
        if f.get("Mood") == "Cnd":
            return "future"
        return (
            _TENSE.get(f.get("Tense", ""), "")
            if f.get("VerbForm") != "Part"
            else ("past" if f.get("Tense") == "Past" else "")
        )

    # -- storage ----------------------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        """Compact columnar JSON, zlib-compressed; the text itself is not stored (it is the body)."""
        cols: dict[str, Any] = {
            "model": self.model,
            "t": [[t.start, t.end, t.lemma, t.pos, t.morph, t.dep, t.head, t.ent] for t in self.tokens],
            "s": [[s.start, s.end, s.paragraph, s.first, s.last] for s in self.sentences],
            "e": [[e.start, e.end, e.label, e.sentence] for e in self.entities],
        }
        return zlib.compress(json.dumps(cols, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 6)

    @classmethod
    def from_bytes(cls, article_id: str, text: str, data: bytes) -> Annotation:
        cols = json.loads(zlib.decompress(data))
        return cls(
            article_id=article_id,
            text=text,
            tokens=[Token(*t) for t in cols["t"]],
            sentences=[Sentence(*s) for s in cols["s"]],
            entities=[EntitySpan(*e) for e in cols["e"]],
            model=cols["model"],
        )


_TENSE = {"Pres": "present", "Past": "past", "Imp": "past", "Fut": "future"}


#: What can end a sentence, what may stand between that and the next one, and inline heading dashes.
_ENDS = frozenset(".!?…")
_CLOSERS = frozenset({"»", "”", ")", "]"})
_QUOTES = frozenset({'"', "'", "’"})
_DASHES = frozenset({"-", "–", "—"})


def _caps_word(text: str) -> bool:
    return len(text) > 1 and text.isupper() and any(c.isalpha() for c in text)


def _closes(words: Sequence[str], spaces: Sequence[bool], k: int) -> bool:
    """Whether token ``k`` closes something: a bracket or closing guillemet, or a straight quote
    followed by a space or punctuation (one followed by a word opens a quotation)."""
    w = words[k]
    if w in _CLOSERS:
        return True
    if w in _QUOTES:
        nxt = words[k + 1] if k + 1 < len(words) else ""
        return spaces[k] or not nxt[:1].isalnum()
    return False


def sentence_starts(words: Sequence[str], spaces: Sequence[bool]) -> list[bool | None]:
    """For each token of a paragraph, whether a sentence may start there: ``False`` (it may not)
    or ``None`` (the parser decides). ``words`` are the tokens' texts, ``spaces`` whether each is
    followed by a space. The first token always starts one."""
    out: list[bool | None] = [True] if words else []
    for i in range(1, len(words)):
        w = words[i]
        if not w.strip() or (not w[0].isalnum() and w[0] not in '"«“([•-–—'):
            out.append(False)  # whitespace and closing punctuation stay with what they follow
            continue
        if w[0].islower() or _closes(words, spaces, i):
            out.append(False)  # no sentence starts in lower case, nor at a quote closing a word
            continue
        j = i - 1
        newline = False
        while j >= 0 and not words[j].strip():
            newline = newline or "\n" in words[j]
            j -= 1
        k = j
        while k >= 0 and _closes(words, spaces, k):
            k -= 1
        prev = words[k] if k >= 0 else ""
        allowed = (
            newline
            or (prev != "" and prev[-1] in _ENDS)
            or "•" in (w, words[j] if j >= 0 else "")
            or (j >= 1 and words[j] in _DASHES and (spaces[j - 1] or not words[j - 1].strip()))
            or (j >= 1 and _caps_word(words[j]) and _caps_word(words[j - 1]) and not _caps_word(w))
        )
        out.append(None if allowed else False)
    return out


def _mark_sentence_starts(doc: Any) -> Any:
    """The spaCy component: :func:`sentence_starts` written into the doc before the parser runs
    (as one array: setting ``Token.is_sent_start`` one by one costs more than the rule)."""
    import numpy as np
    from spacy.attrs import SENT_START

    starts = sentence_starts([t.text for t in doc], [bool(t.whitespace_) for t in doc])
    values = np.array([1 if v else -1 if v is False else 0 for v in starts], dtype="int64")
    doc.from_array([SENT_START], values.astype("uint64").reshape(-1, 1))
    return doc


SENTENCE_STARTS = "chronique_sentence_starts"


@functools.lru_cache(maxsize=4)
def load_model(name: str = MODEL, pipes: tuple[str, ...] = ()) -> Language:
    """Load the spaCy model once per process; ``pipes`` keeps only those components (faster)."""
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        from chronique.errors import ChroniqueError

        raise ChroniqueError(
            f"the spaCy model {name!r} is not installed; `make install` installs it from the lock file"
        ) from exc
    if pipes:
        keep = set(pipes) | {"tok2vec"}
        nlp.select_pipes(enable=[p for p in nlp.pipe_names if p in keep])
    if "parser" in nlp.pipe_names:
        from spacy.language import Language

        if not Language.has_factory(SENTENCE_STARTS):
            Language.component(SENTENCE_STARTS, func=_mark_sentence_starts)
        nlp.add_pipe(SENTENCE_STARTS, before="parser")
    return nlp


def model_version(nlp: Language) -> str:
    return f"{nlp.meta.get('lang', '')}_{nlp.meta.get('name', '')}-{nlp.meta.get('version', '')}"


def _units(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, str]]:
    return [(a, for_model(text[a:b])) for a, b in spans]


def _add_doc(ann: Annotation, doc: Any, offset: int, paragraph: int) -> None:
    base = len(ann.tokens)
    for tok in doc:
        iob = tok.ent_iob_
        ann.tokens.append(
            Token(
                offset + tok.idx,
                offset + tok.idx + len(tok.text),
                tok.lemma_,
                tok.pos_,
                str(tok.morph),
                tok.dep_,
                base + tok.head.i,
                f"{iob}-{tok.ent_type_}" if iob in ("B", "I") else "",
            )
        )
    for sent in doc.sents:
        ann.sentences.append(
            Sentence(
                offset + sent.start_char,
                offset + sent.end_char,
                paragraph,
                base + sent.start,
                base + sent.end,
            )
        )
    for ent in doc.ents:
        s = len(ann.sentences) - 1
        while s > 0 and ann.sentences[s].start > offset + ent.start_char:
            s -= 1
        ann.entities.append(EntitySpan(offset + ent.start_char, offset + ent.end_char, ent.label_, s))


def annotate(articles: Sequence[Article], nlp: Language, *, batch_size: int = 64) -> list[Annotation]:
    """Annotate articles, paragraph by paragraph, in one ``nlp.pipe`` stream."""
    anns = [Annotation(a.id, a.body, model=model_version(nlp)) for a in articles]
    units: list[tuple[int, int, int, str]] = []  # (article index, paragraph index, offset, text)
    for ai, a in enumerate(articles):
        for pi, p in enumerate(a.paragraphs):
            units.append((ai, pi, p.start, for_model(a.body[p.start : p.end])))
    docs = nlp.pipe((u[3] for u in units), batch_size=batch_size)
    for (ai, pi, offset, _), doc in zip(units, docs, strict=True):
        _add_doc(anns[ai], doc, offset, pi)
    return anns


def annotate_text(text: str, nlp: Language, article_id: str = "") -> Annotation:
    """Annotate a bare text: each block between blank lines (or each line) is its own unit."""
    import re

    ann = Annotation(article_id, text, model=model_version(nlp))
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    docs = nlp.pipe(for_model(text[a:b]) for a, b in spans)
    for i, ((a, _), doc) in enumerate(zip(spans, docs, strict=True)):
        _add_doc(ann, doc, a, i)
    return ann
