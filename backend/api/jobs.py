"""Internal trigger for background jobs (operators, tests), protected like the action
server's routes. The jobs also run on their own timer."""

from __future__ import annotations

from datetime import date

from sanic import Blueprint, response

from backend.api.auth import require_actions_token
from backend.domain.parking import parse_instant
from backend.jobs import mail_retries, parking_sessions
from backend.jobs import renewals as renewals_job
from backend.services.errors import ApiError

bp = Blueprint("jobs", url_prefix="/api/jobs")
bp.on_request(require_actions_token)


@bp.post("/renewals")
async def run_renewals(request):
    """One round of the renewals job; `today` (YYYY-MM-DD) runs it as of another day."""
    data = request.json if request.body else {}
    try:
        today = date.fromisoformat(data["today"]) if isinstance(data, dict) and data.get("today") else None
    except (TypeError, ValueError):
        raise ApiError("date_unreadable", status=400) from None
    return response.json(await renewals_job.run_once(request.app, today))


@bp.post("/mail-retries")
async def run_mail_retries(request):
    """One round of the mail retry job: `{"retried": n, "sent": n}`."""
    return response.json(await mail_retries.retry_failed(request.app))


@bp.post("/parking-sessions")
async def run_parking_sessions(request):
    """One round of the parking sessions job; `now` (ISO datetime with offset) runs it as of
    another moment: `{"ended": n}`."""
    data = request.json if request.body else {}
    raw = data.get("now") if isinstance(data, dict) else None
    now = parse_instant(raw) if raw else None
    if raw and now is None:
        raise ApiError("period_unreadable", status=400)
    return response.json(await parking_sessions.run_once(request.app, now))
