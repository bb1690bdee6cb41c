"""What can go wrong when a person acts on an inquiry, each with a code the API passes on."""
from __future__ import annotations


class InquiryError(Exception):
    """Base of the router's refusals: a stable `code` and a message a person can act on."""

    code = "inquiry_error"

    def __init__(self, message: str, *, code: str | None = None, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.code = code or self.code
        self.field = field


class InvalidInquiry(InquiryError):
    """A submitted field is missing or wrong (a CVR with a bad check digit, an unreadable e-mail)."""

    code = "invalid_field"


class NotAllowed(InquiryError):
    """The person may not do this to this inquiry."""

    code = "forbidden"


class WrongState(InquiryError):
    """The inquiry is not in a state where this step makes sense."""

    code = "wrong_state"


class StaleInquiry(InquiryError):
    """Someone else changed the inquiry since the caller read it."""

    code = "stale_version"


class Unavailable(InquiryError):
    """The chosen person or topic cannot take the inquiry now (absent, inactive, full, unknown)."""

    code = "unavailable"
