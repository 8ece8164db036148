// Study pages: mark the words of the search that led here (?highlight=...), as
// Pagefind's result links pass them, and bring the first one into view.
// Only text nodes of the visible article are touched; the hidden search record is skipped.

const MAX_MARKS = 200;

function searchTerms() {
  const params = new URLSearchParams(location.search);
  const words = params.getAll("highlight").flatMap((value) => value.split(/\s+/));
  return [...new Set(words.map((w) => w.trim()).filter((w) => w.length > 1))];
}

function termPattern(terms) {
  const escaped = terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`(${escaped.join("|")})`, "gi");
}

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
  const terms = searchTerms();
  const article = document.querySelector("main article") || document.querySelector("main");
  if (!terms.length || !article) return;
  const pattern = termPattern(terms);
  let marks = 0;
  for (const node of textNodes(article)) {
    if (marks >= MAX_MARKS) break;
    const parts = node.nodeValue.split(pattern);
    if (parts.length === 1) continue;
    const fragment = document.createDocumentFragment();
    parts.forEach((part, index) => {
      if (index % 2 === 1) {
        const mark = document.createElement("mark");
        mark.className = "search-hit";
        mark.textContent = part;
        fragment.append(mark);
        marks += 1;
      } else if (part) {
        fragment.append(document.createTextNode(part));
      }
    });
    node.replaceWith(fragment);
  }
  const first = article.querySelector("mark.search-hit");
  if (first) first.scrollIntoView({ block: "center" });
}

highlight();
