"""Alembic environment of the owner database: runs on the connection the app passes in, no alembic.ini needed.

Run migrations through algoinventaris.storage.migrate (the app does so at start). Revision ids are
zero-padded numbers; after migrating, PRAGMA user_version is set to the number of the revision the
database is at, so that a quick check can read the schema version from the file header.
"""

from __future__ import annotations

from alembic import context

from algoinventaris.storage.models import Base

connection = context.config.attributes.get("connection")
if connection is None or context.is_offline_mode():
    raise RuntimeError("run the owner database migrations through algoinventaris.storage.migrate, which passes a connection")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things: batch mode copies the table
    transactional_ddl=True,  # our engine emits BEGIN itself, so DDL is transactional on SQLite too
    compare_type=True,
)

with context.begin_transaction():
    context.run_migrations()

_revision = context.get_context().get_current_revision()
if _revision is not None and not _revision.isdigit():
    raise RuntimeError(f"revision id {_revision!r} is not a number; name revisions 0001, 0002, ...")
connection.exec_driver_sql(f"PRAGMA user_version = {int(_revision or 0)}")
