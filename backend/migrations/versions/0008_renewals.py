"""renewals (Verlengingen): renewal table, cart items and documents for a renewal,
and the conversation a citizen used last

Revision ID: 0008
Revises: 0005
Create Date: 2026-11-25 16:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'renewal',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('permit_id', sa.Integer(), nullable=False),
        sa.Column('citizen_id', sa.Integer(), nullable=False),
        sa.Column('period_code', sa.String(length=20), nullable=False),
        sa.Column('period_start', sa.Date(), nullable=False),
        sa.Column('period_end', sa.Date(), nullable=False),
        sa.Column('price', sa.Numeric(precision=10, scale=2), nullable=False),
        sa.Column('status', sa.String(length=30), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['citizen_id'], ['citizen.id']),
        sa.ForeignKeyConstraint(['permit_id'], ['permit.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('permit_id', 'period_start', name='uq_renewal_permit_period'),
    )
    op.create_index('ix_renewal_citizen_id', 'renewal', ['citizen_id'])
    op.create_index('ix_renewal_permit_id', 'renewal', ['permit_id'])
    op.create_index('ix_renewal_status', 'renewal', ['status'])
    with op.batch_alter_table('cart_item', schema=None) as batch_op:
        batch_op.add_column(sa.Column('renewal_id', sa.Integer(), nullable=True))
        batch_op.create_unique_constraint('uq_cart_item_renewal_id', ['renewal_id'])
        batch_op.create_foreign_key('fk_cart_item_renewal', 'renewal', ['renewal_id'], ['id'])
    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.add_column(sa.Column('renewal_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_document_renewal', 'renewal', ['renewal_id'], ['id'])
    with op.batch_alter_table('conversation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_citizen_id', sa.Integer(), nullable=True))
        batch_op.create_index('ix_conversation_last_citizen_id', ['last_citizen_id'])
        batch_op.create_foreign_key('fk_conversation_last_citizen', 'citizen', ['last_citizen_id'], ['id'])
    # Conversations bound now were the citizen's last contact too.
    op.execute("UPDATE conversation SET last_citizen_id = citizen_id WHERE citizen_id IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table('conversation', schema=None) as batch_op:
        batch_op.drop_constraint('fk_conversation_last_citizen', type_='foreignkey')
        batch_op.drop_index('ix_conversation_last_citizen_id')
        batch_op.drop_column('last_citizen_id')
    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.drop_constraint('fk_document_renewal', type_='foreignkey')
        batch_op.drop_column('renewal_id')
    with op.batch_alter_table('cart_item', schema=None) as batch_op:
        batch_op.drop_constraint('fk_cart_item_renewal', type_='foreignkey')
        batch_op.drop_constraint('uq_cart_item_renewal_id', type_='unique')
        batch_op.drop_column('renewal_id')
    op.drop_index('ix_renewal_status', table_name='renewal')
    op.drop_index('ix_renewal_permit_id', table_name='renewal')
    op.drop_index('ix_renewal_citizen_id', table_name='renewal')
    op.drop_table('renewal')
