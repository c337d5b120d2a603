"""Phase 3: shared workspaces.

Revision ID: p1_add_collaboration
Revises:
"""
from alembic import op
import sqlalchemy as sa

revision = "p1_add_collaboration"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "workspaces",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
    )


def downgrade():
    op.drop_table("workspaces")
