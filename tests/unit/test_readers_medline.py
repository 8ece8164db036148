"""MEDLINE (.nbib) reader: fields, continuation lines, several records, errors."""

import pytest

from generator.diagnostics import InputError
from generator.model import SourceText
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


@pytest.mark.parametrize("text, message", [
    ("PMID- 1\nTI  - x\nthis is not a field\n",
     "refs.nbib:3: error: expected a MEDLINE field ('TAG - value') or a line indented 6 spaces, found 'this is not a field'"),
    ("PMID- 1\nAU  - Smith A\n",
     "refs.nbib:1: error: MEDLINE record has neither a title (TI) nor an abstract (AB)"),
])
def test_errors(text, message):
    with pytest.raises(InputError) as caught:
        read(text)
    assert str(caught.value) == message
