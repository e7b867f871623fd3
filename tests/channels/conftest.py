"""The whole stack with credentials.channels.yml, Telegram and WhatsApp pointed at local
fakes (tests/support/fake_telegram.py, fake_whatsapp.py)."""

import pytest

from scripts.stack import CHANNELS_CREDENTIALS, Stack, StackConfig
from tests.support.fake_telegram import FakeTelegram
from tests.support.fake_whatsapp import PHONE_NUMBER_ID, FakeWhatsApp

TELEGRAM_TOKEN = "123456789:AAE-test-token-for-the-fake-server"
TELEGRAM_SECRET = "telegram-secret-for-tests"
WHATSAPP_TOKEN = "EAAG-test-access-token"
WHATSAPP_SECRET = "whatsapp-app-secret-for-tests"
WHATSAPP_VERIFY = "verify-me-please"
TEMPLATE = "parkeerloket_bericht"


@pytest.fixture(scope="session")
def telegram():
    with FakeTelegram(TELEGRAM_TOKEN) as fake:
        yield fake


@pytest.fixture(scope="session")
def whatsapp():
    with FakeWhatsApp(WHATSAPP_TOKEN, WHATSAPP_SECRET, WHATSAPP_VERIFY) as fake:
        yield fake


@pytest.fixture(scope="session")
def stack(tmp_path_factory, telegram, whatsapp):
    tmp = tmp_path_factory.mktemp("channels")
    config = StackConfig.on_free_ports(
        database_url=f"sqlite+aiosqlite:///{tmp / 'backend.db'}", log_dir=tmp / "logs",
        outbox_dir=tmp / "outbox", credentials=CHANNELS_CREDENTIALS)
    config.extra_env.update({
        "TELEGRAM_TOKEN": TELEGRAM_TOKEN, "TELEGRAM_API_URL": telegram.url,
        "TELEGRAM_WEBHOOK_URL": f"{config.rasa_url}/webhooks/telegram/webhook",
        "TELEGRAM_SECRET_TOKEN": TELEGRAM_SECRET,
        "WHATSAPP_ACCESS_TOKEN": WHATSAPP_TOKEN, "WHATSAPP_PHONE_NUMBER_ID": PHONE_NUMBER_ID,
        "WHATSAPP_APP_SECRET": WHATSAPP_SECRET, "WHATSAPP_VERIFY_TOKEN": WHATSAPP_VERIFY,
        "WHATSAPP_API_URL": whatsapp.api_url, "WHATSAPP_TEMPLATE": TEMPLATE,
    })
    whatsapp.webhook_url = f"{config.rasa_url}/webhooks/whatsapp/webhook"
    with Stack(config) as running:
        yield running.config
