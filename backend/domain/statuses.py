"""The status codes of every aggregate with a status column, one enum each, and the
statuses each can never leave (FINAL). The stored values are these strings.

A move to a final status is made with a conditional UPDATE (`services/transitions.py`),
so two concurrent requests can never both finish the same row.
"""

from __future__ import annotations

from enum import StrEnum


class ApplicationStatus(StrEnum):
    AWAITING_EVIDENCE = "awaiting_evidence"
    IN_REVIEW = "in_review"
    AWAITING_PAYMENT = "awaiting_payment"
    GRANTED = "granted"
    REJECTED = "rejected"
    CANCELLED = "cancelled"


class PermitStatus(StrEnum):
    ACTIVE = "active"
    ENDED = "ended"


class CartItemStatus(StrEnum):
    OPEN = "open"
    PAID = "paid"
    REMOVED = "removed"


class InvoiceStatus(StrEnum):
    OPEN = "open"
    PAID = "paid"
    VOID = "void"


class PaymentStatus(StrEnum):
    """Ours; the first five are also the PSP's (Mollie) statuses."""
    OPEN = "open"
    PAID = "paid"
    FAILED = "failed"
    CANCELED = "canceled"
    EXPIRED = "expired"
    SUPERSEDED = "superseded"           # a newer payment link replaced it
    AMOUNT_MISMATCH = "amount_mismatch"  # the PSP reported another amount: left for a person


class RenewalStatus(StrEnum):
    AWAITING_CONFIRMATION = "awaiting_confirmation"
    AWAITING_PAYMENT = "awaiting_payment"
    PAID = "paid"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"


class NotificationStatus(StrEnum):
    PENDING = "pending"
    RETRYING = "retrying"
    SENT = "sent"
    FAILED = "failed"                   # retried by jobs/notifications.py for an hour


class EmailStatus(StrEnum):
    PENDING = "pending"                 # recorded, being sent
    RETRYING = "retrying"               # claimed by jobs/mail_retries.py
    SENT = "sent"
    FAILED = "failed"                   # sent again by jobs/mail_retries.py for three days


class RefundStatus(StrEnum):
    DUE = "due"
    PAID = "paid"


class HandoffStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class TopUpStatus(StrEnum):
    """Opwaarderen of a visitor balance; PAID writes exactly one ledger entry."""
    OPEN = "open"
    PAID = "paid"
    FAILED = "failed"                   # the PSP reported failed, canceled or expired
    SUPERSEDED = "superseded"           # a newer top-up link replaced it


class ParkingSessionStatus(StrEnum):
    """A visitor's parking action. ACTIVE covers planned and running (by the clock)."""
    ACTIVE = "active"
    ENDED = "ended"                     # reached its end time (jobs)
    STOPPED = "stopped"                 # stopped early by the citizen: unused part refunded
    CANCELLED = "cancelled"             # stopped before it began: all refunded


# A row in a final status never changes status again.
FINAL: dict[type[StrEnum], frozenset] = {
    ApplicationStatus: frozenset({ApplicationStatus.GRANTED, ApplicationStatus.REJECTED,
                                  ApplicationStatus.CANCELLED}),
    # None: an ended product runs again when its renewal is paid after the job ended it.
    PermitStatus: frozenset(),
    # "removed" is not final: a renewal taken out of the cart can be confirmed again.
    CartItemStatus: frozenset({CartItemStatus.PAID}),
    # "void" is not final: a superseded link the citizen still paid pays its invoice.
    InvoiceStatus: frozenset({InvoiceStatus.PAID}),
    # The PSP's final statuses; "superseded" and "amount_mismatch" are checked again when
    # the PSP reports once more.
    PaymentStatus: frozenset({PaymentStatus.PAID, PaymentStatus.FAILED, PaymentStatus.CANCELED,
                              PaymentStatus.EXPIRED}),
    # "withdrawn" is not final: the job still ends the product on its end date.
    RenewalStatus: frozenset({RenewalStatus.PAID, RenewalStatus.EXPIRED}),
    NotificationStatus: frozenset({NotificationStatus.SENT}),
    EmailStatus: frozenset({EmailStatus.SENT}),
    RefundStatus: frozenset({RefundStatus.PAID}),
    HandoffStatus: frozenset({HandoffStatus.CLOSED}),
    # "superseded" is not final: a replaced top-up link the citizen still paid credits the balance.
    TopUpStatus: frozenset({TopUpStatus.PAID, TopUpStatus.FAILED}),
    ParkingSessionStatus: frozenset({ParkingSessionStatus.ENDED, ParkingSessionStatus.STOPPED,
                                     ParkingSessionStatus.CANCELLED}),
}

OPEN_APPLICATION_STATUSES: tuple[ApplicationStatus, ...] = (
    ApplicationStatus.AWAITING_EVIDENCE, ApplicationStatus.IN_REVIEW, ApplicationStatus.AWAITING_PAYMENT)
OPEN_RENEWAL_STATUSES: tuple[RenewalStatus, ...] = (
    RenewalStatus.AWAITING_CONFIRMATION, RenewalStatus.AWAITING_PAYMENT)


def is_final(status: StrEnum) -> bool:
    return status in FINAL[type(status)]


def not_final(enum: type[StrEnum]) -> tuple[StrEnum, ...]:
    """The statuses of `enum` a row can still leave."""
    return tuple(s for s in enum if s not in FINAL[enum])
