"""Citations of a study: plain text, BibTeX and RIS, for the study page and the downloads.

Untrusted metadata goes into each format escaped for it: BibTeX specials are
escaped, RIS values are kept to one line.
"""

from __future__ import annotations

import re

from generator.model import Study

BIBTEX_SPECIAL_RE = re.compile(r"([{}%&$#_^~\\])")
BIBTEX_KEY_RE = re.compile(r"[^A-Za-z0-9]+")
LINE_BREAK_RE = re.compile(r"\s*[\r\n]+\s*")
INITIALS_RE = re.compile(r"^[A-Z]{1,3}$")
BIBTEX_ESCAPES = {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}
MADE_TITLE_NOTE = "Title made from the abstract: the input had no title"


def plain_citation(study: Study) -> str:
    """"Authors. Title. Journal. Year. doi:…. PMID: …" with what is known."""
    authors = ", ".join(study.authors[:6]) + (", et al" if len(study.authors) > 6 else "")
    title = study.title if not study.title_generated else f"[{study.title}]"
    parts = [authors, title.rstrip(".")]
    parts.append(" ".join(str(x) for x in (study.journal, study.year) if x))
    parts += [f"doi:{study.doi}"] * bool(study.doi) + [f"PMID: {study.pmid}"] * bool(study.pmid)
    return ". ".join(p for p in parts if p) + "."


def surname(author: str) -> str:
    """An author's surname, as MEDLINE ("Smith JA") or a web page ("J A Smith", "Jane Smith") writes the name."""
    parts = author.split()
    return parts[0] if len(parts) > 1 and INITIALS_RE.match(parts[-1]) else parts[-1]


def bibtex_key(study: Study) -> str:
    """A stable BibTeX key: first author's surname, year, and the study id."""
    return BIBTEX_KEY_RE.sub("", f"{surname(study.authors[0]) if study.authors else 'anon'}{study.year or ''}") + ":" + study.id


def _bibtex(value: object) -> str:
    text = LINE_BREAK_RE.sub(" ", str(value))
    return BIBTEX_SPECIAL_RE.sub(lambda m: BIBTEX_ESCAPES.get(m.group(1), "\\" + m.group(1)), text)


def bibtex_entry(study: Study) -> str:
    """One ``@article`` entry."""
    fields = [("title", study.title), ("author", " and ".join(study.authors)), ("journal", study.journal),
              ("year", study.year), ("doi", study.doi), ("pmid", study.pmid),
              ("note", MADE_TITLE_NOTE if study.title_generated else None)]
    lines = [f"  {name} = {{{_bibtex(value)}}}," for name, value in fields if value]
    return "@article{" + bibtex_key(study) + ",\n" + "\n".join(lines) + "\n}\n"


def ris_entry(study: Study) -> str:
    """One RIS record, ``TY`` to ``ER``."""
    def line(tag: str, value: object) -> str:
        return f"{tag}  - {LINE_BREAK_RE.sub(' ', str(value)).strip()}\n"

    out = [line("TY", "JOUR"), line("TI", study.title)]
    out += [line("AU", author) for author in study.authors]
    out += [line(tag, value) for tag, value in (("JO", study.journal), ("PY", study.year), ("DO", study.doi),
                                                ("AN", study.pmid)) if value]
    abstract = " ".join(s.text for s in study.sections)
    if abstract:
        out.append(line("AB", abstract))
    out += [line("KW", term) for term in study.mesh_terms]
    if study.title_generated:
        out.append(line("N1", MADE_TITLE_NOTE))
    return "".join(out) + "ER  - \n"
