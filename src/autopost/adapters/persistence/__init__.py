"""SQLAlchemy 2 persistence: tables, imperative mappings of the domain classes, repositories,
the unit of work, and Alembic migrations. Works on SQLite (aiosqlite) and PostgreSQL (asyncpg)."""
