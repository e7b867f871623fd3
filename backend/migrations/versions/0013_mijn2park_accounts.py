"""mijn.2park accounts, product links and the kentekenswitch log

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01 23:45:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'mijn2park_account',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('email', sa.String(length=200), nullable=False),
        sa.Column('password_hash', sa.String(length=300), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('email'))
    op.create_table(
        'product_link',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('permit_id', sa.Integer(), nullable=False),
        sa.Column('account_id', sa.Integer(), nullable=True),
        sa.Column('method', sa.String(length=20), nullable=False),
        sa.Column('linked_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['account_id'], ['mijn2park_account.id']),
        sa.ForeignKeyConstraint(['permit_id'], ['permit.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('permit_id'))
    op.create_index('ix_product_link_account_id', 'product_link', ['account_id'])
    op.create_table(
        'plate_switch',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('permit_id', sa.Integer(), nullable=False),
        sa.Column('plate', sa.String(length=8), nullable=False),
        sa.Column('switched_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('channel', sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(['permit_id'], ['permit.id']),
        sa.PrimaryKeyConstraint('id'))
    op.create_index('ix_plate_switch_permit_id', 'plate_switch', ['permit_id'])


def downgrade() -> None:
    op.drop_index('ix_plate_switch_permit_id', table_name='plate_switch')
    op.drop_table('plate_switch')
    op.drop_index('ix_product_link_account_id', table_name='product_link')
    op.drop_table('product_link')
    op.drop_table('mijn2park_account')
