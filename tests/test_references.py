"""Reference numbers: increasing per year, never repeated, and still handed out after the database
server has dropped its connections."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from router.references import next_reference


def test_numbers_increase_within_a_year_and_start_afresh_in_the_next(database):
    with database.writer() as session:
        first, second = next_reference(session, 2031), next_reference(session, 2031)
        other_year = next_reference(session, 2032)
        session.commit()
    assert (first, second, other_year) == ("VV-2031-000001", "VV-2031-000002", "VV-2032-000001")


def test_a_number_is_taken_even_after_the_server_dropped_the_connections(database, db_url):
    if not db_url.startswith("postgresql"):
        pytest.skip("only PostgreSQL takes numbers on connections of their own")
    with database.writer() as session:
        before = next_reference(session, 2033)
    # As after a server restart: every other connection to this database is cut.
    with database.engine.connect() as admin:
        admin.execute(sa.text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                              "WHERE datname = current_database() AND pid <> pg_backend_pid()"))
    with database.writer() as session:
        after = next_reference(session, 2033)
    assert (before, after) == ("VV-2033-000001", "VV-2033-000002")
