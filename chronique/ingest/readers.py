"""Read one input file into :class:`~chronique.models.RawDocument` records.

:func:`read_file` picks a reader by the file's suffix (``.gz`` is looked through) from a registry
that :func:`register_reader` extends. Single-article files (``.txt``, ``.html``, a ``.json``
holding one object) are read whole, up to ``max_file_mb``; batch files (``.jsonl``, ``.csv``,
``.tsv``, a ``.json`` list) are streamed record by record in bounded memory.

Error contract: a problem with the whole file raises :class:`~chronique.errors.InputError`
before anything is yielded; once a record has been yielded, ``read_file`` never raises an
``InputError`` -- a problem of one record is a :class:`~chronique.models.Skip` and the next record
is read, and a fault that ends the file early (truncated gzip, unbalanced CSV quote) is a final
``Skip`` after the records that could be read. Details never repeat the path (``Skip.path`` and the
caller hold it).
"""

from __future__ import annotations

import functools
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from chronique.errors import InputError
from chronique.ingest.fields import FieldMap
from chronique.ingest.jsonfiles import read_json, read_jsonl
from chronique.ingest.pages import read_html, read_txt
from chronique.ingest.sidecars import file_meta
from chronique.ingest.source import Reader, Source, split_suffix, unreadable
from chronique.ingest.tables import read_csv, read_tsv
from chronique.models import RawDocument, Skip
from chronique.settings import Settings

__all__ = [
    "Reader",
    "Source",
    "is_supported",
    "read_file",
    "register_reader",
    "split_suffix",
    "supported_suffixes",
]


_READERS: dict[str, Reader] = {
    ".txt": read_txt,
    ".html": read_html,
    ".htm": read_html,
    ".json": read_json,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".csv": read_csv,
    ".tsv": read_tsv,
}


def register_reader(suffix: str, reader: Reader) -> None:
    """Read files ending in ``suffix`` (e.g. ``".xml"``; ``.gz`` variants follow) with ``reader``."""
    if not suffix.startswith(".") or suffix.lower() == ".gz":
        raise ValueError(f"suffix must look like '.xml', got {suffix!r}")
    _READERS[suffix.lower()] = reader


def supported_suffixes() -> tuple[str, ...]:
    """The suffixes :func:`read_file` reads (each also with ``.gz``)."""
    return tuple(sorted(_READERS))


def is_supported(path: Path) -> bool:
    return split_suffix(path)[0] in _READERS


@functools.lru_cache(maxsize=8)
def _field_map(settings: Settings) -> FieldMap:
    return FieldMap(settings)


def _open_source(path: Path, settings: Settings) -> tuple[Source, Reader]:
    suffix, gz = split_suffix(path)
    reader = _READERS.get(suffix)
    if reader is None:
        raise InputError(
            "unsupported",
            f"no reader for {suffix or 'files without a suffix'}; supported: "
            + ", ".join(supported_suffixes())
            + " (and the same with .gz)",
        )
    try:
        st = os.stat(path)
    except OSError as exc:
        raise unreadable(path, exc) from exc
    if stat.S_ISDIR(st.st_mode):
        raise unreadable(path, IsADirectoryError(str(path)))
    if not stat.S_ISREG(st.st_mode):
        raise InputError("unreadable", "not a regular file (a device, socket or pipe)")
    if st.st_size == 0:
        raise InputError("empty", "the file is empty (0 bytes)")
    fields = _field_map(settings)
    return Source(path, gz, st.st_size, settings, fields, file_meta(path, fields)), reader


def read_file(path: Path, settings: Settings) -> Iterator[RawDocument | Skip]:
    """Stream the records of one file: RawDocuments, and Skips for records that cannot be used.

    Raises :class:`~chronique.errors.InputError` (reason ``unsupported``, ``unreadable``,
    ``empty``, ``binary``, ``encoding``, ``too-large``, ``truncated``, ``malformed-json``,
    ``malformed-csv``, ``no-text``) when the whole file cannot be used; this happens before the
    first record is yielded. A fault after that is yielded as a final Skip.
    """
    path = Path(path)
    produced = False
    try:
        source, reader = _open_source(path, settings)
        for item in reader(source):
            produced = True
            yield item
    except InputError as exc:
        if not produced:
            raise
        yield Skip(str(path), exc.reason, f"{exc.detail}; the records before it were kept")
    except OSError as exc:
        if not produced:
            raise unreadable(path, exc) from exc
        yield Skip(str(path), "unreadable", f"read failed: {exc}; the records before it were kept")
