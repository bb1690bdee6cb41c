"""What every page's frame needs: the municipality's name and the staff menu for the user's role."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timezone

from flask import Blueprint, current_app, g, request, url_for
from flask_babel import format_date, format_datetime
from flask_babel import lazy_gettext as _l
from flask_login import current_user

bp = Blueprint("layout", __name__)

DEFAULT_MUNICIPALITY = "Havvig Kommune"


@dataclass(frozen=True)
class MenuItem:
    endpoint: str
    label: str
    roles: tuple[str, ...]
    also: tuple[str, ...] = ()  # further pages that belong under this entry


MENU = (
    MenuItem("desk.search", _l("Omstilling"), ("front_desk",)),
    MenuItem("triage.index", _l("Visitering"), ("front_desk",)),
    MenuItem("inbox.index", _l("Min indbakke"), ("caseworker", "section_leader"), ("inbox.detail",)),
    MenuItem("directory_admin.staff_list", _l("Medarbejdere"), ("section_leader",),
             ("directory_admin.edit_staff", "directory_csv.import_staff", "directory_csv.preview_or_apply")),
    MenuItem("directory_admin.absences", _l("Fravær"), ("section_leader",)),
    MenuItem("coverage.overview", _l("Dækning"), ("section_leader",)),
    MenuItem("quality.overview", _l("Routingkvalitet"), ("section_leader",)),
    MenuItem("audit_log.index", _l("Revisionslog"), ("section_leader",)),
)


def staff_menu() -> list[dict[str, object]]:
    """Return the menu entries the logged-in user's role may open, the current one marked."""
    if not current_user.is_authenticated:
        return []
    known = current_app.view_functions
    return [
        {"href": url_for(item.endpoint), "label": item.label,
         "current": request.endpoint in (item.endpoint, *item.also)}
        for item in MENU
        if item.endpoint in known and current_user.has_role(*item.roles)
    ]


@bp.app_context_processor
def frame() -> dict[str, object]:
    """Give templates the municipality's name and the staff menu."""
    return {"municipality": current_app.config.get("VEJVISER_MUNICIPALITY", DEFAULT_MUNICIPALITY),
            "staff_menu": staff_menu}


# Dates a page can be asked about: wide enough for any real absence, narrow enough that moving a week
# either way never leaves the calendar.
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2999, 12, 31)


def parse_day(text: str | None) -> date | None:
    """Read an ISO date from a query string, or None when it is not one (or absurdly far away)."""
    try:
        day = date.fromisoformat(text or "")
    except ValueError:
        return None
    return day if FIRST_DAY <= day <= LAST_DAY else None


@bp.app_template_filter("localized")
def localized(thing: object, field: str = "name") -> str:
    """Return a topic's or department's `name_da`/`name_en` (or another field) in the reader's language."""
    language = "en" if g.get("language") == "en" else "da"
    return getattr(thing, f"{field}_{language}")


@bp.app_template_filter("day")
def day(value: date | None, style: str = "long") -> str:
    """Format a date the reader's way: 27. november 2026 / November 27, 2026."""
    return format_date(value, style) if value else ""


_MOMENT = {"da": "d. MMM y 'kl.' HH:mm", "en": "d MMM y, HH:mm"}


@bp.app_template_filter("moment")
def moment(value) -> str:
    """Format a point in time in Copenhagen time, the reader's way: 24. nov. 2026 kl. 14:05."""
    if not value:
        return ""
    if value.tzinfo is None:  # SQLite gives stored UTC times back without their offset
        value = value.replace(tzinfo=timezone.utc)
    return format_datetime(value, _MOMENT["en" if g.get("language") == "en" else "da"])
