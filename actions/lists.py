"""The Parkeerloket's menu in the chat: the overview ("Home", the number behind every
menu item) and the lists Huidige producten, Aanvraagbare producten and Historie.

All need a login (actions.gate.GatedJourneyAction, which also lets action_login_done
continue them after the login). Lists come 5 at a time with a "Meer tonen" button.
"""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import backend_client as backend
from actions import labels
from actions.buttons import button, more_button
from actions.common import list_offset
from actions.formatting import capitalized
from actions.gate import GatedJourneyAction
from actions.i18n import DUTCH, Texts, texts
from actions.status import application_line

OVERVIEW = "show_overview"
CURRENT = "list_current_products"
AVAILABLE = "list_available_products"
HISTORY = "list_history"

# The menu of the Parkeerloket: count key of GET /overview (its title is the message
# "menu_<key>" of actions.i18n), intent of its button.
MENU = (
    ("renewals", "renew_product"),
    ("cart", "pay_cart"),
    ("open_applications", "list_pending_applications"),
    ("current_products", "list_current_products"),
    ("available_products", "list_available_products"),
    ("history", "list_history"),
)
BUTTON_TITLES = {"cart": "button_cart"}      # message keys of buttons other than the menu title

# What can be done with a current product: backend action code → message key of the button
# title, intent.
PRODUCT_ACTIONS = {
    "change_plate": ("action_change_plate", "change_plate"),
    "activate_plate": ("action_activate_plate", "activate_plate"),
    "terminate": ("action_terminate", "terminate_product"),
    "documents": ("action_documents", "view_documents"),
}

# Why a product cannot be applied for, in one short sentence: reason codes of the backend
# with a message "unavailable_<reason>"; any other reason gets "unavailable_other".
UNAVAILABLE_REASONS = ("not_in_zone", "already_has_product", "already_applied", "zone_cap_reached",
                       "not_offered_in_chat_yet", "company_only", "person_only")


def product_line(product: dict, ended: bool = False, t: Texts = DUTCH) -> str:
    """ "Bewonersvergunning P-2026-000001, Binnenstad, kenteken 34-KL-LM, geldig tot en met 28 februari 2027." """
    parts = [f"{capitalized(t.product_of(product))} {product.get('number')}"]
    zone = t.zone_of(product)
    if zone:
        parts.append(zone)
    plates = product.get("plates") or []
    joined = f" {t('and')} ".join(plates)
    if len(plates) > 1 and product.get("active_plate") and not ended:
        parts.append(t("plates_with_active", plates=joined, active=product["active_plate"]))
    elif plates:
        parts.append(t("plate_one" if len(plates) == 1 else "plate_many", plates=joined))
    until = t.date_of(product, "valid_until")
    if ended:
        parts.append(t("ended_on", date=t.date_of(product, "ended_on") or until))
    else:
        parts.append(t("valid_through", date=until))
    link = product.get("link") or {}
    if link.get("needed") and not ended:
        parts.append(t("linked", how=t.label(labels.LINK_METHODS, link.get("method")))
                     if link.get("linked") else t("not_linked"))
    return ", ".join(parts) + "."


def product_buttons(product: dict, only: tuple[str, ...] | None = None, with_number: bool = False,
                    t: Texts = DUTCH) -> list[dict]:
    """Buttons for what can be done with a product, e.g. /change_plate{"product_number":"P-…"}."""
    buttons = []
    for code in product.get("actions") or []:
        if code not in PRODUCT_ACTIONS or (only and code not in only):
            continue
        key, intent = PRODUCT_ACTIONS[code]
        title = t(key)
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
    t = texts(tracker)
    data = await backend.overview(tracker.sender_id)
    counts = data.get("counts") or {}
    lines, buttons = [], []
    for key, intent in MENU:
        n = int(counts.get(key) or 0)
        title = t(f"menu_{key}")
        line = t("overview_line", title=title, n=n)
        if key == "cart" and n:
            line += f" ({t.money_of(data, 'cart_total')})"
        lines.append(line)
        if n:
            buttons.append(button(t(BUTTON_TITLES[key]) if key in BUTTON_TITLES else title, intent))
    dispatcher.utter_message(response="utter_overview", lines="\n".join(lines), buttons=buttons)

    applications = data.get("open_applications") or []
    if applications:
        short = [application_line(a, short=True, t=t) for a in applications]
        more = int(counts.get("open_applications") or 0) - len(applications)
        if more > 0:
            short.append(t("and_more", count=t.count(more, "application")))
        dispatcher.utter_message(response="utter_overview_applications", lines="\n".join(short))
    return []


# Huidige producten

async def list_current_products(dispatcher: CollectingDispatcher, tracker: Tracker,
                                citizen: dict | None = None) -> list[dict]:
    """One message per product with buttons for what can be done with it."""
    t = texts(tracker)
    offset = list_offset(tracker)
    page = await backend.products(tracker.sender_id, "current", offset)
    products = page["products"]
    if not products:
        if offset and page["total"]:
            dispatcher.utter_message(response="utter_list_end")
        else:
            dispatcher.utter_message(response="utter_products_none",
                                     buttons=[button(t("menu_available_products"), AVAILABLE)])
        return []
    for product in products:
        dispatcher.utter_message(text=product_line(product, t=t), buttons=product_buttons(product, t=t))
    if page["next_offset"] is not None:
        dispatcher.utter_message(response="utter_list_more", **page_range(offset, len(products), page["total"]),
                                 buttons=[more_button(CURRENT, page["next_offset"], t)])
    return []


# Aanvraagbare producten

def where(data: dict, citizen: dict | None, t: Texts = DUTCH) -> str:
    """ "Brink 10, Binnenstad": the address the list is for (zone only when there is one)."""
    citizen = citizen or {}
    address = data.get("address") or (citizen.get("address") or "").split(",")[0]
    zone = t.zone_of(data) if data.get("zone") else None
    return ", ".join(part for part in (address, zone) if part)


def prices_text(prices: list[dict], t: Texts = DUTCH) -> str:
    """ "€ 312,00 per jaar, € 81,90 per kwartaal of € 28,60 per maand" """
    return t.join([t("price_per", price=t.money_of(p, "price"), period=t.period(p.get("code")).lower())
                   for p in prices], "or")


def unavailable_sentence(product: dict, t: Texts = DUTCH) -> str:
    params = product.get("params") or {}
    values = {**{k: v for k, v in params.items() if isinstance(v, str)}, "product_name": t.product(product.get("code")),
              "zone_name": t.zone_of(params) if "zone" in params else t("your_area")}
    reason = product.get("reason") or ""
    try:
        return t(f"unavailable_{reason}" if reason in UNAVAILABLE_REASONS else "unavailable_other", **values)
    except (KeyError, IndexError, ValueError):
        return t("unavailable_other")


async def list_available_products(dispatcher: CollectingDispatcher, tracker: Tracker,
                                  citizen: dict | None = None) -> list[dict]:
    """What the citizen can apply for on their address (with prices and an "Aanvragen"
    button), then what not and why."""
    t = texts(tracker)
    data = await backend.available_products(tracker.sender_id)
    products = data.get("products") or []
    available = [p for p in products if p.get("available")]
    unavailable = [p for p in products if not p.get("available")]
    address = where(data, citizen, t)
    if available:
        dispatcher.utter_message(response="utter_available_intro", address=address)
        for product in available:
            prices = prices_text(product.get("prices") or [], t)
            name = capitalized(t.product_of(product))
            dispatcher.utter_message(text=f"{name}: {prices}." if prices else f"{name}.",
                                     buttons=[button(t("apply"), "apply_product", {"product": product.get("code")})])
    else:
        dispatcher.utter_message(response="utter_available_none", address=address)
    if unavailable:
        lines = "\n".join(f"- {capitalized(t.product_of(p))}: {unavailable_sentence(p, t)}" for p in unavailable)
        elsewhere = any(p.get("reason") == "not_offered_in_chat_yet" for p in unavailable)
        dispatcher.utter_message(response="utter_unavailable_list_elsewhere" if elsewhere
                                 else "utter_unavailable_list", lines=lines)
    return []


# Historie

async def list_history(dispatcher: CollectingDispatcher, tracker: Tracker,
                       citizen: dict | None = None) -> list[dict]:
    """Ended products since March 2020, then rejected and cancelled applications; the
    number first. Both lists are paged as one: products first, then applications."""
    sid, t = tracker.sender_id, texts(tracker)
    offset = list_offset(tracker)
    products = await backend.products(sid, "history", offset)
    n_products = products["total"]
    room = backend.PAGE_SIZE - len(products["products"])
    applications = await backend.applications(sid, "closed", max(0, offset - n_products), max(1, room))
    n_applications = applications["total"]
    total = n_products + n_applications
    shown_applications = applications["applications"][:room] if room > 0 else []

    lines = [product_line(p, ended=True, t=t) for p in products["products"]]
    lines += [t("history_application", line=application_line(a, short=True, t=t)) for a in shown_applications]
    if not lines:
        dispatcher.utter_message(response="utter_history_none" if total == 0 else "utter_list_end")
        return []
    buttons = [b for p in products["products"]
               for b in product_buttons(p, only=("documents",), with_number=True, t=t)]
    if offset + backend.PAGE_SIZE < total:
        buttons.append(more_button(HISTORY, offset + backend.PAGE_SIZE, t))
    if offset == 0:
        parts = []
        if n_products:
            parts.append(t.count(n_products, "product"))
        if n_applications:
            parts.append(t.count(n_applications, "application"))
        what = f" {t('and')} ".join(parts)
        count = t("history_count_one" if total == 1 else "history_count_many", what=what)
        dispatcher.utter_message(response="utter_history", count=count, lines="\n".join(lines), buttons=buttons)
    else:
        dispatcher.utter_message(response="utter_history_more", lines="\n".join(lines), buttons=buttons)
    return []


class ActionShowOverview(GatedJourneyAction):
    pending = OVERVIEW
    login_response = "utter_login_required_lists"
    journey = staticmethod(show_overview)

    def name(self) -> str:
        return "action_show_overview"


class ActionListCurrentProducts(GatedJourneyAction):
    pending = CURRENT
    login_response = "utter_login_required_lists"
    journey = staticmethod(list_current_products)

    def name(self) -> str:
        return "action_list_current_products"


class ActionListAvailableProducts(GatedJourneyAction):
    pending = AVAILABLE
    login_response = "utter_login_required_available"
    journey = staticmethod(list_available_products)

    def name(self) -> str:
        return "action_list_available_products"


class ActionListHistory(GatedJourneyAction):
    pending = HISTORY
    login_response = "utter_login_required_lists"
    journey = staticmethod(list_history)

    def name(self) -> str:
        return "action_list_history"
