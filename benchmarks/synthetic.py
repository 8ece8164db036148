"""A realistic synthetic review: N invented abstracts of varied designs and formats.

Used by the benchmarks (never by the product). Seeded, so the same N gives the
same files. Designs: randomized trials with HR/CI/p, single-arm phase II trials
with response rates, retrospective series with survival rates, case reports;
structured, inline-structured and unstructured; as pasted text and as MEDLINE.

    python benchmarks/synthetic.py 1000 /tmp/review/content
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

CONDITIONS = [
    ("colorectal liver metastases", "colorectal cancer"), ("metastatic melanoma", "melanoma"),
    ("metastatic renal cell carcinoma", "renal cell carcinoma"), ("hepatocellular carcinoma", "liver cancer"),
    ("uveal melanoma liver metastases", "uveal melanoma"), ("pancreatic cancer", "pancreatic cancer"),
    ("metastatic breast cancer", "breast cancer"), ("non-small cell lung cancer", "lung cancer"),
]
INTERVENTIONS = [
    "hepatic arterial infusion", "radiofrequency ablation", "interleukin-2", "pembrolizumab",
    "nivolumab", "FOLFOX", "melphalan percutaneous hepatic perfusion", "radioembolization",
    "interferon alfa", "capecitabine", "stereotactic body radiotherapy", "ipilimumab",
]
JOURNALS = ["J Clin Oncol", "Ann Surg Oncol", "Lancet Oncol", "Cancer", "Br J Cancer", "JAMA Oncol"]
SURNAMES = ["Smith", "Garcia", "Chen", "Müller", "Rossi", "Kowalski", "Tanaka", "Okafor", "Dubois", "Novak"]
FILLER = (
    "Patients were followed with imaging every three months. Toxicity was graded by the common "
    "terminology criteria. Quality of life was assessed with validated questionnaires at baseline "
    "and during treatment. Treatment was delivered on an outpatient basis where possible. "
)


def _randomized(rng: random.Random, cond: str, a: str, b: str) -> dict[str, str]:
    n1, n2 = rng.randint(40, 300), rng.randint(40, 300)
    hr = round(rng.uniform(0.4, 0.95), 2)
    lo, hi = round(hr * rng.uniform(0.6, 0.85), 2), round(min(hr * rng.uniform(1.1, 1.5), 1.4), 2)
    m1, m2 = round(rng.uniform(12, 40), 1), round(rng.uniform(8, 30), 1)
    return {
        "Background": f"The role of {a} in {cond} is uncertain. " + FILLER,
        "Methods": (f"In this randomized phase {rng.choice(['II', 'III'])} trial, {n1 + n2} patients with {cond} "
                    f"were assigned to {a} (n = {n1}) or {b} (n = {n2}). The primary end point was overall survival."),
        "Results": (f"At a median follow-up of {round(rng.uniform(2, 9), 1)} years, overall survival favoured {a} "
                    f"(hazard ratio [HR] = {hr}, 95% confidence interval [CI] = {lo} to {hi}, P = .0{rng.randint(1, 4)}). "
                    f"Median overall survival was {m1} months in the {a} arm vs {m2} months in the {b} arm. "
                    f"Grade 3 or 4 toxicity occurred in {rng.randint(5, 40)}% of patients. " + FILLER),
        "Conclusions": f"{a.capitalize()} improved survival in {cond}.",
    }


def _single_arm(rng: random.Random, cond: str, a: str, b: str) -> dict[str, str]:
    n = rng.randint(20, 120)
    cr, pr = rng.randint(1, n // 5), rng.randint(2, n // 3)
    orr = round(100 * (cr + pr) / n)
    return {
        "Purpose": f"To assess the activity of {a} in {cond}.",
        "Patients and Methods": f"In this single-arm phase II trial, {n} patients received {a} at {rng.choice([2, 3, 10])} mg/kg every three weeks. " + FILLER,
        "Results": (f"The objective response rate was {orr}% (95% CI, {max(orr - 10, 1)}% to {orr + 10}%); there were "
                    f"{cr} complete responses and {pr} partial responses. Median progression-free survival was "
                    f"{round(rng.uniform(3, 14), 1)} months. {rng.randint(0, 3)} treatment-related deaths occurred."),
        "Conclusion": f"{a.capitalize()} is active in {cond}.",
    }


def _retrospective(rng: random.Random, cond: str, a: str, b: str) -> dict[str, str]:
    n = rng.randint(50, 900)
    return {
        "": (f"We retrospectively reviewed {n} patients with {cond} treated with {a} between 2005 and 2019. "
             f"The 3-year and 5-year overall survival rates were {rng.randint(40, 70)}% and {rng.randint(20, 39)}%, "
             f"respectively. Recurrence developed in {rng.randint(10, n // 2)} of {n} patients. " + FILLER
             + f"Median disease-free survival was {round(rng.uniform(8, 30), 1)} months."),
    }


def _case_report(rng: random.Random, cond: str, a: str, b: str) -> dict[str, str]:
    return {
        "Background": f"{a.capitalize()} is rarely used for {cond}.",
        "Case presentation": (f"We report a {rng.randint(35, 80)}-year-old patient with {cond} treated with {a}. "
                              f"A {rng.randint(20, 60)}% reduction in tumour size was observed, with "
                              f"{rng.randint(6, 30)} months of progression-free survival."),
        "Conclusions": f"{a.capitalize()} may be an option in selected patients.",
    }


DESIGNS = [_randomized, _single_arm, _retrospective, _case_report]


def _pasted(title: str, authors: list[str], journal: str, year: int, doi: str, sections: dict[str, str], inline: bool) -> str:
    body = " ".join(f"{k.upper()}: {v}" for k, v in sections.items() if k) if inline else "\n\n".join(
        f"{k}: {v}" if k else v for k, v in sections.items())
    return (f"Skip to main page content\n\n{title}\n\n{journal}. {year} Mar;12(3):100-9. doi: {doi}.\n\n"
            f"{authors[0]} et al. {journal}. {year}.\n\nAbstract\n\n{body}\n\nSimilar articles\n\nCited by\n")


def _medline(pmid: int, title: str, authors: list[str], journal: str, year: int, doi: str, sections: dict[str, str]) -> str:
    ab = " ".join(f"{k.upper()}: {v}" if k else v for k, v in sections.items())
    lines = [f"PMID- {pmid}", f"TI  - {title}", f"AB  - {ab}"]
    lines += [f"AU  - {a}" for a in authors]
    lines += [f"TA  - {journal}", f"DP  - {year} Mar", f"LID - {doi} [doi]", "PT  - Journal Article"]
    return "\n".join(lines) + "\n"


def make_article(i: int) -> tuple[str, list[str], str, int, str, dict[str, str]]:
    """Synthetic article number ``i``: its title, authors, journal, year, DOI and abstract sections."""
    rng = random.Random(i)
    cond, _ = rng.choice(CONDITIONS)
    a, b = rng.sample(INTERVENTIONS, 2)
    design = DESIGNS[i % len(DESIGNS)]
    sections = design(rng, cond, a, b)
    title = f"{a.capitalize()} for {cond}: a {design.__name__.strip('_').replace('_', ' ')} study (synthetic {i})"
    authors = [f"{rng.choice(SURNAMES)} {rng.choice('ABCDEFGHJK')}{rng.choice('ABCDEFGHJK')}" for _ in range(rng.randint(1, 6))]
    journal, year = rng.choice(JOURNALS), rng.randint(1995, 2025)
    return title, authors, journal, year, f"10.9999/synthetic.{i}", sections


def make_abstract(i: int) -> tuple[str, str]:
    """The file name and text of synthetic abstract number ``i``."""
    title, authors, journal, year, doi, sections = make_article(i)
    if i % 5 == 4:
        return f"s{i:05d}.nbib", _medline(90000000 + i, title, authors, journal, year, doi, sections)
    return f"s{i:05d}.txt", _pasted(title, authors, journal, year, doi, sections, inline=i % 3 == 0)


def write_review(n: int, content: Path, start: int = 0) -> None:
    """Write abstracts ``start``..``start+n-1`` into ``content``."""
    content.mkdir(parents=True, exist_ok=True)
    for i in range(start, start + n):
        name, text = make_abstract(i)
        (content / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    write_review(int(sys.argv[1]), Path(sys.argv[2]))
