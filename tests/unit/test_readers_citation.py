"""Citation lines in the styles real pages print: journal, year, identifiers and, where given, the title."""

import pytest

from generator.readers.citation import (
    Citation, find_doi, read_citation, read_ids, read_published_year, read_tail_citation,
)


@pytest.mark.parametrize("style, line, journal, year, doi", [
    ("pubmed", "Ann Exp Oncol. 2019 Mar;12(3):201-9. doi: 10.5555/aeo.2019.12. Epub 2018 Nov 2.",
     "Ann Exp Oncol", 2019, "10.5555/aeo.2019.12"),
    ("pubmed without journal", ". 2004 Jun 1;31(11):2211-20.", None, 2004, None),
    ("pubmed numbered", "1. Surg Examples. 1995 Feb;40(2 Pt 1):88-95.", "Surg Examples", 1995, None),
    ("pmc final form", "Published in final edited form as: Clin Ex Res. 2016 Apr;9(4):410–418. doi: 10.5555/cer.77",
     "Clin Ex Res", 2016, "10.5555/cer.77"),
    ("pmc date first", "Ex Oncol Rep. Mar 3, 2011; 7(2): 101–109.", "Ex Oncol Rep", 2011, None),
    ("ama", "Arch Ex Surg. 1988;121(4):455-460. doi:10.5555/aes.1988.0455.", "Arch Ex Surg", 1988,
     "10.5555/aes.1988.0455"),
    ("vancouver spaced", "Examplotarget. 2016; 8:1201-1210. https://doi.org/10.5555/ex.1201", "Examplotarget", 2016,
     "10.5555/ex.1201"),
    ("journal page", "Cancer Examples 2003;97:1201–8.", "Cancer Examples", 2003, None),
    ("journal page, a comma before the year", "Example & Oncology Review, 2011;7(2):41–6", "Example & Oncology Review",
     2011, None),
    ("journal page after its date", "Published Online: April 3rd 2011 Example & Oncology Review, 2011;7(2):41–6 DOI: "
     "https://doi.org/10.5555/eor.2011.7", "Example & Oncology Review", 2011, "10.5555/eor.2011.7"),
    ("journal page full name", "Journal of Example Hepatology   2019;7(3):210-218", "Journal of Example Hepatology",
     2019, None),
    ("mdpi", "Curr. Exampl. 2022, 29(4), 2101-2110; https://doi.org/10.5555/ce29040171", "Curr. Exampl.", 2022,
     "10.5555/ce29040171"),
    ("springer", "Interv Example Radiol 41, 1201–1209 (2018)", "Interv Example Radiol", 2018, None),
    ("pdf header", "Example Oncology (2007) 19: 301e309", "Example Oncology", 2007, None),
    ("pdf header with authors", "Rossi and Bianchi Example Reports (2019) 12:44 DOI 10.5555/er.44", "Example Reports",
     2019, "10.5555/er.44"),
    ("semicolon", "Ex Rep (Hoboken) ; 4(2): e1201, 2021 02.", "Ex Rep (Hoboken)", 2021, None),
    ("frontiers", "Front. Exampl., 12 March 2021", "Front. Exampl.", 2021, None),
    ("doaj", "Example Reports (Feb 2020)", "Example Reports", 2020, None),
    ("breadcrumb", "Back to Journals » Example Management and Research » Volume 9", "Example Management and Research",
     None, None),
    ("journal before volume and number", "Example Oncology Vol 16 No 11_Suppl_2", "Example Oncology", None, None),
    ("a logo's text run into the name", "OncologicaONCOLOGICA Vol 3 No 2", "Oncologica", None, None),
    ("vancouver, initials spaced", "Rossi A B, Bianchi C. A made-up title. Ex Clin Res 2016;7:144-6", "Ex Clin Res",
     2016, None),
    ("labelled vancouver", "How to cite this article: Rossi A B, Bianchi C. A made-up title. Ex Clin Res 2016;7:144-6",
     "Ex Clin Res", 2016, None),
    ("a citation's tail alone", "2014;27(3):191-195", None, 2014, None),
    ("pmc volume line", "v.12(3); 2019 Mar", None, 2019, None),
    ("pmc volume line, months", "v.31; Jan-Dec 2020", None, 2020, None),
    ("breadcrumb with year", "Ex Urol Oncol > Volume 18(2); 2020 > Article", "Ex Urol Oncol", 2020, None),
    ("catalogue field", "Journal: Progress in Example Research, 2021, p. 100201", "Progress in Example Research", 2021,
     None),
    ("catalogue field year first", "Journal 2020, Example Oncology, № 4, p. 201-210", "Example Oncology", 2020, None),
    ("catalogue field, other language", "Видання: Example Clinics, 2015, № 2, с. 101-115", "Example Clinics", 2015,
     None),
    ("portal glued", "JournalExample journal of nephrology", "Example journal of nephrology", None, None),
    ("pmc manuscript", "Ex Surg Oncol. Author manuscript; available in PMC 2019 May 1.", "Ex Surg Oncol", None, None),
    ("pmc logo", "Example Therapy logoLink to Example Therapy", "Example Therapy", None, None),
    ("pmc manuscript logo", "NIHPA Author Manuscripts logoLink to NIHPA Author Manuscripts", None, None, None),
    ("volume line", "Volume 37, Issue 4, April 2018", None, 2018, None),
    ("hindawi volume", "Volume 2016 (2016), Article ID 301201, 9 pages", None, 2016, None),
    ("springer volume", ", Volume 121, Issue 3, pp 401-409", None, None, None),
    ("medknow", "Year : 2014  |  Volume : 12  |  Issue : 3  |  Page : 99--105", None, 2014, None),
    ("year alone", "2013", None, 2013, None),
    ("date alone", "March 4, 2015", None, 2015, None),
])
def test_journal_line(style, line, journal, year, doi):
    found = read_citation(line)
    assert (found.journal, found.year, found.doi) == (journal, year, doi), style


@pytest.mark.parametrize("style, line, expected", [
    ("plos", "Citation: Rossi TS, Bianchi JH, et al. (2020) A made-up trial of drug X in liver metastases. "
             "PLoS EXAMPLE 15(3): e0201201. https://doi.org/10.5555/journal.pex.0201201",
     Citation("PLoS EXAMPLE", 2020, "10.5555/journal.pex.0201201", None, None,
              "A made-up trial of drug X in liver metastases.", "Rossi TS, Bianchi JH, et al.")),
    ("vancouver", "Citation: Rossi S, Bianchi T, Verdi NT. Drug Y for example carcinoma: a review. "
                  "J Ex Transl Hepatol. 2018;6(2):101-109. doi: 10.5555/JETH.2018.001.",
     Citation("J Ex Transl Hepatol", 2018, "10.5555/JETH.2018.001", None, None,
              "Drug Y for example carcinoma: a review.", "Rossi S, Bianchi T, Verdi NT.")),
    ("cite this article as", "Cite this article as: Rossi HJ, Bianchi SR. Infusion for Example Malignancy. "
                             "Ex Oncol. 2016; 1: 1101.",
     Citation("Ex Oncol", 2016, None, None, None, "Infusion for Example Malignancy.", "Rossi HJ, Bianchi SR.")),
    ("apa", "Rossi, C; Bianchi, N H (2012). Example studies in radiation: a review. Example Letters, 6(2):101-106.",
     Citation("Example Letters", 2012, None, None, None, "Example studies in radiation: a review.",
              "Rossi, C; Bianchi, N H")),
    ("journal code", "Citation: Rossi LC (2017) Strategies for Example Metastasis. J Exsurg: JEXS-101.",
     Citation("J Exsurg", 2017, None, None, None, "Strategies for Example Metastasis.", "Rossi LC")),
    ("mla (ojs)", "How to Cite ROSSI, Anna et al. Management of Example Metastases. Example Research Archives, "
                  "[S.l.], v. 4, n. 2, may 2016. ISSN 1234-5678.",
     Citation("Example Research Archives", 2016, None, None, None, "Management of Example Metastases.",
              "ROSSI, Anna et al.")),
    ("refworks on one line", "RT Journal Article SR Electronic T1 A made-up trial of drug Z JF Journal of Examples "
                             "JO J Ex YR 2009 FD 2009-02-01 VO 3 DO 10.5555/jex.3.1 UL http://example.org/3/1",
     Citation("Journal of Examples", 2009, "10.5555/jex.3.1", None, None, "A made-up trial of drug Z", None)),
])
def test_citation_with_title(style, line, expected):
    assert read_citation(line) == expected, style


@pytest.mark.parametrize("line", [
    "We treated 12 patients in 2019; 5 responded.",
    "In 1998, we reported on the results of a randomized study.",
    "Example prognostic parameter. Cancer Examples 2003;97:1201–8.",  # a sentence, then a citation: not a line of one
    "Hepatic metastases from colorectal cancer: a randomized trial",
])
def test_lines_that_are_not_citations(line):
    assert read_citation(line) is None


@pytest.mark.parametrize("line, ids", [
    ("PMCID: PMC1234567  NIHMSID: NIHMS765432  PMID: 23456789", ("23456789", "PMC1234567", None)),
    ("- PMID: 19000001", ("19000001", None, None)),
    ("DOI: 10.5555/JEX.2008.17.5448", (None, None, "10.5555/JEX.2008.17.5448")),
    ("DOI https://doi.org/10.5555/EX.S301201", (None, None, "10.5555/EX.S301201")),
    ("doi : https://doi.org/10.5555/ex.201", (None, None, "10.5555/ex.201")),
    ("10.5555/2394-5079.2020.118 |  © The Authors 2021.", (None, None, "10.5555/2394-5079.2020.118")),
    ("Published online Aug 2, 2010. doi:  10.5555/JEX.2010.28.7805", (None, None, "10.5555/JEX.2010.28.7805")),
    ("DOI: 10.5555/2575-9760. 000195", (None, None, None)),  # broken at a space: not the part before it
])
def test_identifiers(line, ids):
    found = read_ids(line)
    assert (found.pmid, found.pmcid, found.doi) == ids


@pytest.mark.parametrize("text, doi", [
    ("doi: 10.5555/S1470-2045(13)70447-9.", "10.5555/S1470-2045(13)70447-9"),
    ("(doi: 10.5555/ex.12)", "10.5555/ex.12"),
])
def test_doi_keeps_its_own_brackets(text, doi):
    assert find_doi(text) == doi


@pytest.mark.parametrize("line, year", [
    ("Date: 22 Sep 2009", 2009),
    ("Published online: 24 Aug 2015", 2015),
    ("Published 5 July 2020 Volume 2020:12 Pages 101—109", 2020),
    ("Pages 1609-1621 | Published online: 24 Aug 2014", 2014),
    ("Publication statusPublished - Jun 30 2010", 2010),
    ("Submitted: 30 May 2016 Reviewed: 08 December 2016 Published: 20 December 2016", 2016),
    ("Published data from 2010 were reviewed.", None),
    # Run into the words around it, as a page's badges and links copy: "Open Access", "DOI:".
    ("Open AccessPublished:March 03, 2020DOI:https://doi.org/10.5555/ex.2020.1", 2020),
    ("These were unpublished 2019 figures.", None),
    ("Published Date: March 03, 2020", 2020),
])
def test_published_year(line, year):
    assert read_published_year(line) == year


@pytest.mark.parametrize("paragraph, kept, journal, year", [
    ("Echogenicity is an important parameter. Cancer Examples 2003;97:1201–8. © 2003 Example Society.",
     "Echogenicity is an important parameter.", "Cancer Examples", 2003),
    ("It remains unclear whether it helps. Clin Ex Res; 21(14); 3101-5. ©2016 EXR.",
     "It remains unclear whether it helps.", "Clin Ex Res", 2016),
    ("It remains unclear whether it helps in 2016.", None, None, None),
])
def test_citation_run_into_the_last_paragraph(paragraph, kept, journal, year):
    tail = read_tail_citation(paragraph)
    got = (tail[0], tail[1].journal, tail[1].year) if tail else (None, None, None)
    assert got == (kept, journal, year)


@pytest.mark.parametrize("line, journal, year", [
    ("J Ex Brachytherapy 2019; 11, 3: 201–208", "J Ex Brachytherapy", 2019),
    ("Journal of Example Brachytherapy", "Journal of Example Brachytherapy", None),
    ("Indian Journal of Example Imaging", "Indian Journal of Example Imaging", None),
])
def test_journal_lines_of_journal_sites(line, journal, year):
    found = read_citation(line)
    assert (found.journal, found.year) == (journal, year)


def test_the_words_looked_for_in_lower_case_have_no_letter_another_character_matches_ignoring_case():
    # read_published_year tries its pattern only on a line holding "publ" or "date" in lower case, and the
    # manuscript pattern one holding "author m": no other character matches one of their letters when case is
    # ignored, so the patterns, with re.IGNORECASE, find nothing in any other line.
    import re
    letters = re.compile("[publdateauthorm]", re.IGNORECASE)
    assert not [hex(c) for c in range(128, 0x110000) if letters.match(chr(c))]
    assert read_published_year("PUBLICATION DATE: 12 May 2019") == 2019
    assert read_published_year("Issue DATE 2018") == 2018
    assert read_citation("J Surg Oncol. AUTHOR MANUSCRIPT; available in PMC 2017 April 1.").journal == "J Surg Oncol"
