"""Sentences a person can read: which topic, which words, which competence, why this person."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from router.decision import Assignment, Decision, RankedTopic
    from router.ranking import Context, Scored

_REVIEW = {
    "classifier_unavailable": {
        "da": "Den automatiske genkendelse er ikke tilgængelig lige nu, så en medarbejder i "
              "borgerservice læser henvendelsen og sender den videre til den rette sagsbehandler.",
        "en": "Automatic recognition is not available right now, so a front-desk colleague will read "
              "the inquiry and pass it on to the right caseworker.",
    },
    "no_topic": {
        "da": "Henvendelsen passer ikke sikkert til et af vores emner, så en medarbejder i "
              "borgerservice læser den og sender den videre.",
        "en": "The inquiry does not clearly match one of our topics, so a front-desk colleague will "
              "read it and pass it on.",
    },
    "low_confidence": {
        "da": "Det bedste bud er {topic} ({score}), men det er ikke sikkert nok til at gætte, så en "
              "medarbejder i borgerservice læser henvendelsen og sender den videre.",
        "en": "The best guess is {topic} ({score}), which is not certain enough to act on, so a "
              "front-desk colleague will read the inquiry and pass it on.",
    },
    "nobody_available": {
        "da": "Genkendt som {topic} ({score}), men ingen med den kompetence er til stede med ledig "
              "kapacitet i dag, så {section} tager imod sagen i stedet for at gætte.",
        "en": "Recognised as {topic} ({score}), but nobody with that competence is at work with free "
              "capacity today, so {section} takes the case instead of guessing.",
    },
}
_RECOGNISED = {"da": "Genkendt som {topic} ({score})", "en": "Recognised as {topic} ({score})"}
_WORDS = {"da": " ud fra ordene {terms}", "en": " from the words {terms}"}
_TEAM = {"da": "Med på sagen: {members}.", "en": "Also involved: {members}."}
_NOBODY = {"da": "ingen ledig i dag", "en": "nobody free today"}


def _percent(score: float) -> str:
    return f"{round(score * 100)} %"


def _quoted(terms: tuple[str, ...]) -> str:
    return ", ".join(f"«{t}»" for t in terms[:6])


def _team_sentence(team: tuple["Assignment", ...], language: str) -> str:
    members = "; ".join(
        f"{a.topic.name(language)}: {a.caseworker.name if a.caseworker else _NOBODY[language]}"
        for a in team)
    return _TEAM[language].format(members=members)


def explain(decision: "Decision") -> str:
    """Write the decision's explanation in its language."""
    language = decision.language if decision.language in ("da", "en") else "da"
    top = decision.topics[0] if decision.topics else None
    if decision.review_reason:
        section = decision.fallback.section if decision.fallback else ""
        template = _REVIEW[decision.review_reason][language]
        return template.format(topic=top.name(language) if top else "", section=section,
                               score=_percent(top.score) if top else "")
    assert top is not None and decision.lead is not None and decision.lead.choices
    sentence = _RECOGNISED[language].format(topic=top.name(language), score=_percent(top.score))
    if decision.terms:
        sentence += _WORDS[language].format(terms=_quoted(decision.terms))
    parts = [sentence + ".", decision.lead.choices[0].why]
    if decision.team:
        parts.append(_team_sentence(decision.team, language))
    return " ".join(parts)


_WHY = {
    "da": {"takes": "{name} tager sagen: {level} kompetence i {topic}",
           "primary": "primær", "secondary": "sekundær",
           "covering": ", dækker for {other}, der er fraværende til og med {until}",
           "speciality": "; specialet {specialities} passer til henvendelsen",
           "continuity": "; har hjulpet virksomheden før",
           "load": "; {open} af {capacity} sager åbne."},
    "en": {"takes": "{name} takes it: {level} competence in {topic}",
           "primary": "primary", "secondary": "secondary",
           "covering": ", covering for {other}, who is away until {until}",
           "speciality": "; speciality {specialities} matches the inquiry",
           "continuity": "; has helped this company before",
           "load": "; {open} of {capacity} cases open."},
}


def why(scored: "Scored", topic: "RankedTopic", ctx: "Context") -> str:
    """Say in one sentence why this person was chosen for the topic."""
    words = _WHY[ctx.language if ctx.language in _WHY else "da"]
    name = topic.name(ctx.language)
    text = words["takes"].format(name=scored.staff.name, level=words[scored.level],
                                 topic=name[:1].lower() + name[1:])
    if scored.covering_for is not None:
        absence = scored.covering_for.absence_on(ctx.day)
        text += words["covering"].format(other=scored.covering_for.name,
                                         until=absence.ends.isoformat() if absence else "")
    if scored.specialities:
        text += words["speciality"].format(specialities=_quoted(scored.specialities))
    if scored.continuity:
        text += words["continuity"]
    return text + words["load"].format(open=scored.load.open, capacity=scored.load.capacity)
