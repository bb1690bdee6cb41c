"""Alembic environment: the URL comes from the caller (flask db-upgrade) or DATABASE_URL."""
from __future__ import annotations

import os

from alembic import context

import classifier.store  # noqa: F401  (registers the tables)
import router.models  # noqa: F401
from directory.db import Base, make_engine

config = context.config
url = config.attributes.get("url") or os.environ.get("DATABASE_URL")


def run_migrations_offline() -> None:
    context.configure(url=url, target_metadata=Base.metadata, literal_binds=True,
                      render_as_batch=url.startswith("sqlite"))
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(url)
    with engine.connect() as connection:
        _run(connection)
    engine.dispose()


def _run(connection) -> None:
    context.configure(connection=connection, target_metadata=Base.metadata,
                      render_as_batch=connection.dialect.name == "sqlite", compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
