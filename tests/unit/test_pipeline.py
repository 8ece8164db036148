"""The read stage's word on a file: a text that is not an abstract is kept, with a warning naming the file."""

import pytest

from generator.config import SiteConfig
from generator.pipeline import read_file

LOREM = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et "
         "dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip.")


@pytest.mark.parametrize("name, text, message", [
    ("lorem.txt", f"A Page of Placeholder Text\n\n{LOREM}",
     "lorem.txt:1: warning: does not read as an abstract (no sentence says what was studied and what was found); "
     "kept as it is"),
    ("contents.txt", "Contents\n\nChapter 1 Introduction 5\nChapter 2 Patients and methods 12\nChapter 3 Results 20\n"
                     "Chapter 4 Discussion and conclusions 31\nChapter 5 References and further reading 40",
     "contents.txt:1: warning: does not read as an abstract (no sentence says what was studied and what was found); "
     "kept as it is"),
    ("title-only.txt", "Journal: Progress in Example Research, 2021, p. 100201\n\nMetastatic Example Melanoma: A Review\n"
                       "\nList of references\n\n  1. Rossi, Gene profiling in example, Ex. Path., № 6, с. 360",
     "title-only.txt:1: warning: has no abstract text, only a title; kept as it is"),
])
def test_a_text_that_is_not_an_abstract_is_kept_with_a_warning(tmp_path, name, text, message):
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = read_file(tmp_path, SiteConfig(), tmp_path / name)
    assert (len(result.candidates), [str(d) for d in result.diagnostics]) == (1, [message])


def test_an_abstract_gets_no_warning(tmp_path):
    (tmp_path / "trial.txt").write_text("A Made-up Trial\n\nAbstract\n\nResults: 12 of 40 patients responded.")
    assert read_file(tmp_path, SiteConfig(), tmp_path / "trial.txt").diagnostics == ()
