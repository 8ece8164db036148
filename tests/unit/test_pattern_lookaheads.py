"""A scanning pattern tried only where a match can start says so with a look-ahead of its first characters
("(?=[wouthi])(?:\\bwe\\b|...)"). Those sets are written by hand: a branch added later that starts with another
letter would never match. Each set must hold every character what follows it can start with (as the furniture
rules' dispatch reads them, ``cleaning._starts``); what it cannot tell (a range of letters) is passed over."""

from __future__ import annotations

import importlib
import pkgutil
import re
from re import _constants as _sre
from re._parser import parse

import pytest

import generator
from generator.cleaning import CATEGORY_STARTS, REPEATS, _starts


def _patterns() -> list[tuple[str, re.Pattern]]:
    found = {}
    for info in pkgutil.walk_packages(generator.__path__, "generator."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                found[value.pattern, value.flags] = (f"{info.name}.{name}", value)
            elif isinstance(value, tuple):  # the cue tables: (kind, pattern) pairs
                for kind, item in (v for v in value if isinstance(v, tuple) and len(v) == 2):
                    if isinstance(item, re.Pattern):
                        found[item.pattern, item.flags] = (f"{info.name}.{name}[{kind}]", item)
    return sorted(found.values(), key=lambda item: item[0])


def _set(items) -> set[str] | None:
    """The characters (in lower case) a look-ahead's one class holds, or None when it is not one class."""
    if len(items) != 1 or items[0][0] is not _sre.IN:
        return None
    chars: set[str] = set()
    for kind, code in items[0][1]:
        if kind is _sre.LITERAL:
            chars.add(chr(code).lower())
        elif kind is _sre.RANGE:
            chars |= {chr(c).lower() for c in range(code[0], code[1] + 1)}
        elif kind is _sre.CATEGORY and code in CATEGORY_STARTS:
            chars |= CATEGORY_STARTS[code]
        else:
            return None
    return chars


def _lookaheads(items: list) -> list[tuple[set[str], set[str] | None]]:
    """(the look-ahead's characters, what follows it can start with) for each look-ahead of a class in ``items``."""
    out = []
    for i, (op, value) in enumerate(items):
        if op is _sre.ASSERT and value[0] == 1 and (chars := _set(list(value[1]))) is not None:
            out.append((chars, _starts(items[i + 1:])[0]))
        if op is _sre.SUBPATTERN:
            out += _lookaheads(list(value[3]))
        elif op is _sre.BRANCH:
            for branch in value[1]:
                out += _lookaheads(list(branch))
        elif op in REPEATS:
            out += _lookaheads(list(value[2]))
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
            out += _lookaheads(list(value[1]))
    return out


# Look-aheads that leave out a first character on purpose, and why.
ON_PURPOSE = {"generator.extract.arms.PEOPLE_WITH_RE": "a count of people never starts with a dot ('.5')"}
CHECKED = [(name, pattern) for name, pattern in _patterns() if isinstance(pattern.pattern, str) and "(?=[" in pattern.pattern]


def test_the_patterns_with_look_aheads_are_found():
    assert len(CHECKED) >= 30


@pytest.mark.parametrize("name, pattern", CHECKED, ids=[name for name, _ in CHECKED])
def test_a_look_ahead_holds_every_first_character_of_what_it_guards(name, pattern):
    for chars, starts in _lookaheads(list(parse(pattern.pattern, pattern.flags))):
        if starts is not None and name not in ON_PURPOSE:
            assert starts <= chars, f"{name}: {''.join(sorted(starts - chars))} missing from its look-ahead"
