"""The audit log for section leaders: who did what, to what and when, newest first, one kind at a time."""
from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_babel import lazy_gettext as _l

from router.audit import recent, usernames
from web.auth import roles_required
from web.database import db_session

bp = Blueprint("audit_log", __name__, url_prefix="/directory")

PAGE = 100
# Action prefixes a section leader can narrow the log to (the record's action starts with the key).
KINDS = {
    "": _l("Alt"),
    "inquiry.": _l("Henvendelser: tildeling, videresendelse, nyt statuslink"),
    "staff.": _l("Medarbejdere: ændringer, import og eksport"),
    "absence.": _l("Fravær"),
    "user.": _l("Logins: roller og deaktivering"),
    "authz.": _l("Afviste forsøg"),
    "model.": _l("Modeller"),
    "retention.": _l("Sletning efter opbevaringsperioden"),
}


@bp.get("/audit")
@roles_required("section_leader")
def index():
    kind = request.args.get("action", "")
    kind = kind if kind in KINDS else ""
    session = db_session()
    records = recent(session, action=kind or None, before_id=request.args.get("before", type=int), limit=PAGE)
    older = records[-1].id if len(records) == PAGE else None
    return render_template("directory/audit.html", records=records, usernames=usernames(session, records),
                           kinds=KINDS, kind=kind, older=older)
