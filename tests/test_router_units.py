"""Small rules of the router: tokens, sealing, checks of submitted fields, language, working days."""
from __future__ import annotations

from datetime import date

import pytest

from router.errors import InvalidInquiry
from router.policy import guess_language
from router.tokens import new_status_token, seal, token_digest, unseal
from router.validation import parse_inquiry
from router.workdays import add_workdays, is_workday


def test_status_tokens_are_long_random_and_hashed():
    tokens = {new_status_token() for _ in range(100)}
    assert len(tokens) == 100 and all(len(t) >= 43 for t in tokens)
    token = tokens.pop()
    assert token_digest(token) != token and len(token_digest(token)) == 64


def test_a_sealed_token_opens_only_with_the_same_secret():
    sealed = seal("the-token", "secret-a")
    assert "the-token" not in sealed
    assert unseal(sealed, "secret-a") == "the-token"
    assert unseal(sealed, "secret-b") is None


def test_a_phoned_in_inquiry_may_lack_cvr_and_email_but_not_both_contacts():
    form = parse_inquiry({"text": "Ringer om lærling", "phone": "96 60 10 10"}, channel="phone")
    assert (form.cvr, form.email, form.phone, form.channel) == (None, "", "+45 96 60 10 10", "phone")
    with pytest.raises(InvalidInquiry, match="phone number or e-mail"):
        parse_inquiry({"text": "Ringer om lærling"}, channel="phone")
    with pytest.raises(InvalidInquiry, match="required"):
        parse_inquiry({"text": "Web form without company"}, channel="web")


def test_cvr_numbers_are_normalised_and_checked():
    base = {"text": "x", "company_name": "A", "contact_name": "B", "email": "b@firma.dk"}
    assert parse_inquiry({**base, "cvr": "DK 13 58 56 28"}).cvr == "13585628"
    with pytest.raises(InvalidInquiry) as wrong:
        parse_inquiry({**base, "cvr": "13585627"})
    assert wrong.value.code == "invalid_cvr" and "mod-11" in wrong.value.message


@pytest.mark.parametrize("text,language", [
    ("We need help hiring two welders for our workshop", "en"),
    ("Vi har brug for hjælp til at ansætte to svejsere", "da"),
    ("Byggetilladelse", "da"),
])
def test_the_language_is_guessed_from_the_text(text, language):
    assert guess_language(text) == language


def test_working_days_skip_weekends_and_danish_holidays():
    assert not is_workday(date(2026, 12, 25)) and not is_workday(date(2026, 11, 28))
    assert is_workday(date(2026, 11, 27))
    assert add_workdays(date(2026, 12, 23), 2) == date(2026, 12, 28)  # 24/12 counts, 25-27 do not
    assert add_workdays(date(2026, 5, 13), 1) == date(2026, 5, 15)  # Ascension Day
