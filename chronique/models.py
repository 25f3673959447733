"""Typed records exchanged by the stages.

Offsets are always Python string indices (Unicode code points). ``Article.original`` is the text
every offset points back into; ``Article.body`` is the cleaned body, built from verbatim slices of
``original`` so that :meth:`Article.to_original` maps any body offset back exactly.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One record as read from an input file, before cleaning.

    ``text`` is the decoded content (HTML markup for HTML pages). ``meta`` holds what the input
    itself says about the record (``title``, ``date``, ``url``, ``outlet``, ``lang``, ``author``,
    ``id``), ``meta_origin`` where each value came from (``field:published``, ``sidecar``,
    ``metadata.csv``, ``folder``, ``html``).
    """

    source_path: str
    source_id: str
    fmt: str
    text: str
    encoding: str = "utf-8"
    record_index: int = 0
    meta: dict[str, str] = field(default_factory=dict)
    meta_origin: dict[str, str] = field(default_factory=dict)

    @property
    def key(self) -> str:
        """Content hash: the same record read twice has the same key, whatever its file path.

        The record's own metadata (an explicit id, title, date, url, outlet) is part of the
        hash, so one text published under two ids stays two articles (the dedupe stage groups
        them), while the same file moved elsewhere is recognised.
        """
        h = hashlib.sha256()
        h.update(self.text.encode("utf-8", "surrogatepass"))
        own = {k: v for k, v in sorted(self.meta.items()) if k in KEY_META}
        h.update(json.dumps(own, ensure_ascii=False, sort_keys=True).encode("utf-8"))
        return h.hexdigest()[:20]


#: Metadata fields that make two records with the same text different articles.
KEY_META = ("id", "title", "date", "url", "outlet")


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A unit of the cleaned body: a paragraph, a subhead or a quotation.

    ``start``/``end`` index ``Article.body``; ``orig_start`` is where the same characters start
    in ``Article.original`` (the text of a paragraph is never altered, only selected).
    """

    start: int
    end: int
    orig_start: int
    kind: str = "body"  # body | subhead | quote
    lang: str = ""


@dataclass(frozen=True, slots=True)
class Removed:
    """A piece of the original text that cleaning took out of the body, and why."""

    kind: str  # navigation | widget | photo-credit | header | stamp | title | title-repeat | dateline | byline | credit | signature | teaser-repeat | section
    text: str
    start: int
    end: int
    rule: str = ""


@dataclass(frozen=True, slots=True)
class Stamp:
    """A date stamp found in the page header (raw; the time stage interprets it)."""

    text: str
    start: int
    end: int
    role: str  # created | updated | month | unknown


@dataclass(slots=True)
class Article:
    """A cleaned article: body, metadata lifted out of the text, and what was removed."""

    id: str
    source_id: str
    source_path: str
    fmt: str
    original: str
    body: str = ""
    paragraphs: list[Paragraph] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    stamps: list[Stamp] = field(default_factory=list)
    title: str = ""
    dateline: str = ""
    byline: str = ""
    agency: str = ""
    agency_evidence: str = ""
    outlet: str = ""
    outlet_evidence: str = ""
    section: str = ""
    lang: str = ""
    encoding: str = "utf-8"
    record_index: int = 0
    meta: dict[str, str] = field(default_factory=dict)
    meta_origin: dict[str, str] = field(default_factory=dict)
    components: dict[str, str] = field(default_factory=dict)

    def to_original(self, offset: int) -> int:
        """Map an offset in ``body`` to the same character in ``original``."""
        for p in self.paragraphs:
            if p.start <= offset <= p.end:
                return p.orig_start + (offset - p.start)
        raise ValueError(f"offset {offset} is not inside any paragraph of article {self.id}")

    def paragraph_text(self, p: Paragraph) -> str:
        return self.body[p.start : p.end]

    def details(self) -> dict[str, Any]:
        """The structured part that is stored as JSON (everything but the texts)."""
        return {
            "paragraphs": [asdict(p) for p in self.paragraphs],
            "removed": [asdict(r) for r in self.removed],
            "stamps": [asdict(s) for s in self.stamps],
            "meta_origin": self.meta_origin,
            "components": self.components,
            "agency_evidence": self.agency_evidence,
            "outlet_evidence": self.outlet_evidence,
            "section": self.section,
            "byline": self.byline,
            "dateline": self.dateline,
        }

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Article:
        d = json.loads(row["details"]) if row.get("details") else {}
        return cls(
            id=row["id"],
            source_id=row["source_id"],
            source_path=row["source_path"],
            fmt=row["fmt"],
            original=row["original"],
            body=row["body"],
            paragraphs=[Paragraph(**p) for p in d.get("paragraphs", [])],
            removed=[Removed(**r) for r in d.get("removed", [])],
            stamps=[Stamp(**s) for s in d.get("stamps", [])],
            title=row.get("title") or "",
            dateline=d.get("dateline", ""),
            byline=d.get("byline", ""),
            agency=row.get("agency") or "",
            agency_evidence=d.get("agency_evidence", ""),
            outlet=row.get("outlet") or "",
            outlet_evidence=d.get("outlet_evidence", ""),
            section=d.get("section", ""),
            lang=row.get("lang") or "",
            encoding=row.get("encoding") or "utf-8",
            record_index=row.get("record_index") or 0,
            meta=json.loads(row["meta"]) if row.get("meta") else {},
            meta_origin=d.get("meta_origin", {}),
            components=d.get("components", {}),
        )


@dataclass(frozen=True, slots=True)
class Skip:
    """An input that was not used, with a stable reason code and a human detail."""

    path: str
    reason: str
    detail: str
    source_id: str = ""


@dataclass(slots=True)
class BuildReport:
    """What a build did: counts, skips with reasons, time."""

    run_id: int = 0
    files_seen: int = 0
    files_unchanged: int = 0
    files_ignored: int = 0
    records_read: int = 0
    articles_added: int = 0
    articles_recleaned: int = 0  # stored articles whose body a new cleaner changed
    duplicates: int = 0
    articles_annotated: int = 0
    articles_dated: int = 0
    articles_timexed: int = 0
    entities: int = 0
    events: int = 0
    duplicate_groups: int = 0
    stories: int = 0
    skipped: list[Skip] = field(default_factory=list)
    seconds: float = 0.0
    interrupted: bool = False
    db: str = ""

    @property
    def throughput(self) -> float:
        return self.records_read / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["throughput"] = round(self.throughput, 1)
        return d
