"""Specific exceptions. Each message says what went wrong and what to do about it."""

from __future__ import annotations


class ChroniqueError(Exception):
    """Base of every error chronique raises on purpose."""


class InputError(ChroniqueError):
    """One input file or record cannot be used. The build skips it and reports ``reason``.

    ``reason`` is a short stable code (``empty``, ``binary``, ``encoding``, ``too-large``,
    ``malformed-json``, ``malformed-csv``, ``malformed-html``, ``no-text``, ``unreadable``, ``truncated``,
    ``unsupported``); ``detail`` is the human explanation.
    """

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


class SettingsError(ChroniqueError):
    """A setting has an unknown name or a value of the wrong kind."""


class StoreError(ChroniqueError):
    """The store cannot be opened, migrated or written."""


class LanguageDataError(ChroniqueError):
    """A language data file under ``chronique/lang/`` is missing or malformed."""


class PipelineError(ChroniqueError):
    """The stages do not chain: a stage needs something no earlier stage provides."""
