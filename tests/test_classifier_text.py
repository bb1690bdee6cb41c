"""What the classifier reads of an inquiry: CPR numbers masked, e-mail clutter and numbers gone."""
from __future__ import annotations

import pytest

from classifier.cleaning import prepare, strip_noise
from classifier.text import CPR_MASK, fold, mask_cpr


@pytest.mark.parametrize("written", ["010190-1234", "0101901234", "010190 1234", "290200-4321", "311299-0001"])
def test_a_cpr_number_with_a_real_birth_date_is_masked_however_it_is_written(written):
    assert mask_cpr(f"Medarbejderen har CPR {written}, sygemeldt siden mandag") == \
        f"Medarbejderen har CPR {CPR_MASK}, sygemeldt siden mandag"


@pytest.mark.parametrize("text", [
    "Ring på 96 60 10 14",           # a phone number
    "CVR 12345678",                  # a CVR number
    "Faktura 320190-1234",           # day 32 is no date
    "Ordre 011390 1234",             # month 13 is no date
    "Kode 290201-1234",              # 29 February 1901/2001 never existed
    "Konto 12010190-12345",          # digits on either side: part of a longer number
])
def test_numbers_that_are_not_cpr_numbers_are_left_alone(text):
    assert mask_cpr(text) == text


def test_cpr_numbers_need_no_check_digit_and_every_one_is_masked():
    # 010190-1235 fails the old modulus-11 rule; numbers issued since 2007 need not pass it.
    assert mask_cpr("to ansatte: 010190-1235 og 150585-2222") == f"to ansatte: {CPR_MASK} og {CPR_MASK}"


def test_danish_letters_and_their_two_letter_spellings_read_the_same():
    assert prepare("Overdækning ved lagerhal på Vestervej") == prepare("overdaekning ved LAGERHAL paa vestervej")
    assert fold("Ærø Øst Å") == "aeroe oest aa"


def test_numbers_addresses_and_links_never_reach_the_model():
    prepared = prepare("CVR 12345678, ring 40 11 22 33 eller skriv til kim@firma.example, se www.firma.example")
    assert not any(ch.isdigit() for ch in prepared)
    assert "firma" not in prepared and "@" not in prepared


def test_greeting_signature_quoted_reply_and_disclaimer_are_dropped():
    message = (
        "Kære Havvig Kommune,\n\n"
        "Vi vil gerne bygge en ny lagerhal på 800 m2 bag værkstedet.\n\n"
        "På forhånd tak\n\n"
        "Med venlig hilsen\nKim Jensen\nJensens Maskinstation ApS\nTlf. 40 11 22 33\n\n"
        "Denne e-mail kan indeholde fortrolige oplysninger og er kun beregnet for modtageren.\n\n"
        "Den 3. marts 2026 skrev Havvig Kommune <post@havvig.example>:\n"
        "> Tak for din henvendelse om affald\n"
    )
    assert strip_noise(message) == "Vi vil gerne bygge en ny lagerhal på 800 m2 bag værkstedet."


def test_english_mail_clutter_is_dropped_too():
    message = ("Dear Sir or Madam,\n\nWe plan to open a café with outdoor seating on the square.\n\n"
               "Kind regards\nAnna Berg\n\nSent from my iPhone\n\n"
               "On Mon, 2 Mar 2026 at 10:00, Havvig wrote:\n> Old message about waste")
    assert strip_noise(message) == "We plan to open a café with outdoor seating on the square."


def test_a_one_line_inquiry_keeps_every_word():
    text = "Hej vi skal bruge tre nye tømrerlærlinge fra august, kan I hjælpe?"
    assert strip_noise(text) == text
