"""What the classifier knows of the directory: topics and the words their staff use for their work."""
from __future__ import annotations

import csv
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from classifier.examples import Example
from directory.models import Staff, Topic

# Below this many real examples a topic leans fully on its directory text; above it, half as much
# (cross-validation and the development set both gained from keeping it for every topic).
FEW_EXAMPLES = 30
DIRECTORY_WEIGHT = 1.0
BACKUP_WEIGHT = 0.4
# Curated situation words per topic (Danish and English), the words businesses use for their situation
# rather than the directory's official names ("sygemeldt", "calling in sick", "gylle", "grant").
LEXICON = Path(__file__).resolve().parent.parent / "seeds" / "lexicon.csv"


@dataclass(frozen=True)
class TopicInfo:
    """A topic as the directory describes it (names, what it covers, staff specialities)."""

    id: str
    department: str
    name_da: str = ""
    name_en: str = ""
    covers_da: str = ""
    covers_en: str = ""
    specialities: tuple[str, ...] = ()

    def phrases(self) -> list[str]:
        """Return the directory's short texts about the topic."""
        covers = [p.strip() for text in (self.covers_da, self.covers_en) for p in text.split(",")]
        return [p for p in (self.name_da, self.name_en, *covers, *self.specialities) if p]


def topic_infos(session: Session) -> list[TopicInfo]:
    """Read the active topics with the specialities of the staff who hold them as primary."""
    specialities: dict[str, list[str]] = defaultdict(list)
    people = session.scalars(select(Staff).where(Staff.active.is_(True)).options(
        selectinload(Staff.competences), selectinload(Staff.specialities)))
    for person in people:
        primary = [c.topic_id for c in person.competences if c.level == "primary"]
        # A person with one primary topic speaks for it; someone with several is ambiguous evidence.
        if len(primary) == 1:
            specialities[primary[0]].extend(s.keyword for s in person.specialities)
    rows = session.scalars(select(Topic).where(Topic.active.is_(True)).order_by(Topic.id))
    return [
        TopicInfo(id=t.id, department=t.department_id, name_da=t.name_da, name_en=t.name_en,
                  covers_da=t.covers_da, covers_en=t.covers_en,
                  specialities=tuple(sorted(set(specialities[t.id]))))
        for t in rows
    ]


def read_lexicon(path: Path = LEXICON) -> dict[str, tuple[str, ...]]:
    """Return each topic's curated situation words (`topic,language,phrases` rows, phrases split by ';')."""
    if not path.exists():
        return {}
    words: dict[str, list[str]] = defaultdict(list)
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            words[row["topic"]].extend(p.strip() for p in row["phrases"].split(";") if p.strip())
    return {topic: tuple(phrases) for topic, phrases in words.items()}


def directory_examples(topics: Iterable[TopicInfo], examples: Iterable[Example], *,
                       lexicon_weight: float = 0.0) -> list[Example]:
    """Turn each topic's directory text and lexicon into low-weight pseudo-examples (heavier for rare topics)."""
    counts = Counter(ex.primary for ex in examples)
    lexicon = read_lexicon() if lexicon_weight else {}
    pseudo = []
    for topic in topics:
        weight = DIRECTORY_WEIGHT if counts[topic.id] < FEW_EXAMPLES else BACKUP_WEIGHT
        phrases = topic.phrases()
        pseudo.extend(Example(text=p, topics=(topic.id,), weight=weight, source="directory") for p in phrases)
        pseudo.append(Example(text=". ".join(phrases), topics=(topic.id,), weight=weight, source="directory"))
        pseudo.extend(Example(text=p, topics=(topic.id,), weight=lexicon_weight, source="lexicon")
                      for p in lexicon.get(topic.id, ()))
    return pseudo

