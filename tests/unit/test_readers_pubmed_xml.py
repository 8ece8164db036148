"""PubMed XML reader: inline markup and MathML, labels, articles and books, one bad article, unsafe and broken XML."""

import pytest

from generator.diagnostics import Diagnostic, InputError
from generator.model import AbstractBlock, SourceText
from generator.parsing import build_sections
from generator.readers import read_path, read_records
from generator.readers import read_xml

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
    return read_xml(SourceText("set.xml", text))


def test_inline_markup_is_flattened_and_categories_head_unlabelled_parts():
    [record] = read(ARTICLE)
    assert record.title == "CD4+ cells and H. pylori"
    assert record.blocks == (AbstractBlock("Results", "Dose 2 × 10 6 U; H2O.", own_part=True),
                             AbstractBlock("TRIAL REGISTRATION", "NCT0000", own_part=True))
    assert (record.journal, record.year, record.authors, record.pmid) == ("Journal of Tests", 1998, ("Test Group",), "7")


def test_the_pubmed_central_id_of_an_article():
    text = ARTICLE.replace("</MedlineCitation>", '</MedlineCitation><PubmedData><ArticleIdList><ArticleId IdType="pubmed">'
                           '7</ArticleId><ArticleId IdType="pmc">PMC1234567</ArticleId></ArticleIdList></PubmedData>')
    [record] = read(text)
    assert (record.pmid, record.pmcid) == ("7", "PMC1234567")


def test_a_bare_pubmed_article_root_is_read():
    assert len(read(ARTICLE)) == 1
    assert len(read(f"<PubmedArticleSet>{ARTICLE}\n{ARTICLE}</PubmedArticleSet>")) == 2


BOOK = """<PubmedBookArticle><BookDocument><PMID Version="1">99000010</PMID>
<ArticleIdList><ArticleId IdType="bookaccession">NBK0001</ArticleId><ArticleId IdType="doi">10.9999/gr.1</ArticleId></ArticleIdList>
<Book><Publisher><PublisherName>Test University Press</PublisherName></Publisher><BookTitle book="tr">Test Reviews<sup>&#174;</sup></BookTitle>
<PubDate><Year>1993</Year></PubDate><AuthorList Type="editors"><Author><LastName>Editor</LastName><Initials>E</Initials></Author></AuthorList></Book>
<ArticleTitle book="tr" part="x">Invented Syndrome</ArticleTitle>
<AuthorList Type="authors"><Author><LastName>Lindqvist</LastName><Initials>KA</Initials></Author></AuthorList>
<PublicationType UI="D016454">Review</PublicationType>
<Abstract><AbstractText Label="CLINICAL CHARACTERISTICS">Onset is in childhood in 12 of 20 families.</AbstractText></Abstract>
</BookDocument><PubmedBookData><ArticleIdList><ArticleId IdType="pubmed">99000010</ArticleId></ArticleIdList></PubmedBookData>
</PubmedBookArticle>"""
WHOLE_BOOK = """<PubmedBookArticle><BookDocument><PMID>99000011</PMID><Book>
<Publisher><PublisherName>Test Press</PublisherName></Publisher><BookTitle>A Handbook of Tests</BookTitle>
<PubDate><Year>2004</Year></PubDate><AuthorList Type="authors"><Author><CollectiveName>Test Panel</CollectiveName></Author></AuthorList>
</Book></BookDocument></PubmedBookArticle>"""


def article(abstract: str) -> str:
    return ARTICLE.replace(ARTICLE[ARTICLE.index("<Abstract>"):ARTICLE.index("</Abstract>")], f"<Abstract>{abstract}")


@pytest.mark.parametrize("text, fields", [
    (BOOK, ("Invented Syndrome", ("Lindqvist KA",), "Test Reviews®", 1993, "10.9999/gr.1", "99000010", ("Review",))),
    (f"<PubmedArticleSet>{ARTICLE}{BOOK}</PubmedArticleSet>",
     ("Invented Syndrome", ("Lindqvist KA",), "Test Reviews®", 1993, "10.9999/gr.1", "99000010", ("Review",))),
    (f"<PubmedBookArticleSet>{WHOLE_BOOK}</PubmedBookArticleSet>",
     ("A Handbook of Tests", ("Test Panel",), "Test Press", 2004, None, "99000011", ())),
])
def test_book_articles_are_read_as_studies(text, fields):
    record = read(text)[-1]
    assert (record.title, record.authors, record.journal, record.year, record.doi, record.pmid,
            record.publication_types) == fields


def test_a_book_chapter_keeps_its_labelled_abstract():
    [record] = read(BOOK)
    assert record.blocks == (AbstractBlock("CLINICAL CHARACTERISTICS", "Onset is in childhood in 12 of 20 families.",
                                           own_part=True),)


MML = 'xmlns:mml="http://www.w3.org/1998/Math/MathML"'


@pytest.mark.parametrize("abstract, text", [
    # Indented MathML, as PubMed writes it: "V̇O2max", not "V . O 2 m a x".
    (f"""<AbstractText>Peak <mml:math {MML}>
      <mml:mrow>
        <mml:mover><mml:mi>V</mml:mi><mml:mo>&#729;</mml:mo></mml:mover>
        <mml:msub><mml:mi>O</mml:mi><mml:mn>2</mml:mn></mml:msub>
        <mml:mtext>max</mml:mtext>
      </mml:mrow>
    </mml:math> rose by 12%.</AbstractText>""", "Peak VO2max rose by 12%."),
    (f'<AbstractText>Area <mml:math {MML}><mml:msup><mml:mi>m</mml:mi><mml:mn>2</mml:mn></mml:msup></mml:math>; '
     f'ratio <mml:math {MML}><mml:mfrac><mml:mn>1</mml:mn><mml:mn>3</mml:mn></mml:mfrac></mml:math>; '
     f'<mml:math {MML}><mml:semantics><mml:mi>x</mml:mi><mml:annotation encoding="TeX">x</mml:annotation>'
     f'</mml:semantics></mml:math>.</AbstractText>', "Area m2; ratio 1/3; x."),
    ("<AbstractText>Body surface 1.8 m<sup>2</sup>.</AbstractText>", "Body surface 1.8 m2."),
    # Roots and fenced lists keep what makes them one ("x23" was the cube root of x squared).
    (f'<AbstractText><mml:math {MML}><mml:mroot><mml:msup><mml:mi>x</mml:mi><mml:mn>2</mml:mn></mml:msup>'
     f'<mml:mn>3</mml:mn></mml:mroot></mml:math>, <mml:math {MML}><mml:msqrt><mml:mi>n</mml:mi></mml:msqrt>'
     f'</mml:math>, <mml:math {MML}><mml:mfenced><mml:mi>a</mml:mi><mml:mi>b</mml:mi></mml:mfenced>'
     f'<mml:mfenced open="|" close="|" separators=""><mml:mi>a</mml:mi><mml:mi>b</mml:mi></mml:mfenced>'
     f'</mml:math>.</AbstractText>', "3√(x2), √(n), (a, b)|ab|."),
    # A word in italic that the file runs into its neighbours is a word of its own; a symbol is not.
    ("<AbstractText>Variants at the<i>ABCD</i>locus (<i>ABCD</i>) and in<b>Wnt</b>; NF-<i>κ</i>B, "
     "IFN<i>γ</i>, <i>p</i><sub>trend</sub>, <i>H. pylori</i>s.</AbstractText>",
     "Variants at the ABCD locus (ABCD) and in Wnt; NF-κB, IFNγ, ptrend, H. pyloris."),
    # Scripts before a symbol (an isotope) stay before it, and a space the equation sets (mtext, mspace) is kept.
    (f"""<AbstractText>Inhaled <mml:math {MML}>
      <mml:mrow>
        <mml:mmultiscripts><mml:mi>He</mml:mi><mml:mprescripts/><mml:none/><mml:mn>3</mml:mn></mml:mmultiscripts>
        <mml:mo>/</mml:mo>
        <mml:mmultiscripts><mml:mi>C</mml:mi><mml:mn>4</mml:mn><mml:none/><mml:mprescripts/><mml:mn>6</mml:mn>
          <mml:mn>14</mml:mn></mml:mmultiscripts>
        <mml:mtext> </mml:mtext><mml:mi>MRI</mml:mi><mml:mspace width="0.2em"/><mml:mi>scan</mml:mi>
      </mml:mrow>
    </mml:math>.</AbstractText>""", "Inhaled 3He/614C4 MRI scan."),
    # The line break and indentation a pretty-printed file puts before a subscript are not a space in the word.
    ("""<AbstractText>A fast-acting &#946;
\t\t\t\t\t\t<sub>2</sub>-agonist,
H <sub>2</sub>O and 10
  <sup>6</sup> cells.</AbstractText>""", "A fast-acting β2-agonist, H 2O and 10 6 cells."),
])
def test_mathml_and_markup_read_as_text(abstract, text):
    [record] = read(article(abstract))
    assert record.blocks[0].text == text


def test_an_unlabelled_part_after_a_labelled_one_is_a_section_of_its_own():
    [record] = read(article('<AbstractText Label="RESULTS">Response in 12 of 20.</AbstractText>'
                            '<AbstractText>Copyright 2020 the authors.</AbstractText>'))
    assert [(s.label, s.heading, s.text) for s in build_sections(record.blocks)] == [
        ("results", "RESULTS", "Response in 12 of 20."), ("other", None, "Copyright 2020 the authors.")]


def test_one_bad_article_is_an_error_and_its_neighbours_are_kept():
    items = read(f"<PubmedArticleSet>\n{ARTICLE}\n<PubmedArticle><PMID>1</PMID></PubmedArticle>\n{BOOK}\n"
                 "<DeleteCitation><PMID>5</PMID></DeleteCitation></PubmedArticleSet>")
    assert [str(i) if isinstance(i, Diagnostic) else i.pmid for i in items] == [
        "7", "set.xml:10: error: PubmedArticle without MedlineCitation/Article; skipped", "99000010"]


def test_articles_read_before_the_file_breaks_are_kept():
    items = read(f"<PubmedArticleSet>\n{ARTICLE}\n<PubmedArticle>\n</PubmedArticleSet>")
    assert [str(i) if isinstance(i, Diagnostic) else i.pmid for i in items] == [
        "7", "set.xml:11:20: error: malformed XML: Opening and ending tag mismatch: PubmedArticle line 10 and "
             "PubmedArticleSet"]


def test_a_declared_encoding_is_read():
    assert read('<?xml version="1.0" encoding="ISO-8859-1"?>\n' + ARTICLE.replace("Tests", "Tésts"))[0].journal \
        == "Journal of Tésts"


@pytest.mark.parametrize("text, message", [
    ('<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n]>\n<lolz>&lol;</lolz>',
     "set.xml: error: XML with a DOCTYPE internal subset or ENTITY declarations is refused "
     "(entity expansion is unsafe)"),
    ("<html><body>hi</body></html>", "set.xml: error: not a PubMed or PubMed Central (JATS) XML file (root element is <html>)"),
    ("<PubmedArticleSet>\n  <PubmedArticle>\n</PubmedArticleSet>", "set.xml:3:20: error: malformed XML: "
     "Opening and ending tag mismatch: PubmedArticle line 2 and PubmedArticleSet"),
    ("<PubmedArticleSet><PubmedArticle><PMID>1</PMID></PubmedArticle></PubmedArticleSet>",
     "set.xml:1: error: PubmedArticle without MedlineCitation/Article; skipped"),
    ('<!DOCTYPE x SYSTEM "file:///etc/hostname">\n<PubmedArticleSet/>', "set.xml: error: no abstract found in this file"),
])
def test_errors(text, message):
    with pytest.raises(InputError) as caught:
        read_records(SourceText("set.xml", text))
    assert str(caught.value) == message


def test_a_file_cut_off_inside_an_article_keeps_the_articles_before_it():
    items = read(f"<PubmedArticleSet>\n{ARTICLE}\n<PubmedArticle><MedlineCitation>\n<Article><ArticleTitle>Cut")
    assert [str(i) if isinstance(i, Diagnostic) else i.pmid for i in items] == [
        "7", "set.xml:11:27: error: malformed XML: Premature end of data in tag ArticleTitle line 11"]


DECLARATION = '<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle//EN" "pubmed.dtd">\n'
EXPORT = f"{DECLARATION}<PubmedArticleSet>\n{ARTICLE}\n</PubmedArticleSet>\n"
BOM = "\ufeff"


@pytest.mark.parametrize("text, found", [
    # Exports joined into one file (cat, copy /b), with or without their byte-order marks.
    (EXPORT + EXPORT.replace("<PMID>7", "<PMID>8"), [("7", 4), ("8", 16)]),
    (BOM + EXPORT + BOM + EXPORT.replace("<PMID>7", "<PMID>8"), [("7", 4), ("8", 16)]),
    # Blank lines before the declaration, which XML allows only first.
    ("\n\n" + EXPORT, [("7", 6)]),
    # A DOCTYPE that declares entities is no export's: refused where it stands, the articles before it kept.
    (EXPORT + '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e "e">]>\n<PubmedArticleSet/>\n',
     [("7", 4), "joined.xml:13:6: error: malformed XML: XML declaration allowed only at the start of the document"]),
])
@pytest.mark.parametrize("chunk", [7, 1 << 16])
def test_exports_joined_into_one_file_are_read_whole(tmp_path, monkeypatch, text, found, chunk):
    monkeypatch.setattr("generator.readers.xml_common.CHUNK", chunk)  # a join across two chunks too
    (tmp_path / "joined.xml").write_bytes(text.encode())
    records, errors = read_path("joined.xml", tmp_path / "joined.xml")
    assert [(r.pmid, r.line) for r in records] + [str(e) for e in errors] == found


TITLED = ARTICLE.replace("<i>H. pylori</i>", "Ångström")
TITLED_EXPORT = EXPORT.replace(ARTICLE, TITLED)


@pytest.mark.parametrize("text, found", [
    # A declaration that names UTF-16, names UTF-8 (kept as it was when the file was saved again), or names none.
    (f'<?xml version="1.0" encoding="UTF-16"?>\n<PubmedArticleSet>\n{TITLED}\n</PubmedArticleSet>\n', [("7", 3)]),
    (f'<?xml version="1.0" encoding="UTF-8"?>\n<PubmedArticleSet>\n{TITLED}\n</PubmedArticleSet>\n', [("7", 3)]),
    # No declaration, or a DOCTYPE first: the parser cannot tell UTF-16 without a byte-order mark by them.
    (f"<PubmedArticleSet>\n{TITLED}\n</PubmedArticleSet>\n", [("7", 2)]),
    (f"{DECLARATION.split(chr(10))[1]}\n<PubmedArticleSet>\n{TITLED}\n</PubmedArticleSet>\n", [("7", 3)]),
    # Blank lines before the declaration; two exports joined into one.
    (f"\n\n{TITLED_EXPORT}", [("7", 6)]),
    (TITLED_EXPORT + TITLED_EXPORT.replace("<PMID>7", "<PMID>8"), [("7", 4), ("8", 16)]),
    # Entities are refused and an external DTD is not loaded, whatever the encoding.
    ('<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n]>\n<PubmedArticleSet>&lol;</PubmedArticleSet>',
     ["utf16.xml: error: XML with a DOCTYPE internal subset or ENTITY declarations is refused (entity expansion is "
      "unsafe)"]),
    ('<!DOCTYPE x SYSTEM "file:///etc/hostname">\n<PubmedArticleSet/>', ["utf16.xml: error: no abstract found in this file"]),
])
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-16"])
@pytest.mark.parametrize("chunk", [7, 1 << 16])
def test_a_utf16_export_is_read_with_or_without_a_byte_order_mark(tmp_path, monkeypatch, text, found, encoding, chunk):
    """Windows tools save a PubMed XML export as UTF-16, little- or big-endian, with no byte-order mark at times."""
    monkeypatch.setattr("generator.readers.xml_common.CHUNK", chunk)  # a character cut between two chunks too
    (tmp_path / "utf16.xml").write_bytes(text.encode(encoding))
    try:
        records, errors = read_path("utf16.xml", tmp_path / "utf16.xml")
    except InputError as caught:
        records, errors = [], list(caught.diagnostics)
    assert [(r.pmid, r.line) for r in records] + [str(e) for e in errors] == found
    assert {r.title for r in records} <= {"CD4+ cells and Ångström"}
