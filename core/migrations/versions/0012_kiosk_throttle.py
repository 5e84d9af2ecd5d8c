"""kiosk throttle: attempts at the kiosk counted per window, shared by every app process

Revision ID: 0012_kiosk_throttle
Revises: 0011_provisional_successor
Create Date: 2026-12-02 00:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0012_kiosk_throttle'
down_revision: str | None = '0011_provisional_successor'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('kiosk_throttle',
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('window_started_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    with op.batch_alter_table('kiosk_throttle', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kiosk_throttle_window_started_at'), ['window_started_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('kiosk_throttle', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kiosk_throttle_window_started_at'))

    op.drop_table('kiosk_throttle')
