"""MEDLINE (.nbib) reader: fields, continuation lines, collective authors, books, record by record, errors."""

import pytest

from generator.diagnostics import Diagnostic, InputError
from generator.model import SourceText
from generator.readers import read_records
from generator.readers.medline import mesh_terms, read_medline


def read(text: str):
    """Every record of a MEDLINE text."""
    return read_medline(SourceText("refs.nbib", text))


def test_fields():
    [record] = read("PMID- 1\nTI  - A title\n      continued.\nAB  - RESULTS: 3 of\n      4.\nFAU - Smith, Ann\n"
                    "JT  - Journal of Tests\nDP  - 2001 Nov-Dec\nAID - S0001 [pii]\nAID - 10.1/A.B [doi]\nOT  - kw\n")
    assert (record.title, record.authors, record.journal, record.year, record.doi, record.pmid, record.keywords) == (
        "A title continued.", ("Smith, Ann",), "Journal of Tests", 2001, "10.1/A.B", "1", ("kw",))
    assert record.blocks[0].text == "RESULTS: 3 of 4."


def test_the_pubmed_central_id():
    [record] = read("PMID- 1\nTI  - A title.\nPMC - PMC1234567\n")
    assert record.pmcid == "PMC1234567"


@pytest.mark.parametrize("heading, terms", [
    ("*Humans", ["Humans"]),
    ("Liver Neoplasms/*drug therapy/secondary", ["Liver Neoplasms / drug therapy", "Liver Neoplasms / secondary"]),
])
def test_mesh_headings(heading, terms):
    descriptor, *qualifiers = heading.split("/")
    assert mesh_terms(descriptor, qualifiers) == terms


def test_records_start_after_blank_lines():
    records = read("\nPMID- 1\nTI  - One\n\n\nPMID- 2\nTI  - Two\n")
    assert [(r.pmid, r.line) for r in records] == [("1", 2), ("2", 6)]


def shown(items) -> list[str]:
    """Each record's PMID and each message, in order."""
    return [str(i) if isinstance(i, Diagnostic) else i.pmid for i in items]


@pytest.mark.parametrize("text, found", [
    # A stray line between records, or in one: a warning, and nothing else lost.
    ("PMID- 1\nTI  - One\n\nSearch results, page 2\n\nPMID- 2\nTI  - Two\n",
     ["1", "refs.nbib:4: warning: line is neither a MEDLINE field ('TAG - value') nor a value going on (indented 6 "
           "spaces): 'Search results, page 2'; left out", "2"]),
    # Records one after the other, without a blank line between.
    ("PMID- 1\nTI  - One\nPMID- 2\nTI  - Two\nPMID- 3\nTI  - Three\n", ["1", "2", "3"]),
    # A record with nothing to read is kept (the build makes it a title), as is one with only a PMID; a last
    # line that is not a title or abstract is not cut off.
    ("PMID- 1\nTI  - One\n\nAU  - Smith A\n\nPMID- 3\nTI  - Three\n\nPMID- 4\nPT  - Editorial\nJT  - Journal of Tests",
     ["1", None, "3", "4"]),
    # A cut-off download loses only the record it cuts.
    ("PMID- 1\nTI  - One.\n\nPMID- 2\nTI  - Two\nAB  - Background: Drug Q was given to 48 pat",
     ["1", "refs.nbib:6: error: file ends in the middle of a field (line 6 has no line ending and no final full "
           "stop); the export looks cut off"]),
])
def test_record_by_record(text, found):
    assert shown(read(text)) == found


def test_collective_authors_are_authors_in_their_place():
    [record] = read("PMID- 1\nTI  - T\nFAU - Smith, Ann\nAU  - Smith A\nCN  - Test Ovarian Cancer Study Group\n"
                    "FAU - Doe, Jo\nAU  - Doe J\n")
    assert record.authors == ("Smith A", "Test Ovarian Cancer Study Group", "Doe J")
    [record] = read("PMID- 1\nTI  - T\nCN  - Test Group\n")
    assert record.authors == ("Test Group",)


def test_continuation_lines_however_indented():
    [record] = read("PMID- 1\nTI  - A title\n  that goes on\n\tand on.\nAB  - One\n      two.\n")
    assert (record.title, record.blocks[0].text) == ("A title that goes on and on.", "One two.")


@pytest.mark.parametrize("text, fields", [
    ("PMID- 9\nBTI - Test Reviews\nTI  - Invented Syndrome\nPB  - Test Press\nDP  - 1993\nAU  - Lindqvist KA\n",
     ("Invented Syndrome", "Test Reviews", 1993)),
    ("PMID- 9\nBTI - A Handbook of Tests\nPB  - Test Press\nDP  - 2004\n", ("A Handbook of Tests", "Test Press", 2004)),
])
def test_books_and_chapters(text, fields):
    [record] = read(text)
    assert (record.title, record.journal, record.year) == fields


@pytest.mark.parametrize("text, message", [
    ("this is not a field\n", "refs.nbib:1: warning: line is neither a MEDLINE field ('TAG - value') nor a value "
                               "going on (indented 6 spaces): 'this is not a field'; left out\n"
                               "refs.nbib: error: no abstract found in this file"),
])
def test_errors(text, message):
    with pytest.raises(InputError) as caught:
        read_records(SourceText("refs.nbib", text))
    assert str(caught.value) == message
