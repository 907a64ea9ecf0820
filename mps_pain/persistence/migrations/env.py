"""Alembic environment, run programmatically by ``mps_pain.persistence.database`` (no alembic.ini).

The caller passes an open SQLAlchemy connection (already inside a transaction) as
``config.attributes["connection"]``; migrations run on it, so an upgrade commits or rolls back as
a whole.
"""

from __future__ import annotations

from alembic import context

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only the programmatic path is supported
    raise RuntimeError("run migrations through mps_pain.persistence.database.Database.open")

context.configure(connection=connection, target_metadata=None, transactional_ddl=True)
with context.begin_transaction():
    context.run_migrations()
