"""Text normalisation shared by the classifier and the front-desk look-up."""
from __future__ import annotations

import re
import unicodedata

_FOLDS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ü": "ue", "é": "e"})
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case, Unicode-normalise and spell æ/ø/å as ae/oe/aa so both spellings match."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_FOLDS)
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cf", "Cc") or ch in "\n\t")
    return _SPACE.sub(" ", text).strip()
