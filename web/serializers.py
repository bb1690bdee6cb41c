"""Whitelisted JSON shapes per audience: public answers never carry staff-only fields."""
from __future__ import annotations

from typing import Any

from directory.models import Staff, Topic


def caseworker_card(staff: Staff) -> dict[str, Any]:
    """A caseworker as a business may see them: name, title, direct contact, topics."""
    return {
        "id": staff.id,
        "name": staff.name,
        "title": staff.title,
        "department": staff.section.department_id,
        "phone": staff.phone,
        "email": staff.email,
        "topics": staff.topic_ids(),
    }


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
