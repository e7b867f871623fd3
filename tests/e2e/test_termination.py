"""A citizen ends her permit over the REST channel: the login through the link continues
the question, she confirms, gets the proof, and the permit moves to Historie.

Anna's permit ends here, so this module runs after test_lists.py (which still shows it)."""

from tests.e2e.test_bewonersvergunning import log_in
from tests.support.chat import Chat

ANNA = "999990044"      # bewonersvergunning P-2026-000001 for 34-KL-LM, nothing paid in the seed


def test_end_the_permit_then_it_is_in_the_history(stack):
    chat = Chat(stack.rasa_url, stack.rasa_token)
    log_in(chat, ANNA, "ik wil mijn vergunning beëindigen")
    messages = chat.wait_for(r"ingelogd.*beëindigen\?")
    text = chat.texts(messages)
    assert "Uw bewonersvergunning P-2026-000001 (34-KL-LM) stopt dan vandaag, " in text, text
    assert "Dit kunt u niet ongedaan maken." in text

    chat.click("Ja, beëindigen")
    text = chat.texts()
    assert "Uw bewonersvergunning P-2026-000001 is beëindigd." in text, text
    assert [u for u in chat.links() if "/documents/" in u], text

    chat.say("mijn huidige producten")
    assert "U heeft nu geen producten." in chat.texts(), chat.texts()
    chat.say("laat mijn historie zien")
    text = chat.texts()
    assert "In uw historie staan 2 producten." in text, text
    assert "Bewonersvergunning P-2026-000001, Binnenstad, kenteken 34-KL-LM, beëindigd op " in text, text
