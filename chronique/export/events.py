"""Events out of the store: PLOVER records as a terminal table, JSON lines, CSV or Parquet, and the
ceasefire tracker as a table.

Field names are PLOVER's (``event``, ``mode``, ``context``, ``actor``, ``recipient``, ``event_loc``,
``date``, ``date_precision``, ``event_text``, ``text``, ``negated``, ``future``, ``hypothetical``,
``quad``, ``confidence``) plus ``cite_info`` (article id, the input's own id, the sentence's offsets
in the cleaned body, outlet, url, language). Actors are objects ``{entity_text, canonical, code,
sector}``; CSV writes them as JSON in their cell. The same event read in the same sentence of
several articles (wire copies) is one record by default, ``n_articles`` saying in how many and
``copies`` citing the others (:func:`chronique.events.copies.merge_copies`).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any

from chronique.errors import ChroniqueError
from chronique.events.ceasefire import Track
from chronique.events.copies import merge_copies
from chronique.store import Store
from chronique.store import events as store_events
from chronique.store.events import StoredEvent
from chronique.store.fts import terms

#: The formats ``chronique events`` writes.
FORMATS = ("table", "jsonl", "csv", "parquet")
#: Columns of the CSV and Parquet files, in order.
COLUMNS = (
    "id",
    "event",
    "mode",
    "context",
    "actor",
    "recipient",
    "event_loc",
    "date",
    "date_precision",
    "date_rule",
    "event_text",
    "text",
    "negated",
    "future",
    "hypothetical",
    "quad",
    "confidence",
    "ceasefire",
    "cite_info",
    "n_articles",
    "copies",
)

#: What ``records`` does with the same event read in copies of one dispatch: ``merge`` them into
#: one record citing every article (the default), or ``keep`` one record per article.
COPIES = ("merge", "keep")


def records(
    store: Store,
    *,
    about: str | None = None,
    types: Sequence[str] | None = None,
    limit: int | None = None,
    lang: str = "fr",
    copies: str = "merge",
    min_confidence: float | None = None,
) -> list[StoredEvent]:
    """The stored events, those ``about`` a query only: every word of the query (stemmed, accents
    folded) is in the sentence, an actor's or recipient's name, or the place. ``copies``: see
    :data:`COPIES`; ``min_confidence``: only the events whose confidence reaches it."""
    if copies not in COPIES:
        raise ChroniqueError(f"unknown copies policy {copies!r}; choose one of {', '.join(COPIES)}")
    wanted = set(terms(about, lang)) if about else set()
    out = []
    found = store_events.query(store, types=types, min_confidence=min_confidence)
    if copies == "merge":
        found = iter(merge_copies(found))
    for se in found:
        if wanted:
            e = se.event
            names = " ".join(
                [*(a.canonical for a in e.actor + e.recipient), e.event_loc.canonical if e.event_loc else ""]
            )
            if not wanted <= set(terms(e.text + " " + names, lang)):
                continue
        out.append(se)
        if limit is not None and len(out) >= limit:
            break
    return out


def as_dicts(items: Iterable[StoredEvent]) -> list[dict[str, Any]]:
    return [se.to_dict() for se in items]


def write_jsonl(items: Iterable[StoredEvent], fh: IO[str]) -> int:
    n = 0
    for d in as_dicts(items):
        fh.write(json.dumps(d, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(items: Iterable[StoredEvent], fh: IO[str]) -> int:
    w = csv.writer(fh)
    w.writerow(COLUMNS)
    n = 0
    for d in as_dicts(items):
        w.writerow(
            [json.dumps(d[c], ensure_ascii=False) if isinstance(d[c], dict | list) else d[c] for c in COLUMNS]
        )
        n += 1
    return n


def write_parquet(items: Iterable[StoredEvent], path: str | Path) -> int:
    """A Parquet file with nested columns (actors as lists of structs, ``cite_info`` a struct)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise ChroniqueError(
            "writing Parquet needs pyarrow: pip install pyarrow (or choose jsonl or csv)"
        ) from exc
    actor = pa.struct(
        [
            ("entity_text", pa.string()),
            ("canonical", pa.string()),
            ("code", pa.string()),
            ("sector", pa.string()),
        ]
    )
    place = pa.struct(
        [
            ("text", pa.string()),
            ("canonical", pa.string()),
            ("country", pa.string()),
            ("key", pa.string()),
            ("start", pa.int64()),
            ("end", pa.int64()),
        ]
    )
    cite = pa.struct(
        [
            ("article_id", pa.string()),
            ("source_id", pa.string()),
            ("source_path", pa.string()),
            ("outlet", pa.string()),
            ("url", pa.string()),
            ("lang", pa.string()),
            ("title", pa.string()),
            ("sentence_start", pa.int64()),
            ("sentence_end", pa.int64()),
        ]
    )
    schema = pa.schema(
        [
            ("id", pa.string()),
            ("event", pa.string()),
            ("mode", pa.string()),
            ("context", pa.list_(pa.string())),
            ("actor", pa.list_(actor)),
            ("recipient", pa.list_(actor)),
            ("event_loc", place),
            ("date", pa.string()),
            ("date_precision", pa.string()),
            ("date_rule", pa.string()),
            ("event_text", pa.string()),
            ("text", pa.string()),
            ("negated", pa.bool_()),
            ("future", pa.bool_()),
            ("hypothetical", pa.bool_()),
            ("quad", pa.int8()),
            ("confidence", pa.float32()),
            ("ceasefire", pa.string()),
            ("cite_info", cite),
            ("n_articles", pa.int32()),
            ("copies", pa.list_(cite)),
        ]
    )
    rows = as_dicts(items)
    table = pa.Table.from_pylist([{c: r[c] for c in COLUMNS} for r in rows], schema=schema)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, str(path))
    return len(rows)


def _names(actors: list[dict[str, Any]]) -> str:
    return ", ".join(
        a["canonical"] + (f" ({a['code']})" if a["code"] and a["code"] not in a["canonical"] else "")
        for a in actors
    )


def table(items: Iterable[StoredEvent], *, width: int = 60) -> str:
    """A terminal table: date, type/mode, actor → recipient, trigger and the start of the sentence."""
    lines = []
    for d in as_dicts(items):
        flags = "".join(
            f for f, on in (("¬", d["negated"]), ("→", d["future"]), ("?", d["hypothetical"])) if on
        )
        kind = d["event"] + (f"/{d['mode']}" if d["mode"] else "")
        also = f" (+{d['n_articles'] - 1} copies)" if d["n_articles"] > 1 else ""
        who = _names(d["actor"]) or "—"
        whom = _names(d["recipient"])
        text = " ".join(d["text"].split())
        lines.append(
            f"{d['date'] or '?':<12} {kind:<22} {flags:<2} {who}{' → ' + whom if whom else ''}\n"
            f"{'':<12} «{d['event_text']}» {text[:width]}{'…' if len(text) > width else ''}  [{d['cite_info']['source_id']}]{also}"
        )
    return "\n".join(lines) if lines else "no events"


def ceasefire_table(tracks: Iterable[Track], *, width: int = 70) -> str:
    out = []
    for tr in tracks:
        out.append(f"{tr.place}" + (f" ({tr.country})" if tr.country else "") + f" — {len(tr.steps)} events")
        for s in tr.steps:
            who = ", ".join(s.actors) or "—"
            whom = ", ".join(s.recipients)
            text = " ".join(s.text.split())
            out.append(
                f"  {s.date or '?':<12} {s.stage:<11} {s.event:<8} {who}{' → ' + whom if whom else ''}"
                f"{' (' + ', '.join(s.flags) + ')' if s.flags else ''}\n"
                f"  {'':<12} {text[:width]}{'…' if len(text) > width else ''}  [{s.cite['source_id']}]"
                + (f" (+{len(s.copies)} copies)" if s.copies else "")
            )
    return "\n".join(out) if out else "no ceasefire events"


def dumps(items: Iterable[StoredEvent], fmt: str) -> str:
    """The text of a ``table``, ``jsonl`` or ``csv`` export (Parquet is binary: use :func:`write_parquet`)."""
    if fmt == "table":
        return table(items)
    buf = io.StringIO()
    if fmt == "jsonl":
        write_jsonl(items, buf)
    elif fmt == "csv":
        write_csv(items, buf)
    else:
        raise ChroniqueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return buf.getvalue()
