"""Tests of the CDO workspace: import pipeline, database on SQLite and PostgreSQL, dashboard, exports, report, CLI, GUI."""
