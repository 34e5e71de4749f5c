"""Storage: SQLAlchemy models, bundled Alembic migrations and repositories (the only place with SQL)."""
