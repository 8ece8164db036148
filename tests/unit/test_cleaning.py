"""Page furniture out, metadata lists and Unicode kept as the extractor needs them."""

import pytest

from generator.cleaning import clean_page, furniture_kind, is_furniture, list_item, normalise_unicode


def kept(text: str) -> list[str]:
    """The non-blank lines a page keeps."""
    return [line.text for line in clean_page(text).lines if line.text]


@pytest.mark.parametrize("kind, line", [
    ("navigation", "[Skip to Content Landing]"),
    ("navigation", "Next Article in Journal"),
    ("navigation", "Choose Destination"),
    ("navigation", "About this Journal Submit a Manuscript Table of Contents"),
    ("navigation", "For Authors For Reviewers For Editorial Board Members"),
    ("navigation", "Search tips"),
    ("navigation", "SEARCH"),
    ("navigation", ", , , , , & show all"),
    ("banner", "Advertisement"),
    ("banner", "Example Press Author Manuscripts logo"),
    ("banner", "Logo of exjHomeThis ArticleSearchSubmit"),
    ("banner", "EXU-Logo"),
    ("banner", "Europe PMC"),
    ("banner", "Example Hub requires Javascript to function effectively."),
    ("banner", "This website requires cookies, and the limited processing of your personal data."),
    ("banner", "Rent the article at a discount"),
    ("banner", "Downloaded by: Example University. Copyrighted material."),
    ("banner", "Article |"),
    ("sign_in", "We're unable to sign you in at this time. Please try again in a few minutes."),
    ("sign_in", "Contact the Example Service Center:"),
    ("sign_in", "Error Message ......"),
    ("sign_in", "Institutional Sign In"),
    ("metrics", "412 Scopus citations"),
    ("metrics", "CrossRef citations to date"),
    ("metrics", "Views 288"),
    ("metrics", "Citations: 4 | Downloads: 12"),
    ("metrics", "1,470 Chapter Downloads"),
    ("metrics", "Loading metrics"),
    ("metrics", "17"),
    ("cite_this", "|   Cite this article    BIBTEX    REFER    RIS    |"),
    ("indexing", "Research output: Contribution to journal › Article › peer-review"),
    ("indexing", "Research output: Contribution to journalArticlepeer-review"),
    ("indexing", "Original languageEnglish"),
    ("indexing", "Pages (from-to)101-109"),
    ("indexing", "Number of pages9"),
    ("indexing", "See related commentary by Rossi and Bianchi, p. 1201"),
    ("indexing", "This article is featured in Highlights of This Issue, p. 1199"),
    ("indexing", "Received 3 January 2019"),
    ("indexing", "Submitted May 05, 2014. Accepted for publication Jun 19, 2014."),
    ("indexing", "Publisher: Example BV"),
    ("contact", "Correspondence to: Dr. Anna Rossi, Example Hospital, Rome."),
    ("contact", "Telephone: 1 (800) 555-0100 or 1 (312) 555-0199"),
    ("contact", "Editor: Carla Verdi, University of Example, ITALY"),
    ("contact", "Author contributions: All authors contributed equally to the work."),
    ("contact", "Roles Conceptualization, Data curation, Writing – original draft"),
    ("contact", "(1)Department of Surgery, Example Hospital."),
    ("article_type", "Original Article"),
    ("article_type", "Review Article"),
    ("article_type", "Case Report Open Access"),
    ("affiliation", "1Department of Example Radiology, Example Hospital, Rome, Italy"),
    ("affiliation", "Example National Cancer Institute, Via Esempio, 53, 00144 Rome, Italy."),
    ("affiliation", "From the Example Cancer Center, Springfield; the Example University, Shelbyville."),
    ("affiliation", "Affiliation Department of Example Surgery, Example Hospital, Milan, Italy"),
])
def test_furniture_kinds(kind, line):
    assert furniture_kind(line) == kind


@pytest.mark.parametrize("line", [
    "Skip to main page content",
    "U.S. flag",
    "An official website of the United States government",
    "Dot gov",
    "Https",
    "The .gov means it’s official.",
    "The .gov means it’s official. Federal government websites often end in .gov or .mil. Before sharing "
    "sensitive information, make sure you’re on a federal government site.",
    "The site is secure. The https:// ensures that you are connecting to the official website.",
    "Preview improvements coming to the PMC website in October 2024. Learn More or Try it out now .",
    "Users Online: 120Home Print this page Email this page Small font sizeDefault font size",
    "Access keys NCBI Homepage MyNCBI Homepage Main Content Main Navigation",
    "Add like",
    "Add dislike",
    "Add to saved papers",
    "Affiliations",
    "PubMed Disclaimer",
    "Disclaimer: All third-party content on this website/platform is provided as is.",
    "Talk to us",
    "Join us for a 30 min session where you can share your feedback",
    "Schedule a call",
    "Can't access the paper?",
    "For the best experience, use the Read mobile app",
    "Mobile app image",
    "Get seemless 1-tap access through your institution/university",
    "All material on this website is protected by copyright, Copyright © 1994-2024 by WebMD LLC.",
    "You can now claim free CME credits for this literature searchClaim now",
    "Your Privacy Choices Toggle icon",
    "© 2020 Society of Surgical Oncology.",
    "Copyright 2017 The Authors.",
    "Figure 2.",
    "Free PMC article",
    "Author information:",
    "(1)Department of Surgery, Example Hospital.",
    "Open Access",
    "Original Article",
    "Received 3 January 2019",
])
def test_furniture_lines(line):
    assert is_furniture(line)


@pytest.mark.parametrize("line", [
    "Clinical Trial",
    ". 1997 Nov;158(5):1675-8.",
    "doi: 10.1016/s0022-5347(01)64091-6.",
    "M M Walther et al. J Urol. 1997 Nov.",
    "Results: Among 18 patients, 14 are still alive.",
    "Cytoreductive surgery before high dose interleukin-2 based therapy",
    "Table salt intake and blood pressure in 200 adults",
    "Published: 12 March 2020",  # a date the reader reads the year from
    "2011",
    "Case Report",
    "Back to Journals » Example Management and Research » Volume 9",
    "Example Therapy logoLink to Example Therapy",
    "We treated 12 patients at the Department of Surgery, Example Hospital, in Rome, between 2001 and 2005.",
    "Consensus Recommendations of the National Cancer Institute Planning Meeting",
])
def test_lines_that_are_not_furniture(line):
    assert not is_furniture(line)


@pytest.mark.parametrize("heading, tail", [
    ("Similar articles", "Some other study of IL-2. J Urol. 1999."),
    ("Cited by", "A later paper. Lancet. 2020."),
    ("References", "1. House MG, Ito H. Survival after resection. J Am Coll Surg. 2010."),
    ("Figures", "CONSORT flow diagram. PD = progressive disease."),
    ("Comment in", "Editorial about it. J Natl Cancer Inst. 2017."),
    ("Full text links", "We could not find it."),
])
def test_a_furniture_heading_drops_what_follows(heading, tail):
    page = clean_page(f"Abstract\n\nResults: 5 of 10 responded.\n\n{heading}\n\n{tail}\nMore of it.")
    assert [line.text for line in page.lines if line.text] == ["Abstract", "Results: 5 of 10 responded."]


@pytest.mark.parametrize("block", [
    "This publication has 13 references indexed in Scilit:\nRossi A. An older study. Ex J. 1990.",
    "ASJC Scopus subject areas\n\n  • Nephrology\n  • Physiology (medical)",
    "Cite this\n\nAPA\nAuthor\nBIBTEX",
    "List of references\n\n  1. Rossi, Gene profiling in example, Ex. Path., № 6, с. 360",
    "Peer Review reports\n\nBackground\n\nThe body of the article begins here.",
])
def test_a_furniture_block_drops_what_follows(block):
    assert kept(f"Abstract\n\nResults: 5 of 10 responded.\n\n{block}") == ["Abstract", "Results: 5 of 10 responded."]


@pytest.mark.parametrize("page, lines", [
    ("Next Article in Journal\nAnother Article About Something Else\nPrevious Article in Journal\n"
     "Yet Another Article\n\nThe Title of This Article", ["The Title of This Article"]),
    ("Font Type:\nArial Georgia Verdana\nFont Size:\nAa Aa Aa\nLine Spacing:\nColumn Width:\nBackground:\n\n"
     "The Title of This Article", ["The Title of This Article"]),
    ("Abstract\n\n  1. Top of page\n  2. Abstract\n  3. MATERIALS AND METHODS\n  4. RESULTS\n\nBACKGROUND\n\nText.",
     ["Abstract", "BACKGROUND", "Text."]),
    ("Figure 1.\nFlow diagram of the example study\nFlow diagram of the example study\n\nResults: x.", ["Results: x."]),
    ("Example Journal of Radiology Example Journal of Radiology\nA Title", ["Example Journal of Radiology", "A Title"]),
])
def test_furniture_that_spans_lines(page, lines):
    assert kept(page) == lines


def test_a_page_pasted_as_one_line_of_markdown_is_split():
    page = ("Long-term outcome of a made-up regimen in example carcinoma ==================== * Anna Rossi * "
            "Carlo Bianchi ## Abstract A made-up regimen was given to 40 patients with example carcinoma. * immunotherapy")
    assert kept(page) == ["Long-term outcome of a made-up regimen in example carcinoma", "Anna Rossi", "Carlo Bianchi",
                          "Abstract A made-up regimen was given to 40 patients with example carcinoma.", "immunotherapy"]


def test_abstract_heading_ends_a_skipped_block():
    page = clean_page("Full text links\nLinkOut\nAbstract\nResults: it worked.")
    assert [line.text for line in page.lines] == ["Abstract", "Results: it worked."]
    assert [line.number for line in page.lines] == [3, 4]


def test_metadata_lists_are_collected_after_references():
    text = ("Abstract\nResults: x.\nReferences\n1. Kopetz S. J Clin Oncol. 2009.\n"
            "Publication types\n\n  • Clinical Trial\n  • Journal Article\nMeSH terms\n"
            "  • Liver Neoplasms / drug therapy*\n  • Humans\nSupplementary concepts\n  • Something\n")
    page = clean_page(text)
    assert page.items("publication_types") == ("Clinical Trial", "Journal Article")
    assert page.items("mesh_terms") == ("Liver Neoplasms / drug therapy", "Humans")
    assert [line.text for line in page.lines if line.text] == ["Abstract", "Results: x."]


@pytest.mark.parametrize("raw, item", [
    ("  • Leiomyosarcoma / secondary*", "Leiomyosarcoma / secondary"),
    ("- Humans", "Humans"),
    ("Chemotherapy, Cancer, Regional Perfusion / methods*", "Chemotherapy, Cancer, Regional Perfusion / methods"),
])
def test_list_item(raw, item):
    assert list_item(raw) == item


@pytest.mark.parametrize("raw, clean", [
    ("5\u00a0mg", "5 mg"),
    ("p\u2009<\u2009.001", "p < .001"),
    ("n\u202f=\u202f12", "n = 12"),
    ("\ufb01rst-line e\ufb00ect", "first-line effect"),
    ("\uff11\uff12\uff05", "12%"),
    ("soft\u00adhyphen zero\u200bwidth", "softhyphen zerowidth"),
    ("HR \u2212 0.5, \u2264 3, \u2265 4, 2 \u00d7 10, 5 \u00b5g", "HR \u2212 0.5, \u2264 3, \u2265 4, 2 \u00d7 10, 5 \u00b5g"),
])
def test_normalise_unicode(raw, clean):
    assert normalise_unicode(raw) == clean


def test_a_journal_site_menu_is_navigation():
    assert furniture_kind("Current Issue Archive Supplements Articles in Press Journal Information Aims and Scope "
                          "Editorial Office Register as Author Instructions for Authors Subscription Links") == "navigation"


def test_case_aliases_are_every_character_lower_does_not_make_plain():
    # A line is tried against a scanning rule only when its ``str.lower`` holds the rule's phrase; a character that
    # matches a plain one when case is ignored, but that lower() does not turn into it, must be in CASE_ALIASES.
    import re

    from generator.cleaning import CASE_ALIASES
    odd = {chr(c) for c in range(128, 0x110000)
           if re.match(r"[\x00-\x7f]", chr(c), re.IGNORECASE) and not chr(c).lower().isascii()}
    assert odd <= set(CASE_ALIASES)


@pytest.mark.parametrize("kind, line", [
    ("banner", "This site requires JavaScr\u0131pt to work"),
    ("banner", "Please ENABLE JAVASCR\u0130PT"),
    ("navigation", "Select thi\u017f link to jump to the figure"),
    ("indexing", "x &#x; y &#X; z"),
    ("article_type", "Free Open Access"),
])
def test_a_scanning_rule_matches_its_phrase_in_any_case(kind, line):
    assert furniture_kind(line) == kind


def test_normalise_unicode_maps_no_ascii_character():
    # normalise_unicode leaves an ASCII text as it is without looking it up: the table must hold none.
    from generator.cleaning import UNICODE_TABLE
    assert min(UNICODE_TABLE) >= 128
