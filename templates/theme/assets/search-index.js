// The search index in the browser: reads the chunked index that generator/search_index.py
// writes under search-index/, fetching only what a query needs.
//
// meta.json says how many studies there are, the first word of each chunk of words, and the
// files of result fragments: each named by its first study, with how many studies it holds.
// A query's words are made as the build makes them (NFKD, accents dropped, lower case, runs
// of letters and digits, decimals kept whole); each matches the index words it begins
// (a plural's "s" dropped first), a number or a word of one or two letters only itself.
// A study must match every word; its score is the sum, over the words, of the best
// matching index word's weight in the study times that word's rarity (BM25).

export const WORD_RE = /\p{Nd}+(?:\.\p{Nd}+)+|[\p{L}\p{N}]+/gu;
const ACCENT_RE = /[\u0300-\u036f]/g;
const MIN_PREFIX = 3;

export function queryWords(text) {
  return text.normalize("NFKD").replace(ACCENT_RE, "").toLowerCase().match(WORD_RE) || [];
}

// The part of a query word that index words must begin with, and whether it must be all of one.
function wordPattern(word) {
  if (/^\p{N}/u.test(word) || word.length < MIN_PREFIX) return { stem: word, exact: true };
  let stem = word;
  if (stem.length > 4 && stem.endsWith("ies")) stem = stem.slice(0, -3);
  else if (stem.length > 3 && /[^siu]s$/.test(stem)) stem = stem.slice(0, -1);
  return { stem, exact: false };
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

// Whether a word of a text (a WORD_RE match) matches one of the query's `words`.
export function matcher(words) {
  const patterns = words.map(wordPattern);
  return (token) => {
    const word = queryWords(token).join("");
    return patterns.some((pattern) => fits(pattern, word));
  };
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
    const chunks = await Promise.all(this.chunkRange(stem).map((i) => this.chunk(i)));
    for (const chunk of chunks) {
      for (const [term, postings] of Object.entries(chunk)) {
        if (!fits(pattern, term)) continue;
        const studies = postings.length / 2;
        const rarity = Math.log(1 + (this.count - studies + 0.5) / (studies + 0.5));
        // A longer word than the one typed counts for less ("ratio" finds "ratios", below "ratio").
        const closeness = stem.length / term.length;
        let number = 0;
        for (let i = 0; i < postings.length; i += 2) {
          number += postings[i];
          const score = rarity * closeness * postings[i + 1];
          if (score > scores[number]) scores[number] = score;
        }
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
  async search(query, { filters = {}, sort = null } = {}) {
    const words = [...new Set(queryWords(query || ""))];
    const needFacets = sort || Object.keys(filters).length > 0;
    const [wordScores, data] = await Promise.all([
      Promise.all(words.map((word) => this.wordScores(word))),
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
      words,
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
