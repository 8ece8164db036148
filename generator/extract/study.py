"""Extract stage: a record and its sections -> ``Extraction`` (design, population, findings).

The steps run in the order of ``EXTRACTORS``, each a function from what is
known so far (``Evidence``) to the fields it adds: findings first (arms are
read from them), then population, design and phase, then the vocabulary.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Callable

from generator.config import SiteConfig
from generator.extract.arms import StudyArms, arms_of_findings, read_arms
from generator.extract.attribution import named_by_use
from generator.extract.design import design_cues, own_background, own_texts, read_design, read_phase
from generator.extract.findings import read_findings
from generator.extract.population import read_population
from generator.extract.scope import ScopedSentence, scope_sentences
from generator.extract.vocabulary import Vocabulary, build_vocabularies, find_terms
from generator.model import Extraction, Record, Section


@dataclass(frozen=True)
class Evidence:
    """What one extractor step reads from: the record, its scoped sentences, the config."""

    record: Record
    sentences: tuple[ScopedSentence, ...]
    config: SiteConfig
    arms: StudyArms


def extract_findings(evidence: Evidence, x: Extraction) -> Extraction:
    """Every key number with its sentence and span."""
    return replace(x, findings=read_findings(evidence.sentences, evidence.arms))


def extract_design(evidence: Evidence, x: Extraction) -> Extraction:
    """Design, phase, population and arms."""
    texts = own_texts(evidence.record.title, evidence.sentences)
    cues = design_cues(texts)
    early = read_design(cues, evidence.record.publication_types, None)
    arms = evidence.arms.arms if not evidence.arms.subgroups else ()
    population = read_population(evidence.sentences, own_background(evidence.sentences), evidence.record.title,
                                 arms or arms_of_findings(x.findings), early == "case_report")
    design = read_design(cues, evidence.record.publication_types, population.n_total)
    trial = design in ("randomized_trial", "single_arm_trial", "pooled_analysis")
    phase = read_phase(texts, pooled=design == "pooled_analysis") if trial else None
    return replace(x, design=design, phase=phase,
                   n_total=population.n_total, n_enrolled=population.n_enrolled,
                   n_analyzed=population.n_analyzed, arms=population.arms)


def extract_terms(evidence: Evidence, x: Extraction) -> Extraction:
    """Conditions and interventions as canonical names."""
    conditions, interventions = vocabularies(evidence.config)
    title = [evidence.record.title] if evidence.record.title else []
    own = title + [s.sentence.text for s in evidence.sentences if s.scope == "study"]
    every = title + [s.sentence.text for s in evidence.sentences if s.scope != "skip"]
    # A cited trial's disease is not this study's; the treatment it tested often is.
    return replace(x, conditions=find_terms(conditions, own), interventions=find_terms(interventions, every))


@lru_cache(maxsize=8)
def vocabularies(config: SiteConfig) -> tuple[Vocabulary, Vocabulary]:
    """The compiled vocabularies for a config (compiled once per config)."""
    return build_vocabularies(config)


EXTRACTORS: tuple[tuple[str, Callable[[Evidence, Extraction], Extraction]], ...] = (
    ("findings", extract_findings),
    ("design", extract_design),
    ("terms", extract_terms),
)


def extract_study(record: Record, sections: tuple[Section, ...], config: SiteConfig) -> Extraction:
    """Everything the extractor reads off one study."""
    sentences = scope_sentences(sections)
    evidence = Evidence(record, sentences, config, named_by_use(read_arms(record.title, sentences), sentences))
    extraction = Extraction()
    for _name, step in EXTRACTORS:
        extraction = step(evidence, extraction)
    return extraction
