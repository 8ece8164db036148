"""Stable ids and the keys under which two records are the same article."""

import pytest

from generator.identity import duplicate_keys, pmcid, slugify, study_id
from generator.model import Record

TITLE = "Cytoreductive surgery before high dose interleukin-2 based therapy"


@pytest.mark.parametrize("record, index, count, sid", [
    (Record("a.nbib", pmid="9334576", doi="10.1016/X"), 0, 1, "pmid-9334576"),
    (Record("a.txt", doi="10.1016/s0022-5347(01)64091-6"), 0, 1, "doi-10-1016-s0022-5347-01-64091-6"),
    (Record("reviews/002_2e5cd576d5d14623.txt"), 0, 1, "002-2e5cd576d5d14623"),
    (Record("Smith 2020 (final).RIS"), 1, 3, "smith-2020-final-2"),
    (Record("ÉTUDE.md"), 0, 1, "etude"),
    (Record("___.txt"), 0, 1, "study"),
    (Record("a.md", pmid="../../evil x"), 0, 1, "pmid-evil-x"),
    (Record("a.md", pmid="１２３"), 0, 1, "pmid-123"),
])
def test_study_id(record, index, count, sid):
    assert study_id(record, index, count) == sid


def test_slug_is_limited_and_url_safe():
    assert slugify("a" * 100 + " b") == "a" * 80
    assert slugify("Ünïcode – title!") == "unicode-title"


@pytest.mark.parametrize("a, b", [
    (Record("a.txt", pmid="1"), Record("b.nbib", pmid="1")),
    (Record("a.txt", doi="10.1016/S0022-5347(01)64091-6"), Record("b.ris", doi="10.1016/s0022-5347(01)64091-6")),
    (Record("a.txt", title=TITLE + "."), Record("b.xml", title=TITLE.upper().replace("-", " "))),
])
def test_same_article_shares_a_key(a, b):
    assert set(duplicate_keys(a)) & set(duplicate_keys(b))


@pytest.mark.parametrize("a, b", [
    (Record("a.txt", pmid="1", title=TITLE), Record("b.txt", pmid="2", title="Another study entirely here")),
    (Record("a.txt", title="Case report"), Record("b.txt", title="Case report")),  # too short to tell
])
def test_different_articles_share_no_key(a, b):
    assert not set(duplicate_keys(a)) & set(duplicate_keys(b))


def test_an_absurdly_long_pmid_gives_an_id_short_enough_for_a_file_name():
    assert study_id(Record("a.nbib", pmid="9" * 5000), 0, 1) == "pmid-" + "9" * 80


@pytest.mark.parametrize("value, expected", [
    ("PMC1234567", "PMC1234567"), ("pmc1234567", "PMC1234567"), ("1234567", "PMC1234567"), (" PMC12 ", "PMC12"),
    ("PMC", None), ("NIHMS765432", None), ("", None), (None, None), ("PMC" + "9" * 20, None),
])
def test_pubmed_central_ids_as_pmc_writes_them(value, expected):
    assert pmcid(value) == expected
