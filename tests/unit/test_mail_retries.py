"""The mail retry job on a real (SQLite) database: which mails it sends again, once each."""

import asyncio
from datetime import datetime, timedelta, timezone
from types import SimpleNamespace

from sqlalchemy import select

from backend.__main__ import init_db
from backend.adapters.email.base import OutgoingMail
from backend.adapters.email.outage import OutageMailer
from backend.db.models import Email
from backend.db.session import make_engine, make_sessionmaker
from backend.jobs.mail_retries import retry_failed
from backend.services.mail import send_and_record
from backend.settings import Settings


class Collecting:
    def __init__(self):
        self.sent = []

    def send(self, message):
        self.sent.append(message.subject)
        return f"<{len(self.sent)}@test>"


def test_failed_and_abandoned_mails_are_sent_again_once(tmp_path):
    settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path}/mail.db", outbox_dir=tmp_path)
    init_db(settings)
    now = datetime.now(timezone.utc)

    async def scenario():
        engine = make_engine(settings.database_url)
        app = SimpleNamespace(ctx=SimpleNamespace(sessionmaker=make_sessionmaker(engine), mailer=OutageMailer()))
        try:
            await send_and_record(app, None, OutgoingMail("a@example.nl", "failed", "tekst"))
            async with app.ctx.sessionmaker.begin() as db:
                for subject, status, created, attempted in (
                        ("stopped halfway", "pending", now - timedelta(hours=1), now - timedelta(hours=1)),
                        ("being sent now", "retrying", now - timedelta(hours=1), now - timedelta(seconds=5)),
                        ("just recorded", "pending", now, now),
                        ("given up", "failed", now - timedelta(days=4), now - timedelta(days=4)),
                        ("sent", "sent", now, now)):
                    db.add(Email(to="a@example.nl", subject=subject, body="tekst", status=status,
                                 created_at=created, attempted_at=attempted))
            still_down = await retry_failed(app)
            app.ctx.mailer = Collecting()
            rounds = await asyncio.gather(retry_failed(app), retry_failed(app))   # two backends at once
            again = await retry_failed(app)
            async with app.ctx.sessionmaker() as db:
                rows = {e.subject: (e.status, e.attempts) for e in await db.scalars(select(Email))}
            return still_down, rounds, again, app.ctx.mailer.sent, rows
        finally:
            await engine.dispose()

    still_down, rounds, again, sent, rows = asyncio.run(scenario())
    assert still_down == {"retried": 2, "sent": 0}
    assert sum(r["sent"] for r in rounds) == 2 and again == {"retried": 0, "sent": 0}
    assert sorted(sent) == ["failed", "stopped halfway"]          # each once
    assert rows == {"failed": ("sent", 3), "stopped halfway": ("sent", 2), "being sent now": ("retrying", 0),
                    "just recorded": ("pending", 0), "given up": ("failed", 0), "sent": ("sent", 0)}
