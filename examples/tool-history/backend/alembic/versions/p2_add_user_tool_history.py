"""Phase 4: user_tool_history, with the six indexes the checklist names.

Revision ID: p2_add_user_tool_history
Revises: p1_add_collaboration
"""
from alembic import op
import sqlalchemy as sa

revision = "p2_add_user_tool_history"
down_revision = "p1_add_collaboration"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("SET lock_timeout = '2s'")
    op.create_table(
        "user_tool_history",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("tool_name", sa.String(100), nullable=False),
        sa.Column("success", sa.Boolean, nullable=False),
        sa.Column("execution_time_ms", sa.Integer),
        sa.Column("user_satisfaction", sa.SmallInteger),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.text("now()")),
    )
    op.create_index("idx_user_tool_history_user_id", "user_tool_history", ["user_id"])
    op.create_index("idx_user_tool_history_tool_name", "user_tool_history", ["tool_name"])
    op.create_index("idx_user_tool_history_success", "user_tool_history", ["success"])
    op.create_index("idx_user_tool_history_created_at", "user_tool_history", ["created_at"])
    op.create_index("idx_user_tool_history_user_created", "user_tool_history", ["user_id", "created_at"])
    op.create_index("idx_user_tool_history_metrics", "user_tool_history", ["tool_name", "success", "execution_time_ms"])


def downgrade():
    op.drop_table("user_tool_history")
