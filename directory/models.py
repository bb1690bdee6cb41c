"""Directory tables: who works where, on what, and when they are away."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean, CheckConstraint, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from directory.db import Base, utc_now

ROLES = ("front_desk", "caseworker", "section_leader", "admin")
LEVELS = ("primary", "secondary")


class Department(Base):
    __tablename__ = "departments"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    name_da: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120))

    sections: Mapped[list["Section"]] = relationship(back_populates="department")
    topics: Mapped[list["Topic"]] = relationship(back_populates="department")


class Section(Base):
    __tablename__ = "sections"
    __table_args__ = (UniqueConstraint("department_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    department_id: Mapped[str] = mapped_column(ForeignKey("departments.id"))
    name: Mapped[str] = mapped_column(String(120))
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(200))

    department: Mapped[Department] = relationship(back_populates="sections")
    staff: Mapped[list["Staff"]] = relationship(back_populates="section")


class Topic(Base):
    __tablename__ = "topics"

    id: Mapped[str] = mapped_column(String(60), primary_key=True)
    department_id: Mapped[str] = mapped_column(ForeignKey("departments.id"))
    kle: Mapped[str] = mapped_column(String(20))
    name_da: Mapped[str] = mapped_column(String(160))
    name_en: Mapped[str] = mapped_column(String(160))
    covers_da: Mapped[str] = mapped_column(Text, default="")
    covers_en: Mapped[str] = mapped_column(Text, default="")
    first_response_workdays: Mapped[int] = mapped_column(Integer, default=2)
    decision_days: Mapped[int | None] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    department: Mapped[Department] = relationship(back_populates="topics")
    competences: Mapped[list["Competence"]] = relationship(back_populates="topic")


class Staff(Base):
    __tablename__ = "staff"
    __table_args__ = (CheckConstraint("open_inquiries >= 0", name="open_inquiries_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160))
    title: Mapped[str] = mapped_column(String(160), default="")
    email: Mapped[str] = mapped_column(String(200), unique=True)
    phone: Mapped[str] = mapped_column(String(40), default="")
    section_id: Mapped[int] = mapped_column(ForeignKey("sections.id"))
    languages: Mapped[str] = mapped_column(String(40), default="da")
    capacity: Mapped[int] = mapped_column(Integer, default=15)
    open_inquiries: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    section: Mapped[Section] = relationship(back_populates="staff")
    competences: Mapped[list["Competence"]] = relationship(
        back_populates="staff", cascade="all, delete-orphan")
    specialities: Mapped[list["Speciality"]] = relationship(
        back_populates="staff", cascade="all, delete-orphan", order_by="Speciality.keyword")
    absences: Mapped[list["Absence"]] = relationship(
        back_populates="staff", cascade="all, delete-orphan", foreign_keys="Absence.staff_id",
        order_by="Absence.starts")

    @property
    def department_id(self) -> str:
        return self.section.department_id

    def topic_ids(self) -> list[str]:
        """Return the person's topics, primary ones first."""
        ranked = sorted(self.competences, key=lambda c: (c.level != "primary", c.topic_id))
        return [c.topic_id for c in ranked]

    def absence_on(self, day: date) -> "Absence | None":
        """Return the absence covering `day`, if any."""
        return next((a for a in self.absences if a.starts <= day <= a.ends), None)


class Competence(Base):
    __tablename__ = "competences"
    __table_args__ = (CheckConstraint("level IN ('primary', 'secondary')", name="known_level"),)

    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"), primary_key=True)
    topic_id: Mapped[str] = mapped_column(ForeignKey("topics.id"), primary_key=True)
    level: Mapped[str] = mapped_column(String(20), default="primary")

    staff: Mapped[Staff] = relationship(back_populates="competences")
    topic: Mapped[Topic] = relationship(back_populates="competences")


class Speciality(Base):
    __tablename__ = "specialities"
    __table_args__ = (UniqueConstraint("staff_id", "keyword"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"))
    keyword: Mapped[str] = mapped_column(String(120))

    staff: Mapped[Staff] = relationship(back_populates="specialities")


class Absence(Base):
    __tablename__ = "absences"
    __table_args__ = (CheckConstraint("starts <= ends", name="absence_in_order"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"))
    starts: Mapped[date] = mapped_column(Date)
    ends: Mapped[date] = mapped_column(Date)
    deputy_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    reason: Mapped[str] = mapped_column(String(200), default="")

    staff: Mapped[Staff] = relationship(back_populates="absences", foreign_keys=[staff_id])
    deputy: Mapped[Staff | None] = relationship(foreign_keys=[deputy_id])


class User(Base):
    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint(
            "role IN ('front_desk', 'caseworker', 'section_leader', 'admin')", name="known_role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(30))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    api_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    session_epoch: Mapped[int] = mapped_column(Integer, default=0)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)

    staff: Mapped[Staff | None] = relationship()
