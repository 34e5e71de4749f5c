"""Alembic environment of the CDO database (SQLite or PostgreSQL): runs on the connection the app passes in.

Run it through algoinventaris.storage.cdo.migrate. The version table is `cdo_alembic_version`, so a
CDO database is never mistaken for an owner's database (and the other way round). On SQLite the
revision number is also written to PRAGMA user_version.
"""

from __future__ import annotations

from alembic import context

from algoinventaris.storage.cdo.models import CdoBase

VERSION_TABLE = "cdo_alembic_version"

connection = context.config.attributes.get("connection")
if connection is None or context.is_offline_mode():
    raise RuntimeError("run the CDO database migrations through algoinventaris.storage.cdo.migrate, which passes a connection")

sqlite = connection.dialect.name == "sqlite"
context.configure(
    connection=connection,
    target_metadata=CdoBase.metadata,
    version_table=VERSION_TABLE,
    render_as_batch=sqlite,
    transactional_ddl=True,
    compare_type=True,
)

with context.begin_transaction():
    context.run_migrations()

_revision = context.get_context().get_current_revision()
if _revision is not None and not _revision.isdigit():
    raise RuntimeError(f"revision id {_revision!r} is not a number; name revisions 0001, 0002, ...")
if sqlite:
    connection.exec_driver_sql(f"PRAGMA user_version = {int(_revision or 0)}")
