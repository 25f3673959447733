"""Stage 1, ingest: input files -> :class:`~chronique.models.RawDocument` records.

The only stage that reads files. :func:`discover` finds the input files under the paths a user
gives; :func:`read_file` streams the records of one file (``.txt``, ``.html``/``.htm``, ``.json``,
``.jsonl``/``.ndjson``, ``.csv``/``.tsv``, each also gzipped), with metadata from the records'
own fields, sidecar files and date-named folders. :func:`decode` is the encoding detection it
uses.

Modules: ``discover`` (walking folders), ``readers`` (``read_file`` and the registry of readers),
``pages`` (.txt, .html), ``jsonfiles`` (.json, .jsonl), ``tables`` (.csv, .tsv), ``source``
(opening, gzip, streaming, one record to a RawDocument), ``fields`` (field-name auto-detection),
``sidecars`` (metadata beside the files), ``encoding`` (bytes to text), ``jsonstream``
(streaming a big JSON list).

Reason codes of the InputErrors and Skips raised here: ``unsupported``, ``unreadable``, ``empty``,
``binary``, ``encoding``, ``too-large``, ``truncated``, ``malformed-json``, ``malformed-csv``,
``no-text``.
"""

from __future__ import annotations

from chronique.ingest.discover import Discovery, discover
from chronique.ingest.encoding import decode
from chronique.ingest.fields import ALIASES, META_KEYS, looks_like_html
from chronique.ingest.readers import (
    Reader,
    Source,
    is_supported,
    read_file,
    register_reader,
    supported_suffixes,
)

__all__ = [
    "ALIASES",
    "META_KEYS",
    "Discovery",
    "Reader",
    "Source",
    "decode",
    "discover",
    "is_supported",
    "looks_like_html",
    "read_file",
    "register_reader",
    "supported_suffixes",
]
