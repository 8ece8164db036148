"""PubMed Central (JATS) reader: one article or a set of them, metadata from the front, the main abstract."""

import pytest

from generator.diagnostics import Diagnostic, InputError
from generator.model import AbstractBlock
from generator.readers import read_path

DOCTYPE = ('<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Archiving and Interchange DTD v1.2 '
           '20190208//EN" '
           '"JATS-archivearticle1.dtd">\n')
NS = 'xmlns:mml="http://www.w3.org/1998/Math/MathML" xmlns:xlink="http://www.w3.org/1999/xlink"'


def article(meta: str = "", abstract: str = "<abstract><p>Forty walkers paced a track.</p></abstract>",
            journal: str = '<journal-id journal-id-type="nlm-ta">Trial Walks</journal-id>') -> str:
    """One ``article`` element: a title, one author, a journal, a year, ids and ``abstract`` unless ``meta`` says."""
    meta = meta or ('<title-group><article-title>Walking after surgery</article-title></title-group>'
                    '<contrib-group><contrib contrib-type="author"><name><surname>Okafor</surname>'
                    '<given-names>Ada B.</given-names></name></contrib></contrib-group>'
                    '<pub-date pub-type="epub"><year>2019</year></pub-date><pub-date pub-type="ppub"><year>2020</year>'
                    '</pub-date><article-id pub-id-type="pmid">31000001</article-id>'
                    '<article-id pub-id-type="doi">10.5555/walk.1</article-id>')
    return (f'<article {NS} article-type="research-article"><front><journal-meta>{journal}</journal-meta>'
            f'<article-meta>{meta}{abstract}</article-meta></front><body><p>Body text, not read.</p></body></article>')


def read(tmp_path, name: str, text: str):
    """The records of a file and its messages, as strings for the messages."""
    (tmp_path / name).write_text(text, encoding="utf-8")
    try:
        records, messages = read_path(name, tmp_path / name)
    except InputError as exc:
        return [], [str(d) for d in exc.diagnostics]
    return records, [str(m) for m in messages]


@pytest.mark.parametrize("name", ["one.nxml", "one.xml"])
def test_a_single_article_file_gives_every_field(tmp_path, name):
    [record], messages = read(tmp_path, name, DOCTYPE + article(
        abstract='<abstract><p>Forty walkers paced a track.</p></abstract><kwd-group><kwd>gait</kwd></kwd-group>'
                 '<article-categories><subj-group subj-group-type="heading"><subject>Research Article</subject>'
                 '</subj-group></article-categories>'))
    assert messages == []
    assert (record.title, record.authors, record.journal, record.year, record.doi, record.pmid, record.line) == (
        "Walking after surgery", ("Okafor AB",), "Trial Walks", 2020, "10.5555/walk.1", "31000001", 2)
    assert record.blocks == (AbstractBlock(None, "Forty walkers paced a track.", own_part=True),)
    assert (record.keywords, record.publication_types) == (("gait",), ("Research Article",))


def test_a_set_of_three_with_one_broken_keeps_the_other_two(tmp_path):
    broken = f'<article {NS}><front><journal-meta/></front></article>'
    third = article().replace("walk.1", "walk.3")
    text = f'<?xml version="1.0"?>\n<pmc-articleset>\n{article()}\n{broken}\n{third}\n</pmc-articleset>\n'
    records, messages = read(tmp_path, "set.xml", text)
    assert [(r.doi, r.line) for r in records] == [("10.5555/walk.1", 3), ("10.5555/walk.3", 5)]
    assert messages == ["set.xml:4: error: article without front/article-meta; skipped"]


TITLE = "<title-group><article-title>T</article-title></title-group>"


@pytest.mark.parametrize("meta, abstract, blocks", [
    # Labelled sections, each under its title; the abstract's own title is not a part.
    (TITLE, "<abstract><title>Abstract</title><sec><title>Aims</title><p>To pace.</p></sec>"
            "<sec><title>Findings</title><p>Paced well.</p><p>And fast.</p></sec></abstract>",
     (AbstractBlock("Aims", "To pace.", own_part=True),
      AbstractBlock("Findings", "Paced well. And fast.", own_part=True))),
    # A section within a section is a part of its own, under its own title.
    (TITLE, "<abstract><sec><title>Methods</title><p>We walked.</p><sec><title>Setting</title><p>A park.</p></sec>"
            "</sec></abstract>",
     (AbstractBlock("Methods", "We walked.", own_part=True), AbstractBlock("Setting", "A park.", own_part=True))),
    # A graphical abstract and a teaser before the main abstract are left out.
    (TITLE, '<abstract abstract-type="graphical"><p>A picture of a track.</p></abstract>'
            '<abstract abstract-type="teaser"><p>Walk more.</p></abstract><abstract><p>The main one.</p></abstract>',
     (AbstractBlock(None, "The main one.", own_part=True),)),
    # Without a main abstract, a summary is read; a graphical one only when there is nothing else.
    (TITLE, '<abstract abstract-type="graphical"><p>A picture.</p></abstract>'
            '<abstract abstract-type="summary"><p>In short.</p></abstract>',
     (AbstractBlock(None, "In short.", own_part=True),)),
    # MathML, <sub> and <sup> read as text; an equation's TeX beside its MathML left out.
    (TITLE, '<abstract><p>Peak V<sub>O2</sub> rose 10<sup>3</sup>-fold; area 2 m<sup>2</sup>; '
            '<inline-formula><alternatives><tex-math>\\dot{V}O_2</tex-math><mml:math><mml:mover><mml:mi>V</mml:mi>'
            '<mml:mo>˙</mml:mo></mml:mover><mml:msub><mml:mi>O</mml:mi><mml:mn>2</mml:mn></mml:msub><mml:mtext>max'
            '</mml:mtext></mml:math></alternatives></inline-formula> too.</p></abstract>',
     (AbstractBlock(None, "Peak VO2 rose 10 3-fold; area 2 m2; VO2max too.", own_part=True),)),
    # Paragraphs and list items written with nothing between them keep their words apart.
    (TITLE, "<abstract><p>Two aims:</p><list><list-item><p>to walk;</p></list-item><list-item><p>to run.</p>"
            "</list-item></list></abstract>",
     (AbstractBlock(None, "Two aims:", own_part=True), AbstractBlock(None, "to walk; to run.", own_part=True))),
    # A correction with no abstract is kept, its title its own.
    (TITLE, "", ()),
])
def test_abstracts(tmp_path, meta, abstract, blocks):
    [record], messages = read(tmp_path, "a.nxml", article(meta, abstract))
    assert (record.title, record.blocks, messages) == ("T", blocks, [])


@pytest.mark.parametrize("meta, field, value", [
    # A collective author in its place, its members (listed inside it) not part of its name.
    ('<contrib-group><contrib contrib-type="author"><name><surname>Lind</surname><given-names>Jean-Luc</given-names>'
     '</name><xref ref-type="aff" rid="a1"><sup>1</sup></xref></contrib><contrib contrib-type="author"><collab>Track '
     'Study Group<contrib-group><contrib><name><surname>Member</surname></name></contrib></contrib-group></collab>'
     '</contrib><contrib contrib-type="editor"><name><surname>Editor</surname></name></contrib></contrib-group>',
     "authors", ("Lind JL", "Track Study Group")),
    ('<contrib-group><contrib><name><surname>Sato</surname><given-names initials="K">Kenji</given-names>'
     '<suffix>Jr</suffix></name></contrib></contrib-group>', "authors", ("Sato K Jr",)),
    # A title's footnote mark left out; markup in it read as text.
    ('<title-group><article-title>CO<sub>2</sub> and <italic>walking</italic><xref ref-type="fn" rid="f1">*</xref>'
     '</article-title></title-group>', "title", "CO2 and walking"),
    ('<title-group><article-title>Walking<break/>and running</article-title></title-group>', "title",
     "Walking and running"),
    # The year of the issue: print (or as JATS 1.1 writes it) before online; a release date never.
    ('<pub-date date-type="pub" publication-format="electronic"><year>2018</year></pub-date>'
     '<pub-date date-type="pub" publication-format="print"><year>2019</year></pub-date>', "year", 2019),
    ('<pub-date pub-type="pmc-release"><year>2021</year></pub-date><pub-date pub-type="collection"><year>2017</year>'
     '</pub-date><pub-date pub-type="epub"><year>2016</year></pub-date>', "year", 2017),
    ('<pub-date pub-type="pmc-release"><year>2021</year></pub-date>', "year", None),
    ('<article-id pub-id-type="doi">https://doi.org/10.5555/walk.2</article-id>', "doi", "10.5555/walk.2"),
    # PubMed Central's id, as PMC writes it whether the file gives its digits or the whole of it.
    ('<article-id pub-id-type="pmc">1234567</article-id>', "pmcid", "PMC1234567"),
    ('<article-id pub-id-type="pmcid">PMC7654321</article-id>', "pmcid", "PMC7654321"),
])
def test_metadata(tmp_path, meta, field, value):
    [record], _ = read(tmp_path, "a.nxml", article(meta + TITLE))  # its own title first, where it has one
    assert getattr(record, field) == value


@pytest.mark.parametrize("journal, name", [
    ('<journal-id journal-id-type="iso-abbrev">Trial Walks J</journal-id>'
     '<journal-title-group><journal-title>Trial Walks Journal</journal-title></journal-title-group>', "Trial Walks J"),
    ("<journal-title>Trial Walks Journal</journal-title>", "Trial Walks Journal"),  # NLM 2.x, no group
])
def test_journal(tmp_path, journal, name):
    [record], _ = read(tmp_path, "a.nxml", article(journal=journal))
    assert record.journal == name


def test_an_external_dtd_is_never_loaded(tmp_path):
    (tmp_path / "local.dtd").write_text('<!ENTITY walked "LOADED">', encoding="utf-8")
    doctype = f'<!DOCTYPE article SYSTEM "{(tmp_path / "local.dtd").as_uri()}">\n'
    text = doctype + article(TITLE.replace(">T<", ">T&walked;<"))
    [record], messages = read(tmp_path, "a.nxml", text)
    assert (record.title, messages) == ("T&walked;", [])


@pytest.mark.parametrize("name, text, message", [
    ("a.nxml", '<?xml version="1.0"?>\n<!DOCTYPE article [\n<!ENTITY a "aaaaaaaaaa">\n<!ENTITY b "&a;&a;&a;&a;">\n]>\n'
               '<article><front><article-meta><title-group><article-title>&b;</article-title></title-group>'
               '</article-meta></front></article>',
     "a.nxml: error: XML with a DOCTYPE internal subset or ENTITY declarations is refused "
     "(entity expansion is unsafe)"),
    ("a.nxml", "<html><body>A page</body></html>",
     "a.nxml: error: not a PubMed or PubMed Central (JATS) XML file (root element is <html>)"),
    ("a.xml", "<pmc-articleset>\n" + article() + "\n<article><front>\n</pmc-articleset>",
     "a.xml:4:18: error: malformed XML: Opening and ending tag mismatch: front line 3 and pmc-articleset"),
])
def test_refused(tmp_path, name, text, message):
    records, messages = read(tmp_path, name, text)
    assert message in messages
    assert all(not isinstance(r, Diagnostic) for r in records)


def test_an_article_that_fails_unforeseen_is_that_articles_error_alone(tmp_path, monkeypatch):
    def fail(meta):
        if "walk.2" in "".join(meta.itertext()):
            raise KeyError("boom")
        return None
    monkeypatch.setattr("generator.readers.jats.year", fail)
    text = f"<pmc-articleset>\n{article()}\n{article().replace('walk.1', 'walk.2')}\n</pmc-articleset>"
    records, messages = read(tmp_path, "set.xml", text)
    assert [r.doi for r in records] == ["10.5555/walk.1"]
    assert messages == ["set.xml:3: error: this record was skipped: litreview failed while reading this <article> "
                        "(KeyError: 'boom'); please report this with the file"]
