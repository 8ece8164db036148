"""Ratio anchors: every way a hazard, odds or risk ratio is written, and the look-alikes that are not ratios."""

import pytest

from generator.config import SiteConfig
from generator.extract.study import extract_study
from generator.extract.anchors import find_anchors, intervals_and_p
from generator.model import Record, Section


def ratios(sentence):
    """(kind, text, value, own bare interval, p-value it carries) of each ratio anchor of a sentence."""
    intervals, ps = intervals_and_p(sentence)
    return [(a.ratio_kind, sentence[a.start:a.end], a.value,
             (a.interval.low, a.interval.high, a.interval.level) if a.interval else None, a.p.text if a.p else None)
            for a in find_anchors(sentence, intervals, ps) if a.family == "ratio"]


HR, OR, RR = "hazard_ratio", "odds_ratio", "relative_risk"


@pytest.mark.parametrize("sentence, expected", [
    # Labels: words, abbreviations, adjusted and competing-risk forms.
    ("Death was less likely with surgery (HR 0.64, 95% CI 0.50-0.82).", [(HR, "0.64", 0.64, None, None)]),
    ("Readmission was more frequent (ORadj = 1.52, 95% CI 1.18-1.96).", [(OR, "1.52", 1.52, None, None)]),
    ("Smokers had higher odds (AOR 2.4; 95% CI 1.5-3.8).", [(OR, "2.4", 2.4, None, None)]),
    ("Smokers had higher odds (aOR: 2.4).", [(OR, "2.4", 2.4, None, None)]),
    ("Relapse was more frequent (sHR 1.38; 95% CI 1.05-1.81).", [(HR, "1.38", 1.38, None, None)]),
    ("The subdistribution hazard ratio for relapse was 1.38.", [(HR, "1.38", 1.38, None, None)]),
    ("Events rose with exposure (RR =1.71, 95% CI 1.22-2.40).", [(RR, "1.71", 1.71, None, None)]),
    ("The risk ratio was 0.87 overall.", [(RR, "0.87", 0.87, None, None)]),
    # A label, then what the ratio is for, then its value.
    ("The pooled hazard ratio for 21 studies comprising 3,418 patients was 2.07 (95%CI 1.66–2.58).",
     [(HR, "2.07", 2.07, None, None)]),
    ("The pooled RR for fracture was 1.21 (95% CI: 1.19, 1.24).", [(RR, "1.21", 1.21, None, None)]),
    ("The hazard ratio for death of the drug group against the placebo group was not significant "
     "(0.91; 95% confidence interval, 0.62–1.33; P = 0.612).", [(HR, "0.91", 0.91, None, None)]),
    ("The hazard ratio adjusted by propensity score showed longer survival with the pump: 0.71 (95% CI, 0.60 to 0.84).",
     [(HR, "0.71", 0.71, None, None)]),
    ("Survival improved [hazard ratio (HR), 0.51; 95% confidence interval (CI), 0.36-0.72; P < 0.001].",
     [(HR, "0.51", 0.51, None, None)]),
    ("Benefit was seen at 3 years (hazard ratio [HR] = 0.61, P = .004).", [(HR, "0.61", 0.61, None, None)]),
    # A "(95% CI)" label between the label and the values names the bare intervals after them.
    ("Admission was likelier (OR [95% CI]: 1.36[1.21-1.52]).", [(OR, "1.36", 1.36, (1.21, 1.52, 95), None)]),
    ("The odds ratios (95% CI) were 0.84 (0.75-0.95) and 0.77 (0.66-0.90) for the top two groups.",
     [(OR, "0.84", 0.84, (0.75, 0.95, 95), None), (OR, "0.77", 0.77, (0.66, 0.90, 95), None)]),
    ("The hazard ratio (HR) for progression was 0.59 (0.45–0.77) with the combination.",
     [(HR, "0.59", 0.59, (0.45, 0.77, None), None)]),
    ("A survey gave the odds ratio and 95% confidence interval for smokers as 2.31(CI=1.9-2.8).",
     [(OR, "2.31", 2.31, None, None)]),
    # One label, several values.
    ("Workers had odds ratios of 4.12 and 4.47 respectively for wheeze.",
     [(OR, "4.12", 4.12, None, None), (OR, "4.47", 4.47, None, None)]),
    ("The odds ratio for the outcome in men was 1.37 and in women was 1.62.",
     [(OR, "1.37", 1.37, None, None), (OR, "1.62", 1.62, None, None)]),
    ("The HRs for death were 0.74 (95% CI 0.61-0.90), 0.69 (95% CI 0.55-0.87) and 0.58 (0.43-0.78), respectively.",
     [(HR, "0.74", 0.74, None, None), (HR, "0.69", 0.69, None, None), (HR, "0.58", 0.58, (0.43, 0.78, None), None)]),
    ("The HR was 0.62 (95% CI, 0.47–0.81) for OS and 0.71 (95% CI, 0.58–0.87) for PFS.",
     [(HR, "0.62", 0.62, None, None), (HR, "0.71", 0.71, None, None)]),
    ("The hazard ratio for each 1-SD increase was 1.25 (95% CI 1.10-1.42).", [(HR, "1.25", 1.25, None, None)]),
    ("Mortality was lower (HR = 0.62 [0.47; 0.81]).", [(HR, "0.62", 0.62, (0.47, 0.81, None), None)]),
    # "RR" as the second ratio of a sentence, with no definition of its own.
    ("The relative risk of death was 1.08 (95% CI 0.93-1.25), and for readmission (RR, 0.96; 95% CI 0.88-1.05) "
     "no difference was seen.", [(RR, "1.08", 1.08, None, None), (RR, "0.96", 0.96, None, None)]),
    # Number forms: a middle-dot decimal, a space a copy left in a decimal.
    ("Mortality was lower (HR 0·79, 95% CI 0·64–0·97; p=0·024).", [(HR, "0·79", 0.79, None, None)]),
    ("The OR was 1. 64 (95% CI 1. 18-2. 29).", [(OR, "1. 64", 1.64, None, None)]),
    # After a labelled ratio, a bracket with a value and the interval around it is one more ratio of its kind.
    ("Obesity [HR 1.52, 95% CI (1.13–2.04)], diabetes (2.31, 1.70–3.14) and smoking (1.44, 1.05–1.97) raised it.",
     [(HR, "1.52", 1.52, None, None), (HR, "2.31", 2.31, (1.70, 3.14, None), None),
      (HR, "1.44", 1.44, (1.05, 1.97, None), None)]),
    ("Death was likelier (HR 1.52, 95% CI 1.13–2.04) at a median age of (61.5, 55.0–68.0).",
     [(HR, "1.52", 1.52, None, None)]),
    ("The Hazard Ratio (HR) for PFS = 0.61 (95% Confidence Interval [CI]: 0.50–0.74).", [(HR, "0.61", 0.61, None, None)]),
    # A p-value that opens the ratio's bracket is the ratio's.
    ("Survival was longer with the drug (p<0.0001, HR 0.33, 95% CI 0.21-0.52).",
     [(HR, "0.33", 0.33, None, "<0.0001")]),
    ("Survival was longer with the drug (HR 0.33, p<0.0001).", [(HR, "0.33", 0.33, None, None)]),
])
def test_ratio_forms(sentence, expected):
    assert ratios(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "Heart rate (HR) was 74 beats/min at baseline.",
    "The HR was 74 bpm before and 88 bpm after the infusion.",
    "The overall response rate (RR) was 0.42 in the first cohort.",
    "The RR was 42% (95% CI 30-55).",
    "The OR was 35% in the phase II part.",
    "An OR of 2 or more was considered relevant.",
    "Grade 2 OR 3 toxicity occurred in 14 patients.",
    "Patients with HR-positive disease (n = 120) had an ORR of 35%.",
    "Heterogeneity was moderate (I2 = 45%).",
    "The relative risk reduction was 19% with the drug.",
    "Hazard ratios (HRs) with 95% confidence intervals (CIs) were estimated by Cox regression.",
    "The hazard ratio was 0.5-0.9 across the subgroups.",
    "Odds ratios ranged from 1.2 to 3.4 across the sites.",
    "The hazard ratio was 0.58-0.88 across the subgroups.",
    "Compared with never users (HR 1.00, reference), ever users had no excess.",
    "The hazard ratio of 24 patients treated with the drug was not reported.",
    "The hazard ratio for death was not significant, and the median OS was 12.5 months.",
])
def test_look_alikes_are_not_ratios(sentence):
    assert ratios(sentence) == []


def findings(text):
    x = extract_study(Record(source="t.txt"), (Section("results", None, text),), SiteConfig())
    return [(f.kind, f.text, f.value, f.ci_low, f.ci_high, f.ci_level, f.p_value) for f in x.findings
            if f.kind in (HR, OR, RR)]


@pytest.mark.parametrize("text, expected", [
    ("The pooled hazard ratio for 21 studies comprising 3,418 patients was 2.07 (95%CI 1.66–2.58).",
     [(HR, "2.07", 2.07, 1.66, 2.58, 95, None)]),
    ("Progression was less likely (HR 0.72 (99.79% CI 0.55-0.94)).", [(HR, "0.72", 0.72, 0.55, 0.94, 99.79, None)]),
    ("The odds ratios (95% CI) were 0.84 (0.75-0.95) and 0.77 (0.66-0.90) for the top two groups.",
     [(OR, "0.84", 0.84, 0.75, 0.95, 95, None), (OR, "0.77", 0.77, 0.66, 0.90, 95, None)]),
    ("Survival improved [hazard ratio (HR), 0.51; 95% confidence interval (CI), 0.36-0.72; P < 0.001].",
     [(HR, "0.51", 0.51, 0.36, 0.72, 95, 0.001)]),
    ("Mortality was lower (HR 0·79, 95% CI 0·64–0·97; p=0·024).", [(HR, "0·79", 0.79, 0.64, 0.97, 95, 0.024)]),
    ("The OR was 1. 64 (95% CI 1. 18-2. 29).", [(OR, "1. 64", 1.64, 1.18, 2.29, 95, None)]),
])
def test_ratios_keep_their_intervals_and_p_values_in_findings(text, expected):
    assert findings(text) == expected
