"""A citizen looks at her overview and lists over the REST channel: login through the
link, the menu with the numbers, a menu button, and what she can apply for."""

from tests.e2e.test_bewonersvergunning import link_with, log_in
from tests.support.chat import Chat

ANNA = "999990044"      # bewonersvergunning P-2026-000001 for 34-KL-LM, an ended one in her Historie


def test_overview_then_current_products_and_what_can_be_applied_for(stack):
    chat = Chat(stack.rasa_url, stack.rasa_token)
    log_in(chat, ANNA, "wat heb ik allemaal?")
    messages = chat.wait_for(r"ingelogd.*Dit is uw overzicht")
    text = chat.texts(messages)
    assert "Anna Bakker" in text
    for line in ("Verlengingen 0", "Winkelwagen 0", "Lopende aanvragen 0", "Huidige producten 1",
                 "Aanvraagbare producten 2", "Historie 1"):
        assert line in text, (line, text)
    assert not [u for u in chat.links(messages) if "/login/" in u]

    chat.click("Huidige producten")
    text = chat.texts()
    assert "Bewonersvergunning P-2026-000001, Binnenstad, kenteken 34-KL-LM, geldig tot en met" in text, text
    assert {"Kenteken wijzigen", "Beëindigen", "Documenten"} <= {b["title"] for m in chat.last
                                                                 for b in m.get("buttons") or []}
    chat.click("Kenteken wijzigen")
    assert "Wilt u het kenteken vervangen, of een tweede kenteken toevoegen?" in chat.texts()
    chat.say("stop")
    assert "Er is niets veranderd." in chat.texts()

    chat.say("welke producten kan ik aanvragen")
    text = chat.texts()
    assert "Walstraat 3, Binnenstad" in text, text
    assert "U heeft al een bewonersvergunning." in text, text
    # A bezoekersvergunning and a jaarkaart can be applied for: an "Aanvragen" button each.
    assert [b["payload"] for m in chat.last for b in m.get("buttons") or []] == [
        '/apply_product{"product":"bezoekersvergunning"}', '/apply_product{"product":"jaarkaart"}']


def test_history_before_login_is_shown_after_the_login(stack):
    chat = Chat(stack.rasa_url, stack.rasa_token)
    log_in(chat, ANNA, "laat mijn historie zien")
    assert link_with(chat, "/login/")
    messages = chat.wait_for(r"ingelogd.*historie")
    assert "In uw historie staat 1 product." in chat.texts(messages)
    assert "P-2025-000007" in chat.texts(messages) and "P-2019-000003" not in chat.texts(messages)
