"""Pasted web pages: metadata lines, title, year, abstract start, as on the seed layouts."""

import pytest

from generator.model import SourceText
from generator.parsing import build_sections
from generator.readers.webtext import read_webtext


def read(text: str):
    """The one record of a pasted page."""
    [record] = read_webtext(SourceText("page.txt", text))
    return record


@pytest.mark.parametrize("citation, journal, year, doi", [
    (". 1997 Nov;158(5):1675-8.\ndoi: 10.1016/s0022-5347(01)64091-6.", None, 1997, "10.1016/s0022-5347(01)64091-6"),
    (". 2017 Sep 1;109(9):djx015.\ndoi: 10.1093/jnci/djx015.", None, 2017, "10.1093/jnci/djx015"),
    ("Cardiovasc Intervent Radiol. 2012 Dec;35(6):1480-7. doi: 10.1007/s00270-012-0425-x. Epub 2012 Jun 15.",
     "Cardiovasc Intervent Radiol", 2012, "10.1007/s00270-012-0425-x"),
    ("1. J Urol. 1997 Nov;158(5 Pt 1):1675-8.", "J Urol", 1997, None),
    ("Lancet Oncol. 2013;14(12):1208-1215. https://doi.org/10.1016/S1470-2045(13)70447-9", "Lancet Oncol", 2013,
     "10.1016/S1470-2045(13)70447-9"),
    ("Cancer. 1998 Jan 15;82(2):340-8.", "Cancer", 1998, None),
])
def test_citation_line(citation, journal, year, doi):
    record = read(f"{citation}\n\nA title of the article\n\nAbstract\n\nResults: 5 of 10 responded.")
    assert (record.title, record.journal, record.year, record.doi) == ("A title of the article", journal, year, doi)


@pytest.mark.parametrize("line, authors, journal, year", [
    ("M M Walther et al. J Urol. 1997 Nov.", ("M M Walther",), "J Urol", 1997),
    ("Theo Ruers et al. J Natl Cancer Inst. .", ("Theo Ruers",), "J Natl Cancer Inst", None),
    ("Walther MM, Yang JC, Van der Berg JA.", ("Walther MM", "Yang JC", "Van der Berg JA"), None, None),
])
def test_author_line(line, authors, journal, year):
    record = read(f"A title of the article\n\n{line}\n\nAbstract\n\nResults: it worked.")
    assert (record.authors, record.journal, record.year) == (authors, journal, year)


def test_pubmed_page_title_is_read_once_and_types_deduplicated():
    text = ("Clinical Trial\n. 1997 Nov;158(5):1675-8.\ndoi: 10.1016/s0022-5347(01)64091-6.\n\n"
            "Cytoreductive surgery before therapy\n\nAffiliations\nClinical Trial\n\n"
            "Cytoreductive surgery before therapy\n\nM M Walther et al. J Urol. 1997 Nov.\n\nAbstract\n\n"
            "Purpose: We defined the outcome.\n\nPubMed Disclaimer\n\nSimilar articles\n\nCited by\n\nPublication types")
    record = read(text)
    assert record.title == "Cytoreductive surgery before therapy"
    assert record.publication_types == ("Clinical Trial",)
    assert [(s.label, s.text) for s in build_sections(record.blocks)] == [("objective", "We defined the outcome.")]


@pytest.mark.parametrize("body", [
    "Abstract\n\nBackground: Our previous study. Study Design: A pilot study. Results: Fine (as of April 1998).",
    "PURPOSE: To determine efficacy.\n\nPATIENTS AND METHODS: Patients treated between 1985 and 1993. "
    "Data were analyzed through fall 1996.",
])
def test_no_citation_means_no_year_and_no_journal(body):
    record = read(f"Add like\nAdd dislike\n\n{body}")
    assert (record.journal, record.year, record.doi, record.authors) == (None, None, None, ())


def test_page_without_title_has_none():
    assert read("Abstract\n\nBackground: x. Results: y.\n\nTalk to us\n\nSchedule a call").title is None


def test_title_before_labelled_abstract_without_heading():
    record = read("Add to saved papers\n\nHigh-dose therapy: analysis of 270 patients.\n\nPURPOSE: To test.\n\n"
                  "RESULTS: 16% responded.\n\nFull text links\n\nWe have located links.")
    assert record.title == "High-dose therapy: analysis of 270 patients."
    assert [s.label for s in build_sections(record.blocks)] == ["objective", "results"]


def test_unstructured_paste_has_no_title():
    paragraph = "We treated twelve patients with a new regimen and report what happened to them. " * 5
    record = read(paragraph)
    assert record.title is None
    assert [s.label for s in build_sections(record.blocks)] == ["other"]


def test_wrapped_labelled_paragraph_stays_one_section():
    record = read("Abstract\n\nResults: Of 40 patients,\n12 responded.\nConclusions: Good.")
    assert [(s.label, s.text) for s in build_sections(record.blocks)] == [
        ("results", "Of 40 patients, 12 responded."), ("conclusions", "Good.")]


def test_legacy_pmid_and_doi_lines_are_metadata():
    record = read("A title\n\nSmith AB.\n\nWe treated 12 patients.\n\nDOI: 10.1000/xyz.9\nPMID: 12345678 [Indexed for MEDLINE]")
    assert (record.pmid, record.doi) == ("12345678", "10.1000/xyz.9")
    assert [b.text for b in record.blocks] == ["We treated 12 patients."]


def test_record_line_is_first_kept_line():
    assert read("Skip to main page content\nU.S. flag\n\nA title\n\nAbstract\nResults: x.").line == 4


@pytest.mark.parametrize("lines, authors", [
    (["Theo Ruers 1, Frits Van Coevorden 2 3, Cornelis J A Punt 4", "Theo Ruers et al. J Natl Cancer Inst. ."],
     ("Theo Ruers", "Frits Van Coevorden", "Cornelis J A Punt")),
    (["Theo Ruers et al. J Natl Cancer Inst. .", "Anna de Vries 1, Jan van der Berg 2."], ("Anna de Vries", "Jan van der Berg")),
    (["Phase II Trial 2"], ()),
])
def test_full_author_list_wins_over_et_al(lines, authors):
    record = read("A title of the article\n" + "\n".join(lines) + "\nAbstract\nResults: x.")
    assert record.authors == authors


@pytest.mark.parametrize("tail, labels", [
    ("Trial registration: ClinicalTrials.gov NCT00000000.", ["results", "conclusions", "other"]),
    ("A second conclusions paragraph.", ["results", "conclusions"]),
])
def test_paragraphs_after_the_conclusions(tail, labels):
    record = read(f"Abstract\n\nResults: 5 of 10.\n\nConclusions: Good.\n\n{tail}")
    assert [s.label for s in build_sections(record.blocks)] == labels
