"""Sample size: a study's own sentences in, its total, enrolled and analysed N out.

Each count of people ("212 consecutive patients", "Patients with RCC (n = 259)",
"Of 250 patients enrolled, 212 were eligible") is given a role by the words around it:

- enrolled: the verb or the phrase that brings the people into the study ("were
  enrolled", "were randomly assigned", "We randomly assigned 418", "A total of",
  "a database of", "included 140 patients", "2,880 patients ... were included" in a
  meta-analysis);
- analysed: "assessable", "evaluable", "were analyzed", the eligible of an "Of X
  enrolled, Y were eligible";
- treated: "684 patients received", "2,368 patients underwent" (enrolled, but said weakly);
- weak: "performed in 35 patients", "(n = 37,591 patients)", a count in the title;
- denominator: "11 of 99 patients".

The total is the analysed count (unless a later one is under 80% of the enrolled: a subset),
else the enrolled (the randomised, when fewer were randomised than recruited), else the first treated, else the first weak, else the arms' sizes added up,
else the largest denominator.

A count whose own verb is an outcome ("23 patients experienced a complete response",
"47 patients (22%) were alive"), a count per arm ("28 patients were entered onto each
arm"), an added few ("An additional 43 patients"), the screened, a plan ("were to be
included") and a date ("September 2000 were analyzed") are never the study's N: a
wrong number is worse than a missing one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.extract.numbers import DIGITS, WORD_NUMBER, parse_number
from generator.extract.scope import ScopedSentence
from generator.model import Arm

NUMBER = rf"(?:{DIGITS}|{WORD_NUMBER})"
PEOPLE = r"(?:patients|participants|subjects|cases|women|men|children|adults|individuals|persons|people|volunteers)"
ANALYZED_WORDS = r"(?:evaluable|assessable|analy[sz]able|analy[sz]ed|evaluated)"
ENROLLED_WORDS = r"(?:eligible|randomi[sz]ed|enrolled|registered|included|recruited|accrued)"
MODIFIER = (rf"(?:{ANALYZED_WORDS}|{ENROLLED_WORDS}|consecutive|adult|unselected|previously\s(?:un)?treated|untreated|"
            r"elderly|older|younger|Japanese|Chinese|Korean|European|American|[A-Za-z]+-[A-Za-z-]+|[A-Z]{2,6})")
# "684 consecutive patients", "39 evaluable patients", "n = 57 patients", "57 HCC patients".
PEOPLE_RE = re.compile(rf"(?P<num>{NUMBER})\s(?P<mods>(?:{MODIFIER}\s){{0,3}}){PEOPLE}\b", re.IGNORECASE)
# A sentence is searched for counts only where its words allow one: a noun for people, a "=", a "were".
PEOPLE_NOUN_RE = re.compile(rf"(?=[pscwmaiv])\b{PEOPLE}\b", re.IGNORECASE)
# "Patients with metastatic RCC (n = 259) were treated": the size of the subject.
LEAD_EQUALS_RE = re.compile(
    rf"\b(?:{PEOPLE}|cohort|series|population|sample)\b[^()\[\];.]{{0,80}}?\s?[(\[]\s?[Nn]\s?=\s?"
    r"(?P<num>\d{1,3}(?:,\d{3})+|\d{1,6})\s?[)\],;]", re.IGNORECASE)
# "212 were eligible", "Forty-two were randomized", "294 (171 F3) were analyzed": a count without its noun.
BARE_VERB = (rf"(?:were|was)\s(?:(?:deemed|considered|found|finally|subsequently|eventually|ultimately|then)\s)?"
             rf"(?P<verb>{ANALYZED_WORDS}|eligible|included|enrolled|randomi[sz]ed|registered|accrued|entered)\b")
BARE_VERB_RE = re.compile(rf"(?=w)\b{BARE_VERB}", re.IGNORECASE)
BARE_RE = re.compile(rf"(?P<num>{NUMBER})\s(?:\((?![^()]*{PEOPLE})[^()]{{1,40}}\)\s)?{BARE_VERB}", re.IGNORECASE)

MONTH_BEFORE_RE = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?\s"
                             r"(?:\d{1,2}(?:st|nd|rd|th)?,?\s)?$", re.IGNORECASE)
YEAR_BEFORE_RE = re.compile(r"\b(?:in|since|from|until|through|between|and|to|during|by|of)\s$", re.IGNORECASE)
# "47 patients (22%) were alive": a part; but "101 patients (47.5% males; ...)" says who the whole are.
PERCENT_AFTER_RE = re.compile(r"\s?[(\[]\s?\d{1,3}(?:[.·]\d{1,2})?\s?%(?!\s?(?:males?|females?|men|women|male|female)\b)")
DENOMINATOR_BEFORE_RE = re.compile(
    rf"(?:\d|\b{WORD_NUMBER})\s(?:\(\d{{1,3}}(?:\.\d{{1,2}})?\s?%\)\s)?(?:of|out\sof)\s(?:the\s|all\s)?$",
    re.IGNORECASE)
# "aged 18", "for seven patients", "the remaining 115", "n =" excepted from "=".
REJECT_BEFORE_RE = re.compile(
    r"(?:[≥><≤±]|(?<![Nn]\s)(?<![Nn])=|\baged?|\bfor|\bthan|\bremaining|\badditional|\bfurther|\bother|\bfirst|"
    r"\blast|\bextra|\bmore|\bfewer|\bleast|\bmost|\bonly|\bexcept)\s?$", re.IGNORECASE)
OF_START_RE = re.compile(r"(?:^|[;:]\s)(?:Of|Among|From|In)\s(?:the\s|these\s|all\s|a\stotal\sof\s)?$")
# Words before a count that make it the people the study took in: "We randomly assigned", "that
# included", "Nineteen studies were included (n = ..."; the count is their object, whatever follows.
TAKEN_BEFORE_RE = re.compile(
    r"\b(?:includ(?:ed|ing)|involv(?:ed|ing)|enroll?(?:ed|ing)|compris(?:ed|ing)|consist(?:ed|ing)\sof|"
    r"recruit(?:ed|ing)|randomi[sz](?:ed|ing)|randomly\s(?:assigned|allocated)|assigned|allocated|accrued|"
    r"registered|studied|treated|reviewed|analy[sz]ed|identified|evaluated|examined|followed|investigated|"
    r"report(?:ed\son)?|"
    r"describe|present)(?:\s(?:a\stotal\sof|all|the\sdata\sof|data\s(?:of|from|on)))?\s(?:\(\s?(?:[Nn]\s?=\s?)?)?$",
    re.IGNORECASE)
# "A total of", "a database of", "twelve studies with": the count is the subject, and its own verb may
# still make it a part ("A total of 23 patients experienced a complete response").
GROUP_OF_BEFORE_RE = re.compile(
    r"(?:\b(?:total|group|inclusion|enrol?lment|accrual|recruitment|registration)\sof|\b[Ii]n\stotal,?"
    r"|\b(?:study|analysis|series|cohort|database|registry|review|records|charts|data|sample|population|trial|"
    r"experience)\s(?:of|from|on|with|in|among|involving)"
    r"|\b(?:conducted|performed|carried\sout)\s(?:of|on|with|among)"
    r"|\b(?:studies|trials|RCTs|articles|reports|publications|centers|centres|institutions)\s"
    r"(?:with|involving|including|enrolling|comprising)(?:\sa\stotal\sof)?)\s(?:the\s|all\s)?$"
    # "9 randomized trials (1,512 patients)": the people of the studies counted just before.
    r"|\b(?:studies|trials|RCTs|articles|reports|publications)\s[(\[]$", re.IGNORECASE)
PROCEDURE_IN_BEFORE_RE = re.compile(r"\b(?:performed|administered|given|implanted|delivered|done|carried\sout|"
                                    r"conducted|treated|placed|used)\s(?:\w+\s){0,4}?(?:in|to)\s(?:a\stotal\sof\s)?$",
                                    re.IGNORECASE)
THIS_STUDY_RE = re.compile(r"(?=[wotpcs])(?:\b(?:we|our|this|present|current)\b|\b(?:trial|study)\b)", re.IGNORECASE)
AUXILIARY = r"\b(?:were|was|are|is|had\sbeen|have\sbeen|has\sbeen)\s"
# The verb of a count's own clause decides its role; the first one found wins.
VERB_RE = re.compile(
    rf"(?P<planned>\b(?:were|was|are|is)\sto\sbe\b|\bwill\sbe\b|\bplanned\b)"
    rf"|(?P<screen>\b(?:were|was)\s(?:\w+\s)?(?:screened|referred|considered|assessed\sfor|"
    rf"evaluated\sfor\seligibility)|\bscreened\b)"
    rf"|(?P<analyzed>{AUXILIARY}(?:\w+\s){{0,3}}?{ANALYZED_WORDS}\b)"
    rf"|(?P<enrolled>{AUXILIARY}(?:\w+\s){{0,2}}?(?:enrolled|included|entered|accrued|registered|recruited|"
    rf"randomi[sz]ed|assigned|allocated|studied|identified|reviewed|selected|investigated|examined|followed|"
    rf"eligible|reported|described|presented)\b|\b(?:participated|entered|enrolled|randomi[sz]ed|included|"
    rf"recruited|accrued|registered|met\s(?:the\s)?(?:inclusion|eligibility))\b)"
    rf"|(?P<treated>{AUXILIARY}(?:\w+\s){{0,2}}?(?:treated|given|operated|resected|implanted|administered|"
    rf"managed)\b|\b(?:received|underwent|had\s(?:undergone|received))\b)"
    rf"|(?P<outcome>\b(?:experienced|achieved|had|have|has|developed|showed|show|responded|died|relapsed|recurred|"
    rf"progressed|survived|required|discontinued|withdrew|remained|remain|presented|suffered|obtained|attained|"
    rf"demonstrated|displayed|exhibited|reported|needed)\b|\b(?:were|was|are)\s(?:\w+\s)?(?:alive|excluded|"
    rf"lost|withdrawn|censored|free|dead|not|still|observed|noted|seen|found|diagnosed|positive|negative)\b)",
    re.IGNORECASE)
PER_ARM_RE = re.compile(r"\b(?:each|per|either)\s(?:\w+\s)?(?:arm|group|cohort|treatment)\b", re.IGNORECASE)
# "Twenty-three patients with renal cell carcinoma and 20 with melanoma were entered", "52 patients with
# small tumors, 55 with intermediate tumors, and 34 patients with large tumors were analyzed": one count.
AND_MORE_RE = re.compile(rf"\s?(?:with|in|from|on|who\shad)\s[^;,()]{{1,80}}?(?:,\s(?:and\s)?|\sand\s)"
                         rf"(?P<num>{NUMBER})\s(?:{PEOPLE}\s)?(?=(?:with|in|from|on|who\shad)\s)", re.IGNORECASE)
NUMBERS_BEFORE_RE = re.compile(r"(?<![\d,.])(?P<first>\d{1,3}(?:,\d{3})*|\d+)(?:,\s\d[\d,]*)*,?\s(?:and|or)\s$")
RANDOMIZED_AFTER_RE = re.compile(r"\s?(?:\([^()]*\)\s?)?(?:were|was|had\sbeen|have\sbeen)\s(?:\w+\s)?"
                                 r"(?:randomi[sz]ed|randomly\s(?:assigned|allocated))\b", re.IGNORECASE)
RANDOMIZED_BEFORE_RE = re.compile(r"\b(?:randomi[sz]ed|randomly\s(?:assigned|allocated))\s(?:a\stotal\sof\s)?$",
                                  re.IGNORECASE)
BRACKETS_RE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
CLAUSE_END_RE = re.compile(r"[;.:]\s|,\s(?:and\s|but\s|whereas\s|while\s)?(?=\S*\d)|,\s(?:and|but|whereas|while)\s|$")

ROLES = ("enrolled", "analyzed", "treated", "weak", "denominator")


@dataclass(frozen=True)
class Population:
    """Who the study reports on."""

    n_total: int | None
    n_enrolled: int | None
    n_analyzed: int | None
    arms: tuple[Arm, ...]


@dataclass(frozen=True)
class Count:
    """One count of people, the role its words give it, and where it was read."""

    n: int
    role: str
    sentence: int
    randomized: bool = False  # the people randomly assigned: a trial's N, whoever was recruited before


def _whole(text: str) -> int | None:
    value = parse_number(text)
    return int(value) if value is not None and value == int(value) and value >= 2 else None


def _is_date(text: str, start: int, num: str, bare: bool) -> bool:
    """ "September 2000", "January 13, 1986", and without a noun "between 1992 and 2000"."""
    before = text[max(0, start - 16):start]
    if MONTH_BEFORE_RE.search(before):
        return True
    return bare and re.fullmatch(r"(?:19|20)\d\d", num) is not None and YEAR_BEFORE_RE.search(before) is not None


def _clause(text: str) -> str:
    """A count's own clause: up to the next clause break, brackets left out."""
    text = BRACKETS_RE.sub("", text[:200])
    return text[:CLAUSE_END_RE.search(text).start()]


def main_verb(clause: str) -> str | None:
    """The kind of the first verb of a clause that is not inside a relative clause ("who had ..."), else
    of a relative clause that takes the people in ("129 patients who enrolled between 1988 and 1993")."""
    relative = None
    for m in VERB_RE.finditer(clause):
        if not re.search(r"\b(?:who|that|which)\s(?:\w+\s)?$", clause[max(0, m.start() - 16):m.start()]):
            return m.lastgroup
        relative = relative or m.lastgroup
    return relative if relative in ("enrolled", "analyzed", "treated") else None


def people_role(text: str, start: int, end: int, mods: str, own_study: bool) -> str | None:
    """The role of the count of people at ``text[start:end]``, or None when it is not the study's N."""
    before = text[max(0, start - 60):start]
    after = text[end:]
    analyzed_mod = re.search(ANALYZED_WORDS, mods, re.IGNORECASE) is not None
    if DENOMINATOR_BEFORE_RE.search(before):  # "9 of 39 evaluable patients (23%)"
        return "analyzed" if analyzed_mod else "denominator"
    if PERCENT_AFTER_RE.match(after) or REJECT_BEFORE_RE.search(before) or re.search(r"\badditional|\bremaining",
                                                                                       mods, re.IGNORECASE):
        return None
    if OF_START_RE.search(before):
        # "Of 50 eligible patients, 38 (76%) had ...": the verb after the comma is the 38's.
        head = after[:after.find(",")] if "," in after else _clause(after)
        if analyzed_mod or re.search(ANALYZED_WORDS, head, re.IGNORECASE):
            return "analyzed"
        if re.search(ENROLLED_WORDS, mods + head, re.IGNORECASE):
            return "enrolled"
        return "weak" if not re.search(r"\b(?:with|who|treated|receiving|having|in)\b", head) else None
    clause = _clause(after)
    if PER_ARM_RE.search(clause):
        return None
    if TAKEN_BEFORE_RE.search(before):
        return "enrolled"
    verb = main_verb(clause)
    if verb:
        if verb in ("analyzed", "enrolled"):
            return verb
        if verb == "treated":
            return "enrolled" if GROUP_OF_BEFORE_RE.search(before) else "treated"
        return None
    if GROUP_OF_BEFORE_RE.search(before):
        return "enrolled"
    if analyzed_mod:
        return "analyzed"
    if re.search(ENROLLED_WORDS, mods, re.IGNORECASE):
        return "enrolled"
    if PROCEDURE_IN_BEFORE_RE.search(before) or (own_study and re.search(r"\bin\s$", before)) \
            or re.search(r"[(\[]\s?[Nn]\s?=\s?$", before):
        return "weak"  # "performed in 35 patients", "(n = 37,591 patients)"
    return None


def add_groups(text: str, end: int, n: int) -> tuple[int, int]:
    """``n`` plus the groups listed after it ("... with X, 55 with Y, and 34 with Z"), and where the list ends."""
    while more := AND_MORE_RE.match(text, end):
        n += _whole(more.group("num")) or 0
        end = more.end()
    return n, end


def sentence_counts(text: str, index: int, own_study: bool) -> list[Count]:
    """Every count of people in one sentence that could be the study's N, with its role."""
    out: list[Count] = []
    noun = PEOPLE_NOUN_RE.search(text)
    summed = 0  # the end of the last list of groups added up: its later counts are parts of it
    for m in PEOPLE_RE.finditer(text, max(0, noun.start() - 100)) if noun else ():
        n = _whole(m.group("num"))
        if n is None or m.start() < summed or _is_date(text, m.start(), m.group("num"), bare=False):
            continue
        total, end = add_groups(text, m.end(), n)
        start = m.start()
        # "8 studies comprising 1026 and 358 patients that respectively underwent A and B": one count.
        if lead := NUMBERS_BEFORE_RE.search(text, max(0, start - 40), start):
            if _is_date(text, lead.start(), lead.group("first"), bare=True):
                continue  # "between 2001 and 2005 patients": years
            total += sum(_whole(x) or 0 for x in re.findall(r"\d[\d,]*", lead.group()))
            start = lead.start()
        role = people_role(text, start, end, m.group("mods"), own_study)
        if role is None:
            continue
        if role in ("enrolled", "treated") and re.search(ANALYZED_WORDS, m.group("mods"), re.IGNORECASE):
            role = "analyzed"  # "270 assessable patients were entered onto eight trials"
        if role != "denominator":
            n, summed = total, end
        randomized = role == "enrolled" and (RANDOMIZED_AFTER_RE.match(text, end) is not None
                                             or RANDOMIZED_BEFORE_RE.search(text, max(0, m.start() - 30), m.start()))
        out.append(Count(n, role, index, bool(randomized)))
    for m in LEAD_EQUALS_RE.finditer(text) if "=" in text else ():
        before = text[max(0, m.start() - 30):m.start()]
        if (re.search(rf"(?:\b(?:in|for|among|of|with|without|than|versus|vs\.?|and|or|to|from|between)\s"
                      rf"(?:the\s|all\s|those\s)?|\d\s|{WORD_NUMBER}\s)$", before, re.IGNORECASE)
                or re.search(r"[(\[]\s?[Nn]\s?=", text[m.end():])):
            continue  # "In patients treated with IL-2 alone (n = 305)", "TARE (n = 54) or TACE (n = 84)"
        n = _whole(m.group("num"))
        verb = main_verb(_clause(text[m.end():]))
        role = "enrolled" if TAKEN_BEFORE_RE.search(before) else verb or "weak"
        if n is not None and role in ROLES:
            out.append(Count(n, role, index))
    verb = BARE_VERB_RE.search(text)
    for m in BARE_RE.finditer(text, max(0, verb.start() - 60)) if verb else ():
        n = _whole(m.group("num"))
        before = text[max(0, m.start() - 60):m.start()]
        if (n is None or _is_date(text, m.start(), m.group("num"), bare=True) or DENOMINATOR_BEFORE_RE.search(before)
                or REJECT_BEFORE_RE.search(before)):
            continue
        # "Of 250 patients enrolled, 212 were eligible": the eligible are who the study reports on.
        role = "enrolled" if re.match(r"enrolled|randomi|registered|accrued|entered", m.group("verb"), re.I) \
            else "analyzed"
        out.append(Count(n, role, index, m.group("verb").lower().startswith("randomi")))
    return out


def choose_total(counts: list[Count]) -> tuple[int | None, int | None, int | None]:
    """(total, enrolled, analysed) from the counts in reading order."""
    first = {role: next((c for c in counts if c.role == role), None) for role in ROLES}
    enrolled, analyzed = first["enrolled"], first["analyzed"]
    randomized = next((c for c in counts if c.randomized), None)
    if enrolled and randomized and randomized.n < enrolled.n:
        enrolled = randomized  # "1492 patients were recruited. 954 eligible patients were randomly assigned"
    if enrolled and analyzed and enrolled.sentence > analyzed.sentence:
        enrolled = None  # "A registry of 455 patients has been analyzed. ... a cohort of 91 patients": another group
    if enrolled and analyzed and analyzed.n < enrolled.n and analyzed.sentence != enrolled.sentence \
            and analyzed.n < 0.8 * enrolled.n:
        analyzed = None  # a later, smaller analysed set is a subset of the enrolled ("30 evaluable of 45")
    if analyzed or enrolled:
        total = (analyzed or enrolled).n
        return total, enrolled.n if enrolled else None, analyzed.n if analyzed else None
    if first["treated"]:
        return first["treated"].n, first["treated"].n, None  # "underwent", "received": enrolled, but said weakly
    if first["weak"]:
        return first["weak"].n, None, None
    return None, None, None


def read_population(sentences: tuple[ScopedSentence, ...], own_background: tuple[ScopedSentence, ...],
                    title: str | None, arms: tuple[Arm, ...], case_report: bool) -> Population:
    """Total, enrolled and analysed N, with the arms (and their sizes) already read."""
    if case_report:
        return Population(1, 1, None, arms)
    ordered = list(own_background)
    ordered += [s for s in sentences if s.scope == "study" and s.section.label in ("objective", "methods")]
    ordered += [s for s in sentences if s.scope == "study" and s.section.label in ("results", "other")]
    # "in 35 patients" is the study's own only outside the results, or where a sentence names the study.
    texts = [(s.sentence.text, s.section.label != "results" or THIS_STUDY_RE.search(s.sentence.text) is not None)
             for s in ordered] + ([(title, True)] if title else [])
    counts = [c for i, (text, own) in enumerate(texts) for c in sentence_counts(text, i, own)]
    total, enrolled, analyzed = choose_total(counts)
    if total is None and arms and all(a.n for a in arms):
        total = sum(a.n for a in arms)
    if total is None:
        total = max((c.n for c in counts if c.role == "denominator"), default=None)
    return Population(total, enrolled, analyzed, arms)
