"""The ``chronique`` command: parse options, call one library function, format, map errors to exit codes."""

from __future__ import annotations

import dataclasses
import json
import logging
import signal
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import click

from chronique import __version__
from chronique.errors import ChroniqueError
from chronique.settings import Settings

log = logging.getLogger("chronique")

#: Exit codes: 0 fine, 1 a chronique error (message says what to do), 2 usage, 130 interrupted.
EXIT_ERROR = 1
EXIT_INTERRUPTED = 130


def _settings(ctx: click.Context, **overrides: Any) -> Settings:
    try:
        return Settings.load(ctx.obj.get("config"), **overrides)
    except ChroniqueError as exc:
        raise click.ClickException(str(exc)) from exc


def _db_option(f: Any) -> Any:
    return click.option(
        "--db", type=click.Path(dir_okay=False), default=None, help="Store file (default: setting 'db')."
    )(f)


def _fail(exc: ChroniqueError) -> None:
    click.echo(f"error: {exc}", err=True)
    sys.exit(EXIT_ERROR)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="chronique")
@click.option("--config", type=click.Path(exists=True, dir_okay=False), help="Settings file (TOML).")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.pass_context
def cli(ctx: click.Context, config: str | None, verbose: int) -> None:
    """chronique: dated, sourced chronologies from piles of news articles."""
    level = logging.WARNING - 10 * verbose
    logging.basicConfig(level=max(level, logging.DEBUG), format="%(levelname)s %(name)s: %(message)s")
    ctx.obj = {"config": config}


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@_db_option
@click.option("--workers", type=int, default=None, help="Worker processes (0 = one per core).")
@click.option("--text-field", default=None, help="Text field of JSON/CSV records (default: auto-detect).")
@click.option("--title-field", default=None, help="Title field (default: auto-detect).")
@click.option("--date-field", default=None, help="Publication date field (default: auto-detect).")
@click.option("--id-field", default=None, help="Record id field (default: auto-detect).")
@click.option("--url-field", default=None, help="URL field (default: auto-detect).")
@click.option("--source-field", default=None, help="Outlet field (default: auto-detect).")
@click.option("--lang-field", default=None, help="Language field (default: auto-detect).")
@click.option("--annotate/--no-annotate", default=None, help="Run the spaCy annotation (default: on).")
@click.option("--json", "as_json", is_flag=True, help="Print the build report as JSON.")
@click.pass_context
def build(ctx: click.Context, paths: tuple[str, ...], as_json: bool, **opts: Any) -> None:
    """Read, clean and store the articles in PATHS (files or folders, read recursively)."""
    from tqdm import tqdm

    from chronique.pipeline import build as run_build

    settings = _settings(ctx, **opts)
    # `kill` stops a build like Ctrl-C does: the current batch is rolled back, the rest stays.
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    bars: dict[str, Any] = {}

    def progress(stage: str, n: int) -> None:
        if stage not in bars:
            for other in bars.values():
                other.close()
            bars[stage] = tqdm(
                unit=" articles", desc=stage, file=sys.stderr, disable=None, dynamic_ncols=True
            )
        bars[stage].update(n)

    try:
        report = run_build(list(paths), settings, progress=progress)
    except ChroniqueError as exc:
        _fail(exc)
        return
    finally:
        for bar in bars.values():
            bar.close()
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        reasons = Counter(s.reason for s in report.skipped)
        click.echo(
            f"{report.records_read} read, {report.articles_added} added, {report.duplicates} duplicates, "
            f"{report.articles_annotated} annotated, "
            f"{len(report.skipped)} skipped, {report.files_unchanged} files unchanged since the last build"
            + (
                f", {report.files_ignored} files of unsupported kinds passed over"
                if report.files_ignored
                else ""
            )
            + (
                f", {report.articles_recleaned} stored articles cleaned anew by an upgraded cleaner"
                if report.articles_recleaned
                else ""
            )
            + "; "
            f"{report.seconds:.1f} s, {report.throughput:.0f} articles/s → {report.db}"
        )
        if report.skipped:
            click.echo("skipped: " + ", ".join(f"{r} {n}" for r, n in reasons.most_common()))
            for s in report.skipped:
                click.echo(f"  {s.reason:<14} {s.source_id or s.path}: {s.detail}")
    if report.interrupted:
        click.echo("interrupted: the next build resumes where this one stopped", err=True)
        sys.exit(EXIT_INTERRUPTED)


@cli.command()
@_db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--text", is_flag=True, help="Show each cleaned body and the removed parts, with offsets.")
@click.option("--limit", type=int, default=None, help="At most this many articles.")
@click.pass_context
def articles(ctx: click.Context, db: str | None, fmt: str, text: bool, limit: int | None) -> None:
    """List the stored articles: ids, source, title, outlet, agency, language, what cleaning removed."""
    from chronique.export import articles as export
    from chronique.store import Store

    settings = _settings(ctx, db=db)
    try:
        with Store(settings.db, readonly=True) as store:
            items = export.rows(store, text=text, limit=limit)
    except ChroniqueError as exc:
        _fail(exc)
        return
    if fmt == "json":
        click.echo(json.dumps(items, ensure_ascii=False, indent=2))
    else:
        click.echo(export.table(items, text=text))


@cli.command()
@click.argument("query", nargs=-1, required=True)
@_db_option
@click.option("--limit", type=int, default=20, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_context
def search(ctx: click.Context, query: tuple[str, ...], db: str | None, limit: int, fmt: str) -> None:
    """Full-text search: accents folded, French stemming; "quoted phrase", OR, -excluded."""
    from chronique.store import Store

    settings = _settings(ctx, db=db)
    try:
        with Store(settings.db, readonly=True) as store:
            hits = store.search(" ".join(query), limit=limit, lang=settings.lang)
    except (ChroniqueError, ValueError) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    if fmt == "json":
        click.echo(json.dumps([dataclasses.asdict(h) for h in hits], ensure_ascii=False, indent=2))
        return
    if not hits:
        click.echo("no article matches")
    for h in hits:
        click.echo(f"{h.score:6.2f}  {h.title or '(sans titre)'}  [{h.outlet or '?'}; {h.source_id}]")
        click.echo(f"        {h.snippet}")


@cli.command()
@_db_option
@click.option(
    "--html",
    "html_out",
    type=click.Path(dir_okay=False),
    default=None,
    help="Also write a self-contained HTML page here.",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def report(ctx: click.Context, db: str | None, html_out: str | None, fmt: str) -> None:
    """Summarise the collection (outlets, agencies, languages, boilerplate removed, skipped inputs)."""
    from chronique.export import articles as export
    from chronique.export import html
    from chronique.store import Store

    settings = _settings(ctx, db=db)
    try:
        with Store(settings.db, readonly=True) as store:
            summ = export.summary(store)
            if html_out:
                Path(html_out).parent.mkdir(parents=True, exist_ok=True)
                Path(html_out).write_text(html.page(store), encoding="utf-8")
    except ChroniqueError as exc:
        _fail(exc)
        return
    click.echo(json.dumps(summ, ensure_ascii=False, indent=2) if fmt == "json" else export.summary_text(summ))
    if html_out:
        click.echo(f"HTML page written to {html_out}")


@cli.command("settings")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "markdown"]), default="table", show_default=True
)
@click.pass_context
def settings_cmd(ctx: click.Context, fmt: str) -> None:
    """Show every setting, its current value and what it does."""
    from chronique.settings import SETTINGS

    current = _settings(ctx)
    if fmt == "json":
        click.echo(json.dumps(current.to_dict(), indent=2))
    elif fmt == "markdown":
        click.echo("| setting | default | what it does |\n|---|---|---|")
        for s in SETTINGS:
            click.echo(f"| `{s.name}` | `{s.default!r}` | {s.help} |")
    else:
        for s in SETTINGS:
            click.echo(f"{s.name:<18} {getattr(current, s.name)!r:<16} {s.help}")


#: Command modules that add their commands to the group (each has ``register(cli)``), loaded lazily.
EXTENSIONS = (
    "chronique.cli_time",
    "chronique.cli_entities",
    "chronique.cli_events",
    "chronique.cli_timeline",
)


def _load_extensions() -> None:
    import importlib

    for name in EXTENSIONS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:  # the module exists but one of its imports is missing: say so
                raise
            continue
        module.register(cli)


_load_extensions()


def main() -> None:
    try:
        cli(standalone_mode=True)
    except ChroniqueError as exc:
        _fail(exc)


if __name__ == "__main__":
    main()
