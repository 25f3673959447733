"""``chronique entities``: list the canonical entities of a store."""

from __future__ import annotations

import json
import sys

import click

from chronique.errors import ChroniqueError

TYPES = ("PER", "ORG", "LOC", "GPE", "MISC", "IGO")


@click.command("entities")
@click.option(
    "--db", type=click.Path(dir_okay=False), default=None, help="Store file (default: setting 'db')."
)
@click.option(
    "--type",
    "types",
    multiple=True,
    type=click.Choice(TYPES, case_sensitive=False),
    help="Only these types (repeatable): PER people, ORG organisations, LOC places, GPE countries, "
    "MISC other names, IGO international organisations.",
)
@click.option("--name", "query", default=None, help="Only entities whose name or an alias contains this.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--limit", type=int, default=50, show_default=True, help="At most this many entities (0: all).")
@click.pass_context
def entities(
    ctx: click.Context, db: str | None, types: tuple[str, ...], query: str | None, fmt: str, limit: int
) -> None:
    """List canonical entities: counts, aliases, country, sector, and coordinates for places."""
    from chronique.cli import EXIT_ERROR, _settings
    from chronique.entities.report import table
    from chronique.store import Store
    from chronique.store import entities as store_entities

    settings = _settings(ctx, db=db)
    try:
        with Store(settings.db, readonly=True) as store:
            rows = store_entities.list_entities(store, types=types, limit=limit or None, query=query)
    except ChroniqueError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        click.echo(table(rows))


def register(cli: click.Group) -> None:
    cli.add_command(entities)
