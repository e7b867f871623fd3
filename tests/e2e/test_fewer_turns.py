"""A citizen who says everything at once is not asked again: the start date and plate given
with the request are noted (and shown), the product's one period is chosen, and only what is
missing is asked before the summary."""

from datetime import date, timedelta

from tests.e2e.test_bewonersvergunning import log_in
from tests.support.chat import Chat

KEES = "999990056"      # owns GF-12-34 and 5-TXB-21
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december")


def test_everything_said_at_once_is_confirmed_not_asked_again(stack):
    start = date.today() + timedelta(days=20)
    day = f"{start.day} {MONTHS[start.month - 1]}"
    chat = Chat(stack.rasa_url, stack.rasa_token)
    log_in(chat, KEES, f"ik wil een jaarkaart voor 5-TXB-21 vanaf {day}")
    said = chat.texts(chat.wait_for(r"ingelogd.*genoteerd"))
    assert f"Ik heb genoteerd: vanaf {day} {start.year}, kenteken 5-TXB-21." in said, said
    assert "tweede kenteken" in said, said           # the next open question, not the date again
    chat.click("nee")
    chat.click("ja")                                 # the car is small enough
    summary = chat.texts()
    assert "Product: jaarkaart betaald parkeren" in summary and "Kenteken: 5-TXB-21" in summary, summary
    assert "Periode: Jaar, € 720,00" in summary and "Klopt dit?" in summary, summary
