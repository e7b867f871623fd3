"""handoff tickets

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 16:40:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'handoff_ticket',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('number', sa.String(length=20), nullable=True),
        sa.Column('conversation_sid', sa.String(length=120), nullable=False),
        sa.Column('channel', sa.String(length=40), nullable=False),
        sa.Column('citizen_id', sa.Integer(), nullable=True),
        sa.Column('transcript', sa.JSON(), nullable=False),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['citizen_id'], ['citizen.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('number'),
    )
    with op.batch_alter_table('handoff_ticket', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_handoff_ticket_citizen_id'), ['citizen_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_handoff_ticket_conversation_sid'), ['conversation_sid'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('handoff_ticket', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_handoff_ticket_conversation_sid'))
        batch_op.drop_index(batch_op.f('ix_handoff_ticket_citizen_id'))
    op.drop_table('handoff_ticket')
