"""The municipality's clock: dates are Copenhagen dates."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def now() -> datetime:
    """Return the current time in Copenhagen."""
    return datetime.now(COPENHAGEN)


def today() -> date:
    """Return today's date in Copenhagen."""
    return now().date()
