"""Journey "bekijk documenten": the documents of one product, in the manual's two tabs
(Aanvraag documenten: what the citizen uploaded; Product documenten: our letters), as
signed links that expire.

Every document is its own message with the custom payload
`{"document": {"url", "filename", "title"}}`: Telegram sends it as a file (sendDocument),
WhatsApp as a document message, the web chat shows a download link."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import backend_client as backend
from actions.common import gated_journey, handles_backend_errors
from actions.lists import choose_product

PENDING = "view_documents"


def _section(title: str, documents: list[dict]) -> str:
    if not documents:
        return f"{title}: geen."
    return f"{title}:\n" + "\n".join(f"- {d['title']}" for d in documents)


def document_message(doc: dict) -> dict:
    """The custom payload every channel knows how to send as a file."""
    return {"document": {"url": doc["url"], "filename": doc.get("filename") or f"{doc['title']}.pdf",
                         "title": doc["title"]}}


async def view_documents(dispatcher: CollectingDispatcher, tracker: Tracker,
                         citizen: dict | None = None) -> list[dict]:
    sid = tracker.sender_id
    # Huidige producten and Historie (since March 2020), as in the Parkeerloket.
    products = [*(await backend.products(sid, "current", 0, 20))["products"],
                *(await backend.products(sid, "history", 0, 20))["products"]]
    product = choose_product(dispatcher, tracker, products, PENDING, "documents")
    if product is None:
        return []
    docs = await backend.product_documents(sid, product["id"])
    uploaded = docs.get("application_documents") or []
    letters = docs.get("product_documents") or []
    lines = [f"Documenten bij uw {product.get('name')} {product.get('number')}:",
             _section("Aanvraag documenten", uploaded), _section("Product documenten", letters)]
    if uploaded or letters:
        lines.append("De links werken 7 dagen en alleen voor u.")
    dispatcher.utter_message(text="\n".join(lines))
    for doc in [*uploaded, *letters]:
        dispatcher.utter_message(json_message=document_message(doc))
    return []


# Continued by action_login_done when the citizen asked for it before logging in.
CONTINUATIONS = {PENDING: view_documents}


class ActionViewDocuments(Action):
    def name(self) -> str:
        return "action_view_documents"

    @handles_backend_errors
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        return await gated_journey(dispatcher, tracker, PENDING, "utter_login_required_documents",
                                   view_documents)
