"""Labelled examples: the seed files, any `{"text", "topics"}` JSON-lines file, and their fingerprint."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

SEED_DIR = Path(__file__).resolve().parent.parent / "seeds" / "training"


@dataclass(frozen=True)
class Example:
    """One inquiry text with its topics, primary first, and how much it counts in training."""

    text: str
    topics: tuple[str, ...]
    weight: float = 1.0
    lang: str = ""
    source: str = "seed"

    @property
    def primary(self) -> str:
        return self.topics[0]

    @property
    def fingerprint(self) -> str:
        """Identify the labelled text, whatever its weight or source."""
        payload = json.dumps([self.text, list(self.topics)], ensure_ascii=False)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


def read_jsonl(path: Path | str, *, source: str = "file") -> list[Example]:
    """Read `{"text": ..., "topics": [primary, ...]}` lines; blank lines are skipped."""
    examples = []
    with Path(path).open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            row = json.loads(line)
            topics = row.get("topics") or []
            if not isinstance(row.get("text"), str) or not topics:
                raise ValueError(f"{path}:{number}: needs a text and at least one topic")
            examples.append(Example(text=row["text"], topics=tuple(topics),
                                    lang=row.get("lang", ""), source=source))
    return examples


def seed_examples(directory: Path = SEED_DIR) -> list[Example]:
    """Return every example in the seed files, in file order."""
    return [ex for path in sorted(directory.glob("*.jsonl")) for ex in read_jsonl(path, source="seed")]


def training_hash(examples: Iterable[Example]) -> str:
    """Fingerprint a training set (texts, labels and weights), independent of order."""
    digest = hashlib.sha256()
    for line in sorted(f"{ex.fingerprint}:{ex.weight:.6f}" for ex in examples):
        digest.update(line.encode("ascii"))
    return digest.hexdigest()
