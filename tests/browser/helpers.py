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


def serious_violations(tab, axe_source: str) -> list[dict]:
    """Run axe-core on the page (WCAG 2.1 A and AA) and return serious or critical violations."""
    tab.evaluate(axe_source)  # evaluated through DevTools, so the page's CSP does not block it
    result = tab.evaluate("""async () => await axe.run(document, {
        runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})""")
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"] if v["impact"] in ("serious", "critical")]
