"""Fresh, seeded test databases: SQLite files copied from a template, PostgreSQL databases cloned
from a template database. Each test gets its own; nothing is shared between tests."""
from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import sqlalchemy as sa

from bench.databases import admin_engine, postgres_problem
from seeds.demo import seed_database as seed

POSTGRES_URL = os.environ.get("VEJVISER_TEST_POSTGRES_URL", "")
REQUIRE_POSTGRES = os.environ.get("VEJVISER_REQUIRE_POSTGRES") == "1"
BACKENDS = ["sqlite", "postgres"] if POSTGRES_URL else ["sqlite"]


def _with_database(url: str, name: str) -> str:
    base, _, _ = url.rpartition("/")
    return f"{base}/{name}"


def check_postgres() -> str | None:
    """Return why PostgreSQL cannot be used, or None when it can."""
    if not POSTGRES_URL:
        return "VEJVISER_TEST_POSTGRES_URL is not set"
    problem = postgres_problem(POSTGRES_URL)
    return f"cannot connect to {POSTGRES_URL}: {problem}" if problem else None


class Templates:
    """One seeded template per backend and test process, cloned for every test."""

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.made: dict[str, str] = {}
        self.tag = uuid.uuid4().hex[:8]

    def template(self, backend: str) -> str:
        if backend not in self.made:
            self.made[backend] = self._make(backend)
        return self.made[backend]

    def _make(self, backend: str) -> str:
        if backend == "sqlite":
            path = self.workdir / "template.db"
            seed(f"sqlite:///{path}")
            return str(path)
        name = f"vv_tpl_{self.tag}"
        with admin_engine(POSTGRES_URL).connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        seed(_with_database(POSTGRES_URL, name))
        return name

    def fresh(self, backend: str, tmp_path: Path) -> str:
        """Return the URL of a new database with the seeded demo directory."""
        template = self.template(backend)
        if backend == "sqlite":
            path = tmp_path / "vejviser.db"
            shutil.copyfile(template, path)
            return f"sqlite:///{path}"
        name = f"vv_{self.tag}_{uuid.uuid4().hex[:10]}"
        with admin_engine(POSTGRES_URL).connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
        return _with_database(POSTGRES_URL, name)

    def drop(self, url: str) -> None:
        """Remove a PostgreSQL test database (SQLite files go with tmp_path)."""
        if url.startswith("postgresql"):
            name = url.rpartition("/")[2]
            with admin_engine(POSTGRES_URL).connect() as conn:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def close(self) -> None:
        if "postgres" in self.made:
            self.drop(_with_database(POSTGRES_URL, self.made["postgres"]))
