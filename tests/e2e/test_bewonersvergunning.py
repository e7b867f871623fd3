"""A citizen applies for a bewonersvergunning over the REST channel, following the
login and payment links like a person would."""

import io

import pypdf

from tests.support.chat import Chat
from tests.support.person import Person
from tests.support.processes import api

JAN = "999990019"       # Binnenstad, 51-PX-PN on his name
FATIMA = "999990020"    # drives her partner's car 12-ABC-3


def link_with(chat: Chat, part: str, messages=None) -> str:
    links = [u for u in chat.links(messages) if part in u]
    assert links, f"no link with {part!r} in: {chat.texts(messages)}"
    return links[-1]


def log_in(chat: Chat, bsn: str, first_message: str) -> None:
    chat.say(first_message)
    assert "inloggen" in chat.texts().lower()
    page = Person().submit_form(link_with(chat, "/login/"), {"bsn": bsn})
    assert page.status == 200 and "ingelogd" in page.text.lower()


def fill_in_application(chat: Chat, plate: str) -> None:
    """From the first question of the form up to the summary."""
    chat.say("morgen")
    assert "periode" in chat.texts().lower() or chat.last[-1].get("buttons"), chat.texts()
    chat.click("jaar")
    chat.say(plate)
    chat.click("nee")                     # no second plate
    chat.click("nee")                     # no own parking place
    chat.click("ja")                      # vehicle is small enough


def test_apply_pay_and_receive_permit(stack):
    chat = Chat(stack.rasa_url, stack.rasa_token)
    log_in(chat, JAN, "Ik wil een bewonersvergunning aanvragen")
    chat.wait_for(r"ingelogd.*(datum|wanneer)")
    assert "Jan de Vries" in chat.texts()

    fill_in_application(chat, "51-px-pn")
    summary = chat.texts()
    assert "51-PX-PN" in summary and "312,00" in summary, summary
    chat.click("ja")
    pay_url = link_with(chat, "http")
    assert "312,00" in chat.texts()

    person = Person()
    page = person.submit_form(pay_url, {"status": "paid"})
    assert page.status == 200

    messages = chat.wait_for(r"betaling.*ontvangen")
    doc_url = link_with(chat, "/documents/", messages)

    apps = api(stack.backend_url, stack.actions_token, "GET",
               f"/api/conversations/{chat.sender}/applications?state=all")["applications"]
    assert [a["status"] for a in apps] == ["granted"]
    products = api(stack.backend_url, stack.actions_token, "GET",
                   f"/api/conversations/{chat.sender}/products")["products"]
    assert [(p["product_code"], p["status"]) for p in products] == [("bewonersvergunning", "active")]

    pdf = person.client.get(doc_url)
    assert pdf.headers["content-type"].startswith("application/pdf")
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf.content)).pages)
    for expected in ("Jan de Vries", "51-PX-PN", "312,00", "Betaalbewijs"):
        assert expected in text, (expected, text)

    # Paying the same link again takes no money twice.
    again = person.open(pay_url)
    assert "al afgerond" in again.text.lower()


def test_failed_payment_keeps_cart_and_offers_new_link(stack):
    chat = Chat(stack.rasa_url, stack.rasa_token)
    log_in(chat, "999990056", "bewonersvergunning aanvragen")
    chat.wait_for(r"ingelogd")
    fill_in_application(chat, "GF-12-34")
    chat.click("ja")
    first = link_with(chat, "http")
    Person().submit_form(first, {"status": "canceled"})
    messages = chat.wait_for(r"niet gelukt")
    second = link_with(chat, "http", messages)
    assert second != first
    cart = api(stack.backend_url, stack.actions_token, "GET", f"/api/conversations/{chat.sender}/cart")
    assert len(cart["items"]) == 1
    Person().submit_form(second, {"status": "paid"})
    chat.wait_for(r"betaling.*ontvangen")


def test_plate_not_on_name_needs_evidence(stack, tmp_path):
    chat = Chat(stack.rasa_url, stack.rasa_token)
    log_in(chat, FATIMA, "Kan ik een parkeervergunning voor bewoners krijgen?")
    chat.wait_for(r"ingelogd")
    chat.say("morgen")
    chat.click("jaar")
    chat.say("12-ABC-3")
    assert "niet op uw naam" in chat.texts().lower()
    chat.click("partner")
    chat.click("nee")
    chat.click("nee")
    chat.click("ja")
    chat.click("ja")
    upload_url = link_with(chat, "/upload")
    apps = api(stack.backend_url, stack.actions_token, "GET",
               f"/api/conversations/{chat.sender}/applications?state=open")["applications"]
    assert [a["status"] for a in apps] == ["awaiting_evidence"]

    person = Person()
    refused = person.submit_form(upload_url, {}, files={"file": ("contract.pdf", b"not a pdf", "application/pdf")})
    assert "pdf" in refused.text.lower() and refused.status >= 400
    buf = io.BytesIO()
    writer = pypdf.PdfWriter()
    writer.add_blank_page(200, 200)
    writer.write(buf)
    ok = person.submit_form(upload_url, {}, files={"file": ("verklaring.pdf", buf.getvalue(), "application/pdf")})
    assert ok.status == 200
    chat.wait_for(r"bewijsstuk ontvangen")
    apps = api(stack.backend_url, stack.actions_token, "GET",
               f"/api/conversations/{chat.sender}/applications?state=open")["applications"]
    assert [a["status"] for a in apps] == ["in_review"]


def test_status_question_before_and_after_login(stack):
    chat = Chat(stack.rasa_url, stack.rasa_token)
    log_in(chat, "999990044", "wat is de status van mijn aanvraag?")
    chat.wait_for(r"ingelogd.*(aanvra)")


def test_chat_page_talks_to_the_assistant_through_the_backend(stack):
    """The backend's relay routes to Rasa (/chat/send, /chat/updates) that the benchmark uses."""
    import re
    import time
    import uuid

    import httpx
    page = httpx.get(f"{stack.backend_url}/chat")
    assert page.status_code == 200 and 'src="/static/widget.js"' in page.text   # tests/browser drives it
    sender = "web-" + uuid.uuid4().hex
    r = httpx.post(f"{stack.backend_url}/chat/send", json={"sender": sender, "message": "hallo"}, timeout=30)
    assert r.status_code == 200 and r.json()["messages"], r.text
    updates = httpx.get(f"{stack.backend_url}/chat/updates", params={"sender": sender, "after": 0}).json()
    assert updates["seen"] >= 1 and updates["delivered"] == 0
    # Proactive messages (here: the login) reach the page on its next poll.
    quiet = httpx.get(f"{stack.backend_url}/chat/updates", params={
        "sender": sender, "after": updates["seen"], "delivered": updates["delivered"]}).json()
    assert quiet == {"messages": [], "seen": updates["seen"], "delivered": 0}
    httpx.post(f"{stack.backend_url}/chat/send", json={"sender": sender, "message": "wat is de status van mijn aanvraag"},
               timeout=30)
    sent = httpx.post(f"{stack.backend_url}/chat/send", json={"sender": sender, "message": "inloggen"}, timeout=30)
    login = [u for m in sent.json()["messages"] for u in re.findall(r"https?://\S+", m.get("text") or "")
             if "/login/" in u]
    seen = sent.json()["seen"]
    Person().submit_form(login[-1], {"bsn": "999990044"})
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        got = httpx.get(f"{stack.backend_url}/chat/updates",
                        params={"sender": sender, "after": seen, "delivered": 0}).json()
        if got["delivered"] == 1 and got["messages"]:
            break
        time.sleep(0.3)
    assert "ingelogd" in " ".join(m["text"] for m in got["messages"]).lower()
    # Without a well-formed sender id nothing is relayed (no reading other conversations).
    assert httpx.get(f"{stack.backend_url}/chat/updates", params={"sender": "bench-1"}).status_code == 400
