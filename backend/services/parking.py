"""Visitor parking sessions on a bezoekersvergunning: start (the cost is taken from the
balance at once), list, stop (the unused part comes back) and the end at the end time (job).

Money: each start and each stop is one transaction that first locks the permit
(permits.lock_permit), then checks and writes the session and its ledger entry together.
Two starts at the same moment therefore decide one after the other on the real balance; a
double stop moves the session once (transitions.move) and the ledger's unique (session, kind)
refuses a second refund. The same idempotency key answers with the first session.
"""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from backend.db.models import Citizen, Permit
from backend.db.visitor_models import LedgerEntry, ParkingSession
from backend.domain import parking as rules
from backend.domain import tariffs
from backend.domain.balance import has_balance
from backend.domain.dates import as_utc
from backend.domain.money import to_api
from backend.domain.plates import display, find_plate, normalize
from backend.domain.statuses import ParkingSessionStatus as S
from backend.services import ledger, visitor
from backend.services.errors import ApiError
from backend.services.lists import paged
from backend.services.permits import lock_permit, lock_plate, own_permit
from backend.services.transitions import move


def now_utc() -> datetime:
    return datetime.now(timezone.utc)


def session_json(s: ParkingSession, number: str, refund: Decimal | None, now: datetime) -> dict:
    starts, ends = as_utc(s.starts_at), as_utc(s.ends_at)
    return {"id": s.id, "permit_id": s.permit_id, "number": number, "plate": s.plate,
            "display": display(s.plate), "zone": s.zone_code, "starts_at": starts.isoformat(),
            "ends_at": ends.isoformat(),
            "stopped_at": as_utc(s.stopped_at).isoformat() if s.stopped_at else None,
            "status": s.status, "state": rules.state(s.status, starts, ends, now),
            "cost": to_api(s.cost), "refund": to_api(refund) if refund is not None else None,
            "channel": s.channel}


async def _refunds(db: AsyncSession, session_ids: list[int]) -> dict[int, Decimal]:
    rows = await db.execute(select(LedgerEntry.session_id, LedgerEntry.amount)
                            .where(LedgerEntry.session_id.in_(session_ids), LedgerEntry.kind == "refund"))
    return dict(rows.all())


async def _answer(db: AsyncSession, s: ParkingSession, now: datetime) -> dict:
    permit = await db.get(Permit, s.permit_id)
    refund = (await _refunds(db, [s.id])).get(s.id)
    return {"session": session_json(s, permit.number, refund, now), "cost": to_api(s.cost),
            "refund": to_api(refund) if refund is not None else None,
            "balance": to_api(await ledger.balance(db, s.permit_id))}


async def visitor_permit(db: AsyncSession, citizen: Citizen, permit_id: int) -> Permit:
    permit = await own_permit(db, citizen, permit_id)
    if not has_balance(permit.product_code):
        raise ApiError("not_a_visitor_permit", {"number": permit.number}, 409)
    return permit


async def _by_key(db: AsyncSession, citizen_id: int, key: str) -> ParkingSession | None:
    found = await db.scalar(select(ParkingSession).where(ParkingSession.idempotency_key == key))
    if found is not None and found.citizen_id != citizen_id:
        raise ApiError("idempotency_key_conflict", status=409)
    return found


async def start(app, citizen_id: int, sid: str, permit_id: int, data: dict) -> tuple[dict, bool]:
    """POST …/parking-sessions: (answer, created)."""
    key = str(data.get("idempotency_key") or "")
    if not key or len(key) > 200:
        raise ApiError("idempotency_key_missing", status=400)
    try:
        async with app.ctx.sessionmaker.begin() as db:
            await lock_permit(db, permit_id)      # first: balance decisions one at a time
            existing = await _by_key(db, citizen_id, key)
            if existing is not None:
                return await _answer(db, existing, now_utc()), False
            session = await _create(db, await db.get(Citizen, citizen_id), sid, permit_id, data)
            return await _answer(db, session, now_utc()), True
    except IntegrityError:       # the same key raced in on another permit lock: the first one
        async with app.ctx.sessionmaker() as db:
            existing = await _by_key(db, citizen_id, key)
            if existing is None:
                raise
            return await _answer(db, existing, now_utc()), False


async def _check(db: AsyncSession, citizen: Citizen, permit_id: int, data: dict) -> dict:
    """Every rule of a new session, without writing: plate, period, the plate's and the
    permit's other sessions, cost and balance. Raises ApiError with the first refusal. With
    `plate_only` just the plate is checked (the chat asks the plate before the period)."""
    permit = await visitor_permit(db, citizen, permit_id)
    text = str(data.get("plate") or "")
    plate = normalize(text) or find_plate(text)
    if plate is None:
        raise ApiError("plate_invalid", {"text": text[:20]})
    out = {"permit": permit, "plate": plate}
    if data.get("plate_only"):
        return out
    await lock_plate(db, plate)         # the same car started on two permits at once: one wins
    end = rules.parse_instant(data.get("end"))
    start = rules.parse_instant(data.get("start")) if data.get("start") else None
    if end is None or (data.get("start") and start is None):
        raise ApiError("period_unreadable", status=400)
    rule = await visitor.visitor_rule(db, permit.zone_code)
    start, problem = rules.check_period(start, end, now_utc(), rule.max_days_ahead, permit.valid_from,
                                        permit.valid_until)
    if problem:
        raise ApiError(*problem)
    overlapping = (ParkingSession.status == S.ACTIVE, ParkingSession.starts_at < end, ParkingSession.ends_at > start)
    other = await db.scalar(select(ParkingSession).where(ParkingSession.plate == plate, *overlapping)
                            .order_by(ParkingSession.starts_at).limit(1))
    if other is not None:       # until when only for one's own session: another's is not ours to tell
        own = other.permit_id == permit.id
        raise ApiError("plate_already_parks", {"plate": display(plate),
                                               "until": as_utc(other.ends_at).isoformat() if own else None})
    count = await db.scalar(select(func.count()).select_from(ParkingSession)
                            .where(ParkingSession.permit_id == permit.id, *overlapping))
    if count >= rule.max_sessions:
        raise ApiError("max_sessions_reached", {"max": rule.max_sessions})
    cost = tariffs.cost(await visitor.rules_for(db, permit.zone_code), start, end)
    balance = await ledger.balance(db, permit.id)
    if cost > balance:
        raise ApiError("balance_too_low", {"cost": to_api(cost), "balance": to_api(balance)})
    return {**out, "start": start, "end": end, "cost": cost, "balance": balance}


async def preview(db: AsyncSession, citizen: Citizen, permit_id: int, data: dict) -> dict:
    """POST …/parking-sessions/preview: what starting would do (or the refusal), unchanged."""
    checked = await _check(db, citizen, permit_id, data)
    out = {"plate": checked["plate"], "display": display(checked["plate"])}
    if "cost" in checked:
        out.update(starts_at=checked["start"].isoformat(), ends_at=checked["end"].isoformat(),
                   cost=to_api(checked["cost"]), balance=to_api(checked["balance"]),
                   balance_after=to_api(checked["balance"] - checked["cost"]))
    return out


async def _create(db: AsyncSession, citizen: Citizen, sid: str, permit_id: int, data: dict) -> ParkingSession:
    checked = await _check(db, citizen, permit_id, {**data, "plate_only": False})
    permit, cost = checked["permit"], checked["cost"]
    session = ParkingSession(permit_id=permit.id, citizen_id=citizen.id, plate=checked["plate"],
                             zone_code=permit.zone_code, starts_at=checked["start"], ends_at=checked["end"],
                             cost=cost, status=S.ACTIVE, channel=str(data.get("channel") or "rest")[:40],
                             conversation_sid=sid, idempotency_key=str(data["idempotency_key"]))
    db.add(session)
    await db.flush()
    await ledger.post(db, permit.id, -cost, "parking", session_id=session.id)
    return session


async def stop(app, citizen_id: int, session_id: int, permit_scope: int | None = None) -> dict:
    """POST …/parking-sessions/<id>/stop: a running one stops now and gives back the unused
    part; a planned one is cancelled with everything back; anything else: session_not_active."""
    async with app.ctx.sessionmaker() as db:      # which permit to lock (read before the transaction)
        found = await db.get(ParkingSession, session_id)
    if found is None or found.citizen_id != citizen_id or permit_scope not in (None, found.permit_id):
        raise ApiError("unknown_parking_session", status=404)
    async with app.ctx.sessionmaker.begin() as db:
        await lock_permit(db, found.permit_id)
        session = await db.get(ParkingSession, session_id)
        now = now_utc()
        if not await _stop(db, session, now):
            raise ApiError("session_not_active", {"plate": display(session.plate), "status": session.status}, 409)
        return await _answer(db, session, now)


async def _stop(db: AsyncSession, session: ParkingSession, now: datetime) -> bool:
    """Stop (running) or cancel (planned) `session` with its refund in the ledger, inside the
    caller's transaction with the permit locked. False when it was not active any more."""
    starts, ends = as_utc(session.starts_at), as_utc(session.ends_at)
    if rules.state(session.status, starts, ends, now) not in ("planned", "running"):
        return False
    if starts > now:
        to, back = S.CANCELLED, session.cost
    else:
        to = S.STOPPED
        back = tariffs.refund(await visitor.rules_for(db, session.zone_code), starts, ends, now, session.cost)
    if not await move(db, session, to, (S.ACTIVE,), stopped_at=now):
        return False
    await ledger.post(db, session.permit_id, back, "refund", session_id=session.id)
    return True


async def stop_all_for_permit(db: AsyncSession, permit_id: int) -> int:
    """The bezoekersvergunning ends: its running sessions stop now and its planned ones are
    cancelled, each with its refund to the balance (in the termination's transaction).
    Returns how many were stopped."""
    await lock_permit(db, permit_id)
    now = now_utc()
    active = list(await db.scalars(select(ParkingSession).where(
        ParkingSession.permit_id == permit_id, ParkingSession.status == S.ACTIVE)))
    return sum([await _stop(db, s, now) for s in active])


async def list_sessions(db: AsyncSession, citizen: Citizen, permit_id: int | None, state: str,
                        offset: int, limit: int, permit_scope: int | None = None) -> dict:
    """Running and planned sessions (state=current), or all of them newest first (all)."""
    now = now_utc()
    q = select(ParkingSession).where(ParkingSession.citizen_id == citizen.id)
    if permit_id is not None:
        await visitor_permit(db, citizen, permit_id)
        q = q.where(ParkingSession.permit_id == permit_id)
    if permit_scope is not None:
        q = q.where(ParkingSession.permit_id == permit_scope)
    if state == "current":
        q = q.where(ParkingSession.status == S.ACTIVE, ParkingSession.ends_at > now).order_by(
            ParkingSession.starts_at, ParkingSession.id)
    elif state == "all":
        q = q.order_by(ParkingSession.starts_at.desc(), ParkingSession.id.desc())
    else:
        raise ApiError("bad_state", status=400)
    total = await db.scalar(select(func.count()).select_from(q.order_by(None).subquery()))
    rows = list(await db.scalars(q.offset(offset).limit(limit)))
    numbers = dict((await db.execute(select(Permit.id, Permit.number)
                                     .where(Permit.id.in_({r.permit_id for r in rows})))).all())
    refunds = await _refunds(db, [r.id for r in rows])
    out = paged([session_json(r, numbers[r.permit_id], refunds.get(r.id), now) for r in rows], total, offset, limit)
    out["sessions"] = out.pop("items")
    if permit_id is not None:
        out["balance"] = to_api(await ledger.balance(db, permit_id))
    return out


async def due_session_ids(db: AsyncSession, now: datetime) -> list[int]:
    return list(await db.scalars(select(ParkingSession.id).where(
        ParkingSession.status == S.ACTIVE, ParkingSession.ends_at <= now).order_by(ParkingSession.id)))


async def end_session(db: AsyncSession, session_id: int, now: datetime) -> dict | None:
    """ACTIVE → ENDED once its end time has passed (no money moves: it was paid up front).
    Returns what to tell the conversation, or None when another round or a stop came first."""
    session = await db.get(ParkingSession, session_id)
    if session is None or as_utc(session.ends_at) > now or not await move(db, session, S.ENDED, (S.ACTIVE,)):
        return None
    return {"sid": session.conversation_sid, "plate": display(session.plate),
            "ends_at": as_utc(session.ends_at).isoformat(), "session_id": session.id}
