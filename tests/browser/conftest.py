"""Browser tests: gunicorn serving a freshly seeded SQLite database, driven by Debian's Chromium.

With VEJVISER_REQUIRE_BROWSER=1 (CI) a missing Chromium or axe-core fails the tests instead of
skipping them.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.databases import seed
from tests.hardening import Gunicorn

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SCREENSHOTS = HERE / "screenshots"
README_SHOTS = ROOT / "web" / "static" / "readme"
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("VEJVISER_CHROMIUM", "/usr/bin/chromium")
REQUIRE = os.environ.get("VEJVISER_REQUIRE_BROWSER") == "1"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
BIN = Path(sys.executable).parent


def missing(what: str) -> None:
    """Fail when browsers are required (CI), else skip."""
    if REQUIRE:
        pytest.fail(f"VEJVISER_REQUIRE_BROWSER=1 but {what}", pytrace=False)
    pytest.skip(what)


def _flask(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "flask"), "--app", "wsgi", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)


def _ensure_model(env: dict[str, str]) -> None:
    """Train and activate a model when the classifier's command exists (routing needs one)."""
    if "ensure-model" in _flask(env, "--help").stdout:
        result = _flask(env, "ensure-model")
        assert result.returncode == 0, result.stderr


@pytest.fixture(scope="session")
def server_env(tmp_path_factory) -> dict[str, str]:
    """Environment for a server and CLI on a fresh, migrated, seeded database with a model."""
    workdir = tmp_path_factory.mktemp("browser")
    url = f"sqlite:///{workdir}/vejviser.db"
    seed(url)
    env = {**os.environ, "DATABASE_URL": url, "VEJVISER_SECRET_KEY": "browser-test-secret",
           "VEJVISER_INSTANCE_PATH": str(workdir), "VEJVISER_PUBLIC_RATE_LIMIT": "1000/minute",
           "VEJVISER_LOGIN_RATE_LIMIT": "1000/minute", "VEJVISER_MODEL_POLL_SECONDS": "0.5"}
    _ensure_model(env)
    return env


@pytest.fixture(scope="session")
def base_url(server_env) -> str:
    """Start gunicorn on a free port and return its address."""
    log_path = Path(server_env["VEJVISER_INSTANCE_PATH"]) / "gunicorn.log"
    server = Gunicorn("wsgi:app", server_env, workers=1, log=log_path, extra=("--threads", "4"))
    try:
        yield server.base
    finally:
        server.stop()
    assert b"Traceback" not in log_path.read_bytes(), f"the server logged an error; see {log_path}"


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        missing(f"Chromium is not installed at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser, base_url):
    """Open tabs in fresh browser contexts (no cookies, Danish browser); fail on script errors, on
    anything the Content-Security-Policy blocked, and on any page asset that does not load."""
    contexts, problems = [], []

    def _open(**options):
        context = browser.new_context(base_url=base_url, locale="da-DK",
                                      viewport={"width": 1280, "height": 900}, **options)
        contexts.append(context)
        tab = context.new_page()
        tab.on("pageerror", lambda error: problems.append(f"script error: {error}"))
        tab.on("console", lambda m: problems.append(f"console: {m.text}")
               if m.type == "error" and "Content Security Policy" in m.text else None)
        tab.on("response", lambda r: problems.append(f"{r.status} {r.url}")
               if r.request.resource_type not in ("document", "fetch", "xhr") and r.status >= 400 else None)
        return tab

    yield _open
    for context in contexts:
        context.close()
    assert not problems, problems


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture(scope="session")
def server_db(server_env):
    """Read the server's database (to check what the pages did)."""
    from directory.db import Database

    db = Database.connect(server_env["DATABASE_URL"])
    yield db
    db.engine.dispose()


@pytest.fixture
def shot():
    """Screenshot the whole page into tests/browser/screenshots/<name>.png; with
    VEJVISER_README_SCREENSHOTS=1 the README's pictures are refreshed in web/static/readme/ too."""
    SCREENSHOTS.mkdir(exist_ok=True)

    def _shot(tab, name: str, readme: bool = False) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        tab.screenshot(path=str(path), full_page=True)
        if readme and os.environ.get("VEJVISER_README_SCREENSHOTS") == "1":
            README_SHOTS.mkdir(parents=True, exist_ok=True)
            tab.screenshot(path=str(README_SHOTS / f"{name}.png"), full_page=False)
        return path

    return _shot


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        missing(f"axe-core is not installed ({AXE}); run `npm ci` in tests/browser")
    return AXE.read_text(encoding="utf-8")
