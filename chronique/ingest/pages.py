"""Single-article files: ``.txt`` and ``.html``/``.htm`` (read whole, up to ``max_file_mb``)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from chronique.errors import InputError
from chronique.ingest.encoding import declared_charset, decode
from chronique.ingest.fields import looks_like_html
from chronique.ingest.source import Item, Source, file_cap, too_large
from chronique.models import RawDocument

_ANY_TAG = re.compile(r"<[A-Za-z!/][^<>]*>")


def _read_capped(src: Source) -> bytes:
    """The whole (decompressed) content of a single-article file, refusing more than the cap."""
    cap = file_cap(src.settings)
    if not src.gz and src.size > cap:
        raise too_large(f"{src.size / (1 << 20):.1f} MB", src.settings)
    buffered, guard = src.open()
    with buffered:
        data = buffered.read(cap + 1)
    if guard.failure is not None:
        raise guard.failure
    if len(data) > cap:
        raise too_large("decompresses to more than that", src.settings)
    return data


def _decode(data: bytes, hint: str | None = None) -> tuple[str, str]:
    if not data.strip():
        raise InputError("empty", "the file holds only whitespace")
    text, encoding = decode(data, hint)
    if not text.strip():
        raise InputError("empty", "the file holds only whitespace")
    return text, encoding


def _read_page(src: Source, fmt: str) -> Iterator[Item]:
    """A plain-text or HTML file: one article."""
    data = _read_capped(src)
    text, encoding = _decode(data, declared_charset(data) if fmt == "html" else None)
    limit = src.settings.max_record_chars
    if len(text) > limit:
        raise InputError("too-large", f"{len(text)} characters of text, more than max_record_chars={limit}")
    html = looks_like_html(text) if fmt == "txt" else _ANY_TAG.search(text) is not None
    meta, origin = src.file_meta(batch=False)
    yield RawDocument(
        source_path=str(src.path),
        source_id=meta.get("id") or str(src.path),
        fmt="html" if html else "txt",
        text=text,
        encoding=encoding,
        record_index=0,
        meta=dict(meta),
        meta_origin=dict(origin),
    )


def read_txt(src: Source) -> Iterator[Item]:
    """A ``.txt`` file is one article (``fmt="html"`` if it is in fact HTML markup)."""
    return _read_page(src, "txt")


def read_html(src: Source) -> Iterator[Item]:
    """An ``.html`` file is one article; its markup is kept for the clean stage.

    The charset a page declares is used when its bytes are not UTF-8. A page without any markup
    is read as plain text (``fmt="txt"``).
    """
    return _read_page(src, "html")
