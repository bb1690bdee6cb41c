"""The migrations build the schema the models describe (an `alembic check` that fails on drift)."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

import classifier.store  # noqa: F401
import router.models  # noqa: F401
from directory.db import Base


def test_migrated_schema_matches_the_models(database):
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
