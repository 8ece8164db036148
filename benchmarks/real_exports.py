"""Real export files held against the reference parsers: Bio.Medline (MEDLINE/.nbib), lxml (PubMed XML), rispy (RIS).

Builds a folder of export files with ``litreview build`` and compares, record by record,
what the site's ``data/studies.json`` holds with what the reference parser reads from
the same file: how many records became studies, and how often each field is right
(title, author count and surnames, journal, year, DOI, PMID, publication types, MeSH
terms, abstract text and its labels). A record is matched to its study by PMID, DOI or
title in the same file. The files are yours (public test suites, your own database
exports); none ships with litreview.

    .venv/bin/pip install biopython rispy
    .venv/bin/python benchmarks/real_exports.py DIR [--out /tmp/real-out] [--verbose]

Where the reference parser is wrong, the comparison does not copy it:

- Titles are compared without their white space: PubMed XML may drop the spaces around an
  italic word ("at the<i>TERT</i>gene"), and lxml's text of the element runs the words together.
- An abstract with MathML is not judged: lxml's text of it is its tokens one by one.
- The abstract is compared with each label's own punctuation ("BACKGROUND." or "BACKGROUND:")
  read as the label's; where the XML gives the labels apart, the text of the parts alone.
- Bio.Medline reads every value from column 7, so a line whose tag is not padded to four
  characters ("PMID-22664238", "TI  -This is") loses its value's start: each such line is
  printed as a NOTE, and a field found wrong there is the reference's mistake.
- rispy reads a ``TY`` after a record's fields (no ``ER`` between) as more of the same record;
  litreview as the next record, with a warning (JabRef's ``RisImporterTest1.ris``).
- A study is matched to one reference record at most (two records of one PMID: one is a duplicate).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import rispy
from Bio import Medline
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
FIELDS = ("title", "authors", "surnames", "journal", "year", "doi", "pmid", "publication_types", "mesh_terms",
          "abstract", "labels")
YEAR_RE = re.compile(r"\b(?:18|19|20)\d\d\b")
DOI_RE = re.compile(r"10\.\d{4,9}/\S+")
LID_DOI_RE = re.compile(r"(\S+) \[doi\]")


def norm(text) -> str:
    return " ".join(unicodedata.normalize("NFKC", str(text or "")).split()).casefold()


def year_of(text) -> int | None:
    match = YEAR_RE.search(str(text or ""))
    return int(match.group()) if match else None


def mesh(headings: list[str]) -> list[str]:
    found = []
    for heading in headings:
        name, *quals = [p.strip().lstrip("*").strip() for p in heading.split("/")]
        found.extend([f"{name} / {q}" for q in quals if q] or [name])
    return list(dict.fromkeys(found))


def medline_refs(path: Path) -> list[dict]:
    refs = []
    with open(path, encoding="utf-8-sig", errors="replace") as handle:
        for rec in Medline.parse(handle):
            # Bio.Medline joins a record's LID lines into one value ("S0... [pii] 10.1016/... [doi]").
            dois = [m.group(1) for tag in ("LID", "AID") for v in ([rec[tag]] if isinstance(rec.get(tag), str)
                                                                  else rec.get(tag, [])) for m in LID_DOI_RE.finditer(v)]
            refs.append({
                "title": rec.get("TI") or rec.get("BTI"), "authors": rec.get("AU", []) + rec.get("CN", []),
                "journal": [rec.get("TA"), rec.get("JT"), rec.get("BTI"), rec.get("PB")], "year": year_of(rec.get("DP")),
                "doi": dois[0] if dois else None, "pmid": rec.get("PMID"), "publication_types": rec.get("PT", []),
                "mesh_terms": mesh(rec.get("MH", [])), "abstract": rec.get("AB"), "labels": None,
            })
    return refs


def xml_text(node) -> str:
    return " ".join("".join(node.itertext()).split()) if node is not None else ""


def xml_refs(path: Path) -> list[dict]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.parse(str(path), parser).getroot()
    except etree.XMLSyntaxError as exc:
        print(f"NOTE {path.name}: lxml reads no record ({exc})")
        return []
    refs = []
    for entry in root.iter("PubmedArticle", "PubmedBookArticle"):
        holder = entry.find("./MedlineCitation/Article")
        citation = entry.find("./MedlineCitation")
        if holder is None:
            holder = citation = entry.find("./BookDocument")
        if holder is None:
            continue
        names = []
        for author in holder.findall("./AuthorList/Author"):
            last = xml_text(author.find("LastName"))
            names.append(f"{last} {xml_text(author.find('Initials'))}".strip() if last
                         else xml_text(author.find("CollectiveName")))
        ids = entry.findall(".//ArticleIdList/ArticleId") + holder.findall("./ELocationID")
        dois = [xml_text(i) for i in ids if (i.get("IdType") or i.get("EIdType")) == "doi"]
        parts = holder.findall("./Abstract/AbstractText")
        date = holder.find("./Journal/JournalIssue/PubDate")
        if date is None:
            date = holder.find("./Book/PubDate")
        refs.append({
            "title": xml_text(holder.find("ArticleTitle")) or xml_text(holder.find("./Book/BookTitle")),
            "authors": [n for n in names if n],
            "journal": [xml_text(citation.find("./MedlineJournalInfo/MedlineTA")),
                        xml_text(holder.find("./Journal/ISOAbbreviation")), xml_text(holder.find("./Journal/Title")),
                        xml_text(holder.find("./Book/BookTitle")), xml_text(holder.find("./Book/Publisher/PublisherName"))],
            "year": year_of(" ".join(date.itertext()) if date is not None else None), "doi": dois[0] if dois else None, "pmid": xml_text(citation.find("PMID")),
            "publication_types": [xml_text(t) for t in holder.iter("PublicationType")],
            "mesh_terms": mesh(["/".join([xml_text(h.find("DescriptorName"))] + [xml_text(q) for q in
                                                                                 h.findall("QualifierName")])
                                for h in citation.findall("./MeshHeadingList/MeshHeading")]),
            # lxml's text of MathML is its tokens one by one ("a + 1 b" for a fraction): not judged.
            "abstract": None if any(True for p in parts for _ in p.iter("{http://www.w3.org/1998/Math/MathML}*"))
            else " ".join(xml_text(p) for p in parts) or None,
            "labels": [p.get("Label") for p in parts if xml_text(p)],
        })
    return refs


def wos_refs(path: Path) -> list[dict]:
    """Web of Science's tagged export, as rispy's ``WokParser`` reads it."""
    return [{
        "title": rec.get("document_title"), "authors": rec.get("authors", []) + rec.get("group_authors", []),
        "journal": [rec.get(k) for k in ("iso_source_abbreviation", "source_abbreviation_29c", "publication_name")],
        "year": year_of(rec.get("publication_year")), "doi": rec.get("doi"), "pmid": rec.get("pubmed_id"),
        "publication_types": None, "mesh_terms": None, "abstract": rec.get("abstract"), "labels": None,
    } for rec in rispy.load(path, encoding="utf-8-sig", implementation=rispy.WokParser)]


def ris_refs(path: Path) -> list[dict]:
    if re.match(r"\s*(?:FN |PT [A-Z]\s*$)", path.read_text(encoding="utf-8-sig")[:200], re.M):
        return wos_refs(path)
    refs = []
    for rec in rispy.load(path, encoding="utf-8-sig"):
        # A DOI as a doi.org link where DO is missing; the PMID as PubMed and Ovid MEDLINE give it (AN) ...
        links = [u for k in ("urls", "file_attachments1", "file_attachments2") for u in
                 (rec.get(k) if isinstance(rec.get(k), list) else [rec.get(k)]) if u]
        doi = DOI_RE.search(rec.get("doi") or "") or next(
            (m for u in links if (m := re.match(r"https?://(?:dx\.)?doi\.org/(10\.\S+)$", u.strip(), re.I))), None)
        database = str(rec.get("name_of_database", "")).lower()
        pmid = rec.get("accession_number") if "pubmed" in database or "medline" in database else None
        # ... and as the Cochrane Library's CENTRAL gives it, a tag of its own ("PM  - PUBMED 30107788").
        pmid = pmid or next((m.group(1) for v in rec.get("unknown_tag", {}).get("PM", [])
                             if (m := re.match(r"(?:PUBMED\s*:?\s*)?(\d+)$", v.strip(), re.I))), None)
        refs.append({
            "title": rec.get("title") or rec.get("primary_title"),
            "authors": rec.get("authors", []) + rec.get("first_authors", []),
            "journal": [rec.get(k) for k in ("journal_name", "alternate_title2", "alternate_title1", "alternate_title3",
                                             "secondary_title")],
            "year": year_of(rec.get("year") or rec.get("publication_year") or rec.get("date")),
            "doi": doi.group(doi.lastindex or 0).rstrip(".,;") if doi else None, "pmid": pmid if pmid and str(pmid).isdigit() else None,
            "publication_types": None, "mesh_terms": None,
            "abstract": rec.get("abstract") or rec.get("notes_abstract"), "labels": None,
        })
    return refs


def txt_refs(path: Path) -> list[dict]:
    """A ``.txt`` export (PubMed saves its MEDLINE format so; RIS and Web of Science exports too), by how it
    starts; a pasted page is no export and has no reference."""
    head = path.read_text(encoding="utf-8-sig", errors="replace").lstrip()[:200]
    if head.startswith("PMID-"):
        return medline_refs(path)
    if re.match(r"(?:FN |PT [A-Z]\s*$|TY  - )", head, re.M):
        return ris_refs(path)
    return []


READERS = {".nbib": medline_refs, ".medline": medline_refs, ".xml": xml_refs, ".ris": ris_refs, ".txt": txt_refs}


def surname(name: str) -> str:
    name = name.strip()
    if "," in name:
        return norm(name.split(",")[0])
    head, _, tail = name.rpartition(" ")
    return norm(head if head and tail.isupper() and len(tail) <= 4 else name)


def ours_abstract(study: dict) -> str:
    return " ".join(f"{s['heading']}: {s['text']}" if s["heading"] else s["text"] for s in study["sections"])


def squash(text) -> str:
    return norm(text).replace(" ", "")


MEDLINE_UNPADDED_RE = re.compile(r"^(?![A-Z][A-Z ]{3}- )[A-Z]{2,4} *-")


def medline_notes(path: Path) -> list[str]:
    """The lines of a MEDLINE file whose value Bio.Medline cuts (it reads every value from column 7)."""
    with open(path, encoding="utf-8-sig", errors="replace") as handle:
        return [f"NOTE {path.name}:{number}: Bio.Medline reads {line.rstrip()!r} from column 7"
                for number, line in enumerate(handle, 1) if MEDLINE_UNPADDED_RE.match(line)]


def right(field: str, ref: dict, study: dict) -> bool | None:
    """Whether ``study`` has ``field`` as ``ref`` does; None where the reference has nothing to hold it to."""
    want = ref.get(field if field != "surnames" else "authors")
    if want in (None, [], "") and field not in ("doi", "pmid", "year"):
        return None
    if field == "title":
        return norm(study["title"]).replace(" ", "") == norm(want).replace(" ", "") and not study["title_generated"]
    if field == "authors":
        return len(study["authors"]) == len(want)
    if field == "surnames":
        return [surname(a) for a in study["authors"]] == [surname(a) for a in want]
    if field == "journal":
        return norm(study["journal"]) in {norm(j) for j in want if j} or (not study["journal"] and not any(want))
    if field in ("publication_types", "mesh_terms"):
        return list(study[field]) == list(dict.fromkeys(want))
    if field == "abstract":
        if ref.get("labels"):
            return squash(" ".join(s["text"] for s in study["sections"])) == squash(want)
        want = squash(want)
        for heading in (squash(s["heading"]) for s in study["sections"] if s["heading"]):
            want = want.replace(f"{heading}.", f"{heading}:", 1)
        return squash(ours_abstract(study)) == want
    if field == "labels":
        if not any(want):
            return None
        return [norm(s["heading"]) for s in study["sections"]] == [norm(w) for w in want if w] or \
            [norm(s["heading"]) for s in study["sections"] if s["heading"]] == [norm(w) for w in want if w]
    if field == "doi":
        return norm(study["doi"]) == norm(want)
    return str(study[field] or "") == str(want or "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--out", type=Path, default=Path("/tmp/real-exports-site"))
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    done = subprocess.run([str(ROOT / ".venv/bin/litreview"), "build", "--content", str(args.folder), "--out",
                           str(args.out), "--no-cache"], capture_output=True, text=True)
    traceback = "Traceback" in done.stderr
    print(done.stderr.strip().splitlines()[-2] if done.stderr.strip() else "", file=sys.stderr)
    studies = json.loads((args.out / "data" / "studies.json").read_text())["studies"]
    by_source: dict[str, list[dict]] = {}
    for study in studies:
        by_source.setdefault(study["source"], []).append(study)
    # A record that is another's duplicate (the same PMID, DOI or title) is kept once, with a warning naming it.
    # (Messages name a file by the content folder as given and its path in it.)
    duplicates = Counter(Path(line.split(":", 1)[0]).resolve().relative_to(args.folder.resolve()).as_posix()
                         for line in done.stderr.splitlines() if ": warning: duplicate of " in line)
    records = kept = twins = 0
    score: dict[str, Counter] = {f: Counter() for f in FIELDS}
    for path in sorted(p for p in args.folder.rglob("*") if p.suffix.lower() in READERS):
        rel = path.relative_to(args.folder).as_posix()
        refs = READERS[path.suffix.lower()](path)
        if args.verbose and READERS[path.suffix.lower()] in (medline_refs, txt_refs) and path.read_text(
                encoding="utf-8-sig", errors="replace").lstrip().startswith("PMID-"):
            print(*medline_notes(path), sep="\n") if medline_notes(path) else None
        mine = by_source.get(rel, [])
        taken: set[str] = set()  # a study matched is not matched again
        for ref in refs:
            records += 1
            free = [s for s in mine if s["id"] not in taken]
            study = next((s for s in free if ref["pmid"] and s["pmid"] == ref["pmid"]), None) \
                or next((s for s in free if ref["doi"] and norm(s["doi"]) == norm(ref["doi"])), None) \
                or next((s for s in free if ref["title"] and norm(s["title"]) == norm(ref["title"])), None)
            if study is None and not ref["title"] and len(refs) == len(mine):
                study = mine[refs.index(ref)]
            if study is None and duplicates[rel]:
                duplicates[rel] -= 1
                twins += 1
                continue
            if study is None:
                if args.verbose:
                    print(f"MISSING {rel}: {ref['title']!r}")
                continue
            kept += 1
            taken.add(study["id"])
            for field in FIELDS:
                verdict = right(field, ref, study)
                if verdict is not None:
                    score[field][verdict] += 1
                    if not verdict and args.verbose:
                        print(f"WRONG {field} {rel} {study['id']}: ours {study.get(field, ours_abstract(study))!r}"[:300])
                        print(f"      ref {ref.get(field if field != 'surnames' else 'authors')!r}"[:300])
    print(f"traceback: {'YES' if traceback else 'no'}; records read by the reference parsers: {records}; "
          f"became studies: {kept}, and {twins} more were kept once as duplicates of another "
          f"({100 * (kept + twins) / max(records, 1):.1f}%)")
    for field in FIELDS:
        total = score[field][True] + score[field][False]
        print(f"  {field:18} {score[field][True]:4} / {total:<4} right" + (f" ({100 * score[field][True] / total:.1f}%)"
                                                                          if total else ""))


if __name__ == "__main__":
    main()
