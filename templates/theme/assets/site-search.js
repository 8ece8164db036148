// Every page: "/" goes to the search box, and the header's search box shows the best few
// studies as you type (search-index.js, the index fetched on the first letter typed).
// Enter opens the search page with the query (the form's own action, so it works without
// this script too). Arrow keys move between the box and the results, Escape closes them.
// Untrusted text only ever enters the page via textContent.

import { SearchIndex } from "./search-index.js";

const SHOWN = 5;
const DEBOUNCE_MS = 120;

const form = document.querySelector("form.site-search");
const input = form && form.querySelector("input[type=search]");
const panel = form && form.querySelector(".site-search-panel");
const statusLine = form && form.querySelector(".site-search-status");
const list = form && form.querySelector(".site-search-results");

let opening = null;
let sequence = 0;
let pending = null;

// "/" anywhere but in a field goes to the page's own search box, else the header's.
function typing(element) {
  return element && (element.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName));
}

document.addEventListener("keydown", (event) => {
  if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
  const box = document.getElementById("search-query") || input;
  if (!box) return;
  event.preventDefault();
  box.focus();
  box.select();
});

function searchPage(query) {
  const target = new URL(`${form.dataset.root}search/`, document.baseURI);
  target.searchParams.set("q", query);
  return target.pathname + target.search;
}

function close() {
  panel.hidden = true;
}

function link(href, text, extra) {
  const item = document.createElement("li");
  const anchor = document.createElement("a");
  anchor.href = href;
  anchor.textContent = text;
  item.append(anchor);
  if (extra) {
    const facts = document.createElement("span");
    facts.className = "site-search-facts";
    facts.textContent = extra;
    item.append(facts);
  }
  return item;
}

async function show() {
  const mine = ++sequence;
  const query = input.value.trim();
  if (!query) {
    close();
    return;
  }
  if (!opening) opening = SearchIndex.open(new URL(form.dataset.index, document.baseURI));
  let index;
  try {
    index = await opening;
  } catch (error) {
    opening = null;
    statusLine.textContent = "The search index could not be loaded; press Enter to search.";
    panel.hidden = false;
    return;
  }
  const search = await index.search(query);
  const found = await Promise.all(search.results.slice(0, SHOWN).map((number) => index.study(number)));
  if (mine !== sequence) return;
  const count = search.results.length;
  statusLine.textContent = count === 0 ? `No study matches “${query}”.`
    : `${count === 1 ? "1 study matches" : `${count.toLocaleString("en")} studies match`} “${query}”.`;
  const root = new URL(form.dataset.root, document.baseURI);
  const items = found.map((data) => {
    const target = new URL(data.url, root);
    for (const phrase of search.phrases) target.searchParams.append("highlight", phrase.join(" "));
    return link(target.pathname + target.search, data.title, [data.year, data.design].filter(Boolean).join(" · "));
  });
  if (count > SHOWN) items.push(link(searchPage(query), `All ${count.toLocaleString("en")} results`));
  list.replaceChildren(...items);
  panel.hidden = false;
}

function links() {
  return Array.from(list.querySelectorAll("a"));
}

if (form) {
  input.setAttribute("aria-controls", list.id);
  input.addEventListener("input", () => {
    clearTimeout(pending);
    pending = setTimeout(show, DEBOUNCE_MS);
  });
  form.addEventListener("keydown", (event) => {
    const all = links();
    const at = all.indexOf(document.activeElement);
    if (event.key === "Escape") {
      close();
      input.focus();
    } else if (event.key === "ArrowDown" && all.length && !panel.hidden) {
      event.preventDefault();
      all[Math.min(at + 1, all.length - 1)].focus();
    } else if (event.key === "ArrowUp" && at >= 0) {
      event.preventDefault();
      if (at === 0) input.focus(); else all[at - 1].focus();
    }
  });
  form.addEventListener("focusout", (event) => {
    if (!form.contains(event.relatedTarget)) close();
  });
  input.addEventListener("focus", () => {
    if (input.value.trim() && list.children.length) panel.hidden = false;
  });
}
