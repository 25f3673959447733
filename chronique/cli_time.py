"""``chronique timex`` and ``chronique eval timeml|recognizers``: parse options, call the library, format."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from typing import Any, TextIO

import click

from chronique.errors import ChroniqueError

_MODEL_HELP = (
    "Read the tense of each expression with the spaCy annotation stage when it is installed "
    "(--no-model: cues from the language data only)."
)


def _anchor(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date YYYY-MM-DD", param_hint="anchor") from None


def _tense_maker(use_model: bool) -> Callable[[str], Callable[[int], str] | None]:
    """``text -> tense(offset)`` (or None) with the spaCy model loaded once, if asked and possible."""
    from chronique.time import morphology

    nlp = morphology.load_model() if use_model else None
    if nlp is None:
        return lambda text: None
    return lambda text: morphology.tense_for(text, nlp)


def _fail(exc: ChroniqueError) -> None:
    click.echo(f"error: {exc}", err=True)
    sys.exit(1)


@click.command("timex")
@click.argument("file", required=False, type=click.File("r", encoding="utf-8"))
@click.option("--anchor", metavar="YYYY-MM-DD", help="Publication date the relative expressions count from.")
@click.option(
    "--jsonl",
    "jsonl",
    type=click.File("r", encoding="utf-8"),
    help="Batch: a file of lines {id, text, anchor}; writes one line {id, timexes} per input line.",
)
@click.option("--lang", default="fr", show_default=True, help="Language of the text.")
@click.option("--model/--no-model", "use_model", default=True, help=_MODEL_HELP)
def timex_cmd(
    file: TextIO | None, anchor: str | None, jsonl: TextIO | None, lang: str, use_model: bool
) -> None:
    """Print the temporal expressions of FILE (or stdin, "-") as JSON lines, offsets in code points."""
    from chronique.time import tag

    tense_of = _tense_maker(use_model)
    try:
        if jsonl is not None:
            for n, line in enumerate(jsonl, 1):
                if not line.strip():
                    continue
                try:
                    rec: dict[str, Any] = json.loads(line)
                    text = str(rec["text"])
                except (json.JSONDecodeError, KeyError, TypeError) as exc:
                    raise click.ClickException(
                        f"line {n} of {jsonl.name}: not a JSON object with a 'text' ({exc})"
                    ) from exc
                timexes = tag(text, _anchor(rec.get("anchor")), lang=lang, tense=tense_of(text))
                out = {"id": rec.get("id"), "timexes": [t.to_dict() for t in timexes]}
                click.echo(json.dumps(out, ensure_ascii=False))
            return
        stream: TextIO = file if file is not None else sys.stdin
        text = stream.read()
        for t in tag(text, _anchor(anchor), lang=lang, tense=tense_of(text)):
            click.echo(json.dumps(t.to_dict(), ensure_ascii=False))
    except ChroniqueError as exc:
        _fail(exc)


@click.command("timeml")
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option(
    "--errors",
    is_flag=True,
    help="List every expression missed, spurious or with a wrong span, type or value.",
)
@click.option("--lang", default="fr", show_default=True)
@click.option("--model/--no-model", "use_model", default=True, help=_MODEL_HELP)
def timeml_cmd(folder: str, fmt: str, errors: bool, lang: str, use_model: bool) -> None:
    """Score the temporal tagger on the ISO-TimeML files of FOLDER (TempEval-3 measures)."""
    from chronique.eval import timeml
    from chronique.time import tag

    tense_of = _tense_maker(use_model)
    try:
        docs = timeml.read_dir(folder)
        scores = timeml.evaluate(
            docs, lambda text, anchor: tag(text, anchor, lang=lang, tense=tense_of(text))
        )
    except ChroniqueError as exc:
        _fail(exc)
        return
    if fmt == "json":
        out = scores.to_dict() | {"errors_by_kind": scores.error_counts()}
        if errors:
            out["errors"] = scores.errors()
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    click.echo(timeml.format_table(scores))
    click.echo("errors: " + ", ".join(f"{k} {v}" for k, v in scores.error_counts().items()))
    if errors:
        for e in scores.errors():
            g, s = e["gold"], e["system"]
            gold = f"{g['text']!r} {g['type']} {g['value']}" if g else "-"
            sys_ = f"{s['text']!r} {s['type']} {s['value']} [{s['rule']}]" if s else "-"
            click.echo(f"  {e['doc']:<18} {e['error']:<9} gold {gold:<48} system {sys_}")


@click.command("recognizers")
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--failures", type=int, default=0, help="Also list up to this many failed cases per spec file.")
@click.option("--lang", default="fr", show_default=True)
@click.option("--model/--no-model", "use_model", default=False, help=_MODEL_HELP + " Off by default here.")
def recognizers_cmd(folder: str, fmt: str, failures: int, lang: str, use_model: bool) -> None:
    """Share of the Recognizers-Text DateTime spec cases (FOLDER/*.json) whose resolution the tagger reproduces."""
    from chronique.eval import recognizers
    from chronique.time import tag

    tense_of = _tense_maker(use_model)
    try:
        report = recognizers.evaluate(
            recognizers.read_specs(folder),
            lambda text, anchor: tag(text, anchor, lang=lang, tense=tense_of(text)),
        )
    except ChroniqueError as exc:
        _fail(exc)
        return
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(failures), ensure_ascii=False, indent=2))
        return
    click.echo(recognizers.format_table(report, failures))


def register(cli: click.Group) -> None:
    """Add ``timex`` to the command group, and ``timeml`` and ``recognizers`` to its ``eval`` group."""
    cli.add_command(timex_cmd)
    group = cli.commands.get("eval")
    if not isinstance(group, click.Group):
        group = click.Group("eval", help="Evaluations against gold data.")
        cli.add_command(group)
    group.add_command(timeml_cmd)
    group.add_command(recognizers_cmd)
