"""Staff logins: roles and whether an account may log in. The caller audits and commits."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import generate_password_hash

from directory.models import ROLES, Staff, User


class AccountError(ValueError):
    """A change to a login the directory refuses; `code` names the reason."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


def find_user(session: Session, username: str) -> User | None:
    """Return the login with this user name, if any."""
    return session.scalar(select(User).where(User.username == username))


def list_users(session: Session) -> list[User]:
    """Return every login by user name."""
    return list(session.scalars(select(User).order_by(User.username)))


def change_role(session: Session, user: User, role: str, *, by: User) -> bool:
    """Give `user` another role; tell whether anything changed."""
    if role not in ROLES:
        raise AccountError("unknown_role", f"There is no role {role!r}; choose one of {', '.join(ROLES)}.")
    if user.id == by.id and role != user.role:
        raise AccountError("own_account", "You cannot change your own role; ask another administrator.")
    if user.role == role:
        return False
    user.role = role
    session.flush()
    return True


def set_active(session: Session, user: User, active: bool, *, by: User) -> bool:
    """Let `user` log in or not; deactivating ends every session and API token use at once."""
    if user.id == by.id and not active:
        raise AccountError("own_account", "You cannot deactivate your own account.")
    if user.active == active:
        return False
    user.active = active
    if not active:
        user.session_epoch += 1  # cookies signed before now stop working (see web.auth)
    session.flush()
    return True


def create_user(session: Session, username: str, password: str, role: str, staff_email: str | None = None) -> User:
    """Add a login with a hashed password, optionally tied to a member of staff by e-mail."""
    if role not in ROLES:
        raise AccountError("unknown_role", f"There is no role {role!r}; choose one of {', '.join(ROLES)}.")
    if find_user(session, username) is not None:
        raise AccountError("taken", f"There is already a login {username!r}.")
    if len(password) < 12:
        raise AccountError("weak_password", "Choose a password of at least 12 characters.")
    staff = session.scalar(select(Staff).where(Staff.email == staff_email)) if staff_email else None
    if staff_email and staff is None:
        raise AccountError("unknown_staff", f"No member of staff has the e-mail address {staff_email!r}.")
    user = User(username=username, password_hash=generate_password_hash(password), role=role,
                staff_id=staff.id if staff else None)
    session.add(user)
    session.flush()
    return user
