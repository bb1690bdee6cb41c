"""Inquiry tables: the case, its team, its history, outgoing mail and the lessons it teaches."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from directory.counters import Counter
from directory.db import Base, utc_now
from directory.models import Staff, Topic

STATES = ("received", "needs_review", "routed", "accepted", "resolved")
CHANNELS = ("web", "phone", "email", "api")
__all__ = ["AuditRecord", "Counter", "Event", "Inquiry", "OutboxMessage", "TeamMember", "TrainingExample"]


class Inquiry(Base):
    __tablename__ = "inquiries"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    status_token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now, index=True)
    channel: Mapped[str] = mapped_column(String(10), default="web")
    language: Mapped[str] = mapped_column(String(2), default="da")
    company_name: Mapped[str] = mapped_column(String(200), default="")
    cvr: Mapped[str | None] = mapped_column(String(8), index=True)
    contact_name: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    text: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(20), default="received", index=True)
    topic_id: Mapped[str | None] = mapped_column(ForeignKey("topics.id"))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), index=True)
    respond_by: Mapped[date | None] = mapped_column(Date)
    decision: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    purged_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, default=1)

    topic: Mapped[Topic | None] = relationship()
    assignee: Mapped[Staff | None] = relationship()
    members: Mapped[list["TeamMember"]] = relationship(
        back_populates="inquiry", cascade="all, delete-orphan")
    events: Mapped[list["Event"]] = relationship(
        back_populates="inquiry", cascade="all, delete-orphan", order_by="Event.id")

    __mapper_args__ = {"version_id_col": version}


class TeamMember(Base):
    """A colleague from another topic (often another department) invited onto an inquiry."""

    __tablename__ = "team_members"

    inquiry_id: Mapped[int] = mapped_column(ForeignKey("inquiries.id", ondelete="CASCADE"), primary_key=True)
    topic_id: Mapped[str] = mapped_column(ForeignKey("topics.id"), primary_key=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))

    inquiry: Mapped[Inquiry] = relationship(back_populates="members")
    staff: Mapped[Staff | None] = relationship()
    topic: Mapped[Topic] = relationship()


class Event(Base):
    """One transition in an inquiry's life, with who and when."""

    __tablename__ = "events"
    # The router asks when each candidate was last given an inquiry: newest events per person first.
    __table_args__ = (Index("ix_events_staff_id_at", "staff_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    inquiry_id: Mapped[int] = mapped_column(ForeignKey("inquiries.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    kind: Mapped[str] = mapped_column(String(30))
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    topic_id: Mapped[str | None] = mapped_column(ForeignKey("topics.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    internal: Mapped[bool] = mapped_column(Boolean, default=False)

    inquiry: Mapped[Inquiry] = relationship(back_populates="events")
    staff: Mapped[Staff | None] = relationship()


class OutboxMessage(Base):
    """An e-mail waiting to be sent; the sender retries until it goes."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    inquiry_id: Mapped[int | None] = mapped_column(ForeignKey("inquiries.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(30), default="notice")
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    # A receipt's status token, encrypted with the app's secret until sent, then erased.
    sealed_token: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now, index=True)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    last_error: Mapped[str] = mapped_column(Text, default="")

    inquiry: Mapped[Inquiry | None] = relationship()


class TrainingExample(Base):
    """A labelled text learnt from a forward, a topic correction or a triage decision."""

    __tablename__ = "training_examples"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    inquiry_id: Mapped[int | None] = mapped_column(ForeignKey("inquiries.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text)
    topics: Mapped[list[str]] = mapped_column(JSON)
    source: Mapped[str] = mapped_column(String(20))


class AuditRecord(Base):
    """Who did what to whom: assignments, role and competence changes, exports, refusals."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(60))
    target: Mapped[str] = mapped_column(String(200), default="")
    detail: Mapped[str] = mapped_column(Text, default="")
