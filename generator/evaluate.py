"""Score extracted studies against a gold file: gold YAML + study dicts in, a score out.

The gold file is a list of studies by ``source``, each with expected fields and
``findings``, in the shape of the project's seeds gold (``tests/gold/seeds.yml``) or of
a corpus gold (``gold_scored.yml``: the same, with ``other_numbers`` and more fields).

A gold finding matches an extracted one of its kind whose value (or numerator, or
numerator/denominator as a percentage) is within 0.05, and whose CI, p-value,
denominator, arm, time point and scope agree where the gold gives them.

``evaluate`` (the default) gives recall and precision per kind; an extracted finding
is right when it matches a gold finding, and a unit both give must agree.
``evaluate_exhaustive`` (``--exhaustive``) takes the gold's findings as the complete list
of key numbers: it sorts each required finding into fully right, right kind and value
with an attribute wrong, value found under another kind, or not found; counts how many
of the fully right are shown as certain (``certain`` in the data contract); and counts
as spurious every finding shown as certain whose value is none of the gold's numbers.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import yaml

TOLERANCE = 0.05
FIELDS = ("design", "phase", "n_total")
# The fields --exhaustive scores, in the order it reports the first study's.
EXHAUSTIVE_FIELDS = ("design", "n_total", "year", "journal", "doi", "title", "title_generated", "phase")
LEVELS = ("fully right", "kind and value right, an attribute wrong", "value found under another kind", "not found")
# The attributes whose misses --exhaustive counts, and how it names them.
ATTRIBUTES = (("ci_low", "ci"), ("p_value", "p_value"), ("denominator", "denominator"),
              ("timepoint", "timepoint"), ("arm", "arm"), ("scope", "scope"))
NUMBER_RE = re.compile(r"-?\d*\.?\d+")


@dataclass
class KindScore:
    """Matches per finding kind."""

    gold: int = 0
    found: int = 0
    extracted: int = 0
    correct: int = 0


@dataclass
class Score:
    """Per-kind and per-field results and the misses to show."""

    kinds: dict[str, KindScore] = field(default_factory=dict)
    fields: dict[str, list[int]] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)
    missing_studies: list[str] = field(default_factory=list)


@dataclass
class ExhaustiveScore:
    """What ``--exhaustive`` reports: fields right, required findings by level, attributes wrong,
    certain share of the fully right, spurious of the findings shown as certain, and the lines
    to print before them, each with whether it is printed without ``--verbose`` (a study not in
    the build is; a miss is not)."""

    fields: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    levels: Counter = field(default_factory=Counter)
    attributes: Counter = field(default_factory=Counter)
    certain_right: int = 0
    extracted: int = 0
    spurious: int = 0
    lines: list[tuple[bool, str]] = field(default_factory=list)


def _kinds(gold: dict) -> set[str]:
    kind = gold.get("kind")
    return set(kind) if isinstance(kind, list) else {kind}


def _number(value) -> float | None:
    """A gold or extracted number: as given, or the first number in a text ("<.001", "720,000")."""
    if value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value)
    match = NUMBER_RE.search(str(value).replace(",", ""))
    return float(match.group()) if match else None


def _close(a, b) -> bool:
    a, b = _number(a), _number(b)
    return a is not None and b is not None and abs(a - b) <= TOLERANCE


def _values(found: dict) -> list[float]:
    values = [_number(found.get("value")), _number(found.get("numerator"))]
    if found.get("numerator") is not None and found.get("denominator"):
        values.append(100.0 * found["numerator"] / found["denominator"])
    return [v for v in values if v is not None]


def value_matches(gold: dict, found: dict) -> bool:
    """True when the extracted finding's value (or count, or count as a percentage) is the gold value."""
    return any(_close(gold.get("value"), v) for v in _values(found))


def attributes_match(gold: dict, found: dict) -> bool:
    """True when every attribute the gold gives (CI, p-value, denominator, time point, arm, scope) agrees."""
    for key in ("ci_low", "ci_high", "p_value"):
        if gold.get(key) is not None and not _close(gold[key], found.get(key)):
            return False
    if gold.get("denominator") is not None and found.get("denominator") not in (None, gold["denominator"]):
        return False
    if gold.get("timepoint") and (found.get("timepoint") or "").lower() != str(gold["timepoint"]).lower():
        return False
    if gold.get("arm"):
        want, got = str(gold["arm"]).lower(), (found.get("arm") or "").lower()
        if not got or (want not in got and got not in want):
            return False
    return not (gold.get("scope") and found.get("scope", "study") != gold["scope"])


def finding_matches(gold: dict, found: dict) -> bool:
    """True when an extracted finding is the gold one (kind, value, every attribute given, and unit)."""
    if found.get("kind") not in _kinds(gold) or not value_matches(gold, found):
        return False
    if gold.get("unit") and found.get("unit") and str(gold["unit"]).lower() != str(found["unit"]).lower():
        return False
    return attributes_match(gold, found)


def _field_ok(name: str, want, got) -> bool:
    if name == "design" and isinstance(want, list):
        return got in want
    return str(want).lower() == str(got).lower() if want is not None else got is None


def score_study(gold: dict, study: dict, score: Score) -> None:
    """Add one study's matches to ``score``."""
    for name in FIELDS:
        if name in gold:
            ok = _field_ok(name, gold[name], study.get(name))
            tally = score.fields.setdefault(name, [0, 0])
            tally[0] += ok
            tally[1] += 1
            if not ok:
                score.misses.append(f"{gold['source']}: {name}: want {gold[name]!r}, got {study.get(name)!r}")
    for key, name in (("conditions_any", "conditions"), ("interventions_any", "interventions")):
        for group in gold.get(key, []):
            alternatives = [group] if isinstance(group, str) else group
            ok = any(a.lower() in n.lower() for a in alternatives for n in study.get(name, []))
            tally = score.fields.setdefault(name, [0, 0])
            tally[0] += ok
            tally[1] += 1
            if not ok:
                score.misses.append(f"{gold['source']}: {name}: none of {alternatives} in {study.get(name)}")
    for arm in gold.get("arms", []):
        ok = any(any(a.lower() in (x.get("name") or "").lower() for a in arm["name_any"]) and x.get("n") == arm["n"]
                 for x in study.get("arms", []))
        tally = score.fields.setdefault("arms", [0, 0])
        tally[0] += ok
        tally[1] += 1
        if not ok:
            score.misses.append(f"{gold['source']}: arms: want {arm} in {study.get('arms')}")
    found = list(study.get("findings", []))
    used: set[int] = set()
    for item in gold.get("findings", []):
        if not item.get("required", True):
            continue
        kind = sorted(_kinds(item))[0]
        entry = score.kinds.setdefault(kind, KindScore())
        entry.gold += 1
        hit = next((i for i, f in enumerate(found) if i not in used and finding_matches(item, f)), None)
        if hit is None:
            score.misses.append(f"{gold['source']}: missed {item}")
        else:
            used.add(hit)
            entry.found += 1
    optional = [g for g in gold.get("findings", []) if not g.get("required", True)]
    for i, f in enumerate(found):
        entry = score.kinds.setdefault(f.get("kind"), KindScore())
        entry.extracted += 1
        if i in used or any(finding_matches(g, f) for g in optional):
            entry.correct += 1
        else:
            score.misses.append(f"{gold['source']}: extra {f.get('kind')}={f.get('text')!r}")


def evaluate(gold_text: str, studies: list[dict]) -> Score:
    """Score study dicts (as in ``data/studies.json``) against a gold file's text."""
    by_source = {s.get("source", "").split("/")[-1]: s for s in studies}
    score = Score()
    for gold in yaml.safe_load(gold_text) or []:
        study = by_source.get(str(gold.get("source", "")).split("/")[-1])
        if study is None:
            score.missing_studies.append(str(gold.get("source")))
            continue
        score_study(gold, study, score)
    return score


def report(score: Score, verbose: bool = False) -> str:
    """The score as a table: recall and precision per kind, then fields."""
    lines = [f"{'kind':30} {'recall':>14} {'precision':>14}"]
    for kind in sorted(score.kinds):
        k = score.kinds[kind]
        recall = f"{k.found}/{k.gold} {k.found / k.gold:.0%}" if k.gold else "-"
        precision = f"{k.correct}/{k.extracted} {k.correct / k.extracted:.0%}" if k.extracted else "-"
        lines.append(f"{kind:30} {recall:>14} {precision:>14}")
    gold = sum(k.gold for k in score.kinds.values())
    found = sum(k.found for k in score.kinds.values())
    extracted = sum(k.extracted for k in score.kinds.values())
    correct = sum(k.correct for k in score.kinds.values())
    lines.append(f"{'all':30} {f'{found}/{gold}':>14} {f'{correct}/{extracted}':>14}")
    for name, (ok, total) in sorted(score.fields.items()):
        lines.append(f"{name}: {ok}/{total}")
    if score.missing_studies:
        lines.append(f"studies missing from the build: {', '.join(score.missing_studies)}")
    if verbose:
        lines += [f"  - {m}" for m in score.misses]
    return "\n".join(lines)


def passed(score: Score) -> bool:
    """True when every required gold finding and every field matched."""
    return (not score.missing_studies and all(k.found == k.gold for k in score.kinds.values())
            and all(ok == total for ok, total in score.fields.values()))


def _exhaustive_field_ok(name: str, want, got) -> bool:
    if name == "design":
        return got in (want if isinstance(want, list) else [want])
    if name == "title":
        return _plain_title(want) == _plain_title(got)
    return str(want).lower() == str(got).lower()


def _plain_title(title: str | None) -> str:
    return re.sub(r"\W+", " ", (title or "").lower()).strip()


def _spurious(gold: dict, shown: list[dict]) -> list[dict]:
    """The findings shown whose value is none of the gold's numbers (its findings and ``other_numbers``)."""
    numbers = [_number(g.get("value")) for g in gold.get("findings") or []]
    numbers += [_number(n) for n in gold.get("other_numbers") or []]
    return [f for f in shown if not any(_close(v, n) for v in _values(f) for n in numbers)]


def score_exhaustive(gold: dict, study: dict | None, score: ExhaustiveScore) -> None:
    """Add one gold study's results to ``score`` (``study`` None: it is not in the build)."""
    source = gold.get("source")
    if study is None:
        score.lines.append((True, f"  {source}: not in the site"))
    for name in EXHAUSTIVE_FIELDS:
        if name in gold:
            ok = study is not None and _exhaustive_field_ok(name, gold[name], study.get(name))
            score.fields[name][0] += ok
            score.fields[name][1] += 1
            if not ok:
                got = None if study is None else study.get(name)
                score.lines.append((False, f"  {source}: {name} want {gold[name]!r} got {got!r}"))
    found = (study or {}).get("findings", [])
    for item in gold.get("findings") or []:
        if item.get("required", True) is False:
            continue
        same = [f for f in found if f.get("kind") in _kinds(item) and value_matches(item, f)]
        right = [f for f in same if attributes_match(item, f)]
        if right:
            score.levels[LEVELS[0]] += 1
            score.certain_right += any(f.get("certain", True) for f in right)
            continue
        if same:
            score.levels[LEVELS[1]] += 1
            for key, name in ATTRIBUTES:
                if key in item:
                    one = {"kind": item["kind"], "value": item["value"], key: item[key]}
                    if key == "ci_low":
                        one["ci_high"] = item.get("ci_high")
                    if not attributes_match(one, same[0]):
                        score.attributes[name] += 1
            why = "an attribute wrong"
        elif any(value_matches(item, f) for f in found):
            score.levels[LEVELS[2]] += 1
            why = "another kind: " + ", ".join(f"{f.get('kind')}" for f in found if value_matches(item, f))
        else:
            score.levels[LEVELS[3]] += 1
            why = "not found"
        score.lines.append((False, f"  {source}: {why}: want {item}"))
    if study is not None:
        # Precision counts what the site shows as certain; recall (above) counts every finding.
        shown = [f for f in found if f.get("certain", True)]
        score.extracted += len(shown)
        for f in _spurious(gold, shown):
            score.spurious += 1
            score.lines.append((False, f"  {source}: spurious {f.get('kind')}={f.get('text')} "
                                       f"in {f.get('sentence', '')[:90]!r}"))


def evaluate_exhaustive(gold_text: str, studies: list[dict]) -> ExhaustiveScore:
    """Score study dicts (as in ``data/studies.json``) against a gold file's text, the gold's findings
    taken as every key number of each abstract."""
    by_source = {str(s.get("source", "")).split("/")[-1]: s for s in studies}
    score = ExhaustiveScore()
    for gold in yaml.safe_load(gold_text) or []:
        score_exhaustive(gold, by_source.get(gold.get("source")), score)
    return score


def _share(part: int, whole: int) -> str:
    return f"{part / max(whole, 1):.0%}"


def exhaustive_report(score: ExhaustiveScore, verbose: bool = False) -> str:
    """The ``--exhaustive`` breakdown: fields, required findings by level, attributes wrong, the
    certain share of the fully right, and value precision (``--verbose``: every miss first)."""
    total = sum(score.levels.values())
    right = score.levels[LEVELS[0]]
    precision = 1 - score.spurious / max(score.extracted, 1)
    lines = [line for always, line in score.lines if always or verbose]
    lines.append("fields: " + ", ".join(f"{k} {ok}/{n}" for k, (ok, n) in score.fields.items()))
    lines.append("required findings:")
    lines += [f"  {name:42s} {score.levels[name]:4d} ({_share(score.levels[name], total)})" for name in LEVELS]
    if score.attributes:
        lines.append("  attributes wrong: " + ", ".join(f"{k} {v}" for k, v in score.attributes.most_common()))
    lines.append(f"  fully right and shown as certain (what reaches comparison pages): "
                 f"{score.certain_right}/{max(right, 1)} ({_share(score.certain_right, right)})")
    lines.append(f"corpus: required findings {right}/{total} ({_share(right, total)}) fully right; "
                 f"value precision {precision:.1%} ({score.spurious} spurious of {score.extracted})")
    return "\n".join(lines)


def exhaustive_passed(score: ExhaustiveScore) -> bool:
    """True when every study was built, every field is right, every required finding is fully right
    and shown as certain, and nothing shown is spurious."""
    right = score.levels[LEVELS[0]]
    return (not any(always for always, _ in score.lines) and all(ok == n for ok, n in score.fields.values())
            and right == sum(score.levels.values()) and score.certain_right == right and score.spurious == 0)
