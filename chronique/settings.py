"""One settings object for the whole pipeline.

Every setting is declared once in :data:`SETTINGS` with its default and its help text. A user file
(TOML, ``--config`` or ``./chronique.toml``) overlays the defaults, and command-line options
overlay the file. ``docs/settings.md`` is generated from this table and a test checks it is
current.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chronique.errors import SettingsError


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any
    help: str


#: The table of settings: name, default, help. The order is the order of the docs.
SETTINGS: tuple[Setting, ...] = (
    Setting(
        "db", "chronique.db", "Path of the store (an SQLite file). Env CHRONIQUE_DB overrides the default."
    ),
    Setting("lang", "fr", "Default language of the articles when neither the record nor the text says."),
    Setting("workers", 0, "Worker processes for the per-article stages; 0 means one per CPU core."),
    Setting(
        "batch_size",
        256,
        "Records per task sent to a worker and per store transaction. A build of no more than one "
        "batch runs in-process: starting workers would cost more than it saves.",
    ),
    Setting(
        "max_file_mb",
        20.0,
        "A single-article file (txt, html, one JSON object) larger than this is skipped as too large; "
        "batch files (jsonl, csv, JSON lists) are streamed and have no size limit.",
    ),
    Setting(
        "max_record_chars",
        2_000_000,
        "A record whose text is longer than this many characters is skipped (no news article is).",
    ),
    Setting(
        "min_body_chars", 40, "A record whose cleaned body is shorter than this is skipped as 'no-text'."
    ),
    Setting(
        "annotate",
        True,
        "Run the spaCy annotation after cleaning (sentences, morphology, parse, entities); the later "
        "stages need it. Off: a build only ingests and cleans.",
    ),
    Setting("model", "fr_core_news_md", "spaCy model for annotation (an installed package name)."),
    Setting("nlp_batch_size", 64, "Paragraphs per nlp.pipe batch."),
    Setting("entities", True, "Find people, organisations and places and link them into canonical entities."),
    Setting("events", True, "Code PLOVER events (who did what to whom, where, when) in every sentence."),
    Setting(
        "events_learned",
        False,
        "Also code the verbs a learned trigger detector reads as events (more events, less precise; "
        "docs/events.md).",
    ),
    Setting("dedupe", True, "Group exact and near-duplicate articles (wire copies) and repeated sentences."),
    Setting(
        "near_duplicate_containment",
        0.6,
        "Share of the shorter article's 5-word shingles found in the other from which two articles are "
        "copies of one dispatch (measured on OrangeSum: precision 0.90, recall 0.71).",
    ),
    Setting("stories", True, "Cluster the articles into stories (sentence embeddings, entities, time)."),
    Setting("story_threshold", 0.55, "Similarity from which an article joins a story (docs/timeline.md)."),
    Setting("story_window_days", 7, "A story with no new article for this many days is closed."),
    Setting("text_field", "", "Name of the text field in JSON/CSV records; empty means auto-detect."),
    Setting("title_field", "", "Name of the title field in JSON/CSV records; empty means auto-detect."),
    Setting("date_field", "", "Name of the publication date field; empty means auto-detect."),
    Setting("id_field", "", "Name of the record id field; empty means auto-detect ('id', 'uid', ...)."),
    Setting("url_field", "", "Name of the URL field; empty means auto-detect."),
    Setting("source_field", "", "Name of the outlet/source field; empty means auto-detect."),
    Setting("lang_field", "", "Name of the language field; empty means auto-detect."),
    Setting(
        "teaser_min_chars",
        60,
        "A trailing block is a repeated lead (teaser copy) only if it repeats at least this many "
        "characters of the body's first paragraphs.",
    ),
    Setting(
        "title_max_chars",
        220,
        "A first line longer than this is never taken as the title (titles are short).",
    ),
    Setting(
        "foreign_min_words",
        8,
        "A paragraph is marked as another language only if it has at least this many words.",
    ),
)

_DEFAULTS = {s.name: s.default for s in SETTINGS}


def _field(name: str) -> Any:
    setting = next(s for s in SETTINGS if s.name == name)
    return dataclasses.field(default=setting.default, metadata={"help": setting.help})


@dataclass(frozen=True)
class Settings:
    """Frozen, typed settings. Build one with :meth:`Settings.load` or keyword arguments."""

    db: str = _field("db")
    lang: str = _field("lang")
    workers: int = _field("workers")
    batch_size: int = _field("batch_size")
    max_file_mb: float = _field("max_file_mb")
    max_record_chars: int = _field("max_record_chars")
    min_body_chars: int = _field("min_body_chars")
    annotate: bool = _field("annotate")
    model: str = _field("model")
    nlp_batch_size: int = _field("nlp_batch_size")
    entities: bool = _field("entities")
    events: bool = _field("events")
    events_learned: bool = _field("events_learned")
    dedupe: bool = _field("dedupe")
    near_duplicate_containment: float = _field("near_duplicate_containment")
    stories: bool = _field("stories")
    story_threshold: float = _field("story_threshold")
    story_window_days: int = _field("story_window_days")
    text_field: str = _field("text_field")
    title_field: str = _field("title_field")
    date_field: str = _field("date_field")
    id_field: str = _field("id_field")
    url_field: str = _field("url_field")
    source_field: str = _field("source_field")
    lang_field: str = _field("lang_field")
    teaser_min_chars: int = _field("teaser_min_chars")
    title_max_chars: int = _field("title_max_chars")
    foreign_min_words: int = _field("foreign_min_words")

    def __post_init__(self) -> None:
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            expected = type(_DEFAULTS[f.name])
            if expected is float and isinstance(value, int) and not isinstance(value, bool):
                object.__setattr__(self, f.name, float(value))
                continue
            if not isinstance(value, expected) or isinstance(value, bool) != isinstance(
                _DEFAULTS[f.name], bool
            ):
                raise SettingsError(
                    f"setting {f.name!r} must be {expected.__name__}, got {value!r}; see docs/settings.md"
                )

    @property
    def n_workers(self) -> int:
        return self.workers if self.workers > 0 else (os.cpu_count() or 1)

    def replace(self, **changes: Any) -> Settings:
        """A copy with some settings changed; ``None`` values are ignored (unset CLI options)."""
        changes = {k: v for k, v in changes.items() if v is not None}
        unknown = sorted(set(changes) - set(_DEFAULTS))
        if unknown:
            raise SettingsError(f"unknown setting(s) {', '.join(unknown)}; known: {', '.join(_DEFAULTS)}")
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def load(cls, path: str | Path | None = None, **overrides: Any) -> Settings:
        """Defaults, then the user file (``path`` or ``./chronique.toml`` if present), then overrides."""
        base = cls(db=os.environ.get("CHRONIQUE_DB", _DEFAULTS["db"]))
        file = Path(path) if path else Path("chronique.toml")
        if path and not file.exists():
            raise SettingsError(f"settings file {file} does not exist")
        if file.exists():
            try:
                data = tomllib.loads(file.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise SettingsError(f"settings file {file} is not valid TOML: {exc}") from exc
            data = data.get("chronique", data)
            base = base.replace(**data)
        return base.replace(**overrides)
