"""Pasted pages in the shapes real sites print, each failure class with a fixture written in its shape."""

import pytest

from generator.model import SourceText
from generator.parsing import build_sections
from generator.readers import read_records
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
    "58\nViews\n6\nCrossRef citations to date\n0\nAltmetric\nOriginal Research\n\nORCID Icon, , , & ORCID Icon show all",
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


def test_pmcs_former_page_the_government_banner_and_the_journal_list_trail():
    record = read("U.S. flag\n\nAn official website of the United States government\n\nThe .gov means it’s official. "
                  "Federal government websites often end in .gov or .mil.\n\n  • Journal List\n  • Example Oncology\n"
                  "  • v.12(3); 2019 Mar\n\nDrug X for Example Carcinoma: A Pilot Study\n\n" + ABSTRACT)
    assert (record.title, record.journal, record.year) == ("Drug X for Example Carcinoma: A Pilot Study",
                                                           "Example Oncology", 2019)


def test_a_journals_name_broken_after_its_of_by_its_issn_line():
    record = read("Submit manuscript...\nJournal of\neISSN: 2401-1234\n\nExample Research, Disorders & Therapy\n\n"
                  "Correspondence:\n\n" + ABSTRACT)
    assert (record.title, record.journal) == (None, "Journal of Example Research, Disorders & Therapy")


@pytest.mark.parametrize("volume, year", [("2014;27(3):191-195", 2014), ("v.9(3); 2019 Mar", 2019)])
def test_a_journals_name_alone_then_its_volume_line(volume, year):
    record = read(f"Ex Arq Bras Cir\n\nOriginal Article\n\n{volume}\n\nDrug X for Example Carcinoma: A Pilot Study\n\n"
                  + ABSTRACT)
    assert (record.title, record.journal, record.year) == ("Drug X for Example Carcinoma: A Pilot Study",
                                                           "Ex Arq Bras Cir", year)


@pytest.mark.parametrize("whole, title", [
    # Printed whole further on, before its authors: the whole title, up to a footnote mark or the first author.
    ("Drug X for Example Carcinoma: Guidelines for diagnosis and follow-up† A. Rossi1, B. Bianchi2",
     "Drug X for Example Carcinoma: Guidelines for diagnosis and follow-up"),
    ("Drug X for Example Carcinoma: Guidelines for diagnosis and follow-up A. B. Rossi1, C. Bianchi2",
     "Drug X for Example Carcinoma: Guidelines for diagnosis and follow-up"),
    # Printed again, but where it ends cannot be told: the title as the page cut it.
    ("Drug X for Example Carcinoma: Guidelines for diagnosis and follow-up in the clinic",
     "Drug X for Example Carcinoma: Guidelines for ..."),
])
def test_a_title_cut_short_is_read_whole_where_the_page_prints_it_again(whole, title):
    record = read(f"Drug X for Example Carcinoma: Guidelines for ...\n\n4 downloads 1200 Views 133KB Size Report\n\n"
                  f"{whole}\n\nWe treated 24 patients with drug X; 9 responded.")
    assert record.title == title


def test_a_portals_separators_and_label_and_a_citation_under_its_own_label():
    record = read("scholarly journals Drug X for Example Carcinoma: A Pilot Study\n\n2018 ◽\nVol 24 (1) ◽\n"
                  "pp. 44-51 ◽\n\n" + ABSTRACT + "\n\nHow to cite this article:\nRossi A B, Bianchi C. Drug X for Example "
                  "Carcinoma: A Pilot Study. Ex Clin Res 2018;24:44-51")
    assert (record.title, record.journal, record.year) == ("Drug X for Example Carcinoma: A Pilot Study", "Ex Clin Res",
                                                           2018)


def test_a_reference_list_numbered_twice_is_no_citation_of_the_page():
    record = read("Drug X for example carcinoma\n\n  • Anna Rossi\n  • Carlo Bianchi\n\nWe treated 24 patients with drug X; "
                  "9 responded.\n\n  1. 1.\n    Verdi GA, Neri L (1975) Treatment of example tumours with drug Y. Preliminary "
                  "note. Cancer 36: 1250–1257PubMedCrossRefGoogle Scholar")
    assert (record.title, record.journal, record.year) == ("Drug X for example carcinoma", None, None)


@pytest.mark.parametrize("label", ["Journal", "Видання"])
def test_a_catalogue_label_alone_then_its_value(label):
    record = read(f"Drug X for example carcinoma\n\nGeneral information\n\n{label}\n2025, Example Advances in Oncology, "
                  f"с. 275-300\n\n" + ABSTRACT)
    assert (record.title, record.journal, record.year) == ("Drug X for example carcinoma", "Example Advances in Oncology",
                                                           2025)


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


@pytest.mark.parametrize("page, title", [
    ("Interleukin-9: A Review of Its Use in Example Cancer\n\n" + ABSTRACT, "Interleukin-9: A Review of Its Use in Example Cancer"),
    ("Ex J Oncol > Volume 3(1); 2020 > Article\nKim, Lee, and Choi: Drug X in Example Carcinoma\n\n" + ABSTRACT,
     "Drug X in Example Carcinoma"),
    ("Review article\nLiver tumours\n\nEX Journal of Oncology\n\nCurrent role of drug X in the treatment of example "
     "carcinoma\n\n" + ABSTRACT, "Current role of drug X in the treatment of example carcinoma"),
    ("No results found\n\nDrug X in example carcinoma: a new experience\n\nShare \"Drug X in example carcinoma: a new "
     "experience\"\n\nDrug X in example carcinoma: a new experience\n\n" + ABSTRACT,
     "Drug X in example carcinoma: a new experience"),
])
def test_the_title_by_its_shape_and_repetition(page, title):
    assert read(page).title == title


@pytest.mark.parametrize("page, title", [
    # A drug evaluation's subject over its subtitle, as Adis and Springer print it: one title.
    ("Skip to main content\n\nInterleukin-9\n\nA Review of its Pharmacology and Therapeutic Use in Example Cancer\n\n"
     "  • Drug Evaluation\n\n" + ABSTRACT, "Interleukin-9: A Review of its Pharmacology and Therapeutic Use in Example Cancer"),
    ("Drug X depot\nAn Update of its Use in Example Carcinoma\n\n" + ABSTRACT,
     "Drug X depot: An Update of its Use in Example Carcinoma"),
    ("Examplomab\n\nA Pharmacoeconomic Review of its Use in Example Carcinoma\n\n" + ABSTRACT,
     "Examplomab: A Pharmacoeconomic Review of its Use in Example Carcinoma"),
    # Not clearly one title: a subject line over a title that opens as no subtitle does, a journal's name, a whole
    # title over another line, a label, or a subject that is an author: as before.
    ("Liver tumours\n\nCurrent role of drug X in the treatment of example carcinoma\n\n" + ABSTRACT,
     "Current role of drug X in the treatment of example carcinoma"),
    ("Drug X for Example Carcinoma: A Pilot Study\n\nA Review of Drug X in Example Carcinoma\n\n" + ABSTRACT,
     "Drug X for Example Carcinoma: A Pilot Study"),
    ("Background\n\nA Review of its Use in Example Carcinoma\n\n" + ABSTRACT, "A Review of its Use in Example Carcinoma"),
    ("J Test Med. 2011;3:41-2.\n\nA Review of its Use in Example Carcinoma\n\n" + ABSTRACT,
     "A Review of its Use in Example Carcinoma"),
    ("Smith AB, Jones CD\n\nA Review of its Use in Example Carcinoma\n\n" + ABSTRACT,
     "A Review of its Use in Example Carcinoma"),
])
def test_a_title_on_two_lines_is_one_title_where_its_shape_is_clear(page, title):
    assert read(page).title == title


def test_authors_with_dotted_initials_one_a_line():
    page = ("Drug X for Example Carcinoma: An Update\n\nArthur J.A.T. Rossi\n\nMaarten L.J. Bianchi\n\n"
            "Andor F. van den Verdi\n\n" + ABSTRACT)
    assert read(page).authors == ("Arthur J.A.T. Rossi", "Maarten L.J. Bianchi", "Andor F. van den Verdi")


@pytest.mark.parametrize("page, expected", [
    ("ABSTRACT - Background: Little is known of drug X.\n\nMethods: We studied 61 patients.",
     [("Background", "Little is known of drug X."), ("Methods", "We studied 61 patients.")]),
    ("Abstract\n\nAbstract<jats:sec><jats:title>Aims</jats:title> We aim to compare X with Y. </jats:sec><jats:sec> "
     "Results Eleven studies (1031 <jats:italic>patients</jats:italic>) were included. </jats:sec>",
     [("Aims", "We aim to compare X with Y."), ("Results", "Eleven studies (1031 patients) were included.")]),
    ("Abstract\n\n:\n\nSimple Summary\n\nThis review is about drug X for lay readers.\n\nAbstract\n\n"
     "Drug X was studied in 24 patients.", [(None, "Drug X was studied in 24 patients.")]),
    ("Conclusions: Drug X works in 9 of 24 patients.\nexample carcinoma, drug X, stage II, adjuvant therapy\n"
     "Although many trials of drug X were done [1-4], few were randomized.", [("Conclusions", "Drug X works in 9 of 24 patients.")]),
    (ABSTRACT + "\n\nradioembolization\n\ndosimetry\n\n90Y As an established treatment, drug X has grown [1].",
     [(None, "We treated 24 patients with drug X; 9 responded.")]),
])
def test_where_the_abstract_and_its_headings_are(page, expected):
    record = read(f"Drug X for Example Carcinoma: A Pilot Study\n\n{page}")
    assert [(s.heading, s.text) for s in build_sections(record.blocks)] == expected


def test_refworks_export_one_tag_a_line_each_record_from_its_rt_line():
    page = ("RT Journal Article\nSR Electronic\nT1 Drug X in example metastases\nJF Journal of Examples\nYR 2010\n"
            "DO 10.5555/jex.2010.10\nA1 Rossi, Anna\nA1 Bianchi, Bruno\nAB Background: We treated 24 patients.\n"
            " Results: Nine responded.\nK1 drug X\n\nRT Journal Article\nSR Electronic\nT1 Drug Y in example metastases\n"
            "JO J Ex\nFD 2011 Mar 01\nA1 Verdi, Carla\nAB We treated 12 patients.\n")
    first, second = read_webtext(SourceText("export.txt", page))
    assert (first.line, first.title, first.journal, first.year, first.doi, first.authors, first.keywords) == (
        1, "Drug X in example metastases", "Journal of Examples", 2010, "10.5555/jex.2010.10",
        ("Rossi, Anna", "Bianchi, Bruno"), ("drug X",))
    assert [(s.heading, s.text) for s in build_sections(first.blocks)] == [
        ("Background", "We treated 24 patients."), ("Results", "Nine responded.")]
    assert (second.line, second.title, second.journal, second.year, second.authors) == (
        13, "Drug Y in example metastases", "J Ex", 2011, ("Verdi, Carla",))


def test_sciencedirect_page():
    page = ("Journal of Examples\nVolume 12, Issue 3, March 2010, Pages 10-19\n\nDrug X in example metastases: a phase "
            "II study\n\nAuthor links open overlay panel\nAnna Rossi a, Bruno Bianchi b\n\nhttps://doi.org/10.5555/jex.10\n"
            "Get rights and content\n\nHighlights\n\n• Drug X works in most patients.\n\n" + ABSTRACT)
    record = read(page)
    assert (record.title, record.journal, record.year, record.doi, texts(record)) == (
        "Drug X in example metastases: a phase II study", "Journal of Examples", 2010, "10.5555/jex.10",
        ["We treated 24 patients with drug X; 9 responded."])


def test_a_title_that_asks_a_question_and_a_long_logo_journal():
    journal = "EXJ : The Official Journal of the International Example Hepato Pancreato Biliary Surgery Association"
    page = (f"Skip to main content\n{journal} logoLink to {journal}\n. 2012 Jun;14(6):409–413. doi: 10.5555/exj.467\n\n"
            "Managing example metastases: is treatment consistent in Ontario?\n\nAnna Rossi 1, Bruno Bianchi 2\n\n" + ABSTRACT)
    record = read(page)
    assert (record.title, record.journal, record.year) == (
        "Managing example metastases: is treatment consistent in Ontario?", journal, 2012)


def test_a_question_title_without_an_abstract_heading_is_no_abstract():
    record = read("Should drug X be given before surgery in example carcinoma?\n\nWe treated 24 patients with drug X; "
                  "9 responded.")
    assert (record.title, texts(record)) == ("Should drug X be given before surgery in example carcinoma?",
                                             ["We treated 24 patients with drug X; 9 responded."])


def test_jmir_page_issue_line_preprint_note_and_address_block():
    page = ("Published on in Vol 8, No 2 (2022): Apr-Jun\n\nPreprints (earlier versions) of this paper are available at "
            "https://preprints.example.org/preprint/1, first published .\nDrug X and Example Carcinoma: A Qualitative Study"
            "\n\nDrug X and Example Carcinoma: A Qualitative Study\n\nOriginal Paper\n\nCorresponding Author:\n\n"
            "Anna Rossi, MD\n\nDepartment of Surgery\n\n1904 Example Center\n\nAnn Arbor, MI, 48109\n\nUnited States\n\n"
            "Phone: 1 734 000 0000\n\nEmail: rossi@example.org\n\n\nBackground: We treated 24 patients with drug X.")
    record = read(page)
    assert (record.title, record.year, record.authors, texts(record)) == (
        "Drug X and Example Carcinoma: A Qualitative Study", 2022, (), ["We treated 24 patients with drug X."])


def test_an_address_label_without_an_email_ends_at_the_abstract():
    record = read("Drug X for Example Carcinoma: A Pilot Study\n\nCorrespondence:\n\nReceived: January 01, 1970\n\n" + ABSTRACT)
    assert texts(record) == ["We treated 24 patients with drug X; 9 responded."]


@pytest.mark.parametrize("lines, authors", [
    ("Rossi, Anna; Bianchi, Bruno; Verdi, Carla Maria", ("Rossi, Anna", "Bianchi, Bruno", "Verdi, Carla Maria")),
    ("Anna Rossi, Bruno Bianchi, Department of Surgery, Example University Hospital, Rome 00100, Italy\n"
     "Carla Verdi, Division of Oncology, Example Cancer Institute, Milan 20100, Italy",
     ("Anna Rossi", "Bruno Bianchi", "Carla Verdi")),
    ("Anna Rossi    Bruno Bianchi    Carla Verdi   \n|   Cite this article    BIBTEX    REFER    RIS    |",
     ("Anna Rossi", "Bruno Bianchi", "Carla Verdi")),
    ("  1. Anna Rossi1,2,\n  2. Bruno Bianchi2,\n  3. Carla Verdi3\n  1. 1 Department of Surgery, Example University, "
     "Rome, Italy\n  2. 2 Patient Representative, Rome, Italy", ("Anna Rossi", "Bruno Bianchi", "Carla Verdi")),
])
def test_author_lines_as_journal_sites_print_them(lines, authors):
    record = read(f"Drug X for Example Carcinoma: A Pilot Study\n\n{lines}\n\n{ABSTRACT}")
    assert (record.title, record.authors) == ("Drug X for Example Carcinoma: A Pilot Study", authors)


@pytest.mark.parametrize("line, after, journal, year", [
    ("Erschienen in: Example Cell International 1/2020", False, "Example Cell International", 2020),
    ("Veröffentlicht in:Journal of example biochemistry 2016-10, Vol.35 (4), p.443-450", False,
     "Journal of example biochemistry", 2016),
    ("Published in: Example Oncology Reports | Issue 4/2019", False, "Example Oncology Reports", None),
    ("Acta Ex Venereol 2017; 97: XX–XX.", True, "Acta Ex Venereol", 2017),
    ("• Copyright: © Rossi et al. This is an open access article distributed under the terms of a licence.", False,
     None, None),
])
def test_journal_lines_before_or_after_the_abstract(line, after, journal, year):
    page = (f"Drug X for Example Carcinoma: A Pilot Study\n\n{ABSTRACT}\n\nKey words: drug X; example.\n\n{line}" if after
            else f"Drug X for Example Carcinoma: A Pilot Study\n\n{line}\n\n{ABSTRACT}")
    record = read(page)
    assert (record.title, record.journal, record.year) == ("Drug X for Example Carcinoma: A Pilot Study", journal, year)


def test_a_reference_after_the_abstract_gives_no_journal():
    record = read(f"Drug X for Example Carcinoma: A Pilot Study\n\n{ABSTRACT}\n\nIntroduction\n\nDrug X is new.\n\n"
                  "1. Rossi A, Bianchi B. An older study. Ex J Med. 2017;377(14):1357-1367.")
    assert (record.journal, record.year) == (None, None)


@pytest.mark.parametrize("line, journal, year, doi, pmid", [
    ("Example Surgery 38(4):p 283-289, September 2021. | DOI: 10.5555/es.477", "Example Surgery", 2021, "10.5555/es.477",
     None),
    ("Rossi A, Bianchi BC, Verdi C. Drug X for Example Carcinoma: A Pilot Study. World J Exampl 2024; 30(7): 644-651 "
     "[PMID: 38500000 DOI: 10.5555/wje.v30.i7.644]", "World J Exampl", 2024, "10.5555/wje.v30.i7.644", "38500000"),
    ("World Journal of Examples, ISSN 1920-0000 print, 1920-000X online, Open Access\nArticle copyright, the authors; "
     "Journal compilation copyright, World J Ex and Ex Press Inc\n\nVolume 14, Number 1, February 2023, pages 26-31",
     "World Journal of Examples", 2023, None, None),
    ("Annals of Examples 26 (Supplement 5): v126–v132, 2015 doi:10.5555/annex/mdv297", "Annals of Examples", 2015,
     "10.5555/annex/mdv297", None),
])
def test_citation_styles_of_lww_baishideng_and_elmer(line, journal, year, doi, pmid):
    record = read(f"{line}\n\nDrug X for Example Carcinoma: A Pilot Study\n\nAbstract▴Top\n\nWe treated 24 patients with drug X.")
    assert (record.title, record.journal, record.year, record.doi, record.pmid, texts(record)) == (
        "Drug X for Example Carcinoma: A Pilot Study", journal, year, doi, pmid, ["We treated 24 patients with drug X."])


def test_inverted_author_names_one_a_line():
    record = read("Drug X for Example Carcinoma: A Pilot Study\n\n  • van der Rossi, Anna E.W.\n  • Bianchi, Bruno L.\n\n"
                  + ABSTRACT)
    assert record.authors == ("van der Rossi, Anna E.W.", "Bianchi, Bruno L.")


def test_an_unnumbered_reference_after_the_abstract_gives_no_journal():
    record = read(f"Drug X for Example Carcinoma: A Pilot Study\n\n{ABSTRACT}\n\nKeywords: drug X\n\n"
                  "Rossi A, Bianchi B. An older study. Ex J Med 2017; 377: 1357-1367.")
    assert (record.journal, record.year) == (None, None)


def test_pure_portal_fields_after_the_abstract():
    record = read("Drug X for Example Carcinoma: A Pilot Study\n\nAnna Rossi, Bruno Bianchi\n\nResearch output: "
                  "Contribution to journalReview article\n\nWe treated 24 patients with drug X; 9 responded.\n\n"
                  "Original languageEnglish (US)\nArticle number54\nJournalExample Clinical Oncology\nIssue number5\n"
                  "StatePublished - Jan 1 2019\n\n  • Example tumour markers\n\nASJC Scopus subject areas\n\n  • Oncology")
    assert (record.journal, record.year, texts(record)) == (
        "Example Clinical Oncology", 2019, ["We treated 24 patients with drug X; 9 responded."])


def test_elsevier_accepted_manuscript_header():
    page = ("Accepted Manuscript Title: Drug X in example carcinoma Authors: A. Rossi, B. Bianchi PII: DOI: Reference:\n"
            "S0000-0000(18)30000-5 https://doi.org/10.5555/ero.2018.06.006 ONCH 2572\nTo appear in:\n"
            "Example Reviews in Oncology\nReceived date: Revised date: Accepted date:\n\n" + ABSTRACT)
    record = read(page)
    assert (record.title, record.journal, record.doi) == (
        "Drug X in example carcinoma", "Example Reviews in Oncology", "10.5555/ero.2018.06.006")


@pytest.mark.parametrize("tail", ["… CONTINUE READING", "… (More)", "...\n... read more"])
def test_an_aggregators_truncation_link_is_left_out(tail):
    record = read(f"Drug X for Example Carcinoma: A Pilot Study\n\nWe treated 24 patients with drug X; other effects were{tail}")
    assert texts(record)[0].rstrip(".…").endswith("other effects were")


def test_an_ris_export_saved_as_text_behind_a_wrapper_is_read_as_ris():
    text = ("Record #1 of 2\nProvider: Example Provider\nContent: text/plain; charset=\"UTF-8\"\n1.\nTY  - JOUR\n"
            "T1  - Drug X in example carcinoma\nY1  - 2014//\nN2  - We treated 24 patients with drug X.\nER  - \n\n"
            "Record #2 of 2\nProvider: Example Provider\n2.\nTY  - JOUR\nT1  - Drug Y in example carcinoma\nY1  - 2006//\n"
            "N2  - We treated 12 patients with drug Y.\nER  - \n")
    records, errors = read_records(SourceText("export.txt", text))
    assert ([(r.title, r.year) for r in records], errors) == (
        [("Drug X in example carcinoma", 2014), ("Drug Y in example carcinoma", 2006)], [])


@pytest.mark.parametrize("line, title", [
    ("Department of Surgical Oncology, Example University Hospital", None),
    ("Division of Hematology and Oncology, University of Example", None),
    ("Example University School of Medicine", None),
    ("Institut Gustave Example", None),
    ("University Hospital of Example, Department of Oncology", None),
    ("Department of Surgery", None),
    ("Outcomes of Liver Resection at a University Hospital", "Outcomes of Liver Resection at a University Hospital"),
    ("Hospital Volume and Outcome of Liver Surgery", "Hospital Volume and Outcome of Liver Surgery"),
])
def test_an_affiliation_line_is_never_the_title(line, title):
    assert read(f"{line}\n\nBackground: We treated 24 patients with drug X.").title == title


@pytest.mark.parametrize("line", [
    "Abstract Background", "Letter to the Editor", "Systematic Review and Meta-analysis", "Open in a separate window",
    "Cited by (12)", "Show more", "Add to Mendeley", "Purchase PDF", "Access through your institution", "Article preview",
    "Article info", "Check for updates", "Request full-text PDF", "Request PDF", "Copy link", "Published by Elsevier Ltd.",
    "Open Access funded by Example Council", "Join ResearchGate to find the people and research you need to help your work.",
    "Discover the world's research", "Content uploaded by Anna Rossi", "Full-text available", "Citations (12)",
    "All content in this area was uploaded by Anna Rossi on Jan 01, 2020", "Abstract Only",
    "Create a new collection", "Title & authors", "Follow NCBI", "8600 Example Pike Bethesda, MD 20894", "Access options",
    "Buy article PDF", "Price includes VAT (Germany)", "Similar content being viewed by others", "Explore related subjects",
    "Already a Subscriber? Sign in as an individual or via your institution", "Request permissions", "Rapid Responses",
    "Format: Summary (text)", "View on publisher's website", "Corpus ID: 12345678", "Topics from this paper",
    "Save to Library", "Research output", "Supplementary Materials", "Pages 1480-1487", "Volume 29 • Number 27 •",
    "Citation",
])
def test_publisher_and_researchgate_buttons_are_never_the_title(line):
    assert read(f"{line}\n\nWe treated 24 patients with drug X; 9 responded.").title is None


def test_an_issue_date_gives_the_year():
    assert read("Drug X for Example Carcinoma: A Pilot Study\n\nIssue Date: December 2012\n\n" + ABSTRACT).year == 2012


TITLE = "Drug X for Example Carcinoma: A Pilot Study"


@pytest.mark.parametrize("page, types", [
    # Above the citation, as PubMed prints it: the journal's name (a button) not copied, or on its own line, or in it.
    (f"Meta-Analysis\n. 2022 Mar;28(3):545-556.\n\n{TITLE}\n\n{ABSTRACT}", ("Meta-Analysis",)),
    (f"Review\n. 1999 Feb;11(1):S20-9.\ndoi: 10.1000/rev.1.\n\n{TITLE}\n\n{ABSTRACT}", ("Review",)),
    (f"Letter\nJ Test Med\n. 2011 Spring;3:41-2.\n\n{TITLE}\n\n{ABSTRACT}", ("Letter",)),
    (f"Randomized Controlled Trial\nJ Test Med. 2006 Mar 20;24(9):1395-403.\n\n{TITLE}\n\n{ABSTRACT}",
     ("Randomized Controlled Trial",)),
    (f"Editorial\nMulticenter Study\n. 2004;7:e12.\n\n{TITLE}\n\n{ABSTRACT}", ("Editorial", "Multicenter Study")),
    # Above the title printed again, the "et al." line after it (the page copied from there on).
    (f"Affiliations\nComment\n\n{TITLE}\n\nA B Author et al. J Test Med. 2011 Jan.\n\n{ABSTRACT}", ("Comment",)),
    # Both places, and the list under "Publication types" (with or without bullets): each type once.
    (f"Review\n. 1999 Feb;11(1):S20-9.\n\n{TITLE}\n\nAffiliations\nReview\n\n{TITLE}\n\n"
     f"A B Author et al. J Test Med. 1999 Feb.\n\n{ABSTRACT}\n\nPublication types\n\nReview\n\n"
     "Research Support, Non-U.S. Gov't\n\nMeSH terms\n\n  • Humans", ("Review", "Research Support, Non-U.S. Gov't")),
    # A type's name as a line anywhere else is none: in the abstract, as a heading, or above a line that is no citation.
    (f"{TITLE}\n\nAbstract\n\nBackground\nWe treated 24 patients with drug X.\n\nComment\nNine responded.", ()),
    (f"{TITLE}\n\nAbstract\n\nWe treated 24 patients with drug X.\n\nReview\n\nNine of them responded.", ()),
    (f"Clinical Trial\n\n{TITLE}\n\n{ABSTRACT}", ()),
    (f"Review\n{TITLE}\n\nA. B. Author, C. D. Author\n\n{ABSTRACT}", ()),
])
def test_pubmeds_publication_types_are_read_where_pubmed_prints_them(page, types):
    record = read(page)
    assert (record.title, record.publication_types) == (TITLE, types)


@pytest.mark.parametrize("abstract", [
    "Introduction.\nDrug X is new.\nMethods.\nWe treated 24 patients.\nResults.\nNine responded.\nConclusions.\nDrug X works.",
    "Background: Drug X is new.\n\nMethods: We treated 24 patients.\n\nResults: Nine responded.\n\nConclusions: Drug X works.",
])
def test_the_body_after_a_structured_abstracts_conclusions_is_left_out(abstract):
    record = read(f"Drug X for Example Carcinoma: A Pilot Study\n\nAbstract\n{abstract}\n\nExample carcinoma is the third "
                  "most common cancer worldwide [1]. Metastases are frequent [2].")
    assert texts(record)[-1] == "Drug X works."


def test_a_second_conclusions_paragraph_of_an_unstructured_abstract_is_kept():
    record = read("Drug X for Example Carcinoma: A Pilot Study\n\nAbstract\n\nWe treated 24 patients.\n\nNine responded.")
    assert texts(record) == ["We treated 24 patients. Nine responded."]


def test_refworks_all_on_one_line_with_its_abstract():
    record = read("RT Journal Article SR Electronic T1 Drug X in example metastases JF Journal of Examples FD 2010 Mar 01 "
                  "DO 10.5555/jex.2010.10 A1 Rossi, Anna A1 Bianchi, Bruno YR 2010 UL http://ex.org/10.abstract "
                  "AB Background: We treated 24 patients. Results: Nine responded.")
    assert (record.title, record.journal, record.year, record.doi, record.authors) == (
        "Drug X in example metastases", "Journal of Examples", 2010, "10.5555/jex.2010.10", ("Rossi, Anna", "Bianchi, Bruno"))
    assert [(s.heading, s.text) for s in build_sections(record.blocks)] == [
        ("Background", "We treated 24 patients."), ("Results", "Nine responded.")]
