"""Sample size: the study's total, enrolled and analysed N from its own sentences, never a date,
a responder count, a subgroup or a plan."""

import pytest

from generator.config import SiteConfig
from generator.extract.study import extract_study
from generator.model import Record, Section


def extract(methods, results="", title=None, background=""):
    sections = tuple(Section(label, None, text) for label, text in
                     (("background", background), ("methods", methods), ("results", results)) if text)
    return extract_study(Record(source="t.txt", title=title), sections, SiteConfig())


@pytest.mark.parametrize("methods, results, n_total, n_enrolled, n_analyzed", [
    # Stated totals, however they are written.
    ("A total of 127 patients were treated with regorafenib.", "", 127, 127, None),
    ("Forty-two patients were randomized to pump chemotherapy or observation.", "", 42, 42, None),
    ("Eligible patients (n = 57) received stereotactic radiotherapy.", "", 57, 57, None),
    ("We enrolled adults with cholangiocarcinoma (N=84).", "", 84, 84, None),
    ("Patients with metastatic sarcoma (n = 311) were treated with ifosfamide from March 3, 1990 through "
     "June 30, 2004.", "", 311, 311, None),
    ("We randomly assigned 618 previously untreated patients who had advanced gastric cancer to drug A or drug B.",
     "", 618, 618, None),
    ("A registry of 455 patients with hepatoblastoma has been analyzed to find prognostic factors.",
     "The model was validated in an independent cohort of 91 patients.", 455, None, 455),
    ("A retrospective study of 377 patients who had undergone hepatectomy was performed.", "", 377, 377, None),
    ("An institutional database that included 164 patients with neuroendocrine tumours was analyzed.", "",
     164, 164, None),
    ("Seventy-one patients with ovarian cancer were included in this study.", "", 71, 71, None),
    ("Five-hundred and twelve patients underwent initial assessment.", "", 512, 512, None),
    ("In a prospective cohort study, 143 patients who enrolled between 1990 and 1995 were asked to return.", "",
     143, 143, None),
    ("", "Of 3120 patients receiving a biopsy, a total of 318 (190 F3) were analyzed.", 318, None, 318),
    # Analysed beats enrolled ("analysed, else enrolled"), in the same sentence or a later one close to it.
    ("Of 250 patients enrolled, 212 were eligible.", "", 212, 250, 212),
    ("", "Three hundred ten patients were enrolled, and 288 patients (A, n = 140; B, n = 148) were deemed "
         "eligible and assessable.", 288, 310, 288),
    ("Thirty-one patients with renal cell carcinoma and 25 with melanoma were entered into the protocol.",
     "There were no responses in the 49 assessable patients (27 with renal cell carcinoma, 22 with melanoma).",
     49, 56, 49),
    ("Sixty patients were enrolled.", "Of the 30 patients evaluable for toxicity, 4 had grade 3 events.", 60, 60, None),
    ("Thirty-nine patients with myeloma were included in this study.",
     "After induction, 9 of 39 evaluable patients (23%) had objective responses.", 39, 39, 39),
    ("", "In total, 88 patients (52.3% males; median age 61 years) completed at least one cycle.", 88, 88, None),
    # A trial's N is who was randomised, not who was recruited or screened first.
    ("", "Between 2010 and 2013, 1210 patients were recruited. 802 eligible patients were randomly assigned to A "
         "(n=400) or B (n=402).", 802, 802, None),
    # Groups listed one after the other are one count, never its last part.
    ("A total of 61 patients with small tumors, 48 with intermediate tumors, and 22 patients with large tumors "
     "were retrospectively analyzed.", "", 131, None, 131),
    # Treated, operated on, counted in a procedure sentence: taken when nothing stronger is said.
    ("Eighty-two M-PHP procedures were performed in 41 patients between March 2012 and May 2016.", "", 41, None, None),
    ("Median of 3 cycles were administered to 64 patients.", "", 64, None, None),
    ("1,205 consecutive patients with melanoma received high-dose bolus interleukin-2.", "", 1205, 1205, None),
    # Meta-analyses: the pooled patients, never the number of studies.
    ("A total of 14 studies with 5210 patients were included in the meta-analysis.", "", 5210, 5210, None),
    ("Of 988 studies screened, 31 (7412 patients) were included in the meta-analysis.", "", 7412, 7412, None),
    ("Twenty-two studies were included in this meta-analysis (n = 41,003 patients).", "", 41003, None, None),
    ("Individual-level data were obtained from 51 articles with 1733 patients.", "", 1733, 1733, None),
    ("", "Fifteen studies met the criteria and reported on 3120 subjects, of whom 1980 were men.", 3120, 3120, None),
    ("", "We included 7 randomized trials (2,204 patients).", 2204, 2204, None),
    ("", "The analysis selected 9 studies comprising 1100 and 400 patients that respectively underwent A and B.",
     1500, 1500, None),
    # Without any count, the arms' sizes add up; without those, the largest denominator.
    ("Patients were randomly assigned: 37 to HAI and 35 to observation.", "", 72, None, None),
    ("After 31 patients were entered onto each arm, one arm was closed. An additional 40 patients were assigned "
     "to drug A.", "Only 9 of 102 patients had severe toxicity.", 102, None, None),
])
def test_sample_size(methods, results, n_total, n_enrolled, n_analyzed):
    x = extract(methods, results)
    assert (x.n_total, x.n_enrolled, x.n_analyzed) == (n_total, n_enrolled, n_analyzed)


@pytest.mark.parametrize("methods, results", [
    # A date is not a count.
    ("Between 2001 and 2005 patients were enrolled.", ""),
    ("Patients treated between April 1995 and October 2003 were analyzed.", ""),
    ("Between July 2014 and June 2017 were included.", ""),
    # Responders, deaths, events and the excluded are parts of the study, not its size.
    ("", "A total of 19 patients experienced a complete response and 25 patients achieved a partial response."),
    ("", "At a median follow-up of 12 months, 58 patients (31%) were alive."),
    ("", "Of these, 6 patients were excluded from the efficacy analysis."),
    # Per arm, added, planned, screened: not the total.
    ("After 24 patients were entered onto each arm, the trial was amended.", ""),
    ("A total of 66 patients (44 in the experimental arm and 22 in the control arm) were to be included.", ""),
    ("Four hundred patients were screened.", ""),
    # A subgroup's size.
    ("", "In patients treated with drug A alone (n = 210), response was associated with survival."),
])
def test_no_sample_size_from_parts_dates_or_plans(methods, results):
    assert extract(methods, results).n_total is None


def test_background_of_this_study_counts_and_the_literature_does_not():
    x = extract("Patients received drug A.", background="In a previous trial, 400 patients were randomized.")
    assert x.n_total is None
    y = extract("Patients received drug A.", background="In this study, 48 patients were enrolled.")
    assert y.n_total == 48
