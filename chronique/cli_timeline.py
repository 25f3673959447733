"""``chronique stories``, ``chronique timeline`` and ``chronique eval tls``: parse options, call the library, format."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from chronique.errors import ChroniqueError


def _settings(ctx: click.Context, **overrides: Any) -> Any:
    from chronique.cli import _settings as settings

    return settings(ctx, **overrides)


def _fail(exc: Exception) -> None:
    click.echo(f"error: {exc}", err=True)
    sys.exit(1)


@click.command("stories")
@click.option(
    "--db", type=click.Path(dir_okay=False), default=None, help="Store file (default: setting 'db')."
)
@click.option(
    "--refresh", is_flag=True, help="Group copies and cluster the stored articles into stories first."
)
@click.option(
    "--min-size", type=int, default=1, show_default=True, help="Only stories of at least this many articles."
)
@click.option("--limit", type=int, default=None, help="At most this many stories.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_context
def stories_cmd(
    ctx: click.Context, db: str | None, refresh: bool, min_size: int, limit: int | None, fmt: str
) -> None:
    """List the stories of the store: size, span, top entities (or keywords) and a label."""
    from chronique.store import Store
    from chronique.store import stories as db_stories
    from chronique.stories.run import refresh as run_refresh

    settings = _settings(ctx, db=db)
    try:
        if refresh:
            stats = run_refresh(settings)
            click.echo(
                f"{stats['articles']} articles: {stats['copy_groups']} groups of copies, "
                f"{stats['stories']} stories ({stats['stories_2plus']} of 2 or more); {stats['seconds']} s",
                err=True,
            )
        with Store(settings.db, readonly=True) as store:
            rows = db_stories.stories(store, min_size=min_size, limit=limit)
    except ChroniqueError as exc:
        _fail(exc)
        return
    if fmt == "json":
        click.echo(json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo("no stories: run `chronique stories --refresh` (after `chronique build`)")
    for r in rows:
        span = r.first_date if r.first_date == r.last_date else f"{r.first_date} → {r.last_date}"
        top = ", ".join(f"{n} ({c})" for n, c in r.entities) or ", ".join(w for w, _ in r.keywords)
        click.echo(f"#{r.id:<4} {r.size:>4} articles, {r.sources:>4} sources  {span or 'undated'}")
        click.echo(f"      {r.label or '(sans titre)'}")
        if top:
            click.echo(f"      {'entities' if r.entities else 'keywords'}: {top}")


def _day(end: bool) -> Any:
    """A click callback reading ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` (``--to`` takes the last day)."""

    def parse(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
        from datetime import date

        from chronique.timeline.periods import parse_period

        if value is None:
            return None
        v = value.strip()
        if len(v) == 4 and v.isdigit():
            return date(int(v), 12, 31) if end else date(int(v), 1, 1)
        p = parse_period(v)
        if p is None:
            raise click.BadParameter(f"{value!r} is not a date: write YYYY-MM-DD, YYYY-MM or YYYY")
        return p.end if end else p.begin

    return parse


@click.command("timeline")
@click.option(
    "--db", type=click.Path(dir_okay=False), default=None, help="Store file (default: setting 'db')."
)
@click.option(
    "--story", type=int, default=None, help="Only the articles of this story (see `chronique stories`)."
)
@click.option(
    "--about",
    metavar="TEXT",
    default=None,
    help='Only what speaks of an entity, a place or keywords ("Alep", "Lavrov", "cessez-le-feu").',
)
@click.option(
    "--from", "start", metavar="D", callback=_day(False), help="First date (YYYY-MM-DD, YYYY-MM, YYYY)."
)
@click.option("--to", "end", metavar="D", callback=_day(True), help="Last date (YYYY-MM-DD, YYYY-MM, YYYY).")
@click.option(
    "--dates",
    "n_dates",
    type=click.IntRange(min=1),
    default=None,
    help="Number of dates (default: from the data).",
)
@click.option(
    "--per-date",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="At most this many lines a date.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "md", "html", "t17", "timelinejs"]),
    default="text",
    show_default=True,
)
@click.option(
    "--output", type=click.Path(dir_okay=False), default=None, help="Write here instead of printing."
)
@click.option("--no-events", is_flag=True, help="Do not show the events of each date.")
@click.pass_context
def timeline_cmd(
    ctx: click.Context,
    db: str | None,
    story: int | None,
    about: str | None,
    start: Any,
    end: Any,
    n_dates: int | None,
    per_date: int,
    fmt: str,
    output: str | None,
    no_events: bool,
) -> None:
    """A dated, sourced chronology of the store, a story or a query."""
    from pathlib import Path

    from chronique.export.timeline import render
    from chronique.store import Store
    from chronique.timeline import TimelineQuery, build_timeline

    settings = _settings(ctx, db=db)
    query = TimelineQuery(
        story=story,
        about=about,
        start=start,
        end=end,
        n_dates=n_dates,
        per_date=per_date,
        lang=settings.lang,
        events=not no_events,
    )
    try:
        with Store(settings.db, readonly=True) as store:
            tl = build_timeline(store, query)
    except ChroniqueError as exc:
        _fail(exc)
        return
    text = render(tl, fmt)
    if output:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"{len(tl.entries)} dates from {tl.stats['articles']} articles → {output}", err=True)
    else:
        click.echo(text, nl=False)


@click.command("tls")
@click.argument("root", type=click.Path(exists=True, file_okay=False))
@click.option("--topic", "topics", multiple=True, help="Only this topic (repeatable; default: all).")
@click.option(
    "--method", type=click.Choice(["chronique", "datewise"]), default="chronique", show_default=True
)
@click.option("--spacy", "use_spacy", is_flag=True, help="Split sentences with the spaCy model (slower).")
@click.option(
    "--no-tagger", is_flag=True, help="Date mentions by the calendar finder, not the temporal tagger."
)
@click.option(
    "--t17",
    "t17_dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Write each predicted timeline here (Timeline17 format).",
)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_context
def tls_cmd(
    ctx: click.Context,
    root: str,
    topics: tuple[str, ...],
    method: str,
    use_spacy: bool,
    no_tagger: bool,
    t17_dir: str | None,
    fmt: str,
) -> None:
    """Timeline evaluation on the ML-Crisis layout: AR1, AR2 (align+ m:1) and Date-F1 per topic and averaged."""
    from pathlib import Path

    from chronique.eval import tls

    settings = _settings(ctx)
    try:
        nlp = None
        if use_spacy:
            from chronique.stages.annotate import load_model

            nlp = load_model(settings.model)
        report = tls.evaluate(
            root, method=method, only=topics or None, settings=settings, nlp=nlp, use_tagger=not no_tagger
        )
    except ChroniqueError as exc:
        _fail(exc)
        return
    if t17_dir:
        Path(t17_dir).mkdir(parents=True, exist_ok=True)
        for t in report.topics:
            if t.timeline is not None:
                (Path(t17_dir) / f"{t.topic}.txt").write_text(t.timeline.to_t17(), encoding="utf-8")
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(tls.table(report))


def register(cli: click.Group) -> None:
    """Add ``stories`` and ``timeline`` to the command group, and ``tls`` to its ``eval`` group."""
    cli.add_command(stories_cmd)
    cli.add_command(timeline_cmd)
    existing = cli.commands.get("eval")
    if isinstance(existing, click.Group):
        existing.add_command(tls_cmd)
        return
    group = click.Group("eval", help="Evaluations against gold data.")
    group.add_command(tls_cmd)
    cli.add_command(group)
