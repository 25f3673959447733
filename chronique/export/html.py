"""A self-contained HTML page of the collection: every article, what cleaning kept and removed.

No external assets, no script from the network: the page works offline from a file. Each
article's JSON twin is embedded, so what the page shows can be read by a program too.
"""

from __future__ import annotations

import html
import json
from typing import Any

from chronique import __version__
from chronique.export.articles import date_cell, rows, summary
from chronique.store import Store

_CSS = """
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d1d1f;background:#f6f5f2}
header{background:#1f2a44;color:#fff;padding:1.2em 2em}header h1{margin:0;font-size:1.5em}
main{max-width:1100px;margin:auto;padding:1em 2em}
.stats{display:flex;flex-wrap:wrap;gap:.6em;margin:1em 0}.stat{background:#fff;border-radius:6px;padding:.5em .9em;box-shadow:0 1px 2px #0002}
.stat b{display:block;font-size:1.3em}
input{width:100%;padding:.6em;font-size:1em;border:1px solid #bbb;border-radius:6px;margin:.5em 0 1em}
details{background:#fff;border-radius:6px;margin:.5em 0;box-shadow:0 1px 2px #0002}
summary{cursor:pointer;padding:.7em 1em}summary .m{color:#666;font-size:.85em;margin-left:.5em}
.a{padding:0 1.2em 1em}.p{margin:.6em 0}.sub{font-weight:600}.lang{background:#eef;border-radius:3px;padding:0 .3em;font-size:.8em}
.rm{color:#a33;font-size:.9em;margin:.2em 0}.rm code{background:#fbeaea;padding:0 .3em;border-radius:3px}
.tag{display:inline-block;background:#e8eef8;border-radius:3px;padding:0 .4em;margin-right:.3em;font-size:.8em}
footer{color:#777;font-size:.8em;text-align:center;padding:2em}
"""

_JS = """
const q=document.getElementById('q');
q.addEventListener('input',()=>{const t=q.value.toLowerCase();
document.querySelectorAll('details').forEach(d=>{d.style.display=d.textContent.toLowerCase().includes(t)?'':'none'})});
"""


def _e(s: Any) -> str:
    return html.escape(str(s or ""))


def page(store: Store, *, title: str = "chronique — articles") -> str:
    s = summary(store)
    items = sorted(
        rows(store, text=True), key=lambda r: ((r["pub_date"] or {}).get("value") or "9999", r["title"])
    )
    stats = [("articles", s["articles"]), ("outlets", len(s["outlets"])), ("agencies", len(s["agencies"]))]
    stats += [("removed parts", sum(s["removed"].values())), ("skipped inputs", sum(s["skipped"].values()))]
    out = [
        "<!doctype html><html lang='fr'><head><meta charset='utf-8'>",
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>",
        f"<header><h1>{_e(title)}</h1><div>{_e(store.path.name)}</div></header><main>",
        "<div class='stats'>"
        + "".join(f"<div class='stat'><b>{v}</b>{_e(k)}</div>" for k, v in stats)
        + "</div>",
        "<p>" + "".join(f"<span class='tag'>{_e(k)} {v}</span>" for k, v in s["outlets"].items()) + "</p>",
        "<input id='q' placeholder='Filtrer (titre, source, texte)…'>",
    ]
    for r in items:
        meta = " · ".join(
            x for x in (date_cell(r), r["outlet"], r["agency"], r["lang"], f"{r['length']} car.") if x
        )
        out.append(
            f"<details><summary><b>{_e(r['title'] or '(sans titre)')}</b><span class='m'>{_e(meta)}</span></summary><div class='a'>"
        )
        out.append(f"<div class='m'>{_e(r['source_id'])} · id {_e(r['id'])}</div>")
        for rp in r["removed_parts"]:
            out.append(
                f"<div class='rm'>retiré ({_e(rp['kind'])}, [{rp['start']}:{rp['end']}]) <code>{_e(rp['text'][:160])}</code></div>"
            )
        for p in r["paragraphs"]:
            cls = "p sub" if p["kind"] == "subhead" else "p"
            lang = f" <span class='lang'>{_e(p['lang'])}</span>" if p["lang"] != r["lang"] else ""
            out.append(f"<div class='{cls}'>{_e(r['body'][p['start'] : p['end']])}{lang}</div>")
        out.append("</div></details>")
    data = json.dumps(
        {"summary": s, "articles": [{k: v for k, v in r.items() if k != "body"} for r in items]},
        ensure_ascii=False,
    )
    out.append(f"</main><footer>chronique {__version__}</footer>")
    safe = data.replace("</", "<\\/")
    out.append(f"<script type='application/json' id='data'>{safe}</script>")
    out.append(f"<script>{_JS}</script></body></html>")
    return "\n".join(out)
