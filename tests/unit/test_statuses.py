"""One status enum per aggregate, each with its final statuses; the stored values stay."""

from enum import StrEnum

from backend.db import models
from backend.domain import statuses as st


def test_every_final_set_is_a_subset_of_its_enum():
    for enum, final in st.FINAL.items():
        assert final <= set(enum), enum
        assert all(isinstance(s, enum) for s in final), enum


def test_every_enum_has_a_final_set_and_not_final_is_the_rest():
    enums = {v for v in vars(st).values() if isinstance(v, type) and issubclass(v, StrEnum) and v is not StrEnum}
    assert len(enums) >= 10
    assert set(st.FINAL) == enums
    for enum in enums:
        assert set(st.not_final(enum)) | st.FINAL[enum] == set(enum)
        assert not set(st.not_final(enum)) & st.FINAL[enum]


def test_stored_values_are_unchanged():
    assert [s.value for s in st.ApplicationStatus] == [
        "awaiting_evidence", "in_review", "awaiting_payment", "granted", "rejected", "cancelled"]
    assert [s.value for s in st.PaymentStatus] == [
        "open", "paid", "failed", "canceled", "expired", "superseded", "amount_mismatch"]
    assert [s.value for s in st.RenewalStatus] == [
        "awaiting_confirmation", "awaiting_payment", "paid", "withdrawn", "expired"]
    assert [s.value for s in st.PermitStatus] == ["active", "ended"]
    assert [s.value for s in st.CartItemStatus] == ["open", "paid", "removed"]
    assert [s.value for s in st.NotificationStatus] == ["pending", "retrying", "sent", "failed"]
    assert [s.value for s in st.EmailStatus] == ["pending", "retrying", "sent", "failed"]
    assert st.ApplicationStatus.GRANTED == "granted"       # compares with what the database hands back


def test_final_and_open_statuses():
    assert st.is_final(st.PaymentStatus.PAID) and not st.is_final(st.PaymentStatus.SUPERSEDED)
    assert st.is_final(st.RenewalStatus.EXPIRED) and not st.is_final(st.RenewalStatus.WITHDRAWN)
    assert not set(st.OPEN_APPLICATION_STATUSES) & st.FINAL[st.ApplicationStatus]
    assert not set(st.OPEN_RENEWAL_STATUSES) & st.FINAL[st.RenewalStatus]


def test_column_defaults_are_enum_values():
    for model, enum in ((models.Permit, st.PermitStatus), (models.CartItem, st.CartItemStatus),
                        (models.Invoice, st.InvoiceStatus), (models.Payment, st.PaymentStatus),
                        (models.Renewal, st.RenewalStatus), (models.Notification, st.NotificationStatus),
                        (models.Email, st.EmailStatus),
                        (models.Refund, st.RefundStatus), (models.HandoffTicket, st.HandoffStatus)):
        assert enum(model.__table__.c.status.default.arg), model
