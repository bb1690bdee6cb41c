"""Explain a prediction: the inquiry's own words that pointed to the topic, and one plain sentence."""
from __future__ import annotations

import re
from typing import Mapping, Sequence

import numpy as np

from classifier.scoring import Vector
from classifier.text import fold, fold_word

TopicNames = Mapping[str, tuple[str, str]]  # topic id -> (Danish name, English name)
MAX_TERMS = 5
_WORD = re.compile(r"[^\W\d_]{2,}")
# Words that carry grammar, not meaning; they are never offered as the reason for a topic.
_STOPWORDS = frozenset(fold(w) for w in """
    og i på til fra for med af om at er en et den det de der som vi jeg har skal vil kan kunne hvad
    hvordan hvor vores vor min mit mine os sig ikke eller men så også have være være få gerne nu
    her hej tak nogen noget nogle alle skulle ville må mig dig jer i ind ud op ned over under efter
    før ved hos når hvis da bare lige meget mere helst sådan hvilke hvilken hvem ønsker høre spørge
    the a an and or of to for from in on at is are be we our my me you your with about how what can
    could do does need needs want would will this that these those it its there has have had not
    any some please hello dear thanks
""".split())
_DANISH_HINTS = frozenset(fold(w) for w in "og jeg vi er det til på ikke har skal vil kan med af om en et".split())
_ENGLISH_HINTS = frozenset("and we are the to is of for our with have can would will this that it".split())


def guess_language(prepared: str) -> str:
    """Guess Danish ('da') or English ('en') of a prepared text from its little words; Danish when unsure."""
    words = _WORD.findall(prepared)
    danish = sum(w in _DANISH_HINTS for w in words)
    english = sum(w in _ENGLISH_HINTS for w in words)
    return "en" if english > danish else "da"


def _surface_forms(substance: str) -> dict[str, str]:
    forms: dict[str, str] = {}
    for word in _WORD.findall(substance):
        forms.setdefault(fold_word(word), word.lower())
    return forms


def explain_terms(substance: str, vector: Vector, feature_push: np.ndarray) -> tuple[str, ...]:
    """Return up to five whole words of the message whose features pushed the topic most, strongest first."""
    if not len(vector.indices):
        return ()
    pushes = vector.word_pushes(feature_push)
    forms = _surface_forms(substance)
    best = sorted((w for w, p in pushes.items()
                   if p > 0 and w in forms and w not in _STOPWORDS and len(w) >= 3),
                  key=lambda w: (-pushes[w], w))
    return tuple(forms[w] for w in best[:MAX_TERMS])


def _quoted(terms: Sequence[str], conjunction: str) -> str:
    quoted = [f"“{t}”" for t in terms]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} {conjunction} {quoted[-1]}"


def _name(names: TopicNames, topic: str, language: str) -> str:
    da, en = names.get(topic, (topic, topic))
    name = en if language == "en" else da
    return name[:1].lower() + name[1:]  # it stands mid-sentence


def reason(ranked: Sequence, terms: Sequence[str], needs_review: bool, names: TopicNames, language: str) -> str:
    """Write one sentence saying which topic the inquiry is about and why (Danish or English)."""
    lead, percent = _name(names, ranked[0].topic, language), round(100 * ranked[0].score)
    english = language == "en"
    if needs_review:
        second = _name(names, ranked[1].topic, language) if len(ranked) > 1 else lead
        return (f"We are not sure enough to route this automatically, so a colleague will read it: it may be "
                f"about {lead} ({percent}%) or {second}." if english else
                f"Vi er ikke sikre nok til at sende henvendelsen videre automatisk, så en medarbejder læser den: "
                f"den handler måske om {lead} ({percent} %) eller {second}.")
    if not terms:
        return (f"The inquiry is most likely about {lead} ({percent}%)." if english else
                f"Henvendelsen handler sandsynligvis om {lead} ({percent} %).")
    return (f"The inquiry is most likely about {lead} ({percent}%) because it mentions "
            f"{_quoted(terms[:3], 'and')}." if english else
            f"Henvendelsen handler sandsynligvis om {lead} ({percent} %), fordi den nævner "
            f"{_quoted(terms[:3], 'og')}.")
