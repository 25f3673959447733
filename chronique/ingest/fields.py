"""Which field of a JSON/CSV record (or of a metadata sidecar) holds the text, title, date...

Field names are matched case-insensitively against :data:`ALIASES`, in the order given there; the
first field present with a usable value wins. A setting such as ``text_field`` replaces the
aliases of its key by exactly that name. Nested values (objects, lists) are never text; numbers
are stringified (an epoch date stays the string of its number: the time stage interprets it).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from chronique.ingest.encoding import normalise_newlines
from chronique.settings import Settings

#: Field names tried for each key, in order of preference (compared in lower case).
ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "article", "body", "content", "full_text", "maintext", "story"),
    "title": ("title", "headline", "titre"),
    "date": (
        "date",
        "published",
        "pub_date",
        "published_at",
        "publication_date",
        "date_publish",
        "datetime",
        "timestamp",
    ),
    "url": ("url", "link", "source_url"),
    "outlet": ("source", "outlet", "site", "sitename", "publisher", "media", "journal"),
    "lang": ("lang", "language", "langue"),
    "id": ("id", "uid", "guid", "doc_id", "article_id"),
    "author": ("author", "byline", "auteur"),
    "heading": ("heading", "summary", "description", "chapo", "lead"),
}

#: The metadata keys a RawDocument may carry, in a stable order.
META_KEYS: tuple[str, ...] = ("id", "title", "date", "url", "outlet", "lang", "author", "heading")

#: The settings that replace the aliases of a key.
OVERRIDES: dict[str, str] = {
    "text": "text_field",
    "title": "title_field",
    "date": "date_field",
    "id": "id_field",
    "url": "url_field",
    "outlet": "source_field",
    "lang": "lang_field",
}

#: Only the start of a text is examined to decide whether it is HTML markup.
_HTML_PROBE_CHARS = 4096
_LEADING_SPACE = re.compile(r"\s*")
_HTML_TAG = re.compile(
    r"<(?:!doctype|html|head|body|p|div|article|section|span|br|h[1-6]|ul|ol|li|table|a|em|strong|b|i|img)\b",
    re.I,
)


def looks_like_html(text: str) -> bool:
    """True when ``text`` starts with ``<`` (after whitespace) and contains common HTML tags."""
    start = _LEADING_SPACE.match(text)
    if start is None or not text.startswith("<", start.end()):
        return False
    return _HTML_TAG.search(text, 0, start.end() + _HTML_PROBE_CHARS) is not None


def scalar(value: Any) -> str | None:
    """A record value as a string, or ``None`` when it is missing, empty or not a scalar."""
    if isinstance(value, str):
        s = value.strip()
        return normalise_newlines(s) if s else None
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return None
        return str(int(value)) if value.is_integer() else repr(value)
    return None


@dataclass(frozen=True, slots=True)
class Extracted:
    """What :meth:`FieldMap.extract` found in one record."""

    text: str | None
    meta: dict[str, str]
    origin: dict[str, str]
    problem: str = ""  # why there is no text, when ``text`` is None


class FieldMap:
    """Resolves field names for one settings object; caches the resolution per set of keys.

    Records of one file nearly always share their keys, so the alias search runs once per file.
    """

    def __init__(self, settings: Settings) -> None:
        self.overrides: dict[str, str] = {
            key: getattr(settings, name) for key, name in OVERRIDES.items() if getattr(settings, name)
        }
        claimed = {v.lower() for v in self.overrides.values()}
        self._aliases: dict[str, tuple[str, ...]] = {}
        for key, names in ALIASES.items():
            if key in self.overrides:
                continue
            # A field named in a setting belongs to that setting's key only.
            self._aliases[key] = tuple(n for n in names if n not in claimed)
        self._cache: dict[tuple[str, ...], dict[str, tuple[str, ...]]] = {}

    def _resolve(self, keys: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
        """For each key (text and META_KEYS), the record's own field names to try, in order."""
        by_lower: dict[str, str] = {}
        for k in keys:
            by_lower.setdefault(k.lower(), k)
        out: dict[str, tuple[str, ...]] = {}
        for key in ("text", *META_KEYS):
            if key in self.overrides:
                name = self.overrides[key]
                out[key] = (name,) if name in keys else ()
            else:
                out[key] = tuple(by_lower[a] for a in self._aliases[key] if a in by_lower)
        return out

    def candidates(self, record: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
        keys = tuple(record)
        found = self._cache.get(keys)
        if found is None:
            if len(self._cache) > 256:  # pathological files where every record differs
                self._cache.clear()
            found = self._cache[keys] = self._resolve(keys)
        return found

    def meta(
        self, record: Mapping[str, Any], origin: str | None = None
    ) -> tuple[dict[str, str], dict[str, str]]:
        """The metadata of a record or sidecar; ``origin`` overrides ``field:<name>``."""
        cands = self.candidates(record)
        meta: dict[str, str] = {}
        where: dict[str, str] = {}
        for key in META_KEYS:
            for name in cands[key]:
                value = scalar(record[name])
                if value is not None:
                    meta[key] = value
                    where[key] = origin or f"field:{name}"
                    break
        return meta, where

    def extract(self, record: Mapping[str, Any]) -> Extracted:
        """Text and metadata of one record; ``problem`` explains a missing text."""
        meta, origin = self.meta(record)
        names = self.candidates(record)["text"]
        text: str | None = None
        problem = ""
        for name in names:
            value = record[name]
            if isinstance(value, str):
                if value.strip():
                    text = normalise_newlines(value)
                    break
                problem = problem or f"field {name!r} is empty"
            elif isinstance(value, (dict, list)):
                problem = problem or f"field {name!r} holds a {type(value).__name__}, not text"
            else:
                text = scalar(value)
                if text is not None:
                    break
                problem = problem or f"field {name!r} is empty"
        if text is None and not problem:
            problem = self.missing_text(list(record))
        return Extracted(text, meta, origin, problem)

    def missing_text(self, fields: list[str]) -> str:
        """The explanation for a record (or CSV header) without any text field."""
        have = ", ".join(fields[:20]) + (", ..." if len(fields) > 20 else "") if fields else "none"
        if "text" in self.overrides:
            return f"no field {self.overrides['text']!r} (the text_field setting); fields present: {have}"
        return (
            f"no text field (looked for {', '.join(ALIASES['text'])}); fields present: {have}; "
            "set text_field to name it"
        )

    def has_text_field(self, fields: list[str]) -> bool:
        """Whether a CSV header names a text column."""
        return bool(self._resolve(tuple(fields))["text"])
