"""bot.connectors.webchat: the widget's socket.io channel, on a real python-socketio server
(no network: the packets the server would send are collected per engine.io client)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from rasa.core.channels.channel import UserMessage

from bot.connectors.webchat import WebChatInput, WebChatOutput, is_web_session

ROOT = Path(__file__).resolve().parents[2]
WEB_A = "web-" + "a" * 32
WEB_B = "web-" + "b" * 32
CREDENTIALS = {"user_message_evt": "user_uttered", "bot_message_evt": "bot_uttered",
               "session_persistence": True}


class Browser:
    """One connected socket; `received` holds the (event, data) pairs sent to it."""

    def __init__(self, eio_sid: str, sid: str) -> None:
        self.eio_sid, self.sid, self.received = eio_sid, sid, []

    def events(self, name: str) -> list:
        return [data for event, data in self.received if event == name]


@pytest.fixture
async def channel():
    messages: list[UserMessage] = []

    async def on_new_message(message: UserMessage) -> None:
        messages.append(message)

    channel = WebChatInput.from_credentials(CREDENTIALS)
    channel.blueprint(on_new_message)
    channel.messages = messages
    channel.browsers = {}

    async def send_eio_packet(eio_sid, eio_pkt):
        encoded = eio_pkt.data          # socket.io EVENT packet: '2["event", data]'
        event, *args = json.loads(encoded[encoded.index("["):])
        channel.browsers[eio_sid].received.append((event, args[0] if args else None))

    channel.sio._send_eio_packet = send_eio_packet
    return channel


async def connect(channel: WebChatInput, eio_sid: str = "eio-1") -> Browser:
    sid = await channel.sio.manager.connect(eio_sid, "/")
    browser = channel.browsers[eio_sid] = Browser(eio_sid, sid)
    return browser


async def request_session(channel: WebChatInput, browser: Browser, data) -> str:
    await channel.sio._trigger_event("session_request", "/", browser.sid, data)
    return browser.events("session_confirm")[-1]


def test_web_session_form():
    assert is_web_session(WEB_A)
    for other in (None, 12345, "", "123456789", "+31612345678", "web-" + "a" * 31,
                  "web-" + "A" * 32, "web-" + "g" * 32, WEB_A + "0", " " + WEB_A):
        assert not is_web_session(other), other


async def test_session_request_joins_the_conversation_room(channel):
    browser = await connect(channel)
    assert await request_session(channel, browser, {"session_id": WEB_A}) == WEB_A
    assert WEB_A in channel.sio.rooms(browser.sid)
    await channel.get_output_channel().send_text_message(WEB_A, "Goedendag.\n\nWaarmee kan ik helpen?")
    assert browser.events("bot_uttered") == [{"text": "Goedendag."}, {"text": "Waarmee kan ik helpen?"}]


@pytest.mark.parametrize("data", [None, "not a dict", {}, {"session_id": None}, {"session_id": "123456789"},
                                  {"session_id": "+31612345678"}, {"session_id": "web-1234"},
                                  {"session_id": "WEB-" + "a" * 32}])
async def test_another_session_id_form_gets_a_new_conversation(channel, data):
    browser = await connect(channel)
    given = data.get("session_id") if isinstance(data, dict) else None
    confirmed = await request_session(channel, browser, data)
    assert is_web_session(confirmed) and confirmed != given
    assert set(channel.sio.rooms(browser.sid)) == {browser.sid, confirmed}


async def test_a_new_conversation_leaves_the_earlier_room(channel):
    browser = await connect(channel)
    await request_session(channel, browser, {"session_id": WEB_A})
    await request_session(channel, browser, {"session_id": WEB_B})     # "Opnieuw beginnen"
    assert set(channel.sio.rooms(browser.sid)) == {browser.sid, WEB_B}
    output = channel.get_output_channel()
    await output.send_text_message(WEB_A, "voor het oude gesprek")
    await output.send_text_message(WEB_B, "voor het nieuwe gesprek")
    assert browser.events("bot_uttered") == [{"text": "voor het nieuwe gesprek"}]


async def test_only_the_conversation_room_receives_its_messages(channel):
    mine, other = await connect(channel, "eio-1"), await connect(channel, "eio-2")
    await request_session(channel, mine, {"session_id": WEB_A})
    await request_session(channel, other, {"session_id": WEB_B})
    await channel.get_output_channel().send_text_message(WEB_A, "alleen voor A")
    assert mine.events("bot_uttered") == [{"text": "alleen voor A"}]
    assert other.events("bot_uttered") == []


async def test_custom_payload_is_emitted_as_custom(channel):
    browser = await connect(channel)
    await request_session(channel, browser, {"session_id": WEB_A})
    document = {"document": {"url": "https://example.org/brief.pdf", "filename": "brief.pdf", "title": "Brief"}}
    await channel.get_output_channel().send_custom_json(WEB_A, dict(document))
    assert browser.events("bot_uttered") == [{"custom": document}]


async def test_messages_of_web_sessions_reach_rasa_with_our_output(channel):
    browser = await connect(channel)
    await request_session(channel, browser, {"session_id": WEB_A})
    await channel.sio._trigger_event("user_uttered", "/", browser.sid, {"message": "hallo", "session_id": WEB_A})
    [message] = channel.messages
    assert (message.text, message.sender_id, message.input_channel) == ("hallo", WEB_A, "socketio")
    assert isinstance(message.output_channel, WebChatOutput)


@pytest.mark.parametrize("session_id", ["123456789", "+31612345678", "web-1234", None])
async def test_messages_with_another_session_id_form_are_ignored(channel, session_id):
    browser = await connect(channel)
    await channel.sio._trigger_event("user_uttered", "/", browser.sid, {"message": "hallo", "session_id": session_id})
    assert channel.messages == []


def test_no_output_channel_before_the_server_exists():
    with pytest.warns(UserWarning):
        assert WebChatInput.from_credentials(CREDENTIALS).get_output_channel() is None


async def test_output_channel_for_proactive_messages(channel):
    assert isinstance(channel.get_output_channel(), WebChatOutput)
    assert channel.name() == "socketio"        # stored conversations find the channel by it


@pytest.mark.parametrize("name", ["credentials.yml", "credentials.channels.yml"])
def test_credentials_register_the_web_chat_channel(name):
    from rasa.core.run import _create_single_channel

    credentials = yaml.safe_load((ROOT / name).read_text())
    assert "socketio" not in credentials
    settings = credentials["bot.connectors.webchat.WebChatInput"]
    assert settings == CREDENTIALS      # the widget's event names (widget/src/widget.js)
    created = _create_single_channel("bot.connectors.webchat.WebChatInput", settings)
    assert isinstance(created, WebChatInput) and created.socketio_path == "/socket.io"
    assert created.session_persistence is True
