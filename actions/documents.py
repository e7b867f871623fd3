"""Journey "bekijk documenten": the documents of one product, in the manual's two tabs
(Aanvraag documenten: what the citizen uploaded; Product documenten: our letters), as
signed links that expire.

Every document is its own message with the custom payload
`{"document": {"url", "filename", "title"}}`: Telegram sends it as a file (sendDocument),
WhatsApp as a document message, the web chat shows a download link."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import backend_client as backend
from actions.gate import GatedJourneyAction
from actions.i18n import DUTCH, Texts, texts
from actions.product_choice import choose_product

PENDING = "view_documents"


def _section(title: str, documents: list[dict], t: Texts = DUTCH) -> str:
    if not documents:
        return t("documents_none", title=title)
    return f"{title}:\n" + "\n".join(f"- {t.document_title(d)}" for d in documents)


def document_message(doc: dict, t: Texts = DUTCH) -> dict:
    """The custom payload every channel knows how to send as a file (the letter itself stays Dutch)."""
    title = t.document_title(doc)
    return {"document": {"url": doc["url"], "filename": doc.get("filename") or f"{title}.pdf", "title": title}}


async def view_documents(dispatcher: CollectingDispatcher, tracker: Tracker,
                         citizen: dict | None = None) -> list[dict]:
    sid, t = tracker.sender_id, texts(tracker)
    # Huidige producten and Historie (since March 2020), as in the Parkeerloket.
    products = [*(await backend.products(sid, "current", 0, 20))["products"],
                *(await backend.products(sid, "history", 0, 20))["products"]]
    product = choose_product(dispatcher, tracker, products, PENDING, "documents")
    if product is None:
        return []
    docs = await backend.product_documents(sid, product["id"])
    uploaded = docs.get("application_documents") or []
    letters = docs.get("product_documents") or []
    lines = [t("documents_title", name=t.product_of(product), number=product.get("number")),
             _section(t("documents_uploaded"), uploaded, t), _section(t("documents_letters"), letters, t)]
    if uploaded or letters:
        lines.append(t("documents_links"))
    dispatcher.utter_message(text="\n".join(lines))
    for doc in [*uploaded, *letters]:
        dispatcher.utter_message(json_message=document_message(doc, t))
    return []


class ActionViewDocuments(GatedJourneyAction):
    pending = PENDING
    login_response = "utter_login_required_documents"
    journey = staticmethod(view_documents)

    def name(self) -> str:
        return "action_view_documents"
