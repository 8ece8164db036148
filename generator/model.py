"""The values that flow between pipeline stages: all frozen dataclasses.

read -> ``SourceText`` -> readers -> ``Record`` -> parse -> ``Section`` ->
extract -> ``Study`` (with ``Finding``, ``Arm``) -> compare -> ``Comparison``.
A review's studies travel as ``Studies``: kept encoded (MessagePack), each loaded when needed whole.
"""

from __future__ import annotations

import msgspec
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Iterable, overload

SECTION_LABELS = ("background", "objective", "methods", "results", "conclusions", "other")

DESIGNS = (
    "randomized_trial", "single_arm_trial", "pooled_analysis", "prospective_cohort",
    "retrospective_cohort", "case_series", "case_report", "meta_analysis",
    "systematic_review", "other",
)

PHASES = ("I", "I/II", "II", "II/III", "III", "IV")

FINDING_KINDS = (
    "response_rate", "complete_response", "partial_response", "stable_disease",
    "disease_control_rate", "duration_of_response", "overall_survival_rate",
    "median_overall_survival", "progression_free_survival_rate", "median_pfs",
    "disease_free_survival_rate", "median_dfs", "recurrence_rate", "time_to_event_other",
    "hazard_ratio", "odds_ratio", "relative_risk", "p_value", "follow_up", "toxicity_rate",
    "mortality", "dose", "count_other",
)

# How pages, tables and reports name each kind, and the family it is coloured and compared by.
KIND_LABELS = {
    "response_rate": ("Overall response rate", "response"),
    "complete_response": ("Complete response", "response"),
    "partial_response": ("Partial response", "response"),
    "stable_disease": ("Stable disease", "response"),
    "disease_control_rate": ("Disease control rate", "response"),
    "duration_of_response": ("Duration of response", "response"),
    "overall_survival_rate": ("Overall survival", "survival"),
    "median_overall_survival": ("Median overall survival", "survival"),
    "progression_free_survival_rate": ("Progression-free survival", "survival"),
    "median_pfs": ("Median progression-free survival", "survival"),
    "disease_free_survival_rate": ("Disease-free survival", "survival"),
    "median_dfs": ("Median disease-free survival", "survival"),
    "recurrence_rate": ("Recurrence", "survival"),
    "time_to_event_other": ("Time to event", "survival"),
    "hazard_ratio": ("Hazard ratio", "effect_size"),
    "odds_ratio": ("Odds ratio", "effect_size"),
    "relative_risk": ("Relative risk", "effect_size"),
    "p_value": ("p-value", "p_value"),
    "follow_up": ("Follow-up", "sample_size"),
    "toxicity_rate": ("Toxicity", "safety"),
    "mortality": ("Deaths", "safety"),
    "dose": ("Dose", "dose"),
    "count_other": ("Count", "sample_size"),
}
FAMILY_LABELS = {
    "response": "Response", "survival": "Survival", "effect_size": "Effect size", "p_value": "p-value",
    "safety": "Safety", "dose": "Dose", "sample_size": "Sample size and follow-up",
}
DESIGN_LABELS = {
    "randomized_trial": "Randomized trial",
    "single_arm_trial": "Single-arm trial",
    "pooled_analysis": "Pooled analysis",
    "prospective_cohort": "Prospective cohort",
    "retrospective_cohort": "Retrospective cohort",
    "case_series": "Case series",
    "case_report": "Case report",
    "meta_analysis": "Meta-analysis",
    "systematic_review": "Systematic review",
    "other": "Other design",
}
SCOPE_LABELS = {"study": "Study result", "cited": "Cited figure", "design": "Design threshold"}
# How pages and reports name what the rules could not settle about a finding (``Finding.uncertain``).
UNSETTLED_LABELS = {"kind": "kind", "arm": "arm", "timepoint": "time point"}

SCOPES = ("study", "cited", "design")
# Study pages are files in one folder: a folder per study would cost a directory each,
# about 1 ms of kernel time on an ext4 disk (10 s for a review of 10,000, issue #6).
STUDY_DIR = "studies"
RELATIONS = ("=", "<", ">", "<=", ">=")


@dataclass(frozen=True)
class SourceText:
    """One content file, decoded: ``path`` is relative to the content folder."""

    path: str
    text: str


@dataclass(frozen=True)
class AbstractBlock:
    """A piece of abstract text as the input gave it, with its heading if any.

    ``own_part`` marks a part the input sets apart (an XML ``AbstractText``): without a heading it
    is a section of its own, not a paragraph that goes on with the section before it.
    """

    heading: str | None
    text: str
    own_part: bool = False


@dataclass(frozen=True)
class Record:
    """One article as a reader found it, before sections and numbers are read.

    ``line`` is the 1-based line in ``source`` where the record starts.
    ``overrides`` holds corrections given inline (Markdown front matter).
    """

    source: str
    line: int = 1
    title: str | None = None
    authors: tuple[str, ...] = ()
    journal: str | None = None
    year: int | None = None
    doi: str | None = None
    pmid: str | None = None
    pmcid: str | None = None  # PubMed Central's id of the article ("PMC1234567")
    publication_types: tuple[str, ...] = ()
    mesh_terms: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    blocks: tuple[AbstractBlock, ...] = ()
    overrides: tuple[tuple[str, object], ...] = ()


@dataclass(frozen=True)
class Section:
    """A labelled section of the abstract; findings index into ``text``."""

    label: str
    heading: str | None
    text: str


@dataclass(frozen=True)
class Finding:
    """One key number with its evidence: ``section_text[start:end] == text``."""

    kind: str
    value: float
    text: str
    section: str
    sentence: str
    start: int
    end: int
    unit: str | None = None
    relation: str = "="
    ci_low: float | None = None
    ci_high: float | None = None
    ci_level: float | None = None
    p_value: float | None = None
    p_text: str | None = None
    numerator: int | None = None
    denominator: int | None = None
    arm: str | None = None
    timepoint: str | None = None
    scope: str = "study"
    computed: tuple[str, ...] = ()
    curated: bool = False
    uncertain: str | None = None  # what the rules could not settle: "kind", "arm" or "timepoint"

    @property
    def certain(self) -> bool:
        """Whether the rules (or a correction) settled the finding's kind, arm and time point."""
        return self.uncertain is None or self.curated

    @property
    def unsettled(self) -> tuple[str, ...]:
        """What a reader is asked to verify, as pages name it: () when certain, else ("arm",), ("kind", "time point")."""
        if self.certain:
            return ()
        return tuple(UNSETTLED_LABELS.get(part, part) for part in self.uncertain.split(","))


@dataclass(frozen=True)
class Arm:
    """One arm of a study, with its size when the abstract gives it."""

    name: str
    n: int | None = None


@dataclass(frozen=True)
class Extraction:
    """What the extractor reads off one study's sections."""

    design: str = "other"
    phase: str | None = None
    n_total: int | None = None
    n_enrolled: int | None = None
    n_analyzed: int | None = None
    arms: tuple[Arm, ...] = ()
    conditions: tuple[str, ...] = ()
    interventions: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class Study:
    """A study as the site shows it: metadata, sections and extraction."""

    id: str
    source: str
    title: str
    title_generated: bool
    authors: tuple[str, ...]
    journal: str | None
    year: int | None
    doi: str | None
    pmid: str | None
    publication_types: tuple[str, ...]
    mesh_terms: tuple[str, ...]
    sections: tuple[Section, ...]
    extraction: Extraction
    curated_fields: tuple[str, ...] = ()
    added: str | None = None
    also_in: tuple[str, ...] = field(default=())
    pmcid: str | None = None

    @property
    def url(self) -> str:
        """The study page, relative to the site root: a file, not a folder per study (see ``STUDY_DIR``)."""
        return study_url(self.id)


def study_url(study_id: str) -> str:
    """The page of the study with this id, relative to the site root (``Study.url``)."""
    return f"{STUDY_DIR}/{study_id}.html"


STUDY_DECODER = msgspec.msgpack.Decoder(Study)


def dump_study(study: Study) -> bytes:
    """A study encoded as plain data (MessagePack), as ``Studies`` keeps it."""
    return msgspec.msgpack.encode(study)


def load_study(encoded: bytes, added: str | None) -> Study:
    """A study kept encoded (``Studies``), with its date of addition."""
    study = STUDY_DECODER.decode(encoded)
    return study if study.added == added else replace(study, added=added)


@dataclass(frozen=True)
class Studies(Sequence):
    """A review's studies in id order, each kept encoded (``dump_study``) until it is needed whole, as it was cached.

    The stages that span the review work from what was made of each study as it was read
    (``parts.StudyParts``); only a study's page, the newest on the home page and in the feed,
    and the commands that look at every study, load one. At 10,000 studies, loading them all
    cost a cached build 0.25 s and 150 MB. ``ids`` and ``added`` (the date of addition, which
    the content's history may give after a study was read) are at hand without loading.
    """

    encoded: tuple[bytes, ...] = ()
    ids: tuple[str, ...] = ()
    added: tuple[str | None, ...] = ()

    @classmethod
    def of(cls, studies: Iterable[Study]) -> Studies:
        """These studies, kept encoded (in the order given)."""
        studies = tuple(studies)
        return cls(tuple(dump_study(s) for s in studies),
                   tuple(s.id for s in studies), tuple(s.added for s in studies))

    def __len__(self) -> int:
        return len(self.encoded)

    @overload
    def __getitem__(self, index: int) -> Study: ...

    @overload
    def __getitem__(self, index: slice) -> list[Study]: ...

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        return load_study(self.encoded[index], self.added[index])
