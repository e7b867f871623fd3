"""Eva parks her visitors by chat over the REST channel: the login through the link continues
the question, the period is said back in full with its cost, "ja" starts the session and the
balance drops, "stop parkeren" + "Ja" gives the money back; a session that runs now is
stopped early and only the unused part comes back. The balance is checked in the backend."""

import uuid
from datetime import date, timedelta
from decimal import Decimal

from tests.e2e.test_bewonersvergunning import log_in
from tests.support.chat import Chat
from tests.support.processes import api, login_conversation

EVA = "999990159"
MONTHS = "januari februari maart april mei juni juli augustus september oktober november december".split()
DAYS = "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag".split()


def backend_view(stack):
    sid = f"e2e-check-{uuid.uuid4().hex[:8]}"
    login_conversation(stack.backend_url, sid, EVA, stack.actions_token)
    base = f"/api/conversations/{sid}"
    permit = next(p for p in api(stack.backend_url, stack.actions_token, "GET", f"{base}/products?state=current")
                  ["products"] if p["product_code"] == "bezoekersvergunning")

    def balance() -> Decimal:
        path = f"{base}/products/{permit['id']}/parking-sessions"
        return Decimal(api(stack.backend_url, stack.actions_token, "GET", path)["balance"])

    def sessions() -> list[dict]:
        return api(stack.backend_url, stack.actions_token, "GET", f"{base}/parking-sessions?state=all")["sessions"]

    return balance, sessions


def test_start_and_stop_parking_by_chat_with_the_balance_checked(stack):
    balance, sessions = backend_view(stack)
    before = balance()
    day = date.today() + timedelta(days=2)
    while day.weekday() > 2:            # Monday–Wednesday: paid 9–18 at € 1,20
        day += timedelta(days=1)
    said = f"{DAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"

    chat = Chat(stack.rasa_url, stack.rasa_token)
    log_in(chat, EVA, f"parkeren voor 12-ABC-3 op {day.day} {MONTHS[day.month - 1]} van 14 tot 17 uur")
    text = chat.texts(chat.wait_for(r"Wilt u deze parkeeractie starten\?"))
    assert f"Parkeeractie voor 12-ABC-3, {said} van 14:00 tot 17:00. Kosten € 3,60." in text, text
    chat.say("ja")
    text = chat.texts()
    assert f"Parkeeractie gestart voor 12-ABC-3, {said} van 14:00 tot 17:00. Kosten € 3,60" in text, text
    assert balance() == before - Decimal("3.60")

    chat.say("stop parkeren")
    assert "Wilt u deze parkeeractie stoppen?" in chat.texts(), chat.texts()
    chat.click("Ja")
    text = chat.texts()
    assert "is geannuleerd. U krijgt € 3,60 terug." in text, text
    assert balance() == before

    chat.say("parkeren voor GF-12-34 voor 2 uur")
    assert "Wilt u deze parkeeractie starten?" in chat.texts(), chat.texts()
    chat.click("Ja")
    assert "Parkeeractie gestart voor GF-12-34, vandaag van " in chat.texts(), chat.texts()
    chat.say("welke auto's parkeren er nu op mijn bezoekersvergunning")
    assert "- GF-12-34: vandaag van " in chat.texts() and "(loopt nu)" in chat.texts(), chat.texts()
    chat.click("Stoppen GF-12-34")
    assert "De parkeeractie voor GF-12-34 is gestopt. U krijgt " in chat.texts(), chat.texts()
    s = next(x for x in sessions() if x["display"] == "GF-12-34")
    assert s["status"] == "stopped"
    assert balance() == before - Decimal(s["cost"]) + Decimal(s["refund"])
