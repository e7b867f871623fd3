"""Journey "bekijk documenten": the documents of one product, in the manual's two tabs
(Aanvraag documenten: what the citizen uploaded; Product documenten: our letters), as
signed links that expire."""

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
    return f"{title}:\n" + "\n".join(f"- {d['title']}: {d['url']}" for d in documents)


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
    text = "\n".join([
        f"Documenten bij uw {product.get('name')} {product.get('number')}:",
        _section("Aanvraag documenten", docs.get("application_documents") or []),
        _section("Product documenten", docs.get("product_documents") or []),
        "De links werken 7 dagen en alleen voor u."])
    dispatcher.utter_message(text=text)
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
