"""provisional values, successor links for merged municipalities, a preferred source per indicator

Revision ID: 0011_provisional_successor
Revises: 0010_observation_note
Create Date: 2026-11-30 00:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0011_provisional_successor'
down_revision: str | None = '0010_observation_note'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('observation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('provisional', sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table('value_history', schema=None) as batch_op:
        batch_op.add_column(sa.Column('old_provisional', sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table('area', schema=None) as batch_op:
        batch_op.add_column(sa.Column('successor_code', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True))
        batch_op.add_column(sa.Column('ended_on', sa.Date(), nullable=True))
    with op.batch_alter_table('indicator', schema=None) as batch_op:
        batch_op.add_column(sa.Column('preferred_source', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('indicator', schema=None) as batch_op:
        batch_op.drop_column('preferred_source')
    with op.batch_alter_table('area', schema=None) as batch_op:
        batch_op.drop_column('ended_on')
        batch_op.drop_column('successor_code')
    with op.batch_alter_table('value_history', schema=None) as batch_op:
        batch_op.drop_column('old_provisional')
    with op.batch_alter_table('observation', schema=None) as batch_op:
        batch_op.drop_column('provisional')
