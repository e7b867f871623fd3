"""Jan (who got his permit in test_bewonersvergunning.py, same stack) asks for his documents
before logging in, logs in through the link and opens the letter from the chat."""

import io

import pypdf

from tests.e2e.test_bewonersvergunning import JAN, log_in
from tests.support.chat import Chat
from tests.support.person import Person


def test_documents_after_login_with_working_links(stack):
    chat = Chat(stack.rasa_url, stack.rasa_token)
    log_in(chat, JAN, "waar vind ik mijn betaalbewijs?")
    messages = chat.wait_for(r"ingelogd.*Documenten bij uw bewonersvergunning")
    text = chat.texts(messages)
    assert "Aanvraag documenten: geen." in text and "Product documenten:" in text
    # The letter arrives as a document message (REST: `custom`), the way a channel sends a file.
    docs = [m["custom"]["document"] for m in messages if (m.get("custom") or {}).get("document")]
    assert len(docs) == 1 and docs[0]["title"].startswith("Vergunning en betaalbewijs"), docs
    assert docs[0]["filename"].endswith(".pdf") and "/documents/" in docs[0]["url"]
    pdf = Person().client.get(docs[0]["url"])
    assert pdf.headers["content-type"] == "application/pdf"
    content = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Jan de Vries" in content and "Betaalbewijs" in content
