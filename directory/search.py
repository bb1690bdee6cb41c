"""Front-desk look-up: one query against people, their topics and specialities, and companies."""
from __future__ import annotations

import heapq
import re
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Iterable, Mapping

from rapidfuzz import fuzz, process
from sqlalchemy.orm import Session

from classifier.text import fold
from directory.cache import current as directory
from directory.snapshot import Member, Snapshot

# How much each kind of match counts: a person's own name beats a topic description.
_WEIGHTS = {"name": 1.0, "speciality": 0.95, "company": 0.95, "title": 0.8, "topic": 0.9}
_LEVEL_WEIGHT = {"primary": 1.0, "secondary": 0.85}
_CUTOFF = 75
_PREFIX_SCORE = 90.0
_COMMON = 300
_WORD = re.compile(r"[\w§]{2,}")
# Words that say nothing about who can help; matching them would only add noise.
_STOPWORDS = frozenset(fold(w) for w in """
    og i på til fra for med af om at er en et den det de der som vi jeg har skal vil kan hvad hvordan
    hvor vores min mit os sig ikke eller men så også have være få the a an and or of to for from in on
    at is are we our my with about how what can do need want
""".split())


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text) if w not in _STOPWORDS]


@dataclass(frozen=True)
class Entry:
    kind: str
    text: str
    staff_weights: tuple[tuple[int, float], ...]


@dataclass
class SearchIndex:
    """Folded search texts, their words, and the people each one leads to."""

    entries: list[Entry]
    staff: dict[int, Member]
    snapshot: Snapshot
    vocabulary: list[str] = field(init=False)
    entries_of_word: list[list[int]] = field(init=False)
    topic_staff: dict[str, tuple[tuple[int, float], ...]] = field(init=False)

    def __post_init__(self) -> None:
        where: dict[str, list[int]] = defaultdict(list)
        for i, entry in enumerate(self.entries):
            for word in set(_words(entry.text)):
                where[word].append(i)
        self.vocabulary = sorted(where)
        self.entries_of_word = [where[w] for w in self.vocabulary]
        self.topic_staff = {}
        # Words by kind (digits, letters, both) and length: fuzzy matching only compares a typed word
        # with the groups it could reach, since a ratio of 75 needs a length within 0.6-1.67 times its
        # own and a shared character. Words too common to tell entries apart are left out.
        self._groups: dict[tuple[str, int], dict[int, str]] = defaultdict(dict)
        for w, word in enumerate(self.vocabulary):
            if len(self.entries_of_word[w]) <= _COMMON:
                self._groups[(_kind(word), len(word))][w] = word

    def _fuzzy(self, word: str) -> list[tuple[float, int]]:
        """Return (score, vocabulary index) of the words within the fuzzy cut-off of `word`."""
        kinds = {"digits": ("digits", "mixed"), "letters": ("letters", "mixed")}.get(_kind(word), _KINDS)
        found = []
        for length in range(int(len(word) * 0.6), int(len(word) * 5 / 3) + 2):
            for kind in kinds:
                group = self._groups.get((kind, length))
                if group:
                    found += [(score, w) for _, score, w in
                              process.extract(word, group, scorer=fuzz.ratio, score_cutoff=_CUTOFF, limit=None)]
        return found

    def entry_scores(self, query: str) -> dict[int, float]:
        """Score entries by how well each query word matches one of their words (0-100, averaged)."""
        words = _words(query)
        totals: dict[int, float] = defaultdict(float)
        for word in words:
            best: dict[int, float] = {}
            matches = self._fuzzy(word)
            if len(word) >= 3:  # a word typed so far counts as the start of a longer one
                first = bisect_left(self.vocabulary, word)
                last = bisect_left(self.vocabulary, word + "\uffff")
                matches += [(_PREFIX_SCORE, w) for w in range(first, last)]
            for score, w in matches:
                if len(self.entries_of_word[w]) > _COMMON:
                    continue  # "aps", "firma": in so many entries that they tell nothing apart
                for i in self.entries_of_word[w]:
                    best[i] = max(best.get(i, 0.0), score)
            for i, score in best.items():
                totals[i] += score
        return {i: total / len(words) for i, total in totals.items()} if words else {}


def _kind(word: str) -> str:
    if word.isdigit():
        return "digits"
    return "mixed" if any(ch.isdigit() for ch in word) else "letters"


_KINDS = ("digits", "letters", "mixed")


@dataclass(frozen=True)
class Hit:
    staff: Member
    score: float
    matched: str
    present: bool
    deputy: Member | None


def build_index(session: Session, companies: Iterable[tuple[str, str, int]] = ()) -> SearchIndex:
    """Index active staff, topics and past companies (name, CVR, staff id) for the look-up."""
    snapshot = directory(session)
    people = {m.id: m for m in snapshot.staff.values() if m.active}
    entries: list[Entry] = []
    for person in people.values():
        own = ((person.id, 1.0),)
        entries.append(Entry("name", fold(person.name), own))
        entries.append(Entry("title", fold(person.title), own))
        entries += [Entry("speciality", fold(keyword), own) for keyword, _ in person.specialities]
    topic_staff = {topic_id: tuple((staff_id, _LEVEL_WEIGHT[level]) for staff_id, level in competent)
                   for topic_id, competent in snapshot.competent.items()}
    for topic in snapshot.topics.values():
        weights = topic_staff.get(topic.id, ())
        for text in (topic.name_da, topic.name_en, *_phrases(topic.covers_da), *_phrases(topic.covers_en)):
            entries.append(Entry("topic", fold(text), weights))
    for name, cvr, staff_id in companies:
        if staff_id in people:
            entries += [Entry("company", fold(name), ((staff_id, 1.0),)),
                        Entry("company", cvr, ((staff_id, 1.0),))]
    index = SearchIndex(entries=entries, staff=people, snapshot=snapshot)
    index.topic_staff = topic_staff
    return index


def _phrases(text: str) -> list[str]:
    return [p.strip() for p in text.split(",") if p.strip()]


def lookup(index: SearchIndex, query: str, day: date, *, topic_scores: Mapping[str, float] | None = None,
           limit: int = 8) -> list[Hit]:
    """Rank the people a caller's words point to, typo-tolerant, with presence and deputy.

    `topic_scores` are the classifier's probabilities for the query read as an inquiry; they lead
    to the people qualified for those topics, so "overdækning lager" finds a building caseworker
    even though no directory text contains those words.
    """
    folded = fold(query)
    if not folded:
        return []
    scores: dict[int, tuple[float, str]] = {}
    for i, score in index.entry_scores(folded).items():
        entry = index.entries[i]
        for staff_id, weight in entry.staff_weights:
            _keep_best(scores, staff_id, score * _WEIGHTS[entry.kind] * weight, entry.text)
    for topic_id, probability in (topic_scores or {}).items():
        for staff_id, weight in index.topic_staff.get(topic_id, ()):
            _keep_best(scores, staff_id, 100 * probability * weight, topic_id)
    ranked = heapq.nsmallest(limit, scores.items(), key=lambda kv: (-kv[1][0], index.staff[kv[0]].name))
    return [_hit(index, index.staff[sid], score, matched, day) for sid, (score, matched) in ranked]


def _keep_best(scores: dict[int, tuple[float, str]], staff_id: int, score: float, matched: str) -> None:
    if staff_id not in scores or scores[staff_id][0] < score:
        scores[staff_id] = (score, matched)


def _hit(index: SearchIndex, person: Member, score: float, matched: str, day: date) -> Hit:
    present = person.absence_on(day) is None
    return Hit(staff=person, score=round(score, 1), matched=matched, present=present,
               deputy=None if present else index.snapshot.deputy_for(person, day))
