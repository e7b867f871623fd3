"""A citizen on Telegram (fake Bot API server), the real backend, action server and Rasa."""

import asyncio
import io
import re
import time

import httpx
import pypdf

from bot.connectors.telegram import TelegramOutput
from tests.channels.conftest import TELEGRAM_SECRET, TELEGRAM_TOKEN
from tests.e2e.test_bewonersvergunning import JAN
from tests.support.chat import URL_RE
from tests.support.person import Person
from tests.support.processes import login_conversation

KEES_CHAT = 700001
JAN_CHAT = 700002
SHORT_CHAT = 700003
FORGED_CHAT = 700004
START_CHAT = 700005
LATER_CHAT = 700006
EVA_CHAT = 700007


def texts(calls):
    return "\n".join(c.get("text") or c.get("caption") or "" for c in calls)


def link(calls, part):
    links = [u for u in URL_RE.findall(texts(calls)) if part in u]
    assert links, f"no link with {part!r} in {texts(calls)!r}"
    return links[-1]


def say(telegram, chat_id, text):
    mark = telegram.mark()
    assert telegram.send_text(chat_id, text).status_code == 200
    return telegram.sent_to(chat_id, telegram.since(mark))


def press(telegram, chat_id, title_part):
    mark = telegram.mark()
    assert telegram.press(chat_id, title_part).status_code == 200
    return telegram.sent_to(chat_id, telegram.since(mark))


def test_webhook_is_set_when_rasa_starts(stack, telegram):
    # Rasa sets it in an after_server_start listener, which may finish just after the
    # stack's readiness probe got its answer.
    deadline = time.monotonic() + 15
    while not telegram.webhook.get("url") and time.monotonic() < deadline:
        time.sleep(0.1)
    assert telegram.webhook.get("url") == f"{stack.rasa_url}/webhooks/telegram/webhook"
    assert telegram.webhook["secret_token"] == TELEGRAM_SECRET


def test_text_in_answer_out_with_inline_keyboard_and_a_press_continues(stack, telegram):
    mark = telegram.mark()
    assert telegram.send_text(KEES_CHAT, "hallo").status_code == 200
    sent = telegram.sent_to(KEES_CHAT, telegram.since(mark))
    assert sent and "Parkeerloket" in texts(sent)
    keyboard = sent[-1]["reply_markup"]["inline_keyboard"]
    assert [row[0]["text"] for row in keyboard] == [
        "English", "Bewonersvergunning aanvragen", "Status van mijn aanvraag", "Mijn overzicht"]

    mark = telegram.mark()
    assert telegram.press(KEES_CHAT, "Status van mijn aanvraag").status_code == 200
    calls = telegram.since(mark)
    assert any(c["method"] == "answerCallbackQuery" for c in calls)    # the app stops spinning
    assert "inloggen" in texts(telegram.sent_to(KEES_CHAT, calls)).lower()


def test_opening_the_bot_greets(stack, telegram):
    """Telegram sends /start when a citizen opens the bot for the first time."""
    assert "Waarmee kan ik u helpen?" in texts(say(telegram, START_CHAT, "/start"))


def test_forged_updates_are_refused(stack, telegram):
    mark = telegram.mark()
    assert telegram.send_text(FORGED_CHAT, "hallo", secret="wrong").status_code == 403
    assert telegram.sent_to(FORGED_CHAT, telegram.since(mark)) == []


def test_long_text_and_long_payloads_fit_telegram(stack, telegram):
    """The Bot API limits: 4096 characters a message, 64 bytes of callback data."""
    async def send():
        out = TelegramOutput(TELEGRAM_TOKEN, telegram.url)
        await out.send_text_message(str(SHORT_CHAT), "\n".join(f"Regel {i:04d} " + "x" * 90 for i in range(60)))
        await out.send_text_with_buttons(str(SHORT_CHAT), "Kies", [
            {"title": "Lang", "payload": '/choose{"product_id":"' + "9" * 80 + '"}'}])
        await out._session.close()

    mark = telegram.mark()
    asyncio.run(send())
    sent = telegram.sent_to(SHORT_CHAT, telegram.since(mark))
    assert len(sent) == 3 and all(len(c["text"]) <= 4096 for c in sent)
    assert re.findall(r"Regel (\d{4})", sent[0]["text"] + sent[1]["text"]) == [f"{i:04d}" for i in range(60)]
    data = sent[2]["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    assert len(data.encode()) <= 64


def test_login_payment_and_documents_on_telegram(stack, telegram):
    """Jan logs in through the DigiD link like a person and the assistant tells him on
    Telegram by itself; he applies with the buttons, pays, is told the payment arrived,
    and gets his letter as a file."""
    login = link(say(telegram, JAN_CHAT, "ik wil inloggen met digid"), "/login/")
    mark = telegram.mark()
    page = Person().submit_form(login, {"bsn": JAN})
    assert page.status == 200 and "ingelogd" in page.text.lower()
    announced = telegram.wait_for(lambda c: c["method"] == "sendMessage" and c.get("chat_id") == str(JAN_CHAT)
                                  and "ingelogd" in (c.get("text") or "").lower(), after=mark)
    assert "Jan de Vries" in texts(telegram.sent_to(JAN_CHAT, announced))

    say(telegram, JAN_CHAT, "Ik wil een bewonersvergunning aanvragen")
    say(telegram, JAN_CHAT, "morgen")
    press(telegram, JAN_CHAT, "Jaar")
    say(telegram, JAN_CHAT, "51-px-pn")
    press(telegram, JAN_CHAT, "één kenteken is genoeg")
    press(telegram, JAN_CHAT, "Nee")                       # no own parking place
    summary = press(telegram, JAN_CHAT, "Ja")             # the car is small enough
    assert "51-PX-PN" in texts(summary) and "312,00" in texts(summary)
    pay_url = link(press(telegram, JAN_CHAT, "Ja, dit klopt"), "http")

    mark = telegram.mark()
    assert Person().submit_form(pay_url, {"status": "paid"}).status == 200
    telegram.wait_for(lambda c: c.get("chat_id") == str(JAN_CHAT)
                      and re.search(r"betaling.*ontvangen", c.get("text") or "", re.I | re.S), after=mark)

    sent = say(telegram, JAN_CHAT, "mijn documenten")
    assert "Documenten bij uw bewonersvergunning" in texts(sent)
    documents = [c for c in sent if c["method"] == "sendDocument"]
    assert len(documents) == 1 and documents[0]["caption"].startswith("Vergunning en betaalbewijs")
    pdf = Person().client.get(documents[0]["document"])
    assert pdf.headers["content-type"] == "application/pdf"
    assert "Jan de Vries" in "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf.content)).pages)


def test_a_login_hours_later_still_reaches_telegram(stack, telegram):
    """The citizen's last message is two hours old, so Rasa starts a new session when the
    login comes in; the message still goes to Telegram (the output channel is made
    outside any request)."""
    r = httpx.post(f"{stack.rasa_url}/conversations/{LATER_CHAT}/tracker/events",
                   params={"token": stack.rasa_token},
                   json=[{"event": "user", "text": "ik wil inloggen", "timestamp": time.time() - 2 * 3600,
                          "input_channel": "telegram",
                          "parse_data": {"intent": {"name": "login", "confidence": 1.0}, "entities": []}}])
    assert r.status_code == 200, r.text
    mark = telegram.mark()
    login_conversation(stack.backend_url, str(LATER_CHAT), JAN)
    telegram.wait_for(lambda c: c["method"] == "sendMessage" and c.get("chat_id") == str(LATER_CHAT)
                      and "ingelogd" in (c.get("text") or "").lower(), after=mark)


def test_visitor_parking_and_balance_on_telegram(stack, telegram):
    """Eva parks a visitor on Telegram: the period said back with its cost, "Ja" pressed
    on the inline keyboard starts it, "stop parkeren" + "Ja" cancels it with the money back;
    her balance is shown in euros and hours."""
    from datetime import date, timedelta
    login = link(say(telegram, EVA_CHAT, "hoeveel parkeertegoed heb ik"), "/login/")
    mark = telegram.mark()
    assert Person().submit_form(login, {"bsn": "999990159"}).status == 200
    shown = telegram.wait_for(lambda c: c.get("chat_id") == str(EVA_CHAT)
                              and "tegoed" in (c.get("text") or "").lower(), after=mark)
    assert re.search(r"€ \d+,\d\d.*uur", texts(telegram.sent_to(EVA_CHAT, shown)), re.S)

    day = date.today() + timedelta(days=2)
    while day.weekday() > 2:            # Monday–Wednesday: paid 9–18 at € 1,20
        day += timedelta(days=1)
    asked = say(telegram, EVA_CHAT, f"parkeren voor 12-ABC-3 op {day.day}-{day.month} van 14 tot 17 uur")
    assert "van 14:00 tot 17:00. Kosten € 3,60." in texts(asked) and "starten?" in texts(asked), texts(asked)
    assert "Parkeeractie gestart voor 12-ABC-3" in texts(press(telegram, EVA_CHAT, "Ja"))
    assert "stoppen?" in texts(say(telegram, EVA_CHAT, "stop parkeren"))
    assert "U krijgt € 3,60 terug." in texts(press(telegram, EVA_CHAT, "Ja"))
