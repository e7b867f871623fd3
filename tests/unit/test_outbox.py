from datetime import datetime, timedelta, timezone
from email import policy
from email.parser import BytesParser

from backend.adapters.email.base import Mailer, OutgoingMail
from backend.adapters.email.outbox import OutboxMailer, list_outbox

PDF = b"%PDF-1.4\n\x00\xff binary \r\n content"


def _read(path):
    return BytesParser(policy=policy.default).parsebytes(path.read_bytes())


def test_writes_parseable_eml_with_attachment(tmp_path):
    now = datetime(2026, 11, 25, 13, 0, 0, tzinfo=timezone.utc)
    mailer: Mailer = OutboxMailer(tmp_path / "outbox", clock=lambda: now)
    name = mailer.send(
        OutgoingMail(
            to="anouk@example.nl",
            subject="Uw bewonersvergunning",
            body="Beste mevrouw Ëlzinga,\n\nIn de bijlage vindt u uw vergunning.",
            attachments=[("vergunning.pdf", PDF, "application/pdf")],
        )
    )
    assert name.startswith("20261125T130000-") and name.endswith(".eml")
    assert len(name) == len("20261125T130000-") + 8 + len(".eml")
    files = list((tmp_path / "outbox").iterdir())
    assert [f.name for f in files] == [name]  # no temp files left

    msg = _read(files[0])
    assert msg["From"] == "Parkeerloket Deventer <parkeerloket@deventer.example>"
    assert msg["To"] == "anouk@example.nl"
    assert msg["Subject"] == "Uw bewonersvergunning"
    assert msg["Message-ID"]
    assert "Ëlzinga" in msg.get_body(("plain",)).get_content()
    attachments = list(msg.iter_attachments())
    assert len(attachments) == 1
    assert attachments[0].get_filename() == "vergunning.pdf"
    assert attachments[0].get_content_type() == "application/pdf"
    assert attachments[0].get_content() == PDF


def test_list_outbox_newest_first(tmp_path):
    start = datetime(2026, 11, 25, 13, 0, 0, tzinfo=timezone.utc)
    times = iter([start, start + timedelta(minutes=5), start - timedelta(days=1)])
    mailer = OutboxMailer(tmp_path, clock=lambda: next(times))
    names = [
        mailer.send(OutgoingMail(to=f"p{i}@example.nl", subject=f"Bericht {i}", body="x")) for i in range(3)
    ]
    listing = list_outbox(tmp_path)
    assert [row["file"] for row in listing] == [names[1], names[0], names[2]]
    assert listing[0] == {
        "file": names[1],
        "to": "p1@example.nl",
        "subject": "Bericht 1",
        "date": "2026-11-25T13:05:00+00:00",
    }


def test_list_outbox_ignores_missing_dir_and_other_files(tmp_path):
    assert list_outbox(tmp_path / "nope") == []
    (tmp_path / ".half.tmp").write_bytes(b"From: x\r\n")
    (tmp_path / "notes.txt").write_text("x")
    assert list_outbox(tmp_path) == []
