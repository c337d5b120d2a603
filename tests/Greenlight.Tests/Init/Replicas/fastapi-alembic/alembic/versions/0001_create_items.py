"""create items"""
from alembic import op
import sqlalchemy as sa

revision = "0001_create_items"
down_revision = None


def upgrade():
    op.create_table("items", sa.Column("id", sa.Integer, primary_key=True), sa.Column("name", sa.Text, nullable=False))


def downgrade():
    op.drop_table("items")
