"""site_config.yml -> a frozen ``SiteConfig``, validated against a small schema.

Every problem is reported at once, each as ``site_config.yml:LINE:COL: error: ...``
with what was expected and what was found. YAML is composed with the safe
loader's node graph, so no tags run and every value keeps its position.
"""

from __future__ import annotations

import difflib
import re
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.diagnostics import Diagnostic, InputError, error, read_input

COMPARISON_PAGES = ("response", "overall_survival", "progression_free_survival", "effect_sizes", "safety",
                    "conditions", "interventions", "evidence_map", "by_year")
COMPARISON_GROUPINGS = ("outcome", "design", "condition", "intervention", "none")
COMPARISON_SCOPES = ("study", "cited", "design")
COMPARISON_KEYS = ("pages", "group_by", "min_studies", "scopes", "pool")
# What a pooled outcome is named by: the ratio, the outcome it compares and the studies' design.
POOL_KEYS = ("effect", "outcome", "design")
POOL_EFFECTS = ("hazard_ratio", "odds_ratio", "relative_risk")
POOL_OUTCOMES = ("overall_survival", "progression_free_survival", "disease_free_survival", "relapse_free_survival",
                 "local_progression", "response", "recurrence", "mortality")
POOL_DESIGNS = ("randomized", "observational")

MAX_CONFIG_BYTES = 1024 * 1024
STANDARD_TAG_PREFIX = "tag:yaml.org,2002:"
STANDARD_TAGS = ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
# The most digits a whole number in a YAML file may have (Python refuses to read one of more than 4,300).
MAX_INT_DIGITS = 18
# The deepest lists or mappings in a YAML file may be nested.
MAX_DEPTH = 50
# A value quoted in a message is cut to this many characters.
MAX_SHOWN = 40
# Control characters: dropped from what is read (XML cannot hold them; nothing shows them).
UNPUBLISHABLE_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
SURROGATE_RE = re.compile(r"[\ud800-\udfff]")


@dataclass(frozen=True)
class Term:
    """A canonical name in the taxonomy and the synonyms that mean it."""

    name: str
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class PoolSpec:
    """An outcome whose studies the reviewer declares comparable: its forest plot shows a pooled estimate."""

    effect: str
    outcome: str
    design: str = "randomized"


@dataclass(frozen=True)
class SiteConfig:
    title: str = "Literature review"
    description: str = ""
    base_url: str = ""
    repo_url: str = ""
    conditions: tuple[Term, ...] = ()
    interventions: tuple[Term, ...] = ()
    comparisons: tuple[str, ...] = COMPARISON_PAGES
    comparison_group_by: str = "outcome"
    comparison_min_studies: int = 2
    comparison_scopes: tuple[str, ...] = ("study",)
    comparison_pool: tuple[PoolSpec, ...] = ()
    source: str = field(default="site_config.yml", compare=False)


STRING_KEYS = ("title", "description", "base_url", "repo_url")
URL_KEYS = ("base_url", "repo_url")
URL_SCHEMES = ("http", "https")
TOP_KEYS = STRING_KEYS + ("taxonomy", "comparisons")
TAXONOMY_KEYS = ("conditions", "interventions")



def describe_node(node: yaml.Node) -> str:
    """What a YAML node holds, as a message says it was found: "a list", "int 3", "nothing"."""
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag.endswith(":null"):
        return "nothing"
    value = node.value if len(node.value) <= MAX_SHOWN else f"{node.value[:MAX_SHOWN]}... ({len(node.value):,} characters)"
    return f"{node.tag.rsplit(':', 1)[-1]} {value!r}"


def bounded_int(node: yaml.Node) -> bool:
    """Whether ``node`` is a whole number short enough to read (``MAX_INT_DIGITS``)."""
    return isinstance(node, yaml.ScalarNode) and node.tag.endswith(":int") and len(node.value) <= MAX_INT_DIGITS


def publishable(text: str) -> str:
    """``text`` as it can be published anywhere: without the control characters, as a content file is read
    (``readers.decode``), its halves of characters (surrogates, as YAML's escapes give) made whole
    or, alone, U+FFFD. (A lone half cannot be written as UTF-8; a control character, in XML.)"""
    text = UNPUBLISHABLE_RE.sub("", text)
    if SURROGATE_RE.search(text):
        text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text


class BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader, every text ``publishable``; refusing a whole number longer than ``MAX_INT_DIGITS``
    and lists or mappings nested more than ``MAX_DEPTH`` deep where they stand, and keeping as text a date that is
    none (``2020-02-30``), for the schema to refuse there."""

    depth = 0

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
        # PyYAML composes a list in a list in a list ... by recursion: Python's own limit would stop it.
        if self.depth == MAX_DEPTH:
            raise yaml.composer.ComposerError(None, None, f"lists or mappings nested more than {MAX_DEPTH} deep",
                                              self.peek_event().start_mark)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def compose_scalar_node(self, anchor: str | None) -> yaml.ScalarNode:
        node = super().compose_scalar_node(anchor)
        node.value = publishable(node.value)
        return node

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        if not bounded_int(node):
            raise yaml.constructor.ConstructorError(
                None, None, f"a whole number of {len(node.value):,} characters; at most {MAX_INT_DIGITS} digits "
                            f"are read", node.start_mark)
        return super().construct_yaml_int(node)

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> object:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return node.value


BoundedLoader.add_constructor("tag:yaml.org,2002:int", BoundedLoader.construct_yaml_int)
BoundedLoader.add_constructor("tag:yaml.org,2002:timestamp", BoundedLoader.construct_yaml_timestamp)


class _Checker:
    """Walks the YAML node graph, collecting diagnostics as it goes."""

    def __init__(self, path: str):
        self.path = path
        self.diagnostics: list[Diagnostic] = []

    def fail(self, node: yaml.Node, message: str) -> None:
        mark = node.start_mark
        self.diagnostics.append(error(self.path, message, mark.line + 1, mark.column + 1))

    def found(self, node: yaml.Node) -> str:
        return describe_node(node)

    def mapping(self, node: yaml.Node, allowed: tuple[str, ...] | None, where: str) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, f"{where}: expected a mapping, found {self.found(node)}")
            return {}
        items = {}
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else None
            if not isinstance(name, str) or not key.tag.endswith(":str"):
                self.fail(key, f"{where}: expected a text key, found {self.found(key)}")
                continue
            if name in items:
                self.fail(key, f"{where}: key '{name}' is given twice")
                continue
            if allowed is not None and name not in allowed:
                near = difflib.get_close_matches(name, allowed, n=1)
                hint = f"; did you mean '{near[0]}'?" if near else f"; expected one of: {', '.join(allowed)}"
                self.fail(key, f"{where}: unknown key '{name}'{hint}")
                continue
            items[name] = (key, value)
        return items

    def string(self, node: yaml.Node, where: str) -> str | None:
        if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":str"):
            return node.value
        self.fail(node, f"{where}: expected text, found {self.found(node)}")
        return None

    def url(self, node: yaml.Node, where: str) -> str:
        """An http or https address with a host (what MkDocs and browsers take), or nothing."""
        value = self.string(node, where)
        if not value:
            return ""
        try:
            parts = urllib.parse.urlsplit(value)
            good = parts.scheme.lower() in URL_SCHEMES and bool(parts.hostname) and not any(c.isspace() for c in value)
        except ValueError:  # an unclosed [ of an IPv6 address, say
            good = False
        if not good:
            self.fail(node, f"{where}: expected an http:// or https:// address like https://example.org/review/, "
                            f"found {self.found(node)}")
            return ""
        return value

    def strings(self, node: yaml.Node, where: str) -> tuple[str, ...]:
        if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"):
            return ()
        if not isinstance(node, yaml.SequenceNode):
            self.fail(node, f"{where}: expected a list of text, found {self.found(node)}")
            return ()
        out = []
        for item in node.value:
            value = self.string(item, where)
            if value is not None:
                out.append(value)
        return tuple(out)

    def terms(self, node: yaml.Node, where: str) -> tuple[Term, ...]:
        terms = []
        claimed: dict[str, str] = {}
        for name, (key, value) in self.mapping(node, None, where).items():
            synonyms = self.strings(value, f"{where}.{name}")
            for word in (name,) + synonyms:
                folded = word.casefold()
                if folded in claimed and claimed[folded] != name:
                    self.fail(key, f"{where}: synonym '{word}' is claimed by both '{claimed[folded]}' and '{name}'")
                claimed.setdefault(folded, name)
            terms.append(Term(name, synonyms))
        return tuple(terms)


def parse_config(text: str, path: str = "site_config.yml") -> tuple[SiteConfig, list[Diagnostic]]:
    """Validate a config file's text; the config is usable only when no diagnostics."""
    checker = _Checker(path)
    try:
        root = yaml.compose(text, Loader=BoundedLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = yaml_problem(exc)
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        return SiteConfig(source=path), [error(path, f"invalid YAML: {problem}", line, col)]
    if root is None or (isinstance(root, yaml.ScalarNode) and root.tag.endswith(":null")):
        return SiteConfig(source=path), []
    if (tagged := first_foreign_tag(root)) is not None:
        return SiteConfig(source=path), [error(path, f"YAML tags are not allowed here (found '{tagged.tag}')",
                                               tagged.start_mark.line + 1, tagged.start_mark.column + 1)]
    if (alias := first_alias(root)) is not None:
        return SiteConfig(source=path), [error(path, "YAML anchors and aliases are not allowed here",
                                               alias.start_mark.line + 1, alias.start_mark.column + 1)]
    values: dict[str, object] = {}
    for name, (key, node) in checker.mapping(root, TOP_KEYS, "site_config").items():
        if name in URL_KEYS:
            values[name] = checker.url(node, name)
        elif name in STRING_KEYS:
            values[name] = checker.string(node, name) or ""
        elif name == "taxonomy":
            for sub, (_, subnode) in checker.mapping(node, TAXONOMY_KEYS, "taxonomy").items():
                values[sub] = checker.terms(subnode, f"taxonomy.{sub}")
        elif name == "comparisons":
            values.update(_comparison_options(checker, node))
    return SiteConfig(source=path, **values), checker.diagnostics


def _choices(checker: _Checker, node: yaml.Node, where: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
    chosen = checker.strings(node, where)
    for item, value in zip(node.value if isinstance(node, yaml.SequenceNode) else (), chosen):
        if value not in allowed:
            near = difflib.get_close_matches(value, allowed, n=1)
            hint = f"; did you mean '{near[0]}'?" if near else ""
            checker.fail(item, f"{where}: unknown value '{value}'{hint}; expected one of: {', '.join(allowed)}")
    return tuple(v for v in chosen if v in allowed)


def _comparison_options(checker: _Checker, node: yaml.Node) -> dict[str, object]:
    # A plain list names the pages; a mapping also chooses grouping, threshold and scopes.
    if not isinstance(node, yaml.MappingNode):
        return {"comparisons": _choices(checker, node, "comparisons", COMPARISON_PAGES)}
    values: dict[str, object] = {}
    for name, (_, sub) in checker.mapping(node, COMPARISON_KEYS, "comparisons").items():
        where = f"comparisons.{name}"
        if name == "pages":
            values["comparisons"] = _choices(checker, sub, where, COMPARISON_PAGES)
        elif name == "scopes":
            values["comparison_scopes"] = _choices(checker, sub, where, COMPARISON_SCOPES)
        elif name == "pool":
            values["comparison_pool"] = _pool_specs(checker, sub)
        elif name == "group_by":
            group = checker.string(sub, where)
            if group is not None and group not in COMPARISON_GROUPINGS:
                checker.fail(sub, f"{where}: expected one of: {', '.join(COMPARISON_GROUPINGS)}, found '{group}'")
            elif group is not None:
                values["comparison_group_by"] = group
        elif bounded_int(sub) and sub.value.isdigit() and int(sub.value) >= 1:
            values["comparison_min_studies"] = int(sub.value)
        else:
            checker.fail(sub, f"{where}: expected a whole number of at least 1, found {checker.found(sub)}")
    return values


def _pool_specs(checker: _Checker, node: yaml.Node) -> tuple[PoolSpec, ...]:
    """``comparisons.pool``: a list of ``{effect, outcome, design}``, each named once."""
    if not isinstance(node, yaml.SequenceNode):
        checker.fail(node, f"comparisons.pool: expected a list of outcomes to pool, found {checker.found(node)}")
        return ()
    specs: list[PoolSpec] = []
    for item in node.value:
        fields = checker.mapping(item, POOL_KEYS, "comparisons.pool")
        chosen: dict[str, str] = {}
        for key, allowed in zip(POOL_KEYS, (POOL_EFFECTS, POOL_OUTCOMES, POOL_DESIGNS)):
            if key not in fields:
                if key != "design" and isinstance(item, yaml.MappingNode):
                    checker.fail(item, f"comparisons.pool: '{key}' is missing; expected one of: {', '.join(allowed)}")
                continue
            value = checker.string(fields[key][1], f"comparisons.pool.{key}")
            if value is not None and value not in allowed:
                near = difflib.get_close_matches(value, allowed, n=1)
                hint = f"; did you mean '{near[0]}'?" if near else ""
                checker.fail(fields[key][1], f"comparisons.pool.{key}: unknown value '{value}'{hint}; "
                                             f"expected one of: {', '.join(allowed)}")
            elif value is not None:
                chosen[key] = value
        if "effect" in chosen and "outcome" in chosen:
            spec = PoolSpec(**chosen)
            if spec in specs:
                checker.fail(item, f"comparisons.pool: {spec.effect} of {spec.outcome} ({spec.design}) is given twice")
            else:
                specs.append(spec)
    return tuple(specs)


def yaml_problem(exc: yaml.YAMLError, line_offset: int = 0) -> str:
    """What PyYAML says went wrong, whole: its "expected ..." context and its "but found ..." problem."""
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None) or ""
    if context.startswith("expected") and problem.startswith("but "):
        return f"{context}, {problem}"
    start = getattr(exc, "context_mark", None)
    if context.startswith("while scanning a ") and start is not None:
        # An unclosed quote is reported where the file ends; where it opened is what the user must find.
        return f"{problem} {context} that starts at line {start.line + 1 + line_offset}, column {start.column + 1}"
    return problem


def first_foreign_tag(root: yaml.Node) -> yaml.Node | None:
    """The first node with a tag beyond plain YAML (``!!python/...``), or None."""
    # The safe loader would refuse ``!!python/...`` anyway; saying so beats "expected text, found os.system".
    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if not node.tag.startswith(STANDARD_TAG_PREFIX) or node.tag.rsplit(":", 1)[-1] not in STANDARD_TAGS:
            return node
        if isinstance(node, yaml.MappingNode):
            stack.extend(n for pair in reversed(node.value) for n in reversed(pair))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
    return None


def first_alias(root: yaml.Node) -> yaml.Node | None:
    """The first node reached twice (an alias), or None."""
    # A node reached twice is an alias: refusing it stops "billion laughs" before anything is built.
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return node
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack.extend(n for pair in reversed(node.value) for n in reversed(pair))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
    return None


def load_config(path: Path, display: str | None = None) -> tuple[SiteConfig, list[Diagnostic]]:
    """Read and validate ``path``; a missing file gives the defaults."""
    shown = display or path.name
    if not path.exists():
        return SiteConfig(source=shown), []
    try:
        data = read_input(path, shown, MAX_CONFIG_BYTES)
    except InputError as exc:
        return SiteConfig(source=shown), list(exc.diagnostics)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return SiteConfig(source=shown), [error(shown, f"not UTF-8 text (byte {exc.start})")]
    return parse_config(text, shown)
