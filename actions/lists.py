"""The Parkeerloket's menu in the chat: the overview ("Home", the number behind every
menu item) and the lists Huidige producten, Aanvraagbare producten and Historie.

All need a login (actions.common.gated_journey); `CONTINUATIONS` lets action_login_done
continue them after the login. Lists come 5 at a time with a "Meer tonen" button.
"""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import backend_client as backend
from actions.common import (
    Journey,
    gated_journey,
    handles_backend_errors,
    latest_entity,
    latest_intent,
    list_offset,
)
from actions.formatting import button, date_nl, money, more_button
from actions.status import application_line

OVERVIEW = "show_overview"
CURRENT = "list_current_products"
AVAILABLE = "list_available_products"
HISTORY = "list_history"

# The menu of the Parkeerloket: count key of GET /overview, title, intent of its button.
MENU = (
    ("renewals", "Verlengingen", "renew_product"),
    ("cart", "Winkelwagen", "pay_cart"),
    ("open_applications", "Lopende aanvragen", "list_pending_applications"),
    ("current_products", "Huidige producten", "list_current_products"),
    ("available_products", "Aanvraagbare producten", "list_available_products"),
    ("history", "Historie", "list_history"),
)
BUTTON_TITLES = {"cart": "Winkelwagen betalen"}

# What can be done with a current product: backend action code → button title, intent.
PRODUCT_ACTIONS = {
    "change_plate": ("Kenteken wijzigen", "change_plate"),
    "terminate": ("Beëindigen", "terminate_product"),
    "documents": ("Documenten", "view_documents"),
}

# Why a product cannot be applied for, in one short sentence (reason codes of the backend).
UNAVAILABLE_SENTENCES = {
    "not_in_zone": "Uw adres ligt niet in het gebied van dit product.",
    "already_has_product": "U heeft al een {product_name}.",
    "already_applied": "U heeft hiervoor al een aanvraag lopen.",
    "zone_cap_reached": "In {zone_name} zijn alle vergunningen uitgegeven.",
    "not_offered_in_chat_yet": "Dit kunt u nog niet in de chat aanvragen.",
    "company_only": "Dit is voor bedrijven. Log daarvoor in met eHerkenning.",
    "person_only": "Dit is voor bewoners. Log daarvoor in met DigiD.",
}
UNAVAILABLE_OTHER = "Dit kunt u nu niet aanvragen."


def capitalized(name: str | None) -> str:
    name = name or ""
    return name[:1].upper() + name[1:]


def chosen_number(tracker: Tracker, intent: str) -> str | None:
    """The product number of the button pressed for `intent` in this turn, if any."""
    number = latest_entity(tracker, "product_number") if latest_intent(tracker) == intent else None
    return str(number) if number else None


def choose_product(dispatcher: CollectingDispatcher, tracker: Tracker, products: list[dict],
                   intent: str, responses: str, ended: list[dict] = ()) -> dict | None:
    """The product a journey on an existing product is about: the one whose button was
    pressed (`product_number`), or the only one. Otherwise None, after saying why or asking
    with a button per product (responses utter_<responses>_unknown_product / _no_products /
    _which_product, and _already_ended for a number found in `ended`)."""
    number = chosen_number(tracker, intent)
    if number:
        chosen = [p for p in products if p.get("number") == number]
        if not chosen:
            was_ended = any(p.get("number") == number for p in ended)
            dispatcher.utter_message(
                response=f"utter_{responses}_{'already_ended' if was_ended else 'unknown_product'}")
        return chosen[0] if chosen else None
    if not products:
        dispatcher.utter_message(response=f"utter_{responses}_no_products")
        return None
    if len(products) > 1:
        buttons = [button(f"{capitalized(p.get('name'))} {p.get('number')}", intent,
                          {"product_number": p.get("number")}) for p in products]
        dispatcher.utter_message(response=f"utter_{responses}_which_product", buttons=buttons)
        return None
    return products[0]


def count_nl(n: int, singular: str, plural: str) -> str:
    return f"{n} {singular if n == 1 else plural}"


def product_line(product: dict, ended: bool = False) -> str:
    """ "Bewonersvergunning P-2026-000001, Binnenstad, kenteken 34-KL-LM, geldig tot en met 28 februari 2027." """
    parts = [f"{capitalized(product.get('name'))} {product.get('number')}"]
    zone = product.get("zone_name") or product.get("zone")
    if zone:
        parts.append(zone)
    plates = product.get("plates") or []
    if plates:
        parts.append(("kenteken " if len(plates) == 1 else "kentekens ") + " en ".join(plates))
    until = product.get("valid_until_display") or date_nl(product.get("valid_until"))
    if ended:
        parts.append(f"beëindigd op {product.get('ended_on_display') or date_nl(product.get('ended_on')) or until}")
    else:
        parts.append(f"geldig tot en met {until}")
    return ", ".join(parts) + "."


def product_buttons(product: dict, only: tuple[str, ...] | None = None, with_number: bool = False) -> list[dict]:
    """Buttons for what can be done with a product, e.g. /change_plate{"product_number":"P-…"}."""
    buttons = []
    for code in product.get("actions") or []:
        if code not in PRODUCT_ACTIONS or (only and code not in only):
            continue
        title, intent = PRODUCT_ACTIONS[code]
        if with_number:
            title = f"{title} {product.get('number')}"
        buttons.append(button(title, intent, {"product_number": product.get("number")}))
    return buttons


def page_range(offset: int, shown: int, total: int) -> dict:
    return {"first": offset + 1, "last": offset + shown, "total": total}


# Overview (Home)

async def show_overview(dispatcher: CollectingDispatcher, tracker: Tracker,
                        citizen: dict | None = None) -> list[dict]:
    """One line per menu item with its number, buttons for the items that have something,
    then the open applications in short."""
    data = await backend.overview(tracker.sender_id)
    counts = data.get("counts") or {}
    lines, buttons = [], []
    for key, title, intent in MENU:
        n = int(counts.get(key) or 0)
        line = f"{title} {n}"
        if key == "cart" and n:
            line += f" ({data.get('cart_total_display') or money(data.get('cart_total'))})"
        lines.append(line)
        if n:
            buttons.append(button(BUTTON_TITLES.get(key, title), intent))
    dispatcher.utter_message(response="utter_overview", lines="\n".join(lines), buttons=buttons)

    applications = data.get("open_applications") or []
    if applications:
        short = [application_line(a, short=True) for a in applications]
        more = int(counts.get("open_applications") or 0) - len(applications)
        if more > 0:
            short.append(f"En nog {count_nl(more, 'aanvraag', 'aanvragen')}.")
        dispatcher.utter_message(response="utter_overview_applications", lines="\n".join(short))
    return []


# Huidige producten

async def list_current_products(dispatcher: CollectingDispatcher, tracker: Tracker,
                                citizen: dict | None = None) -> list[dict]:
    """One message per product with buttons for what can be done with it."""
    offset = list_offset(tracker)
    page = await backend.products(tracker.sender_id, "current", offset)
    products = page["products"]
    if not products:
        if offset and page["total"]:
            dispatcher.utter_message(response="utter_list_end")
        else:
            dispatcher.utter_message(response="utter_products_none",
                                     buttons=[button("Aanvraagbare producten", AVAILABLE)])
        return []
    for product in products:
        dispatcher.utter_message(text=product_line(product), buttons=product_buttons(product))
    if page["next_offset"] is not None:
        dispatcher.utter_message(response="utter_list_more", **page_range(offset, len(products), page["total"]),
                                 buttons=[more_button(CURRENT, page["next_offset"])])
    return []


# Aanvraagbare producten

def where(data: dict, citizen: dict | None) -> str:
    """ "Brink 10, Binnenstad": the address the list is for (zone only when there is one)."""
    citizen = citizen or {}
    address = data.get("address") or (citizen.get("address") or "").split(",")[0]
    has_zone = citizen.get("zone") is not None if "zone" in citizen else True
    zone = (data.get("zone_name") or citizen.get("zone_name")) if has_zone else None
    return ", ".join(part for part in (address, zone) if part)


def prices_text(prices: list[dict]) -> str:
    """ "€ 312,00 per jaar, € 81,90 per kwartaal of € 28,60 per maand" """
    parts = [f"{p.get('price_display') or money(p.get('price'))} per {(p.get('label') or p.get('code') or '').lower()}"
             for p in prices]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " of " + parts[-1]


def unavailable_sentence(product: dict) -> str:
    values = {"product_name": product.get("name") or "", "zone_name": "uw gebied",
              **{k: v for k, v in (product.get("params") or {}).items() if isinstance(v, str)}}
    template = UNAVAILABLE_SENTENCES.get(product.get("reason") or "", UNAVAILABLE_OTHER)
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return UNAVAILABLE_OTHER


async def list_available_products(dispatcher: CollectingDispatcher, tracker: Tracker,
                                  citizen: dict | None = None) -> list[dict]:
    """What the citizen can apply for on their address (with prices and an "Aanvragen"
    button), then what not and why."""
    data = await backend.available_products(tracker.sender_id)
    products = data.get("products") or []
    available = [p for p in products if p.get("available")]
    unavailable = [p for p in products if not p.get("available")]
    address = where(data, citizen)
    if available:
        dispatcher.utter_message(response="utter_available_intro", address=address)
        for product in available:
            prices = prices_text(product.get("prices") or [])
            text = f"{capitalized(product.get('name'))}: {prices}." if prices else f"{capitalized(product.get('name'))}."
            dispatcher.utter_message(text=text, buttons=[button("Aanvragen", "apply_product",
                                                                {"product": product.get("code")})])
    else:
        dispatcher.utter_message(response="utter_available_none", address=address)
    if unavailable:
        lines = "\n".join(f"- {capitalized(p.get('name'))}: {unavailable_sentence(p)}" for p in unavailable)
        elsewhere = any(p.get("reason") == "not_offered_in_chat_yet" for p in unavailable)
        dispatcher.utter_message(response="utter_unavailable_list_elsewhere" if elsewhere
                                 else "utter_unavailable_list", lines=lines)
    return []


# Historie

async def list_history(dispatcher: CollectingDispatcher, tracker: Tracker,
                       citizen: dict | None = None) -> list[dict]:
    """Ended products since March 2020, then rejected and cancelled applications; the
    number first. Both lists are paged as one: products first, then applications."""
    sid = tracker.sender_id
    offset = list_offset(tracker)
    products = await backend.products(sid, "history", offset)
    n_products = products["total"]
    room = backend.PAGE_SIZE - len(products["products"])
    applications = await backend.applications(sid, "closed", max(0, offset - n_products), max(1, room))
    n_applications = applications["total"]
    total = n_products + n_applications
    shown_applications = applications["applications"][:room] if room > 0 else []

    lines = [product_line(p, ended=True) for p in products["products"]]
    lines += [f"Aanvraag {application_line(a, short=True)}" for a in shown_applications]
    if not lines:
        dispatcher.utter_message(response="utter_history_none" if total == 0 else "utter_list_end")
        return []
    buttons = [b for p in products["products"] for b in product_buttons(p, only=("documents",), with_number=True)]
    if offset + backend.PAGE_SIZE < total:
        buttons.append(more_button(HISTORY, offset + backend.PAGE_SIZE))
    if offset == 0:
        parts = []
        if n_products:
            parts.append(count_nl(n_products, "product", "producten"))
        if n_applications:
            parts.append(count_nl(n_applications, "aanvraag", "aanvragen"))
        verb = "staat" if total == 1 else "staan"
        dispatcher.utter_message(response="utter_history", count=f"{verb} {' en '.join(parts)}",
                                 lines="\n".join(lines), buttons=buttons)
    else:
        dispatcher.utter_message(response="utter_history_more", lines="\n".join(lines), buttons=buttons)
    return []


# Continued by action_login_done when the citizen asked for them before logging in.
CONTINUATIONS: dict[str, Journey] = {
    OVERVIEW: show_overview,
    CURRENT: list_current_products,
    AVAILABLE: list_available_products,
    HISTORY: list_history,
}


class ActionShowOverview(Action):
    def name(self) -> str:
        return "action_show_overview"

    @handles_backend_errors
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        return await gated_journey(dispatcher, tracker, OVERVIEW, "utter_login_required_lists", show_overview)


class ActionListCurrentProducts(Action):
    def name(self) -> str:
        return "action_list_current_products"

    @handles_backend_errors
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        return await gated_journey(dispatcher, tracker, CURRENT, "utter_login_required_lists",
                                   list_current_products)


class ActionListAvailableProducts(Action):
    def name(self) -> str:
        return "action_list_available_products"

    @handles_backend_errors
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        return await gated_journey(dispatcher, tracker, AVAILABLE, "utter_login_required_available",
                                   list_available_products)


class ActionListHistory(Action):
    def name(self) -> str:
        return "action_list_history"

    @handles_backend_errors
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        return await gated_journey(dispatcher, tracker, HISTORY, "utter_login_required_lists", list_history)
