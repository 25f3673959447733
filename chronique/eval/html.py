"""Scoring of HTML → article text extraction against parsed reference records.

The scorer knows nothing about any particular site. It answers, for one extracted page:

1. **Is the article's first sentence there?** The reference body is normalised (:func:`normalise`),
   its first sentence is cut by :func:`first_sentence`, and the sentence must occur in the
   normalised extracted text with all whitespace removed (paragraph breaks, or their absence in a
   scraped reference, never decide a match).
2. **Is any of the site's navigation there?** A site's *boilerplate* is the set of visible text
   segments (:func:`page_segments`) found on at least ``min_share`` of that site's pages (and on at
   least ``min_pages`` of them), computed from the pages themselves by :func:`site_boilerplate`.
   A boilerplate segment *leaks* into an extraction when it equals a whole extracted paragraph, or
   when it has at least :data:`LONG_SEGMENT_WORDS` words and occurs inside a paragraph (short
   segments such as a section name legitimately occur inside prose). Segments that occur in the
   page's own reference article are never counted against that page.
3. Title and publication date agreement with the reference.

:func:`evaluate` runs an extractor over in-memory pages and scores them; :func:`read_pages` reads a
folder of ``ID.html`` pages with their ``parsed.jsonl`` references (for ``benchmarks/`` and tests).
"""

from __future__ import annotations

import json
import math
import re
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

import lxml.html
from lxml import etree

from chronique.errors import InputError

#: Quotes and apostrophes folded to ASCII before any comparison.
_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2039": '"',
        "\u203a": '"',
    }
)
# a guillemet is typeset with an inner (often non-breaking) space: « mot » == "mot"
_OPENING_QUOTE = re.compile(r"([«“‹])\s+")
_CLOSING_QUOTE = re.compile(r"\s+([»”›])")
_SPACES = re.compile(r"\s+")

#: A sentence ends with . ! ? or … (optionally followed by closing quotes/brackets), then
#: whitespace, then an upper-case letter, a digit or an opening quote/bracket; or, with no
#: whitespace, then a capitalised word ("fin.Début": a paragraph break lost by a scraper).
_SENTENCE_END = re.compile(
    r"[.!?…]+[\"')\]]*(?=\s+[\"'(\[]?[A-Z0-9\u00c0-\u00de]|[\"']?[A-Z\u00c0-\u00de][a-z\u00df-\u00ff'\s])"
)
#: A boundary right after a one-letter capital word ("M.", "J.") is an abbreviation or an
#: initial, not the end of a sentence.
_INITIAL = re.compile(r"(?:^|\s)[A-Z\u00c0-\u00de]\.$")
#: A first sentence shorter than this many words is merged with the next: a two-word
#: "sentence" proves nothing about where the extraction starts.
FIRST_SENTENCE_MIN_WORDS = 4

#: A boilerplate segment of at least this many words is counted even inside a paragraph;
#: shorter ones (section names, "Publicité") only when they are a whole paragraph.
LONG_SEGMENT_WORDS = 4
#: Share of a site's pages a segment must appear on to be the site's boilerplate.
BOILERPLATE_MIN_SHARE = 0.2
#: ... and at least this many pages, so that a site with few pages gets no accidental boilerplate.
BOILERPLATE_MIN_PAGES = 3

# fmt: off
#: Elements that start a new line of visible text.
_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "br", "button", "caption", "dd", "details",
    "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hr", "html", "label", "legend", "li", "main", "menu", "nav", "ol",
    "option", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})
#: Elements whose text is never visible.
_INVISIBLE_TAGS = frozenset({
    "head", "script", "style", "template", "noscript", "iframe", "svg", "select", "textarea", "object",
})
# fmt: on


def normalise(text: str) -> str:
    """NFC, ASCII quotes and apostrophes, inner guillemet spaces dropped, whitespace collapsed."""
    text = unicodedata.normalize("NFC", text)
    text = _CLOSING_QUOTE.sub(r"\1", _OPENING_QUOTE.sub(r"\1", text))
    return _SPACES.sub(" ", text.translate(_QUOTES)).strip()


def squeeze(text: str) -> str:
    """:func:`normalise`, then every whitespace removed (the form used for containment)."""
    return _SPACES.sub("", normalise(text))


def first_sentence(text: str, min_words: int = FIRST_SENTENCE_MIN_WORDS) -> str:
    """The first sentence of ``text`` (normalised).

    The sentence ends at the first ``.``, ``!``, ``?`` or ``…`` (plus closing quotes) that is
    followed by whitespace and a capital letter, digit or opening quote, or directly by a
    capitalised word (a paragraph break lost in the reference: ``fin.Début``), unless the word
    before it is a single capital letter (``M.``, an initial) or the sentence so far has fewer
    than ``min_words`` words. A text without such a boundary is one sentence.
    """
    text = normalise(text)
    for m in _SENTENCE_END.finditer(text):
        candidate = text[: m.end()]
        if _INITIAL.search(candidate.rstrip(".!?…\"')]") + "."):
            continue
        if len(candidate.split()) < min_words:
            continue
        return candidate
    return text


def _visible_root(markup: str) -> etree._Element | None:
    if not markup.strip():
        return None
    try:
        return lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError):
        return None


def _walk(root: etree._Element) -> Iterator[tuple[str, str]]:
    """Yield ("block", text) for each line of visible text and ("node", text) for each text node."""
    pending: list[str] = []

    def flush() -> Iterator[tuple[str, str]]:
        line = " ".join("".join(pending).split())
        pending.clear()
        if line:
            yield ("block", line)

    stack: list[tuple[etree._Element, bool]] = [(root, False)]
    while stack:
        el, closing = stack.pop()
        tag = el.tag if isinstance(el.tag, str) else ""
        if closing:
            if tag in _BLOCK_TAGS:
                yield from flush()
            if el.tail:
                pending.append(el.tail)
                if el.tail.strip():
                    yield ("node", " ".join(el.tail.split()))
            continue
        if not tag or tag in _INVISIBLE_TAGS or el.get("hidden") is not None:
            if el.tail:
                pending.append(el.tail)
                if el.tail.strip():
                    yield ("node", " ".join(el.tail.split()))
            continue
        if tag in _BLOCK_TAGS:
            yield from flush()
        if el.text:
            pending.append(el.text)
            if el.text.strip():
                yield ("node", " ".join(el.text.split()))
        stack.append((el, True))
        stack.extend((child, False) for child in reversed(el))
    yield from flush()


def visible_lines(markup: str) -> list[str]:
    """The page's visible text, one line per block element (whitespace collapsed)."""
    root = _visible_root(markup)
    return [] if root is None else [t for kind, t in _walk(root) if kind == "block"]


def page_segments(markup: str) -> frozenset[str]:
    """Normalised visible text segments of a page: every block line and every text node.

    Text nodes matter because a link line such as ``<a><span>12:50</span><span>France</span>
    <span>Headline</span></a>`` is one block but three segments; an extractor that keeps only
    the headline must still be caught.
    """
    root = _visible_root(markup)
    if root is None:
        return frozenset()
    return frozenset(normalise(t) for _, t in _walk(root))


def site_key(markup: str) -> str:
    """The page's site: host of its canonical/og:url, else its og:site_name, else ``""``."""
    root = _visible_root(markup)
    if root is None:
        return ""
    for xpath in ('//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content'):
        for value in root.xpath(xpath):
            host = urlsplit(str(value).strip()).hostname
            if host:
                return host.lower()
    for value in root.xpath('//meta[@property="og:site_name"]/@content'):
        if str(value).strip():
            return str(value).strip()
    return ""


def site_boilerplate(
    pages: Iterable[tuple[str, frozenset[str]]],
    *,
    min_share: float = BOILERPLATE_MIN_SHARE,
    min_pages: int = BOILERPLATE_MIN_PAGES,
) -> dict[str, frozenset[str]]:
    """Per site, the segments present on at least ``min_share`` (and ``min_pages``) of its pages.

    ``pages`` yields ``(site, segments)`` for each page.
    """
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    sizes: Counter[str] = Counter()
    for site, segments in pages:
        counts[site].update(segments)
        sizes[site] += 1
    result = {}
    for site, counter in counts.items():
        need = max(min_pages, math.ceil(min_share * sizes[site]))
        result[site] = frozenset(seg for seg, n in counter.items() if n >= need)
    return result


def leaked_boilerplate(text: str, boilerplate: frozenset[str], reference: str = "") -> list[str]:
    """The boilerplate segments found in the extracted ``text`` (see the module docstring)."""
    paragraphs = [normalise(p) for p in text.split("\n")]
    paragraphs = [p for p in paragraphs if p]
    whole = set(paragraphs)
    joined = "\n".join(paragraphs)
    ref = squeeze(reference)
    found = []
    for seg in boilerplate:
        if seg in whole or (len(seg.split()) >= LONG_SEGMENT_WORDS and _contains_words(joined, seg)):
            if ref and squeeze(seg) in ref:
                continue
            found.append(seg)
    return sorted(found)


def _contains_words(haystack: str, needle: str) -> bool:
    """``needle`` occurs in ``haystack`` and is not cut in the middle of a word."""
    start = haystack.find(needle)
    while start >= 0:
        end = start + len(needle)
        before = haystack[start - 1] if start else " "
        after = haystack[end] if end < len(haystack) else " "
        if not (before.isalnum() and needle[0].isalnum()) and not (after.isalnum() and needle[-1].isalnum()):
            return True
        start = haystack.find(needle, start + 1)
    return False


#: Separators a site puts between an article title and its own name in <title>.
_TITLE_SUFFIX = re.compile(r"^\s*[:|\-–—•·]\s+\S")


def title_matches(extracted: str, reference: str, *, allow_site_suffix: bool = False) -> bool:
    """Same title after normalisation (case kept).

    With ``allow_site_suffix``, a reference that is the extracted title followed by a separator
    and more words (``Title : site slogan``, ``Title | Site``) also matches.
    """
    a, b = normalise(extracted), normalise(reference)
    if a == b:
        return True
    return bool(allow_site_suffix and a and b.startswith(a) and _TITLE_SUFFIX.match(b[len(a) :]))


@dataclass(slots=True)
class PageScore:
    """How one extracted page compares with its reference record."""

    id: str
    first_sentence: str
    first_sentence_found: bool
    leaked: list[str] = field(default_factory=list)
    title_ok: bool = False
    title_ok_suffix: bool = False
    date_ok: bool | None = None  # None: the reference has no date
    ms: float = 0.0
    error: str = ""

    @property
    def ok(self) -> bool:
        """The page passes: first sentence present, no navigation, no error."""
        return self.first_sentence_found and not self.leaked and not self.error

    def reasons(self) -> list[str]:
        out = []
        if self.error:
            out.append(f"error: {self.error}")
        if not self.first_sentence_found and not self.error:
            out.append(f"first sentence missing: {self.first_sentence[:90]!r}")
        if self.leaked:
            shown = "; ".join(repr(s[:60]) for s in self.leaked[:4])
            out.append(f"navigation in text ({len(self.leaked)}): {shown}")
        return out


def score_page(
    page_id: str,
    *,
    text: str,
    title: str,
    date: str,
    reference: Mapping[str, str],
    boilerplate: frozenset[str],
    ms: float = 0.0,
) -> PageScore:
    """Score one extraction. ``reference`` has ``article`` and optionally ``title``, ``date``,
    ``heading`` (the standfirst, used only to excuse boilerplate that belongs to the article)."""
    article = reference.get("article", "")
    sentence = first_sentence(article)
    own = " ".join(reference.get(k, "") for k in ("title", "heading", "article"))
    ref_date = reference.get("date", "")[:10]
    return PageScore(
        id=page_id,
        first_sentence=sentence,
        first_sentence_found=bool(sentence) and squeeze(sentence) in squeeze(text),
        leaked=leaked_boilerplate(text, boilerplate, own),
        title_ok=title_matches(title, reference.get("title", "")),
        title_ok_suffix=title_matches(title, reference.get("title", ""), allow_site_suffix=True),
        date_ok=(date == ref_date) if ref_date else None,
        ms=ms,
    )


def failed_page(page_id: str, reference: Mapping[str, str], error: str) -> PageScore:
    """The score of a page whose extraction raised."""
    return PageScore(
        id=page_id,
        first_sentence=first_sentence(reference.get("article", "")),
        first_sentence_found=False,
        error=error,
    )


@dataclass(slots=True)
class Summary:
    pages: int
    passed: int
    first_sentence: int
    no_navigation: int
    title: int
    title_suffix: int
    dated: int
    date: int
    errors: int
    ms_mean: float
    ms_p95: float
    ms_max: float

    @property
    def pass_rate(self) -> float:
        return self.passed / self.pages if self.pages else 0.0


def summarise(scores: list[PageScore]) -> Summary:
    n = len(scores)
    times = sorted(s.ms for s in scores)
    dated = [s for s in scores if s.date_ok is not None]
    return Summary(
        pages=n,
        passed=sum(s.ok for s in scores),
        first_sentence=sum(s.first_sentence_found for s in scores),
        no_navigation=sum(not s.leaked and not s.error for s in scores),
        title=sum(s.title_ok for s in scores),
        title_suffix=sum(s.title_ok_suffix for s in scores),
        dated=len(dated),
        date=sum(bool(s.date_ok) for s in dated),
        errors=sum(bool(s.error) for s in scores),
        ms_mean=sum(times) / n if n else 0.0,
        ms_p95=times[min(n - 1, math.ceil(0.95 * n) - 1)] if n else 0.0,
        ms_max=times[-1] if n else 0.0,
    )


class Extraction(Protocol):
    """What the scorer reads from an extractor's result (``HtmlText`` has it)."""

    @property
    def text(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def date(self) -> str: ...


def evaluate(
    pages: Mapping[str, str],
    references: Mapping[str, Mapping[str, str]],
    extract: Callable[[str], Extraction],
) -> list[PageScore]:
    """Run ``extract`` on every page that has a reference and score it.

    The boilerplate of each site is computed from all the given pages first. An extractor that
    raises :class:`~chronique.errors.InputError` gets a failed score with the error.
    """
    ids = sorted(pid for pid in pages if pid in references)
    sites = {pid: site_key(pages[pid]) for pid in ids}
    boilerplate = site_boilerplate((sites[pid], page_segments(pages[pid])) for pid in ids)
    scores = []
    for pid in ids:
        start = time.perf_counter()
        try:
            result = extract(pages[pid])
        except InputError as exc:
            scores.append(failed_page(pid, references[pid], str(exc)))
            continue
        ms = (time.perf_counter() - start) * 1000
        scores.append(
            score_page(
                pid,
                text=result.text,
                title=result.title,
                date=result.date,
                reference=references[pid],
                boilerplate=boilerplate[sites[pid]],
                ms=ms,
            )
        )
    return scores


def read_pages(folder: Path) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """Pages ``ID.html`` of ``folder`` and the records of its ``parsed.jsonl``, by id."""
    references: dict[str, dict[str, str]] = {}
    with (folder / "parsed.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                references[str(rec["id"])] = {k: "" if v is None else str(v) for k, v in rec.items()}
    pages = {
        path.stem: path.read_text(encoding="utf-8", errors="replace")
        for path in sorted(folder.glob("*.html"))
        if path.stem in references
    }
    return pages, references
