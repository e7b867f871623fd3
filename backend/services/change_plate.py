"""Kenteken wijzigen: replace (or add) a plate on an active permit.

A plate on the citizen's own name changes at once, in one transaction with the
confirmation letter. A plate that is not needs evidence: the change is stored as an
application of kind "plate_change" (the stored value) that waits for the upload and the municipality's
review, like a new application. The same idempotency key never changes twice.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.adapters.email.base import OutgoingMail
from backend.db.account_models import PlateSwitch
from backend.db.models import Application, ApplicationPlate, Citizen, Document, Permit, PermitPlate
from backend.documents.change_plate_letter import ChangePlateLetter, render_change_plate_letter
from backend.domain import applications as rules
from backend.domain.plates import display, normalize
from backend.domain.statuses import ApplicationStatus
from backend.services import mijn2park
from backend.services.applications import check_new_plate, upload_url
from backend.services.errors import ApiError
from backend.services.letters import letter_head, store_letter
from backend.services.mail import citizen_mail, send_and_record
from backend.services.payments import document_json
from backend.services.permits import active_plate, lock_permit, own_permit


def today() -> date:
    return date.today()


async def change_plate(app, citizen_id: int, sid: str, permit_id: int, old_text: str | None,
                       new_text: str, reason: str | None, idempotency_key: str) -> dict:
    if not idempotency_key:
        raise ApiError("idempotency_key_missing", status=400)
    async with app.ctx.sessionmaker.begin() as db:
        citizen = await db.get(Citizen, citizen_id)
        existing = await db.scalar(select(Application).where(Application.idempotency_key == idempotency_key))
        if existing is not None:
            return await _result(app, db, existing)
        await lock_permit(db, permit_id)     # as a switch does: plates and the active one, one at a time
        permit = await own_permit(db, citizen, permit_id)
        current = [p.plate for p in permit.plates]
        old = normalize(old_text or "") if old_text else None
        if old_text and old not in current:
            raise ApiError("plate_not_on_permit", {"plates": [display(p) for p in current]})
        if old is None and len(current) >= permit.product.max_plates:
            raise ApiError("too_many_plates", {"max": permit.product.max_plates})
        checked = await check_new_plate(db, app.ctx.vehicles, citizen, new_text, current)
        new, on_name = checked["value"], checked["on_name"]
        if not on_name and reason not in rules.EVIDENCE_REASONS:
            raise ApiError("reason_missing", {"plate": display(new)})
        change = Application(
            idempotency_key=idempotency_key, kind="plate_change", permit_id=permit.id, replaces_plate=old,
            citizen_id=citizen.id, conversation_sid=sid, product_code=permit.product_code,
            zone_code=permit.zone_code, start_date=today(), end_date=permit.valid_until,
            period_code=permit.period_code, price=Decimal("0.00"), answers={},
            status=ApplicationStatus.GRANTED if on_name else ApplicationStatus.AWAITING_EVIDENCE,
            plates=[ApplicationPlate(position=0, plate=new, on_name=on_name,
                                     reason=None if on_name else reason)])
        db.add(change)
        await db.flush()
        change.reference = rules.make_reference(change.id, today().year)
        change.product = permit.product
        mail = None
        if on_name:
            mail = await apply_change(app, db, citizen, permit, change)
        result = await _result(app, db, change)
    if mail is not None:
        await send_and_record(app, citizen_id, mail)
        await mijn2park.offer_link(app, mail.document_id)     # a second plate: link for the kentekenswitch
    return result


async def apply_change(app, db: AsyncSession, citizen: Citizen, permit: Permit,
                       change: Application) -> OutgoingMail:
    """Put the new plate on the permit and store the confirmation letter (the caller holds
    `lock_permit` and read the permit after it)."""
    new = change.plates[0].plate
    old = change.replaces_plate
    if old:
        slot = next(p for p in permit.plates if p.plate == old)
        slot.plate = new
        if slot.active:       # the active plate is replaced: logged as every change of it
            db.add(PlateSwitch(permit_id=permit.id, plate=new, channel="plate_change"))
    else:
        permit.plates.append(PermitPlate(position=len(permit.plates), plate=new, active=not permit.plates))
    change.status = ApplicationStatus.GRANTED   # already so: set at creation, or by the decision
    plates_now = [display(p.plate) for p in sorted(permit.plates, key=lambda p: p.position)]
    letter = ChangePlateLetter(
        **letter_head(app, citizen, today()),
        product_name=permit.product.name, permit_number=permit.number,
        old_plate=display(old) if old else None, new_plate=display(new), plates_now=plates_now,
        valid_until=permit.valid_until)
    doc = await store_letter(db, render_change_plate_letter, letter, citizen=citizen, kind="plate_change",
                             title=f"Kentekenwijziging {permit.number}",
                             filename=f"kentekenwijziging-{change.reference}.pdf",
                             permit_id=permit.id, application_id=change.id)
    return citizen_mail(
        app.ctx.settings, citizen, f"Kenteken gewijzigd op uw {permit.product.name} {permit.number}",
        f"Op uw {permit.product.name} {permit.number} staat nu: {', '.join(plates_now)}. "
        "In de bijlage vindt u de bevestiging.", doc)


async def _result(app, db: AsyncSession, change: Application) -> dict:
    permit = await db.get(Permit, change.permit_id)
    out = {"reference": change.reference, "status": change.status,
           "number": permit.number, "product_code": permit.product_code,
           "plates": [display(p.plate) for p in permit.plates],
           "active_plate": active_plate(permit),
           "new_plate": display(change.plates[0].plate), "upload_url": upload_url(app, change), "document": None}
    doc = await db.scalar(select(Document).where(Document.application_id == change.id,
                                                 Document.kind == "plate_change"))
    if doc is not None:
        out["document"] = document_json(app, doc, permit.number)
    return out
