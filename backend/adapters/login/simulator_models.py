"""The login simulators' own table: the state of outside parties, never our records."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from backend.db.models import Base


class SimLoginArtifact(Base):
    """State of the login *simulators* (outside parties): one-time login artifacts.
    `subject` is what the broker vouches for: a BSN, a KvK number or a permit number."""
    __tablename__ = "sim_login_artifact"
    artifact: Mapped[str] = mapped_column(String(64), primary_key=True)
    method: Mapped[str] = mapped_column(String(20), default="digid", server_default="digid")
    subject: Mapped[str] = mapped_column(String(40))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used: Mapped[bool] = mapped_column(Boolean, default=False)
