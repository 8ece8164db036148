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


def blocks(record):
    """A record's abstract blocks as (heading, text)."""
    return [(b.heading, b.text) for b in record.blocks]


SIGN_IN_PAGE = """We're unable to sign you in at this time. Please try again in a few minutes.
Contact the Example Service Center:
Telephone: 1 (800) 555-0100 or 1 (312) 555-0199
Error Message ......
Article |

Randomized Study of Drug A vs Drug B for Example Cancer

Anna Rossi, MD; Carlo Bianchi, MD, PhD
Arch Ex Surg. 1988;121(4):455-460. doi:10.5555/aes.1988.0455.
Text Size: A A A
Published online

• The purpose of this study was to evaluate drug A. Twenty patients were treated."""

PMC_PAGE = """Skip to main content
NIHPA Author Manuscripts logoLink to NIHPA Author Manuscripts
. Author manuscript; available in PMC: 2020 Dec 29.
Published in final edited form as: Clin Ex Res. 2016 Apr;9(4):410–418. doi: 10.5555/cer.77

Progression-free Survival After Example Therapy to the Liver

Anna M Rossi *, Carlo P Bianchi *, Dario Verdi
PMCID: PMC1234567  NIHMSID: NIHMS765432  PMID: 23456789

Abstract

Objectives:

Example therapy was evaluated.

Results:

Thirty patients were included.

Keywords: example therapy, liver"""

VOLUME_FIRST_PAGE = """, Volume 121, Issue 3, pp 401-409
Date: 22 Sep 2009

Example radioembolization improves response in example metastases

Rent the article at a discount

Rent now

* Final gross prices may vary according to local VAT.

Get Access



To evaluate the role of example radioembolization in example metastases.

Patients and methods

Forty patients were treated."""

PMC_CANADA_PAGE = """PMCCPMCCPMCC

Search tips
Search criteria

Advanced

Logo of exjHomeThis ArticleSearchSubmit
Ex Surg Oncol. Author manuscript; available in PMC 2019 May 1.
Published in final edited form as:
PMCID: PMC7654321

Updated survival for patients with example metastases treated with resection

Survival after resection

Abstract

Methods

Fifty patients were treated."""

LEGACY_PUBMED_PAGE = """Send to

Choose Destination
Ex J Cancer. 2010 Jul 27;103(3):324-31. doi: 10.5555/ejc.661. Epub 2010 Jul 13.

Multi-centre phase II trial of example microspheres in example metastases.

Author information

Example National Cancer Institute, Via Esempio, 53, 00144 Rome, Italy.



This trial is the first prospective evaluation of example therapy in patients who failed chemotherapy.

[Indexed for MEDLINE]
Free PMC Article"""

CITATION_TITLE_PAGE = """Figures
Abstract
Purpose
Example therapy is used in patients. The aim was to evaluate it.
Results
Eight patients were treated.
Citation: Rossi TS, Bianchi JH, et al. (2020) A made-up trial of drug X in liver metastases. PLoS EXAMPLE 15(3): e0201201. https://doi.org/10.5555/journal.pex.0201201
Editor: Carla Verdi, University of Example, ITALY
Received: April 5, 2019; Accepted: November 2, 2019; Published: January 13, 2020"""

NAVIGATION_PAGE = """Next Article in Journal
Another Article About Something Else Entirely
Previous Article in Journal
Yet Another Article
 
Font Type:
Arial Georgia Verdana
Font Size:
Aa Aa Aa
Line Spacing:
Column Width:
Background:
Review

Local Control After Example Radiotherapy: Lessons from a Decade

1
Department of Example Oncology, Example University, Toronto, ON M5G 2M9, Canada
*
Author to whom correspondence should be addressed.
Curr. Exampl. 2022, 29(4), 2101-2110; https://doi.org/10.5555/ce29040171
Submission received: 3 February 2022 / Accepted: 6 March 2022 / Published: 14 March 2022

Abstract

:
To date, there have been several studies of the follow-up of patients."""

NO_TITLE_WILEY_PAGE = """SEARCH

SEARCH BY CITATION

Keywords:

  • example carcinoma;
  • prognosis

Abstract

  1. Top of page
  2. Abstract
  3. METHODS

BACKGROUND

Echogenicity was studied in 212 patients.

CONCLUSIONS

Echogenicity is an important parameter. Cancer Examples 2003;97:1201–8. © 2003 Example Society.

DOI 10.5555/cex.10386"""

PORTAL_PAGE = """A made-up trial of drug X in example renal cancer

Anna Rossi, Carlo Bianchi, Dario Verdi

Research output: Contribution to journal › Article › peer-review

412 Scopus citations


This report documents a case of example cancer which responded to drug X.

Original languageEnglish
Pages (from-to)155-158
Number of pages4
JournalExample journal of nephrology
Issue number2
Publication statusPublished - 2008 Apr 1



  • Drug X
  • Example cancer

ASJC Scopus subject areas

  • Nephrology

Cite this"""

AGGREGATOR_PAGE = """Long-term response to a made-up regimen in example cancer: two cases

2011 
Before the advent of targeted agents, cytokines were the mainstay; we present two cases.
    • Correction
    • Source
    • Cite
    • Save
    • Machine Reading By IdeaReader
    17
    References
    3
    Citations
    NaN
    KQI
    []"""


@pytest.mark.parametrize("page, title, journal, year, doi, pmid", [
    (SIGN_IN_PAGE, "Randomized Study of Drug A vs Drug B for Example Cancer", "Arch Ex Surg", 1988,
     "10.5555/aes.1988.0455", None),
    (PMC_PAGE, "Progression-free Survival After Example Therapy to the Liver", "Clin Ex Res", 2016, "10.5555/cer.77",
     "23456789"),
    (VOLUME_FIRST_PAGE, "Example radioembolization improves response in example metastases", None, 2009, None, None),
    (PMC_CANADA_PAGE, "Updated survival for patients with example metastases treated with resection", "Ex Surg Oncol",
     None, None, None),
    (LEGACY_PUBMED_PAGE, "Multi-centre phase II trial of example microspheres in example metastases.", "Ex J Cancer",
     2010, "10.5555/ejc.661", None),
    (CITATION_TITLE_PAGE, "A made-up trial of drug X in liver metastases", "PLoS EXAMPLE", 2020,
     "10.5555/journal.pex.0201201", None),
    (NAVIGATION_PAGE, "Local Control After Example Radiotherapy: Lessons from a Decade", "Curr. Exampl.", 2022,
     "10.5555/ce29040171", None),
    (NO_TITLE_WILEY_PAGE, None, "Cancer Examples", 2003, "10.5555/cex.10386", None),
    (PORTAL_PAGE, "A made-up trial of drug X in example renal cancer", "Example journal of nephrology", 2008, None, None),
    (AGGREGATOR_PAGE, "Long-term response to a made-up regimen in example cancer: two cases", None, 2011, None, None),
])
def test_page_metadata_by_what_each_line_is(page, title, journal, year, doi, pmid):
    record = read(page)
    assert (record.title, record.journal, record.year, record.doi, record.pmid) == (title, journal, year, doi, pmid)


def test_a_pmc_page_gives_its_pubmed_central_id():
    assert read(PMC_PAGE).pmcid == "PMC1234567"


@pytest.mark.parametrize("page, expected", [
    (SIGN_IN_PAGE, [(None, "The purpose of this study was to evaluate drug A. Twenty patients were treated.")]),
    (PMC_PAGE, [("Objectives", "Example therapy was evaluated."), ("Results", "Thirty patients were included.")]),
    (VOLUME_FIRST_PAGE, [(None, "To evaluate the role of example radioembolization in example metastases."),
                         ("Patients and methods", "Forty patients were treated.")]),
    (LEGACY_PUBMED_PAGE, [(None, "This trial is the first prospective evaluation of example therapy in patients who "
                                 "failed chemotherapy.")]),
    (CITATION_TITLE_PAGE, [("Purpose", "Example therapy is used in patients. The aim was to evaluate it."),
                           ("Results", "Eight patients were treated.")]),
    (NO_TITLE_WILEY_PAGE, [("BACKGROUND", "Echogenicity was studied in 212 patients."),
                           ("CONCLUSIONS", "Echogenicity is an important parameter.")]),
    (PORTAL_PAGE, [(None, "This report documents a case of example cancer which responded to drug X.")]),
    (AGGREGATOR_PAGE, [(None, "Before the advent of targeted agents, cytokines were the mainstay; we present two cases.")]),
])
def test_no_furniture_left_in_the_abstract(page, expected):
    assert blocks(read(page)) == expected


@pytest.mark.parametrize("tail", [
    "1. Background\n\nWith the advent of targeted therapy the field changed [1, 2].",
    "Introduction\n\nThe liver is the most common site of metastasis [1].",
    "Keywords: example, liver\n\nBackground The incidence of example cancer has been rising [1].",
    "[1]  J. Rossi,et al.  An older example study. , 2010, Example journal of oncology.",
    "1.\nRossi  A, Bianchi  B.  An older study.  Ex J Med. 2017;377(14):1357-1367. doi:10.5555/x.1PubMedGoogle ScholarCrossref",
    "Abstract\n\nWe treated 12 patients with a made-up regimen.",
])
def test_the_abstract_ends_where_the_body_references_or_a_repeat_begin(tail):
    record = read(f"A Made-up Title of a Study\n\nAbstract\n\nWe treated 12 patients with a made-up regimen.\n\n{tail}")
    assert blocks(record) == [(None, "We treated 12 patients with a made-up regimen.")]


def test_introduction_as_the_first_label_of_a_structured_abstract_is_kept():
    record = read("Abstract\n\nIntroduction\n\nResection remains the best option.\n\nMethods\n\nSixteen patients were treated.")
    assert blocks(record) == [("Introduction", "Resection remains the best option."),
                              ("Methods", "Sixteen patients were treated.")]


@pytest.mark.parametrize("page, title", [
    ("Europe PMC\nExample requires Javascript to function effectively.\n\nAbstract\n\nAim\n\nTo evaluate drug X.", None),
    ("Home\nFor Authors For Reviewers For Editorial Board Members\nCompany Information Contact Us\n"
     "OPEN ACCESS\n\nDrug X in Example Carcinoma: A Review of Current Options\n\nAbstract\n\nDrug X was reviewed.",
     "Drug X in Example Carcinoma: A Review of Current Options"),
    ("The use of drug X in example melanoma - Example Central\n\nREVIEW\n\nThe use of drug X in example melanoma\n\n"
     "Abstract\n\nPatients with example melanoma were reviewed.", "The use of drug X in example melanoma"),
    ("J Ex Oncol > Volume 18(2); 2020 > Article\nRossi and Bianchi: Research Trends in Example Carcinoma Over 30 Years\n\n"
     "Abstract\n\nPurpose\n\nTrends were studied.", "Research Trends in Example Carcinoma Over 30 Years"),
    ("This article analyzes outcomes in a large cohort of patients with example cancer who were or were not treated, "
     "aiming to help oncologists choose a treatment based on risk-benefit assessments.\nKeywords: example\nAbstract\n"
     "Background.\nPatients with example cancer have a poor prognosis.", None),
    ("Addition of drug X decreased local recurrence but had no survival benefit to drug Y for patients with small "
     "example carcinoma: A multicenter randomized control study\n\n  • Authors:\n    • Anna Rossi\n    • Carlo Bianchi\n"
     "\nAbstract\n\nTo assess drug X, a randomized study was performed.",
     "Addition of drug X decreased local recurrence but had no survival benefit to drug Y for patients with small "
     "example carcinoma: A multicenter randomized control study"),
])
def test_title_is_never_furniture(page, title):
    assert read(page).title == title


@pytest.mark.parametrize("line, year", [
    ("Published: 12 March 2020", 2020),
    ("Published online on: September 1, 2010     https://doi.org/10.5555/ol_00000151", 2010),
    ("Published 5 July 2021 Volume 2021:13 Pages 5373—5382", 2021),
])
def test_publication_date_lines_give_the_year_when_no_citation_does(line, year):
    record = read(f"A Made-up Title of a Study\n\n{line}\n\nAbstract\n\nWe treated 12 patients.")
    assert (record.year, blocks(record)) == (year, [(None, "We treated 12 patients.")])


def test_a_citation_year_wins_over_a_publication_date():
    record = read("A Made-up Title\n\nPublished: 12 March 2020\nEx J. 2019 Dec;3(4):1-9.\n\nAbstract\n\nWe treated 12.")
    assert (record.journal, record.year) == ("Ex J", 2019)


def test_refworks_tagged_page():
    record = read("RT Journal Article SR Electronic T1 A made-up trial of drug Z JF Journal of Examples YR 2009 "
                  "DO 10.5555/jex.3.1\n\nAbstract\n\nWe gave drug Z to 20 patients.")
    assert (record.title, record.journal, record.year, record.doi) == (
        "A made-up trial of drug Z", "Journal of Examples", 2009, "10.5555/jex.3.1")
