"""The municipality decides on evidence: a citizen applies with a car that is not on
their name and uploads the evidence; an operator logs in to the back office and approves
or rejects through its forms like a person; the citizen hears it in the chat."""

import io
import re

import pypdf

from tests.e2e.test_bewonersvergunning import link_with, log_in
from tests.support.chat import Chat
from tests.support.person import Person

SANNE = "999990081"     # Schilwijken, drives her partner's car 78-KVP-4
RUBEN = "999990093"     # Binnenstad, drives a lease car K-123-BB


def apply_with_evidence(stack, bsn: str, plate: str, reason_button: str) -> Chat:
    chat = Chat(stack.rasa_url, stack.rasa_token)
    log_in(chat, bsn, "Ik wil een bewonersvergunning aanvragen")
    chat.wait_for(r"ingelogd")
    chat.say("morgen")
    chat.click("jaar")
    chat.say(plate)
    assert "niet op uw naam" in chat.texts().lower()
    chat.click(reason_button)
    chat.click("nee")                     # no second plate
    chat.click("nee")                     # no own parking place
    chat.click("ja")                      # vehicle is small enough
    chat.click("ja")                      # the summary is right
    buf = io.BytesIO()
    writer = pypdf.PdfWriter()
    writer.add_blank_page(200, 200)
    writer.write(buf)
    page = Person().submit_form(link_with(chat, "/upload"), {},
                                files={"file": ("bewijs.pdf", buf.getvalue(), "application/pdf")})
    assert page.status == 200
    chat.wait_for(r"bewijsstuk ontvangen")
    return chat


def operator_opens(stack, citizen_name: str) -> tuple[Person, str]:
    """The operator logs in and opens the waiting application of `citizen_name`."""
    person = Person()
    queue = person.submit_form(f"{stack.backend_url}/backoffice/login",
                               {"username": "demo", "password": "parkeerloket-demo"})
    assert queue.status == 200 and "Wachtrij" in queue.text
    row = re.search(r'href="(/backoffice/applications/\d+)">(A-\d{4}-\d{6})</a></td><td>[^<]*</td><td>'
                    + re.escape(citizen_name), queue.text)
    assert row, queue.text
    return person, stack.backend_url + row.group(1)


def test_approved_application_is_paid_from_the_chat(stack):
    chat = apply_with_evidence(stack, SANNE, "78-KVP-4", "partner")
    operator, url = operator_opens(stack, "Sanne de Boer")
    page = operator.open(url)
    assert "78-KVP-4" in page.text and "Auto van mijn partner" in page.text and SANNE not in page.text
    done = operator.submit_form(url, {}, action="/approve")
    assert done.status == 200 and "is goedgekeurd" in done.text

    messages = chat.wait_for(r"is goedgekeurd")
    assert "156,00" in chat.texts(messages)
    pay_url = link_with(chat, "/pay/", messages)
    Person().submit_form(pay_url, {"status": "paid"})
    chat.wait_for(r"betaling.*ontvangen")


def test_rejected_application_reason_reaches_the_chat(stack):
    chat = apply_with_evidence(stack, RUBEN, "K-123-BB", "lease")
    operator, url = operator_opens(stack, "Ruben Smit")
    refused = operator.submit_form(url, {"reason": ""}, action="/reject")
    assert refused.status == 422 and "Geef een reden op" in refused.text
    done = operator.submit_form(url, {"reason": "Het leasecontract staat niet op uw naam."}, action="/reject")
    assert done.status == 200 and "is afgewezen" in done.text

    messages = chat.wait_for(r"is afgewezen")
    text = chat.texts(messages)
    assert "Reden: Het leasecontract staat niet op uw naam." in text and "nieuwe aanvraag" in text
    # Historie shows the rejected application with its reason.
    chat.say("historie")
    assert "Afgewezen. Reden: Het leasecontract staat niet op uw naam." in chat.texts(), chat.texts()
    # The decision is in the log on the page; there is nothing left to decide.
    page = operator.open(url)
    assert "Demo Medewerker" in page.text and "Afgewezen" in page.text and "/reject" not in page.text
