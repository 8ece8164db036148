"""Pasted pages in the shapes real sites print, each failure class with a fixture written in its shape."""

import pytest

from generator.model import SourceText
from generator.parsing import build_sections
from generator.readers.webtext import read_webtext

ABSTRACT = "Abstract\n\nWe treated 24 patients with drug X; 9 responded."


def read(text: str):
    """The one record of a pasted page."""
    [record] = read_webtext(SourceText("page.txt", text))
    return record


def texts(record) -> list[str]:
    return [s.text for s in build_sections(record.blocks)]


@pytest.mark.parametrize("furniture", [
    "Article Text\n\nDownload PDFPDF\n\nOriginal research",
    "You are viewing a javascript disabled version of the site. Please enable Javascript for this site.\n"
    "Go to headerGo to navigationGo to searchGo to contentsGo to footer\n"
    "In content section. Select this link to jump to navigation",
    "Vol 12, No 3 (2021)\nPage views 310\nArticle views/downloads 120\nGet Citation\n\nConnect on Social Media",
])
def test_buttons_links_and_counters_are_never_the_title(furniture):
    record = read(f"{furniture}\n\nDrug X for Example Carcinoma: A Pilot Study\n\n{ABSTRACT}")
    assert record.title == "Drug X for Example Carcinoma: A Pilot Study"


@pytest.mark.parametrize("line, journal, year", [
    ("Vol 12, No 3 (2021)", None, 2021),
    ("2021, volume 12, number 3, 134–140", None, 2021),
    ("Example Drugs Aims and scope Submit manuscript", "Example Drugs", None),
    ("To appear in:\nExample Reviews in Oncology", "Example Reviews in Oncology", None),
    ("Please cite this article as: Rossi A, Bianchi B, A made-up review, Example Reviews in Oncology (2018), "
     "https://doi.org/10.5555/ero.2018.1", "Example Reviews in Oncology", 2018),
])
def test_journal_and_year_lines_of_journal_sites(line, journal, year):
    record = read(f"Drug X for Example Carcinoma: A Pilot Study\n\n{line}\n\n{ABSTRACT}")
    assert (record.title, record.journal, record.year) == ("Drug X for Example Carcinoma: A Pilot Study", journal, year)


@pytest.mark.parametrize("tail", [
    "Reprints and Corporate Permissions\n\nPlease note: Selecting permissions does not provide access to the full text.\n\n"
    "To request a reprint or corporate permissions for this article, please click on the relevant link below:",
    "Click any figure to enlarge with its caption.\nFigure 2| Response to drug X | | |\n|---|---|---|\n| Age | 61 | 58 |",
    "Translational Relevance\n\nDrug X is a new option for patients with example carcinoma.",
    "This is a PDF file of an unedited manuscript that has been accepted for publication.",
])
def test_furniture_after_the_abstract_is_left_out(tail):
    record = read(f"Drug X for Example Carcinoma: A Pilot Study\n\n{ABSTRACT}\n\n{tail}")
    assert texts(record) == ["We treated 24 patients with drug X; 9 responded."]
