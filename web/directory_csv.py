"""Staff CSV import (every row checked and previewed before anything changes) and export."""
from __future__ import annotations

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from directory import staff_csv
from directory.clock import today
from web import desk_search
from web.audit import audit
from web.auth import roles_required
from web.database import db_session

bp = Blueprint("directory_csv", __name__, url_prefix="/directory")

MAX_CSV_BYTES = 200 * 1024


def _uploaded_text() -> str | None:
    """Return the CSV from the upload or the hidden field of the preview, or None if unreadable."""
    upload = request.files.get("file")
    if upload and upload.filename:
        raw = upload.read(MAX_CSV_BYTES + 1)
        if len(raw) > MAX_CSV_BYTES:
            return None
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            return None
    return request.form.get("csv_text") or None


@bp.get("/import")
@roles_required("section_leader")
def import_staff():
    return render_template("directory/import.html", result=None)


@bp.post("/import")
@roles_required("section_leader")
def preview_or_apply():
    session, text = db_session(), _uploaded_text()
    if text is None:
        flash(_("Vælg en CSV-fil i UTF-8 på højst 200 kB."), "error")
        return redirect(url_for(".import_staff"))
    result = staff_csv.parse(session, text)
    if result.errors or request.form.get("action") != "apply":
        if not result.errors:
            staff_csv.apply(session, result)  # a dry run: count what would change, then undo it
        session.rollback()
        return render_template("directory/import.html", result=result, csv_text=text), \
            422 if result.errors else 200
    staff_csv.apply(session, result)
    audit(session, "staff.import", "directory",
          f"created={result.created} updated={result.updated} unchanged={result.unchanged}")
    session.commit()
    desk_search.invalidate()
    flash(_("Importen er gennemført: %(created)d oprettet, %(updated)d ændret, %(unchanged)d uændret.",
            created=result.created, updated=result.updated, unchanged=result.unchanged), "success")
    return redirect(url_for("directory_admin.staff_list"))


@bp.post("/export")
@roles_required("section_leader")
def export_staff():
    session = db_session()
    text = staff_csv.export(session)
    audit(session, "staff.export", "directory", f"{text.count(chr(10)) - 1} rows")
    session.commit()
    filename = f"vejviser-medarbejdere-{today().isoformat()}.csv"
    # The byte-order mark makes spreadsheet programs read æ, ø and å as UTF-8.
    return Response("\ufeff" + text, mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
