"""Text normalisation shared by the classifier, the router and the front-desk look-up."""
from __future__ import annotations

import re
import unicodedata
from datetime import date

_FOLDS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ü": "ue", "é": "e"})
_SPACE = re.compile(r"\s+")
# DDMMYY then four digits, joined directly, by a hyphen or by one space; never inside a longer number.
_CPR = re.compile(r"(?<!\d)(\d{2})(\d{2})(\d{2})[- ]?(\d{4})(?!\d)")
CPR_MASK = "[CPR]"


def fold(text: str) -> str:
    """Lower-case, Unicode-normalise and spell æ/ø/å as ae/oe/aa so both spellings match."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_FOLDS)
    # Printable text has no format or control characters to drop, and says so fast: skip the loop.
    if not text.replace("\n", " ").replace("\t", " ").isprintable():
        text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cf", "Cc") or ch in "\n\t")
    return _SPACE.sub(" ", text).strip()


def fold_word(word: str) -> str:
    """Fold a single word quickly (no spaces or control characters to deal with)."""
    return word.casefold().translate(_FOLDS)


def _is_cpr_date(day: int, month: int, year: int) -> bool:
    # The century hides in the serial number's rules; a date valid in either century counts.
    for century in (1900, 2000):
        try:
            date(century + year, month, day)
            return True
        except ValueError:
            continue
    return False


def mask_cpr(text: str) -> str:
    """Replace every CPR-shaped number with a valid birth date (DDMMYY-SSSS) by `[CPR]`."""

    def replace(match: re.Match[str]) -> str:
        day, month, year = (int(match.group(i)) for i in (1, 2, 3))
        return CPR_MASK if _is_cpr_date(day, month, year) else match.group(0)

    return _CPR.sub(replace, text)
