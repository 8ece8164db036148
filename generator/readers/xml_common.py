"""What the XML readers share: reading a file of articles as a stream, and the text of an element.

A file is read with lxml's pull parser, fed 64 KiB at a time, each article dropped once read, so a file of
50,000 articles takes no more memory to read than one of 50. No entity is expanded and nothing is fetched: a
file that declares entities (in a DTD's internal subset) is refused; an external DTD, as efetch and the PMC
Open Access files name it, is never loaded. One article that is not right is an error naming its line; the
others are kept. Exports joined into one file (``cat a.xml b.xml``) are read as one: where one ends and the
next begins is blanked in the bytes, every line number kept. A file in UTF-16 (as Windows tools save one, with
or without a byte-order mark) is fed to the parser as UTF-8, its declaration saying so, as it is read.

Inline markup (``<i>``, ``<sup>``, ``<sub>``) and MathML are turned into the text a reader sees.
"""

from __future__ import annotations

import codecs
import html
import io
import itertools
import re
from collections.abc import Callable, Collection, Iterator, Mapping
from typing import BinaryIO

from lxml import etree

from generator.diagnostics import Diagnostic, error, unforeseen
from generator.model import Record, SourceText

# The encoding an XML declaration names, which a text (already decoded) no longer has.
DECLARED_ENCODING_RE = re.compile(r"""\A(\s*<\?xml[^>]*?\sencoding=)(["'])[^"']*\2""")
DECLARED_ENCODING_BYTES_RE = re.compile(DECLARED_ENCODING_RE.pattern.encode())
YEAR_RE = re.compile(r"\b(?:18|19|20)\d\d\b")
SPACE_RE = re.compile(r"\s+")
MATHML = "{http://www.w3.org/1998/Math/MathML}"
CHUNK = 1 << 16  # bytes fed to the parser at a time
# MathML that is not read: the TeX or MathML source an equation may carry beside it.
MATH_SKIPPED = {"annotation", "annotation-xml"}
# Markup that sets whole words apart (not ``<sub>``/``<sup>``, which are part of the word they follow).
WORD_MARKUP = {"i", "b", "u", "em", "strong", "italic", "bold", "underline"}
# Elements that stand apart from the text around them (JATS paragraphs, list items, line breaks), which files
# often write with no white space between them: a space keeps the words on either side apart.
BLOCKS = {"p", "list-item", "title", "label", "def-item", "term", "def", "disp-quote", "break", "td", "th"}

# One article element read into a ``Record``: (file, element, line) -> the record or the error that stops it.
ArticleReader = Callable[[str, etree._Element, int], Record | Diagnostic]


def _math_text(node: etree._Element) -> str:
    """An equation as it reads: ``V̇O₂max`` written in MathML gives "VO2max" (accents over a letter left out).

    Recursive: libxml2 refuses a file nested deeper than 256 elements (``huge_tree`` off), so it is bounded."""
    name = etree.QName(node).localname
    if name in MATH_SKIPPED:
        return ""
    children = list(node)
    if name in ("mtext", "mspace") and not children:
        return SPACE_RE.sub(" ", node.text or " ")  # the words and spaces an equation sets between its symbols
    if not children:
        return (node.text or "").strip()
    if name in ("mover", "munder", "munderover"):
        return _math_text(children[0])  # the accent or limit over a letter is not part of its name
    parts = [_math_text(child) for child in children]
    if name == "mmultiscripts" and "mprescripts" in (names := [etree.QName(c).localname for c in children]):
        split = names.index("mprescripts")  # the scripts after it go before the symbol: an isotope's "3He"
        return "".join(parts[split + 1:] + parts[:split])
    if name == "mfrac" and len(parts) == 2:
        return f"{parts[0]}/{parts[1]}"
    if name == "msqrt":
        return f"√({''.join(parts)})"
    if name == "mroot" and len(parts) == 2:
        return f"{parts[1]}√({parts[0]})"  # the index before the root: "3√(x2)"
    if name == "mfenced":
        separator = node.get("separators", ",").strip()[:1]
        return f"{node.get('open', '(')}{(separator + ' ' if separator else '').join(parts)}{node.get('close', ')')}"
    if name == "msup" and len(parts) == 2 and parts[0][-1:].isdigit() and parts[1][:1].isdigit():
        return f"{parts[0]} {parts[1]}"  # an exponent stays apart from its base, as ``<sup>`` does
    return "".join(parts)


def _set_apart(node: etree._Element, parts: list[str], following: str) -> bool:
    """Whether ``node`` is a word in italic (bold, ...) that letters run into: the text read so far ends in
    one and ``following`` starts with one. A letter or two is a symbol, part of its word ("NF-<i>κ</i>B")."""
    if node.tag not in WORD_MARKUP:
        return False
    word = "".join(node.itertext()).strip()
    last = next((p for p in reversed(parts) if p), "")
    return len(word) > 2 and word.isalpha() and last[-1:].isalpha() and following[:1].isalpha()


def flat_text(element: etree._Element | None) -> str:
    """The text of ``element`` with inline markup flattened and white space collapsed."""
    if element is None:
        return ""
    parts: list[str] = []
    # An explicit stack, not recursion: hostile files may nest markup thousands deep.
    stack: list[tuple[etree._Element, bool]] = [(element, False)]
    while stack:
        node, done = stack.pop()
        if done:
            tail = node.tail or ""
            if node.tag in BLOCKS:
                parts.append(" ")
            if _set_apart(node, parts, tail):
                parts.append(" ")
            parts.append(tail)
            continue
        if isinstance(node.tag, str) and node.tag.startswith(MATHML):
            parts.append(_math_text(node))
            if node is not element:
                stack.append((node, True))
            continue
        text = node.text or ""
        if node.tag is etree.Entity:  # a named entity an external DTD (never loaded) would define: "&nbsp;"
            text = html.unescape(text)
        # A line break before a sub- or superscript is the file's indentation, not a space in the word ("β2").
        if node.tag in ("sub", "sup") and parts and "\n" in parts[-1][len(parts[-1].rstrip()):]:
            parts[-1] = parts[-1].rstrip()
        # A superscript after a digit is an exponent ("10<sup>6</sup>"): keep it apart, as a
        # pasted page does ("10 6"), so it never reads as the number 106.
        if node.tag == "sup" and text[:1].isdigit() and parts and parts[-1][-1:].isdigit():
            parts.append(" ")
        # Some PubMed files drop the spaces around an italic word ("at the<i>TERT</i>gene"):
        # a word set apart is a word of its own when letters run into it on either side.
        if node is not element and (node.tag in BLOCKS or _set_apart(node, parts, text)):
            parts.append(" ")
        parts.append(text)
        if node is not element:
            stack.append((node, True))
        stack.extend((child, False) for child in reversed(node))
    return SPACE_RE.sub(" ", "".join(parts)).strip()


def texts(holder: etree._Element, path: str) -> tuple[str, ...]:
    """The distinct texts of the nodes at ``path``, in order."""
    return tuple(dict.fromkeys(t for node in holder.findall(path) if (t := flat_text(node))))



# Where one export ends and the next begins in files joined into one ("cat a.xml b.xml"): the end of one set,
# the next one's byte-order mark, declaration and DOCTYPE (never one with an internal subset), and its start.
JOINED_RE = re.compile(rb"</(PubmedArticleSet|pmc-articleset)>\s*(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>\s*)?"
                       rb"(?:<!DOCTYPE[^>\[]*>\s*)?<\1>")
# A declaration after blank lines (a file saved by a script or a browser), which XML allows only first: in UTF-8
# it says nothing the parser needs.
LATE_DECLARATION_RE = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s+(<\?xml(?:(?!encoding)[^>])*(?:encoding=[\"']utf-?8[\"'][^>]*)?\?>)", re.IGNORECASE)
JOIN_BYTES = 4096  # more than a join takes


def _blank(match: re.Match[bytes], group: int = 0) -> bytes:
    """What ``match`` found turned into spaces, its line breaks kept (so every line number stays as it was)."""
    return re.sub(rb"[^\n]", b" ", match.group(group))


def _mend(data: bytes, first: bool, recoded: bool) -> bytes:
    """``data`` with the joins of exports (and first, a late declaration) blanked; first, when it was written again
    as UTF-8, with its declaration saying so."""
    if first and recoded:
        data = DECLARED_ENCODING_BYTES_RE.sub(rb"\1\2utf-8\2", data, count=1)
    if first and (late := LATE_DECLARATION_RE.match(data)):
        data = data[:late.start(1)] + _blank(late, 1) + data[late.end(1):]
    return JOINED_RE.sub(_blank, data)


def _read(stream: BinaryIO, encoding: str | None) -> Iterator[bytes]:
    """``stream`` a ``CHUNK`` at a time: as it is, or decoded from ``encoding`` and written as UTF-8."""
    if encoding is None:
        yield from iter(lambda: stream.read(CHUNK), b"")
        return
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    while chunk := stream.read(CHUNK):
        yield decoder.decode(chunk).encode("utf-8")
    yield decoder.decode(b"", final=True).encode("utf-8")


def _chunks(stream: BinaryIO, encoding: str | None) -> Iterator[bytes]:
    """``stream`` (in ``encoding``, else as XML says) a chunk at a time, read as one document in UTF-8. The last
    ``JOIN_BYTES`` of what is read are held back for the next chunk, so a join is always seen whole."""
    data, first = b"", True
    for chunk in _read(stream, encoding):
        data += chunk
        if len(data) > 2 * JOIN_BYTES:
            data, first = _mend(data, first, encoding is not None), False
            yield data[:-JOIN_BYTES]
            data = data[-JOIN_BYTES:]
    if data:
        yield _mend(data, first, encoding is not None)


def parse_events(stream: BinaryIO, encoding: str | None = None) -> Iterator[tuple[str, etree._Element]]:
    """The parser's start and end events as ``stream`` is read, and every event before a syntax error (which
    ``iterparse`` may lose, depending on how much it has read), then the error. At the end of a cut-off file
    lxml makes up the end events of what was left open: they are dropped."""
    parser = etree.XMLPullParser(events=("start", "end"), resolve_entities=False, no_network=True, load_dtd=False,
                                 huge_tree=False, remove_comments=True, remove_pis=True)
    for chunk in itertools.chain(_chunks(stream, encoding), [b""]):
        failure = None
        try:
            parser.feed(chunk) if chunk else parser.close()
        except etree.XMLSyntaxError as exc:
            failure = exc
        if failure is None or chunk:
            yield from parser.read_events()
        if failure is not None:
            raise failure
        if not chunk:
            return


def iter_articles(path: str, stream: BinaryIO, readers: Mapping[str, ArticleReader], sets: Collection[str],
                  kind: str, encoding: str | None = None) -> Iterator[Record | Diagnostic]:
    """Every article of an XML file as it is read from ``stream``, or the error that stops it. The root is one
    article (its tag a key of ``readers``) or one of ``sets``, whose articles are its children; ``kind`` names
    the formats in the message for any other root; ``encoding`` is the one the bytes are in when it is not what
    XML tells by them (UTF-16 without a byte-order mark)."""
    depth, in_set = 0, False
    try:
        for event, element in parse_events(stream, encoding):
            if event == "start":
                if depth == 0:
                    dtd = element.getroottree().docinfo.internalDTD
                    if dtd is not None and any(True for _ in dtd.iterentities()):
                        yield error(path, "XML with a DOCTYPE internal subset or ENTITY declarations "
                                          "is refused (entity expansion is unsafe)")
                        return
                    if element.tag not in readers and element.tag not in sets:
                        yield error(path, f"not a {kind} file (root element is <{element.tag}>)")
                        return
                    in_set = element.tag in sets
                depth += 1
                continue
            depth -= 1
            if depth > int(in_set):
                continue
            if read := readers.get(element.tag):
                line = element.sourceline or 1
                try:
                    item = read(path, element, line)
                except Exception as exc:  # noqa: BLE001 - one article's failure is that article's alone
                    item = unforeseen(path, line, f"reading this <{element.tag}>", exc)
                yield item
            if in_set:
                # Read: dropped, with what came before it, so the tree never holds more than one article.
                element.clear()
                while element.getprevious() is not None:
                    del element.getparent()[0]
    except etree.XMLSyntaxError as exc:
        line, col = exc.position
        message = (exc.msg or "not well-formed").split(",", 1)[0].rstrip(".")
        yield error(path, f"malformed XML: {message}", line or None, col if line and col else None)


def text_stream(source: SourceText) -> BinaryIO:
    """A text already decoded as the bytes the parser reads: UTF-8, whatever its declaration said."""
    return io.BytesIO(DECLARED_ENCODING_RE.sub(r"\1\2utf-8\2", source.text, count=1).encode("utf-8"))
