"""`flask route` prints a decision a person can read; `flask send-mail` says what it did."""
from __future__ import annotations

from tests.fake_model import KeywordModel


def test_route_prints_lead_team_date_and_why(runner, monkeypatch):
    monkeypatch.setattr("web.cli_router.active_model", KeywordModel)
    result = runner.invoke(args=["route", "Vi bygger en lagerhal med carport og søger nye medarbejdere",
                                 "--cvr", "13585628"])
    assert result.exit_code == 0, result.output
    assert "Lead (building-permit): Jonas Bech Nielsen" in result.output
    assert "Team (recruitment):" in result.output
    assert "Respond by: " in result.output and "Why: Genkendt som Byggetilladelse" in result.output


def test_route_without_a_model_says_the_front_desk_triages(runner, monkeypatch):
    monkeypatch.setattr("web.cli_router.active_model", lambda: None)
    result = runner.invoke(args=["route", "Vi bygger en carport"])
    assert result.exit_code == 0 and "Needs review (classifier_unavailable)" in result.output


def test_route_refuses_a_wrong_cvr_with_the_reason(runner, monkeypatch):
    monkeypatch.setattr("web.cli_router.active_model", KeywordModel)
    result = runner.invoke(args=["route", "carport", "--cvr", "13585627"])
    assert result.exit_code != 0 and "mod-11" in result.output


def test_send_mail_without_a_host_leaves_mail_waiting(runner):
    result = runner.invoke(args=["send-mail"])
    assert result.exit_code == 0 and "no SMTP host set" in result.output
