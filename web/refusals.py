"""The router's refusals worded for staff in their language (the router's own messages are English)."""
from __future__ import annotations

from flask_babel import gettext as _

from router.errors import InquiryError


def refusal(error: InquiryError) -> str:
    """Return what went wrong and what to do about it."""
    messages = {
        "staff_absent": _("Personen er fraværende i dag. Vælg stedfortræderen eller en anden kollega."),
        "staff_full": _("Personen har ikke plads til flere åbne henvendelser. Vælg en anden kollega."),
        "unknown_staff": _("Den valgte kollega findes ikke eller er ikke aktiv."),
        "nobody_available": _("Ingen med den kompetence er på arbejde med ledig kapacitet i dag."),
        "unknown_topic": _("Emnet findes ikke eller bruges ikke længere."),
        "stale_version": _("En anden har ændret henvendelsen imens. Siden er opdateret; prøv igen."),
        "wrong_state": _("Henvendelsen er ikke længere i en tilstand, hvor det kan lade sig gøre."),
        "forbidden": _("Din rolle må ikke gøre dette ved henvendelsen."),
        "missing_reason": _("Skriv en begrundelse, så den næste ved hvorfor."),
        "missing_target": _("Vælg en kollega eller et emne."),
        "same_staff": _("Henvendelsen ligger allerede hos den kollega."),
    }
    return messages.get(error.code, error.message)
