"""Outside parties chosen by settings (backend/adapters/registry.py), and the SMTP mailer
against a local SMTP server."""

import asyncio
import email
import os
import smtplib
import subprocess
import sys
from decimal import Decimal
from email import policy

import pytest

from backend.adapters import registry
from backend.adapters.email.base import OutgoingMail
from backend.adapters.email.outage import OutageMailer
from backend.adapters.email.outbox import OutboxMailer
from backend.adapters.email.smtp import SmtpMailer
from backend.adapters.errors import PartyUnavailable
from backend.adapters.login.outage import OutageBroker
from backend.adapters.login.simulator import SimulatorBrokerClient
from backend.adapters.payment.mollie import MollieClient
from backend.adapters.payment.outage import OutagePsp
from backend.adapters.vehicles.outage import OutageVehicleRegister
from backend.adapters.vehicles.seeded import SeededVehicleRegister
from backend.app import create_app
from backend.settings import ROOT, Settings
from tests.support.fake_smtp import FakeSmtp

MAIL = OutgoingMail(to="jan.devries@example.nl", subject="Uw bewonersvergunning",
                    body="Beste Jan,\n\nUw vergunning is verleend.\n",
                    attachments=[("vergunning.pdf", b"%PDF-1.4 test", "application/pdf")])


def built(settings: Settings) -> dict:
    adapters = registry.build(settings)
    asyncio.run(registry.close(adapters))
    return adapters


def test_defaults_are_todays_simulators_with_their_pages(tmp_path):
    settings = Settings(outbox_dir=tmp_path, database_url=f"sqlite+aiosqlite:///{tmp_path}/x.db")
    adapters = built(settings)
    assert isinstance(adapters["mailer"], OutboxMailer) and adapters["mailer"].directory == tmp_path
    assert isinstance(adapters["psp"], MollieClient)
    assert adapters["psp"].base_url == "http://127.0.0.1:8000/sim/psp"
    assert set(adapters["logins"]) == {"digid", "eherkenning", "permit"}
    assert all(isinstance(c, SimulatorBrokerClient) for c in adapters["logins"].values())
    assert isinstance(adapters["vehicles"], SeededVehicleRegister)
    assert {bp.name for bp in registry.pages(settings)} == {"psp_simulator", "login_simulators"}
    assert {"psp_simulator", "login_simulators"} <= set(create_app(settings, name="defaults").blueprints)


def test_outage_variants_are_chosen_by_name_and_mount_no_simulator(tmp_path):
    settings = Settings(email_backend="outage", psp="outage", login_broker="outage", vehicle_register="outage")
    adapters = built(settings)
    assert isinstance(adapters["mailer"], OutageMailer) and isinstance(adapters["psp"], OutagePsp)
    assert all(isinstance(c, OutageBroker) for c in adapters["logins"].values())
    assert isinstance(adapters["vehicles"], OutageVehicleRegister)
    assert registry.pages(settings) == []
    assert not {"psp_simulator", "login_simulators"} & set(create_app(settings, name="outages").blueprints)


def test_each_outage_fails_the_way_its_callers_handle():
    with pytest.raises(OSError):                      # services/mail.py keeps the mail for a retry
        OutageMailer().send(MAIL)

    async def calls():
        for call in (OutagePsp().create_payment(Decimal("1.00"), "x", "http://r", "http://w", {}),
                     OutagePsp().get_payment("tr_1"), OutagePsp().cancel_payment("tr_1"),
                     OutageBroker("digid").resolve("a"), OutageVehicleRegister().lookup("51PXPN")):
            with pytest.raises(PartyUnavailable) as raised:
                await call
            codes.append(raised.value.code)

    codes: list[str] = []
    asyncio.run(calls())
    assert codes == ["psp_unavailable"] * 3 + ["login_broker_unavailable", "vehicle_register_unavailable"]
    url = OutageBroker("digid").start_url("state-1", "http://127.0.0.1:8000/login/digid/callback")
    assert url == "http://127.0.0.1:8000/login/digid/callback?state=state-1&artifact=outage"


@pytest.mark.parametrize("field, variable, value, allowed", [
    ("email_backend", "EMAIL_BACKEND", "sendgrid", "outbox, smtp, outage"),
    ("psp", "PSP", "paypal", "simulator, mollie, outage"),
    ("login_broker", "LOGIN_BROKER", "oidc", "simulator, outage"),
    ("vehicle_register", "VEHICLE_REGISTER", "rdw", "seeded, outage"),
])
def test_an_unknown_name_is_refused_with_the_allowed_values(field, variable, value, allowed):
    settings = Settings(**{field: value})
    message = f"{variable}='{value}' is not known; allowed values: {allowed}"
    assert registry.check(settings) == [message]
    with pytest.raises(registry.ConfigError, match=message):
        create_app(settings, name=f"unknown-{field}")


def test_the_backend_does_not_start_with_an_unknown_name(tmp_path):
    env = {**os.environ, "PSP": "paypal", "EMAIL_BACKEND": "pigeon", "BACKEND_PORT": "1",
           "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/x.db"}
    done = subprocess.run([sys.executable, "-m", "backend", "serve"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert ("Refusing to start: EMAIL_BACKEND='pigeon' is not known; allowed values: outbox, smtp, outage; "
            "PSP='paypal' is not known; allowed values: simulator, mollie, outage") in done.stderr


def test_mollie_needs_a_real_key_and_talks_to_mollie():
    assert registry.check(Settings(psp="mollie")) == [
        "PSP=mollie: PSP_API_KEY must be a Mollie API key (test_… or live_…)"]
    adapters = built(Settings(psp="mollie", psp_api_key="test_abcdefghijklmnopqrstuvwxyz12"))
    assert adapters["psp"].base_url == "https://api.mollie.com"
    assert [bp.name for bp in registry.pages(Settings(psp="mollie", psp_api_key="live_secret"))] == \
        ["login_simulators"]                                  # no PSP simulator next to Mollie
    other = built(Settings(psp="mollie", psp_api_key="live_secret", psp_api_url="http://127.0.0.1:9/"))
    assert other["psp"].base_url == "http://127.0.0.1:9"


def test_smtp_settings_reach_the_smtp_mailer(monkeypatch):
    for name, value in {"EMAIL_BACKEND": "smtp", "SMTP_HOST": "mail.deventer.example", "SMTP_PORT": "2525",
                        "SMTP_USER": "loket", "SMTP_PASSWORD": "geheim", "SMTP_STARTTLS": "false",
                        "MAIL_FROM": "Parkeerloket <noreply@deventer.example>"}.items():
        monkeypatch.setenv(name, value)
    mailer = built(Settings())["mailer"]
    assert isinstance(mailer, SmtpMailer)
    assert (mailer.host, mailer.port, mailer.user, mailer.password, mailer.starttls, mailer.sender) == (
        "mail.deventer.example", 2525, "loket", "geheim", False, "Parkeerloket <noreply@deventer.example>")
    monkeypatch.setenv("SMTP_STARTTLS", "")
    assert built(Settings())["mailer"].starttls is True       # STARTTLS unless switched off


def test_smtp_mailer_sends_the_message_with_its_attachment_to_a_local_server():
    with FakeSmtp() as server:
        mailer = SmtpMailer("127.0.0.1", server.port, "loket", "geheim", starttls=False,
                            sender="Parkeerloket <noreply@deventer.example>", timeout=5)
        message_id = mailer.send(MAIL)
    assert server.logins == [("loket", "geheim")]
    (received,) = server.messages
    assert received.sender == "noreply@deventer.example" and received.recipients == ["jan.devries@example.nl"]
    msg = email.message_from_bytes(received.data, policy=policy.default)
    assert msg["Message-ID"] == message_id and msg["Subject"] == "Uw bewonersvergunning"
    assert "Uw vergunning is verleend." in msg.get_body().get_content()
    (pdf,) = list(msg.iter_attachments())
    assert pdf.get_filename() == "vergunning.pdf" and pdf.get_content() == b"%PDF-1.4 test"


def test_smtp_mailer_never_sends_in_the_clear_when_starttls_is_asked():
    with FakeSmtp() as server:          # it offers no STARTTLS
        with pytest.raises(smtplib.SMTPNotSupportedError):
            SmtpMailer("127.0.0.1", server.port, "loket", "geheim", starttls=True, timeout=5).send(MAIL)
    assert server.messages == [] and server.logins == []
    with pytest.raises(OSError):        # nobody listening: an OSError, kept for a retry
        SmtpMailer("127.0.0.1", server.port, starttls=False, timeout=5).send(MAIL)
