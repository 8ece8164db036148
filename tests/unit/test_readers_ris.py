"""RIS reader: tags and their separators, numbered records, wrapped values, author names, missing ER, errors."""

import pytest

from generator.diagnostics import Diagnostic, InputError
from generator.model import SourceText
from generator.readers import read_records
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


@pytest.mark.parametrize("fields, doi, pmid", [
    # Ovid MEDLINE's accession number is the PMID; Embase's is not.
    ("DB  - Ovid MEDLINE(R) <1946 to Present>\nAN  - 31234567\n", None, "31234567"),
    ("DB  - Embase\nDB  - Medline\nAN  - 2006713348\n", None, None),
    # The Cochrane Library's CENTRAL gives the PMID a tag of its own, beside the Embase number.
    ("ID  - CN-01654932\nPM  - PUBMED 30107788\nXR  - EMBASE 623456789\n", None, "30107788"),
    # A DOI given only as a doi.org link; a link elsewhere is no DOI.
    ("UR  - https://www.example.org/a/1\nL2  - http://dx.doi.org/10.1000/ab.12\n", "10.1000/ab.12", None),
    ("UR  - https://www.example.org/10.1000/ab.12\n", None, None),
    ("DO  - 10.1000/first\nUR  - https://doi.org/10.1000/second\n", "10.1000/first", None),
    # A DOI in M3, as some databases write it, bare, after "doi:" or as a link; DO before it, M3 before a link.
    ("M3  - 10.1000/m3.45\n", "10.1000/m3.45", None),
    ("M3  - doi: 10.1000/m3.45.\n", "10.1000/m3.45", None),
    ("M3  - https://doi.org/10.1000/m3.45\n", "10.1000/m3.45", None),
    ("DO  - 10.1000/first\nM3  - 10.1000/second\n", "10.1000/first", None),
    ("M3  - 10.1000/first\nUR  - https://doi.org/10.1000/second\n", "10.1000/first", None),
    # M3 holding the type of work, or a DOI inside other words, is no DOI; nor is one in a note, or in a link that is not
    # doi.org's.
    ("M3  - Journal Article\n", None, None),
    ("M3  - Erratum for 10.1000/other.1\n", None, None),
    ("N1  - Comment on: doi:10.1000/other.2\n", None, None),
    ("M3  - Review\nN1  - Corrected version of 10.1000/other.3\nUR  - https://doi.org/10.1000/own.4\n",
     "10.1000/own.4", None),
    ("L3  - https://www.example.org/full/10.1000/other.5\n", None, None),
])
def test_doi_and_pmid_where_databases_write_them(fields, doi, pmid):
    [record] = read(f"TY  - JOUR\nTI  - A title\n{fields}ER  - \n")
    assert (record.doi, record.pmid) == (doi, pmid)


def shown(items) -> list[str]:
    """Each record's title (or its DOI) and each message, in order."""
    return [str(i) if isinstance(i, Diagnostic) else i.title or i.doi for i in items]


OVID = ("1.\nTY  - JOUR\nT1  - First.\nA1  - Smith, A\nER  -\nNL  - J Tests\n\nLink to the Ovid Full Text: http://x\n\n"
        "2.\nTY  - JOUR\nT1  - Second.\nER  -\n")
ENDNOTE = ("Record #1 of 2\nProvider: Provider\nContent: text/plain; charset=\"UTF-8\"\n1.\nTY  - JOUR\nT1  - First.\nER  - \n\n"
           "Record #2 of 2\nProvider: Provider\n2.\nTY  - JOUR\nT1  - Second.\nER  - \n")


@pytest.mark.parametrize("text, titles", [
    (OVID, ["First.", "Second."]),
    (ENDNOTE, ["First.", "Second."]),
    ("<1.>\nTY  - JOUR\nTI  - First.\nER  - \n<2.>\nTY  - JOUR\nTI  - Second.\nER  - \n", ["First.", "Second."]),
    # A tab or one space for the two spaces before the hyphen; a tag with nothing after its hyphen.
    ("TY\t- JOUR\nTI\t- First.\nA1\t- Smith, A\nER\t- \nTY - JOUR\nTI - Second.\nAB -\nER -\n", ["First.", "Second."]),
    # A record without a title is kept (the build makes it one), and so is one with nothing to read.
    ("TY  - JOUR\nTI  - First.\nER  - \nTY  - JOUR\nAB  - Only an abstract.\nER  - \nTY  - JOUR\nAU  - Smith, A\n"
     "ER  - \nTY  - JOUR\nDO  - 10.1000/x\nER  - \nTY  - JOUR\nTI  - Last.\nER  - \n",
     ["First.", None, None, "10.1000/x", "Last."]),
    # A type given again before the record's first field is the same record's.
    ("TY  - BOOK\nTY  - JOUR\nTI  - A\nER  - \n", ["A"]),
    ("TY  - JOUR\nTI  - A\nTY  - JOUR\nTI  - B\nER  - \n",
     ["refs.ris:3: warning: record starting at line 1 has no 'ER  - ' before the next 'TY  - '; read as ending there",
      "A", "B"]),
    # ... but a type given again after which nothing that tells records apart comes again is the same record's.
    ("TY  - BOOK\nTY  - JOUR\nTI  - A\nAU  - Smith, A\nTY  - GEN\nJO  - J Tests\nTY  - THES\nPB  - Press\n"
     "AB  - The abstract.\nER  - \nTY  - JOUR\nTI  - B\nER  - \n", ["A", "B"]),
    ("TY  - JOUR\nTI  - A\nTY  - JOUR\nJO  - J Tests\nTY  - JOUR\nAU  - Smith, A\nTI  - B\nER  - \n",
     ["refs.ris:5: warning: record starting at line 1 has no 'ER  - ' before the next 'TY  - '; read as ending there",
      "A", "B"]),
])
def test_records_as_databases_and_reference_managers_write_them(text, titles):
    assert shown(read(text)) == titles


@pytest.mark.parametrize("fields, parts", [
    ("AB  - Background: one.\nAB  - Methods: two.\nAB  - Background: one.\n", ["Background: one.", "Methods: two."]),
    ("N2  - Only the notes.\n", ["Only the notes."]),
    ("AB  - The abstract.\nN2  - The abstract, again.\n", ["The abstract."]),
])
def test_an_abstract_in_parts_is_every_part(fields, parts):
    [record] = read(f"TY  - JOUR\nTI  - A title\n{fields}ER  - \n")
    assert [(b.heading, b.text) for b in record.blocks] == [(None, p) for p in parts]


def test_lines_without_a_tag_go_on_with_the_field_before():
    [record] = read("TY  - JOUR\nTI  - A long\ntitle\nAU  - Smith, A.\nDoe, J.\nKW  - citation\nreference\n"
                    "AB  - One\n  two.\nER  -\n")
    assert (record.title, record.authors, record.keywords, record.blocks[0].text) == (
        "A long title", ("Smith A", "Doe J"), ("citation", "reference"), "One two.")


@pytest.mark.parametrize("text, message", [
    ("TI  - No type first\nER  - \n", "refs.ris:1: error: expected 'TY  - ' to start a record, found 'TI  - '"),
    ("Some notes\nAnd more\n", "refs.ris:1: error: expected 'TY  - ' to start a record, found 'Some notes'"),
])
def test_errors(text, message):
    with pytest.raises(InputError) as caught:
        read_records(SourceText("refs.ris", text))
    assert str(caught.value) == message
