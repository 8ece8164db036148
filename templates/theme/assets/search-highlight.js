// Study pages: mark what the search that led here found the study by (?highlight=..., one
// phrase each), matched as the search matches them (search-index.js), and bring the first
// one into view.
// Only text nodes of the visible article are touched.

import { WORD_RE, marker, queryWords } from "./search-index.js";

const MAX_MARKS = 200;

function textNodes(container) {
  const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.parentElement.closest("[hidden], script, style, mark")
      ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const nodes = [];
  while (walker.nextNode()) nodes.push(walker.currentNode);
  return nodes;
}

function highlight() {
  const phrases = new URLSearchParams(location.search).getAll("highlight").map(queryWords).filter((p) => p.length);
  const article = document.querySelector("main article") || document.querySelector("main");
  if (!phrases.length || !article) return;
  const marking = marker(phrases);
  let marks = 0;
  for (const node of textNodes(article)) {
    const text = node.nodeValue;
    const tokens = Array.from(text.matchAll(WORD_RE));
    const marked = marking(tokens.map((m) => m[0]));
    const hits = tokens.filter((m, i) => marked[i]);
    if (!hits.length) continue;
    const fragment = document.createDocumentFragment();
    let at = 0;
    for (const hit of hits.slice(0, MAX_MARKS - marks)) {
      fragment.append(document.createTextNode(text.slice(at, hit.index)));
      const mark = document.createElement("mark");
      mark.className = "search-hit";
      mark.textContent = hit[0];
      fragment.append(mark);
      at = hit.index + hit[0].length;
      marks += 1;
    }
    fragment.append(document.createTextNode(text.slice(at)));
    node.replaceWith(fragment);
    if (marks >= MAX_MARKS) break;
  }
  const first = article.querySelector("mark.search-hit");
  if (first) first.scrollIntoView({ block: "center" });
}

highlight();
