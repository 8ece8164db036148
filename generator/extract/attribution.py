"""Whose number is it: one sentence's numbers and the study's arms in, each number's arm out.

A sentence names arms by the names the study gave them (``StudyArms``) or by group
phrases ("in the X group", "patients receiving X", "in responders than in
nonresponders", "Y90 (54 d), CE (52 d)"). Each number then takes, in this order:
the arm whose part of the allocation it sits in (a dose); the arm named just after it
("13% for patients receiving IL-2 alone", "67 months with HAI"); the arm whose bracket
it sits in ("arm A (median overall survival, 25 months; ...)"); the arm of a list it
belongs to, matched in order ("for BCT than for CVD (4.8 v 2.9 months)"); the one arm
the sentence is about ("In Group A, the RR and DCR were both 95.8%"). A ratio compares
arms and belongs to none, unless the sentence lists one ratio per group. An arm read
from an order the sentence itself does not give (the allocation's) is uncertain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from generator.extract.arms import SHORT_NAME_RE, StudyArms, clean_name, fold, split_outside_brackets, tokens

NP = r"[A-Za-z0-9][\w+/.'-]*(?:\s(?!(?:and|than|versus|vs|compared|had|has|have|was|were|is|are|showed|experienced|achieved|who|at|of|in|for|with|without|or|but|while|whereas|after)\b)[\w+/.'-]+){0,5}"
# The phrases that name a group are tried only at the letters they start with (the look-aheads; WITH_RE's
# "with" is checked to start a word once found).
IN_GROUP_RE = re.compile(
    rf"(?=[ifaowtb])\b(?:in|for|among|on|of|with|from|to|between)\s(?:the\s|both\s|all\s)?(?P<name>{NP}?(?:\sand\s{NP}?)?)"
    r"\s(?:groups?|arms?|cohorts?)\b",
    re.IGNORECASE,
)
PATIENTS_RE = re.compile(
    r"(?=[pts])\b(?:patients|those|subjects|participants)\s(?:who\s)?(?:were\s|had\s)?(?:receiv(?:ed|ing)|treated\s(?:with|by)"
    rf"|given|underwent|undergoing|having|with|without|on|assigned\sto|randomi[sz]ed\sto)\s(?:the\s)?"
    rf"(?P<name>{NP}(?:\s(?:with|plus)\s(?!an?\s|the\s){NP})?)",
    re.IGNORECASE,
)
WITH_RE = re.compile(r"(?P<name>with(?<!\wwith)(?:out)?\s[A-Z][\w+/-]{1,20})\b")
THAN_RE = re.compile(rf"(?=[ifa])\b(?:in|for|among)\s(?P<a>{NP})\s(?:than|versus|vs\.?|compared\s(?:with|to))\s(?:in\s|for\s|among\s)?"
                     rf"(?:the\s)?(?P<b>{NP})", re.IGNORECASE)
COMPARED_RE = re.compile(rf"(?=[cv])\b(?:compared\s(?:with|to)|versus|vs\.?)\s(?:patients\s(?:with|having|receiving)\s)?(?P<name>{NP})"
                         r"(?=\s?\()", re.IGNORECASE)
# "Y90 (54 d), CE (52 d), PHP (245 d)", "oxaliplatin-based chemotherapy (HR = 0.45, ...)": a group and its numbers.
BRACKET_ITEM_RE = re.compile(r"(?:^|[,:;]\s|\s(?:or|and|versus|vs\.?)\s)(?!(?:and|or|but|with|in|of|the|a|an)\b)"
                             r"(?P<name>[A-Za-z][\w+/.'-]*(?:\s(?!(?:and|than|versus|vs|compared|had|has|have|was|were"
                             r"|is|are|showed|who|at|of|in|for|or|but|while|whereas)\b)[\w+/.'-]+){0,5})\s?"
                             r"\((?=\s?(?:[A-Za-z0-9/+-]{1,12}[;,:]\s?)?(?:median|HR|OR|RR|hazard\sratio|odds\sratio|n\s?=)?"
                             r"[\s,:=]*[<>≤≥]?\d)")
# "on IL-2/IFN", "for BCT", "with HAI": a name after a preposition, used only when it names one of the arms.
PREP_RE = re.compile(rf"(?=[owfiargutv])\b(?:on|with|for|in|of|after|receiving|received|given|underwent|among|versus|vs\.?|than)\s"
                     rf"(?:the\s)?(?P<name>{NP})",
                     re.IGNORECASE)
LETTER_NAME_RE = re.compile(r"\b(?:[Aa]rm|[Gg]roup|[Cc]ohort)\s(?:[A-E]|[1-6])\b")
# A bracket that holds a group's own ratio or median: "oxaliplatin-based chemotherapy (HR = 0.45".
RATIO_BRACKET_RE = re.compile(r"\s?\((?:[A-Za-z0-9/+-]{1,12}[;,]\s)?(?:HR|OR|RR|aOR|aHR|hazard\sratio|odds\sratio|median)\b")
# "129 months with HAI v 51 months without": "without" alone names the arm without what was just named.
BARE_WITHOUT_RE = re.compile(r"\bwithout\b(?=\s?[;,.()]|\s(?:vs|versus|and|or)\b|$)")
# "(5-FU/LV; HR = 0.63": the short name a group is given at the start of its bracket.
BRACKET_SHORT_RE = re.compile(r"\((?P<short>[A-Za-z0-9][\w+/-]{1,12})[;,]\s")
LETTERS_RE = re.compile(r"\b(?P<noun>[Aa]rms?|[Gg]roups?|[Cc]ohorts?)\s(?P<list>[A-E](?:,?\s(?:and\s)?[A-E])+)\b")
LETTER_RE = re.compile(r"[A-E]")
# "8.0 months PHP vs. 1.6 months BAC": a short name right after a number and before "vs".
NAME_BEFORE_VS_RE = re.compile(r"^\s(?P<name>[A-Z][\w+-]{1,15}(?:\s[A-Z][\w+-]{1,15})?)(?=\s?(?:vs\.?|versus|,|\)|;|and\b))")
# What may stand between a number and the arm named after it.
AFTER_GAP_RE = re.compile(
    r"^[\s,]*(?:%|percent|months?|mo|years?|yrs?|days?|d|weeks?|wk|patients|cases)?\s?(?:\([^()]{0,90}\))?[\s,]*"
    r"(?:(?:of|in|for|among|on|after|from|with|the|all|those|patients|cases|participants|who|were|was|treated|receiving"
    r"|received|given|having|assigned|to|by|following|undergoing|underwent|occurred|observed|seen|reported)\s){0,5}$",
    re.IGNORECASE,
)
# What may stand between an arm and a number right after it: "for PHP at 608 days", "PHP: 245 days".
BEFORE_GAP_RE = re.compile(r"^\s?(?::|,|at|was|of|had|with)?\s?$", re.IGNORECASE)
# A group the sentence names that is none of the arms read ("in the control group"): the one arm it mentions
# is then not the only one it is about.
OTHER_GROUP_RE = re.compile(r"\b(?:(?<!disease\s)(?<!local\s)(?<!tumor\s)(?<!tumour\s)controls?(?!\srates?\b)"
                            r"|placebo|comparator|groups?|arms?|cohorts?)\b", re.IGNORECASE)
# What may stand between "respectively" and the arm its whole list is of: ", of patients in the".
THEN_ARM_RE = re.compile(r",?\s(?:of|in|among|for)\s(?:the\s)?(?:patients\s)?(?:(?:in|with|receiving|given|treated\swith)\s)?"
                         r"(?:the\s)?", re.IGNORECASE)
# What joins the values of a list of kinds ("247 days and 343 days", "39.1% and 5.5%", "30%, 45% and 20%").
KINDS_JOINED_RE = re.compile(r"\s?(?:%|months?|mo|years?|days?|weeks?)?\s?(?:,\s?and|,|and)\s?", re.IGNORECASE)
# Numbers of one list: "4.8 v 2.9 months", "47% and 24%", "22% versus 12.8%".
LIST_GAP_RE = re.compile(
    r"^\s?(?:%|percent|months?|mo|years?|days?|d|weeks?)?\s?(?:\([^()]{0,90}\))?\s?,?\s?"
    r"(?:vs\.?|versus|v\.?|and|or|compared\s(?:with|to)|as\scompared\s(?:with|to)|,)\s?$",
    re.IGNORECASE,
)
MEASURE_WORD_RE = re.compile(r"\b(?:doses?|cumulative|activity|median|mean|total|rates?|period|duration|time|follow-up"
                             # an outcome is no group either ("better PFS (HR = 0.51 ...)")
                             r"|OS|PFS|DFS|RFS|TTP|ORR|DCR|survival|response|better|worse|longer|shorter)\b",
                             re.IGNORECASE)
NAMES_LIST_RE = re.compile(r"\s?%?\)?,?\s(?:for|in|among|with)\s(?:the\s|patients\swith\s)?(?P<list>[^();:%\d]{3,120}?),?\s?$")
NAMES_SPLIT_RE = re.compile(r",\s?(?:and\s|or\s)?|\s(?:and|or)\s")
ORDINAL_RE = re.compile(r"\b(?:each|both|the\stwo|the\sthree|the\sfour|all\s(?:two|three|four))\s(?P<noun>(?:case|subgroup"
                        r"|group|patient|cohort|risk\sgroup|arm)s?)\b", re.IGNORECASE)
PATIENTS_HINT_RE = re.compile(r"patients|those|subjects|participants")
THAN_HINT_RE = re.compile(r"\sthan\s|\sversus\s|\svs\b|compared")
COMPARED_HINT_RE = re.compile(r"compared|versus|\bvs\b")
NEAR_NUMBER_RE = re.compile(r"\d")


@dataclass(frozen=True)
class Mention:
    """An arm named in a sentence (offsets local to it); ``known`` when it is one of the study's arms."""

    start: int
    end: int
    arm: str
    known: bool
    said: str = ""  # the words that named it ("IL-2/IFN"), to show the arm by the name its results use


@dataclass(frozen=True)
class Number:
    """What attribution needs of one number: its span (with its bracket and interval) and kind."""

    start: int
    end: int
    extent: int
    kind: str
    ratio: bool
    arm: str | None = None
    timepoint: str | None = None


@dataclass(frozen=True)
class Attributed:
    """A number's arm and whether the rules settled it."""

    arm: str | None
    certain: bool = True


@lru_cache(maxsize=256)
def _names_re(names: tuple[tuple[str, tuple[str, ...]], ...]) -> re.Pattern | None:
    alternatives = sorted({n for _, all_names in names for n in all_names if len(n) >= 2}, key=len, reverse=True)
    if not alternatives:
        return None
    parts = [r"[\s\u2010-\u2015-]+".join(re.escape(word) for word in name.split(" ")) for name in alternatives]
    return re.compile(rf"(?<![\w+])(?:{'|'.join(parts)})(?![\w+])", re.IGNORECASE)


@lru_cache(maxsize=256)
def _words_re(names: tuple[tuple[str, tuple[str, ...]], ...]) -> re.Pattern | None:
    words = sorted({w for _, all_names in names for n in all_names for w in tokens(n) if len(w) >= 2}, key=len,
                   reverse=True)
    return re.compile(rf"(?<![\w]){'|'.join(re.escape(w) for w in words)}(?![\w])", re.IGNORECASE) if words else None


def named_arms(text: str, arms: StudyArms) -> list[Mention]:
    """The study's arms a sentence names by one of their names, or by words of one ("on IL-2/IFN")."""
    found: list[Mention] = []
    by_fold = {n: shown for shown, names in arms.names for n in names}
    pattern = _names_re(arms.names)
    if pattern:
        for m in pattern.finditer(text):
            arm = by_fold.get(fold(m.group()))
            if arm:
                found.append(Mention(m.start(), m.end(), arm, True, m.group()))
    words = _words_re(arms.names)
    if words and words.search(text):
        for m in PREP_RE.finditer(text):
            # Only a phrase with a word of some arm's can name one.
            if words.search(m.group("name")) and (arm := arms.resolve(m.group("name"))):
                found.append(Mention(m.start("name"), m.end("name"), arm, True, clean_name(m.group("name")) or ""))
    return found


def find_mentions(text: str, arms: StudyArms) -> list[Mention]:
    """The arms a sentence names, in order, one mention per span."""
    found = named_arms(text, arms)
    lower = text.lower()
    lettered = "arm" in lower or "group" in lower or "cohort" in lower
    for m in (LETTERS_RE.finditer(text) if lettered else ()):
        noun = m.group("noun").rstrip("s").lower()
        for letter in LETTER_RE.finditer(m.group("list")):
            name = f"{noun} {letter.group()}"
            arm = arms.resolve(name)
            found.append(Mention(m.start("list") + letter.start(), m.start("list") + letter.end(), arm or name,
                                 arm is not None, name))
    for m in (LETTER_NAME_RE.finditer(text) if lettered else ()):
        arm = arms.resolve(m.group())
        found.append(Mention(m.start(), m.end(), arm or m.group(), arm is not None, m.group()))
    # Cheap tests first: the group phrases are costly to try at every word.
    phrases = ((IN_GROUP_RE, ("name",), lettered), (PATIENTS_RE, ("name",), PATIENTS_HINT_RE.search(lower)),
               (WITH_RE, ("name",), "with" in lower), (THAN_RE, ("a", "b"), THAN_HINT_RE.search(lower)),
               (COMPARED_RE, ("name",), COMPARED_HINT_RE.search(lower)))
    for pattern, groups, hinted in phrases:
        for m in (pattern.finditer(text) if hinted else ()):
            for group in groups:
                for start, end in _parts(text, m.start(group), m.end(group)):
                    mention = _phrase(text, start, end, arms)
                    if mention:
                        found.append(mention)
    # A group named before its own bracket, as one of a list ("Y90 (54 d), CE (52 d)"); alone it is no list.
    items = [_phrase(text, m.start("name"), m.end("name"), arms) for m in
             (BRACKET_ITEM_RE.finditer(text) if "(" in text else ())
             if arms.names or RATIO_BRACKET_RE.match(text, m.end("name"))]
    items = [m for m in items if m and (m.known or RATIO_BRACKET_RE.match(text, m.end))]
    if len(items) >= 2 or any(m.known for m in items):
        found.extend(m for m in items if m.known or len(items) >= 2)
    found = _one_per_span(found)
    if not any(m.known or LETTER_NAME_RE.fullmatch(m.said) for m in found) and len({m.arm for m in found}) == 1:
        return []  # one group phrase alone compares nothing: "Patients received drugex at 36 mg"
    for m in BARE_WITHOUT_RE.finditer(text):
        named = [x for x in found if x.end <= m.start() and x.known and not fold(x.arm).startswith("no ")]
        arm = arms.resolve("without " + named[-1].arm) if named else None
        if arm:
            found.append(Mention(m.start(), m.end(), arm, True))
    return sorted(found, key=lambda x: x.start)


def _parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """ "the UFT/LV and surgery alone groups": one phrase naming two arms."""
    spans = split_outside_brackets(text[start:end], re.compile(r",?\s(?:and|or)\s|,\s"))
    return [(start + a, start + b) for a, b in spans]


def _phrase(text: str, start: int, end: int, arms: StudyArms) -> Mention | None:
    phrase = text[start:end]
    arm = arms.resolve(phrase)
    if arm:
        return Mention(start, end, arm, True, clean_name(phrase) or "")
    if arms.allocated:
        return None  # the study's arms are allocated: a phrase naming none of them is a subgroup of patients
    name = clean_name(phrase)
    if name is None or len(name.split()) > 6 or re.search(r"(?:^|\s)\d[\d.,]*(?:\s|$)|%", name) \
            or MEASURE_WORD_RE.search(name):
        return None  # a count or a measure ("an additional cumulative dose"), not a group
    short = BRACKET_SHORT_RE.match(text, end + (text[end:end + 1] == " "))
    if short and SHORT_NAME_RE.fullmatch(short.group("short")):
        name = short.group("short")  # "5-fluorouracil + leucovorin (5-FU/LV; HR = 0.63 ...)"
    return Mention(start, end, name, False, name)


def _one_per_span(mentions: list[Mention]) -> list[Mention]:
    # A known arm beats a group phrase; at one place, the longest span wins.
    ordered = sorted(mentions, key=lambda m: (not m.known, -(m.end - m.start), m.start))
    kept: list[Mention] = []
    for m in ordered:
        if all(m.end <= k.start or m.start >= k.end for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)


def ordinal_labels(text: str, count: int, counted: tuple[tuple[str, int], ...] = ()) -> list[str] | None:
    """ "both cases", "each subgroup": a list of ``count`` numbers over unnamed groups as many as the abstract
    counts, labelled in order ("case 1", "case 2")."""
    m = ORDINAL_RE.search(text)
    if not m:
        return None
    noun = m.group("noun").lower()
    said = {"both": 2, "the two": 2, "the three": 3, "the four": 4}.get(m.group(0).lower().rsplit(" ", 1)[0])
    stated = said or dict(counted).get(noun if noun.endswith("s") else noun + "s")
    if stated != count:
        return None
    return [f"{noun.rstrip('s')} {i}" for i in range(1, count + 1)]


def distinct_arms(mentions: list[Mention]) -> list[str]:
    """The arms of ``mentions`` in the order of their first mention."""
    return list(dict.fromkeys(m.arm for m in mentions))


def attribute(text: str, numbers: list[Number], mentions: list[Mention], arms: StudyArms, previous: tuple[str, ...],
              segments: list[tuple[int, int, str]], respectively: list[tuple[list[int], int, int]],
              ) -> tuple[list[Attributed], tuple[str, ...]]:
    """Each number's arm, and the order of arms this sentence leaves for the next one's lists ("Ten-year
    survival rates were 41.1% and 27.2%, respectively"). ``respectively`` holds each "respectively" list:
    its numbers, and where the word starts and ends."""
    out: list[Attributed | None] = [None] * len(numbers)
    values = [i for i, n in enumerate(numbers) if not n.ratio]
    begin = max(0, text.rfind(";", 0, numbers[respectively[0][0][0]].start) + 1) if respectively and \
        respectively[0][0] else 0
    order = previous
    for group, mark, mark_end in respectively:
        values_of_list = [i for i in group if not numbers[i].ratio]
        _attribute_respectively(text, values_of_list, numbers, mentions, order, begin, mark, mark_end, arms, out)
        # A later list of the sentence that names no arms follows this one's order ("..., respectively, and the
        # 3-year rates were 98%, 72% and 82%, respectively").
        if values_of_list and all(out[i] for i in values_of_list):
            order = tuple(out[i].arm for i in values_of_list)
        # What the list named after its word is its own; the next list's names come after that.
        nxt = min((n.start for n in numbers if n.start > mark_end), default=len(text))
        begin = max([mark_end] + [m.end for m in mentions if mark_end <= m.start < nxt])
    for i in values:
        n = numbers[i]
        arm = next((arm for start, end, arm in segments if start <= n.start < end), None) \
            or _named_after(text, n, numbers, mentions)
        if arm and not out[i]:
            out[i] = Attributed(arm)
    for i, j in zip(values[::-1][1:], values[::-1]):
        # "39.1% and 5.5% for IHP": values of different kinds joined as one list share the group named after it.
        x, y = numbers[i], numbers[j]
        if not out[i] and out[j] and x.kind != y.kind and KINDS_JOINED_RE.fullmatch(text, max(x.end, x.extent),
                                                                                    y.start):
            out[i] = out[j]
    listed = _lists(text, numbers, values)
    for group in listed:
        _attribute_list(text, group, numbers, mentions, arms, previous, out)
    for group in listed:
        # "HD IV IL-2 (21%) versus LD IV IL-2 (13%)": each number of the list in the bracket after its own arm.
        bracketed = [_bracket_arm(text, numbers[i], mentions) for i in group]
        if not any(out[i] for i in group) and all(bracketed) and len(set(bracketed)) == len(group):
            for i, arm in zip(group, bracketed):
                out[i] = Attributed(arm)
    in_lists = {i for group in listed for i in group}
    for i in values:
        if not out[i] and (arm := (_bracket_arm(text, numbers[i], mentions) if i not in in_lists else None)
                           or _named_before(text, numbers[i], mentions)):
            out[i] = Attributed(arm)
    _per_group_ratios(text, numbers, mentions, out)
    names = distinct_arms(mentions)
    unassigned = [i for i in values if out[i] is None]
    if len(names) == 1 and unassigned and (mentions[0].start < numbers[unassigned[0]].start or len(values) == 1) \
            and not _other_group(text, mentions):
        # "In Group A, the RR and DCR were both 95.8%": the one arm the sentence is about.
        for i in unassigned:
            out[i] = Attributed(names[0])
    # The order the next sentence may take is the one this sentence reported numbers in (not an allocation's).
    assigned = [o.arm for i, o in enumerate(out) if o and o.arm and numbers[i].kind != "dose"]
    order = tuple(dict.fromkeys(assigned)) if len(set(assigned)) >= 2 else previous
    return [o or Attributed(None) for o in out], order


def _other_group(text: str, mentions: list[Mention]) -> bool:
    """Whether the sentence names a group that is none of its mentions ("group" in or next to one is its own)."""
    return any(not any(m.start - 1 <= g.end() and g.start() <= m.end + 1 for m in mentions)
               for g in OTHER_GROUP_RE.finditer(text))


def _attribute_respectively(text: str, group: list[int], numbers: list[Number], mentions: list[Mention],
                            previous: tuple[str, ...], begin: int, mark: int, mark_end: int,
                            study: StudyArms, out: list[Attributed | None]) -> None:
    """One "respectively" list: the groups listed just before the word, else the arm named right after it, else
    the arms named with the list, in order."""
    if not group:
        return
    listed = _names_before_respectively(text, numbers[group[-1]].extent, mark, len(group), study)
    if listed:
        for i, arm in zip(group, listed):
            out[i] = Attributed(arm)
        return
    # "43% and 50% with A and 26% and 30% with B, respectively": each run of values is the arm named after it.
    runs = _lists(text, numbers, group)
    named = [_named_after(text, numbers[run[-1]], numbers, mentions) for run in runs]
    if len(runs) >= 2 and sum(map(len, runs)) == len(group) and all(named) and len(set(named)) == len(runs):
        for run, arm in zip(runs, named):
            for i in run:
                out[i] = Attributed(arm)
        return
    nxt = min((n.start for n in numbers if n.start > mark_end), default=len(text))
    after = distinct_arms([m for m in mentions if mark_end <= m.start < nxt])
    within = distinct_arms([m for m in mentions if begin <= m.start < mark])
    k = len(group)
    known = distinct_arms([m for m in mentions if begin <= m.start < mark and m.known])
    if len(known) == k:
        within = known
    first_after = min((m for m in mentions if mark_end <= m.start < nxt), key=lambda m: m.start, default=None)
    if len(after) == 1:
        arms = [after[0]] * k
    elif first_after and THEN_ARM_RE.fullmatch(text, mark_end, first_after.start):
        # "1%, 2%, and 9%, respectively, of patients in the A group as compared with none in the B group".
        arms = [first_after.arm] * k
    elif len(within) == k:
        arms = within
    elif len(within) == 1:
        arms = [within[0]] * k
    elif not within and not after and len(previous) == k:
        arms = list(previous)
    elif not within and not after and (labels := ordinal_labels(text, k, study.counted)):
        arms = labels
    else:
        return
    for i, arm in zip(group, arms):
        out[i] = Attributed(arm)


def _names_before_respectively(text: str, last: int, mark: int, k: int, study: StudyArms) -> list[str] | None:
    """ "96%, 91% and 76% for small, intermediate, and large tumors, respectively": the ``k`` groups listed between
    a list's last number and its "respectively", each as the arm it names (or as written, where no arms were
    allocated)."""
    m = NAMES_LIST_RE.match(text, last, mark)
    if m is None:
        return None
    items = [item.strip() for item in NAMES_SPLIT_RE.split(m.group("list")) if item.strip()]
    if len(items) != k:
        return None
    names = [study.resolve(item) or (None if study.allocated else clean_name(item)) for item in items]
    return names if all(names) and len(set(names)) == k else None


def _named_after(text: str, n: Number, numbers: list[Number], mentions: list[Mention]) -> str | None:
    nxt = min((m.start for m in numbers if m.start > n.start), default=len(text))
    for m in mentions:
        if n.end <= m.start < nxt and AFTER_GAP_RE.match(text[max(n.end, min(n.extent, m.start)):m.start]):
            return m.arm
        if m.start >= n.end and AFTER_GAP_RE.match(text[n.end:m.start]):
            return m.arm if m.start < nxt else None
    if n.kind not in ("dose",) and (m := NAME_BEFORE_VS_RE.match(text[n.extent or n.end:])) and \
            re.search(r"\b(?:vs\.?|versus)\s", text):
        after = text[n.end:n.extent] if n.extent > n.end else ""
        if not after.strip() or re.fullmatch(r"\s?(?:months?|years?|weeks?|days?|%)", after):
            return m.group("name")
    return None


def _bracket_arm(text: str, n: Number, mentions: list[Mention]) -> str | None:
    """ "HD IV IL-2 (21%)", "arm A (median overall survival, 25 months; P = .0440)": the arm before the bracket."""
    depth = 0
    for i in range(n.start - 1, max(-1, n.start - 120), -1):
        ch = text[i]
        if ch == ")":
            depth += 1
        elif ch == "(":
            if depth:
                depth -= 1
                continue
            for m in mentions:
                if 0 <= i - m.end <= 1:
                    return m.arm
            return None
    return None


def _named_before(text: str, n: Number, mentions: list[Mention]) -> str | None:
    for m in mentions:
        if m.end <= n.start and BEFORE_GAP_RE.match(text[m.end:n.start]):
            return m.arm
    return None


def _lists(text: str, numbers: list[Number], values: list[int]) -> list[list[int]]:
    """Runs of two or more numbers of one kind joined as a list ("4.8 v 2.9 months")."""
    groups: list[list[int]] = []
    for a, b in zip(values, values[1:]):
        x, y = numbers[a], numbers[b]
        if x.kind != y.kind or x.kind == "dose" or not LIST_GAP_RE.match(text[x.end:y.start]):
            continue
        if groups and groups[-1][-1] == a:
            groups[-1].append(b)
        else:
            groups.append([a, b])
    return groups


def _attribute_list(text: str, group: list[int], numbers: list[Number], mentions: list[Mention], arms: StudyArms,
                    previous: tuple[str, ...], out: list[Attributed | None]) -> None:
    if all(out[i] for i in group):
        return
    first = numbers[group[0]].start
    before = distinct_arms([m for m in mentions if m.start < first])
    named = [out[i].arm if out[i] else None for i in group]
    k = len(group)
    if len(before) == k and not any(named):
        for i, arm in zip(group, before):
            out[i] = Attributed(arm)
        return
    shown = arms.shown
    if len(shown) == 2 and k == 2:
        known = [a for a in named if a]
        if len(known) == 1 and known[0] in shown:
            other = shown[1 - shown.index(known[0])]
            for i, arm in zip(group, named):
                out[i] = out[i] or Attributed(other)
            return
        if len(before) == 1 and before[0] in shown and not any(named):
            # "longer in the group given X: 15.7 vs 6.0 months": the arm named first is the first value's.
            other = shown[1 - shown.index(before[0])]
            out[group[0]], out[group[1]] = Attributed(before[0]), Attributed(other)
            return
    if named[-1] and not any(named[:-1]) and (len({numbers[i].timepoint for i in group} - {None}) == k
                                              or len({numbers[i].kind for i in group}) == k):
        # "85, 60, and 42% after PH": the rates of one group over time points (or kinds) share the group
        # named after the last of them.
        for i in group[:-1]:
            out[i] = Attributed(named[-1], certain=out[group[-1]].certain)
        return
    if any(named):
        return
    if not shown and not before and (labels := ordinal_labels(text, k, arms.counted)):
        for i, arm in zip(group, labels):
            out[i] = Attributed(arm)
        return
    if len(previous) == k and not before:
        for i, arm in zip(group, previous):
            out[i] = Attributed(arm)
        return
    if len(shown) == k and not arms.subgroups and not before:
        # No order in the text near it: the allocation's, which the rules cannot vouch for.
        for i, arm in zip(group, shown):
            out[i] = Attributed(arm, certain=False)


def _per_group_ratios(text: str, numbers: list[Number], mentions: list[Mention], out: list[Attributed | None]) -> None:
    """ "5-FU/LV (HR = 0.63, ...), oxaliplatin-based chemotherapy (HR = 0.45, ...)": one ratio per named group."""
    ratios = [i for i, n in enumerate(numbers) if n.ratio and not out[i]]
    found = {i: _bracket_arm(text, numbers[i], mentions) for i in ratios}
    named = {i: arm for i, arm in found.items() if arm}
    if len(named) >= 2 and len(set(named.values())) == len(named):
        for i, arm in named.items():
            out[i] = Attributed(arm)


def named_by_use(arms: StudyArms, sentences) -> StudyArms:
    """The arms shown by the names their numbers are reported with ("on IL-2/IFN" rather than the allocation's
    "IL-2 and IFN"): each name a mention uses counts, twice when a number is near it; the shorter wins a tie.
    The names found this way become names of the arm, so every later mention of them is found."""
    if not arms.names:
        return arms
    uses: dict[str, dict[str, int]] = {shown: {} for shown, _ in arms.names}
    own_words = {shown: frozenset().union(*(tokens(n) for n in names)) for shown, names in arms.names}
    for item in sentences:
        text = item.sentence.text
        if item.scope != "study" or not NEAR_NUMBER_RE.search(text):
            continue  # the names that matter are those numbers are reported with
        for m in _one_per_span(named_arms(text, arms)):
            # "the combination arm" names the arm by what it is, not by a name of its own.
            if m.known and m.said and tokens(m.said) & own_words[m.arm]:
                weight = 2 if NEAR_NUMBER_RE.search(text, max(0, m.start - 60), min(len(text), m.end + 60)) else 1
                counts = uses[m.arm]
                key = next((k for k in counts if fold(k) == fold(m.said)), m.said)
                counts[key] = counts.get(key, 0) + weight
    renamed = {shown: min(counts, key=lambda name: (-counts[name], len(name))) if counts else shown
               for shown, counts in uses.items()}
    names = tuple((renamed[shown], tuple(dict.fromkeys(folded + tuple(fold(k) for k in uses[shown]))))
                  for shown, folded in arms.names)
    return replace(arms, arms=tuple(replace(a, name=renamed.get(a.name, a.name)) for a in arms.arms), names=names,
                   segments=tuple(replace(s, arm=renamed[s.arm]) for s in arms.segments))
