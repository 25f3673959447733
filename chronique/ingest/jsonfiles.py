"""JSON inputs: ``.jsonl``/``.ndjson`` (one object per line) and ``.json`` (one article, a list of
articles, or an object wrapping such a list). Both are streamed record by record.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

from chronique.errors import InputError
from chronique.ingest.jsonstream import JsonStream, JsonSyntaxError, ValueTooLarge
from chronique.ingest.source import Item, Source, file_cap, text_stream, too_large, value_cap
from chronique.models import Skip

log = logging.getLogger(__name__)

#: Keys under which a JSON object may hold its list of articles, compared in lower case.
LIST_KEYS = frozenset(
    {
        "articles",
        "data",
        "items",
        "records",
        "results",
        "documents",
        "docs",
        "entries",
        "posts",
        "news",
        "rows",
    }
)


_TOO_DEEP = "nested too deeply to be a news record (thousands of levels)"
_NOTHING = object()

#: Consecutive unparseable lines at the start of a ``.jsonl`` after which it is not JSON Lines.
JSONL_PROBE_LINES = 20


def read_jsonl(src: Source) -> Iterator[Item]:
    """JSON Lines: one object per line, streamed line by line. Blank lines are ignored."""
    path = str(src.path)
    cap = value_cap(src.settings)
    n = lineno = 0
    parsed_any = False
    pending: list[Skip] = []  # malformed lines before the first good one
    with text_stream(src, None) as (stream, encoding, guard):
        while True:
            line = stream.readline(cap)
            if not line:
                break
            lineno += 1
            if not line.endswith("\n"):
                if len(line) >= cap:
                    while (more := stream.readline(cap)) and not more.endswith("\n"):
                        pass
                    n += 1
                    yield Skip(
                        path, "too-large", f"line {lineno} is longer than {cap} characters", f"{path}#{n}"
                    )
                    continue
                if guard.failure is not None:
                    break  # the cut last line of a truncated file: reported as truncated below
            if line.isspace():
                continue
            n += 1
            try:
                obj = json.loads(line)
            except (json.JSONDecodeError, RecursionError) as exc:
                where = (
                    f"line {lineno}, column {exc.colno}: {exc.msg}"
                    if isinstance(exc, json.JSONDecodeError)
                    else f"line {lineno}: {_TOO_DEEP}"
                )
                skip = Skip(path, "malformed-json", where, f"{path}#{n}")
                if parsed_any:
                    yield skip
                    continue
                # Until one line parses, the file may not be JSON Lines at all: hold the Skips.
                pending.append(skip)
                if len(pending) >= JSONL_PROBE_LINES:
                    raise _not_jsonl(pending) from None
                continue
            if not parsed_any:
                parsed_any = True
                yield from pending
                pending.clear()
            yield src.record(obj, n, "jsonl", encoding)
        if pending:
            raise _not_jsonl(pending)
    if guard.failure is not None:
        raise guard.failure
    if n == 0:
        raise InputError("empty", "the file holds no JSON lines")


def _not_jsonl(pending: list[Skip]) -> InputError:
    return InputError(
        "malformed-json",
        f"none of the first {len(pending)} records is valid JSON ({pending[0].detail}); "
        "if the file holds one JSON document rather than one object per line, name it .json",
    )


def read_json(src: Source) -> Iterator[Item]:
    """A ``.json`` file: one article object, a list of them, or an object wrapping such a list
    under a key like ``articles``/``data``/``items``. Lists are streamed element by element.
    """
    with text_stream(src, None) as (stream, encoding, guard):
        js = JsonStream(stream, value_cap(src.settings))
        try:
            yield from _json_document(src, js, encoding)
        except JsonSyntaxError as exc:
            if guard.failure is not None:
                raise guard.failure from None
            raise InputError("malformed-json", f"not valid JSON: {exc}") from None
        except ValueTooLarge as exc:
            raise InputError("too-large", str(exc)) from None
        except RecursionError:
            raise InputError("malformed-json", _TOO_DEEP) from None
    if guard.failure is not None:
        raise guard.failure


def _expect_end(js: JsonStream) -> None:
    if js.peek() is not None:
        raise js.error("Extra data after the end of the JSON document")


def _json_document(src: Source, js: JsonStream, encoding: str) -> Iterator[Item]:
    first = js.peek()
    if first is None:
        raise InputError("empty", "the file holds only whitespace")
    if first == "[":
        n = 0
        for n, item in enumerate(js.items(), 1):
            yield src.record(item, n, "json", encoding)
        if n == 0:
            raise InputError("empty", "the file holds an empty JSON list")
        _expect_end(js)
        return
    if first != "{":
        value = js.value()
        raise InputError(
            "malformed-json",
            f"the top level is a JSON {type(value).__name__}; expected an object or a list of objects",
        )
    # An object: one article, or a wrapper around the list of articles (streamed when reached).
    cap = file_cap(src.settings)
    fields: dict[str, Any] = {}
    n = 0
    js.take("{", "'{'")
    if js.peek() == "}":
        js.take("}", "'}'")
    else:
        while True:
            if js.peek() != '"':
                raise js.error("Expecting property name enclosed in double quotes")
            key = js.value()
            js.take(":", "':' delimiter")
            if js.peek() == "[" and key.lower() in LIST_KEYS and not n:
                items = js.items()
                head = next(items, _NOTHING)
                if isinstance(head, dict):
                    n = 1
                    yield src.record(head, n, "json", encoding)
                    for n, item in enumerate(items, 2):
                        yield src.record(item, n, "json", encoding)
                else:
                    fields[key] = [] if head is _NOTHING else [head, *items]
            else:
                fields[key] = js.value()
            if not n and js.offset > cap:
                raise too_large(f"a single JSON object of more than {js.offset} characters", src.settings)
            sep = js.peek()
            if sep not in (",", "}"):
                raise js.error("Expecting ',' delimiter or '}'")
            js.take(sep, repr(sep))
            if sep == "}":
                break
    if n:
        _expect_end(js)
        return
    yield from _json_object(src, js, fields, encoding)


def _json_object(src: Source, js: JsonStream, obj: dict[str, Any], encoding: str) -> Iterator[Item]:
    """The top-level object was read whole: one article, a wrapper, or the first of several."""
    after = js.peek()
    if after == "{":
        # Several objects one after the other: JSON Lines saved as .json.
        log.info("%s holds several JSON objects in a row; reading it as JSON Lines", src.path)
        n = 1
        yield src.record(obj, n, "json", encoding)
        while js.peek() is not None:
            n += 1
            yield src.record(js.value(), n, "json", encoding)
        return
    if after is not None:
        raise js.error("Extra data after the end of the JSON document")
    found = src.fields.extract(obj)
    if found.text is None:
        empty = [k for k, v in obj.items() if v == [] and k.lower() in LIST_KEYS]
        if empty:
            raise InputError("empty", f"the list of records under {empty[0]!r} is empty")
        lists = [v for v in obj.values() if isinstance(v, list) and v and all(isinstance(x, dict) for x in v)]
        if len(lists) == 1:
            for n, item in enumerate(lists[0], 1):
                yield src.record(item, n, "json", encoding)
            return
    item = src.record(obj, None, "json", encoding)
    if isinstance(item, Skip):
        raise InputError(item.reason, item.detail)
    yield item
