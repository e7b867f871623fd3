"""Database models: everything the backend owns, in one place.

The simulators' own tables (outside parties, not our records) live next to their adapters
(backend/adapters/*/simulator_models.py) on the same metadata; backend/migrations/env.py imports them."""

from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from backend.domain import statuses as st  # the values of every status column


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


Money = Numeric(10, 2)


class Base(DeclarativeBase):
    pass


class Zone(Base):
    __tablename__ = "zone"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))


class Address(Base):
    __tablename__ = "address"
    id: Mapped[int] = mapped_column(primary_key=True)
    street: Mapped[str] = mapped_column(String(120))
    house_number: Mapped[str] = mapped_column(String(20))
    postcode: Mapped[str] = mapped_column(String(7))
    city: Mapped[str] = mapped_column(String(80))
    zone_code: Mapped[str | None] = mapped_column(ForeignKey("zone.code"))
    zone: Mapped[Zone | None] = relationship(lazy="joined")

    @property
    def line(self) -> str:
        return f"{self.street} {self.house_number}"

    @property
    def postcode_city(self) -> str:
        return f"{self.postcode} {self.city}"


class Citizen(Base):
    """An account holder: a person (DigiD, BSN) or a company (eHerkenning, KvK number).
    Companies have their own address, which decides their zone like a person's does."""
    __tablename__ = "citizen"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), default="person", server_default="person")  # person | company
    bsn: Mapped[str | None] = mapped_column(String(9), unique=True)     # persons only
    kvk: Mapped[str | None] = mapped_column(String(8), unique=True)     # companies only
    name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str] = mapped_column(String(200))
    situation: Mapped[str] = mapped_column(String(300), default="")   # shown on the login simulator
    iban: Mapped[str | None] = mapped_column(String(34))   # for restitutions; never logged, shown masked
    address_id: Mapped[int] = mapped_column(ForeignKey("address.id"))
    address: Mapped[Address] = relationship(lazy="joined")

    @property
    def is_company(self) -> bool:
        return self.kind == "company"


class Vehicle(Base):
    """The (simulated) vehicle register: who holds which plate."""
    __tablename__ = "vehicle"
    plate: Mapped[str] = mapped_column(String(8), primary_key=True)
    holder_bsn: Mapped[str | None] = mapped_column(String(9))
    holder_kvk: Mapped[str | None] = mapped_column(String(8))         # a company's vehicle
    holder_name: Mapped[str] = mapped_column(String(120))
    make: Mapped[str] = mapped_column(String(60), default="")


class Product(Base):
    """Catalogue entry: a product type the municipality offers."""
    __tablename__ = "product"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    needs_plate: Mapped[bool] = mapped_column(Boolean, default=True)
    max_plates: Mapped[int] = mapped_column(Integer, default=2)
    max_per_citizen: Mapped[int] = mapped_column(Integer, default=1)
    zones: Mapped[list] = mapped_column(JSON, default=list)
    zone_caps: Mapped[dict] = mapped_column(JSON, default=dict)
    # [{"code", "text", "disqualify_on": "ja"|"nee", "reason"}]
    questions: Mapped[list] = mapped_column(JSON, default=list)
    offered_in_chat: Mapped[bool] = mapped_column(Boolean, default=False)
    # Who may apply: "person" (DigiD) or "company" (eHerkenning).
    account_kind: Mapped[str] = mapped_column(String(20), default="person", server_default="person")


class ProductPrice(Base):
    __tablename__ = "product_price"
    __table_args__ = (UniqueConstraint("product_code", "zone_code", "period_code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    product_code: Mapped[str] = mapped_column(ForeignKey("product.code"))
    zone_code: Mapped[str] = mapped_column(ForeignKey("zone.code"))
    period_code: Mapped[str] = mapped_column(String(20))
    price: Mapped[Decimal] = mapped_column(Money)
    position: Mapped[int] = mapped_column(Integer, default=0)


class Conversation(Base):
    """A chat conversation (Rasa sender id) and the identity it is bound to."""
    __tablename__ = "conversation"
    sid: Mapped[str] = mapped_column(String(120), primary_key=True)
    channel: Mapped[str] = mapped_column(String(40), default="rest")
    citizen_id: Mapped[int | None] = mapped_column(ForeignKey("citizen.id"))
    # How the binding was made (digid | eherkenning | permit). A permit login binds to the
    # permit's holder but may only see and change that one permit (`scope_permit_id`).
    login_method: Mapped[str | None] = mapped_column(String(20))
    scope_permit_id: Mapped[int | None] = mapped_column(ForeignKey("permit.id", use_alter=True))
    bound_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_seen_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Kept after logout or idle expiry: where to tell the citizen something later (renewals).
    last_citizen_id: Mapped[int | None] = mapped_column(ForeignKey("citizen.id"), index=True)
    citizen: Mapped[Citizen | None] = relationship(lazy="joined", foreign_keys=[citizen_id])


class UsedToken(Base):
    """Single-use link tokens (login links) that have been used."""
    __tablename__ = "used_token"
    jti: Mapped[str] = mapped_column(String(64), primary_key=True)
    used_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Application(Base):
    __tablename__ = "application"
    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str | None] = mapped_column(String(20), unique=True)
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    # "new": a product applied for; "plate_change": a new plate for an existing permit
    kind: Mapped[str] = mapped_column(String(20), default="new", server_default="new")
    permit_id: Mapped[int | None] = mapped_column(ForeignKey("permit.id", use_alter=True))
    replaces_plate: Mapped[str | None] = mapped_column(String(8))
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizen.id"), index=True)
    conversation_sid: Mapped[str | None] = mapped_column(String(120))
    product_code: Mapped[str] = mapped_column(ForeignKey("product.code"))
    zone_code: Mapped[str] = mapped_column(ForeignKey("zone.code"))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    period_code: Mapped[str] = mapped_column(String(20))
    price: Mapped[Decimal] = mapped_column(Money)
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(30), index=True)
    # Why the municipality rejected it (shown to the citizen); the full log is in `decision`.
    rejection_reason: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)
    product: Mapped[Product] = relationship(lazy="joined")
    plates: Mapped[list[ApplicationPlate]] = relationship(
        lazy="selectin", order_by="ApplicationPlate.position", cascade="all, delete-orphan")


class ApplicationPlate(Base):
    __tablename__ = "application_plate"
    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"))
    position: Mapped[int] = mapped_column(Integer)
    plate: Mapped[str] = mapped_column(String(8))
    on_name: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str | None] = mapped_column(String(20))


class Permit(Base):
    """A granted product the citizen holds (Huidige producten / Historie)."""
    __tablename__ = "permit"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str | None] = mapped_column(String(20), unique=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizen.id"), index=True)
    application_id: Mapped[int | None] = mapped_column(ForeignKey("application.id"), unique=True)
    product_code: Mapped[str] = mapped_column(ForeignKey("product.code"))
    zone_code: Mapped[str] = mapped_column(ForeignKey("zone.code"))
    period_code: Mapped[str] = mapped_column(String(20))
    valid_from: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default=st.PermitStatus.ACTIVE, index=True)
    ended_on: Mapped[date | None] = mapped_column(Date)
    # Permit login (vergunningnummer + code): only a scrypt hash of the code is kept.
    login_code_hash: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    product: Mapped[Product] = relationship(lazy="joined")
    plates: Mapped[list[PermitPlate]] = relationship(
        lazy="selectin", order_by="PermitPlate.position", cascade="all, delete-orphan")


class PermitPlate(Base):
    __tablename__ = "permit_plate"
    id: Mapped[int] = mapped_column(primary_key=True)
    permit_id: Mapped[int] = mapped_column(ForeignKey("permit.id"))
    position: Mapped[int] = mapped_column(Integer)
    plate: Mapped[str] = mapped_column(String(8), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=False)


class CartItem(Base):
    """A line in the Winkelwagen: something the citizen still has to pay."""
    __tablename__ = "cart_item"
    id: Mapped[int] = mapped_column(primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizen.id"), index=True)
    application_id: Mapped[int | None] = mapped_column(ForeignKey("application.id"), unique=True)
    renewal_id: Mapped[int | None] = mapped_column(ForeignKey("renewal.id"), unique=True)
    description: Mapped[str] = mapped_column(String(200))
    amount: Mapped[Decimal] = mapped_column(Money)
    status: Mapped[str] = mapped_column(String(20), default=st.CartItemStatus.OPEN)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Invoice(Base):
    """What one payment covers: exactly the cart items at checkout time."""
    __tablename__ = "invoice"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str | None] = mapped_column(String(20), unique=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizen.id"), index=True)
    amount: Mapped[Decimal] = mapped_column(Money)
    status: Mapped[str] = mapped_column(String(20), default=st.InvoiceStatus.OPEN)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    lines: Mapped[list[InvoiceLine]] = relationship(lazy="selectin", cascade="all, delete-orphan")


class InvoiceLine(Base):
    __tablename__ = "invoice_line"
    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoice.id"))
    # A line pays either a cart item or a top-up of a visitor balance (backend/db/visitor_models.py).
    cart_item_id: Mapped[int | None] = mapped_column(ForeignKey("cart_item.id"))
    top_up_id: Mapped[int | None] = mapped_column(ForeignKey("top_up.id"))
    description: Mapped[str] = mapped_column(String(200))
    amount: Mapped[Decimal] = mapped_column(Money)
    cart_item: Mapped[CartItem | None] = relationship(lazy="joined")


class Payment(Base):
    """Our record of a payment at the PSP (Mollie shape: tr_… id, statuses)."""
    __tablename__ = "payment"
    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(40), unique=True)   # our reference, in the redirect URL
    psp_id: Mapped[str | None] = mapped_column(String(40), unique=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoice.id"))
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizen.id"), index=True)
    conversation_sid: Mapped[str | None] = mapped_column(String(120))
    channel: Mapped[str] = mapped_column(String(40), default="rest")
    purpose: Mapped[str] = mapped_column(String(20), default="cart", server_default="cart")  # cart | top_up
    amount: Mapped[Decimal] = mapped_column(Money)
    status: Mapped[str] = mapped_column(String(20), default=st.PaymentStatus.OPEN)
    checkout_url: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    paid_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    invoice: Mapped[Invoice] = relationship(lazy="joined")


class Document(Base):
    """Letters we make and evidence citizens upload; content kept in the database."""
    __tablename__ = "document"
    id: Mapped[int] = mapped_column(primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizen.id"), index=True)
    permit_id: Mapped[int | None] = mapped_column(ForeignKey("permit.id"))
    application_id: Mapped[int | None] = mapped_column(ForeignKey("application.id"))
    renewal_id: Mapped[int | None] = mapped_column(ForeignKey("renewal.id"))
    kind: Mapped[str] = mapped_column(String(30))        # permit_receipt | evidence | renewal_receipt …
    title: Mapped[str] = mapped_column(String(200))
    filename: Mapped[str] = mapped_column(String(200))
    mime: Mapped[str] = mapped_column(String(80))
    size: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Email(Base):
    """Every e-mail to a citizen, kept until it is sent (then the outbox file or SMTP id):
    a mail server that is down delays a mail, never loses it (jobs/mail_retries.py)."""
    __tablename__ = "email"
    id: Mapped[int] = mapped_column(primary_key=True)
    citizen_id: Mapped[int | None] = mapped_column(ForeignKey("citizen.id"))
    to: Mapped[str] = mapped_column(String(200))
    subject: Mapped[str] = mapped_column(String(200))
    message_id: Mapped[str] = mapped_column(String(200), default="")      # "" until sent
    # Rows from before migration 0011 were all sent: the server default.
    status: Mapped[str] = mapped_column(String(20), default=st.EmailStatus.PENDING, server_default="sent")
    body: Mapped[str | None] = mapped_column(Text)                         # to send it again
    document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"))   # the attachment
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    attempted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))   # last try began
    last_error: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Notification(Base):
    """An external event for a conversation (login done, payment update …) and its delivery."""
    __tablename__ = "notification"
    id: Mapped[int] = mapped_column(primary_key=True)
    sid: Mapped[str] = mapped_column(String(120), index=True)
    intent: Mapped[str] = mapped_column(String(60))
    entities: Mapped[dict] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(20), default=st.NotificationStatus.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Refund(Base):
    """Money to pay back (restitution after ending a permit), within 8 weeks."""
    __tablename__ = "refund"
    id: Mapped[int] = mapped_column(primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizen.id"), index=True)
    permit_id: Mapped[int] = mapped_column(ForeignKey("permit.id"), unique=True)
    amount: Mapped[Decimal] = mapped_column(Money)
    iban: Mapped[str | None] = mapped_column(String(34))
    status: Mapped[str] = mapped_column(String(20), default=st.RefundStatus.DUE)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Operator(Base):
    """A municipal employee who reviews applications in the back office (not a citizen)."""
    __tablename__ = "operator"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(300))      # scrypt, see domain/passwords.py
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Raised at logout and password change: older session cookies stop working.
    session_version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Decision(Base):
    """An operator's decision on an application in review: who, when, what and why."""
    __tablename__ = "decision"
    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    operator_id: Mapped[int] = mapped_column(ForeignKey("operator.id"))
    outcome: Mapped[str] = mapped_column(String(20))               # approved | rejected
    reason: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    operator: Mapped[Operator] = relationship(lazy="joined")
class Renewal(Base):
    """Verlenging: the next payment period of a product, offered before its end date.
    One per product and period start (the job may run twice, or on two backends)."""
    __tablename__ = "renewal"
    __table_args__ = (UniqueConstraint("permit_id", "period_start", name="uq_renewal_permit_period"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    permit_id: Mapped[int] = mapped_column(ForeignKey("permit.id"), index=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizen.id"), index=True)
    period_code: Mapped[str] = mapped_column(String(20))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    price: Mapped[Decimal] = mapped_column(Money)
    status: Mapped[str] = mapped_column(String(30), default=st.RenewalStatus.AWAITING_CONFIRMATION, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)
    permit: Mapped[Permit] = relationship(lazy="joined")


class HandoffTicket(Base):
    """A question handed over to a person at the Parkeerloket, with the chat so far
    (BSN and IBAN masked). `citizen_id` is empty when the person had not logged in."""
    __tablename__ = "handoff_ticket"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str | None] = mapped_column(String(20), unique=True)
    conversation_sid: Mapped[str] = mapped_column(String(120), index=True)
    channel: Mapped[str] = mapped_column(String(40), default="rest")
    citizen_id: Mapped[int | None] = mapped_column(ForeignKey("citizen.id"), index=True)
    transcript: Mapped[list] = mapped_column(JSON, default=list)   # [{"speaker": "user"|"bot", "text": ...}]
    status: Mapped[str] = mapped_column(String(20), default=st.HandoffStatus.OPEN)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
