"""e-mails kept until sent (status, body, attachment), so a mail outage is retried

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 20:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('email', schema=None) as batch_op:
        batch_op.add_column(sa.Column('status', sa.String(length=20), server_default='sent', nullable=False))
        batch_op.add_column(sa.Column('body', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('document_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('attempts', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('attempted_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('last_error', sa.String(length=200), nullable=True))
        batch_op.create_foreign_key('fk_email_document_id_document', 'document', ['document_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('email', schema=None) as batch_op:
        batch_op.drop_constraint('fk_email_document_id_document', type_='foreignkey')
        batch_op.drop_column('last_error')
        batch_op.drop_column('attempted_at')
        batch_op.drop_column('attempts')
        batch_op.drop_column('document_id')
        batch_op.drop_column('body')
        batch_op.drop_column('status')
