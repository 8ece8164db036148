"""Numbers as written -> numbers as values.

Handles thousands separators ("600,000"), unicode minus, leading-dot decimals
(".01"), middle-dot decimals as some journals print them ("13·6"), numbers as
words ("Two hundred seventy", "One hundred and thirty-three", "Five-hundred and
thirty-seven") and powers of ten whose superscript was lost in copying
("1.4 × 10 6" -> 1.4e6, "7 × 105" -> 7e5). Every pattern is bounded, so no input makes it backtrack.
"""

from __future__ import annotations

import re

# A number as digits, tried only at a digit or a dot (the look-ahead). Lookbehind/lookahead pin a match to
# the start and end of a digit run, so a long run of digits is tried once, not once per position.
# A middle dot between digits is a decimal point ("13·6"); a dot before a digit-less
# run is not part of the number.
# "vs.13": a full stop after "vs" ends the abbreviation, not a decimal; "IL-2", "CA19-9": a number after a
# letter and a hyphen is part of a name.
DIGITS = (r"(?=[\d.])(?<![\w·])(?<!(?<!vs)\.)(?<![A-Za-z]-)"
          r"(?:\d{1,3}(?:,\d{3}){1,4}(?![\d·])|\d{1,9}(?:[.·]\d{1,6})?|\.\d{1,6})(?![\d])")

# "× 10 6", "x 10^6", "× 105", "× 10⁶": the power a copy-paste flattened.
POWER = r"\s?[×xX]\s?10(?:\s?\^\s?|\s)?(?P<exp>[-−]?\d{1,2})?(?!\d)"
POWER_RE = re.compile(POWER)

UNITS_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_UNIT_ALT = "|".join(sorted(UNITS_WORDS, key=len, reverse=True))
_TENS_ALT = "|".join(TENS_WORDS)
_BELOW_100 = rf"(?:(?:{_TENS_ALT})(?:[- ](?:{_UNIT_ALT}))?|(?:{_UNIT_ALT}))"
_BELOW_1000 = rf"(?:{_BELOW_100}[\s-](?:hundred)(?:\s(?:and\s)?{_BELOW_100})?|{_BELOW_100})"
# "One hundred and thirty-three", "Two hundred seventy", "Seventeen", "twenty-one"; tried only where a
# number's word can start (the look-ahead: a third of the time).
WORD_NUMBER = rf"(?<![\w-])(?=[zotfsenZOTFSEN])(?:{_BELOW_1000}(?:\sthousand(?:\s(?:and\s)?{_BELOW_1000})?)?)(?![\w-])"
WORD_NUMBER_RE = re.compile(WORD_NUMBER, re.IGNORECASE)
WORD_TOKEN_RE = re.compile(r"[a-z]+", re.IGNORECASE)


def parse_digits(text: str) -> float:
    """The value of a digit string: "600,000" -> 600000, ".01" -> 0.01, "−2.5" -> -2.5, "13·6" -> 13.6."""
    clean = text.replace(",", "").replace("·", ".").replace(" ", "").replace("−", "-").replace("–", "-").strip()
    return float(clean)


def parse_words(text: str) -> int | None:
    """The value of a number written in words, or None: "Two hundred seventy" -> 270."""
    total = current = 0
    seen = False
    for token in WORD_TOKEN_RE.findall(text.lower()):
        if token in UNITS_WORDS:
            current += UNITS_WORDS[token]
        elif token in TENS_WORDS:
            current += TENS_WORDS[token]
        elif token == "hundred":
            current = max(current, 1) * 100
        elif token == "thousand":
            total += max(current, 1) * 1000
            current = 0
        elif token == "and":
            continue
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_number(text: str) -> float | None:
    """The value of a number as written (digits or words), or None."""
    text = text.strip()
    if not text:
        return None
    if text[0].isdigit() or text[0] in ".−-–":
        try:
            return parse_digits(text)
        except ValueError:
            return None
    value = parse_words(text)
    return None if value is None else float(value)


def apply_power(value: float, match: re.Match | None) -> float:
    """``value`` times the power of ten a ``POWER_RE`` match wrote ("× 10 6")."""
    if match is None:
        return value
    exp = match.group("exp")
    if exp is None:
        return value * 10
    return value * 10 ** int(exp.replace("−", "-"))


def tidy(value: float) -> float:
    """Round away float noise from scaling (1.4 * 10**6 -> 1400000.0)."""
    return float(round(value, 9)) if abs(value) < 1e6 else float(round(value, 3))
