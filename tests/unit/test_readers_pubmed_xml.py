"""PubMed XML reader: inline markup, labels, several articles, unsafe and broken XML."""

import pytest

from generator.diagnostics import InputError
from generator.model import AbstractBlock, SourceText
from generator.readers.pubmed_xml import read_pubmed_xml

ARTICLE = """<PubmedArticle><MedlineCitation><PMID>7</PMID><Article>
<Journal><JournalIssue><PubDate><MedlineDate>1998 Winter</MedlineDate></PubDate></JournalIssue>
<Title>Journal of Tests</Title></Journal>
<ArticleTitle>CD4<sup>+</sup> cells and <i>H. pylori</i></ArticleTitle>
<Abstract><AbstractText NlmCategory="RESULTS">Dose 2 &#215; 10<sup>6</sup> U; H<sub>2</sub>O.</AbstractText>
<AbstractText Label="TRIAL REGISTRATION" NlmCategory="UNASSIGNED">NCT0000</AbstractText></Abstract>
<AuthorList><Author><CollectiveName>Test Group</CollectiveName></Author></AuthorList></Article></MedlineCitation>
</PubmedArticle>"""


def read(text: str):
    """Every record of a PubMed XML text."""
    return read_pubmed_xml(SourceText("set.xml", text))


def test_inline_markup_is_flattened_and_categories_head_unlabelled_parts():
    [record] = read(ARTICLE)
    assert record.title == "CD4+ cells and H. pylori"
    assert record.blocks == (AbstractBlock("Results", "Dose 2 × 10 6 U; H2O."),
                             AbstractBlock("TRIAL REGISTRATION", "NCT0000"))
    assert (record.journal, record.year, record.authors, record.pmid) == ("Journal of Tests", 1998, ("Test Group",), "7")


def test_a_bare_pubmed_article_root_is_read():
    assert len(read(ARTICLE)) == 1
    assert len(read(f"<PubmedArticleSet>{ARTICLE}\n{ARTICLE}</PubmedArticleSet>")) == 2


@pytest.mark.parametrize("text, message", [
    ('<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n]>\n<lolz>&lol;</lolz>',
     "set.xml:2: error: XML with a DOCTYPE internal subset or ENTITY declarations is refused "
     "(entity expansion is unsafe)"),
    ("<html><body>hi</body></html>", "set.xml: error: not a PubMed XML file (root element is <html>)"),
    ("<PubmedArticleSet>\n  <PubmedArticle>\n</PubmedArticleSet>", "set.xml:3:3: error: malformed XML: mismatched tag"),
    ("<PubmedArticleSet><PubmedArticle><PMID>1</PMID></PubmedArticle></PubmedArticleSet>",
     "set.xml:1: error: PubmedArticle without MedlineCitation/Article"),
])
def test_errors(text, message):
    with pytest.raises(InputError) as caught:
        read(text)
    assert str(caught.value) == message
