"""``chronique events`` and ``chronique ceasefires``: parse options, call the library, format."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from chronique.errors import ChroniqueError
from chronique.settings import Settings


def _settings(ctx: click.Context, **overrides: Any) -> Settings:
    try:
        return Settings.load((ctx.obj or {}).get("config"), **overrides)
    except ChroniqueError as exc:
        raise click.ClickException(str(exc)) from exc


def _fail(exc: ChroniqueError) -> None:
    click.echo(f"error: {exc}", err=True)
    sys.exit(1)


def _code(store: Any, settings: Settings) -> None:
    """Code the articles the events stage has not coded yet (until the build does it itself)."""
    from chronique.events.run import run_events
    from chronique.pipeline import components

    run_id = store.start_run("events", [], settings.to_dict(), components())
    report = run_events(store, settings, run_id)
    store.finish_run(run_id, "done", report.to_dict())
    click.echo(
        f"coded {report.articles_coded} articles: {report.events} events in {report.seconds:.1f} s", err=True
    )


@click.command("events")
@click.option(
    "--db", type=click.Path(dir_okay=False), default=None, help="Store file (default: setting 'db')."
)
@click.option(
    "--about",
    metavar="Q",
    default=None,
    help="Only events whose sentence, actors or place have every word of Q.",
)
@click.option(
    "--type", "types", multiple=True, help="Only this PLOVER type (repeatable): REQUEST, ASSAULT, ..."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "jsonl", "csv", "parquet"]),
    default="table",
    show_default=True,
)
@click.option(
    "--output", type=click.Path(dir_okay=False), default=None, help="Write here (required for parquet)."
)
@click.option("--limit", type=int, default=None, help="At most this many events.")
@click.option(
    "--min-confidence",
    type=click.FloatRange(0.0, 1.0),
    default=None,
    help="Only events at least this likely to be right as coded (type, actor and recipient; "
    "docs/events.md gives the precision measured at each level).",
)
@click.option(
    "--copies",
    type=click.Choice(["merge", "keep"]),
    default="merge",
    show_default=True,
    help="The same event in copies of one dispatch: one record citing every article, or one per article.",
)
@click.option(
    "--code/--no-code", default=True, show_default=True, help="First code the articles not coded yet."
)
@click.pass_context
def events_cmd(
    ctx: click.Context,
    db: str | None,
    about: str | None,
    types: tuple[str, ...],
    fmt: str,
    output: str | None,
    limit: int | None,
    min_confidence: float | None,
    copies: str,
    code: bool,
) -> None:
    """PLOVER events of the store: who did what to whom, where, when, with the sentence and its source."""
    from chronique.export import events as export
    from chronique.store import Store

    settings = _settings(ctx, db=db)
    if fmt == "parquet" and not output:
        raise click.UsageError("--format parquet writes a file: give --output FILE.parquet")
    try:
        with Store(settings.db, readonly=not code) as store:
            if code:
                _code(store, settings)
            items = export.records(
                store,
                about=about,
                types=list(types) or None,
                limit=limit,
                lang=settings.lang,
                copies=copies,
                min_confidence=min_confidence,
            )
            if fmt == "parquet":
                n = export.write_parquet(items, output or "")
                click.echo(f"{n} events written to {output}")
                return
            text = export.dumps(items, fmt)
    except ChroniqueError as exc:
        _fail(exc)
        return
    if output:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"{len(items)} events written to {output}")
    else:
        click.echo(text.rstrip("\n"))


@click.command("ceasefires")
@click.option(
    "--db", type=click.Path(dir_okay=False), default=None, help="Store file (default: setting 'db')."
)
@click.option(
    "--place",
    "place",
    metavar="P",
    default=None,
    help="Only the places whose name (or country code) contains P.",
)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option(
    "--code/--no-code", default=True, show_default=True, help="First code the articles not coded yet."
)
@click.pass_context
def ceasefires_cmd(ctx: click.Context, db: str | None, place: str | None, fmt: str, code: bool) -> None:
    """Ceasefires place by place: called for, agreed, declared, in force, violated, rejected, collapsed."""
    from chronique.events.ceasefire import ceasefires
    from chronique.export.events import ceasefire_table
    from chronique.store import Store

    settings = _settings(ctx, db=db)
    try:
        with Store(settings.db, readonly=not code) as store:
            if code:
                _code(store, settings)
            tracks = ceasefires(store, place)
    except ChroniqueError as exc:
        _fail(exc)
        return
    if fmt == "json":
        click.echo(json.dumps([t.to_dict() for t in tracks], ensure_ascii=False, indent=2))
    else:
        click.echo(ceasefire_table(tracks))


def register(cli: click.Group) -> None:
    """Add ``events`` and ``ceasefires`` to the ``chronique`` command."""
    cli.add_command(events_cmd)
    cli.add_command(ceasefires_cmd)
