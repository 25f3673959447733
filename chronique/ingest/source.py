"""One input file being read: opening (through gzip), guarding reads, decoding as a stream,
and turning one JSON/CSV record into a RawDocument or a Skip. Shared by the format readers.
"""

from __future__ import annotations

import gzip
import io
import logging
import os
import zlib
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from chronique.errors import InputError
from chronique.ingest.encoding import SNIFF_BYTES, open_text, repair, sniff_encoding
from chronique.ingest.fields import FieldMap, looks_like_html
from chronique.models import RawDocument, Skip
from chronique.settings import Settings

log = logging.getLogger(__name__)

Item = RawDocument | Skip

#: File-level metadata (sidecar, metadata.csv, folder) that applies to every record of a batch
#: file: the rest (id, title, url...) describes one article and would be wrong for all of them.
BATCH_FILE_KEYS = frozenset({"date", "outlet", "lang"})
_GZIP_MAGIC = b"\x1f\x8b"


def value_cap(settings: Settings) -> int:
    """Longest line / JSON value read for one record: JSON escapes can take six characters for
    one (``\\u00e9``), plus room for the other fields."""
    return 6 * settings.max_record_chars + (1 << 20)


def file_cap(settings: Settings) -> int:
    """``max_file_mb`` in bytes (a MB being 2**20 bytes)."""
    return int(settings.max_file_mb * (1 << 20))


def split_suffix(path: Path) -> tuple[str, bool]:
    """``a/b.JSONL.gz`` -> ``(".jsonl", True)``; the suffix is lower-cased."""
    name = path.name.lower()
    gz = name.endswith(".gz")
    if gz:
        name = name[:-3]
    stem, dot, ext = name.rpartition(".")
    return ("." + ext if dot and stem else ""), gz


class Guard(io.RawIOBase):
    """A raw stream that turns read failures into a clean end of data plus a recorded failure.

    Readers can then decode and parse up to the fault, keep what they got, and report the
    failure (``truncated`` gzip, corrupt data) at the end.
    """

    def __init__(self, inner: IO[bytes], *owned: IO[bytes]) -> None:
        super().__init__()
        self.inner = inner
        self.owned = owned  # streams under ``inner`` to close with it
        self.failure: InputError | None = None

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return self.inner.seekable()

    def seek(self, pos: int, whence: int = io.SEEK_SET) -> int:
        self.failure = None
        return self.inner.seek(pos, whence)

    def tell(self) -> int:
        return self.inner.tell()

    def readinto(self, buffer: Any) -> int:
        if self.failure is not None:
            return 0
        try:
            read1 = getattr(self.inner, "read1", None)
            data = read1(len(buffer)) if read1 else self.inner.read(len(buffer))
        except EOFError:
            self.failure = InputError(
                "truncated",
                "the compressed data ends before its end marker (an interrupted download or copy)",
            )
            return 0
        except (gzip.BadGzipFile, zlib.error) as exc:
            self.failure = InputError("unreadable", f"corrupt compressed data ({exc})")
            return 0
        except OSError as exc:
            self.failure = InputError("unreadable", f"read failed: {exc.strerror or exc}")
            return 0
        n = len(data)
        buffer[:n] = data
        return n

    def close(self) -> None:
        self.inner.close()
        for stream in self.owned:
            stream.close()
        super().close()


@dataclass(frozen=True, slots=True)
class Source:
    """One file being read, with what every reader needs."""

    path: Path
    gz: bool
    size: int
    settings: Settings
    fields: FieldMap
    meta: tuple[dict[str, str], dict[str, str]]

    def open(self) -> tuple[io.BufferedReader, Guard]:
        """The (decompressed) bytes of the file, and the guard that records a read failure."""
        try:
            raw: IO[bytes] = open(self.path, "rb")  # noqa: SIM115 - closed by the guard
        except OSError as exc:
            raise unreadable(self.path, exc) from exc
        inner: IO[bytes] = raw
        owned: tuple[IO[bytes], ...] = ()
        if self.gz:
            magic = raw.read(2)
            raw.seek(0)
            if magic == _GZIP_MAGIC:
                inner = gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[assignment]
                owned = (raw,)
            else:
                log.warning("%s is named .gz but is not gzip-compressed; reading it as it is", self.path)
        guard = Guard(inner, *owned)
        return io.BufferedReader(guard, buffer_size=1 << 16), guard

    def file_meta(self, batch: bool) -> tuple[dict[str, str], dict[str, str]]:
        meta, origin = self.meta
        if not batch:
            return meta, origin
        keep = [k for k in meta if k in BATCH_FILE_KEYS]
        return {k: meta[k] for k in keep}, {k: origin[k] for k in keep}

    def record(self, obj: Any, n: int | None, fmt: str, encoding: str) -> Item:
        """A RawDocument from one JSON/CSV record, or a Skip saying why not.

        ``n`` is the 1-based record number in a batch file, ``None`` for a single-article file.
        """
        path = str(self.path)
        fallback_id = f"{path}#{n}" if n else path
        where = f"record {n}: " if n else ""
        if not isinstance(obj, Mapping):
            kind = "null" if obj is None else type(obj).__name__
            return Skip(path, "malformed-json", f"{where}a JSON {kind}, not an object", fallback_id)
        found = self.fields.extract(obj)
        source_id = found.meta.get("id") or fallback_id
        text = found.text
        if text is None:
            return Skip(path, "no-text", where + found.problem, source_id)
        limit = self.settings.max_record_chars
        if len(text) > limit:
            return Skip(
                path,
                "too-large",
                f"{where}text of {len(text)} characters, more than max_record_chars={limit}",
                source_id,
            )
        try:
            text, encoding = repair(text, encoding)
        except InputError as exc:
            return Skip(path, exc.reason, where + exc.detail, source_id)
        meta, origin = found.meta, found.origin
        file_meta, file_origin = self.file_meta(batch=n is not None)
        for key, value in file_meta.items():
            if key not in meta:
                meta[key] = value
                origin[key] = file_origin[key]
        return RawDocument(
            source_path=path,
            source_id=source_id,
            fmt="html" if looks_like_html(text) else fmt,
            text=text,
            encoding=encoding,
            record_index=n - 1 if n else 0,
            meta=meta,
            meta_origin=origin,
        )


Reader = Callable[[Source], Iterator[Item]]


def unreadable(path: Path, exc: OSError) -> InputError:
    if isinstance(exc, FileNotFoundError):
        if os.path.islink(path):
            return InputError("unreadable", f"a broken symbolic link (to {os.readlink(path)})")
        return InputError("unreadable", "the file does not exist (moved or deleted?)")
    if isinstance(exc, PermissionError):
        return InputError("unreadable", "permission denied; check the file's permissions")
    if isinstance(exc, IsADirectoryError):
        return InputError(
            "unreadable", "a directory, not a file; pass it to discover() to read the files in it"
        )
    return InputError("unreadable", f"cannot be opened: {exc.strerror or exc}")


def too_large(size: str, settings: Settings) -> InputError:
    return InputError(
        "too-large",
        f"{size}, more than max_file_mb={settings.max_file_mb:g} allows for a single-article file; "
        "raise max_file_mb if it really is one article",
    )


@contextmanager
def text_stream(src: Source, newline: str | None) -> Iterator[tuple[io.TextIOWrapper, str, Guard]]:
    """The decoded text stream of a batch file, its encoding, and its guard."""
    buffered, guard = src.open()
    with buffered:
        head = buffered.read(SNIFF_BYTES)
        if not head.strip() and len(head) < SNIFF_BYTES:
            if guard.failure is not None:
                raise guard.failure
            raise InputError("empty", "the file holds only whitespace")
        encoding = sniff_encoding(head, final=len(head) < SNIFF_BYTES)
        buffered.seek(0)
        with open_text(buffered, encoding, newline) as stream:
            yield stream, encoding, guard
