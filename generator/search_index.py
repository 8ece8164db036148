"""Search index: the studies -> a chunked static index under ``search-index/``, for ``assets/search-index.js``.

A reader's browser fetches ``meta.json`` (how many studies, the first word of each
chunk), then only the chunks that hold the query's words, then the fragments of the
ten results it shows. Facet values and sort keys (``facets.json``) come after the
first results, or first when the reader browses by filters alone.

Files, all JSON (a static host compresses them):

- ``meta.json``: ``{"format": 2, "studies": N, "chunks": [first word of each chunk, ...],
  "groups": [[first study's id, how many studies], ...], "synonyms": [[phrase, ...], ...]}``,
  ``synonyms`` the taxonomy's terms, each its canonical name and synonyms as lists of words,
  so that a query naming one finds the studies that name any (query time: the index is not
  made bigger by them)
- ``words/<i>.json``: ``{word: [gap, weight, gap, weight, ...]}``: the studies holding the
  word, by number (their place in id order, as gaps from the previous one), each with the
  word's weight in that study (BM25's term part, x100). The browser multiplies by the
  word's rarity, which it knows from the length of the list, so a study's weights do not
  depend on the other studies and ranking is settled at build time, not by a scan of text.
- ``facets.json``: ``{"facets": {key: {value: [gaps]}}, "sorts": {key: [one value per study]}}``
- ``studies/<id>.json``: for each group of studies in turn, named by its first study's id, what
  a result shows (title, year, design, N, headline numbers, the link) and the abstract's text
  for its excerpt. A group begins at a study whose id hashes to 0 modulo ``FRAGMENT_GROUP``,
  not every so many studies, so a study added or removed rewrites its own group's file and
  ``meta.json``, not every file after it.

Words are made the same way here and in the browser: NFKD, combining accents dropped,
lower case, runs of letters and digits, a decimal number kept whole ("0.58"), and a name
and the number hyphened to it one word, the hyphen dropped ("IL-2", "Y-90" and "IL2" are
"il2", "y90"; "5-year" and "2-3" stay two words each).
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from array import array
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Sequence

import msgspec

from generator.config import SiteConfig
from generator.model import Study
from generator.search import TEXT_FACETS, search_record

INDEX_DIR = "search-index"
FORMAT = 2
WORD_RE = re.compile(r"\d+(?:\.\d+)+|[^\W_]+(?:(?<=[^\W\d_])[-\u2010\u2011](?=\d)[^\W_]+)*")
HYPHEN_RE = re.compile("[-\u2010\u2011]")
ACCENT_RE = re.compile("[\u0300-\u036f]")
# Fields above the abstract's text in the ranking (the abstract, authors, journal and MeSH count 1).
TITLE_WEIGHT = 5
FACET_WEIGHT = 3
NUMBER_WEIGHT = 2
# BM25's term saturation and length normalisation, against a typical abstract's length, fixed so a
# study's weights depend on that study alone.
K1 = 1.2
B = 0.75
TYPICAL_WORDS = 250
# A chunk of words is closed once its JSON passes this size (a word is never split).
CHUNK_CHARS = 32_000
# Result fragments per file, on average: an eighth as many files to write, a few KB more for a query's
# ten results. No file holds more than MAX_GROUP.
FRAGMENT_GROUP = 8
MAX_GROUP = 4 * FRAGMENT_GROUP
JSON_ENCODER = msgspec.json.Encoder()


@dataclass(frozen=True)
class IndexEntry:
    """One study's part of the index: its id (a group of result fragments is named by its first), its words
    and their weights, facets, sort keys and result fragment.

    Compact, as it crosses from a worker process: the words joined by spaces, the weights
    (at most 220) one byte each, in the same order.
    """

    id: str
    words: str
    weights: bytes
    filters: tuple[tuple[str, str], ...]
    sorts: tuple[tuple[str, int], ...]
    fragment: str


def words(text: str) -> list[str]:
    """The index words of ``text``, as the browser makes them of a query."""
    # ASCII has nothing to decompose and no accent to drop.
    folded = (text if text.isascii() else ACCENT_RE.sub("", unicodedata.normalize("NFKD", text))).lower()
    found = WORD_RE.findall(folded)
    # The hyphens inside words ("covid-19"), taken out of them all at once: a word holds no space.
    return HYPHEN_RE.sub("", " ".join(found)).split(" ") if found else []


def synonym_groups(config: SiteConfig) -> list[list[list[str]]]:
    """Each taxonomy term that has synonyms: its name and synonyms as lists of index words, each once."""
    groups = []
    for term in config.conditions + config.interventions:
        phrases = list(dict.fromkeys(tuple(words(name)) for name in (term.name,) + term.synonyms))
        phrases = [list(phrase) for phrase in phrases if phrase]
        if len(phrases) > 1:
            groups.append(phrases)
    return groups


def term_weights(fields: list[tuple[str, int]]) -> tuple[tuple[str, int], ...]:
    """Each word of the weighted ``(text, weight)`` fields with its BM25 term weight x100, by word."""
    counts: Counter[str] = Counter()
    length = 0
    for text, weight in fields:
        found = words(text)
        length += len(found)
        if weight == 1:
            counts.update(found)  # most of the words: counted in C
            continue
        for word in found:
            counts[word] += weight
    norm = K1 * (1 - B + B * length / TYPICAL_WORDS)
    # A weight depends on the word's count alone, and most words share a few counts: each is worked out once.
    weight_of = {tf: max(1, round(100 * tf * (K1 + 1) / (tf + norm))) for tf in set(counts.values())}
    return tuple(sorted((word, weight_of[tf]) for word, tf in counts.items()))


def index_entry(study: Study, headline: tuple[str, ...] | None = None) -> IndexEntry:
    """What the index holds for one study (``headline``: as for ``search_record``)."""
    record = search_record(study, headline)
    fields = [(section.text, 1) for section in study.sections]
    fields += [(record.title, TITLE_WEIGHT), (" ".join(study.authors), 1), (study.journal or "", 1),
               (" ".join(study.mesh_terms), 1)]
    fields += [(phrase, NUMBER_WEIGHT) for phrase in record.numbers]
    fields += [(value, FACET_WEIGHT) for key, value in record.filters if key in TEXT_FACETS]
    fragment = {
        "url": study.url, "title": record.title, "year": record.year, "design": record.design,
        "size": record.size, "headline": list(record.headline),
        "text": " ".join(section.text for section in study.sections),
    }
    if study.title_generated:
        fragment["title_made"] = True
    weights = term_weights(fields)
    return IndexEntry(study.id, " ".join(word for word, _ in weights), bytes(weight for _, weight in weights),
                      record.filters, record.sorts, _json(fragment))


def _json(value: object) -> str:
    # As ``json.dumps(value, ensure_ascii=False, separators=(",", ":"))`` writes it, ten times as fast.
    return JSON_ENCODER.encode(value).decode()


def _gaps(numbers: list[int]) -> list[int]:
    return [n - previous for n, previous in zip(numbers, [0] + numbers)]


def build_search_index(entries: Iterable[IndexEntry], synonyms: Sequence[list[list[str]]] = ()
                       ) -> tuple[tuple[str, str], ...]:
    """``(path, JSON)`` of every file of the index of these studies, numbered in this order, with the
    taxonomy's ``synonyms`` (``synonym_groups``).

    Each entry is folded into the postings as it comes, so a review's entries are never all held at once.
    """
    postings: dict[str, array] = {}
    filters: list[tuple[tuple[str, str], ...]] = []
    sorts: list[tuple[tuple[str, int], ...]] = []
    groups: list[tuple[str, list[str]]] = []
    for number, entry in enumerate(entries):
        for word, weight in zip(entry.words.split(" "), entry.weights):
            found = postings.get(word)
            if found is None:
                found = postings[word] = array("I")
            found.append(number)
            found.append(weight)
        filters.append(entry.filters)
        sorts.append(entry.sorts)
        if not groups or len(groups[-1][1]) == MAX_GROUP or zlib.crc32(entry.id.encode()) % FRAGMENT_GROUP == 0:
            groups.append((entry.id, []))
        groups[-1][1].append(entry.fragment)
    files = _word_chunks(postings)
    first_words = [next(iter(chunk)) for chunk in files]
    files = [(f"{INDEX_DIR}/words/{i}.json", _json(chunk)) for i, chunk in enumerate(files)]
    meta = {"format": FORMAT, "studies": len(filters), "chunks": first_words,
            "groups": [[first, len(group)] for first, group in groups], "synonyms": list(synonyms)}
    files.append((f"{INDEX_DIR}/meta.json", _json(meta)))
    files.append((f"{INDEX_DIR}/facets.json", _json(_facets(filters, sorts))))
    files += [(f"{INDEX_DIR}/studies/{first}.json", "[" + ",".join(group) + "]") for first, group in groups]
    return tuple(files)


def _word_chunks(postings: dict[str, array]) -> list[dict[str, list[int]]]:
    """The words in order with their postings as gaps, cut into chunks of about ``CHUNK_CHARS``."""
    done: list[dict[str, list[int]]] = []
    chunk: dict[str, list[int]] = {}
    size = 0
    for word in sorted(postings):
        found = postings[word].tolist()
        found[0::2] = _gaps(found[0::2])
        chunk[word] = found
        size += len(word) + 6 * len(found)
        if size >= CHUNK_CHARS:
            done.append(chunk)
            chunk, size = {}, 0
    return done + [chunk] if chunk else done


def _facets(filters: list[tuple[tuple[str, str], ...]], sorts: list[tuple[tuple[str, int], ...]]) -> dict:
    facets: dict[str, dict[str, list[int]]] = {}
    keys: dict[str, list[int]] = {}
    for number, (study_filters, study_sorts) in enumerate(zip(filters, sorts)):
        for key, value in study_filters:
            facets.setdefault(key, {}).setdefault(value, []).append(number)
        for key, value in study_sorts:
            keys.setdefault(key, []).append(value)
    return {
        "facets": {key: {value: _gaps(numbers) for value, numbers in sorted(values.items())}
                   for key, values in sorted(facets.items())},
        "sorts": dict(sorted(keys.items())),
    }
