"""Read stage: content files -> ``SourceText`` -> ``Record`` values.

``decode`` turns bytes into text (BOMs, UTF-16, Windows-1252, line endings);
``read_records`` picks the reader for a file's format (a MEDLINE, RIS or Web of Science
export by what its text starts with, whatever its name). Each reader takes one
``SourceText`` and returns every ``Record`` in it, in order, with an error
``Diagnostic`` in the place of a record it cannot use (an export is read record
by record: one bad record costs that record alone), or raises ``InputError``
when nothing in the file can be used. ``read_path`` reads a file: an XML (PubMed, PMC)
export as a stream, whatever its size; any other file whole, once its size is known
to be within ``MAX_BYTES`` of text (exports have no limit).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from generator.config import UNPUBLISHABLE_RE
from generator.diagnostics import Diagnostic, InputError, error, read_input, warning
from generator.model import Record, SourceText
from generator.readers import jats, pubmed_xml
from generator.readers.markdown_fm import read_markdown
from generator.readers.medline import read_medline
from generator.readers.ris import read_ris
from generator.readers.webtext import read_webtext
from generator.readers.wos import read_wos
from generator.readers.xml_common import iter_articles, text_stream

Reader = Callable[[SourceText], Iterable[Record | Diagnostic]]

XML_ARTICLES = {**pubmed_xml.READERS, **jats.READERS}
XML_SETS = pubmed_xml.SETS | jats.SETS


def iter_xml(path: str, stream: BinaryIO, encoding: str | None = None) -> Iterator[Record | Diagnostic]:
    """Every article of a PubMed XML or PubMed Central (JATS) file as it is read from ``stream``, by its root
    (``encoding``: see ``iter_articles``)."""
    return iter_articles(path, stream, XML_ARTICLES, XML_SETS, "PubMed or PubMed Central (JATS) XML", encoding)


def read_xml(source: SourceText) -> list[Record | Diagnostic]:
    """Every article in an XML text (a file is read as a stream, by ``iter_xml``)."""
    return list(iter_xml(source.path, text_stream(source)))


READERS: dict[str, Reader] = {
    ".txt": read_webtext,
    ".nbib": read_medline,
    ".medline": read_medline,
    ".xml": read_xml,
    ".nxml": read_xml,
    ".ris": read_ris,
    ".md": read_markdown,
}

# Pasted pages and Markdown are one abstract each: a file this large is not one. Exports have no limit,
# whether they are named as one or only start as one.
MAX_BYTES = 5 * 1024 * 1024
EXPORTS = (".nbib", ".medline", ".ris")
XML_SUFFIXES = (".xml", ".nxml")

MEDLINE_START_RE = re.compile(r"\A\s*PMID- ")
# An RIS file may open with a record's number, as Ovid and EndNote write it ("1.", "<1.>", "Record #1 of 2").
RIS_START_RE = re.compile(r"\A\s*(?:(?:\d+\.|<\d+\.?>|Record #\d+ of \d+)\s*\n\s*)?TY(?: {1,2}|\t)- ")
# ... or after a wrapper's lines ("Record #1 of 2" / "Provider: ..." / "Content: text/plain" / "1."): a TY line near the
# top and an ER line make an RIS file whatever its name.
RIS_TY_RE = re.compile(r"^[ \t]*TY(?: {1,2}|\t)-[ \t]", re.MULTILINE)
RIS_ER_RE = re.compile(r"^[ \t]*ER(?: {1,2}|\t)-", re.MULTILINE)
RIS_SNIFF_CHARS = 2000
XML_START_RE = re.compile(r"\A\s*<")
# Web of Science's tagged export: its header ("FN Clarivate Analytics Web of Science"), or a first record.
WOS_START_RE = re.compile(r"\A\s*(?:FN [^\n]*Web of Science|PT [A-Z]\s*\n)")


def decode(path: str, data: bytes) -> str:
    """Decode a content file's bytes; raise ``InputError`` for what is not text."""
    if not data:
        raise InputError(error(path, "file is empty"))
    if not data.strip():
        raise InputError(error(path, "file has only white space"))
    if encoding := _utf16(data):
        text = data.decode(encoding, errors="replace")
    elif data.startswith(codecs.BOM_UTF8):
        text = data[3:].decode("utf-8", errors="replace")
    elif _looks_binary(data):
        # A stray NUL (a bad copy and paste) is dropped below; many of them mean binary or BOM-less UTF-16.
        raise InputError(error(path, "file is not text (it looks like a binary or image file)"))
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    # Files joined into one ("cat *.nbib") keep each one's byte-order mark: one at the start of a line hid its tag.
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = UNPUBLISHABLE_RE.sub("", text)
    if not text.strip():
        raise InputError(error(path, "file has only white space"))
    return text


def _size_limit(path: Path) -> int | None:
    """The size limit of a file read whole: none for one that starts as a MEDLINE, RIS or Web of Science export,
    whatever its name (PubMed saves its "PubMed format" as ``.txt``; an export of thousands of records is no
    pasted page); else ``MAX_BYTES`` of text, which UTF-16 writes in twice as many bytes."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return MAX_BYTES  # reading it again says why
    encoding = _utf16(head)
    text = (head.decode(encoding, errors="replace") if encoding else
            head.removeprefix(codecs.BOM_UTF8).decode("utf-8", errors="replace")).replace("\r\n", "\n")
    if any(pattern.match(text) for pattern in (MEDLINE_START_RE, RIS_START_RE, WOS_START_RE)) \
            or RIS_TY_RE.search(text, 0, RIS_SNIFF_CHARS):
        return None
    return 2 * MAX_BYTES if encoding else MAX_BYTES


def _utf16(data: bytes) -> str | None:
    """The UTF-16 codec that decodes ``data``: by its byte-order mark, or without one, by its NULs (Latin text
    saved as UTF-16 has a NUL in every other byte, on the same side)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    head = data[:4096]
    if len(head) < 16 or len(head) % 2:
        return None
    if head[1::2].count(0) > len(head) * 0.45 and not head[0::2].count(0):
        return "utf-16-le"
    if head[0::2].count(0) > len(head) * 0.45 and not head[1::2].count(0):
        return "utf-16-be"
    return None


# Bytes that text does not hold: the C0 controls but tab, line feed, vertical tab, form feed, carriage return.
CONTROL_BYTES = bytes(b for b in range(32) if b < 9 or 13 < b)


def _looks_binary(data: bytes) -> bool:
    head = data[:4096]
    if head.startswith((b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04")):
        return True
    controls = len(head) - len(head.translate(None, CONTROL_BYTES))
    return controls > len(head) // 20


def pick_reader(source: SourceText) -> Reader:
    """The reader for a file: by its extension, else by what its text starts with. A MEDLINE, RIS or Web of
    Science export is read as what it is whatever it is called (PubMed's MEDLINE saved as ``.ris``, RIS as
    ``.nbib``, Web of Science's "savedrecs.txt")."""
    suffix = source.path[source.path.rfind("."):].lower() if "." in source.path else ""
    if suffix in (*XML_SUFFIXES, ".md"):
        return READERS[suffix]
    if MEDLINE_START_RE.match(source.text):
        return read_medline
    if RIS_START_RE.match(source.text) or RIS_TY_RE.search(source.text, 0, RIS_SNIFF_CHARS) and RIS_ER_RE.search(source.text):
        return read_ris
    if WOS_START_RE.match(source.text):
        return read_wos
    if suffix in READERS and suffix != ".txt":
        return READERS[suffix]
    if suffix != ".txt" and XML_START_RE.match(source.text):
        return read_xml
    return read_webtext


def read_records(source: SourceText) -> tuple[list[Record], list[Diagnostic]]:
    """Every record in one content file, and the errors of the records that could not be used."""
    reader = pick_reader(source)
    records, diagnostics = settle(source.path, reader(source))
    if reader is read_webtext and not any(r.blocks or r.title for r in records):
        # Everything the reader saw was page furniture: a page saved before its abstract loaded.
        raise InputError(error(source.path, "no abstract found in this file (only page furniture such as "
                                            "menus, links and banners)"))
    return records, diagnostics


def read_path(rel: str, path: Path) -> tuple[list[Record], list[Diagnostic]]:
    """Every record in the file at ``path`` (``rel`` in messages): see ``read_records``."""
    kind = path.suffix.lower()
    if kind not in XML_SUFFIXES:
        try:
            data = read_input(path, rel, None if kind in EXPORTS else MAX_BYTES)
        except InputError:
            limit = _size_limit(path)  # looked at only when a file is over the limit: most are not
            if limit == MAX_BYTES:
                raise
            data = read_input(path, rel, limit)
        return read_records(SourceText(rel, decode(rel, data)))
    try:
        stream = open(path, "rb")
    except OSError as exc:
        raise InputError(error(rel, f"cannot be read: {exc.strerror}")) from None
    with stream:
        head = stream.read(4096)
        if not head:
            raise InputError(error(rel, "file is empty"))
        stream.seek(0)
        # UTF-16 is told by its NULs, as ``decode`` tells it: the parser knows it only by a byte-order mark or a
        # declaration first, not one saved without either or after blank lines.
        return settle(rel, iter_xml(rel, stream, _utf16(head)))


def settle(path: str, items: Iterable[Record | Diagnostic]) -> tuple[list[Record], list[Diagnostic]]:
    """A reader's records and messages apart, with a warning for each record with nothing to read (it is kept: the
    build makes its title); ``InputError`` when there is no record."""
    records: list[Record] = []
    diagnostics: list[Diagnostic] = []
    for item in items:
        (diagnostics if isinstance(item, Diagnostic) else records).append(item)
        if isinstance(item, Record) and not (item.title or item.blocks or item.doi or item.pmid):
            diagnostics.append(warning(path, "record has no title, abstract, DOI or PMID; kept, with a made title",
                                       item.line))
    if not records:
        if not any(d.severity == "error" for d in diagnostics):
            diagnostics.append(error(path, "no abstract found in this file"))
        raise InputError(*diagnostics)
    return records, diagnostics
