"""Corrections: a sidecar ``content/<name>.yml`` beside an input, or ``.md`` front matter.

Schema (every key optional; see docs/corrections.md for examples)::

    title: text            journal: text          doi: text        pmid: text or number
    authors: [text]        publication_types: [text]               mesh_terms: [text]
    conditions: [text]     interventions: [text]  year: whole number (1800-2100)
    design: one of model.DESIGNS                  phase: one of model.PHASES
    n_total: whole number  arms: [{name: text, n: whole number}] or [text]
    added: YYYY-MM-DD      (the date the study joined the review)
    findings:
      add:  [{kind, value, text, section?, unit?, relation?, ci_low?, ci_high?, ci_level?,
              p_value?, p_text?, numerator?, denominator?, arm?, timepoint?, scope?}]
      fix:  [{match: {kind?, text?, value?, arm?, timepoint?, section?}, set: {<finding field>: value}}]
      drop: [{kind?, text?, value?, arm?, timepoint?, section?}]
      confirm: [{kind?, text?, value?, arm?, timepoint?, section?}]   (extracted findings right as they are)
    records:               (files holding several records)
      <study id, PMID or DOI>: {any of the keys above except records}

An added finding's ``text`` must occur in the named ``section`` (else in the
first section that has it), so every number keeps its sentence. A ``fix`` must
match exactly one finding; a ``drop`` or ``confirm`` at least one. A confirmed finding is
curated as it is, so it counts as certain (``Finding.certain``). Every problem is reported
at once as ``content/x.yml:LINE:COL: error: ...``; a study whose corrections are
wrong is skipped rather than published uncorrected.
"""

from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from generator.config import BoundedLoader, bounded_int, describe_node, first_alias, first_foreign_tag, yaml_problem
from generator.diagnostics import Diagnostic, InputError, error, read_input
from generator.extract.sentences import split_sentences
from generator.identity import study_id
from generator.model import (DESIGNS, FINDING_KINDS, PHASES, RELATIONS, SCOPES, SECTION_LABELS, Arm, Finding,
                             Record, Study)

# What each correctable field holds; the checker turns YAML nodes into these.
FIELD_TYPES = {
    "title": "text", "authors": "texts", "journal": "text", "year": "year", "doi": "text", "pmid": "id",
    "publication_types": "texts", "mesh_terms": "texts", "design": "design", "phase": "phase",
    "n_total": "count", "conditions": "texts", "interventions": "texts", "arms": "arms", "added": "date",
    "findings": "findings",
}
STUDY_FIELDS = ("title", "authors", "journal", "year", "doi", "pmid", "publication_types", "mesh_terms", "added")
EXTRACTION_FIELDS = ("design", "phase", "n_total", "conditions", "interventions", "arms")
FINDING_TYPES = {
    "kind": "kind", "value": "number", "text": "text", "section": "section", "unit": "text",
    "relation": "relation", "ci_low": "number", "ci_high": "number", "ci_level": "number",
    "p_value": "number", "p_text": "text", "numerator": "count", "denominator": "count",
    "arm": "text", "timepoint": "text", "scope": "scope",
}
MATCH_FIELDS = ("kind", "text", "value", "arm", "timepoint", "section")
EDIT_KEYS = ("add", "fix", "drop", "confirm")
EDIT_ORDER = {"drop": 0, "fix": 1, "confirm": 1, "add": 2}
# Front matter keys the Markdown reader already reads as the record's own metadata.
READER_KEYS = ("title", "authors", "journal", "year", "doi", "pmid", "publication_types", "mesh_terms", "keywords")
CHOICES = {"design": DESIGNS, "phase": PHASES, "kind": FINDING_KINDS, "section": SECTION_LABELS,
           "relation": RELATIONS, "scope": SCOPES}
EXPECTED = {
    "text": "text", "id": "text", "texts": "a list of text", "year": "a whole number like 2017",
    "count": "a whole number of 0 or more", "number": "a number", "date": "a date like 2024-05-31",
    "arms": "a list of arms ({name: text, n: whole number})", "findings": "a mapping with add, fix, drop and confirm",
}
DATE_RE = re.compile(r"\A\d{4}-\d{2}-\d{2}\Z")
FENCE_RE = re.compile(r"^---[ \t]*$", re.MULTILINE)
SIDECAR_SUFFIXES = (".yml", ".yaml")
MAX_OVERRIDE_BYTES = 1024 * 1024


@dataclass(frozen=True)
class FindingEdit:
    """One ``findings`` add, fix, drop or confirm, with where it was written."""

    action: str
    where: str
    path: str
    line: int
    col: int
    match: tuple[tuple[str, object], ...] = ()
    values: tuple[tuple[str, object], ...] = ()


@dataclass(frozen=True)
class Overrides:
    """The corrections for one record: field values and finding edits, in file order."""

    fields: tuple[tuple[str, object], ...] = ()
    findings: tuple[FindingEdit, ...] = ()
    # Set when the corrections had errors (already reported): the study is skipped, not built uncorrected.
    rejected: bool = False

    def __bool__(self) -> bool:
        return bool(self.fields or self.findings or self.rejected)


class _Checker:
    """Turns a YAML node graph into checked values, collecting diagnostics with positions."""

    def __init__(self, path: str, line_offset: int = 0):
        self.path = path
        self.line_offset = line_offset
        self.diagnostics: list[Diagnostic] = []
        self.constructor = BoundedLoader("")

    def place(self, node: yaml.Node) -> tuple[int, int]:
        return node.start_mark.line + 1 + self.line_offset, node.start_mark.column + 1

    def fail(self, node: yaml.Node, message: str) -> None:
        message = message.removeprefix(": ")  # top-level fields have no path before the colon
        self.diagnostics.append(error(self.path, message, *self.place(node)))

    def found(self, node: yaml.Node) -> str:
        return describe_node(node)

    def mapping(self, node: yaml.Node, allowed: tuple[str, ...] | None, where: str,
                noun: str = "field") -> list[tuple[str, yaml.Node, yaml.Node]]:
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, f"{where}: expected a mapping, found {self.found(node)}")
            return []
        items: list[tuple[str, yaml.Node, yaml.Node]] = []
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else None
            if not isinstance(name, str) or not key.tag.endswith(":str"):
                self.fail(key, f"{where}: expected a text key, found {self.found(key)}")
            elif any(name == seen for seen, _, _ in items):
                self.fail(key, f"{where}: {noun} '{name}' is given twice")
            elif allowed is not None and name not in allowed:
                near = difflib.get_close_matches(name, allowed, n=1)
                hint = f"; did you mean '{near[0]}'?" if near else f"; expected one of: {', '.join(allowed)}"
                self.fail(key, f"{where}: unknown {noun} '{name}'{hint}")
            else:
                items.append((name, key, value))
        return items

    def value(self, node: yaml.Node, kind: str, where: str) -> tuple[bool, object]:
        """``(ok, value)`` for a node that should hold a ``kind`` value."""
        tag = node.tag.rsplit(":", 1)[-1] if isinstance(node, yaml.ScalarNode) else ""
        if kind in CHOICES:
            allowed = CHOICES[kind]
            if tag in ("str", "int", "float") and node.value in allowed:
                return True, node.value
            if tag != "str":
                self.fail(node, f"{where}: expected one of: {', '.join(allowed)}, found {self.found(node)}")
                return False, None
            near = difflib.get_close_matches(node.value, allowed, n=1)
            noun = "finding kind" if kind == "kind" else kind
            hint = f"; did you mean '{near[0]}'?" if near else f"; expected one of: {', '.join(allowed)}"
            self.fail(node, f"{where}: unknown {noun} '{node.value}'{hint}")
            return False, None
        if kind == "text" and tag == "str" and node.value.strip():
            return True, node.value.strip()
        if kind == "id" and tag in ("str", "int") and node.value.strip():
            return True, node.value.strip()
        if kind in ("year", "count") and bounded_int(node):
            number = self.constructor.construct_object(node)
            if (kind == "count" and number >= 0) or (kind == "year" and 1800 <= number <= 2100):
                return True, number
        if kind == "number" and (tag == "float" or bounded_int(node)):
            number = float(self.constructor.construct_object(node))
            if number == number and abs(number) != float("inf"):
                return True, number
        if kind == "date" and (tag == "timestamp" or tag == "str") and DATE_RE.match(node.value):
            try:
                return True, datetime.date.fromisoformat(node.value).isoformat()
            except ValueError:
                pass
        if kind == "texts":
            return self.texts(node, where)
        if kind == "arms":
            return self.arms(node, where)
        self.fail(node, f"{where}: expected {EXPECTED[kind]}, found {self.found(node)}")
        return False, None

    def texts(self, node: yaml.Node, where: str) -> tuple[bool, object]:
        if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"):
            return True, ()
        if not isinstance(node, yaml.SequenceNode):
            self.fail(node, f"{where}: expected a list of text, found {self.found(node)}")
            return False, None
        results = [self.value(item, "text", f"{where}[{i}]") for i, item in enumerate(node.value)]
        return all(ok for ok, _ in results), tuple(v for _, v in results)

    def arms(self, node: yaml.Node, where: str) -> tuple[bool, object]:
        if not isinstance(node, yaml.SequenceNode):
            self.fail(node, f"{where}: expected {EXPECTED['arms']}, found {self.found(node)}")
            return False, None
        arms, ok = [], True
        for i, item in enumerate(node.value):
            here = f"{where}[{i}]"
            if isinstance(item, yaml.ScalarNode):
                good, name = self.value(item, "text", here)
                ok, arms = ok and good, arms + [Arm(name)]
                continue
            fields = {name: value for name, _, value in self.mapping(item, ("name", "n"), here)}
            good, name = self.value(fields["name"], "text", f"{here}.name") if "name" in fields else (False, None)
            if "name" not in fields and isinstance(item, yaml.MappingNode):
                self.fail(item, f"{here}: an arm needs a 'name'")
            good_n, n = self.value(fields["n"], "count", f"{here}.n") if "n" in fields else (True, None)
            ok = ok and good and good_n and isinstance(item, yaml.MappingNode)
            arms.append(Arm(name or "", n))
        return ok, tuple(arms)

    def findings(self, node: yaml.Node) -> tuple[FindingEdit, ...]:
        edits: list[FindingEdit] = []
        for action, _, items in self.mapping(node, EDIT_KEYS, "findings", "key"):
            where = f"findings.{action}"
            if not isinstance(items, yaml.SequenceNode):
                self.fail(items, f"{where}: expected a list, found {self.found(items)}")
                continue
            for i, item in enumerate(items.value):
                edit = self.edit(action, item, f"{where}[{i}]")
                if edit is not None:
                    edits.append(edit)
        return tuple(edits)

    def edit(self, action: str, node: yaml.Node, where: str) -> FindingEdit | None:
        before = len(self.diagnostics)
        match: tuple[tuple[str, object], ...] = ()
        values: tuple[tuple[str, object], ...] = ()
        if action == "add":
            values = self.finding_values(node, where)
            missing = [k for k in ("kind", "value", "text") if k not in dict(values)]
            if missing and isinstance(node, yaml.MappingNode) and len(self.diagnostics) == before:
                self.fail(node, f"{where}: an added finding needs {', '.join(missing)}")
        elif action in ("drop", "confirm"):
            match = self.finding_values(node, where, MATCH_FIELDS)
        else:
            parts = {name: value for name, _, value in self.mapping(node, ("match", "set"), where, "key")}
            if isinstance(node, yaml.MappingNode) and not ("match" in parts and "set" in parts):
                self.fail(node, f"{where}: a fix needs both 'match' and 'set'")
            match = self.finding_values(parts["match"], f"{where}.match", MATCH_FIELDS) if "match" in parts else ()
            values = self.finding_values(parts["set"], f"{where}.set") if "set" in parts else ()
        if action != "add" and isinstance(node, yaml.MappingNode) and not match and len(self.diagnostics) == before:
            self.fail(node, f"{where}: say which finding: give at least one of {', '.join(MATCH_FIELDS)}")
        if len(self.diagnostics) > before:
            return None
        return FindingEdit(action, where, self.path, *self.place(node), match=match, values=values)

    def finding_values(self, node: yaml.Node, where: str,
                       allowed: tuple[str, ...] = tuple(FINDING_TYPES)) -> tuple[tuple[str, object], ...]:
        out = []
        for name, _, value in self.mapping(node, allowed, where):
            ok, checked = self.value(value, FINDING_TYPES[name], f"{where}.{name}")
            if ok:
                out.append((name, checked))
        return tuple(out)

    def overrides(self, node: yaml.Node, skip: tuple[str, ...] = ()) -> Overrides:
        fields, findings = [], ()
        allowed = tuple(FIELD_TYPES) + skip
        for name, _, value in self.mapping(node, allowed, ""):
            if name in skip:
                continue
            if name == "findings":
                findings = self.findings(value)
                continue
            ok, checked = self.value(value, FIELD_TYPES[name], name)
            if ok:
                fields.append((name, checked))
        return Overrides(tuple(fields), findings)


def _compose(text: str, path: str, line_offset: int = 0) -> yaml.Node | None:
    """The YAML node graph of ``text``; raise ``InputError`` for bad YAML or any alias."""
    try:
        root = yaml.compose(text, Loader=BoundedLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = yaml_problem(exc, line_offset)
        line, col = (mark.line + 1 + line_offset, mark.column + 1) if mark else (None, None)
        raise InputError(error(path, f"invalid YAML: {problem}", line, col)) from None
    if root is not None and (tagged := first_foreign_tag(root)) is not None:
        raise InputError(error(path, f"YAML tags are not allowed here (found '{tagged.tag}')",
                               tagged.start_mark.line + 1 + line_offset, tagged.start_mark.column + 1))
    if root is not None and first_alias(root) is not None:
        node = first_alias(root)
        raise InputError(error(path, "YAML anchors and aliases are not allowed here",
                               node.start_mark.line + 1 + line_offset, node.start_mark.column + 1))
    return root


def _record_selectors(records: list[Record]) -> dict[str, int]:
    selectors: dict[str, int] = {}
    for index, record in enumerate(records):
        selectors.setdefault(study_id(record, index, len(records)), index)
        if record.pmid:
            selectors.setdefault(record.pmid, index)
        if record.doi:
            selectors.setdefault(record.doi.lower(), index)
    return selectors


def parse_overrides(text: str, path: str, records: list[Record], line_offset: int = 0,
                    skip: tuple[str, ...] = ()) -> dict[int, Overrides]:
    """The checked corrections in ``text`` for each record index; raise ``InputError`` listing every problem."""
    root = _compose(text, path, line_offset)
    if root is None:
        return {}
    checker = _Checker(path, line_offset)
    out: dict[int, Overrides] = {}
    top = root
    if isinstance(root, yaml.MappingNode):
        rest = [(k, v) for k, v in root.value if not (isinstance(k, yaml.ScalarNode) and k.value == "records")]
        per_record = [v for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == "records"]
        top = yaml.MappingNode(root.tag, rest, root.start_mark, root.end_mark)
        if rest and len(records) > 1:
            checker.fail(rest[0][0], f"this file holds {len(records)} records: put corrections under "
                                     f"'records:', keyed by study id, PMID or DOI")
        elif rest or not per_record:
            out[0] = checker.overrides(top, skip)
        selectors = _record_selectors(records)
        for node in per_record:
            for name, key, value in checker.mapping(node, None, "records", "record"):
                index = selectors.get(name.lower() if name.lower().startswith("10.") else name)
                if index is None:
                    near = difflib.get_close_matches(name, list(selectors), n=1)
                    hint = f"; did you mean '{near[0]}'?" if near else ""
                    checker.fail(key, f"records: no record in this file has the id, PMID or DOI '{name}'{hint}")
                elif index in out:
                    checker.fail(key, f"records: '{name}' names a record that is already corrected above")
                else:
                    out[index] = checker.overrides(value, skip)
    else:
        checker.overrides(top)
    if checker.diagnostics:
        raise InputError(*checker.diagnostics)
    return {i: o for i, o in out.items() if o}


def front_matter_overrides(path: str, text: str, records: list[Record]) -> dict[int, Overrides]:
    """The corrections in a Markdown file's front matter (its metadata keys are the reader's)."""
    fences = list(FENCE_RE.finditer(text))
    if not text.startswith("---") or len(fences) < 2 or not records or not records[0].overrides:
        return {}
    # The front matter starts on the line after the opening fence.
    return parse_overrides(text[fences[0].end():fences[1].start()], path, records[:1],
                           line_offset=text.count("\n", 0, fences[0].end()), skip=READER_KEYS)


def load_sidecar(content: Path, path: Path, records: list[Record] | int,
                 text: str | None = None) -> tuple[dict[int, Overrides], list[Diagnostic], Path | None]:
    """The corrections for each record index of ``path`` (front matter, then sidecar), and the sidecar used."""
    records = records if isinstance(records, list) else [Record(path.name)] * records
    rel = path.relative_to(content).as_posix()
    used = next((path.with_suffix(s) for s in SIDECAR_SUFFIXES if path.with_suffix(s).is_file()), None)
    # Every input passes through here before it is built: a committed link to a file elsewhere on the
    # build machine (a key, a password file) must never be published as a study.
    for linked in (path, used):
        if linked is not None and not linked.resolve().is_relative_to(content.resolve()):
            raise InputError(error(linked.relative_to(content).as_posix(),
                                   "is a link to a file outside the content folder; skipped"))
    merged: dict[int, Overrides] = {}
    problems: list[Diagnostic] = []
    if path.suffix.lower() == ".md":
        try:
            merged = front_matter_overrides(rel, text if text is not None else _read_text(path), records)
        except InputError as exc:
            problems.extend(exc.diagnostics)
    if used is not None:
        side_rel = used.relative_to(content).as_posix()
        try:
            data = read_input(used, side_rel, MAX_OVERRIDE_BYTES)
            try:
                side_text = data.decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                raise InputError(error(side_rel, f"not UTF-8 text (byte {exc.start})")) from None
            for index, extra in parse_overrides(side_text, side_rel, records).items():
                base = merged.get(index, Overrides())
                # The sidecar comes last, so its values win over the front matter's.
                merged[index] = Overrides(base.fields + extra.fields, base.findings + extra.findings)
        except InputError as exc:
            problems.extend(exc.diagnostics)
    if problems:
        # The file itself was read; its studies are skipped and the problems reported once.
        return {i: Overrides(rejected=True) for i in range(len(records))}, problems, used
    return merged, [], used


def _read_text(path: Path) -> str:
    return path.read_bytes().decode("utf-8-sig", errors="replace").replace("\r\n", "\n").replace("\r", "\n")


def apply_overrides(study: Study, overrides: Overrides | dict) -> Study:
    """The study with corrected values winning over extracted ones; raise ``InputError`` for edits that cannot apply."""
    if not overrides:
        return study
    if overrides.rejected:
        raise InputError()
    fields = dict(overrides.fields)
    study_changes = {k: v for k, v in fields.items() if k in STUDY_FIELDS}
    extraction_changes = {k: v for k, v in fields.items() if k in EXTRACTION_FIELDS}
    findings, problems = _edit_findings(study, overrides.findings)
    if problems:
        raise InputError(*problems)
    if "title" in study_changes:
        study_changes["title_generated"] = False
    extraction = replace(study.extraction, **extraction_changes, findings=findings)
    curated = set(study.curated_fields) | set(fields) - {"added"}
    if overrides.findings:
        curated.add("findings")
    return replace(study, **study_changes, extraction=extraction, curated_fields=tuple(sorted(curated)))


def _matches(finding: Finding, match: dict) -> bool:
    return all(getattr(finding, key) == value for key, value in match.items())


def _describe(match: dict) -> str:
    return ", ".join(f"{k} {v!r}" if isinstance(v, str) else f"{k} {v:g}" for k, v in match.items())


def _edit_findings(study: Study, edits: tuple[FindingEdit, ...]) -> tuple[tuple[Finding, ...], list[Diagnostic]]:
    findings = list(study.extraction.findings)
    problems: list[Diagnostic] = []
    # Drops, then fixes and confirmations, then additions: neither lands on a finding the same file adds.
    for edit in sorted(edits, key=lambda e: EDIT_ORDER[e.action]):
        match = dict(edit.match)
        hits = [i for i, f in enumerate(findings) if _matches(f, match)] if edit.action != "add" else []
        if edit.action != "add" and not hits:
            problems.append(error(edit.path, f"{edit.where}: matches no finding ({_describe(match)})",
                                  edit.line, edit.col))
        elif edit.action == "drop":
            findings = [f for i, f in enumerate(findings) if i not in hits]
        elif edit.action == "confirm":
            findings = [replace(f, curated=True) if i in hits else f for i, f in enumerate(findings)]
        elif edit.action == "fix" and len(hits) > 1:
            problems.append(error(edit.path, f"{edit.where}: matches {len(hits)} findings ({_describe(match)}); "
                                             f"add text, arm or timepoint to say which", edit.line, edit.col))
        elif edit.action == "fix":
            fixed, problem = _placed(study, edit, {**vars(findings[hits[0]]), **dict(edit.values)})
            if problem:
                problems.append(problem)
            else:
                findings[hits[0]] = fixed
        else:
            added, problem = _placed(study, edit, dict(edit.values))
            if problem:
                problems.append(problem)
            else:
                findings.append(added)
    return tuple(findings), problems


def _placed(study: Study, edit: FindingEdit, values: dict) -> tuple[Finding | None, Diagnostic | None]:
    # A curated number still points at its words: find ``text`` in the abstract and record its span.
    text, wanted = values["text"], values.get("section")
    if not (edit.action == "fix" and "text" not in dict(edit.values) and "section" not in dict(edit.values)):
        candidates = [s for s in study.sections if wanted in (None, s.label)]
        section = next((s for s in candidates if text in s.text), None)
        if section is None:
            where = f"the {wanted} section" if wanted else "any section"
            labels = ", ".join(s.label for s in study.sections) or "none"
            return None, error(edit.path, f"{edit.where}.text: {text!r} does not occur in {where} of the abstract "
                                          f"(sections: {labels})", edit.line, edit.col)
        start = section.text.index(text)
        sentence = next((s.text for s in split_sentences(section.text) if s.start <= start < s.end), text)
        values = {**values, "section": section.label, "start": start, "end": start + len(text), "sentence": sentence}
    values = {k: v for k, v in values.items() if k in Finding.__dataclass_fields__}
    for name in ("numerator", "denominator"):
        if values.get(name) is not None:
            values[name] = int(values[name])
    return Finding(**{**values, "curated": True}), None
