"""mijn.2park visitor parking: ledger, top-ups, parking sessions, visitor tariffs and rules;
the balance column goes (the balance is the sum of the ledger)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01 23:50:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

MONEY = sa.Numeric(precision=10, scale=2)


def upgrade() -> None:
    op.create_table(
        'top_up',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('permit_id', sa.Integer(), sa.ForeignKey('permit.id', name='fk_top_up_permit_id_permit'),
                  nullable=False),
        sa.Column('citizen_id', sa.Integer(), sa.ForeignKey('citizen.id', name='fk_top_up_citizen_id_citizen'),
                  nullable=False),
        sa.Column('amount', MONEY, nullable=False),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('channel', sa.String(length=40), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('paid_at', sa.DateTime(timezone=True), nullable=True))
    op.create_index('ix_top_up_permit_id', 'top_up', ['permit_id'])
    op.create_index('ix_top_up_citizen_id', 'top_up', ['citizen_id'])
    op.create_table(
        'parking_session',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('permit_id', sa.Integer(),
                  sa.ForeignKey('permit.id', name='fk_parking_session_permit_id_permit'), nullable=False),
        sa.Column('citizen_id', sa.Integer(),
                  sa.ForeignKey('citizen.id', name='fk_parking_session_citizen_id_citizen'), nullable=False),
        sa.Column('plate', sa.String(length=8), nullable=False),
        sa.Column('zone_code', sa.String(length=40),
                  sa.ForeignKey('zone.code', name='fk_parking_session_zone_code_zone'), nullable=False),
        sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('stopped_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('cost', MONEY, nullable=False),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('channel', sa.String(length=40), nullable=False),
        sa.Column('conversation_sid', sa.String(length=120), nullable=True),
        sa.Column('idempotency_key', sa.String(length=200), nullable=True, unique=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False))
    for column in ('permit_id', 'citizen_id', 'plate', 'ends_at', 'status'):
        op.create_index(f'ix_parking_session_{column}', 'parking_session', [column])
    op.create_table(
        'ledger_entry',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('permit_id', sa.Integer(),
                  sa.ForeignKey('permit.id', name='fk_ledger_entry_permit_id_permit'), nullable=False),
        sa.Column('amount', MONEY, nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('top_up_id', sa.Integer(),
                  sa.ForeignKey('top_up.id', name='fk_ledger_entry_top_up_id_top_up'), nullable=True, unique=True),
        sa.Column('session_id', sa.Integer(),
                  sa.ForeignKey('parking_session.id', name='fk_ledger_entry_session_id_parking_session'),
                  nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint('session_id', 'kind', name='uq_ledger_entry_session_kind'))
    op.create_index('ix_ledger_entry_permit_id', 'ledger_entry', ['permit_id'])
    op.create_table(
        'visitor_tariff',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('zone_code', sa.String(length=40),
                  sa.ForeignKey('zone.code', name='fk_visitor_tariff_zone_code_zone'), nullable=False),
        sa.Column('weekday', sa.Integer(), nullable=False),
        sa.Column('start', sa.Time(), nullable=False),
        sa.Column('end', sa.Time(), nullable=False),
        sa.Column('hourly_rate', MONEY, nullable=False))
    op.create_index('ix_visitor_tariff_zone_code', 'visitor_tariff', ['zone_code'])
    op.create_table(
        'visitor_rule',
        sa.Column('zone_code', sa.String(length=40),
                  sa.ForeignKey('zone.code', name='fk_visitor_rule_zone_code_zone'), primary_key=True),
        sa.Column('top_up_amounts', sa.JSON(), nullable=False),
        sa.Column('top_up_min', MONEY, nullable=False),
        sa.Column('top_up_max', MONEY, nullable=False),
        sa.Column('balance_max', MONEY, nullable=False),
        sa.Column('max_sessions', sa.Integer(), nullable=False),
        sa.Column('max_days_ahead', sa.Integer(), nullable=False))
    with op.batch_alter_table('invoice_line', schema=None) as batch_op:
        batch_op.alter_column('cart_item_id', existing_type=sa.Integer(), nullable=True)
        batch_op.add_column(sa.Column('top_up_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_invoice_line_top_up_id_top_up', 'top_up', ['top_up_id'], ['id'])
    with op.batch_alter_table('payment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('purpose', sa.String(length=20), server_default='cart', nullable=False))
    # Balances were never more than € 0,00 (nothing could top them up): nothing to carry over.
    with op.batch_alter_table('permit', schema=None) as batch_op:
        batch_op.drop_column('balance')


def downgrade() -> None:
    with op.batch_alter_table('permit', schema=None) as batch_op:
        batch_op.add_column(sa.Column('balance', MONEY, nullable=True))
    with op.batch_alter_table('payment', schema=None) as batch_op:
        batch_op.drop_column('purpose')
    with op.batch_alter_table('invoice_line', schema=None) as batch_op:
        batch_op.drop_constraint('fk_invoice_line_top_up_id_top_up', type_='foreignkey')
        batch_op.drop_column('top_up_id')
        batch_op.alter_column('cart_item_id', existing_type=sa.Integer(), nullable=False)
    for table in ('visitor_rule', 'visitor_tariff', 'ledger_entry', 'parking_session', 'top_up'):
        op.drop_table(table)
