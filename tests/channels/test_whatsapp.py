"""A citizen on WhatsApp (fake Cloud API server), the real backend, action server and Rasa."""

import asyncio
import io
import time
from datetime import date, timedelta

import httpx
import pypdf

from bot.connectors.whatsapp import WhatsAppOutput, WhatsAppSettings
from tests.channels.conftest import TEMPLATE, WHATSAPP_SECRET, WHATSAPP_TOKEN, WHATSAPP_VERIFY
from tests.support.chat import URL_RE
from tests.support.fake_whatsapp import PHONE_NUMBER_ID, text_of
from tests.support.person import Person
from tests.support.processes import api, login_conversation

KEES = "999990056"
SANNE = "999990111"     # 27-HNR-4 on her name


def texts(messages):
    return "\n".join(text_of(m) for m in messages)


def link(messages, part):
    links = [u for u in URL_RE.findall(texts(messages)) if part in u]
    assert links, f"no link with {part!r} in {texts(messages)!r}"
    return links[-1]


def say(whatsapp, wa_id, text):
    mark = whatsapp.mark()
    assert whatsapp.send_text(wa_id, text).status_code == 200
    return whatsapp.sent_to(wa_id, whatsapp.since(mark))


def user_messages(stack, sender):
    r = httpx.get(f"{stack.rasa_url}/conversations/{sender}/tracker", params={"token": stack.rasa_token})
    return [e for e in r.json()["events"] if e["event"] == "user"]


def test_webhook_verification(stack, whatsapp):
    ok = whatsapp.verify(whatsapp.webhook_url, WHATSAPP_VERIFY, challenge="8472")
    assert ok.status_code == 200 and ok.text == "8472"
    assert whatsapp.verify(whatsapp.webhook_url, "guessed").status_code == 403


def test_unsigned_or_badly_signed_messages_are_refused_and_change_nothing(stack, whatsapp):
    wa_id = "31600000001"
    mark = whatsapp.mark()
    assert whatsapp.send_text(wa_id, "hallo", signature=None).status_code == 403
    forged = whatsapp.sign(b"another body")
    assert whatsapp.send_text(wa_id, "hallo", signature=forged).status_code == 403
    wrong_key = "sha256=" + "0" * 64
    assert whatsapp.send_text(wa_id, "hallo", signature=wrong_key).status_code == 403
    assert whatsapp.sent_to(wa_id, whatsapp.since(mark)) == []
    assert user_messages(stack, wa_id) == []


def test_text_in_and_out_a_list_for_more_choices_and_a_row_continues(stack, whatsapp):
    wa_id = "31600000002"
    sent = say(whatsapp, wa_id, "hallo")
    assert "Parkeerloket" in texts(sent)
    sent = say(whatsapp, wa_id, "waar kunt u mij mee helpen?")
    menu = sent[-1]["interactive"]
    assert menu["type"] == "list"
    assert [r["title"] for r in menu["action"]["sections"][0]["rows"]][:2] == [
        "Bewonersvergunning aanvr", "Status van mijn aanvraag"]
    mark = whatsapp.mark()
    assert whatsapp.choose(wa_id, "Status van mijn aanvraag").status_code == 200
    assert "inloggen" in texts(whatsapp.sent_to(wa_id, whatsapp.since(mark))).lower()


def test_status_updates_are_ignored(stack, whatsapp):
    wa_id = "31600000003"
    mark = whatsapp.mark()
    assert whatsapp.status(wa_id, "delivered").status_code == 200
    assert whatsapp.status(wa_id, "read").status_code == 200
    assert whatsapp.since(mark) == [] and user_messages(stack, wa_id) == []


def test_login_announced_inside_the_window_then_reply_buttons(stack, whatsapp):
    """Kees asks for a permit, logs in through the DigiD link like a person; the assistant
    tells him on WhatsApp by itself and goes on with the form (period: three buttons)."""
    wa_id = "31600000004"
    login = link(say(whatsapp, wa_id, "Ik wil een bewonersvergunning aanvragen"), "/login/")
    mark = whatsapp.mark()
    assert "ingelogd" in Person().submit_form(login, {"bsn": KEES}).text.lower()
    announced = whatsapp.wait_for(lambda m: m.get("to") == wa_id and "ingelogd" in text_of(m).lower(), after=mark)
    assert all(m["type"] != "template" for m in announced)        # inside the 24 hours: free text
    sent = say(whatsapp, wa_id, "morgen")
    periods = sent[-1]["interactive"]            # titles longer than 20 characters: a list
    assert periods["type"] == "list"
    assert [r["title"][:4] for r in periods["action"]["sections"][0]["rows"]] == ["Jaar", "Kwar", "Maan"]
    mark = whatsapp.mark()
    whatsapp.choose(wa_id, "Jaar")
    assert "kenteken" in texts(whatsapp.sent_to(wa_id, whatsapp.since(mark))).lower()
    say(whatsapp, wa_id, "GF-12-34")
    mark = whatsapp.mark()
    whatsapp.choose(wa_id, "één kenteken is genoeg")      # no second plate
    yes_no = whatsapp.sent_to(wa_id, whatsapp.since(mark))[-1]
    assert "parkeerplaats" in text_of(yes_no).lower()
    assert yes_no["interactive"]["type"] == "button"       # Ja / Nee: reply buttons
    assert [b["reply"]["title"] for b in yes_no["interactive"]["action"]["buttons"]] == ["Ja", "Nee"]
    mark = whatsapp.mark()
    whatsapp.choose(wa_id, "Nee")
    assert "6 meter" in texts(whatsapp.sent_to(wa_id, whatsapp.since(mark)))


def test_documents_arrive_as_document_messages(stack, whatsapp):
    wa_id = "31600000005"
    login = link(say(whatsapp, wa_id, "waar vind ik mijn betaalbewijs?"), "/login/")
    mark = whatsapp.mark()
    Person().submit_form(login, {"bsn": SANNE})
    whatsapp.wait_for(lambda m: m.get("to") == wa_id and "geen producten" in text_of(m), after=mark)
    # A permit applied for and paid (the backend calls the chat's actions make), then asked again.
    conversation = f"/api/conversations/{wa_id}"
    api(stack.backend_url, stack.actions_token, "POST", f"{conversation}/applications", {
        "idempotency_key": f"{wa_id}:permit", "draft": {
            "product": "bewonersvergunning", "start_date": (date.today() + timedelta(days=1)).isoformat(),
            "period": "maand", "plates": [{"value": "27HNR4"}],
            "answers": {"own_parking": "nee", "vehicle_size": "ja"}}})
    pay_url = api(stack.backend_url, stack.actions_token, "POST", f"{conversation}/cart/checkout",
                  {"channel": "whatsapp"})["payment_url"]
    mark = whatsapp.mark()
    assert Person().submit_form(pay_url, {"status": "paid"}).status == 200
    whatsapp.wait_for(lambda m: m.get("to") == wa_id and "ontvangen" in text_of(m), after=mark)

    mark = whatsapp.mark()
    say(whatsapp, wa_id, "mijn documenten")
    sent = whatsapp.wait_for(lambda m: m.get("to") == wa_id and m["type"] == "document", after=mark)
    doc = sent[-1]["document"]
    assert doc["caption"].startswith("Vergunning en betaalbewijs") and doc["filename"].endswith(".pdf")
    pdf = Person().client.get(doc["link"])
    assert pdf.headers["content-type"] == "application/pdf"
    assert "Sanne de Groot" in "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf.content)).pages)


def test_outside_the_window_a_template_is_sent(stack, whatsapp):
    """The citizen's last WhatsApp message is 25 hours old when the login comes in."""
    wa_id = "31600000006"
    r = httpx.post(f"{stack.rasa_url}/conversations/{wa_id}/tracker/events", params={"token": stack.rasa_token},
                   json=[{"event": "user", "text": "ik wil inloggen", "timestamp": time.time() - 25 * 3600,
                          "input_channel": "whatsapp",
                          "parse_data": {"intent": {"name": "login", "confidence": 1.0}, "entities": []}}])
    assert r.status_code == 200, r.text
    mark = whatsapp.mark()
    login_conversation(stack.backend_url, wa_id, KEES)
    sent = whatsapp.wait_for(lambda m: m.get("to") == wa_id and "ingelogd" in text_of(m).lower(), after=mark)
    assert {m["type"] for m in sent} == {"template"}
    assert sent[-1]["template"]["name"] == TEMPLATE and sent[-1]["template"]["language"]["code"] == "nl"


def test_long_text_split_and_many_choices_numbered(stack, whatsapp):
    """Cloud API limits: 4096 characters a text, 10 rows a list; a number answers."""
    wa_id = "31600000007"
    settings = WhatsAppSettings(WHATSAPP_TOKEN, PHONE_NUMBER_ID, WHATSAPP_SECRET, WHATSAPP_VERIFY,
                                api_url=whatsapp.api_url)

    async def send():
        async with httpx.AsyncClient() as client:
            out = WhatsAppOutput(settings, client)
            await out.send_text_message(wa_id, "\n".join(f"Regel {i:04d} " + "x" * 90 for i in range(60)))
            await out.send_text_with_buttons(wa_id, "Waarmee kan ik u helpen?", [
                {"title": f"Onderwerp {i}", "payload": "/help" if i == 2 else f"/greet{i}"} for i in range(1, 13)])

    mark = whatsapp.mark()
    asyncio.run(send())
    sent = whatsapp.sent_to(wa_id, whatsapp.since(mark))
    assert [m["type"] for m in sent] == ["text", "text", "text"]
    assert all(len(m["text"]["body"]) <= 4096 for m in sent)
    assert "12. Onderwerp 12" in sent[-1]["text"]["body"]


def test_a_number_answers_a_numbered_list_and_a_retried_notification_counts_once(stack, whatsapp):
    """More than 10 choices went out as a numbered text; "2" means the second one."""
    wa_id = "31600000008"
    say(whatsapp, wa_id, "hallo")
    choices = [{"title": f"Onderwerp {i}", "payload": "/help" if i == 2 else "/greet"} for i in range(1, 13)]
    r = httpx.post(f"{stack.rasa_url}/conversations/{wa_id}/tracker/events", params={"token": stack.rasa_token},
                   json=[{"event": "bot", "text": "Waarover gaat uw vraag?", "data": {"buttons": choices}}])
    assert r.status_code == 200, r.text
    assert "Ik kan u helpen met" in texts(say(whatsapp, wa_id, "2"))
    mark = whatsapp.mark()
    assert whatsapp.resend().status_code == 200
    assert whatsapp.since(mark) == []


def test_kentekenswitch_on_whatsapp(stack, whatsapp):
    """Lotte, with two plates on her permit, switches the active plate on WhatsApp: "vandaag
    rij ik met de andere auto", the login, then the reply button; the backend has the switch
    logged with the channel."""
    wa_id = "31600000011"
    login = link(say(whatsapp, wa_id, "vandaag rij ik met de andere auto"), "/login/")
    mark = whatsapp.mark()
    assert Person().submit_form(login, {"bsn": "999990172"}).status == 200
    asked = whatsapp.wait_for(lambda m: m.get("to") == wa_id and "actief maken?" in text_of(m), after=mark)
    question = whatsapp.sent_to(wa_id, asked)[-1]
    other = next(p for p in ("8-KZN-73", "RT-447-L") if f"Wilt u {p} actief maken?" in text_of(question))
    assert question["interactive"]["type"] in ("button", "list")    # a list when a title is too long
    mark = whatsapp.mark()
    whatsapp.choose(wa_id, "Ja")
    assert f"Nu is {other} actief." in texts(whatsapp.sent_to(wa_id, whatsapp.since(mark)))

    sid = f"wa-check-{time.time_ns()}"
    login_conversation(stack.backend_url, sid, "999990172", stack.actions_token)
    (permit,) = [p for p in api(stack.backend_url, stack.actions_token, "GET",
                                f"/api/conversations/{sid}/products?state=current")["products"] if len(p["plates"]) == 2]
    plates = api(stack.backend_url, stack.actions_token, "GET", f"/api/conversations/{sid}/products/{permit['id']}/plates")
    assert [p["plate"] for p in plates["plates"] if p["active"]] == [other]
    assert plates["last_switch"]["channel"] == "whatsapp"
