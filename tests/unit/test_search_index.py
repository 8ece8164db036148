"""The chunked search index: words, weights, entries and the files (generator/search_index.py)."""

from __future__ import annotations

import json

import pytest
from test_search import HR, make_study

from generator import search_index
from generator.config import SiteConfig, Term
from generator.search_index import IndexEntry, build_search_index, index_entry, synonym_groups, term_weights, words

# Shared with tests/browser/test_search_browser.py, which makes the same words in the browser.
WORD_CASES = [
    ("HR 0.58 (95% CI 0.38–0.88; P = .01)", ["hr", "0.58", "95", "ci", "0.38", "0.88", "p", "01"]),
    ("Interleukin-2 (IL-2) and IL2", ["interleukin2", "il2", "and", "il2"]),
    # A name and its hyphened number are one word; a range, a duration and two words are not.
    ("IL-2-based Y‐90 anti-PD-1 2-3 5-year progression-free", ["il2", "based", "y90", "anti", "pd1", "2", "3", "5",
                                                               "year", "progression", "free"]),
    ("Café Müller, naïve", ["cafe", "muller", "naive"]),
    ("1,000 patients ≥ 65 y", ["1", "000", "patients", "65", "y"]),
    ("snake_case 5-FU/LV", ["snake", "case", "5", "fu", "lv"]),
    ("Ⅱ ² ½ ﬁbrosis", ["ii", "2", "1", "2", "fibrosis"]),
    ("", []),
]


@pytest.mark.parametrize(("text", "expected"), WORD_CASES)
def test_words(text, expected):
    assert words(text) == expected


@pytest.mark.parametrize(("fields", "expected"), [
    # BM25's term part x100 against a 250-word abstract: 2.2 * tf / (tf + 1.2 * (0.25 + 0.75 * length / 250)).
    ([("a b a", 1)], (("a", 190), ("b", 168))),
    ([("a", 1), ("a", 5)], (("a", 209),)),
    ([("word " * 500, 1)], (("word", 219),)),
    ([("", 1)], ()),
])
def test_term_weights(fields, expected):
    assert term_weights(fields) == expected


def test_an_entry_ranks_title_facets_and_numbers_above_the_abstract():
    entry = index_entry(make_study())
    weights = dict(zip(entry.words.split(" "), entry.weights))
    assert weights["docetaxel"] > weights["gastrectomy"] > weights["longer"]  # title and facet, title, text
    assert weights["hazard"] > weights["longer"]  # "HR 0.62" is found as a hazard ratio
    assert {"0.62", "0.41", "0.93", "okafor", "gastric", "oncol"} <= weights.keys()
    assert entry.filters[0] == ("design", "Randomized trial") and entry.sorts == (("year", 2014), ("size", 212))
    assert json.loads(entry.fragment) == {
        "url": "studies/doi-10-9999-test-1.html", "title": "Docetaxel after gastrectomy", "year": "2014",
        "design": "Randomized trial, phase III", "size": "N = 212", "headline": ["Hazard ratio for overall survival: 0.62 (95% CI 0.41–0.93)",
                                                                      "Overall response rate: 31%"],
        "text": "Overall survival was longer (HR 0.62; 95% CI 0.41 to 0.93; P = .02). The response rate was 31%.",
    }


def test_untrusted_text_stays_a_json_string_in_its_fragment():
    title = '<script>alert("x")</script> & "trial"\u2028'
    entry = index_entry(make_study(title=title, findings=(HR,)))
    assert json.loads(entry.fragment)["title"] == title


def entry(sid, weights=(), filters=(), sorts=(("year", 0),), fragment="{}") -> IndexEntry:
    return IndexEntry(sid, " ".join(w for w, _ in weights), bytes(n for _, n in weights), tuple(filters),
                      tuple(sorts), fragment)


def test_build_search_index_writes_postings_facets_and_fragments(monkeypatch):
    monkeypatch.setattr(search_index, "CHUNK_CHARS", 20)
    monkeypatch.setattr(search_index, "FRAGMENT_GROUP", 2)
    monkeypatch.setattr(search_index, "MAX_GROUP", 2)
    # crc32 modulo 2 of the ids: a 1, b 1, c 1, d 0.
    entries = [
        entry("a", [("melanoma", 150), ("trial", 90)], [("design", "Randomized trial")], [("year", 2001)], '{"n":0}'),
        entry("b", [("liver", 120)], [("design", "Case report")], [("year", 0)], '{"n":1}'),
        entry("c", [("melanoma", 80), ("zeta", 10)], [("design", "Randomized trial")], [("year", 1999)], '{"n":2}'),
        entry("d", fragment='{"n":3}'),
    ]
    files = dict(build_search_index(entries))
    assert files == {
        # A chunk closes once its words pass CHUNK_CHARS (about 6 characters a number); a word is never split.
        "search-index/words/0.json": '{"liver":[1,120],"melanoma":[0,150,2,80]}',
        "search-index/words/1.json": '{"trial":[0,90],"zeta":[2,10]}',
        "search-index/meta.json": '{"format":2,"studies":4,"chunks":["liver","trial"],'
                                  '"groups":[["a",2],["c",1],["d",1]],"synonyms":[]}',
        "search-index/facets.json": '{"facets":{"design":{"Case report":[1],"Randomized trial":[0,2]}},'
                                    '"sorts":{"year":[2001,0,1999,0]}}',
        # A group begins with the first study, one whose id hashes to 0 (d), or one after MAX_GROUP (c).
        "search-index/studies/a.json": '[{"n":0},{"n":1}]',
        "search-index/studies/c.json": '[{"n":2}]',
        "search-index/studies/d.json": '[{"n":3}]',
    }


def test_a_study_added_rewrites_its_own_group_of_fragments_alone():
    def fragments(ids):
        files = build_search_index(entry(sid, fragment=f'"{sid}"') for sid in ids)
        return {path: text for path, text in files if path.startswith("search-index/studies/")}

    ids = [f"s{i:03d}" for i in range(200)]
    before, after = fragments(ids), fragments(sorted(ids + ["s100a"]))
    assert len(before) > 10
    changed = {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}
    assert changed == {"search-index/studies/s090.json"}
    assert '"s100a"' in after["search-index/studies/s090.json"]


def test_an_empty_review_has_an_empty_index():
    assert dict(build_search_index([])) == {
        "search-index/meta.json": '{"format":2,"studies":0,"chunks":[],"groups":[],"synonyms":[]}',
        "search-index/facets.json": '{"facets":{},"sorts":{}}',
    }


def test_the_taxonomy_s_synonyms_go_to_the_browser_as_words():
    config = SiteConfig(interventions=(Term("hepatic arterial infusion", ("HAI", "hepatic artery infusion", "Hai")),
                                       Term("no synonyms")),
                        conditions=(Term("interleukin-2", ("IL-2", "IL2")),))
    groups = synonym_groups(config)
    assert groups == [[["interleukin2"], ["il2"]],
                      [["hepatic", "arterial", "infusion"], ["hai"], ["hepatic", "artery", "infusion"]]]
    meta = json.loads(dict(build_search_index([], groups))["search-index/meta.json"])
    assert meta["synonyms"] == groups
