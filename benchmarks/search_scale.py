"""Search at scale: a synthetic review of N studies, its search index, and MkDocs' index beside it.

Builds the review through the whole pipeline (benchmarks/synthetic.py writes the
abstracts), times the search index alone (each study's entry, the chunks, the files
written), weighs it on disk, and loads the search page in headless Chromium to add up
the bytes a reader downloads from opening the page to the results of a first query,
and the time from the last chunk of words arriving to the results shown. For comparison it
builds MkDocs' built-in ``search`` plugin over the same studies as Markdown pages
and weighs ``search/search_index.json``, the one file every MkDocs reader downloads.

    python benchmarks/search_scale.py --studies 10000 [--work /tmp/search-scale] [--no-mkdocs] [--repeat 5]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import io
import json
import logging
import http.server
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_review  # noqa: E402

from generator.config import load_config  # noqa: E402
from generator.pipeline import collect, publish  # noqa: E402
from generator.search_index import INDEX_DIR, build_search_index, index_entry, synonym_groups  # noqa: E402
from generator.site import site_folder, write_files  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
# The last three: a synonym of site_config.yml's taxonomy, a hyphened name and number, a word misspelt.
QUERIES = ("melanoma", "hazard ratio", "0.58", "pembrolizumab melanoma", "interleukin-2 renal", "RCC", "IL-2",
           "interleukn")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SUB_PATH = "review"
TARGET_FIRST_QUERY = 300 * 1024
TARGET_BUILD_S = 15.0
TARGET_RESULTS_MS = 150.0


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """A static host that gzips text (the index is JSON) as GitHub Pages does."""

    COMPRESSED_SUFFIXES = (".html", ".js", ".css", ".json", ".xml")

    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if not (path.is_file() and path.suffix in self.COMPRESSED_SUFFIXES
                and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def tree_size(path: Path) -> tuple[int, int]:
    """Bytes and file count of everything under ``path``."""
    files = [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def kb(n: float) -> str:
    return f"{n / 1024:,.1f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:,.2f} MB"


def build_review(n: int, work: Path) -> tuple[Path, float, float]:
    """The synthetic review built into ``work/SUB_PATH``; returns (site, seconds to build, seconds to index)."""
    content, site = work / "content", work / SUB_PATH
    if content.exists():
        shutil.rmtree(content)
    write_review(n, content)
    config, _ = load_config(ROOT / "site_config.yml")
    started = time.perf_counter()
    collection = collect(content, config)
    with site_folder(site) as folder:
        publish(collection, folder, config)
    studies = collection.studies
    built = time.perf_counter() - started
    # Index again on its own, in one process (the build spreads the entries over the cores).
    again = work / "index-again"
    shutil.rmtree(again, ignore_errors=True)
    started = time.perf_counter()
    write_files(again, build_search_index([index_entry(s) for s in studies], synonym_groups(config)))
    indexed = time.perf_counter() - started
    written = tree_size(again / INDEX_DIR)
    if written != tree_size(site / INDEX_DIR):
        raise SystemExit("the index built on its own differs from the site's")
    shutil.rmtree(again)
    return site, built, indexed


def measure_query(browser, url: str, query: str) -> dict:
    """Bytes fetched and timings of one query in a fresh browser context (cold cache)."""
    from playwright.sync_api import expect

    context = browser.new_context()
    page = context.new_page()
    fetched: list[tuple[str, int, float]] = []
    chunk_ends: list[float] = []

    def finished(request):
        end = request.timing["startTime"] + request.timing["responseEnd"]
        fetched.append((request.url, request.sizes()["responseBodySize"], end))
        if f"/{INDEX_DIR}/words/" in request.url or request.url.endswith(f"/{INDEX_DIR}/meta.json"):
            chunk_ends.append(end)

    page.on("requestfinished", finished)
    page.goto(url + "?q=" + query.replace(" ", "+"))
    expect(page.locator("#search-status")).to_contain_text("“", timeout=30000)
    page.wait_for_load_state("networkidle")
    shown, first_shown = page.evaluate("""() => ['search-results-shown', 'search-first-result-shown'].map(
        (name) => performance.timeOrigin + Math.max(...performance.getEntriesByName(name).map(e => e.startTime)))""")
    expect(page.locator("#search[data-facets=ready]")).to_have_count(1, timeout=30000)
    page.wait_for_load_state("networkidle")
    first = [(u, s) for u, s, end in fetched if end <= shown]
    bundle = [(u, s) for u, s in first if f"/{INDEX_DIR}/" in u]
    row = {
        "query": query,
        "results": page.locator("#search-status").inner_text(),
        "total": sum(s for _, s in first),
        "with_facets": sum(s for _, s, _ in fetched),
        "bundle": sum(s for _, s in bundle),
        "index": sum(s for u, s in bundle if "/words/" in u or u.endswith("/meta.json")),
        "filter": sum(s for u, s in bundle if u.endswith("/facets.json")),
        "fragments": sum(s for u, s in bundle if "/studies/" in u),
        "files": len(bundle),
        "after_chunks_ms": shown - max((e for e in chunk_ends if e <= shown), default=shown),
        "first_after_chunks_ms": first_shown - max((e for e in chunk_ends if e <= first_shown), default=first_shown),
    }
    context.close()
    return row


def measure_queries(work: Path, queries: tuple[str, ...], repeat: int) -> list[dict]:
    """Each query ``repeat`` times, cold: its bytes (the same every time) and the medians of its timings."""
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(work)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/{SUB_PATH}/search/"
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for query in queries:
            runs = [measure_query(browser, url, query) for _ in range(repeat)]
            rows.append({**runs[0], **{key: statistics.median(run[key] for run in runs)
                                       for key in ("after_chunks_ms", "first_after_chunks_ms")}})
        browser.close()
    server.shutdown()
    return rows


def mkdocs_search_index(site: Path, work: Path) -> tuple[int, float]:
    """MkDocs' built-in search over the same studies as Markdown pages: (index bytes, build seconds)."""
    import yaml
    from mkdocs.commands.build import build
    from mkdocs.config import load_config as mkdocs_config

    docs, out = work / "mkdocs-docs", work / "mkdocs-site"
    for folder in (docs, out):
        shutil.rmtree(folder, ignore_errors=True)
    studies = json.loads((site / "data" / "studies.json").read_text(encoding="utf-8"))["studies"]
    (docs / "studies").mkdir(parents=True)
    (docs / "index.md").write_text("# Studies\n", encoding="utf-8")
    for s in studies:
        lines = [f"# {s['title']}", "", ", ".join(s["authors"]), "", f"{s['journal'] or ''} {s['year'] or ''}", ""]
        lines += [f"## {sec['heading'] or sec['label']}\n\n{sec['text']}\n" for sec in s["sections"]]
        (docs / "studies" / f"{s['id']}.md").write_text("\n".join(lines), encoding="utf-8")
    config_file = work / "mkdocs-search.yml"
    config_file.write_text(yaml.safe_dump({
        "site_name": "Synthetic review", "docs_dir": str(docs), "site_dir": str(out),
        # A one-page nav: the theme's nav of every study would make the build quadratic, and
        # search indexes every page whether it is in the nav or not.
        "theme": {"name": "mkdocs"}, "plugins": ["search"], "nav": [{"Studies": "index.md"}],
    }))
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    started = time.perf_counter()
    build(mkdocs_config(config_file=str(config_file)))
    return (out / "search" / "search_index.json").stat().st_size, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--studies", type=int, default=10000)
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--no-mkdocs", action="store_true", help="skip the MkDocs comparison (slow at 10,000)")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each query; timings are their medians")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="search-scale-"))
    work.mkdir(parents=True, exist_ok=True)

    site, built, indexed = build_review(args.studies, work)
    index_bytes, index_files = tree_size(site / INDEX_DIR)
    rows = measure_queries(work, QUERIES, args.repeat)

    print(f"\nSearch at scale: {args.studies:,} synthetic studies (work folder {work})\n")
    print("| measure | litreview's index (this site) | target |")
    print("| --- | --- | --- |")
    print(f"| whole site build (pipeline + MkDocs + index) | {built:.1f} s | |")
    print(f"| index build alone (entries, chunks, files; one process) | {indexed:.1f} s | < {TARGET_BUILD_S:.0f} s |")
    print(f"| index on disk | {kb(index_bytes)} in {index_files:,} files | |")
    print()
    print("Bytes as transferred (text gzipped, as GitHub Pages serves it), cold cache, from opening the")
    print(f"search page with the query to its first results; facet counts load after those results. "
          f"Times: medians of {args.repeat} cold runs.\n")
    print("| first query | results | all bytes to results | search index | words and meta | facets "
          "| fragments | files | first result after chunks | 10 results after chunks | + facet counts |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in rows:
        print(f"| `{r['query']}` | {r['results']} | {kb(r['total'])} | {kb(r['bundle'])} | {kb(r['index'])} "
              f"| {kb(r['filter'])} | {kb(r['fragments'])} | {r['files']} | {r['first_after_chunks_ms']:.0f} ms "
              f"| {r['after_chunks_ms']:.0f} ms "
              f"| {kb(r['with_facets'])} |")
    worst = max(r["total"] for r in rows)
    print(f"\nworst first query: {kb(worst)} (target < {kb(TARGET_FIRST_QUERY)}): "
          f"{'OK' if worst < TARGET_FIRST_QUERY else 'OVER'}; index build {'OK' if indexed < TARGET_BUILD_S else 'OVER'}")
    if not args.no_mkdocs:
        mk_bytes, mk_seconds = mkdocs_search_index(site, work)
        gz = len(gzip.compress((work / "mkdocs-site" / "search" / "search_index.json").read_bytes()))
        print("\n| MkDocs built-in search, same studies | value |")
        print("| --- | --- |")
        print(f"| search_index.json (every reader downloads it whole) | {kb(mk_bytes)} ({kb(gz)} gzipped) |")
        print(f"| MkDocs build with the search plugin | {mk_seconds:.1f} s |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
