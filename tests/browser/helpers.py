"""Steps the browser tests share: logging in, checking accessibility."""
from __future__ import annotations

DEMO = {"front_desk": ("skranke", "skranke-demo"), "caseworker": ("sagsbehandler", "sagsbehandler-demo"),
        "section_leader": ("leder", "leder-demo"), "admin": ("admin", "admin-demo")}


def log_in(tab, role: str) -> None:
    """Log a browser tab in as the demo user of a role, through the login page."""
    username, password = DEMO[role]
    tab.goto("/login")
    tab.fill("#username", username)
    tab.fill("#password", password)
    tab.click("form button[type=submit]")
    tab.wait_for_load_state()
    assert "/login" not in tab.url, f"login as {role} failed"


def fill_form(tab, text: str, *, cvr: str = "10150817", company: str = "Havvig Stål ApS",
              contact: str = "Mette Hansen", email: str = "mette@havvigstaal.dk", phone: str = "20 30 40 50") -> None:
    """Fill in the public inquiry form as a business would."""
    for field, value in (("company_name", company), ("cvr", cvr), ("contact_name", contact), ("email", email),
                         ("phone", phone), ("text", text)):
        tab.fill(f"#{field}", value)


def submit_inquiry(tab, text: str, **fields) -> str:
    """Send an inquiry through the public form and return the receipt's reference."""
    tab.goto("/")
    fill_form(tab, text, **fields)
    tab.click("form.inquiry-form button[type=submit]")
    tab.wait_for_url("**/kvittering")
    return tab.text_content(".reference")


def serious_violations(tab, axe_source: str) -> list[dict]:
    """Run axe-core on the page (WCAG 2.1 A and AA) and return serious or critical violations."""
    tab.evaluate(axe_source)  # evaluated through DevTools, so the page's CSP does not block it
    result = tab.evaluate("""async () => await axe.run(document, {
        runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})""")
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"] if v["impact"] in ("serious", "critical")]
