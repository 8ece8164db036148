// Sortable, filterable tables for the comparison pages and the home page. Each table[data-sortable]
// gets a sort button in every column header (aria-sort tells which column orders the rows) and
// the labelled filter box rendered hidden before it. A filter word that the taxonomy knows also
// finds its canonical name ("IL-2" finds "interleukin-2"), from the page's #filter-synonyms (data-synonyms); the
// filter and the sort are kept in the URL (?q-<table>=...&sort-<table>=<column>-<direction>), so a
// link or a reload shows the same rows. Without JavaScript the tables read as built.
(function () {
  "use strict";

  const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });
  // Filtering a table of thousands of rows on every keystroke would stall typing.
  const LARGE_TABLE_ROWS = 2000;
  const FILTER_DELAY_MS = 150;

  function sortKey(row, index) {
    const cell = row.cells[index];
    if (!cell) return "";
    return cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
  }

  function compareKeys(a, b, numeric) {
    if (numeric) return parseFloat(a) - parseFloat(b);
    return collator.compare(a, b);
  }

  const synonymsElement = document.getElementById("filter-synonyms");
  const synonyms = synonymsElement ? JSON.parse(synonymsElement.dataset.synonyms) : {};

  function synonymKey(text) {
    return text.toLowerCase().replace(/[\s-]+/g, " ").trim();
  }

  // What a row must show for the query: groups of alternatives, one group per word (or one for
  // the whole query when the taxonomy knows it as a phrase, "interleukin 2").
  function queryGroups(value) {
    const query = value.toLowerCase().trim();
    if (!query) return [];
    const whole = synonyms[synonymKey(query)];
    if (whole) return [[query, ...whole]];
    return query.split(/\s+/).map((word) => [word, ...(synonyms[synonymKey(word)] || [])]);
  }

  function setParam(name, value) {
    const url = new URL(window.location.href);
    if (value) url.searchParams.set(name, value);
    else url.searchParams.delete(name);
    window.history.replaceState(window.history.state, "", url);
  }

  function sortTable(table, header, index, wanted) {
    const direction = wanted || (header.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending");
    const numeric = header.dataset.sortType === "number";
    const sign = direction === "ascending" ? 1 : -1;
    const body = table.tBodies[0];
    const keyed = Array.from(body.rows, (row) => [sortKey(row, index), row]);
    // Rows with no value stay at the bottom whichever way the column is sorted.
    keyed.sort((x, y) => {
      if (x[0] === "" || y[0] === "") return (x[0] === "") - (y[0] === "");
      return sign * compareKeys(x[0], y[0], numeric);
    });
    const fragment = document.createDocumentFragment();
    keyed.forEach((pair) => fragment.appendChild(pair[1]));
    body.appendChild(fragment);
    table.querySelectorAll("thead th[aria-sort]").forEach((th) => th.removeAttribute("aria-sort"));
    header.setAttribute("aria-sort", direction);
    setParam(`sort-${table.id}`, `${index + 1}-${direction}`);
    // Screen readers do not all announce a change of aria-sort; the table's status line does.
    const input = document.querySelector(`input[data-filter-for="${table.id}"]`);
    const status = input && document.getElementById(`${table.id}-status`);
    if (status) status.textContent = `Sorted by ${header.textContent.replace(", sort", "").trim()}, ${direction}.`;
  }

  function addSortButtons(table) {
    const headers = table.tHead ? Array.from(table.tHead.rows[0].cells) : [];
    headers.forEach((header, index) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      while (header.firstChild) button.appendChild(header.firstChild);
      const hint = document.createElement("span");
      hint.className = "visually-hidden";
      hint.textContent = ", sort";
      button.appendChild(hint);
      header.appendChild(button);
      button.addEventListener("click", () => sortTable(table, header, index));
    });
    const wanted = /^(\d+)-(ascending|descending)$/.exec(new URL(window.location.href).searchParams.get(`sort-${table.id}`) || "");
    if (wanted && headers[wanted[1] - 1]) sortTable(table, headers[wanted[1] - 1], wanted[1] - 1, wanted[2]);
  }

  // A row matches on what it shows and on its study's conditions and interventions (data-topics).
  function rowTexts(table) {
    return Array.from(table.tBodies[0].rows,
      (row) => [row, `${row.textContent} ${row.dataset.topics || ""}`.toLowerCase()]);
  }

  function filterRows(table, texts, input, status) {
    const groups = queryGroups(input.value);
    let shown = 0;
    for (const [row, text] of texts) {
      const match = groups.every((group) => group.some((word) => text.includes(word)));
      row.hidden = !match;
      if (match) shown += 1;
    }
    status.textContent = groups.length ? `${shown} of ${texts.length} rows shown` : "";
    table.dataset.filtered = groups.length ? "true" : "false";
    setParam(`q-${table.id}`, input.value.trim());
    followFilter(table);
  }

  // A table's forest plots show the rows the table shows; a pooled estimate, made from every row,
  // is hidden while any of its plot's rows is.
  function followFilter(table) {
    const shown = new Set();
    for (const row of table.tBodies[0].rows) if (!row.hidden) shown.add(row.dataset.row);
    document.querySelectorAll(`figure[data-forest-for="${table.id}"]`).forEach((figure) => {
      const rows = figure.querySelectorAll(".forest-row[data-row]");
      let visible = 0;
      rows.forEach((row) => {
        row.hidden = !shown.has(row.dataset.row);
        if (!row.hidden) visible += 1;
      });
      const pooled = figure.querySelector(".forest-row[data-pooled]");
      if (pooled) pooled.hidden = visible < rows.length;
      figure.hidden = visible === 0;
      const status = figure.querySelector(".forest-status");
      if (status) {
        status.textContent = visible < rows.length
          ? `Filtered: ${visible} of ${rows.length} rows shown${pooled ? "; the pooled estimate, made from every row, is hidden" : ""}.`
          : "";
      }
    });
  }

  function addFilter(table) {
    const input = document.querySelector(`input[data-filter-for="${table.id}"]`);
    if (!input) return;
    const box = input.closest(".table-filter");
    const status = document.getElementById(`${table.id}-status`);
    const texts = rowTexts(table);
    let timer = 0;
    input.addEventListener("input", () => {
      window.clearTimeout(timer);
      if (texts.length < LARGE_TABLE_ROWS) filterRows(table, texts, input, status);
      else timer = window.setTimeout(() => filterRows(table, texts, input, status), FILTER_DELAY_MS);
    });
    if (box) box.hidden = false;
    const kept = new URL(window.location.href).searchParams.get(`q-${table.id}`);
    if (kept) {
      input.value = kept;
      filterRows(table, texts, input, status);
    }
  }

  function init() {
    document.querySelectorAll("table[data-sortable]").forEach((table) => {
      if (!table.id || !table.tBodies.length) return;
      addSortButtons(table);
      addFilter(table);
      table.dataset.sortable = "ready";
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
