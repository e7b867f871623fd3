"""`make run` switches Telegram and WhatsApp on only when their variables are set."""

from scripts.stack import CHANNELS_CREDENTIALS, StackConfig, channels_configured


def test_channels_only_when_asked():
    assert not channels_configured({"PATH": "/usr/bin"})
    assert not channels_configured({"TELEGRAM_TOKEN": ""})
    assert channels_configured({"TELEGRAM_TOKEN": "123:abc"})
    assert channels_configured({"WHATSAPP_ACCESS_TOKEN": "EAAG"})


def test_unset_channel_variables_turn_that_channel_off():
    env = StackConfig(credentials=CHANNELS_CREDENTIALS, extra_env={"TELEGRAM_TOKEN": "123:abc"}).env()
    assert env["TELEGRAM_TOKEN"] == "123:abc" and env["WHATSAPP_ACCESS_TOKEN"] == ""
    assert env["TELEGRAM_API_URL"] == "https://api.telegram.org"
