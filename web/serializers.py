"""Whitelisted JSON shapes per audience: public answers never carry staff-only fields."""
from __future__ import annotations

from typing import Any

from directory.models import Staff, Topic
from router.decision import Person
from router.models import Event, Inquiry
from router.views import InboxItem, StatusView, aware


def caseworker_card(staff: Staff) -> dict[str, Any]:
    """A caseworker as a business may see them: name, title, direct contact, topics."""
    return Person.from_staff(staff).as_json()


def topic_json(topic: Topic, qualified: int) -> dict[str, Any]:
    """A topic with its targets and how many active people can take it."""
    return {
        "id": topic.id,
        "department": topic.department_id,
        "kle": topic.kle,
        "name_da": topic.name_da,
        "name_en": topic.name_en,
        "covers_da": topic.covers_da,
        "covers_en": topic.covers_en,
        "first_response_workdays": topic.first_response_workdays,
        "decision_days": topic.decision_days,
        "qualified_staff": qualified,
    }


def status_json(view: StatusView) -> dict[str, Any]:
    """The business's view of its inquiry: state, caseworker, team, dates and bare history steps."""
    return {
        "reference": view.reference,
        "state": view.state,
        "topic": view.topic,
        "received_at": view.received_at.isoformat(),
        "respond_by": view.respond_by.isoformat() if view.respond_by else None,
        "caseworker": view.caseworker.as_json() if view.caseworker else None,
        "team": [{"topic": topic, "caseworker": person.as_json() if person else None}
                 for topic, person in view.team],
        "history": [{"event": step.kind, "at": step.at.isoformat()} for step in view.history],
    }


def event_json(event: Event) -> dict[str, Any]:
    """One step of an inquiry's history as staff see it, notes included."""
    return {"event": event.kind, "at": aware(event.at).isoformat(), "actor_user_id": event.actor_user_id,
            "staff_id": event.staff_id, "topic": event.topic_id, "note": event.note,
            "internal": event.internal}


def inquiry_json(inquiry: Inquiry) -> dict[str, Any]:
    """An inquiry as staff see it: contact details, text, decision, team and full history."""
    return {
        "reference": inquiry.reference,
        "version": inquiry.version,
        "state": inquiry.state,
        "channel": inquiry.channel,
        "language": inquiry.language,
        "received_at": aware(inquiry.received_at).isoformat(),
        "respond_by": inquiry.respond_by.isoformat() if inquiry.respond_by else None,
        "topic": inquiry.topic_id,
        "company_name": inquiry.company_name,
        "cvr": inquiry.cvr,
        "contact_name": inquiry.contact_name,
        "email": inquiry.email,
        "phone": inquiry.phone,
        "text": inquiry.text,
        "caseworker": caseworker_card(inquiry.assignee) if inquiry.assignee else None,
        "team": [{"topic": m.topic_id, "caseworker": caseworker_card(m.staff) if m.staff else None}
                 for m in inquiry.members],
        "decision": inquiry.decision,
        "history": [event_json(e) for e in inquiry.events],
    }


def inbox_json(item: InboxItem) -> dict[str, Any]:
    """One line of a caseworker's inbox."""
    inquiry = item.inquiry
    return {"reference": inquiry.reference, "state": inquiry.state, "role": item.role,
            "topic": inquiry.topic_id, "company_name": inquiry.company_name,
            "respond_by": inquiry.respond_by.isoformat() if inquiry.respond_by else None,
            "overdue": item.overdue, "version": inquiry.version}
