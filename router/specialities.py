"""Does an inquiry mention a person's speciality? Danish stems and compounds, each word asked once."""
from __future__ import annotations

import re
from bisect import bisect_left

from classifier.text import fold
from directory.snapshot import Member

_WORD = re.compile(r"[\w§]+")


class InquiryWords:
    """The folded words of an inquiry, and which speciality words they were found to match."""

    def __init__(self, text: str):
        self.words = frozenset(_WORD.findall(fold(text)))
        self._ordered = sorted(self.words)
        self._joined = "\n".join(self._ordered)  # a stem never holds "\n", so a hit lies inside one word
        self._found: dict[str, bool] = {}

    def mention(self, keyword_word: str) -> bool:
        """Tell whether the text has a speciality's (folded) word; colleagues share specialities, so remember."""
        found = self._found.get(keyword_word)
        if found is None:
            found = self._found[keyword_word] = self._matches(keyword_word)
        return found

    def _matches(self, keyword_word: str) -> bool:
        # Danish bends and compounds words: "lagerhaller" should meet "lagerhal" and "tagoverdækning"
        # should meet "overdækning", so compare a stem and allow it inside a longer word.
        # A short stem must not swallow a different compound ("lokaler" is not "lokalplanen").
        stem = keyword_word[: max(4, len(keyword_word) - 3)] if len(keyword_word) > 4 else keyword_word
        if len(stem) >= 6 and stem in self._joined:
            return True
        i = bisect_left(self._ordered, stem)
        while i < len(self._ordered) and self._ordered[i].startswith(stem):
            if len(self._ordered[i]) <= len(keyword_word) + 3:
                return True
            i += 1
        return False

    def specialities(self, member: Member) -> list[str]:
        """Return the person's specialities whose significant words all occur in the text."""
        return [keyword for keyword, parts in member.specialities if parts and all(map(self.mention, parts))]
