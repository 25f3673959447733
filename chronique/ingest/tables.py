"""Tables: ``.csv`` and ``.tsv`` with a header row, streamed row by row."""

from __future__ import annotations

import csv
import itertools
from collections.abc import Iterable, Iterator
from typing import Any

from chronique.errors import InputError
from chronique.ingest.source import Item, Source, text_stream
from chronique.models import Skip
from chronique.settings import Settings


def _sniff_delimiter(line: str) -> str:
    counts = {d: line.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _raise_field_limit(settings: Settings) -> int:
    """Let csv read fields as long as a record may be (its default limit is 128 KiB); the limit
    still stops a runaway quoted field from swallowing the whole file."""
    wanted = max(1 << 17, 2 * settings.max_record_chars + 1024)
    if csv.field_size_limit() < wanted:
        csv.field_size_limit(wanted)
    return csv.field_size_limit()


def _read_table(src: Source, delimiter: str | None) -> Iterator[Item]:
    limit = _raise_field_limit(src.settings)
    last_line = [""]

    def lines(stream: Iterable[str]) -> Iterator[str]:
        for line in stream:
            last_line[0] = line
            yield line

    held: Item | None = None
    with text_stream(src, "") as (stream, encoding, guard):
        first = stream.readline()
        rows = csv.reader(
            itertools.chain([first], lines(stream)),
            delimiter=delimiter or _sniff_delimiter(first),
            strict=True,
        )
        try:
            header = [h.strip() or f"column_{i}" for i, h in enumerate(next(rows, []), 1)]
        except csv.Error as exc:
            raise InputError("malformed-csv", f"the header row cannot be parsed: {exc}") from None
        if not header or header == ["column_1"]:
            raise InputError("empty", "the file holds no header row")
        if not src.fields.has_text_field(header):
            raise InputError("no-text", "the header has " + src.fields.missing_text(header))
        # Each item is yielded once the next row has been read: when the data ends early
        # (truncated gzip), the last row is cut and must not pass for a complete record.
        for item in _records(src, rows, header, encoding, limit):
            if held is not None:
                yield held
            held = item
        cut = guard.failure is not None and not last_line[0].endswith(("\n", "\r"))
        if held is not None and not cut:
            yield held
    if guard.failure is not None:
        raise guard.failure
    if held is None:
        raise InputError("empty", "the file has a header row but no records")


def _records(src: Source, rows: Any, header: list[str], encoding: str, limit: int) -> Iterator[Item]:
    """The items of the rows after the header; ``rows`` is a csv reader."""
    path = str(src.path)
    n = 0
    while True:
        start = rows.line_num + 1
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            n += 1
            sid = f"{path}#{n}"
            msg = str(exc)
            if "unexpected end of data" in msg:
                yield Skip(
                    path,
                    "malformed-csv",
                    f"the quoted field opened on line {start} is never closed; "
                    f"lines {start}-{rows.line_num} were not read",
                    sid,
                )
                return
            if "field larger than field limit" in msg:
                yield Skip(
                    path,
                    "malformed-csv",
                    f"line {start}: a field longer than {limit} characters, "
                    "probably an unbalanced quote; the rest of the file was not read",
                    sid,
                )
                return
            yield Skip(path, "malformed-csv", f"line {start}: {msg}", sid)
            continue
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        n += 1
        if any("\x00" in value for value in row):
            yield Skip(path, "malformed-csv", f"line {start} contains a NUL byte", f"{path}#{n}")
            continue
        if len(row) > len(header) and any(v.strip() for v in row[len(header) :]):
            yield Skip(
                path,
                "malformed-csv",
                f"line {start} has {len(row)} fields but the header "
                f"{len(header)} (an unquoted delimiter in a value?)",
                f"{path}#{n}",
            )
            continue
        yield src.record(dict(zip(header, row, strict=False)), n, "csv", encoding)


def read_csv(src: Source) -> Iterator[Item]:
    """CSV with a header row; the delimiter (``,`` ``;`` tab ``|``) is read off the header."""
    return _read_table(src, None)


def read_tsv(src: Source) -> Iterator[Item]:
    """Tab-separated values with a header row."""
    return _read_table(src, "\t")
