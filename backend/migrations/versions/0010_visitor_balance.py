"""visitor balance (parkeertegoed) on a bezoekersvergunning

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-25 17:45:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('permit', schema=None) as batch_op:
        batch_op.add_column(sa.Column('balance', sa.Numeric(precision=10, scale=2), nullable=True))
    # Visitor permits granted before this revision get their (empty) balance too.
    op.execute("UPDATE permit SET balance = 0 WHERE product_code = 'bezoekersvergunning'")


def downgrade() -> None:
    with op.batch_alter_table('permit', schema=None) as batch_op:
        batch_op.drop_column('balance')
