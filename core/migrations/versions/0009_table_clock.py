"""table clock

Revision ID: 0009_table_clock
Revises: 0008_withdrawals
Create Date: 2026-11-23 00:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0009_table_clock'
down_revision: str | None = '0008_withdrawals'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('table_clock',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('table_id', sa.Integer(), nullable=False),
    sa.Column('seconds', sa.Integer(), nullable=False),
    sa.Column('used_seconds', sa.Integer(), nullable=False),
    sa.Column('started_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['table_id'], ['dialogue_table.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('table_clock', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_table_clock_table_id'), ['table_id'], unique=True)


def downgrade() -> None:
    with op.batch_alter_table('table_clock', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_table_clock_table_id'))

    op.drop_table('table_clock')
