// Search page: a small, keyboard-operable UI over the site's search index (search-index.js).
// The index lives at a URL relative to this page (data-index), so the site works from any
// static host and sub-path. Untrusted text only ever enters the page via textContent.

import { SearchIndex, WORD_RE, marker } from "./search-index.js";

const PAGE_SIZE = 10;
const EXCERPT_BEFORE = 12;
const EXCERPT_WORDS = 36;
const DEBOUNCE_MS = 120;

const root = document.getElementById("search");
const form = root.querySelector(".search-form");
const queryInput = document.getElementById("search-query");
const sortSelect = document.getElementById("search-sort");
const statusLine = document.getElementById("search-status");
const resultList = document.getElementById("search-results");
const moreButton = document.getElementById("search-more");
const clearButton = document.getElementById("search-clear");
const fieldsets = Array.from(root.querySelectorAll("fieldset[data-facet]"));
const facetPanel = document.getElementById("search-facets");
// On a phone the filters start folded away, so the results come first.
const PHONE = window.matchMedia("(max-width: 40rem)");

let index = null;
let siteRoot = null;
let sequence = 0;
let pending = null;
let shown = 0;
let current = [];
let phrases = [];

function selectedFilters() {
  const filters = {};
  for (const fieldset of fieldsets) {
    const values = Array.from(fieldset.querySelectorAll("input:checked"), (box) => box.value);
    if (values.length) filters[fieldset.dataset.facet] = values;
  }
  return filters;
}

function sortOption() {
  if (!sortSelect.value) return undefined;
  const [key, direction] = sortSelect.value.split(":");
  return { key, descending: direction === "desc" };
}

function orderedValues(fieldset, counts) {
  const order = fieldset.dataset.order ? fieldset.dataset.order.split("|") : [];
  const rank = (value) => (order.includes(value) ? order.indexOf(value) : order.length);
  return Object.keys(counts).sort((a, b) =>
    rank(a) - rank(b) || counts[b] - counts[a] || a.localeCompare(b));
}

function buildFacets(totals) {
  fieldsets.forEach((fieldset) => {
    const key = fieldset.dataset.facet;
    const counts = totals[key] || {};
    const list = fieldset.querySelector(".facet-options");
    list.replaceChildren();
    orderedValues(fieldset, counts).forEach((value, index) => {
      const item = document.createElement("li");
      const box = document.createElement("input");
      box.type = "checkbox";
      box.id = `facet-${key}-${index}`;
      box.value = value;
      box.dataset.facetValue = value;
      const label = document.createElement("label");
      label.htmlFor = box.id;
      const name = document.createElement("span");
      name.textContent = value;
      const count = document.createElement("span");
      count.className = "facet-count";
      count.textContent = ` (${counts[value]})`;
      label.append(name, count);
      item.append(box, label);
      list.append(item);
    });
    fieldset.hidden = list.children.length === 0;
  });
}

function updateCounts(counts) {
  for (const fieldset of fieldsets) {
    const facetCounts = counts[fieldset.dataset.facet] || {};
    for (const box of fieldset.querySelectorAll("input")) {
      const count = facetCounts[box.value] || 0;
      box.nextElementSibling.querySelector(".facet-count").textContent = ` (${count})`;
      box.closest("li").classList.toggle("facet-empty", count === 0 && !box.checked);
    }
  }
  clearButton.disabled = Object.keys(selectedFilters()).length === 0;
}

// The words of the abstract around the first that matches the query, matches marked.
function excerptNodes(text) {
  const tokens = Array.from(text.matchAll(WORD_RE));
  const marks = marker(phrases)(tokens.map((m) => m[0]));
  const found = tokens.map((m, i) => ({ start: m.index, end: m.index + m[0].length, hit: marks[i] }));
  const first = found.findIndex((word) => word.hit);
  if (first < 0) return [];
  const from = Math.max(0, first - EXCERPT_BEFORE);
  const shownWords = found.slice(from, from + EXCERPT_WORDS);
  const end = shownWords[shownWords.length - 1].end;
  const nodes = from > 0 ? [document.createTextNode("… ")] : [];
  let at = shownWords[0].start;
  for (const word of shownWords.filter((w) => w.hit)) {
    nodes.push(document.createTextNode(text.slice(at, word.start)));
    const mark = document.createElement("mark");
    mark.textContent = text.slice(word.start, word.end);
    nodes.push(mark);
    at = word.end;
  }
  nodes.push(document.createTextNode(text.slice(at, end) + (end < text.length ? " …" : "")));
  return nodes;
}

function resultItem(data) {
  const item = document.createElement("li");
  item.className = "search-result";
  const heading = document.createElement("h3");
  const link = document.createElement("a");
  const target = new URL(data.url, siteRoot);
  // The study page marks what the study was found by: the query's words and their synonyms.
  for (const phrase of phrases) target.searchParams.append("highlight", phrase.join(" "));
  link.href = target.pathname + target.search;
  link.textContent = data.title;
  heading.append(link);
  if (data.title_made) {
    const made = document.createElement("span");
    made.className = "title-made";
    made.title = "The input had no title; this one was made from the abstract";
    made.textContent = " (title made from the abstract)";
    heading.append(made);
  }
  const facts = document.createElement("p");
  facts.className = "search-result-facts";
  facts.textContent = [data.year, data.design, data.size].filter(Boolean).join(" · ");
  item.append(heading, facts);
  const headlines = data.headline;
  if (headlines.length) {
    const list = document.createElement("ul");
    list.className = "search-result-numbers";
    list.setAttribute("aria-label", "Key numbers");
    for (const text of headlines) {
      const li = document.createElement("li");
      li.textContent = text;
      list.append(li);
    }
    item.append(list);
  }
  const excerpt = phrases.length ? excerptNodes(data.text) : [];
  if (excerpt.length) {
    const paragraph = document.createElement("p");
    paragraph.className = "search-result-excerpt";
    paragraph.append(...excerpt);
    item.append(paragraph);
  }
  return item;
}

async function showMore(focusFirst) {
  const mine = sequence;
  const batch = current.slice(shown, shown + PAGE_SIZE);
  shown += batch.length;
  moreButton.hidden = true;
  // Every fragment is requested at once, but each result is shown as soon as it and the
  // ones above it have arrived: the first results do not wait for the slowest fragment.
  const requests = batch.map((number) => index.study(number));
  for (const [index, request] of requests.entries()) {
    const data = await request;
    if (mine !== sequence) return;
    const item = resultItem(data);
    resultList.append(item);
    if (index === 0) {
      performance.mark("search-first-result-shown");
      if (focusFirst) item.querySelector("a").focus();
    }
  }
  moreButton.hidden = shown >= current.length;
  performance.mark("search-results-shown");
}

function describe(count, query, filters) {
  const studies = count === 1 ? "1 study" : `${count.toLocaleString("en")} studies`;
  const match = count === 1 ? "matches" : "match";
  const parts = [];
  if (query) parts.push(`${match} “${query}”`);
  if (Object.keys(filters).length) parts.push(query ? "and the filters" : `${match} the filters`);
  return parts.length ? `${studies} ${parts.join(" ")}.` : `${studies} in the review.`;
}

function saveState(query, filters) {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  if (sortSelect.value) params.set("sort", sortSelect.value);
  for (const [key, values] of Object.entries(filters)) values.forEach((v) => params.append(key, v));
  const search = params.toString();
  history.replaceState(null, "", search ? `?${search}` : location.pathname);
}

async function runSearch() {
  const mine = ++sequence;
  const query = queryInput.value.trim();
  const filters = selectedFilters();
  saveState(query, filters);
  performance.mark("search-start");
  const search = await index.search(query, { filters, sort: sortOption() });
  performance.mark("search-ranked");
  if (mine !== sequence) return;
  current = search.results;
  phrases = search.phrases;
  shown = 0;
  resultList.replaceChildren();
  if (search.counts) updateCounts(search.counts);
  await showMore(false);
  // Said once the first results are on the page, so what it announces is there to read.
  if (mine === sequence) statusLine.textContent = describe(current.length, query, filters);
}

function scheduleSearch() {
  clearTimeout(pending);
  pending = setTimeout(runSearch, DEBOUNCE_MS);
}

function restoreState(withFacets) {
  const params = new URLSearchParams(location.search);
  queryInput.value = params.get("q") || "";
  if ([...sortSelect.options].some((o) => o.value === params.get("sort"))) sortSelect.value = params.get("sort");
  if (!withFacets) return;
  for (const fieldset of fieldsets) {
    const wanted = params.getAll(fieldset.dataset.facet);
    for (const box of fieldset.querySelectorAll("input")) box.checked = wanted.includes(box.value);
  }
}

async function loadFacets() {
  // The facets are needed for counts; fetching them after the first results keeps a
  // reader's first query small on a large review.
  buildFacets(await index.totals());
  restoreState(true);
  const mine = sequence;
  const search = await index.search(queryInput.value.trim(), { filters: selectedFilters(), sort: sortOption() });
  if (mine === sequence) updateCounts(search.counts);
  root.dataset.facets = "ready";
}

async function start() {
  document.getElementById("search-noscript").hidden = true;
  root.querySelector(".search-ui").hidden = false;
  facetPanel.open = !PHONE.matches;
  statusLine.textContent = "Loading the search index…";
  siteRoot = new URL(root.dataset.root, document.baseURI);
  try {
    index = await SearchIndex.open(new URL(root.dataset.index, document.baseURI));
  } catch (error) {
    statusLine.textContent = "The search index could not be loaded.";
    return;
  }
  form.addEventListener("submit", (event) => { event.preventDefault(); clearTimeout(pending); runSearch(); });
  queryInput.addEventListener("input", scheduleSearch);
  sortSelect.addEventListener("change", runSearch);
  root.querySelector(".search-facets").addEventListener("change", runSearch);
  clearButton.addEventListener("click", () => {
    for (const box of root.querySelectorAll(".search-facets input:checked")) box.checked = false;
    runSearch();
    queryInput.focus();
  });
  moreButton.addEventListener("click", () => showMore(true));
  const params = new URLSearchParams(location.search);
  const facetsWanted = fieldsets.some((fieldset) => params.has(fieldset.dataset.facet));
  restoreState(false);
  if (facetsWanted) await loadFacets();
  await runSearch();
  if (!facetsWanted) await loadFacets();
}

start();
