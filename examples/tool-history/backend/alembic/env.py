"""Alembic environment of seed 004's backend: online against DATABASE_URL, offline as SQL text."""
import os

from alembic import context
from sqlalchemy import create_engine

config = context.config
url = os.environ.get("DATABASE_URL") or config.get_main_option("sqlalchemy.url")
# Hosts hand out postgres:// URLs; SQLAlchemy 1.4 only knows the postgresql:// spelling.
if url.startswith("postgres://"):
    url = "postgresql://" + url[len("postgres://"):]


def run_migrations_offline():
    context.configure(url=url, literal_binds=True, dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    engine = create_engine(url)
    with engine.connect() as connection:
        context.configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
