"""What a number measures: the words around an anchor -> a finding kind.

Cues are read nearest-first: the last cue before the number (within its clause)
or the first one after it. A percentage with no cue is ``count_other``; a
duration with no cue is not a key number at all (it is a schedule: "for 6
months", "every 6 to 12 weeks").
"""

from __future__ import annotations

import re

# "-free survival", or "-free" alone before the survival it shares ("progression free and overall survival").
FREE_SURVIVAL = r"[- ]free(?:\ssurvival|(?=\s?(?:and|or|,|/)\s?(?:[\w-]+\s){0,3}survivals?\b))"
PFS = rf"progression{FREE_SURVIVAL}|\b[HL]?PFS\b|survival\sfree\sof\s(?:\w+\s)?progression"
DFS = rf"(?:disease|recurrence|relapse|event|metastasis|distant\smetastasis){FREE_SURVIVAL}|\b(?:DFS|RFS|EFS|MFS)\b"
OS = r"overall\ssurvival|\bOS\b|survival(?:\srates?)?|\bsurvived\b|\bsurviving\b"

# Adverse events named by what they are ("rash (83%)", "neutropenia in 12%").
ADVERSE_EVENTS = (
    r"fatigue|nausea|vomiting|diarrh(?:o)?ea|rash|pruritus|(?:febrile\s)?neutropenia|thrombocytopenia|leukopenia"
    r"|lymphopenia|an(?:a)?emia|hypertension|hypotension|fever|pyrexia|mucositis|stomatitis|neuropathy|colitis"
    r"|pneumonitis|hepatitis(?!\s(?:B|C|virus)\b)|hypothyroidism|alopecia|anorexia|constipation|sepsis|septic(?:a)?emia|hepatotoxicity"
    r"|cholangitis|myocarditis|asthenia|hand-foot|toxic\s(?:effects?|reactions?)|side\seffects?|adverse\sreactions?"
)
RATE_CUES: tuple[tuple[str, re.Pattern], ...] = tuple((kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in (
    ("complete_response", r"complete\s(?:response|remission|regression)s?|\bCRs?\b|pathologic(?:al)?\scomplete"
                          r"|\bcomplete(?=\s(?:in|for|and|or)\s|,)"),
    ("partial_response", r"partial\s(?:response|remission)s?|\bPRs?\b|\bpartial(?=\s(?:in|for|and|or)\s|,)"),
    ("stable_disease", r"stable\sdisease|\bSD\b|\bstable(?=\s(?:in|for|and|or)\s|,)"),
    # Progressive disease and local control are counts of their own: never a response, never a recurrence.
    ("count_other", r"progressive\sdisease|\bPD\b|local\s(?:tumou?r\s)?control"
                    r"|freedom\sfrom\s(?:local\s|distant\s)?(?:progression|recurrence|failure)"),
    ("disease_control_rate", r"disease\scontrol(?:\srate)?|clinical\sbenefit(?:\srate)?|\bDCRs?\b|\bCBR\b"),
    ("response_rate", r"(?:(?:objective|overall|tumou?r)\s?)?response\srates?|\bORR\b|objective\sresponses?|"
                      r"\bresponded\b|\bresponses\b|\bresponse\b|\bRRs?\b|\bORRs\b"),
    ("progression_free_survival_rate", PFS),
    ("disease_free_survival_rate", DFS),
    ("overall_survival_rate", OS + r"|\balive\b"),
    ("recurrence_rate", r"local\s(?:tumou?r\s)?progression|\brecurren(?:ce|ces|t)\b|\brecurred\b|\brelapsed?\b|\brelapses\b"),
    ("toxicity_rate", r"toxicit(?:y|ies)|adverse\s(?:events?|effects?|reactions?)|\b(?:TR)?AEs?\b|\bDLTs?\b"
                      r"|grade\s?(?:[3-5]|III|IV)"
                      r"|complications?|morbidity|\b[A-Za-z]+-induced\s|" + ADVERSE_EVENTS),
    ("mortality", r"\bdied\b|\bdeaths?\b|mortalit(?:y|ies)|\bfatal\b"),
))
TIME_CUES: tuple[tuple[str, re.Pattern], ...] = tuple((kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in (
    ("follow_up", r"follow[- ]?up|\bfollowed\s(?:up\s)?for\sa\s(?:median|mean)\b"),
    ("duration_of_response", r"duration\sof\s(?:the\s)?(?:response|remission)s?|response\sduration|\bDOR\b"
                             r"|(?:response|remission)s?\slasting|duration\sof\s(?:CR|PR)"
                             r"|(?:responses?|remissions?)\s(?:have\s|has\s)?(?:persisted|lasted)\s(?:for\s)?"),
    ("time_to_event_other", r"time\sto\s(?:\w+\s)?(?:progression|recurrence|relapse|failure|treatment\sfailure|death)"
                            r"|\bTT[PRF]\b|mean\ssurvival"
                            # "metastases developed 5 and 11 months after surgery": how long until an event.
                            r"|^\s?(?:after|following)\s(?:the\s)?(?:(?:start|initiation|onset)\sof\s)?(?:[\w-]+\s)?"
                            r"(?:surgery|resection|nephrectomy|diagnosis|treatment|therapy|transplantation|radiotherapy)"),
    ("median_pfs", PFS),
    ("median_dfs", DFS),
    ("median_overall_survival", OS + r"|\bMSTs?\b"),
))
# Rate kinds read as durations when the number is a time ("PFS of 8 months" is a median).
# A clause ends at a semicolon or colon; a number's cue never crosses one.
CLAUSE_END_RE = re.compile(r"[;:]")
VERB_RE = re.compile(r"\b(?:is|was|were|are|had|has|have|remain(?:ed)?|occurred|developed|achieved|received|"
                     r"underwent|experienced|showed|died|occurred|performed|observed|reported)\b", re.IGNORECASE)
# "18 patients (20.7%) had stable disease": only a predicate right after the number lets a later cue name it.
AFTER_PREDICATE_RE = re.compile(r"^[\s,]{0,2}(?:(?:patients|cases)\s)?(?:had|has|have|achieved|attained|experienced"
                                r"|developed|showed|showing|achieving|were|was|remained|died|underwent|with)\b",
                                re.IGNORECASE)
# "Twelve (28%) of the responding patients": what follows "of" is the denominator, not the kind.
OF_SUBGROUP_RE = re.compile(r"^\s?of\s")


def _combined(cues: tuple[tuple[str, re.Pattern], ...]) -> tuple[re.Pattern, dict[str, str]]:
    groups = {f"k{i}": kind for i, (kind, _) in enumerate(cues)}
    pattern = "|".join(f"(?P<k{i}>{p.pattern})" for i, (_, p) in enumerate(cues))
    # Every cue starts a word: trying the alternatives only there is much cheaper.
    return re.compile(rf"(?<![\w-])(?:{pattern})", re.IGNORECASE), groups


# One pass per window instead of one per kind; at one start the earlier kind in the list wins.
RATE_CUE_RE, RATE_GROUPS = _combined(RATE_CUES)
TIME_CUE_RE, TIME_GROUPS = _combined(TIME_CUES)


def _nearest_before(cues, text: str) -> str | None:
    pattern, groups = cues
    last = None
    for last in pattern.finditer(text):
        pass
    return groups[last.lastgroup] if last else None


def _nearest_after(cues, text: str) -> str | None:
    pattern, groups = cues
    m = pattern.search(text)
    return groups[m.lastgroup] if m else None


def cue_kind(family: str, cue: str, before: str, after: str, counted: bool = False) -> str | None:
    """The kind the words around a number name, or None when none does."""
    cues = (TIME_CUE_RE, TIME_GROUPS) if family == "duration" else (RATE_CUE_RE, RATE_GROUPS)
    if cue:
        found = _nearest_after(cues, cue)
        if found:
            return found
    if counted and cue.strip() == "" and OF_SUBGROUP_RE.match(after):
        return "count_other"
    if cue and AFTER_PREDICATE_RE.match(after):
        return _nearest_after(cues, after) or _nearest_before(cues, before)
    return _nearest_before(cues, before) or _nearest_after(cues, after)


def cue_spans(family: str, text: str) -> list[tuple[int, int, str]]:
    """Every cue of a sentence for numbers of ``family``: where it starts and ends, and the kind it names.
    Found once a sentence, so that each number's nearest cue before it is a look-up."""
    pattern, groups = (TIME_CUE_RE, TIME_GROUPS) if family == "duration" else (RATE_CUE_RE, RATE_GROUPS)
    return [(m.start(), m.end(), groups[m.lastgroup]) for m in pattern.finditer(text)]


def last_kind_before(spans: list[tuple[int, int, str]], start: int, end: int,
                     skipped: list[tuple[int, int]] = ()) -> str | None:
    """The kind the last cue within ``[start, end)`` names, cues inside a ``skipped`` span passed over."""
    for s, e, kind in reversed(spans):
        if e <= end and s >= start and not any(o <= s and e <= c for o, c in skipped):
            return kind
        if s < start:
            return None
    return None


def first_kind_after(family: str, text: str) -> str | None:
    """The kind the first cue in ``text`` names (the words after a number)."""
    return _nearest_after((TIME_CUE_RE, TIME_GROUPS) if family == "duration" else (RATE_CUE_RE, RATE_GROUPS), text)


def cue_end(family: str, text: str) -> int | None:
    """Where the first cue in ``text`` ends: a number that took its kind from the words after it has used them
    ("1 patient (2%) had a complete response, 11 (22%) partial response")."""
    pattern = TIME_CUE_RE if family == "duration" else RATE_CUE_RE
    m = pattern.search(text)
    return m.end() if m else None


def has_verb(text: str) -> bool:
    """True when ``text`` has a verb (so it says something of its own)."""
    return VERB_RE.search(text) is not None
