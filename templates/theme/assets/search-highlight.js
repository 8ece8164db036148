// Study pages: mark the words of the search that led here (?highlight=...), matched as the
// search matches them (search-index.js), and bring the first one into view.
// Only text nodes of the visible article are touched.

import { WORD_RE, matcher, queryWords } from "./search-index.js";

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
  const words = [...new Set(new URLSearchParams(location.search).getAll("highlight").flatMap(queryWords))];
  const article = document.querySelector("main article") || document.querySelector("main");
  if (!words.length || !article) return;
  const matches = matcher(words);
  let marks = 0;
  for (const node of textNodes(article)) {
    const text = node.nodeValue;
    const hits = Array.from(text.matchAll(WORD_RE)).filter((m) => matches(m[0]));
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
