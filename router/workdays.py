"""Danish working days: weekends and public holidays are not counted."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from functools import lru_cache

import holidays

from directory.clock import COPENHAGEN


@lru_cache(maxsize=16)
def _holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("DK", years=year)


def is_workday(day: date) -> bool:
    """Tell whether the municipality works on `day` (Monday to Friday, not a public holiday)."""
    return day.weekday() < 5 and day not in _holidays(day.year)


def add_workdays(start: date, workdays: int) -> date:
    """Return the date `workdays` working days after `start` (the start day itself never counts)."""
    day = start
    left = workdays
    while left > 0:
        day += timedelta(days=1)
        if is_workday(day):
            left -= 1
    return day


def respond_by(received_at: datetime, workdays: int) -> date:
    """Return the first-response date for an inquiry received at `received_at` (naive means UTC)."""
    if received_at.tzinfo is None:  # SQLite hands stored times back without their offset
        received_at = received_at.replace(tzinfo=timezone.utc)
    return add_workdays(received_at.astimezone(COPENHAGEN).date(), workdays)
