"""The front desk's look-up index, kept per worker: changes made anywhere show up, a quiet desk stays fast."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from directory.clock import today
from directory.models import Absence, Section, Staff


def _search(client, query: str) -> list[dict]:
    return client.get("/api/v1/staff/search", query_string={"q": query}).get_json()["results"]


def test_a_colleague_added_by_another_server_is_found_at_once(client, login, database):
    login("front_desk")
    assert not any(r["name"] == "Gudrun Tvillingbæk" for r in _search(client, "Gudrun Tvillingbæk"))
    with database.writer() as session:  # another app server, or an import: this worker is not told
        section = session.scalars(select(Section).where(Section.name == "Plan og Byg")).one()
        session.add(Staff(name="Gudrun Tvillingbæk", title="Byggesagsbehandler", email="gudrun@havvig.example",
                          phone="+45 96 60 10 99", section=section))
        session.commit()
    assert _search(client, "Gudrun Tvillingbæk")[0]["name"] == "Gudrun Tvillingbæk"


def test_an_absence_entered_elsewhere_shows_the_deputy_at_once(client, login, database):
    login("front_desk")
    henrik = _search(client, "Henrik Søndergaard")[0]
    assert henrik["present"] is True
    with database.writer() as session:
        person = session.get(Staff, henrik["id"])
        deputy = session.scalars(select(Staff).where(Staff.name == "Jonas Bech Nielsen")).one()
        session.add(Absence(staff=person, starts=today(), ends=today() + timedelta(days=1), deputy=deputy))
        session.commit()
    again = _search(client, "Henrik Søndergaard")[0]
    assert again["present"] is False and again["deputy"]["name"] == "Jonas Bech Nielsen"


def test_the_index_is_not_rebuilt_while_nothing_changes(client, login, app):
    login("front_desk")
    _search(client, "byggetilladelse")
    built = app.extensions["vejviser.search"]
    for query in ("Rikke", "lønntilskud", "olieudskiller"):
        _search(client, query)
    assert app.extensions["vejviser.search"] is built
