"""Turn the bytes of an input into text: encoding detection, binary and mojibake checks.

:func:`decode` handles a whole file (single-article inputs); :func:`sniff_encoding` looks at the
first bytes of a batch file so that the rest can be streamed through :func:`open_text`. Both
normalise newlines (``\\r\\n`` and ``\\r`` become ``\\n``): every character offset computed later
is an offset into the text *after* that normalisation.

Order of the decisions, first that applies wins:

1. a byte-order mark (UTF-8, UTF-32, UTF-16) names the encoding and is stripped;
2. the pattern of NUL bytes shows UTF-16 without a BOM; otherwise NUL bytes, a high share of
   control bytes or the signature of a known binary format mean the input is not text;
3. strict UTF-8;
4. mostly UTF-8 with a few stray Windows-1252 bytes (files edited by two tools);
5. the charset the document declares (``<meta charset>``, for HTML);
6. charset-normalizer, restricted to Western single-byte encodings;
7. Windows-1252, then Latin-1 (which never fails).

The result is then checked: text that is mostly U+FFFD or UTF-8 read as Windows-1252
("Ã©tÃ©") is repaired when the repair round-trips exactly, and refused otherwise.
"""

from __future__ import annotations

import codecs
import io
import logging
import re
from typing import IO

from chronique.errors import InputError

log = logging.getLogger(__name__)

#: Bytes examined to decide whether an input is binary and which encoding it uses. 64 KiB holds
#: the start of a long article, enough accented letters for the statistics to be reliable.
SNIFF_BYTES = 1 << 16

#: Share of NUL bytes above which an input is binary. A stray NUL in a text file is damage to one
#: record, not a binary file; real binary formats have NULs in well over 1% of their bytes.
NUL_SHARE_MAX = 0.01

#: Share of other C0 control bytes above which an input is binary: text has almost none, while
#: compressed or random data has about 13% (33 of 256 byte values).
CONTROL_SHARE_MAX = 0.05

#: UTF-16 without BOM: one byte of each pair is NUL for Latin text. Above this share of NULs on
#: one parity (and below a tenth of it on the other), the input is UTF-16.
UTF16_NUL_SHARE = 0.4

#: Candidates given to charset-normalizer: what French and other Western European news files
#: that are not UTF-8 are actually written in. Wider lists make it pick exotic code pages for
#: short texts.
WESTERN_ENCODINGS = ["cp1252", "iso8859_15", "latin_1", "mac_roman", "cp850"]

#: A decoded text is refused when more than this share of its non-ASCII characters are U+FFFD
#: or parts of mojibake sequences, and there are at least ``BAD_MIN`` of them.
BAD_SHARE_MAX = 0.5
BAD_MIN = 8

#: Name of the codec error handler that decodes bytes invalid in the main encoding as
#: Windows-1252 (or Latin-1 for the five bytes Windows-1252 leaves undefined).
FALLBACK_ERRORS = "chronique.cp1252"

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document; extract its text first"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.odt/.xlsx document); extract its text first"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "gzip-compressed data; name it with a .gz suffix"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"{\\rtf", "an RTF document; save it as plain text first"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document; save it as plain text first"),
)

# C0 controls other than tab, newline, vertical tab, form feed, carriage return and escape.
_CONTROL = bytes([*range(0, 9), *range(14, 27), *range(28, 32), 127])
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL)

# What the continuation bytes 0x80-0xBF of UTF-8 look like when read as Windows-1252/Latin-1.
_CONT = "".join(
    sorted(
        {bytes([b]).decode(enc, "ignore") for b in range(0x80, 0xC0) for enc in ("cp1252", "latin-1")} - {""}
    )
)
_CONT_CLASS = "[" + re.escape(_CONT) + "]"
# A lead byte of a 2-byte (0xC2-0xDF) or 3-byte (0xE0-0xEF) sequence, then its continuations.
_MOJIBAKE = re.compile(f"[\u00c2-\u00df]{_CONT_CLASS}|[\u00e2\u00ef]{_CONT_CLASS}{{2}}")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_ESCAPED = re.compile("[\udc80-\udcff]")
_HTML_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I)
# Canonical codec names (codecs.lookup) of the labels browsers read as Windows-1252.
_LATIN1_LABELS = {"iso8859-1", "ascii"}


def _fallback_handler(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: decode the offending bytes as Windows-1252, else as Latin-1."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    out = []
    for b in bad:
        one = bytes([b])
        try:
            out.append(one.decode("cp1252"))
        except UnicodeDecodeError:
            out.append(one.decode("latin-1"))
    return "".join(out), exc.end


codecs.register_error(FALLBACK_ERRORS, _fallback_handler)


def normalise_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n``; the text is otherwise unchanged."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first bytes (``<meta charset>``), if any."""
    m = _HTML_CHARSET.search(data[:4096])
    if not m:
        return None
    return m.group(1).decode("ascii", "ignore")


def _canonical(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _utf16_without_bom(sample: bytes) -> str | None:
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0) / len(sample[0::2])
    odd = sample[1::2].count(0) / max(1, len(sample[1::2]))
    if odd >= UTF16_NUL_SHARE and even <= odd / 10:
        codec = "utf-16-le"
    elif even >= UTF16_NUL_SHARE and odd <= even / 10:
        codec = "utf-16-be"
    else:
        return None
    # Binary data can show the same pattern: the decoded text must look like text.
    text = sample[: len(sample) // 2 * 2].decode(codec, "replace")
    controls = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\t\n\r\x0b\x0c\x1b") or ch == "\ufffd")
    return codec if controls <= CONTROL_SHARE_MAX * len(text) else None


def _check_signature(sample: bytes) -> None:
    for magic, what in _SIGNATURES:
        if sample.startswith(magic):
            raise InputError("binary", f"this is not text but {what}")


def _check_binary(sample: bytes) -> None:
    if not sample:
        return
    nul = sample.count(0) / len(sample)
    control = len(sample.translate(None, _NOT_CONTROL)) / len(sample)
    if nul > NUL_SHARE_MAX or control > CONTROL_SHARE_MAX:
        raise InputError(
            "binary",
            f"this is not text: {control:.0%} of its first {len(sample)} bytes are control bytes "
            f"({nul:.0%} NUL); give chronique .txt/.html/.json/.jsonl/.csv files",
        )


def _mostly_utf8(data: bytes) -> bool:
    """True when the data is UTF-8 apart from a few stray bytes of another encoding."""
    text = data.decode("utf-8", "surrogateescape")
    invalid = len(_ESCAPED.findall(text))
    valid = len(_NON_ASCII.findall(text)) - invalid
    return valid > 2 * invalid


def _western_guess(data: bytes) -> str:
    import charset_normalizer  # only needed for files that are not UTF-8: imported on demand

    best = charset_normalizer.from_bytes(data[: 4 * SNIFF_BYTES], cp_isolation=WESTERN_ENCODINGS).best()
    name = _canonical(best.encoding) if best is not None else None
    if name is None or name in _LATIN1_LABELS or name == "cp1252":
        # Latin-1 labels mean Windows-1252 in practice (as browsers do): 0x80-0x9F hold the
        # typographic quotes, dashes, œ and € there, and are unused controls in Latin-1.
        try:
            data.decode("cp1252")
        except UnicodeDecodeError:
            return "latin-1"
        return "cp1252"
    return name


def sniff_encoding(sample: bytes, *, final: bool = True, hint: str | None = None) -> str:
    """The encoding of a file whose first bytes are ``sample``; raises ``InputError("binary")``.

    ``final`` says the sample is the whole file (otherwise a multi-byte character cut at the end
    of the sample is not held against UTF-8). ``hint`` is a charset the document declares. The
    name returned is a codec name for :func:`open_text` (``utf-8-sig``, ``utf-16`` and
    ``utf-32`` consume their BOM).
    """
    for bom, name in _BOMS:
        if sample.startswith(bom):
            return name
    _check_signature(sample)
    utf16 = _utf16_without_bom(sample[:SNIFF_BYTES])
    if utf16:
        return utf16
    _check_binary(sample[:SNIFF_BYTES])
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=final)
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    if _mostly_utf8(sample):
        return "utf-8"
    declared = _canonical(hint) if hint else None
    if declared and declared not in ("utf-8", "utf-16", "utf-32"):
        if declared in _LATIN1_LABELS:
            declared = "cp1252"
        try:
            sample.decode(declared)
        except UnicodeDecodeError:
            pass
        else:
            return declared
    return _western_guess(sample)


def bad_share(text: str) -> tuple[int, float]:
    """How many non-ASCII characters are U+FFFD or mojibake, and their share of all non-ASCII."""
    non_ascii = len(_NON_ASCII.findall(text))
    if not non_ascii:
        return 0, 0.0
    bad = text.count("\ufffd") + sum(len(m) for m in _MOJIBAKE.findall(text))
    return bad, bad / non_ascii


def repair(text: str, encoding: str) -> tuple[str, str]:
    """Check the decoded text for mojibake; repair double-encoded UTF-8, or raise ``encoding``.

    Cheap for clean text: the scan runs only when a tell-tale character is present.
    """
    if not any(c in text for c in ("\ufffd", "Ã", "Â", "â€", "Å")):
        return text, encoding
    bad, share = bad_share(text)
    if bad < BAD_MIN or share <= BAD_SHARE_MAX:
        return text, encoding
    for enc in ("cp1252", "latin-1"):
        try:
            fixed = text.encode(enc).decode("utf-8")
        except UnicodeError:
            continue
        if bad_share(fixed)[1] <= BAD_SHARE_MAX:
            log.info("repaired UTF-8 text that had been decoded as %s and re-encoded", enc)
            return fixed, f"{encoding}+repaired"
    raise InputError(
        "encoding",
        f"decoded as {encoding}, {share:.0%} of the non-ASCII characters are garbled "
        f"({bad} replacement or mojibake characters); re-export the file in UTF-8",
    )


def decode(data: bytes, hint: str | None = None) -> tuple[str, str]:
    """Decode the whole content of a file; return ``(text, encoding name)``.

    Newlines are normalised to ``\\n`` (offsets are taken after this), a BOM is dropped and
    stray NUL characters are removed. Raises ``InputError`` with reason ``binary`` (not text) or
    ``encoding`` (decodes only to garbage). ``hint`` is a charset the document declares, used
    only when the bytes are not UTF-8.
    """
    encoding = sniff_encoding(data, final=True, hint=hint)
    if encoding in ("utf-16-le", "utf-16-be", "utf-16", "utf-32"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise InputError(
                "encoding", f"looks like {encoding} but does not decode ({exc.reason} at byte {exc.start})"
            ) from exc
        text = text.removeprefix("\ufeff")
    elif encoding in ("utf-8", "utf-8-sig"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            text = data.decode(encoding, FALLBACK_ERRORS)
            encoding = "utf-8+cp1252"
    else:
        text = data.decode(encoding, FALLBACK_ERRORS)
    if "\x00" in text:
        log.warning("removed %d stray NUL characters", text.count("\x00"))
        text = text.replace("\x00", "")
    text, encoding = repair(text, encoding)
    return normalise_newlines(text), encoding


def open_text(binary: IO[bytes], encoding: str, newline: str | None) -> io.TextIOWrapper:
    """A text stream over ``binary`` (positioned at its start) in ``encoding``.

    Bytes invalid in the encoding are decoded as Windows-1252 rather than failing mid-stream.
    With ``newline=None`` newlines are normalised to ``\\n``; CSV needs ``newline=""``.
    """
    return io.TextIOWrapper(binary, encoding=encoding, errors=FALLBACK_ERRORS, newline=newline)
