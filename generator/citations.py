"""Citations of a study: plain text, BibTeX and RIS, for the study page and the downloads.

Untrusted metadata goes into each format escaped for it: BibTeX specials are
escaped (a DOI, a verbatim field, is written as it is), RIS values are kept to one line.
BibTeX names are written "Surname, Initials", so that BibTeX reads "Smith JA" as the
surname Smith, not a given name Smith of an author JA.
"""

from __future__ import annotations

import re

from generator.model import Study

BIBTEX_SPECIAL_RE = re.compile(r"([{}%&$#_^~\\])")
BIBTEX_KEY_RE = re.compile(r"[^A-Za-z0-9]+")
LINE_BREAK_RE = re.compile(r"\s*[\r\n]+\s*")
# MEDLINE's initials after a surname: one to three capitals ("JA", "Ö"), dots allowed ("J.A.").
INITIALS_RE = re.compile(r"^(?:[^\W\d_]\.?){1,3}$")
# A name's suffix ("Smith JA Jr") and the lower-case particles that begin a surname ("Jan van der Berg").
SUFFIXES = ("Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV", "2nd", "3rd")
PARTICLES = ("van", "von", "der", "den", "de", "del", "della", "di", "da", "dos", "du", "le", "la", "ten", "ter")
BRACES_RE = re.compile(r"[{}]")
# A group that is an author ("ECOG Study Group", "CALGB Investigators"): one name, no surname of its own.
COLLECTIVE_RE = re.compile(r"\b(?:Groups?|Consortium|Investigators|Collaborat\w*|Committee|Society|Network"
                           r"|Association|Study|Trial|Team|Working|Registry|Cooperative)\b")
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


def name_parts(author: str) -> tuple[str, str, str]:
    """An author's surname, given names or initials, and suffix, as MEDLINE ("van der Berg JA Jr") or a
    web page ("J A Smith", "Jane van Smith", "Smith, Jane") writes the name."""
    if "," in author:
        last, given = author.split(",", 1)
        return last.strip(), given.strip(), ""
    parts = author.split()
    if not parts:
        return "", "", ""
    suffix = parts.pop() if len(parts) > 2 and parts[-1] in SUFFIXES else ""
    if len(parts) > 1 and INITIALS_RE.match(parts[-1]) and parts[-1].isupper():
        return " ".join(parts[:-1]), parts[-1], suffix
    start = len(parts) - 1
    while start > 1 and parts[start - 1] in PARTICLES:
        start -= 1
    return " ".join(parts[start:]), " ".join(parts[:start]), suffix


def surname(author: str) -> str:
    """An author's surname (``name_parts``)."""
    return name_parts(author)[0]


def bibtex_name(author: str) -> str:
    """An author as BibTeX reads a name best, escaped: "Surname, Initials" ("Surname, Jr, Initials"), a group
    in braces ("{ECOG Study Group}")."""
    if COLLECTIVE_RE.search(author):
        return "{" + _bibtex(author.strip()) + "}"
    last, given, suffix = name_parts(author)
    return ", ".join(_bibtex(part) for part in (last, suffix, given) if part)


def bibtex_key(study: Study) -> str:
    """A stable BibTeX key: first author's surname, year, and the study id."""
    return BIBTEX_KEY_RE.sub("", f"{surname(study.authors[0]) if study.authors else 'anon'}{study.year or ''}") + ":" + study.id


def one_line(text: str) -> str:
    """``text`` with each line break, and the spaces around it, made one space."""
    # Most values have none: the pattern, tried at every space of an abstract, is not run on them.
    return LINE_BREAK_RE.sub(" ", text) if "\n" in text or "\r" in text else text


def _bibtex(value: object) -> str:
    text = one_line(str(value))
    return BIBTEX_SPECIAL_RE.sub(lambda m: BIBTEX_ESCAPES.get(m.group(1), "\\" + m.group(1)), text)


def _verbatim(value: str) -> str:
    # A DOI is read as it is (no "\\_"); only a brace could end the field early.
    return BRACES_RE.sub("", one_line(value))


def bibtex_entry(study: Study) -> str:
    """One ``@article`` entry."""
    fields = [("title", study.title), ("author", " and ".join(filter(None, map(bibtex_name, study.authors)))),
              ("journal", study.journal), ("year", study.year), ("doi", study.doi), ("pmid", study.pmid),
              ("note", MADE_TITLE_NOTE if study.title_generated else None)]
    # The names are escaped one by one (a group's braces kept); a DOI is verbatim.
    written = {"author": str, "doi": _verbatim}
    lines = [f"  {name} = {{{written.get(name, _bibtex)(value)}}}," for name, value in fields if value]
    return "@article{" + bibtex_key(study) + ",\n" + "\n".join(lines) + "\n}\n"


def ris_entry(study: Study) -> str:
    """One RIS record, ``TY`` to ``ER``."""
    def line(tag: str, value: object) -> str:
        return f"{tag}  - {one_line(str(value)).strip()}\n"

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
