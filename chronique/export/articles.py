"""Article listings: rows for the terminal table and the JSON twin, and the collection summary."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from chronique.models import Article
from chronique.stages.dating import PubDate
from chronique.store import Store, dates


def removed_summary(a: Article) -> str:
    """What cleaning removed, as ``kind×n`` items: ``navigation×3, stamp, title``."""
    counts = Counter(r.kind for r in a.removed)
    return ", ".join(f"{k}×{n}" if n > 1 else k for k, n in sorted(counts.items()))


def article_row(a: Article, *, text: bool = False, pub: PubDate | None = None) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": a.id,
        "source_id": a.source_id,
        "file": a.source_path,
        "title": a.title,
        "outlet": a.outlet,
        "outlet_evidence": a.outlet_evidence,
        "agency": a.agency,
        "agency_evidence": a.agency_evidence,
        "lang": a.lang,
        "length": len(a.body),
        "removed": removed_summary(a),
        "dateline": a.dateline,
        "byline": a.byline,
        "section": a.section,
        "stamps": [{"text": s.text, "role": s.role, "start": s.start, "end": s.end} for s in a.stamps],
        "meta": a.meta,
        "pub_date": _pub(pub),
    }
    if text:
        row["body"] = a.body
        row["paragraphs"] = [
            {"start": p.start, "end": p.end, "orig_start": p.orig_start, "kind": p.kind, "lang": p.lang}
            for p in a.paragraphs
        ]
        row["removed_parts"] = [
            {"kind": r.kind, "text": r.text, "start": r.start, "end": r.end, "rule": r.rule}
            for r in a.removed
        ]
    return row


def _pub(pd: PubDate | None) -> dict[str, Any] | None:
    if pd is None:
        return None
    return {
        "value": pd.value,
        "precision": pd.precision,
        "begin": pd.begin,
        "end": pd.end,
        "method": pd.method,
        "source": pd.source,
        "confidence": pd.confidence,
        "evidence": list(pd.evidence),
        "flags": list(pd.flags),
    }


def rows(store: Store, *, text: bool = False, limit: int | None = None) -> list[dict[str, Any]]:
    pubs = dates.all_dates(store)
    return [article_row(a, text=text, pub=pubs.get(a.id)) for a in store.articles(limit=limit)]


def date_cell(row: dict[str, Any]) -> str:
    """``2016-05-03 (header-stamp 0.9)``, ``? (unknown)``."""
    pd = row.get("pub_date")
    if not pd or not pd["value"]:
        return "? (unknown)"
    return f"{pd['value']} ({pd['method']} {pd['confidence']:.2f})" + (" !" if pd["flags"] else "")


def _cut(s: str, n: int) -> str:
    s = " ".join(str(s).split())
    return s if len(s) <= n else s[: n - 1] + "…"


def table(items: list[dict[str, Any]], *, text: bool = False) -> str:
    """A plain-text table, one article a line; with ``text``, each body and removed part below."""
    cols = [
        ("id", 10),
        ("source_id", 28),
        ("date", 26),
        ("title", 40),
        ("outlet", 14),
        ("agency", 7),
        ("lang", 4),
        ("length", 6),
        ("removed", 34),
    ]
    head = "  ".join(name.ljust(w) for name, w in cols)
    lines = [head, "-" * len(head)]
    for r in items:
        cells = {**r, "date": date_cell(r)}
        lines.append("  ".join(_cut(cells[name], w).ljust(w) for name, w in cols))
        if text:
            for rp in r["removed_parts"]:
                lines.append(f"    − [{rp['start']}:{rp['end']}] {rp['kind']}: {_cut(rp['text'], 90)}")
            for p in r["paragraphs"]:
                mark = {"subhead": "§ ", "quote": "» "}.get(p["kind"], "")
                lang = f" ({p['lang']})" if p["lang"] and p["lang"] != r["lang"] else ""
                lines.append(f"    [{p['start']}:{p['end']}]{lang} {mark}{r['body'][p['start'] : p['end']]}")
            lines.append("")
    return "\n".join(lines)


def summary(store: Store) -> dict[str, Any]:
    """Counts over the collection: outlets, agencies, languages, formats, boilerplate, skips."""
    outlets: Counter[str] = Counter()
    agencies: Counter[str] = Counter()
    langs: Counter[str] = Counter()
    fmts: Counter[str] = Counter()
    removed: Counter[str] = Counter()
    n = chars = 0
    for a in store.articles():
        n += 1
        chars += len(a.body)
        outlets[a.outlet or "(unknown)"] += 1
        agencies[a.agency or "(none)"] += 1
        langs[a.lang or "?"] += 1
        fmts[a.fmt] += 1
        removed.update(r.kind for r in a.removed)
    skipped = Counter(s.reason for s in store.skipped())
    runs = store.runs()
    return {
        "articles": n,
        "body_chars": chars,
        "outlets": dict(outlets.most_common()),
        "agencies": dict(agencies.most_common()),
        "languages": dict(langs.most_common()),
        "formats": dict(fmts.most_common()),
        "removed": dict(removed.most_common()),
        "skipped": dict(skipped.most_common()),
        "last_run": json.loads(runs[-1]["stats"]) if runs and runs[-1]["stats"] else None,
    }


def summary_text(s: dict[str, Any]) -> str:
    def line(label: str, counts: dict[str, int]) -> str:
        return f"{label:<11}" + (", ".join(f"{k} {v}" for k, v in counts.items()) or "—")

    out = [
        f"{s['articles']} articles, {s['body_chars']:,} characters of cleaned text".replace(",", " "),
        line("outlets", s["outlets"]),
        line("agencies", s["agencies"]),
        line("languages", s["languages"]),
        line("formats", s["formats"]),
        line("removed", s["removed"]),
        line("skipped", s["skipped"]),
    ]
    return "\n".join(out)
