"""Score extracted studies against a gold file: gold YAML + study dicts in, a ``Score`` out.

The gold file has the shape of the project's seeds gold: a list of studies by
``source``, each with expected fields and ``findings``. A gold finding matches
an extracted one of its kind whose value (or numerator, or numerator/denominator
as a percentage) is within 0.05, and whose CI, p-value, arm, time point and
scope agree where the gold gives them. Precision counts every extracted finding
as a claim: it is right when it matches a gold finding.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

TOLERANCE = 0.05
FIELDS = ("design", "phase", "n_total")


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


def _kinds(gold: dict) -> set[str]:
    kind = gold.get("kind")
    return set(kind) if isinstance(kind, list) else {kind}


def _close(a, b) -> bool:
    return a is not None and b is not None and abs(float(a) - float(b)) <= TOLERANCE


def _values(found: dict) -> list[float]:
    values = [found.get("value"), found.get("numerator")]
    if found.get("numerator") is not None and found.get("denominator"):
        values.append(100.0 * found["numerator"] / found["denominator"])
    return [float(v) for v in values if v is not None]


def finding_matches(gold: dict, found: dict) -> bool:
    """True when an extracted finding is the gold one (kind, value and every attribute given)."""
    if found.get("kind") not in _kinds(gold) or not any(_close(gold.get("value"), v) for v in _values(found)):
        return False
    for key in ("ci_low", "ci_high", "p_value"):
        if gold.get(key) is not None and not _close(gold[key], found.get(key)):
            return False
    if gold.get("denominator") is not None and found.get("denominator") not in (None, gold["denominator"]):
        return False
    if gold.get("unit") and found.get("unit") and str(gold["unit"]).lower() != str(found["unit"]).lower():
        return False
    if gold.get("timepoint") and (found.get("timepoint") or "").lower() != str(gold["timepoint"]).lower():
        return False
    if gold.get("arm"):
        want, got = str(gold["arm"]).lower(), (found.get("arm") or "").lower()
        if not got or (want not in got and got not in want):
            return False
    return not (gold.get("scope") and found.get("scope", "study") != gold["scope"])


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
