"""RIS reader: tags, wrapped values, author names, missing ER, errors."""

import pytest

from generator.diagnostics import InputError
from generator.model import SourceText
from generator.readers.ris import author_name, read_ris


def read(text: str):
    """Every record of an RIS text."""
    return read_ris(SourceText("refs.ris", text))


@pytest.mark.parametrize("raw, name", [
    ("Walther, M. M.", "Walther MM"), ("Walther, MM", "Walther MM"), ("Okafor, C N", "Okafor CN"),
    ("Walther, Mary", "Walther, Mary"), ("Test Collaborative Group", "Test Collaborative Group"),
])
def test_author_name(raw, name):
    assert author_name(raw) == name


def test_fields_and_last_record_without_er():
    records = read("TY  - JOUR\nT1  - First\nA1  - Smith, A\nJF  - Journal of Tests\nY1  - 2012/06/15/\n"
                   "DO  - https://doi.org/10.1000/x.\nER  - \nTY  - JOUR\nTI  - Second\nAB  - Line one\nline two\n")
    assert [(r.title, r.line) for r in records] == [("First", 1), ("Second", 8)]
    assert (records[0].authors, records[0].journal, records[0].year, records[0].doi) == (
        ("Smith A",), "Journal of Tests", 2012, "10.1000/x")
    assert records[1].blocks[0].text == "Line one line two"


@pytest.mark.parametrize("text, message", [
    ("TI  - No type first\nER  - \n", "refs.ris:1: error: expected 'TY  - ' to start a record, found 'TI  - '"),
    ("Some notes\nTY  - JOUR\n", "refs.ris:1: error: expected 'TY  - ' to start a record, found 'Some notes'"),
    ("TY  - JOUR\nTI  - A\nTY  - JOUR\nTI  - B\nER  - \n",
     "refs.ris:3: error: record starting at line 1 has no 'ER  - ' before the next 'TY  - '"),
    ("TY  - JOUR\nAU  - Smith, A\nER  - \n", "refs.ris:1: error: RIS record has neither a title (TI/T1) nor an abstract (AB)"),
])
def test_errors(text, message):
    with pytest.raises(InputError) as caught:
        read(text)
    assert str(caught.value) == message
