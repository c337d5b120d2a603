import os

from alembic import context

# The deployed database comes from the environment, as the app reads it.
url = os.environ.get("DATABASE_URL", context.config.get_main_option("sqlalchemy.url"))
context.configure(url=url.replace("postgres://", "postgresql://", 1), literal_binds=True)
with context.begin_transaction():
    context.run_migrations()
