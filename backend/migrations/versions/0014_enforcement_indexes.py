"""Enforcement check: a composite index for a plate's sessions that have not ended yet

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02 00:00:00
"""
from alembic import op

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_parking_session_plate_ends_at', 'parking_session', ['plate', 'ends_at'])


def downgrade() -> None:
    op.drop_index('ix_parking_session_plate_ends_at', table_name='parking_session')
