"""Stored XSS in a real browser: hostile inquiries on a caseworker's desk, in the triage list, on the
status page and sent back into the form; no script runs, no dialog opens. Checked twice: with the
Content-Security-Policy, and with it bypassed, so the escaping alone is proven to hold."""
from __future__ import annotations

import pytest

from tests.browser.helpers import log_in
from tests.hardening import CASEWORKER_STAFF, place_inquiry
from tests.payloads import PAYLOADS

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def _visit_all(tab, paths: list[str]) -> list[str]:
    """Open each page; return the pages on which a payload ran."""
    ran = []
    for path in paths:
        tab.goto(path)
        tab.wait_for_load_state("load")
        if tab.evaluate("() => window.__xss") is not None:
            ran.append(path)
    return ran


@pytest.fixture(scope="module")
def placed(server_db):
    """Hostile inquiries on the caseworker's desk, three payloads each, and one in the triage list."""
    threes = [PAYLOADS[i:i + 3] for i in range(0, len(PAYLOADS), 3)]
    made = [place_inquiry(server_db, staff=CASEWORKER_STAFF, text="carport " + " ".join(three),
                          company_name=three[0][:200], contact_name=three[1][:200]) for three in threes]
    place_inquiry(server_db, text=" ".join(PAYLOADS))
    return made


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "without-csp"])
def test_no_payload_runs_in_the_browser(new_page, placed, bypass_csp):
    dialogs: list[str] = []

    def tab_for(role: str | None):
        tab = new_page(bypass_csp=bypass_csp)
        tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        if role:
            log_in(tab, role)
        return tab

    ran = _visit_all(tab_for("caseworker"), ["/inbox", *(f"/inbox/{p.reference}" for p in placed)])
    ran += _visit_all(tab_for("front_desk"), ["/desk/triage", "/desk?q=" + PAYLOADS[2]])
    public = tab_for(None)
    ran += _visit_all(public, [f"/status/{p.token}" for p in placed[:4]])
    public.goto("/")
    for field in ("company_name", "contact_name", "text"):
        public.fill(f"#{field}", PAYLOADS[2] + PAYLOADS[10])
    public.fill("#cvr", "1234")  # wrong: the form comes back with everything as it was typed
    public.fill("#email", "a@b.dk")
    public.click("text=Send henvendelsen")
    public.wait_for_load_state("load")
    assert public.input_value("#company_name") == PAYLOADS[2] + PAYLOADS[10]
    assert public.evaluate("() => window.__xss") is None
    assert not ran and not dialogs, (ran, dialogs)
