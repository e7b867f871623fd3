"""The application journey: validate answers one by one (one validator per field in
`VALIDATORS`), preview, submit, list; and the new-plate check the plate change uses too.

Nothing is stored before `create_application`; that one call is one transaction
(application, plates, and the cart item when no evidence is needed) and is
idempotent on the caller's key, so a retried or double-sent confirmation never
creates a second application.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from backend.db.models import Application, ApplicationPlate, CartItem, Citizen, Permit, PermitPlate, Product
from backend.domain import applications as rules
from backend.domain.answers import parse_yes_no
from backend.domain.dates import check_start_date, format_date_nl, max_start_date, parse_date
from backend.domain.identity import mask_iban, normalize_iban
from backend.domain.money import to_api
from backend.domain.periods import PERIOD_LABELS, parse_period, valid_until
from backend.domain.plates import display, find_plate, normalize
from backend.domain.statuses import OPEN_APPLICATION_STATUSES, ApplicationStatus, CartItemStatus, PermitStatus
from backend.services import catalogue
from backend.services.errors import ApiError
from backend.services.payments import cancel_at_psp, cart, supersede_open_payments

# What the chat does after a submit, by the new application's status.
NEXT_STEP = {ApplicationStatus.AWAITING_EVIDENCE: "upload", ApplicationStatus.AWAITING_PAYMENT: "pay"}


def today() -> date:
    return date.today()


def _draft_plates(draft: dict) -> list[dict]:
    out = []
    for p in draft.get("plates") or []:
        p = {"value": p} if isinstance(p, str) else dict(p)
        if p.get("value"):
            out.append(p)
    return out


async def plate_taken(db: AsyncSession, plate: str, citizen: Citizen) -> bool:
    """Is the plate on an active permit (of anyone) or in someone else's open application?"""
    on_permit = await db.scalar(select(PermitPlate.id).join(Permit).where(
        PermitPlate.plate == plate, Permit.status == PermitStatus.ACTIVE).limit(1))
    if on_permit:
        return True
    return bool(await db.scalar(select(ApplicationPlate.id).join(Application).where(
        ApplicationPlate.plate == plate, Application.citizen_id != citizen.id,
        Application.status.in_(OPEN_APPLICATION_STATUSES)).limit(1)))


async def check_new_plate(db: AsyncSession, vehicles, citizen: Citizen, text: str, present: list[str]) -> dict:
    """A plate to put on a permit (a new application or a plate change): readable, not one
    of `present` (the plates already given), on nobody's active permit or open application.
    Returns {"value", "display", "on_name", "known"} or raises ApiError (422)."""
    plate = normalize(text) or find_plate(text)
    if plate is None:
        raise ApiError("plate_invalid", {"text": (text or "")[:20]})
    if plate in present:
        raise ApiError("plate_duplicate", {"plate": display(plate)})
    if await plate_taken(db, plate, citizen):
        raise ApiError("plate_on_other_permit", {"plate": display(plate)})
    record = await vehicles.lookup(plate)
    on_name = record is not None and record.held_by(citizen.bsn, citizen.kvk)
    return {"value": plate, "display": display(plate), "on_name": on_name, "known": record is not None}


# One validator per answer field: (db, vehicles, citizen, text, draft) → result, or ApiError.

async def _start_date(db, vehicles, citizen: Citizen, text: str, draft: dict) -> dict:
    start = parse_date(text, today())
    if start is None:
        raise ApiError("date_unreadable", {"max_date": max_start_date(today()).isoformat()})
    problem = check_start_date(start, today())
    if problem:
        code, params = problem
        raise ApiError(code, params)
    return {"ok": True, "value": start.isoformat()}


async def _period(db, vehicles, citizen: Citizen, text: str, draft: dict) -> dict:
    product = await catalogue.get_product(db, draft.get("product"))
    offered = {p.period_code: p for p in await catalogue.prices(db, product.code, citizen.address.zone_code)}
    code = parse_period(text)
    if code not in offered:
        raise ApiError("period_unknown", {"options": list(offered)})
    result = {"ok": True, "value": code, "price": to_api(offered[code].price)}
    if draft.get("start_date"):
        end = valid_until(date.fromisoformat(draft["start_date"]), code)
        result.update(valid_until=end.isoformat())
    return result


async def _plate(db, vehicles, citizen: Citizen, text: str, draft: dict) -> dict:
    present = [p["value"] for p in _draft_plates(draft)]
    return {"ok": True, **await check_new_plate(db, vehicles, citizen, text, present)}


async def _reason(db, vehicles, citizen: Citizen, text: str, draft: dict) -> dict:
    reason = rules.parse_evidence_reason(text)
    if reason is None:
        raise ApiError("reason_unknown", {"options": list(rules.EVIDENCE_REASONS)})
    return {"ok": True, "value": reason}


async def _iban(db, vehicles, citizen: Citizen, text: str, draft: dict) -> dict:
    iban = normalize_iban(text)
    if iban is None:
        raise ApiError("iban_invalid")
    return {"ok": True, "value": iban, "display": mask_iban(iban)}


async def _answer(db, vehicles, citizen: Citizen, text: str, draft: dict) -> dict:
    product = await catalogue.get_product(db, draft.get("product"))
    question = next((q for q in product.questions if q["code"] == draft.get("question")), None)
    if question is None:
        raise ApiError("unknown_question", {"question": draft.get("question")})
    yes = parse_yes_no(text)
    if yes is None:
        raise ApiError("answer_unreadable", {"question": question["text"]})
    value = "ja" if yes else "nee"
    disqualified = value == question.get("disqualify_on")
    return {"ok": True, "value": value,
            "disqualified": disqualified, "reason": question.get("reason") if disqualified else None}


VALIDATORS = {
    "start_date": _start_date,
    "period": _period,
    "plate": _plate,
    "plate_reason": _reason,
    "reason": _reason,
    "iban": _iban,
    "answer": _answer,
}


async def validate_field(db: AsyncSession, vehicles, citizen: Citizen, field: str,
                         text: str, draft: dict) -> dict:
    """Check one answer. Returns {"ok": True, "value", "display", ...} or raises ApiError."""
    validator = VALIDATORS.get(field)
    if validator is None:
        raise ApiError("unknown_field", {"field": field}, 404)
    return await validator(db, vehicles, citizen, (text or "").strip(), draft)


async def check_answer(db: AsyncSession, vehicles, citizen: Citizen, field: str, text: str, draft: dict) -> dict:
    """POST /validate/<field>: a refused answer (422) is a normal outcome, {"ok": False, ...}."""
    try:
        return await validate_field(db, vehicles, citizen, field, text, draft)
    except ApiError as e:
        if e.status == 422:
            return {"ok": False, "error": e.code, "params": e.params}
        raise


async def period_options(db: AsyncSession, citizen: Citizen, code: str, start_text: str | None) -> dict:
    """GET /products/<code>/periods: the periods offered in the citizen's zone."""
    await catalogue.get_product(db, code)
    try:
        start = date.fromisoformat(start_text) if start_text else None
    except ValueError:
        raise ApiError("date_unreadable", status=400) from None
    return {"periods": await catalogue.periods(db, code, citizen.address.zone_code, start)}


async def preview(db: AsyncSession, vehicles, citizen: Citizen, draft: dict) -> dict:
    """Re-check the whole draft and describe what will be applied for."""
    product = await catalogue.ensure_available(db, citizen, draft.get("product"))
    start_text = draft.get("start_date") or ""
    start = (await validate_field(db, vehicles, citizen, "start_date", start_text, draft))["value"]
    period = await validate_field(db, vehicles, citizen, "period", draft.get("period") or "", draft)
    start_d = date.fromisoformat(start)
    end = valid_until(start_d, period["value"])
    plates_in = _draft_plates(draft)
    if product.needs_plate and not plates_in:
        raise ApiError("plate_missing")
    if len(plates_in) > product.max_plates:
        raise ApiError("too_many_plates", {"max": product.max_plates})
    plates, seen = [], []
    for p in plates_in:
        checked = await validate_field(db, vehicles, citizen, "plate", p["value"], {"plates": seen})
        seen.append({"value": checked["value"]})
        reason = p.get("reason")
        if not checked["on_name"] and reason not in rules.EVIDENCE_REASONS:
            raise ApiError("reason_missing", {"plate": checked["display"]})
        plates.append({"value": checked["value"], "display": checked["display"],
                       "on_name": checked["on_name"], "reason": None if checked["on_name"] else reason})
    answers_in = draft.get("answers") or {}
    answers = []
    for q in product.questions:
        value = answers_in.get(q["code"])
        if value not in ("ja", "nee"):
            raise ApiError("answer_missing", {"question": q["text"]})
        if value == q.get("disqualify_on"):
            raise ApiError("disqualified", {"reason": q.get("reason")})
        answers.append({"code": q["code"], "text": q["text"], "answer": value})
    price = Decimal(period["price"])
    zone = citizen.address.zone_code
    return {
        "product": product.code,
        "zone": zone, "zone_name": await catalogue.zone_name(db, zone),
        "start_date": start,
        "end_date": end.isoformat(),
        "period": period["value"],
        "price": to_api(price),
        "plates": plates, "answers": answers,
        "needs_evidence": any(not p["on_name"] for p in plates),
    }


def application_json(a: Application) -> dict:
    return {"id": a.id, "reference": a.reference, "kind": a.kind, "product_code": a.product_code,
            "period_code": a.period_code, "status": a.status, "rejection_reason": a.rejection_reason,
            "start_date": a.start_date.isoformat(), "end_date": a.end_date.isoformat(),
            "price": to_api(a.price),
            "plates": [display(p.plate) for p in a.plates],
            "created_at": a.created_at.isoformat() if a.created_at else None}


async def create_application(db: AsyncSession, vehicles, citizen: Citizen, sid: str,
                             draft: dict, idempotency_key: str,
                             superseded_psp_ids: list[str]) -> tuple[Application, bool]:
    """Store the application (and its cart item). Returns (application, created).
    PSP ids of payment links that no longer match the cart are added to `superseded_psp_ids`."""
    if not idempotency_key or len(idempotency_key) > 200:
        raise ApiError("idempotency_key_missing", status=400)
    existing = await db.scalar(select(Application).where(Application.idempotency_key == idempotency_key))
    if existing is not None:
        if existing.citizen_id != citizen.id:
            raise ApiError("idempotency_key_conflict", status=409)
        return existing, False
    summary = await preview(db, vehicles, citizen, draft)
    status = ApplicationStatus.AWAITING_EVIDENCE if summary["needs_evidence"] else ApplicationStatus.AWAITING_PAYMENT
    app = Application(
        idempotency_key=idempotency_key, citizen_id=citizen.id, conversation_sid=sid,
        product_code=summary["product"], zone_code=summary["zone"],
        start_date=date.fromisoformat(summary["start_date"]),
        end_date=date.fromisoformat(summary["end_date"]), period_code=summary["period"],
        price=Decimal(summary["price"]), status=status,
        answers={a["code"]: a["answer"] for a in summary["answers"]},
        plates=[ApplicationPlate(position=i, plate=p["value"], on_name=p["on_name"], reason=p["reason"])
                for i, p in enumerate(summary["plates"])])
    db.add(app)
    await db.flush()
    app.reference = rules.make_reference(app.id, app.created_at.year if app.created_at else today().year)
    app.product = await db.get(Product, app.product_code)
    if status == ApplicationStatus.AWAITING_PAYMENT:
        add_to_cart(db, citizen, app, summary)
        # The cart changed: a payment link made before covers the old cart only.
        superseded_psp_ids.extend(await supersede_open_payments(db, citizen.id))
    return app, True


async def submit(app, citizen_id: int, sid: str, draft: dict, idempotency_key: str) -> tuple[dict, bool]:
    """POST /applications: store the application once per key (a key raced in twice answers
    with the first one), then say what comes next. Returns (answer, created)."""
    ctx = app.ctx
    superseded: list[str] = []
    try:
        async with ctx.sessionmaker.begin() as db:
            citizen = await db.get(Citizen, citizen_id)
            application, created = await create_application(
                db, ctx.vehicles, citizen, sid, draft, idempotency_key, superseded)
        await cancel_at_psp(app, superseded)
    except IntegrityError:      # the same key raced in twice: answer with the first one
        created = False
        async with ctx.sessionmaker() as db:
            application = await db.scalar(select(Application).where(Application.idempotency_key == idempotency_key))
            if application is None:
                raise
    async with ctx.sessionmaker() as db:
        the_cart = await cart(db, await db.get(Citizen, citizen_id))
    return {"application": application_json(application), "next": NEXT_STEP.get(application.status, "none"),
            "upload_url": upload_url(app, application), "cart_total": the_cart["total"]}, created


def upload_url(app, application: Application) -> str | None:
    """The signed link to the evidence upload page, while the application waits for it."""
    if application.status != ApplicationStatus.AWAITING_EVIDENCE:
        return None
    token = app.ctx.signer.sign("upload", {"a": application.id, "c": application.citizen_id})
    return f"{app.ctx.settings.public_base_url}/upload?t={token}"


def add_to_cart(db: AsyncSession, citizen: Citizen, app: Application, summary: dict | None = None) -> None:
    plates = ", ".join(display(p.plate) for p in app.plates)
    period = PERIOD_LABELS.get(app.period_code, app.period_code).lower()
    name = f"{app.product.name} {plates}" if plates else app.product.name
    desc = f"{name} ({period}, {format_date_nl(app.start_date)} t/m {format_date_nl(app.end_date)})"
    db.add(CartItem(citizen_id=citizen.id, application_id=app.id, description=desc[:200],
                    amount=app.price, status=CartItemStatus.OPEN))


async def list_applications(db: AsyncSession, citizen: Citizen, state: str) -> list[dict]:
    q = select(Application).where(Application.citizen_id == citizen.id).order_by(Application.id)
    if state == "open":
        q = q.where(Application.status.in_(OPEN_APPLICATION_STATUSES))
    return [application_json(a) for a in await db.scalars(q)]
