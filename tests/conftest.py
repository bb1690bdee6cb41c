"""Shared fixtures: a fresh seeded database per test on every configured backend, the app, clients
and a login helper."""
from __future__ import annotations

import pytest

from directory.db import Database
from tests.databases import BACKENDS, REQUIRE_POSTGRES, Templates, check_postgres

DEMO_PASSWORDS = {"front_desk": ("skranke", "skranke-demo"), "caseworker": ("sagsbehandler", "sagsbehandler-demo"),
                  "section_leader": ("leder", "leder-demo"), "admin": ("admin", "admin-demo")}


def pytest_sessionstart(session):
    from web.language import compile_catalogs

    compile_catalogs()  # the English pages need the compiled catalogue, also when pytest runs alone
    if REQUIRE_POSTGRES and (problem := check_postgres()):
        pytest.exit(f"VEJVISER_REQUIRE_POSTGRES=1 but PostgreSQL is unusable: {problem}", returncode=3)


@pytest.fixture(scope="session")
def templates(tmp_path_factory):
    made = Templates(tmp_path_factory.mktemp("templates"))
    yield made
    made.close()


@pytest.fixture(scope="session")
def directory_topics(templates):
    """The seeded directory's topics as the classifier reads them (names, covers, specialities)."""
    from classifier.topics import topic_infos

    db = Database.connect(f"sqlite:///{templates.template('sqlite')}")
    with db.reader() as s:
        topics = topic_infos(s)
    db.engine.dispose()
    return topics


@pytest.fixture(scope="session")
def trained_model(directory_topics):
    """A classifier trained once per test process on the seed examples, with cross-validation."""
    from classifier.examples import seed_examples
    from classifier.training import train

    return train(seed_examples(), directory_topics)


@pytest.fixture(params=BACKENDS)
def db_url(request, templates, tmp_path):
    """The URL of a fresh, migrated and seeded database (SQLite, and PostgreSQL when configured)."""
    url = templates.fresh(request.param, tmp_path)
    yield url
    templates.drop(url)


@pytest.fixture
def database(db_url):
    db = Database.connect(db_url)
    yield db
    db.engine.dispose()


@pytest.fixture
def session(database):
    """A write session on the fresh database, for domain tests without an app."""
    with database.writer() as s:
        yield s


@pytest.fixture
def app_config(db_url, tmp_path):
    """Settings every test app gets; tests may add to the dict before asking for `app`."""
    return {
        "DATABASE_URL": db_url,
        "VEJVISER_INSTANCE_PATH": str(tmp_path / "instance"),
        "SECRET_KEY": "test-secret",
        "TESTING": True,
        "WTF_CSRF_ENABLED": False,
        "VEJVISER_PUBLIC_RATE_LIMIT": "1000/minute",
    }


@pytest.fixture
def app(app_config):
    from web import create_app

    flask_app = create_app(app_config)
    yield flask_app
    flask_app.extensions["vejviser.db"].engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def login(client):
    """Log the test client in as the demo user of a role: `login("caseworker")`."""

    def _login(role: str, test_client=None):
        username, password = DEMO_PASSWORDS[role]
        c = test_client or client
        response = c.post("/login", data={"username": username, "password": password})
        assert response.status_code == 302, f"demo login for {role} failed"
        return c

    return _login


@pytest.fixture(scope="module")
def small_seeds(tmp_path_factory):
    """A folder with ten seed examples per topic, so a model trains in seconds."""
    import json
    from collections import defaultdict

    from classifier.examples import seed_examples

    folder = tmp_path_factory.mktemp("seeds")
    per_topic = defaultdict(list)
    for ex in seed_examples():
        if len(per_topic[ex.primary]) < 10:
            per_topic[ex.primary].append({"text": ex.text, "topics": list(ex.topics), "lang": ex.lang})
    with (folder / "small.jsonl").open("w", encoding="utf-8") as fh:
        for rows in per_topic.values():
            fh.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    return folder
