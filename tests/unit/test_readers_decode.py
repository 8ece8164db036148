"""Bytes to text, and which reader a file gets."""

import codecs

import pytest

from generator.diagnostics import InputError
from generator.model import SourceText
from generator.readers import MAX_BYTES, decode, pick_reader, read_path
from generator.readers.medline import read_medline
from generator.readers.ris import read_ris
from generator.readers.webtext import read_webtext


@pytest.mark.parametrize("data, text", [
    (codecs.BOM_UTF8 + "Résumé\r\nline".encode(), "Résumé\nline"),
    ("Résumé\rline".encode("utf-16"), "Résumé\nline"),
    ("p \u2264 0.05 – fine".encode("cp1252", errors="ignore"), "p  0.05 – fine"),
    (b"a stray bell\x07 in a longer line of text\n", "a stray bell in a longer line of text\n"),
])
def test_decode(data, text):
    assert decode("x.txt", data) == text


@pytest.mark.parametrize("data, message", [
    (b"", "x.txt: error: file is empty"),
    (b"\x89PNG\r\n\x1a\n" + bytes(200), "x.txt: error: file is not text (it looks like a binary or image file)"),
])
def test_decode_errors(data, message):
    with pytest.raises(InputError) as caught:
        decode("x.txt", data)
    assert str(caught.value) == message


@pytest.mark.parametrize("path, text, reader", [
    ("a.txt", "PMID- 1\nTI  - x", read_medline),
    ("a.txt", "TY  - JOUR\nTI  - x", read_ris),
    ("a.txt", "<PubmedArticleSet/>", read_webtext),
    ("a.nbib", "anything", read_medline),
    # An export named as the other kind is read as what it is.
    ("a.ris", "PMID- 1\nTI  - x", read_medline),
    ("a.nbib", "1.\nTY  - JOUR\nTI  - x", read_ris),
    ("a.ris", "anything", read_ris),
])
def test_pick_reader(path, text, reader):
    assert pick_reader(SourceText(path, text)) is reader


@pytest.mark.parametrize("name, text, pmids", [
    ("joined.nbib", "PMID- 1\nTI  - First.\n\n", ["1", "2"]),
    ("joined.ris", "TY  - JOUR\nTI  - First.\nPM  - PUBMED 1\nER  - \n", ["1", "2"]),
])
def test_exports_joined_into_one_file_keep_every_record(tmp_path, name, text, pmids):
    """Exports joined with ``cat`` or ``copy /b`` keep each one's byte-order mark, now at the start of a line."""
    (tmp_path / name).write_bytes(codecs.BOM_UTF8 + text.encode() + codecs.BOM_UTF8 + text.replace("1", "2").encode())
    records, errors = read_path(name, tmp_path / name)
    assert ([r.pmid for r in records], errors) == (pmids, [])


def test_an_export_saved_as_txt_has_no_size_limit(tmp_path):
    """PubMed saves its "PubMed format" as .txt: thousands of records are no pasted page."""
    record = b"PMID- 1\nTI  - A title.\nAB  - " + b"x" * 2000 + b"\n\n"
    (tmp_path / "pubmed-set.txt").write_bytes(codecs.BOM_UTF8 + record * (MAX_BYTES // len(record) + 1))
    records, _ = read_path("pubmed-set.txt", tmp_path / "pubmed-set.txt")
    assert len(records) == MAX_BYTES // len(record) + 1
    (tmp_path / "page.txt").write_bytes(b"A pasted page. " * (MAX_BYTES // 15 + 1))
    with pytest.raises(InputError) as caught:
        read_path("page.txt", tmp_path / "page.txt")
    assert "the limit is 5,242,880 bytes" in str(caught.value)


MEDLINE_RECORD = "PMID- 1\nTI  - A trial of aspirin.\nAB  - We randomised 40 adults to aspirin or placebo.\n\n"
# Ovid writes a wrapper before each RIS record.
OVID_RECORD = "Record #1 of 2\nProvider: Ovid Technologies\n\nTY  - JOUR\nTI  - A trial of aspirin.\nER  - \n\n"
PAGE = "A trial of aspirin. We randomised 40 adults to aspirin or placebo. "


def utf16(text: str, encoding: str) -> bytes:
    return text.replace("\n", "\r\n").encode(encoding)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text, records", [
    (MEDLINE_RECORD * 40, 40),
    (OVID_RECORD * 40, 40),
    # A page is judged by its text: 871 characters are within a limit of 1,000, in 1,742 bytes of UTF-16.
    (PAGE * 13, 1),
])
def test_a_utf16_file_is_judged_by_its_text(tmp_path, monkeypatch, encoding, text, records):
    """Windows tools save exports and pasted pages as UTF-16, two bytes a character (BOM or none)."""
    monkeypatch.setattr("generator.readers.MAX_BYTES", 1000)
    (tmp_path / "saved.txt").write_bytes(utf16(text, encoding))
    found, errors = read_path("saved.txt", tmp_path / "saved.txt")
    assert (len(found), errors) == (records, [])


@pytest.mark.parametrize("encoding, size", [("utf-16", 2280), ("utf-16-le", 2278)])
def test_a_utf16_page_of_more_than_the_limit_of_text_is_refused(tmp_path, monkeypatch, encoding, size):
    monkeypatch.setattr("generator.readers.MAX_BYTES", 1000)
    (tmp_path / "page.txt").write_bytes(utf16(PAGE * 17, encoding))
    with pytest.raises(InputError) as caught:
        read_path("page.txt", tmp_path / "page.txt")
    assert str(caught.value) == f"page.txt: error: file is {size:,} bytes; the limit is 2,000 bytes"
