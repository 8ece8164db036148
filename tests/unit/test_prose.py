"""The review's own pages (generator/prose.py): content/pages/*.md read, ordered, titled, made HTML."""

from __future__ import annotations

from generator.prose import ProsePage, read_prose


def test_pages_are_read_in_file_order_titled_by_their_heading_and_kept_apart_from_studies(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "02-methods.md").write_text("# Methods\n\n| Stage | Records |\n| --- | --- |\n| Screened | 38 |\n")
    (pages / "01-question.md").write_text("Which <script>x</script> works?\n")
    (pages / "notes.txt").write_text("not a page")
    (pages / "bad.md").write_bytes(b"\xff\xfe\x00")
    found, diagnostics = read_prose(tmp_path, ["a.txt", "pages/01-question.md", "pages/02-methods.md",
                                               "pages/bad.md", "pages/notes.txt"])
    assert [(p.path, p.title) for p in found] == [("pages/question.md", "Question"), ("pages/methods.md", "Methods")]
    assert found[0].html == "<p>Which &lt;script&gt;x&lt;/script&gt; works?</p>"
    assert "<td>Screened</td>" in found[1].html and "<th>Records</th>" in found[1].html
    assert [str(d) for d in diagnostics] == [
        "pages/bad.md: error: not UTF-8 text (byte 0); page left out",
        "pages/notes.txt: warning: a page of the review must be a Markdown file (.md) directly in pages/; left out"]
    assert isinstance(found[0], ProsePage)
