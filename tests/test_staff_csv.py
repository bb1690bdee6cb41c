"""Section leaders import and export the directory as CSV: all errors at once, all or nothing."""
from __future__ import annotations

import csv
import io

from sqlalchemy import func, select

from directory import staff_csv
from directory.models import Staff

HEADER = ",".join(staff_csv.COLUMNS)


def _count(database) -> int:
    with database.reader() as session:
        return session.scalar(select(func.count()).select_from(Staff))


def test_every_bad_row_is_reported_with_its_line_and_nothing_is_imported(database, runner, tmp_path):
    before = _count(database)
    bad = "\n".join([
        HEADER,
        "ny.person@havvig.example,Ny Person,Planlægger,+45 96 60 99 01,technical-services,Plan og Byg,da,10,yes,"
        "local-planning:primary,,,,",
        "not-an-email,Uden Mail,,12,technical-services,Plan og Byg,da,10,yes,,,,,",
        "x@havvig.example,X,,+45 96 60 99 02,technical-services,Plan og Byg,da,ten,maybe,"
        "flying:primary;soil:expert,,2026-12-10,2026-12-01,nobody@havvig.example",
    ])
    path = tmp_path / "bad.csv"
    path.write_text(bad, encoding="utf-8")
    result = runner.invoke(args=["import-staff", str(path)])
    assert result.exit_code == 1
    out = result.output
    for expected in ("line 3: email 'not-an-email' is not valid", "line 3: phone number '12'",
                     "line 4: capacity 'ten'", "line 4: active 'maybe'", "line 4: unknown topic 'flying'",
                     "line 4: level 'expert'", "line 4: absent_from is after absent_to", "nothing was imported"):
        assert expected in out
    assert _count(database) == before


def test_reimporting_an_export_changes_nothing(database, runner, tmp_path):
    path = tmp_path / "staff.csv"
    assert runner.invoke(args=["export-staff", str(path)]).exit_code == 0
    result = runner.invoke(args=["import-staff", str(path)])
    assert result.exit_code == 0, result.output
    assert f"created 0, updated 0, unchanged {_count(database)}" in result.output


def test_import_creates_and_updates_people(session):
    text = "\n".join([
        HEADER,
        "ny.person@havvig.example,Ny Person,Planlægger,96609901,technical-services,Plan og Byg,da;en,12,yes,"
        "local-planning:primary;rural-zone:secondary,havneplaner;sommerhusområder,,,",
    ])
    result = staff_csv.apply(session, staff_csv.parse(session, text))
    assert (result.created, result.updated) == (1, 0)
    person = session.scalars(select(Staff).where(Staff.email == "ny.person@havvig.example")).one()
    assert person.phone == "+45 96 60 99 01"
    assert person.topic_ids() == ["local-planning", "rural-zone"]
    again = staff_csv.apply(session, staff_csv.parse(session, text.replace(",12,", ",20,")))
    assert (again.created, again.updated) == (0, 1)


def test_export_neutralises_cells_a_spreadsheet_would_execute(session):
    person = session.scalars(select(Staff).order_by(Staff.id)).first()
    person.title = "=HYPERLINK(\"http://evil.example\")"
    person.name = "@SUM(A1)"
    session.flush()
    rows = list(csv.DictReader(io.StringIO(staff_csv.export(session))))
    row = next(r for r in rows if r["email"] == person.email)
    assert row["title"].startswith("'=") and row["name"].startswith("'@")
    assert all(not value.startswith(("=", "+", "-", "@")) for r in rows for value in r.values())
