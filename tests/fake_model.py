"""A small keyword classifier with the real model's shape, so router tests need no trained model."""
from __future__ import annotations

from dataclasses import dataclass, field

from classifier.text import fold

KEYWORDS = {
    "building-permit": ("carport", "tilbygning", "lagerhal", "byggetilladelse", "extension", "building permit"),
    "environmental-approval": ("miljoegodkendelse", "environmental permit", "produktion"),
    "recruitment": ("medarbejdere", "rekruttering", "recruit", "staff"),
    "wage-subsidy": ("loentilskud", "wage subsidy"),
    "road-use": ("udeservering", "stillads", "outdoor seating"),
    "startup": ("starte virksomhed", "start a business"),
}


@dataclass(frozen=True)
class TopicScore:
    topic: str
    score: float


@dataclass(frozen=True)
class Prediction:
    topics: tuple[TopicScore, ...]
    team: tuple[str, ...]
    needs_review: bool
    terms: tuple[str, ...]
    reason: str
    model_version: int | None = None


@dataclass
class KeywordModel:
    """Score topics by keyword hits; unsure (needs_review) when nothing matches."""

    version: int = 7
    calls: list[str] = field(default_factory=list)

    def classify(self, text: str, language: str | None = None) -> Prediction:
        self.calls.append(text)
        folded = fold(text)
        hits = {t: [k for k in words if k in folded] for t, words in KEYWORDS.items()}
        hits = {t: found for t, found in hits.items() if found}
        total = sum(len(f) for f in hits.values()) or 1
        ranked = sorted(hits, key=lambda t: (-len(hits[t]), t))
        scores = tuple(TopicScore(t, len(hits[t]) / total) for t in ranked)
        scores += tuple(TopicScore(t, 0.0) for t in KEYWORDS if t not in hits)
        lead = ranked[0] if ranked else None
        return Prediction(topics=scores, team=tuple(ranked[1:]), needs_review=lead is None,
                          terms=tuple(hits[lead]) if lead else (), reason="keywords",
                          model_version=self.version)


class BrokenModel:
    """A model that fails, as a corrupt artefact or a bug would."""

    def classify(self, text: str, language: str | None = None) -> Prediction:
        raise RuntimeError("model artefact is corrupt")
