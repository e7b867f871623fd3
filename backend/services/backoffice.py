"""Back office use cases: operator accounts and login, the review queue, and the decision
on an application with evidence (approve or reject) with its effects for the citizen.

A decision is one transaction: a conditional status change (only from "in_review") under
a row lock, the decision record and its effects. Two operators deciding at once: one
wins, the other is refused and nothing of theirs is stored.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from backend.adapters.email.base import OutgoingMail
from backend.db.models import Application, Citizen, Conversation, Decision, Document, Operator, Permit
from backend.documents.decision_letter import RejectionLetter, render_rejection_letter
from backend.domain import review
from backend.domain.applications import EVIDENCE_REASONS, status_label
from backend.domain.dates import as_utc, format_date_nl
from backend.domain.identity import account_label, mask_bsn
from backend.domain.money import format_eur, to_api
from backend.domain.passwords import DUMMY_HASH, hash_password, password_problem, verify_password
from backend.domain.periods import PERIOD_LABELS
from backend.domain.plates import display
from backend.domain.statuses import ApplicationStatus, PermitStatus
from backend.services import mijn2park
from backend.services.applications import add_to_cart
from backend.services.change_plate import apply_change
from backend.services.errors import ApiError
from backend.services.letters import letter_head, store_letter
from backend.services.mail import citizen_mail, send_and_record
from backend.services.notify import notify
from backend.services.payments import cancel_at_psp, checkout, document_url, supersede_open_payments
from backend.services.permits import active_plate, lock_permit

log = logging.getLogger(__name__)
DECIDED_INTENT = "EXTERNAL_application_decided"


def now() -> datetime:
    return datetime.now(timezone.utc)


# Operators

async def set_operator(db: AsyncSession, username: str, password: str, name: str | None,
                       public: bool) -> tuple[Operator, bool]:
    """Create the operator, or set a new password (and end their sessions). (operator, created)."""
    username = (username or "").strip().lower()
    if not username or len(username) > 60 or not username.replace("-", "").replace(".", "").isalnum():
        raise ApiError("bad_username", status=422)
    problem = password_problem(password, public)
    if problem:
        raise ApiError("bad_password", {"message": problem}, 422)
    hashed = await asyncio.to_thread(hash_password, password)
    operator = await db.scalar(select(Operator).where(Operator.username == username))
    if operator is None:
        operator = Operator(username=username, name=name or username, password_hash=hashed,
                            failed_logins=0, session_version=1)
        db.add(operator)
        await db.flush()
        return operator, True
    operator.password_hash = hashed
    operator.name = name or operator.name
    operator.failed_logins, operator.locked_until = 0, None
    operator.session_version += 1
    return operator, False


async def authenticate(app, username: str, password: str) -> Operator:
    """The operator, or ApiError: bad_credentials, locked (params: minutes), demo_password.
    A wrong password is counted (and locks the account after a few) even though it is refused."""
    username = (username or "").strip().lower()
    public = not app.ctx.settings.is_local
    error: ApiError | None = None
    async with app.ctx.sessionmaker.begin() as db:
        operator = await db.scalar(select(Operator).where(Operator.username == username)
                                   .with_for_update())
        if operator is None:
            await asyncio.to_thread(verify_password, password or "", DUMMY_HASH)
            raise ApiError("bad_credentials", status=401)
        locked = as_utc(operator.locked_until)
        if locked and locked > now():
            minutes = max(1, int((locked - now()).total_seconds() // 60) + 1)
            raise ApiError("locked", {"minutes": minutes}, 429)
        if not await asyncio.to_thread(verify_password, password or "", operator.password_hash):
            operator.failed_logins = (operator.failed_logins or 0) + 1
            if operator.failed_logins >= review.MAX_FAILED_LOGINS:
                operator.failed_logins = 0
                operator.locked_until = now() + timedelta(minutes=review.LOCK_MINUTES)
                log.warning("operator %s locked after failed logins", operator.id)
            error = ApiError("bad_credentials", status=401)     # raised after the commit
        elif public and password_problem(password, public):
            raise ApiError("demo_password", status=403)
        else:
            operator.failed_logins, operator.locked_until = 0, None
    if error:
        raise error
    return operator


async def end_sessions(app, operator_id: int) -> None:
    """Logout: every session cookie of this operator stops working."""
    async with app.ctx.sessionmaker.begin() as db:
        operator = await db.get(Operator, operator_id, with_for_update=True)
        operator.session_version += 1


# The queue and one application

def _product_name(a: Application) -> str:
    return a.product.name if a.kind == "new" else f"kentekenwijziging {a.product.name}"


def _waiting_since(a: Application) -> datetime:
    return as_utc(a.updated_at or a.created_at)


async def queue(db: AsyncSession, today: date) -> list[dict]:
    """Everything that waits for a decision, oldest first. Never a full BSN."""
    rows = list(await db.scalars(select(Application).where(Application.status == ApplicationStatus.IN_REVIEW)
                                 .order_by(Application.updated_at, Application.id)))
    citizens = {c.id: c for c in await db.scalars(
        select(Citizen).where(Citizen.id.in_({a.citizen_id for a in rows})))} if rows else {}
    return [{"id": a.id, "reference": a.reference, "kind": a.kind, "product_name": _product_name(a),
             "citizen_name": citizens[a.citizen_id].name, "bsn": mask_bsn(citizens[a.citizen_id].bsn or ""),
             "identifier": account_label(citizens[a.citizen_id].bsn, citizens[a.citizen_id].kvk),
             "reason": review.review_reason([(p.on_name, p.reason) for p in a.plates], a.kind),
             "waiting_since": _waiting_since(a).isoformat(),
             "days_waiting": review.days_waiting(_waiting_since(a), today)} for a in rows]


async def detail(db: AsyncSession, application_id: int, today: date) -> dict:
    a = await db.get(Application, application_id)
    if a is None:
        raise ApiError("unknown_application", status=404)
    citizen = await db.get(Citizen, a.citizen_id)
    questions = {q["code"]: q["text"] for q in a.product.questions or []}
    docs = []
    for d in (await db.execute(select(Document.id, Document.title, Document.filename, Document.mime,
                                      Document.size, Document.created_at)
                               .where(Document.application_id == a.id, Document.kind == "evidence")
                               .order_by(Document.id))).all():
        docs.append({"id": d.id, "title": d.title, "filename": d.filename, "mime": d.mime, "size": d.size,
                     "created_at": as_utc(d.created_at).isoformat() if d.created_at else None,
                     "url": f"/backoffice/applications/{a.id}/evidence/{d.id}"})
    permit = await db.get(Permit, a.permit_id) if a.permit_id else None
    decisions = list(await db.scalars(select(Decision).where(Decision.application_id == a.id)
                                      .order_by(Decision.id)))
    address = citizen.address
    return {
        "id": a.id, "reference": a.reference, "kind": a.kind, "product_name": _product_name(a),
        "status": a.status, "status_label": status_label(a.status), "decidable": a.status == ApplicationStatus.IN_REVIEW,
        "citizen": {"name": citizen.name, "bsn": mask_bsn(citizen.bsn or ""),
                    "identifier": account_label(citizen.bsn, citizen.kvk),
                    "address": f"{address.line}, {address.postcode_city}",
                    "zone_name": address.zone.name if address.zone else ""},
        "start_date_display": format_date_nl(a.start_date), "end_date_display": format_date_nl(a.end_date),
        "period_label": PERIOD_LABELS.get(a.period_code, a.period_code), "price_display": format_eur(a.price),
        "plates": [{"plate": display(p.plate), "on_name": p.on_name,
                    "reason": EVIDENCE_REASONS.get(p.reason or "", p.reason)} for p in a.plates],
        "replaces_plate": display(a.replaces_plate) if a.replaces_plate else None,
        "permit": {"number": permit.number, "plates": [display(p.plate) for p in permit.plates]}
        if permit else None,
        "answers": [{"question": questions.get(code, code), "answer": value.capitalize()}
                    for code, value in (a.answers or {}).items()],
        "reason": review.review_reason([(p.on_name, p.reason) for p in a.plates], a.kind),
        "waiting_since": _waiting_since(a).isoformat(),
        "days_waiting": review.days_waiting(_waiting_since(a), today),
        "evidence": docs,
        "decisions": [{"outcome": d.outcome, "outcome_label": review.OUTCOME_LABELS[d.outcome],
                       "reason": d.reason, "operator": d.operator.name, "operator_username": d.operator.username,
                       "at": as_utc(d.created_at).isoformat()} for d in decisions],
    }


async def evidence(db: AsyncSession, application_id: int, document_id: int) -> Document:
    doc = await db.get(Document, document_id)
    if doc is None or doc.application_id != application_id or doc.kind != "evidence":
        raise ApiError("unknown_document", status=404)
    return doc


# The decision

async def _last_contact(db: AsyncSession, a: Application) -> tuple[str | None, str]:
    """The conversation the citizen used last: one bound to them now, or the one they applied in."""
    candidates = list(await db.scalars(select(Conversation).where(Conversation.citizen_id == a.citizen_id)))
    if a.conversation_sid:
        own = await db.get(Conversation, a.conversation_sid)
        if own is not None and own not in candidates:
            candidates.append(own)
    if not candidates:
        return a.conversation_sid, "rest"
    epoch = datetime.min.replace(tzinfo=timezone.utc)
    best = max(candidates, key=lambda c: as_utc(c.last_seen_at) or as_utc(c.bound_at) or epoch)
    return best.sid, best.channel or "rest"


REFUSALS = {
    "approved": "Deze aanvraag is al goedgekeurd.",
    "rejected": "Deze aanvraag is al afgewezen.",
}


async def decide(app, operator_id: int, application_id: int, outcome: str, reason: str | None) -> dict:
    """Approve or reject an application in review. ApiError: unknown_application (404),
    bad_outcome / reason_missing / reason_too_long (422), not_in_review (409, params: status_label),
    permit_not_active (409)."""
    settings = app.ctx.settings
    mail: OutgoingMail | None = None
    psp_ids: list[str] = []
    link_letter_id: int | None = None
    async with app.ctx.sessionmaker.begin() as db:
        current = await db.scalar(select(Application.status).where(Application.id == application_id))
        if current is None:
            raise ApiError("unknown_application", status=404)
        code, reason = review.check_decision(ApplicationStatus.IN_REVIEW, outcome, reason)
        if code:
            raise ApiError(code, {"max": review.REASON_MAX}, 422)
        # Only one decision: the status changes only if it still is "in_review" (and the row
        # stays locked until the commit where the database has row locks).
        new_status = ApplicationStatus.REJECTED if outcome == "rejected" else (
            ApplicationStatus.AWAITING_PAYMENT if await _kind(db, application_id) == "new"
            else ApplicationStatus.GRANTED)
        changed = await db.execute(
            update(Application).where(Application.id == application_id,
                                      Application.status == ApplicationStatus.IN_REVIEW)
            .values(status=new_status, updated_at=now()).execution_options(synchronize_session=False))
        if changed.rowcount != 1:
            raise ApiError("not_in_review", {"status_label": status_label(current)}, 409)
        a = await db.get(Application, application_id, populate_existing=True,
                         with_for_update={"of": Application})
        citizen = await db.get(Citizen, a.citizen_id)
        operator = await db.get(Operator, operator_id)
        db.add(Decision(application_id=a.id, operator_id=operator.id, outcome=outcome, reason=reason))
        # Codes and ISO values only: the actions say it in the conversation's language. The
        # operator's reason is their own words and travels as typed.
        entities = {"application_reference": a.reference, "decision": outcome, "decision_kind": a.kind,
                    "product_code": a.product_code}
        if outcome == "rejected":
            a.status, a.rejection_reason = ApplicationStatus.REJECTED, reason
            mail, doc = await _rejection(app, db, citizen, a, reason)
            entities.update(reason=reason, document_url=document_url(app, doc))
        elif a.kind == "plate_change":
            await lock_permit(db, a.permit_id)      # as a switch does (services/active_plate.py)
            permit = await db.get(Permit, a.permit_id, populate_existing=True)
            if permit is None or permit.status != PermitStatus.ACTIVE:
                raise ApiError("permit_not_active", status=409)
            mail = await apply_change(app, db, citizen, permit, a)
            letter = await db.scalar(select(Document).where(Document.application_id == a.id,
                                                            Document.kind == "plate_change"))
            entities.update(new_plate=display(a.plates[0].plate), number=permit.number,
                            plates=", ".join(display(p.plate) for p in permit.plates),
                            active_plate=active_plate(permit), document_url=document_url(app, letter))
            link_letter_id = letter.id
        else:
            add_to_cart(db, citizen, a)
            psp_ids = await supersede_open_payments(db, citizen.id)
            entities.update(amount=to_api(a.price))
        sid, channel = await _last_contact(db, a)
    await cancel_at_psp(app, psp_ids)
    if outcome == "approved" and a.kind == "new":
        try:
            payment = await checkout(app, citizen, sid or "", channel)
            entities.update(payment_url=payment["payment_url"], amount=payment["amount"])
        except ApiError as e:     # the approval stands; the citizen can ask for a link in the chat
            log.warning("no payment link after approving %s: %s", a.reference, e.code)
        mail = _approval_mail(settings, citizen, a, entities.get("payment_url"))
    if mail is not None:
        await send_and_record(app, citizen.id, mail)
    if link_letter_id is not None:
        await mijn2park.offer_link(app, link_letter_id)   # a second plate: link for the kentekenswitch
    await notify(app, sid, DECIDED_INTENT, entities)
    return {"reference": a.reference, "status": a.status, "status_label": status_label(a.status),
            "outcome": outcome, "reason": reason, "notified": bool(sid), **{
                k: v for k, v in entities.items() if k in ("payment_url", "new_plate")}}


async def _kind(db: AsyncSession, application_id: int) -> str:
    return await db.scalar(select(Application.kind).where(Application.id == application_id))


def _approval_mail(settings, citizen: Citizen, a: Application, payment_url: str | None) -> OutgoingMail:
    pay = (f"U kunt nu betalen ({format_eur(a.price)}) via deze link:\n{payment_url}\n" if payment_url
           else "U kunt nu betalen. Vraag in de chat om de betaallink.\n")
    return citizen_mail(settings, citizen, f"Uw aanvraag {a.reference} is goedgekeurd",
                        f"Uw aanvraag {a.reference} voor een {a.product.name} is goedgekeurd. {pay}\n"
                        "Na de betaling krijgt u de vergunning.")


async def _rejection(app, db: AsyncSession, citizen: Citizen, a: Application,
                     reason: str) -> tuple[OutgoingMail, Document]:
    settings = app.ctx.settings
    subject = "aanvraag " + a.product.name if a.kind == "new" else "kentekenwijziging " + a.product.name
    letter = RejectionLetter(**letter_head(app, citizen, date.today()), subject=subject, reference=a.reference,
                             plates=[display(p.plate) for p in a.plates], reason=reason)
    doc = await store_letter(db, render_rejection_letter, letter, citizen=citizen, kind="decision",
                             title=f"Besluit {a.reference}", filename=f"besluit-{a.reference}.pdf",
                             permit_id=a.permit_id, application_id=a.id)
    mail = citizen_mail(settings, citizen, f"Uw {subject} {a.reference} is afgewezen",
                        f"Wij hebben uw {subject} {a.reference} beoordeeld en wijzen deze af.\nReden: {reason}\n\n"
                        "U kunt een nieuwe aanvraag doen in de chat, met een ander bewijsstuk. "
                        "Heeft u vragen? Bel 14 0570.", doc)
    return mail, doc
