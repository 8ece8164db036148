"""The same invented article in every input format gives the same metadata and sections."""

from pathlib import Path

import pytest

from generator.parsing import build_sections
from generator.readers import read_path

FORMATS = Path(__file__).resolve().parent.parent / "fixtures" / "formats"

TITLE = ("Hepatic arterial infusion of floxuridine plus systemic oxaliplatin for unresectable "
         "colorectal liver metastases: a phase II trial.")
AUTHORS = ("Lindqvist KA", "Moreau P", "Okafor CN")
MESH = ("Colorectal Neoplasms / pathology", "Floxuridine / administration & dosage", "Humans",
        "Liver Neoplasms / drug therapy", "Liver Neoplasms / secondary", "Oxaliplatin / administration & dosage")
RESULTS = ("Of 46 evaluable patients, 27 (58.7%; 95% CI, 43.2% to 73.0%) had an objective response. "
           "Median overall survival was 24.5 months, and grade 3 biliary toxicity occurred in 4 patients (8.7%).")


def read(name: str):
    """Every record of one fixture file, read as the pipeline reads it."""
    records, unread = read_path(name, FORMATS / name)
    assert not unread
    return records


@pytest.mark.parametrize("name, pmid, types, mesh", [
    ("hai_trial_legacy.txt", "99000001", (), ()),
    ("hai_trial.nbib", "99000001", ("Clinical Trial, Phase II", "Journal Article"), MESH),
    ("hai_trial.xml", "99000001", ("Clinical Trial, Phase II", "Journal Article"), MESH),
    ("hai_trial.ris", "99000001", (), ()),
    ("hai_trial.md", "99000001", ("Clinical Trial, Phase II", "Journal Article"), ()),
])
def test_same_metadata_in_every_format(name, pmid, types, mesh):
    record = read(name)[0]
    assert (record.title, record.authors, record.journal, record.year, record.doi, record.pmid) == (
        TITLE, AUTHORS, "Ann Surg Oncol", 2021, "10.9999/aso.2021.0142", pmid)
    assert record.publication_types == types
    assert record.mesh_terms == mesh


@pytest.mark.parametrize("name", ["hai_trial_legacy.txt", "hai_trial_pubmed.txt", "hai_trial.nbib",
                                  "hai_trial.xml", "hai_trial.ris", "hai_trial.md"])
def test_same_sections_in_every_format(name):
    sections = build_sections(read(name)[0].blocks)
    assert [s.label for s in sections] == ["background", "methods", "results", "conclusions"]
    assert [s.heading.upper() for s in sections] == ["BACKGROUND", "METHODS", "RESULTS", "CONCLUSIONS"]
    assert sections[2].text == RESULTS
    assert sections[1].text.endswith("every 2 weeks. The primary end point was objective response.")


def test_new_pubmed_layout_keeps_metadata_and_drops_furniture():
    record = read("hai_trial_pubmed.txt")[0]
    assert record.title == TITLE.rstrip(".")
    assert record.authors == ("Karin A Lindqvist",)
    assert (record.journal, record.year, record.doi) == ("Ann Surg Oncol", 2021, "10.9999/aso.2021.0142")
    assert record.publication_types == ("Clinical Trial, Phase II", "Journal Article")
    assert record.mesh_terms == MESH
    assert record.keywords == ("Colorectal cancer", "Floxuridine", "Hepatic arterial infusion")
    text = " ".join(b.text for b in record.blocks)
    for furniture in ("U.S. flag", "Disclaimer", "Waterfall plot", "A made-up reference", "Full text links"):
        assert furniture not in text


@pytest.mark.parametrize("name, lines, titles", [
    ("hai_trial.nbib", [1, 42], [TITLE, "Radioembolization after progression on systemic therapy: a retrospective cohort."]),
    ("hai_trial.xml", [4, 56], [TITLE, "Radioembolization after progression on systemic therapy: a retrospective cohort."]),
    ("hai_trial.ris", [1, 22], [TITLE, "Radioembolization after progression on systemic therapy: a retrospective cohort."]),
])
def test_a_file_of_several_records_gives_several(name, lines, titles):
    records = read(name)
    assert [r.line for r in records] == lines
    assert [r.title for r in records] == titles


def test_second_records_metadata():
    nbib, xml, ris = read("hai_trial.nbib")[1], read("hai_trial.xml")[1], read("hai_trial.ris")[1]
    assert (nbib.authors, nbib.journal, nbib.year, nbib.pmid) == (("Barros FT",), "Clin Radiol Rep", 2019, "99000002")
    assert (xml.authors, xml.journal, xml.year, xml.pmid) == (("Barros FT",), "Clin Radiol Rep", 2019, "99000002")
    assert (ris.authors, ris.journal, ris.year, ris.pmid) == (("Barros FT",), "Clinical radiology reports", 2019, None)
    assert nbib.blocks[0].text == "We reviewed 31 patients treated between 2010 and 2016. Median survival was 9.1 months."
    assert xml.blocks[0].text.endswith("CD8+ infiltrates were counted at 1.2 × 10 6 cells.")


def test_ris_fixture_really_has_a_bom_and_windows_line_endings():
    data = (FORMATS / "hai_trial.ris").read_bytes()
    assert data.startswith(b"\xef\xbb\xbfTY  - JOUR\r\n")
