"""Citations: exact plain text, BibTeX and RIS, with hostile metadata kept harmless."""

from __future__ import annotations

from dataclasses import replace

import pytest

from generator.citations import bibtex_entry, bibtex_name, name_parts, plain_citation, ris_entry
from generator.model import Extraction, Section, Study

STUDY = Study(
    id="pmid-123", source="a.nbib", title="IL-2 in melanoma.", title_generated=False,
    authors=("Smith J", "Doe A"), journal="J Clin Oncol", year=1999, doi="10.1/x", pmid="123",
    publication_types=(), mesh_terms=("Melanoma", "Interleukin-2"),
    sections=(Section("results", "Results", "ORR was 16%.\nCR 6%."),), extraction=Extraction(),
)


def test_plain_citation():
    assert plain_citation(STUDY) == "Smith J, Doe A. IL-2 in melanoma. J Clin Oncol 1999. doi:10.1/x. PMID: 123."


def test_plain_citation_marks_a_made_title_and_cuts_long_author_lists():
    study = replace(STUDY, authors=tuple(f"A{i}" for i in range(8)), title="Made", title_generated=True,
                    doi=None, pmid=None, journal=None)
    assert plain_citation(study) == "A0, A1, A2, A3, A4, A5, et al. [Made]. 1999."


def test_bibtex_entry():
    assert bibtex_entry(STUDY) == (
        "@article{Smith1999:pmid-123,\n"
        "  title = {IL-2 in melanoma.},\n"
        "  author = {Smith, J and Doe, A},\n"
        "  journal = {J Clin Oncol},\n"
        "  year = {1999},\n"
        "  doi = {10.1/x},\n"
        "  pmid = {123},\n"
        "}\n"
    )


def test_bibtex_escapes_what_would_break_the_entry():
    study = replace(STUDY, title="50% of {x} & $y_1^2 #\\ ~}\n@misc{evil,")
    assert "  title = {50\\% of \\{x\\} \\& \\$y\\_1\\^{}2 \\#\\textbackslash{} \\~{}\\} @misc\\{evil,},\n" in bibtex_entry(study)


def test_ris_entry_keeps_each_value_on_one_line():
    study = replace(STUDY, title="A\nER  - \nTY  - JOUR")
    assert ris_entry(study) == (
        "TY  - JOUR\nTI  - A ER  - TY  - JOUR\nAU  - Smith J\nAU  - Doe A\nJO  - J Clin Oncol\nPY  - 1999\n"
        "DO  - 10.1/x\nAN  - 123\nAB  - ORR was 16%. CR 6%.\nKW  - Melanoma\nKW  - Interleukin-2\nER  - \n"
    )


NAMES = [
    ("Lawrenson K", "Lawrenson, K", "Lawrenson"), ("Song F", "Song, F", "Song"),
    ("van der Berg JA", "van der Berg, JA", "van der Berg"), ("Smith JA Jr", "Smith, Jr, JA", "Smith"),
    ("J A Smith", "Smith, J A", "Smith"), ("Jane Smith", "Smith, Jane", "Smith"),
    ("Jan van Smith", "van Smith, Jan", "van Smith"), ("Smith, Jane", "Smith, Jane", "Smith"),
    ("Müller-Lüdenscheidt Ö", "Müller-Lüdenscheidt, Ö", "Müller-Lüdenscheidt"), ("Plato", "Plato", "Plato"),
    ("O'Brien J", "O'Brien, J", "O'Brien"),
]


@pytest.mark.parametrize(("author", "written", "surname"), NAMES)
def test_bibtex_writes_each_author_surname_first(author, written, surname):
    assert bibtex_name(author) == written
    assert name_parts(author)[0] == surname


def test_bibtex_authors_and_doi_read_back_as_written():
    bibtexparser = pytest.importorskip("bibtexparser")
    from bibtexparser.middlewares import SeparateCoAuthors, SplitNameParts
    study = replace(STUDY, authors=tuple(author for author, _, _ in NAMES), doi="10.1002/(SICI)1097_0142<x>;2-#")
    library = bibtexparser.parse_string(bibtex_entry(study), append_middleware=[SeparateCoAuthors(), SplitNameParts()])
    assert not library.failed_blocks
    fields = library.entries[0].fields_dict
    assert [" ".join(name.von + name.last) for name in fields["author"].value] == [s for _, _, s in NAMES]
    assert [" ".join(name.first) for name in fields["author"].value][:3] == ["K", "F", "JA"]
    assert fields["doi"].value == "10.1002/(SICI)1097_0142<x>;2-#"


def test_a_group_that_is_an_author_is_one_name_in_bibtex():
    bibtexparser = pytest.importorskip("bibtexparser")
    from bibtexparser.middlewares import SeparateCoAuthors, SplitNameParts
    study = replace(STUDY, authors=("Smith J", "ECOG Study Group & Co"))
    assert "  author = {Smith, J and {ECOG Study Group \\& Co}},\n" in bibtex_entry(study)
    library = bibtexparser.parse_string(bibtex_entry(study), append_middleware=[SeparateCoAuthors(), SplitNameParts()])
    assert [name.last for name in library.entries[0].fields_dict["author"].value] == [["Smith"], ["{ECOG Study Group \\& Co}"]]
