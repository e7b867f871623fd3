"""companies (eHerkenning) and permit login

Revision ID: 0009
Revises: 0007
Create Date: 2026-11-25 16:50:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('citizen', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=20), server_default='person', nullable=False))
        batch_op.add_column(sa.Column('kvk', sa.String(length=8), nullable=True))
        batch_op.alter_column('bsn', existing_type=sa.String(length=9), nullable=True)
        batch_op.create_unique_constraint('uq_citizen_kvk', ['kvk'])
    with op.batch_alter_table('vehicle', schema=None) as batch_op:
        batch_op.add_column(sa.Column('holder_kvk', sa.String(length=8), nullable=True))
    with op.batch_alter_table('product', schema=None) as batch_op:
        batch_op.add_column(sa.Column('account_kind', sa.String(length=20), server_default='person',
                                      nullable=False))
    with op.batch_alter_table('permit', schema=None) as batch_op:
        batch_op.add_column(sa.Column('login_code_hash', sa.String(length=300), nullable=True))
    with op.batch_alter_table('conversation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('login_method', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('scope_permit_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_conversation_scope_permit', 'permit', ['scope_permit_id'], ['id'])
    # Simulator state only (artifacts live two minutes): start the table afresh.
    op.drop_table('sim_login_artifact')
    op.create_table(
        'sim_login_artifact',
        sa.Column('artifact', sa.String(length=64), nullable=False),
        sa.Column('method', sa.String(length=20), server_default='digid', nullable=False),
        sa.Column('subject', sa.String(length=40), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('used', sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint('artifact'),
    )


def downgrade() -> None:
    op.drop_table('sim_login_artifact')
    op.create_table(
        'sim_login_artifact',
        sa.Column('artifact', sa.String(length=64), nullable=False),
        sa.Column('bsn', sa.String(length=9), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('used', sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint('artifact'),
    )
    with op.batch_alter_table('conversation', schema=None) as batch_op:
        batch_op.drop_constraint('fk_conversation_scope_permit', type_='foreignkey')
        batch_op.drop_column('scope_permit_id')
        batch_op.drop_column('login_method')
    with op.batch_alter_table('permit', schema=None) as batch_op:
        batch_op.drop_column('login_code_hash')
    with op.batch_alter_table('product', schema=None) as batch_op:
        batch_op.drop_column('account_kind')
    with op.batch_alter_table('vehicle', schema=None) as batch_op:
        batch_op.drop_column('holder_kvk')
    with op.batch_alter_table('citizen', schema=None) as batch_op:
        batch_op.drop_constraint('uq_citizen_kvk', type_='unique')
        batch_op.alter_column('bsn', existing_type=sa.String(length=9), nullable=False)
        batch_op.drop_column('kvk')
        batch_op.drop_column('kind')
