"""Front desk and caseworker in a real browser: results as you type, a call put through to a
caseworker's inbox, and a forward to another topic that teaches the model."""
from __future__ import annotations

import statistics

import pytest
from sqlalchemy import func, select

from router.models import Inquiry, TrainingExample
from tests.browser.helpers import log_in, submit_inquiry

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

CALLER_WORDS = "tilbygning carport"
LATENCY_BUDGET_MS = 100


def type_and_time(tab, words: str) -> list[float]:
    """Type like a person, one key at a time; return each keystroke's time until its results showed."""
    latencies = []
    tab.click("#q")
    for n in range(1, len(words) + 1):
        tab.keyboard.type(words[n - 1])
        typed = words[:n]
        if not typed.strip():
            continue
        tab.wait_for_function("q => document.getElementById('desk-results').dataset.renderedQuery === q", arg=typed)
        latencies.append(float(tab.get_attribute("#desk-results", "data-latency-ms")))
    return latencies


def assert_fast_as_you_type(desk, attempts: int = 3) -> None:
    """Nine keystrokes in ten show their results within budget, in the best of a few typings.

    On a two-core machine that runs the rest of the suite at the same time, the browser, the server
    and the tests share the CPU; typing again tells a busy moment from a slow search.
    """
    for attempt in range(1, attempts + 1):
        desk.fill("#q", "")
        latencies = type_and_time(desk, CALLER_WORDS)
        p90 = statistics.quantiles(latencies, n=10)[-1]
        print(f"desk search per keystroke (typing {attempt}): median {statistics.median(latencies):.1f} ms, "
              f"90th percentile {p90:.1f} ms, max {max(latencies):.1f} ms over {len(latencies)} keystrokes")
        if p90 < LATENCY_BUDGET_MS:
            return
    pytest.fail(f"the desk search took over {LATENCY_BUDGET_MS} ms per keystroke: {latencies}")


def test_the_desk_puts_a_call_through_to_the_right_caseworker(new_page, shot, server_db):
    desk = new_page()
    log_in(desk, "front_desk")
    assert_fast_as_you_type(desk)
    card = desk.locator(".desk-card", has=desk.locator("h3", has_text="Jonas Bech Nielsen"))
    assert card.is_visible() and "Byggetilladelse og byggesager" in card.text_content()
    assert "Til stede i dag" in card.text_content()
    assert desk.input_value("#call-form textarea[name=text]") == CALLER_WORDS  # the call log follows the search
    desk.fill("#contact_name", "Per Holm")
    desk.fill("#phone", "40 50 60 70")
    shot(desk, "desk", readme=True)
    card.locator("button[name=staff_id]:visible").click()
    desk.wait_for_load_state()
    flash = desk.text_content(".flash")
    assert "Jonas Bech Nielsen" in flash
    reference = flash.split("registreret som ")[1].split()[0]
    with server_db.reader() as session:
        inquiry = session.scalar(select(Inquiry).where(Inquiry.reference == reference))
        assert inquiry.channel == "phone" and inquiry.assignee.name == "Jonas Bech Nielsen"

    caseworker = new_page()
    log_in(caseworker, "caseworker")
    assert caseworker.locator(f"a:has-text('{reference}')").is_visible()
    shot(caseworker, "inbox", readme=True)


def test_a_caseworker_forwards_to_another_topic_and_a_training_example_is_recorded(new_page, shot, server_db):
    tab = new_page()
    log_in(tab, "caseworker")
    first = tab.locator("table.inbox-table tbody a").first
    reference = first.text_content()
    first.click()
    tab.wait_for_selector("text=Hvorfor den er sendt hertil")
    shot(tab, "inquiry-detail")
    tab.click("#accept")
    tab.wait_for_selector(f"text=Du har taget {reference}.")
    with server_db.reader() as session:
        examples_before = session.scalar(select(func.count()).select_from(TrainingExample))
    tab.select_option("#forward-topic", "road-use")
    tab.fill("#reason", "Det drejer sig om en container på fortovet, ikke om byggeri.")
    tab.click("#forward")
    tab.wait_for_url("**/inbox")
    assert tab.locator(f"a:has-text('{reference}')").count() == 0
    with server_db.reader() as session:
        inquiry = session.scalar(select(Inquiry).where(Inquiry.reference == reference))
        assert inquiry.topic_id == "road-use" and "road-use" in inquiry.assignee.topic_ids()
        example = session.scalars(select(TrainingExample).order_by(TrainingExample.id.desc())).first()
        assert session.scalar(select(func.count()).select_from(TrainingExample)) == examples_before + 1
        assert example.source == "correction" and example.topics == ["road-use"]


def test_the_desk_triages_an_unsure_inquiry_with_one_click(new_page, shot):
    reference = submit_inquiry(new_page(), "Hvornår har I åbent?", company="Blå Bølge ApS", contact="Ib Hansen",
                               email="ib@blaabolge.dk")
    desk = new_page()
    log_in(desk, "front_desk")
    desk.goto("/desk/triage")
    item = desk.locator(f"#triage-{reference}").locator("..")
    if not item.count():
        pytest.skip("the model was sure enough to route this vague text")
    shot(desk, "triage")
    item.locator(".triage-choices button").first.click()
    desk.wait_for_selector(f"text={reference} er sendt til")
