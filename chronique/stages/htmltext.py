"""Stage: one HTML page → article text and metadata (:func:`extract_html`).

Pure function of the markup: no file, no network (the page is parsed once and the parsed tree,
never a URL, is handed to trafilatura and htmldate, so neither can fetch anything), deterministic.

The sequence:

1. Parse the markup (trafilatura's tolerant loader, then lxml's recovering parser for fragments
   and broken pages). Nothing parseable → :class:`~chronique.errors.InputError` ``malformed-html``.
   Loose text left after a block element (typically after an embedded video) gets its own ``<p>``
   (:func:`_wrap_loose_text`), else trafilatura would drop that paragraph.
2. trafilatura reads the metadata (title, author, site name, canonical URL, description) and,
   through htmldate, the publication date (``original_date=True``).
3. trafilatura extracts the body in precision mode, without comments, links or images.
4. The body tree becomes text: one paragraph per block (``p``, heading, list item, quote, table
   row, each ``<br>``-separated line), whitespace collapsed, paragraphs joined by a blank line.
   What trafilatura may leave in is dropped (:func:`_clean_body`): short metadata blocks printed
   with the article (class/id says date, byline, author…), kept aside as *stamps*; consent-banner
   text; link lines, the related-article lists inside the body (:func:`_drop_link_lines`); a first
   paragraph that repeats the title.
5. Dates (:func:`_dates`): with structured date metadata, htmldate's publication date and its most
   recent date (``date_updated``); without, the dates of the stamps.
6. No paragraph of :data:`PROSE_MIN_WORDS` words left → a simple fallback: the blocks of
   ``<article>``, else every ``<p>``, of that many words, outside nav/header/footer/aside/forms and
   consent banners. Still nothing → ``InputError("malformed-html")``.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from html import escape

import lxml.html
from htmldate import find_date
from lxml import etree
from trafilatura import bare_extraction, extract_metadata, load_html

from chronique.errors import InputError

LOGGER = logging.getLogger(__name__)

#: Component name recorded with results (house style: results record what made them).
COMPONENT = "chronique.htmltext.v1"

#: An article has at least one paragraph of this many words (a sentence of prose, not a menu
#: entry, a button or a credit line); the fallback extraction keeps only such paragraphs.
PROSE_MIN_WORDS = 8

#: Link lines (see :func:`_drop_link_lines`): a related-article line is a headline, and headlines
#: are short; a longer line is a real paragraph even if it is all one link.
LINK_LINE_MAX_CHARS = 200
#: ... at least this share of its (non-space) characters is link text ...
LINK_LINE_MIN_SHARE = 0.5
#: ... and at most this many words are not: "(21/03)", "Lire aussi :", "Vidéo -".
LINK_LINE_MAX_OTHER_WORDS = 3
#: Link texts shorter than this are ignored: one-word links occur inside prose.
LINK_TEXT_MIN_CHARS = 12
#: A paragraph ending with ":" of at most this many words that introduces link lines is dropped too.
LEAD_IN_MAX_WORDS = 25

#: Class or id tokens that mark a short metadata block (date stamp, byline) printed inside the
#: article. The block's content is returned as ``date``/``author``; left in the body it would be
#: the first "paragraph". Matched as whole tokens of ``@class``/``@id`` split on spaces, ``-``, ``_``.
_META_TOKENS = ("date", "dateline", "byline", "timestamp", "published", "updated", "author", "signature")
#: Longer than this (characters), a block is content whatever its class says.
_META_MAX_CHARS = 160
#: Consent/cookie banners, by class or id: anchored compounds and known consent managers, not a
#: bare "cookie" (pages about cookies — the biscuits or the law — use it on real content).
_CONSENT = re.compile(
    r"cookie[-_]?(?:banner|bar|consent|notice|law|policy|wall|popup|modal)"
    r"|consent[-_]?(?:banner|manager|wall|popup|modal|box)"
    r"|gdpr|onetrust|didomi|cookiebot|tarteaucitron|cmp[-_]?(?:banner|container|wrapper)",
    re.IGNORECASE,
)
#: Elements whose content is never the article (used by the fallback extraction).
_BOILERPLATE_TAGS = frozenset({"nav", "header", "footer", "aside", "form"})
_META_TAGS = ("p", "div", "span", "time", "address", "small")
_TOKEN_SPLIT = re.compile(r"[\s_-]+")

# fmt: off
#: Tags of trafilatura's output tree (and of plain HTML, for the fallback) that start a paragraph.
_BLOCK_TAGS = frozenset({
    "p", "head", "quote", "list", "item", "table", "row", "code", "div", "section", "article",
    "blockquote", "pre", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "dl", "dt", "dd",
    "figure", "figcaption",
})
_CELL_TAGS = frozenset({"cell", "td", "th"})
_BREAK_TAGS = frozenset({"lb", "br"})
_SKIP_TAGS = frozenset({"graphic", "img", "script", "style", "noscript", "template", "svg", "figcaption"})

#: Block elements after which loose text is wrapped in a ``<p>`` (see :func:`_wrap_loose_text`),
#: the containers where that happens, and the inline elements that continue a run of loose text.
_LOOSE_AFTER = (
    "div", "p", "section", "figure", "table", "ul", "ol", "dl", "blockquote", "iframe", "aside",
    "h1", "h2", "h3", "h4", "h5", "h6", "form", "nav", "header", "footer", "pre", "video", "audio",
)
_CONTAINERS = frozenset({"div", "section", "article", "main", "body", "td", "blockquote"})
_INLINE_TAGS = frozenset({
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q", "s",
    "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var",
})
# fmt: on

#: htmldate settings for the publication date (measured: same result with and without
#: extensive search on the dev pages, which all carry date metadata; extensive search is what
#: finds a date in the text of pages that carry none).
_PUBLISHED_DATE_PARAMS = {"original_date": True, "extensive_search": True}
#: Structured date metadata: a <meta> (or schema.org microdata) whose name says date/time, or
#: JSON-LD with datePublished/dateCreated.
_STRUCTURED_DATE_XPATH = (
    "//meta[@content][contains(translate(concat(@property, ' ', @name, ' ', @itemprop), "
    "'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), 'published') "
    "or contains(translate(concat(@property, ' ', @name, ' ', @itemprop), "
    "'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), 'date')]"
    " | //*[@itemprop='datePublished' or @itemprop='dateCreated']"
    " | //script[@type='application/ld+json'][contains(., 'datePublished') or contains(., 'dateCreated')]"
)

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class HtmlText:
    """The article found in one HTML page.

    ``text`` is the body, one paragraph per block, paragraphs separated by ``"\\n\\n"``, no markup.
    ``date``/``date_updated`` are ISO dates (``YYYY-MM-DD``) or ``""``. ``removed_chars`` counts the
    page's visible characters (whitespace collapsed) that are not in ``text``: navigation, widgets,
    title, credits, everything dropped as not being the article body.
    """

    text: str
    title: str
    date: str
    date_updated: str
    author: str
    sitename: str
    url: str
    lang: str
    description: str
    removed_chars: int


def extract_html(markup: str, *, url: str = "") -> HtmlText:
    """Extract the article body and metadata of one HTML page.

    ``url`` is where the page came from, if known; it is used only to read a date in it and as
    the result's ``url`` when the page names no canonical URL. Nothing is ever fetched.

    Raises :class:`~chronique.errors.InputError` (``malformed-html``) when the markup holds no
    parseable HTML or no text that could be an article.
    """
    if not markup or not markup.strip():
        raise InputError("malformed-html", "the page is empty; check that the file was saved completely")
    tree = _parse(markup)
    visible = _visible_chars(tree)
    _wrap_loose_text(tree)
    meta = _metadata(tree, url)

    body = _trafilatura_body(tree, url)
    found = _paragraphs(body) if body is not None else []
    paragraphs, stamps = _clean_body(found, tree, meta["title"])
    method = "trafilatura"
    if not _has_prose(paragraphs):
        paragraphs, stamps = _clean_body(_fallback_paragraphs(tree), tree, meta["title"])
        method = "fallback"
    if not _has_prose(paragraphs):
        raise InputError(
            "malformed-html",
            f"no article text found in {visible} visible characters of the page "
            f"({url or 'no url'}): no paragraph of {PROSE_MIN_WORDS}+ words outside navigation; "
            "the page may be truncated, script-only or not an article",
        )
    LOGGER.debug(
        "html extraction by %s: %d paragraphs, %d stamp(s) dropped (%s)",
        method,
        len(paragraphs),
        len(stamps),
        url,
    )
    date, date_updated = _dates(tree, meta.pop("date"), stamps, url=meta["url"] or None)
    kept = sum(len(p) for p in paragraphs) + len(paragraphs) - 1
    return HtmlText(
        text="\n\n".join(paragraphs),
        date=date,
        date_updated=date_updated,
        removed_chars=max(0, visible - kept),
        **meta,
    )


def _parse(markup: str) -> lxml.html.HtmlElement:
    """A parsed tree of ``markup``, tolerant of broken and fragmentary HTML."""
    tree = None
    try:
        tree = load_html(markup)
    except (ValueError, TypeError, etree.ParserError) as exc:
        LOGGER.debug("trafilatura loader failed: %s", exc)
    if tree is None:
        # trafilatura rejects fragments and some broken pages; lxml's recovering parser does not
        try:
            tree = lxml.html.document_fromstring(markup)
        except (ValueError, etree.ParserError) as exc:
            raise InputError(
                "malformed-html", f"the markup cannot be parsed as HTML ({exc}); check the file's encoding"
            ) from exc
    return tree


def _wrap_loose_text(tree: lxml.html.HtmlElement) -> None:
    """Give loose text that follows a block element inside a container its own ``<p>``.

    ``<div><p>One.</p><div class="embed">…</div> Two, more text.</div>``: "Two" is the tail of
    the embed. trafilatura keeps an element's tail when it prunes the element, but reads only the
    blocks afterwards, so that paragraph of the article would be lost.
    """
    for el in list(tree.iter(*_LOOSE_AFTER)):
        tail = el.tail
        parent = el.getparent()
        if not tail or not tail.strip() or parent is None or parent.tag not in _CONTAINERS:
            continue
        para = lxml.html.Element("p")
        para.text = tail
        el.tail = None
        el.addnext(para)
        # inline elements that continue the same run of text join it, up to a break or a block
        while (nxt := para.getnext()) is not None and isinstance(nxt.tag, str) and nxt.tag in _INLINE_TAGS:
            para.append(nxt)


def _trafilatura_body(tree: lxml.html.HtmlElement, url: str) -> etree._Element | None:
    """trafilatura's body tree of the page, or None when it finds no main text."""
    try:
        doc = bare_extraction(
            tree,
            url=url or None,
            favor_precision=True,
            # not fast: the readability/justext comparison costs ~6 ms a page and changed nothing on
            # the dev pages, but rescues layouts trafilatura's own rules miss
            fast=False,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            deduplicate=False,  # its cache is shared across calls: results would depend on history
            with_metadata=False,
        )
    except (ValueError, TypeError, AttributeError, IndexError, etree.LxmlError) as exc:
        # trafilatura catches most of its own failures; a crash on one odd page must not stop a build
        LOGGER.warning("trafilatura failed on %s: %s: %s", url or "a page", type(exc).__name__, exc)
        return None
    body = getattr(doc, "body", None)  # a Document (never a dict: as_dict is not asked for)
    return body if isinstance(body, etree._Element) else None


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _paragraphs(body: etree._Element) -> list[str]:
    """One string per block of an element tree, whitespace collapsed, empty blocks dropped."""
    out: list[str] = []
    pending: list[str] = []

    def flush() -> None:
        line = _clean("".join(pending))
        pending.clear()
        if line:
            out.append(line)

    def walk(el: etree._Element) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag or tag in _SKIP_TAGS:
            if el.tail:
                pending.append(el.tail)
            return
        if tag in _BREAK_TAGS or tag in _BLOCK_TAGS:
            flush()
        elif tag in _CELL_TAGS:
            pending.append(" ")
        if el.text:
            pending.append(el.text)
        for child in el:
            walk(child)
        if tag in _BLOCK_TAGS:
            flush()
        elif tag in _CELL_TAGS:
            pending.append(" ")
        if el.tail:
            pending.append(el.tail)

    walk(body)
    flush()
    return out


def _has_prose(paragraphs: list[str]) -> bool:
    return any(len(p.split()) >= PROSE_MIN_WORDS for p in paragraphs)


def _clean_body(
    paragraphs: list[str], tree: lxml.html.HtmlElement, title: str
) -> tuple[list[str], list[str]]:
    """Paragraphs without what extractors leave in, and the metadata stamps taken out.

    Taken out: the text of short metadata blocks (returned as stamps), of consent banners,
    link lines (:func:`_drop_link_lines`) and a leading repeat of the title.
    """
    if not paragraphs:
        return [], []
    meta_blocks, banner_texts = _meta_and_banner_texts(tree)
    stamps = [p for p in paragraphs if p in meta_blocks]
    kept = [p for p in paragraphs if p not in meta_blocks and p not in banner_texts]
    return _drop_title(_drop_link_lines(kept, tree), tree, title), stamps


def _drop_title(paragraphs: list[str], tree: lxml.html.HtmlElement, title: str) -> list[str]:
    """``paragraphs`` without a first paragraph that is the title (``title`` or an ``<h1>``)."""
    if not paragraphs:
        return paragraphs
    titles = {_clean(h.text_content()).casefold() for h in tree.iter("h1")} | {title.casefold()}
    return paragraphs[1:] if paragraphs[0].casefold() in titles else paragraphs


def _meta_and_banner_texts(tree: lxml.html.HtmlElement) -> tuple[set[str], set[str]]:
    """Texts of the page's short metadata blocks, and paragraphs of its consent banners.

    A metadata block is a ``p``/``div``/``span``/``time``… whose class or id has a token of
    :data:`_META_TOKENS` and whose text is at most :data:`_META_MAX_CHARS` long (a ``div`` holding
    paragraphs is a container, never a metadata block). A consent banner is an element whose class
    or id matches :data:`_CONSENT`.
    """
    meta: set[str] = set()
    banners: set[str] = set()
    for el in tree.iter(etree.Element):
        attrs = f"{el.get('class', '')} {el.get('id', '')}".lower()
        if not attrs.strip():
            continue
        if _CONSENT.search(attrs):
            banners.update(_paragraphs(el))
            continue
        if el.tag not in _META_TAGS or not any(t in _META_TOKENS for t in _TOKEN_SPLIT.split(attrs)):
            continue
        text = _clean(el.text_content())
        if not text or len(text) > _META_MAX_CHARS:
            continue
        if el.tag == "div" and any(_clean(p.text_content()) for p in el.iter("p")):
            continue
        meta.add(text)
    return meta, banners


def _drop_link_lines(paragraphs: list[str], tree: lxml.html.HtmlElement) -> list[str]:
    """``paragraphs`` without link lines ("related articles" inside the body) and their lead-in.

    A link line is a paragraph of at most :data:`LINK_LINE_MAX_CHARS` characters that is mostly
    (:data:`LINK_LINE_MIN_SHARE`) the text of links of the page, with at most
    :data:`LINK_LINE_MAX_OTHER_WORDS` other words (a date, "Lire aussi :"). A short paragraph
    ending with ``:`` that introduces dropped link lines goes with them.
    """
    if not paragraphs:
        return paragraphs
    # longest first, in a fixed order: the result must not depend on set iteration order
    found = {_clean(a.text_content()) for a in tree.iter("a")}
    anchors = sorted((a for a in found if len(a) >= LINK_TEXT_MIN_CHARS), key=lambda a: (-len(a), a))
    if not anchors:
        return paragraphs
    dropped = [_is_link_line(p, anchors) for p in paragraphs]
    for i, p in enumerate(paragraphs[:-1]):
        if dropped[i + 1] and not dropped[i] and p.endswith(":") and len(p.split()) <= LEAD_IN_MAX_WORDS:
            dropped[i] = True
    kept = [p for p, d in zip(paragraphs, dropped, strict=True) if not d]
    if len(kept) < len(paragraphs):
        LOGGER.debug("dropped %d link line(s) from the body", len(paragraphs) - len(kept))
    return kept


def _is_link_line(paragraph: str, anchors: list[str]) -> bool:
    if len(paragraph) > LINK_LINE_MAX_CHARS:
        return False
    rest = paragraph
    for anchor in anchors:
        if anchor in rest:
            rest = rest.replace(anchor, " ")
    total = len(paragraph) - paragraph.count(" ")
    linked = total - (len(rest) - rest.count(" "))
    other_words = [w for w in rest.split() if any(c.isalnum() for c in w)]
    return linked >= LINK_LINE_MIN_SHARE * total and len(other_words) <= LINK_LINE_MAX_OTHER_WORDS


def _fallback_paragraphs(tree: lxml.html.HtmlElement) -> list[str]:
    """Blocks of ``<article>``, else every ``<p>``, of at least PROSE_MIN_WORDS words, outside
    navigation, header, footer, asides, forms and consent banners."""
    candidates = [a for a in tree.iter("article") if not _in_boilerplate(a)]
    for article in candidates:
        paragraphs = [p for p in _paragraphs(article) if len(p.split()) >= PROSE_MIN_WORDS]
        if paragraphs:
            return paragraphs
    out = []
    for p in tree.iter("p"):
        text = _clean(p.text_content())
        if len(text.split()) >= PROSE_MIN_WORDS and not _in_boilerplate(p):
            out.append(text)
    return out


def _in_boilerplate(el: etree._Element) -> bool:
    for node in (el, *el.iterancestors()):
        if node.tag in _BOILERPLATE_TAGS:
            return True
        if _CONSENT.search(f"{node.get('class', '')} {node.get('id', '')}"):
            return True
    return False


def _visible_chars(tree: lxml.html.HtmlElement) -> int:
    """Characters of the page's visible text, whitespace collapsed."""
    body = tree.find(".//body")
    root = body if body is not None else tree
    texts = root.xpath(
        ".//text()[not(ancestor::script or ancestor::style or ancestor::noscript or ancestor::template)]"
    )
    return len(_clean(" ".join(str(t) for t in texts)))


def _iso(value: str | None) -> str:
    return value if value and _ISO_DATE.match(value) else ""


def _metadata(tree: lxml.html.HtmlElement, url: str) -> dict[str, str]:
    """Title, author, site name, URL, description, language and htmldate's publication date."""
    try:
        doc = extract_metadata(tree, default_url=url or None, date_config=dict(_PUBLISHED_DATE_PARAMS))
    except (ValueError, TypeError, AttributeError, IndexError, etree.LxmlError) as exc:
        LOGGER.warning("metadata extraction failed on %s: %s: %s", url or "a page", type(exc).__name__, exc)
        doc = None

    def get(name: str) -> str:
        value = getattr(doc, name, None) if doc is not None else None
        return _clean(value) if isinstance(value, str) else ""

    return {
        "title": get("title") or _clean(tree.findtext(".//title") or ""),
        "date": _iso(get("date")),
        "author": get("author"),
        "sitename": get("sitename"),
        "url": get("url") or url,
        "description": get("description"),
        "lang": _lang(tree),
    }


def _dates(
    tree: lxml.html.HtmlElement, page_date: str, stamps: list[str], *, url: str | None
) -> tuple[str, str]:
    """Publication and update dates: ``(date, date_updated)``.

    A page with structured date metadata (``<meta>`` dates, schema.org ``datePublished``…) is
    trusted: ``page_date`` is htmldate's original date, the update date htmldate's most recent
    date of the markup. Without it, htmldate can only guess from the whole page's text, sidebars
    included, so the stamp printed with the article (a metadata block found in the body, e.g.
    "publié le 3 mai 2020, mis à jour le 4 mai 2020") is read first.
    """
    if _has_structured_date(tree):
        updated = _find_date(tree, url=url, original=False, extensive=False)
        return page_date, updated if updated >= page_date else ""
    if stamps:
        first = _stamp_date(stamps, original=True)
        last = _stamp_date(stamps, original=False) if first else ""
        return first, last if last > first else ""
    return page_date, ""


def _stamp_date(stamps: list[str], *, original: bool) -> str:
    """htmldate's date for the stamps, if the stamps show its day and year.

    htmldate misses some month spellings ("août" but not "aout", "decembre" but not "décembre")
    and turns a year it finds alone into January 1st: the text is read as is and without
    accents, a date whose day and year are not both written in the text is refused, and a
    January 1st is taken only if no reading gives another day.
    """
    text = " ".join(stamps)
    found = []
    for variant in (text, _strip_accents(text)):
        doc = lxml.html.document_fromstring(f"<html><body><p>{escape(variant)}</p></body></html>")
        date = _find_date(doc, url=None, original=original, extensive=True)
        if date and _shows(date, variant):
            found.append(date)
    return next((d for d in found if not d.endswith("-01-01")), found[0] if found else "")


def _shows(date: str, text: str) -> bool:
    """``text`` writes the year and the day of the ISO ``date`` as numbers of their own."""
    year, day = date[:4], int(date[8:10])
    return bool(re.search(rf"(?<!\d){year}(?!\d)", text) and re.search(rf"(?<!\d)0?{day}(?!\d)", text))


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _has_structured_date(tree: lxml.html.HtmlElement) -> bool:
    return bool(tree.xpath(_STRUCTURED_DATE_XPATH))


def _find_date(tree: lxml.html.HtmlElement, *, url: str | None, original: bool, extensive: bool) -> str:
    try:
        found = find_date(tree, extensive_search=extensive, original_date=original, url=url)
    except (ValueError, TypeError, etree.LxmlError) as exc:
        LOGGER.warning("htmldate failed on %s: %s", url or "a page", exc)
        return ""
    return _iso(found)


def _lang(tree: lxml.html.HtmlElement) -> str:
    """Primary language subtag from ``<html lang>``, ``og:locale`` or ``content-language``."""
    candidates = [
        *tree.xpath("/html/@lang"),
        *tree.xpath("/html/@xml:lang", namespaces={"xml": "http://www.w3.org/XML/1998/namespace"}),
        *tree.xpath('//meta[@property="og:locale"]/@content'),
        *tree.xpath(
            '//meta[translate(@http-equiv, "CONTENTLANGUAGE", "contentlanguage")="content-language"]/@content'
        ),
    ]
    for value in candidates:
        code = re.split(r"[-_]", str(value).strip().lower(), maxsplit=1)[0]
        if code.isalpha() and 2 <= len(code) <= 3:
            return code
    return ""
