"""Stage 1, clean: a raw record → an :class:`~chronique.models.Article`.

Reads ``RawDocument.text`` (and ``meta``); writes the cleaned body, its paragraphs, what was
removed and why, the header stamps, title, dateline, byline, agency, outlet and language.

The steps, in order:

1. HTML records go through :mod:`chronique.stages.htmltext` (trafilatura); the extracted text then
   takes the same road as plain text, with the page's title and metadata known.
2. The text is cut into lines (scraped text has one paragraph per line, and blank lines are not
   reliable), each kept as a span of the original.
3. Whole-line classification: header stamps, navigation and widgets, photo credits, agency
   credits and desk signatures, bylines.
4. Inline header stamps ("date 2019-12 ...") and datelines ("(Nations unies) ...") are lifted off
   the first paragraphs.
5. The header zone (before the first prose paragraph) gives the section label and the title; a
   title printed again later, and any paragraph repeated verbatim, are dropped.
6. A lead repeated at the end (a teaser copy, often cut with "...") is dropped.
7. Short lines between paragraphs are kept as subheads; each paragraph gets its language.
8. No signature at all: the agency is inferred from wire style, and says so.

Patterns are language data (``chronique/lang/<code>/clean.yaml``); this module knows no French.
Paragraph texts are never altered, only selected, so every offset maps back to ``original``.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import re
import unicodedata
from dataclasses import dataclass, field

from chronique import __version__
from chronique import lang as langdata
from chronique.models import Article, Paragraph, RawDocument, Removed, Stamp
from chronique.settings import Settings


def _data_fingerprint() -> str:
    """A short hash of the language data the cleaner reads (every language's ``clean.yaml`` and
    stop words): a change there changes what it makes, as a new version of the code does."""
    from importlib import resources

    h = hashlib.sha1()
    root = resources.files("chronique.lang")
    for code in langdata.available():
        for name in ("clean.yaml", "stopwords.txt"):
            path = root.joinpath(code, name)
            if path.is_file():
                h.update(f"{code}/{name}".encode())
                h.update(path.read_bytes())
    return h.hexdigest()[:8]


#: The cleaner's version, stored with every article: the package's version and a fingerprint of its
#: language data. A build finding stored articles made by another one cleans them again.
COMPONENT = f"chronique.clean.v1@{__version__}+{_data_fingerprint()}"

#: A paragraph is prose (not a title or a subhead) when it ends like a sentence and has at least
#: this many words, or when it is this long whatever its end (scraped lines lose punctuation).
PROSE_MIN_WORDS = 8
PROSE_LONG_WORDS = 30
#: Subheads and section labels are short.
SUBHEAD_MAX_CHARS = 120
SECTION_MAX_WORDS = 4

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class _Patterns:
    """The compiled cleaning data of one language."""

    navigation: list[re.Pattern[str]]
    photo_credit: list[re.Pattern[str]]
    stamp_tokens: list[re.Pattern[str]]
    stamp_rest: re.Pattern[str]
    update_cue: re.Pattern[str]
    inline_stamp: re.Pattern[str]
    datelines: list[tuple[re.Pattern[str], str]]
    glued: re.Pattern[str] | None
    credits: list[re.Pattern[str]]
    desk: list[tuple[re.Pattern[str], str]]
    bylines: list[re.Pattern[str]]
    agency_names: dict[str, str]
    default_agency: str | None
    wire_cues: list[re.Pattern[str]]
    wire_min: int
    sentence_end: re.Pattern[str]
    breadcrumb: re.Pattern[str] | None
    teaser_cut: re.Pattern[str]
    stopwords: dict[str, frozenset[str]] = field(default_factory=dict)


@functools.lru_cache(maxsize=8)
def patterns(code: str) -> _Patterns:
    """Compile ``lang/<code>/clean.yaml`` once per process."""
    d = langdata.load(code, "clean.yaml")
    names: dict[str, str] = {}
    for canon, printed in d["agencies"].items():
        for name in printed:
            names[_fold(name)] = canon
    desk = []
    for item in d["desk_signatures"]:
        flags = 0 if item.get("case_sensitive") else re.IGNORECASE
        desk.append((re.compile(rf"^(?:{item['pattern']})$", flags), item["agency"]))
    stop = {}
    for other in langdata.available():
        try:
            stop[other] = frozenset(w.lower() for w in langdata.load(other, "stopwords.txt"))
        except Exception:  # a language folder without a stopword list takes no part in language ID
            continue
    wire = d.get("wire_style") or {}
    return _Patterns(
        navigation=langdata.compile_all(d["navigation"], whole=True),
        photo_credit=langdata.compile_all(d["photo_credit"], whole=True),
        stamp_tokens=langdata.compile_all(d["stamp_tokens"]),
        stamp_rest=re.compile(rf"^(?:{d['stamp_separators']})$"),
        update_cue=re.compile(d["update_cues"], re.IGNORECASE),
        inline_stamp=re.compile(d["inline_stamp"], re.IGNORECASE),
        datelines=[(re.compile(x["pattern"]), x.get("kind", "dateline")) for x in d["datelines"]],
        glued=re.compile("|".join(f"(?:{g})" for g in d["glued_breaks"])) if d.get("glued_breaks") else None,
        credits=langdata.compile_all(d["credits"], whole=True),
        desk=desk,
        bylines=[re.compile(rf"^(?:{p})$") for p in d["bylines"]],
        agency_names=names,
        default_agency=d.get("default_wire_agency"),
        wire_cues=langdata.compile_all(wire.get("cues", [])),
        wire_min=int(wire.get("min_cues", 3)),
        sentence_end=re.compile(d["sentence_end"]),
        breadcrumb=re.compile(d["breadcrumb_separator"]) if d.get("breadcrumb_separator") else None,
        teaser_cut=re.compile(d["teaser_cut"]),
        stopwords=stop,
    )


def _fold(s: str) -> str:
    """Lower-case, strip accents and punctuation at the ends: for comparing names and lines."""
    s = unicodedata.normalize("NFKD", s.replace("’", "'")).encode("ascii", "ignore").decode().lower()
    return re.sub(r"\s+", " ", s).strip(" .:;,-")


def _squash(s: str) -> str:
    """Letters and digits only, lower-cased: for comparing a teaser copy with the lead."""
    return "".join(ch for ch in _fold(s) if ch.isalnum())


@dataclass(slots=True)
class _Block:
    start: int
    end: int
    kind: str = ""  # "" = content; otherwise the Removed kind or "subhead"
    rule: str = ""

    def text(self, original: str) -> str:
        return original[self.start : self.end]


def _blocks(text: str, glued: re.Pattern[str] | None) -> list[_Block]:
    """Every non-blank line, as a span of ``text`` without its surrounding white space.

    A line is also cut where a scraper glued two paragraphs together with no space between them
    (``glued``: zero-width break points from the language data).
    """
    out = []
    for m in re.finditer(r"[^\n]+", text):
        cuts = (
            [m.start(), *(m.start() + g.start() for g in glued.finditer(m.group()) if g.start() > 0), m.end()]
            if glued
            else [m.start(), m.end()]
        )
        for a, b in itertools.pairwise(cuts):
            seg = text[a:b]
            lead = len(seg) - len(seg.lstrip())
            trail = len(seg.rstrip())
            if trail > lead:
                out.append(_Block(a + lead, a + trail))
    return out


def _words(s: str) -> list[str]:
    return _WORD.findall(s)


class _Cleaner:
    def __init__(self, original: str, code: str, settings: Settings, meta: dict[str, str]) -> None:
        self.o = original
        self.p = patterns(code)
        self.s = settings
        self.meta = meta
        self.blocks = _blocks(original, self.p.glued)
        self.removed: list[Removed] = []
        self.stamps: list[Stamp] = []
        self.agency = ""
        self.agency_ev = ""
        self.outlet = ""
        self.outlet_ev = ""
        self.byline = ""
        self.section = ""
        self.title = ""
        self.dateline = ""

    # -- helpers ---------------------------------------------------------------------------
    def is_prose(self, s: str) -> bool:
        n = len(_words(s))
        return n >= PROSE_LONG_WORDS or (n >= PROSE_MIN_WORDS and bool(self.p.sentence_end.search(s)))

    def agency_of(self, name: str) -> str:
        return self.p.agency_names.get(_fold(name), "")

    def set_agency(self, code: str, evidence: str) -> None:
        if not self.agency:
            self.agency, self.agency_ev = code, evidence

    def drop(self, b: _Block, kind: str, rule: str) -> None:
        b.kind, b.rule = kind, rule

    def content(self) -> list[_Block]:
        return [b for b in self.blocks if not b.kind or b.kind == "subhead"]

    # -- step 3: whole lines ---------------------------------------------------------------
    def stamp_line(self, b: _Block) -> bool:
        s = b.text(self.o)
        if len(s) > 160 or not re.search(r"\d", s):
            return False
        rest = s
        numeric = False
        for pat in self.p.stamp_tokens:
            if pat.search(rest):
                if re.search(r"\d", pat.pattern):
                    numeric = True
                rest = pat.sub(" ", rest)
        if not numeric or not self.p.stamp_rest.match(rest):
            return False
        cue = self.p.update_cue.search(s)
        parts = [(s[: cue.start()] if cue else s, "created", 0)]
        if cue:
            parts.append((s[cue.start() :], "updated", cue.start()))
        for text, role, off in parts:
            t = text.strip(" |-–—·•,;")
            if re.search(r"\d", t):
                start = b.start + off + text.find(t)
                self.stamps.append(Stamp(t, start, start + len(t), role))
        self.drop(b, "stamp", "stamp-line")
        return True

    def classify_lines(self) -> None:
        for b in self.blocks:
            s = b.text(self.o)
            if self.stamp_line(b):
                continue
            if any(p.match(s) for p in self.p.navigation):
                self.drop(b, "navigation", "navigation")
                continue
            if any(p.match(s) for p in self.p.photo_credit):
                self.drop(b, "photo-credit", "photo-credit")
                continue
            if self.credit_line(b, s) or self.byline_line(b, s):
                continue

    def credit_line(self, b: _Block, s: str) -> bool:
        if len(s) > 120:
            return False
        for pat, code in self.p.desk:
            if pat.match(s):
                self.drop(b, "signature", "desk-initials")
                self.set_agency(code, f"signature: {s}")
                return True
        for pat in self.p.credits:
            m = pat.match(s)
            if not m:
                continue
            code = self.agency_of(m.group("agency"))
            if not code:
                continue
            self.drop(b, "credit", "agency-credit")
            self.set_agency(code, f"credit: {s}")
            outlet = m.groupdict().get("outlet")
            if outlet and not self.agency_of(outlet) and not self.outlet:
                self.outlet, self.outlet_ev = outlet.strip(), f"credit: {s}"
            return True
        return False

    def byline_line(self, b: _Block, s: str) -> bool:
        if len(s) > 120 or self.is_prose(s):
            return False
        for pat in self.p.bylines:
            m = pat.match(s)
            if m:
                self.drop(b, "byline", "byline")
                self.byline = self.byline or m.group("byline")
                return True
        return False

    # -- step 4: inline stamps and datelines ------------------------------------------------
    def lift_prefixes(self) -> None:
        for b in self.content()[:3]:
            m = self.p.inline_stamp.match(b.text(self.o))
            if m:
                st = b.start + m.start("stamp")
                value = m.group("stamp")
                role = "month" if re.fullmatch(r"\d{4}-\d{2}", value) else "created"
                self.stamps.append(Stamp(value, st, st + len(value), role))
                prefix = m.group().rstrip()
                self.removed.append(Removed("stamp", prefix, b.start, b.start + len(prefix), "inline-stamp"))
                b.start += m.end()
                break
        first = next((b for b in self.content() if self.is_prose(b.text(self.o))), None)
        if first is None:
            return
        for pat, kind in self.p.datelines:
            m = pat.match(b_text := first.text(self.o))
            if not m:
                continue
            place = m.group("place").strip()
            agency = m.groupdict().get("agency")
            if agency and not self.agency_of(agency):
                continue
            if kind == "kicker":
                self.section = self.section or place
            else:
                self.dateline = place
            if agency:
                self.set_agency(self.agency_of(agency), f"dateline: {m.group().strip()}")
            prefix = b_text[: m.end()].rstrip()
            self.removed.append(Removed(kind, prefix, first.start, first.start + len(prefix), kind))
            first.start += m.end()
            break

    # -- step 5: header zone ------------------------------------------------------------------
    def header(self) -> None:
        content = self.content()
        meta_title = _fold(self.meta.get("title", ""))
        first_prose = next((i for i, b in enumerate(content) if self.is_prose(b.text(self.o))), len(content))
        for i, b in enumerate(content[: max(first_prose, 1)]):
            s = b.text(self.o)
            words = _words(s)
            if meta_title and _fold(s) == meta_title:
                self.title = self.title or s
                self.drop(b, "title", "meta-title")
            elif self.title:
                continue
            elif not self.section and s.isupper() and len(words) <= SECTION_MAX_WORDS:
                self.section = s
                self.drop(b, "section", "section-label")
            elif self.breadcrumb(s):
                self.section = self.section or s
                self.drop(b, "section", "breadcrumb")
            elif not meta_title and i + 1 < len(content) and self.title_like(b):
                self.title = s
                self.drop(b, "title", "first-line")
        if not self.title and self.meta.get("title"):
            self.title = self.meta["title"]

    def breadcrumb(self, s: str) -> bool:
        parts = self.p.breadcrumb.split(s) if self.p.breadcrumb else [s]
        return 2 <= len(parts) <= 6 and all(0 < len(_words(x)) <= 5 for x in parts) and not self.is_prose(s)

    def title_like(self, b: _Block) -> bool:
        """Short, not ended like a sentence, or ended so but set apart by a header element after it."""
        s = b.text(self.o)
        if len(s) > self.s.title_max_chars or len(_words(s)) < 2 or s.rstrip().endswith((".", "…", ":")):
            return False
        if not self.is_prose(s):
            return True
        following = self.blocks[self.blocks.index(b) + 1 :]
        return bool(following) and following[0].kind not in ("", "subhead")

    def repeats(self) -> None:
        seen: set[str] = set()
        title = _fold(self.title)
        for b in self.content():
            f = _fold(b.text(self.o))
            if title and f == title:
                self.drop(b, "title-repeat", "title-repeat")
            elif f in seen and len(f) > 20:
                self.drop(b, "repeat", "verbatim-repeat")
            seen.add(f)

    # -- step 6: teaser copy of the lead at the end ------------------------------------------
    def teaser(self) -> None:
        content = self.content()
        if len(content) < 3:
            return
        lead = ""
        for b in content[:-1]:
            lead += _squash(b.text(self.o))
            if len(lead) > 4000:
                break
        for n in (1, 2, 3):
            tail = content[-n:]
            if len(content) - n < 1:
                break
            text = " ".join(b.text(self.o) for b in tail)
            cut = self.p.teaser_cut.search(text)
            sq = _squash(text[: cut.start()] if cut else text)
            if len(sq) >= self.s.teaser_min_chars and lead.startswith(sq):
                for b in tail:
                    self.drop(b, "teaser-repeat", "lead-repeated-at-end")
                return

    # -- step 7: subheads and languages ---------------------------------------------------------
    def subheads(self) -> None:
        content = self.content()
        for i, b in enumerate(content[:-1]):
            s = b.text(self.o)
            short = len(s) <= SUBHEAD_MAX_CHARS and len(_words(s)) >= 2
            if i > 0 and short and not self.is_prose(s) and not self.p.sentence_end.search(s):
                b.kind = "subhead"

    def language(self, s: str, default: str) -> str:
        words = [w.lower() for w in _words(s)]
        if len(words) < self.s.foreign_min_words or not self.p.stopwords:
            return default
        scores = {code: sum(w in sw for w in words) for code, sw in self.p.stopwords.items()}
        best = max(scores, key=lambda c: scores[c])
        if best != default and scores[best] >= 2 * max(1, scores.get(default, 0)) and scores[best] >= 3:
            return best
        return default

    # -- step 8: agency from style -------------------------------------------------------------
    def infer_agency(self, body: str) -> None:
        if self.agency or not self.p.default_agency:
            return
        cues = sum(1 for pat in self.p.wire_cues if pat.search(body))
        if cues >= self.p.wire_min:
            self.agency = self.p.default_agency
            self.agency_ev = f"inferred: wire-style text without signature ({cues} style cues)"

    def run(self) -> tuple[str, list[Paragraph], str]:
        self.classify_lines()
        self.lift_prefixes()
        self.header()
        self.teaser()
        self.repeats()
        self.subheads()
        for b in self.blocks:
            if b.kind and b.kind != "subhead":
                self.removed.append(Removed(b.kind, b.text(self.o), b.start, b.end, b.rule))
        self.removed.sort(key=lambda r: r.start)
        default = self.meta.get("lang", "").lower()[:2] or self.s.lang
        parts: list[str] = []
        paragraphs: list[Paragraph] = []
        pos = 0
        for b in self.content():
            s = b.text(self.o)
            if pos:
                parts.append("\n\n")
                pos += 2
            kind = b.kind or "body"
            paragraphs.append(Paragraph(pos, pos + len(s), b.start, kind, self.language(s, default)))
            parts.append(s)
            pos += len(s)
        body = "".join(parts)
        langs = [p.lang for p in paragraphs if p.kind == "body"]
        article_lang = max(set(langs), key=langs.count) if langs else default
        self.infer_agency(body)
        return body, paragraphs, article_lang


def clean(doc: RawDocument, settings: Settings) -> Article:
    """Clean one record. Pure: the same record and settings always give the same article."""
    original = doc.text
    meta = dict(doc.meta)
    origin = dict(doc.meta_origin)
    components = {"clean": COMPONENT}
    if doc.fmt == "html":
        from chronique.stages import htmltext

        page = htmltext.extract_html(doc.text, url=meta.get("url", ""))
        original = page.text
        for key, value in (
            ("title", page.title),
            ("date", page.date),
            ("date_updated", page.date_updated),
            ("author", page.author),
            ("outlet", page.sitename),
            ("url", page.url),
            ("lang", page.lang),
            ("heading", page.description),
        ):
            if value and not meta.get(key):
                meta[key] = value
                origin[key] = "html"
        components["html"] = htmltext.COMPONENT
    code = (meta.get("lang") or settings.lang).lower()[:2]
    if code not in langdata.available() or not _has_clean_data(code):
        code = settings.lang
    c = _Cleaner(original, code, settings, meta)
    body, paragraphs, article_lang = c.run()
    outlet, outlet_ev = c.outlet, c.outlet_ev
    if meta.get("outlet"):
        outlet, outlet_ev = meta["outlet"], origin.get("outlet", "metadata")
    return Article(
        id=doc.key,
        source_id=doc.source_id,
        source_path=doc.source_path,
        fmt=doc.fmt,
        original=original,
        body=body,
        paragraphs=paragraphs,
        removed=c.removed,
        stamps=c.stamps,
        title=c.title or meta.get("title", ""),
        dateline=c.dateline,
        byline=c.byline or meta.get("author", ""),
        agency=c.agency,
        agency_evidence=c.agency_ev,
        outlet=outlet,
        outlet_evidence=outlet_ev,
        section=c.section,
        lang=article_lang,
        encoding=doc.encoding,
        record_index=doc.record_index,
        meta=meta,
        meta_origin=origin,
        components=components,
    )


@functools.lru_cache(maxsize=8)
def _has_clean_data(code: str) -> bool:
    try:
        langdata.load(code, "clean.yaml")
    except Exception:
        return False
    return True
