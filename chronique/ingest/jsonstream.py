"""Read one JSON document from a text stream value by value, in bounded memory.

A ``.json`` file holding a list of 100,000 articles must not be loaded whole: :class:`JsonStream`
reads it in chunks and hands out the elements of the list one at a time, each parsed by the C
decoder of :mod:`json` (``raw_decode``). Only the current element is held in memory, and no
element may exceed ``max_value_chars``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, TextIO

#: Characters read from the stream at a time; doubled while a single value needs more.
CHUNK_CHARS = 1 << 16
#: Consumed text is dropped from the buffer once this much has accumulated.
_COMPACT_AT = 1 << 20
#: A decoding error this close to the end of the buffer may just be a value cut by the chunking.
_CUT_MARGIN = 32

_WS = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


class JsonSyntaxError(ValueError):
    """The document is not valid JSON; ``line`` and ``column`` are 1-based."""

    def __init__(self, msg: str, line: int, column: int) -> None:
        super().__init__(f"line {line}, column {column}: {msg}")
        self.msg = msg
        self.line = line
        self.column = column


class ValueTooLarge(ValueError):
    """One JSON value is longer than the limit given to :class:`JsonStream`."""


class JsonStream:
    """A cursor over a JSON text: whitespace skipping, punctuation, and whole values."""

    def __init__(self, stream: TextIO, max_value_chars: int) -> None:
        self._stream = stream
        self.max_value_chars = max_value_chars
        self._buf = ""
        self._pos = 0
        self._eof = False
        self._lines_before = 0  # newlines in the text dropped from the buffer
        self._chars_before = 0  # characters dropped from the buffer

    @property
    def offset(self) -> int:
        """Characters consumed so far."""
        return self._chars_before + self._pos

    def _more(self, n: int = CHUNK_CHARS) -> bool:
        if self._eof:
            return False
        if self._pos >= _COMPACT_AT:
            self._lines_before += self._buf.count("\n", 0, self._pos)
            self._chars_before += self._pos
            self._buf = self._buf[self._pos :]
            self._pos = 0
        data = self._stream.read(n)
        if not data:
            self._eof = True
            return False
        self._buf += data
        return True

    def _where(self, pos: int) -> tuple[int, int]:
        line = self._lines_before + self._buf.count("\n", 0, pos) + 1
        return line, pos - self._buf.rfind("\n", 0, pos)

    def error(self, msg: str, pos: int | None = None) -> JsonSyntaxError:
        line, col = self._where(self._pos if pos is None else pos)
        return JsonSyntaxError(msg, line, col)

    def peek(self) -> str | None:
        """The next non-whitespace character (not consumed), or ``None`` at the end."""
        while True:
            m = _WS.match(self._buf, self._pos)
            assert m is not None  # the pattern matches the empty string
            self._pos = m.end()
            if self._pos < len(self._buf):
                return self._buf[self._pos]
            if not self._more():
                return None

    def take(self, char: str, expected: str) -> None:
        """Consume ``char`` (after whitespace) or raise, naming what was ``expected``."""
        if self.peek() != char:
            raise self.error(f"Expecting {expected}")
        self._pos += 1

    def value(self) -> Any:
        """Parse and consume the next JSON value (after whitespace)."""
        if self.peek() is None:
            raise self.error("Expecting value")
        want = CHUNK_CHARS
        while True:
            try:
                value, end = _DECODER.raw_decode(self._buf, self._pos)
            except json.JSONDecodeError as exc:
                maybe_cut = (
                    exc.msg.startswith("Unterminated string") or exc.pos >= len(self._buf) - _CUT_MARGIN
                )
                if self._eof or not maybe_cut:
                    raise self.error(exc.msg, exc.pos) from None
            else:
                # A number or literal ending exactly at the end of the buffer may continue.
                if end < len(self._buf) or self._eof:
                    if end - self._pos > self.max_value_chars:
                        raise ValueTooLarge(f"a JSON value longer than {self.max_value_chars} characters")
                    self._pos = end
                    return value
            if len(self._buf) - self._pos > self.max_value_chars:
                raise ValueTooLarge(f"a JSON value longer than {self.max_value_chars} characters")
            self._more(max(want, len(self._buf) - self._pos))
            want *= 2

    def items(self) -> Iterator[Any]:
        """Consume a JSON array, yielding its elements one by one."""
        self.take("[", "'['")
        if self.peek() == "]":
            self._pos += 1
            return
        while True:
            yield self.value()
            c = self.peek()
            if c == ",":
                self._pos += 1
            elif c == "]":
                self._pos += 1
                return
            else:
                raise self.error("Expecting ',' delimiter or ']'")
