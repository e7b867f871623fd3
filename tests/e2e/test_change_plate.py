"""A citizen changes the plate on her permit over the REST channel: the login through the
link continues the question, a refused plate is asked again, a correction in a sentence is
understood, a lease car needs a reason, and "Nee" at the summary changes nothing.

Anna's permit must stay as it is for test_lists.py and test_termination.py (run later)."""

from tests.e2e.test_bewonersvergunning import log_in
from tests.support.chat import Chat

ANNA = "999990044"      # bewonersvergunning P-2026-000001 for 34-KL-LM


def test_change_plate_up_to_the_summary_then_no(stack):
    chat = Chat(stack.rasa_url, stack.rasa_token)
    log_in(chat, ANNA, "ik wil mijn kenteken wijzigen")
    messages = chat.wait_for(r"ingelogd.*toevoegen\?")
    text = chat.texts(messages)
    assert "maximaal 2 kentekens" in text, text
    assert {"Vervangen: 34-KL-LM", "Tweede kenteken toevoegen"} <= {b["title"] for m in messages
                                                                    for b in m.get("buttons") or []}

    chat.click("Vervangen: 34-KL-LM")
    assert "Wat is het nieuwe kenteken?" in chat.texts(), chat.texts()
    chat.say("34-KL-LM")
    text = chat.texts()
    assert "Het kenteken 34-KL-LM staat al op uw vergunning." in text and "Wat is het nieuwe kenteken?" in text, text
    chat.say("nee, het is LZ-123-X")
    text = chat.texts()
    assert "Het kenteken LZ-123-X staat niet op uw naam. Waarom rijdt u in deze auto?" in text, text
    chat.click("Leaseauto")
    text = chat.texts()
    assert "U vervangt 34-KL-LM door LZ-123-X op uw bewonersvergunning P-2026-000001. Klopt dit?" in text, text

    chat.click("Nee")
    assert "Goed, er is niets veranderd." in chat.texts(), chat.texts()
    chat.say("mijn huidige producten")
    assert "Bewonersvergunning P-2026-000001, Binnenstad, kenteken 34-KL-LM" in chat.texts(), chat.texts()
