"""Page furniture out, metadata lists and Unicode kept as the extractor needs them."""

import pytest

from generator.cleaning import clean_page, is_furniture, list_item, normalise_unicode


@pytest.mark.parametrize("line", [
    "Skip to main page content",
    "U.S. flag",
    "An official website of the United States government",
    "Dot gov",
    "Https",
    "The .gov means it’s official.",
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
