"""Real exports read record by record: a malformed record of each format costs itself alone, and whatever
goes wrong inside one study's read and extraction is a message naming its file, never a traceback."""

import pytest

import generator.extract.study
import generator.readers
from generator.config import SiteConfig
from generator.model import load_study
from generator.pipeline import collect, read_file

ABSTRACT = ("The pooled hazard ratio for 18 studies comprising 2,255 patients was 3.13 (95%CI 2.52-3.89). "
            "Overall survival was shorter in 1,204 of 2,255 patients (53.4%).")

# Each format: a good record, a malformed one, a good one. (name, text, the messages for the bad one, the studies
# kept: a record with nothing to read is kept with a made title, one the reader cannot take apart is not)
FILES = [
    ("a.nbib", f"PMID- 1\nTI  - First trial.\nAB  - {ABSTRACT}\n\nAU  - Smith A\nPT  - Journal Article\n\n"
               f"stray line\nPMID- 3\nTI  - Third trial.\nAB  - {ABSTRACT}\n",
     ["a.nbib:5: warning: record has no title, abstract, DOI or PMID; kept, with a made title",
      "a.nbib:8: warning: line is neither a MEDLINE field ('TAG - value') nor a value going on (indented 6 spaces): "
      "'stray line'; left out"], 3),
    ("a.ris", f"1.\nTY  - JOUR\nTI  - First trial.\nAB  - {ABSTRACT}\nDO  - 10.1000/1\nER  - \n2.\nTY  - JOUR\n"
              f"AU  - Smith, A\nER  - \n3.\nTY\t- JOUR\nTI\t- Third trial.\nAB\t- {ABSTRACT}\nDO\t- 10.1000/3\nER\t- \n",
     ["a.ris:8: warning: record has no title, abstract, DOI or PMID; kept, with a made title"], 3),
    ("a.xml", "<PubmedArticleSet>\n" + "\n".join(
        f"<PubmedArticle><MedlineCitation><PMID>{n}</PMID><Article><ArticleTitle>{t}</ArticleTitle><Abstract>"
        f"<AbstractText>{ABSTRACT}</AbstractText></Abstract></Article></MedlineCitation></PubmedArticle>"
        if t else f"<PubmedArticle><PMID>{n}</PMID></PubmedArticle>"
        for n, t in ((1, "First trial."), (2, None), (3, "Third trial."))) + "\n</PubmedArticleSet>\n",
     ["a.xml:3: error: PubmedArticle without MedlineCitation/Article; skipped"], 2),
]


@pytest.mark.parametrize("name, text, messages, kept", FILES)
def test_a_malformed_record_costs_itself_alone(tmp_path, name, text, messages, kept):
    (tmp_path / name).write_text(text)
    result = read_file(tmp_path, SiteConfig(), tmp_path / name)
    assert [str(d) for d in result.diagnostics] == messages
    assert len(result.candidates) == kept and result.read


@pytest.mark.parametrize("name, text, messages, kept", FILES)
def test_thousands_separators_never_crash_and_read_as_numbers(tmp_path, name, text, messages, kept):
    (tmp_path / name).write_text(text)
    result = read_file(tmp_path, SiteConfig(), tmp_path / name)
    study = load_study(result.candidates[0].encoded, None)
    assert study.extraction.n_total == 2255


def test_an_error_nobody_foresaw_in_one_record_is_a_message_naming_it(tmp_path, monkeypatch):
    name, text, _, _ = FILES[0]
    (tmp_path / name).write_text(text)
    real = generator.extract.study.extract_study

    def extract_study(record, sections, config):
        if record.pmid == "3":
            raise ValueError("could not convert string to float: '2,255'")
        return real(record, sections, config)

    monkeypatch.setattr(generator.extract.study, "extract_study", extract_study)
    result = read_file(tmp_path, SiteConfig(), tmp_path / name)
    assert str(result.diagnostics[-1]) == (
        "a.nbib:9: error: this record was skipped: litreview failed while reading the abstract (ValueError: could "
        "not convert string to float: '2,255'); please report this with the file")
    assert len(result.candidates) == 2


def test_an_error_nobody_foresaw_in_a_reader_is_a_message_naming_the_file(tmp_path, monkeypatch):
    (tmp_path / "a.ris").write_text(FILES[1][1])

    def read_ris(source):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setitem(generator.readers.READERS, ".ris", read_ris)
    monkeypatch.setattr(generator.readers, "pick_reader", lambda source: read_ris)
    result = read_file(tmp_path, SiteConfig(), tmp_path / "a.ris")
    assert [str(d) for d in result.diagnostics] == [
        "a.ris: error: this file was skipped: litreview failed while reading (RecursionError: maximum recursion depth "
        "exceeded); please report this with the file"]
    assert not result.read


def test_a_file_of_only_bad_records_is_skipped_with_their_errors_and_not_counted_as_of_unknown_type(tmp_path):
    (tmp_path / "a.nbib").write_text("stray line\n\nAU  - Smith A\nTI  - A cut-off ti")
    collection = collect(tmp_path, SiteConfig())
    assert [str(d) for d in collection.diagnostics] == [
        "a.nbib:1: warning: line is neither a MEDLINE field ('TAG - value') nor a value going on (indented 6 spaces): "
        "'stray line'; left out",
        "a.nbib:4: error: file ends in the middle of a field (line 4 has no line ending and no final full stop); the "
        "export looks cut off"]
    assert (collection.files_read, collection.files_skipped, collection.unknown_type) == (0, 1, 0)


@pytest.mark.parametrize("name, text, line", [
    ("a.ris", "TY  - JOUR\nTI  - First trial.\nER  - \nTY  - JOUR\nAU  - Smith, A\nJO  - J Tests\nPY  - 2004\nER  - \n", 4),
    ("a.nbib", "PMID- 1\nTI  - First trial.\n\nAU  - Smith A\nTA  - J Tests\nDP  - 2004 May\n", 4),
    ("savedrecs.txt", "FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nTI First trial.\nER\n\nPT J\nAU Smith, A\n"
                      "JI J Tests\nPY 2004\nER\n\nEF\n", 7),
])
def test_a_record_with_nothing_to_read_is_kept_with_a_warning_and_a_title_made_from_its_citation(
        tmp_path, name, text, line):
    (tmp_path / name).write_text(text)
    result = read_file(tmp_path, SiteConfig(), tmp_path / name)
    assert f"{name}:{line}: warning: record has no title, abstract, DOI or PMID; kept, with a made title" in [
        str(d) for d in result.diagnostics]
    made = load_study(result.candidates[1].encoded, None)
    assert (made.title, made.title_generated) == ("Untitled record (Smith A, J Tests, 2004)", True)
