"""mijn.2park accounts, the products linked to them, and the kentekenswitch log.

An account's user name is the e-mail address (lower case); only a scrypt hash of the
password is kept (backend/domain/passwords.py). A product that needs a link
(domain/mijn2park.needs_link) has at most one `ProductLink`: by the e-mail link and a new
account, by the e-mail link to an account that existed, or by a DigiD/eHerkenning login in
the chat (then `account_id` is the account of the holder's e-mail when there is one)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from backend.db.models import Base, utcnow


class Mijn2parkAccount(Base):
    __tablename__ = "mijn2park_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(200), unique=True)          # lower case
    password_hash: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ProductLink(Base):
    __tablename__ = "product_link"
    id: Mapped[int] = mapped_column(primary_key=True)
    permit_id: Mapped[int] = mapped_column(ForeignKey("permit.id"), unique=True)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("mijn2park_account.id"), index=True)
    method: Mapped[str] = mapped_column(String(20))        # email_link | existing_account | digid | eherkenning
    linked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class PlateSwitch(Base):
    """One kentekenswitch: which plate became the active one, when, and from which channel."""
    __tablename__ = "plate_switch"
    id: Mapped[int] = mapped_column(primary_key=True)
    permit_id: Mapped[int] = mapped_column(ForeignKey("permit.id"), index=True)
    plate: Mapped[str] = mapped_column(String(8))
    switched_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    channel: Mapped[str] = mapped_column(String(40))
