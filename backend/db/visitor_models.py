"""mijn.2park's visitor tables: the ledger of a bezoekersvergunning's parkeertegoed, its
top-ups, visitors' parking sessions and the catalogue's visitor tariffs per zone.

The balance is the sum of a permit's ledger entries; it is stored nowhere else. Every entry is
written in the same transaction as its cause (a paid top-up, a started or stopped session).
"""

from __future__ import annotations

from datetime import datetime, time
from decimal import Decimal

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, String, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from backend.db.models import Base, Money, utcnow
from backend.domain import statuses as st


class TopUp(Base):
    """Opwaarderen: one payment at the PSP for one amount on one visitor permit."""
    __tablename__ = "top_up"
    id: Mapped[int] = mapped_column(primary_key=True)
    permit_id: Mapped[int] = mapped_column(ForeignKey("permit.id"), index=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizen.id"), index=True)
    amount: Mapped[Decimal] = mapped_column(Money)
    status: Mapped[str] = mapped_column(String(20), default=st.TopUpStatus.OPEN)
    channel: Mapped[str] = mapped_column(String(40), default="rest")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    paid_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ParkingSession(Base):
    """A parkeeractie for a visitor's plate on a bezoekersvergunning, in the permit's zone.
    Its cost is taken from the balance when it is made; stopping early gives back the rest."""
    __tablename__ = "parking_session"
    # The enforcement check: a plate's sessions that have not ended yet (migration 0014).
    __table_args__ = (Index("ix_parking_session_plate_ends_at", "plate", "ends_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    permit_id: Mapped[int] = mapped_column(ForeignKey("permit.id"), index=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizen.id"), index=True)
    plate: Mapped[str] = mapped_column(String(8), index=True)
    zone_code: Mapped[str] = mapped_column(ForeignKey("zone.code"))
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ends_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    stopped_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    cost: Mapped[Decimal] = mapped_column(Money)              # what was taken when it was made
    status: Mapped[str] = mapped_column(String(20), default=st.ParkingSessionStatus.ACTIVE, index=True)
    channel: Mapped[str] = mapped_column(String(40), default="rest")
    conversation_sid: Mapped[str | None] = mapped_column(String(120))
    idempotency_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class LedgerEntry(Base):
    """One change of a permit's parkeertegoed: + for a top-up or refund, − for parking."""
    __tablename__ = "ledger_entry"
    __table_args__ = (UniqueConstraint("session_id", "kind", name="uq_ledger_entry_session_kind"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    permit_id: Mapped[int] = mapped_column(ForeignKey("permit.id"), index=True)
    amount: Mapped[Decimal] = mapped_column(Money)
    kind: Mapped[str] = mapped_column(String(20))           # top_up | parking | refund
    top_up_id: Mapped[int | None] = mapped_column(ForeignKey("top_up.id"), unique=True)
    session_id: Mapped[int | None] = mapped_column(ForeignKey("parking_session.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class VisitorTariff(Base):
    """A paid window of a zone's visitor tariff: on `weekday` (0 = Monday) from `start` to
    `end` local time at `hourly_rate`. Outside every window, parking costs nothing."""
    __tablename__ = "visitor_tariff"
    id: Mapped[int] = mapped_column(primary_key=True)
    zone_code: Mapped[str] = mapped_column(ForeignKey("zone.code"), index=True)
    weekday: Mapped[int] = mapped_column(Integer)
    start: Mapped[time] = mapped_column(Time)
    end: Mapped[time] = mapped_column(Time)
    hourly_rate: Mapped[Decimal] = mapped_column(Money)


class VisitorRule(Base):
    """A zone's other visitor rules: the top-up amounts offered as buttons, the limits of a
    free amount, the balance ceiling and how many visitor cars may park at once."""
    __tablename__ = "visitor_rule"
    zone_code: Mapped[str] = mapped_column(ForeignKey("zone.code"), primary_key=True)
    top_up_amounts: Mapped[list] = mapped_column(JSON, default=list)      # decimal strings
    top_up_min: Mapped[Decimal] = mapped_column(Money)
    top_up_max: Mapped[Decimal] = mapped_column(Money)
    balance_max: Mapped[Decimal] = mapped_column(Money)
    max_sessions: Mapped[int] = mapped_column(Integer, default=3)
    max_days_ahead: Mapped[int] = mapped_column(Integer, default=14)
