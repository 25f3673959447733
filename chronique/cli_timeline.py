"""``chronique stories`` and ``chronique eval tls``: parse options, call the library, format."""

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
    """Add ``stories`` to the command group, and ``tls`` to its ``eval`` group (created if absent)."""
    cli.add_command(stories_cmd)
    existing = cli.commands.get("eval")
    if isinstance(existing, click.Group):
        existing.add_command(tls_cmd)
        return
    group = click.Group("eval", help="Evaluations against gold data.")
    group.add_command(tls_cmd)
    cli.add_command(group)
