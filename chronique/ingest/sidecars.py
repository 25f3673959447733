"""Metadata that lives beside an input file rather than in it.

Three sources, most specific first:

1. a sidecar ``NAME.meta.json`` next to ``NAME.txt`` (or ``NAME.txt.meta.json``; for
   ``NAME.txt.gz`` both ``NAME.txt.meta.json`` and ``NAME.meta.json``): one JSON object whose keys
   go through the same field aliases as records (origin ``sidecar``);
2. ``metadata.csv`` in the file's folder, one row per file, keyed by a ``file``/``filename``/
   ``name``/``path`` column (origin ``metadata.csv``);
3. a folder named ``YYYY-MM-DD`` anywhere on the path (innermost wins) gives the date (origin
   ``folder``), as in the layout ``TOPIC/2011-02-03/ID.txt``.

A malformed sidecar or metadata.csv is logged as a warning and ignored: the article is still read.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import logging
import os
import re
from pathlib import Path

from chronique.errors import InputError
from chronique.ingest.encoding import decode
from chronique.ingest.fields import FieldMap

log = logging.getLogger(__name__)

SIDECAR_SUFFIX = ".meta.json"
METADATA_CSV = "metadata.csv"

#: Columns of metadata.csv that name the file a row describes, in order of preference.
KEY_COLUMNS = ("file", "filename", "name", "path")

#: Sidecars are small; a bigger one is a mistake (an article saved under the wrong name).
SIDECAR_MAX_BYTES = 1 << 20
#: metadata.csv describes a folder of files; bigger than this, it is not a metadata table.
METADATA_CSV_MAX_BYTES = 64 << 20

_DATE_DIR = re.compile(r"^\d{4}-\d{2}-\d{2}$")

Meta = tuple[dict[str, str], dict[str, str]]

# metadata.csv tables parsed so far, by folder, with the (mtime, size) they were parsed at.
_TABLES: dict[str, tuple[tuple[int, int], dict[str, dict[str, str]]]] = {}
_TABLES_MAX = 64


def is_sidecar(path: Path) -> bool:
    """Whether ``path`` is metadata for other files rather than an input itself."""
    name = path.name.lower()
    return name.endswith(SIDECAR_SUFFIX) or name == METADATA_CSV


def _base_names(path: Path) -> list[str]:
    """``x.txt.gz`` -> ``["x.txt", "x"]``; ``x.txt`` -> ``["x.txt", "x"]``."""
    name = path.name[:-3] if path.name.lower().endswith(".gz") else path.name
    stem, dot, _ = name.rpartition(".")
    return [name, stem] if dot and stem else [name]


def sidecar_path(path: Path) -> Path | None:
    """The sidecar of ``path``, if one exists."""
    names = _base_names(path)
    for base in reversed(names):  # NAME.meta.json first, then NAME.txt.meta.json
        candidate = path.with_name(base + SIDECAR_SUFFIX)
        if candidate.is_file():
            return candidate
    return None


def _read_small(path: Path, limit: int) -> str:
    size = path.stat().st_size
    if size > limit:
        raise InputError("too-large", f"{size} bytes, more than the {limit} a metadata file may have")
    return decode(path.read_bytes())[0]


def read_sidecar(path: Path, fields: FieldMap) -> Meta:
    """The metadata in the sidecar of ``path`` (empty when there is none or it is malformed)."""
    side = sidecar_path(path)
    if side is None:
        return {}, {}
    try:
        data = json.loads(_read_small(side, SIDECAR_MAX_BYTES))
    except json.JSONDecodeError as exc:
        log.warning(
            "ignoring sidecar %s: not valid JSON (line %d, column %d: %s)",
            side,
            exc.lineno,
            exc.colno,
            exc.msg,
        )
        return {}, {}
    except (OSError, InputError) as exc:
        log.warning("ignoring sidecar %s: %s", side, exc)
        return {}, {}
    if not isinstance(data, dict):
        log.warning("ignoring sidecar %s: it holds a %s, not a JSON object", side, type(data).__name__)
        return {}, {}
    return fields.meta(data, origin="sidecar")


def _parse_table(table: Path) -> dict[str, dict[str, str]]:
    text = _read_small(table, METADATA_CSV_MAX_BYTES)
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t|", key=first.count)
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header = [h.strip() for h in next(rows, [])]
    lower = [h.lower() for h in header]
    key_col = next((lower.index(k) for k in KEY_COLUMNS if k in lower), None)
    if key_col is None:
        raise InputError("malformed-csv", f"no column naming the file (one of {', '.join(KEY_COLUMNS)})")
    out: dict[str, dict[str, str]] = {}
    for row in rows:
        if len(row) <= key_col or not row[key_col].strip():
            continue
        key = row[key_col].strip().replace("\\", "/")
        values = {h: v for i, (h, v) in enumerate(zip(header, row, strict=False)) if i != key_col and h}
        out[key] = values
        out.setdefault(key.rsplit("/", 1)[-1], values)  # a path: its file name matches too
    return out


def _table(folder: Path) -> dict[str, dict[str, str]]:
    table = folder / METADATA_CSV
    try:
        st = table.stat()
    except OSError:
        return {}
    stamp = (st.st_mtime_ns, st.st_size)
    key = os.path.abspath(table)
    cached = _TABLES.get(key)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    try:
        rows = _parse_table(table)
    except (OSError, InputError, csv.Error, UnicodeError) as exc:
        log.warning("ignoring %s: %s", table, exc)
        rows = {}
    if len(_TABLES) >= _TABLES_MAX:
        _TABLES.clear()
    _TABLES[key] = (stamp, rows)
    return rows


def read_metadata_csv(path: Path, fields: FieldMap) -> Meta:
    """The row of ``metadata.csv`` (in the folder of ``path``) that describes ``path``."""
    rows = _table(path.parent)
    if not rows:
        return {}, {}
    for name in (path.name, *_base_names(path)):
        for candidate in (name, "./" + name):
            row = rows.get(candidate)
            if row is not None:
                return fields.meta(row, origin=METADATA_CSV)
    return {}, {}


def folder_date(path: Path) -> str | None:
    """The date given by the innermost ``YYYY-MM-DD`` folder on the path of ``path``."""
    for part in reversed(Path(os.path.abspath(path)).parent.parts):
        if _DATE_DIR.match(part):
            try:
                dt.date.fromisoformat(part)
            except ValueError:
                continue
            return part
    return None


def file_meta(path: Path, fields: FieldMap) -> Meta:
    """Metadata about ``path`` from its sidecar, metadata.csv and folder, most specific first."""
    meta, origin = read_sidecar(path, fields)
    table_meta, table_origin = read_metadata_csv(path, fields)
    for key, value in table_meta.items():
        if key not in meta:
            meta[key] = value
            origin[key] = table_origin[key]
    if "date" not in meta:
        day = folder_date(path)
        if day:
            meta["date"] = day
            origin["date"] = "folder"
    return meta, origin
