"""Beëindigen: end a permit now, pay back the unused days, and send the proof.

One transaction: the permit ends (to Historie), the refund is recorded, the IBAN is kept
for it (never logged, shown masked), and the proof-of-termination letter is stored.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from backend.db.models import Application, Citizen, Permit, Refund
from backend.documents.termination_letter import TerminationLetter, render_termination_letter
from backend.domain.dates import format_date_nl
from backend.domain.identity import mask_iban, normalize_iban
from backend.domain.money import format_eur, to_api
from backend.domain.plates import display
from backend.domain.restitution import PAYMENT_WEEKS, restitution
from backend.domain.statuses import PermitStatus
from backend.services import parking, renewals, top_up
from backend.services.errors import ApiError
from backend.services.letters import letter_head, store_letter
from backend.services.mail import citizen_mail, send_and_record
from backend.services.payments import cancel_at_psp, document_json
from backend.services.permits import own_permit
from backend.services.transitions import move


def today() -> date:
    return date.today()


async def _paid_price(db: AsyncSession, permit: Permit):
    application = await db.get(Application, permit.application_id) if permit.application_id else None
    return application.price if application else Decimal("0.00")


async def preview(db: AsyncSession, citizen: Citizen, permit_id: int) -> dict:
    permit = await own_permit(db, citizen, permit_id)
    amount = restitution(await _paid_price(db, permit), permit.valid_from, permit.valid_until, today())
    return {"number": permit.number, "product_code": permit.product_code,
            "plates": [display(p.plate) for p in permit.plates],
            "end_date": today().isoformat(),
            "restitution": to_api(amount),
            "paid_within_weeks": PAYMENT_WEEKS,
            "needs_iban": amount > 0 and not citizen.iban,
            "iban_masked": mask_iban(citizen.iban) if citizen.iban else None}


async def confirm(app, citizen_id: int, permit_id: int, iban_text: str | None) -> dict:
    """End the permit today (POST /products/<id>/termination); a second request at the same
    moment gets 409 already_ended."""
    async with app.ctx.sessionmaker.begin() as db:
        citizen = await db.get(Citizen, citizen_id)
        permit = await own_permit(db, citizen, permit_id)
        amount = restitution(await _paid_price(db, permit), permit.valid_from, permit.valid_until, today())
        if iban_text:
            iban = normalize_iban(iban_text)
            if iban is None:
                raise ApiError("iban_invalid")
            citizen.iban = iban
        if amount > 0 and not citizen.iban:
            raise ApiError("iban_missing")
        if not await move(db, permit, PermitStatus.ENDED, (PermitStatus.ACTIVE,), ended_on=today()):
            raise ApiError("already_ended", {"number": permit.number}, 409)
        psp_ids = await renewals.withdraw_for_ended_product(db, permit)
        await parking.stop_all_for_permit(db, permit.id)      # visitors' sessions end with it
        psp_ids += await top_up.withdraw_for_ended_permit(db, permit)   # and its open top-up links
        if amount > 0:
            db.add(Refund(citizen_id=citizen.id, permit_id=permit.id, amount=amount, iban=citizen.iban))
        masked = mask_iban(citizen.iban) if citizen.iban else None
        letter = TerminationLetter(
            **letter_head(app, citizen, today()),
            product_name=permit.product.name, permit_number=permit.number,
            plates=[display(p.plate) for p in permit.plates], valid_from=permit.valid_from,
            valid_until=permit.valid_until, ended_on=today(), restitution=amount, iban_masked=masked)
        doc = await store_letter(db, render_termination_letter, letter, citizen=citizen, kind="termination",
                                 title=f"Bewijs van beëindiging {permit.number}",
                                 filename=f"beeindiging-{permit.number}.pdf", permit_id=permit.id)
        result = {"number": permit.number, "product_code": permit.product_code,
                  "ended_on": today().isoformat(),
                  "restitution": to_api(amount),
                  "paid_within_weeks": PAYMENT_WEEKS, "iban_masked": masked,
                  "document": document_json(app, doc, permit.number)}
        mail = citizen_mail(
            app.ctx.settings, citizen, f"Beëindiging van uw {permit.product.name} {permit.number}",
            f"Uw {permit.product.name} {permit.number} is beëindigd op {format_date_nl(today())}. "
            f"U krijgt {format_eur(amount)} terug, binnen {PAYMENT_WEEKS} weken. "
            "In de bijlage vindt u het bewijs van beëindiging.", doc)
        citizen_id = citizen.id
    await cancel_at_psp(app, psp_ids)
    await send_and_record(app, citizen_id, mail)
    return result
