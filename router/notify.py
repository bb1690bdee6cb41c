"""Outgoing mail, queued in the outbox in the business's language: receipts and notices to staff."""
from __future__ import annotations

from sqlalchemy.orm import Session

from router.decision import Decision, Person
from router.models import Inquiry, OutboxMessage
from router.tokens import seal

STATUS_LINK = "[[status-link]]"  # filled in by the sender, which alone can unseal the token

_TEXT = {
    "da": {
        "receipt_subject": "Kvittering for din henvendelse {reference}",
        "greeting": "Kære {name}",
        "received": "Tak for din henvendelse. Den har referencenummer {reference}.",
        "caseworker": "Din sagsbehandler er {name}, {title}.\nTelefon: {phone}\nE-mail: {email}",
        "triage": "En medarbejder læser din henvendelse og sender den videre til den rette sagsbehandler.",
        "fallback": "Har du brug for os inden da, så kontakt {section}: {phone}, {email}.",
        "team": "Sagen involverer også:",
        "respond_by": "Du hører fra os senest {date}.",
        "status": "Følg din sag her: {link}",
        "sign_off": "Venlig hilsen\nErhvervsservice",
        "notice_subject": "[{reference}] Ny henvendelse: {topic}",
        "team_subject": "[{reference}] Du er med på en henvendelse: {topic}",
        "forward_subject": "[{reference}] Henvendelse sendt videre til dig: {topic}",
        "notice_lead": "Du er sagsbehandler på en ny henvendelse. Svar senest {date}.",
        "notice_team": "Du er inviteret med på en henvendelse, som {lead} leder. Svar senest {date}.",
        "notice_forward": "En kollega har sendt en henvendelse videre til dig: {reason}",
        "from": "Fra: {company} (CVR {cvr}), {contact}, {email}, {phone}",
        "link_subject": "Nyt link til din henvendelse {reference}",
        "link_body": "Her er et nyt link, hvor du kan følge din henvendelse {reference}. "
                     "Det gamle link virker ikke længere.",
    },
    "en": {
        "receipt_subject": "Receipt for your inquiry {reference}",
        "greeting": "Dear {name}",
        "received": "Thank you for your inquiry. Its reference number is {reference}.",
        "caseworker": "Your caseworker is {name}, {title}.\nPhone: {phone}\nE-mail: {email}",
        "triage": "A colleague will read your inquiry and pass it on to the right caseworker.",
        "fallback": "If you need us before then, contact {section}: {phone}, {email}.",
        "team": "Also involved in your case:",
        "respond_by": "You will hear from us by {date} at the latest.",
        "status": "Follow your case here: {link}",
        "sign_off": "Kind regards\nBusiness service",
        "notice_subject": "[{reference}] New inquiry: {topic}",
        "team_subject": "[{reference}] You are invited onto an inquiry: {topic}",
        "forward_subject": "[{reference}] Inquiry forwarded to you: {topic}",
        "notice_lead": "You are the caseworker on a new inquiry. Please answer by {date}.",
        "notice_team": "You are invited onto an inquiry led by {lead}. Please answer by {date}.",
        "notice_forward": "A colleague forwarded an inquiry to you: {reason}",
        "from": "From: {company} (CVR {cvr}), {contact}, {email}, {phone}",
        "link_subject": "New link to your inquiry {reference}",
        "link_body": "Here is a new link to follow your inquiry {reference}. The old link no longer works.",
    },
}


def _words(inquiry: Inquiry) -> dict[str, str]:
    return _TEXT["en" if inquiry.language == "en" else "da"]


def _card(person: Person) -> str:
    return f"{person.name}, {person.title} ({person.phone}, {person.email})"


def receipt_body(inquiry: Inquiry, decision: Decision) -> str:
    """Write the business's receipt: reference, named caseworker, respond-by date and status link."""
    w = _words(inquiry)
    parts = [w["greeting"].format(name=inquiry.contact_name or inquiry.company_name),
             w["received"].format(reference=inquiry.reference)]
    lead = decision.caseworker
    if lead is not None:
        parts.append(w["caseworker"].format(name=lead.name, title=lead.title, phone=lead.phone,
                                            email=lead.email))
    else:
        parts.append(w["triage"])
    members = [f"- {a.topic.name(inquiry.language)}: {_card(a.caseworker)}"
               for a in decision.team if a.caseworker]
    if members:
        parts.append("\n".join([w["team"], *members]))
    parts.append(w["respond_by"].format(date=decision.respond_by.isoformat()))
    if lead is None and decision.fallback is not None:
        f = decision.fallback
        parts.append(w["fallback"].format(section=f.section, phone=f.phone or "-", email=f.email or "-"))
    parts += [w["status"].format(link=STATUS_LINK), w["sign_off"]]
    return "\n\n".join(parts) + "\n"


def notice_body(inquiry: Inquiry, opening: str) -> str:
    """Write a notice for a colleague: what happened, who asks, and the (CPR-masked) text."""
    w = _words(inquiry)
    sender = w["from"].format(company=inquiry.company_name or "-", cvr=inquiry.cvr or "-",
                              contact=inquiry.contact_name or "-", email=inquiry.email or "-",
                              phone=inquiry.phone or "-")
    return f"{opening}\n\n{sender}\n\n{inquiry.text}\n"


def new_inquiry_mail(inquiry: Inquiry, decision: Decision, token: str, secret_key: str) -> list[OutboxMessage]:
    """Return the business's receipt and the notices to the caseworker and the team, for the outbox."""
    w = _words(inquiry)
    language = inquiry.language
    mail = []
    if inquiry.email:
        mail.append(OutboxMessage(
            inquiry_id=inquiry.id, kind="receipt", recipient=inquiry.email,
            subject=w["receipt_subject"].format(reference=inquiry.reference),
            body=receipt_body(inquiry, decision), sealed_token=seal(token, secret_key)))
    date = decision.respond_by.isoformat()
    lead = decision.caseworker
    if lead is None:
        return mail
    topic = decision.lead.topic.name(language)
    mail.append(OutboxMessage(  # like every message but the receipt, no token: one INSERT takes them all
        inquiry_id=inquiry.id, kind="notice", recipient=lead.email, sealed_token=None,
        subject=w["notice_subject"].format(reference=inquiry.reference, topic=topic),
        body=notice_body(inquiry, w["notice_lead"].format(date=date))))
    for member in decision.team:
        if member.caseworker is not None:
            mail.append(OutboxMessage(
                inquiry_id=inquiry.id, kind="team", recipient=member.caseworker.email, sealed_token=None,
                subject=w["team_subject"].format(reference=inquiry.reference,
                                                 topic=member.topic.name(language)),
                body=notice_body(inquiry, w["notice_team"].format(lead=lead.name, date=date))))
    return mail


def queue_new_inquiry(session: Session, inquiry: Inquiry, decision: Decision, token: str,
                      secret_key: str) -> None:
    """Queue the business's receipt and the notices to the caseworker and the team."""
    session.add_all(new_inquiry_mail(inquiry, decision, token, secret_key))


def queue_forward_notice(session: Session, inquiry: Inquiry, recipient: str, topic: str, reason: str) -> None:
    """Tell the new caseworker that an inquiry was forwarded to them, and why."""
    w = _words(inquiry)
    session.add(OutboxMessage(
        inquiry=inquiry, kind="forward", recipient=recipient,
        subject=w["forward_subject"].format(reference=inquiry.reference, topic=topic),
        body=notice_body(inquiry, w["notice_forward"].format(reason=reason))))


def queue_status_link(session: Session, inquiry: Inquiry, token: str, secret_key: str) -> None:
    """Send the business a new status link (sealed until sent, like the receipt's)."""
    w = _words(inquiry)
    body = "\n\n".join([w["greeting"].format(name=inquiry.contact_name or inquiry.company_name),
                         w["link_body"].format(reference=inquiry.reference),
                         w["status"].format(link=STATUS_LINK), w["sign_off"]]) + "\n"
    session.add(OutboxMessage(inquiry=inquiry, kind="status_link", recipient=inquiry.email,
                              subject=w["link_subject"].format(reference=inquiry.reference), body=body,
                              sealed_token=seal(token, secret_key)))
