"""The event labels' workshop: draw new batches, show them to a labeller, check a labelling, show
where two blind labellings differ, merge a settled batch into the label files, score the coder once
on new batches. The procedure and the conventions are in docs/labelling.md.

    .venv/bin/python benchmarks/labelling.py draw 35:0 36:2 37:1 --seed 2035   # batch:id class (id % 4)
    .venv/bin/python benchmarks/labelling.py show 35                # the batch's sentences
    .venv/bin/python benchmarks/labelling.py show --article 26566  # a whole cleaned body, for context
    .venv/bin/python benchmarks/labelling.py find 26566 48 202 "le ministre"   # offsets of a text
    .venv/bin/python benchmarks/labelling.py check WORKDIR/b35-A.yaml
    .venv/bin/python benchmarks/labelling.py diff 35                # A against B, for the adjudicator
    .venv/bin/python benchmarks/labelling.py score 35 36 37         # the coder, once, before any change
    .venv/bin/python benchmarks/labelling.py merge 35 36 37 --write # append to data/labels/

Work files (the drawn batches, `batches.json`, and the labellings `b<N>-A.yaml`, `b<N>-B.yaml`,
`b<N>-adj.yaml`) live in ``--dir`` (default ``$TMPDIR/chronique-labelling``), never in the
repository: labellers' notes may quote the text. Only ids, offsets, sha1s and labels are merged.
Reads ``../shared/data/orangesum-dev.jsonl`` at run time and stops with a message when it is absent.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import sys
import tempfile
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT / ".." / "shared").resolve()
CORPUS = SHARED / "data" / "orangesum-dev.jsonl"
LABELS = ROOT / "data" / "labels" / "events-orangesum-fr.yaml"
AGREEMENT = ROOT / "data" / "labels" / "events-orangesum-fr-agreement.yaml"
sys.path.insert(0, str(ROOT))

#: Stems an article must hold at least ``MIN_KEYWORDS`` of to be drawn (politics, justice, conflict,
#: protest, diplomacy): the same 36 as for every batch since the fourth.
KEYWORDS = (
    "manifest",
    "gouvernement",
    "armée",
    "sanction",
    "cessez-le-feu",
    "accord",
    "menac",
    "taliban",
    "police",
    "arrest",
    "frappe",
    "attaque",
    "négoci",
    "sommet",
    "ministre",
    "condamn",
    "accus",
    "soutien",
    "rebelle",
    "président",
    "opposition",
    "ambassad",
    "tribunal",
    "procès",
    "réclam",
    "appel",
    "rejet",
    "militaire",
    "diplomat",
    "élection",
    "grève",
    "violence",
    "conflit",
    "otage",
    "parlement",
    "justice",
)
MIN_KEYWORDS = 5
#: Articles drawn per batch, among the top ``POOL`` of their id class; sentences labelled per article.
PER_BATCH, POOL, PER_ARTICLE = 15, 200, 6
MIN_BODY, MIN_SENTENCE = 1500, 30
#: Word 5-gram overlap with a labelled or drawn article above which an article is a copy (skipped).
MAX_OVERLAP = 0.3

#: PLOVER sectors a label may give (empty when unknown).
SECTORS = frozenset(
    {
        "GOV",
        "CVL",
        "COP",
        "PTY",
        "JUD",
        "MIL",
        "LAB",
        "LEG",
        "REB",
        "BUS",
        "JRN",
        "CRM",
        "OPP",
        "MED",
        "EDU",
        "NGO",
        "REL",
        "REF",
        "SPY",
        "HRI",
        "UNK",
        "AGR",
        "ENV",
        "HLH",
        "IGO",
        "",
    }
)


# -- the corpus ------------------------------------------------------------------------------------


@cache
def records() -> dict[str, dict[str, Any]]:
    if not CORPUS.exists():
        sys.exit(f"labelling: {CORPUS} is absent (the corpus is read at run time, never copied)")
    out = {}
    with CORPUS.open(encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            out[str(r["id"])] = r
    return out


@cache
def article(source_id: str) -> Any:
    """The cleaned article (``chronique.models.Article``), as the pipeline and the label offsets see it."""
    from chronique.models import RawDocument
    from chronique.settings import Settings
    from chronique.stages.clean import clean

    r = records()[source_id]
    doc = RawDocument(CORPUS.name, source_id, "jsonl", r["article"], meta={"title": r.get("title", "")})
    return clean(doc, Settings())


def body(source_id: str) -> str:
    return str(article(source_id).body)


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def batches(workdir: Path) -> dict[str, list[dict[str, Any]]]:
    p = workdir / "batches.json"
    return json.loads(p.read_text(encoding="utf-8")) if p.exists() else {}


def labelling(workdir: Path, batch: str, who: str) -> list[dict[str, Any]]:
    p = workdir / f"b{batch}-{who}.yaml"
    if not p.exists():
        sys.exit(f"labelling: {p} is absent")
    return list(yaml.safe_load(p.read_text(encoding="utf-8"))["sentences"])


# -- draw ------------------------------------------------------------------------------------------


def _shingles(text: str) -> set[tuple[str, ...]]:
    w = re.findall(r"\w+", text.lower())
    return {tuple(w[i : i + 5]) for i in range(max(0, len(w) - 4))}


def draw(workdir: Path, plan: list[tuple[str, int]], seed: int) -> None:
    """Draw each batch's articles at random (seeded) among the ``POOL`` of its id class holding the
    most keywords, skipping short bodies and copies; its sentences are the first ``PER_ARTICLE`` of
    at least ``MIN_SENTENCE`` characters as the annotate stage splits them."""
    from chronique.events.evaluate import load_labels
    from chronique.stages.annotate import annotate, load_model

    recs = records()
    drawn = batches(workdir)
    clash = sorted(b for b, _ in plan if b in drawn)
    if clash:
        sys.exit(f"labelling: batches {clash} are already drawn in {workdir / 'batches.json'}")
    taken = {ls.article for ls in load_labels(LABELS)} | {r["id"] for rows in drawn.values() for r in rows}
    seen = {i: _shingles(recs[i]["article"]) for i in taken if i in recs}
    rng = random.Random(seed)
    chosen: dict[str, list[str]] = {}
    for batch, cls in plan:
        pool = sorted(
            (-sum(k in r["article"].lower() for k in KEYWORDS), int(i), i)
            for i, r in recs.items()
            if int(i) % 4 == cls and i not in seen
        )
        cands = [i for n, _, i in pool if -n >= MIN_KEYWORDS][:POOL]
        rng.shuffle(cands)
        picked: list[str] = []
        for i in cands:
            if len(picked) == PER_BATCH:
                break
            sh = _shingles(recs[i]["article"])
            if len(body(i)) < MIN_BODY or any(
                len(sh & s) / max(1, min(len(sh), len(s))) >= MAX_OVERLAP for s in seen.values()
            ):
                continue
            picked.append(i)
            seen[i] = sh
        chosen[batch] = picked
        print(f"batch {batch}: id class {cls}, {len(cands)} in the pool, drew {picked}")
    nlp = load_model()
    for batch, ids in chosen.items():
        arts = [article(i) for i in ids]
        rows = []
        for art, ann in zip(arts, annotate(arts, nlp), strict=True):
            kept = [s for s in ann.sentences if len(art.body[s.start : s.end].strip()) >= MIN_SENTENCE]
            for s in kept[:PER_ARTICLE]:
                text = art.body[s.start : s.end]
                split = "dev" if int(art.source_id) % 2 == 0 else "heldout"
                rows.append(
                    {"id": art.source_id, "split": split, "start": s.start, "end": s.end, "sha1": sha1(text)}
                )
        drawn[batch] = rows
        print(f"batch {batch}: {len(rows)} sentences")
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "batches.json").write_text(json.dumps(drawn, indent=1), encoding="utf-8")
    print(f"written: {workdir / 'batches.json'}")


# -- for the labeller ------------------------------------------------------------------------------


def show(workdir: Path, batch: str) -> None:
    rows = batches(workdir).get(batch)
    if rows is None:
        sys.exit(f"labelling: batch {batch} is not drawn in {workdir}")
    current = None
    for r in rows:
        if r["id"] != current:
            current = r["id"]
            print(f"\n##### article {current} — title: {records()[current].get('title', '')}")
        print(f"\n- id {r['id']} start {r['start']} end {r['end']}\n  {body(r['id'])[r['start'] : r['end']]}")


def find(source_id: str, start: int, end: int, text: str) -> None:
    """Offsets of every occurrence of ``text`` inside ``body[start:end]``, with a little context."""
    b = body(source_id)
    k = b.find(text, start)
    while k != -1 and k + len(text) <= end:
        around = f"{b[max(start, k - 30) : k]}<<{text}>>{b[k + len(text) : k + len(text) + 30]}"
        print(f"[{k}, {k + len(text)}]  " + around.replace("\n", " "))
        k = b.find(text, k + 1)


def problems(workdir: Path, path: Path) -> tuple[list[str], list[str]]:
    """What is wrong with a labelling file (format, sentences, types, codes, offsets), and each
    event with the texts its offsets point at, for the labeller to reread."""
    from chronique.events.model import EVENT_TYPES

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    want = batches(workdir).get(str(data.get("batch")))
    if want is None:
        return [f"batch {data.get('batch')!r} is not drawn in {workdir}"], []
    got = data.get("sentences") or []
    bad: list[str] = []
    if [(str(s["id"]), s["start"], s["end"]) for s in got] != [(r["id"], r["start"], r["end"]) for r in want]:
        bad.append("the sentences are not exactly the batch's (id, start, end), in order")
    shown: list[str] = []
    for s in got:
        i, lo, hi = str(s["id"]), s["start"], s["end"]
        b = body(i)

        def text(sp: Any, b: str = b) -> str | None:
            return b[sp[0] : sp[1]] if isinstance(sp, list) and len(sp) == 2 else None

        for e in s.get("events") or []:
            where = f"{i}:{lo}"
            if e.get("event") not in EVENT_TYPES:
                bad.append(f"{where}: unknown event type {e.get('event')!r}")
            tr = e.get("trigger")
            if not (isinstance(tr, list) and len(tr) == 2 and lo <= tr[0] < tr[1] <= hi):
                bad.append(f"{where}: trigger {tr} is not inside the sentence")
            for role in ("actor", "recipient"):
                names = e.get(role) or []
                spans = e.get(f"{role}_spans")
                if spans is None or len(spans) != len(names):
                    bad.append(f"{where}: {role}_spans needs one item (or null) per {role}")
                    spans = [None] * len(names)
                for n in names:
                    parts = n.split("|")
                    if len(parts) != 3:
                        bad.append(f"{where}: {role} {n!r} is not canonical|CODE|SECTOR")
                        continue
                    if parts[1] and not re.fullmatch(r"[A-Z]{3}", parts[1]):
                        bad.append(f"{where}: code {parts[1]!r} is not three capitals")
                    if parts[2] not in SECTORS:
                        bad.append(f"{where}: unknown sector {parts[2]!r}")
                for sp in spans:
                    if sp is not None and not (
                        isinstance(sp, list) and len(sp) == 2 and lo <= sp[0] < sp[1] <= hi
                    ):
                        bad.append(f"{where}: {role} span {sp} is not inside the sentence")
            if not e.get("actor"):
                shown.append(
                    f"NOTE {where}: {e.get('event')} has no actor (only a ceasefire's state may have none)"
                )
            actors = list(zip(e.get("actor") or [], map(text, e.get("actor_spans") or []), strict=False))
            targets = list(
                zip(e.get("recipient") or [], map(text, e.get("recipient_spans") or []), strict=False)
            )
            shown.append(f"{where} {e.get('event')} trigger={text(tr)!r} actor={actors} recipient={targets}")
    return bad, shown


def check(workdir: Path, path: Path) -> int:
    bad, shown = problems(workdir, path)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    got = data.get("sentences") or []
    events = sum(len(s.get("events") or []) for s in got)
    empty = sum(1 for s in got if not s.get("events"))
    for m in bad:
        print("PROBLEM:", m)
    print(f"{len(got)} sentences, {empty} without event, {events} events, {len(bad)} problems")
    print("\n".join(shown))
    return 1 if bad else 0


# -- for the adjudicator ---------------------------------------------------------------------------


def _key(e: dict[str, Any]) -> tuple[Any, ...]:
    def names(xs: Iterable[str]) -> tuple[str, ...]:
        return tuple(sorted(x.split("|")[0].lower() for x in xs))

    return (e["event"], names(e.get("actor") or []), names(e.get("recipient") or []), e.get("trigger"))


def diff(workdir: Path, batch: str) -> None:
    """The sentences where the two blind labellings differ (type, actor, recipient or trigger), both
    shown with the texts their offsets point at."""
    n = 0
    for a, b in zip(labelling(workdir, batch, "A"), labelling(workdir, batch, "B"), strict=True):
        ea, eb = a.get("events") or [], b.get("events") or []
        if sorted(map(repr, map(_key, ea))) == sorted(map(repr, map(_key, eb))):
            continue
        n += 1
        text = body(str(a["id"]))
        print(f"\n- id {a['id']} start {a['start']} end {a['end']}\n  {text[a['start'] : a['end']]}")
        for tag, evs, s in (("A", ea, a), ("B", eb, b)):
            print(f"  {tag}: " + ("(no event)" if not evs else ""))
            for e in evs:
                print("     " + _show_event(e, text))
            if s.get("note"):
                print(f"     note: {s['note']}")
    print(f"\n{n} sentences differ")


def _show_event(e: dict[str, Any], text: str) -> str:
    def t(sp: Any) -> str | None:
        return text[sp[0] : sp[1]] if sp else None

    who = [f"{n} [{t(s)}]" for n, s in zip(e.get("actor") or [], e.get("actor_spans") or [], strict=False)]
    whom = [
        f"{n} [{t(s)}]"
        for n, s in zip(e.get("recipient") or [], e.get("recipient_spans") or [], strict=False)
    ]
    mode = f"/{e['mode']}" if e.get("mode") else ""
    return (
        f"{e['event']}{mode} trigger {e.get('trigger')} «{t(e.get('trigger'))}» actor {who} recipient {whom}"
    )


# -- merge and score -------------------------------------------------------------------------------


def _span(x: Any) -> str:
    return "null" if not x else f"[{int(x[0])}, {int(x[1])}]"


def _events(evs: Iterable[dict[str, Any]] | None) -> str:
    def q(s: str) -> str:
        return json.dumps(s, ensure_ascii=False)

    out = []
    for e in evs or []:
        parts = [f"event: {e['event']}"] + ([f"mode: {e['mode']}"] if e.get("mode") else [])
        parts.append("actor: [" + ", ".join(q(a) for a in e.get("actor") or []) + "]")
        parts.append("recipient: [" + ", ".join(q(a) for a in e.get("recipient") or []) + "]")
        parts.append(f"trigger: {_span(e.get('trigger'))}")
        parts.append("actor_spans: [" + ", ".join(_span(x) for x in e.get("actor_spans") or []) + "]")
        parts.append("recipient_spans: [" + ", ".join(_span(x) for x in e.get("recipient_spans") or []) + "]")
        out.append("{" + ", ".join(parts) + "}")
    return "[" + ", ".join(out) + "]"


def merge(workdir: Path, names: list[str], write: bool) -> None:
    """The settled labels as lines of the label file, and both blind labellings as lines of the
    agreement file: ids, offsets, sha1s and labels only (never the labellers' notes, which may quote
    the text). Each sentence's sha1 is checked against the corpus."""
    drawn = batches(workdir)
    main, agreement = [], []
    for b in names:
        rows = drawn[b]
        adj, first, second = (labelling(workdir, b, who) for who in ("adj", "A", "B"))
        for r, s, x, y in zip(rows, adj, first, second, strict=True):
            for lab in (s, x, y):
                if (str(lab["id"]), lab["start"], lab["end"]) != (r["id"], r["start"], r["end"]):
                    sys.exit(f"labelling: batch {b}: {lab['id']}:{lab['start']} is not the drawn sentence")
            if sha1(body(r["id"])[r["start"] : r["end"]]) != r["sha1"]:
                sys.exit(f"labelling: batch {b}: the text of {r['id']}:{r['start']} changed since the draw")
            rest = f"split: {r['split']}, start: {r['start']}, end: {r['end']}, sha1: {r['sha1']}"
            main.append(f'  - {{id: "{r["id"]}", {rest}, events: {_events(s.get("events"))}}}')
            agreement.append(
                f'  - {{id: "{r["id"]}", batch: {b}, {rest}, '
                f"first: {_events(x.get('events'))}, second: {_events(y.get('events'))}}}"
            )
    if not write:
        print("\n".join(main))
        print(f"{len(main)} sentences (--write appends them to {LABELS.name} and {AGREEMENT.name})")
        return
    for path, lines in ((LABELS, main), (AGREEMENT, agreement)):
        with path.open("a", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
    print(f"appended {len(main)} sentences to {LABELS} and {AGREEMENT}; update their headers' counts")


def score(workdir: Path, names: list[str]) -> None:
    """The coder of this checkout on new batches, per batch and together: run it once, before any
    change reads them, for an unbiased figure."""
    from chronique.events.evaluate import argument_reading, code_records, corpus_records, load_labels
    from chronique.events.evaluate import score as score_labels
    from chronique.stages.annotate import load_model

    drawn = batches(workdir)
    keys = {b: {(r["id"], r["start"]) for r in drawn[b]} for b in names}
    labels = load_labels(LABELS)
    ids = {i for b in names for i, _ in keys[b]}
    coded, texts = code_records(corpus_records(CORPUS, ids), load_model())
    for name, ks in [*((b, keys[b]) for b in names), ("all", set().union(*keys.values()))]:
        ls = [x for x in labels if (x.article, x.start) in ks]
        s = score_labels(ls, coded, texts)
        print(
            f"{name}: {len(ls)} sentences ({s.drifted} drifted) type {s.type.to_dict()} full {s.full.to_dict()}"
        )
    reading = argument_reading(
        [x for x in labels if (x.article, x.start) in set().union(*keys.values())], coded
    )
    print({k: v.to_dict() for k, v in reading.items()})


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "chronique-labelling")
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("draw", help="draw new batches: BATCH:IDCLASS ...")
    d.add_argument("plan", nargs="+")
    d.add_argument("--seed", type=int, required=True)
    s = sub.add_parser("show", help="a batch's sentences, or --article ID")
    s.add_argument("batch", nargs="?")
    s.add_argument("--article")
    f = sub.add_parser("find", help="offsets of a text in a sentence: ID START END TEXT")
    f.add_argument("article")
    f.add_argument("start", type=int)
    f.add_argument("end", type=int)
    f.add_argument("text")
    c = sub.add_parser("check", help="check a labelling file")
    c.add_argument("path", type=Path)
    df = sub.add_parser("diff", help="where labellings A and B of a batch differ")
    df.add_argument("batch")
    m = sub.add_parser("merge", help="settled batches into the label files")
    m.add_argument("batches", nargs="+")
    m.add_argument("--write", action="store_true")
    sc = sub.add_parser("score", help="score the coder on new batches, once")
    sc.add_argument("batches", nargs="+")
    args = ap.parse_args()
    workdir: Path = args.dir
    if args.cmd == "draw":
        plan = [(p.split(":")[0], int(p.split(":")[1])) for p in args.plan]
        draw(workdir, plan, args.seed)
    elif args.cmd == "show":
        if args.article:
            print(body(args.article))
        elif args.batch:
            show(workdir, args.batch)
        else:
            ap.error("show needs a batch or --article ID")
    elif args.cmd == "find":
        find(args.article, args.start, args.end, args.text)
    elif args.cmd == "check":
        sys.exit(check(workdir, args.path))
    elif args.cmd == "diff":
        diff(workdir, args.batch)
    elif args.cmd == "merge":
        merge(workdir, args.batches, args.write)
    elif args.cmd == "score":
        score(workdir, args.batches)


if __name__ == "__main__":
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    main()
