"""Entities as text: the terminal table ``chronique entities`` prints."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

#: Aliases shown per entity in the table (the JSON output has them all).
MAX_ALIASES = 4


def table(rows: Sequence[dict[str, Any]]) -> str:
    """One line per entity: mentions, articles, type, name, country/sector/organisation, dates,
    coordinates for places, aliases."""
    if not rows:
        return "no entity (build with annotation, then run the entities stage)"
    lines = [
        f"{'mentions':>8} {'arts':>4}  {'type':<4} {'name':<36} {'code':<14} {'dates':<23} where / aliases"
    ]
    for r in rows:
        code = "/".join(x for x in (r.get("country"), r.get("org"), r.get("sector")) if x)
        dates = "–".join(d for d in (r.get("first_date"), r.get("last_date")) if d)
        if r.get("first_date") and r.get("first_date") == r.get("last_date"):
            dates = r["first_date"]
        where = (
            f"{r['lat']:.2f},{r['lon']:.2f} (GeoNames {r['geonames_id']}) "
            if r.get("lat") is not None
            else ""
        )
        aliases = r.get("aliases") or []
        more = f" +{len(aliases) - MAX_ALIASES}" if len(aliases) > MAX_ALIASES else ""
        alias_text = ("= " + "; ".join(aliases[:MAX_ALIASES]) + more) if aliases else ""
        lines.append(
            f"{r['mentions']:>8} {r['articles']:>4}  {r['type']:<4} {r['name'][:36]:<36} {code:<14} {dates:<23} "
            f"{where}{alias_text}".rstrip()
        )
    return "\n".join(lines)
