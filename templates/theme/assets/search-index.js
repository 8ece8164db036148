// The search index in the browser: reads the chunked index that generator/search_index.py
// writes under search-index/, fetching only what a query needs.
//
// meta.json says how many studies there are, the first word of each chunk of words, the
// files of result fragments (each named by its first study, with how many studies it holds)
// and the taxonomy's synonyms. A query's words are made as the build makes them (NFKD,
// accents dropped, lower case, runs of letters and digits, decimals kept whole, a name and
// its number joined: "IL-2" is "il2"); each matches the index words it begins (a plural's
// "s" dropped first), a number or a word of one or two letters only itself, and a word of
// five letters or more also the words one edit from it or begun by one (a letter added,
// dropped, changed or two swapped: "interleukn" finds "interleukin"), which count for less.
// Words that name a term of the taxonomy ("HAI", "hepatic arterial infusion") stand for
// the term and every synonym of it: a study matches if it has any of them.
// A study must match every word (or term); its score is the sum, over them, of the best
// matching index word's weight in the study times that word's rarity (BM25).

export const WORD_RE = /\p{Nd}+(?:\.\p{Nd}+)+|[\p{L}\p{N}]+(?:(?<=[\p{L}\p{Nl}\p{No}])[-\u2010\u2011](?=\p{Nd})[\p{L}\p{N}]+)*/gu;
const HYPHEN_RE = /[-\u2010\u2011]/g;
const ACCENT_RE = /[\u0300-\u036f]/g;
const MIN_PREFIX = 3;
const MIN_FUZZY = 5;
// A word one edit from the one typed, or begun by such a word ("interleukn" finds "interleukin-2"),
// counts for this much of an exact match. It must share the typed word's first three letters, so
// it is in the chunk or two the typed word is in.
const FUZZY_WEIGHT = 0.5;
const FUZZY_PREFIX = 3;

export function queryWords(text) {
  const found = text.normalize("NFKD").replace(ACCENT_RE, "").toLowerCase().match(WORD_RE) || [];
  return found.map((word) => word.replace(HYPHEN_RE, ""));
}

// The part of a query word that index words must begin with, whether it must be all of one,
// and whether words one edit from it match too.
function wordPattern(word) {
  const fuzzy = word.length >= MIN_FUZZY && !/^\p{N}/u.test(word);
  if (/^\p{N}/u.test(word) || word.length < MIN_PREFIX) return { word, stem: word, exact: true, fuzzy };
  let stem = word;
  if (stem.length > 4 && stem.endsWith("ies")) stem = stem.slice(0, -3);
  else if (stem.length > 3 && /[^siu]s$/.test(stem)) stem = stem.slice(0, -1);
  return { word, stem, exact: false, fuzzy };
}

// Whether `a` and `b` are at most one edit apart: a letter added, dropped or changed, or two
// letters next to each other swapped.
export function oneEdit(a, b) {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  if (a.length === b.length) {
    return a.slice(i + 1) === b.slice(i + 1)
      || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

// The place of the last of the sorted `values` that is at most `value` (0 if none is).
function lastAtMost(values, value) {
  let low = 0;
  let high = values.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (values[middle] <= value) low = middle; else high = middle - 1;
  }
  return low;
}

function undoGaps(gaps) {
  let number = 0;
  return gaps.map((gap) => (number += gap));
}

async function fetchJSON(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${response.status} ${url}`);
  return response.json();
}

function fits({ stem, exact }, word) {
  return exact ? word === stem : word.startsWith(stem);
}

// Whether an index word is one edit from the typed `word`, or begins with a word that is.
function nearly(word, term) {
  if (!term.startsWith(word.slice(0, FUZZY_PREFIX))) return false;
  for (let length = word.length - 1; length <= Math.min(word.length + 1, term.length); length += 1) {
    if (oneEdit(word, term.slice(0, length))) return true;
  }
  return false;
}

// How much an index word counts for a query word's pattern: more the closer it is to the word
// typed in length, less if only nearly the word, 0 if neither.
function closeness(pattern, term) {
  if (fits(pattern, term)) return pattern.stem.length / term.length;
  return pattern.fuzzy && nearly(pattern.word, term) ? FUZZY_WEIGHT * Math.min(1, pattern.word.length / term.length) : 0;
}

// What to mark in a text for the `phrases` a study was found by (each a list of query words):
// given the text's words (WORD_RE matches), whether each is part of a phrase found there.
export function marker(phrases) {
  const patterns = phrases.map((phrase) => phrase.map(wordPattern));
  return (tokens) => {
    const folded = tokens.map((token) => queryWords(token).join(""));
    const marks = folded.map(() => false);
    for (let i = 0; i < folded.length; i += 1) {
      for (const pattern of patterns) {
        if (pattern.every((part, k) => i + k < folded.length && closeness(part, folded[i + k]) > 0)) {
          for (let k = 0; k < pattern.length; k += 1) marks[i + k] = true;
        }
      }
    }
    return marks;
  };
}

// The query's words as terms: each a list of alternatives, each alternative the words that must
// all match. A run of words that is a phrase of `synonyms` (lists of phrases that mean the same,
// each phrase a list of words) stands for all of that list's phrases, the longest run first;
// a phrase that holds all the words of another is left out (it finds no study the other misses).
export function queryTerms(words, synonyms = []) {
  const terms = [];
  for (let i = 0; i < words.length;) {
    let best = null;
    for (const group of synonyms) {
      for (const phrase of group) {
        const fitsHere = phrase.length <= words.length - i && phrase.every((word, k) => words[i + k] === word);
        if (fitsHere && (!best || phrase.length > best.length)) best = { length: phrase.length, group };
      }
    }
    const alternatives = best ? best.group : [[words[i]]];
    terms.push(alternatives.filter((phrase) => !alternatives.some((other) => other !== phrase
      && other.length < phrase.length && other.every((word) => phrase.includes(word)))));
    i += best ? best.length : 1;
  }
  return terms;
}

export class SearchIndex {
  static async open(base) {
    const meta = await fetchJSON(new URL("meta.json", base));
    if (meta.format !== 2) throw new Error(`unknown search index format ${meta.format}`);
    return new SearchIndex(base, meta);
  }

  constructor(base, meta) {
    this.base = base;
    this.count = meta.studies;
    this.groupNames = meta.groups.map(([name]) => name);
    let start = 0;
    this.groupStarts = meta.groups.map(([, size]) => (start += size) - size);
    this.groups = new Map();
    this.firstWords = meta.chunks;
    this.synonyms = meta.synonyms || [];
    this.chunks = new Map();
    this.facetData = null;
  }

  chunk(index) {
    if (!this.chunks.has(index)) this.chunks.set(index, fetchJSON(new URL(`words/${index}.json`, this.base)));
    return this.chunks.get(index);
  }

  // The chunks whose words may begin with `stem`: the one it would sit in, and the next
  // ones while they too begin with it.
  chunkRange(stem) {
    const low = lastAtMost(this.firstWords, stem);
    const range = [low];
    for (let i = low + 1; i < this.firstWords.length && this.firstWords[i].startsWith(stem); i += 1) range.push(i);
    return range;
  }

  // Scores of every study for one query word (0 where it does not occur).
  async wordScores(word) {
    const pattern = wordPattern(word);
    const { stem } = pattern;
    const scores = new Float64Array(this.count);
    const range = new Set(this.chunkRange(stem));
    if (pattern.fuzzy) for (const i of this.chunkRange(word.slice(0, FUZZY_PREFIX))) range.add(i);
    const chunks = await Promise.all([...range].map((i) => this.chunk(i)));
    for (const chunk of chunks) {
      for (const [term, postings] of Object.entries(chunk)) {
        // A longer word than the one typed counts for less ("ratio" finds "ratios", below "ratio").
        const close = closeness(pattern, term);
        if (!close) continue;
        const studies = postings.length / 2;
        const rarity = Math.log(1 + (this.count - studies + 0.5) / (studies + 0.5));
        let number = 0;
        for (let i = 0; i < postings.length; i += 2) {
          number += postings[i];
          const score = rarity * close * postings[i + 1];
          if (score > scores[number]) scores[number] = score;
        }
      }
    }
    return scores;
  }

  // Scores of every study for one term (``queryTerms``): its best alternative's, where every word of it occurs.
  async termScores(alternatives, wordScores) {
    const scores = new Float64Array(this.count);
    for (const alternative of alternatives) {
      const each = await Promise.all(alternative.map(wordScores));
      for (let number = 0; number < this.count; number += 1) {
        let score = 0;
        for (const found of each) {
          if (!found[number]) { score = 0; break; }
          score += found[number];
        }
        if (score > scores[number]) scores[number] = score;
      }
    }
    return scores;
  }

  facets() {
    if (!this.facetData) {
      this.facetData = fetchJSON(new URL("facets.json", this.base)).then((data) => {
        const facets = {};
        for (const [key, values] of Object.entries(data.facets)) {
          // For each study, the indexes of its values of this facet.
          const byStudy = Array.from({ length: this.count }, () => []);
          const names = Object.keys(values);
          names.forEach((value, index) => {
            for (const number of undoGaps(values[value])) byStudy[number].push(index);
          });
          facets[key] = { names, byStudy };
        }
        return { facets, sorts: data.sorts };
      });
    }
    return this.facetData;
  }

  // Every facet value with its number of studies in the whole review.
  async totals() {
    const { facets } = await this.facets();
    const totals = {};
    for (const [key, { names, byStudy }] of Object.entries(facets)) {
      const counts = names.map(() => 0);
      for (const values of byStudy) for (const index of values) counts[index] += 1;
      totals[key] = Object.fromEntries(names.map((name, index) => [name, counts[index]]));
    }
    return totals;
  }

  // The studies matching `query` (null or blank: all of them) and `filters` ({facet: [values]},
  // any value of a facet, every facet), best first or by `sort` ({key, descending}). `counts`,
  // once the facets are loaded (always when filtering or sorting), gives for each facet value
  // the number of studies matching the query, the other facets' choices and that value.
  // `phrases` are those a study may be found by (the query's words and their synonyms), for ``marker``.
  async search(query, { filters = {}, sort = null } = {}) {
    const terms = queryTerms([...new Set(queryWords(query || ""))], this.synonyms);
    const words = [...new Set(terms.flat(2))];
    const phrases = [...new Map(terms.flat().map((phrase) => [phrase.join(" "), phrase])).values()];
    const byWord = new Map(words.map((word) => [word, this.wordScores(word)]));
    const needFacets = sort || Object.keys(filters).length > 0;
    const [wordScores, data] = await Promise.all([
      Promise.all(terms.map((alternatives) => this.termScores(alternatives, (word) => byWord.get(word)))),
      needFacets ? this.facets() : this.facetData,
    ]);
    const total = new Float64Array(this.count);
    const matching = [];
    for (let number = 0; number < this.count; number += 1) {
      let score = 0;
      let every = true;
      for (const scores of wordScores) {
        if (!scores[number]) { every = false; break; }
        score += scores[number];
      }
      if (!every) continue;
      total[number] = score;
      matching.push(number);
    }
    const chosen = data ? this.chosen(data.facets, filters) : [];
    const passes = (number, except) => chosen.every(({ key, wanted }) => key === except
      || data.facets[key].byStudy[number].some((index) => wanted.has(index)));
    const results = matching.filter((number) => passes(number, null));
    const byScore = (a, b) => total[b] - total[a] || a - b;
    if (sort && data && data.sorts[sort.key]) {
      const keys = data.sorts[sort.key];
      const direction = sort.descending ? -1 : 1;
      results.sort((a, b) => direction * (keys[a] - keys[b]) || byScore(a, b));
    } else if (words.length) {
      results.sort(byScore);
    }
    return {
      phrases,
      results,
      counts: data ? this.counts(data.facets, matching, passes) : null,
    };
  }

  chosen(facets, filters) {
    return Object.entries(filters).filter(([key]) => facets[key]).map(([key, values]) => ({
      key, wanted: new Set(values.map((value) => facets[key].names.indexOf(value)).filter((i) => i >= 0)),
    }));
  }

  counts(facets, matching, passes) {
    const counts = {};
    for (const [key, { names, byStudy }] of Object.entries(facets)) {
      const tally = names.map(() => 0);
      for (const number of matching) {
        if (passes(number, key)) for (const index of byStudy[number]) tally[index] += 1;
      }
      counts[key] = Object.fromEntries(names.map((name, index) => [name, tally[index]]));
    }
    return counts;
  }

  // What a result shows: {url, title, year, design, size, headline, text}, from its group's file.
  async study(number) {
    const group = lastAtMost(this.groupStarts, number);
    const name = this.groupNames[group];
    if (!this.groups.has(name)) this.groups.set(name, fetchJSON(new URL(`studies/${name}.json`, this.base)));
    return (await this.groups.get(name))[number - this.groupStarts[group]];
  }
}
