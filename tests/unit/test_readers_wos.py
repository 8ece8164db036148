"""Web of Science reader: header, fields going on in indented lines, authors, journal, ids, errors."""

from generator.diagnostics import Diagnostic
from generator.model import SourceText
from generator.readers import pick_reader, read_records
from generator.readers.wos import read_wos

EXPORT = """FN Clarivate Analytics Web of Science
VR 1.0
PT J
AU Okafor, CN
   van der Berg, J
   Test Trial Group
AF Okafor, Chidi N.
   van der Berg, Jan
TI A made-up title that the export wraps
   over two lines
SO JOURNAL OF TESTS
DE first keyword; second
   keyword
AB Forty patients were treated. The response rate was 40%.
CR SMITH A, 1999, J TESTS, V1, P1
   JONES B, 2001, J TESTS, V2, P2
J9 J TESTS
JI J. Tests
PY 2004
DI 10.1000/test.1
PM 15170338
UT WOS:000000000000001
ER

PT J
AU Roe, R
SO OTHER JOURNAL
J9 OTHER J
PY 2010
ER

PT J
TI Second title, no ER
PT J
TI Last
ER

EF
"""


def test_records_as_web_of_science_writes_them():
    items = read_wos(SourceText("savedrecs.txt", EXPORT))
    first = items[0]
    assert (first.title, first.authors, first.journal, first.year, first.doi, first.pmid, first.keywords) == (
        "A made-up title that the export wraps over two lines", ("Okafor CN", "van der Berg J", "Test Trial Group"),
        "J. Tests", 2004, "10.1000/test.1", "15170338", ("first keyword", "second keyword"))
    assert first.blocks[0].text == "Forty patients were treated. The response rate was 40%."
    assert [str(i) if isinstance(i, Diagnostic) else (i.line, i.title) for i in items[1:]] == [
        (25, None),
        "savedrecs.txt:34: warning: record starting at line 32 has no 'ER' before the next 'PT'; read as ending there",
        (32, "Second title, no ER"), (34, "Last")]


def test_a_web_of_science_export_is_read_as_one_whatever_its_name():
    for name in ("savedrecs.txt", "export.ris", "wos"):
        assert pick_reader(SourceText(name, EXPORT)) is read_wos
    records, diagnostics = read_records(SourceText("export.ris", EXPORT))
    assert [r.title for r in records] == ["A made-up title that the export wraps over two lines", None,
                                          "Second title, no ER", "Last"]
