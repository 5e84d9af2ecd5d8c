"""the supplier's toelichting stored with each value

Revision ID: 0010_observation_note
Revises: 0009_table_clock
Create Date: 2026-11-24 00:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0010_observation_note'
down_revision: str | None = '0009_table_clock'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('observation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True))
    with op.batch_alter_table('value_history', schema=None) as batch_op:
        batch_op.add_column(sa.Column('old_note', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('value_history', schema=None) as batch_op:
        batch_op.drop_column('old_note')
    with op.batch_alter_table('observation', schema=None) as batch_op:
        batch_op.drop_column('note')
