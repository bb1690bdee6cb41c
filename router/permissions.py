"""Who may do what to an inquiry: the assignee, their section leader, the front desk (triage), admins."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from directory.models import Staff, User
from router.errors import NotAllowed
from router.models import Inquiry

CASE_ACTIONS = ("accept", "forward", "resolve", "reopen")
ACTIONS = (*CASE_ACTIONS, "triage", "relink")


@dataclass(frozen=True)
class Actor:
    """The person acting: their login, role, and (for staff) who and where they are."""

    user_id: int | None
    role: str
    staff_id: int | None = None
    section_id: int | None = None


def load_actor(session: Session, user_id: int) -> Actor:
    """Return the actor for a login, with their staff record's section."""
    user = session.get_one(User, user_id)
    staff = session.get(Staff, user.staff_id) if user.staff_id else None
    return Actor(user_id=user.id, role=user.role, staff_id=user.staff_id,
                 section_id=staff.section_id if staff else None)


def _leads_section_of(actor: Actor, inquiry: Inquiry) -> bool:
    return (actor.role == "section_leader" and inquiry.assignee is not None
            and actor.section_id is not None and inquiry.assignee.section_id == actor.section_id)


def may_act(actor: Actor, inquiry: Inquiry, action: str) -> bool:
    """Tell whether the actor may take `action` on the inquiry."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    if actor.role == "admin":
        return True
    if action == "triage":
        return actor.role == "front_desk"
    if action == "relink" and actor.role == "front_desk":
        return True  # a business that lost its link often calls the desk; the link goes to its own e-mail
    is_assignee = actor.staff_id is not None and actor.staff_id == inquiry.assignee_id
    return (is_assignee and actor.role in ("caseworker", "section_leader")) or _leads_section_of(actor, inquiry)


def may_view(actor: Actor, inquiry: Inquiry) -> bool:
    """Tell whether the actor may read the staff view of the inquiry."""
    if actor.role in ("admin", "front_desk", "section_leader"):
        return True
    team = {m.staff_id for m in inquiry.members}
    return actor.staff_id is not None and (actor.staff_id == inquiry.assignee_id or actor.staff_id in team)


def require(actor: Actor, inquiry: Inquiry, action: str) -> None:
    """Refuse with NotAllowed unless the actor may take `action`."""
    if not may_act(actor, inquiry, action):
        who = "the front desk" if action == "triage" else "its caseworker, their section leader"
        raise NotAllowed(f"Only {who} or an administrator may {action} inquiry {inquiry.reference}.")
