"""Property tests over the readers and the parse stage: any bytes, any format, never a traceback.

Whatever a content file holds, reading it gives records (and a message for each record it could
not use) or an ``InputError`` with a message;
the sections built from the records hold text and a known label.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.diagnostics import InputError
from generator.model import SECTION_LABELS, SourceText
from generator.parsing import build_sections
from generator.readers import decode, read_records

SUFFIXES = (".txt", ".nbib", ".xml", ".nxml", ".ris", ".md")
# Pieces of every format, so random files look enough like each to reach the readers' inner paths.
PIECES = st.sampled_from([
    "PMID- 1\n", "TI  - A title\n", "AB  - Background: x. Results: 16% (95% CI 12-21).\n", "      cont\n",
    "TY  - JOUR\n", "ER  - \n", "AU  - Smith J\n", "<PubmedArticleSet>", "<PubmedArticle>", "<AbstractText Label='X'>",
    "</AbstractText>", "<ArticleTitle>T</ArticleTitle>", "---\n", "title: T\n", "year: x\n", "Abstract\n",
    "Similar articles\n", "doi: 10.1/x\n", "RESULTS: 3 of 9 (33%).\n", "\x00", "\r\n", "\ufeff", "é", "–", "{{ x }}",
    "FN Clarivate Analytics Web of Science\n", "PT J\n", "AU Smith, J\n", "   Roe, R\n", "TI A title\n", "ER\n",
    "<pmc-articleset>", "<article>", "<front>", "<article-meta>", "<title-group><article-title>T</article-title>",
    "<contrib><collab>G</collab></contrib>", "<name><surname>S</surname><given-names>A</given-names></name>",
    "<abstract abstract-type='graphical'>", "<abstract>", "<sec><title>Results</title><p>3 of 9 (33%).</p></sec>",
    "<pub-date pub-type='ppub'><year>2020</year></pub-date>", "<article-id pub-id-type='doi'>10.1/x</article-id>",
    "</abstract>", "</article-meta>", "</front>", "</article>",
    "<mml:math xmlns:mml='http://www.w3.org/1998/Math/MathML'>",
    "<mml:msub><mml:mi>V</mml:mi><mml:mn>2</mml:mn></mml:msub>", "</mml:math>",
])
# A PubMed Central article around random pieces, so some files are well-formed enough to reach its fields.
JATS = st.lists(PIECES, max_size=12).map(
    lambda p: f"<article><front><article-meta>{''.join(p)}</article-meta></front></article>".encode("utf-8"))
FILES = st.one_of(st.binary(max_size=400), st.lists(PIECES, max_size=30).map(lambda p: "".join(p).encode("utf-8")),
                  JATS)


@settings(max_examples=300, deadline=None)
@given(data=FILES, suffix=st.sampled_from(SUFFIXES))
def test_any_file_reads_to_records_or_a_message(data, suffix):
    path = "x" + suffix
    try:
        records, unread = read_records(SourceText(path, decode(path, data)))
    except InputError as exc:
        assert exc.diagnostics and all(d.path == path and d.message for d in exc.diagnostics)
        return
    assert all(d.path == path and d.message and d.line for d in unread)
    for record in records:
        assert record.source == path and record.line >= 1
        for section in build_sections(record.blocks):
            assert section.label in SECTION_LABELS and isinstance(section.text, str)
