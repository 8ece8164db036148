"""A PubMed XML export of N synthetic articles: it builds, and reading it streams.

For each N (default 5,000 and 50,000) it writes one ``PubmedArticleSet`` file in the
shape efetch and PubMed's "Save" write (DOCTYPE, MedlineCitation with Article,
labelled AbstractText, AuthorList, PublicationTypeList, MeshHeadingList, PubmedData
with ArticleIdList), then, each in a fresh process:

- the read stage's parse alone: the peak memory Python allocates (tracemalloc) while
  ``iter_xml`` gives every article of the file, each dropped once counted, and the
  process's peak RSS (which holds libxml2's memory, unseen by tracemalloc);
- the read stage as the build runs it (``read_path``): the same, keeping the records
  (the output, which grows with N as it must);
- ``litreview build --no-cache`` of a folder holding the file: wall time, peak RSS.

The parse's peak stays flat from 5,000 to 50,000 articles if the file is read as a stream.

    python benchmarks/xml_export.py [--sizes 5000 50000] [--work DIR] [--no-build]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import make_article  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
HEAD = ('<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN" '
        '"https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">\n<PubmedArticleSet>\n')
MESH = ("Humans", "Neoplasms", "Treatment Outcome", "Prospective Studies")

MEASURE = """
import resource, sys, tracemalloc
from pathlib import Path
from generator.readers import read_path
from generator.readers import iter_xml
path, mode = Path(sys.argv[1]), sys.argv[2]
tracemalloc.start()
if mode == "parse":
    with open(path, "rb") as stream:
        count = sum(1 for item in iter_xml(path.name, stream) if not hasattr(item, "severity"))
else:
    records, unread = read_path(path.name, path)
    count = len(records)
print(count, tracemalloc.get_traced_memory()[1], resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def article_xml(i: int) -> str:
    """One ``PubmedArticle`` element for synthetic article ``i``."""
    title, authors, journal, year, doi, sections = make_article(i)
    parts = "".join(f"<AbstractText Label={quoteattr(k.upper())}>{escape(v)}</AbstractText>" if k
                    else f"<AbstractText>{escape(v)}</AbstractText>" for k, v in sections.items())
    names = "".join(f'<Author ValidYN="Y"><LastName>{escape(a.rsplit(" ", 1)[0])}</LastName>'
                    f'<Initials>{a.rsplit(" ", 1)[1]}</Initials></Author>' for a in authors)
    mesh = "".join(f'<MeshHeading><DescriptorName MajorTopicYN="N">{m}</DescriptorName></MeshHeading>' for m in MESH)
    pmid = 90000000 + i
    return (f'<PubmedArticle>\n  <MedlineCitation Status="MEDLINE" Owner="NLM">\n    <PMID Version="1">{pmid}</PMID>\n'
            f'    <Article PubModel="Print">\n      <Journal><JournalIssue CitedMedium="Print"><PubDate><Year>{year}</Year>'
            f'<Month>Mar</Month></PubDate></JournalIssue><Title>{escape(journal)}</Title>'
            f'<ISOAbbreviation>{escape(journal)}</ISOAbbreviation></Journal>\n'
            f'      <ArticleTitle>{escape(title)}</ArticleTitle>\n      <Abstract>{parts}</Abstract>\n'
            f'      <AuthorList CompleteYN="Y">{names}</AuthorList>\n'
            f'      <PublicationTypeList><PublicationType UI="D016428">Journal Article</PublicationType>'
            f'</PublicationTypeList>\n    </Article>\n'
            f'    <MedlineJournalInfo><MedlineTA>{escape(journal)}</MedlineTA></MedlineJournalInfo>\n'
            f'    <MeshHeadingList>{mesh}</MeshHeadingList>\n  </MedlineCitation>\n'
            f'  <PubmedData><ArticleIdList><ArticleId IdType="pubmed">{pmid}</ArticleId>'
            f'<ArticleId IdType="doi">{doi}</ArticleId></ArticleIdList></PubmedData>\n</PubmedArticle>\n')


def write_export(n: int, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as out:
        out.write(HEAD)
        for i in range(n):
            out.write(article_xml(i))
        out.write("</PubmedArticleSet>\n")


def measure(path: Path, mode: str) -> tuple[int, float, float]:
    """Articles read, the peak MB Python allocated while reading, and the process's peak RSS (MB: libxml2's
    memory too, which tracemalloc does not see), in a fresh process."""
    done = subprocess.run([sys.executable, "-c", MEASURE, str(path), mode], cwd=ROOT, check=True,
                          capture_output=True, text=True)
    count, peak, rss = done.stdout.split()
    return int(count), int(peak) / 1e6, int(rss) / 1024


def build(content: Path, out: Path) -> tuple[float, float, str]:
    """Wall seconds, peak RSS (MB) and the summary line of ``litreview build --no-cache``."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "generator", "build", "--content", str(content), "--out", str(out),
                             "--no-cache"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    output = proc.stdout.read()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build failed:\n{output}")
    summary = next((line for line in output.splitlines() if " files read" in line), "")
    return wall, usage.ru_maxrss / 1024, summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 50000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/litreview-xml-export"))
    parser.add_argument("--no-build", action="store_true", help="measure the read stage only")
    args = parser.parse_args()
    print("| articles | file | parse: peak allocated (RSS) | read_path, records kept: peak (RSS) | build --no-cache |")
    print("| --- | --- | --- | --- | --- |")
    for n in args.sizes:
        path = args.work / str(n) / "content" / "export.xml"
        write_export(n, path)
        parsed, parse_peak, parse_rss = measure(path, "parse")
        kept, read_peak, read_rss = measure(path, "read")
        assert parsed == kept == n, (parsed, kept, n)
        cell = "not run"
        if not args.no_build:
            wall, rss, summary = build(path.parent, args.work / str(n) / "site")
            cell = f"{wall:.0f} s, {rss:.0f} MB RSS ({summary.split(';')[1].strip()})"
        print(f"| {n:,} | {path.stat().st_size / 1e6:.0f} MB | {parse_peak:.1f} MB ({parse_rss:.0f} MB) | "
              f"{read_peak:.0f} MB ({read_rss:.0f} MB) | {cell} |",
              flush=True)


if __name__ == "__main__":
    main()
